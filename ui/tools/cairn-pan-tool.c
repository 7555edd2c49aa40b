#define G_LOG_DOMAIN "cairn-pan-tool"

#include <math.h>

#include "cairn-canvas.h"
#include "cairn-pan-tool.h"

struct _CairnPanTool
{
  GObject  parent_instance;
  double   press_widget_x;
  double   press_widget_y;
  double   origin_x;
  double   origin_y;
  gboolean moved;
  gboolean dragging;
};

static void cairn_pan_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnPanTool, cairn_pan_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_pan_tool_tool_init))

/* A press that moves less than this (widget pixels) is a click. */
#define CLICK_SLOP 4.0

static gboolean
cairn_pan_tool_press (CairnTool            *tool,
                      CairnCanvas          *canvas,
                      const CairnToolEvent *event)
{
  CairnPanTool *self = CAIRN_PAN_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  self->press_widget_x = event->widget_x;
  self->press_widget_y = event->widget_y;
  cairn_canvas_get_offset (canvas, &self->origin_x, &self->origin_y);
  self->moved = FALSE;
  self->dragging = TRUE;
  return TRUE;
}

static void
cairn_pan_tool_drag (CairnTool            *tool,
                     CairnCanvas          *canvas,
                     const CairnToolEvent *event)
{
  CairnPanTool *self = CAIRN_PAN_TOOL (tool);
  double dx = event->widget_x - self->press_widget_x;
  double dy = event->widget_y - self->press_widget_y;

  if (!self->moved && hypot (dx, dy) < CLICK_SLOP)
    return;
  self->moved = TRUE;
  cairn_canvas_set_offset (canvas, self->origin_x + dx, self->origin_y + dy);
}

static void
cairn_pan_tool_release (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnPanTool *self = CAIRN_PAN_TOOL (tool);

  self->dragging = FALSE;
  if (self->moved)
    return;
  cairn_canvas_set_selected_id (canvas, cairn_canvas_pick (canvas, event->x, event->y));
}

static const char *
cairn_pan_tool_get_cursor_name (CairnTool *tool)
{
  return CAIRN_PAN_TOOL (tool)->dragging ? "grabbing" : "grab";
}

static void
cairn_pan_tool_tool_init (CairnToolInterface *iface)
{
  iface->press = cairn_pan_tool_press;
  iface->drag = cairn_pan_tool_drag;
  iface->release = cairn_pan_tool_release;
  iface->get_cursor_name = cairn_pan_tool_get_cursor_name;
}

static void
cairn_pan_tool_class_init (CairnPanToolClass *klass)
{
}

static void
cairn_pan_tool_init (CairnPanTool *self)
{
}

CairnTool *
cairn_pan_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_PAN_TOOL, NULL);
}
