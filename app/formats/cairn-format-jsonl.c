#define G_LOG_DOMAIN "cairn-format-jsonl"

#include <math.h>

#include "model/cairn-json.h"
#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"
#include "cairn-jsonl-audio-private.h"

/* JSON Lines as doccano and spaCy/Prodigy write them. Each line's shape is recognised by its
 * members; members this file does not interpret are kept in item meta "jsonl" and written back
 * on export. */

static const char *const interpreted[] = {
  "text", "data", "label", "labels", "entities", "relations", "spans", "ents", "cats", NULL
};

/* Members of a span object that are not attributes. */
static const char *const span_members[] = {
  "start", "end", "start_offset", "end_offset", "label", "id", "text", "token_start",
  "token_end", "attributes", NULL
};

static const char *const relation_members[] = {
  "id", "from_id", "to_id", "type", "label", "head", "child", "head_span", "child_span",
  "attributes", NULL
};

typedef struct
{
  CairnTextImport  im;
  CairnLineReader *reader;
  const char      *path;
  const char      *text;
  CairnCharIndex   index;
  GHashTable      *entity_ids;  /* doccano entity id → annotation id (both gint64) */
  GPtrArray       *spans;       /* CairnAnnotation: this line's spans, for head_span lookups */
} JsonlImport;

static gboolean
fail (JsonlImport *j, GError **error, const char *path, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail (JsonlImport *j, GError **error, const char *path, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s: %s",
               cairn_line_reader_name (j->reader), cairn_line_reader_line (j->reader), path,
               what);
  return FALSE;
}

/* A part of a line that cannot be read (a span, a class, a relation, a member of the wrong
 * type) is skipped alone: nothing of it was written. */
static gboolean
part_done (JsonlImport *j, gboolean ok, GError **bad, GError **error)
{
  return ok || cairn_format_skip_record (j->im.options, j->im.report, bad, error);
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static void
copy_extra_members (JsonObject *from, const char *const *known, JsonObject *to)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, from);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_strv_contains (known, member))
      json_object_set_member (to, member, json_node_copy (value));
}

/* Checks [start, end) against the text (and against "text" when the span carries one), then
 * adds it. */
static CairnAnnotation *
add_span (JsonlImport *j, const char *path, gint64 start, gint64 end, const char *label,
          const char *expected, JsonObject *extra, GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
  double coords[2] = { start, end };

  if (label == NULL || *label == '\0')
    {
      fail (j, error, path, "a span needs a label");
      return NULL;
    }
  if (start < 0 || end > (gint64) j->index.n_chars || start >= end)
    {
      fail (j, error, path, "span %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") is %s the text "
            "(%" G_GSIZE_FORMAT " characters)", label, start, end,
            start >= end ? "empty or reversed, not a range of" : "outside", j->index.n_chars);
      return NULL;
    }
  if (expected)
    {
      g_autofree char *actual = cairn_char_index_dup (&j->index, start, end);

      if (!g_str_equal (actual, expected))
        {
          fail (j, error, path, "span text “%s” does not match the text at [%" G_GINT64_FORMAT
                ", %" G_GINT64_FORMAT "): “%s”", expected, start, end, actual);
          return NULL;
        }
    }
  /* Kept (the offsets are what the file says), but a span that cuts "é" written as e + ◌́ in
   * two is almost always an off-by-one of the tool that wrote it. */
  for (guint k = 0; k < 2; k++)
    if (!cairn_char_index_is_boundary (&j->index, k ? end : start))
      {
        cairn_import_report_warn (j->im.report, "%s:%u: %s: span %s [%" G_GINT64_FORMAT ", %"
                                  G_GINT64_FORMAT ") splits a character at offset %"
                                  G_GINT64_FORMAT " (a combining mark or joined emoji)",
                                  cairn_line_reader_name (j->reader),
                                  cairn_line_reader_line (j->reader), path, label, start, end,
                                  k ? end : start);
        break;
      }
  cairn_annotation_set_coords (a, coords, 2);
  a->label_id = cairn_text_import_label (&j->im, label, error);
  if (a->label_id == 0)
    return NULL;
  if (extra)
    {
      JsonNode *attributes = json_object_get_member (extra, "attributes");

      if (attributes && JSON_NODE_HOLDS_OBJECT (attributes))
        copy_extra_members (json_node_get_object (attributes), (const char *const[]) { NULL },
                            a->attributes);
      copy_extra_members (extra, span_members, a->attributes);
    }
  if (!cairn_text_import_add (&j->im, a, error))
    return NULL;
  g_ptr_array_add (j->spans, cairn_annotation_copy (a));
  return g_steal_pointer (&a);
}

static gboolean
add_class (JsonlImport *j, const char *path, const char *label, double score, GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_CLASS);

  if (*label == '\0')
    return fail (j, error, path, "empty label name");
  a->label_id = cairn_text_import_label (&j->im, label, error);
  a->score = score;
  return a->label_id && cairn_text_import_add (&j->im, a, error);
}

/* [start, end, "label"] */
static gboolean
read_span_array (JsonlImport *j, const char *path, JsonArray *triple, GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  gint64 start, end;

  if (json_array_get_length (triple) != 3
      || !is_number (json_array_get_element (triple, 0))
      || !is_number (json_array_get_element (triple, 1))
      || !JSON_NODE_HOLDS_VALUE (json_array_get_element (triple, 2))
      || json_node_get_value_type (json_array_get_element (triple, 2)) != G_TYPE_STRING)
    return fail (j, error, path, "expected [start, end, \"label\"]");
  start = json_array_get_int_element (triple, 0);
  end = json_array_get_int_element (triple, 1);
  if (json_array_get_double_element (triple, 0) != start
      || json_array_get_double_element (triple, 1) != end)
    return fail (j, error, path, "offsets must be whole numbers");
  a = add_span (j, path, start, end, json_array_get_string_element (triple, 2), NULL, NULL,
                error);
  return a != NULL;
}

/* {"start", "end", "label"} (spaCy/Prodigy) or {"start_offset", "end_offset", "label", "id"}
 * (doccano). */
static gboolean
read_span_object (JsonlImport *j, const char *path, JsonObject *o, GError **error)
{
  g_autoptr(CairnAnnotation) a = NULL;
  gboolean doccano = json_object_has_member (o, "start_offset");
  gint64 start, end, id;

  if (!cairn_json_get_int (o, doccano ? "start_offset" : "start", &start)
      || !cairn_json_get_int (o, doccano ? "end_offset" : "end", &end))
    return fail (j, error, path, doccano ? "needs whole-number \"start_offset\" and \"end_offset\""
                                         : "needs whole-number \"start\" and \"end\"");
  if (cairn_json_get_int (o, "id", &id) && g_hash_table_contains (j->entity_ids, &id))
    return fail (j, error, path, "entity id %" G_GINT64_FORMAT " is used twice", id);
  a = add_span (j, path, start, end, cairn_json_string (o, "label"),
                cairn_json_string (o, "text"), o, error);
  if (a == NULL)
    return FALSE;
  if (cairn_json_get_int (o, "id", &id))
    g_hash_table_insert (j->entity_ids, g_memdup2 (&id, sizeof id),
                         g_memdup2 (&a->id, sizeof a->id));
  return TRUE;
}

static gboolean
read_span_list (JsonlImport *j, const char *member, JsonArray *list, const char *group,
                GError **error)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *path = group ? g_strdup_printf ("$.%s.%s[%u]", member, group, i)
                                    : g_strdup_printf ("$.%s[%u]", member, i);
      g_autoptr(GError) bad = NULL;
      gboolean ok;

      if (JSON_NODE_HOLDS_ARRAY (node))
        ok = read_span_array (j, path, json_node_get_array (node), &bad);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *o = json_node_get_object (node);

          /* spaCy span groups: the group's key travels as an attribute. */
          if (group && !json_object_has_member (o, "spans_key"))
            json_object_set_string_member (o, "spans_key", group);
          ok = read_span_object (j, path, o, &bad);
        }
      else
        ok = fail (j, &bad, path, "expected a span object or [start, end, \"label\"]");
      if (!part_done (j, ok, &bad, error))
        return FALSE;
    }
  return TRUE;
}

/* doccano "label": [[s, e, "L"], ...] for spans, ["a", "b"] for classes. */
static gboolean
read_label_member (JsonlImport *j, const char *member, JsonNode *node, GError **error)
{
  g_autofree char *path = g_strdup_printf ("$.%s", member);
  JsonArray *list;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (j, error, path, "expected an array");
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      g_autofree char *where = g_strdup_printf ("$.%s[%u]", member, i);
      g_autoptr(GError) bad = NULL;
      gboolean ok;

      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        ok = add_class (j, where, json_node_get_string (e), -1, &bad);
      else if (JSON_NODE_HOLDS_ARRAY (e))
        ok = read_span_array (j, where, json_node_get_array (e), &bad);
      else
        ok = fail (j, &bad, where, "expected [start, end, \"label\"] or a label name");
      if (!part_done (j, ok, &bad, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_cats (JsonlImport *j, JsonNode *node, GError **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return read_label_member (j, "cats", node, error);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *path = g_strdup_printf ("$.cats.%s", name);
          g_autoptr(GError) bad = NULL;
          gboolean ok = TRUE;
          double v = 0;

          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
            v = json_node_get_boolean (value);
          else if (is_number (value))
            v = json_node_get_double (value);
          else
            ok = fail (j, &bad, path, "expected a number");
          /* 0 means "not this class"; 1 a plain class; anything between is a score. */
          if (ok && (!isfinite (v) || v < 0 || v > 1))
            ok = fail (j, &bad, path, "expected a number from 0 to 1");
          if (ok && v > 0)
            ok = add_class (j, path, name, v == 1 ? -1 : v, &bad);
          if (!part_done (j, ok, &bad, error))
            return FALSE;
        }
      return TRUE;
    }
  return fail (j, error, "$.cats", "expected an object of label: score, or a list of labels");
}

static gint64
find_span (JsonlImport *j, JsonObject *span)
{
  gint64 start, end;
  const char *label = cairn_json_string (span, "label");

  if (!cairn_json_get_int (span, "start", &start) || !cairn_json_get_int (span, "end", &end))
    return 0;
  for (guint i = 0; i < j->spans->len; i++)
    {
      CairnAnnotation *a = j->spans->pdata[i];

      if (g_array_index (a->coords, double, 0) != start
          || g_array_index (a->coords, double, 1) != end)
        continue;
      if (label && g_hash_table_contains (j->im.labels, label)
          && *(gint64 *) g_hash_table_lookup (j->im.labels, label) != a->label_id)
        continue;
      return a->id;
    }
  return 0;
}

static gboolean
read_relation (JsonlImport *j, const char *path, JsonObject *o, GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_RELATION);
  JsonNode *attributes = json_object_get_member (o, "attributes");
  const char *label = cairn_json_string (o, "type");
  gint64 ends[2] = { 0, 0 };
  double coords[2];

  if (label == NULL)
    label = cairn_json_string (o, "label");
  if (label == NULL || *label == '\0')
    return fail (j, error, path, "a relation needs a \"type\" or \"label\"");
  if (json_object_has_member (o, "from_id"))
    {
      const char *names[2] = { "from_id", "to_id" };

      for (int k = 0; k < 2; k++)
        {
          gint64 id;
          gint64 *target;

          if (!cairn_json_get_int (o, names[k], &id))
            return fail (j, error, path, "\"%s\" must be an entity id", names[k]);
          target = g_hash_table_lookup (j->entity_ids, &id);
          if (target == NULL)
            return fail (j, error, path, "%s %" G_GINT64_FORMAT " names no entity on this line",
                         names[k], id);
          ends[k] = *target;
        }
    }
  else if (json_object_has_member (o, "head_span"))
    {
      const char *names[2] = { "head_span", "child_span" };

      for (int k = 0; k < 2; k++)
        {
          JsonNode *span = json_object_get_member (o, names[k]);

          if (span == NULL || !JSON_NODE_HOLDS_OBJECT (span)
              || (ends[k] = find_span (j, json_node_get_object (span))) == 0)
            return fail (j, error, path, "\"%s\" matches none of this line's spans", names[k]);
        }
    }
  else
    return fail (j, error, path, "a relation needs \"from_id\"/\"to_id\" or "
                 "\"head_span\"/\"child_span\"");
  coords[0] = ends[0];
  coords[1] = ends[1];
  cairn_annotation_set_coords (a, coords, 2);
  a->label_id = cairn_text_import_label (&j->im, label, error);
  if (a->label_id == 0)
    return FALSE;
  if (attributes && JSON_NODE_HOLDS_OBJECT (attributes))
    copy_extra_members (json_node_get_object (attributes), (const char *const[]) { NULL },
                        a->attributes);
  copy_extra_members (o, relation_members, a->attributes);
  return cairn_text_import_add (&j->im, a, error);
}

static gboolean
read_relations (JsonlImport *j, JsonNode *node, GError **error)
{
  JsonArray *list;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (j, error, "$.relations", "expected an array");
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      g_autofree char *path = g_strdup_printf ("$.relations[%u]", i);
      g_autoptr(GError) bad = NULL;
      gboolean ok = JSON_NODE_HOLDS_OBJECT (e)
                      ? read_relation (j, path, json_node_get_object (e), &bad)
                      : fail (j, &bad, path, "expected an object");

      if (!part_done (j, ok, &bad, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_spans_member (JsonlImport *j, const char *member, JsonNode *node, GError **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    return read_span_list (j, member, json_node_get_array (node), NULL, error);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *group;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &group, &value))
        {
          g_autofree char *path = g_strdup_printf ("$.%s.%s", member, group);

          if (!JSON_NODE_HOLDS_ARRAY (value))
            return fail (j, error, path, "expected an array of spans");
          if (!read_span_list (j, member, json_node_get_array (value), group, error))
            return FALSE;
        }
      return TRUE;
    }
  return fail (j, error, member, "expected an array of spans");
}

static gboolean
read_object (JsonlImport *j, JsonObject *o, GError **error)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autofree char *source = NULL;
  const char *text = cairn_json_string (o, "text");
  JsonNode *node;

  /* A transcript (segments.jsonl). */
  if (text == NULL && cairn_jsonl_is_audio_line (o))
    {
      g_autofree char *where = g_strdup_printf ("%s:%u", cairn_line_reader_name (j->reader),
                                                cairn_line_reader_line (j->reader));

      return cairn_jsonl_read_audio (&j->im, j->path, where, o, error);
    }
  if (text == NULL)
    text = cairn_json_string (o, "data");
  if (text == NULL)
    return fail (j, error, "$", "no \"text\" string");
  copy_extra_members (o, interpreted, kept);
  if (json_object_get_size (kept))
    json_object_set_object_member (meta, "jsonl", json_object_ref (kept));
  source = g_strdup_printf ("%s:%u", cairn_line_reader_name (j->reader),
                            cairn_line_reader_line (j->reader));
  json_object_set_string_member (meta, "source", source);
  if (cairn_text_import_text_item (&j->im, text, meta, error) == 0)
    return FALSE;
  cairn_char_index_init (&j->index, text, -1);
  g_hash_table_remove_all (j->entity_ids);
  g_ptr_array_set_size (j->spans, 0);

  /* A member of the wrong type fails before any of it is written: skipped alone, as its
   * elements are inside. */
  for (const char *const *m = (const char *const[]) { "label", "labels", NULL }; *m; m++)
    if ((node = json_object_get_member (o, *m)))
      {
        g_autoptr(GError) bad = NULL;
        if (!part_done (j, read_label_member (j, *m, node, &bad), &bad, error))
          return FALSE;
      }
  if ((node = json_object_get_member (o, "entities")))
    {
      g_autoptr(GError) bad = NULL;
      gboolean ok = JSON_NODE_HOLDS_ARRAY (node)
                      ? read_span_list (j, "entities", json_node_get_array (node), NULL, &bad)
                      : fail (j, &bad, "$.entities", "expected an array");

      if (!part_done (j, ok, &bad, error))
        return FALSE;
    }
  for (const char *const *m = (const char *const[]) { "spans", "ents", NULL }; *m; m++)
    if ((node = json_object_get_member (o, *m)))
      {
        g_autoptr(GError) bad = NULL;
        if (!part_done (j, read_spans_member (j, *m, node, &bad), &bad, error))
          return FALSE;
      }
  if ((node = json_object_get_member (o, "cats")))
    {
      g_autoptr(GError) bad = NULL;
      if (!part_done (j, read_cats (j, node, &bad), &bad, error))
        return FALSE;
    }
  if ((node = json_object_get_member (o, "relations")))
    {
      g_autoptr(GError) bad = NULL;
      if (!part_done (j, read_relations (j, node, &bad), &bad, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_lines (JsonlImport *j, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *first_bad = NULL;
  guint n_read = 0, n_bad = 0;
  gsize length;
  char *line;

  while ((line = cairn_line_reader_next (j->reader, &length, &local)))
    {
      G_GNUC_UNUSED g_autofree char *owned = line;
      g_autoptr(GError) bad = NULL;
      g_autoptr(GError) parse_error = NULL;
      gboolean ok;

      g_strstrip (line);
      if (*line == '\0')
        continue;
      if (cairn_line_reader_line (j->reader) % 256 == 0
          && !cairn_format_step (j->im.options, cairn_line_reader_fraction (j->reader), NULL,
                                 error))
        return FALSE;
      /* A line that is not a JSON object with a text is skipped whole. */
      if (!cairn_json_is_single_value (line, strlen (line)))
        ok = fail (j, &bad, "$", "text after the JSON value");
      else if (!cairn_json_check_limits (line, -1, &parse_error))
        ok = fail (j, &bad, "$", "%s", parse_error->message);
      else if (!json_parser_load_from_data (parser, line, -1, &parse_error))
        ok = fail (j, &bad, "$", "not JSON: %s", parse_error->message);
      /* A line of byte-order marks parses to no value at all. */
      else if (cairn_json_root_object (parser) == NULL)
        ok = fail (j, &bad, "$", "expected an object");
      else
        ok = read_object (j, cairn_json_root_object (parser), &bad);
      cairn_char_index_clear (&j->index);
      if (ok)
        n_read++;
      else if (first_bad == NULL && bad)
        first_bad = g_strdup (bad->message);
      n_bad += !ok;
      if (!part_done (j, ok, &bad, error))
        return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Not one line read: not JSON Lines at all, so the file fails as a whole. */
  if (n_read == 0 && n_bad > 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s: no line could be read (the first: %s)",
                   cairn_line_reader_name (j->reader), first_bad);
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_format_jsonl_import (CairnStore               *store,
                           const char               *path,
                           const CairnFormatOptions *options,
                           CairnImportReport        *report,
                           GError                  **error)
{
  JsonlImport j = { 0 };
  gboolean ok;

  j.reader = cairn_line_reader_open (path, error);
  if (j.reader == NULL)
    return FALSE;
  j.path = path;
  j.entity_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  j.spans = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  ok = cairn_text_import_init (&j.im, store, options, report, error) && read_lines (&j, error);
  cairn_text_import_clear (&j.im);
  g_ptr_array_unref (j.spans);
  g_hash_table_unref (j.entity_ids);
  cairn_line_reader_free (j.reader);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* Export */

typedef enum
{
  SHAPE_SPANS,    /* doccano {"text", "label": [[s, e, "L"]]} */
  SHAPE_CLASSES,  /* doccano {"text", "label": ["a", "b"]} */
  SHAPE_FULL,     /* doccano {"text", "entities", "relations", "cats": ["a"]} */
  SHAPE_SPACY,    /* {"text", "spans", "cats": {"a": 1.0}, "relations"} */
} Shape;

typedef struct
{
  CairnTextExport  ex;
  Shape            shape;
  GPtrArray       *class_names;  /* every class label exported, for spaCy's "cats" */
  gboolean         relations;
} JsonlExport;

typedef struct
{
  JsonlExport *jx;
  guint        spans, classes, relations, span_attributes;
  GHashTable  *class_names;
} Survey;

static gboolean
survey_cb (const CairnAnnotation *a, gpointer user_data)
{
  Survey *s = user_data;
  const char *name;

  switch (a->kind)
    {
    case CAIRN_KIND_SPAN:
      s->spans++;
      s->span_attributes += json_object_get_size (a->attributes) > 0;
      break;
    case CAIRN_KIND_CLASS:
      s->classes++;
      name = cairn_text_export_label_name (&s->jx->ex, a->label_id);
      if (name)
        g_hash_table_add (s->class_names, (gpointer) name);
      break;
    case CAIRN_KIND_RELATION:
      s->relations++;
      break;
    default:
      break;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* One file has one shape: chosen from what the project holds. */
static gboolean
choose_shape (JsonlExport *jx, gboolean spacy, GError **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  Survey s = { jx, 0, 0, 0, 0, names };
  g_autofree gpointer *keys = NULL;
  guint n;

  filter.annotator_id = jx->ex.annotator_id;
  if (!cairn_store_foreach_annotation (jx->ex.store, &filter, survey_cb, &s, error))
    return FALSE;
  keys = g_hash_table_get_keys_as_array (names, &n);
  jx->class_names = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (jx->class_names, keys[i]);
  g_ptr_array_sort (jx->class_names, compare_names);
  jx->relations = s.relations > 0;
  if (spacy)
    jx->shape = SHAPE_SPACY;
  else if (s.relations == 0 && s.classes == 0 && s.span_attributes == 0)
    jx->shape = SHAPE_SPANS;
  else if (s.spans == 0 && s.relations == 0)
    jx->shape = SHAPE_CLASSES;
  else
    jx->shape = SHAPE_FULL;
  return TRUE;
}

static void
add_attributes (JsonBuilder *b, JsonObject *attributes)
{
  if (json_object_get_size (attributes) == 0)
    return;
  json_builder_set_member_name (b, "attributes");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), attributes));
}

static void
add_span_object (JsonlExport *jx, JsonBuilder *b, const CairnAnnotation *a, gint index)
{
  gint64 start = (gint64) g_array_index (a->coords, double, 0);
  gint64 end = (gint64) g_array_index (a->coords, double, 1);
  const char *label = cairn_text_export_label_name (&jx->ex, a->label_id);
  gboolean doccano = jx->shape != SHAPE_SPACY;

  json_builder_begin_object (b);
  if (doccano)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, index);
    }
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label ? label : "");
  json_builder_set_member_name (b, doccano ? "start_offset" : "start");
  json_builder_add_int_value (b, start);
  json_builder_set_member_name (b, doccano ? "end_offset" : "end");
  json_builder_add_int_value (b, end);
  add_attributes (b, a->attributes);
  json_builder_end_object (b);
}

static gint
index_of (GPtrArray *spans, double id)
{
  for (guint i = 0; i < spans->len; i++)
    if (((CairnAnnotation *) spans->pdata[i])->id == (gint64) id)
      return i;
  return -1;
}

static void
add_span_ref (JsonlExport *jx, JsonBuilder *b, const char *member, const CairnAnnotation *span)
{
  const char *label = cairn_text_export_label_name (&jx->ex, span->label_id);

  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, (gint64) g_array_index (span->coords, double, 0));
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, (gint64) g_array_index (span->coords, double, 1));
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label ? label : "");
  json_builder_end_object (b);
}

/* Relations whose ends are both spans written on this line. */
static void
add_relations (JsonlExport *jx, JsonBuilder *b, GPtrArray *relations, GPtrArray *spans)
{
  guint n = 0;

  json_builder_set_member_name (b, "relations");
  json_builder_begin_array (b);
  for (guint i = 0; i < relations->len; i++)
    {
      const CairnAnnotation *r = relations->pdata[i];
      const char *label = cairn_text_export_label_name (&jx->ex, r->label_id);
      gint from = index_of (spans, g_array_index (r->coords, double, 0));
      gint to = index_of (spans, g_array_index (r->coords, double, 1));

      if (from < 0 || to < 0)
        continue;
      json_builder_begin_object (b);
      if (jx->shape == SHAPE_SPACY)
        {
          add_span_ref (jx, b, "head_span", spans->pdata[from]);
          add_span_ref (jx, b, "child_span", spans->pdata[to]);
          json_builder_set_member_name (b, "label");
        }
      else
        {
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, n);
          json_builder_set_member_name (b, "from_id");
          json_builder_add_int_value (b, from);
          json_builder_set_member_name (b, "to_id");
          json_builder_add_int_value (b, to);
          json_builder_set_member_name (b, "type");
        }
      json_builder_add_string_value (b, label ? label : "");
      add_attributes (b, r->attributes);
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
}

static void
add_classes (JsonlExport *jx, JsonBuilder *b, const char *member, GPtrArray *classes)
{
  json_builder_set_member_name (b, member);
  if (jx->shape == SHAPE_SPACY)
    {
      json_builder_begin_object (b);
      for (guint k = 0; k < jx->class_names->len; k++)
        {
          const char *name = jx->class_names->pdata[k];
          double value = 0;

          for (guint i = 0; i < classes->len; i++)
            {
              const CairnAnnotation *a = classes->pdata[i];
              if (g_strcmp0 (cairn_text_export_label_name (&jx->ex, a->label_id), name) == 0)
                value = MAX (value, a->score >= 0 ? a->score : 1.0);
            }
          json_builder_set_member_name (b, name);
          json_builder_add_double_value (b, value);
        }
      json_builder_end_object (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; i < classes->len; i++)
    {
      const char *name = cairn_text_export_label_name (&jx->ex,
                                                       ((CairnAnnotation *) classes->pdata[i])
                                                       ->label_id);
      if (name)
        json_builder_add_string_value (b, name);
    }
  json_builder_end_array (b);
}

static JsonNode *
item_node (JsonlExport *jx, const CairnItem *item, GPtrArray *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  g_autoptr(GPtrArray) relations = g_ptr_array_new ();
  JsonNode *kept_node = json_object_get_member (item->meta, "jsonl");
  JsonObject *kept = kept_node && JSON_NODE_HOLDS_OBJECT (kept_node)
                     ? json_node_get_object (kept_node) : NULL;

  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];
      if (a->kind == CAIRN_KIND_SPAN)
        g_ptr_array_add (spans, a);
      else if (a->kind == CAIRN_KIND_CLASS)
        g_ptr_array_add (classes, a);
      else if (a->kind == CAIRN_KIND_RELATION)
        g_ptr_array_add (relations, a);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, item->text ? item->text : "");
  switch (jx->shape)
    {
    case SHAPE_SPANS:
      json_builder_set_member_name (b, "label");
      json_builder_begin_array (b);
      for (guint i = 0; i < spans->len; i++)
        {
          const CairnAnnotation *a = spans->pdata[i];
          const char *label = cairn_text_export_label_name (&jx->ex, a->label_id);

          json_builder_begin_array (b);
          json_builder_add_int_value (b, (gint64) g_array_index (a->coords, double, 0));
          json_builder_add_int_value (b, (gint64) g_array_index (a->coords, double, 1));
          json_builder_add_string_value (b, label ? label : "");
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      break;
    case SHAPE_CLASSES:
      add_classes (jx, b, "label", classes);
      break;
    case SHAPE_FULL:
    case SHAPE_SPACY:
      json_builder_set_member_name (b, jx->shape == SHAPE_SPACY ? "spans" : "entities");
      json_builder_begin_array (b);
      for (guint i = 0; i < spans->len; i++)
        add_span_object (jx, b, spans->pdata[i], i);
      json_builder_end_array (b);
      if (jx->relations)
        add_relations (jx, b, relations, spans);
      if (jx->class_names->len)
        add_classes (jx, b, "cats", classes);
      break;
    }
  if (kept)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, kept);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_strv_contains (interpreted, member))
          {
            json_builder_set_member_name (b, member);
            json_builder_add_value (b, json_node_copy (value));
          }
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
write_subset (JsonlExport *jx, const char *out_dir, const char *split, GError **error)
{
  g_autoptr(GArray) ids = cairn_text_export_item_ids (&jx->ex, CAIRN_ITEM_TEXT, split, error);
  g_autofree char *path = cairn_text_export_path (out_dir, split, "annotations", ".jsonl");
  g_autoptr(CairnTextWriter) w = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (ids == NULL || (w = cairn_text_writer_new (path, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (jx->ex.store,
                                                        g_array_index (ids, gint64, i), error);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (item == NULL || (list = cairn_text_export_annotations (&jx->ex, item->id, error)) == NULL)
        return FALSE;
      node = item_node (jx, item, list);
      json_generator_set_root (generator, node);
      json_generator_to_gstring (generator, w->buf);
      g_string_append_c (w->buf, '\n');
      if (!cairn_text_writer_flush (w, FALSE, error)
          || (i % 256 == 0
              && !cairn_format_step (jx->ex.options, (double) i / ids->len, NULL, error)))
        return FALSE;
    }
  return cairn_text_writer_close (w, error);
}

gboolean
cairn_format_jsonl_export (CairnStore               *store,
                           const char               *out_dir,
                           const CairnFormatOptions *options,
                           GError                  **error)
{
  JsonlExport jx = { 0 };
  const char *const *subsets;
  gboolean spacy = FALSE, ok;

  if (options->scheme && g_ascii_strcasecmp (options->scheme, "spacy") == 0)
    spacy = TRUE;
  else if (options->scheme && g_ascii_strcasecmp (options->scheme, "doccano") != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "jsonl: unknown scheme “%s” (doccano or spacy)", options->scheme);
      return FALSE;
    }
  ok = cairn_export_context_init (&jx.ex, store, options, error)
       && choose_shape (&jx, spacy, error);
  subsets = cairn_text_export_subsets (&jx.ex);
  for (guint i = 0; ok && (i == 0 || subsets[i]); i++)
    ok = write_subset (&jx, out_dir, subsets[i], error)
         && cairn_jsonl_write_audio (&jx.ex, out_dir, subsets[i], error);
  g_clear_pointer (&jx.class_names, g_ptr_array_unref);
  cairn_export_context_clear (&jx.ex);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
