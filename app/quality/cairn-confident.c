#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <string.h>

#include "cairn-confident.h"

/* cleanlab's constants (cleanlab/internal/constants.py). */
#define FLOATING_POINT_COMPARISON 1e-6
#define CONFIDENT_THRESHOLDS_LOWER_BOUND (2 * FLOATING_POINT_COMPARISON)
#define TINY_VALUE 1e-100
/* The threshold of a class nobody gave: no probability reaches it. */
#define BIG_VALUE 2.0

static const char *const prune_names[] = {
  "prune_by_noise_rate", "prune_by_class", "both", "confident_learning", "predicted_neq_given",
};

G_DEFINE_QUARK (cairn-confident-error-quark, cairn_confident_error)

const char *
cairn_prune_method_to_string (CairnPruneMethod method)
{
  g_return_val_if_fail (method < CAIRN_N_PRUNE_METHODS, NULL);
  return prune_names[method];
}

gboolean
cairn_prune_method_from_string (const char *name, CairnPruneMethod *method)
{
  for (guint i = 0; i < CAIRN_N_PRUNE_METHODS; i++)
    if (g_strcmp0 (name, prune_names[i]) == 0)
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_rank_by_to_string (CairnRankBy rank_by)
{
  return rank_by == CAIRN_RANK_NORMALIZED_MARGIN ? "normalized_margin" : "self_confidence";
}

gboolean
cairn_rank_by_from_string (const char *name, CairnRankBy *rank_by)
{
  if (g_strcmp0 (name, "self_confidence") == 0)
    *rank_by = CAIRN_RANK_SELF_CONFIDENCE;
  else if (g_strcmp0 (name, "normalized_margin") == 0)
    *rank_by = CAIRN_RANK_NORMALIZED_MARGIN;
  else
    return FALSE;
  return TRUE;
}

/* numpy primitives */

static double
pairwise_sum (const double *a, gsize n, gsize stride)
{
  if (n < 8)
    {
      double res = 0.;

      for (gsize i = 0; i < n; i++)
        res += a[i * stride];
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gsize i;

      for (guint j = 0; j < 8; j++)
        r[j] = a[j * stride];
      for (i = 8; i < n - (n % 8); i += 8)
        for (guint j = 0; j < 8; j++)
          r[j] += a[(i + j) * stride];
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++)
        res += a[i * stride];
      return res;
    }
  else
    {
      gsize n2 = n / 2;

      n2 -= n2 % 8;
      return pairwise_sum (a, n2, stride) + pairwise_sum (a + n2 * stride, n - n2, stride);
    }
}

double
cairn_numpy_sum (const double *values, gsize n)
{
  /* np.add.reduce starts from its identity. */
  return 0. + pairwise_sum (values, n, 1);
}

typedef struct
{
  const double *values;
} SortData;

/* Ascending, NaN last, equal values in index order: numpy's argsort with kind="stable". */
static int
compare_indices (gconstpointer x, gconstpointer y, gpointer user_data)
{
  const double *v = ((SortData *) user_data)->values;
  guint a = *(const guint *) x, b = *(const guint *) y;
  double va = v[a], vb = v[b];

  if (va < vb || (isnan (vb) && !isnan (va)))
    return -1;
  if (vb < va || (isnan (va) && !isnan (vb)))
    return 1;
  return (a > b) - (a < b);
}

void
cairn_numpy_argsort (const double *values, guint *order, guint n)
{
  SortData data = { values };

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_indices, &data);
}

/* np.argmax: the first maximum. */
static guint
argmax (const double *row, guint k)
{
  guint best = 0;

  for (guint j = 1; j < k; j++)
    if (row[j] > row[best])
      best = j;
  return best;
}

/* The steps */

void
cairn_confident_thresholds (const guint *labels, const double *probs, guint n, guint k,
                            double *thresholds)
{
  g_autofree double *column = g_new (double, MAX (n, 1));

  for (guint c = 0; c < k; c++)
    {
      guint m = 0;

      for (guint i = 0; i < n; i++)
        if (labels[i] == c)
          column[m++] = probs[(gsize) i * k + c];
      thresholds[c] = m > 0 ? cairn_numpy_sum (column, m) / m : BIG_VALUE;
      if (thresholds[c] < CONFIDENT_THRESHOLDS_LOWER_BOUND)
        thresholds[c] = CONFIDENT_THRESHOLDS_LOWER_BOUND;
    }
}

void
cairn_confident_joint (const guint *labels, const double *probs, guint n, guint k,
                       const double *thresholds, gint64 *cj, GArray *off_diagonal)
{
  memset (cj, 0, sizeof (gint64) * k * k);
  for (guint i = 0; i < n; i++)
    {
      const double *row = probs + (gsize) i * k;
      guint confident = 0, first = 0, guess;

      for (guint c = 0; c < k; c++)
        if (row[c] >= thresholds[c] - 1e-6)
          {
            if (confident++ == 0)
              first = c;
          }
      if (confident == 0)
        continue;
      /* Two confident classes or more: the likeliest. */
      guess = confident > 1 ? argmax (row, k) : first;
      cj[labels[i] * k + guess]++;
      if (off_diagonal && guess != labels[i])
        g_array_append_val (off_diagonal, i);
    }
  /* At least one correctly labelled example in every class. */
  for (guint c = 0; c < k; c++)
    cj[c * k + c] = MAX (cj[c * k + c], 1);
}

void
cairn_round_preserving_sum (const double *floats, guint n, gint64 *out)
{
  g_autofree double *ints = g_new (double, MAX (n, 1));
  g_autofree double *frac = g_new (double, MAX (n, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  double orig_sum, int_sum;

  for (guint i = 0; i < n; i++)
    ints[i] = nearbyint (floats[i]);
  orig_sum = nearbyint (cairn_numpy_sum (floats, n));
  int_sum = nearbyint (cairn_numpy_sum (ints, n));
  while (fabs (int_sum - orig_sum) > FLOATING_POINT_COMPARISON)
    {
      double diff = nearbyint (orig_sum - int_sum);
      int increment = diff < 0.0 ? -1 : 1;
      guint changes = (guint) MIN (fabs (diff), (double) n);

      for (guint i = 0; i < n; i++)
        frac[i] = floats[i] - ints[i];
      cairn_numpy_argsort (frac, order, n);
      /* Up: the entries rounded down the most (the sorted order reversed); down: the ones
       * rounded up the most. */
      for (guint c = 0; c < changes; c++)
        {
          guint i = increment > 0 ? order[n - 1 - c] : order[c];
          ints[i] += increment;
        }
      int_sum = nearbyint (cairn_numpy_sum (ints, n));
    }
  for (guint i = 0; i < n; i++)
    out[i] = (gint64) ints[i];
}

static void
round_preserving_row_totals (const double *m, guint k, gint64 *out)
{
  for (guint r = 0; r < k; r++)
    cairn_round_preserving_sum (m + (gsize) r * k, k, out + (gsize) r * k);
}

void
cairn_confident_calibrate (const gint64 *cj, const guint *label_counts, guint k,
                           gint64 *calibrated)
{
  g_autofree double *m = g_new (double, (gsize) k * k);
  g_autofree double *by_column = g_new (double, (gsize) k * k);
  double total;
  guint64 n = 0;

  for (guint r = 0; r < k; r++)
    {
      gint64 row_sum = 0;
      double denominator;

      for (guint c = 0; c < k; c++)
        row_sum += cj[r * k + c];
      denominator = MAX ((double) row_sum, TINY_VALUE);
      for (guint c = 0; c < k; c++)
        m[r * k + c] = (double) cj[r * k + c] / denominator * label_counts[r];
      n += label_counts[r];
    }
  /* numpy left this matrix in column-major order (it is a transpose's product) and sums it in
   * memory order. */
  for (guint c = 0; c < k; c++)
    for (guint r = 0; r < k; r++)
      by_column[(gsize) c * k + r] = m[(gsize) r * k + c];
  total = MAX (cairn_numpy_sum (by_column, (gsize) k * k), TINY_VALUE);
  for (gsize i = 0; i < (gsize) k * k; i++)
    m[i] = m[i] / total * (double) n;
  round_preserving_row_totals (m, k, calibrated);
}

/* filter._keep_at_least_n_per_class and _reduce_prune_counts, on the transposed joint. */
static void
keep_at_least_n_per_class (const gint64 *calibrated, guint k, guint n_min, double frac_noise,
                           gint64 *prune)
{
  g_autofree double *m = g_new (double, (gsize) k * k);
  g_autofree double *reduced = g_new (double, (gsize) k * k);
  g_autofree double *col_sum = g_new0 (double, k);

  for (guint c = 0; c < k; c++)
    {
      /* Column c of the transposed matrix is row c of the joint. */
      gint64 diagonal = calibrated[c * k + c];
      gint64 raised = MAX (diagonal, (gint64) n_min);
      double nonzero = 0, per;

      for (guint r = 0; r < k; r++)
        nonzero += calibrated[c * k + r] != 0;
      per = (double) (raised - diagonal) / MAX (nonzero - 1.0, 1.0);
      for (guint r = 0; r < k; r++)
        {
          double v = (double) calibrated[c * k + r] - per;
          m[r * k + c] = v < 0 ? 0 : v;
        }
      m[c * k + c] = (double) raised;
    }
  for (gsize i = 0; i < (gsize) k * k; i++)
    reduced[i] = m[i] * frac_noise;
  /* np.sum over axis 0 adds the rows in turn. */
  for (guint r = 0; r < k; r++)
    for (guint c = 0; c < k; c++)
      {
        double kept = r == c ? m[r * k + r] : reduced[r * k + c];
        col_sum[c] += m[r * k + c] - kept;
      }
  for (guint c = 0; c < k; c++)
    reduced[c * k + c] = m[c * k + c] + col_sum[c];
  /* astype(int) truncates; the integers then round to themselves. */
  for (gsize i = 0; i < (gsize) k * k; i++)
    reduced[i] = (double) (gint64) reduced[i];
  round_preserving_row_totals (reduced, k, prune);
}

/* count._reduce_issues: the model agrees with the given label, give or take 1e-6. */
static gboolean
prediction_matches (const double *row, guint k, guint label)
{
  for (guint j = 0; j < k; j++)
    {
      double given = row[label] + FLOATING_POINT_COMPARISON;

      if (j == label)
        continue;
      /* argmax takes the first maximum: an earlier class wins a tie. */
      if (j < label ? row[j] >= given : row[j] > given)
        return FALSE;
    }
  return TRUE;
}

guint
cairn_confident_num_label_issues (const guint *labels, const double *probs, guint n, guint k)
{
  g_autofree double *thresholds = g_new (double, k);
  g_autofree gint64 *cj = g_new (gint64, (gsize) k * k);
  g_autoptr(GArray) off = g_array_new (FALSE, FALSE, sizeof (guint));
  guint count = 0;

  cairn_confident_thresholds (labels, probs, n, k, thresholds);
  cairn_confident_joint (labels, probs, n, k, thresholds, cj, off);
  for (guint i = 0; i < off->len; i++)
    {
      guint e = g_array_index (off, guint, i);
      count += !prediction_matches (probs + (gsize) e * k, k, labels[e]);
    }
  return count;
}

/* The examples of one given class, in dataset order. */
typedef struct
{
  guint *rows;
  guint  len;
} ClassRows;

static void
prune_by_class (const CairnConfidentResult *r, const double *probs, const ClassRows *cls,
                guint c, guint n_min, gboolean *mask)
{
  g_autofree double *p = NULL;
  g_autofree guint *order = NULL;
  gint64 num_issues;

  if (cls->len <= n_min || cls->len <= 1)
    return;
  num_issues = (gint64) cls->len - r->prune_counts[c * r->k + c];
  if (num_issues < 1)
    return;
  p = g_new (double, cls->len);
  order = g_new (guint, cls->len);
  for (guint i = 0; i < cls->len; i++)
    p[i] = probs[(gsize) cls->rows[i] * r->k + c];
  cairn_numpy_argsort (p, order, cls->len);
  for (guint i = 0; i < MIN ((guint64) num_issues, cls->len); i++)
    mask[cls->rows[order[i]]] = TRUE;
}

static void
prune_by_noise_rate (const CairnConfidentResult *r, const double *probs, const ClassRows *cls,
                     guint c, guint n_min, gboolean *mask)
{
  g_autofree double *margin = NULL;
  g_autofree guint *order = NULL;
  guint k = r->k;

  if (cls->len <= n_min || cls->len <= 1)
    return;
  margin = g_new (double, cls->len);
  order = g_new (guint, cls->len);
  for (guint j = 0; j < k; j++)
    {
      gint64 num = r->prune_counts[j * k + c];

      if (j == c || num <= 0)
        continue;
      /* The largest p(j) − p(c) first: argsort of the negated margin. */
      for (guint i = 0; i < cls->len; i++)
        {
          const double *row = probs + (gsize) cls->rows[i] * k;
          margin[i] = -(row[j] - row[c]);
        }
      cairn_numpy_argsort (margin, order, cls->len);
      for (guint i = 0; i < MIN ((guint64) num, cls->len); i++)
        mask[cls->rows[order[i]]] = TRUE;
    }
}

static gboolean
check_input (const guint *labels, const double *probs, guint n, guint k, GError **error)
{
  gboolean seen_two = FALSE;

  if (n == 0)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID, "no examples");
      return FALSE;
    }
  if (k < 2)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                   "confident learning needs two classes or more, not %u", k);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (labels[i] >= k)
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "example %u: label %u is not a class (0..%u)", i, labels[i], k - 1);
          return FALSE;
        }
      seen_two = seen_two || labels[i] != labels[0];
      for (guint c = 0; c < k; c++)
        {
          double p = probs[(gsize) i * k + c];

          if (!(p >= -FLOATING_POINT_COMPARISON && p <= 1 + FLOATING_POINT_COMPARISON))
            {
              g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                           "example %u, class %u: probability %g is not between 0 and 1", i, c,
                           p);
              return FALSE;
            }
        }
    }
  if (!seen_two)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                   "every example has the same given label; confident learning needs two "
                   "classes or more among them");
      return FALSE;
    }
  return TRUE;
}

CairnConfidentResult *
cairn_confident_learning (const guint *labels, const double *probs, guint n, guint k,
                          const CairnConfidentOptions *options, GError **error)
{
  g_autoptr(CairnConfidentResult) r = NULL;
  g_autoptr(GArray) off = NULL;
  g_autofree guint *label_counts = NULL;
  g_autofree ClassRows *classes = NULL;
  g_autofree guint *class_rows = NULL;
  g_autofree gboolean *by_class = NULL;
  g_autofree double *scores = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *issue_rows = NULL;
  CairnPruneMethod filter;

  g_return_val_if_fail (labels != NULL && probs != NULL && options != NULL, NULL);
  if (!check_input (labels, probs, n, k, error))
    return NULL;
  filter = options->filter;
  r = g_new0 (CairnConfidentResult, 1);
  r->n = n;
  r->k = k;
  r->labels = g_memdup2 (labels, sizeof (guint) * n);
  r->thresholds = g_new (double, k);
  r->confident_joint = g_new (gint64, (gsize) k * k);
  r->calibrated = g_new (gint64, (gsize) k * k);
  r->prune_counts = g_new0 (gint64, (gsize) k * k);
  r->is_issue = g_new0 (gboolean, n);
  r->predicted = g_new (guint, n);
  r->self_confidence = g_new (double, n);
  r->normalized_margin = g_new (double, n);
  label_counts = g_new0 (guint, k);
  for (guint i = 0; i < n; i++)
    {
      const double *row = probs + (gsize) i * k;
      double other = -INFINITY;

      label_counts[labels[i]]++;
      r->predicted[i] = argmax (row, k);
      r->self_confidence[i] = row[labels[i]];
      for (guint c = 0; c < k; c++)
        if (c != labels[i])
          other = MAX (other, row[c]);
      r->normalized_margin[i] = (r->self_confidence[i] - other + 1) / 2;
    }

  off = g_array_new (FALSE, FALSE, sizeof (guint));
  cairn_confident_thresholds (labels, probs, n, k, r->thresholds);
  cairn_confident_joint (labels, probs, n, k, r->thresholds, r->confident_joint, off);
  cairn_confident_calibrate (r->confident_joint, label_counts, k, r->calibrated);
  r->num_label_issues = cairn_confident_num_label_issues (labels, probs, n, k);

  classes = g_new0 (ClassRows, k);
  class_rows = g_new (guint, n);
  for (guint c = 0, at = 0; c < k; c++)
    {
      classes[c].rows = class_rows + at;
      for (guint i = 0; i < n; i++)
        if (labels[i] == c)
          classes[c].rows[classes[c].len++] = i;
      at += classes[c].len;
    }
  /* find_label_issues prunes with the calibrated joint. */
  keep_at_least_n_per_class (r->calibrated, k, options->min_examples_per_class,
                             options->frac_noise, r->prune_counts);

  switch (filter)
    {
    case CAIRN_PRUNE_BY_CLASS:
      for (guint c = 0; c < k; c++)
        prune_by_class (r, probs, &classes[c], c, options->min_examples_per_class, r->is_issue);
      break;
    case CAIRN_PRUNE_BY_NOISE_RATE:
      for (guint c = 0; c < k; c++)
        prune_by_noise_rate (r, probs, &classes[c], c, options->min_examples_per_class,
                             r->is_issue);
      break;
    case CAIRN_PRUNE_BOTH:
      by_class = g_new0 (gboolean, n);
      for (guint c = 0; c < k; c++)
        {
          prune_by_class (r, probs, &classes[c], c, options->min_examples_per_class, by_class);
          prune_by_noise_rate (r, probs, &classes[c], c, options->min_examples_per_class,
                               r->is_issue);
        }
      for (guint i = 0; i < n; i++)
        r->is_issue[i] = r->is_issue[i] && by_class[i];
      break;
    case CAIRN_PRUNE_CONFIDENT_LEARNING:
      for (guint i = 0; i < off->len; i++)
        r->is_issue[g_array_index (off, guint, i)] = TRUE;
      break;
    case CAIRN_PRUNE_PREDICTED_NEQ_GIVEN:
      for (guint i = 0; i < n; i++)
        r->is_issue[i] = r->predicted[i] != labels[i];
      break;
    case CAIRN_N_PRUNE_METHODS:
    default:
      g_assert_not_reached ();
    }
  /* The model agrees with the given label (within 1e-6): not an issue. */
  for (guint i = 0; i < n; i++)
    if (r->is_issue[i] && prediction_matches (probs + (gsize) i * k, k, labels[i]))
      r->is_issue[i] = FALSE;

  /* rank.order_label_issues: argsort of the scores of the issues, in dataset order. */
  issue_rows = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    if (r->is_issue[i])
      issue_rows[r->n_issues++] = i;
  scores = g_new (double, MAX (r->n_issues, 1));
  order = g_new (guint, MAX (r->n_issues, 1));
  for (guint i = 0; i < r->n_issues; i++)
    scores[i] = options->rank_by == CAIRN_RANK_NORMALIZED_MARGIN
                  ? r->normalized_margin[issue_rows[i]]
                  : r->self_confidence[issue_rows[i]];
  cairn_numpy_argsort (scores, order, r->n_issues);
  r->ranked = g_new (guint, MAX (r->n_issues, 1));
  for (guint i = 0; i < r->n_issues; i++)
    r->ranked[i] = issue_rows[order[i]];
  return g_steal_pointer (&r);
}

void
cairn_confident_result_free (CairnConfidentResult *self)
{
  if (self == NULL)
    return;
  g_free (self->labels);
  g_free (self->thresholds);
  g_free (self->confident_joint);
  g_free (self->calibrated);
  g_free (self->prune_counts);
  g_free (self->is_issue);
  g_free (self->ranked);
  g_free (self->predicted);
  g_free (self->self_confidence);
  g_free (self->normalized_margin);
  g_free (self);
}
