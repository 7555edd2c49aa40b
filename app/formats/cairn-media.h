#pragma once

#include "model/cairn-item.h"

G_BEGIN_DECLS

gboolean   cairn_media_is_image_name (const char *lowercase_name);
gboolean   cairn_media_is_audio_name (const char *lowercase_name);
/* Reads the file whole and checks it decodes: an item with kind, SHA-256 and, for images, the
 * displayed size and EXIF orientation, for audio the duration where the container says it
 * (WAV, FLAC). The bytes are handed back for embedding. */
CairnItem *cairn_media_probe         (const char  *path,
                                      GBytes     **bytes,
                                      GError     **error);

G_END_DECLS
