#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <stdlib.h>

#include "cairn-quality-data.h"
#include "cairn-quality-report.h"

typedef struct
{
  double  sum;
  guint   n;
  double  lowest;
  char   *lowest_what;
} ItemScore;

typedef struct
{
  CairnStore                *store;
  CairnQualityReport        *report;
  CairnQualityData          *data;
  const CairnQualityOptions *options;
  gint64                     only_label;  /* 0 = every label */
  CairnPairAgreement       **pairs;       /* n × n, a < b, made when first needed */
  GHashTable                *by_label;    /* label id → CairnLabelAgreement (in per_label) */
  GHashTable                *scores;      /* item id → ItemScore */
} Build;

static void
item_score_free (ItemScore *s)
{
  g_free (s->lowest_what);
  g_free (s);
}

static void
label_agreement_free (CairnLabelAgreement *l)
{
  g_free (l->name);
  cairn_agreement_free (l->alpha);
  g_free (l);
}

static void
pair_free (CairnPairAgreement *p)
{
  g_free (p->a_name);
  g_free (p->b_name);
  cairn_agreement_free (p->kappa);
  cairn_agreement_free (p->percent);
  g_free (p->confusion);
  g_free (p);
}

static void
flag_free (CairnItemFlag *f)
{
  g_free (f->reason);
  g_free (f);
}

void
cairn_quality_report_free (CairnQualityReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  cairn_agreement_free (self->percent);
  cairn_agreement_free (self->fleiss);
  cairn_agreement_free (self->alpha);
  g_free (self->confusion);
  cairn_dawid_skene_free (self->dawid_skene);
  g_clear_pointer (&self->ds_categories, g_ptr_array_unref);
  cairn_agreement_free (self->unitizing);
  g_clear_pointer (&self->per_label, g_ptr_array_unref);
  g_clear_pointer (&self->per_pair, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self);
}

gboolean
cairn_quality_get_threshold (CairnStore *store, double *threshold, GError **error)
{
  g_autofree char *text = cairn_store_dup_meta (store, CAIRN_QUALITY_THRESHOLD_KEY);
  char *end;
  double v;

  *threshold = CAIRN_QUALITY_DEFAULT_THRESHOLD;
  if (text == NULL || *g_strstrip (text) == '\0')
    return TRUE;
  v = g_ascii_strtod (text, &end);
  if (*end != '\0' || !(v >= 0 && v <= 1))
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "the project's %s “%s” is not a number from 0 to 1",
                   CAIRN_QUALITY_THRESHOLD_KEY, text);
      return FALSE;
    }
  *threshold = v;
  return TRUE;
}

static const char *
annotator_name (Build *b, guint r)
{
  return ((CairnAnnotator *) b->data->annotators->pdata[r])->name;
}

static char *
item_name (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static CairnPairAgreement *
pair_for (Build *b, guint ra, guint rb)
{
  guint n = b->data->annotators->len, k = b->data->labels->len;
  CairnPairAgreement **slot = &b->pairs[ra * n + rb];

  if (*slot == NULL)
    {
      CairnAnnotator *a = b->data->annotators->pdata[ra], *c = b->data->annotators->pdata[rb];

      *slot = g_new0 (CairnPairAgreement, 1);
      (*slot)->a = a->id;
      (*slot)->b = c->id;
      (*slot)->a_name = g_strdup (a->name);
      (*slot)->b_name = g_strdup (c->name);
      (*slot)->confusion = g_new0 (guint, MAX (k * k, 1));
      g_ptr_array_add (b->report->per_pair, *slot);
    }
  return *slot;
}

static CairnLabelAgreement *
label_for (Build *b, gint64 label_id)
{
  CairnLabelAgreement *l = g_hash_table_lookup (b->by_label, &label_id);

  if (l == NULL)
    {
      l = g_new0 (CairnLabelAgreement, 1);
      l->label_id = label_id;
      l->name = g_strdup (cairn_quality_data_label_name (b->data, label_id));
      g_hash_table_insert (b->by_label, g_memdup2 (&label_id, sizeof label_id), l);
      g_ptr_array_add (b->report->per_label, l);
    }
  return l;
}

/* One pair's agreement on one item, for flagging; the lowest is named in the reason. */
static void
score_item (Build *b, gint64 item_id, double score, const char *what, guint ra, guint rb)
{
  ItemScore *s = g_hash_table_lookup (b->scores, &item_id);

  if (!isfinite (score))
    return;
  if (s == NULL)
    {
      s = g_new0 (ItemScore, 1);
      s->lowest = INFINITY;
      g_hash_table_insert (b->scores, g_memdup2 (&item_id, sizeof item_id), s);
    }
  s->sum += score;
  s->n++;
  if (score < s->lowest)
    {
      s->lowest = score;
      g_free (s->lowest_what);
      s->lowest_what = g_strdup_printf ("%s, %s vs %s", what, annotator_name (b, ra),
                                        annotator_name (b, rb));
    }
}

/* Classification */

static GArray *
class_labels (const CairnQualityItem *item, guint r, gint64 only_label)
{
  g_autoptr(GPtrArray) tags = cairn_quality_item_select (item, r, cairn_kind_is_classification,
                                                         only_label);
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < tags->len; i++)
    {
      const CairnAnnotation *a = tags->pdata[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < labels->len; j++)
        seen |= g_array_index (labels, gint64, j) == a->label_id;
      if (!seen)
        g_array_append_val (labels, a->label_id);
    }
  return labels;
}

static gboolean
is_class_item (const CairnQualityItem *item, guint n)
{
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(GPtrArray) tags = cairn_quality_item_select (item, r,
                                                             cairn_kind_is_classification, 0);
      if (tags->len > 0)
        return TRUE;
    }
  return FALSE;
}

/* Items × annotators. binary_label 0: each annotator's one label (several are stacked, left
 * out and reported when report_stacked); otherwise "yes"/"no" for that label. */
static CairnRatings *
class_ratings (Build *b, gint64 binary_label, gboolean report_stacked)
{
  CairnRatings *r = cairn_ratings_new ();
  guint n = b->data->annotators->len;

  for (guint a = 0; a < n; a++)
    cairn_ratings_add_rater (r, annotator_name (b, a));
  for (guint i = 0; i < b->data->items->len; i++)
    {
      const CairnQualityItem *item = b->data->items->pdata[i];
      g_autofree char *id = NULL;
      guint row;

      if (!is_class_item (item, n))
        continue;
      id = item_name (item->item_id);
      row = cairn_ratings_add_item (r, id);
      for (guint a = 0; a < n; a++)
        {
          g_autoptr(GArray) labels = NULL;

          if (item->by_annotator[a] == NULL)
            continue;
          labels = class_labels (item, a, binary_label ? 0 : b->only_label);
          if (binary_label)
            {
              gboolean has = FALSE;
              for (guint j = 0; j < labels->len; j++)
                has |= g_array_index (labels, gint64, j) == binary_label;
              cairn_ratings_set (r, row, a, has ? "yes" : "no");
            }
          else if (labels->len == 1)
            cairn_ratings_set (r, row, a, cairn_quality_data_label_name (
                                 b->data, g_array_index (labels, gint64, 0)));
          else if (labels->len > 1 && report_stacked)
            g_ptr_array_add (b->report->skipped,
                             cairn_skip_new (id, CAIRN_SKIP_STACKED,
                                             "%s gave %u labels; single-label figures leave the "
                                             "item out for them (see the per-label figures)",
                                             annotator_name (b, a), labels->len));
        }
    }
  return r;
}

static CairnAgreement *
compute_quietly (const CairnRatings *r, CairnMetric metric, const CairnQualityOptions *options,
                 gboolean bootstrap)
{
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (metric);

  if (cairn_ratings_count_rated_items (r) == 0)
    return NULL;
  if (bootstrap)
    {
      o.bootstrap = options->bootstrap;
      o.seed = options->seed;
    }
  /* Too few raters is no error for a project: the figure is simply absent. */
  return cairn_agreement_compute (r, &o, NULL);
}

static void
classification_pairs (Build *b, CairnRatings *ratings)
{
  guint n = b->data->annotators->len, k = b->data->labels->len;

  for (guint ra = 0; ra < n; ra++)
    for (guint rb = ra + 1; rb < n; rb++)
      {
        const guint pick[] = { ra, rb };
        g_autoptr(CairnRatings) two = cairn_ratings_select_raters (ratings, pick, 2);
        CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_COHEN);
        CairnPairAgreement *p;
        gboolean shared = FALSE;

        for (guint i = 0; i < cairn_ratings_get_n_items (two); i++)
          shared |= cairn_ratings_get (two, i, 0) >= 0 && cairn_ratings_get (two, i, 1) >= 0;
        if (!shared)
          continue;
        p = pair_for (b, ra, rb);
        p->kappa = cairn_agreement_compute (two, &o, NULL);
        o.metric = CAIRN_METRIC_PERCENT;
        p->percent = cairn_agreement_compute (two, &o, NULL);
        for (guint i = 0; i < cairn_ratings_get_n_items (two); i++)
          {
            gint x = cairn_ratings_get (two, i, 0), y = cairn_ratings_get (two, i, 1);
            gint lx, ly;

            if (x < 0 || y < 0 || b->only_label)
              continue;
            /* Categories are label names; map them back to label indices. */
            lx = ly = -1;
            for (guint l = 0; l < k; l++)
              {
                const char *name = ((CairnLabel *) b->data->labels->pdata[l])->name;
                if (g_str_equal (name, cairn_ratings_get_category (two, x)))
                  lx = (gint) l;
                if (g_str_equal (name, cairn_ratings_get_category (two, y)))
                  ly = (gint) l;
              }
            if (lx >= 0 && ly >= 0)
              {
                p->confusion[lx * k + ly]++;
                b->report->confusion[lx * k + ly]++;
              }
          }
      }
}

static void
classification_item_scores (Build *b)
{
  guint n = b->data->annotators->len;

  for (guint i = 0; i < b->data->items->len; i++)
    {
      const CairnQualityItem *item = b->data->items->pdata[i];

      if (!is_class_item (item, n))
        continue;
      for (guint ra = 0; ra < n; ra++)
        for (guint rb = ra + 1; rb < n; rb++)
          {
            g_autoptr(GArray) x = NULL, y = NULL;
            guint both = 0;

            if (!item->by_annotator[ra] || !item->by_annotator[rb])
              continue;
            x = class_labels (item, ra, b->only_label);
            y = class_labels (item, rb, b->only_label);
            if (x->len + y->len == 0)
              continue;
            for (guint s = 0; s < x->len; s++)
              for (guint t = 0; t < y->len; t++)
                both += g_array_index (x, gint64, s) == g_array_index (y, gint64, t);
            /* Jaccard of the label sets: 1 or 0 for single labels. */
            score_item (b, item->item_id, (double) both / (x->len + y->len - both),
                        "labels", ra, rb);
          }
    }
}

static void
classification (Build *b)
{
  g_autoptr(CairnRatings) ratings = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = b->data->annotators->len;

  if (b->only_label)
    ratings = class_ratings (b, b->only_label, FALSE);
  else
    ratings = class_ratings (b, 0, TRUE);
  if (cairn_ratings_get_n_items (ratings) == 0)
    return;
  b->report->percent = compute_quietly (ratings, CAIRN_METRIC_PERCENT, b->options, TRUE);
  b->report->fleiss = compute_quietly (ratings, CAIRN_METRIC_FLEISS, b->options, TRUE);
  b->report->alpha = compute_quietly (ratings, CAIRN_METRIC_KRIPPENDORFF, b->options, TRUE);
  if (n >= 2 && cairn_ratings_get_n_categories (ratings) > 0)
    {
      b->report->dawid_skene = cairn_dawid_skene (ratings, 200, 1e-8);
      b->report->ds_categories = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < cairn_ratings_get_n_categories (ratings); c++)
        g_ptr_array_add (b->report->ds_categories,
                         g_strdup (cairn_ratings_get_category (ratings, c)));
    }
  classification_pairs (b, ratings);
  classification_item_scores (b);

  /* Per label: chose it or not. */
  for (guint i = 0; i < b->data->items->len; i++)
    {
      const CairnQualityItem *item = b->data->items->pdata[i];
      for (guint a = 0; a < n; a++)
        {
          g_autoptr(GArray) labels = item->by_annotator[a] ? class_labels (item, a, b->only_label)
                                                           : NULL;
          for (guint j = 0; labels && j < labels->len; j++)
            g_hash_table_add (used, g_memdup2 (&g_array_index (labels, gint64, j),
                                               sizeof (gint64)));
        }
    }
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, used);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(CairnRatings) binary = class_ratings (b, *(gint64 *) key, FALSE);
        CairnLabelAgreement *l = label_for (b, *(gint64 *) key);

        l->alpha = compute_quietly (binary, CAIRN_METRIC_KRIPPENDORFF, b->options, FALSE);
      }
  }
}

/* Structured kinds, item by item */

static GHashTable *
labels_in (GPtrArray *x, GPtrArray *y)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *both[] = { x, y };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < both[s]->len; i++)
      {
        const CairnAnnotation *a = both[s]->pdata[i];
        g_hash_table_add (set, g_memdup2 (&a->label_id, sizeof (gint64)));
      }
  return set;
}

static void
spans_pair (Build *b, const CairnQualityItem *item, guint ra, guint rb)
{
  g_autoptr(GPtrArray) x = cairn_quality_item_select (item, ra, cairn_kind_is_span, b->only_label);
  g_autoptr(GPtrArray) y = cairn_quality_item_select (item, rb, cairn_kind_is_span, b->only_label);
  g_autoptr(GHashTable) labels = NULL;
  CairnSpanCounts here = { 0 };
  CairnPairAgreement *p;
  GHashTableIter iter;
  gpointer key;

  if (x->len + y->len == 0)
    return;
  p = pair_for (b, ra, rb);
  cairn_span_counts_add (&here, x, y, 0);
  p->spans.n_a += here.n_a;
  p->spans.n_b += here.n_b;
  p->spans.exact += here.exact;
  p->spans.overlap_a += here.overlap_a;
  p->spans.overlap_b += here.overlap_b;
  p->spans.boundary += here.boundary;
  if (here.boundary > 0)
    {
      g_autofree char *id = item_name (item->item_id);
      g_ptr_array_add (b->report->skipped,
                       cairn_skip_new (id, CAIRN_SKIP_BOUNDARY,
                                       "%s vs %s: %u span%s overlap with the same label but other "
                                       "boundaries; exact matching leaves them out",
                                       p->a_name, p->b_name, here.boundary,
                                       here.boundary == 1 ? "" : "s"));
    }
  labels = labels_in (x, y);
  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    cairn_span_counts_add (&label_for (b, *(gint64 *) key)->spans, x, y, *(gint64 *) key);
  score_item (b, item->item_id, isfinite (cairn_span_overlap_f1 (&here))
                                  ? cairn_span_overlap_f1 (&here) : 0, "spans", ra, rb);
}

static GPtrArray *
select_label (GPtrArray *shapes, gint64 label_id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < shapes->len; i++)
    if (((CairnAnnotation *) shapes->pdata[i])->label_id == label_id)
      g_ptr_array_add (out, shapes->pdata[i]);
  return out;
}

static void
shapes_pair (Build *b, const CairnQualityItem *item, guint ra, guint rb)
{
  g_autoptr(GPtrArray) x = cairn_quality_item_select (item, ra, cairn_kind_has_area, b->only_label);
  g_autoptr(GPtrArray) y = cairn_quality_item_select (item, rb, cairn_kind_has_area, b->only_label);
  g_autoptr(GHashTable) labels = NULL;
  CairnShapeCounts here = { 0 };
  CairnPairAgreement *p;
  GHashTableIter iter;
  gpointer key;

  if (x->len + y->len == 0)
    return;
  p = pair_for (b, ra, rb);
  cairn_shape_counts_add (&here, x, y, b->options->iou_threshold);
  p->shapes.n_a += here.n_a;
  p->shapes.n_b += here.n_b;
  p->shapes.matched += here.matched;
  p->shapes.same_label += here.same_label;
  p->shapes.iou_sum += here.iou_sum;
  if (here.matched < here.n_a || here.matched < here.n_b)
    {
      g_autofree char *id = item_name (item->item_id);
      g_ptr_array_add (b->report->skipped,
                       cairn_skip_new (id, CAIRN_SKIP_UNMATCHED,
                                       "%s vs %s: %u of %s's and %u of %s's shapes have no "
                                       "partner with IoU ≥ %.2f", p->a_name, p->b_name,
                                       here.n_a - here.matched, p->a_name,
                                       here.n_b - here.matched, p->b_name,
                                       b->options->iou_threshold));
    }
  labels = labels_in (x, y);
  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GPtrArray) lx = select_label (x, *(gint64 *) key);
      g_autoptr(GPtrArray) ly = select_label (y, *(gint64 *) key);
      cairn_shape_counts_add (&label_for (b, *(gint64 *) key)->shapes, lx, ly,
                              b->options->iou_threshold);
    }
  /* Matched with the same label, as an F1. */
  score_item (b, item->item_id, 2.0 * here.same_label / (here.n_a + here.n_b), "shapes", ra, rb);
}

static void
keypoints_pair (Build *b, const CairnQualityItem *item, guint ra, guint rb)
{
  g_autoptr(GPtrArray) x = cairn_quality_item_select (item, ra, cairn_kind_is_keypoints,
                                                      b->only_label);
  g_autoptr(GPtrArray) y = cairn_quality_item_select (item, rb, cairn_kind_is_keypoints,
                                                      b->only_label);
  CairnShapeCounts here = { 0 };
  CairnPairAgreement *p;

  if (x->len + y->len == 0)
    return;
  p = pair_for (b, ra, rb);
  cairn_keypoint_counts_add_with_labels (&here, x, y, b->options->oks_threshold,
                                         b->data->labels);
  p->keypoints.n_a += here.n_a;
  p->keypoints.n_b += here.n_b;
  p->keypoints.matched += here.matched;
  p->keypoints.same_label += here.same_label;
  p->keypoints.iou_sum += here.iou_sum;
  score_item (b, item->item_id, here.iou_sum / MAX (here.n_a, here.n_b), "keypoints", ra, rb);
}

static void
transcripts_pair (Build *b, const CairnQualityItem *item, guint ra, guint rb)
{
  g_autoptr(GPtrArray) x = cairn_quality_item_select (item, ra, cairn_kind_is_transcript,
                                                      b->only_label);
  g_autoptr(GPtrArray) y = cairn_quality_item_select (item, rb, cairn_kind_is_transcript,
                                                      b->only_label);
  g_autofree char *tx = NULL, *ty = NULL;
  CairnPairAgreement *p;
  guint we, wl, ce, cl;
  double cer;

  if (x->len + y->len == 0)
    return;
  p = pair_for (b, ra, rb);
  tx = cairn_transcript_text (x);
  ty = cairn_transcript_text (y);
  cairn_word_error_rate (tx, ty, &we, &wl);
  cer = cairn_char_error_rate (tx, ty, &ce, &cl);
  p->transcripts++;
  p->word_edits += we;
  p->words += wl;
  p->char_edits += ce;
  p->chars += cl;
  score_item (b, item->item_id, MAX (0, 1 - cer), "transcripts", ra, rb);
}

static void
uncompared (Build *b, const CairnQualityItem *item)
{
  guint counts[CAIRN_N_KINDS] = { 0 };
  g_autofree char *id = NULL;

  for (guint r = 0; r < b->data->annotators->len; r++)
    for (guint i = 0; item->by_annotator[r] && i < item->by_annotator[r]->len; i++)
      {
        const CairnAnnotation *a = item->by_annotator[r]->pdata[i];
        if (cairn_kind_is_uncompared (a->kind))
          counts[a->kind]++;
      }
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    if (counts[k] > 0)
      {
        if (id == NULL)
          id = item_name (item->item_id);
        g_ptr_array_add (b->report->skipped,
                         cairn_skip_new (id, CAIRN_SKIP_UNSUPPORTED,
                                         "%u %s annotation%s: no agreement measure compares "
                                         "this kind", counts[k], cairn_kind_to_string (k),
                                         counts[k] == 1 ? "" : "s"));
      }
}

static guint
text_length (Build *b, const CairnQualityItem *item, GPtrArray **spans, guint n)
{
  g_autoptr(CairnItem) it = cairn_store_get_item (b->store, item->item_id, NULL);
  guint length = 0;

  if (it && it->text)
    return (guint) g_utf8_strlen (it->text, -1);
  for (guint r = 0; r < n; r++)
    for (guint i = 0; i < spans[r]->len; i++)
      {
        CairnAnnotation *s = spans[r]->pdata[i];
        length = MAX (length, (guint) MAX (g_array_index (s->coords, double, 1), 0));
      }
  return length;
}

static void
unitize_item (Build *b, CairnUnitizing *u, const CairnQualityItem *item)
{
  guint n = b->data->annotators->len, m = 0, total = 0;
  g_autofree GPtrArray **spans = g_new0 (GPtrArray *, MAX (n, 1));
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));
  g_autofree char *id = item_name (item->item_id);

  for (guint r = 0; r < n; r++)
    if (item->by_annotator[r])
      {
        spans[m] = cairn_quality_item_select (item, r, cairn_kind_is_span, b->only_label);
        names[m] = annotator_name (b, r);
        total += spans[m]->len;
        m++;
      }
  if (total > 0)
    cairn_unitizing_add (u, id, text_length (b, item, spans, m), spans, names, m);
  for (guint r = 0; r < m; r++)
    g_ptr_array_unref (spans[r]);
}

static void
structured (Build *b)
{
  g_autoptr(CairnUnitizing) u = cairn_unitizing_new ();
  guint n = b->data->annotators->len;
  gboolean any_spans = FALSE;

  for (guint i = 0; i < b->data->items->len; i++)
    {
      const CairnQualityItem *item = b->data->items->pdata[i];

      for (guint ra = 0; ra < n; ra++)
        for (guint rb = ra + 1; rb < n; rb++)
          if (item->by_annotator[ra] && item->by_annotator[rb])
            {
              pair_for (b, ra, rb)->items++;
              spans_pair (b, item, ra, rb);
              shapes_pair (b, item, ra, rb);
              keypoints_pair (b, item, ra, rb);
              transcripts_pair (b, item, ra, rb);
            }
      for (guint r = 0; r < n && !any_spans; r++)
        {
          g_autoptr(GPtrArray) s = cairn_quality_item_select (item, r, cairn_kind_is_span,
                                                              b->only_label);
          any_spans = s->len > 0;
        }
      unitize_item (b, u, item);
      uncompared (b, item);
    }
  if (any_spans)
    b->report->unitizing = cairn_unitizing_finish (u);
}

static int
compare_flags (gconstpointer x, gconstpointer y)
{
  const CairnItemFlag *a = *(CairnItemFlag **) x, *c = *(CairnItemFlag **) y;

  if (a->agreement != c->agreement)
    return a->agreement < c->agreement ? -1 : 1;
  return (a->item_id > c->item_id) - (a->item_id < c->item_id);
}

static void
flag_items (Build *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, b->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ItemScore *s = value;
      double mean = s->sum / s->n;
      CairnItemFlag *f;

      if (mean >= b->report->threshold)
        continue;
      f = g_new0 (CairnItemFlag, 1);
      f->item_id = *(gint64 *) key;
      f->agreement = mean;
      f->reason = g_strdup_printf ("agreement %.2f is below the threshold %.2f (lowest: %s, "
                                   "%.2f)", mean, b->report->threshold, s->lowest_what,
                                   s->lowest);
      g_ptr_array_add (b->report->flags, f);
    }
  g_ptr_array_sort (b->report->flags, compare_flags);
}

static int
compare_labels (gconstpointer x, gconstpointer y)
{
  const CairnLabelAgreement *a = *(CairnLabelAgreement **) x, *c = *(CairnLabelAgreement **) y;

  return g_utf8_collate (a->name, c->name);
}

static int
compare_pairs (gconstpointer x, gconstpointer y)
{
  const CairnPairAgreement *a = *(CairnPairAgreement **) x, *c = *(CairnPairAgreement **) y;

  if (a->a != c->a)
    return (a->a > c->a) - (a->a < c->a);
  return (a->b > c->b) - (a->b < c->b);
}

CairnQualityReport *
cairn_quality_report_compute (CairnStore *store, const CairnQualityOptions *options,
                              GError **error)
{
  g_autoptr(CairnQualityReport) report = g_new0 (CairnQualityReport, 1);
  g_autoptr(CairnQualityData) data = NULL;
  g_autoptr(GHashTable) by_label = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) item_score_free);
  g_autofree CairnPairAgreement **pairs = NULL;
  Build b = { store, report, NULL, options, 0, NULL, by_label, scores };

  g_return_val_if_fail (CAIRN_IS_STORE (store) && options != NULL, NULL);
  report->per_label = g_ptr_array_new_with_free_func ((GDestroyNotify) label_agreement_free);
  report->per_pair = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  report->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_skip_free);
  report->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) flag_free);
  if (options->threshold >= 0)
    report->threshold = options->threshold;
  else if (!cairn_quality_get_threshold (store, &report->threshold, error))
    return NULL;
  if ((data = cairn_quality_data_load (store, options->kind, error)) == NULL)
    return NULL;
  b.data = data;
  if (options->label)
    {
      for (guint l = 0; l < data->labels->len && !b.only_label; l++)
        if (g_str_equal (((CairnLabel *) data->labels->pdata[l])->name, options->label))
          b.only_label = ((CairnLabel *) data->labels->pdata[l])->id;
      if (!b.only_label)
        {
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                       "no label named “%s”", options->label);
          return NULL;
        }
    }
  report->n_items = data->items->len;
  report->confusion = g_new0 (guint, MAX (data->labels->len * data->labels->len, 1));
  pairs = g_new0 (CairnPairAgreement *, MAX (data->annotators->len * data->annotators->len, 1));
  b.pairs = pairs;
  if (data->anonymous)
    g_ptr_array_add (report->skipped,
                     cairn_skip_new ("*", CAIRN_SKIP_MISSING, "%u annotation%s with no "
                                     "annotator", data->anonymous,
                                     data->anonymous == 1 ? "" : "s"));

  classification (&b);
  structured (&b);
  flag_items (&b);
  g_ptr_array_sort (report->per_label, compare_labels);
  g_ptr_array_sort (report->per_pair, compare_pairs);
  /* The report keeps the annotators and labels the matrices are indexed by. */
  report->annotators = g_steal_pointer (&data->annotators);
  data->annotators = g_ptr_array_new ();
  for (guint i = 0; i < data->items->len; i++)
    {
      CairnQualityItem *item = data->items->pdata[i];
      for (guint r = 0; r < report->annotators->len; r++)
        g_clear_pointer (&item->by_annotator[r], g_ptr_array_unref);
    }
  report->labels = g_steal_pointer (&data->labels);
  data->labels = g_ptr_array_new ();
  return g_steal_pointer (&report);
}

gboolean
cairn_quality_report_flag_items (CairnStore *store, CairnQualityReport *report, GError **error)
{
  if (report->flags->len == 0)
    return TRUE;
  if (!cairn_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < report->flags->len; i++)
    {
      CairnItemFlag *f = report->flags->pdata[i];
      g_autoptr(CairnItem) item = cairn_store_get_item (store, f->item_id, error);
      const char *old;

      if (item == NULL)
        {
          cairn_store_rollback (store);
          return FALSE;
        }
      /* A reviewer's decision stands. */
      if (item->state == CAIRN_STATE_ACCEPTED || item->state == CAIRN_STATE_REJECTED)
        continue;
      old = json_object_get_string_member_with_default (item->meta, CAIRN_QUALITY_REASON_KEY,
                                                        NULL);
      f->written = TRUE;
      if (item->state == CAIRN_STATE_REVIEW && g_strcmp0 (old, f->reason) == 0)
        continue;
      item->state = CAIRN_STATE_REVIEW;
      json_object_set_string_member (item->meta, CAIRN_QUALITY_REASON_KEY, f->reason);
      if (!cairn_store_update_item (store, item, error))
        {
          cairn_store_rollback (store);
          return FALSE;
        }
    }
  return cairn_store_commit (store, error);
}

/* JSON */

static void
add_int (JsonBuilder *b, const char *member, gint64 value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

static void
add_agreement (JsonBuilder *b, const char *member, const CairnAgreement *a)
{
  json_builder_set_member_name (b, member);
  if (a)
    cairn_agreement_add_json (a, b);
  else
    json_builder_add_null_value (b);
}

static void
add_matrix (JsonBuilder *b, const char *member, const guint *m, guint k)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < k; i++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < k; j++)
        json_builder_add_int_value (b, m[i * k + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_spans (JsonBuilder *b, const CairnSpanCounts *c)
{
  json_builder_set_member_name (b, "spans");
  json_builder_begin_object (b);
  add_int (b, "a", c->n_a);
  add_int (b, "b", c->n_b);
  add_int (b, "exact", c->exact);
  add_int (b, "boundary_mismatch", c->boundary);
  cairn_json_add_double (b, "exact_precision", cairn_span_exact_precision (c));
  cairn_json_add_double (b, "exact_recall", cairn_span_exact_recall (c));
  cairn_json_add_double (b, "exact_f1", cairn_span_exact_f1 (c));
  cairn_json_add_double (b, "overlap_precision", cairn_span_overlap_precision (c));
  cairn_json_add_double (b, "overlap_recall", cairn_span_overlap_recall (c));
  cairn_json_add_double (b, "overlap_f1", cairn_span_overlap_f1 (c));
  json_builder_end_object (b);
}

static void
add_shapes (JsonBuilder *b, const char *member, const CairnShapeCounts *c, const char *score)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_int (b, "a", c->n_a);
  add_int (b, "b", c->n_b);
  add_int (b, "matched", c->matched);
  cairn_json_add_double (b, score, cairn_shape_mean_iou (c));
  cairn_json_add_double (b, "label_agreement", cairn_shape_label_agreement (c));
  cairn_json_add_double (b, "f1", cairn_shape_f1 (c));
  json_builder_end_object (b);
}

static void
add_dawid_skene (JsonBuilder *b, const CairnQualityReport *self)
{
  const CairnDawidSkene *ds = self->dawid_skene;

  json_builder_set_member_name (b, "dawid_skene");
  if (ds == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint c = 0; c < self->ds_categories->len; c++)
    json_builder_add_string_value (b, self->ds_categories->pdata[c]);
  json_builder_end_array (b);
  add_int (b, "iterations", ds->iterations);
  cairn_json_add_double (b, "log_likelihood", ds->log_likelihood);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_array (b);
  for (guint r = 0; r < ds->n_raters; r++)
    {
      json_builder_begin_object (b);
      add_string (b, "name", ((CairnAnnotator *) self->annotators->pdata[r])->name);
      cairn_json_add_double (b, "reliability", ds->reliability[r]);
      json_builder_set_member_name (b, "confusion");
      json_builder_begin_array (b);
      for (guint j = 0; j < ds->k; j++)
        {
          json_builder_begin_array (b);
          for (guint l = 0; l < ds->k; l++)
            json_builder_add_double_value (b, cairn_dawid_skene_confusion (ds, r, j, l));
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_pair (JsonBuilder *b, const CairnPairAgreement *p, guint k)
{
  json_builder_begin_object (b);
  add_string (b, "a", p->a_name);
  add_string (b, "b", p->b_name);
  add_int (b, "items", p->items);
  add_agreement (b, "kappa", p->kappa);
  add_agreement (b, "percent", p->percent);
  add_matrix (b, "confusion", p->confusion, k);
  add_spans (b, &p->spans);
  add_shapes (b, "shapes", &p->shapes, "mean_iou");
  add_shapes (b, "keypoints", &p->keypoints, "mean_oks");
  json_builder_set_member_name (b, "transcripts");
  json_builder_begin_object (b);
  add_int (b, "items", p->transcripts);
  cairn_json_add_double (b, "wer", p->words ? (double) p->word_edits / p->words : NAN);
  cairn_json_add_double (b, "cer", p->chars ? (double) p->char_edits / p->chars : NAN);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

void
cairn_quality_report_add_json (const CairnQualityReport *self, JsonBuilder *b)
{
  guint k = self->labels->len;

  json_builder_begin_object (b);
  cairn_json_add_double (b, "threshold", self->threshold);
  add_int (b, "items", self->n_items);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->annotators->len; r++)
    json_builder_add_string_value (b, ((CairnAnnotator *) self->annotators->pdata[r])->name);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint l = 0; l < k; l++)
    json_builder_add_string_value (b, ((CairnLabel *) self->labels->pdata[l])->name);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "classification");
  json_builder_begin_object (b);
  add_agreement (b, "percent", self->percent);
  add_agreement (b, "fleiss", self->fleiss);
  add_agreement (b, "krippendorff", self->alpha);
  add_matrix (b, "confusion", self->confusion, k);
  add_dawid_skene (b, self);
  json_builder_end_object (b);
  add_agreement (b, "unitizing_alpha", self->unitizing);

  json_builder_set_member_name (b, "per_label");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->per_label->len; i++)
    {
      const CairnLabelAgreement *l = self->per_label->pdata[i];
      json_builder_begin_object (b);
      add_string (b, "label", l->name);
      add_agreement (b, "alpha", l->alpha);
      add_spans (b, &l->spans);
      add_shapes (b, "shapes", &l->shapes, "mean_iou");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "per_pair");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->per_pair->len; i++)
    add_pair (b, self->per_pair->pdata[i], k);
  json_builder_end_array (b);
  cairn_skips_add_json (self->skipped, b);
  json_builder_set_member_name (b, "flagged");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->flags->len; i++)
    {
      const CairnItemFlag *f = self->flags->pdata[i];
      json_builder_begin_object (b);
      add_int (b, "item", f->item_id);
      cairn_json_add_double (b, "agreement", f->agreement);
      add_string (b, "reason", f->reason);
      json_builder_set_member_name (b, "written");
      json_builder_add_boolean_value (b, f->written);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Text */

static void
append_value (GString *s, double v)
{
  if (isfinite (v))
    g_string_append_printf (s, "%.3f", v);
  else
    g_string_append (s, "—");
}

static void
append_agreement (GString *s, const char *title, const CairnAgreement *a)
{
  if (a == NULL)
    return;
  g_string_append_printf (s, "  %-22s ", title);
  append_value (s, a->value);
  if (isfinite (a->ci_low))
    g_string_append_printf (s, "  [%.3f, %.3f]", a->ci_low, a->ci_high);
  g_string_append_printf (s, "  (%u items, %u annotators", a->n_items, a->n_raters);
  if (a->skipped->len)
    g_string_append_printf (s, "; %u item%s left out, see --json", a->skipped->len,
                            a->skipped->len == 1 ? "" : "s");
  g_string_append (s, ")\n");
}

char *
cairn_quality_report_to_text (const CairnQualityReport *self)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Agreement over %u items, %u annotators (human annotations only)\n",
                          self->n_items, self->annotators->len);
  if (self->alpha || self->percent)
    {
      g_string_append (s, "Classification:\n");
      append_agreement (s, "percent agreement", self->percent);
      append_agreement (s, "Fleiss' kappa", self->fleiss);
      append_agreement (s, "Krippendorff's alpha", self->alpha);
    }
  if (self->unitizing)
    {
      g_string_append (s, "Spans:\n");
      append_agreement (s, "unitizing alpha", self->unitizing);
    }
  if (self->dawid_skene)
    {
      g_string_append (s, "Dawid–Skene reliability:\n");
      for (guint r = 0; r < self->dawid_skene->n_raters; r++)
        {
          g_string_append_printf (s, "  %-22s ",
                                  ((CairnAnnotator *) self->annotators->pdata[r])->name);
          append_value (s, self->dawid_skene->reliability[r]);
          g_string_append_c (s, '\n');
        }
    }
  if (self->per_label->len)
    g_string_append (s, "Per label (alpha · span F1 exact/overlap · shape F1 / mean IoU):\n");
  for (guint i = 0; i < self->per_label->len; i++)
    {
      const CairnLabelAgreement *l = self->per_label->pdata[i];
      g_string_append_printf (s, "  %-22s ", l->name);
      append_value (s, l->alpha ? l->alpha->value : NAN);
      g_string_append (s, " · ");
      append_value (s, cairn_span_exact_f1 (&l->spans));
      g_string_append_c (s, '/');
      append_value (s, cairn_span_overlap_f1 (&l->spans));
      g_string_append (s, " · ");
      append_value (s, cairn_shape_f1 (&l->shapes));
      g_string_append_c (s, '/');
      append_value (s, cairn_shape_mean_iou (&l->shapes));
      g_string_append_c (s, '\n');
    }
  if (self->per_pair->len)
    g_string_append (s, "Per pair (items · kappa · span F1 · shape F1, IoU, labels · OKS · WER, "
                        "CER):\n");
  for (guint i = 0; i < self->per_pair->len; i++)
    {
      const CairnPairAgreement *p = self->per_pair->pdata[i];
      g_string_append_printf (s, "  %s vs %s: %u · ", p->a_name, p->b_name, p->items);
      append_value (s, p->kappa ? p->kappa->value : NAN);
      g_string_append (s, " · ");
      append_value (s, cairn_span_exact_f1 (&p->spans));
      g_string_append (s, " · ");
      append_value (s, cairn_shape_f1 (&p->shapes));
      g_string_append (s, ", ");
      append_value (s, cairn_shape_mean_iou (&p->shapes));
      g_string_append (s, ", ");
      append_value (s, cairn_shape_label_agreement (&p->shapes));
      g_string_append (s, " · ");
      append_value (s, cairn_shape_mean_iou (&p->keypoints));
      g_string_append (s, " · ");
      append_value (s, p->words ? (double) p->word_edits / p->words : NAN);
      g_string_append (s, ", ");
      append_value (s, p->chars ? (double) p->char_edits / p->chars : NAN);
      g_string_append_c (s, '\n');
    }
  {
    const CairnAgreement *figures[] = { self->alpha, self->unitizing };
    guint total = self->skipped->len;

    for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
      total += figures[f] ? figures[f]->skipped->len : 0;
    if (total)
      g_string_append_printf (s, "Left out (%u):\n", total);
    for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
      for (guint i = 0; figures[f] && i < figures[f]->skipped->len; i++)
        {
          CairnSkip *k = figures[f]->skipped->pdata[i];
          g_string_append_printf (s, "  item %s: %s (%s)\n", k->item,
                                  cairn_skip_reason_to_string (k->reason), k->detail);
        }
    for (guint i = 0; i < self->skipped->len; i++)
      {
        CairnSkip *k = self->skipped->pdata[i];
        g_string_append_printf (s, "  item %s: %s (%s)\n", k->item,
                                cairn_skip_reason_to_string (k->reason), k->detail);
      }
  }
  g_string_append_printf (s, "Below the threshold %.2f: %u item%s\n", self->threshold,
                          self->flags->len, self->flags->len == 1 ? "" : "s");
  for (guint i = 0; i < self->flags->len; i++)
    {
      const CairnItemFlag *f = self->flags->pdata[i];
      g_string_append_printf (s, "  item %" G_GINT64_FORMAT ": %s%s\n", f->item_id, f->reason,
                              f->written ? "; flagged for review" : "");
    }
  return g_string_free (s, FALSE);
}
