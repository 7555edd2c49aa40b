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

/* A rectangle dragged from one corner to the other, kept on the picture: the box tools' and
 * the cuboid's front face. */
typedef struct
{
  double x0, y0;   /* the corner pressed, image pixels */
  double x1, y1;   /* the corner under the pointer */
} CairnDragRect;

void     cairn_drag_rect_start       (CairnDragRect        *rect,
                                      CairnCanvas          *canvas,
                                      const CairnToolEvent *event);
void     cairn_drag_rect_update      (CairnDragRect        *rect,
                                      CairnCanvas          *canvas,
                                      const CairnToolEvent *event);
/* Smaller than a few screen pixels is a slip of the hand, not a shape. */
gboolean cairn_drag_rect_big_enough  (const CairnDragRect  *rect,
                                      CairnCanvas          *canvas);
void     cairn_drag_rect_get         (const CairnDragRect  *rect,
                                      double               *x,
                                      double               *y,
                                      double               *w,
                                      double               *h);

G_END_DECLS
