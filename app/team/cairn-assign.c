#define G_LOG_DOMAIN "cairn-team"

#include <math.h>

#include "cairn-assign.h"

typedef struct
{
  GHashTable *labels;  /* item id → GHashTable label id → count */
} Census;

/* The label each item's annotations carry most often (ties: the lowest id), 0 for none. */
static gboolean
count_label_cb (const CairnAnnotation *a, gpointer user_data)
{
  Census *census = user_data;
  GHashTable *counts = g_hash_table_lookup (census->labels, &a->item_id);
  gint64 *key;

  if (a->label_id == 0)
    return TRUE;
  if (counts == NULL)
    {
      counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (census->labels, g_memdup2 (&a->item_id, sizeof a->item_id), counts);
    }
  key = g_memdup2 (&a->label_id, sizeof a->label_id);
  g_hash_table_insert (counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
  return TRUE;
}

static gint64
main_label (Census *census, gint64 item_id)
{
  GHashTable *counts = g_hash_table_lookup (census->labels, &item_id);
  GHashTableIter iter;
  gpointer key, value;
  gint64 best = 0;
  guint best_n = 0;

  if (counts == NULL)
    return 0;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 label = *(gint64 *) key;
      guint n = GPOINTER_TO_UINT (value);

      if (n > best_n || (n == best_n && label < best))
        best = label, best_n = n;
    }
  return best;
}

typedef struct
{
  char   *key;
  GArray *items;  /* gint64 */
} Stratum;

static void
stratum_free (gpointer data)
{
  Stratum *s = data;

  g_free (s->key);
  g_array_unref (s->items);
  g_free (s);
}

static int
compare_strata (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(Stratum **) a)->key, (*(Stratum **) b)->key);
}

static gboolean
collect_item_cb (const CairnItem *item, gpointer user_data)
{
  gpointer *data = user_data;
  GHashTable *by_key = data[0];
  Census *census = data[1];
  g_autofree char *key = g_strdup_printf ("%d/%020" G_GINT64_FORMAT, item->kind,
                                          main_label (census, item->id));
  Stratum *s = g_hash_table_lookup (by_key, key);

  if (s == NULL)
    {
      s = g_new0 (Stratum, 1);
      s->key = g_steal_pointer (&key);
      s->items = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (by_key, s->key, s);
    }
  g_array_append_val (s->items, item->id);
  return TRUE;
}

/* Groups in a fixed order (by key), each group's items in id order. */
static GPtrArray *
make_strata (CairnStore *store, GError **error)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        stratum_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) strata = g_ptr_array_new_with_free_func (stratum_free);
  Census census = { labels };
  gpointer data[2] = { by_key, &census };
  GHashTableIter iter;
  gpointer value;

  if (!cairn_store_foreach_annotation (store, NULL, count_label_cb, &census, error)
      || (ids = cairn_store_list_item_ids (store, NULL, error)) == NULL
      || !cairn_store_foreach_item (store, ids, collect_item_cb, data, error))
    return NULL;
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (strata, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (strata, compare_strata);
  return g_steal_pointer (&strata);
}

/* Fisher–Yates, from GRand: the same seed gives the same order on every machine. */
static void
shuffle (gpointer data, guint len, gsize size, GRand *rand)
{
  g_autofree guint8 *tmp = g_malloc (size);

  for (guint i = len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      guint8 *a = (guint8 *) data + (gsize) (i - 1) * size;
      guint8 *b = (guint8 *) data + (gsize) j * size;

      memcpy (tmp, a, size);
      memcpy (a, b, size);
      memcpy (b, tmp, size);
    }
}

typedef struct
{
  guint  n;
  guint *group_load;  /* in the current group */
  guint *total_load;
  guint *order;       /* a seeded order, for ties */
} Loads;

/* The least loaded annotator not yet chosen: in this group first, then overall. */
static guint
pick (const Loads *loads, const gboolean *chosen)
{
  guint best = G_MAXUINT;

  for (guint r = 0; r < loads->n; r++)
    {
      guint a = loads->order[r];

      if (chosen[a])
        continue;
      if (best == G_MAXUINT || loads->group_load[a] < loads->group_load[best]
          || (loads->group_load[a] == loads->group_load[best]
              && loads->total_load[a] < loads->total_load[best]))
        best = a;
    }
  return best;
}

static void
deal_group (Stratum *s, guint n_overlap, guint copies, Loads *loads, GPtrArray *queues,
            GPtrArray *overlaps)
{
  g_autofree gboolean *chosen = g_new0 (gboolean, loads->n);

  memset (loads->group_load, 0, sizeof (guint) * loads->n);
  for (guint i = 0; i < s->items->len; i++)
    {
      gint64 item = g_array_index (s->items, gint64, i);
      gboolean overlap = i < n_overlap;
      guint need = overlap ? copies : 1;

      memset (chosen, 0, sizeof (gboolean) * loads->n);
      for (guint c = 0; c < need; c++)
        {
          guint a = pick (loads, chosen);

          chosen[a] = TRUE;
          loads->group_load[a]++;
          loads->total_load[a]++;
          g_array_append_val (g_ptr_array_index (queues, a), item);
          g_array_append_val (g_ptr_array_index (overlaps, a), overlap);
        }
    }
}

static gboolean
check_options (GArray *annotator_ids, const CairnAssignOptions *o, GError **error)
{
  if (annotator_ids->len == 0)
    {
      g_set_error_literal (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                           "no annotators to assign to");
      return FALSE;
    }
  if (!(o->overlap >= 0 && o->overlap <= 1))
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                   "the overlap is a share between 0 and 1, not %g", o->overlap);
      return FALSE;
    }
  if (o->copies < 2 || o->copies > 3)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                   "an overlap item goes to 2 or 3 annotators, not %u", o->copies);
      return FALSE;
    }
  return TRUE;
}

/* Each queue in a seeded order, so no one works through all the cars first. */
static GArray *
collect_plan (GArray *annotator_ids, GPtrArray *queues, GPtrArray *overlaps, GRand *rand)
{
  GArray *plan = g_array_new (FALSE, FALSE, sizeof (CairnAssignment));

  for (guint a = 0; a < annotator_ids->len; a++)
    {
      GArray *items = g_ptr_array_index (queues, a);
      GArray *flags = g_ptr_array_index (overlaps, a);
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < items->len; i++)
        g_array_append_val (order, i);
      shuffle (order->data, order->len, sizeof (guint), rand);
      for (guint p = 0; p < order->len; p++)
        {
          guint i = g_array_index (order, guint, p);
          CairnAssignment row = { g_array_index (items, gint64, i),
                                  g_array_index (annotator_ids, gint64, a), (gint) p,
                                  g_array_index (flags, gboolean, i) };
          g_array_append_val (plan, row);
        }
    }
  return plan;
}

GArray *
cairn_assign_plan (CairnStore               *store,
                   GArray                   *annotator_ids,
                   const CairnAssignOptions *options,
                   GError                  **error)
{
  g_autoptr(GPtrArray) strata = NULL;
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GRand) rand = NULL;
  guint n = annotator_ids ? annotator_ids->len : 0;
  g_autofree guint *group_load = NULL, *total_load = NULL, *order = NULL;
  Loads loads;
  double wanted = 0;
  guint given = 0, copies;

  g_return_val_if_fail (CAIRN_IS_STORE (store) && annotator_ids && options, NULL);
  if (!check_options (annotator_ids, options, error)
      || (strata = make_strata (store, error)) == NULL)
    return NULL;
  rand = g_rand_new_with_seed (options->seed);
  copies = MIN (options->copies, n);
  group_load = g_new0 (guint, n);
  total_load = g_new0 (guint, n);
  order = g_new0 (guint, n);
  for (guint a = 0; a < n; a++)
    {
      order[a] = a;
      g_ptr_array_add (queues, g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_ptr_array_add (overlaps, g_array_new (FALSE, FALSE, sizeof (gboolean)));
    }
  shuffle (order, n, sizeof (guint), rand);
  loads = (Loads) { n, group_load, total_load, order };
  for (guint g = 0; g < strata->len; g++)
    {
      Stratum *s = g_ptr_array_index (strata, g);
      guint n_overlap;

      shuffle (s->items->data, s->items->len, sizeof (gint64), rand);
      /* The share over the whole project, rounded as it goes, so it adds up. */
      wanted += (copies > 1 ? options->overlap : 0) * s->items->len;
      n_overlap = MIN ((guint) lround (wanted) - given, s->items->len);
      given += n_overlap;
      deal_group (s, n_overlap, copies, &loads, queues, overlaps);
    }
  return collect_plan (annotator_ids, queues, overlaps, rand);
}
