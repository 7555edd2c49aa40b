/* The review flow in the window (issue 14): a reviewer opens the queue, sees each annotator's
 * version with the differences, hides one, accepts with a comment (the main window's Undo
 * takes it back), restores an earlier version from the history, and opens the item in the
 * main window; an annotator sees the queue but decides nothing. */
#include <gtk/gtk.h>
#include <string.h>

#include "edit/cairn-edit-stack.h"
#include "store/cairn-store-team.h"
#include "team/cairn-review.h"
#include "cairn-application.h"
#include "cairn-prompt-dialog.h"
#include "cairn-review-compare.h"
#include "cairn-review-window.h"
#include "cairn-window.h"
#include "ui-fixture.h"
#include "ui-wait.h"

typedef struct
{
  CairnApplication *app;
  Fixture          *fixture;
  const char       *who;
  void            (*body) (gpointer t);
  gboolean          running;
  gint64            kim, lee, rev, kim_box, lee_box;
} Test;

static gint64
add_box (Test *t, gint64 annotator, double x)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(GError) error = NULL;

  a->item_id = t->fixture->wide_image;
  a->label_id = t->fixture->dog;
  a->annotator_id = annotator;
  cairn_annotation_set_box (a, x, 100, 200, 100);
  g_assert_true (cairn_store_add_annotation (t->fixture->store, a, &error));
  return a->id;
}

/* kim agrees with the box the item had; lee's is elsewhere, then moved by lee once. */
static void
prepare (Test *t)
{
  CairnStore *store = t->fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditStack) lee = NULL;
  g_autoptr(CairnAnnotation) before = NULL, after = NULL;
  g_autoptr(CairnEdit) move = NULL;

  t->kim = cairn_store_ensure_annotator (store, "kim", "annotator", &error);
  t->lee = cairn_store_ensure_annotator (store, "lee", "annotator", &error);
  t->rev = cairn_store_ensure_annotator (store, "rev", "reviewer", &error);
  t->kim_box = add_box (t, t->kim, 102);
  t->lee_box = add_box (t, t->lee, 900);
  lee = cairn_edit_stack_new (store, t->lee);
  before = cairn_store_get_annotation (store, t->lee_box, &error);
  after = cairn_annotation_copy (before);
  cairn_annotation_set_box (after, 1000, 100, 200, 100);
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, before, after);
  g_assert_true (cairn_edit_stack_push (lee, move, &error));
  g_assert_cmpint (cairn_store_add_flag (store, t->fixture->wide_image, 0, "agreement",
                                         "kim and lee disagree", &error), >, 0);
  g_assert_no_error (error);
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
close_window (CairnWindow *window, CairnReviewWindow *review)
{
  g_object_add_weak_pointer (G_OBJECT (review), (gpointer *) &review);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_assert_finalize_object (window);
  ui_drain ();
  g_assert_null (review);
}

static CairnItemState
item_state (Test *t, gint64 id)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (t->fixture->store, id, NULL);

  return item->state;
}

static gint64
restorable_entry (Test *t)
{
  g_autoptr(GPtrArray) rows = cairn_store_list_item_history (t->fixture->store,
                                                             t->fixture->wide_image, 0, NULL);

  /* The oldest row about lee's box: its insert, before the move. */
  for (guint i = rows->len; i > 0; i--)
    {
      CairnHistoryEntry *e = rows->pdata[i - 1];

      if (g_str_equal (e->target, "annotation") && e->row_id == t->lee_box)
        return e->id;
    }
  g_assert_not_reached ();
}

static void
reviewer_body (gpointer data)
{
  Test *t = data;
  CairnWindow *window;
  CairnReviewWindow *review;
  CairnReviewCompare *compare;
  guint all_shown;
  g_autoptr(CairnAnnotation) box = NULL, back = NULL;

  prepare (t);
  window = open_window (t);
  g_assert_cmpint (cairn_window_get_role (window), ==, CAIRN_ROLE_REVIEWER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-review-queue", NULL));
  review = cairn_window_show_review (window);
  g_assert_nonnull (review);
  /* Flagged (agreement) and the fixture's item in review. */
  g_assert_cmpuint (cairn_review_window_get_queue (review)->len, ==, 2);
  g_assert_true (cairn_review_window_show_item (review, t->fixture->wide_image));

  /* The item's own box (nobody's), kim's and lee's, side by side. */
  compare = CAIRN_REVIEW_COMPARE (cairn_review_window_get_compare (review));
  g_assert_cmpuint (cairn_review_compare_get_n_versions (compare), ==, 3);
  g_assert_cmpint (cairn_review_compare_get_annotator (compare, 1), ==, t->kim);
  /* lee's box matches nobody's; each of the other two lacks a match in lee's. */
  all_shown = cairn_review_compare_get_n_differences (compare);
  g_assert_cmpuint (all_shown, ==, 3);
  cairn_review_compare_set_visible (compare, t->lee, FALSE);
  g_assert_cmpuint (cairn_review_compare_get_n_differences (compare), ==, 0);
  cairn_review_compare_set_visible (compare, t->lee, TRUE);
  ui_drain ();

  /* Accepted: locked, the next open item shown; the main window's Undo takes it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.accept", NULL));
  ui_drain ();
  g_assert_cmpint (item_state (t, t->fixture->wide_image), ==, CAIRN_STATE_ACCEPTED);
  g_assert_cmpint (cairn_review_window_get_item (review), ==, t->fixture->embedded_image);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ui_drain ();
  g_assert_cmpint (item_state (t, t->fixture->wide_image), ==, CAIRN_STATE_DONE);

  /* History: lee's box back where lee first put it, as an edit. */
  g_assert_true (cairn_review_window_show_item (review, t->fixture->wide_image));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.restore", "x",
                                             restorable_entry (t)));
  ui_drain ();
  box = cairn_store_get_annotation (t->fixture->store, t->lee_box, NULL);
  g_assert_cmpfloat (g_array_index (box->coords, double, 0), ==, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  ui_drain ();
  back = cairn_store_get_annotation (t->fixture->store, t->lee_box, NULL);
  g_assert_cmpfloat (g_array_index (back->coords, double, 0), ==, 1000);

  /* Re-label in the main window: it shows the item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.open-item", NULL));
  ui_drain ();
  g_assert_cmpint (cairn_window_get_current_item (window)->id, ==, t->fixture->wide_image);
  close_window (window, review);
}

static void
annotator_body (gpointer data)
{
  Test *t = data;
  CairnWindow *window;
  CairnReviewWindow *review;
  g_autoptr(GArray) plan = g_array_new (FALSE, FALSE, sizeof (CairnAssignment));
  g_autoptr(GError) error = NULL;
  CairnAssignment mine[] = { { t->fixture->rotated_image, 0, 0, FALSE },
                             { t->fixture->shapes_image, 0, 1, FALSE } };

  prepare (t);
  mine[0].annotator_id = mine[1].annotator_id = t->kim;
  g_array_append_vals (plan, mine, 2);
  g_assert_true (cairn_store_replace_assignments (t->fixture->store, plan, &error));
  window = open_window (t);
  g_assert_cmpint (cairn_window_get_role (window), ==, CAIRN_ROLE_ANNOTATOR);
  /* My queue, in its order: the rotated image, then the shapes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-in-queue", NULL));
  ui_drain ();
  g_assert_cmpint (cairn_window_get_current_item (window)->id, ==, t->fixture->rotated_image);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-in-queue", NULL));
  ui_drain ();
  g_assert_cmpint (cairn_window_get_current_item (window)->id, ==, t->fixture->shapes_image);
  /* "My items": the list holds the queue only, and staying on the item shown. */
  {
    GListModel *items = cairn_window_get_items (window);
    guint all = g_list_model_get_n_items (items);

    g_assert_cmpuint (all, >, 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-mine", NULL));
    ui_drain ();
    items = cairn_window_get_items (window);
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
    g_assert_cmpint (cairn_window_get_current_item (window)->id, ==, t->fixture->shapes_image);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-mine", NULL));
    ui_drain ();
    g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, all);
  }

  /* An annotator's own doubt goes into the review queue with its reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.flag-item", NULL));
  ui_drain ();
  {
    GListModel *windows = gtk_window_get_toplevels ();
    CairnPromptDialog *dialog = NULL;
    g_autoptr(CairnReviewEntry) entry = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (windows, i);
        if (CAIRN_IS_PROMPT_DIALOG (w))
          dialog = CAIRN_PROMPT_DIALOG (w);
      }
    g_assert_nonnull (dialog);
    cairn_prompt_dialog_submit (dialog, "뒤쪽 상자가 맞는지 모르겠어요");
    ui_drain ();
    entry = cairn_review_get (t->fixture->store, t->fixture->shapes_image, &error);
    g_assert_nonnull (entry);
    g_assert_cmpstr (entry->reasons, ==, "annotator");
    g_assert_cmpstr (entry->detail, ==, "뒤쪽 상자가 맞는지 모르겠어요");
  }

  /* The queue opens; deciding is not offered, and nothing is decided. */
  review = cairn_window_show_review (window);
  g_assert_true (cairn_review_window_show_item (review, t->fixture->wide_image));
  gtk_widget_activate_action (GTK_WIDGET (review), "review.accept", NULL);
  ui_drain ();
  g_assert_cmpint (item_state (t, t->fixture->wide_image), ==, CAIRN_STATE_DONE);
  g_assert_nonnull (strstr (cairn_review_window_get_status (review), "reviewers"));
  close_window (window, review);
}

static void
on_activated_cb (GApplication *app,
                 Test         *t)
{
  GSettings *settings;

  if (t->running)
    return;
  t->running = TRUE;
  g_signal_stop_emission_by_name (app, "activate");
  settings = cairn_application_get_settings (t->app);
  g_settings_set_string (settings, "annotator-name", t->who);
  t->body (t);
  ui_drain ();
  g_settings_reset (settings, "annotator-name");
}

static void
run_test (const char *who, void (*body) (gpointer))
{
  Test t = { 0 };
  char *argv[] = { (char *) "test-review-ui", NULL };

  t.who = who;
  t.body = body;
  t.fixture = fixture_new ();
  t.app = cairn_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect (t.app, "activate", G_CALLBACK (on_activated_cb), &t);
  g_assert_cmpint (g_application_run (G_APPLICATION (t.app), 1, argv), ==, 0);
  g_assert_true (t.running);
  ui_drain ();
  g_assert_finalize_object (t.app);
  fixture_free (t.fixture);
}

static void
test_reviewer (void)
{
  run_test ("rev", reviewer_body);
}

static void
test_annotator (void)
{
  run_test ("kim", annotator_body);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/review-ui/reviewer", test_reviewer);
  g_test_add_func ("/review-ui/annotator", test_annotator);
  return g_test_run ();
}
