#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Fill (G): a click inside an area the selected mask closes fills it; a click inside a
 * polygon fills the polygon into the selected mask (or a new one). Magic wand (W): a press
 * takes the pixels of like colour around the point; dragging away raises the tolerance
 * (towards the pressed point lowers it), shown live; the release adds them to the selected
 * mask or a new one (with Shift, takes them out of the selected mask). One edit each. */
#define CAIRN_TYPE_FILL_TOOL (cairn_fill_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnFillTool, cairn_fill_tool, CAIRN, FILL_TOOL, GObject)

#define CAIRN_WAND_DEFAULT_TOLERANCE 24

CairnTool *cairn_fill_tool_new           (gboolean wand);
guint      cairn_fill_tool_get_tolerance (CairnFillTool *self);
void       cairn_fill_tool_set_tolerance (CairnFillTool *self,
                                          guint          tolerance);

G_END_DECLS
