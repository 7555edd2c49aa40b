#define G_LOG_DOMAIN "cairn-store"

#include "cairn-store-private.h"

/* Bulk mode: what an import of a million rows would otherwise pay per row — a history row and
 * the count trigger's upsert — is paid once per table and per (label, kind) at commit. All of
 * it happens inside the import's transaction, so a rollback or a crash undoes it whole. */

gboolean
cairn_store_set_bulk (CairnStore *self,
                      gboolean    bulk,
                      GError    **error)
{
  /* A big import dirties index pages all over; each spill of the page cache rewrites them into
   * the WAL (bench-store build of 1M boxes: 31 s with 64 MB, 24 s with 256 MB). The cache only
   * grows as pages are touched, and shrinks back when bulk work ends. */
  self->bulk = bulk;
  return cairn_store_exec (self, bulk ? "PRAGMA cache_size = -262144"
                                      : "PRAGMA cache_size = -65536", error);
}

gboolean
cairn_store_bulk_tally (CairnStore *self,
                        const char *target,
                        gint64      row_id)
{
  if (!self->bulk || self->depth == 0)
    return FALSE;
  for (guint i = 0; i < CAIRN_BULK_TARGETS; i++)
    {
      CairnBulkTally *t = &self->tallies[i];

      if (t->count > 0 && !g_str_equal (t->target, target))
        continue;
      if (t->count == 0)
        {
          t->target = target;
          t->first = row_id;
        }
      t->first = MIN (t->first, row_id);
      t->last = MAX (t->last, row_id);
      t->count++;
      return TRUE;
    }
  return FALSE;
}

/* The trigger goes inside the transaction: no other writer can see the table without it. */
static gboolean
defer_counts (CairnStore *self, GError **error)
{
  if (!cairn_store_exec (self, "DROP TRIGGER IF EXISTS annotations_count_insert", error))
    return FALSE;
  if (self->bulk_counts == NULL)
    self->bulk_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->counts_deferred = TRUE;
  return TRUE;
}

gboolean
cairn_store_bulk_count (CairnStore *self,
                        int         kind,
                        gint64      label_id,
                        GError    **error)
{
  gint64 *counts;

  if (!self->bulk || self->depth == 0 || kind < 0 || kind >= CAIRN_N_KINDS)
    return TRUE;
  if (!self->counts_deferred && !defer_counts (self, error))
    return FALSE;
  counts = g_hash_table_lookup (self->bulk_counts, &label_id);
  if (counts == NULL)
    {
      counts = g_new0 (gint64, CAIRN_N_KINDS);
      g_hash_table_insert (self->bulk_counts, g_memdup2 (&label_id, sizeof label_id), counts);
    }
  /* The row must exist before any update or delete in this transaction decrements it. */
  if (counts[kind]++ == 0)
    {
      sqlite3_stmt *stmt = cairn_store_statement (self,
        "INSERT OR IGNORE INTO annotation_counts VALUES (?, ?, 0)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, kind);
      sqlite3_bind_int64 (stmt, 2, label_id);
      return cairn_store_step_done (self, stmt, "counting annotations", error);
    }
  return TRUE;
}

static void
reset_counts (CairnStore *self)
{
  if (self->bulk_counts)
    g_hash_table_remove_all (self->bulk_counts);
  self->counts_deferred = FALSE;
}

static gboolean
flush_counts (CairnStore *self, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!self->counts_deferred)
    return TRUE;
  g_hash_table_iter_init (&iter, self->bulk_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (int kind = 0; kind < CAIRN_N_KINDS; kind++)
      {
        gint64 n = ((gint64 *) value)[kind];
        sqlite3_stmt *stmt;

        if (n == 0)
          continue;
        stmt = cairn_store_statement (self,
          "INSERT INTO annotation_counts VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + ?3",
          error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int (stmt, 1, kind);
        sqlite3_bind_int64 (stmt, 2, *(gint64 *) key);
        sqlite3_bind_int64 (stmt, 3, n);
        if (!cairn_store_step_done (self, stmt, "counting annotations", error))
          return FALSE;
      }
  if (!cairn_store_exec (self, CAIRN_STORE_COUNT_INSERT_TRIGGER, error))
    return FALSE;
  reset_counts (self);
  return TRUE;
}

/* One history row per table for everything inserted: the rows themselves hold the state,
 * their ids the extent (bench-store: per-row history doubled the cost of an import). */
static gboolean
flush_tallies (CairnStore *self, GError **error)
{
  for (guint i = 0; i < CAIRN_BULK_TARGETS; i++)
    {
      CairnBulkTally t = self->tallies[i];
      g_autofree char *after = NULL;

      if (t.count == 0)
        continue;
      self->tallies[i].count = 0;
      after = g_strdup_printf ("{\"first\":%" G_GINT64_FORMAT ",\"last\":%" G_GINT64_FORMAT
                               ",\"count\":%" G_GINT64_FORMAT "}", t.first, t.last, t.count);
      if (!cairn_store_log (self, "insert-bulk", t.target, t.first, NULL, after, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cairn_store_bulk_flush (CairnStore *self,
                        GError    **error)
{
  return flush_counts (self, error) && flush_tallies (self, error);
}

void
cairn_store_bulk_reset (CairnStore *self)
{
  for (guint i = 0; i < CAIRN_BULK_TARGETS; i++)
    self->tallies[i].count = 0;
  reset_counts (self);
}
