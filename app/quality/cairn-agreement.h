#pragma once

#include <json-glib/json-glib.h>

#include "cairn-ratings.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_METRIC_PERCENT,       /* mean pairwise percent agreement */
  CAIRN_METRIC_COHEN,         /* two raters; unweighted, linear or quadratic weights */
  CAIRN_METRIC_FLEISS,        /* any number of raters; complete items only */
  CAIRN_METRIC_KRIPPENDORFF,  /* any number of raters, missing values, four levels */
  CAIRN_N_METRICS
} CairnMetric;

typedef enum
{
  CAIRN_LEVEL_NOMINAL,
  CAIRN_LEVEL_ORDINAL,
  CAIRN_LEVEL_INTERVAL,
  CAIRN_LEVEL_RATIO,
  CAIRN_N_LEVELS
} CairnLevel;

/* Disagreement weights of Cohen's kappa, over category ranks (as irr::kappa2 "equal"/"squared"
 * and sklearn's cohen_kappa_score weights="linear"/"quadratic" do). */
typedef enum
{
  CAIRN_WEIGHTS_NONE,
  CAIRN_WEIGHTS_LINEAR,
  CAIRN_WEIGHTS_QUADRATIC,
  CAIRN_N_WEIGHTS
} CairnWeights;

/* Why an item or unit was left out of a figure. Every report lists them. */
typedef enum
{
  CAIRN_SKIP_MISSING,     /* a rater gave no rating, or too few ratings to pair */
  CAIRN_SKIP_STACKED,     /* one rater gave several values where one was expected */
  CAIRN_SKIP_BOUNDARY,    /* overlapping units whose boundaries differ */
  CAIRN_SKIP_UNMATCHED,   /* a shape with no partner above the IoU threshold */
  CAIRN_SKIP_UNSUPPORTED, /* a kind or geometry the metric can't compare */
  CAIRN_N_SKIPS
} CairnSkipReason;

typedef struct
{
  char            *item;    /* the item (or unit) id */
  CairnSkipReason  reason;
  char            *detail;  /* e.g. "rater B: no rating" */
} CairnSkip;

typedef struct
{
  CairnMetric   metric;
  CairnLevel    level;       /* Krippendorff */
  CairnWeights  weights;     /* Cohen */
  guint         bootstrap;   /* replicates for a confidence interval; 0 = none */
  guint64       seed;        /* for the bootstrap: the same seed gives the same interval */
  double        confidence;  /* e.g. 0.95 */
} CairnAgreementOptions;

#define CAIRN_AGREEMENT_OPTIONS_INIT(m) \
  ((CairnAgreementOptions) { (m), CAIRN_LEVEL_NOMINAL, CAIRN_WEIGHTS_NONE, 0, 0, 0.95 })

typedef struct
{
  CairnMetric   metric;
  CairnLevel    level;
  CairnWeights  weights;
  double        value;      /* NAN when undefined (e.g. every rating the same category) */
  /* Kappas and percent: observed and chance agreement. Alpha: observed and expected
   * disagreement. */
  double        observed;
  double        expected;
  guint         n_items;    /* items (units) that entered the figure */
  guint         n_raters;
  guint         n_values;   /* ratings that entered the figure */
  double        ci_low;     /* NAN unless bootstrapped */
  double        ci_high;
  guint         bootstrap;  /* replicates that gave a value */
  GPtrArray    *skipped;    /* CairnSkip: items left out, and why */
} CairnAgreement;

void            cairn_skip_free             (CairnSkip *self);
CairnSkip      *cairn_skip_new              (const char      *item,
                                             CairnSkipReason  reason,
                                             const char      *format,
                                             ...) G_GNUC_PRINTF (3, 4);
const char     *cairn_skip_reason_to_string (CairnSkipReason reason);

const char     *cairn_metric_to_string      (CairnMetric metric);
gboolean        cairn_metric_from_string    (const char  *name,
                                             CairnMetric *metric);
const char     *cairn_level_to_string       (CairnLevel level);
gboolean        cairn_level_from_string     (const char *name,
                                             CairnLevel *level);
const char     *cairn_weights_to_string     (CairnWeights weights);
gboolean        cairn_weights_from_string   (const char   *name,
                                             CairnWeights *weights);

/* Cohen needs exactly two raters (select them first); ordinal, interval and ratio alpha and
 * weighted kappa need numeric categories (ordinal only needs their order). */
CairnAgreement *cairn_agreement_compute     (const CairnRatings          *ratings,
                                             const CairnAgreementOptions *options,
                                             GError                     **error);
/* Fleiss' kappa straight from a counts table (n_items × n_categories). Rows whose total is
 * below the largest are left out as missing. item_ids may be NULL (rows are then numbered). */
CairnAgreement *cairn_agreement_fleiss_counts (const guint        *counts,
                                               guint               n_items,
                                               guint               n_categories,
                                               const char *const  *item_ids,
                                               GError            **error);
void            cairn_agreement_free        (CairnAgreement *self);
/* {"metric", "value" (null when undefined), "items", "raters", "values", "observed",
 * "expected", "level"/"weights" where they apply, "ci": [low, high] or absent, "skipped"}. */
void            cairn_agreement_add_json    (const CairnAgreement *self,
                                             JsonBuilder          *builder);
void            cairn_skips_add_json        (GPtrArray   *skipped,
                                             JsonBuilder *builder);
/* A number or null. */
void            cairn_json_add_double       (JsonBuilder *builder,
                                             const char  *member,
                                             double       value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnSkip, cairn_skip_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnAgreement, cairn_agreement_free)

G_END_DECLS
