#pragma once

#include "cairn-team.h"

G_BEGIN_DECLS

typedef struct
{
  double   overlap;  /* share of the items given to more than one annotator, 0..1 */
  guint    copies;   /* annotators per overlap item: 2 or 3 */
  guint32  seed;     /* the same seed, items and annotators give the same plan */
} CairnAssignOptions;

#define CAIRN_ASSIGN_OPTIONS_INIT ((CairnAssignOptions) { 0.1, 2, 1 })

/* A plan (CairnAssignment, annotator by annotator in queue order): every item to one
 * annotator, the overlap share to `copies` of them. Items are grouped by kind and by the
 * label most of their annotations carry, and each group is dealt out on its own, so every
 * annotator gets a fair mix; loads differ by at most one item per group. */
GArray  *cairn_assign_plan  (CairnStore               *store,
                             GArray                   *annotator_ids,
                             const CairnAssignOptions *options,
                             GError                  **error);

G_END_DECLS
