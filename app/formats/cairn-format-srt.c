#define G_LOG_DOMAIN "cairn-format-srt"

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* SubRip: numbered cues "1", "00:00:01,000 --> 00:00:04,000", text lines, a blank line. SRT has
 * no speaker field: a cue whose text starts with "[Name]: " (as WhisperX writes diarised SRT)
 * gives the speaker Name, and export writes speakers that way. Anything after the end time
 * (old SubRip positions "X1:... Y2:...") is kept in attribute "cue_settings". */

typedef struct
{
  CairnTextImport  im;
  CairnLineReader *reader;
  GString         *text;
  double           start, end;
  char            *settings;
  gboolean         in_cue;
  guint            cues;
} SrtImport;

static gboolean
fail (SrtImport *s, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (SrtImport *s, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s",
               cairn_line_reader_name (s->reader), cairn_line_reader_line (s->reader), what);
  return FALSE;
}

/* "[Name]: text" → Name, and text after the prefix. */
static char *
split_speaker (const char *text, const char **rest)
{
  const char *close;

  *rest = text;
  if (text[0] != '[' || (close = strchr (text, ']')) == NULL || close == text + 1
      || close[1] != ':' || close[2] != ' ' || memchr (text, '\n', close - text))
    return NULL;
  *rest = close + 3;
  return g_strndup (text + 1, close - text - 1);
}

static gboolean
flush_cue (SrtImport *s, GError **error)
{
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autofree char *speaker = NULL;
  const char *rest;

  if (!s->in_cue)
    return TRUE;
  s->in_cue = FALSE;
  speaker = split_speaker (s->text->str, &rest);
  if (s->settings)
    json_object_set_string_member (attributes, "cue_settings", s->settings);
  g_clear_pointer (&s->settings, g_free);
  s->cues++;
  return cairn_transcript_add_segment (&s->im, s->start, s->end, rest, speaker, attributes,
                                       error);
}

static gboolean
read_cue_line (SrtImport *s, char *line, GError **error)
{
  char *settings = NULL;

  if (s->in_cue && *line)
    {
      if (s->text->len)
        g_string_append_c (s->text, '\n');
      g_string_append (s->text, line);
      return TRUE;
    }
  if (*line == '\0')
    return flush_cue (s, error);
  /* The cue number is optional in practice; the timing line is not. */
  if (strstr (line, "-->") == NULL)
    {
      for (const char *p = line; *p; p++)
        if (!g_ascii_isdigit (*p))
          return fail (s, error, "expected a cue number or a timing line, found “%s”", line);
      return TRUE;
    }
  if (!cairn_transcript_parse_timing (line, &s->start, &s->end, &settings))
    return fail (s, error, "“%s” is not a timing line (00:00:01,000 --> 00:00:04,000)", line);
  if (s->end < s->start)
    {
      g_free (settings);
      return fail (s, error, "the cue ends before it starts");
    }
  s->settings = settings;
  s->in_cue = TRUE;
  g_string_truncate (s->text, 0);
  return TRUE;
}

gboolean
cairn_format_srt_import (CairnStore               *store,
                         const char               *path,
                         const CairnFormatOptions *options,
                         CairnImportReport        *report,
                         GError                  **error)
{
  SrtImport s = { 0 };
  g_autoptr(GError) local = NULL;
  gboolean ok;
  char *line;

  if ((s.reader = cairn_line_reader_open (path, error)) == NULL)
    return FALSE;
  s.text = g_string_new (NULL);
  ok = cairn_text_import_init (&s.im, store, options, report, error)
       && cairn_transcript_audio_item (&s.im, path, 0, error) != 0;
  while (ok && (line = cairn_line_reader_next (s.reader, NULL, &local)))
    {
      G_GNUC_UNUSED g_autofree char *owned = line;
      ok = read_cue_line (&s, line, error);
    }
  if (ok && local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
    }
  ok = ok && flush_cue (&s, error);
  cairn_text_import_clear (&s.im);
  g_free (s.settings);
  g_string_free (s.text, TRUE);
  cairn_line_reader_free (s.reader);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

static gboolean
write_srt (const CairnItem *item, GPtrArray *segments, GString *out, GError **error)
{
  for (guint i = 0; i < segments->len; i++)
    {
      const CairnAnnotation *a = segments->pdata[i];
      const char *settings = cairn_json_string (a->attributes, "cue_settings");

      g_string_append_printf (out, "%u\n", i + 1);
      cairn_transcript_append_time (out, g_array_index (a->coords, double, 0), ',');
      g_string_append (out, " --> ");
      cairn_transcript_append_time (out, g_array_index (a->coords, double, 1), ',');
      if (settings && *settings && !strchr (settings, '\n'))
        g_string_append_printf (out, " %s", settings);
      g_string_append_c (out, '\n');
      if (a->speaker && *a->speaker && !strpbrk (a->speaker, "]\n"))
        g_string_append_printf (out, "[%s]: ", a->speaker);
      cairn_transcript_append_payload (out, a->text ? a->text : "");
      g_string_append (out, "\n\n");
    }
  return TRUE;
}

gboolean
cairn_format_srt_export (CairnStore               *store,
                         const char               *out_dir,
                         const CairnFormatOptions *options,
                         GError                  **error)
{
  return cairn_transcript_export (store, out_dir, options, ".srt", write_srt, error);
}
