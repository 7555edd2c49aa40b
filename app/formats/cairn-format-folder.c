#define G_LOG_DOMAIN "cairn-format-folder"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cairn-format-folder.h"
#include "model/cairn-csv.h"
#include "cairn-media.h"
#include "model/cairn-json.h"

typedef enum { FILE_IGNORED, FILE_IMAGE, FILE_AUDIO, FILE_TXT, FILE_JSONL, FILE_CSV } FileType;

static FileType
file_type (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".txt"))
    return FILE_TXT;
  if (g_str_has_suffix (lower, ".jsonl"))
    return FILE_JSONL;
  if (g_str_has_suffix (lower, ".csv"))
    return FILE_CSV;
  if (cairn_media_is_audio_name (lower))
    return FILE_AUDIO;
  if (cairn_media_is_image_name (lower))
    return FILE_IMAGE;
  return FILE_IGNORED;
}

static gint64
add_text (CairnStore *store, const char *text, JsonObject *meta, const char *where,
          CairnImportReport *report, GError **error)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(CairnItem) item = NULL;
  gint64 existing = cairn_store_find_item_by_sha256 (store, sha);

  if (existing)
    {
      report->items_skipped++;
      return existing;
    }
  item = cairn_item_new (CAIRN_ITEM_TEXT);
  item->text = g_strdup (text);
  item->sha256 = g_steal_pointer (&sha);
  if (meta)
    {
      json_object_unref (item->meta);
      item->meta = json_object_ref (meta);
    }
  json_object_set_string_member (item->meta, "source", where);
  if (!cairn_store_add_item (store, item, error))
    return 0;
  report->items_added++;
  return item->id;
}

static gboolean
import_jsonl (CairnStore *store, const char *path, CairnImportReport *report, GError **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      cairn_import_report_warn (report, "%s: %s (skipped)", path, local->message);
      return TRUE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autofree char *where = g_strdup_printf ("%s:%u", base, i + 1);
      JsonObject *o;
      const char *text;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (!cairn_json_is_single_value (lines[i], strlen (lines[i]))
          || !cairn_json_check_limits (lines[i], -1, NULL)
          || !json_parser_load_from_data (parser, lines[i], -1, NULL)
          || cairn_json_root_object (parser) == NULL)
        {
          cairn_import_report_warn (report, "%s:%u: not a JSON object (skipped)", path, i + 1);
          continue;
        }
      o = cairn_json_root_object (parser);
      text = cairn_json_string (o, "text");
      if (text == NULL)
        {
          cairn_import_report_warn (report, "%s:%u: no \"text\" string (skipped)", path, i + 1);
          continue;
        }
      {
        g_autoptr(JsonObject) meta = json_object_new ();
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init (&iter, o);
        while (json_object_iter_next (&iter, &member, &value))
          if (!g_str_equal (member, "text"))
            json_object_set_member (meta, member, json_node_copy (value));
        if (add_text (store, text, meta, where, report, error) == 0)
          return FALSE;
      }
    }
  return TRUE;
}

static gboolean
import_csv (CairnStore *store, const char *path, CairnImportReport *report, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnCsv) csv = cairn_csv_open (path, &local);
  g_autofree char *base = g_path_get_basename (path);
  g_auto(GStrv) header = NULL;
  int text_column = -1;
  GStrv row;

  if (csv == NULL || (header = cairn_csv_next_row (csv, &local)) == NULL)
    {
      cairn_import_report_warn (report, "%s: %s (skipped)", path,
                                local ? local->message : "empty file");
      return TRUE;
    }
  for (int i = 0; header[i]; i++)
    if (g_ascii_strcasecmp (g_strstrip (header[i]), "text") == 0)
      text_column = i;
  if (text_column < 0)
    {
      cairn_import_report_warn (report, "%s:1: no \"text\" column (skipped)", path);
      return TRUE;
    }
  while ((row = cairn_csv_next_row (csv, &local)))
    {
      G_GNUC_UNUSED g_auto(GStrv) owned = row; /* frees the row */
      g_autoptr(JsonObject) meta = json_object_new ();
      g_autofree char *where = g_strdup_printf ("%s:%u", base, cairn_csv_get_line (csv));

      if ((int) g_strv_length (row) <= text_column || *row[text_column] == '\0')
        {
          cairn_import_report_warn (report, "%s:%u: empty text (skipped)", path,
                                    cairn_csv_get_line (csv));
          continue;
        }
      for (int i = 0; row[i] && header[i]; i++)
        if (i != text_column && *row[i])
          json_object_set_string_member (meta, header[i], row[i]);
      if (add_text (store, row[text_column], meta, where, report, error) == 0)
        return FALSE;
    }
  if (local)
    cairn_import_report_warn (report, "%s: %s (rest skipped)", path, local->message);
  return TRUE;
}

static gboolean
read_text_file (const char *path, char **text, GError **error)
{
  gsize length;

  if (!g_file_get_contents (path, text, &length, error))
    return FALSE;
  if (!g_utf8_validate (*text, length, NULL))
    {
      g_clear_pointer (text, g_free);
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "not valid UTF-8 text");
      return FALSE;
    }
  return TRUE;
}

gint64
cairn_format_folder_import_file (CairnStore               *store,
                                 const char               *path,
                                 const CairnFormatOptions *options,
                                 CairnImportReport        *report,
                                 GError                  **error)
{
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FileType type = file_type (path);
  gint64 existing;

  if (type == FILE_TXT)
    {
      g_autofree char *text = NULL;
      g_autofree char *base = g_path_get_basename (path);

      if (!read_text_file (path, &text, error))
        return 0;
      return add_text (store, text, NULL, base, report, error);
    }
  if (type != FILE_IMAGE && type != FILE_AUDIO)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                           "not an image, audio or text file");
      return 0;
    }
  item = cairn_media_probe (path, options ? options->max_pixels : 0, &bytes, error);
  if (item == NULL)
    return 0;
  item->uri = cairn_store_relative_uri (store, path);
  /* An embedded item travels with the project: an absolute path from this machine means
   * nothing elsewhere, its name does. */
  if (options && options->embed && g_path_is_absolute (item->uri))
    {
      g_free (item->uri);
      item->uri = g_path_get_basename (path);
    }
  existing = cairn_store_find_item_by_sha256 (store, item->sha256);
  if (existing)
    {
      g_autoptr(CairnItem) other = cairn_store_get_item (store, existing, NULL);

      /* The same file again is silent; the same bytes under another name is news. */
      if (other && g_strcmp0 (other->uri, item->uri) != 0)
        cairn_import_report_warn (report, "%s: exact duplicate of %s (skipped)", path,
                                  other->uri ? other->uri : "an embedded item");
      if (report)
        report->items_skipped++;
      return existing;
    }
  if (options && options->embed)
    item->blob = g_bytes_ref (bytes);
  if (!cairn_store_add_item (store, item, error))
    return 0;
  if (report)
    report->items_added++;
  return item->id;
}

gboolean
cairn_format_folder_import (CairnStore               *store,
                            const char               *path,
                            const CairnFormatOptions *options,
                            CairnImportReport        *report,
                            GError                  **error)
{
  g_autoptr(GPtrArray) files = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: not a folder", path);
      return FALSE;
    }
  files = cairn_format_find_files (path, NULL, report);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autoptr(GError) local = NULL;
      FileType type = file_type (file);

      if (type == FILE_IGNORED)
        continue;
      if (!cairn_format_step (options, (double) i / files->len, file, error))
        return FALSE;
      if (type == FILE_JSONL || type == FILE_CSV)
        {
          if (!(type == FILE_JSONL ? import_jsonl : import_csv) (store, file, report, error))
            return FALSE;
          continue;
        }
      if (cairn_format_folder_import_file (store, file, options, report, &local) == 0)
        {
          /* A store failure aborts; a bad file is only a warning. */
          if (local->domain == CAIRN_STORE_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          cairn_import_report_warn (report, "%s: %s (skipped)", file, local->message);
        }
    }
  return cairn_format_step (options, 1.0, NULL, error);
}
