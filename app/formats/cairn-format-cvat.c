#define G_LOG_DOMAIN "cairn-format-cvat"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>

#include "cairn-cvat-private.h"

/* CVAT for images 1.1: <annotations><version/><meta>…<labels/>…</meta><image …>shapes</image>…
 * The file is parsed as a stream with GMarkup, so memory stays bounded on big tasks. */

/* CVAT attribute input types and Cairn's attribute spec types. */
static const struct
{
  const char *input_type;
  const char *type;
} input_types[] = {
  { "checkbox", "bool" },
  { "number", "number" },
  { "select", "enum" },
  { "radio", "enum" },
  { "text", "text" },
};

typedef struct
{
  char       *name;
  char       *color;
  char       *type;
  char       *parent;
  char       *svg;
  JsonArray  *specs;    /* Cairn attribute specs */
  GPtrArray  *points;   /* skeleton point names, from the svg or the sub-labels */
  GArray     *edges;    /* guint pairs */
  gint64      id;
} CvatLabel;

static void
cvat_label_free (CvatLabel *l)
{
  g_free (l->name);
  g_free (l->color);
  g_free (l->type);
  g_free (l->parent);
  g_free (l->svg);
  json_array_unref (l->specs);
  g_ptr_array_unref (l->points);
  g_array_unref (l->edges);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CvatLabel, cvat_label_free)

typedef struct
{
  CairnShapesImport    im;
  GMarkupParseContext *context;
  GString             *text;
  gboolean             collecting;
  gboolean             in_meta;
  GPtrArray           *meta_labels;   /* CvatLabel *, in file order */
  GHashTable          *labels;        /* name → CvatLabel * (top-level labels only) */
  CvatLabel           *label;         /* being read in <meta> */
  JsonObject          *spec;          /* attribute spec being read in <meta> */
  gint64               item_id;       /* 0 outside <image> */
  gint                 width;
  gint                 height;
  CairnAnnotation     *shape;         /* being read */
  char                *shape_element;
  gint                 shape_line;
  CvatLabel           *shape_label;
  char                *attribute;     /* <attribute name> being read */
  CairnAnnotation     *skeleton;      /* a shape inside a <skeleton>, or NULL */
  gint                 element_index; /* the skeleton point a <points> child sets, or -1 */
} CvatImport;

static void
set_str (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static CvatLabel *
cvat_label_new (void)
{
  CvatLabel *l = g_new0 (CvatLabel, 1);

  l->specs = json_array_new ();
  l->points = g_ptr_array_new_with_free_func (g_free);
  l->edges = g_array_new (FALSE, FALSE, sizeof (guint));
  return l;
}

static gboolean
fail_at (CvatImport *cv, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (CvatImport *cv, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  const char *element = g_markup_parse_context_get_element (cv->context);
  gint line = 0, column = 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_markup_parse_context_get_position (cv->context, &line, &column);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%d: <%s>: %s",
               cv->im.file, line, element ? element : "?", message);
  return FALSE;
}

static const char *
attr (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
parse_double (const char *text, double *value)
{
  char *end;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (*value);
}

static gboolean
number_attr (CvatImport *cv, const char **names, const char **values, const char *name,
             gboolean required, double fallback, double *value, GError **error)
{
  const char *text = attr (names, values, name);

  if (text == NULL && !required)
    {
      *value = fallback;
      return TRUE;
    }
  if (text == NULL)
    return fail_at (cv, error, "attribute %s is missing", name);
  if (!parse_double (text, value))
    return fail_at (cv, error, "attribute %s: “%s” is not a number", name, text);
  return TRUE;
}

static gboolean
parse_points (CvatImport *cv, const char *text, GArray *xy, GError **error)
{
  g_auto(GStrv) pairs = NULL;

  if (text == NULL)
    return fail_at (cv, error, "attribute points is missing");
  pairs = g_strsplit (text, ";", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      g_auto(GStrv) xy_text = g_strsplit (pairs[i], ",", -1);
      double x, y;

      if (g_strv_length (xy_text) != 2 || !parse_double (xy_text[0], &x)
          || !parse_double (xy_text[1], &y))
        return fail_at (cv, error, "points: “%s” is not x,y", pairs[i]);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  return TRUE;
}

/* Meta */

static guint
kinds_for_type (const char *type)
{
  for (guint i = 0; type && i < G_N_ELEMENTS (label_types); i++)
    if (g_str_equal (type, label_types[i].type))
      return label_types[i].kinds;
  return 0;
}

static void
finish_spec (CvatImport *cv)
{
  const char *input = cairn_json_string (cv->spec, "input_type");
  const char *values = cairn_json_string (cv->spec, "cvat_values");
  const char *type = "text";
  g_auto(GStrv) list = g_strsplit (values ? values : "", "\n", -1);

  for (guint i = 0; input && i < G_N_ELEMENTS (input_types); i++)
    if (g_str_equal (input, input_types[i].input_type))
      type = input_types[i].type;
  json_object_set_string_member (cv->spec, "type", type);
  if (g_str_equal (type, "enum"))
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; list[i]; i++)
        if (*list[i])
          json_array_add_string_element (array, list[i]);
      json_object_set_array_member (cv->spec, "values", array);
    }
  else if (g_str_equal (type, "number"))
    {
      static const char *const parts[] = { "min", "max", "step" };
      for (guint i = 0; i < 3 && list[i]; i++)
        {
          double v;
          if (parse_double (list[i], &v))
            json_object_set_double_member (cv->spec, parts[i], v);
        }
    }
  json_object_remove_member (cv->spec, "cvat_values");
  json_array_add_object_element (cv->label->specs, g_steal_pointer (&cv->spec));
}

static void
svg_start_cb (GMarkupParseContext *context, const char *element, const char **names,
              const char **values, gpointer data, GError **error)
{
  GPtrArray *nodes = ((gpointer *) data)[0];
  GPtrArray *lines = ((gpointer *) data)[1];

  if (g_str_equal (element, "circle"))
    {
      const char *id = attr (names, values, "data-node-id");
      const char *name = attr (names, values, "data-label-name");
      g_ptr_array_add (nodes, g_strdup (id ? id : ""));
      g_ptr_array_add (nodes, g_strdup (name ? name : ""));
    }
  else if (g_str_equal (element, "line"))
    {
      const char *from = attr (names, values, "data-node-from");
      const char *to = attr (names, values, "data-node-to");
      g_ptr_array_add (lines, g_strdup (from ? from : ""));
      g_ptr_array_add (lines, g_strdup (to ? to : ""));
    }
}

/* A skeleton's svg: circles name the points (data-label-name), lines join node ids. */
static void
parse_svg (CvatImport *cv, CvatLabel *label, GPtrArray *children)
{
  static const GMarkupParser parser = { svg_start_cb, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gpointer data[2] = { nodes, lines };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, data, NULL);
  g_autofree char *doc = g_strconcat ("<svg-root>", label->svg ? label->svg : "", "</svg-root>",
                                      NULL);

  if (!g_markup_parse_context_parse (context, doc, -1, NULL)
      || !g_markup_parse_context_end_parse (context, NULL))
    {
      cairn_import_report_warn (cv->im.report, "%s: skeleton “%s”: unreadable svg; point order "
                                "taken from its sub-labels, edges lost", cv->im.file, label->name);
      g_ptr_array_set_size (nodes, 0);
      g_ptr_array_set_size (lines, 0);
    }
  for (guint i = 0; i + 1 < nodes->len; i += 2)
    {
      const char *name = nodes->pdata[i + 1];
      /* Some svgs carry only label ids: fall back to the sub-labels in order. */
      if (*name == '\0' && i / 2 < children->len)
        name = children->pdata[i / 2];
      g_ptr_array_add (label->points, g_strdup (name));
    }
  if (label->points->len == 0)
    for (guint i = 0; i < children->len; i++)
      g_ptr_array_add (label->points, g_strdup (children->pdata[i]));
  for (guint i = 0; i + 1 < lines->len; i += 2)
    {
      guint ends[2];
      gboolean found[2] = { FALSE, FALSE };

      for (guint k = 0; k < 2; k++)
        for (guint n = 0; n + 1 < nodes->len; n += 2)
          if (g_str_equal (nodes->pdata[n], lines->pdata[i + k]))
            ends[k] = n / 2, found[k] = TRUE;
      if (found[0] && found[1])
        g_array_append_vals (label->edges, ends, 2);
    }
}

static gboolean
create_labels (CvatImport *cv, GError **error)
{
  for (guint i = 0; i < cv->meta_labels->len; i++)
    {
      CvatLabel *l = cv->meta_labels->pdata[i];
      g_autoptr(CairnLabel) label = NULL;
      g_autoptr(GPtrArray) children = g_ptr_array_new ();

      /* Sub-labels are a skeleton's points, not labels of their own. */
      if (l->parent || l->name == NULL)
        continue;
      for (guint k = 0; k < cv->meta_labels->len; k++)
        {
          CvatLabel *c = cv->meta_labels->pdata[k];
          if (c->parent && g_str_equal (c->parent, l->name) && c->name)
            g_ptr_array_add (children, c->name);
        }
      if (g_strcmp0 (l->type, "skeleton") == 0)
        parse_svg (cv, l, children);
      g_hash_table_replace (cv->labels, l->name, l);
      label = cairn_store_find_label (cv->im.store, l->name, NULL);
      if (label)
        {
          l->id = label->id;
          continue;
        }
      label = cairn_label_new (l->name);
      if (l->color && *l->color)
        {
          double r, g, b;
          if (cairn_color_parse (l->color, &r, &g, &b))
            label->color = g_strdup (l->color);
        }
      label->kinds = kinds_for_type (l->type);
      json_array_unref (label->attributes);
      label->attributes = json_array_ref (l->specs);
      for (guint k = 0; k < l->points->len; k++)
        g_ptr_array_add (label->points, g_strdup (l->points->pdata[k]));
      g_array_append_vals (label->edges, l->edges->data, l->edges->len);
      if (!cairn_store_add_label (cv->im.store, label, error))
        return FALSE;
      l->id = label->id;
      cv->im.report->labels_added++;
    }
  return TRUE;
}

static void
meta_start (CvatImport *cv, const char *element, const char *parent)
{
  static const char *const leaves[] = {
    "name", "color", "type", "parent", "svg", "mutable", "input_type", "default_value", "values",
    NULL,
  };

  if (g_str_equal (element, "label") && g_strcmp0 (parent, "labels") == 0)
    {
      g_clear_pointer (&cv->label, cvat_label_free);
      cv->label = cvat_label_new ();
    }
  else if (g_str_equal (element, "attribute") && cv->label && g_strcmp0 (parent, "attributes") == 0)
    {
      g_clear_pointer (&cv->spec, json_object_unref);
      cv->spec = json_object_new ();
    }
  else if (g_strv_contains (leaves, element)
           && ((cv->spec && g_strcmp0 (parent, "attribute") == 0)
               || (cv->label && !cv->spec && g_strcmp0 (parent, "label") == 0)))
    {
      g_string_truncate (cv->text, 0);
      cv->collecting = TRUE;
    }
}

static void
meta_end (CvatImport *cv, const char *element, const char *parent)
{
  const char *text = cv->text->str;

  if (cv->collecting)
    {
      cv->collecting = FALSE;
      if (cv->spec)
        {
          if (g_str_equal (element, "name"))
            json_object_set_string_member (cv->spec, "name", text);
          else if (g_str_equal (element, "input_type"))
            json_object_set_string_member (cv->spec, "input_type", text);
          else if (g_str_equal (element, "values"))
            json_object_set_string_member (cv->spec, "cvat_values", text);
          else if (g_str_equal (element, "default_value"))
            json_object_set_string_member (cv->spec, "default", text);
          else if (g_str_equal (element, "mutable"))
            json_object_set_boolean_member (cv->spec, "mutable",
                                            g_ascii_strcasecmp (text, "true") == 0);
          return;
        }
      if (g_str_equal (element, "name"))
        set_str (&cv->label->name, text);
      else if (g_str_equal (element, "color"))
        set_str (&cv->label->color, text);
      else if (g_str_equal (element, "type"))
        set_str (&cv->label->type, text);
      else if (g_str_equal (element, "parent"))
        set_str (&cv->label->parent, text);
      else if (g_str_equal (element, "svg"))
        set_str (&cv->label->svg, text);
      return;
    }
  if (g_str_equal (element, "attribute") && cv->spec && cv->label
      && g_strcmp0 (parent, "attributes") == 0)
    {
      if (json_object_has_member (cv->spec, "name"))
        finish_spec (cv);
      else
        g_clear_pointer (&cv->spec, json_object_unref);
    }
  else if (g_str_equal (element, "label") && cv->label && g_strcmp0 (parent, "labels") == 0)
    {
      /* An attribute left open by a broken file dies with its label. */
      g_clear_pointer (&cv->spec, json_object_unref);
      g_ptr_array_add (cv->meta_labels, g_steal_pointer (&cv->label));
    }
}

/* Images and shapes */

static gboolean
start_image (CvatImport *cv, const char **names, const char **values, GError **error)
{
  const char *name = attr (names, values, "name");
  const char *subset = attr (names, values, "subset");
  double w, h;

  if (cv->item_id)
    return fail_at (cv, error, "images cannot nest");
  if (name == NULL || *name == '\0')
    return fail_at (cv, error, "attribute name is missing");
  if (!number_attr (cv, names, values, "width", FALSE, 0, &w, error)
      || !number_attr (cv, names, values, "height", FALSE, 0, &h, error))
    return FALSE;
  if (w < 0 || h < 0 || w > G_MAXINT || h > G_MAXINT)
    return fail_at (cv, error, "width and height must be positive");
  cv->item_id = cairn_shapes_image (&cv->im, name, (gint) w, (gint) h, NULL, error);
  if (cv->item_id == 0)
    return FALSE;
  cairn_shapes_item_size (&cv->im, cv->item_id, &cv->width, &cv->height);
  if (cv->width == 0 || cv->height == 0)
    cv->width = (gint) w, cv->height = (gint) h;
  if (subset && *subset)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (cv->im.store, cv->item_id, error);

      if (item == NULL)
        return FALSE;
      if (g_strcmp0 (item->split, subset) != 0)
        {
          set_str (&item->split, subset);
          if (!cairn_store_update_item (cv->im.store, item, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_mask (CvatImport *cv, CairnAnnotation *a, const char **names, const char **values,
           GError **error)
{
  const char *rle = attr (names, values, "rle");
  g_auto(GStrv) counts = NULL;
  g_autofree guint8 *bits = NULL;
  double left, top, w, h;
  guint64 pos = 0, total;

  if (!number_attr (cv, names, values, "left", TRUE, 0, &left, error)
      || !number_attr (cv, names, values, "top", TRUE, 0, &top, error)
      || !number_attr (cv, names, values, "width", TRUE, 0, &w, error)
      || !number_attr (cv, names, values, "height", TRUE, 0, &h, error))
    return FALSE;
  if (rle == NULL)
    return fail_at (cv, error, "attribute rle is missing");
  if (w < 1 || h < 1 || w != floor (w) || h != floor (h) || left != floor (left)
      || top != floor (top) || fabs (left) > G_MAXINT || fabs (top) > G_MAXINT
      || w * h > (double) CAIRN_SHAPES_MAX_PIXELS)
    return fail_at (cv, error, "left, top, width and height must be whole pixels");
  if (cv->width <= 0 || cv->height <= 0
      || (guint64) cv->width * cv->height > CAIRN_SHAPES_MAX_PIXELS)
    return fail_at (cv, error, "a mask needs the image's width and height");
  total = (guint64) w * (guint64) h;
  bits = g_malloc0 (total);
  counts = g_strsplit (rle, ",", -1);
  /* Row-major runs over the box, alternating 0 and 1, starting with 0. */
  for (guint i = 0; counts[i]; i++)
    {
      double run;

      if (!parse_double (counts[i], &run) || run < 0 || run != floor (run) || run > total - pos)
        return fail_at (cv, error, "rle: “%s” is not a count that fits the %g × %g box",
                        g_strstrip (counts[i]), w, h);
      if (i % 2 == 1)
        memset (bits + pos, 1, (gsize) run);
      pos += (guint64) run;
    }
  if (pos != total)
    return fail_at (cv, error, "rle covers %" G_GUINT64_FORMAT " pixels, the box has %"
                    G_GUINT64_FORMAT, pos, total);
  cairn_annotation_set_mask (a, cairn_shapes_rle_from_local (bits, (guint) w, (guint) h,
                                                             (gint64) left, (gint64) top,
                                                             cv->width, cv->height));
  return TRUE;
}

static gboolean
shape_geometry (CvatImport *cv, const char *element, CairnAnnotation **out, const char **names,
                const char **values, GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  double v[16], rotation;

  if (g_str_equal (element, "box"))
    {
      if (!number_attr (cv, names, values, "xtl", TRUE, 0, &v[0], error)
          || !number_attr (cv, names, values, "ytl", TRUE, 0, &v[1], error)
          || !number_attr (cv, names, values, "xbr", TRUE, 0, &v[2], error)
          || !number_attr (cv, names, values, "ybr", TRUE, 0, &v[3], error)
          || !number_attr (cv, names, values, "rotation", FALSE, 0, &rotation, error))
        return FALSE;
      if (rotation != 0)
        {
          a = cairn_annotation_new (CAIRN_KIND_RBOX);
          cairn_annotation_set_coords (a, (double[]) { (v[0] + v[2]) / 2, (v[1] + v[3]) / 2,
                                                       v[2] - v[0], v[3] - v[1], rotation }, 5);
        }
      else
        {
          a = cairn_annotation_new (CAIRN_KIND_BOX);
          cairn_annotation_set_box (a, v[0], v[1], v[2] - v[0], v[3] - v[1]);
        }
    }
  else if (g_str_equal (element, "ellipse"))
    {
      if (!number_attr (cv, names, values, "cx", TRUE, 0, &v[0], error)
          || !number_attr (cv, names, values, "cy", TRUE, 0, &v[1], error)
          || !number_attr (cv, names, values, "rx", TRUE, 0, &v[2], error)
          || !number_attr (cv, names, values, "ry", TRUE, 0, &v[3], error)
          || !number_attr (cv, names, values, "rotation", FALSE, 0, &v[4], error))
        return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
      cairn_annotation_set_coords (a, v, 5);
    }
  else if (g_str_equal (element, "cuboid"))
    {
      for (guint i = 0; i < 16; i++)
        if (!number_attr (cv, names, values, cuboid_names[i], TRUE, 0, &v[i], error))
          return FALSE;
      a = cairn_annotation_new (CAIRN_KIND_CUBOID);
      cairn_annotation_set_coords (a, v, 16);
    }
  else if (g_str_equal (element, "polygon") || g_str_equal (element, "polyline")
           || g_str_equal (element, "points"))
    {
      g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));

      if (!parse_points (cv, attr (names, values, "points"), xy, error))
        return FALSE;
      a = cairn_annotation_new (g_str_equal (element, "polygon")    ? CAIRN_KIND_POLYGON
                                : g_str_equal (element, "polyline") ? CAIRN_KIND_POLYLINE
                                                                    : CAIRN_KIND_POINTS);
      if (a->kind == CAIRN_KIND_POINTS)
        cairn_annotation_set_coords (a, (double *) xy->data, xy->len);
      else
        cairn_annotation_add_ring (a, (double *) xy->data, xy->len / 2);
    }
  else if (g_str_equal (element, "mask"))
    {
      a = cairn_annotation_new (CAIRN_KIND_MASK);
      if (!read_mask (cv, a, names, values, error))
        return FALSE;
    }
  else if (g_str_equal (element, "tag"))
    a = cairn_annotation_new (CAIRN_KIND_TAG);
  else if (g_str_equal (element, "skeleton"))
    a = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  *out = g_steal_pointer (&a);
  return TRUE;
}

static gboolean
shape_fields_to_attributes (CvatImport *cv, CairnAnnotation *a, const char **names,
                            const char **values, GError **error)
{
  const char *source = attr (names, values, "source");
  const char *occluded = attr (names, values, "occluded");
  double z, group;

  if (!number_attr (cv, names, values, "z_order", FALSE, 0, &z, error)
      || !number_attr (cv, names, values, "group_id", FALSE, 0, &group, error))
    return FALSE;
  if (occluded && g_str_equal (occluded, "1"))
    json_object_set_boolean_member (a->attributes, "occluded", TRUE);
  if (z != 0)
    json_object_set_int_member (a->attributes, "z_order", (gint64) z);
  if (group != 0)
    json_object_set_int_member (a->attributes, "group_id", (gint64) group);
  /* "auto" shapes came from a model. */
  if (g_strcmp0 (source, "auto") == 0)
    a->origin = CAIRN_ORIGIN_MODEL;
  else if (source && *source && !g_str_equal (source, "manual"))
    json_object_set_string_member (a->attributes, "source", source);
  return TRUE;
}

static gboolean
start_skeleton_element (CvatImport *cv, const char *element, const char **names,
                        const char **values, GError **error)
{
  const char *label = attr (names, values, "label");
  const char *outside = attr (names, values, "outside");
  const char *occluded = attr (names, values, "occluded");
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  double *c = (double *) cv->skeleton->coords->data;

  if (!g_str_equal (element, "points"))
    return fail_at (cv, error, "a skeleton holds <points> elements only");
  cv->element_index = -1;
  for (guint i = 0; cv->shape_label && i < cv->shape_label->points->len; i++)
    if (g_strcmp0 (label, cv->shape_label->points->pdata[i]) == 0)
      cv->element_index = i;
  if (cv->element_index < 0)
    return fail_at (cv, error, "“%s” is not a point of skeleton “%s”", label ? label : "",
                    cv->shape_label ? cv->shape_label->name : "");
  if (!parse_points (cv, attr (names, values, "points"), xy, error))
    return FALSE;
  if (xy->len != 2)
    return fail_at (cv, error, "a skeleton point needs exactly one x,y");
  c[3 * cv->element_index] = g_array_index (xy, double, 0);
  c[3 * cv->element_index + 1] = g_array_index (xy, double, 1);
  /* COCO visibility: 0 not labelled (outside), 1 occluded, 2 visible. */
  c[3 * cv->element_index + 2] = g_strcmp0 (outside, "1") == 0    ? 0
                                 : g_strcmp0 (occluded, "1") == 0 ? 1 : 2;
  return TRUE;
}

static gboolean
start_shape (CvatImport *cv, const char *element, const char **names, const char **values,
             GError **error)
{
  const char *label = attr (names, values, "label");
  g_autoptr(CairnAnnotation) a = NULL;

  if (!shape_geometry (cv, element, &a, names, values, error))
    return FALSE;
  if (a == NULL)
    return TRUE;
  if (label == NULL)
    return fail_at (cv, error, "attribute label is missing");
  cv->shape_label = g_hash_table_lookup (cv->labels, label);
  if (cv->shape_label == NULL)
    {
      /* A label the <meta> block does not list: made on the fly. */
      CvatLabel *l = cvat_label_new ();

      l->name = g_strdup (label);
      if (!cairn_shapes_label (&cv->im, label, NULL, &l->id, error))
        {
          cvat_label_free (l);
          return FALSE;
        }
      g_ptr_array_add (cv->meta_labels, l);
      g_hash_table_replace (cv->labels, l->name, l);
      cv->shape_label = l;
    }
  a->item_id = cv->item_id;
  a->label_id = cv->shape_label->id;
  if (!shape_fields_to_attributes (cv, a, names, values, error))
    return FALSE;
  if (a->kind == CAIRN_KIND_KEYPOINTS)
    {
      if (cv->shape_label->points->len == 0)
        return fail_at (cv, error, "skeleton label “%s” has no points in <meta>", label);
      g_array_set_size (a->coords, 3 * cv->shape_label->points->len);
      memset (a->coords->data, 0, sizeof (double) * a->coords->len);
    }
  g_markup_parse_context_get_position (cv->context, &cv->shape_line, NULL);
  cv->shape_element = g_strdup (element);
  cv->shape = g_steal_pointer (&a);
  if (cv->shape->kind == CAIRN_KIND_KEYPOINTS)
    cv->skeleton = cv->shape;
  return TRUE;
}

static JsonNode *
typed_value (CvatLabel *label, const char *name, const char *text)
{
  const char *type = NULL;
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  double v;

  for (guint i = 0; label && i < json_array_get_length (label->specs); i++)
    {
      JsonObject *spec = json_array_get_object_element (label->specs, i);
      if (g_strcmp0 (cairn_json_string (spec, "name"), name) == 0)
        type = cairn_json_string (spec, "type");
    }
  if (g_strcmp0 (type, "bool") == 0
      && (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0))
    json_node_set_boolean (node, g_ascii_strcasecmp (text, "true") == 0);
  else if (g_strcmp0 (type, "number") == 0 && parse_double (text, &v))
    {
      if (v == floor (v) && fabs (v) < 1e15)
        json_node_set_int (node, (gint64) v);
      else
        json_node_set_double (node, v);
    }
  else
    json_node_set_string (node, text);
  return node;
}

static gboolean
end_shape (CvatImport *cv, GError **error)
{
  g_autoptr(CairnAnnotation) a = g_steal_pointer (&cv->shape);
  g_autofree char *element = g_steal_pointer (&cv->shape_element);
  g_autofree char *where = g_strdup_printf ("line %d: <%s>", cv->shape_line, element);
  g_autoptr(GError) local = NULL;

  cv->skeleton = NULL;
  cv->shape_label = NULL;
  /* Named like the parser's own errors: file:line: <element>: what. */
  if (!cairn_annotation_validate (a, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%d: <%s>: %s",
                   cv->im.file, cv->shape_line, element, local->message);
      return FALSE;
    }
  return cairn_shapes_add (&cv->im, a, where, error);
}

static void
start_cb (GMarkupParseContext *context, const char *element, const char **names,
          const char **values, gpointer data, GError **error)
{
  CvatImport *cv = data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack && stack->next ? stack->next->data : NULL;

  if (cv->in_meta)
    {
      meta_start (cv, element, parent);
      return;
    }
  if (g_str_equal (element, "meta"))
    cv->in_meta = TRUE;
  else if (g_str_equal (element, "image"))
    start_image (cv, names, values, error);
  else if (g_str_equal (element, "track"))
    fail_at (cv, error, "tracks are CVAT for video; export the task as CVAT for images");
  else if (g_str_equal (element, "attribute") && cv->shape)
    {
      const char *name = attr (names, values, "name");

      if (name == NULL)
        {
          fail_at (cv, error, "attribute name is missing");
          return;
        }
      set_str (&cv->attribute, name);
      g_string_truncate (cv->text, 0);
      cv->collecting = TRUE;
    }
  else if (cv->skeleton)
    start_skeleton_element (cv, element, names, values, error);
  else if (cv->item_id && cv->shape == NULL)
    start_shape (cv, element, names, values, error);
  else if (cv->shape)
    fail_at (cv, error, "unexpected inside <%s>", cv->shape_element);
}

static void
end_cb (GMarkupParseContext *context, const char *element, gpointer data, GError **error)
{
  CvatImport *cv = data;

  if (cv->in_meta)
    {
      if (g_str_equal (element, "meta"))
        {
          cv->in_meta = FALSE;
          create_labels (cv, error);
        }
      else
        {
          const GSList *stack = g_markup_parse_context_get_element_stack (context);
          meta_end (cv, element, stack && stack->next ? stack->next->data : NULL);
        }
      return;
    }
  if (g_str_equal (element, "attribute") && cv->attribute)
    {
      /* Attributes of a skeleton's points have no place of their own: they are dropped. */
      if (cv->shape && (cv->skeleton == NULL || cv->element_index < 0))
        json_object_set_member (cv->shape->attributes, cv->attribute,
                                typed_value (cv->shape_label, cv->attribute, cv->text->str));
      g_clear_pointer (&cv->attribute, g_free);
      cv->collecting = FALSE;
    }
  else if (cv->skeleton && cv->shape_element && !g_str_equal (element, cv->shape_element))
    cv->element_index = -1;
  else if (cv->shape && g_strcmp0 (element, cv->shape_element) == 0)
    end_shape (cv, error);
  else if (g_str_equal (element, "image"))
    cv->item_id = 0;
}

static void
text_cb (GMarkupParseContext *context, const char *text, gsize length, gpointer data,
         GError **error)
{
  CvatImport *cv = data;

  if (cv->collecting)
    g_string_append_len (cv->text, text, length);
}

static gboolean
parse_stream (CvatImport *cv, GInputStream *in, guint64 size, GError **error)
{
  g_autofree char *buffer = g_malloc (1 << 16);
  g_autoptr(GError) local = NULL;
  gssize n;
  guint64 done = 0;

  while ((n = g_input_stream_read (in, buffer, 1 << 16, NULL, &local)) > 0)
    {
      if (!g_markup_parse_context_parse (cv->context, buffer, n, &local))
        break;
      done += n;
      if (!cairn_format_step (cv->im.options, size ? (double) done / size : 0, NULL, error))
        return FALSE;
    }
  if (local == NULL && n == 0)
    g_markup_parse_context_end_parse (cv->context, &local);
  if (local == NULL)
    return TRUE;
  if (local->domain == CAIRN_FORMAT_ERROR || local->domain == CAIRN_STORE_ERROR)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s", cv->im.file,
                 local->message);
  return FALSE;
}

static void
cvat_import_clear (CvatImport *cv)
{
  cairn_shapes_import_clear (&cv->im);
  g_clear_pointer (&cv->context, g_markup_parse_context_free);
  if (cv->text)
    g_string_free (cv->text, TRUE);
  g_clear_pointer (&cv->labels, g_hash_table_unref);
  g_clear_pointer (&cv->meta_labels, g_ptr_array_unref);
  g_clear_pointer (&cv->label, cvat_label_free);
  g_clear_pointer (&cv->spec, json_object_unref);
  g_clear_pointer (&cv->shape, cairn_annotation_free);
  g_clear_pointer (&cv->shape_element, g_free);
  g_clear_pointer (&cv->attribute, g_free);
}

gboolean
cairn_format_cvat_import (CairnStore               *store,
                          const char               *path,
                          const CairnFormatOptions *options,
                          CairnImportReport        *report,
                          GError                  **error)
{
  static const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  g_autofree char *xml = NULL, *dir = NULL, *images = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  CairnFormatOptions opts = { 0 };
  CvatImport cv = { 0 };
  gboolean ok;

  /* A folder is CVAT's export layout: annotations.xml with images/ beside it. */
  xml = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_build_filename (path, "annotations.xml", NULL)
                                               : g_strdup (path);
  dir = g_path_get_dirname (xml);
  images = g_build_filename (dir, "images", NULL);
  if (options)
    opts = *options;
  if (opts.images_dir == NULL && g_file_test (images, G_FILE_TEST_IS_DIR))
    opts.images_dir = images;
  file = g_file_new_for_path (xml);
  in = g_file_read (file, NULL, &local);
  if (in == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", xml, local->message);
      return FALSE;
    }
  if (!cairn_shapes_import_init (&cv.im, store, &opts, report, error))
    {
      cvat_import_clear (&cv);
      return FALSE;
    }
  cairn_shapes_import_set_file (&cv.im, xml);
  cv.context = g_markup_parse_context_new (&parser, 0, &cv, NULL);
  cv.text = g_string_new (NULL);
  cv.meta_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cvat_label_free);
  cv.labels = g_hash_table_new (g_str_hash, g_str_equal);
  cv.element_index = -1;
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
    ok = parse_stream (&cv, G_INPUT_STREAM (in), info ? g_file_info_get_size (info) : 0, error);
  }
  cvat_import_clear (&cv);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
