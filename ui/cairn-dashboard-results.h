#pragma once

#include <gio/gio.h>

#include "quality/cairn-quality-report.h"

G_BEGIN_DECLS

/* What the quality dashboard shows, computed off the main thread: app/quality's report, and
 * for each item what every annotator did on it, so that the items behind any figure are
 * listed without reading the project again. Lists and table rows are GPtrArrays of
 * CairnDashboardRow. */
typedef struct _CairnDashboardResults CairnDashboardResults;

/* Which optional columns of a table have a value in some row. */
typedef struct
{
  gboolean kappa;
  gboolean spans;
  gboolean shapes;
  gboolean extra;
} CairnDashboardColumns;

/* Opens its own connection to the project at path: call it in any thread. */
CairnDashboardResults    *cairn_dashboard_results_compute    (const char    *path,
                                                              guint          bootstrap,
                                                              GCancellable  *cancellable,
                                                              GError       **error);
void                      cairn_dashboard_results_free       (CairnDashboardResults *self);
const CairnQualityReport *cairn_dashboard_results_get_report (CairnDashboardResults *self);
/* A label of the report by index ("no label" when out of range). */
const char               *cairn_dashboard_results_label_name (CairnDashboardResults *self,
                                                              gint                   label);
char                     *cairn_dashboard_format_value       (double value);

GPtrArray *cairn_dashboard_results_label_rows   (CairnDashboardResults *self,
                                                 CairnDashboardColumns *columns);
GPtrArray *cairn_dashboard_results_pair_rows    (CairnDashboardResults *self,
                                                 CairnDashboardColumns *columns);

/* The items behind a figure, each with what the annotators did; title says what the list is.
 * A confusion cell (report label indices; pair -1 for every pair), weighted by the pairs of
 * annotators each item counts for: */
GPtrArray *cairn_dashboard_results_list_cell      (CairnDashboardResults *self,
                                                   guint                  row_label,
                                                   guint                  column_label,
                                                   int                    pair,
                                                   char                 **title);
/* A row of per_label: items where someone used the label, disagreements first, with the
 * reason when its α left one out. */
GPtrArray *cairn_dashboard_results_list_label     (CairnDashboardResults *self,
                                                   guint                  index,
                                                   char                 **title);
/* A row of per_pair: the items both annotated, where they differ first. */
GPtrArray *cairn_dashboard_results_list_pair      (CairnDashboardResults *self,
                                                   guint                  index,
                                                   char                 **title);
/* Where an annotator's label is not Dawid–Skene's likely one. */
GPtrArray *cairn_dashboard_results_list_annotator (CairnDashboardResults *self,
                                                   guint                  annotator,
                                                   char                 **title);
GPtrArray *cairn_dashboard_results_list_flagged   (CairnDashboardResults *self,
                                                   char                 **title);
GPtrArray *cairn_dashboard_results_list_left_out  (CairnDashboardResults *self,
                                                   char                 **title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnDashboardResults, cairn_dashboard_results_free)

G_END_DECLS
