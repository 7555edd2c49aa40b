#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small rounded square of one colour: a label's colour in lists. */
#define CAIRN_TYPE_COLOR_SWATCH (cairn_color_swatch_get_type ())
G_DECLARE_FINAL_TYPE (CairnColorSwatch, cairn_color_swatch, CAIRN, COLOR_SWATCH, GtkWidget)

GtkWidget  *cairn_color_swatch_new       (void);
/* "#RRGGBB" or any colour gdk_rgba_parse reads; NULL or invalid = grey. */
void        cairn_color_swatch_set_color (CairnColorSwatch *self,
                                          const char       *color);
const char *cairn_color_swatch_get_color (CairnColorSwatch *self);

G_END_DECLS
