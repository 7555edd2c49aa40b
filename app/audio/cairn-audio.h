#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Audio through GStreamer, without GTK: decoding any format the installed plugins read (WAV,
 * FLAC, Ogg Vorbis and Opus, MP3) to mono float samples, and the duration of a file. The media
 * is a file (path) or bytes in memory (an embedded item); give one of the two. */

#define CAIRN_AUDIO_ERROR (cairn_audio_error_quark ())
GQuark cairn_audio_error_quark (void);

typedef enum
{
  CAIRN_AUDIO_ERROR_INIT,      /* GStreamer did not start, or an element is not installed */
  CAIRN_AUDIO_ERROR_DECODE,    /* not audio, damaged, or no plugin for it */
  CAIRN_AUDIO_ERROR_CANCELLED,
} CairnAudioError;

/* Starts GStreamer once (any thread); FALSE with an error when it cannot. */
gboolean cairn_audio_init            (GError **error);
/* TRUE when GStreamer has an element of that factory name ("flacenc"). */
gboolean cairn_audio_has_element     (const char *factory);

/* Called with each decoded block: mono, interleaving gone, in [-1, 1], at *rate Hz (known from
 * the first call). Return FALSE to stop (the decode then fails as cancelled). */
typedef gboolean (*CairnAudioFunc) (const float *samples,
                                    gsize        n_samples,
                                    guint        rate,
                                    gpointer     user_data);

/* Decodes the whole stream, blocking (run it in a thread). Errors name the file (or "the
 * embedded audio") and say what GStreamer said. */
gboolean cairn_audio_decode          (const char    *path,
                                      GBytes        *bytes,
                                      CairnAudioFunc func,
                                      gpointer       user_data,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* The duration in ms: what the demuxer says once the stream is ready (a decoder's first block
 * proves it decodes), or, when it cannot tell, the samples counted through a whole decode. */
gboolean cairn_audio_probe_duration  (const char    *path,
                                      GBytes        *bytes,
                                      gint64        *duration_ms,
                                      GError       **error);

/* A source element for the media (filesrc, or giostreamsrc on the bytes). */
gpointer cairn_audio_make_source     (const char    *path,
                                      GBytes        *bytes,
                                      GError       **error);

G_END_DECLS
