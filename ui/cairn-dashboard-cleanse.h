#pragma once

#include <gtk/gtk.h>

#include "quality/cairn-cleanse.h"

G_BEGIN_DECLS

/* The dashboard's cleansing view: suspected label errors from a model's predictions (confident
 * learning, the per-box check) and from the project's rule checks, computed in a thread over a
 * connection of its own. Issues are counted by source and by label, the confident joint is a
 * heat map; a row or a cell lists the issues behind it, and activating one emits
 * "item-activated" with the item's id.
 *
 * Actions:
 *   cleanse.refresh                check again
 *   cleanse.show-all               every issue, worst first
 *   cleanse.show-source   u        a row of the sources table
 *   cleanse.show-label    u        a row of the labels table
 *   cleanse.show-cell     (uu)     confident joint cell: given class, model's class
 *   cleanse.open-item     x        emits "item-activated" */
#define CAIRN_TYPE_DASHBOARD_CLEANSE (cairn_dashboard_cleanse_get_type ())
G_DECLARE_FINAL_TYPE (CairnDashboardCleanse, cairn_dashboard_cleanse, CAIRN, DASHBOARD_CLEANSE,
                      GtkWidget)

GtkWidget  *cairn_dashboard_cleanse_new             (const char *project_path);
const char *cairn_dashboard_cleanse_get_project_path (CairnDashboardCleanse *self);
void        cairn_dashboard_cleanse_refresh          (CairnDashboardCleanse *self);
gboolean    cairn_dashboard_cleanse_is_busy          (CairnDashboardCleanse *self);
/* The model whose predictions are checked; NULL for the first the project has. */
void        cairn_dashboard_cleanse_set_model        (CairnDashboardCleanse *self,
                                                      const char            *model);
const char *cairn_dashboard_cleanse_get_model        (CairnDashboardCleanse *self);
/* NULL while busy, after an error, or (confident) when the project has no predictions. */
const CairnCleanseReport *cairn_dashboard_cleanse_get_confident (CairnDashboardCleanse *self);
const CairnCleanseReport *cairn_dashboard_cleanse_get_rules     (CairnDashboardCleanse *self);
const char *cairn_dashboard_cleanse_get_error        (CairnDashboardCleanse *self);

/* What is shown, for tests (GListModels of CairnDashboardRow). */
GtkWidget  *cairn_dashboard_cleanse_get_heat_map     (CairnDashboardCleanse *self);
GListModel *cairn_dashboard_cleanse_get_source_rows  (CairnDashboardCleanse *self);
GListModel *cairn_dashboard_cleanse_get_label_rows   (CairnDashboardCleanse *self);
GListModel *cairn_dashboard_cleanse_get_entries      (CairnDashboardCleanse *self);
const char *cairn_dashboard_cleanse_get_entries_title (CairnDashboardCleanse *self);

G_END_DECLS
