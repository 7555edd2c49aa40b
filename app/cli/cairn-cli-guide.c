#define G_LOG_DOMAIN "cairn-cli"

/* cairn guideline (versions, show, set, diff) and cairn flags (what needs another look). */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "edit/cairn-edit-labels.h"
#include "edit/cairn-edit-stack.h"
#include "guide/cairn-guide-diff.h"
#include "guide/cairn-guide-images.h"
#include "guide/cairn-guide-recheck.h"
#include "model/cairn-name.h"
#include "store/cairn-store-guide.h"

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);

  printf ("%s\n", text);
}

static char *
format_date (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* Text from the project file reaches the terminal escaped (hostile input). */
static void
print_escaped (const char *text)
{
  g_autofree char *shown = cairn_name_escape (text ? text : "");

  printf ("%s", shown);
}

static int
guideline_versions (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = cairn_store_list_guideline_versions (store, &error);

  if (versions == NULL)
    return cairn_cli_fail ("guideline", "%s", error->message);
  for (guint i = 0; i < versions->len; i++)
    {
      const CairnGuidelineInfo *v = g_ptr_array_index (versions, i);
      g_autofree char *who = v->author_id ? cairn_store_dup_annotator_name (store, v->author_id)
                                          : NULL;
      g_autofree char *when = format_date (v->created);

      printf ("v%d\t%s\t", v->version, when);
      print_escaped (who ? who : "-");
      printf ("\t");
      print_escaped (v->summary ? v->summary : v->title ? v->title : "");
      printf ("\n");
    }
  return CAIRN_EXIT_OK;
}

static int
guideline_show (CairnStore *store, gint version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  if (cairn_store_get_guideline_version (store) == 0)
    return cairn_cli_fail ("guideline", "%s has no guideline yet (cairn guideline %s set "
                           "FILE.md --summary TEXT)", cairn_store_get_path (store),
                           cairn_store_get_path (store));
  body = cairn_store_get_guideline (store, version, NULL, &error);
  if (body == NULL)
    return cairn_cli_fail ("guideline", "%s", error->message);
  /* The Markdown as written: a guideline may hold any text, printed as it is on purpose so it
   * can be piped back into set; only control characters are escaped. */
  for (const char *p = body; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      printf ("\\x%02x", (guchar) *p);
    else
      putchar (*p);
  if (*body && body[strlen (body) - 1] != '\n')
    putchar ('\n');
  return CAIRN_EXIT_OK;
}

static int
guideline_set (CairnStore *store, const char *file, const char *summary, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL, *dir = NULL;
  g_autoptr(GHashTable) images = NULL;
  CairnRecheckReport report;
  gsize length;

  if (!g_file_get_contents (file, &markdown, &length, &error))
    return cairn_cli_fail ("guideline", "%s", error->message);
  if (strlen (markdown) != length || !g_utf8_validate (markdown, (gssize) length, NULL))
    return cairn_cli_fail ("guideline", "%s: not UTF-8 text", file);
  if (summary == NULL)
    return cairn_cli_usage ("guideline", "set needs --summary TEXT (what changed)");
  /* Its pictures come from beside it, and go in with the version or nothing does. */
  dir = g_path_get_dirname (file);
  if ((images = cairn_guide_read_images (markdown, dir, &error)) == NULL)
    return cairn_cli_fail ("guideline", "%s: %s", file, error->message);
  if (!cairn_store_begin (store, &error))
    return cairn_cli_fail ("guideline", "%s", error->message);
  if (cairn_guide_publish (store, markdown, title, summary, &report, &error) == 0
      || !cairn_guide_store_images (store, report.version, images, &error)
      || !cairn_store_commit (store, &error))
    {
      cairn_store_rollback (store);
      return cairn_cli_fail ("guideline", "%s: %s", file, error->message);
    }
  printf ("guideline v%d: %u section%s changed, %u annotation%s of %u label%s flagged recheck",
          report.version, report.sections_changed, report.sections_changed == 1 ? "" : "s",
          report.flagged, report.flagged == 1 ? "" : "s", report.labels,
          report.labels == 1 ? "" : "s");
  if (g_hash_table_size (images) > 0)
    printf (", %u picture%s", g_hash_table_size (images),
            g_hash_table_size (images) == 1 ? "" : "s");
  putchar ('\n');
  return CAIRN_EXIT_OK;
}

static gboolean
parse_version (const char *text, gint *version)
{
  guint64 v;

  if (text && (*text == 'v' || *text == 'V'))
    text++;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &v, NULL))
    return FALSE;
  *version = (gint) v;
  return TRUE;
}

static const char *
change_word (CairnSectionChangeKind kind)
{
  return kind == CAIRN_SECTION_ADDED ? "added" : kind == CAIRN_SECTION_REMOVED ? "removed"
                                                                               : "changed";
}

static int
guideline_diff (CairnStore *store, const char *a, const char *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_body = NULL, *new_body = NULL;
  g_autoptr(CairnGuideDoc) old_doc = NULL, new_doc = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint va, vb;

  if (!parse_version (a, &va) || !parse_version (b, &vb))
    return cairn_cli_usage ("guideline", "diff takes two version numbers (see versions)");
  if ((old_body = cairn_store_get_guideline (store, va, NULL, &error)) == NULL
      || (new_body = cairn_store_get_guideline (store, vb, NULL, &error)) == NULL)
    return cairn_cli_fail ("guideline", "%s", error->message);
  old_doc = cairn_guide_doc_new (old_body);
  new_doc = cairn_guide_doc_new (new_body);
  changes = cairn_guide_diff (old_doc, new_doc);
  for (guint i = 0; i < changes->len; i++)
    {
      const CairnSectionChange *c = g_ptr_array_index (changes, i);

      printf ("## #");
      print_escaped (c->anchor);
      printf (" (%s) ", change_word (c->kind));
      print_escaped (c->title);
      printf ("\n");
      for (const char *p = c->diff; *p; p++)
        if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
          printf ("\\x%02x", (guchar) *p);
        else
          putchar (*p);
    }
  if (changes->len == 0)
    printf ("v%d and v%d are the same\n", va, vb);
  return CAIRN_EXIT_OK;
}

int
cairn_cli_guideline (int argc, char **argv)
{
  g_autofree char *summary = NULL, *title = NULL, *author = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint version = 0;
  gboolean exit_now, reads;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, "show: this version (default: the newest)",
      "N" },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, "set: what changed", "TEXT" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "set: the title (default: the first heading)",
      "TEXT" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &author, "set: the author", "NAME" },
    { NULL }
  };

  if (!cairn_cli_parse ("guideline", "PROJECT.cairn show [--version N] | versions | "
                        "set FILE.md --summary TEXT | diff A B",
                        "The labelling guideline kept in the project, every version. set stores "
                        "a new version and flags \"recheck\" every annotation, made under an "
                        "older version, of a label whose section it changes.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3)
    return cairn_cli_usage ("guideline", "expected PROJECT.cairn show|versions|set|diff");
  reads = g_str_equal (argv[2], "show") || g_str_equal (argv[2], "versions")
          || g_str_equal (argv[2], "diff");
  if ((g_str_equal (argv[2], "show") || g_str_equal (argv[2], "versions")) ? argc != 3
      : g_str_equal (argv[2], "set") ? argc != 4 : g_str_equal (argv[2], "diff") ? argc != 5
      : TRUE)
    return cairn_cli_usage ("guideline", "expected show, versions, set FILE.md or diff A B");
  store = reads ? cairn_cli_open_readonly ("guideline", argv[1], &status)
                : cairn_cli_open ("guideline", argv[1], &status);
  if (store == NULL)
    return status;
  if (g_str_equal (argv[2], "show"))
    return guideline_show (store, version);
  if (g_str_equal (argv[2], "versions"))
    return guideline_versions (store);
  if (g_str_equal (argv[2], "diff"))
    return guideline_diff (store, argv[3], argv[4]);
  if (author)
    {
      gint64 id = cairn_store_ensure_annotator (store, author, "annotator", &error);

      if (id == 0)
        return cairn_cli_fail ("guideline", "%s", error->message);
      cairn_store_set_actor (store, id);
    }
  return guideline_set (store, argv[3], summary, title);
}

/* flags */

static void
add_flag_json (JsonBuilder *b, const CairnFlag *flag, GHashTable *names)
{
  const char *label = flag->label_id ? g_hash_table_lookup (names, &flag->label_id) : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, flag->id);
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, flag->item_id);
  json_builder_set_member_name (b, "annotation");
  if (flag->annotation_id)
    json_builder_add_int_value (b, flag->annotation_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "label");
  if (label)
    json_builder_add_string_value (b, label);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, flag->reason);
  json_builder_set_member_name (b, "detail");
  if (flag->detail)
    json_builder_add_string_value (b, flag->detail);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "resolved");
  json_builder_add_boolean_value (b, flag->resolved);
  json_builder_end_object (b);
}

static GHashTable *
label_names (CairnStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, NULL);

  for (guint i = 0; labels && i < labels->len; i++)
    {
      CairnLabel *label = g_ptr_array_index (labels, i);

      g_hash_table_insert (names, g_memdup2 (&label->id, sizeof (gint64)),
                           g_strdup (label->name));
    }
  return names;
}

static int
flags_list (CairnStore *store, const char *reason, gboolean all, gboolean json)
{
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GHashTable) names = label_names (store);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  filter.reason = reason;
  filter.include_resolved = all;
  if ((flags = cairn_store_list_flags (store, &filter, &error)) == NULL)
    return cairn_cli_fail ("flags", "%s", error->message);
  json_builder_begin_array (b);
  for (guint i = 0; i < flags->len; i++)
    {
      const CairnFlag *flag = g_ptr_array_index (flags, i);
      const char *label = flag->label_id ? g_hash_table_lookup (names, &flag->label_id) : NULL;
      g_autofree char *first_line = g_strdup (flag->detail ? flag->detail : "");
      char *newline = strchr (first_line, '\n');

      if (json)
        {
          add_flag_json (b, flag, names);
          continue;
        }
      if (newline)
        *newline = '\0';
      printf ("item %" G_GINT64_FORMAT "\t", flag->item_id);
      if (flag->annotation_id)
        printf ("annotation %" G_GINT64_FORMAT "\t", flag->annotation_id);
      else
        printf ("-\t");
      print_escaped (label ? label : "-");
      printf ("\t");
      print_escaped (flag->reason);
      printf ("%s\t", flag->resolved ? " (resolved)" : "");
      print_escaped (first_line);
      printf ("\n");
    }
  json_builder_end_array (b);
  if (json)
    print_json (b);
  return CAIRN_EXIT_OK;
}

static gboolean
collect_confirmed (CairnStore *store, int argc, char **argv, GPtrArray *annotations,
                   int *status)
{
  for (int i = 3; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 id;
      CairnAnnotation *a;

      if (!g_ascii_string_to_unsigned (argv[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          *status = cairn_cli_usage ("flags", "“%s” is not an annotation id", argv[i]);
          return FALSE;
        }
      if ((a = cairn_store_get_annotation (store, (gint64) id, &error)) == NULL)
        {
          *status = cairn_cli_fail ("flags", "%s", error->message);
          return FALSE;
        }
      g_ptr_array_add (annotations, a);
    }
  return TRUE;
}

/* confirm: the annotations checked against the current guideline and kept as they are. */
static int
flags_confirm (CairnStore *store, int argc, char **argv, const char *annotator)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 who = 0;
  int status = CAIRN_EXIT_OK;

  if (argc < 4)
    return cairn_cli_usage ("flags", "confirm takes annotation ids");
  if (annotator && (who = cairn_store_ensure_annotator (store, annotator, "annotator",
                                                        &error)) == 0)
    return cairn_cli_fail ("flags", "%s", error->message);
  if (!collect_confirmed (store, argc, argv, annotations, &status))
    return status;
  stack = cairn_edit_stack_new (store, who);
  edit = cairn_edit_new_confirm ((const CairnAnnotation *const *) annotations->pdata,
                                 annotations->len);
  if (!cairn_edit_stack_push (stack, edit, &error))
    return cairn_cli_fail ("flags", "%s", error->message);
  printf ("%u annotation%s confirmed under guideline v%d\n", annotations->len,
          annotations->len == 1 ? "" : "s", cairn_store_get_guideline_version (store));
  return CAIRN_EXIT_OK;
}

int
cairn_cli_flags (int argc, char **argv)
{
  g_autofree char *reason = NULL, *annotator = NULL;
  g_autoptr(CairnStore) store = NULL;
  gboolean json = FALSE, all = FALSE, exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Only this reason", "recheck|agreement|..." },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Resolved flags too", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, "confirm: whose edit it is", "NAME" },
    { NULL }
  };

  if (!cairn_cli_parse ("flags", "PROJECT.cairn [confirm ANNOTATION...]",
                        "Flagged annotations and items: why each needs another look. confirm "
                        "keeps annotations as they are under the current guideline (one "
                        "undoable edit), which clears their recheck flags, as re-saving does.",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 2 || (argc > 2 && !g_str_equal (argv[2], "confirm")))
    return cairn_cli_usage ("flags", "expected PROJECT.cairn [confirm ANNOTATION...]");
  if (argc == 2)
    {
      if ((store = cairn_cli_open_readonly ("flags", argv[1], &status)) == NULL)
        return status;
      return flags_list (store, reason, all, json);
    }
  if ((store = cairn_cli_open ("flags", argv[1], &status)) == NULL)
    return status;
  return flags_confirm (store, argc, argv, annotator);
}
