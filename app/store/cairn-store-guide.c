#define G_LOG_DOMAIN "cairn-store"

/* Guideline versions' summaries, label anchors and edge-case notes (schema 6). */
#include "cairn-store-private.h"
#include "cairn-store-guide.h"

static const char *const note_states[CAIRN_N_NOTE_STATES] = {
  "open", "answered", "resolved", "promoted",
};

void
cairn_guideline_info_free (CairnGuidelineInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->summary);
  g_free (self);
}

GPtrArray *
cairn_store_list_guideline_versions (CairnStore *self,
                                     GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_guideline_info_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  stmt = cairn_store_statement (self, "SELECT version, title, summary, coalesce (author_id, 0),"
                                " created FROM guidelines ORDER BY version", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnGuidelineInfo *info = g_new0 (CairnGuidelineInfo, 1);

      info->version = sqlite3_column_int (stmt, 0);
      g_ptr_array_add (rows, info);
      if (!cairn_store_check_text_column (self, stmt, 1, "guideline", info->version, error)
          || !cairn_store_check_text_column (self, stmt, 2, "guideline", info->version, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      info->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->author_id = sqlite3_column_int64 (stmt, 3);
      info->created = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/* The row version shows for name: its bytes, or (digest_only) its sha256 alone, as a GBytes
 * of the hex text, so a comparison never reads the picture. */
static GBytes *
find_image (CairnStore *self, const char *name, gint version, gboolean digest_only,
            GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, digest_only
    ? "SELECT sha256 FROM guideline_images WHERE name = ?1 AND (?2 <= 0 OR version <= ?2)"
      " ORDER BY version DESC LIMIT 1"
    : "SELECT data FROM guideline_images WHERE name = ?1 AND (?2 <= 0 OR version <= ?2)"
      " ORDER BY version DESC LIMIT 1", error);
  GBytes *bytes = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                 "the guideline has no picture “%s”", name);
  else if (rc != SQLITE_ROW)
    cairn_store_fail (self, error, "reading a guideline picture");
  return bytes;
}

GBytes *
cairn_store_get_guideline_image (CairnStore *self,
                                 const char *name,
                                 gint        version,
                                 GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && name != NULL, NULL);
  return find_image (self, name, version, FALSE, error);
}

char *
cairn_store_dup_guideline_image_digest (CairnStore *self,
                                        const char *name,
                                        gint        version)
{
  g_autoptr(GBytes) digest = NULL;
  gsize size;
  const char *text;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && name != NULL, NULL);
  if ((digest = find_image (self, name, version, TRUE, NULL)) == NULL)
    return NULL;
  text = g_bytes_get_data (digest, &size);
  return g_strndup (text, size);
}

static gboolean
insert_image (CairnStore *self, const char *name, gint version, GBytes *data, const char *sha,
              GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO guideline_images (name, version, sha256, data) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (name, version) DO UPDATE SET sha256 = excluded.sha256, data = excluded.data",
    error);
  gsize size;
  gconstpointer p = g_bytes_get_data (data, &size);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, version);
  sqlite3_bind_text (stmt, 3, sha, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 4, p ? p : "", size, SQLITE_STATIC);
  return cairn_store_step_done (self, stmt, "storing a guideline picture", error);
}

gboolean
cairn_store_add_guideline_image (CairnStore *self,
                                 const char *name,
                                 gint        version,
                                 GBytes     *data,
                                 GError    **error)
{
  g_autofree char *sha = NULL, *shown = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && name != NULL && data != NULL, FALSE);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  shown = cairn_store_dup_guideline_image_digest (self, name, version);
  if (g_strcmp0 (shown, sha) == 0)
    return TRUE;
  CAIRN_STORE_ATOMIC (self, error, insert_image (self, name, version, data, sha, error));
}

char *
cairn_store_dup_label_anchor (CairnStore *self,
                              gint64      label_id)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT guideline_anchor FROM labels WHERE id = ?", NULL);
  char *anchor = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, label_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      /* Hostile files: an anchor is a short single line of UTF-8, or nothing. */
      if (*text && g_utf8_validate (text, -1, NULL) && strlen (text) < 256 && !strchr (text, '\n'))
        anchor = g_strdup (text);
    }
  sqlite3_reset (stmt);
  return anchor;
}

static gboolean
write_anchor (CairnStore *self, gint64 label_id, const char *anchor, GError **error)
{
  g_autofree char *before = cairn_store_dup_label_anchor (self, label_id);
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "UPDATE labels SET guideline_anchor = nullif (?, '') WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, anchor, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, label_id);
  if (!cairn_store_step_done (self, stmt, "setting a label's guideline section", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "no label %" G_GINT64_FORMAT, label_id);
      return FALSE;
    }
  return cairn_store_log (self, "update", "label", label_id, before, anchor, error);
}

gboolean
cairn_store_set_label_anchor (CairnStore *self,
                              gint64      label_id,
                              const char *anchor,
                              GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  if (anchor && (!g_utf8_validate (anchor, -1, NULL) || strlen (anchor) >= 256
                 || strchr (anchor, '\n')))
    {
      g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                           "a guideline anchor is one line of text, under 256 bytes");
      return FALSE;
    }
  CAIRN_STORE_ATOMIC (self, error, write_anchor (self, label_id, anchor, error));
}

static gboolean
write_flag_resolved (CairnStore *self, gint64 flag_id, gboolean resolved, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "UPDATE flags SET resolved = ? WHERE id = ? RETURNING item_id", error);
  gint64 item_id = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, resolved ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, flag_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return cairn_store_fail (self, error, "reopening a flag");
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "no flag %" G_GINT64_FORMAT, flag_id);
      return FALSE;
    }
  cairn_store_note_change (self, item_id, 0);
  return cairn_store_log (self, "update", "flag", flag_id, NULL,
                          resolved ? "resolved" : "open", error);
}

gboolean
cairn_store_set_flag_resolved (CairnStore *self,
                               gint64      flag_id,
                               gboolean    resolved,
                               GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  CAIRN_STORE_ATOMIC (self, error, write_flag_resolved (self, flag_id, resolved, error));
}

const char *
cairn_note_state_to_string (CairnNoteState state)
{
  g_return_val_if_fail (state < CAIRN_N_NOTE_STATES, "open");
  return note_states[state];
}

gboolean
cairn_note_state_from_string (const char     *text,
                              CairnNoteState *state)
{
  for (guint i = 0; text && i < CAIRN_N_NOTE_STATES; i++)
    if (g_str_equal (text, note_states[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

CairnNote *
cairn_note_new (void)
{
  return g_new0 (CairnNote, 1);
}

void
cairn_note_free (CairnNote *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->body);
  g_free (self->region);
  g_free (self->answer);
  g_free (self);
}

static gboolean
check_note (const CairnNote *note, GError **error)
{
  const char *texts[] = { note->title, note->body, note->region, note->answer };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] && !g_utf8_validate (texts[i], -1, NULL))
      {
        g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                             "an edge-case note must be UTF-8 text");
        return FALSE;
      }
  if (note->title == NULL || *note->title == '\0' || note->state >= CAIRN_N_NOTE_STATES)
    {
      g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                           "an edge-case note needs a title");
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_note (CairnStore *self, CairnNote *note, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO edge_cases (guideline_version, item_id, title, body, created, state, author_id,"
    " label_id, annotation_id, region) VALUES (nullif (?, 0), nullif (?, 0), ?, ?, ?, ?,"
    " nullif (?, 0), nullif (?, 0), nullif (?, 0), ?)", error);

  if (stmt == NULL)
    return FALSE;
  note->guideline_version = cairn_store_get_guideline_version (self);
  note->created = cairn_store_now ();
  if (note->author_id == 0)
    note->author_id = self->actor;
  sqlite3_bind_int (stmt, 1, note->guideline_version);
  sqlite3_bind_int64 (stmt, 2, note->item_id);
  sqlite3_bind_text (stmt, 3, note->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, note->body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, note->created);
  sqlite3_bind_int (stmt, 6, note->state);
  sqlite3_bind_int64 (stmt, 7, note->author_id);
  sqlite3_bind_int64 (stmt, 8, note->label_id);
  sqlite3_bind_int64 (stmt, 9, note->annotation_id);
  sqlite3_bind_text (stmt, 10, note->region, -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "adding an edge-case note", error))
    return FALSE;
  note->id = sqlite3_last_insert_rowid (self->db);
  if (note->item_id)
    cairn_store_note_change (self, note->item_id, 0);
  return cairn_store_log (self, "insert", "edge_case", note->id, NULL, note->title, error);
}

gboolean
cairn_store_add_note (CairnStore *self,
                      CairnNote  *note,
                      GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && note != NULL, FALSE);
  if (!check_note (note, error))
    return FALSE;
  CAIRN_STORE_ATOMIC (self, error, insert_note (self, note, error));
}

static gboolean
write_note (CairnStore *self, const CairnNote *note, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "UPDATE edge_cases SET state = ?, answer = ?, answered_by = nullif (?, 0),"
    " promoted_version = nullif (?, 0) WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, note->state);
  sqlite3_bind_text (stmt, 2, note->answer, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, note->answered_by);
  sqlite3_bind_int (stmt, 4, note->promoted_version);
  sqlite3_bind_int64 (stmt, 5, note->id);
  if (!cairn_store_step_done (self, stmt, "updating an edge-case note", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "no edge-case note %" G_GINT64_FORMAT, note->id);
      return FALSE;
    }
  if (note->item_id)
    cairn_store_note_change (self, note->item_id, 0);
  return cairn_store_log (self, "update", "edge_case", note->id, NULL,
                          cairn_note_state_to_string (note->state), error);
}

gboolean
cairn_store_update_note (CairnStore      *self,
                         const CairnNote *note,
                         GError         **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && note != NULL && note->id > 0, FALSE);
  if (!check_note (note, error))
    return FALSE;
  CAIRN_STORE_ATOMIC (self, error, write_note (self, note, error));
}

#define NOTE_COLUMNS "id, coalesce (guideline_version, 0), coalesce (item_id, 0)," \
  " coalesce (annotation_id, 0), coalesce (label_id, 0), coalesce (author_id, 0), state," \
  " title, body, region, answer, coalesce (answered_by, 0), coalesce (promoted_version, 0)," \
  " created"

static CairnNote *
note_from_row (CairnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(CairnNote) note = cairn_note_new ();
  int state;

  note->id = sqlite3_column_int64 (stmt, 0);
  for (int column = 7; column <= 10; column++)
    if (!cairn_store_check_text_column (self, stmt, column, "edge-case note", note->id, error))
      return NULL;
  state = sqlite3_column_int (stmt, 6);
  if (state < 0 || state >= CAIRN_N_NOTE_STATES || sqlite3_column_text (stmt, 7) == NULL)
    return cairn_store_bad_row (self, error, "edge-case note", note->id,
                                "no title, or an unknown state"), NULL;
  note->guideline_version = sqlite3_column_int (stmt, 1);
  note->item_id = sqlite3_column_int64 (stmt, 2);
  note->annotation_id = sqlite3_column_int64 (stmt, 3);
  note->label_id = sqlite3_column_int64 (stmt, 4);
  note->author_id = sqlite3_column_int64 (stmt, 5);
  note->state = state;
  note->title = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  note->body = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  note->region = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  note->answer = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  note->answered_by = sqlite3_column_int64 (stmt, 11);
  note->promoted_version = sqlite3_column_int (stmt, 12);
  note->created = sqlite3_column_int64 (stmt, 13);
  return g_steal_pointer (&note);
}

CairnNote *
cairn_store_get_note (CairnStore *self,
                      gint64      id,
                      GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " NOTE_COLUMNS " FROM edge_cases WHERE id = ?", error);
  CairnNote *note = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    note = note_from_row (self, stmt, error);
  else
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                 "no edge-case note %" G_GINT64_FORMAT, id);
  sqlite3_reset (stmt);
  return note;
}

GPtrArray *
cairn_store_list_notes (CairnStore            *self,
                        const CairnNoteFilter *filter,
                        GError               **error)
{
  CairnNoteFilter any = CAIRN_NOTE_FILTER_ANY;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_note_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  if (filter == NULL)
    filter = &any;
  stmt = cairn_store_statement (self,
    "SELECT " NOTE_COLUMNS " FROM edge_cases WHERE (?1 < 0 OR state = ?1)"
    " AND (?2 = 0 OR label_id = ?2) AND (?3 = 0 OR author_id = ?3)"
    " AND (?4 = 0 OR item_id = ?4) ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->state);
  sqlite3_bind_int64 (stmt, 2, filter->label_id);
  sqlite3_bind_int64 (stmt, 3, filter->author_id);
  sqlite3_bind_int64 (stmt, 4, filter->item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CairnNote *note = note_from_row (self, stmt, error);

      if (note == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (notes, note);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cairn_store_fail (self, error, "listing edge-case notes");
      return NULL;
    }
  return g_steal_pointer (&notes);
}
