#pragma once

#include "model/cairn-annotation.h"
#include "cairn-tool.h"

G_BEGIN_DECLS

/* Draws a box by dragging from one corner to the other, on the picture; the box gets the
 * current label and is one edit. Escape during the drag drops it. The same drag makes a
 * rotated box (upright until turned), an ellipse inside the rectangle, or an OCR box. */
#define CAIRN_TYPE_BOX_TOOL (cairn_box_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnBoxTool, cairn_box_tool, CAIRN, BOX_TOOL, GObject)

CairnTool *cairn_box_tool_new          (void);
/* kind: CAIRN_KIND_BOX, _RBOX, _ELLIPSE or _OCR. */
CairnTool *cairn_box_tool_new_for_kind (CairnKind kind);

G_END_DECLS
