#define G_LOG_DOMAIN "cairn-cli"

#include <stdio.h>

#include "cairn-cli-private.h"
#include "edit/cairn-edit-stack.h"
#include "quality/cairn-batch-fix.h"

typedef struct
{
  char     *annotator;
  char     *from;
  char     *to;
  char     *kind;
  char     *where;
  double    min_size;
  gboolean  dry_run;
} FixArgs;

static void
fix_args_clear (FixArgs *a)
{
  g_free (a->annotator);
  g_free (a->from);
  g_free (a->to);
  g_free (a->kind);
  g_free (a->where);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FixArgs, fix_args_clear)

static const struct
{
  const char *action;
  CairnRule   rule;
} rule_actions[] = {
  { "delete-tiny", CAIRN_RULE_BOX_TOO_SMALL },
  { "clip", CAIRN_RULE_BOX_OUTSIDE_IMAGE },
  { "trim-spans", CAIRN_RULE_SPAN_WHITESPACE },
  { "snap-spans", CAIRN_RULE_SPAN_WORD_BOUNDARY },
  { "dedupe", CAIRN_RULE_DUPLICATE_SHAPE },
};

static gint64
label_id (CairnStore *store, const char *name, int *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = cairn_store_find_label (store, name, &error);

  if (label == NULL)
    {
      *status = cairn_cli_fail ("fix", "no label “%s” (see cairn labels PROJECT list)", name);
      return 0;
    }
  return label->id;
}

static CairnEdit *
build (CairnStore *store, int argc, char **argv, const FixArgs *args, CairnBatchPreview *preview,
       int *status)
{
  const char *action = argv[2];
  g_autoptr(GError) error = NULL;
  CairnEdit *edit = NULL;

  if (g_str_equal (action, "merge-labels"))
    {
      gint64 from, into;

      if (argc != 5)
        {
          *status = cairn_cli_usage ("fix", "merge-labels FROM INTO");
          return NULL;
        }
      if ((from = label_id (store, argv[3], status)) == 0
          || (into = label_id (store, argv[4], status)) == 0)
        return NULL;
      edit = cairn_batch_merge_labels (store, from, into, preview, &error);
    }
  else if (g_str_equal (action, "relabel"))
    {
      CairnRelabelRule rule = CAIRN_RELABEL_RULE_INIT;
      g_auto(GStrv) where = NULL;

      if (argc != 3 || args->to == NULL)
        {
          *status = cairn_cli_usage ("fix", "relabel --to NAME [--from NAME] [--kind KIND] "
                                     "[--where ATTRIBUTE=VALUE]");
          return NULL;
        }
      if ((rule.to_label = label_id (store, args->to, status)) == 0)
        return NULL;
      if (args->from && (rule.from_label = label_id (store, args->from, status)) == 0)
        return NULL;
      if (args->kind)
        {
          CairnKind kind;

          if (!cairn_kind_from_string (args->kind, &kind))
            {
              *status = cairn_cli_usage ("fix", "unknown kind “%s”", args->kind);
              return NULL;
            }
          rule.kind = kind;
        }
      if (args->where)
        {
          where = g_strsplit (args->where, "=", 2);
          if (where[0] == NULL || where[1] == NULL || *where[0] == '\0')
            {
              *status = cairn_cli_usage ("fix", "--where takes ATTRIBUTE=VALUE");
              return NULL;
            }
          rule.attribute = where[0];
          rule.value = where[1];
        }
      edit = cairn_batch_relabel (store, &rule, preview, &error);
    }
  else
    {
      CairnRuleConfig config;

      for (guint i = 0; i < G_N_ELEMENTS (rule_actions); i++)
        if (g_str_equal (action, rule_actions[i].action))
          {
            if (argc != 3)
              {
                *status = cairn_cli_usage ("fix", "%s takes no more arguments", action);
                return NULL;
              }
            if (!cairn_rule_config_load (store, &config, &error))
              break;
            if (args->min_size >= 0)
              config.min_box_size = args->min_size;
            edit = cairn_batch_fix_rule (store, &config, rule_actions[i].rule, preview, &error);
            break;
          }
      if (edit == NULL && error == NULL)
        {
          *status = cairn_cli_usage ("fix", "unknown fix “%s” (merge-labels, rename-label, "
                                     "relabel, delete-tiny, clip, trim-spans, snap-spans, dedupe "
                                     "or undo)", action);
          return NULL;
        }
    }
  if (edit == NULL)
    *status = cairn_cli_fail ("fix", "%s", error->message);
  return edit;
}

/* A label row is no annotation: the edit layer can't take a rename back yet, so it is a plain
 * store update (one transaction, one history row). Merging into an existing label is an edit. */
static int
rename_label (CairnStore *store, int argc, char **argv, gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = NULL, taken = NULL;

  if (argc != 5)
    return cairn_cli_usage ("fix", "rename-label OLD NEW");
  label = cairn_store_find_label (store, argv[3], &error);
  if (label == NULL)
    return cairn_cli_fail ("fix", "no label “%s” (see cairn labels PROJECT list)", argv[3]);
  taken = cairn_store_find_label (store, argv[4], NULL);
  if (taken)
    return cairn_cli_fail ("fix", "a label “%s” exists: merge into it with cairn fix %s "
                           "merge-labels %s %s", argv[4], argv[1], argv[3], argv[4]);
  if (dry_run)
    {
      printf ("label %s would be renamed %s (dry run: nothing written)\n", argv[3], argv[4]);
      return CAIRN_EXIT_OK;
    }
  g_free (label->name);
  label->name = g_strdup (argv[4]);
  if (!cairn_store_update_label (store, label, &error))
    return cairn_cli_fail ("fix", "%s", error->message);
  printf ("label %s renamed %s\n", argv[3], argv[4]);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_fix (int argc, char **argv)
{
  g_auto(FixArgs) args = { .min_size = -1 };
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *preview_text = NULL;
  CairnBatchPreview preview;
  gint64 annotator = 0;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &args.annotator,
      "Whose edit it is (and whose undo takes it back)", "NAME" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &args.dry_run, "Only count what would change", NULL },
    { "min", 0, 0, G_OPTION_ARG_DOUBLE, &args.min_size,
      "delete-tiny: the smallest side kept, px (default: the project's rule, 4)", "PX" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from, "relabel: only this label", "NAME" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &args.to, "relabel: the new label", "NAME" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &args.kind, "relabel: only this kind", "KIND" },
    { "where", 0, 0, G_OPTION_ARG_STRING, &args.where,
      "relabel: only annotations whose attribute has this value", "ATTRIBUTE=VALUE" },
    { NULL }
  };

  if (!cairn_cli_parse ("fix", "PROJECT.cairn merge-labels FROM INTO | rename-label OLD NEW | "
                        "relabel --to NAME | "
                        "delete-tiny | clip | trim-spans | snap-spans | dedupe | undo",
                        "Batch fixes: every change is one edit (one transaction, one Undo).\n"
                        "delete-tiny, clip, trim-spans, snap-spans and dedupe apply the fixes "
                        "the rule checks propose (see cairn cleanse PROJECT --method rules).\n"
                        "undo takes back the annotator's last edit (a rename is a plain "
                        "change of the label, not an edit).",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3)
    return cairn_cli_usage ("fix", "expected PROJECT.cairn and a fix (see cairn help fix)");
  if ((store = cairn_cli_open ("fix", argv[1], &status)) == NULL)
    return status;
  if (args.annotator
      && (annotator = cairn_store_ensure_annotator (store, args.annotator, "annotator",
                                                    &error)) == 0)
    return cairn_cli_fail ("fix", "%s", error->message);
  stack = cairn_edit_stack_new (store, annotator);
  if (g_str_equal (argv[2], "rename-label"))
    return rename_label (store, argc, argv, args.dry_run);
  if (g_str_equal (argv[2], "undo"))
    {
      g_autofree char *title = cairn_edit_stack_dup_undo_title (stack);

      if (argc != 3)
        return cairn_cli_usage ("fix", "undo takes no more arguments");
      if (!cairn_edit_stack_undo (stack, &error))
        return cairn_cli_fail ("fix", "%s", error->message);
      printf ("Undid %s\n", title);
      return CAIRN_EXIT_OK;
    }
  edit = build (store, argc, argv, &args, &preview, &status);
  if (edit == NULL)
    return status;
  preview_text = cairn_batch_preview_to_string (&preview);
  if (args.dry_run || cairn_edit_get_n_changes (edit) == 0)
    {
      printf ("%s%s\n", preview_text, args.dry_run && cairn_edit_get_n_changes (edit)
                                        ? " (dry run: nothing written)" : "");
      return CAIRN_EXIT_OK;
    }
  if (!cairn_edit_stack_push (stack, edit, &error))
    return cairn_cli_fail ("fix", "%s", error->message);
  printf ("%s (cairn fix %s undo%s%s takes it back)\n", preview_text, argv[1],
          args.annotator ? " --annotator " : "", args.annotator ? args.annotator : "");
  return CAIRN_EXIT_OK;
}
