#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The project's labels: colour, name, and the keys that pick them (place 1–9, 0, and
 * hotkey). The chosen one is the label new shapes get. */
#define CAIRN_TYPE_LABEL_PALETTE (cairn_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (CairnLabelPalette, cairn_label_palette, CAIRN, LABEL_PALETTE, GtkWidget)

GtkWidget  *cairn_label_palette_new        (void);
/* labels: CairnLabel, copied; NULL clears. */
void        cairn_label_palette_set_labels (CairnLabelPalette *self,
                                            GPtrArray         *labels);
/* The label new shapes get (the window binds it to the canvas's). */
gint64      cairn_label_palette_get_current_label_id (CairnLabelPalette *self);
void        cairn_label_palette_set_current_label_id (CairnLabelPalette *self,
                                                      gint64             id);
/* The eyes (which the canvas's "label-hidden" and the palette's own tell each other); shown
 * only where the pane in view can hide a label's shapes. */
void        cairn_label_palette_set_label_hidden (CairnLabelPalette *self,
                                                  gint64             id,
                                                  gboolean           hidden);
void        cairn_label_palette_set_can_hide     (CairnLabelPalette *self,
                                                  gboolean           can_hide);
/* A model of CairnLabelRow. */
GListModel *cairn_label_palette_get_model  (CairnLabelPalette *self);

G_END_DECLS
