#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* The project's edge-case notes, filtered by state, label and author, for reviewers to answer,
 * resolve or promote into the guideline. Emits "open-note" (item id, annotation id) to show a
 * note on its item, and "guideline-changed" after a promotion made a new version. */
#define CAIRN_TYPE_NOTES_WINDOW (cairn_notes_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnNotesWindow, cairn_notes_window, CAIRN, NOTES_WINDOW, GtkWindow)

CairnNotesWindow *cairn_notes_window_new     (GtkWindow        *parent,
                                              CairnStore       *store);
void              cairn_notes_window_refresh (CairnNotesWindow *self);
/* The rows shown (tests). */
guint             cairn_notes_window_get_n_shown (CairnNotesWindow *self);
/* As the row's button would (tests): "open", "resolve", "promote"; "answer" takes text. */
void              cairn_notes_window_act     (CairnNotesWindow *self,
                                              gint64            note_id,
                                              const char       *verb,
                                              const char       *answer);

G_END_DECLS
