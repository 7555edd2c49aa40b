#pragma once

/* Helpers shared by the text and transcript formats (CoNLL, JSONL, brat, WebAnno, CSV, SRT,
 * WebVTT, TextGrid): streamed line reading, the import context that finds or adds items and
 * skips annotations already present, code point offsets, and the export side's item and
 * annotation listing with a buffered writer. */

#include "cairn-format.h"
#include "model/cairn-json.h"

G_BEGIN_DECLS

/* Lines of a UTF-8 file, read through a GDataInputStream so memory stays flat. */
typedef struct _CairnLineReader CairnLineReader;

CairnLineReader *cairn_line_reader_open     (const char *path,
                                             GError    **error);
/* The next line without its end (LF, CRLF or CR), or NULL at the end (error unset) or on a read
 * error or invalid UTF-8 (error names "FILE:LINE"). A UTF-8 BOM on the first line is dropped. */
char            *cairn_line_reader_next     (CairnLineReader *self,
                                             gsize           *length,
                                             GError         **error);
/* The 1-based number of the line last returned. */
guint            cairn_line_reader_line     (CairnLineReader *self);
/* The file's basename, for messages. */
const char      *cairn_line_reader_name     (CairnLineReader *self);
/* How far through the file, for progress. */
double           cairn_line_reader_fraction (CairnLineReader *self);
void             cairn_line_reader_free     (CairnLineReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnLineReader, cairn_line_reader_free)

/* A whole small file as validated UTF-8 (BOM dropped); errors name the file. */
char    *cairn_text_read_file (const char *path,
                               gsize      *length,
                               GError    **error);

/* Code point ↔ byte offsets of one text. */
typedef struct
{
  const char *text;
  gsize       n_bytes;
  gsize       n_chars;
  gsize      *bytes;   /* byte offset of each code point (n_chars + 1), NULL for ASCII text */
} CairnCharIndex;

void     cairn_char_index_init  (CairnCharIndex *index,
                                 const char     *text,
                                 gssize          length);
void     cairn_char_index_clear (CairnCharIndex *index);
/* Byte offset of code point cp (cp ≤ n_chars). */
gsize    cairn_char_index_byte  (const CairnCharIndex *index,
                                 gsize                 cp);
/* FALSE when code point cp is inside a user-perceived character: before a combining mark,
 * an emoji modifier, around a zero-width joiner, between CR and LF. */
gboolean cairn_char_index_is_boundary (const CairnCharIndex *index,
                                       gsize                 cp);
/* The text of [start, end) as a new string. */
char    *cairn_char_index_dup   (const CairnCharIndex *index,
                                 gsize                 start,
                                 gsize                 end);

/* One import: labels by name, the current item, and the annotations it already had, so that
 * importing the same file twice adds nothing the second time. */
typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
  gint64                    annotator_id;
  GHashTable               *labels;      /* name → gint64 id */
  gint64                    item_id;
  GPtrArray                *existing;    /* CairnAnnotation: what item_id had before */
} CairnTextImport;

gboolean cairn_text_import_init      (CairnTextImport          *im,
                                      CairnStore               *store,
                                      const CairnFormatOptions *options,
                                      CairnImportReport        *report,
                                      GError                  **error);
/* Annotations already present were counted in report->annotations_present. */
void     cairn_text_import_clear     (CairnTextImport *im);
gint64   cairn_text_import_label     (CairnTextImport *im,
                                      const char      *name,
                                      GError         **error);
/* The text item holding exactly text (by SHA-256), else a new one with meta's members; made
 * current. 0 on a store error. */
gint64   cairn_text_import_text_item (CairnTextImport *im,
                                      const char      *text,
                                      JsonObject      *meta,
                                      GError         **error);
/* Makes item_id current; existed says whether it may already hold annotations. */
gboolean cairn_text_import_use_item  (CairnTextImport *im,
                                      gint64           item_id,
                                      gboolean         existed,
                                      GError         **error);
/* Adds a to the current item under the import's annotator, unless an equal annotation is
 * already there (then a->id is that one's id). */
gboolean cairn_text_import_add       (CairnTextImport *im,
                                      CairnAnnotation *a,
                                      GError         **error);

/* A buffered output file. */
typedef struct
{
  char          *path;
  GOutputStream *out;
  GString       *buf;
} CairnTextWriter;

CairnTextWriter *cairn_text_writer_new   (const char *path,
                                          GError    **error);
/* Writes the buffer out once it is big; call between records. */
gboolean         cairn_text_writer_flush (CairnTextWriter *self,
                                          gboolean         force,
                                          GError         **error);
gboolean         cairn_text_writer_close (CairnTextWriter *self,
                                          GError         **error);
void             cairn_text_writer_free  (CairnTextWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnTextWriter, cairn_text_writer_free)

/* One export: label names and the annotator filter. */
typedef CairnExportContext CairnTextExport;

const char *cairn_text_export_label_name  (CairnTextExport *ex,
                                           gint64           label_id);
/* The subsets to write: options->splits, or one subset named NULL (every item). */
const char *const *cairn_text_export_subsets (CairnTextExport *ex);
/* Items of kind in split (NULL = all of them), in id order. */
GArray     *cairn_text_export_item_ids    (CairnTextExport *ex,
                                           CairnItemKind    kind,
                                           const char      *split,
                                           GError         **error);
/* The item's annotations passing the annotator filter, ordered by kind, start, end, id. */
GPtrArray  *cairn_text_export_annotations (CairnTextExport *ex,
                                           gint64           item_id,
                                           GError         **error);
/* "NAME.EXT" or "SPLIT.EXT" under out_dir. */
char       *cairn_text_export_path        (const char *out_dir,
                                           const char *split,
                                           const char *stem,
                                           const char *extension);

/* Transcripts (SRT, WebVTT, TextGrid). */

/* The audio item the transcript at path belongs to, made current: a file with the same basename
 * beside it (.wav, .flac, .ogg, .mp3; "talk.en.srt" also tries "talk"), else an audio item of
 * the project with that basename, else a new reference to the missing file (with a warning).
 * duration_ms (or 0) is recorded on a new reference. */
gint64   cairn_transcript_audio_item  (CairnTextImport *im,
                                       const char      *path,
                                       gint64           duration_ms,
                                       GError         **error);
/* Adds a segment to the current item; attributes may be NULL. */
gboolean cairn_transcript_add_segment (CairnTextImport *im,
                                       double           start_ms,
                                       double           end_ms,
                                       const char      *text,
                                       const char      *speaker,
                                       JsonObject      *attributes,
                                       GError         **error);

/* Writes one file per audio item; segments are ordered by start. */
typedef gboolean (*CairnTranscriptWriter) (const CairnItem *item,
                                           GPtrArray       *segments,
                                           GString         *out,
                                           GError         **error);

/* "HH:MM:SS,mmm" or "MM:SS.mmm" → milliseconds. */
gboolean cairn_transcript_parse_time  (const char *text,
                                       double     *ms);
/* Milliseconds (rounded) as "HH:MM:SS" + separator + "mmm". */
void     cairn_transcript_append_time (GString    *out,
                                       double      ms,
                                       char        separator);

/* "START --> END [settings]" (times as above); settings NULL when there are none. */
gboolean cairn_transcript_parse_timing (const char *line,
                                        double     *start,
                                        double     *end,
                                        char      **settings);
/* Cue text without blank lines (they would end the cue). */
void     cairn_transcript_append_payload (GString    *out,
                                          const char *text);

gboolean cairn_transcript_export      (CairnStore               *store,
                                       const char               *out_dir,
                                       const CairnFormatOptions *options,
                                       const char               *extension,
                                       CairnTranscriptWriter     writer,
                                       GError                  **error);

G_END_DECLS
