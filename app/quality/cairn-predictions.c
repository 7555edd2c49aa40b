#define G_LOG_DOMAIN "cairn-quality"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "cairn-predictions.h"
#include "model/cairn-csv.h"
#include "formats/cairn-format.h"
#include "model/cairn-json.h"

#define MAX_WARNINGS 1000

typedef struct
{
  CairnStore              *store;
  const char              *path;
  CairnPredictionsSummary *summary;
  GHashTable              *labels;       /* name → label id (gint64 *) */
  GHashTable              *items_seen;   /* item id (gint64 *) */
} Import;

static void
warn (Import *im, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
warn (Import *im, const char *format, ...)
{
  va_list args;

  if (im->summary->warnings->len >= MAX_WARNINGS)
    return;
  va_start (args, format);
  g_ptr_array_add (im->summary->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
cairn_predictions_summary_free (CairnPredictionsSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->model);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

void
cairn_model_info_free (CairnModelInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

static gint64
label_id (Import *im, const char *name, GError **error)
{
  gint64 *found = g_hash_table_lookup (im->labels, name);
  CairnImportReport report = { 0 };
  gint64 id;

  if (found)
    return *found;
  id = cairn_format_ensure_label (im->store, name, &report, error);
  if (id == 0)
    return 0;
  im->summary->labels_added += report.labels_added;
  g_hash_table_insert (im->labels, g_strdup (name), g_memdup2 (&id, sizeof id));
  return id;
}

/* By id, then by path relative to the project, then by file name. */
static CairnItem *
find_item (Import *im, const char *ref)
{
  gint64 id = 0;
  guint64 number;

  if (ref == NULL || *ref == '\0')
    return NULL;
  if (g_ascii_string_to_unsigned (ref, 10, 1, G_MAXINT64, &number, NULL))
    id = (gint64) number;
  if (id)
    {
      CairnItem *item = cairn_store_get_item (im->store, id, NULL);
      if (item)
        return item;
    }
  id = cairn_store_find_item_by_uri (im->store, ref);
  if (id == 0)
    {
      g_autofree char *base = g_path_get_basename (ref);
      id = cairn_store_find_item_by_basename (im->store, base, NULL);
    }
  return id ? cairn_store_get_item (im->store, id, NULL) : NULL;
}

static gboolean
add_prediction (Import *im, CairnAnnotation *a, GError **error)
{
  a->origin = CAIRN_ORIGIN_MODEL;
  a->annotator_id = im->summary->model_id;
  if (!cairn_store_add_annotation (im->store, a, error))
    return FALSE;
  if (g_hash_table_add (im->items_seen, g_memdup2 (&a->item_id, sizeof (gint64))))
    im->summary->items++;
  return TRUE;
}

/* names and probs: one class each; the likeliest is the label (the first on a tie). */
static gboolean
add_classification (Import *im, const CairnItem *item, const char *const *names,
                    const double *probs, guint n, GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  JsonObject *p = json_object_new ();
  guint best = 0;

  for (guint c = 0; c < n; c++)
    {
      gint64 id = label_id (im, names[c], error);
      g_autofree char *key = NULL;

      if (id == 0)
        {
          json_object_unref (p);
          return FALSE;
        }
      key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      json_object_set_double_member (p, key, probs[c]);
      if (probs[c] > probs[best])
        best = c;
    }
  a = cairn_annotation_new (item->kind == CAIRN_ITEM_IMAGE ? CAIRN_KIND_TAG : CAIRN_KIND_CLASS);
  a->item_id = item->id;
  a->label_id = label_id (im, names[best], error);
  a->score = probs[best];
  json_object_set_object_member (a->attributes, CAIRN_PREDICTIONS_PROBABILITIES_KEY, p);
  if (!add_prediction (im, a, error))
    return FALSE;
  im->summary->classifications++;
  return TRUE;
}

static gboolean
parse_probability (const char *text, double *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  errno = 0;
  *value = g_ascii_strtod (copy, &end);
  return *copy != '\0' && *end == '\0' && errno != ERANGE && *value >= 0 && *value <= 1;
}

static gboolean
import_csv (Import *im, GError **error)
{
  g_autoptr(CairnCsv) csv = cairn_csv_open (im->path, error);
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *probs = NULL;
  GError *local = NULL;
  int item_col = -1;
  char **row;

  if (csv == NULL)
    return FALSE;
  header = cairn_csv_next_row (csv, &local);
  if (header == NULL)
    {
      if (local == NULL)
        g_set_error (&local, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                     "%s: empty file, expected a header", im->path);
      g_propagate_error (error, local);
      return FALSE;
    }
  for (guint c = 0; header[c]; c++)
    {
      g_strstrip (header[c]);
      if (item_col < 0 && (g_str_equal (header[c], "item") || g_str_equal (header[c], "id")))
        item_col = (int) c;
    }
  if (item_col < 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:1: no “item” (or “id”) column in the header", im->path);
      return FALSE;
    }
  for (guint c = 0; header[c]; c++)
    if ((int) c != item_col)
      g_ptr_array_add (names, header[c]);
  if (names->len < 2)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:1: expected a column per class beside “item”, found %u", im->path,
                   names->len);
      return FALSE;
    }
  probs = g_new (double, names->len);
  while ((row = cairn_csv_next_row (csv, &local)) != NULL)
    {
      g_auto(GStrv) owned = row;
      g_autoptr(CairnItem) item = NULL;
      guint line = cairn_csv_get_line (csv), n = g_strv_length (row);
      gboolean ok = TRUE;

      if (n == 1 && *g_strstrip (row[0]) == '\0')
        continue;
      im->summary->rows++;
      if (n != names->len + 1)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "%s:%u: %u fields, the header has %u", im->path, line, n,
                       names->len + 1);
          return FALSE;
        }
      for (guint c = 0, j = 0; row[c]; c++)
        if ((int) c != item_col && ok)
          {
            ok = parse_probability (row[c], &probs[j]);
            if (!ok)
              {
                g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                             "%s:%u: column “%s”: “%s” is not a probability (0 to 1)",
                             im->path, line, (char *) names->pdata[j], row[c]);
                return FALSE;
              }
            j++;
          }
      item = find_item (im, g_strstrip (row[item_col]));
      if (item == NULL)
        {
          warn (im, "%s:%u: no item “%s” in the project", im->path, line, row[item_col]);
          continue;
        }
      if (!add_classification (im, item, (const char *const *) names->pdata, probs, names->len,
                               error))
        return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static gboolean
jsonl_probabilities (Import *im, const CairnItem *item, JsonObject *o, guint line,
                     GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) probs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l; l = l->next)
    {
      double p;

      if (!cairn_json_number (o, l->data, &p) || !(p >= 0 && p <= 1))
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "%s:%u: probabilities.%s: expected a number from 0 to 1", im->path,
                       line, (char *) l->data);
          return FALSE;
        }
      g_ptr_array_add (names, l->data);
      g_array_append_val (probs, p);
    }
  if (names->len == 0)
    return TRUE;
  return add_classification (im, item, (const char *const *) names->pdata,
                             (const double *) probs->data, names->len, error);
}

static gboolean
jsonl_annotation (Import *im, const CairnItem *item, JsonNode *node, guint line, guint index,
                  GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonArray *bbox = o ? cairn_json_array (o, "bbox") : NULL;
  const char *label = o ? cairn_json_string (o, "label") : NULL;
  double score;

  if (o == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: annotations[%u]: expected an object", im->path, line, index);
      return FALSE;
    }
  /* Our own JSON form, with the label by name and "bbox" as a box's geometry. */
  if (bbox && !json_object_has_member (o, "geometry"))
    {
      g_autoptr(JsonNode) copy = json_node_copy (node);
      JsonObject *co = json_node_get_object (copy);

      json_object_set_array_member (co, "geometry", json_array_ref (bbox));
      if (!json_object_has_member (co, "kind"))
        json_object_set_string_member (co, "kind", "box");
      a = cairn_annotation_from_json_node (copy, &local);
    }
  else
    a = cairn_annotation_from_json_node (node, &local);
  if (a == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: annotations[%u]: %s", im->path, line, index, local->message);
      return FALSE;
    }
  if (!cairn_json_number (o, "score", &score) || !(score >= 0 && score <= 1))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: annotations[%u]: expected a \"score\" from 0 to 1", im->path, line,
                   index);
      return FALSE;
    }
  a->id = 0;
  a->item_id = item->id;
  a->score = score;
  a->label_id = 0;
  if (label && (a->label_id = label_id (im, label, error)) == 0)
    return FALSE;
  if (!add_prediction (im, a, error))
    return FALSE;
  im->summary->shapes++;
  return TRUE;
}

static gboolean
import_jsonl (Import *im, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *line_start, *end;
  guint line = 0;

  if (!g_file_get_contents (im->path, &contents, &length, error))
    return FALSE;
  end = contents + length;
  for (line_start = contents; line_start < end;)
    {
      char *nl = memchr (line_start, '\n', end - line_start);
      gsize len = (nl ? nl : end) - line_start;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(CairnItem) item = NULL;
      JsonObject *o, *probs;
      JsonArray *annotations;
      const char *ref;
      char *text = line_start;

      line++;
      line_start = nl ? nl + 1 : end;
      text[len] = '\0';
      g_strstrip (text);
      if (*text == '\0')
        continue;
      im->summary->rows++;
      parser = json_parser_new_immutable ();
      if (!cairn_json_is_single_value (text, strlen (text))
          || !json_parser_load_from_data (parser, text, -1, &local)
          || (o = cairn_json_root_object (parser)) == NULL)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "%s:%u: expected one JSON object%s%s", im->path, line,
                       local ? ": " : "", local ? local->message : "");
          return FALSE;
        }
      ref = cairn_json_string (o, "item");
      if (ref == NULL && cairn_json_int (o, "item", 0) > 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     cairn_json_int (o, "item", 0));
          item = find_item (im, number);
        }
      else
        item = find_item (im, ref);
      if (item == NULL)
        {
          warn (im, "%s:%u: no item “%s” in the project", im->path, line,
                ref ? ref : "(none)");
          continue;
        }
      probs = cairn_json_object (o, CAIRN_PREDICTIONS_PROBABILITIES_KEY);
      if (probs && !jsonl_probabilities (im, item, probs, line, error))
        return FALSE;
      annotations = cairn_json_array (o, "annotations");
      for (guint i = 0; annotations && i < json_array_get_length (annotations); i++)
        if (!jsonl_annotation (im, item, json_array_get_element (annotations, i), line, i,
                               error))
          return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 model_id;
  gboolean human;
  GArray *ids;
} ScanData;

static gboolean
collect_ids_cb (const CairnAnnotation *a, gpointer user_data)
{
  ScanData *d = user_data;

  g_array_append_val (d->ids, a->id);
  return TRUE;
}

static gboolean
find_human_cb (const CairnAnnotation *a, gpointer user_data)
{
  ScanData *d = user_data;

  if (a->origin != CAIRN_ORIGIN_MODEL)
    {
      d->human = TRUE;
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_import (Import *im, const char *model, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  ScanData scan = { 0 };
  g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *lower = g_ascii_strdown (im->path, -1);

  im->summary->model_id = cairn_store_ensure_annotator (im->store, model, "annotator", error);
  if (im->summary->model_id == 0)
    return FALSE;
  filter.annotator_id = im->summary->model_id;
  if (!cairn_store_foreach_annotation (im->store, &filter, find_human_cb, &scan, error))
    return FALSE;
  if (scan.human)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS,
                   "“%s” is an annotator with annotations of their own; give the model "
                   "another name", model);
      return FALSE;
    }
  /* A model's new predictions replace its old ones. */
  filter.origin = CAIRN_ORIGIN_MODEL;
  scan.ids = old;
  if (!cairn_store_foreach_annotation (im->store, &filter, collect_ids_cb, &scan, error))
    return FALSE;
  for (guint i = 0; i < old->len; i++)
    if (!cairn_store_delete_annotation (im->store, g_array_index (old, gint64, i), error))
      return FALSE;
  im->summary->replaced = old->len;
  if (g_str_has_suffix (lower, ".csv"))
    return import_csv (im, error);
  if (g_str_has_suffix (lower, ".jsonl") || g_str_has_suffix (lower, ".ndjson")
      || g_str_has_suffix (lower, ".json"))
    return import_jsonl (im, error);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
               "%s: expected a .csv or .jsonl file of predictions", im->path);
  return FALSE;
}

CairnPredictionsSummary *
cairn_predictions_import (CairnStore *store, const char *path, const char *model,
                          GError **error)
{
  g_autoptr(CairnPredictionsSummary) summary = g_new0 (CairnPredictionsSummary, 1);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      NULL);
  Import im = { store, path, summary, labels, seen };

  g_return_val_if_fail (CAIRN_IS_STORE (store) && path && model, NULL);
  if (*model == '\0')
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "the model needs a name");
      return NULL;
    }
  summary->model = g_strdup (model);
  summary->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!cairn_store_begin (store, error))
    return NULL;
  if (!run_import (&im, model, error))
    {
      cairn_store_rollback (store);
      return NULL;
    }
  if (!cairn_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&summary);
}

static gboolean
count_models_cb (const CairnAnnotation *a, gpointer user_data)
{
  GHashTable *counts = user_data;
  gpointer n = g_hash_table_lookup (counts, &a->annotator_id);

  if (n == NULL)
    g_hash_table_insert (counts, g_memdup2 (&a->annotator_id, sizeof (gint64)),
                         GUINT_TO_POINTER (1));
  else
    g_hash_table_insert (counts, g_memdup2 (&a->annotator_id, sizeof (gint64)),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
  return TRUE;
}

static int
compare_models (gconstpointer x, gconstpointer y)
{
  const CairnModelInfo *a = *(CairnModelInfo **) x, *b = *(CairnModelInfo **) y;

  return g_strcmp0 (a->name, b->name);
}

GPtrArray *
cairn_predictions_list_models (CairnStore *store, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  g_autoptr(GPtrArray) annotators = NULL;
  GPtrArray *models;

  filter.origin = CAIRN_ORIGIN_MODEL;
  if (!cairn_store_foreach_annotation (store, &filter, count_models_cb, counts, error))
    return NULL;
  annotators = cairn_store_list_annotators (store, error);
  if (annotators == NULL)
    return NULL;
  models = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_model_info_free);
  for (guint i = 0; i < annotators->len; i++)
    {
      CairnAnnotator *who = annotators->pdata[i];
      gpointer n = g_hash_table_lookup (counts, &who->id);
      CairnModelInfo *info;

      if (n == NULL)
        continue;
      info = g_new0 (CairnModelInfo, 1);
      info->id = who->id;
      info->name = g_strdup (who->name);
      info->predictions = GPOINTER_TO_UINT (n);
      g_ptr_array_add (models, info);
    }
  g_ptr_array_sort (models, compare_models);
  return models;
}

gint64
cairn_predictions_find_model (CairnStore *store, const char *name, GError **error)
{
  g_autoptr(GPtrArray) models = cairn_predictions_list_models (store, error);

  if (models == NULL)
    return 0;
  for (guint i = 0; i < models->len; i++)
    {
      CairnModelInfo *info = models->pdata[i];
      if (g_strcmp0 (info->name, name) == 0)
        return info->id;
    }
  return 0;
}

static gboolean
collect_cb (const CairnAnnotation *a, gpointer user_data)
{
  g_ptr_array_add (user_data, cairn_annotation_copy (a));
  return TRUE;
}

static int
compare_scores (gconstpointer x, gconstpointer y)
{
  const CairnAnnotation *a = *(CairnAnnotation **) x, *b = *(CairnAnnotation **) y;

  if (a->score != b->score)
    return a->score < b->score ? 1 : -1;
  return (a->id > b->id) - (a->id < b->id);
}

GPtrArray *
cairn_predictions_list_for_item (CairnStore *store, gint64 item_id, gint64 model_id,
                                 GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);

  g_return_val_if_fail (CAIRN_IS_STORE (store) && item_id > 0, NULL);
  filter.item_id = item_id;
  filter.annotator_id = model_id;
  filter.origin = CAIRN_ORIGIN_MODEL;
  if (!cairn_store_foreach_annotation (store, &filter, collect_cb, out, error))
    return NULL;
  g_ptr_array_sort (out, compare_scores);
  return g_steal_pointer (&out);
}

CairnAnnotation *
cairn_prediction_to_annotation (const CairnAnnotation *prediction, gint64 annotator_id,
                                gint guideline_version)
{
  CairnAnnotation *a = cairn_annotation_copy (prediction);

  a->id = 0;
  a->origin = CAIRN_ORIGIN_HUMAN;
  a->annotator_id = annotator_id;
  a->score = -1;
  a->guideline_version = guideline_version;
  if (json_object_has_member (a->attributes, CAIRN_PREDICTIONS_PROBABILITIES_KEY))
    json_object_remove_member (a->attributes, CAIRN_PREDICTIONS_PROBABILITIES_KEY);
  return a;
}

CairnAnnotation *
cairn_predictions_accept (CairnEditStack *stack, gint64 prediction_id, GError **error)
{
  CairnStore *store;
  g_autoptr(CairnAnnotation) p = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (stack), NULL);
  store = cairn_edit_stack_get_store (stack);
  p = cairn_store_get_annotation (store, prediction_id, error);
  if (p == NULL)
    return NULL;
  if (p->origin != CAIRN_ORIGIN_MODEL)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "annotation %" G_GINT64_FORMAT " is not a model's prediction", prediction_id);
      return NULL;
    }
  a = cairn_prediction_to_annotation (p, cairn_edit_stack_get_annotator (stack),
                                      cairn_store_get_guideline_version (store));
  edit = cairn_edit_new_create (a);
  if (!cairn_edit_stack_push (stack, edit, error))
    return NULL;
  return cairn_store_get_annotation (store, cairn_edit_get_annotation_id (edit, 0), error);
}

double
cairn_prediction_probability (const CairnAnnotation *prediction, gint64 label_id)
{
  JsonObject *probs = cairn_json_object (prediction->attributes,
                                         CAIRN_PREDICTIONS_PROBABILITIES_KEY);
  char key[24];
  double p;

  if (probs == NULL)
    return -1;
  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, label_id);
  return cairn_json_number (probs, key, &p) ? p : -1;
}

void
cairn_predictions_summary_add_json (const CairnPredictionsSummary *s, JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, s->model);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, s->rows);
  json_builder_set_member_name (b, "items");
  json_builder_add_int_value (b, s->items);
  json_builder_set_member_name (b, "classifications");
  json_builder_add_int_value (b, s->classifications);
  json_builder_set_member_name (b, "shapes");
  json_builder_add_int_value (b, s->shapes);
  json_builder_set_member_name (b, "replaced");
  json_builder_add_int_value (b, s->replaced);
  json_builder_set_member_name (b, "labels_added");
  json_builder_add_int_value (b, s->labels_added);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->warnings->len; i++)
    json_builder_add_string_value (b, s->warnings->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}
