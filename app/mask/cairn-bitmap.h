#pragma once

#include "model/cairn-rle.h"

G_BEGIN_DECLS

/* A binary mask the segmentation tools edit in place: square tiles of one byte per pixel
 * (0 or 1), made when first written, so a dab touches a few kilobytes and an empty region
 * costs nothing. It is turned into COCO RLE once per finished gesture, never per dab. */
#define CAIRN_BITMAP_TILE 64

typedef struct
{
  guint    width;
  guint    height;
  guint    cols;   /* tiles across */
  guint    rows;   /* tiles down */
  guint8 **tiles;  /* cols × rows, row-major; NULL = all zero */
} CairnBitmap;

/* A rectangle of pixels, half-open: [x, x + width) × [y, y + height). Empty when width or
 * height is 0. */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} CairnMaskRect;

CairnBitmap *cairn_bitmap_new         (guint width,
                                       guint height);
CairnBitmap *cairn_bitmap_copy        (const CairnBitmap *self);
void         cairn_bitmap_free        (CairnBitmap *self);
void         cairn_bitmap_clear       (CairnBitmap *self);

guint8       cairn_bitmap_get         (const CairnBitmap *self,
                                       int                x,
                                       int                y);
void         cairn_bitmap_set         (CairnBitmap *self,
                                       int          x,
                                       int          y,
                                       guint8       value);
/* Pixels x0..x1 (inclusive) of row y, clipped to the bitmap. */
void         cairn_bitmap_set_span    (CairnBitmap *self,
                                       int          y,
                                       int          x0,
                                       int          x1,
                                       guint8       value);
/* Sets in self every pixel set in other (value 1), or clears them (value 0), within rect
 * (NULL: everywhere). Both the same size. */
void         cairn_bitmap_merge       (CairnBitmap       *self,
                                       const CairnBitmap *other,
                                       const CairnMaskRect *rect,
                                       guint8             value);
gboolean     cairn_bitmap_equal       (const CairnBitmap *a,
                                       const CairnBitmap *b);
guint64      cairn_bitmap_count       (const CairnBitmap *self);
/* FALSE when nothing is set. */
gboolean     cairn_bitmap_bounds      (const CairnBitmap *self,
                                       CairnMaskRect     *bounds);
/* Writes rect's pixels as on (set) or 0 into out, rows stride bytes apart: how the overlay
 * refreshes the part of an A8 surface a dab touched. */
void         cairn_bitmap_read_rect   (const CairnBitmap   *self,
                                       const CairnMaskRect *rect,
                                       guint8              *out,
                                       gsize                stride,
                                       guint8               on);

/* The same at 1 / factor of the size, for drawing zoomed out: a pixel of out is on when any
 * pixel of its factor × factor block is set, so thin strokes stay visible. rect (full-size
 * pixels) starts on a block's corner; out is its first block. */
void         cairn_bitmap_read_reduced (const CairnBitmap   *self,
                                        const CairnMaskRect *rect,
                                        guint                factor,
                                        guint8              *out,
                                        gsize                stride,
                                        guint8               on);

/* COCO RLE has height × width; the bitmap width × height. NULL (with error) when the RLE
 * does not check out. */
CairnBitmap *cairn_bitmap_new_from_rle (const CairnRle *rle,
                                        GError        **error);
CairnRle    *cairn_bitmap_to_rle       (const CairnBitmap *self);

/* Rectangles. */
void         cairn_mask_rect_union    (CairnMaskRect       *self,
                                       const CairnMaskRect *other);
/* Clips to a width × height bitmap; FALSE when nothing is left. */
gboolean     cairn_mask_rect_clip     (CairnMaskRect *self,
                                       guint          width,
                                       guint          height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnBitmap, cairn_bitmap_free)

G_END_DECLS
