#pragma once

#include "cairn-format.h"

G_BEGIN_DECLS

/* COCO instances JSON: boxes, polygons, RLE masks (compressed and uncompressed, iscrowd),
 * keypoints with their skeleton, categories. Streams, so a million annotations fit. */
gboolean cairn_format_coco_import  (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);
gboolean cairn_format_coco_export  (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

/* YOLO text labels (detection, segmentation, pose) in the Ultralytics data.yaml layout, the
 * Darknet obj.data / obj.names layout or a folder with classes.txt; normalised coordinates. */
gboolean cairn_format_yolo_import  (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);
gboolean cairn_format_yolo_export  (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

/* Pascal VOC: the Annotations folder's XML files (truncated, difficult, occluded, parts...), the
 * SegmentationClass and SegmentationObject PNGs and ImageSets splits. */
gboolean cairn_format_voc_import   (CairnStore               *store,
                                    const char               *path,
                                    const CairnFormatOptions *options,
                                    CairnImportReport        *report,
                                    GError                  **error);
gboolean cairn_format_voc_export   (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

/* Semantic masks: one palette-indexed PNG and one colour PNG per image, and the colour map. */
gboolean cairn_format_masks_export (CairnStore               *store,
                                    const char               *out_dir,
                                    const CairnFormatOptions *options,
                                    GError                  **error);

G_END_DECLS
