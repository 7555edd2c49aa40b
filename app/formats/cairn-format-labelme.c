#define G_LOG_DOMAIN "cairn-format-labelme"

#include <math.h>

#include "cairn-labelme-private.h"

/* Import */

static gboolean
read_points (CairnShapesImport *im, JsonObject *shape, const char *where, GArray *xy,
             GError **error)
{
  JsonArray *points = cairn_json_array (shape, "points");

  if (points == NULL)
    return cairn_shapes_fail (im, error, where, "\"points\" must be an array");
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonNode *node = json_array_get_element (points, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      double x, y;

      if (pair == NULL || json_array_get_length (pair) < 2
          || !cairn_json_node_number (json_array_get_element (pair, 0), &x)
          || !cairn_json_node_number (json_array_get_element (pair, 1), &y))
        return cairn_shapes_fail (im, error, where, "points[%u] must be [x, y] numbers", i);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  return TRUE;
}

static gboolean
need_points (CairnShapesImport *im, const char *where, const char *type, guint n, guint min,
             guint max, GError **error)
{
  if (n >= min && n <= max)
    return TRUE;
  if (min == max)
    return cairn_shapes_fail (im, error, where, "a %s needs %u point%s, got %u", type, min,
                              min == 1 ? "" : "s", n);
  return cairn_shapes_fail (im, error, where, "a %s needs at least %u points, got %u", type,
                            min, n);
}

static gboolean
read_mask (CairnShapesImport *im, JsonObject *shape, const double *xy, gint width, gint height,
           CairnAnnotation *a, const char *where, GError **error)
{
  const char *b64 = cairn_json_string (shape, "mask");
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *bits = NULL;
  guint mw, mh;
  guchar *data;
  gsize n;

  if (b64 == NULL)
    return cairn_shapes_fail (im, error, where, "a mask needs a base64 PNG in \"mask\"");
  if (width <= 0 || height <= 0)
    return cairn_shapes_fail (im, error, where,
                              "a mask needs the image size (imageWidth, imageHeight)");
  if ((guint64) width * height > CAIRN_SHAPES_MAX_PIXELS)
    return cairn_shapes_fail (im, error, where, "the image is too big for a mask (%d × %d)",
                              width, height);
  data = g_base64_decode (b64, &n);
  png = g_bytes_new_take (data, n);
  bits = cairn_shapes_png_mask_decode (png, &mw, &mh, &local);
  if (bits == NULL)
    return cairn_shapes_fail (im, error, where, "\"mask\" is not a PNG: %s", local->message);
  /* The PNG covers the box from the first point; its own size is authoritative. */
  cairn_annotation_set_mask (a, cairn_shapes_rle_from_local (bits, mw, mh, (gint64) floor (xy[0]),
                                                             (gint64) floor (xy[1]),
                                                             width, height));
  return TRUE;
}

static gboolean
shape_geometry (CairnShapesImport *im, JsonObject *shape, const char *type, gint width,
                gint height, CairnAnnotation **out, const char *where, GError **error)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnAnnotation) a = NULL;
  const double *p;
  guint n;

  if (!read_points (im, shape, where, xy, error))
    return FALSE;
  p = (const double *) xy->data;
  n = xy->len / 2;
  if (g_str_equal (type, "rectangle"))
    {
      if (!need_points (im, where, type, n, 2, 2, error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_BOX);
      cairn_annotation_set_box (a, MIN (p[0], p[2]), MIN (p[1], p[3]), fabs (p[2] - p[0]),
                                fabs (p[3] - p[1]));
    }
  else if (g_str_equal (type, "polygon"))
    {
      if (!need_points (im, where, type, n, 3, G_MAXUINT, error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_POLYGON);
      cairn_annotation_add_ring (a, p, n);
    }
  else if (g_str_equal (type, "line") || g_str_equal (type, "linestrip"))
    {
      if (!need_points (im, where, type, n, 2, g_str_equal (type, "line") ? 2 : G_MAXUINT, error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_POLYLINE);
      cairn_annotation_add_ring (a, p, n);
    }
  else if (g_str_equal (type, "point") || g_str_equal (type, "points"))
    {
      if (!need_points (im, where, type, n, 1, g_str_equal (type, "point") ? 1 : G_MAXUINT,
                        error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_POINTS);
      cairn_annotation_set_coords (a, p, n * 2);
    }
  else if (g_str_equal (type, "circle"))
    {
      double r;

      if (!need_points (im, where, type, n, 2, 2, error))
        return FALSE;
      /* Centre, then a point on the circle. */
      r = hypot (p[2] - p[0], p[3] - p[1]);
      a = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
      cairn_annotation_set_coords (a, (double[]) { p[0], p[1], r, r, 0 }, 5);
    }
  else if (g_str_equal (type, "mask"))
    {
      if (!need_points (im, where, type, n, 2, 2, error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_MASK);
      if (!read_mask (im, shape, p, width, height, a, where, error))
        return FALSE;
    }
  *out = g_steal_pointer (&a);
  return TRUE;
}

static void
shape_attributes (JsonObject *shape, JsonObject *attributes)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *flags = cairn_json_object (shape, "flags");
  const char *description = cairn_json_string (shape, "description");
  JsonNode *group = json_object_get_member (shape, "group_id");

  if (group && !JSON_NODE_HOLDS_NULL (group))
    json_object_set_member (attributes, "group_id", json_node_copy (group));
  if (description && *description)
    json_object_set_string_member (attributes, "description", description);
  if (flags && json_object_get_size (flags) > 0)
    json_object_set_object_member (attributes, "flags", json_object_ref (flags));
  json_object_iter_init_ordered (&iter, shape);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (!g_strv_contains (shape_members, member) && !JSON_NODE_HOLDS_NULL (value))
      json_object_set_member (attributes, member, json_node_copy (value));
}

static gboolean
import_shape (CairnShapesImport *im, JsonNode *node, gint64 item_id, gint width, gint height,
              const char *where, GError **error)
{
  JsonObject *shape = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  JsonNode *label_node;
  const char *label, *type;
  gint64 label_id;

  if (shape == NULL)
    return cairn_shapes_fail (im, error, where, "expected an object");
  label_node = json_object_get_member (shape, "label");
  label = cairn_json_string (shape, "label");
  if (label_node && !JSON_NODE_HOLDS_NULL (label_node) && label == NULL)
    return cairn_shapes_fail (im, error, where, "\"label\" must be a string");
  /* Files from LabelMe before 3.x have no shape_type: everything was a polygon. */
  type = json_object_has_member (shape, "shape_type")
           ? cairn_json_string (shape, "shape_type") : "polygon";
  if (type == NULL)
    return cairn_shapes_fail (im, error, where, "\"shape_type\" must be a string");
  if (!shape_geometry (im, shape, type, width, height, &a, where, error))
    return FALSE;
  if (a == NULL)
    {
      cairn_import_report_warn (im->report, "%s: %s: unknown shape_type “%s” (skipped)",
                                im->file, where, type);
      return TRUE;
    }
  if (!cairn_shapes_label (im, label, NULL, &label_id, error))
    return FALSE;
  a->item_id = item_id;
  a->label_id = label_id;
  shape_attributes (shape, a->attributes);
  return cairn_shapes_add (im, a, where, error);
}

static gboolean
import_flags (CairnShapesImport *im, JsonObject *root, gint64 item_id, GError **error)
{
  JsonObject *flags = cairn_json_object (root, "flags");
  g_autoptr(CairnItem) item = NULL;
  JsonArray *names;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (flags == NULL || json_object_get_size (flags) == 0)
    return TRUE;
  names = json_array_new ();
  json_object_iter_init_ordered (&iter, flags);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      json_array_add_string_element (names, name);
      if (cairn_shapes_truthy (value))
        {
          g_autoptr(CairnAnnotation) tag = cairn_annotation_new (CAIRN_KIND_TAG);
          g_autofree char *where = g_strdup_printf ("flags.%s", name);

          tag->item_id = item_id;
          if (!cairn_shapes_label (im, name, NULL, &tag->label_id, error)
              || !cairn_shapes_add (im, tag, where, error))
            {
              json_array_unref (names);
              return FALSE;
            }
        }
    }
  item = cairn_store_get_item (im->store, item_id, error);
  if (item == NULL)
    {
      json_array_unref (names);
      return FALSE;
    }
  json_object_set_array_member (item->meta, FLAGS_META, names);
  return cairn_store_update_item (im->store, item, error);
}

static gboolean
get_size (CairnShapesImport *im, JsonObject *root, const char *member, gint *value,
          GError **error)
{
  JsonNode *node = json_object_get_member (root, member);
  double v;

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!cairn_json_node_number (node, &v) || v < 0 || v > G_MAXINT || v != floor (v))
    return cairn_shapes_fail (im, error, member, "expected a whole number of pixels");
  *value = (gint) v;
  return TRUE;
}

static gint64
import_image (CairnShapesImport *im, JsonObject *root, gint *width, gint *height, GError **error)
{
  const char *image_path = cairn_json_string (root, "imagePath");
  const char *image_data = cairn_json_string (root, "imageData");
  g_autoptr(GBytes) embedded = NULL;
  g_autofree char *name = NULL;
  gint item_width, item_height;
  gint64 id;

  if (!get_size (im, root, "imageWidth", width, error)
      || !get_size (im, root, "imageHeight", height, error))
    return 0;
  if (image_path == NULL || *image_path == '\0')
    {
      /* Without a name the JSON file's own name stands for the image. */
      if (image_data == NULL)
        {
          cairn_shapes_fail (im, error, "imagePath", "expected the image's file name");
          return 0;
        }
      name = g_strdup (im->file);
    }
  else
    name = g_strdup (image_path);
  /* LabelMe on Windows writes backslashes. */
  g_strdelimit (name, "\\", '/');
  if (image_data && *image_data)
    {
      gsize n;
      guchar *bytes = g_base64_decode (image_data, &n);

      embedded = g_bytes_new_take (bytes, n);
    }
  id = cairn_shapes_image (im, name, *width, *height, embedded, error);
  if (id == 0)
    return 0;
  cairn_shapes_item_size (im, id, &item_width, &item_height);
  if (*width && *height && item_width && item_height
      && (item_width != *width || item_height != *height))
    cairn_import_report_warn (im->report,
                              "%s: imageWidth × imageHeight is %d × %d but the image is %d × %d",
                              im->file, *width, *height, item_width, item_height);
  if (item_width && item_height)
    *width = item_width, *height = item_height;
  return id;
}

static gboolean
import_file (CairnShapesImport *im, const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonNode *shapes_node;
  JsonArray *shapes;
  gint64 item_id;
  gint width, height;

  cairn_shapes_import_set_file (im, path);
  parser = cairn_shapes_load_json (im, error);
  if (parser == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return cairn_shapes_fail (im, error, "$", "expected a LabelMe object");
  root = json_node_get_object (json_parser_get_root (parser));
  shapes_node = json_object_get_member (root, "shapes");
  if (shapes_node == NULL || !JSON_NODE_HOLDS_ARRAY (shapes_node))
    return cairn_shapes_fail (im, error, "shapes", "expected an array of shapes");
  shapes = json_node_get_array (shapes_node);
  item_id = import_image (im, root, &width, &height, error);
  if (item_id == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (shapes); i++)
    {
      g_autofree char *where = g_strdup_printf ("shapes[%u]", i);

      if (!import_shape (im, json_array_get_element (shapes, i), item_id, width, height, where,
                         error))
        return FALSE;
    }
  return import_flags (im, root, item_id, error);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
collect_json (const char *dir, GPtrArray *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        collect_json (path, files);
      else if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

gboolean
cairn_format_labelme_import (CairnStore               *store,
                             const char               *path,
                             const CairnFormatOptions *options,
                             CairnImportReport        *report,
                             GError                  **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  CairnShapesImport im;
  gboolean ok = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      collect_json (path, files);
      /* Sorted, so item order is the same on every machine. */
      g_ptr_array_sort (files, compare_paths);
      if (files->len == 0)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO,
                       "%s: no LabelMe .json files in this folder", path);
          return FALSE;
        }
    }
  else
    g_ptr_array_add (files, g_strdup (path));
  if (!cairn_shapes_import_init (&im, store, options, report, error))
    {
      cairn_shapes_import_clear (&im);
      return FALSE;
    }
  for (guint i = 0; ok && i < files->len; i++)
    ok = cairn_format_step (options, (double) i / files->len, files->pdata[i], error)
         && import_file (&im, files->pdata[i], error);
  cairn_shapes_import_clear (&im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
