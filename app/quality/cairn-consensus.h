#pragma once

#include <glib.h>

#include "model/cairn-annotation.h"
#include "cairn-ratings.h"

G_BEGIN_DECLS

/* Majority vote over a ratings table: per item, the category most raters chose. */
typedef struct
{
  gint    winner;   /* category rank, or -1 (no ratings, or a tie) */
  guint   votes;    /* how many chose the winner (or each tied category) */
  guint   ratings;  /* how many rated the item */
  GArray *tied;     /* gint ranks when several categories share the most votes, else empty */
} CairnVote;

GArray  *cairn_consensus_vote (const CairnRatings *ratings);  /* CairnVote per item */
void     cairn_votes_free     (GArray *votes);

/* Dawid & Skene (1979): EM over a confusion matrix per rater and a class prior, started from
 * the majority vote. */
typedef struct
{
  guint    n_items;
  guint    n_raters;
  guint    k;            /* categories, in the ratings' sorted order */
  double  *prior;        /* k */
  double  *confusion;    /* n_raters × k × k: P(rater says l | truth j) at [r][j][l] */
  double  *posterior;    /* n_items × k */
  gint    *label;        /* n_items: argmax posterior, -1 for unrated items */
  double  *reliability;  /* n_raters: Σ_j prior_j · confusion[r][j][j] */
  guint    iterations;
  double   log_likelihood;
} CairnDawidSkene;

CairnDawidSkene *cairn_dawid_skene      (const CairnRatings *ratings,
                                         guint               max_iterations,
                                         double              tolerance);
void             cairn_dawid_skene_free (CairnDawidSkene *self);

static inline double
cairn_dawid_skene_confusion (const CairnDawidSkene *self, guint rater, guint truth, guint said)
{
  return self->confusion[(rater * self->k + truth) * self->k + said];
}

/* Fused shapes: members is a GPtrArray (one per annotator) of GPtrArray of
 * const CairnAnnotation * on one item. Shapes are grouped by IoU-matching (Hungarian) each
 * annotator's shapes to the groups so far; a group that more than half of the annotators
 * joined becomes one fused shape: boxes (and OCR boxes) by the mean of their coordinates,
 * polygons and other outlines by the medoid (the member with the highest total IoU to the
 * rest), masks by pixels that more than half of the members cover. The label is the members'
 * majority; groups whose labels tie are not fused and are reported in ties (char *). New
 * annotations, origin CAIRN_ORIGIN_CONSENSUS, annotator 0. */
GPtrArray *cairn_fuse_shapes (GPtrArray *members,
                              double     threshold,
                              GPtrArray *ties);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnDawidSkene, cairn_dawid_skene_free)

G_END_DECLS
