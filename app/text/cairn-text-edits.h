#pragma once

#include "edit/cairn-edit.h"
#include "cairn-text-lanes.h"
#include "cairn-text-spans.h"

G_BEGIN_DECLS

/* The edits of the text pane, built from the item's annotations (CairnAnnotation, as the
 * store lists them), so that the rules hold whoever makes them: a relation joins two spans of
 * the same item, once per label and direction; deleting a span deletes its relations in the
 * same edit; "label all" and a single-choice class are one edit each. */

#define CAIRN_TEXT_ERROR (cairn_text_error_quark ())
GQuark cairn_text_error_quark (void);

typedef enum
{
  CAIRN_TEXT_ERROR_INVALID,    /* outside the text, empty, splits a character */
  CAIRN_TEXT_ERROR_EXISTS,     /* the same span, class or relation is already there */
  CAIRN_TEXT_ERROR_RELATION,   /* a relation's ends are not two spans of the item */
} CairnTextError;

/* A span's [start, end), FALSE when a is not a span with two whole, ordered offsets. */
gboolean    cairn_text_span_range        (const CairnAnnotation *a,
                                          CairnTextRange        *range);
/* A relation's ends (annotation ids). */
gboolean    cairn_text_relation_ends     (const CairnAnnotation *a,
                                          gint64                *from,
                                          gint64                *to);
/* annotations in id order, as the store lists them. */
const CairnAnnotation *cairn_text_find_annotation (GPtrArray *annotations,
                                                   gint64     id);

/* A new span (not yet stored). FALSE with CAIRN_TEXT_ERROR_INVALID when the range is empty,
 * outside the text or splits a grapheme cluster; EXISTS when a span of that label already
 * covers exactly that range among lanes (the item's spans; NULL: not checked). */
CairnAnnotation *cairn_text_new_span     (const CairnTextIndex  *index,
                                          CairnTextLanes        *lanes,
                                          gint64                 item_id,
                                          gint64                 label_id,
                                          CairnTextRange         range,
                                          GError               **error);
/* Checks a relation from → to with that label. */
gboolean    cairn_text_check_relation    (GPtrArray             *annotations,
                                          gint64                 from,
                                          gint64                 to,
                                          gint64                 label_id,
                                          GError               **error);
CairnEdit  *cairn_text_edit_new_relation (GPtrArray             *annotations,
                                          gint64                 item_id,
                                          gint64                 from,
                                          gint64                 to,
                                          gint64                 label_id,
                                          GError               **error);
/* Deletes the annotation, and with a span every relation that starts or ends at it. */
CairnEdit  *cairn_text_edit_new_delete   (GPtrArray             *annotations,
                                          gint64                 id);
/* Relations whose ends are not both spans of the item (left over from a file made
 * elsewhere); the pane draws no arc for them. */
GPtrArray  *cairn_text_dangling_relations (GPtrArray            *annotations);
/* One edit with a span of label_id for each range that has none of that label yet; NULL when
 * every range has one. */
CairnEdit  *cairn_text_edit_new_label_all (const CairnTextIndex *index,
                                           GPtrArray            *annotations,
                                           gint64                item_id,
                                           gint64                label_id,
                                           GArray               *ranges);
/* Adds the document class, or takes it away when the item has it. With single, the other
 * classes of the same label set (labels with the same parent) go in the same edit. */
CairnEdit  *cairn_text_edit_new_toggle_class (GPtrArray         *annotations,
                                              GPtrArray         *labels,
                                              gint64             item_id,
                                              gint64             label_id,
                                              gboolean           single);

G_END_DECLS
