#define G_LOG_DOMAIN "cairn-rle"

#include "cairn-rle-patch.h"

/* Reads the runs forward from any position (column-major pixel index). */
typedef struct
{
  const CairnRle *rle;
  guint           i;      /* the run under pos */
  guint64         start;  /* where run i starts */
} Reader;

/* Writes runs, merging neighbours of one value; starts with the (maybe empty) run of 0. */
typedef struct
{
  CairnRle *rle;
  guint     value;        /* of the last run */
} Writer;

static guint64
run_length (const Reader *r)
{
  return g_array_index (r->rle->counts, guint32, r->i);
}

static void
writer_init (Writer *w, guint height, guint width)
{
  guint32 zero = 0;

  w->rle = cairn_rle_new (height, width);
  w->value = 0;
  g_array_append_val (w->rle->counts, zero);
}

static void
put (Writer *w, guint value, guint64 n)
{
  guint32 run = (guint32) n;

  if (n == 0)
    return;
  if (value == w->value)
    g_array_index (w->rle->counts, guint32, w->rle->counts->len - 1) += run;
  else
    {
      g_array_append_val (w->rle->counts, run);
      w->value = value;
    }
}

/* Copies n pixels from pos (at or after the reader's run) into w, or skips them (w NULL). */
static void
copy (Reader *r, guint64 pos, guint64 n, Writer *w)
{
  while (n > 0 && r->i < r->rle->counts->len)
    {
      guint64 end = r->start + run_length (r);
      guint64 step;

      if (pos >= end)
        {
          r->start = end;
          r->i++;
          continue;
        }
      step = MIN (n, end - pos);
      if (w != NULL)
        put (w, r->i % 2, step);
      pos += step;
      n -= step;
    }
  /* Past the runs (a short mask): zeros. */
  if (w != NULL)
    put (w, 0, n);
}

/* The run of r under pos: its value and where it ends (past the runs: 0 to the end). */
static guint
value_at (Reader *r, guint64 pos, guint64 total, guint64 *end)
{
  guint n = r->rle->counts->len;

  while (r->i < n && r->start + run_length (r) <= pos)
    {
      r->start += run_length (r);
      r->i++;
    }
  if (r->i >= n)
    {
      *end = total;
      return 0;
    }
  *end = r->start + run_length (r);
  return r->i % 2;
}

gboolean
cairn_rle_diff_bounds (const CairnRle *a,
                       const CairnRle *b,
                       guint          *x,
                       guint          *y,
                       guint          *width,
                       guint          *height)
{
  Reader ra = { a, 0, 0 }, rb = { b, 0, 0 };
  guint64 total = (guint64) a->width * a->height, pos = 0;
  guint x0 = G_MAXUINT, x1 = 0, y0 = G_MAXUINT, y1 = 0, h = a->height;

  g_return_val_if_fail (a->width == b->width && a->height == b->height, FALSE);
  while (pos < total)
    {
      guint64 end_a, end_b, next;
      guint va = value_at (&ra, pos, total, &end_a), vb = value_at (&rb, pos, total, &end_b);

      next = MIN (MIN (end_a, end_b), total);
      if (va != vb)
        {
          guint c0 = pos / h, c1 = (next - 1) / h;

          /* Across columns, the rows between are all in it. */
          x0 = MIN (x0, c0);
          x1 = MAX (x1, c1);
          y0 = MIN (y0, c0 == c1 ? pos % h : 0);
          y1 = MAX (y1, c0 == c1 ? (next - 1) % h : h - 1);
        }
      pos = next;
    }
  if (x0 == G_MAXUINT)
    return FALSE;
  *x = x0;
  *y = y0;
  *width = x1 - x0 + 1;
  *height = y1 - y0 + 1;
  return TRUE;
}

CairnRle *
cairn_rle_crop (const CairnRle *self,
                guint           x,
                guint           y,
                guint           width,
                guint           height)
{
  Reader r = { self, 0, 0 };
  Writer w;

  g_return_val_if_fail (x + width <= self->width && y + height <= self->height, NULL);
  writer_init (&w, height, width);
  for (guint c = x; c < x + width; c++)
    copy (&r, (guint64) c * self->height + y, height, &w);
  return w.rle;
}

CairnRle *
cairn_rle_paste (const CairnRle *self,
                 const CairnRle *patch,
                 guint           x,
                 guint           y)
{
  Reader r = { self, 0, 0 }, p = { patch, 0, 0 };
  guint64 pos = 0, total = (guint64) self->width * self->height;
  Writer w;

  g_return_val_if_fail (x + patch->width <= self->width && y + patch->height <= self->height,
                        NULL);
  writer_init (&w, self->height, self->width);
  for (guint c = 0; c < patch->width; c++)
    {
      guint64 at = (guint64) (x + c) * self->height + y;

      copy (&r, pos, at - pos, &w);
      copy (&p, (guint64) c * patch->height, patch->height, &w);
      pos = at + patch->height;
    }
  copy (&r, pos, total - pos, &w);
  return w.rle;
}

CairnRle *
cairn_rle_take (const CairnRle *self,
                const guint8   *take,
                guint           x,
                guint           y,
                guint           width,
                guint           height)
{
  g_autoptr(CairnRle) part = cairn_rle_crop (self, x, y, width, height);
  g_autoptr(CairnRle) left = NULL;
  g_autofree guint8 *bits = NULL;
  gboolean taken = FALSE;

  if (part == NULL || cairn_rle_area (part) == 0)
    return NULL;
  bits = cairn_rle_to_bitmap (part);
  for (gsize i = 0; i < (gsize) width * height; i++)
    if (bits[i] && take[i])
      {
        bits[i] = 0;
        taken = TRUE;
      }
  if (!taken)
    return NULL;
  left = cairn_rle_from_bitmap (bits, height, width);
  return cairn_rle_paste (self, left, x, y);
}

char *
cairn_rle_dup_digest (const CairnRle *self)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint32 head[2] = { GUINT32_TO_LE (self->height), GUINT32_TO_LE (self->width) };
  guint64 run = 0;

  g_checksum_update (sum, (const guchar *) head, sizeof head);
  /* Runs of one value split in two (an empty run between) count as one. */
  for (guint i = 0; i < self->counts->len; i++)
    {
      guint32 n = g_array_index (self->counts, guint32, i);

      if (n == 0 && i > 0)
        {
          if (i + 1 < self->counts->len)
            run += g_array_index (self->counts, guint32, ++i);
          continue;
        }
      if (i > 0)
        {
          guint64 le = GUINT64_TO_LE (run);

          g_checksum_update (sum, (const guchar *) &le, sizeof le);
        }
      run = n;
    }
  {
    guint64 le = GUINT64_TO_LE (run);

    g_checksum_update (sum, (const guchar *) &le, sizeof le);
  }
  return g_strdup (g_checksum_get_string (sum));
}
