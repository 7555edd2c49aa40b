#define G_LOG_DOMAIN "cairn-json"

#include <math.h>
#include <string.h>

#include "cairn-annotation.h"
#include "cairn-json.h"

static JsonNode *
value_member (JsonObject *object, const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

const char *
cairn_json_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = value_member (object, member);

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                                   : NULL;
}

gboolean
cairn_json_number (JsonObject *object,
                   const char *member,
                   double     *value)
{
  JsonNode *node = value_member (object, member);
  GType type = node ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

gint64
cairn_json_int (JsonObject *object,
                const char *member,
                gint64      fallback)
{
  double value;

  if (!cairn_json_number (object, member, &value) || value != floor (value)
      || fabs (value) > 9007199254740992.0)
    return fallback;
  return (gint64) value;
}

double
cairn_json_double (JsonObject *object,
                   const char *member,
                   double      fallback)
{
  double value;

  return cairn_json_number (object, member, &value) ? value : fallback;
}

JsonArray *
cairn_json_array (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
cairn_json_object (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
cairn_json_get_int (JsonObject *object,
                    const char *member,
                    gint64     *value)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  double d;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      /* 3.0 is a whole number; 3.5 and huge values are not offsets. */
      d = json_node_get_double (node);
      if (d != floor (d) || fabs (d) > 1e15)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
cairn_json_node_number (JsonNode *node,
                        double   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*value);
}

static const char *
skip_space (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
skip_string (const char *p, const char *end)
{
  for (p++; p < end && *p != '"'; p++)
    if (*p == '\\')
      p++;
  return MIN (p + 1, end);
}

gboolean
cairn_json_is_single_value (const char *text,
                            gsize       length)
{
  const char *p = text, *end = text + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p, end);
  if (p < end && (*p == '{' || *p == '['))
    {
      int depth = 0;

      do
        {
          if (*p == '"')
            {
              p = skip_string (p, end);
              continue;
            }
          depth += (*p == '{' || *p == '[') - (*p == '}' || *p == ']');
          p++;
        }
      while (p < end && depth > 0);
    }
  else if (p < end && *p == '"')
    p = skip_string (p, end);
  else
    /* A number or literal ends where JSON allows the next token: "2[]" is two values. */
    while (p < end && !strchr (" \t\r\n[]{},:\"", *p))
      p++;
  return skip_space (p, end) >= end;
}

JsonObject *
cairn_json_root_object (JsonParser *parser)
{
  JsonNode *root = json_parser_get_root (parser);

  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

JsonNode *
cairn_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) object = cairn_json_deep_copy_object (json_node_get_object (node));

      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (copy, object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      g_autoptr(JsonArray) array = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, cairn_json_deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (copy, array);
      return copy;
    }
  return json_node_copy (node);
}

JsonObject *
cairn_json_deep_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (object != NULL, copy);
  /* In member order (JsonObjectIter walks the hash table): exports keep the order read. */
  names = json_object_get_members (object);
  for (GList *l = names; l; l = l->next)
    json_object_set_member (copy, l->data,
                            cairn_json_deep_copy (json_object_get_member (object, l->data)));
  return copy;
}

static gboolean
fits_int64 (const char *text, gsize length)
{
  gsize sign = length > 0 && text[0] == '-';
  char buffer[32];
  gint64 value;

  /* Not an integer at all: the parser says what is wrong with it. */
  if (length == sign)
    return TRUE;
  for (gsize i = sign; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return TRUE;
  if (length >= sizeof buffer)
    return FALSE;
  memcpy (buffer, text, length);
  buffer[length] = '\0';
  return g_ascii_string_to_signed (buffer, 10, G_MININT64, G_MAXINT64, &value, NULL);
}

gboolean
cairn_json_check_limits (const char *text,
                        gssize      length,
                        GError    **error)
{
  const char *p = text, *end;
  guint depth = 0, line = 1;

  if (text == NULL)
    return TRUE;
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (; p < end; p++)
    switch (*p)
      {
      case '"':
        for (p++; p < end && *p != '"'; p++)
          if (*p == '\\')
            p++;
          else if (*p == '\n')
            line++;
        break;
      case '\n':
        line++;
        break;
      case '[':
      case '{':
        if (++depth > CAIRN_JSON_MAX_DEPTH)
          {
            g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                         "line %u: nested deeper than %d levels", line, CAIRN_JSON_MAX_DEPTH);
            return FALSE;
          }
        break;
      case ']':
      case '}':
        if (depth > 0)
          depth--;
        break;
      case '-':
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        {
          const char *start = p;
          gboolean integer = TRUE;

          while (p + 1 < end && strchr ("0123456789+-.eE", p[1]))
            integer &= !strchr (".eE", *++p);
          if (integer && !fits_int64 (start, p + 1 - start))
            {
              g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "line %u: the integer %.*s does not fit in 64 bits", line,
                           (int) MIN (p + 1 - start, 40), start);
              return FALSE;
            }
        }
        break;
      default:
        break;
      }
  return TRUE;
}

JsonNode *
cairn_json_parse_bounded (const char *text,
                          gssize      length,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize n = length < 0 ? strlen (text) : (gsize) length;

  if (!cairn_json_is_single_value (text, n))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "text after the JSON value");
      return NULL;
    }
  if (!cairn_json_check_limits (text, length, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "no JSON value");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}
