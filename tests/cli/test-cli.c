/* Drives the real `cairn` binary, as a user or a script would. */
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

static const char *cairn_path;

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static int
run (char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) cairn_path);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("cairn %s → %s%s", first, o, e);
  /* Callers reuse one variable for several runs. */
  if (out)
    g_free (*out), *out = g_steal_pointer (&o);
  if (err)
    g_free (*err), *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static void
save_png (const char *dir, const char *name, int w, int h, guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, w, h);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
}

/* A JPEG whose EXIF says "rotate 90° clockwise" (orientation 6). */
static void
save_rotated_jpeg (const char *dir, const char *name, int w, int h)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree gchar *jpeg = NULL;
  gsize length;
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,       /* TIFF header, big-endian */
    0x00, 0x01,                                         /* one IFD entry */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,     /* Orientation, SHORT, 1 */
    0x00, 0x06, 0x00, 0x00,                             /* = 6 */
    0x00, 0x00, 0x00, 0x00,                             /* no next IFD */
  };
  g_autoptr(GByteArray) out = g_byte_array_new ();

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &length, "jpeg", NULL, NULL));
  g_byte_array_append (out, (guint8 *) jpeg, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, (guint8 *) jpeg + 2, length - 2);
  g_assert_true (g_file_set_contents (path, (char *) out->data, out->len, NULL));
}

static void
write_file (const char *dir, const char *name, const char *contents, gssize length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *media = NULL;

  f->dir = g_dir_make_tmp ("cairn-cli-XXXXXX", NULL);
  f->project = g_build_filename (f->dir, "p.cairn", NULL);
  media = g_build_filename (f->dir, "media", NULL);
  g_mkdir (media, 0755);
  save_png (media, "red.png", 64, 48, 0xff0000ff);
  save_png (media, "blue.png", 32, 16, 0x0000ffff);
  save_png (media, "copy-of-red.png", 64, 48, 0xff0000ff);
  save_rotated_jpeg (media, "rotated.jpg", 40, 30);
  write_file (media, "broken.png", "\x89PNG\r\n\x1a\n garbage", -1);
  write_file (media, "note.txt", "서울에서 만나요.\nSee you in Seoul.\n", -1);
  write_file (media, "rows.jsonl", "{\"text\": \"첫째 문장\", \"id\": 1}\n\n{\"text\": \"second\"}\n"
              "not json\n", -1);
  write_file (media, "table.csv", "id,text\n1,\"comma, and \"\"quotes\"\"\"\n2,\"two\nlines\"\n", -1);
  write_file (media, "clip.wav", "RIFF\x2c\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0"
              "\x80\x3e\0\0\x02\0\x10\0data\x80\x3e\0\0", 44);
  write_file (media, "readme.md", "ignored", -1);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static JsonObject *
info_json (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run (&out, NULL, "info", f->project, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
member_int (JsonObject *o, const char *group, const char *key)
{
  JsonObject *g = json_object_get_object_member (o, group);

  return json_object_has_member (g, key) ? json_object_get_int_member (g, key) : 0;
}

static void
test_folder_import (Fixture *f, gconstpointer data)
{
  g_autofree char *media = g_build_filename (f->dir, "media", NULL);
  g_autofree char *out = NULL, *err = NULL, *again = NULL;
  g_autoptr(JsonObject) info = NULL;

  g_assert_cmpint (run (NULL, NULL, "init", f->project, "--name", "시험", NULL), ==, 0);
  g_assert_cmpint (run (&out, &err, "import", f->project, "--format", "folder", media, NULL), ==, 0);
  /* 3 distinct images, 1 txt + 2 jsonl rows + 2 csv rows, 1 wav. */
  g_assert_nonnull (strstr (out, "Imported 9 items"));
  g_assert_nonnull (strstr (err, "broken.png"));
  g_assert_nonnull (strstr (err, "/red.png: exact duplicate of media/copy-of-red.png"));
  g_assert_nonnull (strstr (err, "rows.jsonl:4: not a JSON object"));
  g_assert_null (strstr (err, "readme.md"));
  info = info_json (f);
  g_assert_cmpint (member_int (info, "items", "image"), ==, 3);
  g_assert_cmpint (member_int (info, "items", "text"), ==, 5);
  g_assert_cmpint (member_int (info, "items", "audio"), ==, 1);

  /* Re-importing adds nothing. */
  g_assert_cmpint (run (&again, NULL, "import", f->project, "--format", "folder", media, NULL), ==, 0);
  g_assert_nonnull (strstr (again, "Imported 0 items"));
}

/* The same COCO file twice: the second import adds nothing and says what was already there. */
static void
test_reimport_coco (Fixture *f, gconstpointer data)
{
  g_autofree char *coco = g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "formats", "coco",
                                            "instances_train.json", NULL);
  g_autofree char *first = NULL, *again = NULL;

  g_assert_cmpint (run (NULL, NULL, "init", f->project, NULL), ==, 0);
  g_assert_cmpint (run (&first, NULL, "import", f->project, "--format", "coco", coco, NULL), ==, 0);
  g_assert_nonnull (strstr (first, "Imported 3 items (0 already present), 9 annotations (0 "
                                   "already present)"));
  g_assert_cmpint (run (&again, NULL, "import", f->project, "--format", "coco", coco, NULL), ==, 0);
  g_assert_nonnull (strstr (again, "Imported 0 items (3 already present), 0 annotations (9 "
                                   "already present), 0 new labels"));
}

static void
test_exif_and_export (Fixture *f, gconstpointer data)
{
  g_autofree char *media = g_build_filename (f->dir, "media", NULL);
  g_autofree char *outdir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *json_path = g_build_filename (outdir, "project.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;
  gboolean saw_rotated = FALSE, saw_csv = FALSE;

  g_assert_cmpint (run (NULL, NULL, "init", f->project, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "import", f->project, "--format", "folder", media, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "export", f->project, "--format", "cairn", "--out", outdir,
                        NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, json_path, NULL));
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *text = json_object_get_string_member_with_default (item, "text", "");

      saw_rotated |= g_str_has_suffix (json_object_get_string_member_with_default (item, "uri", ""),
                                       "rotated.jpg");
      saw_csv |= g_str_equal (text, "two\nlines");
    }
  g_assert_true (saw_rotated);
  g_assert_true (saw_csv);
}

static void
test_labels_and_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.cairn", NULL);

  g_assert_cmpint (run (NULL, NULL, "init", f->project, NULL), ==, 0);
  g_assert_cmpint (run (NULL, &err, "init", f->project, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "add", "차량", "--color", "#00AA33",
                        "--key", "q", "--kinds", "box,polygon", NULL), ==, 0);
  /* R draws a box and 1 picks the first label: neither can be a label's key. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "labels", f->project, "add", "road", "--key", "r", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“r” is taken by “Box”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "labels", f->project, "add", "one", "--key", "1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "by its place in the palette"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "add", "person", NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "labels", f->project, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "차량\t#00AA33\tq\tbox,polygon"));
  g_assert_nonnull (strstr (out, "person\t#"));
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "add", "x", "--color", "red", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "add", "y", "--kinds", "blob", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "remove", "person", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "remove", "person", NULL), ==, 1);
  g_assert_cmpint (run (NULL, NULL, "labels", f->project, "frobnicate", NULL), ==, 2);

  g_assert_cmpint (run (NULL, &err, "info", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.cairn"));
  g_assert_cmpint (run (NULL, NULL, "info", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "import", f->project, f->dir, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "import", f->project, "--format", "nope", f->dir, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (run (&out, NULL, "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "cairn "));
  g_assert_cmpint (run (&out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "import"));
  g_assert_cmpint (run (&out, NULL, "help", "labels", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--kinds"));
}

/* A malformed annotation late in the file leaves the project exactly as it was. */
static void
test_failed_import_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) info = NULL;

  g_assert_cmpint (run (NULL, NULL, "init", f->project, NULL), ==, 0);
  g_assert_true (g_file_set_contents (bad,
    "{\"cairn\": 1, \"labels\": [{\"name\": \"car\"}], \"items\": ["
    "{\"text\": \"ok\", \"annotations\": [{\"kind\": \"class\", \"label\": \"car\"}]},"
    "{\"text\": \"bad\", \"annotations\": [{\"kind\": \"box\", \"geometry\": [1, 2, 3]}]}]}",
    -1, NULL));
  g_assert_cmpint (run (NULL, &err, "import", f->project, "--format", "cairn", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "bad.json: items[1].annotations[0]: box: has 3 numbers"));
  info = info_json (f);
  g_assert_cmpint (member_int (info, "items", "text"), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (info, "labels")), ==, 0);
}

/* Many warnings: the first 20 on the terminal and a count, every one in --warnings FILE; then
 * --split names cleaned up. */
static void
test_warnings_and_splits (Fixture *f, gconstpointer data)
{
  g_autofree char *coco = g_build_filename (f->dir, "instances.json", NULL);
  g_autofree char *list = g_build_filename (f->dir, "warnings.txt", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.cairn", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *train = g_build_filename (out, "instances_train.json", NULL);
  g_autofree char *val = g_build_filename (out, "instances_val.json", NULL);
  g_autofree char *spaced = g_build_filename (out, "instances_ train.json", NULL);
  g_autofree char *err = NULL, *text = NULL;
  g_autoptr(GString) json = g_string_new ("{\"categories\":[{\"id\":1,\"name\":\"car\"}],"
                                          "\"images\":[");
  g_auto(GStrv) lines = NULL;

  for (int i = 1; i <= 25; i++)
    g_string_append_printf (json, "%s{\"id\":%d,\"file_name\":\"사진-%02d.jpg\"}",
                            i > 1 ? "," : "", i, i);
  g_string_append (json, "],\"annotations\":[]}");
  g_assert_true (g_file_set_contents (coco, json->str, -1, NULL));
  g_assert_cmpint (run (NULL, NULL, "init", f->project, NULL), ==, 0);
  g_assert_cmpint (run (NULL, &err, "import", f->project, "--format", "coco", coco, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "사진-20.jpg: image not found"));
  g_assert_null (strstr (err, "사진-21.jpg"));
  g_assert_nonnull (strstr (err, "… and 5 more warnings (--warnings FILE keeps them all)"));

  g_assert_cmpint (run (NULL, NULL, "init", second, NULL), ==, 0);
  g_assert_cmpint (run (NULL, &err, "import", second, "--format", "coco", coco, "--warnings",
                        list, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "and 5 more warnings, all of them in"));
  g_assert_true (g_file_get_contents (list, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 26);
  g_assert_nonnull (strstr (lines[24], "사진-25.jpg: image not found; kept as a reference"));

  /* A split named twice is exported once; no names at all is a usage error. */
  g_assert_cmpint (run (&text, NULL, "export", second, "--format", "coco", "--out", out,
                        "--split", "train, train,,val", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "; 0 warnings"));
  g_assert_true (g_file_test (train, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (val, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (spaced, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (NULL, &err, "export", second, "--format", "coco", "--out", out,
                        "--split", " , ", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--split needs at least one split name"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert (argc >= 2);
  cairn_path = argv[1];
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/folder-import", test_folder_import);
  ADD ("/cli/reimport-coco", test_reimport_coco);
  ADD ("/cli/exif-and-export", test_exif_and_export);
  ADD ("/cli/labels-and-errors", test_labels_and_errors);
  ADD ("/cli/failed-import-changes-nothing", test_failed_import_changes_nothing);
  ADD ("/cli/warnings-and-splits", test_warnings_and_splits);
  return g_test_run ();
}
