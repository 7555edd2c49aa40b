#pragma once

#include "cairn-edit.h"

G_BEGIN_DECLS

/* One annotator's undo and redo in one project. The stack lives in the project file's edit
 * log, not in memory: a new stack on the same file (after a restart, or a crash) undoes the
 * same edits in the same order. Each push, undo and redo is one store transaction. */
#define CAIRN_TYPE_EDIT_STACK (cairn_edit_stack_get_type ())
G_DECLARE_FINAL_TYPE (CairnEditStack, cairn_edit_stack, CAIRN, EDIT_STACK, GObject)

CairnEditStack *cairn_edit_stack_new             (CairnStore     *store,
                                                  gint64          annotator_id);
CairnStore     *cairn_edit_stack_get_store       (CairnEditStack *self);
gint64          cairn_edit_stack_get_annotator   (CairnEditStack *self);

/* Applies the edit and records it; on failure nothing is written. */
gboolean        cairn_edit_stack_push            (CairnEditStack *self,
                                                  CairnEdit      *edit,
                                                  GError        **error);
gboolean        cairn_edit_stack_undo            (CairnEditStack *self,
                                                  GError        **error);
gboolean        cairn_edit_stack_redo            (CairnEditStack *self,
                                                  GError        **error);

gboolean        cairn_edit_stack_can_undo        (CairnEditStack *self);
gboolean        cairn_edit_stack_can_redo        (CairnEditStack *self);
/* The edit Undo (Redo) would take back, named for a menu; NULL when there is none. */
char           *cairn_edit_stack_dup_undo_title  (CairnEditStack *self);
char           *cairn_edit_stack_dup_redo_title  (CairnEditStack *self);

G_END_DECLS
