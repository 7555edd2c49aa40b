#pragma once

#include "edit/cairn-edit-stack.h"
#include "cairn-team.h"

G_BEGIN_DECLS

/* What one package brought back, for the summary ("kim: 3 added, 1 changed..."). */
typedef struct
{
  char      *annotator;   /* whose package */
  char      *path;
  guint      items;       /* items the package held */
  guint      added;
  guint      changed;
  guint      deleted;
  guint      states;      /* item states taken over (done...) */
  guint      unchanged;   /* as packaged, or as merged before */
  guint      conflicts;   /* kept in both versions, flagged "conflict" */
  GPtrArray *notes;       /* char *: one line per conflict or skipped item */
} CairnMergeReport;

void cairn_merge_report_free (CairnMergeReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnMergeReport, cairn_merge_report_free)

/* Brings a package's work back into the stack's project as edits on that stack (Undo takes
 * them back), all in one transaction. Annotations are matched by identity: new ones are
 * added, those the package changed or deleted are changed or deleted here when the project
 * still has them as packaged; when both sides changed one, the project's stays, the
 * package's is added beside it, and both are flagged "conflict" for a reviewer. Items the
 * package did not hold are not touched; merging the same package again adds nothing. */
CairnMergeReport *cairn_merge_package (CairnEditStack *stack,
                                       const char     *package_path,
                                       GError        **error);

/* "kim: 3 added, 1 changed, 0 deleted, 2 states, 1 conflict (12 items)". */
char *cairn_merge_report_summary (const CairnMergeReport *report);

G_END_DECLS
