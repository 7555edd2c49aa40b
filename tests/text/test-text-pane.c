/* The text pane through its actions, on a real store: spans made from selections on Korean
 * (precomposed and decomposed), emoji outside the BMP, a ZWJ sequence, a flag, a combining
 * accent, CRLF and a tab, then exported to doccano JSONL, brat and CoNLL with exactly the
 * code point offsets expected; relations and classes; translation targets saved as edits and
 * never clobbered while an input method composes. Runs under Xvfb (tests/ui/run-ui-test.sh). */

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"
#include "formats/cairn-format.h"
#include "model/cairn-label.h"
#include "text/cairn-span-view.h"
#include "text/cairn-text-edits.h"
#include "cairn-preferences.h"
#include "cairn-shortcuts.h"
#include "cairn-text-pane.h"
#include "cairn-item-view.h"
#include "../ui/ui-wait.h"

#define HAN_DECOMPOSED "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"
#define THUMBS "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"
#define FLAG_KR "\xf0\x9f\x87\xb0\xf0\x9f\x87\xb7"
/* 서울0–2 ␠ 한(jamo)국3–7 ␠ 👍🏽8–10 ␠ family11–16 ␠ éclair17–24 \r\n\t 한국어27–30 ␠ 🇰🇷31–33 ␠ 끝34–35 */
#define TEXT "서울 " HAN_DECOMPOSED "국 " THUMBS " " FAMILY " e\xcc\x81" "clair\r\n\t한국어 " FLAG_KR " 끝"

typedef struct
{
  char           *dir;
  CairnStore     *store;
  CairnEditStack *stack;
  CairnItem      *item;
  GtkWidget      *window;
  CairnTextPane  *pane;
  GPtrArray      *labels;
  gint64          loc, org, emo, per, rel, news, sports;
} Fixture;

static gint64
add_label (Fixture *f, const char *name, const char *kinds)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_label_parse_kinds (kinds, &label->kinds, &error));
  label->color = g_strdup ("#3366cc");
  g_assert_true (cairn_store_add_label (f->store, label, &error));
  return label->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *text = data;

  f->dir = g_dir_make_tmp ("cairn-text-pane-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "t.cairn", NULL);
  f->store = cairn_store_create (path, "t", &error);
  g_assert_no_error (error);
  f->loc = add_label (f, "LOC", "span");
  f->org = add_label (f, "ORG", "span");
  f->emo = add_label (f, "EMO", "span");
  f->per = add_label (f, "PER", "span");
  f->rel = add_label (f, "near", "relation");
  f->news = add_label (f, "news", "class");
  f->sports = add_label (f, "sports", "class");
  f->labels = cairn_store_list_labels (f->store, &error);
  f->item = cairn_item_new (CAIRN_ITEM_TEXT);
  f->item->text = g_strdup (text ? text : TEXT);
  if (text != NULL)
    json_object_set_string_member (f->item->meta, "task", "translation");
  g_assert_true (cairn_store_add_item (f->store, f->item, &error));
  f->stack = cairn_edit_stack_new (f->store,
                                   cairn_store_ensure_annotator (f->store, "Kim", "annotator",
                                                                 &error));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 600);
  f->pane = CAIRN_TEXT_PANE (cairn_text_pane_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->pane));
  gtk_window_present (GTK_WINDOW (f->window));
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (f->pane), f->stack);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (f->pane), f->store, f->item, f->labels);
  ui_drain ();
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_drain ();
  g_clear_object (&f->stack);
  g_clear_object (&f->store);
  g_clear_pointer (&f->labels, g_ptr_array_unref);
  cairn_item_free (f->item);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
action (Fixture *f, const char *name, GVariant *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->pane), name, owned));
}

/* The palette place (as the 1–9 keys pick) of a label. */
static gint32
place (Fixture *f, gint64 label_id)
{
  GPtrArray *palette = cairn_text_pane_get_palette_labels (f->pane);

  for (guint i = 0; i < palette->len; i++)
    if (((CairnLabel *) palette->pdata[i])->id == label_id)
      return (gint32) i;
  g_assert_not_reached ();
}

static gint64
span_by_keys (Fixture *f, guint start, guint end, gint64 label_id)
{
  cairn_text_pane_select_range (f->pane, start, end);
  action (f, "canvas.select-label", g_variant_new_int32 (place (f, label_id)));
  return cairn_text_pane_get_selected_id (f->pane);
}

static GPtrArray *
annotations (Fixture *f)
{
  return cairn_store_list_annotations (f->store, f->item->id, NULL);
}

static char *
geometry_of (Fixture *f, gint64 id)
{
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (f->store, id, NULL);

  g_assert_nonnull (a);
  return cairn_annotation_geometry_to_json (a);
}

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
export (Fixture *f, const char *format, const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, out, NULL);
  CairnFormatOptions options = { 0 };

  cairn_format_export (f->store, format, dir, &options, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static const struct
{
  guint select_start, select_end;  /* what the annotator selects */
  gboolean snap_words;
  guint start, end;                /* the span made */
  const char *label;
  const char *text;
} cases[] = {
  { 0, 2, FALSE, 0, 2, "LOC", "서울" },
  /* Half of a decomposed syllable: the whole of it. */
  { 4, 7, FALSE, 3, 7, "LOC", HAN_DECOMPOSED "국" },
  /* The skin tone alone: the emoji with it. */
  { 9, 10, FALSE, 8, 10, "EMO", THUMBS },
  /* Inside a ZWJ family: the family. */
  { 13, 14, FALSE, 11, 16, "EMO", FAMILY },
  /* The combining accent: the é with its e. */
  { 18, 24, FALSE, 17, 24, "ORG", "e\xcc\x81" "clair" },
  /* After CR LF and a tab, one syllable snapped to its word. */
  { 28, 29, TRUE, 27, 30, "PER", "한국어" },
  { 31, 32, TRUE, 31, 33, "LOC", FLAG_KR },
  { 34, 35, TRUE, 34, 35, "PER", "끝" },
};

static gint64
label_id (Fixture *f, const char *name)
{
  for (guint i = 0; i < f->labels->len; i++)
    if (g_str_equal (((CairnLabel *) f->labels->pdata[i])->name, name))
      return ((CairnLabel *) f->labels->pdata[i])->id;
  g_assert_not_reached ();
}

static void
make_cases (Fixture *f, gint64 *ids)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *geometry = NULL;
      g_autofree char *expected = g_strdup_printf ("[%u,%u]", cases[i].start, cases[i].end);

      g_object_set (f->pane, "snap-words", cases[i].snap_words, NULL);
      ids[i] = span_by_keys (f, cases[i].select_start, cases[i].select_end,
                             label_id (f, cases[i].label));
      g_assert_cmpint (ids[i], >, 0);
      geometry = geometry_of (f, ids[i]);
      g_assert_cmpstr (geometry, ==, expected);
    }
}

static void
test_export_offsets (Fixture *f, gconstpointer data)
{
  gint64 ids[G_N_ELEMENTS (cases)];
  gint64 nested;
  g_autofree char *jsonl_dir = NULL, *brat_dir = NULL, *conll_dir = NULL;
  g_autofree char *jsonl = NULL, *ann = NULL, *conll = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *record;
  JsonArray *entities;

  make_cases (f, ids);
  g_assert_cmpuint (cairn_text_pane_get_n_spans (f->pane), ==, G_N_ELEMENTS (cases));
  /* An overlapping span over 서울 and 한국, and a relation by keys. */
  g_object_set (f->pane, "snap-words", TRUE, NULL);
  nested = span_by_keys (f, 1, 5, f->org);
  {
    g_autofree char *geometry = geometry_of (f, nested);

    g_assert_cmpstr (geometry, ==, "[0,7]");
  }
  g_assert_true (cairn_text_pane_has_span_at (f->pane, f->org, 4));
  g_assert_true (cairn_text_pane_has_span_at (f->pane, f->loc, 4));
  /* From 서울 to 한국: start, pick the other span, a relation label. */
  cairn_text_pane_select_range (f->pane, 0, 0);
  action (f, "text.cancel", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  /* Outer first: the ORG span, then 서울. */
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, nested);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, ids[0]);
  action (f, "text.start-relation", NULL);
  /* The palette now holds the relation labels. */
  g_assert_cmpuint (cairn_text_pane_get_palette_labels (f->pane)->len, ==, 1);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, ids[1]);
  action (f, "canvas.select-label", g_variant_new_int32 (0));
  {
    g_autoptr(GPtrArray) list = annotations (f);
    guint relations = 0;

    for (guint i = 0; i < list->len; i++)
      {
        CairnAnnotation *a = list->pdata[i];
        gint64 from, to;

        if (cairn_text_relation_ends (a, &from, &to))
          {
            relations++;
            g_assert_cmpint (from, ==, ids[0]);
            g_assert_cmpint (to, ==, ids[1]);
            g_assert_cmpint (a->label_id, ==, f->rel);
          }
      }
    g_assert_cmpuint (relations, ==, 1);
  }

  /* doccano: code points, as Python counts them (not UTF-16 units as the browser does). */
  jsonl_dir = export (f, "jsonl", "jsonl");
  jsonl = read_file (jsonl_dir, "annotations.jsonl");
  g_assert_true (json_parser_load_from_data (parser, jsonl, -1, &error));
  record = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, TEXT);
  entities = json_object_get_array_member (record, "entities");
  g_assert_cmpuint (json_array_get_length (entities), ==, G_N_ELEMENTS (cases) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < json_array_get_length (entities); k++)
        {
          JsonObject *e = json_array_get_object_element (entities, k);

          found = found
                  || (json_object_get_int_member (e, "start_offset") == cases[i].start
                      && json_object_get_int_member (e, "end_offset") == cases[i].end
                      && g_str_equal (json_object_get_string_member (e, "label"), cases[i].label));
        }
      if (!found)
        g_error ("doccano has no %s [%u, %u): %s", cases[i].label, cases[i].start, cases[i].end,
                 jsonl);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "relations")),
                    ==, 1);

  /* brat: T lines with code point offsets and the covered text. */
  brat_dir = export (f, "brat", "brat");
  {
    g_autoptr(GDir) dir = g_dir_open (brat_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_suffix (name, ".ann"))
        ann = read_file (brat_dir, name);
  }
  g_assert_nonnull (ann);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = g_strdup_printf ("\t%s %u %u\t%s\n", cases[i].label, cases[i].start,
                                               cases[i].end, cases[i].text);

      if (strstr (ann, line) == NULL)
        g_error ("brat has no “%s”: %s", line, ann);
    }
  g_assert_nonnull (strstr (ann, "\tORG 0 7\t서울 " HAN_DECOMPOSED "국\n"));
  g_assert_nonnull (strstr (ann, "\tnear Arg1:"));

  /* CoNLL takes no overlapping spans: delete the outer one (an edit), then export. */
  cairn_text_pane_select_range (f->pane, 0, 0);
  action (f, "text.cancel", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, nested);
  action (f, "canvas.delete-selection", NULL);
  conll_dir = export (f, "conll", "conll");
  conll = read_file (conll_dir, "annotations.conll");
  {
    static const char *const expected[] = {
      "서울 B-LOC\n", HAN_DECOMPOSED "국 B-LOC\n", THUMBS " B-EMO\n", FAMILY " B-EMO\n",
      "e\xcc\x81" "clair B-ORG\n", "한국어 B-PER\n", FLAG_KR " B-LOC\n", "끝 B-PER\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      if (strstr (conll, expected[i]) == NULL)
        g_error ("CoNLL has no “%s”: %s", expected[i], conll);
  }
}

static void
test_delete_undo (Fixture *f, gconstpointer data)
{
  gint64 ids[G_N_ELEMENTS (cases)];
  g_autoptr(GError) error = NULL;

  make_cases (f, ids);
  cairn_text_pane_select_range (f->pane, 0, 0);
  action (f, "text.cancel", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  action (f, "text.start-relation", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  action (f, "text.finish", NULL);
  g_assert_cmpuint (cairn_text_pane_get_n_spans (f->pane), ==, G_N_ELEMENTS (cases));
  /* Delete 한국: the relation to it goes too, one edit. */
  action (f, "text.cancel", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, ids[1]);
  action (f, "canvas.delete-selection", NULL);
  {
    g_autoptr(GPtrArray) list = annotations (f);

    g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (cases) - 1);
  }
  g_assert_cmpuint (cairn_text_pane_get_n_spans (f->pane), ==, G_N_ELEMENTS (cases) - 1);
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) list = annotations (f);

    g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (cases) + 1);
  }
  g_assert_cmpuint (cairn_text_pane_get_n_spans (f->pane), ==, G_N_ELEMENTS (cases));

  /* Extend and shrink by a grapheme: 👍🏽 [8, 10) grows over the space to [8, 11), then over
   * the whole family to [8, 16). */
  g_object_set (f->pane, "snap-words", FALSE, NULL);
  for (guint i = 0; i < 3; i++)
    action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, ids[2]);
  action (f, "text.resize-span", g_variant_new ("(sb)", "end", TRUE));
  {
    g_autofree char *g = geometry_of (f, ids[2]);

    g_assert_cmpstr (g, ==, "[8,11]");
  }
  action (f, "text.resize-span", g_variant_new ("(sb)", "end", TRUE));
  {
    g_autofree char *g = geometry_of (f, ids[2]);

    g_assert_cmpstr (g, ==, "[8,16]");
  }
  action (f, "text.resize-span", g_variant_new ("(sb)", "start", FALSE));
  {
    g_autofree char *g = geometry_of (f, ids[2]);

    g_assert_cmpstr (g, ==, "[10,16]");
  }
}

static guint
count_kind (Fixture *f, CairnKind kind, gint64 label)
{
  g_autoptr(GPtrArray) list = annotations (f);
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((CairnAnnotation *) list->pdata[i])->kind == kind
         && (label == 0 || ((CairnAnnotation *) list->pdata[i])->label_id == label);
  return n;
}

static void
test_classes_and_label_all (Fixture *f, gconstpointer data)
{
  /* Classes: multi-label by default, one per set when the project says so. */
  action (f, "canvas.select-label", g_variant_new_int32 (place (f, f->news)));
  action (f, "canvas.select-label", g_variant_new_int32 (place (f, f->sports)));
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_CLASS, 0), ==, 2);
  action (f, "canvas.select-label", g_variant_new_int32 (place (f, f->sports)));
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_CLASS, 0), ==, 1);
  g_object_set (f->pane, "single-class", TRUE, NULL);
  action (f, "text.toggle-class", g_variant_new_int64 (f->sports));
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_CLASS, f->sports), ==, 1);
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_CLASS, 0), ==, 1);
  /* The option is the project's: kept in the file. */
  {
    g_autofree char *value = cairn_store_dup_meta (f->store, "text.single-class");

    g_assert_cmpstr (value, ==, "true");
  }

  /* Label all: 한국 occurs in the decomposed 한국 (not found: different code points) and in
   * 한국어; whole words off, one edit for both PER spans. */
  action (f, "canvas.set-label", g_variant_new_int64 (f->per));
  {
    GtkEditable *entry = NULL;
    GtkWidget *w;

    action (f, "text.find", NULL);
    for (w = gtk_widget_get_first_child (GTK_WIDGET (f->pane)); w != NULL;)
      {
        if (GTK_IS_SEARCH_ENTRY (w))
          {
            entry = GTK_EDITABLE (w);
            break;
          }
        /* Depth first. */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w) == GTK_WIDGET (f->pane) ? NULL
                                                                    : gtk_widget_get_parent (w);
            if (w != NULL)
              w = gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (entry);
    gtk_editable_set_text (entry, "국");
    UI_WAIT_FOR (cairn_text_pane_get_n_matches (f->pane) == 2);
  }
  action (f, "text.label-all", NULL);
  /* 국 of the decomposed 한국 (code point 6) and of 한국어 (28). */
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_SPAN, f->per), ==, 2);
  g_assert_true (cairn_text_pane_has_span_at (f->pane, f->per, 6));
  g_assert_true (cairn_text_pane_has_span_at (f->pane, f->per, 28));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  }
  g_assert_cmpuint (count_kind (f, CAIRN_KIND_SPAN, f->per), ==, 0);
}

static const CairnAnnotation *
find_target (GPtrArray *list, guint start)
{
  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      JsonNode *source;

      if (a->kind == CAIRN_KIND_TARGET
          && (source = json_object_get_member (a->attributes, "source")) != NULL
          && json_array_get_int_element (json_node_get_array (source), 0) == start)
        return a;
    }
  return NULL;
}

static void
type (GtkTextView *view, const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

static void
test_translation (Fixture *f, gconstpointer data)
{
  GtkTextView *target = cairn_text_pane_get_target_view (f->pane);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (target);

  gtk_widget_grab_focus (GTK_WIDGET (target));
  ui_drain ();
  /* The first sentence: typed, then saved when the focus leaves. */
  type (target, "Hello.");
  action (f, "text.edit-target", NULL);
  {
    g_autoptr(GPtrArray) list = annotations (f);
    const CairnAnnotation *t = find_target (list, 0);

    g_assert_nonnull (t);
    g_assert_cmpstr (t->text, ==, "Hello.");
    g_assert_cmpint (json_array_get_int_element (
                       json_object_get_array_member (t->attributes, "source"), 1), ==, 6);
  }
  /* The second sentence, written through an input method: while it composes (preedit) nothing
   * is saved and no store change replaces the buffer; its commit is kept. */
  action (f, "text.move-sentence", g_variant_new_int32 (1));
  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  gtk_widget_grab_focus (GTK_WIDGET (target));
  ui_drain ();
  type (target, "반갑");
  g_signal_emit_by_name (target, "preedit-changed", "ㅅ");
  /* Someone else's change to the item arrives meanwhile (a span made in the source). */
  g_object_set (f->pane, "snap-words", FALSE, NULL);
  {
    g_autoptr(CairnAnnotation) span = cairn_annotation_new (CAIRN_KIND_SPAN);
    g_autoptr(CairnEdit) edit = NULL;
    double coords[] = { 0, 2 };

    span->item_id = f->item->id;
    cairn_annotation_set_coords (span, coords, 2);
    edit = cairn_edit_new_create (span);
    g_assert_true (cairn_edit_stack_push (f->stack, edit, NULL));
  }
  {
    g_autofree char *shown = NULL;
    GtkTextIter a, b;

    gtk_text_buffer_get_bounds (buffer, &a, &b);
    shown = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
    g_assert_cmpstr (shown, ==, "반갑");
  }
  {
    g_autoptr(GPtrArray) list = annotations (f);

    g_assert_null (find_target (list, 7));
  }
  /* The composition commits: 습니다. */
  g_signal_emit_by_name (target, "preedit-changed", "");
  type (target, "습니다.");
  action (f, "text.edit-target", NULL);
  {
    g_autoptr(GPtrArray) list = annotations (f);
    const CairnAnnotation *t = find_target (list, 7);

    g_assert_nonnull (t);
    g_assert_cmpstr (t->text, ==, "반갑습니다.");
  }
  /* Back to the first: its target is shown again. */
  action (f, "text.move-sentence", g_variant_new_int32 (-1));
  {
    g_autofree char *shown = NULL;
    GtkTextIter a, b;

    gtk_text_buffer_get_bounds (buffer, &a, &b);
    shown = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
    g_assert_cmpstr (shown, ==, "Hello.");
  }
}

/* The pane's capture controller on the text view: the shortcut of accel for action, or NULL. */
static GtkShortcut *
text_key (Fixture *f, const char *accel, const char *action_name)
{
  GtkWidget *view = GTK_WIDGET (cairn_text_pane_get_text_view (f->pane));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), "cairn-text-keys") != 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), k);
          GtkShortcutAction *a = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (a)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)),
                              action_name)
              && gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;  /* the controller keeps it */
        }
    }
  return NULL;
}

/* A key changed in Preferences reaches the text view at once, with the same item shown. */
static void
test_remapped_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.cairn.Cairn");
  GtkWidget *view = GTK_WIDGET (cairn_text_pane_get_text_view (f->pane));
  GVariantBuilder map;
  GtkShortcut *moved;

  cairn_text_pane_set_key_settings (f->pane, settings);
  g_assert_nonnull (text_key (f, "<Control>r", "text.start-relation"));
  g_assert_null (text_key (f, "<Control>e", "text.start-relation"));
  g_variant_builder_init (&map, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&map, "{ss}", "text.start-relation@view", "<Control>e");
  g_settings_set_value (settings, "shortcuts", g_variant_builder_end (&map));
  ui_drain ();
  moved = text_key (f, "<Control>e", "text.start-relation");
  g_assert_nonnull (moved);
  g_assert_null (text_key (f, "<Control>r", "text.start-relation"));
  /* And the new key does it: a relation starts from the selected span. */
  g_assert_cmpint (span_by_keys (f, 0, 2, f->loc), >, 0);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (moved),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE, view, NULL));
  g_assert_cmpint (((CairnLabel *) cairn_text_pane_get_palette_labels (f->pane)->pdata[0])->id,
                   ==, f->rel);
  /* Back to the defaults, at once too. */
  g_settings_reset (settings, "shortcuts");
  ui_drain ();
  g_assert_nonnull (text_key (f, "<Control>r", "text.start-relation"));
  cairn_text_pane_set_key_settings (f->pane, NULL);
}

static guint
binding_at (const char *action)
{
  guint n;

  g_assert_nonnull (cairn_keymap_lookup (action));
  return (guint) (cairn_keymap_lookup (action) - cairn_keymap_get_defaults (&n));
}

/* Keys clash only where both work: a pane's keys with the same pane's and with window-wide
 * ones, not with another pane's. No two defaults clash; Preferences refuses real clashes. */
static void
test_key_scopes (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.cairn.Cairn");
  GtkWindow *prefs = g_object_ref (cairn_preferences_new (NULL, settings, f->labels));
  const CairnKeyBinding *bindings;
  const CairnKeyBinding *clash;
  g_autoptr(GError) error = NULL;
  guint n;

  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = cairn_shortcuts_dup_accels (&bindings[i], NULL);

      for (guint j = 0; !bindings[i].reserved && accels[j] != NULL; j++)
        if (*accels[j] != '\0'
            && (clash = cairn_shortcuts_find_clash (accels[j], NULL, &bindings[i])) != NULL
            && !g_str_equal (clash->action, bindings[i].action))
          g_error ("%s of %s clashes with %s", accels[j], bindings[i].action, clash->action);
    }
  /* Ctrl+L: the canvas's lock and the text's label all; Ctrl+R: the audio pane's replay
   * (while typing a transcript too) and the text's relation. */
  g_assert_nonnull (cairn_shortcuts_find ("<Control>l", NULL, NULL));
  g_assert_null (cairn_shortcuts_find_clash ("<Control>l", NULL,
                                             &bindings[binding_at ("text.label-all")]));
  g_assert_null (cairn_shortcuts_find_clash ("<Control>r", NULL,
                                             &bindings[binding_at ("text.start-relation")]));
  g_assert_null (cairn_shortcuts_find_clash ("<Control>r", NULL,
                                             &bindings[binding_at ("audio.replay-segment")]));
  /* Within a pane, and with window keys, a clash is one. */
  clash = cairn_shortcuts_find_clash ("<Control>l", NULL, &bindings[binding_at ("canvas.copy")]);
  g_assert_cmpstr (clash->action, ==, "canvas.toggle-locked");
  clash = cairn_shortcuts_find_clash ("<Control>z", NULL, &bindings[binding_at ("text.find")]);
  g_assert_cmpstr (clash->action, ==, "win.undo");
  /* The canvas's shared keys work in the text pane: 1 picks a label there too. */
  clash = cairn_shortcuts_find_clash ("1", NULL, &bindings[binding_at ("text.find")]);
  g_assert_nonnull (clash);
  g_assert_true (g_str_has_prefix (clash->action, "canvas.select-label"));
  g_assert_null (cairn_shortcuts_find_clash ("1", NULL,
                                             &bindings[binding_at ("audio.split")]));
  /* Preferences: Ctrl+L for the text's Find is refused (label all has it), for the audio's
   * split it is free. */
  g_assert_false (cairn_preferences_assign (CAIRN_PREFERENCES (prefs), binding_at ("text.find"),
                                            "<Control>l", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (cairn_preferences_assign (CAIRN_PREFERENCES (prefs), binding_at ("audio.split"),
                                           "<Control>l", &error));
  g_assert_no_error (error);
  g_settings_reset (settings, "shortcuts");
  gtk_window_destroy (prefs);
  g_assert_finalize_object (prefs);
}

/* A relation whose other end is scrolled out of view still shows, as a stub to the edge of
 * the view with its name (counted with what the frame drew), from either end. */
static void
test_relation_out_of_view (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new ("김민수는 처음에 왔다.\n");
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GError) error = NULL;
  CairnSpanView *view = CAIRN_SPAN_VIEW (cairn_text_pane_get_text_view (f->pane));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint last;
  gint64 from, to;

  for (guint i = 0; i < 80; i++)
    g_string_append (text, "가나다라마바사 아자차카타파하.\n");
  last = g_utf8_strlen (text->str, -1);
  g_string_append (text, "이영희는 끝에 있다.");
  item->text = g_strdup (text->str);
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (f->pane), f->store, item, f->labels);
  ui_drain ();
  from = span_by_keys (f, 0, 3, f->per);
  to = span_by_keys (f, last, last + 3, f->per);
  g_assert_cmpint (from, >, 0);
  g_assert_cmpint (to, >, from);
  /* From the first span (Tab from nothing), to the next. */
  action (f, "text.cancel", NULL);
  action (f, "text.cancel", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_text_pane_get_selected_id (f->pane), ==, from);
  action (f, "text.start-relation", NULL);
  action (f, "text.cycle-selection", g_variant_new_int32 (1));
  action (f, "text.finish", NULL);
  {
    g_autoptr(GPtrArray) list = cairn_store_list_annotations (f->store, item->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 3);
    g_assert_cmpint (((CairnAnnotation *) list->pdata[2])->kind, ==, CAIRN_KIND_RELATION);
  }

  /* At the top, 김민수's bar and the stub's name; at the end, 이영희's and the stub. */
  for (guint k = 0; k < 2; k++)
    {
      guint frames = cairn_span_view_get_n_frames (view);

      gtk_adjustment_set_value (adjustment, k == 0 ? 0 : gtk_adjustment_get_upper (adjustment));
      gtk_widget_queue_draw (GTK_WIDGET (view));
      UI_WAIT_FOR (cairn_span_view_get_n_frames (view) > frames);
      g_assert_cmpuint (cairn_span_view_get_n_drawn (view), ==, 2);
    }
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/text-pane/export-offsets", Fixture, NULL, fixture_set_up, test_export_offsets,
              fixture_tear_down);
  g_test_add ("/text-pane/delete-undo-resize", Fixture, NULL, fixture_set_up, test_delete_undo,
              fixture_tear_down);
  g_test_add ("/text-pane/classes-label-all", Fixture, NULL, fixture_set_up,
              test_classes_and_label_all, fixture_tear_down);
  g_test_add ("/text-pane/remapped-keys", Fixture, NULL, fixture_set_up, test_remapped_keys,
              fixture_tear_down);
  g_test_add ("/text-pane/key-scopes", Fixture, NULL, fixture_set_up, test_key_scopes,
              fixture_tear_down);
  g_test_add ("/text-pane/relation-out-of-view", Fixture, NULL, fixture_set_up,
              test_relation_out_of_view, fixture_tear_down);
  g_test_add ("/text-pane/translation", Fixture, "안녕하세요. 반갑습니다! 잘 가요.",
              fixture_set_up, test_translation, fixture_tear_down);
  return g_test_run ();
}
