#define G_LOG_DOMAIN "cairn-canvas"

/* Hiding, locking and the labels' names: how the annotator sees the shapes, not what they are
 * (nothing here is an edit or saved; hidden and locked shapes stay so until the window closes,
 * across items). */

#include <glib/gi18n.h>

#include "cairn-canvas-private.h"

static gboolean
in_set (GHashTable *set, gint64 id)
{
  return id != 0 && set != NULL && g_hash_table_contains (set, &id);
}

static void
put_in_set (GHashTable *set, gint64 id, gboolean in)
{
  if (in)
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (set, &id);
}

gboolean
cairn_canvas_is_hidden (CairnCanvas *self,
                        gint64       id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return in_set (self->hidden, id);
}

gboolean
cairn_canvas_is_locked (CairnCanvas *self,
                        gint64       id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return in_set (self->locked, id);
}

void
cairn_canvas_set_hidden (CairnCanvas *self,
                         gint64       id,
                         gboolean     hidden)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (id == 0 || cairn_canvas_is_hidden (self, id) == hidden)
    return;
  put_in_set (self->hidden, id, hidden);
  if (hidden && self->selected_id == id)
    cairn_canvas_set_selected_id (self, 0);
  cairn_canvas_damage (self, cairn_canvas_get_annotation (self, id));
  self->shapes_generation++; /* picking skips hidden shapes */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_get_label_hidden (CairnCanvas *self,
                               gint64       label_id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return in_set (self->hidden_labels, label_id);
}

gboolean
cairn_canvas_shape_hidden (CairnCanvas           *self,
                           const CairnAnnotation *annotation)
{
  return in_set (self->hidden, annotation->id)
         || in_set (self->hidden_labels, annotation->label_id);
}

void
cairn_canvas_set_label_hidden (CairnCanvas *self,
                               gint64       label_id,
                               gboolean     hidden)
{
  const CairnAnnotation *selected;

  g_return_if_fail (CAIRN_IS_CANVAS (self));

  hidden = !!hidden;
  if (label_id == 0 || cairn_canvas_get_label_hidden (self, label_id) == hidden)
    return;
  put_in_set (self->hidden_labels, label_id, hidden);
  selected = cairn_canvas_get_annotation (self, self->selected_id);
  if (hidden && selected != NULL && selected->label_id == label_id)
    cairn_canvas_set_selected_id (self, 0);
  cairn_canvas_invalidate_layer (self);
  self->shapes_generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  cairn_canvas_emit_label_hidden (self, label_id, hidden);
}

void
cairn_canvas_set_locked (CairnCanvas *self,
                         gint64       id,
                         gboolean     locked)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (id == 0 || cairn_canvas_is_locked (self, id) == locked)
    return;
  put_in_set (self->locked, id, locked);
  gtk_widget_queue_draw (GTK_WIDGET (self)); /* its handles come and go */
}

void
cairn_canvas_set_show_names (CairnCanvas *self,
                             gboolean     show)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  show = !!show;
  if (self->show_names == show)
    return;
  self->show_names = show;
  cairn_canvas_invalidate_layer (self);
  g_object_notify (G_OBJECT (self), "show-names");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_get_show_names (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->show_names;
}

gboolean
cairn_canvas_check_unlocked (CairnCanvas *self,
                             gint64       id)
{
  if (!cairn_canvas_is_locked (self, id))
    return TRUE;
  cairn_canvas_show_notice (self, _("The shape is locked: Ctrl+L unlocks it"));
  return FALSE;
}

/* The selected shape goes out of sight; with none selected, the item's hidden ones return. */
static void
toggle_hidden_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (self->selected_id != 0)
    {
      cairn_canvas_set_hidden (self, self->selected_id, TRUE);
      return;
    }
  for (guint i = 0; i < self->annotations->len; i++)
    cairn_canvas_set_hidden (self, ((CairnAnnotation *) self->annotations->pdata[i])->id, FALSE);
}

static void
toggle_locked_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (self->selected_id != 0)
    cairn_canvas_set_locked (self, self->selected_id,
                             !cairn_canvas_is_locked (self, self->selected_id));
}

void
cairn_canvas_class_init_visibility (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.toggle-hidden", NULL,
                                   toggle_hidden_activated);
  gtk_widget_class_install_action (widget_class, "canvas.toggle-locked", NULL,
                                   toggle_locked_activated);
  gtk_widget_class_install_property_action (widget_class, "canvas.show-names", "show-names");
  gtk_widget_class_install_property_action (widget_class, "canvas.semantic-masks",
                                            "semantic-masks");
}
