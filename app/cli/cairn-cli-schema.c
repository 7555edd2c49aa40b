#define G_LOG_DOMAIN "cairn-cli"

/* cairn schema (export, import) and cairn labels rename|merge: label changes as edits. */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "edit/cairn-edit-labels.h"
#include "edit/cairn-edit-stack.h"
#include "guide/cairn-guide-schema.h"

static int
push (const char *command, CairnStore *store, CairnEdit *edit, const char *annotator)
{
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  gint64 who = 0;

  if (annotator && (who = cairn_store_ensure_annotator (store, annotator, "annotator",
                                                        &error)) == 0)
    return cairn_cli_fail (command, "%s", error->message);
  stack = cairn_edit_stack_new (store, who);
  if (!cairn_edit_stack_push (stack, edit, &error))
    return cairn_cli_fail (command, "%s", error->message);
  return CAIRN_EXIT_OK;
}

static void
print_undo_hint (CairnStore *store, const char *annotator)
{
  printf (" (cairn fix %s undo%s%s takes it back)\n", cairn_store_get_path (store),
          annotator ? " --annotator " : "", annotator ? annotator : "");
}

int
cairn_cli_labels_edit (CairnStore *store, int argc, char **argv, const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  gboolean rename = g_str_equal (argv[2], "rename");
  int status;

  if (argc != 5)
    return cairn_cli_usage ("labels", rename ? "rename OLD NEW" : "merge FROM INTO");
  edit = rename ? cairn_edit_new_rename_label (store, argv[3], argv[4], &error)
                : cairn_edit_new_merge_labels (store, argv[3], argv[4], &error);
  if (edit == NULL)
    return cairn_cli_fail ("labels", "%s", error->message);
  if ((status = push ("labels", store, edit, annotator)) != CAIRN_EXIT_OK)
    return status;
  if (rename)
    printf ("label %s renamed %s", argv[3], argv[4]);
  else
    printf ("label %s merged into %s: %u annotation%s relabelled", argv[3], argv[4],
            cairn_edit_get_n_changes (edit) - 1, cairn_edit_get_n_changes (edit) == 2 ? "" : "s");
  print_undo_hint (store, annotator);
  return CAIRN_EXIT_OK;
}

static int
schema_export (CairnStore *store, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = cairn_guide_schema_export (store, &error);
  g_autofree char *text = NULL;

  if (root == NULL)
    return cairn_cli_fail ("schema", "%s", error->message);
  text = json_to_string (root, TRUE);
  if (!g_file_set_contents (path, text, -1, &error))
    return cairn_cli_fail ("schema", "%s", error->message);
  printf ("schema written to %s\n", path);
  return CAIRN_EXIT_OK;
}

static int
schema_import (CairnStore *store, const char *path, const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = cairn_guide_schema_import (store, path, &error);
  int status;

  if (edit == NULL)
    return cairn_cli_fail ("schema", "%s", error->message);
  if (cairn_edit_get_n_changes (edit) == 0)
    {
      printf ("%s: the schema is already the project's\n", path);
      return CAIRN_EXIT_OK;
    }
  if ((status = push ("schema", store, edit, annotator)) != CAIRN_EXIT_OK)
    return status;
  printf ("%u label%s added or changed", cairn_edit_get_n_changes (edit),
          cairn_edit_get_n_changes (edit) == 1 ? "" : "s");
  print_undo_hint (store, annotator);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_schema (int argc, char **argv)
{
  g_autofree char *annotator = NULL;
  g_autoptr(CairnStore) store = NULL;
  gboolean exit_now, export;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "import: whose edit it is", "NAME" },
    { NULL }
  };

  if (!cairn_cli_parse ("schema", "PROJECT.cairn export FILE.json | import FILE.json",
                        "The label schema (labels, attributes, skeletons, guideline anchors) as "
                        "JSON. import adds and changes labels by name as one undoable edit.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 4 || (!g_str_equal (argv[2], "export") && !g_str_equal (argv[2], "import")))
    return cairn_cli_usage ("schema", "expected PROJECT.cairn export|import FILE.json");
  export = g_str_equal (argv[2], "export");
  store = export ? cairn_cli_open_readonly ("schema", argv[1], &status)
                 : cairn_cli_open ("schema", argv[1], &status);
  if (store == NULL)
    return status;
  return export ? schema_export (store, argv[3]) : schema_import (store, argv[3], annotator);
}
