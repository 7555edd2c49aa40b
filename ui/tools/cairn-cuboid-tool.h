#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Draws a cuboid as CVAT does: drag the front face, then move the pointer to set the depth
 * (the back face follows it) and click. Escape drops it at either step; one edit. */
#define CAIRN_TYPE_CUBOID_TOOL (cairn_cuboid_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnCuboidTool, cairn_cuboid_tool, CAIRN, CUBOID_TOOL, GObject)

CairnTool *cairn_cuboid_tool_new (void);

G_END_DECLS
