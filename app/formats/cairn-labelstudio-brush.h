#pragma once

#include <json-glib/json-glib.h>

#include "model/cairn-rle.h"

G_BEGIN_DECLS

/* Label Studio's brush masks: an RGBA image of the original size, run-length packed the way
 * thi.ng's rle-pack does; only the alpha channel counts. */

/* The alpha channel of a width × height RGBA image, row-major, non-zero = set. */
guint8     *cairn_labelstudio_brush_decode (JsonArray      *rle,
                                            guint           width,
                                            guint           height,
                                            GError        **error);
/* The mask as Label Studio's brush RLE: an RGBA image, every channel 255 where set. */
GByteArray *cairn_labelstudio_brush_encode (const CairnRle *rle);

G_END_DECLS
