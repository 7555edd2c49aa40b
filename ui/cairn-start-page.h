#pragma once

#include <gtk/gtk.h>

#include "cairn-application.h"

G_BEGIN_DECLS

/* What the window shows without a project: new, open, and the recent projects. */
#define CAIRN_TYPE_START_PAGE (cairn_start_page_get_type ())
G_DECLARE_FINAL_TYPE (CairnStartPage, cairn_start_page, CAIRN, START_PAGE, GtkWidget)

GtkWidget  *cairn_start_page_new      (void);
/* Where the recent projects come from; the page follows their changes. */
void        cairn_start_page_set_application (CairnStartPage   *self,
                                              CairnApplication *app);
/* Reads the recent projects from the application again. */
void        cairn_start_page_reload   (CairnStartPage *self);
/* A model of CairnRecentProject. */
GListModel *cairn_start_page_get_recent (CairnStartPage *self);

G_END_DECLS
