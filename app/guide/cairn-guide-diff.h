#pragma once

#include "cairn-guide-doc.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_SECTION_ADDED,
  CAIRN_SECTION_REMOVED,
  CAIRN_SECTION_CHANGED,
} CairnSectionChangeKind;

/* One section that differs between two versions, matched by anchor. */
typedef struct
{
  char                   *anchor;
  char                   *title;
  CairnSectionChangeKind  kind;
  char                   *diff;   /* "- old line" / "+ new line" / "  context", one per line */
} CairnSectionChange;

void cairn_section_change_free (CairnSectionChange *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnSectionChange, cairn_section_change_free)

/* The sections whose own lines (heading to the next heading) differ, in the new version's
 * order, then the removed ones. (The re-check rule compares whole sections, subsections in.) */
GPtrArray *cairn_guide_diff       (const CairnGuideDoc *before,
                                   const CairnGuideDoc *after);
/* A line diff of two texts with a line of context around each change ("…" for the lines
 * skipped); NULL when they are the same. Past 4 million line pairs it gives up on finding
 * the common lines and shows all of before removed, all of after added. */
char      *cairn_guide_diff_lines (const char *before,
                                   const char *after);

G_END_DECLS
