#define G_LOG_DOMAIN "cairn-name"

#include <string.h>

#include "cairn-annotation.h"
#include "cairn-name.h"

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

gboolean
cairn_name_check (const char *what,
                  const char *name,
                  GError    **error)
{
  g_autofree char *shown = NULL;

  if (name == NULL)
    {
      g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "%s is missing", what);
      return FALSE;
    }
  shown = cairn_name_escape (name);
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                   "%s “%s” is not valid UTF-8", what, shown);
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (is_control (g_utf8_get_char (p)))
      {
        g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                     "%s “%s” holds a control character", what, shown);
        return FALSE;
      }
  for (const char *p = name; *p; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, "%s is empty", what);
  return FALSE;
}

gboolean
cairn_split_check (const char *split,
                   GError    **error)
{
  if (!cairn_name_check ("split name", split, error))
    return FALSE;
  if (strchr (split, '/') || strchr (split, '\\') || g_str_equal (split, ".")
      || g_str_equal (split, ".."))
    {
      g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                   "split name “%s” is not a folder name (no /, \\, . or ..)", split);
      return FALSE;
    }
  return TRUE;
}

char *
cairn_name_escape (const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (is_control (c))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
