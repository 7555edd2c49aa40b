#define G_LOG_DOMAIN "cairn-guide"

#include <string.h>
#include <cmark.h>

#include "cairn-guide-doc.h"

static void
section_free (gpointer data)
{
  CairnGuideSection *s = data;

  g_free (s->anchor);
  g_free (s->title);
  g_free (s);
}

char *
cairn_guide_slug (const char *text)
{
  GString *slug = g_string_new (NULL);
  g_autofree char *lower = text ? g_utf8_strdown (text, -1) : NULL;

  for (const char *p = lower; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || c == '-')
        g_string_append_unichar (slug, c);
      else if (g_unichar_isspace (c) && slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "section");
  return g_string_free (slug, FALSE);
}

char *
cairn_guide_split_anchor (const char *heading,
                          char      **title)
{
  g_autofree char *text = g_strstrip (g_strdup (heading ? heading : ""));
  size_t len = strlen (text);
  char *open;

  *title = NULL;
  if (len > 3 && text[len - 1] == '}' && (open = g_strrstr (text, "{#")) != NULL
      && open[2] != '}' && strpbrk (open + 2, " \t{") == NULL)
    {
      char *anchor = g_strndup (open + 2, (size_t) (text + len - 1 - (open + 2)));

      *open = '\0';
      *title = g_strstrip (g_strdup (text));
      return anchor;
    }
  *title = g_steal_pointer (&text);
  return NULL;
}

/* The heading's text as a reader sees it: its text and code, breaks as spaces. */
static char *
heading_text (cmark_node *heading)
{
  GString *text = g_string_new (NULL);
  cmark_iter *iter = cmark_iter_new (heading);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (ev != CMARK_EVENT_ENTER)
        continue;
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
        g_string_append (text, cmark_node_get_literal (node));
      else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
        g_string_append_c (text, ' ');
    }
  cmark_iter_free (iter);
  return g_string_free (text, FALSE);
}

static char *
unique_anchor (GHashTable *taken, char *anchor)
{
  char *candidate = anchor;

  for (guint n = 1; g_hash_table_contains (taken, candidate); n++)
    {
      if (candidate != anchor)
        g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", anchor, n);
    }
  if (candidate != anchor)
    g_free (anchor);
  g_hash_table_add (taken, candidate);
  return candidate;
}

static void
add_heading (CairnGuideDoc *self, GHashTable *taken, cmark_node *node)
{
  CairnGuideSection *s = g_new0 (CairnGuideSection, 1);
  g_autofree char *text = heading_text (node);
  char *anchor = cairn_guide_split_anchor (text, &s->title);

  if (anchor == NULL)
    anchor = cairn_guide_slug (s->title);
  s->anchor = g_strdup (unique_anchor (taken, anchor));
  s->level = cmark_node_get_heading_level (node);
  s->first_line = MIN ((guint) MAX (cmark_node_get_start_line (node) - 1, 0), self->lines->len);
  s->parent = -1;
  g_ptr_array_add (self->sections, s);
}

/* Each section ends where the next one of its level or higher starts; its parent is the
 * nearest section before it of a lower level. */
static void
close_sections (CairnGuideDoc *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      CairnGuideSection *s = g_ptr_array_index (self->sections, i);

      s->end_line = self->lines->len;
      for (guint j = i + 1; j < self->sections->len; j++)
        {
          CairnGuideSection *next = g_ptr_array_index (self->sections, j);

          if (next->level <= s->level)
            {
              s->end_line = next->first_line;
              break;
            }
        }
      for (gint j = (gint) i - 1; j >= 0 && s->level > 0; j--)
        if (((CairnGuideSection *) g_ptr_array_index (self->sections, j))->level < s->level)
          {
            s->parent = j;
            break;
          }
    }
}

static gboolean
has_text (GPtrArray *lines, guint end)
{
  for (guint i = 0; i < end && i < lines->len; i++)
    for (const char *p = g_ptr_array_index (lines, i); *p; p++)
      if (!g_ascii_isspace (*p))
        return TRUE;
  return FALSE;
}

static void
split_lines (CairnGuideDoc *self)
{
  g_auto(GStrv) lines = g_strsplit (self->source, "\n", -1);
  guint n = g_strv_length (lines);

  /* A final newline ends the last line rather than starting an empty one. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      size_t len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      g_ptr_array_add (self->lines, g_strdup (lines[i]));
    }
}

CairnGuideDoc *
cairn_guide_doc_new (const char *markdown)
{
  CairnGuideDoc *self = g_new0 (CairnGuideDoc, 1);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cmark_node *root;
  guint first_heading;

  self->source = g_strdup (markdown ? markdown : "");
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_ptr_array_new_with_free_func (section_free);
  split_lines (self);
  root = cmark_parse_document (self->source, strlen (self->source), CMARK_OPT_DEFAULT);
  for (cmark_node *node = cmark_node_first_child (root); node; node = cmark_node_next (node))
    if (cmark_node_get_type (node) == CMARK_NODE_HEADING)
      add_heading (self, taken, node);
  cmark_node_free (root);
  first_heading = self->sections->len > 0
    ? ((CairnGuideSection *) g_ptr_array_index (self->sections, 0))->first_line
    : self->lines->len;
  if (has_text (self->lines, first_heading))
    {
      CairnGuideSection *top = g_new0 (CairnGuideSection, 1);

      top->anchor = g_strdup (unique_anchor (taken, g_strdup ("top")));
      top->title = g_strdup ("");
      g_ptr_array_insert (self->sections, 0, top);
    }
  close_sections (self);
  return self;
}

void
cairn_guide_doc_free (CairnGuideDoc *self)
{
  if (self == NULL)
    return;
  g_free (self->source);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

const CairnGuideSection *
cairn_guide_doc_find (const CairnGuideDoc *self,
                      const char          *anchor)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; anchor && i < self->sections->len; i++)
    {
      const CairnGuideSection *s = g_ptr_array_index (self->sections, i);

      if (g_str_equal (s->anchor, anchor))
        return s;
    }
  return NULL;
}

static char *
join_lines (const CairnGuideDoc *self, guint first, guint end)
{
  GString *text = g_string_new (NULL);

  for (guint i = first; i < end && i < self->lines->len; i++)
    {
      g_string_append (text, g_ptr_array_index (self->lines, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

char *
cairn_guide_doc_section_text (const CairnGuideDoc     *self,
                              const CairnGuideSection *section)
{
  g_return_val_if_fail (self != NULL && section != NULL, NULL);
  return join_lines (self, section->first_line, section->end_line);
}

char *
cairn_guide_doc_section_own_text (const CairnGuideDoc     *self,
                                  const CairnGuideSection *section)
{
  guint end = section->end_line;

  g_return_val_if_fail (self != NULL && section != NULL, NULL);
  for (guint i = 0; i + 1 < self->sections->len; i++)
    if (g_ptr_array_index (self->sections, i) == section)
      {
        const CairnGuideSection *next = g_ptr_array_index (self->sections, i + 1);

        end = MIN (end, next->first_line);
      }
  return join_lines (self, section->first_line, end);
}

const CairnGuideSection *
cairn_guide_doc_label_section (const CairnGuideDoc *self,
                               const char          *label_name,
                               const char          *anchor)
{
  const CairnGuideSection *found = anchor ? cairn_guide_doc_find (self, anchor) : NULL;
  g_autofree char *wanted = label_name ? g_utf8_casefold (label_name, -1) : NULL;

  if (found != NULL || wanted == NULL)
    return found;
  for (guint i = 0; i < self->sections->len; i++)
    {
      const CairnGuideSection *s = g_ptr_array_index (self->sections, i);
      g_autofree char *title = g_utf8_casefold (s->title, -1);

      if (s->level > 0 && g_str_equal (title, wanted))
        return s;
    }
  return NULL;
}
