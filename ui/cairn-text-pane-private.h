#pragma once

#include "text/cairn-text-edits.h"
#include "text/cairn-span-view.h"
#include "text/cairn-text-inspector.h"
#include "cairn-item-view.h"
#include "cairn-text-pane.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_TEXT_TASK_SPANS,        /* spans, relations and classes */
  CAIRN_TEXT_TASK_TRANSLATION,  /* a target per source sentence */
  CAIRN_TEXT_TASK_SUMMARY,      /* one target for the whole text */
} CairnTextTask;

struct _CairnTextPane
{
  GtkWidget           parent_instance;
  CairnItemViewState  view;
  CairnEditStack     *edit_stack;
  CairnTextInspector *inspector;

  /* Template */
  GtkBox             *classes_box;
  GtkFlowBox         *chips;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkCheckButton     *match_case;
  GtkCheckButton     *whole_words;
  GtkLabel           *match_count;
  GtkScrolledWindow  *scroller;
  CairnSpanView      *text_view;
  GtkWidget          *target_box;
  GtkLabel           *target_title;
  GtkLabel           *target_source;
  GtkTextView        *target_view;
  GtkLabel           *target_hint;
  GtkLabel           *hint_label;

  /* The item */
  CairnTextIndex     *index;
  GPtrArray          *annotations;     /* CairnAnnotation, in id order */
  CairnTextLanes     *lanes;           /* the spans in drawing order, or NULL */
  GHashTable         *looks;           /* label id → CairnSpanLook */
  GArray             *relation_marks;  /* CairnRelationMark, what the view draws */
  GPtrArray          *palette;         /* CairnLabel (not owned): what 1–9 and 0 pick */
  GPtrArray          *class_labels;    /* CairnLabel (not owned): the chips */
  guint               n_spans;
  gint64              selected_id;
  gint64              current_label_id;
  gint64              relation_from;   /* a relation is being made from this span */
  gint64              drag_from;       /* a span's bar is being dragged to another */
  GArray             *matches;         /* CairnTextRange of the search */

  /* The project's options (kept in its meta table) */
  gboolean            snap_words;
  gboolean            snap_particles;
  gboolean            single_class;
  GStrv               particles;
  GStrv               whole_word_list;    /* never split into a stem and a particle */
  CairnStore         *options_of;      /* the store they were read from */
  GSettings          *key_settings;    /* the user's keys ("shortcuts") */

  /* Translation and summary */
  CairnTextTask       task;
  GArray             *sentences;       /* CairnTextRange */
  guint               sentence;
  gboolean            target_dirty;
  gboolean            preedit;         /* an input method is composing in the target */
  gboolean            filling_target;
  guint               save_source;
  guint               inspector_source;
  gboolean            summary_dirty;
};

/* cairn-text-pane-actions.c */
void     cairn_text_pane_class_init_actions (GtkWidgetClass *widget_class);
void     cairn_text_pane_init_actions       (CairnTextPane  *self);
gboolean cairn_text_pane_commit             (CairnTextPane  *self,
                                             CairnEdit      *edit);
void     cairn_text_pane_notice             (CairnTextPane  *self,
                                             const char     *message);
void     cairn_text_pane_select             (CairnTextPane  *self,
                                             gint64          id);
void     cairn_text_pane_update_hint        (CairnTextPane  *self);
void     cairn_text_pane_attach_keys        (CairnTextPane  *self);
const CairnLabel *cairn_text_pane_find_label (CairnTextPane *self,
                                              gint64         id);

/* cairn-text-pane.c */
void     cairn_text_pane_update_chips       (CairnTextPane  *self);
void     cairn_text_pane_update_palette     (CairnTextPane  *self);
void     cairn_text_pane_update_inspector   (CairnTextPane  *self);

/* cairn-text-pane-target.c */
void     cairn_text_pane_init_target        (CairnTextPane  *self);
void     cairn_text_pane_load_target        (CairnTextPane  *self);
void     cairn_text_pane_save_target        (CairnTextPane  *self);
void     cairn_text_pane_move_sentence      (CairnTextPane  *self,
                                             int             step);
void     cairn_text_pane_clear_target       (CairnTextPane  *self);

G_END_DECLS
