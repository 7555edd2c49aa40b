#define G_LOG_DOMAIN "cairn-prompt-dialog"

#include "cairn-prompt-dialog.h"

struct _CairnPromptDialog
{
  GtkWindow  parent_instance;
  gboolean   required;

  GtkWidget *cancel_button;
  GtkButton *accept_button;
  GtkLabel  *heading_label;
  GtkLabel  *body_label;
  GtkEntry  *entry;
  GtkLabel  *error_label;
};

G_DEFINE_FINAL_TYPE (CairnPromptDialog, cairn_prompt_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_cancel_clicked_cb (GtkButton         *button,
                      CairnPromptDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_accept_clicked_cb (GtkWidget         *widget,
                      CairnPromptDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (*text == '\0')
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_SUBMITTED], 0, text);
  /* A handler that refused the answer showed an error: stay open for another. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    {
      self->required = FALSE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
  g_object_unref (self);
}

static gboolean
cairn_prompt_dialog_close_request (GtkWindow *window)
{
  if (CAIRN_PROMPT_DIALOG (window)->required)
    return TRUE;
  return GTK_WINDOW_CLASS (cairn_prompt_dialog_parent_class)->close_request (window);
}

static void
cairn_prompt_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_PROMPT_DIALOG);
  G_OBJECT_CLASS (cairn_prompt_dialog_parent_class)->dispose (object);
}

static void
cairn_prompt_dialog_class_init (CairnPromptDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_prompt_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = cairn_prompt_dialog_close_request;

  signals[SIGNAL_SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-prompt-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, CairnPromptDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cairn_prompt_dialog_init (CairnPromptDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CairnPromptDialog *
cairn_prompt_dialog_new (GtkWindow  *parent,
                         const char *heading,
                         const char *body,
                         const char *accept_label,
                         const char *text)
{
  CairnPromptDialog *self = g_object_new (CAIRN_TYPE_PROMPT_DIALOG, "transient-for", parent,
                                          "title", heading, NULL);

  gtk_label_set_label (self->heading_label, heading);
  gtk_label_set_label (self->body_label, body);
  gtk_button_set_label (self->accept_button, accept_label);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->accept_button));
  return self;
}

void
cairn_prompt_dialog_set_error (CairnPromptDialog *self,
                               const char        *message)
{
  g_return_if_fail (CAIRN_IS_PROMPT_DIALOG (self));
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
cairn_prompt_dialog_get_text (CairnPromptDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_PROMPT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
cairn_prompt_dialog_set_required (CairnPromptDialog *self,
                                  gboolean           required)
{
  g_return_if_fail (CAIRN_IS_PROMPT_DIALOG (self));
  self->required = required;
  gtk_widget_set_visible (self->cancel_button, !required);
}

void
cairn_prompt_dialog_submit (CairnPromptDialog *self,
                            const char        *text)
{
  g_return_if_fail (CAIRN_IS_PROMPT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  on_accept_clicked_cb (GTK_WIDGET (self->accept_button), self);
}
