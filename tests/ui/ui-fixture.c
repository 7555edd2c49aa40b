/* Projects for the UI tests, made through the store API with images drawn here. */
#include <glib/gstdio.h>

#include "model/cairn-rle.h"
#include "ui-fixture.h"

GdkPixbuf *
fixture_pixbuf (int     width,
                int     height,
                guint32 rgb)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        gboolean frame = x == 0 || y == 0 || x == width - 1 || y == height - 1;

        p[0] = frame ? 0 : (rgb >> 16) & 0xff;
        p[1] = frame ? 0 : (rgb >> 8) & 0xff;
        p[2] = frame ? 0 : rgb & 0xff;
      }
  return pixbuf;
}

gboolean
fixture_write_png (const char *path,
                   int         width,
                   int         height,
                   guint32     rgb,
                   GError    **error)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (width, height, rgb);

  return gdk_pixbuf_save (pixbuf, path, "png", error, NULL);
}

static gint64
add_label (CairnStore *store,
           const char *name,
           const char *color,
           const char *hotkey)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  label->color = g_strdup (color);
  label->hotkey = g_strdup (hotkey);
  if (g_str_equal (name, "person"))
    g_assert_true (cairn_label_skeleton_from_json (label,
                     "{\"points\": [\"head\", \"hip\", \"foot\"], \"edges\": [[0, 1], [1, 2]]}",
                     &error));
  g_assert_no_error (error);
  g_assert_true (cairn_store_add_label (store, label, &error));
  g_assert_no_error (error);
  return label->id;
}

gint64
fixture_add_image (Fixture        *f,
           const char     *name,
           int             width,
           int             height,
           int             orientation,
           guint32         rgb,
           CairnItemState  state,
           gboolean        embed)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gboolean turned = orientation >= 5;

  g_assert_true (fixture_write_png (path, width, height, rgb, &error));
  g_assert_no_error (error);
  item->uri = g_strdup (name);
  item->width = turned ? height : width;
  item->height = turned ? width : height;
  item->orientation = orientation;
  item->state = state;
  item->sha256 = g_strdup_printf ("%064x", (unsigned) rgb + width);
  if (embed)
    {
      char *contents;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      item->blob = g_bytes_new_take (contents, length);
      /* Only the copy inside the project remains. */
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  g_assert_no_error (error);
  return item->id;
}

void
fixture_add_annotation (Fixture         *f,
                CairnAnnotation *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  g_assert_no_error (error);
  cairn_annotation_free (a);
}

CairnAnnotation *
fixture_shape (gint64        item,
       gint64        label,
       CairnKind     kind,
       const double *coords,
       guint         n)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->item_id = item;
  a->label_id = label;
  if (coords != NULL)
    cairn_annotation_set_coords (a, coords, n);
  return a;
}

static void
add_shapes (Fixture *f)
{
  gint64 item = f->shapes_image;
  static const double box[] = { 40, 40, 100, 80 };
  static const double box2[] = { 200, 150, 60, 60 };
  static const double rbox[] = { 320, 60, 60, 30, 30 };
  static const double ellipse[] = { 330, 240, 30, 20, 0 };
  static const double ring[] = { 20, 200, 120, 190, 100, 280, 30, 270 };
  static const double line[] = { 150, 20, 250, 30, 300, 120 };
  static const double points[] = { 160, 260, 180, 270 };
  static const double keypoints[] = { 280, 150, 2, 290, 200, 2, 285, 250, 1 };
  static const double cuboid[] = { 150, 120, 190, 120, 190, 160, 150, 160,
                                   165, 105, 205, 105, 205, 145, 165, 145 };
  CairnAnnotation *a;
  g_autofree guint8 *bits = g_new0 (guint8, 300 * 400);

  fixture_add_annotation (f, fixture_shape (item, f->cat, CAIRN_KIND_BOX, box, 4));
  fixture_add_annotation (f, fixture_shape (item, f->dog, CAIRN_KIND_BOX, box2, 4));
  fixture_add_annotation (f, fixture_shape (item, f->dog, CAIRN_KIND_RBOX, rbox, 5));
  fixture_add_annotation (f, fixture_shape (item, f->saram, CAIRN_KIND_ELLIPSE, ellipse, 5));
  a = fixture_shape (item, f->cat, CAIRN_KIND_POLYGON, NULL, 0);
  cairn_annotation_add_ring (a, ring, 4);
  fixture_add_annotation (f, a);
  a = fixture_shape (item, f->dog, CAIRN_KIND_POLYLINE, NULL, 0);
  cairn_annotation_add_ring (a, line, 3);
  fixture_add_annotation (f, a);
  fixture_add_annotation (f, fixture_shape (item, f->saram, CAIRN_KIND_POINTS, points, 4));
  fixture_add_annotation (f, fixture_shape (item, f->person, CAIRN_KIND_KEYPOINTS, keypoints, 9));
  fixture_add_annotation (f, fixture_shape (item, f->cat, CAIRN_KIND_CUBOID, cuboid, 16));
  /* A mask: the square [340, 380) × [100, 140). */
  for (int y = 100; y < 140; y++)
    for (int x = 340; x < 380; x++)
      bits[y * 400 + x] = 1;
  a = fixture_shape (item, f->saram, CAIRN_KIND_MASK, NULL, 0);
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 300, 400));
  fixture_add_annotation (f, a);
  f->n_shapes = 10;
  /* A tag draws nothing on the picture. */
  fixture_add_annotation (f, fixture_shape (item, f->cat, CAIRN_KIND_TAG, NULL, 0));
}

static void
add_text (Fixture *f)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GError) error = NULL;
  static const double saram[] = { 6, 8 };
  static const double seoul[] = { 10, 12 };

  item->text = g_strdup (FIXTURE_TEXT);
  item->state = CAIRN_STATE_IN_PROGRESS;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  g_assert_no_error (error);
  f->text_item = item->id;
  fixture_add_annotation (f, fixture_shape (item->id, f->saram, CAIRN_KIND_SPAN, saram, 2));
  fixture_add_annotation (f, fixture_shape (item->id, f->cat, CAIRN_KIND_SPAN, seoul, 2));
}

static void
add_audio (Fixture *f)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_AUDIO);
  g_autoptr(GError) error = NULL;

  item->uri = g_strdup ("speech.wav");
  item->duration_ms = 83500;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  g_assert_no_error (error);
  f->audio_item = item->id;
}

Fixture *
fixture_new (void)
{
  return fixture_new_in (NULL);
}

Fixture *
fixture_new_in (const char *dir)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  if (dir != NULL)
    {
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      f->dir = g_strdup (dir);
      f->keep = TRUE;
    }
  else
    f->dir = g_dir_make_tmp ("cairn-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.cairn", NULL);
  f->store = cairn_store_create (f->path, "UI test", &error);
  g_assert_no_error (error);

  g_assert_true (cairn_store_begin (f->store, &error));
  f->cat = add_label (f->store, "cat", FIXTURE_CAT_COLOR, "c");
  f->dog = add_label (f->store, "dog", FIXTURE_DOG_COLOR, "d");
  f->person = add_label (f->store, "person", FIXTURE_PERSON_COLOR, NULL);
  f->saram = add_label (f->store, "사람", FIXTURE_SARAM_COLOR, "s");
  f->shapes_image = fixture_add_image (f, "shapes.png", 400, 300, 1, 0xdddddd, CAIRN_STATE_NEW, FALSE);
  add_shapes (f);
  f->wide_image = fixture_add_image (f, "wide.png", 1600, 400, 0, 0x88aacc, CAIRN_STATE_DONE, FALSE);
  {
    static const double box[] = { 100, 100, 200, 100 };

    fixture_add_annotation (f, fixture_shape (f->wide_image, f->dog, CAIRN_KIND_BOX, box, 4));
  }
  add_text (f);
  add_audio (f);
  f->embedded_image = fixture_add_image (f, "embedded.png", 64, 64, 0, 0x33aa55, CAIRN_STATE_REVIEW,
                                 TRUE);
  f->rotated_image = fixture_add_image (f, "rotated.png", 40, 20, 6, 0xaa3355, CAIRN_STATE_NEW, FALSE);
  g_assert_true (cairn_store_commit (f->store, &error));
  g_assert_no_error (error);
  return f;
}

void
fixture_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
fixture_free (Fixture *f)
{
  if (f == NULL)
    return;
  g_clear_object (&f->store);
  if (!f->keep)
    fixture_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f);
}
