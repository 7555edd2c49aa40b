#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* The project plan as a picture: the plan's text, then bars against the targets (items, per
 * label in the label's colour, per split) and a column per day stacked by annotator. Drawn
 * with cairo; it reads the store when set, and again shortly after the store changes. */
#define CAIRN_TYPE_PLAN_VIEW (cairn_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnPlanView, cairn_plan_view, CAIRN, PLAN_VIEW, GtkWidget)

GtkWidget *cairn_plan_view_new       (void);
/* FALSE (error set) when the plan or the counts cannot be read. */
gboolean   cairn_plan_view_set_store (CairnPlanView *self,
                                      CairnStore    *store,
                                      GError       **error);
/* For tests: the label's done count as the view shows it, or −1. */
gint64     cairn_plan_view_get_label_count (CairnPlanView *self,
                                            const char    *label);
/* A window of its own, transient for parent. */
GtkWidget *cairn_plan_view_show      (GtkWindow     *parent,
                                      CairnStore    *store);

G_END_DECLS
