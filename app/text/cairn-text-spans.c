#define G_LOG_DOMAIN "cairn-text"

#include <string.h>

#include "cairn-text-spans.h"

gboolean
cairn_text_range_overlaps (CairnTextRange a,
                           CairnTextRange b)
{
  return a.start < b.end && b.start < a.end;
}

gboolean
cairn_text_range_contains (CairnTextRange outer,
                           CairnTextRange inner)
{
  return outer.start <= inner.start && inner.end <= outer.end;
}

typedef struct
{
  CairnTextRange range;
  guint          index;
} Ordered;

static int
compare_ordered (gconstpointer pa, gconstpointer pb)
{
  const Ordered *a = pa, *b = pb;

  if (a->range.start != b->range.start)
    return a->range.start < b->range.start ? -1 : 1;
  /* The longer (outer) one first. */
  if (a->range.end != b->range.end)
    return a->range.end > b->range.end ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

guint
cairn_text_assign_lanes (const CairnTextRange *ranges,
                         guint                 n_ranges,
                         guint                *lanes)
{
  g_autofree Ordered *order = g_new (Ordered, MAX (n_ranges, 1));
  g_autoptr(GArray) lane_end = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_ranges; i++)
    order[i] = (Ordered) { ranges[i], i };
  qsort (order, n_ranges, sizeof (Ordered), compare_ordered);
  for (guint i = 0; i < n_ranges; i++)
    {
      CairnTextRange r = order[i].range;
      guint lane;

      /* An empty range still takes room where it is drawn. */
      for (lane = 0; lane < lane_end->len; lane++)
        if (g_array_index (lane_end, guint, lane) <= r.start)
          break;
      if (lane == lane_end->len)
        g_array_append_val (lane_end, r.end);
      g_array_index (lane_end, guint, lane) = MAX (r.end, r.start + 1);
      lanes[order[i].index] = lane;
    }
  return lane_end->len;
}

gboolean
cairn_text_is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
      return FALSE;
    default:
      return !g_unichar_isspace (c);
    }
}

gboolean
cairn_text_is_hangul (gunichar c)
{
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff)
         || (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f)
         || (c >= 0xd7b0 && c <= 0xd7ff);
}

static gboolean
is_space (const CairnTextIndex *index, guint i)
{
  gunichar c = cairn_text_index_get_char (index, i);

  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR
         || c == 0x200b;
}

static gboolean
is_word (const CairnTextIndex *index, guint i)
{
  return i < cairn_text_index_get_length (index)
         && cairn_text_is_word_char (cairn_text_index_get_char (index, i));
}

gboolean
cairn_text_snap_range (const CairnTextIndex *index,
                       const CairnTextSnap  *snap,
                       guint                *start,
                       guint                *end)
{
  guint length = cairn_text_index_get_length (index);
  guint s = MIN (*start, *end), e = MAX (*start, *end);

  s = MIN (s, length);
  e = MIN (e, length);
  while (s < e && is_space (index, s))
    s++;
  while (e > s && is_space (index, e - 1))
    e--;
  if (s == e)
    return FALSE;
  if (snap != NULL && snap->words)
    {
      guint word_start, s0 = s, e0 = e;

      /* Punctuation at either end is left out ("산다." → 산다), unless there is nothing else. */
      while (s < e && !is_word (index, s))
        s++;
      while (e > s && !is_word (index, e - 1))
        e--;
      if (s == e)
        {
          s = s0;
          e = e0;
        }

      if (is_word (index, s))
        while (s > 0 && is_word (index, s - 1))
          s--;
      if (is_word (index, e - 1))
        while (is_word (index, e))
          e++;
      word_start = e;
      while (word_start > s && is_word (index, word_start - 1))
        word_start--;
      if (snap->particles && word_start < e)
        e -= cairn_text_particle_length (index, snap, word_start, e);
    }
  s = cairn_text_index_boundary_floor (index, s);
  e = cairn_text_index_boundary_ceil (index, e);
  if (s >= e)
    return FALSE;
  *start = s;
  *end = e;
  return TRUE;
}

/* The end of the next word after offset (skipping what is between), or offset. */
static guint
next_word_end (const CairnTextIndex *index, guint offset)
{
  guint length = cairn_text_index_get_length (index);
  guint i = offset;

  while (i < length && !is_word (index, i))
    i++;
  while (i < length && is_word (index, i))
    i++;
  return i;
}

static guint
prev_word_start (const CairnTextIndex *index, guint offset)
{
  guint i = offset;

  while (i > 0 && !is_word (index, i - 1))
    i--;
  while (i > 0 && is_word (index, i - 1))
    i--;
  return i;
}

gboolean
cairn_text_resize_range (const CairnTextIndex *index,
                         const CairnTextSnap  *snap,
                         CairnTextEdge         edge,
                         gboolean              grow,
                         guint                *start,
                         guint                *end)
{
  guint length = cairn_text_index_get_length (index);
  gboolean words = snap != NULL && snap->words;
  guint s = *start, e = *end;

  if (s >= e || e > length)
    return FALSE;
  if (edge == CAIRN_TEXT_EDGE_END)
    {
      if (grow)
        e = words ? next_word_end (index, e) : cairn_text_index_next_boundary (index, e);
      else
        {
          e = words ? prev_word_start (index, e) : cairn_text_index_prev_boundary (index, e);
          /* Shrinking a word off leaves the space before it out too. */
          while (words && e > s && !is_word (index, e - 1))
            e--;
        }
    }
  else
    {
      if (grow)
        s = words ? prev_word_start (index, s) : cairn_text_index_prev_boundary (index, s);
      else
        {
          s = words ? next_word_end (index, s) : cairn_text_index_next_boundary (index, s);
          while (words && s < e && !is_word (index, s))
            s++;
        }
    }
  s = cairn_text_index_boundary_floor (index, s);
  e = cairn_text_index_boundary_ceil (index, e);
  if (s >= e || (s == *start && e == *end))
    return FALSE;
  *start = s;
  *end = e;
  return TRUE;
}

static gunichar
fold (gunichar c, gboolean match_case)
{
  return match_case ? c : g_unichar_tolower (c);
}

GArray *
cairn_text_find_all (const CairnTextIndex *index,
                     const char           *needle,
                     CairnTextFindFlags    flags)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (CairnTextRange));
  gboolean match_case = (flags & CAIRN_TEXT_FIND_MATCH_CASE) != 0;
  guint length = cairn_text_index_get_length (index);
  g_autofree gunichar *pattern = NULL;
  glong n = 0;

  if (needle == NULL || *needle == '\0' || !g_utf8_validate (needle, -1, NULL))
    return found;
  pattern = g_utf8_to_ucs4_fast (needle, -1, &n);
  for (glong k = 0; k < n; k++)
    pattern[k] = fold (pattern[k], match_case);
  for (guint i = 0; i + (guint) n <= length;)
    {
      glong k = 0;

      while (k < n && fold (cairn_text_index_get_char (index, i + k), match_case) == pattern[k])
        k++;
      if (k == n && cairn_text_index_is_boundary (index, i)
          && cairn_text_index_is_boundary (index, i + n)
          && (!(flags & CAIRN_TEXT_FIND_WHOLE_WORDS)
              || ((i == 0 || !is_word (index, i - 1)) && !is_word (index, i + n))))
        {
          CairnTextRange r = { i, i + n };

          g_array_append_val (found, r);
          i += n;
        }
      else
        i++;
    }
  return found;
}

static gboolean
ends_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xff01
         || c == 0xff1f || c == 0xff0e;
}

static void
add_sentence (const CairnTextIndex *index, GArray *out, guint s, guint e)
{
  CairnTextRange r;

  while (s < e && is_space (index, s))
    s++;
  while (e > s && is_space (index, e - 1))
    e--;
  if (s == e)
    return;
  r = (CairnTextRange) { s, e };
  g_array_append_val (out, r);
}

GArray *
cairn_text_sentences (const CairnTextIndex *index)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CairnTextRange));
  guint length = cairn_text_index_get_length (index);
  guint s = 0;

  for (guint i = 0; i < length; i++)
    {
      gunichar c = cairn_text_index_get_char (index, i);

      if (c == '\n' || c == '\r' || c == 0x2029)
        {
          add_sentence (index, out, s, i);
          s = i + 1;
        }
      else if (ends_sentence (c))
        {
          guint j = i + 1;

          /* "...", "?!" and a closing quote stay with the sentence. */
          while (j < length && (ends_sentence (cairn_text_index_get_char (index, j))
                                || g_unichar_type (cairn_text_index_get_char (index, j))
                                     == G_UNICODE_FINAL_PUNCTUATION
                                || cairn_text_index_get_char (index, j) == '"'))
            j++;
          if (j == length || is_space (index, j) || c >= 0x3000)
            {
              add_sentence (index, out, s, j);
              s = j;
              i = j - 1;
            }
        }
    }
  add_sentence (index, out, s, length);
  return out;
}
