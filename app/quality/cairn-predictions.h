#pragma once

#include <json-glib/json-glib.h>

#include "edit/cairn-edit-stack.h"

G_BEGIN_DECLS

/* A model's predictions, kept beside the people's annotations as annotations of origin model:
 * the model is an annotator row of its name, so several models sit side by side and each
 * re-import replaces only that model's earlier predictions.
 *
 * A classification is one annotation per item (a tag on images, a document class otherwise)
 * labelled with the likeliest class, its probability as the score, and every class's
 * probability in attributes.probabilities, keyed by label id ("12": 0.7). Boxes, polygons,
 * spans and the other kinds are one annotation each, with the model's score.
 *
 * Files (the item is referred to by id, path relative to the project, or file name):
 *   CSV   a header `item` (or `id`), then one column per class name; one row per item.
 *   JSONL one object per line: {"item": "a.jpg", "probabilities": {"cat": 0.7, "dog": 0.3},
 *         "annotations": [{"kind": "box", "label": "cat", "geometry": [x, y, w, h],
 *         "score": 0.9}, ...]}; either member may be missing. geometry is Cairn's own
 *         (see cairn-annotation.h); a box may give "bbox" instead. */

#define CAIRN_PREDICTIONS_PROBABILITIES_KEY "probabilities"

typedef struct
{
  char      *model;
  gint64     model_id;
  guint      rows;             /* lines or rows read */
  guint      items;            /* items that got predictions */
  guint      classifications;
  guint      shapes;           /* every other kind */
  guint      replaced;         /* the model's earlier predictions removed */
  guint      labels_added;
  GPtrArray *warnings;         /* char *: rows left out, and why */
} CairnPredictionsSummary;

typedef struct
{
  gint64  id;           /* annotator row */
  char   *name;
  guint   predictions;
} CairnModelInfo;

/* In one transaction: a failure leaves the project as it was. */
CairnPredictionsSummary *cairn_predictions_import       (CairnStore  *store,
                                                         const char  *path,
                                                         const char  *model,
                                                         GError     **error);
void                     cairn_predictions_summary_free (CairnPredictionsSummary *self);

/* Models that have predictions, by name. */
GPtrArray       *cairn_predictions_list_models    (CairnStore *store,
                                                   GError    **error);
/* The annotator id of the model called name, or 0 when it has no predictions. */
gint64           cairn_predictions_find_model     (CairnStore *store,
                                                   const char *name,
                                                   GError    **error);
void             cairn_model_info_free            (CairnModelInfo *self);

/* For the canvas's prediction layer: an item's predictions (CairnAnnotation), of one model
 * (model_id) or of all (0), highest score first. */
GPtrArray       *cairn_predictions_list_for_item  (CairnStore *store,
                                                   gint64      item_id,
                                                   gint64      model_id,
                                                   GError    **error);
/* Pre-annotation: the stack's annotator's own annotation made from the prediction (same
 * item, label, kind and geometry; no score, no probabilities), pushed as one Draw edit (one
 * transaction with its history row, undone by Undo). The prediction stays. Returns the new
 * annotation. */
CairnAnnotation *cairn_predictions_accept         (CairnEditStack *stack,
                                                   gint64          prediction_id,
                                                   GError        **error);
/* The same annotation, unsaved: for a caller that groups it into an edit of its own. */
CairnAnnotation *cairn_prediction_to_annotation   (const CairnAnnotation *prediction,
                                                   gint64                 annotator_id,
                                                   gint                   guideline_version);
/* A classification prediction's probability of label_id; -1 when it has none. */
double           cairn_prediction_probability     (const CairnAnnotation *prediction,
                                                   gint64                 label_id);

void             cairn_predictions_summary_add_json (const CairnPredictionsSummary *self,
                                                     JsonBuilder                   *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPredictionsSummary, cairn_predictions_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnModelInfo, cairn_model_info_free)

G_END_DECLS
