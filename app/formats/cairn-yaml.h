#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A tolerant reader for the YAML subset dataset files use (YOLO's data.yaml): top-level
 * "key: value" pairs whose values are scalars, flow lists and mappings ("[a, b]", "{0: a}",
 * possibly over several lines), block lists ("- a") or one-level block mappings ("  0: a").
 * Block scalars ("|", ">") and deeper nesting are read as text and otherwise ignored.
 * Plain scalars become integers, doubles, booleans or null when they look like one.
 * Errors name the file (name) and line. */
JsonObject *cairn_yaml_parse      (const char *text,
                                   const char *name,
                                   GError    **error);
JsonObject *cairn_yaml_parse_file (const char *path,
                                   GError    **error);

G_END_DECLS
