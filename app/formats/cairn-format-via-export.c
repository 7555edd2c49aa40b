#define G_LOG_DOMAIN "cairn-format-via"

#include <glib/gstdio.h>
#include <math.h>

#include "cairn-via-private.h"

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
  JsonArray *labels = cairn_json_array (a->attributes, "labels");
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
  JsonObject *kept = cairn_json_object (item->meta, FILE_META);
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

  for (guint i = 0; i < ex->labels->len; i++)
    json_object_set_string_member (options, ((CairnLabel *) ex->labels->pdata[i])->name, "");
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
  gboolean ok = cairn_export_context_init (&ex, store, options, error);
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
  cairn_export_context_clear (&ex);
  for (int kind = 0; ok && kind < CAIRN_N_KINDS; kind++)
    if (left_out[kind])
      cairn_format_export_warn (options, "via: %u %s annotation%s not written (%s)",
                                left_out[kind], cairn_kind_to_string (kind),
                                left_out[kind] == 1 ? "" : "s",
                                kind == CAIRN_KIND_TAG ? "no label" : "VIA has no such shape");
  return ok;
}
