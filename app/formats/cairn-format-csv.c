#define G_LOG_DOMAIN "cairn-format-csv"

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"
#include "model/cairn-csv.h"

/* text,label classification CSV (RFC 4180): a header row naming a "text" column and a "label"
 * (or "labels") column; several labels in one cell are separated by "|". Other columns are
 * kept in item meta "csv" and written back. */

#define LABEL_SEPARATOR '|'

static int
find_column (GStrv header, const char *const *names)
{
  for (int i = 0; header[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header[i]));

      for (guint k = 0; names[k]; k++)
        if (g_ascii_strcasecmp (name, names[k]) == 0)
          return i;
    }
  return -1;
}

static gboolean
import_row (CairnTextImport *im, CairnCsv *csv, const char *name, GStrv header, GStrv row,
            int text_column, int label_column, GError **error)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *source = g_strdup_printf ("%s:%u", name, cairn_csv_get_line (csv));
  guint n = g_strv_length (row), n_header = g_strv_length (header);

  if (n != n_header)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:%u: %u fields, but the header has %u", name, cairn_csv_get_line (csv), n,
                   n_header);
      return FALSE;
    }
  if (*row[text_column] == '\0')
    {
      cairn_import_report_warn (im->report, "%s:%u: empty text (skipped)", name,
                                cairn_csv_get_line (csv));
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if ((int) i != text_column && (int) i != label_column)
      json_object_set_string_member (extra, header[i], row[i]);
  json_object_set_string_member (meta, "source", source);
  if (json_object_get_size (extra))
    json_object_set_object_member (meta, "csv", json_object_ref (extra));
  if (cairn_text_import_text_item (im, row[text_column], meta, error) == 0)
    return FALSE;
  if (label_column >= 0)
    {
      g_auto(GStrv) labels = g_strsplit (row[label_column], (char[]) { LABEL_SEPARATOR, 0 }, -1);

      for (guint i = 0; labels[i]; i++)
        {
          g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_CLASS);
          const char *label = g_strstrip (labels[i]);

          if (*label == '\0')
            continue;
          a->label_id = cairn_text_import_label (im, label, error);
          if (a->label_id == 0 || !cairn_text_import_add (im, a, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cairn_format_csv_import (CairnStore               *store,
                         const char               *path,
                         const CairnFormatOptions *options,
                         CairnImportReport        *report,
                         GError                  **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnCsv) csv = cairn_csv_open (path, &local);
  g_autofree char *name = g_path_get_basename (path);
  g_auto(GStrv) header = NULL;
  CairnTextImport im;
  int text_column, label_column;
  gboolean ok = TRUE;
  GStrv row;

  if (csv == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local->message);
      return FALSE;
    }
  if ((header = cairn_csv_next_row (csv, &local)) == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s", local
                   ? local->message : "empty file, expected a header row");
      if (local == NULL)
        g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  text_column = find_column (header, (const char *const[]) { "text", NULL });
  label_column = find_column (header, (const char *const[]) { "label", "labels", NULL });
  if (text_column < 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s:1: no “text” column in the header", name);
      return FALSE;
    }
  if (!cairn_text_import_init (&im, store, options, report, error))
    {
      cairn_text_import_clear (&im);
      return FALSE;
    }
  while (ok && (row = cairn_csv_next_row (csv, &local)))
    {
      G_GNUC_UNUSED g_auto(GStrv) owned = row;
      g_autoptr(GError) bad = NULL;

      /* A row that cannot be read is skipped (before anything of it is written). */
      ok = (import_row (&im, csv, name, header, row, text_column, label_column, &bad)
            || cairn_format_skip_record (options, report, &bad, error))
           && (cairn_csv_get_line (csv) % 1024 != 0
               || cairn_format_step (options, 0.5, NULL, error));
    }
  if (ok && local)
    ok = cairn_format_fail (error, "%s", local->message);
  cairn_text_import_clear (&im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

static void
append_field (GString *out, const char *value)
{
  gsize len = strlen (value);

  if (strpbrk (value, ",\"\r\n") || (len && (g_ascii_isspace (value[0])
                                             || g_ascii_isspace (value[len - 1]))))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static JsonObject *
csv_meta (const CairnItem *item)
{
  JsonNode *node = json_object_get_member (item->meta, "csv");

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
write_subset (CairnTextExport *ex, const char *out_dir, const char *split, guint *left_out,
              GError **error)
{
  g_autoptr(GArray) ids = cairn_text_export_item_ids (ex, CAIRN_ITEM_TEXT, split, error);
  g_autofree char *path = cairn_text_export_path (out_dir, split, "annotations", ".csv");
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CairnTextWriter) w = NULL;

  if (ids == NULL)
    return FALSE;
  /* The extra columns: every name any item kept, in the order first seen. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (ex->store, g_array_index (ids, gint64, i),
                                                        error);
      JsonObject *extra;
      JsonObjectIter iter;
      const char *member;

      if (item == NULL)
        return FALSE;
      if ((extra = csv_meta (item)) == NULL)
        continue;
      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &member, NULL))
        if (!g_ptr_array_find_with_equal_func (columns, member, g_str_equal, NULL)
            && g_ascii_strcasecmp (member, "text") != 0 && g_ascii_strcasecmp (member, "label") != 0
            && g_ascii_strcasecmp (member, "labels") != 0)
          g_ptr_array_add (columns, g_strdup (member));
    }
  if ((w = cairn_text_writer_new (path, error)) == NULL)
    return FALSE;
  g_string_append (w->buf, "text,label");
  for (guint k = 0; k < columns->len; k++)
    {
      g_string_append_c (w->buf, ',');
      append_field (w->buf, columns->pdata[k]);
    }
  g_string_append (w->buf, "\r\n");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (ex->store, g_array_index (ids, gint64, i),
                                                        error);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GString) labels = g_string_new (NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      JsonObject *extra;

      if (item == NULL || (list = cairn_text_export_annotations (ex, item->id, error)) == NULL)
        return FALSE;
      for (guint k = 0; k < list->len; k++)
        {
          const CairnAnnotation *a = list->pdata[k];
          const char *name = cairn_text_export_label_name (ex, a->label_id);

          if (a->kind != CAIRN_KIND_CLASS || name == NULL)
            {
              /* Counted per kind; an unlabelled class counts as the class kind. */
              left_out[a->kind]++;
              continue;
            }
          if (strchr (name, LABEL_SEPARATOR))
            {
              g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                           "item %" G_GINT64_FORMAT ": label “%s” contains “%c”, which separates "
                           "labels in a CSV cell", item->id, name, LABEL_SEPARATOR);
              return FALSE;
            }
          /* Two annotators giving the same class is one label in the cell. */
          if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            continue;
          g_ptr_array_add (names, (gpointer) name);
          if (labels->len)
            g_string_append_c (labels, LABEL_SEPARATOR);
          g_string_append (labels, name);
        }
      append_field (w->buf, item->text ? item->text : "");
      g_string_append_c (w->buf, ',');
      append_field (w->buf, labels->str);
      extra = csv_meta (item);
      for (guint k = 0; k < columns->len; k++)
        {
          const char *value = cairn_json_string (extra, columns->pdata[k]);
          g_string_append_c (w->buf, ',');
          append_field (w->buf, value ? value : "");
        }
      g_string_append (w->buf, "\r\n");
      if (!cairn_text_writer_flush (w, FALSE, error)
          || (i % 1024 == 0 && !cairn_format_step (ex->options, (double) i / ids->len, NULL,
                                                   error)))
        return FALSE;
    }
  return cairn_text_writer_close (w, error);
}

gboolean
cairn_format_csv_export (CairnStore               *store,
                         const char               *out_dir,
                         const CairnFormatOptions *options,
                         GError                  **error)
{
  CairnTextExport ex;
  const char *const *subsets;
  guint left_out[CAIRN_N_KINDS] = { 0 };
  gboolean ok = cairn_export_context_init (&ex, store, options, error);

  subsets = cairn_text_export_subsets (&ex);
  for (guint i = 0; ok && (i == 0 || subsets[i]); i++)
    ok = write_subset (&ex, out_dir, subsets[i], left_out, error);
  cairn_export_context_clear (&ex);
  /* One line per kind: the CSV holds each text's class labels and nothing else. */
  for (int kind = 0; ok && kind < CAIRN_N_KINDS; kind++)
    if (left_out[kind])
      cairn_format_export_warn (options, "csv: %u %s annotation%s not written (%s)",
                                left_out[kind], cairn_kind_to_string (kind),
                                left_out[kind] == 1 ? "" : "s",
                                kind == CAIRN_KIND_CLASS ? "no label"
                                                         : "a CSV row holds class labels only");
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
