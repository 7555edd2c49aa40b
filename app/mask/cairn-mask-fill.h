#pragma once

#include "cairn-bitmap.h"

G_BEGIN_DECLS

/* Image pixels as the segmentation tools read them (a GdkPixbuf's layout): 8-bit RGB or RGBA
 * rows stride bytes apart. Borrowed. */
typedef struct
{
  const guint8 *data;
  guint         width;
  guint         height;
  gsize         stride;
  guint         n_channels; /* 3 or 4; alpha is not compared */
} CairnPixels;

/* The magic wand: the pixels 4-connected to (x, y) whose colour differs from the seed's by
 * at most tolerance (0..255) on every channel, set (1) in region, which must be as big as the
 * image and empty. FALSE when (x, y) is off the image. bounds gets the region's extent. */
gboolean cairn_mask_flood_image (const CairnPixels *image,
                                 int                x,
                                 int                y,
                                 guint              tolerance,
                                 CairnBitmap       *region,
                                 CairnMaskRect     *bounds);
/* Flood fill on a mask: the pixels 4-connected to (x, y) that have its value, set in region
 * (empty, the mask's size). touches_edge tells whether the area reaches the image's border,
 * i.e. is not closed by the mask. */
gboolean cairn_mask_flood_mask  (const CairnBitmap *mask,
                                 int                x,
                                 int                y,
                                 CairnBitmap       *region,
                                 CairnMaskRect     *bounds,
                                 gboolean          *touches_edge);

G_END_DECLS
