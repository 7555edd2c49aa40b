#pragma once

#include "cairn-formats-shapes.h"
#include "cairn-format-shapes-util.h"

G_BEGIN_DECLS

/* What the labelme import and export share. */

/* Members LabelMe defines on a shape; any other member is kept as an attribute and written back,
 * as LabelMe itself does with members it does not know. */
static const char *const shape_members[] = {
  "label", "points", "group_id", "description", "shape_type", "flags", "mask", NULL,
};

/* Item meta member listing every image flag, so unset flags survive a round trip. */
#define FLAGS_META "labelme_flags"

/* Circles that are not round become polygons with this many points. */
#define ELLIPSE_POINTS 64

G_END_DECLS
