#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text item, read-only, with its spans highlighted in their labels' colours. */
#define CAIRN_TYPE_TEXT_PANE (cairn_text_pane_get_type ())
G_DECLARE_FINAL_TYPE (CairnTextPane, cairn_text_pane, CAIRN, TEXT_PANE, GtkWidget)

GtkWidget     *cairn_text_pane_new            (void);
/* annotations: CairnAnnotation (spans are drawn, the rest ignored); labels: CairnLabel. */
void           cairn_text_pane_set_text       (CairnTextPane *self,
                                               const char    *text,
                                               GPtrArray     *annotations,
                                               GPtrArray     *labels);
GtkTextBuffer *cairn_text_pane_get_buffer     (CairnTextPane *self);
/* The tag that colours spans of a label (0 = unlabelled); NULL if no span uses it. */
GtkTextTag    *cairn_text_pane_get_label_tag  (CairnTextPane *self,
                                               gint64         label_id);
/* How many spans are highlighted; spans outside the text are left out. */
guint          cairn_text_pane_get_n_spans    (CairnTextPane *self);

G_END_DECLS
