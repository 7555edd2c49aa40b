#pragma once

#include "cairn-bitmap.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_TIP_ROUND,
  CAIRN_TIP_SQUARE,
} CairnTip;

/* Brush sizes, in image pixels across. */
#define CAIRN_BRUSH_MIN_SIZE 1.0
#define CAIRN_BRUSH_MAX_SIZE 500.0

/* Pixels are painted when their centre is under the tip: a round tip of size d takes the
 * pixels whose centres are within d / 2 of (x, y), a square one those within d / 2 on both
 * axes. The pixel under the point is always taken, so a size-1 brush never skips. value 1
 * paints, 0 erases; the rectangle the dab touched is added to changed (may be NULL). */
void cairn_mask_dab          (CairnBitmap   *mask,
                              CairnTip       tip,
                              double         size,
                              double         x,
                              double         y,
                              guint8         value,
                              CairnMaskRect *changed);
/* From (x0, y0) to (x1, y1) with dabs close enough that the edge stays smooth however fast
 * the pointer moved (the first point is not dabbed again: the previous segment did it). */
void cairn_mask_stroke       (CairnMaskRect *changed,
                              CairnBitmap   *mask,
                              CairnTip       tip,
                              double         size,
                              double         x0,
                              double         y0,
                              double         x1,
                              double         y1,
                              guint8         value);
/* Rings of x, y pairs (n_points[i] points each), filled even-odd as the canvas fills
 * polygons: a pixel is in when its centre is. */
void cairn_mask_fill_polygon (CairnBitmap   *mask,
                              const double  *xy,
                              const guint   *n_points,
                              guint          n_rings,
                              guint8         value,
                              CairnMaskRect *changed);

G_END_DECLS
