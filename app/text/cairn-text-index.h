#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A text as the annotations see it: offsets are Unicode code points, half-open [start, end).
 * The index converts them to UTF-8 bytes (GLib, Pango) and UTF-16 units (what web tools
 * count) and knows where grapheme clusters (what a person sees as one character: a Hangul
 * syllable written as jamo, an emoji with a skin tone or a ZWJ sequence, a letter with
 * combining marks, CR LF) begin, so that no selection splits one. GTK's character offsets are
 * code points too; its byte indexes are UTF-8 bytes. */
typedef struct _CairnTextIndex CairnTextIndex;

/* text: valid UTF-8 (NULL is the empty text); copied. */
CairnTextIndex *cairn_text_index_new             (const char           *text);
void            cairn_text_index_free            (CairnTextIndex       *self);

const char     *cairn_text_index_get_text        (const CairnTextIndex *self);
/* Code points. */
guint           cairn_text_index_get_length      (const CairnTextIndex *self);
gsize           cairn_text_index_get_n_bytes     (const CairnTextIndex *self);
/* The code point at offset (0 past the end). */
gunichar        cairn_text_index_get_char        (const CairnTextIndex *self,
                                                  guint                 offset);

/* Code point offset → UTF-8 byte offset (offsets past the end give the length). */
gsize           cairn_text_index_to_byte         (const CairnTextIndex *self,
                                                  guint                 offset);
/* UTF-8 byte offset → code point offset; a byte inside a character counts as that character's
 * start. */
guint           cairn_text_index_from_byte       (const CairnTextIndex *self,
                                                  gsize                 byte);
/* Code point offset → UTF-16 code unit offset, and back (a unit inside a surrogate pair
 * counts as the character's start). */
guint           cairn_text_index_to_utf16        (const CairnTextIndex *self,
                                                  guint                 offset);
guint           cairn_text_index_from_utf16      (const CairnTextIndex *self,
                                                  guint                 unit);

gboolean        cairn_text_index_is_boundary     (const CairnTextIndex *self,
                                                  guint                 offset);
/* The grapheme boundary at or before (after) offset. */
guint           cairn_text_index_boundary_floor  (const CairnTextIndex *self,
                                                  guint                 offset);
guint           cairn_text_index_boundary_ceil   (const CairnTextIndex *self,
                                                  guint                 offset);
/* The next (previous) grapheme boundary strictly after (before) offset, clamped to the text. */
guint           cairn_text_index_next_boundary   (const CairnTextIndex *self,
                                                  guint                 offset);
guint           cairn_text_index_prev_boundary   (const CairnTextIndex *self,
                                                  guint                 offset);

/* The text of [start, end), newly allocated. */
char           *cairn_text_index_dup_slice       (const CairnTextIndex *self,
                                                  guint                 start,
                                                  guint                 end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnTextIndex, cairn_text_index_free)

G_END_DECLS
