/* Confident learning, step by step on a case small enough to do by hand, and on seeded
 * synthetic data with known flipped labels (precision and recall of what it flags). */
#include <math.h>
#include <string.h>

#include "quality/cairn-confident.h"
#include "quality/cairn-confident-table.h"

/* The hand case (tests/data/quality/cleanse/hand-*.csv): three classes, eleven examples,
 * probabilities in sixteenths so every mean below is exact.
 *
 *         given  p(cat)  p(dog)  p(fox)
 *   a0    cat    .75     .125    .125
 *   a1    cat    .875    .0625   .0625
 *   a2    cat    .125    .75     .125     ← a dog
 *   a3    cat    .125    .125    .75      ← a fox
 *   a4    cat    .375    .25     .375     (confident in nothing)
 *   b0    dog    .125    .75     .125
 *   b1    dog    .75     .125    .125     ← a cat
 *   b2    dog    .4375   .0625   .5       (confident in nothing; lowest p(dog))
 *   c0    fox    .125    .125    .75
 *   c1    fox    .25     .125    .625
 *   c2    fox    .625    .125    .25      ← a cat
 *
 * Thresholds, the mean probability of the given class over its examples:
 *   cat (.75 + .875 + .125 + .125 + .375) / 5 = 2.25 / 5 = .45
 *   dog (.75 + .125 + .0625) / 3 = .3125
 *   fox (.75 + .625 + .25) / 3 = 1.625 / 3 = .541666…
 * An example counts for class j when p(j) >= threshold(j) − 1e-6 (for one such class; for
 * several, the likeliest). a4: .375 < .45, .25 < .3125, .375 < .5417: none. b2: .4375 < .45,
 * .0625 < .3125, .5 < .5417: none. The rest land on one class each:
 *   confident joint (given × true)   cat [2 1 1]   dog [1 1 0]   fox [1 0 2]
 * Calibration scales each row to its given count (5, 3, 3) and the whole to 11:
 *   cat [2 1 1] × 5/4 = [2.5 1.25 1.25] → rounds half to even to [2 1 1] = 4, one short of 5:
 *       the entry rounded down the most (2.5, by .5) goes up → [3 1 1]
 *   dog [1 1 0] × 3/2 = [1.5 1.5 0] → [2 2 0] = 4, one over 3: of the two rounded up by .5
 *       the first goes down → [1 2 0]
 *   fox [1 0 2] × 3/3 → [1 0 2]
 * Pruning counts are the calibrated joint transposed (every diagonal already >= 1):
 *   [3 1 1; 1 2 0; 1 0 2]  (true × given)
 * prune_by_noise_rate, for given class c and each other class j, flags the counts[j][c]
 * examples of c with the largest p(j) − p(c):
 *   cat: dog 1 → a2 (.625); fox 1 → a3 (.625)   dog: cat 1 → b1 (.625, b2 .375)
 *   fox: cat 1 → c2 (.375)
 * prune_by_class flags the n_c − counts[c][c] examples of c least likely c:
 *   cat 5 − 3 = 2 → a2, a3 (.125 each)   dog 3 − 2 = 1 → b2 (.0625)   fox 1 → c2 (.25)
 * both = the two together: a2, a3, c2. confident_learning = counted off the diagonal: a2, a3,
 * b1, c2. predicted_neq_given: a2, a3, b1, b2, c2 (a4's first maximum is cat, its label).
 * num_label_issues = the off-diagonal examples whose argmax (the given class nudged up by
 * 1e-6) is not the given label: 4.
 * Ranking by self-confidence, lowest first, ties in dataset order: b2 .0625, then a2, a3, b1 at
 * .125, then c2 .25. Normalised margin (p(given) − max other + 1) / 2: a2, a3, b1 .1875,
 * b2 .28125, c2 .3125. cleanlab 2.9.0 gives each of these numbers. */

enum { A0, A1, A2, A3, A4, B0, B1, B2, C0, C1, C2, N_HAND };

static const guint hand_labels[N_HAND] = { 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
static const double hand_probs[N_HAND * 3] = {
  .75, .125, .125,     .875, .0625, .0625,   .125, .75, .125,    .125, .125, .75,
  .375, .25, .375,     .125, .75, .125,      .75, .125, .125,    .4375, .0625, .5,
  .125, .125, .75,     .25, .125, .625,      .625, .125, .25,
};

static CairnConfidentResult *
hand_run (CairnPruneMethod filter, CairnRankBy rank_by)
{
  CairnConfidentOptions options = CAIRN_CONFIDENT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  CairnConfidentResult *r;

  options.filter = filter;
  options.rank_by = rank_by;
  r = cairn_confident_learning (hand_labels, hand_probs, N_HAND, 3, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
check_matrix (const gint64 *got, const gint64 *expected, guint k)
{
  for (guint i = 0; i < k * k; i++)
    g_assert_cmpint (got[i], ==, expected[i]);
}

static void
check_ranked (const CairnConfidentResult *r, const guint *expected, guint n)
{
  g_assert_cmpuint (r->n_issues, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (r->ranked[i], ==, expected[i]);
}

static void
test_numpy_sum (void)
{
  double tenths[300];

  for (guint i = 0; i < G_N_ELEMENTS (tenths); i++)
    tenths[i] = 0.1;
  /* What np.sum returns: pairwise in blocks of eight, not left to right (0.9999999999999999
   * for ten, 20.000000000000014 for two hundred). */
  g_assert_cmpfloat (cairn_numpy_sum (tenths, 7), ==, 0.7);
  g_assert_cmpfloat (cairn_numpy_sum (tenths, 10), ==, 1.0);
  g_assert_cmpfloat (cairn_numpy_sum (tenths, 200), ==, 20.0);
  g_assert_cmpfloat (cairn_numpy_sum (tenths, 300), ==, 29.999999999999996);
}

static void
test_round_preserving_sum (void)
{
  const double up[] = { 2.5, 1.25, 1.25 }, down[] = { 1.5, 1.5, 0 };
  const double halves[] = { .5, .5, .5, .5 }, exact[] = { 1, 2, 3 };
  gint64 out[4];

  cairn_round_preserving_sum (up, 3, out);
  g_assert_cmpint (out[0], ==, 3);
  g_assert_cmpint (out[1], ==, 1);
  g_assert_cmpint (out[2], ==, 1);
  cairn_round_preserving_sum (down, 3, out);
  g_assert_cmpint (out[0], ==, 1);
  g_assert_cmpint (out[1], ==, 2);
  g_assert_cmpint (out[2], ==, 0);
  /* Half to even gives four zeros, two short: the reversed stable order raises the last two. */
  cairn_round_preserving_sum (halves, 4, out);
  g_assert_cmpint (out[0], ==, 0);
  g_assert_cmpint (out[1], ==, 0);
  g_assert_cmpint (out[2], ==, 1);
  g_assert_cmpint (out[3], ==, 1);
  cairn_round_preserving_sum (exact, 3, out);
  g_assert_cmpint (out[0] + out[1] + out[2], ==, 6);
  g_assert_cmpint (out[2], ==, 3);
}

static void
test_hand_steps (void)
{
  const gint64 joint[] = { 2, 1, 1, 1, 1, 0, 1, 0, 2 };
  const gint64 calibrated[] = { 3, 1, 1, 1, 2, 0, 1, 0, 2 };
  const gint64 prune[] = { 3, 1, 1, 1, 2, 0, 1, 0, 2 };
  const guint counts[] = { 5, 3, 3 };
  g_autoptr(GArray) off = g_array_new (FALSE, FALSE, sizeof (guint));
  double thresholds[3];
  gint64 cj[9], cal[9];
  g_autoptr(CairnConfidentResult) r = hand_run (CAIRN_PRUNE_BY_NOISE_RATE,
                                                 CAIRN_RANK_SELF_CONFIDENCE);

  cairn_confident_thresholds (hand_labels, hand_probs, N_HAND, 3, thresholds);
  g_assert_cmpfloat (thresholds[0], ==, 2.25 / 5);
  g_assert_cmpfloat (thresholds[1], ==, .3125);
  g_assert_cmpfloat (thresholds[2], ==, 1.625 / 3);
  cairn_confident_joint (hand_labels, hand_probs, N_HAND, 3, thresholds, cj, off);
  check_matrix (cj, joint, 3);
  g_assert_cmpuint (off->len, ==, 4);
  g_assert_cmpuint (g_array_index (off, guint, 0), ==, A2);
  g_assert_cmpuint (g_array_index (off, guint, 1), ==, A3);
  g_assert_cmpuint (g_array_index (off, guint, 2), ==, B1);
  g_assert_cmpuint (g_array_index (off, guint, 3), ==, C2);
  cairn_confident_calibrate (cj, counts, 3, cal);
  check_matrix (cal, calibrated, 3);
  g_assert_cmpuint (cairn_confident_num_label_issues (hand_labels, hand_probs, N_HAND, 3), ==, 4);

  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat (r->thresholds[c], ==, thresholds[c]);
  check_matrix (r->confident_joint, joint, 3);
  check_matrix (r->calibrated, calibrated, 3);
  check_matrix (r->prune_counts, prune, 3);
  g_assert_cmpuint (r->num_label_issues, ==, 4);
  g_assert_cmpuint (r->predicted[A2], ==, 1);
  g_assert_cmpuint (r->predicted[A4], ==, 0);
  g_assert_cmpuint (r->predicted[B2], ==, 2);
  g_assert_cmpfloat (r->self_confidence[B2], ==, .0625);
  g_assert_cmpfloat (r->normalized_margin[B2], ==, .28125);
  g_assert_cmpfloat (r->normalized_margin[A2], ==, .1875);
}

static void
test_hand_filters (void)
{
  const guint noise[] = { A2, A3, B1, C2 };
  const guint by_class_sc[] = { B2, A2, A3, C2 }, by_class_nm[] = { A2, A3, B2, C2 };
  const guint both[] = { A2, A3, C2 };
  const guint neq_sc[] = { B2, A2, A3, B1, C2 }, neq_nm[] = { A2, A3, B1, B2, C2 };
  struct
  {
    CairnPruneMethod  filter;
    CairnRankBy       rank_by;
    const guint      *expected;
    guint             n;
  } cases[] = {
    { CAIRN_PRUNE_BY_NOISE_RATE, CAIRN_RANK_SELF_CONFIDENCE, noise, 4 },
    { CAIRN_PRUNE_BY_NOISE_RATE, CAIRN_RANK_NORMALIZED_MARGIN, noise, 4 },
    { CAIRN_PRUNE_BY_CLASS, CAIRN_RANK_SELF_CONFIDENCE, by_class_sc, 4 },
    { CAIRN_PRUNE_BY_CLASS, CAIRN_RANK_NORMALIZED_MARGIN, by_class_nm, 4 },
    { CAIRN_PRUNE_BOTH, CAIRN_RANK_SELF_CONFIDENCE, both, 3 },
    { CAIRN_PRUNE_CONFIDENT_LEARNING, CAIRN_RANK_SELF_CONFIDENCE, noise, 4 },
    { CAIRN_PRUNE_PREDICTED_NEQ_GIVEN, CAIRN_RANK_SELF_CONFIDENCE, neq_sc, 5 },
    { CAIRN_PRUNE_PREDICTED_NEQ_GIVEN, CAIRN_RANK_NORMALIZED_MARGIN, neq_nm, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CairnConfidentResult) r = hand_run (cases[i].filter, cases[i].rank_by);

      g_test_message ("%s by %s", cairn_prune_method_to_string (cases[i].filter),
                      cairn_rank_by_to_string (cases[i].rank_by));
      check_ranked (r, cases[i].expected, cases[i].n);
    }
}

/* min_examples_per_class keeps small classes whole: with 3, dog and fox (three examples each)
 * are never pruned, so only cat's a2 and a3 remain. */
static void
test_min_examples (void)
{
  CairnConfidentOptions options = CAIRN_CONFIDENT_OPTIONS_INIT;
  const guint expected[] = { A2, A3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnConfidentResult) r = NULL;

  options.min_examples_per_class = 3;
  r = cairn_confident_learning (hand_labels, hand_probs, N_HAND, 3, &options, &error);
  g_assert_no_error (error);
  check_ranked (r, expected, 2);
}

static void
test_invalid (void)
{
  CairnConfidentOptions options = CAIRN_CONFIDENT_OPTIONS_INIT;
  const guint one_class[] = { 0, 0 }, out_of_range[] = { 0, 2 };
  const double probs[] = { .5, .5, .5, .5 }, bad[] = { .5, .5, 1.5, -.5 };
  g_autoptr(GError) error = NULL;

  g_assert_null (cairn_confident_learning (one_class, probs, 2, 2, &options, &error));
  g_assert_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cairn_confident_learning (out_of_range, probs, 2, 2, &options, &error));
  g_assert_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cairn_confident_learning (hand_labels, bad, 2, 2, &options, &error));
  g_assert_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cairn_confident_learning (hand_labels, probs, 2, 1, &options, &error));
  g_assert_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID);
}

/* Synthetic data: true classes drawn uniformly, a model whose probabilities favour the true
 * class (softmax of N(0, 1) logits plus a margin on the true one), and a known share of given
 * labels flipped to another class at random. */
typedef struct
{
  guint     n;
  guint     k;
  guint    *labels;
  double   *probs;
  gboolean *flipped;
  guint     n_flipped;
} Synthetic;

static void
synthetic_clear (Synthetic *s)
{
  g_free (s->labels);
  g_free (s->probs);
  g_free (s->flipped);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Synthetic, synthetic_clear)

static double
normal (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static void
synthetic_make (Synthetic *s, guint32 seed, guint n, guint k, double noise, double margin)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  s->n = n;
  s->k = k;
  s->labels = g_new (guint, n);
  s->probs = g_new (double, (gsize) n * k);
  s->flipped = g_new0 (gboolean, n);
  s->n_flipped = 0;
  for (guint i = 0; i < n; i++)
    {
      guint truth = g_rand_int_range (rand, 0, k);
      double *row = s->probs + (gsize) i * k, total = 0;

      for (guint c = 0; c < k; c++)
        {
          row[c] = exp (normal (rand) + (c == truth ? margin : 0));
          total += row[c];
        }
      for (guint c = 0; c < k; c++)
        row[c] /= total;
      s->labels[i] = truth;
      if (g_rand_double (rand) < noise)
        {
          s->labels[i] = (truth + g_rand_int_range (rand, 1, k)) % k;
          s->flipped[i] = TRUE;
          s->n_flipped++;
        }
    }
}

/* For tools/check-cleanlab.py-style comparisons: seed-N-labels.csv, -probs.csv, -flipped.csv. */
static void
synthetic_dump (const Synthetic *s, const char *dir, guint32 seed)
{
  g_autoptr(GString) labels = g_string_new ("id,label\n"), probs = g_string_new ("id");
  g_autoptr(GString) flipped = g_string_new ("id\n");
  g_autofree char *lp = g_strdup_printf ("%s/seed-%u-labels.csv", dir, seed);
  g_autofree char *pp = g_strdup_printf ("%s/seed-%u-probs.csv", dir, seed);
  g_autofree char *fp = g_strdup_printf ("%s/seed-%u-flipped.csv", dir, seed);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint c = 0; c < s->k; c++)
    g_string_append_printf (probs, ",c%u", c);
  g_string_append_c (probs, '\n');
  for (guint i = 0; i < s->n; i++)
    {
      g_string_append_printf (labels, "e%u,%u\n", i, s->labels[i]);
      g_string_append_printf (probs, "e%u", i);
      for (guint c = 0; c < s->k; c++)
        g_string_append_printf (probs, ",%s",
                                g_ascii_dtostr (buf, sizeof buf, s->probs[i * s->k + c]));
      g_string_append_c (probs, '\n');
      if (s->flipped[i])
        g_string_append_printf (flipped, "e%u\n", i);
    }
  g_assert_true (g_file_set_contents (lp, labels->str, -1, NULL));
  g_assert_true (g_file_set_contents (pp, probs->str, -1, NULL));
  g_assert_true (g_file_set_contents (fp, flipped->str, -1, NULL));
}

static void
precision_recall (const Synthetic *s, const CairnConfidentResult *r, double *precision,
                  double *recall)
{
  guint hits = 0;

  for (guint i = 0; i < r->n_issues; i++)
    hits += s->flipped[r->ranked[i]];
  *precision = r->n_issues ? (double) hits / r->n_issues : 0;
  *recall = s->n_flipped ? (double) hits / s->n_flipped : 0;
}

static void
test_synthetic (void)
{
  struct
  {
    guint32 seed;
    guint   n, k;
    double  noise, margin;
    double  min_precision, min_recall;
  } sets[] = {
    { 1, 2000, 4, 0.10, 3.0, 0.88, 0.70 },
    { 2, 5000, 10, 0.20, 3.5, 0.88, 0.70 },
    { 3, 1000, 3, 0.30, 2.5, 0.88, 0.70 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    for (CairnPruneMethod f = 0; f < CAIRN_N_PRUNE_METHODS; f++)
      {
        CairnConfidentOptions options = CAIRN_CONFIDENT_OPTIONS_INIT;
        g_auto(Synthetic) s = { 0 };
        g_autoptr(CairnConfidentResult) r = NULL;
        g_autoptr(GError) error = NULL;
        double precision, recall;

        synthetic_make (&s, sets[i].seed, sets[i].n, sets[i].k, sets[i].noise, sets[i].margin);
        if (f == 0 && g_getenv ("CAIRN_DUMP_SYNTHETIC"))
          synthetic_dump (&s, g_getenv ("CAIRN_DUMP_SYNTHETIC"), sets[i].seed);
        options.filter = f;
        r = cairn_confident_learning (s.labels, s.probs, s.n, s.k, &options, &error);
        g_assert_no_error (error);
        precision_recall (&s, r, &precision, &recall);
        g_test_message ("seed %u, %u examples, %u classes, %.0f%% flipped (%u): %s flags %u, "
                        "precision %.3f, recall %.3f, num_label_issues %u", sets[i].seed, s.n,
                        s.k, sets[i].noise * 100, s.n_flipped, cairn_prune_method_to_string (f),
                        r->n_issues, precision, recall, r->num_label_issues);
        if (g_getenv ("CAIRN_PRINT_FIGURES"))
          g_printerr ("| %u | %u | %u | %.0f%% (%u) | %s | %u | %.3f | %.3f | %u |\n",
                      sets[i].seed, s.n, s.k, sets[i].noise * 100, s.n_flipped,
                      cairn_prune_method_to_string (f), r->n_issues, precision, recall,
                      r->num_label_issues);
        /* predicted_neq_given is the baseline: it flags every disagreement. */
        if (f != CAIRN_PRUNE_PREDICTED_NEQ_GIVEN)
          g_assert_cmpfloat (precision, >=, sets[i].min_precision);
        g_assert_cmpfloat (recall, >=, sets[i].min_recall);
        /* The default filter finds nine in ten flips here, nine in ten of its flags right. */
        if (f == CAIRN_PRUNE_BY_NOISE_RATE)
          {
            g_assert_cmpfloat (precision, >=, 0.9);
            g_assert_cmpfloat (recall, >=, 0.9);
          }
      }
}

static char *
data (const char *name)
{
  return g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "quality", "cleanse", name, NULL);
}

static void
test_table (void)
{
  g_autofree char *labels = data ("hand-labels.csv"), *probs = data ("hand-probs.csv");
  g_autofree char *index_labels = data ("hand-labels-index.csv");
  g_autoptr(CairnConfidentTable) t = NULL, ti = NULL;
  g_autoptr(GError) error = NULL;

  t = cairn_confident_table_load (labels, probs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->n, ==, N_HAND);
  g_assert_cmpuint (t->k, ==, 3);
  g_assert_cmpstr (t->classes->pdata[2], ==, "fox");
  g_assert_cmpstr (t->ids->pdata[B2], ==, "b2");
  for (guint i = 0; i < N_HAND; i++)
    {
      g_assert_cmpuint (t->labels[i], ==, hand_labels[i]);
      for (guint c = 0; c < 3; c++)
        g_assert_cmpfloat (t->probs[i * 3 + c], ==, hand_probs[i * 3 + c]);
    }
  /* Integer labels index the columns; rows may come in another order than PROBS'. */
  ti = cairn_confident_table_load (index_labels, probs, "given", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ti->n, ==, N_HAND);
  for (guint i = 0; i < N_HAND; i++)
    {
      guint j = 0;

      while (!g_str_equal (t->ids->pdata[j], ti->ids->pdata[i]))
        j++;
      g_assert_cmpuint (ti->labels[i], ==, t->labels[j]);
      g_assert_cmpfloat (ti->probs[i * 3 + 1], ==, t->probs[j * 3 + 1]);
    }
  g_assert_null (cairn_confident_table_load (labels, probs, "given", &error));
  g_assert_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "given"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/confident/numpy-sum", test_numpy_sum);
  g_test_add_func ("/confident/round-preserving-sum", test_round_preserving_sum);
  g_test_add_func ("/confident/hand-steps", test_hand_steps);
  g_test_add_func ("/confident/hand-filters", test_hand_filters);
  g_test_add_func ("/confident/min-examples", test_min_examples);
  g_test_add_func ("/confident/invalid", test_invalid);
  g_test_add_func ("/confident/synthetic", test_synthetic);
  g_test_add_func ("/confident/table", test_table);
  return g_test_run ();
}
