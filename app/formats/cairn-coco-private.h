#pragma once

#include "cairn-formats-image.h"

G_BEGIN_DECLS

/* Project meta: what COCO has that labels and items have no field for. */
#define COCO_META_CATEGORIES "coco.categories" /* {"name": {"id": 1, "supercategory": ...}} */
#define COCO_META_INFO       "coco.info"
#define COCO_META_LICENSES   "coco.licenses"
/* Item meta "coco": {"id", "file_name", other image fields}. Annotation attribute "coco":
 * {"bbox", "area" when they differ from the shape's own, members COCO does not define}. */
#define COCO_MEMBER          "coco"

G_END_DECLS
