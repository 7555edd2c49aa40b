#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Records an edge-case note about an item, or one of its shapes (its region and label taken
 * from the shape): a question, the label in question, more text. Emits "recorded" with the
 * note's id once stored, then closes. */
#define CAIRN_TYPE_NOTE_DIALOG (cairn_note_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CairnNoteDialog, cairn_note_dialog, CAIRN, NOTE_DIALOG, GtkWindow)

/* annotation may be NULL; labels: CairnLabel, the project's. */
CairnNoteDialog *cairn_note_dialog_new    (GtkWindow             *parent,
                                           CairnStore            *store,
                                           gint64                 item_id,
                                           const CairnAnnotation *annotation,
                                           GPtrArray             *labels);
/* As filling the question in and pressing Record would (tests). FALSE when refused. */
gboolean         cairn_note_dialog_record (CairnNoteDialog *self,
                                           const char      *title);

G_END_DECLS
