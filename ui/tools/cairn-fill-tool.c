#define G_LOG_DOMAIN "cairn-fill-tool"

#include <glib/gi18n.h>
#include <math.h>

#include "mask/cairn-mask-fill.h"
#include "mask/cairn-mask-paint.h"
#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"
#include "cairn-fill-tool.h"

struct _CairnFillTool
{
  GObject          parent_instance;
  gboolean         wand;
  guint            tolerance;     /* the wand's, kept from one use to the next */

  /* The wand's drag. */
  gboolean         dragging;
  gboolean         subtract;
  int              seed_x;
  int              seed_y;
  double           press_wx;
  double           press_wy;
  guint            base_tolerance;
  guint            shown_tolerance;
  CairnBitmap     *region;
  CairnMaskRect    bounds;
  cairo_surface_t *preview;       /* A8 over bounds */
};

static void cairn_fill_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnFillTool, cairn_fill_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_fill_tool_tool_init))

/* Widget pixels of drag per step of tolerance. */
#define DRAG_PER_STEP 2.0

/* Fill */

static gboolean
fill_closed_area (CairnFillTool *self, CairnCanvas *canvas, int x, int y)
{
  gint64 id = cairn_canvas_get_selected_id (canvas);
  const CairnAnnotation *selected = cairn_canvas_get_annotation (canvas, id);
  const CairnBitmap *mask;
  g_autoptr(CairnBitmap) region = NULL;
  CairnMaskRect bounds;
  gboolean open = TRUE;

  if (selected == NULL || selected->kind != CAIRN_KIND_MASK)
    return FALSE;
  mask = cairn_canvas_mask_peek (canvas, selected);
  if (mask == NULL || cairn_bitmap_get (mask, x, y))
    return FALSE;
  region = cairn_bitmap_new (mask->width, mask->height);
  if (!cairn_mask_flood_mask (mask, x, y, region, &bounds, &open) || open)
    return FALSE;
  if (!cairn_canvas_mask_begin (canvas, CAIRN_MASK_PAINT, x, y))
    return TRUE;
  cairn_bitmap_merge (cairn_canvas_mask_get_bits (canvas), region, &bounds, 1);
  cairn_canvas_mask_changed (canvas, &bounds);
  cairn_canvas_mask_commit (canvas, CAIRN_EDIT_VERB_FILL);
  return TRUE;
}

static gboolean
fill_polygon (CairnFillTool *self, CairnCanvas *canvas, double x, double y)
{
  const CairnAnnotation *polygon = cairn_canvas_get_annotation (canvas,
                                                                cairn_canvas_pick (canvas, x, y));
  CairnMaskRect changed = { 0 };

  if (polygon == NULL || polygon->kind != CAIRN_KIND_POLYGON || polygon->rings->len == 0)
    return FALSE;
  if (!cairn_canvas_mask_begin (canvas, CAIRN_MASK_PAINT, x, y))
    return TRUE;
  cairn_mask_fill_polygon (cairn_canvas_mask_get_bits (canvas),
                           (const double *) polygon->coords->data,
                           (const guint *) polygon->rings->data, polygon->rings->len, 1,
                           &changed);
  cairn_canvas_mask_changed (canvas, &changed);
  cairn_canvas_mask_commit (canvas, CAIRN_EDIT_VERB_FILL);
  return TRUE;
}

/* The wand */

static void
update_preview (CairnFillTool *self)
{
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  if (self->bounds.width <= 0 || self->bounds.width > 32767 || self->bounds.height > 32767)
    return;
  self->preview = cairo_image_surface_create (CAIRO_FORMAT_A8, self->bounds.width,
                                              self->bounds.height);
  cairo_surface_flush (self->preview);
  cairn_bitmap_read_rect (self->region, &self->bounds,
                          cairo_image_surface_get_data (self->preview),
                          cairo_image_surface_get_stride (self->preview), 255);
  cairo_surface_mark_dirty (self->preview);
}

static void
grow (CairnFillTool *self, CairnCanvas *canvas, guint tolerance)
{
  CairnPixels pixels;
  g_autofree char *text = NULL;

  if (!cairn_canvas_get_pixels (canvas, &pixels))
    return;
  if (self->region == NULL || self->region->width != pixels.width
      || self->region->height != pixels.height)
    {
      g_clear_pointer (&self->region, cairn_bitmap_free);
      self->region = cairn_bitmap_new (pixels.width, pixels.height);
    }
  else
    cairn_bitmap_clear (self->region);
  self->bounds = (CairnMaskRect) { 0 };
  cairn_mask_flood_image (&pixels, self->seed_x, self->seed_y, tolerance, self->region,
                          &self->bounds);
  self->shown_tolerance = tolerance;
  update_preview (self);
  /* Translators: the magic wand's colour tolerance while it is dragged, 0 to 255. */
  text = g_strdup_printf (_("Tolerance %u"), tolerance);
  cairn_canvas_show_notice (canvas, text);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
end_wand (CairnFillTool *self, CairnCanvas *canvas)
{
  self->dragging = FALSE;
  g_clear_pointer (&self->preview, cairo_surface_destroy);
  g_clear_pointer (&self->region, cairn_bitmap_free);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static gboolean
cairn_fill_tool_press (CairnTool            *tool,
                       CairnCanvas          *canvas,
                       const CairnToolEvent *event)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (tool);
  CairnPixels pixels;
  int x = (int) floor (event->x), y = (int) floor (event->y);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  if (!self->wand)
    {
      if (!fill_closed_area (self, canvas, x, y)
          && !fill_polygon (self, canvas, event->x, event->y))
        cairn_canvas_show_notice (canvas, _("Nothing to fill here: click inside a polygon or "
                                            "an area the selected mask closes"));
      return TRUE;
    }
  if (!cairn_canvas_get_pixels (canvas, &pixels))
    {
      cairn_canvas_show_notice (canvas, _("The picture is still loading"));
      return TRUE;
    }
  if (x < 0 || y < 0 || (guint) x >= pixels.width || (guint) y >= pixels.height)
    return TRUE;
  self->dragging = TRUE;
  self->subtract = (event->modifiers & GDK_SHIFT_MASK) != 0;
  self->seed_x = x;
  self->seed_y = y;
  self->press_wx = event->widget_x;
  self->press_wy = event->widget_y;
  self->base_tolerance = self->tolerance;
  grow (self, canvas, self->tolerance);
  return TRUE;
}

static void
cairn_fill_tool_drag (CairnTool            *tool,
                      CairnCanvas          *canvas,
                      const CairnToolEvent *event)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (tool);
  double away;
  int tolerance;

  if (!self->dragging)
    return;
  /* Right or down raises it, left or up lowers it. */
  away = (event->widget_x - self->press_wx) + (event->widget_y - self->press_wy);
  tolerance = CLAMP ((int) self->base_tolerance + (int) (away / DRAG_PER_STEP), 0, 255);
  if ((guint) tolerance != self->shown_tolerance)
    grow (self, canvas, tolerance);
}

static void
cairn_fill_tool_release (CairnTool            *tool,
                         CairnCanvas          *canvas,
                         const CairnToolEvent *event)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (tool);

  if (!self->dragging)
    return;
  cairn_fill_tool_drag (tool, canvas, event);
  self->tolerance = self->shown_tolerance;
  if (self->region != NULL && self->bounds.width > 0
      && cairn_canvas_mask_begin (canvas, self->subtract ? CAIRN_MASK_ERASE : CAIRN_MASK_PAINT,
                                  self->seed_x, self->seed_y))
    {
      cairn_bitmap_merge (cairn_canvas_mask_get_bits (canvas), self->region, &self->bounds,
                          cairn_canvas_mask_get_ink (canvas));
      cairn_canvas_mask_changed (canvas, &self->bounds);
      cairn_canvas_mask_commit (canvas, CAIRN_EDIT_VERB_FILL);
    }
  end_wand (self, canvas);
}

static gboolean
cairn_fill_tool_cancel (CairnTool   *tool,
                        CairnCanvas *canvas)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (tool);
  gboolean was = self->dragging;

  end_wand (self, canvas);
  return was;
}

static void
cairn_fill_tool_deactivate (CairnTool   *tool,
                            CairnCanvas *canvas)
{
  cairn_fill_tool_cancel (tool, canvas);
}

static void
cairn_fill_tool_draw_overlay (CairnTool   *tool,
                              CairnCanvas *canvas,
                              cairo_t     *cr,
                              double       zoom)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (tool);
  cairo_pattern_t *pattern;
  double r, g, b;

  if (self->preview == NULL)
    return;
  cairn_canvas_get_current_colour (canvas, &r, &g, &b);
  cairo_save (cr);
  cairo_translate (cr, self->bounds.x, self->bounds.y);
  pattern = cairo_pattern_create_for_surface (self->preview);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  /* Taken out: a dark veil; added: the label's colour, stronger than a stored mask. */
  if (self->subtract)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  else
    cairo_set_source_rgba (cr, r, g, b, 0.6);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
}

static const char *
cairn_fill_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_fill_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_fill_tool_deactivate;
  iface->cancel = cairn_fill_tool_cancel;
  iface->press = cairn_fill_tool_press;
  iface->drag = cairn_fill_tool_drag;
  iface->release = cairn_fill_tool_release;
  iface->draw_overlay = cairn_fill_tool_draw_overlay;
  iface->get_cursor_name = cairn_fill_tool_get_cursor_name;
}

static void
cairn_fill_tool_finalize (GObject *object)
{
  CairnFillTool *self = CAIRN_FILL_TOOL (object);

  g_clear_pointer (&self->preview, cairo_surface_destroy);
  g_clear_pointer (&self->region, cairn_bitmap_free);
  G_OBJECT_CLASS (cairn_fill_tool_parent_class)->finalize (object);
}

static void
cairn_fill_tool_class_init (CairnFillToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_fill_tool_finalize;
}

static void
cairn_fill_tool_init (CairnFillTool *self)
{
  self->tolerance = CAIRN_WAND_DEFAULT_TOLERANCE;
}

CairnTool *
cairn_fill_tool_new (gboolean wand)
{
  CairnFillTool *self = g_object_new (CAIRN_TYPE_FILL_TOOL, NULL);

  self->wand = wand;
  return CAIRN_TOOL (self);
}

guint
cairn_fill_tool_get_tolerance (CairnFillTool *self)
{
  g_return_val_if_fail (CAIRN_IS_FILL_TOOL (self), 0);
  return self->tolerance;
}

void
cairn_fill_tool_set_tolerance (CairnFillTool *self,
                               guint          tolerance)
{
  g_return_if_fail (CAIRN_IS_FILL_TOOL (self));
  self->tolerance = MIN (tolerance, 255);
}
