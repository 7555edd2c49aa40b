/* Hostile datasets and project files (issue 16): each finding of the attack has a test here that
 * fails on the build it was found on. Nothing may escape the folders the user named, crash, or
 * allocate without bound. */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "every-kind.h"
#include "shapes-test-util.h"
#include "model/cairn-json.h"

#define DEEP 100000

static char *
write_file (Project *p, const char *name, const char *contents, gssize length)
{
  char *path = g_build_filename (p->dir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* prefix, then DEEP opening brackets, then suffix */
static char *
deep_json (const char *prefix, const char *open, const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < DEEP; i++)
    g_string_append (s, open);
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

/* Finding 4: json-glib recursed once per level and overflowed the stack. */
static void
test_deep_json_imports (void)
{
  static const struct { const char *format, *name, *prefix, *open, *suffix; } cases[] = {
    { "labelme", "deep.json", "{\"shapes\": [], \"flags\": ", "[", "" },
    { "labelstudio", "deep.json", "[{\"data\": ", "[", "" },
    { "labelstudio", "one.json", "{\"data\": ", "{\"a\":", "" },
    { "via", "via.json", "{\"a.jpg1\": ", "[", "" },
    { "jsonl", "deep.jsonl", "{\"text\": \"x\", \"meta\": ", "[", "\n" },
    { "cairn", "deep.json", "{\"cairn\": 1, \"items\": ", "[", "" },
    { "coco", "deep.json", "{\"images\": ", "[", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Project) p = project_new ();
      g_autofree char *text = deep_json (cases[i].prefix, cases[i].open, cases[i].suffix);
      g_autofree char *path = write_file (p, cases[i].name, text, -1);
      g_autoptr(GError) error = import_fails (p, cases[i].format, path, NULL);

      g_test_message ("%s: %s", cases[i].format, error->message);
    }
}

/* A .jsonl inside a folder import is skipped with a warning, not a crash. */
static void
test_deep_json_folder (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *text = deep_json ("{\"text\": \"x\", \"m\": ", "[", "\n{\"text\": \"ok\"}\n");
  g_autofree char *path = write_file (p, "in/deep.jsonl", text, -1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CairnImportReport) report = import_ok (p, "folder", dir, NULL);

  g_assert_cmpuint (report->items_added, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 1);
}

static void
test_json_depth_limit (void)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CAIRN_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  g_assert_true (cairn_json_check_depth (ok->str, ok->len, &error));
  g_assert_no_error (error);
  /* Brackets inside strings do not count. */
  g_string_append (ok, "\"[[[[\"");
  g_assert_true (cairn_json_check_depth (ok->str, -1, NULL));
  g_string_append_c (ok, '{');
  g_assert_false (cairn_json_check_depth (ok->str, ok->len, &error));
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested deeper than"));
}

/* Runs sql on a copy of the project file behind p (closed first). */
static char *
mutated_copy (Project *p, const char *name, const char *sql)
{
  g_autofree char *from = g_build_filename (p->dir, "test.cairn", NULL);
  char *to = g_build_filename (p->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *problem = NULL;
  gsize length;

  g_clear_object (&p->store);
  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (to, &db), ==, SQLITE_OK);
  /* A hostile file need not have our CHECK constraints at all. */
  if (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (db, sql, NULL, NULL, &problem) != SQLITE_OK)
    g_error ("%s: %s", sql, problem);
  sqlite3_close (db);
  return to;
}

static void
fill_every_kind (Project *p)
{
  g_autofree char *media = g_build_filename (p->dir, "media", NULL);

  every_kind_fill (p->store, media);
}

/* Every exporter over the project at path: none may crash; each failure names what was wrong.
 * Returns how many failed. */
static guint
export_all (const char *path, const char *dir, const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_open (path, &error);
  const CairnFormat *formats;
  guint n_formats, failed = 0;

  g_assert_no_error (error);
  formats = cairn_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autofree char *out = g_build_filename (dir, "out", formats[i].name, NULL);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      CairnFormatOptions options = { .warnings = warnings };

      if (formats[i].export == NULL)
        continue;
      if (!cairn_format_export (store, formats[i].name, out, &options, &error))
        {
          g_test_message ("%s: %s", formats[i].name, error->message);
          if (expect && !strstr (error->message, expect))
            g_error ("%s: “%s” does not mention “%s”", formats[i].name, error->message, expect);
          failed++;
          g_clear_error (&error);
        }
    }
  return failed;
}

/* Finding 5: stored geometry [] or NULL crashed seven exporters, [1] read past a heap buffer,
 * kind 99 or -1 wrote out of bounds. The store now checks each row it reads. */
static void
test_hostile_rows (void)
{
  static const struct { const char *sql, *expect; } cases[] = {
    { "UPDATE annotations SET geometry = '[]' WHERE kind = 1", "annotation" },
    { "UPDATE annotations SET geometry = NULL WHERE kind = 1", "annotation" },
    { "UPDATE annotations SET geometry = '[1]' WHERE kind = 1", "annotation" },
    { "UPDATE annotations SET geometry = '[1]'", "annotation" },
    { "UPDATE annotations SET geometry = '[[1]]'", "annotation" },
    { "UPDATE annotations SET geometry = '{\"size\":[2,3],\"counts\":\"zzz\"}' WHERE kind = 9",
      "annotation" },
    { "UPDATE annotations SET kind = 99 WHERE kind = 1", "unknown kind" },
    { "UPDATE annotations SET kind = -1 WHERE kind = 1", "unknown kind" },
    { "UPDATE annotations SET origin = 99", "unknown origin" },
    { "UPDATE annotations SET text = X'ff41' WHERE kind = 10", "UTF-8" },
    { "UPDATE annotations SET geometry = '[1e999, 2, 3, 4]' WHERE kind = 1", "annotation" },
    { "UPDATE items SET kind = 7", "unknown kind" },
    { "UPDATE items SET state = 99", "unknown state" },
    { "UPDATE items SET width = -5", "size" },
    { "UPDATE items SET split = '../../x'", "split" },
    { "UPDATE items SET text = X'41f0' WHERE kind = 1", "UTF-8" },
    { "UPDATE labels SET name = X'1b5b33316d' WHERE id = 1", "control character" },
    { "UPDATE labels SET name = NULL WHERE id = 1", "missing" },
    { "UPDATE labels SET color = 'red'", "colour" },
    { "UPDATE labels SET skeleton = '{\"points\": 3}'", "skeleton" },
  };
  g_autoptr(Project) p = project_new ();

  fill_every_kind (p);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("m%u.cairn", i);
      g_autofree char *path = mutated_copy (p, name, cases[i].sql);

      g_test_message ("%s", cases[i].sql);
      g_assert_cmpuint (export_all (path, p->dir, cases[i].expect), >, 0);
    }
}

/* Rows the store reads as they are (they are valid) but that name what is not there or claim
 * more than they hold: exporters warn or fail, never crash. */
static void
test_hostile_values (void)
{
  static const char *const cases[] = {
    /* a span past the end of its text, and one ending before it starts */
    "UPDATE annotations SET geometry = '[0, 999999]' WHERE kind = 12",
    "UPDATE annotations SET geometry = '[3, 900000000000]' WHERE kind = 12",
    /* relations to annotations that do not exist, or to themselves */
    "UPDATE annotations SET geometry = '[999, 1000]' WHERE kind = 13",
    "UPDATE annotations SET geometry = json_array (id, id) WHERE kind = 13",
    /* more keypoints than the skeleton names */
    "UPDATE annotations SET geometry = '[1,1,2,1,1,2,1,1,2,1,1,2]' WHERE kind = 7",
    /* an image that claims 100 000 × 100 000 pixels, and a mask of that size */
    "UPDATE items SET width = 100000, height = 100000",
    "UPDATE annotations SET geometry = '{\"size\":[100000,100000],\"counts\":\"0\"}'"
    " WHERE kind = 9",
    /* meta and attributes nested 200 000 deep */
    "UPDATE items SET meta = '{\"a\":' || replace (printf ('%.*c', 200000, 'x'), 'x', '[')",
    "UPDATE annotations SET attributes = '{\"a\":' || "
    "replace (printf ('%.*c', 200000, 'x'), 'x', '[')",
    /* an item whose media file is somewhere else entirely */
    "UPDATE items SET uri = '/etc/passwd' WHERE kind = 0",
    "UPDATE items SET uri = '../../../../../../etc/passwd' WHERE kind = 0",
  };
  g_autoptr(Project) p = project_new ();

  fill_every_kind (p);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.cairn", i);
      g_autofree char *path = mutated_copy (p, name, cases[i]);

      g_test_message ("%s", cases[i]);
      export_all (path, p->dir, NULL);
    }
}

/* Finding 7 */
static void
test_empty_annotator (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *json = write_file (p, "a.json", "{\"cairn\": 1, \"items\": [{\"kind\": "
                                      "\"text\", \"text\": \"hi\", \"annotations\": [{\"kind\": "
                                      "\"class\", \"label\": \"x\", \"annotator\": \"\"}]}]}", -1);
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  g_autoptr(GError) e1 = import_fails (p, "cairn", json, "annotator name is empty", NULL);
  g_autoptr(GError) e2 = NULL, e3 = NULL, e4 = NULL;
  g_autoptr(GPtrArray) annotators = NULL;
  CairnFormatOptions empty = { .annotator = "" }, ghost = { .annotator = "ghost" };
  CairnFormatOptions escape = { .annotator = "\x1b[31mred" };

  g_assert_false (cairn_format_import (p->store, "cairn", json, &empty, NULL, &e2));
  g_assert_nonnull (e2);
  g_assert_nonnull (strstr (e2->message, "empty"));
  g_assert_false (cairn_format_export (p->store, "cairn", out, &empty, &e3));
  g_assert_nonnull (e3);
  g_assert_false (cairn_format_export (p->store, "cairn", out, &ghost, &e4));
  g_assert_nonnull (strstr (e4->message, "ghost"));
  g_clear_error (&e4);
  g_assert_false (cairn_format_import (p->store, "labelme", json, &escape, NULL, &e4));
  g_assert_nonnull (strstr (e4->message, "control character"));
  annotators = cairn_store_list_annotators (p->store, NULL);
  g_assert_cmpuint (annotators->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/json/depth-limit", test_json_depth_limit);
  g_test_add_func ("/hostile/json/deep-imports", test_deep_json_imports);
  g_test_add_func ("/hostile/json/deep-folder", test_deep_json_folder);
  g_test_add_func ("/hostile/store/rows", test_hostile_rows);
  g_test_add_func ("/hostile/store/values", test_hostile_values);
  g_test_add_func ("/hostile/annotator/empty", test_empty_annotator);
  return g_test_run ();
}
