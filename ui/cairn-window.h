#pragma once

#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"
#include "store/cairn-store.h"
#include "team/cairn-team.h"
#include "cairn-application.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_WINDOW (cairn_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnWindow, cairn_window, CAIRN, WINDOW, GtkApplicationWindow)

CairnWindow *cairn_window_new              (CairnApplication *application);
/* Shows the project at path (or says why not). */
gboolean     cairn_window_open_project     (CairnWindow *self,
                                            const char  *path,
                                            GError     **error);
gboolean     cairn_window_create_project   (CairnWindow *self,
                                            const char  *path,
                                            GError     **error);
void         cairn_window_close_project    (CairnWindow *self);
/* A dropped or command-line file: a project opens, a folder or a data file is imported. */
void         cairn_window_open_file        (CairnWindow *self,
                                            GFile       *file);
/* NULL on the start page. */
CairnStore  *cairn_window_get_store        (CairnWindow *self);
const char  *cairn_window_get_project_path (CairnWindow *self);
void         cairn_window_show_error       (CairnWindow *self,
                                            const char  *primary,
                                            const char  *secondary);

/* What the window shows, for tests and the status bar. */
GListModel      *cairn_window_get_items         (CairnWindow *self);
/* GTK_INVALID_LIST_POSITION when nothing is selected. */
guint            cairn_window_get_position      (CairnWindow *self);
void             cairn_window_select            (CairnWindow *self,
                                                 guint        position);
/* Shows the item with this id, clearing the list's filter when it hides the item; FALSE when
 * the project has no such item. */
gboolean         cairn_window_select_item       (CairnWindow *self,
                                                 gint64       id);
const CairnItem *cairn_window_get_current_item  (CairnWindow *self);
/* "start", "image", "text", "audio" or "empty". */
const char      *cairn_window_get_view_name     (CairnWindow *self);
/* TRUE while the current image is being decoded. */
gboolean         cairn_window_is_loading        (CairnWindow *self);
GtkWidget       *cairn_window_get_canvas        (CairnWindow *self);
GtkWidget       *cairn_window_get_text_pane     (CairnWindow *self);
GtkWidget       *cairn_window_get_label_palette (CairnWindow *self);
const char      *cairn_window_get_status_text   (CairnWindow *self,
                                                 const char  *field);

/* Teams (cairn-window-team.c). The current annotator's role: what the window offers (review
 * decisions for reviewers and admins; schema, guideline and plan editing for admins, see
 * cairn_role_can_administer). CAIRN_ROLE_NONE without a project. */
CairnRole        cairn_window_get_role          (CairnWindow *self);
/* Where the current annotator's edits go; NULL without a project. */
CairnEditStack  *cairn_window_get_edit_stack    (CairnWindow *self);
/* The review queue for this window's project and annotator (one per window). */
typedef struct _CairnReviewWindow CairnReviewWindow;
CairnReviewWindow *cairn_window_show_review     (CairnWindow *self);

/* The Edit menu's entry at index (0: undo, 1: redo), e.g. "_Undo Move Polygon". */
char            *cairn_window_dup_edit_menu_label (CairnWindow *self,
                                                   guint        index);

G_END_DECLS
