/* Pascal VOC import and export, and the PNG and raster helpers under its masks. */
#include "image-test-common.h"
#include "formats/cairn-formats-image.h"
#include "formats/cairn-image-common.h"
#include "model/cairn-rle.h"

/* Palette PNGs keep their indices through a write and a read; colour PNGs map back through
 * the colours given; grey ones give their values. */
static void
test_png (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *indexed = g_build_filename (t->dir, "i.png", NULL);
  g_autofree char *small = g_build_filename (t->dir, "s.png", NULL);
  g_autofree char *rgb = g_build_filename (t->dir, "c.png", NULL);
  g_autoptr(GError) error = NULL;
  guint8 pixels[7 * 3], palette[256 * 3], colors[3 * 3] = { 0, 0, 0, 10, 20, 30, 200, 100, 0 };
  guint8 rgb_pixels[7 * 3 * 3];
  g_autofree guint8 *back = NULL, *back_small = NULL, *mapped = NULL, *bad = NULL;
  guint w, h;

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] = (i * 37) % 256;
  for (guint i = 0; i < 256; i++)
    cairn_voc_color (i, palette + 3 * i);
  g_assert_cmpuint (palette[3 * 255], ==, 224);
  g_assert_cmpuint (palette[3 * 255 + 2], ==, 192);
  g_assert_cmpuint (palette[3 * 15 + 0], ==, 192);  /* person: 192, 128, 128 */
  g_assert_cmpuint (palette[3 * 15 + 1], ==, 128);
  g_assert_true (cairn_png_write_indexed (indexed, 7, 3, pixels, palette, 256, &error));
  g_assert_no_error (error);
  back = cairn_png_read_indices (indexed, NULL, 0, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w, ==, 7);
  g_assert_cmpuint (h, ==, 3);
  g_assert_cmpmem (back, sizeof pixels, pixels, sizeof pixels);

  for (guint i = 0; i < sizeof pixels; i++)
    pixels[i] %= 3;
  g_assert_true (cairn_png_write_indexed (small, 7, 3, pixels, colors, 3, &error));
  back_small = cairn_png_read_indices (small, NULL, 0, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back_small, sizeof pixels, pixels, sizeof pixels);

  for (guint i = 0; i < sizeof pixels; i++)
    memcpy (rgb_pixels + 3 * i, colors + 3 * pixels[i], 3);
  g_assert_true (cairn_png_write_rgb (rgb, 7, 3, rgb_pixels, &error));
  mapped = cairn_png_read_indices (rgb, colors, 3, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (mapped, sizeof pixels, pixels, sizeof pixels);
  bad = cairn_png_read_indices (rgb, colors, 2, &w, &h, &error);
  g_assert_null (bad);
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "colour #c86400"));
}

/* Pixels whose centres are inside, even-odd for holes. */
static void
test_raster (void)
{
  guint8 px[6 * 6] = { 0 };
  double square[] = { 1, 1, 5, 1, 5, 5, 1, 5, 2, 2, 4, 2, 4, 4, 2, 4 };
  guint rings[] = { 4, 4 };
  guint set = 0;

  cairn_image_fill_rings (px, 6, 6, square, rings, 2, 9);
  for (guint i = 0; i < 36; i++)
    set += px[i] == 9;
  /* A 4 × 4 square with a 2 × 2 hole. */
  g_assert_cmpuint (set, ==, 12);
  g_assert_cmpuint (px[1 * 6 + 1], ==, 9);
  g_assert_cmpuint (px[2 * 6 + 2], ==, 0);
  g_assert_cmpuint (px[5 * 6 + 5], ==, 0);
  g_assert_cmpfloat (cairn_image_rings_area (square, rings, 1), ==, 16);
  g_assert_cmpfloat (cairn_image_difference (30.1, 10.5), ==, 19.6);
  g_assert_cmpfloat (cairn_image_difference (0.3, -0.1), ==, 0.4);
}

static void
assert_box (const CairnAnnotation *a, double x, double y, double w, double h)
{
  const double *v = (const double *) a->coords->data;

  g_assert_cmpint (a->kind, ==, CAIRN_KIND_BOX);
  g_assert_cmpfloat (v[0], ==, x);
  g_assert_cmpfloat (v[1], ==, y);
  g_assert_cmpfloat (v[2], ==, w);
  g_assert_cmpfloat (v[3], ==, h);
}

static const CairnAnnotation *
only (GPtrArray *list)
{
  g_assert_cmpuint (list->len, ==, 1);
  return list->pdata[0];
}

static void
assert_mask (const CairnAnnotation *a, guint64 area, double x, double y, double w, double h)
{
  double bx, by, bw, bh;

  g_assert_cmpint (a->kind, ==, CAIRN_KIND_MASK);
  g_assert_cmpuint (cairn_rle_area (a->mask), ==, area);
  g_assert_true (cairn_rle_bounds (a->mask, &bx, &by, &bw, &bh));
  g_assert_cmpfloat (bx, ==, x);
  g_assert_cmpfloat (by, ==, y);
  g_assert_cmpfloat (bw, ==, w);
  g_assert_cmpfloat (bh, ==, h);
}

static void
test_import_devkit (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("voc", "devkit");
  g_autoptr(CairnImportReport) report = image_test_import (t, "voc", path, NULL);
  g_autoptr(GPtrArray) planes = image_test_annotations (t, "plane.png", "aeroplane", -1);
  g_autoptr(GPtrArray) people = image_test_annotations (t, "plane.png", "person", CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) person_masks
      = image_test_annotations (t, "plane.png", "person", CAIRN_KIND_MASK);
  g_autoptr(GPtrArray) heads = image_test_annotations (t, "plane.png", "head", -1);
  g_autoptr(GPtrArray) hands = image_test_annotations (t, "plane.png", "hand", -1);
  g_autoptr(GPtrArray) cats = image_test_annotations (t, "plane.png", "cat", -1);
  g_autoptr(GPtrArray) cars = image_test_annotations (t, "street.png", "car", -1);
  g_autoptr(GPtrArray) bikes = image_test_annotations (t, "street.png", "자전거", -1);
  g_autoptr(CairnItem) plane = image_test_find_item (t, "plane.png");
  g_autoptr(CairnItem) street = image_test_find_item (t, "street.png");
  g_autoptr(CairnLabel) aeroplane = cairn_store_find_label (t->store, "aeroplane", NULL);
  const CairnAnnotation *person, *head, *bike, *plane_box = NULL, *plane_mask = NULL;
  JsonObject *actions;

  g_assert_cmpuint (report->items_added, ==, 2);
  g_assert_cmpuint (report->annotations_added, ==, 9);
  for (guint i = 0; i < planes->len; i++)
    {
      const CairnAnnotation *a = planes->pdata[i];
      if (a->kind == CAIRN_KIND_BOX)
        plane_box = a;
      else
        plane_mask = a;
    }
  assert_box (plane_box, 0, 0, 4, 3);
  g_assert_cmpstr (json_object_get_string_member (plane_box->attributes, "pose"), ==, "Frontal");
  g_assert_cmpint (json_object_get_int_member (plane_box->attributes, "truncated"), ==, 0);
  /* SegmentationObject index 1 is the first object; the border (255) belongs to nobody. */
  assert_mask (plane_mask, 12, 0, 0, 4, 3);
  g_assert_cmpint (cairn_image_get_group (plane_mask), ==, cairn_image_get_group (plane_box));

  person = only (people);
  assert_box (person, 5, 2, 2, 4);
  g_assert_cmpint (json_object_get_int_member (person->attributes, "difficult"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (person->attributes, "occluded"), ==, 1);
  actions = json_object_get_object_member (person->attributes, "actions");
  g_assert_cmpint (json_object_get_int_member (actions, "phoning"), ==, 1);
  assert_mask (only (person_masks), 8, 5, 2, 2, 4);
  /* Parts: boxes of their own labels in the person's group. */
  head = only (heads);
  assert_box (head, 5.5, 2, 1, 1.25);
  g_assert_true (json_object_get_boolean_member (head->attributes, "part"));
  g_assert_cmpint (cairn_image_get_group (head), ==, cairn_image_get_group (person));
  g_assert_cmpint (cairn_image_get_group (only (hands)), ==, cairn_image_get_group (person));
  g_assert_cmpint (cairn_image_get_group (person), !=, cairn_image_get_group (plane_box));
  /* A class-only region of SegmentationClass (index 8, cat) with no object. */
  g_assert_true (json_object_get_boolean_member (((CairnAnnotation *) only (cats))->attributes,
                                                 "semantic"));
  assert_mask (only (cats), 3, 0, 5, 3, 1);

  assert_box (only (cars), 10.5, 12.25, 19.6, 7.95);
  /* CVAT's attribute list, Korean and an escaped ampersand. */
  bike = only (bikes);
  g_assert_cmpstr (json_object_get_string_member (bike->attributes, "colour name"), ==,
                   "빨강 & 검정");
  g_assert_true (json_object_get_boolean_member (bike->attributes, "parked"));

  g_assert_cmpstr (plane->split, ==, "train");
  g_assert_cmpstr (street->split, ==, "val");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (plane->meta, "voc"), "source"), "database"),
                   ==, "The Cairn test database");
  g_assert_cmpstr (aeroplane->color, ==, "#800000");
}

static void
test_import_cvat (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("voc", "cvat");
  g_autoptr(CairnImportReport) report = image_test_import (t, "voc", path, NULL);
  g_autoptr(GPtrArray) cats = image_test_annotations (t, "pets.png", "고양이", CAIRN_KIND_MASK);
  g_autoptr(GPtrArray) dogs = image_test_annotations (t, "pets.png", "dog", CAIRN_KIND_MASK);
  g_autoptr(CairnLabel) cat = cairn_store_find_label (t->store, "고양이", NULL);

  /* Colour PNGs: instances through VOC's map, classes through labelmap.txt. */
  assert_mask (only (cats), 6, 0, 0, 3, 2);
  assert_mask (only (dogs), 6, 3, 2, 3, 2);
  g_assert_cmpstr (cat->color, ==, "#ff8000");
}

static void
round_trip (const char *dataset, const char *const *splits)
{
  g_autoptr(ImageTest) a = image_test_new ();
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *path = image_test_data ("voc", dataset);
  g_autofree char *out = g_build_filename (a->dir, "out", NULL);
  g_autoptr(CairnImportReport) r1 = image_test_import (a, "voc", path, NULL);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };

  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (a->store, "voc", out, &options, &error));
  g_assert_no_error (error);
  r2 = image_test_import (b, "voc", out, NULL);
  image_test_assert_same (a, b, 1e-6);
}

static void
test_round_trip (void)
{
  const char *splits[] = { "train", "val", NULL };

  round_trip ("devkit", splits);
  round_trip ("devkit", NULL);
  round_trip ("cvat", NULL);
}

static void
test_export_files (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("voc", "devkit");
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autoptr(CairnImportReport) r = image_test_import (t, "voc", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_path = g_build_filename (out, "Annotations", "plane.xml", NULL);
  g_autofree char *class_path = g_build_filename (out, "SegmentationClass", "plane.png", NULL);
  g_autofree char *object_path = g_build_filename (out, "SegmentationObject", "plane.png", NULL);
  g_autofree char *street_png = g_build_filename (out, "SegmentationClass", "street.png", NULL);
  g_autofree char *train_path = g_build_filename (out, "ImageSets", "Main", "train.txt", NULL);
  g_autofree char *seg_path
      = g_build_filename (out, "ImageSets", "Segmentation", "train.txt", NULL);
  g_autofree char *labelmap_path = g_build_filename (out, "labelmap.txt", NULL);
  g_autofree char *xml = NULL, *train = NULL, *seg = NULL, *labelmap = NULL;
  g_autofree guint8 *classes = NULL, *objects = NULL;
  const char *splits[] = { "train", "val", NULL };
  CairnFormatOptions options = { 0 };
  guint w, h;

  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (t->store, "voc", out, &options, &error));
  g_assert_no_error (error);
  xml = image_test_read_text (xml_path);
  g_assert_nonnull (strstr (xml, "\t\t<name>person</name>\n\t\t<pose>Unspecified</pose>\n"
                                 "\t\t<truncated>1</truncated>\n\t\t<difficult>1</difficult>\n"));
  g_assert_nonnull (strstr (xml, "<part>\n\t\t\t<name>head</name>\n\t\t\t<bndbox>\n"
                                 "\t\t\t\t<xmin>5.5</xmin>\n\t\t\t\t<ymin>2</ymin>\n"
                                 "\t\t\t\t<xmax>6.5</xmax>\n\t\t\t\t<ymax>3.25</ymax>"));
  g_assert_nonnull (strstr (xml, "<segmented>1</segmented>"));
  g_assert_nonnull (strstr (xml, "<database>The Cairn test database</database>"));
  train = image_test_read_text (train_path);
  g_assert_cmpstr (train, ==, "plane\n");
  seg = image_test_read_text (seg_path);
  g_assert_cmpstr (seg, ==, "plane\n");
  /* The standard classes keep their VOC numbers: aeroplane 1, person 15, cat 8. */
  labelmap = image_test_read_text (labelmap_path);
  g_assert_true (g_str_has_prefix (labelmap, "# label:color_rgb:parts:actions\n"
                                             "background:0,0,0::\naeroplane:128,0,0::\n"));
  classes = cairn_png_read_indices (class_path, NULL, 0, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w, ==, 8);
  g_assert_cmpuint (classes[0], ==, 1);
  g_assert_cmpuint (classes[2 * 8 + 5], ==, 15);
  g_assert_cmpuint (classes[5 * 8 + 0], ==, 8);
  objects = cairn_png_read_indices (object_path, NULL, 0, &w, &h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objects[0], ==, 1);
  g_assert_cmpuint (objects[2 * 8 + 5], ==, 2);
  g_assert_cmpuint (objects[5 * 8 + 0], ==, 0);
  g_assert_false (g_file_test (street_png, G_FILE_TEST_EXISTS));
}

/* Shapes without a box: an object with the shape's bounds, the shape painted in the PNGs. */
static void
test_export_shapes (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autoptr(ImageTest) back = image_test_new ();
  g_autofree char *image = g_build_filename (t->dir, "shapes.png", NULL);
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autoptr(CairnImportReport) r1 = cairn_import_report_new (), r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) polygon = cairn_annotation_new (CAIRN_KIND_POLYGON);
  g_autoptr(GPtrArray) boxes = NULL, masks = NULL;
  g_autoptr(CairnItem) item = NULL;
  gint64 label;
  double square[] = { 1, 1, 3, 1, 3, 3, 1, 3 };

  image_test_write_png (image, 5, 5, 0xffffffff);
  g_assert_true (cairn_format_import (t->store, "folder", t->dir, NULL, r1, &error));
  g_assert_no_error (error);
  item = image_test_find_item (t, "shapes.png");
  label = cairn_format_ensure_label (t->store, "tile", NULL, NULL);
  polygon->item_id = item->id;
  polygon->label_id = label;
  cairn_annotation_add_ring (polygon, square, 4);
  g_assert_true (cairn_store_add_annotation (t->store, polygon, NULL));
  g_assert_true (cairn_format_export (t->store, "voc", out, NULL, &error));
  g_assert_no_error (error);
  r2 = image_test_import (back, "voc", out, NULL);
  boxes = image_test_annotations (back, "shapes.png", "tile", CAIRN_KIND_BOX);
  masks = image_test_annotations (back, "shapes.png", "tile", CAIRN_KIND_MASK);
  assert_box (only (boxes), 1, 1, 2, 2);
  /* The pixels whose centres lie inside: (1..2, 1..2). */
  assert_mask (only (masks), 4, 1, 1, 2, 2);
}

static void
test_malformed (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *good = image_test_data ("voc", "devkit");
  g_autoptr(CairnImportReport) report = image_test_import (t, "voc", good, NULL);
  struct { const char *path; const char *expect[4]; } cases[] = {
    { "bad-xml/x.xml", { "x.xml:4:", "closed" } },
    { "bad-box/x.xml", { "x.xml:2: object 1", "less than xmin" } },
    { "bad-number/x.xml", { "x.xml:2: object 1", "<ymin> “one” is not a number" } },
    { "bad-root/x.xml", { "not a VOC annotation", "<annotations>" } },
    { "bad-filename/x.xml", { "x.xml: no <filename>" } },
    { "bad-nobox/x.xml", { "x.xml:2: object 1: no <bndbox>" } },
    { "bad-colour", { "x.png: pixel (1, 2) has colour #010203" } },
    { "bad-labelmap", { "labelmap.txt:2:", "“300,0,0” is not a colour" } },
    { "bad-colour/SegmentationClass", { "no Annotations folder or .xml files" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = image_test_data ("voc", cases[i].path);
      image_test_import_fails (t, "voc", path, cases[i].expect);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/voc/png", test_png);
  g_test_add_func ("/voc/raster", test_raster);
  g_test_add_func ("/voc/import-devkit", test_import_devkit);
  g_test_add_func ("/voc/import-cvat", test_import_cvat);
  g_test_add_func ("/voc/round-trip", test_round_trip);
  g_test_add_func ("/voc/export-files", test_export_files);
  g_test_add_func ("/voc/export-shapes", test_export_shapes);
  g_test_add_func ("/voc/malformed", test_malformed);
  return g_test_run ();
}
