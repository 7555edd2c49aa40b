/* YOLO import and export, and the YAML reader under data.yaml. */
#include "image-test-common.h"
#include "formats/cairn-formats-image.h"
#include "formats/cairn-image-common.h"
#include "formats/cairn-yaml.h"

static char *
yaml_to_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = cairn_yaml_parse (text, "t.yaml", &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  node = json_node_init_object (json_node_alloc (), o);
  return json_to_string (node, FALSE);
}

static void
assert_yaml (const char *text, const char *json)
{
  g_autofree char *got = yaml_to_json (text);

  g_assert_cmpstr (got, ==, json);
}

static void
assert_yaml_fails (const char *text, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = cairn_yaml_parse (text, "t.yaml", &error);

  g_assert_null (o);
  g_assert_nonnull (error);
  g_test_message ("%s → %s", text, error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_yaml (void)
{
  assert_yaml ("path: ../data  # root\ntrain: images/train\nnc: 2\n",
               "{\"path\":\"../data\",\"train\":\"images/train\",\"nc\":2}");
  assert_yaml ("names:\n  0: person\n  1: 'traffic light'\n  2: \"고양이\"\n",
               "{\"names\":{\"0\":\"person\",\"1\":\"traffic light\",\"2\":\"고양이\"}}");
  assert_yaml ("names: ['a', \"b, c\", it''s]\n", "{\"names\":[\"a\",\"b, c\",\"it''s\"]}");
  assert_yaml ("names: ['it''s']\n", "{\"names\":[\"it's\"]}");
  assert_yaml ("names: [a,\n  b,\n  c]\nnc: 3\n", "{\"names\":[\"a\",\"b\",\"c\"],\"nc\":3}");
  assert_yaml ("names:\n- a\n- b # c\n", "{\"names\":[\"a\",\"b\"]}");
  assert_yaml ("names:\n  - a\n  - 1.5\n  - true\n  - ~\n", "{\"names\":[\"a\",1.5,true,null]}");
  assert_yaml ("names: {0: a, 1: b}\nkpt_shape: [17, 3]\n",
               "{\"names\":{\"0\":\"a\",\"1\":\"b\"},\"kpt_shape\":[17,3]}");
  assert_yaml ("download: |\n  import x  # not a comment here\n\n  y = 1\nnc: 1\n",
               "{\"download\":\"  import x  # not a comment here\\n\\n  y = 1\\n\",\"nc\":1}");
  assert_yaml ("---\nurl: https://example.com/a#b\ntest:\n",
               "{\"url\":\"https://example.com/a#b\",\"test\":null}");
  assert_yaml ("kpt_names:\n  0:\n    - nose\n    - eye\n",
               "{\"kpt_names\":{\"0\":[\"nose\",\"eye\"]}}");
  assert_yaml ("a: 1\r\nb: 2\r\n", "{\"a\":1,\"b\":2}");
  assert_yaml ("", "{}");
  assert_yaml_fails ("names: [a, b\n", "t.yaml:1: expected ',' or ']'");
  assert_yaml_fails ("nc: 1\n  bad: 2\n", "t.yaml:2: unexpected indentation");
  assert_yaml_fails ("- a\n- b\n", "t.yaml:1: expected top-level");
  assert_yaml_fails ("a: 1\njust words\n", "t.yaml:2: expected “key: value”");
  assert_yaml_fails ("a: 'open\n", "t.yaml:1: unterminated quoted string");
  assert_yaml_fails (
      "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
      "nested too deeply");
}

static const CairnAnnotation *
only (GPtrArray *list)
{
  g_assert_cmpuint (list->len, ==, 1);
  return list->pdata[0];
}

static void
assert_coords (const CairnAnnotation *a, const double *expected, guint n)
{
  g_assert_cmpuint (a->coords->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (a->coords, double, i), expected[i], 1e-9);
}

static void
test_import_ultralytics (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("yolo", "ultralytics");
  g_autoptr(CairnImportReport) report = image_test_import (t, "yolo", path, NULL);
  g_autoptr(GPtrArray) people = image_test_annotations (t, "street.png", "person", CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) outlines
      = image_test_annotations (t, "street.png", "person", CAIRN_KIND_POLYGON);
  g_autoptr(GPtrArray) lights = image_test_annotations (t, "street.png", "traffic light", -1);
  g_autoptr(GPtrArray) cats = image_test_annotations (t, "cat.png", "고양이",
                                                      CAIRN_KIND_POLYGON);
  g_autoptr(GPtrArray) none = image_test_annotations (t, "empty.png", NULL, -1);
  g_autoptr(CairnItem) street = image_test_find_item (t, "street.png");
  g_autoptr(CairnItem) cat = image_test_find_item (t, "cat.png");
  const CairnAnnotation *light;

  g_assert_cmpuint (report->items_added, ==, 3);
  g_assert_cmpuint (report->annotations_added, ==, 4);
  g_assert_cmpuint (report->labels_added, ==, 3);
  /* 64 × 48: centre (32, 24), size 16 × 24. */
  assert_coords (only (people), (double[]) { 24, 12, 16, 24 }, 4);
  assert_coords (only (outlines), (double[]) { 6.4, 4.8, 19.2, 4.8, 19.2, 19.2, 6.4, 19.2 }, 8);
  /* A sixth number is a detector's confidence. */
  light = only (lights);
  assert_coords (light, (double[]) { 6, 9, 4, 6 }, 4);
  g_assert_cmpfloat (light->score, ==, 0.875);
  g_assert_cmpint (light->origin, ==, CAIRN_ORIGIN_MODEL);
  /* A CRLF label file, a Korean class name. */
  assert_coords (only (cats), (double[]) { 10, 5, 30, 5, 20, 15 }, 6);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpstr (street->split, ==, "train");
  g_assert_cmpstr (cat->split, ==, "val");
}

static void
test_import_pose (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("yolo", "pose");
  g_autoptr(CairnImportReport) report = image_test_import (t, "yolo", path, NULL);
  g_autoptr(GPtrArray) boxes = image_test_annotations (t, "runner.png", "runner", CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) points
      = image_test_annotations (t, "runner.png", "runner", CAIRN_KIND_KEYPOINTS);
  g_autoptr(CairnLabel) runner = cairn_store_find_label (t->store, "runner", NULL);
  g_autofree char *flip = cairn_store_dup_meta (t->store, "yolo.flip_idx");
  const CairnAnnotation *kp = only (points);
  gint64 group = cairn_image_get_group (kp);

  g_assert_cmpuint (boxes->len, ==, 2);
  /* 100 × 50: the person's box and its keypoints share a group; the second line's keypoints
   * are all unlabelled, so it is a box alone. */
  assert_coords (kp, (double[]) { 50, 10, 2, 40, 25, 1, 0, 0, 0 }, 9);
  g_assert_cmpint (group, >, 0);
  for (guint i = 0; i < boxes->len; i++)
    {
      const CairnAnnotation *b = boxes->pdata[i];

      if (cairn_image_get_group (b) == group)
        assert_coords (b, (double[]) { 30, 5, 40, 40 }, 4);
      else
        {
          g_assert_cmpint (cairn_image_get_group (b), ==, 0);
          assert_coords (b, (double[]) { 5, 5, 10, 10 }, 4);
        }
    }
  g_assert_cmpuint (runner->points->len, ==, 3);
  g_assert_cmpstr (runner->points->pdata[1], ==, "left_hand");
  g_assert_cmpstr (flip, ==, "[0,2,1]");
}

static void
test_import_darknet_and_labelimg (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *darknet = image_test_data ("yolo", "darknet");
  g_autofree char *labelimg = image_test_data ("yolo", "labelimg/classes.txt");
  g_autoptr(CairnImportReport) r1 = image_test_import (t, "yolo", darknet, NULL);
  g_autoptr(CairnImportReport) r2 = image_test_import (t, "yolo", labelimg, NULL);
  g_autoptr(GPtrArray) trucks = image_test_annotations (t, "road.png", "트럭", CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) signs = image_test_annotations (t, "sign.png", "stop sign", CAIRN_KIND_BOX);
  g_autoptr(CairnItem) road = image_test_find_item (t, "road.png");

  /* 50 × 40 */
  assert_coords (only (trucks), (double[]) { 20, 15, 10, 10 }, 4);
  assert_coords (only (signs), (double[]) { 0, 0, 20, 20 }, 4);
  g_assert_cmpstr (road->split, ==, "train");
}

static gboolean
has_warning (const CairnImportReport *report, const char *a, const char *b)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (report->warnings->pdata[i], a) && (b == NULL || strstr (report->warnings->pdata[i], b)))
      return TRUE;
  return FALSE;
}

/* CVAT's "YOLO 1.1": obj.data says data/obj.names and data/train.txt, and train.txt lists
 * data/obj_train_data/..., all relative to darknet's folder: read beside obj.data. */
static void
test_import_cvat (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *path = image_test_data ("yolo", "cvat");
  g_autoptr(CairnImportReport) report = image_test_import (t, "yolo", path, NULL);
  g_autoptr(GPtrArray) trucks = image_test_annotations (t, "road.png", "트럭", CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) cars = image_test_annotations (t, "road.png", "car", CAIRN_KIND_BOX);
  g_autoptr(CairnItem) road = image_test_find_item (t, "road.png");

  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("%s", (char *) report->warnings->pdata[i]);
  g_assert_cmpuint (report->items_added, ==, 1);
  g_assert_cmpuint (report->annotations_added, ==, 2);
  assert_coords (only (trucks), (double[]) { 20, 15, 10, 10 }, 4);
  assert_coords (only (cars), (double[]) { 12.5, 10, 5, 4 }, 4);
  g_assert_cmpstr (road->split, ==, "train");
  g_assert_nonnull (road->uri);
  g_assert_true (has_warning (report, "“data/obj.names” not found as written; read", "obj.names"));
  g_assert_true (has_warning (report, "“data/train.txt” not found as written; read", "train.txt"));
  g_assert_true (has_warning (report, "1 image path not found as written; read beside the list", NULL));
}

/* Roboflow's data.yaml: "../train/images" is read against the dataset folder, as Ultralytics
 * does; one whose paths lead nowhere gets the SPLIT/images folders beside it. */
static void
test_import_roboflow (void)
{
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(ImageTest) t = image_test_new ();
      g_autofree char *path = image_test_data ("yolo", k == 0 ? "roboflow" : "roboflow/colab.yaml");
      g_autoptr(CairnImportReport) report = image_test_import (t, "yolo", path, NULL);
      g_autoptr(GPtrArray) people = image_test_annotations (t, "street.png", "person",
                                                            CAIRN_KIND_BOX);
      g_autoptr(GPtrArray) cats = image_test_annotations (t, "cat.png", "고양이",
                                                          CAIRN_KIND_POLYGON);
      g_autoptr(CairnItem) street = image_test_find_item (t, "street.png");
      g_autoptr(CairnItem) cat = image_test_find_item (t, "cat.png");

      for (guint i = 0; i < report->warnings->len; i++)
        g_test_message ("%s", (char *) report->warnings->pdata[i]);
      g_assert_cmpuint (report->items_added, ==, 2);
      g_assert_cmpuint (report->annotations_added, ==, 4);
      assert_coords (only (people), (double[]) { 24, 12, 16, 24 }, 4);
      assert_coords (only (cats), (double[]) { 10, 5, 30, 5, 20, 15 }, 6);
      g_assert_cmpstr (street->split, ==, "train");
      g_assert_cmpstr (cat->split, ==, "val");
      if (k == 0)
        {
          /* Only the test split, which the export did not have, is missing. */
          g_assert_cmpuint (report->warnings->len, ==, 1);
          g_assert_true (has_warning (report, "test: “../test/images” not found", NULL));
        }
      else
        {
          g_assert_true (has_warning (report, "train: the listed paths do not exist; imported "
                                      "train/images", NULL));
          g_assert_true (has_warning (report, "val: the listed paths do not exist; imported "
                                      "valid/images", NULL));
        }
    }
}

static void
round_trip (const char *dataset, const char *const *splits)
{
  g_autoptr(ImageTest) a = image_test_new ();
  g_autoptr(ImageTest) b = image_test_new ();
  g_autofree char *path = image_test_data ("yolo", dataset);
  g_autofree char *out = g_build_filename (a->dir, "out", NULL);
  g_autoptr(CairnImportReport) r1 = image_test_import (a, "yolo", path, NULL);
  g_autoptr(CairnImportReport) r2 = NULL;
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };

  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (a->store, "yolo", out, &options, &error));
  g_assert_no_error (error);
  r2 = image_test_import (b, "yolo", out, NULL);
  image_test_assert_same (a, b, 1e-6);
}

static void
test_round_trip (void)
{
  const char *train_val[] = { "train", "val", NULL };
  const char *train[] = { "train", NULL };

  round_trip ("ultralytics", train_val);
  round_trip ("ultralytics", NULL);
  round_trip ("pose", train);
  round_trip ("darknet", NULL);
  round_trip ("labelimg", NULL);
}

/* The files themselves: class numbers, lines and data.yaml as a trainer reads them. */
static void
test_export_files (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autoptr(ImageTest) p = image_test_new ();
  g_autofree char *path = image_test_data ("yolo", "ultralytics");
  g_autofree char *pose = image_test_data ("yolo", "pose");
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autofree char *pose_out = g_build_filename (p->dir, "out", NULL);
  g_autoptr(CairnImportReport) r1 = image_test_import (t, "yolo", path, NULL);
  g_autoptr(CairnImportReport) r2 = image_test_import (p, "yolo", pose, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *street = NULL, *cat = NULL, *yaml = NULL, *pose_yaml = NULL, *runner = NULL;
  g_autofree char *street_path = g_build_filename (out, "labels", "train", "street.txt", NULL);
  g_autofree char *cat_path = g_build_filename (out, "labels", "val", "cat.txt", NULL);
  g_autofree char *image = g_build_filename (out, "images", "val", "cat.png", NULL);
  g_autofree char *yaml_path = g_build_filename (out, "data.yaml", NULL);
  g_autofree char *pose_yaml_path = g_build_filename (pose_out, "data.yaml", NULL);
  g_autofree char *runner_path = g_build_filename (pose_out, "labels", "runner.txt", NULL);
  g_autoptr(JsonObject) parsed = NULL;
  const char *splits[] = { "train", "val", NULL };
  CairnFormatOptions options = { 0 };

  options.splits = (GStrv) splits;
  g_assert_true (cairn_format_export (t->store, "yolo", out, &options, &error));
  g_assert_no_error (error);
  street = image_test_read_text (street_path);
  cat = image_test_read_text (cat_path);
  yaml = image_test_read_text (yaml_path);
  /* Same numbers as the original, less the confidence, which a training file cannot carry. */
  g_assert_cmpstr (street, ==, "0 0.5 0.5 0.25 0.5\n1 0.125 0.25 0.0625 0.125\n"
                               "0 0.1 0.1 0.3 0.1 0.3 0.4 0.1 0.4\n");
  g_assert_cmpstr (cat, ==, "2 0.25 0.25 0.75 0.25 0.5 0.75\n");
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
  parsed = cairn_yaml_parse (yaml, "data.yaml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (parsed, "train"), ==, "images/train");
  g_assert_cmpstr (json_object_get_string_member (parsed, "val"), ==, "images/val");
  g_assert_cmpint (json_object_get_int_member (parsed, "nc"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (parsed, "names"),
                                                  "1"), ==, "traffic light");

  g_assert_true (cairn_format_export (p->store, "yolo", pose_out, NULL, &error));
  g_assert_no_error (error);
  pose_yaml = image_test_read_text (pose_yaml_path);
  runner = image_test_read_text (runner_path);
  g_assert_nonnull (strstr (pose_yaml, "kpt_shape: [3, 3]\nflip_idx: [0,2,1]\n"));
  g_assert_cmpstr (runner, ==, "0 0.5 0.5 0.4 0.8 0.5 0.2 2 0.4 0.5 1 0 0 0\n"
                               "0 0.1 0.2 0.1 0.2 0 0 0 0 0 0 0 0 0\n");
}

/* Images the project only refers to: labels still come out, the missing files are listed. */
static void
test_export_missing_images (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *coco = image_test_data ("coco", "instances_train.json");
  g_autofree char *out = g_build_filename (t->dir, "out", NULL);
  g_autofree char *missing_path = g_build_filename (out, "missing-images.txt", NULL);
  g_autofree char *image_path = g_build_filename (out, "images", "street.jpg", NULL);
  g_autofree char *street_path = g_build_filename (out, "labels", "street.txt", NULL);
  g_autofree char *missing = NULL, *street = NULL;
  g_autoptr(CairnImportReport) r = image_test_import (t, "coco", coco, NULL);
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };

  options.annotator = NULL;
  g_assert_true (cairn_format_export (t->store, "yolo", out, &options, &error));
  g_assert_no_error (error);
  missing = image_test_read_text (missing_path);
  g_assert_nonnull (strstr (missing, "street.jpg\t"));
  g_assert_nonnull (strstr (missing, "tiny.png\t"));
  street = image_test_read_text (street_path);
  g_assert_cmpuint (strlen (street), >, 0);
  g_assert_false (g_file_test (image_path, G_FILE_TEST_EXISTS));
}

static void
test_malformed (void)
{
  g_autoptr(ImageTest) t = image_test_new ();
  g_autofree char *good = image_test_data ("yolo", "ultralytics");
  g_autoptr(CairnImportReport) report = image_test_import (t, "yolo", good, NULL);
  struct { const char *dir; const char *expect[4]; } cases[] = {
    { "bad-class", { "labels/x.txt:2:", "class 2 is not among the 2 classes" } },
    { "bad-number", { "labels/x.txt:1:", "“abc” is not a number" } },
    { "bad-count", { "labels/x.txt:1:", "3 numbers after the class" } },
    { "bad-yaml", { "data.yaml:3:", "expected ',' or ']'" } },
    { "bad-pose", { "labels/x.txt:1:", "keypoint 1 has visibility 7" } },
    { "labelimg/sign.png", { "sign.png: not a data.yaml" } },
    { "bad-class/images", { "no data.yaml, obj.data" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = image_test_data ("yolo", cases[i].dir);
      image_test_import_fails (t, "yolo", path, cases[i].expect);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/yolo/yaml", test_yaml);
  g_test_add_func ("/yolo/import-ultralytics", test_import_ultralytics);
  g_test_add_func ("/yolo/import-pose", test_import_pose);
  g_test_add_func ("/yolo/import-darknet-and-labelimg", test_import_darknet_and_labelimg);
  g_test_add_func ("/yolo/import-cvat", test_import_cvat);
  g_test_add_func ("/yolo/import-roboflow", test_import_roboflow);
  g_test_add_func ("/yolo/round-trip", test_round_trip);
  g_test_add_func ("/yolo/export-files", test_export_files);
  g_test_add_func ("/yolo/export-missing-images", test_export_missing_images);
  g_test_add_func ("/yolo/malformed", test_malformed);
  return g_test_run ();
}
