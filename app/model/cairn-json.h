#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Tolerant member getters for untrusted JSON: a missing member or one of the wrong type gives
 * NULL / the default instead of a json-glib critical. */
const char *cairn_json_string  (JsonObject *object,
                                const char *member);
gboolean    cairn_json_number  (JsonObject *object,
                                const char *member,
                                double     *value);
gint64      cairn_json_int     (JsonObject *object,
                                const char *member,
                                gint64      fallback);
double      cairn_json_double  (JsonObject *object,
                                const char *member,
                                double      fallback);
/* A whole number (3 or 3.0, not 3.5 or 1e16), as ids and offsets must be. */
gboolean    cairn_json_get_int (JsonObject *object,
                                const char *member,
                                gint64     *value);
/* A finite number node (not a numeric string). */
gboolean    cairn_json_node_number (JsonNode *node,
                                    double   *value);
JsonArray  *cairn_json_array   (JsonObject *object,
                                const char *member);
JsonObject *cairn_json_object  (JsonObject *object,
                                const char *member);
/* TRUE when text holds at most one JSON value (and whitespace): json-glib 1.6 accepts
 * "{...} {...}", keeps the last value and leaks the first. */
gboolean    cairn_json_is_single_value (const char *text,
                                        gsize       length);
/* Arrays and objects nested deeper than this are refused before json-glib sees the text: its
 * parser, copier and writer recurse once per level, and 100 000 levels exhaust the stack. */
#define CAIRN_JSON_MAX_DEPTH 512

/* FALSE with a CAIRN_MODEL_ERROR ("line N: nested deeper than 512 levels") when text nests
 * deeper than CAIRN_JSON_MAX_DEPTH, or holds an integer that does not fit 64 bits (json-glib
 * wraps 99999999999999999999 to -1); length -1 means NUL-terminated. Strings are skipped. */
gboolean    cairn_json_check_limits (const char *text,
                                    gssize      length,
                                    GError    **error);
/* The whole text parsed with json-glib after cairn_json_check_limits; NULL with error. */
JsonNode   *cairn_json_parse_bounded (const char *text,
                                      gssize      length,
                                      GError    **error);
/* The parsed root if it is an object, else NULL. */
JsonObject *cairn_json_root_object (JsonParser *parser);
/* A copy that shares nothing: json_node_copy only takes a reference on objects and arrays. */
JsonNode   *cairn_json_deep_copy   (JsonNode   *node);
JsonObject *cairn_json_deep_copy_object (JsonObject *object);

G_END_DECLS
