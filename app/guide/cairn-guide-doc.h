#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A guideline version as a tree of sections. Each heading at the top level of the document
 * starts a section that runs to the next heading of the same or a higher level (so it holds
 * its subsections). A section's anchor is the heading's "{#id}" when it ends with one, else
 * a slug of its text ("Parked cars" → "parked-cars"; Hangul kept); repeats get "-1", "-2".
 * Text before the first heading is the section "top" (level 0). Anchors are what labels link
 * to and what versions are compared by, so naming one keeps the link across a renamed
 * heading. */
typedef struct
{
  char  *anchor;
  char  *title;       /* the heading's text, without its "{#id}" */
  gint   level;       /* 1–6; 0 for "top" */
  guint  first_line;  /* 0-based, into the source's lines */
  guint  end_line;    /* one past the last line */
  gint   parent;      /* index of the enclosing section, -1 for none */
} CairnGuideSection;

typedef struct
{
  char       *source;
  GPtrArray  *lines;     /* char *, the source split at newlines */
  GPtrArray  *sections;  /* CairnGuideSection, in document order */
} CairnGuideDoc;

CairnGuideDoc *cairn_guide_doc_new   (const char *markdown);
void           cairn_guide_doc_free  (CairnGuideDoc *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnGuideDoc, cairn_guide_doc_free)

const CairnGuideSection *cairn_guide_doc_find    (const CairnGuideDoc *self,
                                                  const char          *anchor);
/* The section's source lines (heading included), newline-joined. */
char          *cairn_guide_doc_section_text      (const CairnGuideDoc     *self,
                                                  const CairnGuideSection *section);
/* Its own lines only: up to the next heading of any level. */
char          *cairn_guide_doc_section_own_text  (const CairnGuideDoc     *self,
                                                  const CairnGuideSection *section);
/* The section a label links to: the schema's anchor when it names one that exists, else the
 * section whose heading is the label's name (compared case-insensitively); NULL when none. */
const CairnGuideSection *cairn_guide_doc_label_section (const CairnGuideDoc *self,
                                                        const char          *label_name,
                                                        const char          *anchor);

/* "Parked cars!" → "parked-cars"; NULL-safe, never empty ("section"). */
char          *cairn_guide_slug                  (const char *text);
/* Splits a trailing "{#id}" off a heading's text: returns the id or NULL, and sets *title to
 * the rest (trimmed). */
char          *cairn_guide_split_anchor          (const char *heading,
                                                  char      **title);

G_END_DECLS
