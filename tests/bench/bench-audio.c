/* The audio pane's waveform, timed in a real window:
 *   bench-audio          makes one hour of 16 kHz mono WAV (speech-like bursts and pauses)
 *   bench-audio FILE     any file GStreamer decodes
 * peaks_first_ms: from showing the item until the waveform is drawn whole the first time
 * (decoded in a thread; peaks_partial_ms: until part of it is, as it fills in); peaks_reopen_ms: the same for a second window on the project (peaks
 * from its cache); peak_rss_mb: the most resident memory from the first opening on (the
 * import before it, which reads the file whole for its SHA-256, is left out: Linux's peak is
 * reset after it); edit_1000_segments_ms: a transcript's typing pause saved, as an edit, and
 * shown again, in an item with a thousand segments. One JSON object per line.
 * Needs a display (xvfb-run -a). Targets: first ≤ 2 000 ms, reopened ≤ 200 ms. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "audio/cairn-segments.h"
#include "audio/cairn-waveform.h"
#include "edit/cairn-edit-stack.h"
#include "formats/cairn-media.h"
#include "store/cairn-store.h"
#include "cairn-audio-pane.h"
#include "cairn-item-view.h"

static void
report (const char *measure, double value)
{
  printf ("{\"bench\":\"audio\",\"measure\":\"%s\",\"value\":%.1f}\n", measure, value);
  fflush (stdout);
}

/* A WAV header for n 16-bit mono samples at rate. */
static void
wav_header (guint8 *h, guint32 rate, guint32 n)
{
  guint32 data = n * 2;
  guint32 v;
  guint16 s;

  memcpy (h, "RIFF", 4);
  v = GUINT32_TO_LE (36 + data); memcpy (h + 4, &v, 4);
  memcpy (h + 8, "WAVEfmt ", 8);
  v = GUINT32_TO_LE (16); memcpy (h + 16, &v, 4);
  s = GUINT16_TO_LE (1); memcpy (h + 20, &s, 2);
  s = GUINT16_TO_LE (1); memcpy (h + 22, &s, 2);
  v = GUINT32_TO_LE (rate); memcpy (h + 24, &v, 4);
  v = GUINT32_TO_LE (rate * 2); memcpy (h + 28, &v, 4);
  s = GUINT16_TO_LE (2); memcpy (h + 32, &s, 2);
  s = GUINT16_TO_LE (16); memcpy (h + 34, &s, 2);
  memcpy (h + 36, "data", 4);
  v = GUINT32_TO_LE (data); memcpy (h + 40, &v, 4);
}

/* An hour of talk: 2–6 s phrases with pauses between, written a second at a time. */
static char *
make_hour (const char *dir)
{
  const guint32 rate = 16000, seconds = 3600;
  g_autofree char *path = g_build_filename (dir, "hour.wav", NULL);
  FILE *f = fopen (path, "wb");
  guint8 header[44];
  gint16 block[16000];
  guint32 seed = 12345;

  g_assert (f != NULL);
  wav_header (header, rate, rate * seconds);
  fwrite (header, 1, sizeof header, f);
  for (guint32 s = 0; s < seconds; s++)
    {
      for (guint32 i = 0; i < rate; i++)
        {
          double t = s + (double) i / rate;
          double phrase = fmod (t, 7.0);
          double env = phrase < 5.5 ? 0.5 + 0.4 * sin (2 * G_PI * 3.3 * t) : 0.01;
          double noise;

          seed = seed * 1664525u + 1013904223u;
          noise = (seed >> 8) / 8388608.0 - 1.0;
          block[i] = (gint16) (20000 * env * (0.6 * sin (2 * G_PI * 170 * t) + 0.4 * noise));
        }
      fwrite (block, sizeof block[0], rate, f);
    }
  fclose (f);
  return g_steal_pointer (&path);
}

/* VmHWM, in MB; reset: start counting again from now (clear_refs 5). */
static double
peak_rss (gboolean reset)
{
  g_autofree char *status = NULL;
  const char *line;
  double kb = 0;

  if (reset)
    {
      FILE *f = fopen ("/proc/self/clear_refs", "w");

      if (f == NULL || fputs ("5", f) < 0 || fclose (f) != 0)
        g_printerr ("bench-audio: the peak could not be reset: %s\n", g_strerror (errno));
      return 0;
    }
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (line = strstr (status, "VmHWM:")) != NULL)
    kb = g_ascii_strtod (line + 6, NULL);
  else
    {
      struct rusage usage;

      getrusage (RUSAGE_SELF, &usage);
      kb = usage.ru_maxrss;
    }
  return kb / 1024.0;
}

static double
rss_now (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (line = strstr (status, "VmRSS:")) != NULL)
    return g_ascii_strtod (line + 6, NULL) / 1024.0;
  return 0;
}

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Opens the item in a new window and waits for the waveform drawn whole; ms. */
static double
open_and_draw (CairnStore *store, const CairnItem *item, const char **source, double *partial)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pane = cairn_audio_pane_new ();
  CairnWaveform *detail = CAIRN_WAVEFORM (cairn_audio_pane_get_detail (CAIRN_AUDIO_PANE (pane)));
  gboolean timeout = FALSE;
  guint timer;
  gint64 start;
  double ms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));
  /* The window up and drawn first: what is timed is the item. */
  while (!gtk_widget_get_mapped (pane))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  timer = g_timeout_add_seconds (120, quit_cb, &timeout);
  start = g_get_monotonic_time ();
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (pane), store, item, NULL);
  if (g_getenv ("BENCH_AUDIO_DEBUG"))
    g_printerr ("bench-audio: %.1f MB once set_item returned\n", rss_now ());
  *partial = -1;
  while (cairn_waveform_get_full_draws (detail) == 0 && !timeout)
    {
      g_main_context_iteration (NULL, TRUE);
      if (*partial < 0 && cairn_waveform_get_peak_draws (detail) > 0)
        *partial = (g_get_monotonic_time () - start) / 1000.0;
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (timeout)
    g_printerr ("bench-audio: the waveform was not drawn whole in 120 s\n");
  else
    g_source_remove (timer);
  *source = cairn_audio_pane_get_peaks_source (CAIRN_AUDIO_PANE (pane));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ms;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-audio-XXXXXX", &error);
  g_autofree char *made = NULL;
  g_autofree char *project = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = NULL;
  const char *file, *source = NULL;
  double first, again, partial;

  if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
    {
      fprintf (stderr, "usage: bench-audio [FILE]\n");
      return 2;
    }
  gtk_init ();
  g_assert_no_error (error);
  if (argc == 2)
    file = argv[1];
  else
    {
      gint64 t = g_get_monotonic_time ();

      file = made = make_hour (dir);
      g_printerr ("bench-audio: an hour of 16 kHz mono WAV made in %.1f s (%s)\n",
                  (g_get_monotonic_time () - t) / 1e6, file);
    }
  project = g_build_filename (dir, "bench.cairn", NULL);
  store = cairn_store_create (project, "bench", &error);
  g_assert_no_error (error);
  item = cairn_media_probe (file, 0, NULL, &error);
  if (item == NULL)
    {
      g_printerr ("bench-audio: %s: %s\n", file, error->message);
      return 1;
    }
  item->uri = g_canonicalize_filename (file, NULL);
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_printerr ("bench-audio: %s, %.1f s\n", file, item->duration_ms / 1000.0);

  g_printerr ("bench-audio: %.1f MB at most before the item is opened (import, window), "
              "%.1f MB now\n", peak_rss (FALSE), rss_now ());
  peak_rss (TRUE);
  first = open_and_draw (store, item, &source, &partial);
  /* The first frame with any waveform: the rest fills in as it decodes. */
  report ("peaks_partial_ms", partial);
  report ("peaks_first_ms", first);
  g_printerr ("bench-audio: %.1f MB resident after the first opening\n", rss_now ());
  g_printerr ("bench-audio: first time, peaks %s\n", source ? source : "(none)");
  again = open_and_draw (store, item, &source, &partial);
  report ("peaks_reopen_ms", again);
  g_printerr ("bench-audio: reopened, peaks %s\n", source ? source : "(none)");
  report ("peak_rss_mb", peak_rss (FALSE));

  /* A thousand segments, then one of them changed through the edit stack, as a pause in
   * typing saves it: the pane reloads and shows it. */
  {
    g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (store,
      cairn_store_ensure_annotator (store, "bench", "annotator", &error));
    GtkWidget *window = gtk_window_new ();
    GtkWidget *pane = cairn_audio_pane_new ();
    g_autoptr(CairnAnnotation) before = NULL;
    g_autoptr(CairnAnnotation) after = NULL;
    g_autoptr(CairnEdit) edit = NULL;
    gint64 first_id = 0, t;
    GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

    g_assert_true (cairn_store_begin (store, &error));
    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SEGMENT);

        a->item_id = item->id;
        cairn_segment_set_range (a, i * 3000.0, i * 3000.0 + 2500);
        a->speaker = g_strdup (i % 3 ? "Alice" : "김민지");
        cairn_annotation_set_text (a, "so what we found was that the recordings were clear");
        g_assert_true (cairn_store_add_annotation (store, a, &error));
        if (i == 500)
          first_id = a->id;
      }
    g_assert_true (cairn_store_commit (store, &error));
    gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
    gtk_window_set_child (GTK_WINDOW (window), pane);
    gtk_window_present (GTK_WINDOW (window));
    cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (pane), stack);
    cairn_item_view_set_item (CAIRN_ITEM_VIEW (pane), store, item, NULL);
    for (int i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    for (guint k = 0; k < 10; k++)
      {
        double ms;

        g_clear_pointer (&before, cairn_annotation_free);
        g_clear_pointer (&after, cairn_annotation_free);
        g_clear_object (&edit);
        before = cairn_store_get_annotation (store, first_id, &error);
        after = cairn_annotation_copy (before);
        {
          g_autofree char *text = g_strdup_printf ("%s %u", before->text, k);

          cairn_annotation_set_text (after, text);
        }
        edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, before, after);
        t = g_get_monotonic_time ();
        g_assert_true (cairn_edit_stack_push (stack, edit, &error));
        while (g_main_context_iteration (NULL, FALSE))
          ;
        ms = (g_get_monotonic_time () - t) / 1000.0;
        g_array_append_val (times, ms);
      }
    {
      double sum = 0;

      for (guint k = 0; k < times->len; k++)
        sum += g_array_index (times, double, k);
      report ("edit_1000_segments_ms", sum / times->len);
    }
    g_array_unref (times);
    gtk_window_destroy (GTK_WINDOW (window));
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }

  g_clear_object (&store);
  if (made != NULL)
    g_unlink (made);
  g_unlink (project);
  {
    g_autofree char *wal = g_strconcat (project, "-wal", NULL);
    g_autofree char *shm = g_strconcat (project, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
