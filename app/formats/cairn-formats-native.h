#pragma once

#include "cairn-format.h"

G_BEGIN_DECLS

/* Cairn's own JSON: labels, annotators, guidelines and items with every annotation kind.
 * Relations name their spans by index within the item's "annotations" list. */
gboolean cairn_format_cairn_import (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);
gboolean cairn_format_cairn_export (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

G_END_DECLS
