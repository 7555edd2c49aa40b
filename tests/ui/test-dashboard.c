/* The quality dashboard over a project with three annotators who disagree in known ways: its
 * figures are app/quality's, its heat map and tables show them, and a cell, a row or a bar
 * lists the items behind it; an item activated there is shown in the window. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "cairn-application.h"
#include "cairn-dashboard.h"
#include "cairn-dashboard-row.h"
#include "cairn-heat-map.h"
#include "cairn-reliability-bars.h"
#include "cairn-window.h"
#include "ui-fixture.h"
#include "ui-wait.h"

/* Classification tags per item (ann, bob, cy; NULL = did not see it; "cat+dog" = both):
 *   t1: cat  cat  cat
 *   t2: cat  dog  cat
 *   t3: dog  dog  dog
 *   t4: cat  dog  —
 *   t5: bird bird cat
 *   t6: cat+dog cat cat    (ann's tags are stacked: single-label figures skip ann there)
 * s1: ann and bob mark the same PER span; a model's tag on t1 must count nowhere. */
static const char *const tags[6][3] = {
  { "cat", "cat", "cat" },
  { "cat", "dog", "cat" },
  { "dog", "dog", "dog" },
  { "cat", "dog", NULL },
  { "bird", "bird", "cat" },
  { "cat+dog", "cat", "cat" },
};

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      annotators[3];
  gint64      t[6];
  gint64      s1;
  GHashTable *labels;  /* name → gint64 id (as a pointer to a gint64) */
} Project;

static gint64
add_label (Project    *p,
           const char *name)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_label (p->store, label, &error));
  g_assert_no_error (error);
  g_hash_table_insert (p->labels, g_strdup (name), g_memdup2 (&label->id, sizeof (gint64)));
  return label->id;
}

static gint64
label_id (Project    *p,
          const char *name)
{
  gint64 *id = g_hash_table_lookup (p->labels, name);

  g_assert_nonnull (id);
  return *id;
}

static gint64
add_text (Project    *p,
          const char *text)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GError) error = NULL;

  item->text = g_strdup (text);
  item->state = CAIRN_STATE_DONE;
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_no_error (error);
  return item->id;
}

static void
add (Project         *p,
     CairnAnnotation *a,
     gint64           item,
     gint64           annotator,
     const char      *label)
{
  g_autoptr(CairnAnnotation) owned = a;
  g_autoptr(GError) error = NULL;

  owned->item_id = item;
  owned->annotator_id = annotator;
  owned->label_id = label_id (p, label);
  g_assert_true (cairn_store_add_annotation (p->store, owned, &error));
  g_assert_no_error (error);
}

static Project *
project_new (guint n_annotators)
{
  Project *p = g_new0 (Project, 1);
  g_autoptr(GError) error = NULL;
  static const char *const names[] = { "ann", "bob", "cy" };
  CairnAnnotation *model;
  const double per[] = { 0, 5 };

  p->dir = g_dir_make_tmp ("cairn-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "q.cairn", NULL);
  p->store = cairn_store_create (p->path, "Dashboard", &error);
  g_assert_no_error (error);
  p->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < 3; r++)
    {
      p->annotators[r] = cairn_store_ensure_annotator (p->store, names[r], "annotator", &error);
      g_assert_no_error (error);
    }
  add_label (p, "cat");
  add_label (p, "dog");
  add_label (p, "bird");
  add_label (p, "PER");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *text = g_strdup_printf ("Text number %u", i + 1);

      p->t[i] = add_text (p, text);
      for (guint r = 0; r < n_annotators; r++)
        {
          g_auto(GStrv) parts = NULL;

          if (tags[i][r] == NULL)
            continue;
          parts = g_strsplit (tags[i][r], "+", -1);
          for (guint j = 0; parts[j] != NULL; j++)
            add (p, cairn_annotation_new (CAIRN_KIND_TAG), p->t[i], p->annotators[r], parts[j]);
        }
    }
  p->s1 = add_text (p, "Alice met Bob in Paris.");
  for (guint r = 0; r < MIN (n_annotators, 2); r++)
    {
      CairnAnnotation *span = cairn_annotation_new (CAIRN_KIND_SPAN);

      cairn_annotation_set_coords (span, per, 2);
      add (p, span, p->s1, p->annotators[r], "PER");
    }
  model = cairn_annotation_new (CAIRN_KIND_TAG);
  model->origin = CAIRN_ORIGIN_MODEL;
  add (p, model, p->t[0], p->annotators[2], "dog");
  return p;
}

static void
project_free (Project *p)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&p->store);
  dir = g_dir_open (p->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (p->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (p->dir);
  g_free (p->dir);
  g_free (p->path);
  g_hash_table_unref (p->labels);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

/* The same figures app/quality gives for the project. */
static CairnQualityReport *
expected_report (Project *p)
{
  CairnQualityOptions options = CAIRN_QUALITY_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  CairnQualityReport *report;

  options.bootstrap = 0;
  report = cairn_quality_report_compute (p->store, &options, &error);
  g_assert_no_error (error);
  return report;
}

static guint
report_label (const CairnQualityReport *report,
              const char               *name)
{
  for (guint l = 0; l < report->labels->len; l++)
    if (g_str_equal (((CairnLabel *) report->labels->pdata[l])->name, name))
      return l;
  g_assert_not_reached ();
}

static guint
report_pair (const CairnQualityReport *report,
             const char               *a,
             const char               *b)
{
  for (guint i = 0; i < report->per_pair->len; i++)
    {
      const CairnPairAgreement *pair = report->per_pair->pdata[i];

      if (g_str_equal (pair->a_name, a) && g_str_equal (pair->b_name, b))
        return i;
    }
  g_assert_not_reached ();
}

static guint
confusion (const CairnQualityReport *report,
           const char               *row,
           const char               *column)
{
  return report->confusion[report_label (report, row) * report->labels->len
                           + report_label (report, column)];
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
wait_computed (CairnDashboard *dashboard)
{
  UI_WAIT_FOR (!cairn_dashboard_is_busy (dashboard)
               && (cairn_dashboard_get_report (dashboard)
                   || cairn_dashboard_get_error (dashboard)));
  ui_drain ();
}

static void
close_window (GtkWidget *window,
              GtkWidget *dashboard)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_assert_finalize_object (window);
  g_assert_finalize_object (dashboard);
}

/* The entries' item ids, in order, as a string ("3,5"), and their weights' sum. */
static char *
entry_ids (CairnDashboard *dashboard,
           guint          *weights)
{
  GListModel *entries = cairn_dashboard_get_entries (dashboard);
  GString *s = g_string_new (NULL);

  *weights = 0;
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CairnDashboardRow) row = g_list_model_get_item (entries, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "",
                              cairn_dashboard_row_get_item_id (row));
      *weights += cairn_dashboard_row_get_weight (row);
    }
  return g_string_free (s, FALSE);
}

static char *
ids (Project      *p,
     const guint  *which,
     guint         n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            which[i] == 6 ? p->s1 : p->t[which[i]]);
  return g_string_free (s, FALSE);
}

static guint
n_differing (CairnDashboard *dashboard)
{
  GListModel *entries = cairn_dashboard_get_entries (dashboard);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CairnDashboardRow) row = g_list_model_get_item (entries, i);

      n += cairn_dashboard_row_get_differs (row);
    }
  return n;
}

/* The figures held are app/quality's, and the heat map and the tables show them. */
static void
test_figures (void)
{
  g_autoptr(Project) p = project_new (3);
  g_autoptr(CairnQualityReport) expected = expected_report (p);
  GtkWidget *dashboard = cairn_dashboard_new (p->path);
  GtkWidget *window = window_with (dashboard);
  CairnHeatMap *heat_map;
  const CairnQualityReport *report;
  GListModel *rows;
  guint k, n;

  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (CAIRN_DASHBOARD (dashboard));
  g_assert_null (cairn_dashboard_get_error (CAIRN_DASHBOARD (dashboard)));
  report = cairn_dashboard_get_report (CAIRN_DASHBOARD (dashboard));
  g_assert_nonnull (report);

  /* The numbers worked out by hand (rows: the lower annotator id of each pair). */
  g_assert_cmpuint (confusion (report, "cat", "cat"), ==, 5);
  g_assert_cmpuint (confusion (report, "cat", "dog"), ==, 2);
  g_assert_cmpuint (confusion (report, "dog", "cat"), ==, 1);
  g_assert_cmpuint (confusion (report, "dog", "dog"), ==, 3);
  g_assert_cmpuint (confusion (report, "bird", "cat"), ==, 2);
  g_assert_cmpuint (confusion (report, "bird", "bird"), ==, 1);
  /* And every figure as app/quality computes it on its own connection. */
  k = expected->labels->len;
  g_assert_cmpuint (report->labels->len, ==, k);
  g_assert_cmpmem (report->confusion, k * k * sizeof (guint), expected->confusion,
                   k * k * sizeof (guint));
  g_assert_cmpuint (report->n_items, ==, expected->n_items);
  g_assert_cmpuint (report->per_label->len, ==, expected->per_label->len);
  for (guint i = 0; i < expected->per_label->len; i++)
    {
      const CairnLabelAgreement *a = report->per_label->pdata[i];
      const CairnLabelAgreement *b = expected->per_label->pdata[i];

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_true ((a->alpha == NULL) == (b->alpha == NULL));
      if (b->alpha && isfinite (b->alpha->value))
        g_assert_cmpfloat_with_epsilon (a->alpha->value, b->alpha->value, 1e-12);
    }
  g_assert_cmpuint (report->per_pair->len, ==, 3);
  for (guint i = 0; i < expected->per_pair->len; i++)
    {
      const CairnPairAgreement *a = report->per_pair->pdata[i], *b = expected->per_pair->pdata[i];

      g_assert_cmpuint (a->items, ==, b->items);
      g_assert_cmpmem (a->confusion, k * k * sizeof (guint), b->confusion, k * k * sizeof (guint));
      g_assert_cmpfloat_with_epsilon (a->kappa->value, b->kappa->value, 1e-12);
    }
  g_assert_nonnull (report->dawid_skene);
  for (guint r = 0; r < 3; r++)
    g_assert_cmpfloat_with_epsilon (report->dawid_skene->reliability[r],
                                    expected->dawid_skene->reliability[r], 1e-9);

  /* The heat map: the three classification labels (not PER), with the report's counts. */
  heat_map = CAIRN_HEAT_MAP (cairn_dashboard_get_heat_map (CAIRN_DASHBOARD (dashboard)));
  n = cairn_heat_map_get_size (heat_map);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      g_assert_cmpuint (cairn_heat_map_get_count (heat_map, i, j), ==,
                        confusion (report, cairn_heat_map_get_name (heat_map, i),
                                   cairn_heat_map_get_name (heat_map, j)));
  g_assert_cmpint (cairn_dashboard_get_heat_map_index (CAIRN_DASHBOARD (dashboard),
                                                       report_label (report, "PER")), ==, -1);

  /* The bars: Dawid–Skene's reliability of each annotator. */
  for (guint r = 0; r < 3; r++)
    g_assert_cmpfloat_with_epsilon (
      cairn_reliability_bars_get_value (
        CAIRN_RELIABILITY_BARS (cairn_dashboard_get_bars (CAIRN_DASHBOARD (dashboard))), r),
      expected->dawid_skene->reliability[r], 1e-9);

  /* The tables: one row per label and pair, showing the report's values. */
  rows = cairn_dashboard_get_label_rows (CAIRN_DASHBOARD (dashboard));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected->per_label->len);
  for (guint i = 0; i < expected->per_label->len; i++)
    {
      const CairnLabelAgreement *l = expected->per_label->pdata[i];
      g_autoptr(CairnDashboardRow) row = g_list_model_get_item (rows, i);

      g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_TITLE), ==, l->name);
      if (l->alpha)
        {
          g_autofree char *value = g_strdup_printf ("%.2f", l->alpha->value);
          g_autofree char *used = g_strdup_printf ("%u", l->alpha->n_items);

          g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_VALUE), ==, value);
          g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_ITEMS), ==, used);
        }
      else
        g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_VALUE), ==, "—");
    }
  rows = cairn_dashboard_get_pair_rows (CAIRN_DASHBOARD (dashboard));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(CairnDashboardRow) row = g_list_model_get_item (rows,
                                                              report_pair (expected, "ann", "bob"));
    const CairnPairAgreement *pair =
      expected->per_pair->pdata[report_pair (expected, "ann", "bob")];
    g_autofree char *items = g_strdup_printf ("%u", pair->items);

    g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_TITLE), ==, "ann – bob");
    /* t1..t6 and s1. */
    g_assert_cmpuint (pair->items, ==, 7);
    g_assert_cmpstr (cairn_dashboard_row_get (row, CAIRN_DASHBOARD_ITEMS), ==, items);
  }

  close_window (window, dashboard);
}

/* A click on a cell lists the items in it, weighted by pairs of annotators. */
static void
test_cells (void)
{
  g_autoptr(Project) p = project_new (3);
  GtkWidget *dashboard = cairn_dashboard_new (p->path);
  GtkWidget *window = window_with (dashboard);
  CairnDashboard *d = CAIRN_DASHBOARD (dashboard);
  CairnHeatMap *heat_map = CAIRN_HEAT_MAP (cairn_dashboard_get_heat_map (d));
  const CairnQualityReport *report;
  graphene_rect_t bounds;
  guint row, column, weights, cat, dog, bird, hit_row, hit_column;
  g_autofree char *got = NULL, *want = NULL;

  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (d);
  report = cairn_dashboard_get_report (d);
  cat = report_label (report, "cat");
  dog = report_label (report, "dog");
  bird = report_label (report, "bird");
  UI_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (heat_map))
               && cairn_heat_map_get_cell_bounds (heat_map, 0, 0, &bounds));

  /* Where the pointer lands is the cell drawn there; the cell's click lists t2 and t4. */
  row = cairn_dashboard_get_heat_map_index (d, cat);
  column = cairn_dashboard_get_heat_map_index (d, dog);
  g_assert_true (cairn_heat_map_get_cell_bounds (heat_map, row, column, &bounds));
  g_assert_true (cairn_heat_map_cell_at (heat_map, bounds.origin.x + bounds.size.width / 2,
                                         bounds.origin.y + bounds.size.height / 2,
                                         &hit_row, &hit_column));
  g_assert_cmpuint (hit_row, ==, row);
  g_assert_cmpuint (hit_column, ==, column);
  g_assert_false (cairn_heat_map_cell_at (heat_map, bounds.origin.x - 50, bounds.origin.y - 50,
                                          &hit_row, &hit_column));
  cairn_heat_map_activate_cell (heat_map, row, column);
  got = entry_ids (d, &weights);
  want = ids (p, (const guint[]) { 1, 3 }, 2);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (weights, ==, confusion (report, "cat", "dog"));
  g_assert_nonnull (strstr (cairn_dashboard_get_entries_title (d), "cat → dog"));
  g_assert_true (cairn_heat_map_get_selected (heat_map, &hit_row, &hit_column));
  g_assert_cmpuint (hit_column, ==, column);

  /* Through the action: t5 counts twice (ann and bob said bird, cy cat). */
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-cell", "(uu)", bird, cat));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = entry_ids (d, &weights);
  want = ids (p, (const guint[]) { 4 }, 1);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (weights, ==, 2);

  /* One pair's matrix: bob and cy differ on t2 (dog, cat) and t5 (bird, cat), and never
   * have cat against dog. */
  cairn_dashboard_set_pair (d, report_pair (report, "bob", "cy"));
  g_assert_cmpuint (cairn_heat_map_get_count (heat_map,
                                              cairn_dashboard_get_heat_map_index (d, dog),
                                              cairn_dashboard_get_heat_map_index (d, cat)),
                    ==, 1);
  g_assert_cmpuint (cairn_heat_map_get_count (heat_map,
                                              cairn_dashboard_get_heat_map_index (d, bird),
                                              cairn_dashboard_get_heat_map_index (d, cat)),
                    ==, 1);
  g_assert_cmpuint (cairn_heat_map_get_count (heat_map, row, column), ==, 0);
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-cell", "(uu)", dog, cat));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = entry_ids (d, &weights);
  want = ids (p, (const guint[]) { 1 }, 1);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (weights, ==, 1);
  cairn_dashboard_set_pair (d, -1);
  g_assert_cmpuint (cairn_heat_map_get_count (heat_map, row, column), ==, 2);

  close_window (window, dashboard);
}

static gboolean
said (const char *tag,
      const char *label)
{
  g_auto(GStrv) parts = tag ? g_strsplit (tag, "+", -1) : NULL;

  return parts != NULL && g_strv_length (parts) == 1 && g_str_equal (parts[0], label);
}

/* Rows and bars list their items: a label's with disagreements first, a pair's items, an
 * annotator's differences from Dawid–Skene's estimate, and the items below the threshold. */
static void
test_rows (void)
{
  g_autoptr(Project) p = project_new (3);
  GtkWidget *dashboard = cairn_dashboard_new (p->path);
  GtkWidget *window = window_with (dashboard);
  CairnDashboard *d = CAIRN_DASHBOARD (dashboard);
  const CairnQualityReport *report;
  const CairnDawidSkene *ds;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *got = NULL, *want = NULL;
  guint weights, index = G_MAXUINT;

  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (d);
  report = cairn_dashboard_get_report (d);

  /* cat: ann and cy chose it on t2 but bob did not, likewise t4 and t5 differ; t1 and t6
   * agree (ann's stacked tags include cat). */
  for (guint i = 0; i < report->per_label->len; i++)
    if (g_str_equal (((CairnLabelAgreement *) report->per_label->pdata[i])->name, "cat"))
      index = i;
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-label", "u", index));
  got = entry_ids (d, &weights);
  want = ids (p, (const guint[]) { 1, 3, 4, 0, 5 }, 5);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (n_differing (d), ==, 3);

  /* ann – bob: the seven items both annotated; t2, t4 and t6 (stacked against cat) differ. */
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-pair", "u",
                                             report_pair (report, "ann", "bob")));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = entry_ids (d, &weights);
  want = ids (p, (const guint[]) { 1, 3, 5, 0, 2, 4, 6 }, 7);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (n_differing (d), ==, 3);

  /* cy: where cy's single label is not the one Dawid–Skene finds likely (its rows are the
   * six classified items, in order). */
  ds = report->dawid_skene;
  g_assert_cmpuint (ds->n_items, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const char *truth = report->ds_categories->pdata[ds->label[i]];

      if (tags[i][2] != NULL && !g_strrstr (tags[i][2], "+") && !said (tags[i][2], truth))
        g_string_append_printf (expected, "%s%" G_GINT64_FORMAT, expected->len ? "," : "",
                                p->t[i]);
    }
  /* On t5 two of three said bird: cy's cat differs from the estimate there at least. */
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-annotator", "u", 2));
  g_clear_pointer (&got, g_free);
  got = entry_ids (d, &weights);
  g_assert_cmpstr (got, ==, expected->str);
  g_assert_cmpint (cairn_reliability_bars_get_selected (
                     CAIRN_RELIABILITY_BARS (cairn_dashboard_get_bars (d))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_get_entries (d)), >, 0);

  /* Below the threshold: the report's flags, lowest first. */
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-flagged", NULL));
  g_assert_cmpuint (report->flags->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_get_entries (d)), ==,
                    report->flags->len);
  for (guint i = 0; i < report->flags->len; i++)
    {
      g_autoptr(CairnDashboardRow) row = g_list_model_get_item (cairn_dashboard_get_entries (d), i);

      g_assert_cmpint (cairn_dashboard_row_get_item_id (row), ==,
                       ((CairnItemFlag *) report->flags->pdata[i])->item_id);
    }

  /* Left out: ann's stacked tags on t6. */
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-left-out", NULL));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = entry_ids (d, &weights);
  g_assert_nonnull (strstr (got, (want = g_strdup_printf ("%" G_GINT64_FORMAT, p->t[5]))));

  close_window (window, dashboard);
}

static void
on_item_activated_cb (CairnDashboard *dashboard,
                      gint64          id,
                      gint64         *got)
{
  *got = id;
}

static void
on_computed_cb (CairnDashboard *dashboard,
                guint          *count)
{
  (*count)++;
}

static GtkListView *
find_entries_view (GtkWidget  *widget,
                   GListModel *entries)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_NO_SELECTION (model)
          && gtk_no_selection_get_model (GTK_NO_SELECTION (model)) == entries)
        return GTK_LIST_VIEW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_entries_view (child, entries);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Activating a listed item emits its id; computing again while a computation runs keeps only
 * the last one's results. */
static void
test_activate_and_refresh (void)
{
  g_autoptr(Project) p = project_new (3);
  GtkWidget *dashboard = cairn_dashboard_new (p->path);
  GtkWidget *window = window_with (dashboard);
  CairnDashboard *d = CAIRN_DASHBOARD (dashboard);
  const CairnQualityReport *report;
  GtkListView *view;
  gint64 got = 0;
  guint computed = 0;

  g_object_ref (window);
  g_object_ref (dashboard);
  g_signal_connect (dashboard, "item-activated", G_CALLBACK (on_item_activated_cb), &got);
  g_signal_connect (dashboard, "computed", G_CALLBACK (on_computed_cb), &computed);
  wait_computed (d);
  g_assert_cmpuint (computed, ==, 1);
  report = cairn_dashboard_get_report (d);

  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.show-cell", "(uu)",
                                             report_label (report, "cat"),
                                             report_label (report, "dog")));
  /* As a click on the list's second row would. */
  view = find_entries_view (dashboard, cairn_dashboard_get_entries (d));
  g_assert_nonnull (view);
  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpint (got, ==, p->t[3]);
  g_assert_true (gtk_widget_activate_action (dashboard, "dashboard.open-item", "x", p->t[1]));
  g_assert_cmpint (got, ==, p->t[1]);

  /* Twice in a row: the first is superseded and its results dropped. */
  cairn_dashboard_refresh (d);
  g_assert_true (cairn_dashboard_is_busy (d));
  g_assert_null (cairn_dashboard_get_report (d));
  /* Nothing of the earlier results stays on the page meanwhile. */
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_get_label_rows (d)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_get_entries (d)), ==, 0);
  g_assert_cmpuint (cairn_heat_map_get_size (CAIRN_HEAT_MAP (cairn_dashboard_get_heat_map (d))),
                    ==, 0);
  cairn_dashboard_refresh (d);
  wait_computed (d);
  ui_drain ();
  g_assert_cmpuint (computed, ==, 2);
  g_assert_nonnull (cairn_dashboard_get_report (d));
  /* The list starts empty again. */
  g_assert_cmpuint (g_list_model_get_n_items (cairn_dashboard_get_entries (d)), ==, 0);

  close_window (window, dashboard);
}

/* No project there: the error is shown. One annotator: nothing to compare, no rows. */
static void
test_nothing_to_show (void)
{
  g_autoptr(Project) p = project_new (1);
  g_autofree char *missing = g_build_filename (p->dir, "missing.cairn", NULL);
  GtkWidget *dashboard = cairn_dashboard_new (missing);
  GtkWidget *window = window_with (dashboard);

  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (CAIRN_DASHBOARD (dashboard));
  g_assert_nonnull (strstr (cairn_dashboard_get_error (CAIRN_DASHBOARD (dashboard)),
                            "missing.cairn"));
  g_assert_null (cairn_dashboard_get_report (CAIRN_DASHBOARD (dashboard)));
  close_window (window, dashboard);

  dashboard = cairn_dashboard_new (p->path);
  window = window_with (dashboard);
  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (CAIRN_DASHBOARD (dashboard));
  g_assert_null (cairn_dashboard_get_error (CAIRN_DASHBOARD (dashboard)));
  g_assert_cmpuint (cairn_dashboard_get_report (CAIRN_DASHBOARD (dashboard))->per_pair->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (
                      cairn_dashboard_get_label_rows (CAIRN_DASHBOARD (dashboard))), ==, 0);
  g_assert_cmpuint (cairn_heat_map_get_size (
                      CAIRN_HEAT_MAP (cairn_dashboard_get_heat_map (CAIRN_DASHBOARD (dashboard)))),
                    ==, 0);
  close_window (window, dashboard);
}

/* In the application: win.show-dashboard opens it beside the window, and an item activated
 * there is shown in the window, even when the list's filter hid it. */
typedef struct
{
  CairnApplication *app;
  Project          *project;
  gboolean          running;
} AppTest;

static CairnDashboard *
find_dashboard (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == parent
          && CAIRN_IS_DASHBOARD (gtk_window_get_child (window)))
        return CAIRN_DASHBOARD (gtk_window_get_child (window));
    }
  return NULL;
}

static void
on_app_activated_cb (GApplication *app,
                     AppTest      *t)
{
  CairnWindow *window;
  CairnDashboard *dashboard;
  GtkWidget *dialog;
  const CairnItem *current;
  g_autoptr(GError) error = NULL;

  if (t->running)
    return;
  t->running = TRUE;
  g_signal_stop_emission_by_name (app, "activate");

  window = cairn_window_new (t->app);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  /* No project yet: nothing to show. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL);
  g_assert_null (find_dashboard (GTK_WINDOW (window)));
  g_assert_true (cairn_window_open_project (window, t->project->path, &error));
  g_assert_no_error (error);

  /* Only in-progress items are listed: none of the project's. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-state", "s",
                                             "in-progress"));
  g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL));
  dashboard = find_dashboard (GTK_WINDOW (window));
  g_assert_nonnull (dashboard);
  g_assert_cmpstr (cairn_dashboard_get_project_path (dashboard), ==, t->project->path);
  wait_computed (dashboard);
  g_assert_nonnull (cairn_dashboard_get_report (dashboard));

  /* Asked again: the same dashboard, computed again, not a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL));
  g_assert_true (find_dashboard (GTK_WINDOW (window)) == dashboard);
  wait_computed (dashboard);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.open-item", "x",
                                             t->project->t[3]));
  current = cairn_window_get_current_item (window);
  g_assert_nonnull (current);
  g_assert_cmpint (current->id, ==, t->project->t[3]);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_window_get_items (window)), ==, 7);
  g_assert_false (cairn_window_select_item (window, 99999));

  /* The dashboard goes with its window. Weak pointers: a reference held on the dialog past
   * its parent's end would outlive the parent GTK keeps it transient for. */
  dialog = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (dashboard)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_object_add_weak_pointer (G_OBJECT (dashboard), (gpointer *) &dashboard);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_assert_finalize_object (window);
  ui_drain ();
  g_assert_null (dialog);
  g_assert_null (dashboard);
}

/* Every wrapping label of the results pane ends inside the pane's visible width: the figures
 * line and the captions wrap rather than run past the right edge. */
static void
check_labels_fit (GtkWidget *widget,
                  GtkWidget *pane,
                  guint     *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child))
          && gtk_widget_compute_bounds (child, pane, &bounds))
        {
          if (bounds.origin.x + bounds.size.width > gtk_widget_get_width (pane) + 0.5)
            g_error ("“%s” ends at %.0f, past the pane's %d", gtk_label_get_text (GTK_LABEL (child)),
                     bounds.origin.x + bounds.size.width, gtk_widget_get_width (pane));
          (*n_checked)++;
        }
      check_labels_fit (child, pane, n_checked);
    }
}

static GtkWidget *
find_results_pane (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_PANED (child))
        return gtk_paned_get_start_child (GTK_PANED (child));
      if ((found = find_results_pane (child)))
        return found;
    }
  return NULL;
}

static void
test_wrapping (void)
{
  g_autoptr(Project) p = project_new (3);
  GtkWidget *dashboard = cairn_dashboard_new (p->path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pane;
  guint n_checked = 0;

  /* Narrow: less than the figures line and the captions need on one line. */
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 700);
  gtk_window_set_child (GTK_WINDOW (window), dashboard);
  gtk_window_present (GTK_WINDOW (window));
  g_object_ref (window);
  g_object_ref (dashboard);
  wait_computed (CAIRN_DASHBOARD (dashboard));
  g_assert_null (cairn_dashboard_get_error (CAIRN_DASHBOARD (dashboard)));
  pane = find_results_pane (dashboard);
  g_assert_nonnull (pane);
  /* The pane at its narrowest (its width-request), not widened by the tables or the map. */
  g_assert_cmpint (gtk_widget_get_width (pane), <, 500);
  check_labels_fit (pane, pane, &n_checked);
  g_assert_cmpuint (n_checked, >=, 4);
  close_window (window, dashboard);
}

static void
test_window (void)
{
  AppTest t = { 0 };
  char *argv[] = { (char *) "test-dashboard", NULL };

  t.project = project_new (3);
  t.app = cairn_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect (t.app, "activate", G_CALLBACK (on_app_activated_cb), &t);
  g_assert_cmpint (g_application_run (G_APPLICATION (t.app), 1, argv), ==, 0);
  g_assert_true (t.running);
  ui_drain ();
  g_assert_finalize_object (t.app);
  project_free (t.project);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dashboard/figures", test_figures);
  g_test_add_func ("/dashboard/cells", test_cells);
  g_test_add_func ("/dashboard/rows", test_rows);
  g_test_add_func ("/dashboard/activate-and-refresh", test_activate_and_refresh);
  g_test_add_func ("/dashboard/nothing-to-show", test_nothing_to_show);
  g_test_add_func ("/dashboard/window", test_window);
  g_test_add_func ("/dashboard/wrapping", test_wrapping);
  return g_test_run ();
}
