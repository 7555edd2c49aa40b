/* The window driven through its actions, as a key, a menu or a button would. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cairn-application.h"
#include "cairn-canvas.h"
#include "cairn-label-palette.h"
#include "cairn-prompt-dialog.h"
#include "cairn-start-page.h"
#include "cairn-text-pane.h"
#include "cairn-transfer-dialog.h"
#include "cairn-window.h"
#include "ui-fixture.h"
#include "ui-wait.h"

typedef struct
{
  CairnApplication *app;
  GSettings        *settings;
  Fixture          *fixture;
  void            (*body) (gpointer t, gconstpointer data);
  gboolean          running;
} Test;

/* The body runs inside g_application_run, as the application's activation, so startup and
 * shutdown happen as in real use (GtkApplication holds itself until shutdown). */
static void
on_activated_cb (GApplication *app,
                 Test         *t)
{
  GSettingsSchema *schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* A test that activates the application gets the application's own activation. */
  if (t->running)
    return;
  t->running = TRUE;
  /* Not the application's own activation, which would open a window. */
  g_signal_stop_emission_by_name (app, "activate");
  t->settings = g_object_ref (cairn_application_get_settings (t->app));
  /* Someone is working: the first-start question is a test of its own. */
  g_settings_set_string (t->settings, "annotator-name", "Tester");
  t->body (t, NULL);
  ui_drain ();

  /* The next test starts from the schema's defaults. */
  g_object_get (t->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (t->settings, keys[i]);
  g_settings_schema_unref (schema);
  g_clear_object (&t->settings);
}

static void
run_test (gconstpointer data)
{
  Test t = { 0 };
  char *argv[] = { (char *) "test-window", NULL };

  t.body = data;
  t.fixture = fixture_new ();
  t.app = cairn_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect (t.app, "activate", G_CALLBACK (on_activated_cb), &t);
  g_assert_cmpint (g_application_run (G_APPLICATION (t.app), 1, argv), ==, 0);
  ui_drain ();
  g_assert_finalize_object (t.app);
  fixture_free (t.fixture);
}

static CairnWindow *
open_window (Test *t)
{
  CairnWindow *window = cairn_window_new (t->app);
  g_autoptr(GError) error = NULL;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cairn_window_open_project (window, t->fixture->path, &error));
  g_assert_no_error (error);
  return window;
}

static void
close_window (CairnWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Decoding threads hold the window until they report back. */
  ui_drain ();
  g_assert_finalize_object (window);
}

static gint64
current_id (CairnWindow *window)
{
  const CairnItem *item = cairn_window_get_current_item (window);

  return item ? item->id : 0;
}

static void
activate (CairnWindow *window,
          const char  *action,
          const char  *target)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action,
                                             target ? "s" : NULL, target));
}

/* The canvas has drawn the current image (not the grey placeholder). */
static gboolean
image_drawn (CairnWindow *window,
             CairnCanvas *canvas,
             guint       *frames)
{
  if (cairn_window_is_loading (window) || cairn_canvas_get_image (canvas) == NULL)
    return FALSE;
  if (*frames == 0)
    {
      *frames = cairn_canvas_get_n_frames (canvas);
      gtk_widget_queue_draw (GTK_WIDGET (canvas));
      return FALSE;
    }
  return cairn_canvas_get_n_frames (canvas) > *frames;
}

static double
fitted_zoom (CairnCanvas *canvas,
             int          width,
             int          height)
{
  double w = gtk_widget_get_width (GTK_WIDGET (canvas));
  double h = gtk_widget_get_height (GTK_WIDGET (canvas));

  return MIN ((w - 2 * CAIRN_CANVAS_FIT_MARGIN) / width, (h - 2 * CAIRN_CANVAS_FIT_MARGIN) / height);
}

static void
test_navigate (Test          *t,
               gconstpointer  data)
{
  Fixture *f = t->fixture;
  CairnWindow *window = open_window (t);
  CairnCanvas *canvas = CAIRN_CANVAS (cairn_window_get_canvas (window));
  CairnTextPane *text = CAIRN_TEXT_PANE (cairn_window_get_text_pane (window));
  GListModel *palette = cairn_label_palette_get_model (
    CAIRN_LABEL_PALETTE (cairn_window_get_label_palette (window)));
  guint frames = 0;
  int w, h;

  g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (palette), ==, 4);

  /* The first image, fitted, every shape drawn. */
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "image");
  g_assert_cmpint (current_id (window), ==, f->shapes_image);
  UI_WAIT_FOR (image_drawn (window, canvas, &frames));
  g_assert_cmpuint (cairn_canvas_get_n_drawn_shapes (canvas), ==, f->n_shapes);
  g_assert_cmpuint (cairn_canvas_get_n_annotations (canvas), ==, f->n_shapes + 1);
  UI_WAIT_FOR (fabs (cairn_canvas_get_zoom (canvas) - fitted_zoom (canvas, 400, 300)) < 1e-9);
  g_assert_cmpstr (cairn_window_get_status_text (window, "counter"), ==, "Item 1 of 6");
  g_assert_cmpstr (cairn_window_get_status_text (window, "state"), ==, "New");
  {
    g_autofree char *zoom = g_strdup_printf ("%.0f%%", 100 * cairn_canvas_get_zoom (canvas));

    UI_WAIT_FOR (g_strcmp0 (cairn_window_get_status_text (window, "zoom"), zoom) == 0);
  }

  /* Next: the wide image, fitted by its width. */
  activate (window, "win.next-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->wide_image);
  g_assert_cmpuint (cairn_window_get_position (window), ==, 1);
  frames = 0;
  UI_WAIT_FOR (image_drawn (window, canvas, &frames));
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), fitted_zoom (canvas, 1600, 400),
                                  1e-9);
  g_assert_cmpuint (cairn_canvas_get_n_drawn_shapes (canvas), ==, 1);
  g_assert_cmpstr (cairn_window_get_status_text (window, "state"), ==, "Done");

  /* Zoom actions act on the canvas. */
  activate (window, "win.zoom-original", NULL);
  g_assert_cmpfloat (cairn_canvas_get_zoom (canvas), ==, 1.0);
  activate (window, "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (canvas), 1.25, 1e-9);
  activate (window, "win.zoom-fit", NULL);
  g_assert_true (cairn_canvas_get_fit (canvas));

  /* Next: the text, its spans highlighted at code-point offsets. */
  activate (window, "win.next-item", NULL);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "text");
  g_assert_cmpint (current_id (window), ==, f->text_item);
  g_assert_cmpuint (cairn_text_pane_get_n_spans (text), ==, 2);
  g_assert_true (cairn_text_pane_has_span_at (text, f->saram, 6));
  g_assert_true (cairn_text_pane_has_span_at (text, f->cat, 10));
  g_assert_false (cairn_text_pane_has_span_at (text, f->saram, 8));
  g_assert_cmpstr (cairn_window_get_status_text (window, "state"), ==, "In progress");
  /* No zooming on a text: the action is disabled. */
  {
    double zoom = cairn_canvas_get_zoom (canvas);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
    g_assert_cmpfloat (cairn_canvas_get_zoom (canvas), ==, zoom);
  }

  /* Next: the audio placeholder. */
  activate (window, "win.next-item", NULL);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "audio");

  /* Next: the image embedded in the project (its file is gone), in review. */
  activate (window, "win.next-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->embedded_image);
  frames = 0;
  UI_WAIT_FOR (image_drawn (window, canvas, &frames));
  g_assert_cmpint (cairn_image_get_width (cairn_canvas_get_image (canvas)), ==, 64);
  g_assert_cmpstr (cairn_window_get_status_text (window, "state"), ==, "Needs review");

  /* Last: stored 40 × 20 with EXIF orientation 6, shown 20 × 40. */
  activate (window, "win.next-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->rotated_image);
  frames = 0;
  UI_WAIT_FOR (image_drawn (window, canvas, &frames));
  g_assert_cmpint (cairn_image_get_width (cairn_canvas_get_image (canvas)), ==, 20);
  g_assert_cmpint (cairn_image_get_height (cairn_canvas_get_image (canvas)), ==, 40);
  cairn_canvas_get_image_size (canvas, &w, &h);
  g_assert_cmpint (w, ==, 20);
  g_assert_cmpint (h, ==, 40);
  g_assert_cmpstr (cairn_window_get_status_text (window, "counter"), ==, "Item 6 of 6");

  /* At the end, next is disabled; previous goes back, first and last jump. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->rotated_image);
  activate (window, "win.previous-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->embedded_image);
  activate (window, "win.first-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->shapes_image);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->shapes_image);
  activate (window, "win.last-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->rotated_image);

  close_window (window);
}

static void
test_filter (Test          *t,
             gconstpointer  data)
{
  Fixture *f = t->fixture;
  CairnWindow *window = open_window (t);
  GListModel *items = cairn_window_get_items (window);
  g_autofree char *kind = NULL;

  activate (window, "win.filter-kind", "text");
  g_object_get (window, "filter-kind", &kind, NULL);
  g_assert_cmpstr (kind, ==, "text");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_assert_cmpint (current_id (window), ==, f->text_item);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "text");
  g_assert_cmpstr (cairn_window_get_status_text (window, "counter"), ==, "Item 1 of 1");

  activate (window, "win.filter-kind", "image");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);
  activate (window, "win.filter-state", "new");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_cmpint (current_id (window), ==, f->shapes_image);
  activate (window, "win.next-item", NULL);
  g_assert_cmpint (current_id (window), ==, f->rotated_image);

  /* The shown item stays when it passes the next filter (new items: two images, the audio). */
  activate (window, "win.filter-kind", "any");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpint (current_id (window), ==, f->rotated_image);

  /* Nothing matches: the empty page. */
  activate (window, "win.filter-kind", "audio");
  activate (window, "win.filter-state", "done");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "empty");
  g_assert_null (cairn_window_get_current_item (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-item", NULL);
  g_assert_null (cairn_window_get_current_item (window));

  activate (window, "win.filter-state", "any");
  activate (window, "win.filter-kind", "any");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 6);
  g_assert_cmpstr (cairn_window_get_view_name (window), !=, "empty");

  close_window (window);
}

static void
test_settings (Test          *t,
               gconstpointer  data)
{
  CairnWindow *window;
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;
  g_autofree char *gone = g_build_filename (t->fixture->dir, "gone.cairn", NULL);
  const char *stored[] = { gone, NULL };
  int width, height;

  /* The size comes from the settings... */
  g_settings_set_int (t->settings, "window-width", 900);
  g_settings_set_int (t->settings, "window-height", 640);
  g_settings_set_strv (t->settings, "recent-projects", stored);
  window = open_window (t);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* ...opening a project makes it the last and most recent one (the missing one is left out
   * of what the start page shows)... */
  last = g_settings_get_string (t->settings, "last-project");
  g_assert_cmpstr (last, ==, t->fixture->path);
  recent = g_settings_get_strv (t->settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, t->fixture->path);
  g_clear_pointer (&recent, g_strfreev);
  recent = cairn_application_dup_recent (t->app);
  g_assert_cmpuint (g_strv_length (recent), ==, 1);

  /* ...and closing the window writes its size back. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (t->settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (t->settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (t->settings, "window-maximized"));
  ui_drain ();
  g_assert_finalize_object (window);
}

static GtkWindow *
find_transfer_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (CAIRN_IS_TRANSFER_DIALOG (w))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
test_start_page (Test          *t,
                 gconstpointer  data)
{
  CairnWindow *window = cairn_window_new (t->app);
  const char *stored[] = { t->fixture->path, NULL };
  GListModel *recent;
  GtkWidget *page;

  g_object_ref (window);
  g_settings_set_strv (t->settings, "recent-projects", stored);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "start");
  g_assert_null (cairn_window_get_store (window));
  /* Without a project, the project actions do nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  g_assert_null (find_transfer_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-item", NULL);
  g_assert_null (cairn_window_get_current_item (window));

  page = gtk_widget_get_first_child (GTK_WIDGET (window));
  while (page != NULL && !CAIRN_IS_START_PAGE (page))
    page = gtk_widget_get_first_child (page);
  g_assert_nonnull (page);
  recent = cairn_start_page_get_recent (CAIRN_START_PAGE (page));
  UI_WAIT_FOR (g_list_model_get_n_items (recent) == 1);

  activate (window, "win.open-recent", t->fixture->path);
  g_assert_cmpstr (cairn_window_get_project_path (window), ==, t->fixture->path);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "image");

  activate (window, "win.close-project", NULL);
  g_assert_cmpstr (cairn_window_get_view_name (window), ==, "start");
  g_assert_null (cairn_window_get_current_item (window));
  close_window (window);
}

static void
test_activate_opens_last (Test          *t,
                          gconstpointer  data)
{
  GtkWindow *window;

  g_settings_set_string (t->settings, "last-project", t->fixture->path);
  g_application_activate (G_APPLICATION (t->app));
  window = gtk_application_get_active_window (GTK_APPLICATION (t->app));
  g_assert_true (CAIRN_IS_WINDOW (window));
  g_object_ref (window);
  g_assert_cmpstr (cairn_window_get_project_path (CAIRN_WINDOW (window)), ==, t->fixture->path);
  close_window (CAIRN_WINDOW (window));
}

static void
on_finished_cb (CairnTransferDialog *dialog,
                gboolean             changed,
                gboolean            *done)
{
  *done = TRUE;
}

/* A folder dropped on a project window is imported, and the list grows. */
static void
test_import_folder (Test          *t,
                    gconstpointer  data)
{
  CairnWindow *window = open_window (t);
  g_autoptr(GError) error = NULL;
  g_autofree char *media = g_dir_make_tmp ("cairn-drop-XXXXXX", &error);
  g_autofree char *png = g_build_filename (media, "dropped.png", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (media);
  GtkWindow *dialog;
  gboolean done = FALSE;

  g_assert_true (fixture_write_png (png, 32, 32, 0x445566, &error));
  cairn_window_open_file (window, folder);
  dialog = find_transfer_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpstr (cairn_transfer_dialog_get_format (CAIRN_TRANSFER_DIALOG (dialog)), ==,
                   "folder");
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &done);
  g_assert_true (cairn_transfer_dialog_start (CAIRN_TRANSFER_DIALOG (dialog)));
  UI_WAIT_FOR (done);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, 7);
  gtk_window_destroy (dialog);
  g_assert_finalize_object (dialog);

  close_window (window);
  fixture_remove_dir (media);
}

static CairnPromptDialog *
find_prompt (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (CAIRN_IS_PROMPT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return CAIRN_PROMPT_DIALOG (w);
    }
  return NULL;
}

/* First start: nobody is named yet, so the window asks, keeps the answer, and edits with it. */
static void
test_first_start (Test          *t,
                  gconstpointer  data)
{
  CairnWindow *window;
  CairnPromptDialog *prompt;
  g_autofree char *name = NULL;

  g_settings_set_string (t->settings, "annotator-name", "");
  window = open_window (t);
  UI_WAIT_FOR ((prompt = find_prompt ()) != NULL);
  /* Nothing is edited before they answer. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  {
    g_autoptr(CairnItem) first = cairn_store_get_item (cairn_window_get_store (window),
                                                       t->fixture->shapes_image, NULL);
    g_assert_cmpint (first->state, ==, CAIRN_STATE_NEW);
  }
  /* A name with a line break is refused and the question stays. */
  cairn_prompt_dialog_submit (prompt, "이\n서연");
  g_assert_true (find_prompt () == prompt);
  cairn_prompt_dialog_submit (prompt, "  이서연 ");
  UI_WAIT_FOR (find_prompt () == NULL);
  name = g_settings_get_string (t->settings, "annotator-name");
  g_assert_cmpstr (name, ==, "이서연");
  g_assert_cmpstr (cairn_window_get_status_text (window, "annotator"), ==, "이서연");

  /* Ctrl+Enter: done, saved, undoable by name, the list row updated; undo puts it back. */
  activate (window, "win.mark-done", NULL);
  g_assert_cmpuint (cairn_window_get_position (window), ==, 1);
  g_assert_cmpstr (cairn_window_get_status_text (window, "saved"), ==, "Saved");
  {
    g_autofree char *undo = cairn_window_dup_edit_menu_label (window, 0);
    g_autoptr(CairnItem) first = cairn_store_get_item (cairn_window_get_store (window),
                                                       t->fixture->shapes_image, NULL);

    g_assert_cmpstr (undo, ==, "_Undo Change Item State");
    g_assert_cmpint (first->state, ==, CAIRN_STATE_DONE);
  }
  activate (window, "win.undo", NULL);
  {
    g_autofree char *redo = cairn_window_dup_edit_menu_label (window, 1);
    g_autoptr(CairnItem) first = cairn_store_get_item (cairn_window_get_store (window),
                                                       t->fixture->shapes_image, NULL);

    g_assert_cmpstr (redo, ==, "_Redo Change Item State");
    g_assert_cmpint (first->state, ==, CAIRN_STATE_NEW);
  }
  {
    g_autofree char *undo = cairn_window_dup_edit_menu_label (window, 0);
    g_assert_cmpstr (undo, ==, "_Undo");
  }
  close_window (window);
}

/* N goes to the next item without annotations; Ctrl+G to an item by number. */
static void
test_item_commands (Test          *t,
                    gconstpointer  data)
{
  CairnWindow *window = open_window (t);
  CairnStore *store = cairn_window_get_store (window);
  CairnPromptDialog *prompt;
  g_autoptr(GError) error = NULL;
  gint64 next;

  next = cairn_store_next_unlabelled_item (store, current_id (window), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, !=, 0);
  activate (window, "win.next-unlabelled", NULL);
  g_assert_cmpint (current_id (window), ==, next);
  {
    g_autoptr(GPtrArray) annotations = cairn_store_list_annotations (store, next, &error);
    g_assert_cmpuint (annotations->len, ==, 0);
  }
  activate (window, "win.go-to-item", NULL);
  UI_WAIT_FOR ((prompt = find_prompt ()) != NULL);
  cairn_prompt_dialog_submit (prompt, "99");
  g_assert_true (find_prompt () == prompt);
  cairn_prompt_dialog_submit (prompt, "2");
  UI_WAIT_FOR (find_prompt () == NULL);
  g_assert_cmpuint (cairn_window_get_position (window), ==, 1);

  /* Listing new items only, the one marked done leaves the list at once. */
  activate (window, "win.filter-state", "new");
  {
    guint n = g_list_model_get_n_items (cairn_window_get_items (window));
    gint64 done = current_id (window);

    g_assert_cmpuint (n, >=, 2);
    activate (window, "win.mark-done", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, n - 1);
    g_assert_cmpint (current_id (window), !=, done);
    g_assert_cmpint (current_id (window), !=, 0);
  }
  close_window (window);
}

/* `cairn FILE.json` while a project is open: the file is offered for import into that project
 * (the import dialog over its window), not a new window asking for a new project. */
static void
test_open_data_file (Test          *t,
                     gconstpointer  data)
{
  CairnWindow *window = open_window (t);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cairn-open-XXXXXX", &error);
  g_autofree char *json = g_build_filename (dir, "more.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (t->app)));
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (json, "{\"images\": []}", -1, &error));
  g_application_open (G_APPLICATION (t->app), &file, 1, "");
  ui_drain ();
  dialog = find_transfer_dialog ();
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_cmpstr (cairn_window_get_project_path (window), ==, t->fixture->path);
  /* No other project window: the dialog is the only new toplevel. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (t->app)); l; l = l->next)
    g_assert_true (l->data == (gpointer) window || l->data == (gpointer) dialog);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (t->app))), <=,
                    n_windows + 1);
  gtk_window_destroy (dialog);
  g_assert_finalize_object (dialog);

  close_window (window);
  fixture_remove_dir (dir);
}

#define ADD_TEST(path, func) \
  g_test_add_data_func (path, (gconstpointer) (void (*) (gpointer, gconstpointer)) func, run_test)

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ADD_TEST ("/window/navigate", test_navigate);
  ADD_TEST ("/window/filter", test_filter);
  ADD_TEST ("/window/open-data-file", test_open_data_file);
  ADD_TEST ("/window/settings", test_settings);
  ADD_TEST ("/window/start-page", test_start_page);
  ADD_TEST ("/window/activate-opens-last", test_activate_opens_last);
  ADD_TEST ("/window/import-folder", test_import_folder);
  ADD_TEST ("/window/first-start", test_first_start);
  ADD_TEST ("/window/item-commands", test_item_commands);
  return g_test_run ();
}
