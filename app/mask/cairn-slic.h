#pragma once

#include <gio/gio.h>

#include "cairn-mask-fill.h"

G_BEGIN_DECLS

/* SLIC superpixels (Achanta et al., 2012): k-means over colour (CIE Lab) and place, each
 * centre looking only at a window twice the region size across, then every fragment too
 * small merged into a neighbour so each superpixel is one connected piece. Images over
 * CAIRN_SLIC_MAX_PIXELS are segmented on a grid of n × n pixel blocks (n the smallest that
 * brings them under it): a superpixel's outline then follows blocks of n pixels. */
typedef struct _CairnSuperpixels CairnSuperpixels;

#define CAIRN_SLIC_MAX_PIXELS 6000000

CairnSuperpixels *cairn_slic_compute        (const CairnPixels *image,
                                             guint              region_size,
                                             double             compactness,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* As cairn_livewire_new_async: image->data must stay alive until the callback. */
void              cairn_slic_compute_async  (const CairnPixels   *image,
                                             guint                region_size,
                                             double               compactness,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CairnSuperpixels *cairn_slic_compute_finish (GAsyncResult  *result,
                                             GError       **error);
void              cairn_superpixels_free    (CairnSuperpixels *self);

guint             cairn_superpixels_get_n   (CairnSuperpixels *self);
/* G_MAXUINT32 off the image. */
guint32           cairn_superpixels_label_at (CairnSuperpixels *self,
                                              int               x,
                                              int               y);
/* Sets (value 1) or clears (0) every pixel of superpixel label in mask (the image's size). */
void              cairn_superpixels_paint   (CairnSuperpixels *self,
                                             guint32           label,
                                             CairnBitmap      *mask,
                                             guint8            value,
                                             CairnMaskRect    *changed);
/* The superpixels' outlines, 255 on a pixel whose right or lower neighbour is in another one:
 * *width × *height bytes, rows *stride bytes apart (a multiple of 4, as cairo's A8 wants), on
 * the grid of blocks of *scale image pixels. Borrowed. */
const guint8     *cairn_superpixels_get_edges (CairnSuperpixels *self,
                                               guint            *width,
                                               guint            *height,
                                               gsize            *stride,
                                               guint            *scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnSuperpixels, cairn_superpixels_free)

G_END_DECLS
