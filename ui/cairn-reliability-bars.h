#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One horizontal bar per annotator, 0 to 1 (Dawid–Skene's reliability: the chance that the
 * annotator's label is the true one), with the name before it and the value after it.
 * A click, or Enter on the row chosen with the arrows, emits "row-activated". */
#define CAIRN_TYPE_RELIABILITY_BARS (cairn_reliability_bars_get_type ())
G_DECLARE_FINAL_TYPE (CairnReliabilityBars, cairn_reliability_bars, CAIRN, RELIABILITY_BARS,
                      GtkWidget)

GtkWidget *cairn_reliability_bars_new          (void);
/* values: NAN where there is none. */
void       cairn_reliability_bars_set_values   (CairnReliabilityBars *self,
                                                const char * const   *names,
                                                const double         *values,
                                                guint                 n);
guint      cairn_reliability_bars_get_n_rows   (CairnReliabilityBars *self);
double     cairn_reliability_bars_get_value    (CairnReliabilityBars *self,
                                                guint                 row);
/* -1 outside the rows. */
int        cairn_reliability_bars_row_at       (CairnReliabilityBars *self,
                                                double                y);
/* Where the bar of a row ends (its full length is value 1), for tests. */
gboolean   cairn_reliability_bars_get_bar      (CairnReliabilityBars *self,
                                                guint                 row,
                                                graphene_rect_t      *bar);
void       cairn_reliability_bars_select       (CairnReliabilityBars *self,
                                                int                   row);
int        cairn_reliability_bars_get_selected (CairnReliabilityBars *self);
void       cairn_reliability_bars_activate_row (CairnReliabilityBars *self,
                                                guint                 row);

G_END_DECLS
