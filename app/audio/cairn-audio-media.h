#pragma once

#include "store/cairn-store.h"
#include "cairn-peaks.h"

G_BEGIN_DECLS

/* Where an audio item's sound is: a file (*path) when its uri names one and nothing is
 * embedded, else the embedded bytes (*bytes). FALSE with an error naming the file when it is
 * neither. */
gboolean    cairn_audio_media_locate      (CairnStore      *store,
                                           const CairnItem *item,
                                           char           **path,
                                           GBytes         **bytes,
                                           GError         **error);
/* What names the media in the cache: its SHA-256 as imported, and for a file its size and
 * modification time (a file replaced since misses). */
char       *cairn_audio_media_key         (const CairnItem *item,
                                           const char      *path,
                                           GBytes          *bytes);
/* The item's cached peaks, or NULL (error unset) when none are kept for this media. A cache
 * that does not read is dropped with a debug message. */
CairnPeaks *cairn_audio_media_load_peaks  (CairnStore      *store,
                                           const CairnItem *item,
                                           const char      *key);
gboolean    cairn_audio_media_save_peaks  (CairnStore      *store,
                                           const CairnItem *item,
                                           const char      *key,
                                           const CairnPeaks *peaks,
                                           GError         **error);

G_END_DECLS
