#define G_LOG_DOMAIN "cairn-review"

#include <glib/gi18n.h>

#include "cairn-canvas-shapes.h"
#include "cairn-image.h"
#include "cairn-review-compare.h"

#define GAP        10.0
#define HEADER     30.0
#define LINE       22.0

typedef struct
{
  gint64     annotator_id;
  char      *name;
  GPtrArray *annotations;  /* CairnAnnotation */
  gboolean   visible;
} Version;

struct _CairnReviewCompare
{
  GtkWidget   parent_instance;
  CairnItem  *item;
  GdkTexture *picture;
  GHashTable *labels;       /* gint64 * → CairnLabel */
  GArray     *versions;     /* Version */
  GHashTable *differing;    /* gint64 * annotation ids */
};

G_DEFINE_FINAL_TYPE (CairnReviewCompare, cairn_review_compare, GTK_TYPE_WIDGET)

static void
version_clear (gpointer data)
{
  Version *v = data;

  g_free (v->name);
  g_ptr_array_unref (v->annotations);
}

/* ---- What differs ---- */

static double
overlap (const CairnAnnotation *a, const CairnAnnotation *b)
{
  double ax, ay, aw, ah, bx, by, bw, bh, iw, ih, inter, uni;

  if (!cairn_annotation_bounds (a, &ax, &ay, &aw, &ah)
      || !cairn_annotation_bounds (b, &bx, &by, &bw, &bh))
    return -1;
  iw = MIN (ax + aw, bx + bw) - MAX (ax, bx);
  ih = MIN (ay + ah, by + bh) - MAX (ay, by);
  inter = iw > 0 && ih > 0 ? iw * ih : 0;
  uni = aw * ah + bw * bh - inter;
  return uni > 0 ? inter / uni : (inter == 0 && aw == bw && ah == bh && ax == bx && ay == by);
}

static gboolean
same_coords (const CairnAnnotation *a, const CairnAnnotation *b)
{
  if (a->coords->len != b->coords->len || g_strcmp0 (a->text, b->text) != 0)
    return FALSE;
  for (guint i = 0; i < a->coords->len; i++)
    if (ABS (g_array_index (a->coords, double, i) - g_array_index (b->coords, double, i)) > 0.5)
      return FALSE;
  return TRUE;
}

/* The same thing, as far as a reviewer cares: kind and label, and where (half the area in
 * common, or the same offsets and text). Relations compare by kind and label only. */
static gboolean
matches (const CairnAnnotation *a, const CairnAnnotation *b)
{
  double iou;

  if (a->kind != b->kind || a->label_id != b->label_id)
    return FALSE;
  if (a->kind == CAIRN_KIND_RELATION)
    return TRUE;
  iou = overlap (a, b);
  return iou >= 0 ? iou >= 0.5 : same_coords (a, b);
}

static gboolean
has_match (const CairnAnnotation *a, const Version *other)
{
  for (guint i = 0; i < other->annotations->len; i++)
    if (matches (a, other->annotations->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
find_differences (CairnReviewCompare *self)
{
  g_hash_table_remove_all (self->differing);
  for (guint v = 0; v < self->versions->len; v++)
    {
      Version *mine = &g_array_index (self->versions, Version, v);

      if (!mine->visible)
        continue;
      for (guint i = 0; i < mine->annotations->len; i++)
        {
          CairnAnnotation *a = mine->annotations->pdata[i];

          for (guint w = 0; w < self->versions->len; w++)
            {
              Version *other = &g_array_index (self->versions, Version, w);

              if (w != v && other->visible && !has_match (a, other))
                {
                  g_hash_table_add (self->differing, g_memdup2 (&a->id, sizeof a->id));
                  break;
                }
            }
        }
    }
}

/* ---- Drawing ---- */

static void
label_colour (CairnReviewCompare *self, gint64 label_id, GdkRGBA *colour)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &label_id);

  if (label == NULL || label->color == NULL || !gdk_rgba_parse (colour, label->color))
    *colour = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
}

/* "span “Seoul” · place", what a line says about an annotation that has no shape here. */
static char *
describe (CairnReviewCompare *self, const CairnAnnotation *a)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &a->label_id);
  g_autofree char *what = NULL;

  if (a->kind == CAIRN_KIND_SPAN && self->item && self->item->text && a->coords->len == 2)
    {
      glong n = g_utf8_strlen (self->item->text, -1);
      glong start = CLAMP ((glong) g_array_index (a->coords, double, 0), 0, n);
      glong end = CLAMP ((glong) g_array_index (a->coords, double, 1), start, n);
      what = g_utf8_substring (self->item->text, start, end);
    }
  else if (a->text)
    what = g_strdup (a->text);
  return g_strdup_printf ("%s%s%s%s · %s", cairn_kind_to_string (a->kind), what ? " “" : "",
                          what ? what : "", what ? "”" : "", label ? label->name : _("no label"));
}

static void
draw_text (CairnReviewCompare *self, GtkSnapshot *snapshot, const char *text, double x, double y,
           double width, gboolean bold, const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

  if (bold)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

static void
stroke_shape (CairnReviewCompare *self, cairo_t *cr, const CairnAnnotation *a, double px)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &a->label_id);
  gboolean differs = g_hash_table_contains (self->differing, &a->id);
  CairnShapePaint paint = cairn_shape_path (cr, a, label, px);
  GdkRGBA c;

  if (paint == CAIRN_SHAPE_NONE)
    return;
  if (paint == CAIRN_SHAPE_MASK)
    {
      double x, y, w, h;

      cairo_new_path (cr);
      if (!cairn_annotation_bounds (a, &x, &y, &w, &h))
        return;
      cairo_rectangle (cr, x, y, w, h);
    }
  label_colour (self, a->label_id, &c);
  if (differs)
    {
      /* A wide orange halo under the shape: this version's own. */
      cairo_set_source_rgba (cr, 1.0, 0.45, 0.0, 0.9);
      cairo_set_line_width (cr, 7 * px);
      cairo_stroke_preserve (cr);
    }
  if (paint == CAIRN_SHAPE_AREA)
    {
      cairo_set_source_rgba (cr, c.red, c.green, c.blue, 0.22);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgba (cr, c.red, c.green, c.blue, 1);
  cairo_set_line_width (cr, 2 * px);
  cairo_stroke (cr);
}

static gboolean
is_drawn (const CairnReviewCompare *self, const CairnAnnotation *a)
{
  return self->item && self->item->kind == CAIRN_ITEM_IMAGE && cairn_kind_is_image (a->kind)
         && a->kind != CAIRN_KIND_TAG;
}

static double
draw_lines (CairnReviewCompare *self, GtkSnapshot *snapshot, const Version *v,
            const graphene_rect_t *area)
{
  GdkRGBA ink = { 0.1, 0.1, 0.1, 1 }, mark = { 1.0, 0.55, 0.1, 0.35 };
  double y = area->origin.y;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < v->annotations->len; i++)
    {
      CairnAnnotation *a = v->annotations->pdata[i];
      g_autofree char *line = NULL;
      GdkRGBA c;

      if (is_drawn (self, a))
        continue;
      if (y + LINE > area->origin.y + area->size.height)
        break;
      if (g_hash_table_contains (self->differing, &a->id))
        gtk_snapshot_append_color (snapshot, &mark,
                                   &GRAPHENE_RECT_INIT (area->origin.x, (float) y,
                                                        area->size.width, LINE - 2));
      label_colour (self, a->label_id, &c);
      gtk_snapshot_append_color (snapshot, &c,
                                 &GRAPHENE_RECT_INIT (area->origin.x + 2, (float) y + 5, 10, 10));
      line = describe (self, a);
      draw_text (self, snapshot, line, area->origin.x + 18, y + 2, area->size.width - 20, FALSE,
                 &ink);
      y += LINE;
    }
  return y - area->origin.y;
}

static guint
count_lines (const CairnReviewCompare *self, const Version *v)
{
  guint n = 0;

  for (guint i = 0; i < v->annotations->len; i++)
    n += !is_drawn (self, v->annotations->pdata[i]);
  return n;
}

/* Returns the height the picture took. */
static double
draw_picture (CairnReviewCompare *self, GtkSnapshot *snapshot, const Version *v,
              const graphene_rect_t *area)
{
  double iw = MAX (self->item->width, 1), ih = MAX (self->item->height, 1);
  double scale = MIN (area->size.width / iw, area->size.height / ih);
  graphene_rect_t fitted = GRAPHENE_RECT_INIT (area->origin.x + (area->size.width - iw * scale) / 2,
                                               area->origin.y,
                                               (float) (iw * scale), (float) (ih * scale));
  cairo_t *cr;

  if (self->picture)
    gtk_snapshot_append_texture (snapshot, self->picture, &fitted);
  else
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.5, 0.5, 0.5, 0.3 }, &fitted);
  cr = gtk_snapshot_append_cairo (snapshot, &fitted);
  cairo_translate (cr, fitted.origin.x, fitted.origin.y);
  cairo_scale (cr, scale, scale);
  for (guint i = 0; i < v->annotations->len; i++)
    if (is_drawn (self, v->annotations->pdata[i]))
      stroke_shape (self, cr, v->annotations->pdata[i], 1 / scale);
  cairo_destroy (cr);
  return fitted.size.height;
}

static guint
version_differences (const CairnReviewCompare *self, const Version *v)
{
  guint n = 0;

  for (guint i = 0; i < v->annotations->len; i++)
    n += g_hash_table_contains (self->differing,
                                &((CairnAnnotation *) v->annotations->pdata[i])->id);
  return n;
}

static void
draw_version (CairnReviewCompare *self, GtkSnapshot *snapshot, const Version *v, double x,
              double width, double height)
{
  g_autofree char *escaped = g_markup_escape_text (v->name, -1);
  guint n = version_differences (self, v);
  /* Translators: a version's heading in the review: "<b>kim</b> · 3 shapes · 1 differs". */
  g_autofree char *title = g_strdup_printf (ngettext ("<b>%s</b> · %u annotation · %u differs",
                                                      "<b>%s</b> · %u annotations · %u differ",
                                                      v->annotations->len),
                                            escaped, v->annotations->len, n);
  GdkRGBA ink = { 0, 0, 0, 1 };
  double lines = count_lines (self, v) * LINE;
  gboolean picture = self->item->kind == CAIRN_ITEM_IMAGE;
  double list_h = picture ? MIN (lines, (height - HEADER) / 3) : height - HEADER;
  graphene_rect_t image = GRAPHENE_RECT_INIT ((float) x, (float) HEADER, (float) width,
                                              (float) (height - HEADER - list_h - 4));
  graphene_rect_t list;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS
  draw_text (self, snapshot, title, x + 4, 6, width - 8, TRUE, &ink);
  double top = HEADER;

  if (picture)
    top += draw_picture (self, snapshot, v, &image) + 6;
  /* Right under the picture: what has no shape there (tags, a document's spans...). */
  list = GRAPHENE_RECT_INIT ((float) x, (float) top, (float) width, (float) (height - top));
  draw_lines (self, snapshot, v, &list);
}

static void
cairn_review_compare_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CairnReviewCompare *self = CAIRN_REVIEW_COMPARE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint shown = 0, k = 0;
  double panel;

  if (self->item == NULL)
    return;
  for (guint v = 0; v < self->versions->len; v++)
    shown += g_array_index (self->versions, Version, v).visible;
  if (shown == 0)
    return;
  panel = (width - GAP * (shown - 1)) / shown;
  for (guint v = 0; v < self->versions->len; v++)
    {
      Version *version = &g_array_index (self->versions, Version, v);

      if (!version->visible)
        continue;
      if (k > 0)
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.5, 0.5, 0.5, 0.4 },
                                   &GRAPHENE_RECT_INIT ((float) (k * (panel + GAP) - GAP / 2), 0,
                                                        1, (float) height));
      draw_version (self, snapshot, version, k * (panel + GAP), panel, height);
      k++;
    }
}

/* ---- Loading ---- */

static Version *
version_for (CairnReviewCompare *self, CairnStore *store, gint64 annotator_id)
{
  Version v = { annotator_id, NULL, NULL, TRUE };

  for (guint i = 0; i < self->versions->len; i++)
    if (g_array_index (self->versions, Version, i).annotator_id == annotator_id)
      return &g_array_index (self->versions, Version, i);
  v.name = annotator_id ? cairn_store_dup_annotator_name (store, annotator_id) : NULL;
  if (v.name == NULL)
    v.name = g_strdup (_("Unattributed"));
  v.annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_array_append_val (self->versions, v);
  return &g_array_index (self->versions, Version, self->versions->len - 1);
}

static int
compare_versions (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Version *) a)->annotator_id, y = ((const Version *) b)->annotator_id;

  return x < y ? -1 : x > y;
}

static void
load_picture (CairnReviewCompare *self, CairnStore *store)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_clear_object (&self->picture);
  if (self->item->kind != CAIRN_ITEM_IMAGE)
    return;
  /* One picture at a time, small next to decoding while drawing; a missing file is drawn as
   * a grey frame with the shapes still on it. */
  bytes = cairn_store_load_media (store, self->item, NULL);
  if (bytes)
    pixbuf = cairn_image_decode (bytes, NULL, self->item->orientation, NULL, NULL);
  if (pixbuf)
    self->picture = gdk_texture_new_for_pixbuf (pixbuf);
}

gboolean
cairn_review_compare_set_item (CairnReviewCompare *self,
                               CairnStore         *store,
                               const CairnItem    *item,
                               GError            **error)
{
  g_autoptr(GPtrArray) annotations = NULL, labels = NULL;
  g_autoptr(GHashTable) hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  gboolean same = item && self->item && self->item->id == item->id;

  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self), FALSE);
  /* The same item again (after an edit): who was hidden stays hidden. */
  for (guint i = 0; same && i < self->versions->len; i++)
    if (!g_array_index (self->versions, Version, i).visible)
      g_hash_table_add (hidden, g_memdup2 (&g_array_index (self->versions, Version, i).annotator_id,
                                           sizeof (gint64)));
  g_array_set_size (self->versions, 0);
  g_hash_table_remove_all (self->labels);
  g_clear_pointer (&self->item, cairn_item_free);
  if (item != NULL)
    {
      if ((annotations = cairn_store_list_annotations (store, item->id, error)) == NULL
          || (labels = cairn_store_list_labels (store, error)) == NULL)
        return FALSE;
      self->item = cairn_item_copy (item);
      for (guint i = 0; i < labels->len; i++)
        {
          CairnLabel *l = labels->pdata[i];
          g_hash_table_insert (self->labels, g_memdup2 (&l->id, sizeof l->id), cairn_label_copy (l));
        }
      for (guint i = 0; i < annotations->len; i++)
        {
          CairnAnnotation *a = annotations->pdata[i];
          Version *v = version_for (self, store, a->annotator_id);

          g_ptr_array_add (v->annotations, cairn_annotation_copy (a));
        }
      g_array_sort (self->versions, compare_versions);
      for (guint i = 0; i < self->versions->len; i++)
        {
          Version *v = &g_array_index (self->versions, Version, i);
          v->visible = !g_hash_table_contains (hidden, &v->annotator_id);
        }
      if (!same || self->picture == NULL)
        load_picture (self, store);
    }
  else
    g_clear_object (&self->picture);
  find_differences (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

guint
cairn_review_compare_get_n_versions (CairnReviewCompare *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self), 0);
  return self->versions->len;
}

gint64
cairn_review_compare_get_annotator (CairnReviewCompare *self,
                                    guint               index)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self) && index < self->versions->len, 0);
  return g_array_index (self->versions, Version, index).annotator_id;
}

const char *
cairn_review_compare_get_annotator_name (CairnReviewCompare *self,
                                         guint               index)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self) && index < self->versions->len, NULL);
  return g_array_index (self->versions, Version, index).name;
}

void
cairn_review_compare_set_visible (CairnReviewCompare *self,
                                  gint64              annotator_id,
                                  gboolean            visible)
{
  g_return_if_fail (CAIRN_IS_REVIEW_COMPARE (self));
  for (guint i = 0; i < self->versions->len; i++)
    {
      Version *v = &g_array_index (self->versions, Version, i);

      if (v->annotator_id == annotator_id && v->visible != visible)
        {
          v->visible = visible;
          find_differences (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
    }
}

gboolean
cairn_review_compare_get_visible (CairnReviewCompare *self,
                                  gint64              annotator_id)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self), FALSE);
  for (guint i = 0; i < self->versions->len; i++)
    if (g_array_index (self->versions, Version, i).annotator_id == annotator_id)
      return g_array_index (self->versions, Version, i).visible;
  return FALSE;
}

guint
cairn_review_compare_get_n_differences (CairnReviewCompare *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_COMPARE (self), 0);
  return g_hash_table_size (self->differing);
}

static void
cairn_review_compare_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 520;
}

static void
cairn_review_compare_finalize (GObject *object)
{
  CairnReviewCompare *self = CAIRN_REVIEW_COMPARE (object);

  g_clear_pointer (&self->item, cairn_item_free);
  g_clear_object (&self->picture);
  g_hash_table_unref (self->labels);
  g_array_unref (self->versions);
  g_hash_table_unref (self->differing);
  G_OBJECT_CLASS (cairn_review_compare_parent_class)->finalize (object);
}

static void
cairn_review_compare_class_init (CairnReviewCompareClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cairn_review_compare_finalize;
  widget_class->snapshot = cairn_review_compare_snapshot;
  widget_class->measure = cairn_review_compare_measure;
  gtk_widget_class_set_css_name (widget_class, "review-compare");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cairn_review_compare_init (CairnReviewCompare *self)
{
  self->labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) cairn_label_free);
  self->versions = g_array_new (FALSE, TRUE, sizeof (Version));
  g_array_set_clear_func (self->versions, version_clear);
  self->differing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

GtkWidget *
cairn_review_compare_new (void)
{
  return g_object_new (CAIRN_TYPE_REVIEW_COMPARE, NULL);
}
