#pragma once

#include <json-glib/json-glib.h>

#include "store/cairn-store.h"
#include "cairn-confident.h"
#include "cairn-rules.h"

G_BEGIN_DECLS

/* Cleansing a project: suspected label errors from a model's predictions (confident learning
 * for classifications, the per-box analogue for boxes) or from the project's rule checks. What
 * `cairn cleanse PROJECT` and the dashboard's cleansing view show; flagged items go into the
 * review queue (state review, meta review_reason and suggested_label). */

#define CAIRN_CLEANSE_SUGGESTED_KEY "suggested_label"

typedef enum
{
  CAIRN_CLEANSE_CONFIDENT,
  CAIRN_CLEANSE_RULES,
} CairnCleanseMethod;

typedef struct
{
  CairnCleanseMethod     method;
  const char            *model;          /* CAIRN_CLEANSE_CONFIDENT: the model's name */
  CairnConfidentOptions  confident;
  double                 iou_threshold;  /* boxes: a prediction covers a box at IoU >= this */
} CairnCleanseOptions;

#define CAIRN_CLEANSE_OPTIONS_INIT \
  ((CairnCleanseOptions) { CAIRN_CLEANSE_CONFIDENT, NULL, CAIRN_CONFIDENT_OPTIONS_INIT, 0.5 })

typedef struct
{
  gint64    item_id;
  gint64    annotation_id;    /* the suspect annotation; 0 = the item's classification */
  char     *source;           /* "confident" (classification), "boxes" or the rule's id */
  gint64    given_label;      /* label id; 0 = none */
  gint64    suggested_label;  /* label id; 0 = no suggestion (or: delete it) */
  double    score;            /* self-confidence or the box's score, lowest = worst; -1 = none */
  char     *message;
  char     *fix;              /* what to do about it, in words */
  gboolean  written;          /* set by cairn_cleanse_flag_items */
} CairnCleanseIssue;

typedef struct
{
  CairnCleanseMethod     method;
  char                  *model;
  gint64                 model_id;     /* the model's annotator row */
  GPtrArray             *labels;       /* CairnLabel, every label of the project, by id */
  /* Classification: the classes (CairnLabel, borrowed from labels) the matrices index, the
   * items in example order and confident learning's result; NULL when there were none. */
  GPtrArray             *classes;
  GArray                *example_items;  /* gint64 */
  CairnConfidentResult  *confident;
  guint                  boxes_checked;
  guint                  items_checked;
  GPtrArray             *skipped;      /* char *: what was left out, and why */
  GPtrArray             *issues;       /* CairnCleanseIssue, worst first */
  GPtrArray             *violations;   /* CAIRN_CLEANSE_RULES: CairnRuleViolation */
} CairnCleanseReport;

CairnCleanseReport *cairn_cleanse_run            (CairnStore                *store,
                                                  const CairnCleanseOptions *options,
                                                  GError                   **error);
void                cairn_cleanse_report_free    (CairnCleanseReport *self);
/* Each issue's item goes to review with the reasons (and suggested label) in its meta, in one
 * transaction. Items a reviewer accepted or rejected are left as they are. */
gboolean            cairn_cleanse_flag_items     (CairnStore         *store,
                                                  CairnCleanseReport *report,
                                                  GError            **error);
const char         *cairn_cleanse_label_name     (const CairnCleanseReport *self,
                                                  gint64                    label_id);
void                cairn_cleanse_report_add_json (const CairnCleanseReport *self,
                                                   JsonBuilder              *builder);
char               *cairn_cleanse_report_to_text (const CairnCleanseReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnCleanseReport, cairn_cleanse_report_free)

G_END_DECLS
