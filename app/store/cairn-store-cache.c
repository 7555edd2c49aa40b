/* The media cache: what is worked out from an item's media (the audio pane's peaks) kept in the
 * project file, so that reopening the item need not decode it again. */
#include "cairn-store-private.h"

GBytes *
cairn_store_get_cache (CairnStore *self,
                       gint64      item_id,
                       const char *kind,
                       const char *key,
                       GError    **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && key != NULL, NULL);
  stmt = cairn_store_statement (self,
    "SELECT data FROM media_cache WHERE item_id = ? AND kind = ? AND key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    cairn_store_fail (self, error, "reading the media cache");
  return bytes;
}

gboolean
cairn_store_set_cache (CairnStore *self,
                       gint64      item_id,
                       const char *kind,
                       const char *key,
                       GBytes     *data,
                       GError    **error)
{
  sqlite3_stmt *stmt;
  gsize size;
  const void *p;

  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && key != NULL && data != NULL, FALSE);
  if (!cairn_store_begin (self, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "INSERT INTO media_cache (item_id, kind, key, data) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (item_id, kind) DO UPDATE SET key = excluded.key, data = excluded.data", error);
  if (stmt == NULL)
    {
      cairn_store_rollback (self);
      return FALSE;
    }
  p = g_bytes_get_data (data, &size);
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 4, p ? p : "", size, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "writing the media cache", error))
    {
      cairn_store_rollback (self);
      return FALSE;
    }
  return cairn_store_commit (self, error);
}

gboolean
cairn_store_has_embedded_media (CairnStore *self,
                                gint64      item_id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  stmt = cairn_store_statement (self, "SELECT 1 FROM media WHERE item_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}
