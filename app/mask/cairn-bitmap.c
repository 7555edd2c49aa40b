#define G_LOG_DOMAIN "cairn-mask"

#include <string.h>

#include "cairn-bitmap.h"

#define T CAIRN_BITMAP_TILE
#define TILE_BYTES (T * T)

CairnBitmap *
cairn_bitmap_new (guint width,
                  guint height)
{
  CairnBitmap *self = g_new0 (CairnBitmap, 1);

  self->width = width;
  self->height = height;
  self->cols = (width + T - 1) / T;
  self->rows = (height + T - 1) / T;
  self->tiles = g_new0 (guint8 *, MAX ((gsize) self->cols * self->rows, 1));
  return self;
}

CairnBitmap *
cairn_bitmap_copy (const CairnBitmap *self)
{
  CairnBitmap *copy = cairn_bitmap_new (self->width, self->height);

  for (gsize i = 0; i < (gsize) self->cols * self->rows; i++)
    if (self->tiles[i] != NULL)
      copy->tiles[i] = g_memdup2 (self->tiles[i], TILE_BYTES);
  return copy;
}

void
cairn_bitmap_clear (CairnBitmap *self)
{
  for (gsize i = 0; i < (gsize) self->cols * self->rows; i++)
    g_clear_pointer (&self->tiles[i], g_free);
}

void
cairn_bitmap_free (CairnBitmap *self)
{
  if (self == NULL)
    return;
  cairn_bitmap_clear (self);
  g_free (self->tiles);
  g_free (self);
}

static inline guint8 *
tile_for_write (CairnBitmap *self, guint tx, guint ty)
{
  guint8 **tile = &self->tiles[(gsize) ty * self->cols + tx];

  if (*tile == NULL)
    *tile = g_malloc0 (TILE_BYTES);
  return *tile;
}

guint8
cairn_bitmap_get (const CairnBitmap *self,
                  int                x,
                  int                y)
{
  const guint8 *tile;

  if (x < 0 || y < 0 || (guint) x >= self->width || (guint) y >= self->height)
    return 0;
  tile = self->tiles[(gsize) (y / T) * self->cols + x / T];
  return tile != NULL ? tile[(y % T) * T + x % T] : 0;
}

void
cairn_bitmap_set (CairnBitmap *self,
                  int          x,
                  int          y,
                  guint8       value)
{
  cairn_bitmap_set_span (self, y, x, x, value);
}

void
cairn_bitmap_set_span (CairnBitmap *self,
                       int          y,
                       int          x0,
                       int          x1,
                       guint8       value)
{
  guint ty, row;

  if (y < 0 || (guint) y >= self->height)
    return;
  x0 = MAX (x0, 0);
  x1 = MIN (x1, (int) self->width - 1);
  if (x0 > x1)
    return;
  value = value ? 1 : 0;
  ty = y / T;
  row = (y % T) * T;
  /* A tile at a time: a span is a memset per tile it crosses. */
  for (int x = x0; x <= x1;)
    {
      guint tx = x / T;
      int end = MIN (x1, (int) ((tx + 1) * T) - 1);
      guint8 *tile = self->tiles[(gsize) ty * self->cols + tx];

      /* Clearing an absent tile changes nothing: it stays absent. */
      if (tile == NULL && value)
        tile = tile_for_write (self, tx, ty);
      if (tile != NULL)
        memset (tile + row + x % T, value, end - x + 1);
      x = end + 1;
    }
}

void
cairn_bitmap_merge (CairnBitmap         *self,
                    const CairnBitmap   *other,
                    const CairnMaskRect *rect,
                    guint8               value)
{
  CairnMaskRect r = rect ? *rect : (CairnMaskRect) { 0, 0, self->width, self->height };

  g_return_if_fail (self->width == other->width && self->height == other->height);
  if (!cairn_mask_rect_clip (&r, self->width, self->height))
    return;
  for (guint ty = r.y / T; ty <= (guint) (r.y + r.height - 1) / T; ty++)
    for (guint tx = r.x / T; tx <= (guint) (r.x + r.width - 1) / T; tx++)
      {
        const guint8 *src = other->tiles[(gsize) ty * self->cols + tx];
        guint8 *dst;
        int y0 = MAX (r.y, (int) (ty * T)), y1 = MIN (r.y + r.height, (int) ((ty + 1) * T));
        int x0 = MAX (r.x, (int) (tx * T)), x1 = MIN (r.x + r.width, (int) ((tx + 1) * T));

        if (src == NULL)
          continue;
        dst = self->tiles[(gsize) ty * self->cols + tx];
        if (dst == NULL && !value)
          continue;
        dst = tile_for_write (self, tx, ty);
        for (int y = y0; y < y1; y++)
          for (int x = x0; x < x1; x++)
            {
              guint i = (y % T) * T + x % T;

              if (src[i])
                dst[i] = value ? 1 : 0;
            }
      }
}

gboolean
cairn_bitmap_equal (const CairnBitmap *a,
                    const CairnBitmap *b)
{
  static const guint8 zero[TILE_BYTES];

  if (a->width != b->width || a->height != b->height)
    return FALSE;
  for (gsize i = 0; i < (gsize) a->cols * a->rows; i++)
    {
      const guint8 *ta = a->tiles[i] ? a->tiles[i] : zero;
      const guint8 *tb = b->tiles[i] ? b->tiles[i] : zero;

      if (ta != tb && memcmp (ta, tb, TILE_BYTES) != 0)
        return FALSE;
    }
  return TRUE;
}

guint64
cairn_bitmap_count (const CairnBitmap *self)
{
  guint64 n = 0;

  /* Pixels past the right and bottom edges are never set, so whole tiles can be summed. */
  for (gsize i = 0; i < (gsize) self->cols * self->rows; i++)
    if (self->tiles[i] != NULL)
      for (guint k = 0; k < TILE_BYTES; k++)
        n += self->tiles[i][k];
  return n;
}

gboolean
cairn_bitmap_bounds (const CairnBitmap *self,
                     CairnMaskRect     *bounds)
{
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;

  for (guint ty = 0; ty < self->rows; ty++)
    for (guint tx = 0; tx < self->cols; tx++)
      {
        const guint8 *tile = self->tiles[(gsize) ty * self->cols + tx];

        if (tile == NULL)
          continue;
        for (guint k = 0; k < TILE_BYTES; k++)
          if (tile[k])
            {
              int x = tx * T + k % T, y = ty * T + k / T;

              x0 = MIN (x0, x);
              x1 = MAX (x1, x);
              y0 = MIN (y0, y);
              y1 = MAX (y1, y);
            }
      }
  if (x1 < 0)
    return FALSE;
  *bounds = (CairnMaskRect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
  return TRUE;
}

void
cairn_bitmap_read_rect (const CairnBitmap   *self,
                        const CairnMaskRect *rect,
                        guint8              *out,
                        gsize                stride,
                        guint8               on)
{
  CairnMaskRect r = *rect;

  if (!cairn_mask_rect_clip (&r, self->width, self->height))
    return;
  for (int y = r.y; y < r.y + r.height; y++)
    {
      guint8 *line = out + (gsize) (y - rect->y) * stride + (r.x - rect->x);

      for (int x = r.x; x < r.x + r.width;)
        {
          guint tx = x / T;
          int end = MIN (r.x + r.width, (int) ((tx + 1) * T));
          const guint8 *tile = self->tiles[(gsize) (y / T) * self->cols + tx];

          if (tile == NULL)
            memset (line + (x - r.x), 0, end - x);
          else
            for (int k = x; k < end; k++)
              line[k - r.x] = tile[(y % T) * T + k % T] ? on : 0;
          x = end;
        }
    }
}

void
cairn_bitmap_read_reduced (const CairnBitmap   *self,
                           const CairnMaskRect *rect,
                           guint                factor,
                           guint8              *out,
                           gsize                stride,
                           guint8               on)
{
  CairnMaskRect r = *rect;
  guint out_w;

  g_return_if_fail (factor >= 1 && rect->x % factor == 0 && rect->y % factor == 0);
  if (!cairn_mask_rect_clip (&r, self->width, self->height))
    return;
  out_w = (r.width + factor - 1) / factor;
  for (int y = r.y; y < r.y + r.height; y++)
    {
      guint8 *line = out + (gsize) ((y - rect->y) / factor) * stride;

      if ((y - rect->y) % factor == 0)
        memset (line, 0, out_w);
      for (int x = r.x; x < r.x + r.width;)
        {
          guint tx = x / T;
          int end = MIN (r.x + r.width, (int) ((tx + 1) * T));
          const guint8 *tile = self->tiles[(gsize) (y / T) * self->cols + tx];

          if (tile != NULL)
            for (int k = x; k < end; k++)
              if (tile[(y % T) * T + k % T])
                line[(k - rect->x) / factor] = on;
          x = end;
        }
    }
}

/* One column's pixels y0..y1 (inclusive) set: a run of an RLE. */
static void
set_column (CairnBitmap *self, guint x, guint y0, guint y1)
{
  guint tx = x / T, xi = x % T;

  for (guint y = y0; y <= y1;)
    {
      guint ty = y / T;
      guint end = MIN (y1, (ty + 1) * T - 1);
      guint8 *tile = tile_for_write (self, tx, ty);

      for (guint k = y; k <= end; k++)
        tile[(k % T) * T + xi] = 1;
      y = end + 1;
    }
}

CairnBitmap *
cairn_bitmap_new_from_rle (const CairnRle *rle,
                           GError        **error)
{
  g_autoptr(CairnBitmap) self = NULL;
  guint64 pos = 0;

  if (!cairn_rle_check (rle, error))
    return NULL;
  self = cairn_bitmap_new (rle->width, rle->height);
  for (guint i = 0; i < rle->counts->len; i++)
    {
      guint64 run = g_array_index (rle->counts, guint32, i);

      /* Runs of 1 are column-major: split them where they wrap to the next column. */
      for (guint64 p = pos; i % 2 == 1 && p < pos + run;)
        {
          guint x = p / rle->height, y = p % rle->height;
          guint64 left = MIN (pos + run - p, (guint64) (rle->height - y));

          set_column (self, x, y, y + left - 1);
          p += left;
        }
      pos += run;
    }
  return g_steal_pointer (&self);
}

/* Column by column, as COCO counts go; an absent tile is a run of zeros without a look at
 * its pixels, so encoding costs what the mask holds more than what the image measures. */
CairnRle *
cairn_bitmap_to_rle (const CairnBitmap *self)
{
  CairnRle *rle = cairn_rle_new (self->height, self->width);
  guint8 current = 0;
  guint32 run = 0;

  for (guint x = 0; x < self->width; x++)
    {
      guint tx = x / T, xi = x % T;

      for (guint ty = 0; ty < self->rows; ty++)
        {
          const guint8 *tile = self->tiles[(gsize) ty * self->cols + tx];
          guint n = MIN ((guint) T, self->height - ty * T);

          if (tile == NULL && current == 0)
            {
              run += n;
              continue;
            }
          for (guint k = 0; k < n; k++)
            {
              guint8 v = tile != NULL ? tile[k * T + xi] : 0;

              if (v != current)
                {
                  g_array_append_val (rle->counts, run);
                  run = 0;
                  current = v;
                }
              run++;
            }
        }
    }
  g_array_append_val (rle->counts, run);
  return rle;
}

void
cairn_mask_rect_union (CairnMaskRect       *self,
                       const CairnMaskRect *other)
{
  int x1, y1;

  if (other->width <= 0 || other->height <= 0)
    return;
  if (self->width <= 0 || self->height <= 0)
    {
      *self = *other;
      return;
    }
  x1 = MAX (self->x + self->width, other->x + other->width);
  y1 = MAX (self->y + self->height, other->y + other->height);
  self->x = MIN (self->x, other->x);
  self->y = MIN (self->y, other->y);
  self->width = x1 - self->x;
  self->height = y1 - self->y;
}

gboolean
cairn_mask_rect_clip (CairnMaskRect *self,
                      guint          width,
                      guint          height)
{
  int x0 = MAX (self->x, 0), y0 = MAX (self->y, 0);
  int x1 = MIN ((gint64) self->x + self->width, (gint64) width);
  int y1 = MIN ((gint64) self->y + self->height, (gint64) height);

  if (x1 <= x0 || y1 <= y0)
    {
      *self = (CairnMaskRect) { 0, 0, 0, 0 };
      return FALSE;
    }
  *self = (CairnMaskRect) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}
