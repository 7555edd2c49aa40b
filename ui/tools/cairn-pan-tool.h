#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* The read-only tool: a click selects the shape under the pointer, a drag pans the view. */
#define CAIRN_TYPE_PAN_TOOL (cairn_pan_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnPanTool, cairn_pan_tool, CAIRN, PAN_TOOL, GObject)

CairnTool *cairn_pan_tool_new (void);

G_END_DECLS
