#pragma once

#include "cairn-rle.h"

G_BEGIN_DECLS

/* Rectangles of a mask, worked on without decoding the rest: an edit keeps only the part a
 * stroke changed (cairn_rle_diff_bounds, _crop, _paste), and semantic masks give up the
 * pixels another label took. Each walks the runs once, plus the rectangle's area. */

/* The smallest rectangle holding every pixel in which a and b (the same size) differ; FALSE
 * when they hold the same pixels. */
gboolean  cairn_rle_diff_bounds (const CairnRle *a,
                                 const CairnRle *b,
                                 guint          *x,
                                 guint          *y,
                                 guint          *width,
                                 guint          *height);
/* The rectangle as a mask of its own (height × width); it must lie inside self. */
CairnRle *cairn_rle_crop        (const CairnRle *self,
                                 guint           x,
                                 guint           y,
                                 guint           width,
                                 guint           height);
/* self with the rectangle at (x, y) replaced by patch, which must fit inside it. */
CairnRle *cairn_rle_paste       (const CairnRle *self,
                                 const CairnRle *patch,
                                 guint           x,
                                 guint           y);
/* self without the pixels set in take (row-major, width × height bytes) over the rectangle
 * at (x, y); NULL when none of them was set in self. */
CairnRle *cairn_rle_take        (const CairnRle *self,
                                 const guint8   *take,
                                 guint           x,
                                 guint           y,
                                 guint           width,
                                 guint           height);
/* SHA-256 of the pixels (size and runs, however the counts split them). */
char     *cairn_rle_dup_digest  (const CairnRle *self);

G_END_DECLS
