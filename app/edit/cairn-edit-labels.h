#pragma once

#include "cairn-edit.h"

G_BEGIN_DECLS

/* Label rows as edits (cairn-edit-labels.c), so a rename, a merge or a schema change is
 * undone like any other. */

/* A label row change: before NULL creates the label (under its id again on redo), after
 * NULL removes it (with the deleted annotations still naming it), both set changes it.
 * Anchors are its guideline section (NULL: the heading that is its name). */
void       cairn_edit_add_label           (CairnEdit        *self,
                                           const CairnLabel *before,
                                           const char       *anchor_before,
                                           const CairnLabel *after,
                                           const char       *anchor_after);
/* The label the n-th change is about (its new id once a creation is applied), or 0. */
gint64     cairn_edit_get_label_id        (CairnEdit        *self,
                                           guint             n);
/* Renaming: the label keeps its id, so every annotation follows it. */
CairnEdit *cairn_edit_new_rename_label    (CairnStore  *store,
                                           const char  *old_name,
                                           const char  *new_name,
                                           GError     **error);
/* Merging: every annotation of from (predictions too) becomes into's, from's sub-labels
 * become into's, and from goes. */
CairnEdit *cairn_edit_new_merge_labels    (CairnStore  *store,
                                           const char  *from,
                                           const char  *into,
                                           GError     **error);
/* Confirming: the annotations re-saved as they are, under the current guideline version. */
CairnEdit *cairn_edit_new_confirm         (const CairnAnnotation *const *annotations,
                                           guint                         n);

G_END_DECLS
