#pragma once

#include <gio/gio.h>

#include "formats/cairn-format.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_TRANSFER_IMPORT,
  CAIRN_TRANSFER_EXPORT,
} CairnTransferMode;

/* Where a running transfer is, written by its thread and read by the UI on a timer. */
typedef struct _CairnTransferProgress CairnTransferProgress;

CairnTransferProgress *cairn_transfer_progress_new   (void);
CairnTransferProgress *cairn_transfer_progress_ref   (CairnTransferProgress *self);
void                   cairn_transfer_progress_unref (CairnTransferProgress *self);
/* fraction in [0, 1]; message is a copy, may be NULL. */
double                 cairn_transfer_progress_get   (CairnTransferProgress *self,
                                                      char                 **message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnTransferProgress, cairn_transfer_progress_unref)

/* Imports path into, or exports to the folder path from, the project at project_path, in a
 * thread with its own connection to the project (the window's stays free for drawing). An
 * import is one transaction: cancelled or failed, the project is left as it was. */
void               cairn_transfer_run_async  (CairnTransferMode      mode,
                                              const char            *project_path,
                                              const char            *format,
                                              const char            *path,
                                              gboolean               embed,
                                              CairnTransferProgress *progress,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
/* The import's report (empty for an export), or NULL with error. */
CairnImportReport *cairn_transfer_run_finish (GAsyncResult  *result,
                                              GError       **error);

G_END_DECLS
