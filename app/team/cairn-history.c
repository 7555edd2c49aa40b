#define G_LOG_DOMAIN "cairn-team"

#include <glib/gi18n-lib.h>

#include "model/cairn-json.h"
#include "cairn-history.h"

CairnAnnotation *
cairn_history_version (CairnStore              *store,
                       const CairnHistoryEntry *entry,
                       GError                 **error)
{
  const char *json = entry->action && g_str_equal (entry->action, "delete") ? entry->before
                                                                             : entry->after;
  g_autoptr(JsonNode) node = NULL;
  CairnAnnotation *a;

  if (g_strcmp0 (entry->target, "annotation") != 0 || json == NULL)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                   "history entry %" G_GINT64_FORMAT " records no annotation version", entry->id);
      return NULL;
    }
  /* The history is in the file, and a file may come from anyone. */
  node = cairn_json_parse_bounded (json, -1, error);
  if (node == NULL)
    return NULL;
  a = cairn_annotation_from_json_node (node, error);
  if (a == NULL)
    {
      g_prefix_error (error, "history entry %" G_GINT64_FORMAT ": ", entry->id);
      return NULL;
    }
  a->id = entry->row_id;
  return a;
}

static gboolean
already (GError **error)
{
  g_set_error_literal (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                       _("The annotation is already as it was then."));
  return FALSE;
}

CairnEdit *
cairn_history_restore_edit (CairnStore *store,
                            gint64      history_id,
                            GError    **error)
{
  g_autoptr(CairnHistoryEntry) entry = cairn_store_get_history_entry (store, history_id, error);
  g_autoptr(CairnAnnotation) version = NULL, current = NULL;
  g_autoptr(GError) local = NULL;
  CairnEdit *edit;

  if (entry == NULL || (version = cairn_history_version (store, entry, error)) == NULL)
    return NULL;
  current = cairn_store_get_annotation (store, version->id, &local);
  if (current == NULL && !g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (current)
    {
      /* Where it lives and what it was made under stay; the content goes back. */
      version->item_id = current->item_id;
      version->guideline_version = current->guideline_version;
      if (cairn_annotation_equal (current, version, 0))
        return already (error), NULL;
      return cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, current, version);
    }
  /* Deleted since: the same row comes back with that content. */
  edit = cairn_edit_new (CAIRN_EDIT_VERB_CHANGE, version->kind);
  cairn_edit_add_annotation (edit, NULL, version);
  return edit;
}

char *
cairn_history_describe (CairnStore              *store,
                        const CairnHistoryEntry *entry)
{
  g_autoptr(CairnAnnotation) version = NULL;
  g_autoptr(CairnLabel) label = NULL;

  if (g_strcmp0 (entry->target, "review") == 0 && entry->after)
    {
      g_autoptr(JsonNode) node = cairn_json_parse_bounded (entry->after, -1, NULL);
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *state = o ? cairn_json_string (o, "state") : NULL;
      const char *comment = o ? cairn_json_string (o, "comment") : NULL;

      return g_strdup_printf ("review: %s%s%s%s", state ? state : "?", comment ? " “" : "",
                              comment ? comment : "", comment ? "”" : "");
    }
  if (g_strcmp0 (entry->target, "annotation") != 0)
    return g_strdup_printf ("%s %s %" G_GINT64_FORMAT, entry->action, entry->target,
                            entry->row_id);
  version = cairn_history_version (store, entry, NULL);
  if (version && version->label_id)
    label = cairn_store_get_label (store, version->label_id, NULL);
  return g_strdup_printf ("%s annotation %" G_GINT64_FORMAT " (%s%s%s%s)", entry->action,
                          entry->row_id, version ? cairn_kind_to_string (version->kind) : "?",
                          label ? " “" : "", label ? label->name : "", label ? "”" : "");
}
