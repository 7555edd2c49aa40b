#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* The default tool: a click selects the shape under the pointer (exactly, not by its box),
 * a drag moves the selected shape or one of its handles (a box corner resizes it, a vertex
 * reshapes a polygon) as one edit on release, and a drag on empty picture pans. A double
 * click on a selected polygon's edge adds a vertex, on a vertex takes it away. */
#define CAIRN_TYPE_SELECT_TOOL (cairn_select_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnSelectTool, cairn_select_tool, CAIRN, SELECT_TOOL, GObject)

CairnTool *cairn_select_tool_new (void);

G_END_DECLS
