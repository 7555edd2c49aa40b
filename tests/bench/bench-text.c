/* The text pane's speed, in a 1400 × 900 window on the display (xvfb-run -a):
 *   bench-text                     makes a 1 MB document (Korean and English) with 50 000
 *                                  spans, some nested, and 2 000 relations
 *   bench-text PROJECT.cairn ITEM  measures that item
 * Measures: first_frame_ms (from showing the item to its first frame painted),
 * add_span_ms (a selection and a label key: the edit saved, the pane updated and painted;
 * median of 20), scroll_frame_ms and scroll_frame_p95_ms (a frame's work, before-paint to
 * after-paint, scrolling a page at a time), peak_rss_mb; add_span_ms is also given in its
 * parts (add_span_save_ms, add_span_update_ms, add_span_frame_ms). CAIRN_BENCH_SPANS=N makes
 * another count of spans. One JSON object per line. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "edit/cairn-edit-stack.h"
#include "model/cairn-label.h"
#include "text/cairn-span-view.h"
#include "cairn-item-view.h"
#include "cairn-text-pane.h"
#include "bench-util.h"

#define TARGET_BYTES (1024 * 1024)
#define N_SPANS 50000
#define N_RELATIONS 2000
#define N_ADDS 20
#define N_SCROLLS 60

static void
report (const char *measure, double value, guint spans)
{
  printf ("{\"bench\":\"text\",\"measure\":\"%s\",\"value\":%.3f,\"spans\":%u}\n", measure, value,
          spans);
  fflush (stdout);
}

static const char *const words[] = {
  "서울", "부산에서", "김민수는", "회사를", "Seoul", "station", "연구소의", "대학교", "New",
  "York", "한국어", "데이터를", "모델이", "annotation", "회의에", "발표했다.", "👍🏽", "the",
};

static char *
make_project (const char *dir, gint64 *item_id)
{
  g_autofree char *path = g_build_filename (dir, "bench-text.cairn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (path, "bench", &error);
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) span_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 labels[4], relation_label;
  GRand *rand = g_rand_new_with_seed (11);
  guint offset = 0, n_words = 0;
  /* CAIRN_BENCH_SPANS: another count, to see what the spans cost. */
  guint n_spans = g_getenv ("CAIRN_BENCH_SPANS") ? atoi (g_getenv ("CAIRN_BENCH_SPANS")) : N_SPANS;

  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *names[] = { "PER", "LOC", "ORG", "MISC" };
      g_autoptr(CairnLabel) label = cairn_label_new (names[i]);

      label->kinds = 1u << CAIRN_KIND_SPAN;
      label->color = cairn_label_default_color (i);
      g_assert_true (cairn_store_add_label (store, label, &error));
      labels[i] = label->id;
    }
  {
    g_autoptr(CairnLabel) label = cairn_label_new ("related");

    label->kinds = 1u << CAIRN_KIND_RELATION;
    g_assert_true (cairn_store_add_label (store, label, &error));
    relation_label = label->id;
  }
  /* Words and spaces, a line break every 60 words; each word's place kept. */
  while (text->len < TARGET_BYTES)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint n = g_utf8_strlen (w, -1);

      g_array_append_val (starts, offset);
      offset += n;
      g_array_append_val (ends, offset);
      g_string_append (text, w);
      n_words++;
      g_string_append_c (text, n_words % 60 == 0 ? '\n' : ' ');
      offset++;
    }
  item->text = g_string_free (g_steal_pointer (&text), FALSE);
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_true (cairn_store_set_bulk (store, TRUE, &error));
  g_assert_true (cairn_store_begin (store, &error));
  /* Spans on words spread over the text; one in ten a nested pair (two words and the first). */
  for (guint i = 0; i < n_spans; i++)
    {
      guint w = (guint) ((guint64) i * (n_words - 2) / n_spans);
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
      gboolean outer = i % 10 == 5;
      double coords[2] = { g_array_index (starts, guint, w),
                           g_array_index (ends, guint, outer ? w + 1 : w) };

      a->item_id = item->id;
      a->label_id = labels[i % 4];
      cairn_annotation_set_coords (a, coords, 2);
      g_assert_true (cairn_store_add_annotation (store, a, &error));
      g_array_append_val (span_ids, a->id);
    }
  for (guint i = 0; i < N_RELATIONS && n_spans > 1; i++)
    {
      guint k = (guint) ((guint64) i * (n_spans - 1) / N_RELATIONS);
      g_autoptr(CairnAnnotation) r = cairn_annotation_new (CAIRN_KIND_RELATION);
      double coords[2] = { g_array_index (span_ids, gint64, k),
                           g_array_index (span_ids, gint64, k + 1) };

      r->item_id = item->id;
      r->label_id = relation_label;
      cairn_annotation_set_coords (r, coords, 2);
      g_assert_true (cairn_store_add_annotation (store, r, &error));
    }
  g_assert_true (cairn_store_commit (store, &error));
  g_assert_true (cairn_store_set_bulk (store, FALSE, &error));
  g_rand_free (rand);
  *item_id = item->id;
  return g_steal_pointer (&path);
}

/* When the store said the edit was saved (connected before the pane, so called first). */
static void
on_store_changed_cb (CairnStore *store, const CairnStoreChange *change, gint64 *at)
{
  *at = g_get_monotonic_time ();
}

typedef struct
{
  gint64  began;
  double  last_ms;
  guint   painted;
} Clock;

static void
on_before_paint_cb (GdkFrameClock *clock, Clock *c)
{
  c->began = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock, Clock *c)
{
  c->last_ms = (g_get_monotonic_time () - c->began) / 1000.0;
  c->painted++;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* FALSE when nothing was painted within 10 s. */
static gboolean
wait_painted (Clock *c, guint after)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (c->painted <= after && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return c->painted > after;
}

static void
drain (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static void
measure (const char *path, gint64 item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_open (path, &error);
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(GArray) adds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) add_frames = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 saved_at = 0;
  g_autoptr(GArray) scrolls = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *pane;
  GtkTextView *view;
  GtkAdjustment *adjustment;
  GdkFrameClock *frame_clock;
  Clock clock = { 0 };
  gint64 start;
  guint spans, length;
  gint32 place = -1;
  struct rusage usage;

  if (store == NULL)
    g_error ("%s: %s", path, error->message);
  item = cairn_store_get_item (store, item_id, &error);
  if (item == NULL || item->kind != CAIRN_ITEM_TEXT)
    g_error ("%s: item %" G_GINT64_FORMAT " is not a text", path, item_id);
  labels = cairn_store_list_labels (store, &error);
  stack = cairn_edit_stack_new (store, cairn_store_ensure_annotator (store, "bench",
                                                                     "annotator", &error));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  pane = cairn_text_pane_new ();
  gtk_window_set_child (GTK_WINDOW (window), pane);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  frame_clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (on_before_paint_cb), &clock);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), &clock);
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (pane), stack);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), &saved_at);
  view = cairn_text_pane_get_text_view (CAIRN_TEXT_PANE (pane));

  /* The first frame: the item set, its text and spans laid out and painted. */
  start = g_get_monotonic_time ();
  {
    guint frames = cairn_span_view_get_n_frames (CAIRN_SPAN_VIEW (view));

    cairn_item_view_set_item (CAIRN_ITEM_VIEW (pane), store, item, labels);
    while (cairn_span_view_get_n_frames (CAIRN_SPAN_VIEW (view)) == frames)
      g_main_context_iteration (NULL, TRUE);
    wait_painted (&clock, clock.painted);
  }
  spans = cairn_text_pane_get_n_spans (CAIRN_TEXT_PANE (pane));
  report ("first_frame_ms", (g_get_monotonic_time () - start) / 1000.0, spans);
  length = g_utf8_strlen (item->text, -1);
  drain ();

  /* A span: select a word near the top, press the key of a span label. */
  {
    GPtrArray *palette = cairn_text_pane_get_palette_labels (CAIRN_TEXT_PANE (pane));

    for (guint i = 0; palette && i < palette->len && place < 0; i++)
      if (cairn_label_allows (palette->pdata[i], CAIRN_KIND_SPAN))
        place = (gint32) i;
  }
  g_object_set (pane, "snap-words", TRUE, NULL);
  for (guint i = 0, at = 40; adds->len < N_ADDS && place >= 0 && at + 2 < length; i++, at += 7)
    {
      guint painted;
      double ms;
      gint64 label = ((CairnLabel *) cairn_text_pane_get_palette_labels (CAIRN_TEXT_PANE (pane))
                        ->pdata[place])->id;

      /* Where that label has no span yet, so that each key makes one. */
      if (cairn_text_pane_has_span_at (CAIRN_TEXT_PANE (pane), label, at)
          || g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (item->text, at))))
        continue;

      cairn_text_pane_select_range (CAIRN_TEXT_PANE (pane), at, at + 1);
      drain ();
      painted = clock.painted;
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (pane, "canvas.select-label", "i", place);
      /* The edit saved and the pane updated (the action returns then)... */
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (!wait_painted (&clock, painted))
        continue;
      /* ...and the frame that shows it, without the wait for the display's next refresh. */
      {
        double save = (saved_at - start) / 1000.0, update = ms - save;

        g_array_append_val (saves, save);
        g_array_append_val (updates, update);
        g_array_append_val (add_frames, clock.last_ms);
      }
      ms += clock.last_ms;
      g_array_append_val (adds, ms);
      if (g_getenv ("BENCH_VERBOSE"))
        fprintf (stderr, "add %u: %.1f ms (frame %.1f)\n", i, ms, clock.last_ms);
    }
  if (adds->len > 0)
    {
      report ("add_span_ms", bench_quantile (adds, 0.5), spans);
      /* Its parts: the transaction on disk (synchronous, WAL), the pane's update, the frame. */
      report ("add_span_save_ms", bench_quantile (saves, 0.5), spans);
      report ("add_span_update_ms", bench_quantile (updates, 0.5), spans);
      report ("add_span_frame_ms", bench_quantile (add_frames, 0.5), spans);
    }

  /* The text view measures the lines it does not show in idle time: let it finish, as it
   * has by the time a person scrolls. */
  {
    gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  /* Scrolling a page at a time: each frame's work. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  for (guint i = 0; i < N_SCROLLS; i++)
    {
      guint painted = clock.painted;
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment) + page;

      /* A short text does not scroll: nothing to measure. At the end, back to the top. */
      if (gtk_adjustment_get_upper (adjustment) <= page + 1)
        break;
      if (value > gtk_adjustment_get_upper (adjustment) - page)
        value = 0;
      gtk_adjustment_set_value (adjustment, value);
      if (wait_painted (&clock, painted))
        g_array_append_val (scrolls, clock.last_ms);
    }
  if (scrolls->len > 0)
    {
      report ("scroll_frame_ms", bench_quantile (scrolls, 0.5), spans);
      report ("scroll_frame_p95_ms", bench_quantile (scrolls, 0.95), spans);
    }
  else
    fprintf (stderr, "bench-text: the text fits in the window; no scrolling measured\n");
  getrusage (RUSAGE_SELF, &usage);
  report ("peak_rss_mb", usage.ru_maxrss / 1024.0, spans);
  g_signal_handlers_disconnect_by_data (frame_clock, &clock);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int argc, char *argv[])
{
  gtk_init ();
  if (argc == 3)
    {
      measure (argv[1], g_ascii_strtoll (argv[2], NULL, 10));
      return 0;
    }
  if (argc != 1)
    {
      fprintf (stderr, "usage: bench-text [PROJECT.cairn ITEM_ID]\n");
      return 2;
    }
  {
    g_autofree char *dir = g_dir_make_tmp ("cairn-bench-text-XXXXXX", NULL);
    gint64 item;
    g_autofree char *path = make_project (dir, &item);

    measure (path, item);
    for (const char *suffix = ""; suffix != NULL;
         suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
      {
        g_autofree char *file = g_strconcat (path, suffix, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
