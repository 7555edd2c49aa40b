#pragma once

#include "mask/cairn-mask-paint.h"
#include "cairn-tool.h"

G_BEGIN_DECLS

/* Paints (or, as the eraser, clears) mask pixels along the pointer: a round or square tip of
 * a size in image pixels, shown as an outline at the pointer, dabbed close enough along each
 * segment that a fast stroke leaves no gap at any zoom. The brush paints the selected mask,
 * or starts a new one of the current label; the eraser clears the selected mask or the one
 * under the pointer. Each stroke is one edit. */
#define CAIRN_TYPE_BRUSH_TOOL (cairn_brush_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnBrushTool, cairn_brush_tool, CAIRN, BRUSH_TOOL, GObject)

#define CAIRN_BRUSH_DEFAULT_SIZE 20.0

CairnTool *cairn_brush_tool_new        (gboolean erase);
double     cairn_brush_tool_get_size   (CairnBrushTool *self);
void       cairn_brush_tool_set_size   (CairnBrushTool *self,
                                        double          size);
/* One step bigger (steps > 0) or smaller: [ and ]. */
void       cairn_brush_tool_step_size  (CairnBrushTool *self,
                                        int             steps);
CairnTip   cairn_brush_tool_get_tip    (CairnBrushTool *self);
void       cairn_brush_tool_set_tip    (CairnBrushTool *self,
                                        CairnTip        tip);

G_END_DECLS
