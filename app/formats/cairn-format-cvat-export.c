#define G_LOG_DOMAIN "cairn-format-cvat"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>

#include "cairn-cvat-private.h"

/* Export */

typedef struct
{
  GOutputStream *out;
  GHashTable    *seen;        /* label id → GHashTable (attribute name → type string) */
  guint          image_id;
  gint64         next_group;
  const char    *subset;
} CvatExport;

static gboolean
printf_out (GOutputStream *out, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
printf_out (GOutputStream *out, GError **error, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return cairn_shapes_write (out, text, error);
}

static const char *
attribute_type (JsonNode *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (value))
    return "text";
  type = json_node_get_value_type (value);
  return type == G_TYPE_BOOLEAN                          ? "bool"
         : type == G_TYPE_INT64 || type == G_TYPE_DOUBLE ? "number" : "text";
}

/* First pass: which attributes each label's annotations carry, so <meta> can say their types and
 * booleans and numbers come back as such. */
static gboolean
survey_item (CairnShapesExport *ex, const CairnItem *item, GPtrArray *annotations, gpointer data,
             GError **error)
{
  GHashTable *seen = data;

  for (guint i = 0; i < annotations->len; i++)
    {
      CairnAnnotation *a = annotations->pdata[i];
      GHashTable *names = g_hash_table_lookup (seen, &a->label_id);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (names == NULL)
        {
          names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (seen, g_memdup2 (&a->label_id, sizeof (gint64)), names);
        }
      json_object_iter_init_ordered (&iter, a->attributes);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          const char *type = attribute_type (value);
          const char *known = g_hash_table_lookup (names, member);

          if (g_strv_contains (shape_fields, member))
            continue;
          /* Mixed types fall back to text. */
          if (known && !g_str_equal (known, type))
            type = "text";
          g_hash_table_insert (names, g_strdup (member), (gpointer) type);
        }
      if (a->kind == CAIRN_KIND_OCR && !json_object_has_member (a->attributes, "text"))
        g_hash_table_insert (names, g_strdup ("text"), (gpointer) "text");
    }
  return TRUE;
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static const char *
label_type (const CairnLabel *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_types); i++)
    if (label->kinds && (label->kinds & ~label_types[i].kinds) == 0)
      return label_types[i].type;
  return "any";
}

static gboolean
write_spec (GOutputStream *out, JsonObject *spec, GError **error)
{
  const char *name = cairn_json_string (spec, "name");
  const char *type = cairn_json_string (spec, "type");
  const char *input = cairn_json_string (spec, "input_type");
  JsonNode *def = json_object_get_member (spec, "default");
  JsonArray *values = cairn_json_array (spec, "values");
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *def_text = NULL;
  const char *def_value = "";

  if (name == NULL)
    return TRUE;
  if (input == NULL)
    input = g_strcmp0 (type, "bool") == 0     ? "checkbox"
            : g_strcmp0 (type, "number") == 0 ? "number"
            : g_strcmp0 (type, "enum") == 0   ? "select" : "text";
  for (guint i = 0; values && i < json_array_get_length (values); i++)
    {
      JsonNode *n = json_array_get_element (values, i);
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        g_string_append_printf (list, "%s%s", list->len ? "\n" : "", json_node_get_string (n));
    }
  if (g_str_equal (input, "number"))
    {
      static const char *const parts[] = { "min", "max", "step" };
      double v;

      g_string_truncate (list, 0);
      for (guint i = 0; i < 3; i++)
        if (cairn_json_number (spec, parts[i], &v))
          {
            g_autofree char *t = cairn_shapes_format_double (v);
            g_string_append_printf (list, "%s%s", i ? "\n" : "", t);
          }
    }
  else if (g_str_equal (input, "checkbox") && list->len == 0)
    g_string_assign (list, "false");
  if (def && JSON_NODE_HOLDS_VALUE (def))
    {
      double v;
      if (json_node_get_value_type (def) == G_TYPE_STRING)
        def_value = json_node_get_string (def);
      else if (json_node_get_value_type (def) == G_TYPE_BOOLEAN)
        def_value = json_node_get_boolean (def) ? "true" : "false";
      else if (cairn_json_node_number (def, &v))
        def_value = def_text = cairn_shapes_format_double (v);
    }
  else if (g_str_equal (input, "checkbox"))
    def_value = "false";
  return printf_out (out, error,
                     "          <attribute>\n"
                     "            <name>%s</name>\n"
                     "            <mutable>%s</mutable>\n"
                     "            <input_type>%s</input_type>\n"
                     "            <default_value>%s</default_value>\n"
                     "            <values>%s</values>\n"
                     "          </attribute>\n",
                     name,
                     cairn_shapes_truthy (json_object_get_member (spec, "mutable")) ? "True"
                                                                                    : "False",
                     input, def_value, list->str);
}

static gboolean
write_skeleton_meta (GOutputStream *out, const CairnLabel *label, GError **error)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  guint n = label->points->len;

  /* The editor's layout is not ours to know: points sit on a circle. */
  for (guint i = 0; i + 1 < label->edges->len; i += 2)
    {
      guint a = g_array_index (label->edges, guint, i);
      guint b = g_array_index (label->edges, guint, i + 1);

      g_string_append_printf (svg, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                              " data-type=\"edge\" data-node-from=\"%u\" data-node-to=\"%u\">"
                              "</line>",
                              (int) (50 + 40 * cos (2 * G_PI * a / n)),
                              (int) (50 + 40 * sin (2 * G_PI * a / n)),
                              (int) (50 + 40 * cos (2 * G_PI * b / n)),
                              (int) (50 + 40 * sin (2 * G_PI * b / n)), a + 1, b + 1);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_markup_escape_text (label->points->pdata[i], -1);
      g_string_append_printf (svg, "<circle r=\"1.5\" cx=\"%d\" cy=\"%d\""
                              " data-type=\"element node\" data-element-id=\"%u\""
                              " data-node-id=\"%u\" data-label-name=\"%s\">"
                              "</circle>",
                              (int) (50 + 40 * cos (2 * G_PI * i / n)),
                              (int) (50 + 40 * sin (2 * G_PI * i / n)), i + 1, i + 1, name);
    }
  return printf_out (out, error, "        <svg>%s</svg>\n", svg->str);
}

static gboolean
declared (const CairnLabel *label, const char *name)
{
  for (guint i = 0; i < json_array_get_length (label->attributes); i++)
    {
      JsonNode *n = json_array_get_element (label->attributes, i);
      if (JSON_NODE_HOLDS_OBJECT (n)
          && g_strcmp0 (cairn_json_string (json_node_get_object (n), "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Specs for attributes the label does not declare but its annotations carry. */
static gboolean
write_seen_specs (CvatExport *cx, const CairnLabel *label, GError **error)
{
  GHashTable *seen = g_hash_table_lookup (cx->seen, &label->id);
  g_autofree gpointer *names = NULL;
  guint n_names = 0;

  if (seen == NULL)
    return TRUE;
  /* Sorted, so the same project always writes the same file. */
  names = g_hash_table_get_keys_as_array (seen, &n_names);
  qsort (names, n_names, sizeof (gpointer), compare_strings);
  for (guint k = 0; k < n_names; k++)
    {
      g_autoptr(JsonObject) spec = json_object_new ();

      if (declared (label, names[k]))
        continue;
      json_object_set_string_member (spec, "name", names[k]);
      json_object_set_string_member (spec, "type", g_hash_table_lookup (seen, names[k]));
      if (!write_spec (cx->out, spec, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_label (CvatExport *cx, const CairnLabel *label, GError **error)
{
  const char *type = label->points->len ? "skeleton" : label_type (label);

  if (!printf_out (cx->out, error,
                   "      <label>\n        <name>%s</name>\n        <color>%s</color>\n"
                   "        <type>%s</type>\n        <attributes>\n",
                   label->name, label->color ? label->color : "", type))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (label->attributes); i++)
    {
      JsonNode *n = json_array_get_element (label->attributes, i);
      if (JSON_NODE_HOLDS_OBJECT (n) && !write_spec (cx->out, json_node_get_object (n), error))
        return FALSE;
    }
  if (!write_seen_specs (cx, label, error))
    return FALSE;
  if (!cairn_shapes_write (cx->out, "        </attributes>\n", error))
    return FALSE;
  if (label->points->len && !write_skeleton_meta (cx->out, label, error))
    return FALSE;
  if (!cairn_shapes_write (cx->out, "      </label>\n", error))
    return FALSE;
  for (guint i = 0; i < label->points->len; i++)
    if (!printf_out (cx->out, error,
                     "      <label>\n        <name>%s</name>\n        <color></color>\n"
                     "        <type>points</type>\n        <attributes>\n        </attributes>\n"
                     "        <parent>%s</parent>\n      </label>\n",
                     (const char *) label->points->pdata[i], label->name))
      return FALSE;
  return TRUE;
}

static gboolean
write_meta (CairnShapesExport *ex, CvatExport *cx, guint64 size, gboolean project,
            GError **error)
{
  g_autofree char *name = cairn_store_dup_name (ex->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *dumped = g_date_time_format_iso8601 (now);
  const char *scope = project ? "project" : "task";

  if (!printf_out (cx->out, error,
                   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n"
                   "  <version>1.1</version>\n  <meta>\n    <%s>\n      <name>%s</name>\n",
                   scope, name ? name : ""))
    return FALSE;
  if (!project
      && !printf_out (cx->out, error,
                      "      <size>%" G_GUINT64_FORMAT "</size>\n      <mode>annotation</mode>\n",
                      size))
    return FALSE;
  if (!cairn_shapes_write (cx->out, "      <labels>\n", error))
    return FALSE;
  for (guint i = 0; i < ex->labels->len; i++)
    if (!write_label (cx, ex->labels->pdata[i], error))
      return FALSE;
  return printf_out (cx->out, error, "      </labels>\n    </%s>\n    <dumped>%s</dumped>\n"
                     "  </meta>\n", scope, dumped);
}

static char *
value_text (JsonNode *value)
{
  double v;

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");
  if (cairn_json_node_number (value, &v))
    return cairn_shapes_format_double (v);
  return json_to_string (value, FALSE);
}

static gboolean
write_attributes (GOutputStream *out, const CairnAnnotation *a, const char *indent,
                  GError **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, a->attributes);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      g_autofree char *text = NULL;

      if (g_strv_contains (shape_fields, member))
        continue;
      text = value_text (value);
      if (!printf_out (out, error, "%s<attribute name=\"%s\">%s</attribute>\n", indent, member,
                       text))
        return FALSE;
    }
  if (a->kind == CAIRN_KIND_OCR && a->text && !json_object_has_member (a->attributes, "text"))
    return printf_out (out, error, "%s<attribute name=\"text\">%s</attribute>\n", indent, a->text);
  return TRUE;
}

static gint64
group_of (const CairnAnnotation *a)
{
  double v;

  return cairn_json_number (a->attributes, "group_id", &v) ? (gint64) v : 0;
}

/* label="…" source="…" occluded="…" and, after the geometry, z_order and group_id. */
static char *
common_fields (CairnShapesExport *ex, const CairnAnnotation *a, gboolean with_occluded)
{
  const char *source = cairn_json_string (a->attributes, "source");
  g_autofree char *label = g_markup_escape_text (cairn_shapes_label_name (ex, a->label_id), -1);
  g_autofree char *src = g_markup_escape_text (source ? source
                                               : a->origin == CAIRN_ORIGIN_MODEL ? "auto"
                                                                                 : "manual", -1);

  if (!with_occluded)
    return g_strdup_printf ("label=\"%s\" source=\"%s\"", label, src);
  return g_strdup_printf ("label=\"%s\" source=\"%s\" occluded=\"%d\"", label, src,
                          cairn_shapes_truthy (json_object_get_member (a->attributes, "occluded")));
}

static char *
order_fields (const CairnAnnotation *a, gint64 group)
{
  double z = 0;

  cairn_json_number (a->attributes, "z_order", &z);
  if (group)
    return g_strdup_printf (" z_order=\"%" G_GINT64_FORMAT "\" group_id=\"%" G_GINT64_FORMAT "\"",
                            (gint64) z, group);
  return g_strdup_printf (" z_order=\"%" G_GINT64_FORMAT "\"", (gint64) z);
}

static gboolean
write_element (CvatExport *cx, const CairnAnnotation *a, const char *element,
               const char *common, const char *geometry, const char *order, GError **error)
{
  /* Only text that is ours goes in unescaped: common, geometry and order are built escaped. */
  g_autofree char *open = g_strconcat ("    <", element, " ", common, geometry, order, ">\n", NULL);
  g_autofree char *close = g_strconcat ("    </", element, ">\n", NULL);

  return cairn_shapes_write (cx->out, open, error)
         && write_attributes (cx->out, a, "      ", error)
         && cairn_shapes_write (cx->out, close, error);
}

static char *
points_text (const double *xy, guint n, guint stride)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *x = cairn_shapes_format_double (xy[stride * i]);
      g_autofree char *y = cairn_shapes_format_double (xy[stride * i + 1]);
      g_string_append_printf (s, "%s%s,%s", i ? ";" : "", x, y);
    }
  return g_string_free (s, FALSE);
}

static char *
numbers_fields (const char *const *names, const double *v, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *t = cairn_shapes_format_double (v[i]);
      g_string_append_printf (s, " %s=\"%s\"", names[i], t);
    }
  return g_string_free (s, FALSE);
}

static gboolean
write_mask (CairnShapesExport *ex, CvatExport *cx, const CairnAnnotation *a, const char *common,
            const char *order, GError **error)
{
  guint left, top, w, h;
  g_autofree guint8 *bits = a->mask ? cairn_shapes_rle_crop (a->mask, &left, &top, &w, &h) : NULL;
  g_autoptr(GString) rle = g_string_new (NULL);
  g_autofree char *geometry = NULL;
  guint8 value = 0;
  guint64 run = 0;

  if (bits == NULL)
    {
      cairn_format_export_warn (ex->options, "cvat: an empty mask on item %" G_GINT64_FORMAT
                                " was not written", a->item_id);
      return TRUE;
    }
  for (guint64 i = 0; i < (guint64) w * h; i++)
    {
      if (bits[i] != value)
        {
          g_string_append_printf (rle, "%s%" G_GUINT64_FORMAT, rle->len ? ", " : "", run);
          value = bits[i];
          run = 0;
        }
      run++;
    }
  g_string_append_printf (rle, "%s%" G_GUINT64_FORMAT, rle->len ? ", " : "", run);
  geometry = g_strdup_printf (" rle=\"%s\" left=\"%u\" top=\"%u\" width=\"%u\" height=\"%u\"",
                              rle->str, left, top, w, h);
  return write_element (cx, a, "mask", common, geometry, order, error);
}

static gboolean
write_skeleton (CairnShapesExport *ex, CvatExport *cx, const CairnAnnotation *a,
                const CairnLabel *label, const char *order, GError **error)
{
  g_autofree char *common = common_fields (ex, a, FALSE);
  const double *c = (const double *) a->coords->data;
  const char *source = cairn_json_string (a->attributes, "source");
  g_autofree char *open = g_strconcat ("    <skeleton ", common, order, ">\n", NULL);

  if (!cairn_shapes_write (cx->out, open, error))
    return FALSE;
  for (guint i = 0; i < label->points->len && 3 * i + 2 < a->coords->len; i++)
    {
      g_autofree char *xy = points_text (c + 3 * i, 1, 3);
      double v = c[3 * i + 2];

      if (!printf_out (cx->out, error,
                       "      <points label=\"%s\" source=\"%s\" outside=\"%d\" occluded=\"%d\""
                       " points=\"%s\">\n      </points>\n",
                       (const char *) label->points->pdata[i],
                       source ? source : a->origin == CAIRN_ORIGIN_MODEL ? "auto" : "manual",
                       v == 0, v == 1, xy))
        return FALSE;
    }
  return write_attributes (cx->out, a, "      ", error)
         && cairn_shapes_write (cx->out, "    </skeleton>\n", error);
}

static gboolean
write_annotation (CairnShapesExport *ex, CvatExport *cx, const CairnAnnotation *a,
                  GError **error)
{
  static const char *const box_names[] = { "xtl", "ytl", "xbr", "ybr", "rotation" };
  static const char *const ellipse_names[] = { "cx", "cy", "rx", "ry", "rotation" };
  const double *c = (const double *) a->coords->data;
  g_autofree char *common = common_fields (ex, a, a->kind != CAIRN_KIND_TAG);
  g_autofree char *geometry = NULL, *order = NULL;
  const CairnLabel *label = cairn_export_context_label (ex, a->label_id);
  gint64 group = group_of (a);

  if (group == 0 && a->rings->len > 1)
    group = cx->next_group++;
  order = order_fields (a, group);
  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      geometry = numbers_fields (box_names, (double[]) { c[0], c[1], c[0] + c[2], c[1] + c[3] }, 4);
      return write_element (cx, a, "box", common, geometry, order, error);
    case CAIRN_KIND_RBOX:
      {
        double angle = cairn_shapes_normalize_angle (c[4]);
        geometry = numbers_fields (box_names, (double[]) { c[0] - c[2] / 2, c[1] - c[3] / 2,
                                                           c[0] + c[2] / 2, c[1] + c[3] / 2,
                                                           angle }, angle != 0 ? 5 : 4);
        return write_element (cx, a, "box", common, geometry, order, error);
      }
    case CAIRN_KIND_ELLIPSE:
      {
        double e[5] = { c[0], c[1], c[2], c[3], cairn_shapes_normalize_angle (c[4]) };
        geometry = numbers_fields (ellipse_names, e, e[4] != 0 ? 5 : 4);
      }
      return write_element (cx, a, "ellipse", common, geometry, order, error);
    case CAIRN_KIND_CUBOID:
      geometry = numbers_fields (cuboid_names, c, 16);
      return write_element (cx, a, "cuboid", common, geometry, order, error);
    case CAIRN_KIND_POINTS:
      {
        g_autofree char *xy = points_text (c, a->coords->len / 2, 2);
        geometry = g_strdup_printf (" points=\"%s\"", xy);
        return write_element (cx, a, "points", common, geometry, order, error);
      }
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
      /* CVAT has no holes or parts: each ring is a shape, tied by the group id. */
      for (guint r = 0; r < a->rings->len; r++)
        {
          g_autofree char *xy = points_text (c + cairn_annotation_ring_offset (a, r),
                                             g_array_index (a->rings, guint, r), 2);
          g_autofree char *ring_geometry = g_strdup_printf (" points=\"%s\"", xy);

          if (!write_element (cx, a, a->kind == CAIRN_KIND_POLYGON ? "polygon" : "polyline",
                              common, ring_geometry, order, error))
            return FALSE;
        }
      return TRUE;
    case CAIRN_KIND_KEYPOINTS:
      if (label && label->points->len)
        return write_skeleton (ex, cx, a, label, order, error);
      cairn_format_export_warn (ex->options, "cvat: keypoints without a skeleton label on item %"
                                G_GINT64_FORMAT " were not written", a->item_id);
      return TRUE;
    case CAIRN_KIND_MASK:
      return write_mask (ex, cx, a, common, order, error);
    case CAIRN_KIND_TAG:
      {
        g_autofree char *group_text = group ? g_strdup_printf (" group_id=\"%" G_GINT64_FORMAT "\"",
                                                               group)
                                            : g_strdup ("");
        return write_element (cx, a, "tag", common, "", group_text, error);
      }
    default:
      return TRUE;
    }
}

static gint64
max_group (GPtrArray *annotations)
{
  gint64 max = 0;

  for (guint i = 0; i < annotations->len; i++)
    max = MAX (max, group_of (annotations->pdata[i]));
  return max;
}

static gboolean
write_item (CairnShapesExport *ex, const CairnItem *item, GPtrArray *annotations, gpointer data,
            GError **error)
{
  CvatExport *cx = data;
  g_autofree char *name = item->uri ? g_strdup (item->uri)
                                    : g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  g_autofree char *subset = NULL;

  if (cx->subset)
    subset = g_markup_printf_escaped (" subset=\"%s\"", cx->subset);
  if (!printf_out (cx->out, error, "  <image id=\"%u\" name=\"%s\"", cx->image_id++, name)
      || (subset && !cairn_shapes_write (cx->out, subset, error))
      || !printf_out (cx->out, error, " width=\"%d\" height=\"%d\">\n", item->width, item->height))
    return FALSE;
  cx->next_group = max_group (annotations) + 1;
  for (guint i = 0; i < annotations->len; i++)
    if (!write_annotation (ex, cx, annotations->pdata[i], error))
      return FALSE;
  return cairn_shapes_write (cx->out, "  </image>\n", error);
}

static void
free_names (gpointer p)
{
  g_hash_table_unref (p);
}

gboolean
cairn_format_cvat_export (CairnStore               *store,
                          const char               *out_dir,
                          const CairnFormatOptions *options,
                          GError                  **error)
{
  g_autofree char *path = g_build_filename (out_dir, "annotations.xml", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       free_names);
  g_autoptr(GOutputStream) out = NULL;
  CairnShapesExport ex;
  CvatExport cx = { NULL, seen, 0, 1, NULL };
  guint n_splits;
  const char *const *splits = cairn_shapes_splits (options, &n_splits);
  gboolean project = splits[0] != NULL;
  gboolean ok = cairn_export_context_init (&ex, store, options, error);
  guint64 size = 0;

  /* One file: with splits, CVAT's project layout marks each image with its subset. */
  for (guint s = 0; ok && s < n_splits; s++)
    {
      CairnItemFilter filter = { CAIRN_ITEM_IMAGE, -1, splits[s] };
      g_autoptr(GArray) ids = cairn_store_list_item_ids (store, &filter, error);

      ok = ids != NULL
           && cairn_shapes_foreach_item (&ex, CAIRN_ITEM_IMAGE, splits[s], 0,
                                         0.3 * (s + 1) / n_splits, survey_item, seen, error);
      size += ids ? ids->len : 0;
    }
  if (ok)
    {
      out = cairn_shapes_create_file (path, error);
      cx.out = out;
      ok = out && write_meta (&ex, &cx, size, project, error);
    }
  for (guint s = 0; ok && s < n_splits; s++)
    {
      cx.subset = splits[s];
      ok = cairn_shapes_foreach_item (&ex, CAIRN_ITEM_IMAGE, splits[s],
                                      0.3 + 0.7 * s / n_splits, 0.3 + 0.7 * (s + 1) / n_splits,
                                      write_item, &cx, error);
    }
  ok = ok && cairn_shapes_write (out, "</annotations>\n", error)
       && cairn_shapes_close (out, path, error);
  cairn_export_context_clear (&ex);
  return ok;
}
