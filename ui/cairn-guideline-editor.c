#define G_LOG_DOMAIN "cairn-guideline"

#include <glib/gi18n.h>

#include "cairn-guideline-editor.h"
#include "cairn-guideline-panel.h"
#include "guide/cairn-guide-diff.h"
#include "guide/cairn-guide-recheck.h"

#define PREVIEW_DELAY_MS 250

struct _CairnGuidelineEditor
{
  GtkWindow            parent_instance;
  GtkTextView         *source_view;
  CairnGuidelinePanel *preview;
  GtkEntry            *summary_entry;
  GtkWidget           *publish_button;
  GtkLabel            *status_label;

  CairnStore          *store;
  CairnGuideDoc       *current;   /* the newest version, to count what changed */
  gint                 version;
  guint                preview_source;
};

G_DEFINE_FINAL_TYPE (CairnGuidelineEditor, cairn_guideline_editor, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
source_text (CairnGuidelineEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
cairn_guideline_editor_update (CairnGuidelineEditor *self)
{
  g_autofree char *text = source_text (self);
  g_autoptr(CairnGuideDoc) draft = cairn_guide_doc_new (text);
  g_autoptr(GPtrArray) changes = cairn_guide_diff (self->current, draft);
  g_autofree char *status = NULL;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  cairn_guideline_panel_show_markdown (self->preview, 0, text);
  if (changes->len == 0)
    status = g_strdup (_("No changes yet."));
  else
    /* Translators: "3 sections changed since v2". */
    status = g_strdup_printf (ngettext ("%u section changed since v%d",
                                         "%u sections changed since v%d", changes->len),
                              changes->len, self->version);
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_sensitive (self->publish_button, changes->len > 0
                            && *gtk_editable_get_text (GTK_EDITABLE (self->summary_entry)));
}

static gboolean
preview_cb (gpointer data)
{
  CairnGuidelineEditor *self = data;

  self->preview_source = 0;
  cairn_guideline_editor_update (self);
  return G_SOURCE_REMOVE;
}

/* The preview follows the typing after a pause, not on every key. */
static void
on_source_changed_cb (GtkTextBuffer        *buffer,
                      CairnGuidelineEditor *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
}

static void
on_summary_changed_cb (GtkEditable          *entry,
                       CairnGuidelineEditor *self)
{
  cairn_guideline_editor_update (self);
}

static void
on_cancel_clicked_cb (GtkButton            *button,
                      CairnGuidelineEditor *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_publish_clicked_cb (GtkButton            *button,
                       CairnGuidelineEditor *self)
{
  cairn_guideline_editor_publish (self, gtk_editable_get_text (GTK_EDITABLE (self->summary_entry)));
}

static void
cairn_guideline_editor_dispose (GObject *object)
{
  CairnGuidelineEditor *self = CAIRN_GUIDELINE_EDITOR (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_GUIDELINE_EDITOR);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_guideline_editor_parent_class)->dispose (object);
}

static void
cairn_guideline_editor_finalize (GObject *object)
{
  cairn_guide_doc_free (CAIRN_GUIDELINE_EDITOR (object)->current);
  G_OBJECT_CLASS (cairn_guideline_editor_parent_class)->finalize (object);
}

static void
cairn_guideline_editor_class_init (CairnGuidelineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_guideline_editor_dispose;
  object_class->finalize = cairn_guideline_editor_finalize;
  signals[SIGNAL_PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT);
  g_type_ensure (CAIRN_TYPE_GUIDELINE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-guideline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelineEditor, source_view);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelineEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelineEditor, summary_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelineEditor, publish_button);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelineEditor, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_changed_cb);
}

static void
cairn_guideline_editor_init (CairnGuidelineEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->source_view), "changed",
                           G_CALLBACK (on_source_changed_cb), self, 0);
}

CairnGuidelineEditor *
cairn_guideline_editor_new (GtkWindow  *parent,
                            CairnStore *store)
{
  CairnGuidelineEditor *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  self = g_object_new (CAIRN_TYPE_GUIDELINE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->version = cairn_store_get_guideline_version (store);
  if (self->version > 0)
    body = cairn_store_get_guideline (store, self->version, NULL, NULL);
  self->current = cairn_guide_doc_new (body ? body : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->source_view), body ? body : "", -1);
  cairn_guideline_editor_update (self);
  return self;
}

GtkTextBuffer *
cairn_guideline_editor_get_source (CairnGuidelineEditor *self)
{
  g_return_val_if_fail (CAIRN_IS_GUIDELINE_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->source_view);
}

gboolean
cairn_guideline_editor_publish (CairnGuidelineEditor *self,
                                const char           *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = source_text (self);
  g_autofree char *what = g_strstrip (g_strdup (summary ? summary : ""));
  g_autoptr(CairnGuideDoc) draft = cairn_guide_doc_new (text);
  g_autoptr(GPtrArray) changes = cairn_guide_diff (self->current, draft);
  CairnRecheckReport report;
  gint version;

  g_return_val_if_fail (CAIRN_IS_GUIDELINE_EDITOR (self), FALSE);
  /* A version the same as the last would only say it changed. */
  if (changes->len == 0)
    {
      gtk_label_set_text (self->status_label, _("No changes yet."));
      return FALSE;
    }
  if (*what == '\0')
    {
      gtk_label_set_text (self->status_label, _("Say what changed before publishing."));
      return FALSE;
    }
  version = cairn_guide_publish (self->store, text, NULL, what, &report, &error);
  if (version == 0)
    {
      gtk_label_set_text (self->status_label, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, version);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
