#pragma once

#include <gio/gio.h>

#include "model/cairn-item.h"

G_BEGIN_DECLS

/* One row of the item list: an item's id and the fields a list row shows. Rows never keep
 * embedded media, so a cache of them stays small. */
#define CAIRN_TYPE_ITEM_ROW (cairn_item_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnItemRow, cairn_item_row, CAIRN, ITEM_ROW, GObject)

CairnItemRow    *cairn_item_row_new       (gint64     id,
                                           CairnItem *item);
gint64           cairn_item_row_get_id    (CairnItemRow *self);
/* NULL when the item could not be read. */
const CairnItem *cairn_item_row_get_item  (CairnItemRow *self);
const char      *cairn_item_row_get_title (CairnItemRow *self);

/* Translated names, shared by the list, the filter menu and the status bar. */
const char      *cairn_item_state_get_display_name (CairnItemState state);
const char      *cairn_item_kind_get_icon_name     (CairnItemKind kind);

G_END_DECLS
