#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <string.h>

#include "model/cairn-label.h"
#include "cairn-structured.h"
#include "model/cairn-rle.h"

#define RASTER_CELLS 512
#define ELLIPSE_VERTICES 72

/* Assignment */

/* Kuhn–Munkres with row and column potentials, O(rows² · cols), for rows <= cols. */
static void
assign_rows_le_cols (const double *cost, guint n, guint m, gint *row_to_col)
{
  g_autofree double *u = g_new0 (double, n + 1);
  g_autofree double *v = g_new0 (double, m + 1);
  g_autofree double *minv = g_new (double, m + 1);
  g_autofree guint *p = g_new0 (guint, m + 1);
  g_autofree guint *way = g_new0 (guint, m + 1);
  g_autofree gboolean *used = g_new (gboolean, m + 1);

  for (guint i = 1; i <= n; i++)
    {
      guint j0 = 0;

      p[0] = i;
      for (guint j = 0; j <= m; j++)
        {
          minv[j] = INFINITY;
          used[j] = FALSE;
        }
      do
        {
          guint i0 = p[j0], j1 = 0;
          double delta = INFINITY;

          used[j0] = TRUE;
          for (guint j = 1; j <= m; j++)
            if (!used[j])
              {
                double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j])
                  {
                    minv[j] = cur;
                    way[j] = j0;
                  }
                if (minv[j] < delta)
                  {
                    delta = minv[j];
                    j1 = j;
                  }
              }
          for (guint j = 0; j <= m; j++)
            if (used[j])
              {
                u[p[j]] += delta;
                v[j] -= delta;
              }
            else
              minv[j] -= delta;
          j0 = j1;
        }
      while (p[j0] != 0);
      do
        {
          guint j1 = way[j0];
          p[j0] = p[j1];
          j0 = j1;
        }
      while (j0 != 0);
    }
  for (guint i = 0; i < n; i++)
    row_to_col[i] = -1;
  for (guint j = 1; j <= m; j++)
    if (p[j] != 0)
      row_to_col[p[j] - 1] = (gint) (j - 1);
}

gint *
cairn_assign_min_cost (const double *cost, guint rows, guint cols)
{
  gint *row_to_col = g_new (gint, MAX (rows, 1));

  for (guint i = 0; i < rows; i++)
    row_to_col[i] = -1;
  if (rows == 0 || cols == 0)
    return row_to_col;
  if (rows <= cols)
    assign_rows_le_cols (cost, rows, cols, row_to_col);
  else
    {
      g_autofree double *t = g_new (double, rows * cols);
      g_autofree gint *col_to_row = g_new (gint, cols);

      for (guint i = 0; i < rows; i++)
        for (guint j = 0; j < cols; j++)
          t[j * rows + i] = cost[i * cols + j];
      assign_rows_le_cols (t, cols, rows, col_to_row);
      for (guint j = 0; j < cols; j++)
        if (col_to_row[j] >= 0)
          row_to_col[col_to_row[j]] = (gint) j;
    }
  return row_to_col;
}

static int
compare_matches (gconstpointer x, gconstpointer y)
{
  const CairnMatch *a = x, *b = y;

  return (a->a > b->a) - (a->a < b->a);
}

GArray *
cairn_match (GPtrArray *a, GPtrArray *b, CairnSimilarityFunc similarity, gpointer data,
             double threshold)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (CairnMatch));
  g_autofree double *sim = NULL, *cost = NULL;
  g_autofree gint *assigned = NULL;

  if (a->len == 0 || b->len == 0)
    return matches;
  sim = g_new (double, a->len * b->len);
  cost = g_new (double, a->len * b->len);
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        double s = similarity (a->pdata[i], b->pdata[j], data);
        /* Pairs under the threshold count as nothing, so they never steal a partner. */
        sim[i * b->len + j] = s >= threshold ? MIN (s, 1.0) : 0;
        cost[i * b->len + j] = 1 - sim[i * b->len + j];
      }
  assigned = cairn_assign_min_cost (cost, a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    if (assigned[i] >= 0 && sim[i * b->len + assigned[i]] > 0)
      {
        CairnMatch m = { i, (guint) assigned[i], sim[i * b->len + assigned[i]] };
        g_array_append_val (matches, m);
      }
  g_array_sort (matches, compare_matches);
  return matches;
}

/* Spans */

static gboolean
span_of (const CairnAnnotation *s, double *start, double *end)
{
  if (s->kind != CAIRN_KIND_SPAN || s->coords == NULL || s->coords->len < 2)
    return FALSE;
  *start = g_array_index (s->coords, double, 0);
  *end = g_array_index (s->coords, double, 1);
  return TRUE;
}

static gboolean
spans_overlap (const CairnAnnotation *x, const CairnAnnotation *y)
{
  double s1, e1, s2, e2;

  return span_of (x, &s1, &e1) && span_of (y, &s2, &e2) && MAX (s1, s2) < MIN (e1, e2);
}

static gboolean
spans_equal (const CairnAnnotation *x, const CairnAnnotation *y)
{
  double s1, e1, s2, e2;

  return span_of (x, &s1, &e1) && span_of (y, &s2, &e2) && s1 == s2 && e1 == e2
         && x->label_id == y->label_id;
}

static GPtrArray *
spans_with_label (GPtrArray *spans, gint64 label_id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      const CairnAnnotation *s = spans->pdata[i];
      double start, end;

      if (span_of (s, &start, &end) && (label_id == 0 || s->label_id == label_id))
        g_ptr_array_add (out, (gpointer) s);
    }
  return out;
}

static guint
count_overlapping (GPtrArray *x, GPtrArray *y)
{
  guint n = 0;

  for (guint i = 0; i < x->len; i++)
    for (guint j = 0; j < y->len; j++)
      {
        const CairnAnnotation *s = x->pdata[i], *t = y->pdata[j];
        if (s->label_id == t->label_id && spans_overlap (s, t))
          {
            n++;
            break;
          }
      }
  return n;
}

void
cairn_span_counts_add (CairnSpanCounts *c, GPtrArray *all_a, GPtrArray *all_b, gint64 label_id)
{
  g_autoptr(GPtrArray) a = spans_with_label (all_a, label_id);
  g_autoptr(GPtrArray) b = spans_with_label (all_b, label_id);
  g_autofree gboolean *taken = g_new0 (gboolean, MAX (b->len, 1));
  guint exact = 0, overlap_a;

  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      if (!taken[j] && spans_equal (a->pdata[i], b->pdata[j]))
        {
          taken[j] = TRUE;
          exact++;
          break;
        }
  overlap_a = count_overlapping (a, b);
  c->n_a += a->len;
  c->n_b += b->len;
  c->exact += exact;
  c->overlap_a += overlap_a;
  c->overlap_b += count_overlapping (b, a);
  c->boundary += overlap_a - MIN (exact, overlap_a);
}

static double
ratio (double num, double den)
{
  return den > 0 ? num / den : NAN;
}

static double
harmonic (double p, double r)
{
  if (!isfinite (p) || !isfinite (r))
    return NAN;
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

double
cairn_span_exact_precision (const CairnSpanCounts *c)
{
  return ratio (c->exact, c->n_b);
}

double
cairn_span_exact_recall (const CairnSpanCounts *c)
{
  return ratio (c->exact, c->n_a);
}

double
cairn_span_exact_f1 (const CairnSpanCounts *c)
{
  return ratio (2.0 * c->exact, c->n_a + c->n_b);
}

double
cairn_span_overlap_precision (const CairnSpanCounts *c)
{
  return ratio (c->overlap_b, c->n_b);
}

double
cairn_span_overlap_recall (const CairnSpanCounts *c)
{
  return ratio (c->overlap_a, c->n_a);
}

double
cairn_span_overlap_f1 (const CairnSpanCounts *c)
{
  if (c->n_a + c->n_b == 0)
    return NAN;
  return harmonic (cairn_span_overlap_precision (c), cairn_span_overlap_recall (c));
}

/* Unitizing alpha */

struct _CairnUnitizing
{
  GHashTable *codes;      /* label id → code; code 0 is "no span" */
  GArray     *nc;         /* double: positions coded c, over pairable runs */
  double      observed;   /* Σ_u w_u · disagreeing ordered pairs / (m_u − 1) */
  guint       n_items;
  guint       n_raters;
  GPtrArray  *skipped;
};

CairnUnitizing *
cairn_unitizing_new (void)
{
  CairnUnitizing *self = g_new0 (CairnUnitizing, 1);
  double zero = 0;

  self->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->nc = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->nc, zero);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_skip_free);
  return self;
}

void
cairn_unitizing_free (CairnUnitizing *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->codes);
  g_array_unref (self->nc);
  g_ptr_array_unref (self->skipped);
  g_free (self);
}

static guint
label_code (CairnUnitizing *self, gint64 label_id)
{
  gpointer code = g_hash_table_lookup (self->codes, &label_id);
  double zero = 0;

  if (code)
    return GPOINTER_TO_UINT (code);
  g_array_append_val (self->nc, zero);
  g_hash_table_insert (self->codes, g_memdup2 (&label_id, sizeof label_id),
                       GUINT_TO_POINTER (self->nc->len - 1));
  return self->nc->len - 1;
}

static int
compare_uints (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The code an annotator gives the run [p, q): 0 for no span, -1 when spans of different
 * labels stack there. */
static gint
code_of_run (CairnUnitizing *self, GPtrArray *spans, guint p, guint q)
{
  gint code = 0;
  gint64 label = 0;
  gboolean covered = FALSE;

  for (guint i = 0; spans && i < spans->len; i++)
    {
      const CairnAnnotation *s = spans->pdata[i];
      double start, end;

      if (!span_of (s, &start, &end) || start > p || end < q)
        continue;
      if (covered && s->label_id != label)
        return -1;
      covered = TRUE;
      label = s->label_id;
    }
  if (covered)
    code = (gint) label_code (self, label);
  return code;
}

void
cairn_unitizing_add (CairnUnitizing *self, const char *item, guint length, GPtrArray **spans,
                     const char *const *names, guint n)
{
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gint *codes = g_new (gint, MAX (n, 1));
  g_autofree guint *stacked = g_new0 (guint, MAX (n, 1));
  gboolean used = FALSE;
  guint zero = 0;

  if (n < 2)
    {
      g_ptr_array_add (self->skipped, cairn_skip_new (item, CAIRN_SKIP_MISSING,
                                                      "spans from %u annotator%s only", n,
                                                      n == 1 ? "" : "s"));
      return;
    }
  g_array_append_val (cuts, zero);
  g_array_append_val (cuts, length);
  for (guint r = 0; r < n; r++)
    for (guint i = 0; spans[r] && i < spans[r]->len; i++)
      {
        double start, end;
        if (span_of (spans[r]->pdata[i], &start, &end))
          {
            guint s = (guint) CLAMP (start, 0, length), e = (guint) CLAMP (end, 0, length);
            g_array_append_val (cuts, s);
            g_array_append_val (cuts, e);
          }
      }
  g_array_sort (cuts, compare_uints);
  for (guint c = 0; c + 1 < cuts->len; c++)
    {
      guint p = g_array_index (cuts, guint, c), q = g_array_index (cuts, guint, c + 1);
      double w = q - p, disagree = 0;
      guint m = 0;

      if (q == p)
        continue;
      for (guint r = 0; r < n; r++)
        {
          codes[r] = code_of_run (self, spans[r], p, q);
          if (codes[r] < 0)
            stacked[r] += q - p;
          else
            m++;
        }
      if (m < 2)
        continue;
      for (guint r = 0; r < n; r++)
        for (guint s = 0; s < n; s++)
          if (r != s && codes[r] >= 0 && codes[s] >= 0 && codes[r] != codes[s])
            disagree += 1;
      for (guint r = 0; r < n; r++)
        if (codes[r] >= 0)
          g_array_index (self->nc, double, codes[r]) += w;
      self->observed += w * disagree / (m - 1);
      used = TRUE;
    }
  for (guint r = 0; r < n; r++)
    if (stacked[r] > 0)
      g_ptr_array_add (self->skipped,
                       cairn_skip_new (item, CAIRN_SKIP_STACKED,
                                       "%s: %u position%s under spans of different labels",
                                       names[r], stacked[r], stacked[r] == 1 ? "" : "s"));
  if (used)
    {
      self->n_items++;
      self->n_raters = MAX (self->n_raters, n);
    }
}

CairnAgreement *
cairn_unitizing_finish (CairnUnitizing *self)
{
  CairnAgreement *a = g_new0 (CairnAgreement, 1);
  double n = 0, sq = 0, expected;

  for (guint c = 0; c < self->nc->len; c++)
    {
      double v = g_array_index (self->nc, double, c);
      n += v;
      sq += v * v;
    }
  expected = n * n - sq;
  a->metric = CAIRN_METRIC_KRIPPENDORFF;
  a->level = CAIRN_LEVEL_NOMINAL;
  a->n_items = self->n_items;
  a->n_raters = self->n_raters;
  a->n_values = (guint) n;
  a->observed = n > 0 ? self->observed / n : NAN;
  a->expected = n > 1 ? expected / (n * (n - 1)) : NAN;
  a->value = expected > 0 ? 1 - (n - 1) * self->observed / expected : NAN;
  a->ci_low = a->ci_high = NAN;
  a->skipped = g_ptr_array_ref (self->skipped);
  return a;
}

/* Shapes */

gboolean
cairn_kind_has_area (CairnKind kind)
{
  switch (kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_MASK:
      return TRUE;
    default:
      return FALSE;
    }
}

static double
coord (const CairnAnnotation *a, guint i)
{
  return a->coords && i < a->coords->len ? g_array_index (a->coords, double, i) : 0;
}

static void
add_point (GArray *xy, double x, double y)
{
  g_array_append_val (xy, x);
  g_array_append_val (xy, y);
}

/* The shape as closed rings (xy pairs; ring_sizes in points). FALSE for masks and kinds with
 * no area. */
static gboolean
to_rings (const CairnAnnotation *a, GArray *xy, GArray *ring_sizes)
{
  guint n = 0;

  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      add_point (xy, coord (a, 0), coord (a, 1));
      add_point (xy, coord (a, 0) + coord (a, 2), coord (a, 1));
      add_point (xy, coord (a, 0) + coord (a, 2), coord (a, 1) + coord (a, 3));
      add_point (xy, coord (a, 0), coord (a, 1) + coord (a, 3));
      n = 4;
      g_array_append_val (ring_sizes, n);
      return TRUE;
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      {
        double cx = coord (a, 0), cy = coord (a, 1), angle = coord (a, 4) * G_PI / 180;
        double rx = coord (a, 2) / (a->kind == CAIRN_KIND_RBOX ? 2 : 1);
        double ry = coord (a, 3) / (a->kind == CAIRN_KIND_RBOX ? 2 : 1);
        const double corners[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };

        n = a->kind == CAIRN_KIND_RBOX ? 4 : ELLIPSE_VERTICES;
        for (guint i = 0; i < n; i++)
          {
            double t = 2 * G_PI * i / n;
            double ux = a->kind == CAIRN_KIND_RBOX ? corners[i][0] : cos (t);
            double uy = a->kind == CAIRN_KIND_RBOX ? corners[i][1] : sin (t);
            /* Clockwise in y-down image coordinates is the usual rotation matrix. */
            add_point (xy, cx + rx * ux * cos (angle) - ry * uy * sin (angle),
                       cy + rx * ux * sin (angle) + ry * uy * cos (angle));
          }
        g_array_append_val (ring_sizes, n);
        return TRUE;
      }
    case CAIRN_KIND_POLYGON:
      if (a->rings == NULL || a->coords == NULL)
        return FALSE;
      g_array_append_vals (xy, a->coords->data, a->coords->len);
      g_array_append_vals (ring_sizes, a->rings->data, a->rings->len);
      return a->rings->len > 0;
    default:
      return FALSE;
    }
}

static void
rings_bounds (GArray *xy, double *x0, double *y0, double *x1, double *y1)
{
  for (guint i = 0; i + 1 < xy->len; i += 2)
    {
      double x = g_array_index (xy, double, i), y = g_array_index (xy, double, i + 1);
      *x0 = MIN (*x0, x);
      *y0 = MIN (*y0, y);
      *x1 = MAX (*x1, x);
      *y1 = MAX (*y1, y);
    }
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Fills row of nx cells (centres at x0 + (i + ½)·cell) inside the rings at height y, by the
 * even–odd rule. */
static void
fill_row (GArray *xy, GArray *sizes, double y, double x0, double cell, guint nx, guint8 *row,
          GArray *crossings)
{
  gsize offset = 0;

  g_array_set_size (crossings, 0);
  for (guint r = 0; r < sizes->len; r++)
    {
      guint np = g_array_index (sizes, guint, r);
      const double *p = &g_array_index (xy, double, offset * 2);

      for (guint i = 0; i < np; i++)
        {
          double ax = p[2 * i], ay = p[2 * i + 1];
          double bx = p[2 * ((i + 1) % np)], by = p[2 * ((i + 1) % np) + 1];

          if ((ay <= y) != (by <= y))
            {
              double x = ax + (y - ay) * (bx - ax) / (by - ay);
              g_array_append_val (crossings, x);
            }
        }
      offset += np;
    }
  g_array_sort (crossings, compare_doubles);
  memset (row, 0, nx);
  for (guint k = 0; k + 1 < crossings->len; k += 2)
    {
      double from = (g_array_index (crossings, double, k) - x0) / cell - 0.5;
      double to = (g_array_index (crossings, double, k + 1) - x0) / cell - 0.5;
      gint i0 = (gint) ceil (from), i1 = (gint) ceil (to);

      for (gint i = MAX (i0, 0); i < MIN (i1, (gint) nx); i++)
        row[i] = 1;
    }
}

static double
raster_iou (GArray *axy, GArray *asz, GArray *bxy, GArray *bsz)
{
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, cell;
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint8 *ra = NULL, *rb = NULL;
  guint64 inter = 0, uni = 0;
  guint nx, ny;

  rings_bounds (axy, &x0, &y0, &x1, &y1);
  rings_bounds (bxy, &x0, &y0, &x1, &y1);
  cell = MAX (x1 - x0, y1 - y0) / RASTER_CELLS;
  if (!(cell > 0))
    return 0;
  nx = (guint) ceil ((x1 - x0) / cell) + 1;
  ny = (guint) ceil ((y1 - y0) / cell) + 1;
  ra = g_new (guint8, nx);
  rb = g_new (guint8, nx);
  for (guint j = 0; j < ny; j++)
    {
      double y = y0 + (j + 0.5) * cell;

      fill_row (axy, asz, y, x0, cell, nx, ra, crossings);
      fill_row (bxy, bsz, y, x0, cell, nx, rb, crossings);
      for (guint i = 0; i < nx; i++)
        {
          inter += ra[i] & rb[i];
          uni += ra[i] | rb[i];
        }
    }
  return uni ? (double) inter / uni : 0;
}

static double
box_iou (const CairnAnnotation *a, const CairnAnnotation *b)
{
  double ax1 = coord (a, 0) + coord (a, 2), ay1 = coord (a, 1) + coord (a, 3);
  double bx1 = coord (b, 0) + coord (b, 2), by1 = coord (b, 1) + coord (b, 3);
  double w = MIN (ax1, bx1) - MAX (coord (a, 0), coord (b, 0));
  double h = MIN (ay1, by1) - MAX (coord (a, 1), coord (b, 1));
  double inter = w > 0 && h > 0 ? w * h : 0;
  double uni = coord (a, 2) * coord (a, 3) + coord (b, 2) * coord (b, 3) - inter;

  return uni > 0 ? inter / uni : 0;
}

/* A polygon (or box...) against a mask: rasterised at the mask's pixel centres. */
static double
mask_shape_iou (const CairnRle *mask, const CairnAnnotation *shape)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint8 *bits = NULL, *row = NULL;
  guint64 inter = 0, uni = 0;

  if (!to_rings (shape, xy, sizes) || mask->width == 0 || mask->height == 0)
    return -1;
  bits = cairn_rle_to_bitmap (mask);
  row = g_new (guint8, mask->width);
  for (guint y = 0; y < mask->height; y++)
    {
      fill_row (xy, sizes, y + 0.5, 0, 1, mask->width, row, crossings);
      for (guint x = 0; x < mask->width; x++)
        {
          guint8 m = bits[y * mask->width + x] != 0;
          inter += m & row[x];
          uni += m | row[x];
        }
    }
  return uni ? (double) inter / uni : 0;
}

double
cairn_shape_iou (const CairnAnnotation *a, const CairnAnnotation *b)
{
  gboolean a_box = a->kind == CAIRN_KIND_BOX || a->kind == CAIRN_KIND_OCR;
  gboolean b_box = b->kind == CAIRN_KIND_BOX || b->kind == CAIRN_KIND_OCR;
  g_autoptr(GArray) axy = NULL, asz = NULL, bxy = NULL, bsz = NULL;

  if (!cairn_kind_has_area (a->kind) || !cairn_kind_has_area (b->kind))
    return -1;
  if (a_box && b_box)
    return box_iou (a, b);
  if (a->kind == CAIRN_KIND_MASK && b->kind == CAIRN_KIND_MASK)
    {
      guint64 inter, uni;

      if (a->mask == NULL || b->mask == NULL || a->mask->width != b->mask->width
          || a->mask->height != b->mask->height)
        return -1;
      cairn_rle_overlap (a->mask, b->mask, &inter, &uni);
      return uni ? (double) inter / uni : 0;
    }
  if (a->kind == CAIRN_KIND_MASK)
    return a->mask ? mask_shape_iou (a->mask, b) : -1;
  if (b->kind == CAIRN_KIND_MASK)
    return b->mask ? mask_shape_iou (b->mask, a) : -1;
  axy = g_array_new (FALSE, FALSE, sizeof (double));
  bxy = g_array_new (FALSE, FALSE, sizeof (double));
  asz = g_array_new (FALSE, FALSE, sizeof (guint));
  bsz = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!to_rings (a, axy, asz) || !to_rings (b, bxy, bsz))
    return -1;
  return raster_iou (axy, asz, bxy, bsz);
}

static double
iou_similarity (const CairnAnnotation *a, const CairnAnnotation *b, gpointer data)
{
  return cairn_shape_iou (a, b);
}

static void
counts_from_matches (CairnShapeCounts *c, GPtrArray *a, GPtrArray *b, GArray *matches)
{
  c->n_a += a->len;
  c->n_b += b->len;
  c->matched += matches->len;
  for (guint i = 0; i < matches->len; i++)
    {
      CairnMatch *m = &g_array_index (matches, CairnMatch, i);
      const CairnAnnotation *x = a->pdata[m->a], *y = b->pdata[m->b];

      c->iou_sum += m->score;
      c->same_label += x->label_id == y->label_id;
    }
}

void
cairn_shape_counts_add (CairnShapeCounts *c, GPtrArray *a, GPtrArray *b, double threshold)
{
  g_autoptr(GArray) matches = cairn_match (a, b, iou_similarity, NULL, threshold);

  counts_from_matches (c, a, b, matches);
}

double
cairn_shape_mean_iou (const CairnShapeCounts *c)
{
  return ratio (c->iou_sum, c->matched);
}

double
cairn_shape_label_agreement (const CairnShapeCounts *c)
{
  return ratio (c->same_label, c->matched);
}

double
cairn_shape_f1 (const CairnShapeCounts *c)
{
  return ratio (2.0 * c->matched, c->n_a + c->n_b);
}

/* Keypoints */

double
cairn_keypoints_oks (const CairnAnnotation *ref, const CairnAnnotation *other,
                     const double *sigmas, guint n_sigmas)
{
  guint n = ref->coords ? ref->coords->len / 3 : 0;
  guint n_other = other->coords ? other->coords->len / 3 : 0;
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, area, sum = 0;
  guint visible = 0;

  for (guint i = 0; i < n; i++)
    if (coord (ref, 3 * i + 2) > 0)
      {
        x0 = MIN (x0, coord (ref, 3 * i));
        x1 = MAX (x1, coord (ref, 3 * i));
        y0 = MIN (y0, coord (ref, 3 * i + 1));
        y1 = MAX (y1, coord (ref, 3 * i + 1));
        visible++;
      }
  if (visible == 0)
    return -1;
  /* A lone point has no extent; a one-pixel area keeps the formula finite. */
  area = MAX ((x1 - x0) * (y1 - y0), 1.0);
  for (guint i = 0; i < n; i++)
    {
      double sigma = sigmas && i < n_sigmas ? sigmas[i] : 0.05, k2 = 4 * sigma * sigma;
      double dx, dy;

      if (coord (ref, 3 * i + 2) <= 0)
        continue;
      /* A point the other left out (or marked unlabelled) is as far away as it gets. */
      if (i >= n_other || coord (other, 3 * i + 2) <= 0)
        continue;
      dx = coord (other, 3 * i) - coord (ref, 3 * i);
      dy = coord (other, 3 * i + 1) - coord (ref, 3 * i + 1);
      sum += exp (-(dx * dx + dy * dy) / (2 * area * k2));
    }
  return sum / visible;
}

/* The σ of the reference's label, when its skeleton names them. */
static const GArray *
label_sigmas (GPtrArray *labels, gint64 label_id)
{
  for (guint i = 0; labels && i < labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (labels, i);

      if (label->id == label_id)
        return label->sigmas->len > 0 ? label->sigmas : NULL;
    }
  return NULL;
}

static double
oks_similarity (const CairnAnnotation *a, const CairnAnnotation *b, gpointer data)
{
  const GArray *sa = label_sigmas (data, a->label_id), *sb = label_sigmas (data, b->label_id);
  double ab = cairn_keypoints_oks (a, b, sa ? (const double *) sa->data : NULL, sa ? sa->len : 0);
  double ba = cairn_keypoints_oks (b, a, sb ? (const double *) sb->data : NULL, sb ? sb->len : 0);

  /* Symmetric: each side's scale in turn. */
  if (ab < 0 || ba < 0)
    return -1;
  return (ab + ba) / 2;
}

void
cairn_keypoint_counts_add_with_labels (CairnShapeCounts *c, GPtrArray *a, GPtrArray *b,
                                       double threshold, GPtrArray *labels)
{
  g_autoptr(GArray) matches = cairn_match (a, b, oks_similarity, labels, threshold);

  counts_from_matches (c, a, b, matches);
}

void
cairn_keypoint_counts_add (CairnShapeCounts *c, GPtrArray *a, GPtrArray *b, double threshold)
{
  cairn_keypoint_counts_add_with_labels (c, a, b, threshold, NULL);
}

/* Error rates */

static guint
edit_distance (const guint *r, guint nr, const guint *h, guint nh)
{
  g_autofree guint *prev = g_new (guint, nh + 1), *cur = g_new (guint, nh + 1);

  for (guint j = 0; j <= nh; j++)
    prev[j] = j;
  for (guint i = 1; i <= nr; i++)
    {
      cur[0] = i;
      for (guint j = 1; j <= nh; j++)
        {
          guint sub = prev[j - 1] + (r[i - 1] != h[j - 1]);
          cur[j] = MIN (sub, MIN (prev[j], cur[j - 1]) + 1);
        }
      memcpy (prev, cur, (nh + 1) * sizeof (guint));
    }
  return prev[nh];
}

static double
error_rate (GArray *r, GArray *h, guint *edits, guint *length)
{
  guint e = edit_distance ((guint *) r->data, r->len, (guint *) h->data, h->len);

  if (edits)
    *edits = e;
  if (length)
    *length = r->len;
  if (r->len == 0)
    return h->len == 0 ? 0 : 1;
  return (double) e / r->len;
}

static void
words_to_ids (const char *text, GHashTable *vocabulary, GArray *ids)
{
  g_auto(GStrv) words = g_strsplit_set (text ? text : "", " \t\n\r\f\v", -1);

  for (guint i = 0; words[i]; i++)
    {
      gpointer id;
      guint value;

      if (*words[i] == '\0')
        continue;
      if (!g_hash_table_lookup_extended (vocabulary, words[i], NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (vocabulary));
          g_hash_table_insert (vocabulary, g_strdup (words[i]), id);
        }
      value = GPOINTER_TO_UINT (id);
      g_array_append_val (ids, value);
    }
}

double
cairn_word_error_rate (const char *reference, const char *hypothesis, guint *edits,
                       guint *length)
{
  g_autoptr(GHashTable) vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GArray) r = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) h = g_array_new (FALSE, FALSE, sizeof (guint));

  words_to_ids (reference, vocabulary, r);
  words_to_ids (hypothesis, vocabulary, h);
  return error_rate (r, h, edits, length);
}

static void
chars_to_ids (const char *text, GArray *ids)
{
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      guint c = g_utf8_get_char (p);
      g_array_append_val (ids, c);
    }
}

double
cairn_char_error_rate (const char *reference, const char *hypothesis, guint *edits,
                       guint *length)
{
  g_autoptr(GArray) r = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) h = g_array_new (FALSE, FALSE, sizeof (guint));

  chars_to_ids (reference, r);
  chars_to_ids (hypothesis, h);
  return error_rate (r, h, edits, length);
}

static int
compare_segments (gconstpointer x, gconstpointer y)
{
  const CairnAnnotation *a = *(const CairnAnnotation **) x, *b = *(const CairnAnnotation **) y;
  double sa = coord (a, 0), sb = coord (b, 0);

  return (sa > sb) - (sa < sb);
}

char *
cairn_transcript_text (GPtrArray *segments)
{
  /* Not g_ptr_array_copy: the copy would take the source's free function. */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (segments->len);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    g_ptr_array_add (sorted, segments->pdata[i]);

  g_ptr_array_sort (sorted, compare_segments);
  for (guint i = 0; i < sorted->len; i++)
    {
      const CairnAnnotation *s = sorted->pdata[i];

      if (s->text == NULL || *s->text == '\0')
        continue;
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append (text, s->text);
    }
  return g_string_free (text, FALSE);
}
