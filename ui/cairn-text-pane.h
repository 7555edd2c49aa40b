#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text item: its spans (labels drawn, overlapping and nested ones in lanes of their own),
 * relations as arcs, document classes as chips, search, and for translation and summary
 * items an editable target beside the source. Every change is an edit (text.* actions). */
#define CAIRN_TYPE_TEXT_PANE (cairn_text_pane_get_type ())
G_DECLARE_FINAL_TYPE (CairnTextPane, cairn_text_pane, CAIRN, TEXT_PANE, GtkWidget)

GtkWidget     *cairn_text_pane_new            (void);
/* Shows a text without a store (nothing can be edited): annotations CairnAnnotation, labels
 * CairnLabel. */
void           cairn_text_pane_set_text       (CairnTextPane *self,
                                               const char    *text,
                                               GPtrArray     *annotations,
                                               GPtrArray     *labels);
/* Where the user's key changes are ("shortcuts"; may be NULL): a change reaches the text view
 * at once, not with the next item. */
void           cairn_text_pane_set_key_settings (CairnTextPane *self,
                                                 GSettings     *settings);
/* Whether the pane answers a keymap action of another pane's name (canvas.select-label(0),
 * tool.cancel...): its keys then work in the text pane too. */
gboolean       cairn_text_pane_answers        (const char    *detailed_action);
GtkTextBuffer *cairn_text_pane_get_buffer     (CairnTextPane *self);
GtkTextView   *cairn_text_pane_get_text_view  (CairnTextPane *self);
GtkTextView   *cairn_text_pane_get_target_view (CairnTextPane *self);
/* How many spans are drawn; spans outside the text are left out. */
guint          cairn_text_pane_get_n_spans    (CairnTextPane *self);
/* Whether a span of label_id covers the code point at offset. */
gboolean       cairn_text_pane_has_span_at    (CairnTextPane *self,
                                               gint64         label_id,
                                               guint          offset);
/* The colour spans of the label are drawn in; FALSE when no span has it. */
gboolean       cairn_text_pane_get_label_color (CairnTextPane *self,
                                                gint64         label_id,
                                                GdkRGBA       *color);
/* The labels 1–9 and 0 pick (CairnLabel): for spans and classes, or for relations while one
 * is being made. Notifies "palette". */
GPtrArray     *cairn_text_pane_get_palette_labels (CairnTextPane *self);
gint64         cairn_text_pane_get_selected_id (CairnTextPane *self);
gint64         cairn_text_pane_get_current_label_id (CairnTextPane *self);
/* How many matches the search has (the search runs a moment after typing stops). */
guint          cairn_text_pane_get_n_matches  (CairnTextPane *self);
/* Selects [start, end) (code points) in the source, as a mouse or Shift+arrows would. */
void           cairn_text_pane_select_range   (CairnTextPane *self,
                                               guint          start,
                                               guint          end);

G_END_DECLS
