#pragma once

#include "cairn-formats-shapes.h"
#include "cairn-format-shapes-util.h"

G_BEGIN_DECLS

/* What the cvat import and export share. */

/* CVAT label types and the annotation kinds each allows. */
static const struct
{
  const char *type;
  guint       kinds;
} label_types[] = {
  { "rectangle", (1u << CAIRN_KIND_BOX) | (1u << CAIRN_KIND_RBOX) },
  { "polygon", 1u << CAIRN_KIND_POLYGON },
  { "polyline", 1u << CAIRN_KIND_POLYLINE },
  { "points", 1u << CAIRN_KIND_POINTS },
  { "ellipse", 1u << CAIRN_KIND_ELLIPSE },
  { "cuboid", 1u << CAIRN_KIND_CUBOID },
  { "mask", 1u << CAIRN_KIND_MASK },
  { "tag", 1u << CAIRN_KIND_TAG },
  { "skeleton", 1u << CAIRN_KIND_KEYPOINTS },
};

/* Shape attributes CVAT has fields for; kept in annotation attributes under these names. */
static const char *const shape_fields[] = { "occluded", "z_order", "group_id", "source", NULL };

static const char *const cuboid_names[16] = {
  "xtl1", "ytl1", "xbl1", "ybl1", "xtr1", "ytr1", "xbr1", "ybr1",
  "xtl2", "ytl2", "xbl2", "ybl2", "xtr2", "ytr2", "xbr2", "ybr2",
};

G_END_DECLS
