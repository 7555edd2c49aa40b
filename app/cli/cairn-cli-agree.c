#define G_LOG_DOMAIN "cairn-cli"

#include <math.h>
#include <stdio.h>

#include "cairn-cli-private.h"
#include "quality/cairn-agreement.h"
#include "quality/cairn-quality-report.h"

typedef struct
{
  char     *csv;
  char     *metric;
  char     *level;
  char     *weights;
  char     *layout;
  char     *raters;
  char     *label;
  char     *kind;
  gboolean  json;
  gboolean  no_flag;
  gint      bootstrap;
  gint64    seed;
} AgreeArgs;

static void
agree_args_clear (AgreeArgs *a)
{
  g_free (a->csv);
  g_free (a->metric);
  g_free (a->level);
  g_free (a->weights);
  g_free (a->layout);
  g_free (a->raters);
  g_free (a->label);
  g_free (a->kind);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AgreeArgs, agree_args_clear)

static const char *
metric_title (const CairnAgreement *a)
{
  switch (a->metric)
    {
    case CAIRN_METRIC_COHEN:
      return "Cohen's kappa";
    case CAIRN_METRIC_FLEISS:
      return "Fleiss' kappa";
    case CAIRN_METRIC_KRIPPENDORFF:
      return "Krippendorff's alpha";
    case CAIRN_METRIC_PERCENT:
    case CAIRN_N_METRICS:
    default:
      return "Percent agreement";
    }
}

static void
print_value (double value)
{
  if (isfinite (value))
    printf ("%.4f", value);
  else
    printf ("undefined");
}

static void
print_skips (GPtrArray *skipped)
{
  if (skipped == NULL || skipped->len == 0)
    return;
  printf ("Left out (%u):\n", skipped->len);
  for (guint i = 0; i < skipped->len; i++)
    {
      CairnSkip *s = skipped->pdata[i];
      printf ("  %s: %s (%s)\n", s->item, cairn_skip_reason_to_string (s->reason), s->detail);
    }
}

static void
print_agreement (const CairnAgreement *a, guint n_items, double confidence)
{
  printf ("%s", metric_title (a));
  if (a->metric == CAIRN_METRIC_KRIPPENDORFF)
    printf (" (%s)", cairn_level_to_string (a->level));
  if (a->metric == CAIRN_METRIC_COHEN && a->weights != CAIRN_WEIGHTS_NONE)
    printf (" (%s weights)", cairn_weights_to_string (a->weights));
  printf (": ");
  print_value (a->value);
  printf ("\n  items: %u of %u, raters: %u, ratings: %u\n", a->n_items, n_items, a->n_raters,
          a->n_values);
  if (isfinite (a->ci_low))
    printf ("  %.0f%% interval (bootstrap, %u replicates): [%.4f, %.4f]\n", confidence * 100,
            a->bootstrap, a->ci_low, a->ci_high);
  if (!isfinite (a->value) && a->n_items > 0)
    printf ("  (undefined: the ratings use a single category, so chance agreement is total)\n");
  print_skips (a->skipped);
}

static void
print_json_root (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

/* Checks the options that make no sense together before any file is read. */
static int
check_csv_args (const AgreeArgs *args, CairnAgreementOptions *options,
                CairnRatingsLayout *layout)
{
  if (args->label || args->kind)
    return cairn_cli_usage ("agree", "--label and --kind apply to a project, not to --csv");
  if (args->metric == NULL)
    return cairn_cli_usage ("agree", "--csv needs --metric cohen|fleiss|krippendorff");
  if (!cairn_metric_from_string (args->metric, &options->metric))
    return cairn_cli_usage ("agree", "unknown metric “%s” (cohen, fleiss, krippendorff or "
                            "percent)", args->metric);
  if (args->level && !cairn_level_from_string (args->level, &options->level))
    return cairn_cli_usage ("agree", "unknown level “%s” (nominal, ordinal, interval or ratio)",
                            args->level);
  if (args->level && options->metric != CAIRN_METRIC_KRIPPENDORFF)
    return cairn_cli_usage ("agree", "--level applies to --metric krippendorff only");
  if (args->weights && !cairn_weights_from_string (args->weights, &options->weights))
    return cairn_cli_usage ("agree", "unknown weights “%s” (none, linear or quadratic)",
                            args->weights);
  if (args->weights && options->metric != CAIRN_METRIC_COHEN)
    return cairn_cli_usage ("agree", "--weights applies to --metric cohen only");
  if (args->layout && !cairn_ratings_layout_from_string (args->layout, layout))
    return cairn_cli_usage ("agree", "unknown layout “%s” (items, raters or counts)",
                            args->layout);
  if (*layout == CAIRN_LAYOUT_COUNTS && args->raters)
    return cairn_cli_usage ("agree", "--raters can't pick raters from a counts table: its "
                            "raters have no names");
  if (*layout == CAIRN_LAYOUT_COUNTS && (options->metric == CAIRN_METRIC_COHEN))
    return cairn_cli_usage ("agree", "Cohen's kappa needs to know which rater gave which "
                            "rating; a counts table doesn't say (use --layout items or raters)");
  if (args->bootstrap < 0)
    return cairn_cli_usage ("agree", "--bootstrap must be 0 or more");
  options->bootstrap = (guint) args->bootstrap;
  options->seed = (guint64) args->seed;
  return CAIRN_EXIT_OK;
}

static int
agree_csv (const AgreeArgs *args)
{
  CairnAgreementOptions options = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  CairnRatingsLayout layout = CAIRN_LAYOUT_ITEMS;
  g_autoptr(CairnRatings) ratings = NULL;
  g_autoptr(CairnAgreement) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;
  int status;

  if ((status = check_csv_args (args, &options, &layout)) != CAIRN_EXIT_OK)
    return status;
  ratings = cairn_ratings_load_csv (args->csv, layout, &error);
  if (ratings == NULL)
    return cairn_cli_fail ("agree", "%s", error->message);
  if (args->raters)
    {
      g_autoptr(CairnRatings) picked = cairn_ratings_select_raters_by_name (ratings, args->raters,
                                                                            &error);
      if (picked == NULL)
        return cairn_cli_usage ("agree", "--raters: %s in %s", error->message, args->csv);
      g_clear_pointer (&ratings, cairn_ratings_free);
      ratings = g_steal_pointer (&picked);
    }
  if (options.metric == CAIRN_METRIC_COHEN && cairn_ratings_get_n_raters (ratings) != 2)
    return cairn_cli_usage ("agree", "Cohen's kappa compares two raters; %s has %u (pick two "
                            "with --raters A,B)", args->csv,
                            cairn_ratings_get_n_raters (ratings));
  n_items = cairn_ratings_get_n_items (ratings);
  if (layout == CAIRN_LAYOUT_COUNTS && options.metric == CAIRN_METRIC_FLEISS)
    {
      g_autofree guint *counts = cairn_ratings_to_counts (ratings);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (ids, (char *) cairn_ratings_get_item_id (ratings, i));
      result = cairn_agreement_fleiss_counts (counts, n_items,
                                              cairn_ratings_get_n_categories (ratings),
                                              (const char *const *) ids->pdata, &error);
    }
  else
    result = cairn_agreement_compute (ratings, &options, &error);
  if (result == NULL)
    return cairn_cli_fail ("agree", "%s: %s", args->csv, error->message);
  if (args->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      cairn_agreement_add_json (result, b);
      print_json_root (b);
    }
  else
    print_agreement (result, n_items, options.confidence);
  return CAIRN_EXIT_OK;
}

static int
agree_project (const char *path, const AgreeArgs *args)
{
  CairnQualityOptions options = CAIRN_QUALITY_OPTIONS_INIT;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnQualityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status = CAIRN_EXIT_OK;

  if (args->metric || args->level || args->weights || args->layout || args->raters)
    return cairn_cli_usage ("agree", "--metric, --level, --weights, --layout and --raters apply "
                            "to --csv; a project gets every metric that fits");
  if (args->kind)
    {
      CairnKind kind;
      if (!cairn_kind_from_string (args->kind, &kind))
        return cairn_cli_usage ("agree", "unknown kind “%s”", args->kind);
      options.kind = kind;
    }
  if (args->bootstrap < 0)
    return cairn_cli_usage ("agree", "--bootstrap must be 0 or more");
  options.bootstrap = (guint) args->bootstrap;
  options.seed = (guint64) args->seed;
  options.label = args->label;
  store = args->no_flag ? cairn_cli_open_readonly ("agree", path, &status)
                        : cairn_cli_open ("agree", path, &status);
  if (store == NULL)
    return status;
  report = cairn_quality_report_compute (store, &options, &error);
  if (report == NULL)
    return cairn_cli_fail ("agree", "%s: %s", path, error->message);
  if (!args->no_flag && !cairn_quality_report_flag_items (store, report, &error))
    return cairn_cli_fail ("agree", "%s: flagging items for review: %s", path, error->message);
  if (args->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      cairn_quality_report_add_json (report, b);
      print_json_root (b);
    }
  else
    {
      g_autofree char *text = cairn_quality_report_to_text (report);
      fputs (text, stdout);
    }
  return CAIRN_EXIT_OK;
}

int
cairn_cli_agree (int argc, char **argv)
{
  g_auto(AgreeArgs) args = { .bootstrap = 1000, .seed = 1 };
  gboolean exit_now;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &args.csv, "A table of ratings instead of a project",
      "FILE" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &args.metric,
      "With --csv: cohen, fleiss, krippendorff or percent", "METRIC" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &args.level,
      "Krippendorff: nominal (default), ordinal, interval or ratio", "LEVEL" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &args.weights,
      "Cohen: none (default), linear or quadratic", "WEIGHTS" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &args.layout,
      "items (a row per item, default), raters (a row per rater) or counts (a row per item, a "
      "column per category)", "LAYOUT" },
    { "raters", 0, 0, G_OPTION_ARG_STRING, &args.raters, "Use only these raters", "A,B" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &args.label, "Project: only this label", "NAME" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &args.kind, "Project: only this annotation kind",
      "KIND" },
    { "bootstrap", 0, 0, G_OPTION_ARG_INT, &args.bootstrap,
      "Replicates for the 95% interval (default 1000; 0 = none)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args.seed, "Bootstrap seed (default 1)", "N" },
    { "no-flag", 0, 0, G_OPTION_ARG_NONE, &args.no_flag,
      "Project: don't flag low-agreement items for review", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("agree", "[PROJECT.cairn]",
                        "Inter-annotator agreement: of a project's annotators, or of a CSV table "
                        "of ratings (--csv FILE --metric M).\n"
                        "A project's items whose agreement is below its agreement_threshold "
                        "(default 0.6) are flagged for review.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (args.csv && argc != 1)
    return cairn_cli_usage ("agree", "give either a project or --csv FILE, not both");
  if (args.csv)
    return agree_csv (&args);
  if (argc != 2)
    return cairn_cli_usage ("agree", "expected one project file, or --csv FILE (see cairn help "
                            "agree)");
  return agree_project (argv[1], &args);
}
