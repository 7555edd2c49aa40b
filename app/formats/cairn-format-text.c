#define G_LOG_DOMAIN "cairn-format-text"

#include <math.h>

#include "cairn-format-text-private.h"

struct _CairnLineReader
{
  char             *name;
  GDataInputStream *in;
  guint             line;
  guint64           size;
  guint64           consumed;
};

CairnLineReader *
cairn_line_reader_open (const char *path,
                        GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  CairnLineReader *self;

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  self = g_new0 (CairnLineReader, 1);
  self->name = g_path_get_basename (path);
  self->size = info ? (guint64) g_file_info_get_size (info) : 0;
  self->in = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (self->in), 1 << 16);
  g_data_input_stream_set_newline_type (self->in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  return self;
}

char *
cairn_line_reader_next (CairnLineReader *self,
                        gsize           *length,
                        GError         **error)
{
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  char *line = g_data_input_stream_read_line (self->in, &len, NULL, &local);

  if (line == NULL)
    {
      if (local)
        g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s:%u: %s", self->name,
                     self->line + 1, local->message);
      return NULL;
    }
  self->line++;
  self->consumed += len + 1;
  if (self->line == 1 && len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (line, line + 3, len - 2);
      len -= 3;
    }
  /* g_utf8_validate also refuses NUL bytes inside the given length. */
  if (!g_utf8_validate (line, len, NULL))
    {
      g_free (line);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: not valid UTF-8 text", self->name, self->line);
      return NULL;
    }
  if (length)
    *length = len;
  return line;
}

guint
cairn_line_reader_line (CairnLineReader *self)
{
  return self->line;
}

const char *
cairn_line_reader_name (CairnLineReader *self)
{
  return self->name;
}

double
cairn_line_reader_fraction (CairnLineReader *self)
{
  return self->size ? MIN (1.0, (double) self->consumed / self->size) : 0;
}

void
cairn_line_reader_free (CairnLineReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->in);
  g_free (self->name);
  g_free (self);
}

char *
cairn_text_read_file (const char *path,
                      gsize      *length,
                      GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *base = g_path_get_basename (path);
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (data, data + 3, len - 2);
      len -= 3;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      const char *end;
      guint line = 1;

      g_utf8_validate (data, len, &end);
      for (const char *p = data; p < end; p++)
        line += *p == '\n';
      g_free (data);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: not valid UTF-8 text", base, line);
      return NULL;
    }
  if (length)
    *length = len;
  return data;
}

void
cairn_char_index_init (CairnCharIndex *index,
                       const char     *text,
                       gssize          length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  gboolean ascii = TRUE;

  index->text = text;
  index->n_bytes = n;
  index->bytes = NULL;
  for (gsize i = 0; i < n && ascii; i++)
    ascii = (guchar) text[i] < 0x80;
  if (ascii)
    {
      index->n_chars = n;
      return;
    }
  index->n_chars = g_utf8_strlen (text, n);
  index->bytes = g_new (gsize, index->n_chars + 1);
  {
    const char *p = text;
    for (gsize i = 0; i < index->n_chars; i++)
      {
        index->bytes[i] = p - text;
        p = g_utf8_next_char (p);
      }
    index->bytes[index->n_chars] = n;
  }
}

void
cairn_char_index_clear (CairnCharIndex *index)
{
  g_clear_pointer (&index->bytes, g_free);
}

gsize
cairn_char_index_byte (const CairnCharIndex *index,
                       gsize                 cp)
{
  g_assert (cp <= index->n_chars);
  return index->bytes ? index->bytes[cp] : cp;
}

gboolean
cairn_char_index_is_boundary (const CairnCharIndex *index,
                              gsize                 cp)
{
  gunichar here, before;

  if (cp == 0 || cp >= index->n_chars || index->bytes == NULL)
    return TRUE;
  here = g_utf8_get_char (index->text + index->bytes[cp]);
  before = g_utf8_get_char (index->text + index->bytes[cp - 1]);
  /* The common ways a cluster continues: a combining mark or variation selector, an emoji
   * skin tone, either side of a zero-width joiner, CR LF. */
  return !(g_unichar_ismark (here) || (here >= 0x1f3fb && here <= 0x1f3ff) || here == 0x200d
           || before == 0x200d || (before == '\r' && here == '\n'));
}

char *
cairn_char_index_dup (const CairnCharIndex *index,
                      gsize                 start,
                      gsize                 end)
{
  gsize a = cairn_char_index_byte (index, start);
  gsize b = cairn_char_index_byte (index, end);

  return g_strndup (index->text + a, b - a);
}

gboolean
cairn_text_import_init (CairnTextImport          *im,
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
cairn_text_import_clear (CairnTextImport *im)
{
  g_clear_pointer (&im->labels, g_hash_table_unref);
  g_clear_pointer (&im->existing, g_ptr_array_unref);
}

gint64
cairn_text_import_label (CairnTextImport *im,
                         const char      *name,
                         GError         **error)
{
  gint64 *cached = g_hash_table_lookup (im->labels, name);
  gint64 id;

  if (cached)
    return *cached;
  id = cairn_format_ensure_label (im->store, name, im->report, error);
  if (id)
    g_hash_table_insert (im->labels, g_strdup (name), g_memdup2 (&id, sizeof id));
  return id;
}

gboolean
cairn_text_import_use_item (CairnTextImport *im,
                            gint64           item_id,
                            gboolean         existed,
                            GError         **error)
{
  im->item_id = item_id;
  g_clear_pointer (&im->existing, g_ptr_array_unref);
  if (existed)
    {
      im->existing = cairn_store_list_annotations (im->store, item_id, error);
      if (im->existing == NULL)
        return FALSE;
    }
  return TRUE;
}

gint64
cairn_text_import_text_item (CairnTextImport *im,
                             const char      *text,
                             JsonObject      *meta,
                             GError         **error)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(CairnItem) item = NULL;
  gint64 id = cairn_store_find_item_by_sha256 (im->store, sha);

  if (id)
    {
      if (im->report)
        im->report->items_skipped++;
      return cairn_text_import_use_item (im, id, TRUE, error) ? id : 0;
    }
  item = cairn_item_new (CAIRN_ITEM_TEXT);
  item->text = g_strdup (text);
  item->sha256 = g_steal_pointer (&sha);
  if (meta)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, meta);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (item->meta, member, json_node_copy (value));
    }
  if (!cairn_store_add_item (im->store, item, error))
    return 0;
  if (im->report)
    im->report->items_added++;
  return cairn_text_import_use_item (im, item->id, FALSE, error) ? item->id : 0;
}

gboolean
cairn_text_import_add (CairnTextImport *im,
                       CairnAnnotation *a,
                       GError         **error)
{
  a->item_id = im->item_id;
  a->annotator_id = im->annotator_id;
  for (guint i = 0; im->existing && i < im->existing->len; i++)
    {
      const CairnAnnotation *old = im->existing->pdata[i];

      if ((a->annotator_id == 0 || old->annotator_id == a->annotator_id)
          && cairn_annotation_equal (old, a, 1e-9))
        {
          a->id = old->id;
          if (im->report)
            im->report->annotations_present++;
          return TRUE;
        }
    }
  if (!cairn_store_add_annotation (im->store, a, error))
    return FALSE;
  if (im->report)
    im->report->annotations_added++;
  /* Within one import the same item can come twice (a repeated sentence). */
  if (im->existing)
    g_ptr_array_add (im->existing, cairn_annotation_copy (a));
  return TRUE;
}

CairnTextWriter *
cairn_text_writer_new (const char *path,
                       GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  GFileOutputStream *out;
  CairnTextWriter *self;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local);
  if (out == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return NULL;
    }
  self = g_new0 (CairnTextWriter, 1);
  self->path = g_strdup (path);
  self->out = G_OUTPUT_STREAM (out);
  self->buf = g_string_sized_new (1 << 16);
  return self;
}

gboolean
cairn_text_writer_flush (CairnTextWriter *self,
                         gboolean         force,
                         GError         **error)
{
  g_autoptr(GError) local = NULL;

  if (self->buf->len == 0 || (!force && self->buf->len < (1 << 16)))
    return TRUE;
  if (!g_output_stream_write_all (self->out, self->buf->str, self->buf->len, NULL, NULL, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", self->path,
                   local->message);
      return FALSE;
    }
  g_string_truncate (self->buf, 0);
  return TRUE;
}

gboolean
cairn_text_writer_close (CairnTextWriter *self,
                         GError         **error)
{
  g_autoptr(GError) local = NULL;

  if (!cairn_text_writer_flush (self, TRUE, error))
    return FALSE;
  if (!g_output_stream_close (self->out, NULL, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", self->path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

void
cairn_text_writer_free (CairnTextWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->out);
  g_string_free (self->buf, TRUE);
  g_free (self->path);
  g_free (self);
}

const char *
cairn_text_export_label_name (CairnTextExport *ex,
                              gint64           label_id)
{
  CairnLabel *label = g_hash_table_lookup (ex->label_by_id, &label_id);

  return label ? label->name : NULL;
}

const char *const *
cairn_text_export_subsets (CairnTextExport *ex)
{
  static const char *const all[] = { NULL, NULL };

  if (ex->options && ex->options->splits && ex->options->splits[0])
    return (const char *const *) ex->options->splits;
  return all;
}

GArray *
cairn_text_export_item_ids (CairnTextExport *ex,
                            CairnItemKind    kind,
                            const char      *split,
                            GError         **error)
{
  CairnItemFilter filter = { kind, -1, split };

  return cairn_store_list_item_ids (ex->store, &filter, error);
}

static int
compare_annotations (gconstpointer pa, gconstpointer pb)
{
  const CairnAnnotation *a = *(const CairnAnnotation *const *) pa;
  const CairnAnnotation *b = *(const CairnAnnotation *const *) pb;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  /* Relations keep their order of creation: their coords are ids, not positions. */
  if (a->kind != CAIRN_KIND_RELATION)
    for (guint i = 0; i < MIN (2, MIN (a->coords->len, b->coords->len)); i++)
      {
        double x = g_array_index (a->coords, double, i);
        double y = g_array_index (b->coords, double, i);
        if (x != y)
          return x < y ? -1 : 1;
      }
  return a->id < b->id ? -1 : a->id > b->id;
}

static gboolean
keep_annotation_cb (const CairnAnnotation *annotation,
                    gpointer               user_data)
{
  g_ptr_array_add (user_data, cairn_annotation_copy (annotation));
  return TRUE;
}

GPtrArray *
cairn_text_export_annotations (CairnTextExport *ex,
                               gint64           item_id,
                               GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotation_free);
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;

  filter.item_id = item_id;
  filter.annotator_id = ex->annotator_id;
  if (!cairn_store_foreach_annotation (ex->store, &filter, keep_annotation_cb, list, error))
    return NULL;
  g_ptr_array_sort (list, compare_annotations);
  return g_steal_pointer (&list);
}

char *
cairn_text_export_path (const char *out_dir,
                        const char *split,
                        const char *stem,
                        const char *extension)
{
  g_autofree char *name = g_strconcat (split ? split : stem, extension, NULL);

  return g_build_filename (out_dir, name, NULL);
}

