#define G_LOG_DOMAIN "cairn-keypoints-tool"

#include <glib/gi18n.h>

#include "cairn-canvas.h"
#include "cairn-canvas-shapes.h"
#include "cairn-draw-overlay.h"
#include "cairn-keypoints-tool.h"

struct _CairnKeypointsTool
{
  GObject  parent_instance;
  GArray  *coords;     /* x, y, v per point placed so far */
  gint64   label_id;   /* whose skeleton is being placed */
};

static void cairn_keypoints_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnKeypointsTool, cairn_keypoints_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL,
                                                      cairn_keypoints_tool_tool_init))

static const CairnLabel *
skeleton (CairnKeypointsTool *self, CairnCanvas *canvas)
{
  const CairnLabel *label = cairn_canvas_get_label (canvas,
                                                    cairn_canvas_get_current_label_id (canvas));

  return label != NULL && label->points != NULL && label->points->len > 0 ? label : NULL;
}

static guint
n_placed (CairnKeypointsTool *self)
{
  return self->coords->len / 3;
}

static gboolean
cairn_keypoints_tool_cancel (CairnTool   *tool,
                             CairnCanvas *canvas)
{
  CairnKeypointsTool *self = CAIRN_KEYPOINTS_TOOL (tool);
  gboolean had = self->coords->len > 0;

  g_array_set_size (self->coords, 0);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return had;
}

/* The rest of the skeleton left out, and the keypoints saved if any is seen. */
static gboolean
cairn_keypoints_tool_finish (CairnTool   *tool,
                             CairnCanvas *canvas)
{
  CairnKeypointsTool *self = CAIRN_KEYPOINTS_TOOL (tool);
  const CairnLabel *label = skeleton (self, canvas);
  g_autoptr(CairnAnnotation) keypoints = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  gboolean seen = FALSE;

  if (label == NULL || self->coords->len == 0)
    return FALSE;
  while (n_placed (self) < label->points->len)
    {
      double none[3] = { 0, 0, 0 };
      g_array_append_vals (self->coords, none, 3);
    }
  for (guint i = 2; i < self->coords->len; i += 3)
    seen |= g_array_index (self->coords, double, i) > 0;
  if (seen)
    {
      keypoints = cairn_canvas_new_annotation (canvas, CAIRN_KIND_KEYPOINTS);
      cairn_annotation_set_coords (keypoints, (const double *) self->coords->data,
                                   self->coords->len);
      edit = cairn_edit_new_create (keypoints);
      cairn_canvas_commit_edit (canvas, edit);
    }
  g_array_set_size (self->coords, 0);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static void
place (CairnKeypointsTool *self, CairnCanvas *canvas, double x, double y, double v)
{
  const CairnLabel *label = skeleton (self, canvas);
  double point[3] = { x, y, v };

  if (label == NULL)
    {
      cairn_canvas_show_notice (canvas, _("Keypoints follow a label’s skeleton: choose a label "
                                          "that has one"));
      return;
    }
  /* Another label was chosen half way: its skeleton starts afresh. */
  if (label->id != self->label_id)
    {
      g_array_set_size (self->coords, 0);
      self->label_id = label->id;
    }
  g_array_append_vals (self->coords, point, 3);
  if (n_placed (self) >= label->points->len)
    cairn_keypoints_tool_finish (CAIRN_TOOL (self), canvas);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

gboolean
cairn_keypoints_tool_skip (CairnKeypointsTool *self,
                           CairnCanvas        *canvas)
{
  g_return_val_if_fail (CAIRN_IS_KEYPOINTS_TOOL (self), FALSE);
  place (self, canvas, 0, 0, 0);
  return TRUE;
}

static gboolean
cairn_keypoints_tool_back (CairnTool   *tool,
                           CairnCanvas *canvas)
{
  CairnKeypointsTool *self = CAIRN_KEYPOINTS_TOOL (tool);

  if (self->coords->len == 0)
    return FALSE;
  g_array_set_size (self->coords, self->coords->len - 3);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return TRUE;
}

static gboolean
cairn_keypoints_tool_press (CairnTool            *tool,
                            CairnCanvas          *canvas,
                            const CairnToolEvent *event)
{
  return event->button == GDK_BUTTON_PRIMARY;
}

static void
cairn_keypoints_tool_release (CairnTool            *tool,
                              CairnCanvas          *canvas,
                              const CairnToolEvent *event)
{
  double x = event->x, y = event->y;

  cairn_canvas_clamp_to_image (canvas, &x, &y);
  place (CAIRN_KEYPOINTS_TOOL (tool), canvas, x, y, 2);
}

static void
cairn_keypoints_tool_motion (CairnTool            *tool,
                             CairnCanvas          *canvas,
                             const CairnToolEvent *event)
{
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_keypoints_tool_deactivate (CairnTool   *tool,
                                 CairnCanvas *canvas)
{
  cairn_keypoints_tool_cancel (tool, canvas);
}

/* What is placed so far, drawn as the finished keypoints will be, and the name of the point
 * the next click places. */
static void
cairn_keypoints_tool_draw_overlay (CairnTool   *tool,
                                   CairnCanvas *canvas,
                                   cairo_t     *cr,
                                   double       zoom)
{
  CairnKeypointsTool *self = CAIRN_KEYPOINTS_TOOL (tool);
  const CairnLabel *label = skeleton (self, canvas);
  g_autoptr(CairnAnnotation) partial = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);
  double x, y;

  cairn_draw_guides (canvas, cr, zoom);
  if (label == NULL)
    return;
  cairn_annotation_set_coords (partial, (const double *) self->coords->data, self->coords->len);
  cairo_save (cr);
  if (cairn_shape_path (cr, partial, label, 1.0 / zoom) != CAIRN_SHAPE_NONE)
    cairn_draw_pending (canvas, cr, zoom);
  cairo_restore (cr);
  if (n_placed (self) < label->points->len && cairn_canvas_get_pointer (canvas, &x, &y))
    {
      g_autofree char *next = g_strdup_printf ("%s (%u/%u)",
                                               (const char *) label->points->pdata[n_placed (self)],
                                               n_placed (self) + 1, label->points->len);
      PangoLayout *layout = pango_cairo_create_layout (cr);

      cairo_save (cr);
      cairo_user_to_device (cr, &x, &y);
      cairo_identity_matrix (cr);
      pango_layout_set_text (layout, next, -1);
      cairo_move_to (cr, x + 12, y + 12);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
      cairo_set_line_width (cr, 3);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
      cairo_restore (cr);
      g_object_unref (layout);
    }
}

static const char *
cairn_keypoints_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_keypoints_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_keypoints_tool_deactivate;
  iface->cancel = cairn_keypoints_tool_cancel;
  iface->finish = cairn_keypoints_tool_finish;
  iface->back = cairn_keypoints_tool_back;
  iface->press = cairn_keypoints_tool_press;
  iface->release = cairn_keypoints_tool_release;
  iface->motion = cairn_keypoints_tool_motion;
  iface->draw_overlay = cairn_keypoints_tool_draw_overlay;
  iface->get_cursor_name = cairn_keypoints_tool_get_cursor_name;
}

static void
cairn_keypoints_tool_finalize (GObject *object)
{
  g_array_unref (CAIRN_KEYPOINTS_TOOL (object)->coords);
  G_OBJECT_CLASS (cairn_keypoints_tool_parent_class)->finalize (object);
}

static void
cairn_keypoints_tool_class_init (CairnKeypointsToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_keypoints_tool_finalize;
}

static void
cairn_keypoints_tool_init (CairnKeypointsTool *self)
{
  self->coords = g_array_new (FALSE, FALSE, sizeof (double));
}

CairnTool *
cairn_keypoints_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_KEYPOINTS_TOOL, NULL);
}
