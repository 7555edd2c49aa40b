#pragma once

#include <json-glib/json-glib.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Rule checks, configured per project (meta key cleanse_rules, a JSON object):
 *   {"disabled": ["duplicate-shape", ...], "min_box_size": 4, "duplicate_iou": 0.9}
 * Each violation names its rule, where it is and the fix it proposes. */

#define CAIRN_RULES_META_KEY "cleanse_rules"

typedef enum
{
  CAIRN_RULE_BOX_TOO_SMALL,         /* box (or ocr box) narrower or lower than N px */
  CAIRN_RULE_BOX_OUTSIDE_IMAGE,     /* box reaching outside the image */
  CAIRN_RULE_POLYGON_SELF_INTERSECTS,
  CAIRN_RULE_ATTRIBUTE_MISSING,     /* a required attribute of the label is not set */
  CAIRN_RULE_DUPLICATE_SHAPE,       /* two same-label shapes of one annotator, IoU above N */
  CAIRN_RULE_SPAN_WORD_BOUNDARY,    /* a span starting or ending inside a word */
  CAIRN_RULE_SPAN_WHITESPACE,       /* a span with leading or trailing white space */
  CAIRN_RULE_EMPTY_TRANSCRIPT,      /* a segment, ocr box or target with no text */
  CAIRN_RULE_LABEL_KIND,            /* the label does not allow the annotation's kind */
  CAIRN_N_RULES
} CairnRule;

typedef enum
{
  CAIRN_FIX_NONE,      /* a person has to look */
  CAIRN_FIX_DELETE,
  CAIRN_FIX_CHANGE,    /* replace the annotation by `fixed` (clip, trim, snap...) */
} CairnFixKind;

typedef struct
{
  CairnRule         rule;
  gint64            item_id;
  gint64            annotation_id;
  gint64            other_id;     /* the other shape of a duplicate; 0 */
  char             *message;      /* where and what */
  CairnFixKind      fix;
  char             *fix_text;     /* the fix in words */
  CairnAnnotation  *fixed;        /* CAIRN_FIX_CHANGE: the annotation as the fix leaves it */
} CairnRuleViolation;

typedef struct
{
  gboolean  enabled[CAIRN_N_RULES];
  double    min_box_size;     /* px; 4 */
  double    duplicate_iou;    /* 0.9 */
} CairnRuleConfig;

const char *cairn_rule_to_string   (CairnRule rule);
gboolean    cairn_rule_from_string (const char *name,
                                    CairnRule  *rule);
/* In English; pass it through _() to show it. */
const char *cairn_rule_describe    (CairnRule rule);

void        cairn_rule_config_init      (CairnRuleConfig *config);
gboolean    cairn_rule_config_from_json (CairnRuleConfig *config,
                                         const char      *json,
                                         GError         **error);
char       *cairn_rule_config_to_json   (const CairnRuleConfig *config);
/* The project's configuration (defaults where it has none). */
gboolean    cairn_rule_config_load      (CairnStore      *store,
                                         CairnRuleConfig *config,
                                         GError         **error);
gboolean    cairn_rule_config_save      (CairnStore            *store,
                                         const CairnRuleConfig *config,
                                         GError               **error);

void        cairn_rule_violation_free   (CairnRuleViolation *self);

/* One item's annotations (human ones; others are skipped) against the rules; labels maps
 * label id (gint64 *) → CairnLabel. Appends CairnRuleViolation to violations. */
void        cairn_rules_check_item      (const CairnRuleConfig *config,
                                         const CairnItem       *item,
                                         GPtrArray             *annotations,
                                         GHashTable            *labels,
                                         GPtrArray             *violations);
/* Every item of the project; the violations in item order. */
GPtrArray  *cairn_rules_check           (CairnStore            *store,
                                         const CairnRuleConfig *config,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnRuleViolation, cairn_rule_violation_free)

G_END_DECLS
