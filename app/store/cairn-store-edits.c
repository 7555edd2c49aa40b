#define G_LOG_DOMAIN "cairn-store"

/* The edit log: one row per edit a person made, the source of undo and redo (app/edit/). */

#include "cairn-store-private.h"

void
cairn_edit_record_free (CairnEditRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->body);
  g_free (self);
}

void
cairn_store_set_edit_id (CairnStore *self,
                         gint64      edit_id)
{
  g_return_if_fail (CAIRN_IS_STORE (self));
  self->edit_id = edit_id;
}

gint64
cairn_store_add_edit (CairnStore *self,
                      gint64      annotator_id,
                      const char *body,
                      GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && body != NULL, 0);
  stmt = cairn_store_statement (self,
    "INSERT INTO edits (annotator_id, at, state, body) VALUES (?, ?, 0, ?)", error);
  if (stmt == NULL)
    return 0;
  if (annotator_id)
    sqlite3_bind_int64 (stmt, 1, annotator_id);
  sqlite3_bind_int64 (stmt, 2, cairn_store_now ());
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "recording an edit", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
cairn_store_update_edit (CairnStore     *self,
                         gint64          id,
                         CairnEditState  state,
                         const char     *body,
                         GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  stmt = cairn_store_statement (self,
    "UPDATE edits SET state = ?, body = coalesce (?, body) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  return cairn_store_step_done (self, stmt, "recording an edit", error);
}

CairnEditRecord *
cairn_store_next_edit (CairnStore     *self,
                       gint64          annotator_id,
                       CairnEditState  state,
                       GError        **error)
{
  /* Undo takes the newest done edit, redo the oldest undone one: what was undone last. */
  const char *sql = state == CAIRN_EDIT_DONE
    ? "SELECT id, annotator_id, at, state, body FROM edits"
      " WHERE annotator_id IS ?1 AND state = 0 ORDER BY id DESC LIMIT 1"
    : "SELECT id, annotator_id, at, state, body FROM edits"
      " WHERE annotator_id IS ?1 AND state = 1 ORDER BY id ASC LIMIT 1";
  sqlite3_stmt *stmt;
  CairnEditRecord *record = NULL;
  int rc;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  g_return_val_if_fail (state != CAIRN_EDIT_DROPPED, NULL);
  stmt = cairn_store_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (annotator_id)
    sqlite3_bind_int64 (stmt, 1, annotator_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = g_new0 (CairnEditRecord, 1);
      record->id = sqlite3_column_int64 (stmt, 0);
      record->annotator_id = sqlite3_column_int64 (stmt, 1);
      record->at = sqlite3_column_int64 (stmt, 2);
      record->state = sqlite3_column_int (stmt, 3);
      record->body = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  else if (rc != SQLITE_DONE)
    cairn_store_fail (self, error, "reading the edit log");
  else
    g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                         "no edit to take back");
  sqlite3_reset (stmt);
  return record;
}

gboolean
cairn_store_drop_redo (CairnStore *self,
                       gint64      annotator_id,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  stmt = cairn_store_statement (self,
    "UPDATE edits SET state = 2 WHERE annotator_id IS ? AND state = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (annotator_id)
    sqlite3_bind_int64 (stmt, 1, annotator_id);
  return cairn_store_step_done (self, stmt, "recording an edit", error);
}

CairnHistoryEntry *
cairn_store_last_change (CairnStore *self,
                         const char *target,
                         gint64      row_id,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  CairnHistoryEntry *e = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && target != NULL, NULL);
  stmt = cairn_store_statement (self,
    "SELECT id, at, annotator_id, action, target, row_id, before, after FROM history"
    " WHERE target = ? AND row_id = ? ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    e = cairn_store_history_from_row (stmt);
  sqlite3_reset (stmt);
  return e;
}

char *
cairn_store_dup_annotator_name (CairnStore *self,
                                gint64      annotator_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  stmt = cairn_store_statement (self, "SELECT name FROM annotators WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotator_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}
