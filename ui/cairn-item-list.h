#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The sidebar: the filtered items of the project, one row each, with the filter menu. */
#define CAIRN_TYPE_ITEM_LIST (cairn_item_list_get_type ())
G_DECLARE_FINAL_TYPE (CairnItemList, cairn_item_list, CAIRN, ITEM_LIST, GtkWidget)

GtkWidget          *cairn_item_list_new                    (void);
/* A model of CairnItemRow, or NULL. */
void                cairn_item_list_set_model              (CairnItemList *self,
                                                            GListModel    *model);
GtkSingleSelection *cairn_item_list_get_selection          (CairnItemList *self);
/* Selects the row and scrolls it into view. */
void                cairn_item_list_select                 (CairnItemList *self,
                                                            guint          position);
void                cairn_item_list_set_filter_description (CairnItemList *self,
                                                            const char    *description);

G_END_DECLS
