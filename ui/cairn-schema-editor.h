#pragma once

#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"

G_BEGIN_DECLS

/* The label schema: each label's name, colour, hotkey, parent, allowed kinds, guideline
 * section, attributes and keypoint skeleton (drawn as it is typed). Apply makes one edit on
 * the annotator's stack, so the window's Undo takes it back; a rename keeps the label's id,
 * so every annotation follows. */
#define CAIRN_TYPE_SCHEMA_EDITOR (cairn_schema_editor_get_type ())
G_DECLARE_FINAL_TYPE (CairnSchemaEditor, cairn_schema_editor, CAIRN, SCHEMA_EDITOR, GtkWindow)

CairnSchemaEditor *cairn_schema_editor_new    (GtkWindow         *parent,
                                               CairnEditStack    *stack);
/* Shows a label's fields (tests). */
gboolean           cairn_schema_editor_select (CairnSchemaEditor *self,
                                               gint64             label_id);
/* As Apply would; FALSE (the reason shown) when a field is wrong or the edit fails. */
gboolean           cairn_schema_editor_apply  (CairnSchemaEditor *self);

G_END_DECLS
