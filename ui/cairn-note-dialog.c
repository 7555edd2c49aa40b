#define G_LOG_DOMAIN "cairn-notes"

#include <glib/gi18n.h>

#include "cairn-note-dialog.h"
#include "guide/cairn-guide-notes.h"

struct _CairnNoteDialog
{
  GtkWindow     parent_instance;
  GtkEntry     *title_entry;
  GtkDropDown  *label_dropdown;
  GtkLabel     *region_label;
  GtkTextView  *body_view;
  GtkLabel     *error_label;

  CairnStore   *store;
  gint64        item_id;
  gint64        annotation_id;
  char         *region;
  GArray       *label_ids;   /* gint64 per drop-down row; 0 for none */
};

G_DEFINE_FINAL_TYPE (CairnNoteDialog, cairn_note_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_region (const char *json)
{
  CairnRegionKind kind;
  double v[4];

  if (!cairn_note_region_parse (json, &kind, v, NULL) || kind == CAIRN_REGION_NONE)
    return g_strdup (_("The whole item"));
  switch (kind)
    {
    case CAIRN_REGION_BOX:
      /* Translators: a box on the image: x, y, width × height in pixels. */
      return g_strdup_printf (_("Box at %.0f, %.0f, %.0f × %.0f px"), v[0], v[1], v[2], v[3]);
    case CAIRN_REGION_SPAN:
      /* Translators: characters start to end of a text. */
      return g_strdup_printf (_("Characters %.0f–%.0f"), v[0], v[1]);
    case CAIRN_REGION_SEGMENT:
      /* Translators: seconds start to end of a recording. */
      return g_strdup_printf (_("%.2f–%.2f s"), v[0] / 1000, v[1] / 1000);
    case CAIRN_REGION_NONE:
    default:
      return g_strdup (_("The whole item"));
    }
}

static char *
body_text (CairnNoteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_cancel_clicked_cb (GtkButton       *button,
                      CairnNoteDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_record_clicked_cb (GtkButton       *button,
                      CairnNoteDialog *self)
{
  cairn_note_dialog_record (self, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
}

/* Enter in the question records it. */
static void
on_title_activated_cb (GtkEntry        *entry,
                       CairnNoteDialog *self)
{
  cairn_note_dialog_record (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
cairn_note_dialog_dispose (GObject *object)
{
  CairnNoteDialog *self = CAIRN_NOTE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_NOTE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_note_dialog_parent_class)->dispose (object);
}

static void
cairn_note_dialog_finalize (GObject *object)
{
  CairnNoteDialog *self = CAIRN_NOTE_DIALOG (object);

  g_free (self->region);
  g_array_unref (self->label_ids);
  G_OBJECT_CLASS (cairn_note_dialog_parent_class)->finalize (object);
}

static void
cairn_note_dialog_class_init (CairnNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_note_dialog_dispose;
  object_class->finalize = cairn_note_dialog_finalize;
  signals[SIGNAL_RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnNoteDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteDialog, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteDialog, region_label);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cairn_note_dialog_init (CairnNoteDialog *self)
{
  self->label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill_labels (CairnNoteDialog *self, GPtrArray *labels, gint64 current)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gint64 none = 0;

  gtk_string_list_append (names, _("No label"));
  g_array_append_val (self->label_ids, none);
  for (guint i = 0; labels && i < labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (labels, i);

      gtk_string_list_append (names, label->name);
      g_array_append_val (self->label_ids, label->id);
      if (label->id == current)
        selected = self->label_ids->len - 1;
    }
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->label_dropdown, selected);
}

CairnNoteDialog *
cairn_note_dialog_new (GtkWindow             *parent,
                       CairnStore            *store,
                       gint64                 item_id,
                       const CairnAnnotation *annotation,
                       GPtrArray             *labels)
{
  CairnNoteDialog *self;
  g_autofree char *region = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  self = g_object_new (CAIRN_TYPE_NOTE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->item_id = item_id;
  if (annotation)
    {
      self->annotation_id = annotation->id;
      self->region = cairn_note_region_for_annotation (annotation);
    }
  fill_labels (self, labels, annotation ? annotation->label_id : 0);
  region = describe_region (self->region);
  gtk_label_set_text (self->region_label, region);
  return self;
}

gboolean
cairn_note_dialog_record (CairnNoteDialog *self,
                          const char      *title)
{
  g_autoptr(CairnNote) note = cairn_note_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = body_text (self);
  g_autofree char *question = g_strstrip (g_strdup (title ? title : ""));
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);

  g_return_val_if_fail (CAIRN_IS_NOTE_DIALOG (self), FALSE);
  if (*question == '\0')
    {
      gtk_label_set_text (self->error_label, _("Write the question first."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  note->item_id = self->item_id;
  note->annotation_id = self->annotation_id;
  note->label_id = selected < self->label_ids->len
                   ? g_array_index (self->label_ids, gint64, selected) : 0;
  note->title = g_steal_pointer (&question);
  note->body = *body ? g_steal_pointer (&body) : NULL;
  note->region = g_strdup (self->region);
  if (!cairn_store_add_note (self->store, note, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_RECORDED], 0, note->id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
