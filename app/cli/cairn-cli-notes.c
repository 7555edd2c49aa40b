#define G_LOG_DOMAIN "cairn-cli"

/* cairn notes: edge-case notes, listed, recorded, answered, resolved, promoted. */
#include <stdio.h>

#include "cairn-cli-private.h"
#include "guide/cairn-guide-notes.h"
#include "model/cairn-name.h"

typedef struct
{
  char     *state;
  char     *label;
  char     *author;
  char     *annotator;
  char     *region;
  char     *body;
  gint64    item;
  gint64    annotation;
  gboolean  json;
} NotesArgs;

static void
notes_args_clear (NotesArgs *a)
{
  g_free (a->state);
  g_free (a->label);
  g_free (a->author);
  g_free (a->annotator);
  g_free (a->region);
  g_free (a->body);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NotesArgs, notes_args_clear)

static void
print_escaped (const char *text)
{
  g_autofree char *shown = cairn_name_escape (text ? text : "");

  printf ("%s", shown);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_id (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_note_json (JsonBuilder *b, CairnStore *store, const CairnNote *note)
{
  g_autoptr(CairnLabel) label = note->label_id ? cairn_store_get_label (store, note->label_id,
                                                                        NULL) : NULL;
  g_autofree char *author = note->author_id ? cairn_store_dup_annotator_name (store,
                                                                              note->author_id)
                                            : NULL;
  g_autoptr(JsonNode) region = note->region ? json_from_string (note->region, NULL) : NULL;

  json_builder_begin_object (b);
  add_id (b, "id", note->id);
  add_string (b, "state", cairn_note_state_to_string (note->state));
  add_string (b, "title", note->title);
  add_string (b, "body", note->body);
  add_id (b, "item", note->item_id);
  add_id (b, "annotation", note->annotation_id);
  add_string (b, "label", label ? label->name : NULL);
  add_string (b, "author", author);
  json_builder_set_member_name (b, "region");
  if (region)
    json_builder_add_value (b, g_steal_pointer (&region));
  else
    json_builder_add_null_value (b);
  add_string (b, "answer", note->answer);
  add_id (b, "guideline_version", note->guideline_version);
  add_id (b, "promoted_version", note->promoted_version);
  json_builder_end_object (b);
}

static gboolean
find_ids (CairnStore *store, const NotesArgs *args, gint64 *label_id, gint64 *author_id,
          int *status)
{
  g_autoptr(CairnLabel) label = NULL;

  if (args->label)
    {
      label = cairn_store_find_label (store, args->label, NULL);
      if (label == NULL)
        {
          *status = cairn_cli_fail ("notes", "no label “%s”", args->label);
          return FALSE;
        }
      *label_id = label->id;
    }
  if (args->author)
    {
      g_autoptr(GPtrArray) people = cairn_store_list_annotators (store, NULL);

      *author_id = -1;
      for (guint i = 0; people && i < people->len; i++)
        if (g_str_equal (((CairnAnnotator *) g_ptr_array_index (people, i))->name, args->author))
          *author_id = ((CairnAnnotator *) g_ptr_array_index (people, i))->id;
    }
  return TRUE;
}

static int
notes_list (CairnStore *store, const NotesArgs *args)
{
  CairnNoteFilter filter = CAIRN_NOTE_FILTER_ANY;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  CairnNoteState state;
  int status = CAIRN_EXIT_OK;

  if (args->state)
    {
      if (!cairn_note_state_from_string (args->state, &state))
        return cairn_cli_usage ("notes", "--state is open, answered, resolved or promoted");
      filter.state = state;
    }
  if (!find_ids (store, args, &filter.label_id, &filter.author_id, &status))
    return status;
  if ((notes = cairn_store_list_notes (store, &filter, &error)) == NULL)
    return cairn_cli_fail ("notes", "%s", error->message);
  json_builder_begin_array (b);
  for (guint i = 0; i < notes->len; i++)
    {
      const CairnNote *note = g_ptr_array_index (notes, i);

      if (args->json)
        {
          add_note_json (b, store, note);
          continue;
        }
      printf ("#%" G_GINT64_FORMAT "\t%s\t", note->id, cairn_note_state_to_string (note->state));
      if (note->item_id)
        printf ("item %" G_GINT64_FORMAT "\t", note->item_id);
      else
        printf ("-\t");
      print_escaped (note->title);
      printf ("\n");
    }
  json_builder_end_array (b);
  if (args->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
    }
  return CAIRN_EXIT_OK;
}

static int
notes_add (CairnStore *store, const NotesArgs *args, const char *title)
{
  g_autoptr(CairnNote) note = cairn_note_new ();
  g_autoptr(GError) error = NULL;
  CairnRegionKind kind;
  double values[4];
  gint64 author = 0;
  int status = CAIRN_EXIT_OK;

  if (!cairn_note_region_parse (args->region, &kind, values, &error))
    return cairn_cli_usage ("notes", "--region: %s", error->message);
  if (!find_ids (store, args, &note->label_id, &author, &status))
    return status;
  note->item_id = args->item;
  note->annotation_id = args->annotation;
  note->title = g_strdup (title);
  note->body = g_strdup (args->body);
  note->region = cairn_note_region_to_json (kind, values);
  if (args->item)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (store, args->item, &error);

      if (item == NULL)
        return cairn_cli_fail ("notes", "%s", error->message);
    }
  if (!cairn_store_add_note (store, note, &error))
    return cairn_cli_fail ("notes", "%s", error->message);
  printf ("edge-case note #%" G_GINT64_FORMAT " recorded\n", note->id);
  return CAIRN_EXIT_OK;
}

static int
notes_change (CairnStore *store, const char *verb, const char *id_text, const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnNote) note = NULL;
  guint64 id;
  gint version;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return cairn_cli_usage ("notes", "“%s” is not a note id", id_text);
  if (g_str_equal (verb, "promote"))
    {
      if ((version = cairn_guide_promote_note (store, (gint64) id, &error)) == 0)
        return cairn_cli_fail ("notes", "%s", error->message);
      printf ("edge-case note #%" G_GUINT64_FORMAT " promoted into guideline v%d\n", id, version);
      return CAIRN_EXIT_OK;
    }
  if ((note = cairn_store_get_note (store, (gint64) id, &error)) == NULL)
    return cairn_cli_fail ("notes", "%s", error->message);
  if (answer)
    {
      g_free (note->answer);
      note->answer = g_strdup (answer);
      note->answered_by = cairn_store_get_actor (store);
    }
  note->state = answer ? CAIRN_NOTE_ANSWERED : CAIRN_NOTE_RESOLVED;
  if (!cairn_store_update_note (store, note, &error))
    return cairn_cli_fail ("notes", "%s", error->message);
  printf ("edge-case note #%" G_GUINT64_FORMAT " %s\n", id, answer ? "answered" : "resolved");
  return CAIRN_EXIT_OK;
}

static gboolean
check_arity (int argc, char **argv)
{
  const char *verb = argv[2];

  if (g_str_equal (verb, "list"))
    return argc == 3;
  if (g_str_equal (verb, "add") || g_str_equal (verb, "resolve") || g_str_equal (verb, "promote"))
    return argc == 4;
  if (g_str_equal (verb, "answer"))
    return argc == 5;
  return FALSE;
}

int
cairn_cli_notes (int argc, char **argv)
{
  g_auto(NotesArgs) args = { 0 };
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exit_now;
  int status = CAIRN_EXIT_OK;
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &args.state, "list: only this state",
      "open|answered|resolved|promoted" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &args.label, "list: only this label; add: the label "
      "in question", "NAME" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &args.author, "list: only this author's", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, "list: print JSON", NULL },
    { "item", 0, 0, G_OPTION_ARG_INT64, &args.item, "add: the item", "ID" },
    { "annotation", 0, 0, G_OPTION_ARG_INT64, &args.annotation, "add: the shape", "ID" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &args.region, "add: the region, "
      "{\"box\": [x, y, w, h]}, {\"span\": [s, e]} or {\"segment\": [ms, ms]}", "JSON" },
    { "body", 0, 0, G_OPTION_ARG_STRING, &args.body, "add: more text", "TEXT" },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &args.annotator, "who writes", "NAME" },
    { NULL }
  };

  if (!cairn_cli_parse ("notes", "PROJECT.cairn list | add TITLE | answer ID TEXT | resolve ID | "
                        "promote ID",
                        "Edge-case notes: annotators record them, reviewers answer, resolve or "
                        "promote them into the guideline (a new version, the note linked).",
                        entries, &argc, &argv, &exit_now))
    return CAIRN_EXIT_USAGE;
  if (exit_now)
    return CAIRN_EXIT_OK;
  if (argc < 3 || !check_arity (argc, argv))
    return cairn_cli_usage ("notes", "expected PROJECT.cairn list | add TITLE | answer ID TEXT | "
                            "resolve ID | promote ID");
  store = g_str_equal (argv[2], "list") ? cairn_cli_open_readonly ("notes", argv[1], &status)
                                        : cairn_cli_open ("notes", argv[1], &status);
  if (store == NULL)
    return status;
  if (args.annotator)
    {
      gint64 id = cairn_store_ensure_annotator (store, args.annotator, "annotator", &error);

      if (id == 0)
        return cairn_cli_fail ("notes", "%s", error->message);
      cairn_store_set_actor (store, id);
    }
  if (g_str_equal (argv[2], "list"))
    return notes_list (store, &args);
  if (g_str_equal (argv[2], "add"))
    return notes_add (store, &args, argv[3]);
  return notes_change (store, argv[2], argv[3], argc == 5 ? argv[4] : NULL);
}
