#define G_LOG_DOMAIN "cairn-json"

#include <math.h>
#include <string.h>

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
