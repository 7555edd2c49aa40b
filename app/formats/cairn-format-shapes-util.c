#define G_LOG_DOMAIN "cairn-format-shapes"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <stdlib.h>

#include "cairn-format-shapes-util.h"
#include "cairn-media.h"
#include "model/cairn-json.h"

/* Imports */

gboolean
cairn_shapes_import_init (CairnShapesImport        *im,
                          CairnStore               *store,
                          const CairnFormatOptions *options,
                          CairnImportReport        *report,
                          GError                  **error)
{
  memset (im, 0, sizeof *im);
  im->store = store;
  im->options = options;
  im->report = report;
  im->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im->annotator_id = cairn_format_annotator (store, options, error);
  return options == NULL || options->annotator == NULL || im->annotator_id != 0;
}

void
cairn_shapes_import_set_file (CairnShapesImport *im,
                              const char        *path)
{
  g_free (im->file);
  im->path = path;
  im->file = path ? g_path_get_basename (path) : NULL;
}

void
cairn_shapes_import_clear (CairnShapesImport *im)
{
  g_clear_pointer (&im->file, g_free);
  g_clear_pointer (&im->labels, g_hash_table_unref);
}

gboolean
cairn_shapes_fail (CairnShapesImport *im,
                   GError           **error,
                   const char        *where,
                   const char        *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (where)
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s: %s",
                 im->file ? im->file : "input", where, message);
  else
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s",
                 im->file ? im->file : "input", message);
  return FALSE;
}

gboolean
cairn_shapes_label (CairnShapesImport *im,
                    const char        *name,
                    const char        *color,
                    gint64            *id,
                    GError           **error)
{
  g_autoptr(CairnLabel) label = NULL;
  gint64 *cached;

  *id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;
  cached = g_hash_table_lookup (im->labels, name);
  if (cached)
    {
      *id = *cached;
      return TRUE;
    }
  label = cairn_store_find_label (im->store, name, NULL);
  if (label == NULL)
    {
      double r, g, b;

      label = cairn_label_new (name);
      if (color && cairn_color_parse (color, &r, &g, &b))
        label->color = g_strdup (color);
      if (!cairn_store_add_label (im->store, label, error))
        return FALSE;
      if (im->report)
        im->report->labels_added++;
    }
  *id = label->id;
  g_hash_table_insert (im->labels, g_strdup (name), g_memdup2 (id, sizeof *id));
  return TRUE;
}

gboolean
cairn_shapes_add (CairnShapesImport *im,
                  CairnAnnotation   *a,
                  const char        *where,
                  GError           **error)
{
  g_autoptr(GError) local = NULL;

  if (a->annotator_id == 0)
    a->annotator_id = im->annotator_id;
  if (!cairn_annotation_validate (a, &local))
    return cairn_shapes_fail (im, error, where, "%s", local->message);
  if (!cairn_format_add_annotation (im->store, a, im->report, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s: %s", im->file, where,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* Found as cairn_format_ensure_image would find it, inside the media roots (not counted
 * here: ensure_image counts what it refuses). */
static gboolean
file_beside (CairnShapesImport *im, const char *name)
{
  g_autofree char *path = cairn_format_locate_media (name, im->path, im->options, NULL);

  return path != NULL;
}

gboolean
cairn_shapes_image_known (CairnShapesImport *im,
                          const char        *name)
{
  g_autofree char *base = g_path_get_basename (name);
  CairnItemFilter filter = { CAIRN_ITEM_IMAGE, -1, NULL };

  return cairn_store_find_item_by_uri (im->store, name) != 0
         || cairn_store_find_item_by_uri (im->store, base) != 0
         || cairn_store_find_item_by_basename (im->store, base, &filter) != 0
         || file_beside (im, name);
}

static gint64
add_embedded (CairnShapesImport *im, const char *name, GBytes *bytes, GError **error)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(GError) local = NULL;
  gint64 existing;

  if (!cairn_media_probe_image (bytes, im->options ? im->options->max_pixels : 0, &item->width,
                                &item->height, &item->orientation, &local))
    {
      cairn_shapes_fail (im, error, name, "the embedded image cannot be decoded: %s",
                         local->message);
      return 0;
    }
  item->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  existing = cairn_store_find_item_by_sha256 (im->store, item->sha256);
  if (existing)
    {
      if (im->report)
        im->report->items_skipped++;
      return existing;
    }
  item->uri = g_strdup (name);
  item->blob = g_bytes_ref (bytes);
  json_object_set_string_member (item->meta, "source", im->file);
  if (!cairn_store_add_item (im->store, item, error))
    return 0;
  if (im->report)
    im->report->items_added++;
  return item->id;
}

gint64
cairn_shapes_image (CairnShapesImport *im,
                    const char        *name,
                    gint               width,
                    gint               height,
                    GBytes            *embedded,
                    GError           **error)
{
  if (embedded && !cairn_shapes_image_known (im, name))
    return add_embedded (im, name, embedded, error);
  return cairn_format_ensure_image (im->store, name, width, height, NULL, NULL, im->path,
                                    im->options, im->report, error);
}

void
cairn_shapes_item_size (CairnShapesImport *im,
                        gint64             item_id,
                        gint              *width,
                        gint              *height)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (im->store, item_id, NULL);

  *width = item ? item->width : 0;
  *height = item ? item->height : 0;
}

static const char *
skip_space (const char *p, const char *end, guint *line)
{
  while (p < end && g_ascii_isspace (*p))
    {
      if (*p == '\n')
        (*line)++;
      p++;
    }
  return p;
}

/* The end of the JSON value starting at p: the ',' or ']' after it at depth 0, or end. */
static const char *
value_end (const char *p, const char *end, guint *line)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (; p < end; p++)
    {
      char c = *p;

      if (c == '\n')
        (*line)++;
      if (in_string)
        {
          if (c == '\\')
            p++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return p;
          depth--;
        }
      else if (c == ',' && depth == 0)
        return p;
    }
  return end;
}

/* Just past the string whose opening quote p is on, or NULL. */
static const char *
string_end (const char *p, const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

/* Just past the JSON value at p (or end when it does not close: the parser says why). */
static const char *
one_value_end (const char *p, const char *end)
{
  guint depth = 0;

  if (*p == '"')
    {
      const char *q = string_end (p, end);
      return q ? q : end;
    }
  if (*p != '{' && *p != '[')
    {
      while (p < end && !g_ascii_isspace (*p) && !strchr (",]}[{\"", *p))
        p++;
      return p;
    }
  for (; p < end; p++)
    {
      if (*p == '"')
        {
          p = string_end (p, end);
          if (p == NULL)
            return end;
          p--;
        }
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
    }
  return end;
}

/* json-glib 1.6 takes "{...} {...}" for one document, keeps the last value and leaks the
 * others: refuse text after the first value before it gets there. */
gboolean
cairn_shapes_json_check_single (CairnShapesImport *im,
                                const char        *text,
                                gsize              length,
                                guint              line,
                                const char        *where,
                                GError           **error)
{
  const char *p = text, *end;
  g_autoptr(GError) local = NULL;

  if (text == NULL || length == 0)
    return TRUE;
  if (!cairn_json_check_limits (text, length, &local))
    return cairn_shapes_fail (im, error, where, "%s", local->message);
  end = text + length;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p, end, &line);
  if (p == end)
    return TRUE;
  p = one_value_end (p, end);
  for (const char *q = text; q < p; q++)
    if (*q == '\n')
      line++;
  p = skip_space (p, end, &line);
  if (p != end)
    return cairn_shapes_fail (im, error, where, "line %u: unexpected text after the JSON value",
                              line);
  return TRUE;
}

static gboolean
parse_element (CairnShapesImport *im, const char *start, gsize length, guint line, guint index,
               double fraction, CairnShapesElementFunc func, gpointer data, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *where = g_strdup_printf ("[%u]", index);

  if (!cairn_shapes_json_check_single (im, start, length, line, where, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, start, length, &local))
    return cairn_shapes_fail (im, error, where, "line %u: %s", line, local->message);
  if (json_parser_get_root (parser) == NULL)
    return cairn_shapes_fail (im, error, where, "line %u: expected a value", line);
  return func (json_parser_get_root (parser), index, fraction, data, error);
}

gboolean
cairn_shapes_json_stream_array (CairnShapesImport     *im,
                                gboolean              *is_array,
                                CairnShapesElementFunc func,
                                gpointer               data,
                                GError               **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local = NULL;
  const char *contents, *p, *end;
  guint line = 1, index = 0;
  gsize length;

  *is_array = FALSE;
  mapped = g_mapped_file_new (im->path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", im->path,
                   local->message);
      return FALSE;
    }
  contents = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (contents == NULL || length == 0)
    return TRUE;
  end = contents + length;
  p = contents;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p, end, &line);
  if (p == end || *p != '[')
    return TRUE;
  *is_array = TRUE;
  p = skip_space (p + 1, end, &line);
  if (p < end && *p == ']')
    p++;
  else
    for (;;)
      {
        guint start_line = line;
        const char *start = p;

        p = value_end (p, end, &line);
        if (p == end)
          return cairn_shapes_fail (im, error, NULL, "line %u: the list is not closed", line);
        if (!parse_element (im, start, p - start, start_line, index++,
                            (double) (p - contents) / length, func, data, error))
          return FALSE;
        if (*p++ == ']')
          break;
        p = skip_space (p, end, &line);
      }
  p = skip_space (p, end, &line);
  if (p != end)
    return cairn_shapes_fail (im, error, NULL, "line %u: unexpected text after the list", line);
  return TRUE;
}

GMappedFile *
cairn_shapes_map_file (CairnShapesImport *im,
                       GError           **error)
{
  g_autoptr(GError) local = NULL;
  GMappedFile *mapped = g_mapped_file_new (im->path, FALSE, &local);

  if (mapped == NULL)
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", im->path,
                 local->message);
  return mapped;
}

JsonNode *
cairn_shapes_json_parse (CairnShapesImport *im,
                         const char        *text,
                         gsize              length,
                         guint              line,
                         const char        *where,
                         GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;

  if (!cairn_shapes_json_check_single (im, text, length, line, where, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, length, &local))
    {
      cairn_shapes_fail (im, error, where, "line %u: %s", line, local->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      cairn_shapes_fail (im, error, where, "line %u: expected a value", line);
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

gboolean
cairn_shapes_json_members (CairnShapesImport     *im,
                           const char            *text,
                           gsize                  length,
                           guint                  line,
                           CairnShapesMemberFunc  func,
                           gpointer               data,
                           GError               **error)
{
  const char *p = text, *end = text ? text + length : NULL;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p, end, &line);
  if (p == end || *p != '{')
    return cairn_shapes_fail (im, error, NULL, "line %u: expected an object", line);
  p = skip_space (p + 1, end, &line);
  if (p < end && *p == '}')
    return TRUE;
  for (;;)
    {
      g_autoptr(JsonNode) key = NULL;
      const char *key_end, *value;
      guint value_line;

      if (p == end || *p != '"' || (key_end = string_end (p, end)) == NULL)
        return cairn_shapes_fail (im, error, NULL, "line %u: expected a member name", line);
      key = cairn_shapes_json_parse (im, p, key_end - p, line, NULL, error);
      if (key == NULL)
        return FALSE;
      p = skip_space (key_end, end, &line);
      if (p == end || *p != ':')
        return cairn_shapes_fail (im, error, NULL, "line %u: expected “:”", line);
      p = skip_space (p + 1, end, &line);
      value = p;
      value_line = line;
      p = value_end (p, end, &line);
      if (p == end || *p == ']')
        return cairn_shapes_fail (im, error, NULL, "line %u: the object is not closed", line);
      if (!func (json_node_get_string (key), value, p - value, value_line, data, error))
        return FALSE;
      if (*p++ == '}')
        return TRUE;
      p = skip_space (p, end, &line);
    }
}

JsonParser *
cairn_shapes_load_json (CairnShapesImport *im,
                        GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GMappedFile) mapped = cairn_shapes_map_file (im, error);

  if (mapped == NULL
      || !cairn_shapes_json_check_single (im, g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped), 1, NULL, error))
    return NULL;
  if (!json_parser_load_from_mapped_file (parser, im->path, &local))
    {
      /* json-glib's parse errors already start with the path. */
      g_set_error (error, CAIRN_FORMAT_ERROR,
                   local->domain == JSON_PARSER_ERROR ? CAIRN_FORMAT_ERROR_PARSE
                                                      : CAIRN_FORMAT_ERROR_IO,
                   "%s%s%s", strstr (local->message, im->path) ? "" : im->path,
                   strstr (local->message, im->path) ? "" : ": ", local->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      cairn_shapes_fail (im, error, NULL, "the file is empty");
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/* JSON */

gboolean
cairn_shapes_truthy (JsonNode *node)
{
  double v;
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (cairn_json_node_number (node, &v))
    return v != 0;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  s = json_node_get_string (node);
  return g_ascii_strcasecmp (s, "1") == 0 || g_ascii_strcasecmp (s, "true") == 0
         || g_ascii_strcasecmp (s, "yes") == 0;
}

void
cairn_shapes_add_number (JsonBuilder *builder,
                         double       value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

char *
cairn_shapes_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  /* 15 significant digits are enough for most values and read better than 17. */
  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buf, sizeof buf, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* Exports */

const char *
cairn_shapes_label_name (CairnShapesExport *ex,
                         gint64             id)
{
  const CairnLabel *label = cairn_export_context_label (ex, id);

  return label ? label->name : "";
}

typedef struct
{
  gint64     annotator_id;
  GPtrArray *list;
} Collect;

static gboolean
collect_cb (const CairnAnnotation *annotation, gpointer user_data)
{
  Collect *c = user_data;

  if (c->annotator_id == 0 || annotation->annotator_id == c->annotator_id)
    g_ptr_array_add (c->list, cairn_annotation_copy (annotation));
  return TRUE;
}

gboolean
cairn_shapes_foreach_item (CairnShapesExport  *ex,
                           gint                kind,
                           const char         *split,
                           double              from,
                           double              to,
                           CairnShapesItemFunc func,
                           gpointer            data,
                           GError            **error)
{
  CairnItemFilter filter = { kind, -1, split };
  g_autoptr(GArray) ids = cairn_store_list_item_ids (ex->store, &filter, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      CairnAnnotationFilter af = CAIRN_ANNOTATION_FILTER_ANY;
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (
        (GDestroyNotify) cairn_annotation_free);
      g_autoptr(CairnItem) item = NULL;
      Collect c = { ex->annotator_id, list };

      if (!cairn_format_step (ex->options, from + (to - from) * i / ids->len, NULL, error))
        return FALSE;
      item = cairn_store_get_item (ex->store, g_array_index (ids, gint64, i), error);
      if (item == NULL)
        return FALSE;
      af.item_id = item->id;
      af.annotator_id = ex->annotator_id;
      if (!cairn_store_foreach_annotation (ex->store, &af, collect_cb, &c, error)
          || !func (ex, item, list, data, error))
        return FALSE;
    }
  return cairn_format_step (ex->options, to, NULL, error);
}

const char *const *
cairn_shapes_splits (const CairnFormatOptions *options,
                     guint                    *n_splits)
{
  static const char *const all[] = { NULL };

  if (options && options->splits && options->splits[0])
    {
      *n_splits = g_strv_length (options->splits);
      return (const char *const *) options->splits;
    }
  *n_splits = 1;
  return all;
}

GOutputStream *
cairn_shapes_create_file (const char *path,
                          GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local);
  if (out == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  return g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 1 << 16);
}

gboolean
cairn_shapes_write (GOutputStream *out,
                    const char    *text,
                    GError       **error)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
}

gboolean
cairn_shapes_write_node (GOutputStream *out,
                         JsonNode      *node,
                         gboolean       pretty,
                         GError       **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  gsize length;
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  text = json_generator_to_data (gen, &length);
  return g_output_stream_write_all (out, text, length, NULL, NULL, error);
}

gboolean
cairn_shapes_close (GOutputStream *out,
                    const char    *path,
                    GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_output_stream_close (out, NULL, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

char *
cairn_shapes_unique_name (const CairnFormatOptions *options,
                          GHashTable               *used,
                          const CairnItem          *item,
                          const char               *extension)
{
  g_autofree char *fallback = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  g_autofree char *own = item->uri ? g_path_get_basename (item->uri) : NULL;
  g_autofree char *base = cairn_format_safe_file_name (options, own ? own : fallback, fallback);
  char *dot = strrchr (base, '.');
  char *name;

  if (dot && dot != base && extension)
    *dot = '\0';
  name = g_strconcat (base, extension ? extension : "", NULL);
  if (g_hash_table_contains (used, name))
    {
      g_free (name);
      name = g_strdup_printf ("%s-%" G_GINT64_FORMAT "%s", base, item->id,
                              extension ? extension : "");
    }
  g_hash_table_add (used, g_strdup (name));
  return name;
}

gboolean
cairn_shapes_media_is_file (CairnShapesExport *ex,
                            const CairnItem   *item)
{
  g_autofree char *path = NULL;

  if (item->uri == NULL)
    return FALSE;
  path = cairn_store_resolve_uri (ex->store, item->uri);
  return path && g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Masks */

typedef struct
{
  GArray   *counts;
  guint8    value;
  guint64   run;
} Runs;

static void
runs_add (Runs *r, guint8 value, guint64 n)
{
  if (n == 0)
    return;
  if (value != r->value)
    {
      guint32 run = (guint32) r->run;
      g_array_append_val (r->counts, run);
      r->run = 0;
      r->value = value;
    }
  r->run += n;
}

CairnRle *
cairn_shapes_rle_from_local (const guint8 *bits,
                             guint         local_width,
                             guint         local_height,
                             gint64        left,
                             gint64        top,
                             guint         width,
                             guint         height)
{
  CairnRle *rle = cairn_rle_new (height, width);
  Runs r = { rle->counts, 0, 0 };
  gint64 y0 = CLAMP (top, 0, (gint64) height);
  gint64 y1 = CLAMP (top + (gint64) local_height, 0, (gint64) height);

  /* Column-major, as COCO counts: columns outside the box are one long run of 0. */
  for (gint64 x = 0; x < width; x++)
    {
      gint64 lx = x - left;

      if (lx < 0 || lx >= local_width)
        {
          runs_add (&r, 0, height);
          continue;
        }
      runs_add (&r, 0, y0);
      for (gint64 y = y0; y < y1; y++)
        runs_add (&r, bits[(gsize) (y - top) * local_width + lx] ? 1 : 0, 1);
      runs_add (&r, 0, height - y1);
    }
  {
    guint32 run = (guint32) r.run;
    g_array_append_val (rle->counts, run);
  }
  return rle;
}

guint8 *
cairn_shapes_rle_crop (const CairnRle *rle,
                       guint          *left,
                       guint          *top,
                       guint          *width,
                       guint          *height)
{
  double x, y, w, h;
  guint8 *bits;
  guint64 pos = 0;

  if (rle->height == 0 || !cairn_rle_bounds (rle, &x, &y, &w, &h))
    return NULL;
  *left = (guint) x, *top = (guint) y, *width = (guint) w, *height = (guint) h;
  bits = g_malloc0 ((gsize) *width * *height);
  for (guint i = 0; i < rle->counts->len; i++)
    {
      guint32 run = g_array_index (rle->counts, guint32, i);

      if (i % 2 == 1)
        for (guint64 p = pos; p < pos + run; p++)
          {
            guint px = p / rle->height, py = p % rle->height;
            bits[(gsize) (py - *top) * *width + (px - *left)] = 1;
          }
      pos += run;
    }
  return bits;
}

static void
size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  int *size = data;

  if (width > 0 && height > 0 && size[0] == 0)
    {
      size[0] = width;
      size[1] = height;
    }
  /* A zero size makes the loader stop before it allocates the image. */
  gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* The image's size from its header, without decoding it. */
static gboolean
header_size (GBytes *bytes, int *width, int *height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  int size[2] = { 0, 0 };

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  /* Both fail once the size is set to zero; only the size matters here. */
  gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  gdk_pixbuf_loader_close (loader, NULL);
  *width = size[0];
  *height = size[1];
  return size[0] > 0;
}

static GdkPixbuf *
decode_pixbuf (GBytes *bytes, GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  GdkPixbuf *pixbuf;
  int width, height;

  /* A header may promise any size: check it before anything is allocated. */
  if (!header_size (bytes, &width, &height))
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "not an image this system can decode");
      return NULL;
    }
  if ((guint64) width * height > CAIRN_SHAPES_MAX_PIXELS)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "the image is too big (%d × %d)", width, height);
      return NULL;
    }
  loader = gdk_pixbuf_loader_new ();

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error)
      || !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "the image could not be decoded");
      return NULL;
    }
  return g_object_ref (pixbuf);
}

guint8 *
cairn_shapes_png_mask_decode (GBytes  *png,
                              guint   *width,
                              guint   *height,
                              GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = decode_pixbuf (png, error);
  const guint8 *pixels;
  guint8 *bits;
  int stride, channels;
  gboolean alpha;

  if (pixbuf == NULL)
    return NULL;
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
  if ((guint64) *width * *height > CAIRN_SHAPES_MAX_PIXELS)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "the mask is too big (%u × %u)", *width, *height);
      return NULL;
    }
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  bits = g_malloc0 (MAX ((gsize) *width * *height, 1));
  /* Masks come as 1-bit, 0/1 or 0/255 grey: any non-zero, non-transparent pixel is set. */
  for (guint y = 0; y < *height; y++)
    for (guint x = 0; x < *width; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;
        gboolean on = p[0] || p[1] || p[2];

        if (alpha && p[3] == 0)
          on = FALSE;
        bits[(gsize) y * *width + x] = on;
      }
  return bits;
}

static guint32
crc32_update (guint32 crc, const guint8 *data, gsize n)
{
  crc = ~crc;
  for (gsize i = 0; i < n; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
  return ~crc;
}

static void
png_chunk (GByteArray *png, const char *type, const guint8 *data, gsize n)
{
  guint8 be[4] = { n >> 24, n >> 16, n >> 8, n };
  guint32 crc;

  g_byte_array_append (png, be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (n)
    g_byte_array_append (png, data, n);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, n);
  be[0] = crc >> 24, be[1] = crc >> 16, be[2] = crc >> 8, be[3] = crc;
  g_byte_array_append (png, be, 4);
}

static GBytes *
deflate_bytes (const guint8 *data, gsize n)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (zlib));

  /* Writing to memory cannot fail. */
  g_output_stream_write_all (out, data, n, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

GBytes *
cairn_shapes_png_mask_encode (const guint8 *bits,
                              guint         width,
                              guint         height)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize row = 1 + (width + 7) / 8;
  g_autofree guint8 *raw = g_malloc0 (MAX (row * height, 1));
  g_autoptr(GBytes) idat = NULL;
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height,
                      1, 0, 0, 0, 0 };
  gsize n;
  const guint8 *p;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      if (bits[(gsize) y * width + x])
        raw[y * row + 1 + x / 8] |= 0x80 >> (x % 8);
  idat = deflate_bytes (raw, row * height);
  p = g_bytes_get_data (idat, &n);
  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_chunk (png, "IDAT", p, n);
  png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

/* Geometry */

void
cairn_shapes_rbox_corners (const double *rbox,
                           double       *corners)
{
  static const double sx[4] = { -1, 1, 1, -1 }, sy[4] = { -1, -1, 1, 1 };
  double a = rbox[4] * G_PI / 180.0, c = cos (a), s = sin (a);

  /* y points down, so the usual rotation matrix turns clockwise on screen. */
  for (int i = 0; i < 4; i++)
    {
      double dx = sx[i] * rbox[2] / 2, dy = sy[i] * rbox[3] / 2;

      corners[2 * i] = rbox[0] + dx * c - dy * s;
      corners[2 * i + 1] = rbox[1] + dx * s + dy * c;
    }
}

void
cairn_shapes_ellipse_points (const double *e,
                             guint         n,
                             double       *xy)
{
  double a = e[4] * G_PI / 180.0, c = cos (a), s = sin (a);

  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * i / n;
      double dx = e[2] * cos (t), dy = e[3] * sin (t);

      xy[2 * i] = e[0] + dx * c - dy * s;
      xy[2 * i + 1] = e[1] + dx * s + dy * c;
    }
}

double
cairn_shapes_normalize_angle (double degrees)
{
  double a = fmod (degrees, 360.0);

  if (a < 0)
    a += 360.0;
  if (a >= 360.0)
    a = 0;
  return a;
}
