#define G_LOG_DOMAIN "cairn-text"

#include <string.h>

#include "cairn-text-index.h"

/* Byte and UTF-16 offsets are kept every BLOCK code points; the rest is counted. */
#define BLOCK 64

struct _CairnTextIndex
{
  char     *text;
  gsize     n_bytes;
  guint     length;
  gunichar *chars;
  gsize    *block_bytes;   /* byte offset of code point i * BLOCK */
  guint    *block_units;   /* UTF-16 offset of code point i * BLOCK */
  guint8   *boundaries;    /* bit per offset 0..length: a grapheme cluster starts (or ends) */
};

/* Grapheme cluster break properties (UAX #29), as far as GLib tells them. */
typedef enum
{
  GB_OTHER,
  GB_CR,
  GB_LF,
  GB_CONTROL,
  GB_EXTEND,
  GB_ZWJ,
  GB_RI,
  GB_SPACING_MARK,
  GB_L,
  GB_V,
  GB_T,
  GB_LV,
  GB_LVT,
} GraphemeBreak;

static gboolean
is_extended_pictographic (gunichar c)
{
  if (c < 0xa9)
    return FALSE;
  return c == 0xa9 || c == 0xae || c == 0x203c || c == 0x2049 || c == 0x2122 || c == 0x2139
         || (c >= 0x2194 && c <= 0x21aa) || (c >= 0x231a && c <= 0x231b) || c == 0x2328
         || c == 0x23cf || (c >= 0x23e9 && c <= 0x23fa) || c == 0x24c2
         || (c >= 0x25aa && c <= 0x25fe) || (c >= 0x2600 && c <= 0x27bf)
         || (c >= 0x2934 && c <= 0x2935) || (c >= 0x2b05 && c <= 0x2b55) || c == 0x3030
         || c == 0x303d || c == 0x3297 || c == 0x3299
         || (c >= 0x1f000 && c <= 0x1faff && !(c >= 0x1f1e6 && c <= 0x1f1ff)
             && !(c >= 0x1f3fb && c <= 0x1f3ff))
         || (c >= 0x1fc00 && c <= 0x1fffd);
}

static GraphemeBreak
grapheme_break (gunichar c)
{
  if (c == '\r')
    return GB_CR;
  if (c == '\n')
    return GB_LF;
  if (c == 0x200d)
    return GB_ZWJ;
  if (c == 0x200c || (c >= 0x1f3fb && c <= 0x1f3ff) || (c >= 0xe0020 && c <= 0xe007f))
    return GB_EXTEND;
  if (c >= 0x1f1e6 && c <= 0x1f1ff)
    return GB_RI;
  if ((c >= 0x1100 && c <= 0x115f) || (c >= 0xa960 && c <= 0xa97c))
    return GB_L;
  if ((c >= 0x1160 && c <= 0x11a7) || (c >= 0xd7b0 && c <= 0xd7c6))
    return GB_V;
  if ((c >= 0x11a8 && c <= 0x11ff) || (c >= 0xd7cb && c <= 0xd7fb))
    return GB_T;
  if (c >= 0xac00 && c <= 0xd7a3)
    return (c - 0xac00) % 28 == 0 ? GB_LV : GB_LVT;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return GB_EXTEND;
    case G_UNICODE_SPACING_MARK:
      return GB_SPACING_MARK;
    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_FORMAT:
      return GB_CONTROL;
    default:
      return GB_OTHER;
    }
}

static void
set_bit (guint8 *bits, guint i)
{
  bits[i / 8] |= 1u << (i % 8);
}

static gboolean
get_bit (const guint8 *bits, guint i)
{
  return (bits[i / 8] >> (i % 8)) & 1;
}

/* The rules of UAX #29 (GB3–GB13) between each pair of code points. */
static void
find_boundaries (CairnTextIndex *self)
{
  GraphemeBreak prev = GB_OTHER;
  gboolean pict_zwj = FALSE;  /* ExtPict Extend* ZWJ just before */
  gboolean in_pict = FALSE;   /* ExtPict Extend* so far */
  guint ri_run = 0;           /* regional indicators in a row before */

  self->boundaries = g_malloc0 (self->length / 8 + 1);
  set_bit (self->boundaries, 0);
  set_bit (self->boundaries, self->length);
  for (guint i = 0; i < self->length; i++)
    {
      gunichar c = self->chars[i];
      GraphemeBreak cur = grapheme_break (c);
      gboolean brk = TRUE;

      if (i == 0)
        brk = TRUE;
      else if (prev == GB_CR && cur == GB_LF)
        brk = FALSE;
      else if (prev == GB_CR || prev == GB_LF || prev == GB_CONTROL
               || cur == GB_CR || cur == GB_LF || cur == GB_CONTROL)
        brk = TRUE;
      else if (prev == GB_L && (cur == GB_L || cur == GB_V || cur == GB_LV || cur == GB_LVT))
        brk = FALSE;
      else if ((prev == GB_LV || prev == GB_V) && (cur == GB_V || cur == GB_T))
        brk = FALSE;
      else if ((prev == GB_LVT || prev == GB_T) && cur == GB_T)
        brk = FALSE;
      else if (cur == GB_EXTEND || cur == GB_ZWJ || cur == GB_SPACING_MARK)
        brk = FALSE;
      else if (pict_zwj && is_extended_pictographic (c))
        brk = FALSE;
      else if (prev == GB_RI && cur == GB_RI && ri_run % 2 == 1)
        brk = FALSE;
      if (brk)
        set_bit (self->boundaries, i);

      /* State for the next pair. */
      pict_zwj = in_pict && cur == GB_ZWJ;
      if (is_extended_pictographic (c))
        in_pict = TRUE;
      else if (cur != GB_EXTEND)
        in_pict = FALSE;
      ri_run = cur == GB_RI ? ri_run + 1 : 0;
      prev = cur;
    }
}

CairnTextIndex *
cairn_text_index_new (const char *text)
{
  CairnTextIndex *self = g_new0 (CairnTextIndex, 1);
  glong length = 0;
  guint n_blocks;
  gsize bytes = 0;
  guint units = 0;

  if (text == NULL)
    text = "";
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), self);
  self->n_bytes = strlen (text);
  self->text = g_memdup2 (text, self->n_bytes + 1);
  self->chars = g_utf8_to_ucs4_fast (text, -1, &length);
  self->length = (guint) length;
  n_blocks = self->length / BLOCK + 1;
  self->block_bytes = g_new (gsize, n_blocks);
  self->block_units = g_new (guint, n_blocks);
  for (guint i = 0; i < self->length; i++)
    {
      gunichar c = self->chars[i];

      if (i % BLOCK == 0)
        {
          self->block_bytes[i / BLOCK] = bytes;
          self->block_units[i / BLOCK] = units;
        }
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      units += c < 0x10000 ? 1 : 2;
    }
  if (self->length % BLOCK == 0)
    {
      self->block_bytes[self->length / BLOCK] = bytes;
      self->block_units[self->length / BLOCK] = units;
    }
  find_boundaries (self);
  return self;
}

void
cairn_text_index_free (CairnTextIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->chars);
  g_free (self->block_bytes);
  g_free (self->block_units);
  g_free (self->boundaries);
  g_free (self);
}

const char *
cairn_text_index_get_text (const CairnTextIndex *self)
{
  return self->text;
}

guint
cairn_text_index_get_length (const CairnTextIndex *self)
{
  return self->length;
}

gsize
cairn_text_index_get_n_bytes (const CairnTextIndex *self)
{
  return self->n_bytes;
}

gunichar
cairn_text_index_get_char (const CairnTextIndex *self,
                           guint                 offset)
{
  return offset < self->length ? self->chars[offset] : 0;
}

gsize
cairn_text_index_to_byte (const CairnTextIndex *self,
                          guint                 offset)
{
  gsize bytes;

  if (offset >= self->length)
    return self->n_bytes;
  bytes = self->block_bytes[offset / BLOCK];
  for (guint i = offset - offset % BLOCK; i < offset; i++)
    {
      gunichar c = self->chars[i];

      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
  return bytes;
}

guint
cairn_text_index_from_byte (const CairnTextIndex *self,
                            gsize                 byte)
{
  guint lo = 0, hi = self->length / BLOCK;
  gsize bytes;
  guint i;

  if (byte >= self->n_bytes)
    return self->length;
  /* The last block starting at or before byte. */
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (mid * BLOCK < self->length && self->block_bytes[mid] <= byte)
        lo = mid;
      else
        hi = mid - 1;
    }
  bytes = self->block_bytes[lo];
  for (i = lo * BLOCK; i < self->length; i++)
    {
      gunichar c = self->chars[i];
      gsize next = bytes + (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);

      if (next > byte)
        break;
      bytes = next;
    }
  return i;
}

guint
cairn_text_index_to_utf16 (const CairnTextIndex *self,
                           guint                 offset)
{
  guint units;

  if (offset > self->length)
    offset = self->length;
  if (offset == self->length && offset % BLOCK == 0)
    return self->block_units[offset / BLOCK];
  units = self->block_units[offset / BLOCK];
  for (guint i = offset - offset % BLOCK; i < offset; i++)
    units += self->chars[i] < 0x10000 ? 1 : 2;
  return units;
}

guint
cairn_text_index_from_utf16 (const CairnTextIndex *self,
                             guint                 unit)
{
  guint lo = 0, hi = self->length / BLOCK;
  guint units;
  guint i;

  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (mid * BLOCK < self->length && self->block_units[mid] <= unit)
        lo = mid;
      else
        hi = mid - 1;
    }
  units = self->block_units[lo];
  for (i = lo * BLOCK; i < self->length; i++)
    {
      guint next = units + (self->chars[i] < 0x10000 ? 1 : 2);

      if (next > unit)
        break;
      units = next;
    }
  return i;
}

gboolean
cairn_text_index_is_boundary (const CairnTextIndex *self,
                              guint                 offset)
{
  return offset <= self->length && get_bit (self->boundaries, offset);
}

guint
cairn_text_index_boundary_floor (const CairnTextIndex *self,
                                 guint                 offset)
{
  if (offset >= self->length)
    return self->length;
  while (offset > 0 && !get_bit (self->boundaries, offset))
    offset--;
  return offset;
}

guint
cairn_text_index_boundary_ceil (const CairnTextIndex *self,
                                guint                 offset)
{
  if (offset >= self->length)
    return self->length;
  while (!get_bit (self->boundaries, offset))
    offset++;
  return offset;
}

guint
cairn_text_index_next_boundary (const CairnTextIndex *self,
                                guint                 offset)
{
  if (offset >= self->length)
    return self->length;
  return cairn_text_index_boundary_ceil (self, offset + 1);
}

guint
cairn_text_index_prev_boundary (const CairnTextIndex *self,
                                guint                 offset)
{
  if (offset == 0)
    return 0;
  if (offset > self->length)
    offset = self->length;
  return cairn_text_index_boundary_floor (self, offset - 1);
}

char *
cairn_text_index_dup_slice (const CairnTextIndex *self,
                            guint                 start,
                            guint                 end)
{
  gsize a, b;

  if (end < start)
    end = start;
  a = cairn_text_index_to_byte (self, start);
  b = cairn_text_index_to_byte (self, end);
  return g_strndup (self->text + a, b - a);
}
