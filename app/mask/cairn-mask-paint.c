#define G_LOG_DOMAIN "cairn-mask"

#include <math.h>
#include <stdlib.h>

#include "cairn-mask-paint.h"

static void
add_changed (CairnMaskRect *changed, int x0, int y0, int x1, int y1, const CairnBitmap *mask)
{
  CairnMaskRect r = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };

  if (changed != NULL && cairn_mask_rect_clip (&r, mask->width, mask->height))
    cairn_mask_rect_union (changed, &r);
}

void
cairn_mask_dab (CairnBitmap   *mask,
                CairnTip       tip,
                double         size,
                double         x,
                double         y,
                guint8         value,
                CairnMaskRect *changed)
{
  double r = CLAMP (size, CAIRN_BRUSH_MIN_SIZE, CAIRN_BRUSH_MAX_SIZE) / 2;
  int y0 = (int) floor (y - r), y1 = (int) ceil (y + r);
  int px = (int) floor (x), py = (int) floor (y);
  int left = G_MAXINT, right = G_MININT, top = G_MAXINT, bottom = G_MININT;

  for (int row = y0; row <= y1; row++)
    {
      double dy = row + 0.5 - y;
      double half;
      int a, b;

      if (fabs (dy) > r)
        continue;
      half = tip == CAIRN_TIP_ROUND ? sqrt (r * r - dy * dy) : r;
      /* Pixels whose centre c has |c - x| <= half. */
      a = (int) ceil (x - half - 0.5);
      b = (int) floor (x + half - 0.5);
      if (a > b)
        continue;
      cairn_bitmap_set_span (mask, row, a, b, value);
      left = MIN (left, a);
      right = MAX (right, b);
      top = MIN (top, row);
      bottom = MAX (bottom, row);
    }
  cairn_bitmap_set (mask, px, py, value);
  left = MIN (left, px);
  right = MAX (right, px);
  top = MIN (top, py);
  bottom = MAX (bottom, py);
  add_changed (changed, left, top, right, bottom, mask);
}

void
cairn_mask_stroke (CairnMaskRect *changed,
                   CairnBitmap   *mask,
                   CairnTip       tip,
                   double         size,
                   double         x0,
                   double         y0,
                   double         x1,
                   double         y1,
                   guint8         value)
{
  double length = hypot (x1 - x0, y1 - y0);
  /* A fifth of the size apart: the scallops between round dabs stay under 1 % of it. */
  double step = MAX (0.5, CLAMP (size, CAIRN_BRUSH_MIN_SIZE, CAIRN_BRUSH_MAX_SIZE) / 5);
  guint n = (guint) MIN (ceil (length / step), 1e6);

  for (guint i = 1; i <= n; i++)
    {
      double t = (double) i / n;

      cairn_mask_dab (mask, tip, size, x0 + t * (x1 - x0), y0 + t * (y1 - y0), value, changed);
    }
  if (n == 0)
    cairn_mask_dab (mask, tip, size, x1, y1, value, changed);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double x0, y0, x1, y1;  /* y0 < y1 */
} Edge;

static int
compare_edges (const void *a, const void *b)
{
  return compare_doubles (&((const Edge *) a)->y0, &((const Edge *) b)->y0);
}

/* Scanlines through pixel centres over the edges sorted by top, with an active list, so a
 * polygon of thousands of vertices costs its rows and crossings, not rows × vertices. */
void
cairn_mask_fill_polygon (CairnBitmap   *mask,
                         const double  *xy,
                         const guint   *n_points,
                         guint          n_rings,
                         guint8         value,
                         CairnMaskRect *changed)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  gsize offset = 0;
  guint next = 0;
  int left = G_MAXINT, right = G_MININT, top = G_MAXINT, bottom = G_MININT;

  for (guint r = 0; r < n_rings; r++)
    {
      const double *p = xy + 2 * offset;
      guint n = n_points[r];

      for (guint i = 0; n >= 3 && i < n; i++)
        {
          const double *a = p + 2 * i, *b = p + 2 * ((i + 1) % n);
          Edge e;

          if (a[1] == b[1] || !isfinite (a[0] + a[1] + b[0] + b[1]))
            continue;
          e = a[1] < b[1] ? (Edge) { a[0], a[1], b[0], b[1] } : (Edge) { b[0], b[1], a[0], a[1] };
          g_array_append_val (edges, e);
          min_y = MIN (min_y, e.y0);
          max_y = MAX (max_y, e.y1);
        }
      offset += n;
    }
  if (edges->len == 0)
    return;
  qsort (edges->data, edges->len, sizeof (Edge), compare_edges);
  min_y = MAX (min_y, 0);
  max_y = MIN (max_y, mask->height);
  for (int row = (int) floor (min_y); row < (int) ceil (max_y); row++)
    {
      double yc = row + 0.5;
      guint k = 0;

      while (next < edges->len && g_array_index (edges, Edge, next).y0 <= yc)
        g_array_append_val (active, next), next++;
      g_array_set_size (xs, 0);
      /* Half-open in y (y0 <= yc < y1): a vertex on a scanline counts once. */
      while (k < active->len)
        {
          const Edge *e = &g_array_index (edges, Edge, g_array_index (active, guint, k));

          if (e->y1 <= yc)
            {
              g_array_remove_index_fast (active, k);
              continue;
            }
          if (e->y0 <= yc)
            {
              double x = e->x0 + (yc - e->y0) * (e->x1 - e->x0) / (e->y1 - e->y0);

              g_array_append_val (xs, x);
            }
          k++;
        }
      qsort (xs->data, xs->len, sizeof (double), compare_doubles);
      for (guint i = 0; i + 1 < xs->len; i += 2)
        {
          /* Pixels whose centre is in [xa, xb). */
          double xa = MAX (g_array_index (xs, double, i), -1.0);
          double xb = MIN (g_array_index (xs, double, i + 1), (double) mask->width + 1);
          int a = (int) ceil (xa - 0.5), b = (int) ceil (xb - 0.5) - 1;

          if (a > b)
            continue;
          cairn_bitmap_set_span (mask, row, a, b, value);
          left = MIN (left, a);
          right = MAX (right, b);
          top = MIN (top, row);
          bottom = MAX (bottom, row);
        }
    }
  if (right >= left)
    add_changed (changed, left, top, right, bottom, mask);
}
