#define G_LOG_DOMAIN "cairn-store"

/* What teams keep in the project file: identity across files, assignments, packages, the
 * merge base, review decisions. The logic is in app/team/; this is only its SQL. */
#include <glib/gstdio.h>

#include "cairn-store-private.h"
#include "cairn-store-team.h"

void
cairn_review_free (CairnReview *self)
{
  if (self == NULL)
    return;
  g_free (self->state);
  g_free (self->comment);
  g_free (self);
}

char *
cairn_store_dup_instance (CairnStore *self)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), NULL);
  return cairn_store_dup_meta (self, "instance");
}

/* "DEVICE:INODE" of the file: cp, a download or a second laptop make another; a rename does
 * not. NULL when there is no file to ask (":memory:"). */
static char *
dup_file_identity (CairnStore *self)
{
  GStatBuf st;

  if (g_stat (cairn_store_get_path (self), &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

/* The rows made so far keep their identity ("INSTANCE/ID" written out as their uid); rows made
 * from now on take the new instance's. */
static gboolean
take_new_instance (CairnStore *self, const char *file, GError **error)
{
  return cairn_store_exec (self,
           "UPDATE annotations SET uid = (SELECT value FROM meta WHERE key = 'instance')"
           " || '/' || id WHERE uid IS NULL;"
           "UPDATE meta SET value = lower (hex (randomblob (16))) WHERE key = 'instance';",
           error)
         && cairn_store_set_meta (self, "file", file, error);
}

gboolean
cairn_store_claim_instance (CairnStore *self,
                            GError    **error)
{
  g_autofree char *file = dup_file_identity (self);
  g_autofree char *seen = cairn_store_dup_meta (self, "file");

  if (file == NULL || g_strcmp0 (file, seen) == 0)
    return TRUE;
  /* A file from before the check, or a new one: this is the original. */
  if (seen == NULL)
    return cairn_store_set_meta (self, "file", file, error);
  CAIRN_STORE_ATOMIC (self, error, take_new_instance (self, file, error));
}

char *
cairn_store_dup_annotation_uid (CairnStore            *self,
                                const CairnAnnotation *annotation)
{
  g_autofree char *instance = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && annotation != NULL, NULL);
  if (annotation->uid)
    return g_strdup (annotation->uid);
  instance = cairn_store_dup_instance (self);
  return g_strdup_printf ("%s/%" G_GINT64_FORMAT, instance ? instance : "", annotation->id);
}

/* "INSTANCE/ID" of this file: the row id, when that row has no uid of its own. */
static gint64
native_id (CairnStore *self, const char *uid)
{
  g_autofree char *instance = cairn_store_dup_instance (self);
  gsize n = instance ? strlen (instance) : 0;
  const char *digits;
  guint64 id;

  if (n == 0 || strncmp (uid, instance, n) != 0 || uid[n] != '/')
    return 0;
  digits = uid + n + 1;
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return (gint64) id;
}

gint64
cairn_store_find_annotation_uid (CairnStore *self,
                                 const char *uid,
                                 gint64     *item_id,
                                 gboolean   *deleted,
                                 GError    **error)
{
  gint64 native = native_id (self, uid);
  sqlite3_stmt *stmt = cairn_store_statement (self, native
    ? "SELECT id, deleted, item_id FROM annotations WHERE id = ?2 AND uid IS NULL"
    : "SELECT id, deleted, item_id FROM annotations WHERE uid = ?1 ORDER BY deleted LIMIT 1",
    error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (native)
    sqlite3_bind_int64 (stmt, 2, native);
  else
    sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (deleted)
        *deleted = sqlite3_column_int (stmt, 1) != 0;
      if (item_id)
        *item_id = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return id;
}

char *
cairn_store_dup_annotator_role (CairnStore *self,
                                gint64      annotator_id)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT role FROM annotators WHERE id = ?", NULL);
  char *role = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotator_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return role;
}

static gboolean
update_role (CairnStore *self, gint64 annotator_id, const char *role, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "UPDATE annotators SET role = ? WHERE id = ?", error);
  g_autofree char *after = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, annotator_id);
  if (!cairn_store_step_done (self, stmt, "changing a role", error))
    return FALSE;
  after = g_strdup_printf ("{\"role\":\"%s\"}", role);
  return cairn_store_log (self, "update", "annotator", annotator_id, NULL, after, error);
}

gboolean
cairn_store_set_annotator_role (CairnStore *self,
                                gint64      annotator_id,
                                const char *role,
                                GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  if (!g_strv_contains ((const char *[]) { "annotator", "reviewer", "admin", NULL }, role))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "“%s” is not a role (annotator, reviewer or admin)", role);
      return FALSE;
    }
  CAIRN_STORE_ATOMIC (self, error, update_role (self, annotator_id, role, error));
}

static gboolean
write_assignments (CairnStore *self, GArray *assignments, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 now = cairn_store_now ();
  g_autofree char *after = NULL;

  if (!cairn_store_exec (self, "DELETE FROM assignments", error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "INSERT INTO assignments (item_id, annotator_id, position, overlap, created)"
    " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < assignments->len; i++)
    {
      const CairnAssignment *a = &g_array_index (assignments, CairnAssignment, i);

      sqlite3_bind_int64 (stmt, 1, a->item_id);
      sqlite3_bind_int64 (stmt, 2, a->annotator_id);
      sqlite3_bind_int (stmt, 3, a->position);
      sqlite3_bind_int (stmt, 4, a->overlap ? 1 : 0);
      sqlite3_bind_int64 (stmt, 5, now);
      if (!cairn_store_step_done (self, stmt, "assigning an item", error))
        return FALSE;
    }
  /* One row for the whole plan: the assignments table itself is what it was. */
  after = g_strdup_printf ("{\"assignments\":%u}", assignments->len);
  return cairn_store_log (self, "replace", "assignments", 0, NULL, after, error);
}

gboolean
cairn_store_replace_assignments (CairnStore *self,
                                 GArray     *assignments,
                                 GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && assignments != NULL, FALSE);
  CAIRN_STORE_ATOMIC (self, error, write_assignments (self, assignments, error));
}

GArray *
cairn_store_list_assigned_items (CairnStore *self,
                                 gint64      annotator_id,
                                 GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT item_id FROM assignments WHERE annotator_id = ? ORDER BY position, item_id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, annotator_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

GArray *
cairn_store_list_assignments (CairnStore *self,
                              GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT item_id, annotator_id, position, overlap FROM assignments"
    " ORDER BY annotator_id, position, item_id", error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CairnAssignment));

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnAssignment a = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
      };
      g_array_append_val (rows, a);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

gint64
cairn_store_next_in_queue (CairnStore *self,
                           gint64      annotator_id,
                           gint64      after_item_id,
                           GError    **error)
{
  /* After the current item's place in the queue; from the start when it has none. */
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT a.item_id FROM assignments a JOIN items i ON i.id = a.item_id"
    " WHERE a.annotator_id = ?1 AND i.state IN (?3, ?4, ?5)"
    "  AND a.position > coalesce ((SELECT position FROM assignments"
    "                              WHERE annotator_id = ?1 AND item_id = ?2), -1)"
    " ORDER BY a.position LIMIT 1", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, annotator_id);
  sqlite3_bind_int64 (stmt, 2, after_item_id);
  sqlite3_bind_int (stmt, 3, CAIRN_STATE_NEW);
  sqlite3_bind_int (stmt, 4, CAIRN_STATE_IN_PROGRESS);
  sqlite3_bind_int (stmt, 5, CAIRN_STATE_REJECTED);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* ---- Packages ---- */

/* A path from the folder `from` to `to` (both absolute), with ".." where they part. */
static char *
relative_between (const char *from, const char *to)
{
  g_auto(GStrv) a = g_strsplit (from, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) b = g_strsplit (to, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint common = 0, n_a = g_strv_length (a);

  while (a[common] && b[common] && g_str_equal (a[common], b[common]))
    common++;
  if (common <= 1)
    return g_strdup (to);
  for (guint i = common; i < n_a; i++)
    if (*a[i])
      g_ptr_array_add (parts, "..");
  for (guint i = common; b[i]; i++)
    g_ptr_array_add (parts, b[i]);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static gboolean
exec_bound (CairnStore *self, const char *sql, const char *text, gint64 number, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return cairn_store_fail (self, error, "writing a package");
  if (text)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (number)
    sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return cairn_store_fail (self, error, "writing a package");
  return TRUE;
}

/* Same schema on both sides (this build made the package), so whole rows copy as they are. */
static const char *const package_copies[] = {
  "INSERT INTO package.annotators SELECT * FROM main.annotators",
  "INSERT INTO package.labels SELECT * FROM main.labels",
  "INSERT INTO package.guidelines SELECT * FROM main.guidelines",
  "INSERT INTO package.guideline_images SELECT * FROM main.guideline_images",
  "INSERT INTO package.items SELECT * FROM main.items WHERE id IN temp.package_items",
  "INSERT INTO package.media SELECT * FROM main.media WHERE item_id IN temp.package_items",
  "INSERT INTO package.edge_cases SELECT * FROM main.edge_cases"
  " WHERE item_id IS NULL OR item_id IN temp.package_items",
  "INSERT INTO package.annotations SELECT * FROM main.annotations"
  " WHERE deleted = 0 AND item_id IN temp.package_items",
  "INSERT OR REPLACE INTO package.meta SELECT * FROM main.meta"
  " WHERE key NOT IN ('instance', 'name', 'file') AND key NOT LIKE 'package.%'",
};

static gboolean
fill_item_set (CairnStore *self, GArray *item_ids, GError **error)
{
  sqlite3_stmt *stmt;

  if (!cairn_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS package_items"
                               " (id INTEGER PRIMARY KEY); DELETE FROM temp.package_items", error))
    return FALSE;
  stmt = cairn_store_statement (self, "INSERT OR IGNORE INTO temp.package_items VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < item_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (item_ids, gint64, i));
      if (!cairn_store_step_done (self, stmt, "choosing a package's items", error))
        return FALSE;
    }
  return TRUE;
}

/* Media by reference: the same file, named from the package's folder; embedded: the bytes,
 * checked against the SHA-256 the import recorded. */
static gboolean
package_media (CairnStore *self, GArray *item_ids, const char *pkg_dir, gboolean embed,
               GError **error)
{
  for (guint i = 0; i < item_ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (self, g_array_index (item_ids, gint64, i),
                                                        error);
      g_autofree char *path = NULL, *uri = NULL;

      if (item == NULL)
        return FALSE;
      if (item->uri == NULL)
        continue;
      if (embed)
        {
          g_autoptr(GBytes) bytes = cairn_store_load_verified_media (self, item, error);
          sqlite3_stmt *stmt;

          if (bytes == NULL)
            return FALSE;
          stmt = cairn_store_statement (self, "INSERT OR IGNORE INTO package.media (item_id, data)"
                                              " VALUES (?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, item->id);
          sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               SQLITE_STATIC);
          if (!cairn_store_step_done (self, stmt, "embedding media in a package", error))
            return FALSE;
          continue;
        }
      path = cairn_store_resolve_uri (self, item->uri);
      uri = relative_between (pkg_dir, path);
      if (!exec_bound (self, "UPDATE package.items SET uri = ?1 WHERE id = ?2", uri, item->id,
                       error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
package_meta (CairnStore *self, const char *key, const char *value, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO package.meta (key, value)"
                                          " VALUES ('%s', ?1)", key);

  return exec_bound (self, sql, value, 0, error);
}

static gboolean
copy_into_package (CairnStore *self, GArray *item_ids, const char *pkg_dir, const char *annotator,
                   gboolean embed, GError **error)
{
  g_autofree char *instance = cairn_store_dup_instance (self);

  if (!cairn_store_exec (self, "PRAGMA defer_foreign_keys = ON", error)
      || !fill_item_set (self, item_ids, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (package_copies); i++)
    if (!cairn_store_exec (self, package_copies[i], error))
      return FALSE;
  /* Copied rows keep the identity they have here. */
  if (!exec_bound (self, "UPDATE package.annotations SET uid = ?1 || '/' || id WHERE uid IS NULL",
                   instance, 0, error)
      || !exec_bound (self, "INSERT INTO package.assignments SELECT * FROM main.assignments"
                            " WHERE item_id IN temp.package_items AND annotator_id ="
                            " (SELECT id FROM main.annotators WHERE name = ?1)",
                      annotator, 0, error)
      || !package_meta (self, "package.annotator", annotator, error)
      || !package_meta (self, "package.source-instance", instance, error)
      || !package_meta (self, "package.source", self->path, error))
    return FALSE;
  return package_media (self, item_ids, pkg_dir, embed, error);
}

static void
remove_package_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

gboolean
cairn_store_write_package (CairnStore *self,
                           const char *path,
                           GArray     *item_ids,
                           const char *annotator,
                           gboolean    embed,
                           GError    **error)
{
  g_autofree char *name = NULL, *title = NULL, *pkg_dir = NULL;
  g_autoptr(CairnStore) package = NULL;
  gboolean ok;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && path && item_ids && annotator, FALSE);
  if (self->depth > 0)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED,
                   "%s: a package cannot be written inside a transaction", self->path);
      return FALSE;
    }
  /* The ordinary way first: schema, WAL, its own instance id. */
  name = cairn_store_dup_name (self);
  title = g_strdup_printf ("%s — %s", name, annotator);
  package = cairn_store_create (path, title, error);
  if (package == NULL)
    return FALSE;
  pkg_dir = g_path_get_dirname (cairn_store_get_path (package));
  g_clear_object (&package);
  if (!exec_bound (self, "ATTACH ?1 AS package", path, 0, error))
    {
      remove_package_file (path);
      return FALSE;
    }
  ok = cairn_store_begin (self, error);
  if (ok && !copy_into_package (self, item_ids, pkg_dir, annotator, embed, error))
    {
      cairn_store_rollback (self);
      ok = FALSE;
    }
  else if (ok)
    ok = cairn_store_commit (self, error);
  /* Detached either way; a failure to detach after a good copy is still a failure. */
  if (!cairn_store_exec (self, "DETACH package", ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    {
      g_prefix_error (error, "%s: ", path);
      remove_package_file (path);
    }
  return ok;
}

GHashTable *
cairn_store_list_package_base (CairnStore *self,
                               const char *package,
                               GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT uid, digest FROM package_base WHERE package = ?", error);
  g_autoptr(GHashTable) base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, package, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (base, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  return g_steal_pointer (&base);
}

gboolean
cairn_store_set_package_base (CairnStore *self,
                              const char *package,
                              const char *uid,
                              const char *digest,
                              GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT OR REPLACE INTO package_base (package, uid, digest) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, package, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, digest, -1, SQLITE_STATIC);
  return cairn_store_step_done (self, stmt, "recording a merge base", error);
}

/* ---- Reviews ---- */

static gboolean
insert_review (CairnStore *self, gint64 item_id, const char *state, const char *comment,
               gint64 *id, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO reviews (item_id, reviewer_id, state, comment, at) VALUES (?, ?, ?, ?, ?)",
    error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *after = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (self->actor)
    sqlite3_bind_int64 (stmt, 2, self->actor);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, comment, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, cairn_store_now ());
  if (!cairn_store_step_done (self, stmt, "recording a review", error))
    {
      g_prefix_error (error, "item %" G_GINT64_FORMAT ": ", item_id);
      return FALSE;
    }
  *id = sqlite3_last_insert_rowid (self->db);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, item_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  if (comment)
    {
      json_builder_set_member_name (b, "comment");
      json_builder_add_string_value (b, comment);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  after = json_to_string (root, FALSE);
  cairn_store_note_change (self, item_id, 0);
  return cairn_store_log (self, "insert", "review", *id, NULL, after, error);
}

gint64
cairn_store_add_review (CairnStore *self,
                        gint64      item_id,
                        const char *state,
                        const char *comment,
                        GError    **error)
{
  gint64 id = 0;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && state != NULL, 0);
  if (comment && !g_utf8_validate (comment, -1, NULL))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "item %" G_GINT64_FORMAT ": the comment is not UTF-8", item_id);
      return 0;
    }
  if (!cairn_store_begin (self, error))
    return 0;
  if (!insert_review (self, item_id, state, comment, &id, error))
    {
      cairn_store_rollback (self);
      return 0;
    }
  return cairn_store_commit (self, error) ? id : 0;
}

GPtrArray *
cairn_store_list_reviews (CairnStore *self,
                          gint64      item_id,
                          GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, item_id
    ? "SELECT id, item_id, reviewer_id, state, comment, at FROM reviews WHERE item_id = ?"
      " ORDER BY id"
    : "SELECT id, item_id, reviewer_id, state, comment, at FROM reviews ORDER BY id", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_review_free);

  if (stmt == NULL)
    return NULL;
  if (item_id)
    sqlite3_bind_int64 (stmt, 1, item_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnReview *r = g_new0 (CairnReview, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->item_id = sqlite3_column_int64 (stmt, 1);
      r->reviewer_id = sqlite3_column_int64 (stmt, 2);
      if (!cairn_store_check_text_column (self, stmt, 3, "review", r->id, error)
          || !cairn_store_check_text_column (self, stmt, 4, "review", r->id, error))
        {
          cairn_review_free (r);
          sqlite3_reset (stmt);
          return NULL;
        }
      r->state = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      r->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      r->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (rows, r);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

GPtrArray *
cairn_store_list_item_history (CairnStore *self,
                               gint64      item_id,
                               guint       limit,
                               GError    **error)
{
  /* Lookups on the (target, row_id) index, not a scan of the whole history. A bulk import's
   * summary row names only its first id: it is about no item in particular. */
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id, at, annotator_id, action, target, row_id, before, after FROM history"
    " WHERE action != 'insert-bulk' AND ((target = 'item' AND row_id = ?1)"
    "  OR (target = 'annotation' AND row_id IN (SELECT id FROM annotations WHERE item_id = ?1))"
    "  OR (target = 'review' AND row_id IN (SELECT id FROM reviews WHERE item_id = ?1)))"
    " ORDER BY id DESC LIMIT ?2", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_history_entry_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, limit ? limit : G_MAXINT64);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, cairn_store_history_from_row (stmt));
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

CairnHistoryEntry *
cairn_store_get_history_entry (CairnStore *self,
                               gint64      id,
                               GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id, at, annotator_id, action, target, row_id, before, after FROM history"
    " WHERE id = ?", error);
  CairnHistoryEntry *entry = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = cairn_store_history_from_row (stmt);
  else
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                 "no history entry %" G_GINT64_FORMAT, id);
  sqlite3_reset (stmt);
  return entry;
}
