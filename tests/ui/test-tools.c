/* The canvas tools driven as a pointer would (in image pixels, at zoom 1), with a real store
 * and edit stack: each finished gesture is one edit in the project, undoable; the canvas
 * updates in place; hit tests follow the shape, not its box. */
#include <gtk/gtk.h>
#include <math.h>

#include "edit/cairn-edit-stack.h"
#include "cairn-canvas.h"
#include "cairn-canvas-private.h"
#include "cairn-canvas-shapes.h"
#include "cairn-preferences.h"
#include "cairn-shortcuts.h"
#include "cairn-tag-bar.h"
#include "ui-fixture.h"
#include "ui-wait.h"

typedef struct
{
  Fixture        *f;
  CairnEditStack *stack;
  GtkWidget      *canvas;
  gint64          item;
  gint64          boxes_only;   /* a label for boxes alone */
} T;

static void
t_set_up (T *t, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnLabel) boxes = cairn_label_new ("sign");
  gint64 annotator;

  t->f = fixture_new ();
  t->item = fixture_add_image (t->f, "blank.png", 400, 300, 0, 0xffffff, CAIRN_STATE_NEW, FALSE);
  boxes->kinds = 1u << CAIRN_KIND_BOX;
  g_assert_true (cairn_store_add_label (t->f->store, boxes, &error));
  t->boxes_only = boxes->id;
  annotator = cairn_store_ensure_annotator (t->f->store, "김민지", "annotator", &error);
  t->stack = cairn_edit_stack_new (t->f->store, annotator);
  item = cairn_store_get_item (t->f->store, t->item, &error);
  labels = cairn_store_list_labels (t->f->store, &error);
  g_assert_no_error (error);

  t->canvas = g_object_ref_sink (cairn_canvas_new ());
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (t->canvas), t->stack);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (t->canvas), t->f->store, item, labels);
  /* Unallocated, the canvas keeps zoom 1 at offset 0: widget and image pixels agree. */
  cairn_canvas_set_zoom (CAIRN_CANVAS (t->canvas), 1.0);
  cairn_canvas_set_offset (CAIRN_CANVAS (t->canvas), 0, 0);
}

static void
t_tear_down (T *t, gconstpointer data)
{
  g_assert_finalize_object (t->canvas);
  g_clear_object (&t->stack);
  fixture_free (t->f);
}

static CairnCanvas *
canvas (T *t)
{
  return CAIRN_CANVAS (t->canvas);
}

static CairnToolEvent
at (double x, double y)
{
  CairnToolEvent e = { 0 };

  e.x = e.widget_x = x;
  e.y = e.widget_y = y;
  e.button = GDK_BUTTON_PRIMARY;
  e.n_press = 1;
  return e;
}

static void
drag (T *t, double x0, double y0, double x1, double y1)
{
  CairnTool *tool = cairn_canvas_get_tool (canvas (t));
  CairnToolEvent e = at (x0, y0);

  g_assert_true (cairn_tool_press (tool, canvas (t), &e));
  for (guint i = 1; i <= 10; i++)
    {
      e = at (x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10);
      cairn_tool_drag (tool, canvas (t), &e);
    }
  cairn_tool_release (tool, canvas (t), &e);
}

static void
click (T *t, double x, double y, guint n_press)
{
  CairnTool *tool = cairn_canvas_get_tool (canvas (t));
  CairnToolEvent e = at (x, y);

  e.n_press = n_press;
  cairn_tool_press (tool, canvas (t), &e);
  cairn_tool_release (tool, canvas (t), &e);
}

static GPtrArray *
stored (T *t)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = cairn_store_list_annotations (t->f->store, t->item, &error);

  g_assert_no_error (error);
  return list;
}

static char *
undo_title (T *t)
{
  return cairn_edit_stack_dup_undo_title (t->stack);
}

static void
action (T *t, const char *name, GVariant *parameter)
{
  /* GTK 4.8 does not sink a floating parameter. */
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (t->canvas, name, owned));
}

static void
test_box (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *title = NULL;
  const CairnAnnotation *a;

  g_assert_true (cairn_canvas_set_tool_name (canvas (t), "box"));
  action (t, "canvas.select-label", g_variant_new_int32 (0)); /* 1: the first label, cat */
  g_assert_cmpint (cairn_canvas_get_current_label_id (canvas (t)), ==, t->f->cat);
  /* Dragged right to left and bottom to top: the same box. */
  drag (t, 60, 50, 10, 10);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_BOX);
  g_assert_cmpint (a->label_id, ==, t->f->cat);
  g_assert_cmpint (a->annotator_id, ==, cairn_edit_stack_get_annotator (t->stack));
  g_assert_cmpfloat (g_array_index (a->coords, double, 0), ==, 10);
  g_assert_cmpfloat (g_array_index (a->coords, double, 1), ==, 10);
  g_assert_cmpfloat (g_array_index (a->coords, double, 2), ==, 50);
  g_assert_cmpfloat (g_array_index (a->coords, double, 3), ==, 40);
  /* Shown at once, selected, one edit. */
  g_assert_cmpuint (cairn_canvas_get_n_annotations (canvas (t)), ==, 1);
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, a->id);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Draw Box");
  /* The first shape put the new item in progress, in the same edit. */
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (t->f->store, t->item, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (item->state, ==, CAIRN_STATE_IN_PROGRESS);
    g_assert_true (cairn_edit_stack_undo (t->stack, &error));
    g_clear_pointer (&item, cairn_item_free);
    item = cairn_store_get_item (t->f->store, t->item, NULL);
    g_assert_cmpint (item->state, ==, CAIRN_STATE_NEW);
    g_assert_true (cairn_edit_stack_redo (t->stack, &error));
  }

  /* A slip of the hand is no box; Escape during a drag drops it; off the picture is clamped. */
  g_clear_pointer (&list, g_ptr_array_unref);
  drag (t, 100, 100, 101, 101);
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (200, 200);

    cairn_tool_press (tool, canvas (t), &e);
    e = at (250, 250);
    cairn_tool_drag (tool, canvas (t), &e);
    action (t, "tool.cancel", NULL);
    cairn_tool_release (tool, canvas (t), &e);
  }
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 1);
  drag (t, 380, 280, 900, 900);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 2);
  a = list->pdata[1];
  g_assert_cmpfloat (g_array_index (a->coords, double, 2), ==, 20);
  g_assert_cmpfloat (g_array_index (a->coords, double, 3), ==, 20);
}

static void
test_polygon (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  const CairnAnnotation *a;

  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  action (t, "canvas.tool", g_variant_new_string ("polygon"));
  g_assert_cmpstr (cairn_canvas_get_tool_name (canvas (t)), ==, "polygon");
  click (t, 100, 100, 1);
  click (t, 200, 100, 1);
  click (t, 250, 150, 1);
  /* Backspace takes the last vertex back. */
  action (t, "tool.back", NULL);
  click (t, 200, 200, 1);
  click (t, 100, 200, 1);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 0);
  /* A click on the first vertex closes it. */
  click (t, 102, 101, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_POLYGON);
  g_assert_cmpint (a->label_id, ==, t->f->dog);
  g_assert_cmpuint (a->coords->len, ==, 8);
  g_assert_cmpfloat (g_array_index (a->coords, double, 4), ==, 200);

  /* Enter (tool.finish) and a double click close it too; Escape drops one half drawn. */
  click (t, 10, 10, 1);
  click (t, 50, 10, 1);
  click (t, 50, 50, 1);
  action (t, "tool.finish", NULL);
  click (t, 300, 10, 1);
  click (t, 350, 10, 1);
  click (t, 350, 50, 1);
  click (t, 350, 50, 2);
  click (t, 300, 250, 1);
  click (t, 350, 250, 1);
  action (t, "tool.cancel", NULL);
  click (t, 10, 290, 1);
  action (t, "tool.finish", NULL); /* a single vertex is not a polygon yet */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 3);
  a = list->pdata[2];
  g_assert_cmpuint (a->coords->len, ==, 6);
}

/* The label before drawing (current) and after (the selected shape, as one edit). */
static void
test_labels (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  const CairnAnnotation *a;

  cairn_canvas_set_tool_name (canvas (t), "polygon");
  cairn_canvas_set_current_label_id (canvas (t), t->boxes_only);
  click (t, 10, 10, 1);
  click (t, 50, 10, 1);
  click (t, 50, 50, 1);
  action (t, "tool.finish", NULL);
  /* "sign" is for boxes: the polygon is kept without a label. */
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpint (a->label_id, ==, 0);
  action (t, "canvas.set-label", g_variant_new_int64 (t->f->person));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpint (a->label_id, ==, t->f->person);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Relabel Polygon");
  /* Not to a label that is not for polygons. */
  action (t, "canvas.set-label", g_variant_new_int64 (t->boxes_only));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpint (a->label_id, ==, t->f->person);
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpint (a->label_id, ==, 0);
}

/* Select, move, resize and delete: each one edit, undone exactly; the view stays put. */
static void
test_select_move_delete (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  const CairnAnnotation *a;
  gint64 id;

  cairn_canvas_set_tool_name (canvas (t), "box");
  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  drag (t, 100, 100, 200, 160);
  cairn_canvas_set_tool_name (canvas (t), "select");
  action (t, "tool.cancel", NULL); /* Escape lets go of the selection */
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, 0);
  click (t, 150, 130, 1);
  id = cairn_canvas_get_selected_id (canvas (t));
  g_assert_cmpint (id, !=, 0);

  /* A move is one edit, made on release. */
  drag (t, 150, 130, 170, 140);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpfloat (g_array_index (a->coords, double, 0), ==, 120);
  g_assert_cmpfloat (g_array_index (a->coords, double, 1), ==, 110);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Move Box");
  /* In place: the selection and the zoom stay. */
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, id);
  g_assert_cmpfloat (cairn_canvas_get_zoom (canvas (t)), ==, 1.0);

  /* The bottom-right handle resizes. */
  drag (t, 220, 170, 260, 200);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpfloat (g_array_index (a->coords, double, 2), ==, 140);
  g_assert_cmpfloat (g_array_index (a->coords, double, 3), ==, 90);
  g_free (title);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Resize Box");

  /* Delete, then undo: the same annotation back. */
  action (t, "canvas.delete-selection", NULL);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (cairn_canvas_get_n_annotations (canvas (t)), ==, 0);
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_assert_cmpuint (cairn_canvas_get_n_annotations (canvas (t)), ==, 1);
  g_assert_nonnull (cairn_canvas_get_annotation (canvas (t), id));
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = stored (t);
  a = list->pdata[0];
  g_assert_cmpfloat (g_array_index (a->coords, double, 0), ==, 100);
}

/* A click in the notch of an L is not on it, though its bounding box says so. */
static void
test_exact_pick (T *t, gconstpointer data)
{
  CairnAnnotation *l = cairn_annotation_new (CAIRN_KIND_POLYGON);
  CairnAnnotation *line = cairn_annotation_new (CAIRN_KIND_POLYLINE);
  g_autoptr(CairnEdit) e1 = NULL;
  g_autoptr(CairnEdit) e2 = NULL;
  static const double ring[] = { 0, 0, 100, 0, 100, 40, 40, 40, 40, 100, 0, 100 };
  static const double path[] = { 200, 200, 300, 200 };
  g_autoptr(GError) error = NULL;

  l->item_id = line->item_id = t->item;
  cairn_annotation_add_ring (l, ring, 6);
  cairn_annotation_add_ring (line, path, 2);
  e1 = cairn_edit_new_create (l);
  e2 = cairn_edit_new_create (line);
  g_assert_true (cairn_edit_stack_push (t->stack, e1, &error));
  g_assert_true (cairn_edit_stack_push (t->stack, e2, &error));
  cairn_annotation_free (l);
  cairn_annotation_free (line);

  g_assert_cmpint (cairn_canvas_pick (canvas (t), 20, 20), ==, cairn_edit_get_annotation_id (e1, 0));
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 80, 80), ==, 0);
  /* A line is taken within a few screen pixels, not by its (flat) box alone. */
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 250, 202), ==, cairn_edit_get_annotation_id (e2, 0));
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 250, 210), ==, 0);
}

static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x)
         & 0xffffff;
}

/* What the tools drew is on screen where it must be, and nowhere else. */
static void
test_render (T *t, gconstpointer data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  guint32 inside, edge;

  cairn_canvas_set_tool_name (canvas (t), "box");
  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  drag (t, 50, 50, 150, 120);
  cairn_canvas_set_tool_name (canvas (t), "polygon");
  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  click (t, 250, 150, 1);
  click (t, 350, 150, 1);
  click (t, 300, 250, 1);
  action (t, "tool.finish", NULL);
  action (t, "tool.cancel", NULL);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_cmpuint (cairn_canvas_draw_shapes (canvas (t), cr, 1.0), ==, 2);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* The box: the cat colour on its left edge, a tint of it inside, white outside. */
  edge = pixel (surface, 50, 100);
  inside = pixel (surface, 100, 100);
  g_assert_cmphex (edge, ==, 0xe15759);
  g_assert_cmphex (inside, !=, 0xffffff);
  g_assert_cmphex (pixel (surface, 30, 100), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 200, 100), ==, 0xffffff);
  /* The triangle: tinted inside (its centroid), white beside it within its box. */
  g_assert_cmphex (pixel (surface, 300, 183), !=, 0xffffff);
  g_assert_cmphex (pixel (surface, 260, 240), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 340, 240), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

static const CairnAnnotation *
last_stored (T *t, GPtrArray **keep)
{
  g_clear_pointer (keep, g_ptr_array_unref);
  *keep = stored (t);
  g_assert_cmpuint ((*keep)->len, >, 0);
  return (*keep)->pdata[(*keep)->len - 1];
}

static double
coord (const CairnAnnotation *a, guint i)
{
  return g_array_index (a->coords, double, i);
}

/* The other drag tools: rotated box (centre, size, 0°), ellipse (centre, radii), OCR box. */
/* Hundreds of shapes: an edit draws again only the rectangles it touched, and what that
 * leaves on screen is exactly what composing the whole view would. */
static void
test_damage (T *t, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = NULL;
  cairo_surface_t *view;
  g_autofree guchar *repaired = NULL;
  guint generation, n_repaired, n_full;
  gsize size;

  g_assert_true (cairn_store_begin (t->f->store, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);

      a->item_id = t->item;
      a->label_id = i % 2 ? t->f->cat : t->f->dog;
      cairn_annotation_set_box (a, 10 + (i % 20) * 19, 10 + (i / 20) * 14, 12, 9);
      g_assert_true (cairn_store_add_annotation (t->f->store, a, &error));
    }
  g_assert_true (cairn_store_commit (t->f->store, &error));
  g_assert_cmpuint (cairn_canvas_get_n_annotations (canvas (t)), ==, 400);
  cairn_canvas_get_view (canvas (t), 400, 300, &n_full);
  g_assert_cmpuint (n_full, ==, 400);
  generation = canvas (t)->view_generation;

  /* Drag the first box (at 10, 10) down and right with the select tool. */
  cairn_canvas_set_tool_name (canvas (t), "select");
  drag (t, 15, 14, 215, 114);
  g_assert_cmpfloat (coord (last_stored (t, &keep), 0), !=, 10);
  g_assert_nonnull (canvas (t)->view_damage);
  view = cairn_canvas_get_view (canvas (t), 400, 300, &n_repaired);
  g_assert_cmpuint (canvas (t)->view_generation, ==, generation); /* repaired, not composed */
  g_assert_null (canvas (t)->view_damage);
  size = (gsize) cairo_image_surface_get_stride (view) * 300;
  repaired = g_memdup2 (cairo_image_surface_get_data (view), size);

  cairn_canvas_invalidate_layer (canvas (t));
  view = cairn_canvas_get_view (canvas (t), 400, 300, &n_full);
  g_assert_cmpuint (n_repaired, ==, n_full);
  g_assert_true (memcmp (repaired, cairo_image_surface_get_data (view), size) == 0);
}

/* A rotated box turned by its handle (Shift: 15° steps), then resized by a corner: the
 * opposite corner stays put on the image, the angle too. Each is one edit. */
static void
test_rotate (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) handles = NULL;
  const CairnAnnotation *a;
  double ox, oy;

  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  action (t, "canvas.tool", g_variant_new_string ("rbox"));
  drag (t, 100, 100, 200, 140);               /* centre 150, 120; 100 × 40 */
  a = last_stored (t, &keep);
  cairn_canvas_set_selected_id (canvas (t), a->id);
  action (t, "canvas.tool", g_variant_new_string ("select"));
  /* The handle sits 24 screen pixels above the top edge's middle (zoom 1). */
  handles = cairn_shape_handles (a, 1.0);
  g_assert_cmpuint (handles->len, ==, 10);
  g_assert_cmpfloat_with_epsilon (g_array_index (handles, double, 8), 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (handles, double, 9), 100 - 24, 1e-9);
  drag (t, 150, 76, 260, 118);                /* to the right of the centre: about 90° */
  a = last_stored (t, &keep);
  g_assert_cmpfloat (fabs (coord (a, 4) - 90), <, 2);
  g_assert_cmpfloat (coord (a, 4), !=, 90);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Rotate Rotated Box");

  /* With Shift the angle snaps: drag from the handle (now right of the box) towards 30°. */
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    g_autoptr(GArray) now = cairn_shape_handles (a, 1.0);
    CairnToolEvent e = at (g_array_index (now, double, 8), g_array_index (now, double, 9));

    g_assert_true (cairn_tool_press (tool, canvas (t), &e));
    e = at (150 + 100 * sin (G_PI / 6) + 3, 120 - 100 * cos (G_PI / 6));
    e.modifiers = GDK_SHIFT_MASK;
    cairn_tool_drag (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
  }
  a = last_stored (t, &keep);
  g_assert_cmpfloat_with_epsilon (coord (a, 4), 30, 1e-9);

  /* The bottom-right corner dragged out: the top-left corner stays where it was. */
  g_clear_pointer (&handles, g_array_unref);
  handles = cairn_shape_handles (a, 1.0);
  ox = g_array_index (handles, double, 0);
  oy = g_array_index (handles, double, 1);
  drag (t, g_array_index (handles, double, 4), g_array_index (handles, double, 5),
        g_array_index (handles, double, 4) + 10, g_array_index (handles, double, 5) + 10);
  a = last_stored (t, &keep);
  g_clear_pointer (&handles, g_array_unref);
  handles = cairn_shape_handles (a, 1.0);
  g_assert_cmpfloat_with_epsilon (g_array_index (handles, double, 0), ox, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (handles, double, 1), oy, 1e-6);
  g_assert_cmpfloat_with_epsilon (coord (a, 4), 30, 1e-9);
  g_assert_cmpfloat (coord (a, 2), >, 100);

  /* Three edits: undone, the box is upright again. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (cairn_edit_stack_undo (t->stack, NULL));
  a = last_stored (t, &keep);
  g_assert_cmpfloat (coord (a, 4), ==, 0);
}

/* Shift at a polygon's first vertex, the polygon selected: a ring inside becomes a hole
 * (picked through as empty), one outside another part, each one edit of that polygon. Ctrl
 * snaps a vertex onto another shape's vertex, or else its edge. */
static void
test_holes_and_snapping (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  const CairnAnnotation *a;
  gint64 id;

  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  action (t, "canvas.tool", g_variant_new_string ("polygon"));
  click (t, 50, 50, 1);
  click (t, 250, 50, 1);
  click (t, 250, 250, 1);
  click (t, 50, 250, 1);
  action (t, "tool.finish", NULL);
  a = last_stored (t, &keep);
  id = a->id;
  cairn_canvas_set_selected_id (canvas (t), id);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 150, 150), ==, id);

  /* A hole: Shift at its first vertex. */
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (100, 100);

    e.modifiers = GDK_SHIFT_MASK;
    cairn_tool_press (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
  }
  click (t, 200, 100, 1);
  click (t, 200, 200, 1);
  click (t, 100, 200, 1);
  action (t, "tool.finish", NULL);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 1);          /* no new shape: the polygon has a hole */
  a = keep->pdata[0];
  g_assert_cmpuint (a->rings->len, ==, 2);
  g_assert_cmpuint (cairn_canvas_get_annotation (canvas (t), id)->rings->len, ==, 2);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 150, 150), ==, 0);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 75, 150), ==, id);
  {
    g_autofree char *title = undo_title (t);

    g_assert_cmpstr (title, ==, "Reshape Polygon");
  }

  /* Another part, outside; its first vertex snapped (Ctrl) onto the polygon's corner. */
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (253, 47);

    e.modifiers = GDK_SHIFT_MASK | GDK_CONTROL_MASK;
    cairn_tool_press (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
  }
  click (t, 350, 50, 1);
  {
    /* Near the polygon's right edge, no vertex near: onto the edge. */
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (255, 151);

    e.modifiers = GDK_CONTROL_MASK;
    cairn_tool_press (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
  }
  action (t, "tool.finish", NULL);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  a = keep->pdata[0];
  g_assert_cmpuint (a->rings->len, ==, 3);
  /* The part's vertices went onto the polygon's own corner and right edge. */
  g_assert_cmpfloat (coord (a, 16), ==, 250);
  g_assert_cmpfloat (coord (a, 17), ==, 50);
  g_assert_cmpfloat_with_epsilon (coord (a, 20), 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (coord (a, 21), 151, 1e-9);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 300, 60), ==, id);

  /* Snapping onto another shape: a new polygon beside the first one. */
  cairn_canvas_set_selected_id (canvas (t), 0);
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (47, 254);

    e.modifiers = GDK_CONTROL_MASK;
    cairn_tool_press (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
    e = at (148, 256);                          /* near the bottom edge, no vertex near */
    e.modifiers = GDK_CONTROL_MASK;
    cairn_tool_press (tool, canvas (t), &e);
    cairn_tool_release (tool, canvas (t), &e);
  }
  click (t, 100, 290, 1);
  action (t, "tool.finish", NULL);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->id, !=, id);
  g_assert_cmpfloat (coord (a, 0), ==, 50);     /* the corner */
  g_assert_cmpfloat (coord (a, 1), ==, 250);
  g_assert_cmpfloat_with_epsilon (coord (a, 2), 148, 1e-9); /* the edge, straight above */
  g_assert_cmpfloat_with_epsilon (coord (a, 3), 250, 1e-9);
}

/* Image tags: a chip per label meant for tags; checking adds the tag, unchecking deletes
 * it, each one edit, and undo brings the chip back. */
static void
test_tags (T *t, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) night = cairn_label_new ("night");
  g_autoptr(GPtrArray) labels = NULL, keep = NULL;
  GtkWidget *bar = g_object_ref_sink (cairn_tag_bar_new ());
  GtkWidget *chip;

  night->kinds = 1u << CAIRN_KIND_TAG;
  g_assert_true (cairn_store_add_label (t->f->store, night, &error));
  labels = cairn_store_list_labels (t->f->store, &error);
  cairn_canvas_set_labels (canvas (t), labels);
  cairn_tag_bar_set_canvas (CAIRN_TAG_BAR (bar), canvas (t));
  /* Only the label for tags: the fixture's others are for any kind. */
  g_assert_cmpuint (cairn_tag_bar_get_n_chips (CAIRN_TAG_BAR (bar)), ==, 1);
  g_assert_true (gtk_widget_get_visible (bar));

  chip = gtk_widget_get_first_child (gtk_widget_get_first_child (bar));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (chip));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 1);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[0])->kind, ==, CAIRN_KIND_TAG);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[0])->label_id, ==, night->id);
  g_assert_nonnull (cairn_canvas_find_tag (canvas (t), night->id));

  /* The bar was rebuilt from the canvas: its new chip is checked. */
  chip = gtk_widget_get_first_child (gtk_widget_get_first_child (bar));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), FALSE);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 0);

  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  chip = gtk_widget_get_first_child (gtk_widget_get_first_child (bar));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  cairn_tag_bar_set_canvas (CAIRN_TAG_BAR (bar), NULL);
  g_object_unref (bar);
}

/* Shift+H hides the selected shape (not drawn, not picked; Shift+H with none selected shows
 * them again); Ctrl+L locks one: selected, but arrows, drags and Delete leave it as it was. */
static void
test_hide_and_lock (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  const CairnAnnotation *a;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  gint64 id;

  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  cairn_canvas_set_tool_name (canvas (t), "box");
  drag (t, 50, 50, 150, 120);
  id = last_stored (t, &keep)->id;
  cairn_canvas_set_selected_id (canvas (t), id);

  action (t, "canvas.toggle-hidden", NULL);
  g_assert_true (cairn_canvas_is_hidden (canvas (t), id));
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, 0);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 100, 100), ==, 0);
  g_assert_cmpuint (cairn_canvas_draw_shapes (canvas (t), cr, 1.0), ==, 0);
  action (t, "canvas.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, 0);
  action (t, "canvas.toggle-hidden", NULL);   /* none selected: all back */
  g_assert_false (cairn_canvas_is_hidden (canvas (t), id));
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 100, 100), ==, id);

  cairn_canvas_set_selected_id (canvas (t), id);
  action (t, "canvas.toggle-locked", NULL);
  g_assert_true (cairn_canvas_is_locked (canvas (t), id));
  action (t, "canvas.nudge", g_variant_new ("(dd)", 1.0, 0.0));
  action (t, "canvas.delete-selection", NULL);
  cairn_canvas_set_tool_name (canvas (t), "select");
  /* A drag on it only selects it; its corner handle is not taken. */
  for (guint k = 0; k < 2; k++)
    {
      CairnTool *tool = cairn_canvas_get_tool (canvas (t));
      CairnToolEvent e = k == 0 ? at (100, 100) : at (150, 120);
      gboolean took = cairn_tool_press (tool, canvas (t), &e);

      g_assert_false (took);
      e = at (250, 220);
      cairn_tool_drag (tool, canvas (t), &e);
      cairn_tool_release (tool, canvas (t), &e);
    }
  a = last_stored (t, &keep);
  g_assert_cmpint (a->id, ==, id);
  g_assert_cmpfloat (coord (a, 0), ==, 50);
  g_assert_cmpfloat (coord (a, 2), ==, 100);
  g_assert_cmpuint (keep->len, ==, 1);
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, id);
  action (t, "canvas.toggle-locked", NULL);
  action (t, "canvas.nudge", g_variant_new ("(dd)", 1.0, 0.0));
  a = last_stored (t, &keep);
  g_assert_cmpfloat (coord (a, 0), ==, 51);

  /* The name's tag sits just above the box's top-left corner; Shift+N takes it away. */
  cairn_canvas_set_selected_id (canvas (t), 0);
  for (guint k = 0; k < 2; k++)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairn_canvas_draw_shapes (canvas (t), cr, 1.0);
      cairo_surface_flush (surface);
      if (k == 0)
        g_assert_cmphex (pixel (surface, 53, 44), !=, 0xffffff);
      else
        g_assert_cmphex (pixel (surface, 53, 44), ==, 0xffffff);
      action (t, "canvas.show-names", NULL);
    }
  g_assert_true (cairn_canvas_get_show_names (canvas (t)));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Shift+drag on the picture: a rubber band selects the shapes wholly inside it; Shift+click
 * adds or takes one; the arrows, a drag, a label key and Delete then work on all of them,
 * each one edit. */
static void
test_rubber_band (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  CairnTool *tool;
  CairnToolEvent e;
  gint64 ids[3];

  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  cairn_canvas_set_tool_name (canvas (t), "box");
  for (guint i = 0; i < 3; i++)
    {
      drag (t, 20 + 100 * i, 20, 80 + 100 * i, 80);
      ids[i] = last_stored (t, &keep)->id;
    }
  cairn_canvas_set_tool_name (canvas (t), "select");
  tool = cairn_canvas_get_tool (canvas (t));
  e = at (10, 10);
  e.modifiers = GDK_SHIFT_MASK;
  g_assert_true (cairn_tool_press (tool, canvas (t), &e));
  e = at (190, 100);
  e.modifiers = GDK_SHIFT_MASK;
  cairn_tool_drag (tool, canvas (t), &e);
  cairn_tool_release (tool, canvas (t), &e);
  g_assert_cmpuint (cairn_canvas_get_n_selected (canvas (t)), ==, 2);
  g_assert_true (cairn_canvas_is_selected (canvas (t), ids[0]));
  g_assert_true (cairn_canvas_is_selected (canvas (t), ids[1]));
  g_assert_false (cairn_canvas_is_selected (canvas (t), ids[2]));

  /* Shift+click the third in, then the first out. */
  for (guint k = 0; k < 2; k++)
    {
      e = at (k == 0 ? 250 : 50, 50);
      e.modifiers = GDK_SHIFT_MASK;
      cairn_tool_press (tool, canvas (t), &e);
      cairn_tool_release (tool, canvas (t), &e);
    }
  g_assert_cmpuint (cairn_canvas_get_n_selected (canvas (t)), ==, 2);
  g_assert_false (cairn_canvas_is_selected (canvas (t), ids[0]));
  g_assert_true (cairn_canvas_is_selected (canvas (t), ids[2]));

  /* Arrows and a drag of one of them move both. */
  action (t, "canvas.nudge", g_variant_new ("(dd)", 0.0, 10.0));
  drag (t, 150, 60, 150, 100);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpfloat (coord (keep->pdata[0], 1), ==, 20);
  g_assert_cmpfloat (coord (keep->pdata[1], 1), ==, 70);
  g_assert_cmpfloat (coord (keep->pdata[2], 1), ==, 70);
  g_assert_cmpuint (cairn_canvas_get_n_selected (canvas (t)), ==, 2);

  /* A label for both, one edit; Delete takes both, one edit; undo brings both back. */
  cairn_canvas_set_current_label_id (canvas (t), 0);
  action (t, "canvas.set-label", g_variant_new_int64 (t->f->dog));
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[1])->label_id, ==, t->f->dog);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[2])->label_id, ==, t->f->dog);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[0])->label_id, ==, t->f->cat);
  action (t, "canvas.delete-selection", NULL);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 1);
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 3);
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));   /* the label, for both */
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[1])->label_id, ==, t->f->cat);
  g_assert_cmpint (((CairnAnnotation *) keep->pdata[2])->label_id, ==, t->f->cat);

  /* A plain click selects one again. */
  click (t, 50, 50, 1);
  g_assert_cmpuint (cairn_canvas_get_n_selected (canvas (t)), ==, 1);
}

static void
test_drag_kinds (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  const CairnAnnotation *a;

  cairn_canvas_set_current_label_id (canvas (t), t->f->cat);
  action (t, "canvas.tool", g_variant_new_string ("rbox"));
  drag (t, 100, 100, 200, 140);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_RBOX);
  g_assert_cmpfloat (coord (a, 0), ==, 150);
  g_assert_cmpfloat (coord (a, 1), ==, 120);
  g_assert_cmpfloat (coord (a, 2), ==, 100);
  g_assert_cmpfloat (coord (a, 3), ==, 40);
  g_assert_cmpfloat (coord (a, 4), ==, 0);
  action (t, "canvas.tool", g_variant_new_string ("ellipse"));
  drag (t, 10, 10, 50, 30);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_ELLIPSE);
  g_assert_cmpfloat (coord (a, 0), ==, 30);
  g_assert_cmpfloat (coord (a, 2), ==, 20);
  g_assert_cmpfloat (coord (a, 3), ==, 10);
  action (t, "canvas.tool", g_variant_new_string ("ocr"));
  drag (t, 300, 200, 380, 220);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_OCR);
  g_assert_cmpstr (a->text, ==, "");
  /* Ellipses are picked by their area: inside, yes; the box's corner, no. */
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 30, 20), !=, 0);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 11, 11), ==, 0);
}

/* The other click tools: polyline (Enter ends, a click on the start does not close it) and
 * points. */
static void
test_click_kinds (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  const CairnAnnotation *a;

  action (t, "canvas.tool", g_variant_new_string ("polyline"));
  click (t, 10, 10, 1);
  click (t, 100, 10, 1);
  click (t, 100, 100, 1);
  click (t, 11, 11, 1);
  action (t, "tool.finish", NULL);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_POLYLINE);
  g_assert_cmpuint (a->coords->len, ==, 8);
  action (t, "canvas.tool", g_variant_new_string ("points"));
  click (t, 200, 200, 1);
  click (t, 220, 210, 1);
  click (t, 220, 210, 2);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_POINTS);
  g_assert_cmpuint (a->coords->len, ==, 4);
}

/* Keypoints follow the label's skeleton; a skipped one is stored as not visible. */
static void
test_keypoints (T *t, gconstpointer data)
{
  g_autoptr(CairnLabel) pose = cairn_label_new ("pose");
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  const CairnAnnotation *a;

  g_assert_true (cairn_label_skeleton_from_json (pose, "{\"points\": [\"head\", \"hip\", "
                                                 "\"foot\"], \"edges\": [[0, 1], [1, 2]]}",
                                                 &error));
  g_assert_true (cairn_store_add_label (t->f->store, pose, &error));
  /* The canvas hears of the new label through the store. */
  g_assert_nonnull (cairn_canvas_get_label (canvas (t), pose->id));
  cairn_canvas_set_current_label_id (canvas (t), pose->id);
  action (t, "canvas.tool", g_variant_new_string ("keypoints"));
  click (t, 100, 50, 1);
  action (t, "tool.skip", NULL);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 0);
  click (t, 110, 200, 1);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_KEYPOINTS);
  g_assert_cmpuint (a->coords->len, ==, 9);
  g_assert_cmpfloat (coord (a, 2), ==, 2);
  g_assert_cmpfloat (coord (a, 5), ==, 0);
  g_assert_cmpfloat (coord (a, 6), ==, 110);
  g_assert_cmpfloat (coord (a, 8), ==, 2);
}

/* A cuboid: the front face dragged, the depth set by moving, a click. */
static void
test_cuboid (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  CairnToolEvent e;
  const CairnAnnotation *a;

  action (t, "canvas.tool", g_variant_new_string ("cuboid"));
  drag (t, 100, 100, 200, 180);
  g_clear_pointer (&keep, g_ptr_array_unref);
  keep = stored (t);
  g_assert_cmpuint (keep->len, ==, 0);
  e = at (230, 80);
  cairn_tool_motion (cairn_canvas_get_tool (canvas (t)), canvas (t), &e);
  e = at (230, 70);
  cairn_tool_motion (cairn_canvas_get_tool (canvas (t)), canvas (t), &e);
  click (t, 230, 70, 1);
  a = last_stored (t, &keep);
  g_assert_cmpint (a->kind, ==, CAIRN_KIND_CUBOID);
  /* Front top-left, bottom-left..., then the back face 30 right and 110 up. */
  g_assert_cmpfloat (coord (a, 0), ==, 100);
  g_assert_cmpfloat (coord (a, 3), ==, 180);
  g_assert_cmpfloat (coord (a, 8), ==, 130);
  g_assert_cmpfloat (coord (a, 9), ==, -10);
}

/* Arrow keys nudge the selected shape; Tab cycles through the shapes. */
static void
test_nudge_and_cycle (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  const CairnAnnotation *a;
  gint64 first, second;

  cairn_canvas_set_tool_name (canvas (t), "box");
  drag (t, 10, 10, 50, 50);
  first = cairn_canvas_get_selected_id (canvas (t));
  drag (t, 100, 100, 150, 150);
  second = cairn_canvas_get_selected_id (canvas (t));
  action (t, "canvas.cycle-selection", g_variant_new_int32 (1));
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, first);
  action (t, "canvas.cycle-selection", g_variant_new_int32 (-1));
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, second);
  action (t, "canvas.nudge", g_variant_new ("(dd)", 10.0, -1.0));
  a = last_stored (t, &keep);
  g_assert_cmpfloat (coord (a, 0), ==, 110);
  g_assert_cmpfloat (coord (a, 1), ==, 99);
}

/* A double click on an edge of the selected polygon adds a vertex; on a vertex, takes it. */
static void
test_vertices (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  g_autofree char *title = NULL;
  const CairnAnnotation *a;

  cairn_canvas_set_tool_name (canvas (t), "polygon");
  click (t, 100, 100, 1);
  click (t, 200, 100, 1);
  click (t, 200, 200, 1);
  click (t, 100, 200, 1);
  action (t, "tool.finish", NULL);
  cairn_canvas_set_tool_name (canvas (t), "select");
  click (t, 150, 101, 2);
  a = last_stored (t, &keep);
  g_assert_cmpuint (a->coords->len, ==, 10);
  g_assert_cmpuint (g_array_index (a->rings, guint, 0), ==, 5);
  g_assert_cmpfloat (coord (a, 2), ==, 150);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Reshape Polygon");
  click (t, 200, 200, 2);
  a = last_stored (t, &keep);
  g_assert_cmpuint (a->coords->len, ==, 8);
  /* Three is the least a ring keeps. */
  click (t, 100, 200, 2);
  click (t, 100, 100, 2);
  a = last_stored (t, &keep);
  g_assert_cmpuint (a->coords->len, ==, 6);
}

/* The inspector's attribute rows and text field send one edit each. */
static void
test_inspector_edits (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *inspector = cairn_item_view_get_inspector (CAIRN_ITEM_VIEW (t->canvas));
  const CairnAnnotation *a;

  cairn_canvas_set_tool_name (canvas (t), "ocr");
  drag (t, 10, 10, 100, 40);
  g_signal_emit_by_name (inspector, "attribute-chosen", "legible", "true");
  a = last_stored (t, &keep);
  g_assert_true (json_object_get_boolean_member (a->attributes, "legible"));
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Change Text Box");
  g_signal_emit_by_name (inspector, "text-chosen", "서울 3.5km");
  a = last_stored (t, &keep);
  g_assert_cmpstr (a->text, ==, "서울 3.5km");
  g_signal_emit_by_name (inspector, "attribute-chosen", "legible", NULL);
  a = last_stored (t, &keep);
  g_assert_false (json_object_has_member (a->attributes, "legible"));
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  a = last_stored (t, &keep);
  g_assert_cmpstr (a->text, ==, "");
  g_assert_true (json_object_get_boolean_member (a->attributes, "legible"));
  /* Let the inspector's rows be rebuilt before the canvas goes. */
  ui_drain ();
}

/* Ctrl+C, Ctrl+V (also on another item), Ctrl+D: each paste is one edit, a new annotation. */
static void
test_copy_paste (T *t, gconstpointer data)
{
  g_autoptr(GPtrArray) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const CairnAnnotation *a;
  gint64 other = fixture_add_image (t->f, "next.png", 400, 300, 0, 0xffffff, CAIRN_STATE_NEW,
                                    FALSE);

  cairn_canvas_set_tool_name (canvas (t), "box");
  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  drag (t, 20, 20, 60, 60);
  action (t, "canvas.copy", NULL);
  action (t, "canvas.duplicate", NULL);
  a = last_stored (t, &keep);
  g_assert_cmpfloat (coord (a, 0), ==, 30);
  g_assert_cmpint (a->label_id, ==, t->f->dog);
  title = undo_title (t);
  g_assert_cmpstr (title, ==, "Paste Box");
  /* On the next item, where it was. */
  {
    g_autoptr(CairnItem) item = cairn_store_get_item (t->f->store, other, &error);
    g_autoptr(GPtrArray) labels = cairn_store_list_labels (t->f->store, &error);
    g_autoptr(GPtrArray) there = NULL;

    cairn_item_view_set_item (CAIRN_ITEM_VIEW (t->canvas), t->f->store, item, labels);
    action (t, "canvas.paste", NULL);
    there = cairn_store_list_annotations (t->f->store, other, &error);
    g_assert_cmpuint (there->len, ==, 1);
    a = there->pdata[0];
    g_assert_cmpfloat (coord (a, 0), ==, 20);
    g_assert_cmpint (a->item_id, ==, other);
  }
}

/* The palette (and 1–9) hold the labels the tool can draw. */
static void
test_palette_follows_tool (T *t, gconstpointer data)
{
  GPtrArray *palette;
  gboolean has_sign = FALSE;

  cairn_canvas_set_tool_name (canvas (t), "box");
  palette = cairn_canvas_get_palette_labels (canvas (t));
  for (guint i = 0; i < palette->len; i++)
    has_sign |= ((CairnLabel *) palette->pdata[i])->id == t->boxes_only;
  g_assert_true (has_sign);
  cairn_canvas_set_tool_name (canvas (t), "polygon");
  palette = cairn_canvas_get_palette_labels (canvas (t));
  for (guint i = 0; i < palette->len; i++)
    g_assert_cmpint (((CairnLabel *) palette->pdata[i])->id, !=, t->boxes_only);
  /* The last place key picks the last label shown, not the project's last one. */
  action (t, "canvas.select-label", g_variant_new_int32 ((gint32) palette->len - 1));
  g_assert_cmpint (cairn_canvas_get_current_label_id (canvas (t)), ==,
                   ((CairnLabel *) palette->pdata[palette->len - 1])->id);
}

static guint
binding_index (const char *action)
{
  guint n;
  const CairnKeyBinding *bindings = cairn_keymap_get_defaults (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (bindings[i].action, action))
      return i;
  g_assert_not_reached ();
}

/* Keys are remapped in Preferences; a key another command or a label has is refused. */
static void
test_remap (T *t, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.cairn.Cairn");
  g_autoptr(CairnLabel) tree = cairn_label_new ("tree");
  g_autoptr(GPtrArray) labels = NULL;
  GtkWindow *prefs;
  GtkWindow *shortcuts;
  guint box = binding_index ("canvas.tool::box");
  g_auto(GStrv) accels = NULL;
  g_autoptr(GError) error = NULL;
  const CairnKeyBinding *found;

  tree->hotkey = g_strdup ("z");
  g_assert_true (cairn_store_add_label (t->f->store, tree, &error));
  labels = cairn_store_list_labels (t->f->store, NULL);
  prefs = g_object_ref (cairn_preferences_new (NULL, settings, labels));
  g_assert_false (cairn_preferences_assign (CAIRN_PREFERENCES (prefs), box, "p", &error));
  g_assert_nonnull (strstr (error->message, "Polygon"));
  g_clear_error (&error);
  g_assert_false (cairn_preferences_assign (CAIRN_PREFERENCES (prefs), box, "z", &error));
  g_assert_nonnull (strstr (error->message, "label’s hotkey"));
  g_clear_error (&error);
  g_assert_true (cairn_preferences_assign (CAIRN_PREFERENCES (prefs), box, "j", &error));
  g_assert_no_error (error);
  accels = cairn_shortcuts_dup_accels (&cairn_keymap_get_defaults (&(guint) { 0 })[box], settings);
  g_assert_cmpstr (accels[0], ==, "j");
  g_assert_null (accels[1]);
  found = cairn_shortcuts_find ("j", settings, NULL);
  g_assert_cmpstr (found->action, ==, "canvas.tool::box");
  g_assert_null (cairn_shortcuts_find ("r", settings, NULL));

  /* The canvas takes the new keys (and the label's z). */
  cairn_shortcuts_attach (t->canvas, settings, labels);
  shortcuts = cairn_shortcuts_window_new (NULL, settings);
  g_object_ref (shortcuts);
  gtk_window_destroy (shortcuts);
  g_assert_finalize_object (shortcuts);
  g_settings_reset (settings, "shortcuts");
  gtk_window_destroy (prefs);
  g_assert_finalize_object (prefs);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, T, NULL, t_set_up, fn, t_tear_down)
  ADD ("/tools/box", test_box);
  ADD ("/tools/polygon", test_polygon);
  ADD ("/tools/labels", test_labels);
  ADD ("/tools/select-move-delete", test_select_move_delete);
  ADD ("/tools/exact-pick", test_exact_pick);
  ADD ("/tools/render", test_render);
  ADD ("/tools/damage", test_damage);
  ADD ("/tools/rotate", test_rotate);
  ADD ("/tools/holes-and-snapping", test_holes_and_snapping);
  ADD ("/tools/tags", test_tags);
  ADD ("/tools/hide-and-lock", test_hide_and_lock);
  ADD ("/tools/rubber-band", test_rubber_band);
  ADD ("/tools/remap", test_remap);
  ADD ("/tools/drag-kinds", test_drag_kinds);
  ADD ("/tools/click-kinds", test_click_kinds);
  ADD ("/tools/keypoints", test_keypoints);
  ADD ("/tools/cuboid", test_cuboid);
  ADD ("/tools/nudge-and-cycle", test_nudge_and_cycle);
  ADD ("/tools/vertices", test_vertices);
  ADD ("/tools/inspector-edits", test_inspector_edits);
  ADD ("/tools/copy-paste", test_copy_paste);
  ADD ("/tools/palette-follows-tool", test_palette_follows_tool);
#undef ADD
  return g_test_run ();
}
