#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A pull parser for big JSON files (a COCO file with a million annotations): it reads the
 * input in chunks and hands out one token at a time, so memory stays flat however long the
 * arrays are. Small parts (an image, a category) can still be read whole as a JsonNode. */
typedef struct _CairnJsonStream CairnJsonStream;

typedef enum
{
  CAIRN_JSON_END,           /* end of input, after the one top-level value */
  CAIRN_JSON_BEGIN_OBJECT,
  CAIRN_JSON_END_OBJECT,
  CAIRN_JSON_BEGIN_ARRAY,
  CAIRN_JSON_END_ARRAY,
  CAIRN_JSON_KEY,           /* a member name; the value follows */
  CAIRN_JSON_STRING,
  CAIRN_JSON_NUMBER,
  CAIRN_JSON_TRUE,
  CAIRN_JSON_FALSE,
  CAIRN_JSON_NULL,
} CairnJsonToken;

CairnJsonStream *cairn_json_stream_open       (const char *path,
                                               GError    **error);
/* name is used in error messages. */
CairnJsonStream *cairn_json_stream_new        (GInputStream *input,
                                               const char   *name);
void             cairn_json_stream_free       (CairnJsonStream *self);

/* FALSE with error ("NAME:LINE:COLUMN: what") on malformed input or a read error. */
gboolean         cairn_json_stream_next       (CairnJsonStream *self,
                                               CairnJsonToken  *token,
                                               GError         **error);
/* The text of the last KEY or STRING token (valid UTF-8), until the next call. */
const char      *cairn_json_stream_get_string (CairnJsonStream *self);
/* The value of the last NUMBER token. */
double           cairn_json_stream_get_double (CairnJsonStream *self);
/* TRUE when the last NUMBER token was written as an integer that fits. */
gboolean         cairn_json_stream_get_int    (CairnJsonStream *self,
                                               gint64          *value);
/* The rest of the value that begins with token (just returned by next) as a tree. */
JsonNode        *cairn_json_stream_read_node  (CairnJsonStream *self,
                                               CairnJsonToken   token,
                                               GError         **error);
/* Skips the rest of the value that begins with token. */
gboolean         cairn_json_stream_skip       (CairnJsonStream *self,
                                               CairnJsonToken   token,
                                               GError         **error);
/* Bytes consumed so far, for progress. */
goffset          cairn_json_stream_get_offset (CairnJsonStream *self);
/* Where the last token began. */
guint            cairn_json_stream_get_line   (CairnJsonStream *self);
guint            cairn_json_stream_get_column (CairnJsonStream *self);
/* A parse error at the last token: "NAME:LINE:COLUMN: message". */
void             cairn_json_stream_set_error  (CairnJsonStream *self,
                                               GError         **error,
                                               const char      *format,
                                               ...) G_GNUC_PRINTF (3, 4);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnJsonStream, cairn_json_stream_free)

G_END_DECLS
