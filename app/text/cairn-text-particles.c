#define G_LOG_DOMAIN "cairn-text"

/* Which trailing particle (조사) of a Korean eojeol a snapped span leaves out. The longest
 * particle that leaves a plausible stem wins: a particle whose form depends on the sound
 * before it (은/는, 이/가, 을/를, 과/와, 으로/로) only after a stem that takes that form
 * (사과 keeps its 과: 과 follows a final consonant, and 사 has none; 책과 → 책), any other
 * only after a stem of two syllables or of one that ends in a consonant (집에 → 집, but
 * 회의 stays whole), and never in a word the project keeps whole (정도, 고양이...). */

#include <string.h>

#include "cairn-text-spans.h"

/* Case particles, auxiliary particles and the copula's common endings, longest first. */
static const char *const default_particles[] = {
  "에서부터", "으로부터", "에게서", "한테서", "으로서", "으로써", "이라고", "에서는", "에게는",
  "까지", "부터", "에서", "에게", "한테", "께서", "으로", "로서", "로써", "처럼", "보다",
  "만큼", "이나", "이랑", "라고", "하고", "마다", "조차", "마저", "밖에", "이다", "에는",
  "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "랑", "께",
  NULL
};

/* Common words that end as if in a particle and whose stem the rules above would allow. */
static const char *const default_whole_words[] = {
  "정도", "온도", "속도", "태도", "제도", "지도", "기도", "시도", "수도", "포도", "한도",
  "인도", "각도", "강도", "고도", "농도", "밀도", "습도", "용도", "의도", "진도", "척도",
  "빈도", "효도", "보도", "동의", "정의", "논의", "합의", "강의", "협의", "건의", "결의",
  "결과", "성과", "학과", "통과", "불만", "미만", "고양이", "어린이", "놀이", "먹이", "높이",
  "길이", "넓이", "깊이", "휴가", "도로", "미로", "대로",
  NULL
};

typedef enum
{
  AFTER_ANY,
  AFTER_CONSONANT,        /* 은 이 을 과 */
  AFTER_VOWEL,            /* 는 가 를 와 */
  AFTER_CONSONANT_NOT_L,  /* 으로: after a final consonant other than ㄹ */
  AFTER_VOWEL_OR_L,       /* 로: after a vowel or ㄹ */
} After;

static const struct
{
  const char *particle;
  After       after;
} conditions[] = {
  { "은", AFTER_CONSONANT }, { "이", AFTER_CONSONANT }, { "을", AFTER_CONSONANT },
  { "과", AFTER_CONSONANT }, { "이나", AFTER_CONSONANT }, { "이랑", AFTER_CONSONANT },
  { "이라고", AFTER_CONSONANT }, { "이다", AFTER_CONSONANT },
  { "는", AFTER_VOWEL }, { "가", AFTER_VOWEL }, { "를", AFTER_VOWEL }, { "와", AFTER_VOWEL },
  { "랑", AFTER_VOWEL }, { "라고", AFTER_VOWEL },
  { "으로", AFTER_CONSONANT_NOT_L }, { "으로서", AFTER_CONSONANT_NOT_L },
  { "으로써", AFTER_CONSONANT_NOT_L }, { "으로부터", AFTER_CONSONANT_NOT_L },
  { "로", AFTER_VOWEL_OR_L }, { "로서", AFTER_VOWEL_OR_L }, { "로써", AFTER_VOWEL_OR_L },
};

const char *const *
cairn_text_default_particles (void)
{
  return default_particles;
}

const char *const *
cairn_text_default_whole_words (void)
{
  return default_whole_words;
}

static int
compare_longest_first (gconstpointer pa, gconstpointer pb)
{
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  glong la = g_utf8_strlen (a, -1), lb = g_utf8_strlen (b, -1);

  if (la != lb)
    return la > lb ? -1 : 1;
  return strcmp (a, b);
}

GStrv
cairn_text_parse_particles (const char *list)
{
  g_auto(GStrv) parts = g_strsplit_set (list ? list : "", " ,\t\r\n、", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (*parts[i] == '\0' || !g_utf8_validate (parts[i], -1, NULL))
        continue;
      for (guint j = 0; j < out->len && !seen; j++)
        seen = g_str_equal (out->pdata[j], parts[i]);
      if (!seen)
        g_ptr_array_add (out, g_strdup (parts[i]));
    }
  g_ptr_array_sort (out, compare_longest_first);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* The sound a stem ends in: its final consonant (받침), precomposed or as a trailing jamo. */
typedef enum
{
  ENDS_UNKNOWN,     /* not Hangul: any form goes */
  ENDS_VOWEL,
  ENDS_CONSONANT,
  ENDS_L,           /* ㄹ */
} Ending;

static Ending
ending_of (gunichar c)
{
  if (c >= 0xac00 && c <= 0xd7a3)
    {
      guint final = (c - 0xac00) % 28;

      return final == 0 ? ENDS_VOWEL : final == 8 ? ENDS_L : ENDS_CONSONANT;
    }
  if ((c >= 0x11a8 && c <= 0x11ff) || (c >= 0xd7cb && c <= 0xd7fb))
    return c == 0x11af ? ENDS_L : ENDS_CONSONANT;
  if ((c >= 0x1160 && c <= 0x11a7) || (c >= 0xd7b0 && c <= 0xd7c6))
    return ENDS_VOWEL;
  return ENDS_UNKNOWN;
}

static gboolean
agrees (After after, Ending ending)
{
  switch (after)
    {
    case AFTER_CONSONANT:
      return ending != ENDS_VOWEL;
    case AFTER_VOWEL:
      return ending == ENDS_VOWEL || ending == ENDS_UNKNOWN;
    case AFTER_CONSONANT_NOT_L:
      return ending == ENDS_CONSONANT || ending == ENDS_UNKNOWN;
    case AFTER_VOWEL_OR_L:
      return ending != ENDS_CONSONANT;
    case AFTER_ANY:
    default:
      return TRUE;
    }
}

static After
after_of (const char *particle)
{
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    if (g_str_equal (conditions[i].particle, particle))
      return conditions[i].after;
  return AFTER_ANY;
}

/* Syllables in [from, to): precomposed ones, and decomposed ones counted by their leading
 * consonant. */
static guint
count_syllables (const CairnTextIndex *index, guint from, guint to)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    {
      gunichar c = cairn_text_index_get_char (index, i);

      n += !((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff));
    }
  return n;
}

static gboolean
ends_with (const CairnTextIndex *index, guint word_start, guint end, const gunichar *p,
           guint n)
{
  if (n == 0 || end - word_start <= n)
    return FALSE;
  for (guint k = 0; k < n; k++)
    if (cairn_text_index_get_char (index, end - n + k) != p[k])
      return FALSE;
  return TRUE;
}

static gboolean
plausible_stem (const CairnTextIndex *index, guint word_start, guint stem_end,
                const char *particle)
{
  After after = after_of (particle);
  Ending ending = ending_of (cairn_text_index_get_char (index, stem_end - 1));

  if (!agrees (after, ending))
    return FALSE;
  if (after != AFTER_ANY)
    return TRUE;
  return count_syllables (index, word_start, stem_end) >= 2
         || ending == ENDS_CONSONANT || ending == ENDS_L || ending == ENDS_UNKNOWN;
}

guint
cairn_text_particle_length (const CairnTextIndex *index,
                            const CairnTextSnap  *snap,
                            guint                 word_start,
                            guint                 end)
{
  const char *const *list = snap->particle_list ? snap->particle_list : default_particles;
  const char *const *whole = snap->whole_words ? snap->whole_words : default_whole_words;
  g_autofree char *word = NULL;

  if (word_start >= end || !cairn_text_is_hangul (cairn_text_index_get_char (index, end - 1)))
    return 0;
  word = cairn_text_index_dup_slice (index, word_start, end);
  if (g_strv_contains (whole, word))
    return 0;
  for (guint i = 0; list[i] != NULL; i++)
    {
      glong n = 0;
      g_autofree gunichar *p = g_utf8_to_ucs4_fast (list[i], -1, &n);

      if (ends_with (index, word_start, end, p, (guint) n)
          && plausible_stem (index, word_start, end - (guint) n, list[i]))
        return (guint) n;
    }
  return 0;
}
