#define G_LOG_DOMAIN "cairn-cuboid-tool"

#include <math.h>

#include "cairn-canvas.h"
#include "cairn-canvas-shapes.h"
#include "cairn-cuboid-tool.h"
#include "cairn-draw-overlay.h"

typedef enum
{
  STEP_NONE,
  STEP_FRONT,   /* dragging the front face */
  STEP_DEPTH,   /* the pointer sets the back face; a click ends */
} Step;

struct _CairnCuboidTool
{
  GObject parent_instance;
  Step    step;
  CairnDragRect front;
  double  dx, dy;           /* the back face's offset from it */
  double  depth_x, depth_y; /* where the pointer was when the depth step began */
};

static void cairn_cuboid_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnCuboidTool, cairn_cuboid_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_cuboid_tool_tool_init))

/* Eight points, front face then back, each top-left, bottom-left, top-right, bottom-right. */
static void
corners (CairnCuboidTool *self, double *c)
{
  double l, t, w, h;

  cairn_drag_rect_get (&self->front, &l, &t, &w, &h);
  const double face[8] = { l, t, l, t + h, l + w, t, l + w, t + h };

  for (guint i = 0; i < 8; i++)
    {
      c[i] = face[i];
      c[8 + i] = face[i] + (i % 2 == 0 ? self->dx : self->dy);
    }
}

static gboolean
cairn_cuboid_tool_cancel (CairnTool   *tool,
                          CairnCanvas *canvas)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);
  gboolean had = self->step != STEP_NONE;

  self->step = STEP_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return had;
}

static gboolean
cairn_cuboid_tool_finish (CairnTool   *tool,
                          CairnCanvas *canvas)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);
  g_autoptr(CairnAnnotation) cuboid = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  double c[16];

  if (self->step != STEP_DEPTH)
    return FALSE;
  corners (self, c);
  cuboid = cairn_canvas_new_annotation (canvas, CAIRN_KIND_CUBOID);
  cairn_annotation_set_coords (cuboid, c, 16);
  self->step = STEP_NONE;
  edit = cairn_edit_new_create (cuboid);
  cairn_canvas_commit_edit (canvas, edit);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static gboolean
cairn_cuboid_tool_press (CairnTool            *tool,
                         CairnCanvas          *canvas,
                         const CairnToolEvent *event)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  if (self->step == STEP_DEPTH)
    return TRUE;
  cairn_drag_rect_start (&self->front, canvas, event);
  self->dx = self->dy = 0;
  self->step = STEP_FRONT;
  return TRUE;
}

static void
cairn_cuboid_tool_drag (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);

  if (self->step == STEP_FRONT)
    cairn_drag_rect_update (&self->front, canvas, event);
}

static void
cairn_cuboid_tool_release (CairnTool            *tool,
                           CairnCanvas          *canvas,
                           const CairnToolEvent *event)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);

  if (self->step == STEP_DEPTH)
    {
      cairn_cuboid_tool_finish (tool, canvas);
      return;
    }
  if (self->step != STEP_FRONT)
    return;
  cairn_cuboid_tool_drag (tool, canvas, event);
  if (!cairn_drag_rect_big_enough (&self->front, canvas))
    {
      cairn_cuboid_tool_cancel (tool, canvas);
      return;
    }
  self->step = STEP_DEPTH;
  self->depth_x = event->x;
  self->depth_y = event->y;
}

static void
cairn_cuboid_tool_motion (CairnTool            *tool,
                          CairnCanvas          *canvas,
                          const CairnToolEvent *event)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);

  if (self->step == STEP_DEPTH)
    {
      self->dx = event->x - self->depth_x;
      self->dy = event->y - self->depth_y;
    }
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_cuboid_tool_deactivate (CairnTool   *tool,
                              CairnCanvas *canvas)
{
  cairn_cuboid_tool_cancel (tool, canvas);
}

static void
cairn_cuboid_tool_draw_overlay (CairnTool   *tool,
                                CairnCanvas *canvas,
                                cairo_t     *cr,
                                double       zoom)
{
  CairnCuboidTool *self = CAIRN_CUBOID_TOOL (tool);
  g_autoptr(CairnAnnotation) pending = NULL;
  double c[16];

  cairn_draw_guides (canvas, cr, zoom);
  if (self->step == STEP_NONE)
    return;
  corners (self, c);
  pending = cairn_annotation_new (CAIRN_KIND_CUBOID);
  cairn_annotation_set_coords (pending, c, 16);
  cairo_save (cr);
  cairn_shape_path (cr, pending, NULL, 1.0 / zoom);
  cairn_draw_pending (canvas, cr, zoom);
  cairo_restore (cr);
}

static const char *
cairn_cuboid_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_cuboid_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_cuboid_tool_deactivate;
  iface->cancel = cairn_cuboid_tool_cancel;
  iface->finish = cairn_cuboid_tool_finish;
  iface->press = cairn_cuboid_tool_press;
  iface->drag = cairn_cuboid_tool_drag;
  iface->release = cairn_cuboid_tool_release;
  iface->motion = cairn_cuboid_tool_motion;
  iface->draw_overlay = cairn_cuboid_tool_draw_overlay;
  iface->get_cursor_name = cairn_cuboid_tool_get_cursor_name;
}

static void
cairn_cuboid_tool_class_init (CairnCuboidToolClass *klass)
{
}

static void
cairn_cuboid_tool_init (CairnCuboidTool *self)
{
}

CairnTool *
cairn_cuboid_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_CUBOID_TOOL, NULL);
}
