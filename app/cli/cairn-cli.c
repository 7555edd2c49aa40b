#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "cairn-cli.h"
#include "cairn-cli-private.h"
#include "model/cairn-name.h"

/* The subcommands, in the order `cairn --help` lists them. */
static const struct
{
  const char       *name;
  CairnCommandFunc  run;
  const char       *summary;
} commands[] = {
  { "init", cairn_cli_init, "Create a project file" },
  { "import", cairn_cli_import, "Import media or annotations" },
  { "export", cairn_cli_export, "Export annotations" },
  { "info", cairn_cli_info, "Summarise a project" },
  { "check", cairn_cli_check, "Check a project file for damage and bad values" },
  { "labels", cairn_cli_labels, "List, add, remove, rename or merge labels" },
  { "schema", cairn_cli_schema, "Export or import the label schema as JSON" },
  { "guideline", cairn_cli_guideline, "The labelling guideline: versions, show, set, diff" },
  { "flags", cairn_cli_flags, "What needs another look (guideline re-check, ...)" },
  { "notes", cairn_cli_notes, "Edge-case notes: list, record, answer, resolve, promote" },
  { "plan", cairn_cli_plan, "The project plan and the progress against it" },
  { "agree", cairn_cli_agree, "Inter-annotator agreement" },
  { "consensus", cairn_cli_consensus, "Consensus labels and shapes from several annotators" },
  { "predictions", cairn_cli_predictions, "Import and list a model's predictions" },
  { "cleanse", cairn_cli_cleanse, "Find label errors: confident learning and rule checks" },
  { "fix", cairn_cli_fix, "Batch fixes as one undoable edit" },
  { NULL, NULL, NULL },
};

static void
print_help (FILE *out)
{
  fprintf (out, "Usage: cairn [PROJECT.cairn]\n"
                "       cairn COMMAND [ARGS...]\n\n"
                "Build AI training data: plan, collect, label, cleanse, release.\n"
                "With no command, opens the window.\n\nCommands:\n");
  for (guint i = 0; commands[i].name; i++)
    fprintf (out, "  %-11s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "  %-11s %s\n\n", "help", "Show help for a command");
  fprintf (out, "Options:\n  --help     Show this help\n  --version  Show the version\n");
}

static int
find_command (const char *name)
{
  for (guint i = 0; commands[i].name; i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
cairn_cli_wants (int argc, char **argv)
{
  if (argc < 2)
    return FALSE;
  return find_command (argv[1]) >= 0 || g_str_equal (argv[1], "help")
         || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
         || g_str_equal (argv[1], "--version")
         || (argv[1][0] != '-' && !g_str_has_suffix (argv[1], ".cairn")
             && !g_file_test (argv[1], G_FILE_TEST_EXISTS));
}

int
cairn_cli_run (int argc, char **argv)
{
  int index;

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("cairn %s\n", CAIRN_VERSION);
      return CAIRN_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help (stdout);
      return CAIRN_EXIT_OK;
    }
  if (g_str_equal (argv[1], "help"))
    {
      char *help_argv[] = { argc > 2 ? argv[2] : NULL, (char *) "--help", NULL };

      if (argc < 3)
        {
          print_help (stdout);
          return CAIRN_EXIT_OK;
        }
      index = find_command (argv[2]);
      if (index < 0)
        return cairn_cli_usage ("help", "unknown command “%s”", argv[2]);
      return commands[index].run (2, help_argv);
    }
  index = find_command (argv[1]);
  if (index < 0)
    {
      fprintf (stderr, "cairn: unknown command “%s” (see cairn --help)\n", argv[1]);
      return CAIRN_EXIT_USAGE;
    }
  return commands[index].run (argc - 1, argv + 1);
}

static int
vreport (const char *command, int status, const char *format, va_list args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *shown = cairn_name_escape (message);

  /* Messages quote file names and labels from elsewhere: no escape sequence gets through. */
  fprintf (stderr, "cairn %s: %s\n", command, shown);
  return status;
}

int
cairn_cli_fail (const char *command, const char *format, ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = vreport (command, CAIRN_EXIT_FAILURE, format, args);
  va_end (args);
  return status;
}

int
cairn_cli_usage (const char *command, const char *format, ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = vreport (command, CAIRN_EXIT_USAGE, format, args);
  va_end (args);
  return status;
}

gboolean
cairn_cli_parse (const char    *command,
                 const char    *parameter_string,
                 const char    *summary,
                 GOptionEntry  *entries,
                 int           *argc,
                 char        ***argv,
                 gboolean      *exit_now)
{
  g_autofree char *prgname = g_strdup_printf ("cairn %s", command);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  *exit_now = FALSE;
  g_option_context_set_summary (context, summary);
  g_option_context_set_help_enabled (context, FALSE);
  if (entries)
    g_option_context_add_main_entries (context, entries, NULL);
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--help") || g_str_equal ((*argv)[i], "-h"))
      {
        g_autofree char *help = NULL;

        g_set_prgname (prgname);
        help = g_option_context_get_help (context, TRUE, NULL);
        fputs (help, stdout);
        *exit_now = TRUE;
        return TRUE;
      }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cairn_cli_usage (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}
