#define G_LOG_DOMAIN "cairn-csv"

#include "cairn-csv.h"

G_DEFINE_QUARK (cairn-csv-error-quark, cairn_csv_error)

struct _CairnCsv
{
  GMappedFile *file;
  char        *name;
  const char  *data;
  gsize        length;
  gsize        pos;
  guint        line;      /* current line, 1-based */
  guint        row_line;  /* where the last row started */
};

static CairnCsv *
csv_new (const char *data, gsize length, const char *name)
{
  CairnCsv *self = g_new0 (CairnCsv, 1);

  self->data = data;
  self->length = length;
  self->name = g_strdup (name);
  self->line = 1;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;
  return self;
}

CairnCsv *
cairn_csv_new_for_data (const char *data,
                        gsize       length,
                        const char *name)
{
  return csv_new (data, length, name);
}

CairnCsv *
cairn_csv_open (const char *path,
                GError    **error)
{
  GMappedFile *file = g_mapped_file_new (path, FALSE, error);
  CairnCsv *self;

  if (file == NULL)
    return NULL;
  self = csv_new (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), path);
  self->file = file;
  return self;
}

void
cairn_csv_free (CairnCsv *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->file, g_mapped_file_unref);
  g_free (self->name);
  g_free (self);
}

guint
cairn_csv_get_line (CairnCsv *self)
{
  return self->row_line;
}

static gboolean
fail (CairnCsv *self, GError **error, guint line, const char *what)
{
  g_set_error (error, CAIRN_CSV_ERROR, CAIRN_CSV_ERROR_PARSE, "%s:%u: %s", self->name, line,
               what);
  return FALSE;
}

/* Reads one field; *end_of_row tells whether a line end (or the file's end) followed it. */
static gboolean
read_field (CairnCsv *self, GString *field, gboolean *end_of_row, GError **error)
{
  const char *d = self->data;
  gboolean quoted = self->pos < self->length && d[self->pos] == '"';
  guint start_line = self->line;

  g_string_truncate (field, 0);
  if (quoted)
    {
      self->pos++;
      for (;;)
        {
          if (self->pos >= self->length)
            return fail (self, error, start_line, "a quoted field is never closed");
          if (d[self->pos] == '"')
            {
              if (self->pos + 1 < self->length && d[self->pos + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  self->pos += 2;
                  continue;
                }
              self->pos++;
              break;
            }
          if (d[self->pos] == '\n')
            self->line++;
          g_string_append_c (field, d[self->pos++]);
        }
    }
  while (self->pos < self->length && d[self->pos] != ',' && d[self->pos] != '\n'
         && d[self->pos] != '\r')
    {
      if (quoted)
        return fail (self, error, self->line, "text after a closing quote");
      g_string_append_c (field, d[self->pos++]);
    }
  if (self->pos < self->length && d[self->pos] == ',')
    {
      self->pos++;
      *end_of_row = FALSE;
      return TRUE;
    }
  if (self->pos < self->length && d[self->pos] == '\r')
    self->pos++;
  if (self->pos < self->length && d[self->pos] == '\n')
    {
      self->pos++;
      self->line++;
    }
  *end_of_row = TRUE;
  return TRUE;
}

GStrv
cairn_csv_next_row (CairnCsv *self,
                    GError  **error)
{
  g_autoptr(GStrvBuilder) row = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean end = FALSE;

  /* Blank lines are not rows. */
  while (self->pos < self->length && (self->data[self->pos] == '\n'
                                      || self->data[self->pos] == '\r'))
    if (self->data[self->pos++] == '\n')
      self->line++;
  if (self->pos >= self->length)
    return NULL;
  self->row_line = self->line;
  row = g_strv_builder_new ();
  while (!end)
    {
      if (!read_field (self, field, &end, error))
        return NULL;
      if (!g_utf8_validate (field->str, field->len, NULL))
        {
          fail (self, error, self->row_line, "not valid UTF-8");
          return NULL;
        }
      g_strv_builder_add (row, field->str);
    }
  return g_strv_builder_end (row);
}
