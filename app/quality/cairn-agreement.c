#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>

#include "cairn-agreement.h"

/* The ratings as ranks, so the figures below need no string work. */
typedef struct
{
  guint   n_items;
  guint   n_raters;
  guint   k;        /* categories */
  gint   *cells;    /* n_items × n_raters ranks, -1 = missing */
  double *values;   /* by rank */
} Matrix;

typedef struct
{
  double value;
  double observed;
  double expected;
  guint  n_items;
  guint  n_values;
} Figure;

static const char *const metric_names[] = { "percent", "cohen", "fleiss", "krippendorff" };
static const char *const level_names[] = { "nominal", "ordinal", "interval", "ratio" };
static const char *const weight_names[] = { "none", "linear", "quadratic" };
static const char *const skip_names[] = { "missing", "stacked", "boundary mismatch",
                                          "unmatched", "unsupported" };

G_STATIC_ASSERT (G_N_ELEMENTS (metric_names) == CAIRN_N_METRICS);
G_STATIC_ASSERT (G_N_ELEMENTS (level_names) == CAIRN_N_LEVELS);
G_STATIC_ASSERT (G_N_ELEMENTS (weight_names) == CAIRN_N_WEIGHTS);
G_STATIC_ASSERT (G_N_ELEMENTS (skip_names) == CAIRN_N_SKIPS);

static gboolean
name_lookup (const char *const *names, guint n, const char *name, guint *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_metric_to_string (CairnMetric metric)
{
  g_return_val_if_fail (metric < CAIRN_N_METRICS, NULL);
  return metric_names[metric];
}

gboolean
cairn_metric_from_string (const char *name, CairnMetric *metric)
{
  guint i;

  if (!name_lookup (metric_names, CAIRN_N_METRICS, name, &i))
    return FALSE;
  *metric = i;
  return TRUE;
}

const char *
cairn_level_to_string (CairnLevel level)
{
  g_return_val_if_fail (level < CAIRN_N_LEVELS, NULL);
  return level_names[level];
}

gboolean
cairn_level_from_string (const char *name, CairnLevel *level)
{
  guint i;

  if (!name_lookup (level_names, CAIRN_N_LEVELS, name, &i))
    return FALSE;
  *level = i;
  return TRUE;
}

const char *
cairn_weights_to_string (CairnWeights weights)
{
  g_return_val_if_fail (weights < CAIRN_N_WEIGHTS, NULL);
  return weight_names[weights];
}

gboolean
cairn_weights_from_string (const char *name, CairnWeights *weights)
{
  guint i;

  if (!name_lookup (weight_names, CAIRN_N_WEIGHTS, name, &i))
    return FALSE;
  *weights = i;
  return TRUE;
}

const char *
cairn_skip_reason_to_string (CairnSkipReason reason)
{
  g_return_val_if_fail (reason < CAIRN_N_SKIPS, NULL);
  return skip_names[reason];
}

CairnSkip *
cairn_skip_new (const char *item, CairnSkipReason reason, const char *format, ...)
{
  CairnSkip *self = g_new0 (CairnSkip, 1);
  va_list args;

  self->item = g_strdup (item);
  self->reason = reason;
  va_start (args, format);
  self->detail = g_strdup_vprintf (format, args);
  va_end (args);
  return self;
}

void
cairn_skip_free (CairnSkip *self)
{
  if (self == NULL)
    return;
  g_free (self->item);
  g_free (self->detail);
  g_free (self);
}

static CairnAgreement *
agreement_new (CairnMetric metric)
{
  CairnAgreement *self = g_new0 (CairnAgreement, 1);

  self->metric = metric;
  self->value = self->observed = self->expected = NAN;
  self->ci_low = self->ci_high = NAN;
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_skip_free);
  return self;
}

void
cairn_agreement_free (CairnAgreement *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->skipped);
  g_free (self);
}

static void
matrix_init (Matrix *m, const CairnRatings *ratings)
{
  m->n_items = cairn_ratings_get_n_items (ratings);
  m->n_raters = cairn_ratings_get_n_raters (ratings);
  m->k = cairn_ratings_get_n_categories (ratings);
  m->cells = g_new (gint, MAX (m->n_items * m->n_raters, 1));
  m->values = g_new0 (double, MAX (m->k, 1));
  for (guint i = 0; i < m->n_items; i++)
    for (guint r = 0; r < m->n_raters; r++)
      m->cells[i * m->n_raters + r] = cairn_ratings_get (ratings, i, r);
  if (cairn_ratings_is_numeric (ratings))
    for (guint c = 0; c < m->k; c++)
      m->values[c] = cairn_ratings_get_value (ratings, c);
}

static void
matrix_clear (Matrix *m)
{
  g_clear_pointer (&m->cells, g_free);
  g_clear_pointer (&m->values, g_free);
}

static inline gint
cell (const Matrix *m, guint item, guint rater)
{
  return m->cells[item * m->n_raters + rater];
}

static guint
count_ratings (const Matrix *m, guint item)
{
  guint n = 0;

  for (guint r = 0; r < m->n_raters; r++)
    n += cell (m, item, r) >= 0;
  return n;
}

/* Percent agreement: for each item, the share of agreeing pairs among its ratings; averaged.
 * With two raters this is the plain share of items they agree on. */
static void
figure_percent (const Matrix *m, const guint *items, guint n, Figure *f)
{
  double sum = 0;

  f->n_values = 0;
  for (guint i = 0; i < n; i++)
    {
      guint agree = 0, pairs = 0;

      for (guint a = 0; a < m->n_raters; a++)
        for (guint b = a + 1; b < m->n_raters; b++)
          if (cell (m, items[i], a) >= 0 && cell (m, items[i], b) >= 0)
            {
              pairs++;
              agree += cell (m, items[i], a) == cell (m, items[i], b);
            }
      sum += (double) agree / pairs;
      f->n_values += count_ratings (m, items[i]);
    }
  f->n_items = n;
  f->observed = f->value = n ? sum / n : NAN;
  f->expected = NAN;
}

static double
weight (CairnWeights weights, guint i, guint j)
{
  double d = (double) i - (double) j;

  switch (weights)
    {
    case CAIRN_WEIGHTS_LINEAR:
      return fabs (d);
    case CAIRN_WEIGHTS_QUADRATIC:
      return d * d;
    case CAIRN_WEIGHTS_NONE:
    case CAIRN_N_WEIGHTS:
    default:
      return i == j ? 0 : 1;
    }
}

/* Cohen's kappa over the categories these two raters used (as irr::kappa2 and sklearn do):
 * weights are by position among those categories. */
static void
figure_cohen (const Matrix *m, const guint *items, guint n, CairnWeights weights, Figure *f)
{
  g_autofree gint *local = g_new (gint, MAX (m->k, 1));
  g_autofree double *table = NULL, *row = NULL, *col = NULL;
  double observed = 0, expected = 0, wmax;
  guint k = 0;

  for (guint c = 0; c < m->k; c++)
    local[c] = -1;
  for (guint i = 0; i < n; i++)
    for (guint r = 0; r < 2; r++)
      local[cell (m, items[i], r)] = 0;
  for (guint c = 0; c < m->k; c++)
    if (local[c] == 0)
      local[c] = (gint) k++;
  table = g_new0 (double, MAX (k * k, 1));
  row = g_new0 (double, MAX (k, 1));
  col = g_new0 (double, MAX (k, 1));
  for (guint i = 0; i < n; i++)
    {
      guint a = local[cell (m, items[i], 0)], b = local[cell (m, items[i], 1)];
      table[a * k + b] += 1;
      row[a] += 1;
      col[b] += 1;
    }
  wmax = k > 1 ? weight (weights, 0, k - 1) : 0;
  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      {
        double w = weight (weights, a, b);
        observed += w * table[a * k + b];
        expected += w * row[a] * col[b] / n;
      }
  f->n_items = n;
  f->n_values = 2 * n;
  if (n == 0 || wmax == 0)
    {
      /* One category only: chance agreement is total and kappa is undefined. */
      f->observed = f->expected = n ? 1 : NAN;
      f->value = NAN;
      return;
    }
  /* As agreement proportions: 1 - weighted disagreement / the largest possible. */
  f->observed = 1 - observed / (n * wmax);
  f->expected = 1 - expected / (n * wmax);
  f->value = expected > 0 ? 1 - observed / expected : NAN;
}

/* Fleiss (1971) over a counts table; every row listed must total n ratings. */
static void
figure_fleiss_counts (const guint *counts, guint k, const guint *rows, guint n_rows, guint n,
                      Figure *f)
{
  g_autofree double *p = g_new0 (double, MAX (k, 1));
  double pbar = 0, pe = 0;

  f->n_items = n_rows;
  f->n_values = n_rows * n;
  if (n_rows == 0 || n < 2)
    {
      f->value = f->observed = f->expected = NAN;
      return;
    }
  for (guint i = 0; i < n_rows; i++)
    {
      double sq = 0;
      for (guint c = 0; c < k; c++)
        {
          double nij = counts[rows[i] * k + c];
          sq += nij * nij;
          p[c] += nij;
        }
      pbar += (sq - n) / ((double) n * (n - 1));
    }
  pbar /= n_rows;
  for (guint c = 0; c < k; c++)
    {
      p[c] /= (double) n_rows * n;
      pe += p[c] * p[c];
    }
  f->observed = pbar;
  f->expected = pe;
  f->value = pe < 1 ? (pbar - pe) / (1 - pe) : NAN;
}

static void
figure_fleiss (const Matrix *m, const guint *items, guint n, Figure *f)
{
  g_autofree guint *counts = g_new0 (guint, MAX (n * m->k, 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      rows[i] = i;
      for (guint r = 0; r < m->n_raters; r++)
        counts[i * m->k + cell (m, items[i], r)]++;
    }
  figure_fleiss_counts (counts, m->k, rows, n, m->n_raters, f);
}

/* Krippendorff's difference functions δ²(c, k) over ranks; cum[g] = values ranked below g. */
static double
delta2 (CairnLevel level, const Matrix *m, const double *nc, const double *cum, guint c, guint k)
{
  double d;

  if (c == k)
    return 0;
  switch (level)
    {
    case CAIRN_LEVEL_ORDINAL:
      {
        guint lo = MIN (c, k), hi = MAX (c, k);
        d = cum[hi + 1] - cum[lo] - (nc[lo] + nc[hi]) / 2;
        return d * d;
      }
    case CAIRN_LEVEL_INTERVAL:
      d = m->values[c] - m->values[k];
      return d * d;
    case CAIRN_LEVEL_RATIO:
      if (m->values[c] + m->values[k] == 0)
        return 0;
      d = (m->values[c] - m->values[k]) / (m->values[c] + m->values[k]);
      return d * d;
    case CAIRN_LEVEL_NOMINAL:
    case CAIRN_N_LEVELS:
    default:
      return 1;
    }
}

/* α = 1 − (n − 1) Σ_u Σ_{i≠j} δ²(u_i, u_j)/(m_u − 1) / Σ_c Σ_k n_c n_k δ²(c, k)
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", with the coincidence
 * matrix folded into sums over units). Items must have two ratings or more. */
static void
figure_alpha (const Matrix *m, const guint *items, guint n_items, CairnLevel level, Figure *f)
{
  g_autofree double *nc = g_new0 (double, m->k + 1);
  g_autofree double *cum = g_new0 (double, m->k + 2);
  g_autofree double *count = g_new0 (double, m->k + 1);
  g_autofree guint *distinct = g_new (guint, MAX (m->k, 1));
  double n = 0, observed = 0, expected = 0;

  for (guint i = 0; i < n_items; i++)
    for (guint r = 0; r < m->n_raters; r++)
      if (cell (m, items[i], r) >= 0)
        nc[cell (m, items[i], r)] += 1;
  for (guint c = 0; c < m->k; c++)
    {
      cum[c + 1] = cum[c] + nc[c];
      n += nc[c];
    }
  /* Per unit from the count of each value, not pair by pair: one item with 5 000 raters took
   * 55 s. Nominal and interval have closed forms; the others loop over distinct values. */
  for (guint i = 0; i < n_items; i++)
    {
      guint mu = 0, d = 0;
      double sum = 0;

      for (guint r = 0; r < m->n_raters; r++)
        {
          gint v = cell (m, items[i], r);

          if (v < 0)
            continue;
          if (count[v]++ == 0)
            distinct[d++] = v;
          mu++;
        }
      if (level == CAIRN_LEVEL_NOMINAL)
        {
          sum = (double) mu * mu;
          for (guint a = 0; a < d; a++)
            sum -= count[distinct[a]] * count[distinct[a]];
        }
      else if (level == CAIRN_LEVEL_INTERVAL)
        {
          double mean = 0, squares = 0;

          /* Σ_{a≠b} (x_a − x_b)² = 2 m_u Σ (x − x̄)², centred for accuracy. */
          for (guint a = 0; a < d; a++)
            mean += count[distinct[a]] * m->values[distinct[a]];
          mean /= mu;
          for (guint a = 0; a < d; a++)
            {
              double dev = m->values[distinct[a]] - mean;
              squares += count[distinct[a]] * dev * dev;
            }
          sum = 2 * mu * squares;
        }
      else
        for (guint a = 0; a < d; a++)
          for (guint b = 0; b < d; b++)
            if (a != b)
              sum += count[distinct[a]] * count[distinct[b]]
                     * delta2 (level, m, nc, cum, distinct[a], distinct[b]);
      for (guint a = 0; a < d; a++)
        count[distinct[a]] = 0;
      observed += sum / (mu - 1);
    }
  if (level == CAIRN_LEVEL_NOMINAL)
    {
      double sq = 0;
      for (guint c = 0; c < m->k; c++)
        sq += nc[c] * nc[c];
      expected = n * n - sq;
    }
  else if (level == CAIRN_LEVEL_INTERVAL)
    {
      double s1 = 0, s2 = 0;
      for (guint c = 0; c < m->k; c++)
        {
          s1 += nc[c] * m->values[c];
          s2 += nc[c] * m->values[c] * m->values[c];
        }
      expected = 2 * (n * s2 - s1 * s1);
    }
  else
    for (guint c = 0; c < m->k; c++)
      for (guint k = c + 1; nc[c] > 0 && k < m->k; k++)
        if (nc[k] > 0)
          expected += 2 * nc[c] * nc[k] * delta2 (level, m, nc, cum, c, k);

  f->n_items = n_items;
  f->n_values = (guint) n;
  f->observed = n > 0 ? observed / n : NAN;
  f->expected = n > 1 ? expected / (n * (n - 1)) : NAN;
  f->value = expected > 1e-12 * n * n ? 1 - (n - 1) * observed / expected : NAN;
}

static void
figure_compute (const Matrix *m, const CairnAgreementOptions *options, const guint *items,
                guint n, Figure *f)
{
  switch (options->metric)
    {
    case CAIRN_METRIC_COHEN:
      figure_cohen (m, items, n, options->weights, f);
      break;
    case CAIRN_METRIC_FLEISS:
      figure_fleiss (m, items, n, f);
      break;
    case CAIRN_METRIC_KRIPPENDORFF:
      figure_alpha (m, items, n, options->level, f);
      break;
    case CAIRN_METRIC_PERCENT:
    case CAIRN_N_METRICS:
    default:
      figure_percent (m, items, n, f);
      break;
    }
}

/* Which items a metric can use; the others go to skipped with the reason. */
static GArray *
eligible_items (const Matrix *m, const CairnRatings *ratings, CairnMetric metric,
                GPtrArray *skipped)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < m->n_items; i++)
    {
      guint rated = count_ratings (m, i);
      const char *id = cairn_ratings_get_item_id (ratings, i);

      if (metric == CAIRN_METRIC_COHEN || metric == CAIRN_METRIC_FLEISS)
        {
          if (rated < m->n_raters)
            {
              g_autoptr(GString) who = g_string_new (NULL);

              for (guint r = 0; r < m->n_raters; r++)
                if (cell (m, i, r) < 0)
                  g_string_append_printf (who, "%s%s", who->len ? ", " : "",
                                          cairn_ratings_get_rater (ratings, r));
              g_ptr_array_add (skipped, cairn_skip_new (id, CAIRN_SKIP_MISSING,
                                                        "%u of %u raters rated it; no rating "
                                                        "from %s", rated, m->n_raters, who->str));
              continue;
            }
        }
      else if (rated < 2)
        {
          g_ptr_array_add (skipped, cairn_skip_new (id, CAIRN_SKIP_MISSING,
                                                    rated ? "only one rating: nothing to "
                                                    "pair it with" : "no ratings"));
          continue;
        }
      g_array_append_val (items, i);
    }
  return items;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
quantile (const GArray *sorted, double q)
{
  double pos = q * (sorted->len - 1);
  guint lo = (guint) floor (pos), hi = MIN (lo + 1, sorted->len - 1);
  double t = pos - lo;

  return g_array_index (sorted, double, lo) * (1 - t) + g_array_index (sorted, double, hi) * t;
}

/* Percentile interval over items resampled with replacement; replicates whose figure is
 * undefined are dropped (and counted out of self->bootstrap). */
static void
bootstrap (CairnAgreement *self, const Matrix *m, const CairnAgreementOptions *options,
           const GArray *items)
{
  guint32 seed[2] = { (guint32) options->seed, (guint32) (options->seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed, 2);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint *sample = g_new (guint, MAX (items->len, 1));
  double alpha = 1 - CLAMP (options->confidence, 0.5, 0.9999);

  if (items->len == 0)
    return;
  for (guint b = 0; b < options->bootstrap; b++)
    {
      Figure f;

      for (guint i = 0; i < items->len; i++)
        sample[i] = g_array_index (items, guint,
                                   g_rand_int_range (rand, 0, (gint32) items->len));
      figure_compute (m, options, sample, items->len, &f);
      if (isfinite (f.value))
        g_array_append_val (values, f.value);
    }
  self->bootstrap = values->len;
  if (values->len == 0)
    return;
  g_array_sort (values, compare_doubles);
  self->ci_low = quantile (values, alpha / 2);
  self->ci_high = quantile (values, 1 - alpha / 2);
}

static gboolean
check_options (const CairnRatings *ratings, const CairnAgreementOptions *options,
               GError **error)
{
  guint n_raters = cairn_ratings_get_n_raters (ratings);
  gboolean needs_numbers = FALSE;
  const char *what = NULL;

  if (options->metric == CAIRN_METRIC_COHEN && n_raters != 2)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS,
                   "Cohen's kappa compares exactly two raters; there are %u", n_raters);
      return FALSE;
    }
  if (n_raters < 2)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS,
                   "agreement needs two raters or more; there %s %u",
                   n_raters == 1 ? "is" : "are", n_raters);
      return FALSE;
    }
  if (options->metric == CAIRN_METRIC_COHEN && options->weights != CAIRN_WEIGHTS_NONE)
    needs_numbers = TRUE, what = "weighted kappa";
  if (options->metric == CAIRN_METRIC_KRIPPENDORFF && options->level != CAIRN_LEVEL_NOMINAL)
    needs_numbers = TRUE, what = cairn_level_to_string (options->level);
  if (needs_numbers && cairn_ratings_get_n_categories (ratings) > 0
      && !cairn_ratings_is_numeric (ratings))
    {
      for (guint c = 0; c < cairn_ratings_get_n_categories (ratings); c++)
        {
          const char *name = cairn_ratings_get_category (ratings, c);
          char *end;

          g_ascii_strtod (name, &end);
          if (*end != '\0' || end == name)
            {
              g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                           "%s needs numeric ratings (their order%s); “%s” is not a number",
                           what, options->level == CAIRN_LEVEL_ORDINAL ? "" : " and distance",
                           name);
              return FALSE;
            }
        }
    }
  if (options->metric == CAIRN_METRIC_KRIPPENDORFF && options->level == CAIRN_LEVEL_RATIO)
    for (guint c = 0; c < cairn_ratings_get_n_categories (ratings); c++)
      if (cairn_ratings_get_value (ratings, c) < 0)
        {
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                       "ratio alpha needs values of zero or more; there is %s",
                       cairn_ratings_get_category (ratings, c));
          return FALSE;
        }
  return TRUE;
}

CairnAgreement *
cairn_agreement_compute (const CairnRatings          *ratings,
                         const CairnAgreementOptions *options,
                         GError                     **error)
{
  g_autoptr(CairnAgreement) self = NULL;
  g_autoptr(GArray) items = NULL;
  Matrix m;
  Figure f;

  g_return_val_if_fail (ratings != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->metric < CAIRN_N_METRICS, NULL);
  if (!check_options (ratings, options, error))
    return NULL;
  self = agreement_new (options->metric);
  self->level = options->level;
  self->weights = options->weights;
  self->n_raters = cairn_ratings_get_n_raters (ratings);
  matrix_init (&m, ratings);
  items = eligible_items (&m, ratings, options->metric, self->skipped);
  figure_compute (&m, options, (guint *) items->data, items->len, &f);
  self->value = f.value;
  self->observed = f.observed;
  self->expected = f.expected;
  self->n_items = f.n_items;
  self->n_values = f.n_values;
  if (options->bootstrap > 0)
    bootstrap (self, &m, options, items);
  matrix_clear (&m);
  return g_steal_pointer (&self);
}

CairnAgreement *
cairn_agreement_fleiss_counts (const guint *counts, guint n_items, guint n_categories,
                               const char *const *item_ids, GError **error)
{
  g_autoptr(CairnAgreement) self = agreement_new (CAIRN_METRIC_FLEISS);
  g_autofree guint *rows = g_new (guint, MAX (n_items, 1));
  guint n = 0, n_rows = 0;
  Figure f;

  for (guint i = 0; i < n_items; i++)
    {
      guint total = 0;
      for (guint c = 0; c < n_categories; c++)
        total += counts[i * n_categories + c];
      n = MAX (n, total);
    }
  if (n < 2)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS,
                   "Fleiss' kappa needs two ratings or more per item; the largest row has %u", n);
      return NULL;
    }
  for (guint i = 0; i < n_items; i++)
    {
      guint total = 0;
      for (guint c = 0; c < n_categories; c++)
        total += counts[i * n_categories + c];
      if (total == n)
        rows[n_rows++] = i;
      else
        {
          g_autofree char *id = item_ids ? g_strdup (item_ids[i]) : g_strdup_printf ("%u", i + 1);
          g_ptr_array_add (self->skipped,
                           cairn_skip_new (id, CAIRN_SKIP_MISSING,
                                           "%u ratings, the other rows have %u", total, n));
        }
    }
  figure_fleiss_counts (counts, n_categories, rows, n_rows, n, &f);
  self->value = f.value;
  self->observed = f.observed;
  self->expected = f.expected;
  self->n_items = f.n_items;
  self->n_values = f.n_values;
  self->n_raters = n;
  return g_steal_pointer (&self);
}

void
cairn_json_add_double (JsonBuilder *builder, const char *member, double value)
{
  json_builder_set_member_name (builder, member);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cairn_skips_add_json (GPtrArray *skipped, JsonBuilder *b)
{
  json_builder_set_member_name (b, "skipped");
  json_builder_begin_array (b);
  for (guint i = 0; skipped && i < skipped->len; i++)
    {
      CairnSkip *skip = skipped->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, skip->item);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, cairn_skip_reason_to_string (skip->reason));
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, skip->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
cairn_agreement_add_json (const CairnAgreement *self, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, cairn_metric_to_string (self->metric));
  if (self->metric == CAIRN_METRIC_KRIPPENDORFF)
    {
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, cairn_level_to_string (self->level));
    }
  if (self->metric == CAIRN_METRIC_COHEN)
    {
      json_builder_set_member_name (b, "weights");
      json_builder_add_string_value (b, cairn_weights_to_string (self->weights));
    }
  cairn_json_add_double (b, "value", self->value);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, self->n_items);
  json_builder_set_member_name (b, "raters");
  json_builder_add_int_value (b, self->n_raters);
  json_builder_set_member_name (b, "values");
  json_builder_add_int_value (b, self->n_values);
  cairn_json_add_double (b, "observed", self->observed);
  cairn_json_add_double (b, "expected", self->expected);
  if (isfinite (self->ci_low))
    {
      json_builder_set_member_name (b, "ci");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, self->ci_low);
      json_builder_add_double_value (b, self->ci_high);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "bootstrap");
      json_builder_add_int_value (b, self->bootstrap);
    }
  cairn_skips_add_json (self->skipped, b);
  json_builder_end_object (b);
}
