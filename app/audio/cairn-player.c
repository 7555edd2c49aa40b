#define G_LOG_DOMAIN "cairn-player"

#include <gst/gst.h>

#include "cairn-audio.h"
#include "cairn-player.h"

struct _CairnPlayer
{
  GObject     parent_instance;
  GstElement *pipeline;
  GstElement *convert;
  char       *sink_name;
  guint       bus_watch;
  gboolean    playing;
  gboolean    prerolled;
  double      rate;
  gint64      position;     /* the last known, ms */
  gint64      stop;         /* play_range's end, or -1 */
  gint64      pending_seek; /* asked before preroll, or -1 */
};

enum
{
  SIGNAL_STATE_CHANGED,
  SIGNAL_ERROR,
  SIGNAL_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnPlayer, cairn_player, G_TYPE_OBJECT)

static void
cairn_player_dispose (GObject *object)
{
  cairn_player_close (CAIRN_PLAYER (object));
  G_OBJECT_CLASS (cairn_player_parent_class)->dispose (object);
}

static void
cairn_player_class_init (CairnPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cairn_player_dispose;
  /* Playing or paused, or the position jumped (seek, end). */
  signals[SIGNAL_STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cairn_player_init (CairnPlayer *self)
{
  self->rate = 1.0;
  self->stop = -1;
  self->pending_seek = -1;
}

CairnPlayer *
cairn_player_new (void)
{
  return g_object_new (CAIRN_TYPE_PLAYER, NULL);
}

/* A sink that opens: CAIRN_AUDIO_SINK's, the system's (autoaudiosink), else a fake one that
 * keeps time, for machines with no sound (no card, no sound server). */
static GstElement *
make_sink (char **name)
{
  const char *wanted = g_getenv ("CAIRN_AUDIO_SINK");
  const char *tries[] = { wanted, "autoaudiosink" };
  GstElement *sink;

  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      if (tries[i] == NULL || *tries[i] == '\0')
        continue;
      sink = gst_element_factory_make (tries[i], NULL);
      if (sink == NULL)
        continue;
      gst_object_ref_sink (sink);
      if (gst_element_set_state (sink, GST_STATE_READY) != GST_STATE_CHANGE_FAILURE)
        {
          /* autoaudiosink falls back to a fake sink of its own when nothing opens. */
          *name = g_strdup (tries[i]);
          if (GST_IS_BIN (sink))
            {
              GValue item = G_VALUE_INIT;
              GstIterator *it = gst_bin_iterate_sinks (GST_BIN (sink));

              if (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
                {
                  GstElement *child = g_value_get_object (&item);
                  GstElementFactory *factory = gst_element_get_factory (child);

                  if (factory != NULL)
                    {
                      g_free (*name);
                      *name = g_strdup (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)));
                    }
                  g_value_unset (&item);
                }
              gst_iterator_free (it);
            }
          gst_element_set_state (sink, GST_STATE_NULL);
          /* Asked for by name, a fake sink must keep time as a sound card would. */
          if (g_str_equal (tries[i], "fakesink"))
            g_object_set (sink, "sync", TRUE, NULL);
          return sink;
        }
      gst_element_set_state (sink, GST_STATE_NULL);
      gst_object_unref (sink);
    }
  *name = g_strdup ("fakesink");
  sink = gst_object_ref_sink (gst_element_factory_make ("fakesink", NULL));
  g_object_set (sink, "sync", TRUE, NULL);
  return sink;
}

static void
on_pad_added_cb (GstElement *decodebin,
                 GstPad     *pad,
                 GstElement *convert)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (convert, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);

  if (gst_pad_is_linked (sink))
    return;
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (gst_caps_get_size (caps) > 0
      && g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "audio/"))
    gst_pad_link (pad, sink);
}

static void
do_seek (CairnPlayer *self, gint64 ms)
{
  GstSeekFlags flags = GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE;

  self->position = MAX (ms, 0);
  if (!self->prerolled)
    {
      self->pending_seek = self->position;
      return;
    }
  gst_element_seek (self->pipeline, self->rate, GST_FORMAT_TIME, flags, GST_SEEK_TYPE_SET,
                    self->position * GST_MSECOND,
                    self->stop >= 0 ? GST_SEEK_TYPE_SET : GST_SEEK_TYPE_NONE,
                    self->stop >= 0 ? (gint64) (self->stop * GST_MSECOND) : -1);
}

static void
set_playing (CairnPlayer *self, gboolean playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

static gboolean
on_bus_message_cb (GstBus     *bus,
                   GstMessage *msg,
                   gpointer    data)
{
  CairnPlayer *self = data;

  switch (GST_MESSAGE_TYPE (msg))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;
        g_autofree char *text = NULL;

        gst_message_parse_error (msg, &error, &debug);
        g_debug ("%s (%s)", error->message, debug ? debug : "");
        text = g_strdup (error->message);
        cairn_player_close (self);
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, text);
        return G_SOURCE_REMOVE;
      }
    case GST_MESSAGE_ASYNC_DONE:
      if (!self->prerolled)
        {
          self->prerolled = TRUE;
          if (self->pending_seek >= 0 || self->rate != 1.0)
            do_seek (self, MAX (self->pending_seek, 0));
          self->pending_seek = -1;
        }
      break;
    case GST_MESSAGE_EOS:
    case GST_MESSAGE_SEGMENT_DONE:
      {
        gint64 end = self->stop >= 0 ? self->stop : cairn_player_get_duration (self);

        gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
        self->stop = -1;
        set_playing (self, FALSE);
        /* At the end of the file the position stays there; a replayed segment's end too. */
        if (end > 0)
          {
            self->position = end;
            do_seek (self, end);
          }
        g_signal_emit (self, signals[SIGNAL_ENDED], 0);
        g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
        break;
      }
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
cairn_player_open (CairnPlayer *self,
                   const char  *path,
                   GBytes      *bytes,
                   GError     **error)
{
  GstElement *src, *decode, *convert, *tempo, *convert2, *resample, *sink;
  g_autoptr(GstBus) bus = NULL;

  g_return_val_if_fail (CAIRN_IS_PLAYER (self), FALSE);
  cairn_player_close (self);
  if ((src = cairn_audio_make_source (path, bytes, error)) == NULL)
    return FALSE;
  decode = gst_element_factory_make ("decodebin", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  tempo = gst_element_factory_make ("scaletempo", NULL);
  convert2 = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  if (decode == NULL || convert == NULL || convert2 == NULL || resample == NULL)
    {
      g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_INIT,
                   "GStreamer's base plugins are not installed (gstreamer1.0-plugins-base)");
      GstElement *made[] = { src, decode, convert, tempo, convert2, resample };

      /* Floating until added to a bin. */
      for (guint i = 0; i < G_N_ELEMENTS (made); i++)
        if (made[i] != NULL)
          gst_object_unref (gst_object_ref_sink (made[i]));
      return FALSE;
    }
  sink = make_sink (&self->sink_name);
  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("cairn-player"));
  gst_bin_add_many (GST_BIN (self->pipeline), src, decode, convert, convert2, resample, sink,
                    NULL);
  gst_object_unref (sink);
  /* Without scaletempo (plugins-good) speed changes pitch; playback still works. */
  if (tempo != NULL)
    gst_bin_add (GST_BIN (self->pipeline), tempo);
  if (!gst_element_link (src, decode)
      || (tempo ? !gst_element_link_many (convert, tempo, convert2, resample, sink, NULL)
                : !gst_element_link_many (convert, convert2, resample, sink, NULL)))
    {
      g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_INIT,
                   "Could not build the playback pipeline");
      cairn_player_close (self);
      return FALSE;
    }
  self->convert = convert;
  g_signal_connect (decode, "pad-added", G_CALLBACK (on_pad_added_cb), convert);
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message_cb, self);
  self->prerolled = FALSE;
  self->position = 0;
  self->stop = -1;
  self->pending_seek = -1;
  if (gst_element_set_state (self->pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
    g_debug ("The player did not pause; the bus will say why");
  return TRUE;
}

void
cairn_player_close (CairnPlayer *self)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  if (self->bus_watch != 0)
    {
      g_source_remove (self->bus_watch);
      self->bus_watch = 0;
    }
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
  g_clear_pointer (&self->sink_name, g_free);
  self->convert = NULL;
  self->prerolled = FALSE;
  self->position = 0;
  if (self->playing)
    {
      self->playing = FALSE;
      g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
    }
}

gboolean
cairn_player_is_open (CairnPlayer *self)
{
  return self->pipeline != NULL;
}

void
cairn_player_play (CairnPlayer *self)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  if (self->pipeline == NULL)
    return;
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  set_playing (self, TRUE);
}

void
cairn_player_pause (CairnPlayer *self)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  if (self->pipeline == NULL)
    return;
  self->position = cairn_player_get_position (self);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  set_playing (self, FALSE);
}

gboolean
cairn_player_is_playing (CairnPlayer *self)
{
  return self->playing;
}

void
cairn_player_play_range (CairnPlayer *self,
                         gint64       start_ms,
                         gint64       end_ms)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  if (self->pipeline == NULL || end_ms <= start_ms)
    return;
  self->stop = end_ms;
  do_seek (self, start_ms);
  cairn_player_play (self);
}

void
cairn_player_seek (CairnPlayer *self,
                   gint64       ms)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  if (self->pipeline == NULL)
    return;
  self->stop = -1;
  do_seek (self, ms);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}

gint64
cairn_player_get_position (CairnPlayer *self)
{
  gint64 ns;

  g_return_val_if_fail (CAIRN_IS_PLAYER (self), 0);
  /* While a seek settles the pipeline may still answer the old place: trust ours then. */
  if (self->pipeline != NULL && self->prerolled && self->playing
      && gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &ns) && ns >= 0)
    self->position = ns / GST_MSECOND;
  return self->position;
}

gint64
cairn_player_get_duration (CairnPlayer *self)
{
  gint64 ns;

  if (self->pipeline != NULL && gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &ns)
      && ns > 0)
    return ns / GST_MSECOND;
  return 0;
}

void
cairn_player_set_rate (CairnPlayer *self,
                       double       rate)
{
  g_return_if_fail (CAIRN_IS_PLAYER (self));
  rate = CLAMP (rate, CAIRN_PLAYER_MIN_RATE, CAIRN_PLAYER_MAX_RATE);
  if (rate == self->rate)
    return;
  self->rate = rate;
  /* A rate is a seek to where it is now (scaletempo keeps the pitch). */
  if (self->pipeline != NULL)
    do_seek (self, cairn_player_get_position (self));
}

double
cairn_player_get_rate (CairnPlayer *self)
{
  return self->rate;
}

const char *
cairn_player_get_sink_name (CairnPlayer *self)
{
  return self->sink_name;
}
