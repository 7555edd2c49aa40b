#pragma once

#include "cairn-formats-image.h"

G_BEGIN_DECLS

/* Project meta, so an export gives back the class numbers and flip order of the import. */
#define YOLO_META_NAMES "yolo.names"    /* ["person", "bicycle", ...] in class order */
#define YOLO_META_FLIP  "yolo.flip_idx" /* [0, 2, 1, ...] */

G_END_DECLS
