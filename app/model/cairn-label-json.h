#pragma once

#include "cairn-label.h"

G_BEGIN_DECLS

/* A label as JSON, for the edit log and the schema file: {"id", "name", "color", "hotkey",
 * "parent_id", "kinds": "box,polygon", "attributes": [...], "skeleton": {"points", "edges"}}.
 * Members that are empty are left out. */
JsonNode   *cairn_label_to_json_node   (const CairnLabel *label);
/* Tolerant of what is missing; wrong types, a name that is no string and a bad skeleton are
 * errors naming the member. */
CairnLabel *cairn_label_from_json_node (JsonNode         *node,
                                        GError          **error);

G_END_DECLS
