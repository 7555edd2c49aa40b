#pragma once

#include <json-glib/json-glib.h>

#include "cairn-types.h"

G_BEGIN_DECLS

/* Every annotation kind, with a short name used in the CLI, JSON and the store. */
typedef enum
{
  CAIRN_KIND_TAG,       /* image tag: no geometry */
  CAIRN_KIND_BOX,       /* coords: x, y, w, h */
  CAIRN_KIND_RBOX,      /* coords: cx, cy, w, h, angle (degrees, clockwise) */
  CAIRN_KIND_ELLIPSE,   /* coords: cx, cy, rx, ry, angle (degrees, clockwise) */
  CAIRN_KIND_POLYGON,   /* rings: x0, y0, x1, y1, ... per ring; holes and parts are rings */
  CAIRN_KIND_POLYLINE,  /* rings: one or more open paths */
  CAIRN_KIND_POINTS,    /* coords: x0, y0, x1, y1, ... */
  CAIRN_KIND_KEYPOINTS, /* coords: x, y, v per skeleton point (COCO visibility 0/1/2) */
  CAIRN_KIND_CUBOID,    /* coords: 8 points, x, y each: front face then back face, each face
                         * top-left, bottom-left, top-right, bottom-right (CVAT's order) */
  CAIRN_KIND_MASK,      /* mask: COCO RLE */
  CAIRN_KIND_OCR,       /* coords: x, y, w, h; text */
  CAIRN_KIND_CLASS,     /* document class: no geometry */
  CAIRN_KIND_SPAN,      /* coords: start, end (code points, half-open) */
  CAIRN_KIND_RELATION,  /* coords: from annotation id, to annotation id */
  CAIRN_KIND_SEGMENT,   /* coords: start ms, end ms; text; speaker */
  CAIRN_KIND_TARGET,    /* text: translation or summary */
  CAIRN_N_KINDS
} CairnKind;

typedef enum
{
  CAIRN_ORIGIN_HUMAN,
  CAIRN_ORIGIN_MODEL,
  CAIRN_ORIGIN_SYNTHETIC,
  CAIRN_ORIGIN_CONSENSUS,
  CAIRN_N_ORIGINS
} CairnOrigin;

/* Image coordinates beyond this are refused: no image is that big, and exporters turn 1e308
 * into an area of infinity ("area": null, "inf.0"). */
#define CAIRN_MAX_COORDINATE 1e7

#define CAIRN_MODEL_ERROR (cairn_model_error_quark ())
GQuark cairn_model_error_quark (void);

typedef enum
{
  CAIRN_MODEL_ERROR_INVALID,
} CairnModelError;

struct _CairnAnnotation
{
  gint64       id;           /* 0 until stored */
  gint64       item_id;
  gint64       label_id;     /* 0 = no label */
  gint64       annotator_id; /* 0 = unknown */
  CairnKind    kind;
  GArray      *coords;       /* gdouble, meaning per kind (see CairnKind) */
  GArray      *rings;        /* guint: number of points in each ring (polygon, polyline) */
  CairnRle    *mask;         /* CAIRN_KIND_MASK only */
  char        *text;         /* ocr, segment, target */
  char        *speaker;      /* segment */
  JsonObject  *attributes;   /* never NULL */
  CairnOrigin  origin;
  double       score;        /* model confidence; -1 = none */
  gint         guideline_version;
  gint64       created;      /* unix µs, set by the store */
  gint64       updated;
  /* Identity across project files (app/team/): set when the row came from another file;
   * NULL for rows this file made, whose identity the store derives from id. Writing an
   * annotation never changes it; not part of its JSON. */
  char        *uid;
};

const char  *cairn_kind_to_string      (CairnKind kind);
gboolean     cairn_kind_from_string    (const char *name,
                                        CairnKind  *kind);
gboolean     cairn_kind_is_image       (CairnKind kind);
gboolean     cairn_kind_is_text        (CairnKind kind);
const char  *cairn_origin_to_string    (CairnOrigin origin);
gboolean     cairn_origin_from_string  (const char  *name,
                                        CairnOrigin *origin);

CairnAnnotation *cairn_annotation_new       (CairnKind kind);
CairnAnnotation *cairn_annotation_copy      (const CairnAnnotation *self);
void             cairn_annotation_free      (CairnAnnotation *self);
GType            cairn_annotation_get_type  (void) G_GNUC_CONST;

void     cairn_annotation_set_coords   (CairnAnnotation *self,
                                        const double    *values,
                                        guint            n_values);
void     cairn_annotation_add_ring     (CairnAnnotation *self,
                                        const double    *xy,
                                        guint            n_points);
gsize    cairn_annotation_ring_offset  (const CairnAnnotation *self,
                                        guint                  ring);
void     cairn_annotation_set_box      (CairnAnnotation *self,
                                        double x, double y, double w, double h);
void     cairn_annotation_set_text     (CairnAnnotation *self,
                                        const char      *text);
void     cairn_annotation_set_mask     (CairnAnnotation *self,
                                        CairnRle        *mask);
gboolean cairn_annotation_bounds       (const CairnAnnotation *self,
                                        double *x, double *y, double *w, double *h);
gboolean cairn_annotation_validate     (const CairnAnnotation *self,
                                        GError               **error);
gboolean cairn_annotation_equal        (const CairnAnnotation *a,
                                        const CairnAnnotation *b,
                                        double                 tolerance);

/* Appends the shortest JSON number that reads back as exactly v. */
void     cairn_append_number           (GString *out,
                                        double   v);

/* Geometry only (coords, rings, mask, speaker), as compact JSON: what the store keeps. */
char            *cairn_annotation_geometry_to_json   (const CairnAnnotation *self);
gboolean         cairn_annotation_geometry_from_json (CairnAnnotation *self,
                                                      const char      *json,
                                                      GError         **error);
/* The whole annotation as a JSON object (kind names, label id, text, attributes...). */
JsonNode        *cairn_annotation_to_json_node   (const CairnAnnotation *self);
CairnAnnotation *cairn_annotation_from_json_node (JsonNode  *node,
                                                  GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnAnnotation, cairn_annotation_free)

G_END_DECLS
