#define G_LOG_DOMAIN "cairn-annotation"

#include <math.h>
#include <string.h>

#include "cairn-annotation.h"
#include "cairn-json.h"
#include "cairn-json-text.h"
#include "cairn-rle.h"

G_DEFINE_BOXED_TYPE (CairnAnnotation, cairn_annotation, cairn_annotation_copy,
                     cairn_annotation_free)
G_DEFINE_QUARK (cairn-model-error-quark, cairn_model_error)

/* Name, number of coords (-1 = variable, 0 = none), whether it belongs to images. */
static const struct
{
  const char *name;
  int         n_coords;
  gboolean    image;
} kinds[CAIRN_N_KINDS] = {
  [CAIRN_KIND_TAG]       = { "tag", 0, TRUE },
  [CAIRN_KIND_BOX]       = { "box", 4, TRUE },
  [CAIRN_KIND_RBOX]      = { "rbox", 5, TRUE },
  [CAIRN_KIND_ELLIPSE]   = { "ellipse", 5, TRUE },
  [CAIRN_KIND_POLYGON]   = { "polygon", -1, TRUE },
  [CAIRN_KIND_POLYLINE]  = { "polyline", -1, TRUE },
  [CAIRN_KIND_POINTS]    = { "points", -1, TRUE },
  [CAIRN_KIND_KEYPOINTS] = { "keypoints", -1, TRUE },
  [CAIRN_KIND_CUBOID]    = { "cuboid", 16, TRUE },
  [CAIRN_KIND_MASK]      = { "mask", 0, TRUE },
  [CAIRN_KIND_OCR]       = { "ocr", 4, TRUE },
  [CAIRN_KIND_CLASS]     = { "class", 0, FALSE },
  [CAIRN_KIND_SPAN]      = { "span", 2, FALSE },
  [CAIRN_KIND_RELATION]  = { "relation", 2, FALSE },
  [CAIRN_KIND_SEGMENT]   = { "segment", 2, FALSE },
  [CAIRN_KIND_TARGET]    = { "target", 0, FALSE },
};

static const char *origins[CAIRN_N_ORIGINS] = { "human", "model", "synthetic", "consensus" };

const char *
cairn_kind_to_string (CairnKind kind)
{
  g_return_val_if_fail (kind < CAIRN_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
cairn_kind_from_string (const char *name,
                        CairnKind  *kind)
{
  for (guint i = 0; i < CAIRN_N_KINDS; i++)
    if (g_strcmp0 (name, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
cairn_kind_is_image (CairnKind kind)
{
  return kind < CAIRN_N_KINDS && kinds[kind].image;
}

gboolean
cairn_kind_is_text (CairnKind kind)
{
  return kind == CAIRN_KIND_CLASS || kind == CAIRN_KIND_SPAN || kind == CAIRN_KIND_RELATION
         || kind == CAIRN_KIND_TARGET;
}

const char *
cairn_origin_to_string (CairnOrigin origin)
{
  g_return_val_if_fail (origin < CAIRN_N_ORIGINS, NULL);
  return origins[origin];
}

gboolean
cairn_origin_from_string (const char  *name,
                          CairnOrigin *origin)
{
  for (guint i = 0; i < CAIRN_N_ORIGINS; i++)
    if (g_strcmp0 (name, origins[i]) == 0)
      {
        *origin = i;
        return TRUE;
      }
  return FALSE;
}

CairnAnnotation *
cairn_annotation_new (CairnKind kind)
{
  CairnAnnotation *self = g_new0 (CairnAnnotation, 1);

  self->kind = kind;
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
  self->rings = g_array_new (FALSE, FALSE, sizeof (guint));
  self->attributes = json_object_new ();
  self->score = -1;
  return self;
}

CairnAnnotation *
cairn_annotation_copy (const CairnAnnotation *self)
{
  CairnAnnotation *copy = cairn_annotation_new (self->kind);

  copy->id = self->id;
  copy->item_id = self->item_id;
  copy->label_id = self->label_id;
  copy->annotator_id = self->annotator_id;
  g_array_append_vals (copy->coords, self->coords->data, self->coords->len);
  g_array_append_vals (copy->rings, self->rings->data, self->rings->len);
  copy->mask = self->mask ? cairn_rle_copy (self->mask) : NULL;
  copy->text = g_strdup (self->text);
  copy->speaker = g_strdup (self->speaker);
  /* Its own attributes: an edit's before and after must not share them. */
  json_object_unref (copy->attributes);
  copy->attributes = cairn_json_deep_copy_object (self->attributes);
  copy->origin = self->origin;
  copy->score = self->score;
  copy->guideline_version = self->guideline_version;
  copy->created = self->created;
  copy->updated = self->updated;
  copy->uid = g_strdup (self->uid);
  return copy;
}

void
cairn_annotation_free (CairnAnnotation *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->coords);
  g_array_unref (self->rings);
  cairn_rle_free (self->mask);
  g_free (self->text);
  g_free (self->speaker);
  json_object_unref (self->attributes);
  g_free (self->uid);
  g_free (self);
}

void
cairn_annotation_set_coords (CairnAnnotation *self,
                             const double    *values,
                             guint            n_values)
{
  g_array_set_size (self->coords, 0);
  g_array_set_size (self->rings, 0);
  g_array_append_vals (self->coords, values, n_values);
}

void
cairn_annotation_add_ring (CairnAnnotation *self,
                           const double    *xy,
                           guint            n_points)
{
  g_array_append_vals (self->coords, xy, n_points * 2);
  g_array_append_val (self->rings, n_points);
}

gsize
cairn_annotation_ring_offset (const CairnAnnotation *self,
                              guint                  ring)
{
  gsize offset = 0;

  for (guint i = 0; i < ring && i < self->rings->len; i++)
    offset += 2 * g_array_index (self->rings, guint, i);
  return offset;
}

void
cairn_annotation_set_box (CairnAnnotation *self,
                          double x, double y, double w, double h)
{
  double v[4] = { x, y, w, h };

  cairn_annotation_set_coords (self, v, 4);
}

void
cairn_annotation_set_text (CairnAnnotation *self,
                           const char      *text)
{
  g_free (self->text);
  self->text = g_strdup (text);
}

void
cairn_annotation_set_mask (CairnAnnotation *self,
                           CairnRle        *mask)
{
  cairn_rle_free (self->mask);
  self->mask = mask;
}

#define C(i) g_array_index (self->coords, double, (i))

static void
rotated_extent (double cx, double cy, double hw, double hh, double angle,
                double *x, double *y, double *w, double *h)
{
  double a = angle * G_PI / 180.0;
  double ex = fabs (hw * cos (a)) + fabs (hh * sin (a));
  double ey = fabs (hw * sin (a)) + fabs (hh * cos (a));

  *x = cx - ex;
  *y = cy - ey;
  *w = 2 * ex;
  *h = 2 * ey;
}

gboolean
cairn_annotation_bounds (const CairnAnnotation *self,
                         double *x, double *y, double *w, double *h)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint stride = self->kind == CAIRN_KIND_KEYPOINTS ? 3 : 2;

  switch (self->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      *x = C (0), *y = C (1), *w = C (2), *h = C (3);
      return TRUE;
    case CAIRN_KIND_RBOX:
      rotated_extent (C (0), C (1), C (2) / 2, C (3) / 2, C (4), x, y, w, h);
      return TRUE;
    case CAIRN_KIND_ELLIPSE:
      rotated_extent (C (0), C (1), C (2), C (3), C (4), x, y, w, h);
      return TRUE;
    case CAIRN_KIND_MASK:
      return self->mask != NULL && cairn_rle_bounds (self->mask, x, y, w, h);
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_KEYPOINTS:
    case CAIRN_KIND_CUBOID:
      for (guint i = 0; i + 1 < self->coords->len; i += stride)
        {
          if (stride == 3 && i + 2 < self->coords->len && C (i + 2) == 0)
            continue;
          min_x = MIN (min_x, C (i));
          max_x = MAX (max_x, C (i));
          min_y = MIN (min_y, C (i + 1));
          max_y = MAX (max_y, C (i + 1));
        }
      if (min_x > max_x)
        return FALSE;
      *x = min_x, *y = min_y, *w = max_x - min_x, *h = max_y - min_y;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
invalid (GError **error, const CairnAnnotation *self, const char *what)
{
  g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "%s: %s",
               cairn_kind_to_string (self->kind), what);
  return FALSE;
}

gboolean
cairn_annotation_validate (const CairnAnnotation *self,
                           GError               **error)
{
  int expected;
  guint ring_total = 0;

  g_return_val_if_fail (self->kind < CAIRN_N_KINDS, FALSE);
  expected = kinds[self->kind].n_coords;
  for (guint i = 0; i < self->coords->len; i++)
    if (!isfinite (C (i)))
      return invalid (error, self, "coordinate is not a finite number");
    else if (kinds[self->kind].image && fabs (C (i)) > CAIRN_MAX_COORDINATE)
      {
        g_autofree char *msg = g_strdup_printf ("coordinate %g is out of range (at most ±%g)",
                                                C (i), CAIRN_MAX_COORDINATE);
        return invalid (error, self, msg);
      }
  if (expected >= 0 && self->coords->len != (guint) expected)
    {
      g_autofree char *msg = g_strdup_printf ("has %u numbers, expected %d",
                                              self->coords->len, expected);
      return invalid (error, self, msg);
    }
  switch (self->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      if (C (2) < 0 || C (3) < 0)
        return invalid (error, self, "negative size");
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
      if (self->rings->len == 0)
        return invalid (error, self, "has no rings");
      for (guint i = 0; i < self->rings->len; i++)
        {
          guint n = g_array_index (self->rings, guint, i);
          if (n < (self->kind == CAIRN_KIND_POLYGON ? 3u : 2u))
            return invalid (error, self, "a ring has too few points");
          ring_total += n;
        }
      if (ring_total * 2 != self->coords->len)
        return invalid (error, self, "ring sizes do not match the coordinates");
      break;
    case CAIRN_KIND_POINTS:
      if (self->coords->len % 2 != 0)
        return invalid (error, self, "odd number of coordinates");
      break;
    case CAIRN_KIND_KEYPOINTS:
      if (self->coords->len % 3 != 0)
        return invalid (error, self, "coordinates are not x, y, visibility triples");
      for (guint i = 2; i < self->coords->len; i += 3)
        if (C (i) != 0 && C (i) != 1 && C (i) != 2)
          return invalid (error, self, "visibility must be 0, 1 or 2");
      break;
    case CAIRN_KIND_MASK:
      if (self->mask == NULL)
        return invalid (error, self, "has no mask");
      return cairn_rle_check (self->mask, error);
    case CAIRN_KIND_SPAN:
      if (C (0) < 0 || C (1) < C (0) || C (0) != floor (C (0)) || C (1) != floor (C (1)))
        return invalid (error, self, "offsets must be whole numbers with 0 ≤ start ≤ end");
      break;
    case CAIRN_KIND_SEGMENT:
      if (C (0) < 0 || C (1) < C (0))
        return invalid (error, self, "times must satisfy 0 ≤ start ≤ end");
      break;
    case CAIRN_KIND_TARGET:
      if (self->text == NULL)
        return invalid (error, self, "has no text");
      break;
    default:
      break;
    }
  return TRUE;
}

gboolean
cairn_annotation_equal (const CairnAnnotation *a,
                        const CairnAnnotation *b,
                        double                 tolerance)
{
  g_autoptr(JsonNode) na = NULL, nb = NULL;

  if (a->kind != b->kind || a->label_id != b->label_id || a->coords->len != b->coords->len
      || a->rings->len != b->rings->len || g_strcmp0 (a->text, b->text) != 0
      || g_strcmp0 (a->speaker, b->speaker) != 0 || (a->mask == NULL) != (b->mask == NULL))
    return FALSE;
  for (guint i = 0; i < a->coords->len; i++)
    if (fabs (g_array_index (a->coords, double, i) - g_array_index (b->coords, double, i))
        > tolerance)
      return FALSE;
  if (a->rings->len && memcmp (a->rings->data, b->rings->data, a->rings->len * sizeof (guint)))
    return FALSE;
  if (a->mask && !cairn_rle_equal (a->mask, b->mask))
    return FALSE;
  na = json_node_init_object (json_node_alloc (), a->attributes);
  nb = json_node_init_object (json_node_alloc (), b->attributes);
  return json_node_equal (na, nb);
}

/* Geometry JSON: an array of numbers, an array of rings (polygon, polyline), or for masks
 * {"size": [h, w], "counts": "<COCO string>"}; segments add {"t": [s, e], "speaker": ...}. */
static void
add_numbers (JsonBuilder *b, const double *v, guint n)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      if (v[i] == floor (v[i]) && fabs (v[i]) < 1e15)
        json_builder_add_int_value (b, (gint64) v[i]);
      else
        json_builder_add_double_value (b, v[i]);
    }
  json_builder_end_array (b);
}

static JsonNode *
geometry_node (const CairnAnnotation *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const double *v = (const double *) self->coords->data;

  if (self->kind == CAIRN_KIND_MASK && self->mask)
    {
      g_autofree char *counts = cairn_rle_to_string (self->mask);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "size");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, self->mask->height);
      json_builder_add_int_value (b, self->mask->width);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "counts");
      json_builder_add_string_value (b, counts);
      json_builder_end_object (b);
    }
  else if (self->kind == CAIRN_KIND_POLYGON || self->kind == CAIRN_KIND_POLYLINE)
    {
      gsize off = 0;
      json_builder_begin_array (b);
      for (guint r = 0; r < self->rings->len; r++)
        {
          guint n = g_array_index (self->rings, guint, r);
          add_numbers (b, v + off, n * 2);
          off += n * 2;
        }
      json_builder_end_array (b);
    }
  else if (self->kind == CAIRN_KIND_SEGMENT && self->speaker)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "t");
      add_numbers (b, v, self->coords->len);
      json_builder_set_member_name (b, "speaker");
      json_builder_add_string_value (b, self->speaker);
      json_builder_end_object (b);
    }
  else
    add_numbers (b, v, self->coords->len);
  return json_builder_get_root (b);
}

/* Shortest text that reads back as the same double. Coordinates nearly always have a few
 * decimals (112.33): printed with integer arithmetic, since printf's exact decimal expansion
 * was a sixth of a COCO import. Non-finite values (never stored) come out as null. */
static const double scales[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/* m / 10^k as text, built backwards in one buffer and appended once (an export writes ten
 * million of them): "112.33", "0.05", "3". */
static void
append_scaled (GString *out, guint64 m, guint k, gboolean negative)
{
  char buf[48], *end = buf + sizeof buf, *p = end;
  guint n = 0;

  do
    {
      *--p = '0' + m % 10;
      m /= 10;
      if (++n == k)
        *--p = '.';
    }
  while (m > 0 || n < k);
  if (*p == '.')
    *--p = '0';
  if (negative)
    *--p = '-';
  g_string_append_len (out, p, end - p);
}

/* Most coordinates have a few decimals: find the shortest m / 10^k that is exactly the same
 * double (the reader converts it the same way), and print m with a point put in. */
void
cairn_append_number (GString *out,
                     double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      double m = nearbyint (value * scales[k]);

      if (fabs (m) >= 9007199254740992.0)
        break;
      if (m / scales[k] == value)
        {
          append_scaled (out, (guint64) fabs (m), k, value < 0 && m != 0);
          return;
        }
    }
  for (int precision = 15; precision <= 17; precision++)
    {
      const char *formats[] = { "%.15g", "%.16g", "%.17g" };

      g_ascii_formatd (buf, sizeof buf, formats[precision - 15], value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
append_numbers (GString *out, const double *v, guint n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      cairn_append_number (out, v[i]);
    }
  g_string_append_c (out, ']');
}

char *
cairn_annotation_geometry_to_json (const CairnAnnotation *self)
{
  const double *v = (const double *) self->coords->data;
  GString *out;

  /* Masks and speakers need strings and objects: the builder does those. */
  if (self->kind == CAIRN_KIND_MASK || (self->kind == CAIRN_KIND_SEGMENT && self->speaker))
    {
      g_autoptr(JsonNode) node = geometry_node (self);
      return json_to_string (node, FALSE);
    }
  out = g_string_sized_new (16 + 12 * self->coords->len);
  if (self->kind == CAIRN_KIND_POLYGON || self->kind == CAIRN_KIND_POLYLINE)
    {
      gsize off = 0;

      g_string_append_c (out, '[');
      for (guint r = 0; r < self->rings->len; r++)
        {
          guint n = g_array_index (self->rings, guint, r);

          if (r)
            g_string_append_c (out, ',');
          append_numbers (out, v + off, n * 2);
          off += n * 2;
        }
      g_string_append_c (out, ']');
    }
  else
    append_numbers (out, v, self->coords->len);
  return g_string_free (out, FALSE);
}

static gboolean
read_numbers (JsonArray *array, GArray *out, GError **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      double v;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) == G_TYPE_STRING
          || json_node_get_value_type (n) == G_TYPE_BOOLEAN)
        {
          g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                       "geometry: element %u is not a number", i);
          return FALSE;
        }
      v = json_node_get_double (n);
      g_array_append_val (out, v);
    }
  return TRUE;
}

static gboolean
geometry_from_node (CairnAnnotation *self, JsonNode *node, GError **error)
{
  g_array_set_size (self->coords, 0);
  g_array_set_size (self->rings, 0);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);

      if (self->kind == CAIRN_KIND_MASK)
        {
          JsonArray *size = cairn_json_array (o, "size");
          const char *counts = cairn_json_string (o, "counts");
          g_autoptr(GArray) hw = g_array_new (FALSE, FALSE, sizeof (double));
          CairnRle *rle;

          if (size == NULL || counts == NULL || !read_numbers (size, hw, NULL) || hw->len != 2
              || g_array_index (hw, double, 0) < 0 || g_array_index (hw, double, 1) < 0
              || g_array_index (hw, double, 0) > 65535 || g_array_index (hw, double, 1) > 65535)
            {
              g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                                   "mask: needs \"size\": [h, w] and \"counts\"");
              return FALSE;
            }
          rle = cairn_rle_from_string (counts, (guint) g_array_index (hw, double, 0),
                                       (guint) g_array_index (hw, double, 1), error);
          if (rle == NULL)
            return FALSE;
          cairn_annotation_set_mask (self, rle);
          return TRUE;
        }
      g_free (self->speaker);
      self->speaker = g_strdup (cairn_json_string (o, "speaker"));
      node = json_object_get_member (o, "t");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                               "geometry: object without \"t\" array");
          return FALSE;
        }
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "geometry: expected an array");
      return FALSE;
    }
  if (self->kind == CAIRN_KIND_POLYGON || self->kind == CAIRN_KIND_POLYLINE)
    {
      JsonArray *rings = json_node_get_array (node);

      for (guint r = 0; r < json_array_get_length (rings); r++)
        {
          JsonNode *ring = json_array_get_element (rings, r);
          guint before = self->coords->len, n;

          if (!JSON_NODE_HOLDS_ARRAY (ring))
            {
              g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "geometry: ring %u is not an array", r);
              return FALSE;
            }
          if (!read_numbers (json_node_get_array (ring), self->coords, error))
            return FALSE;
          n = (self->coords->len - before) / 2;
          g_array_append_val (self->rings, n);
        }
      return TRUE;
    }
  return read_numbers (json_node_get_array (node), self->coords, error);
}

/* "[1,2.5,3]" or "[[1,2,3,4,5,6],[...]]": what the store holds for nearly every annotation,
 * read without building a JSON tree (exports read a million of them). FALSE, with nothing
 * changed, on anything else. */
static gboolean
parse_numbers_fast (CairnAnnotation *self, const char *json)
{
  gboolean rings = self->kind == CAIRN_KIND_POLYGON || self->kind == CAIRN_KIND_POLYLINE;
  const char *p = json, *end = json + strlen (json);
  guint ring_start = 0, n_chunk = 0;
  double chunk[64];

  if (*p++ != '[')
    return FALSE;
  g_array_set_size (self->coords, 0);
  g_array_set_size (self->rings, 0);
  if (rings && *p == ']')
    return p[1] == '\0';
  for (;;)
    {
      if (rings)
        {
          if (*p++ != '[')
            goto fail;
          ring_start = self->coords->len;
        }
      while (*p != ']')
        {
          CairnJsonNumber number;
          const char *problem;

          if ((p = cairn_json_text_number (p, end, &number, &problem)) == NULL)
            goto fail;
          /* Batched: an append call per number showed in exports. */
          chunk[n_chunk++] = number.value;
          if (n_chunk == G_N_ELEMENTS (chunk))
            g_array_append_vals (self->coords, chunk, n_chunk), n_chunk = 0;
          if (*p == ',')
            p++;
          else if (*p != ']')
            goto fail;
        }
      g_array_append_vals (self->coords, chunk, n_chunk);
      n_chunk = 0;
      p++;
      if (!rings)
        break;
      {
        guint n = (self->coords->len - ring_start) / 2;
        if ((self->coords->len - ring_start) % 2 != 0)
          goto fail;
        g_array_append_val (self->rings, n);
      }
      if (*p == ',')
        p++;
      else if (*p == ']')
        {
          p++;
          break;
        }
      else
        goto fail;
    }
  if (*p == '\0')
    return TRUE;
fail:
  g_array_set_size (self->coords, 0);
  g_array_set_size (self->rings, 0);
  return FALSE;
}

gboolean
cairn_annotation_geometry_from_json (CairnAnnotation *self,
                                     const char      *json,
                                     GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json == NULL || *json == '\0')
    return geometry_from_node (self, NULL, error);
  if (json[0] == '[' && parse_numbers_fast (self, json))
    return TRUE;
  if (!cairn_json_is_single_value (json, strlen (json)))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "geometry: text after the JSON value");
      return FALSE;
    }
  if (!cairn_json_check_limits (json, -1, error))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  return geometry_from_node (self, json_parser_get_root (parser), error);
}

JsonNode *
cairn_annotation_to_json_node (const CairnAnnotation *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonNode *attrs;

  json_builder_begin_object (b);
  if (self->id)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, self->id);
    }
  json_builder_set_member_name (b, "item");
  json_builder_add_int_value (b, self->item_id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, cairn_kind_to_string (self->kind));
  if (self->label_id)
    {
      json_builder_set_member_name (b, "label");
      json_builder_add_int_value (b, self->label_id);
    }
  if (self->annotator_id)
    {
      json_builder_set_member_name (b, "annotator");
      json_builder_add_int_value (b, self->annotator_id);
    }
  json_builder_set_member_name (b, "geometry");
  json_builder_add_value (b, geometry_node (self));
  if (self->text)
    {
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, self->text);
    }
  json_builder_set_member_name (b, "attributes");
  attrs = json_node_init_object (json_node_alloc (), self->attributes);
  json_builder_add_value (b, attrs);
  json_builder_set_member_name (b, "origin");
  json_builder_add_string_value (b, cairn_origin_to_string (self->origin));
  if (self->score >= 0)
    {
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, self->score);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

CairnAnnotation *
cairn_annotation_from_json_node (JsonNode *node,
                                 GError  **error)
{
  g_autoptr(CairnAnnotation) self = NULL;
  JsonObject *o;
  CairnKind kind;
  JsonObject *attrs;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "annotation: expected an object");
      return NULL;
    }
  o = json_node_get_object (node);
  if (!cairn_kind_from_string (cairn_json_string (o, "kind"), &kind))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "annotation: missing or unknown \"kind\"");
      return NULL;
    }
  self = cairn_annotation_new (kind);
  self->id = cairn_json_int (o, "id", 0);
  self->item_id = cairn_json_int (o, "item", 0);
  self->label_id = cairn_json_int (o, "label", 0);
  self->annotator_id = cairn_json_int (o, "annotator", 0);
  self->score = cairn_json_double (o, "score", -1);
  self->text = g_strdup (cairn_json_string (o, "text"));
  if (cairn_json_string (o, "origin")
      && !cairn_origin_from_string (cairn_json_string (o, "origin"), &self->origin))
    {
      g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                           "annotation: unknown \"origin\"");
      return NULL;
    }
  attrs = cairn_json_object (o, "attributes");
  if (attrs)
    {
      json_object_unref (self->attributes);
      self->attributes = json_object_ref (attrs);
    }
  if (!geometry_from_node (self, json_object_get_member (o, "geometry"), error))
    return NULL;
  if (!cairn_annotation_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
