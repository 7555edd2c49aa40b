#define _DEFAULT_SOURCE /* wait4 */
/* bench-store [CAIRN [DIR [BOXES]]]: builds a project of 1 000 000 boxes (or BOXES) on a tenth
 * as many items in DIR (created when missing), then measures `cairn info`, the window's first
 * frame and peak memory. One JSON object per line. */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/cairn-store.h"

#define N_BOXES 1000000

static void
report (const char *measure, double value)
{
  printf ("{\"bench\":\"store\",\"measure\":\"%s\",\"value\":%.3f}\n", measure, value);
  fflush (stdout);
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
build (const char *path, guint n_boxes)
{
  guint n_items = MAX (n_boxes / 10, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (path, "bench", &error);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 labels[10];
  GTimer *timer = g_timer_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *name = g_strdup_printf ("class-%u", i);
      g_autoptr(CairnLabel) label = cairn_label_new (name);
      g_assert_true (cairn_store_add_label (store, label, &error));
      labels[i] = label->id;
    }
  g_assert_true (cairn_store_set_bulk (store, TRUE, &error));
  g_assert_true (cairn_store_begin (store, &error));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);

      item->uri = g_strdup_printf ("images/%06u.jpg", i);
      item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, item->uri, -1);
      item->width = 1920;
      item->height = 1080;
      g_assert_true (cairn_store_add_item (store, item, &error));
      g_array_append_val (items, item->id);
    }
  for (guint i = 0; i < n_boxes; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);

      a->item_id = g_array_index (items, gint64, i % n_items);
      a->label_id = labels[i % G_N_ELEMENTS (labels)];
      cairn_annotation_set_box (a, i % 1800, i % 1000, 40.5, 80.25);
      g_assert_true (cairn_store_add_annotation (store, a, &error));
    }
  g_assert_true (cairn_store_commit (store, &error));
  report ("build_s", g_timer_elapsed (timer, NULL));
  report ("build_peak_rss_mb", peak_rss_mb ());
  g_timer_destroy (timer);
}

/* Runs argv, returns wall seconds; *rss_mb gets the child's peak RSS. */
static double
timed_run (const char *const *argv, const char *const *envp, double *rss_mb, char **out)
{
  g_autoptr(GError) error = NULL;
  GTimer *timer = g_timer_new ();
  GPid pid;
  int fd, status;
  struct rusage usage;
  double elapsed;
  g_autoptr(GString) text = g_string_new (NULL);
  char chunk[1024];
  gssize n;

  g_spawn_async_with_pipes (NULL, (char **) argv, (char **) envp,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                            &pid, NULL, &fd, NULL, &error);
  g_assert_no_error (error);
  while ((n = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (text, chunk, n);
  close (fd);
  wait4 (pid, &status, 0, &usage);
  elapsed = g_timer_elapsed (timer, NULL);
  g_timer_destroy (timer);
  if (rss_mb)
    *rss_mb = usage.ru_maxrss / 1024.0;
  if (out)
    *out = g_string_free (g_steal_pointer (&text), FALSE);
  return elapsed;
}

/* The window prints "first-frame-ms N" and quits when CAIRN_BENCH_FIRST_FRAME is set. */
static void
measure_window (const char *cairn, const char *path, const char *suffix, const char *renderer)
{
  g_auto(GStrv) env = g_get_environ ();
  const char *window[] = { cairn, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *first = g_strconcat ("first_frame", suffix, "_s", NULL);
  g_autofree char *rss_name = g_strconcat ("window", suffix, "_peak_rss_mb", NULL);
  const char *line;
  double rss;

  env = g_environ_setenv (env, "CAIRN_BENCH_FIRST_FRAME", "1", TRUE);
  if (renderer)
    {
      env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
      env = g_environ_setenv (env, "GDK_DEBUG", "gl-disable", TRUE);
    }
  timed_run (window, (const char *const *) env, &rss, &out);
  line = out ? strstr (out, "first-frame-ms ") : NULL;
  if (line)
    report (first, g_ascii_strtod (line + strlen ("first-frame-ms "), NULL) / 1000);
  else
    fprintf (stderr, "bench-store: the window printed no first-frame time\n");
  report (rss_name, rss);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("cairn-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.cairn", NULL);
  const char *cairn = argc > 1 ? argv[1] : "cairn";
  guint n_boxes = argc > 3 ? g_ascii_strtoull (argv[3], NULL, 10) : N_BOXES;
  double rss = 0, best = G_MAXDOUBLE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      fprintf (stderr, "bench-store: %s: cannot create: %s\n", dir, g_strerror (errno));
      return 1;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    build (path, n_boxes ? n_boxes : N_BOXES);
  for (int i = 0; i < 3; i++)
    {
      const char *info[] = { cairn, "info", path, "--json", NULL };
      best = MIN (best, timed_run (info, NULL, &rss, NULL));
    }
  report ("info_s", best);
  report ("info_peak_rss_mb", rss);

  if (g_getenv ("DISPLAY"))
    {
      /* As the desktop gives it (GL: llvmpipe on a machine without a GPU), then with the cairo
       * renderer and no GL, which is what the app itself costs. */
      measure_window (cairn, path, "", NULL);
      measure_window (cairn, path, "_cairo", "cairo");
    }
  else
    fprintf (stderr, "bench-store: no DISPLAY, window not measured (run under xvfb-run)\n");
  return 0;
}
