#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of the quality dashboard's tables (a label, an annotator pair) or of its list of
 * items: texts for the columns, and what the row stands for. */
#define CAIRN_TYPE_DASHBOARD_ROW (cairn_dashboard_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnDashboardRow, cairn_dashboard_row, CAIRN, DASHBOARD_ROW, GObject)

typedef enum
{
  CAIRN_DASHBOARD_TITLE,     /* the label, the pair, or the item's title */
  CAIRN_DASHBOARD_VALUE,     /* the main figure, or an item's description */
  CAIRN_DASHBOARD_ITEMS,     /* items the figure used */
  CAIRN_DASHBOARD_LEFT_OUT,  /* items left out, and why in short */
  CAIRN_DASHBOARD_SPANS,
  CAIRN_DASHBOARD_SHAPES,
  CAIRN_DASHBOARD_EXTRA,     /* keypoints, transcripts, or an item's weight */
  CAIRN_DASHBOARD_TOOLTIP,
  CAIRN_DASHBOARD_N_FIELDS
} CairnDashboardField;

/* index: the row's position in the report's array; item_id: the item an entry names, or 0. */
CairnDashboardRow *cairn_dashboard_row_new          (guint                index,
                                                     gint64               item_id);
void               cairn_dashboard_row_set          (CairnDashboardRow   *self,
                                                     CairnDashboardField  field,
                                                     const char          *text);
/* Never NULL: "" when unset. */
const char        *cairn_dashboard_row_get          (CairnDashboardRow   *self,
                                                     CairnDashboardField  field);
guint              cairn_dashboard_row_get_index    (CairnDashboardRow   *self);
gint64             cairn_dashboard_row_get_item_id  (CairnDashboardRow   *self);
/* How many times an entry counts (pairs of annotators on one item, for a confusion cell). */
guint              cairn_dashboard_row_get_weight   (CairnDashboardRow   *self);
void               cairn_dashboard_row_set_weight   (CairnDashboardRow   *self,
                                                     guint                weight);
/* An entry where the annotators disagree. */
gboolean           cairn_dashboard_row_get_differs  (CairnDashboardRow   *self);
void               cairn_dashboard_row_set_differs  (CairnDashboardRow   *self,
                                                     gboolean             differs);

G_END_DECLS
