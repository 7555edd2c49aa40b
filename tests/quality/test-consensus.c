/* Consensus: majority vote with ties, Dawid–Skene on seeded synthetic annotators, fused
 * shapes. */
#include <math.h>
#include <string.h>

#include "model/cairn-rle.h"
#include "quality/cairn-consensus.h"

static void
set_row (CairnRatings *r, const char *id, const char *const *values)
{
  guint item = cairn_ratings_add_item (r, id);

  for (guint j = 0; j < cairn_ratings_get_n_raters (r); j++)
    cairn_ratings_set (r, item, j, values[j]);
}

static void
test_vote (void)
{
  g_autoptr(CairnRatings) r = cairn_ratings_new ();
  GArray *votes;
  CairnVote *v;

  for (guint j = 0; j < 3; j++)
    cairn_ratings_add_rater (r, (const char *[]) { "a", "b", "c" }[j]);
  set_row (r, "clear", (const char *[]) { "cat", "cat", "dog" });
  set_row (r, "tie", (const char *[]) { "cat", "dog", NULL });
  set_row (r, "none", (const char *[]) { NULL, NULL, NULL });
  set_row (r, "three-way", (const char *[]) { "cat", "dog", "emu" });
  votes = cairn_consensus_vote (r);

  v = &g_array_index (votes, CairnVote, 0);
  g_assert_cmpstr (cairn_ratings_get_category (r, v->winner), ==, "cat");
  g_assert_cmpuint (v->votes, ==, 2);
  g_assert_cmpuint (v->ratings, ==, 3);
  g_assert_cmpuint (v->tied->len, ==, 0);
  v = &g_array_index (votes, CairnVote, 1);
  g_assert_cmpint (v->winner, ==, -1);
  g_assert_cmpuint (v->tied->len, ==, 2);
  g_assert_cmpstr (cairn_ratings_get_category (r, g_array_index (v->tied, gint, 0)), ==, "cat");
  g_assert_cmpstr (cairn_ratings_get_category (r, g_array_index (v->tied, gint, 1)), ==, "dog");
  v = &g_array_index (votes, CairnVote, 2);
  g_assert_cmpint (v->winner, ==, -1);
  g_assert_cmpuint (v->tied->len, ==, 0);
  g_assert_cmpuint (v->ratings, ==, 0);
  v = &g_array_index (votes, CairnVote, 3);
  g_assert_cmpuint (v->tied->len, ==, 3);
  cairn_votes_free (votes);
}

/* Five annotators with known confusion matrices over three classes label 3000 seeded items
 * (each sees an item with probability 0.7). Dawid–Skene, which never sees the truth, must
 * recover every matrix (within 0.035 of what each annotator actually did), the class prior,
 * rank the annotators as built, and label items better than the majority vote. */
static void
test_dawid_skene_recovers (void)
{
  static const double truth_prior[3] = { 0.5, 0.3, 0.2 };
  static const double confusion[5][3][3] = {
    { { 0.9, 0.05, 0.05 }, { 0.05, 0.9, 0.05 }, { 0.05, 0.05, 0.9 } },  /* expert */
    { { 0.8, 0.1, 0.1 }, { 0.1, 0.8, 0.1 }, { 0.1, 0.1, 0.8 } },        /* good */
    { { 0.6, 0.2, 0.2 }, { 0.2, 0.6, 0.2 }, { 0.2, 0.2, 0.6 } },        /* so-so */
    { { 0.9, 0.1, 0.0 }, { 0.6, 0.4, 0.0 }, { 0.5, 0.0, 0.5 } },        /* leans to class 0 */
    { { 0.4, 0.3, 0.3 }, { 0.3, 0.4, 0.3 }, { 0.3, 0.3, 0.4 } },        /* close to random */
  };
  const guint n_items = 3000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1979);
  g_autoptr(CairnRatings) r = cairn_ratings_new ();
  g_autofree guint *truth = g_new (guint, n_items);
  g_autoptr(CairnDawidSkene) ds = NULL;
  GArray *votes;
  guint ds_right = 0, vote_right = 0;
  double empirical[5][3][3] = { { { 0 } } };

  for (guint j = 0; j < 5; j++)
    {
      g_autofree char *name = g_strdup_printf ("annotator%u", j);
      cairn_ratings_add_rater (r, name);
    }
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      guint item = cairn_ratings_add_item (r, id);
      double u = g_rand_double (rand);

      truth[i] = u < truth_prior[0] ? 0 : u < truth_prior[0] + truth_prior[1] ? 1 : 2;
      for (guint j = 0; j < 5; j++)
        {
          double v = g_rand_double (rand), acc = 0;
          guint said = 2;

          if (g_rand_double (rand) >= 0.7)
            continue;
          for (guint l = 0; l < 3; l++)
            if (v < (acc += confusion[j][truth[i]][l]))
              {
                said = l;
                break;
              }
          cairn_ratings_set (r, item, j, (const char *[]) { "a", "b", "c" }[said]);
          empirical[j][truth[i]][said] += 1;
        }
    }
  ds = cairn_dawid_skene (r, 500, 1e-10);
  g_assert_cmpuint (ds->k, ==, 3);
  for (guint j = 0; j < 5; j++)
    for (guint t = 0; t < 3; t++)
      for (guint l = 0; l < 3; l++)
        {
          double got = cairn_dawid_skene_confusion (ds, j, t, l);
          double seen = empirical[j][t][l] / MAX (empirical[j][t][0] + empirical[j][t][1]
                                                  + empirical[j][t][2], 1);

          /* Against what the annotators actually did (sampling aside), and what they were
           * built to do. */
          if (fabs (got - seen) > 0.035 || fabs (got - confusion[j][t][l]) > 0.05)
            g_error ("annotator %u, truth %u, said %u: estimated %.3f, observed %.3f, built %.3f",
                     j, t, l, got, seen, confusion[j][t][l]);
        }
  for (guint t = 0; t < 3; t++)
    g_assert_cmpfloat_with_epsilon (ds->prior[t], truth_prior[t], 0.03);
  for (guint j = 0; j + 1 < 3; j++)
    g_assert_cmpfloat (ds->reliability[j], >, ds->reliability[j + 1]);
  g_assert_cmpfloat (ds->reliability[2], >, ds->reliability[4]);

  votes = cairn_consensus_vote (r);
  for (guint i = 0; i < n_items; i++)
    {
      CairnVote *v = &g_array_index (votes, CairnVote, i);
      ds_right += ds->label[i] == (gint) truth[i];
      vote_right += v->winner == (gint) truth[i];
    }
  g_test_message ("Dawid–Skene %u/%u right, majority vote %u/%u, %u iterations", ds_right,
                  n_items, vote_right, n_items, ds->iterations);
  g_assert_cmpuint (ds_right, >, vote_right);
  g_assert_cmpfloat ((double) ds_right / n_items, >, 0.85);
  cairn_votes_free (votes);
}

static CairnAnnotation *
box (double x, double y, double w, double h, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  cairn_annotation_set_box (a, x, y, w, h);
  a->label_id = label;
  a->annotator_id = 7;
  return a;
}

static GPtrArray *
shapes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
}

static void
test_fuse_boxes (void)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) ties = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fused = NULL;
  GPtrArray *a = shapes (), *b = shapes (), *c = shapes ();
  CairnAnnotation *f;

  g_ptr_array_add (a, box (0, 0, 10, 10, 1));
  g_ptr_array_add (b, box (1, 1, 10, 10, 1));
  g_ptr_array_add (c, box (0, 2, 10, 10, 2));
  g_ptr_array_add (c, box (100, 100, 5, 5, 1));    /* one annotator only: no consensus */
  g_ptr_array_add (a, box (50, 50, 10, 10, 1));    /* two of three, labels tie */
  g_ptr_array_add (b, box (51, 50, 10, 10, 2));
  g_ptr_array_add (members, a);
  g_ptr_array_add (members, b);
  g_ptr_array_add (members, c);
  fused = cairn_fuse_shapes (members, 0.5, ties);
  g_assert_cmpuint (fused->len, ==, 1);
  f = fused->pdata[0];
  g_assert_cmpint (f->origin, ==, CAIRN_ORIGIN_CONSENSUS);
  g_assert_cmpint (f->annotator_id, ==, 0);
  g_assert_cmpint (f->label_id, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (f->coords, double, 0), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (f->coords, double, 1), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (f->coords, double, 2), 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (f->score, 1.0, 1e-12);
  g_assert_cmpuint (ties->len, ==, 1);
  g_assert_nonnull (strstr (ties->pdata[0], "labels tie"));
  /* The members are untouched. */
  g_assert_cmpint (((CairnAnnotation *) c->pdata[0])->label_id, ==, 2);
  g_assert_cmpint (((CairnAnnotation *) a->pdata[0])->origin, ==, CAIRN_ORIGIN_HUMAN);
}

static CairnAnnotation *
mask (guint x0, guint x1)
{
  g_autofree guint8 *bits = g_new0 (guint8, 8 * 8);
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_MASK);

  for (guint y = 0; y < 8; y++)
    for (guint x = x0; x < x1; x++)
      bits[y * 8 + x] = 1;
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 8, 8));
  a->label_id = 3;
  return a;
}

static void
test_fuse_masks (void)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) fused = NULL;
  g_autoptr(CairnAnnotation) expected = mask (1, 5);
  GPtrArray *a = shapes (), *b = shapes (), *c = shapes ();

  /* Columns 0–4, 1–5, 1–4 (+ nothing): pixels at least two of three cover are columns 1–4. */
  g_ptr_array_add (a, mask (0, 5));
  g_ptr_array_add (b, mask (1, 6));
  g_ptr_array_add (c, mask (1, 5));
  g_ptr_array_add (members, a);
  g_ptr_array_add (members, b);
  g_ptr_array_add (members, c);
  fused = cairn_fuse_shapes (members, 0.5, NULL);
  g_assert_cmpuint (fused->len, ==, 1);
  g_assert_true (cairn_rle_equal (((CairnAnnotation *) fused->pdata[0])->mask, expected->mask));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/consensus/vote", test_vote);
  g_test_add_func ("/consensus/dawid-skene-recovers", test_dawid_skene_recovers);
  g_test_add_func ("/consensus/fuse-boxes", test_fuse_boxes);
  g_test_add_func ("/consensus/fuse-masks", test_fuse_masks);
  return g_test_run ();
}
