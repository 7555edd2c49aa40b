#define G_LOG_DOMAIN "cairn-json-stream"

#include "cairn-json-stream.h"
#include "cairn-format.h"
#include "model/cairn-json-text.h"

#define CHUNK 65536

typedef enum
{
  STATE_START,       /* before the top-level value */
  STATE_OBJECT_FIRST, /* just after '{' */
  STATE_ARRAY_FIRST, /* just after '[' */
  STATE_AFTER_KEY,   /* a member name and ':' were read */
  STATE_AFTER_VALUE, /* inside a container, after a value */
  STATE_DONE,        /* the top-level value ended */
} State;

struct _CairnJsonStream
{
  GInputStream *input;
  char         *name;
  guint8       *buf;
  gsize         pos;
  gsize         len;
  goffset       before;    /* bytes read before the current chunk */
  gboolean      eof;
  GError       *read_error;
  guint         line;
  guint         column;
  guint         token_line;
  guint         token_column;
  State         state;
  GByteArray   *stack;     /* '{' or '[' per open container */
  GString      *text;      /* the last string, key or number as written */
  double        number;
  gboolean      is_int;
  gint64        int_value;
};

CairnJsonStream *
cairn_json_stream_new (GInputStream *input,
                       const char   *name)
{
  CairnJsonStream *self = g_new0 (CairnJsonStream, 1);

  self->input = g_object_ref (input);
  self->name = g_strdup (name);
  self->buf = g_malloc (CHUNK);
  self->line = 1;
  self->column = 1;
  self->stack = g_byte_array_new ();
  self->text = g_string_sized_new (256);
  return self;
}

CairnJsonStream *
cairn_json_stream_open (const char *path,
                        GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;

  input = g_file_read (file, NULL, &local);
  if (input == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  return cairn_json_stream_new (G_INPUT_STREAM (input), base);
}

void
cairn_json_stream_free (CairnJsonStream *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->input);
  g_free (self->name);
  g_free (self->buf);
  g_clear_error (&self->read_error);
  g_byte_array_unref (self->stack);
  g_string_free (self->text, TRUE);
  g_free (self);
}

void
cairn_json_stream_set_error (CairnJsonStream *self,
                             GError         **error,
                             const char      *format,
                             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u:%u: %s", self->name,
               self->token_line, self->token_column, message);
}

static gboolean
fail_here (CairnJsonStream *self, GError **error, const char *what)
{
  self->token_line = self->line;
  self->token_column = self->column;
  if (self->read_error)
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", self->name,
                 self->read_error->message);
  else
    cairn_json_stream_set_error (self, error, "%s", what);
  return FALSE;
}

/* For whole-token problems (a bad number or literal): the position where the token began. */
static gboolean
fail_token (CairnJsonStream *self, GError **error, const char *what)
{
  cairn_json_stream_set_error (self, error, "%s", what);
  return FALSE;
}

static gboolean
refill (CairnJsonStream *self)
{
  gssize n;

  if (self->eof)
    return FALSE;
  n = g_input_stream_read (self->input, self->buf, CHUNK, NULL, &self->read_error);
  if (n <= 0)
    {
      self->eof = TRUE;
      return FALSE;
    }
  self->before += self->len;
  self->pos = 0;
  self->len = n;
  return TRUE;
}

/* The next byte, or -1 at the end of input. */
static inline int
peek (CairnJsonStream *self)
{
  if (self->pos == self->len && !refill (self))
    return -1;
  return self->buf[self->pos];
}

static inline void
advance (CairnJsonStream *self)
{
  if (self->buf[self->pos++] == '\n')
    {
      self->line++;
      self->column = 1;
    }
  else
    self->column++;
}

static int
skip_space (CairnJsonStream *self)
{
  int c;

  while ((c = peek (self)) == ' ' || c == '\n' || c == '\r' || c == '\t')
    advance (self);
  return c;
}

static gboolean
read_hex4 (CairnJsonStream *self, gunichar *out, GError **error)
{
  *out = 0;
  for (int i = 0; i < 4; i++)
    {
      int v = g_ascii_xdigit_value (peek (self));

      if (v < 0)
        return fail_here (self, error, "invalid \\u escape");
      *out = (*out << 4) | v;
      advance (self);
    }
  return TRUE;
}

static gboolean
read_escape (CairnJsonStream *self, GError **error)
{
  int c = peek (self);
  gunichar u, low;

  if (c < 0)
    return fail_here (self, error, "unexpected end of input in a string");
  advance (self);
  switch (c)
    {
    case '"': case '\\': case '/':
      g_string_append_c (self->text, c);
      return TRUE;
    case 'b': g_string_append_c (self->text, '\b'); return TRUE;
    case 'f': g_string_append_c (self->text, '\f'); return TRUE;
    case 'n': g_string_append_c (self->text, '\n'); return TRUE;
    case 'r': g_string_append_c (self->text, '\r'); return TRUE;
    case 't': g_string_append_c (self->text, '\t'); return TRUE;
    case 'u':
      if (!read_hex4 (self, &u, error))
        return FALSE;
      if (u >= 0xd800 && u < 0xdc00)
        {
          if (peek (self) != '\\')
            return fail_here (self, error, "unpaired surrogate in \\u escape");
          advance (self);
          if (peek (self) != 'u')
            return fail_here (self, error, "unpaired surrogate in \\u escape");
          advance (self);
          if (!read_hex4 (self, &low, error))
            return FALSE;
          if (low < 0xdc00 || low > 0xdfff)
            return fail_here (self, error, "unpaired surrogate in \\u escape");
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        }
      else if (u >= 0xdc00 && u <= 0xdfff)
        return fail_here (self, error, "unpaired surrogate in \\u escape");
      if (u == 0)
        return fail_here (self, error, "\\u0000 in a string is not supported");
      g_string_append_unichar (self->text, u);
      return TRUE;
    default:
      return fail_here (self, error, "invalid escape in a string");
    }
}

/* After the opening quote; leaves the text in self->text. */
static gboolean
read_string (CairnJsonStream *self, GError **error)
{
  g_string_truncate (self->text, 0);
  for (;;)
    {
      gsize start, i;

      if (peek (self) < 0)
        return fail_here (self, error, "unexpected end of input in a string");
      /* Copy plain runs in one go; strings hold no raw newlines, so only the column moves. */
      start = i = self->pos;
      while (i < self->len && self->buf[i] != '"' && self->buf[i] != '\\' && self->buf[i] >= 0x20)
        i++;
      g_string_append_len (self->text, (const char *) self->buf + start, i - start);
      self->column += i - start;
      self->pos = i;
      if (i == self->len)
        continue;
      if (self->buf[i] == '"')
        {
          advance (self);
          break;
        }
      if (self->buf[i] < 0x20)
        return fail_here (self, error, "control character in a string");
      advance (self);
      if (!read_escape (self, error))
        return FALSE;
    }
  if (!g_utf8_validate (self->text->str, self->text->len, NULL))
    return fail_here (self, error, "string is not valid UTF-8");
  return TRUE;
}

static gboolean
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

/* Checks the grammar and converts (model/cairn-json-text.h: exact, and quick for short
 * decimals). */
static gboolean
parse_number (CairnJsonStream *self, GError **error)
{
  const char *s = self->text->str, *end = s + self->text->len;
  CairnJsonNumber number;
  const char *problem = NULL;
  const char *after = cairn_json_text_number (s, end, &number, &problem);

  if (after == NULL || after != end)
    return fail_token (self, error, after == NULL ? problem : "invalid number");
  self->is_int = number.is_int;
  self->int_value = number.int_value;
  self->number = number.value;
  return TRUE;
}

static gboolean
read_number (CairnJsonStream *self, GError **error)
{
  int c;

  g_string_truncate (self->text, 0);
  while ((c = peek (self)) >= 0
         && (is_digit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
    {
      g_string_append_c (self->text, c);
      advance (self);
      if (self->text->len > 4096)
        return fail_token (self, error, "number too long");
    }
  return parse_number (self, error);
}

static gboolean
read_literal (CairnJsonStream *self, const char *word, GError **error)
{
  for (const char *w = word; *w; w++)
    {
      if (peek (self) != *w)
        return fail_token (self, error, "invalid literal");
      advance (self);
    }
  return TRUE;
}

static void
after_value (CairnJsonStream *self)
{
  self->state = self->stack->len == 0 ? STATE_DONE : STATE_AFTER_VALUE;
}

static gboolean
read_value (CairnJsonStream *self, int c, CairnJsonToken *token, GError **error)
{
  switch (c)
    {
    case '{':
    case '[':
      advance (self);
      if (self->stack->len >= 10000)
        return fail_here (self, error, "nested too deeply");
      g_byte_array_append (self->stack, (guint8 *) &c, 1);
      self->state = c == '{' ? STATE_OBJECT_FIRST : STATE_ARRAY_FIRST;
      *token = c == '{' ? CAIRN_JSON_BEGIN_OBJECT : CAIRN_JSON_BEGIN_ARRAY;
      return TRUE;
    case '"':
      advance (self);
      if (!read_string (self, error))
        return FALSE;
      *token = CAIRN_JSON_STRING;
      break;
    case 't':
      if (!read_literal (self, "true", error))
        return FALSE;
      *token = CAIRN_JSON_TRUE;
      break;
    case 'f':
      if (!read_literal (self, "false", error))
        return FALSE;
      *token = CAIRN_JSON_FALSE;
      break;
    case 'n':
      if (!read_literal (self, "null", error))
        return FALSE;
      *token = CAIRN_JSON_NULL;
      break;
    default:
      if (c != '-' && !is_digit (c))
        return fail_here (self, error, c < 0 ? "unexpected end of input" : "expected a value");
      if (!read_number (self, error))
        return FALSE;
      *token = CAIRN_JSON_NUMBER;
      break;
    }
  after_value (self);
  return TRUE;
}

static gboolean
read_key (CairnJsonStream *self, int c, CairnJsonToken *token, GError **error)
{
  if (c != '"')
    return fail_here (self, error, c < 0 ? "unexpected end of input" : "expected a member name");
  advance (self);
  if (!read_string (self, error))
    return FALSE;
  if (skip_space (self) != ':')
    return fail_here (self, error, "expected ':' after a member name");
  advance (self);
  self->state = STATE_AFTER_KEY;
  *token = CAIRN_JSON_KEY;
  return TRUE;
}

static gboolean
close_container (CairnJsonStream *self, int c, CairnJsonToken *token, GError **error)
{
  guint8 open = self->stack->data[self->stack->len - 1];

  if ((open == '{') != (c == '}'))
    return fail_here (self, error, open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
  advance (self);
  g_byte_array_set_size (self->stack, self->stack->len - 1);
  *token = c == '}' ? CAIRN_JSON_END_OBJECT : CAIRN_JSON_END_ARRAY;
  after_value (self);
  return TRUE;
}

gboolean
cairn_json_stream_next (CairnJsonStream *self,
                        CairnJsonToken  *token,
                        GError         **error)
{
  int c = skip_space (self);

  self->token_line = self->line;
  self->token_column = self->column;
  switch (self->state)
    {
    case STATE_START:
    case STATE_AFTER_KEY:
      return read_value (self, c, token, error);
    case STATE_OBJECT_FIRST:
      if (c == '}')
        return close_container (self, c, token, error);
      return read_key (self, c, token, error);
    case STATE_ARRAY_FIRST:
      if (c == ']')
        return close_container (self, c, token, error);
      return read_value (self, c, token, error);
    case STATE_AFTER_VALUE:
      if (c == '}' || c == ']')
        return close_container (self, c, token, error);
      if (c != ',')
        return fail_here (self, error, c < 0 ? "unexpected end of input" : "expected ','");
      advance (self);
      c = skip_space (self);
      self->token_line = self->line;
      self->token_column = self->column;
      if (self->stack->data[self->stack->len - 1] == '{')
        return read_key (self, c, token, error);
      return read_value (self, c, token, error);
    case STATE_DONE:
    default:
      if (c >= 0)
        return fail_here (self, error, "unexpected text after the end of the document");
      if (self->read_error)
        return fail_here (self, error, NULL);
      *token = CAIRN_JSON_END;
      return TRUE;
    }
}

const char *
cairn_json_stream_get_string (CairnJsonStream *self)
{
  return self->text->str;
}

double
cairn_json_stream_get_double (CairnJsonStream *self)
{
  return self->number;
}

gboolean
cairn_json_stream_get_int (CairnJsonStream *self,
                           gint64          *value)
{
  if (self->is_int)
    *value = self->int_value;
  return self->is_int;
}

goffset
cairn_json_stream_get_offset (CairnJsonStream *self)
{
  return self->before + self->pos;
}

guint
cairn_json_stream_get_line (CairnJsonStream *self)
{
  return self->token_line;
}

guint
cairn_json_stream_get_column (CairnJsonStream *self)
{
  return self->token_column;
}

static JsonNode *
scalar_node (CairnJsonStream *self, CairnJsonToken token)
{
  switch (token)
    {
    case CAIRN_JSON_STRING:
      return json_node_init_string (json_node_alloc (), self->text->str);
    case CAIRN_JSON_NUMBER:
      if (self->is_int)
        return json_node_init_int (json_node_alloc (), self->int_value);
      return json_node_init_double (json_node_alloc (), self->number);
    case CAIRN_JSON_TRUE:
    case CAIRN_JSON_FALSE:
      return json_node_init_boolean (json_node_alloc (), token == CAIRN_JSON_TRUE);
    case CAIRN_JSON_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

static JsonNode *
container_node (CairnJsonToken token)
{
  if (token == CAIRN_JSON_BEGIN_OBJECT)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      return json_node_init_object (json_node_alloc (), o);
    }
  else
    {
      g_autoptr(JsonArray) a = json_array_new ();
      return json_node_init_array (json_node_alloc (), a);
    }
}

/* Iterative, so a deeply nested input cannot exhaust the C stack. */
JsonNode *
cairn_json_stream_read_node (CairnJsonStream *self,
                             CairnJsonToken   token,
                             GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *key = NULL;

  if (token != CAIRN_JSON_BEGIN_OBJECT && token != CAIRN_JSON_BEGIN_ARRAY)
    return scalar_node (self, token);
  root = container_node (token);
  open = g_ptr_array_new ();
  g_ptr_array_add (open, root);
  while (open->len > 0)
    {
      JsonNode *top = open->pdata[open->len - 1];
      JsonNode *child;

      if (!cairn_json_stream_next (self, &token, error))
        return NULL;
      if (token == CAIRN_JSON_KEY)
        {
          g_free (key);
          key = g_strdup (self->text->str);
          continue;
        }
      if (token == CAIRN_JSON_END_OBJECT || token == CAIRN_JSON_END_ARRAY)
        {
          g_ptr_array_set_size (open, open->len - 1);
          continue;
        }
      child = token == CAIRN_JSON_BEGIN_OBJECT || token == CAIRN_JSON_BEGIN_ARRAY
                ? container_node (token) : scalar_node (self, token);
      if (JSON_NODE_HOLDS_OBJECT (top))
        json_object_set_member (json_node_get_object (top), key, child);
      else
        json_array_add_element (json_node_get_array (top), child);
      if (JSON_NODE_HOLDS_OBJECT (child) || JSON_NODE_HOLDS_ARRAY (child))
        g_ptr_array_add (open, child);
    }
  return g_steal_pointer (&root);
}

gboolean
cairn_json_stream_skip (CairnJsonStream *self,
                        CairnJsonToken   token,
                        GError         **error)
{
  guint depth = 0;

  for (;;)
    {
      if (token == CAIRN_JSON_BEGIN_OBJECT || token == CAIRN_JSON_BEGIN_ARRAY)
        depth++;
      else if (token == CAIRN_JSON_END_OBJECT || token == CAIRN_JSON_END_ARRAY)
        depth--;
      if (depth == 0)
        return TRUE;
      if (!cairn_json_stream_next (self, &token, error))
        return FALSE;
    }
}
