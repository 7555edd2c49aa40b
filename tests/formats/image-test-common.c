/* Helpers shared by the image format tests. */
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "image-test-common.h"

ImageTest *
image_test_new (void)
{
  g_autoptr(GError) error = NULL;
  ImageTest *test = g_new0 (ImageTest, 1);

  test->dir = g_dir_make_tmp ("cairn-image-test-XXXXXX", &error);
  g_assert_no_error (error);
  test->path = g_build_filename (test->dir, "test.cairn", NULL);
  test->store = cairn_store_create (test->path, "test", &error);
  g_assert_no_error (error);
  return test;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
image_test_free (ImageTest *test)
{
  g_clear_object (&test->store);
  remove_tree (test->dir);
  g_free (test->dir);
  g_free (test->path);
  g_free (test);
}

char *
image_test_data (const char *format,
                 const char *name)
{
  const char *root = g_getenv ("CAIRN_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "formats", format, name, NULL);
}

CairnImportReport *
image_test_import (ImageTest                *test,
                   const char               *format,
                   const char               *path,
                   const CairnFormatOptions *options)
{
  g_autoptr(GError) error = NULL;
  CairnImportReport *report = cairn_import_report_new ();

  cairn_format_import (test->store, format, path, options, report, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) report->warnings->pdata[i]);
  return report;
}

static char *
snapshot (ImageTest *test)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (test->store, NULL);
  g_autoptr(GPtrArray) history = cairn_store_list_history (test->store, 0, NULL);
  gint64 kinds[CAIRN_N_KINDS];
  GString *s = g_string_new (NULL);

  g_assert_true (cairn_store_count_annotations_by_kind (test->store, kinds, NULL));
  g_string_append_printf (s, "items %" G_GINT64_FORMAT " labels %u history %u annotations",
                          cairn_store_count_items (test->store, -1), labels->len, history->len);
  for (int k = 0; k < CAIRN_N_KINDS; k++)
    g_string_append_printf (s, " %" G_GINT64_FORMAT, kinds[k]);
  return g_string_free (s, FALSE);
}

void
image_test_import_fails (ImageTest         *test,
                         const char        *format,
                         const char        *path,
                         const char *const *must_contain)
{
  /* Strict: each record error fails the import (else it would be skipped). */
  CairnFormatOptions strict = { .strict = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autofree char *before = snapshot (test);
  g_autofree char *after = NULL;

  g_assert_false (cairn_format_import (test->store, format, path, &strict, report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s → %s", path, error->message);
  for (guint i = 0; must_contain && must_contain[i]; i++)
    if (strstr (error->message, must_contain[i]) == NULL)
      g_error ("“%s” does not mention “%s”", error->message, must_contain[i]);
  after = snapshot (test);
  g_assert_cmpstr (before, ==, after);
}

CairnItem *
image_test_find_item (ImageTest  *test,
                      const char *name)
{
  CairnItemFilter filter = CAIRN_ITEM_FILTER_ANY;
  g_autoptr(GArray) ids = cairn_store_list_item_ids (test->store, &filter, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      CairnItem *item = cairn_store_get_item (test->store, g_array_index (ids, gint64, i), NULL);

      if (item->uri && g_str_has_suffix (item->uri, name))
        return item;
      cairn_item_free (item);
    }
  return NULL;
}

GPtrArray *
image_test_annotations (ImageTest  *test,
                        const char *item_name,
                        const char *label_name,
                        gint        kind)
{
  g_autoptr(CairnItem) item = image_test_find_item (test, item_name);
  g_autoptr(CairnLabel) label = label_name ? cairn_store_find_label (test->store, label_name, NULL)
                                           : NULL;
  GPtrArray *all, *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);

  g_assert_nonnull (item);
  if (label_name)
    g_assert_nonnull (label);
  all = cairn_store_list_annotations (test->store, item->id, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      CairnAnnotation *a = all->pdata[i];

      if ((label == NULL || a->label_id == label->id) && (kind < 0 || (gint) a->kind == kind))
        g_ptr_array_add (out, cairn_annotation_copy (a));
    }
  g_ptr_array_unref (all);
  return out;
}

gint64
image_test_count_annotations (ImageTest *test)
{
  gint64 kinds[CAIRN_N_KINDS], total = 0;

  g_assert_true (cairn_store_count_annotations_by_kind (test->store, kinds, NULL));
  for (int k = 0; k < CAIRN_N_KINDS; k++)
    total += kinds[k];
  return total;
}

static char *
describe (const CairnAnnotation *a, const char *label)
{
  g_autofree char *geometry = cairn_annotation_geometry_to_json (a);
  g_autoptr(JsonNode) attrs = json_node_init_object (json_node_alloc (), a->attributes);
  g_autofree char *attributes = json_to_string (attrs, FALSE);

  return g_strdup_printf ("%s “%s” %s %s", cairn_kind_to_string (a->kind), label, geometry,
                          attributes);
}

static void
assert_item_same (ImageTest *a, ImageTest *b, const CairnItem *item_a, double tolerance)
{
  g_autofree char *base = g_path_get_basename (item_a->uri);
  g_autoptr(CairnItem) item_b = image_test_find_item (b, base);
  g_autoptr(GPtrArray) list_a = cairn_store_list_annotations (a->store, item_a->id, NULL);
  g_autoptr(GPtrArray) list_b = NULL;
  g_autofree gboolean *used = NULL;

  if (item_b == NULL)
    g_error ("%s is missing after the round trip", item_a->uri);
  list_b = cairn_store_list_annotations (b->store, item_b->id, NULL);
  used = g_new0 (gboolean, list_b->len + 1);
  if (list_a->len != list_b->len)
    g_error ("%s: %u annotations before, %u after", base, list_a->len, list_b->len);
  for (guint i = 0; i < list_a->len; i++)
    {
      CairnAnnotation *x = list_a->pdata[i];
      g_autoptr(CairnLabel) label_a
          = x->label_id ? cairn_store_get_label (a->store, x->label_id, NULL) : NULL;
      g_autoptr(CairnLabel) label_b
          = label_a ? cairn_store_find_label (b->store, label_a->name, NULL) : NULL;
      g_autoptr(CairnAnnotation) y = cairn_annotation_copy (x);
      g_autofree char *what = NULL;
      gboolean found = FALSE;

      y->label_id = label_b ? label_b->id : 0;
      for (guint j = 0; j < list_b->len && !found; j++)
        if (!used[j] && cairn_annotation_equal (y, list_b->pdata[j], tolerance))
          found = used[j] = TRUE;
      if (found)
        continue;
      what = describe (x, label_a ? label_a->name : "");
      for (guint j = 0; j < list_b->len; j++)
        {
          CairnAnnotation *z = list_b->pdata[j];
          g_autoptr(CairnLabel) lz
              = z->label_id ? cairn_store_get_label (b->store, z->label_id, NULL) : NULL;
          g_autofree char *other = describe (z, lz ? lz->name : "");
          g_test_message ("  after: %s", other);
        }
      g_error ("%s: %s did not survive the round trip", base, what);
    }
}

void
image_test_assert_same (ImageTest *a,
                        ImageTest *b,
                        double     tolerance)
{
  CairnItemFilter filter = { CAIRN_ITEM_IMAGE, -1, NULL };
  g_autoptr(GArray) ids = cairn_store_list_item_ids (a->store, &filter, NULL);

  g_assert_cmpint (image_test_count_annotations (a), ==, image_test_count_annotations (b));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (a->store, g_array_index (ids, gint64, i),
                                                        NULL);
      assert_item_same (a, b, item, tolerance);
    }
}

void
image_test_write_png (const char *path,
                      int         width,
                      int         height,
                      guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
}

char *
image_test_read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}
