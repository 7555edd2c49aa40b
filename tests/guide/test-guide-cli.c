/* The guideline commands through the real binary: the re-check flow end to end (set, diff,
 * flags, confirm, undo), labels rename and merge with undo, the schema file, notes, the plan. */
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "store/cairn-store.h"
#include "store/cairn-store-guide.h"

static const char *cairn_path;

typedef struct
{
  char   *dir;
  char   *project;
  gint64  car1;
} Fixture;

static const char v1[] = "# Guide\n\n## Car\nBox the body.\n\n## Bus\nBox it all.\n";
static const char v2[] = "# Guide\n\n## Car\nBox the body.\nMirrors out.\n\n## Bus\nBox it all.\n";

static int
run (char **out, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) cairn_path);
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("cairn %s → %s%s", first, o, e);
  if (out)
    g_free (*out), *out = g_steal_pointer (&o);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static gint64
add_box (CairnStore *store, gint64 item, gint64 label, double x)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);

  a->item_id = item;
  a->label_id = label;
  cairn_annotation_set_box (a, x, 10, 20, 20);
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  return a->id;
}

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) car = cairn_label_new ("car");
  g_autoptr(CairnLabel) bus = cairn_label_new ("bus");
  g_autofree char *md1 = NULL, *md2 = NULL;

  f->dir = g_dir_make_tmp ("cairn-guide-cli-XXXXXX", &error);
  f->project = g_build_filename (f->dir, "p.cairn", NULL);
  store = cairn_store_create (f->project, "p", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("a.png");
  item->width = item->height = 100;
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_true (cairn_store_add_label (store, car, &error));
  g_assert_true (cairn_store_add_label (store, bus, &error));
  f->car1 = add_box (store, item->id, car->id, 0);
  add_box (store, item->id, car->id, 30);
  add_box (store, item->id, bus->id, 60);
  md1 = g_build_filename (f->dir, "v1.md", NULL);
  md2 = g_build_filename (f->dir, "v2.md", NULL);
  g_assert_true (g_file_set_contents (md1, v1, -1, NULL));
  g_assert_true (g_file_set_contents (md2, v2, -1, NULL));
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->project);
  g_free (f->dir);
}

static char *
in_dir (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static JsonArray *
open_flags (Fixture *f, JsonParser *parser)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, "flags", f->project, "--reason", "recheck", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_recheck_flow (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *md1 = in_dir (f, "v1.md"), *md2 = in_dir (f, "v2.md");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->car1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *flags;
  JsonObject *first;

  g_assert_cmpint (run (&out, "guideline", f->project, "set", md1, NULL), ==, 2);
  g_assert_cmpint (run (&out, "guideline", f->project, "set", md1, "--summary", "첫 판",
                        "--annotator", "Kim", NULL), ==, 0);
  g_assert_cmpint (run (&out, "guideline", f->project, "set", md2, "--summary", "Mirrors", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "guideline v2: 1 section changed, 2 annotations of 1 label "
                                 "flagged recheck"));
  g_assert_cmpint (run (&out, "guideline", f->project, "versions", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "v1\t"));
  g_assert_nonnull (strstr (out, "\tKim\t첫 판\n"));
  g_assert_nonnull (strstr (out, "\tMirrors\n"));
  g_assert_cmpint (run (&out, "guideline", f->project, "diff", "1", "v2", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "## #car (changed) Car\n…\n  Box the body.\n+ Mirrors out.\n  \n");
  g_assert_cmpint (run (&out, "guideline", f->project, "show", "--version", "1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, v1);
  g_assert_cmpint (run (&out, "guideline", f->project, "diff", "1", NULL), ==, 2);

  flags = open_flags (f, parser);
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  first = json_array_get_object_element (flags, 0);
  g_assert_cmpint (json_object_get_int_member (first, "annotation"), ==, f->car1);
  g_assert_cmpint (json_object_get_int_member (first, "item"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "car");
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "recheck");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "detail"), "+ Mirrors out."));

  /* Confirmed under v2: its flag goes; undone: it is back. */
  g_assert_cmpint (run (&out, "flags", f->project, "confirm", id, "--annotator", "Kim", NULL),
                   ==, 0);
  flags = open_flags (f, parser);
  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  g_assert_cmpint (run (&out, "fix", f->project, "undo", "--annotator", "Kim", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Confirm Box"));
  flags = open_flags (f, parser);
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  g_assert_cmpint (run (&out, "flags", f->project, "--reason", "agreement", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

static void
test_labels (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *schema = in_dir (f, "schema.json");

  g_assert_cmpint (run (&out, "labels", f->project, "rename", "car", "자동차", NULL), ==, 0);
  g_assert_cmpint (run (&out, "labels", f->project, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "자동차\t"));
  g_assert_cmpint (run (&out, "labels", f->project, "rename", "자동차", "bus", NULL), ==, 1);
  g_assert_cmpint (run (&out, "labels", f->project, "merge", "bus", "자동차", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 annotation relabelled"));
  g_assert_cmpint (run (&out, "labels", f->project, "list", NULL), ==, 0);
  g_assert_null (strstr (out, "bus\t"));
  g_assert_cmpint (run (&out, "fix", f->project, "undo", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Merge Labels"));
  g_assert_cmpint (run (&out, "fix", f->project, "undo", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Rename Label"));
  g_assert_cmpint (run (&out, "labels", f->project, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "car\t"));
  g_assert_nonnull (strstr (out, "bus\t"));
  g_assert_cmpint (run (&out, "labels", f->project, "merge", "bus", NULL), ==, 2);

  g_assert_cmpint (run (&out, "schema", f->project, "export", schema, NULL), ==, 0);
  g_assert_cmpint (run (&out, "schema", f->project, "import", schema, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "already the project's"));
  g_assert_true (g_file_set_contents (schema, "{\"labels\": [{\"name\": \"truck\", \"parent\": "
                                      "\"car\"}]}", -1, NULL));
  g_assert_cmpint (run (&out, "schema", f->project, "import", schema, NULL), ==, 0);
  g_assert_cmpint (run (&out, "labels", f->project, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "truck\t"));
  g_assert_true (g_file_set_contents (schema, "{\"labels\": 3}", -1, NULL));
  g_assert_cmpint (run (&out, "schema", f->project, "import", schema, NULL), ==, 1);
}

static void
test_notes_and_plan (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *md1 = in_dir (f, "v1.md"), *plan = in_dir (f, "plan.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *note, *progress;

  g_assert_cmpint (run (&out, "guideline", f->project, "set", md1, "--summary", "v1", NULL), ==,
                   0);
  g_assert_cmpint (run (&out, "notes", f->project, "add", "Pickup?", "--item", "1", "--label",
                        "car", "--region", "{\"box\": [1, 2, 3, 4]}", "--annotator", "Lee",
                        NULL), ==, 0);
  g_assert_cmpint (run (&out, "notes", f->project, "add", "x", "--region", "{\"box\": [1]}",
                        NULL), ==, 2);
  g_assert_cmpint (run (&out, "notes", f->project, "answer", "1", "A car.", NULL), ==, 0);
  g_assert_cmpint (run (&out, "notes", f->project, "list", "--state", "answered", "--json",
                        NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  note = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (note, "author"), ==, "Lee");
  g_assert_cmpstr (json_object_get_string_member (note, "label"), ==, "car");
  g_assert_cmpstr (json_object_get_string_member (note, "answer"), ==, "A car.");
  g_assert_cmpint (run (&out, "notes", f->project, "list", "--state", "open", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (run (&out, "notes", f->project, "promote", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "promoted into guideline v2"));
  g_assert_cmpint (run (&out, "guideline", f->project, "show", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "- **Edge case #1**: Pickup? — A car.\n"));

  g_assert_true (g_file_set_contents (plan, "{\"purpose\": \"탐지\", \"target_items\": 2,"
                                      " \"labels\": {\"car\": 4}}", -1, NULL));
  g_assert_cmpint (run (&out, "plan", f->project, "set", plan, NULL), ==, 0);
  g_assert_cmpint (run (&out, "plan", f->project, "show", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  progress = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "progress");
  g_assert_cmpint (json_object_get_int_member (progress, "items"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (json_object_get_array_member (progress,
                                                                                  "labels"), 0),
                     "done"), ==, 2);
  g_assert_true (g_file_set_contents (plan, "{\"labels\": {\"car\": -4}}", -1, NULL));
  g_assert_cmpint (run (&out, "plan", f->project, "set", plan, NULL), ==, 1);
}

/* guideline set takes the pictures from beside the Markdown, in the same version; one that
 * is missing refuses the whole version, naming the file. */
static void
test_pictures (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *md = in_dir (f, "pic.md"), *bad = in_dir (f, "bad.md");
  g_autofree char *png = in_dir (f, "wheel.png");
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GBytes) kept = NULL;

  gdk_pixbuf_fill (pixbuf, 0x202020ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
  g_assert_true (g_file_set_contents (md, "# Guide\n\n## Car\n![A wheel](wheel.png)\n"
                                          "![web](https://example.org/w.png)\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "# Guide\n\n![gone](gone.png)\n", -1, NULL));
  g_assert_cmpint (run (&out, "guideline", f->project, "set", bad, "--summary", "x", NULL), ==, 1);
  g_assert_cmpint (run (&out, "guideline", f->project, "versions", NULL), ==, 0);
  g_assert_null (strstr (out, "v1"));
  g_assert_cmpint (run (&out, "guideline", f->project, "set", md, "--summary", "바퀴", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 picture"));
  store = cairn_store_open (f->project, &error);
  kept = cairn_store_get_guideline_image (store, "wheel.png", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cairn_path = argv[1];
  g_test_add ("/guide/cli/recheck-flow", Fixture, NULL, set_up, test_recheck_flow, tear_down);
  g_test_add ("/guide/cli/labels-schema", Fixture, NULL, set_up, test_labels, tear_down);
  g_test_add ("/guide/cli/notes-plan", Fixture, NULL, set_up, test_notes_and_plan, tear_down);
  g_test_add ("/guide/cli/pictures", Fixture, NULL, set_up, test_pictures, tear_down);
  return g_test_run ();
}
