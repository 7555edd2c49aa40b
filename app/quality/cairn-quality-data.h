#pragma once

/* Private to app/quality: a project's human annotations, grouped by item and annotator. */

#include "store/cairn-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      item_id;
  GPtrArray **by_annotator;  /* n_annotators entries: CairnAnnotation (owned), or NULL when
                              * that annotator made none on this item */
} CairnQualityItem;

typedef struct
{
  GPtrArray  *annotators;    /* CairnAnnotator with annotations in scope, by id */
  GPtrArray  *labels;        /* CairnLabel, every label of the project */
  GHashTable *label_index;   /* label id → index + 1 */
  GPtrArray  *items;         /* CairnQualityItem, by item id */
  guint       anonymous;     /* annotations with no annotator, left out */
} CairnQualityData;

typedef gboolean (*CairnKindTest) (CairnKind kind);

CairnQualityData *cairn_quality_data_load (CairnStore *store,
                                           gint        kind,
                                           GError    **error);
void              cairn_quality_data_free (CairnQualityData *self);
/* The label's index in data->labels, or -1. */
gint              cairn_quality_data_label (const CairnQualityData *self,
                                            gint64                  label_id);
const char       *cairn_quality_data_label_name (const CairnQualityData *self,
                                                 gint64                  label_id);
/* A new array (not owning) of the annotator's annotations on the item whose kind passes the
 * test and whose label is label_id (0 = any). Empty when the annotator made none. */
GPtrArray        *cairn_quality_item_select (const CairnQualityItem *item,
                                             guint                   annotator,
                                             CairnKindTest           test,
                                             gint64                  label_id);

gboolean cairn_kind_is_classification (CairnKind kind);
gboolean cairn_kind_is_transcript     (CairnKind kind);
gboolean cairn_kind_is_keypoints      (CairnKind kind);
gboolean cairn_kind_is_span           (CairnKind kind);
/* Kinds no agreement measure here compares (points, polylines, cuboids, relations). */
gboolean cairn_kind_is_uncompared     (CairnKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnQualityData, cairn_quality_data_free)

G_END_DECLS
