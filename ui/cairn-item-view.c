#define G_LOG_DOMAIN "cairn-item-view"

#include "cairn-item-view.h"

G_DEFINE_INTERFACE (CairnItemView, cairn_item_view, GTK_TYPE_WIDGET)

static void
cairn_item_view_default_init (CairnItemViewInterface *iface)
{
}

void
cairn_item_view_set_item (CairnItemView   *self,
                          CairnStore      *store,
                          const CairnItem *item,
                          GPtrArray       *labels)
{
  g_return_if_fail (CAIRN_IS_ITEM_VIEW (self));
  CAIRN_ITEM_VIEW_GET_IFACE (self)->set_item (self, store, item, labels);
}

void
cairn_item_view_set_edit_stack (CairnItemView  *self,
                                CairnEditStack *stack)
{
  CairnItemViewInterface *iface;

  g_return_if_fail (CAIRN_IS_ITEM_VIEW (self));
  iface = CAIRN_ITEM_VIEW_GET_IFACE (self);
  if (iface->set_edit_stack)
    iface->set_edit_stack (self, stack);
}

void
cairn_item_view_store_changed (CairnItemView          *self,
                               const CairnStoreChange *change)
{
  CairnItemViewInterface *iface;

  g_return_if_fail (CAIRN_IS_ITEM_VIEW (self));
  iface = CAIRN_ITEM_VIEW_GET_IFACE (self);
  if (iface->store_changed)
    iface->store_changed (self, change);
}

gint64
cairn_item_view_get_selected_id (CairnItemView *self)
{
  CairnItemViewInterface *iface;

  g_return_val_if_fail (CAIRN_IS_ITEM_VIEW (self), 0);
  iface = CAIRN_ITEM_VIEW_GET_IFACE (self);
  return iface->get_selected_id ? iface->get_selected_id (self) : 0;
}

GtkWidget *
cairn_item_view_get_inspector (CairnItemView *self)
{
  CairnItemViewInterface *iface;

  g_return_val_if_fail (CAIRN_IS_ITEM_VIEW (self), NULL);
  iface = CAIRN_ITEM_VIEW_GET_IFACE (self);
  return iface->get_inspector ? iface->get_inspector (self) : NULL;
}

static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnItemView          *self)
{
  cairn_item_view_store_changed (self, change);
}

void
cairn_item_view_watch_store (CairnItemView  *self,
                             CairnStore    **slot,
                             CairnStore     *store)
{
  g_return_if_fail (CAIRN_IS_ITEM_VIEW (self) && slot != NULL);

  if (*slot == store)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_store_changed_cb, self);
  g_set_object (slot, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
}

GPtrArray *
cairn_item_view_load_annotations (CairnStore *store,
                                  gint64      item_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations;

  if (store == NULL || item_id == 0)
    return NULL;
  annotations = cairn_store_list_annotations (store, item_id, &error);
  if (annotations == NULL)
    g_warning ("Annotations of item %" G_GINT64_FORMAT ": %s", item_id, error->message);
  return annotations;
}

void
cairn_item_view_state_set (CairnItemViewState *state,
                           CairnItemView      *view,
                           CairnStore         *store,
                           const CairnItem    *item,
                           GPtrArray          *labels)
{
  cairn_item_view_watch_store (view, &state->store, store);
  g_clear_pointer (&state->item, cairn_item_free);
  state->item = item ? cairn_item_copy (item) : NULL;
  g_clear_pointer (&state->labels, g_ptr_array_unref);
  state->labels = labels ? g_ptr_array_ref (labels) : NULL;
}

void
cairn_item_view_state_clear (CairnItemViewState *state,
                             CairnItemView      *view)
{
  cairn_item_view_state_set (state, view, NULL, NULL, NULL);
}

gboolean
cairn_item_view_state_touched (CairnItemViewState     *state,
                               const CairnStoreChange *change)
{
  return state->item != NULL && cairn_store_change_has_item (change, state->item->id);
}
