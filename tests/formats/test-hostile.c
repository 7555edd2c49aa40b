/* symlink */
#define _DEFAULT_SOURCE
/* Hostile datasets and project files (issue 16): each finding of the attack has a test here that
 * fails on the build it was found on. Nothing may escape the folders the user named, crash, or
 * allocate without bound. */
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>
#include <zlib.h>

#include "every-kind.h"
#include "shapes-test-util.h"
#include "formats/cairn-format-folder.h"
#include "formats/cairn-media.h"
#include "formats/cairn-yaml.h"
#include "model/cairn-json.h"
#include "model/cairn-json-text.h"
#include "quality/cairn-agreement.h"

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
  g_assert_true (cairn_json_check_limits (ok->str, ok->len, &error));
  g_assert_no_error (error);
  /* Brackets inside strings do not count. */
  g_string_append (ok, "\"[[[[\"");
  g_assert_true (cairn_json_check_limits (ok->str, -1, NULL));
  g_string_append_c (ok, '{');
  g_assert_false (cairn_json_check_limits (ok->str, ok->len, &error));
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
    { "UPDATE annotations SET score = 9e999", "score" },
    { "UPDATE annotations SET text = X'ff41' WHERE kind = 10", "UTF-8" },
    { "UPDATE annotations SET geometry = '[1e999, 2, 3, 4]' WHERE kind = 1", "annotation" },
    { "UPDATE items SET kind = 7", "unknown kind" },
    { "UPDATE items SET state = 99", "unknown state" },
    { "UPDATE items SET width = -5", "size" },
    { "UPDATE items SET split = '../../x'", "split" },
    { "UPDATE items SET text = X'41f0' WHERE kind = 1", "UTF-8" },
    { "UPDATE labels SET name = X'1b5b33316d' WHERE id = 1", "control character" },
    { "UPDATE labels SET name = ' ' WHERE id = 1", "empty" },
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

/* Found by fuzz-project: 30 000 × 30 000 is under the pixel limit, but the masks exporter asked
 * for 3.6 GB to paint it. */
static void
test_raster_budget (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *path = NULL, *out = NULL, *missing = NULL, *text = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fill_every_kind (p);
  path = mutated_copy (p, "big.cairn", "UPDATE items SET width = 30000, height = 30000");
  store = cairn_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *format = i ? "voc" : "masks";

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&missing, g_free);
      g_clear_pointer (&text, g_free);
      out = g_build_filename (p->dir, "out", format, NULL);
      missing = g_build_filename (out, "missing-images.txt", NULL);
      g_assert_true (cairn_format_export (store, format, out, NULL, &error));
      g_assert_true (g_file_get_contents (missing, &text, NULL, NULL));
      g_test_message ("%s: %s", format, text);
      g_assert_nonnull (strstr (text, i ? "needs 1717 MB to paint" : "needs 3433 MB to paint"));
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
    /* several JSON values where one belongs: json-glib kept the last and leaked the rest
     * (found by fuzz-project) */
    "UPDATE annotations SET attributes = '490[9999]1mred'",
    "UPDATE items SET meta = '{} {\"a\": [1]}'",
    "UPDATE labels SET attributes = '[] [{\"name\": \"x\"}]'",
    "UPDATE labels SET skeleton = '{\"points\": []} {}'",
    "UPDATE annotations SET geometry = '{\"t\": [1, 2]} [3]' WHERE kind = 14",
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

/* A 16 × 16 JPEG whose frame header then claims width × height; cut short when truncate. */
static GBytes *
bomb_jpeg (guint width, guint height, gboolean truncate)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length;
  guint8 *p;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "jpeg", &error, NULL));
  p = (guint8 *) data;
  for (gsize i = 2; i + 9 < length; i++)
    if (p[i] == 0xff && p[i + 1] == 0xc0)
      {
        p[i + 5] = height >> 8, p[i + 6] = height;
        p[i + 7] = width >> 8, p[i + 8] = width;
        break;
      }
  return g_bytes_new_take (data, truncate ? length - 10 : length);
}

/* A greyscale PNG of width × height zeros, compressed as it is written: 16 000² is 249 KB. */
static GBytes *
zero_png (guint width, guint height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *png = g_byte_array_new ();
  g_autofree guint8 *row = g_malloc0 (width + 1);
  g_autofree guint8 *out = g_malloc (1 << 16);
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height, 8, 0, 0, 0, 0 };
  GByteArray *idat = g_byte_array_new ();
  z_stream z = { 0 };
  struct { const char *type; GByteArray *data; } chunks[3];

  deflateInit (&z, 9);
  for (guint y = 0; y <= height; y++)
    {
      z.next_in = row;
      z.avail_in = y < height ? width + 1 : 0;
      do
        {
          z.next_out = out;
          z.avail_out = 1 << 16;
          deflate (&z, y < height ? Z_NO_FLUSH : Z_FINISH);
          g_byte_array_append (idat, out, (1 << 16) - z.avail_out);
        }
      while (z.avail_out == 0);
    }
  deflateEnd (&z);
  chunks[0].type = "IHDR", chunks[0].data = g_byte_array_append (g_byte_array_new (), ihdr, 13);
  chunks[1].type = "IDAT", chunks[1].data = idat;
  chunks[2].type = "IEND", chunks[2].data = g_byte_array_new ();
  g_byte_array_append (png, signature, 8);
  for (guint i = 0; i < 3; i++)
    {
      guint n = chunks[i].data->len;
      guint8 be[4] = { n >> 24, n >> 16, n >> 8, n };
      uLong crc = crc32 (0, (const guint8 *) chunks[i].type, 4);

      if (n > 0) /* crc32 (crc, NULL, 0) restarts at 0 */
        crc = crc32 (crc, chunks[i].data->data, n);
      g_byte_array_append (png, be, 4);
      g_byte_array_append (png, (const guint8 *) chunks[i].type, 4);
      g_byte_array_append (png, chunks[i].data->data, n);
      be[0] = crc >> 24, be[1] = crc >> 16, be[2] = crc >> 8, be[3] = crc;
      g_byte_array_append (png, be, 4);
      g_byte_array_unref (chunks[i].data);
    }
  return g_byte_array_free_to_bytes (png);
}

static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoll (line + 6, NULL, 10);
}

/* Finding 3: a 161-byte JPEG claiming 30 000² imported after 13.5 s at 2.65 GB; a 249 KB PNG of
 * 16 000² zeros cost 765 MB; 60 000² failed with "insufficient memory". */
static void
test_image_bombs (void)
{
  g_autoptr(GBytes) truncated = bomb_jpeg (30000, 30000, TRUE);
  g_autoptr(GBytes) whole = bomb_jpeg (30000, 30000, FALSE);
  g_autoptr(GBytes) huge = bomb_jpeg (60000, 60000, FALSE);
  g_autoptr(GBytes) zeros = zero_png (16000, 16000);
  g_autoptr(GBytes) wide = zero_png (100000, 20000);
  g_autoptr(GError) error = NULL;
  gint64 before = peak_rss_kb (), start;
  gint w = 0, h = 0, o = 0;

  g_test_message ("a truncated JPEG of %zu bytes, a PNG of %zu bytes",
                  g_bytes_get_size (truncated), g_bytes_get_size (zeros));
  g_assert_false (cairn_media_probe_image (truncated, 0, &w, &h, &o, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  g_assert_false (cairn_media_probe_image (huge, 0, &w, &h, &o, &error));
  g_assert_nonnull (strstr (error->message, "over the limit"));
  g_clear_error (&error);
  g_assert_false (cairn_media_probe_image (wide, 0, &w, &h, &o, &error));
  g_assert_nonnull (strstr (error->message, "over the limit"));
  g_clear_error (&error);
  /* The limit is the caller's to set. */
  g_assert_false (cairn_media_probe_image (zeros, 1000000, &w, &h, &o, &error));
  g_assert_nonnull (strstr (error->message, "over the limit of 1"));
  g_clear_error (&error);

  /* Under the limit: verified in bounded memory, the size from the header. */
  start = g_get_monotonic_time ();
  g_assert_true (cairn_media_probe_image (zeros, 0, &w, &h, &o, &error));
  g_assert_no_error (error);
  g_assert_cmpint (w, ==, 16000);
  g_assert_cmpint (h, ==, 16000);
  g_test_message ("16 000² PNG: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  start = g_get_monotonic_time ();
  cairn_media_probe_image (whole, 0, &w, &h, &o, NULL);
  g_test_message ("30 000² JPEG: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  /* A full decode of either would take 765 MB or 2.7 GB; an eighth-scale JPEG takes 42 MB. */
  g_test_message ("peak RSS grew by %" G_GINT64_FORMAT " MB", (peak_rss_kb () - before) / 1024);
  g_assert_cmpint (peak_rss_kb () - before, <, 300 * 1024);
}

/* The same limit in a folder import, with its message. */
static void
test_image_bomb_import (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(GBytes) huge = bomb_jpeg (60000, 60000, FALSE);
  g_autofree char *path = write_file (p, "in/huge.jpg", g_bytes_get_data (huge, NULL),
                                      g_bytes_get_size (huge));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CairnImportReport) report = import_ok (p, "folder", dir, NULL);

  g_assert_cmpuint (report->items_added, ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "60000 × 60000"));
}


/* ---- Finding 1: imports follow any path ---- */

static char *
write_png (const char *path, int w, int h)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0xc0ffeeff);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_file_get_contents (path, &contents, &length, &error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static gboolean
warnings_hold (CairnImportReport *report, const char *text)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (report->warnings->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* Each format names ../secret/x.png (or its absolute path): the file is never opened or embedded,
 * the item stays a reference and one warning names --media-root; with --media-root the
 * same import finds it. */
static void
test_media_root (void)
{
  static const struct { const char *format, *name, *text; } cases[] = {
    { "labelme", "a.json", "{\"shapes\": [], \"imagePath\": \"%s\"}" },
    { "coco", "coco.json", "{\"images\": [{\"id\": 1, \"file_name\": \"%s\", \"width\": 64, "
      "\"height\": 48}], \"annotations\": [], \"categories\": []}" },
    { "via", "via.json", "{\"x\": {\"filename\": \"%s\", \"size\": 1, \"regions\": [{"
      "\"shape_attributes\": {\"name\": \"rect\", \"x\": 1, \"y\": 1, \"width\": 2, "
      "\"height\": 2}, \"region_attributes\": {}}]}}" },
    { "cvat", "annotations.xml", "<annotations><image id=\"0\" name=\"%s\" width=\"64\" "
      "height=\"48\"><box label=\"a\" xtl=\"1\" ytl=\"1\" xbr=\"3\" ybr=\"3\"/></image>"
      "</annotations>" },
    { "labelstudio", "ls.json", "[{\"data\": {\"image\": \"%s\"}, \"annotations\": []}]" },
    { "voc", "a.xml", "<annotation><filename>%s</filename><size><width>64</width>"
      "<height>48</height><depth>3</depth></size></annotation>" },
    { "cairn", "c.json", "{\"cairn\": 1, \"items\": [{\"uri\": \"%s\"}]}" },
  };
  g_autoptr(Project) base = project_new ();
  g_autofree char *secret = g_build_filename (base->dir, "secret", "x.png", NULL);
  g_autofree char *sha = write_png (secret, 64, 48);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint absolute = 0; absolute < 2; absolute++)
      for (guint widen = 0; widen < 2; widen++)
        {
          g_autoptr(Project) p = project_new ();
          g_autofree char *sub = g_build_filename ("data", cases[i].name, NULL);
          g_autofree char *text = g_strdup_printf (cases[i].text, absolute ? secret
                                                                          : "../secret/x.png");
          g_autofree char *path = NULL;
          g_autofree char *copy = g_build_filename (p->dir, "secret", "x.png", NULL);
          g_autoptr(CairnImportReport) report = NULL;
          CairnFormatOptions options = { .embed = TRUE };
          gint64 found;

          /* The secret lives beside the data folder of each project, and (absolute) in base. */
          g_free (write_png (copy, 64, 48));
          path = write_file (p, sub, text, -1);
          if (widen)
            options.media_root = absolute ? base->dir : p->dir;
          report = import_ok (p, cases[i].format, path, &options);
          found = cairn_store_find_item_by_sha256 (p->store, sha);
          g_test_message ("%s %s%s: %u warnings, %s", cases[i].format,
                          absolute ? "absolute" : "relative", widen ? " --media-root" : "",
                          report->warnings->len, report->warnings->len
                          ? (char *) report->warnings->pdata[report->warnings->len - 1] : "");
          if (widen)
            g_assert_cmpint (found, !=, 0);
          else
            {
              g_assert_cmpint (found, ==, 0);
              g_assert_true (warnings_hold (report, "--media-root"));
            }
        }
}

/* A referenced file that is not an image: never a text item, never read. */
static void
test_image_format_reads_images_only (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *notes = write_file (p, "data/notes.txt", "TOPSECRET words", -1);
  g_autofree char *fake = write_file (p, "data/fake.png", "TOPSECRET not a png", -1);
  g_autofree char *json = write_file (p, "data/a.json",
                                      "{\"images\": [{\"id\": 1, \"file_name\": \"notes.txt\"},"
                                      " {\"id\": 2, \"file_name\": \"fake.png\"}],"
                                      " \"annotations\": [], \"categories\": []}", -1);
  g_autoptr(CairnImportReport) report = import_ok (p, "coco", json, NULL);

  g_assert_cmpint (cairn_store_count_items (p->store, CAIRN_ITEM_TEXT), ==, 0);
  g_assert_cmpint (cairn_store_count_items (p->store, CAIRN_ITEM_IMAGE), ==, 2);
  g_assert_true (warnings_hold (report, "not an image file"));
  g_assert_false (warnings_hold (report, "TOPSECRET"));
}

/* The folder importer followed a symlinked file to /etc/passwd. */
static void
test_folder_symlink (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *secret = write_file (p, "secret.txt", "TOPSECRET", -1);
  g_autofree char *dir = g_build_filename (p->dir, "in", NULL);
  g_autofree char *link = g_build_filename (dir, "passwd.txt", NULL);
  g_autofree char *inner = write_file (p, "in/own.txt", "mine", -1);
  g_autofree char *inner_link = g_build_filename (dir, "again.txt", NULL);
  g_autoptr(CairnImportReport) report = NULL;

  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_assert_cmpint (symlink (inner, inner_link), ==, 0);
  report = import_ok (p, "folder", dir, NULL);
  g_assert_cmpuint (report->items_added, ==, 1);
  g_assert_true (warnings_hold (report, "outside the folder"));
  g_assert_false (warnings_hold (report, "TOPSECRET"));
}

/* A YOLO list naming an image outside read the .txt beside it and echoed its first word. */
static void
test_yolo_outside (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *secret = g_build_filename (p->dir, "secret", "x.png", NULL);
  g_autofree char *labels = write_file (p, "secret/x.txt", "TOPSECRET 0.5 0.5 0.1 0.1\n", -1);
  g_autofree char *list = NULL, *yaml = NULL, *text = NULL;
  g_autoptr(CairnImportReport) report = NULL;

  g_free (write_png (secret, 64, 48));
  text = g_strdup_printf ("%s\n", secret);
  list = write_file (p, "data/train.txt", text, -1);
  yaml = write_file (p, "data/data.yaml", "train: train.txt\nnames: [a]\n", -1);
  report = import_ok (p, "yolo", yaml, NULL);
  g_assert_cmpint (count_annotations (p), ==, 0);
  g_assert_false (warnings_hold (report, "TOPSECRET"));
  g_assert_true (warnings_hold (report, "--media-root"));
}

/* Finding 10: three "ln -s ." in images/ made the import walk 3^16 folders. */
static void
test_yolo_link_loop (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *image = g_build_filename (p->dir, "data", "images", "a.png", NULL);
  g_autofree char *yaml = write_file (p, "data/data.yaml", "train: images\nnames: [a]\n", -1);
  g_autoptr(CairnImportReport) report = NULL;
  gint64 start = g_get_monotonic_time ();

  g_free (write_png (image, 8, 8));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("loop%u", i);
      g_autofree char *link = g_build_filename (p->dir, "data", "images", name, NULL);

      g_assert_cmpint (symlink (".", link), ==, 0);
    }
  report = import_ok (p, "yolo", yaml, NULL);
  g_assert_cmpuint (report->items_added, ==, 1);
  g_test_message ("%.2f s", (g_get_monotonic_time () - start) / 1e6);
}

/* The paths YOLO reads when a dataset's are not there as written (Roboflow's ../train/images
 * and SPLIT/images folders, CVAT's data/obj.names) stay inside the import's folders too: a link
 * beside data.yaml to a folder elsewhere is not followed. */
static void
test_yolo_layouts_outside (void)
{
  static const char *const trains[] = { "../train/images", "nowhere/images" };

  for (guint i = 0; i < G_N_ELEMENTS (trains); i++)
    {
      g_autoptr(Project) p = project_new ();
      g_autofree char *image = g_build_filename (p->dir, "secret", "images", "x.png", NULL);
      g_autofree char *labels = write_file (p, "secret/labels/x.txt",
                                            "TOPSECRET 0.5 0.5 0.1 0.1\n", -1);
      g_autofree char *secret = g_build_filename (p->dir, "secret", NULL);
      g_autofree char *link = g_build_filename (p->dir, "data", "train", NULL);
      g_autofree char *text = g_strdup_printf ("train: %s\nnames: [a]\n", trains[i]);
      g_autofree char *yaml = write_file (p, "data/data.yaml", text, -1);
      g_autoptr(CairnImportReport) report = NULL;

      g_free (write_png (image, 64, 48));
      g_assert_cmpint (symlink (secret, link), ==, 0);
      report = import_ok (p, "yolo", yaml, NULL);
      g_assert_cmpuint (report->items_added, ==, 0);
      g_assert_cmpint (count_annotations (p), ==, 0);
      g_assert_false (warnings_hold (report, "TOPSECRET"));
      g_assert_true (warnings_hold (report, "--media-root"));
    }

  {
    g_autoptr(Project) p = project_new ();
    g_autofree char *names = write_file (p, "secret/obj.names", "a\n", -1);
    g_autofree char *link = g_build_filename (p->dir, "in", "obj.names", NULL);
    g_autofree char *data = write_file (p, "in/obj.data", "classes = 1\nnames = data/obj.names\n",
                                        -1);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (symlink (names, link), ==, 0);
    error = import_fails (p, "yolo", data, "outside the folders", NULL);
  }
}


/* ---- Findings 2 and 9: what exports write ---- */

/* Every file under dir, relative to it. */
static void
list_tree (const char *dir, const char *prefix, GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = prefix ? g_build_filename (prefix, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_tree (path, rel, out);
      else
        g_ptr_array_add (out, g_steal_pointer (&rel));
    }
}

static gboolean
tree_holds (const char *dir, const char *needle)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  list_tree (dir, NULL, files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, files->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_get_contents (path, &contents, &length, NULL)
          && g_strstr_len (contents, length, needle))
        return TRUE;
    }
  return FALSE;
}

static gint64
add_image_item (CairnStore *store, const char *uri, const char *sha)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(GError) error = NULL;

  item->uri = g_strdup (uri);
  item->sha256 = g_strdup (sha);
  item->width = 64;
  item->height = 48;
  g_assert_true (cairn_store_add_item (store, item, &error));
  box->item_id = item->id;
  box->label_id = cairn_format_ensure_label (store, "thing", NULL, &error);
  cairn_annotation_set_box (box, 1, 2, 10, 10);
  g_assert_true (cairn_store_add_annotation (store, box, &error));
  return item->id;
}

/* Finding 2: yolo, voc and labelme copied whatever a uri named (/etc/passwd, a private key). */
static void
test_export_verified_media (void)
{
  static const char *const formats[] = { "yolo", "voc", "labelme" };
  g_autoptr(Project) p = project_new ();
  g_autofree char *key = write_file (p, "home/id_rsa", "-----BEGIN PRIVATE KEY----- TOPSECRET", -1);
  g_autofree char *changed = g_build_filename (p->dir, "media", "changed.png", NULL);
  g_autofree char *good = g_build_filename (p->dir, "media", "good.png", NULL);
  g_autofree char *key_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "other", -1);
  g_autoptr(GError) error = NULL;

  g_free (write_png (changed, 64, 48));
  g_free (write_png (good, 32, 16));
  g_assert_cmpint (cairn_format_folder_import_file (p->store, changed, NULL, NULL, &error), >, 0);
  g_assert_cmpint (cairn_format_folder_import_file (p->store, good, NULL, NULL, &error), >, 0);
  add_image_item (p->store, key, NULL);
  add_image_item (p->store, "/etc/passwd", key_sha);
  add_image_item (p->store, "../../../../../../../../etc/passwd", NULL);
  /* The file changes after the import recorded it. */
  g_free (write_png (changed, 64, 47));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (p->dir, "out", formats[i], NULL);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      CairnFormatOptions options = { .warnings = warnings };
      guint images = 0;

      export_ok (p, formats[i], out, &options);
      g_assert_false (tree_holds (out, "TOPSECRET"));
      g_assert_false (tree_holds (out, "root:x:0:0"));
      list_tree (out, NULL, files);
      for (guint k = 0; k < files->len; k++)
        images += g_str_has_suffix (files->pdata[k], ".png")
                  && !strstr (files->pdata[k], "Segmentation");
      /* Only good.png was verified. */
      g_assert_cmpuint (images, ==, 1);
      g_test_message ("%s: %u warnings: %s", formats[i], warnings->len,
                      warnings->len ? (char *) warnings->pdata[0] : "");
      if (g_str_equal (formats[i], "labelme"))
        g_assert_cmpuint (warnings->len, >=, 4);
      else
        {
          g_autofree char *missing = g_build_filename (out, "missing-images.txt", NULL);
          g_autofree char *text = NULL;

          g_assert_true (g_file_get_contents (missing, &text, NULL, NULL));
          g_assert_nonnull (strstr (text, "SHA-256 differs"));
          g_assert_nonnull (strstr (text, "never verified"));
        }
    }
}

/* Finding 9: a 5 000-character name aborted yolo, voc, masks and labelme midway; newlines and
 * ESC split VOC's lists; "..", "." and "/" could not be written. */
static void
test_export_names (void)
{
  static const char *const formats[] = { "yolo", "voc", "masks", "labelme", "coco", "cvat",
                                         "via", "labelstudio", "cairn" };
  g_autoptr(Project) p = project_new ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  const char *names[] = { NULL, "a\nb\x1b[31m.png", "..", ".", "/", "CON.png", ".hidden.png",
                          "dir/../x?.png", "trailing. " };

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (long_name, 'a' + i % 26);
  g_string_append (long_name, ".png");
  names[0] = long_name->str;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_image_item (p->store, names[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (p->dir, "out", formats[i], NULL);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      CairnFormatOptions options = { .warnings = warnings };

      export_ok (p, formats[i], out, &options);
      list_tree (out, NULL, files);
      for (guint k = 0; k < files->len; k++)
        {
          const char *file = files->pdata[k];
          g_autofree char *base = g_path_get_basename (file);

          g_assert_cmpuint (strlen (base), <=, 255);
          for (const char *c = file; *c; c++)
            g_assert_true ((guchar) *c >= 0x20);
        }
      g_test_message ("%s: %u files", formats[i], files->len);
      if (g_str_equal (formats[i], "voc"))
        {
          g_autofree char *list = g_build_filename (out, "ImageSets", "Main", "default.txt", NULL);
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;

          if (!g_file_get_contents (list, &text, NULL, NULL))
            {
              g_free (list);
              list = g_build_filename (out, "ImageSets", "Main", "trainval.txt", NULL);
              g_assert_true (g_file_get_contents (list, &text, NULL, NULL));
            }
          lines = g_strsplit (g_strchomp (text), "\n", -1);
          g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (names));
        }
      if (g_str_equal (formats[i], "yolo") || g_str_equal (formats[i], "labelme"))
        {
          g_autofree char *renamed = g_build_filename (out, "renamed-files.txt", NULL);
          g_autofree char *text = NULL;

          g_assert_true (g_file_get_contents (renamed, &text, NULL, NULL));
          /* The original name is kept, escaped. */
          g_assert_nonnull (strstr (text, "a\\nb\\x1b[31m.png"));
        }
    }
}

/* --split ../../x wrote outside --out (yolo, brat, labelme). */
static void
test_export_split_escape (void)
{
  static const char *const formats[] = { "yolo", "brat", "labelme", "coco", "conll" };
  g_autoptr(Project) p = project_new ();
  g_auto(GStrv) splits = g_strsplit ("train,../../x", ",", -1);
  g_autofree char *out = g_build_filename (p->dir, "a", "b", "out", NULL);
  g_autofree char *escaped = g_build_filename (p->dir, "a", "x", NULL);

  add_image_item (p->store, "x.png", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      CairnFormatOptions options = { .splits = splits };

      g_assert_false (cairn_format_export (p->store, formats[i], out, &options, &error));
      g_assert_nonnull (strstr (error->message, "not a folder name"));
      g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
    }
}

static guint
count_temp_folders (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    n += strstr (name, ".cairn-export-") != NULL;
  return n;
}

/* A failed export (a bad row half-way, a full disk) left partial or empty files, and COCO's
 * message named no file. */
static void
test_export_atomic (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *path = NULL;
  const CairnFormat *formats;
  guint n_formats;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("img%02u.png", i);
      add_image_item (p->store, name, NULL);
    }
  /* The last annotation is unreadable: every exporter fails after writing the others. */
  path = mutated_copy (p, "bad.cairn", "UPDATE annotations SET kind = 99 WHERE id = "
                       "(SELECT max (id) FROM annotations)");
  p->store = cairn_store_open (path, NULL);
  formats = cairn_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *keep = g_build_filename ("out", formats[i].name, "keep.txt", NULL);
      g_autofree char *old = write_file (p, keep, "from before", -1);
      g_autofree char *out = g_path_get_dirname (old);

      if (formats[i].export == NULL)
        continue;
      if (cairn_format_export (p->store, formats[i].name, out, NULL, &error))
        continue;
      g_assert_null (strstr (error->message, ".cairn-export-"));
      list_tree (out, NULL, files);
      g_assert_cmpuint (files->len, ==, 1);
      g_assert_cmpuint (count_temp_folders (p->dir), ==, 0);
      g_assert_cmpuint (count_temp_folders (out), ==, 0);
    }
}

/* A full disk: files may grow to 4 KB only. */
static void
test_export_disk_full (void)
{
  static const char *const formats[] = { "coco", "cairn", "yolo", "labelme", "cvat", "labelstudio",
                                         "via", "voc" };
  g_autoptr(Project) p = project_new ();
  struct rlimit before, small;

  fill_every_kind (p);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("a-rather-long-image-name-%02u.png", i);
      add_image_item (p->store, name, NULL);
    }
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &before), ==, 0);
  small = (struct rlimit) { 4096, before.rlim_max };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (p->dir, "full", formats[i], NULL);
      g_autofree char *parent = g_path_get_dirname (out);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
      ok = cairn_format_export (p->store, formats[i], out, NULL, &error);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &before), ==, 0);
      g_assert_false (ok);
      g_test_message ("%s: %s", formats[i], error->message);
      /* The message names the file where the user looks for it. */
      g_assert_nonnull (strstr (error->message, out));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_temp_folders (parent), ==, 0);
    }
}


/* ---- Finding 8: values at the door ---- */

static void
test_values_at_the_door (void)
{
  static const struct { const char *format, *name, *text, *expect; } cases[] = {
    { "labelme", "big.json", "{\"shapes\": [{\"label\": \"a\", \"shape_type\": \"rectangle\", "
      "\"points\": [[99999999999999999999999, 1], [5, 5]]}], \"imagePath\": \"x.png\"}",
      "does not fit in 64 bits" },
    { "labelme", "huge.json", "{\"shapes\": [{\"label\": \"a\", \"shape_type\": \"rectangle\", "
      "\"points\": [[1e308, 1], [5, 5]]}], \"imagePath\": \"x.png\"}", "out of range" },
    { "labelme", "esc.json", "{\"shapes\": [{\"label\": \"\\u001b[31mred\", \"shape_type\": "
      "\"rectangle\", \"points\": [[1, 1], [5, 5]]}], \"imagePath\": \"x.png\"}",
      "control character" },
    { "cvat", "annotations.xml", "<annotations><image id=\"0\" name=\"x.png\" width=\"9\" "
      "height=\"9\"><box label=\"a\" xtl=\"1e308\" ytl=\"1\" xbr=\"3\" ybr=\"3\"/></image>"
      "</annotations>", "range" },
    { "jsonl", "offsets.jsonl", "{\"text\": \"hello\", \"spans\": [{\"start\": 0, \"end\": "
      "99999999999999999999, \"label\": \"X\"}]}\n", "does not fit in 64 bits" },
    { "coco", "coco.json", "{\"images\": [{\"id\": 1, \"file_name\": \"x.png\", \"width\": 9, "
      "\"height\": 9}], \"categories\": [{\"id\": 1, \"name\": \"a\"}], \"annotations\": [{"
      "\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1e308, 0, 1, 1]}]}", "range" },
    { "coco", "name.json", "{\"images\": [], \"categories\": [{\"id\": 1, \"name\": "
      "\"bad\\u0007bell\"}], \"annotations\": []}", "control character" },
    /* Finding 10: a count that large said "must be a whole number" */
    { "textgrid", "a.TextGrid", "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n"
      "xmin = 0\nxmax = 1\ntiers? <exists>\nsize = 999999999\nitem []:\n",
      "999999999 is more than this reader takes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Project) p = project_new ();
      g_autofree char *path = write_file (p, cases[i].name, cases[i].text, -1);
      g_autoptr(GError) error = import_fails (p, cases[i].format, path, cases[i].expect, NULL);

      g_test_message ("%s: %s", cases[i].format, error->message);
    }
}

/* A JSONL span that cuts a character in two is kept with a warning that says where. */
static void
test_span_grapheme (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *path = write_file (p, "g.jsonl", "{\"text\": \"e\xcc\x81tude\", \"spans\": "
                                      "[{\"start\": 0, \"end\": 1, \"label\": \"X\"}, {\"start\": "
                                      "0, \"end\": 2, \"label\": \"Y\"}]}\n", -1);
  g_autoptr(CairnImportReport) report = import_ok (p, "jsonl", path, NULL);

  g_assert_cmpuint (report->annotations_added, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "span X [0, 1) splits a character at "
                            "offset 1"));
}


/* ---- Finding 10: Krippendorff's alpha was quadratic in raters (one item, 5 000: 55 s) ---- */

/* The textbook form, pair by pair, for the comparison. */
static double
alpha_by_pairs (const double *x, guint n_items, guint n_raters, gboolean interval)
{
  double observed = 0, expected = 0, n = n_items * n_raters;

  for (guint i = 0; i < n_items; i++)
    {
      double sum = 0;

      for (guint a = 0; a < n_raters; a++)
        for (guint b = 0; b < n_raters; b++)
          {
            double d = x[i * n_raters + a] - x[i * n_raters + b];
            sum += interval ? d * d : d != 0;
          }
      observed += sum / (n_raters - 1);
    }
  /* Expected disagreement from the values' counts (that part did not change). */
  {
    double count[10] = { 0 };

    for (guint p = 0; p < n_items * n_raters; p++)
      count[(int) x[p]]++;
    for (int c = 0; c < 10; c++)
      for (int k = 0; k < 10; k++)
        expected += count[c] * count[k] * (interval ? (c - k) * (c - k) : c != k);
  }
  return 1 - (n - 1) * observed / expected;
}

static void
test_alpha_many_raters (void)
{
  const guint n_items = 2, n_raters = 5000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autofree double *x = g_new (double, n_items * n_raters);
  CairnRatings *ratings = cairn_ratings_new ();

  for (guint r = 0; r < n_raters; r++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", r);
      cairn_ratings_add_rater (ratings, name);
    }
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i);
      guint item = cairn_ratings_add_item (ratings, id);

      for (guint r = 0; r < n_raters; r++)
        {
          char value[2] = { '1' + g_rand_int_range (rand, 0, i ? 2 : 5), '\0' };

          x[i * n_raters + r] = value[0] - '0';
          cairn_ratings_set (ratings, item, r, value);
        }
    }
  for (guint interval = 0; interval < 2; interval++)
    {
      CairnAgreementOptions options = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
      g_autoptr(GError) error = NULL;
      CairnAgreement *alpha;
      double expected = alpha_by_pairs (x, n_items, n_raters, interval);

      options.level = interval ? CAIRN_LEVEL_INTERVAL : CAIRN_LEVEL_NOMINAL;
      alpha = cairn_agreement_compute (ratings, &options, &error);
      g_assert_no_error (error);
      g_test_message ("%s: alpha = %.9f (pair by pair: %.9f)",
                      interval ? "interval" : "nominal", alpha->value, expected);
      g_assert_cmpfloat_with_epsilon (alpha->value, expected, 1e-9);
      cairn_agreement_free (alpha);
    }
  cairn_ratings_free (ratings);
}


/* ---- Every export is valid: strict parsers, then a re-import ---- */

static void
markup_text_cb (GMarkupParseContext *context, const char *text, gsize length, gpointer data,
                GError **error)
{
}

static void
check_strict (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_utf8_validate (contents, length, NULL) || g_str_has_suffix (path, ".png"));
  if (g_str_has_suffix (path, ".json"))
    {
      g_autoptr(JsonNode) node = cairn_json_text_parse (contents, length, &error);

      if (node == NULL)
        g_error ("%s: %s", path, error->message);
    }
  else if (g_str_has_suffix (path, ".jsonl"))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i]; i++)
        if (*lines[i])
          {
            g_autoptr(JsonNode) node = cairn_json_text_parse (lines[i], -1, &error);

            if (node == NULL)
              g_error ("%s:%u: %s", path, i + 1, error->message);
          }
    }
  else if (g_str_has_suffix (path, ".xml"))
    {
      GMarkupParser parser = { NULL, NULL, markup_text_cb, NULL, NULL };
      g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL,
                                                                           NULL);

      /* GMarkup refuses what XML 1.0 refuses, &#x1b; included. */
      if (!g_markup_parse_context_parse (context, contents, length, &error)
          || !g_markup_parse_context_end_parse (context, &error))
        g_error ("%s: %s", path, error->message);
    }
  else if (g_str_has_suffix (path, ".yaml"))
    {
      g_autoptr(JsonObject) yaml = cairn_yaml_parse_file (path, &error);

      if (yaml == NULL)
        g_error ("%s: %s", path, error->message);
    }
}

static void
test_every_export_valid (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(GError) error = NULL;
  const CairnFormat *formats;
  guint n_formats;

  fill_every_kind (p);
  /* Names that break writers that escape too little: a line separator (JSON allows it, JS
   * does not), markup, quotes, a backslash, emoji with a joiner. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CairnLabel) label = cairn_label_new ((const char *[]) {
        "line\u2028sep \\\\ back", "</annotation><x a=\"'", "👩‍👩‍👧 family" }[i]);
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);

      g_assert_true (cairn_store_add_label (p->store, label, &error));
      a->item_id = cairn_store_find_item_by_basename (p->store, "far away.png", NULL);
      a->label_id = label->id;
      cairn_annotation_set_box (a, 1 + i, 2, 3, 4);
      g_assert_true (cairn_store_add_annotation (p->store, a, &error));
    }
  formats = cairn_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autofree char *out = g_build_filename (p->dir, "out", formats[i].name, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      CairnFormatOptions options = { .warnings = warnings };
      g_autoptr(Project) back = NULL;
      g_autoptr(CairnImportReport) report = cairn_import_report_new ();
      g_autofree char *target = NULL;
      g_auto(GStrv) extensions = NULL;

      if (formats[i].export == NULL)
        continue;
      if (!cairn_format_export (p->store, formats[i].name, out, &options, &error))
        {
          /* CoNLL cannot hold overlapping spans, and says so. */
          g_test_message ("%s: %s", formats[i].name, error->message);
          g_assert_true (g_str_equal (formats[i].name, "conll"));
          g_clear_error (&error);
          continue;
        }
      list_tree (out, NULL, files);
      for (guint k = 0; k < files->len; k++)
        {
          g_autofree char *path = g_build_filename (out, files->pdata[k], NULL);
          check_strict (path);
        }
      if (formats[i].import == NULL)
        continue;
      /* The folder, or its one annotation file. */
      target = g_strdup (out);
      extensions = g_strsplit (formats[i].extensions ? formats[i].extensions : "", ",", -1);
      for (guint k = 0; k < files->len && extensions[0]; k++)
        if (g_str_has_suffix (files->pdata[k], extensions[0])
            && !strchr (files->pdata[k], '/') && files->len <= 2
            && !g_str_equal (formats[i].name, "yolo"))
          {
            g_free (target);
            target = g_build_filename (out, files->pdata[k], NULL);
          }
      back = project_new ();
      if (!cairn_format_import (back->store, formats[i].name, target, NULL, report, &error))
        g_error ("%s: re-import of %s: %s", formats[i].name, target, error->message);
      g_test_message ("%s: %u files, re-imported %u items, %u annotations", formats[i].name,
                      files->len, report->items_added, report->annotations_added);
      g_assert_cmpuint (report->annotations_added, >, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/json/depth-limit", test_json_depth_limit);
  g_test_add_func ("/hostile/json/deep-imports", test_deep_json_imports);
  g_test_add_func ("/hostile/json/deep-folder", test_deep_json_folder);
  g_test_add_func ("/hostile/image/bombs", test_image_bombs);
  g_test_add_func ("/hostile/image/bomb-import", test_image_bomb_import);
  g_test_add_func ("/hostile/media/root", test_media_root);
  g_test_add_func ("/hostile/media/images-only", test_image_format_reads_images_only);
  g_test_add_func ("/hostile/media/folder-symlink", test_folder_symlink);
  g_test_add_func ("/hostile/media/yolo-outside", test_yolo_outside);
  g_test_add_func ("/hostile/media/yolo-link-loop", test_yolo_link_loop);
  g_test_add_func ("/hostile/media/yolo-layouts-outside", test_yolo_layouts_outside);
  g_test_add_func ("/hostile/export/verified-media", test_export_verified_media);
  g_test_add_func ("/hostile/export/names", test_export_names);
  g_test_add_func ("/hostile/export/split-escape", test_export_split_escape);
  g_test_add_func ("/hostile/export/atomic", test_export_atomic);
  g_test_add_func ("/hostile/export/disk-full", test_export_disk_full);
  g_test_add_func ("/hostile/values/door", test_values_at_the_door);
  g_test_add_func ("/hostile/values/span-grapheme", test_span_grapheme);
  g_test_add_func ("/hostile/quality/alpha-many-raters", test_alpha_many_raters);
  g_test_add_func ("/hostile/export/every-export-valid", test_every_export_valid);
  g_test_add_func ("/hostile/store/rows", test_hostile_rows);
  g_test_add_func ("/hostile/store/values", test_hostile_values);
  g_test_add_func ("/hostile/store/raster-budget", test_raster_budget);
  g_test_add_func ("/hostile/annotator/empty", test_empty_annotator);
  return g_test_run ();
}
