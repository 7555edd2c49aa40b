#define G_LOG_DOMAIN "cairn-format"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cairn-format.h"
#include "model/cairn-rle.h"
#include "cairn-format-folder.h"
#include "cairn-formats-native.h"
#include "cairn-formats-image.h"
#include "cairn-formats-shapes.h"
#include "cairn-formats-text.h"

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
  g_hash_table_unref (report->seen_items);
  g_hash_table_unref (report->before);
  g_free (report);
}

void
cairn_import_report_warn (CairnImportReport *report,
                          const char        *format,
                          ...)
{
  va_list args;

  if (report == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (report->warnings, g_strdup_vprintf (format, args));
  va_end (args);
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
    g_ptr_array_add (options->warnings, g_steal_pointer (&text));
  else
    g_message ("%s", text);
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
  CairnFormatOptions defaults = { 0 };
  gboolean ok;

  if (format == NULL)
    return FALSE;
  if (options == NULL)
    options = &defaults;
  if (!cairn_store_set_bulk (store, TRUE, error) || !cairn_store_begin (store, error))
    return FALSE;
  /* A late Cancel still wins: nothing is half-imported. */
  if (!format->import (store, path, options, report, error)
      || g_cancellable_set_error_if_cancelled (options->cancellable, error))
    {
      cairn_store_rollback (store);
      cairn_store_set_bulk (store, FALSE, NULL);
      return FALSE;
    }
  ok = cairn_store_commit (store, error);
  cairn_store_set_bulk (store, FALSE, NULL);
  return ok;
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
  CairnFormatOptions defaults = { 0 };

  if (format == NULL)
    return FALSE;
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, _("%s: cannot create: %s"),
                   out_dir, g_strerror (errno));
      return FALSE;
    }
  if (options == NULL)
    options = &defaults;
  if (options->splits)
    {
      /* Exporters keep per-split state: "train,train" would give one subset two owners. */
      g_auto(GStrv) unique = unique_splits (options->splits);
      CairnFormatOptions copy = *options;

      copy.splits = unique;
      return format->export (store, out_dir, &copy, error);
    }
  return format->export (store, out_dir, options, error);
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

static char *
locate_file (const char *file_name, const char *source_path, const CairnFormatOptions *options)
{
  g_autofree char *base = g_path_get_basename (file_name);
  g_autofree char *source_dir = NULL;
  const char *dirs[3] = { NULL, NULL, NULL };

  if (g_path_is_absolute (file_name) && g_file_test (file_name, G_FILE_TEST_IS_REGULAR))
    return g_strdup (file_name);
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
        return g_steal_pointer (&full);
      flat = g_build_filename (dirs[i], base, NULL);
      if (g_file_test (flat, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&flat);
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
  gboolean added = FALSE;

  if (id == 0 && (path = locate_file (file_name, source_path, options)) != NULL)
    {
      guint before = report ? report->items_added : 0;

      id = cairn_format_folder_import_file (store, path, options, report, &local);
      if (id <= 0 && local)
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
  if (path == NULL)
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
find_files (const char *dir, const char *const *suffixes, CairnImportReport *report,
            GPtrArray *out)
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
            find_files (path, suffixes, report, out);
        }
      else if (has_suffix (path, suffixes))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

GPtrArray *
cairn_format_find_files (const char        *dir,
                         const char *const *suffixes,
                         CairnImportReport *report)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  find_files (dir, suffixes, report, files);
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
