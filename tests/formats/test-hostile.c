/* Hostile datasets and project files (issue 16): each finding of the attack has a test here that
 * fails on the build it was found on. Nothing may escape the folders the user named, crash, or
 * allocate without bound. */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/json/depth-limit", test_json_depth_limit);
  g_test_add_func ("/hostile/json/deep-imports", test_deep_json_imports);
  g_test_add_func ("/hostile/json/deep-folder", test_deep_json_folder);
  return g_test_run ();
}
