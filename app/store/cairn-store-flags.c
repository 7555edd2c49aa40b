/* Flags: why an item or an annotation needs another look (guideline re-check, low agreement,
 * a rule, a suspected label error, an annotator's own doubt). The review queue reads them. */
#include "cairn-store-private.h"

void
cairn_flag_free (CairnFlag *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self->detail);
  g_free (self);
}

static gboolean
check_flag_target (CairnStore *self, gint64 item_id, gint64 annotation_id, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT (SELECT count (*) FROM items WHERE id = ?1),"
    " (SELECT item_id FROM annotations WHERE id = ?2)", error);
  gboolean item_found;
  gint64 owner;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  sqlite3_step (stmt);
  item_found = sqlite3_column_int64 (stmt, 0) > 0;
  owner = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (!item_found)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "no item %" G_GINT64_FORMAT, item_id);
      return FALSE;
    }
  if (annotation_id != 0 && owner != item_id)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "item %" G_GINT64_FORMAT " has no annotation %" G_GINT64_FORMAT,
                   item_id, annotation_id);
      return FALSE;
    }
  return TRUE;
}

static gint64
find_open_flag (CairnStore *self, gint64 item_id, gint64 annotation_id, const char *reason)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id FROM flags WHERE item_id = ? AND coalesce (annotation_id, 0) = ?"
    " AND reason = ? AND resolved = 0", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
write_flag (CairnStore *self, gint64 item_id, gint64 annotation_id, const char *reason,
            const char *detail, gint64 *id, GError **error)
{
  sqlite3_stmt *stmt;

  if (!check_flag_target (self, item_id, annotation_id, error))
    return FALSE;
  *id = find_open_flag (self, item_id, annotation_id, reason);
  if (*id != 0)
    {
      stmt = cairn_store_statement (self, "UPDATE flags SET detail = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, detail, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, *id);
    }
  else
    {
      stmt = cairn_store_statement (self,
        "INSERT INTO flags (item_id, annotation_id, reason, detail, annotator_id, created)"
        " VALUES (?, nullif (?, 0), ?, ?, nullif (?, 0), ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_int64 (stmt, 2, annotation_id);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, self->actor);
      sqlite3_bind_int64 (stmt, 6, cairn_store_now ());
    }
  if (!cairn_store_step_done (self, stmt, "flagging", error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (self->db);
  cairn_store_note_change (self, item_id, 0);
  return cairn_store_log (self, "insert", "flag", *id, NULL, reason, error);
}

gint64
cairn_store_add_flag (CairnStore *self,
                      gint64      item_id,
                      gint64      annotation_id,
                      const char *reason,
                      const char *detail,
                      GError    **error)
{
  gint64 id = 0;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && reason != NULL && *reason, 0);
  if (!g_utf8_validate (reason, -1, NULL) || (detail && !g_utf8_validate (detail, -1, NULL)))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "a flag's reason and detail must be UTF-8 text");
      return 0;
    }
  if (!cairn_store_begin (self, error))
    return 0;
  if (!write_flag (self, item_id, annotation_id, reason, detail, &id, error))
    {
      cairn_store_rollback (self);
      return 0;
    }
  return cairn_store_commit (self, error) ? id : 0;
}

static CairnFlag *
flag_from_row (CairnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(CairnFlag) flag = g_new0 (CairnFlag, 1);

  flag->id = sqlite3_column_int64 (stmt, 0);
  if (!cairn_store_check_text_column (self, stmt, 4, "flag", flag->id, error)
      || !cairn_store_check_text_column (self, stmt, 5, "flag", flag->id, error))
    return NULL;
  flag->item_id = sqlite3_column_int64 (stmt, 1);
  flag->annotation_id = sqlite3_column_int64 (stmt, 2);
  flag->label_id = sqlite3_column_int64 (stmt, 3);
  flag->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  flag->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  flag->annotator_id = sqlite3_column_int64 (stmt, 6);
  flag->created = sqlite3_column_int64 (stmt, 7);
  flag->resolved = sqlite3_column_int (stmt, 8) != 0;
  if (flag->reason == NULL)
    {
      cairn_store_bad_row (self, error, "flag", flag->id, "no reason");
      return NULL;
    }
  return g_steal_pointer (&flag);
}

GPtrArray *
cairn_store_list_flags (CairnStore            *self,
                        const CairnFlagFilter *filter,
                        GError               **error)
{
  CairnFlagFilter any = CAIRN_FLAG_FILTER_OPEN;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_flag_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  if (filter == NULL)
    filter = &any;
  stmt = cairn_store_statement (self,
    "SELECT f.id, f.item_id, coalesce (f.annotation_id, 0), coalesce (a.label_id, 0),"
    " f.reason, f.detail, coalesce (f.annotator_id, 0), f.created, f.resolved"
    " FROM flags f LEFT JOIN annotations a ON a.id = f.annotation_id"
    " WHERE (?1 = 0 OR f.item_id = ?1) AND (?2 = 0 OR f.annotation_id = ?2)"
    " AND (?3 IS NULL OR f.reason = ?3) AND (?4 OR f.resolved = 0) ORDER BY f.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->item_id);
  sqlite3_bind_int64 (stmt, 2, filter->annotation_id);
  sqlite3_bind_text (stmt, 3, filter->reason, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, filter->include_resolved);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CairnFlag *flag = flag_from_row (self, stmt, error);

      if (flag == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (flags, flag);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cairn_store_fail (self, error, "listing flags");
      return NULL;
    }
  return g_steal_pointer (&flags);
}

static gboolean
resolve_flags (CairnStore *self, gint64 item_id, gint64 annotation_id, const char *reason,
               guint *n_resolved, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "UPDATE flags SET resolved = 1 WHERE resolved = 0 AND item_id = ?1"
    " AND (?2 = 0 OR annotation_id = ?2) AND (?3 IS NULL OR reason = ?3)", error);
  guint n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, annotation_id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "resolving flags", error))
    return FALSE;
  n = (guint) sqlite3_changes (self->db);
  if (n_resolved)
    *n_resolved = n;
  if (n == 0)
    return TRUE;
  cairn_store_note_change (self, item_id, 0);
  return cairn_store_log (self, "update", "flag", annotation_id ? annotation_id : item_id,
                          reason, "resolved", error);
}

gboolean
cairn_store_resolve_flags (CairnStore *self,
                           gint64      item_id,
                           gint64      annotation_id,
                           const char *reason,
                           guint      *n_resolved,
                           GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  CAIRN_STORE_ATOMIC (self, error,
                      resolve_flags (self, item_id, annotation_id, reason, n_resolved, error));
}
