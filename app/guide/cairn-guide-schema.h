#pragma once

#include "edit/cairn-edit.h"

G_BEGIN_DECLS

/* The label schema as a JSON file: {"cairn_schema": 1, "labels": [{"name", "color", "hotkey",
 * "parent": NAME, "kinds": "box,polygon", "attributes": [{"name", "type", "values",
 * "required", "default"}], "skeleton": {"points", "edges"}, "guideline_anchor"}]}. */
JsonNode  *cairn_guide_schema_export (CairnStore  *store,
                                      GError     **error);
/* One edit (verb schema) that adds the file's new labels and changes those whose name exists
 * to match it; labels the file does not name are kept. An edit with no changes: nothing to
 * do. Errors name the file and the label. */
CairnEdit *cairn_guide_schema_import (CairnStore  *store,
                                      const char  *path,
                                      GError     **error);

G_END_DECLS
