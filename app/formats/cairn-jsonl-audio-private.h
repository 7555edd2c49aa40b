#pragma once

/* Transcripts in JSON Lines (cairn-format-jsonl-audio.c): audio items and their segments, with
 * the tags in their text and those tags' estimated times. */

#include "cairn-format-text-private.h"

G_BEGIN_DECLS

/* SPLIT.segments.jsonl / segments.jsonl under out_dir, when the subset has audio items. */
gboolean cairn_jsonl_write_audio   (CairnTextExport *ex,
                                    const char      *out_dir,
                                    const char      *split,
                                    GError         **error);
/* A line with "audio" and "segments". */
gboolean cairn_jsonl_is_audio_line (JsonObject      *o);
/* Its item (the file beside path, one of the project's, or a reference) and segments; where
 * names the line in messages. */
gboolean cairn_jsonl_read_audio    (CairnTextImport *im,
                                    const char      *path,
                                    const char      *where,
                                    JsonObject      *o,
                                    GError         **error);

G_END_DECLS
