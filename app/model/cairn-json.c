#define G_LOG_DOMAIN "cairn-json"

#include <math.h>

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

JsonObject *
cairn_json_root_object (JsonParser *parser)
{
  JsonNode *root = json_parser_get_root (parser);

  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}
