#pragma once

#include "model/cairn-item.h"

G_BEGIN_DECLS

/* Images with more pixels than this are refused unless CairnFormatOptions.max_pixels says
 * otherwise: a 161-byte JPEG can claim 30 000 × 30 000. One gigapixel keeps the canvas's
 * 100-megapixel and wider-than-32 767 px images. */
#define CAIRN_MEDIA_MAX_PIXELS G_GUINT64_CONSTANT (1000000000)

gboolean   cairn_media_is_image_name (const char *lowercase_name);
gboolean   cairn_media_is_audio_name (const char *lowercase_name);
/* Reads the file whole and checks it decodes: an item with kind, SHA-256 and, for images, the
 * displayed size and EXIF orientation, for audio the duration (from the header of WAV and
 * FLAC, through GStreamer for Ogg Vorbis, Opus and MP3, which must then decode). The bytes are handed back for embedding. max_pixels: see
 * cairn_media_probe_image (0 = CAIRN_MEDIA_MAX_PIXELS). */
CairnItem *cairn_media_probe         (const char  *path,
                                      guint64      max_pixels,
                                      GBytes     **bytes,
                                      GError     **error);
/* Checks that bytes hold an image that decodes, in bounded memory: the size comes from the
 * header and more than max_pixels (0 = CAIRN_MEDIA_MAX_PIXELS) is refused before anything is
 * allocated; a JPEG is verified at an eighth of its size (libjpeg's DCT scaling), a PNG row by
 * row, other formats whole only up to 64 megapixels. width and height are as displayed (after
 * the EXIF orientation, which orientation gets). */
gboolean   cairn_media_probe_image   (GBytes      *bytes,
                                      guint64      max_pixels,
                                      gint        *width,
                                      gint        *height,
                                      gint        *orientation,
                                      GError     **error);

G_END_DECLS
