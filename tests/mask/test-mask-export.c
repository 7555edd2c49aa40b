/* What the segmentation tools make, through the exporters that exist: masks painted with the
 * mask core (a polygon filled, brush strokes, a dab) come back pixel for pixel from COCO RLE,
 * and VOC's SegmentationClass / SegmentationObject and the masks exporter's PNGs resolve the
 * overlap by z-order (the later mask on top); VOC read back gives the masks as shown. */
#include "mask/cairn-bitmap.h"
#include "mask/cairn-mask-paint.h"
#include "model/cairn-rle-patch.h"
#include "../formats/image-test-common.h"
#include "formats/cairn-image-common.h"

#define W 64
#define H 48

typedef struct
{
  ImageTest   *t;
  CairnItem   *item;
  CairnBitmap *cat;
  CairnBitmap *dog;
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
add_mask (Scene *s, const CairnBitmap *bits, gint64 label_id)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_MASK);

  a->item_id = s->item->id;
  a->label_id = label_id;
  cairn_annotation_set_mask (a, cairn_bitmap_to_rle (bits));
  g_assert_true (cairn_store_add_annotation (s->t->store, a, NULL));
}

static void
scene_init (Scene *s)
{
  g_autofree char *media = NULL, *image = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  const double field[] = { 4, 6, 40, 4, 44, 30, 8, 34 };
  const guint four = 4;

  s->t = image_test_new ();
  media = g_build_filename (s->t->dir, "media", NULL);
  image = g_build_filename (media, "field.png", NULL);
  image_test_write_png (image, W, H, 0x55aa55ff);
  g_assert_true (cairn_format_import (s->t->store, "folder", media, NULL, report, &error));
  g_assert_no_error (error);
  s->item = image_test_find_item (s->t, "field.png");
  s->cat = cairn_bitmap_new (W, H);
  cairn_mask_fill_polygon (s->cat, field, &four, 1, 1, NULL);
  cairn_mask_stroke (NULL, s->cat, CAIRN_TIP_SQUARE, 3, 2, 44, 60, 44, 1);
  cairn_mask_dab (s->cat, CAIRN_TIP_ROUND, 6, 20, 18, 0, NULL); /* a hole */
  s->dog = cairn_bitmap_new (W, H);
  cairn_mask_dab (s->dog, CAIRN_TIP_ROUND, 16, 40, 28, 1, NULL);
  add_mask (s, s->cat, label (s->t, "cat", "#ff0000"));
  add_mask (s, s->dog, label (s->t, "dog", "#0000ff"));
}

static void
scene_clear (Scene *s)
{
  cairn_item_free (s->item);
  cairn_bitmap_free (s->cat);
  cairn_bitmap_free (s->dog);
  image_test_free (s->t);
}

static CairnBitmap *
stored_mask (ImageTest *t, const char *label_name)
{
  g_autoptr(GPtrArray) list = image_test_annotations (t, "field.png", label_name,
                                                      CAIRN_KIND_MASK);
  g_autoptr(GError) error = NULL;
  CairnBitmap *bits;

  g_assert_cmpuint (list->len, ==, 1);
  bits = cairn_bitmap_new_from_rle (((CairnAnnotation *) list->pdata[0])->mask, &error);
  g_assert_no_error (error);
  return bits;
}

static void
test_coco (void)
{
  Scene s;
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *out = NULL, *json = NULL;
  g_autoptr(CairnImportReport) report = NULL;
  g_autoptr(CairnBitmap) cat = NULL, dog = NULL;
  g_autoptr(GError) error = NULL;

  scene_init (&s);
  out = g_build_filename (s.t->dir, "coco", NULL);
  g_assert_true (cairn_format_export (s.t->store, "coco", out, NULL, &error));
  g_assert_no_error (error);
  json = g_build_filename (out, "instances.json", NULL);
  report = image_test_import (b, "coco", json, NULL);
  image_test_assert_same (s.t, b, 0);
  cat = stored_mask (b, "cat");
  dog = stored_mask (b, "dog");
  g_assert_true (cairn_bitmap_equal (cat, s.cat));
  g_assert_true (cairn_bitmap_equal (dog, s.dog));
  g_assert_false (cairn_bitmap_get (cat, 20, 18));
  scene_clear (&s);
}

static guint8 *
indices (const char *dir, const char *sub)
{
  g_autofree char *path = g_build_filename (dir, sub, "field.png", NULL);
  g_autoptr(GError) error = NULL;
  guint w, h;
  guint8 *px = cairn_png_read_indices (path, NULL, 0, &w, &h, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (w, ==, W);
  g_assert_cmpuint (h, ==, H);
  return px;
}

/* A class's number: its line in labelmap.txt (after the comment; background is 0). */
static guint
class_index (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, "labelmap.txt", NULL);
  g_autofree char *text = image_test_read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return i - 1;
  g_assert_not_reached ();
}

static void
test_voc (void)
{
  Scene s;
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *out = NULL;
  g_autofree guint8 *classes = NULL, *objects = NULL;
  g_autoptr(CairnImportReport) report = NULL;
  g_autoptr(CairnBitmap) cat = NULL, dog = NULL, shown_cat = NULL;
  g_autoptr(GError) error = NULL;
  guint cat_index, dog_index;

  scene_init (&s);
  out = g_build_filename (s.t->dir, "voc", NULL);
  g_assert_true (cairn_format_export (s.t->store, "voc", out, NULL, &error));
  g_assert_no_error (error);
  cat_index = class_index (out, "cat");
  dog_index = class_index (out, "dog");
  g_assert_cmpuint (cat_index, !=, dog_index);
  classes = indices (out, "SegmentationClass");
  objects = indices (out, "SegmentationObject");
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        gboolean c = cairn_bitmap_get (s.cat, x, y), d = cairn_bitmap_get (s.dog, x, y);
        guint8 k = classes[y * W + x], o = objects[y * W + x];

        /* The dog, made later, is over the cat where they overlap. */
        g_assert_cmpuint (k, ==, d ? dog_index : c ? cat_index : 0);
        g_assert_cmpuint (o, ==, d ? 2 : c ? 1 : 0);
      }

  /* Read back, each object is what was shown of it. */
  report = image_test_import (b, "voc", out, NULL);
  cat = stored_mask (b, "cat");
  dog = stored_mask (b, "dog");
  shown_cat = cairn_bitmap_copy (s.cat);
  cairn_bitmap_merge (shown_cat, s.dog, NULL, 0);
  g_assert_true (cairn_bitmap_equal (dog, s.dog));
  g_assert_true (cairn_bitmap_equal (cat, shown_cat));
  scene_clear (&s);
}


/* Semantic masks as the canvas makes them (the dog took its pixels from the cat): VOC writes
 * one class per pixel to SegmentationClass and no objects, and reads them back as the same
 * semantic masks. */
static void
test_voc_semantic (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *media = NULL, *image = NULL, *out = NULL, *objects = NULL;
  g_autofree guint8 *classes = NULL, *take = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(CairnBitmap) cat = cairn_bitmap_new (W, H), dog = cairn_bitmap_new (W, H);
  g_autoptr(CairnRle) cat_rle = NULL, cat_left = NULL;
  g_autoptr(GError) error = NULL;
  CairnMaskRect all = { 0, 0, W, H };
  gint64 ids[2];
  CairnItem *item;
  guint cat_index, dog_index;

  media = g_build_filename (t->dir, "media", NULL);
  image = g_build_filename (media, "field.png", NULL);
  image_test_write_png (image, W, H, 0x55aa55ff);
  g_assert_true (cairn_format_import (t->store, "folder", media, NULL, report, &error));
  g_assert_no_error (error);
  item = image_test_find_item (t, "field.png");
  cairn_mask_dab (cat, CAIRN_TIP_SQUARE, 30, 24, 24, 1, NULL);
  cairn_mask_dab (dog, CAIRN_TIP_ROUND, 20, 40, 24, 1, NULL);
  take = g_malloc0 (W * H);
  cairn_bitmap_read_rect (dog, &all, take, W, 1);
  cat_rle = cairn_bitmap_to_rle (cat);
  cat_left = cairn_rle_take (cat_rle, take, 0, 0, W, H);
  g_assert_nonnull (cat_left);
  ids[0] = label (t, "cat", "#ff0000");
  ids[1] = label (t, "dog", "#0000ff");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_MASK);

      a->item_id = item->id;
      a->label_id = ids[i];
      cairn_annotation_set_mask (a, i == 0 ? cairn_rle_copy (cat_left) : cairn_bitmap_to_rle (dog));
      json_object_set_boolean_member (a->attributes, CAIRN_MASK_SEMANTIC, TRUE);
      g_assert_true (cairn_store_add_annotation (t->store, a, &error));
    }
  out = g_build_filename (t->dir, "voc", NULL);
  g_assert_true (cairn_format_export (t->store, "voc", out, NULL, &error));
  g_assert_no_error (error);
  cat_index = class_index (out, "cat");
  dog_index = class_index (out, "dog");
  classes = indices (out, "SegmentationClass");
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      g_assert_cmpuint (classes[y * W + x], ==, cairn_bitmap_get (dog, x, y)   ? dog_index
                                                : cairn_bitmap_get (cat, x, y) ? cat_index
                                                                               : 0);
  objects = g_build_filename (out, "SegmentationObject", "field.png", NULL);
  g_assert_false (g_file_test (objects, G_FILE_TEST_EXISTS));

  g_clear_pointer (&report, cairn_import_report_free);
  report = image_test_import (b, "voc", out, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) list = image_test_annotations (b, "field.png", i ? "dog" : "cat",
                                                          CAIRN_KIND_MASK);
      const CairnAnnotation *a;

      g_assert_cmpuint (list->len, ==, 1);
      a = list->pdata[0];
      g_assert_true (json_object_get_boolean_member_with_default (a->attributes,
                                                                  CAIRN_MASK_SEMANTIC, FALSE));
      if (i == 0)
        g_assert_true (cairn_rle_equal (a->mask, cat_left));
      else
        {
          g_autoptr(CairnRle) d = cairn_bitmap_to_rle (dog);

          g_assert_true (cairn_rle_equal (a->mask, d));
        }
    }
  cairn_item_free (item);
}

static void
test_masks (void)
{
  Scene s;
  g_autofree char *out = NULL;
  g_autofree guint8 *px = NULL;
  g_autoptr(GError) error = NULL;

  scene_init (&s);
  out = g_build_filename (s.t->dir, "masks", NULL);
  g_assert_true (cairn_format_export (s.t->store, "masks", out, NULL, &error));
  g_assert_no_error (error);
  px = indices (out, "indexed");
  /* Label order: cat 1, dog 2. */
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      g_assert_cmpuint (px[y * W + x], ==, cairn_bitmap_get (s.dog, x, y)   ? 2
                                           : cairn_bitmap_get (s.cat, x, y) ? 1
                                                                            : 0);
  scene_clear (&s);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mask/export/coco", test_coco);
  g_test_add_func ("/mask/export/voc", test_voc);
  g_test_add_func ("/mask/export/voc-semantic", test_voc_semantic);
  g_test_add_func ("/mask/export/masks", test_masks);
  return g_test_run ();
}
