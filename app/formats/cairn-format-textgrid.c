#define G_LOG_DOMAIN "cairn-format-textgrid"

#include <math.h>

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* Praat TextGrid text files, long or short form (UTF-8, or UTF-16 with a byte order mark).
 * Both are read the way Praat reads them: a stream of numbers, "strings" and <flags>, with the
 * long form's labels ("xmin =", "item [1]:") skipped. Each non-empty interval becomes a segment
 * whose speaker is its tier's name; each point of a point tier a segment of no length with
 * attribute "textgrid_point". Export writes the long form: one interval tier per speaker
 * (empty intervals fill the gaps), one point tier per speaker with points. */

typedef enum { TOKEN_END, TOKEN_NUMBER, TOKEN_STRING, TOKEN_FLAG } TokenType;

typedef struct
{
  const char *name;
  const char *p;
  guint       line;
  TokenType   type;
  double      number;
  GString    *string;
  guint       token_line;
} Lexer;

static gboolean
fail (Lexer *lx, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Lexer *lx, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s", lx->name,
               lx->token_line, what);
  return FALSE;
}

static gboolean
starts_number (const char *p)
{
  if (*p == '-' || *p == '+')
    p++;
  if (*p == '.')
    p++;
  return g_ascii_isdigit (*p);
}

static gboolean
next_token (Lexer *lx, GError **error)
{
  for (;;)
    {
      const char *p = lx->p;

      while (*p && g_ascii_isspace (*p))
        if (*p++ == '\n')
          lx->line++;
      lx->p = p;
      lx->token_line = lx->line;
      if (*p == '\0')
        {
          lx->type = TOKEN_END;
          return TRUE;
        }
      if (*p == '!')
        {
          while (*p && *p != '\n')
            p++;
        }
      else if (*p == '[')
        {
          /* "item [1]:" — the index is a label, not data. */
          while (*p && *p != ']' && *p != '\n')
            p++;
          if (*p == ']')
            p++;
        }
      else if (*p == '"')
        {
          g_string_truncate (lx->string, 0);
          for (p++;; p++)
            {
              if (*p == '\0')
                return fail (lx, error, "a string is never closed");
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (lx->string, '"');
                  p++;
                  continue;
                }
              if (*p == '"')
                break;
              if (*p == '\n')
                lx->line++;
              g_string_append_c (lx->string, *p);
            }
          lx->p = p + 1;
          lx->type = TOKEN_STRING;
          return TRUE;
        }
      else if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close == NULL)
            return fail (lx, error, "a <flag> is never closed");
          g_string_truncate (lx->string, 0);
          g_string_append_len (lx->string, p + 1, close - p - 1);
          lx->p = close + 1;
          lx->type = TOKEN_FLAG;
          return TRUE;
        }
      else if (starts_number (p))
        {
          char *end;

          lx->number = g_ascii_strtod (p, &end);
          if (!isfinite (lx->number))
            return fail (lx, error, "not a finite number");
          lx->p = end;
          lx->type = TOKEN_NUMBER;
          return TRUE;
        }
      else
        {
          /* A label word such as "xmin", "=", "intervals:" or "size". */
          while (*p && !g_ascii_isspace (*p) && *p != '"' && *p != '[' && *p != '<')
            p++;
        }
      lx->p = p;
    }
}

static gboolean
expect (Lexer *lx, TokenType type, const char *what, GError **error)
{
  if (!next_token (lx, error))
    return FALSE;
  if (lx->type == TOKEN_END)
    return fail (lx, error, "the file ends where %s was expected", what);
  if (lx->type != type)
    return fail (lx, error, "expected %s", what);
  return TRUE;
}

static gboolean
expect_count (Lexer *lx, const char *what, guint *count, GError **error)
{
  if (!expect (lx, TOKEN_NUMBER, what, error))
    return FALSE;
  if (lx->number < 0 || lx->number != floor (lx->number))
    return fail (lx, error, "%s must be a whole number", what);
  /* A count promises that many entries to follow: bounded, so a bad one cannot ask for more. */
  if (lx->number > 10000000)
    return fail (lx, error, "%s %.0f is more than this reader takes (10 000 000)", what,
                 lx->number);
  *count = (guint) lx->number;
  return TRUE;
}

static char *
read_utf8 (const char *path, GError **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  gsize length;
  const char *charset = NULL;
  gsize skip = 0;
  char *text;

  if (!g_file_get_contents (path, &raw, &length, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  /* Praat writes UTF-16 when a text needs it. */
  if (length >= 2 && (guchar) raw[0] == 0xFF && (guchar) raw[1] == 0xFE)
    charset = "UTF-16LE", skip = 2;
  else if (length >= 2 && (guchar) raw[0] == 0xFE && (guchar) raw[1] == 0xFF)
    charset = "UTF-16BE", skip = 2;
  if (charset)
    {
      text = g_convert (raw + skip, length - skip, "UTF-8", charset, NULL, NULL, &local);
      if (text == NULL)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: %s", base,
                       local->message);
          return NULL;
        }
      if (strlen (text) == 0 || !g_utf8_validate (text, -1, NULL))
        {
          g_free (text);
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "%s: not valid UTF-16 text", base);
          return NULL;
        }
      return text;
    }
  return cairn_text_read_file (path, NULL, error);
}

static gboolean
read_tier (CairnTextImport *im, Lexer *lx, GError **error)
{
  g_autofree char *class = NULL, *name = NULL;
  gboolean points;
  guint count;

  if (!expect (lx, TOKEN_STRING, "a tier class (\"IntervalTier\" or \"TextTier\")", error))
    return FALSE;
  class = g_strdup (lx->string->str);
  if (!g_str_equal (class, "IntervalTier") && !g_str_equal (class, "TextTier"))
    return fail (lx, error, "unknown tier class “%s”", class);
  points = g_str_equal (class, "TextTier");
  if (!expect (lx, TOKEN_STRING, "the tier's name", error))
    return FALSE;
  name = g_strdup (lx->string->str);
  if (!expect (lx, TOKEN_NUMBER, "the tier's xmin", error)
      || !expect (lx, TOKEN_NUMBER, "the tier's xmax", error)
      || !expect_count (lx, points ? "the number of points" : "the number of intervals", &count,
                        error))
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      double start, end;

      if (!expect (lx, TOKEN_NUMBER, points ? "a point's time" : "an interval's xmin", error))
        return FALSE;
      start = lx->number;
      if (!points)
        {
          if (!expect (lx, TOKEN_NUMBER, "an interval's xmax", error))
            return FALSE;
          end = lx->number;
          if (end < start)
            return fail (lx, error, "the interval ends before it starts");
        }
      else
        end = start;
      if (start < 0)
        return fail (lx, error, "negative time");
      if (!expect (lx, TOKEN_STRING, points ? "a point's mark" : "an interval's text", error))
        return FALSE;
      /* Empty intervals are the gaps between what was said. */
      if (!points && lx->string->len == 0)
        continue;
      {
        g_autoptr(JsonObject) attributes = json_object_new ();

        if (points)
          json_object_set_boolean_member (attributes, "textgrid_point", TRUE);
        if (!cairn_transcript_add_segment (im, start * 1000.0, end * 1000.0, lx->string->str,
                                           name, attributes, error))
          return FALSE;
      }
    }
  return TRUE;
}

gboolean
cairn_format_textgrid_import (CairnStore               *store,
                              const char               *path,
                              const CairnFormatOptions *options,
                              CairnImportReport        *report,
                              GError                  **error)
{
  g_autofree char *text = read_utf8 (path, error);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GString) string = g_string_new (NULL);
  Lexer lx = { base, text, 1, TOKEN_END, 0, string, 1 };
  CairnTextImport im;
  double xmax;
  guint tiers = 0;
  gboolean ok;

  if (text == NULL)
    return FALSE;
  if (!expect (&lx, TOKEN_STRING, "File type = \"ooTextFile\"", error))
    return FALSE;
  if (!g_str_equal (lx.string->str, "ooTextFile"))
    return fail (&lx, error, "not a Praat text file (“%s”)", lx.string->str);
  if (!expect (&lx, TOKEN_STRING, "Object class = \"TextGrid\"", error))
    return FALSE;
  if (!g_str_has_prefix (lx.string->str, "TextGrid"))
    return fail (&lx, error, "not a TextGrid (“%s”)", lx.string->str);
  if (!expect (&lx, TOKEN_NUMBER, "xmin", error) || !expect (&lx, TOKEN_NUMBER, "xmax", error))
    return FALSE;
  xmax = lx.number;
  if (!next_token (&lx, error))
    return FALSE;
  if (lx.type == TOKEN_FLAG && g_str_equal (lx.string->str, "exists"))
    {
      if (!expect_count (&lx, "the number of tiers", &tiers, error))
        return FALSE;
    }
  else if (!(lx.type == TOKEN_FLAG && g_str_equal (lx.string->str, "absent")))
    return fail (&lx, error, "expected <exists> or <absent>");
  ok = cairn_text_import_init (&im, store, options, report, error)
       && cairn_transcript_audio_item (&im, path, (gint64) llround (xmax * 1000.0), error) != 0;
  for (guint i = 0; ok && i < tiers; i++)
    ok = read_tier (&im, &lx, error);
  cairn_text_import_clear (&im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* Export */

static void
append_seconds (GString *out, double ms)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double seconds = ms / 1000.0;

  /* The shortest form that reads back as the same number. */
  for (int digits = 6; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, seconds);
      if (g_ascii_strtod (buf, NULL) == seconds)
        break;
    }
  g_string_append (out, buf);
}

static void
append_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_point (const CairnAnnotation *a)
{
  return json_object_get_boolean_member_with_default (a->attributes, "textgrid_point", FALSE);
}

typedef struct
{
  char      *name;
  gboolean   points;
  GPtrArray *segments;  /* borrowed */
} Tier;

static void
tier_free (Tier *t)
{
  g_free (t->name);
  g_ptr_array_unref (t->segments);
  g_free (t);
}

static void
write_interval (GString *out, guint index, double start, double end, const char *text)
{
  g_string_append_printf (out, "        intervals [%u]:\n            xmin = ", index);
  append_seconds (out, start);
  g_string_append (out, " \n            xmax = ");
  append_seconds (out, end);
  g_string_append (out, " \n            text = ");
  append_string (out, text);
  g_string_append (out, " \n");
}

static gboolean
write_tier (GString *out, guint index, Tier *t, double xmax, GError **error)
{
  GString *body = g_string_new (NULL);
  double at = 0;
  guint n = 0;

  for (guint i = 0; i < t->segments->len; i++)
    {
      const CairnAnnotation *a = t->segments->pdata[i];
      double start = g_array_index (a->coords, double, 0);
      double end = g_array_index (a->coords, double, 1);
      const char *text = a->text ? a->text : "";

      if (t->points)
        {
          g_string_append_printf (body, "        points [%u]:\n            number = ", ++n);
          append_seconds (body, start);
          g_string_append (body, " \n            mark = ");
          append_string (body, text);
          g_string_append (body, " \n");
          continue;
        }
      if (start < at)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                       "segments of “%s” overlap at %.3f s; a TextGrid interval tier cannot hold "
                       "that", t->name, start / 1000.0);
          g_string_free (body, TRUE);
          return FALSE;
        }
      if (start > at)
        write_interval (body, ++n, at, start, "");
      write_interval (body, ++n, start, end, text);
      at = end;
    }
  if (!t->points && (at < xmax || n == 0))
    write_interval (body, ++n, at, xmax, "");
  g_string_append_printf (out, "    item [%u]:\n        class = \"%s\" \n        name = ", index,
                          t->points ? "TextTier" : "IntervalTier");
  append_string (out, t->name);
  g_string_append (out, " \n        xmin = 0 \n        xmax = ");
  append_seconds (out, xmax);
  g_string_append_printf (out, " \n        %s: size = %u \n", t->points ? "points" : "intervals",
                          n);
  g_string_append_len (out, body->str, body->len);
  g_string_free (body, TRUE);
  return TRUE;
}

static gboolean
write_textgrid (const CairnItem *item, GPtrArray *segments, GString *out, GError **error)
{
  g_autoptr(GPtrArray) tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_free);
  double xmax = MAX (item->duration_ms, 0);

  for (guint i = 0; i < segments->len; i++)
    {
      CairnAnnotation *a = segments->pdata[i];
      const char *speaker = a->speaker ? a->speaker : "";
      gboolean points = is_point (a) || g_array_index (a->coords, double, 0)
                                        == g_array_index (a->coords, double, 1);
      Tier *tier = NULL;

      for (guint k = 0; k < tiers->len && tier == NULL; k++)
        {
          Tier *t = tiers->pdata[k];
          if (t->points == points && g_str_equal (t->name, speaker))
            tier = t;
        }
      if (tier == NULL)
        {
          tier = g_new0 (Tier, 1);
          tier->name = g_strdup (speaker);
          tier->points = points;
          tier->segments = g_ptr_array_new ();
          g_ptr_array_add (tiers, tier);
        }
      g_ptr_array_add (tier->segments, a);
      xmax = MAX (xmax, g_array_index (a->coords, double, 1));
    }
  g_string_append (out, "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0 \n"
                        "xmax = ");
  append_seconds (out, xmax);
  g_string_append_printf (out, " \ntiers? %s \nsize = %u \nitem []: \n",
                          tiers->len ? "<exists>" : "<absent>", tiers->len);
  for (guint k = 0; k < tiers->len; k++)
    if (!write_tier (out, k + 1, tiers->pdata[k], xmax, error))
      return FALSE;
  return TRUE;
}

gboolean
cairn_format_textgrid_export (CairnStore               *store,
                              const char               *out_dir,
                              const CairnFormatOptions *options,
                              GError                  **error)
{
  return cairn_transcript_export (store, out_dir, options, ".TextGrid", write_textgrid, error);
}
