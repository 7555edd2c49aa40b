#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A picture that is never wider than it is told (the width of the text it sits in), keeping
 * its aspect; narrower pictures keep their own size. Changing the width asks the text view
 * to lay it out again. */
#define CAIRN_TYPE_FIT_PAINTABLE (cairn_fit_paintable_get_type ())
G_DECLARE_FINAL_TYPE (CairnFitPaintable, cairn_fit_paintable, CAIRN, FIT_PAINTABLE, GObject)

CairnFitPaintable *cairn_fit_paintable_new           (GdkPaintable      *picture,
                                                      int                max_width);
void               cairn_fit_paintable_set_max_width (CairnFitPaintable *self,
                                                      int                max_width);

G_END_DECLS
