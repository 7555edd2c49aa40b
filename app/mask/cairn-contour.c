#define G_LOG_DOMAIN "cairn-mask"

#include <math.h>

#include "cairn-contour.h"

/* Directions: right, down, left, up (y down). */
static const int DX[4] = { 1, 0, -1, 0 };
static const int DY[4] = { 0, 1, 0, -1 };

/* The pixel beside corner (vx, vy) in the quadrant of directions a and b. */
static inline guint8
quadrant (const CairnBitmap *mask, int vx, int vy, int a, int b)
{
  int x = vx + (DX[a] + DX[b] - 1) / 2, y = vy + (DY[a] + DY[b] - 1) / 2;

  return cairn_bitmap_get (mask, x, y);
}

static void
add_point (GArray *ring, int x, int y)
{
  double p[2] = { x, y };

  g_array_append_vals (ring, p, 2);
}

/* Follows the pixel edges with the mask on the right, from the top edge of pixel (x, y),
 * marking the top edges it passes so no outline is traced twice. At a corner it turns left
 * when the pixel ahead-left is set, goes on when the one ahead-right is, else turns right. */
static GArray *
trace_one (const CairnBitmap *mask, guint8 *top_seen, int x, int y)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (double));
  int vx = x + 1, vy = y, d = 0;

  top_seen[(gsize) y * mask->width + x] = 1;
  add_point (ring, x, y);
  while (TRUE)
    {
      int left = (d + 3) % 4, right = (d + 1) % 4, nd;

      if (quadrant (mask, vx, vy, d, left))
        nd = left;
      else if (quadrant (mask, vx, vy, d, right))
        nd = d;
      else
        nd = right;
      if (nd != d)
        add_point (ring, vx, vy);
      if (nd == 0)
        {
          /* A top edge: the pixel below it, right of the corner. */
          gsize i = (gsize) vy * mask->width + vx;

          if (top_seen[i])
            break;
          top_seen[i] = 1;
        }
      d = nd;
      vx += DX[d];
      vy += DY[d];
    }
  /* The loop ends where it began, on the start corner, which is point 0 already. */
  if (ring->len >= 4 && g_array_index (ring, double, ring->len - 2) == x
      && g_array_index (ring, double, ring->len - 1) == y)
    g_array_set_size (ring, ring->len - 2);
  return ring;
}

GPtrArray *
cairn_contour_trace (const CairnBitmap *mask)
{
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree guint8 *top_seen = NULL;
  CairnMaskRect b;

  if (!cairn_bitmap_bounds (mask, &b))
    return rings;
  top_seen = g_malloc0 ((gsize) mask->width * mask->height);
  for (int y = b.y; y < b.y + b.height; y++)
    for (int x = b.x; x < b.x + b.width; x++)
      if (cairn_bitmap_get (mask, x, y) && !cairn_bitmap_get (mask, x, y - 1)
          && !top_seen[(gsize) y * mask->width + x])
        g_ptr_array_add (rings, trace_one (mask, top_seen, x, y));
  return rings;
}

double
cairn_contour_area (const GArray *ring)
{
  const double *p = (const double *) ring->data;
  guint n = ring->len / 2;
  double area = 0;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;

      area += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
  return area / 2;
}

static double
segment_distance (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/* Marks which of points first..last (indices into the ring, wrapping) to keep. */
static void
douglas_peucker (const double *p, guint n, guint first, guint last, double tolerance,
                 guint8 *keep)
{
  /* An explicit stack: a ring of a million staircase corners would overflow recursion. */
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      guint far = a;
      double best = -1;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = (a + 1) % n; i != b; i = (i + 1) % n)
        {
          double d = segment_distance (p + 2 * i, p + 2 * a, p + 2 * b);

          if (d > best)
            best = d, far = i;
        }
      if (far != a && best > tolerance)
        {
          keep[far] = 1;
          g_array_append_val (stack, a);
          g_array_append_val (stack, far);
          g_array_append_val (stack, far);
          g_array_append_val (stack, b);
        }
    }
}

GArray *
cairn_contour_simplify (const GArray *ring,
                        double        tolerance)
{
  const double *p = (const double *) ring->data;
  guint n = ring->len / 2, far = 0;
  g_autofree guint8 *keep = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  double best = -1;

  if (n <= 3)
    {
      g_array_append_vals (out, ring->data, ring->len);
      return out;
    }
  /* A closed ring is split at its first point and the point farthest from it. */
  for (guint i = 1; i < n; i++)
    {
      double d = hypot (p[2 * i] - p[0], p[2 * i + 1] - p[1]);

      if (d > best)
        best = d, far = i;
    }
  keep = g_malloc0 (n);
  keep[0] = keep[far] = 1;
  douglas_peucker (p, n, 0, far, tolerance, keep);
  douglas_peucker (p, n, far, 0, tolerance, keep);
  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_vals (out, p + 2 * i, 2);
  if (out->len < 6)
    {
      /* Two points left: add back the one farthest from their line. */
      guint extra = 0;
      double d_best = -1;

      for (guint i = 0; i < n; i++)
        {
          double d = segment_distance (p + 2 * i, p, p + 2 * far);

          if (!keep[i] && d > d_best)
            d_best = d, extra = i;
        }
      g_array_set_size (out, 0);
      keep[extra] = 1;
      for (guint i = 0; i < n; i++)
        if (keep[i])
          g_array_append_vals (out, p + 2 * i, 2);
    }
  return out;
}
