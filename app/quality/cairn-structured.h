#pragma once

#include <glib.h>

#include "model/cairn-annotation.h"
#include "cairn-agreement.h"

G_BEGIN_DECLS

/* Structured agreement between two annotators: spans, shapes, keypoints and transcripts.
 * Annotation arrays are GPtrArray of const CairnAnnotation *, owned by the caller. */

/* Minimum-cost assignment (Hungarian / Kuhn–Munkres) of rows to columns of a rows × cols cost
 * matrix (row-major). Returns, for each row, its column or -1 (when rows > cols). */
gint   *cairn_assign_min_cost   (const double *cost,
                                 guint         rows,
                                 guint         cols);

/* Spans: A is taken as the reference (recall = share of A's spans found by B). */
typedef struct
{
  guint n_a;
  guint n_b;
  guint exact;      /* pairs with the same start, end and label (one to one) */
  guint overlap_a;  /* A's spans that overlap a span of B with the same label */
  guint overlap_b;  /* B's spans that overlap a span of A with the same label */
  guint boundary;   /* same-label overlapping pairs whose boundaries differ */
} CairnSpanCounts;

void    cairn_span_counts_add   (CairnSpanCounts *counts,
                                 GPtrArray       *a,
                                 GPtrArray       *b,
                                 gint64           label_id);  /* 0 = every label */
double  cairn_span_exact_precision (const CairnSpanCounts *c);
double  cairn_span_exact_recall    (const CairnSpanCounts *c);
double  cairn_span_exact_f1        (const CairnSpanCounts *c);
double  cairn_span_overlap_precision (const CairnSpanCounts *c);
double  cairn_span_overlap_recall    (const CairnSpanCounts *c);
double  cairn_span_overlap_f1        (const CairnSpanCounts *c);

/* Krippendorff's unitizing alpha over character positions: each annotator codes each code
 * point of [0, length) with the label of the span that covers it, or with "no span" — the
 * positional (nominal) form of ᵤα, computed over runs of positions that every annotator codes
 * alike. Positions an annotator covers with spans of different labels are stacked: left out
 * for that annotator and reported. Call _add once per item, then _finish. */
typedef struct _CairnUnitizing CairnUnitizing;

CairnUnitizing *cairn_unitizing_new    (void);
void            cairn_unitizing_add    (CairnUnitizing *self,
                                        const char     *item,
                                        guint           length,
                                        GPtrArray     **spans,      /* per annotator */
                                        const char *const *names,   /* per annotator */
                                        guint           n_annotators);
CairnAgreement *cairn_unitizing_finish (CairnUnitizing *self);
void            cairn_unitizing_free   (CairnUnitizing *self);

/* Shapes: IoU of boxes (exact), rotated boxes, ellipses and polygons (polygons rasterised on a
 * 512-cell grid over the pair's bounds, even–odd rule, so holes count), masks (exact, from RLE;
 * a polygon against a mask is rasterised at the mask's pixels). -1 when the two can't be
 * compared (e.g. masks of different sizes, or a kind with no area). */
double  cairn_shape_iou         (const CairnAnnotation *a,
                                 const CairnAnnotation *b);
gboolean cairn_kind_has_area    (CairnKind kind);

typedef struct
{
  guint  a;       /* index in A */
  guint  b;       /* index in B */
  double score;   /* IoU or OKS */
} CairnMatch;

typedef double (*CairnSimilarityFunc) (const CairnAnnotation *a,
                                       const CairnAnnotation *b,
                                       gpointer               data);

/* One-to-one matching that maximises total similarity (Hungarian), keeping pairs with
 * similarity >= threshold. GArray of CairnMatch, sorted by a. */
GArray *cairn_match              (GPtrArray           *a,
                                  GPtrArray           *b,
                                  CairnSimilarityFunc  similarity,
                                  gpointer             data,
                                  double               threshold);

typedef struct
{
  guint  n_a;
  guint  n_b;
  guint  matched;
  guint  same_label;   /* matched pairs whose labels agree */
  double iou_sum;      /* over matched pairs (or OKS for keypoints) */
} CairnShapeCounts;

void    cairn_shape_counts_add   (CairnShapeCounts *counts,
                                  GPtrArray        *a,
                                  GPtrArray        *b,
                                  double            threshold);
double  cairn_shape_mean_iou     (const CairnShapeCounts *c);
double  cairn_shape_label_agreement (const CairnShapeCounts *c);
double  cairn_shape_f1           (const CairnShapeCounts *c);

/* Object keypoint similarity (COCO): Σ exp(−d²/(2 s² k²)) over the points visible in ref, with
 * k = 2σ per point and s² the area of the bounding box of ref's visible points. sigmas may be
 * NULL (σ = 0.05 for every point) or hold n_sigmas values. -1 when ref has no visible point. */
double  cairn_keypoints_oks      (const CairnAnnotation *ref,
                                  const CairnAnnotation *other,
                                  const double          *sigmas,
                                  guint                  n_sigmas);
/* The same with each annotation's OKS σ from its label's skeleton (labels: CairnLabel; a
 * label without sigmas, or none, gives 0.05 per point). */
void    cairn_keypoint_counts_add_with_labels (CairnShapeCounts *counts,
                                               GPtrArray        *a,
                                               GPtrArray        *b,
                                               double            threshold,
                                               GPtrArray        *labels);
void    cairn_keypoint_counts_add (CairnShapeCounts *counts,
                                   GPtrArray        *a,
                                   GPtrArray        *b,
                                   double            threshold);

/* Word and character error rates of hypothesis against reference: (substitutions + deletions
 * + insertions) / reference length, words split on white space, characters as code points.
 * edits and length may be NULL. An empty reference gives 0 when the hypothesis is empty too,
 * else 1. */
double  cairn_word_error_rate    (const char *reference,
                                  const char *hypothesis,
                                  guint      *edits,
                                  guint      *length);
double  cairn_char_error_rate    (const char *reference,
                                  const char *hypothesis,
                                  guint      *edits,
                                  guint      *length);
/* The texts of transcript segments (or targets) in time order, joined by spaces. */
char   *cairn_transcript_text    (GPtrArray *segments);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnUnitizing, cairn_unitizing_free)

G_END_DECLS
