#define G_LOG_DOMAIN "cairn-cli"

/* cairn plan: the project plan and where the work stands against it. */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "guide/cairn-guide-plan.h"
#include "model/cairn-name.h"

static void
print_line (const char *what, const char *text)
{
  g_autofree char *shown = cairn_name_escape (text);

  printf ("%-14s %s\n", what, shown);
}

static void
print_rows (const char *title, GPtrArray *rows)
{
  if (rows->len == 0)
    return;
  printf ("%s\n", title);
  for (guint i = 0; i < rows->len; i++)
    {
      const CairnPlanRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = cairn_name_escape (row->name);

      printf ("  %-20s %8" G_GINT64_FORMAT " / %-8" G_GINT64_FORMAT " %5.1f%%\n", name,
              row->done, row->target, 100 * cairn_plan_row_fraction (row));
    }
}

static int
plan_show (CairnStore *store, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnPlan) plan = cairn_plan_load (store, &error);
  g_autoptr(CairnPlanProgress) progress = NULL;

  if (plan == NULL || (progress = cairn_plan_progress (store, plan, &error)) == NULL)
    return cairn_cli_fail ("plan", "%s", error->message);
  if (json)
    {
      g_autoptr(JsonNode) node = cairn_plan_to_json (plan);
      g_autofree char *text = NULL;

      json_object_set_member (json_node_get_object (node), "progress",
                              cairn_plan_progress_to_json (progress));
      text = json_to_string (node, TRUE);
      printf ("%s\n", text);
      return CAIRN_EXIT_OK;
    }
  if (plan->purpose)
    print_line ("Purpose", plan->purpose);
  if (plan->collection)
    print_line ("Collection", plan->collection);
  if (plan->specification)
    print_line ("Specification", plan->specification);
  printf ("%-14s %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " items done (%" G_GINT64_FORMAT
          " in the project)\n", "Scale", progress->items_done, progress->target_items,
          progress->items);
  print_rows ("Annotations per label", progress->labels);
  print_rows ("Items per split", progress->splits);
  if (progress->daily->len > 0)
    printf ("Per annotator per day\n");
  for (guint i = 0; i < progress->daily->len; i++)
    {
      const CairnDailyCount *d = g_ptr_array_index (progress->daily, i);
      g_autofree char *who = cairn_name_escape (d->annotator);

      printf ("  %s  %-16s %" G_GINT64_FORMAT "\n", d->day, who, d->count);
    }
  return CAIRN_EXIT_OK;
}

static int
plan_set (CairnStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnPlan) plan = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &error))
    return cairn_cli_fail ("plan", "%s", error->message);
  if (strlen (text) != length)
    return cairn_cli_fail ("plan", "%s: not a JSON text", path);
  if ((plan = cairn_plan_from_json (text, &error)) == NULL)
    return cairn_cli_fail ("plan", "%s: %s", path, error->message);
  if (!cairn_plan_save (store, plan, &error))
    return cairn_cli_fail ("plan", "%s", error->message);
  printf ("plan set: %u label target%s, %u split target%s, %" G_GINT64_FORMAT " items\n",
          plan->labels->len, plan->labels->len == 1 ? "" : "s", plan->splits->len,
          plan->splits->len == 1 ? "" : "s", plan->target_items);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_plan (int argc, char **argv)
{
  g_autoptr(CairnStore) store = NULL;
  gboolean json = FALSE, exit_now, show;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "show: print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("plan", "PROJECT.cairn show [--json] | set FILE.json",
                        "The project plan (purpose, collection method, target scale, data "
                        "specification, targets per label and per split) and the progress "
                        "against it. FILE.json: {\"purpose\", \"collection\", \"specification\", "
                        "\"target_items\", \"labels\": {NAME: N}, \"splits\": {NAME: N}}.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  show = argc == 3 && g_str_equal (argv[2], "show");
  if (!show && !(argc == 4 && g_str_equal (argv[2], "set")))
    return cairn_cli_usage ("plan", "expected PROJECT.cairn show | set FILE.json");
  store = show ? cairn_cli_open_readonly ("plan", argv[1], &status)
               : cairn_cli_open ("plan", argv[1], &status);
  if (store == NULL)
    return status;
  return show ? plan_show (store, json) : plan_set (store, argv[3]);
}
