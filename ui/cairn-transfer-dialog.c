#define G_LOG_DOMAIN "cairn-transfer-dialog"

#include <glib/gi18n.h>

#include "cairn-transfer-dialog.h"

struct _CairnTransferDialog
{
  GtkWindow              parent_instance;
  CairnTransferMode      mode;
  char                  *project_path;
  char                  *path;
  GtkStringList         *names;
  GPtrArray             *formats;      /* const CairnFormat *, parallel to names */
  GCancellable          *cancellable;  /* non-NULL while running */
  gboolean               done;         /* it succeeded; again only for another path or format */
  CairnTransferProgress *progress;
  guint                  poll_id;
  gboolean               close_when_done;

  GtkButton             *cancel_button;
  GtkButton             *run_button;
  GtkDropDown           *format_dropdown;
  GtkLabel              *description_label;
  GtkLabel              *path_caption;
  GtkLabel              *path_label;
  GtkButton             *choose_button;
  GtkCheckButton        *embed_check;
  GtkProgressBar        *progress_bar;
  GtkLabel              *status_label;
};

G_DEFINE_FINAL_TYPE (CairnTransferDialog, cairn_transfer_dialog, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How often the progress bar reads the thread's progress, in ms. */
#define POLL_INTERVAL 100

static const CairnFormat *
selected_format (CairnTransferDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->format_dropdown);

  return i < self->formats->len ? self->formats->pdata[i] : NULL;
}

static void
update_sensitivity (CairnTransferDialog *self)
{
  gboolean running = self->cancellable != NULL;
  const CairnFormat *format = selected_format (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button),
                            !running && !self->done && format != NULL && self->path != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_dropdown), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->embed_check), !running);
  gtk_button_set_label (self->cancel_button, running ? _("_Stop") : _("_Close"));
}

static void
set_status (CairnTransferDialog *self,
            const char          *text)
{
  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static gboolean
poll_progress_cb (gpointer user_data)
{
  CairnTransferDialog *self = user_data;
  g_autofree char *message = NULL;
  double fraction = cairn_transfer_progress_get (self->progress, &message);

  if (fraction > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_progress_bar_set_text (self->progress_bar, message);
  return G_SOURCE_CONTINUE;
}

/* The first warnings in full; the count says how many more there were. */
static void
append_warnings (GString *text, GPtrArray *warnings, gboolean import)
{
  guint more = warnings->len > 5 ? warnings->len - 5 : 0;

  for (guint i = 0; i < MIN (warnings->len, 5u); i++)
    g_string_append_printf (text, "\n• %s", (const char *) warnings->pdata[i]);
  if (more == 0)
    return;
  g_string_append_c (text, '\n');
  /* TRANSLATORS: %s is the command, "import" or "export". */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "…and %u more warning; “cairn %s --warnings FILE” "
                                             "lists every one.",
                                             "…and %u more warnings; “cairn %s --warnings FILE” "
                                             "lists every one.", more),
                          more, import ? "import" : "export");
}

static char *
summarize (CairnTransferDialog     *self,
           const CairnImportReport *report)
{
  GString *text = g_string_new (NULL);

  if (self->mode == CAIRN_TRANSFER_EXPORT)
    {
      g_string_append_printf (text, _("Exported to %s."), self->path);
      append_warnings (text, report->warnings, FALSE);
      return g_string_free (text, FALSE);
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u item added", "%u items added",
                                             report->items_added), report->items_added);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                             report->annotations_added),
                          report->annotations_added);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new label", "%u new labels",
                                             report->labels_added), report->labels_added);
  if (report->items_skipped > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u item already present",
                                                 "%u items already present",
                                                 report->items_skipped),
                              report->items_skipped);
    }
  if (report->annotations_present > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u annotation already present",
                                                 "%u annotations already present",
                                                 report->annotations_present),
                              report->annotations_present);
    }
  append_warnings (text, report->warnings, TRUE);
  return g_string_free (text, FALSE);
}

static void
on_transfer_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CairnTransferDialog) self = user_data;
  g_autoptr(CairnImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean changed;

  report = cairn_transfer_run_finish (result, &error);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, cairn_transfer_progress_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), report != NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);

  self->done = report != NULL;
  if (report != NULL)
    summary = summarize (self, report);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    summary = g_strdup (self->mode == CAIRN_TRANSFER_IMPORT
                          ? _("Stopped. Nothing was imported.")
                          : _("Stopped. The export is incomplete."));
  else
    summary = g_strdup (error->message);
  set_status (self, summary);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  update_sensitivity (self);

  changed = report != NULL && self->mode == CAIRN_TRANSFER_IMPORT;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, changed);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_run_clicked_cb (GtkButton           *button,
                   CairnTransferDialog *self)
{
  cairn_transfer_dialog_start (self);
}

static void
on_cancel_clicked_cb (GtkButton           *button,
                      CairnTransferDialog *self)
{
  if (self->cancellable != NULL)
    cairn_transfer_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_format_changed_cb (GtkDropDown         *dropdown,
                      GParamSpec          *pspec,
                      CairnTransferDialog *self)
{
  const CairnFormat *format = selected_format (self);

  gtk_label_set_label (self->description_label, format ? _(format->description) : "");
  self->done = FALSE;
  update_sensitivity (self);
}

static void
on_chooser_response_cb (GtkNativeDialog     *chooser,
                        int                  response,
                        CairnTransferDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    cairn_transfer_dialog_set_path (self, path);
  g_object_unref (chooser);
}

static void
add_extension_filter (GtkFileChooser *chooser,
                      const char     *extensions,
                      const char     *name)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (extensions, ",", -1);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *pattern = g_strconcat ("*", g_strstrip (list[i]), NULL);

      gtk_file_filter_add_pattern (filter, pattern);
    }
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_choose_clicked_cb (GtkButton           *button,
                      CairnTransferDialog *self)
{
  const CairnFormat *format = selected_format (self);
  gboolean folder = self->mode == CAIRN_TRANSFER_EXPORT || format == NULL
                    || format->extensions == NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (self->mode == CAIRN_TRANSFER_IMPORT
                                           ? _("Choose What to Import")
                                           : _("Choose a Folder to Export To"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Select"), _("_Cancel"));
  if (!folder)
    add_extension_filter (GTK_FILE_CHOOSER (chooser), format->extensions, format->name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
cairn_transfer_dialog_close_request (GtkWindow *window)
{
  CairnTransferDialog *self = CAIRN_TRANSFER_DIALOG (window);

  /* A running import must roll back before the window goes; close when it has. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      cairn_transfer_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (cairn_transfer_dialog_parent_class)->close_request (window);
}

static void
cairn_transfer_dialog_dispose (GObject *object)
{
  CairnTransferDialog *self = CAIRN_TRANSFER_DIALOG (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_TRANSFER_DIALOG);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (cairn_transfer_dialog_parent_class)->dispose (object);
}

static void
cairn_transfer_dialog_finalize (GObject *object)
{
  CairnTransferDialog *self = CAIRN_TRANSFER_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, cairn_transfer_progress_unref);
  g_ptr_array_unref (self->formats);
  g_free (self->project_path);
  g_free (self->path);
  G_OBJECT_CLASS (cairn_transfer_dialog_parent_class)->finalize (object);
}

static void
cairn_transfer_dialog_class_init (CairnTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cairn_transfer_dialog_dispose;
  object_class->finalize = cairn_transfer_dialog_finalize;
  window_class->close_request = cairn_transfer_dialog_close_request;

  /* The transfer ended; changed is TRUE when an import added to the project. */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, path_caption);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, path_label);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, embed_check);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CairnTransferDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cairn_transfer_dialog_init (CairnTransferDialog *self)
{
  self->formats = g_ptr_array_new ();
  self->names = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CairnTransferDialog *
cairn_transfer_dialog_new (GtkWindow         *parent,
                           CairnTransferMode  mode,
                           const char        *project_path)
{
  CairnTransferDialog *self;
  guint n_formats;
  const CairnFormat *all = cairn_format_list (&n_formats);

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_TRANSFER_DIALOG, "transient-for", parent, NULL);
  self->mode = mode;
  self->project_path = g_strdup (project_path);
  for (guint i = 0; i < n_formats; i++)
    if (mode == CAIRN_TRANSFER_IMPORT ? all[i].import != NULL : all[i].export != NULL)
      {
        g_ptr_array_add (self->formats, (gpointer) &all[i]);
        gtk_string_list_append (self->names, all[i].name);
      }
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (self->names));

  gtk_window_set_title (GTK_WINDOW (self), mode == CAIRN_TRANSFER_IMPORT ? _("Import") : _("Export"));
  gtk_button_set_label (self->run_button, mode == CAIRN_TRANSFER_IMPORT ? _("_Import")
                                                                        : _("_Export"));
  gtk_label_set_label (self->path_caption, mode == CAIRN_TRANSFER_IMPORT ? _("From") : _("To"));
  gtk_widget_set_visible (GTK_WIDGET (self->embed_check), mode == CAIRN_TRANSFER_IMPORT);
  on_format_changed_cb (self->format_dropdown, NULL, self);
  return self;
}

GListModel *
cairn_transfer_dialog_get_formats (CairnTransferDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), NULL);
  return G_LIST_MODEL (self->names);
}

gboolean
cairn_transfer_dialog_set_format (CairnTransferDialog *self,
                                  const char          *name)
{
  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), FALSE);

  for (guint i = 0; i < self->formats->len; i++)
    if (g_strcmp0 (((const CairnFormat *) self->formats->pdata[i])->name, name) == 0)
      {
        gtk_drop_down_set_selected (self->format_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_transfer_dialog_get_format (CairnTransferDialog *self)
{
  const CairnFormat *format;

  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), NULL);
  format = selected_format (self);
  return format ? format->name : NULL;
}

void
cairn_transfer_dialog_set_path (CairnTransferDialog *self,
                                const char          *path)
{
  g_return_if_fail (CAIRN_IS_TRANSFER_DIALOG (self));

  g_free (self->path);
  self->path = g_strdup (path);
  gtk_label_set_label (self->path_label, path ? path : _("Nothing chosen"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->path_label), "dim-label");
  if (path == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->path_label), "dim-label");
  self->done = FALSE;
  update_sensitivity (self);
}

gboolean
cairn_transfer_dialog_start (CairnTransferDialog *self)
{
  const CairnFormat *format;

  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), FALSE);

  format = selected_format (self);
  if (self->cancellable != NULL || self->done || format == NULL || self->path == NULL)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  self->progress = cairn_transfer_progress_new ();
  set_status (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  self->poll_id = g_timeout_add (POLL_INTERVAL, poll_progress_cb, self);
  update_sensitivity (self);
  cairn_transfer_run_async (self->mode, self->project_path, format->name, self->path,
                            gtk_check_button_get_active (self->embed_check), self->progress,
                            self->cancellable, on_transfer_done_cb, g_object_ref (self));
  return TRUE;
}

gboolean
cairn_transfer_dialog_get_running (CairnTransferDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

void
cairn_transfer_dialog_cancel (CairnTransferDialog *self)
{
  g_return_if_fail (CAIRN_IS_TRANSFER_DIALOG (self));

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping…"));
}

const char *
cairn_transfer_dialog_get_status (CairnTransferDialog *self)
{
  g_return_val_if_fail (CAIRN_IS_TRANSFER_DIALOG (self), NULL);
  return gtk_label_get_label (self->status_label);
}
