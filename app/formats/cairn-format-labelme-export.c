#define G_LOG_DOMAIN "cairn-format-labelme"

#include <math.h>

#include "cairn-labelme-private.h"

/* Export */

typedef struct
{
  const char *dir;
  GHashTable *used;         /* file names written in dir */
  gint64      next_group;   /* group ids for shapes split from one annotation */
} LabelmeExport;

static void
add_point (JsonBuilder *b, double x, double y)
{
  json_builder_begin_array (b);
  json_builder_add_double_value (b, x);
  json_builder_add_double_value (b, y);
  json_builder_end_array (b);
}

static gint64
group_of (const CairnAnnotation *a)
{
  JsonNode *g = json_object_get_member (a->attributes, "group_id");
  double v;

  return g && cairn_json_node_number (g, &v) ? (gint64) v : -1;
}

/* One LabelMe shape. points: n x, y pairs; group: -1 for none. */
static void
add_shape (CairnShapesExport *ex, JsonBuilder *b, const CairnAnnotation *a, const char *type,
           const double *xy, guint n, gint64 group, const char *mask, const char *description)
{
  JsonObject *flags = cairn_json_object (a->attributes, "flags");
  const char *desc = cairn_json_string (a->attributes, "description");
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, cairn_shapes_label_name (ex, a->label_id));
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    add_point (b, xy[2 * i], xy[2 * i + 1]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "group_id");
  if (group >= 0)
    json_builder_add_int_value (b, group);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, desc ? desc : description ? description : "");
  json_builder_set_member_name (b, "shape_type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "flags");
  if (flags)
    json_builder_add_value (b, json_node_init_object (json_node_alloc (), flags));
  else
    {
      json_builder_begin_object (b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "mask");
  if (mask)
    json_builder_add_string_value (b, mask);
  else
    json_builder_add_null_value (b);
  json_object_iter_init_ordered (&iter, a->attributes);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (!g_strv_contains (shape_members, member))
      {
        json_builder_set_member_name (b, member);
        json_builder_add_value (b, json_node_copy (value));
      }
  json_builder_end_object (b);
}

static void
add_mask_shape (CairnShapesExport *ex, JsonBuilder *b, const CairnAnnotation *a)
{
  guint left, top, w, h;
  g_autofree guint8 *bits = a->mask ? cairn_shapes_rle_crop (a->mask, &left, &top, &w, &h) : NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *b64 = NULL;
  gsize n;
  const guchar *data;

  if (bits == NULL)
    {
      cairn_format_export_warn (ex->options, "labelme: an empty mask on item %" G_GINT64_FORMAT
                                " was not written", a->item_id);
      return;
    }
  png = cairn_shapes_png_mask_encode (bits, w, h);
  data = g_bytes_get_data (png, &n);
  b64 = g_base64_encode (data, n);
  /* LabelMe's box corners are inclusive pixels. */
  add_shape (ex, b, a, "mask",
             (double[]) { left, top, left + w - 1.0, top + h - 1.0 }, 2, group_of (a), b64, NULL);
}

static void
add_annotation (CairnShapesExport *ex, LabelmeExport *lx, JsonBuilder *b,
                const CairnAnnotation *a)
{
  const double *c = (const double *) a->coords->data;
  gint64 group = group_of (a);
  guint rings = a->rings->len;

  /* A shape LabelMe holds as several keeps its parts together with a group id. */
  if (group < 0 && ((a->kind == CAIRN_KIND_POLYGON || a->kind == CAIRN_KIND_POLYLINE) && rings > 1))
    group = lx->next_group++;
  if (group < 0 && (a->kind == CAIRN_KIND_POINTS || a->kind == CAIRN_KIND_KEYPOINTS)
      && a->coords->len > (a->kind == CAIRN_KIND_POINTS ? 2u : 3u))
    group = lx->next_group++;
  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      add_shape (ex, b, a, "rectangle", (double[]) { c[0], c[1], c[0] + c[2], c[1] + c[3] }, 2,
                 group, NULL, a->kind == CAIRN_KIND_OCR ? a->text : NULL);
      break;
    case CAIRN_KIND_RBOX:
      {
        double corners[8];
        cairn_shapes_rbox_corners (c, corners);
        add_shape (ex, b, a, "polygon", corners, 4, group, NULL, NULL);
      }
      break;
    case CAIRN_KIND_ELLIPSE:
      if (fabs (c[2] - c[3]) < 1e-9)
        add_shape (ex, b, a, "circle", (double[]) { c[0], c[1], c[0] + c[2], c[1] }, 2, group,
                   NULL, NULL);
      else
        {
          double xy[2 * ELLIPSE_POINTS];
          cairn_shapes_ellipse_points (c, ELLIPSE_POINTS, xy);
          add_shape (ex, b, a, "polygon", xy, ELLIPSE_POINTS, group, NULL, NULL);
        }
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
      for (guint r = 0; r < rings; r++)
        {
          guint n = g_array_index (a->rings, guint, r);
          const char *type = a->kind == CAIRN_KIND_POLYGON ? "polygon"
                             : n == 2                      ? "line" : "linestrip";
          add_shape (ex, b, a, type, c + cairn_annotation_ring_offset (a, r), n, group, NULL,
                     NULL);
        }
      break;
    case CAIRN_KIND_POINTS:
      for (guint i = 0; i + 1 < a->coords->len; i += 2)
        add_shape (ex, b, a, "point", c + i, 1, group, NULL, NULL);
      break;
    case CAIRN_KIND_KEYPOINTS:
      for (guint i = 0; i + 2 < a->coords->len; i += 3)
        if (c[i + 2] > 0)
          add_shape (ex, b, a, "point", c + i, 1, group, NULL, NULL);
      break;
    case CAIRN_KIND_MASK:
      add_mask_shape (ex, b, a);
      break;
    case CAIRN_KIND_CUBOID:
      cairn_format_export_warn (ex->options, "labelme: LabelMe has no cuboids; annotation %"
                                G_GINT64_FORMAT " was not written", a->id);
      break;
    default:
      break;
    }
}

static void
add_flags (CairnShapesExport *ex, JsonBuilder *b, const CairnItem *item, GPtrArray *annotations)
{
  JsonArray *names = cairn_json_array (item->meta, FLAGS_META);
  g_autoptr(JsonObject) flags = json_object_new ();

  for (guint i = 0; names && i < json_array_get_length (names); i++)
    {
      JsonNode *n = json_array_get_element (names, i);
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        json_object_set_boolean_member (flags, json_node_get_string (n), FALSE);
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      CairnAnnotation *a = annotations->pdata[i];
      if (a->kind == CAIRN_KIND_TAG && a->label_id)
        json_object_set_boolean_member (flags, cairn_shapes_label_name (ex, a->label_id), TRUE);
    }
  json_builder_set_member_name (b, "flags");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), flags));
}

static gint64
max_group (GPtrArray *annotations)
{
  gint64 max = 0;

  for (guint i = 0; i < annotations->len; i++)
    max = MAX (max, group_of (annotations->pdata[i]));
  return max;
}

/* Writes the image beside the JSON (LabelMe opens it by imagePath), or returns it for imageData
 * when the project holds it embedded. */
static gboolean
place_media (CairnShapesExport *ex, LabelmeExport *lx, const CairnItem *item,
             const char *image_name, char **image_data, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *dest = NULL;
  gboolean is_file = cairn_shapes_media_is_file (ex, item);

  *image_data = NULL;
  bytes = cairn_store_load_verified_media (ex->store, item, &local);
  if (bytes == NULL)
    {
      if (is_file)
        cairn_format_export_warn (ex->options, "labelme: %s", local->message);
      return TRUE;
    }
  if (!is_file)
    {
      *image_data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return TRUE;
    }
  dest = g_build_filename (lx->dir, image_name, NULL);
  if (!g_file_set_contents (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            error))
    {
      g_prefix_error (error, "%s: ", dest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_item (CairnShapesExport *ex, const CairnItem *item, GPtrArray *annotations,
             gpointer data, GError **error)
{
  LabelmeExport *lx = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *image_name = cairn_shapes_unique_name (ex->options, lx->used, item, NULL);
  g_autofree char *stem = g_strdup (image_name);
  g_autofree char *json_name = NULL, *json_path = NULL, *image_data = NULL;
  char *dot = strrchr (stem, '.');

  if (dot && dot != stem)
    *dot = '\0';
  json_name = g_strconcat (stem, ".json", NULL);
  json_path = g_build_filename (lx->dir, json_name, NULL);
  if (!place_media (ex, lx, item, image_name, &image_data, error))
    return FALSE;
  lx->next_group = max_group (annotations) + 1;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "5.4.1");
  add_flags (ex, b, item, annotations);
  json_builder_set_member_name (b, "shapes");
  json_builder_begin_array (b);
  for (guint i = 0; i < annotations->len; i++)
    add_annotation (ex, lx, b, annotations->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "imagePath");
  json_builder_add_string_value (b, image_name);
  json_builder_set_member_name (b, "imageData");
  if (image_data)
    json_builder_add_string_value (b, image_data);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "imageHeight");
  json_builder_add_int_value (b, item->height);
  json_builder_set_member_name (b, "imageWidth");
  json_builder_add_int_value (b, item->width);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  out = cairn_shapes_create_file (json_path, error);
  return out && cairn_shapes_write_node (out, root, TRUE, error)
         && cairn_shapes_close (out, json_path, error);
}

gboolean
cairn_format_labelme_export (CairnStore               *store,
                             const char               *out_dir,
                             const CairnFormatOptions *options,
                             GError                  **error)
{
  CairnShapesExport ex;
  guint n_splits;
  const char *const *splits = cairn_shapes_splits (options, &n_splits);
  gboolean ok = cairn_export_context_init (&ex, store, options, error);

  for (guint s = 0; ok && s < n_splits; s++)
    {
      g_autofree char *dir = splits[s] ? g_build_filename (out_dir, splits[s], NULL)
                                       : g_strdup (out_dir);
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      LabelmeExport lx = { dir, used, 1 };

      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: cannot create: %s",
                       dir, g_strerror (errno));
          ok = FALSE;
          break;
        }
      ok = cairn_shapes_foreach_item (&ex, CAIRN_ITEM_IMAGE, splits[s], (double) s / n_splits,
                                      (double) (s + 1) / n_splits, export_item, &lx, error);
    }
  cairn_export_context_clear (&ex);
  return ok;
}
