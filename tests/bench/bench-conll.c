#define _DEFAULT_SOURCE /* wait4 */
/* bench-conll CAIRN [DIR [TOKENS]]: writes a CoNLL-2003 file of 1 000 000 tokens (or TOKENS),
 * then measures `cairn import --format conll` and `cairn export --format conll` (wall time,
 * peak memory) and checks the export gives back the same file. One JSON object per line. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#define N_TOKENS 1000000

static guint n_tokens = N_TOKENS;

static void
report (const char *measure, double value)
{
  printf ("{\"bench\":\"conll\",\"measure\":\"%s\",\"value\":%.3f}\n", measure, value);
  fflush (stdout);
}

static double
timed_run (const char *const *argv, double *rss_mb)
{
  g_autoptr(GError) error = NULL;
  GTimer *timer = g_timer_new ();
  struct rusage usage;
  GPid pid;
  int status;
  double elapsed;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD
                 | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  wait4 (pid, &status, 0, &usage);
  elapsed = g_timer_elapsed (timer, NULL);
  g_timer_destroy (timer);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  *rss_mb = usage.ru_maxrss / 1024.0;
  return elapsed;
}

/* Sentences of 8 to 30 tokens, about one entity in six tokens, some Korean; each sentence
 * different, so none are merged as duplicates. */
static void
write_corpus (const char *path)
{
  static const char *words[] = { "the", "a", "market", "said", "on", "Tuesday", "shares", "rose",
                                 "percent", "in", "trading", "시장", "주가", "발표했다", "of",
                                 "government", "talks", "." };
  static const char *types[] = { "PER", "ORG", "LOC", "MISC" };
  static const char *names[] = { "Blackburn", "Reuters", "Seoul", "German", "김철수", "Acme" };
  GRand *rand = g_rand_new_with_seed (2003);
  GString *out = g_string_new ("-DOCSTART- -X- -X- O\n\n");
  FILE *f = fopen (path, "w");
  guint tokens = 0, sentence = 0;

  g_assert_nonnull (f);
  while (tokens < n_tokens)
    {
      guint length = g_rand_int_range (rand, 8, 31);

      if (++sentence % 20 == 0)
        g_string_append (out, "-DOCSTART- -X- -X- O\n\n");
      g_string_append_printf (out, "S%u NN B-NP O\n", sentence);
      for (guint i = 1; i < length && tokens < n_tokens; i++, tokens++)
        {
          if (g_rand_int_range (rand, 0, 6) == 0)
            {
              const char *type = types[g_rand_int_range (rand, 0, 4)];
              guint span = g_rand_int_range (rand, 1, 4);

              for (guint k = 0; k < span && i < length; k++, i++, tokens++)
                g_string_append_printf (out, "%s NNP I-NP %s-%s\n",
                                        names[g_rand_int_range (rand, 0, 6)], k ? "I" : "B",
                                        type);
              if (i >= length)
                break;
            }
          g_string_append_printf (out, "%s NN I-NP O\n",
                                  words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      g_string_append_c (out, '\n');
      tokens++;
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, f);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, f);
  fclose (f);
  g_string_free (out, TRUE);
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = argc > 2 ? g_strdup (argv[2])
                                  : g_dir_make_tmp ("cairn-bench-XXXXXX", NULL);
  g_autofree char *corpus = g_build_filename (dir, "corpus.conll", NULL);
  g_autofree char *project = g_build_filename (dir, "conll.cairn", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *exported = g_build_filename (out, "annotations.conll", NULL);
  g_autofree char *a = NULL, *b = NULL;
  const char *cairn = argc > 1 ? argv[1] : "cairn";
  const char *init[] = { cairn, "init", project, NULL };
  const char *import[] = { cairn, "import", project, "--format", "conll", corpus, NULL };
  const char *export[] = { cairn, "export", project, "--format", "conll", "--out", out, NULL };
  double rss;

  if (argc > 3)
    n_tokens = g_ascii_strtoull (argv[3], NULL, 10);
  g_mkdir_with_parents (dir, 0755);
  write_corpus (corpus);
  g_unlink (project);
  timed_run (init, &rss);
  report ("import_s", timed_run (import, &rss));
  report ("import_peak_rss_mb", rss);
  report ("export_s", timed_run (export, &rss));
  report ("export_peak_rss_mb", rss);
  /* Same tokens, tags and columns back. */
  g_assert_true (g_file_get_contents (corpus, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (exported, &b, NULL, NULL));
  report ("export_identical", g_str_equal (a, b));
  return 0;
}
