#pragma once

/* Helpers shared by the shape formats (LabelMe, CVAT, Label Studio, VIA). Private to the group. */

#include <json-glib/json-glib.h>

#include "cairn-format.h"
#include "model/cairn-json.h"
#include "model/cairn-rle.h"

G_BEGIN_DECLS

/* Masks bigger than this many pixels are refused: no real image is, and a hostile file must not
 * make us allocate gigabytes. */
#define CAIRN_SHAPES_MAX_PIXELS (G_GUINT64_CONSTANT (1) << 28)

typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
  const char               *path;         /* the file being read */
  char                     *file;         /* its basename, for messages */
  gint64                    annotator_id;
  GHashTable               *labels;       /* name → gint64 id */
} CairnShapesImport;

gboolean cairn_shapes_import_init     (CairnShapesImport        *im,
                                       CairnStore               *store,
                                       const CairnFormatOptions *options,
                                       CairnImportReport        *report,
                                       GError                  **error);
void     cairn_shapes_import_set_file (CairnShapesImport *im,
                                       const char        *path);
void     cairn_shapes_import_clear    (CairnShapesImport *im);

/* Sets a PARSE error "file: where: message" and returns FALSE. where may be NULL. */
gboolean cairn_shapes_fail            (CairnShapesImport *im,
                                       GError           **error,
                                       const char        *where,
                                       const char        *format,
                                       ...) G_GNUC_PRINTF (4, 5);
/* The id of the label called name (0 for NULL or ""), created with color when missing. */
gboolean cairn_shapes_label           (CairnShapesImport *im,
                                       const char        *name,
                                       const char        *color,
                                       gint64            *id,
                                       GError           **error);
/* Stores a, after checking it; errors name the file and where. */
gboolean cairn_shapes_add             (CairnShapesImport *im,
                                       CairnAnnotation   *a,
                                       const char        *where,
                                       GError           **error);
/* The image a file names: an item already in the project, the file found beside the source or
 * in --images, else a new item holding the embedded bytes (when given), else a reference. */
gint64   cairn_shapes_image           (CairnShapesImport *im,
                                       const char        *name,
                                       gint               width,
                                       gint               height,
                                       GBytes            *embedded,
                                       GError           **error);
/* TRUE when the project has an image of that name, or the file is beside the source or in
 * --images. */
gboolean cairn_shapes_image_known     (CairnShapesImport *im,
                                       const char        *name);
/* The item's size when the file gives none (0 × 0 when unknown). */
void     cairn_shapes_item_size       (CairnShapesImport *im,
                                       gint64             item_id,
                                       gint              *width,
                                       gint              *height);
/* im->path parsed; never an empty document. */
JsonParser *cairn_shapes_load_json    (CairnShapesImport *im,
                                       GError           **error);

typedef gboolean (*CairnShapesElementFunc) (JsonNode  *element,
                                            guint      index,
                                            double     fraction,
                                            gpointer   data,
                                            GError   **error);
/* When im->path holds a JSON array, calls func with each element in turn, each parsed on its
 * own, so memory holds one element's tree at a time. Sets *is_array to FALSE (and returns TRUE
 * without calling func) when the document is something else. */
gboolean cairn_shapes_json_stream_array (CairnShapesImport     *im,
                                         gboolean              *is_array,
                                         CairnShapesElementFunc func,
                                         gpointer               data,
                                         GError               **error);

/* Raw JSON, for formats whose big part is one object: iterate its members without building a
 * tree of the whole. value is the member's text (length bytes), starting on line. */
typedef gboolean (*CairnShapesMemberFunc) (const char *name,
                                           const char *value,
                                           gsize       length,
                                           guint       line,
                                           gpointer    data,
                                           GError    **error);
GMappedFile *cairn_shapes_map_file      (CairnShapesImport     *im,
                                         GError               **error);
/* The members of the object text holds, in order. */
gboolean     cairn_shapes_json_members  (CairnShapesImport     *im,
                                         const char            *text,
                                         gsize                  length,
                                         guint                  line,
                                         CairnShapesMemberFunc  func,
                                         gpointer               data,
                                         GError               **error);
/* FALSE with an error when text holds more than one JSON value (json-glib 1.6 would keep the
 * last and leak the others). */
gboolean     cairn_shapes_json_check_single (CairnShapesImport *im,
                                             const char        *text,
                                             gsize              length,
                                             guint              line,
                                             const char        *where,
                                             GError           **error);
/* One value's text parsed; errors name where and the line. */
JsonNode    *cairn_shapes_json_parse    (CairnShapesImport     *im,
                                         const char            *text,
                                         gsize                  length,
                                         guint                  line,
                                         const char            *where,
                                         GError               **error);

/* true, a non-zero number, or "1" / "true" / "yes" in any case. */
gboolean    cairn_shapes_truthy       (JsonNode   *node);
/* Adds an integer when value is whole, else a double, so 3 stays 3 and 0.1 stays 0.1. */
void        cairn_shapes_add_number   (JsonBuilder *builder,
                                       double       value);
/* The shortest decimal that reads back as the same double. */
char       *cairn_shapes_format_double (double value);

/* Exports */
typedef CairnExportContext CairnShapesExport;

/* The label's name, or "" for none. */
const char       *cairn_shapes_label_name   (CairnShapesExport *ex,
                                             gint64             id);

typedef gboolean (*CairnShapesItemFunc) (CairnShapesExport *ex,
                                         const CairnItem   *item,
                                         GPtrArray         *annotations,
                                         gpointer           data,
                                         GError           **error);
/* Every item of kind (-1 = any) in split (NULL = any), in id order, with the annotations the
 * export keeps (CairnAnnotation *), reporting progress between from and to. */
gboolean cairn_shapes_foreach_item (CairnShapesExport  *ex,
                                    gint                kind,
                                    const char         *split,
                                    double              from,
                                    double              to,
                                    CairnShapesItemFunc func,
                                    gpointer            data,
                                    GError            **error);
/* The splits to write: options->splits, or one NULL entry meaning "all items". */
const char *const *cairn_shapes_splits (const CairnFormatOptions *options,
                                        guint                    *n_splits);

GOutputStream *cairn_shapes_create_file (const char *path,
                                         GError    **error);
gboolean       cairn_shapes_write       (GOutputStream *out,
                                         const char    *text,
                                         GError       **error);
gboolean       cairn_shapes_write_node  (GOutputStream *out,
                                         JsonNode      *node,
                                         gboolean       pretty,
                                         GError       **error);
gboolean       cairn_shapes_close       (GOutputStream *out,
                                         const char    *path,
                                         GError       **error);
/* An output file name for the item that is not in used yet (which it is added to). */
char          *cairn_shapes_unique_name (const CairnFormatOptions *options,
                                         GHashTable               *used,
                                         const CairnItem          *item,
                                         const char               *extension);
/* TRUE when the item's media is a file that exists (not embedded, not missing). */
gboolean       cairn_shapes_media_is_file (CairnShapesExport *ex,
                                           const CairnItem   *item);

/* Masks and images */
CairnRle *cairn_shapes_rle_from_local  (const guint8 *bits,
                                        guint         local_width,
                                        guint         local_height,
                                        gint64        left,
                                        gint64        top,
                                        guint         width,
                                        guint         height);
/* The smallest box holding every set pixel, as a row-major bitmap; NULL when the mask is empty. */
guint8   *cairn_shapes_rle_crop        (const CairnRle *rle,
                                        guint          *left,
                                        guint          *top,
                                        guint          *width,
                                        guint          *height);
guint8   *cairn_shapes_png_mask_decode (GBytes  *png,
                                        guint   *width,
                                        guint   *height,
                                        GError **error);
/* A 1-bit greyscale PNG, as LabelMe writes its masks. */
GBytes   *cairn_shapes_png_mask_encode (const guint8 *bits,
                                        guint         width,
                                        guint         height);

/* Geometry */
/* The corners of a rotated box (cx, cy, w, h, degrees clockwise), clockwise from top-left. */
void     cairn_shapes_rbox_corners    (const double *rbox,
                                       double       *corners);
/* n points on an ellipse (cx, cy, rx, ry, degrees clockwise). */
void     cairn_shapes_ellipse_points  (const double *ellipse,
                                       guint         n,
                                       double       *xy);
/* The angle in [0, 360). */
double   cairn_shapes_normalize_angle (double degrees);

G_END_DECLS
