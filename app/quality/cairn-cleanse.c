#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>

#include "cairn-cleanse.h"
#include "cairn-predictions.h"
#include "cairn-quality-report.h"
#include "cairn-structured.h"
#include "model/cairn-json.h"

/* What the project holds, gathered in one pass over its annotations. */
typedef struct
{
  gint64     item_id;
  gint64     consensus;        /* a consensus classification's label, or 0 */
  gint64     human_label;      /* the one label every person gave, 0 = none, -1 = they differ */
  gint64     human_annotation; /* the annotation carrying it (the first) */
  GPtrArray *human_shapes;     /* CairnAnnotation */
  GPtrArray *model_shapes;     /* CairnAnnotation */
  CairnAnnotation *prediction; /* the model's classification */
} ItemData;

typedef struct
{
  CairnStore                *store;
  const CairnCleanseOptions *options;
  CairnCleanseReport        *report;
  GHashTable                *items;      /* item id → ItemData */
} Build;

static void
item_data_free (ItemData *d)
{
  g_clear_pointer (&d->human_shapes, g_ptr_array_unref);
  g_clear_pointer (&d->model_shapes, g_ptr_array_unref);
  g_clear_pointer (&d->prediction, cairn_annotation_free);
  g_free (d);
}

static void
issue_free (CairnCleanseIssue *issue)
{
  g_free (issue->source);
  g_free (issue->message);
  g_free (issue->fix);
  g_free (issue);
}

void
cairn_cleanse_report_free (CairnCleanseReport *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->example_items, g_array_unref);
  g_clear_pointer (&self->confident, cairn_confident_result_free);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_free (self);
}

static const CairnLabel *
find_label (const CairnCleanseReport *r, gint64 id)
{
  for (guint i = 0; r->labels && i < r->labels->len; i++)
    {
      const CairnLabel *l = r->labels->pdata[i];
      if (l->id == id)
        return l;
    }
  return NULL;
}

const char *
cairn_cleanse_label_name (const CairnCleanseReport *self, gint64 label_id)
{
  const CairnLabel *l = find_label (self, label_id);

  return l ? l->name : label_id ? "(removed label)" : "(none)";
}

static ItemData *
item_data (Build *b, gint64 item_id)
{
  ItemData *d = g_hash_table_lookup (b->items, &item_id);

  if (d == NULL)
    {
      d = g_new0 (ItemData, 1);
      d->item_id = item_id;
      d->human_shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
      d->model_shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
      g_hash_table_insert (b->items, g_memdup2 (&item_id, sizeof item_id), d);
    }
  return d;
}

static gboolean
is_classification (CairnKind kind)
{
  return kind == CAIRN_KIND_TAG || kind == CAIRN_KIND_CLASS;
}

static gboolean
gather_cb (const CairnAnnotation *a, gpointer user_data)
{
  Build *b = user_data;
  ItemData *d;

  if (a->origin == CAIRN_ORIGIN_MODEL)
    {
      if (a->annotator_id != b->report->model_id)
        return TRUE;
      d = item_data (b, a->item_id);
      if (is_classification (a->kind)
          && cairn_json_object (a->attributes, CAIRN_PREDICTIONS_PROBABILITIES_KEY))
        {
          g_clear_pointer (&d->prediction, cairn_annotation_free);
          d->prediction = cairn_annotation_copy (a);
        }
      else if (cairn_kind_has_area (a->kind))
        g_ptr_array_add (d->model_shapes, cairn_annotation_copy (a));
      return TRUE;
    }
  if (a->origin == CAIRN_ORIGIN_SYNTHETIC)
    return TRUE;
  d = item_data (b, a->item_id);
  if (is_classification (a->kind))
    {
      if (a->origin == CAIRN_ORIGIN_CONSENSUS)
        d->consensus = a->label_id;
      else if (d->human_label == 0)
        {
          d->human_label = a->label_id;
          d->human_annotation = a->id;
        }
      else if (d->human_label != a->label_id)
        d->human_label = -1;
    }
  else if (a->origin == CAIRN_ORIGIN_HUMAN && cairn_kind_has_area (a->kind))
    g_ptr_array_add (d->human_shapes, cairn_annotation_copy (a));
  return TRUE;
}

static void
skip (CairnCleanseReport *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
skip (CairnCleanseReport *r, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (r->skipped, g_strdup_vprintf (format, args));
  va_end (args);
}

static CairnCleanseIssue *
issue_new (gint64 item, gint64 annotation, const char *source)
{
  CairnCleanseIssue *issue = g_new0 (CairnCleanseIssue, 1);

  issue->item_id = item;
  issue->annotation_id = annotation;
  issue->source = g_strdup (source);
  issue->score = -1;
  return issue;
}

static int
compare_ids (gconstpointer x, gconstpointer y)
{
  gint64 a = *(const gint64 *) x, b = *(const gint64 *) y;

  return (a > b) - (a < b);
}

static GArray *
sorted_item_ids (GHashTable *items)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);
  return ids;
}

/* Classifications: confident learning over the items with both a model's probabilities and
 * one agreed label from the people (or a consensus). */
static void
run_confident (Build *b, GArray *ids)
{
  CairnCleanseReport *r = b->report;
  g_autoptr(GArray) classes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) class_index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) probs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) annotations = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint disagree = 0, unlabelled = 0, unknown = 0;

  /* The classes: every label the model gave a probability, in label id order. */
  for (guint i = 0; i < ids->len; i++)
    {
      ItemData *d = g_hash_table_lookup (b->items, &g_array_index (ids, gint64, i));
      JsonObject *p;
      g_autoptr(GList) members = NULL;

      if (d->prediction == NULL)
        continue;
      p = cairn_json_object (d->prediction->attributes, CAIRN_PREDICTIONS_PROBABILITIES_KEY);
      members = json_object_get_members (p);
      for (GList *l = members; l; l = l->next)
        {
          gint64 id = g_ascii_strtoll (l->data, NULL, 10);

          if (id > 0 && find_label (r, id) && !g_hash_table_contains (class_index, &id))
            {
              g_hash_table_add (class_index, g_memdup2 (&id, sizeof id));
              g_array_append_val (classes, id);
            }
        }
    }
  g_array_sort (classes, compare_ids);
  g_hash_table_remove_all (class_index);
  r->classes = g_ptr_array_new ();
  for (guint c = 0; c < classes->len; c++)
    {
      gint64 id = g_array_index (classes, gint64, c);
      g_hash_table_insert (class_index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (c + 1));
      g_ptr_array_add (r->classes, (gpointer) find_label (r, id));
    }

  r->example_items = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    {
      ItemData *d = g_hash_table_lookup (b->items, &g_array_index (ids, gint64, i));
      gint64 given = d->consensus ? d->consensus : d->human_label;
      gpointer index;
      gint64 carrier;
      guint label;

      if (d->prediction == NULL)
        continue;
      if (given == 0)
        {
          unlabelled++;
          continue;
        }
      if (given < 0)
        {
          disagree++;
          continue;
        }
      index = g_hash_table_lookup (class_index, &given);
      if (index == NULL)
        {
          unknown++;
          continue;
        }
      g_array_append_val (r->example_items, d->item_id);
      carrier = d->consensus ? 0 : d->human_annotation;
      g_array_append_val (annotations, carrier);
      label = GPOINTER_TO_UINT (index) - 1;
      g_array_append_val (labels, label);
      for (guint c = 0; c < classes->len; c++)
        {
          double p = cairn_prediction_probability (d->prediction,
                                                   g_array_index (classes, gint64, c));
          p = p < 0 ? 0 : p;
          g_array_append_val (probs, p);
        }
    }
  if (unlabelled)
    skip (r, "%u predicted items nobody has classified", unlabelled);
  if (disagree)
    skip (r, "%u items whose annotators gave different labels and have no consensus (see cairn "
          "agree and cairn consensus)", disagree);
  if (unknown)
    skip (r, "%u items labelled with a class the model gave no probability", unknown);
  if (labels->len == 0)
    return;
  r->items_checked += labels->len;
  r->confident = cairn_confident_learning ((const guint *) labels->data,
                                           (const double *) probs->data, labels->len,
                                           classes->len, &b->options->confident, &error);
  if (r->confident == NULL)
    {
      skip (r, "classifications: %s", error->message);
      return;
    }
  for (guint i = 0; i < r->confident->n_issues; i++)
    {
      CairnConfidentResult *cl = r->confident;
      guint e = cl->ranked[i];
      CairnCleanseIssue *issue = issue_new (g_array_index (r->example_items, gint64, e),
                                            g_array_index (annotations, gint64, e),
                                            "confident");
      const CairnLabel *given = r->classes->pdata[cl->labels[e]];
      const CairnLabel *suggested = r->classes->pdata[cl->predicted[e]];

      issue->given_label = given->id;
      issue->suggested_label = suggested->id;
      issue->score = cl->self_confidence[e];
      issue->message = g_strdup_printf ("labelled %s; %s suggests %s (p(%s) = %.3f, p(%s) = "
                                        "%.3f)", given->name, r->model, suggested->name,
                                        given->name, cl->self_confidence[e], suggested->name,
                                        g_array_index (probs, double,
                                                       (gsize) e * cl->k + cl->predicted[e]));
      issue->fix = g_strdup_printf ("relabel as %s", suggested->name);
      g_ptr_array_add (r->issues, issue);
    }
}

/* Boxes and other shapes, the per-box analogue: a shape's self-score is the best score of the
 * model's same-label shapes covering it (IoU >= the threshold), a label's threshold the mean
 * self-score of its shapes, and a shape is suspect when the likeliest confident prediction
 * covering it has another label, or when no prediction covers it at all. */
static void
run_shapes (Build *b, GArray *ids)
{
  CairnCleanseReport *r = b->report;
  double iou_min = b->options->iou_threshold;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ids->len; i++)
      {
        ItemData *d = g_hash_table_lookup (b->items, &g_array_index (ids, gint64, i));

        if (d->human_shapes->len == 0 || d->model_shapes->len == 0)
          continue;
        for (guint h = 0; h < d->human_shapes->len; h++)
          {
            CairnAnnotation *a = d->human_shapes->pdata[h];
            CairnAnnotation *best = NULL;
            double self = 0, best_score = -1;
            gboolean covered = FALSE;

            for (guint m = 0; m < d->model_shapes->len; m++)
              {
                CairnAnnotation *p = d->model_shapes->pdata[m];
                double iou = cairn_shape_iou (a, p), *sum;

                if (iou < iou_min)
                  continue;
                covered = TRUE;
                if (p->label_id == a->label_id)
                  self = MAX (self, p->score);
                if (pass == 0)
                  continue;
                sum = g_hash_table_lookup (sums, &p->label_id);
                /* Confident: at least its label's threshold (0.5 for a label no person used). */
                if (p->score >= (sum ? sum[0] / sum[1] : 0.5) - 1e-6 && p->score > best_score)
                  {
                    best = p;
                    best_score = p->score;
                  }
              }
            if (pass == 0)
              {
                double *sum = g_hash_table_lookup (sums, &a->label_id);

                if (sum == NULL)
                  {
                    sum = g_new0 (double, 2);
                    g_hash_table_insert (sums, g_memdup2 (&a->label_id, sizeof (gint64)), sum);
                  }
                sum[0] += self;
                sum[1] += 1;
                r->boxes_checked++;
                continue;
              }
            if (covered && (best == NULL || best->label_id == a->label_id))
              continue;
            {
              CairnCleanseIssue *issue = issue_new (d->item_id, a->id, "boxes");
              const char *name = cairn_cleanse_label_name (r, a->label_id);

              issue->given_label = a->label_id;
              issue->score = self;
              if (!covered)
                {
                  issue->message = g_strdup_printf ("%s %s: no prediction of %s covers it (IoU "
                                                    ">= %.2f)", name,
                                                    cairn_kind_to_string (a->kind), r->model,
                                                    iou_min);
                  issue->fix = g_strdup ("check it: a false positive, or something the model "
                                         "missed");
                }
              else
                {
                  const char *other = cairn_cleanse_label_name (r, best->label_id);

                  issue->suggested_label = best->label_id;
                  issue->message = g_strdup_printf ("%s %s: %s sees %s here (score %.3f; %s "
                                                    "%.3f)", name, cairn_kind_to_string (a->kind),
                                                    r->model, other, best->score, name, self);
                  issue->fix = g_strdup_printf ("relabel as %s", other);
                }
              g_ptr_array_add (found, issue);
            }
          }
      }
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (r->issues, found->pdata[i]);
}

static int
compare_issues (gconstpointer x, gconstpointer y)
{
  const CairnCleanseIssue *a = *(CairnCleanseIssue **) x, *b = *(CairnCleanseIssue **) y;

  if (a->score != b->score)
    return a->score < b->score ? -1 : 1;
  if (a->item_id != b->item_id)
    return (a->item_id > b->item_id) - (a->item_id < b->item_id);
  return (a->annotation_id > b->annotation_id) - (a->annotation_id < b->annotation_id);
}

static gboolean
run_rules (Build *b, GError **error)
{
  CairnCleanseReport *r = b->report;
  CairnRuleConfig config;

  if (!cairn_rule_config_load (b->store, &config, error))
    return FALSE;
  r->violations = cairn_rules_check (b->store, &config, error);
  if (r->violations == NULL)
    return FALSE;
  for (guint i = 0; i < r->violations->len; i++)
    {
      CairnRuleViolation *v = r->violations->pdata[i];
      CairnCleanseIssue *issue = issue_new (v->item_id, v->annotation_id,
                                            cairn_rule_to_string (v->rule));
      g_autoptr(CairnAnnotation) a = v->annotation_id
        ? cairn_store_get_annotation (b->store, v->annotation_id, NULL) : NULL;

      issue->given_label = a ? a->label_id : 0;
      issue->message = g_strdup (v->message);
      issue->fix = g_strdup (v->fix_text);
      g_ptr_array_add (r->issues, issue);
    }
  return TRUE;
}

CairnCleanseReport *
cairn_cleanse_run (CairnStore *store, const CairnCleanseOptions *options, GError **error)
{
  g_autoptr(CairnCleanseReport) r = g_new0 (CairnCleanseReport, 1);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) item_data_free);
  g_autoptr(GArray) ids = NULL;
  Build b = { store, options, r, items };

  g_return_val_if_fail (CAIRN_IS_STORE (store) && options != NULL, NULL);
  r->method = options->method;
  r->skipped = g_ptr_array_new_with_free_func (g_free);
  r->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  r->labels = cairn_store_list_labels (store, error);
  if (r->labels == NULL)
    return NULL;
  if (options->method == CAIRN_CLEANSE_RULES)
    {
      if (!run_rules (&b, error))
        return NULL;
      return g_steal_pointer (&r);
    }
  g_return_val_if_fail (options->model != NULL, NULL);
  r->model = g_strdup (options->model);
  r->model_id = cairn_predictions_find_model (store, options->model, error);
  if (r->model_id == 0)
    {
      if (error && *error == NULL)
        g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                     "no predictions from a model called “%s” (see cairn predictions PROJECT "
                     "list)", options->model);
      return NULL;
    }
  if (!cairn_store_foreach_annotation (store, &CAIRN_ANNOTATION_FILTER_ANY, gather_cb, &b,
                                       error))
    return NULL;
  ids = sorted_item_ids (items);
  run_confident (&b, ids);
  run_shapes (&b, ids);
  g_ptr_array_sort (r->issues, compare_issues);
  return g_steal_pointer (&r);
}

/* Flagging */

static void
free_string (gpointer s)
{
  g_string_free (s, TRUE);
}

gboolean
cairn_cleanse_flag_items (CairnStore *store, CairnCleanseReport *report, GError **error)
{
  g_autoptr(GHashTable) reasons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  g_autoptr(GHashTable) suggested = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (free_string);
  g_autoptr(GArray) ids = NULL;

  if (report->issues->len == 0)
    return TRUE;
  for (guint i = 0; i < report->issues->len; i++)
    {
      CairnCleanseIssue *issue = report->issues->pdata[i];
      GString *reason = g_hash_table_lookup (reasons, &issue->item_id);

      if (reason == NULL)
        {
          reason = g_string_new (NULL);
          g_ptr_array_add (strings, reason);
          g_hash_table_insert (reasons, g_memdup2 (&issue->item_id, sizeof (gint64)), reason);
        }
      else
        g_string_append (reason, "; ");
      g_string_append_printf (reason, "%s: %s", issue->source, issue->message);
      if (issue->suggested_label && !g_hash_table_contains (suggested, &issue->item_id))
        g_hash_table_insert (suggested, g_memdup2 (&issue->item_id, sizeof (gint64)),
                             (gpointer) cairn_cleanse_label_name (report,
                                                                   issue->suggested_label));
    }
  ids = sorted_item_ids (reasons);
  if (!cairn_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CairnItem) item = cairn_store_get_item (store, id, error);
      GString *reason = g_hash_table_lookup (reasons, &id);
      const char *suggestion = g_hash_table_lookup (suggested, &id);
      const char *old_reason, *old_suggestion;

      if (item == NULL)
        {
          cairn_store_rollback (store);
          return FALSE;
        }
      /* A reviewer's decision stands. */
      if (item->state == CAIRN_STATE_ACCEPTED || item->state == CAIRN_STATE_REJECTED)
        continue;
      for (guint j = 0; j < report->issues->len; j++)
        {
          CairnCleanseIssue *issue = report->issues->pdata[j];
          if (issue->item_id == id)
            issue->written = TRUE;
        }
      old_reason = json_object_get_string_member_with_default (item->meta,
                                                               CAIRN_QUALITY_REASON_KEY, NULL);
      old_suggestion = json_object_get_string_member_with_default (
        item->meta, CAIRN_CLEANSE_SUGGESTED_KEY, NULL);
      if (item->state == CAIRN_STATE_REVIEW && g_strcmp0 (old_reason, reason->str) == 0
          && g_strcmp0 (old_suggestion, suggestion) == 0)
        continue;
      item->state = CAIRN_STATE_REVIEW;
      json_object_set_string_member (item->meta, CAIRN_QUALITY_REASON_KEY, reason->str);
      if (suggestion)
        json_object_set_string_member (item->meta, CAIRN_CLEANSE_SUGGESTED_KEY, suggestion);
      else if (json_object_has_member (item->meta, CAIRN_CLEANSE_SUGGESTED_KEY))
        json_object_remove_member (item->meta, CAIRN_CLEANSE_SUGGESTED_KEY);
      if (!cairn_store_update_item (store, item, error))
        {
          cairn_store_rollback (store);
          return FALSE;
        }
    }
  return cairn_store_commit (store, error);
}

/* Output */

static void
add_matrix (JsonBuilder *b, const char *member, const gint64 *m, guint k)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint r = 0; r < k; r++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < k; c++)
        json_builder_add_int_value (b, m[r * k + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

void
cairn_cleanse_report_add_json (const CairnCleanseReport *r, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, r->method == CAIRN_CLEANSE_RULES ? "rules" : "confident");
  if (r->model)
    {
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, r->model);
    }
  if (r->confident)
    {
      const CairnConfidentResult *cl = r->confident;

      json_builder_set_member_name (b, "classes");
      json_builder_begin_array (b);
      for (guint c = 0; c < cl->k; c++)
        json_builder_add_string_value (b, ((CairnLabel *) r->classes->pdata[c])->name);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "examples");
      json_builder_add_int_value (b, cl->n);
      json_builder_set_member_name (b, "thresholds");
      json_builder_begin_array (b);
      for (guint c = 0; c < cl->k; c++)
        json_builder_add_double_value (b, cl->thresholds[c]);
      json_builder_end_array (b);
      add_matrix (b, "confident_joint", cl->confident_joint, cl->k);
      add_matrix (b, "confident_joint_calibrated", cl->calibrated, cl->k);
      json_builder_set_member_name (b, "num_label_issues");
      json_builder_add_int_value (b, cl->num_label_issues);
    }
  if (r->method == CAIRN_CLEANSE_CONFIDENT)
    {
      json_builder_set_member_name (b, "shapes_checked");
      json_builder_add_int_value (b, r->boxes_checked);
    }
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->issues->len; i++)
    {
      CairnCleanseIssue *issue = r->issues->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_int_value (b, issue->item_id);
      if (issue->annotation_id)
        {
          json_builder_set_member_name (b, "annotation");
          json_builder_add_int_value (b, issue->annotation_id);
        }
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, issue->source);
      if (issue->given_label)
        {
          json_builder_set_member_name (b, "given");
          json_builder_add_string_value (b, cairn_cleanse_label_name (r, issue->given_label));
        }
      if (issue->suggested_label)
        {
          json_builder_set_member_name (b, "suggested");
          json_builder_add_string_value (b, cairn_cleanse_label_name (r,
                                                                      issue->suggested_label));
        }
      if (issue->score >= 0)
        {
          json_builder_set_member_name (b, issue->source && g_str_equal (issue->source,
                                                                         "confident")
                                              ? "self_confidence" : "score");
          json_builder_add_double_value (b, issue->score);
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, issue->message);
      json_builder_set_member_name (b, "fix");
      json_builder_add_string_value (b, issue->fix);
      json_builder_set_member_name (b, "flagged");
      json_builder_add_boolean_value (b, issue->written);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "skipped");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->skipped->len; i++)
    json_builder_add_string_value (b, r->skipped->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
cairn_cleanse_report_to_text (const CairnCleanseReport *r)
{
  GString *out = g_string_new (NULL);

  if (r->method == CAIRN_CLEANSE_RULES)
    g_string_append_printf (out, "Rule checks: %u violations\n", r->issues->len);
  else
    {
      g_string_append_printf (out, "Model %s: ", r->model);
      if (r->confident)
        g_string_append_printf (out, "%u classified items checked by confident learning "
                                "(%u estimated label issues)", r->confident->n,
                                r->confident->num_label_issues);
      else
        g_string_append (out, "no classifications to check");
      g_string_append_printf (out, ", %u shapes checked\n", r->boxes_checked);
      if (r->confident)
        {
          const CairnConfidentResult *cl = r->confident;

          g_string_append (out, "Confident joint (given × suggested):\n");
          for (guint i = 0; i < cl->k; i++)
            {
              g_string_append_printf (out, "  %-12.12s",
                                      ((CairnLabel *) r->classes->pdata[i])->name);
              for (guint j = 0; j < cl->k; j++)
                g_string_append_printf (out, " %6" G_GINT64_FORMAT,
                                        cl->confident_joint[i * cl->k + j]);
              g_string_append_c (out, '\n');
            }
        }
      g_string_append_printf (out, "Suspected label errors: %u, worst first\n",
                              r->issues->len);
    }
  for (guint i = 0; i < r->issues->len; i++)
    {
      CairnCleanseIssue *issue = r->issues->pdata[i];

      g_string_append_printf (out, "  item %" G_GINT64_FORMAT, issue->item_id);
      if (issue->annotation_id)
        g_string_append_printf (out, ", annotation %" G_GINT64_FORMAT, issue->annotation_id);
      g_string_append_printf (out, " [%s]: %s → %s%s\n", issue->source, issue->message,
                              issue->fix, issue->written ? " (flagged for review)" : "");
    }
  for (guint i = 0; i < r->skipped->len; i++)
    g_string_append_printf (out, "Left out: %s\n", (char *) r->skipped->pdata[i]);
  return g_string_free (out, FALSE);
}
