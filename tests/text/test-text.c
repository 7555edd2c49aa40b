/* app/text: offsets, graphemes, span logic, snapping, relations, search, the pane's edits. */

#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"
#include "model/cairn-label.h"
#include "text/cairn-text-edits.h"
#include "text/cairn-text-lanes.h"

/* Precomposed and decomposed Hangul, a skin-toned emoji, a ZWJ family, a flag, a combining
 * accent, CRLF and a tab. */
#define HAN_DECOMPOSED "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"   /* 한 as U+1112 U+1161 U+11AB */
#define THUMBS "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"                /* 👍🏽 */
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👨‍👩‍👧 */
#define FLAG_KR "\xf0\x9f\x87\xb0\xf0\x9f\x87\xb7"               /* 🇰🇷 */
#define E_ACUTE "e\xcc\x81"                                      /* é as e + U+0301 */

static void
test_offsets (void)
{
  /* 0 한 1 국 2 ␠ 3..5 한(jamo) 6 ␠ 7..8 👍🏽 9 ␠ 10..14 family 15 ␠ 16..17 flag 18 ␠
   * 19..20 é 21 \r 22 \n 23 \t 24 a 25 */
  const char *text = "한국 " HAN_DECOMPOSED " " THUMBS " " FAMILY " " FLAG_KR " " E_ACUTE
                     "\r\n\ta";
  g_autoptr(CairnTextIndex) index = cairn_text_index_new (text);
  guint expected_boundaries[] = { 0, 1, 2, 3, 6, 7, 9, 10, 15, 16, 18, 19, 21, 23, 24, 25 };
  guint n = 0;

  g_assert_cmpuint (cairn_text_index_get_length (index), ==, 25);
  g_assert_cmpuint (cairn_text_index_get_length (index), ==, g_utf8_strlen (text, -1));
  for (guint i = 0; i <= 25; i++)
    {
      gboolean expected = n < G_N_ELEMENTS (expected_boundaries) && expected_boundaries[n] == i;

      g_assert_cmpint (cairn_text_index_is_boundary (index, i), ==, expected);
      if (expected)
        n++;
      /* Bytes agree with GLib's own walk. */
      g_assert_cmpuint (cairn_text_index_to_byte (index, i), ==,
                        g_utf8_offset_to_pointer (text, i) - text);
      g_assert_cmpuint (cairn_text_index_from_byte (index, cairn_text_index_to_byte (index, i)),
                        ==, i);
      g_assert_cmpuint (cairn_text_index_from_utf16 (index, cairn_text_index_to_utf16 (index, i)),
                        ==, i);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_boundaries));
  /* UTF-16: the emoji outside the BMP count two units each, the CJK text one. */
  g_assert_cmpuint (cairn_text_index_to_utf16 (index, 7), ==, 7);
  g_assert_cmpuint (cairn_text_index_to_utf16 (index, 9), ==, 11);
  g_assert_cmpuint (cairn_text_index_to_utf16 (index, 25), ==, 25 + 2 + 3 + 2);
  /* A byte inside 국 is 국; a unit inside a surrogate pair is its character. */
  g_assert_cmpuint (cairn_text_index_from_byte (index, 4), ==, 1);
  g_assert_cmpuint (cairn_text_index_from_utf16 (index, 8), ==, 7);
  g_assert_cmpuint (cairn_text_index_boundary_floor (index, 4), ==, 3);
  g_assert_cmpuint (cairn_text_index_boundary_ceil (index, 4), ==, 6);
  g_assert_cmpuint (cairn_text_index_next_boundary (index, 10), ==, 15);
  g_assert_cmpuint (cairn_text_index_prev_boundary (index, 15), ==, 10);
  g_assert_cmpuint (cairn_text_index_prev_boundary (index, 23), ==, 21);
  {
    g_autofree char *slice = cairn_text_index_dup_slice (index, 7, 9);

    g_assert_cmpstr (slice, ==, THUMBS);
  }
  /* Two flags in a row are two characters. */
  {
    g_autoptr(CairnTextIndex) flags = cairn_text_index_new (FLAG_KR FLAG_KR);

    g_assert_true (cairn_text_index_is_boundary (flags, 2));
    g_assert_false (cairn_text_index_is_boundary (flags, 1));
    g_assert_false (cairn_text_index_is_boundary (flags, 3));
  }
}

static void
test_offsets_long (void)
{
  /* Past the 64-code-point blocks, mixed widths. */
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(CairnTextIndex) index = NULL;
  const char *text;

  for (guint i = 0; i < 500; i++)
    g_string_append (s, i % 3 == 0 ? "가" : i % 3 == 1 ? "a" : THUMBS);
  index = cairn_text_index_new (s->str);
  text = cairn_text_index_get_text (index);
  for (guint i = 0; i <= cairn_text_index_get_length (index); i++)
    {
      gsize byte = g_utf8_offset_to_pointer (text, i) - text;

      g_assert_cmpuint (cairn_text_index_to_byte (index, i), ==, byte);
      g_assert_cmpuint (cairn_text_index_from_byte (index, byte), ==, i);
      g_assert_cmpuint (cairn_text_index_from_utf16 (index, cairn_text_index_to_utf16 (index, i)),
                        ==, i);
    }
  g_assert_cmpuint (cairn_text_index_from_byte (index, s->len), ==,
                    cairn_text_index_get_length (index));
}

static void
test_lanes (void)
{
  /* [0,10) holds [2,5) and [6,9); [4,7) overlaps both; [10,12) touches [0,10) only. */
  CairnTextRange ranges[] = { { 2, 5 }, { 0, 10 }, { 6, 9 }, { 4, 7 }, { 10, 12 } };
  guint lanes[G_N_ELEMENTS (ranges)];
  guint n = cairn_text_assign_lanes (ranges, G_N_ELEMENTS (ranges), lanes);

  g_assert_true (cairn_text_range_overlaps (ranges[0], ranges[3]));
  g_assert_false (cairn_text_range_overlaps (ranges[1], ranges[4]));
  g_assert_true (cairn_text_range_contains (ranges[1], ranges[0]));
  g_assert_false (cairn_text_range_contains (ranges[0], ranges[3]));
  g_assert_cmpuint (lanes[1], ==, 0);
  g_assert_cmpuint (lanes[4], ==, 0);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (ranges); j++)
      if (cairn_text_range_overlaps (ranges[i], ranges[j]))
        g_assert_cmpuint (lanes[i], !=, lanes[j]);
}

/* The kept lanes after each random insertion or removal are those of a full pass, and those
 * of cairn_text_assign_lanes. */
static void
test_lanes_kept (void)
{
  g_autoptr(CairnTextLanes) kept = cairn_text_lanes_new ();
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (CairnLaneEntry));
  GRand *rand = g_rand_new_with_seed (29);
  gint64 next_id = 1;

  for (guint step = 0; step < 3000; step++)
    {
      g_autoptr(CairnTextLanes) fresh = cairn_text_lanes_new ();
      g_autofree CairnTextRange *ranges = NULL;
      g_autofree guint *lanes = NULL;
      const CairnLaneEntry *a, *b;
      guint na, nb, n_lanes;

      if (live->len > 0 && g_rand_int_range (rand, 0, 3) == 0)
        {
          guint k = g_rand_int_range (rand, 0, live->len);
          CairnLaneEntry gone = g_array_index (live, CairnLaneEntry, k);

          g_assert_true (cairn_text_lanes_remove (kept, gone.id, gone.start, gone.end));
          g_array_remove_index_fast (live, k);
        }
      else
        {
          /* Short spans mostly, now and then a long one over many. */
          guint start = g_rand_int_range (rand, 0, 400);
          guint length = g_rand_int_range (rand, 0, 12) == 0 ? g_rand_int_range (rand, 1, 200)
                                                             : g_rand_int_range (rand, 1, 8);
          CairnLaneEntry e = { start, start + length, next_id++, g_rand_int_range (rand, 1, 4) };

          cairn_text_lanes_insert (kept, e.start, e.end, e.id, e.label_id);
          g_array_append_val (live, e);
        }
      cairn_text_lanes_set (fresh, (CairnLaneEntry *) live->data, live->len);
      a = cairn_text_lanes_get_entries (kept, &na);
      b = cairn_text_lanes_get_entries (fresh, &nb);
      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpuint (cairn_text_lanes_get_n_lanes (kept), ==,
                        cairn_text_lanes_get_n_lanes (fresh));
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpint (a[i].id, ==, b[i].id);
          g_assert_cmpuint (a[i].lane, ==, b[i].lane);
          g_assert_cmpuint (a[i].reach, ==, b[i].reach);
        }
      if (step % 100 != 0)
        continue;
      /* Ids grow with the index, so both orders break ties alike. */
      ranges = g_new (CairnTextRange, na + 1);
      lanes = g_new (guint, na + 1);
      for (guint i = 0; i < na; i++)
        ranges[i] = (CairnTextRange) { a[i].start, a[i].end };
      n_lanes = cairn_text_assign_lanes (ranges, na, lanes);
      g_assert_cmpuint (n_lanes, ==, cairn_text_lanes_get_n_lanes (kept));
      for (guint i = 0; i < na; i++)
        g_assert_cmpuint (lanes[i], ==, a[i].lane);
    }
  /* Lookups: what covers an offset, and exact duplicates. */
  {
    const CairnLaneEntry *e;
    guint n, first;

    e = cairn_text_lanes_get_entries (kept, &n);
    g_assert_cmpuint (n, >, 0);
    first = cairn_text_lanes_first_reaching (kept, 200);
    for (guint i = 0; i < first; i++)
      g_assert_cmpuint (e[i].end, <=, 200);
    g_assert_true (first == n || e[first].reach > 200);
    g_assert_true (cairn_text_lanes_contains (kept, e[0].start, e[0].end, e[0].label_id));
    g_assert_false (cairn_text_lanes_contains (kept, e[0].start, e[0].end, 99));
    g_assert_false (cairn_text_lanes_remove (kept, next_id + 5, 0, 1));
  }
  g_rand_free (rand);
}

static char *
snapped (const CairnTextIndex *index, const CairnTextSnap *snap, guint s, guint e)
{
  if (!cairn_text_snap_range (index, snap, &s, &e))
    return g_strdup ("(none)");
  return cairn_text_index_dup_slice (index, s, e);
}

static void
test_snap (void)
{
  /* 서울에서 회의를 했다. 김민수는 New York, 2024년에 왔다 */
  g_autoptr(CairnTextIndex) ko = cairn_text_index_new ("서울에서 회의를 했다. 김민수는 New York, "
                                                       "사과 " THUMBS "!");
  CairnTextSnap none = { FALSE, FALSE, NULL };
  CairnTextSnap words = { TRUE, FALSE, NULL };
  CairnTextSnap eojeol = { TRUE, TRUE, NULL };
  g_auto(GStrv) custom = cairn_text_parse_particles ("에서, 를  을\n에서 는");
  CairnTextSnap custom_snap = { TRUE, TRUE, (const char *const *) custom };
  char *s;

  /* "울에" inside 서울에서. */
  s = snapped (ko, &none, 1, 3); g_assert_cmpstr (s, ==, "울에"); g_free (s);
  s = snapped (ko, &words, 1, 3); g_assert_cmpstr (s, ==, "서울에서"); g_free (s);
  s = snapped (ko, &eojeol, 1, 3); g_assert_cmpstr (s, ==, "서울"); g_free (s);
  /* 회의를 → 회의; 했다. keeps 했다 (다 is no particle) and leaves the full stop out. */
  s = snapped (ko, &eojeol, 5, 7); g_assert_cmpstr (s, ==, "회의"); g_free (s);
  s = snapped (ko, &eojeol, 9, 11); g_assert_cmpstr (s, ==, "했다"); g_free (s);
  /* A selection with the full stop: the word without it; the stop alone stays itself. */
  s = snapped (ko, &words, 9, 12); g_assert_cmpstr (s, ==, "했다"); g_free (s);
  s = snapped (ko, &none, 9, 12); g_assert_cmpstr (s, ==, "했다."); g_free (s);
  s = snapped (ko, &words, 11, 12); g_assert_cmpstr (s, ==, "."); g_free (s);
  /* Across eojeol: the particle of the last one only. */
  s = snapped (ko, &eojeol, 0, 7); g_assert_cmpstr (s, ==, "서울에서 회의"); g_free (s);
  /* 김민수는 → 김민수. */
  s = snapped (ko, &eojeol, 13, 14); g_assert_cmpstr (s, ==, "김민수"); g_free (s);
  /* Latin words, the comma left out, spaces trimmed. */
  s = snapped (ko, &eojeol, 17, 23); g_assert_cmpstr (s, ==, "New York"); g_free (s);
  s = snapped (ko, &none, 18, 20); g_assert_cmpstr (s, ==, "Ne"); g_free (s);
  s = snapped (ko, &none, 4, 5); g_assert_cmpstr (s, ==, "(none)"); g_free (s);
  /* 사과 is one word: 과 follows a final consonant, and 사 has none. */
  s = snapped (ko, &eojeol, 28, 29); g_assert_cmpstr (s, ==, "사과"); g_free (s);
  s = snapped (ko, &custom_snap, 28, 29); g_assert_cmpstr (s, ==, "사과"); g_free (s);
  /* Half an emoji grows to the whole of it, without snapping too. */
  s = snapped (ko, &none, 31, 32); g_assert_cmpstr (s, ==, THUMBS); g_free (s);
  s = snapped (ko, &words, 31, 32); g_assert_cmpstr (s, ==, THUMBS); g_free (s);
  /* The project's list: longest first, duplicates dropped. */
  g_assert_cmpuint (g_strv_length (custom), ==, 4);
  g_assert_cmpstr (custom[0], ==, "에서");
  s = snapped (ko, &custom_snap, 1, 3); g_assert_cmpstr (s, ==, "서울"); g_free (s);
  s = snapped (ko, &custom_snap, 13, 14); g_assert_cmpstr (s, ==, "김민수"); g_free (s);
}

/* Each eojeol snapped with the particles left out, as the stem it should leave. */
static void
check_stems (const char *const *words, const char *const *stems, const CairnTextSnap *snap)
{
  g_autofree char *joined = g_strjoinv (" ", (GStrv) words);
  g_autoptr(CairnTextIndex) index = cairn_text_index_new (joined);
  guint at = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *s = snapped (index, snap, at, at + 1);

      g_assert_cmpstr (s, ==, stems[i]);
      at += g_utf8_strlen (words[i], -1) + 1;
    }
}

static void
test_particles (void)
{
  static const char *const words[] = {
    "학교에서", "사과를", "사과", "나는", "우리가", "서울의", "책과", "사과와", "친구한테", "집에",
    "회의", "회의를", "정도", "고양이", "사이", "마을", "길로", "집으로", "서울로", "학생이다",
    "iPhone이", "서울에서부터", "\xe1\x84\x8e\xe1\x85\xa2\xe1\x86\xa8" "과", NULL
  };
  static const char *const stems[] = {
    /* 에서 after two syllables; 를 after a vowel; 사과 whole (과 wants a final consonant) */
    "학교", "사과", "사과",
    /* 는 and 가 after a vowel, even after one syllable; 의 after two; 과 after 책's ㄱ */
    "나", "우리", "서울", "책",
    /* 와 after a vowel; 한테; 에 after a one-syllable stem that ends in a consonant */
    "사과", "친구", "집",
    /* 회 has no final consonant: 회의 is a word; the project's whole words stay whole */
    "회의", "회의", "정도", "고양이",
    /* 이 and 을 want a final consonant: 사이, 마을 stay */
    "사이", "마을",
    /* 로 after ㄹ or a vowel, 으로 after another consonant; the copula after a consonant */
    "길", "집", "서울", "학생",
    /* Latin before a particle: any form goes; the longest particle first */
    "iPhone", "서울",
    /* decomposed jamo: 책 written ᄎ ᅢ ᆨ ends in a consonant */
    "\xe1\x84\x8e\xe1\x85\xa2\xe1\x86\xa8",
  };
  static const char *const own_words[] = { "학교에서", "정도", "사과를", NULL };
  static const char *const own_stems[] = { "학교에서", "정", "사과" };
  g_auto(GStrv) whole = cairn_text_parse_particles ("학교에서, 고양이");
  CairnTextSnap eojeol = { TRUE, TRUE, NULL, NULL };
  CairnTextSnap own = { TRUE, TRUE, NULL, (const char *const *) whole };

  check_stems (words, stems, &eojeol);
  /* The project's own list of whole words replaces the built-in one. */
  check_stems (own_words, own_stems, &own);
  g_assert_true (g_strv_contains (cairn_text_default_whole_words (), "정도"));
}

static void
test_resize (void)
{
  g_autoptr(CairnTextIndex) index = cairn_text_index_new ("a " THUMBS "b c " HAN_DECOMPOSED
                                                          " dd ee");
  CairnTextSnap words = { TRUE, FALSE, NULL };
  guint s = 0, e = 1;

  /* Graphemes: over the space, then the whole emoji (two code points). */
  g_assert_true (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_END, TRUE, &s, &e));
  g_assert_cmpuint (e, ==, 2);
  g_assert_true (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_END, TRUE, &s, &e));
  g_assert_cmpuint (e, ==, 4);
  g_assert_true (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_END, FALSE, &s, &e));
  g_assert_cmpuint (e, ==, 2);
  /* Never empty. */
  g_assert_true (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_END, FALSE, &s, &e));
  g_assert_false (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_END, FALSE, &s, &e));
  g_assert_false (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_START, TRUE, &s, &e));
  /* The decomposed syllable is one step: [8, 11). */
  s = 8, e = 11;
  g_assert_false (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_START, FALSE, &s, &e));
  g_assert_true (cairn_text_resize_range (index, NULL, CAIRN_TEXT_EDGE_START, TRUE, &s, &e));
  g_assert_cmpuint (s, ==, 7);
  /* Words: "c" grows to "c 한", "c 한 dd", then shrinks back. */
  s = 6, e = 7;
  g_assert_true (cairn_text_resize_range (index, &words, CAIRN_TEXT_EDGE_END, TRUE, &s, &e));
  g_assert_cmpuint (e, ==, 11);
  g_assert_true (cairn_text_resize_range (index, &words, CAIRN_TEXT_EDGE_END, TRUE, &s, &e));
  g_assert_cmpuint (e, ==, 14);
  g_assert_true (cairn_text_resize_range (index, &words, CAIRN_TEXT_EDGE_END, FALSE, &s, &e));
  g_assert_cmpuint (e, ==, 11);
  g_assert_true (cairn_text_resize_range (index, &words, CAIRN_TEXT_EDGE_START, FALSE, &s, &e));
  g_assert_cmpuint (s, ==, 8);
  g_assert_true (cairn_text_resize_range (index, &words, CAIRN_TEXT_EDGE_START, TRUE, &s, &e));
  g_assert_cmpuint (s, ==, 6);
}

static void
test_find (void)
{
  g_autoptr(CairnTextIndex) index = cairn_text_index_new ("Seoul 서울, seoul서울 SEOUL. caf"
                                                          E_ACUTE " cafe 서울서울");
  g_autoptr(GArray) a = cairn_text_find_all (index, "seoul", 0);
  g_autoptr(GArray) b = cairn_text_find_all (index, "seoul", CAIRN_TEXT_FIND_MATCH_CASE);
  g_autoptr(GArray) c = cairn_text_find_all (index, "서울", 0);
  g_autoptr(GArray) d = cairn_text_find_all (index, "서울", CAIRN_TEXT_FIND_WHOLE_WORDS);
  g_autoptr(GArray) e = cairn_text_find_all (index, "cafe", 0);
  g_autoptr(GArray) f = cairn_text_find_all (index, "", 0);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpuint (g_array_index (b, CairnTextRange, 0).start, ==, 10);
  g_assert_cmpuint (c->len, ==, 4);
  g_assert_cmpuint (g_array_index (c, CairnTextRange, 0).start, ==, 6);
  g_assert_cmpuint (g_array_index (c, CairnTextRange, 0).end, ==, 8);
  g_assert_cmpuint (d->len, ==, 1);
  /* "cafe" of "café" written e + ◌́ would split the é: only the plain one. */
  g_assert_cmpuint (e->len, ==, 1);
  g_assert_cmpuint (g_array_index (e, CairnTextRange, 0).start, ==, 31);
  g_assert_cmpuint (f->len, ==, 0);
}

static void
test_sentences (void)
{
  g_autoptr(CairnTextIndex) index = cairn_text_index_new ("안녕하세요. 반갑습니다!\n"
                                                          "3.5 km? \"Yes.\" 좋아요。끝");
  g_autoptr(GArray) s = cairn_text_sentences (index);
  const char *expected[] = { "안녕하세요.", "반갑습니다!", "3.5 km?", "\"Yes.\"", "좋아요。",
                             "끝" };

  g_assert_cmpuint (s->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < s->len; i++)
    {
      CairnTextRange r = g_array_index (s, CairnTextRange, i);
      g_autofree char *text = cairn_text_index_dup_slice (index, r.start, r.end);

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

typedef struct
{
  char           *dir;
  CairnStore     *store;
  CairnEditStack *stack;
  CairnItem      *item;
  CairnTextIndex *index;
  gint64          per, loc, rel, topic_a, topic_b;
} Fixture;

static gint64
add_label (CairnStore *store, const char *name, guint kinds, gint64 parent)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  label->kinds = kinds;
  label->parent_id = parent;
  g_assert_true (cairn_store_add_label (store, label, &error));
  g_assert_no_error (error);
  return label->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 annotator;

  f->dir = g_dir_make_tmp ("cairn-text-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "t.cairn", NULL);
  f->store = cairn_store_create (path, "t", &error);
  g_assert_no_error (error);
  f->item = cairn_item_new (CAIRN_ITEM_TEXT);
  f->item->text = g_strdup ("김민수는 서울에서 " THUMBS " 삼성에 다닌다.");
  g_assert_true (cairn_store_add_item (f->store, f->item, &error));
  f->index = cairn_text_index_new (f->item->text);
  f->per = add_label (f->store, "PER", 1u << CAIRN_KIND_SPAN, 0);
  f->loc = add_label (f->store, "LOC", 1u << CAIRN_KIND_SPAN, 0);
  f->rel = add_label (f->store, "lives_in", 1u << CAIRN_KIND_RELATION, 0);
  f->topic_a = add_label (f->store, "news", 1u << CAIRN_KIND_CLASS, 0);
  f->topic_b = add_label (f->store, "sports", 1u << CAIRN_KIND_CLASS, 0);
  annotator = cairn_store_ensure_annotator (f->store, "Kim", "annotator", &error);
  g_assert_no_error (error);
  f->stack = cairn_edit_stack_new (f->store, annotator);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "t.cairn", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->stack);
  g_clear_object (&f->store);
  cairn_item_free (f->item);
  cairn_text_index_free (f->index);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
annotations (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = cairn_store_list_annotations (f->store, f->item->id, &error);

  g_assert_no_error (error);
  return list;
}

static guint
count_kind (GPtrArray *list, CairnKind kind)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((CairnAnnotation *) list->pdata[i])->kind == kind;
  return n;
}

/* The item's spans, as the pane keeps them. */
static CairnTextLanes *
lanes_of (GPtrArray *list)
{
  CairnTextLanes *lanes = cairn_text_lanes_new ();

  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      CairnTextRange r;

      if (cairn_text_span_range (a, &r) && r.start < r.end)
        cairn_text_lanes_insert (lanes, r.start, r.end, a->id, a->label_id);
    }
  return lanes;
}

static gint64
push_span (Fixture *f, gint64 label, guint s, guint e)
{
  g_autoptr(GPtrArray) list = annotations (f);
  g_autoptr(CairnTextLanes) lanes = lanes_of (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) span = cairn_text_new_span (f->index, lanes, f->item->id, label,
                                                         (CairnTextRange) { s, e }, &error);
  g_autoptr(CairnEdit) edit = NULL;

  g_assert_no_error (error);
  edit = cairn_edit_new_create (span);
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  g_assert_no_error (error);
  return cairn_edit_get_annotation_id (edit, 0);
}

static void
test_spans_and_relations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CairnEdit) relation = NULL;
  g_autoptr(CairnEdit) deletion = NULL;
  g_autoptr(CairnAnnotation) bad = NULL;
  g_autoptr(CairnTextLanes) lanes = NULL;
  gint64 person, place, nested;

  person = push_span (f, f->per, 0, 3);
  place = push_span (f, f->loc, 5, 7);
  /* Overlapping and nested spans are allowed: 김민수는 서울 as LOC too. */
  nested = push_span (f, f->loc, 0, 7);
  list = annotations (f);
  lanes = lanes_of (list);
  /* Splitting the emoji (at 11..13), an empty span, the same span again (not with another
   * label: 서울 as PER is a new span). */
  bad = cairn_text_new_span (f->index, lanes, f->item->id, f->per, (CairnTextRange) { 11, 12 },
                             &error);
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_INVALID);
  g_clear_error (&error);
  bad = cairn_text_new_span (f->index, lanes, f->item->id, f->per, (CairnTextRange) { 3, 3 },
                             &error);
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_INVALID);
  g_clear_error (&error);
  bad = cairn_text_new_span (f->index, lanes, f->item->id, f->loc, (CairnTextRange) { 5, 7 },
                             &error);
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (bad);
  bad = cairn_text_new_span (f->index, lanes, f->item->id, f->per, (CairnTextRange) { 5, 7 },
                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (bad);
  g_clear_pointer (&bad, cairn_annotation_free);

  /* Relations: to itself, to nothing, twice. */
  g_assert_false (cairn_text_check_relation (list, person, person, f->rel, &error));
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_RELATION);
  g_clear_error (&error);
  g_assert_false (cairn_text_check_relation (list, person, 9999, f->rel, &error));
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_RELATION);
  g_clear_error (&error);
  relation = cairn_text_edit_new_relation (list, f->item->id, person, place, f->rel, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_edit_stack_push (f->stack, relation, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annotations (f);
  g_assert_false (cairn_text_check_relation (list, person, place, f->rel, &error));
  g_assert_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_EXISTS);
  g_clear_error (&error);
  /* The other direction is another relation. */
  g_assert_true (cairn_text_check_relation (list, place, person, f->rel, NULL));
  {
    g_autoptr(GPtrArray) dangling = cairn_text_dangling_relations (list);

    g_assert_cmpuint (dangling->len, ==, 0);
  }

  /* Deleting the place deletes the relation, in one edit; undo brings both back. */
  deletion = cairn_text_edit_new_delete (list, place);
  g_assert_cmpuint (cairn_edit_get_n_changes (deletion), ==, 2);
  g_assert_true (cairn_edit_stack_push (f->stack, deletion, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annotations (f);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_SPAN), ==, 2);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_RELATION), ==, 0);
  g_assert_nonnull (cairn_text_find_annotation (list, nested));
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annotations (f);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_SPAN), ==, 3);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_RELATION), ==, 1);
  g_assert_true (cairn_text_check_relation (list, place, person, f->rel, NULL));
}

static void
test_dangling (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GPtrArray) dangling = NULL;
  CairnAnnotation *span = cairn_annotation_new (CAIRN_KIND_SPAN);
  CairnAnnotation *r = cairn_annotation_new (CAIRN_KIND_RELATION);
  double sc[] = { 0, 2 }, rc[] = { 1, 7 };

  span->id = 1;
  cairn_annotation_set_coords (span, sc, 2);
  r->id = 2;
  cairn_annotation_set_coords (r, rc, 2);
  g_ptr_array_add (list, span);
  g_ptr_array_add (list, r);
  dangling = cairn_text_dangling_relations (list);
  g_assert_cmpuint (dangling->len, ==, 1);
  g_assert_true (dangling->pdata[0] == r);
}

static void
test_label_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnTextIndex) index = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(CairnEdit) again = NULL;

  g_clear_pointer (&f->item, cairn_item_free);
  item->text = g_strdup ("서울과 서울, 그리고 " THUMBS "서울 " THUMBS " 서울.");
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  f->item = cairn_item_copy (item);
  cairn_text_index_free (f->index);
  f->index = cairn_text_index_new (item->text);
  index = cairn_text_index_new (item->text);
  push_span (f, f->loc, 4, 6);
  found = cairn_text_find_all (index, "서울", 0);
  g_assert_cmpuint (found->len, ==, 4);
  list = annotations (f);
  edit = cairn_text_edit_new_label_all (index, list, item->id, f->loc, found);
  /* One is already there: three new spans in one edit, undone at once. */
  g_assert_cmpuint (cairn_edit_get_n_changes (edit), ==, 3);
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annotations (f);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_SPAN), ==, 4);
  again = cairn_text_edit_new_label_all (index, list, item->id, f->loc, found);
  g_assert_null (again);
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = annotations (f);
  g_assert_cmpuint (count_kind (list, CAIRN_KIND_SPAN), ==, 1);
}

static void
test_classes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (f->store, &error);

  for (guint round = 0; round < 2; round++)
    {
      gboolean single = round == 1;
      gint64 order[] = { f->topic_a, f->topic_b };

      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(GPtrArray) list = annotations (f);
          g_autoptr(CairnEdit) edit = cairn_text_edit_new_toggle_class (list, labels, f->item->id,
                                                                        order[k], single);

          g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
          g_assert_no_error (error);
        }
      {
        g_autoptr(GPtrArray) list = annotations (f);

        /* Multi-label: both; single: the second replaced the first. */
        g_assert_cmpuint (count_kind (list, CAIRN_KIND_CLASS), ==, single ? 1 : 2);
      }
      /* Pressing a class the item has takes it away. */
      {
        g_autoptr(GPtrArray) list = annotations (f);
        g_autoptr(CairnEdit) edit = cairn_text_edit_new_toggle_class (list, labels, f->item->id,
                                                                      f->topic_b, single);
        g_autoptr(GPtrArray) after = NULL;

        g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
        after = annotations (f);
        g_assert_cmpuint (count_kind (after, CAIRN_KIND_CLASS), ==, single ? 0 : 1);
      }
      /* Clean up for the next round. */
      {
        g_autoptr(GPtrArray) list = annotations (f);

        for (guint i = 0; i < list->len; i++)
          {
            g_autoptr(CairnEdit) edit = cairn_edit_new_delete (list->pdata[i]);

            g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
          }
      }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/offsets", test_offsets);
  g_test_add_func ("/text/offsets-long", test_offsets_long);
  g_test_add_func ("/text/lanes", test_lanes);
  g_test_add_func ("/text/lanes-kept", test_lanes_kept);
  g_test_add_func ("/text/snap", test_snap);
  g_test_add_func ("/text/particles", test_particles);
  g_test_add_func ("/text/resize", test_resize);
  g_test_add_func ("/text/find", test_find);
  g_test_add_func ("/text/sentences", test_sentences);
  g_test_add_func ("/text/dangling", test_dangling);
  g_test_add ("/text/spans-and-relations", Fixture, NULL, fixture_set_up,
              test_spans_and_relations, fixture_tear_down);
  g_test_add ("/text/label-all", Fixture, NULL, fixture_set_up, test_label_all,
              fixture_tear_down);
  g_test_add ("/text/classes", Fixture, NULL, fixture_set_up, test_classes, fixture_tear_down);
  return g_test_run ();
}
