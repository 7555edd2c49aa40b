/* The dashboard's cleansing view over the hand case of tests/quality/test-confident.c (eleven
 * classified texts and a model's probabilities) plus an image with a tiny box: its counts are
 * app/quality's, the heat map is the confident joint, and rows, cells and entries list and
 * open the items. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "cairn-dashboard.h"
#include "cairn-dashboard-cleanse.h"
#include "cairn-dashboard-row.h"
#include "cairn-heat-map.h"
#include "quality/cairn-predictions.h"
#include "ui-wait.h"

static const guint hand_labels[] = { 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
static const double hand_probs[] = {
  .75, .125, .125,     .875, .0625, .0625,   .125, .75, .125,    .125, .125, .75,
  .375, .25, .375,     .125, .75, .125,      .75, .125, .125,    .4375, .0625, .5,
  .125, .125, .75,     .25, .125, .625,      .625, .125, .25,
};

typedef struct
{
  char   *dir;
  char   *path;
  gint64  texts[11];
  gint64  image;
} Project;

static void
project_free (Project *p)
{
  g_autoptr(GDir) dir = g_dir_open (p->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (p->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (p->dir);
  g_free (p->dir);
  g_free (p->path);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

static gint64
add (CairnStore *store, CairnAnnotation *owned, gint64 item, gint64 who, gint64 label)
{
  g_autoptr(CairnAnnotation) a = owned;
  g_autoptr(GError) error = NULL;

  a->item_id = item;
  a->annotator_id = who;
  a->label_id = label;
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  return a->id;
}

static Project *
project_new (gboolean with_model)
{
  const char *const names[] = { "cat", "dog", "fox" };
  Project *p = g_new0 (Project, 1);
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(GString) csv = g_string_new ("item,cat,dog,fox\n");
  g_autofree char *csv_path = NULL;
  CairnAnnotation *box;
  gint64 ann, labels[3];

  p->dir = g_dir_make_tmp ("cairn-ui-cleanse-XXXXXX", NULL);
  p->path = g_build_filename (p->dir, "c.cairn", NULL);
  store = cairn_store_create (p->path, "Cleanse", &error);
  g_assert_no_error (error);
  ann = cairn_store_ensure_annotator (store, "ann", "annotator", &error);
  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(CairnLabel) label = cairn_label_new (names[c]);
      g_assert_true (cairn_store_add_label (store, label, &error));
      labels[c] = label->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (hand_labels); i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);

      item->text = g_strdup_printf ("text %u", i);
      item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, item->text, -1);
      g_assert_true (cairn_store_add_item (store, item, &error));
      p->texts[i] = item->id;
      add (store, cairn_annotation_new (CAIRN_KIND_CLASS), item->id, ann, labels[hand_labels[i]]);
      g_string_append_printf (csv, "%" G_GINT64_FORMAT ",%g,%g,%g\n", item->id,
                              hand_probs[i * 3], hand_probs[i * 3 + 1], hand_probs[i * 3 + 2]);
    }
  image->uri = g_strdup ("photo.png");
  image->width = 100;
  image->height = 100;
  image->sha256 = g_strdup ("00");
  g_assert_true (cairn_store_add_item (store, image, &error));
  p->image = image->id;
  box = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_box (box, 10, 10, 2, 2);
  add (store, box, p->image, ann, labels[0]);
  if (with_model)
    {
      g_autoptr(CairnPredictionsSummary) s = NULL;

      csv_path = g_build_filename (p->dir, "probs.csv", NULL);
      g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));
      s = cairn_predictions_import (store, csv_path, "resnet", &error);
      g_assert_no_error (error);
    }
  return p;
}

static GtkWidget *
window_with (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
wait_computed (CairnDashboardCleanse *view)
{
  UI_WAIT_FOR (!cairn_dashboard_cleanse_is_busy (view)
               && (cairn_dashboard_cleanse_get_rules (view)
                   || cairn_dashboard_cleanse_get_error (view)));
  ui_drain ();
}

static void
close_window (GtkWidget *window, GtkWidget *widget)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (widget);
}

static char *
entry_ids (CairnDashboardCleanse *view)
{
  GListModel *entries = cairn_dashboard_cleanse_get_entries (view);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CairnDashboardRow) row = g_list_model_get_item (entries, i);
      g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "",
                              cairn_dashboard_row_get_item_id (row));
    }
  return g_string_free (s, FALSE);
}

static const char *
row_text (GListModel *rows, guint i, CairnDashboardField field)
{
  g_autoptr(CairnDashboardRow) row = g_list_model_get_item (rows, i);

  /* The row lives on in the list; the text with it. */
  return cairn_dashboard_row_get (row, field);
}

static void
on_item_activated_cb (GObject *view, gint64 item, gint64 *out)
{
  *out = item;
}

static void
test_view (void)
{
  g_autoptr(Project) p = project_new (TRUE);
  GtkWidget *widget = cairn_dashboard_cleanse_new (p->path);
  CairnDashboardCleanse *view = CAIRN_DASHBOARD_CLEANSE (widget);
  GtkWidget *window = window_with (widget);
  const CairnCleanseReport *confident;
  CairnHeatMap *heat_map;
  GListModel *sources, *labels;
  g_autofree char *all = NULL, *cell = NULL, *rule = NULL, *expected = NULL;
  gint64 opened = 0;

  g_object_ref (window);
  g_object_ref (widget);
  wait_computed (view);
  g_assert_null (cairn_dashboard_cleanse_get_error (view));
  g_assert_cmpstr (cairn_dashboard_cleanse_get_model (view), ==, "resnet");
  confident = cairn_dashboard_cleanse_get_confident (view);
  g_assert_nonnull (confident);
  g_assert_cmpuint (confident->issues->len, ==, 4);
  g_assert_cmpuint (cairn_dashboard_cleanse_get_rules (view)->issues->len, ==, 1);

  /* By source, most first; by label. */
  sources = cairn_dashboard_cleanse_get_source_rows (view);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  g_assert_cmpstr (row_text (sources, 0, CAIRN_DASHBOARD_TITLE), ==,
                   "Confident learning (resnet)");
  g_assert_cmpstr (row_text (sources, 0, CAIRN_DASHBOARD_EXTRA), ==, "4");
  g_assert_cmpstr (row_text (sources, 1, CAIRN_DASHBOARD_EXTRA), ==, "1");
  labels = cairn_dashboard_cleanse_get_label_rows (view);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 3);
  /* cat: a2, a3 and the tiny box. */
  g_assert_cmpstr (row_text (labels, 0, CAIRN_DASHBOARD_TITLE), ==, "cat");
  g_assert_cmpstr (row_text (labels, 0, CAIRN_DASHBOARD_EXTRA), ==, "3");

  /* The heat map is the confident joint. */
  heat_map = CAIRN_HEAT_MAP (cairn_dashboard_cleanse_get_heat_map (view));
  g_assert_cmpuint (cairn_heat_map_get_size (heat_map), ==, 3);
  g_assert_cmpstr (cairn_heat_map_get_name (heat_map, 2), ==, "fox");
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      g_assert_cmpuint (cairn_heat_map_get_count (heat_map, r, c), ==,
                        confident->confident->confident_joint[r * 3 + c]);

  /* Every issue at first, worst first; a cell lists its issues; so does a source row. */
  all = entry_ids (view);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                              ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, p->texts[2],
                              p->texts[3], p->texts[6], p->texts[10], p->image);
  g_assert_cmpstr (all, ==, expected);
  cairn_heat_map_activate_cell (heat_map, 0, 1);
  ui_drain ();
  cell = entry_ids (view);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, p->texts[2]);
  g_assert_cmpstr (cell, ==, expected);
  g_assert_nonnull (strstr (cairn_dashboard_cleanse_get_entries_title (view),
                            "Labelled cat, resnet says dog — 1 issue"));
  g_assert_true (gtk_widget_activate_action (widget, "cleanse.show-source", "u", 1));
  rule = entry_ids (view);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, p->image);
  g_assert_cmpstr (rule, ==, expected);

  /* Opening an entry names its item. */
  g_signal_connect (widget, "item-activated", G_CALLBACK (on_item_activated_cb), &opened);
  g_assert_true (gtk_widget_activate_action (widget, "cleanse.open-item", "x", p->texts[3]));
  g_assert_cmpint (opened, ==, p->texts[3]);
  close_window (window, widget);
}

/* No model yet: the rules alone, no heat map, and the summary says how to add predictions. */
static void
test_no_model (void)
{
  g_autoptr(Project) p = project_new (FALSE);
  GtkWidget *widget = cairn_dashboard_cleanse_new (p->path);
  CairnDashboardCleanse *view = CAIRN_DASHBOARD_CLEANSE (widget);
  GtkWidget *window = window_with (widget);

  g_object_ref (window);
  g_object_ref (widget);
  wait_computed (view);
  g_assert_null (cairn_dashboard_cleanse_get_confident (view));
  g_assert_cmpuint (cairn_dashboard_cleanse_get_rules (view)->issues->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (
    cairn_dashboard_cleanse_get_heat_map (view))));
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_cleanse_get_source_rows (view)),
                    ==, 1);
  close_window (window, widget);
}

/* In the dashboard: its second page, computed when first shown, items opened through the
 * dashboard's own signal. */
static void
test_in_dashboard (void)
{
  g_autoptr(Project) p = project_new (TRUE);
  GtkWidget *widget = cairn_dashboard_new (p->path);
  CairnDashboard *dashboard = CAIRN_DASHBOARD (widget);
  GtkWidget *window = window_with (widget);
  CairnDashboardCleanse *view = cairn_dashboard_get_cleanse (dashboard);
  gint64 opened = 0;

  g_object_ref (window);
  g_object_ref (widget);
  UI_WAIT_FOR (!cairn_dashboard_is_busy (dashboard));
  g_assert_cmpstr (cairn_dashboard_cleanse_get_project_path (view), ==, p->path);
  g_assert_null (cairn_dashboard_cleanse_get_rules (view));
  cairn_dashboard_show_page (dashboard, "cleansing");
  wait_computed (view);
  g_assert_nonnull (cairn_dashboard_cleanse_get_confident (view));
  g_signal_connect (widget, "item-activated", G_CALLBACK (on_item_activated_cb), &opened);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cleanse.open-item", "x",
                                             p->image));
  g_assert_cmpint (opened, ==, p->image);
  /* Refreshing the dashboard checks again too. */
  cairn_dashboard_refresh (dashboard);
  g_assert_true (cairn_dashboard_cleanse_is_busy (view));
  wait_computed (view);
  UI_WAIT_FOR (!cairn_dashboard_is_busy (dashboard));
  close_window (window, widget);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dashboard-cleanse/view", test_view);
  g_test_add_func ("/dashboard-cleanse/no-model", test_no_model);
  g_test_add_func ("/dashboard-cleanse/in-dashboard", test_in_dashboard);
  return g_test_run ();
}
