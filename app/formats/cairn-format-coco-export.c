#define G_LOG_DOMAIN "cairn-format-coco"

#include <math.h>

#include "cairn-coco-private.h"
#include "cairn-image-common.h"
#include "model/cairn-json-text.h"
#include "model/cairn-rle.h"

/* COCO export: one file per split, written as it goes — a million annotations never sit in
 * memory at once. */

/* One output file: instances.json, or instances_SPLIT.json per split. */
typedef struct
{
  GOutputStream *out;
  GString       *buf;
  gboolean       first;
  char          *path;  /* for messages */
} Subset;

typedef struct
{
  gint64      item_id;
  gint64      image_id;
  char       *file_name;
  gint        width;
  gint        height;
  JsonObject *extra;   /* the image's other COCO fields */
  Subset     *subset;
} Image;

typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  GHashTable               *labels;       /* label id → CairnLabel */
  GHashTable               *category_ids; /* label id → gint64 * */
  GHashTable               *images;       /* item id → Image */
  GPtrArray                *image_list;   /* the same Images, in the order they were listed */
  GPtrArray                *subsets;
  GPtrArray                *pending;      /* the current item's grouped annotations */
  gint64                    current_item;
  Image                    *current_image; /* NULL when the item is not exported */
  gint64                    next_id;
  guint                     n_items_done;
  guint                     n_items;
  GArray                    *coords, *rings;
  guint                     left_out[CAIRN_N_KINDS]; /* kinds COCO cannot hold */
  guint                     unlabelled;
  GError                   *error;
} Export;

static void
subset_free (Subset *s)
{
  g_clear_object (&s->out);
  g_string_free (s->buf, TRUE);
  g_free (s->path);
  g_free (s);
}

static void
image_free (Image *image)
{
  g_free (image->file_name);
  g_clear_pointer (&image->extra, json_object_unref);
  g_free (image);
}

static gboolean
flush (Subset *s, gsize threshold, GError **error)
{
  if (s->buf->len < threshold)
    return TRUE;
  if (!g_output_stream_write_all (s->out, s->buf->str, s->buf->len, NULL, NULL, error))
    {
      g_prefix_error (error, "%s: ", s->path);
      return FALSE;
    }
  g_string_truncate (s->buf, 0);
  return TRUE;
}

/* Not json_to_string: a JsonGenerator per value, for every image's extra fields. */
static void
append_node (GString *out, JsonNode *node)
{
  cairn_json_text_append (out, node);
}

static void
append_numbers (GString *out, const double *v, guint n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      cairn_append_number (out, v[i]);
    }
  g_string_append_c (out, ']');
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Category ids: the ones an import remembered, new ones after them. */
static void
assign_category_ids (Export *ex, JsonObject *meta, GArray *order)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;
  gint64 next_id = 1;

  g_hash_table_iter_init (&iter, ex->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (cairn_image_label_for_images (value))
      g_array_append_val (label_ids, ((CairnLabel *) value)->id);
  g_array_sort (label_ids, compare_ids);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < label_ids->len; i++)
      {
        gint64 label_id = g_array_index (label_ids, gint64, i);
        CairnLabel *label = g_hash_table_lookup (ex->labels, &label_id);
        JsonNode *m = meta ? json_object_get_member (meta, label->name) : NULL;
        gint64 id = 0;

        if (g_hash_table_contains (ex->category_ids, &label_id))
          continue;
        if (pass == 0 && m && JSON_NODE_HOLDS_OBJECT (m)
            && cairn_json_get_int (json_node_get_object (m), "id", &id) && id > 0
            && !g_hash_table_contains (used, &id))
          next_id = MAX (next_id, id + 1);
        else if (pass == 1)
          id = next_id++;
        else
          continue;
        g_hash_table_add (used, g_memdup2 (&id, sizeof id));
        g_hash_table_insert (ex->category_ids, g_memdup2 (&label_id, sizeof id),
                             g_memdup2 (&id, sizeof id));
        g_array_append_val (order, label_id);
      }
}

static int
compare_by_category (gconstpointer a, gconstpointer b, gpointer data)
{
  Export *ex = data;
  const gint64 *x = g_hash_table_lookup (ex->category_ids, a);
  const gint64 *y = g_hash_table_lookup (ex->category_ids, b);

  return (*x > *y) - (*x < *y);
}

static void
append_categories (Export *ex, GString *out)
{
  g_autoptr(JsonNode) meta_node = cairn_image_get_meta_json (ex->store, COCO_META_CATEGORIES);
  JsonObject *meta = meta_node && JSON_NODE_HOLDS_OBJECT (meta_node)
                       ? json_node_get_object (meta_node) : NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));

  assign_category_ids (ex, meta, order);
  g_array_sort_with_data (order, compare_by_category, ex);
  g_string_append (out, "\"categories\":[");
  for (guint i = 0; i < order->len; i++)
    {
      gint64 label_id = g_array_index (order, gint64, i);
      CairnLabel *label = g_hash_table_lookup (ex->labels, &label_id);
      JsonNode *m = meta ? json_object_get_member (meta, label->name) : NULL;
      gboolean has_super = FALSE;

      g_string_append_printf (out, "%s\n{\"id\":%" G_GINT64_FORMAT ",\"name\":", i ? "," : "",
                              *(gint64 *) g_hash_table_lookup (ex->category_ids, &label_id));
      cairn_image_append_json_string (out, label->name);
      if (m && JSON_NODE_HOLDS_OBJECT (m))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, json_node_get_object (m));
          while (json_object_iter_next_ordered (&iter, &name, &value))
            if (!g_str_equal (name, "id"))
              {
                g_string_append_c (out, ',');
                cairn_image_append_json_string (out, name);
                g_string_append_c (out, ':');
                append_node (out, value);
                has_super |= g_str_equal (name, "supercategory");
              }
        }
      if (!has_super && label->parent_id)
        {
          CairnLabel *parent = g_hash_table_lookup (ex->labels, &label->parent_id);

          if (parent)
            {
              g_string_append (out, ",\"supercategory\":");
              cairn_image_append_json_string (out, parent->name);
            }
        }
      if (label->points->len)
        {
          g_string_append (out, ",\"keypoints\":[");
          for (guint p = 0; p < label->points->len; p++)
            {
              if (p)
                g_string_append_c (out, ',');
              cairn_image_append_json_string (out, label->points->pdata[p]);
            }
          g_string_append (out, "],\"skeleton\":[");
          for (guint e = 0; e + 1 < label->edges->len; e += 2)
            g_string_append_printf (out, "%s[%u,%u]", e ? "," : "",
                                    g_array_index (label->edges, guint, e) + 1,
                                    g_array_index (label->edges, guint, e + 1) + 1);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]");
}

typedef struct
{
  Export     *ex;
  Subset     *subset;
  GHashTable *used;  /* image ids taken */
  GHashTable *names; /* file names taken */
  GPtrArray  *fresh; /* Images that need a new id */
  gint64      next_id;
} Collect;

static gboolean
collect_image_cb (const CairnItem *item, gpointer user_data)
{
  Collect *c = user_data;
  Image *image = g_new0 (Image, 1);
  JsonNode *coco = json_object_get_member (item->meta, COCO_MEMBER);
  gint64 id;

  image->item_id = item->id;
  image->width = item->width;
  image->height = item->height;
  image->subset = c->subset;
  if (coco && JSON_NODE_HOLDS_OBJECT (coco))
    {
      image->extra = json_object_ref (json_node_get_object (coco));
      image->file_name = g_strdup (cairn_json_string (image->extra, "file_name"));
      if (cairn_json_get_int (image->extra, "id", &id) && id > 0
          && !g_hash_table_contains (c->used, &id))
        {
          image->image_id = id;
          c->next_id = MAX (c->next_id, id + 1);
          g_hash_table_add (c->used, g_memdup2 (&id, sizeof id));
        }
    }
  /* The name the COCO file gave, or the image's own (made unique). */
  if (image->file_name == NULL)
    image->file_name = cairn_image_export_name (c->ex->options, item, c->names);
  if (image->image_id == 0)
    g_ptr_array_add (c->fresh, image);
  g_hash_table_insert (c->ex->images, &image->item_id, image);
  g_ptr_array_add (c->ex->image_list, image);
  c->ex->n_items++;
  return TRUE;
}

/* Image ids: the ones an import remembered, when they are still unique; new ones after. */
static gboolean
collect_images (Export *ex, GPtrArray *sets, GError **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  Collect c = { ex, NULL, used, names, fresh, 1 };

  for (guint s = 0; s < sets->len; s++)
    {
      CairnExportSet *set = sets->pdata[s];

      c.subset = ex->subsets->pdata[s];
      if (!cairn_store_foreach_item (ex->store, set->item_ids, collect_image_cb, &c, error))
        return FALSE;
    }
  for (guint i = 0; i < fresh->len; i++)
    ((Image *) fresh->pdata[i])->image_id = c.next_id++;
  return TRUE;
}

static int
compare_images (gconstpointer a, gconstpointer b)
{
  const Image *x = *(Image *const *) a, *y = *(Image *const *) b;

  return (x->image_id > y->image_id) - (x->image_id < y->image_id);
}

static gboolean
write_images (Export *ex, GError **error)
{
  GPtrArray *sorted = ex->image_list;

  g_ptr_array_sort (sorted, compare_images);
  for (guint i = 0; i < sorted->len; i++)
    {
      Image *image = sorted->pdata[i];
      Subset *s = image->subset;

      g_string_append_printf (s->buf, "%s\n{\"id\":%" G_GINT64_FORMAT ",\"file_name\":",
                              s->first ? "" : ",", image->image_id);
      s->first = FALSE;
      cairn_image_append_json_string (s->buf, image->file_name);
      g_string_append_printf (s->buf, ",\"width\":%d,\"height\":%d", image->width, image->height);
      if (image->extra)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, image->extra);
          while (json_object_iter_next_ordered (&iter, &name, &value))
            if (!g_str_equal (name, "id") && !g_str_equal (name, "file_name"))
              {
                g_string_append_c (s->buf, ',');
                cairn_image_append_json_string (s->buf, name);
                g_string_append_c (s->buf, ':');
                append_node (s->buf, value);
              }
        }
      g_string_append_c (s->buf, '}');
      if (!flush (s, 1 << 20, error))
        return FALSE;
    }
  return TRUE;
}

/* The parts of one COCO annotation: at most one shape, one box and one set of keypoints. */
enum { PART_SHAPE, PART_BOX, PART_KEYPOINTS, N_PARTS };

typedef struct
{
  const CairnAnnotation *part[N_PARTS];
} Object;

static gboolean
is_shape (const CairnAnnotation *a)
{
  return a->kind == CAIRN_KIND_POLYGON || a->kind == CAIRN_KIND_MASK
         || a->kind == CAIRN_KIND_RBOX || a->kind == CAIRN_KIND_ELLIPSE;
}

static int
part_of (const CairnAnnotation *a)
{
  if (is_shape (a))
    return PART_SHAPE;
  if (a->kind == CAIRN_KIND_BOX || a->kind == CAIRN_KIND_OCR)
    return PART_BOX;
  if (a->kind == CAIRN_KIND_KEYPOINTS)
    return PART_KEYPOINTS;
  return -1;
}

static const CairnAnnotation *
object_first (const Object *o)
{
  for (int i = 0; i < N_PARTS; i++)
    if (o->part[i])
      return o->part[i];
  return NULL;
}

static void
keypoint_bounds (const CairnAnnotation *a, double box[4])
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const double *v = (const double *) a->coords->data;

  for (guint i = 0; i + 2 < a->coords->len; i += 3)
    if (v[i + 2] > 0)
      x0 = MIN (x0, v[i]), y0 = MIN (y0, v[i + 1]), x1 = MAX (x1, v[i]), y1 = MAX (y1, v[i + 1]);
  if (x0 > x1)
    x0 = y0 = x1 = y1 = 0;
  box[0] = x0;
  box[1] = y0;
  box[2] = cairn_image_difference (x1, x0);
  box[3] = cairn_image_difference (y1, y0);
}

static JsonObject *
coco_attribute (const CairnAnnotation *a)
{
  JsonNode *n = a ? json_object_get_member (a->attributes, COCO_MEMBER) : NULL;

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* The file's own bbox and area, while the shape still fits the bbox to a pixel. */
static void
object_box_and_area (Export *ex, const Object *o, double box[4], double *area)
{
  const CairnAnnotation *shape = o->part[PART_SHAPE], *boxed = o->part[PART_BOX];
  JsonObject *coco = NULL;
  JsonNode *stored;
  gboolean bbox_ok = TRUE;

  for (int i = 0; i < N_PARTS && coco == NULL; i++)
    coco = coco_attribute (o->part[i]);
  *area = 0;
  if (boxed)
    {
      memcpy (box, boxed->coords->data, 4 * sizeof (double));
      *area = box[2] * box[3];
    }
  if (shape && shape->kind == CAIRN_KIND_MASK)
    {
      if (!cairn_rle_bounds (shape->mask, &box[0], &box[1], &box[2], &box[3]))
        box[0] = box[1] = box[2] = box[3] = 0;
      *area = cairn_rle_area (shape->mask);
    }
  else if (shape)
    {
      cairn_image_outline (shape, ex->coords, ex->rings);
      cairn_image_bounds ((const double *) ex->coords->data, ex->coords->len / 2, box);
      *area = cairn_image_rings_area ((const double *) ex->coords->data,
                                      (const guint *) ex->rings->data, ex->rings->len);
    }
  else if (boxed == NULL)
    keypoint_bounds (o->part[PART_KEYPOINTS], box);
  stored = coco ? json_object_get_member (coco, "bbox") : NULL;
  if (stored && JSON_NODE_HOLDS_ARRAY (stored)
      && json_array_get_length (json_node_get_array (stored)) == 4)
    {
      JsonArray *b = json_node_get_array (stored);
      double s[4];

      for (int k = 0; k < 4; k++)
        s[k] = json_node_get_double (json_array_get_element (b, k));
      bbox_ok = fabs (s[0] - box[0]) <= 1 && fabs (s[1] - box[1]) <= 1
                && fabs (s[0] + s[2] - box[0] - box[2]) <= 1
                && fabs (s[1] + s[3] - box[1] - box[3]) <= 1;
      if (bbox_ok)
        memcpy (box, s, sizeof s);
    }
  stored = coco ? json_object_get_member (coco, "area") : NULL;
  if (bbox_ok && stored && JSON_NODE_HOLDS_VALUE (stored)
      && json_node_get_value_type (stored) != G_TYPE_STRING)
    *area = json_node_get_double (stored);
}

static void
append_segmentation (Export *ex, GString *out, const CairnAnnotation *shape, gboolean crowd)
{
  if (shape == NULL)
    g_string_append (out, "[]");
  else if (shape->kind == CAIRN_KIND_MASK && crowd)
    {
      /* Crowd regions carry uncompressed counts, as in COCO's own files. */
      g_string_append_printf (out, "{\"size\":[%u,%u],\"counts\":[", shape->mask->height,
                              shape->mask->width);
      for (guint i = 0; i < shape->mask->counts->len; i++)
        g_string_append_printf (out, "%s%u", i ? "," : "",
                                g_array_index (shape->mask->counts, guint32, i));
      g_string_append (out, "]}");
    }
  else if (shape->kind == CAIRN_KIND_MASK)
    {
      g_autofree char *counts = cairn_rle_to_string (shape->mask);

      g_string_append_printf (out, "{\"size\":[%u,%u],\"counts\":", shape->mask->height,
                              shape->mask->width);
      cairn_image_append_json_string (out, counts);
      g_string_append_c (out, '}');
    }
  else
    {
      gsize off = 0;

      cairn_image_outline (shape, ex->coords, ex->rings);
      g_string_append_c (out, '[');
      for (guint r = 0; r < ex->rings->len; r++)
        {
          guint n = g_array_index (ex->rings, guint, r);

          if (r)
            g_string_append_c (out, ',');
          append_numbers (out, (const double *) ex->coords->data + off, 2 * n);
          off += 2 * n;
        }
      g_string_append_c (out, ']');
    }
}

static void
append_keypoints (GString *out, const CairnLabel *label, const CairnAnnotation *keypoints)
{
  guint n = keypoints ? keypoints->coords->len / 3 : label->points->len;
  guint visible = 0;

  g_string_append (out, ",\"keypoints\":[");
  for (guint i = 0; i < n; i++)
    {
      const double *v = keypoints ? (const double *) keypoints->coords->data + 3 * i : NULL;

      if (i)
        g_string_append_c (out, ',');
      if (v == NULL)
        {
          g_string_append (out, "0,0,0");
          continue;
        }
      cairn_append_number (out, v[0]);
      g_string_append_c (out, ',');
      cairn_append_number (out, v[1]);
      g_string_append_printf (out, ",%d", (int) v[2]);
      visible += v[2] > 0;
    }
  g_string_append_printf (out, "],\"num_keypoints\":%u", visible);
}

/* User attributes of every part, without the ones this format spells itself. */
static gboolean
is_own_attribute (const char *name)
{
  return !g_str_equal (name, CAIRN_IMAGE_GROUP) && !g_str_equal (name, "iscrowd")
         && !g_str_equal (name, COCO_MEMBER);
}

static gboolean
has_user_attributes (const Object *o)
{
  for (guint i = 0; i < N_PARTS; i++)
    {
      JsonObjectIter iter;
      const char *name;

      if (o->part[i] == NULL)
        continue;
      if (o->part[i]->kind == CAIRN_KIND_OCR && o->part[i]->text)
        return TRUE;
      json_object_iter_init (&iter, o->part[i]->attributes);
      while (json_object_iter_next (&iter, &name, NULL))
        if (is_own_attribute (name))
          return TRUE;
    }
  return FALSE;
}

static void
append_attributes (GString *out, const Object *o)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonNode) node = NULL;
  const CairnAnnotation *const *parts = o->part;

  /* Most annotations have none: no object built for them. */
  if (!has_user_attributes (o))
    return;
  merged = json_object_new ();
  for (guint i = 0; i < N_PARTS; i++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (parts[i] == NULL)
        continue;
      json_object_iter_init_ordered (&iter, parts[i]->attributes);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        if (is_own_attribute (name) && !json_object_has_member (merged, name))
          json_object_set_member (merged, name, json_node_copy (value));
      if (parts[i]->kind == CAIRN_KIND_OCR && parts[i]->text)
        json_object_set_string_member (merged, "text", parts[i]->text);
    }
  node = json_node_init_object (json_node_alloc (), merged);
  g_string_append (out, ",\"attributes\":");
  append_node (out, node);
}

static void
append_extra (GString *out, const Object *o)
{
  static const char *const standard[] = {
    "id", "image_id", "category_id", "segmentation", "area", "bbox", "iscrowd", "keypoints",
    "num_keypoints", "score", "attributes", NULL
  };
  JsonObject *coco = coco_attribute (object_first (o));
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (coco == NULL)
    return;
  json_object_iter_init_ordered (&iter, coco);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    if (!g_strv_contains (standard, name))
      {
        g_string_append_c (out, ',');
        cairn_image_append_json_string (out, name);
        g_string_append_c (out, ':');
        append_node (out, value);
      }
}

static void
write_object (Export *ex, Image *image, const Object *o)
{
  const CairnAnnotation *first = object_first (o);
  const CairnLabel *label = g_hash_table_lookup (ex->labels, &first->label_id);
  const gint64 *category = g_hash_table_lookup (ex->category_ids, &first->label_id);
  GString *out = image->subset->buf;
  double box[4], area, score = -1;
  gboolean crowd = FALSE;

  if (label == NULL || category == NULL)
    {
      ex->unlabelled++;
      return;
    }
  for (int i = 0; i < N_PARTS; i++)
    if (o->part[i])
      {
        crowd |= cairn_image_get_int_attribute (o->part[i], "iscrowd", 0) != 0;
        if (score < 0)
          score = o->part[i]->score;
      }
  object_box_and_area (ex, o, box, &area);
  g_string_append (out, image->subset->first ? "\n{\"id\":" : ",\n{\"id\":");
  image->subset->first = FALSE;
  cairn_append_number (out, ex->next_id++);
  g_string_append (out, ",\"image_id\":");
  cairn_append_number (out, image->image_id);
  g_string_append (out, ",\"category_id\":");
  cairn_append_number (out, *category);
  g_string_append (out, ",\"segmentation\":");
  append_segmentation (ex, out, o->part[PART_SHAPE], crowd);
  g_string_append (out, ",\"area\":");
  cairn_append_number (out, area);
  g_string_append (out, ",\"bbox\":");
  append_numbers (out, box, 4);
  g_string_append (out, crowd ? ",\"iscrowd\":1" : ",\"iscrowd\":0");
  if (label->points->len || o->part[PART_KEYPOINTS])
    append_keypoints (out, label, o->part[PART_KEYPOINTS]);
  if (score >= 0)
    {
      g_string_append (out, ",\"score\":");
      cairn_append_number (out, score);
    }
  append_attributes (out, o);
  append_extra (out, o);
  g_string_append_c (out, '}');
}

/* Parts of one object share a group and a label; they wait until the item's end. */
static gboolean
write_item (Export *ex, GError **error)
{
  Image *image = ex->current_image;
  GPtrArray *list = ex->pending;
  g_autofree gboolean *done = g_new0 (gboolean, list->len + 1);

  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      Object o = { { NULL } };
      gint64 group = cairn_image_get_group (a);

      if (done[i] || part_of (a) < 0)
        continue;
      o.part[part_of (a)] = a;
      done[i] = TRUE;
      for (guint j = i + 1; group && j < list->len; j++)
        {
          const CairnAnnotation *b = list->pdata[j];
          int part = part_of (b);

          if (!done[j] && part >= 0 && o.part[part] == NULL && b->label_id == a->label_id
              && cairn_image_get_group (b) == group)
            {
              o.part[part] = b;
              done[j] = TRUE;
            }
        }
      write_object (ex, image, &o);
    }
  g_ptr_array_set_size (list, 0);
  return flush (image->subset, 1 << 20, error);
}

static gboolean
annotation_cb (const CairnAnnotation *a, gpointer user_data)
{
  Export *ex = user_data;
  Object o = { { NULL } };

  if (a->item_id != ex->current_item)
    {
      if (ex->pending->len && !write_item (ex, &ex->error))
        return FALSE;
      if (ex->current_image && !flush (ex->current_image->subset, 1 << 20, &ex->error))
        return FALSE;
      ex->current_item = a->item_id;
      ex->current_image = g_hash_table_lookup (ex->images, &a->item_id);
      if (++ex->n_items_done % 1024 == 0
          && !cairn_format_step (ex->options, (double) ex->n_items_done / MAX (ex->n_items, 1),
                                 NULL, &ex->error))
        return FALSE;
    }
  if (ex->current_image == NULL)
    return TRUE;
  if (part_of (a) < 0)
    {
      ex->left_out[a->kind]++;
      return TRUE;
    }
  if (cairn_image_get_group (a) != 0)
    {
      g_ptr_array_add (ex->pending, cairn_annotation_copy (a));
      return TRUE;
    }
  /* Standing alone: written at once, without a copy. */
  o.part[part_of (a)] = a;
  write_object (ex, ex->current_image, &o);
  return TRUE;
}

/* One line per kind, not per annotation: a project can hold a million polylines. */
static void
warn_left_out (Export *ex)
{
  for (int kind = 0; kind < CAIRN_N_KINDS; kind++)
    if (ex->left_out[kind])
      cairn_format_export_warn (ex->options, "coco: %u %s annotation%s not written (COCO has "
                                "no such shape)", ex->left_out[kind],
                                cairn_kind_to_string (kind), ex->left_out[kind] == 1 ? "" : "s");
  if (ex->unlabelled)
    cairn_format_export_warn (ex->options, "coco: %u annotation%s without a label not written "
                              "(COCO needs a category)", ex->unlabelled,
                              ex->unlabelled == 1 ? "" : "s");
}

static char *
head_text (Export *ex)
{
  g_autoptr(JsonNode) info = cairn_image_get_meta_json (ex->store, COCO_META_INFO);
  g_autoptr(JsonNode) licenses = cairn_image_get_meta_json (ex->store, COCO_META_LICENSES);
  GString *out = g_string_new ("{\"info\":");

  if (info)
    append_node (out, info);
  else
    {
      g_autofree char *name = cairn_store_dup_name (ex->store);
      g_string_append (out, "{\"description\":");
      cairn_image_append_json_string (out, name ? name : "");
      g_string_append (out, "}");
    }
  g_string_append (out, ",\"licenses\":");
  if (licenses)
    append_node (out, licenses);
  else
    g_string_append (out, "[]");
  g_string_append (out, ",\n");
  append_categories (ex, out);
  g_string_append (out, ",\n\"images\":[");
  return g_string_free (out, FALSE);
}

static gboolean
open_subsets (Export *ex, const char *out_dir, GPtrArray *sets, GError **error)
{
  for (guint i = 0; i < sets->len; i++)
    {
      CairnExportSet *set = sets->pdata[i];
      g_autofree char *name = set->split ? g_strdup_printf ("instances_%s.json", set->split)
                                         : g_strdup ("instances.json");
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GFileOutputStream *stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                  error);
      Subset *s;

      if (stream == NULL)
        return FALSE;
      s = g_new0 (Subset, 1);
      s->path = g_strdup (path);
      s->out = G_OUTPUT_STREAM (stream);
      s->buf = g_string_sized_new (1 << 21);
      s->first = TRUE;
      g_ptr_array_add (ex->subsets, s);
    }
  return TRUE;
}

static gboolean
write_all (Export *ex, const char *out_dir, GPtrArray *sets, gint64 annotator_id, GError **error)
{
  g_autofree char *head = NULL;
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;

  if (!open_subsets (ex, out_dir, sets, error) || !collect_images (ex, sets, error))
    return FALSE;
  head = head_text (ex);
  for (guint i = 0; i < ex->subsets->len; i++)
    g_string_append (((Subset *) ex->subsets->pdata[i])->buf, head);
  if (!write_images (ex, error))
    return FALSE;
  for (guint i = 0; i < ex->subsets->len; i++)
    {
      Subset *s = ex->subsets->pdata[i];
      g_string_append (s->buf, "\n],\n\"annotations\":[");
      s->first = TRUE;
    }
  filter.annotator_id = annotator_id;
  if (!cairn_store_foreach_annotation (ex->store, &filter, annotation_cb, ex, error))
    return FALSE;
  if (ex->error || (ex->pending->len && !write_item (ex, &ex->error)))
    {
      g_propagate_error (error, g_steal_pointer (&ex->error));
      return FALSE;
    }
  for (guint i = 0; i < ex->subsets->len; i++)
    {
      Subset *s = ex->subsets->pdata[i];

      g_string_append (s->buf, "\n]}\n");
      if (!flush (s, 0, error))
        return FALSE;
      if (!g_output_stream_close (s->out, NULL, error))
        {
          g_prefix_error (error, "%s: ", s->path);
          return FALSE;
        }
    }
  warn_left_out (ex);
  return cairn_format_step (ex->options, 1.0, NULL, error);
}

gboolean
cairn_format_coco_export (CairnStore               *store,
                          const char               *out_dir,
                          const CairnFormatOptions *options,
                          GError                  **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  Export ex = { 0 };
  gint64 annotator_id;
  gboolean ok;

  if (!cairn_format_export_annotator (store, options, &annotator_id, error))
    return FALSE;
  sets = cairn_image_export_sets (store, options, error);
  if (sets == NULL)
    return FALSE;
  ex.store = store;
  ex.options = options;
  ex.labels = cairn_image_label_table (store, error);
  if (ex.labels == NULL)
    return FALSE;
  ex.category_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ex.images = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                     (GDestroyNotify) image_free);
  ex.image_list = g_ptr_array_new ();
  ex.subsets = g_ptr_array_new_with_free_func ((GDestroyNotify) subset_free);
  ex.pending = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  ex.coords = g_array_new (FALSE, FALSE, sizeof (double));
  ex.rings = g_array_new (FALSE, FALSE, sizeof (guint));
  ex.next_id = 1;
  ok = write_all (&ex, out_dir, sets, annotator_id, error);
  g_clear_error (&ex.error);
  g_hash_table_unref (ex.labels);
  g_hash_table_unref (ex.category_ids);
  g_hash_table_unref (ex.images);
  g_ptr_array_unref (ex.image_list);
  g_ptr_array_unref (ex.subsets);
  g_ptr_array_unref (ex.pending);
  g_array_unref (ex.coords);
  g_array_unref (ex.rings);
  return ok;
}
