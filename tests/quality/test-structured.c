/* Structured agreement: assignment, spans, unitizing alpha, IoU, OKS, error rates. */
#include <math.h>
#include <string.h>

#include "model/cairn-rle.h"
#include "quality/cairn-agreement.h"
#include "quality/cairn-structured.h"

static CairnAnnotation *
span (double start, double end, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_SPAN);
  const double c[] = { start, end };

  cairn_annotation_set_coords (a, c, 2);
  a->label_id = label;
  return a;
}

static CairnAnnotation *
box (double x, double y, double w, double h, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  cairn_annotation_set_box (a, x, y, w, h);
  a->label_id = label;
  return a;
}

static CairnAnnotation *
square_polygon (double x0, double y0, double x1, double y1)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_POLYGON);
  const double xy[] = { x0, y0, x1, y0, x1, y1, x0, y1 };

  cairn_annotation_add_ring (a, xy, 4);
  return a;
}

static GPtrArray *
owned (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
}

static double
brute_force_min (const double *cost, guint rows, guint cols, guint row, guint *used)
{
  double best = INFINITY;

  if (row == rows)
    return 0;
  /* With more rows than columns a row may stay unassigned. */
  if (rows > cols)
    {
      guint assigned = 0;
      for (guint j = 0; j < cols; j++)
        assigned += used[j];
      if (rows - row > cols - assigned)
        best = brute_force_min (cost, rows, cols, row + 1, used);
    }
  for (guint j = 0; j < cols; j++)
    if (!used[j])
      {
        double c;
        used[j] = 1;
        c = cost[row * cols + j] + brute_force_min (cost, rows, cols, row + 1, used);
        used[j] = 0;
        best = MIN (best, c);
      }
  return best;
}

/* scipy.optimize.linear_sum_assignment's documented example: cost [[4, 1, 3], [2, 0, 5],
 * [3, 2, 2]] → columns [1, 0, 2], total 5. Then seeded random matrices, square and not,
 * against brute force. */
static void
test_assignment (void)
{
  const double cost[] = { 4, 1, 3, 2, 0, 5, 3, 2, 2 };
  g_autofree gint *cols = cairn_assign_min_cost (cost, 3, 3);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const guint shapes[][2] = { { 5, 5 }, { 3, 6 }, { 6, 3 }, { 1, 4 }, { 4, 1 } };

  g_assert_cmpint (cols[0], ==, 1);
  g_assert_cmpint (cols[1], ==, 0);
  g_assert_cmpint (cols[2], ==, 2);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint trial = 0; trial < 20; trial++)
      {
        guint rows = shapes[s][0], n = shapes[s][1];
        g_autofree double *c = g_new (double, rows * n);
        g_autofree gint *assigned = NULL;
        guint used[8] = { 0 };
        double total = 0;
        guint n_assigned = 0;

        for (guint i = 0; i < rows * n; i++)
          c[i] = g_rand_double (rand);
        assigned = cairn_assign_min_cost (c, rows, n);
        for (guint i = 0; i < rows; i++)
          if (assigned[i] >= 0)
            {
              g_assert_cmpuint (used[assigned[i]], ==, 0);
              used[assigned[i]] = 1;
              total += c[i * n + assigned[i]];
              n_assigned++;
            }
        g_assert_cmpuint (n_assigned, ==, MIN (rows, n));
        memset (used, 0, sizeof used);
        g_assert_cmpfloat_with_epsilon (total, brute_force_min (c, rows, n, 0, used), 1e-9);
      }
}

static void
test_spans (void)
{
  g_autoptr(GPtrArray) a = owned (), b = owned ();
  CairnSpanCounts all = { 0 }, l2 = { 0 };

  g_ptr_array_add (a, span (0, 5, 1));
  g_ptr_array_add (a, span (10, 15, 2));
  g_ptr_array_add (a, span (20, 25, 1));
  g_ptr_array_add (b, span (0, 5, 1));
  g_ptr_array_add (b, span (11, 15, 2));   /* boundary mismatch */
  g_ptr_array_add (b, span (30, 35, 1));   /* B only */
  cairn_span_counts_add (&all, a, b, 0);
  g_assert_cmpuint (all.exact, ==, 1);
  g_assert_cmpuint (all.boundary, ==, 1);
  g_assert_cmpfloat_with_epsilon (cairn_span_exact_precision (&all), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_span_exact_recall (&all), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_span_exact_f1 (&all), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_span_overlap_precision (&all), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_span_overlap_recall (&all), 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_span_overlap_f1 (&all), 2.0 / 3, 1e-12);

  cairn_span_counts_add (&l2, a, b, 2);
  g_assert_cmpuint (l2.n_a, ==, 1);
  g_assert_cmpfloat (cairn_span_exact_f1 (&l2), ==, 0);
  g_assert_cmpfloat (cairn_span_overlap_f1 (&l2), ==, 1);

  /* A different label overlapping is no match at all. */
  {
    g_autoptr(GPtrArray) c = owned ();
    CairnSpanCounts other = { 0 };

    g_ptr_array_add (c, span (0, 5, 2));
    cairn_span_counts_add (&other, a, c, 0);
    g_assert_cmpuint (other.overlap_a, ==, 0);
  }
}

/* Unitizing alpha over runs equals nominal alpha over one unit per code point. */
static void
test_unitizing_positions (void)
{
  g_autoptr(GPtrArray) a = owned (), b = owned (), c = owned ();
  GPtrArray *spans[] = { a, b, c };
  const char *names[] = { "ann", "bob", "cy" };
  g_autoptr(CairnUnitizing) u = cairn_unitizing_new ();
  g_autoptr(CairnAgreement) ua = NULL, pa = NULL;
  g_autoptr(CairnRatings) r = cairn_ratings_new ();
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  const guint length = 30;

  g_ptr_array_add (a, span (0, 5, 1));
  g_ptr_array_add (a, span (12, 20, 2));
  g_ptr_array_add (b, span (0, 4, 1));
  g_ptr_array_add (b, span (12, 20, 2));
  g_ptr_array_add (b, span (25, 28, 1));
  g_ptr_array_add (c, span (1, 5, 1));
  g_ptr_array_add (c, span (14, 22, 1));
  cairn_unitizing_add (u, "doc", length, spans, names, 3);
  ua = cairn_unitizing_finish (u);

  for (guint p = 0; p < length; p++)
    {
      g_autofree char *id = g_strdup_printf ("%u", p);
      guint item = cairn_ratings_add_item (r, id);

      for (guint k = 0; k < 3; k++)
        {
          const char *value = "gap";
          cairn_ratings_add_rater (r, names[k]);
          for (guint s = 0; s < spans[k]->len; s++)
            {
              CairnAnnotation *x = spans[k]->pdata[s];
              if (g_array_index (x->coords, double, 0) <= p && p < g_array_index (x->coords, double, 1))
                value = x->label_id == 1 ? "L1" : "L2";
            }
          cairn_ratings_set (r, item, k, value);
        }
    }
  pa = cairn_agreement_compute (r, &o, NULL);
  g_assert_true (isfinite (ua->value) && ua->value < 0.9 && ua->value > 0);
  g_assert_cmpfloat_with_epsilon (ua->value, pa->value, 1e-12);
  g_assert_cmpuint (ua->n_values, ==, 3 * length);
  g_assert_cmpuint (ua->skipped->len, ==, 0);
}

static void
test_unitizing_stacked (void)
{
  g_autoptr(GPtrArray) a = owned (), b = owned ();
  GPtrArray *spans[] = { a, b };
  const char *names[] = { "ann", "bob" };
  g_autoptr(CairnUnitizing) u = cairn_unitizing_new ();
  g_autoptr(CairnAgreement) ua = NULL;
  CairnSkip *skip;

  g_ptr_array_add (a, span (0, 5, 1));
  g_ptr_array_add (a, span (3, 7, 2));    /* 3 and 4 are under two labels */
  g_ptr_array_add (b, span (0, 7, 1));
  cairn_unitizing_add (u, "doc", 10, spans, names, 2);
  cairn_unitizing_add (u, "lonely", 10, spans, names, 1);
  ua = cairn_unitizing_finish (u);
  /* Positions 3 and 4 have one pairable value (bob's) and drop out for both. */
  g_assert_cmpuint (ua->n_values, ==, 2 * (10 - 2));
  g_assert_cmpuint (ua->skipped->len, ==, 2);
  skip = ua->skipped->pdata[1];
  g_assert_cmpint (skip->reason, ==, CAIRN_SKIP_MISSING);
  g_assert_cmpstr (skip->item, ==, "lonely");
  skip = ua->skipped->pdata[0];
  g_assert_cmpint (skip->reason, ==, CAIRN_SKIP_STACKED);
  g_assert_cmpstr (skip->detail, ==, "ann: 2 positions under spans of different labels");
}

static void
test_iou (void)
{
  g_autoptr(CairnAnnotation) b1 = box (0, 0, 10, 10, 1), b2 = box (5, 0, 10, 10, 1);
  g_autoptr(CairnAnnotation) p1 = square_polygon (0, 0, 10, 10);
  g_autoptr(CairnAnnotation) p2 = square_polygon (5, 0, 15, 10);
  g_autoptr(CairnAnnotation) holed = square_polygon (0, 0, 10, 10);
  g_autoptr(CairnAnnotation) rbox = cairn_annotation_new (CAIRN_KIND_RBOX);
  g_autoptr(CairnAnnotation) tilted = cairn_annotation_new (CAIRN_KIND_RBOX);
  const double hole[] = { 2, 2, 8, 2, 8, 8, 2, 8 };
  const double r0[] = { 5, 5, 10, 10, 0 }, r45[] = { 5, 5, 10, 10, 45 };

  /* Exact for boxes: 50 / 150. */
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (b1, b2), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (p1, p2), 1.0 / 3, 0.005);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (b1, p2), 1.0 / 3, 0.005);
  /* A 6 × 6 hole in a 10 × 10 square: 64 / 100. */
  cairn_annotation_add_ring (holed, hole, 4);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (holed, p1), 0.64, 0.01);
  cairn_annotation_set_coords (rbox, r0, 5);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (rbox, b1), 1.0, 0.005);
  /* A 10 × 10 square turned 45° about its centre against itself upright: four corner
   * triangles of area (5√2 − 5)² stick out, so they share 100 − 4 · 4.289 = 82.84. */
  cairn_annotation_set_coords (tilted, r45, 5);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (tilted, b1),
                                  82.842712 / (200 - 82.842712), 0.01);
  {
    g_autoptr(CairnAnnotation) far = box (100, 100, 5, 5, 1);
    g_assert_cmpfloat (cairn_shape_iou (b1, far), ==, 0);
  }
}

static void
test_mask_iou (void)
{
  g_autofree guint8 *bits_a = g_new0 (guint8, 20 * 20), *bits_b = g_new0 (guint8, 20 * 20);
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_MASK);
  g_autoptr(CairnAnnotation) b = cairn_annotation_new (CAIRN_KIND_MASK);
  g_autoptr(CairnAnnotation) small = cairn_annotation_new (CAIRN_KIND_MASK);
  g_autoptr(CairnAnnotation) poly = square_polygon (0, 0, 10, 10);

  for (guint y = 0; y < 10; y++)
    for (guint x = 0; x < 10; x++)
      {
        bits_a[y * 20 + x] = 1;
        bits_b[y * 20 + x + 5] = 1;
      }
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits_a, 20, 20));
  cairn_annotation_set_mask (b, cairn_rle_from_bitmap (bits_b, 20, 20));
  cairn_annotation_set_mask (small, cairn_rle_from_bitmap (bits_a, 10, 10));
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (a, b), 50.0 / 150, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (a, poly), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_shape_iou (poly, b), 50.0 / 150, 1e-12);
  /* Masks of different sizes can't be compared. */
  g_assert_cmpfloat (cairn_shape_iou (a, small), <, 0);
}

static double
iou (const CairnAnnotation *a, const CairnAnnotation *b, gpointer data)
{
  return cairn_shape_iou (a, b);
}

/* The optimal assignment pairs A1–B2 and A2–B1; matching A1 to its best partner B1 first
 * would leave A2 alone. */
static void
test_matching (void)
{
  g_autoptr(GPtrArray) a = owned (), b = owned ();
  CairnShapeCounts c = { 0 };

  g_ptr_array_add (a, box (0, 0, 10, 10, 1));    /* A1 */
  g_ptr_array_add (a, box (2, 0, 10, 10, 1));    /* A2 */
  g_ptr_array_add (a, box (50, 50, 4, 4, 3));    /* A only */
  g_ptr_array_add (b, box (1, 0, 10, 10, 1));    /* B1: 0.818 with both */
  g_ptr_array_add (b, box (-2, 0, 10, 10, 2));   /* B2: 0.667 with A1, 0.43 with A2 */
  cairn_shape_counts_add (&c, a, b, 0.5);
  g_assert_cmpuint (c.matched, ==, 2);
  g_assert_cmpuint (c.same_label, ==, 1);
  g_assert_cmpfloat_with_epsilon (cairn_shape_mean_iou (&c), (9.0 / 11 + 8.0 / 12) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_shape_label_agreement (&c), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_shape_f1 (&c), 4.0 / 5, 1e-12);
  {
    g_autoptr(GArray) m = cairn_match (a, b, iou, NULL, 0.5);
    g_assert_cmpuint (g_array_index (m, CairnMatch, 0).b, ==, 1);
    g_assert_cmpuint (g_array_index (m, CairnMatch, 1).b, ==, 0);
  }
  /* A higher threshold drops the weaker pair. */
  memset (&c, 0, sizeof c);
  cairn_shape_counts_add (&c, a, b, 0.7);
  g_assert_cmpuint (c.matched, ==, 1);
}

/* COCO's computeOks (pycocotools cocoeval.py): e = d² / (2σ)² / area / 2, OKS = mean of
 * exp(−e) over visible points. Two points 1 px off, area 100, σ = 0.05: exp(−0.5). */
static void
test_oks (void)
{
  g_autoptr(CairnAnnotation) ref = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  g_autoptr(CairnAnnotation) other = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  g_autoptr(CairnAnnotation) half = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  const double r[] = { 0, 0, 2, 10, 10, 2, 4, 4, 0 };
  const double o[] = { 1, 0, 2, 10, 11, 2, 50, 50, 2 };
  const double h[] = { 0, 0, 2, 0, 0, 0, 0, 0, 0 };
  const double sigmas[] = { 0.1, 0.1, 0.1 };

  cairn_annotation_set_coords (ref, r, 9);
  cairn_annotation_set_coords (other, o, 9);
  cairn_annotation_set_coords (half, h, 9);
  g_assert_cmpfloat_with_epsilon (cairn_keypoints_oks (ref, ref, NULL, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cairn_keypoints_oks (ref, other, NULL, 0), exp (-0.5), 1e-12);
  /* σ = 0.1: e = 1 / 0.04 / 100 / 2 = 0.125. */
  g_assert_cmpfloat_with_epsilon (cairn_keypoints_oks (ref, other, sigmas, 3), exp (-0.125),
                                  1e-12);
  /* A visible point the other left out scores 0. */
  g_assert_cmpfloat_with_epsilon (cairn_keypoints_oks (ref, half, NULL, 0), 0.5, 1e-12);
}

/* jiwer's tests (tests/test_wer.py, tests/test_cer.py), the last three from Morris et al.,
 * "From WER and RIL to MER and WIL" (2004). */
static void
test_error_rates (void)
{
  guint edits, length;

  g_assert_cmpfloat (cairn_word_error_rate ("This is a test", "This is a test", NULL, NULL), ==, 0);
  g_assert_cmpfloat (cairn_word_error_rate ("This is a test", "", NULL, NULL), ==, 1);
  g_assert_cmpfloat (cairn_word_error_rate ("This is a test", "This test", NULL, NULL), ==, 0.5);
  g_assert_cmpfloat_with_epsilon (cairn_char_error_rate ("This is a test", "This test", &edits,
                                                         &length), 5.0 / 14, 1e-12);
  g_assert_cmpuint (edits, ==, 5);
  g_assert_cmpuint (length, ==, 14);
  g_assert_cmpfloat (cairn_char_error_rate ("X", "X X Y Y", NULL, NULL), ==, 6);
  g_assert_cmpfloat_with_epsilon (cairn_char_error_rate ("X Y X", "X Z", NULL, NULL), 3.0 / 5,
                                  1e-12);
  g_assert_cmpfloat (cairn_char_error_rate ("X", "Y Z", NULL, NULL), ==, 3);
  /* Code points, not bytes. */
  g_assert_cmpfloat (cairn_char_error_rate ("서울에서", "서울애서", NULL, NULL), ==, 0.25);
  g_assert_cmpfloat (cairn_word_error_rate ("", "", NULL, NULL), ==, 0);
}

static void
test_transcript_text (void)
{
  g_autoptr(GPtrArray) segs = owned ();
  const double late[] = { 2000, 3000 }, early[] = { 0, 1000 };
  CairnAnnotation *s;
  g_autofree char *text = NULL;

  s = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  cairn_annotation_set_coords (s, late, 2);
  cairn_annotation_set_text (s, "world");
  g_ptr_array_add (segs, s);
  s = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  cairn_annotation_set_coords (s, early, 2);
  cairn_annotation_set_text (s, "hello");
  g_ptr_array_add (segs, s);
  text = cairn_transcript_text (segs);
  g_assert_cmpstr (text, ==, "hello world");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/structured/assignment", test_assignment);
  g_test_add_func ("/structured/spans", test_spans);
  g_test_add_func ("/structured/unitizing-positions", test_unitizing_positions);
  g_test_add_func ("/structured/unitizing-stacked", test_unitizing_stacked);
  g_test_add_func ("/structured/iou", test_iou);
  g_test_add_func ("/structured/mask-iou", test_mask_iou);
  g_test_add_func ("/structured/matching", test_matching);
  g_test_add_func ("/structured/oks", test_oks);
  g_test_add_func ("/structured/error-rates", test_error_rates);
  g_test_add_func ("/structured/transcript-text", test_transcript_text);
  return g_test_run ();
}
