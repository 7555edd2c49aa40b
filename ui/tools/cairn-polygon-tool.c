#define G_LOG_DOMAIN "cairn-polygon-tool"

#include <math.h>

#include "cairn-canvas.h"
#include "cairn-draw-overlay.h"
#include "cairn-polygon-tool.h"

struct _CairnPolygonTool
{
  GObject  parent_instance;
  CairnKind kind;           /* polygon, polyline or points */
  GArray  *points;          /* double x, y pairs, image pixels */
  gboolean swallow_release; /* the second press of a double click finished the polygon */
  gint64   target_id;       /* Shift at the first vertex: the ring goes into this shape */
  gboolean snapping;        /* Ctrl held at the last pointer move */
};

static void cairn_polygon_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnPolygonTool, cairn_polygon_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL,
                                                      cairn_polygon_tool_tool_init))

/* A click this near (screen pixels) the first vertex closes the polygon; this near the last
 * one adds nothing (the two clicks of a double click). */
#define CLOSE_REACH 8.0
#define SAME_POINT 2.0

static guint
n_points (CairnPolygonTool *self)
{
  return self->points->len / 2;
}

static double
distance_to (CairnPolygonTool *self, guint i, double x, double y)
{
  return hypot (g_array_index (self->points, double, 2 * i) - x,
                g_array_index (self->points, double, 2 * i + 1) - y);
}

/* Fewer is not a shape yet. */
static guint
min_points (CairnPolygonTool *self)
{
  return self->kind == CAIRN_KIND_POLYGON ? 3 : self->kind == CAIRN_KIND_POLYLINE ? 2 : 1;
}

static gboolean
near_first (CairnPolygonTool *self, CairnCanvas *canvas, double x, double y)
{
  return self->kind == CAIRN_KIND_POLYGON && n_points (self) >= 3
         && distance_to (self, 0, x, y) * cairn_canvas_get_zoom (canvas) <= CLOSE_REACH;
}

static gboolean
cairn_polygon_tool_cancel (CairnTool   *tool,
                           CairnCanvas *canvas)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);
  gboolean had = self->points->len > 0;

  g_array_set_size (self->points, 0);
  self->target_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return had;
}

/* The ring drawn goes into the shape chosen at its first vertex, as one edit: inside a
 * polygon it is a hole (rings fill even-odd), outside it another part; a line gets another
 * stroke. FALSE when that shape went meanwhile (the ring is then a shape of its own). */
static gboolean
add_ring (CairnPolygonTool *self, CairnCanvas *canvas)
{
  const CairnAnnotation *target = cairn_canvas_get_annotation (canvas, self->target_id);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  self->target_id = 0;
  if (target == NULL)
    return FALSE;
  after = cairn_annotation_copy (target);
  cairn_annotation_add_ring (after, (const double *) self->points->data, n_points (self));
  g_array_set_size (self->points, 0);
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RESHAPE, target, after);
  cairn_canvas_commit_edit (canvas, edit);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

/* Shift at the first vertex, with a shape of this kind selected: a ring for it. */
static void
choose_target (CairnPolygonTool *self, CairnCanvas *canvas, GdkModifierType modifiers)
{
  const CairnAnnotation *selected;

  self->target_id = 0;
  if (!(modifiers & GDK_SHIFT_MASK) || self->kind == CAIRN_KIND_POINTS)
    return;
  selected = cairn_canvas_get_annotation (canvas, cairn_canvas_get_selected_id (canvas));
  if (selected != NULL && selected->kind == self->kind)
    self->target_id = selected->id;
}

static gboolean
cairn_polygon_tool_finish (CairnTool   *tool,
                           CairnCanvas *canvas)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);
  g_autoptr(CairnAnnotation) polygon = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (n_points (self) < min_points (self))
    return self->points->len > 0;
  if (self->target_id != 0 && add_ring (self, canvas))
    return TRUE;
  polygon = cairn_canvas_new_annotation (canvas, self->kind);
  if (self->kind == CAIRN_KIND_POINTS)
    cairn_annotation_set_coords (polygon, (const double *) self->points->data,
                                 self->points->len);
  else
    cairn_annotation_add_ring (polygon, (const double *) self->points->data, n_points (self));
  g_array_set_size (self->points, 0);
  edit = cairn_edit_new_create (polygon);
  cairn_canvas_commit_edit (canvas, edit);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static gboolean
cairn_polygon_tool_back (CairnTool   *tool,
                         CairnCanvas *canvas)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);

  if (self->points->len == 0)
    return FALSE;
  g_array_set_size (self->points, self->points->len - 2);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static gboolean
cairn_polygon_tool_press (CairnTool            *tool,
                          CairnCanvas          *canvas,
                          const CairnToolEvent *event)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  self->swallow_release = FALSE;
  if (event->n_press == 2 && n_points (self) >= min_points (self))
    {
      self->swallow_release = TRUE;
      cairn_polygon_tool_finish (tool, canvas);
    }
  return TRUE;
}

static void
cairn_polygon_tool_release (CairnTool            *tool,
                            CairnCanvas          *canvas,
                            const CairnToolEvent *event)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);
  double x = event->x, y = event->y;
  guint n = n_points (self);

  if (self->swallow_release)
    {
      self->swallow_release = FALSE;
      return;
    }
  /* Ctrl puts the vertex on the nearest vertex or edge of a shape (the one a ring goes into
   * too: parts may touch). */
  if (event->modifiers & GDK_CONTROL_MASK)
    cairn_canvas_snap (canvas, 0, &x, &y);
  cairn_canvas_clamp_to_image (canvas, &x, &y);
  if (n == 0)
    choose_target (self, canvas, event->modifiers);
  if (near_first (self, canvas, x, y))
    {
      cairn_polygon_tool_finish (tool, canvas);
      return;
    }
  if (n > 0 && distance_to (self, n - 1, x, y) * cairn_canvas_get_zoom (canvas) < SAME_POINT)
    return;
  g_array_append_val (self->points, x);
  g_array_append_val (self->points, y);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_polygon_tool_motion (CairnTool            *tool,
                           CairnCanvas          *canvas,
                           const CairnToolEvent *event)
{
  CAIRN_POLYGON_TOOL (tool)->snapping = (event->modifiers & GDK_CONTROL_MASK) != 0;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_polygon_tool_deactivate (CairnTool   *tool,
                               CairnCanvas *canvas)
{
  cairn_polygon_tool_cancel (tool, canvas);
}

static void
cairn_polygon_tool_draw_overlay (CairnTool   *tool,
                                 CairnCanvas *canvas,
                                 cairo_t     *cr,
                                 double       zoom)
{
  CairnPolygonTool *self = CAIRN_POLYGON_TOOL (tool);
  const double *p = (const double *) self->points->data;
  guint n = n_points (self);
  double x, y, r, g, b;
  gboolean pointer = cairn_canvas_get_pointer (canvas, &x, &y);
  gboolean snapped = pointer && self->snapping && cairn_canvas_snap (canvas, 0, &x, &y);
  gboolean closing = pointer && near_first (self, canvas, x, y);

  cairn_draw_guides (canvas, cr, zoom);
  /* Where a Ctrl+click would put the vertex. */
  if (snapped)
    {
      cairo_save (cr);
      cairo_arc (cr, x, y, 6.0 / zoom, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2.0 / zoom);
      cairo_set_source_rgb (cr, 1, 0.85, 0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  if (n == 0)
    return;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->kind != CAIRN_KIND_POINTS)
    {
      for (guint i = 0; i < n; i++)
        (i == 0 ? cairo_move_to : cairo_line_to) (cr, p[2 * i], p[2 * i + 1]);
      /* The rubber band to the pointer, or back to the first vertex when a click closes. */
      if (closing)
        cairo_close_path (cr);
      else if (pointer)
        cairo_line_to (cr, x, y);
      cairn_draw_pending (canvas, cr, zoom);
    }

  cairn_canvas_get_current_colour (canvas, &r, &g, &b);
  for (guint i = 0; i < n; i++)
    {
      double radius = (i == 0 && closing ? 6.0 : 3.5) / zoom;

      cairo_new_sub_path (cr);
      cairo_arc (cr, p[2 * i], p[2 * i + 1], radius, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5 / zoom);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static const char *
cairn_polygon_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_polygon_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_polygon_tool_deactivate;
  iface->cancel = cairn_polygon_tool_cancel;
  iface->finish = cairn_polygon_tool_finish;
  iface->back = cairn_polygon_tool_back;
  iface->press = cairn_polygon_tool_press;
  iface->release = cairn_polygon_tool_release;
  iface->motion = cairn_polygon_tool_motion;
  iface->draw_overlay = cairn_polygon_tool_draw_overlay;
  iface->get_cursor_name = cairn_polygon_tool_get_cursor_name;
}

static void
cairn_polygon_tool_finalize (GObject *object)
{
  g_array_unref (CAIRN_POLYGON_TOOL (object)->points);
  G_OBJECT_CLASS (cairn_polygon_tool_parent_class)->finalize (object);
}

static void
cairn_polygon_tool_class_init (CairnPolygonToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_polygon_tool_finalize;
}

static void
cairn_polygon_tool_init (CairnPolygonTool *self)
{
  self->kind = CAIRN_KIND_POLYGON;
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
}

CairnTool *
cairn_polygon_tool_new (void)
{
  return cairn_polygon_tool_new_for_kind (CAIRN_KIND_POLYGON);
}

CairnTool *
cairn_polygon_tool_new_for_kind (CairnKind kind)
{
  CairnPolygonTool *self;

  g_return_val_if_fail (kind == CAIRN_KIND_POLYGON || kind == CAIRN_KIND_POLYLINE
                        || kind == CAIRN_KIND_POINTS, NULL);
  self = g_object_new (CAIRN_TYPE_POLYGON_TOOL, NULL);
  self->kind = kind;
  return CAIRN_TOOL (self);
}
