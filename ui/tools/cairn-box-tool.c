#define G_LOG_DOMAIN "cairn-box-tool"

#include <math.h>

#include "cairn-box-tool.h"
#include "cairn-canvas.h"
#include "cairn-draw-overlay.h"

struct _CairnBoxTool
{
  GObject  parent_instance;
  gboolean drawing;
  double   x0, y0;   /* the corner pressed, image pixels */
  double   x1, y1;   /* the corner under the pointer */
};

static void cairn_box_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnBoxTool, cairn_box_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_box_tool_tool_init))

/* Smaller than this on screen is a slip of the hand, not a box. */
#define MIN_SIZE 3.0

static gboolean
cairn_box_tool_press (CairnTool            *tool,
                      CairnCanvas          *canvas,
                      const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  self->x0 = self->x1 = event->x;
  self->y0 = self->y1 = event->y;
  cairn_canvas_clamp_to_image (canvas, &self->x0, &self->y0);
  self->x1 = self->x0;
  self->y1 = self->y0;
  self->drawing = TRUE;
  return TRUE;
}

static void
cairn_box_tool_drag (CairnTool            *tool,
                     CairnCanvas          *canvas,
                     const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);

  if (!self->drawing)
    return;
  self->x1 = event->x;
  self->y1 = event->y;
  cairn_canvas_clamp_to_image (canvas, &self->x1, &self->y1);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_box_tool_release (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);
  double zoom = cairn_canvas_get_zoom (canvas);
  g_autoptr(CairnAnnotation) box = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (!self->drawing)
    return;
  cairn_box_tool_drag (tool, canvas, event);
  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  if (fabs (self->x1 - self->x0) * zoom < MIN_SIZE || fabs (self->y1 - self->y0) * zoom < MIN_SIZE)
    return;
  box = cairn_canvas_new_annotation (canvas, CAIRN_KIND_BOX);
  cairn_annotation_set_box (box, MIN (self->x0, self->x1), MIN (self->y0, self->y1),
                            fabs (self->x1 - self->x0), fabs (self->y1 - self->y0));
  edit = cairn_edit_new_create (box);
  cairn_canvas_commit_edit (canvas, edit);
}

static gboolean
cairn_box_tool_cancel (CairnTool   *tool,
                       CairnCanvas *canvas)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);
  gboolean was = self->drawing;

  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return was;
}

static void
cairn_box_tool_deactivate (CairnTool   *tool,
                           CairnCanvas *canvas)
{
  cairn_box_tool_cancel (tool, canvas);
}

static void
cairn_box_tool_motion (CairnTool            *tool,
                       CairnCanvas          *canvas,
                       const CairnToolEvent *event)
{
  /* The guide lines follow the pointer. */
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_box_tool_draw_overlay (CairnTool   *tool,
                             CairnCanvas *canvas,
                             cairo_t     *cr,
                             double       zoom)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);

  cairn_draw_guides (canvas, cr, zoom);
  if (!self->drawing)
    return;
  cairo_rectangle (cr, MIN (self->x0, self->x1), MIN (self->y0, self->y1),
                   fabs (self->x1 - self->x0), fabs (self->y1 - self->y0));
  cairn_draw_pending (canvas, cr, zoom);
}

static const char *
cairn_box_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_box_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_box_tool_deactivate;
  iface->cancel = cairn_box_tool_cancel;
  iface->press = cairn_box_tool_press;
  iface->drag = cairn_box_tool_drag;
  iface->release = cairn_box_tool_release;
  iface->motion = cairn_box_tool_motion;
  iface->draw_overlay = cairn_box_tool_draw_overlay;
  iface->get_cursor_name = cairn_box_tool_get_cursor_name;
}

static void
cairn_box_tool_class_init (CairnBoxToolClass *klass)
{
}

static void
cairn_box_tool_init (CairnBoxTool *self)
{
}

CairnTool *
cairn_box_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_BOX_TOOL, NULL);
}
