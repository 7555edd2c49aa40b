#define G_LOG_DOMAIN "cairn-guide"

#include "model/cairn-json.h"
#include "cairn-guide-plan.h"

#define PLAN_KEY "plan"
#define MAX_PLAN_BYTES (1024 * 1024)

static void
row_free (CairnPlanRow *row)
{
  g_free (row->name);
  g_free (row);
}

static CairnPlanRow *
row_new (const char *name, gint64 target, gint64 done)
{
  CairnPlanRow *row = g_new0 (CairnPlanRow, 1);

  row->name = g_strdup (name);
  row->target = target;
  row->done = done;
  return row;
}

CairnPlan *
cairn_plan_new (void)
{
  CairnPlan *self = g_new0 (CairnPlan, 1);

  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return self;
}

void
cairn_plan_free (CairnPlan *self)
{
  if (self == NULL)
    return;
  g_free (self->purpose);
  g_free (self->collection);
  g_free (self->specification);
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->splits);
  g_free (self);
}

static gboolean
plan_fail (GError **error, const char *path, const char *problem)
{
  g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "plan.%s: %s", path,
               problem);
  return FALSE;
}

static gboolean
read_count (JsonNode *node, const char *path, gint64 *out, GError **error)
{
  double value;

  if (!cairn_json_node_number (node, &value) || value < 0 || value != (double) (gint64) value
      || value > 1e15)
    return plan_fail (error, path, "not a whole number ≥ 0");
  *out = (gint64) value;
  return TRUE;
}

static gboolean
read_targets (JsonObject *root, const char *member, GPtrArray *rows, GError **error)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autoptr(GList) names = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return plan_fail (error, member, "expected an object of name: target");
  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", member, (const char *) l->data);
      gint64 target;

      if (!g_utf8_validate (l->data, -1, NULL) || *(const char *) l->data == '\0')
        return plan_fail (error, member, "a name is empty or not UTF-8");
      if (!read_count (json_object_get_member (json_node_get_object (node), l->data), path,
                       &target, error))
        return FALSE;
      g_ptr_array_add (rows, row_new (l->data, target, 0));
    }
  return TRUE;
}

static gboolean
read_text (JsonObject *root, const char *member, char **out, GError **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (cairn_json_string (root, member) == NULL)
    return plan_fail (error, member, "expected text");
  *out = g_strdup (cairn_json_string (root, member));
  return TRUE;
}

CairnPlan *
cairn_plan_from_json (const char  *json,
                      GError     **error)
{
  g_autoptr(CairnPlan) plan = cairn_plan_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonNode *items;

  if (strlen (json) > MAX_PLAN_BYTES)
    return plan_fail (error, "", "bigger than 1 MB"), NULL;
  if ((root = cairn_json_parse_bounded (json, -1, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return plan_fail (error, "", "expected an object"), NULL;
  o = json_node_get_object (root);
  items = json_object_get_member (o, "target_items");
  if (!read_text (o, "purpose", &plan->purpose, error)
      || !read_text (o, "collection", &plan->collection, error)
      || !read_text (o, "specification", &plan->specification, error)
      || (items && !read_count (items, "target_items", &plan->target_items, error))
      || !read_targets (o, "labels", plan->labels, error)
      || !read_targets (o, "splits", plan->splits, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static void
add_text (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_rows (JsonBuilder *b, const char *name, GPtrArray *rows, gboolean done)
{
  json_builder_set_member_name (b, name);
  if (done)
    json_builder_begin_array (b);
  else
    json_builder_begin_object (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const CairnPlanRow *row = g_ptr_array_index (rows, i);

      if (!done)
        {
          json_builder_set_member_name (b, row->name);
          json_builder_add_int_value (b, row->target);
          continue;
        }
      json_builder_begin_object (b);
      add_text (b, "name", row->name);
      json_builder_set_member_name (b, "target");
      json_builder_add_int_value (b, row->target);
      json_builder_set_member_name (b, "done");
      json_builder_add_int_value (b, row->done);
      json_builder_end_object (b);
    }
  if (done)
    json_builder_end_array (b);
  else
    json_builder_end_object (b);
}

JsonNode *
cairn_plan_to_json (const CairnPlan *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_text (b, "purpose", self->purpose);
  add_text (b, "collection", self->collection);
  add_text (b, "specification", self->specification);
  json_builder_set_member_name (b, "target_items");
  json_builder_add_int_value (b, self->target_items);
  add_rows (b, "labels", self->labels, FALSE);
  add_rows (b, "splits", self->splits, FALSE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

CairnPlan *
cairn_plan_load (CairnStore  *store,
                 GError     **error)
{
  g_autofree char *json = cairn_store_dup_meta (store, PLAN_KEY);
  g_autoptr(GError) local = NULL;
  CairnPlan *plan;

  if (json == NULL)
    return cairn_plan_new ();
  plan = cairn_plan_from_json (json, &local);
  if (plan == NULL)
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT, "%s: %s",
                 cairn_store_get_path (store), local->message);
  return plan;
}

gboolean
cairn_plan_save (CairnStore      *store,
                 const CairnPlan *plan,
                 GError         **error)
{
  g_autoptr(JsonNode) node = cairn_plan_to_json (plan);
  g_autofree char *json = json_to_string (node, FALSE);

  return cairn_store_set_meta (store, PLAN_KEY, json, error);
}

/* Progress */

static void
daily_free (CairnDailyCount *d)
{
  g_free (d->annotator);
  g_free (d->day);
  g_free (d);
}

void
cairn_plan_progress_free (CairnPlanProgress *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->splits);
  g_ptr_array_unref (self->daily);
  g_free (self);
}

double
cairn_plan_row_fraction (const CairnPlanRow *row)
{
  if (row->target <= 0)
    return row->done > 0 ? 1.0 : 0.0;
  return MIN (1.0, (double) row->done / (double) row->target);
}

static CairnPlanRow *
find_row (GPtrArray *rows, const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((CairnPlanRow *) g_ptr_array_index (rows, i))->name, name))
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
copy_targets (GPtrArray *from, GPtrArray *to)
{
  for (guint i = 0; i < from->len; i++)
    {
      const CairnPlanRow *row = g_ptr_array_index (from, i);

      g_ptr_array_add (to, row_new (row->name, row->target, 0));
    }
}

static gboolean
count_labels (CairnStore *store, CairnPlanProgress *p, GError **error)
{
  g_autoptr(GPtrArray) counts = cairn_store_count_annotations_by_label (store, error);
  gboolean planned = p->labels->len > 0;

  if (counts == NULL)
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      const CairnCount *c = g_ptr_array_index (counts, i);
      CairnPlanRow *row = c->key ? find_row (p->labels, c->key) : NULL;

      if (row)
        row->done = c->count;
      /* With no label targets, every label's work is the picture. */
      else if (c->key && c->count > 0 && !planned)
        g_ptr_array_add (p->labels, row_new (c->key, 0, c->count));
    }
  return TRUE;
}

static gboolean
count_items (CairnStore *store, CairnPlanProgress *p, GError **error)
{
  CairnItemFilter filter = CAIRN_ITEM_FILTER_ANY;
  CairnItemState done_states[] = { CAIRN_STATE_DONE, CAIRN_STATE_ACCEPTED };

  p->items = cairn_store_count_items (store, -1);
  for (guint i = 0; i < G_N_ELEMENTS (done_states); i++)
    {
      g_autoptr(GArray) ids = NULL;

      filter.state = done_states[i];
      if ((ids = cairn_store_list_item_ids (store, &filter, error)) == NULL)
        return FALSE;
      p->items_done += ids->len;
    }
  filter = CAIRN_ITEM_FILTER_ANY;
  for (guint i = 0; i < p->splits->len; i++)
    {
      CairnPlanRow *row = g_ptr_array_index (p->splits, i);
      g_autoptr(GArray) ids = NULL;

      filter.split = row->name;
      if ((ids = cairn_store_list_item_ids (store, &filter, error)) == NULL)
        return FALSE;
      row->done = ids->len;
    }
  return TRUE;
}

typedef struct
{
  CairnStore *store;
  GHashTable *counts;  /* "day\tannotator id" → gint64 * */
} Daily;

static gboolean
daily_cb (const CairnAnnotation *a, gpointer user_data)
{
  Daily *d = user_data;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *day = NULL;
  char *key;
  gint64 *n;

  if (a->origin != CAIRN_ORIGIN_HUMAN || a->annotator_id == 0)
    return TRUE;
  time = g_date_time_new_from_unix_utc (a->created / G_USEC_PER_SEC);
  if (time == NULL)
    return TRUE;
  day = g_date_time_format (time, "%Y-%m-%d");
  key = g_strdup_printf ("%s\t%" G_GINT64_FORMAT, day, a->annotator_id);
  n = g_hash_table_lookup (d->counts, key);
  if (n == NULL)
    {
      n = g_new0 (gint64, 1);
      g_hash_table_insert (d->counts, key, n);
    }
  else
    g_free (key);
  (*n)++;
  return TRUE;
}

static gint
compare_daily (gconstpointer a, gconstpointer b)
{
  const CairnDailyCount *x = *(const CairnDailyCount **) a, *y = *(const CairnDailyCount **) b;
  int c = strcmp (x->day, y->day);

  return c ? c : g_utf8_collate (x->annotator, y->annotator);
}

static gboolean
count_daily (CairnStore *store, CairnPlanProgress *p, GError **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Daily d = { store, counts };
  GHashTableIter iter;
  gpointer key, value;

  if (!cairn_store_foreach_annotation (store, NULL, daily_cb, &d, error))
    return FALSE;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CairnDailyCount *c = g_new0 (CairnDailyCount, 1);
      const char *tab = strchr (key, '\t');
      gint64 who = g_ascii_strtoll (tab + 1, NULL, 10);

      c->day = g_strndup (key, (gsize) (tab - (const char *) key));
      c->annotator = cairn_store_dup_annotator_name (store, who);
      if (c->annotator == NULL)
        c->annotator = g_strdup_printf ("#%" G_GINT64_FORMAT, who);
      c->count = *(gint64 *) value;
      g_ptr_array_add (p->daily, c);
    }
  g_ptr_array_sort (p->daily, compare_daily);
  return TRUE;
}

CairnPlanProgress *
cairn_plan_progress (CairnStore      *store,
                     const CairnPlan *plan,
                     GError         **error)
{
  g_autoptr(CairnPlanProgress) p = g_new0 (CairnPlanProgress, 1);

  p->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  p->splits = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  p->daily = g_ptr_array_new_with_free_func ((GDestroyNotify) daily_free);
  p->target_items = plan->target_items;
  copy_targets (plan->labels, p->labels);
  copy_targets (plan->splits, p->splits);
  if (!count_labels (store, p, error) || !count_items (store, p, error)
      || !count_daily (store, p, error))
    return NULL;
  return g_steal_pointer (&p);
}

JsonNode *
cairn_plan_progress_to_json (const CairnPlanProgress *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, self->items);
  json_builder_set_member_name (b, "items_done");
  json_builder_add_int_value (b, self->items_done);
  json_builder_set_member_name (b, "target_items");
  json_builder_add_int_value (b, self->target_items);
  add_rows (b, "labels", self->labels, TRUE);
  add_rows (b, "splits", self->splits, TRUE);
  json_builder_set_member_name (b, "daily");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->daily->len; i++)
    {
      const CairnDailyCount *d = g_ptr_array_index (self->daily, i);

      json_builder_begin_object (b);
      add_text (b, "annotator", d->annotator);
      add_text (b, "day", d->day);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, d->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
