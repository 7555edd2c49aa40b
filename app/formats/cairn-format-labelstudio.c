#define G_LOG_DOMAIN "cairn-format-labelstudio"

#include <math.h>

#include "cairn-labelstudio-private.h"

/* Label Studio's JSON export: a list of tasks {"data", "annotations": [{"result": [...]}],
 * "predictions"}. Image regions are in percent of original_width / original_height; text spans
 * are code point offsets (Label Studio before 1.6 counted UTF-16 units: detected and converted);
 * results sharing a region's id (per-region choices, textareas, numbers) are its attributes. */

/* Region result types and the control type that names their labels. */
static const char *const image_regions[] = {
  "rectanglelabels", "rectangle", "polygonlabels", "polygon", "keypointlabels", "keypoint",
  "ellipselabels", "ellipse", "brushlabels", "brush", NULL,
};
static const char *const other_regions[] = {
  "hypertextlabels", "paragraphlabels", "timeserieslabels", "videorectangle", NULL,
};

typedef struct
{
  CairnShapesImport im;
  gint64            item_id;
  CairnItemKind     kind;
  char             *text;       /* text items */
  glong             text_len;   /* in code points */
  gint              width;      /* image items, from the project */
  gint              height;
  const char       *image_key;
  const char       *text_key;
  guint             n_read;     /* tasks imported */
  guint             n_bad;      /* and skipped */
  char             *first_bad;
} LsImport;

/* A result, an annotation set or a task that cannot be read is skipped alone (nothing of it
 * was written, or only the choices before the bad one). */
static gboolean
part_done (LsImport *ls, gboolean ok, GError **bad, GError **error)
{
  return ok || cairn_format_skip_record (ls->im.options, ls->im.report, bad, error);
}

/* Import */

static const char *
result_type (JsonObject *r)
{
  const char *type = cairn_json_string (r, "type");

  return type ? type : "";
}

static gboolean
is_image_result (JsonObject *r)
{
  g_autofree char *type = g_ascii_strdown (result_type (r), -1);

  return g_strv_contains (image_regions, type) || json_object_has_member (r, "original_width");
}

static gboolean
looks_like_image (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  static const char *const extensions[] = {
    ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", NULL,
  };
  char *query = strchr (lower, '?');

  if (g_str_has_prefix (lower, "/data/") || g_str_has_prefix (lower, "data:image/"))
    return TRUE;
  if (query && !strstr (lower, "?d="))
    *query = '\0';
  for (guint i = 0; extensions[i]; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

/* Which data member holds the image (or text): the one results name in to_name, else the usual
 * names, else the first string that looks like one. */
static const char *
pick_key (JsonObject *data, GPtrArray *to_names, gboolean image)
{
  static const char *const image_names[] = { "image", "img", "image_url", "url", NULL };
  static const char *const text_names[] = { "text", "content", "sentence", NULL };
  const char *const *names = image ? image_names : text_names;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  for (guint i = 0; i < to_names->len; i++)
    {
      const char *s = cairn_json_string (data, to_names->pdata[i]);
      if (s && looks_like_image (s) == image)
        return to_names->pdata[i];
    }
  for (guint i = 0; names[i]; i++)
    if (cairn_json_string (data, names[i]))
      return names[i];
  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      const char *s = cairn_json_string (data, member);
      if (s && looks_like_image (s) == image)
        return member;
    }
  return NULL;
}

/* "/data/local-files/?d=dir/a.jpg" → "dir/a.jpg"; "/data/upload/3/1f2e3d4c-a.jpg" and URLs →
 * the file name. */
static char *
image_name (CairnShapesImport *im, const char *url)
{
  const char *d = strstr (url, "?d=");
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  const char *dash;

  if (d)
    return g_uri_unescape_string (d + 3, NULL);
  if (strstr (url, "://") == NULL && !g_str_has_prefix (url, "/data/"))
    return g_strdup (url);
  path = g_strdup (url);
  if (strchr (path, '?'))
    *strchr (path, '?') = '\0';
  base = g_path_get_basename (path);
  {
    g_autofree char *unescaped = g_uri_unescape_string (base, NULL);
    if (unescaped)
      {
        g_free (base);
        base = g_steal_pointer (&unescaped);
      }
  }
  /* Uploads get an 8-hex-digit prefix; the project may know the file by its own name. */
  dash = strchr (base, '-');
  if (g_str_has_prefix (url, "/data/upload/") && dash && dash - base == 8
      && !cairn_shapes_image_known (im, base) && cairn_shapes_image_known (im, dash + 1))
    return g_strdup (dash + 1);
  return g_steal_pointer (&base);
}

static gboolean
fail_mismatch (LsImport *ls, GError **error, const char *where, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail_mismatch (LsImport *ls, GError **error, const char *where, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_MISMATCH, "%s: %s: %s",
               ls->im.file, where, message);
  return FALSE;
}

static gboolean
value_number (LsImport *ls, JsonObject *value, const char *member, double *v, const char *where,
              GError **error)
{
  if (!cairn_json_number (value, member, v))
    return cairn_shapes_fail (&ls->im, error, where, "value.%s must be a number", member);
  return TRUE;
}

static gboolean
percent_base (LsImport *ls, JsonObject *r, double *w, double *h, const char *where,
              GError **error)
{
  if (cairn_json_number (r, "original_width", w)
      && cairn_json_number (r, "original_height", h) && *w > 0 && *h > 0)
    {
      /* An image the project only knows by name learns its size here. */
      if (ls->width == 0 && *w == floor (*w) && *h == floor (*h) && *w <= G_MAXINT
          && *h <= G_MAXINT)
        {
          g_autoptr(CairnItem) item = cairn_store_get_item (ls->im.store, ls->item_id, error);

          if (item == NULL)
            return FALSE;
          item->width = ls->width = (gint) *w;
          item->height = ls->height = (gint) *h;
          if (!cairn_store_update_item (ls->im.store, item, error))
            return FALSE;
        }
      return TRUE;
    }
  if (ls->width > 0 && ls->height > 0)
    {
      *w = ls->width;
      *h = ls->height;
      return TRUE;
    }
  return cairn_shapes_fail (&ls->im, error, where,
                            "original_width and original_height are missing and the image's "
                            "size is unknown");
}

static CairnAnnotation *
rectangle (LsImport *ls, JsonObject *r, JsonObject *value, const char *where, GError **error)
{
  double x, y, w, h, rotation = 0, W, H;
  CairnAnnotation *a;

  if (!percent_base (ls, r, &W, &H, where, error)
      || !value_number (ls, value, "x", &x, where, error)
      || !value_number (ls, value, "y", &y, where, error)
      || !value_number (ls, value, "width", &w, where, error)
      || !value_number (ls, value, "height", &h, where, error))
    return NULL;
  cairn_json_number (value, "rotation", &rotation);
  x *= W / 100, y *= H / 100, w *= W / 100, h *= H / 100;
  if (rotation == 0)
    {
      a = cairn_annotation_new (CAIRN_KIND_BOX);
      cairn_annotation_set_box (a, x, y, w, h);
      return a;
    }
  /* Label Studio turns a rectangle about its top-left corner, clockwise. */
  {
    double t = rotation * G_PI / 180, c = cos (t), s = sin (t);
    double v[5] = { x + w / 2 * c - h / 2 * s, y + w / 2 * s + h / 2 * c, w, h,
                    cairn_shapes_normalize_angle (rotation) };

    a = cairn_annotation_new (CAIRN_KIND_RBOX);
    cairn_annotation_set_coords (a, v, 5);
  }
  return a;
}

static CairnAnnotation *
polygon (LsImport *ls, JsonObject *r, JsonObject *value, const char *where, GError **error)
{
  JsonArray *points = cairn_json_array (value, "points");
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  JsonNode *closed = json_object_get_member (value, "closed");
  gboolean is_open;
  CairnAnnotation *a;
  double W, H;

  if (!percent_base (ls, r, &W, &H, where, error))
    return NULL;
  if (points == NULL)
    {
      cairn_shapes_fail (&ls->im, error, where, "value.points must be an array");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonNode *n = json_array_get_element (points, i);
      JsonArray *p = JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
      double x, y;

      if (p == NULL || json_array_get_length (p) < 2
          || !cairn_json_node_number (json_array_get_element (p, 0), &x)
          || !cairn_json_node_number (json_array_get_element (p, 1), &y))
        {
          cairn_shapes_fail (&ls->im, error, where, "value.points[%u] must be [x, y]", i);
          return NULL;
        }
      x *= W / 100, y *= H / 100;
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }
  /* An open polygon ("closed": false) is a polyline. */
  is_open = closed && JSON_NODE_HOLDS_VALUE (closed) && !cairn_shapes_truthy (closed);
  a = cairn_annotation_new (is_open ? CAIRN_KIND_POLYLINE : CAIRN_KIND_POLYGON);
  cairn_annotation_add_ring (a, (double *) xy->data, xy->len / 2);
  return a;
}

static CairnAnnotation *
keypoint (LsImport *ls, JsonObject *r, JsonObject *value, const char *where, GError **error)
{
  double x, y, W, H;
  CairnAnnotation *a;

  if (!percent_base (ls, r, &W, &H, where, error)
      || !value_number (ls, value, "x", &x, where, error)
      || !value_number (ls, value, "y", &y, where, error))
    return NULL;
  a = cairn_annotation_new (CAIRN_KIND_POINTS);
  cairn_annotation_set_coords (a, (double[]) { x * W / 100, y * H / 100 }, 2);
  return a;
}

static CairnAnnotation *
ellipse (LsImport *ls, JsonObject *r, JsonObject *value, const char *where, GError **error)
{
  double x, y, rx, ry, rotation = 0, W, H;
  CairnAnnotation *a;

  if (!percent_base (ls, r, &W, &H, where, error)
      || !value_number (ls, value, "x", &x, where, error)
      || !value_number (ls, value, "y", &y, where, error)
      || !value_number (ls, value, "radiusX", &rx, where, error)
      || !value_number (ls, value, "radiusY", &ry, where, error))
    return NULL;
  cairn_json_number (value, "rotation", &rotation);
  a = cairn_annotation_new (CAIRN_KIND_ELLIPSE);
  cairn_annotation_set_coords (a, (double[]) { x * W / 100, y * H / 100, rx * W / 100, ry * H / 100,
                                               cairn_shapes_normalize_angle (rotation) }, 5);
  return a;
}

static CairnAnnotation *
brush (LsImport *ls, JsonObject *r, JsonObject *value, const char *where, GError **error)
{
  const char *format = cairn_json_string (value, "format");
  JsonArray *rle = cairn_json_array (value, "rle");
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *bits = NULL;
  CairnAnnotation *a;
  double W, H;

  if (!percent_base (ls, r, &W, &H, where, error))
    return NULL;
  if (g_strcmp0 (format, "rle") != 0 || rle == NULL)
    {
      cairn_shapes_fail (&ls->im, error, where,
                         "a brush needs \"format\": \"rle\" and an rle array");
      return NULL;
    }
  if (W != floor (W) || H != floor (H) || W * H > (double) CAIRN_SHAPES_MAX_PIXELS)
    {
      cairn_shapes_fail (&ls->im, error, where, "original_width × original_height is not a "
                         "usable mask size");
      return NULL;
    }
  bits = cairn_labelstudio_brush_decode (rle, (guint) W, (guint) H, &local);
  if (bits == NULL)
    {
      cairn_shapes_fail (&ls->im, error, where, "%s", local->message);
      return NULL;
    }
  a = cairn_annotation_new (CAIRN_KIND_MASK);
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, (guint) H, (guint) W));
  return a;
}

static gboolean
substring_is (LsImport *ls, glong start, glong end, const char *expected)
{
  const char *a, *b;

  if (start < 0 || end < start || end > ls->text_len)
    return FALSE;
  if (expected == NULL)
    return TRUE;
  a = g_utf8_offset_to_pointer (ls->text, start);
  b = g_utf8_offset_to_pointer (a, end - start);
  return strlen (expected) == (gsize) (b - a) && memcmp (a, expected, b - a) == 0;
}

/* Code points before a UTF-16 offset, or -1 when it falls inside a character or past the end. */
static glong
utf16_to_code_points (const char *text, double units)
{
  glong cp = 0;
  double u = 0;

  for (const char *p = text; u < units; p = g_utf8_next_char (p), cp++)
    {
      if (*p == '\0')
        return -1;
      u += g_utf8_get_char (p) > 0xffff ? 2 : 1;
    }
  return u == units ? cp : -1;
}

static CairnAnnotation *
span (LsImport *ls, JsonObject *value, const char *where, GError **error)
{
  const char *expected = cairn_json_string (value, "text");
  double start, end;
  CairnAnnotation *a;

  if (!value_number (ls, value, "start", &start, where, error)
      || !value_number (ls, value, "end", &end, where, error))
    return NULL;
  if (start != floor (start) || end != floor (end) || start < 0 || end < start)
    {
      cairn_shapes_fail (&ls->im, error, where,
                         "start and end must be whole offsets, start ≤ end");
      return NULL;
    }
  if (!substring_is (ls, (glong) start, (glong) end, expected))
    {
      glong s = utf16_to_code_points (ls->text, start), e = utf16_to_code_points (ls->text, end);

      /* Older Label Studio counted UTF-16 units: accept when the text then matches. */
      if (expected == NULL || s < 0 || e < 0 || !substring_is (ls, s, e, expected))
        {
          if (end <= ls->text_len)
            {
              const char *p = g_utf8_offset_to_pointer (ls->text, (glong) start);
              const char *q = g_utf8_offset_to_pointer (p, (glong) (end - start));
              g_autofree char *found = g_strndup (p, q - p);

              fail_mismatch (ls, error, where, "offsets %g–%g hold “%s” in the text, not “%s”",
                             start, end, found, expected);
            }
          else
            fail_mismatch (ls, error, where, "offsets %g–%g run past the end of the text (%ld)",
                           start, end, ls->text_len);
          return NULL;
        }
      cairn_import_report_warn (ls->im.report, "%s: %s: offsets counted UTF-16 units; converted "
                                "to code points", ls->im.file, where);
      start = s, end = e;
    }
  a = cairn_annotation_new (CAIRN_KIND_SPAN);
  cairn_annotation_set_coords (a, (double[]) { start, end }, 2);
  return a;
}

/* The region a result draws, NULL with error set on bad input, or NULL without for a result that
 * is not a region. */
static CairnAnnotation *
region (LsImport *ls, JsonObject *r, const char *type, const char *where, GError **error)
{
  JsonObject *value = cairn_json_object (r, "value");

  if (value == NULL)
    {
      cairn_shapes_fail (&ls->im, error, where, "\"value\" must be an object");
      return NULL;
    }
  if (ls->kind == CAIRN_ITEM_TEXT)
    return g_str_equal (type, "labels") ? span (ls, value, where, error) : NULL;
  if (g_str_has_prefix (type, "rectangle"))
    return rectangle (ls, r, value, where, error);
  if (g_str_has_prefix (type, "polygon"))
    return polygon (ls, r, value, where, error);
  if (g_str_has_prefix (type, "keypoint"))
    return keypoint (ls, r, value, where, error);
  if (g_str_has_prefix (type, "ellipse"))
    return ellipse (ls, r, value, where, error);
  if (g_str_has_prefix (type, "brush"))
    return brush (ls, r, value, where, error);
  return NULL;
}

static JsonNode *
strings_node (JsonArray *array)
{
  JsonNode *first = array && json_array_get_length (array) == 1
                      ? json_array_get_element (array, 0) : NULL;

  /* One value reads as a value; several stay a list. */
  if (first && JSON_NODE_HOLDS_VALUE (first))
    return json_node_copy (first);
  if (array == NULL)
    {
      JsonNode *empty = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (empty, json_array_new ());
      return empty;
    }
  return json_node_init_array (json_node_alloc (), array);
}

static void
add_region_attribute (CairnAnnotation *a, JsonObject *r)
{
  g_autofree char *type = g_ascii_strdown (result_type (r), -1);
  const char *from = cairn_json_string (r, "from_name");
  JsonObject *value = cairn_json_object (r, "value");
  JsonNode *node;

  if (from == NULL || value == NULL)
    return;
  if (g_str_equal (type, "choices"))
    node = strings_node (cairn_json_array (value, "choices"));
  else if (g_str_equal (type, "textarea"))
    node = strings_node (cairn_json_array (value, "text"));
  else if (json_object_has_member (value, type) && json_object_get_size (value) == 1)
    node = json_node_copy (json_object_get_member (value, type));
  else
    node = json_node_init_object (json_node_alloc (), value);
  json_object_set_member (a->attributes, from, node);
}

static void
add_meta (CairnAnnotation *a, JsonObject *r)
{
  JsonObject *meta = cairn_json_object (r, "meta");
  JsonObject *attributes = cairn_json_object (meta, "attributes");
  g_autoptr(JsonObject) rest = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (meta == NULL)
    return;
  if (attributes)
    {
      json_object_iter_init_ordered (&iter, attributes);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        json_object_set_member (a->attributes, member, json_node_copy (value));
    }
  json_object_iter_init_ordered (&iter, meta);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (!g_str_equal (member, "attributes"))
      json_object_set_member (rest, member, json_node_copy (value));
  if (json_object_get_size (rest))
    json_object_set_object_member (a->attributes, "meta", json_object_ref (rest));
}

typedef struct
{
  gint64      annotator_id;
  CairnOrigin origin;
  double      score;
  const char *model_version;
  GHashTable *regions;   /* result id → gint64[2] { annotation id, kind } */
  JsonArray  *others;    /* task-level results without a Cairn kind */
} ResultSet;

static gboolean
label_of (LsImport *ls, JsonObject *r, const char *type, CairnAnnotation *a, GError **error)
{
  JsonObject *value = cairn_json_object (r, "value");
  JsonArray *labels = cairn_json_array (value, type);
  const char *name = labels && json_array_get_length (labels)
                       ? json_array_get_string_element (labels, 0) : NULL;

  if (labels && json_array_get_length (labels) > 1)
    json_object_set_array_member (a->attributes, "labels", json_array_ref (labels));
  return cairn_shapes_label (&ls->im, name, NULL, &a->label_id, error);
}

static gboolean
store (LsImport *ls, ResultSet *set, CairnAnnotation *a, const char *id, const char *where,
       GError **error)
{
  a->item_id = ls->item_id;
  a->annotator_id = set->annotator_id;
  a->origin = set->origin;
  if (a->score < 0 && set->score >= 0)
    a->score = set->score;
  if (set->model_version)
    json_object_set_string_member (a->attributes, "model_version", set->model_version);
  if (!cairn_shapes_add (&ls->im, a, where, error))
    return FALSE;
  if (id)
    {
      gint64 v[2] = { a->id, a->kind };
      g_hash_table_insert (set->regions, g_strdup (id), g_memdup2 (v, sizeof v));
    }
  return TRUE;
}

static gboolean
import_region (LsImport *ls, ResultSet *set, GPtrArray *group, guint geometry, const char *id,
               const char *where, GError **error)
{
  JsonObject *r = group->pdata[geometry];
  g_autofree char *type = g_ascii_strdown (result_type (r), -1);
  g_autoptr(CairnAnnotation) a = region (ls, r, type, where, error);
  g_autoptr(GString) transcription = g_string_new (NULL);
  double score;

  if (a == NULL)
    return FALSE;
  if (!label_of (ls, r, type, a, error))
    return FALSE;
  if (cairn_json_number (r, "score", &score))
    a->score = score;
  add_meta (a, r);
  for (guint i = 0; i < group->len; i++)
    {
      JsonObject *other = group->pdata[i];
      JsonArray *lines;

      if (i == geometry)
        continue;
      /* Label Studio's OCR template: a box with a per-region "transcription" textarea. */
      lines = cairn_json_array (cairn_json_object (other, "value"), "text");
      if (a->kind == CAIRN_KIND_BOX && lines
          && g_strcmp0 (cairn_json_string (other, "from_name"), FROM_OCR) == 0)
        {
          for (guint k = 0; k < json_array_get_length (lines); k++)
            {
              JsonNode *n = json_array_get_element (lines, k);
              if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
                g_string_append_printf (transcription, "%s%s", transcription->len ? "\n" : "",
                                        json_node_get_string (n));
            }
          a->kind = CAIRN_KIND_OCR;
          cairn_annotation_set_text (a, transcription->str);
          continue;
        }
      add_region_attribute (a, other);
    }
  return store (ls, set, a, id, where, error);
}

static gboolean
import_classes (LsImport *ls, ResultSet *set, JsonObject *r, const char *where, GError **error)
{
  g_autofree char *type = g_ascii_strdown (result_type (r), -1);
  JsonObject *value = cairn_json_object (r, "value");
  gboolean choices = g_str_equal (type, "choices");
  JsonArray *list = cairn_json_array (value, choices ? "choices" : "text");

  if (!choices && !g_str_equal (type, "textarea"))
    {
      /* Ratings, numbers, dates...: kept with the item and written back. */
      json_array_add_element (set->others, json_node_init_object (json_node_alloc (), r));
      return TRUE;
    }
  if (list == NULL)
    return cairn_shapes_fail (&ls->im, error, where, "value.%s must be an array",
                              choices ? "choices" : "text");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      g_autoptr(CairnAnnotation) a = NULL;
      const char *s;

      /* Taxonomy-style nested choices name their leaf last. */
      if (JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)))
        n = json_array_get_element (json_node_get_array (n),
                                    json_array_get_length (json_node_get_array (n)) - 1);
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return cairn_shapes_fail (&ls->im, error, where, "value.%s[%u] must be a string",
                                  choices ? "choices" : "text", i);
      s = json_node_get_string (n);
      if (choices)
        {
          a = cairn_annotation_new (ls->kind == CAIRN_ITEM_TEXT ? CAIRN_KIND_CLASS
                                                                : CAIRN_KIND_TAG);
          add_meta (a, r);
          if (!cairn_shapes_label (&ls->im, s, NULL, &a->label_id, error))
            return FALSE;
        }
      else
        {
          a = cairn_annotation_new (CAIRN_KIND_TARGET);
          add_meta (a, r);
          cairn_annotation_set_text (a, s);
        }
      if (!store (ls, set, a, NULL, where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_relation (LsImport *ls, ResultSet *set, JsonObject *r, const char *where, GError **error)
{
  const char *from = cairn_json_string (r, "from_id");
  const char *to = cairn_json_string (r, "to_id");
  const char *direction = cairn_json_string (r, "direction");
  JsonArray *labels = cairn_json_array (r, "labels");
  gint64 *a_end = from ? g_hash_table_lookup (set->regions, from) : NULL;
  gint64 *b_end = to ? g_hash_table_lookup (set->regions, to) : NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  const char *label = labels && json_array_get_length (labels)
                        ? json_array_get_string_element (labels, 0) : NULL;

  if (a_end == NULL || b_end == NULL)
    return cairn_shapes_fail (&ls->im, error, where, "from_id and to_id must name regions of the "
                              "same annotation");
  /* Relations join spans in Cairn. */
  if (a_end[1] != CAIRN_KIND_SPAN || b_end[1] != CAIRN_KIND_SPAN)
    {
      cairn_import_report_warn (ls->im.report, "%s: %s: a relation between image regions has no "
                                "place in Cairn (skipped)", ls->im.file, where);
      return TRUE;
    }
  a = cairn_annotation_new (CAIRN_KIND_RELATION);
  cairn_annotation_set_coords (a, (double[]) { a_end[0], b_end[0] }, 2);
  if (direction && !g_str_equal (direction, "right"))
    json_object_set_string_member (a->attributes, "direction", direction);
  if (labels && json_array_get_length (labels) > 1)
    json_object_set_array_member (a->attributes, "labels", json_array_ref (labels));
  if (!cairn_shapes_label (&ls->im, label, NULL, &a->label_id, error))
    return FALSE;
  return store (ls, set, a, NULL, where, error);
}

/* Results sharing an id are one region: its geometry and its per-region attributes. */
static gboolean
import_results (LsImport *ls, ResultSet *set, JsonArray *results, const char *where,
                GError **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new ();
  g_autoptr(GArray) relation_index = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *n = json_array_get_element (results, i);
      JsonObject *r = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *id;
      g_autofree char *key = NULL;
      GPtrArray *group;

      if (r == NULL)
        return cairn_shapes_fail (&ls->im, error, where, "result[%u] must be an object", i);
      if (g_ascii_strcasecmp (result_type (r), "relation") == 0)
        {
          g_ptr_array_add (relations, r);
          g_array_append_val (relation_index, i);
          continue;
        }
      id = cairn_json_string (r, "id");
      key = id ? g_strdup (id) : g_strdup_printf ("\n%u", i);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_strdup (key), group);
          g_ptr_array_add (order, g_steal_pointer (&key));
        }
      g_ptr_array_add (group, r);
    }
  for (guint g = 0; g < order->len; g++)
    {
      GPtrArray *group = g_hash_table_lookup (groups, order->pdata[g]);
      const char *id = *(char *) order->pdata[g] == '\n' ? NULL : order->pdata[g];
      g_autofree char *group_where = g_strdup_printf ("%s.result[id=%s]", where,
                                                      id ? id : "?");
      gint geometry = -1;

      for (guint i = 0; i < group->len && geometry < 0; i++)
        {
          g_autofree char *type = g_ascii_strdown (result_type (group->pdata[i]), -1);

          if (g_strv_contains (other_regions, type)
              || (ls->kind == CAIRN_ITEM_TEXT ? g_str_equal (type, "labels")
                                              : g_strv_contains (image_regions, type)))
            geometry = i;
        }
      if (geometry >= 0)
        {
          g_autofree char *type = g_ascii_strdown (result_type (group->pdata[geometry]), -1);

          if (g_strv_contains (other_regions, type))
            {
              cairn_import_report_warn (ls->im.report, "%s: %s: %s regions are not supported "
                                        "(skipped)", ls->im.file, group_where, type);
              continue;
            }
          g_autoptr(GError) bad = NULL;

          if (!part_done (ls, import_region (ls, set, group, geometry, id, group_where, &bad),
                          &bad, error))
            return FALSE;
          continue;
        }
      for (guint i = 0; i < group->len; i++)
        {
          g_autoptr(GError) bad = NULL;

          if (!part_done (ls, import_classes (ls, set, group->pdata[i], group_where, &bad),
                          &bad, error))
            return FALSE;
        }
    }
  for (guint i = 0; i < relations->len; i++)
    {
      g_autofree char *rel_where = g_strdup_printf ("%s.result[%u]", where,
                                                    g_array_index (relation_index, guint, i));
      g_autoptr(GError) bad = NULL;

      if (!part_done (ls, import_relation (ls, set, relations->pdata[i], rel_where, &bad), &bad,
                      error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
annotator_of (LsImport *ls, JsonNode *completed_by, gint64 *id, GError **error)
{
  g_autofree char *name = NULL;
  double number;

  *id = ls->im.annotator_id;
  if (ls->im.options && ls->im.options->annotator)
    return TRUE;
  if (completed_by && JSON_NODE_HOLDS_OBJECT (completed_by))
    {
      JsonObject *o = json_node_get_object (completed_by);
      const char *email = cairn_json_string (o, "email");

      if (email && *email)
        name = g_strdup (email);
      else if (cairn_json_number (o, "id", &number))
        name = g_strdup_printf ("Label Studio user %" G_GINT64_FORMAT, (gint64) number);
    }
  else if (cairn_json_node_number (completed_by, &number))
    name = g_strdup_printf ("Label Studio user %" G_GINT64_FORMAT, (gint64) number);
  if (name == NULL)
    return TRUE;
  *id = cairn_store_ensure_annotator (ls->im.store, name, "annotator", error);
  return *id != 0;
}

static gboolean
import_sets (LsImport *ls, JsonObject *task, const char *member, JsonArray *others,
             const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (task, member);
  JsonArray *list;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return cairn_shapes_fail (&ls->im, error, where, "\"%s\" must be an array", member);
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *n = json_array_get_element (list, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      g_autofree char *set_where = g_strdup_printf ("%s.%s[%u]", where, member, i);
      g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             g_free);
      ResultSet set = { 0, CAIRN_ORIGIN_HUMAN, -1, NULL, regions, others };
      g_autoptr(GError) bad = NULL;
      JsonArray *results;
      double score;

      if (o == NULL)
        {
          if (!part_done (ls, cairn_shapes_fail (&ls->im, &bad, set_where, "expected an object"),
                          &bad, error))
            return FALSE;
          continue;
        }
      if (cairn_shapes_truthy (json_object_get_member (o, "was_cancelled")))
        continue;
      results = cairn_json_array (o, "result");
      if (results == NULL)
        {
          if (!part_done (ls, cairn_shapes_fail (&ls->im, &bad, set_where,
                                                 "\"result\" must be an array"),
                          &bad, error))
            return FALSE;
          continue;
        }
      if (g_str_equal (member, "predictions"))
        {
          set.origin = CAIRN_ORIGIN_MODEL;
          set.annotator_id = ls->im.annotator_id;
          set.model_version = cairn_json_string (o, "model_version");
          if (cairn_json_number (o, "score", &score))
            set.score = score;
        }
      else if (!annotator_of (ls, json_object_get_member (o, "completed_by"), &set.annotator_id,
                              error))
        return FALSE;
      if (!import_results (ls, &set, results, set_where, error))
        return FALSE;
    }
  return TRUE;
}

static void
collect_to_names (JsonObject *task, GPtrArray *to_names, gboolean *image, gboolean *text)
{
  static const char *const members[] = { "annotations", "predictions" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *sets = cairn_json_array (task, members[m]);

      for (guint i = 0; sets && i < json_array_get_length (sets); i++)
        {
          JsonNode *n = json_array_get_element (sets, i);
          JsonArray *results = JSON_NODE_HOLDS_OBJECT (n)
                                 ? cairn_json_array (json_node_get_object (n), "result")
                                 : NULL;

          for (guint k = 0; results && k < json_array_get_length (results); k++)
            {
              JsonNode *rn = json_array_get_element (results, k);
              JsonObject *r = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
              const char *to = cairn_json_string (r, "to_name");

              if (r == NULL)
                continue;
              if (to)
                g_ptr_array_add (to_names, (gpointer) to);
              if (is_image_result (r))
                *image = TRUE;
              else if (g_ascii_strcasecmp (result_type (r), "labels") == 0)
                *text = TRUE;
            }
        }
    }
}

static gboolean
resolve_item (LsImport *ls, JsonObject *data, JsonObject *task, const char *where,
              GError **error)
{
  g_autoptr(GPtrArray) to_names = g_ptr_array_new ();
  gboolean image = FALSE, text = FALSE;
  const char *image_key, *text_key;

  collect_to_names (task, to_names, &image, &text);
  image_key = pick_key (data, to_names, TRUE);
  text_key = pick_key (data, to_names, FALSE);
  ls->image_key = ls->text_key = NULL;
  if (image_key && (image || !text || text_key == NULL))
    {
      const char *url = cairn_json_string (data, image_key);
      const char *b64 = g_str_has_prefix (url, "data:") ? strstr (url, ";base64,") : NULL;
      g_autoptr(GBytes) embedded = NULL;
      g_autofree char *name = NULL;

      /* A data: URL carries the image itself: it is embedded, named by its checksum. */
      if (b64)
        {
          gsize n;
          guchar *bytes = g_base64_decode (b64 + strlen (";base64,"), &n);
          g_autofree char *sha = NULL;

          embedded = g_bytes_new_take (bytes, n);
          sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, embedded);
          name = g_strdup_printf ("embedded-%.12s", sha);
        }
      else
        name = image_name (&ls->im, url);
      ls->kind = CAIRN_ITEM_IMAGE;
      ls->image_key = image_key;
      ls->item_id = cairn_shapes_image (&ls->im, name, 0, 0, embedded, error);
      if (ls->item_id == 0)
        return FALSE;
      cairn_shapes_item_size (&ls->im, ls->item_id, &ls->width, &ls->height);
      return TRUE;
    }
  if (text_key == NULL)
    return cairn_shapes_fail (&ls->im, error, where, "\"data\" holds no image or text");
  ls->kind = CAIRN_ITEM_TEXT;
  ls->text_key = text_key;
  g_free (ls->text);
  ls->text = g_strdup (cairn_json_string (data, text_key));
  ls->text_len = g_utf8_strlen (ls->text, -1);
  ls->item_id = cairn_format_ensure_text_item (ls->im.store, ls->text, ls->im.report, error);
  return ls->item_id != 0;
}

/* Data members besides the image or text, and results Cairn has no kind for, go to item meta. */
static gboolean
keep_extras (LsImport *ls, JsonObject *data, JsonArray *others, GError **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(CairnItem) item = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (g_strcmp0 (member, ls->image_key) != 0 && g_strcmp0 (member, ls->text_key) != 0)
      json_object_set_member (extra, member, json_node_copy (value));
  if (json_object_get_size (extra) == 0 && json_array_get_length (others) == 0)
    return TRUE;
  item = cairn_store_get_item (ls->im.store, ls->item_id, error);
  if (item == NULL)
    return FALSE;
  if (json_object_get_size (extra))
    json_object_set_object_member (item->meta, DATA_META, json_object_ref (extra));
  if (json_array_get_length (others))
    json_object_set_array_member (item->meta, RESULTS_META, json_array_ref (others));
  return cairn_store_update_item (ls->im.store, item, error);
}

static gboolean
import_task (LsImport *ls, JsonNode *node, const char *where, GError **error)
{
  JsonObject *task = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *data = cairn_json_object (task, "data");
  g_autoptr(JsonArray) others = json_array_new ();

  if (task == NULL)
    return cairn_shapes_fail (&ls->im, error, where, "expected a task object");
  if (data == NULL)
    return cairn_shapes_fail (&ls->im, error, where, "\"data\" must be an object");
  return resolve_item (ls, data, task, where, error)
         && import_sets (ls, task, "annotations", others, where, error)
         && import_sets (ls, task, "predictions", others, where, error)
         && keep_extras (ls, data, others, error);
}

static gboolean
task_cb (JsonNode *node, guint index, double fraction, gpointer data, GError **error)
{
  LsImport *ls = data;
  g_autofree char *where = g_strdup_printf ("[%u]", index);
  g_autoptr(GError) bad = NULL;

  if (!cairn_format_step (ls->im.options, fraction, NULL, error))
    return FALSE;
  if (import_task (ls, node, where, &bad))
    {
      ls->n_read++;
      return TRUE;
    }
  ls->n_bad++;
  if (ls->first_bad == NULL)
    ls->first_bad = g_strdup (bad->message);
  return part_done (ls, FALSE, &bad, error);
}

gboolean
cairn_format_labelstudio_import (CairnStore               *store,
                                 const char               *path,
                                 const CairnFormatOptions *options,
                                 CairnImportReport        *report,
                                 GError                  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  LsImport ls = { 0 };
  gboolean ok, is_array;

  if (!cairn_shapes_import_init (&ls.im, store, options, report, error))
    {
      cairn_shapes_import_clear (&ls.im);
      return FALSE;
    }
  cairn_shapes_import_set_file (&ls.im, path);
  /* Exports are lists of tasks: one task's tree at a time keeps big exports small. */
  ok = cairn_shapes_json_stream_array (&ls.im, &is_array, task_cb, &ls, error);
  if (ok && !is_array)
    {
      /* A single task, or not Label Studio at all. */
      parser = cairn_shapes_load_json (&ls.im, error);
      if (parser == NULL)
        ok = FALSE;
      else if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        ok = import_task (&ls, json_parser_get_root (parser), "$", error);
      else
        ok = cairn_shapes_fail (&ls.im, error, "$", "expected a list of tasks");
    }
  /* Not one task read: not Label Studio's, and the file fails as a whole. */
  if (ok && is_array && ls.n_read == 0 && ls.n_bad > 0)
    ok = cairn_shapes_fail (&ls.im, error, NULL, "no task could be read (the first: %s)",
                            ls.first_bad);
  g_free (ls.first_bad);
  g_free (ls.text);
  cairn_shapes_import_clear (&ls.im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
