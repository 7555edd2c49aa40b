#define G_LOG_DOMAIN "cairn-scissors-tool"

#include <glib/gi18n.h>
#include <math.h>

#include "mask/cairn-contour.h"
#include "mask/cairn-livewire.h"
#include "mask/cairn-mask-paint.h"
#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"
#include "cairn-draw-overlay.h"
#include "cairn-scissors-tool.h"

struct _CairnScissorsTool
{
  GObject        parent_instance;
  CairnImage    *image;          /* the picture the edge map is for */
  CairnLivewire *wire;           /* NULL until computed */
  GCancellable  *cancellable;
  CairnLivewireTree *tree;       /* the paths from the last anchor; NULL while they grow */
  GCancellable  *growing;
  double         pointer_x;      /* where the live path goes, again when the tree comes */
  double         pointer_y;
  CairnCanvas   *canvas;         /* while active, not a reference */
  GArray        *points;         /* double x, y: the outline so far */
  GArray        *anchors;        /* guint: the point each anchor is */
  GArray        *live;           /* double x, y: from the last anchor to the pointer */
  gboolean       swallow_release;
};

static void cairn_scissors_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnScissorsTool, cairn_scissors_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL,
                                                      cairn_scissors_tool_tool_init))

/* Screen pixels: a click this near the first anchor closes the outline. */
#define CLOSE_REACH 8.0
/* Image pixels: how far the outline may stray from the pixel path when simplified. */
#define SIMPLIFY 0.7

static guint
n_anchors (CairnScissorsTool *self)
{
  return self->anchors->len;
}

static void
anchor_point (CairnScissorsTool *self, guint anchor, double *x, double *y)
{
  guint i = g_array_index (self->anchors, guint, anchor);

  *x = g_array_index (self->points, double, 2 * i);
  *y = g_array_index (self->points, double, 2 * i + 1);
}

static void
stop_growing (CairnScissorsTool *self)
{
  if (self->growing != NULL)
    g_cancellable_cancel (self->growing);
  g_clear_object (&self->growing);
  g_clear_pointer (&self->tree, cairn_livewire_tree_free);
}

static void update_live (CairnScissorsTool *self);

static void
on_tree_grown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CairnScissorsTool) self = user_data;
  g_autoptr(GError) error = NULL;
  CairnLivewireTree *tree = cairn_livewire_grow_finish (result, &error);

  /* Cancelled (a newer anchor, another picture): a newer tree is on its way, or none. */
  if (tree == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      cairn_livewire_tree_free (tree);
      return;
    }
  g_clear_object (&self->growing);
  self->tree = tree;
  update_live (self);
}

/* The tree of the last anchor grows in a thread; till then paths are straight. */
static void
grow_from_last (CairnScissorsTool *self)
{
  double x, y;

  stop_growing (self);
  if (self->wire == NULL || n_anchors (self) == 0)
    return;
  anchor_point (self, n_anchors (self) - 1, &x, &y);
  self->growing = g_cancellable_new ();
  cairn_livewire_grow_async (self->wire, (int) floor (x), (int) floor (y), self->growing,
                             on_tree_grown_cb, g_object_ref (self));
}

/* Placing an anchor before the last one's tree came: it is grown here, so the outline follows
 * the edges however fast the clicks (a click may wait; a pointer move never does). */
static void
ensure_tree (CairnScissorsTool *self)
{
  double x, y;

  if (self->tree != NULL || self->wire == NULL || n_anchors (self) == 0)
    return;
  stop_growing (self);
  anchor_point (self, n_anchors (self) - 1, &x, &y);
  self->tree = cairn_livewire_grow (self->wire, (int) floor (x), (int) floor (y), NULL);
}

/* The path from the last anchor to (x, y): along the edges, or straight while the edge map
 * is not there. Starts with the anchor itself. */
static GArray *
path_to (CairnScissorsTool *self, double x, double y)
{
  GArray *path;
  double ax, ay;

  anchor_point (self, n_anchors (self) - 1, &ax, &ay);
  if (self->tree != NULL)
    {
      path = cairn_livewire_tree_path_to (self->tree, (int) floor (x), (int) floor (y));
      if (path->len >= 2)
        return path;
      g_array_unref (path);
    }
  path = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (path, (double[]) { ax, ay, x, y }, 4);
  return path;
}

static void
on_wire_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CairnScissorsTool) self = user_data;
  g_autoptr(GError) error = NULL;
  CairnLivewire *wire = cairn_livewire_new_finish (result, &error);

  if (wire == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Edge map: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      cairn_livewire_unref (wire);
      return;
    }
  self->wire = wire;
  grow_from_last (self);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
forget_image (CairnScissorsTool *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_growing (self);
  g_clear_pointer (&self->wire, cairn_livewire_unref);
  g_clear_pointer (&self->image, cairn_image_unref);
}

/* The edge map follows the canvas's picture; it is computed once per picture. */
static void
ensure_wire (CairnScissorsTool *self, CairnCanvas *canvas)
{
  CairnImage *image = cairn_canvas_get_image (canvas);
  CairnPixels pixels;

  if (image == self->image)
    return;
  forget_image (self);
  if (image == NULL || !cairn_canvas_get_pixels (canvas, &pixels))
    return;
  /* The image holds the pixels the thread reads: it is kept until the map is made. */
  self->image = cairn_image_ref (image);
  self->cancellable = g_cancellable_new ();
  cairn_livewire_new_async (&pixels, self->cancellable, on_wire_ready_cb, g_object_ref (self));
}

static void
clear_outline (CairnScissorsTool *self, CairnCanvas *canvas)
{
  stop_growing (self);
  g_array_set_size (self->points, 0);
  g_array_set_size (self->anchors, 0);
  g_array_set_size (self->live, 0);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static gboolean
cairn_scissors_tool_cancel (CairnTool   *tool,
                            CairnCanvas *canvas)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);
  gboolean had = n_anchors (self) > 0;

  clear_outline (self, canvas);
  return had;
}

static void
add_path (CairnScissorsTool *self, GArray *path)
{
  /* Its first point is the last anchor, there already. */
  if (path->len > 2)
    g_array_append_vals (self->points, (double *) path->data + 2, path->len - 2);
}

static gboolean
wants_polygon (CairnCanvas *canvas)
{
  const CairnLabel *label = cairn_canvas_get_label (canvas,
                                                    cairn_canvas_get_current_label_id (canvas));

  return label == NULL || cairn_label_allows (label, CAIRN_KIND_POLYGON)
         || !cairn_label_allows (label, CAIRN_KIND_MASK);
}

static gboolean
finish_as (CairnScissorsTool *self, CairnCanvas *canvas, gboolean mask)
{
  g_autoptr(GArray) closing = NULL;
  g_autoptr(GArray) ring = NULL;
  double x, y;
  guint n;

  if (n_anchors (self) < 2)
    return n_anchors (self) > 0;
  anchor_point (self, 0, &x, &y);
  ensure_tree (self);
  closing = path_to (self, x, y);
  add_path (self, closing);
  /* The closing path ends on the first anchor: the ring does not repeat it. */
  if (self->points->len >= 4)
    g_array_set_size (self->points, self->points->len - 2);
  ring = cairn_contour_simplify (self->points, SIMPLIFY);
  n = ring->len / 2;
  clear_outline (self, canvas);
  if (n < 3)
    return TRUE;
  if (mask)
    {
      CairnMaskRect changed = { 0 };

      if (cairn_canvas_mask_begin (canvas, CAIRN_MASK_PAINT, x, y))
        {
          cairn_mask_fill_polygon (cairn_canvas_mask_get_bits (canvas), (double *) ring->data, &n,
                                   1, 1, &changed);
          cairn_canvas_mask_changed (canvas, &changed);
          cairn_canvas_mask_commit (canvas, CAIRN_EDIT_VERB_FILL);
        }
    }
  else
    {
      g_autoptr(CairnAnnotation) polygon = NULL;
      g_autoptr(CairnEdit) edit = NULL;

      polygon = cairn_canvas_new_annotation (canvas, CAIRN_KIND_POLYGON);
      cairn_annotation_add_ring (polygon, (double *) ring->data, n);
      edit = cairn_edit_new_create (polygon);
      cairn_canvas_commit_edit (canvas, edit);
    }
  return TRUE;
}

static gboolean
cairn_scissors_tool_finish (CairnTool   *tool,
                            CairnCanvas *canvas)
{
  return finish_as (CAIRN_SCISSORS_TOOL (tool), canvas, !wants_polygon (canvas));
}

static gboolean
cairn_scissors_tool_back (CairnTool   *tool,
                          CairnCanvas *canvas)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);
  guint n = n_anchors (self);

  if (n == 0)
    return FALSE;
  if (n == 1)
    clear_outline (self, canvas);
  else
    {
      g_array_set_size (self->points, 2 * (g_array_index (self->anchors, guint, n - 2) + 1));
      g_array_set_size (self->anchors, n - 1);
      grow_from_last (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static gboolean
cairn_scissors_tool_press (CairnTool            *tool,
                           CairnCanvas          *canvas,
                           const CairnToolEvent *event)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  ensure_wire (self, canvas);
  self->swallow_release = FALSE;
  if (event->n_press == 2 && n_anchors (self) >= 2)
    {
      self->swallow_release = TRUE;
      finish_as (self, canvas, (event->modifiers & GDK_SHIFT_MASK) || !wants_polygon (canvas));
    }
  return TRUE;
}

static void
cairn_scissors_tool_release (CairnTool            *tool,
                             CairnCanvas          *canvas,
                             const CairnToolEvent *event)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);
  double x = event->x, y = event->y, fx, fy;
  guint index;

  if (self->swallow_release)
    {
      self->swallow_release = FALSE;
      return;
    }
  cairn_canvas_clamp_to_image (canvas, &x, &y);
  if (n_anchors (self) >= 2)
    {
      anchor_point (self, 0, &fx, &fy);
      if (hypot (fx - x, fy - y) * cairn_canvas_get_zoom (canvas) <= CLOSE_REACH)
        {
          cairn_scissors_tool_finish (tool, canvas);
          return;
        }
    }
  if (n_anchors (self) == 0)
    {
      int w, h;
      double p[2];

      /* On a pixel's centre, where the paths start and end. */
      cairn_canvas_get_image_size (canvas, &w, &h);
      p[0] = MIN (floor (x), w - 1) + 0.5;
      p[1] = MIN (floor (y), h - 1) + 0.5;

      g_array_append_vals (self->points, p, 2);
    }
  else
    {
      g_autoptr(GArray) path = NULL;

      ensure_tree (self);
      path = path_to (self, x, y);
      add_path (self, path);
    }
  index = self->points->len / 2 - 1;
  g_array_append_val (self->anchors, index);
  grow_from_last (self);
  g_array_set_size (self->live, 0);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_scissors_tool_motion (CairnTool            *tool,
                            CairnCanvas          *canvas,
                            const CairnToolEvent *event)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);
  double x = event->x, y = event->y;

  if (n_anchors (self) == 0)
    return;
  cairn_canvas_clamp_to_image (canvas, &x, &y);
  self->pointer_x = x;
  self->pointer_y = y;
  update_live (self);
}

static void
update_live (CairnScissorsTool *self)
{
  if (n_anchors (self) == 0)
    return;
  g_array_unref (self->live);
  self->live = path_to (self, self->pointer_x, self->pointer_y);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
cairn_scissors_tool_activate (CairnTool   *tool,
                              CairnCanvas *canvas)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);

  self->canvas = canvas;
  ensure_wire (self, canvas);
}

static void
cairn_scissors_tool_deactivate (CairnTool   *tool,
                                CairnCanvas *canvas)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);

  cairn_scissors_tool_cancel (tool, canvas);
  self->canvas = NULL;
}

static void
line_through (cairo_t *cr, GArray *points)
{
  const double *p = (const double *) points->data;

  for (guint i = 0; i < points->len / 2; i++)
    (i == 0 ? cairo_move_to : cairo_line_to) (cr, p[2 * i], p[2 * i + 1]);
}

static void
cairn_scissors_tool_draw_overlay (CairnTool   *tool,
                                  CairnCanvas *canvas,
                                  cairo_t     *cr,
                                  double       zoom)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (tool);
  double r, g, b;

  cairn_draw_guides (canvas, cr, zoom);
  if (n_anchors (self) == 0)
    return;
  cairn_canvas_get_current_colour (canvas, &r, &g, &b);
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  line_through (cr, self->points);
  cairo_set_line_width (cr, 2.5 / zoom);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_stroke (cr);
  if (self->live->len >= 4)
    {
      line_through (cr, self->live);
      cairn_draw_pending (canvas, cr, zoom);
    }
  for (guint i = 0; i < n_anchors (self); i++)
    {
      double x, y, s = (i == 0 ? 9.0 : 6.0) / zoom;

      anchor_point (self, i, &x, &y);
      cairo_rectangle (cr, x - s / 2, y - s / 2, s, s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5 / zoom);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static const char *
cairn_scissors_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_scissors_tool_tool_init (CairnToolInterface *iface)
{
  iface->activate = cairn_scissors_tool_activate;
  iface->deactivate = cairn_scissors_tool_deactivate;
  iface->cancel = cairn_scissors_tool_cancel;
  iface->finish = cairn_scissors_tool_finish;
  iface->back = cairn_scissors_tool_back;
  iface->press = cairn_scissors_tool_press;
  iface->release = cairn_scissors_tool_release;
  iface->motion = cairn_scissors_tool_motion;
  iface->draw_overlay = cairn_scissors_tool_draw_overlay;
  iface->get_cursor_name = cairn_scissors_tool_get_cursor_name;
}

static void
cairn_scissors_tool_dispose (GObject *object)
{
  forget_image (CAIRN_SCISSORS_TOOL (object));
  G_OBJECT_CLASS (cairn_scissors_tool_parent_class)->dispose (object);
}

static void
cairn_scissors_tool_finalize (GObject *object)
{
  CairnScissorsTool *self = CAIRN_SCISSORS_TOOL (object);

  g_array_unref (self->points);
  g_array_unref (self->anchors);
  g_array_unref (self->live);
  G_OBJECT_CLASS (cairn_scissors_tool_parent_class)->finalize (object);
}

static void
cairn_scissors_tool_class_init (CairnScissorsToolClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_scissors_tool_dispose;
  G_OBJECT_CLASS (klass)->finalize = cairn_scissors_tool_finalize;
}

static void
cairn_scissors_tool_init (CairnScissorsTool *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->anchors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->live = g_array_new (FALSE, FALSE, sizeof (double));
}

CairnTool *
cairn_scissors_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_SCISSORS_TOOL, NULL);
}

gboolean
cairn_scissors_tool_is_ready (CairnScissorsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SCISSORS_TOOL (self), FALSE);
  return self->wire != NULL;
}

gboolean
cairn_scissors_tool_is_tracing (CairnScissorsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SCISSORS_TOOL (self), FALSE);
  return self->tree != NULL;
}

const GArray *
cairn_scissors_tool_get_live_path (CairnScissorsTool *self)
{
  g_return_val_if_fail (CAIRN_IS_SCISSORS_TOOL (self), NULL);
  return self->live;
}

gboolean
cairn_scissors_tool_finish_mask (CairnScissorsTool *self,
                                 CairnCanvas       *canvas)
{
  g_return_val_if_fail (CAIRN_IS_SCISSORS_TOOL (self), FALSE);
  return finish_as (self, canvas, TRUE);
}
