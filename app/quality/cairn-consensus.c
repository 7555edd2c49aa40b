#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <string.h>

#include "cairn-consensus.h"
#include "cairn-structured.h"
#include "model/cairn-rle.h"

/* A smoothing count added to every confusion cell and prior, so that a category a rater
 * never used in one EM round does not become impossible for good. */
#define DS_SMOOTHING 0.01

/* Majority vote */

static void
vote_clear (gpointer data)
{
  CairnVote *v = data;

  g_clear_pointer (&v->tied, g_array_unref);
}

GArray *
cairn_consensus_vote (const CairnRatings *ratings)
{
  guint n_items = cairn_ratings_get_n_items (ratings), n_raters = cairn_ratings_get_n_raters (ratings);
  guint k = cairn_ratings_get_n_categories (ratings);
  GArray *votes = g_array_sized_new (FALSE, TRUE, sizeof (CairnVote), n_items);
  g_autofree guint *count = g_new (guint, MAX (k, 1));

  g_array_set_clear_func (votes, vote_clear);
  for (guint i = 0; i < n_items; i++)
    {
      CairnVote v = { -1, 0, 0, g_array_new (FALSE, FALSE, sizeof (gint)) };

      memset (count, 0, sizeof (guint) * MAX (k, 1));
      for (guint r = 0; r < n_raters; r++)
        {
          gint c = cairn_ratings_get (ratings, i, r);
          if (c >= 0)
            {
              count[c]++;
              v.ratings++;
            }
        }
      for (guint c = 0; c < k; c++)
        v.votes = MAX (v.votes, count[c]);
      for (guint c = 0; v.votes > 0 && c < k; c++)
        if (count[c] == v.votes)
          {
            gint rank = (gint) c;
            g_array_append_val (v.tied, rank);
          }
      if (v.tied->len == 1)
        {
          v.winner = g_array_index (v.tied, gint, 0);
          g_array_set_size (v.tied, 0);
        }
      g_array_append_val (votes, v);
    }
  return votes;
}

void
cairn_votes_free (GArray *votes)
{
  if (votes)
    g_array_unref (votes);
}

/* Dawid–Skene */

void
cairn_dawid_skene_free (CairnDawidSkene *self)
{
  if (self == NULL)
    return;
  g_free (self->prior);
  g_free (self->confusion);
  g_free (self->posterior);
  g_free (self->label);
  g_free (self->reliability);
  g_free (self);
}

static void
ds_m_step (CairnDawidSkene *ds, const gint *cells)
{
  guint k = ds->k;
  double total = 0;

  for (guint j = 0; j < k; j++)
    ds->prior[j] = DS_SMOOTHING;
  for (guint x = 0; x < ds->n_raters * k * k; x++)
    ds->confusion[x] = DS_SMOOTHING;
  for (guint i = 0; i < ds->n_items; i++)
    {
      gboolean rated = FALSE;

      for (guint r = 0; r < ds->n_raters; r++)
        {
          gint l = cells[i * ds->n_raters + r];
          if (l < 0)
            continue;
          rated = TRUE;
          for (guint j = 0; j < k; j++)
            ds->confusion[(r * k + j) * k + l] += ds->posterior[i * k + j];
        }
      if (rated)
        for (guint j = 0; j < k; j++)
          ds->prior[j] += ds->posterior[i * k + j];
    }
  for (guint j = 0; j < k; j++)
    total += ds->prior[j];
  for (guint j = 0; j < k; j++)
    ds->prior[j] /= total;
  for (guint r = 0; r < ds->n_raters; r++)
    for (guint j = 0; j < k; j++)
      {
        double *row = &ds->confusion[(r * k + j) * k], sum = 0;
        for (guint l = 0; l < k; l++)
          sum += row[l];
        for (guint l = 0; l < k; l++)
          row[l] /= sum;
      }
}

/* Posteriors from the current parameters; returns the log-likelihood of the ratings. */
static double
ds_e_step (CairnDawidSkene *ds, const gint *cells)
{
  guint k = ds->k;
  g_autofree double *logp = g_new (double, k);
  double ll = 0;

  for (guint i = 0; i < ds->n_items; i++)
    {
      double top = -INFINITY, sum = 0;

      for (guint j = 0; j < k; j++)
        {
          logp[j] = log (ds->prior[j]);
          for (guint r = 0; r < ds->n_raters; r++)
            {
              gint l = cells[i * ds->n_raters + r];
              if (l >= 0)
                logp[j] += log (ds->confusion[(r * k + j) * k + l]);
            }
          top = MAX (top, logp[j]);
        }
      for (guint j = 0; j < k; j++)
        sum += exp (logp[j] - top);
      for (guint j = 0; j < k; j++)
        ds->posterior[i * k + j] = exp (logp[j] - top) / sum;
      ll += top + log (sum);
    }
  return ll;
}

static void
ds_start_from_votes (CairnDawidSkene *ds, const gint *cells)
{
  guint k = ds->k;

  for (guint i = 0; i < ds->n_items; i++)
    {
      double n = 0;

      for (guint j = 0; j < k; j++)
        ds->posterior[i * k + j] = 0;
      for (guint r = 0; r < ds->n_raters; r++)
        {
          gint l = cells[i * ds->n_raters + r];
          if (l >= 0)
            {
              ds->posterior[i * k + l] += 1;
              n += 1;
            }
        }
      for (guint j = 0; j < k; j++)
        ds->posterior[i * k + j] = n > 0 ? ds->posterior[i * k + j] / n : 1.0 / k;
    }
}

CairnDawidSkene *
cairn_dawid_skene (const CairnRatings *ratings, guint max_iterations, double tolerance)
{
  CairnDawidSkene *ds = g_new0 (CairnDawidSkene, 1);
  g_autofree gint *cells = NULL;
  double previous = -INFINITY;
  guint k;

  ds->n_items = cairn_ratings_get_n_items (ratings);
  ds->n_raters = cairn_ratings_get_n_raters (ratings);
  ds->k = k = MAX (cairn_ratings_get_n_categories (ratings), 1);
  ds->prior = g_new0 (double, k);
  ds->confusion = g_new0 (double, MAX (ds->n_raters, 1) * k * k);
  ds->posterior = g_new0 (double, MAX (ds->n_items, 1) * k);
  ds->label = g_new (gint, MAX (ds->n_items, 1));
  ds->reliability = g_new0 (double, MAX (ds->n_raters, 1));
  cells = g_new (gint, MAX (ds->n_items * ds->n_raters, 1));
  for (guint i = 0; i < ds->n_items; i++)
    for (guint r = 0; r < ds->n_raters; r++)
      cells[i * ds->n_raters + r] = cairn_ratings_get (ratings, i, r);

  ds_start_from_votes (ds, cells);
  for (ds->iterations = 0; ds->iterations < MAX (max_iterations, 1); )
    {
      ds_m_step (ds, cells);
      ds->log_likelihood = ds_e_step (ds, cells);
      ds->iterations++;
      if (isfinite (previous)
          && fabs (ds->log_likelihood - previous) <= tolerance * MAX (fabs (previous), 1.0))
        break;
      previous = ds->log_likelihood;
    }

  for (guint i = 0; i < ds->n_items; i++)
    {
      gboolean rated = FALSE;
      guint best = 0;

      for (guint r = 0; r < ds->n_raters; r++)
        rated |= cells[i * ds->n_raters + r] >= 0;
      for (guint j = 1; j < k; j++)
        if (ds->posterior[i * k + j] > ds->posterior[i * k + best])
          best = j;
      ds->label[i] = rated ? (gint) best : -1;
    }
  for (guint r = 0; r < ds->n_raters; r++)
    for (guint j = 0; j < k; j++)
      ds->reliability[r] += ds->prior[j] * ds->confusion[(r * k + j) * k + j];
  return ds;
}

/* Fused shapes */

static double
group_similarity (const CairnAnnotation *shape, const CairnAnnotation *group_first,
                  gpointer data)
{
  return cairn_shape_iou (shape, group_first);
}

static gboolean
all_of_kinds (GPtrArray *group, CairnKind k1, CairnKind k2)
{
  for (guint i = 0; i < group->len; i++)
    {
      const CairnAnnotation *a = group->pdata[i];
      if (a->kind != k1 && a->kind != k2)
        return FALSE;
    }
  return TRUE;
}

/* The majority label of the group, or -1 on a tie. */
static gint64
majority_label (GPtrArray *group)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0, at_best = 0;
  gint64 label = -1;

  for (guint i = 0; i < group->len; i++)
    {
      const CairnAnnotation *a = group->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &a->label_id)) + 1;
      g_hash_table_insert (counts, g_memdup2 (&a->label_id, sizeof (gint64)),
                           GUINT_TO_POINTER (n));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);
      if (n > best)
        {
          best = n;
          at_best = 1;
          label = *(gint64 *) key;
        }
      else if (n == best)
        at_best++;
    }
  return at_best == 1 ? label : -1;
}

static CairnAnnotation *
fuse_boxes (GPtrArray *group)
{
  CairnAnnotation *fused = cairn_annotation_copy (group->pdata[0]);
  double sum[4] = { 0 };

  for (guint i = 0; i < group->len; i++)
    {
      const CairnAnnotation *a = group->pdata[i];
      for (guint c = 0; c < 4; c++)
        sum[c] += g_array_index (a->coords, double, c);
    }
  cairn_annotation_set_box (fused, sum[0] / group->len, sum[1] / group->len,
                            sum[2] / group->len, sum[3] / group->len);
  return fused;
}

static CairnAnnotation *
fuse_masks (GPtrArray *group)
{
  const CairnAnnotation *first = group->pdata[0];
  guint h = first->mask->height, w = first->mask->width;
  g_autofree guint16 *votes = g_new0 (guint16, MAX ((gsize) h * w, 1));
  g_autofree guint8 *bits = g_new0 (guint8, MAX ((gsize) h * w, 1));
  CairnAnnotation *fused = cairn_annotation_copy (first);

  for (guint i = 0; i < group->len; i++)
    {
      const CairnAnnotation *a = group->pdata[i];
      g_autofree guint8 *b = cairn_rle_to_bitmap (a->mask);

      for (gsize p = 0; p < (gsize) h * w; p++)
        votes[p] += b[p] != 0;
    }
  for (gsize p = 0; p < (gsize) h * w; p++)
    bits[p] = votes[p] * 2 > group->len;
  cairn_annotation_set_mask (fused, cairn_rle_from_bitmap (bits, h, w));
  return fused;
}

static CairnAnnotation *
fuse_medoid (GPtrArray *group)
{
  guint best = 0;
  double best_sum = -1;

  for (guint i = 0; i < group->len; i++)
    {
      double sum = 0;
      for (guint j = 0; j < group->len; j++)
        if (i != j)
          sum += MAX (cairn_shape_iou (group->pdata[i], group->pdata[j]), 0);
      if (sum > best_sum)
        {
          best_sum = sum;
          best = i;
        }
    }
  return cairn_annotation_copy (group->pdata[best]);
}

static CairnAnnotation *
fuse_group (GPtrArray *group, gint64 label, guint n_annotators)
{
  const CairnAnnotation *first = group->pdata[0];
  CairnAnnotation *fused;

  if (all_of_kinds (group, CAIRN_KIND_BOX, CAIRN_KIND_OCR))
    fused = fuse_boxes (group);
  else if (all_of_kinds (group, CAIRN_KIND_MASK, CAIRN_KIND_MASK))
    fused = fuse_masks (group);
  else
    fused = fuse_medoid (group);
  fused->id = 0;
  fused->item_id = first->item_id;
  fused->annotator_id = 0;
  fused->label_id = label;
  fused->origin = CAIRN_ORIGIN_CONSENSUS;
  /* The share of annotators behind the shape. */
  fused->score = (double) group->len / n_annotators;
  fused->created = fused->updated = 0;
  return fused;
}

GPtrArray *
cairn_fuse_shapes (GPtrArray *members, double threshold, GPtrArray *ties)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *fused = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);

  for (guint r = 0; r < members->len; r++)
    {
      GPtrArray *shapes = members->pdata[r];
      g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
      g_autoptr(GArray) matches = NULL;
      g_autofree gboolean *joined = g_new0 (gboolean, MAX (shapes->len, 1));

      for (guint g = 0; g < groups->len; g++)
        g_ptr_array_add (firsts, ((GPtrArray *) groups->pdata[g])->pdata[0]);
      matches = cairn_match (shapes, firsts, group_similarity, NULL, threshold);
      for (guint m = 0; m < matches->len; m++)
        {
          CairnMatch *match = &g_array_index (matches, CairnMatch, m);
          g_ptr_array_add (groups->pdata[match->b], shapes->pdata[match->a]);
          joined[match->a] = TRUE;
        }
      for (guint s = 0; s < shapes->len; s++)
        if (!joined[s])
          {
            GPtrArray *group = g_ptr_array_new ();
            g_ptr_array_add (group, shapes->pdata[s]);
            g_ptr_array_add (groups, group);
          }
    }
  for (guint g = 0; g < groups->len; g++)
    {
      GPtrArray *group = groups->pdata[g];
      gint64 label;

      if (group->len * 2 <= members->len)
        continue;
      label = majority_label (group);
      if (label < 0)
        {
          double x = 0, y = 0, w = 0, h = 0;

          cairn_annotation_bounds (group->pdata[0], &x, &y, &w, &h);
          if (ties)
            g_ptr_array_add (ties, g_strdup_printf ("%u shapes around (%.0f, %.0f, %.0f × %.0f) "
                                                    "whose labels tie", group->len, x, y, w, h));
          continue;
        }
      g_ptr_array_add (fused, fuse_group (group, label, members->len));
    }
  return fused;
}
