#pragma once

#include "model/cairn-rle.h"
#include "cairn-formats-image.h"

G_BEGIN_DECLS

/* Project meta: the class order of SegmentationClass indices (index 0 is the background). */
#define VOC_META_CLASSES "voc.classes"
/* Item meta "voc": the <annotation> children Cairn has no field for (folder, source, ...). */
#define VOC_MEMBER       "voc"
/* Attributes: a part's box ("part": true, sharing its object's group) and a class-only mask
 * from SegmentationClass ("semantic": true). */
#define VOC_PART         "part"
#define VOC_SEMANTIC     CAIRN_MASK_SEMANTIC
/* The index SegmentationClass and SegmentationObject use for borders and "don't care". */
#define VOC_VOID         255

/* Pascal VOC's 20 classes after the background, in their index order. */
extern const char *const cairn_voc_standard_classes[22];

G_END_DECLS
