#define G_LOG_DOMAIN "cairn-edit"

#include <glib/gi18n-lib.h>

#include "model/cairn-json.h"
#include "model/cairn-label-json.h"
#include "store/cairn-store-guide.h"
#include "cairn-edit-labels.h"
#include "cairn-edit-private.h"

gboolean
cairn_edit_change_is_label (const CairnEditChange *c)
{
  return c->label_before != NULL || c->label_after != NULL;
}

void
cairn_edit_change_clear_label (CairnEditChange *c)
{
  g_clear_pointer (&c->label_before, cairn_label_free);
  g_clear_pointer (&c->label_after, cairn_label_free);
  g_clear_pointer (&c->anchor_before, g_free);
  g_clear_pointer (&c->anchor_after, g_free);
}

static char *
label_key (const CairnLabel *label, const char *anchor)
{
  g_autoptr(JsonNode) node = cairn_label_to_json_node (label);
  g_autofree char *json = json_to_string (node, FALSE);

  return g_strdup_printf ("%s#%s", json, anchor ? anchor : "");
}

/* The label must be as expected (NULL: absent) before the edit may touch it. */
static gboolean
check_label (CairnEdit *self, CairnStore *store, gint64 id, const CairnLabel *expected,
             const char *anchor, gboolean undoing, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnLabel) current = cairn_store_get_label (store, id, &local);
  g_autofree char *current_anchor = NULL, *a = NULL, *b = NULL;

  if (current == NULL && !g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (expected == NULL || current == NULL)
    {
      if ((expected == NULL) == (current == NULL))
        return TRUE;
      return cairn_edit_conflict (self, store, undoing, "label", id, error);
    }
  current_anchor = cairn_store_dup_label_anchor (store, id);
  a = label_key (current, current_anchor);
  b = label_key (expected, anchor);
  if (g_str_equal (a, b))
    return TRUE;
  return cairn_edit_conflict (self, store, undoing, "label", id, error);
}

static gboolean
write_label (CairnStore *store, const CairnLabel *label, const char *anchor, gboolean create,
             GError **error)
{
  g_autoptr(CairnLabel) copy = cairn_label_copy (label);

  if (!(create ? cairn_store_restore_label (store, copy, error)
               : cairn_store_update_label (store, copy, error)))
    return FALSE;
  return cairn_store_set_label_anchor (store, label->id, anchor, error);
}

gboolean
cairn_edit_apply_label (CairnEdit       *self,
                        CairnStore      *store,
                        CairnEditChange *c,
                        GError         **error)
{
  if (c->label_before == NULL)
    {
      /* First time: a new row, whose id redo and undo then use. */
      if (c->label_after->id == 0)
        return cairn_store_add_label (store, c->label_after, error)
               && cairn_store_set_label_anchor (store, c->label_after->id, c->anchor_after,
                                                error);
      return check_label (self, store, c->label_after->id, NULL, NULL, FALSE, error)
             && write_label (store, c->label_after, c->anchor_after, TRUE, error);
    }
  if (!check_label (self, store, c->label_before->id, c->label_before, c->anchor_before, FALSE,
                    error))
    return FALSE;
  if (c->label_after == NULL)
    return cairn_store_remove_label (store, c->label_before->id, TRUE, error);
  return write_label (store, c->label_after, c->anchor_after, FALSE, error);
}

gboolean
cairn_edit_revert_label (CairnEdit       *self,
                         CairnStore      *store,
                         CairnEditChange *c,
                         GError         **error)
{
  if (c->label_after == NULL)
    return check_label (self, store, c->label_before->id, NULL, NULL, TRUE, error)
           && write_label (store, c->label_before, c->anchor_before, TRUE, error);
  if (!check_label (self, store, c->label_after->id, c->label_after, c->anchor_after, TRUE,
                    error))
    return FALSE;
  if (c->label_before == NULL)
    return cairn_store_remove_label (store, c->label_after->id, FALSE, error);
  return write_label (store, c->label_before, c->anchor_before, FALSE, error);
}

static void
add_member (JsonBuilder *b, const char *name, const CairnLabel *label)
{
  json_builder_set_member_name (b, name);
  if (label == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_value (b, cairn_label_to_json_node (label));
}

void
cairn_edit_label_to_json (JsonBuilder           *b,
                          const CairnEditChange *c)
{
  add_member (b, "label_before", c->label_before);
  add_member (b, "label_after", c->label_after);
  if (c->anchor_before)
    {
      json_builder_set_member_name (b, "anchor_before");
      json_builder_add_string_value (b, c->anchor_before);
    }
  if (c->anchor_after)
    {
      json_builder_set_member_name (b, "anchor_after");
      json_builder_add_string_value (b, c->anchor_after);
    }
}

static gboolean
read_label (JsonObject *o, const char *name, CairnLabel **out)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  *out = cairn_label_from_json_node (node, NULL);
  return *out != NULL && (*out)->id > 0;
}

gboolean
cairn_edit_label_from_json (JsonObject      *o,
                            CairnEditChange *c,
                            gboolean        *ok)
{
  if (!json_object_has_member (o, "label_before") && !json_object_has_member (o, "label_after"))
    return FALSE;
  *ok = read_label (o, "label_before", &c->label_before)
        && read_label (o, "label_after", &c->label_after)
        && (c->label_before || c->label_after)
        && (!c->label_before || !c->label_after || c->label_before->id == c->label_after->id);
  if (*ok)
    {
      c->anchor_before = g_strdup (cairn_json_string (o, "anchor_before"));
      c->anchor_after = g_strdup (cairn_json_string (o, "anchor_after"));
    }
  else
    cairn_edit_change_clear_label (c);
  return TRUE;
}

void
cairn_edit_add_label (CairnEdit        *self,
                      const CairnLabel *before,
                      const char       *anchor_before,
                      const CairnLabel *after,
                      const char       *anchor_after)
{
  CairnEditChange c = { 0 };

  g_return_if_fail (CAIRN_IS_EDIT (self) && (before != NULL || after != NULL));
  c.label_before = before ? cairn_label_copy (before) : NULL;
  c.label_after = after ? cairn_label_copy (after) : NULL;
  c.anchor_before = g_strdup (anchor_before);
  c.anchor_after = g_strdup (anchor_after);
  cairn_edit_add_change (self, &c);
}

gint64
cairn_edit_get_label_id (CairnEdit *self,
                         guint      n)
{
  const CairnEditChange *c = cairn_edit_get_change (self, n);

  g_return_val_if_fail (CAIRN_IS_EDIT (self), 0);
  if (c == NULL || !cairn_edit_change_is_label (c))
    return 0;
  return c->label_after ? c->label_after->id : c->label_before->id;
}

static CairnLabel *
find_label (CairnStore *store, const char *name, GError **error)
{
  g_autoptr(GError) local = NULL;
  CairnLabel *label = cairn_store_find_label (store, name, &local);

  if (label == NULL)
    {
      if (g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
        g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_FAILED, _("No label “%s”"), name);
      else
        g_propagate_error (error, g_steal_pointer (&local));
    }
  return label;
}

CairnEdit *
cairn_edit_new_rename_label (CairnStore  *store,
                             const char  *old_name,
                             const char  *new_name,
                             GError     **error)
{
  g_autoptr(CairnLabel) label = find_label (store, old_name, error);
  g_autoptr(CairnLabel) renamed = NULL;
  g_autoptr(CairnLabel) taken = NULL;
  g_autofree char *anchor = NULL;
  CairnEdit *edit;

  if (label == NULL)
    return NULL;
  taken = cairn_store_find_label (store, new_name, NULL);
  if (taken != NULL && taken->id != label->id)
    {
      g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_FAILED,
                   _("A label “%s” exists already: merge into it instead"), new_name);
      return NULL;
    }
  anchor = cairn_store_dup_label_anchor (store, label->id);
  renamed = cairn_label_copy (label);
  g_free (renamed->name);
  renamed->name = g_strdup (new_name);
  edit = cairn_edit_new (CAIRN_EDIT_VERB_RENAME_LABEL, (CairnKind) -1);
  cairn_edit_add_label (edit, label, anchor, renamed, anchor);
  return edit;
}

typedef struct
{
  CairnEdit *edit;
  gint64     into;
} Merge;

static gboolean
relabel_cb (const CairnAnnotation *a, gpointer user_data)
{
  Merge *m = user_data;
  g_autoptr(CairnAnnotation) after = cairn_annotation_copy (a);

  after->label_id = m->into;
  cairn_edit_add_annotation (m->edit, a, after);
  return TRUE;
}

static gboolean
adopt_children (CairnStore *store, CairnEdit *edit, gint64 from, gint64 into, GError **error)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, error);

  if (labels == NULL)
    return FALSE;
  for (guint i = 0; i < labels->len; i++)
    {
      const CairnLabel *child = g_ptr_array_index (labels, i);
      g_autoptr(CairnLabel) moved = NULL;
      g_autofree char *anchor = NULL;

      if (child->parent_id != from)
        continue;
      anchor = cairn_store_dup_label_anchor (store, child->id);
      moved = cairn_label_copy (child);
      moved->parent_id = into;
      cairn_edit_add_label (edit, child, anchor, moved, anchor);
    }
  return TRUE;
}

CairnEdit *
cairn_edit_new_merge_labels (CairnStore  *store,
                             const char  *from,
                             const char  *into,
                             GError     **error)
{
  g_autoptr(CairnLabel) source = find_label (store, from, error);
  g_autoptr(CairnLabel) target = source ? find_label (store, into, error) : NULL;
  g_autoptr(CairnEdit) edit = NULL;
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autofree char *anchor = NULL;
  Merge m;

  if (target == NULL)
    return NULL;
  if (source->id == target->id)
    {
      g_set_error_literal (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_FAILED,
                           _("A label cannot be merged into itself"));
      return NULL;
    }
  edit = cairn_edit_new (CAIRN_EDIT_VERB_MERGE_LABELS, (CairnKind) -1);
  m = (Merge) { edit, target->id };
  filter.label_id = source->id;
  if (!cairn_store_foreach_annotation (store, &filter, relabel_cb, &m, error)
      || !adopt_children (store, edit, source->id, target->id, error))
    return NULL;
  anchor = cairn_store_dup_label_anchor (store, source->id);
  cairn_edit_add_label (edit, source, anchor, NULL, NULL);
  return g_steal_pointer (&edit);
}

CairnEdit *
cairn_edit_new_confirm (const CairnAnnotation *const *annotations,
                        guint                         n)
{
  CairnEdit *edit;

  g_return_val_if_fail (annotations != NULL && n > 0, NULL);
  edit = cairn_edit_new (CAIRN_EDIT_VERB_CONFIRM, n == 1 ? annotations[0]->kind
                                                         : (CairnKind) CAIRN_N_KINDS);
  for (guint i = 0; i < n; i++)
    cairn_edit_add_annotation (edit, annotations[i], annotations[i]);
  return edit;
}
