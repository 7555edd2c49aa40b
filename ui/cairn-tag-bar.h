#pragma once

#include <gtk/gtk.h>

#include "cairn-canvas.h"

G_BEGIN_DECLS

/* The image's tags as checkable chips over the canvas: one per label meant for tags (and any
 * tag the item already has); checking one adds the tag, unchecking deletes it, one edit. */
#define CAIRN_TYPE_TAG_BAR (cairn_tag_bar_get_type ())
G_DECLARE_FINAL_TYPE (CairnTagBar, cairn_tag_bar, CAIRN, TAG_BAR, GtkWidget)

GtkWidget *cairn_tag_bar_new        (void);
void       cairn_tag_bar_set_canvas (CairnTagBar *self,
                                     CairnCanvas *canvas);
/* How many chips are shown (0: the bar is hidden). */
guint      cairn_tag_bar_get_n_chips (CairnTagBar *self);

G_END_DECLS
