#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "model/cairn-keymap.h"
#include "cairn-cli-private.h"
#include "model/cairn-name.h"

int
cairn_cli_init (int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  gboolean exit_now;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "The project's name", "NAME" },
    { NULL }
  };

  if (!cairn_cli_parse ("init", "PROJECT.cairn", "Create an empty project file.", entries, &argc,
                        &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2)
    return cairn_cli_usage ("init", "expected one project file (see cairn help init)");
  store = cairn_store_create (argv[1], name, &error);
  if (store == NULL)
    return cairn_cli_fail ("init", "%s", error->message);
  return CAIRN_EXIT_OK;
}

static CairnStore *
open_project (const char *command, const char *path, gboolean read_only, int *status)
{
  g_autoptr(GError) error = NULL;
  CairnStore *store = read_only ? cairn_store_open_readonly (path, &error)
                                : cairn_store_open (path, &error);

  if (store == NULL)
    *status = cairn_cli_fail (command, "%s", error->message);
  return store;
}

CairnStore *
cairn_cli_open (const char *command, const char *path, int *status)
{
  return open_project (command, path, FALSE, status);
}

CairnStore *
cairn_cli_open_readonly (const char *command, const char *path, int *status)
{
  return open_project (command, path, TRUE, status);
}

static void
add_counts (JsonBuilder *b, const char *member, const char *const *keys, const gint64 *counts,
            guint n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    if (counts[i] > 0)
      {
        json_builder_set_member_name (b, keys[i]);
        json_builder_add_int_value (b, counts[i]);
      }
  json_builder_end_object (b);
}

int
cairn_cli_info (int argc, char **argv)
{
  gboolean json = FALSE, exit_now;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_label = NULL;
  g_autoptr(GPtrArray) annotators = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char *item_kinds[CAIRN_N_ITEM_KINDS], *kinds[CAIRN_N_KINDS];
  gint64 item_counts[CAIRN_N_ITEM_KINDS], counts[CAIRN_N_KINDS];
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("info", "PROJECT.cairn", "Summarise a project: items, annotations, labels.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2)
    return cairn_cli_usage ("info", "expected one project file (see cairn help info)");
  if ((store = cairn_cli_open_readonly ("info", argv[1], &status)) == NULL)
    return status;
  for (guint i = 0; i < CAIRN_N_ITEM_KINDS; i++)
    {
      item_kinds[i] = cairn_item_kind_to_string (i);
      item_counts[i] = cairn_store_count_items (store, i);
    }
  for (guint i = 0; i < CAIRN_N_KINDS; i++)
    kinds[i] = cairn_kind_to_string (i);
  if (!cairn_store_count_annotations_by_kind (store, counts, &error)
      || !(by_label = cairn_store_count_annotations_by_label (store, &error))
      || !(annotators = cairn_store_list_annotators (store, &error)))
    return cairn_cli_fail ("info", "%s", error->message);

  json_builder_begin_object (b);
  add_counts (b, "items", item_kinds, item_counts, CAIRN_N_ITEM_KINDS);
  add_counts (b, "annotations", kinds, counts, CAIRN_N_KINDS);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_object (b);
  for (guint i = 0; i < by_label->len; i++)
    {
      CairnCount *c = by_label->pdata[i];
      json_builder_set_member_name (b, c->key);
      json_builder_add_int_value (b, c->count);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "annotators");
  json_builder_add_int_value (b, annotators->len);
  json_builder_set_member_name (b, "guideline_version");
  json_builder_add_int_value (b, cairn_store_get_guideline_version (store));
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (json)
    {
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
      return CAIRN_EXIT_OK;
    }
  {
    g_autofree char *name = cairn_store_dup_name (store);
    gint64 total = 0;

    printf ("%s (%s)\n", name, argv[1]);
    printf ("Items: %" G_GINT64_FORMAT " image, %" G_GINT64_FORMAT " text, %" G_GINT64_FORMAT
            " audio\n", item_counts[0], item_counts[1], item_counts[2]);
    for (guint i = 0; i < CAIRN_N_KINDS; i++)
      total += counts[i];
    printf ("Annotations: %" G_GINT64_FORMAT "\n", total);
    for (guint i = 0; i < CAIRN_N_KINDS; i++)
      if (counts[i])
        printf ("  %-10s %" G_GINT64_FORMAT "\n", kinds[i], counts[i]);
    printf ("Labels:\n");
    for (guint i = 0; i < by_label->len; i++)
      printf ("  %-20s %" G_GINT64_FORMAT "\n", ((CairnCount *) by_label->pdata[i])->key,
              ((CairnCount *) by_label->pdata[i])->count);
    printf ("Annotators: %u\nGuideline version: %d\n", annotators->len,
            cairn_store_get_guideline_version (store));
  }
  return CAIRN_EXIT_OK;
}

static int
labels_list (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, &error);

  if (labels == NULL)
    return cairn_cli_fail ("labels", "%s", error->message);
  for (guint i = 0; i < labels->len; i++)
    {
      CairnLabel *l = labels->pdata[i];
      g_autofree char *kinds = cairn_label_kinds_to_string (l->kinds);

      printf ("%s\t%s\t%s\t%s\n", l->name, l->color, l->hotkey ? l->hotkey : "-",
              *kinds ? kinds : "any");
    }
  return CAIRN_EXIT_OK;
}

static int
labels_add (CairnStore *store, const char *name, const char *color, const char *key,
            const char *kinds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  double r, g, b;

  if (color && !cairn_color_parse (color, &r, &g, &b))
    return cairn_cli_usage ("labels", "--color must be #RRGGBB, not “%s”", color);
  if (key && g_utf8_strlen (key, -1) != 1)
    return cairn_cli_usage ("labels", "--key must be a single key, not “%s”", key);
  /* The window's tools and commands have these keys; a label with one would never get it. */
  if (key && !cairn_keymap_check_label_key (key, &error))
    return cairn_cli_usage ("labels", "--key: %s", error->message);
  if (kinds && !cairn_label_parse_kinds (kinds, &label->kinds, &error))
    return cairn_cli_usage ("labels", "--kinds: %s", error->message);
  label->color = g_strdup (color);
  label->hotkey = g_strdup (key);
  if (!cairn_store_add_label (store, label, &error))
    return cairn_cli_fail ("labels", "%s", error->message);
  return CAIRN_EXIT_OK;
}

static int
labels_remove (CairnStore *store, const char *name, gboolean force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = cairn_store_find_label (store, name, &error);

  if (label == NULL || !cairn_store_remove_label (store, label->id, force, &error))
    return cairn_cli_fail ("labels", "%s%s", error->message,
                           g_error_matches (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_IN_USE)
                             ? " (--force removes them too)" : "");
  return CAIRN_EXIT_OK;
}

int
cairn_cli_labels (int argc, char **argv)
{
  g_autofree char *color = NULL, *key = NULL, *kinds = NULL, *annotator = NULL;
  g_autoptr(CairnStore) store = NULL;
  gboolean force = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "rename, merge: whose edit it is",
      "NAME" },
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, "add: colour", "#RRGGBB" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, "add: hotkey", "K" },
    { "kinds", 0, 0, G_OPTION_ARG_STRING, &kinds, "add: allowed annotation kinds", "box,polygon" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "remove: also remove its annotations", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("labels", "PROJECT.cairn list | add NAME | remove NAME | "
                        "rename OLD NEW | merge FROM INTO",
                        "List, add or remove labels. rename and merge change every annotation "
                        "in one undoable edit.", entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc >= 3 && (g_str_equal (argv[2], "rename") || g_str_equal (argv[2], "merge")))
    {
      if ((store = cairn_cli_open ("labels", argv[1], &status)) == NULL)
        return status;
      return cairn_cli_labels_edit (store, argc, argv, annotator);
    }
  if (argc < 3)
    return cairn_cli_usage ("labels", "expected PROJECT.cairn list|add|remove (see cairn help labels)");
  if (g_str_equal (argv[2], "list") ? argc != 3
      : (g_str_equal (argv[2], "add") || g_str_equal (argv[2], "remove")) ? argc != 4 : TRUE)
    return cairn_cli_usage ("labels", "expected list, add NAME or remove NAME");
  store = g_str_equal (argv[2], "list") ? cairn_cli_open_readonly ("labels", argv[1], &status)
                                        : cairn_cli_open ("labels", argv[1], &status);
  if (store == NULL)
    return status;
  if (g_str_equal (argv[2], "list"))
    return labels_list (store);
  if (g_str_equal (argv[2], "add"))
    return labels_add (store, argv[3], color, key, kinds);
  return labels_remove (store, argv[3], force);
}

int
cairn_cli_check (int argc, char **argv)
{
  gboolean json = FALSE, exit_now;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  if (!cairn_cli_parse ("check", "PROJECT.cairn",
                        "Check a project file: SQLite's integrity, then every row and value. "
                        "Exits 1 when anything is wrong.", entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2)
    return cairn_cli_usage ("check", "expected one project file (see cairn help check)");
  if ((store = cairn_cli_open_readonly ("check", argv[1], &status)) == NULL)
    return status;
  if (!cairn_store_check (store, problems, &error))
    return cairn_cli_fail ("check", "%s", error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, problems->len == 0);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (b, problems->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *shown = cairn_name_escape (problems->pdata[i]);
          printf ("%s\n", shown);
        }
      printf ("%u problem%s\n", problems->len, problems->len == 1 ? "" : "s");
    }
  return problems->len ? CAIRN_EXIT_FAILURE : CAIRN_EXIT_OK;
}
