#define G_LOG_DOMAIN "cairn-format-labelstudio"

#include <math.h>

#include "cairn-labelstudio-brush.h"
#include "cairn-format-shapes-util.h"

/* Label Studio runs-of-bits RLE (thi.ng rle-pack) */

typedef struct
{
  const guint8 *data;
  gsize         n_bits;
  gsize         pos;
} Bits;

static gboolean
read_bits (Bits *b, guint n, guint32 *value)
{
  guint32 v = 0;

  if (b->pos + n > b->n_bits)
    return FALSE;
  for (guint i = 0; i < n; i++, b->pos++)
    v = (v << 1) | ((b->data[b->pos / 8] >> (7 - b->pos % 8)) & 1);
  *value = v;
  return TRUE;
}

/* Sets the mask pixel of every alpha value in [from, to) to value. */
static void
fill_alpha (guint8 *mask, guint64 from, guint64 to, guint32 value)
{
  guint64 first = from + ((3 - from % 4) % 4);

  if (value == 0)
    return;
  for (guint64 p = first; p < to; p += 4)
    mask[p / 4] = 1;
}

/* The alpha channel of a width × height RGBA image, row-major, non-zero = set. */
guint8 *
cairn_labelstudio_brush_decode (JsonArray *rle, guint width, guint height, GError **error)
{
  gsize n = json_array_get_length (rle);
  g_autofree guint8 *bytes = g_malloc0 (MAX (n, 1));
  g_autofree guint8 *mask = NULL;
  Bits b = { bytes, n * 8, 0 };
  guint32 num, word, sizes[4], v;
  guint64 i = 0;

  for (gsize k = 0; k < n; k++)
    {
      double d;
      if (!cairn_json_node_number (json_array_get_element (rle, k), &d) || d < 0 || d > 255
          || d != floor (d))
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "rle[%" G_GSIZE_FORMAT "] is not a byte", k);
          return NULL;
        }
      bytes[k] = (guint8) d;
    }
  if (!read_bits (&b, 32, &num) || !read_bits (&b, 5, &word))
    goto truncated;
  word += 1;
  for (guint k = 0; k < 4; k++)
    {
      if (!read_bits (&b, 4, &sizes[k]))
        goto truncated;
      sizes[k] += 1;
    }
  if ((guint64) num != (guint64) width * height * 4)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "rle holds %u values, a %u × %u RGBA image has %" G_GUINT64_FORMAT, num,
                   width, height, (guint64) width * height * 4);
      return NULL;
    }
  mask = g_malloc0 (MAX ((gsize) width * height, 1));
  while (i < num)
    {
      guint32 repeat, which, extra;
      guint64 j;

      if (!read_bits (&b, 1, &repeat) || !read_bits (&b, 2, &which)
          || !read_bits (&b, sizes[which], &extra))
        goto truncated;
      j = i + 1 + extra;
      if (j > num)
        {
          g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                               "rle runs past the end of the image");
          return NULL;
        }
      if (repeat)
        {
          if (!read_bits (&b, word, &v))
            goto truncated;
          fill_alpha (mask, i, j, v);
          i = j;
        }
      else
        for (; i < j; i++)
          {
            if (!read_bits (&b, word, &v))
              goto truncated;
            if (i % 4 == 3 && v)
              mask[i / 4] = 1;
          }
    }
  return g_steal_pointer (&mask);

truncated:
  g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "rle is truncated");
  return NULL;
}

typedef struct
{
  GByteArray *bytes;
  guint8      current;
  guint       used;   /* bits used in current */
} BitWriter;

static void
write_bits (BitWriter *w, guint32 value, guint n)
{
  for (int i = n - 1; i >= 0; i--)
    {
      w->current = (w->current << 1) | ((value >> i) & 1);
      if (++w->used == 8)
        {
          g_byte_array_append (w->bytes, &w->current, 1);
          w->current = 0;
          w->used = 0;
        }
    }
}

static void
write_run (BitWriter *w, guint64 length, guint8 value)
{
  static const guint sizes[4] = { 3, 4, 8, 16 };

  /* Every run here is a whole number of pixels, 4 values each, so never a single value. */
  while (length > 0)
    {
      guint64 chunk = MIN (length, 65536);
      guint which = chunk <= 8 ? 0 : chunk <= 16 ? 1 : chunk <= 256 ? 2 : 3;

      write_bits (w, 1, 1);
      write_bits (w, which, 2);
      write_bits (w, (guint32) (chunk - 1), sizes[which]);
      write_bits (w, value, 8);
      length -= chunk;
    }
}

/* The mask as Label Studio's brush RLE: an RGBA image, every channel 255 where set. */
GByteArray *
cairn_labelstudio_brush_encode (const CairnRle *rle)
{
  g_autofree guint8 *bits = cairn_rle_to_bitmap (rle);
  guint64 total = (guint64) rle->width * rle->height;
  BitWriter w = { g_byte_array_new (), 0, 0 };
  guint64 run = 0;
  guint8 value = 0;

  write_bits (&w, (guint32) (total * 4), 32);
  write_bits (&w, 8 - 1, 5);
  write_bits (&w, 3 - 1, 4);
  write_bits (&w, 4 - 1, 4);
  write_bits (&w, 8 - 1, 4);
  write_bits (&w, 16 - 1, 4);
  for (guint64 p = 0; p < total; p++)
    {
      guint8 v = bits[p] ? 255 : 0;

      if (v != value && run)
        {
          write_run (&w, run * 4, value);
          run = 0;
        }
      value = v;
      run++;
    }
  if (run)
    write_run (&w, run * 4, value);
  if (w.used)
    write_bits (&w, 0, 8 - w.used);
  return w.bytes;
}
