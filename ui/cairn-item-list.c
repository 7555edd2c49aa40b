#define G_LOG_DOMAIN "cairn-item-list"

#include <glib/gi18n.h>

#include "cairn-item-list.h"
#include "cairn-ui-util.h"
#include "cairn-item-row.h"

struct _CairnItemList
{
  GtkWidget           parent_instance;
  GtkSingleSelection *selection;

  GtkLabel           *count_label;
  GtkMenuButton      *filter_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (CairnItemList, cairn_item_list, GTK_TYPE_WIDGET)

static void
update_count (CairnItemList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n),
                                           n);

  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
on_items_changed_cb (GListModel    *model,
                     guint          position,
                     guint          removed,
                     guint          added,
                     CairnItemList *self)
{
  update_count (self);
}

static gboolean
cairn_item_list_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAIRN_ITEM_LIST (widget)->list_view));
}

/* GTK 4.8 lists move their own keyboard focus row, which a selection made elsewhere (n, p,
 * the header buttons) does not move; arrows would then jump back to that row. So the list's
 * navigation keys go through the window's actions, like every other way of moving. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CairnItemList         *self)
{
  const char *action = NULL;

  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      action = "win.previous-item";
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      action = "win.next-item";
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      action = "win.first-item";
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      action = "win.last-item";
      break;
    default:
      return FALSE;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

static void
cairn_item_list_dispose (GObject *object)
{
  CairnItemList *self = CAIRN_ITEM_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_ITEM_LIST);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (cairn_item_list_parent_class)->dispose (object);
}

static void
cairn_item_list_class_init (CairnItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_item_list_dispose;
  widget_class->grab_focus = cairn_item_list_grab_focus;

  g_type_ensure (CAIRN_TYPE_ITEM_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-item-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnItemList, count_label);
  gtk_widget_class_bind_template_child (widget_class, CairnItemList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CairnItemList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnItemList, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemlist");
}

static void
cairn_item_list_init (CairnItemList *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, 0);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_count (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

GtkWidget *
cairn_item_list_new (void)
{
  return g_object_new (CAIRN_TYPE_ITEM_LIST, NULL);
}

void
cairn_item_list_set_model (CairnItemList *self,
                           GListModel    *model)
{
  g_return_if_fail (CAIRN_IS_ITEM_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  gtk_single_selection_set_model (self->selection, model);
  update_count (self);
}

GtkSingleSelection *
cairn_item_list_get_selection (CairnItemList *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_LIST (self), NULL);
  return self->selection;
}

void
cairn_item_list_select (CairnItemList *self,
                        guint          position)
{
  g_return_if_fail (CAIRN_IS_ITEM_LIST (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  /* GTK 4.8 has no gtk_list_view_scroll_to (4.12); the list's own action scrolls. */
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
cairn_item_list_set_filter_description (CairnItemList *self,
                                        const char    *description)
{
  g_return_if_fail (CAIRN_IS_ITEM_LIST (self));
  gtk_menu_button_set_label (self->filter_button, description);
}
