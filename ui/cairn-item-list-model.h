#pragma once

#include <gio/gio.h>

#include "store/cairn-store.h"
#include "cairn-item-row.h"

G_BEGIN_DECLS

/* A GListModel of CairnItemRow over the store's item ids. Only the ids of the filtered items
 * are in memory; rows are fetched when asked for and kept in a small cache. */
#define CAIRN_TYPE_ITEM_LIST_MODEL (cairn_item_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CairnItemListModel, cairn_item_list_model, CAIRN, ITEM_LIST_MODEL, GObject)

/* How many rows the cache keeps. */
#define CAIRN_ITEM_LIST_MODEL_CACHE_SIZE 256

CairnItemListModel *cairn_item_list_model_new          (CairnStore *store);
CairnStore         *cairn_item_list_model_get_store    (CairnItemListModel *self);
/* Changes the filter and emits items-changed for exactly the rows that came and went. */
gboolean            cairn_item_list_model_set_filter   (CairnItemListModel    *self,
                                                        const CairnItemFilter *filter,
                                                        GError               **error);
/* The filter in use; its split belongs to the model. */
void                cairn_item_list_model_get_filter   (CairnItemListModel *self,
                                                        CairnItemFilter    *filter);
/* Reads the ids again (after an import, say), emitting exact changes. */
gboolean            cairn_item_list_model_reload       (CairnItemListModel *self,
                                                        GError            **error);
/* Forgets the cached row of an item that changed and tells the views. */
void                cairn_item_list_model_item_changed (CairnItemListModel *self,
                                                        gint64              id);
/* 0 when position is out of range. */
gint64              cairn_item_list_model_get_id       (CairnItemListModel *self,
                                                        guint               position);
/* GTK_INVALID_LIST_POSITION (G_MAXUINT) when the item is not in the filtered list. */
guint               cairn_item_list_model_find         (CairnItemListModel *self,
                                                        gint64              id);
/* How many rows were read from the store since the model was made (for tests and figures). */
guint               cairn_item_list_model_get_n_fetched (CairnItemListModel *self);

G_END_DECLS
