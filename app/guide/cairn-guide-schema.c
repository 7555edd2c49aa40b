#define G_LOG_DOMAIN "cairn-guide"

#include "edit/cairn-edit-labels.h"
#include "model/cairn-json.h"
#include "model/cairn-keymap.h"
#include "model/cairn-label-json.h"
#include "store/cairn-store-guide.h"
#include "cairn-guide-schema.h"

#define MAX_SCHEMA_BYTES (16 * 1024 * 1024)

static const CairnLabel *
by_id (GPtrArray *labels, gint64 id)
{
  for (guint i = 0; id && i < labels->len; i++)
    if (((CairnLabel *) g_ptr_array_index (labels, i))->id == id)
      return g_ptr_array_index (labels, i);
  return NULL;
}

static const CairnLabel *
by_name (GPtrArray *labels, const char *name)
{
  for (guint i = 0; name && i < labels->len; i++)
    if (g_str_equal (((CairnLabel *) g_ptr_array_index (labels, i))->name, name))
      return g_ptr_array_index (labels, i);
  return NULL;
}

JsonNode *
cairn_guide_schema_export (CairnStore  *store,
                           GError     **error)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (labels == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cairn_schema");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (labels, i);
      const CairnLabel *parent = by_id (labels, label->parent_id);
      JsonNode *node = cairn_label_to_json_node (label);
      JsonObject *o = json_node_get_object (node);
      g_autofree char *anchor = cairn_store_dup_label_anchor (store, label->id);

      /* Ids are the project's own; a schema names labels. */
      json_object_remove_member (o, "id");
      json_object_remove_member (o, "parent_id");
      if (parent)
        json_object_set_string_member (o, "parent", parent->name);
      if (anchor)
        json_object_set_string_member (o, "guideline_anchor", anchor);
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

typedef struct
{
  const char *path;
  GPtrArray  *existing;  /* CairnLabel, as the store has them */
  GPtrArray  *wanted;    /* CairnLabel, as the file has them, ids assigned */
  GPtrArray  *parents;   /* const char *, per wanted label, or NULL */
  GPtrArray  *anchors;   /* char *, per wanted label, or NULL */
  gint64      next_id;
} Import;

static gboolean
fail (Import *im, GError **error, guint index, const char *name, const char *problem)
{
  g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID, "%s: labels[%u]%s%s%s: %s",
               im->path, index, name ? " “" : "", name ? name : "", name ? "”" : "", problem);
  return FALSE;
}

static gboolean
read_entry (Import *im, JsonNode *node, guint index, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnLabel) label = cairn_label_from_json_node (node, &local);
  JsonObject *o;
  const CairnLabel *same;

  if (label == NULL)
    return fail (im, error, index, NULL, local->message);
  o = json_node_get_object (node);
  if (label->hotkey && !cairn_keymap_check_label_key (label->hotkey, &local))
    return fail (im, error, index, label->name, local->message);
  if (by_name (im->wanted, label->name))
    return fail (im, error, index, label->name, "named twice");
  same = by_name (im->existing, label->name);
  label->id = same ? same->id : im->next_id++;
  label->parent_id = 0;
  if (label->color == NULL)
    label->color = same ? g_strdup (same->color) : cairn_label_default_color (im->wanted->len);
  g_ptr_array_add (im->parents, (gpointer) cairn_json_string (o, "parent"));
  g_ptr_array_add (im->anchors, g_strdup (cairn_json_string (o, "guideline_anchor")));
  g_ptr_array_add (im->wanted, g_steal_pointer (&label));
  return TRUE;
}

/* Parents by name, among the file's labels or the project's. */
static gboolean
resolve_parents (Import *im, GError **error)
{
  for (guint i = 0; i < im->wanted->len; i++)
    {
      CairnLabel *label = g_ptr_array_index (im->wanted, i);
      const char *parent = g_ptr_array_index (im->parents, i);
      const CairnLabel *found;

      if (parent == NULL)
        continue;
      found = by_name (im->wanted, parent);
      if (found == NULL)
        found = by_name (im->existing, parent);
      if (found == NULL || found == label)
        return fail (im, error, i, label->name, "its parent is not a label");
      label->parent_id = found->id;
    }
  return TRUE;
}

static char *
key_of (const CairnLabel *label, const char *anchor)
{
  g_autoptr(JsonNode) node = cairn_label_to_json_node (label);
  g_autofree char *json = json_to_string (node, FALSE);

  return g_strdup_printf ("%s#%s", json, anchor ? anchor : "");
}

static void
add_change (CairnStore *store, Import *im, CairnEdit *edit, guint i)
{
  const CairnLabel *label = g_ptr_array_index (im->wanted, i);
  const char *anchor = g_ptr_array_index (im->anchors, i);
  const CairnLabel *before = by_id (im->existing, label->id);
  g_autofree char *old_anchor = before ? cairn_store_dup_label_anchor (store, before->id) : NULL;
  g_autofree char *a = before ? key_of (before, old_anchor) : NULL;
  g_autofree char *b = key_of (label, anchor);

  if (g_strcmp0 (a, b) != 0)
    cairn_edit_add_label (edit, before, old_anchor, label, anchor);
}

/* A label goes in after its parent (the row it points at must exist): passes until all are
 * in; a pass that adds none means the parents go round in a circle. */
static CairnEdit *
build_edit (CairnStore *store, Import *im, GError **error)
{
  g_autoptr(CairnEdit) edit = cairn_edit_new (CAIRN_EDIT_VERB_SCHEMA, (CairnKind) -1);
  g_autofree gboolean *done = g_new0 (gboolean, im->wanted->len + 1);
  guint left = im->wanted->len;

  while (left > 0)
    {
      guint added = 0;

      for (guint i = 0; i < im->wanted->len; i++)
        {
          const CairnLabel *label = g_ptr_array_index (im->wanted, i);
          gboolean waiting = FALSE;

          for (guint j = 0; j < im->wanted->len && !done[i]; j++)
            if (!done[j] && j != i
                && ((CairnLabel *) g_ptr_array_index (im->wanted, j))->id == label->parent_id)
              waiting = TRUE;
          if (done[i] || waiting)
            continue;
          add_change (store, im, edit, i);
          done[i] = TRUE;
          added++;
        }
      if (added == 0)
        {
          fail (im, error, 0, NULL, "the labels' parents go round in a circle");
          return NULL;
        }
      left -= added;
    }
  return g_steal_pointer (&edit);
}

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->existing, g_ptr_array_unref);
  g_clear_pointer (&im->wanted, g_ptr_array_unref);
  g_clear_pointer (&im->parents, g_ptr_array_unref);
  g_clear_pointer (&im->anchors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

CairnEdit *
cairn_guide_schema_import (CairnStore  *store,
                           const char  *path,
                           GError     **error)
{
  g_auto(Import) im = { path };
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  JsonArray *labels;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (length > MAX_SCHEMA_BYTES
      || (root = cairn_json_parse_bounded (text, (gssize) length, &local)) == NULL)
    {
      g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID, "%s: %s", path,
                   local ? local->message : "bigger than 16 MB");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || (labels = cairn_json_array (json_node_get_object (root), "labels")) == NULL)
    {
      g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID,
                   "%s: expected an object with a \"labels\" array", path);
      return NULL;
    }
  if ((im.existing = cairn_store_list_labels (store, error)) == NULL)
    return NULL;
  im.wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_label_free);
  im.parents = g_ptr_array_new ();
  im.anchors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < im.existing->len; i++)
    im.next_id = MAX (im.next_id, ((CairnLabel *) g_ptr_array_index (im.existing, i))->id);
  im.next_id++;
  for (guint i = 0; i < json_array_get_length (labels); i++)
    if (!read_entry (&im, json_array_get_element (labels, i), i, error))
      return NULL;
  if (!resolve_parents (&im, error))
    return NULL;
  return build_edit (store, &im, error);
}
