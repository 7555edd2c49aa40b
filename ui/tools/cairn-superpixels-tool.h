#pragma once

#include "cairn-tool.h"

G_BEGIN_DECLS

/* Superpixels: the picture cut into SLIC superpixels (in a thread, when the tool first meets
 * it, and again when their size or compactness changes: [ and ], { and }), their outlines
 * shown; a click or a drag adds whole superpixels to the selected mask or a new one, with
 * Shift takes them out. One edit per gesture. */
#define CAIRN_TYPE_SUPERPIXELS_TOOL (cairn_superpixels_tool_get_type ())
G_DECLARE_FINAL_TYPE (CairnSuperpixelsTool, cairn_superpixels_tool, CAIRN, SUPERPIXELS_TOOL,
                      GObject)

#define CAIRN_SUPERPIXELS_DEFAULT_SIZE 32
#define CAIRN_SUPERPIXELS_DEFAULT_COMPACTNESS 10.0

CairnTool *cairn_superpixels_tool_new              (void);
/* TRUE once the canvas's picture has its superpixels. */
gboolean   cairn_superpixels_tool_is_ready         (CairnSuperpixelsTool *self);
guint      cairn_superpixels_tool_get_size         (CairnSuperpixelsTool *self);
double     cairn_superpixels_tool_get_compactness  (CairnSuperpixelsTool *self);
/* Both compute the superpixels again (for the canvas's picture). */
void       cairn_superpixels_tool_step_size        (CairnSuperpixelsTool *self,
                                                    CairnCanvas          *canvas,
                                                    int                   steps);
void       cairn_superpixels_tool_step_compactness (CairnSuperpixelsTool *self,
                                                    CairnCanvas          *canvas,
                                                    int                   steps);

G_END_DECLS
