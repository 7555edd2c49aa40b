#define G_LOG_DOMAIN "cairn-format-coco"

#include <math.h>

#include "cairn-coco-private.h"
#include "cairn-image-common.h"
#include "cairn-json-stream.h"
#include "model/cairn-rle.h"

typedef struct
{
  gint64 label_id;
  guint  n_keypoints;
} Category;

/* One "annotations" element as read; the arrays are reused from one element to the next. */
typedef struct
{
  gint64      id;
  gint64      image_id;
  gint64      category_id;
  gboolean    has_id, has_image, has_category, has_area, has_score, has_keypoints;
  int         iscrowd;
  double      area;
  double      score;
  GArray     *bbox;       /* double; empty when absent */
  GArray     *coords;     /* polygon points */
  GArray     *rings;      /* guint */
  CairnRle   *rle;
  GArray     *keypoints;
  JsonObject *attributes; /* the element's own "attributes" object */
  JsonObject *extra;      /* members COCO does not define */
} Element;

typedef struct
{
  CairnStore               *store;
  const char               *path;
  char                     *base;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
  CairnJsonStream          *json;
  gint64                    annotator_id;
  const char               *split;
  goffset                   size;
  GHashTable               *images;      /* gint64 * image id → gint64 * item id */
  GHashTable               *categories;  /* gint64 * category id → Category */
  CairnGroupCounter        *groups;
  JsonObject               *category_meta;
  gboolean                  seen_images;
  gboolean                  seen_categories;
  guint                     index;       /* of the current annotation */
  Element                   el;
} Import;

static gboolean
fail (Import *im, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Import *im, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cairn_json_stream_set_error (im->json, error, "%s", message);
  return FALSE;
}

static gboolean
next (Import *im, CairnJsonToken *token, GError **error)
{
  return cairn_json_stream_next (im->json, token, error);
}

static void
element_reset (Element *el)
{
  el->has_id = el->has_image = el->has_category = el->has_area = el->has_score = FALSE;
  el->has_keypoints = FALSE;
  el->iscrowd = 0;
  g_array_set_size (el->bbox, 0);
  g_array_set_size (el->coords, 0);
  g_array_set_size (el->rings, 0);
  g_array_set_size (el->keypoints, 0);
  g_clear_pointer (&el->rle, cairn_rle_free);
  g_clear_pointer (&el->attributes, json_object_unref);
  g_clear_pointer (&el->extra, json_object_unref);
}

static void
element_clear (Element *el)
{
  element_reset (el);
  g_array_unref (el->bbox);
  g_array_unref (el->coords);
  g_array_unref (el->rings);
  g_array_unref (el->keypoints);
}

/* The value after a key, as a number. */
static gboolean
read_number (Import *im, const char *what, double *value, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_NUMBER)
    return fail (im, error, "annotations[%u].%s: expected a number", im->index, what);
  *value = cairn_json_stream_get_double (im->json);
  return TRUE;
}

static gboolean
read_int (Import *im, const char *what, gint64 *value, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_NUMBER || !cairn_json_stream_get_int (im->json, value))
    return fail (im, error, "annotations[%u].%s: expected an integer", im->index, what);
  return TRUE;
}

/* The numbers of an array whose '[' was just read. */
static gboolean
read_numbers (Import *im, const char *what, GArray *out, GError **error)
{
  CairnJsonToken token;

  for (;;)
    {
      double v;

      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_END_ARRAY)
        return TRUE;
      if (token != CAIRN_JSON_NUMBER)
        return fail (im, error, "annotations[%u].%s: expected only numbers", im->index, what);
      v = cairn_json_stream_get_double (im->json);
      g_array_append_val (out, v);
    }
}

static gboolean
read_number_array (Import *im, const char *what, GArray *out, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_BEGIN_ARRAY)
    return fail (im, error, "annotations[%u].%s: expected an array of numbers", im->index, what);
  return read_numbers (im, what, out, error);
}

/* A ring just appended at coords[start...]: kept when it is a polygon. */
static gboolean
close_ring (Import *im, guint start, GError **error)
{
  guint n = im->el.coords->len - start;

  if (n % 2 != 0)
    return fail (im, error, "annotations[%u].segmentation[%u]: odd number of coordinates (%u)",
                 im->index, im->el.rings->len, n);
  if (n < 6)
    {
      /* COCO itself has a few of these; they have no area and cannot be drawn. */
      cairn_import_report_warn (im->report, "%s: annotations[%u]: a polygon with %u point%s "
                                "(dropped)", im->base, im->index, n / 2, n == 2 ? "" : "s");
      g_array_set_size (im->el.coords, start);
      return TRUE;
    }
  n /= 2;
  g_array_append_val (im->el.rings, n);
  return TRUE;
}

static gboolean
parse_rle (Import *im, JsonNode *node, GError **error)
{
  JsonObject *o = json_node_get_object (node);
  JsonNode *size = json_object_get_member (o, "size");
  JsonNode *counts = json_object_get_member (o, "counts");
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnRle) rle = NULL;
  gint64 h, w;

  if (size == NULL || !JSON_NODE_HOLDS_ARRAY (size)
      || json_array_get_length (json_node_get_array (size)) != 2
      || json_node_get_value_type (json_array_get_element (json_node_get_array (size), 0))
           != G_TYPE_INT64
      || json_node_get_value_type (json_array_get_element (json_node_get_array (size), 1))
           != G_TYPE_INT64)
    return fail (im, error, "annotations[%u].segmentation.size: expected [height, width]",
                 im->index);
  h = json_array_get_int_element (json_node_get_array (size), 0);
  w = json_array_get_int_element (json_node_get_array (size), 1);
  if (h < 0 || w < 0 || h > 1 << 20 || w > 1 << 20)
    return fail (im, error, "annotations[%u].segmentation.size: %" G_GINT64_FORMAT " × %"
                 G_GINT64_FORMAT " is not a plausible image size", im->index, h, w);
  if (counts && JSON_NODE_HOLDS_VALUE (counts)
      && json_node_get_value_type (counts) == G_TYPE_STRING)
    rle = cairn_rle_from_string (json_node_get_string (counts), h, w, &local);
  else if (counts && JSON_NODE_HOLDS_ARRAY (counts))
    {
      JsonArray *list = json_node_get_array (counts);

      rle = cairn_rle_new (h, w);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *n = json_array_get_element (list, i);
          gint64 v = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
                       ? json_node_get_int (n) : -1;
          guint32 run = (guint32) v;

          if (v < 0 || v > G_MAXUINT32)
            return fail (im, error, "annotations[%u].segmentation.counts[%u]: expected a "
                         "non-negative integer", im->index, i);
          g_array_append_val (rle->counts, run);
        }
      if (!cairn_rle_check (rle, &local))
        g_clear_pointer (&rle, cairn_rle_free);
    }
  else
    return fail (im, error, "annotations[%u].segmentation.counts: expected a string or a list "
                 "of integers", im->index);
  if (rle == NULL)
    return fail (im, error, "annotations[%u].segmentation: %s", im->index, local->message);
  im->el.rle = g_steal_pointer (&rle);
  return TRUE;
}

static gboolean
read_segmentation (Import *im, GError **error)
{
  CairnJsonToken token;
  guint start;

  if (!next (im, &token, error))
    return FALSE;
  if (token == CAIRN_JSON_BEGIN_OBJECT)
    {
      g_autoptr(JsonNode) node = cairn_json_stream_read_node (im->json, token, error);
      return node && parse_rle (im, node, error);
    }
  if (token == CAIRN_JSON_NULL)
    return TRUE;
  if (token != CAIRN_JSON_BEGIN_ARRAY)
    return fail (im, error, "annotations[%u].segmentation: expected a list of polygons or an "
                 "RLE object", im->index);
  for (;;)
    {
      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_END_ARRAY)
        return TRUE;
      start = im->el.coords->len;
      if (token == CAIRN_JSON_NUMBER)
        {
          /* A single flat polygon, as some tools write it. */
          double v = cairn_json_stream_get_double (im->json);

          g_array_append_val (im->el.coords, v);
          return read_numbers (im, "segmentation", im->el.coords, error)
                 && close_ring (im, start, error);
        }
      if (token != CAIRN_JSON_BEGIN_ARRAY)
        return fail (im, error, "annotations[%u].segmentation: expected lists of numbers",
                     im->index);
      if (!read_numbers (im, "segmentation", im->el.coords, error)
          || !close_ring (im, start, error))
        return FALSE;
    }
}

static gboolean
read_member (Import *im, const char *key, GError **error)
{
  Element *el = &im->el;
  CairnJsonToken token;
  gint64 crowd;

  if (g_str_equal (key, "id"))
    return (el->has_id = read_int (im, key, &el->id, error));
  if (g_str_equal (key, "image_id"))
    return (el->has_image = read_int (im, key, &el->image_id, error));
  if (g_str_equal (key, "category_id"))
    return (el->has_category = read_int (im, key, &el->category_id, error));
  if (g_str_equal (key, "bbox"))
    return read_number_array (im, key, el->bbox, error);
  if (g_str_equal (key, "segmentation"))
    return read_segmentation (im, error);
  if (g_str_equal (key, "keypoints"))
    return (el->has_keypoints = read_number_array (im, key, el->keypoints, error));
  if (g_str_equal (key, "area"))
    return (el->has_area = read_number (im, key, &el->area, error));
  if (g_str_equal (key, "score"))
    return (el->has_score = read_number (im, key, &el->score, error));
  if (g_str_equal (key, "iscrowd"))
    {
      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_TRUE || token == CAIRN_JSON_FALSE)
        crowd = token == CAIRN_JSON_TRUE;
      else if (token != CAIRN_JSON_NUMBER || !cairn_json_stream_get_int (im->json, &crowd)
               || (crowd != 0 && crowd != 1))
        return fail (im, error, "annotations[%u].iscrowd: expected 0 or 1", im->index);
      el->iscrowd = crowd;
      return TRUE;
    }
  {
    /* key lives in the stream's buffer, which the next token overwrites. */
    g_autofree char *name = g_strdup (key);
    JsonNode *node;

    if (!next (im, &token, error))
      return FALSE;
    if (g_str_equal (name, "num_keypoints"))
      return cairn_json_stream_skip (im->json, token, error);
    node = cairn_json_stream_read_node (im->json, token, error);
    if (node == NULL)
      return FALSE;
    if (g_str_equal (name, "attributes") && JSON_NODE_HOLDS_OBJECT (node))
      {
        g_clear_pointer (&el->attributes, json_object_unref);
        el->attributes = json_object_ref (json_node_get_object (node));
        json_node_unref (node);
        return TRUE;
      }
    if (el->extra == NULL)
      el->extra = json_object_new ();
    json_object_set_member (el->extra, name, node);
    return TRUE;
  }
}

static gboolean
differs (double a, double b)
{
  return fabs (a - b) > 1e-6 * MAX (1.0, fabs (a));
}

/* What the file says that the shape does not: its bbox and area when they differ from the
 * shape's own, and the members COCO does not define. NULL when there is nothing. */
static JsonObject *
coco_extra (Import *im, gboolean has_shape, const double computed_box[4], double computed_area)
{
  Element *el = &im->el;
  gboolean keep_bbox = FALSE, keep_area;
  JsonObject *extra;

  if (has_shape && el->bbox->len == 4)
    for (int k = 0; k < 4; k++)
      if (differs (g_array_index (el->bbox, double, k), computed_box[k]))
        keep_bbox = TRUE;
  keep_area = el->has_area && (computed_area < 0 || differs (el->area, computed_area));
  if (!keep_bbox && !keep_area && el->extra == NULL)
    return NULL;
  extra = el->extra ? json_object_ref (el->extra) : json_object_new ();
  if (keep_bbox)
    {
      JsonArray *bbox = json_array_new ();

      for (int k = 0; k < 4; k++)
        json_array_add_double_element (bbox, g_array_index (el->bbox, double, k));
      json_object_set_array_member (extra, "bbox", bbox);
    }
  if (keep_area)
    json_object_set_double_member (extra, "area", el->area);
  return extra;
}

static CairnAnnotation *
new_member (Import *im, CairnKind kind, const Category *category)
{
  CairnAnnotation *a = cairn_annotation_new (kind);
  Element *el = &im->el;

  a->label_id = category->label_id;
  a->annotator_id = im->annotator_id;
  if (el->has_score)
    {
      a->score = el->score;
      a->origin = CAIRN_ORIGIN_MODEL;
    }
  if (el->attributes)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, el->attributes);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (a->attributes, name, json_node_copy (value));
    }
  if (el->iscrowd)
    json_object_set_int_member (a->attributes, "iscrowd", 1);
  return a;
}

static gboolean
any_visible (const GArray *keypoints)
{
  for (guint i = 2; i < keypoints->len; i += 3)
    if (g_array_index (keypoints, double, i) != 0)
      return TRUE;
  return FALSE;
}

static gboolean
store_element (Import *im, gint64 item_id, const Category *category, GError **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);
  Element *el = &im->el;
  double box[4] = { 0, 0, 0, 0 }, area = -1;
  gboolean has_shape = el->rle != NULL || el->rings->len > 0;
  JsonObject *extra;
  gint64 group = 0;

  if (el->rle)
    {
      CairnAnnotation *a = new_member (im, CAIRN_KIND_MASK, category);

      if (!cairn_rle_bounds (el->rle, &box[0], &box[1], &box[2], &box[3]))
        box[0] = box[1] = box[2] = box[3] = 0;
      area = cairn_rle_area (el->rle);
      cairn_annotation_set_mask (a, g_steal_pointer (&el->rle));
      g_ptr_array_add (members, a);
    }
  else if (el->rings->len > 0)
    {
      CairnAnnotation *a = new_member (im, CAIRN_KIND_POLYGON, category);

      cairn_image_bounds ((const double *) el->coords->data, el->coords->len / 2, box);
      area = cairn_image_rings_area ((const double *) el->coords->data,
                                     (const guint *) el->rings->data, el->rings->len);
      g_array_append_vals (a->coords, el->coords->data, el->coords->len);
      g_array_append_vals (a->rings, el->rings->data, el->rings->len);
      g_ptr_array_add (members, a);
    }
  else if (el->bbox->len == 4)
    {
      CairnAnnotation *a = new_member (im, CAIRN_KIND_BOX, category);

      cairn_annotation_set_coords (a, (const double *) el->bbox->data, 4);
      area = g_array_index (el->bbox, double, 2) * g_array_index (el->bbox, double, 3);
      g_ptr_array_add (members, a);
    }
  if (el->has_keypoints && any_visible (el->keypoints))
    {
      CairnAnnotation *a = new_member (im, CAIRN_KIND_KEYPOINTS, category);

      cairn_annotation_set_coords (a, (const double *) el->keypoints->data, el->keypoints->len);
      g_ptr_array_add (members, a);
    }
  if (members->len == 0)
    return fail (im, error, "annotations[%u]: has no bbox, segmentation or keypoints", im->index);

  extra = coco_extra (im, has_shape, box, area);
  if (extra)
    json_object_set_object_member (((CairnAnnotation *) members->pdata[0])->attributes,
                                   COCO_MEMBER, extra);
  if (members->len > 1 && (group = cairn_group_counter_next (im->groups, item_id, error)) == 0)
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    {
      CairnAnnotation *a = members->pdata[i];
      g_autoptr(GError) local = NULL;

      a->item_id = item_id;
      if (group)
        json_object_set_int_member (a->attributes, CAIRN_IMAGE_GROUP, group);
      /* A store error stays one (not a record to skip). */
      if (!cairn_format_add_annotation (im->store, a, im->report, &local))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local), "annotations[%u]: ",
                                      im->index);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
finish_element (Import *im, GError **error)
{
  Element *el = &im->el;
  const Category *category;
  const gint64 *item_id;

  if (!el->has_image || !el->has_category)
    return fail (im, error, "annotations[%u]: needs \"image_id\" and \"category_id\"", im->index);
  if (el->bbox->len != 0 && el->bbox->len != 4)
    return fail (im, error, "annotations[%u].bbox: has %u numbers, expected 4", im->index,
                 el->bbox->len);
  item_id = g_hash_table_lookup (im->images, &el->image_id);
  if (item_id == NULL)
    return fail (im, error, "annotations[%u]: image_id %" G_GINT64_FORMAT " is not among the "
                 "images", im->index, el->image_id);
  category = g_hash_table_lookup (im->categories, &el->category_id);
  if (category == NULL)
    return fail (im, error, "annotations[%u]: category_id %" G_GINT64_FORMAT " is not among "
                 "the categories", im->index, el->category_id);
  if (el->keypoints->len % 3 != 0
      || (category->n_keypoints && el->has_keypoints
          && el->keypoints->len != 3 * category->n_keypoints))
    return fail (im, error, "annotations[%u].keypoints: has %u numbers, expected %u (x, y, v "
                 "for each keypoint of the category)", im->index, el->keypoints->len,
                 3 * category->n_keypoints);
  return store_element (im, *item_id, category, error);
}

static gboolean
read_annotations (Import *im, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_BEGIN_ARRAY)
    return fail (im, error, "annotations: expected an array");
  for (im->index = 0;; im->index++)
    {
      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_END_ARRAY)
        return TRUE;
      if (token != CAIRN_JSON_BEGIN_OBJECT)
        return fail (im, error, "annotations[%u]: expected an object", im->index);
      if (im->index % 1024 == 0
          && !cairn_format_step (im->options, (double) cairn_json_stream_get_offset (im->json)
                                                / MAX (im->size, 1), NULL, error))
        return FALSE;
      element_reset (&im->el);
      for (;;)
        {
          if (!next (im, &token, error))
            return FALSE;
          if (token == CAIRN_JSON_END_OBJECT)
            break;
          if (!read_member (im, cairn_json_stream_get_string (im->json), error))
            return FALSE;
        }
      /* An annotation read whole but unusable (an image or category it names is not in the
       * file, counts that do not fit, no shape) is skipped alone; nothing of it was written. */
      {
        g_autoptr(GError) bad = NULL;

        if (!finish_element (im, &bad)
            && !cairn_format_skip_record (im->options, im->report, &bad, error))
          return FALSE;
      }
    }
}

static JsonObject *
copy_except (JsonObject *o, const char *const *skip)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (skip, name))
      json_object_set_member (copy, name, json_node_copy (value));
  return copy;
}

/* The image's id and extra fields, kept in the item's meta so an export gives them back. */
static JsonObject *
image_meta (gint64 image_id, JsonObject *o)
{
  static const char *const known[] = { "id", "width", "height", NULL };
  JsonObject *coco = copy_except (o, known);
  JsonObject *meta = json_object_new ();

  json_object_set_int_member (coco, "id", image_id);
  json_object_set_object_member (meta, COCO_MEMBER, coco);
  return meta;
}

static gboolean
import_image (Import *im, JsonNode *node, guint index, GError **error)
{
  g_autoptr(JsonObject) meta = NULL;
  JsonObject *o;
  const char *file_name;
  gint64 id, width = 0, height = 0, item_id;
  guint items_before = im->report->items_added;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, "images[%u]: expected an object", index);
  o = json_node_get_object (node);
  if (!cairn_json_get_int (o, "id", &id))
    return fail (im, error, "images[%u]: needs an integer \"id\"", index);
  file_name = cairn_json_string (o, "file_name");
  if (file_name == NULL || *file_name == '\0')
    return fail (im, error, "images[%u]: needs a \"file_name\" string", index);
  if ((json_object_has_member (o, "width") && !cairn_json_get_int (o, "width", &width))
      || (json_object_has_member (o, "height") && !cairn_json_get_int (o, "height", &height))
      || width < 0 || height < 0 || width > G_MAXINT || height > G_MAXINT)
    return fail (im, error, "images[%u]: \"width\" and \"height\" must be non-negative integers",
                 index);
  if (g_hash_table_contains (im->images, &id))
    return fail (im, error, "images[%u]: id %" G_GINT64_FORMAT " appears twice", index, id);
  meta = image_meta (id, o);
  /* The split the file's name suggests. */
  item_id = cairn_format_ensure_image (im->store, file_name, width, height, im->split, meta,
                                       im->path, im->options, im->report, error);
  if (item_id == 0)
    return FALSE;
  if (im->report->items_added > items_before)
    cairn_group_counter_mark_new (im->groups, item_id);
  g_hash_table_insert (im->images, g_memdup2 (&id, sizeof id), g_memdup2 (&item_id, sizeof id));
  return TRUE;
}

static gboolean
same_skeleton (const CairnLabel *label, JsonArray *names)
{
  if (label->points->len != json_array_get_length (names))
    return FALSE;
  for (guint i = 0; i < label->points->len; i++)
    if (g_strcmp0 (label->points->pdata[i], json_array_get_string_element (names, i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
set_skeleton (Import *im, gint64 label_id, JsonArray *names, JsonArray *edges, guint index,
              GError **error)
{
  g_autoptr(CairnLabel) label = cairn_store_get_label (im->store, label_id, error);
  guint n = json_array_get_length (names);

  if (label == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *name = json_array_get_element (names, i);

      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        return fail (im, error, "categories[%u].keypoints[%u]: expected a name", index, i);
    }
  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonNode *edge = json_array_get_element (edges, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (edge) ? json_node_get_array (edge) : NULL;
      gint64 a, b;

      if (pair == NULL || json_array_get_length (pair) != 2
          || json_node_get_value_type (json_array_get_element (pair, 0)) != G_TYPE_INT64
          || json_node_get_value_type (json_array_get_element (pair, 1)) != G_TYPE_INT64
          || (a = json_array_get_int_element (pair, 0)) < 1 || a > n
          || (b = json_array_get_int_element (pair, 1)) < 1 || b > n)
        return fail (im, error, "categories[%u].skeleton[%u]: expected two keypoint numbers "
                     "from 1 to %u", index, i, n);
    }
  if (label->points->len > 0)
    {
      if (!same_skeleton (label, names))
        cairn_import_report_warn (im->report, "%s: categories[%u]: label “%s” keeps its own "
                                  "%u-point skeleton; this file's has %u points", im->base,
                                  index, label->name, label->points->len, n);
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (label->points, g_strdup (json_array_get_string_element (names, i)));
  g_array_set_size (label->edges, 0);
  for (guint i = 0; edges && i < json_array_get_length (edges); i++)
    {
      JsonArray *pair = json_array_get_array_element (edges, i);
      guint ends[2] = { json_array_get_int_element (pair, 0) - 1,
                        json_array_get_int_element (pair, 1) - 1 };

      g_array_append_vals (label->edges, ends, 2);
    }
  return cairn_store_update_label (im->store, label, error);
}

static gboolean
import_category (Import *im, JsonNode *node, guint index, GError **error)
{
  static const char *const known[] = { "id", "name", "keypoints", "skeleton", NULL };
  Category category = { 0, 0 };
  JsonObject *o;
  JsonNode *names, *edges;
  const char *name;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, "categories[%u]: expected an object", index);
  o = json_node_get_object (node);
  name = cairn_json_string (o, "name");
  if (!cairn_json_get_int (o, "id", &id) || name == NULL || *name == '\0')
    return fail (im, error, "categories[%u]: needs an integer \"id\" and a \"name\"", index);
  if (g_hash_table_contains (im->categories, &id))
    return fail (im, error, "categories[%u]: id %" G_GINT64_FORMAT " appears twice", index, id);
  names = json_object_get_member (o, "keypoints");
  edges = json_object_get_member (o, "skeleton");
  if ((names && !JSON_NODE_HOLDS_ARRAY (names) && !JSON_NODE_HOLDS_NULL (names))
      || (edges && !JSON_NODE_HOLDS_ARRAY (edges) && !JSON_NODE_HOLDS_NULL (edges)))
    return fail (im, error, "categories[%u]: \"keypoints\" and \"skeleton\" must be arrays",
                 index);
  category.label_id = cairn_format_ensure_label (im->store, name, im->report, error);
  if (category.label_id == 0)
    return FALSE;
  if (names && JSON_NODE_HOLDS_ARRAY (names) && json_array_get_length (json_node_get_array (names)))
    {
      category.n_keypoints = json_array_get_length (json_node_get_array (names));
      if (!set_skeleton (im, category.label_id, json_node_get_array (names),
                         edges && JSON_NODE_HOLDS_ARRAY (edges) ? json_node_get_array (edges)
                                                                : NULL,
                         index, error))
        return FALSE;
    }
  json_object_set_object_member (im->category_meta, name, copy_except (o, known));
  json_object_set_int_member (json_object_get_object_member (im->category_meta, name), "id", id);
  g_hash_table_insert (im->categories, g_memdup2 (&id, sizeof id),
                       g_memdup2 (&category, sizeof category));
  return TRUE;
}

typedef gboolean (*ImportNodeFunc) (Import *, JsonNode *, guint, GError **);

static gboolean
read_list (Import *im, const char *member, ImportNodeFunc func, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_BEGIN_ARRAY)
    return fail (im, error, "%s: expected an array", member);
  for (guint i = 0;; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_END_ARRAY)
        return TRUE;
      node = cairn_json_stream_read_node (im->json, token, error);
      if (node == NULL || !func (im, node, i, error))
        return FALSE;
    }
}

static gboolean
keep_meta (Import *im, const char *key, GError **error)
{
  CairnJsonToken token;
  g_autoptr(JsonNode) node = NULL;

  if (!next (im, &token, error))
    return FALSE;
  node = cairn_json_stream_read_node (im->json, token, error);
  return node && cairn_image_set_meta_json (im->store, key, node, error);
}

/* Walks the top-level object. Annotations are read in place when images and categories came
 * first (as COCO writes them); otherwise they are skipped and read in a second pass. */
static gboolean
read_top_level (Import *im, gboolean annotations_only, gboolean *deferred, GError **error)
{
  CairnJsonToken token;

  if (!next (im, &token, error))
    return FALSE;
  if (token != CAIRN_JSON_BEGIN_OBJECT)
    return fail (im, error, "expected a COCO object with \"images\", \"annotations\" and "
                 "\"categories\" (a results list needs its ground-truth file imported first)");
  for (;;)
    {
      const char *key;

      if (!next (im, &token, error))
        return FALSE;
      if (token == CAIRN_JSON_END_OBJECT)
        break;
      key = cairn_json_stream_get_string (im->json);
      if (g_str_equal (key, "annotations") && (annotations_only || (im->seen_images
                                                                    && im->seen_categories)))
        {
          if (!read_annotations (im, error))
            return FALSE;
          continue;
        }
      if (!annotations_only && g_str_equal (key, "images"))
        {
          im->seen_images = TRUE;
          if (!read_list (im, "images", import_image, error))
            return FALSE;
          continue;
        }
      if (!annotations_only && g_str_equal (key, "categories"))
        {
          im->seen_categories = TRUE;
          if (!read_list (im, "categories", import_category, error))
            return FALSE;
          continue;
        }
      if (!annotations_only && (g_str_equal (key, "info") || g_str_equal (key, "licenses")))
        {
          if (!keep_meta (im, g_str_equal (key, "info") ? COCO_META_INFO : COCO_META_LICENSES,
                          error))
            return FALSE;
          continue;
        }
      if (g_str_equal (key, "annotations"))
        *deferred = TRUE;
      if (!next (im, &token, error) || !cairn_json_stream_skip (im->json, token, error))
        return FALSE;
    }
  return next (im, &token, error);
}

static gboolean
save_category_meta (Import *im, GError **error)
{
  g_autoptr(JsonNode) old = cairn_image_get_meta_json (im->store, COCO_META_CATEGORIES);
  g_autoptr(JsonNode) merged = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (json_object_get_size (im->category_meta) == 0)
    return TRUE;
  if (old && JSON_NODE_HOLDS_OBJECT (old))
    {
      json_object_iter_init (&iter, json_node_get_object (old));
      while (json_object_iter_next (&iter, &name, &value))
        if (!json_object_has_member (im->category_meta, name))
          json_object_set_member (im->category_meta, name, json_node_copy (value));
    }
  merged = json_node_init_object (json_node_alloc (), im->category_meta);
  return cairn_image_set_meta_json (im->store, COCO_META_CATEGORIES, merged, error);
}

static gboolean
coco_import (Import *im, GError **error)
{
  gboolean deferred = FALSE;
  g_autoptr(GFile) file = g_file_new_for_path (im->path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  im->size = info ? g_file_info_get_size (info) : 0;
  im->json = cairn_json_stream_open (im->path, error);
  if (im->json == NULL || !read_top_level (im, FALSE, &deferred, error))
    return FALSE;
  if (!im->seen_images || !im->seen_categories)
    return fail (im, error, "not a COCO file: it needs \"images\" and \"categories\" lists");
  if (deferred)
    {
      g_clear_pointer (&im->json, cairn_json_stream_free);
      im->json = cairn_json_stream_open (im->path, error);
      if (im->json == NULL || !read_top_level (im, TRUE, &deferred, error))
        return FALSE;
    }
  return save_category_meta (im, error) && cairn_format_step (im->options, 1.0, NULL, error);
}

gboolean
cairn_format_coco_import (CairnStore               *store,
                          const char               *path,
                          const CairnFormatOptions *options,
                          CairnImportReport        *report,
                          GError                  **error)
{
  Import im = { 0 };
  gboolean ok;

  im.store = store;
  im.path = path;
  im.base = g_path_get_basename (path);
  im.options = options;
  im.report = report;
  im.split = cairn_image_split_from_name (path);
  im.images = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  im.categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  im.category_meta = json_object_new ();
  im.groups = cairn_group_counter_new (store);
  im.el.bbox = g_array_new (FALSE, FALSE, sizeof (double));
  im.el.coords = g_array_new (FALSE, FALSE, sizeof (double));
  im.el.rings = g_array_new (FALSE, FALSE, sizeof (guint));
  im.el.keypoints = g_array_new (FALSE, FALSE, sizeof (double));
  im.annotator_id = cairn_format_annotator (store, options, error);
  ok = (im.annotator_id != 0 || options->annotator == NULL) && coco_import (&im, error);
  element_clear (&im.el);
  g_clear_pointer (&im.json, cairn_json_stream_free);
  g_hash_table_unref (im.images);
  g_hash_table_unref (im.categories);
  cairn_group_counter_free (im.groups);
  json_object_unref (im.category_meta);
  g_free (im.base);
  return ok;
}

