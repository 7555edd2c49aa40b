#pragma once

#include <gio/gio.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

#define CAIRN_FORMAT_ERROR (cairn_format_error_quark ())
GQuark cairn_format_error_quark (void);

typedef enum
{
  CAIRN_FORMAT_ERROR_PARSE,       /* malformed input: the message names file, line or JSON path */
  CAIRN_FORMAT_ERROR_MISMATCH,    /* e.g. a span whose text does not match the document */
  CAIRN_FORMAT_ERROR_UNSUPPORTED, /* the format cannot hold what was asked */
  CAIRN_FORMAT_ERROR_IO,
} CairnFormatError;

/* fraction in [0, 1]; called from the importing thread. */
typedef void (*CairnProgressFunc) (double      fraction,
                                   const char *message,
                                   gpointer    user_data);

typedef struct
{
  const char        *annotator;   /* who imported annotations belong to / whose to export; NULL = default / all */
  const char        *images_dir;  /* where media referenced by the file live (coco --images) */
  const char        *media_root;  /* import: media may also be read from under this folder
                                   * (--media-root); see cairn_format_media_path */
  const char *const *media_roots; /* set by cairn_format_import: the real paths of the folders
                                   * media may be read from; NULL = anywhere (internal callers) */
  GStrv              splits;      /* export: only these splits, each as its own subset; NULL = all items as one set */
  const char        *scheme;      /* text tagging scheme, e.g. "iob2", "bioes"; NULL = the format's default */
  gboolean           embed;       /* import: keep media inside the project file as blobs */
  guint64            max_pixels;  /* images (and masks to paint) larger are refused; 0 = the
                                   * default, CAIRN_MEDIA_MAX_PIXELS (cairn-media.h) */
  gboolean           strict;      /* import: a record that cannot be read fails the import
                                   * instead of being skipped with a warning */
  GCancellable      *cancellable;
  CairnProgressFunc  progress;
  gpointer           progress_data;
  GPtrArray         *warnings;    /* export: char *, what could not be written; NULL = logged */
  GString           *renamed;     /* set by cairn_format_export: "written\toriginal" lines of
                                   * the names cairn_format_safe_file_name changed */
} CairnFormatOptions;

/* What an import did, for the summary line and warnings. */
typedef struct
{
  guint       items_added;
  guint       items_skipped;        /* already in the project (or exact duplicates): not added */
  guint       annotations_added;
  guint       annotations_present;  /* identical to one already there: not added again */
  guint       labels_added;
  GPtrArray  *warnings;             /* char *: "file: what was wrong (skipped)" */
  guint       outside;              /* media references outside the import's folders */
  char       *first_outside;        /* the first of them, for the one warning that sums them up */
  /* Private, for cairn_format_ensure_image and cairn_format_add_annotation. */
  GHashTable *seen_items;           /* item ids this import added or counted as present */
  GHashTable *before;               /* item id → GPtrArray: its annotations before this import */
  gint        project_had_annotations; /* -1 until asked */
} CairnImportReport;

CairnImportReport *cairn_import_report_new  (void);
void               cairn_import_report_free (CairnImportReport *report);
void               cairn_import_report_warn (CairnImportReport *report,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (2, 3);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnImportReport, cairn_import_report_free)

/* What an exporter had to leave out ("coco: 3 polylines not written: ..."), into
 * options->warnings. */
void               cairn_format_export_warn (const CairnFormatOptions *options,
                                             const char               *format,
                                             ...) G_GNUC_PRINTF (2, 3);

/* An importer runs inside a transaction the caller opened; on FALSE the caller rolls back,
 * so the project is left exactly as before. */
typedef gboolean (*CairnImportFunc) (CairnStore               *store,
                                     const char               *path,
                                     const CairnFormatOptions *options,
                                     CairnImportReport        *report,
                                     GError                  **error);
typedef gboolean (*CairnExportFunc) (CairnStore               *store,
                                     const char               *out_dir,
                                     const CairnFormatOptions *options,
                                     GError                  **error);

typedef struct
{
  const char      *name;         /* as on the command line: "coco", "yolo", ... */
  const char      *description;
  const char      *extensions;   /* e.g. ".json", for file choosers; NULL for folders */
  CairnImportFunc  import;       /* NULL = export only */
  CairnExportFunc  export;       /* NULL = import only */
} CairnFormat;

const CairnFormat *cairn_format_lookup (const char *name);
/* Every format, in menu order: an array of *n_formats. */
const CairnFormat *cairn_format_list (guint *n_formats);

/* Runs the importer in one transaction; rolls back on error or cancel. */
gboolean cairn_format_import (CairnStore               *store,
                              const char               *format,
                              const char               *path,
                              const CairnFormatOptions *options,
                              CairnImportReport        *report,
                              GError                  **error);
gboolean cairn_format_export (CairnStore               *store,
                              const char               *format,
                              const char               *out_dir,
                              const CairnFormatOptions *options,
                              GError                  **error);

/* Helpers shared by the importers and exporters. */

/* Where a dataset's reference to a file or folder may lead: the real path of path (symlinks
 * resolved) when it exists inside one of options->media_roots (the folder the user
 * named or the annotation file's, --images, --media-root). NULL when it does not exist, and
 * NULL after counting it in report (one warning sums them up at the end of the import) when it
 * lies outside: such a file is never opened, read or embedded. */
char    *cairn_format_media_path       (const CairnFormatOptions *options,
                                        const char               *path,
                                        CairnImportReport        *report);
/* A media file a dataset names, found as cairn_format_ensure_image looks for it (beside
 * source_path, in options->images_dir), inside the media roots; NULL otherwise. */
char    *cairn_format_locate_media     (const char               *file_name,
                                        const char               *source_path,
                                        const CairnFormatOptions *options,
                                        CairnImportReport        *report);
/* A file name an export can write for name (an item's basename): control characters, '/',
 * '\\' and what other systems refuse (<>:"|?*) become '_'; a leading dot or a reserved name
 * (CON, NUL, COM1...) gets '_' in front; "", "." and ".." become fallback; more than 200 bytes
 * are cut at a character boundary and end in a short hash of the whole (the extension kept).
 * A changed name is recorded in options->renamed, which the export writes to
 * renamed-files.txt. */
char    *cairn_format_safe_file_name   (const CairnFormatOptions *options,
                                        const char               *name,
                                        const char               *fallback);
/* The label called name, created (with a default colour) and counted in report if missing. */
gint64   cairn_format_ensure_label     (CairnStore         *store,
                                        const char         *name,
                                        CairnImportReport  *report,
                                        GError            **error);
/* What every exporter starts from: the store, its options, the labels and whose annotations
 * to write. The text and shape exporters' state is this (CairnTextExport, CairnShapesExport). */
typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  gint64                    annotator_id;  /* only this annotator's annotations; 0 = everyone's */
  GPtrArray                *labels;        /* CairnLabel, as the store lists them */
  GHashTable               *label_by_id;   /* gint64 id → CairnLabel (in labels) */
} CairnExportContext;

gboolean cairn_export_context_init     (CairnExportContext       *ctx,
                                        CairnStore               *store,
                                        const CairnFormatOptions *options,
                                        GError                  **error);
void     cairn_export_context_clear    (CairnExportContext       *ctx);
/* The label with this id, or NULL (0, or a label the store does not have). */
const CairnLabel *cairn_export_context_label (const CairnExportContext *ctx,
                                              gint64                    label_id);
/* Export: the id of the annotator options->annotator names, whose annotations alone are
 * written (0, everyone's, without one); a name the project does not have is an error. */
gboolean cairn_format_export_annotator (CairnStore               *store,
                                        const CairnFormatOptions *options,
                                        gint64                   *annotator_id,
                                        GError                  **error);
/* Import: the annotator options->annotator names (created if missing), or 0. */
gint64   cairn_format_annotator        (CairnStore               *store,
                                        const CairnFormatOptions *options,
                                        GError                  **error);
/* The image item a format's file name refers to: by path relative to the project, then by
 * basename. When none exists it is added: from the file itself when it is found (beside
 * source_path, or in options->images_dir), otherwise as a reference to the missing file with
 * the width and height the format gives (and a warning in report). split (when the item has
 * none) and the members of meta are what the format keeps of the image; either may be NULL.
 * 0 only on a store error. */
gint64   cairn_format_ensure_image     (CairnStore               *store,
                                        const char               *file_name,
                                        gint                      width,
                                        gint                      height,
                                        const char               *split,
                                        JsonObject               *meta,
                                        const char               *source_path,
                                        const CairnFormatOptions *options,
                                        CairnImportReport        *report,
                                        GError                  **error);
/* Adds a (item, label, annotator set) unless an identical one — same item, kind, label,
 * annotator and geometry or offsets (text, speaker, mask) — was there before this import: then
 * a->id becomes that one's and it is counted in report->annotations_present instead. With no
 * report, a is always added. Counts report->annotations_added. */
gboolean cairn_format_add_annotation   (CairnStore         *store,
                                        CairnAnnotation    *a,
                                        CairnImportReport  *report,
                                        GError            **error);
/* Sets error to a parse error (CAIRN_FORMAT_ERROR_PARSE) with the message format makes, which
 * names the file, line or JSON path; returns FALSE, so an importer can `return` it. */
gboolean cairn_format_fail             (GError                  **error,
                                        const char               *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* A record (a JSONL line or one of its spans, a CSV row, a CoNLL document, a Label Studio
 * task, a COCO annotation) that could not be read: *record_error, a parse or mismatch error
 * naming file:line or the JSON path, becomes the warning "MESSAGE (skipped)" and TRUE. With
 * options->strict, or for any other error (the store's, Cancel), it moves to error: FALSE. */
gboolean cairn_format_skip_record      (const CairnFormatOptions *options,
                                        CairnImportReport        *report,
                                        GError                  **record_error,
                                        GError                  **error);
/* Whether a and b are the same annotation in that sense (attributes and ids aside). */
gboolean cairn_format_same_annotation  (const CairnAnnotation *a,
                                        const CairnAnnotation *b);
/* A text item with exactly this text, created if missing. */
gint64   cairn_format_ensure_text_item (CairnStore         *store,
                                        const char         *text,
                                        CairnImportReport  *report,
                                        GError            **error);
/* Every file under dir (recursively, hidden ones and symlinked folders skipped) whose name
 * ends in one of suffixes (lower-case, e.g. ".ann"; NULL = keep all), sorted so imports are
 * the same on every machine. Unreadable folders become warnings in report. */
GPtrArray *cairn_format_find_files     (const char        *dir,
                                        const char *const *suffixes,
                                        CairnImportReport *report);
/* qsort/g_ptr_array_sort comparison of two char * elements. */
int      cairn_format_compare_strings  (gconstpointer a,
                                        gconstpointer b);
/* Check cancellation and report progress; FALSE with G_IO_ERROR_CANCELLED when cancelled. */
gboolean cairn_format_step             (const CairnFormatOptions *options,
                                        double                    fraction,
                                        const char               *message,
                                        GError                  **error);

G_END_DECLS
