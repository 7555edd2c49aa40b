#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Intelligent scissors (live-wire): click anchors along an object's outline and the path
 * between them follows the picture's edges; between clicks it follows the pointer. The edge
 * map is computed in a thread when the tool first meets a picture (straight lines until it
 * is there); each anchor's paths grow in a thread too, the live path straight until they come
 * (an anchor clicked before then waits for them). Enter, a double click or a click on the first anchor closes it: a polygon, or a
 * mask when the label takes masks but not polygons, or with Shift+Enter (tool.finish-mask).
 * Backspace takes back the last anchor. */
#define CAIRN_TYPE_SCISSORS_TOOL (cairn_scissors_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnScissorsTool, cairn_scissors_tool, CAIRN, SCISSORS_TOOL, GObject)

CairnTool *cairn_scissors_tool_new         (void);
/* TRUE once the edge map of the canvas's picture is ready. */
gboolean   cairn_scissors_tool_is_ready    (CairnScissorsTool *self);
/* TRUE once the paths from the last anchor are there (the live path follows the edges). */
gboolean   cairn_scissors_tool_is_tracing  (CairnScissorsTool *self);
/* From the last anchor to the pointer, x, y pairs. */
const GArray *cairn_scissors_tool_get_live_path (CairnScissorsTool *self);
gboolean   cairn_scissors_tool_finish_mask (CairnScissorsTool *self,
                                            CairnCanvas       *canvas);

G_END_DECLS
