#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Confident learning (Northcutt, Jiang and Chuang, JAIR 2021) as cleanlab 2.9 computes it:
 * filter.find_label_issues, count.compute_confident_joint, count.calibrate_confident_joint,
 * count.num_label_issues and rank.order_label_issues, for single-label classification.
 *
 * Exactness: every sum is numpy's pairwise summation in numpy's order and rounding is numpy's
 * (half to even). Where cleanlab sorts (pruning, rounding, ranking), equal scores keep dataset
 * order, as numpy's argsort(kind="stable") leaves them: numpy's default argsort puts ties in
 * an order that depends on the CPU (its AVX-512 sort differs from its portable introsort), so
 * cleanlab itself is only reproducible up to ties. With distinct scores every step is exact.
 *
 * labels: n class indices in 0..k-1; probs: n × k, row-major, each row one example. */

#define CAIRN_CONFIDENT_ERROR (cairn_confident_error_quark ())
GQuark cairn_confident_error_quark (void);

typedef enum
{
  CAIRN_CONFIDENT_ERROR_INVALID,
} CairnConfidentError;

typedef enum
{
  CAIRN_PRUNE_BY_NOISE_RATE,   /* cleanlab's default */
  CAIRN_PRUNE_BY_CLASS,
  CAIRN_PRUNE_BOTH,
  CAIRN_PRUNE_CONFIDENT_LEARNING,
  CAIRN_PRUNE_PREDICTED_NEQ_GIVEN,
  CAIRN_N_PRUNE_METHODS
} CairnPruneMethod;

typedef enum
{
  CAIRN_RANK_SELF_CONFIDENCE,  /* cleanlab's default */
  CAIRN_RANK_NORMALIZED_MARGIN,
} CairnRankBy;

typedef struct
{
  CairnPruneMethod  filter;
  CairnRankBy       rank_by;
  double            frac_noise;              /* 1.0: every confidently estimated issue */
  guint             min_examples_per_class;  /* 1 */
} CairnConfidentOptions;

#define CAIRN_CONFIDENT_OPTIONS_INIT \
  ((CairnConfidentOptions) { CAIRN_PRUNE_BY_NOISE_RATE, CAIRN_RANK_SELF_CONFIDENCE, 1.0, 1 })

typedef struct
{
  guint     n;
  guint     k;
  guint    *labels;             /* n: the given labels */
  double   *thresholds;         /* k: mean self-confidence per given class, clipped below */
  gint64   *confident_joint;    /* k × k, given label (row) × true label (column), before
                                 * calibration, diagonal at least 1 */
  gint64   *calibrated;         /* k × k, rows summing to the given label counts */
  gint64   *prune_counts;       /* k × k, true (row) × given (column), as cleanlab prunes */
  guint     num_label_issues;   /* count.num_label_issues (off_diagonal) */
  gboolean *is_issue;           /* n */
  guint     n_issues;
  guint    *ranked;             /* n_issues example indices, lowest rank_by score first */
  guint    *predicted;          /* n: argmax of each row */
  double   *self_confidence;    /* n */
  double   *normalized_margin;  /* n */
} CairnConfidentResult;

const char *cairn_prune_method_to_string   (CairnPruneMethod method);
gboolean    cairn_prune_method_from_string (const char       *name,
                                            CairnPruneMethod *method);
const char *cairn_rank_by_to_string        (CairnRankBy rank_by);
gboolean    cairn_rank_by_from_string      (const char  *name,
                                            CairnRankBy *rank_by);

CairnConfidentResult *cairn_confident_learning    (const guint                 *labels,
                                                   const double                *probs,
                                                   guint                        n,
                                                   guint                        k,
                                                   const CairnConfidentOptions *options,
                                                   GError                     **error);
void                  cairn_confident_result_free (CairnConfidentResult *self);

/* The steps, for tests and for callers that want one of them. */
void     cairn_confident_thresholds      (const guint  *labels,
                                          const double *probs,
                                          guint         n,
                                          guint         k,
                                          double       *thresholds);
/* Fills cj (k × k) and, when off_diagonal is not NULL, appends the indices (guint) of the
 * examples counted off the diagonal. */
void     cairn_confident_joint           (const guint  *labels,
                                          const double *probs,
                                          guint         n,
                                          guint         k,
                                          const double *thresholds,
                                          gint64       *cj,
                                          GArray       *off_diagonal);
void     cairn_confident_calibrate       (const gint64 *cj,
                                          const guint  *label_counts,
                                          guint         k,
                                          gint64       *calibrated);
/* cleanlab's round_preserving_sum: rounds half to even, then moves the rounding of the
 * entries furthest from their rounded values until the integers sum to the rounded total. */
void     cairn_round_preserving_sum      (const double *values,
                                          guint         n,
                                          gint64       *out);
guint    cairn_confident_num_label_issues (const guint  *labels,
                                           const double *probs,
                                           guint         n,
                                           guint         k);
/* numpy's np.sum of a contiguous float64 array (pairwise, blocks of eight). */
double   cairn_numpy_sum                 (const double *values,
                                          gsize         n);
/* np.argsort(values, kind="stable"): fills order with 0..n-1 sorted by values. */
void     cairn_numpy_argsort             (const double *values,
                                          guint        *order,
                                          guint         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnConfidentResult, cairn_confident_result_free)

G_END_DECLS
