#pragma once

#include "cairn-formats-shapes.h"
#include "cairn-format-shapes-util.h"
#include "cairn-labelstudio-brush.h"

G_BEGIN_DECLS

/* What the labelstudio import and export share. */

/* The control names the export writes (and the labelling config beside it declares). */
#define FROM_BOX        "box"
#define FROM_POLYGON    "polygon"
#define FROM_KEYPOINT   "keypoint"
#define FROM_ELLIPSE    "ellipse"
#define FROM_BRUSH      "brush"
#define FROM_TAGS       "tags"
#define FROM_CAPTION    "caption"
#define FROM_OCR        "transcription"
#define FROM_SPAN       "label"
#define FROM_CLASS      "class"
#define FROM_TARGET     "target"
#define FROM_RELATION   "relation"

/* Item meta: data members besides the image or text, and task-level results Cairn has no kind
 * for (ratings, numbers...), written back on export. */
#define DATA_META       "labelstudio_data"
#define RESULTS_META    "labelstudio_results"

G_END_DECLS
