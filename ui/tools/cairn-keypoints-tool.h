#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Places the current label's skeleton points in their order, a click each, with the edges
 * drawn as they join and the next point's name beside the pointer. tool.skip (.) leaves a
 * point out as not visible, tool.back takes the last one back, tool.finish leaves the rest
 * out; the last point placed makes the edit. */
#define CAIRN_TYPE_KEYPOINTS_TOOL (cairn_keypoints_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnKeypointsTool, cairn_keypoints_tool, CAIRN, KEYPOINTS_TOOL, GObject)

CairnTool *cairn_keypoints_tool_new  (void);
/* Leaves the next point out (COCO visibility 0). FALSE when nothing is being placed. */
gboolean   cairn_keypoints_tool_skip (CairnKeypointsTool *self,
                                      CairnCanvas        *canvas);

G_END_DECLS
