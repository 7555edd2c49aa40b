#define G_LOG_DOMAIN "cairn-guide"

#include <string.h>
#include <cmark.h>

#include "cairn-guide-doc.h"
#include "cairn-guide-render.h"
#include "cairn-guide-images.h"

typedef struct
{
  cmark_node  *node;
  const char  *tag;
  guint        start;
  char        *data;
} Open;

typedef struct
{
  CairnGuideRender     *r;
  const CairnGuideDoc  *doc;
  guint                 next_section;  /* the doc's section the next top-level heading is */
  GArray               *open;          /* Open */
  gint                  list_depth;
} Builder;

static const char *const heading_tags[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
static const char *const indent_tags[] = { "indent-1", "indent-2", "indent-3", "indent-4" };

static void
span_free (gpointer data)
{
  CairnGuideSpan *s = data;

  g_free (s->data);
  g_free (s);
}

static void
mark_free (gpointer data)
{
  CairnGuideMark *m = data;

  g_free (m->anchor);
  g_free (m->title);
  g_free (m);
}

static void
append (Builder *b, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (b->r->text, text);
  b->r->length += (guint) g_utf8_strlen (text, -1);
}

static void
add_span (Builder *b, const char *tag, guint start, const char *data)
{
  CairnGuideSpan *s;

  if (b->r->length <= start)
    return;
  s = g_new0 (CairnGuideSpan, 1);
  s->start = start;
  s->end = b->r->length;
  s->tag = tag;
  s->data = g_strdup (data);
  g_ptr_array_add (b->r->spans, s);
}

static void
append_tagged (Builder *b, const char *tag, const char *text)
{
  guint start = b->r->length;

  append (b, text);
  add_span (b, tag, start, NULL);
}

static void
open_tag (Builder *b, cmark_node *node, const char *tag, const char *data)
{
  Open o = { node, tag, b->r->length, g_strdup (data) };

  g_array_append_val (b->open, o);
}

static void
close_tags (Builder *b, cmark_node *node)
{
  while (b->open->len > 0)
    {
      Open *o = &g_array_index (b->open, Open, b->open->len - 1);

      if (o->node != node)
        break;
      add_span (b, o->tag, o->start, o->data);
      g_free (o->data);
      g_array_set_size (b->open, b->open->len - 1);
    }
}

static gboolean
ends_with (Builder *b, const char *suffix)
{
  return g_str_has_suffix (b->r->text->str, suffix);
}

static void
ensure_line (Builder *b)
{
  if (b->r->text->len > 0 && !ends_with (b, "\n"))
    append (b, "\n");
}

static gboolean
in_tight_list (cmark_node *node)
{
  for (cmark_node *p = cmark_node_parent (node); p; p = cmark_node_parent (p))
    if (cmark_node_get_type (p) == CMARK_NODE_LIST)
      return cmark_node_get_list_tight (p);
  return FALSE;
}

/* Blocks are a blank line apart, except inside a tight list. */
static void
start_block (Builder *b, cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  if (parent && cmark_node_get_type (parent) == CMARK_NODE_ITEM
      && cmark_node_first_child (parent) == node)
    return;
  ensure_line (b);
  if (b->r->text->len > 0 && !ends_with (b, "\n\n") && !in_tight_list (node))
    append (b, "\n");
}

static gboolean
at_top (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent && cmark_node_get_type (parent) == CMARK_NODE_DOCUMENT;
}

/* Tables: GFM pipe rows, which cmark (without extensions) reads as a paragraph. */

static GPtrArray *
split_row (const char *line)
{
  g_autofree char *text = g_strstrip (g_strdup (line));
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  if (*p == '|')
    p++;
  for (; *p; p++)
    {
      if (*p == '\\' && p[1] == '|')
        g_string_append_c (cell, *++p);
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_string_free (cell, FALSE)));
          cell = g_string_new (NULL);
        }
      else
        g_string_append_c (cell, *p);
    }
  /* A trailing pipe closes the last cell rather than opening an empty one. */
  if (cell->len > 0 || !g_str_has_suffix (text, "|") || g_str_has_suffix (text, "\\|"))
    g_ptr_array_add (cells, g_strstrip (g_string_free (cell, FALSE)));
  else
    g_string_free (cell, TRUE);
  return cells;
}

static gboolean
is_separator_row (const char *line, GPtrArray **cells)
{
  *cells = split_row (line);
  if ((*cells)->len == 0)
    return FALSE;
  for (guint i = 0; i < (*cells)->len; i++)
    {
      const char *c = g_ptr_array_index (*cells, i);
      size_t dashes;

      if (*c == ':')
        c++;
      dashes = strspn (c, "-");
      c += dashes;
      if (*c == ':')
        c++;
      if (dashes == 0 || *c != '\0')
        return FALSE;
    }
  return TRUE;
}

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
append_cell (GString *row, const char *cell, guint width, char align)
{
  guint pad = width - MIN (width, display_width (cell));
  guint before = align == 'r' ? pad : align == 'c' ? pad / 2 : 0;

  for (guint i = 0; i < before; i++)
    g_string_append_c (row, ' ');
  g_string_append (row, cell);
  for (guint i = before; i < pad; i++)
    g_string_append_c (row, ' ');
}

static char *
table_row (GPtrArray *cells, const guint *widths, const char *aligns, guint n_columns)
{
  GString *row = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (row, " | ");
      append_cell (row, c < cells->len ? g_ptr_array_index (cells, c) : "", widths[c],
                   aligns[c]);
    }
  while (row->len > 0 && row->str[row->len - 1] == ' ')
    g_string_truncate (row, row->len - 1);
  g_string_append_c (row, '\n');
  return g_string_free (row, FALSE);
}

static void
layout_table (Builder *b, GPtrArray *rows, GPtrArray *separator)
{
  guint n_columns = ((GPtrArray *) g_ptr_array_index (rows, 0))->len;
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autofree char *aligns = g_new0 (char, n_columns + 1);
  guint start = b->r->length;

  for (guint c = 0; c < n_columns; c++)
    {
      const char *sep = c < separator->len ? g_ptr_array_index (separator, c) : "-";
      gboolean left = *sep == ':', right = g_str_has_suffix (sep, ":");

      aligns[c] = left && right ? 'c' : right ? 'r' : 'l';
      widths[c] = 3;
      for (guint r = 0; r < rows->len; r++)
        {
          GPtrArray *cells = g_ptr_array_index (rows, r);

          if (c < cells->len)
            widths[c] = MAX (widths[c], display_width (g_ptr_array_index (cells, c)));
        }
    }
  for (guint r = 0; r < rows->len; r++)
    {
      g_autofree char *line = table_row (g_ptr_array_index (rows, r), widths, aligns, n_columns);

      append (b, line);
      if (r == 0)
        {
          GString *rule = g_string_new (NULL);

          add_span (b, "table-header", start, NULL);
          for (guint c = 0; c < n_columns; c++)
            {
              if (c > 0)
                g_string_append (rule, "-+-");
              for (guint i = 0; i < widths[c]; i++)
                g_string_append_c (rule, '-');
            }
          g_string_append_c (rule, '\n');
          append (b, rule->str);
          g_string_free (rule, TRUE);
        }
    }
  add_span (b, "table", start, NULL);
}

/* TRUE when the paragraph was a table and has been laid out. */
static gboolean
try_table (Builder *b, cmark_node *node)
{
  guint first = (guint) MAX (cmark_node_get_start_line (node) - 1, 0);
  guint last = (guint) MAX (cmark_node_get_end_line (node), 0);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) separator = NULL;
  GPtrArray *lines = b->doc->lines;

  if (!at_top (node) || last > lines->len || last < first + 2
      || strchr (g_ptr_array_index (lines, first), '|') == NULL
      || !is_separator_row (g_ptr_array_index (lines, first + 1), &separator))
    return FALSE;
  g_ptr_array_add (rows, split_row (g_ptr_array_index (lines, first)));
  if (((GPtrArray *) g_ptr_array_index (rows, 0))->len != separator->len)
    return FALSE;
  for (guint i = first + 2; i < last; i++)
    g_ptr_array_add (rows, split_row (g_ptr_array_index (lines, i)));
  start_block (b, node);
  layout_table (b, rows, separator);
  return TRUE;
}

static void
enter_heading (Builder *b, cmark_node *node)
{
  gint level = CLAMP (cmark_node_get_heading_level (node), 1, 6);

  start_block (b, node);
  open_tag (b, node, heading_tags[level - 1], NULL);
  if (!at_top (node))
    return;
  /* The doc made the same sections in the same order: share its anchors. */
  while (b->next_section < b->doc->sections->len)
    {
      const CairnGuideSection *s = g_ptr_array_index (b->doc->sections, b->next_section++);
      CairnGuideMark *m;

      if (s->level == 0)
        continue;
      m = g_new0 (CairnGuideMark, 1);
      m->anchor = g_strdup (s->anchor);
      m->title = g_strdup (s->title);
      m->level = s->level;
      m->offset = b->r->length;
      g_ptr_array_add (b->r->marks, m);
      break;
    }
}

static void
enter_item (Builder *b, cmark_node *node)
{
  cmark_node *list = cmark_node_parent (node);
  g_autofree char *bullet = NULL;
  guint index = 0;

  start_block (b, node);
  ensure_line (b);
  open_tag (b, node, "list-item", NULL);
  open_tag (b, node, indent_tags[CLAMP (b->list_depth, 1, 4) - 1], NULL);
  for (cmark_node *n = cmark_node_previous (node); n; n = cmark_node_previous (n))
    index++;
  if (list && cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    bullet = g_strdup_printf ("%d. ", cmark_node_get_list_start (list) + (int) index);
  else
    bullet = g_strdup ("• ");
  append_tagged (b, "bullet", bullet);
}

static void
append_text (Builder *b, cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);
  cmark_node *parent = cmark_node_parent (node);
  g_autofree char *title = NULL, *anchor = NULL;

  /* A heading's "{#id}" names its anchor; it is not shown. */
  if (parent && cmark_node_get_type (parent) == CMARK_NODE_HEADING
      && cmark_node_last_child (parent) == node
      && (anchor = cairn_guide_split_anchor (literal, &title)) != NULL)
    {
      if (*title && g_ascii_isspace (*literal))
        append (b, " ");
      append (b, title);
      return;
    }
  append (b, literal);
}

static void
enter_leaf (Builder *b, cmark_node *node, cmark_node_type type)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (node));

  switch (type)
    {
    case CMARK_NODE_TEXT:
      append_text (b, node);
      break;
    case CMARK_NODE_SOFTBREAK:
      append (b, " ");
      break;
    case CMARK_NODE_LINEBREAK:
      append (b, "\n");
      break;
    case CMARK_NODE_CODE:
      append_tagged (b, "code", literal);
      break;
    case CMARK_NODE_HTML_INLINE:
      append_tagged (b, "html", literal);
      break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      start_block (b, node);
      if (literal && g_str_has_suffix (literal, "\n"))
        literal[strlen (literal) - 1] = '\0';
      append_tagged (b, type == CMARK_NODE_CODE_BLOCK ? "code-block" : "html", literal);
      ensure_line (b);
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      start_block (b, node);
      append_tagged (b, "rule", "――――――――――――――――――――");
      ensure_line (b);
      break;
    default:
      break;
    }
}

static void
enter (Builder *b, cmark_iter *iter, cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  switch (type)
    {
    case CMARK_NODE_BLOCK_QUOTE:
      start_block (b, node);
      open_tag (b, node, "quote", NULL);
      break;
    case CMARK_NODE_LIST:
      start_block (b, node);
      b->list_depth++;
      break;
    case CMARK_NODE_ITEM:
      enter_item (b, node);
      break;
    case CMARK_NODE_PARAGRAPH:
      if (try_table (b, node))
        {
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          return;
        }
      start_block (b, node);
      open_tag (b, node, "paragraph", NULL);
      break;
    case CMARK_NODE_HEADING:
      enter_heading (b, node);
      break;
    case CMARK_NODE_EMPH:
      open_tag (b, node, "emphasis", NULL);
      break;
    case CMARK_NODE_STRONG:
      open_tag (b, node, "strong", NULL);
      break;
    case CMARK_NODE_LINK:
      open_tag (b, node, "link", cmark_node_get_url (node));
      break;
    case CMARK_NODE_IMAGE:
      /* A picture kept in the project: one character the panel puts the picture in. */
      if (cairn_guide_is_local_image (cmark_node_get_url (node)))
        {
          guint at = b->r->length;

          append (b, CAIRN_GUIDE_PICTURE_CHAR);
          add_span (b, "picture", at, cmark_node_get_url (node));
        }
      open_tag (b, node, "image", cmark_node_get_url (node));
      break;
    default:
      enter_leaf (b, node, type);
      break;
    }
}

static void
leave (Builder *b, cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  close_tags (b, node);
  if (type == CMARK_NODE_LIST)
    b->list_depth--;
  if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM)
    ensure_line (b);
}

static gint
compare_spans (gconstpointer a, gconstpointer b)
{
  const CairnGuideSpan *x = *(const CairnGuideSpan **) a, *y = *(const CairnGuideSpan **) b;

  return x->start != y->start ? (x->start < y->start ? -1 : 1)
                              : (x->end > y->end ? -1 : x->end < y->end);
}

CairnGuideRender *
cairn_guide_render (const char *markdown)
{
  g_autoptr(CairnGuideDoc) doc = cairn_guide_doc_new (markdown);
  CairnGuideRender *r = g_new0 (CairnGuideRender, 1);
  Builder b = { r, doc, 0, g_array_new (FALSE, FALSE, sizeof (Open)), 0 };
  cmark_node *root = cmark_parse_document (doc->source, strlen (doc->source), CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type ev;

  r->text = g_string_new (NULL);
  r->spans = g_ptr_array_new_with_free_func (span_free);
  r->marks = g_ptr_array_new_with_free_func (mark_free);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (ev == CMARK_EVENT_ENTER)
        enter (&b, iter, cmark_iter_get_node (iter));
      else if (ev == CMARK_EVENT_EXIT)
        leave (&b, cmark_iter_get_node (iter));
    }
  cmark_iter_free (iter);
  cmark_node_free (root);
  g_array_unref (b.open);
  /* No trailing blank lines. */
  while (r->text->len > 0 && r->text->str[r->text->len - 1] == '\n')
    {
      g_string_truncate (r->text, r->text->len - 1);
      r->length--;
    }
  for (guint i = 0; i < r->spans->len; i++)
    {
      CairnGuideSpan *s = g_ptr_array_index (r->spans, i);

      s->end = MIN (s->end, r->length);
    }
  g_ptr_array_sort (r->spans, compare_spans);
  return r;
}

void
cairn_guide_render_free (CairnGuideRender *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_ptr_array_unref (self->spans);
  g_ptr_array_unref (self->marks);
  g_free (self);
}

const CairnGuideSpan *
cairn_guide_render_span_at (const CairnGuideRender *self,
                            guint                   offset,
                            const char             *tag)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      const CairnGuideSpan *s = g_ptr_array_index (self->spans, i);

      if (s->start <= offset && offset < s->end && g_str_equal (s->tag, tag))
        return s;
    }
  return NULL;
}

const CairnGuideMark *
cairn_guide_render_find_mark (const CairnGuideRender *self,
                              const char             *anchor)
{
  for (guint i = 0; anchor && i < self->marks->len; i++)
    {
      const CairnGuideMark *m = g_ptr_array_index (self->marks, i);

      if (g_str_equal (m->anchor, anchor))
        return m;
    }
  return NULL;
}
