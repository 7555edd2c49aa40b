#define G_LOG_DOMAIN "cairn-store"

#include "cairn-store-private.h"

/* `cairn check`: everything wrong with a project file, listed rather than stopping at the
 * first problem as reading does. */

static void
add_problem (GPtrArray *problems, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray *problems, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Every row of a one-column query of ids. */
static GArray *
list_ids (CairnStore *self, const char *sql, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      cairn_store_fail (self, error, "checking");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cairn_store_fail (self, error, "checking");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* SQLite's own checks: pages and indexes, then references that point nowhere. */
static gboolean
check_sqlite (CairnStore *self, GPtrArray *problems, GError **error)
{
  static const char *const pragmas[] = { "PRAGMA integrity_check", "PRAGMA foreign_key_check" };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, pragmas[i], -1, &stmt, NULL) != SQLITE_OK)
        return cairn_store_fail (self, error, "checking");
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *first = (const char *) sqlite3_column_text (stmt, 0);

          if (i == 0 && g_strcmp0 (first, "ok") != 0)
            add_problem (problems, "%s: %s", self->path, first);
          else if (i == 1)
            add_problem (problems, "%s: %s %" G_GINT64_FORMAT ": refers to a missing row of %s",
                         self->path, first, (gint64) sqlite3_column_int64 (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

/* What a valid annotation may still get wrong: the item it is on, what it points at. */
static void
check_references (CairnStore *self, const CairnAnnotation *a, GHashTable *items,
                  GPtrArray *problems)
{
  CairnItem *item = g_hash_table_lookup (items, &a->item_id);
  gboolean image_kind = cairn_kind_is_image (a->kind);

  if (item == NULL)
    {
      g_autoptr(CairnItem) loaded = cairn_store_get_item (self, a->item_id, NULL);

      if (loaded == NULL)
        return; /* reported as the item's own problem or by the foreign-key check */
      item = g_steal_pointer (&loaded);
      g_hash_table_insert (items, &item->id, item);
    }
  if ((image_kind && item->kind != CAIRN_ITEM_IMAGE)
      || (cairn_kind_is_text (a->kind) && item->kind != CAIRN_ITEM_TEXT)
      || (a->kind == CAIRN_KIND_SEGMENT && item->kind != CAIRN_ITEM_AUDIO))
    add_problem (problems, "%s: annotation %" G_GINT64_FORMAT ": a %s on a %s item", self->path,
                 a->id, cairn_kind_to_string (a->kind), cairn_item_kind_to_string (item->kind));
  else if (a->kind == CAIRN_KIND_SPAN)
    {
      glong length = item->text ? g_utf8_strlen (item->text, -1) : 0;
      double end = g_array_index (a->coords, double, 1);

      if (end > length)
        add_problem (problems, "%s: annotation %" G_GINT64_FORMAT ": span [%.0f, %.0f) is past "
                     "the end of its text (%ld characters)", self->path, a->id,
                     g_array_index (a->coords, double, 0), end, length);
    }
  else if (a->kind == CAIRN_KIND_RELATION)
    for (guint i = 0; i < 2; i++)
      {
        gint64 id = (gint64) g_array_index (a->coords, double, i);
        g_autoptr(CairnAnnotation) end = cairn_store_get_annotation (self, id, NULL);

        if (end == NULL || end->item_id != a->item_id || end->kind != CAIRN_KIND_SPAN)
          add_problem (problems, "%s: annotation %" G_GINT64_FORMAT ": the relation's %s, "
                       "%" G_GINT64_FORMAT ", is not a span of the same item", self->path,
                       a->id, i == 0 ? "source" : "target", id);
      }
}

gboolean
cairn_store_check (CairnStore *self,
                   GPtrArray  *problems,
                   GError    **error)
{
  g_autoptr(GArray) items = NULL, labels = NULL, annotations = NULL;
  g_autoptr(GHashTable) loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) cairn_item_free);

  g_return_val_if_fail (CAIRN_IS_STORE (self) && problems != NULL, FALSE);
  if (!check_sqlite (self, problems, error)
      || !(items = list_ids (self, "SELECT id FROM items ORDER BY id", error))
      || !(labels = list_ids (self, "SELECT id FROM labels ORDER BY id", error))
      || !(annotations = list_ids (self, "SELECT id FROM annotations WHERE deleted = 0"
                                   " ORDER BY id", error)))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnItem) item = cairn_store_get_item (self, g_array_index (items, gint64, i),
                                                        &local);
      if (item == NULL)
        g_ptr_array_add (problems, g_strdup (local->message));
    }
  for (guint i = 0; i < labels->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnLabel) label = cairn_store_get_label (self,
                                                           g_array_index (labels, gint64, i),
                                                           &local);
      if (label == NULL)
        g_ptr_array_add (problems, g_strdup (local->message));
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (
        self, g_array_index (annotations, gint64, i), &local);

      if (a == NULL)
        g_ptr_array_add (problems, g_strdup (local->message));
      else
        check_references (self, a, loaded, problems);
    }
  return TRUE;
}
