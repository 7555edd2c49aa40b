/* COCO import and export, and the streaming JSON reader under it. */
#include <math.h>

#include "image-test-common.h"
#include "formats/cairn-formats-image.h"
#include "formats/cairn-image-common.h"
#include "formats/cairn-json-stream.h"
#include "model/cairn-rle.h"

static CairnJsonStream *
stream_for (const char *text)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);

  return cairn_json_stream_new (in, "mem.json");
}

/* Every number the reader converts is the double strtod gives, fast path or not. */
static void
test_stream_numbers (void)
{
  GRand *rand = g_rand_new_with_seed (17);
  g_autoptr(GString) doc = g_string_new ("[");
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnJsonStream) json = NULL;
  g_autoptr(GError) error = NULL;
  CairnJsonToken token;
  const char *fixed[] = { "0",
                          "-0",
                          "1e22",
                          "123456789012345678901234",
                          "0.1",
                          "1.7976931348623157e308",
                          "4.9e-324",
                          "2.5E-3",
                          "-12.375",
                          "9007199254740993",
                          "0.30000000000000004" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      double v = g_ascii_strtod (fixed[i], NULL);
      g_string_append_printf (doc, "%s%s", i ? "," : "", fixed[i]);
      g_array_append_val (expected, v);
    }
  for (guint i = 0; i < 20000; i++)
    {
      char buf[64];
      double v = g_rand_double_range (rand, -5000, 5000);
      int digits = g_rand_int_range (rand, 1, 18);

      g_snprintf (buf, sizeof buf, "%.*g", digits, v);
      v = g_ascii_strtod (buf, NULL);
      g_string_append_printf (doc, ",%s", buf);
      g_array_append_val (expected, v);
    }
  g_string_append (doc, "]");
  json = stream_for (doc->str);
  g_assert_true (cairn_json_stream_next (json, &token, &error));
  g_assert_cmpint (token, ==, CAIRN_JSON_BEGIN_ARRAY);
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_true (cairn_json_stream_next (json, &token, &error));
      g_assert_cmpint (token, ==, CAIRN_JSON_NUMBER);
      g_assert_cmpfloat (cairn_json_stream_get_double (json), ==,
                         g_array_index (expected, double, i));
    }
  g_assert_true (cairn_json_stream_next (json, &token, &error));
  g_assert_cmpint (token, ==, CAIRN_JSON_END_ARRAY);
  g_assert_true (cairn_json_stream_next (json, &token, &error));
  g_assert_cmpint (token, ==, CAIRN_JSON_END);
  g_rand_free (rand);
}

/* Numbers written for export read back to the very same double, in short form. */
static void
test_number_format (void)
{
  GRand *rand = g_rand_new_with_seed (5);
  struct { double v; const char *text; } cases[] = {
    { 12, "12" }, { 0.5, "0.5" }, { -0.25, "-0.25" }, { 200.5, "200.5" }, { 1e-7, "0.0000001" },
    { -0.0, "0" }, { 0.1 + 0.2, "0.30000000000000004" }, { 1e300, "1.0000000000000001e+300" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      cairn_append_number (s, cases[i].v);
      if (g_ascii_strtod (s->str, NULL) != cases[i].v)
        g_error ("%s does not read back as %.17g", s->str, cases[i].v);
      if (cases[i].v != 1e300)
        g_assert_cmpstr (s->str, ==, cases[i].text);
    }
  for (guint i = 0; i < 50000; i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      double v = g_rand_double_range (rand, -1e4, 1e4);

      if (i % 2)
        v = round (v * 1000) / 1000;
      cairn_append_number (s, v);
      if (g_ascii_strtod (s->str, NULL) != v)
        g_error ("%s does not read back as %.17g", s->str, v);
    }
  g_rand_free (rand);
}

static void
assert_stream_fails (const char *text, const char *expected)
{
  g_autoptr(CairnJsonStream) json = stream_for (text);
  g_autoptr(GError) error = NULL;
  CairnJsonToken token = CAIRN_JSON_BEGIN_ARRAY;

  while (cairn_json_stream_next (json, &token, &error) && token != CAIRN_JSON_END)
    ;
  if (error == NULL)
    g_error ("“%s” was accepted", text);
  g_test_message ("%s → %s", text, error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_stream_errors (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  assert_stream_fails ("{\"a\": 1,}", "mem.json:1:9: expected a member name");
  assert_stream_fails ("[1, 2\n, 03]", "mem.json:2:3: invalid number (leading zero)");
  assert_stream_fails ("[1 2]", "expected ','");
  assert_stream_fails ("{\"a\" 1}", "expected ':'");
  assert_stream_fails ("[\"a\tb\"]", "control character");
  assert_stream_fails ("[\"\\ud800x\"]", "unpaired surrogate");
  assert_stream_fails ("[\"\xc3\x28\"]", "not valid UTF-8");
  assert_stream_fails ("[tru]", "invalid literal");
  assert_stream_fails ("[1] [2]", "after the end");
  assert_stream_fails ("[1e999]", "out of range");
  assert_stream_fails ("{\"a\": [1, 2}", "expected ',' or ']'");
  for (int i = 0; i < 20000; i++)
    g_string_append_c (deep, '[');
  assert_stream_fails (deep->str, "nested too deeply");
}

static void
test_stream_nodes (void)
{
  g_autoptr(CairnJsonStream) json = stream_for (
    "{\"k\": [1, 2.5, \"가\\u00e9\\ud83d\\ude00\", true, null, {\"x\": []}], \"s\": \"\\n\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  CairnJsonToken token;

  g_assert_true (cairn_json_stream_next (json, &token, &error));
  node = cairn_json_stream_read_node (json, token, &error);
  g_assert_no_error (error);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"k\":[1,2.5,\"가é😀\",true,null,{\"x\":[]}],\"s\":\"\\n\"}");
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

static void
test_import (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("coco", "instances_train.json");
  g_autoptr(CairnImportReport) report = image_test_import (t, "coco", path, NULL);
  g_autoptr(GPtrArray) cars = image_test_annotations (t, "street.jpg", "car", -1);
  g_autoptr(GPtrArray) people = image_test_annotations (t, "street.jpg", "person", -1);
  g_autoptr(GPtrArray) cats = image_test_annotations (t, "고양이.png", "고양이", -1);
  g_autoptr(GPtrArray) tiny = image_test_annotations (t, "tiny.png", NULL, CAIRN_KIND_MASK);
  g_autoptr(CairnLabel) person = cairn_store_find_label (t->store, "person", NULL);
  g_autoptr(CairnItem) street = image_test_find_item (t, "street.jpg");
  const CairnAnnotation *car, *crowd = NULL, *dog = NULL;
  g_autoptr(CairnRle) expected = cairn_rle_new (4, 5);
  guint n_polygons = 0, n_keypoints = 0, n_boxes = 0;

  g_assert_cmpuint (report->items_added, ==, 3);
  g_assert_cmpuint (report->labels_added, ==, 4);
  g_assert_cmpuint (report->annotations_added, ==, 9);
  g_assert_cmpint (image_test_count_annotations (t), ==, 9);

  /* A plain box keeps its numbers, its attributes and members COCO does not define. */
  g_assert_cmpuint (cars->len, ==, 1);
  car = cars->pdata[0];
  assert_box (car, 200.5, 150.25, 80, 40.75);
  g_assert_false (json_object_get_boolean_member (car->attributes, "occluded"));
  g_assert_cmpstr (json_object_get_string_member (car->attributes, "colour"), ==, "red");
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (car->attributes, "coco"), "ignore"),
                   ==, 0);
  g_assert_false (json_object_has_member (car->attributes, "iscrowd"));

  /* Two polygons with keypoints, a box with keypoints, a polygon whose keypoints are all
   * unlabelled: parts of one object share a group, numbered within the image. */
  for (guint i = 0; i < people->len; i++)
    {
      CairnAnnotation *a = people->pdata[i];
      const double *v = (const double *) a->coords->data;

      if (a->kind == CAIRN_KIND_POLYGON && a->rings->len == 2)
        {
          g_assert_cmpuint (g_array_index (a->rings, guint, 0), ==, 4);
          g_assert_cmpuint (g_array_index (a->rings, guint, 1), ==, 3);
          g_assert_cmpfloat (v[12], ==, 70);
          g_assert_cmpint (cairn_image_get_group (a), ==, 1);
          /* COCO's area (3300) is not the polygons' (3250): kept to give it back. */
          g_assert_cmpfloat (json_object_get_double_member (
                                 json_object_get_object_member (a->attributes, "coco"), "area"),
                             ==, 3300);
        }
      if (a->kind == CAIRN_KIND_POLYGON)
        n_polygons++;
      if (a->kind == CAIRN_KIND_KEYPOINTS)
        {
          n_keypoints++;
          g_assert_cmpuint (a->coords->len, ==, 9);
          g_assert_cmpint (cairn_image_get_group (a), >=, 1);
          if (cairn_image_get_group (a) == 1)
            {
              g_assert_cmpfloat (v[3], ==, 25.5);
              g_assert_cmpfloat (v[4], ==, 15.25);
              g_assert_cmpfloat (v[5], ==, 1);
            }
        }
      if (a->kind == CAIRN_KIND_BOX)
        {
          n_boxes++;
          assert_box (a, 100, 100, 50, 120);
          g_assert_cmpint (cairn_image_get_group (a), ==, 2);
        }
    }
  g_assert_cmpuint (n_polygons, ==, 2);
  g_assert_cmpuint (n_keypoints, ==, 2);
  g_assert_cmpuint (n_boxes, ==, 1);

  /* The category's keypoints become the label's skeleton (edges 0-based). */
  g_assert_cmpuint (person->points->len, ==, 3);
  g_assert_cmpstr (person->points->pdata[2], ==, "right_eye");
  g_assert_cmpuint (person->edges->len, ==, 4);
  g_assert_cmpuint (g_array_index (person->edges, guint, 3), ==, 2);

  /* Uncompressed counts with iscrowd, compressed counts with a score. */
  for (guint i = 0; i < tiny->len; i++)
    {
      CairnAnnotation *a = tiny->pdata[i];
      if (cairn_image_get_int_attribute (a, "iscrowd", 0) == 1)
        crowd = a;
      else
        dog = a;
    }
  g_assert_nonnull (crowd);
  g_assert_nonnull (dog);
  g_assert_cmpuint (crowd->mask->counts->len, ==, 3);
  g_assert_cmpuint (cairn_rle_area (crowd->mask), ==, 6);
  g_array_append_vals (expected->counts, (guint32[]) { 5, 3, 1, 2, 9 }, 5);
  g_assert_true (cairn_rle_equal (dog->mask, expected));
  g_assert_cmpfloat (dog->score, ==, 0.875);
  g_assert_cmpint (dog->origin, ==, CAIRN_ORIGIN_MODEL);

  /* Korean names and attributes byte for byte. */
  g_assert_cmpuint (cats->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (((CairnAnnotation *) cats->pdata[0])->attributes,
                                                  "털색"), ==, "검정");

  /* The image id and extra fields wait in the item's meta for the export. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (street->meta, "coco"),
                                               "id"), ==, 7);
  g_assert_cmpint (street->width, ==, 640);
  /* "instances_train.json" says which split these images belong to. */
  g_assert_cmpstr (street->split, ==, "train");
}

static JsonObject *
load_json (const char *path, JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
find_by_id (JsonArray *list, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      if (json_object_get_int_member (o, "id") == id)
        return o;
    }
  return NULL;
}

static void
test_round_trip (void)
{
  g_autoptr(ImageTest) a = image_test_new ();
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *path = image_test_data ("coco", "instances_train.json");
  g_autofree char *out = NULL, *exported = NULL;
  g_autoptr(CairnImportReport) r1 = image_test_import (a, "coco", path, NULL);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) original = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  CairnFormatOptions options = { 0 };
  JsonObject *root, *orig;
  JsonArray *annotations, *orig_annotations;

  out = g_build_filename (a->dir, "export", NULL);
  g_assert_true (cairn_format_export (a->store, "coco", out, &options, &error));
  g_assert_no_error (error);
  exported = g_build_filename (out, "instances.json", NULL);
  r2 = image_test_import (b, "coco", exported, NULL);
  image_test_assert_same (a, b, 1e-6);

  /* The file itself gives back what the original said: ids, bbox, area, crowd counts. */
  root = load_json (exported, parser);
  orig = load_json (path, original);
  annotations = json_object_get_array_member (root, "annotations");
  orig_annotations = json_object_get_array_member (orig, "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==,
                    json_array_get_length (orig_annotations));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "images")), ==, 3);
  g_assert_nonnull (find_by_id (json_object_get_array_member (root, "images"), 9));
  for (guint i = 0; i < json_array_get_length (orig_annotations); i++)
    {
      JsonObject *o = json_array_get_object_element (orig_annotations, i);
      gint64 category = json_object_get_int_member (o, "category_id");
      gint64 image = json_object_get_int_member (o, "image_id");
      JsonObject *match = NULL;

      /* Match by image, category and bbox: ids of ungrouped annotations are renumbered. */
      for (guint j = 0; j < json_array_get_length (annotations) && match == NULL; j++)
        {
          JsonObject *e = json_array_get_object_element (annotations, j);
          JsonNode *bo = json_object_get_member (o, "bbox"),
                   *be = json_object_get_member (e, "bbox");

          if (json_object_get_int_member (e, "category_id") == category
              && json_object_get_int_member (e, "image_id") == image && json_node_equal (bo, be))
            match = e;
        }
      if (match == NULL)
        g_error ("annotation %" G_GINT64_FORMAT " of the original is not in the export",
                 json_object_get_int_member (o, "id"));
      g_assert_cmpfloat (json_object_get_double_member (match, "area"), ==,
                         json_object_get_double_member (o, "area"));
      g_assert_cmpint (json_object_get_int_member (match, "iscrowd"), ==,
                       json_object_get_int_member (o, "iscrowd"));
      g_assert_true (json_node_equal (json_object_get_member (match, "segmentation"),
                                      json_object_get_member (o, "segmentation")));
      if (json_object_has_member (o, "keypoints"))
        g_assert_true (json_node_equal (json_object_get_member (match, "keypoints"),
                                        json_object_get_member (o, "keypoints")));
      if (json_object_has_member (o, "attributes"))
        g_assert_true (json_node_equal (json_object_get_member (match, "attributes"),
                                        json_object_get_member (o, "attributes")));
    }
  g_assert_true (json_node_equal (json_object_get_member (root, "categories"),
                                  json_object_get_member (orig, "categories")));
  g_assert_true (json_node_equal (json_object_get_member (root, "info"),
                                  json_object_get_member (orig, "info")));
}

static void
set_split (ImageTest *t, const char *name, const char *split)
{
  g_autoptr(CairnItem) item = image_test_find_item (t, name);

  g_free (item->split);
  item->split = g_strdup (split);
  g_assert_true (cairn_store_update_item (t->store, item, NULL));
}

static void
test_splits_and_annotator (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autoptr(ImageTest) back = image_test_new ();
  g_autofree char *path = image_test_data ("coco", "instances_train.json");
  g_autoptr(CairnImportReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autofree char *out = g_build_filename (t->dir, "split", NULL);
  g_autofree char *val = g_build_filename (out, "instances_val.json", NULL);
  g_autofree char *train = g_build_filename (out, "instances_train.json", NULL);
  g_autofree char *mine = g_build_filename (t->dir, "mine", NULL);
  g_autofree char *mine_file = g_build_filename (mine, "instances.json", NULL);
  g_autoptr(JsonParser) p1 = json_parser_new (), p2 = json_parser_new (), p3 = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = NULL;
  const char *splits[] = { "train", "val", NULL };
  CairnFormatOptions options = { 0 };
  JsonObject *root;

  options.annotator = "kim";
  r1 = image_test_import (t, "coco", path, &options);
  set_split (t, "tiny.png", "val");
  {
    /* Another annotator's box on the same image. */
    g_autoptr(CairnItem) street = image_test_find_item (t, "street.jpg");
    g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
    box->item_id = street->id;
    box->label_id = cairn_format_ensure_label (t->store, "car", NULL, NULL);
    box->annotator_id = cairn_store_ensure_annotator (t->store, "lee", NULL, NULL);
    cairn_annotation_set_box (box, 1, 2, 3, 4);
    g_assert_true (cairn_store_add_annotation (t->store, box, NULL));
  }

  options.annotator = NULL;
  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (t->store, "coco", out, &options, &error));
  g_assert_no_error (error);
  root = load_json (val, p1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "images")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotations")), ==,
                    2);
  root = load_json (train, p2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "images")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotations")), ==,
                    6);

  /* Importing the val file back puts its image in val. */
  r2 = image_test_import (back, "coco", val, NULL);
  item = image_test_find_item (back, "tiny.png");
  g_assert_cmpstr (item->split, ==, "val");

  /* Only kim's annotations: the box lee drew stays out. */
  options.splits = NULL;
  options.annotator = "kim";
  g_assert_true (cairn_format_export (t->store, "coco", mine, &options, &error));
  g_assert_no_error (error);
  root = load_json (mine_file, p3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotations")), ==,
                    7);
  options.annotator = "nobody";
  g_assert_false (cairn_format_export (t->store, "coco", mine, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
}

static void
test_annotations_first (void)
{
  g_autoptr(ImageTest) a = image_test_new ();
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *first = image_test_data ("coco", "annotations-first.json");
  g_autofree char *normal = image_test_data ("coco", "instances_train.json");
  g_autoptr(CairnImportReport) r1 = image_test_import (a, "coco", first, NULL);
  g_autoptr(CairnImportReport) r2 = image_test_import (b, "coco", normal, NULL);

  image_test_assert_same (b, a, 0);
}

/* The same file twice, as another annotator's: the second import's objects get their own group
 * numbers, so an export never joins one person's keypoints to another's outline. */
static void
test_groups_stay_apart (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("coco", "instances_train.json");
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autofree char *file = g_build_filename (out, "instances.json", NULL);
  CairnFormatOptions second = { .annotator = "second" };
  g_autoptr(CairnImportReport) r1 = image_test_import (t, "coco", path, NULL);
  g_autoptr(CairnImportReport) r2 = image_test_import (t, "coco", path, &second);
  g_autoptr(GPtrArray) people
      = image_test_annotations (t, "street.jpg", "person", CAIRN_KIND_KEYPOINTS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };
  JsonArray *annotations;
  guint with_keypoints = 0;

  g_assert_cmpuint (people->len, ==, 4);
  for (guint i = 0; i < people->len; i++)
    g_assert_cmpint (cairn_image_get_group (people->pdata[i]), ==, i + 1);
  g_assert_true (cairn_format_export (t->store, "coco", out, &options, &error));
  g_assert_no_error (error);
  annotations = json_object_get_array_member (load_json (file, parser), "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, 14);
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    with_keypoints += json_object_get_int_member_with_default (
                        json_array_get_object_element (annotations, i), "num_keypoints", 0) > 0;
  g_assert_cmpuint (with_keypoints, ==, 4);
}

static void
test_malformed (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *good = image_test_data ("coco", "instances_train.json");
  g_autoptr(CairnImportReport) report = image_test_import (t, "coco", good, NULL);
  struct { const char *file; const char *expect[4]; } cases[] = {
    { "bad-bbox.json", { "bad-bbox.json:", "annotations[0].bbox", "has 3 numbers, expected 4" } },
    { "bad-image-id.json", { "annotations[2]", "image_id 99 is not among the images" } },
    { "bad-category.json", { "annotations[3]", "category_id 77" } },
    { "bad-rle.json", { "annotations[5].segmentation", "sum to 19, expected 4 × 5 = 20" } },
    { "bad-polygon.json", { "annotations[1].segmentation[0]", "odd number of coordinates" } },
    { "bad-keypoints.json", { "annotations[1].keypoints", "has 6 numbers, expected 9" } },
    { "bad-truncated.json", { "bad-truncated.json:14:", "unexpected end of input" } },
  };

  /* Over a project that already holds the good file: a failed import changes nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = image_test_data ("coco", cases[i].file);
      image_test_import_fails (t, "coco", path, cases[i].expect);
    }
}

/* Kinds COCO has no word for go out as the nearest shape it has, or not at all. */
static void
test_export_other_kinds (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autofree char *file = g_build_filename (out, "instances.json", NULL);
  gint64 label = cairn_format_ensure_label (t->store, "thing", NULL, NULL);
  CairnKind kinds[] = { CAIRN_KIND_RBOX, CAIRN_KIND_OCR, CAIRN_KIND_POLYLINE, CAIRN_KIND_TAG,
                        CAIRN_KIND_POLYLINE, CAIRN_KIND_BOX };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  CairnFormatOptions options = { .warnings = warnings };
  JsonArray *annotations;
  JsonArray *ring;

  item->uri = g_strdup ("a.png");
  item->width = 100;
  item->height = 100;
  g_assert_true (cairn_store_add_item (t->store, item, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (kinds[i]);
      double rbox[] = { 50, 50, 20, 10, 90 };
      double line[] = { 0, 0, 10, 10 };

      a->item_id = item->id;
      a->label_id = label;
      if (kinds[i] == CAIRN_KIND_BOX)
        a->label_id = 0;
      if (kinds[i] == CAIRN_KIND_RBOX)
        cairn_annotation_set_coords (a, rbox, 5);
      else if (kinds[i] == CAIRN_KIND_OCR)
        {
          cairn_annotation_set_box (a, 1, 2, 3, 4);
          cairn_annotation_set_text (a, "출구");
        }
      else if (kinds[i] == CAIRN_KIND_POLYLINE)
        cairn_annotation_add_ring (a, line, 2);
      else if (kinds[i] == CAIRN_KIND_BOX)
        cairn_annotation_set_box (a, 5, 5, 10, 10);
      g_assert_true (cairn_store_add_annotation (t->store, a, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cairn_format_export (t->store, "coco", out, &options, &error));
  g_assert_no_error (error);
  annotations = json_object_get_array_member (load_json (file, parser), "annotations");
  g_assert_cmpuint (json_array_get_length (annotations), ==, 2);
  /* A 20 × 10 box turned 90° clockwise: corners at x 45..55, y 40..60. */
  ring = json_array_get_array_element (json_object_get_array_member (
           json_array_get_object_element (annotations, 0), "segmentation"), 0);
  g_assert_cmpuint (json_array_get_length (ring), ==, 8);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (ring, 0), 55, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (ring, 1), 40, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                           json_array_get_object_element (annotations, 1), "attributes"),
                       "text"),
                   ==, "출구");
  /* What was left out is said, once per kind. */
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_cmpstr (warnings->pdata[0], ==,
                   "coco: 1 tag annotation not written (COCO has no such shape)");
  g_assert_cmpstr (warnings->pdata[1], ==,
                   "coco: 2 polyline annotations not written (COCO has no such shape)");
  g_assert_cmpstr (warnings->pdata[2], ==,
                   "coco: 1 annotation without a label not written (COCO needs a category)");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coco/json-stream/numbers", test_stream_numbers);
  g_test_add_func ("/coco/json-stream/errors", test_stream_errors);
  g_test_add_func ("/coco/json-stream/nodes", test_stream_nodes);
  g_test_add_func ("/coco/number-format", test_number_format);
  g_test_add_func ("/coco/import", test_import);
  g_test_add_func ("/coco/round-trip", test_round_trip);
  g_test_add_func ("/coco/splits-and-annotator", test_splits_and_annotator);
  g_test_add_func ("/coco/annotations-first", test_annotations_first);
  g_test_add_func ("/coco/groups-stay-apart", test_groups_stay_apart);
  g_test_add_func ("/coco/malformed", test_malformed);
  g_test_add_func ("/coco/export-other-kinds", test_export_other_kinds);
  return g_test_run ();
}
