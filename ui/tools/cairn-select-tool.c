#define G_LOG_DOMAIN "cairn-select-tool"

#include <math.h>

#include "cairn-canvas.h"
#include "cairn-canvas-shapes.h"
#include "cairn-select-tool.h"

typedef enum
{
  MODE_NONE,
  MODE_PAN,
  MODE_MOVE,
  MODE_HANDLE,
  MODE_BAND,    /* Shift+drag on the picture: a rubber band */
} Mode;

struct _CairnSelectTool
{
  GObject          parent_instance;
  Mode             mode;
  gboolean         moved;
  int              handle;
  CairnAnnotation *original;   /* the shape as stored when the drag began */
  double           press_x;    /* image pixels */
  double           press_y;
  double           press_widget_x;
  double           press_widget_y;
  double           origin_x;   /* the view's offset, for panning */
  double           origin_y;
  double           last_x;     /* image pixels: where the drag is */
  double           last_y;
  gboolean         group;      /* moving every selected shape, not only the one grabbed */
};

static void cairn_select_tool_tool_init (CairnToolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnSelectTool, cairn_select_tool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_TOOL, cairn_select_tool_tool_init))

static void
reset (CairnSelectTool *self, CairnCanvas *canvas)
{
  self->mode = MODE_NONE;
  self->moved = FALSE;
  self->group = FALSE;
  g_clear_pointer (&self->original, cairn_annotation_free);
  cairn_canvas_set_preview (canvas, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

/* A double click on the selected polygon's vertex takes it away, on one of its edges adds one
 * there: one edit. */
static gboolean
reshape (CairnCanvas *canvas, const CairnToolEvent *event, double px)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (canvas,
                                                                 cairn_canvas_get_selected_id (canvas));
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  int handle;

  if (selected == NULL || cairn_canvas_is_locked (canvas, selected->id))
    return FALSE;
  after = cairn_annotation_copy (selected);
  handle = cairn_shape_find_handle (selected, event->x, event->y, px);
  if (handle >= 0 ? !cairn_shape_remove_vertex (after, handle)
                  : !cairn_shape_insert_vertex (after, event->x, event->y,
                                                CAIRN_SHAPE_HANDLE_REACH * px))
    return FALSE;
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RESHAPE, selected, after);
  cairn_canvas_commit_edit (canvas, edit);
  return TRUE;
}

static gboolean
cairn_select_tool_press (CairnTool            *tool,
                         CairnCanvas          *canvas,
                         const CairnToolEvent *event)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);
  const CairnAnnotation *selected;
  double px = 1.0 / cairn_canvas_get_zoom (canvas);
  gint64 id;

  if (event->button != GDK_BUTTON_PRIMARY)
    return FALSE;
  reset (self, canvas);
  if (event->n_press == 2 && reshape (canvas, event, px))
    return FALSE;
  self->press_x = event->x;
  self->press_y = event->y;
  self->press_widget_x = event->widget_x;
  self->press_widget_y = event->widget_y;
  selected = cairn_canvas_get_annotation (canvas, cairn_canvas_get_selected_id (canvas));
  if (selected != NULL && !cairn_canvas_is_locked (canvas, selected->id)
      && (self->handle = cairn_shape_find_handle (selected, event->x, event->y, px)) >= 0)
    {
      self->mode = MODE_HANDLE;
      self->original = cairn_annotation_copy (selected);
      return TRUE;
    }
  id = cairn_canvas_pick (canvas, event->x, event->y);
  self->last_x = event->x;
  self->last_y = event->y;
  /* Shift: a shape in or out of the selection, or a rubber band from the picture. */
  if (event->modifiers & GDK_SHIFT_MASK)
    {
      if (id != 0)
        {
          cairn_canvas_toggle_selected (canvas, id);
          return FALSE;
        }
      self->mode = MODE_BAND;
      return TRUE;
    }
  if (id != 0 && cairn_canvas_is_locked (canvas, id))
    {
      /* A locked shape is selected (to see it, relabel it, unlock it), never dragged. */
      cairn_canvas_set_selected_id (canvas, id);
      return FALSE;
    }
  if (id != 0)
    {
      /* Grabbing one of several selected moves them all. */
      self->group = cairn_canvas_get_n_selected (canvas) > 1 && cairn_canvas_is_selected (canvas, id);
      if (!self->group)
        cairn_canvas_set_selected_id (canvas, id);
      self->mode = MODE_MOVE;
      self->original = cairn_annotation_copy (cairn_canvas_get_annotation (canvas, id));
      return TRUE;
    }
  self->mode = MODE_PAN;
  cairn_canvas_get_offset (canvas, &self->origin_x, &self->origin_y);
  return TRUE;
}

/* Shift turns a rotated shape by 15° steps; Ctrl puts a vertex or corner on another shape's
 * nearest vertex or edge. */
static void
move_handle (CairnSelectTool *self, CairnCanvas *canvas, CairnAnnotation *shape,
             const CairnToolEvent *event)
{
  double x = event->x, y = event->y;

  if ((event->modifiers & GDK_CONTROL_MASK) && self->handle != CAIRN_SHAPE_ROTATE_HANDLE)
    cairn_canvas_snap (canvas, shape->id, &x, &y);
  cairn_shape_move_handle (shape, self->handle, x, y);
  if (self->handle == CAIRN_SHAPE_ROTATE_HANDLE && (event->modifiers & GDK_SHIFT_MASK))
    cairn_shape_snap_angle (shape, 15.0);
}

static void
cairn_select_tool_drag (CairnTool            *tool,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);
  double dx = event->widget_x - self->press_widget_x;
  double dy = event->widget_y - self->press_widget_y;
  g_autoptr(CairnAnnotation) working = NULL;

  if (self->mode == MODE_NONE || (!self->moved && hypot (dx, dy) < CAIRN_SHAPE_SLOP))
    return;
  self->moved = TRUE;
  self->last_x = event->x;
  self->last_y = event->y;
  if (self->mode == MODE_PAN)
    {
      cairn_canvas_set_offset (canvas, self->origin_x + dx, self->origin_y + dy);
      return;
    }
  if (self->mode == MODE_BAND)
    {
      gtk_widget_queue_draw (GTK_WIDGET (canvas));
      return;
    }
  working = cairn_annotation_copy (self->original);
  if (self->mode == MODE_HANDLE)
    move_handle (self, canvas, working, event);
  else if (!cairn_shape_translate (working, event->x - self->press_x, event->y - self->press_y))
    return;
  cairn_canvas_set_preview (canvas, working);
}

static CairnEditVerb
verb_for (CairnSelectTool *self)
{
  if (self->mode == MODE_MOVE)
    return CAIRN_EDIT_VERB_MOVE;
  if (self->original->kind == CAIRN_KIND_BOX || self->original->kind == CAIRN_KIND_OCR)
    return CAIRN_EDIT_VERB_RESIZE;
  if (self->original->kind == CAIRN_KIND_RBOX || self->original->kind == CAIRN_KIND_ELLIPSE)
    return self->handle == CAIRN_SHAPE_ROTATE_HANDLE ? CAIRN_EDIT_VERB_ROTATE
                                                     : CAIRN_EDIT_VERB_RESIZE;
  return CAIRN_EDIT_VERB_RESHAPE;
}

/* Every selected shape (locked ones stay) moved by the same amount: one edit. */
static void
move_group (CairnCanvas *canvas, double dx, double dy)
{
  g_autoptr(GPtrArray) shapes = cairn_canvas_get_selected_shapes (canvas);
  g_autoptr(CairnEdit) edit = NULL;

  if (shapes->len == 0 || (dx == 0 && dy == 0))
    return;
  edit = cairn_edit_new (CAIRN_EDIT_VERB_MOVE, ((CairnAnnotation *) shapes->pdata[0])->kind);
  for (guint i = 0; i < shapes->len; i++)
    {
      g_autoptr(CairnAnnotation) after = cairn_annotation_copy (shapes->pdata[i]);

      if (!cairn_canvas_is_locked (canvas, after->id) && cairn_shape_translate (after, dx, dy))
        cairn_edit_add_annotation (edit, shapes->pdata[i], after);
    }
  if (cairn_edit_get_n_changes (edit) > 0)
    cairn_canvas_commit_edit (canvas, edit);
}

static void
cairn_select_tool_release (CairnTool            *tool,
                           CairnCanvas          *canvas,
                           const CairnToolEvent *event)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (self->mode == MODE_PAN && !self->moved)
    cairn_canvas_set_selected_id (canvas, 0);
  if (self->mode == MODE_BAND && self->moved)
    cairn_canvas_select_in_rect (canvas, self->press_x, self->press_y, event->x, event->y);
  if (self->mode == MODE_MOVE && self->moved && self->group)
    {
      move_group (canvas, event->x - self->press_x, event->y - self->press_y);
      reset (self, canvas);
      return;
    }
  /* The whole drag is one edit, made now. */
  if ((self->mode == MODE_MOVE || self->mode == MODE_HANDLE) && self->moved)
    {
      after = cairn_annotation_copy (self->original);
      if (self->mode == MODE_HANDLE)
        move_handle (self, canvas, after, event);
      else
        cairn_shape_translate (after, event->x - self->press_x, event->y - self->press_y);
      if (!cairn_annotation_equal (after, self->original, 0))
        {
          edit = cairn_edit_new_change (verb_for (self), self->original, after);
          cairn_canvas_commit_edit (canvas, edit);
        }
    }
  reset (self, canvas);
}

/* The rubber band, or the other selected shapes where a group move would put them. */
static void
cairn_select_tool_draw_overlay (CairnTool   *tool,
                                CairnCanvas *canvas,
                                cairo_t     *cr,
                                double       zoom)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);
  double dash = 4.0 / zoom;

  if (!self->moved || (self->mode != MODE_BAND && !(self->mode == MODE_MOVE && self->group)))
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5 / zoom);
  cairo_set_dash (cr, &dash, 1, 0);
  if (self->mode == MODE_BAND)
    {
      cairo_rectangle (cr, MIN (self->press_x, self->last_x), MIN (self->press_y, self->last_y),
                       fabs (self->last_x - self->press_x), fabs (self->last_y - self->press_y));
      cairo_set_source_rgba (cr, 0.2, 0.5, 0.9, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.5, 0.9);
      cairo_stroke (cr);
    }
  else
    {
      g_autoptr(GPtrArray) shapes = cairn_canvas_get_selected_shapes (canvas);

      for (guint i = 0; i < shapes->len; i++)
        {
          g_autoptr(CairnAnnotation) moved = cairn_annotation_copy (shapes->pdata[i]);

          if (moved->id == self->original->id || cairn_canvas_is_locked (canvas, moved->id)
              || !cairn_shape_translate (moved, self->last_x - self->press_x,
                                         self->last_y - self->press_y))
            continue;
          cairn_shape_path (cr, moved, NULL, 1.0 / zoom);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static gboolean
cairn_select_tool_cancel (CairnTool   *tool,
                          CairnCanvas *canvas)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);
  gboolean dragging = (self->mode == MODE_MOVE || self->mode == MODE_HANDLE) && self->moved;

  /* A drag let go of with Escape puts the shape back and changes nothing. */
  reset (self, canvas);
  return dragging;
}

static void
cairn_select_tool_deactivate (CairnTool   *tool,
                              CairnCanvas *canvas)
{
  reset (CAIRN_SELECT_TOOL (tool), canvas);
}

static const char *
cairn_select_tool_get_cursor_name (CairnTool *tool)
{
  CairnSelectTool *self = CAIRN_SELECT_TOOL (tool);

  if (self->mode == MODE_PAN && self->moved)
    return "grabbing";
  if (self->mode == MODE_MOVE)
    return "move";
  return "default";
}

static void
cairn_select_tool_tool_init (CairnToolInterface *iface)
{
  iface->deactivate = cairn_select_tool_deactivate;
  iface->cancel = cairn_select_tool_cancel;
  iface->press = cairn_select_tool_press;
  iface->drag = cairn_select_tool_drag;
  iface->release = cairn_select_tool_release;
  iface->get_cursor_name = cairn_select_tool_get_cursor_name;
  iface->draw_overlay = cairn_select_tool_draw_overlay;
}

static void
cairn_select_tool_finalize (GObject *object)
{
  g_clear_pointer (&CAIRN_SELECT_TOOL (object)->original, cairn_annotation_free);
  G_OBJECT_CLASS (cairn_select_tool_parent_class)->finalize (object);
}

static void
cairn_select_tool_class_init (CairnSelectToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_select_tool_finalize;
}

static void
cairn_select_tool_init (CairnSelectTool *self)
{
  self->handle = -1;
}

CairnTool *
cairn_select_tool_new (void)
{
  return g_object_new (CAIRN_TYPE_SELECT_TOOL, NULL);
}
