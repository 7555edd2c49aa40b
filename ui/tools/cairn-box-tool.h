#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Draws a box by dragging from one corner to the other, on the picture; the box gets the
 * current label and is one edit. Escape during the drag drops it. */
#define CAIRN_TYPE_BOX_TOOL (cairn_box_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnBoxTool, cairn_box_tool, CAIRN, BOX_TOOL, GObject)

CairnTool *cairn_box_tool_new (void);

G_END_DECLS
