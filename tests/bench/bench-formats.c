/* bench-formats [DIR]: COCO import and export of 1 000 000 annotations over 50 000 images
 * (half boxes, half 8-point polygons, written by the bench itself), and CoNLL import and export
 * of 1 000 000 tokens through the registry's "conll" format when it is there. One JSON object
 * per line; peak memory is the high-water mark of each step alone (reset between steps). */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "formats/cairn-format.h"

#define N_IMAGES      50000
#define N_ANNOTATIONS 1000000
#define N_CATEGORIES  80
#define N_TOKENS      1000000

static void
report (const char *measure, double value)
{
  printf ("{\"bench\":\"formats\",\"measure\":\"%s\",\"value\":%.3f}\n", measure, value);
  fflush (stdout);
}

/* Starts a fresh high-water mark (Linux ≥ 4.0), so each step reports its own peak. */
static void
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* User + system CPU seconds so far: steadier than wall time on a shared machine. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec
         + usage.ru_stime.tv_usec / 1e6;
}

static void
put (FILE *f, GString *s)
{
  if (s->len > (1 << 20))
    {
      fwrite (s->str, 1, s->len, f);
      g_string_truncate (s, 0);
    }
}

static void
write_coco (const char *path)
{
  FILE *f = fopen (path, "w");
  g_autoptr(GString) s
      = g_string_new ("{\"info\":{\"description\":\"bench\"},\"licenses\":[],\n\"categories\":[");
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_nonnull (f);
  for (int c = 1; c <= N_CATEGORIES; c++)
    g_string_append_printf (s, "%s{\"id\":%d,\"name\":\"class-%d\",\"supercategory\":\"thing\"}",
                            c > 1 ? "," : "", c, c);
  g_string_append (s, "],\n\"images\":[");
  for (int i = 1; i <= N_IMAGES; i++)
    {
      g_string_append_printf (s, "%s\n{\"id\":%d,\"file_name\":\"%012d.jpg\",\"width\":640,"
                              "\"height\":480}", i > 1 ? "," : "", i, i);
      put (f, s);
    }
  g_string_append (s, "],\n\"annotations\":[");
  for (int a = 1; a <= N_ANNOTATIONS; a++)
    {
      double x = g_rand_int_range (rand, 0, 50000) / 100.0;
      double y = g_rand_int_range (rand, 0, 35000) / 100.0;
      double w = g_rand_int_range (rand, 100, 14000) / 100.0;
      double h = g_rand_int_range (rand, 100, 13000) / 100.0;

      g_string_append_printf (s, "%s\n{\"id\":%d,\"image_id\":%d,\"category_id\":%d,"
                              "\"segmentation\":", a > 1 ? "," : "", a, (a - 1) % N_IMAGES + 1,
                              g_rand_int_range (rand, 1, N_CATEGORIES + 1));
      if (a % 2)
        g_string_append (s, "[]");
      else
        /* An octagon inside the box. */
        g_string_append_printf (s,
                                "[[%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,"
                                "%.2f,%.2f,%.2f,%.2f,%.2f]]",
                                x + w / 3, y, x + 2 * w / 3, y, x + w, y + h / 3, x + w,
                                y + 2 * h / 3, x + 2 * w / 3, y + h, x + w / 3, y + h, x,
                                y + 2 * h / 3, x, y + h / 3);
      g_string_append_printf (s, ",\"area\":%.2f,\"bbox\":[%.2f,%.2f,%.2f,%.2f],\"iscrowd\":0}",
                              w * h, x, y, w, h);
      put (f, s);
    }
  g_string_append (s, "]}\n");
  fwrite (s->str, 1, s->len, f);
  fclose (f);
  g_rand_free (rand);
}

/* CoNLL-2003 columns: token, POS, chunk, NER; 20-token sentences, 50 to a document. */
static void
write_conll (const char *path)
{
  static const char *const words[] = { "Seoul", "is", "the", "capital", "of", "Korea", "and",
                                       "Kim", "works", "at", "Samsung", "in", "Suwon", "." };
  static const char *const tags[] = { "B-LOC", "O", "O", "O", "O", "B-LOC", "O",
                                      "B-PER", "O", "O", "B-ORG", "O", "B-LOC", "O" };
  FILE *f = fopen (path, "w");
  g_autoptr(GString) s = g_string_new ("-DOCSTART- -X- -X- O\n\n");

  g_assert_nonnull (f);
  for (int t = 0; t < N_TOKENS; t++)
    {
      guint w = t % G_N_ELEMENTS (words);

      /* A number in every person's name keeps documents apart (identical ones are merged). */
      if (w == 7)
        g_string_append_printf (s, "%s%d NNP I-NP %s\n", words[w], t / 1000, tags[w]);
      else
        g_string_append_printf (s, "%s NNP I-NP %s\n", words[w], tags[w]);
      if (t % 20 == 19)
        g_string_append_c (s, '\n');
      if (t % 1000 == 999 && t + 1 < N_TOKENS)
        g_string_append (s, "-DOCSTART- -X- -X- O\n\n");
      put (f, s);
    }
  fwrite (s->str, 1, s->len, f);
  fclose (f);
}

static void
remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
report_step (const char *prefix, const char *step, double seconds, double cpu)
{
  g_autofree char *wall = g_strdup_printf ("%s_%s_s", prefix, step);
  g_autofree char *cpu_name = g_strdup_printf ("%s_%s_cpu_s", prefix, step);
  g_autofree char *rss = g_strdup_printf ("%s_%s_peak_rss_mb", prefix, step);

  report (wall, seconds);
  report (cpu_name, cpu);
  report (rss, peak_rss_mb ());
}

static void
measure_import (CairnStore *store, const char *format, const char *path)
{
  g_autoptr(CairnImportReport) import_report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };
  GTimer *timer = g_timer_new ();
  double cpu = cpu_seconds ();

  reset_peak ();
  g_timer_start (timer);
  if (!cairn_format_import (store, format, path, &options, import_report, &error))
    g_error ("%s import: %s", format, error->message);
  report_step (format, "import", g_timer_elapsed (timer, NULL), cpu_seconds () - cpu);
  fprintf (stderr, "bench-formats: %s: %u items, %u annotations, %u warnings\n", format,
           import_report->items_added, import_report->annotations_added,
           import_report->warnings->len);
  g_timer_destroy (timer);
}

static void
measure_export (CairnStore *store, const char *format, const char *out_dir)
{
  g_autoptr(GError) error = NULL;
  CairnFormatOptions options = { 0 };
  GTimer *timer = g_timer_new ();
  double cpu = cpu_seconds ();

  reset_peak ();
  g_timer_start (timer);
  if (!cairn_format_export (store, format, out_dir, &options, &error))
    g_error ("%s export: %s", format, error->message);
  report_step (format, "export", g_timer_elapsed (timer, NULL), cpu_seconds () - cpu);
  g_timer_destroy (timer);
}

/* Import and export each in a child of its own, so one step's memory does not count in the
 * next one's peak. */
static void
run_apart (const char *format, const char *input, const char *project, const char *out_dir)
{
  for (int step = 0; step < 2; step++)
    {
      pid_t pid;
      int status;

      fflush (stdout);
      pid = fork ();
      g_assert (pid >= 0);
      if (pid == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CairnStore) store = NULL;

          if (step == 0)
            {
              remove_project (project);
              store = cairn_store_create (project, "bench", &error);
            }
          else
            store = cairn_store_open (project, &error);
          g_assert_no_error (error);
          if (step == 0)
            measure_import (store, format, input);
          else
            measure_export (store, format, out_dir);
          g_clear_object (&store);
          _exit (0);
        }
      g_assert (waitpid (pid, &status, 0) == pid && WIFEXITED (status)
                && WEXITSTATUS (status) == 0);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1])
                                  : g_dir_make_tmp ("cairn-bench-XXXXXX", NULL);
  g_autofree char *coco = g_build_filename (dir, "instances.json", NULL);
  g_autofree char *coco_project = g_build_filename (dir, "coco.cairn", NULL);
  g_autofree char *coco_out = g_build_filename (dir, "coco-out", NULL);
  g_autofree char *conll = g_build_filename (dir, "tokens.conll", NULL);
  g_autofree char *conll_project = g_build_filename (dir, "conll.cairn", NULL);
  g_autofree char *conll_out = g_build_filename (dir, "conll-out", NULL);

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_test (coco, G_FILE_TEST_EXISTS))
    write_coco (coco);
  run_apart ("coco", coco, coco_project, coco_out);

  if (cairn_format_lookup ("conll") == NULL || cairn_format_lookup ("conll")->import == NULL)
    {
      fprintf (stderr, "bench-formats: no \"conll\" format registered yet; CoNLL skipped\n");
      return 0;
    }
  if (!g_file_test (conll, G_FILE_TEST_EXISTS))
    write_conll (conll);
  run_apart ("conll", conll, conll_project, conll_out);
  return 0;
}
