#define G_LOG_DOMAIN "cairn-brush-tool"

#include <math.h>

#include "cairn-brush-tool.h"
#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"

struct _CairnBrushTool
{
  GObject  parent_instance;
  gboolean erase;
  CairnTip tip;
  double   size;
  gboolean painting;
  double   last_x;
  double   last_y;
};

static void cairn_brush_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnBrushTool, cairn_brush_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_brush_tool_tool_init))

static void
paint_to (CairnBrushTool *self, CairnCanvas *canvas, double x, double y, gboolean first)
{
  CairnBitmap *bits = cairn_canvas_mask_get_bits (canvas);
  CairnMaskRect changed = { 0 };
  guint8 value = cairn_canvas_mask_get_ink (canvas);

  if (bits == NULL)
    return;
  if (first)
    cairn_mask_dab (bits, self->tip, self->size, x, y, value, &changed);
  else
    cairn_mask_stroke (&changed, bits, self->tip, self->size, self->last_x, self->last_y, x, y,
                       value);
  self->last_x = x;
  self->last_y = y;
  cairn_canvas_mask_changed (canvas, &changed);
}

static gboolean
cairn_brush_tool_press (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnBrushTool *self = CAIRN_BRUSH_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  if (!cairn_canvas_mask_begin (canvas, self->erase ? CAIRN_MASK_ERASE : CAIRN_MASK_PAINT,
                                event->x, event->y))
    return TRUE; /* the gesture is ours all the same: it must not pan or select */
  self->painting = TRUE;
  paint_to (self, canvas, event->x, event->y, TRUE);
  return TRUE;
}

static void
cairn_brush_tool_drag (CairnTool            *tool,
                       CairnCanvas          *canvas,
                       const CairnToolEvent *event)
{
  CairnBrushTool *self = CAIRN_BRUSH_TOOL (tool);

  if (self->painting)
    paint_to (self, canvas, event->x, event->y, FALSE);
  else
    gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_brush_tool_release (CairnTool            *tool,
                          CairnCanvas          *canvas,
                          const CairnToolEvent *event)
{
  CairnBrushTool *self = CAIRN_BRUSH_TOOL (tool);

  if (!self->painting)
    return;
  paint_to (self, canvas, event->x, event->y, FALSE);
  self->painting = FALSE;
  cairn_canvas_mask_commit (canvas, self->erase ? CAIRN_EDIT_VERB_ERASE : CAIRN_EDIT_VERB_PAINT);
}

static gboolean
cairn_brush_tool_cancel (CairnTool   *tool,
                         CairnCanvas *canvas)
{
  CairnBrushTool *self = CAIRN_BRUSH_TOOL (tool);
  gboolean was = self->painting;

  self->painting = FALSE;
  if (was)
    cairn_canvas_mask_cancel (canvas);
  return was;
}

static void
cairn_brush_tool_deactivate (CairnTool   *tool,
                             CairnCanvas *canvas)
{
  cairn_brush_tool_cancel (tool, canvas);
}

static void
cairn_brush_tool_motion (CairnTool            *tool,
                         CairnCanvas          *canvas,
                         const CairnToolEvent *event)
{
  /* The tip's outline follows the pointer. */
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

/* The tip at the pointer: a light line over a dark one, seen on any picture. */
static void
cairn_brush_tool_draw_overlay (CairnTool   *tool,
                               CairnCanvas *canvas,
                               cairo_t     *cr,
                               double       zoom)
{
  CairnBrushTool *self = CAIRN_BRUSH_TOOL (tool);
  double x, y, r = self->size / 2;

  if (!cairn_canvas_get_pointer (canvas, &x, &y))
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  if (self->tip == CAIRN_TIP_ROUND)
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
  cairo_set_line_width (cr, 3 / zoom);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.2 / zoom);
  cairo_set_source_rgb (cr, 1, 1, 1);
  if (self->erase)
    {
      double dash = 4 / zoom;

      cairo_set_dash (cr, &dash, 1, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static const char *
cairn_brush_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_brush_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_brush_tool_deactivate;
  iface->cancel = cairn_brush_tool_cancel;
  iface->press = cairn_brush_tool_press;
  iface->drag = cairn_brush_tool_drag;
  iface->release = cairn_brush_tool_release;
  iface->motion = cairn_brush_tool_motion;
  iface->draw_overlay = cairn_brush_tool_draw_overlay;
  iface->get_cursor_name = cairn_brush_tool_get_cursor_name;
}

static void
cairn_brush_tool_class_init (CairnBrushToolClass *klass)
{
}

static void
cairn_brush_tool_init (CairnBrushTool *self)
{
  self->size = CAIRN_BRUSH_DEFAULT_SIZE;
  self->tip = CAIRN_TIP_ROUND;
}

CairnTool *
cairn_brush_tool_new (gboolean erase)
{
  CairnBrushTool *self = g_object_new (CAIRN_TYPE_BRUSH_TOOL, NULL);

  self->erase = erase;
  return CAIRN_TOOL (self);
}

double
cairn_brush_tool_get_size (CairnBrushTool *self)
{
  g_return_val_if_fail (CAIRN_IS_BRUSH_TOOL (self), 0);
  return self->size;
}

void
cairn_brush_tool_set_size (CairnBrushTool *self,
                           double          size)
{
  g_return_if_fail (CAIRN_IS_BRUSH_TOOL (self));
  self->size = CLAMP (round (size), CAIRN_BRUSH_MIN_SIZE, CAIRN_BRUSH_MAX_SIZE);
}

void
cairn_brush_tool_step_size (CairnBrushTool *self,
                            int             steps)
{
  double size;

  g_return_if_fail (CAIRN_IS_BRUSH_TOOL (self));
  /* A quarter at a time, and at least a pixel: small brushes still change. */
  size = self->size * pow (1.25, steps);
  if (fabs (size - self->size) < 1)
    size = self->size + (steps > 0 ? 1 : -1);
  cairn_brush_tool_set_size (self, size);
}

CairnTip
cairn_brush_tool_get_tip (CairnBrushTool *self)
{
  g_return_val_if_fail (CAIRN_IS_BRUSH_TOOL (self), CAIRN_TIP_ROUND);
  return self->tip;
}

void
cairn_brush_tool_set_tip (CairnBrushTool *self,
                          CairnTip        tip)
{
  g_return_if_fail (CAIRN_IS_BRUSH_TOOL (self));
  self->tip = tip;
}
