#include <math.h>

#include "model/cairn-annotation.h"
#include "model/cairn-item.h"
#include "model/cairn-json.h"
#include "model/cairn-label.h"
#include "model/cairn-rle.h"

static CairnRle *
rle_from_counts (guint h, guint w, const guint32 *counts, guint n)
{
  CairnRle *rle = cairn_rle_new (h, w);

  g_array_append_vals (rle->counts, counts, n);
  return rle;
}

/* Values worked by hand from COCO's maskApi.c rleToString: 5 bits a character from '0',
 * 0x20 = more follows, deltas against the count two back from the fourth count on. */
static void
test_rle_string_by_hand (void)
{
  struct { guint32 counts[4]; guint n; const char *text; } cases[] = {
    { { 5 }, 1, "5" },
    { { 1, 2, 3, 4 }, 4, "1232" },     /* 4 − 2 = 2 */
    { { 100 }, 1, "T3" },              /* 100 = 4 + 3·32: 'T' = 48 + (4|0x20) */
    { { 10, 5, 1, 1 }, 4, ":51L" },    /* 1 − 5 = −4: 28 with the sign bit → 'L' */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint total = 0;
      g_autoptr(CairnRle) rle = NULL;
      g_autoptr(CairnRle) back = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < cases[i].n; k++)
        total += cases[i].counts[k];
      rle = rle_from_counts (1, total, cases[i].counts, cases[i].n);
      text = cairn_rle_to_string (rle);
      g_assert_cmpstr (text, ==, cases[i].text);
      back = cairn_rle_from_string (text, 1, total, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (back->counts->data, back->counts->len * 4, rle->counts->data,
                       rle->counts->len * 4);
    }
}

static void
test_rle_bitmap (void)
{
  /* 3 rows × 4 columns, column-major runs: col0 = 0,1,0; col1 = 1,1,0; col2 = 0,0,0; col3 = 0,0,1 */
  static const guint8 bits[12] = {
    0, 1, 0, 0,
    1, 1, 0, 0,
    0, 0, 0, 1,
  };
  static const guint32 expected[] = { 1, 1, 1, 2, 6, 1 };
  g_autoptr(CairnRle) rle = cairn_rle_from_bitmap (bits, 3, 4);
  g_autofree guint8 *back = cairn_rle_to_bitmap (rle);
  double x, y, w, h;

  g_assert_cmpmem (rle->counts->data, rle->counts->len * 4, expected, sizeof expected);
  g_assert_cmpmem (back, 12, bits, 12);
  g_assert_cmpuint (cairn_rle_area (rle), ==, 4);
  g_assert_true (cairn_rle_bounds (rle, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 0);
  g_assert_cmpfloat (y, ==, 0);
  g_assert_cmpfloat (w, ==, 4);
  g_assert_cmpfloat (h, ==, 3);
}

static void
test_rle_random_round_trip (void)
{
  for (int round = 0; round < 50; round++)
    {
      guint h = g_test_rand_int_range (1, 40), w = g_test_rand_int_range (1, 40);
      g_autofree guint8 *bits = g_malloc (h * w);
      g_autoptr(CairnRle) rle = NULL, back = NULL, other = NULL;
      g_autofree char *text = NULL;
      g_autofree guint8 *other_bits = g_malloc (h * w);
      guint64 inter = 0, uni = 0, want_inter = 0, want_uni = 0, area = 0;

      for (guint i = 0; i < h * w; i++)
        {
          bits[i] = g_test_rand_int_range (0, 4) == 0;
          other_bits[i] = g_test_rand_int_range (0, 3) == 0;
          area += bits[i];
          want_inter += bits[i] && other_bits[i];
          want_uni += bits[i] || other_bits[i];
        }
      rle = cairn_rle_from_bitmap (bits, h, w);
      text = cairn_rle_to_string (rle);
      back = cairn_rle_from_string (text, h, w, NULL);
      g_assert_nonnull (back);
      g_assert_true (cairn_rle_equal (rle, back));
      g_assert_cmpuint (cairn_rle_area (back), ==, area);
      other = cairn_rle_from_bitmap (other_bits, h, w);
      cairn_rle_overlap (rle, other, &inter, &uni);
      g_assert_cmpuint (inter, ==, want_inter);
      g_assert_cmpuint (uni, ==, want_uni);
    }
}

static void
test_rle_bad_strings (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (cairn_rle_from_string ("5", 2, 2, &error));   /* sums to 5, not 4 */
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cairn_rle_from_string ("4 ", 2, 2, &error));
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cairn_rle_from_string ("T", 10, 10, &error)); /* "more" then nothing */
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
}

static void
test_kinds (void)
{
  CairnKind kind;

  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    {
      g_assert_true (cairn_kind_from_string (cairn_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (cairn_kind_from_string ("blob", &kind));
  g_assert_true (cairn_kind_is_image (CAIRN_KIND_CUBOID));
  g_assert_false (cairn_kind_is_image (CAIRN_KIND_SPAN));
}

static void
expect_invalid (CairnAnnotation *a, const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cairn_annotation_validate (a, &error));
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, fragment));
  cairn_annotation_free (a);
}

static void
test_validate (void)
{
  CairnAnnotation *a;

  a = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_coords (a, (double[]) { 1, 2, 3 }, 3);
  expect_invalid (a, "has 3 numbers, expected 4");
  a = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_box (a, 0, 0, -1, 5);
  expect_invalid (a, "negative size");
  a = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_box (a, NAN, 0, 1, 5);
  expect_invalid (a, "finite");
  a = cairn_annotation_new (CAIRN_KIND_POLYGON);
  cairn_annotation_add_ring (a, (double[]) { 0, 0, 1, 1 }, 2);
  expect_invalid (a, "too few points");
  a = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  cairn_annotation_set_coords (a, (double[]) { 1, 1, 3 }, 3);
  expect_invalid (a, "visibility");
  a = cairn_annotation_new (CAIRN_KIND_SPAN);
  cairn_annotation_set_coords (a, (double[]) { 5, 2 }, 2);
  expect_invalid (a, "start ≤ end");
  a = cairn_annotation_new (CAIRN_KIND_MASK);
  expect_invalid (a, "no mask");
  a = cairn_annotation_new (CAIRN_KIND_TARGET);
  expect_invalid (a, "no text");
}

static void
test_bounds (void)
{
  g_autoptr(CairnAnnotation) rbox = cairn_annotation_new (CAIRN_KIND_RBOX);
  g_autoptr(CairnAnnotation) kp = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  double x, y, w, h;

  /* A 20 × 10 box turned 90°: 10 wide, 20 tall around its centre. */
  cairn_annotation_set_coords (rbox, (double[]) { 50, 50, 20, 10, 90 }, 5);
  g_assert_true (cairn_annotation_bounds (rbox, &x, &y, &w, &h));
  g_assert_cmpfloat_with_epsilon (w, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (x, 45, 1e-9);
  /* Unlabelled keypoints (v = 0) do not count. */
  cairn_annotation_set_coords (kp, (double[]) { 10, 10, 2, 0, 0, 0, 30, 40, 1 }, 9);
  g_assert_true (cairn_annotation_bounds (kp, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 10);
  g_assert_cmpfloat (w, ==, 20);
  g_assert_cmpfloat (h, ==, 30);
}

static void
test_json_round_trip (void)
{
  g_autoptr(CairnAnnotation) seg = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  g_autoptr(CairnAnnotation) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *geometry = NULL;

  cairn_annotation_set_coords (seg, (double[]) { 1000, 2500.5 }, 2);
  cairn_annotation_set_text (seg, "네, 맞아요");
  seg->speaker = g_strdup ("B");
  seg->label_id = 7;
  json_object_set_int_member (seg->attributes, "confidence", 3);
  geometry = cairn_annotation_geometry_to_json (seg);
  g_assert_cmpstr (geometry, ==, "{\"t\":[1000,2500.5],\"speaker\":\"B\"}");
  node = cairn_annotation_to_json_node (seg);
  back = cairn_annotation_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_annotation_equal (seg, back, 0));
}

/* The store's compact arrays take a fast path; anything else goes through JsonParser. Both must
 * agree, and malformed text must fail either way. */
static void
test_geometry_parsing (void)
{
  static const struct { CairnKind kind; const char *json; guint n_coords; guint n_rings; } ok[] = {
    { CAIRN_KIND_BOX, "[1,2.5,3e2,-4]", 4, 0 },
    { CAIRN_KIND_BOX, " [ 1, 2.5, 3e2, -4 ] ", 4, 0 },
    { CAIRN_KIND_POLYGON, "[[0,0,10,0,10,10],[2,2,4,2,3,3]]", 12, 2 },
    { CAIRN_KIND_POLYGON, "[ [0,0, 10,0, 10,10] ]", 6, 1 },
    { CAIRN_KIND_TAG, "[]", 0, 0 },
  };
  static const struct { CairnKind kind; const char *json; } bad[] = {
    { CAIRN_KIND_BOX, "[1,2" }, { CAIRN_KIND_BOX, "[1,,2]" }, { CAIRN_KIND_BOX, "[1,\"a\"]" },
    { CAIRN_KIND_POLYGON, "[[0,0,1]" }, { CAIRN_KIND_POLYGON, "[0,0,1,1]" },
    { CAIRN_KIND_BOX, "[1,2]x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (ok[i].kind);
      g_autoptr(GError) error = NULL;

      g_assert_true (cairn_annotation_geometry_from_json (a, ok[i].json, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (a->coords->len, ==, ok[i].n_coords);
      g_assert_cmpuint (a->rings->len, ==, ok[i].n_rings);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (bad[i].kind);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i].json);
      g_assert_false (cairn_annotation_geometry_from_json (a, bad[i].json, &error));
      g_assert_nonnull (error);
    }
}

static void
test_single_value (void)
{
  static const char *single[] = { "{}", " {\"a\": [1, \"}\"]}\n", "[1,2]", "\"x\"", "12", "", "  " };
  static const char *several[] = { "{} {}", "{\"cairn\": 1} {\"x\": 2}", "[1] 2", "1 2", "\"a\" \"b\"",
                                   "2[]", "true{}", "1\"x\"" };

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    g_assert_true (cairn_json_is_single_value (single[i], strlen (single[i])));
  for (guint i = 0; i < G_N_ELEMENTS (several); i++)
    g_assert_false (cairn_json_is_single_value (several[i], strlen (several[i])));
}

static void
test_numbers (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 112.33, "112.33" }, { -0.5, "-0.5" }, { 3, "3" }, { 0.000005, "0.000005" },
    { -1234.125, "-1234.125" }, { 0, "0" }, { -0.0, "0" }, { 0.05, "0.05" }, { -0.001, "-0.001" },
    { 640, "640" }, { -17, "-17" }, { 123456789.5, "123456789.5" }, { 1e-7, "0.0000001" },
    { 4503599627370495.5, "4503599627370495.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      cairn_append_number (out, cases[i].v);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
  /* Whatever the path, the text reads back as the same double. */
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      double v = i % 2 ? g_test_rand_double_range (-1e4, 1e4)
                       : g_test_rand_int_range (-100000000, 100000000) / 100.0;

      cairn_append_number (out, v);
      g_assert_cmpfloat (g_ascii_strtod (out->str, NULL), ==, v);
    }
}

static void
test_labels (void)
{
  g_autoptr(CairnLabel) label = cairn_label_new ("hand");
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL, *json = NULL;
  guint mask;
  double r, g, b;

  g_assert_true (cairn_label_parse_kinds ("box, polygon,", &mask, &error));
  kinds = cairn_label_kinds_to_string (mask);
  g_assert_cmpstr (kinds, ==, "box,polygon");
  g_assert_false (cairn_label_parse_kinds ("box,blob", &mask, &error));
  g_clear_error (&error);
  g_assert_true (cairn_color_parse ("#FF8000", &r, &g, &b));
  g_assert_cmpfloat_with_epsilon (g, 128 / 255.0, 1e-9);
  g_assert_false (cairn_color_parse ("#FF80", &r, &g, &b));
  g_assert_false (cairn_label_skeleton_from_json (label, "{\"points\": [\"a\"], \"edges\": [[0, 3]]}",
                                                  &error));
  g_clear_error (&error);
  g_assert_true (cairn_label_skeleton_from_json (label, "{\"points\": [\"wrist\", \"thumb\"], "
                                                 "\"edges\": [[0, 1]]}", &error));
  json = cairn_label_skeleton_to_json (label);
  g_assert_cmpstr (json, ==, "{\"points\":[\"wrist\",\"thumb\"],\"edges\":[[0,1]]}");
}

static void
test_item_title (void)
{
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnItem) text = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autofree char *a = NULL, *b = NULL;

  image->uri = g_strdup ("photos/2024/street.jpg");
  text->text = g_strdup ("첫 줄입니다\n둘째 줄");
  a = cairn_item_dup_title (image);
  b = cairn_item_dup_title (text);
  g_assert_cmpstr (a, ==, "street.jpg");
  g_assert_cmpstr (b, ==, "첫 줄입니다");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/rle/string-by-hand", test_rle_string_by_hand);
  g_test_add_func ("/model/rle/bitmap", test_rle_bitmap);
  g_test_add_func ("/model/rle/random-round-trip", test_rle_random_round_trip);
  g_test_add_func ("/model/rle/bad-strings", test_rle_bad_strings);
  g_test_add_func ("/model/kinds", test_kinds);
  g_test_add_func ("/model/annotation/validate", test_validate);
  g_test_add_func ("/model/annotation/bounds", test_bounds);
  g_test_add_func ("/model/annotation/json-round-trip", test_json_round_trip);
  g_test_add_func ("/model/annotation/geometry-parsing", test_geometry_parsing);
  g_test_add_func ("/model/numbers", test_numbers);
  g_test_add_func ("/model/json-single-value", test_single_value);
  g_test_add_func ("/model/labels", test_labels);
  g_test_add_func ("/model/item-title", test_item_title);
  return g_test_run ();
}
