#define G_LOG_DOMAIN "cairn-yaml"

#include <errno.h>
#include <math.h>

#include "cairn-yaml.h"
#include "cairn-format.h"

#define MAX_DEPTH 32

typedef struct
{
  const char *raw;     /* the line as written */
  char       *text;    /* without indentation, comment and trailing space; "" when blank */
  int         indent;
} Line;

typedef struct
{
  const char *name;
  Line       *lines;
  guint       n_lines;
  guint       pos;
  guint       depth;
} Reader;

static JsonNode *parse_block (Reader *r, int parent_indent, GError **error);

static gboolean
fail (Reader *r, guint line, GError **error, const char *what)
{
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s", r->name,
               line + 1, what);
  return FALSE;
}

/* Cuts a comment: '#' at the start or after a space, outside quotes. */
static char *
strip_comment (const char *s)
{
  char quote = 0;
  const char *p;

  for (p = s; *p; p++)
    {
      if (quote)
        {
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '#' && (p == s || *(p - 1) == ' ' || *(p - 1) == '\t'))
        break;
    }
  return g_strchomp (g_strndup (s, p - s));
}

static void
split_lines (Reader *r, char **raw)
{
  r->n_lines = g_strv_length (raw);
  r->lines = g_new0 (Line, r->n_lines + 1);
  for (guint i = 0; i < r->n_lines; i++)
    {
      const char *s = raw[i];
      int indent = 0;

      /* CRLF files and tabs (which YAML forbids, but editors insert) are taken in stride. */
      g_strdelimit (raw[i], "\r", ' ');
      while (s[indent] == ' ' || s[indent] == '\t')
        indent++;
      r->lines[i].raw = raw[i];
      r->lines[i].indent = indent;
      r->lines[i].text = strip_comment (s + indent);
      if (g_str_equal (r->lines[i].text, "---") || g_str_equal (r->lines[i].text, "..."))
        r->lines[i].text[0] = '\0';
    }
}

/* The next line with content, or NULL. */
static Line *
peek (Reader *r)
{
  while (r->pos < r->n_lines && r->lines[r->pos].text[0] == '\0')
    r->pos++;
  return r->pos < r->n_lines ? &r->lines[r->pos] : NULL;
}

static JsonNode *
plain_scalar (const char *s)
{
  char *end;
  gint64 i;
  double d;

  if (*s == '\0' || g_str_equal (s, "~") || g_str_equal (s, "null") || g_str_equal (s, "Null")
      || g_str_equal (s, "NULL"))
    return json_node_init_null (json_node_alloc ());
  if (g_str_equal (s, "true") || g_str_equal (s, "True") || g_str_equal (s, "TRUE"))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (g_str_equal (s, "false") || g_str_equal (s, "False") || g_str_equal (s, "FALSE"))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  errno = 0;
  i = g_ascii_strtoll (s, &end, 10);
  if (*end == '\0' && errno == 0 && (g_ascii_isdigit (*s) || *s == '-' || *s == '+'))
    return json_node_init_int (json_node_alloc (), i);
  d = g_ascii_strtod (s, &end);
  if (*end == '\0' && (g_ascii_isdigit (*s) || *s == '-' || *s == '+' || *s == '.')
      && isfinite (d))
    return json_node_init_double (json_node_alloc (), d);
  return json_node_init_string (json_node_alloc (), s);
}

/* A quoted scalar starting at *p; *p moves past the closing quote. */
static char *
quoted (const char **p, GError **error, Reader *r, guint line)
{
  char quote = **p;
  GString *out = g_string_new (NULL);
  const char *s = *p + 1;

  for (;; s++)
    {
      if (*s == '\0')
        {
          fail (r, line, error, "unterminated quoted string");
          g_string_free (out, TRUE);
          return NULL;
        }
      if (*s == quote && quote == '\'' && s[1] == '\'')
        {
          g_string_append_c (out, '\'');
          s++;
          continue;
        }
      if (*s == quote)
        break;
      if (quote == '"' && *s == '\\' && s[1])
        {
          s++;
          switch (*s)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            default: g_string_append_c (out, *s); break;
            }
          continue;
        }
      g_string_append_c (out, *s);
    }
  *p = s + 1;
  return g_string_free (out, FALSE);
}

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n')
    (*p)++;
}

/* A value inside a flow collection: stops at ',', ']', '}' (and ':' for keys). */
static JsonNode *
flow_value (Reader *r, guint line, const char **p, gboolean key, GError **error)
{
  skip_space (p);
  if (++r->depth > MAX_DEPTH)
    {
      fail (r, line, error, "nested too deeply");
      return NULL;
    }
  if (**p == '[' || **p == '{')
    {
      gboolean list = **p == '[';
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonObject) object = json_object_new ();

      (*p)++;
      for (;;)
        {
          g_autoptr(JsonNode) k = NULL;
          JsonNode *v;

          skip_space (p);
          if (**p == (list ? ']' : '}'))
            {
              (*p)++;
              break;
            }
          if (!list)
            {
              k = flow_value (r, line, p, TRUE, error);
              if (k == NULL)
                return NULL;
              skip_space (p);
              if (**p != ':')
                {
                  fail (r, line, error, "expected ':' in a flow mapping");
                  return NULL;
                }
              (*p)++;
            }
          v = flow_value (r, line, p, FALSE, error);
          if (v == NULL)
            return NULL;
          if (list)
            json_array_add_element (array, v);
          else
            {
              g_autofree char *name
                  = JSON_NODE_HOLDS_VALUE (k) && json_node_get_value_type (k) == G_TYPE_STRING
                        ? g_strdup (json_node_get_string (k))
                        : json_to_string (k, FALSE);
              json_object_set_member (object, name, v);
            }
          skip_space (p);
          if (**p == ',')
            (*p)++;
          else if (**p != (list ? ']' : '}'))
            {
              fail (r, line, error, list ? "expected ',' or ']'" : "expected ',' or '}'");
              return NULL;
            }
        }
      r->depth--;
      return list ? json_node_init_array (json_node_alloc (), array)
                  : json_node_init_object (json_node_alloc (), object);
    }
  r->depth--;
  if (**p == '\'' || **p == '"')
    {
      g_autofree char *s = quoted (p, error, r, line);
      return s ? json_node_init_string (json_node_alloc (), s) : NULL;
    }
  {
    const char *start = *p;
    g_autofree char *s = NULL;

    while (**p && **p != ',' && **p != ']' && **p != '}' && !(key && **p == ':'))
      (*p)++;
    s = g_strstrip (g_strndup (start, *p - start));
    return plain_scalar (s);
  }
}

static gboolean
balanced (const char *s)
{
  int depth = 0;
  char quote = 0;

  for (; *s; s++)
    {
      if (quote)
        quote = *s == quote ? 0 : quote;
      else if (*s == '\'' || *s == '"')
        quote = *s;
      else if (*s == '[' || *s == '{')
        depth++;
      else if (*s == ']' || *s == '}')
        depth--;
    }
  return depth <= 0;
}

/* The value after "key:" or "- " on the current line, which may go on in lines below. */
static JsonNode *
inline_value (Reader *r, const char *value, int indent, GError **error)
{
  guint line = r->pos;

  r->pos++;
  if (value[0] == '|' || value[0] == '>')
    {
      g_autoptr(GString) text = g_string_new (NULL);

      /* A block scalar: every following line indented deeper, kept as written. */
      while (r->pos < r->n_lines
             && (r->lines[r->pos].indent > indent || r->lines[r->pos].text[0] == '\0'))
        {
          g_string_append_printf (text, "%s\n", r->lines[r->pos].raw);
          r->pos++;
        }
      return json_node_init_string (json_node_alloc (), text->str);
    }
  if (value[0] == '[' || value[0] == '{')
    {
      g_autoptr(GString) flow = g_string_new (value);
      const char *p;
      JsonNode *node;

      while (!balanced (flow->str) && r->pos < r->n_lines)
        g_string_append_printf (flow, "\n%s", r->lines[r->pos++].text);
      p = flow->str;
      node = flow_value (r, line, &p, FALSE, error);
      if (node == NULL)
        return NULL;
      skip_space (&p);
      if (*p != '\0')
        {
          json_node_unref (node);
          fail (r, line, error, "unexpected text after a flow collection");
          return NULL;
        }
      return node;
    }
  if (value[0] == '\'' || value[0] == '"')
    {
      const char *p = value;
      g_autofree char *s = quoted (&p, error, r, line);

      return s ? json_node_init_string (json_node_alloc (), s) : NULL;
    }
  return plain_scalar (value);
}

static gboolean
is_item (const char *text)
{
  return text[0] == '-' && (text[1] == ' ' || text[1] == '\0');
}

static JsonNode *
parse_list (Reader *r, int indent, GError **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  Line *l;

  while ((l = peek (r)) && l->indent == indent && is_item (l->text))
    {
      const char *value = l->text[1] ? g_strchug (l->text + 1) : "";
      JsonNode *node;

      if (*value == '\0')
        {
          r->pos++;
          node = parse_block (r, indent, error);
        }
      else
        node = inline_value (r, value, indent, error);
      if (node == NULL)
        return NULL;
      json_array_add_element (array, node);
    }
  if (l && l->indent > indent)
    {
      fail (r, l - r->lines, error, "unexpected indentation");
      return NULL;
    }
  return json_node_init_array (json_node_alloc (), array);
}

/* "key: value" → key (unquoted) and where the value starts; NULL when it is not one. */
static char *
split_key (Reader *r, char *text, char **value, GError **error)
{
  char *p = text;
  char *key;

  if (*p == '\'' || *p == '"')
    {
      key = quoted ((const char **) &p, error, r, r->pos);
      if (key == NULL)
        return NULL;
      while (*p == ' ')
        p++;
      if (*p != ':')
        {
          g_free (key);
          fail (r, r->pos, error, "expected ':' after a quoted key");
          return NULL;
        }
    }
  else
    {
      while (*p && !(*p == ':' && (p[1] == ' ' || p[1] == '\0')))
        p++;
      if (*p != ':')
        {
          fail (r, r->pos, error, "expected “key: value”");
          return NULL;
        }
      key = g_strstrip (g_strndup (text, p - text));
    }
  *value = g_strchug (p + 1);
  return key;
}

static JsonNode *
parse_mapping (Reader *r, int indent, GError **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  Line *l;

  while ((l = peek (r)) && l->indent == indent && !is_item (l->text))
    {
      char *value;
      g_autofree char *key = split_key (r, l->text, &value, error);
      JsonNode *node;
      Line *next;

      if (key == NULL)
        return NULL;
      if (*value == '\0')
        {
          r->pos++;
          next = peek (r);
          /* A list may sit at its key's own indentation. */
          if (next && next->indent == indent && is_item (next->text))
            node = parse_list (r, indent, error);
          else
            node = parse_block (r, indent, error);
        }
      else
        node = inline_value (r, value, indent, error);
      if (node == NULL)
        return NULL;
      json_object_set_member (object, key, node);
    }
  if (l && l->indent > indent)
    {
      fail (r, l - r->lines, error, "unexpected indentation");
      return NULL;
    }
  if (l && l->indent == indent && is_item (l->text))
    {
      fail (r, l - r->lines, error, "a list item where a “key: value” was expected");
      return NULL;
    }
  return json_node_init_object (json_node_alloc (), object);
}

/* The block under a key or item: deeper lines, or null when there are none. */
static JsonNode *
parse_block (Reader *r, int parent_indent, GError **error)
{
  Line *l = peek (r);
  JsonNode *node;

  if (l == NULL || l->indent <= parent_indent)
    return json_node_init_null (json_node_alloc ());
  if (++r->depth > MAX_DEPTH)
    {
      fail (r, l - r->lines, error, "nested too deeply");
      return NULL;
    }
  node = is_item (l->text) ? parse_list (r, l->indent, error) : parse_mapping (r, l->indent, error);
  r->depth--;
  return node;
}

JsonObject *
cairn_yaml_parse (const char *text,
                  const char *name,
                  GError    **error)
{
  g_auto(GStrv) raw = NULL;
  g_autoptr(JsonNode) root = NULL;
  Reader r = { name, NULL, 0, 0, 0 };
  Line *first;
  JsonObject *result = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: not valid UTF-8",
                   name);
      return NULL;
    }
  raw = g_strsplit (text, "\n", -1);
  split_lines (&r, raw);
  first = peek (&r);
  if (first && (first->indent > 0 || is_item (first->text)))
    fail (&r, first - r.lines, error, "expected top-level “key: value” lines");
  else
    {
      root = first ? parse_mapping (&r, 0, error) : NULL;
      if (first == NULL)
        result = json_object_new ();
      else if (root)
        result = json_object_ref (json_node_get_object (root));
    }
  for (guint i = 0; i < r.n_lines; i++)
    g_free (r.lines[i].text);
  g_free (r.lines);
  return result;
}

JsonObject *
cairn_yaml_parse_file (const char *path,
                       GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return cairn_yaml_parse (text, base, error);
}
