#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "cairn-cli-private.h"
#include "quality/cairn-cleanse.h"
#include "quality/cairn-confident-table.h"

typedef struct
{
  char     *labels;
  char     *probs;
  char     *label_column;
  char     *filter;
  char     *rank_by;
  char     *method;
  char     *model;
  char     *rules;
  gboolean  json;
  gboolean  no_flag;
  double    frac_noise;
  double    iou;
  gint      min_per_class;
} CleanseArgs;

static void
cleanse_args_clear (CleanseArgs *a)
{
  g_free (a->labels);
  g_free (a->probs);
  g_free (a->label_column);
  g_free (a->filter);
  g_free (a->rank_by);
  g_free (a->method);
  g_free (a->model);
  g_free (a->rules);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CleanseArgs, cleanse_args_clear)

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

static int
confident_options (const CleanseArgs *args, CairnConfidentOptions *options)
{
  if (args->filter && !cairn_prune_method_from_string (args->filter, &options->filter))
    return cairn_cli_usage ("cleanse", "unknown filter “%s” (prune_by_noise_rate, "
                            "prune_by_class, both, confident_learning or predicted_neq_given)",
                            args->filter);
  if (args->rank_by && !cairn_rank_by_from_string (args->rank_by, &options->rank_by))
    return cairn_cli_usage ("cleanse", "unknown ranking “%s” (self_confidence or "
                            "normalized_margin)", args->rank_by);
  if (!(args->frac_noise > 0 && args->frac_noise <= 1))
    return cairn_cli_usage ("cleanse", "--frac-noise must be above 0 and at most 1");
  if (args->min_per_class < 0)
    return cairn_cli_usage ("cleanse", "--min-per-class must be 0 or more");
  options->frac_noise = args->frac_noise;
  options->min_examples_per_class = (guint) args->min_per_class;
  return CAIRN_EXIT_OK;
}

static int
cleanse_tables (const CleanseArgs *args)
{
  CairnConfidentOptions options = CAIRN_CONFIDENT_OPTIONS_INIT;
  g_autoptr(CairnConfidentTable) table = NULL;
  g_autoptr(CairnConfidentResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (args->labels == NULL || args->probs == NULL)
    return cairn_cli_usage ("cleanse", "--labels and --probs go together");
  if (args->method || args->model || args->no_flag || args->rules)
    return cairn_cli_usage ("cleanse", "--method, --model, --rules and --no-flag apply to a "
                            "project, not to --labels/--probs");
  if ((status = confident_options (args, &options)) != CAIRN_EXIT_OK)
    return status;
  table = cairn_confident_table_load (args->labels, args->probs, args->label_column, &error);
  if (table == NULL)
    return cairn_cli_fail ("cleanse", "%s", error->message);
  result = cairn_confident_learning (table->labels, table->probs, table->n, table->k, &options,
                                     &error);
  if (result == NULL)
    return cairn_cli_fail ("cleanse", "%s: %s", args->labels, error->message);
  if (args->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      cairn_confident_result_add_json (result, options.filter,
                                       (const char *const *) table->ids->pdata,
                                       (const char *const *) table->classes->pdata, b);
      print_json (b);
    }
  else
    {
      g_autofree char *text = cairn_confident_result_to_text (
        result, options.filter, (const char *const *) table->ids->pdata,
        (const char *const *) table->classes->pdata);
      fputs (text, stdout);
    }
  return CAIRN_EXIT_OK;
}

static int
cleanse_project (const char *path, const CleanseArgs *args)
{
  CairnCleanseOptions options = CAIRN_CLEANSE_OPTIONS_INIT;
  CairnRuleConfig rules;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnCleanseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status = CAIRN_EXIT_OK;

  if (args->label_column)
    return cairn_cli_usage ("cleanse", "--label-column applies to --labels/--probs");
  if (args->method == NULL)
    return cairn_cli_usage ("cleanse", "a project needs --method confident (with --model NAME) "
                            "or --method rules");
  if (g_str_equal (args->method, "confident"))
    {
      options.method = CAIRN_CLEANSE_CONFIDENT;
      if (args->model == NULL)
        return cairn_cli_usage ("cleanse", "--method confident needs --model NAME (see cairn "
                                "predictions PROJECT list)");
      if ((status = confident_options (args, &options.confident)) != CAIRN_EXIT_OK)
        return status;
      if (!(args->iou > 0 && args->iou <= 1))
        return cairn_cli_usage ("cleanse", "--iou must be above 0 and at most 1");
      options.iou_threshold = args->iou;
    }
  else if (g_str_equal (args->method, "rules"))
    {
      options.method = CAIRN_CLEANSE_RULES;
      if (args->rules && !cairn_rule_config_from_json (&rules, args->rules, &error))
        return cairn_cli_usage ("cleanse", "--rules: %s", error->message);
      if (args->model || args->filter || args->rank_by)
        return cairn_cli_usage ("cleanse", "--model, --filter and --rank-by apply to --method "
                                "confident");
    }
  else
    return cairn_cli_usage ("cleanse", "unknown method “%s” (confident or rules)", args->method);
  options.model = args->model;
  if (args->rules && options.method != CAIRN_CLEANSE_RULES)
    return cairn_cli_usage ("cleanse", "--rules applies to --method rules");
  /* Only flagging and --rules write. */
  store = args->no_flag && args->rules == NULL ? cairn_cli_open_readonly ("cleanse", path, &status)
                                               : cairn_cli_open ("cleanse", path, &status);
  if (store == NULL)
    return status;
  if (args->rules && !cairn_rule_config_save (store, &rules, &error))
    return cairn_cli_fail ("cleanse", "%s: %s", path, error->message);
  report = cairn_cleanse_run (store, &options, &error);
  if (report == NULL)
    return cairn_cli_fail ("cleanse", "%s: %s", path, error->message);
  if (!args->no_flag && !cairn_cleanse_flag_items (store, report, &error))
    return cairn_cli_fail ("cleanse", "%s: flagging items for review: %s", path,
                           error->message);
  if (args->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      cairn_cleanse_report_add_json (report, b);
      print_json (b);
    }
  else
    {
      g_autofree char *text = cairn_cleanse_report_to_text (report);
      fputs (text, stdout);
    }
  return CAIRN_EXIT_OK;
}

int
cairn_cli_cleanse (int argc, char **argv)
{
  g_auto(CleanseArgs) args = { .frac_noise = 1.0, .min_per_class = 1, .iou = 0.5 };
  gboolean exit_now;
  GOptionEntry entries[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &args.method,
      "Project: confident (a model's predictions against the labels) or rules", "METHOD" },
    { "model", 0, 0, G_OPTION_ARG_STRING, &args.model,
      "Project: whose predictions (as imported with cairn predictions)", "NAME" },
    { "labels", 0, 0, G_OPTION_ARG_FILENAME, &args.labels,
      "A CSV of given labels (id, label) instead of a project", "FILE" },
    { "probs", 0, 0, G_OPTION_ARG_FILENAME, &args.probs,
      "A CSV of predicted probabilities (id, one column per class in class order)", "FILE" },
    { "label-column", 0, 0, G_OPTION_ARG_STRING, &args.label_column,
      "The given label's column in --labels (default label)", "NAME" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &args.filter,
      "prune_by_noise_rate (default), prune_by_class, both, confident_learning or "
      "predicted_neq_given", "METHOD" },
    { "rank-by", 0, 0, G_OPTION_ARG_STRING, &args.rank_by,
      "Order of the issues: self_confidence (default) or normalized_margin", "SCORE" },
    { "frac-noise", 0, 0, G_OPTION_ARG_DOUBLE, &args.frac_noise,
      "Keep this fraction of the estimated issues (default 1)", "F" },
    { "min-per-class", 0, 0, G_OPTION_ARG_INT, &args.min_per_class,
      "Leave at least this many examples in each class (default 1)", "N" },
    { "iou", 0, 0, G_OPTION_ARG_DOUBLE, &args.iou,
      "Project, shapes: a prediction covers a shape at IoU >= this (default 0.5)", "X" },
    { "rules", 0, 0, G_OPTION_ARG_STRING, &args.rules,
      "Project, --method rules: set and keep the configuration first, e.g. "
      "{\"disabled\": [\"label-kind\"], \"min_box_size\": 8, \"duplicate_iou\": 0.9}", "JSON" },
    { "no-flag", 0, 0, G_OPTION_ARG_NONE, &args.no_flag,
      "Project: don't put the suspect items into the review queue", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("cleanse", "[PROJECT.cairn]",
                        "Find label errors: confident learning (Northcutt et al. 2021, as "
                        "cleanlab 2.x computes it) from a model's predictions, or the project's "
                        "rule checks.\n"
                        "Suspect items go into the review queue with the suggested label.\n"
                        "Outside a project: --labels FILE --probs FILE.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if ((args.labels || args.probs) && argc != 1)
    return cairn_cli_usage ("cleanse", "give either a project or --labels/--probs, not both");
  if (args.labels || args.probs)
    return cleanse_tables (&args);
  if (argc != 2)
    return cairn_cli_usage ("cleanse", "expected one project file, or --labels FILE --probs "
                            "FILE (see cairn help cleanse)");
  return cleanse_project (argv[1], &args);
}
