#define G_LOG_DOMAIN "cairn-format"
/* realpath */
#define _DEFAULT_SOURCE

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cairn-format.h"
#include "model/cairn-rle.h"
#include "cairn-format-folder.h"
#include "cairn-formats-native.h"
#include "cairn-formats-image.h"
#include "cairn-formats-shapes.h"
#include "cairn-formats-text.h"
#include "cairn-media.h"
#include "model/cairn-name.h"

G_DEFINE_QUARK (cairn-format-error-quark, cairn_format_error)

/* Every format, in the order menus and --help list them. */
static const CairnFormat formats[] = {
  { "folder", N_("A folder of images, texts (.txt, .jsonl, .csv) and audio"), NULL,
    cairn_format_folder_import, NULL },
  { "cairn", N_("Cairn JSON: labels, guidelines, items and every annotation kind"), ".json",
    cairn_format_cairn_import, cairn_format_cairn_export },
  { "coco", N_("COCO instances JSON: boxes, polygons, RLE masks, keypoints"), ".json",
    cairn_format_coco_import, cairn_format_coco_export },
  { "yolo",
    N_("YOLO labels (detection, segmentation, pose) with data.yaml, obj.data or classes.txt"),
    ".yaml", cairn_format_yolo_import, cairn_format_yolo_export },
  { "voc", N_("Pascal VOC XML with SegmentationClass and SegmentationObject PNGs"), ".xml",
    cairn_format_voc_import, cairn_format_voc_export },
  { "masks", N_("Semantic masks: palette-indexed and colour PNGs with their colour map"), NULL,
    NULL, cairn_format_masks_export },
  { "labelme", N_("LabelMe JSON: every shape type, flags, embedded imageData"), ".json",
    cairn_format_labelme_import, cairn_format_labelme_export },
  { "cvat", N_("CVAT for images 1.1 XML: boxes, polygons, cuboids, masks, skeletons"), ".xml",
    cairn_format_cvat_import, cairn_format_cvat_export },
  { "labelstudio",
    N_("Label Studio JSON: image regions, brush masks, text spans, choices, relations"),
    ".json", cairn_format_labelstudio_import, cairn_format_labelstudio_export },
  { "via", N_("VGG Image Annotator 2 JSON: rectangles, circles, ellipses, polygons, points"),
    ".json", cairn_format_via_import, cairn_format_via_export },
  { "conll", N_("CoNLL tagged tokens (IOB2, BIOES; two-column or CoNLL-2003 layout)"),
    ".conll,.txt,.iob,.bio",
    cairn_format_conll_import, cairn_format_conll_export },
  { "jsonl", N_("doccano and spaCy JSON Lines: spans, relations, classes"), ".jsonl,.json",
    cairn_format_jsonl_import, cairn_format_jsonl_export },
  { "brat",
    N_("brat standoff .txt/.ann: spans (discontinuous too), relations, events, attributes"),
    ".ann", cairn_format_brat_import, cairn_format_brat_export },
  { "csv", N_("text,label classification CSV (several labels split on |)"), ".csv",
    cairn_format_csv_import, cairn_format_csv_export },
  { "webanno", N_("WebAnno TSV 3.x (spans, relations, chains, slots)"), ".tsv",
    cairn_format_webanno_import, NULL },
  { "srt", N_("SubRip subtitles as transcript segments of the audio beside them"), ".srt",
    cairn_format_srt_import, cairn_format_srt_export },
  { "vtt", N_("WebVTT captions with <v Speaker> voices as transcript segments"), ".vtt",
    cairn_format_vtt_import, cairn_format_vtt_export },
  { "textgrid", N_("Praat TextGrid (long and short text forms): one tier per speaker"), ".TextGrid",
    cairn_format_textgrid_import, cairn_format_textgrid_export },
};

const CairnFormat *
cairn_format_list (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

const CairnFormat *
cairn_format_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].name, name) == 0)
      return &formats[i];
  return NULL;
}

static void
unref_list (gpointer list)
{
  if (list)
    g_ptr_array_unref (list);
}

CairnImportReport *
cairn_import_report_new (void)
{
  CairnImportReport *report = g_new0 (CairnImportReport, 1);

  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->seen_items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  report->before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_list);
  report->project_had_annotations = -1;
  return report;
}

void
cairn_import_report_free (CairnImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->warnings);
  g_free (report->first_outside);
  g_hash_table_unref (report->seen_items);
  g_hash_table_unref (report->before);
  g_free (report);
}

void
cairn_import_report_warn (CairnImportReport *report,
                          const char        *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (report == NULL)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* File names and labels come from the dataset: no escape sequence reaches a terminal. */
  g_ptr_array_add (report->warnings, cairn_name_escape (text));
}

void
cairn_format_export_warn (const CairnFormatOptions *options,
                          const char               *format,
                          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (options && options->warnings)
    g_ptr_array_add (options->warnings, cairn_name_escape (text));
  else
    {
      g_autofree char *shown = cairn_name_escape (text);
      g_message ("%s", shown);
    }
}

static void
add_root (GPtrArray *roots, const char *dir)
{
  char *real = dir ? realpath (dir, NULL) : NULL;

  if (real)
    g_ptr_array_insert (roots, roots->len - 1, g_strdup (real));
  free (real);
}

/* The folder the user named (or the file's), --images and --media-root, as real paths,
 * NULL-terminated. */
static GPtrArray *
media_roots (const char *path, const CairnFormatOptions *options, GError **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path)
                                                               : g_path_get_dirname (path);

  g_ptr_array_add (roots, NULL);
  if (options->media_root && !g_file_test (options->media_root, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: not a folder",
                   options->media_root);
      return NULL;
    }
  add_root (roots, dir);
  add_root (roots, options->images_dir);
  add_root (roots, options->media_root);
  return g_steal_pointer (&roots);
}

static gboolean
is_inside (const char *real, const char *root)
{
  gsize n = strlen (root);

  return strncmp (real, root, n) == 0
         && (real[n] == '/' || real[n] == '\0' || (n > 0 && root[n - 1] == '/'));
}

char *
cairn_format_media_path (const CairnFormatOptions *options,
                         const char               *path,
                         CairnImportReport        *report)
{
  g_autofree char *real = NULL;
  char *resolved = realpath (path, NULL);

  real = g_strdup (resolved);
  free (resolved);
  if (real == NULL)
    return NULL;
  if (options == NULL || options->media_roots == NULL)
    return g_steal_pointer (&real);
  for (guint i = 0; options->media_roots[i]; i++)
    if (is_inside (real, options->media_roots[i]))
      return g_steal_pointer (&real);
  if (report && report->outside++ == 0)
    report->first_outside = cairn_name_escape (path);
  return NULL;
}

#define SAFE_NAME_MAX 200

static gboolean
is_reserved (const char *name)
{
  static const char *const reserved[] = { "con", "prn", "aux", "nul", NULL };
  g_autofree char *stem = g_ascii_strdown (name, strcspn (name, "."));

  if (g_strv_contains (reserved, stem))
    return TRUE;
  return strlen (stem) == 4 && (g_str_has_prefix (stem, "com") || g_str_has_prefix (stem, "lpt"))
         && g_ascii_isdigit (stem[3]);
}

char *
cairn_format_safe_file_name (const CairnFormatOptions *options,
                             const char               *name,
                             const char               *fallback)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *end = name ? name + strlen (name) : NULL;

  for (const char *p = name; p && p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '_');
          p++;
          continue;
        }
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c < 0x80 && strchr ("/\\<>:\"|?*", (int) c)))
        g_string_append_c (out, '_');
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  if (out->len == 0 || g_str_equal (out->str, ".") || g_str_equal (out->str, ".."))
    g_string_assign (out, fallback);
  else if (out->str[0] == '.' || is_reserved (out->str))
    g_string_prepend_c (out, '_');
  /* Windows drops trailing dots and spaces: two names would become one. */
  if (out->len && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_append_c (out, '_');
  if (out->len > SAFE_NAME_MAX)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
      const char *dot = strrchr (out->str, '.');
      g_autofree char *ext = g_strdup (dot && strlen (dot) <= 10 ? dot : "");
      gsize keep = SAFE_NAME_MAX - 9 - strlen (ext);
      const char *cut = out->str + keep;

      if (!g_utf8_validate (out->str, keep, NULL))
        cut = g_utf8_find_prev_char (out->str, cut);
      g_string_truncate (out, cut - out->str);
      g_string_append_printf (out, "-%.8s%s", hash, ext);
    }
  if (options && options->renamed && g_strcmp0 (out->str, name) != 0)
    {
      g_autofree char *shown = cairn_name_escape (name ? name : "");

      g_string_append_printf (options->renamed, "%s\t%s\n", out->str, shown);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What the caller asked for, checked before any work: an empty or control-character
 * annotator name would reach the store or a message. */
static gboolean
check_options (const CairnFormatOptions *options, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (options->annotator && !cairn_name_check ("annotator name", options->annotator, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED, "%s",
                   local->message);
      return FALSE;
    }
  for (guint i = 0; options->splits && options->splits[i]; i++)
    if (*options->splits[i] && !cairn_split_check (options->splits[i], &local))
      {
        g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED, "%s",
                     local->message);
        return FALSE;
      }
  return TRUE;
}

static const CairnFormat *
lookup_or_fail (const char *name, gboolean import, GError **error)
{
  const CairnFormat *format = cairn_format_lookup (name);

  if (format == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   _("unknown format “%s”"), name);
      return NULL;
    }
  if ((import && format->import == NULL) || (!import && format->export == NULL))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   import ? _("format “%s” cannot be imported")
                          : _("format “%s” cannot be exported"), name);
      return NULL;
    }
  return format;
}

gboolean
cairn_format_import (CairnStore               *store,
                     const char               *format_name,
                     const char               *path,
                     const CairnFormatOptions *options,
                     CairnImportReport        *report,
                     GError                  **error)
{
  const CairnFormat *format = lookup_or_fail (format_name, TRUE, error);
  CairnFormatOptions copy = { 0 };
  g_autoptr(GPtrArray) roots = NULL;
  g_autoptr(CairnImportReport) own_report = NULL;
  gboolean ok;

  if (format == NULL)
    return FALSE;
  if (options && !check_options (options, error))
    return FALSE;
  if (options)
    copy = *options;
  if (report == NULL)
    report = own_report = cairn_import_report_new ();
  roots = media_roots (path, &copy, error);
  if (roots == NULL)
    return FALSE;
  copy.media_roots = (const char *const *) roots->pdata;
  options = &copy;
  if (!cairn_store_set_bulk (store, TRUE, error) || !cairn_store_begin (store, error))
    return FALSE;
  /* A late Cancel still wins: nothing is half-imported. */
  if (!format->import (store, path, options, report, error)
      || g_cancellable_set_error_if_cancelled (options->cancellable, error))
    {
      g_autofree char *base = g_path_get_basename (path);

      /* A store refusal ("label name … holds a control character") says which file. */
      if (error && *error && !strstr ((*error)->message, base)
          && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, "%s: ", base);
      cairn_store_rollback (store);
      cairn_store_set_bulk (store, FALSE, NULL);
      return FALSE;
    }
  if (report->outside > 0)
    cairn_import_report_warn (report, "%u media file%s outside the folders this import reads "
                              "(first: %s) kept as references, never opened; --media-root DIR "
                              "lets it read media under DIR", report->outside,
                              report->outside == 1 ? "" : "s", report->first_outside);
  ok = cairn_store_commit (store, error);
  cairn_store_set_bulk (store, FALSE, NULL);
  return ok;
}

static char *
replace_prefix (const char *text, const char *from, const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

/* Moves what from holds into to (created when missing): files replace files of the same name,
 * folders merge. Renames within one file system, so each file appears whole. */
static gboolean
move_into (const char *from, const char *to, GError **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_mkdir_with_parents (to, 0755) != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: cannot create: %s", to,
                   g_strerror (errno));
      return FALSE;
    }
  dir = g_dir_open (from, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);

      if (g_file_test (source, G_FILE_TEST_IS_DIR) && g_file_test (target, G_FILE_TEST_IS_DIR)
          && !g_file_test (target, G_FILE_TEST_IS_SYMLINK))
        {
          if (!move_into (source, target, error))
            return FALSE;
        }
      else if (g_rename (source, target) != 0)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", target,
                       g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

/* Each name once, in the order given, without empty ones. */
static GStrv
unique_splits (GStrv splits)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; splits[i]; i++)
    if (*splits[i] != '\0' && g_hash_table_add (seen, splits[i]))
      g_strv_builder_add (builder, splits[i]);
  return g_strv_builder_end (builder);
}

gboolean
cairn_format_export (CairnStore               *store,
                     const char               *format_name,
                     const char               *out_dir,
                     const CairnFormatOptions *options,
                     GError                  **error)
{
  const CairnFormat *format = lookup_or_fail (format_name, FALSE, error);
  CairnFormatOptions copy = { 0 };
  g_auto(GStrv) unique = NULL;
  g_autoptr(GString) renamed = g_string_new (NULL);
  g_autofree char *parent = NULL, *base = NULL, *template = NULL, *temp = NULL, *full = NULL;
  guint first_warning;
  gboolean ok;

  if (format == NULL || (options && !check_options (options, error)))
    return FALSE;
  if (options)
    copy = *options;
  /* Exporters keep per-split state: "train,train" would give one subset two owners. */
  if (copy.splits)
    copy.splits = unique = unique_splits (copy.splits);
  copy.renamed = renamed;
  first_warning = copy.warnings ? copy.warnings->len : 0;
  /* Written into a folder beside out_dir and moved into place at the end: a failure (disk
   * full, a bad row) leaves nothing half-written. */
  full = g_canonicalize_filename (out_dir, NULL);
  parent = g_path_get_dirname (full);
  base = g_path_get_basename (full);
  template = g_strdup_printf ("%s/.%s.cairn-export-XXXXXX", parent, base);
  if (g_mkdir_with_parents (parent, 0755) != 0 || (temp = g_mkdtemp (g_strdup (template))) == NULL)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, _("%s: cannot create: %s"),
                   out_dir, g_strerror (errno));
      return FALSE;
    }
  ok = format->export (store, temp, &copy, error);
  if (ok && renamed->len)
    {
      g_autofree char *path = g_build_filename (temp, "renamed-files.txt", NULL);
      g_autoptr(GError) local = NULL;
      guint lines = 0;

      for (gsize i = 0; i < renamed->len; i++)
        lines += renamed->str[i] == '\n';
      if (!g_file_set_contents (path, renamed->str, renamed->len, &local))
        ok = (g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                           local->message), FALSE);
      else
        cairn_format_export_warn (&copy, "%u file name%s had to be changed to be written; the "
                                  "original names are in %s/renamed-files.txt", lines,
                                  lines == 1 ? "" : "s", out_dir);
    }
  if (ok)
    ok = move_into (temp, out_dir, error);
  else if (error && *error)
    {
      /* Messages name the file as the user will look for it. */
      g_autofree char *message = replace_prefix ((*error)->message, temp, out_dir);

      g_free ((*error)->message);
      (*error)->message = g_steal_pointer (&message);
    }
  remove_tree (temp);
  for (guint i = first_warning; copy.warnings && i < copy.warnings->len; i++)
    {
      char *message = replace_prefix (copy.warnings->pdata[i], temp, out_dir);

      g_free (copy.warnings->pdata[i]);
      copy.warnings->pdata[i] = message;
    }
  return ok;
}

gint64
cairn_format_ensure_label (CairnStore        *store,
                           const char        *name,
                           CairnImportReport *report,
                           GError           **error)
{
  g_autoptr(CairnLabel) label = cairn_store_find_label (store, name, NULL);

  if (label)
    return label->id;
  label = cairn_label_new (name);
  if (!cairn_store_add_label (store, label, error))
    return 0;
  if (report)
    report->labels_added++;
  return label->id;
}

gboolean
cairn_export_context_init (CairnExportContext       *ctx,
                           CairnStore               *store,
                           const CairnFormatOptions *options,
                           GError                  **error)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->store = store;
  ctx->options = options;
  ctx->label_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ctx->labels = cairn_store_list_labels (store, error);
  if (ctx->labels == NULL)
    return FALSE;
  for (guint i = 0; i < ctx->labels->len; i++)
    {
      CairnLabel *label = ctx->labels->pdata[i];
      g_hash_table_insert (ctx->label_by_id, &label->id, label);
    }
  return cairn_format_export_annotator (store, options, &ctx->annotator_id, error);
}

void
cairn_export_context_clear (CairnExportContext *ctx)
{
  g_clear_pointer (&ctx->label_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->labels, g_ptr_array_unref);
}

const CairnLabel *
cairn_export_context_label (const CairnExportContext *ctx,
                            gint64                    label_id)
{
  return label_id ? g_hash_table_lookup (ctx->label_by_id, &label_id) : NULL;
}

gboolean
cairn_format_export_annotator (CairnStore               *store,
                               const CairnFormatOptions *options,
                               gint64                   *annotator_id,
                               GError                  **error)
{
  g_autoptr(GPtrArray) annotators = NULL;

  *annotator_id = 0;
  if (options == NULL || options->annotator == NULL)
    return TRUE;
  annotators = cairn_store_list_annotators (store, error);
  if (annotators == NULL)
    return FALSE;
  for (guint i = 0; i < annotators->len; i++)
    {
      CairnAnnotator *a = annotators->pdata[i];

      if (g_strcmp0 (a->name, options->annotator) == 0)
        {
          *annotator_id = a->id;
          return TRUE;
        }
    }
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
               _("no annotator called “%s” in this project"), options->annotator);
  return FALSE;
}

gint64
cairn_format_annotator (CairnStore               *store,
                        const CairnFormatOptions *options,
                        GError                  **error)
{
  if (options == NULL || options->annotator == NULL)
    return cairn_store_get_actor (store);
  return cairn_store_ensure_annotator (store, options->annotator, "annotator", error);
}

char *
cairn_format_locate_media (const char               *file_name,
                           const char               *source_path,
                           const CairnFormatOptions *options,
                           CairnImportReport        *report)
{
  g_autofree char *base = g_path_get_basename (file_name);
  g_autofree char *source_dir = NULL;
  const char *dirs[3] = { NULL, NULL, NULL };

  if (g_path_is_absolute (file_name) && g_file_test (file_name, G_FILE_TEST_IS_REGULAR))
    return cairn_format_media_path (options, file_name, report);
  if (source_path)
    source_dir = g_file_test (source_path, G_FILE_TEST_IS_DIR) ? g_strdup (source_path)
                                                               : g_path_get_dirname (source_path);
  dirs[0] = options ? options->images_dir : NULL;
  dirs[1] = source_dir;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *full = NULL, *flat = NULL;

      if (dirs[i] == NULL)
        continue;
      full = g_build_filename (dirs[i], file_name, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        return cairn_format_media_path (options, full, report);
      flat = g_build_filename (dirs[i], base, NULL);
      if (g_file_test (flat, G_FILE_TEST_IS_REGULAR))
        return cairn_format_media_path (options, flat, report);
    }
  return NULL;
}

static gint64
find_by_basename (CairnStore *store, const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name);
  CairnItemFilter filter = { CAIRN_ITEM_IMAGE, -1, NULL };
  gint64 id;

  id = cairn_store_find_item_by_uri (store, file_name);
  if (id)
    return id;
  id = cairn_store_find_item_by_uri (store, base);
  if (id)
    return id;
  return cairn_store_find_item_by_basename (store, base, &filter);
}

/* Sets the members of from that into lacks or holds otherwise; TRUE when one was set. */
static gboolean
merge_members (JsonObject *into, JsonObject *from)
{
  gboolean changed = FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (from == NULL)
    return FALSE;
  json_object_iter_init (&iter, from);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *old = json_object_get_member (into, name);

      if (old == NULL || !json_node_equal (old, value))
        {
          json_object_set_member (into, name, json_node_copy (value));
          changed = TRUE;
        }
    }
  return changed;
}

/* The split and meta members a format gives, on an item that was there or found on disk:
 * written only when they change something. */
static gboolean
merge_into_item (CairnStore *store, gint64 id, const char *split, JsonObject *meta,
                 GError **error)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (store, id, error);
  gboolean changed;

  if (item == NULL)
    return FALSE;
  changed = merge_members (item->meta, meta);
  if (item->split == NULL && split)
    {
      item->split = g_strdup (split);
      changed = TRUE;
    }
  return !changed || cairn_store_update_item (store, item, error);
}

static gint64
add_reference (CairnStore *store, const char *file_name, gint width, gint height,
               const char *split, JsonObject *meta, CairnImportReport *report, GError **error)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);

  item->uri = g_strdup (file_name);
  item->width = width;
  item->height = height;
  item->split = g_strdup (split);
  merge_members (item->meta, meta);
  if (!cairn_store_add_item (store, item, error))
    return 0;
  if (report)
    report->items_added++;
  return item->id;
}

/* An item the import uses: counted once as already present when it was there before. */
static void
count_item (CairnImportReport *report, gint64 id, gboolean added)
{
  if (report == NULL || g_hash_table_contains (report->seen_items, &id))
    return;
  g_hash_table_add (report->seen_items, g_memdup2 (&id, sizeof id));
  if (!added)
    report->items_skipped++;
}

gint64
cairn_format_ensure_image (CairnStore               *store,
                           const char               *file_name,
                           gint                      width,
                           gint                      height,
                           const char               *split,
                           JsonObject               *meta,
                           const char               *source_path,
                           const CairnFormatOptions *options,
                           CairnImportReport        *report,
                           GError                  **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id = find_by_basename (store, file_name);
  guint outside = report ? report->outside : 0;
  gboolean added = FALSE;

  if (id == 0 && (path = cairn_format_locate_media (file_name, source_path, options, report)))
    {
      g_autofree char *lower = g_ascii_strdown (path, -1);
      guint before = report ? report->items_added : 0;

      /* An image format only ever reads images: never a .txt as a text item. */
      if (!cairn_media_is_image_name (lower))
        cairn_import_report_warn (report, _("%s: not an image file (kept as a reference)"), path);
      else if ((id = cairn_format_folder_import_file (store, path, options, report, &local)) <= 0
               && local)
        cairn_import_report_warn (report, "%s: %s", path, local->message);
      added = report && report->items_added > before;
      /* The folder importer counted a file already there by content itself. */
      if (id > 0 && !added && report)
        g_hash_table_add (report->seen_items, g_memdup2 (&id, sizeof id));
    }
  if (id > 0)
    {
      count_item (report, id, added);
      return (split == NULL && meta == NULL) || merge_into_item (store, id, split, meta, error)
               ? id : 0;
    }
  if (path == NULL && (report == NULL || report->outside == outside))
    cairn_import_report_warn (report, _("%s: image not found; kept as a reference"), file_name);
  /* Written with the row itself: a COCO file names 50 000 images. */
  id = add_reference (store, file_name, width, height, split, meta, report, error);
  if (id)
    count_item (report, id, TRUE);
  return id;
}

gboolean
cairn_format_fail (GError    **error,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, message);
  return FALSE;
}

gboolean
cairn_format_skip_record (const CairnFormatOptions *options,
                          CairnImportReport        *report,
                          GError                  **record_error,
                          GError                  **error)
{
  GError *e = *record_error;

  g_return_val_if_fail (e != NULL, FALSE);
  if ((options && options->strict) || e->domain != CAIRN_FORMAT_ERROR
      || (e->code != CAIRN_FORMAT_ERROR_PARSE && e->code != CAIRN_FORMAT_ERROR_MISMATCH))
    {
      g_propagate_error (error, g_steal_pointer (record_error));
      return FALSE;
    }
  /* Translators: %s says which record could not be read and why. */
  cairn_import_report_warn (report, _("%s (skipped)"), e->message);
  g_clear_error (record_error);
  return TRUE;
}

gboolean
cairn_format_same_annotation (const CairnAnnotation *a,
                              const CairnAnnotation *b)
{
  /* Written and read back as text, a coordinate can differ in its last digits. */
  const double tolerance = 1e-9;

  if (a->item_id != b->item_id || a->kind != b->kind || a->label_id != b->label_id
      || a->annotator_id != b->annotator_id || a->coords->len != b->coords->len
      || a->rings->len != b->rings->len || g_strcmp0 (a->text, b->text) != 0
      || g_strcmp0 (a->speaker, b->speaker) != 0 || (a->mask == NULL) != (b->mask == NULL))
    return FALSE;
  for (guint i = 0; i < a->coords->len; i++)
    {
      double x = g_array_index (a->coords, double, i), y = g_array_index (b->coords, double, i);

      if (fabs (x - y) > tolerance * MAX (1, MAX (fabs (x), fabs (y))))
        return FALSE;
    }
  if (a->rings->len && memcmp (a->rings->data, b->rings->data, a->rings->len * sizeof (guint)))
    return FALSE;
  return a->mask == NULL || cairn_rle_equal (a->mask, b->mask);
}

/* The annotations item_id had before this import, read once; NULL when it had none. */
static GPtrArray *
annotations_before (CairnStore *store, CairnImportReport *report, gint64 item_id,
                    GError **error)
{
  GPtrArray *list;

  if (report->project_had_annotations < 0)
    {
      gint64 counts[CAIRN_N_KINDS] = { 0 };

      if (!cairn_store_count_annotations_by_kind (store, counts, error))
        return NULL;
      report->project_had_annotations = 0;
      for (guint k = 0; k < CAIRN_N_KINDS; k++)
        report->project_had_annotations |= counts[k] > 0;
    }
  /* A first import into an empty project (the big ones) asks nothing per item. */
  if (!report->project_had_annotations)
    return NULL;
  if (g_hash_table_lookup_extended (report->before, &item_id, NULL, (gpointer *) &list))
    return list;
  list = cairn_store_list_annotations (store, item_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    g_clear_pointer (&list, g_ptr_array_unref);
  g_hash_table_insert (report->before, g_memdup2 (&item_id, sizeof item_id), list);
  return list;
}

gboolean
cairn_format_add_annotation (CairnStore        *store,
                             CairnAnnotation   *a,
                             CairnImportReport *report,
                             GError           **error)
{
  GPtrArray *before = NULL;
  g_autoptr(GError) local = NULL;

  if (report)
    {
      before = annotations_before (store, report, a->item_id, &local);
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  for (guint i = 0; before && i < before->len; i++)
    {
      const CairnAnnotation *old = before->pdata[i];

      if (cairn_format_same_annotation (old, a))
        {
          a->id = old->id;
          report->annotations_present++;
          return TRUE;
        }
    }
  if (!cairn_store_add_annotation (store, a, error))
    return FALSE;
  if (report)
    report->annotations_added++;
  return TRUE;
}

gint64
cairn_format_ensure_text_item (CairnStore        *store,
                               const char        *text,
                               CairnImportReport *report,
                               GError           **error)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autoptr(CairnItem) item = NULL;
  gint64 id = cairn_store_find_item_by_sha256 (store, sha);

  if (id)
    return id;
  item = cairn_item_new (CAIRN_ITEM_TEXT);
  item->text = g_strdup (text);
  item->sha256 = g_steal_pointer (&sha);
  if (!cairn_store_add_item (store, item, error))
    return 0;
  if (report)
    report->items_added++;
  return item->id;
}

int
cairn_format_compare_strings (gconstpointer a,
                              gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static gboolean
has_suffix (const char *path, const char *const *suffixes)
{
  g_autofree char *lower = NULL;

  if (suffixes == NULL)
    return TRUE;
  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; suffixes[i]; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

static void
find_files (const char *dir, const char *top, const char *const *suffixes,
            CairnImportReport *report, GPtrArray *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    {
      cairn_import_report_warn (report, _("%s: %s (skipped)"), dir, error->message);
      return;
    }
  while ((name = g_dir_read_name (d)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, cairn_format_compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            find_files (path, top, suffixes, report, out);
        }
      else if (has_suffix (path, suffixes))
        {
          const char *roots[] = { top, NULL };
          CairnFormatOptions inside = { .media_roots = top ? roots : NULL };
          g_autofree char *real = NULL;

          /* A symlinked file is followed only when it stays inside the folder. */
          if (g_file_test (path, G_FILE_TEST_IS_SYMLINK)
              && (real = cairn_format_media_path (&inside, path, NULL)) == NULL)
            {
              cairn_import_report_warn (report, "%s: a link to a file outside the folder "
                                        "(skipped)", path);
              continue;
            }
          g_ptr_array_add (out, g_steal_pointer (&path));
        }
    }
}

GPtrArray *
cairn_format_find_files (const char        *dir,
                         const char *const *suffixes,
                         CairnImportReport *report)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  char *top = realpath (dir, NULL);

  find_files (dir, top, suffixes, report, files);
  free (top);
  return files;
}

gboolean
cairn_format_step (const CairnFormatOptions *options,
                   double                    fraction,
                   const char               *message,
                   GError                  **error)
{
  if (options == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
    return FALSE;
  if (options->progress)
    options->progress (CLAMP (fraction, 0, 1), message, options->progress_data);
  return TRUE;
}
