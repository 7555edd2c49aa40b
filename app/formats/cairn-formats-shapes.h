#pragma once

#include "cairn-format.h"

G_BEGIN_DECLS

/* LabelMe: one JSON file per image (a file, or a folder searched recursively). Every shape type,
 * group ids, descriptions and flags; image flags become tags; embedded imageData becomes the
 * item's media when the image file is missing. */
gboolean cairn_format_labelme_import (CairnStore               *store,
                                      const char               *path,
                                      const CairnFormatOptions *options,
                                      CairnImportReport        *report,
                                      GError                  **error);
gboolean cairn_format_labelme_export (CairnStore               *store,
                                      const char               *out_dir,
                                      const CairnFormatOptions *options,
                                      GError                  **error);

/* CVAT for images 1.1 XML (annotations.xml, or a folder holding one), streamed. */
gboolean cairn_format_cvat_import    (CairnStore               *store,
                                      const char               *path,
                                      const CairnFormatOptions *options,
                                      CairnImportReport        *report,
                                      GError                  **error);
gboolean cairn_format_cvat_export    (CairnStore               *store,
                                      const char               *out_dir,
                                      const CairnFormatOptions *options,
                                      GError                  **error);

/* Label Studio JSON export: image regions in percent, brush RLE, text spans, choices, textareas,
 * relations; annotations and predictions. */
gboolean cairn_format_labelstudio_import (CairnStore               *store,
                                          const char               *path,
                                          const CairnFormatOptions *options,
                                          CairnImportReport        *report,
                                          GError                  **error);
gboolean cairn_format_labelstudio_export (CairnStore               *store,
                                          const char               *out_dir,
                                          const CairnFormatOptions *options,
                                          GError                  **error);

/* VGG Image Annotator 2 JSON: a project file or an annotations-only export. */
gboolean cairn_format_via_import     (CairnStore               *store,
                                      const char               *path,
                                      const CairnFormatOptions *options,
                                      CairnImportReport        *report,
                                      GError                  **error);
gboolean cairn_format_via_export     (CairnStore               *store,
                                      const char               *out_dir,
                                      const CairnFormatOptions *options,
                                      GError                  **error);

G_END_DECLS
