#pragma once

#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"

G_BEGIN_DECLS

/* What the centre panes (canvas, text, audio) have in common: they show one item of a store
 * with its annotations, keep a selection, send their edits through an undo scope, update in
 * place when the store changes, and offer an inspector widget for the right sidebar. */
#define CAIRN_TYPE_ITEM_VIEW (cairn_item_view_get_type ())
G_DECLARE_INTERFACE (CairnItemView, cairn_item_view, CAIRN, ITEM_VIEW, GtkWidget)

struct _CairnItemViewInterface
{
  GTypeInterface parent_iface;

  /* item NULL: show nothing. labels: CairnLabel, the project's, in palette order. */
  void        (*set_item)        (CairnItemView          *self,
                                  CairnStore             *store,
                                  const CairnItem        *item,
                                  GPtrArray              *labels);
  void        (*set_edit_stack)  (CairnItemView          *self,
                                  CairnEditStack         *stack);
  /* A committed change; the view reloads what it shows of it, keeping its view and selection. */
  void        (*store_changed)   (CairnItemView          *self,
                                  const CairnStoreChange *change);
  gint64      (*get_selected_id) (CairnItemView          *self);
  GtkWidget  *(*get_inspector)   (CairnItemView          *self);
};

void        cairn_item_view_set_item        (CairnItemView          *self,
                                             CairnStore             *store,
                                             const CairnItem        *item,
                                             GPtrArray              *labels);
void        cairn_item_view_set_edit_stack  (CairnItemView          *self,
                                             CairnEditStack         *stack);
void        cairn_item_view_store_changed   (CairnItemView          *self,
                                             const CairnStoreChange *change);
gint64      cairn_item_view_get_selected_id (CairnItemView          *self);
GtkWidget  *cairn_item_view_get_inspector   (CairnItemView          *self);

/* For implementations: keeps *slot on store and calls store_changed on the view for each of
 * its commits. */
void        cairn_item_view_watch_store     (CairnItemView          *self,
                                             CairnStore            **slot,
                                             CairnStore             *store);
/* The item's annotations, or NULL (with a warning) when they cannot be read. */
GPtrArray  *cairn_item_view_load_annotations (CairnStore            *store,
                                              gint64                  item_id);

/* What a pane keeps of the item it shows, for the panes that only show it (text, audio). */
typedef struct
{
  CairnStore *store;
  CairnItem  *item;
  GPtrArray  *labels;
} CairnItemViewState;

void        cairn_item_view_state_set     (CairnItemViewState     *state,
                                           CairnItemView          *view,
                                           CairnStore             *store,
                                           const CairnItem        *item,
                                           GPtrArray              *labels);
void        cairn_item_view_state_clear   (CairnItemViewState     *state,
                                           CairnItemView          *view);
/* Whether the change is about the item shown. */
gboolean    cairn_item_view_state_touched (CairnItemViewState     *state,
                                           const CairnStoreChange *change);

G_END_DECLS
