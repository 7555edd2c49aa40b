#define G_LOG_DOMAIN "cairn-rle"

#include "cairn-rle.h"
#include "cairn-annotation.h"

G_DEFINE_BOXED_TYPE (CairnRle, cairn_rle, cairn_rle_copy, cairn_rle_free)

CairnRle *
cairn_rle_new (guint height,
               guint width)
{
  CairnRle *self = g_new0 (CairnRle, 1);

  self->height = height;
  self->width = width;
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  return self;
}

CairnRle *
cairn_rle_copy (const CairnRle *self)
{
  CairnRle *copy = cairn_rle_new (self->height, self->width);

  g_array_append_vals (copy->counts, self->counts->data, self->counts->len);
  return copy;
}

void
cairn_rle_free (CairnRle *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->counts);
  g_free (self);
}

CairnRle *
cairn_rle_from_bitmap (const guint8 *bits,
                       guint         height,
                       guint         width)
{
  CairnRle *self = cairn_rle_new (height, width);
  guint8 current = 0;
  guint32 run = 0;

  for (guint x = 0; x < width; x++)
    for (guint y = 0; y < height; y++)
      {
        guint8 v = bits[(gsize) y * width + x] ? 1 : 0;

        if (v != current)
          {
            g_array_append_val (self->counts, run);
            run = 0;
            current = v;
          }
        run++;
      }
  g_array_append_val (self->counts, run);
  return self;
}

guint8 *
cairn_rle_to_bitmap (const CairnRle *self)
{
  gsize total = (gsize) self->height * self->width;
  guint8 *bits = g_malloc0 (MAX (total, 1));
  gsize pos = 0;

  for (guint i = 0; i < self->counts->len && pos < total; i++)
    {
      guint32 run = g_array_index (self->counts, guint32, i);

      for (guint32 k = 0; k < run && pos < total; k++, pos++)
        if (i % 2 == 1)
          {
            gsize x = pos / self->height;
            gsize y = pos % self->height;
            bits[y * self->width + x] = 1;
          }
    }
  return bits;
}

/* COCO's compressed counts: each count (after the second, as a delta from the count two
 * before) is written 5 bits at a time, least significant first, as characters from '0'. */
char *
cairn_rle_to_string (const CairnRle *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->counts->len; i++)
    {
      gint64 x = g_array_index (self->counts, guint32, i);
      gboolean more = TRUE;

      if (i > 2)
        x -= g_array_index (self->counts, guint32, i - 2);
      while (more)
        {
          gint64 c = x & 0x1f;

          x >>= 5;
          more = (c & 0x10) ? x != -1 : x != 0;
          if (more)
            c |= 0x20;
          g_string_append_c (out, (char) (c + 48));
        }
    }
  return g_string_free (out, FALSE);
}

CairnRle *
cairn_rle_from_string (const char *counts,
                       guint       height,
                       guint       width,
                       GError    **error)
{
  g_autoptr(CairnRle) self = cairn_rle_new (height, width);
  const char *p = counts;

  while (*p != '\0')
    {
      gint64 x = 0;
      guint shift = 0;
      gboolean more = TRUE;

      while (more)
        {
          gint64 c;

          if (*p == '\0' || *p < 48 || *p > 48 + 63)
            {
              g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "RLE counts: bad character at offset %d", (int) (p - counts));
              return NULL;
            }
          if (shift > 55)
            {
              g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "RLE counts: number too long at offset %d", (int) (p - counts));
              return NULL;
            }
          c = *p++ - 48;
          x |= (c & 0x1f) << shift;
          more = (c & 0x20) != 0;
          shift += 5;
          if (!more && (c & 0x10))
            x |= -((gint64) 1 << shift);
        }
      if (self->counts->len > 2)
        x += g_array_index (self->counts, guint32, self->counts->len - 2);
      if (x < 0 || x > G_MAXUINT32)
        {
          g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                       "RLE counts: run %u is out of range", self->counts->len);
          return NULL;
        }
      {
        guint32 run = (guint32) x;
        g_array_append_val (self->counts, run);
      }
    }
  if (!cairn_rle_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
cairn_rle_check (const CairnRle *self,
                 GError        **error)
{
  guint64 total = 0;

  /* Unpacked as a byte per pixel by exporters and agreement: bounded like images are. */
  if ((guint64) self->height * self->width > CAIRN_RLE_MAX_PIXELS)
    {
      g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                   "a mask of %u × %u is over the limit of %" G_GUINT64_FORMAT " pixels",
                   self->height, self->width, CAIRN_RLE_MAX_PIXELS);
      return FALSE;
    }
  for (guint i = 0; i < self->counts->len; i++)
    total += g_array_index (self->counts, guint32, i);
  if (total != (guint64) self->height * self->width)
    {
      g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                   "RLE counts sum to %" G_GUINT64_FORMAT ", expected %u × %u = %" G_GUINT64_FORMAT,
                   total, self->height, self->width, (guint64) self->height * self->width);
      return FALSE;
    }
  return TRUE;
}

guint64
cairn_rle_area (const CairnRle *self)
{
  guint64 area = 0;

  for (guint i = 1; i < self->counts->len; i += 2)
    area += g_array_index (self->counts, guint32, i);
  return area;
}

gboolean
cairn_rle_bounds (const CairnRle *self,
                  double *x, double *y, double *w, double *h)
{
  guint64 pos = 0;
  guint min_x = G_MAXUINT, max_x = 0, min_y = G_MAXUINT, max_y = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < self->counts->len; i++)
    {
      guint32 run = g_array_index (self->counts, guint32, i);

      if (i % 2 == 1 && run > 0 && self->height > 0)
        {
          guint64 first = pos, last = pos + run - 1;
          guint fx = first / self->height, lx = last / self->height;

          any = TRUE;
          min_x = MIN (min_x, fx);
          max_x = MAX (max_x, lx);
          if (fx == lx)
            {
              min_y = MIN (min_y, (guint) (first % self->height));
              max_y = MAX (max_y, (guint) (last % self->height));
            }
          else
            {
              min_y = 0;
              max_y = self->height - 1;
            }
        }
      pos += run;
    }
  if (!any)
    return FALSE;
  *x = min_x;
  *y = min_y;
  *w = max_x - min_x + 1;
  *h = max_y - min_y + 1;
  return TRUE;
}

gboolean
cairn_rle_equal (const CairnRle *a,
                 const CairnRle *b)
{
  guint64 inter, uni;

  if (a->height != b->height || a->width != b->width)
    return FALSE;
  cairn_rle_overlap (a, b, &inter, &uni);
  return inter == uni;
}

void
cairn_rle_overlap (const CairnRle *a,
                   const CairnRle *b,
                   guint64        *intersection,
                   guint64        *union_)
{
  guint ia = 0, ib = 0;
  guint64 left_a = a->counts->len ? g_array_index (a->counts, guint32, 0) : 0;
  guint64 left_b = b->counts->len ? g_array_index (b->counts, guint32, 0) : 0;
  guint64 inter = 0, uni = 0;

  /* Walk both run lists together; each step consumes the shorter remaining run. */
  while (ia < a->counts->len && ib < b->counts->len)
    {
      guint64 step = MIN (left_a, left_b);
      gboolean va = ia % 2 == 1, vb = ib % 2 == 1;

      if (va && vb)
        inter += step;
      if (va || vb)
        uni += step;
      left_a -= step;
      left_b -= step;
      while (left_a == 0 && ++ia < a->counts->len)
        left_a = g_array_index (a->counts, guint32, ia);
      while (left_b == 0 && ++ib < b->counts->len)
        left_b = g_array_index (b->counts, guint32, ib);
    }
  *intersection = inter;
  *union_ = uni;
}
