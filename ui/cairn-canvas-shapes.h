#pragma once

#include <cairo.h>

#include "model/cairn-annotation.h"
#include "model/cairn-label.h"

G_BEGIN_DECLS

/* Each kind's outline, built in one place and shared by drawing, exact hit tests and the
 * handles of a selected shape. All in image coordinates; px is the size of one screen pixel
 * in image pixels (points and handles keep their size on screen). */

typedef enum
{
  CAIRN_SHAPE_NONE,  /* nothing to draw on an image (tags, spans...) or broken geometry */
  CAIRN_SHAPE_AREA,  /* filled and outlined: boxes, polygons, ellipses, points */
  CAIRN_SHAPE_LINE,  /* outlined only: polylines, cuboids, keypoint skeletons */
  CAIRN_SHAPE_MASK,  /* painted from the mask's pixels */
} CairnShapePaint;

#define CAIRN_SHAPE_POINT_RADIUS 4.0

/* Replaces cr's path with the annotation's outline; label gives keypoint skeletons (may be
 * NULL). */
CairnShapePaint cairn_shape_path         (cairo_t               *cr,
                                          const CairnAnnotation *annotation,
                                          const CairnLabel      *label,
                                          double                 px);
/* The same, added to the current path (many shapes filled and stroked at once). */
CairnShapePaint cairn_shape_append_path  (cairo_t               *cr,
                                          const CairnAnnotation *annotation,
                                          const CairnLabel      *label,
                                          double                 px);
/* How near (screen pixels) a click must be to a line or handle to take it. */
#define CAIRN_SHAPE_SLOP 4.0

/* Whether (x, y) is on the shape as drawn at px: inside an area, or within the slop of a
 * line. */
gboolean        cairn_shape_hit          (const CairnAnnotation *annotation,
                                          const CairnLabel      *label,
                                          double                 x,
                                          double                 y,
                                          double                 px);

/* A press this near a handle (screen pixels) takes it. */
#define CAIRN_SHAPE_HANDLE_REACH 7.0
/* A rotated box's or an ellipse's rotation handle: after its 4 corners, this far (screen
 * pixels) above its top edge. */
#define CAIRN_SHAPE_ROTATE_HANDLE 4
#define CAIRN_SHAPE_ROTATE_STALK 24.0

/* The points a selected shape can be dragged by: a box's corners, a polygon's vertices, a
 * rotated box's corners and rotation handle... as x, y pairs. */
GArray         *cairn_shape_handles      (const CairnAnnotation *annotation,
                                          double                 px);
/* The handle within reach of (x, y), or -1. */
int             cairn_shape_find_handle  (const CairnAnnotation *annotation,
                                          double                 x,
                                          double                 y,
                                          double                 px);
/* Rounds a rotated box's or an ellipse's angle to a multiple of step degrees. */
void            cairn_shape_snap_angle   (CairnAnnotation       *annotation,
                                          double                 step);
/* Moves handle to (x, y); a box corner resizes, keeping the opposite corner; a rotated
 * shape's rotation handle turns it to face (x, y). */
void            cairn_shape_move_handle  (CairnAnnotation       *annotation,
                                          guint                  handle,
                                          double                 x,
                                          double                 y);
/* On a polygon or polyline: puts a vertex on the edge within tolerance of (x, y), or takes
 * away the vertex there (a ring keeps 3 vertices, a line 2). FALSE when there is none. */
gboolean        cairn_shape_insert_vertex (CairnAnnotation      *annotation,
                                           double                 x,
                                           double                 y,
                                           double                 tolerance);
gboolean        cairn_shape_remove_vertex (CairnAnnotation      *annotation,
                                           guint                  handle);
/* The point of the shape's outline nearest (x, y) within reach: a vertex or corner if one is
 * in reach, else the nearest point of an edge. FALSE when none is. */
gboolean        cairn_shape_snap_point   (const CairnAnnotation *annotation,
                                          double                 x,
                                          double                 y,
                                          double                 reach,
                                          double                *snap_x,
                                          double                *snap_y,
                                          double                *distance);
/* FALSE when the kind cannot be moved (masks, tags). */
gboolean        cairn_shape_translate    (CairnAnnotation       *annotation,
                                          double                 dx,
                                          double                 dy);

G_END_DECLS
