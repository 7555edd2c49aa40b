#pragma once

#include "cairn-audio-pane.h"
#include "cairn-canvas.h"
#include "cairn-tag-bar.h"
#include "cairn-guideline-panel.h"
#include "cairn-item-list.h"
#include "cairn-item-list-model.h"
#include "cairn-label-palette.h"
#include "cairn-start-page.h"
#include "cairn-text-pane.h"
#include "cairn-window.h"

G_BEGIN_DECLS

struct _CairnWindow
{
  GtkApplicationWindow  parent_instance;

  /* The project; all NULL on the start page. */
  CairnStore           *store;
  CairnItemListModel   *items;
  GPtrArray            *labels;          /* CairnLabel */
  CairnItem            *current;         /* the shown item, with its media */
  char                 *filter_kind;     /* "any" or a CairnItemKind name */
  char                 *filter_state;    /* "any" or a CairnItemState name */
  gboolean              filter_mine;     /* only the items assigned to the annotator */
  gboolean              opening;         /* a project being set: the list's selection waits */
  char                 *pending_import;  /* a folder dropped before there was a project */

  /* Decoded images: the current one and its neighbours (cairn-window-media.c). */
  GHashTable           *images;          /* gint64 * → CairnImage */
  GQueue                image_order;     /* gint64 *, oldest first; keys of images */
  GHashTable           *loading;         /* gint64 * → GCancellable */
  GError               *image_error;     /* why the current image could not be shown */

  /* Editing (cairn-window-edit.c): who, and where their undo lives. */
  CairnEditStack       *edits;
  char                 *annotator;

  /* Template widgets */
  GtkStack             *main_stack;
  CairnStartPage       *start_page;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkPaned             *outer_paned;
  CairnItemList        *item_list;
  GtkStack             *view_stack;
  CairnCanvas          *canvas;
  CairnTagBar          *tag_bar;
  GtkLabel             *canvas_message;
  GtkSpinner           *canvas_spinner;
  GtkProgressBar       *canvas_progress;
  CairnTextPane        *text_pane;
  CairnAudioPane       *audio_pane;
  GtkLabel             *empty_title;
  GtkLabel             *empty_detail;
  GtkWidget            *empty_import_button;
  CairnLabelPalette    *label_palette;
  CairnGuidelinePanel  *guideline_panel;
  GtkLabel             *counter_label;
  GtkLabel             *state_label;
  GtkLabel             *position_label;
  GtkLabel             *zoom_label;
  GtkWidget            *zoom_box;
  GtkWidget            *semantic_button;
  GtkWidget            *project_buttons;
  GMenu                *edit_section;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *annotator_button;
  GtkLabel             *annotator_label;
  GtkLabel             *saved_label;
  GtkBox               *inspector_box;
};

/* cairn-window-actions.c */
void     cairn_window_class_init_actions (GtkWidgetClass *widget_class);
void     cairn_window_update_actions     (CairnWindow *self);
void     cairn_window_start_import       (CairnWindow *self,
                                          const char  *format,
                                          const char  *path);
void     cairn_window_set_filter_kind    (CairnWindow *self,
                                          const char  *kind);
void     cairn_window_set_filter_state   (CairnWindow *self,
                                          const char  *state);
void     cairn_window_set_filter_mine    (CairnWindow *self,
                                          gboolean     mine);
void     cairn_window_apply_filter       (CairnWindow *self);

/* cairn-window-media.c */
void     cairn_window_media_init         (CairnWindow *self);
void     cairn_window_media_clear        (CairnWindow *self);
void     cairn_window_media_show         (CairnWindow *self,
                                          const CairnItem *item);
void     cairn_window_media_prefetch     (CairnWindow *self,
                                          guint        position);

/* cairn-window-edit.c */
void     cairn_window_class_init_edit_actions (GtkWidgetClass *widget_class);
void     cairn_window_edit_init          (CairnWindow *self);
/* After a project opened: find who is working (asking on first start) and their undo. */
void     cairn_window_start_editing      (CairnWindow *self);
void     cairn_window_stop_editing       (CairnWindow *self);
void     cairn_window_update_edit_actions (CairnWindow *self);
void     cairn_window_attach_shortcuts   (CairnWindow *self);
void     cairn_window_update_palette     (CairnWindow *self);

/* cairn-window-team.c */
void     cairn_window_class_init_team_actions (GtkWidgetClass *widget_class);
void     cairn_window_update_team_actions (CairnWindow *self);

/* cairn-window.c */
CairnItemView *cairn_window_get_view     (CairnWindow *self);
void     cairn_window_reload             (CairnWindow *self);
void     cairn_window_update_status      (CairnWindow *self);
void     cairn_window_update_canvas_state (CairnWindow *self);

G_END_DECLS
