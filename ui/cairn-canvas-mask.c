#define G_LOG_DOMAIN "cairn-canvas"

/* Masks on the canvas: their look (opacity, outline only, hidden labels) and the one being
 * changed by a segmentation tool. Their actions: cairn-canvas-mask-actions.c. */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mask/cairn-contour.h"
#include "mask/cairn-mask-paint.h"
#include "cairn-canvas-mask.h"
#include "cairn-canvas-private.h"

/* Surfaces are limited to this many pixels a side (cairo and GSK). */
#define MAX_SURFACE_SIDE 32767

struct _CairnMaskOverlay
{
  double           opacity;
  gboolean         outline;
  gboolean         semantic;     /* one label per pixel (cairn-canvas-mask-semantic.c) */

  /* The last mask decoded, kept while it stays as it was: the next stroke starts at once. */
  gint64           cache_id;
  CairnRle        *cache_rle;
  CairnBitmap     *cache_bits;

  /* The gesture under way. */
  gboolean         live;
  CairnAnnotation *before;       /* the stored mask, or NULL for a new one */
  CairnBitmap     *bits;
  cairo_surface_t *surface;      /* A8, the image's size divided by factor */
  guint            factor;
  double           r, g, b;
  guint8           ink;          /* what the tool writes: 1, or 0 to erase */
  gboolean         sweep;        /* semantic erasing: bits is what the eraser went over */
  CairnMaskRect    dirty;        /* what the gesture changed so far */

  /* What the last gesture left, for the reloaded annotation (cairn_canvas_mask_adopt). */
  gint64           kept_id;
  CairnRle        *kept_rle;
  cairo_surface_t *kept_surface;
};

static const cairo_user_data_key_t outline_key;
/* A stored mask's surface made at 1 / this of its size (pictures over cairo's limit). */
static const cairo_user_data_key_t scale_key;
/* A stored mask's surface reduced by 2, 4, 8, 16 (cairn_canvas_mask_paint). */
static const cairo_user_data_key_t reduced_keys[4];
#define MAX_FACTOR 16

CairnMaskOverlay *
cairn_mask_overlay_new (void)
{
  CairnMaskOverlay *overlay = g_new0 (CairnMaskOverlay, 1);

  overlay->opacity = CAIRN_MASK_DEFAULT_OPACITY;
  return overlay;
}

static void
clear_live (CairnMaskOverlay *overlay)
{
  overlay->live = FALSE;
  overlay->sweep = FALSE;
  overlay->dirty = (CairnMaskRect) { 0 };
  g_clear_pointer (&overlay->before, cairn_annotation_free);
  g_clear_pointer (&overlay->bits, cairn_bitmap_free);
  g_clear_pointer (&overlay->surface, cairo_surface_destroy);
}

static void
clear_kept (CairnMaskOverlay *overlay)
{
  overlay->kept_id = 0;
  g_clear_pointer (&overlay->kept_rle, cairn_rle_free);
  g_clear_pointer (&overlay->kept_surface, cairo_surface_destroy);
}

static void
clear_cache (CairnMaskOverlay *overlay)
{
  overlay->cache_id = 0;
  g_clear_pointer (&overlay->cache_rle, cairn_rle_free);
  g_clear_pointer (&overlay->cache_bits, cairn_bitmap_free);
}

void
cairn_mask_overlay_free (CairnMaskOverlay *overlay)
{
  if (overlay == NULL)
    return;
  clear_live (overlay);
  clear_kept (overlay);
  clear_cache (overlay);
  g_free (overlay);
}

/* Helpers */

static void
colour_of (CairnCanvas *self, gint64 label_id, double *r, double *g, double *b)
{
  const CairnLabel *label = cairn_canvas_get_label (self, label_id);

  if (label == NULL || !cairn_color_parse (label->color, r, g, b))
    *r = *g = *b = 0.6;
}

/* Whether pixel (x, y) is set, walking the runs (no decoding). */
static gboolean
rle_get (const CairnRle *rle, int x, int y)
{
  guint64 target, pos = 0;

  if (x < 0 || y < 0 || (guint) x >= rle->width || (guint) y >= rle->height)
    return FALSE;
  target = (guint64) x * rle->height + y;
  for (guint i = 0; i < rle->counts->len; i++)
    {
      pos += g_array_index (rle->counts, guint32, i);
      if (target < pos)
        return i % 2 == 1;
    }
  return FALSE;
}

static gboolean
fits_image (CairnCanvas *self, const CairnRle *rle)
{
  return rle != NULL && rle->width == (guint) self->image_width
         && rle->height == (guint) self->image_height;
}

static const CairnAnnotation *
target_for (CairnCanvas *self, CairnMaskIntent intent, double x, double y)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);

  if (selected != NULL && selected->kind == CAIRN_KIND_MASK)
    return selected;
  /* The topmost mask shown at the point (the last drawn): erased from, or, when it has the
   * current label, painted on (a stroke that starts on a mask of its label extends it; one
   * that starts elsewhere is a new instance). */
  for (guint i = self->annotations->len; i > 0; i--)
    {
      const CairnAnnotation *a = self->annotations->pdata[i - 1];

      if (a->kind == CAIRN_KIND_MASK && a->mask != NULL && cairn_canvas_mask_shown (self, a)
          && rle_get (a->mask, (int) floor (x), (int) floor (y)))
        return intent == CAIRN_MASK_ERASE || a->label_id == self->current_label_id ? a : NULL;
    }
  return NULL;
}

/* Zoomed out, a mask is drawn from a surface reduced by the largest power of 2 that still
 * has a pixel per screen pixel (near enough): a frame then reads a few hundred kilobytes,
 * not the whole picture's worth. */
static guint
factor_for (double zoom)
{
  guint factor = 1;

  while (factor < MAX_FACTOR && 2 * factor * zoom <= 1.05)
    factor *= 2;
  return factor;
}

/* Pictures over cairo's 32 767 px a side: the live surface is reduced until it fits (a
 * stroke on a 40 000 px panorama shows at half its resolution). */
static guint
factor_to_fit (guint width, guint height)
{
  guint factor = 1;

  while (factor < MAX_FACTOR && ((width + factor - 1) / factor > MAX_SURFACE_SIDE
                                 || (height + factor - 1) / factor > MAX_SURFACE_SIDE))
    factor *= 2;
  return factor;
}

static cairo_surface_t *
surface_for (const CairnBitmap *bits, guint factor)
{
  cairo_surface_t *surface;
  CairnMaskRect all = { 0, 0, bits->width, bits->height };
  guint w = (bits->width + factor - 1) / factor, h = (bits->height + factor - 1) / factor;

  if (w > MAX_SURFACE_SIDE || h > MAX_SURFACE_SIDE)
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  if (factor == 1)
    cairn_bitmap_read_rect (bits, &all, cairo_image_surface_get_data (surface),
                            cairo_image_surface_get_stride (surface), 255);
  else
    cairn_bitmap_read_reduced (bits, &all, factor, cairo_image_surface_get_data (surface),
                               cairo_image_surface_get_stride (surface), 255);
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The live mask */

const CairnBitmap *
cairn_canvas_mask_peek (CairnCanvas           *self,
                        const CairnAnnotation *annotation)
{
  CairnMaskOverlay *o = self->mask_overlay;
  g_autoptr(GError) error = NULL;

  if (annotation == NULL || !fits_image (self, annotation->mask))
    return NULL;
  if (o->cache_bits != NULL && o->cache_id == annotation->id
      && cairn_rle_equal (o->cache_rle, annotation->mask))
    return o->cache_bits;
  clear_cache (o);
  o->cache_bits = cairn_bitmap_new_from_rle (annotation->mask, &error);
  if (o->cache_bits == NULL)
    {
      g_warning ("Mask %" G_GINT64_FORMAT ": %s", annotation->id, error->message);
      return NULL;
    }
  o->cache_id = annotation->id;
  o->cache_rle = cairn_rle_copy (annotation->mask);
  return o->cache_bits;
}

gboolean
cairn_canvas_mask_begin (CairnCanvas     *self,
                         CairnMaskIntent  intent,
                         double           x,
                         double           y)
{
  CairnMaskOverlay *o;
  const CairnAnnotation *target;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  o = self->mask_overlay;
  cairn_canvas_mask_cancel (self);
  if (self->image_width <= 0 || self->image_height <= 0 || self->item_id == 0)
    return FALSE;
  /* Semantic: the eraser goes over every label's masks; a label paints on its one mask. */
  o->sweep = o->semantic && intent == CAIRN_MASK_ERASE;
  if (o->sweep)
    target = NULL;
  else if (o->semantic)
    target = cairn_canvas_mask_semantic_target (self);
  else
    target = target_for (self, intent, x, y);
  if (o->sweep && !cairn_canvas_mask_has_shown (self))
    {
      o->sweep = FALSE;
      cairn_canvas_show_notice (self, _("No mask to erase on this picture"));
      return FALSE;
    }
  if (target == NULL && intent == CAIRN_MASK_ERASE && !o->sweep)
    {
      cairn_canvas_show_notice (self, _("No mask here: select the mask to change"));
      return FALSE;
    }
  if (target != NULL)
    {
      if (!fits_image (self, target->mask))
        {
          cairn_canvas_show_notice (self, _("This mask is not the size of the image"));
          return FALSE;
        }
      if (cairn_canvas_mask_peek (self, target) == NULL)
        return FALSE;
      /* The cached bitmap becomes the one changed: no copy of a big mask per stroke. */
      o->bits = g_steal_pointer (&o->cache_bits);
      clear_cache (o);
      o->before = cairn_annotation_copy (target);
      colour_of (self, target->label_id, &o->r, &o->g, &o->b);
    }
  else
    {
      o->bits = cairn_bitmap_new (self->image_width, self->image_height);
      if (o->sweep)
        o->r = o->g = o->b = 0; /* a dark veil over what goes */
      else
        cairn_canvas_get_current_colour (self, &o->r, &o->g, &o->b);
    }
  o->ink = intent == CAIRN_MASK_ERASE && !o->sweep ? 0 : 1;
  o->factor = MAX (factor_for (self->zoom), factor_to_fit (o->bits->width, o->bits->height));
  o->surface = surface_for (o->bits, o->factor);
  o->live = TRUE;
  if (o->before != NULL)
    cairn_canvas_invalidate_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gboolean
cairn_canvas_mask_is_live (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->mask_overlay->live;
}

CairnBitmap *
cairn_canvas_mask_get_bits (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->mask_overlay->live ? self->mask_overlay->bits : NULL;
}

void
cairn_canvas_mask_changed (CairnCanvas         *self,
                           const CairnMaskRect *rect)
{
  CairnMaskOverlay *o = self->mask_overlay;
  CairnMaskRect r;
  int f, x1, y1;
  gsize stride;
  guint8 *data;

  if (!o->live || o->surface == NULL || rect == NULL)
    return;
  r = *rect;
  if (!cairn_mask_rect_clip (&r, o->bits->width, o->bits->height))
    return;
  cairn_mask_rect_union (&o->dirty, &r);
  /* Out to whole blocks of the reduced surface. */
  f = o->factor;
  x1 = r.x + r.width;
  y1 = r.y + r.height;
  r.x -= r.x % f;
  r.y -= r.y % f;
  r.width = x1 - r.x;
  r.height = y1 - r.y;
  cairo_surface_flush (o->surface);
  stride = cairo_image_surface_get_stride (o->surface);
  data = cairo_image_surface_get_data (o->surface) + (gsize) (r.y / f) * stride + r.x / f;
  if (f == 1)
    cairn_bitmap_read_rect (o->bits, &r, data, stride, 255);
  else
    cairn_bitmap_read_reduced (o->bits, &r, f, data, stride, 255);
  cairo_surface_mark_dirty_rectangle (o->surface, r.x / f, r.y / f, (r.width + f - 1) / f,
                                      (r.height + f - 1) / f);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
end_live (CairnCanvas *self)
{
  gboolean had_before = self->mask_overlay->before != NULL;

  clear_live (self->mask_overlay);
  if (had_before)
    cairn_canvas_invalidate_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_mask_cancel (CairnCanvas *self)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  if (self->mask_overlay->live)
    end_live (self);
}

static CairnEdit *
make_edit (CairnCanvas *self, CairnEditVerb verb, CairnRle *rle)
{
  CairnMaskOverlay *o = self->mask_overlay;
  gboolean empty = cairn_rle_area (rle) == 0;

  if (o->before != NULL)
    {
      g_autoptr(CairnAnnotation) after = NULL;

      if (cairn_rle_equal (o->before->mask, rle))
        return NULL;
      if (empty)
        return cairn_edit_new_delete (o->before);
      after = cairn_annotation_copy (o->before);
      cairn_annotation_set_mask (after, cairn_rle_copy (rle));
      if (o->semantic)
        cairn_canvas_mask_mark_semantic (after);
      return cairn_edit_new_change (verb, o->before, after);
    }
  if (empty)
    return NULL;
  {
    g_autoptr(CairnAnnotation) a = cairn_canvas_new_annotation (self, CAIRN_KIND_MASK);

    cairn_annotation_set_mask (a, cairn_rle_copy (rle));
    if (o->semantic)
      cairn_canvas_mask_mark_semantic (a);
    return cairn_edit_new_create (a);
  }
}

/* Semantic: the pixels painted leave every other mask, in the same edit. */
static CairnEdit *
take_from_others (CairnCanvas *self, CairnEditVerb verb, CairnEdit *edit)
{
  CairnMaskOverlay *o = self->mask_overlay;

  if (edit == NULL)
    edit = cairn_edit_new (verb, CAIRN_KIND_MASK);
  cairn_canvas_mask_take_from_others (self, edit, o->bits, &o->dirty,
                                      o->before != NULL ? o->before->id : 0);
  if (cairn_edit_get_n_changes (edit) == 0)
    g_clear_object (&edit);
  return edit;
}

static gboolean
commit_sweep (CairnCanvas *self, CairnEditVerb verb)
{
  CairnMaskOverlay *o = self->mask_overlay;
  g_autoptr(CairnEdit) edit = cairn_edit_new (verb, CAIRN_KIND_MASK);
  guint n = cairn_canvas_mask_take_from_others (self, edit, o->bits, &o->dirty, -1);

  end_live (self);
  return n > 0 && cairn_canvas_commit_edit (self, edit);
}

gboolean
cairn_canvas_mask_commit (CairnCanvas   *self,
                          CairnEditVerb  verb)
{
  CairnMaskOverlay *o;
  g_autoptr(CairnRle) rle = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  o = self->mask_overlay;
  if (!o->live)
    return FALSE;
  if (o->sweep)
    return commit_sweep (self, verb);
  /* Encoded once, here, for the whole gesture. */
  rle = cairn_bitmap_to_rle (o->bits);
  edit = make_edit (self, verb, rle);
  if (o->semantic)
    edit = take_from_others (self, verb, edit);
  if (edit == NULL)
    {
      end_live (self);
      return FALSE;
    }
  id = o->before != NULL ? o->before->id : 0;
  clear_kept (o);
  clear_cache (o);
  if (cairn_rle_area (rle) > 0)
    {
      o->kept_id = id;
      o->kept_rle = cairn_rle_copy (rle);
      /* The layer draws stored masks from full-size surfaces (reduced from those). */
      if (o->factor == 1)
        o->kept_surface = g_steal_pointer (&o->surface);
      else if (o->factor == factor_to_fit (o->bits->width, o->bits->height) && o->surface)
        {
          /* A picture over cairo's limit: the layer's surface is reduced as this one. */
          o->kept_surface = g_steal_pointer (&o->surface);
          cairo_surface_set_user_data (o->kept_surface, &scale_key, GUINT_TO_POINTER (o->factor),
                                       NULL);
        }
      else if ((o->kept_surface = surface_for (o->bits, 1)) != NULL && o->surface != NULL)
        /* The reduced one painted live is the one the layer would make from it. */
        cairo_surface_set_user_data (o->kept_surface,
                                     &reduced_keys[g_bit_nth_lsf (o->factor, -1) - 1],
                                     g_steal_pointer (&o->surface),
                                     (cairo_destroy_func_t) cairo_surface_destroy);
      o->cache_id = id;
      o->cache_rle = cairn_rle_copy (rle);
      o->cache_bits = g_steal_pointer (&o->bits);
    }
  end_live (self);
  ok = cairn_canvas_commit_edit (self, edit);
  if (ok && o->cache_id == 0 && o->cache_bits != NULL)
    o->cache_id = cairn_edit_get_annotation_id (edit, 0);
  /* The mask worked on stays the one the next stroke changes. */
  if (ok && id != 0 && cairn_rle_area (rle) > 0)
    cairn_canvas_set_selected_id (self, id);
  if (!ok)
    {
      clear_kept (o);
      clear_cache (o);
    }
  return ok;
}

/* Drawing */

gboolean
cairn_canvas_mask_shown (CairnCanvas           *self,
                         const CairnAnnotation *annotation)
{
  CairnMaskOverlay *o = self->mask_overlay;

  if (cairn_canvas_get_label_hidden (self, annotation->label_id))
    return FALSE;
  return !(o->live && o->before != NULL && annotation->id == o->before->id);
}

/* The outline of a stored mask, traced once and kept with its surface. */
static cairo_path_t *
outline_path (CairnCanvas *self, cairo_t *cr, const CairnAnnotation *a, cairo_surface_t *surface)
{
  cairo_path_t *path = cairo_surface_get_user_data (surface, &outline_key);
  g_autoptr(CairnBitmap) bits = NULL;
  g_autoptr(GPtrArray) rings = NULL;

  if (path != NULL)
    return path;
  bits = cairn_bitmap_new_from_rle (a->mask, NULL);
  if (bits == NULL)
    return NULL;
  rings = cairn_contour_trace (bits);
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = rings->pdata[i];
      const double *p = (const double *) ring->data;

      for (guint k = 0; k < ring->len / 2; k++)
        (k == 0 ? cairo_move_to : cairo_line_to) (cr, p[2 * k], p[2 * k + 1]);
      cairo_close_path (cr);
    }
  path = cairo_copy_path (cr);
  cairo_new_path (cr);
  cairo_restore (cr);
  cairo_surface_set_user_data (surface, &outline_key, path,
                               (cairo_destroy_func_t) cairo_path_destroy);
  return path;
}

/* surface reduced by factor (2 to MAX_FACTOR), made once and kept with it. */
static cairo_surface_t *
reduced (cairo_surface_t *surface, guint factor)
{
  const cairo_user_data_key_t *key = &reduced_keys[g_bit_nth_lsf (factor, -1) - 1];
  cairo_surface_t *small = cairo_surface_get_user_data (surface, key);
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int sw = (w + factor - 1) / factor, sh = (h + factor - 1) / factor;
  const guint8 *src;
  guint8 *dst;
  int src_stride, dst_stride;

  if (small != NULL)
    return small;
  small = cairo_image_surface_create (CAIRO_FORMAT_A8, sw, sh);
  cairo_surface_flush (surface);
  cairo_surface_flush (small);
  src = cairo_image_surface_get_data (surface);
  dst = cairo_image_surface_get_data (small);
  src_stride = cairo_image_surface_get_stride (surface);
  dst_stride = cairo_image_surface_get_stride (small);
  memset (dst, 0, (gsize) dst_stride * sh);
  for (int y = 0; y < h; y++)
    {
      const guint8 *line = src + (gsize) y * src_stride;
      guint8 *out = dst + (gsize) (y / factor) * dst_stride;

      for (int x = 0; x < w; x++)
        out[x / factor] |= line[x];
    }
  cairo_surface_mark_dirty (small);
  cairo_surface_set_user_data (surface, key, small, (cairo_destroy_func_t) cairo_surface_destroy);
  return small;
}

void
cairn_canvas_mask_paint (CairnCanvas           *self,
                         cairo_t               *cr,
                         const CairnAnnotation *annotation,
                         cairo_surface_t       *surface,
                         cairo_pattern_t       *pattern,
                         double                 r,
                         double                 g,
                         double                 b)
{
  CairnMaskOverlay *o = self->mask_overlay;
  guint base = MAX (1, GPOINTER_TO_UINT (cairo_surface_get_user_data (surface, &scale_key)));
  cairo_path_t *path;
  guint factor;
  double px = 1, py = 0;

  cairo_device_to_user_distance (cr, &px, &py);
  if (o->outline && (path = outline_path (self, cr, annotation, surface)) != NULL)
    {
      cairo_new_path (cr);
      cairo_append_path (cr, path);
      cairo_set_line_width (cr, 2 * hypot (px, py));
      cairo_set_source_rgb (cr, r, g, b);
      cairo_stroke (cr);
      return;
    }
  /* The surface's pixels are base image pixels wide. */
  factor = factor_for (base / MAX (hypot (px, py), 1e-6));
  cairo_save (cr);
  cairo_scale (cr, base, base);
  cairo_set_source_rgba (cr, r, g, b, o->opacity);
  if (factor == 1)
    cairo_mask (cr, pattern);
  else
    {
      cairo_pattern_t *small = cairo_pattern_create_for_surface (reduced (surface, factor));

      cairo_pattern_set_filter (small, CAIRO_FILTER_NEAREST);
      cairo_scale (cr, factor, factor);
      cairo_mask (cr, small);
      cairo_pattern_destroy (small);
    }
  cairo_restore (cr);
}

cairo_surface_t *
cairn_canvas_mask_new_big_surface (const CairnRle *rle)
{
  g_autoptr(CairnBitmap) bits = cairn_bitmap_new_from_rle (rle, NULL);
  guint factor;
  cairo_surface_t *surface;

  if (bits == NULL)
    return NULL;
  factor = factor_to_fit (bits->width, bits->height);
  if ((surface = surface_for (bits, factor)) != NULL && factor > 1)
    cairo_surface_set_user_data (surface, &scale_key, GUINT_TO_POINTER (factor), NULL);
  return surface;
}

void
cairn_canvas_mask_draw_live (CairnCanvas *self,
                             cairo_t     *cr,
                             double       zoom)
{
  CairnMaskOverlay *o = self->mask_overlay;
  cairo_pattern_t *pattern;

  if (!o->live || o->surface == NULL)
    return;
  pattern = cairo_pattern_create_for_surface (o->surface);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_save (cr);
  cairo_scale (cr, o->factor, o->factor);
  /* Filled while it changes, even in outline view: tracing it per dab would cost too much. */
  cairo_set_source_rgba (cr, o->r, o->g, o->b, o->sweep ? 0.55 : MAX (o->opacity, 0.3));
  cairo_mask (cr, pattern);
  cairo_restore (cr);
  cairo_pattern_destroy (pattern);
}

void
cairn_canvas_mask_adopt (CairnCanvas *self)
{
  CairnMaskOverlay *o = self->mask_overlay;

  if (o->kept_surface == NULL)
    return;
  for (guint i = 0; i < self->annotations->len; i++)
    {
      CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_MASK && a->mask != NULL
          && (o->kept_id == 0 || a->id == o->kept_id)
          && !g_hash_table_contains (self->masks, a) && cairn_rle_equal (a->mask, o->kept_rle))
        {
          g_hash_table_insert (self->masks, a, g_steal_pointer (&o->kept_surface));
          clear_kept (o);
          return;
        }
    }
}

/* How masks look */

double
cairn_canvas_mask_get_opacity (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->mask_overlay->opacity;
}

void
cairn_canvas_mask_set_opacity (CairnCanvas *self,
                               double       opacity)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  opacity = CLAMP (opacity, 0.05, 1.0);
  if (opacity == self->mask_overlay->opacity)
    return;
  self->mask_overlay->opacity = opacity;
  cairn_canvas_invalidate_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_mask_get_outline (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->mask_overlay->outline;
}

void
cairn_canvas_mask_set_outline (CairnCanvas *self,
                               gboolean     outline)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  if (!outline == !self->mask_overlay->outline)
    return;
  self->mask_overlay->outline = outline;
  cairn_canvas_invalidate_layer (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_mask_get_semantic (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->mask_overlay->semantic;
}

void
cairn_canvas_mask_set_semantic (CairnCanvas *self,
                                gboolean     semantic)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  self->mask_overlay->semantic = !!semantic;
}

guint8
cairn_canvas_mask_get_ink (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 1);
  return self->mask_overlay->ink;
}

gboolean
cairn_canvas_get_pixels (CairnCanvas *self,
                         CairnPixels *pixels)
{
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  if (self->image == NULL || (pixbuf = cairn_image_get_pixbuf (self->image)) == NULL)
    return FALSE;
  *pixels = (CairnPixels) { gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                            gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                            gdk_pixbuf_get_n_channels (pixbuf) };
  return TRUE;
}
