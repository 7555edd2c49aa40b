#pragma once

/* Text and transcript formats. Offsets are Unicode code points, half-open [start, end), and
 * every span is checked against its text on import and export.
 *
 * conll     One token per line, the tag in the last column (IOB1, IOB2, BIOES/BILOU read;
 *           options->scheme "iob2" (default) or "bioes" written). Two-column (token tag) and
 *           CoNLL-2003 (token POS chunk tag) layouts are told apart by the column count; the
 *           middle columns are kept in item meta "conll"."columns". Tokens are joined with single
 *           spaces into the item's text. A file with -DOCSTART- lines gives one item per
 *           document, its sentences joined with "\n"; otherwise one item per sentence. Export
 *           splits the text on whitespace (a newline ends a sentence) and, where a span starts
 *           or ends inside such a token, splits the token there too; spans that start or end on
 *           whitespace, cross a line break or overlap another span fail the export.
 * jsonl     One JSON object per line: doccano span ("label": [[s, e, "L"]]), doccano relation
 *           ("entities"/"relations"), doccano classification ("label": ["a"]), spaCy/Prodigy
 *           ("spans", "ents", "cats"), detected line by line. Export writes doccano (the plain
 *           span shape when the data has only spans, the classification shape when it has only
 *           classes, else the entities/relations shape with "cats") or, with
 *           options->scheme "spacy", {"text", "spans", "cats", "relations"}.
 * brat      Standoff .txt/.ann pairs (a folder, or one .ann/.txt file): T (discontinuous
 *           fragments become one span each, all carrying attribute "fragment_of" = the entity's
 *           brat id), R, E (trigger span with "brat_event"; arguments as relations), A/M,
 *           # notes ("note"), N ("norm"), * equivalences, and annotation.conf for labels.
 * webanno   WebAnno TSV 3.x (import only): span, relation, chain and slot layers; stacked and
 *           multi-token annotations; UTF-16 offsets mapped to code points.
 * csv       text,label with a header row; several labels in one cell are split on "|".
 * srt, vtt, textgrid
 *           Transcript segments of an audio item found beside the file (same basename), or an
 *           audio item already in the project, or else a reference to the missing file.
 */

#include "cairn-format.h"

G_BEGIN_DECLS

gboolean cairn_format_conll_import (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);

gboolean cairn_format_conll_export (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

gboolean cairn_format_jsonl_import (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);

gboolean cairn_format_jsonl_export (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

gboolean cairn_format_brat_import (CairnStore               *store,
                                   const char               *path,
                                   const CairnFormatOptions *options,
                                   CairnImportReport        *report,
                                   GError                  **error);

gboolean cairn_format_brat_export (CairnStore               *store,
                                   const char               *out_dir,
                                   const CairnFormatOptions *options,
                                   GError                  **error);

gboolean cairn_format_csv_import (CairnStore               *store,
                                  const char               *path,
                                  const CairnFormatOptions *options,
                                  CairnImportReport        *report,
                                  GError                  **error);

gboolean cairn_format_csv_export (CairnStore               *store,
                                  const char               *out_dir,
                                  const CairnFormatOptions *options,
                                  GError                  **error);

gboolean cairn_format_srt_import (CairnStore               *store,
                                  const char               *path,
                                  const CairnFormatOptions *options,
                                  CairnImportReport        *report,
                                  GError                  **error);

gboolean cairn_format_srt_export (CairnStore               *store,
                                  const char               *out_dir,
                                  const CairnFormatOptions *options,
                                  GError                  **error);

gboolean cairn_format_vtt_import (CairnStore               *store,
                                  const char               *path,
                                  const CairnFormatOptions *options,
                                  CairnImportReport        *report,
                                  GError                  **error);

gboolean cairn_format_vtt_export (CairnStore               *store,
                                  const char               *out_dir,
                                  const CairnFormatOptions *options,
                                  GError                  **error);

gboolean cairn_format_textgrid_import (CairnStore               *store,
                                       const char               *path,
                                       const CairnFormatOptions *options,
                                       CairnImportReport        *report,
                                       GError                  **error);

gboolean cairn_format_textgrid_export (CairnStore               *store,
                                       const char               *out_dir,
                                       const CairnFormatOptions *options,
                                       GError                  **error);

gboolean cairn_format_webanno_import (CairnStore               *store,
                                       const char               *path,
                                       const CairnFormatOptions *options,
                                       CairnImportReport        *report,
                                       GError                  **error);

G_END_DECLS
