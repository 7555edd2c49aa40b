#define G_LOG_DOMAIN "cairn-format-cairn"

#include "cairn-formats-native.h"
#include "cairn-format-folder.h"
#include "cairn-image-common.h"
#include "cairn-media.h"
#include "guide/cairn-guide-images.h"
#include "store/cairn-store-guide.h"
#include "model/cairn-json.h"

typedef struct
{
  CairnStore               *store;
  const char               *path;
  char                     *dir;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
} Import;

static gboolean
fail (Import *im, GError **error, const char *where, const char *what)
{
  g_autofree char *base = g_path_get_basename (im->path);

  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s: %s", base, where,
               what);
  return FALSE;
}

static gboolean
import_label (Import *im, JsonObject *o, const char *where, GError **error)
{
  g_autoptr(CairnLabel) label = NULL;
  g_autoptr(GError) local = NULL;
  const char *name = cairn_json_string (o, "name");
  const char *parent = cairn_json_string (o, "parent");
  JsonArray *kinds = cairn_json_array (o, "kinds");
  JsonNode *attributes = json_object_get_member (o, "attributes");
  JsonNode *skeleton = json_object_get_member (o, "skeleton");

  if (name == NULL)
    return fail (im, error, where, "a label needs a \"name\" string");
  label = cairn_store_find_label (im->store, name, NULL);
  if (label)
    return TRUE;
  label = cairn_label_new (name);
  label->color = g_strdup (cairn_json_string (o, "color"));
  label->hotkey = g_strdup (cairn_json_string (o, "key"));
  for (guint i = 0; kinds && i < json_array_get_length (kinds); i++)
    {
      JsonNode *element = json_array_get_element (kinds, i);
      CairnKind kind;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || !cairn_kind_from_string (json_node_get_string (element), &kind))
        return fail (im, error, where, "unknown annotation kind in \"kinds\"");
      label->kinds |= 1u << kind;
    }
  if (parent)
    {
      label->parent_id = cairn_format_ensure_label (im->store, parent, im->report, error);
      if (label->parent_id == 0)
        return FALSE;
    }
  if (attributes && JSON_NODE_HOLDS_ARRAY (attributes))
    {
      json_array_unref (label->attributes);
      label->attributes = json_array_ref (json_node_get_array (attributes));
    }
  if (skeleton && JSON_NODE_HOLDS_OBJECT (skeleton))
    {
      g_autofree char *json = json_to_string (skeleton, FALSE);
      if (!cairn_label_skeleton_from_json (label, json, &local))
        return fail (im, error, where, local->message);
    }
  if (!cairn_store_add_label (im->store, label, &local))
    return fail (im, error, where, local->message);
  im->report->labels_added++;
  return TRUE;
}

/* The media file is not here (yet), or may not be read: keep the item as a reference, as the
 * file described it; warn says "not found". */
static gint64
add_reference (Import *im, JsonObject *o, const char *uri, gboolean warn, GError **error)
{
  g_autoptr(CairnItem) item = NULL;
  g_autofree char *lower = g_ascii_strdown (uri, -1);
  CairnItemKind kind = cairn_media_is_audio_name (lower) ? CAIRN_ITEM_AUDIO : CAIRN_ITEM_IMAGE;
  gint64 existing = cairn_store_find_item_by_uri (im->store, uri);

  if (existing)
    return existing;
  if (cairn_json_string (o, "kind") && !cairn_item_kind_from_string (cairn_json_string (o, "kind"),
                                                                      &kind))
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "unknown \"kind\"");
      return 0;
    }
  item = cairn_item_new (kind);
  item->uri = g_strdup (uri);
  item->sha256 = g_strdup (cairn_json_string (o, "sha256"));
  item->width = CLAMP (cairn_json_int (o, "width", 0), 0, G_MAXINT);
  item->height = CLAMP (cairn_json_int (o, "height", 0), 0, G_MAXINT);
  item->duration_ms = MAX (cairn_json_int (o, "duration_ms", 0), 0);
  if (!cairn_store_add_item (im->store, item, error))
    return 0;
  if (warn)
    cairn_import_report_warn (im->report, "%s: media file not found; kept as a reference", uri);
  im->report->items_added++;
  return item->id;
}

static gint64
import_item (Import *im, JsonObject *o, const char *where, GError **error)
{
  const char *uri = cairn_json_string (o, "uri");
  const char *text = cairn_json_string (o, "text");
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autofree char *path = NULL;
  JsonNode *meta = json_object_get_member (o, "meta");
  gint64 id;

  if ((uri == NULL) == (text == NULL))
    {
      fail (im, error, where, "an item needs either \"uri\" or \"text\"");
      return 0;
    }
  if (text)
    id = cairn_format_ensure_text_item (im->store, text, im->report, &local);
  else
    {
      g_autofree char *joined = g_path_is_absolute (uri) ? g_strdup (uri)
                                                         : g_build_filename (im->dir, uri, NULL);
      g_autofree char *lower = g_ascii_strdown (uri, -1);
      guint outside = im->report->outside;

      /* Media only, and only from inside the import's folders. */
      path = cairn_format_media_path (im->options, joined, im->report);
      if (path && !cairn_media_is_image_name (lower) && !cairn_media_is_audio_name (lower))
        {
          cairn_import_report_warn (im->report, "%s: not an image or audio file (kept as a "
                                    "reference)", uri);
          g_clear_pointer (&path, g_free);
          outside = G_MAXUINT;
        }
      id = path ? cairn_format_folder_import_file (im->store, path, im->options, im->report,
                                                   &local)
                : add_reference (im, o, uri, im->report->outside == outside, &local);
    }
  if (id == 0)
    {
      fail (im, error, where, local->message);
      return 0;
    }
  item = cairn_store_get_item (im->store, id, error);
  if (item == NULL)
    return 0;
  /* Embedded media keep the name the file gave them, relative to it. */
  if (uri && im->options->embed && !g_path_is_absolute (uri))
    {
      g_free (item->uri);
      item->uri = g_strdup (uri);
    }
  if (cairn_json_string (o, "split"))
    {
      g_free (item->split);
      item->split = g_strdup (cairn_json_string (o, "split"));
    }
  if (cairn_json_string (o, "state") && !cairn_item_state_from_string (cairn_json_string (o, "state"),
                                                                &item->state))
    {
      fail (im, error, where, "unknown \"state\"");
      return 0;
    }
  if (meta && JSON_NODE_HOLDS_OBJECT (meta))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (meta));
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (item->meta, member, json_node_copy (value));
    }
  if (!cairn_store_update_item (im->store, item, error))
    return 0;
  return id;
}

static CairnAnnotation *
read_annotation (Import *im, JsonObject *o, gint64 item_id, const char *where, GError **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) copy = json_object_new ();
  const char *label = cairn_json_string (o, "label");
  const char *annotator = cairn_json_string (o, "annotator");
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  /* Label and annotator come by name here, by id in the model's JSON. */
  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_str_equal (member, "label") && !g_str_equal (member, "annotator")
        && !g_str_equal (member, "id") && !g_str_equal (member, "item"))
      json_object_set_member (copy, member, json_node_copy (value));
  json_node_set_object (node, copy);
  a = cairn_annotation_from_json_node (node, &local);
  if (a == NULL)
    {
      fail (im, error, where, local->message);
      return NULL;
    }
  a->item_id = item_id;
  if (label && (a->label_id = cairn_format_ensure_label (im->store, label, im->report, error)) == 0)
    return NULL;
  if (annotator)
    a->annotator_id = cairn_store_ensure_annotator (im->store, annotator, NULL, &local);
  else
    a->annotator_id = cairn_format_annotator (im->store, im->options, &local);
  if (local)
    {
      fail (im, error, where, local->message);
      return NULL;
    }
  return g_steal_pointer (&a);
}

static gboolean
add_annotation (Import *im, CairnAnnotation *a, const char *where, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!cairn_format_add_annotation (im->store, a, im->report, &local))
    return fail (im, error, where, local->message);
  return TRUE;
}

static gboolean
link_relation (Import *im, CairnAnnotation *a, const gint64 *ids, const CairnKind *kinds,
               guint n, guint self_index, const char *where, GError **error)
{
  double *ends = (double *) a->coords->data;

  for (int k = 0; k < 2; k++)
    {
      double target = ends[k];

      if (target < 0 || target >= n || target == self_index || target != (guint) target)
        return fail (im, error, where, "a relation end is not the index of another annotation");
      if (kinds[(guint) target] != CAIRN_KIND_SPAN)
        return fail (im, error, where, "a relation end is not a span");
      ends[k] = ids[(guint) target];
    }
  return TRUE;
}

static gboolean
import_annotations (Import *im, JsonArray *list, gint64 item_id, const char *item_where,
                    GError **error)
{
  guint n = json_array_get_length (list);
  g_autofree gint64 *ids = g_new0 (gint64, MAX (n, 1));
  g_autofree CairnKind *kinds = g_new0 (CairnKind, MAX (n, 1));

  /* Relations point at other annotations by index: one naming a later annotation waits for a
   * second pass; the others go in where they stand, so the order survives a round trip. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        JsonNode *node = json_array_get_element (list, i);
        g_autofree char *where = g_strdup_printf ("%s.annotations[%u]", item_where, i);
        g_autoptr(CairnAnnotation) a = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return fail (im, error, where, "expected an object");
        if (pass == 1 && (kinds[i] != CAIRN_KIND_RELATION || ids[i] != 0))
          continue;
        a = read_annotation (im, json_node_get_object (node), item_id, where, error);
        if (a == NULL)
          return FALSE;
        kinds[i] = a->kind;
        if (a->kind == CAIRN_KIND_RELATION)
          {
            double *ends = (double *) a->coords->data;

            if (pass == 0 && !(ends[0] >= 0 && ends[0] < i && ends[1] >= 0 && ends[1] < i))
              continue;
            if (!link_relation (im, a, ids, kinds, n, i, where, error))
              return FALSE;
          }
        if (!add_annotation (im, a, where, error))
          return FALSE;
        ids[i] = a->id;
      }
  return TRUE;
}

static JsonArray *
member_array (Import *im, JsonObject *o, const char *member, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      g_autofree char *what = g_strdup_printf ("\"%s\" must be an array", member);
      fail (im, error, member, what);
      return NULL;
    }
  return json_node_get_array (n);
}

static gboolean
for_each_object (Import *im, JsonObject *root, const char *member,
                 gboolean (*func) (Import *, JsonObject *, const char *, GError **),
                 GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonArray *list = member_array (im, root, member, &local);

  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", member, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (im, error, where, "expected an object");
      if (!cairn_format_step (im->options, (double) i / json_array_get_length (list), NULL, error)
          || !func (im, json_node_get_object (node), where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_annotator (Import *im, JsonObject *o, const char *where, GError **error)
{
  const char *name = cairn_json_string (o, "name");
  const char *role = cairn_json_string (o, "role");

  if (name == NULL)
    return fail (im, error, where, "an annotator needs a \"name\" string");
  g_autoptr(GError) local = NULL;

  if (role && !g_strv_contains ((const char *[]) { "annotator", "reviewer", "admin", NULL }, role))
    return fail (im, error, where, "\"role\" must be annotator, reviewer or admin");
  return cairn_store_ensure_annotator (im->store, name, role, &local) != 0
         || fail (im, error, where, local->message);
}

static gboolean
read_embedded_pictures (Import *im, JsonObject *o, const char *where, gint version,
                        GError **error)
{
  JsonObject *images = cairn_json_object (o, "images");
  g_autoptr(GList) names = images ? json_object_get_members (images) : NULL;

  for (GList *n = names; n != NULL; n = n->next)
    {
      const char *name = n->data;
      const char *text = cairn_json_string (images, name);
      g_autoptr(GError) local = NULL;
      g_autoptr(GBytes) bytes = NULL;
      guchar *data;
      gsize size = 0;

      if (text == NULL || !cairn_guide_is_local_image (name))
        {
          cairn_import_report_warn (im->report, "%s.images: “%s” left out", where, name);
          continue;
        }
      data = g_base64_decode (text, &size);
      bytes = g_bytes_new_take (data, size);
      if (!cairn_guide_check_image (name, bytes, &local))
        {
          cairn_import_report_warn (im->report, "%s.images: %s", where, local->message);
          continue;
        }
      if (!cairn_store_add_guideline_image (im->store, name, version, bytes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_guideline (Import *im, JsonObject *o, const char *where, GError **error)
{
  const char *markdown = cairn_json_string (o, "markdown");

  g_autoptr(GPtrArray) names = NULL;
  gint version;

  if (markdown == NULL)
    return fail (im, error, where, "a guideline needs a \"markdown\" string");
  version = cairn_store_add_guideline (im->store, cairn_json_string (o, "title"), markdown, error);
  if (version == 0)
    return FALSE;
  /* Its pictures: those the file holds ("images", as this exporter writes them), those an
   * earlier version brought, else from beside the file; one that is missing or broken is the
   * guideline's loss only. */
  if (!read_embedded_pictures (im, o, where, version, error))
    return FALSE;
  names = cairn_guide_image_names (markdown);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *shown = cairn_store_dup_guideline_image_digest (im->store,
                                                                       names->pdata[i], version);
      g_autoptr(GBytes) beside = NULL;
      g_autoptr(GError) local = NULL;

      if (shown != NULL)
        continue;
      if ((beside = cairn_guide_read_image (names->pdata[i], im->dir, &local)) == NULL)
        cairn_import_report_warn (im->report, "%s: %s", where, local->message);
      else if (!cairn_store_add_guideline_image (im->store, names->pdata[i], version, beside,
                                                 error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_item_and_annotations (Import *im, JsonObject *o, const char *where, GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id = import_item (im, o, where, error);
  JsonArray *annotations;

  if (id == 0)
    return FALSE;
  annotations = member_array (im, o, "annotations", &local);
  if (local)
    return fail (im, error, where, local->message);
  return annotations == NULL || import_annotations (im, annotations, id, where, error);
}

gboolean
cairn_format_cairn_import (CairnStore               *store,
                           const char               *path,
                           const CairnFormatOptions *options,
                           CairnImportReport        *report,
                           GError                  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  Import im = { store, path, dir, options, report };
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local);
  JsonObject *root;

  if (mapped != NULL && g_mapped_file_get_length (mapped) == 0)
    return fail (&im, error, "$", "the file is empty");
  if (mapped != NULL && !cairn_json_is_single_value (g_mapped_file_get_contents (mapped),
                                                     g_mapped_file_get_length (mapped)))
    return fail (&im, error, "$", "text after the JSON value");
  if (mapped != NULL && !cairn_json_check_limits (g_mapped_file_get_contents (mapped),
                                                 g_mapped_file_get_length (mapped), &local))
    return fail (&im, error, "$", local->message);
  if (mapped == NULL
      || !json_parser_load_from_data (parser, g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped), &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s", path,
                   local->message);
      return FALSE;
    }
  root = cairn_json_root_object (parser);
  if (root == NULL)
    return fail (&im, error, "$", "expected an object");
  if (cairn_json_int (root, "cairn", 0) != 1)
    return fail (&im, error, "$", "not a Cairn JSON file (\"cairn\": 1 is missing)");
  return for_each_object (&im, root, "annotators", import_annotator, error)
         && for_each_object (&im, root, "labels", import_label, error)
         && for_each_object (&im, root, "guidelines", import_guideline, error)
         && for_each_object (&im, root, "items", import_item_and_annotations, error);
}

typedef struct
{
  CairnStore    *store;
  GOutputStream *out;
  GHashTable    *labels;      /* id → name */
  GHashTable    *annotators;  /* id → name */
  gint64         annotator;   /* only this one's annotations, or 0 */
} Export;

static gboolean
write_str (Export *ex, const char *text, GError **error)
{
  return g_output_stream_write_all (ex->out, text, strlen (text), NULL, NULL, error);
}

static gboolean
write_node (Export *ex, JsonNode *node, GError **error)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return write_str (ex, text, error);
}

static void
name_member (JsonObject *o, const char *member, GHashTable *names, gint64 id)
{
  const char *name = g_hash_table_lookup (names, &id);

  json_object_remove_member (o, member);
  if (name)
    json_object_set_string_member (o, member, name);
}

static JsonNode *
annotation_node (Export *ex, const CairnAnnotation *a, GArray *ids)
{
  JsonNode *node = cairn_annotation_to_json_node (a);
  JsonObject *o = json_node_get_object (node);

  json_object_remove_member (o, "id");
  json_object_remove_member (o, "item");
  name_member (o, "label", ex->labels, a->label_id);
  name_member (o, "annotator", ex->annotators, a->annotator_id);
  if (json_object_get_size (json_object_get_object_member (o, "attributes")) == 0)
    json_object_remove_member (o, "attributes");
  if (a->origin == CAIRN_ORIGIN_HUMAN)
    json_object_remove_member (o, "origin");
  if (a->kind == CAIRN_KIND_RELATION)
    {
      JsonArray *ends = json_array_new ();
      for (int k = 0; k < 2; k++)
        {
          gint64 target = (gint64) g_array_index (a->coords, double, k);
          for (guint i = 0; i < ids->len; i++)
            if (g_array_index (ids, gint64, i) == target)
              json_array_add_int_element (ends, i);
        }
      json_object_set_array_member (o, "geometry", ends);
    }
  return node;
}

static gboolean
keep_annotation (const CairnAnnotation *a, gpointer data)
{
  Export *ex = ((gpointer *) data)[0];
  GPtrArray *list = ((gpointer *) data)[1];

  if (ex->annotator == 0 || a->annotator_id == ex->annotator)
    g_ptr_array_add (list, cairn_annotation_copy (a));
  return TRUE;
}

static JsonNode *
item_node (Export *ex, const CairnItem *item, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  gpointer data[2] = { ex, list };

  filter.item_id = item->id;
  if (!cairn_store_foreach_annotation (ex->store, &filter, keep_annotation, data, error))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    g_array_append_val (ids, ((CairnAnnotation *) list->pdata[i])->id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, item->text ? "text" : "uri");
  json_builder_add_string_value (b, item->text ? item->text : item->uri);
  if (item->split)
    {
      json_builder_set_member_name (b, "split");
      json_builder_add_string_value (b, item->split);
    }
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, cairn_item_state_to_string (item->state));
  if (item->uri)
    {
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, cairn_item_kind_to_string (item->kind));
      if (item->sha256)
        {
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, item->sha256);
        }
      json_builder_set_member_name (b, item->kind == CAIRN_ITEM_AUDIO ? "duration_ms" : "width");
      json_builder_add_int_value (b, item->kind == CAIRN_ITEM_AUDIO ? item->duration_ms
                                                                    : item->width);
      if (item->kind == CAIRN_ITEM_IMAGE)
        {
          json_builder_set_member_name (b, "height");
          json_builder_add_int_value (b, item->height);
        }
    }
  if (json_object_get_size (item->meta))
    {
      json_builder_set_member_name (b, "meta");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), item->meta));
    }
  json_builder_set_member_name (b, "annotations");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    json_builder_add_value (b, annotation_node (ex, list->pdata[i], ids));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "images": {name: base64} for the pictures this version brought (new, or changed since the
 * version before), so the file holds every version's pictures once. */
static void
add_pictures (Export *ex, JsonBuilder *b, const char *markdown, gint version)
{
  g_autoptr(GPtrArray) names = cairn_guide_image_names (markdown);
  gboolean open = FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *here = cairn_store_dup_guideline_image_digest (ex->store, names->pdata[i],
                                                                      version);
      g_autofree char *before = version > 1 ? cairn_store_dup_guideline_image_digest (
        ex->store, names->pdata[i], version - 1) : NULL;
      g_autofree char *base64 = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (here == NULL || g_strcmp0 (here, before) == 0
          || (bytes = cairn_store_get_guideline_image (ex->store, names->pdata[i], version,
                                                       NULL)) == NULL)
        continue;
      if (!open)
        {
          json_builder_set_member_name (b, "images");
          json_builder_begin_object (b);
          open = TRUE;
        }
      base64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      json_builder_set_member_name (b, names->pdata[i]);
      json_builder_add_string_value (b, base64);
    }
  if (open)
    json_builder_end_object (b);
}

static JsonNode *
head_node (Export *ex, GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (ex->store, error);
  g_autoptr(GPtrArray) annotators = labels ? cairn_store_list_annotators (ex->store, error) : NULL;
  g_autofree char *name = cairn_store_dup_name (ex->store);
  gint versions = cairn_store_get_guideline_version (ex->store);

  if (annotators == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cairn");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_array (b);
  for (guint i = 0; i < annotators->len; i++)
    {
      CairnAnnotator *a = annotators->pdata[i];
      g_hash_table_insert (ex->annotators, g_memdup2 (&a->id, sizeof a->id), g_strdup (a->name));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, a->name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, a->role);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    g_hash_table_insert (ex->labels, g_memdup2 (&((CairnLabel *) labels->pdata[i])->id,
                                                 sizeof (gint64)),
                         g_strdup (((CairnLabel *) labels->pdata[i])->name));
  for (guint i = 0; i < labels->len; i++)
    {
      CairnLabel *l = labels->pdata[i];
      g_autofree char *skeleton = cairn_label_skeleton_to_json (l);
      g_autofree char *kinds = cairn_label_kinds_to_string (l->kinds);
      g_auto(GStrv) kind_list = g_strsplit (kinds, ",", -1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->name);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, l->color);
      if (l->hotkey)
        {
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, l->hotkey);
        }
      if (l->parent_id)
        {
          json_builder_set_member_name (b, "parent");
          json_builder_add_string_value (b, g_hash_table_lookup (ex->labels, &l->parent_id));
        }
      json_builder_set_member_name (b, "kinds");
      json_builder_begin_array (b);
      for (guint k = 0; kind_list[k] && *kind_list[k]; k++)
        json_builder_add_string_value (b, kind_list[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "attributes");
      json_builder_add_value (b, json_node_init_array (json_node_alloc (), l->attributes));
      if (skeleton)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          json_parser_load_from_data (parser, skeleton, -1, NULL);
          json_builder_set_member_name (b, "skeleton");
          json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "guidelines");
  json_builder_begin_array (b);
  for (gint v = 1; v <= versions; v++)
    {
      g_autofree char *title = NULL;
      g_autofree char *body = cairn_store_get_guideline (ex->store, v, &title, error);

      if (body == NULL)
        return NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      json_builder_set_member_name (b, "markdown");
      json_builder_add_string_value (b, body);
      add_pictures (ex, b, body, v);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
write_items (Export *ex, const CairnFormatOptions *options, GError **error)
{
  g_autoptr(GArray) ids = cairn_store_list_item_ids (ex->store, NULL, error);
  gboolean first = TRUE;

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (ex->store, g_array_index (ids, gint64, i),
                                                        error);
      g_autoptr(JsonNode) node = NULL;

      if (item == NULL || !cairn_format_step (options, (double) i / ids->len, NULL, error))
        return FALSE;
      if (options->splits && !(item->split && g_strv_contains ((const char *const *) options->splits,
                                                               item->split)))
        continue;
      node = item_node (ex, item, error);
      if (node == NULL || !write_str (ex, first ? "\n" : ",\n", error)
          || !write_node (ex, node, error))
        return FALSE;
      first = FALSE;
    }
  return TRUE;
}

gboolean
cairn_format_cairn_export (CairnStore               *store,
                           const char               *out_dir,
                           const CairnFormatOptions *options,
                           GError                  **error)
{
  g_autofree char *path = g_build_filename (out_dir, "project.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            g_free);
  g_autoptr(JsonNode) head = NULL;
  g_autofree char *head_text = NULL;
  Export ex = { store, NULL, labels, annotators, 0 };

  /* Only someone the project knows: an export never adds an annotator. */
  if (!cairn_format_export_annotator (store, options, &ex.annotator, error))
    return FALSE;
  head = head_node (&ex, error);
  if (head == NULL)
    return FALSE;
  /* Written as it goes, one item at a time, so memory stays flat on big projects. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  ex.out = G_OUTPUT_STREAM (stream);
  head_text = json_to_string (head, FALSE);
  head_text[strlen (head_text) - 1] = '\0';
  if (write_str (&ex, head_text, error) && write_str (&ex, ",\"items\":[", error)
      && write_items (&ex, options, error) && write_str (&ex, "\n]}\n", error)
      && g_output_stream_close (ex.out, NULL, error))
    return TRUE;
  if (error && *error && (*error)->domain == G_IO_ERROR)
    g_prefix_error (error, "%s: ", path);
  return FALSE;
}
