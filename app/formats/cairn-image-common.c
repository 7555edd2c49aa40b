#define G_LOG_DOMAIN "cairn-image-common"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <png.h>

#include "cairn-image-common.h"
#include "cairn-media.h"
#include "model/cairn-json.h"
#include "model/cairn-rle.h"

void
cairn_export_set_free (CairnExportSet *set)
{
  if (set == NULL)
    return;
  g_free (set->split);
  g_clear_pointer (&set->item_ids, g_array_unref);
  g_free (set);
}

GPtrArray *
cairn_image_export_sets (CairnStore               *store,
                         const CairnFormatOptions *options,
                         GError                  **error)
{
  g_autoptr(GPtrArray) sets
      = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_export_set_free);
  guint n = options && options->splits ? g_strv_length (options->splits) : 1;

  for (guint i = 0; i < n; i++)
    {
      CairnItemFilter filter = { CAIRN_ITEM_IMAGE, -1, NULL };
      CairnExportSet *set = g_new0 (CairnExportSet, 1);

      g_ptr_array_add (sets, set);
      if (options && options->splits)
        filter.split = set->split = g_strdup (options->splits[i]);
      set->item_ids = cairn_store_list_item_ids (store, &filter, error);
      if (set->item_ids == NULL)
        return NULL;
    }
  return g_steal_pointer (&sets);
}

gboolean
cairn_image_export_begin (CairnImageExport         *ex,
                          CairnStore               *store,
                          const char               *out_dir,
                          const CairnFormatOptions *options,
                          GError                  **error)
{
  ex->store = store;
  ex->options = options;
  ex->out_dir = out_dir;
  if (!cairn_format_export_annotator (store, options, &ex->annotator_id, error))
    return FALSE;
  ex->labels = cairn_image_label_table (store, error);
  if (ex->labels == NULL)
    return FALSE;
  ex->class_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ex->missing = g_string_new (NULL);
  return TRUE;
}

void
cairn_image_export_end (CairnImageExport *ex)
{
  g_clear_pointer (&ex->labels, g_hash_table_unref);
  g_clear_pointer (&ex->class_of, g_hash_table_unref);
  if (ex->missing)
    g_string_free (g_steal_pointer (&ex->missing), TRUE);
}

GHashTable *
cairn_image_label_table (CairnStore *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, error);
  GHashTable *table;

  if (labels == NULL)
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) cairn_label_free);
  for (guint i = 0; i < labels->len; i++)
    {
      CairnLabel *label = cairn_label_copy (labels->pdata[i]);

      label->id = ((CairnLabel *) labels->pdata[i])->id;
      g_hash_table_insert (table, &label->id, label);
    }
  return table;
}

gboolean
cairn_image_label_for_images (const CairnLabel *label)
{
  for (int k = 0; k < CAIRN_N_KINDS; k++)
    if (cairn_kind_is_image (k) && cairn_label_allows (label, k))
      return TRUE;
  return FALSE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
add_class (GHashTable *class_of, GPtrArray *names, const char *name, gint64 label_id)
{
  if (label_id && !g_hash_table_contains (class_of, &label_id))
    g_hash_table_insert (class_of, g_memdup2 (&label_id, sizeof label_id),
                         GUINT_TO_POINTER (names->len + 1));
  g_ptr_array_add (names, g_strdup (name));
}

void
cairn_image_number_classes (CairnStore *store,
                            GHashTable *labels,
                            const char *meta_key,
                            const char *first_name,
                            GHashTable *class_of,
                            GPtrArray  *names)
{
  g_autoptr(JsonNode) order = meta_key ? cairn_image_get_meta_json (store, meta_key) : NULL;
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *list = order && JSON_NODE_HOLDS_ARRAY (order) ? json_node_get_array (order) : NULL;
  GHashTableIter iter;
  gpointer value;

  if (first_name && (list == NULL || json_array_get_length (list) == 0
                     || g_strcmp0 (json_array_get_string_element (list, 0), first_name) != 0))
    add_class (class_of, names, first_name, 0);
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      const char *name = json_array_get_string_element (list, i);
      g_autoptr(CairnLabel) label = name ? cairn_store_find_label (store, name, NULL) : NULL;

      add_class (class_of, names, name ? name : "", label ? label->id : 0);
    }
  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CairnLabel *label = value;

      if (cairn_image_label_for_images (label) && !g_hash_table_contains (class_of, &label->id))
        g_array_append_val (rest, label->id);
    }
  g_array_sort (rest, compare_ids);
  for (guint i = 0; i < rest->len; i++)
    {
      CairnLabel *label = g_hash_table_lookup (labels, &g_array_index (rest, gint64, i));
      add_class (class_of, names, label->name, label->id);
    }
}

int
cairn_image_class_of (GHashTable *class_of,
                      gint64      label_id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (class_of, &label_id)) - 1;
}

static gboolean
collect_cb (const CairnAnnotation *annotation, gpointer user_data)
{
  g_ptr_array_add (user_data, cairn_annotation_copy (annotation));
  return TRUE;
}

GPtrArray *
cairn_image_list_annotations (CairnStore *store,
                              gint64      item_id,
                              gint64      annotator_id,
                              GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;

  filter.item_id = item_id;
  filter.annotator_id = annotator_id;
  if (!cairn_store_foreach_annotation (store, &filter, collect_cb, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Powers of ten for exact decimal rounding. */
static const double scales[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

void
cairn_image_append_rounded (GString *out,
                            double   value,
                            double   tolerance)
{
  for (guint k = 0; k < G_N_ELEMENTS (scales) && isfinite (value); k++)
    {
      double m = nearbyint (value * scales[k]);

      if (fabs (m) >= 9007199254740992.0)
        break;
      if (fabs (m / scales[k] - value) <= tolerance)
        {
          cairn_append_number (out, m / scales[k]);
          return;
        }
    }
  cairn_append_number (out, value);
}

void
cairn_image_append_json_string (GString    *out,
                                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

void
cairn_image_append_xml_text (GString    *out,
                             const char *text)
{
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default:
          /* XML 1.0 cannot carry other control characters at all. */
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
            g_string_append_c (out, c);
        }
    }
}

gboolean
cairn_image_write_file (const char *path,
                        const char *contents,
                        gsize       length,
                        GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: cannot create: %s",
                   dir, g_strerror (errno));
      return FALSE;
    }
  if (!g_file_set_contents (path, contents, length, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
cairn_image_get_meta_json (CairnStore *store,
                           const char *key)
{
  g_autofree char *text = cairn_store_dup_meta (store, key);

  return text ? cairn_json_parse_bounded (text, -1, NULL) : NULL;
}

gboolean
cairn_image_set_meta_json (CairnStore *store,
                           const char *key,
                           JsonNode   *value,
                           GError    **error)
{
  g_autofree char *text = json_to_string (value, FALSE);

  return cairn_store_set_meta (store, key, text, error);
}

gint64
cairn_image_get_int_attribute (const CairnAnnotation *annotation,
                               const char            *name,
                               gint64                 fallback)
{
  JsonNode *node = json_object_get_member (annotation->attributes, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node);
    default:
      return fallback;
    }
}

/* Places after the point v needs (0 to 15), or -1 when it is no short decimal. */
static int
decimals (double v)
{
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      double m = nearbyint (v * scales[k]);

      if (fabs (m) >= 9007199254740992.0)
        return -1;
      if (m / scales[k] == v)
        return k;
    }
  return -1;
}

double
cairn_image_difference (double a,
                        double b)
{
  double d = a - b, r;
  int ka = decimals (a), kb = decimals (b), k = MAX (ka, kb);

  if (ka < 0 || kb < 0 || fabs (d * scales[k]) >= 9007199254740992.0)
    return d;
  /* The exact difference of two k-place decimals is a k-place decimal: its nearest double. */
  r = nearbyint (d * scales[k]) / scales[k];
  return fabs (r - d) <= 1e-9 * MAX (1.0, fabs (d)) ? r : d;
}

void
cairn_image_bounds (const double *xy,
                    gsize         n_points,
                    double        box[4])
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (gsize i = 0; i < n_points; i++)
    {
      x0 = MIN (x0, xy[2 * i]);
      y0 = MIN (y0, xy[2 * i + 1]);
      x1 = MAX (x1, xy[2 * i]);
      y1 = MAX (y1, xy[2 * i + 1]);
    }
  if (n_points == 0)
    x0 = y0 = x1 = y1 = 0;
  box[0] = x0;
  box[1] = y0;
  box[2] = cairn_image_difference (x1, x0);
  box[3] = cairn_image_difference (y1, y0);
}

struct _CairnGroupCounter
{
  CairnStore *store;
  GHashTable *next;   /* item id → next group number */
};

CairnGroupCounter *
cairn_group_counter_new (CairnStore *store)
{
  CairnGroupCounter *self = g_new0 (CairnGroupCounter, 1);

  self->store = store;
  self->next = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

void
cairn_group_counter_free (CairnGroupCounter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->next);
  g_free (self);
}

void
cairn_group_counter_mark_new (CairnGroupCounter *self,
                              gint64             item_id)
{
  gint64 one = 1;

  if (!g_hash_table_contains (self->next, &item_id))
    g_hash_table_insert (self->next, g_memdup2 (&item_id, sizeof item_id),
                         g_memdup2 (&one, sizeof one));
}

gint64
cairn_group_counter_next (CairnGroupCounter *self,
                          gint64             item_id,
                          GError           **error)
{
  gint64 *next = g_hash_table_lookup (self->next, &item_id);

  if (next == NULL)
    {
      g_autoptr(GPtrArray) list = cairn_store_list_annotations (self->store, item_id, error);
      gint64 top = 0;

      if (list == NULL)
        return 0;
      for (guint i = 0; i < list->len; i++)
        top = MAX (top, cairn_image_get_group (list->pdata[i]));
      top++;
      next = g_memdup2 (&top, sizeof top);
      g_hash_table_insert (self->next, g_memdup2 (&item_id, sizeof item_id), next);
    }
  return (*next)++;
}

gint64
cairn_image_get_group (const CairnAnnotation *annotation)
{
  return cairn_image_get_int_attribute (annotation, CAIRN_IMAGE_GROUP, 0);
}

char *
cairn_image_export_name (const CairnFormatOptions *options,
                         const CairnItem          *item,
                         GHashTable               *used)
{
  g_autofree char *fallback = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  g_autofree char *base = item->uri ? g_path_get_basename (item->uri) : NULL;
  g_autofree char *name = cairn_format_safe_file_name (options, base ? base : fallback,
                                                       fallback);
  if (g_hash_table_contains (used, name))
    {
      const char *dot = strrchr (name, '.');
      g_autofree char *stem = g_strndup (name, dot ? (gsize) (dot - name) : strlen (name));
      char *unique = g_strdup_printf ("%s-%" G_GINT64_FORMAT "%s", stem, item->id, dot ? dot : "");

      g_free (name);
      name = unique;
    }
  g_hash_table_add (used, g_strdup (name));
  return g_steal_pointer (&name);
}

gboolean
cairn_image_copy_media (CairnStore      *store,
                        const CairnItem *item,
                        const char      *dest,
                        GError         **error)
{
  g_autoptr(GBytes) bytes = cairn_store_load_verified_media (store, item, error);

  if (bytes == NULL)
    return FALSE;
  return cairn_image_write_file (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 error);
}

const char *
cairn_image_split_from_name (const char *path)
{
  static const char *const splits[][2] = {
    { "train", "train" }, { "val", "val" }, { "valid", "val" }, { "test", "test" },
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  g_auto(GStrv) words = NULL;
  const char *found = NULL;
  char *dot = strrchr (lower, '.');

  if (dot)
    *dot = '\0';
  words = g_strsplit_set (lower, "_-. ", -1);
  for (guint i = 0; words[i]; i++)
    for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
      {
        const char *w = words[i];
        gsize n = strlen (splits[s][0]);

        /* "train", "train2017", "val2014": the split name, then only digits. */
        if (strncmp (w, splits[s][0], n) != 0 || strspn (w + n, "0123456789") != strlen (w + n))
          continue;
        if (found && !g_str_equal (found, splits[s][1]))
          return NULL;
        found = splits[s][1];
      }
  return found;
}

gboolean
cairn_image_set_split (CairnStore *store,
                       gint64      item_id,
                       const char *split,
                       GError    **error)
{
  g_autoptr(CairnItem) item = NULL;

  if (split == NULL)
    return TRUE;
  item = cairn_store_get_item (store, item_id, error);
  if (item == NULL)
    return FALSE;
  if (item->split)
    return TRUE;
  item->split = g_strdup (split);
  return cairn_store_update_item (store, item, error);
}

static void
add_point (GArray *coords, double x, double y)
{
  g_array_append_val (coords, x);
  g_array_append_val (coords, y);
}

/* Rotated rectangle or ellipse around (cx, cy), angle in degrees clockwise (y down). */
static void
add_rotated (GArray *coords, const double *v, gboolean ellipse)
{
  double a = v[4] * G_PI / 180.0, c = cos (a), s = sin (a);
  static const double corners[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
  guint n = ellipse ? 64 : 4;

  for (guint i = 0; i < n; i++)
    {
      double dx, dy;

      if (ellipse)
        {
          double t = 2 * G_PI * i / n;
          dx = v[2] * cos (t);
          dy = v[3] * sin (t);
        }
      else
        {
          dx = corners[i][0] * v[2] / 2;
          dy = corners[i][1] * v[3] / 2;
        }
      add_point (coords, v[0] + dx * c - dy * s, v[1] + dx * s + dy * c);
    }
}

gboolean
cairn_image_outline (const CairnAnnotation *annotation,
                     GArray                *coords,
                     GArray                *rings)
{
  const double *v = (const double *) annotation->coords->data;
  guint n;

  g_array_set_size (coords, 0);
  g_array_set_size (rings, 0);
  switch (annotation->kind)
    {
    case CAIRN_KIND_POLYGON:
      g_array_append_vals (coords, v, annotation->coords->len);
      g_array_append_vals (rings, annotation->rings->data, annotation->rings->len);
      return TRUE;
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      add_point (coords, v[0], v[1]);
      add_point (coords, v[0] + v[2], v[1]);
      add_point (coords, v[0] + v[2], v[1] + v[3]);
      add_point (coords, v[0], v[1] + v[3]);
      break;
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      add_rotated (coords, v, annotation->kind == CAIRN_KIND_ELLIPSE);
      break;
    default:
      return FALSE;
    }
  n = coords->len / 2;
  g_array_append_val (rings, n);
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
cairn_image_fill_rings (guint8       *pixels,
                        guint         width,
                        guint         height,
                        const double *coords,
                        const guint  *rings,
                        guint         n_rings,
                        guint8        value)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  gsize total = 0;
  int y0, y1;

  for (guint r = 0; r < n_rings; r++)
    total += rings[r];
  for (gsize i = 0; i < total; i++)
    {
      top = MIN (top, coords[2 * i + 1]);
      bottom = MAX (bottom, coords[2 * i + 1]);
    }
  if (total == 0)
    return;
  y0 = (int) CLAMP (floor (top), 0, height);
  y1 = (int) CLAMP (ceil (bottom), 0, height);
  for (int y = y0; y < y1; y++)
    {
      double yc = y + 0.5;
      gsize off = 0;

      g_array_set_size (xs, 0);
      for (guint r = 0; r < n_rings; r++)
        {
          guint n = rings[r];

          for (guint i = 0; i < n; i++)
            {
              const double *p = coords + off + 2 * i, *q = coords + off + 2 * ((i + 1) % n);

              if ((p[1] <= yc && yc < q[1]) || (q[1] <= yc && yc < p[1]))
                {
                  double x = p[0] + (yc - p[1]) * (q[0] - p[0]) / (q[1] - p[1]);
                  g_array_append_val (xs, x);
                }
            }
          off += 2 * n;
        }
      g_array_sort (xs, compare_doubles);
      for (guint k = 0; k + 1 < xs->len; k += 2)
        {
          double from = ceil (g_array_index (xs, double, k) - 0.5);
          double to = ceil (g_array_index (xs, double, k + 1) - 0.5);

          from = CLAMP (from, 0, width);
          to = CLAMP (to, 0, width);
          if (to > from)
            memset (pixels + (gsize) y * width + (gsize) from, value, (gsize) (to - from));
        }
    }
}

gboolean
cairn_image_fill_annotation (guint8                *pixels,
                             guint                  width,
                             guint                  height,
                             const CairnAnnotation *annotation,
                             guint8                 value)
{
  if (annotation->kind == CAIRN_KIND_MASK && annotation->mask)
    {
      const CairnRle *rle = annotation->mask;
      guint64 pos = 0;

      /* Straight from the runs (column-major), a column piece at a time: a mask that claims
       * more pixels than the image is never unpacked. */
      for (guint i = 0; i < rle->counts->len && rle->height > 0; i++)
        {
          guint64 end = pos + g_array_index (rle->counts, guint32, i);

          for (; i % 2 == 1 && pos < end; )
            {
              guint64 x = pos / rle->height, y = pos % rle->height;
              guint64 stop = MIN (end, (x + 1) * rle->height);

              if (x >= width)
                return TRUE;
              for (guint64 k = y; k < stop - x * rle->height && k < height; k++)
                pixels[k * width + x] = value;
              pos = stop;
            }
          pos = end;
        }
      return TRUE;
    }
  if (annotation->kind == CAIRN_KIND_POLYGON || annotation->kind == CAIRN_KIND_ELLIPSE)
    {
      g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (guint));

      cairn_image_outline (annotation, coords, rings);
      cairn_image_fill_rings (pixels, width, height, (const double *) coords->data,
                              (const guint *) rings->data, rings->len, value);
      return TRUE;
    }
  return FALSE;
}

guint8 *
cairn_image_new_raster (const CairnFormatOptions *options,
                        const CairnItem          *item,
                        guint                     n_planes,
                        const char               *name,
                        GString                  *missing)
{
  guint64 limit = options && options->max_pixels ? options->max_pixels : CAIRN_MEDIA_MAX_PIXELS;
  guint64 pixels = (guint64) item->width * item->height;
  guint8 *raster;

  if (pixels > limit)
    {
      g_string_append_printf (missing, "%s\t%d × %d is over the pixel limit (%.0f megapixels): "
                              "no masks written\n", name, item->width, item->height, limit / 1e6);
      return NULL;
    }
  /* Under the limit a claimed size can still ask for gigabytes (masks paint 4 bytes a pixel):
   * a size no real segmentation needs is refused before it is asked for. */
  if (pixels * n_planes > CAIRN_RASTER_MAX_BYTES)
    {
      g_string_append_printf (missing, "%s\t%d × %d needs %.0f MB to paint, more than %.0f MB: "
                              "no masks written\n", name, item->width, item->height,
                              pixels * n_planes / 1048576.0, CAIRN_RASTER_MAX_BYTES / 1048576.0);
      return NULL;
    }
  raster = g_try_malloc0 (MAX (pixels * n_planes, 1));
  if (raster == NULL)
    g_string_append_printf (missing, "%s\t%d × %d: not enough memory to paint its masks\n", name,
                            item->width, item->height);
  return raster;
}

double
cairn_image_rings_area (const double *coords,
                        const guint  *rings,
                        guint         n_rings)
{
  double total = 0;
  gsize off = 0;

  for (guint r = 0; r < n_rings; r++)
    {
      double twice = 0;
      guint n = rings[r];

      for (guint i = 0; i < n; i++)
        {
          const double *p = coords + off + 2 * i, *q = coords + off + 2 * ((i + 1) % n);
          twice += p[0] * q[1] - q[0] * p[1];
        }
      total += fabs (twice) / 2;
      off += 2 * n;
    }
  return total;
}

void
cairn_voc_color (guint  index,
                 guint8 rgb[3])
{
  guint c = index;

  rgb[0] = rgb[1] = rgb[2] = 0;
  /* The devkit's bit-interleaved map: bit j of r, g, b comes from bits 3j, 3j+1, 3j+2. */
  for (int j = 7; j >= 0; j--)
    {
      rgb[0] |= (c & 1) << j;
      rgb[1] |= ((c >> 1) & 1) << j;
      rgb[2] |= ((c >> 2) & 1) << j;
      c >>= 3;
    }
}

static gboolean
png_fail (png_image *image, const char *path, GError **error)
{
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path, image->message);
  png_image_free (image);
  return FALSE;
}

static gboolean
ensure_parent (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: cannot create: %s",
                   dir, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_png_write_indexed (const char   *path,
                         guint         width,
                         guint         height,
                         const guint8 *pixels,
                         const guint8 *palette,
                         guint         n_colors,
                         GError      **error)
{
  png_image image = { 0 };

  g_return_val_if_fail (n_colors >= 1 && n_colors <= 256, FALSE);
  if (!ensure_parent (path, error))
    return FALSE;
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = PNG_FORMAT_RGB_COLORMAP;
  image.colormap_entries = n_colors;
  /* With a colour map the simplified API writes a palette image with exactly these entries. */
  if (!png_image_write_to_file (&image, path, 0, pixels, width, palette))
    return png_fail (&image, path, error);
  return TRUE;
}

gboolean
cairn_png_write_rgb (const char   *path,
                     guint         width,
                     guint         height,
                     const guint8 *rgb,
                     GError      **error)
{
  png_image image = { 0 };

  if (!ensure_parent (path, error))
    return FALSE;
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file (&image, path, 0, rgb, width * 3, NULL))
    return png_fail (&image, path, error);
  return TRUE;
}

static guint8 *
map_colors (const char *path, const guint8 *rgba, guint width, guint height,
            const guint8 *colors, guint n_colors, GError **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autofree guint8 *out = g_malloc ((gsize) width * height);

  for (guint i = n_colors; i > 0; i--)
    {
      guint key = (colors[3 * (i - 1)] << 16) | (colors[3 * (i - 1) + 1] << 8)
                  | colors[3 * (i - 1) + 2];
      /* Keys are offset by one so that black, key 0, is not NULL. */
      g_hash_table_insert (index, GUINT_TO_POINTER (key + 1), GUINT_TO_POINTER (i - 1));
    }
  for (gsize p = 0; p < (gsize) width * height; p++)
    {
      const guint8 *c = rgba + 4 * p;
      guint key = (c[0] << 16) | (c[1] << 8) | c[2];
      gpointer value;

      if (!g_hash_table_lookup_extended (index, GUINT_TO_POINTER (key + 1), NULL, &value))
        {
          g_set_error (
              error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
              "%s: pixel (%u, %u) has colour #%02x%02x%02x, which is not in the colour map", path,
              (guint) (p % width), (guint) (p / width), c[0], c[1], c[2]);
          return NULL;
        }
      out[p] = GPOINTER_TO_UINT (value);
    }
  return g_steal_pointer (&out);
}

guint8 *
cairn_png_read_indices (const char   *path,
                        const guint8 *colors,
                        guint         n_colors,
                        guint        *width,
                        guint        *height,
                        GError      **error)
{
  png_image image = { 0 };
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *colormap = NULL;
  guint32 original;

  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file (&image, path))
    {
      png_fail (&image, path, error);
      return NULL;
    }
  if ((guint64) image.width * image.height > (1u << 28))
    {
      png_image_free (&image);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "%s: %u × %u is too large for a label image", path, image.width, image.height);
      return NULL;
    }
  original = image.format;
  *width = image.width;
  *height = image.height;
  if (original & PNG_FORMAT_FLAG_COLORMAP)
    {
      /* A palette file read with a colour map keeps its own indices. */
      image.format = (original & PNG_FORMAT_FLAG_ALPHA) ? PNG_FORMAT_RGBA_COLORMAP
                                                        : PNG_FORMAT_RGB_COLORMAP;
      colormap = g_malloc (PNG_IMAGE_COLORMAP_SIZE (image));
      pixels = g_malloc (PNG_IMAGE_SIZE (image));
      if (!png_image_finish_read (&image, NULL, pixels, 0, colormap))
        {
          png_fail (&image, path, error);
          return NULL;
        }
      return g_steal_pointer (&pixels);
    }
  image.format = (original & PNG_FORMAT_FLAG_COLOR) ? PNG_FORMAT_RGBA : PNG_FORMAT_GRAY;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  if (!png_image_finish_read (&image, NULL, pixels, 0, NULL))
    {
      png_fail (&image, path, error);
      return NULL;
    }
  if (!(original & PNG_FORMAT_FLAG_COLOR))
    return g_steal_pointer (&pixels);
  return map_colors (path, pixels, *width, *height, colors, n_colors, error);
}

gboolean
cairn_image_write_missing (const CairnFormatOptions *options,
                           const char               *out_dir,
                           GString                  *missing,
                           GError                  **error)
{
  g_autofree char *path = NULL;
  guint lines = 0;

  if (missing->len == 0)
    return TRUE;
  path = g_build_filename (out_dir, "missing-images.txt", NULL);
  if (!cairn_image_write_file (path, missing->str, missing->len, error))
    return FALSE;
  for (gsize i = 0; i < missing->len; i++)
    lines += missing->str[i] == '\n';
  cairn_format_export_warn (options, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u image could not be written; see %s",
                                                 "%u images could not be written; see %s", lines),
                            lines, path);
  return TRUE;
}
