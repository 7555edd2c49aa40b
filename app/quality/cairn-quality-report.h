#pragma once

#include <json-glib/json-glib.h>

#include "store/cairn-store.h"
#include "cairn-agreement.h"
#include "cairn-consensus.h"
#include "cairn-structured.h"

G_BEGIN_DECLS

/* A project's agreement, everything a dashboard draws: overall and per-label figures, one row
 * per annotator pair, confusion counts, Dawid–Skene reliabilities, structured agreement, what
 * was left out and why, and the items below the project's threshold. Only human annotations
 * count; model, synthetic and consensus annotations are never compared. */

#define CAIRN_QUALITY_DEFAULT_THRESHOLD 0.6
#define CAIRN_QUALITY_THRESHOLD_KEY "agreement_threshold"
#define CAIRN_QUALITY_REASON_KEY "review_reason"

typedef struct
{
  gint         kind;           /* CairnKind, or -1 for every kind */
  const char  *label;          /* only this label (by name), or NULL */
  double       iou_threshold;  /* shapes match at IoU >= this */
  double       oks_threshold;  /* keypoints match at OKS >= this */
  guint        bootstrap;      /* replicates for the overall intervals; 0 = none */
  guint64      seed;
  double       threshold;      /* flag items below this; < 0 = the project's (meta key
                                * agreement_threshold, default 0.6) */
} CairnQualityOptions;

#define CAIRN_QUALITY_OPTIONS_INIT \
  ((CairnQualityOptions) { -1, NULL, 0.5, 0.5, 1000, 1, -1 })

typedef struct
{
  gint64            label_id;
  char             *name;
  CairnAgreement   *alpha;    /* chose it or not, nominal alpha over items × annotators; or NULL */
  CairnSpanCounts   spans;    /* this label's spans, over every pair */
  CairnShapeCounts  shapes;   /* this label's shapes, over every pair */
} CairnLabelAgreement;

typedef struct
{
  gint64            a;          /* annotator ids; a < b */
  gint64            b;
  char             *a_name;
  char             *b_name;
  guint             items;      /* items both annotated */
  CairnAgreement   *kappa;      /* Cohen on single-label classification, or NULL */
  CairnAgreement   *percent;
  guint            *confusion;  /* n_labels × n_labels: a's label (row) × b's (column) */
  CairnSpanCounts   spans;      /* a as the reference */
  CairnShapeCounts  shapes;
  CairnShapeCounts  keypoints;  /* iou_sum holds OKS */
  guint             transcripts;  /* items with transcripts from both */
  guint             word_edits;
  guint             words;        /* in a's transcripts */
  guint             char_edits;
  guint             chars;
} CairnPairAgreement;

typedef struct
{
  gint64  item_id;
  double  agreement;
  char   *reason;
  gboolean written;  /* set by cairn_quality_report_flag_items */
} CairnItemFlag;

typedef struct
{
  double            threshold;
  guint             n_items;      /* items with a human annotation in scope */
  GPtrArray        *annotators;   /* CairnAnnotator, by id */
  GPtrArray        *labels;       /* CairnLabel, by id: the index of the confusion matrices */
  /* Classification (tags and document classes); NULL when there are none. */
  CairnAgreement   *percent;
  CairnAgreement   *fleiss;
  CairnAgreement   *alpha;
  guint            *confusion;    /* n_labels × n_labels, summed over pairs */
  CairnDawidSkene  *dawid_skene;  /* raters in annotators order; categories below */
  GPtrArray        *ds_categories; /* char *: Dawid–Skene's category names, in its order */
  /* Spans: Krippendorff's unitizing alpha over character positions, or NULL. */
  CairnAgreement   *unitizing;
  GPtrArray        *per_label;    /* CairnLabelAgreement */
  GPtrArray        *per_pair;     /* CairnPairAgreement */
  GPtrArray        *skipped;      /* CairnSkip, for spans, shapes, keypoints, transcripts */
  GPtrArray        *flags;        /* CairnItemFlag, lowest agreement first */
} CairnQualityReport;

CairnQualityReport *cairn_quality_report_compute   (CairnStore                *store,
                                                    const CairnQualityOptions *options,
                                                    GError                   **error);
void                cairn_quality_report_free      (CairnQualityReport *self);
/* Sets each flagged item's state to review and its meta review_reason, in one transaction.
 * Items a reviewer already accepted or rejected are left as they are. */
gboolean            cairn_quality_report_flag_items (CairnStore         *store,
                                                     CairnQualityReport *report,
                                                     GError            **error);
void                cairn_quality_report_add_json  (const CairnQualityReport *self,
                                                    JsonBuilder              *builder);
char               *cairn_quality_report_to_text   (const CairnQualityReport *self);
/* The project's agreement_threshold, or the default. */
gboolean            cairn_quality_get_threshold    (CairnStore *store,
                                                    double     *threshold,
                                                    GError    **error);

/* Consensus, stored as annotations of origin consensus (annotator none); earlier consensus
 * annotations are replaced, nobody else's are touched. */
typedef enum
{
  CAIRN_CONSENSUS_VOTE,
  CAIRN_CONSENSUS_DAWID_SKENE,
} CairnConsensusMethod;

typedef struct
{
  CairnConsensusMethod  method;
  guint                 items;        /* items with classifications from two annotators or more */
  guint                 labels;       /* consensus classifications stored */
  guint                 shapes;       /* fused shapes stored */
  guint                 replaced;     /* earlier consensus annotations removed */
  GPtrArray            *ties;         /* CairnSkip: items (or shapes) left without consensus */
  CairnDawidSkene      *dawid_skene;  /* with CAIRN_CONSENSUS_DAWID_SKENE */
  GPtrArray            *categories;   /* char *: Dawid–Skene's categories */
  GPtrArray            *annotators;   /* CairnAnnotator: Dawid–Skene's raters */
} CairnConsensusSummary;

CairnConsensusSummary *cairn_quality_consensus      (CairnStore           *store,
                                                     CairnConsensusMethod  method,
                                                     double                iou_threshold,
                                                     GError              **error);
void                   cairn_consensus_summary_free (CairnConsensusSummary *self);
void                   cairn_consensus_summary_add_json (const CairnConsensusSummary *self,
                                                         JsonBuilder                 *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnQualityReport, cairn_quality_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnConsensusSummary, cairn_consensus_summary_free)

G_END_DECLS
