#define G_LOG_DOMAIN "cairn-store"

#include <sqlite3.h>

#include "cairn-store.h"
#include "cairn-store-private.h"
#include "cairn-store-schema.h"

/* "CARN": marks SQLite files as Cairn projects. */
#define CAIRN_APPLICATION_ID 0x4341524e

G_STATIC_ASSERT (G_N_ELEMENTS (cairn_store_migrations) == CAIRN_STORE_SCHEMA_VERSION);

G_DEFINE_FINAL_TYPE (CairnStore, cairn_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cairn-store-error-quark, cairn_store_error)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
array_has (GArray *ids, gint64 id)
{
  for (guint i = 0; ids && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
add_once (GArray *ids, gint64 id)
{
  if (id != 0 && !array_has (ids, id))
    g_array_append_val (ids, id);
}

gboolean
cairn_store_change_has_item (const CairnStoreChange *change,
                             gint64                  item_id)
{
  g_return_val_if_fail (change != NULL, FALSE);
  return change->everything || array_has (change->items, item_id);
}

gboolean
cairn_store_change_has_annotation (const CairnStoreChange *change,
                                   gint64                  annotation_id)
{
  g_return_val_if_fail (change != NULL, FALSE);
  return change->everything || array_has (change->annotations, annotation_id);
}

static void
clear_pending (CairnStore *self)
{
  g_array_set_size (self->pending.items, 0);
  g_array_set_size (self->pending.annotations, 0);
  self->pending.labels = FALSE;
  self->pending.everything = FALSE;
}

void
cairn_store_note_change (CairnStore *self,
                         gint64      item_id,
                         gint64      annotation_id)
{
  /* An import touching a million rows is one "reload", not a million ids. */
  if (self->bulk || self->pending.everything || self->pending.annotations->len >= 1024
      || self->pending.items->len >= 1024)
    {
      self->pending.everything = TRUE;
      return;
    }
  add_once (self->pending.items, item_id);
  add_once (self->pending.annotations, annotation_id);
}

static void
emit_pending (CairnStore *self)
{
  CairnStoreChange change;

  if (self->pending.items->len == 0 && self->pending.annotations->len == 0
      && !self->pending.labels && !self->pending.everything)
    return;
  /* Listeners may write again: hand them a copy and start afresh. */
  change.items = g_array_copy (self->pending.items);
  change.annotations = g_array_copy (self->pending.annotations);
  change.labels = self->pending.labels;
  change.everything = self->pending.everything;
  clear_pending (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, &change);
  g_array_unref (change.items);
  g_array_unref (change.annotations);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
cairn_store_finalize (GObject *object)
{
  CairnStore *self = CAIRN_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->label_kinds, g_hash_table_unref);
  g_clear_pointer (&self->bulk_counts, g_hash_table_unref);
  g_clear_pointer (&self->pending.items, g_array_unref);
  g_clear_pointer (&self->pending.annotations, g_array_unref);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->dir);
  G_OBJECT_CLASS (cairn_store_parent_class)->finalize (object);
}

static void
cairn_store_class_init (CairnStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_store_finalize;

  /* A transaction committed; the CairnStoreChange says what it changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
cairn_store_init (CairnStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
  self->label_kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->guideline_version = -1;
  self->pending.items = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending.annotations = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
cairn_store_forget_cache (CairnStore *self)
{
  g_hash_table_remove_all (self->label_kinds);
  self->guideline_version = -1;
}

gboolean
cairn_store_fail (CairnStore *self,
                  GError    **error,
                  const char *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  CairnStoreError kind = CAIRN_STORE_ERROR_FAILED;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    kind = CAIRN_STORE_ERROR_CORRUPT;
  else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    kind = CAIRN_STORE_ERROR_EXISTS;
  g_set_error (error, CAIRN_STORE_ERROR, kind, "%s: %s: %s", self->path, what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

/* Statements are prepared once and kept; the SQL literal itself is the cache key. */
sqlite3_stmt *
cairn_store_statement (CairnStore *self,
                       const char *sql,
                       GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
          != SQLITE_OK)
        {
          cairn_store_fail (self, error, "preparing a statement");
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
cairn_store_step_done (CairnStore   *self,
                       sqlite3_stmt *stmt,
                       const char   *what,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return cairn_store_fail (self, error, what);
  return TRUE;
}

gboolean
cairn_store_exec (CairnStore *self,
                  const char *sql,
                  GError    **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return cairn_store_fail (self, error, "executing");
  return TRUE;
}

static gint64
pragma_int (CairnStore *self, const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gint64
cairn_store_now (void)
{
  return g_get_real_time ();
}

/* A copy of the file as it was, before a migration touches it. */
static gboolean
backup (CairnStore *self, gint64 version, GError **error)
{
  g_autofree char *target = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".bak", self->path, version);
  sqlite3 *dest = NULL;
  sqlite3_backup *copy;
  int rc;

  if (sqlite3_open (target, &dest) != SQLITE_OK)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED,
                   "%s: cannot write the backup before migrating", target);
      sqlite3_close (dest);
      return FALSE;
    }
  copy = sqlite3_backup_init (dest, "main", self->db, "main");
  rc = copy ? sqlite3_backup_step (copy, -1) : SQLITE_ERROR;
  sqlite3_backup_finish (copy);
  sqlite3_close (dest);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED,
                   "%s: backup before migrating failed", target);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (CairnStore *self, GError **error)
{
  gint64 version = pragma_int (self, "user_version");
  gint64 app_id = pragma_int (self, "application_id");

  if (version > CAIRN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_TOO_NEW,
                   "%s: written by a newer Cairn (schema %" G_GINT64_FORMAT ", this one reads up to %d)",
                   self->path, version, CAIRN_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version > 0 && app_id != CAIRN_APPLICATION_ID)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT,
                   "%s: not a Cairn project", self->path);
      return FALSE;
    }
  if (version == CAIRN_STORE_SCHEMA_VERSION)
    return TRUE;
  if (version > 0 && !backup (self, version, error))
    return FALSE;
  if (!cairn_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (; version < CAIRN_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT,
                                               version + 1);
      if (!cairn_store_exec (self, cairn_store_migrations[version], error)
          || !cairn_store_exec (self, bump, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  {
    g_autofree char *app = g_strdup_printf ("PRAGMA application_id = %d", CAIRN_APPLICATION_ID);
    if (!cairn_store_exec (self, app, error) || !cairn_store_exec (self, "COMMIT", error))
      {
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return FALSE;
      }
  }
  return TRUE;
}

typedef enum { OPEN_CREATE, OPEN_WRITE, OPEN_READ } OpenMode;

/* Only a file init made is a project: any other SQLite file (or an empty one) is refused
 * before anything is written to it, so opening never converts a file. */
static gboolean
check_identity (CairnStore *self, OpenMode mode, GError **error)
{
  gint64 app_id, version;

  /* Reads the header: a damaged or foreign file fails here. */
  if (!cairn_store_exec (self, "SELECT 1 FROM sqlite_master LIMIT 1", error))
    return FALSE;
  app_id = pragma_int (self, "application_id");
  version = pragma_int (self, "user_version");
  if (app_id != CAIRN_APPLICATION_ID || version <= 0)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT,
                   "%s: not a Cairn project (%s); it was left as it is", self->path,
                   app_id == 0 && version == 0 && pragma_int (self, "page_count") == 0
                     ? "an empty file" : "another program's SQLite file");
      return FALSE;
    }
  if (mode == OPEN_READ && version < CAIRN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED,
                   "%s: written by an older Cairn (schema %" G_GINT64_FORMAT "); open it once "
                   "for writing to bring it up to date", self->path, version);
      return FALSE;
    }
  return TRUE;
}

static CairnStore *
open_path (const char *path, OpenMode mode, GError **error)
{
  g_autoptr(CairnStore) self = g_object_new (CAIRN_TYPE_STORE, NULL);
  int flags = mode == OPEN_READ ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | (mode == OPEN_CREATE ? SQLITE_OPEN_CREATE
                                                                               : 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* ":memory:" is SQLite's name for a project that lives only in memory (tests, fuzzing). */
  self->path = g_str_equal (path, ":memory:") ? g_strdup (path) : g_file_get_path (file);
  self->dir = g_str_equal (path, ":memory:") ? g_get_current_dir () : g_path_get_dirname (self->path);
  if (sqlite3_open_v2 (self->path, &self->db, flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED, "%s: out of memory", path);
      else
        cairn_store_fail (self, error, "cannot open");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  if (mode == OPEN_READ && (sqlite3_exec (self->db, "SELECT 1 FROM sqlite_master LIMIT 1", NULL,
                                          NULL, NULL) & 0xff) == SQLITE_READONLY)
    {
      /* A WAL file in a folder we cannot write: no -shm can be made, and nobody else can be
       * writing it either, so it is read as an immutable file. */
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

      sqlite3_close (self->db);
      self->db = NULL;
      if (sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
        return cairn_store_fail (self, error, "cannot open"), NULL;
    }
  if (mode != OPEN_CREATE && !check_identity (self, mode, error))
    return NULL;
  if (mode == OPEN_READ)
    {
      /* The file is in WAL mode already; nothing here may write. */
      if (!cairn_store_exec (self, "PRAGMA query_only = ON", error)
          || !cairn_store_exec (self, "PRAGMA foreign_keys = ON", error)
          || !cairn_store_set_bulk (self, FALSE, error)
          || !migrate (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }
  if (!cairn_store_exec (self, "PRAGMA journal_mode = WAL", error)
      || !cairn_store_exec (self, "PRAGMA foreign_keys = ON", error)
      /* In WAL mode NORMAL syncs at checkpoints, not at every commit: a committed
       * transaction is in the OS's hands when COMMIT returns, so killing the application
       * loses nothing; only an OS crash or power cut can lose the last few (HACKING.md). */
      || !cairn_store_exec (self, "PRAGMA synchronous = NORMAL", error)
      || !cairn_store_set_bulk (self, FALSE, error)
      || !migrate (self, error)
      || !cairn_store_claim_instance (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

CairnStore *
cairn_store_create (const char *path,
                    const char *name,
                    GError    **error)
{
  g_autoptr(CairnStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS, "%s: already exists", path);
      return NULL;
    }
  self = open_path (path, OPEN_CREATE, error);
  if (self == NULL)
    return NULL;
  if (!cairn_store_set_meta (self, "application", "cairn", error)
      || !cairn_store_set_meta (self, "name", name ? name : "", error))
    return NULL;
  return g_steal_pointer (&self);
}

static CairnStore *
open_existing (const char *path, OpenMode mode, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "%s: no such project file", path);
      return NULL;
    }
  return open_path (path, mode, error);
}

CairnStore *
cairn_store_open (const char *path,
                  GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_existing (path, OPEN_WRITE, error);
}

CairnStore *
cairn_store_open_readonly (const char *path,
                           GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_existing (path, OPEN_READ, error);
}

const char *
cairn_store_get_path (CairnStore *self)
{
  return self->path;
}

char *
cairn_store_dup_name (CairnStore *self)
{
  char *name = cairn_store_dup_meta (self, "name");

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_path_get_basename (self->path);
      if (g_str_has_suffix (name, ".cairn"))
        name[strlen (name) - strlen (".cairn")] = '\0';
    }
  return name;
}

gboolean
cairn_store_check_integrity (CairnStore *self,
                             GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, "PRAGMA integrity_check", error);
  g_autoptr(GString) problems = g_string_new (NULL);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (row, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", row);
    }
  sqlite3_reset (stmt);
  if (problems->len)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT, "%s: %s", self->path,
                   problems->str);
      return FALSE;
    }
  return TRUE;
}

char *
cairn_store_relative_uri (CairnStore *self,
                          const char *path)
{
  g_autoptr(GFile) base = g_file_new_for_path (self->dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *relative = g_file_get_relative_path (base, file);

  return relative ? relative : g_file_get_path (file);
}

char *
cairn_store_resolve_uri (CairnStore *self,
                         const char *uri)
{
  if (uri == NULL)
    return NULL;
  if (g_path_is_absolute (uri))
    return g_strdup (uri);
  return g_build_filename (self->dir, uri, NULL);
}

char *
cairn_store_dup_meta (CairnStore *self,
                      const char *key)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
cairn_store_set_meta (CairnStore *self,
                      const char *key,
                      const char *value,
                      GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?2",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return cairn_store_step_done (self, stmt, "writing project settings", error);
}

gboolean
cairn_store_begin (CairnStore *self,
                   GError    **error)
{
  if (self->depth == 0 && !cairn_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
cairn_store_commit (CairnStore *self,
                    GError    **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth == 1)
    {
      if (!self->failed && !cairn_store_bulk_flush (self, error))
        {
          cairn_store_rollback (self);
          return FALSE;
        }
      if (self->failed)
        {
          cairn_store_rollback (self);
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED,
                       "%s: an inner step failed; nothing was written", self->path);
          return FALSE;
        }
      if (!cairn_store_exec (self, "COMMIT", error))
        {
          cairn_store_rollback (self);
          return FALSE;
        }
      self->depth = 0;
      emit_pending (self);
      return TRUE;
    }
  self->depth--;
  return TRUE;
}

void
cairn_store_rollback (CairnStore *self)
{
  g_return_if_fail (self->depth > 0);
  /* An inner rollback dooms the outer transaction: SQLite has no nested BEGIN. */
  if (self->depth > 1)
    {
      self->failed = TRUE;
      self->depth--;
      return;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->failed = FALSE;
  self->depth = 0;
  clear_pending (self);
  cairn_store_bulk_reset (self);
  cairn_store_forget_cache (self);
}

void
cairn_store_set_actor (CairnStore *self,
                       gint64      annotator_id)
{
  self->actor = annotator_id;
}

gint64
cairn_store_get_actor (CairnStore *self)
{
  return self->actor;
}

gboolean
cairn_store_log (CairnStore *self,
                 const char *action,
                 const char *target,
                 gint64      row_id,
                 const char *before,
                 const char *after,
                 GError    **error)
{
  sqlite3_stmt *stmt;

  if (g_str_equal (target, "label"))
    self->pending.labels = TRUE;
  else if (g_str_equal (target, "item"))
    cairn_store_note_change (self, row_id, 0);
  if (g_str_equal (action, "insert") && cairn_store_bulk_tally (self, target, row_id))
    return TRUE;
  stmt = cairn_store_statement (self,
    "INSERT INTO history (at, annotator_id, action, target, row_id, before, after, edit_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cairn_store_now ());
  if (self->actor)
    sqlite3_bind_int64 (stmt, 2, self->actor);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, target, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, row_id);
  sqlite3_bind_text (stmt, 6, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, after, -1, SQLITE_STATIC);
  if (self->edit_id)
    sqlite3_bind_int64 (stmt, 8, self->edit_id);
  return cairn_store_step_done (self, stmt, "writing history", error);
}

CairnHistoryEntry *
cairn_store_history_from_row (sqlite3_stmt *stmt)
{
  CairnHistoryEntry *e = g_new0 (CairnHistoryEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->at = sqlite3_column_int64 (stmt, 1);
  e->annotator_id = sqlite3_column_int64 (stmt, 2);
  e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  e->target = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  e->row_id = sqlite3_column_int64 (stmt, 5);
  e->before = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  e->after = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return e;
}

GPtrArray *
cairn_store_list_history (CairnStore *self,
                          guint       limit,
                          GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id, at, annotator_id, action, target, row_id, before, after FROM history"
    " ORDER BY id DESC LIMIT ?", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_history_entry_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit ? limit : G_MAXINT64);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, cairn_store_history_from_row (stmt));
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}
