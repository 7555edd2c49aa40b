#define G_LOG_DOMAIN "cairn-dashboard"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-dashboard.h"
#include "cairn-dashboard-cleanse.h"
#include "cairn-dashboard-results.h"
#include "cairn-dashboard-row.h"
#include "cairn-heat-map.h"
#include "cairn-reliability-bars.h"
#include "cairn-ui-util.h"

struct _CairnDashboard
{
  GtkWidget                 parent_instance;
  char                     *project_path;
  GCancellable             *cancellable;   /* non-NULL while computing */
  CairnDashboardResults    *results;
  const CairnQualityReport *report;        /* the results' */
  char                     *error;
  GArray                   *shown_labels;  /* guint: the heat map's rows, as report labels */
  int                       pair;          /* -1: every pair */
  GListStore               *label_rows;
  GListStore               *pair_rows;
  GListStore               *entries;
  GtkSingleSelection       *label_selection;
  GtkSingleSelection       *pair_selection;
  gboolean                  choosing;      /* a selection being set from code */

  GtkStack                 *views;         /* agreement, cleansing */
  CairnDashboardCleanse    *cleanse;
  GtkStack                 *stack;
  GtkSpinner               *spinner;
  GtkImage                 *message_icon;
  GtkLabel                 *message_title;
  GtkLabel                 *message_detail;
  GtkLabel                 *summary_label;
  GtkLabel                 *figures_label;
  GtkLabel                 *links_label;
  GtkWidget                *confusion_section;
  GtkDropDown              *pair_dropdown;
  CairnHeatMap             *heat_map;
  GtkWidget                *reliability_section;
  CairnReliabilityBars     *bars;
  GtkWidget                *label_section;
  GtkColumnView            *label_view;
  GtkColumnViewColumn      *label_spans_column;
  GtkColumnViewColumn      *label_shapes_column;
  GtkWidget                *pair_section;
  GtkColumnView            *pair_view;
  GtkColumnViewColumn      *pair_kappa_column;
  GtkColumnViewColumn      *pair_left_out_column;
  GtkColumnViewColumn      *pair_spans_column;
  GtkColumnViewColumn      *pair_shapes_column;
  GtkColumnViewColumn      *pair_extra_column;
  GtkLabel                 *items_title;
  GtkStack                 *items_stack;
  GtkListView              *items_view;
  GtkLabel                 *items_note;
};

G_DEFINE_FINAL_TYPE (CairnDashboard, cairn_dashboard, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_ITEM_ACTIVATED,
  SIGNAL_COMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A list longer than this shows its first entries and says how many there are. */
#define MAX_ENTRIES 2000
/* Replicates for the overall figures' confidence intervals: enough for two decimals. */
#define BOOTSTRAP 200

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();
  CairnDashboardResults *results = cairn_dashboard_results_compute (task_data, BOOTSTRAP,
                                                                    cancellable, &error);

  g_debug ("%s: computed in %.0f ms", (const char *) task_data,
           (g_get_monotonic_time () - start) / 1000.0);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) cairn_dashboard_results_free);
}

/* The items list */

static void
show_entries (CairnDashboard *self,
              const char     *title,
              GPtrArray      *rows)
{
  guint n = MIN (rows->len, MAX_ENTRIES);

  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       rows->pdata, n);
  gtk_label_set_label (self->items_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->items_title), title);
  gtk_stack_set_visible_child_name (self->items_stack, "list");
  if (rows->len > MAX_ENTRIES)
    {
      g_autofree char *note = g_strdup_printf (_("Showing the first %u of %u items."),
                                               MAX_ENTRIES, rows->len);

      gtk_label_set_label (self->items_note, note);
    }
  else if (rows->len == 0)
    gtk_label_set_label (self->items_note, _("No items."));
  gtk_widget_set_visible (GTK_WIDGET (self->items_note), rows->len == 0 || rows->len > MAX_ENTRIES);
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->items_view), "list.scroll-to-item", "u", 0);
}

static void
clear_choices (CairnDashboard *self,
               gpointer        keep)
{
  self->choosing = TRUE;
  if (keep != self->heat_map)
    cairn_heat_map_select (self->heat_map, -1, -1);
  if (keep != self->bars)
    cairn_reliability_bars_select (self->bars, -1);
  if (keep != self->label_selection)
    gtk_single_selection_set_selected (self->label_selection, GTK_INVALID_LIST_POSITION);
  if (keep != self->pair_selection)
    gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
  self->choosing = FALSE;
}

/* Filling the page from the results */

static void
fill_summary (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;
  g_autoptr(GString) figures = g_string_new (NULL);
  g_autoptr(GString) links = g_string_new (NULL);
  g_autofree char *summary = NULL;
  guint left_out = report->skipped->len + (report->alpha ? report->alpha->skipped->len : 0)
                   + (report->unitizing ? report->unitizing->skipped->len : 0);
  const struct { const char *name; const CairnAgreement *a; } shown[] = {
    { _("Krippendorff’s α"), report->alpha },
    { _("Fleiss’ κ"), report->fleiss },
    { _("agreement"), report->percent },
    { _("spans: unitizing α"), report->unitizing },
  };

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "<b>%u</b> item annotated by <b>%u</b> people",
                                          "<b>%u</b> items annotated by <b>%u</b> people",
                                          report->n_items),
                             report->n_items, report->annotators->len);
  gtk_label_set_markup (self->summary_label, summary);

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *value = NULL;
      g_auto(GStrv) words = NULL;
      g_autofree char *name = NULL;

      if (shown[i].a == NULL)
        continue;
      value = cairn_dashboard_format_value (shown[i].a->value);
      if (figures->len)
        g_string_append (figures, "   ·   ");
      /* One unit: a figure, its name too, does not break across lines; the line wraps between
       * figures. */
      words = g_strsplit (shown[i].name, " ", -1);
      name = g_strjoinv ("\u00a0", words);
      g_string_append_printf (figures, "%s\u00a0<b>%s</b>", name, value);
      if (isfinite (shown[i].a->ci_low))
        g_string_append_printf (figures, "\u00a0<span alpha=\"70%%\">[%.2f,\u00a0%.2f]</span>",
                                shown[i].a->ci_low, shown[i].a->ci_high);
    }
  gtk_label_set_markup (self->figures_label, figures->str);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_label), figures->len > 0);

  g_string_append_printf (links,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "<a href=\"flagged\">%u item</a> below the threshold "
                                       "%.2f",
                                       "<a href=\"flagged\">%u items</a> below the threshold "
                                       "%.2f",
                                       report->flags->len),
                          report->flags->len, report->threshold);
  if (left_out > 0)
    {
      g_string_append (links, "   ·   ");
      g_string_append_printf (links,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "<a href=\"left-out\">%u left out</a> of a figure, "
                                           "with the reason",
                                           "<a href=\"left-out\">%u left out</a> of figures, "
                                           "with the reasons",
                                           left_out),
                              left_out);
    }
  gtk_label_set_markup (self->links_label, links->str);
}

static const guint *
shown_matrix (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;

  if (self->pair >= 0)
    return ((CairnPairAgreement *) report->per_pair->pdata[self->pair])->confusion;
  return report->confusion;
}

static void
fill_heat_map (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;
  const guint *m = shown_matrix (self);
  guint k = report->labels->len, n = self->shown_labels->len;
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));
  g_autofree guint *counts = g_new0 (guint, MAX (n * n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint li = g_array_index (self->shown_labels, guint, i);

      names[i] = cairn_dashboard_results_label_name (self->results, li);
      for (guint j = 0; j < n; j++)
        counts[i * n + j] = m[li * k + g_array_index (self->shown_labels, guint, j)];
    }
  cairn_heat_map_set_matrix (self->heat_map, names, n, counts);
  if (self->pair >= 0)
    {
      const CairnPairAgreement *p = report->per_pair->pdata[self->pair];

      cairn_heat_map_set_titles (self->heat_map, p->a_name, p->b_name);
    }
  else
    cairn_heat_map_set_titles (self->heat_map, _("First of each pair"), _("Second of each pair"));
}

/* The labels the heat map shows: those some pair compared (the axes stay when a pair is chosen). */
static void
choose_shown_labels (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;
  guint k = report->labels->len;

  g_array_set_size (self->shown_labels, 0);
  for (guint l = 0; l < k; l++)
    {
      guint sum = 0;

      for (guint j = 0; j < k; j++)
        sum += report->confusion[l * k + j] + report->confusion[j * k + l];
      if (sum > 0)
        g_array_append_val (self->shown_labels, l);
    }
}

static void
fill_pairs_dropdown (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All pairs"));
  for (guint i = 0; i < report->per_pair->len; i++)
    {
      const CairnPairAgreement *p = report->per_pair->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s – %s", p->a_name, p->b_name);

      gtk_string_list_append (names, name);
    }
  self->pair = -1;
  self->choosing = TRUE;
  gtk_drop_down_set_model (self->pair_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pair_dropdown, 0);
  self->choosing = FALSE;
}

static void
fill_bars (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;
  const CairnDawidSkene *ds = report->dawid_skene;
  guint n = ds ? MIN (ds->n_raters, report->annotators->len) : 0;
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    names[r] = ((CairnAnnotator *) report->annotators->pdata[r])->name;
  cairn_reliability_bars_set_values (self->bars, names, ds ? ds->reliability : NULL, n);
  gtk_widget_set_visible (self->reliability_section, n > 0);
}

static void
fill_tables (CairnDashboard *self)
{
  CairnDashboardColumns columns;
  g_autoptr(GPtrArray) labels = cairn_dashboard_results_label_rows (self->results, &columns);
  g_autoptr(GPtrArray) pairs = NULL;

  g_list_store_splice (self->label_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->label_rows)), labels->pdata,
                       labels->len);
  gtk_column_view_column_set_visible (self->label_spans_column, columns.spans);
  gtk_column_view_column_set_visible (self->label_shapes_column, columns.shapes);
  gtk_widget_set_visible (self->label_section, labels->len > 0);

  pairs = cairn_dashboard_results_pair_rows (self->results, &columns);
  g_list_store_splice (self->pair_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->pair_rows)), pairs->pdata,
                       pairs->len);
  gtk_column_view_column_set_visible (self->pair_kappa_column, columns.kappa);
  gtk_column_view_column_set_visible (self->pair_left_out_column, columns.kappa);
  gtk_column_view_column_set_visible (self->pair_spans_column, columns.spans);
  gtk_column_view_column_set_visible (self->pair_shapes_column, columns.shapes);
  gtk_column_view_column_set_visible (self->pair_extra_column, columns.extra);
  gtk_widget_set_visible (self->pair_section, pairs->len > 0);
}

/* Nothing of earlier results stays on the page. */
static void
clear_page (CairnDashboard *self)
{
  self->pair = -1;
  g_array_set_size (self->shown_labels, 0);
  cairn_heat_map_set_matrix (self->heat_map, NULL, 0, NULL);
  cairn_reliability_bars_set_values (self->bars, NULL, NULL, 0);
  g_list_store_remove_all (self->label_rows);
  g_list_store_remove_all (self->pair_rows);
  g_list_store_remove_all (self->entries);
}

static void
show_message (CairnDashboard *self,
              const char     *icon,
              const char     *title,
              const char     *detail)
{
  gtk_image_set_from_icon_name (self->message_icon, icon);
  gtk_label_set_label (self->message_title, title);
  gtk_label_set_label (self->message_detail, detail);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_results (CairnDashboard *self)
{
  const CairnQualityReport *report = self->report;

  if (report->annotators->len < 2 || report->per_pair->len == 0)
    {
      show_message (self, "system-users-symbolic", _("Nothing to Compare Yet"),
                    _("Agreement needs items that two or more people annotated. Only human "
                      "annotations count; model predictions and consensus are left out."));
      return;
    }
  fill_summary (self);
  choose_shown_labels (self);
  fill_pairs_dropdown (self);
  fill_heat_map (self);
  gtk_widget_set_visible (self->confusion_section, self->shown_labels->len > 0);
  fill_bars (self);
  fill_tables (self);
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->items_title, _("Items"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->items_title), NULL);
  gtk_stack_set_visible_child_name (self->items_stack, "hint");
  gtk_widget_set_visible (GTK_WIDGET (self->items_note), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
set_busy (CairnDashboard *self,
          gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.refresh", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CairnDashboard *self = CAIRN_DASHBOARD (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  CairnDashboardResults *results = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer computation replaced this one, or the dashboard went away. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    {
      cairn_dashboard_results_free (results);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (results == NULL)
    {
      self->error = g_strdup (error->message);
      show_message (self, "dialog-error-symbolic", _("Could Not Compare the Annotators"),
                    error->message);
    }
  else
    {
      self->results = results;
      self->report = cairn_dashboard_results_get_report (results);
      show_results (self);
    }
  g_signal_emit (self, signals[SIGNAL_COMPUTED], 0);
}

/* Callbacks */

static void
on_cell_activated_cb (CairnHeatMap   *heat_map,
                      guint           row,
                      guint           column,
                      CairnDashboard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-cell", "(uu)",
                              g_array_index (self->shown_labels, guint, row),
                              g_array_index (self->shown_labels, guint, column));
}

static void
on_bar_activated_cb (CairnReliabilityBars *bars,
                     guint                 row,
                     CairnDashboard       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-annotator", "u", row);
}

static void
on_pair_selected_cb (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     CairnDashboard *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->choosing || self->report == NULL)
    return;
  cairn_dashboard_set_pair (self, selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
}

static gboolean
on_link_activated_cb (GtkLabel       *label,
                      const char     *uri,
                      CairnDashboard *self)
{
  if (g_str_equal (uri, "flagged"))
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-flagged", NULL);
  else if (g_str_equal (uri, "left-out"))
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-left-out", NULL);
  return TRUE;
}

static void
on_entry_activated_cb (GtkListView    *view,
                       guint           position,
                       CairnDashboard *self)
{
  g_autoptr(CairnDashboardRow) row = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  if (row != NULL && cairn_dashboard_row_get_item_id (row) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.open-item", "x",
                                cairn_dashboard_row_get_item_id (row));
}

static void
on_table_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      CairnDashboard     *self)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->choosing || position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self),
                              selection == self->label_selection ? "dashboard.show-label"
                                                                 : "dashboard.show-pair",
                              "u", position);
}

/* Actions */

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cairn_dashboard_refresh (CAIRN_DASHBOARD (widget));
}

static void
show_cell_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  guint row, column;

  g_variant_get (parameter, "(uu)", &row, &column);
  if (self->report == NULL || row >= self->report->labels->len
      || column >= self->report->labels->len)
    return;
  rows = cairn_dashboard_results_list_cell (self->results, row, column, self->pair, &title);
  show_entries (self, title, rows);
  clear_choices (self, self->heat_map);
  cairn_heat_map_select (self->heat_map, cairn_dashboard_get_heat_map_index (self, row),
                         cairn_dashboard_get_heat_map_index (self, column));
}

/* Lists a table row's items and selects that row, without the selection echoing back. */
static void
show_table_entries (CairnDashboard     *self,
                    const char         *title,
                    GPtrArray          *rows,
                    GtkSingleSelection *selection,
                    guint               index)
{
  show_entries (self, title, rows);
  clear_choices (self, selection);
  self->choosing = TRUE;
  gtk_single_selection_set_selected (selection, index);
  self->choosing = FALSE;
}

static void
show_label_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL || index >= self->report->per_label->len)
    return;
  rows = cairn_dashboard_results_list_label (self->results, index, &title);
  show_table_entries (self, title, rows, self->label_selection, index);
}

static void
show_pair_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL || index >= self->report->per_pair->len)
    return;
  rows = cairn_dashboard_results_list_pair (self->results, index, &title);
  show_table_entries (self, title, rows, self->pair_selection, index);
}

static void
show_annotator_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint r = g_variant_get_uint32 (parameter);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL || r >= self->report->annotators->len)
    return;
  rows = cairn_dashboard_results_list_annotator (self->results, r, &title);
  show_entries (self, title, rows);
  clear_choices (self, self->bars);
  cairn_reliability_bars_select (self->bars, r);
}

static void
show_flagged_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL)
    return;
  rows = cairn_dashboard_results_list_flagged (self->results, &title);
  show_entries (self, title, rows);
  clear_choices (self, NULL);
}

static void
show_left_out_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL)
    return;
  rows = cairn_dashboard_results_list_left_out (self->results, &title);
  show_entries (self, title, rows);
  clear_choices (self, NULL);
}

static void
open_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_ITEM_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

/* Overrides */

static void
on_cleanse_item_activated_cb (CairnDashboardCleanse *cleanse,
                              gint64                 item_id,
                              CairnDashboard        *self)
{
  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, item_id);
}

static void
cairn_dashboard_map (GtkWidget *widget)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);

  GTK_WIDGET_CLASS (cairn_dashboard_parent_class)->map (widget);
  /* First shown: compute. */
  if (self->report == NULL && self->cancellable == NULL && self->error == NULL)
    cairn_dashboard_refresh (self);
}

static void
cairn_dashboard_dispose (GObject *object)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_DASHBOARD);
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->label_selection);
  g_clear_object (&self->pair_selection);
  g_clear_object (&self->label_rows);
  g_clear_object (&self->pair_rows);
  g_clear_object (&self->entries);
  self->report = NULL;
  g_clear_pointer (&self->results, cairn_dashboard_results_free);
  G_OBJECT_CLASS (cairn_dashboard_parent_class)->dispose (object);
}

static void
cairn_dashboard_finalize (GObject *object)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  g_free (self->project_path);
  g_free (self->error);
  g_array_unref (self->shown_labels);
  G_OBJECT_CLASS (cairn_dashboard_parent_class)->finalize (object);
}

static void
cairn_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_value_set_string (value, self->project_path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cairn_dashboard_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_free (self->project_path);
      self->project_path = g_value_dup_string (value);
      g_object_set (self->cleanse, "project-path", self->project_path, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_class_init (CairnDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_dashboard_dispose;
  object_class->finalize = cairn_dashboard_finalize;
  object_class->get_property = cairn_dashboard_get_property;
  object_class->set_property = cairn_dashboard_set_property;
  widget_class->map = cairn_dashboard_map;

  properties[PROP_PROJECT_PATH] =
    g_param_spec_string ("project-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (item id) */
  signals[SIGNAL_ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A computation ended, with results or an error. */
  signals[SIGNAL_COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  g_type_ensure (CAIRN_TYPE_DASHBOARD_ROW);
  g_type_ensure (CAIRN_TYPE_HEAT_MAP);
  g_type_ensure (CAIRN_TYPE_RELIABILITY_BARS);
  g_type_ensure (CAIRN_TYPE_DASHBOARD_CLEANSE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, views);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, cleanse);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_icon);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_title);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_detail);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, figures_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, links_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, confusion_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, heat_map);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, reliability_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, bars);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_spans_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_shapes_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_kappa_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_left_out_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_spans_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_shapes_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_extra_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_title);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_note);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cleanse_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pair_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-cell", "(uu)",
                                   show_cell_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-label", "u",
                                   show_label_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-pair", "u", show_pair_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-annotator", "u",
                                   show_annotator_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-flagged", NULL,
                                   show_flagged_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-left-out", NULL,
                                   show_left_out_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.open-item", "x", open_item_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "dashboard.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
}

static void
cairn_dashboard_init (CairnDashboard *self)
{
  g_autoptr(GtkNoSelection) no_selection = NULL;

  self->pair = -1;
  self->shown_labels = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->pair_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->entries = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->label_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->label_rows)));
  self->pair_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->pair_rows)));
  for (guint i = 0; i < 2; i++)
    {
      GtkSingleSelection *selection = i == 0 ? self->label_selection : self->pair_selection;

      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (selection, "notify::selected", G_CALLBACK (on_table_selected_cb),
                               self, 0);
    }
  gtk_column_view_set_model (self->label_view, GTK_SELECTION_MODEL (self->label_selection));
  gtk_column_view_set_model (self->pair_view, GTK_SELECTION_MODEL (self->pair_selection));
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_list_view_set_model (self->items_view, GTK_SELECTION_MODEL (no_selection));
}

/* Public API */

GtkWidget *
cairn_dashboard_new (const char *project_path)
{
  g_return_val_if_fail (project_path != NULL, NULL);
  return g_object_new (CAIRN_TYPE_DASHBOARD, "project-path", project_path, NULL);
}

const char *
cairn_dashboard_get_project_path (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->project_path;
}

void
cairn_dashboard_refresh (CairnDashboard *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAIRN_IS_DASHBOARD (self));
  g_return_if_fail (self->project_path != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->report = NULL;
  g_clear_pointer (&self->results, cairn_dashboard_results_free);
  g_clear_pointer (&self->error, g_free);
  clear_page (self);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "busy");
  set_busy (self, TRUE);
  /* The cleansing view checks again too, once it has been shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->cleanse))
      || cairn_dashboard_cleanse_get_rules (self->cleanse) != NULL)
    cairn_dashboard_cleanse_refresh (self->cleanse);

  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_source_tag (task, cairn_dashboard_refresh);
  /* The callback tells a superseded computation by its cancellable. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (self->project_path), g_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
cairn_dashboard_is_busy (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), FALSE);
  return self->cancellable != NULL;
}

const CairnQualityReport *
cairn_dashboard_get_report (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->report;
}

const char *
cairn_dashboard_get_error (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->error;
}

void
cairn_dashboard_set_pair (CairnDashboard *self,
                          int             pair)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD (self));

  if (self->results == NULL || pair < 0 || (guint) pair >= self->report->per_pair->len)
    pair = -1;
  if (pair == self->pair)
    return;
  self->pair = pair;
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->pair_dropdown, pair + 1);
  self->choosing = FALSE;
  if (self->results != NULL)
    {
      fill_heat_map (self);
      cairn_heat_map_select (self->heat_map, -1, -1);
    }
}

int
cairn_dashboard_get_pair (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), -1);
  return self->pair;
}

GtkWidget *
cairn_dashboard_get_heat_map (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return GTK_WIDGET (self->heat_map);
}

GtkWidget *
cairn_dashboard_get_bars (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return GTK_WIDGET (self->bars);
}

GListModel *
cairn_dashboard_get_label_rows (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->label_rows);
}

GListModel *
cairn_dashboard_get_pair_rows (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->pair_rows);
}

GListModel *
cairn_dashboard_get_entries (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->entries);
}

const char *
cairn_dashboard_get_entries_title (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return gtk_label_get_label (self->items_title);
}

int
cairn_dashboard_get_heat_map_index (CairnDashboard *self,
                                    guint           label)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), -1);
  for (guint i = 0; i < self->shown_labels->len; i++)
    if (g_array_index (self->shown_labels, guint, i) == label)
      return i;
  return -1;
}

static CairnDashboard *
find_shown (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *child = gtk_window_get_child (window);

      if (gtk_window_get_transient_for (window) == parent && CAIRN_IS_DASHBOARD (child))
        return CAIRN_DASHBOARD (child);
    }
  return NULL;
}

CairnDashboard *
cairn_dashboard_show (GtkWindow  *parent,
                      const char *project_path)
{
  CairnDashboard *self;
  GtkWidget *window, *switcher;
  GtkEventController *shortcuts;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);

  self = find_shown (parent);
  if (self != NULL && g_strcmp0 (self->project_path, project_path) == 0)
    {
      cairn_dashboard_refresh (self);
      gtk_window_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
      return self;
    }
  if (self != NULL)
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Quality Dashboard"));
  /* As the main window: client-side, with the title in a header bar. */
  gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 800);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  self = CAIRN_DASHBOARD (cairn_dashboard_new (project_path));
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->views);
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (window))),
                                   switcher);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (window));
  return self;
}

CairnDashboardCleanse *
cairn_dashboard_get_cleanse (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->cleanse;
}

void
cairn_dashboard_show_page (CairnDashboard *self,
                           const char     *page)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD (self));
  gtk_stack_set_visible_child_name (self->views, page);
}
