#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON text without GObjects: for hot paths (store columns, exporters) where a JsonParser or a
 * JsonGenerator per value costs more than the work itself. */

/* Deeper input is refused, so the recursive parser cannot exhaust the stack. */
#define CAIRN_JSON_TEXT_MAX_DEPTH 1000

typedef struct
{
  double   value;     /* always set, also for integers */
  gint64   int_value; /* only when is_int */
  gboolean is_int;    /* no fraction or exponent, and fits gint64 */
} CairnJsonNumber;

/* Reads the JSON number at p (strict grammar, never reading at or past end) and returns the byte
 * after it, or NULL with *problem set ("invalid number", "number out of range", ...). The value
 * is bit-identical to g_ascii_strtod's; short decimals are converted without it. */
const char *cairn_json_text_number (const char      *p,
                                    const char      *end,
                                    CairnJsonNumber *number,
                                    const char     **problem);

/* Parses one JSON value (RFC 8259, strict: no trailing text, UTF-8 checked, no \u0000) into
 * the same node types JsonParser gives: integers that fit gint64 are int nodes, other numbers
 * double nodes. length -1 means NUL-terminated. Errors are CAIRN_MODEL_ERROR_INVALID and
 * name the byte offset. */
JsonNode   *cairn_json_text_parse  (const char *text,
                                    gssize      length,
                                    GError    **error);

/* Appends node as compact JSON (like json_to_string (node, FALSE)), members in insertion order.
 * Doubles are written shortest-exact and always read back as doubles ("120.0"); non-finite
 * doubles become null, invalid UTF-8 in strings U+FFFD. */
void        cairn_json_text_append (GString  *out,
                                    JsonNode *node);

G_END_DECLS
