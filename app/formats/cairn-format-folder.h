#pragma once

#include "cairn-format.h"

G_BEGIN_DECLS

/* Imports every image, text and audio file under path (recursively). Unreadable or corrupt
 * files become warnings; exact duplicates (by SHA-256) are skipped. */
gboolean cairn_format_folder_import      (CairnStore               *store,
                                          const char               *path,
                                          const CairnFormatOptions *options,
                                          CairnImportReport        *report,
                                          GError                  **error);
/* One image or audio file, or a .txt as one text item. Returns the new item's id, or the id
 * of the item that already holds the same bytes; 0 with error when it cannot be read. */
gint64   cairn_format_folder_import_file (CairnStore               *store,
                                          const char               *path,
                                          const CairnFormatOptions *options,
                                          CairnImportReport        *report,
                                          GError                  **error);

G_END_DECLS
