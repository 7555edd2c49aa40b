#define G_LOG_DOMAIN "cairn-canvas"

#include <math.h>

#include "cairn-canvas-shapes.h"

#define C(i) (((const double *) a->coords->data)[i])

/* One ring; vertices less than a screen pixel (px) from the last one drawn are skipped, so a
 * detailed outline seen small costs cairo a few segments, not hundreds (the last is kept). */
static void
ring_points (cairo_t *cr, const CairnAnnotation *a, gsize first, guint n, gboolean close,
             double px)
{
  double lx = 0, ly = 0;

  for (guint p = 0; p < n && 2 * (first + p) + 1 < a->coords->len; p++)
    {
      double x = C (2 * (first + p)), y = C (2 * (first + p) + 1);

      if (p == 0)
        cairo_move_to (cr, x, y);
      else if (p + 1 == n || fabs (x - lx) >= px || fabs (y - ly) >= px || g_getenv ("NODECIM"))
        cairo_line_to (cr, x, y);
      else
        continue;
      lx = x;
      ly = y;
    }
  if (close)
    cairo_close_path (cr);
}

static void
ring_path (cairo_t *cr, const CairnAnnotation *a, gboolean close, double px)
{
  /* No ring table: all coordinates are one ring. */
  if (a->rings == NULL || a->rings->len == 0)
    {
      ring_points (cr, a, 0, a->coords->len / 2, close, px);
      return;
    }
  for (guint r = 0; r < a->rings->len; r++)
    ring_points (cr, a, cairn_annotation_ring_offset (a, r) / 2, g_array_index (a->rings, guint, r),
                 close, px);
}

static void
dot (cairo_t *cr, double x, double y, double radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_close_path (cr);
}

static void
rotated_path (cairo_t *cr, const CairnAnnotation *a)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  cairo_translate (cr, C (0), C (1));
  /* Clockwise on screen is a positive angle with y pointing down. */
  cairo_rotate (cr, C (4) * G_PI / 180.0);
  if (a->kind == CAIRN_KIND_RBOX)
    cairo_rectangle (cr, -C (2) / 2, -C (3) / 2, C (2), C (3));
  else
    {
      cairo_scale (cr, C (2), C (3));
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_close_path (cr);
    }
  cairo_set_matrix (cr, &m); /* the line width stays unscaled */
}

/* Skeleton edges between labelled points, then the points (occluded ones too). */
static void
keypoints_path (cairo_t *cr, const CairnAnnotation *a, const CairnLabel *label, double px)
{
  guint n = a->coords->len / 3;

  if (label != NULL && label->edges != NULL)
    for (guint e = 0; e + 1 < label->edges->len; e += 2)
      {
        guint i = g_array_index (label->edges, guint, e);
        guint j = g_array_index (label->edges, guint, e + 1);

        if (i >= n || j >= n || C (3 * i + 2) <= 0 || C (3 * j + 2) <= 0)
          continue;
        cairo_move_to (cr, C (3 * i), C (3 * i + 1));
        cairo_line_to (cr, C (3 * j), C (3 * j + 1));
      }
  for (guint i = 0; i < n; i++)
    if (C (3 * i + 2) > 0)
      dot (cr, C (3 * i), C (3 * i + 1), CAIRN_SHAPE_POINT_RADIUS * px);
}

static void
cuboid_path (cairo_t *cr, const CairnAnnotation *a)
{
  /* Faces are tl, bl, tr, br (CVAT's order): go round tl, tr, br, bl. */
  static const guint order[] = { 0, 2, 3, 1 };

  for (guint face = 0; face < 2; face++)
    {
      for (guint i = 0; i < 4; i++)
        (i == 0 ? cairo_move_to : cairo_line_to) (cr, C (8 * face + 2 * order[i]),
                                                  C (8 * face + 2 * order[i] + 1));
      cairo_close_path (cr);
    }
  for (guint i = 0; i < 4; i++)
    {
      cairo_move_to (cr, C (2 * i), C (2 * i + 1));
      cairo_line_to (cr, C (8 + 2 * i), C (8 + 2 * i + 1));
    }
}

CairnShapePaint
cairn_shape_path (cairo_t               *cr,
                  const CairnAnnotation *a,
                  const CairnLabel      *label,
                  double                 px)
{
  cairo_new_path (cr);
  return cairn_shape_append_path (cr, a, label, px);
}

CairnShapePaint
cairn_shape_append_path (cairo_t               *cr,
                         const CairnAnnotation *a,
                         const CairnLabel      *label,
                         double                 px)
{
  guint n = a->coords ? a->coords->len : 0;

  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      if (n < 4)
        return CAIRN_SHAPE_NONE;
      cairo_rectangle (cr, C (0), C (1), C (2), C (3));
      return CAIRN_SHAPE_AREA;
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      if (n < 5 || C (2) <= 0 || C (3) <= 0)
        return CAIRN_SHAPE_NONE;
      rotated_path (cr, a);
      return CAIRN_SHAPE_AREA;
    case CAIRN_KIND_POLYGON:
      if (n < 6)
        return CAIRN_SHAPE_NONE;
      ring_path (cr, a, TRUE, px);
      return CAIRN_SHAPE_AREA;
    case CAIRN_KIND_POLYLINE:
      if (n < 4)
        return CAIRN_SHAPE_NONE;
      ring_path (cr, a, FALSE, px);
      return CAIRN_SHAPE_LINE;
    case CAIRN_KIND_POINTS:
      if (n < 2)
        return CAIRN_SHAPE_NONE;
      for (guint i = 0; i + 1 < n; i += 2)
        dot (cr, C (i), C (i + 1), CAIRN_SHAPE_POINT_RADIUS * px);
      return CAIRN_SHAPE_AREA;
    case CAIRN_KIND_KEYPOINTS:
      if (n < 3)
        return CAIRN_SHAPE_NONE;
      keypoints_path (cr, a, label, px);
      return CAIRN_SHAPE_LINE;
    case CAIRN_KIND_CUBOID:
      if (n < 16)
        return CAIRN_SHAPE_NONE;
      cuboid_path (cr, a);
      return CAIRN_SHAPE_LINE;
    case CAIRN_KIND_MASK:
      return a->mask != NULL ? CAIRN_SHAPE_MASK : CAIRN_SHAPE_NONE;
    case CAIRN_KIND_TAG:
    case CAIRN_KIND_CLASS:
    case CAIRN_KIND_SPAN:
    case CAIRN_KIND_RELATION:
    case CAIRN_KIND_SEGMENT:
    case CAIRN_KIND_TARGET:
    case CAIRN_N_KINDS:
    default:
      return CAIRN_SHAPE_NONE;
    }
}

static gboolean
mask_hit (const CairnAnnotation *a, double x, double y)
{
  double bx, by, bw, bh;

  /* Inside the mask's extent; the pixels themselves are for the segmentation tools. */
  return cairn_annotation_bounds (a, &bx, &by, &bw, &bh) && x >= bx && y >= by
         && x < bx + bw && y < by + bh;
}

gboolean
cairn_shape_hit (const CairnAnnotation *annotation,
                 const CairnLabel      *label,
                 double                 x,
                 double                 y,
                 double                 px)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  CairnShapePaint paint;
  gboolean hit = FALSE;

  paint = cairn_shape_path (cr, annotation, label, px);
  cairo_set_line_width (cr, 2 * CAIRN_SHAPE_SLOP * px);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (paint == CAIRN_SHAPE_AREA)
    hit = cairo_in_fill (cr, x, y) || cairo_in_stroke (cr, x, y);
  else if (paint == CAIRN_SHAPE_LINE)
    hit = cairo_in_stroke (cr, x, y) || (annotation->kind == CAIRN_KIND_KEYPOINTS
                                         && cairo_in_fill (cr, x, y));
  else if (paint == CAIRN_SHAPE_MASK)
    hit = mask_hit (annotation, x, y);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hit;
}

/* A rotated box's or an ellipse's half extents (a box's half size, an ellipse's radii). */
static void
half_extents (const CairnAnnotation *a, double *hw, double *hh)
{
  double k = a->kind == CAIRN_KIND_RBOX ? 0.5 : 1.0;

  *hw = k * C (2);
  *hh = k * C (3);
}

/* From the shape's own frame (centre at 0, unrotated) to the image. */
static void
rotated_to_image (const CairnAnnotation *a, double lx, double ly, double *x, double *y)
{
  double t = C (4) * G_PI / 180.0;

  *x = C (0) + lx * cos (t) - ly * sin (t);
  *y = C (1) + lx * sin (t) + ly * cos (t);
}

/* Corners top-left, top-right, bottom-right, bottom-left, then the rotation handle, a stalk
 * above the top edge, as long on screen whatever the zoom. */
static void
rotated_handles (const CairnAnnotation *a, GArray *handles, double px)
{
  static const double corners[] = { -1, -1, 1, -1, 1, 1, -1, 1 };
  double hw, hh, xy[2];

  half_extents (a, &hw, &hh);
  for (guint i = 0; i < 8; i += 2)
    {
      rotated_to_image (a, corners[i] * hw, corners[i + 1] * hh, &xy[0], &xy[1]);
      g_array_append_vals (handles, xy, 2);
    }
  rotated_to_image (a, 0, -hh - CAIRN_SHAPE_ROTATE_STALK * px, &xy[0], &xy[1]);
  g_array_append_vals (handles, xy, 2);
}

/* A corner dragged: the opposite one stays where it is on the image, the angle too. */
static void
move_rotated_corner (CairnAnnotation *a, guint handle, double x, double y)
{
  double *c = (double *) a->coords->data;
  double t = c[4] * G_PI / 180.0, hw, hh, ox, oy, dx, dy, lx, ly;
  static const double signs[] = { -1, -1, 1, -1, 1, 1, -1, 1 };

  half_extents (a, &hw, &hh);
  rotated_to_image (a, -signs[2 * handle] * hw, -signs[2 * handle + 1] * hh, &ox, &oy);
  dx = x - ox;
  dy = y - oy;
  /* The drag in the shape's frame gives the new size. */
  lx = dx * cos (t) + dy * sin (t);
  ly = -dx * sin (t) + dy * cos (t);
  c[0] = (ox + x) / 2;
  c[1] = (oy + y) / 2;
  c[2] = fabs (lx) * (a->kind == CAIRN_KIND_RBOX ? 1.0 : 0.5);
  c[3] = fabs (ly) * (a->kind == CAIRN_KIND_RBOX ? 1.0 : 0.5);
}

/* The rotation handle points the shape's top at (x, y): 0° is up, clockwise positive. */
static void
rotate_towards (CairnAnnotation *a, double x, double y)
{
  double *c = (double *) a->coords->data;
  double angle = atan2 (x - c[0], -(y - c[1])) * 180.0 / G_PI;

  c[4] = angle < 0 ? angle + 360 : angle;
}

void
cairn_shape_snap_angle (CairnAnnotation *a,
                        double           step)
{
  double *c;

  if ((a->kind != CAIRN_KIND_RBOX && a->kind != CAIRN_KIND_ELLIPSE) || a->coords->len < 5)
    return;
  c = (double *) a->coords->data;
  c[4] = fmod (round (c[4] / step) * step, 360.0);
}

GArray *
cairn_shape_handles (const CairnAnnotation *a,
                     double                 px)
{
  GArray *handles = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = a->coords ? a->coords->len : 0;

  switch (a->kind)
    {
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      if (n >= 5)
        rotated_handles (a, handles, px);
      break;
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      if (n >= 4)
        {
          double corners[] = { C (0), C (1), C (0) + C (2), C (1), C (0) + C (2), C (1) + C (3),
                               C (0), C (1) + C (3) };
          g_array_append_vals (handles, corners, G_N_ELEMENTS (corners));
        }
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_CUBOID:
      g_array_append_vals (handles, a->coords->data, n - n % 2);
      break;
    case CAIRN_KIND_KEYPOINTS:
      for (guint i = 0; i + 2 < n; i += 3)
        g_array_append_vals (handles, &C (i), 2);
      break;
    default:
      break;
    }
  return handles;
}

int
cairn_shape_find_handle (const CairnAnnotation *annotation,
                         double                 x,
                         double                 y,
                         double                 px)
{
  g_autoptr(GArray) handles = cairn_shape_handles (annotation, px);
  int best = -1;
  double best_distance = CAIRN_SHAPE_HANDLE_REACH * px;

  for (guint i = 0; i + 1 < handles->len; i += 2)
    {
      double d = hypot (g_array_index (handles, double, i) - x,
                        g_array_index (handles, double, i + 1) - y);

      if (d <= best_distance)
        {
          best_distance = d;
          best = i / 2;
        }
    }
  return best;
}

void
cairn_shape_move_handle (CairnAnnotation *a,
                         guint            handle,
                         double           x,
                         double           y)
{
  double *c = (double *) a->coords->data;

  switch (a->kind)
    {
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      if (a->coords->len < 5)
        break;
      if (handle < 4)
        move_rotated_corner (a, handle, x, y);
      else if (handle == CAIRN_SHAPE_ROTATE_HANDLE)
        rotate_towards (a, x, y);
      break;
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      if (handle < 4 && a->coords->len >= 4)
        {
          /* The opposite corner stays; dragging past it flips the box. */
          double ox = handle == 0 || handle == 3 ? c[0] + c[2] : c[0];
          double oy = handle == 0 || handle == 1 ? c[1] + c[3] : c[1];

          c[0] = MIN (x, ox);
          c[1] = MIN (y, oy);
          c[2] = fabs (x - ox);
          c[3] = fabs (y - oy);
        }
      break;
    case CAIRN_KIND_KEYPOINTS:
      if (3 * handle + 1 < a->coords->len)
        {
          c[3 * handle] = x;
          c[3 * handle + 1] = y;
        }
      break;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_CUBOID:
      if (2 * handle + 1 < a->coords->len)
        {
          c[2 * handle] = x;
          c[2 * handle + 1] = y;
        }
      break;
    default:
      break;
    }
}

gboolean
cairn_shape_translate (CairnAnnotation *a,
                       double           dx,
                       double           dy)
{
  double *c = (double *) a->coords->data;
  guint stride = a->kind == CAIRN_KIND_KEYPOINTS ? 3 : 2;

  switch (a->kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      if (a->coords->len < 2)
        return FALSE;
      c[0] += dx;
      c[1] += dy;
      return TRUE;
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
    case CAIRN_KIND_POINTS:
    case CAIRN_KIND_KEYPOINTS:
    case CAIRN_KIND_CUBOID:
      for (guint i = 0; i + 1 < a->coords->len; i += stride)
        {
          c[i] += dx;
          c[i + 1] += dy;
        }
      return TRUE;
    default:
      return FALSE;
    }
}

static double
segment_distance (double px, double py, double ax, double ay, double bx, double by, double *t)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;

  *t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;
  return hypot (px - (ax + *t * dx), py - (ay + *t * dy));
}

/* The ring a point index is in, and that ring's first point. */
static guint
ring_of (const CairnAnnotation *a, guint point, guint *first)
{
  guint start = 0;

  for (guint r = 0; r < a->rings->len; r++)
    {
      guint n = g_array_index (a->rings, guint, r);

      if (point < start + n)
        {
          *first = start;
          return r;
        }
      start += n;
    }
  *first = 0;
  return 0;
}

gboolean
cairn_shape_insert_vertex (CairnAnnotation *a,
                           double           x,
                           double           y,
                           double           tolerance)
{
  gboolean closed = a->kind == CAIRN_KIND_POLYGON;
  guint best_after = 0, start = 0;
  double best = tolerance, t;
  gboolean found = FALSE;
  double point[2] = { x, y };

  if ((a->kind != CAIRN_KIND_POLYGON && a->kind != CAIRN_KIND_POLYLINE) || a->rings->len == 0)
    return FALSE;
  for (guint r = 0; r < a->rings->len; r++)
    {
      guint n = g_array_index (a->rings, guint, r);

      for (guint i = 0; i < n; i++)
        {
          guint j = i + 1 == n ? 0 : i + 1;
          double d;

          if (j == 0 && !closed)
            break;
          d = segment_distance (x, y, C (2 * (start + i)), C (2 * (start + i) + 1),
                                C (2 * (start + j)), C (2 * (start + j) + 1), &t);
          if (d <= best && t > 0 && t < 1)
            {
              best = d;
              best_after = start + i;
              found = TRUE;
            }
        }
      start += n;
    }
  if (!found)
    return FALSE;
  {
    guint first;
    guint r = ring_of (a, best_after, &first);

    g_array_insert_vals (a->coords, 2 * (best_after + 1), point, 2);
    g_array_index (a->rings, guint, r)++;
  }
  return TRUE;
}

gboolean
cairn_shape_remove_vertex (CairnAnnotation *a,
                           guint            handle)
{
  guint first, r, min = a->kind == CAIRN_KIND_POLYGON ? 3 : 2;

  if ((a->kind != CAIRN_KIND_POLYGON && a->kind != CAIRN_KIND_POLYLINE) || a->rings->len == 0
      || 2 * handle + 1 >= a->coords->len)
    return FALSE;
  r = ring_of (a, handle, &first);
  if (g_array_index (a->rings, guint, r) <= min)
    return FALSE;
  g_array_remove_range (a->coords, 2 * handle, 2);
  g_array_index (a->rings, guint, r)--;
  return TRUE;
}

/* Outline segments of the kinds that have straight edges, as x0, y0, x1, y1 quadruples. */
static void
edge_segments (const CairnAnnotation *a, GArray *out)
{
  g_autoptr(GArray) corners = NULL;
  guint start = 0;

  if (a->kind == CAIRN_KIND_POLYGON || a->kind == CAIRN_KIND_POLYLINE)
    {
      for (guint r = 0; a->rings != NULL && r < a->rings->len; r++)
        {
          guint n = g_array_index (a->rings, guint, r);

          for (guint i = 0; i < n && 2 * (start + n) <= a->coords->len; i++)
            {
              guint j = i + 1 == n ? 0 : i + 1;

              if (j == 0 && a->kind == CAIRN_KIND_POLYLINE)
                break;
              g_array_append_vals (out, &C (2 * (start + i)), 2);
              g_array_append_vals (out, &C (2 * (start + j)), 2);
            }
          start += n;
        }
      return;
    }
  if (a->kind != CAIRN_KIND_BOX && a->kind != CAIRN_KIND_OCR && a->kind != CAIRN_KIND_RBOX)
    return;
  corners = cairn_shape_handles (a, 1.0);
  for (guint i = 0; i < 4 && corners->len >= 8; i++)
    {
      guint j = (i + 1) % 4;

      g_array_append_vals (out, &g_array_index (corners, double, 2 * i), 2);
      g_array_append_vals (out, &g_array_index (corners, double, 2 * j), 2);
    }
}

gboolean
cairn_shape_snap_point (const CairnAnnotation *a,
                        double                 x,
                        double                 y,
                        double                 reach,
                        double                *snap_x,
                        double                *snap_y,
                        double                *distance)
{
  g_autoptr(GArray) handles = cairn_shape_handles (a, 1.0);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean found = FALSE;
  double best = reach;

  /* A rotated shape's last handle turns it: not a point of its outline. */
  guint n_handles = a->kind == CAIRN_KIND_RBOX || a->kind == CAIRN_KIND_ELLIPSE
                      ? MIN (handles->len, 8) : handles->len;

  for (guint i = 0; i + 1 < n_handles; i += 2)
    {
      double hx = g_array_index (handles, double, i), hy = g_array_index (handles, double, i + 1);
      double d = hypot (hx - x, hy - y);

      if (d <= best)
        {
          best = d;
          *snap_x = hx;
          *snap_y = hy;
          found = TRUE;
        }
    }
  /* Vertices win: an edge only when no vertex is in reach. */
  edge_segments (a, edges);
  for (guint i = 0; !found && i + 3 < edges->len; i += 4)
    {
      const double *e = &g_array_index (edges, double, i);
      double t, d = segment_distance (x, y, e[0], e[1], e[2], e[3], &t);

      if (d <= best)
        {
          best = d;
          *snap_x = e[0] + t * (e[2] - e[0]);
          *snap_y = e[1] + t * (e[3] - e[1]);
        }
    }
  if (!found && best < reach)
    found = TRUE;
  if (found)
    *distance = best;
  return found;
}
