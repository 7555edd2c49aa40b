#define G_LOG_DOMAIN "cairn-store"

#include <math.h>

#include "cairn-store-private.h"
#include "cairn-store-team.h"

#define ANNOTATION_COLUMNS \
  "id, item_id, annotator_id, label_id, kind, geometry, text, speaker, attributes, origin," \
  " score, guideline_version, created, updated, uid"

static char *
annotation_to_json (const CairnAnnotation *annotation)
{
  g_autoptr(JsonNode) node = cairn_annotation_to_json_node (annotation);

  return json_to_string (node, FALSE);
}

static void
append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* The history row of an insert, from the strings the row itself was written with: imports add
 * millions of annotations, and a second trip through JsonBuilder doubled their cost. */
static char *
inserted_json (const CairnAnnotation *a, const char *geometry, const char *attrs)
{
  GString *out = g_string_sized_new (128);

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"item\":%" G_GINT64_FORMAT
                          ",\"kind\":\"%s\",\"label\":%" G_GINT64_FORMAT
                          ",\"annotator\":%" G_GINT64_FORMAT ",\"origin\":\"%s\"",
                          a->id, a->item_id, cairn_kind_to_string (a->kind), a->label_id,
                          a->annotator_id, cairn_origin_to_string (a->origin));
  g_string_append_printf (out, ",\"geometry\":%s", geometry ? geometry : "null");
  if (a->text)
    {
      g_string_append (out, ",\"text\":");
      append_json_string (out, a->text);
    }
  if (a->speaker)
    {
      g_string_append (out, ",\"speaker\":");
      append_json_string (out, a->speaker);
    }
  if (attrs)
    g_string_append_printf (out, ",\"attributes\":%s", attrs);
  if (a->score >= 0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (out, ",\"score\":%s", g_ascii_dtostr (number, sizeof number, a->score));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static gboolean
check_annotation (CairnStore *self, CairnAnnotation *annotation, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!cairn_annotation_validate (annotation, &local))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "item %" G_GINT64_FORMAT ": %s", annotation->item_id, local->message);
      return FALSE;
    }
  if (annotation->label_id)
    {
      g_autoptr(CairnLabel) label = NULL;
      gpointer kinds;

      /* Imports add millions of annotations under a handful of labels. */
      if (g_hash_table_lookup_extended (self->label_kinds, &annotation->label_id, NULL, &kinds))
        {
          guint mask = GPOINTER_TO_UINT (kinds);
          if (mask == 0 || (mask & (1u << annotation->kind)))
            return TRUE;
        }
      label = cairn_store_get_label (self, annotation->label_id, error);
      if (label == NULL)
        return FALSE;
      g_hash_table_insert (self->label_kinds, g_memdup2 (&label->id, sizeof label->id),
                           GUINT_TO_POINTER (label->kinds));
      if (!cairn_label_allows (label, annotation->kind))
        {
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                       "label “%s” does not allow %s annotations", label->name,
                       cairn_kind_to_string (annotation->kind));
          return FALSE;
        }
    }
  return TRUE;
}

static void
bind_annotation (sqlite3_stmt *stmt, const CairnAnnotation *a, char **geometry, char **attrs)
{
  *geometry = cairn_annotation_geometry_to_json (a);
  *attrs = cairn_store_object_to_json (a->attributes);
  sqlite3_bind_int64 (stmt, 1, a->item_id);
  if (a->annotator_id)
    sqlite3_bind_int64 (stmt, 2, a->annotator_id);
  if (a->label_id)
    sqlite3_bind_int64 (stmt, 3, a->label_id);
  sqlite3_bind_int (stmt, 4, a->kind);
  sqlite3_bind_text (stmt, 5, *geometry, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, a->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, a->speaker, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, *attrs, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, a->origin);
  if (a->score >= 0)
    sqlite3_bind_double (stmt, 10, a->score);
  sqlite3_bind_int (stmt, 11, a->guideline_version);
}

static gboolean
insert_annotation (CairnStore *self, CairnAnnotation *a, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *geometry = NULL, *attrs = NULL, *after = NULL;

  /* Before the row exists: the trigger would count it too. */
  if (!check_annotation (self, a, error)
      || !cairn_store_bulk_count (self, a->kind, a->label_id, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "INSERT INTO annotations (item_id, annotator_id, label_id, kind, geometry, text, speaker,"
    " attributes, origin, score, guideline_version, created, updated, uid)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  if (a->guideline_version == 0)
    a->guideline_version = cairn_store_get_guideline_version (self);
  if (a->annotator_id == 0)
    a->annotator_id = self->actor;
  /* A copy (paste, duplicate) carries its original's identity: a new row gets its own. Only
   * a merge brings in an identity this file does not have yet. */
  if (a->uid && cairn_store_find_annotation_uid (self, a->uid, NULL, NULL, NULL) != 0)
    g_clear_pointer (&a->uid, g_free);
  bind_annotation (stmt, a, &geometry, &attrs);
  a->created = a->updated = cairn_store_now ();
  sqlite3_bind_int64 (stmt, 12, a->created);
  sqlite3_bind_text (stmt, 13, a->uid, -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "adding an annotation", error))
    {
      if (g_error_matches (*error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED))
        g_prefix_error (error, "item %" G_GINT64_FORMAT ": ", a->item_id);
      return FALSE;
    }
  a->id = sqlite3_last_insert_rowid (self->db);
  cairn_store_note_change (self, a->item_id, a->id);
  if (cairn_store_bulk_tally (self, "annotation", a->id))
    return TRUE;
  after = inserted_json (a, geometry, attrs);
  return cairn_store_log (self, "insert", "annotation", a->id, NULL, after, error);
}

gboolean
cairn_store_add_annotation (CairnStore      *self,
                            CairnAnnotation *annotation,
                            GError         **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && annotation != NULL, FALSE);
  CAIRN_STORE_ATOMIC (self, error, insert_annotation (self, annotation, error));
}

/* Writes every field of a over its row: a live one (update), or a deleted one brought back
 * (restore). */
static gboolean
write_row (CairnStore *self, CairnAnnotation *a, gboolean restore, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *geometry = NULL, *attrs = NULL;

  stmt = cairn_store_statement (self, restore
    ? "UPDATE annotations SET item_id = ?, annotator_id = ?, label_id = ?, kind = ?, geometry = ?,"
      " text = ?, speaker = ?, attributes = ?, origin = ?, score = ?, guideline_version = ?,"
      " updated = ?, deleted = 0 WHERE id = ? AND deleted = 1"
    : "UPDATE annotations SET item_id = ?, annotator_id = ?, label_id = ?, kind = ?, geometry = ?,"
      " text = ?, speaker = ?, attributes = ?, origin = ?, score = ?, guideline_version = ?,"
      " updated = ? WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  bind_annotation (stmt, a, &geometry, &attrs);
  a->updated = cairn_store_now ();
  sqlite3_bind_int64 (stmt, 12, a->updated);
  sqlite3_bind_int64 (stmt, 13, a->id);
  if (!cairn_store_step_done (self, stmt, restore ? "restoring an annotation"
                                                  : "updating an annotation", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   restore ? "no deleted annotation %" G_GINT64_FORMAT " to restore"
                           : "no annotation %" G_GINT64_FORMAT, a->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_annotation (CairnStore *self, CairnAnnotation *a, GError **error)
{
  g_autoptr(CairnAnnotation) before = cairn_store_get_annotation (self, a->id, error);
  g_autofree char *before_json = NULL, *after_json = NULL;

  if (before == NULL || !check_annotation (self, a, error) || !write_row (self, a, FALSE, error))
    return FALSE;
  cairn_store_note_change (self, before->item_id, a->id);
  cairn_store_note_change (self, a->item_id, 0);
  before_json = annotation_to_json (before);
  after_json = annotation_to_json (a);
  return cairn_store_log (self, "update", "annotation", a->id, before_json, after_json, error);
}

gboolean
cairn_store_update_annotation (CairnStore      *self,
                               CairnAnnotation *annotation,
                               GError         **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && annotation != NULL && annotation->id > 0, FALSE);
  CAIRN_STORE_ATOMIC (self, error, update_annotation (self, annotation, error));
}

static gboolean
delete_annotation (CairnStore *self, gint64 id, GError **error)
{
  g_autoptr(CairnAnnotation) before = cairn_store_get_annotation (self, id, error);
  sqlite3_stmt *stmt;
  g_autofree char *before_json = NULL;

  if (before == NULL)
    return FALSE;
  /* Soft delete: the row stays for history, undo and agreement audits. */
  stmt = cairn_store_statement (self,
    "UPDATE annotations SET deleted = 1, updated = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cairn_store_now ());
  sqlite3_bind_int64 (stmt, 2, id);
  if (!cairn_store_step_done (self, stmt, "deleting an annotation", error))
    return FALSE;
  cairn_store_note_change (self, before->item_id, id);
  before_json = annotation_to_json (before);
  return cairn_store_log (self, "delete", "annotation", id, before_json, NULL, error);
}

gboolean
cairn_store_delete_annotation (CairnStore *self,
                               gint64      id,
                               GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  CAIRN_STORE_ATOMIC (self, error, delete_annotation (self, id, error));
}

static gboolean
restore_annotation (CairnStore *self, CairnAnnotation *a, GError **error)
{
  g_autofree char *after_json = NULL;

  if (!check_annotation (self, a, error) || !write_row (self, a, TRUE, error))
    return FALSE;
  cairn_store_note_change (self, a->item_id, a->id);
  after_json = annotation_to_json (a);
  return cairn_store_log (self, "restore", "annotation", a->id, NULL, after_json, error);
}

gboolean
cairn_store_restore_annotation (CairnStore      *self,
                                CairnAnnotation *annotation,
                                GError         **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && annotation != NULL && annotation->id > 0, FALSE);
  CAIRN_STORE_ATOMIC (self, error, restore_annotation (self, annotation, error));
}

static CairnAnnotation *
annotation_from_row (CairnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  int kind = sqlite3_column_int (stmt, 4), origin = sqlite3_column_int (stmt, 9);

  /* Exporters index tables by kind and trust the geometry's length: check what a hostile
   * file could hold before anyone sees it. */
  if (kind < 0 || kind >= CAIRN_N_KINDS)
    return cairn_store_bad_row (self, error, "annotation", id, "unknown kind"), NULL;
  if (origin < 0 || origin >= CAIRN_N_ORIGINS)
    return cairn_store_bad_row (self, error, "annotation", id, "unknown origin"), NULL;
  if (!cairn_store_check_text_column (self, stmt, 6, "annotation", id, error)
      || !cairn_store_check_text_column (self, stmt, 7, "annotation", id, error))
    return NULL;
  a = cairn_annotation_new (kind);
  a->id = id;
  a->item_id = sqlite3_column_int64 (stmt, 1);
  a->annotator_id = sqlite3_column_int64 (stmt, 2);
  a->label_id = sqlite3_column_int64 (stmt, 3);
  if (!cairn_annotation_geometry_from_json (a, (const char *) sqlite3_column_text (stmt, 5),
                                            error))
    {
      g_prefix_error (error, "%s: annotation %" G_GINT64_FORMAT ": ", self->path, a->id);
      return NULL;
    }
  a->text = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  g_free (a->speaker);
  a->speaker = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  /* Most rows have none: the empty object cairn_annotation_new made stays. */
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    {
      json_object_unref (a->attributes);
      a->attributes = cairn_store_object_from_json ((const char *) sqlite3_column_text (stmt, 8));
    }
  a->origin = origin;
  a->score = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 10);
  a->guideline_version = sqlite3_column_int (stmt, 11);
  a->created = sqlite3_column_int64 (stmt, 12);
  a->updated = sqlite3_column_int64 (stmt, 13);
  if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
    {
      if (!cairn_store_check_text_column (self, stmt, 14, "annotation", id, error))
        return NULL;
      a->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
    }
  if (!cairn_annotation_validate (a, &local))
    return cairn_store_bad_row (self, error, "annotation", id, local->message), NULL;
  /* Writers print it as a number: inf would be "inf.0", not JSON. */
  if (!isfinite (a->score))
    return cairn_store_bad_row (self, error, "annotation", id, "the score is not a number"), NULL;
  return g_steal_pointer (&a);
}

CairnAnnotation *
cairn_store_get_annotation (CairnStore *self,
                            gint64      id,
                            GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE id = ? AND deleted = 0", error);
  CairnAnnotation *a = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    a = annotation_from_row (self, stmt, error);
  else
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                 "no annotation %" G_GINT64_FORMAT, id);
  sqlite3_reset (stmt);
  return a;
}

static gboolean
collect_cb (const CairnAnnotation *annotation, gpointer user_data)
{
  g_ptr_array_add (user_data, cairn_annotation_copy (annotation));
  return TRUE;
}

GPtrArray *
cairn_store_list_annotations (CairnStore *self,
                              gint64      item_id,
                              GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;

  filter.item_id = item_id;
  if (!cairn_store_foreach_annotation (self, &filter, collect_cb, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
cairn_store_foreach_annotation (CairnStore                  *self,
                                const CairnAnnotationFilter *filter,
                                CairnAnnotationFunc          func,
                                gpointer                     user_data,
                                GError                     **error)
{
  CairnAnnotationFilter any = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(GString) sql = g_string_new ("SELECT " ANNOTATION_COLUMNS
                                         " FROM annotations WHERE deleted = 0");
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (filter == NULL)
    filter = &any;
  /* Only the conditions in use, from fixed fragments: "?1 = 0 OR item_id = ?1" would keep
   * SQLite off the item index and scan every annotation (1M rows: 0.6 s per item shown). */
  if (filter->item_id)
    g_string_append (sql, " AND item_id = ?1");
  if (filter->label_id)
    g_string_append (sql, " AND label_id = ?2");
  if (filter->annotator_id)
    g_string_append (sql, " AND annotator_id = ?3");
  if (filter->kind >= 0)
    g_string_append (sql, " AND kind = ?4");
  if (filter->origin >= 0)
    g_string_append (sql, " AND origin = ?5");
  g_string_append (sql, " ORDER BY item_id, id");
  /* Each pass gets its own statement, so a callback may query the store meanwhile. */
  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return cairn_store_fail (self, error, "listing annotations");
  if (filter->item_id)
    sqlite3_bind_int64 (stmt, 1, filter->item_id);
  if (filter->label_id)
    sqlite3_bind_int64 (stmt, 2, filter->label_id);
  if (filter->annotator_id)
    sqlite3_bind_int64 (stmt, 3, filter->annotator_id);
  if (filter->kind >= 0)
    sqlite3_bind_int (stmt, 4, filter->kind);
  if (filter->origin >= 0)
    sqlite3_bind_int (stmt, 5, filter->origin);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CairnAnnotation) a = annotation_from_row (self, stmt, error);

      if (a == NULL)
        {
          ok = FALSE;
          break;
        }
      if (!func (a, user_data))
        break;
    }
  if (ok && rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = cairn_store_fail (self, error, "listing annotations");
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
cairn_store_count_annotations_by_kind (CairnStore *self,
                                       gint64     *counts,
                                       GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT kind, sum (n) FROM annotation_counts GROUP BY kind", error);

  if (stmt == NULL)
    return FALSE;
  memset (counts, 0, sizeof (gint64) * CAIRN_N_KINDS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      if (kind >= 0 && kind < CAIRN_N_KINDS)
        counts[kind] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
cairn_store_count_annotations_by_label (CairnStore *self,
                                        GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT l.name, sum (c.n) FROM annotation_counts c JOIN labels l ON l.id = c.label_id"
    " GROUP BY l.id HAVING sum (c.n) > 0 ORDER BY l.name", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_count_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnCount *c = g_new0 (CairnCount, 1);
      c->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (rows, c);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}
