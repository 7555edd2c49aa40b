#include <math.h>

#include "shapes-test-util.h"

static JsonNode *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
import_valid (Project *p, const CairnFormatOptions *options)
{
  g_autofree char *dir = fixture_path ("labelme", "valid");
  g_autoptr(CairnImportReport) report = import_ok (p, "labelme", dir, options);

  g_assert_cmpuint (report->items_added, ==, 3);
  /* legacy.jpg is not there: it is kept as a reference, with a warning. */
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "legacy.jpg"));
}

static void
test_import_shapes (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnAnnotation) car = NULL, korean = NULL, sign = NULL, wheel = NULL;
  g_autoptr(CairnAnnotation) puddle = NULL, daytime = NULL;
  g_autoptr(GPtrArray) lanes = NULL, boxes = NULL, tags = NULL;
  g_autoptr(CairnItem) street = NULL;
  g_autofree char *flags = NULL, *attr = NULL;
  g_autofree guint8 *bits = NULL;
  gint64 id;
  double x, y, w, h;

  import_valid (p, NULL);
  id = find_image (p, "street.png");
  g_assert_cmpint (id, >, 0);

  boxes = annotations_of (p, id, CAIRN_KIND_BOX);
  g_assert_cmpuint (boxes->len, ==, 2);
  car = cairn_annotation_copy (boxes->pdata[0]);
  assert_coords (car, (double[]) { 10.5, 12.25, 20.25, 15.75 }, 4, 1e-9);
  g_assert_cmpuint (json_object_get_size (car->attributes), ==, 0);
  /* Corners in either order; members LabelMe does not define are kept. */
  assert_coords (boxes->pdata[1], (double[]) { 1, 1, 3, 3 }, 4, 1e-9);
  attr = attribute_json (boxes->pdata[1], "reviewer");
  g_assert_cmpstr (attr, ==, "\"민지\"");
  g_clear_pointer (&attr, g_free);
  attr = attribute_json (boxes->pdata[1], "score");
  g_assert_cmpstr (attr, ==, "0.87");
  g_clear_pointer (&attr, g_free);

  korean = only_annotation (p, id, CAIRN_KIND_POLYGON, "자동차");
  assert_coords (korean, (double[]) { 5, 5, 20, 5, 12.5, 18 }, 6, 0);
  g_assert_cmpuint (korean->rings->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (korean->attributes, "description"), ==,
                   "빨간 차 🚗");
  g_assert_cmpint (json_object_get_int_member (korean->attributes, "group_id"), ==, 3);
  flags = attribute_json (korean, "flags");
  g_assert_cmpstr (flags, ==, "{\"occluded\":true,\"truncated\":false}");

  lanes = annotations_of (p, id, CAIRN_KIND_POLYLINE);
  g_assert_cmpuint (lanes->len, ==, 2);
  assert_coords (lanes->pdata[0], (double[]) { 0, 40, 63, 40 }, 4, 0);
  assert_coords (lanes->pdata[1], (double[]) { 0, 44, 20, 42, 40, 44, 63, 42 }, 8, 0);

  sign = only_annotation (p, id, CAIRN_KIND_POINTS, "sign");
  assert_coords (sign, (double[]) { 50.5, 8.5 }, 2, 0);
  g_assert_cmpint (json_object_get_int_member (sign->attributes, "group_id"), ==, 3);

  /* Centre (40, 30) and a point on the circle (43, 34): radius 5. */
  wheel = only_annotation (p, id, CAIRN_KIND_ELLIPSE, "wheel");
  assert_coords (wheel, (double[]) { 40, 30, 5, 5, 0 }, 5, 1e-12);

  puddle = only_annotation (p, id, CAIRN_KIND_MASK, "puddle");
  g_assert_cmpuint (puddle->mask->width, ==, 64);
  g_assert_cmpuint (puddle->mask->height, ==, 48);
  g_assert_cmpuint (cairn_rle_area (puddle->mask), ==, 6);
  g_assert_true (cairn_rle_bounds (puddle->mask, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 2);
  g_assert_cmpfloat (y, ==, 30);
  g_assert_cmpfloat (w, ==, 4);
  g_assert_cmpfloat (h, ==, 3);
  bits = cairn_rle_to_bitmap (puddle->mask);
  /* Rows of the 4 × 3 PNG: 1100, 0110, 0011. */
  g_assert_true (bits[30 * 64 + 2] && bits[30 * 64 + 3] && !bits[30 * 64 + 4]);
  g_assert_true (!bits[31 * 64 + 2] && bits[31 * 64 + 3] && bits[31 * 64 + 4]);
  g_assert_true (!bits[32 * 64 + 3] && bits[32 * 64 + 4] && bits[32 * 64 + 5]);

  /* Image flags: true ones are tags, every name is kept on the item. */
  tags = annotations_of (p, id, CAIRN_KIND_TAG);
  g_assert_cmpuint (tags->len, ==, 1);
  daytime = only_annotation (p, id, CAIRN_KIND_TAG, "daytime");
  street = cairn_store_get_item (p->store, id, NULL);
  {
    g_autoptr(JsonNode) names = json_node_init_array (
      json_node_alloc (), json_object_get_array_member (street->meta, "labelme_flags"));
    g_autofree char *text = json_to_string (names, FALSE);
    g_assert_cmpstr (text, ==, "[\"daytime\",\"blurry\"]");
  }
  g_assert_cmpint (street->width, ==, 64);
}

static void
test_import_embedded_and_legacy (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnItem) field = NULL;
  g_autoptr(CairnAnnotation) polygon = NULL, roof = NULL;
  g_autoptr(GBytes) media = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, legacy;

  import_valid (p, NULL);
  /* Windows separators are read as such; the image lives only in the JSON. */
  id = find_image (p, "field.png");
  g_assert_cmpint (id, >, 0);
  field = cairn_store_get_item (p->store, id, NULL);
  g_assert_cmpstr (field->uri, ==, "../photos/field.png");
  g_assert_cmpint (field->width, ==, 32);
  g_assert_cmpint (field->height, ==, 24);
  media = cairn_store_load_media (p->store, field, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (media), >, 8);
  g_assert_cmpmem (g_bytes_get_data (media, NULL), 4, "\x89PNG", 4);
  polygon = only_annotation (p, id, CAIRN_KIND_POLYGON, "field");
  assert_coords (polygon, (double[]) { 1, 1, 30, 1, 30, 22, 1, 22 }, 8, 0);

  /* No shape_type: a polygon, as LabelMe 3 wrote them; null colours are not attributes. */
  legacy = find_image (p, "legacy.jpg");
  roof = only_annotation (p, legacy, CAIRN_KIND_POLYGON, "roof");
  g_assert_cmpuint (json_object_get_size (roof->attributes), ==, 0);
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (p->store, legacy, NULL);
    g_assert_cmpint (item->width, ==, 200);
    g_assert_cmpint (item->height, ==, 100);
  }
}

static void
test_round_trip (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *street_json = g_build_filename (out, "street.json", NULL);
  g_autofree char *street_png = g_build_filename (out, "street.png", NULL);
  g_autofree char *field_json = g_build_filename (out, "field.json", NULL);
  g_autofree char *field_png = g_build_filename (out, "field.png", NULL);
  g_autoptr(JsonNode) street = NULL, field = NULL;
  g_autoptr(CairnImportReport) report = NULL;
  g_autofree char *contents = NULL, *flags = NULL;
  JsonObject *root;

  import_valid (a, NULL);
  export_ok (a, "labelme", out, NULL);
  g_assert_true (g_file_test (street_png, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (field_png, G_FILE_TEST_EXISTS));
  street = load_json (street_json);
  root = json_node_get_object (street);
  g_assert_cmpstr (json_object_get_string_member (root, "imagePath"), ==, "street.png");
  g_assert_true (json_node_is_null (json_object_get_member (root, "imageData")));
  g_assert_cmpint (json_object_get_int_member (root, "imageWidth"), ==, 64);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "shapes")), ==, 8);
  flags = json_to_string (json_object_get_member (root, "flags"), FALSE);
  g_assert_cmpstr (flags, ==, "{\"daytime\":true,\"blurry\":false}");
  /* Non-ASCII text is written as itself. */
  g_assert_true (g_file_get_contents (street_json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "빨간 차 🚗"));
  /* The embedded image goes back into imageData. */
  field = load_json (field_json);
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (field), "imageData"));

  report = import_ok (b, "labelme", out, NULL);
  g_assert_cmpuint (report->items_added, ==, 3);
  assert_same_projects (a, b, 1e-6);
  assert_same_projects (b, a, 1e-6);
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (b->store, find_image (b, "field.png"), NULL);
    g_autoptr(GBytes) media = cairn_store_load_media (b->store, item, NULL);
    g_assert_nonnull (media);
    g_assert_cmpint (item->width, ==, 32);
  }
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
    { "not-json.json", "not-json.json", ":" },
    { "bad-points.json", "shapes[1]", "points[1] must be [x, y] numbers" },
    { "bad-rectangle.json", "shapes[0]", "a rectangle needs 2 points, got 3" },
    { "bad-mask.json", "shapes[0]", "\"mask\" is not a PNG" },
    { "no-shapes.json", "shapes", "expected an array of shapes" },
  };
  g_autoptr(Project) p = project_new ();
  g_autofree char *street = fixture_path ("labelme", "valid/street.json");
  g_autoptr(CairnImportReport) report = import_ok (p, "labelme", street, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path ("labelme", "malformed");
      g_autofree char *file = g_build_filename (path, cases[i].file, NULL);
      g_autoptr(GError) error = import_fails (p, "labelme", file, cases[i].file, cases[i].where,
                                              cases[i].what, NULL);

      g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE);
    }
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

/* What LabelMe cannot hold comes back in the nearest form it has. */
static void
test_lossy (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autofree char *street = fixture_path ("labelme", "valid/street.json");
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autoptr(CairnImportReport) r1 = import_ok (a, "labelme", street, NULL);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autoptr(CairnAnnotation) parts = cairn_annotation_new (CAIRN_KIND_POLYGON);
  g_autoptr(CairnAnnotation) rbox = cairn_annotation_new (CAIRN_KIND_RBOX);
  g_autoptr(CairnAnnotation) oval = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
  g_autoptr(CairnAnnotation) cube = cairn_annotation_new (CAIRN_KIND_CUBOID);
  g_autoptr(GPtrArray) islands = NULL, corners = NULL, ovals = NULL;
  gint64 item = find_image (a, "street.png"), item_b;
  double cube_xy[16] = { 0 };

  cairn_annotation_add_ring (parts, (double[]) { 1, 1, 5, 1, 5, 5 }, 3);
  cairn_annotation_add_ring (parts, (double[]) { 10, 10, 15, 10, 15, 15 }, 3);
  add (a, parts, item, "islands");
  cairn_annotation_set_coords (rbox, (double[]) { 30, 20, 10, 4, 90 }, 5);
  add (a, rbox, item, "plank");
  cairn_annotation_set_coords (oval, (double[]) { 30, 20, 10, 4, 0 }, 5);
  add (a, oval, item, "oval");
  cairn_annotation_set_coords (cube, cube_xy, 16);
  add (a, cube, item, "cube");

  export_ok (a, "labelme", out, NULL);
  r2 = import_ok (b, "labelme", out, NULL);
  item_b = find_image (b, "street.png");

  /* Parts become polygons tied by a new group id. */
  islands = annotations_of (b, item_b, CAIRN_KIND_POLYGON);
  {
    guint n = 0;
    gint64 group = -1;

    for (guint i = 0; i < islands->len; i++)
      {
        CairnAnnotation *x = islands->pdata[i];
        g_autofree char *name = label_name (b, x->label_id);

        if (!g_str_equal (name, "islands"))
          continue;
        n++;
        if (group < 0)
          group = json_object_get_int_member (x->attributes, "group_id");
        g_assert_cmpint (json_object_get_int_member (x->attributes, "group_id"), ==, group);
      }
    g_assert_cmpuint (n, ==, 2);
    /* Not the 3 the file already uses. */
    g_assert_cmpint (group, ==, 4);
  }
  /* A turned box: its four corners. */
  corners = annotations_of (b, item_b, CAIRN_KIND_POLYGON);
  for (guint i = 0; i < corners->len; i++)
    {
      CairnAnnotation *x = corners->pdata[i];
      g_autofree char *name = label_name (b, x->label_id);

      if (g_str_equal (name, "plank"))
        assert_coords (x, (double[]) { 32, 15, 32, 25, 28, 25, 28, 15 }, 8, 1e-9);
      if (g_str_equal (name, "oval"))
        g_assert_cmpuint (x->coords->len, ==, 2 * 64);
    }
  /* A circle stays a circle; an oval is a polygon; LabelMe has no cuboids. */
  ovals = annotations_of (b, item_b, CAIRN_KIND_ELLIPSE);
  g_assert_cmpuint (ovals->len, ==, 1);
  /* One more polygon for the second part, one cuboid less. */
  g_assert_cmpint (count_annotations (b), ==, count_annotations (a));
}

static void
test_export_options (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *street = fixture_path ("labelme", "valid/street.json");
  g_autofree char *embedded = fixture_path ("labelme", "valid/embedded.json");
  g_autofree char *out = g_build_filename (p->dir, "export", NULL);
  g_autofree char *train = g_build_filename (out, "train", "street.json", NULL);
  g_autofree char *val = g_build_filename (out, "val", "field.json", NULL);
  g_autofree char *val_street = g_build_filename (out, "val", "street.json", NULL);
  CairnFormatOptions alice = { .annotator = "alice" }, bob = { .annotator = "bob" };
  const char *splits[] = { "train", "val", NULL };
  CairnFormatOptions options = { .annotator = "alice", .splits = (GStrv) splits };
  g_autoptr(CairnImportReport) r1 = import_ok (p, "labelme", street, &alice);
  g_autoptr(CairnImportReport) r2 = import_ok (p, "labelme", embedded, &bob);
  g_autoptr(JsonNode) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  CairnFormatOptions nobody = { .annotator = "nobody" };
  const char *names[] = { "street.png", "field.png" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (p->store, find_image (p, names[i]), NULL);
      item->split = g_strdup (i == 0 ? "train" : "val");
      g_assert_true (cairn_store_update_item (p->store, item, NULL));
    }
  export_ok (p, "labelme", out, &options);
  a = load_json (train);
  b = load_json (val);
  g_assert_false (g_file_test (val_street, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (a),
                                                                         "shapes")), ==, 8);
  /* bob's polygon is not alice's. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (b),
                                                                         "shapes")), ==, 0);
  g_assert_false (cairn_format_export (p->store, "labelme", out, &nobody, &error));
  g_assert_nonnull (strstr (error->message, "nobody"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/labelme/import-shapes", test_import_shapes);
  g_test_add_func ("/labelme/import-embedded-and-legacy", test_import_embedded_and_legacy);
  g_test_add_func ("/labelme/round-trip", test_round_trip);
  g_test_add_func ("/labelme/malformed", test_malformed);
  g_test_add_func ("/labelme/lossy", test_lossy);
  g_test_add_func ("/labelme/export-options", test_export_options);
  return g_test_run ();
}
