#define G_LOG_DOMAIN "cairn-quality"

#include "cairn-quality-data.h"
#include "cairn-structured.h"

typedef struct
{
  GPtrArray  *annotations;  /* CairnAnnotation, owned */
  GHashTable *used;         /* annotator ids (gint64 *) */
  guint       anonymous;
} Gather;

gboolean
cairn_kind_is_classification (CairnKind kind)
{
  return kind == CAIRN_KIND_TAG || kind == CAIRN_KIND_CLASS;
}

gboolean
cairn_kind_is_transcript (CairnKind kind)
{
  return kind == CAIRN_KIND_SEGMENT || kind == CAIRN_KIND_TARGET;
}

gboolean
cairn_kind_is_keypoints (CairnKind kind)
{
  return kind == CAIRN_KIND_KEYPOINTS;
}

gboolean
cairn_kind_is_span (CairnKind kind)
{
  return kind == CAIRN_KIND_SPAN;
}

gboolean
cairn_kind_is_uncompared (CairnKind kind)
{
  return !cairn_kind_is_classification (kind) && !cairn_kind_is_transcript (kind)
         && !cairn_kind_is_keypoints (kind) && !cairn_kind_is_span (kind)
         && !cairn_kind_has_area (kind);
}

static gboolean
gather_cb (const CairnAnnotation *a, gpointer data)
{
  Gather *g = data;

  if (a->annotator_id == 0)
    {
      g->anonymous++;
      return TRUE;
    }
  g_hash_table_add (g->used, g_memdup2 (&a->annotator_id, sizeof (gint64)));
  g_ptr_array_add (g->annotations, cairn_annotation_copy (a));
  return TRUE;
}

static void
item_free (gpointer data, guint n)
{
  CairnQualityItem *item = data;

  for (guint r = 0; r < n; r++)
    if (item->by_annotator[r])
      g_ptr_array_unref (item->by_annotator[r]);
  g_free (item->by_annotator);
  g_free (item);
}

void
cairn_quality_data_free (CairnQualityData *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->items && i < self->items->len; i++)
    item_free (self->items->pdata[i], self->annotators->len);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->label_index, g_hash_table_unref);
  g_free (self);
}

static int
compare_annotators (gconstpointer x, gconstpointer y)
{
  const CairnAnnotator *a = *(CairnAnnotator **) x, *b = *(CairnAnnotator **) y;

  return (a->id > b->id) - (a->id < b->id);
}

/* Annotations arrive ordered by item, so items are appended in order. */
static void
distribute (CairnQualityData *self, GPtrArray *annotations)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  CairnQualityItem *current = NULL;
  guint n = self->annotators->len;

  for (guint r = 0; r < n; r++)
    {
      CairnAnnotator *a = self->annotators->pdata[r];
      g_hash_table_insert (index, g_memdup2 (&a->id, sizeof (gint64)), GUINT_TO_POINTER (r + 1));
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      CairnAnnotation *a = g_steal_pointer (&annotations->pdata[i]);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (index, &a->annotator_id)) - 1;

      if (current == NULL || current->item_id != a->item_id)
        {
          current = g_new0 (CairnQualityItem, 1);
          current->item_id = a->item_id;
          current->by_annotator = g_new0 (GPtrArray *, MAX (n, 1));
          g_ptr_array_add (self->items, current);
        }
      if (current->by_annotator[r] == NULL)
        current->by_annotator[r] =
          g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
      g_ptr_array_add (current->by_annotator[r], a);
    }
}

CairnQualityData *
cairn_quality_data_load (CairnStore *store, gint kind, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(CairnQualityData) self = g_new0 (CairnQualityData, 1);
  g_autoptr(GPtrArray) annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) all = NULL;
  Gather g = { annotations, used, 0 };

  filter.kind = kind;
  filter.origin = CAIRN_ORIGIN_HUMAN;
  if (!cairn_store_foreach_annotation (store, &filter, gather_cb, &g, error))
    return NULL;
  if ((all = cairn_store_list_annotators (store, error)) == NULL)
    return NULL;
  if ((self->labels = cairn_store_list_labels (store, error)) == NULL)
    return NULL;
  self->anonymous = g.anonymous;
  self->annotators = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotator_free);
  for (guint i = 0; i < all->len; i++)
    {
      CairnAnnotator *a = all->pdata[i];
      if (g_hash_table_contains (used, &a->id))
        g_ptr_array_add (self->annotators, g_steal_pointer (&all->pdata[i]));
    }
  g_ptr_array_sort (self->annotators, compare_annotators);
  self->label_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint l = 0; l < self->labels->len; l++)
    {
      CairnLabel *label = self->labels->pdata[l];
      g_hash_table_insert (self->label_index, g_memdup2 (&label->id, sizeof (gint64)),
                           GUINT_TO_POINTER (l + 1));
    }
  self->items = g_ptr_array_new ();
  distribute (self, annotations);
  return g_steal_pointer (&self);
}

gint
cairn_quality_data_label (const CairnQualityData *self, gint64 label_id)
{
  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (self->label_index, &label_id)) - 1;
}

const char *
cairn_quality_data_label_name (const CairnQualityData *self, gint64 label_id)
{
  gint l = cairn_quality_data_label (self, label_id);

  return l >= 0 ? ((CairnLabel *) self->labels->pdata[l])->name : "(no label)";
}

GPtrArray *
cairn_quality_item_select (const CairnQualityItem *item, guint annotator, CairnKindTest test,
                           gint64 label_id)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *mine = item->by_annotator[annotator];

  for (guint i = 0; mine && i < mine->len; i++)
    {
      const CairnAnnotation *a = mine->pdata[i];
      if (test (a->kind) && (label_id == 0 || a->label_id == label_id))
        g_ptr_array_add (out, (gpointer) a);
    }
  return out;
}
