#define G_LOG_DOMAIN "cairn-item-list-model"

#include "cairn-item-list-model.h"

struct _CairnItemListModel
{
  GObject          parent_instance;
  CairnStore      *store;
  GArray          *ids;        /* gint64, in the store's order */
  CairnItemFilter  filter;
  char            *split;      /* owns filter.split */
  GHashTable      *cache;      /* id → CairnItemRow */
  GQueue           cache_order; /* gint64 *, oldest first */
  guint            n_fetched;
};

static void cairn_item_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnItemListModel, cairn_item_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cairn_item_list_model_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Beyond this many separate runs a filter change is told as one range: views rebuild as
 * quickly from one big change as from thousands of small ones. */
#define MAX_RUNS 64

typedef struct
{
  guint position;  /* in the list as it is when this run is applied */
  guint removed;
  guint added;
  guint new_index; /* first added id in the new array */
} Run;

/* The differences between two ascending id lists, as runs applied front to back. */
static GArray *
diff_runs (GArray *old_ids,
           GArray *new_ids)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  const gint64 *o = (const gint64 *) old_ids->data;
  const gint64 *n = (const gint64 *) new_ids->data;
  guint i = 0, j = 0, position = 0;

  while (i < old_ids->len || j < new_ids->len)
    {
      Run run = { 0 };

      if (i < old_ids->len && j < new_ids->len && o[i] == n[j])
        {
          i++, j++, position++;
          continue;
        }
      run.position = position;
      run.new_index = j;
      while ((i < old_ids->len || j < new_ids->len)
             && !(i < old_ids->len && j < new_ids->len && o[i] == n[j]))
        {
          if (j >= new_ids->len || (i < old_ids->len && o[i] < n[j]))
            run.removed++, i++;
          else
            run.added++, j++;
        }
      position += run.added;
      g_array_append_val (runs, run);
    }
  return runs;
}

/* Replaces the ids, emitting items-changed so that at every emission the model already
 * shows the state that signal describes. */
static void
replace_ids (CairnItemListModel *self,
             GArray             *new_ids)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) old_ids = self->ids;

  if (cairn_item_ids_ascending (old_ids) && cairn_item_ids_ascending (new_ids))
    runs = diff_runs (old_ids, new_ids);

  if (runs != NULL && runs->len <= MAX_RUNS)
    {
      self->ids = g_array_copy (old_ids);
      for (guint r = 0; r < runs->len; r++)
        {
          const Run *run = &g_array_index (runs, Run, r);

          if (run->removed > 0)
            g_array_remove_range (self->ids, run->position, run->removed);
          if (run->added > 0)
            g_array_insert_vals (self->ids, run->position,
                                 &g_array_index (new_ids, gint64, run->new_index), run->added);
          g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed,
                                      run->added);
        }
      g_assert (self->ids->len == new_ids->len);
      g_array_unref (new_ids);
      return;
    }

  /* One range, from the first difference to the last. */
  {
    guint prefix = 0, suffix = 0;
    guint old_n = old_ids->len, new_n = new_ids->len;

    while (prefix < old_n && prefix < new_n
           && g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
      prefix++;
    while (suffix < old_n - prefix && suffix < new_n - prefix
           && g_array_index (old_ids, gint64, old_n - 1 - suffix)
                == g_array_index (new_ids, gint64, new_n - 1 - suffix))
      suffix++;
    self->ids = new_ids;
    if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                  new_n - prefix - suffix);
  }
}

static void
cache_insert (CairnItemListModel *self,
              CairnItemRow       *row)
{
  gint64 *key = g_new (gint64, 1);

  *key = cairn_item_row_get_id (row);
  g_hash_table_insert (self->cache, key, g_object_ref (row));
  g_queue_push_tail (&self->cache_order, key);
  while (g_queue_get_length (&self->cache_order) > CAIRN_ITEM_LIST_MODEL_CACHE_SIZE)
    {
      gint64 *oldest = g_queue_pop_head (&self->cache_order);

      g_hash_table_remove (self->cache, oldest); /* frees oldest */
    }
}

static void
cache_remove (CairnItemListModel *self,
              gint64              id)
{
  for (GList *l = self->cache_order.head; l != NULL; l = l->next)
    if (*(gint64 *) l->data == id)
      {
        g_queue_delete_link (&self->cache_order, l);
        break;
      }
  g_hash_table_remove (self->cache, &id);
}

static CairnItemRow *
fetch_row (CairnItemListModel *self,
           gint64              id)
{
  g_autoptr(GError) error = NULL;
  CairnItem *item;
  CairnItemRow *row;

  row = g_hash_table_lookup (self->cache, &id);
  if (row != NULL)
    return g_object_ref (row);

  self->n_fetched++;
  item = cairn_store_get_item (self->store, id, &error);
  if (item == NULL)
    g_debug ("Item %" G_GINT64_FORMAT ": %s", id, error->message);
  row = cairn_item_row_new (id, item);
  cache_insert (self, row);
  return row;
}

static GType
cairn_item_list_model_get_item_type (GListModel *model)
{
  return CAIRN_TYPE_ITEM_ROW;
}

static guint
cairn_item_list_model_get_n_items (GListModel *model)
{
  return CAIRN_ITEM_LIST_MODEL (model)->ids->len;
}

static gpointer
cairn_item_list_model_get_item (GListModel *model,
                                guint       position)
{
  CairnItemListModel *self = CAIRN_ITEM_LIST_MODEL (model);

  if (position >= self->ids->len)
    return NULL;
  return fetch_row (self, g_array_index (self->ids, gint64, position));
}

static void
cairn_item_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cairn_item_list_model_get_item_type;
  iface->get_n_items = cairn_item_list_model_get_n_items;
  iface->get_item = cairn_item_list_model_get_item;
}

static void
cairn_item_list_model_dispose (GObject *object)
{
  CairnItemListModel *self = CAIRN_ITEM_LIST_MODEL (object);

  g_queue_clear (&self->cache_order);
  g_hash_table_remove_all (self->cache);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_item_list_model_parent_class)->dispose (object);
}

static void
cairn_item_list_model_finalize (GObject *object)
{
  CairnItemListModel *self = CAIRN_ITEM_LIST_MODEL (object);

  g_array_unref (self->ids);
  g_hash_table_unref (self->cache);
  g_free (self->split);
  G_OBJECT_CLASS (cairn_item_list_model_parent_class)->finalize (object);
}

static void
cairn_item_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CairnItemListModel *self = CAIRN_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_item_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CairnItemListModel *self = CAIRN_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_item_list_model_class_init (CairnItemListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cairn_item_list_model_dispose;
  object_class->finalize = cairn_item_list_model_finalize;
  object_class->get_property = cairn_item_list_model_get_property;
  object_class->set_property = cairn_item_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CAIRN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_item_list_model_init (CairnItemListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filter = CAIRN_ITEM_FILTER_ANY;
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->cache_order);
}

/* The model starts with every item of the store. */
CairnItemListModel *
cairn_item_list_model_new (CairnStore *store)
{
  g_autoptr(CairnItemListModel) self = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);

  self = g_object_new (CAIRN_TYPE_ITEM_LIST_MODEL, "store", store, NULL);
  if (!cairn_item_list_model_reload (self, &error))
    g_warning ("Could not list the items of %s: %s", cairn_store_get_path (store), error->message);
  return g_steal_pointer (&self);
}

CairnStore *
cairn_item_list_model_get_store (CairnItemListModel *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), NULL);
  return self->store;
}

gboolean
cairn_item_list_model_reload (CairnItemListModel *self,
                              GError            **error)
{
  GArray *ids;

  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), FALSE);

  ids = cairn_store_list_item_ids (self->store, &self->filter, error);
  if (ids == NULL)
    return FALSE;
  replace_ids (self, ids);
  return TRUE;
}

gboolean
cairn_item_list_model_set_filter (CairnItemListModel    *self,
                                  const CairnItemFilter *filter,
                                  GError               **error)
{
  CairnItemFilter next;
  GArray *ids;

  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  next = *filter;
  ids = cairn_store_list_item_ids (self->store, &next, error);
  if (ids == NULL)
    return FALSE;
  g_free (self->split);
  self->split = g_strdup (filter->split);
  self->filter = next;
  self->filter.split = self->split;
  replace_ids (self, ids);
  return TRUE;
}

void
cairn_item_list_model_get_filter (CairnItemListModel *self,
                                  CairnItemFilter    *filter)
{
  g_return_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);
  *filter = self->filter;
}

void
cairn_item_list_model_item_changed (CairnItemListModel *self,
                                    gint64              id)
{
  guint position;

  g_return_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self));

  cache_remove (self, id);
  position = cairn_item_list_model_find (self, id);
  if (position != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

gint64
cairn_item_list_model_get_id (CairnItemListModel *self,
                              guint               position)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

guint
cairn_item_list_model_find (CairnItemListModel *self,
                            gint64              id)
{
  const gint64 *ids;
  guint lo = 0, hi;

  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), G_MAXUINT);

  ids = (const gint64 *) self->ids->data;
  hi = self->ids->len;
  /* Ids are ascending in practice: bisect, and fall back to a scan if they are not. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] == id)
        return mid;
      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == id)
      return i;
  return G_MAXUINT;
}

guint
cairn_item_list_model_get_n_fetched (CairnItemListModel *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_LIST_MODEL (self), 0);
  return self->n_fetched;
}
