#define G_LOG_DOMAIN "cairn-model"

#include "cairn-json.h"
#include "cairn-label-json.h"

JsonNode *
cairn_label_to_json_node (const CairnLabel *label)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *kinds = cairn_label_kinds_to_string (label->kinds);
  g_autofree char *skeleton = cairn_label_skeleton_to_json (label);

  json_builder_begin_object (b);
  if (label->id)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, label->id);
    }
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, label->name);
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, label->color);
  if (label->hotkey)
    {
      json_builder_set_member_name (b, "hotkey");
      json_builder_add_string_value (b, label->hotkey);
    }
  if (label->parent_id)
    {
      json_builder_set_member_name (b, "parent_id");
      json_builder_add_int_value (b, label->parent_id);
    }
  if (label->kinds)
    {
      json_builder_set_member_name (b, "kinds");
      json_builder_add_string_value (b, kinds);
    }
  if (label->attributes && json_array_get_length (label->attributes) > 0)
    {
      json_builder_set_member_name (b, "attributes");
      json_builder_add_value (b, json_node_init_array (json_node_alloc (), label->attributes));
    }
  if (skeleton)
    {
      json_builder_set_member_name (b, "skeleton");
      json_builder_add_value (b, json_from_string (skeleton, NULL));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
fail (GError **error, const char *what)
{
  g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "label: %s", what);
  return FALSE;
}

static gboolean
read_skeleton (CairnLabel *label, JsonObject *o, GError **error)
{
  JsonNode *node = json_object_get_member (o, "skeleton");
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "\"skeleton\" must be an object");
  text = json_to_string (node, FALSE);
  return cairn_label_skeleton_from_json (label, text, error);
}

CairnLabel *
cairn_label_from_json_node (JsonNode  *node,
                            GError   **error)
{
  JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(CairnLabel) label = NULL;
  const char *kinds;
  JsonNode *attributes;

  if (o == NULL)
    return fail (error, "expected an object"), NULL;
  if (cairn_json_string (o, "name") == NULL)
    return fail (error, "\"name\" must be a string"), NULL;
  label = cairn_label_new (cairn_json_string (o, "name"));
  label->id = cairn_json_int (o, "id", 0);
  label->color = g_strdup (cairn_json_string (o, "color"));
  label->hotkey = g_strdup (cairn_json_string (o, "hotkey"));
  label->parent_id = cairn_json_int (o, "parent_id", 0);
  kinds = cairn_json_string (o, "kinds");
  if (kinds && !cairn_label_parse_kinds (kinds, &label->kinds, error))
    return NULL;
  attributes = json_object_get_member (o, "attributes");
  if (attributes && JSON_NODE_HOLDS_ARRAY (attributes))
    {
      json_array_unref (label->attributes);
      label->attributes = json_array_ref (json_node_get_array (attributes));
    }
  else if (attributes && !JSON_NODE_HOLDS_NULL (attributes))
    return fail (error, "\"attributes\" must be an array"), NULL;
  if (!read_skeleton (label, o, error))
    return NULL;
  return g_steal_pointer (&label);
}
