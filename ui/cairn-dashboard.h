#pragma once

#include <gtk/gtk.h>

#include "quality/cairn-quality-report.h"
#include "cairn-dashboard-cleanse.h"

G_BEGIN_DECLS

/* The quality dashboard: a project's agreement per label and per annotator pair, the confusion
 * between labels as a heat map, and Dawid–Skene's reliability of each annotator, computed by
 * app/quality in a thread over a connection of its own. A cell, a bar or a row lists the items
 * behind it; activating one emits "item-activated" with the item's id.
 *
 * Actions (what clicks, keys and tests go through):
 *   dashboard.refresh                 compute again
 *   dashboard.show-cell      (uu)     confusion cell: row label, column label (report indices)
 *   dashboard.show-label     u        a row of the report's per_label
 *   dashboard.show-pair      u        a row of the report's per_pair
 *   dashboard.show-annotator u        where this annotator differs from Dawid–Skene's estimate
 *   dashboard.show-flagged            items below the project's agreement threshold
 *   dashboard.show-left-out           items some figure left out, and why
 *   dashboard.open-item      x        emits "item-activated" */
#define CAIRN_TYPE_DASHBOARD (cairn_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (CairnDashboard, cairn_dashboard, CAIRN, DASHBOARD, GtkWidget)

GtkWidget  *cairn_dashboard_new              (const char *project_path);
const char *cairn_dashboard_get_project_path (CairnDashboard *self);
/* Computes again (cancelling a computation under way). */
void        cairn_dashboard_refresh          (CairnDashboard *self);
gboolean    cairn_dashboard_is_busy          (CairnDashboard *self);
/* NULL while busy or after an error. */
const CairnQualityReport *cairn_dashboard_get_report (CairnDashboard *self);
/* Why the last computation failed, or NULL. */
const char *cairn_dashboard_get_error        (CairnDashboard *self);

/* The confusion matrix shown: every pair summed (-1) or one row of the report's per_pair. */
void        cairn_dashboard_set_pair         (CairnDashboard *self,
                                              int             pair);
int         cairn_dashboard_get_pair         (CairnDashboard *self);

/* What is shown, for tests: the heat map, the bars, the tables' rows and the listed items
 * (GListModels of CairnDashboardRow), and the list's heading. */
GtkWidget  *cairn_dashboard_get_heat_map     (CairnDashboard *self);
GtkWidget  *cairn_dashboard_get_bars         (CairnDashboard *self);
GListModel *cairn_dashboard_get_label_rows   (CairnDashboard *self);
GListModel *cairn_dashboard_get_pair_rows    (CairnDashboard *self);
GListModel *cairn_dashboard_get_entries      (CairnDashboard *self);
const char *cairn_dashboard_get_entries_title (CairnDashboard *self);
/* A report label's index in the heat map, or -1 when it is not shown there. */
int         cairn_dashboard_get_heat_map_index (CairnDashboard *self,
                                                guint           label);

/* The cleansing view, the dashboard's second page; its items open through "item-activated"
 * too. page: "agreement" or "cleansing". */
CairnDashboardCleanse *cairn_dashboard_get_cleanse (CairnDashboard *self);
void        cairn_dashboard_show_page        (CairnDashboard *self,
                                              const char     *page);

/* The dashboard in a window of its own beside parent; an open one for the same project is
 * brought forward (and computed again) instead of opening a second. */
CairnDashboard *cairn_dashboard_show         (GtkWindow  *parent,
                                              const char *project_path);

G_END_DECLS
