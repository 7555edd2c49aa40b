/* The masks exporter: class numbers in a palette PNG, the same in colour, the colour map. */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "image-test-common.h"
#include "formats/cairn-image-common.h"
#include "model/cairn-rle.h"

typedef struct
{
  ImageTest *t;
  CairnItem *item;
  gint64     road, car;
} Scene;

static gint64
label (ImageTest *t, const char *name, const char *color)
{
  g_autoptr(CairnLabel) l = cairn_label_new (name);

  l->color = g_strdup (color);
  g_assert_true (cairn_store_add_label (t->store, l, NULL));
  return l->id;
}

static void
add (Scene *s, CairnAnnotation *a, gint64 label_id, const char *annotator)
{
  g_autoptr(CairnAnnotation) owned = a;

  a->item_id = s->item->id;
  a->label_id = label_id;
  if (annotator)
    a->annotator_id = cairn_store_ensure_annotator (s->t->store, annotator, NULL, NULL);
  g_assert_true (cairn_store_add_annotation (s->t->store, a, NULL));
}

/* A 10 × 8 image: a road polygon along the bottom, a car mask on top of it, a rotated box,
 * and a tag and a box that are not areas. */
static void
scene_init (Scene *s)
{
  g_autofree char *image = NULL, *media = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  double road[] = { 0, 4, 10, 4, 10, 8, 0, 8 };
  double rbox[] = { 8, 1, 2, 2, 0 };
  guint8 bits[8 * 10] = { 0 };
  CairnAnnotation *a;

  s->t = image_test_new ();
  media = g_build_filename (s->t->dir, "media", NULL);
  image = g_build_filename (media, "scene.png", NULL);
  image_test_write_png (image, 10, 8, 0x336699ff);
  g_assert_true (cairn_format_import (s->t->store, "folder", media, NULL, report, &error));
  g_assert_no_error (error);
  s->item = image_test_find_item (s->t, "scene.png");
  s->road = label (s->t, "road", "#808080");
  s->car = label (s->t, "자동차", "#ff0000");

  a = cairn_annotation_new (CAIRN_KIND_POLYGON);
  cairn_annotation_add_ring (a, road, 4);
  add (s, a, s->road, "kim");
  for (guint y = 3; y < 6; y++)
    for (guint x = 2; x < 5; x++)
      bits[y * 10 + x] = 1;
  a = cairn_annotation_new (CAIRN_KIND_MASK);
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 8, 10));
  add (s, a, s->car, "kim");
  a = cairn_annotation_new (CAIRN_KIND_RBOX);
  cairn_annotation_set_coords (a, rbox, 5);
  add (s, a, s->car, "lee");
  a = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_box (a, 0, 0, 2, 2);
  add (s, a, s->road, "kim");
}

static void
scene_clear (Scene *s)
{
  cairn_item_free (s->item);
  image_test_free (s->t);
}

static guint8 *
read_indexed (const char *dir, const char *sub)
{
  g_autofree char *path = g_build_filename (dir, sub, "scene.png", NULL);
  g_autoptr(GError) error = NULL;
  guint w, h;
  guint8 *pixels = cairn_png_read_indices (path, NULL, 0, &w, &h, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (w, ==, 10);
  g_assert_cmpuint (h, ==, 8);
  return pixels;
}

static void
test_export (void)
{
  Scene s;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *labelmap = NULL, *colormap = NULL, *labelmap_path = NULL;
  g_autofree char *colormap_path = NULL, *color_path = NULL;
  g_autofree guint8 *px = NULL;
  g_autoptr(GdkPixbuf) color = NULL;
  const guint8 *rgb;
  int stride;

  scene_init (&s);
  out = g_build_filename (s.t->dir, "out", NULL);
  g_assert_true (cairn_format_export (s.t->store, "masks", out, NULL, &error));
  g_assert_no_error (error);
  px = read_indexed (out, "indexed");
  /* 0 background, 1 road, 2 자동차 (label order); the car mask is drawn over the road. */
  g_assert_cmpuint (px[0 * 10 + 0], ==, 0);   /* the plain box is no area */
  g_assert_cmpuint (px[5 * 10 + 0], ==, 1);
  g_assert_cmpuint (px[7 * 10 + 9], ==, 1);
  g_assert_cmpuint (px[4 * 10 + 3], ==, 2);   /* car over road */
  g_assert_cmpuint (px[3 * 10 + 3], ==, 2);
  g_assert_cmpuint (px[3 * 10 + 6], ==, 0);
  g_assert_cmpuint (px[1 * 10 + 8], ==, 2);   /* the rotated box: x 7..9, y 0..2 */
  g_assert_cmpuint (px[1 * 10 + 6], ==, 0);

  color_path = g_build_filename (out, "color", "scene.png", NULL);
  color = gdk_pixbuf_new_from_file (color_path, &error);
  g_assert_no_error (error);
  rgb = gdk_pixbuf_read_pixels (color);
  stride = gdk_pixbuf_get_rowstride (color);
  g_assert_cmpmem (rgb + 4 * stride + 3 * 3, 3, "\xff\x00\x00", 3);
  g_assert_cmpmem (rgb + 6 * stride + 3 * 0, 3, "\x80\x80\x80", 3);
  g_assert_cmpmem (rgb + 0, 3, "\x00\x00\x00", 3);

  labelmap_path = g_build_filename (out, "labelmap.txt", NULL);
  colormap_path = g_build_filename (out, "colormap.json", NULL);
  labelmap = image_test_read_text (labelmap_path);
  colormap = image_test_read_text (colormap_path);
  g_assert_cmpstr (labelmap, ==, "# label:color_rgb:parts:actions\nbackground:0,0,0::\n"
                                 "road:128,128,128::\n자동차:255,0,0::\n");
  g_assert_nonnull (
      strstr (colormap, "{\"index\": 2, \"name\": \"자동차\", \"color\": \"#ff0000\"}"));
  scene_clear (&s);
}

/* Only one annotator's areas; each split in its own folder. */
static void
test_annotator_and_splits (void)
{
  Scene s;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *val = NULL;
  g_autofree guint8 *px = NULL;
  const char *splits[] = { "train", "val", NULL };
  CairnFormatOptions options = { 0 };

  scene_init (&s);
  g_free (s.item->split);
  s.item->split = g_strdup ("val");
  g_assert_true (cairn_store_update_item (s.t->store, s.item, NULL));
  out = g_build_filename (s.t->dir, "out", NULL);
  options.annotator = "kim";
  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (s.t->store, "masks", out, &options, &error));
  g_assert_no_error (error);
  val = g_build_filename (out, "val", NULL);
  px = read_indexed (val, "indexed");
  g_assert_cmpuint (px[4 * 10 + 3], ==, 2);
  g_assert_cmpuint (px[1 * 10 + 8], ==, 0);   /* lee's rotated box is left out */
  scene_clear (&s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/masks/export", test_export);
  g_test_add_func ("/masks/annotator-and-splits", test_annotator_and_splits);
  return g_test_run ();
}
