#define G_LOG_DOMAIN "cairn-label"

#include "cairn-json.h"
#include "cairn-label.h"
#include "cairn-json.h"

G_DEFINE_BOXED_TYPE (CairnLabel, cairn_label, cairn_label_copy, cairn_label_free)

CairnLabel *
cairn_label_new (const char *name)
{
  CairnLabel *self = g_new0 (CairnLabel, 1);

  self->name = g_strdup (name);
  self->attributes = json_array_new ();
  self->points = g_ptr_array_new_with_free_func (g_free);
  self->edges = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sigmas = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

CairnLabel *
cairn_label_copy (const CairnLabel *self)
{
  CairnLabel *copy = cairn_label_new (self->name);
  g_autoptr(JsonNode) attrs = json_node_init_array (json_node_alloc (), self->attributes);
  g_autoptr(JsonNode) dup = cairn_json_deep_copy (attrs);

  copy->id = self->id;
  copy->color = g_strdup (self->color);
  copy->hotkey = g_strdup (self->hotkey);
  copy->parent_id = self->parent_id;
  copy->kinds = self->kinds;
  json_array_unref (copy->attributes);
  copy->attributes = json_array_ref (json_node_get_array (dup));
  for (guint i = 0; i < self->points->len; i++)
    g_ptr_array_add (copy->points, g_strdup (g_ptr_array_index (self->points, i)));
  g_array_append_vals (copy->edges, self->edges->data, self->edges->len);
  g_array_append_vals (copy->sigmas, self->sigmas->data, self->sigmas->len);
  return copy;
}

void
cairn_label_free (CairnLabel *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->color);
  g_free (self->hotkey);
  json_array_unref (self->attributes);
  g_ptr_array_unref (self->points);
  g_array_unref (self->edges);
  g_array_unref (self->sigmas);
  g_free (self);
}

gboolean
cairn_label_allows (const CairnLabel *self,
                    CairnKind         kind)
{
  return self->kinds == 0 || (self->kinds & (1u << kind)) != 0;
}

gboolean
cairn_label_allows_any (const CairnLabel *self,
                        guint             kinds)
{
  return self->kinds == 0 || (self->kinds & kinds) != 0;
}

gboolean
cairn_label_parse_kinds (const char *list,
                         guint      *kinds,
                         GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (list ? list : "", ",", -1);

  *kinds = 0;
  for (guint i = 0; parts[i]; i++)
    {
      CairnKind kind;
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (!cairn_kind_from_string (parts[i], &kind))
        {
          g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                       "unknown annotation kind “%s”", parts[i]);
          return FALSE;
        }
      *kinds |= 1u << kind;
    }
  return TRUE;
}

char *
cairn_label_kinds_to_string (guint kinds)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    if (kinds & (1u << k))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", cairn_kind_to_string (k));
  return g_string_free (s, FALSE);
}

gboolean
cairn_color_parse (const char *text,
                   double     *r,
                   double     *g,
                   double     *b)
{
  guint v = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      v = v * 16 + g_ascii_xdigit_value (text[i]);
    }
  *r = ((v >> 16) & 0xff) / 255.0;
  *g = ((v >> 8) & 0xff) / 255.0;
  *b = (v & 0xff) / 255.0;
  return TRUE;
}

char *
cairn_label_default_color (guint n)
{
  /* Tableau-like palette: distinct on light and dark backgrounds. */
  static const char *palette[] = {
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
    "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
  };
  return g_strdup (palette[n % G_N_ELEMENTS (palette)]);
}

char *
cairn_label_skeleton_to_json (const CairnLabel *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (self->points->len == 0)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->points->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->points, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < self->edges->len; i += 2)
    {
      json_builder_begin_array (b);
      json_builder_add_int_value (b, g_array_index (self->edges, guint, i));
      json_builder_add_int_value (b, g_array_index (self->edges, guint, i + 1));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  if (self->sigmas->len == self->points->len)
    {
      json_builder_set_member_name (b, "sigmas");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->sigmas->len; i++)
        json_builder_add_double_value (b, g_array_index (self->sigmas, double, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
skeleton_error (GError **error, const char *what)
{
  g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "skeleton: %s", what);
  return FALSE;
}

/* Optional; when given, one σ per point, each in (0, 10]. */
static gboolean
read_sigmas (CairnLabel *self, JsonNode *node, GError **error)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) != self->points->len)
    return skeleton_error (error, "\"sigmas\" must hold one number per point");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double sigma;

      if (!cairn_json_node_number (json_array_get_element (array, i), &sigma)
          || !(sigma > 0 && sigma <= 10))
        return skeleton_error (error, "a sigma is not a number in (0, 10]");
      g_array_append_val (self->sigmas, sigma);
    }
  return TRUE;
}

gboolean
cairn_label_skeleton_from_json (CairnLabel *self,
                                const char *json,
                                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *o;
  JsonNode *points, *edges;

  g_ptr_array_set_size (self->points, 0);
  g_array_set_size (self->edges, 0);
  g_array_set_size (self->sigmas, 0);
  if (json == NULL || *json == '\0')
    return TRUE;
  if (!cairn_json_is_single_value (json, strlen (json)))
    return skeleton_error (error, "text after the JSON value");
  if (!cairn_json_check_limits (json, -1, error)
      || !json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return skeleton_error (error, "expected an object");
  o = json_node_get_object (json_parser_get_root (parser));
  points = json_object_get_member (o, "points");
  edges = json_object_get_member (o, "edges");
  if (points == NULL || !JSON_NODE_HOLDS_ARRAY (points))
    return skeleton_error (error, "\"points\" must be an array of names");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (points)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (points), i);
      const char *name = JSON_NODE_HOLDS_VALUE (element)
                         && json_node_get_value_type (element) == G_TYPE_STRING
                         ? json_node_get_string (element) : NULL;
      if (name == NULL)
        return skeleton_error (error, "a point name is not a string");
      g_ptr_array_add (self->points, g_strdup (name));
    }
  if (!read_sigmas (self, json_object_get_member (o, "sigmas"), error))
    return FALSE;
  if (edges == NULL || !JSON_NODE_HOLDS_ARRAY (edges))
    return TRUE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (edges)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (edges), i);
      JsonArray *pair;
      if (!JSON_NODE_HOLDS_ARRAY (e) || json_array_get_length (json_node_get_array (e)) != 2)
        return skeleton_error (error, "an edge is not a pair");
      pair = json_node_get_array (e);
      for (guint k = 0; k < 2; k++)
        {
          JsonNode *end = json_array_get_element (pair, k);
          gint64 v = JSON_NODE_HOLDS_VALUE (end) && json_node_get_value_type (end) == G_TYPE_INT64
                     ? json_node_get_int (end) : -1;
          guint u = (guint) v;
          if (v < 0 || v >= self->points->len)
            return skeleton_error (error, "an edge names a point that does not exist");
          g_array_append_val (self->edges, u);
        }
    }
  return TRUE;
}
