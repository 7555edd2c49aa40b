#include <math.h>

#include "shapes-test-util.h"

static CairnImportReport *
import_fixture (Project *p)
{
  g_autofree char *dir = fixture_path ("cvat", NULL);
  CairnImportReport *report = import_ok (p, "cvat", dir, NULL);

  /* The folder layout: annotations.xml with images/ beside it. */
  g_assert_cmpuint (report->items_added, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "missing.jpg"));
  return report;
}

static void
test_labels (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);
  g_autoptr(CairnLabel) car = cairn_store_find_label (p->store, "car", NULL);
  g_autoptr(CairnLabel) road = cairn_store_find_label (p->store, "도로", NULL);
  g_autoptr(CairnLabel) person = cairn_store_find_label (p->store, "person", NULL);
  g_autoptr(CairnLabel) nose = cairn_store_find_label (p->store, "nose", NULL);
  g_autoptr(CairnLabel) tag = cairn_store_find_label (p->store, "good_frame", NULL);
  g_autofree char *specs = NULL, *skeleton = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (car);
  g_assert_cmpstr (car->color, ==, "#fa3253");
  g_assert_cmpuint (car->kinds, ==, (1u << CAIRN_KIND_BOX) | (1u << CAIRN_KIND_RBOX));
  node = json_node_init_array (json_node_alloc (), car->attributes);
  specs = json_to_string (node, FALSE);
  g_assert_cmpstr (specs, ==,
                   "[{\"name\":\"model\",\"mutable\":false,\"input_type\":\"select\","
                   "\"default\":\"sedan\",\"type\":\"enum\",\"values\":[\"sedan\",\"suv\",\"트럭\"]},"
                   "{\"name\":\"parked\",\"mutable\":true,\"input_type\":\"checkbox\","
                   "\"default\":\"false\",\"type\":\"bool\"},"
                   "{\"name\":\"speed\",\"mutable\":false,\"input_type\":\"number\","
                   "\"default\":\"0\",\"type\":\"number\",\"min\":0.0,\"max\":200.0,\"step\":0.5},"
                   "{\"name\":\"note\",\"mutable\":false,\"input_type\":\"text\","
                   "\"default\":\"\",\"type\":\"text\"}]");
  g_assert_nonnull (road);
  g_assert_cmpstr (road->color, ==, "#33ddff");
  g_assert_cmpuint (road->kinds, ==, 0);
  /* Skeleton sub-labels are points of the skeleton, not labels. */
  g_assert_null (nose);
  skeleton = cairn_label_skeleton_to_json (person);
  g_assert_cmpstr (skeleton, ==,
                   "{\"points\":[\"nose\",\"left_eye\",\"right_eye\"],\"edges\":[[0,1],[0,2]]}");
  g_assert_cmpuint (tag->kinds, ==, 1u << CAIRN_KIND_TAG);
  /* car, 도로, person, building, puddle, good_frame and "unlisted" from the second image. */
  g_assert_cmpuint (report->labels_added, ==, 7);
}

static void
test_shapes (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);
  gint64 street = find_image (p, "street.png");
  g_autoptr(GPtrArray) boxes = annotations_of (p, street, CAIRN_KIND_BOX);
  g_autoptr(CairnAnnotation) rbox = only_annotation (p, street, CAIRN_KIND_RBOX, "car");
  g_autoptr(CairnAnnotation) polygon = only_annotation (p, street, CAIRN_KIND_POLYGON, "도로");
  g_autoptr(CairnAnnotation) line = only_annotation (p, street, CAIRN_KIND_POLYLINE, "도로");
  g_autoptr(CairnAnnotation) points = only_annotation (p, street, CAIRN_KIND_POINTS, "도로");
  g_autoptr(CairnAnnotation) cuboid = only_annotation (p, street, CAIRN_KIND_CUBOID, "building");
  g_autoptr(CairnAnnotation) mask = only_annotation (p, street, CAIRN_KIND_MASK, "puddle");
  g_autoptr(CairnAnnotation) ellipse = only_annotation (p, street, CAIRN_KIND_ELLIPSE, "도로");
  g_autoptr(CairnAnnotation) skeleton = only_annotation (p, street, CAIRN_KIND_KEYPOINTS,
                                                         "person");
  g_autoptr(CairnAnnotation) tag = only_annotation (p, street, CAIRN_KIND_TAG, "good_frame");
  g_autoptr(CairnItem) item = cairn_store_get_item (p->store, street, NULL);
  g_autoptr(CairnItem) missing = cairn_store_get_item (p->store, find_image (p, "missing.jpg"),
                                                       NULL);
  g_autofree guint8 *bits = NULL;
  CairnAnnotation *car;
  char *text;

  g_assert_cmpuint (boxes->len, ==, 1);
  car = boxes->pdata[0];
  assert_coords (car, (double[]) { 10.5, 12.25, 20.25, 15.75 }, 4, 1e-12);
  text = attribute_json (car, "model");
  g_assert_cmpstr (text, ==, "\"트럭\"");
  g_free (text);
  /* Typed by the label's spec: a checkbox is a boolean, a number a number. */
  g_assert_true (json_object_get_boolean_member (car->attributes, "parked"));
  g_assert_cmpfloat (json_object_get_double_member (car->attributes, "speed"), ==, 42.5);
  g_assert_cmpstr (json_object_get_string_member (car->attributes, "note"), ==, "앞 유리 깨짐");
  g_assert_true (json_object_get_boolean_member (car->attributes, "occluded"));
  g_assert_cmpint (json_object_get_int_member (car->attributes, "z_order"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (car->attributes, "group_id"), ==, 7);
  g_assert_cmpint (car->origin, ==, CAIRN_ORIGIN_HUMAN);

  /* Rotation turns about the centre; "auto" came from a model. */
  assert_coords (rbox, (double[]) { 50, 15, 20, 10, 30 }, 5, 1e-12);
  g_assert_cmpint (rbox->origin, ==, CAIRN_ORIGIN_MODEL);
  g_assert_cmpuint (json_object_get_size (rbox->attributes), ==, 0);

  assert_coords (polygon, (double[]) { 0, 30, 63, 30, 63, 47, 0, 47 }, 8, 0);
  g_assert_cmpstr (json_object_get_string_member (polygon->attributes, "source"), ==, "semi-auto");
  assert_coords (line, (double[]) { 0.5, 40.25, 20, 42, 40, 44.125 }, 6, 0);
  g_assert_cmpint (json_object_get_int_member (line->attributes, "z_order"), ==, 1);
  assert_coords (points, (double[]) { 5, 5, 6, 6 }, 4, 0);
  assert_coords (cuboid, (double[]) { 10, 5, 10, 25, 30, 5, 30, 25, 15, 2, 15, 22, 35, 2, 35, 22 },
                 16, 0);
  assert_coords (ellipse, (double[]) { 20, 20, 5, 3, 45 }, 5, 0);
  /* COCO visibility: visible, occluded, outside. */
  assert_coords (skeleton, (double[]) { 10, 10, 2, 8, 8, 1, 12, 8, 0 }, 9, 0);
  g_assert_cmpuint (json_object_get_size (tag->attributes), ==, 0);

  g_assert_cmpuint (mask->mask->width, ==, 64);
  g_assert_cmpuint (mask->mask->height, ==, 48);
  g_assert_cmpuint (cairn_rle_area (mask->mask), ==, 6);
  bits = cairn_rle_to_bitmap (mask->mask);
  /* Row-major runs 0, 2, 3, 2, 3, 2 over a 4 × 3 box at (2, 30): 1100 0110 0011. */
  g_assert_true (bits[30 * 64 + 2] && bits[30 * 64 + 3] && !bits[30 * 64 + 4]);
  g_assert_true (!bits[31 * 64 + 2] && bits[31 * 64 + 3] && bits[31 * 64 + 4]);
  g_assert_true (!bits[32 * 64 + 3] && bits[32 * 64 + 4] && bits[32 * 64 + 5]);

  g_assert_cmpstr (item->split, ==, "train");
  g_assert_cmpstr (missing->split, ==, "val");
  g_assert_cmpint (missing->width, ==, 100);
  g_assert_cmpint (missing->height, ==, 80);
  g_assert_cmpint (count_annotations (p), ==, 11);
}

static void
test_round_trip (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_fixture (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *xml = g_build_filename (out, "annotations.xml", NULL);
  g_autofree char *images = fixture_path ("cvat", "images");
  g_autofree char *contents = NULL;
  CairnFormatOptions options = { .images_dir = images };
  g_autoptr(CairnLabel) person = NULL, car = NULL;
  g_autofree char *skeleton = NULL;

  export_ok (a, "cvat", out, NULL);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<attribute name=\"note\">앞 유리 깨짐</attribute>"));
  g_assert_nonnull (strstr (contents, "rle=\"0, 2, 3, 2, 3, 2\" left=\"2\" top=\"30\" width=\"4\""
                                      " height=\"3\""));
  g_assert_nonnull (strstr (contents, "rotation=\"30\""));
  g_assert_nonnull (strstr (contents, "<parent>person</parent>"));
  r2 = import_ok (b, "cvat", xml, &options);
  g_assert_cmpuint (r2->items_added, ==, 2);
  assert_same_projects (a, b, 1e-6);
  assert_same_projects (b, a, 1e-6);
  /* Labels come back with their colours, kinds, attribute specs and skeletons. */
  person = cairn_store_find_label (b->store, "person", NULL);
  skeleton = cairn_label_skeleton_to_json (person);
  g_assert_cmpstr (skeleton, ==,
                   "{\"points\":[\"nose\",\"left_eye\",\"right_eye\"],\"edges\":[[0,1],[0,2]]}");
  car = cairn_store_find_label (b->store, "car", NULL);
  g_assert_cmpstr (car->color, ==, "#fa3253");
  g_assert_cmpuint (json_array_get_length (car->attributes), ==, 4);
  g_assert_cmpuint (car->kinds, ==, (1u << CAIRN_KIND_BOX) | (1u << CAIRN_KIND_RBOX));
}

static gint64
add (Project *p, CairnAnnotation *a, gint64 item, const char *label)
{
  g_autoptr(GError) error = NULL;

  a->item_id = item;
  a->label_id = cairn_format_ensure_label (p->store, label, NULL, &error);
  g_assert_no_error (error);
  cairn_store_add_annotation (p->store, a, &error);
  g_assert_no_error (error);
  return a->id;
}

/* Attributes of other formats come back with their JSON types: <meta> declares them. */
static void
test_foreign_attributes (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_fixture (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *xml = g_build_filename (out, "annotations.xml", NULL);
  g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnAnnotation) parts = cairn_annotation_new (CAIRN_KIND_POLYGON);
  g_autoptr(CairnAnnotation) back = NULL;
  g_autoptr(GPtrArray) polygons = NULL;
  gint64 street = find_image (a, "street.png");
  guint n = 0;

  cairn_annotation_set_box (box, 1, 2, 3, 4);
  json_object_set_boolean_member (box->attributes, "difficult", TRUE);
  json_object_set_int_member (box->attributes, "truncated", 0);
  json_object_set_string_member (box->attributes, "pose", "Left");
  add (a, box, street, "voc-thing");
  cairn_annotation_add_ring (parts, (double[]) { 1, 1, 5, 1, 5, 5 }, 3);
  cairn_annotation_add_ring (parts, (double[]) { 10, 10, 15, 10, 15, 15 }, 3);
  add (a, parts, street, "islands");
  export_ok (a, "cvat", out, NULL);
  r2 = import_ok (b, "cvat", xml, NULL);
  back = only_annotation (b, find_image (b, "street.png"), CAIRN_KIND_BOX, "voc-thing");
  g_assert_true (json_object_get_boolean_member (back->attributes, "difficult"));
  g_assert_cmpint (json_object_get_int_member (back->attributes, "truncated"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (back->attributes, "pose"), ==, "Left");
  /* CVAT has no parts: two polygons tied by a fresh group id (7 is taken). */
  polygons = annotations_of (b, find_image (b, "street.png"), CAIRN_KIND_POLYGON);
  for (guint i = 0; i < polygons->len; i++)
    {
      CairnAnnotation *x = polygons->pdata[i];
      g_autofree char *name = label_name (b, x->label_id);

      if (g_str_equal (name, "islands"))
        {
          n++;
          g_assert_cmpint (json_object_get_int_member (x->attributes, "group_id"), ==, 8);
        }
    }
  g_assert_cmpuint (n, ==, 2);
}

static void
test_splits (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_fixture (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *xml = g_build_filename (out, "annotations.xml", NULL);
  const char *val[] = { "val", NULL };
  CairnFormatOptions options = { .splits = (GStrv) val };
  g_autoptr(CairnItem) item = NULL;

  export_ok (a, "cvat", out, &options);
  r2 = import_ok (b, "cvat", xml, NULL);
  g_assert_cmpint (cairn_store_count_items (b->store, -1), ==, 1);
  item = cairn_store_get_item (b->store, find_image (b, "missing.jpg"), NULL);
  g_assert_cmpstr (item->split, ==, "val");
  g_assert_cmpint (count_annotations (b), ==, 1);
}

static void
test_malformed (void)
{
  static const struct
  {
    const char *file;
    const char *where;
    const char *what;
  } cases[] = {
    { "bad-number.xml", "bad-number.xml:7: <box>", "attribute xtl: “abc” is not a number" },
    { "bad-polygon.xml", "bad-polygon.xml:7: <polygon>", "too few points" },
    { "bad-rle.xml", "bad-rle.xml:7: <mask>", "rle covers 5 pixels, the box has 12" },
    { "track.xml", "bad", "CVAT for video" },
    { "not-xml.xml", "not-xml.xml", "line" },
  };
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = fixture_path ("cvat", "malformed");
      g_autofree char *path = g_build_filename (file, cases[i].file, NULL);
      const char *where = g_str_equal (cases[i].where, "bad") ? cases[i].file : cases[i].where;
      g_autoptr(GError) error = import_fails (p, "cvat", path, where, cases[i].what, NULL);

      g_assert_true (error->domain == CAIRN_FORMAT_ERROR || error->domain == CAIRN_STORE_ERROR);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cvat/labels", test_labels);
  g_test_add_func ("/cvat/shapes", test_shapes);
  g_test_add_func ("/cvat/round-trip", test_round_trip);
  g_test_add_func ("/cvat/foreign-attributes", test_foreign_attributes);
  g_test_add_func ("/cvat/splits", test_splits);
  g_test_add_func ("/cvat/malformed", test_malformed);
  return g_test_run ();
}
