#pragma once

#include "edit/cairn-edit.h"
#include "cairn-rules.h"

G_BEGIN_DECLS

/* Batch fixes: each builds one CairnEdit (verb batch) holding every annotation it would change,
 * so cairn_edit_get_n_changes is the preview count and cairn_edit_stack_push applies it as one
 * store transaction, with a history row per annotation, undone by one Undo. Nothing is written
 * until the edit is pushed. Only people's annotations (and consensus) are touched, never a
 * model's predictions. An edit with no changes means there is nothing to fix. */

typedef struct
{
  gint64       from_label;   /* 0 = any label */
  gint         kind;         /* CairnKind, or -1 for any */
  const char  *attribute;    /* with value: only annotations whose attribute equals it */
  const char  *value;        /* compared with the attribute's value as text */
  gint64       to_label;
} CairnRelabelRule;

#define CAIRN_RELABEL_RULE_INIT ((CairnRelabelRule) { 0, -1, NULL, NULL, 0 })

/* What an edit would do, for the preview. */
typedef struct
{
  guint  changed;   /* relabelled, clipped, trimmed... */
  guint  deleted;
  guint  items;     /* items touched */
} CairnBatchPreview;

/* Merge: every annotation of from becomes into's (the emptied label stays for the caller to
 * remove). */
CairnEdit *cairn_batch_merge_labels (CairnStore             *store,
                                     gint64                  from,
                                     gint64                  into,
                                     CairnBatchPreview      *preview,
                                     GError                **error);
CairnEdit *cairn_batch_relabel      (CairnStore             *store,
                                     const CairnRelabelRule *rule,
                                     CairnBatchPreview      *preview,
                                     GError                **error);
/* The fixes one rule check proposes (delete or change), for every violation that has one:
 * box-too-small deletes tiny boxes, box-outside-image clips to the image, span-whitespace
 * trims spans, span-word-boundary widens them to whole words, duplicate-shape deletes the
 * second of a pair. */
CairnEdit *cairn_batch_fix_rule     (CairnStore             *store,
                                     const CairnRuleConfig  *config,
                                     CairnRule               rule,
                                     CairnBatchPreview      *preview,
                                     GError                **error);

/* "3 annotations changed and 2 deleted on 4 items". */
char      *cairn_batch_preview_to_string (const CairnBatchPreview *preview);

G_END_DECLS
