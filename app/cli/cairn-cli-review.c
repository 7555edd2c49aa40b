#define G_LOG_DOMAIN "cairn-cli"

/* cairn review and cairn history (issue 14). */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "edit/cairn-edit-stack.h"
#include "model/cairn-name.h"
#include "team/cairn-history.h"
#include "team/cairn-review.h"

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

static void
add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static int
review_list (CairnStore *store, const char *state_name, const char *reason, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  CairnReviewState state;

  if (state_name && !cairn_review_state_from_string (state_name, &state))
    return cairn_cli_usage ("review", "unknown state “%s” (to-do, in-review, accepted, "
                            "rejected, recheck)", state_name);
  entries = cairn_review_list (store, state_name ? (gint) state : -1, reason, &error);
  if (entries == NULL)
    return cairn_cli_fail ("review", "%s", error->message);
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      CairnReviewEntry *e = entries->pdata[i];
      g_autoptr(CairnItem) item = cairn_store_get_item (store, e->item_id, NULL);
      g_autofree char *title = item ? cairn_item_dup_title (item) : g_strdup ("?");

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "item");
          json_builder_add_int_value (b, e->item_id);
          add_string (b, "title", title);
          add_string (b, "state", cairn_review_state_to_string (e->state));
          add_string (b, "reasons", e->reasons);
          add_string (b, "detail", e->detail);
          add_string (b, "comment", e->comment);
          json_builder_end_object (b);
        }
      else
        {
          /* Each field escaped on its own, so the tabs between them stay tabs. */
          g_autofree char *shown_title = cairn_name_escape (title);
          g_autofree char *reasons = cairn_name_escape (e->reasons);
          g_autofree char *detail = e->detail ? cairn_name_escape (e->detail) : NULL;

          printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s%s%s\n", e->item_id,
                  cairn_review_state_to_string (e->state), shown_title, reasons,
                  detail ? ": " : "", detail ? detail : "");
        }
    }
  json_builder_end_array (b);
  if (json)
    print_json (b);
  else if (entries->len == 0)
    printf ("The review queue is empty.\n");
  return CAIRN_EXIT_OK;
}

/* Someone new named here is made a reviewer; an existing annotator keeps their role. */
static gint64
annotator_id (CairnStore *store, const char *command, const char *name, int *status)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (name == NULL)
    return 0;
  id = cairn_store_ensure_annotator (store, name, "reviewer", &error);
  if (id == 0)
    *status = cairn_cli_fail (command, "%s", error->message);
  return id;
}

static int
review_set (CairnStore *store, const char *item_text, const char *state_name,
            const char *comment, const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  CairnReviewState state;
  guint64 item;
  int status = CAIRN_EXIT_OK;
  gint64 who;

  if (!g_ascii_string_to_unsigned (item_text, 10, 1, G_MAXINT64, &item, NULL))
    return cairn_cli_usage ("review", "“%s” is not an item number", item_text);
  if (state_name == NULL || !cairn_review_state_from_string (state_name, &state))
    return cairn_cli_usage ("review", "set needs --state accepted, rejected, in-review, recheck "
                            "or to-do");
  who = annotator_id (store, "review", annotator, &status);
  if (status != CAIRN_EXIT_OK)
    return status;
  stack = cairn_edit_stack_new (store, who);
  if (!cairn_review_set (stack, (gint64) item, state, comment, &error))
    return cairn_cli_fail ("review", "item %" G_GUINT64_FORMAT ": %s", item, error->message);
  printf ("item %" G_GUINT64_FORMAT ": %s\n", item, cairn_review_state_to_string (state));
  return CAIRN_EXIT_OK;
}

int
cairn_cli_review (int argc, char **argv)
{
  g_autoptr(CairnStore) store = NULL;
  g_autofree char *state = NULL, *reason = NULL, *comment = NULL, *annotator = NULL;
  gboolean json = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      "list: only this state; set: the decision (to-do, in-review, accepted, rejected, recheck)",
      "STATE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      "list: only items flagged for this reason (recheck, conflict, agreement, rule, "
      "label-error...)", "REASON" },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, "set: the reviewer's comment", "TEXT" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator,
      "set: who decides (a reviewer or admin; their undo takes it back)", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "list: print JSON", NULL },
    { NULL },
  };

  if (!cairn_cli_parse ("review", "PROJECT.cairn list | set ITEM --state STATE",
                        "The review queue: items flagged for any reason (low agreement, a rule, "
                        "a suspected label error,\na guideline re-check, a merge conflict, an "
                        "annotator's own flag) or in review.\nAccepted items are locked for "
                        "annotators.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3 || !(g_str_equal (argv[2], "list") ? argc == 3
                    : g_str_equal (argv[2], "set") && argc == 4))
    return cairn_cli_usage ("review", "expected PROJECT.cairn list, or PROJECT.cairn set ITEM "
                            "--state STATE");
  if (g_str_equal (argv[2], "list"))
    {
      if ((store = cairn_cli_open_readonly ("review", argv[1], &status)) == NULL)
        return status;
      return review_list (store, state, reason, json);
    }
  if ((store = cairn_cli_open ("review", argv[1], &status)) == NULL)
    return status;
  return review_set (store, argv[3], state, comment, annotator);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);

  return time ? g_date_time_format_iso8601 (time) : g_strdup ("?");
}

static void
history_json (CairnStore *store, JsonBuilder *b, const CairnHistoryEntry *e)
{
  g_autofree char *who = e->annotator_id ? cairn_store_dup_annotator_name (store, e->annotator_id)
                                         : NULL;
  g_autofree char *when = format_time (e->at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, e->id);
  add_string (b, "at", when);
  add_string (b, "who", who);
  add_string (b, "action", e->action);
  add_string (b, "target", e->target);
  json_builder_set_member_name (b, "row");
  json_builder_add_int_value (b, e->row_id);
  add_string (b, "before", e->before);
  add_string (b, "after", e->after);
  json_builder_end_object (b);
}

static void
history_line (CairnStore *store, const CairnHistoryEntry *e)
{
  g_autofree char *who = e->annotator_id ? cairn_store_dup_annotator_name (store, e->annotator_id)
                                         : NULL;
  g_autofree char *when = format_time (e->at);
  g_autofree char *what = cairn_history_describe (store, e);
  g_autofree char *shown_who = cairn_name_escape (who ? who : "-");
  g_autofree char *shown_what = cairn_name_escape (what);

  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", e->id, when, shown_who, shown_what);
}

static int
history_restore (CairnStore *store, gint64 entry, const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  int status = CAIRN_EXIT_OK;
  gint64 who = annotator_id (store, "history", annotator, &status);

  if (status != CAIRN_EXIT_OK)
    return status;
  stack = cairn_edit_stack_new (store, who);
  edit = cairn_history_restore_edit (store, entry, &error);
  if (edit == NULL || !cairn_edit_stack_push (stack, edit, &error))
    return cairn_cli_fail ("history", "%s", error->message);
  printf ("restored annotation %" G_GINT64_FORMAT " as history entry %" G_GINT64_FORMAT
          " left it (an edit: undo takes it back)\n", cairn_edit_get_annotation_id (edit, 0),
          entry);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_history (int argc, char **argv)
{
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *annotator = NULL;
  gint64 item = 0, restore = 0;
  gint limit = 0;
  gboolean json = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "item", 0, 0, G_OPTION_ARG_INT64, &item, "Only this item (and its annotations)", "ITEM" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most this many rows, newest first", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "restore", 0, 0, G_OPTION_ARG_INT64, &restore,
      "Bring an annotation back to how this history row left it (an undoable edit)", "ID" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "--restore: whose edit it is", "NAME" },
    { NULL },
  };

  if (!cairn_cli_parse ("history", "PROJECT.cairn",
                        "Who changed what and when, newest first: ID, time (UTC), who, what.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc != 2 || item < 0 || limit < 0 || restore < 0)
    return cairn_cli_usage ("history", "expected PROJECT.cairn [--item ITEM] [--json]");
  if (restore)
    {
      if ((store = cairn_cli_open ("history", argv[1], &status)) == NULL)
        return status;
      return history_restore (store, restore, annotator);
    }
  if ((store = cairn_cli_open_readonly ("history", argv[1], &status)) == NULL)
    return status;
  rows = item ? cairn_store_list_item_history (store, item, (guint) limit, &error)
              : cairn_store_list_history (store, (guint) limit, &error);
  if (rows == NULL)
    return cairn_cli_fail ("history", "%s", error->message);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    if (json)
      history_json (store, b, rows->pdata[i]);
    else
      history_line (store, rows->pdata[i]);
  json_builder_end_array (b);
  if (json)
    print_json (b);
  return CAIRN_EXIT_OK;
}
