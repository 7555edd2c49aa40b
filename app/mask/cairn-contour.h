#pragma once

#include "cairn-bitmap.h"

G_BEGIN_DECLS

/* Mask → polygon. The outlines run along pixel edges (vertices at pixel corners), so filling
 * them again by pixel centres (cairn_mask_fill_polygon) gives back the very same mask. Outer
 * rings go clockwise on screen (positive area with y down), holes counter-clockwise; pixels
 * touching only at a corner belong to one outline (8-connected).
 * Returns GArray of double (x, y pairs) per ring. */
GPtrArray *cairn_contour_trace      (const CairnBitmap *mask);
/* Douglas–Peucker on a closed ring: drops the vertices that lie within tolerance pixels of
 * the outline kept. A ring that would fall under 3 points is kept as its 3 most distant. */
GArray    *cairn_contour_simplify   (const GArray *ring,
                                     double        tolerance);
/* Signed area of a ring (positive for outer rings, see above). */
double     cairn_contour_area       (const GArray *ring);

G_END_DECLS
