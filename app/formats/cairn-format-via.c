#define G_LOG_DOMAIN "cairn-format-via"

#include <glib/gstdio.h>
#include <math.h>

#include "cairn-via-private.h"

/* VGG Image Annotator 2: {"_via_img_metadata": {"<filename><size>": {"filename", "size",
 * "regions": [{"shape_attributes": {"name": "rect", ...}, "region_attributes": {...}}],
 * "file_attributes": {...}}}, "_via_attributes": {"region": {...}, "file": {...}}, ...}, or the
 * metadata object alone (VIA's "Export annotations (as json)"). VIA has no notion of a label:
 * one region attribute plays it (see label_key). */

/* Region attributes that usually name the label, when no dropdown or radio attribute does. */
static const char *const label_names[] = { "label", "class", "name", "category", "type", NULL };

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
                            ? cairn_json_object (json_node_get_object (l->data),
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
                               ? cairn_json_string (json_node_get_object (value), "type")
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
  if (!cairn_json_number (shape, member, v))
    return cairn_shapes_fail (&via->im, error, where, "shape_attributes.%s must be a number",
                              member);
  return TRUE;
}

static gboolean
read_xy (ViaImport *via, JsonObject *shape, GArray *xy, const char *where, GError **error)
{
  JsonArray *xs = cairn_json_array (shape, "all_points_x");
  JsonArray *ys = cairn_json_array (shape, "all_points_y");

  if (xs == NULL || ys == NULL || json_array_get_length (xs) != json_array_get_length (ys))
    return cairn_shapes_fail (&via->im, error, where,
                              "all_points_x and all_points_y must be arrays of one length");
  for (guint i = 0; i < json_array_get_length (xs); i++)
    {
      double x, y;

      if (!cairn_json_node_number (json_array_get_element (xs, i), &x)
          || !cairn_json_node_number (json_array_get_element (ys, i), &y))
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
  const char *name = cairn_json_string (shape, "name");
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
      cairn_json_number (shape, "theta", &theta);
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
  JsonObject *shape = cairn_json_object (region, "shape_attributes");
  JsonObject *attrs = cairn_json_object (region, "region_attributes");
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
  JsonObject *attrs = cairn_json_object (file, "file_attributes");
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
  const char *filename = cairn_json_string (file, "filename");
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
            ? cairn_json_object (json_node_get_object (scan.attributes), "region") : NULL;
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
