#pragma once

#include "cairn-canvas.h"

G_BEGIN_DECLS

/* What the drawing tools share on screen: the pointer's guide lines across the picture, and
 * the dashed outline of the shape being made. */
void cairn_draw_guides  (CairnCanvas *canvas,
                         cairo_t     *cr,
                         double       zoom);
void cairn_draw_pending (CairnCanvas *canvas,
                         cairo_t     *cr,
                         double       zoom);

G_END_DECLS
