#include <math.h>

#include "shapes-test-util.h"

static CairnImportReport *
import_fixture (Project *p)
{
  g_autofree char *path = fixture_path ("labelstudio", "tasks.json");
  CairnImportReport *report = import_ok (p, "labelstudio", path, NULL);

  g_assert_cmpuint (report->items_added, ==, 4);
  return report;
}

static gint64
text_item (Project *p, const char *text)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return cairn_store_find_item_by_sha256 (p->store, sha);
}

static gint64
annotator (Project *p, const char *name)
{
  g_autoptr(GPtrArray) list = cairn_store_list_annotators (p->store, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((CairnAnnotator *) list->pdata[i])->name, name) == 0)
      return ((CairnAnnotator *) list->pdata[i])->id;
  return 0;
}

static void
test_image_regions (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);
  gint64 street = find_image (p, "street.png");
  g_autoptr(GPtrArray) boxes = annotations_of (p, street, CAIRN_KIND_BOX);
  g_autoptr(CairnAnnotation) rbox = only_annotation (p, street, CAIRN_KIND_RBOX, "car");
  g_autoptr(CairnAnnotation) polygon = only_annotation (p, street, CAIRN_KIND_POLYGON, "도로");
  g_autoptr(CairnAnnotation) lane = only_annotation (p, street, CAIRN_KIND_POLYLINE, "lane");
  g_autoptr(CairnAnnotation) sign = only_annotation (p, street, CAIRN_KIND_POINTS, "sign");
  g_autoptr(CairnAnnotation) wheel = only_annotation (p, street, CAIRN_KIND_ELLIPSE, "wheel");
  g_autoptr(CairnAnnotation) ocr = only_annotation (p, street, CAIRN_KIND_OCR, "text");
  g_autoptr(CairnAnnotation) tag = only_annotation (p, street, CAIRN_KIND_TAG, "sunny");
  g_autoptr(CairnAnnotation) caption = only_annotation (p, street, CAIRN_KIND_TARGET, NULL);
  g_autoptr(CairnItem) item = cairn_store_get_item (p->store, street, NULL);
  gint64 ann = annotator (p, "ann@example.com"), user9 = annotator (p, "Label Studio user 9");
  guint human = 0, model = 0;
  g_autofree char *extra = NULL;

  g_assert_cmpint (ann, >, 0);
  g_assert_cmpint (user9, >, 0);
  /* Two annotators' boxes and the model's; the cancelled annotation adds nothing. */
  g_assert_cmpuint (boxes->len, ==, 3);
  for (guint i = 0; i < boxes->len; i++)
    {
      CairnAnnotation *a = boxes->pdata[i];

      if (a->origin == CAIRN_ORIGIN_MODEL)
        {
          model++;
          assert_coords (a, (double[]) { 6.4, 4.8, 6.4, 4.8 }, 4, 1e-12);
          g_assert_cmpfloat (a->score, ==, 0.75);
          g_assert_cmpstr (json_object_get_string_member (a->attributes, "model_version"), ==,
                           "yolo-v8");
          continue;
        }
      human++;
      assert_coords (a, (double[]) { 16, 24, 32, 12 }, 4, 1e-12);
      if (a->annotator_id == ann)
        {
          g_autofree char *color = attribute_json (a, "color");

          /* Per-region results are the region's attributes. */
          g_assert_cmpstr (json_object_get_string_member (a->attributes, "note"), ==, "스크래치");
          g_assert_cmpstr (color, ==, "[\"red\",\"blue\"]");
          g_assert_cmpint (json_object_get_int_member (a->attributes, "doors"), ==, 4);
        }
      else
        g_assert_cmpint (a->annotator_id, ==, user9);
    }
  g_assert_cmpuint (human, ==, 2);
  g_assert_cmpuint (model, ==, 1);

  /* Turned about its top-left corner (32, 12) by 30°: the centre moves accordingly. */
  assert_coords (rbox, (double[]) { 32 + 8 * cos (G_PI / 6) - 6 * sin (G_PI / 6),
                                    12 + 8 * sin (G_PI / 6) + 6 * cos (G_PI / 6), 16, 12, 30 },
                 5, 1e-9);
  assert_coords (polygon, (double[]) { 0, 0, 32, 0, 32, 24 }, 6, 1e-12);
  assert_coords (lane, (double[]) { 6.4, 4.8, 12.8, 9.6, 19.2, 4.8 }, 6, 1e-12);
  assert_coords (sign, (double[]) { 32, 24 }, 2, 1e-12);
  assert_coords (wheel, (double[]) { 32, 24, 6.4, 9.6, 15 }, 5, 1e-12);
  assert_coords (ocr, (double[]) { 0, 0, 16, 12 }, 4, 1e-12);
  g_assert_cmpstr (ocr->text, ==, "정지");
  g_assert_cmpint (tag->annotator_id, ==, ann);
  g_assert_cmpstr (caption->text, ==, "A quiet street");
  /* Data members and results Cairn has no kind for stay with the item. */
  extra = json_to_string (json_object_get_member (item->meta, "labelstudio_data"), FALSE);
  g_assert_cmpstr (extra, ==, "{\"source\":\"camera-3\"}");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item->meta,
                                                                         "labelstudio_results")),
                    ==, 1);
}

static void
test_brush (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);
  /* "/data/upload/3/1a2b3c4d-tile.png" is tile.png beside the file. */
  gint64 tile = find_image (p, "tile.png");
  g_autoptr(CairnAnnotation) puddle = only_annotation (p, tile, CAIRN_KIND_MASK, "puddle");
  g_autofree guint8 *bits = cairn_rle_to_bitmap (puddle->mask);
  static const guint set[][2] = { { 1, 2 }, { 1, 3 }, { 2, 2 }, { 2, 3 }, { 2, 4 },
                                  { 3, 5 }, { 4, 5 }, { 4, 6 } };

  g_assert_cmpint (tile, >, 0);
  g_assert_cmpuint (puddle->mask->width, ==, 8);
  g_assert_cmpuint (puddle->mask->height, ==, 6);
  g_assert_cmpuint (cairn_rle_area (puddle->mask), ==, G_N_ELEMENTS (set));
  for (guint i = 0; i < G_N_ELEMENTS (set); i++)
    g_assert_true (bits[set[i][0] * 8 + set[i][1]]);
}

static void
test_text (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);
  gint64 doc = text_item (p, "서울에서 만나요 🙂 Kim met Lee.");
  gint64 legacy = text_item (p, "🙂 Park");
  g_autoptr(CairnAnnotation) seoul = only_annotation (p, doc, CAIRN_KIND_SPAN, "LOC");
  g_autoptr(GPtrArray) people = annotations_of (p, doc, CAIRN_KIND_SPAN);
  g_autoptr(CairnAnnotation) meets = only_annotation (p, doc, CAIRN_KIND_RELATION, "meets");
  g_autoptr(CairnAnnotation) positive = only_annotation (p, doc, CAIRN_KIND_CLASS, "positive");
  g_autoptr(CairnAnnotation) target = only_annotation (p, doc, CAIRN_KIND_TARGET, NULL);
  g_autoptr(CairnAnnotation) park = only_annotation (p, legacy, CAIRN_KIND_SPAN, "PER");
  g_autoptr(CairnAnnotation) from = NULL, to = NULL;
  gboolean warned = FALSE;

  g_assert_cmpint (doc, >, 0);
  assert_coords (seoul, (double[]) { 0, 2 }, 2, 0);
  g_assert_cmpuint (people->len, ==, 3);
  from = cairn_store_get_annotation (p->store, (gint64) g_array_index (meets->coords, double, 0),
                                     NULL);
  to = cairn_store_get_annotation (p->store, (gint64) g_array_index (meets->coords, double, 1),
                                   NULL);
  assert_coords (from, (double[]) { 11, 14 }, 2, 0);
  assert_coords (to, (double[]) { 19, 22 }, 2, 0);
  g_assert_cmpstr (json_object_get_string_member (to->attributes, "confidence"), ==, "high");
  g_assert_cmpuint (json_object_get_size (meets->attributes), ==, 0);
  g_assert_cmpint (positive->item_id, ==, doc);
  g_assert_cmpstr (target->text, ==, "See you in Seoul 🙂");
  /* 3–7 in UTF-16 units is 2–6 in code points; the text proves it, a warning says so. */
  assert_coords (park, (double[]) { 2, 6 }, 2, 0);
  for (guint i = 0; i < report->warnings->len; i++)
    warned |= strstr (report->warnings->pdata[i], "UTF-16") != NULL;
  g_assert_true (warned);
}

static void
test_round_trip (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_fixture (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *json = g_build_filename (out, "labelstudio.json", NULL);
  g_autofree char *config = g_build_filename (out, "labelstudio-config.xml", NULL);
  g_autofree char *images = fixture_path ("labelstudio", NULL);
  g_autofree char *contents = NULL;
  CairnFormatOptions options = { .images_dir = images };

  export_ok (a, "labelstudio", out, NULL);
  g_assert_true (g_file_test (config, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "서울에서 만나요 🙂 Kim met Lee."));
  /* The brush encoder writes exactly what the fixture's independent encoder did. */
  g_assert_nonnull (strstr (contents, "\"rle\":[0,0,0,192,57,27,254,39,0,159,255,11,128,91,255,195,"
                                      "224,17,255,225,176,9,255,241,24,0]"));
  r2 = import_ok (b, "labelstudio", json, &options);
  g_assert_cmpuint (r2->items_added, ==, 4);
  assert_same_projects (a, b, 1e-6);
  assert_same_projects (b, a, 1e-6);
  /* Who made what survives too. */
  g_assert_cmpint (annotator (b, "ann@example.com"), >, 0);
  g_assert_cmpint (annotator (b, "Label Studio user 9"), >, 0);
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (b->store, find_image (b, "street.png"), NULL);
    g_autofree char *extra = json_to_string (json_object_get_member (item->meta,
                                                                     "labelstudio_data"), FALSE);
    g_assert_cmpstr (extra, ==, "{\"source\":\"camera-3\"}");
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
    int         code;
  } cases[] = {
    { "bad-span.json", "[0].annotations[0].result[id=s1]",
      "offsets 0–5 hold “hello” in the text, not “world”", CAIRN_FORMAT_ERROR_MISMATCH },
    { "bad-value.json", "[0].annotations[0].result[id=r2]", "value.x must be a number",
      CAIRN_FORMAT_ERROR_PARSE },
    { "bad-brush.json", "result[id=b1]", "rle is truncated", CAIRN_FORMAT_ERROR_PARSE },
    { "not-list.json", "$", "expected a list of tasks", CAIRN_FORMAT_ERROR_PARSE },
    { "no-data.json", "[0]", "\"data\" must be an object", CAIRN_FORMAT_ERROR_PARSE },
    { "unclosed.json", "unclosed.json: line 4", "the list is not closed",
      CAIRN_FORMAT_ERROR_PARSE },
    { "broken-task.json", "[1]: line 3", "", CAIRN_FORMAT_ERROR_PARSE },
  };
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnImportReport) report = import_fixture (p);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = fixture_path ("labelstudio", "malformed");
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr(GError) error = import_fails (p, "labelstudio", path, cases[i].file,
                                              cases[i].where, cases[i].what, NULL);

      g_assert_error (error, CAIRN_FORMAT_ERROR, cases[i].code);
    }
}

static void
test_export_annotator (void)
{
  g_autoptr(Project) a = project_new ();
  g_autoptr(Project) b = project_new ();
  g_autoptr(CairnImportReport) r1 = import_fixture (a);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autofree char *out = g_build_filename (a->dir, "export", NULL);
  g_autofree char *json = g_build_filename (out, "labelstudio.json", NULL);
  CairnFormatOptions options = { .annotator = "Label Studio user 9" };

  export_ok (a, "labelstudio", out, &options);
  r2 = import_ok (b, "labelstudio", json, NULL);
  /* Only user 9's box remains (its cancelled annotation had nothing). */
  g_assert_cmpint (count_annotations (b), ==, 1);
}

/* An image given as a data: URL is kept inside the project; without original_width the image's
 * own size is the base of the percentages. */
static void
test_data_url (void)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *png_path = fixture_path ("labelstudio", "tile.png");
  g_autofree char *json_path = g_build_filename (p->dir, "data-url.json", NULL);
  g_autofree char *png = NULL, *b64 = NULL, *json = NULL;
  g_autoptr(CairnImportReport) report = NULL;
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GArray) ids = NULL;
  CairnItemFilter filter = CAIRN_ITEM_FILTER_ANY;
  gsize n;

  g_assert_true (g_file_get_contents (png_path, &png, &n, NULL));
  b64 = g_base64_encode ((const guchar *) png, n);
  json = g_strdup_printf ("[{\"data\": {\"image\": \"data:image/png;base64,%s\"},"
                          " \"annotations\": [{\"result\": [{\"id\": \"a\","
                          " \"type\": \"rectanglelabels\", \"value\": {\"x\": 25, \"y\": 50,"
                          " \"width\": 50, \"height\": 50, \"rectanglelabels\": [\"x\"]}}]}]}]",
                          b64);
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
  report = import_ok (p, "labelstudio", json_path, NULL);
  ids = cairn_store_list_item_ids (p->store, &filter, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  item = cairn_store_get_item (p->store, g_array_index (ids, gint64, 0), NULL);
  g_assert_true (g_str_has_prefix (item->uri, "embedded-"));
  g_assert_cmpint (item->width, ==, 8);
  g_assert_cmpint (item->height, ==, 6);
  boxes = annotations_of (p, item->id, CAIRN_KIND_BOX);
  g_assert_cmpuint (boxes->len, ==, 1);
  assert_coords (boxes->pdata[0], (double[]) { 2, 3, 4, 3 }, 4, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/labelstudio/image-regions", test_image_regions);
  g_test_add_func ("/labelstudio/brush", test_brush);
  g_test_add_func ("/labelstudio/text", test_text);
  g_test_add_func ("/labelstudio/round-trip", test_round_trip);
  g_test_add_func ("/labelstudio/malformed", test_malformed);
  g_test_add_func ("/labelstudio/export-annotator", test_export_annotator);
  g_test_add_func ("/labelstudio/data-url", test_data_url);
  return g_test_run ();
}
