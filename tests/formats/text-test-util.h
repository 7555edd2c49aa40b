#pragma once

/* Shared by the text and transcript format tests: temporary projects, fixtures, and a
 * canonical listing of a project's annotations for comparing two projects. */

#include "formats/cairn-format.h"

G_BEGIN_DECLS

typedef struct
{
  char       *dir;
  CairnStore *store;
} TestProject;

TestProject *test_project_new      (void);
void         test_project_free     (TestProject *project);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProject, test_project_free)

/* tests/data/formats/RELATIVE */
char        *test_data_path        (const char *relative);
/* A file inside the project's temporary folder, written with contents. */
char        *test_write_file       (TestProject *project,
                                    const char  *name,
                                    const char  *contents,
                                    gssize       length);

/* Imports and asserts success; returns the report. */
CairnImportReport *test_import     (TestProject *project,
                                    const char  *format,
                                    const char  *path,
                                    const char  *annotator);
/* Exports under the project's folder (subfolder out) and returns that folder. */
char        *test_export           (TestProject *project,
                                    const char  *format,
                                    const char  *out,
                                    const char  *scheme);

/* Every annotation as one line "ITEM | kind | label | geometry | text | speaker | attributes",
 * sorted; relations name their ends by geometry and label. */
char        *test_snapshot         (CairnStore *store);
/* Counts of items, annotations and labels, to check a failed import changed nothing. */
char        *test_counts           (CairnStore *store);

/* The import fails with an error whose message contains every one of the NULL-terminated
 * fragments, and the project is left as it was. */
void         test_import_fails     (TestProject *project,
                                    const char  *format,
                                    const char  *path,
                                    ...) G_GNUC_NULL_TERMINATED;

/* Annotations of the item whose text (or uri basename) is key. */
GPtrArray   *test_item_annotations (CairnStore *store,
                                    const char *key,
                                    CairnItem **item);
/* JSON with members sorted by name, for comparisons. */
char        *test_json_sorted      (JsonObject *object);
const char  *test_label_name       (CairnStore *store,
                                    gint64      label_id);

G_END_DECLS
