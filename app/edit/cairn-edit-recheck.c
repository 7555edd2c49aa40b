#define G_LOG_DOMAIN "cairn-edit"

/* Flags an edit settles: one that leaves an annotation under the current guideline version
 * (a re-save, a confirmation) resolves its "recheck" flags, one that deletes an annotation
 * every open flag of it (nothing is left to look at), and a reviewer's accept or reject every
 * open flag of the item; undo reopens exactly those. */
#include "store/cairn-store-guide.h"
#include "cairn-edit-private.h"

static gboolean
resolve_matching (CairnStore *store, const CairnFlagFilter *filter, GArray *flags, GError **error)
{
  g_autoptr(GPtrArray) open = cairn_store_list_flags (store, filter, error);

  if (open == NULL)
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    {
      const CairnFlag *flag = g_ptr_array_index (open, i);

      if (!cairn_store_set_flag_resolved (store, flag->id, TRUE, error))
        return FALSE;
      g_array_append_val (flags, flag->id);
    }
  return TRUE;
}

static gboolean
resolve_for (CairnStore *store, const CairnAnnotation *a, GArray *flags, GError **error)
{
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;

  filter.item_id = a->item_id;
  filter.annotation_id = a->id;
  filter.reason = "recheck";
  return resolve_matching (store, &filter, flags, error);
}

static gboolean
resolve_deleted (CairnEdit *self, CairnStore *store, GArray *flags, GError **error)
{
  for (guint i = 0; i < cairn_edit_get_n_changes (self); i++)
    {
      const CairnEditChange *c = cairn_edit_get_change (self, i);
      CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;

      if (c == NULL || c->before == NULL || c->after != NULL || c->before->id == 0)
        continue;
      filter.item_id = c->before->item_id;
      filter.annotation_id = c->before->id;
      if (!resolve_matching (store, &filter, flags, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_decisions (CairnEdit *self, CairnStore *store, GArray *flags, GError **error)
{
  for (guint i = 0; i < cairn_edit_get_n_changes (self); i++)
    {
      gint state = cairn_edit_get_item_state (self, i);
      CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;

      if (state != CAIRN_STATE_ACCEPTED && state != CAIRN_STATE_REJECTED)
        continue;
      filter.item_id = cairn_edit_get_item_id (self, i);
      if (!resolve_matching (store, &filter, flags, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cairn_edit_resolve_rechecks (CairnEdit  *self,
                             CairnStore *store,
                             GArray     *flags,
                             GError    **error)
{
  gint current = cairn_store_get_guideline_version (store);

  g_array_set_size (flags, 0);
  if (!resolve_decisions (self, store, flags, error)
      || !resolve_deleted (self, store, flags, error))
    return FALSE;
  if (current == 0)
    return TRUE;
  for (guint i = 0; i < cairn_edit_get_n_changes (self); i++)
    {
      g_autoptr(CairnAnnotation) a = NULL;
      gint64 id = cairn_edit_get_annotation_id (self, i);
      g_autoptr(GError) local = NULL;

      if (id == 0)
        continue;
      a = cairn_store_get_annotation (store, id, &local);
      /* Deleted by the edit: resolved above. */
      if (a == NULL)
        {
          if (!g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      if (a->guideline_version >= current && !resolve_for (store, a, flags, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cairn_edit_reopen_rechecks (CairnStore *store,
                            GArray     *flags,
                            GError    **error)
{
  for (guint i = 0; i < flags->len; i++)
    {
      g_autoptr(GError) local = NULL;

      /* A flag goes with its annotation when that is removed for good: nothing to reopen. */
      if (!cairn_store_set_flag_resolved (store, g_array_index (flags, gint64, i), FALSE, &local)
          && !g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}
