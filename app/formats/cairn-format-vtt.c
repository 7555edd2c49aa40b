#define G_LOG_DOMAIN "cairn-format-vtt"

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* WebVTT: a "WEBVTT" line, then blocks separated by blank lines. A cue is an optional
 * identifier (attribute "cue_id"), a timing line with optional settings ("cue_settings") and
 * its payload. A payload opening with a voice tag <v Name> (or <v.class Name>) gives the
 * speaker; the tag (and a closing </v> at the end) is removed, other markup is kept as it is.
 * NOTE, STYLE and REGION blocks are skipped. */

typedef struct
{
  CairnTextImport  im;
  CairnLineReader *reader;
  GPtrArray       *block;   /* lines of the current block */
  guint            block_line;
} VttImport;

static gboolean
fail (VttImport *v, GError **error, guint line, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (VttImport *v, GError **error, guint line, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s",
               cairn_line_reader_name (v->reader), line, what);
  return FALSE;
}

static char *
unescape_entities (const char *text)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&nbsp;", "\xc2\xa0" },
    { "&lrm;", "\xe2\x80\x8e" }, { "&rlm;", "\xe2\x80\x8f" },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p;)
    {
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities) && *p == '&'; i++)
        if (g_str_has_prefix (p, entities[i].entity))
          {
            g_string_append (out, entities[i].text);
            p += strlen (entities[i].entity);
            done = TRUE;
            break;
          }
      if (!done)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* "<v Name>rest" or "<v.loud Name>rest": the name and its classes; rest points after '>'. */
static char *
voice_of (const char *payload, char **classes, const char **rest)
{
  const char *close, *space;
  g_autofree char *annotation = NULL;

  *classes = NULL;
  *rest = payload;
  if (!g_str_has_prefix (payload, "<v") || (payload[2] != ' ' && payload[2] != '.'
                                            && payload[2] != '\t')
      || (close = strchr (payload, '>')) == NULL)
    return NULL;
  space = payload + 2;
  while (space < close && *space != ' ' && *space != '\t')
    space++;
  if (payload[2] == '.')
    *classes = g_strndup (payload + 2, space - payload - 2);
  *rest = close + 1;
  annotation = g_strstrip (g_strndup (space, close - space));
  return unescape_entities (annotation);
}

static gboolean
read_cue (VttImport *v, GError **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(GString) payload = g_string_new (NULL);
  g_autofree char *settings = NULL, *speaker = NULL, *classes = NULL, *text = NULL;
  GPtrArray *b = v->block;
  guint timing = 0;
  double start, end;
  const char *rest;

  if (strstr (b->pdata[0], "-->") == NULL)
    {
      if (b->len < 2 || strstr (b->pdata[1], "-->") == NULL)
        return fail (v, error, v->block_line, "expected a cue timing line");
      json_object_set_string_member (attributes, "cue_id", b->pdata[0]);
      timing = 1;
    }
  if (!cairn_transcript_parse_timing (b->pdata[timing], &start, &end, &settings))
    return fail (v, error, v->block_line + timing,
                 "“%s” is not a timing line (00:00:01.000 --> 00:00:04.000)",
                 (char *) b->pdata[timing]);
  if (end < start)
    return fail (v, error, v->block_line + timing, "the cue ends before it starts");
  if (settings)
    json_object_set_string_member (attributes, "cue_settings", settings);
  for (guint i = timing + 1; i < b->len; i++)
    {
      if (payload->len)
        g_string_append_c (payload, '\n');
      g_string_append (payload, b->pdata[i]);
    }
  speaker = voice_of (payload->str, &classes, &rest);
  text = g_strdup (rest);
  if (speaker && g_str_has_suffix (text, "</v>"))
    text[strlen (text) - 4] = '\0';
  if (classes)
    json_object_set_string_member (attributes, "voice_classes", classes);
  return cairn_transcript_add_segment (&v->im, start, end, text, speaker, attributes, error);
}

static gboolean
flush_block (VttImport *v, GError **error)
{
  const char *first;
  gboolean ok = TRUE;

  if (v->block->len == 0)
    return TRUE;
  first = v->block->pdata[0];
  /* Comments, style sheets and regions carry no segments. */
  if (!(g_str_has_prefix (first, "NOTE") && (first[4] == '\0' || first[4] == ' '
                                             || first[4] == '\t'))
      && !((g_str_equal (first, "STYLE") || g_str_equal (first, "REGION"))
           && strstr (first, "-->") == NULL))
    ok = read_cue (v, error);
  g_ptr_array_set_size (v->block, 0);
  return ok;
}

static gboolean
read_file (VttImport *v, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *first = cairn_line_reader_next (v->reader, NULL, &local);
  gboolean header = TRUE;
  char *line;

  if (first == NULL || !g_str_has_prefix (first, "WEBVTT")
      || (first[6] != '\0' && first[6] != ' ' && first[6] != '\t'))
    {
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return fail (v, error, 1, "not a WebVTT file (the first line must be “WEBVTT”)");
    }
  while ((line = cairn_line_reader_next (v->reader, NULL, &local)))
    {
      if (*line == '\0')
        {
          g_free (line);
          header = FALSE;
          if (!flush_block (v, error))
            return FALSE;
          continue;
        }
      /* Lines right under WEBVTT (before the first blank line) are header metadata. */
      if (header)
        {
          g_free (line);
          continue;
        }
      if (v->block->len == 0)
        v->block_line = cairn_line_reader_line (v->reader);
      g_ptr_array_add (v->block, line);
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return flush_block (v, error);
}

gboolean
cairn_format_vtt_import (CairnStore               *store,
                         const char               *path,
                         const CairnFormatOptions *options,
                         CairnImportReport        *report,
                         GError                  **error)
{
  VttImport v = { 0 };
  gboolean ok;

  if ((v.reader = cairn_line_reader_open (path, error)) == NULL)
    return FALSE;
  v.block = g_ptr_array_new_with_free_func (g_free);
  ok = cairn_text_import_init (&v.im, store, options, report, error)
       && cairn_transcript_audio_item (&v.im, path, 0, error) != 0
       && read_file (&v, error);
  cairn_text_import_clear (&v.im);
  g_ptr_array_unref (v.block);
  cairn_line_reader_free (v.reader);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

static void
append_escaped (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static gboolean
write_vtt (const CairnItem *item, GPtrArray *segments, GString *out, GError **error)
{
  g_string_append (out, "WEBVTT\n\n");
  for (guint i = 0; i < segments->len; i++)
    {
      const CairnAnnotation *a = segments->pdata[i];
      const char *id = cairn_json_string (a->attributes, "cue_id");
      const char *settings = cairn_json_string (a->attributes, "cue_settings");
      const char *classes = cairn_json_string (a->attributes, "voice_classes");
      g_autoptr(GString) text = g_string_new (NULL);

      if (id && *id && !strchr (id, '\n') && !strstr (id, "-->"))
        g_string_append_printf (out, "%s\n", id);
      cairn_transcript_append_time (out, g_array_index (a->coords, double, 0), '.');
      g_string_append (out, " --> ");
      cairn_transcript_append_time (out, g_array_index (a->coords, double, 1), '.');
      if (settings && *settings && !strchr (settings, '\n'))
        g_string_append_printf (out, " %s", settings);
      g_string_append_c (out, '\n');
      if (a->speaker && *a->speaker)
        {
          g_string_append (out, "<v");
          if (classes && classes[0] == '.' && !strpbrk (classes, " \t\n>"))
            g_string_append (out, classes);
          g_string_append_c (out, ' ');
          append_escaped (out, a->speaker);
          g_string_append_c (out, '>');
        }
      cairn_transcript_append_payload (text, a->text ? a->text : "");
      /* "-->" cannot appear in a payload. */
      for (const char *p = text->str; *p; p++)
        {
          if (g_str_has_prefix (p, "-->"))
            {
              g_string_append (out, "--&gt;");
              p += 2;
            }
          else
            g_string_append_c (out, *p);
        }
      g_string_append (out, "\n\n");
    }
  return TRUE;
}

gboolean
cairn_format_vtt_export (CairnStore               *store,
                         const char               *out_dir,
                         const CairnFormatOptions *options,
                         GError                  **error)
{
  return cairn_transcript_export (store, out_dir, options, ".vtt", write_vtt, error);
}
