#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "cairn-cli-private.h"
#include "quality/cairn-quality-report.h"

static void
print_summary (const CairnConsensusSummary *s)
{
  printf ("Consensus (%s) over %u items with two annotators or more:\n",
          s->method == CAIRN_CONSENSUS_VOTE ? "majority vote" : "Dawid–Skene", s->items);
  printf ("  %u labels and %u fused shapes stored as consensus annotations", s->labels,
          s->shapes);
  if (s->replaced)
    printf (" (replacing %u earlier ones)", s->replaced);
  printf ("\n");
  if (s->dawid_skene)
    {
      printf ("Annotator reliability (Dawid–Skene, %u iterations):\n",
              s->dawid_skene->iterations);
      for (guint r = 0; r < s->dawid_skene->n_raters; r++)
        printf ("  %-22s %.3f\n", ((CairnAnnotator *) s->annotators->pdata[r])->name,
                s->dawid_skene->reliability[r]);
    }
  if (s->ties->len)
    printf ("No consensus (%u):\n", s->ties->len);
  for (guint i = 0; i < s->ties->len; i++)
    {
      CairnSkip *t = s->ties->pdata[i];
      printf ("  item %s: %s\n", t->item, t->detail);
    }
}

int
cairn_cli_consensus (int argc, char **argv)
{
  g_autofree char *method = NULL;
  gboolean json = FALSE, exit_now;
  double iou = 0.5;
  CairnConsensusMethod m;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnConsensusSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, "vote or dawid-skene", "METHOD" },
    { "iou", 0, 0, G_OPTION_ARG_DOUBLE, &iou, "Shapes match at IoU >= this (default 0.5)",
      "X" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("consensus", "PROJECT.cairn",
                        "Compute consensus labels (majority vote or Dawid–Skene) and fused "
                        "shapes, stored as annotations of origin consensus; earlier consensus "
                        "is replaced, nobody's annotations are changed.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2)
    return cairn_cli_usage ("consensus", "expected one project file (see cairn help consensus)");
  if (method == NULL)
    return cairn_cli_usage ("consensus", "--method vote|dawid-skene is required");
  if (g_str_equal (method, "vote"))
    m = CAIRN_CONSENSUS_VOTE;
  else if (g_str_equal (method, "dawid-skene"))
    m = CAIRN_CONSENSUS_DAWID_SKENE;
  else
    return cairn_cli_usage ("consensus", "unknown method “%s” (vote or dawid-skene)", method);
  if (!(iou > 0 && iou <= 1))
    return cairn_cli_usage ("consensus", "--iou must be above 0 and at most 1");
  if ((store = cairn_cli_open ("consensus", argv[1], &status)) == NULL)
    return status;
  summary = cairn_quality_consensus (store, m, iou, &error);
  if (summary == NULL)
    return cairn_cli_fail ("consensus", "%s: %s", argv[1], error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      cairn_consensus_summary_add_json (summary, b);
      root = json_builder_get_root (b);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else
    print_summary (summary);
  return CAIRN_EXIT_OK;
}
