#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store-guide.h"

G_BEGIN_DECLS

/* One edge-case note in the notes window: a crop of its region (image notes), the question,
 * who asked about which label under which version, the answer, and what a reviewer can do.
 * Emits "chosen" with "open", "answer", "resolve" or "promote". */
#define CAIRN_TYPE_NOTE_ROW (cairn_note_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnNoteRow, cairn_note_row, CAIRN, NOTE_ROW, GtkListBoxRow)

CairnNoteRow    *cairn_note_row_new      (CairnStore      *store,
                                          const CairnNote *note);
const CairnNote *cairn_note_row_get_note (CairnNoteRow    *self);

G_END_DECLS
