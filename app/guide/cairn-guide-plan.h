#pragma once

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* The project plan (the AI Hub planning outline): purpose, collection method, target scale,
 * data specification, targets per label (annotations) and per split (items). Kept as JSON in
 * the project's meta table under "plan":
 * {"purpose", "collection", "specification", "target_items": N,
 *  "labels": {"car": 500, ...}, "splits": {"train": 800, ...}}. */
typedef struct
{
  char   *name;
  gint64  target;
  gint64  done;    /* filled by cairn_plan_progress */
} CairnPlanRow;

typedef struct
{
  char       *purpose;
  char       *collection;
  char       *specification;
  gint64      target_items;
  GPtrArray  *labels;   /* CairnPlanRow */
  GPtrArray  *splits;   /* CairnPlanRow */
} CairnPlan;

CairnPlan *cairn_plan_new       (void);
void       cairn_plan_free      (CairnPlan *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPlan, cairn_plan_free)

/* Errors name the member ("plan.labels.car: not a whole number ≥ 0"). */
CairnPlan *cairn_plan_from_json (const char      *json,
                                 GError         **error);
JsonNode  *cairn_plan_to_json   (const CairnPlan *self);
/* The project's plan; an empty one when it has none. */
CairnPlan *cairn_plan_load      (CairnStore      *store,
                                 GError         **error);
gboolean   cairn_plan_save      (CairnStore      *store,
                                 const CairnPlan *plan,
                                 GError         **error);

typedef struct
{
  char   *annotator;
  char   *day;        /* YYYY-MM-DD, UTC */
  gint64  count;      /* annotations they made that day (people's, not models') */
} CairnDailyCount;

/* Where the project stands against its plan. */
typedef struct
{
  gint64      items;        /* in the project */
  gint64      items_done;   /* done or accepted */
  gint64      target_items;
  GPtrArray  *labels;       /* CairnPlanRow: the plan's labels (every used one if none) */
  GPtrArray  *splits;       /* CairnPlanRow: items per split */
  GPtrArray  *daily;        /* CairnDailyCount, by day then annotator */
} CairnPlanProgress;

void               cairn_plan_progress_free (CairnPlanProgress *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPlanProgress, cairn_plan_progress_free)

CairnPlanProgress *cairn_plan_progress      (CairnStore      *store,
                                             const CairnPlan *plan,
                                             GError         **error);
/* done / target in [0, 1]; 1 with no target and some done, 0 with neither. */
double             cairn_plan_row_fraction  (const CairnPlanRow *row);
JsonNode          *cairn_plan_progress_to_json (const CairnPlanProgress *self);

G_END_DECLS
