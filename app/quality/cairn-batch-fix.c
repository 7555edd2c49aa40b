#define G_LOG_DOMAIN "cairn-quality"

#include "cairn-batch-fix.h"
#include "model/cairn-json.h"

typedef struct
{
  CairnEdit         *edit;
  CairnBatchPreview *preview;
  GHashTable        *items;
} Batch;

static void
batch_init (Batch *b, CairnKind subject, CairnBatchPreview *preview)
{
  b->edit = cairn_edit_new (CAIRN_EDIT_VERB_BATCH, subject);
  b->preview = preview;
  b->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (preview)
    *preview = (CairnBatchPreview) { 0 };
}

static CairnEdit *
batch_finish (Batch *b)
{
  if (b->preview)
    b->preview->items = g_hash_table_size (b->items);
  g_hash_table_unref (b->items);
  return b->edit;
}

static void
batch_fail (Batch *b)
{
  g_hash_table_unref (b->items);
  g_object_unref (b->edit);
}

/* after NULL: delete. */
static void
batch_add (Batch *b, const CairnAnnotation *before, const CairnAnnotation *after)
{
  cairn_edit_add_annotation (b->edit, before, after);
  if (b->preview)
    {
      if (after)
        b->preview->changed++;
      else
        b->preview->deleted++;
    }
  if (!g_hash_table_contains (b->items, &before->item_id))
    g_hash_table_add (b->items, g_memdup2 (&before->item_id, sizeof (gint64)));
}

static gboolean
is_people (const CairnAnnotation *a)
{
  return a->origin == CAIRN_ORIGIN_HUMAN || a->origin == CAIRN_ORIGIN_CONSENSUS;
}

typedef struct
{
  Batch                  *batch;
  const CairnRelabelRule *rule;
} Relabel;

static char *
attribute_text (JsonObject *attributes, const char *name)
{
  JsonNode *node = json_object_get_member (attributes, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node) == G_TYPE_STRING ? 0
          : json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 1 : 2)
    {
    case 0:
      return g_strdup (json_node_get_string (node));
    case 1:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    }
}

static gboolean
relabel_cb (const CairnAnnotation *a, gpointer user_data)
{
  Relabel *r = user_data;
  g_autoptr(CairnAnnotation) after = NULL;

  if (!is_people (a) || a->label_id == r->rule->to_label)
    return TRUE;
  if (r->rule->attribute)
    {
      g_autofree char *text = attribute_text (a->attributes, r->rule->attribute);

      if (r->rule->value ? g_strcmp0 (text, r->rule->value) != 0 : text == NULL)
        return TRUE;
    }
  after = cairn_annotation_copy (a);
  after->label_id = r->rule->to_label;
  batch_add (r->batch, a, after);
  return TRUE;
}

CairnEdit *
cairn_batch_relabel (CairnStore *store, const CairnRelabelRule *rule,
                     CairnBatchPreview *preview, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(CairnLabel) to = NULL;
  Batch b;
  Relabel r = { &b, rule };

  g_return_val_if_fail (CAIRN_IS_STORE (store) && rule != NULL, NULL);
  to = cairn_store_get_label (store, rule->to_label, error);
  if (to == NULL)
    return NULL;
  if (rule->from_label)
    {
      g_autoptr(CairnLabel) from = cairn_store_get_label (store, rule->from_label, error);
      if (from == NULL)
        return NULL;
    }
  filter.label_id = rule->from_label;
  filter.kind = rule->kind;
  batch_init (&b, rule->kind >= 0 ? (CairnKind) rule->kind : CAIRN_N_KINDS, preview);
  if (!cairn_store_foreach_annotation (store, &filter, relabel_cb, &r, error))
    {
      batch_fail (&b);
      return NULL;
    }
  return batch_finish (&b);
}

CairnEdit *
cairn_batch_merge_labels (CairnStore *store, gint64 from, gint64 into,
                          CairnBatchPreview *preview, GError **error)
{
  CairnRelabelRule rule = CAIRN_RELABEL_RULE_INIT;

  g_return_val_if_fail (from > 0 && into > 0, NULL);
  if (from == into)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "a label can't be merged into itself");
      return NULL;
    }
  rule.from_label = from;
  rule.to_label = into;
  return cairn_batch_relabel (store, &rule, preview, error);
}

CairnEdit *
cairn_batch_fix_rule (CairnStore *store, const CairnRuleConfig *config, CairnRule rule,
                      CairnBatchPreview *preview, GError **error)
{
  CairnRuleConfig only = *config;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      NULL);
  Batch b;

  g_return_val_if_fail (rule < CAIRN_N_RULES, NULL);
  for (guint i = 0; i < CAIRN_N_RULES; i++)
    only.enabled[i] = i == rule;
  violations = cairn_rules_check (store, &only, error);
  if (violations == NULL)
    return NULL;
  batch_init (&b, CAIRN_N_KINDS, preview);
  for (guint i = 0; i < violations->len; i++)
    {
      CairnRuleViolation *v = violations->pdata[i];
      g_autoptr(CairnAnnotation) before = NULL;

      if (v->fix == CAIRN_FIX_NONE || g_hash_table_contains (seen, &v->annotation_id))
        continue;
      before = cairn_store_get_annotation (store, v->annotation_id, error);
      if (before == NULL)
        {
          batch_fail (&b);
          return NULL;
        }
      g_hash_table_add (seen, g_memdup2 (&v->annotation_id, sizeof (gint64)));
      batch_add (&b, before, v->fix == CAIRN_FIX_CHANGE ? v->fixed : NULL);
    }
  return batch_finish (&b);
}

char *
cairn_batch_preview_to_string (const CairnBatchPreview *p)
{
  if (p->changed == 0 && p->deleted == 0)
    return g_strdup ("nothing to fix");
  if (p->deleted == 0)
    return g_strdup_printf ("%u annotations changed on %u items", p->changed, p->items);
  if (p->changed == 0)
    return g_strdup_printf ("%u annotations deleted on %u items", p->deleted, p->items);
  return g_strdup_printf ("%u annotations changed and %u deleted on %u items", p->changed,
                          p->deleted, p->items);
}
