#define G_LOG_DOMAIN "cairn-format-transcript"

#include <math.h>

#include "cairn-format-text-private.h"
#include "cairn-format-folder.h"

/* What SRT, WebVTT and TextGrid share: finding the audio a transcript belongs to, adding
 * segments, and writing one transcript file per audio item. */

static const char *const audio_extensions[] = { ".wav", ".flac", ".ogg", ".mp3", NULL };

static gint64
find_audio (CairnTextImport *im, const char *dir, const char *stem, GError **error)
{
  CairnItemFilter audio = { CAIRN_ITEM_AUDIO, -1, NULL };

  for (guint i = 0; audio_extensions[i]; i++)
    {
      g_autofree char *name = g_strconcat (stem, audio_extensions[i], NULL);
      g_autofree char *upper_ext = g_ascii_strup (audio_extensions[i], -1);
      g_autofree char *upper = g_strconcat (stem, upper_ext, NULL);
      const char *names[] = { name, upper };

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *file = g_build_filename (dir, names[k], NULL);
          g_autofree char *real = NULL;

          /* A symlink beside the transcript may point anywhere. */
          if (g_file_test (file, G_FILE_TEST_IS_REGULAR)
              && (real = cairn_format_media_path (im->options, file, im->report)))
            return cairn_format_folder_import_file (im->store, file, im->options, im->report,
                                                    error);
        }
    }
  for (guint i = 0; audio_extensions[i]; i++)
    {
      g_autofree char *name = g_strconcat (stem, audio_extensions[i], NULL);
      gint64 id = cairn_store_find_item_by_basename (im->store, name, &audio);

      if (id)
        {
          /* Already in the project (the file itself is not beside the transcript). */
          if (im->report)
            im->report->items_skipped++;
          return id;
        }
    }
  return 0;
}

gint64
cairn_transcript_audio_item (CairnTextImport *im,
                             const char      *path,
                             gint64           duration_ms,
                             GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = NULL, *shorter = NULL, *missing = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GError) local = NULL;
  char *dot;
  gint64 id;

  stem = g_strdup (base);
  if ((dot = strrchr (stem, '.')) && dot != stem)
    *dot = '\0';
  /* "talk.en.vtt": a language tag between the name and the extension. */
  shorter = g_strdup (stem);
  if ((dot = strrchr (shorter, '.')) && dot != shorter)
    *dot = '\0';
  id = find_audio (im, dir, stem, &local);
  if (id == 0 && local == NULL && !g_str_equal (stem, shorter))
    id = find_audio (im, dir, shorter, &local);
  if (local)
    {
      /* An unreadable audio file is not the transcript's fault: keep a reference instead. */
      if (local->domain == CAIRN_STORE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return 0;
        }
      cairn_import_report_warn (im->report, "%s: %s", base, local->message);
      id = 0;
    }
  if (id)
    return cairn_text_import_use_item (im, id, TRUE, error) ? id : 0;
  missing = g_build_filename (dir, stem, NULL);
  item = cairn_item_new (CAIRN_ITEM_AUDIO);
  {
    g_autofree char *file = g_strconcat (missing, ".wav", NULL);
    item->uri = cairn_store_relative_uri (im->store, file);
  }
  item->duration_ms = duration_ms;
  json_object_set_string_member (item->meta, "source", base);
  if (!cairn_store_add_item (im->store, item, error))
    return 0;
  cairn_import_report_warn (im->report, "%s: no audio file %s.wav/.flac/.ogg/.mp3 beside it or "
                            "in the project; added a reference to %s", base, stem, item->uri);
  if (im->report)
    im->report->items_added++;
  return cairn_text_import_use_item (im, item->id, FALSE, error) ? item->id : 0;
}

gboolean
cairn_transcript_add_segment (CairnTextImport *im,
                              double           start_ms,
                              double           end_ms,
                              const char      *text,
                              const char      *speaker,
                              JsonObject      *attributes,
                              GError         **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  double coords[2] = { start_ms, end_ms };

  cairn_annotation_set_coords (a, coords, 2);
  cairn_annotation_set_text (a, text);
  g_free (a->speaker);
  a->speaker = speaker && *speaker ? g_strdup (speaker) : NULL;
  if (attributes)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (a->attributes, member, json_node_copy (value));
    }
  return cairn_text_import_add (im, a, error);
}

static char *
file_name (const CairnFormatOptions *options, GHashTable *used, const CairnItem *item,
           const char *extension)
{
  g_autofree char *fallback = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
  g_autofree char *own = item->uri ? g_path_get_basename (item->uri) : NULL;
  g_autofree char *base = cairn_format_safe_file_name (options, own ? own : fallback, fallback);
  g_autofree char *name = NULL;
  char *dot;

  if ((dot = strrchr (base, '.')) && dot != base)
    *dot = '\0';
  if (g_hash_table_contains (used, base))
    {
      char *unique = g_strdup_printf ("%s-%" G_GINT64_FORMAT, base, item->id);
      g_free (base);
      base = unique;
    }
  g_hash_table_add (used, g_strdup (base));
  name = g_strconcat (base, extension, NULL);
  return g_steal_pointer (&name);
}

gboolean
cairn_transcript_export (CairnStore               *store,
                         const char               *out_dir,
                         const CairnFormatOptions *options,
                         const char               *extension,
                         CairnTranscriptWriter     writer,
                         GError                  **error)
{
  CairnTextExport ex;
  const char *const *subsets;
  gboolean ok = cairn_export_context_init (&ex, store, options, error);

  subsets = cairn_text_export_subsets (&ex);
  for (guint s = 0; ok && (s == 0 || subsets[s]); s++)
    {
      g_autoptr(GArray) ids = cairn_text_export_item_ids (&ex, CAIRN_ITEM_AUDIO, subsets[s],
                                                          error);
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *dir = subsets[s] ? g_build_filename (out_dir, subsets[s], NULL)
                                        : g_strdup (out_dir);

      if (ids == NULL || g_mkdir_with_parents (dir, 0755) != 0)
        {
          if (ids)
            g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", dir,
                         g_strerror (errno));
          ok = FALSE;
          break;
        }
      for (guint i = 0; ok && i < ids->len; i++)
        {
          g_autoptr(CairnItem) item = cairn_store_get_item (store, g_array_index (ids, gint64, i),
                                                            error);
          g_autoptr(GPtrArray) list = NULL;
          g_autoptr(GPtrArray) segments = g_ptr_array_new ();
          g_autoptr(GString) out = g_string_new (NULL);
          g_autoptr(GError) local = NULL;
          g_autofree char *name = NULL, *path = NULL;

          if (item == NULL || (list = cairn_text_export_annotations (&ex, item->id, error)) == NULL)
            {
              ok = FALSE;
              break;
            }
          for (guint k = 0; k < list->len; k++)
            if (((CairnAnnotation *) list->pdata[k])->kind == CAIRN_KIND_SEGMENT)
              g_ptr_array_add (segments, list->pdata[k]);
          name = file_name (options, used, item, extension);
          path = g_build_filename (dir, name, NULL);
          if (!writer (item, segments, out, error))
            {
              g_prefix_error (error, "%s: ", name);
              ok = FALSE;
            }
          else if (!g_file_set_contents (path, out->str, out->len, &local))
            {
              g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                           local->message);
              ok = FALSE;
            }
          ok = ok && cairn_format_step (options, (double) i / ids->len, NULL, error);
        }
    }
  cairn_export_context_clear (&ex);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* "01:02:03,456", "02:03.456" (WebVTT without hours), "1:02:03.4": hours optional, one to
 * three fraction digits, comma or point. */
gboolean
cairn_transcript_parse_time (const char *text,
                             double     *ms)
{
  guint64 parts[3] = { 0, 0, 0 };
  guint n = 0;
  const char *p = text;
  double fraction = 0, scale = 100;
  guint digits = 0;

  for (;;)
    {
      const char *start = p;
      guint64 v = 0;

      while (g_ascii_isdigit (*p) && p - start < 9)
        v = v * 10 + (*p++ - '0');
      if (p == start || n == 3)
        return FALSE;
      parts[n++] = v;
      if (*p != ':')
        break;
      p++;
    }
  if (n < 2 || (*p != ',' && *p != '.'))
    return FALSE;
  for (p++; g_ascii_isdigit (*p) && digits < 3; p++, digits++, scale /= 10)
    fraction += (*p - '0') * scale;
  if (digits == 0 || *p != '\0')
    return FALSE;
  if (n == 3)
    *ms = ((parts[0] * 60.0 + parts[1]) * 60.0 + parts[2]) * 1000.0 + fraction;
  else
    *ms = (parts[0] * 60.0 + parts[1]) * 1000.0 + fraction;
  return parts[n - 1] < 60 && (n < 3 || parts[1] < 60);
}

void
cairn_transcript_append_time (GString *out,
                              double   ms,
                              char     separator)
{
  guint64 total = (guint64) llround (MAX (ms, 0));

  g_string_append_printf (out, "%02" G_GUINT64_FORMAT ":%02u:%02u%c%03u", total / 3600000,
                          (guint) (total / 60000 % 60), (guint) (total / 1000 % 60), separator,
                          (guint) (total % 1000));
}

/* "00:00:01,000 --> 00:00:04,000 X1:..." */
gboolean
cairn_transcript_parse_timing (const char *line,
                               double     *start,
                               double     *end,
                               char      **settings)
{
  g_auto(GStrv) words = g_strsplit_set (line, " \t", -1);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;
  if (n < 3 || !g_str_equal (words[1], "-->") || !cairn_transcript_parse_time (words[0], start)
      || !cairn_transcript_parse_time (words[2], end))
    return FALSE;
  for (guint i = 3; i < n; i++)
    g_ptr_array_add (rest, words[i]);
  g_ptr_array_add (rest, NULL);
  *settings = n > 3 ? g_strjoinv (" ", (char **) rest->pdata) : NULL;
  return TRUE;
}

/* Cue text cannot hold a blank line: it would end the cue. */
void
cairn_transcript_append_payload (GString *out, const char *text)
{
  gboolean newline = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        {
          newline = TRUE;
          continue;
        }
      if (newline)
        g_string_append_c (out, '\n');
      newline = FALSE;
      g_string_append_c (out, *p);
    }
}
