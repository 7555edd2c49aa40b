#pragma once

#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"

G_BEGIN_DECLS

/* The review queue (issue 14): flagged items with their reasons, one at a time; every
 * annotator's version side by side (CairnReviewCompare), accept, reject or send back with a
 * comment, and the item's history with Restore. Decisions and restores are edits on the
 * stack it is given (the main window's), so the main window's Undo takes them back. */
#define CAIRN_TYPE_REVIEW_WINDOW (cairn_review_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnReviewWindow, cairn_review_window, CAIRN, REVIEW_WINDOW, GtkWindow)

CairnReviewWindow *cairn_review_window_new        (GtkWindow      *parent,
                                                   CairnEditStack *stack);
/* Shows one item: from the queue, or any other (its history). */
gboolean           cairn_review_window_show_item  (CairnReviewWindow *self,
                                                   gint64             item_id);
gint64             cairn_review_window_get_item   (CairnReviewWindow *self);
/* The queue as listed (CairnReviewEntry), for tests. */
GPtrArray         *cairn_review_window_get_queue  (CairnReviewWindow *self);
GtkWidget         *cairn_review_window_get_compare (CairnReviewWindow *self);
/* What the last decision said (refusals too). */
const char        *cairn_review_window_get_status (CairnReviewWindow *self);
CairnEditStack    *cairn_review_window_get_stack  (CairnReviewWindow *self);

G_END_DECLS
