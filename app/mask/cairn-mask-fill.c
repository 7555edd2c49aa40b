#define G_LOG_DOMAIN "cairn-mask"

#include <stdlib.h>
#include <string.h>

#include "cairn-mask-fill.h"

/* Scanline flood fill over a flat visited map (one byte per pixel, faster to test than the
 * tiles): each span found is written to the region once. The predicate says whether a pixel
 * belongs; it is asked once per pixel at most, as visited pixels are never asked again. */
typedef gboolean (*Inside) (gconstpointer data, guint x, guint y);

typedef struct
{
  guint x;
  guint y;
} Seed;

/* Inlined into each caller with its predicate: a call per pixel would cost a third of it. */
G_ALWAYS_INLINE static inline gboolean
flood (guint          width,
       guint          height,
       Inside         inside,
       gconstpointer  data,
       guint          x,
       guint          y,
       CairnBitmap   *region,
       CairnMaskRect *bounds,
       gboolean      *touches_edge)
{
  g_autofree guint8 *seen = g_try_malloc0 ((gsize) width * height);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Seed));
  guint left = G_MAXUINT, right = 0, top = G_MAXUINT, bottom = 0;

  if (seen == NULL)
    return FALSE;
  g_array_append_val (stack, ((Seed) { x, y }));
  while (stack->len > 0)
    {
      Seed s = g_array_index (stack, Seed, stack->len - 1);
      guint8 *row = seen + (gsize) s.y * width;
      guint a = s.x, b = s.x;

      g_array_set_size (stack, stack->len - 1);
      if (row[s.x] || !inside (data, s.x, s.y))
        continue;
      while (a > 0 && !row[a - 1] && inside (data, a - 1, s.y))
        a--;
      while (b + 1 < width && !row[b + 1] && inside (data, b + 1, s.y))
        b++;
      memset (row + a, 1, b - a + 1);
      cairn_bitmap_set_span (region, s.y, a, b, 1);
      left = MIN (left, a);
      right = MAX (right, b);
      top = MIN (top, s.y);
      bottom = MAX (bottom, s.y);
      /* Seeds in the rows above and below: one per run of unvisited pixels that belong. */
      for (int dy = -1; dy <= 1; dy += 2)
        {
          gint64 ny = (gint64) s.y + dy;
          const guint8 *next;
          gboolean in_run = FALSE;

          if (ny < 0 || ny >= height)
            continue;
          next = seen + (gsize) ny * width;
          for (guint k = a; k <= b; k++)
            {
              gboolean ok = !next[k] && inside (data, k, ny);

              if (ok && !in_run)
                g_array_append_val (stack, ((Seed) { k, (guint) ny }));
              in_run = ok;
            }
        }
    }
  if (bounds != NULL)
    *bounds = (CairnMaskRect) { left, top, right - left + 1, bottom - top + 1 };
  if (touches_edge != NULL)
    *touches_edge = left == 0 || top == 0 || right + 1 == width || bottom + 1 == height;
  return TRUE;
}

typedef struct
{
  const CairnPixels *image;
  guint8             seed[3];
  guint              tolerance;
} ColourData;

static inline gboolean
colour_inside (gconstpointer data, guint x, guint y)
{
  const ColourData *c = data;
  const guint8 *p = c->image->data + (gsize) y * c->image->stride + (gsize) x * c->image->n_channels;

  return (guint) abs (p[0] - c->seed[0]) <= c->tolerance
         && (guint) abs (p[1] - c->seed[1]) <= c->tolerance
         && (guint) abs (p[2] - c->seed[2]) <= c->tolerance;
}

gboolean
cairn_mask_flood_image (const CairnPixels *image,
                        int                x,
                        int                y,
                        guint              tolerance,
                        CairnBitmap       *region,
                        CairnMaskRect     *bounds)
{
  ColourData c = { image, { 0 }, tolerance };
  const guint8 *p;

  g_return_val_if_fail (image->n_channels >= 3, FALSE);
  g_return_val_if_fail (region->width == image->width && region->height == image->height, FALSE);
  if (x < 0 || y < 0 || (guint) x >= image->width || (guint) y >= image->height)
    return FALSE;
  p = image->data + (gsize) y * image->stride + (gsize) x * image->n_channels;
  memcpy (c.seed, p, 3);
  return flood (image->width, image->height, colour_inside, &c, x, y, region, bounds, NULL);
}

typedef struct
{
  const CairnBitmap *mask;
  guint8             value;
} MaskData;

static inline gboolean
mask_inside (gconstpointer data, guint x, guint y)
{
  const MaskData *m = data;

  return cairn_bitmap_get (m->mask, x, y) == m->value;
}

gboolean
cairn_mask_flood_mask (const CairnBitmap *mask,
                       int                x,
                       int                y,
                       CairnBitmap       *region,
                       CairnMaskRect     *bounds,
                       gboolean          *touches_edge)
{
  MaskData m = { mask, 0 };

  g_return_val_if_fail (region->width == mask->width && region->height == mask->height, FALSE);
  if (x < 0 || y < 0 || (guint) x >= mask->width || (guint) y >= mask->height)
    return FALSE;
  m.value = cairn_bitmap_get (mask, x, y);
  return flood (mask->width, mask->height, mask_inside, &m, x, y, region, bounds, touches_edge);
}
