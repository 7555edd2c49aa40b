#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>

#include "cairn-quality-data.h"
#include "cairn-quality-report.h"

typedef struct
{
  CairnStore            *store;
  CairnQualityData      *data;
  CairnConsensusSummary *summary;
  double                 iou_threshold;
} Consensus;

void
cairn_consensus_summary_free (CairnConsensusSummary *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->ties, g_ptr_array_unref);
  cairn_dawid_skene_free (self->dawid_skene);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  g_free (self);
}

static gboolean
collect_consensus_cb (const CairnAnnotation *a, gpointer data)
{
  g_array_append_val ((GArray *) data, a->id);
  return TRUE;
}

static gboolean
remove_old_consensus (Consensus *c, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  filter.origin = CAIRN_ORIGIN_CONSENSUS;
  if (!cairn_store_foreach_annotation (c->store, &filter, collect_consensus_cb, ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!cairn_store_delete_annotation (c->store, g_array_index (ids, gint64, i), error))
      return FALSE;
  c->summary->replaced = ids->len;
  return TRUE;
}

static gboolean
store_label (Consensus *c, gint64 item_id, CairnKind kind, gint64 label_id, double score,
             GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (kind);

  a->item_id = item_id;
  a->label_id = label_id;
  a->origin = CAIRN_ORIGIN_CONSENSUS;
  a->score = score;
  if (!cairn_store_add_annotation (c->store, a, error))
    return FALSE;
  c->summary->labels++;
  return TRUE;
}

static void
tie (Consensus *c, gint64 item_id, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
tie (Consensus *c, gint64 item_id, const char *format, ...)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->summary->ties, cairn_skip_new (id, CAIRN_SKIP_STACKED, "%s", detail));
}

/* Each annotator's labels on the item; the kind most of them used. */
static GHashTable *
count_labels (Consensus *c, const CairnQualityItem *item, guint *raters, gboolean *multi,
              CairnKind *kind)
{
  GHashTable *votes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint kinds[2] = { 0 };

  *raters = 0;
  *multi = FALSE;
  for (guint r = 0; r < c->data->annotators->len; r++)
    {
      g_autoptr(GPtrArray) tags = NULL;
      g_autoptr(GHashTable) mine = NULL;

      if (item->by_annotator[r] == NULL)
        continue;
      (*raters)++;
      tags = cairn_quality_item_select (item, r, cairn_kind_is_classification, 0);
      mine = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < tags->len; i++)
        {
          CairnAnnotation *a = tags->pdata[i];
          kinds[a->kind == CAIRN_KIND_CLASS]++;
          if (g_hash_table_add (mine, &a->label_id))
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (votes, &a->label_id));
              g_hash_table_insert (votes, g_memdup2 (&a->label_id, sizeof (gint64)),
                                   GUINT_TO_POINTER (n + 1));
            }
        }
      *multi |= g_hash_table_size (mine) > 1;
    }
  *kind = kinds[1] > kinds[0] ? CAIRN_KIND_CLASS : CAIRN_KIND_TAG;
  return votes;
}

/* Several labels per annotator: each label is kept when more than half of the annotators who
 * saw the item gave it; exactly half is a tie. */
static gboolean
vote_multi_label (Consensus *c, const CairnQualityItem *item, GHashTable *votes, guint raters,
                  CairnKind kind, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, votes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);
      gint64 label = *(gint64 *) key;

      if (n * 2 > raters)
        {
          if (!store_label (c, item->item_id, kind, label, (double) n / raters, error))
            return FALSE;
        }
      else if (n * 2 == raters)
        tie (c, item->item_id, "“%s”: %u of %u annotators gave it",
             cairn_quality_data_label_name (c->data, label), n, raters);
    }
  return TRUE;
}

static int
compare_ids (gconstpointer x, gconstpointer y)
{
  gint64 a = *(const gint64 *) x, b = *(const gint64 *) y;

  return (a > b) - (a < b);
}

static gboolean
vote_single_label (Consensus *c, const CairnQualityItem *item, GHashTable *votes, guint raters,
                   CairnKind kind, GError **error)
{
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0;
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_hash_table_iter_init (&iter, votes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);
      if (n > best)
        {
          best = n;
          g_array_set_size (top, 0);
        }
      if (n == best)
        g_array_append_val (top, *(gint64 *) key);
    }
  g_array_sort (top, compare_ids);
  if (top->len == 1)
    return store_label (c, item->item_id, kind, g_array_index (top, gint64, 0),
                        (double) best / raters, error);
  if (top->len > 1)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      for (guint i = 0; i < top->len; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                cairn_quality_data_label_name (c->data,
                                                               g_array_index (top, gint64, i)));
      tie (c, item->item_id, "tie between %s, %u vote%s each", names->str, best,
           best == 1 ? "" : "s");
    }
  return TRUE;
}

static gint64
label_by_name (Consensus *c, const char *name)
{
  for (guint l = 0; l < c->data->labels->len; l++)
    {
      CairnLabel *label = c->data->labels->pdata[l];
      if (g_str_equal (label->name, name))
        return label->id;
    }
  return 0;
}

/* Dawid–Skene over the single-label items; multi-label items are voted on. */
static gboolean
dawid_skene_items (Consensus *c, GHashTable *single_items, GError **error)
{
  g_autoptr(CairnRatings) ratings = cairn_ratings_new ();
  guint n = c->data->annotators->len;
  CairnDawidSkene *ds;

  for (guint r = 0; r < n; r++)
    cairn_ratings_add_rater (ratings, ((CairnAnnotator *) c->data->annotators->pdata[r])->name);
  for (guint i = 0; i < c->data->items->len; i++)
    {
      const CairnQualityItem *item = c->data->items->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->item_id);
      guint row;

      if (!g_hash_table_contains (single_items, &item->item_id))
        continue;
      row = cairn_ratings_add_item (ratings, id);
      for (guint r = 0; r < n; r++)
        {
          g_autoptr(GPtrArray) tags = cairn_quality_item_select (item, r,
                                                                 cairn_kind_is_classification, 0);
          if (tags->len > 0)
            cairn_ratings_set (ratings, row, r, cairn_quality_data_label_name (
                                 c->data, ((CairnAnnotation *) tags->pdata[0])->label_id));
        }
    }
  ds = c->summary->dawid_skene = cairn_dawid_skene (ratings, 200, 1e-8);
  c->summary->categories = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < cairn_ratings_get_n_categories (ratings); k++)
    g_ptr_array_add (c->summary->categories, g_strdup (cairn_ratings_get_category (ratings, k)));
  for (guint i = 0; i < cairn_ratings_get_n_items (ratings); i++)
    {
      gint64 item_id = g_ascii_strtoll (cairn_ratings_get_item_id (ratings, i), NULL, 10);
      CairnKind *kind = g_hash_table_lookup (single_items, &item_id);
      gint label = ds->label[i];

      if (label < 0)
        continue;
      if (!store_label (c, item_id, *kind,
                        label_by_name (c, cairn_ratings_get_category (ratings, label)),
                        ds->posterior[i * ds->k + label], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
classify (Consensus *c, CairnConsensusMethod method, GError **error)
{
  g_autoptr(GHashTable) single = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);

  for (guint i = 0; i < c->data->items->len; i++)
    {
      const CairnQualityItem *item = c->data->items->pdata[i];
      g_autoptr(GHashTable) votes = NULL;
      guint raters;
      gboolean multi, ok;
      CairnKind kind;

      votes = count_labels (c, item, &raters, &multi, &kind);
      if (g_hash_table_size (votes) == 0 || raters < 2)
        continue;
      c->summary->items++;
      if (multi)
        ok = vote_multi_label (c, item, votes, raters, kind, error);
      else if (method == CAIRN_CONSENSUS_DAWID_SKENE)
        {
          g_hash_table_insert (single, g_memdup2 (&item->item_id, sizeof (gint64)),
                               g_memdup2 (&kind, sizeof kind));
          ok = TRUE;
        }
      else
        ok = vote_single_label (c, item, votes, raters, kind, error);
      if (!ok)
        return FALSE;
    }
  if (method == CAIRN_CONSENSUS_DAWID_SKENE)
    return dawid_skene_items (c, single, error);
  return TRUE;
}

static gboolean
fuse (Consensus *c, GError **error)
{
  for (guint i = 0; i < c->data->items->len; i++)
    {
      const CairnQualityItem *item = c->data->items->pdata[i];
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
        (GDestroyNotify) g_ptr_array_unref);
      g_autoptr(GPtrArray) fused = NULL;
      g_autoptr(GPtrArray) ties = g_ptr_array_new_with_free_func (g_free);
      guint shapes = 0;

      for (guint r = 0; r < c->data->annotators->len; r++)
        if (item->by_annotator[r])
          {
            GPtrArray *mine = cairn_quality_item_select (item, r, cairn_kind_has_area, 0);
            shapes += mine->len;
            g_ptr_array_add (members, mine);
          }
      if (members->len < 2 || shapes == 0)
        continue;
      fused = cairn_fuse_shapes (members, c->iou_threshold, ties);
      for (guint t = 0; t < ties->len; t++)
        tie (c, item->item_id, "%s", (char *) ties->pdata[t]);
      for (guint f = 0; f < fused->len; f++)
        {
          if (!cairn_store_add_annotation (c->store, fused->pdata[f], error))
            return FALSE;
          c->summary->shapes++;
        }
    }
  return TRUE;
}

CairnConsensusSummary *
cairn_quality_consensus (CairnStore *store, CairnConsensusMethod method, double iou_threshold,
                         GError **error)
{
  g_autoptr(CairnConsensusSummary) summary = g_new0 (CairnConsensusSummary, 1);
  g_autoptr(CairnQualityData) data = NULL;
  Consensus c = { store, NULL, summary, iou_threshold };
  gint64 actor;
  gboolean ok;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  summary->method = method;
  summary->ties = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_skip_free);
  if ((data = cairn_quality_data_load (store, -1, error)) == NULL)
    return NULL;
  c.data = data;
  /* The store gives annotator-less annotations to the current actor; consensus is nobody's. */
  actor = cairn_store_get_actor (store);
  cairn_store_set_actor (store, 0);
  /* One action: the old consensus goes and the new one comes, or nothing changes. */
  ok = cairn_store_begin (store, error);
  if (ok && (!remove_old_consensus (&c, error) || !classify (&c, method, error)
             || !fuse (&c, error)))
    {
      cairn_store_rollback (store);
      ok = FALSE;
    }
  ok = ok && cairn_store_commit (store, error);
  cairn_store_set_actor (store, actor);
  if (!ok)
    return NULL;
  summary->annotators = g_steal_pointer (&data->annotators);
  data->annotators = g_ptr_array_new ();
  for (guint i = 0; i < data->items->len; i++)
    {
      CairnQualityItem *item = data->items->pdata[i];
      for (guint r = 0; r < summary->annotators->len; r++)
        g_clear_pointer (&item->by_annotator[r], g_ptr_array_unref);
    }
  return g_steal_pointer (&summary);
}

void
cairn_consensus_summary_add_json (const CairnConsensusSummary *self, JsonBuilder *b)
{
  const CairnDawidSkene *ds = self->dawid_skene;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, self->method == CAIRN_CONSENSUS_VOTE ? "vote"
                                                                         : "dawid-skene");
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, self->items);
  json_builder_set_member_name (b, "labels");
  json_builder_add_int_value (b, self->labels);
  json_builder_set_member_name (b, "shapes");
  json_builder_add_int_value (b, self->shapes);
  json_builder_set_member_name (b, "replaced");
  json_builder_add_int_value (b, self->replaced);
  json_builder_set_member_name (b, "ties");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->ties->len; i++)
    {
      CairnSkip *t = self->ties->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, t->item);
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, t->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (ds)
    {
      json_builder_set_member_name (b, "dawid_skene");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "iterations");
      json_builder_add_int_value (b, ds->iterations);
      json_builder_set_member_name (b, "categories");
      json_builder_begin_array (b);
      for (guint k = 0; k < self->categories->len; k++)
        json_builder_add_string_value (b, self->categories->pdata[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "annotators");
      json_builder_begin_array (b);
      for (guint r = 0; r < ds->n_raters; r++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b,
                                         ((CairnAnnotator *) self->annotators->pdata[r])->name);
          cairn_json_add_double (b, "reliability", ds->reliability[r]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}
