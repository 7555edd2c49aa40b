#define G_LOG_DOMAIN "cairn-superpixels-tool"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mask/cairn-slic.h"
#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"
#include "cairn-superpixels-tool.h"

struct _CairnSuperpixelsTool
{
  GObject           parent_instance;
  guint             size;
  double            compactness;
  CairnImage       *image;        /* the picture the superpixels are of */
  CairnSuperpixels *superpixels;  /* NULL while computing */
  cairo_surface_t  *edges;        /* A8, their outlines on the working grid */
  guint             edge_scale;
  GCancellable     *cancellable;
  CairnCanvas      *canvas;       /* while active, not a reference */

  gboolean          painting;
  gboolean          subtract;
  GHashTable       *done;         /* the superpixels this gesture took already */
  double            last_x;
  double            last_y;
};

static void cairn_superpixels_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnSuperpixelsTool, cairn_superpixels_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL,
                                                      cairn_superpixels_tool_tool_init))

#define MIN_SIZE 8
#define MAX_SIZE 400

static void
make_edges (CairnSuperpixelsTool *self)
{
  guint w, h, scale;
  gsize stride;
  const guint8 *edges = cairn_superpixels_get_edges (self->superpixels, &w, &h, &stride, &scale);
  guint8 *data;
  gsize cairo_stride;

  g_clear_pointer (&self->edges, cairo_surface_destroy);
  if (w > 32767 || h > 32767)
    return;
  self->edges = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  self->edge_scale = scale;
  cairo_surface_flush (self->edges);
  data = cairo_image_surface_get_data (self->edges);
  cairo_stride = cairo_image_surface_get_stride (self->edges);
  for (guint y = 0; y < h; y++)
    memcpy (data + y * cairo_stride, edges + y * stride, w);
  cairo_surface_mark_dirty (self->edges);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CairnSuperpixelsTool) self = user_data;
  g_autoptr(GError) error = NULL;
  CairnSuperpixels *superpixels = cairn_slic_compute_finish (result, &error);

  if (superpixels == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Superpixels: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      cairn_superpixels_free (superpixels);
      return;
    }
  self->superpixels = superpixels;
  make_edges (self);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
forget (CairnSuperpixelsTool *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->superpixels, cairn_superpixels_free);
  g_clear_pointer (&self->edges, cairo_surface_destroy);
  g_clear_pointer (&self->image, cairn_image_unref);
}

static void
compute (CairnSuperpixelsTool *self, CairnCanvas *canvas)
{
  CairnImage *image = cairn_canvas_get_image (canvas);
  CairnPixels pixels;

  forget (self);
  if (image == NULL || !cairn_canvas_get_pixels (canvas, &pixels))
    return;
  self->image = cairn_image_ref (image);
  self->cancellable = g_cancellable_new ();
  cairn_slic_compute_async (&pixels, self->size, self->compactness, self->cancellable,
                            on_computed_cb, g_object_ref (self));
}

static void
ensure (CairnSuperpixelsTool *self, CairnCanvas *canvas)
{
  if (cairn_canvas_get_image (canvas) != self->image)
    compute (self, canvas);
}

static void
take_at (CairnSuperpixelsTool *self, CairnCanvas *canvas, double x, double y)
{
  guint32 label = cairn_superpixels_label_at (self->superpixels, (int) floor (x), (int) floor (y));
  CairnMaskRect changed = { 0 };
  CairnBitmap *bits = cairn_canvas_mask_get_bits (canvas);

  if (label == G_MAXUINT32 || bits == NULL
      || !g_hash_table_add (self->done, GUINT_TO_POINTER (label + 1)))
    return;
  cairn_superpixels_paint (self->superpixels, label, bits, cairn_canvas_mask_get_ink (canvas),
                           &changed);
  cairn_canvas_mask_changed (canvas, &changed);
}

static gboolean
cairn_superpixels_tool_press (CairnTool            *tool,
                              CairnCanvas          *canvas,
                              const CairnToolEvent *event)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  ensure (self, canvas);
  if (self->superpixels == NULL)
    {
      cairn_canvas_show_notice (canvas, _("Superpixels are still being computed"));
      return TRUE;
    }
  self->subtract = (event->modifiers & GDK_SHIFT_MASK) != 0;
  if (!cairn_canvas_mask_begin (canvas, self->subtract ? CAIRN_MASK_ERASE : CAIRN_MASK_PAINT,
                                event->x, event->y))
    return TRUE;
  self->painting = TRUE;
  g_hash_table_remove_all (self->done);
  take_at (self, canvas, event->x, event->y);
  self->last_x = event->x;
  self->last_y = event->y;
  return TRUE;
}

static void
cairn_superpixels_tool_drag (CairnTool            *tool,
                             CairnCanvas          *canvas,
                             const CairnToolEvent *event)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);
  double length, step;
  guint n;

  if (!self->painting)
    return;
  /* Every superpixel the pointer crossed, however fast it went. */
  length = hypot (event->x - self->last_x, event->y - self->last_y);
  step = MAX (1.0, self->size / 4.0);
  n = (guint) MIN (ceil (length / step), 100000);
  for (guint i = 1; i <= n; i++)
    take_at (self, canvas, self->last_x + (event->x - self->last_x) * i / n,
             self->last_y + (event->y - self->last_y) * i / n);
  self->last_x = event->x;
  self->last_y = event->y;
}

static void
cairn_superpixels_tool_release (CairnTool            *tool,
                                CairnCanvas          *canvas,
                                const CairnToolEvent *event)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);

  if (!self->painting)
    return;
  cairn_superpixels_tool_drag (tool, canvas, event);
  self->painting = FALSE;
  cairn_canvas_mask_commit (canvas, CAIRN_EDIT_VERB_FILL);
}

static gboolean
cairn_superpixels_tool_cancel (CairnTool   *tool,
                               CairnCanvas *canvas)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);
  gboolean was = self->painting;

  self->painting = FALSE;
  if (was)
    cairn_canvas_mask_cancel (canvas);
  return was;
}

static void
cairn_superpixels_tool_activate (CairnTool   *tool,
                                 CairnCanvas *canvas)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);

  self->canvas = canvas;
  ensure (self, canvas);
}

static void
cairn_superpixels_tool_deactivate (CairnTool   *tool,
                                   CairnCanvas *canvas)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);

  cairn_superpixels_tool_cancel (tool, canvas);
  self->canvas = NULL;
}

static void
cairn_superpixels_tool_motion (CairnTool            *tool,
                               CairnCanvas          *canvas,
                               const CairnToolEvent *event)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);

  /* A picture that arrived since the tool was chosen. */
  ensure (self, canvas);
}

static void
cairn_superpixels_tool_draw_overlay (CairnTool   *tool,
                                     CairnCanvas *canvas,
                                     cairo_t     *cr,
                                     double       zoom)
{
  CairnSuperpixelsTool *self = CAIRN_SUPERPIXELS_TOOL (tool);
  cairo_pattern_t *pattern;

  if (self->edges == NULL)
    return;
  cairo_save (cr);
  cairo_scale (cr, self->edge_scale, self->edge_scale);
  pattern = cairo_pattern_create_for_surface (self->edges);
  /* Zoomed out, the outlines would alias into noise: smoothed then, crisp when magnified. */
  cairo_pattern_set_filter (pattern, zoom * self->edge_scale >= 1 ? CAIRO_FILTER_NEAREST
                                                                  : CAIRO_FILTER_GOOD);
  cairo_set_source_rgba (cr, 1, 1, 0.6, 0.55);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
}

static const char *
cairn_superpixels_tool_get_cursor_name (CairnTool *tool)
{
  return "pointer";
}

static void
cairn_superpixels_tool_tool_init (CairnToolInterface *iface)
{
  iface->activate = cairn_superpixels_tool_activate;
  iface->deactivate = cairn_superpixels_tool_deactivate;
  iface->cancel = cairn_superpixels_tool_cancel;
  iface->press = cairn_superpixels_tool_press;
  iface->drag = cairn_superpixels_tool_drag;
  iface->release = cairn_superpixels_tool_release;
  iface->motion = cairn_superpixels_tool_motion;
  iface->draw_overlay = cairn_superpixels_tool_draw_overlay;
  iface->get_cursor_name = cairn_superpixels_tool_get_cursor_name;
}

static void
cairn_superpixels_tool_dispose (GObject *object)
{
  forget (CAIRN_SUPERPIXELS_TOOL (object));
  G_OBJECT_CLASS (cairn_superpixels_tool_parent_class)->dispose (object);
}

static void
cairn_superpixels_tool_finalize (GObject *object)
{
  g_hash_table_unref (CAIRN_SUPERPIXELS_TOOL (object)->done);
  G_OBJECT_CLASS (cairn_superpixels_tool_parent_class)->finalize (object);
}

static void
cairn_superpixels_tool_class_init (CairnSuperpixelsToolClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_superpixels_tool_dispose;
  G_OBJECT_CLASS (klass)->finalize = cairn_superpixels_tool_finalize;
}

static void
cairn_superpixels_tool_init (CairnSuperpixelsTool *self)
{
  self->size = CAIRN_SUPERPIXELS_DEFAULT_SIZE;
  self->compactness = CAIRN_SUPERPIXELS_DEFAULT_COMPACTNESS;
  self->done = g_hash_table_new (NULL, NULL);
}

CairnTool *
cairn_superpixels_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_SUPERPIXELS_TOOL, NULL);
}

gboolean
cairn_superpixels_tool_is_ready (CairnSuperpixelsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SUPERPIXELS_TOOL (self), FALSE);
  return self->superpixels != NULL;
}

guint
cairn_superpixels_tool_get_size (CairnSuperpixelsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SUPERPIXELS_TOOL (self), 0);
  return self->size;
}

double
cairn_superpixels_tool_get_compactness (CairnSuperpixelsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SUPERPIXELS_TOOL (self), 0);
  return self->compactness;
}

static void
say_settings (CairnSuperpixelsTool *self, CairnCanvas *canvas)
{
  g_autofree char *text = NULL;

  /* Translators: the superpixel tool's settings as they change, e.g. "Superpixels of 32 px,
   * compactness 10". */
  text = g_strdup_printf (_("Superpixels of %u px, compactness %g"), self->size,
                          self->compactness);
  cairn_canvas_show_notice (canvas, text);
}

void
cairn_superpixels_tool_step_size (CairnSuperpixelsTool *self,
                                  CairnCanvas          *canvas,
                                  int                   steps)
{
  g_return_if_fail (CAIRN_IS_SUPERPIXELS_TOOL (self));
  self->size = CLAMP ((guint) lround (self->size * pow (1.25, steps)), MIN_SIZE, MAX_SIZE);
  say_settings (self, canvas);
  compute (self, canvas);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

void
cairn_superpixels_tool_step_compactness (CairnSuperpixelsTool *self,
                                         CairnCanvas          *canvas,
                                         int                   steps)
{
  g_return_if_fail (CAIRN_IS_SUPERPIXELS_TOOL (self));
  self->compactness = CLAMP (round (self->compactness * pow (1.5, steps)), 1, 80);
  say_settings (self, canvas);
  compute (self, canvas);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}
