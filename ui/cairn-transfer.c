#define G_LOG_DOMAIN "cairn-transfer"

#include "cairn-transfer.h"

struct _CairnTransferProgress
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  double           fraction;
  char            *message;
};

typedef struct
{
  CairnTransferMode      mode;
  char                  *project_path;
  char                  *format;
  char                  *path;
  gboolean               embed;
  CairnTransferProgress *progress;
} TransferData;

CairnTransferProgress *
cairn_transfer_progress_new (void)
{
  CairnTransferProgress *self = g_new0 (CairnTransferProgress, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  return self;
}

CairnTransferProgress *
cairn_transfer_progress_ref (CairnTransferProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cairn_transfer_progress_unref (CairnTransferProgress *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_mutex_clear (&self->lock);
  g_free (self->message);
  g_free (self);
}

double
cairn_transfer_progress_get (CairnTransferProgress *self,
                             char                 **message)
{
  double fraction;

  g_return_val_if_fail (self != NULL, 0);
  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  if (message != NULL)
    *message = g_strdup (self->message);
  g_mutex_unlock (&self->lock);
  return fraction;
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  CairnTransferProgress *self = user_data;

  g_mutex_lock (&self->lock);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  g_mutex_unlock (&self->lock);
}

static void
transfer_data_free (TransferData *data)
{
  g_free (data->project_path);
  g_free (data->format);
  g_free (data->path);
  g_clear_pointer (&data->progress, cairn_transfer_progress_unref);
  g_free (data);
}

static void
transfer_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TransferData *data = task_data;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  CairnFormatOptions options = { 0 };
  GError *error = NULL;
  gboolean ok;

  store = cairn_store_open (data->project_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  options.embed = data->embed;
  options.cancellable = cancellable;
  options.progress = progress_cb;
  options.progress_data = data->progress;
  /* An export's notes of what it left out come back in the report's warnings. */
  options.warnings = report->warnings;

  if (data->mode == CAIRN_TRANSFER_IMPORT)
    ok = cairn_format_import (store, data->format, data->path, &options, report, &error);
  else
    ok = cairn_format_export (store, data->format, data->path, &options, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  progress_cb (1.0, NULL, data->progress);
  g_task_return_pointer (task, g_steal_pointer (&report),
                         (GDestroyNotify) cairn_import_report_free);
}

void
cairn_transfer_run_async (CairnTransferMode      mode,
                          const char            *project_path,
                          const char            *format,
                          const char            *path,
                          gboolean               embed,
                          CairnTransferProgress *progress,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  TransferData *data;

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (format != NULL);
  g_return_if_fail (path != NULL);

  data = g_new0 (TransferData, 1);
  data->mode = mode;
  data->project_path = g_strdup (project_path);
  data->format = g_strdup (format);
  data->path = g_strdup (path);
  data->embed = embed;
  data->progress = progress ? cairn_transfer_progress_ref (progress)
                            : cairn_transfer_progress_new ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cairn_transfer_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) transfer_data_free);
  /* An import cancelled half-way still rolls back in the thread: wait for it. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, transfer_thread);
}

CairnImportReport *
cairn_transfer_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
