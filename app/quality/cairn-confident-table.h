#pragma once

#include <json-glib/json-glib.h>

#include "cairn-confident.h"

G_BEGIN_DECLS

/* Given labels and predicted probabilities from two CSV files outside any project (what
 * `cairn cleanse --labels --probs` reads). Both have a header and an `id` column; LABELS has the
 * given label in `label` (or the column named); PROBS has one column per class, in class order.
 * Labels that are all integers 0..K−1 index those columns; otherwise they match column names.
 * Examples keep the order of LABELS. */
typedef struct
{
  guint       n;
  guint       k;
  GPtrArray  *ids;      /* char *, n */
  GPtrArray  *classes;  /* char *, k: PROBS' column names */
  guint      *labels;   /* n */
  double     *probs;    /* n × k */
} CairnConfidentTable;

CairnConfidentTable *cairn_confident_table_load (const char  *labels_path,
                                                 const char  *probs_path,
                                                 const char  *label_column,
                                                 GError     **error);
void                 cairn_confident_table_free (CairnConfidentTable *self);

/* {"classes", "filter", "thresholds", "confident_joint", "confident_joint_calibrated",
 *  "prune_counts", "num_label_issues", "issues": [{"id", "given", "suggested",
 *  "self_confidence", "normalized_margin"}...]}, issues in rank order. ids and classes name
 * the examples and classes. */
void cairn_confident_result_add_json (const CairnConfidentResult *result,
                                      CairnPruneMethod            filter,
                                      const char *const          *ids,
                                      const char *const          *classes,
                                      JsonBuilder                *builder);
char *cairn_confident_result_to_text (const CairnConfidentResult *result,
                                      CairnPruneMethod            filter,
                                      const char *const          *ids,
                                      const char *const          *classes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnConfidentTable, cairn_confident_table_free)

G_END_DECLS
