#define G_LOG_DOMAIN "cairn-json"

#include <math.h>
#include <string.h>

#include "cairn-json-text.h"
#include "cairn-annotation.h"

/* The last string read, unescaped: on the stack while short, since most parses are a few
 * short names and values and two allocations each showed. */
typedef struct
{
  char  *str;
  gsize  len;
  gsize  size;
  char   small[256];
} Scratch;

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  Scratch     scratch;
  GError    **error;
} Parser;

/* The digits of a number as one integer, and the power of ten it is multiplied by. */
typedef struct
{
  guint64  mantissa;
  gint64   scale;
  gboolean inexact; /* more than 19 digits (which may wrap the mantissa): left to strtod */
} Decimal;

static JsonNode *parse_value (Parser *self, guint depth);

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Any 19 digits fit in 64 bits; the count is checked once, after the loop, which keeps the
 * loop to a multiply-add (ten million numbers in an export). */
static const char *
read_digits (const char *p, const char *end, guint64 *mantissa)
{
  guint64 m = *mantissa;

  for (; p < end && is_digit (*p); p++)
    m = m * 10 + (guint64) (*p - '0');
  *mantissa = m;
  return p;
}

/* Exponents beyond any double are kept at 99999: the result is 0 or out of range anyway. */
static const char *
read_exponent (const char *p, const char *end, gint64 *exponent)
{
  int sign = 1, value = 0;

  if (p < end && (*p == '+' || *p == '-'))
    sign = *p++ == '-' ? -1 : 1;
  if (p == end || !is_digit (*p))
    return NULL;
  for (; p < end && is_digit (*p); p++)
    if (value < 10000)
      value = value * 10 + (*p - '0');
  *exponent = (gint64) sign * value;
  return p;
}

/* A mantissa below 2^53 times or over an exact power of ten is correctly rounded in one IEEE
 * operation (Clinger's fast case), which is what strtod would give; anything else goes to
 * strtod itself. */
static double
decimal_value (const Decimal *d, gboolean negative, const char *text, gsize length)
{
  char buf[64];
  g_autofree char *heap = NULL;
  double v;

  if (!d->inexact && d->mantissa < ((guint64) 1 << 53) && d->scale >= -22 && d->scale <= 22)
    {
      v = (double) d->mantissa;
      v = d->scale >= 0 ? v * powers_of_ten[d->scale] : v / powers_of_ten[-d->scale];
      return negative ? -v : v;
    }
  if (length < sizeof buf)
    {
      memcpy (buf, text, length);
      buf[length] = '\0';
      return g_ascii_strtod (buf, NULL);
    }
  heap = g_strndup (text, length);
  return g_ascii_strtod (heap, NULL);
}

static void
set_int (CairnJsonNumber *number, const Decimal *d, gboolean negative, gboolean plain)
{
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  number->is_int = plain && !d->inexact && d->mantissa <= limit;
  if (!number->is_int)
    number->int_value = 0;
  else if (negative)
    number->int_value = d->mantissa == limit ? G_MININT64 : -(gint64) d->mantissa;
  else
    number->int_value = (gint64) d->mantissa;
}

const char *
cairn_json_text_number (const char      *p,
                        const char      *end,
                        CairnJsonNumber *number,
                        const char     **problem)
{
  const char *start = p, *digits, *fraction;
  Decimal d = { 0 };
  gint64 exponent = 0, n_digits;
  gboolean negative = FALSE, plain = TRUE;

  g_return_val_if_fail (p != NULL && end != NULL && number != NULL && problem != NULL, NULL);
  *problem = "invalid number";
  if (p < end && *p == '-')
    negative = TRUE, p++;
  if (p == end || !is_digit (*p))
    return NULL;
  if (*p == '0' && p + 1 < end && is_digit (p[1]))
    {
      *problem = "invalid number (leading zero)";
      return NULL;
    }
  digits = p;
  p = read_digits (p, end, &d.mantissa);
  n_digits = p - digits;
  if (p < end && *p == '.')
    {
      plain = FALSE;
      fraction = ++p;
      p = read_digits (p, end, &d.mantissa);
      if (p == fraction)
        return NULL;
      d.scale = -(p - fraction);
      n_digits += p - fraction;
    }
  /* Leading zeros count too: a few more numbers than needed go to strtod, none wrongly. */
  d.inexact = n_digits > 19;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      plain = FALSE;
      if ((p = read_exponent (p + 1, end, &exponent)) == NULL)
        return NULL;
    }
  d.scale += exponent;
  set_int (number, &d, negative, plain);
  number->value = decimal_value (&d, negative, start, p - start);
  if (!isfinite (number->value))
    {
      *problem = "number out of range";
      return NULL;
    }
  *problem = NULL;
  return p;
}

/* Parsing */

static void
scratch_append (Scratch *s, const char *text, gsize n)
{
  if (s->len + n + 1 > s->size)
    {
      gsize size = MAX (s->size * 2, s->len + n + 1);

      if (s->str == s->small)
        s->str = memcpy (g_malloc (size), s->small, s->len);
      else
        s->str = g_realloc (s->str, size);
      s->size = size;
    }
  memcpy (s->str + s->len, text, n);
  s->len += n;
  s->str[s->len] = '\0';
}

static void
scratch_append_unichar (Scratch *s, gunichar u)
{
  char utf8[6];

  scratch_append (s, utf8, g_unichar_to_utf8 (u, utf8));
}

static void
scratch_truncate (Scratch *s)
{
  s->len = 0;
  s->str[0] = '\0';
}

static gboolean
fail (Parser *self, const char *at, const char *what)
{
  g_set_error (self->error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
               "JSON at byte %" G_GSIZE_FORMAT ": %s", (gsize) (at - self->start), what);
  return FALSE;
}

static void
skip_space (Parser *self)
{
  while (self->p < self->end
         && (*self->p == ' ' || *self->p == '\n' || *self->p == '\r' || *self->p == '\t'))
    self->p++;
}

static gboolean
read_hex4 (const char *p, const char *end, gunichar *out)
{
  *out = 0;
  if (end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int v = g_ascii_xdigit_value (p[i]);

      if (v < 0)
        return FALSE;
      *out = (*out << 4) | v;
    }
  return TRUE;
}

/* p is after "\u"; returns the byte after the escape (or the surrogate pair). */
static const char *
read_unicode (Parser *self, const char *p)
{
  const char *escape = p - 2;
  gunichar u, low;

  if (!read_hex4 (p, self->end, &u))
    return fail (self, escape, "invalid \\u escape"), NULL;
  p += 4;
  if (u >= 0xd800 && u < 0xdc00)
    {
      if (self->end - p < 6 || p[0] != '\\' || p[1] != 'u' || !read_hex4 (p + 2, self->end, &low)
          || low < 0xdc00 || low > 0xdfff)
        return fail (self, escape, "unpaired surrogate in \\u escape"), NULL;
      u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
      p += 6;
    }
  else if (u >= 0xdc00 && u <= 0xdfff)
    return fail (self, escape, "unpaired surrogate in \\u escape"), NULL;
  if (u == 0)
    return fail (self, escape, "\\u0000 in a string is not supported"), NULL;
  scratch_append_unichar (&self->scratch, u);
  return p;
}

/* p is after the backslash. */
static const char *
read_escape (Parser *self, const char *p)
{
  static const char plain[] = "\"\\/bfnrt";
  static const char meant[] = "\"\\/\b\f\n\r\t";
  const char *found;

  if (p == self->end)
    return fail (self, p, "unexpected end of input in a string"), NULL;
  if (*p == 'u')
    return read_unicode (self, p + 1);
  found = *p ? strchr (plain, *p) : NULL;
  if (found == NULL)
    return fail (self, p - 1, "invalid escape in a string"), NULL;
  scratch_append (&self->scratch, &meant[found - plain], 1);
  return p + 1;
}

/* At the opening quote; leaves the text in self->scratch. */
static gboolean
read_string (Parser *self)
{
  const char *p = self->p + 1;

  scratch_truncate (&self->scratch);
  for (;;)
    {
      const char *run = p, *bad;

      while (p < self->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      if (!g_utf8_validate_len (run, p - run, &bad))
        return fail (self, bad, "invalid UTF-8 in a string");
      scratch_append (&self->scratch, run, p - run);
      if (p == self->end)
        return fail (self, p, "unexpected end of input in a string");
      if (*p == '"')
        break;
      if (*p != '\\')
        return fail (self, p, "control character in a string");
      if ((p = read_escape (self, p + 1)) == NULL)
        return FALSE;
    }
  self->p = p + 1;
  return TRUE;
}

static gboolean
read_literal (Parser *self, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (self->end - self->p) < n || memcmp (self->p, word, n) != 0)
    return fail (self, self->p, "invalid literal");
  self->p += n;
  return TRUE;
}

static JsonNode *
parse_number (Parser *self)
{
  CairnJsonNumber number;
  const char *problem, *after;

  if (*self->p != '-' && !is_digit (*self->p))
    return fail (self, self->p, "expected a value"), NULL;
  after = cairn_json_text_number (self->p, self->end, &number, &problem);
  if (after == NULL)
    return fail (self, self->p, problem), NULL;
  self->p = after;
  if (number.is_int)
    return json_node_init_int (json_node_alloc (), number.int_value);
  return json_node_init_double (json_node_alloc (), number.value);
}

/* After a member or element: TRUE to go on (after a ','), FALSE at the closing bracket or
 * with an error set. */
static gboolean
next_in_container (Parser *self, char close, gboolean *done)
{
  skip_space (self);
  *done = FALSE;
  if (self->p < self->end && *self->p == ',')
    {
      self->p++;
      return TRUE;
    }
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      *done = TRUE;
      return TRUE;
    }
  if (self->p == self->end)
    return fail (self, self->p, "unexpected end of input");
  return fail (self, self->p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

/* At '{' or '['; TRUE when the container is empty (and skipped). */
static gboolean
open_container (Parser *self, char close)
{
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == close)
    {
      self->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_member (Parser *self, JsonObject *object, guint depth)
{
  char small[64];
  g_autofree char *heap = NULL;
  char *name;
  JsonNode *value;

  skip_space (self);
  if (self->p == self->end || *self->p != '"')
    return fail (self, self->p, self->p == self->end ? "unexpected end of input"
                                                     : "expected a member name");
  if (!read_string (self))
    return FALSE;
  /* The value overwrites the scratch text; json_object_set_member copies the name again. */
  if (self->scratch.len < sizeof small)
    name = memcpy (small, self->scratch.str, self->scratch.len + 1);
  else
    name = heap = g_strndup (self->scratch.str, self->scratch.len);
  skip_space (self);
  if (self->p == self->end || *self->p != ':')
    return fail (self, self->p, "expected ':' after a member name");
  self->p++;
  if ((value = parse_value (self, depth)) == NULL)
    return FALSE;
  /* A repeated name keeps its first place and its last value, as JsonParser does. */
  json_object_set_member (object, name, value);
  return TRUE;
}

static JsonNode *
parse_object (Parser *self, guint depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gboolean done = FALSE;

  if (depth > CAIRN_JSON_TEXT_MAX_DEPTH)
    return fail (self, self->p, "nested too deeply"), NULL;
  if (!open_container (self, '}'))
    while (!done)
      if (!parse_member (self, object, depth) || !next_in_container (self, '}', &done))
        return NULL;
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_array (Parser *self, guint depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  gboolean done = FALSE;

  if (depth > CAIRN_JSON_TEXT_MAX_DEPTH)
    return fail (self, self->p, "nested too deeply"), NULL;
  if (!open_container (self, ']'))
    while (!done)
      {
        JsonNode *element = parse_value (self, depth);

        if (element == NULL)
          return NULL;
        json_array_add_element (array, element);
        if (!next_in_container (self, ']', &done))
          return NULL;
      }
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
parse_value (Parser *self, guint depth)
{
  skip_space (self);
  if (self->p == self->end)
    return fail (self, self->p, "unexpected end of input"), NULL;
  switch (*self->p)
    {
    case '{':
      return parse_object (self, depth + 1);
    case '[':
      return parse_array (self, depth + 1);
    case '"':
      if (!read_string (self))
        return NULL;
      return json_node_init_string (json_node_alloc (), self->scratch.str);
    case 't':
      if (!read_literal (self, "true"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case 'f':
      if (!read_literal (self, "false"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case 'n':
      if (!read_literal (self, "null"))
        return NULL;
      return json_node_init_null (json_node_alloc ());
    default:
      return parse_number (self);
    }
}

JsonNode *
cairn_json_text_parse (const char *text,
                       gssize      length,
                       GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  Parser self;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (text == NULL)
    text = "";
  self.start = self.p = text;
  self.end = text + (length < 0 ? strlen (text) : (gsize) length);
  self.scratch.str = self.scratch.small;
  self.scratch.len = 0;
  self.scratch.size = sizeof self.scratch.small;
  self.error = error;
  root = parse_value (&self, 0);
  if (self.scratch.str != self.scratch.small)
    g_free (self.scratch.str);
  if (root == NULL)
    return NULL;
  skip_space (&self);
  if (self.p != self.end)
    return fail (&self, self.p, "unexpected text after the JSON value"), NULL;
  return g_steal_pointer (&root);
}

/* Writing */

static void
append_escape (GString *out, guchar c)
{
  static const char hex[] = "0123456789abcdef";
  static const char plain[] = "\"\\\b\f\n\r\t";
  static const char shown[] = "\"\\bfnrt";
  const char *found = c ? strchr (plain, c) : NULL;

  g_string_append_c (out, '\\');
  if (found)
    {
      g_string_append_c (out, shown[found - plain]);
      return;
    }
  g_string_append (out, "u00");
  g_string_append_c (out, hex[c >> 4]);
  g_string_append_c (out, hex[c & 0xf]);
}

static void
append_string (GString *out, const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    text = "";
  /* Nothing here may write what the parser refuses. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      const char *run = p;

      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      append_escape (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_int (GString *out, gint64 value)
{
  char digits[24];
  int len = 0;
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;

  do
    digits[sizeof digits - 1 - len++] = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  g_string_append_len (out, digits + sizeof digits - len, len);
}

/* A double must read back as a double node, so "120" is written "120.0". */
static void
append_double (GString *out, double value)
{
  gsize start = out->len;

  if (value == 0 && signbit (value))
    {
      g_string_append (out, "-0.0");
      return;
    }
  cairn_append_number (out, value);
  if (isfinite (value) && strpbrk (out->str + start, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString *out, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    append_int (out, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
append_object (GString *out, JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_string (out, name);
      g_string_append_c (out, ':');
      cairn_json_text_append (out, value);
    }
  g_string_append_c (out, '}');
}

static void
append_array (GString *out, JsonArray *array)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      cairn_json_text_append (out, json_array_get_element (array, i));
    }
  g_string_append_c (out, ']');
}

void
cairn_json_text_append (GString  *out,
                        JsonNode *node)
{
  g_return_if_fail (out != NULL);
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node));
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}
