#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "cairn-cli-private.h"
#include "quality/cairn-predictions.h"

#define SHOWN_WARNINGS 20

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

static int
predictions_import (CairnStore *store, const char *file, const char *model, gboolean json)
{
  g_autoptr(CairnPredictionsSummary) s = NULL;
  g_autoptr(GError) error = NULL;

  if (model == NULL)
    return cairn_cli_usage ("predictions", "import needs --model NAME");
  s = cairn_predictions_import (store, file, model, &error);
  if (s == NULL)
    return cairn_cli_fail ("predictions", "%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      cairn_predictions_summary_add_json (s, b);
      print_json (b);
      return CAIRN_EXIT_OK;
    }
  printf ("Model %s: %u items, %u classifications, %u shapes", s->model, s->items,
          s->classifications, s->shapes);
  if (s->replaced)
    printf (" (replacing %u earlier predictions)", s->replaced);
  if (s->labels_added)
    printf (", %u new labels", s->labels_added);
  printf ("; %u warnings\n", s->warnings->len);
  for (guint i = 0; i < MIN (s->warnings->len, SHOWN_WARNINGS); i++)
    fprintf (stderr, "cairn predictions: %s\n", (char *) s->warnings->pdata[i]);
  if (s->warnings->len > SHOWN_WARNINGS)
    fprintf (stderr, "cairn predictions: … and %u more warnings\n",
             s->warnings->len - SHOWN_WARNINGS);
  return CAIRN_EXIT_OK;
}

static int
predictions_list (CairnStore *store, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = cairn_predictions_list_models (store, &error);

  if (models == NULL)
    return cairn_cli_fail ("predictions", "%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < models->len; i++)
        {
          CairnModelInfo *m = models->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, m->name);
          json_builder_set_member_name (b, "predictions");
          json_builder_add_int_value (b, m->predictions);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return CAIRN_EXIT_OK;
    }
  if (models->len == 0)
    printf ("No predictions (import some with cairn predictions PROJECT import FILE "
            "--model NAME)\n");
  for (guint i = 0; i < models->len; i++)
    {
      CairnModelInfo *m = models->pdata[i];
      printf ("%s\t%u predictions\n", m->name, m->predictions);
    }
  return CAIRN_EXIT_OK;
}

int
cairn_cli_predictions (int argc, char **argv)
{
  g_autofree char *model = NULL;
  g_autoptr(CairnStore) store = NULL;
  gboolean json = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, "import: the model's name", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("predictions", "PROJECT.cairn import FILE --model NAME | list",
                        "A model's predictions, kept beside the people's annotations (origin "
                        "model, with scores).\n"
                        "FILE is CSV (item, then one probability column per class) or JSONL "
                        "({\"item\", \"probabilities\": {...}, \"annotations\": [...]} a line).\n"
                        "Importing a model again replaces its earlier predictions.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3 || !(g_str_equal (argv[2], "import") ? argc == 4
                    : g_str_equal (argv[2], "list") ? argc == 3 : FALSE))
    return cairn_cli_usage ("predictions", "expected PROJECT.cairn import FILE --model NAME, "
                            "or PROJECT.cairn list (see cairn help predictions)");
  if (g_str_equal (argv[2], "list") && model)
    return cairn_cli_usage ("predictions", "--model applies to import");
  store = g_str_equal (argv[2], "list") ? cairn_cli_open_readonly ("predictions", argv[1], &status)
                                        : cairn_cli_open ("predictions", argv[1], &status);
  if (store == NULL)
    return status;
  if (g_str_equal (argv[2], "import"))
    return predictions_import (store, argv[3], model, json);
  return predictions_list (store, json);
}
