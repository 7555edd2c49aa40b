#define G_LOG_DOMAIN "cairn-format-labelstudio"

#include <math.h>

#include "cairn-labelstudio-private.h"

/* Export */

typedef struct
{
  GOutputStream *out;
  gboolean       first;
  GHashTable    *annotators;   /* gint64 id → name */
} LsExport;

/* Attributes the export writes in other places. */
static const char *const consumed[] = { "labels", "meta", "model_version", "direction", NULL };

static double
pct (double v, double of)
{
  return v * 100.0 / of;
}

static JsonObject *
new_result (const CairnItem *item, const char *id, const char *type, const char *from)
{
  JsonObject *r = json_object_new ();

  if (id)
    json_object_set_string_member (r, "id", id);
  json_object_set_string_member (r, "type", type);
  json_object_set_string_member (r, "from_name", from);
  json_object_set_string_member (r, "to_name", item->kind == CAIRN_ITEM_TEXT ? "text" : "image");
  if (item->kind == CAIRN_ITEM_IMAGE)
    {
      json_object_set_int_member (r, "original_width", item->width);
      json_object_set_int_member (r, "original_height", item->height);
      json_object_set_int_member (r, "image_rotation", 0);
    }
  json_object_set_object_member (r, "value", json_object_new ());
  json_object_set_string_member (r, "origin", "manual");
  return r;
}

static JsonObject *
value_of (JsonObject *r)
{
  return json_object_get_object_member (r, "value");
}

static void
set_labels (CairnShapesExport *ex, JsonObject *r, const CairnAnnotation *a, const char *type)
{
  JsonArray *labels = cairn_json_array (a->attributes, "labels");

  if (labels)
    json_object_set_array_member (value_of (r), type, json_array_ref (labels));
  else if (a->label_id)
    {
      JsonArray *list = json_array_new ();
      json_array_add_string_element (list, cairn_shapes_label_name (ex, a->label_id));
      json_object_set_array_member (value_of (r), type, list);
    }
  else
    {
      /* Without a label the plain control type says what the region is. */
      g_autofree char *plain = g_strndup (type, strlen (type) - strlen ("labels"));
      json_object_set_string_member (r, "type", plain);
    }
}

static gboolean
all_strings (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* Per-region attributes: strings as textareas, numbers as numbers, lists of several strings as
 * choices; anything else rides in the region's meta, so every value comes back as it was. */
static void
add_attribute_results (const CairnItem *item, const CairnAnnotation *a, JsonObject *region,
                       const char *id, JsonArray *results)
{
  JsonObject *meta = cairn_json_object (a->attributes, "meta");
  g_autoptr(JsonObject) kept = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  double number;

  json_object_iter_init_ordered (&iter, a->attributes);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      JsonObject *r;
      JsonArray *list;

      if (g_strv_contains (consumed, member))
        continue;
      list = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          JsonArray *text = json_array_new ();
          json_array_add_string_element (text, json_node_get_string (value));
          r = new_result (item, id, "textarea", member);
          json_object_set_array_member (value_of (r), "text", text);
        }
      else if (cairn_json_node_number (value, &number))
        {
          r = new_result (item, id, "number", member);
          json_object_set_member (value_of (r), "number", json_node_copy (value));
        }
      else if (list && json_array_get_length (list) > 1 && all_strings (list))
        {
          r = new_result (item, id, "choices", member);
          json_object_set_array_member (value_of (r), "choices", json_array_ref (list));
        }
      else
        {
          json_object_set_member (kept, member, json_node_copy (value));
          continue;
        }
      json_array_add_object_element (results, r);
    }
  if (meta || json_object_get_size (kept))
    {
      JsonObject *m = json_object_new ();
      JsonObjectIter mi;

      if (meta)
        {
          json_object_iter_init_ordered (&mi, meta);
          while (json_object_iter_next_ordered (&mi, &member, &value))
            json_object_set_member (m, member, json_node_copy (value));
        }
      if (json_object_get_size (kept))
        json_object_set_object_member (m, "attributes", json_object_ref (kept));
      json_object_set_object_member (region, "meta", m);
    }
}

static void
add_region (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
            JsonObject *r, const char *id, JsonArray *results)
{
  if (a->score >= 0)
    json_object_set_double_member (r, "score", a->score);
  json_array_add_object_element (results, r);
  add_attribute_results (item, a, r, id, results);
}

static void
add_rectangle (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
               const char *id, JsonArray *results)
{
  const double *c = (const double *) a->coords->data;
  double W = item->width, H = item->height, x, y, w, h, rotation = 0;
  JsonObject *r = new_result (item, id, "rectanglelabels", FROM_BOX);
  JsonObject *v = value_of (r);

  if (a->kind == CAIRN_KIND_RBOX)
    {
      double t = c[4] * G_PI / 180, cs = cos (t), sn = sin (t);

      w = c[2], h = c[3], rotation = cairn_shapes_normalize_angle (c[4]);
      /* Back from the centre to the corner Label Studio turns about. */
      x = c[0] - (w / 2 * cs - h / 2 * sn);
      y = c[1] - (w / 2 * sn + h / 2 * cs);
    }
  else
    x = c[0], y = c[1], w = c[2], h = c[3];
  json_object_set_double_member (v, "x", pct (x, W));
  json_object_set_double_member (v, "y", pct (y, H));
  json_object_set_double_member (v, "width", pct (w, W));
  json_object_set_double_member (v, "height", pct (h, H));
  json_object_set_double_member (v, "rotation", rotation);
  set_labels (ex, r, a, "rectanglelabels");
  add_region (ex, item, a, r, id, results);
  if (a->kind == CAIRN_KIND_OCR)
    {
      JsonObject *t = new_result (item, id, "textarea", FROM_OCR);
      JsonArray *lines = json_array_new ();

      json_array_add_string_element (lines, a->text ? a->text : "");
      json_object_set_array_member (value_of (t), "text", lines);
      json_array_add_object_element (results, t);
    }
}

static void
add_rings (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
           const char *id, JsonArray *results)
{
  const double *c = (const double *) a->coords->data;

  /* Label Studio has no holes or parts: each ring is a region; attributes go with the first. */
  for (guint ring = 0; ring < a->rings->len; ring++)
    {
      g_autofree char *ring_id = ring ? g_strdup_printf ("%s-%u", id, ring) : g_strdup (id);
      JsonObject *r = new_result (item, ring_id, "polygonlabels", FROM_POLYGON);
      JsonArray *points = json_array_new ();
      const double *p = c + cairn_annotation_ring_offset (a, ring);

      for (guint i = 0; i < g_array_index (a->rings, guint, ring); i++)
        {
          JsonArray *xy = json_array_new ();
          json_array_add_double_element (xy, pct (p[2 * i], item->width));
          json_array_add_double_element (xy, pct (p[2 * i + 1], item->height));
          json_array_add_array_element (points, xy);
        }
      json_object_set_array_member (value_of (r), "points", points);
      json_object_set_boolean_member (value_of (r), "closed", a->kind == CAIRN_KIND_POLYGON);
      set_labels (ex, r, a, "polygonlabels");
      if (ring == 0)
        add_region (ex, item, a, r, ring_id, results);
      else
        json_array_add_object_element (results, r);
    }
}

static void
add_points (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
            const char *id, JsonArray *results)
{
  const double *c = (const double *) a->coords->data;
  guint stride = a->kind == CAIRN_KIND_KEYPOINTS ? 3 : 2;

  for (guint i = 0; i + stride - 1 < a->coords->len; i += stride)
    {
      g_autofree char *point_id = i ? g_strdup_printf ("%s-%u", id, i / stride) : g_strdup (id);
      JsonObject *r;

      if (stride == 3 && c[i + 2] == 0)
        continue;
      r = new_result (item, point_id, "keypointlabels", FROM_KEYPOINT);
      json_object_set_double_member (value_of (r), "x", pct (c[i], item->width));
      json_object_set_double_member (value_of (r), "y", pct (c[i + 1], item->height));
      json_object_set_double_member (value_of (r), "width", 0.5);
      set_labels (ex, r, a, "keypointlabels");
      if (i == 0)
        add_region (ex, item, a, r, point_id, results);
      else
        json_array_add_object_element (results, r);
    }
}

static void
add_ellipse (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
             const char *id, JsonArray *results)
{
  const double *c = (const double *) a->coords->data;
  JsonObject *r = new_result (item, id, "ellipselabels", FROM_ELLIPSE);
  JsonObject *v = value_of (r);

  json_object_set_double_member (v, "x", pct (c[0], item->width));
  json_object_set_double_member (v, "y", pct (c[1], item->height));
  json_object_set_double_member (v, "radiusX", pct (c[2], item->width));
  json_object_set_double_member (v, "radiusY", pct (c[3], item->height));
  json_object_set_double_member (v, "rotation", cairn_shapes_normalize_angle (c[4]));
  set_labels (ex, r, a, "ellipselabels");
  add_region (ex, item, a, r, id, results);
}

static void
add_brush (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
           const char *id, JsonArray *results)
{
  JsonObject *r;
  JsonArray *rle;
  GByteArray *bytes;

  if (a->mask == NULL || a->mask->width != (guint) item->width
      || a->mask->height != (guint) item->height)
    {
      cairn_format_export_warn (ex->options, "labelstudio: a mask on item %" G_GINT64_FORMAT
                                " does not match the image size and was not written", item->id);
      return;
    }
  r = new_result (item, id, "brushlabels", FROM_BRUSH);
  rle = json_array_new ();
  bytes = cairn_labelstudio_brush_encode (a->mask);
  for (guint i = 0; i < bytes->len; i++)
    json_array_add_int_element (rle, bytes->data[i]);
  g_byte_array_unref (bytes);
  json_object_set_string_member (value_of (r), "format", "rle");
  json_object_set_array_member (value_of (r), "rle", rle);
  set_labels (ex, r, a, "brushlabels");
  add_region (ex, item, a, r, id, results);
}

static void
add_text_result (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
                 const char *id, JsonArray *results)
{
  const double *c = (const double *) a->coords->data;
  JsonObject *r;

  switch (a->kind)
    {
    case CAIRN_KIND_SPAN:
      {
        const char *p, *q;
        glong len = g_utf8_strlen (item->text, -1);
        g_autofree char *text = NULL;

        if (c[1] > len)
          {
            cairn_format_export_warn (ex->options, "labelstudio: a span past the end of item %"
                                      G_GINT64_FORMAT " was not written", item->id);
            return;
          }
        p = g_utf8_offset_to_pointer (item->text, (glong) c[0]);
        q = g_utf8_offset_to_pointer (p, (glong) (c[1] - c[0]));
        text = g_strndup (p, q - p);
        r = new_result (item, id, "labels", FROM_SPAN);
        json_object_set_int_member (value_of (r), "start", (gint64) c[0]);
        json_object_set_int_member (value_of (r), "end", (gint64) c[1]);
        json_object_set_string_member (value_of (r), "text", text);
        set_labels (ex, r, a, "labels");
        add_region (ex, item, a, r, id, results);
      }
      break;
    case CAIRN_KIND_RELATION:
      {
        const char *direction = cairn_json_string (a->attributes, "direction");
        JsonArray *labels = cairn_json_array (a->attributes, "labels");
        g_autofree char *from = g_strdup_printf ("c%" G_GINT64_FORMAT, (gint64) c[0]);
        g_autofree char *to = g_strdup_printf ("c%" G_GINT64_FORMAT, (gint64) c[1]);

        r = json_object_new ();
        json_object_set_string_member (r, "from_id", from);
        json_object_set_string_member (r, "to_id", to);
        json_object_set_string_member (r, "type", "relation");
        json_object_set_string_member (r, "direction", direction ? direction : "right");
        if (labels)
          json_object_set_array_member (r, "labels", json_array_ref (labels));
        else
          {
            labels = json_array_new ();
            if (a->label_id)
              json_array_add_string_element (labels, cairn_shapes_label_name (ex, a->label_id));
            json_object_set_array_member (r, "labels", labels);
          }
        json_array_add_object_element (results, r);
      }
      break;
    default:
      break;
    }
}

/* Tags, classes and targets: whole-item choices and textareas. */
static void
add_classification (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
                    const char *id, JsonArray *results)
{
  gboolean target = a->kind == CAIRN_KIND_TARGET;
  const char *from = target ? (item->kind == CAIRN_ITEM_TEXT ? FROM_TARGET : FROM_CAPTION)
                            : (item->kind == CAIRN_ITEM_TEXT ? FROM_CLASS : FROM_TAGS);
  JsonObject *r = new_result (item, id, target ? "textarea" : "choices", from);
  JsonArray *list = json_array_new ();

  json_array_add_string_element (list, target ? a->text
                                              : cairn_shapes_label_name (ex, a->label_id));
  json_object_set_array_member (value_of (r), target ? "text" : "choices", list);
  /* Choices and textareas hold no attributes of their own: they ride in the result's meta. */
  {
    g_autoptr(JsonObject) kept = json_object_new ();
    JsonObjectIter iter;
    const char *member;
    JsonNode *value;

    json_object_iter_init_ordered (&iter, a->attributes);
    while (json_object_iter_next_ordered (&iter, &member, &value))
      if (!g_str_equal (member, "model_version"))
        json_object_set_member (kept, member, json_node_copy (value));
    if (json_object_get_size (kept))
      {
        JsonObject *meta = json_object_new ();
        json_object_set_object_member (meta, "attributes", json_object_ref (kept));
        json_object_set_object_member (r, "meta", meta);
      }
  }
  if (a->score >= 0)
    json_object_set_double_member (r, "score", a->score);
  json_array_add_object_element (results, r);
}

static void
add_result (CairnShapesExport *ex, const CairnItem *item, const CairnAnnotation *a,
            JsonArray *results)
{
  g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, a->id);
  gboolean sized = item->width > 0 && item->height > 0;

  if (cairn_kind_is_image (a->kind) && a->kind != CAIRN_KIND_TAG && !sized)
    {
      cairn_format_export_warn (ex->options, "labelstudio: item %" G_GINT64_FORMAT " has no known "
                                "size; its regions were not written", item->id);
      return;
    }
  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_OCR:
      add_rectangle (ex, item, a, id, results);
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
      add_rings (ex, item, a, id, results);
      break;
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_KEYPOINTS:
      add_points (ex, item, a, id, results);
      break;
    case CAIRN_KIND_ELLIPSE:
      add_ellipse (ex, item, a, id, results);
      break;
    case CAIRN_KIND_MASK:
      add_brush (ex, item, a, id, results);
      break;
    case CAIRN_KIND_TAG:
    case CAIRN_KIND_CLASS:
    case CAIRN_KIND_TARGET:
      add_classification (ex, item, a, id, results);
      break;
    case CAIRN_KIND_SPAN:
    case CAIRN_KIND_RELATION:
      if (item->kind == CAIRN_ITEM_TEXT)
        add_text_result (ex, item, a, id, results);
      break;
    case CAIRN_KIND_CUBOID:
      cairn_format_export_warn (ex->options, "labelstudio: Label Studio has no cuboids; "
                                "annotation %" G_GINT64_FORMAT " was not written", a->id);
      break;
    default:
      break;
    }
}

typedef struct
{
  gboolean    prediction;
  gint64      annotator_id;
  const char *model_version;
  JsonArray  *results;
} Group;

static void
group_free (Group *g)
{
  json_array_unref (g->results);
  g_free (g);
}

static Group *
group_for (GPtrArray *groups, const CairnAnnotation *a)
{
  gboolean prediction = a->origin == CAIRN_ORIGIN_MODEL;
  const char *version = cairn_json_string (a->attributes, "model_version");
  Group *g;

  for (guint i = 0; i < groups->len; i++)
    {
      g = groups->pdata[i];
      if (g->prediction == prediction
          && (prediction ? g_strcmp0 (g->model_version, version) == 0
                         : g->annotator_id == a->annotator_id))
        return g;
    }
  g = g_new0 (Group, 1);
  g->prediction = prediction;
  g->annotator_id = a->annotator_id;
  g->model_version = version;
  g->results = json_array_new ();
  g_ptr_array_add (groups, g);
  return g;
}

static JsonNode *
sets_node (LsExport *lx, GPtrArray *groups, gboolean predictions)
{
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = groups->pdata[i];
      JsonObject *o;

      if (g->prediction != predictions)
        continue;
      o = json_object_new ();
      json_object_set_int_member (o, "id", json_array_get_length (list) + 1);
      if (predictions)
        {
          if (g->model_version)
            json_object_set_string_member (o, "model_version", g->model_version);
        }
      else if (g->annotator_id)
        {
          JsonObject *by = json_object_new ();
          const char *name = g_hash_table_lookup (lx->annotators, &g->annotator_id);

          json_object_set_int_member (by, "id", g->annotator_id);
          if (name)
            json_object_set_string_member (by, "email", name);
          json_object_set_object_member (o, "completed_by", by);
        }
      json_object_set_array_member (o, "result", json_array_ref (g->results));
      if (!predictions)
        {
          json_object_set_boolean_member (o, "was_cancelled", FALSE);
          json_object_set_boolean_member (o, "ground_truth", FALSE);
        }
      json_array_add_object_element (list, o);
    }
  {
    JsonNode *node = json_node_new (JSON_NODE_ARRAY);

    /* The node takes the list over: init_array would add a reference of its own. */
    json_node_take_array (node, list);
    return node;
  }
}

static JsonObject *
data_object (const CairnItem *item)
{
  JsonObject *data = json_object_new ();
  JsonObject *extra = cairn_json_object (item->meta, DATA_META);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (item->kind == CAIRN_ITEM_TEXT)
    json_object_set_string_member (data, "text", item->text);
  else if (item->uri)
    json_object_set_string_member (data, "image", item->uri);
  else
    {
      g_autofree char *name = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
      json_object_set_string_member (data, "image", name);
    }
  if (extra)
    {
      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        if (!json_object_has_member (data, member))
          json_object_set_member (data, member, json_node_copy (value));
    }
  return data;
}

static gboolean
write_task (CairnShapesExport *ex, const CairnItem *item, GPtrArray *annotations, gpointer data,
            GError **error)
{
  LsExport *lx = data;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(JsonObject) task = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *others = cairn_json_array (item->meta, RESULTS_META);

  if (item->kind != CAIRN_ITEM_IMAGE && item->kind != CAIRN_ITEM_TEXT)
    return TRUE;
  for (guint i = 0; i < annotations->len; i++)
    {
      CairnAnnotation *a = annotations->pdata[i];
      add_result (ex, item, a, group_for (groups, a)->results);
    }
  if (others)
    {
      Group *first = NULL;

      for (guint i = 0; i < groups->len && first == NULL; i++)
        if (!((Group *) groups->pdata[i])->prediction)
          first = groups->pdata[i];
      if (first == NULL)
        {
          first = g_new0 (Group, 1);
          first->results = json_array_new ();
          g_ptr_array_add (groups, first);
        }
      for (guint i = 0; i < json_array_get_length (others); i++)
        json_array_add_element (first->results,
                                json_node_copy (json_array_get_element (others, i)));
    }
  json_object_set_int_member (task, "id", item->id);
  json_object_set_object_member (task, "data", data_object (item));
  json_object_set_member (task, "annotations", sets_node (lx, groups, FALSE));
  json_object_set_member (task, "predictions", sets_node (lx, groups, TRUE));
  node = json_node_init_object (json_node_alloc (), task);
  if (!cairn_shapes_write (lx->out, lx->first ? "[\n" : ",\n", error))
    return FALSE;
  lx->first = FALSE;
  return cairn_shapes_write_node (lx->out, node, FALSE, error);
}

/* A labelling config that matches what the export writes, for setting up the project. */
static gboolean
write_config (CairnShapesExport *ex, const char *path, GError **error)
{
  static const struct
  {
    const char *tag;
    const char *name;
    const char *to;
  } controls[] = {
    { "RectangleLabels", FROM_BOX, "image" },  { "PolygonLabels", FROM_POLYGON, "image" },
    { "KeyPointLabels", FROM_KEYPOINT, "image" }, { "EllipseLabels", FROM_ELLIPSE, "image" },
    { "BrushLabels", FROM_BRUSH, "image" },     { "Labels", FROM_SPAN, "text" },
  };
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GString) choices = g_string_new (NULL);
  g_autoptr(GString) xml = g_string_new ("<View>\n  <Image name=\"image\" value=\"$image\"/>\n"
                                         "  <Text name=\"text\" value=\"$text\"/>\n");
  g_autoptr(GOutputStream) out = NULL;

  for (guint i = 0; i < ex->labels->len; i++)
    {
      CairnLabel *l = ex->labels->pdata[i];
      g_autofree char *name = g_markup_escape_text (l->name, -1);

      g_string_append_printf (labels, "    <Label value=\"%s\" background=\"%s\"/>\n", name,
                              l->color ? l->color : "#888888");
      g_string_append_printf (choices, "    <Choice value=\"%s\"/>\n", name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_string_append_printf (xml, "  <%s name=\"%s\" toName=\"%s\">\n%s  </%s>\n", controls[i].tag,
                            controls[i].name, controls[i].to, labels->str, controls[i].tag);
  g_string_append_printf (xml,
                          "  <TextArea name=\"%s\" toName=\"image\" perRegion=\"true\"/>\n"
                          "  <Choices name=\"%s\" toName=\"image\" choice=\"multiple\">\n%s"
                          "  </Choices>\n"
                          "  <TextArea name=\"%s\" toName=\"image\"/>\n"
                          "  <Choices name=\"%s\" toName=\"text\" choice=\"multiple\">\n%s"
                          "  </Choices>\n"
                          "  <TextArea name=\"%s\" toName=\"text\"/>\n"
                          "  <Relations>\n%s  </Relations>\n</View>\n",
                          FROM_OCR, FROM_TAGS, choices->str, FROM_CAPTION, FROM_CLASS,
                          choices->str, FROM_TARGET, labels->str);
  out = cairn_shapes_create_file (path, error);
  return out && cairn_shapes_write (out, xml->str, error) && cairn_shapes_close (out, path, error);
}

gboolean
cairn_format_labelstudio_export (CairnStore               *store,
                                 const char               *out_dir,
                                 const CairnFormatOptions *options,
                                 GError                  **error)
{
  g_autoptr(GHashTable) annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            g_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *config = g_build_filename (out_dir, "labelstudio-config.xml", NULL);
  CairnShapesExport ex;
  guint n_splits;
  const char *const *splits = cairn_shapes_splits (options, &n_splits);
  gboolean ok = cairn_export_context_init (&ex, store, options, error);

  list = ok ? cairn_store_list_annotators (store, error) : NULL;
  ok = list != NULL;
  for (guint i = 0; ok && i < list->len; i++)
    {
      CairnAnnotator *a = list->pdata[i];
      g_hash_table_insert (annotators, g_memdup2 (&a->id, sizeof a->id), g_strdup (a->name));
    }
  for (guint s = 0; ok && s < n_splits; s++)
    {
      g_autofree char *name = splits[s] ? g_strdup_printf ("labelstudio-%s.json", splits[s])
                                        : g_strdup ("labelstudio.json");
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(GOutputStream) out = cairn_shapes_create_file (path, error);
      LsExport lx = { out, TRUE, annotators };

      ok = out != NULL
           && cairn_shapes_foreach_item (&ex, -1, splits[s], (double) s / n_splits,
                                         (double) (s + 1) / n_splits, write_task, &lx, error)
           && cairn_shapes_write (out, lx.first ? "[]\n" : "\n]\n", error)
           && cairn_shapes_close (out, path, error);
    }
  ok = ok && write_config (&ex, config, error);
  cairn_export_context_clear (&ex);
  return ok;
}
