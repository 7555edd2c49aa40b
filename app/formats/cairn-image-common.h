#pragma once

#include "cairn-format.h"
#include "model/cairn-json.h"

G_BEGIN_DECLS

/* Helpers shared by the image formats (COCO, YOLO, VOC, masks). */

/* The attribute that ties several Cairn annotations made from one object of a file (a COCO
 * annotation with a polygon and keypoints, a VOC object and its parts or mask). */
#define CAIRN_IMAGE_GROUP "group"

/* One subset of an export: a split (or NULL for everything) and its image items, by id. */
typedef struct
{
  char   *split;
  GArray *item_ids; /* gint64 */
} CairnExportSet;

void       cairn_export_set_free        (CairnExportSet *set);
/* The image items to export: one set per options->splits entry, or one set of every image. */
GPtrArray *cairn_image_export_sets      (CairnStore               *store,
                                         const CairnFormatOptions *options,
                                         GError                  **error);
/* What the VOC, YOLO and masks exporters begin with (the first member of each one's state). */
typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  const char               *out_dir;
  gint64                    annotator_id; /* options->annotator's; 0 = everyone's */
  GHashTable               *labels;       /* label id → CairnLabel */
  GHashTable               *class_of;     /* label id → class number + 1 */
  GString                  *missing;      /* images that could not be copied */
} CairnImageExport;

gboolean    cairn_image_export_begin    (CairnImageExport         *ex,
                                         CairnStore               *store,
                                         const char               *out_dir,
                                         const CairnFormatOptions *options,
                                         GError                  **error);
void        cairn_image_export_end      (CairnImageExport *ex);
/* Label id (gint64 *) → CairnLabel *. */
GHashTable *cairn_image_label_table     (CairnStore *store,
                                         GError    **error);
/* Class numbers for an export: first_name (e.g. "background") as 0 when given, then the names
 * meta_key remembers (a deleted label keeps its place), then every other label for images by
 * id. class_of gets label id (gint64 *) → number + 1; names the names by number. */
void        cairn_image_number_classes  (CairnStore *store,
                                         GHashTable *labels,
                                         const char *meta_key,
                                         const char *first_name,
                                         GHashTable *class_of,
                                         GPtrArray  *names);
/* The class number of a label, or -1. */
int         cairn_image_class_of        (GHashTable *class_of,
                                         gint64      label_id);
gboolean    cairn_image_label_for_images (const CairnLabel *label);

/* The item's annotations, only those of annotator_id when it is not 0. */
GPtrArray  *cairn_image_list_annotations (CairnStore *store,
                                          gint64      item_id,
                                          gint64      annotator_id,
                                          GError    **error);


/* The shortest decimal within tolerance of value: for numbers computed by division, such as
 * YOLO's normalised coordinates (0.25, not 0.25000000000000006). */
void     cairn_image_append_rounded     (GString *out,
                                         double   value,
                                         double   tolerance);
/* A JSON string literal, quotes included. */
void     cairn_image_append_json_string (GString    *out,
                                         const char *text);
/* Escapes &, <, > and quotes for XML text and attributes. */
void     cairn_image_append_xml_text    (GString    *out,
                                         const char *text);
gboolean cairn_image_write_file         (const char *path,
                                         const char *contents,
                                         gsize       length,
                                         GError    **error);
/* missing holds a line per image that could not be written: they go to missing-images.txt
 * in out_dir, and a warning says so. Nothing when missing is empty. */
gboolean cairn_image_write_missing      (const CairnFormatOptions *options,
                                         const char               *out_dir,
                                         GString                  *missing,
                                         GError                  **error);

/* A format's own memory in the project (class order, category ids...), as JSON. */
JsonNode *cairn_image_get_meta_json     (CairnStore *store,
                                         const char *key);
gboolean  cairn_image_set_meta_json     (CairnStore *store,
                                         const char *key,
                                         JsonNode   *value,
                                         GError    **error);

/* a − b, without the binary noise when both are short decimals (312.45 − 200.12 = 112.33,
 * not 112.33000000000001). */
double      cairn_image_difference      (double a,
                                         double b);
/* Bounds of n points (x, y pairs) as x, y, w, h; zeros for none. */
void        cairn_image_bounds          (const double *xy,
                                         gsize         n_points,
                                         double        box[4]);

/* Group numbers for one import: per item, counting on from the highest the item already has,
 * so parts of different objects never share one and a round trip gives the same numbers. */
typedef struct _CairnGroupCounter CairnGroupCounter;

CairnGroupCounter *cairn_group_counter_new      (CairnStore        *store);
void               cairn_group_counter_free     (CairnGroupCounter *self);
/* The item was created by this import: it has no groups yet. */
void               cairn_group_counter_mark_new (CairnGroupCounter *self,
                                                 gint64             item_id);
/* 0 with error on a store error. */
gint64             cairn_group_counter_next     (CairnGroupCounter *self,
                                                 gint64             item_id,
                                                 GError           **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnGroupCounter, cairn_group_counter_free)

/* The group attribute, or 0. */
gint64   cairn_image_get_group          (const CairnAnnotation *annotation);
/* An integer attribute, or fallback when absent or not a number. */
gint64   cairn_image_get_int_attribute  (const CairnAnnotation *annotation,
                                         const char            *name,
                                         gint64                 fallback);

/* A file name for the item in an export: its own basename made safe
 * (cairn_format_safe_file_name), made unique among used (a set of names the caller owns). */
char    *cairn_image_export_name        (const CairnFormatOptions *options,
                                         const CairnItem          *item,
                                         GHashTable               *used);
/* Writes the item's media bytes to dest (creating its folder): embedded bytes, or the file
 * when it is still the one the import verified (cairn_store_load_verified_media). */
gboolean cairn_image_copy_media         (CairnStore      *store,
                                         const CairnItem *item,
                                         const char      *dest,
                                         GError         **error);
/* The split a file's name suggests ("instances_val.json" → "val"), or NULL. */
const char *cairn_image_split_from_name (const char *path);
/* Sets the item's split when it has none; TRUE when nothing failed. */
gboolean cairn_image_set_split          (CairnStore *store,
                                         gint64      item_id,
                                         const char *split,
                                         GError    **error);

/* The outline of an area annotation (polygon, rbox, ellipse, box) as rings for raster fills
 * and polygon formats: xy pairs in coords, points per ring in rings. FALSE for other kinds. */
gboolean cairn_image_outline            (const CairnAnnotation *annotation,
                                         GArray                *coords,
                                         GArray                *rings);
/* Even-odd fill of rings into a width × height byte raster: pixels whose centres lie inside
 * get value. */
void     cairn_image_fill_rings         (guint8       *pixels,
                                         guint         width,
                                         guint         height,
                                         const double *coords,
                                         const guint  *rings,
                                         guint         n_rings,
                                         guint8        value);
/* Paints an area annotation (mask, polygon, ellipse) with value; FALSE for other kinds. */
gboolean cairn_image_fill_annotation    (guint8                *pixels,
                                         guint                  width,
                                         guint                  height,
                                         const CairnAnnotation *annotation,
                                         guint8                 value);
/* n_planes zeroed rasters of the item's width × height bytes for an exporter to paint (planes
 * one after the other), or NULL with a line for missing-images.txt in missing when the image is
 * over the pixel limit (options->max_pixels), the planes would take more than
 * CAIRN_RASTER_MAX_BYTES, or the memory cannot be had: an image that claims 100 000 × 100 000
 * must not abort the export. */
#define CAIRN_RASTER_MAX_BYTES (G_GUINT64_CONSTANT (1) << 30)
guint8  *cairn_image_new_raster         (const CairnFormatOptions *options,
                                         const CairnItem          *item,
                                         guint                     n_planes,
                                         const char               *name,
                                         GString                  *missing);
/* Absolute area of the rings, holes not subtracted (each ring counts on its own). */
double   cairn_image_rings_area         (const double *coords,
                                         const guint  *rings,
                                         guint         n_rings);

/* Pascal VOC's colour for index i (0 black, 1 dark red, ..., 255 the border colour). */
void     cairn_voc_color                (guint   index,
                                         guint8  rgb[3]);

/* PNG through libpng: GdkPixbuf can neither write palette PNGs nor hand back their indices. */
gboolean cairn_png_write_indexed        (const char   *path,
                                         guint         width,
                                         guint         height,
                                         const guint8 *pixels,
                                         const guint8 *palette,   /* rgb triples */
                                         guint         n_colors,
                                         GError      **error);
gboolean cairn_png_write_rgb            (const char   *path,
                                         guint         width,
                                         guint         height,
                                         const guint8 *rgb,
                                         GError      **error);
/* Reads a label image as one index per pixel: a palette PNG gives its indices, a grey one its
 * values, a colour one the position of each pixel's colour in colors (n_colors rgb triples);
 * a colour not in the map is an error naming the pixel. */
guint8  *cairn_png_read_indices         (const char   *path,
                                         const guint8 *colors,
                                         guint         n_colors,
                                         guint        *width,
                                         guint        *height,
                                         GError      **error);

G_END_DECLS
