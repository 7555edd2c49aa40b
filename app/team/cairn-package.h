#pragma once

#include "cairn-team.h"

G_BEGIN_DECLS

typedef struct
{
  char  *annotator;
  char  *path;
  guint  items;
  guint  annotations;
} CairnPackageInfo;

void cairn_package_info_free (CairnPackageInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPackageInfo, cairn_package_info_free)

/* One project file per assigned annotator in out_dir ("PROJECT-NAME.cairn"), from the
 * project's assignments: their items with every annotation, the labels, the guideline and
 * the meta. Each records its annotations (and item states) as packaged, which merging
 * compares with. A file that exists already is an error. Returns CairnPackageInfo rows. */
GPtrArray *cairn_package_write_all (CairnStore *store,
                                    const char *out_dir,
                                    gboolean    embed_media,
                                    GError    **error);

/* The base a package is merged against, written into it (cairn_package_write_all does). */
gboolean   cairn_package_record_base (CairnStore *package,
                                      guint      *n_annotations,
                                      GError    **error);

/* A file name from any name: letters and digits kept (any script), the rest '_'. */
char      *cairn_package_file_part   (const char *name);

G_END_DECLS
