#pragma once

#include "model/cairn-annotation.h"
#include "cairn-tool.h"

G_BEGIN_DECLS

/* Draws a polygon a click per vertex; it closes on a click on the first vertex, a double
 * click or Enter (tool.finish). Backspace (tool.back) takes the last vertex back, Escape
 * (tool.cancel) drops the polygon. The finished polygon gets the current label and is one
 * edit. The same clicks make a polyline (two vertices or more, never closed by a click) or
 * points (each click one point; Enter or a double click ends the set). */
#define CAIRN_TYPE_POLYGON_TOOL (cairn_polygon_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnPolygonTool, cairn_polygon_tool, CAIRN, POLYGON_TOOL, GObject)

CairnTool *cairn_polygon_tool_new          (void);
/* kind: CAIRN_KIND_POLYGON, _POLYLINE or _POINTS. */
CairnTool *cairn_polygon_tool_new_for_kind (CairnKind kind);

G_END_DECLS
