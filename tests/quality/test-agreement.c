/* Agreement metrics against published worked examples and what reference implementations
 * print, plus properties every metric must have. */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "quality/cairn-agreement.h"
#include "quality/cairn-ratings.h"

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "quality", name, NULL);
}

static CairnRatings *
load (const char *name, CairnRatingsLayout layout)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  CairnRatings *r = cairn_ratings_load_csv (path, layout, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static double
compute (const CairnRatings *r, CairnMetric metric, CairnLevel level, CairnWeights weights)
{
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (metric);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAgreement) a = NULL;

  o.level = level;
  o.weights = weights;
  a = cairn_agreement_compute (r, &o, &error);
  g_assert_no_error (error);
  return a->value;
}

static double
alpha (const CairnRatings *r, CairnLevel level)
{
  return compute (r, CAIRN_METRIC_KRIPPENDORFF, level, CAIRN_WEIGHTS_NONE);
}

static double
cohen (const CairnRatings *r, CairnWeights weights)
{
  return compute (r, CAIRN_METRIC_COHEN, CAIRN_LEVEL_NOMINAL, weights);
}

/* Two raters from a list of (a, b, how many) triples. */
static CairnRatings *
pairs (const char *const *a, const char *const *b, const guint *n, guint len)
{
  CairnRatings *r = cairn_ratings_new ();
  guint item = 0;

  cairn_ratings_add_rater (r, "A");
  cairn_ratings_add_rater (r, "B");
  for (guint i = 0; i < len; i++)
    for (guint k = 0; k < n[i]; k++)
      {
        g_autofree char *id = g_strdup_printf ("%u", ++item);
        guint it = cairn_ratings_add_item (r, id);
        cairn_ratings_set (r, it, 0, a[i]);
        cairn_ratings_set (r, it, 1, b[i]);
      }
  return r;
}

/* Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication Departmental Papers 43, section C, "Nominal data, any number of observers,
 * missing values": 4 observers × 12 units, with the values α_nominal = 0.743,
 * α_ordinal = 0.815, α_interval = 0.849, α_ratio = 0.797 (the `krippendorff` Python package
 * prints the same in its doctest). Unit 12 has one value only and is left out. */
static void
test_krippendorff_2011 (void)
{
  g_autoptr(CairnRatings) r = load ("krippendorff-2011.csv", CAIRN_LAYOUT_RATERS);
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  g_autoptr(CairnAgreement) a = NULL;
  CairnSkip *skip;

  g_assert_cmpuint (cairn_ratings_get_n_items (r), ==, 12);
  g_assert_cmpuint (cairn_ratings_get_n_raters (r), ==, 4);
  g_assert_cmpfloat_with_epsilon (alpha (r, CAIRN_LEVEL_NOMINAL), 0.743, 0.0005);
  g_assert_cmpfloat_with_epsilon (alpha (r, CAIRN_LEVEL_ORDINAL), 0.815, 0.0005);
  g_assert_cmpfloat_with_epsilon (alpha (r, CAIRN_LEVEL_INTERVAL), 0.849, 0.0005);
  g_assert_cmpfloat_with_epsilon (alpha (r, CAIRN_LEVEL_RATIO), 0.797, 0.0005);

  a = cairn_agreement_compute (r, &o, NULL);
  /* The paper's n = 40 pairable values over 11 units. */
  g_assert_cmpuint (a->n_values, ==, 40);
  g_assert_cmpuint (a->n_items, ==, 11);
  g_assert_cmpuint (a->skipped->len, ==, 1);
  skip = a->skipped->pdata[0];
  g_assert_cmpstr (skip->item, ==, "u12");
  g_assert_cmpint (skip->reason, ==, CAIRN_SKIP_MISSING);
  /* α = 1 − D_o/D_e with the disagreements the result reports. */
  g_assert_cmpfloat_with_epsilon (1 - a->observed / a->expected, a->value, 1e-12);
}

/* Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters,
 * 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210 (statsmodels' test_inter_rater.py checks
 * fleiss_kappa against the same 0.210). */
static void
test_fleiss_wikipedia (void)
{
  g_autoptr(CairnRatings) r = load ("fleiss-wikipedia.csv", CAIRN_LAYOUT_COUNTS);
  g_autofree guint *counts = cairn_ratings_to_counts (r);
  g_autoptr(CairnAgreement) direct = NULL;
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_FLEISS);
  g_autoptr(CairnAgreement) a = cairn_agreement_compute (r, &o, NULL);

  g_assert_cmpuint (cairn_ratings_get_n_raters (r), ==, 14);
  g_assert_cmpfloat_with_epsilon (a->value, 0.210, 0.0005);
  g_assert_cmpfloat_with_epsilon (a->observed, 0.378, 0.0005);
  g_assert_cmpfloat_with_epsilon (a->expected, 0.213, 0.0005);
  g_assert_cmpuint (a->n_items, ==, 10);

  direct = cairn_agreement_fleiss_counts (counts, 10, 5, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (direct->value, a->value, 1e-12);
  /* Fleiss' P̄ is the mean pairwise percent agreement. */
  g_assert_cmpfloat_with_epsilon (compute (r, CAIRN_METRIC_PERCENT, 0, 0), 0.378, 0.0005);
}

/* irr::kappam.fleiss(diagnoses) = 0.4302445: 30 patients, 6 raters (Fleiss 1971's data, as
 * shipped with R's irr package and quoted in statsmodels' test_inter_rater.py). */
static void
test_fleiss_diagnoses (void)
{
  g_autoptr(CairnRatings) r = load ("diagnoses.csv", CAIRN_LAYOUT_ITEMS);

  g_assert_cmpfloat_with_epsilon (compute (r, CAIRN_METRIC_FLEISS, 0, 0), 0.4302445, 5e-7);
}

/* Rows with fewer ratings are left out of Fleiss' kappa and reported. */
static void
test_fleiss_incomplete_rows (void)
{
  const guint counts[] = { 3, 0, 0, 1, 1, 0, 1, 0, 2 };
  g_autoptr(CairnAgreement) a = cairn_agreement_fleiss_counts (counts, 3, 3, NULL, NULL);
  g_autoptr(CairnAgreement) b = cairn_agreement_fleiss_counts (counts, 2, 3, NULL, NULL);
  CairnSkip *skip;

  g_assert_cmpuint (a->n_items, ==, 2);
  g_assert_cmpuint (a->skipped->len, ==, 1);
  skip = a->skipped->pdata[0];
  g_assert_cmpstr (skip->item, ==, "2");
  g_assert_nonnull (strstr (skip->detail, "2 ratings"));
  /* The same as if the row were never there. */
  g_assert_cmpuint (b->n_items, ==, 1);
  {
    const guint kept[] = { 3, 0, 0, 1, 0, 2 };
    g_autoptr(CairnAgreement) c = cairn_agreement_fleiss_counts (kept, 2, 3, NULL, NULL);
    g_assert_cmpfloat_with_epsilon (a->value, c->value, 1e-12);
  }
}

/* Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, Yes/Yes 20, Yes/No 5,
 * No/Yes 10, No/No 15: p_o = 0.7, p_e = 0.5, κ = 0.4. */
static void
test_cohen_wikipedia (void)
{
  const char *a[] = { "Yes", "Yes", "No", "No" }, *b[] = { "Yes", "No", "Yes", "No" };
  const guint n[] = { 20, 5, 10, 15 };
  g_autoptr(CairnRatings) r = pairs (a, b, n, 4);
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_COHEN);
  g_autoptr(CairnAgreement) k = cairn_agreement_compute (r, &o, NULL);

  g_assert_cmpfloat_with_epsilon (k->value, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (k->observed, 0.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (k->expected, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (compute (r, CAIRN_METRIC_PERCENT, 0, 0), 0.7, 1e-12);
}

/* scikit-learn's test_cohen_kappa (sklearn/metrics/tests/test_classification.py):
 * Artstein & Poesio (2008) Table 4 gives 0.8013; the weighting example gives 0.9315
 * unweighted, 0.9412 linear, 0.9541 quadratic. */
static void
test_cohen_sklearn (void)
{
  /* y1 = [0]*46 + [1]*44 + [2]*10 against y2 = [0]*52 + [1]*32 + [2]*16, paired in order:
   * 46 (0,0), 6 (1,0), 32 (1,1), 6 (1,2), 10 (2,2). */
  const char *a[] = { "0", "1", "1", "1", "2" }, *b[] = { "0", "0", "1", "2", "2" };
  const guint artstein_n[] = { 46, 6, 32, 6, 10 };
  /* y1 against y2 = [0]*50 + [1]*40 + [2]*10: 46 (0,0), 4 (1,0), 40 (1,1), 0 (1,2), 10 (2,2). */
  const guint weighted_n[] = { 46, 4, 40, 0, 10 };
  g_autoptr(CairnRatings) artstein = pairs (a, b, artstein_n, 5);
  g_autoptr(CairnRatings) weighted = pairs (a, b, weighted_n, 5);

  g_assert_cmpfloat_with_epsilon (cohen (artstein, CAIRN_WEIGHTS_NONE), 0.8013, 0.00005);
  g_assert_cmpfloat_with_epsilon (cohen (weighted, CAIRN_WEIGHTS_NONE), 0.9315, 0.00005);
  g_assert_cmpfloat_with_epsilon (cohen (weighted, CAIRN_WEIGHTS_LINEAR), 0.9412, 0.00005);
  g_assert_cmpfloat_with_epsilon (cohen (weighted, CAIRN_WEIGHTS_QUADRATIC), 0.9541, 0.00005);
}

/* R irr::kappa2 on the `anxiety` data (20 subjects, raters 2 and 3), as recorded in
 * statsmodels' test_inter_rater.py: unweighted −0.006289308, "equal" (linear) 0.1459075,
 * "squared" 0.2520325. Category 5 is used by rater 1 only, so it is no level of this pair
 * and the weights run over 1, 2, 3, 4, 6 by position. */
static void
test_cohen_irr_anxiety (void)
{
  g_autoptr(CairnRatings) all = load ("anxiety.csv", CAIRN_LAYOUT_ITEMS);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnRatings) r = cairn_ratings_select_raters_by_name (all, "rater2,rater3",
                                                                   &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (cohen (r, CAIRN_WEIGHTS_NONE), -0.006289308, 5e-9);
  g_assert_cmpfloat_with_epsilon (cohen (r, CAIRN_WEIGHTS_LINEAR), 0.1459075, 5e-8);
  g_assert_cmpfloat_with_epsilon (cohen (r, CAIRN_WEIGHTS_QUADRATIC), 0.2520325, 5e-8);
}

/* SAS PROC FREQ on the 3×3 table [[0,4,1],[0,8,0],[0,1,5]], as recorded in statsmodels'
 * test_inter_rater.py: simple kappa 0.4842, weighted (linear, Cicchetti–Allison) 0.4701. */
static void
test_cohen_sas (void)
{
  const char *a[] = { "1", "1", "2", "3", "3" }, *b[] = { "2", "3", "2", "2", "3" };
  const guint n[] = { 4, 1, 8, 1, 5 };
  g_autoptr(CairnRatings) r = NULL;

  /* The first category is rated by A only as "1"; B never uses it: B's column "1" is zero. */
  r = pairs (a, b, n, 5);
  g_assert_cmpfloat_with_epsilon (cohen (r, CAIRN_WEIGHTS_NONE), 0.4842, 0.00005);
  g_assert_cmpfloat_with_epsilon (cohen (r, CAIRN_WEIGHTS_LINEAR), 0.4701, 0.00005);
}

static void
test_cohen_missing (void)
{
  g_autoptr(CairnRatings) r = cairn_ratings_new ();
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_COHEN);
  g_autoptr(CairnAgreement) k = NULL;
  CairnSkip *skip;

  cairn_ratings_add_rater (r, "ann");
  cairn_ratings_add_rater (r, "bob");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("item%u", i);
      guint it = cairn_ratings_add_item (r, id);
      cairn_ratings_set (r, it, 0, i % 2 ? "x" : "y");
      cairn_ratings_set (r, it, 1, i == 3 ? "  " : i % 2 ? "x" : "y");
    }
  k = cairn_agreement_compute (r, &o, NULL);
  g_assert_cmpfloat (k->value, ==, 1.0);
  g_assert_cmpuint (k->n_items, ==, 5);
  g_assert_cmpuint (k->skipped->len, ==, 1);
  skip = k->skipped->pdata[0];
  g_assert_cmpstr (skip->item, ==, "item3");
  g_assert_nonnull (strstr (skip->detail, "bob"));
}

static void
test_errors (void)
{
  g_autoptr(CairnRatings) words = cairn_ratings_new ();
  g_autoptr(GError) error = NULL;
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  g_autoptr(CairnAgreement) a = NULL;

  for (guint r = 0; r < 3; r++)
    cairn_ratings_add_rater (words, (const char *[]) { "a", "b", "c" }[r]);
  cairn_ratings_set (words, cairn_ratings_add_item (words, "1"), 0, "low");
  cairn_ratings_set (words, 0, 1, "high");
  o.level = CAIRN_LEVEL_INTERVAL;
  a = cairn_agreement_compute (words, &o, &error);
  g_assert_null (a);
  g_assert_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“high”"));
  g_clear_error (&error);

  o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_COHEN);
  a = cairn_agreement_compute (words, &o, &error);
  g_assert_null (a);
  g_assert_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS);
  g_clear_error (&error);

  g_assert_null (cairn_ratings_select_raters_by_name (words, "a,zed", &error));
  g_assert_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS);
  g_assert_nonnull (strstr (error->message, "zed"));
}

/* Undefined, not a number pulled from thin air: one category only. */
static void
test_undefined (void)
{
  const char *a[] = { "x" }, *b[] = { "x" };
  const guint n[] = { 5 };
  g_autoptr(CairnRatings) r = pairs (a, b, n, 1);

  g_assert_true (isnan (cohen (r, CAIRN_WEIGHTS_NONE)));
  g_assert_true (isnan (alpha (r, CAIRN_LEVEL_NOMINAL)));
  g_assert_true (isnan (compute (r, CAIRN_METRIC_FLEISS, 0, 0)));
  g_assert_cmpfloat (compute (r, CAIRN_METRIC_PERCENT, 0, 0), ==, 1.0);
}

/* Seeded random ratings: items × raters over k numeric categories, some missing. */
static CairnRatings *
random_ratings (guint32 seed, guint n_items, guint n_raters, guint k, double missing,
                gboolean perfect)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  CairnRatings *r = cairn_ratings_new ();

  for (guint j = 0; j < n_raters; j++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", j);
      cairn_ratings_add_rater (r, name);
    }
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("i%u", i);
      guint item = cairn_ratings_add_item (r, id);
      guint truth = g_rand_int_range (rand, 1, k + 1);

      for (guint j = 0; j < n_raters; j++)
        {
          guint v = perfect || g_rand_double (rand) < 0.6 ? truth
                                                          : (guint) g_rand_int_range (rand, 1, k + 1);
          g_autofree char *text = g_strdup_printf ("%u", v);
          if (g_rand_double (rand) >= missing)
            cairn_ratings_set (r, item, j, text);
        }
    }
  return r;
}

static void
test_perfect_agreement (void)
{
  g_autoptr(CairnRatings) r = random_ratings (7, 40, 4, 5, 0.2, TRUE);
  g_autoptr(CairnRatings) two = random_ratings (8, 40, 2, 5, 0.1, TRUE);
  g_autoptr(CairnRatings) complete = random_ratings (9, 40, 5, 3, 0, TRUE);

  for (CairnLevel l = 0; l < CAIRN_N_LEVELS; l++)
    g_assert_cmpfloat_with_epsilon (alpha (r, l), 1.0, 1e-12);
  for (CairnWeights w = 0; w < CAIRN_N_WEIGHTS; w++)
    g_assert_cmpfloat_with_epsilon (cohen (two, w), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (compute (complete, CAIRN_METRIC_FLEISS, 0, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (compute (r, CAIRN_METRIC_PERCENT, 0, 0), 1.0, 1e-12);
}

/* Who is called rater 1 and who rater 2 changes no figure. */
static void
test_permuting_raters (void)
{
  g_autoptr(CairnRatings) r = random_ratings (11, 60, 4, 4, 0.15, FALSE);
  g_autoptr(CairnRatings) complete = random_ratings (12, 60, 4, 4, 0, FALSE);
  const guint order[] = { 2, 0, 3, 1 };
  const guint pair[] = { 1, 3 }, swapped[] = { 3, 1 };
  g_autoptr(CairnRatings) p = cairn_ratings_select_raters (r, order, 4);
  g_autoptr(CairnRatings) pc = cairn_ratings_select_raters (complete, order, 4);
  g_autoptr(CairnRatings) ab = cairn_ratings_select_raters (r, pair, 2);
  g_autoptr(CairnRatings) ba = cairn_ratings_select_raters (r, swapped, 2);

  for (CairnLevel l = 0; l < CAIRN_N_LEVELS; l++)
    {
      double v = alpha (r, l);
      g_assert_true (isfinite (v) && v < 1.0);
      g_assert_cmpfloat_with_epsilon (alpha (p, l), v, 1e-12);
    }
  for (CairnWeights w = 0; w < CAIRN_N_WEIGHTS; w++)
    g_assert_cmpfloat_with_epsilon (cohen (ab, w), cohen (ba, w), 1e-12);
  g_assert_cmpfloat_with_epsilon (compute (pc, CAIRN_METRIC_FLEISS, 0, 0),
                                  compute (complete, CAIRN_METRIC_FLEISS, 0, 0), 1e-12);
  g_assert_cmpfloat_with_epsilon (compute (p, CAIRN_METRIC_PERCENT, 0, 0),
                                  compute (r, CAIRN_METRIC_PERCENT, 0, 0), 1e-12);
}

/* The interval is seeded: the same seed gives the same bounds, which bracket the value. */
static void
test_bootstrap (void)
{
  g_autoptr(CairnRatings) r = random_ratings (21, 80, 3, 4, 0.1, FALSE);
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  g_autoptr(CairnAgreement) a = NULL, b = NULL, c = NULL;

  o.bootstrap = 400;
  o.seed = 42;
  a = cairn_agreement_compute (r, &o, NULL);
  b = cairn_agreement_compute (r, &o, NULL);
  o.seed = 43;
  c = cairn_agreement_compute (r, &o, NULL);
  g_assert_cmpuint (a->bootstrap, ==, 400);
  g_assert_cmpfloat (a->ci_low, ==, b->ci_low);
  g_assert_cmpfloat (a->ci_high, ==, b->ci_high);
  g_assert_cmpfloat (a->ci_low, !=, c->ci_low);
  g_assert_cmpfloat (a->ci_low, <, a->value);
  g_assert_cmpfloat (a->value, <, a->ci_high);
  /* 80 items: the interval is neither a point nor the whole range. */
  g_assert_cmpfloat (a->ci_high - a->ci_low, >, 0.02);
  g_assert_cmpfloat (a->ci_high - a->ci_low, <, 0.5);
}

/* The three layouts of one table read the same. */
static void
test_csv_layouts (void)
{
  g_autoptr(CairnRatings) raters = load ("krippendorff-2011.csv", CAIRN_LAYOUT_RATERS);
  g_autoptr(CairnRatings) items = load ("krippendorff-2011-items.csv", CAIRN_LAYOUT_ITEMS);

  g_assert_cmpuint (cairn_ratings_get_n_items (items), ==, 12);
  for (guint i = 0; i < 12; i++)
    for (guint j = 0; j < 4; j++)
      g_assert_cmpint (cairn_ratings_get (items, i, j), ==, cairn_ratings_get (raters, i, j));
  g_assert_cmpstr (cairn_ratings_get_rater (items, 2), ==, "C");
  g_assert_cmpstr (cairn_ratings_get_item_id (raters, 9), ==, "u10");
}

static void
test_csv_errors (void)
{
  static const struct
  {
    const char *text;
    CairnRatingsLayout layout;
    const char *message;
  } cases[] = {
    { "", CAIRN_LAYOUT_ITEMS, "bad.csv: empty" },
    { "id,a,b\n1,x,y\n2,x\n", CAIRN_LAYOUT_ITEMS, "bad.csv:3: 2 fields, expected 3" },
    { "id,a,b\n1,x,y\n1,x,x\n", CAIRN_LAYOUT_ITEMS, "bad.csv:3: “1” appears twice" },
    { "id,a,a\n1,x,y\n", CAIRN_LAYOUT_ITEMS, "bad.csv:1: column “a” appears twice" },
    { "id,x,y\n1,2,1\n2,two,1\n", CAIRN_LAYOUT_COUNTS, "bad.csv:3: column “x”: “two”" },
    { "id,a,b\n1,\"x,y\n", CAIRN_LAYOUT_ITEMS, "bad.csv:2" },
    { "id,a,b\n", CAIRN_LAYOUT_ITEMS, "no ratings" },
  };
  g_autofree char *dir = g_dir_make_tmp ("cairn-quality-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnRatings) r = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      r = cairn_ratings_load_csv (path, cases[i].layout, &error);
      g_assert_null (r);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agreement/krippendorff-2011", test_krippendorff_2011);
  g_test_add_func ("/agreement/fleiss-wikipedia", test_fleiss_wikipedia);
  g_test_add_func ("/agreement/fleiss-diagnoses", test_fleiss_diagnoses);
  g_test_add_func ("/agreement/fleiss-incomplete-rows", test_fleiss_incomplete_rows);
  g_test_add_func ("/agreement/cohen-wikipedia", test_cohen_wikipedia);
  g_test_add_func ("/agreement/cohen-sklearn", test_cohen_sklearn);
  g_test_add_func ("/agreement/cohen-irr-anxiety", test_cohen_irr_anxiety);
  g_test_add_func ("/agreement/cohen-sas", test_cohen_sas);
  g_test_add_func ("/agreement/cohen-missing", test_cohen_missing);
  g_test_add_func ("/agreement/errors", test_errors);
  g_test_add_func ("/agreement/undefined", test_undefined);
  g_test_add_func ("/agreement/perfect", test_perfect_agreement);
  g_test_add_func ("/agreement/permuting-raters", test_permuting_raters);
  g_test_add_func ("/agreement/bootstrap", test_bootstrap);
  g_test_add_func ("/agreement/csv-layouts", test_csv_layouts);
  g_test_add_func ("/agreement/csv-errors", test_csv_errors);
  return g_test_run ();
}
