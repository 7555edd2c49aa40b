#define G_LOG_DOMAIN "cairn-format-conll"

#include <glib/gstdio.h>

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* CoNLL: one token per line, whitespace-separated columns, the token first and the tag last.
 * A blank line ends a sentence; a line whose first column is -DOCSTART- starts a document.
 * Items are documents (sentences joined by "\n") when the file has -DOCSTART- lines, else
 * sentences; tokens are joined by single spaces. */

#define DOCSTART "-DOCSTART-"
#define MAX_COLUMNS 64
#define MAX_PROBLEMS 10

typedef enum { TAG_O, TAG_B, TAG_I, TAG_E, TAG_S } TagKind;
typedef enum { SCHEME_IOB2, SCHEME_BIOES } Scheme;

typedef struct
{
  guint  start;
  guint  end;
  gint64 label_id;
} PendingSpan;

typedef struct
{
  CairnTextImport  im;
  CairnLineReader *reader;
  guint            n_columns;    /* of the first token line; every token line must match */
  guint            columns_line;
  gboolean         documents;    /* a -DOCSTART- was seen: items are documents from there on */
  GString         *text;
  guint            n_chars;
  gboolean         in_sentence;
  gboolean         sentence_break;
  GArray          *spans;        /* PendingSpan */
  gint             open;         /* index of the span still growing, or -1 */
  char            *open_type;
  JsonArray       *columns;      /* middle columns per token, when there are any */
  guint            first_line;
  gboolean         skipping;     /* a line of this document could not be read: it is dropped */
  guint            n_read;       /* documents (or sentences) imported */
  guint            n_bad;        /* and skipped */
  char            *first_bad;    /* why the first was skipped */
} ConllImport;

static gboolean
parse_tag (const char *tag, TagKind *kind, const char **type)
{
  static const struct { char prefix; TagKind kind; } prefixes[] = {
    { 'B', TAG_B }, { 'I', TAG_I }, { 'E', TAG_E }, { 'S', TAG_S },
    { 'L', TAG_E }, { 'U', TAG_S }, /* BILOU spells End and Single L and U */
  };

  if (g_str_equal (tag, "O"))
    {
      *kind = TAG_O;
      *type = NULL;
      return TRUE;
    }
  if (tag[0] == '\0' || tag[1] != '-' || tag[2] == '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (tag[0] == prefixes[i].prefix)
      {
        *kind = prefixes[i].kind;
        *type = tag + 2;
        return TRUE;
      }
  return FALSE;
}

static void
close_span (ConllImport *c)
{
  c->open = -1;
  g_clear_pointer (&c->open_type, g_free);
}

static gboolean
fail (ConllImport *c, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (ConllImport *c, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s",
               cairn_line_reader_name (c->reader), cairn_line_reader_line (c->reader), what);
  return FALSE;
}

static gboolean
flush_item (ConllImport *c, GError **error)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *source = NULL;

  close_span (c);
  if (c->skipping)
    c->skipping = FALSE;
  else if (c->text->len > 0)
    {
      c->n_read++;
      source = g_strdup_printf ("%s:%u", cairn_line_reader_name (c->reader), c->first_line);
      json_object_set_string_member (meta, "source", source);
      if (c->documents || c->columns)
        {
          JsonObject *conll = json_object_new ();

          if (c->documents)
            json_object_set_boolean_member (conll, "document", TRUE);
          if (c->columns)
            json_object_set_array_member (conll, "columns", json_array_ref (c->columns));
          json_object_set_object_member (meta, "conll", conll);
        }
      if (cairn_text_import_text_item (&c->im, c->text->str, meta, error) == 0)
        return FALSE;
      for (guint i = 0; i < c->spans->len; i++)
        {
          PendingSpan *s = &g_array_index (c->spans, PendingSpan, i);
          g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
          double coords[2] = { s->start, s->end };

          cairn_annotation_set_coords (a, coords, 2);
          a->label_id = s->label_id;
          if (!cairn_text_import_add (&c->im, a, error))
            return FALSE;
        }
    }
  g_string_truncate (c->text, 0);
  c->n_chars = 0;
  c->in_sentence = FALSE;
  c->sentence_break = FALSE;
  g_array_set_size (c->spans, 0);
  g_clear_pointer (&c->columns, json_array_unref);
  return TRUE;
}

/* Splits line in place on spaces and tabs. */
static guint
split_columns (char *line, char **columns)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        *p++ = '\0';
      if (*p == '\0')
        return n;
      if (n == MAX_COLUMNS)
        return n + 1;
      columns[n++] = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
    }
}

static gboolean
add_token (ConllImport *c, char **columns, guint n, GError **error)
{
  const char *token = columns[0];
  const char *tag = columns[n - 1];
  const char *type = NULL;
  TagKind kind;
  guint start;

  if (c->n_columns == 0)
    {
      if (n < 2)
        return fail (c, error, "expected a token and a tag, found one column");
      c->n_columns = n;
      c->columns_line = cairn_line_reader_line (c->reader);
    }
  if (n != c->n_columns)
    return fail (c, error, "%u columns, but line %u has %u", n, c->columns_line, c->n_columns);
  if (!parse_tag (tag, &kind, &type))
    return fail (c, error, "tag “%s” is not O or B-, I-, E-, S-, L-, U- and a label", tag);
  if (c->text->len == 0)
    c->first_line = cairn_line_reader_line (c->reader);
  if (c->in_sentence)
    {
      g_string_append_c (c->text, ' ');
      c->n_chars++;
    }
  else if (c->text->len > 0)
    {
      g_string_append_c (c->text, '\n');
      c->n_chars++;
    }
  c->in_sentence = TRUE;
  start = c->n_chars;
  g_string_append (c->text, token);
  c->n_chars += g_utf8_strlen (token, -1);
  if (n > 2)
    {
      JsonArray *middle = json_array_sized_new (n - 2);

      if (c->columns == NULL)
        c->columns = json_array_new ();
      for (guint i = 1; i + 1 < n; i++)
        json_array_add_string_element (middle, columns[i]);
      json_array_add_array_element (c->columns, middle);
    }

  if (kind == TAG_O)
    {
      close_span (c);
      return TRUE;
    }
  /* I- or E- after O or another type starts a span: that is IOB1, and lenient for the rest. */
  if (kind == TAG_B || kind == TAG_S || c->open < 0 || g_strcmp0 (c->open_type, type) != 0)
    {
      PendingSpan s = { start, c->n_chars, cairn_text_import_label (&c->im, type, error) };

      if (s.label_id == 0)
        return FALSE;
      close_span (c);
      g_array_append_val (c->spans, s);
      c->open = c->spans->len - 1;
      c->open_type = g_strdup (type);
    }
  g_array_index (c->spans, PendingSpan, c->open).end = c->n_chars;
  if (kind == TAG_E || kind == TAG_S)
    close_span (c);
  return TRUE;
}

/* A token line that cannot be read drops the document (or sentence) it is in: nothing of it
 * is written, and the next one is read as usual. */
static gboolean
skip_item (ConllImport *c, GError **bad, GError **error)
{
  guint from = c->text->len > 0 ? c->first_line : cairn_line_reader_line (c->reader);
  char *message = g_strdup_printf ("%s; the %s from line %u", (*bad)->message,
                                   c->documents ? "document" : "sentence", from);

  g_free ((*bad)->message);
  (*bad)->message = message;
  if (c->first_bad == NULL)
    c->first_bad = g_strdup (message);
  c->n_bad++;
  c->skipping = TRUE;
  return cairn_format_skip_record (c->im.options, c->im.report, bad, error);
}

static gboolean
read_lines (ConllImport *c, const CairnFormatOptions *options, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *columns[MAX_COLUMNS];
  char *line;

  while ((line = cairn_line_reader_next (c->reader, NULL, &local)))
    {
      G_GNUC_UNUSED g_autofree char *owned = line;
      guint n = split_columns (line, columns);
      g_autoptr(GError) bad = NULL;

      if (cairn_line_reader_line (c->reader) % 8192 == 0
          && !cairn_format_step (options, cairn_line_reader_fraction (c->reader), NULL, error))
        return FALSE;
      if (n > MAX_COLUMNS && !c->skipping)
        {
          fail (c, &bad, "more than %d columns", MAX_COLUMNS);
          if (!skip_item (c, &bad, error))
            return FALSE;
          continue;
        }
      if (n == 0)
        {
          /* A blank line ends the sentence (and any span in it). */
          close_span (c);
          c->in_sentence = FALSE;
          if (!c->documents && !flush_item (c, error))
            return FALSE;
          continue;
        }
      if (g_str_equal (columns[0], DOCSTART))
        {
          if (!flush_item (c, error))
            return FALSE;
          c->documents = TRUE;
          continue;
        }
      if (c->skipping || n > MAX_COLUMNS)
        continue;
      if (!add_token (c, columns, n, &bad) && !skip_item (c, &bad, error))
        return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!flush_item (c, error))
    return FALSE;
  /* Not one document read: the file is not CoNLL at all, and fails as a whole. */
  if (c->n_read == 0 && c->n_bad > 0)
    return fail (c, error, "no %s could be read (the first: %s)",
                 c->documents ? "document" : "sentence", c->first_bad);
  return TRUE;
}

gboolean
cairn_format_conll_import (CairnStore               *store,
                           const char               *path,
                           const CairnFormatOptions *options,
                           CairnImportReport        *report,
                           GError                  **error)
{
  ConllImport c = { 0 };
  gboolean ok;

  c.reader = cairn_line_reader_open (path, error);
  if (c.reader == NULL)
    return FALSE;
  if (!cairn_text_import_init (&c.im, store, options, report, error))
    {
      cairn_line_reader_free (c.reader);
      return FALSE;
    }
  c.text = g_string_new (NULL);
  c.spans = g_array_new (FALSE, FALSE, sizeof (PendingSpan));
  c.open = -1;
  ok = read_lines (&c, options, error);
  if (ok && c.n_columns == 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: no tokens",
                   cairn_line_reader_name (c.reader));
      ok = FALSE;
    }
  cairn_text_import_clear (&c.im);
  close_span (&c);
  g_clear_pointer (&c.columns, json_array_unref);
  g_array_unref (c.spans);
  g_string_free (c.text, TRUE);
  g_free (c.first_bad);
  cairn_line_reader_free (c.reader);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* Export */

typedef enum { CHAR_TOKEN, CHAR_SPACE, CHAR_BREAK } CharClass;

typedef struct
{
  guint    start;        /* code points */
  guint    end;
  gsize    byte_start;
  gsize    byte_end;
  gboolean after_break;  /* a line break comes between this token and the one before */
} Token;

typedef struct
{
  guint       start;
  guint       end;
  const char *label;
} Span;

typedef struct
{
  CairnTextExport  ex;
  Scheme           scheme;
  guint            n_extra;     /* middle columns written */
  GString         *problems;
  guint            n_problems;
  gboolean         warned_spaces; /* a label with spaces was written with underscores */
} ConllExport;

static gboolean
is_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static void
problem (ConllExport *cx, gint64 item_id, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
problem (ConllExport *cx, gint64 item_id, const char *format, ...)
{
  va_list args;

  if (cx->n_problems++ >= MAX_PROBLEMS)
    return;
  g_string_append_printf (cx->problems, "\n  item %" G_GINT64_FORMAT ": ", item_id);
  va_start (args, format);
  g_string_append_vprintf (cx->problems, format, args);
  va_end (args);
}

static int
compare_spans (gconstpointer pa, gconstpointer pb)
{
  const Span *a = pa, *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return g_strcmp0 (a->label, b->label);
}

/* The item's spans, sorted, each checked against the text: inside it, starting and ending on a
 * token character, within one line, overlapping no other. Exact repeats (two annotators who
 * agree) are written once. FALSE when any cannot be written. */
static GArray *
collect_spans (ConllExport *cx, const CairnItem *item, const guint8 *classes, guint n_chars,
               GError **error)
{
  g_autoptr(GPtrArray) list = cairn_text_export_annotations (&cx->ex, item->id, error);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  guint before = cx->n_problems;
  guint kept = 0;

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      Span s;

      if (a->kind != CAIRN_KIND_SPAN)
        continue;
      s.start = (guint) g_array_index (a->coords, double, 0);
      s.end = (guint) g_array_index (a->coords, double, 1);
      s.label = cairn_text_export_label_name (&cx->ex, a->label_id);
      if (s.label == NULL)
        s.label = "_";
      if (s.end > n_chars || s.start >= s.end)
        {
          problem (cx, item->id, "span %s [%u, %u) is empty or outside the text (%u characters)",
                   s.label, s.start, s.end, n_chars);
          continue;
        }
      g_array_append_val (spans, s);
    }
  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);
      Span *prev = kept ? &g_array_index (spans, Span, kept - 1) : NULL;
      guint k;

      if (prev && prev->start == s->start && prev->end == s->end && g_str_equal (prev->label,
                                                                                s->label))
        continue;
      if (classes[s->start] != CHAR_TOKEN || classes[s->end - 1] != CHAR_TOKEN)
        {
          problem (cx, item->id, "span %s [%u, %u) %s on whitespace", s->label, s->start, s->end,
                   classes[s->start] != CHAR_TOKEN ? "starts" : "ends");
          continue;
        }
      for (k = s->start; k < s->end; k++)
        if (classes[k] == CHAR_BREAK)
          {
            problem (cx, item->id, "span %s [%u, %u) crosses a line break, which ends a CoNLL "
                     "sentence", s->label, s->start, s->end);
            break;
          }
      if (k < s->end)
        continue;
      if (prev && s->start < prev->end)
        {
          problem (cx, item->id, "span %s [%u, %u) overlaps span %s [%u, %u); CoNLL has one tag "
                   "per token (export one annotator with --annotator?)", s->label, s->start,
                   s->end, prev->label, prev->start, prev->end);
          continue;
        }
      g_array_index (spans, Span, kept++) = *s;
    }
  g_array_set_size (spans, kept);
  if (cx->n_problems > before)
    g_array_set_size (spans, 0);
  return g_steal_pointer (&spans);
}

/* Whitespace-separated tokens, also cut wherever a span starts or ends. */
static GArray *
tokenize (const char *text, const guint8 *classes, guint n_chars, const GArray *spans)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;
  gboolean in_token = FALSE, seen_break = FALSE;
  guint next_span = 0;
  Token t = { 0 };

  for (guint i = 0; i <= n_chars; i++)
    {
      gboolean boundary = FALSE;

      while (next_span < spans->len && g_array_index (spans, Span, next_span).end < i)
        next_span++;
      if (next_span < spans->len)
        {
          const Span *s = &g_array_index (spans, Span, next_span);
          boundary = s->start == i || s->end == i;
        }
      if (in_token && (i == n_chars || classes[i] != CHAR_TOKEN || boundary))
        {
          t.end = i;
          t.byte_end = p - text;
          g_array_append_val (tokens, t);
          in_token = FALSE;
        }
      if (i == n_chars)
        break;
      if (classes[i] == CHAR_BREAK)
        seen_break = tokens->len > 0;
      else if (classes[i] == CHAR_TOKEN && !in_token)
        {
          t.start = i;
          t.byte_start = p - text;
          t.after_break = seen_break;
          seen_break = FALSE;
          in_token = TRUE;
        }
      p = g_utf8_next_char (p);
    }
  return tokens;
}

static void
write_extra (ConllExport *cx, GString *out, JsonArray *columns, guint token, guint n_tokens)
{
  JsonArray *row = NULL;

  if (columns && json_array_get_length (columns) == n_tokens)
    {
      JsonNode *node = json_array_get_element (columns, token);
      row = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
    }
  for (guint k = 0; k < cx->n_extra; k++)
    {
      JsonNode *cell = row && k < json_array_get_length (row) ? json_array_get_element (row, k)
                                                               : NULL;
      const char *value = cell && JSON_NODE_HOLDS_VALUE (cell)
                          && json_node_get_value_type (cell) == G_TYPE_STRING
                          ? json_node_get_string (cell) : NULL;

      g_string_append_c (out, ' ');
      g_string_append (out, value && *value && !strpbrk (value, " \t\n\r") ? value : "_");
    }
}

static void
write_tag (ConllExport *cx, GString *out, const Token *t, const Span *s)
{
  const char *prefix;

  g_string_append_c (out, ' ');
  if (s == NULL || t->end <= s->start || t->start >= s->end)
    {
      g_string_append_c (out, 'O');
      return;
    }
  if (cx->scheme == SCHEME_IOB2)
    prefix = t->start == s->start ? "B-" : "I-";
  else if (t->start == s->start)
    prefix = t->end == s->end ? "S-" : "B-";
  else
    prefix = t->end == s->end ? "E-" : "I-";
  g_string_append (out, prefix);
  /* A space in a tag would start another column. */
  for (const char *c = s->label; *c; c++)
    g_string_append_c (out, g_ascii_isspace (*c) ? '_' : *c);
  if (strpbrk (s->label, " \t\n\r\f\v") && !cx->warned_spaces)
    {
      cx->warned_spaces = TRUE;
      cairn_format_export_warn (cx->ex.options, "conll: labels with spaces (“%s”) are written "
                                "with underscores", s->label);
    }
}

static JsonObject *
conll_meta (const CairnItem *item)
{
  JsonNode *node = json_object_get_member (item->meta, "conll");

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
conll_columns (const CairnItem *item)
{
  JsonObject *conll = conll_meta (item);
  JsonNode *node = conll ? json_object_get_member (conll, "columns") : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
write_item (ConllExport *cx, CairnTextWriter *w, const CairnItem *item, GError **error)
{
  const char *text = item->text ? item->text : "";
  guint n_chars = g_utf8_strlen (text, -1);
  g_autofree guint8 *classes = g_new (guint8, n_chars + 1);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) tokens = NULL;
  JsonObject *conll = conll_meta (item);
  guint next_span = 0;
  const char *p = text;

  for (guint i = 0; i < n_chars; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      classes[i] = is_break (c) ? CHAR_BREAK : g_unichar_isspace (c) ? CHAR_SPACE : CHAR_TOKEN;
    }
  spans = collect_spans (cx, item, classes, n_chars, error);
  if (spans == NULL)
    return FALSE;
  tokens = tokenize (text, classes, n_chars, spans);
  if (tokens->len == 0)
    return TRUE;
  if (conll && json_object_get_boolean_member_with_default (conll, "document", FALSE))
    {
      g_string_append (w->buf, DOCSTART);
      for (guint k = 0; k < cx->n_extra; k++)
        g_string_append (w->buf, " -X-");
      g_string_append (w->buf, " O\n\n");
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *t = &g_array_index (tokens, Token, i);
      const Span *s;

      while (next_span < spans->len && g_array_index (spans, Span, next_span).end <= t->start)
        next_span++;
      s = next_span < spans->len ? &g_array_index (spans, Span, next_span) : NULL;
      if (t->after_break)
        g_string_append_c (w->buf, '\n');
      g_string_append_len (w->buf, text + t->byte_start, t->byte_end - t->byte_start);
      write_extra (cx, w->buf, conll_columns (item), i, tokens->len);
      write_tag (cx, w->buf, t, s);
      g_string_append_c (w->buf, '\n');
    }
  g_string_append_c (w->buf, '\n');
  return cairn_text_writer_flush (w, FALSE, error);
}

/* Items without -DOCSTART- go first: after a document they would join it on import. */
static gboolean
write_subset (ConllExport *cx, const char *out_dir, const char *split, GError **error)
{
  g_autoptr(GArray) ids = cairn_text_export_item_ids (&cx->ex, CAIRN_ITEM_TEXT, split, error);
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = cairn_text_export_path (out_dir, split, "annotations", ".conll");
  g_autoptr(CairnTextWriter) w = NULL;

  if (ids == NULL)
    return FALSE;
  cx->n_extra = 0;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (cx->ex.store,
                                                        g_array_index (ids, gint64, i), error);
      JsonObject *conll;
      JsonArray *columns;

      if (item == NULL)
        return FALSE;
      conll = conll_meta (item);
      columns = conll_columns (item);
      if (columns && json_array_get_length (columns) > 0
          && JSON_NODE_HOLDS_ARRAY (json_array_get_element (columns, 0)))
        cx->n_extra = MAX (cx->n_extra, json_array_get_length (
          json_array_get_array_element (columns, 0)));
      if (conll && json_object_get_boolean_member_with_default (conll, "document", FALSE))
        g_array_append_val (documents, item->id);
      else
        g_array_append_val (sentences, item->id);
    }
  g_array_append_vals (sentences, documents->data, documents->len);
  w = cairn_text_writer_new (path, error);
  if (w == NULL)
    return FALSE;
  for (guint i = 0; i < sentences->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (cx->ex.store,
                                                        g_array_index (sentences, gint64, i),
                                                        error);

      if (item == NULL || !write_item (cx, w, item, error))
        return FALSE;
      if (i % 1024 == 0
          && !cairn_format_step (cx->ex.options, (double) i / sentences->len, NULL, error))
        return FALSE;
    }
  if (!cairn_text_writer_close (w, error))
    return FALSE;
  if (cx->n_problems)
    {
      g_unlink (path);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "%u span%s cannot be written as CoNLL tags:%s%s", cx->n_problems,
                   cx->n_problems == 1 ? "" : "s", cx->problems->str,
                   cx->n_problems > MAX_PROBLEMS ? "\n  …" : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_scheme (const char *name, Scheme *scheme, GError **error)
{
  if (name == NULL || g_ascii_strcasecmp (name, "iob2") == 0
      || g_ascii_strcasecmp (name, "bio") == 0)
    *scheme = SCHEME_IOB2;
  else if (g_ascii_strcasecmp (name, "bioes") == 0 || g_ascii_strcasecmp (name, "iobes") == 0)
    *scheme = SCHEME_BIOES;
  else
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "conll: unknown tagging scheme “%s” (iob2 or bioes)", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_format_conll_export (CairnStore               *store,
                           const char               *out_dir,
                           const CairnFormatOptions *options,
                           GError                  **error)
{
  ConllExport cx = { 0 };
  const char *const *subsets;
  gboolean ok = TRUE;

  if (!parse_scheme (options->scheme, &cx.scheme, error))
    return FALSE;
  if (!cairn_export_context_init (&cx.ex, store, options, error))
    {
      cairn_export_context_clear (&cx.ex);
      return FALSE;
    }
  cx.problems = g_string_new (NULL);
  subsets = cairn_text_export_subsets (&cx.ex);
  for (guint i = 0; ok && (i == 0 || subsets[i]); i++)
    ok = write_subset (&cx, out_dir, subsets[i], error);
  g_string_free (cx.problems, TRUE);
  cairn_export_context_clear (&cx.ex);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
