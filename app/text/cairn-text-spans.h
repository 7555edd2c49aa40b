#pragma once

#include "cairn-text-index.h"

G_BEGIN_DECLS

/* Span logic on code point offsets, half-open [start, end): overlap and nesting, lanes to draw
 * overlapping spans apart, snapping a selection to graphemes, words or Korean eojeol (with the
 * trailing particle left out), growing and shrinking by a unit, search, and sentences. */
typedef struct
{
  guint start;
  guint end;
} CairnTextRange;

gboolean cairn_text_range_overlaps (CairnTextRange a,
                                    CairnTextRange b);
/* outer holds inner (equal ranges hold each other). */
gboolean cairn_text_range_contains (CairnTextRange outer,
                                    CairnTextRange inner);

/* A lane for each range such that ranges that overlap never share one; nested ranges get the
 * outer one first (lower lane). Returns how many lanes were used. */
guint    cairn_text_assign_lanes   (const CairnTextRange *ranges,
                                    guint                 n_ranges,
                                    guint                *lanes);

/* A word character: not white space, not punctuation. */
gboolean cairn_text_is_word_char   (gunichar c);
gboolean cairn_text_is_hangul      (gunichar c);

typedef struct
{
  gboolean     words;      /* snap to whole words (for Korean, eojeol) */
  gboolean     particles;  /* leave a trailing particle (조사) out of a Hangul eojeol */
  const char  *const *particle_list; /* NULL: cairn_text_default_particles () */
  const char  *const *whole_words;   /* never split; NULL: cairn_text_default_whole_words () */
} CairnTextSnap;

/* The particles left out by default, longest first. */
const char *const *cairn_text_default_particles (void);
/* Words that look like a stem and a particle but are one word (정도, 고양이), by default. */
const char *const *cairn_text_default_whole_words (void);
/* How many code points of a particle to leave out of the eojeol [word_start, end): the
 * longest of snap's list that leaves a plausible stem (cairn-text-particles.c), or 0. */
guint    cairn_text_particle_length (const CairnTextIndex *index,
                                     const CairnTextSnap  *snap,
                                     guint                 word_start,
                                     guint                 end);
/* A project's list (of particles or of whole words), separated by spaces, commas or line
 * breaks; sorted longest first, duplicates and empty entries dropped. */
GStrv    cairn_text_parse_particles (const char *list);

/* Makes [*start, *end) what a span of the selection should be: white space trimmed at both
 * ends, grapheme clusters whole, and with snap->words whole words without punctuation at
 * either end (a trailing particle left out with snap->particles). FALSE (and nothing changed) when nothing is left. snap may be NULL. */
gboolean cairn_text_snap_range     (const CairnTextIndex *index,
                                    const CairnTextSnap  *snap,
                                    guint                *start,
                                    guint                *end);

typedef enum
{
  CAIRN_TEXT_EDGE_START,
  CAIRN_TEXT_EDGE_END,
} CairnTextEdge;

/* Moves one edge of a span by one unit, a grapheme or (snap->words) a word: grow TRUE moves
 * it outwards. FALSE when it cannot (the span would be empty or leave the text). */
gboolean cairn_text_resize_range   (const CairnTextIndex *index,
                                    const CairnTextSnap  *snap,
                                    CairnTextEdge         edge,
                                    gboolean              grow,
                                    guint                *start,
                                    guint                *end);

typedef enum
{
  CAIRN_TEXT_FIND_MATCH_CASE  = 1 << 0,
  CAIRN_TEXT_FIND_WHOLE_WORDS = 1 << 1,
} CairnTextFindFlags;

/* Every occurrence of needle (not overlapping, left to right), as CairnTextRange; occurrences
 * that would split a grapheme cluster (an "e" of "é" written e + ◌́) are left out. */
GArray  *cairn_text_find_all       (const CairnTextIndex *index,
                                    const char           *needle,
                                    CairnTextFindFlags    flags);

/* The sentences of the text, as CairnTextRange, white space trimmed: a line break ends one, and
 * so does . ! ? … 。 ！ ？ followed by white space or the end. */
GArray  *cairn_text_sentences      (const CairnTextIndex *index);

G_END_DECLS
