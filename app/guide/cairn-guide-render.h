#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Markdown laid out as plain text with named style runs, which the guideline panel turns into
 * GtkTextBuffer tags (ui/cairn-guideline-panel.c). Offsets are in characters, as GtkTextIter
 * counts them.
 * Tags: h1–h6, paragraph, emphasis, strong, code, code-block, quote, list-item, bullet,
 * indent-1–indent-4, link (data: the URL), image (data: the URL; the text is its alt text),
 * picture (data: the name; one CAIRN_GUIDE_PICTURE_CHAR before the alt text of a picture kept
 * in the project, cairn-guide-images.h, for the panel to put the picture in),
 * rule, html (raw HTML shown as text, never interpreted), table, table-header. Tables (GFM
 * pipe tables, which cmark leaves as paragraphs) are laid out as aligned columns with ASCII
 * rules (box-drawing characters are wide in the CJK monospace fonts Hangul is set in). */
/* U+FFFC OBJECT REPLACEMENT CHARACTER, what GtkTextBuffer counts a picture as. */
#define CAIRN_GUIDE_PICTURE_CHAR "\xef\xbf\xbc"

typedef struct
{
  guint        start;
  guint        end;
  const char  *tag;   /* static */
  char        *data;  /* link and image URLs, else NULL */
} CairnGuideSpan;

typedef struct
{
  char        *anchor;
  char        *title;
  gint         level;
  guint        offset;  /* where the heading starts in text */
} CairnGuideMark;

typedef struct
{
  GString    *text;
  guint       length;   /* of text, in characters */
  GPtrArray  *spans;    /* CairnGuideSpan, by start */
  GPtrArray  *marks;    /* CairnGuideMark, one per heading, in order: the table of contents */
} CairnGuideRender;

CairnGuideRender *cairn_guide_render   (const char *markdown);
void              cairn_guide_render_free (CairnGuideRender *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnGuideRender, cairn_guide_render_free)

/* The first span with this tag covering offset, or NULL. */
const CairnGuideSpan *cairn_guide_render_span_at (const CairnGuideRender *self,
                                                  guint                   offset,
                                                  const char             *tag);
const CairnGuideMark *cairn_guide_render_find_mark (const CairnGuideRender *self,
                                                    const char             *anchor);

G_END_DECLS
