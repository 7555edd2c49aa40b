#define G_LOG_DOMAIN "cairn-audio"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>

#include "cairn-audio.h"

G_DEFINE_QUARK (cairn-audio-error-quark, cairn_audio_error)

gboolean
cairn_audio_init (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static char *message = NULL;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) local = NULL;

      ok = gst_init_check (NULL, NULL, &local);
      if (!ok)
        message = g_strdup (local ? local->message : "unknown error");
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_INIT,
                 "GStreamer could not start: %s", message);
  return ok;
}

gboolean
cairn_audio_has_element (const char *factory)
{
  g_autoptr(GstElementFactory) f = NULL;

  if (!cairn_audio_init (NULL))
    return FALSE;
  f = gst_element_factory_find (factory);
  return f != NULL;
}

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e == NULL)
    g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_INIT,
                 "The GStreamer element “%s” is not installed (gstreamer1.0-plugins-base or "
                 "-good)", factory);
  return e;
}

gpointer
cairn_audio_make_source (const char *path,
                         GBytes     *bytes,
                         GError    **error)
{
  GstElement *src;

  g_return_val_if_fail ((path != NULL) != (bytes != NULL), NULL);
  if (!cairn_audio_init (error))
    return NULL;
  if (path != NULL)
    {
      if ((src = make ("filesrc", error)) == NULL)
        return NULL;
      /* Large reads: 4 KiB blocks cost more in buffer traffic than in decoding. */
      g_object_set (src, "location", path, "blocksize", 256 * 1024, NULL);
    }
  else
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

      if ((src = make ("giostreamsrc", error)) == NULL)
        return NULL;
      g_object_set (src, "stream", stream, "blocksize", 256 * 1024, NULL);
    }
  return src;
}

static const char *
media_name (const char *path)
{
  return path ? path : "the embedded audio";
}

/* decodebin's pad, once it knows the stream: audio goes on to the converter, the rest is left
 * unlinked (a video track of an MP4 is not ours). */
static void
on_pad_added_cb (GstElement *decodebin,
                 GstPad     *pad,
                 GstElement *convert)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (convert, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const GstStructure *s;

  if (gst_pad_is_linked (sink))
    return;
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  s = gst_caps_get_size (caps) > 0 ? gst_caps_get_structure (caps, 0) : NULL;
  if (s == NULL || !g_str_has_prefix (gst_structure_get_name (s), "audio/"))
    return;
  gst_pad_link (pad, sink);
}

typedef struct
{
  GstElement *pipeline;
  GstElement *sink;
} Decoder;

static void
decoder_clear (Decoder *d)
{
  if (d->pipeline != NULL)
    {
      gst_element_set_state (d->pipeline, GST_STATE_NULL);
      gst_clear_object (&d->pipeline);
    }
}

/* source ! decodebin ! audioconvert ! F32LE mono ! appsink (no clock: as fast as it goes). */
static gboolean
decoder_init (Decoder    *d,
              const char *path,
              GBytes     *bytes,
              GError    **error)
{
  GstElement *src, *decode, *convert;
  g_autoptr(GstCaps) caps = NULL;

  memset (d, 0, sizeof *d);
  if ((src = cairn_audio_make_source (path, bytes, error)) == NULL)
    return FALSE;
  d->pipeline = gst_pipeline_new (NULL);
  gst_bin_add (GST_BIN (d->pipeline), src);
  decode = make ("decodebin", error);
  convert = decode ? make ("audioconvert", error) : NULL;
  d->sink = convert ? make ("appsink", error) : NULL;
  if (d->sink == NULL)
    {
      /* Floating until added to the pipeline. */
      if (decode)
        gst_object_unref (gst_object_ref_sink (decode));
      if (convert)
        gst_object_unref (gst_object_ref_sink (convert));
      decoder_clear (d);
      return FALSE;
    }
  gst_bin_add_many (GST_BIN (d->pipeline), decode, convert, d->sink, NULL);
  caps = gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "F32LE",
                              "channels", G_TYPE_INT, 1, "layout", G_TYPE_STRING, "interleaved",
                              NULL);
  g_object_set (d->sink, "caps", caps, "sync", FALSE, "max-buffers", 8, NULL);
  if (!gst_element_link (src, decode) || !gst_element_link (convert, d->sink))
    {
      g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_INIT,
                   "Could not build the decoding pipeline for %s", media_name (path));
      decoder_clear (d);
      return FALSE;
    }
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added_cb), convert);
  return TRUE;
}

/* The first error on the bus, as a sentence about the media. */
static gboolean
bus_error (Decoder    *d,
           const char *path,
           GError    **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (d->pipeline);
  g_autoptr(GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_autoptr(GError) gerror = NULL;
  g_autofree char *debug = NULL;

  if (msg == NULL)
    return FALSE;
  gst_message_parse_error (msg, &gerror, &debug);
  g_debug ("%s: %s (%s)", media_name (path), gerror->message, debug ? debug : "");
  g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE,
               "Could not decode %s: %s", media_name (path), gerror->message);
  return TRUE;
}

gboolean
cairn_audio_decode (const char    *path,
                    GBytes        *bytes,
                    CairnAudioFunc func,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Decoder d;
  gboolean ok = TRUE;
  gboolean any = FALSE;

  g_return_val_if_fail (func != NULL, FALSE);
  if (!decoder_init (&d, path, bytes, error))
    return FALSE;
  if (gst_element_set_state (d.pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!bus_error (&d, path, error))
        g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE,
                     "Could not decode %s", media_name (path));
      decoder_clear (&d);
      return FALSE;
    }
  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstMapInfo map;
      gint rate = 0;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_CANCELLED, "Cancelled");
          ok = FALSE;
          break;
        }
      /* A timeout, so that a cancel is seen while a stalled pipeline waits. */
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (d.sink), GST_SECOND / 4);
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (d.sink)))
            break;
          if (bus_error (&d, path, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      gst_structure_get_int (gst_caps_get_structure (gst_sample_get_caps (sample), 0), "rate",
                             &rate);
      buffer = gst_sample_get_buffer (sample);
      if (buffer == NULL || rate <= 0 || !gst_buffer_map (buffer, &map, GST_MAP_READ))
        continue;
      any = TRUE;
      if (!func ((const float *) map.data, map.size / sizeof (float), (guint) rate, user_data))
        {
          gst_buffer_unmap (buffer, &map);
          g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_CANCELLED, "Cancelled");
          ok = FALSE;
          break;
        }
      gst_buffer_unmap (buffer, &map);
    }
  /* At EOS an error may still be waiting (a decoder that gave up on the rest). */
  if (ok && !any && !bus_error (&d, path, error))
    g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE,
                 "Could not decode %s: it holds no audio", media_name (path));
  if (ok && !any)
    ok = FALSE;
  decoder_clear (&d);
  return ok;
}

static gboolean
count_samples_cb (const float *samples, gsize n, guint rate, gpointer data)
{
  guint64 *counts = data;

  counts[0] += n;
  counts[1] = rate;
  return TRUE;
}

gboolean
cairn_audio_probe_duration (const char *path,
                            GBytes     *bytes,
                            gint64     *duration_ms,
                            GError    **error)
{
  Decoder d;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;
  gint64 ns = -1;
  guint64 counts[2] = { 0, 0 };

  if (!decoder_init (&d, path, bytes, error))
    return FALSE;
  bus = gst_element_get_bus (d.pipeline);
  gst_element_set_state (d.pipeline, GST_STATE_PAUSED);
  /* Prerolled means a decoder made its first block. */
  msg = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND,
                                    GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);
  if (msg == NULL || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gerror = NULL;

      if (msg != NULL)
        gst_message_parse_error (msg, &gerror, NULL);
      g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE, "Could not decode %s: %s",
                   media_name (path), gerror ? gerror->message : "it did not start in 20 s");
      decoder_clear (&d);
      return FALSE;
    }
  if (!gst_element_query_duration (d.pipeline, GST_FORMAT_TIME, &ns) || ns <= 0)
    ns = -1;
  decoder_clear (&d);
  if (ns > 0)
    {
      *duration_ms = ns / GST_MSECOND;
      return TRUE;
    }
  if (!cairn_audio_decode (path, bytes, count_samples_cb, counts, NULL, error))
    return FALSE;
  *duration_ms = counts[1] ? (gint64) (counts[0] * 1000 / counts[1]) : 0;
  return TRUE;
}
