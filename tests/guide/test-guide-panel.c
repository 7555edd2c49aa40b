/* The guideline panel on a display: Markdown reaches the GtkTextBuffer as tags, the label's
 * section is highlighted, the contents and search work; the plan view lays itself out. */
#include <glib/gstdio.h>
#include <math.h>
#include <gtk/gtk.h>

#include "guide/cairn-guide-plan.h"
#include "guide/cairn-guide-recheck.h"
#include "store/cairn-store-guide.h"
#include "cairn-attribute-list.h"
#include "cairn-guideline-editor.h"
#include "cairn-guideline-panel.h"
#include "cairn-note-dialog.h"
#include "cairn-notes-window.h"
#include "cairn-plan-view.h"
#include "cairn-schema-editor.h"
#include "edit/cairn-edit-stack.h"

static const char guide[] =
  "# 도로 지침\n\nIntro with *emphasis*, **strong**, `code` and [a link](https://x.org).\n\n"
  "## Car {#vehicles}\n\n- Box the body.\n- ![mirror](m.png) out.\n\n> Ask when unsure.\n\n"
  "```\nbox x y w h\n```\n\n---\n\n## Bus\n\n| 항목 | n |\n|---|--:|\n| 버스 | 2 |\n\n<br>\n";

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      car;
  gint64      bus;
} Fixture;

static void
set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) car = cairn_label_new ("car");
  g_autoptr(CairnLabel) bus = cairn_label_new ("Bus");

  f->dir = g_dir_make_tmp ("cairn-guide-panel-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "p.cairn", NULL);
  f->store = cairn_store_create (f->path, "p", &error);
  g_assert_no_error (error);
  g_assert_true (cairn_store_add_label (f->store, car, &error));
  g_assert_true (cairn_store_add_label (f->store, bus, &error));
  g_assert_true (cairn_store_set_label_anchor (f->store, car->id, "vehicles", &error));
  g_assert_cmpint (cairn_guide_publish (f->store, guide, NULL, "v1", NULL, &error), ==, 1);
  f->car = car->id;
  f->bus = bus->id;
}

static void
tear_down (Fixture *f)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Whether the tag covers the first occurrence of text in the buffer. */
static gboolean
tagged (GtkTextBuffer *buffer, const char *tag_name, const char *text)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter start, match, match_end;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match, &match_end, NULL))
    return FALSE;
  for (GtkTextIter i = match; gtk_text_iter_compare (&i, &match_end) < 0;
       gtk_text_iter_forward_char (&i))
    if (!gtk_text_iter_has_tag (&i, tag))
      return FALSE;
  return TRUE;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_panel (void)
{
  Fixture f = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = cairn_guideline_panel_new ();
  GtkTextBuffer *buffer;
  GtkEditable *search;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  set_up (&f);
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 500);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  cairn_guideline_panel_set_store (CAIRN_GUIDELINE_PANEL (panel), f.store);
  iterate ();
  buffer = cairn_guideline_panel_get_buffer (CAIRN_GUIDELINE_PANEL (panel));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_null (strstr (text, "{#vehicles}"));
  g_assert_true (tagged (buffer, "h1", "도로 지침"));
  g_assert_true (tagged (buffer, "h2", "Car"));
  g_assert_true (tagged (buffer, "emphasis", "emphasis"));
  g_assert_true (tagged (buffer, "strong", "strong"));
  g_assert_true (tagged (buffer, "code", "code"));
  g_assert_true (tagged (buffer, "link", "a link"));
  g_assert_true (tagged (buffer, "list-item", "Box the body."));
  g_assert_true (tagged (buffer, "indent-1", "Box the body."));
  g_assert_true (tagged (buffer, "bullet", "•"));
  g_assert_true (tagged (buffer, "image", "mirror"));
  g_assert_true (tagged (buffer, "quote", "Ask when unsure."));
  g_assert_true (tagged (buffer, "code-block", "box x y w h"));
  g_assert_true (tagged (buffer, "rule", "――"));
  g_assert_true (tagged (buffer, "table-header", "항목"));
  g_assert_true (tagged (buffer, "table", "버스 |   2"));
  g_assert_true (tagged (buffer, "html", "<br>"));
  g_assert_false (tagged (buffer, "strong", "emphasis"));

  /* The schema's anchor, then the heading that is the name (any case). */
  cairn_guideline_panel_show_label (CAIRN_GUIDELINE_PANEL (panel), f.car);
  g_assert_cmpstr (cairn_guideline_panel_get_anchor (CAIRN_GUIDELINE_PANEL (panel)), ==,
                   "vehicles");
  g_assert_true (tagged (buffer, "section", "Box the body."));
  g_assert_false (tagged (buffer, "section", "Intro"));
  g_object_set (panel, "label-id", f.bus, NULL);
  g_assert_cmpstr (cairn_guideline_panel_get_anchor (CAIRN_GUIDELINE_PANEL (panel)), ==, "bus");
  g_assert_true (tagged (buffer, "section", "버스"));
  g_assert_false (tagged (buffer, "section", "Box the body."));
  g_assert_false (cairn_guideline_panel_show_anchor (CAIRN_GUIDELINE_PANEL (panel), "nothing"));

  search = GTK_EDITABLE (gtk_widget_get_template_child (panel, CAIRN_TYPE_GUIDELINE_PANEL,
                                                        "search_entry"));
  gtk_editable_set_text (search, "BOX");
  g_signal_emit_by_name (search, "search-changed");
  iterate ();
  g_assert_true (tagged (buffer, "search-match", "Box"));
  g_assert_true (tagged (buffer, "search-match", "box"));
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_false (tagged (buffer, "search-match", "Box"));

  cairn_guideline_panel_set_store (CAIRN_GUIDELINE_PANEL (panel), NULL);
  /* The scroll to a section animates; GTK 4.8 disconnects a handler it never had when a
   * scrolled text view unmaps mid-animation. */
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  tear_down (&f);
}

static void
test_plan_view (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnPlan) plan = NULL;
  GtkWidget *view = g_object_ref_sink (cairn_plan_view_new ());
  int empty, planned, natural;

  set_up (&f);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &empty, &natural, NULL, NULL);
  plan = cairn_plan_from_json ("{\"purpose\": \"탐지\", \"labels\": {\"car\": 3, \"Bus\": 1},"
                               " \"splits\": {\"train\": 1}}", &error);
  g_assert_true (cairn_plan_save (f.store, plan, &error));
  g_assert_true (cairn_plan_view_set_store (CAIRN_PLAN_VIEW (view), f.store, &error));
  g_assert_no_error (error);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &planned, &natural, NULL, NULL);
  /* A line of text, the items bar, two label rows and a split row more. */
  g_assert_cmpint (planned, >, empty + 4 * 28);
  /* A car drawn while the plan is open shows in it, shortly after. */
  {
    g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
    g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
    gint64 before = cairn_plan_view_get_label_count (CAIRN_PLAN_VIEW (view), "car");
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_assert_cmpint (before, >=, 0);
    item->uri = g_strdup ("a.png");
    item->width = item->height = 10;
    g_assert_true (cairn_store_add_item (f.store, item, &error));
    box->item_id = item->id;
    box->label_id = f.car;
    cairn_annotation_set_box (box, 1, 1, 2, 2);
    g_assert_true (cairn_store_add_annotation (f.store, box, &error));
    while (cairn_plan_view_get_label_count (CAIRN_PLAN_VIEW (view), "car") == before
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (cairn_plan_view_get_label_count (CAIRN_PLAN_VIEW (view), "car"), ==,
                     before + 1);
  }
  g_assert_finalize_object (view);
  tear_down (&f);
}

static void
on_recorded_cb (CairnNoteDialog *dialog, gint64 id, gint64 *out)
{
  *out = id;
}

static void
on_open_note_cb (CairnNotesWindow *window, gint64 item, gint64 annotation, gint64 *out)
{
  out[0] = item;
  out[1] = annotation;
}

/* Recording from a shape takes its box and label; the notes window filters, resolves and
 * promotes. */
static void
test_notes (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnNote) note = NULL;
  CairnNoteDialog *dialog;
  CairnNotesWindow *window;
  gint64 recorded = 0, opened[2] = { 0, 0 };
  GtkDropDown *state;

  set_up (&f);
  item->uri = g_strdup ("a.png");
  g_assert_true (cairn_store_add_item (f.store, item, &error));
  box->item_id = item->id;
  box->label_id = f.bus;
  cairn_annotation_set_box (box, 10, 20, 30, 40);
  g_assert_true (cairn_store_add_annotation (f.store, box, &error));
  labels = cairn_store_list_labels (f.store, &error);

  dialog = cairn_note_dialog_new (NULL, f.store, item->id, box, labels);
  g_signal_connect (dialog, "recorded", G_CALLBACK (on_recorded_cb), &recorded);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (cairn_note_dialog_record (dialog, "   "));
  g_assert_true (cairn_note_dialog_record (dialog, " 버스 뒤 트레일러? "));
  iterate ();
  g_assert_cmpint (recorded, >, 0);
  note = cairn_store_get_note (f.store, recorded, &error);
  g_assert_cmpstr (note->title, ==, "버스 뒤 트레일러?");
  g_assert_cmpint (note->label_id, ==, f.bus);
  g_assert_cmpint (note->annotation_id, ==, box->id);
  g_assert_cmpstr (note->region, ==, "{\"box\": [10, 20, 30, 40]}");

  window = cairn_notes_window_new (NULL, f.store);
  g_signal_connect (window, "open-note", G_CALLBACK (on_open_note_cb), opened);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpuint (cairn_notes_window_get_n_shown (window), ==, 1);
  cairn_notes_window_act (window, recorded, "open", NULL);
  g_assert_cmpint (opened[0], ==, item->id);
  g_assert_cmpint (opened[1], ==, box->id);
  cairn_notes_window_act (window, recorded, "answer", "예, 트레일러도 버스입니다.");
  g_clear_pointer (&note, cairn_note_free);
  note = cairn_store_get_note (f.store, recorded, &error);
  g_assert_cmpint (note->state, ==, CAIRN_NOTE_ANSWERED);
  /* Only open notes: none now. */
  state = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                        CAIRN_TYPE_NOTES_WINDOW,
                                                        "state_dropdown"));
  gtk_drop_down_set_selected (state, 1);
  g_assert_cmpuint (cairn_notes_window_get_n_shown (window), ==, 0);
  gtk_drop_down_set_selected (state, 0);
  cairn_notes_window_act (window, recorded, "promote", NULL);
  g_assert_cmpint (cairn_store_get_guideline_version (f.store), ==, 2);
  g_clear_pointer (&note, cairn_note_free);
  note = cairn_store_get_note (f.store, recorded, &error);
  g_assert_cmpint (note->state, ==, CAIRN_NOTE_PROMOTED);
  g_assert_cmpuint (cairn_notes_window_get_n_shown (window), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  tear_down (&f);
}

static void
on_published_cb (CairnGuidelineEditor *editor, gint version, gint *out)
{
  *out = version;
}

/* The editor starts from the newest version, previews the draft, and publishing it is a new
 * version under the re-check rule. */
static void
test_editor (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(GPtrArray) flags = NULL;
  CairnGuidelineEditor *editor;
  GtkTextBuffer *source;
  GtkTextIter end;
  GtkWidget *preview;
  gint published = 0;

  set_up (&f);
  item->uri = g_strdup ("a.png");
  g_assert_true (cairn_store_add_item (f.store, item, &error));
  box->item_id = item->id;
  box->label_id = f.car;
  cairn_annotation_set_box (box, 1, 2, 3, 4);
  g_assert_true (cairn_store_add_annotation (f.store, box, &error));
  editor = cairn_guideline_editor_new (NULL, f.store);
  g_signal_connect (editor, "published", G_CALLBACK (on_published_cb), &published);
  gtk_window_present (GTK_WINDOW (editor));
  source = cairn_guideline_editor_get_source (editor);
  preview = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                         CAIRN_TYPE_GUIDELINE_EDITOR,
                                                         "preview");
  g_assert_false (cairn_guideline_editor_publish (editor, "nothing"));
  /* A rule more for the car, whose section the label's anchor names. */
  g_assert_true (gtk_text_buffer_get_iter_at_line (source, &end, 6));
  gtk_text_buffer_insert (source, &end, "- Mirrors count.\n", -1);
  cairn_guideline_editor_update (editor);
  g_assert_true (tagged (cairn_guideline_panel_get_buffer (CAIRN_GUIDELINE_PANEL (preview)),
                         "list-item", "Mirrors count."));
  /* A picture inserted at the cursor shows in the preview, and goes in with the version. */
  {
    g_autofree char *png = g_build_filename (f.dir, "mirror (left).png", NULL);
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 200);
    g_autofree char *text = NULL;
    GtkTextIter start, stop;

    gdk_pixbuf_fill (pixbuf, 0x3366ccff);
    g_assert_true (gdk_pixbuf_save (pixbuf, png, "png", &error, NULL));
    g_assert_true (cairn_guideline_editor_insert_picture (editor, png, &error));
    g_assert_no_error (error);
    g_remove (png);
    gtk_text_buffer_get_bounds (source, &start, &stop);
    text = gtk_text_buffer_get_text (source, &start, &stop, FALSE);
    g_assert_nonnull (strstr (text, "![mirror--left-.png](mirror--left-.png)"));
    cairn_guideline_editor_update (editor);
    g_assert_cmpuint (cairn_guideline_panel_get_n_pictures (CAIRN_GUIDELINE_PANEL (preview)),
                      ==, 1);
  }
  g_assert_false (cairn_guideline_editor_publish (editor, "  "));
  g_assert_true (cairn_guideline_editor_publish (editor, "Mirrors"));
  iterate ();
  g_assert_cmpint (published, ==, 2);
  {
    g_autoptr(GBytes) kept = cairn_store_get_guideline_image (f.store, "mirror--left-.png", 2,
                                                              &error);
    GtkWidget *window = gtk_window_new ();
    GtkWidget *panel = cairn_guideline_panel_new ();
    GtkTextBuffer *shown;
    GtkTextIter it;
    gboolean found = FALSE;

    g_assert_no_error (error);
    g_assert_nonnull (kept);
    g_assert_null (cairn_store_get_guideline_image (f.store, "mirror--left-.png", 1, NULL));
    /* The panel shows the version with the picture in it, scaled to the panel. */
    gtk_window_set_child (GTK_WINDOW (window), panel);
    gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
    gtk_window_present (GTK_WINDOW (window));
    cairn_guideline_panel_set_store (CAIRN_GUIDELINE_PANEL (panel), f.store);
    iterate ();
    g_assert_cmpuint (cairn_guideline_panel_get_n_pictures (CAIRN_GUIDELINE_PANEL (panel)), ==, 1);
    shown = cairn_guideline_panel_get_buffer (CAIRN_GUIDELINE_PANEL (panel));
    for (gtk_text_buffer_get_start_iter (shown, &it); !found; gtk_text_iter_forward_char (&it))
      {
        GdkPaintable *paintable = gtk_text_iter_get_paintable (&it);

        /* The fixture's m.png is not in the project: a small "missing" sign stands for it. */
        if (paintable != NULL && gdk_paintable_get_intrinsic_width (paintable) > 48)
          {
            int w = gdk_paintable_get_intrinsic_width (paintable);
            int h = gdk_paintable_get_intrinsic_height (paintable);

            found = TRUE;
            g_assert_cmpint (w, <=, 300);
            g_assert_cmpfloat (fabs ((double) w / h - 3.2), <, 0.05);
          }
        if (gtk_text_iter_is_end (&it))
          break;
      }
    g_assert_true (found);
    gtk_window_destroy (GTK_WINDOW (window));
  }
  flags = cairn_store_list_flags (f.store, NULL, &error);
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpint (((CairnFlag *) g_ptr_array_index (flags, 0))->annotation_id, ==, box->id);
  tear_down (&f);
}

static GtkEditable *
form_entry (CairnSchemaEditor *editor, const char *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                      CAIRN_TYPE_SCHEMA_EDITOR, name));
}

/* A rename from the form is one edit the stack undoes; a wrong colour, a taken hotkey or a
 * parent under the label itself are refused before anything is written. */
static void
test_schema_editor (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnLabel) label = NULL;
  g_autoptr(CairnLabel) child = cairn_label_new ("minibus");
  g_autofree char *undo = NULL, *anchor = NULL;
  CairnSchemaEditor *editor;

  set_up (&f);
  child->parent_id = f.bus;
  g_assert_true (cairn_store_add_label (f.store, child, &error));
  stack = cairn_edit_stack_new (f.store, 0);
  editor = cairn_schema_editor_new (NULL, stack);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (cairn_schema_editor_select (editor, f.car));
  gtk_editable_set_text (form_entry (editor, "name_entry"), "자동차");
  g_assert_true (cairn_schema_editor_apply (editor));
  label = cairn_store_get_label (f.store, f.car, &error);
  g_assert_cmpstr (label->name, ==, "자동차");
  anchor = cairn_store_dup_label_anchor (f.store, f.car);
  g_assert_cmpstr (anchor, ==, "vehicles");
  undo = cairn_edit_stack_dup_undo_title (stack);
  g_assert_cmpstr (undo, ==, "Rename Label");
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  g_clear_pointer (&label, cairn_label_free);
  label = cairn_store_get_label (f.store, f.car, &error);
  g_assert_cmpstr (label->name, ==, "car");

  g_assert_true (cairn_schema_editor_select (editor, f.car));
  gtk_editable_set_text (form_entry (editor, "color_entry"), "red");
  g_assert_false (cairn_schema_editor_apply (editor));
  gtk_editable_set_text (form_entry (editor, "color_entry"), "#112233");
  gtk_editable_set_text (form_entry (editor, "hotkey_entry"), "R");
  g_assert_false (cairn_schema_editor_apply (editor));
  gtk_editable_set_text (form_entry (editor, "hotkey_entry"), "");
  g_assert_true (cairn_schema_editor_apply (editor));
  g_clear_pointer (&label, cairn_label_free);
  label = cairn_store_get_label (f.store, f.car, &error);
  g_assert_cmpstr (label->color, ==, "#112233");

  /* Attributes as rows: a list with its values and default, a required number; a list with
   * no values and a default that is not one of them are refused, naming the attribute. */
  g_assert_true (cairn_schema_editor_select (editor, f.car));
  {
    CairnAttributeList *list = CAIRN_ATTRIBUTE_LIST (gtk_widget_get_template_child (
      GTK_WIDGET (editor), CAIRN_TYPE_SCHEMA_EDITOR, "attribute_list"));
    GtkWidget *add = gtk_widget_get_last_child (GTK_WIDGET (list));
    JsonObject *spec;

    g_assert_cmpuint (cairn_attribute_list_get_n_rows (list), ==, 0);
    g_signal_emit_by_name (add, "clicked");
    g_signal_emit_by_name (add, "clicked");
    g_assert_cmpuint (cairn_attribute_list_get_n_rows (list), ==, 2);
    gtk_editable_set_text (GTK_EDITABLE (cairn_attribute_list_get_field (list, 0, "name")), "색");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (cairn_attribute_list_get_field (list, 0, "type")),
                                1);
    g_assert_true (gtk_widget_get_sensitive (cairn_attribute_list_get_field (list, 0, "values")));
    g_assert_false (cairn_schema_editor_apply (editor));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
      GTK_WIDGET (editor), CAIRN_TYPE_SCHEMA_EDITOR, "error_label"))), "“색”"));
    gtk_editable_set_text (GTK_EDITABLE (cairn_attribute_list_get_field (list, 0, "values")),
                           "빨강, 파랑 ,, 초록");
    gtk_editable_set_text (GTK_EDITABLE (cairn_attribute_list_get_field (list, 0, "default")),
                           "노랑");
    g_assert_false (cairn_schema_editor_apply (editor));
    gtk_editable_set_text (GTK_EDITABLE (cairn_attribute_list_get_field (list, 0, "default")),
                           "파랑");
    gtk_editable_set_text (GTK_EDITABLE (cairn_attribute_list_get_field (list, 1, "name")),
                           "doors");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (cairn_attribute_list_get_field (list, 1, "type")),
                                2);
    g_assert_false (gtk_widget_get_sensitive (cairn_attribute_list_get_field (list, 1, "values")));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (cairn_attribute_list_get_field (list, 1,
                                                                                   "required")),
                                 TRUE);
    g_assert_true (cairn_schema_editor_apply (editor));
    g_clear_pointer (&label, cairn_label_free);
    label = cairn_store_get_label (f.store, f.car, &error);
    g_assert_cmpuint (json_array_get_length (label->attributes), ==, 2);
    spec = json_array_get_object_element (label->attributes, 0);
    g_assert_cmpstr (json_object_get_string_member (spec, "type"), ==, "enum");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (spec, "values")), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (spec, "default"), ==, "파랑");
    spec = json_array_get_object_element (label->attributes, 1);
    g_assert_cmpstr (json_object_get_string_member (spec, "type"), ==, "number");
    g_assert_true (json_object_get_boolean_member (spec, "required"));
    /* Shown again as they were. */
    g_assert_true (cairn_schema_editor_select (editor, f.bus));
    g_assert_true (cairn_schema_editor_select (editor, f.car));
    g_assert_cmpuint (cairn_attribute_list_get_n_rows (list), ==, 2);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
      cairn_attribute_list_get_field (list, 0, "values"))), ==, "빨강, 파랑, 초록");
  }

  /* The bus under its own minibus: a circle. */
  g_assert_true (cairn_schema_editor_select (editor, f.bus));
  {
    GtkDropDown *parent = GTK_DROP_DOWN (gtk_widget_get_template_child (
      GTK_WIDGET (editor), CAIRN_TYPE_SCHEMA_EDITOR, "parent_dropdown"));
    GListModel *names = gtk_drop_down_get_model (parent);

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "minibus"))
        gtk_drop_down_set_selected (parent, i);
  }
  g_assert_false (cairn_schema_editor_apply (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate ();
  g_clear_object (&stack);
  tear_down (&f);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guide/panel/tags-section-search", test_panel);
  g_test_add_func ("/guide/plan-view/measure", test_plan_view);
  g_test_add_func ("/guide/notes-window", test_notes);
  g_test_add_func ("/guide/editor", test_editor);
  g_test_add_func ("/guide/schema-editor", test_schema_editor);
  return g_test_run ();
}
