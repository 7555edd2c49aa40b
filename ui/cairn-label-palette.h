#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The project's labels: colour, name and hotkey. Choosing one will set the label of new
 * shapes once the editing tools arrive. */
#define CAIRN_TYPE_LABEL_PALETTE (cairn_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (CairnLabelPalette, cairn_label_palette, CAIRN, LABEL_PALETTE, GtkWidget)

GtkWidget  *cairn_label_palette_new        (void);
/* labels: CairnLabel, copied; NULL clears. */
void        cairn_label_palette_set_labels (CairnLabelPalette *self,
                                            GPtrArray         *labels);
/* A model of CairnLabelRow. */
GListModel *cairn_label_palette_get_model  (CairnLabelPalette *self);

G_END_DECLS
