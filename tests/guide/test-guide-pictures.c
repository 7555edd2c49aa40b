/* symlink (), hidden by -std=c17. */
#define _DEFAULT_SOURCE
/* Guideline pictures: which names are kept in the project, reading them from beside the
 * Markdown (and nothing outside its folder), and what each version shows. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "guide/cairn-guide-images.h"
#include "guide/cairn-guide-recheck.h"
#include "store/cairn-store-guide.h"

void guide_add_picture_tests (void);

typedef struct
{
  char       *dir;     /* the guideline's folder */
  char       *outside; /* a folder beside it */
  CairnStore *store;
} Fixture;

static GBytes *
png (const char *path, guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 40, 30);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  if (path != NULL)
    g_assert_true (g_file_set_contents (path, data, (gssize) size, &error));
  return g_bytes_new_take (data, size);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("cairn-guide-pictures-XXXXXX", &error);
  g_autofree char *sub = NULL, *project = NULL;

  f->dir = g_build_filename (root, "guide", NULL);
  f->outside = g_build_filename (root, "elsewhere", NULL);
  sub = g_build_filename (f->dir, "img", NULL);
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (f->outside, 0700), ==, 0);
  project = g_build_filename (root, "p.cairn", NULL);
  f->store = cairn_store_create (project, "p", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *root = g_path_get_dirname (f->dir);

  g_clear_object (&f->store);
  remove_tree (root);
  g_free (f->dir);
  g_free (f->outside);
}

static void
test_local_names (void)
{
  g_autoptr(GPtrArray) names = cairn_guide_image_names (
    "![a](img/a.png) ![b](https://x.org/b.png) ![a again](img/a.png)\n\n"
    "![up](../c.png) ![root](/etc/d.png) ![data](data:image/png;base64,AAAA) ![e](e%20f.png)");

  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (names->pdata[0], ==, "img/a.png");
  g_assert_cmpstr (names->pdata[1], ==, "e%20f.png");
  g_assert_false (cairn_guide_is_local_image ("img/../../x.png"));
  g_assert_false (cairn_guide_is_local_image ("C:\\x.png"));
  g_assert_false (cairn_guide_is_local_image (""));
}

static void
test_read (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (f->dir, "img", "a.png", NULL);
  g_autofree char *spaced = g_build_filename (f->dir, "e f.png", NULL);
  g_autoptr(GBytes) a_bytes = png (a, 0xff0000ff);
  g_autoptr(GBytes) e_bytes = png (spaced, 0x00ff00ff);
  g_autoptr(GHashTable) images = cairn_guide_read_images (
    "![a](img/a.png) and ![e](e%20f.png), ![web](https://x.org/b.png)", f->dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (images), ==, 2);
  g_assert_true (g_bytes_equal (g_hash_table_lookup (images, "img/a.png"), a_bytes));
  g_assert_true (g_bytes_equal (g_hash_table_lookup (images, "e%20f.png"), e_bytes));
}

static void
expect_refused (Fixture *f, const char *markdown, const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) images = cairn_guide_read_images (markdown, f->dir, &error);

  g_assert_null (images);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, in_message));
}

/* Missing, not a picture, or a link that leads out of the folder: refused, named. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *secret = g_build_filename (f->outside, "secret.png", NULL);
  g_autofree char *link = g_build_filename (f->dir, "img", "link.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.png", NULL);
  g_autoptr(GBytes) bytes = png (secret, 0x0000ffff);

  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_assert_true (g_file_set_contents (text, "just text, not a PNG", -1, NULL));
  expect_refused (f, "![gone](img/gone.png)", "gone.png");
  expect_refused (f, "![text](notes.png)", "notes.png: not a picture");
  expect_refused (f, "![link](img/link.png)", "leads out of the guideline's folder");
}

/* A version shows the picture stored at or before it; keeping the bytes adds no row. */
static void
test_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) red = png (NULL, 0xff0000ff), blue = png (NULL, 0x0000ffff);
  g_autoptr(GBytes) shown1 = NULL, shown2 = NULL, shown3 = NULL, latest = NULL, none = NULL;
  g_autoptr(GHashTable) images = g_hash_table_new (g_str_hash, g_str_equal);
  gint v1, v2, v3;

  v1 = cairn_guide_publish (f->store, "# G\n\n![x](x.png)\n", NULL, "first", NULL, &error);
  g_hash_table_insert (images, "x.png", red);
  g_assert_true (cairn_guide_store_images (f->store, v1, images, &error));
  v2 = cairn_guide_publish (f->store, "# G\n\nNow: ![x](x.png)\n", NULL, "text", NULL, &error);
  g_assert_true (cairn_guide_store_images (f->store, v2, images, &error));
  g_hash_table_insert (images, "x.png", blue);
  v3 = cairn_guide_publish (f->store, "# G\n\nBlue: ![x](x.png)\n", NULL, "pic", NULL, &error);
  g_assert_true (cairn_guide_store_images (f->store, v3, images, &error));
  g_assert_no_error (error);
  shown1 = cairn_store_get_guideline_image (f->store, "x.png", v1, &error);
  shown2 = cairn_store_get_guideline_image (f->store, "x.png", v2, &error);
  shown3 = cairn_store_get_guideline_image (f->store, "x.png", v3, &error);
  latest = cairn_store_get_guideline_image (f->store, "x.png", 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (shown1, red));
  g_assert_true (g_bytes_equal (shown2, red));
  g_assert_true (g_bytes_equal (shown3, blue));
  g_assert_true (g_bytes_equal (latest, blue));
  none = cairn_store_get_guideline_image (f->store, "y.png", v3, &error);
  g_assert_null (none);
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
}

void
guide_add_picture_tests (void)
{
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/guide/pictures/local-names", test_local_names);
  ADD ("/guide/pictures/read", test_read);
  ADD ("/guide/pictures/refused", test_refused);
  ADD ("/guide/pictures/versions", test_versions);
#undef ADD
}
