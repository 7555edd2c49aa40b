#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Draws a polygon a click per vertex; it closes on a click on the first vertex, a double
 * click or Enter (tool.finish). Backspace (tool.back) takes the last vertex back, Escape
 * (tool.cancel) drops the polygon. The finished polygon gets the current label and is one
 * edit. */
#define CAIRN_TYPE_POLYGON_TOOL (cairn_polygon_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnPolygonTool, cairn_polygon_tool, CAIRN, POLYGON_TOOL, GObject)

CairnTool *cairn_polygon_tool_new (void);

G_END_DECLS
