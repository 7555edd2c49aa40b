#define G_LOG_DOMAIN "cairn-guideline"

#include <glib/gi18n.h>
#include <string.h>

#include "cairn-guideline-editor.h"
#include "cairn-guideline-panel.h"
#include "guide/cairn-guide-diff.h"
#include "guide/cairn-guide-images.h"
#include "store/cairn-store-guide.h"
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
  GHashTable          *pictures;  /* name → GBytes: inserted here, not published yet */
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

/* "street.png", or "street-2.png" when another picture has that name already. */
static char *
free_name (CairnGuidelineEditor *self, const char *basename, GBytes *bytes)
{
  g_autofree char *stem = g_strdup (basename);
  char *dot = strrchr (stem, '.');
  const char *ext = dot ? basename + (dot - stem) : "";
  g_autofree char *name = g_strdup (basename);

  if (dot)
    *dot = '\0';
  for (guint n = 2; ; n++)
    {
      GBytes *pending = g_hash_table_lookup (self->pictures, name);
      g_autoptr(GBytes) stored = cairn_store_get_guideline_image (self->store, name, 0, NULL);
      GBytes *taken = pending ? pending : stored;

      if (taken == NULL || g_bytes_equal (taken, bytes))
        return g_steal_pointer (&name);
      g_free (name);
      name = g_strdup_printf ("%s-%u%s", stem, n, ext);
    }
}

/* What puts the cursor at the start of a paragraph of its own: a picture after a table row
 * or in the middle of a line would join them. */
static const char *
paragraph_break (GtkTextBuffer *buffer)
{
  GtkTextIter at, before;

  gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  if (!gtk_text_iter_starts_line (&at))
    return "\n\n";
  before = at;
  if (!gtk_text_iter_backward_line (&before) || gtk_text_iter_ends_line (&before))
    return "";
  return "\n";
}

/* The picture goes in at the cursor as a paragraph ![name](name), named for its file. */
static gboolean
insert_picture (CairnGuidelineEditor *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *contents = NULL, *name = NULL, *escaped = NULL, *markdown = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!cairn_guide_check_image (path, bytes, error))
    return FALSE;
  /* Markdown's own characters out of the name: it is the URL as well. */
  g_strdelimit (basename, " ()[]<>\\:", '-');
  name = free_name (self, basename, bytes);
  g_hash_table_replace (self->pictures, g_strdup (name), g_bytes_ref (bytes));
  cairn_guideline_panel_set_pending_pictures (self->preview, self->pictures);
  markdown = g_strdup_printf ("%s![%s](%s)\n\n", paragraph_break (buffer), name, name);
  gtk_text_buffer_insert_at_cursor (buffer, markdown, -1);
  return TRUE;
}

static void
on_picture_response_cb (GtkNativeDialog      *chooser,
                        int                   response,
                        CairnGuidelineEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && !insert_picture (self, file, &error))
    gtk_label_set_text (self->status_label, error->message);
}

static void
on_insert_picture_clicked_cb (GtkButton            *button,
                              CairnGuidelineEditor *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pictures = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Insert Picture"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Insert"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (pictures, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (pictures);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pictures);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_picture_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
cairn_guideline_editor_insert_picture (CairnGuidelineEditor *self,
                                       const char           *path,
                                       GError              **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CAIRN_IS_GUIDELINE_EDITOR (self), FALSE);
  file = g_file_new_for_path (path);
  return insert_picture (self, file, error);
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
  g_hash_table_unref (CAIRN_GUIDELINE_EDITOR (object)->pictures);
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
  gtk_widget_class_bind_template_callback (widget_class, on_insert_picture_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_publish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_changed_cb);
}

static void
cairn_guideline_editor_init (CairnGuidelineEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pictures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_bytes_unref);
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
  /* The preview finds the pictures the project has already there. */
  cairn_guideline_panel_set_store (self->preview, store);
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

/* The version and the pictures its text still names, together. */
static gboolean
publish (CairnGuidelineEditor *self, const char *text, const char *what,
         CairnRecheckReport *report, GError **error)
{
  g_autoptr(GPtrArray) names = cairn_guide_image_names (text);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < names->len; i++)
    {
      GBytes *bytes = g_hash_table_lookup (self->pictures, names->pdata[i]);

      if (bytes != NULL)
        g_hash_table_insert (used, names->pdata[i], bytes);
    }
  if (!cairn_store_begin (self->store, error))
    return FALSE;
  if (cairn_guide_publish (self->store, text, NULL, what, report, error) == 0
      || !cairn_guide_store_images (self->store, report->version, used, error)
      || !cairn_store_commit (self->store, error))
    {
      cairn_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
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
  if (!publish (self, text, what, &report, &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      return FALSE;
    }
  version = report.version;
  g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, version);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
