#pragma once

#include "cairn-types.h"

G_BEGIN_DECLS

/* A binary mask as COCO run-length encoding: column-major runs over a height × width grid,
 * alternating 0 and 1, starting with a (possibly empty) run of 0. */
/* The attribute of a mask that holds a label's pixels, not an instance's (semantic
 * segmentation: one label per pixel; VOC writes it to SegmentationClass only). */
#define CAIRN_MASK_SEMANTIC "semantic"

struct _CairnRle
{
  guint    height;
  guint    width;
  GArray  *counts; /* guint32 */
};

CairnRle *cairn_rle_new              (guint height,
                                      guint width);
CairnRle *cairn_rle_copy             (const CairnRle *self);
void      cairn_rle_free             (CairnRle *self);
GType     cairn_rle_get_type         (void) G_GNUC_CONST;

/* bits: height × width bytes in row-major order, non-zero = set. */
CairnRle *cairn_rle_from_bitmap      (const guint8 *bits,
                                      guint         height,
                                      guint         width);
guint8   *cairn_rle_to_bitmap        (const CairnRle *self);
CairnRle *cairn_rle_from_string      (const char *counts,
                                      guint       height,
                                      guint       width,
                                      GError    **error);
char     *cairn_rle_to_string        (const CairnRle *self);
/* Masks larger than this are invalid (cairn_rle_check): one gigapixel, as for images. */
#define CAIRN_RLE_MAX_PIXELS G_GUINT64_CONSTANT (1000000000)

gboolean  cairn_rle_check            (const CairnRle *self,
                                      GError        **error);
guint64   cairn_rle_area             (const CairnRle *self);
gboolean  cairn_rle_bounds           (const CairnRle *self,
                                      double *x, double *y, double *w, double *h);
gboolean  cairn_rle_equal            (const CairnRle *a,
                                      const CairnRle *b);
/* Intersection and union areas, for IoU. Both masks must have the same size. */
void      cairn_rle_overlap          (const CairnRle *a,
                                      const CairnRle *b,
                                      guint64        *intersection,
                                      guint64        *union_);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnRle, cairn_rle_free)

G_END_DECLS
