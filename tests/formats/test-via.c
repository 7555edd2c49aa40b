#include <math.h>
#include <string.h>

#include "shapes-test-util.h"

static CairnImportReport *
import_project (Project *p)
{
  g_autofree char *path = fixture_path ("via", "project.json");
  CairnImportReport *report = import_ok (p, "via", path, NULL);

  g_assert_cmpuint (report->items_added, ==, 2);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  return report;
}

static void
test_project (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_project (p);
  gint64 street = find_image (p, "street.png"), field = find_image (p, "field.png");
  g_autoptr(CairnAnnotation) cat = only_annotation (p, street, CAIRN_KIND_BOX, "고양이");
  g_autoptr(GPtrArray) dogs = annotations_of (p, street, CAIRN_KIND_ELLIPSE);
  g_autoptr(CairnAnnotation) both = only_annotation (p, street, CAIRN_KIND_POLYGON, "cat");
  g_autoptr(CairnAnnotation) line = only_annotation (p, street, CAIRN_KIND_POLYLINE, "bird");
  g_autoptr(CairnAnnotation) point = only_annotation (p, street, CAIRN_KIND_POINTS, "bird");
  g_autoptr(CairnAnnotation) tag = only_annotation (p, street, CAIRN_KIND_TAG, "cat");
  g_autoptr(CairnAnnotation) plain = only_annotation (p, field, CAIRN_KIND_BOX, NULL);
  g_autoptr(CairnItem) item = cairn_store_get_item (p->store, street, NULL);
  g_autofree char *labels = NULL, *weather = NULL;

  /* The dropdown names the label; the other attributes are the annotation's. */
  assert_coords (cat, (double[]) { 10, 12, 20.5, 15 }, 4, 0);
  g_assert_cmpstr (json_object_get_string_member (cat->attributes, "note"), ==, "꼬리만 보임");
  g_assert_cmpstr (json_object_get_string_member (cat->attributes, "pose"), ==, "sitting");
  g_assert_cmpuint (json_object_get_size (cat->attributes), ==, 2);
  g_assert_cmpuint (dogs->len, ==, 2);
  /* A circle, then an ellipse turned by θ = π/6 radians. */
  assert_coords (dogs->pdata[0], (double[]) { 40, 30, 5, 5, 0 }, 5, 0);
  assert_coords (dogs->pdata[1], (double[]) { 20, 20, 6, 3, 30 }, 5, 1e-9);
  /* Checkboxes: the first ticked is the label, the others are kept. */
  assert_coords (both, (double[]) { 1, 40, 30, 40, 15, 47 }, 6, 0);
  labels = attribute_json (both, "labels");
  g_assert_cmpstr (labels, ==, "[\"dog\"]");
  assert_coords (line, (double[]) { 0, 5, 20, 7, 40, 5.5 }, 6, 0);
  assert_coords (point, (double[]) { 50, 8 }, 2, 0);
  g_assert_cmpstr (json_object_get_string_member (point->attributes, "note"), ==, "");
  /* The label attribute on a file tags it; other file attributes stay with the item. */
  g_assert_cmpint (tag->item_id, ==, street);
  weather = json_to_string (json_object_get_member (item->meta, "via_file_attributes"), FALSE);
  g_assert_cmpstr (weather, ==, "{\"weather\":\"흐림\"}");
  g_assert_cmpint (plain->label_id, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (plain->attributes, "note"), ==, "unsure");
  g_assert_cmpint (count_annotations (p), ==, 8);
}

static void
test_annotations_only (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *path = fixture_path ("via", "annotations.json");
  g_autoptr(CairnImportReport) report = import_ok (p, "via", path, NULL);
  g_autoptr(CairnAnnotation) car = NULL, rock = NULL;

  /* No attribute specs: the usual "name" attribute names labels. VIA 1 kept regions in an
   * object. */
  car = only_annotation (p, find_image (p, "street.png"), CAIRN_KIND_BOX, "car");
  g_assert_cmpstr (json_object_get_string_member (car->attributes, "colour"), ==, "red");
  rock = only_annotation (p, find_image (p, "field.png"), CAIRN_KIND_POLYGON, "rock");
  assert_coords (rock, (double[]) { 1, 1, 5, 1, 3, 4 }, 6, 0);

  /* The export names the label attribute as the file did ("name"), not "label". */
  {
    g_autofree char *out = g_build_filename (p->dir, "export", NULL);
    g_autofree char *json = g_build_filename (out, "via_project.json", NULL);
    g_autofree char *text = NULL;

    export_ok (p, "via", out, NULL);
    g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\"region_attributes\":{\"name\":\"car\""));
    g_assert_null (strstr (text, "\"label\""));
  }
}

static void
test_round_trip (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_project (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *json = g_build_filename (out, "via_project.json", NULL);
  g_autofree char *images = fixture_path ("via", NULL);
  CairnFormatOptions options = { .images_dir = images };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *metadata;

  export_ok (a, "via", out, NULL);
  /* A project VIA opens: settings, metadata keyed filename + size, attributes, id list. */
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  metadata = json_object_get_object_member (root, "_via_img_metadata");
  g_assert_true (json_object_has_member (metadata, "street.png124"));
  g_assert_cmpstr (json_object_get_string_member (root, "_via_data_format_version"), ==, "2.0.10");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root,
                                                                         "_via_image_id_list")),
                    ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (
                   json_object_get_object_member (root, "_via_attributes"), "region"), "species"));
  r2 = import_ok (b, "via", json, &options);
  assert_same_projects (a, b, 1e-6);
  assert_same_projects (b, a, 1e-6);
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (b->store, find_image (b, "street.png"), NULL);
    g_autofree char *weather = json_to_string (json_object_get_member (item->meta,
                                                                       "via_file_attributes"),
                                               FALSE);
    g_assert_cmpstr (weather, ==, "{\"weather\":\"흐림\"}");
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

static void
test_lossy (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_project (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *json = g_build_filename (out, "via_project.json", NULL);
  g_autoptr(CairnAnnotation) rbox = cairn_annotation_new (CAIRN_KIND_RBOX);
  g_autoptr(CairnAnnotation) ocr = cairn_annotation_new (CAIRN_KIND_OCR);
  g_autoptr(CairnAnnotation) mask = cairn_annotation_new (CAIRN_KIND_MASK);
  g_autoptr(CairnAnnotation) plank = NULL, sign = NULL;
  gint64 street = find_image (a, "street.png");
  g_autofree guint8 *bits = g_malloc0 (64 * 48);

  cairn_annotation_set_coords (rbox, (double[]) { 30, 20, 10, 4, 90 }, 5);
  add (a, rbox, street, "plank");
  cairn_annotation_set_box (ocr, 2, 3, 4, 5);
  cairn_annotation_set_text (ocr, "출구");
  add (a, ocr, street, "sign");
  bits[100] = 1;
  cairn_annotation_set_mask (mask, cairn_rle_from_bitmap (bits, 48, 64));
  add (a, mask, street, "blob");
  {
    g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
    CairnFormatOptions options = { .warnings = warnings };

    export_ok (a, "via", out, &options);
    /* What was left out is told, once per kind. */
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpstr (warnings->pdata[0], ==, "via: 1 mask annotation not written (VIA has no "
                     "such shape)");
  }
  r2 = import_ok (b, "via", json, NULL);
  /* A turned box is its corners; OCR text rides as a "text" attribute; masks are dropped. */
  plank = only_annotation (b, find_image (b, "street.png"), CAIRN_KIND_POLYGON, "plank");
  assert_coords (plank, (double[]) { 32, 15, 32, 25, 28, 25, 28, 15 }, 8, 1e-9);
  sign = only_annotation (b, find_image (b, "street.png"), CAIRN_KIND_BOX, "sign");
  g_assert_cmpstr (json_object_get_string_member (sign->attributes, "text"), ==, "출구");
  g_assert_cmpint (count_annotations (b), ==, count_annotations (a) - 1);
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
    { "bad-polygon.json", "_via_img_metadata[\"street.png124\"].regions[1]",
      "all_points_x and all_points_y must be arrays of one length" },
    { "bad-rect.json", "regions[0]", "shape_attributes.width must be a number" },
    { "no-filename.json", "_via_img_metadata[\"street.png124\"]", "\"filename\" must be a string" },
    { "via3.json", "$", "VIA 3" },
    { "two-values.json", "line 2", "unexpected text after the JSON value" },
  };
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_project (p);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = fixture_path ("via", "malformed");
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr(GError) error = import_fails (p, "via", path, cases[i].file, cases[i].where,
                                              cases[i].what, NULL);

      g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/via/project", test_project);
  g_test_add_func ("/via/annotations-only", test_annotations_only);
  g_test_add_func ("/via/round-trip", test_round_trip);
  g_test_add_func ("/via/lossy", test_lossy);
  g_test_add_func ("/via/malformed", test_malformed);
  return g_test_run ();
}
