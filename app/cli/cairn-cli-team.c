#define G_LOG_DOMAIN "cairn-cli"

/* cairn assign, package and merge (issue 14): who works on what, offline task packages, and
 * bringing their work back. */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "model/cairn-name.h"
#include "team/cairn-assign.h"
#include "team/cairn-merge.h"
#include "team/cairn-package.h"

typedef struct
{
  char     *annotators;
  char     *out;
  double    overlap;
  gint      copies;
  gint64    seed;
  gboolean  embed;
  gboolean  json;
} TeamArgs;

static void
team_args_clear (TeamArgs *a)
{
  g_free (a->annotators);
  g_free (a->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TeamArgs, team_args_clear)

#define TEAM_ARGS_INIT { NULL, NULL, 0.1, 2, 1, FALSE, FALSE }

static GArray *
ensure_annotators (CairnStore *store, const char *command, const char *list, int *status)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      char *name = g_strstrip (names[i]);
      gint64 id;

      if (*name == '\0')
        continue;
      id = cairn_store_ensure_annotator (store, name, NULL, &error);
      if (id == 0)
        {
          *status = cairn_cli_fail (command, "%s", error->message);
          return NULL;
        }
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id)
          {
            *status = cairn_cli_usage (command, "“%s” is named twice in --annotators", name);
            return NULL;
          }
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    {
      *status = cairn_cli_usage (command, "--annotators names nobody");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static void
print_plan (CairnStore *store, GArray *annotator_ids, GArray *plan)
{
  for (guint a = 0; a < annotator_ids->len; a++)
    {
      gint64 id = g_array_index (annotator_ids, gint64, a);
      g_autofree char *name = cairn_store_dup_annotator_name (store, id);
      g_autofree char *shown = cairn_name_escape (name);
      guint n = 0, overlap = 0, kinds[CAIRN_N_ITEM_KINDS] = { 0 };

      for (guint i = 0; i < plan->len; i++)
        {
          const CairnAssignment *row = &g_array_index (plan, CairnAssignment, i);
          g_autoptr(CairnItem) item = NULL;

          if (row->annotator_id != id)
            continue;
          n++, overlap += row->overlap;
          if ((item = cairn_store_get_item (store, row->item_id, NULL)) != NULL)
            kinds[item->kind]++;
        }
      /* The mix each one got, so a reader can see it is fair. */
      printf ("%s: %u items (%u shared for agreement): %u image, %u text, %u audio\n", shown, n,
              overlap, kinds[CAIRN_ITEM_IMAGE], kinds[CAIRN_ITEM_TEXT], kinds[CAIRN_ITEM_AUDIO]);
    }
}

/* Assigns and saves the plan: what assign does, and package with --annotators. */
static int
assign (CairnStore *store, const char *command, const TeamArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GArray) ids = NULL;
  CairnAssignOptions options = CAIRN_ASSIGN_OPTIONS_INIT;
  int status = CAIRN_EXIT_OK;

  if ((ids = ensure_annotators (store, command, args->annotators, &status)) == NULL)
    return status;
  options.overlap = args->overlap;
  options.copies = (guint) CLAMP (args->copies, 0, 100);
  options.seed = (guint32) args->seed;
  plan = cairn_assign_plan (store, ids, &options, &error);
  if (plan == NULL)
    return g_error_matches (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID)
           ? cairn_cli_usage (command, "%s", error->message)
           : cairn_cli_fail (command, "%s", error->message);
  if (!cairn_store_replace_assignments (store, plan, &error))
    return cairn_cli_fail (command, "%s", error->message);
  print_plan (store, ids, plan);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_assign (int argc, char **argv)
{
  g_auto(TeamArgs) args = TEAM_ARGS_INIT;
  g_autoptr(CairnStore) store = NULL;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "annotators", 0, 0, G_OPTION_ARG_STRING, &args.annotators,
      "Who gets items, comma-separated", "A,B,C" },
    { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &args.overlap,
      "Share of items given to more than one annotator, for agreement (default 0.1)", "SHARE" },
    { "copies", 0, 0, G_OPTION_ARG_INT, &args.copies,
      "Annotators per shared item, 2 or 3 (default 2)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args.seed,
      "The same seed gives the same plan (default 1)", "N" },
    { NULL },
  };

  if (!cairn_cli_parse ("assign", "PROJECT.cairn --annotators A,B,C",
                        "Give every item to one annotator and a share of them to 2 or 3, "
                        "for agreement;\nstratified by kind and label, the same for the same "
                        "seed. The plan replaces the last one;\nit is each annotator's queue "
                        "(My items) and what cairn package writes.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2 || args.annotators == NULL)
    return cairn_cli_usage ("assign", "expected PROJECT.cairn --annotators A,B,C");
  if ((store = cairn_cli_open ("assign", argv[1], &status)) == NULL)
    return status;
  return assign (store, "assign", &args);
}

int
cairn_cli_package (int argc, char **argv)
{
  g_auto(TeamArgs) args = TEAM_ARGS_INIT;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &args.out, "The folder the packages go in", "DIR" },
    { "embed-media", 0, 0, G_OPTION_ARG_NONE, &args.embed,
      "Put the images and audio in the packages (for the field)", NULL },
    { "annotators", 0, 0, G_OPTION_ARG_STRING, &args.annotators,
      "Assign first (as cairn assign does); otherwise the last plan", "A,B,C" },
    { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &args.overlap, "With --annotators: shared share",
      "SHARE" },
    { "copies", 0, 0, G_OPTION_ARG_INT, &args.copies, "With --annotators: annotators per "
      "shared item", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args.seed, "With --annotators: the plan's seed", "N" },
    { NULL },
  };

  if (!cairn_cli_parse ("package", "PROJECT.cairn --out DIR",
                        "Write one project file per assigned annotator: their items with "
                        "every annotation,\nthe labels and the guideline. Each opens in Cairn "
                        "like any project; cairn merge brings the work back.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2 || args.out == NULL)
    return cairn_cli_usage ("package", "expected PROJECT.cairn --out DIR");
  if ((store = cairn_cli_open ("package", argv[1], &status)) == NULL)
    return status;
  if (args.annotators && (status = assign (store, "package", &args)) != CAIRN_EXIT_OK)
    return status;
  infos = cairn_package_write_all (store, args.out, args.embed, &error);
  if (infos == NULL)
    return cairn_cli_fail ("package", "%s", error->message);
  for (guint i = 0; i < infos->len; i++)
    {
      CairnPackageInfo *info = infos->pdata[i];
      g_autofree char *who = cairn_name_escape (info->annotator);
      g_autofree char *path = cairn_name_escape (info->path);

      printf ("%s: %s (%u items, %u annotations)\n", who, path, info->items, info->annotations);
    }
  return CAIRN_EXIT_OK;
}

static void
print_report (const CairnMergeReport *report)
{
  g_autofree char *summary = cairn_merge_report_summary (report);
  g_autofree char *shown = cairn_name_escape (summary);

  printf ("%s\n", shown);
  for (guint i = 0; i < report->notes->len; i++)
    {
      g_autofree char *line = cairn_name_escape (report->notes->pdata[i]);
      printf ("  %s\n", line);
    }
}

int
cairn_cli_merge (int argc, char **argv)
{
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autofree char *annotator = NULL;
  gint64 actor = 0;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator,
      "Whose edits the merges are (and whose undo takes them back)", "NAME" },
    { NULL },
  };

  if (!cairn_cli_parse ("merge", "PROJECT.cairn PACKAGE.cairn...",
                        "Bring task packages back: new, changed and deleted annotations, matched "
                        "by identity.\nWhat both sides changed is kept in both versions and "
                        "flagged \"conflict\" (cairn review PROJECT list --reason conflict).\n"
                        "Merging a package again adds nothing. Each package is one edit.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3)
    return cairn_cli_usage ("merge", "expected PROJECT.cairn PACKAGE.cairn...");
  if ((store = cairn_cli_open ("merge", argv[1], &status)) == NULL)
    return status;
  if (annotator)
    {
      g_autoptr(GError) error = NULL;

      /* Someone new named here merges as an admin; an annotator stays one, and cannot bring
       * a package's version onto an accepted item. */
      if ((actor = cairn_store_ensure_annotator (store, annotator, "admin", &error)) == 0)
        return cairn_cli_fail ("merge", "%s", error->message);
    }
  stack = cairn_edit_stack_new (store, actor);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnMergeReport) report = cairn_merge_package (stack, argv[i], &error);

      if (report == NULL)
        return cairn_cli_fail ("merge", "%s", error->message);
      print_report (report);
    }
  return CAIRN_EXIT_OK;
}
