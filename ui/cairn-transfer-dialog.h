#pragma once

#include <gtk/gtk.h>

#include "cairn-transfer.h"

G_BEGIN_DECLS

/* File → Import / Export: choose one of the registry's formats and a file or folder, then run
 * it in a thread with progress and Cancel. */
#define CAIRN_TYPE_TRANSFER_DIALOG (cairn_transfer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CairnTransferDialog, cairn_transfer_dialog, CAIRN, TRANSFER_DIALOG, GtkWindow)

CairnTransferDialog *cairn_transfer_dialog_new        (GtkWindow         *parent,
                                                       CairnTransferMode  mode,
                                                       const char        *project_path);
/* The formats offered: names, in the registry's order. */
GListModel          *cairn_transfer_dialog_get_formats (CairnTransferDialog *self);
gboolean             cairn_transfer_dialog_set_format  (CairnTransferDialog *self,
                                                        const char          *name);
const char          *cairn_transfer_dialog_get_format  (CairnTransferDialog *self);
void                 cairn_transfer_dialog_set_path    (CairnTransferDialog *self,
                                                        const char          *path);
/* Starts the import or export; FALSE when there is nothing to run yet. */
gboolean             cairn_transfer_dialog_start       (CairnTransferDialog *self);
gboolean             cairn_transfer_dialog_get_running (CairnTransferDialog *self);
void                 cairn_transfer_dialog_cancel      (CairnTransferDialog *self);
/* The summary or error shown at the end. */
const char          *cairn_transfer_dialog_get_status  (CairnTransferDialog *self);

G_END_DECLS
