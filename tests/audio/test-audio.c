/* app/audio: peaks of synthetic tones, decoding each format (files made here through
 * GStreamer's own encoders), undecodable files, the peak cache, segment logic and silence
 * snapping, and the transcript exporters' round trip of what the pane makes. */
#include <math.h>
#include <string.h>

#include <gst/gst.h>
#include <glib/gstdio.h>

#include "audio/cairn-audio.h"
#include "audio/cairn-audio-media.h"
#include "audio/cairn-peaks.h"
#include "audio/cairn-segments.h"
#include "edit/cairn-edit-stack.h"
#include "formats/cairn-format.h"
#include "formats/cairn-media.h"
#include "store/cairn-store.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cairn-audio-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

/* Float samples of a sine wave: amplitude, frequency, seconds at rate. */
static float *
sine (double amplitude, double freq, double seconds, guint rate, gsize *n)
{
  float *s;

  *n = (gsize) llround (seconds * rate);
  s = g_new (float, *n);
  for (gsize i = 0; i < *n; i++)
    s[i] = (float) (amplitude * sin (2 * G_PI * freq * i / rate));
  return s;
}

static void
test_peaks_tone (void)
{
  gsize n;
  g_autofree float *s = sine (0.5, 440, 2.0, 16000, &n);
  CairnPeaksBuilder *b = cairn_peaks_builder_new ();
  g_autoptr(CairnPeaks) p = NULL;
  float lo, hi;

  /* In uneven blocks, as a decoder hands them. */
  for (gsize at = 0; at < n; at += 1000)
    cairn_peaks_builder_add (b, s + at, MIN (1000, n - at), 16000);
  p = cairn_peaks_builder_finish (b);
  g_assert_cmpuint (p->sample_rate, ==, 16000);
  g_assert_cmpuint (p->n_samples, ==, 32000);
  g_assert_cmpuint (p->n_bins, ==, 500);
  g_assert_cmpint (cairn_peaks_get_duration_ms (p), ==, 2000);
  /* 64 samples a bin hold more than a period of 440 Hz (36 samples): every bin ±0.5. */
  for (guint i = 0; i < p->n_bins; i++)
    {
      g_assert_cmpint (abs (p->max[i] - 16384), <, 200);
      g_assert_cmpint (abs (p->min[i] + 16384), <, 200);
      /* RMS of a sine: amplitude / √2 (a bin holds 1.78 periods: near it). */
      g_assert_cmpfloat_with_epsilon (p->rms[i] / 32767.0, 0.5 / G_SQRT2, 0.03);
    }
  g_assert_cmpuint (p->n_levels, >=, 3);
  g_assert_cmpuint (p->levels[1].factor, ==, 4);
  g_assert_cmpuint (p->levels[1].n_bins, ==, 125);
  g_assert_true (cairn_peaks_range (p, 0, 2000, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon (lo, -0.5, 0.01);
  g_assert_false (cairn_peaks_range (p, 2100, 2200, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (cairn_peaks_rms (p, 500, 1500), 0.5 / G_SQRT2, 0.01);
}

/* A quiet second then a loud one: the levels keep each half apart, at 44.1 kHz (bins of
 * 176.4 samples). */
static void
test_peaks_levels (void)
{
  gsize n1, n2;
  g_autofree float *quiet = sine (0.1, 1000, 1.0, 44100, &n1);
  g_autofree float *loud = sine (0.9, 1000, 1.0, 44100, &n2);
  CairnPeaksBuilder *b = cairn_peaks_builder_new ();
  g_autoptr(CairnPeaks) p = NULL;
  g_autoptr(CairnPeaks) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  float lo, hi;

  cairn_peaks_builder_add (b, quiet, n1, 44100);
  cairn_peaks_builder_add (b, loud, n2, 44100);
  p = cairn_peaks_builder_finish (b);
  g_assert_cmpuint (p->n_bins, ==, 500);
  g_assert_true (cairn_peaks_range (p, 0, 1000, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 0.1, 0.01);
  g_assert_true (cairn_peaks_range (p, 1000, 2000, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 0.9, 0.01);
  g_assert_true (cairn_peaks_range (p, 0, 2000, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 0.9, 0.01);
  /* Every coarser bin is the extreme of the four below it. */
  for (guint l = 1; l < p->n_levels; l++)
    for (guint i = 0; i < p->levels[l].n_bins; i++)
      {
        gint16 m = G_MININT16;

        for (guint k = i * 4; k < MIN (i * 4 + 4, p->levels[l - 1].n_bins); k++)
          m = MAX (m, p->levels[l - 1].max[k]);
        g_assert_cmpint (p->levels[l].max[i], ==, m);
      }

  /* Silence compresses as far as zlib goes, and still reads back. */
  {
    g_autofree float *zeros = g_new0 (float, 16000 * 600);
    CairnPeaksBuilder *sb = cairn_peaks_builder_new ();
    g_autoptr(CairnPeaks) silent = NULL;
    g_autoptr(CairnPeaks) silent_back = NULL;
    g_autoptr(GBytes) silent_bytes = NULL;

    cairn_peaks_builder_add (sb, zeros, 16000 * 600, 16000);
    silent = cairn_peaks_builder_finish (sb);
    silent_bytes = cairn_peaks_serialize (silent);
    silent_back = cairn_peaks_deserialize (silent_bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (silent_back->n_bins, ==, 150000);
  }

  /* The cache's bytes read back the same, and damaged ones are refused. */
  bytes = cairn_peaks_serialize (p);
  back = cairn_peaks_deserialize (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_bins, ==, p->n_bins);
  g_assert_cmpuint (back->n_samples, ==, p->n_samples);
  g_assert_cmpuint (back->sample_rate, ==, 44100);
  g_assert_cmpuint (back->n_levels, ==, p->n_levels);
  g_assert_cmpmem (back->min, p->n_bins * 2, p->min, p->n_bins * 2);
  g_assert_cmpmem (back->max, p->n_bins * 2, p->max, p->n_bins * 2);
  g_assert_cmpmem (back->rms, p->n_bins * 2, p->rms, p->n_bins * 2);
  {
    gsize size;
    const guint8 *data = g_bytes_get_data (bytes, &size);
    g_autofree guint8 *bad = g_memdup2 (data, size);
    g_autoptr(GBytes) truncated = g_bytes_new (data, size / 2);
    g_autoptr(GBytes) lying = NULL;
    CairnPeaks *none;

    none = cairn_peaks_deserialize (truncated, &error);
    g_assert_null (none);
    g_assert_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE);
    g_clear_error (&error);
    /* A header that claims more bins than the data holds. */
    bad[20] = 0xff;
    bad[21] = 0x01;
    lying = g_bytes_new (bad, size);
    none = cairn_peaks_deserialize (lying, &error);
    g_assert_null (none);
    g_assert_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE);
  }
}

/* Speech, a 200 ms pause at 1.0 s, speech again: an edge dropped at 0.93 s snaps into the
 * pause; one far from any pause stays near where it was dropped. */
static void
test_silence_snap (void)
{
  const guint rate = 16000;
  gsize n = 3 * rate;
  g_autofree float *s = g_new0 (float, n);
  CairnPeaksBuilder *b = cairn_peaks_builder_new ();
  g_autoptr(CairnPeaks) p = NULL;
  double t;

  for (gsize i = 0; i < n; i++)
    {
      double sec = (double) i / rate;

      if (sec < 1.0 || sec >= 1.2)
        s[i] = (float) ((0.4 + 0.2 * sin (2 * G_PI * 3 * sec)) * sin (2 * G_PI * 220 * sec));
      else
        s[i] = (float) (0.002 * sin (2 * G_PI * 50 * sec));
    }
  cairn_peaks_builder_add (b, s, n, rate);
  p = cairn_peaks_builder_finish (b);
  t = cairn_peaks_snap_to_silence (p, 930, 250);
  g_assert_cmpfloat (t, >=, 1000);
  g_assert_cmpfloat (t, <=, 1200);
  t = cairn_peaks_snap_to_silence (p, 1250, 250);
  g_assert_cmpfloat (t, >=, 1000);
  g_assert_cmpfloat (t, <=, 1200);
  /* No pause within reach: the edge moves by less than the window. */
  t = cairn_peaks_snap_to_silence (p, 2500, 100);
  g_assert_cmpfloat (fabs (t - 2500), <=, 104);
}

/* Files made through GStreamer: two seconds of a 440 Hz tone at half scale, 16 kHz mono. */
typedef struct
{
  const char *name;
  const char *extension;
  const char *elements;    /* encoder and muxer, gst-launch syntax */
  const char *needs[3];
  gboolean    lossy;
} Format;

static const Format formats[] = {
  { "wav", ".wav", "wavenc", { "wavenc" }, FALSE },
  { "flac", ".flac", "flacenc", { "flacenc" }, FALSE },
  { "vorbis", ".ogg", "audioconvert ! vorbisenc ! oggmux", { "vorbisenc", "oggmux" }, TRUE },
  { "opus", ".opus", "audioresample ! opusenc ! oggmux", { "opusenc", "oggmux" }, TRUE },
  { "mp3", ".mp3", "lamemp3enc ! id3v2mux", { "lamemp3enc", "id3v2mux" }, TRUE },
};

static char *
make_file (const char *dir, const Format *format, GError **error)
{
  g_autofree char *path = g_strconcat (dir, "/tone", format->extension, NULL);
  /* 20 buffers of 1600 samples: exactly 2 s. */
  g_autofree char *launch = g_strdup_printf (
    "audiotestsrc num-buffers=20 samplesperbuffer=1600 wave=sine freq=440 volume=0.5 ! "
    "audio/x-raw,format=S16LE,rate=16000,channels=1 ! %s ! filesink location=\"%s\"",
    format->elements, path);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;

  pipeline = gst_parse_launch (launch, error);
  if (pipeline == NULL)
    return NULL;
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (msg == NULL || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "encoding %s failed", format->name);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
test_decode_format (Fixture *f, gconstpointer data)
{
  const Format *format = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CairnPeaks) peaks = NULL;
  g_autoptr(CairnPeaks) from_bytes = NULL;
  float lo, hi;

  g_assert_true (cairn_audio_init (&error));
  for (guint i = 0; format->needs[i]; i++)
    if (!cairn_audio_has_element (format->needs[i]))
      {
        g_autofree char *why = g_strdup_printf ("GStreamer has no %s here", format->needs[i]);

        g_test_skip (why);
        return;
      }
  path = make_file (f->dir, format, &error);
  g_assert_no_error (error);

  /* Import: every format gets its duration (an encoder's padding aside). */
  item = cairn_media_probe (path, 0, &bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->kind, ==, CAIRN_ITEM_AUDIO);
  g_assert_cmpint (item->duration_ms, >=, 1950);
  g_assert_cmpint (item->duration_ms, <=, 2150);

  /* Decoded from the file and from memory (an embedded item), the same peaks. */
  peaks = cairn_peaks_compute (path, NULL, NULL, &error);
  g_assert_no_error (error);
  from_bytes = cairn_peaks_compute (NULL, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (peaks->n_bins, ==, from_bytes->n_bins);
  g_assert_cmpint (cairn_peaks_get_duration_ms (peaks), >=, 1950);
  g_assert_cmpint (cairn_peaks_get_duration_ms (peaks), <=, 2150);
  /* The middle second, away from encoders' fades: the tone's amplitude. */
  g_assert_true (cairn_peaks_range (peaks, 500, 1500, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 0.5, format->lossy ? 0.06 : 0.002);
  g_assert_cmpfloat_with_epsilon (lo, -0.5, format->lossy ? 0.06 : 0.002);
  g_assert_cmpfloat_with_epsilon (cairn_peaks_rms (peaks, 500, 1500), 0.5 / G_SQRT2,
                                  format->lossy ? 0.04 : 0.002);
}

/* Bytes that are not audio: a clear error, on import and when decoding. */
static void
test_undecodable (Fixture *f, gconstpointer data)
{
  const char *names[] = { "noise.ogg", "noise.mp3", "noise.wav", "no-data.wav" };
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_audio_init (&error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      guint8 junk[4096];
      g_autoptr(CairnPeaks) peaks = NULL;
      g_autoptr(CairnItem) item = NULL;

      for (guint k = 0; k < sizeof junk; k++)
        junk[k] = (guint8) (k * 7919 + i * 31);
      /* Headers that pass the import's checks, then garbage. */
      if (i == 0)
        memcpy (junk, "OggS", 4);
      else if (i == 1)
        memcpy (junk, "ID3", 3);
      else
        {
          memcpy (junk, "RIFF\xf8\x0f\0\0WAVEfmt \x10\0\0\0", 20);
          /* Format tag 0x4242, nothing knows it. */
          memcpy (junk + 20, "\x42\x42\x01\0\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0data\xd4\x0f\0\0", 24);
          if (i == 3)
            memcpy (junk + 20, "\x01\0\x01\0\x80\x3e\0\0\0\x7d\0\0\x02\0\x10\0", 16);
        }
      /* The last: a PCM format chunk and the file ends, no data. */
      g_assert_true (g_file_set_contents (path, (char *) junk, i == 3 ? 36 : sizeof junk, &error));
      if (i < 2)
        {
          item = cairn_media_probe (path, 0, NULL, &error);
          g_assert_null (item);
          g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE);
          g_assert_nonnull (strstr (error->message, "Could not decode"));
          g_clear_error (&error);
        }
      peaks = cairn_peaks_compute (path, NULL, NULL, &error);
      g_assert_null (peaks);
      g_assert_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_test_message ("%s: %s", names[i], error->message);
      g_clear_error (&error);
    }
}

static void
on_progress_cb (const CairnPeaks *chunk, guint first, gpointer data)
{
  CairnPeaks *into = data;

  g_assert_cmpuint (first, ==, into->n_bins);
  cairn_peaks_append (into, chunk->min, chunk->max, chunk->rms, chunk->n_bins);
}

static void
on_computed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  CairnPeaks **out = data;
  g_autoptr(GError) error = NULL;

  *out = cairn_peaks_compute_finish (result, &error);
  g_assert_no_error (error);
}

/* In a thread, with progress as it goes; the project keeps what was computed, for the same
 * file only. */
static void
test_async_and_cache (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_file (f->dir, &formats[0], &error);
  g_autofree char *project = g_build_filename (f->dir, "p.cairn", NULL);
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(CairnPeaks) partial = cairn_peaks_new (0);
  CairnPeaks *peaks = NULL;
  g_autoptr(CairnPeaks) cached = NULL;
  g_autofree char *file = NULL, *key = NULL, *key2 = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_no_error (error);
  cairn_peaks_compute_async (path, NULL, NULL, on_progress_cb, partial, on_computed_cb, &peaks);
  while (peaks == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Progress may have lagged the end; what it gave is the start of the whole. */
  g_assert_cmpuint (partial->n_bins, <=, peaks->n_bins);
  g_assert_cmpmem (partial->max, partial->n_bins * 2, peaks->max, partial->n_bins * 2);

  store = cairn_store_create (project, "audio", &error);
  g_assert_no_error (error);
  item = cairn_media_probe (path, 0, NULL, &error);
  item->uri = cairn_store_relative_uri (store, path);
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_true (cairn_audio_media_locate (store, item, &file, &bytes, &error));
  g_assert_cmpstr (file, ==, path);
  g_assert_null (bytes);
  key = cairn_audio_media_key (item, file, NULL);
  g_assert_null (cairn_audio_media_load_peaks (store, item, key));
  g_assert_true (cairn_audio_media_save_peaks (store, item, key, peaks, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = cairn_store_open (project, &error);
  g_assert_no_error (error);
  cached = cairn_audio_media_load_peaks (store, item, key);
  g_assert_nonnull (cached);
  g_assert_cmpuint (cached->n_bins, ==, peaks->n_bins);
  g_assert_cmpmem (cached->rms, peaks->n_bins * 2, peaks->rms, peaks->n_bins * 2);
  /* The file replaced (another size): the cache misses. */
  {
    g_autofree char *longer = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &longer, &len, NULL));
    g_assert_true (g_file_set_contents (path, longer, len - 320, NULL));
  }
  key2 = cairn_audio_media_key (item, file, NULL);
  g_assert_cmpstr (key, !=, key2);
  g_assert_null (cairn_audio_media_load_peaks (store, item, key2));
  cairn_peaks_free (peaks);
}

/* Segments */

static CairnAnnotation *
segment (gint64 id, double start, double end, const char *speaker, const char *text)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_SEGMENT);

  a->id = id;
  cairn_segment_set_range (a, start, end);
  a->speaker = g_strdup (speaker);
  cairn_annotation_set_text (a, text);
  return a;
}

static void
test_segments_lanes (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GPtrArray) speakers = g_ptr_array_new_with_free_func (g_free);
  guint lanes[5];

  g_ptr_array_add (list, segment (1, 5000, 6000, "민지", "네."));
  g_ptr_array_add (list, segment (2, 0, 3000, "Alice", "Hello there"));
  g_ptr_array_add (list, segment (3, 2500, 4000, "민지", "안녕하세요"));
  g_ptr_array_add (list, segment (4, 3500, 4500, NULL, "[laughter]"));
  g_ptr_array_add (list, segment (5, 4200, 7000, "Alice", "so"));
  cairn_segments_lanes (list, speakers, lanes);
  /* In the order they first speak; no speaker last. */
  g_assert_cmpuint (speakers->len, ==, 3);
  g_assert_cmpstr (speakers->pdata[0], ==, "Alice");
  g_assert_cmpstr (speakers->pdata[1], ==, "민지");
  g_assert_cmpstr (speakers->pdata[2], ==, "");
  g_assert_cmpuint (lanes[0], ==, 1);
  g_assert_cmpuint (lanes[1], ==, 0);
  g_assert_cmpuint (lanes[2], ==, 1);
  g_assert_cmpuint (lanes[3], ==, 2);
  g_assert_cmpuint (lanes[4], ==, 0);

  /* Overlap: half-open ranges. */
  g_assert_true (cairn_segments_overlap (list->pdata[1], list->pdata[2]));
  g_assert_false (cairn_segments_overlap (list->pdata[0], list->pdata[2]));
  {
    g_autoptr(CairnAnnotation) touching = segment (9, 4000, 4100, NULL, NULL);
    g_assert_false (cairn_segments_overlap (list->pdata[2], touching));
  }

  /* Under the play head: the one that started last, unless the selected one holds it. */
  g_assert_cmpint (cairn_segments_at (list, 2700, 0)->id, ==, 3);
  g_assert_cmpint (cairn_segments_at (list, 2700, 2)->id, ==, 2);
  g_assert_cmpint (cairn_segments_at (list, 2700, 1)->id, ==, 3);
  g_assert_null (cairn_segments_at (list, 7000, 0));
  g_assert_cmpint (cairn_segments_at (list, 0, 0)->id, ==, 2);
  /* Next by start. */
  g_assert_cmpint (cairn_segments_next (list, list->pdata[1])->id, ==, 3);
  g_assert_cmpint (cairn_segments_next (list, list->pdata[4])->id, ==, 1);
  g_assert_null (cairn_segments_next (list, list->pdata[0]));

  /* An empty list still has a lane to draw in. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    cairn_segments_lanes (none, names, lanes);
    g_assert_cmpuint (names->len, ==, 1);
  }
}

static void
test_segments_clamp (void)
{
  double a, b;

  a = 5200.4, b = 1200.6;
  g_assert_true (cairn_segment_clamp (&a, &b, 10000));
  g_assert_cmpfloat (a, ==, 1201);
  g_assert_cmpfloat (b, ==, 5200);
  /* Past either end of the file. */
  a = -300, b = 800;
  g_assert_true (cairn_segment_clamp (&a, &b, 10000));
  g_assert_cmpfloat (a, ==, 0);
  a = 9000, b = 12000;
  g_assert_true (cairn_segment_clamp (&a, &b, 10000));
  g_assert_cmpfloat (b, ==, 10000);
  /* Wholly past the end, or a click: nothing left. */
  a = 10500, b = 12000;
  g_assert_false (cairn_segment_clamp (&a, &b, 10000));
  a = 3000, b = 3020;
  g_assert_false (cairn_segment_clamp (&a, &b, 10000));
  /* Length unknown: no upper bound. */
  a = 10500, b = 12000;
  g_assert_true (cairn_segment_clamp (&a, &b, 0));
  g_assert_cmpfloat (b, ==, 12000);
}

static void
test_segments_split_merge (void)
{
  g_autoptr(CairnAnnotation) s = segment (7, 1000, 5000, "민지", "안녕하세요 오늘은 날씨가 좋네요");
  g_autoptr(CairnAnnotation) first = NULL;
  g_autoptr(CairnAnnotation) second = NULL;
  g_autoptr(CairnAnnotation) merged = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnAnnotation) b = NULL;

  CairnSegmentTag weather = { 10, 13, 4 };   /* 날씨가 */
  g_autoptr(GArray) tags = NULL;
  double t0, t1;

  json_object_set_string_member (s->attributes, "topic", "weather");
  s->label_id = 3;
  cairn_segment_set_tags (s, &weather, 1);
  /* Its time, from where it falls in the text: 10 and 13 of 17 characters into 1–5 s. */
  tags = cairn_segment_get_tags (s);
  g_assert_cmpuint (tags->len, ==, 1);
  cairn_segment_tag_times (s, &g_array_index (tags, CairnSegmentTag, 0), &t0, &t1);
  g_assert_cmpfloat (t0, ==, 3353);
  g_assert_cmpfloat (t1, ==, 4059);
  g_clear_pointer (&tags, g_array_unref);
  g_assert_false (cairn_segment_split (s, 1020, -1, &first, &second));
  g_assert_false (cairn_segment_split (s, 6000, -1, &first, &second));
  /* At the text cursor. */
  g_assert_true (cairn_segment_split (s, 2000, 5, &first, &second));
  g_assert_cmpint (first->id, ==, 7);
  g_assert_cmpint (second->id, ==, 0);
  g_assert_cmpfloat (cairn_segment_start (first), ==, 1000);
  g_assert_cmpfloat (cairn_segment_end (first), ==, 2000);
  g_assert_cmpfloat (cairn_segment_start (second), ==, 2000);
  g_assert_cmpfloat (cairn_segment_end (second), ==, 5000);
  g_assert_cmpstr (first->text, ==, "안녕하세요");
  g_assert_cmpstr (second->text, ==, "오늘은 날씨가 좋네요");
  g_assert_cmpstr (second->speaker, ==, "민지");
  g_assert_cmpint (second->label_id, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (second->attributes, "topic"), ==, "weather");
  /* The tag went with its words, to where they are in the second part. */
  tags = cairn_segment_get_tags (first);
  g_assert_cmpuint (tags->len, ==, 0);
  g_clear_pointer (&tags, g_array_unref);
  tags = cairn_segment_get_tags (second);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).start, ==, 4);
  g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).end, ==, 7);
  g_clear_pointer (&tags, g_array_unref);

  /* Without a cursor: in proportion to the time, at a space. */
  g_assert_true (cairn_segment_split (s, 3000, -1, &a, &b));
  g_assert_cmpstr (a->text, ==, "안녕하세요 오늘은");
  g_assert_cmpstr (b->text, ==, "날씨가 좋네요");

  /* Merging the halves gives the whole back. */
  merged = cairn_segment_merge (first, second);
  g_assert_cmpint (merged->id, ==, 7);
  g_assert_cmpfloat (cairn_segment_start (merged), ==, 1000);
  g_assert_cmpfloat (cairn_segment_end (merged), ==, 5000);
  g_assert_cmpstr (merged->text, ==, "안녕하세요 오늘은 날씨가 좋네요");
  tags = cairn_segment_get_tags (merged);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).start, ==, 10);
  g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).end, ==, 13);
  g_clear_pointer (&tags, g_array_unref);
  /* Tags outside the text are not read. */
  {
    CairnSegmentTag bad[] = { { 15, 40, 4 }, { 3, 3, 4 }, { -1, 2, 4 } };
    g_autoptr(CairnAnnotation) c = cairn_annotation_copy (s);

    cairn_segment_set_tags (c, bad, G_N_ELEMENTS (bad));
    tags = cairn_segment_get_tags (c);
    g_assert_cmpuint (tags->len, ==, 0);
    g_clear_pointer (&tags, g_array_unref);
  }
  {
    g_autoptr(CairnAnnotation) unnamed = segment (8, 0, 500, NULL, "");
    g_autoptr(CairnAnnotation) m2 = cairn_segment_merge (unnamed, second);

    g_assert_cmpstr (m2->speaker, ==, "민지");
    g_assert_cmpstr (m2->text, ==, "오늘은 날씨가 좋네요");
    g_assert_cmpfloat (cairn_segment_end (m2), ==, 5000);
  }
}

/* What the pane makes (segments through edits, overlapping speakers, Korean text, a tag in a
 * transcript) written by SRT, WebVTT, TextGrid and JSONL and read back into a new project: the
 * same segments (and in JSONL the tag, with its estimated times). */
static void
test_export_round_trip (Fixture *f, gconstpointer data)
{
  const char *formats_rt[] = { "srt", "vtt", "textgrid", "jsonl" };
  const char *written[] = { "tone.srt", "tone.vtt", "tone.TextGrid", "segments.jsonl" };
  g_autoptr(CairnLabel) greeting = cairn_label_new ("greeting");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_file (f->dir, &formats[0], &error);
  g_autofree char *project = g_build_filename (f->dir, "made.cairn", NULL);
  g_autoptr(CairnStore) store = cairn_store_create (project, "made", &error);
  g_autoptr(CairnItem) item = cairn_media_probe (path, 0, NULL, &error);
  g_autoptr(CairnEditStack) stack = NULL;
  struct { double s, e; const char *speaker, *text; } made[] = {
    { 0, 900, "Alice", "Hello, and welcome." },
    { 700, 1500, "김민지", "안녕하세요, 반갑습니다." },
    { 1500, 1980, "Alice", "Shall we start?" },
  };

  g_assert_no_error (error);
  item->uri = cairn_store_relative_uri (store, path);
  g_assert_true (cairn_store_add_item (store, item, &error));
  greeting->kinds = 1u << CAIRN_KIND_SPAN;
  g_assert_true (cairn_store_add_label (store, greeting, &error));
  stack = cairn_edit_stack_new (store, cairn_store_ensure_annotator (store, "민지", "annotator",
                                                                      &error));
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr(CairnAnnotation) a = segment (0, made[i].s, made[i].e, made[i].speaker, "");
      g_autoptr(CairnAnnotation) typed = NULL;
      g_autoptr(CairnEdit) draw = NULL;
      g_autoptr(CairnEdit) type = NULL;

      a->item_id = item->id;
      draw = cairn_edit_new_create (a);
      g_assert_true (cairn_edit_stack_push (stack, draw, &error));
      g_clear_pointer (&a, cairn_annotation_free);
      a = cairn_store_get_annotation (store, cairn_edit_get_annotation_id (draw, 0), &error);
      g_assert_no_error (error);
      typed = cairn_annotation_copy (a);
      cairn_annotation_set_text (typed, made[i].text);
      /* "Hello" tagged in the first. */
      if (i == 0)
        cairn_segment_set_tags (typed, &(CairnSegmentTag) { 0, 5, greeting->id }, 1);
      type = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, a, typed);
      cairn_edit_stack_push (stack, type, &error);
      g_assert_no_error (error);
    }
  for (guint k = 0; k < G_N_ELEMENTS (formats_rt); k++)
    {
      g_autofree char *out = g_strdup_printf ("%s/out-%s", f->dir, formats_rt[k]);
      g_autofree char *copy_project = g_strdup_printf ("%s/back-%s.cairn", f->dir, formats_rt[k]);
      g_autoptr(CairnStore) back = NULL;
      g_autoptr(CairnImportReport) report = cairn_import_report_new ();
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) list = NULL;
      CairnFormatOptions options = { 0 };

      g_assert_true (cairn_format_export (store, formats_rt[k], out, &options, &error));
      g_assert_no_error (error);
      back = cairn_store_create (copy_project, "back", &error);
      g_autofree char *file = g_build_filename (out, written[k], NULL);

      cairn_format_import (back, formats_rt[k], file, &options, report, &error);
      g_assert_no_error (error);
      ids = cairn_store_list_item_ids (back, NULL, &error);
      g_assert_cmpuint (ids->len, ==, 1);
      list = cairn_store_list_annotations (back, g_array_index (ids, gint64, 0), &error);
      g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (made));
      for (guint i = 0; i < G_N_ELEMENTS (made); i++)
        {
          gboolean found = FALSE;

          for (guint j = 0; j < list->len && !found; j++)
            {
              const CairnAnnotation *a = list->pdata[j];

              found = cairn_segment_start (a) == made[i].s && cairn_segment_end (a) == made[i].e
                      && g_strcmp0 (a->speaker, made[i].speaker) == 0
                      && g_strcmp0 (a->text, made[i].text) == 0;
            }
          if (!found)
            g_error ("%s: segment %u (%s) did not come back", formats_rt[k], i, made[i].text);
        }
      /* JSONL alone holds the tags in the text, with their times. */
      if (g_str_equal (formats_rt[k], "jsonl"))
        {
          g_autofree char *line = NULL;
          g_autoptr(CairnLabel) back_label = cairn_store_find_label (back, "greeting", &error);

          g_assert_true (g_file_get_contents (file, &line, NULL, &error));
          g_assert_nonnull (strstr (line, "\"tags\":[{\"start\":0,\"end\":5,\"label\":\"greeting\","
                                          "\"start_ms\":0,\"end_ms\":237}]"));
          g_assert_nonnull (back_label);
          for (guint j = 0; j < list->len; j++)
            {
              const CairnAnnotation *a = list->pdata[j];
              g_autoptr(GArray) tags = cairn_segment_get_tags (a);

              if (cairn_segment_start (a) != 0)
                {
                  g_assert_cmpuint (tags->len, ==, 0);
                  continue;
                }
              g_assert_cmpuint (tags->len, ==, 1);
              g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).end, ==, 5);
              g_assert_cmpint (g_array_index (tags, CairnSegmentTag, 0).label_id, ==,
                               back_label->id);
            }
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audio/peaks/tone", test_peaks_tone);
  g_test_add_func ("/audio/peaks/levels-and-cache-bytes", test_peaks_levels);
  g_test_add_func ("/audio/peaks/silence-snap", test_silence_snap);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("/audio/decode/%s", formats[i].name);

      g_test_add (name, Fixture, &formats[i], fixture_setup, test_decode_format,
                  fixture_teardown);
    }
  g_test_add ("/audio/decode/undecodable", Fixture, NULL, fixture_setup, test_undecodable,
              fixture_teardown);
  g_test_add ("/audio/peaks/async-and-cache", Fixture, NULL, fixture_setup,
              test_async_and_cache, fixture_teardown);
  g_test_add_func ("/audio/segments/lanes-overlap-at", test_segments_lanes);
  g_test_add_func ("/audio/segments/clamp", test_segments_clamp);
  g_test_add_func ("/audio/segments/split-merge", test_segments_split_merge);
  g_test_add ("/audio/export/round-trip", Fixture, NULL, fixture_setup, test_export_round_trip,
              fixture_teardown);
  cairn_audio_init (NULL);
  return g_test_run ();
}
