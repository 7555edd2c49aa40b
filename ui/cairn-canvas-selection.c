#define G_LOG_DOMAIN "cairn-canvas"

/* Several shapes selected at once: the selected one (inspector, handles) and the others a
 * rubber band or Shift+click added. Edits on a selection are one edit for all of it. */

#include "cairn-canvas-private.h"
#include "cairn-canvas-shapes.h"

gboolean
cairn_canvas_is_selected (CairnCanvas *self,
                          gint64       id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  if (id == 0)
    return FALSE;
  if (id == self->selected_id)
    return TRUE;
  for (guint i = 0; i < self->also_selected->len; i++)
    if (g_array_index (self->also_selected, gint64, i) == id)
      return TRUE;
  return FALSE;
}

guint
cairn_canvas_get_n_selected (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return (self->selected_id != 0) + self->also_selected->len;
}

/* Shift+click: in or out of the selection; the first one in becomes the selected one. */
void
cairn_canvas_toggle_selected (CairnCanvas *self,
                              gint64       id)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (id == 0 || cairn_canvas_is_hidden (self, id))
    return;
  if (self->selected_id == 0)
    {
      cairn_canvas_set_selected_id (self, id);
      return;
    }
  if (id == self->selected_id)
    {
      /* The next one takes its place. */
      gint64 next = 0;

      if (self->also_selected->len > 0)
        {
          next = g_array_index (self->also_selected, gint64, 0);
          g_array_remove_index (self->also_selected, 0);
        }
      {
        g_autoptr(GArray) rest = g_array_copy (self->also_selected);

        cairn_canvas_set_selected_id (self, next);
        g_array_append_vals (self->also_selected, rest->data, rest->len);
      }
    }
  else
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->also_selected->len && !found; i++)
        if (g_array_index (self->also_selected, gint64, i) == id)
          {
            g_array_remove_index (self->also_selected, i);
            found = TRUE;
          }
      if (!found)
        g_array_append_val (self->also_selected, id);
    }
  cairn_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_canvas_select_in_rect (CairnCanvas *self,
                             double       x0,
                             double       y0,
                             double       x1,
                             double       y1)
{
  gboolean first = TRUE;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  cairn_canvas_set_selected_id (self, 0);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];
      double x, y, w, h;

      if (cairn_canvas_shape_hidden (self, a) || !cairn_kind_is_image (a->kind)
          || !cairn_annotation_bounds (a, &x, &y, &w, &h)
          || x < MIN (x0, x1) || y < MIN (y0, y1) || x + w > MAX (x0, x1) || y + h > MAX (y0, y1))
        continue;
      if (first)
        cairn_canvas_set_selected_id (self, a->id);
      else
        g_array_append_val (self->also_selected, a->id);
      first = FALSE;
    }
  cairn_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return !first;
}

/* After the annotations changed: what is gone is no longer selected. */
void
cairn_canvas_forget_gone_selection (CairnCanvas *self)
{
  for (guint i = self->also_selected->len; i > 0; i--)
    if (cairn_canvas_get_annotation (self, g_array_index (self->also_selected, gint64, i - 1))
        == NULL)
      g_array_remove_index (self->also_selected, i - 1);
}

GPtrArray *
cairn_canvas_selected_shapes (CairnCanvas *self,
                              gboolean     editable)
{
  GPtrArray *shapes = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->selected_id != 0)
    g_array_append_val (ids, self->selected_id);
  g_array_append_vals (ids, self->also_selected->data, self->also_selected->len);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const CairnAnnotation *a = cairn_canvas_get_annotation (self, id);

      if (a != NULL && !(editable && cairn_canvas_is_locked (self, id)))
        g_ptr_array_add (shapes, (gpointer) a);
    }
  return shapes;
}

GPtrArray *
cairn_canvas_get_selected_shapes (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return cairn_canvas_selected_shapes (self, FALSE);
}

/* Ctrl+Up / Ctrl+Down: the selected shapes one step up or down; with Shift, above or below
 * every other shape of the item. One edit. */
static void
arrange_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  gint step = g_variant_get_int32 (parameter);
  g_autoptr(GPtrArray) shapes = cairn_canvas_selected_shapes (self, FALSE);
  g_autoptr(CairnEdit) edit = NULL;
  gint top = G_MININT, bottom = G_MAXINT;

  if (shapes->len == 0)
    return;
  for (guint i = 0; i < self->annotations->len; i++)
    {
      gint z = cairn_shape_get_z (self->annotations->pdata[i]);

      top = MAX (top, z);
      bottom = MIN (bottom, z);
    }
  edit = cairn_edit_new (CAIRN_EDIT_VERB_ARRANGE, ((CairnAnnotation *) shapes->pdata[0])->kind);
  for (guint i = 0; i < shapes->len; i++)
    {
      const CairnAnnotation *before = shapes->pdata[i];
      g_autoptr(CairnAnnotation) after = cairn_annotation_copy (before);
      gint z = cairn_shape_get_z (before);

      z = step == 2 ? top + 1 : step == -2 ? bottom - 1 : z + CLAMP (step, -1, 1);
      cairn_shape_set_z (after, z);
      if (z != cairn_shape_get_z (before))
        cairn_edit_add_annotation (edit, before, after);
    }
  if (cairn_edit_get_n_changes (edit) > 0)
    cairn_canvas_commit_edit (self, edit);
}

void
cairn_canvas_class_init_selection (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.arrange", "i", arrange_activated);
}
