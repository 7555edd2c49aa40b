#pragma once

#include "cairn-formats-shapes.h"
#include "cairn-format-shapes-util.h"

G_BEGIN_DECLS

/* What the via import and export share. */

/* The attribute the export writes labels (and, in file attributes, tags) under: the one the
 * last VIA import read them from (project meta LABEL_KEY_META), else LABEL_KEY. */
#define LABEL_KEY       "label"
#define LABEL_KEY_META  "via.label_key"
/* Item meta holding file attributes other than the tags. */
#define FILE_META  "via_file_attributes"

G_END_DECLS
