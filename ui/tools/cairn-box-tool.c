#define G_LOG_DOMAIN "cairn-box-tool"

#include <math.h>

#include "cairn-box-tool.h"
#include "cairn-canvas.h"
#include "cairn-draw-overlay.h"

struct _CairnBoxTool
{
  GObject   parent_instance;
  CairnKind kind;     /* box, rotated box, ellipse or OCR box: all drawn corner to corner */
  gboolean  drawing;
  CairnDragRect rect;
};

static void cairn_box_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnBoxTool, cairn_box_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_box_tool_tool_init))


/* The dragged rectangle as the kind keeps it: x, y, w, h for boxes; centre, size (rotated
 * box) or radii (ellipse) and an angle of 0, turned later with the select tool. */
static void
set_geometry (CairnBoxTool *self, CairnAnnotation *a)
{
  double x, y, w, h;
  double rotated[5];

  cairn_drag_rect_get (&self->rect, &x, &y, &w, &h);
  rotated[0] = x + w / 2;
  rotated[1] = y + h / 2;
  rotated[2] = w;
  rotated[3] = h;
  rotated[4] = 0;

  switch (self->kind)
    {
    case CAIRN_KIND_RBOX:
      cairn_annotation_set_coords (a, rotated, 5);
      break;
    case CAIRN_KIND_ELLIPSE:
      rotated[2] = w / 2;
      rotated[3] = h / 2;
      cairn_annotation_set_coords (a, rotated, 5);
      break;
    case CAIRN_KIND_OCR:
      cairn_annotation_set_box (a, x, y, w, h);
      /* The text is typed in the inspector once the box is there. */
      cairn_annotation_set_text (a, "");
      break;
    default:
      cairn_annotation_set_box (a, x, y, w, h);
      break;
    }
}

static gboolean
cairn_box_tool_press (CairnTool            *tool,
                      CairnCanvas          *canvas,
                      const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  cairn_drag_rect_start (&self->rect, canvas, event);
  self->drawing = TRUE;
  return TRUE;
}

static void
cairn_box_tool_drag (CairnTool            *tool,
                     CairnCanvas          *canvas,
                     const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);

  if (self->drawing)
    cairn_drag_rect_update (&self->rect, canvas, event);
}

static void
cairn_box_tool_release (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);
  g_autoptr(CairnAnnotation) box = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (!self->drawing)
    return;
  cairn_box_tool_drag (tool, canvas, event);
  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  if (!cairn_drag_rect_big_enough (&self->rect, canvas))
    return;
  box = cairn_canvas_new_annotation (canvas, self->kind);
  set_geometry (self, box);
  edit = cairn_edit_new_create (box);
  /* An OCR box's text next, in a field beside it. */
  if (cairn_canvas_commit_edit (canvas, edit) && self->kind == CAIRN_KIND_OCR)
    cairn_canvas_ask_ocr_text (canvas, cairn_edit_get_annotation_id (edit, 0));
}

static gboolean
cairn_box_tool_cancel (CairnTool   *tool,
                       CairnCanvas *canvas)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);
  gboolean was = self->drawing;

  self->drawing = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  return was;
}

static void
cairn_box_tool_deactivate (CairnTool   *tool,
                           CairnCanvas *canvas)
{
  cairn_box_tool_cancel (tool, canvas);
}

static void
cairn_box_tool_motion (CairnTool            *tool,
                       CairnCanvas          *canvas,
                       const CairnToolEvent *event)
{
  /* The guide lines follow the pointer. */
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

static void
cairn_box_tool_draw_overlay (CairnTool   *tool,
                             CairnCanvas *canvas,
                             cairo_t     *cr,
                             double       zoom)
{
  CairnBoxTool *self = CAIRN_BOX_TOOL (tool);
  double x, y, w, h;

  cairn_draw_guides (canvas, cr, zoom);
  if (!self->drawing)
    return;
  cairn_drag_rect_get (&self->rect, &x, &y, &w, &h);
  if (self->kind == CAIRN_KIND_ELLIPSE)
    {
      cairo_save (cr);
      cairo_translate (cr, x + w / 2, y + h / 2);
      cairo_scale (cr, MAX (w / 2, 1e-3), MAX (h / 2, 1e-3));
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    cairo_rectangle (cr, x, y, w, h);
  cairn_draw_pending (canvas, cr, zoom);
}

static const char *
cairn_box_tool_get_cursor_name (CairnTool *tool)
{
  return "crosshair";
}

static void
cairn_box_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_box_tool_deactivate;
  iface->cancel = cairn_box_tool_cancel;
  iface->press = cairn_box_tool_press;
  iface->drag = cairn_box_tool_drag;
  iface->release = cairn_box_tool_release;
  iface->motion = cairn_box_tool_motion;
  iface->draw_overlay = cairn_box_tool_draw_overlay;
  iface->get_cursor_name = cairn_box_tool_get_cursor_name;
}

static void
cairn_box_tool_class_init (CairnBoxToolClass *klass)
{
}

static void
cairn_box_tool_init (CairnBoxTool *self)
{
  self->kind = CAIRN_KIND_BOX;
}

CairnTool *
cairn_box_tool_new (void)
{
  return cairn_box_tool_new_for_kind (CAIRN_KIND_BOX);
}

CairnTool *
cairn_box_tool_new_for_kind (CairnKind kind)
{
  CairnBoxTool *self;

  g_return_val_if_fail (kind == CAIRN_KIND_BOX || kind == CAIRN_KIND_RBOX
                        || kind == CAIRN_KIND_ELLIPSE || kind == CAIRN_KIND_OCR, NULL);
  self = g_object_new (CAIRN_TYPE_BOX_TOOL, NULL);
  self->kind = kind;
  return CAIRN_TOOL (self);
}
