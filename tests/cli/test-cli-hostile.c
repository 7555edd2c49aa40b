/* Issue 16 through the real `cairn` binary: files that are not projects, read-only folders,
 * `cairn check`, empty annotator names and escape sequences in names. */
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static const char *cairn_path;

static void
become_nobody (gpointer data)
{
  /* 65534: nobody and nogroup on Debian. */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (99);
}

static int
run_as (gboolean nobody, char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) cairn_path);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                nobody ? become_nobody : NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("cairn %s → %s%s", first, out ? *out : "", err ? *err : "");
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

#define run(...) run_as (FALSE, __VA_ARGS__)

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static gint64
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Finding 6: `cairn info` turned any SQLite file (or a 0-byte one) into a project. */
static void
test_not_a_project (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-cli-hostile-XXXXXX", NULL);
  g_autofree char *foreign = g_build_filename (dir, "firefox.sqlite", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.cairn", NULL);
  g_autofree char *before = NULL, *after = NULL, *err = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE moz_places (url TEXT);"
                                 "INSERT INTO moz_places VALUES ('https://example.org')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_of (foreign);
  for (guint i = 0; i < 3; i++)
    {
      const char *command = (const char *[]) { "info", "export", "check" }[i];

      g_assert_cmpint (i == 1 ? run (NULL, &err, command, foreign, "--format", "coco", "--out",
                                     dir, NULL)
                              : run (NULL, &err, command, foreign, NULL), ==, 1);
      g_assert_nonnull (strstr (err, "not a Cairn project"));
      g_clear_pointer (&err, g_free);
    }
  g_assert_cmpint (run (NULL, &err, "import", foreign, "--format", "folder", dir, NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  after = checksum_of (foreign);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (user_version (foreign), ==, 0);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (run (NULL, &err, "info", empty, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "an empty file"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "labels", empty, "add", "x", NULL), ==, 1);
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (empty, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "");
}

/* Finding 6: in a read-only folder even `info` failed ("attempt to write a readonly
 * database"). Read-only commands now open read-only. Needs root, to become nobody. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-cli-hostile-XXXXXX", NULL);
  g_autofree char *ro = g_build_filename (dir, "ro", NULL);
  g_autofree char *project = g_build_filename (ro, "p.cairn", NULL);
  g_autofree char *out = NULL, *err = NULL, *before = NULL, *after = NULL;
  g_autofree char *export_dir = g_build_filename (dir, "out", NULL);

  if (getuid () != 0)
    {
      g_test_skip ("needs root to run a command as nobody");
      return;
    }
  g_mkdir (ro, 0755);
  g_assert_cmpint (run (NULL, NULL, "init", project, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "labels", project, "add", "cat", NULL), ==, 0);
  before = checksum_of (project);
  g_chmod (dir, 0777);
  g_chmod (project, 0444);
  g_chmod (ro, 0555);
  g_assert_cmpint (run_as (TRUE, &out, &err, "info", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Labels"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_as (TRUE, &out, &err, "labels", project, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "cat"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_as (TRUE, &out, &err, "check", project, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_as (TRUE, &out, &err, "export", project, "--format", "cairn", "--out",
                           export_dir, NULL), ==, 0);
  after = checksum_of (project);
  g_assert_cmpstr (before, ==, after);
}

/* `cairn check` lists every bad row, names it, and exits 1. */
static void
test_check (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-cli-hostile-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "p.cairn", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  JsonArray *problems;

  g_assert_cmpint (run (NULL, NULL, "init", project, NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "check", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 problems"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sqlite3_open (project, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO items (id, kind, text, created) VALUES (1, 1, 'hello', 0);"
    "INSERT INTO items (id, kind, uri, created, split) VALUES (2, 0, 'a.png', 0, '../up');"
    "INSERT INTO annotations (id, item_id, kind, geometry, created, updated)"
    " VALUES (1, 1, 12, '[0, 99]', 0, 0), (2, 2, 1, '[1]', 0, 0), (3, 2, 99, NULL, 0, 0),"
    " (4, 1, 13, '[1, 77]', 0, 0), (5, 1, 1, '[1, 2, 3, 4]', 0, 0);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (run (&out, NULL, "check", project, "--json", NULL), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  problems = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "problems");
  /* item 2's split, annotations 1 (past the text), 3 (kind), 4 (relation), 5 (box on text);
   * annotation 2 sits on item 2, which cannot be read. */
  g_assert_cmpuint (json_array_get_length (problems), >=, 5);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    g_test_message ("%s", json_array_get_string_element (problems, i));
  g_assert_nonnull (strstr (out, "annotation 3: unknown kind"));
  g_assert_nonnull (strstr (out, "past the end of its text"));
}

/* Finding 7 and 10: an empty --annotator crashed import and export; escape sequences in file
 * names reached the terminal. */
static void
test_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-cli-hostile-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "p.cairn", NULL);
  g_autofree char *media = g_build_filename (dir, "media", NULL);
  g_autofree char *bad = g_build_filename (media, "\x1b]0;owned\x07\x1b[31mred.png", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_mkdir (media, 0755);
  g_assert_true (g_file_set_contents (bad, "not a png", -1, NULL));
  g_assert_cmpint (run (NULL, NULL, "init", project, NULL), ==, 0);
  g_assert_cmpint (run (&out, &err, "import", project, "--format", "folder", media, NULL), ==, 0);
  g_assert_null (strchr (err, '\x1b'));
  g_assert_nonnull (strstr (err, "\\x1b[31mred.png"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "import", project, "--format", "folder", media,
                        "--annotator", "", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "annotator name is empty"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "export", project, "--format", "cairn", "--out", dir,
                        "--annotator", "", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "export", project, "--format", "cairn", "--out", dir,
                        "--annotator", "ghost", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "ghost"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cairn_path = argv[1];
  g_test_add_func ("/cli-hostile/not-a-project", test_not_a_project);
  g_test_add_func ("/cli-hostile/read-only-folder", test_read_only_folder);
  g_test_add_func ("/cli-hostile/check", test_check);
  g_test_add_func ("/cli-hostile/names", test_names);
  return g_test_run ();
}
