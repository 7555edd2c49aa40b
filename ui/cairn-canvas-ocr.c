#define G_LOG_DOMAIN "cairn-canvas"

/* An OCR box just drawn asks for its text in a field beside it: type, Enter, and the text is
 * one more edit (Escape leaves the box without text; the inspector can take it later). */

#include <glib/gi18n.h>

#include "cairn-canvas-private.h"

static void
on_text_activated_cb (GtkEntry    *entry,
                      CairnCanvas *self)
{
  const CairnAnnotation *box = cairn_canvas_get_annotation (self, self->ocr_id);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (box != NULL && g_strcmp0 (box->text ? box->text : "", text) != 0)
    {
      after = cairn_annotation_copy (box);
      g_free (after->text);
      after->text = g_strdup (text);
      edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, box, after);
      cairn_canvas_commit_edit (self, edit);
    }
  gtk_popover_popdown (GTK_POPOVER (self->ocr_popover));
}

static void
on_popover_closed_cb (GtkPopover  *popover,
                      CairnCanvas *self)
{
  self->ocr_id = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
ensure_popover (CairnCanvas *self)
{
  GtkWidget *entry;

  if (self->ocr_popover != NULL)
    return;
  self->ocr_popover = gtk_popover_new ();
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("The text in the box"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The text in the box"), -1);
  g_signal_connect (entry, "activate", G_CALLBACK (on_text_activated_cb), self);
  gtk_popover_set_child (GTK_POPOVER (self->ocr_popover), entry);
  gtk_popover_set_position (GTK_POPOVER (self->ocr_popover), GTK_POS_RIGHT);
  g_signal_connect (self->ocr_popover, "closed", G_CALLBACK (on_popover_closed_cb), self);
  gtk_widget_set_parent (self->ocr_popover, GTK_WIDGET (self));
}

void
cairn_canvas_ask_ocr_text (CairnCanvas *self,
                           gint64       id)
{
  const CairnAnnotation *box;
  GtkWidget *entry;
  double x, y, w, h;

  g_return_if_fail (CAIRN_IS_CANVAS (self));

  box = cairn_canvas_get_annotation (self, id);
  if (box == NULL || box->kind != CAIRN_KIND_OCR || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || !cairn_annotation_bounds (box, &x, &y, &w, &h))
    return;
  ensure_popover (self);
  self->ocr_id = id;
  entry = gtk_popover_get_child (GTK_POPOVER (self->ocr_popover));
  gtk_editable_set_text (GTK_EDITABLE (entry), box->text ? box->text : "");
  gtk_popover_set_pointing_to (GTK_POPOVER (self->ocr_popover),
                               &(GdkRectangle) { (int) (self->offset_x + x * self->zoom),
                                                 (int) (self->offset_y + y * self->zoom),
                                                 MAX ((int) (w * self->zoom), 1),
                                                 MAX ((int) (h * self->zoom), 1) });
  gtk_popover_popup (GTK_POPOVER (self->ocr_popover));
  gtk_widget_grab_focus (entry);
}

/* Popovers are presented by their parent's allocation. */
void
cairn_canvas_present_popovers (CairnCanvas *self)
{
  if (self->ocr_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->ocr_popover));
}

void
cairn_canvas_drop_popovers (CairnCanvas *self)
{
  g_clear_pointer (&self->ocr_popover, gtk_widget_unparent);
}
