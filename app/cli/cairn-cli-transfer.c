#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>
#include <unistd.h>

#include "cairn-cli-private.h"
#include "formats/cairn-format.h"

typedef struct
{
  const char *verb;
  gint64      last;   /* µs of the last line printed */
  gboolean    tty;
} Progress;

static void
progress_cb (double fraction, const char *message, gpointer user_data)
{
  Progress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  /* Quiet for short runs; a line a second (or a live line on a terminal) for long ones. */
  if (now - p->last < (p->tty ? 200000 : 5000000) || (p->last == 0 && (p->last = now)))
    return;
  p->last = now;
  if (p->tty)
    fprintf (stderr, "\r%s… %3.0f%%\033[K", p->verb, fraction * 100);
  else
    fprintf (stderr, "%s… %3.0f%%%s%s\n", p->verb, fraction * 100, message ? " " : "",
             message ? message : "");
}

static void
progress_end (Progress *p)
{
  if (p->tty && p->last)
    fprintf (stderr, "\r\033[K");
}

static char *
list_formats (gboolean import)
{
  GString *s = g_string_new (NULL);
  guint n_formats;
  const CairnFormat *all = cairn_format_list (&n_formats);

  for (guint i = 0; i < n_formats; i++)
    if (import ? all[i].import != NULL : all[i].export != NULL)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", all[i].name);
  return g_string_free (s, FALSE);
}

/* A COCO file whose 50 000 images are elsewhere gives 50 000 warnings: the terminal shows the
 * first few and how many more, the file (when asked for) every one. */
#define WARNINGS_SHOWN 20

/* The work has committed: a warnings file that cannot be written is reported, and the exit
 * status says so. */
static int
report_warnings (const char *command, GPtrArray *warnings, const char *path)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < warnings->len; i++)
    {
      if (i < WARNINGS_SHOWN)
        fprintf (stderr, "cairn %s: warning: %s\n", command, (char *) warnings->pdata[i]);
      if (path)
        g_string_append_printf (all, "%s\n", (char *) warnings->pdata[i]);
    }
  if (warnings->len > WARNINGS_SHOWN)
    fprintf (stderr, "cairn %s: … and %u more warnings%s%s\n", command,
             warnings->len - WARNINGS_SHOWN, path ? ", all of them in " : " (--warnings FILE "
             "keeps them all)", path ? path : "");
  if (path && !g_file_set_contents (path, all->str, all->len, &error))
    {
      fprintf (stderr, "cairn %s: %s\n", command, error->message);
      return CAIRN_EXIT_FAILURE;
    }
  return CAIRN_EXIT_OK;
}

int
cairn_cli_import (int argc, char **argv)
{
  g_autofree char *format = NULL, *annotator = NULL, *images = NULL, *scheme = NULL;
  g_autofree char *warnings = NULL, *media_root = NULL;
  gint64 max_pixels = 0;
  g_autofree char *formats = list_formats (TRUE);
  g_autofree char *summary = g_strdup_printf ("Import media or annotations.\n\nFormats: %s",
                                              formats);
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean embed = FALSE, strict = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  Progress progress = { "Importing", 0, isatty (2) };
  CairnFormatOptions options = { 0 };
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "The format (required)", "NAME" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "Whose annotations these are", "NAME" },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images, "Where the images are", "DIR" },
    { "media-root", 0, 0, G_OPTION_ARG_FILENAME, &media_root,
      "Media may also be read from under DIR (by default only from the folder given, or the "
      "file's, and --images)", "DIR" },
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &max_pixels,
      "Refuse images of more pixels (default 1000000000)", "N" },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme, "Tagging scheme (iob2, bioes...)", "NAME" },
    { "embed", 0, 0, G_OPTION_ARG_NONE, &embed, "Keep media inside the project file", NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      "A record that cannot be read fails the import (default: skipped with a warning)", NULL },
    { "warnings", 0, 0, G_OPTION_ARG_FILENAME, &warnings, "Write every warning to FILE",
      "FILE" },
    { NULL }
  };

  if (!cairn_cli_parse ("import", "PROJECT.cairn PATH", summary, entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 3)
    return cairn_cli_usage ("import", "expected PROJECT.cairn and PATH (see cairn help import)");
  if (format == NULL)
    return cairn_cli_usage ("import", "--format is required (one of %s)", formats);
  if (cairn_format_lookup (format) == NULL || cairn_format_lookup (format)->import == NULL)
    return cairn_cli_usage ("import", "cannot import “%s” (formats: %s)", format, formats);
  if (!g_file_test (argv[2], G_FILE_TEST_EXISTS))
    return cairn_cli_fail ("import", "%s: no such file or folder", argv[2]);
  if ((store = cairn_cli_open ("import", argv[1], &status)) == NULL)
    return status;

  if (max_pixels < 0)
    return cairn_cli_usage ("import", "--max-pixels must be a positive number");
  options.annotator = annotator;
  options.images_dir = images;
  options.media_root = media_root;
  options.max_pixels = max_pixels;
  options.scheme = scheme;
  options.embed = embed;
  options.strict = strict;
  options.progress = progress_cb;
  options.progress_data = &progress;
  if (!cairn_format_import (store, format, argv[2], &options, report, &error))
    {
      progress_end (&progress);
      return cairn_cli_fail ("import", "%s (nothing was imported)", error->message);
    }
  progress_end (&progress);
  status = report_warnings ("import", report->warnings, warnings);
  printf ("Imported %u item%s (%u already present), %u annotation%s (%u already present), "
          "%u new label%s; %u warning%s\n",
          report->items_added, report->items_added == 1 ? "" : "s", report->items_skipped,
          report->annotations_added, report->annotations_added == 1 ? "" : "s",
          report->annotations_present,
          report->labels_added, report->labels_added == 1 ? "" : "s",
          report->warnings->len, report->warnings->len == 1 ? "" : "s");
  return status;
}

/* Strips each name ("train, val"); TRUE when one is left. */
static gboolean
has_name (GStrv names)
{
  gboolean any = FALSE;

  for (guint i = 0; names[i]; i++)
    any |= *g_strstrip (names[i]) != '\0';
  return any;
}

int
cairn_cli_export (int argc, char **argv)
{
  g_autofree char *format = NULL, *annotator = NULL, *out = NULL, *splits = NULL, *scheme = NULL;
  g_autofree char *warnings_path = NULL;
  gint64 max_pixels = 0;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *formats = list_formats (FALSE);
  g_autofree char *summary = g_strdup_printf ("Export annotations.\n\nFormats: %s", formats);
  g_auto(GStrv) split_list = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  Progress progress = { "Exporting", 0, isatty (2) };
  CairnFormatOptions options = { 0 };
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "The format (required)", "NAME" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Output folder (required)", "DIR" },
    { "split", 0, 0, G_OPTION_ARG_STRING, &splits, "Only these splits, each apart", "train,val,test" },
    { "warnings", 0, 0, G_OPTION_ARG_FILENAME, &warnings_path,
      "Write every note of what could not be exported to FILE", "FILE" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "Only this annotator's work", "NAME" },
    { "scheme", 0, 0, G_OPTION_ARG_STRING, &scheme, "Tagging scheme (iob2, bioes...)", "NAME" },
    { "max-pixels", 0, 0, G_OPTION_ARG_INT64, &max_pixels,
      "Paint no masks for images of more pixels (default 1000000000)", "N" },
    { NULL }
  };

  if (!cairn_cli_parse ("export", "PROJECT.cairn", summary, entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2)
    return cairn_cli_usage ("export", "expected one project file (see cairn help export)");
  if (format == NULL || out == NULL)
    return cairn_cli_usage ("export", "--format and --out are required (formats: %s)", formats);
  if (cairn_format_lookup (format) == NULL || cairn_format_lookup (format)->export == NULL)
    return cairn_cli_usage ("export", "cannot export “%s” (formats: %s)", format, formats);
  if (splits)
    split_list = g_strsplit (splits, ",", -1);
  if (split_list && !has_name (split_list))
    return cairn_cli_usage ("export", "--split needs at least one split name");
  if ((store = cairn_cli_open_readonly ("export", argv[1], &status)) == NULL)
    return status;
  if (max_pixels < 0)
    return cairn_cli_usage ("export", "--max-pixels must be a positive number");
  options.max_pixels = max_pixels;
  options.annotator = annotator;
  options.splits = split_list;
  options.scheme = scheme;
  options.progress = progress_cb;
  options.progress_data = &progress;
  options.warnings = warnings;
  if (!cairn_format_export (store, format, out, &options, &error))
    {
      progress_end (&progress);
      return cairn_cli_fail ("export", "%s", error->message);
    }
  progress_end (&progress);
  status = report_warnings ("export", warnings, warnings_path);
  printf ("Exported to %s; %u warning%s\n", out, warnings->len, warnings->len == 1 ? "" : "s");
  return status;
}
