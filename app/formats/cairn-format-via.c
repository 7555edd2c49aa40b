#define G_LOG_DOMAIN "cairn-format-via"

#include <glib/gstdio.h>
#include <math.h>

#include "cairn-formats-shapes.h"
#include "cairn-format-shapes-util.h"

/* VGG Image Annotator 2: {"_via_img_metadata": {"<filename><size>": {"filename", "size",
 * "regions": [{"shape_attributes": {"name": "rect", ...}, "region_attributes": {...}}],
 * "file_attributes": {...}}}, "_via_attributes": {"region": {...}, "file": {...}}, ...}, or the
 * metadata object alone (VIA's "Export annotations (as json)"). VIA has no notion of a label:
 * one region attribute plays it (see label_key). */

/* Region attributes that usually name the label, when no dropdown or radio attribute does. */
static const char *const label_names[] = { "label", "class", "name", "category", "type", NULL };

/* The attribute the export writes labels (and, in file attributes, tags) under: the one the
 * last VIA import read them from (project meta LABEL_KEY_META), else LABEL_KEY. */
#define LABEL_KEY       "label"
#define LABEL_KEY_META  "via.label_key"
/* Item meta holding file attributes other than the tags. */
#define FILE_META  "via_file_attributes"

typedef struct
{
  CairnShapesImport im;
  char             *label_key;
  gint64            item_id;
} ViaImport;

/* Which of label_names some region attributes use, as bits. */
static guint
names_used (JsonObject *file)
{
  JsonNode *regions = file ? json_object_get_member (file, "regions") : NULL;
  JsonArray *list = regions && JSON_NODE_HOLDS_ARRAY (regions) ? json_node_get_array (regions)
                                                               : NULL;
  GList *values = regions && JSON_NODE_HOLDS_OBJECT (regions)
                    ? json_object_get_values (json_node_get_object (regions)) : NULL;
  guint used = 0;

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    values = g_list_prepend (values, json_array_get_element (list, i));
  for (GList *l = values; l; l = l->next)
    {
      JsonObject *attrs = JSON_NODE_HOLDS_OBJECT (l->data)
                            ? cairn_shapes_get_object (json_node_get_object (l->data),
                                                       "region_attributes")
                            : NULL;
      for (guint k = 0; attrs && label_names[k]; k++)
        if (json_object_has_member (attrs, label_names[k]))
          used |= 1u << k;
    }
  g_list_free (values);
  return used;
}

/* The region attribute that names labels: the first dropdown or radio the project declares, else
 * a usual name the specs or the regions use, else none (regions then come without labels,
 * their attributes kept). */
static char *
label_key (JsonObject *specs, guint used)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (specs)
    {
      json_object_iter_init_ordered (&iter, specs);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          const char *type = JSON_NODE_HOLDS_OBJECT (value)
                               ? cairn_shapes_get_string (json_node_get_object (value), "type")
                               : NULL;
          if (g_strcmp0 (type, "dropdown") == 0 || g_strcmp0 (type, "radio") == 0)
            return g_strdup (member);
        }
    }
  for (guint i = 0; label_names[i]; i++)
    if ((specs && json_object_has_member (specs, label_names[i])) || (used & (1u << i)))
      return g_strdup (label_names[i]);
  return NULL;
}

static gboolean
number (ViaImport *via, JsonObject *shape, const char *member, double *v, const char *where,
        GError **error)
{
  if (!cairn_shapes_get_number (shape, member, v))
    return cairn_shapes_fail (&via->im, error, where, "shape_attributes.%s must be a number",
                              member);
  return TRUE;
}

static gboolean
read_xy (ViaImport *via, JsonObject *shape, GArray *xy, const char *where, GError **error)
{
  JsonArray *xs = cairn_shapes_get_array (shape, "all_points_x");
  JsonArray *ys = cairn_shapes_get_array (shape, "all_points_y");

  if (xs == NULL || ys == NULL || json_array_get_length (xs) != json_array_get_length (ys))
    return cairn_shapes_fail (&via->im, error, where,
                              "all_points_x and all_points_y must be arrays of one length");
  for (guint i = 0; i < json_array_get_length (xs); i++)
    {
      double x, y;

      if (!cairn_shapes_node_number (json_array_get_element (xs, i), &x)
          || !cairn_shapes_node_number (json_array_get_element (ys, i), &y))
        return cairn_shapes_fail (&via->im, error, where, "point %u is not a pair of numbers", i);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  return TRUE;
}

/* NULL with error on bad input; NULL without for a shape VIA has and Cairn does not. */
static CairnAnnotation *
geometry (ViaImport *via, JsonObject *shape, const char *where, GError **error)
{
  const char *name = cairn_shapes_get_string (shape, "name");
  g_autoptr(CairnAnnotation) a = NULL;
  double v[5] = { 0 };

  if (name == NULL)
    {
      cairn_shapes_fail (&via->im, error, where, "shape_attributes.name must be a string");
      return NULL;
    }
  if (g_str_equal (name, "rect"))
    {
      if (!number (via, shape, "x", &v[0], where, error)
          || !number (via, shape, "y", &v[1], where, error)
          || !number (via, shape, "width", &v[2], where, error)
          || !number (via, shape, "height", &v[3], where, error))
        return NULL;
      a = cairn_annotation_new (CAIRN_KIND_BOX);
      cairn_annotation_set_coords (a, v, 4);
    }
  else if (g_str_equal (name, "circle"))
    {
      if (!number (via, shape, "cx", &v[0], where, error)
          || !number (via, shape, "cy", &v[1], where, error)
          || !number (via, shape, "r", &v[2], where, error))
        return NULL;
      v[3] = v[2];
      a = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
      cairn_annotation_set_coords (a, v, 5);
    }
  else if (g_str_equal (name, "ellipse"))
    {
      double theta = 0;

      if (!number (via, shape, "cx", &v[0], where, error)
          || !number (via, shape, "cy", &v[1], where, error)
          || !number (via, shape, "rx", &v[2], where, error)
          || !number (via, shape, "ry", &v[3], where, error))
        return NULL;
      /* theta is in radians; on a y-down canvas a positive angle turns clockwise. */
      cairn_shapes_get_number (shape, "theta", &theta);
      v[4] = cairn_shapes_normalize_angle (theta * 180.0 / G_PI);
      a = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
      cairn_annotation_set_coords (a, v, 5);
    }
  else if (g_str_equal (name, "polygon") || g_str_equal (name, "polyline"))
    {
      g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));

      if (!read_xy (via, shape, xy, where, error))
        return NULL;
      a = cairn_annotation_new (g_str_equal (name, "polygon") ? CAIRN_KIND_POLYGON
                                                              : CAIRN_KIND_POLYLINE);
      cairn_annotation_add_ring (a, (double *) xy->data, xy->len / 2);
    }
  else if (g_str_equal (name, "point"))
    {
      if (!number (via, shape, "cx", &v[0], where, error)
          || !number (via, shape, "cy", &v[1], where, error))
        return NULL;
      a = cairn_annotation_new (CAIRN_KIND_POINTS);
      cairn_annotation_set_coords (a, v, 2);
    }
  else
    cairn_import_report_warn (via->im.report, "%s: %s: unknown shape “%s” (skipped)",
                              via->im.file, where, name);
  return g_steal_pointer (&a);
}

/* A label attribute holds a string (dropdown, radio, text) or, for checkboxes, {"name": true}. */
static const char *
label_value (JsonNode *node, JsonArray **more)
{
  const char *first = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  *more = NULL;
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (cairn_shapes_truthy (value))
      {
        if (first == NULL)
          first = member;
        else
          {
            if (*more == NULL)
              *more = json_array_new ();
            json_array_add_string_element (*more, member);
          }
      }
  return first;
}

static gboolean
import_region (ViaImport *via, JsonNode *node, const char *where, GError **error)
{
  JsonObject *region = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *shape = cairn_shapes_get_object (region, "shape_attributes");
  JsonObject *attrs = cairn_shapes_get_object (region, "region_attributes");
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(GError) local = NULL;
  JsonArray *more = NULL;
  const char *label = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (shape == NULL)
    return cairn_shapes_fail (&via->im, error, where, "shape_attributes must be an object");
  a = geometry (via, shape, where, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (a == NULL)
    return TRUE;
  a->item_id = via->item_id;
  if (attrs)
    {
      json_object_iter_init_ordered (&iter, attrs);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        if (g_strcmp0 (member, via->label_key) == 0)
          label = label_value (value, &more);
        else
          json_object_set_member (a->attributes, member, json_node_copy (value));
    }
  if (more)
    json_object_set_array_member (a->attributes, "labels", more);
  return cairn_shapes_label (&via->im, label, NULL, &a->label_id, error)
         && cairn_shapes_add (&via->im, a, where, error);
}

static gboolean
import_file_attributes (ViaImport *via, JsonObject *file, const char *where, GError **error)
{
  JsonObject *attrs = cairn_shapes_get_object (file, "file_attributes");
  g_autoptr(JsonObject) rest = json_object_new ();
  g_autoptr(CairnItem) item = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (attrs == NULL || json_object_get_size (attrs) == 0)
    return TRUE;
  json_object_iter_init_ordered (&iter, attrs);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      JsonObjectIter tags;
      const char *tag;
      JsonNode *on;

      if (g_strcmp0 (member, via->label_key) != 0)
        {
          json_object_set_member (rest, member, json_node_copy (value));
          continue;
        }
      /* The label attribute on a file tags the image: a string or checkboxes. */
      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          json_object_iter_init_ordered (&tags, json_node_get_object (value));
          while (json_object_iter_next_ordered (&tags, &tag, &on))
            {
              g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_TAG);

              if (!cairn_shapes_truthy (on))
                continue;
              a->item_id = via->item_id;
              if (!cairn_shapes_label (&via->im, tag, NULL, &a->label_id, error)
                  || !cairn_shapes_add (&via->im, a, where, error))
                return FALSE;
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
               && *json_node_get_string (value))
        {
          g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_TAG);

          a->item_id = via->item_id;
          if (!cairn_shapes_label (&via->im, json_node_get_string (value), NULL, &a->label_id,
                                   error)
              || !cairn_shapes_add (&via->im, a, where, error))
            return FALSE;
        }
    }
  if (json_object_get_size (rest) == 0)
    return TRUE;
  item = cairn_store_get_item (via->im.store, via->item_id, error);
  if (item == NULL)
    return FALSE;
  json_object_set_object_member (item->meta, FILE_META, json_object_ref (rest));
  return cairn_store_update_item (via->im.store, item, error);
}

static gboolean
import_file (ViaImport *via, const char *key, JsonNode *node, GError **error)
{
  JsonObject *file = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *filename = cairn_shapes_get_string (file, "filename");
  JsonNode *regions = file ? json_object_get_member (file, "regions") : NULL;
  g_autofree char *where = g_strdup_printf ("_via_img_metadata[\"%s\"]", key);

  if (file == NULL)
    return cairn_shapes_fail (&via->im, error, where, "expected an object");
  if (filename == NULL || *filename == '\0')
    return cairn_shapes_fail (&via->im, error, where, "\"filename\" must be a string");
  via->item_id = cairn_shapes_image (&via->im, filename, 0, 0, NULL, error);
  if (via->item_id == 0)
    return FALSE;
  /* VIA 2 lists regions; VIA 1 kept them in an object keyed "0", "1", ... */
  if (regions && JSON_NODE_HOLDS_ARRAY (regions))
    {
      JsonArray *list = json_node_get_array (regions);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autofree char *region_where = g_strdup_printf ("%s.regions[%u]", where, i);
          if (!import_region (via, json_array_get_element (list, i), region_where, error))
            return FALSE;
        }
    }
  else if (regions && JSON_NODE_HOLDS_OBJECT (regions))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (regions));
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          g_autofree char *region_where = g_strdup_printf ("%s.regions[\"%s\"]", where, member);
          if (!import_region (via, value, region_where, error))
            return FALSE;
        }
    }
  else if (regions && !JSON_NODE_HOLDS_NULL (regions))
    return cairn_shapes_fail (&via->im, error, where, "\"regions\" must be an array");
  return import_file_attributes (via, file, where, error);
}

/* The file is read as raw text: only one image's entry is a JSON tree at a time. */
typedef struct
{
  ViaImport  *via;
  const char *metadata;       /* the text of _via_img_metadata, or NULL */
  gsize       metadata_length;
  guint       metadata_line;
  JsonNode   *attributes;     /* _via_attributes, parsed */
  gboolean    via3;
  gboolean    project;
  guint       used;           /* label_names that regions use */
  const char *base;           /* start of the file, for progress */
  gsize       size;
} ViaScan;

static gboolean
top_member_cb (const char *name, const char *value, gsize length, guint line, gpointer data,
               GError **error)
{
  ViaScan *scan = data;

  if (g_str_equal (name, "_via_img_metadata"))
    {
      scan->project = TRUE;
      scan->metadata = value;
      scan->metadata_length = length;
      scan->metadata_line = line;
    }
  else if (g_str_equal (name, "_via_attributes"))
    {
      g_clear_pointer (&scan->attributes, json_node_unref);
      scan->attributes = cairn_shapes_json_parse (&scan->via->im, value, length, line, name,
                                                  error);
      return scan->attributes != NULL;
    }
  else if (g_str_equal (name, "project") || g_str_equal (name, "metadata"))
    scan->via3 = TRUE;
  return TRUE;
}

static gboolean
survey_cb (const char *name, const char *value, gsize length, guint line, gpointer data,
           GError **error)
{
  ViaScan *scan = data;
  g_autofree char *where = g_strdup_printf ("_via_img_metadata[\"%s\"]", name);
  g_autoptr(JsonNode) node = cairn_shapes_json_parse (&scan->via->im, value, length, line, where,
                                                      error);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    scan->used |= names_used (json_node_get_object (node));
  return TRUE;
}

static gboolean
import_cb (const char *name, const char *value, gsize length, guint line, gpointer data,
           GError **error)
{
  ViaScan *scan = data;
  g_autofree char *where = g_strdup_printf ("_via_img_metadata[\"%s\"]", name);
  g_autoptr(JsonNode) node = cairn_shapes_json_parse (&scan->via->im, value, length, line, where,
                                                      error);

  return node != NULL
         && cairn_format_step (scan->via->im.options, (double) (value - scan->base) / scan->size,
                               NULL, error)
         && import_file (scan->via, name, node, error);
}

static gboolean
import_mapped (ViaImport *via, const char *text, gsize size, GError **error)
{
  ViaScan scan = { via, NULL, 0, 1, NULL, FALSE, FALSE, 0, text, size };
  JsonObject *specs;
  gboolean ok;

  ok = cairn_shapes_json_check_single (&via->im, text, size, 1, NULL, error)
       && cairn_shapes_json_members (&via->im, text, size, 1, top_member_cb, &scan, error);
  if (ok && scan.via3 && !scan.project)
    ok = cairn_shapes_fail (&via->im, error, "$", "this is a VIA 3 project; save it from VIA 2 "
                            "or export its annotations as VIA 2 JSON");
  if (ok && !scan.project)
    {
      /* Annotations only: the whole file is the metadata. */
      scan.metadata = text;
      scan.metadata_length = size;
    }
  specs = scan.attributes && JSON_NODE_HOLDS_OBJECT (scan.attributes)
            ? cairn_shapes_get_object (json_node_get_object (scan.attributes), "region") : NULL;
  via->label_key = ok ? label_key (specs, 0) : NULL;
  /* Without a declared label attribute, a first pass sees which usual name the regions use. */
  if (ok && (specs == NULL || via->label_key == NULL))
    {
      g_clear_pointer (&via->label_key, g_free);
      ok = cairn_shapes_json_members (&via->im, scan.metadata, scan.metadata_length,
                                      scan.metadata_line, survey_cb, &scan, error);
      via->label_key = ok ? label_key (specs, scan.used) : NULL;
    }
  ok = ok && cairn_shapes_json_members (&via->im, scan.metadata, scan.metadata_length,
                                        scan.metadata_line, import_cb, &scan, error);
  /* So that an export names the label attribute as this file did. */
  if (ok && via->label_key)
    ok = cairn_store_set_meta (via->im.store, LABEL_KEY_META, via->label_key, error);
  g_clear_pointer (&scan.attributes, json_node_unref);
  return ok;
}

gboolean
cairn_format_via_import (CairnStore               *store,
                         const char               *path,
                         const CairnFormatOptions *options,
                         CairnImportReport        *report,
                         GError                  **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  ViaImport via = { 0 };
  gboolean ok;

  if (!cairn_shapes_import_init (&via.im, store, options, report, error))
    {
      cairn_shapes_import_clear (&via.im);
      return FALSE;
    }
  cairn_shapes_import_set_file (&via.im, path);
  mapped = cairn_shapes_map_file (&via.im, error);
  if (mapped == NULL)
    ok = FALSE;
  else if (g_mapped_file_get_length (mapped) == 0)
    ok = cairn_shapes_fail (&via.im, error, NULL, "the file is empty");
  else
    ok = import_mapped (&via, g_mapped_file_get_contents (mapped),
                        g_mapped_file_get_length (mapped), error);
  g_free (via.label_key);
  cairn_shapes_import_clear (&via.im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* Export */

typedef struct
{
  GOutputStream *out;
  GPtrArray     *keys;          /* image ids, in order */
  GHashTable    *region_keys;   /* attribute names seen on regions */
  GHashTable    *file_keys;     /* on files */
  gboolean       tags;          /* some image has tags */
  const char    *label_key;     /* the attribute holding labels */
  guint         *left_out;      /* [CAIRN_N_KINDS]: annotations not written, per kind */
} ViaExport;

static void
add_region (CairnShapesExport *ex, ViaExport *vx, JsonArray *regions, const CairnAnnotation *a,
            JsonObject *shape)
{
  JsonObject *region = json_object_new ();
  JsonObject *attrs = json_object_new ();
  JsonArray *labels = cairn_shapes_get_array (a->attributes, "labels");
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_set_object_member (region, "shape_attributes", shape);
  if (labels)
    {
      /* Several labels: checkboxes. */
      JsonObject *boxes = json_object_new ();
      json_object_set_boolean_member (boxes, cairn_shapes_label_name (ex, a->label_id), TRUE);
      for (guint i = 0; i < json_array_get_length (labels); i++)
        json_object_set_boolean_member (boxes, json_array_get_string_element (labels, i), TRUE);
      json_object_set_object_member (attrs, vx->label_key, boxes);
    }
  else if (a->label_id)
    json_object_set_string_member (attrs, vx->label_key,
                                   cairn_shapes_label_name (ex, a->label_id));
  json_object_iter_init_ordered (&iter, a->attributes);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (!g_str_equal (member, "labels") && !g_str_equal (member, vx->label_key))
      {
        json_object_set_member (attrs, member, json_node_copy (value));
        g_hash_table_add (vx->region_keys, g_strdup (member));
      }
  if (a->kind == CAIRN_KIND_OCR && a->text && !json_object_has_member (attrs, "text"))
    {
      json_object_set_string_member (attrs, "text", a->text);
      g_hash_table_add (vx->region_keys, g_strdup ("text"));
    }
  json_object_set_object_member (region, "region_attributes", attrs);
  json_array_add_object_element (regions, region);
}

static JsonObject *
shape_new (const char *name)
{
  JsonObject *shape = json_object_new ();

  json_object_set_string_member (shape, "name", name);
  return shape;
}

static void
set_number (JsonObject *o, const char *member, double v)
{
  if (v == floor (v) && fabs (v) < 1e15)
    json_object_set_int_member (o, member, (gint64) v);
  else
    json_object_set_double_member (o, member, v);
}

static JsonObject *
points_shape (const char *name, const double *xy, guint n)
{
  JsonObject *shape = shape_new (name);
  JsonArray *xs = json_array_new (), *ys = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      json_array_add_double_element (xs, xy[2 * i]);
      json_array_add_double_element (ys, xy[2 * i + 1]);
    }
  json_object_set_array_member (shape, "all_points_x", xs);
  json_object_set_array_member (shape, "all_points_y", ys);
  return shape;
}

static void
add_annotation (CairnShapesExport *ex, ViaExport *vx, JsonArray *regions,
                const CairnAnnotation *a)
{
  const double *c = (const double *) a->coords->data;
  JsonObject *shape;

  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      shape = shape_new ("rect");
      set_number (shape, "x", c[0]);
      set_number (shape, "y", c[1]);
      set_number (shape, "width", c[2]);
      set_number (shape, "height", c[3]);
      add_region (ex, vx, regions, a, shape);
      break;
    case CAIRN_KIND_RBOX:
      {
        double corners[8];
        cairn_shapes_rbox_corners (c, corners);
        add_region (ex, vx, regions, a, points_shape ("polygon", corners, 4));
      }
      break;
    case CAIRN_KIND_ELLIPSE:
      if (c[2] == c[3] && c[4] == 0)
        {
          shape = shape_new ("circle");
          set_number (shape, "cx", c[0]);
          set_number (shape, "cy", c[1]);
          set_number (shape, "r", c[2]);
        }
      else
        {
          shape = shape_new ("ellipse");
          set_number (shape, "cx", c[0]);
          set_number (shape, "cy", c[1]);
          set_number (shape, "rx", c[2]);
          set_number (shape, "ry", c[3]);
          set_number (shape, "theta", c[4] * G_PI / 180.0);
        }
      add_region (ex, vx, regions, a, shape);
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
      /* VIA has no holes or parts: each ring is a region. */
      for (guint r = 0; r < a->rings->len; r++)
        add_region (ex, vx, regions, a,
                    points_shape (a->kind == CAIRN_KIND_POLYGON ? "polygon" : "polyline",
                                  c + cairn_annotation_ring_offset (a, r),
                                  g_array_index (a->rings, guint, r)));
      break;
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_KEYPOINTS:
      {
        guint stride = a->kind == CAIRN_KIND_KEYPOINTS ? 3 : 2;

        for (guint i = 0; i + stride - 1 < a->coords->len; i += stride)
          {
            if (stride == 3 && c[i + 2] == 0)
              continue;
            shape = shape_new ("point");
            set_number (shape, "cx", c[i]);
            set_number (shape, "cy", c[i + 1]);
            add_region (ex, vx, regions, a, shape);
          }
      }
      break;
    default:
      /* Masks, cuboids, text kinds, unlabelled tags: told once per kind at the end. */
      vx->left_out[a->kind]++;
      break;
    }
}

static gint64
media_size (CairnShapesExport *ex, const CairnItem *item)
{
  g_autofree char *path = item->uri ? cairn_store_resolve_uri (ex->store, item->uri) : NULL;
  GStatBuf st;

  if (path && g_stat (path, &st) == 0)
    return st.st_size;
  return -1;
}

static gboolean
write_file (CairnShapesExport *ex, const CairnItem *item, GPtrArray *annotations, gpointer data,
            GError **error)
{
  ViaExport *vx = data;
  /* VIA finds images by file name in the folder its project points at. */
  g_autofree char *filename = item->uri ? g_path_get_basename (item->uri)
                                        : g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  gint64 size = media_size (ex, item);
  g_autofree char *key = g_strdup_printf ("%s%" G_GINT64_FORMAT, filename, size);
  g_autoptr(JsonObject) file = json_object_new ();
  JsonArray *regions = json_array_new ();
  JsonObject *file_attrs = json_object_new ();
  JsonObject *kept = cairn_shapes_get_object (item->meta, FILE_META);
  JsonObject *tags = NULL;
  g_autoptr(JsonNode) key_node = json_node_init_string (json_node_alloc (), key);
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < annotations->len; i++)
    {
      CairnAnnotation *a = annotations->pdata[i];

      if (a->kind == CAIRN_KIND_TAG && a->label_id)
        {
          if (tags == NULL)
            tags = json_object_new ();
          json_object_set_boolean_member (tags, cairn_shapes_label_name (ex, a->label_id), TRUE);
        }
      else
        add_annotation (ex, vx, regions, a);
    }
  if (kept)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, kept);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          json_object_set_member (file_attrs, member, json_node_copy (value));
          g_hash_table_add (vx->file_keys, g_strdup (member));
        }
    }
  if (tags)
    {
      json_object_set_object_member (file_attrs, vx->label_key, tags);
      vx->tags = TRUE;
    }
  json_object_set_string_member (file, "filename", filename);
  json_object_set_int_member (file, "size", size);
  json_object_set_array_member (file, "regions", regions);
  json_object_set_object_member (file, "file_attributes", file_attrs);
  node = json_node_init_object (json_node_alloc (), file);
  if (!cairn_shapes_write (vx->out, vx->keys->len ? ",\n    " : "\n    ", error)
      || !cairn_shapes_write_node (vx->out, key_node, FALSE, error)
      || !cairn_shapes_write (vx->out, ": ", error)
      || !cairn_shapes_write_node (vx->out, node, FALSE, error))
    return FALSE;
  g_ptr_array_add (vx->keys, g_steal_pointer (&key));
  return TRUE;
}

static JsonObject *
text_spec (void)
{
  JsonObject *spec = json_object_new ();

  json_object_set_string_member (spec, "type", "text");
  json_object_set_string_member (spec, "description", "");
  json_object_set_string_member (spec, "default_value", "");
  return spec;
}

static JsonObject *
options_spec (CairnShapesExport *ex, const char *type)
{
  JsonObject *spec = json_object_new ();
  JsonObject *options = json_object_new ();

  for (guint i = 0; i < ex->label_list->len; i++)
    json_object_set_string_member (options, ((CairnLabel *) ex->label_list->pdata[i])->name, "");
  json_object_set_string_member (spec, "type", type);
  json_object_set_string_member (spec, "description", "");
  json_object_set_object_member (spec, "options", options);
  json_object_set_object_member (spec, "default_options", json_object_new ());
  return spec;
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static JsonObject *
specs_object (GHashTable *keys, JsonObject *first, const char *first_name)
{
  JsonObject *specs = json_object_new ();
  g_autofree gpointer *names = NULL;
  guint n = 0;

  if (first)
    json_object_set_object_member (specs, first_name, first);
  names = g_hash_table_get_keys_as_array (keys, &n);
  qsort (names, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    if (!json_object_has_member (specs, names[i]))
      json_object_set_object_member (specs, names[i], text_spec ());
  return specs;
}

static gboolean
write_tail (CairnShapesExport *ex, ViaExport *vx, GError **error)
{
  g_autoptr(JsonObject) tail = json_object_new ();
  JsonObject *attributes = json_object_new ();
  JsonArray *ids = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  char *inner;

  json_object_set_object_member (attributes, "region",
                                 specs_object (vx->region_keys, options_spec (ex, "dropdown"),
                                               vx->label_key));
  json_object_set_object_member (attributes, "file",
                                 specs_object (vx->file_keys,
                                               vx->tags ? options_spec (ex, "checkbox") : NULL,
                                               vx->label_key));
  for (guint i = 0; i < vx->keys->len; i++)
    json_array_add_string_element (ids, vx->keys->pdata[i]);
  json_object_set_object_member (tail, "_via_attributes", attributes);
  json_object_set_string_member (tail, "_via_data_format_version", "2.0.10");
  json_object_set_array_member (tail, "_via_image_id_list", ids);
  node = json_node_init_object (json_node_alloc (), tail);
  text = json_to_string (node, FALSE);
  /* The object's members continue the one already open: drop its braces. */
  inner = text + 1;
  inner[strlen (inner) - 1] = '\0';
  return cairn_shapes_write (vx->out, "\n  },\n  ", error)
         && cairn_shapes_write (vx->out, inner, error)
         && cairn_shapes_write (vx->out, "\n}\n", error);
}

static gboolean
write_head (CairnShapesExport *ex, ViaExport *vx, GError **error)
{
  g_autofree char *name = cairn_store_dup_name (ex->store);
  g_autofree char *escaped = NULL;
  g_autoptr(JsonNode) name_node = json_node_init_string (json_node_alloc (), name ? name : "");
  g_autoptr(JsonNode) key_node = json_node_init_string (json_node_alloc (), vx->label_key);
  g_autofree char *key = json_to_string (key_node, FALSE);
  g_autofree char *head = NULL;

  escaped = json_to_string (name_node, FALSE);
  head = g_strdup_printf ("{\n  \"_via_settings\": {\"ui\": {\"annotation_editor_height\": 25, "
                          "\"annotation_editor_fontsize\": 0.8, \"leftsidebar_width\": 18, "
                          "\"image_grid\": {\"img_height\": 80, \"rshape_fill\": \"none\", "
                          "\"rshape_fill_opacity\": 0.3, \"rshape_stroke\": \"yellow\", "
                          "\"rshape_stroke_width\": 2, \"show_region_shape\": true, "
                          "\"show_image_policy\": \"all\"}, \"image\": {\"region_label\": "
                          "%s, \"region_color\": %s, "
                          "\"region_label_font\": \"10px Sans\", "
                          "\"on_image_annotation_editor_placement\": \"NEAR_REGION\"}}, "
                          "\"core\": {\"buffer_size\": 18, \"filepath\": {}, "
                          "\"default_filepath\": \"\"}, \"project\": {\"name\": %s}},\n"
                          "  \"_via_img_metadata\": {", key, key, escaped);
  return cairn_shapes_write (vx->out, head, error);
}

gboolean
cairn_format_via_export (CairnStore               *store,
                         const char               *out_dir,
                         const CairnFormatOptions *options,
                         GError                  **error)
{
  CairnShapesExport ex;
  guint n_splits;
  const char *const *splits = cairn_shapes_splits (options, &n_splits);
  gboolean ok = cairn_shapes_export_init (&ex, store, options, error);
  g_autofree char *kept_key = cairn_store_dup_meta (store, LABEL_KEY_META);
  const char *label_key = kept_key && *kept_key ? kept_key : LABEL_KEY;
  guint left_out[CAIRN_N_KINDS] = { 0 };

  for (guint s = 0; ok && s < n_splits; s++)
    {
      g_autofree char *name = splits[s] ? g_strdup_printf ("via_project-%s.json", splits[s])
                                        : g_strdup ("via_project.json");
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(GOutputStream) out = cairn_shapes_create_file (path, error);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) region_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 NULL);
      g_autoptr(GHashTable) file_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
      ViaExport vx = { out, keys, region_keys, file_keys, FALSE, label_key, left_out };

      ok = out != NULL && write_head (&ex, &vx, error)
           && cairn_shapes_foreach_item (&ex, CAIRN_ITEM_IMAGE, splits[s], (double) s / n_splits,
                                         (double) (s + 1) / n_splits, write_file, &vx, error)
           && write_tail (&ex, &vx, error) && cairn_shapes_close (out, path, error);
    }
  cairn_shapes_export_clear (&ex);
  for (int kind = 0; ok && kind < CAIRN_N_KINDS; kind++)
    if (left_out[kind])
      cairn_format_export_warn (options, "via: %u %s annotation%s not written (%s)",
                                left_out[kind], cairn_kind_to_string (kind),
                                left_out[kind] == 1 ? "" : "s",
                                kind == CAIRN_KIND_TAG ? "no label" : "VIA has no such shape");
  return ok;
}
