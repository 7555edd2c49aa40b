#pragma once

#include "store/cairn-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint   version;           /* the new version */
  guint  sections_changed;  /* sections added, removed or changed */
  guint  labels;            /* labels whose linked section changed */
  guint  flagged;           /* annotations flagged "recheck" */
} CairnRecheckReport;

/* Stores markdown as the next guideline version (title: NULL for its first heading) and, in
 * the same transaction, applies the re-check rule: for every label whose linked section
 * (cairn_guide_doc_label_section) the new version adds, removes or changes, every annotation
 * of that label made under an older version gets an open "recheck" flag whose detail is the
 * section's diff. Annotations of other labels are left alone. Returns the version, or 0. */
gint  cairn_guide_publish (CairnStore         *store,
                           const char         *markdown,
                           const char         *title,
                           const char         *summary,
                           CairnRecheckReport *report,
                           GError            **error);

/* The diff a label's annotations are re-checked for between two versions: NULL (and no
 * error) when its section is the same in both. */
char *cairn_guide_label_diff (CairnStore       *store,
                              const CairnLabel *label,
                              gint              before,
                              gint              after,
                              GError          **error);

G_END_DECLS
