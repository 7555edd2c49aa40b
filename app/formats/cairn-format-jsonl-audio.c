#define G_LOG_DOMAIN "cairn-format-jsonl"

#include <math.h>

#include "audio/cairn-segments.h"
#include "model/cairn-json.h"
#include "cairn-format-text-private.h"
#include "cairn-jsonl-audio-private.h"

/* Transcripts in JSON Lines: one line per audio item in segments.jsonl beside
 * annotations.jsonl,
 *   {"audio": "talk.wav", "duration_ms": 8000, "segments": [{"start_ms", "end_ms", "speaker",
 *    "text", "tags": [{"start", "end", "label", "start_ms", "end_ms"}], "attributes": {...}}]}
 * A tag's start and end are code points of the text; its times are estimated from where it
 * falls in it (the segment's span shared out over its characters): what no transcript format
 * holds. Import reads the same lines back (the times of tags are worked out again). */

static void
add_ms (JsonBuilder *b, const char *member, double ms)
{
  json_builder_set_member_name (b, member);
  if (ms == floor (ms) && fabs (ms) < 1e15)
    json_builder_add_int_value (b, (gint64) ms);
  else
    json_builder_add_double_value (b, ms);
}

static void
add_segment (CairnTextExport *ex, JsonBuilder *b, const CairnAnnotation *a)
{
  g_autoptr(GArray) tags = cairn_segment_get_tags (a);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gboolean others = FALSE;

  json_builder_begin_object (b);
  add_ms (b, "start_ms", cairn_segment_start (a));
  add_ms (b, "end_ms", cairn_segment_end (a));
  if (a->speaker && *a->speaker)
    {
      json_builder_set_member_name (b, "speaker");
      json_builder_add_string_value (b, a->speaker);
    }
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, a->text ? a->text : "");
  if (tags->len > 0)
    {
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint i = 0; i < tags->len; i++)
        {
          const CairnSegmentTag *t = &g_array_index (tags, CairnSegmentTag, i);
          const char *name = cairn_text_export_label_name (ex, t->label_id);
          double s, e;

          cairn_segment_tag_times (a, t, &s, &e);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, t->start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, t->end);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, name ? name : "");
          add_ms (b, "start_ms", s);
          add_ms (b, "end_ms", e);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_object_iter_init (&iter, a->attributes);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (g_str_equal (member, "tags"))
        continue;
      if (!others)
        {
          json_builder_set_member_name (b, "attributes");
          json_builder_begin_object (b);
          others = TRUE;
        }
      json_builder_set_member_name (b, member);
      json_builder_add_value (b, json_node_copy (value));
    }
  if (others)
    json_builder_end_object (b);
  json_builder_end_object (b);
}

gboolean
cairn_jsonl_write_audio (CairnTextExport *ex,
                         const char      *out_dir,
                         const char      *split,
                         GError         **error)
{
  g_autoptr(GArray) ids = cairn_text_export_item_ids (ex, CAIRN_ITEM_AUDIO, split, error);
  g_autofree char *path = NULL;
  g_autoptr(CairnTextWriter) w = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    return TRUE;
  path = cairn_text_export_path (out_dir, split, "segments", ".jsonl");
  if ((w = cairn_text_writer_new (path, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (ex->store, g_array_index (ids, gint64, i),
                                                        error);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *name = NULL;

      if (item == NULL || (list = cairn_text_export_annotations (ex, item->id, error)) == NULL)
        return FALSE;
      name = item->uri ? g_path_get_basename (item->uri)
                       : g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "audio");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "duration_ms");
      json_builder_add_int_value (b, item->duration_ms);
      json_builder_set_member_name (b, "segments");
      json_builder_begin_array (b);
      /* Ordered by kind, then start: the segments come in time order. */
      for (guint k = 0; k < list->len; k++)
        if (((CairnAnnotation *) list->pdata[k])->kind == CAIRN_KIND_SEGMENT)
          add_segment (ex, b, list->pdata[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      json_generator_set_root (generator, node);
      json_generator_to_gstring (generator, w->buf);
      g_string_append_c (w->buf, '\n');
      if (!cairn_text_writer_flush (w, FALSE, error))
        return FALSE;
    }
  return cairn_text_writer_close (w, error);
}

gboolean
cairn_jsonl_is_audio_line (JsonObject *o)
{
  return cairn_json_string (o, "audio") != NULL && cairn_json_array (o, "segments") != NULL;
}

static gboolean
bad (GError **error, const char *where, guint i, const char *what)
{
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: $.segments[%u]: %s",
               where, i, what);
  return FALSE;
}

gboolean
cairn_jsonl_read_audio (CairnTextImport *im,
                        const char      *path,
                        const char      *where,
                        JsonObject      *o,
                        GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (cairn_json_string (o, "audio"));
  g_autofree char *beside = g_build_filename (dir, base, NULL);
  JsonArray *segments = cairn_json_array (o, "segments");
  gint64 duration = 0;

  /* As a transcript named after its audio: the file beside it, in the project, or a
   * reference. */
  cairn_json_get_int (o, "duration_ms", &duration);
  if (cairn_transcript_audio_item (im, beside, MAX (duration, 0), error) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (segments); i++)
    {
      JsonNode *node = json_array_get_element (segments, i);
      JsonObject *s = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(JsonObject) attributes = NULL;
      g_autoptr(JsonNode) given = NULL;
      JsonArray *tags;
      double start, end;
      const char *text, *speaker;
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (CairnSegmentTag));

      if (s == NULL || !cairn_json_number (s, "start_ms", &start)
          || !cairn_json_number (s, "end_ms", &end) || !isfinite (start) || !isfinite (end)
          || start < 0 || end < start)
        return bad (error, where, i, "expected \"start_ms\" ≤ \"end_ms\", both ≥ 0");
      text = cairn_json_string (s, "text");
      speaker = cairn_json_string (s, "speaker");
      /* A copy: the line's object is not ours to change. */
      given = json_object_get_member (s, "attributes")
                ? json_node_copy (json_object_get_member (s, "attributes")) : NULL;
      attributes = given && JSON_NODE_HOLDS_OBJECT (given)
                     ? json_object_ref (json_node_get_object (given)) : json_object_new ();
      tags = cairn_json_array (s, "tags");
      for (guint k = 0; tags && k < json_array_get_length (tags); k++)
        {
          JsonNode *tn = json_array_get_element (tags, k);
          JsonObject *t = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
          const char *name = t ? cairn_json_string (t, "label") : NULL;
          gint64 ts, te, id;

          if (t == NULL || name == NULL || *name == '\0' || !cairn_json_get_int (t, "start", &ts)
              || !cairn_json_get_int (t, "end", &te))
            return bad (error, where, i, "a tag needs \"start\", \"end\" and \"label\"");
          if ((id = cairn_text_import_label (im, name, error)) == 0)
            return FALSE;
          g_array_append_val (kept, ((CairnSegmentTag) { (glong) ts, (glong) te, id }));
        }
      {
        g_autoptr(CairnAnnotation) probe = cairn_annotation_new (CAIRN_KIND_SEGMENT);

        /* Only the tags that fit the text are kept (as the pane reads them). */
        cairn_annotation_set_text (probe, text ? text : "");
        cairn_segment_set_tags (probe, (CairnSegmentTag *) (void *) kept->data, kept->len);
        g_clear_pointer (&kept, g_array_unref);
        kept = cairn_segment_get_tags (probe);
        if (kept->len < (tags ? json_array_get_length (tags) : 0))
          cairn_import_report_warn (im->report, "%s: $.segments[%u]: tags outside the text "
                                    "left out", where, i);
      }
      if (kept->len > 0)
        {
          g_autoptr(CairnAnnotation) holder = cairn_annotation_new (CAIRN_KIND_SEGMENT);

          cairn_annotation_set_text (holder, text ? text : "");
          cairn_segment_set_tags (holder, (CairnSegmentTag *) (void *) kept->data, kept->len);
          json_object_set_member (attributes, "tags",
                                  json_node_copy (json_object_get_member (holder->attributes,
                                                                          "tags")));
        }
      else
        json_object_remove_member (attributes, "tags");
      if (!cairn_transcript_add_segment (im, start, end, text ? text : "", speaker, attributes,
                                         error))
        return FALSE;
    }
  return TRUE;
}
