/* The segmentation tools driven as a pointer would (image pixels, zoom 1) with a real store
 * and edit stack: brush, eraser, fill, wand, scissors and superpixels each make one edit per
 * gesture, which undoes and redoes; polygons and masks convert both ways; the overlay's
 * opacity, outline view and hidden labels change what is drawn. */
#include <gtk/gtk.h>
#include <math.h>

#include "edit/cairn-edit-stack.h"
#include "mask/cairn-bitmap.h"
#include "mask/cairn-mask-paint.h"
#include "tools/cairn-brush-tool.h"
#include "tools/cairn-fill-tool.h"
#include "tools/cairn-scissors-tool.h"
#include "tools/cairn-superpixels-tool.h"
#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"
#include "ui-fixture.h"
#include "ui-wait.h"

#define W 400
#define H 300

typedef struct
{
  Fixture        *f;
  CairnEditStack *stack;
  GtkWidget      *canvas;
  gint64          item;
} T;

/* Light ground, a dark disc of radius 60 at (200, 150); with quadrants, four flat colours
 * split at x = 200 and y = 150 instead. */
static GdkPixbuf *
picture (gboolean quadrants)
{
  GdkPixbuf *p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, W, H);
  guint8 *data = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  static const guint8 colours[4][3] = { { 200, 40, 40 }, { 40, 160, 60 }, { 50, 50, 210 },
                                        { 230, 220, 70 } };

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint8 *px = data + y * stride + x * 3;
        const guint8 *c = colours[(x >= 200) + 2 * (y >= 150)];
        gboolean in = hypot (x + 0.5 - 200, y + 0.5 - 150) < 60;

        px[0] = quadrants ? c[0] : in ? 30 : 220;
        px[1] = quadrants ? c[1] : in ? 30 : 220;
        px[2] = quadrants ? c[2] : in ? 40 : 210;
      }
  return p;
}

static void
t_set_up (T *t, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GdkPixbuf) pixbuf = picture (data != NULL);
  g_autoptr(CairnImage) image = NULL;
  gint64 annotator;

  t->f = fixture_new ();
  t->item = fixture_add_image (t->f, "masks.png", W, H, 0, 0xffffff, CAIRN_STATE_NEW, FALSE);
  annotator = cairn_store_ensure_annotator (t->f->store, "김민지", "annotator", &error);
  t->stack = cairn_edit_stack_new (t->f->store, annotator);
  item = cairn_store_get_item (t->f->store, t->item, &error);
  labels = cairn_store_list_labels (t->f->store, &error);
  g_assert_no_error (error);

  t->canvas = g_object_ref_sink (cairn_canvas_new ());
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (t->canvas), t->stack);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (t->canvas), t->f->store, item, labels);
  image = cairn_image_new_from_pixbuf (pixbuf, 0);
  cairn_canvas_set_image (CAIRN_CANVAS (t->canvas), image);
  cairn_canvas_set_zoom (CAIRN_CANVAS (t->canvas), 1.0);
  cairn_canvas_set_offset (CAIRN_CANVAS (t->canvas), 0, 0);
  cairn_canvas_set_current_label_id (CAIRN_CANVAS (t->canvas), t->f->cat);
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
at (double x, double y, GdkModifierType modifiers)
{
  CairnToolEvent e = { 0 };

  e.x = e.widget_x = x;
  e.y = e.widget_y = y;
  e.button = GDK_BUTTON_PRIMARY;
  e.n_press = 1;
  e.modifiers = modifiers;
  return e;
}

static void
drag_with (T *t, double x0, double y0, double x1, double y1, GdkModifierType modifiers)
{
  CairnTool *tool = cairn_canvas_get_tool (canvas (t));
  CairnToolEvent e = at (x0, y0, modifiers);

  g_assert_true (cairn_tool_press (tool, canvas (t), &e));
  for (guint i = 1; i <= 4; i++)
    {
      e = at (x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * i / 4, modifiers);
      cairn_tool_drag (tool, canvas (t), &e);
    }
  cairn_tool_release (tool, canvas (t), &e);
}

static void
drag (T *t, double x0, double y0, double x1, double y1)
{
  drag_with (t, x0, y0, x1, y1, 0);
}

static void
click (T *t, double x, double y, guint n_press)
{
  CairnTool *tool = cairn_canvas_get_tool (canvas (t));
  CairnToolEvent e = at (x, y, 0);

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

/* The only annotation of the item (of kind), or NULL. */
static CairnAnnotation *
only (T *t, CairnKind kind)
{
  g_autoptr(GPtrArray) list = stored (t);
  CairnAnnotation *found = NULL;

  for (guint i = 0; i < list->len; i++)
    if (((CairnAnnotation *) list->pdata[i])->kind == kind)
      {
        g_assert_null (found);
        found = cairn_annotation_copy (list->pdata[i]);
      }
  return found;
}

static gboolean
exists (T *t, CairnKind kind)
{
  g_autoptr(CairnAnnotation) a = only (t, kind);

  return a != NULL;
}

static guint64
area (T *t)
{
  g_autoptr(CairnAnnotation) a = only (t, CAIRN_KIND_MASK);

  return a != NULL ? cairn_rle_area (a->mask) : 0;
}

static gboolean
pixel (T *t, int x, int y)
{
  g_autoptr(CairnAnnotation) a = only (t, CAIRN_KIND_MASK);
  g_autoptr(CairnBitmap) bits = NULL;

  g_assert_nonnull (a);
  bits = cairn_bitmap_new_from_rle (a->mask, NULL);
  return cairn_bitmap_get (bits, x, y);
}

static void
assert_undo_title (T *t, const char *title)
{
  g_autofree char *got = cairn_edit_stack_dup_undo_title (t->stack);

  g_assert_cmpstr (got, ==, title);
}

static void
undo (T *t)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_edit_stack_undo (t->stack, &error));
  g_assert_no_error (error);
}

static void
redo (T *t)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_edit_stack_redo (t->stack, &error));
  g_assert_no_error (error);
}

static void
action (T *t, const char *name, GVariant *parameter)
{
  g_autoptr(GVariant) owned = parameter ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (t->canvas, name, owned));
}

static void
test_brush (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) first = NULL;
  CairnBrushTool *brush;
  guint64 a1, a2;

  action (t, "canvas.tool", g_variant_new_string ("brush"));
  brush = CAIRN_BRUSH_TOOL (cairn_canvas_get_tool (canvas (t)));
  g_assert_cmpfloat (cairn_brush_tool_get_size (brush), ==, CAIRN_BRUSH_DEFAULT_SIZE);
  drag (t, 50, 50, 150, 50);
  first = only (t, CAIRN_KIND_MASK);
  g_assert_nonnull (first);
  g_assert_cmpint (first->label_id, ==, t->f->cat);
  g_assert_cmpuint (first->mask->width, ==, W);
  g_assert_cmpuint (first->mask->height, ==, H);
  g_assert_true (pixel (t, 100, 50) && pixel (t, 100, 59) && !pixel (t, 100, 61));
  /* A stroke 100 long and 20 wide with round ends. */
  a1 = area (t);
  g_assert_cmpuint (a1, >, 100 * 20);
  g_assert_cmpuint (a1, <, 100 * 20 + 400);
  assert_undo_title (t, "Draw Mask");
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, first->id);

  /* Bigger and square: the next stroke goes on the selected mask, one edit. */
  action (t, "tool.size", g_variant_new_int32 (1));
  g_assert_cmpfloat (cairn_brush_tool_get_size (brush), ==, 25);
  action (t, "tool.size", g_variant_new_int32 (-1));
  g_assert_cmpfloat (cairn_brush_tool_get_size (brush), ==, 20);
  action (t, "tool.tip", NULL);
  g_assert_cmpint (cairn_brush_tool_get_tip (brush), ==, CAIRN_TIP_SQUARE);
  drag (t, 100, 100, 100, 200);
  a2 = area (t);
  g_assert_cmpuint (a2, >, a1 + 100 * 20 - 50);
  g_assert_true (pixel (t, 91, 150) && !pixel (t, 89, 150));
  assert_undo_title (t, "Paint Mask");
  {
    g_autoptr(CairnAnnotation) same = only (t, CAIRN_KIND_MASK);

    g_assert_cmpint (same->id, ==, first->id);
  }
  undo (t);
  g_assert_cmpuint (area (t), ==, a1);
  redo (t);
  g_assert_cmpuint (area (t), ==, a2);
  undo (t);
  undo (t);
  g_assert_false (exists (t, CAIRN_KIND_MASK));
  redo (t);
  g_assert_cmpuint (area (t), ==, a1);

  /* Escape in the middle of a stroke: nothing changes. */
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (300, 250, 0);

    cairn_tool_press (tool, canvas (t), &e);
    e = at (350, 250, 0);
    cairn_tool_drag (tool, canvas (t), &e);
    g_assert_true (cairn_canvas_mask_is_live (canvas (t)));
    action (t, "tool.cancel", NULL);
    g_assert_false (cairn_canvas_mask_is_live (canvas (t)));
    cairn_tool_release (tool, canvas (t), &e);
  }
  g_assert_cmpuint (area (t), ==, a1);
  /* Escape again lets go of the mask: the next stroke starts another one. */
  action (t, "tool.cancel", NULL);
  drag (t, 300, 250, 350, 250);
  {
    g_autoptr(GPtrArray) list = stored (t);

    g_assert_cmpuint (list->len, ==, 2);
  }
  /* Nothing selected, a stroke that starts on a mask of the current label extends it. */
  action (t, "tool.cancel", NULL);
  drag (t, 60, 50, 60, 120);
  {
    g_autoptr(GPtrArray) list = stored (t);
    const CairnAnnotation *a = list->pdata[0];

    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpint (a->id, ==, first->id);
    g_assert_cmpuint (cairn_rle_area (a->mask), >, a1 + 50 * 15);
  }
  assert_undo_title (t, "Paint Mask");
}

static void
test_eraser (T *t, gconstpointer data)
{
  guint64 before;

  action (t, "canvas.tool", g_variant_new_string ("brush"));
  drag (t, 50, 50, 150, 50);
  before = area (t);
  cairn_canvas_set_selected_id (canvas (t), 0);
  action (t, "canvas.tool", g_variant_new_string ("eraser"));
  /* Nothing under the pointer: no edit. */
  drag (t, 300, 200, 320, 200);
  assert_undo_title (t, "Draw Mask");
  /* Across it from a point on it: the mask under the pointer loses a band. */
  drag (t, 100, 50, 100, 80);
  drag (t, 100, 50, 100, 20);
  g_assert_cmpuint (area (t), <, before);
  g_assert_false (pixel (t, 100, 50));
  g_assert_true (pixel (t, 60, 50));
  assert_undo_title (t, "Erase Mask");
  undo (t);
  undo (t);
  g_assert_cmpuint (area (t), ==, before);
  redo (t);
  redo (t);
  /* All of it: the mask goes, and comes back with undo. */
  action (t, "tool.size", g_variant_new_int32 (10));
  drag (t, 30, 50, 170, 50);
  g_assert_false (exists (t, CAIRN_KIND_MASK));
  assert_undo_title (t, "Delete Mask");
  undo (t);
  g_assert_true (exists (t, CAIRN_KIND_MASK));
}

static void
test_fill (T *t, gconstpointer data)
{
  double square[] = { 250, 200, 350, 200, 350, 280, 250, 280 };
  guint64 ring, filled;

  /* A closed ring of brush, then a click inside it. */
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  action (t, "tool.size", g_variant_new_int32 (-5));
  drag (t, 50, 50, 150, 50);
  drag (t, 150, 50, 150, 150);
  drag (t, 150, 150, 50, 150);
  drag (t, 50, 150, 50, 50);
  ring = area (t);
  action (t, "canvas.tool", g_variant_new_string ("fill"));
  click (t, 100, 100, 1);
  filled = area (t);
  g_assert_cmpuint (filled, >, ring + 90 * 90);
  g_assert_true (pixel (t, 100, 100));
  assert_undo_title (t, "Fill Mask");
  /* Outside, the area is not closed: nothing. */
  click (t, 10, 280, 1);
  g_assert_cmpuint (area (t), ==, filled);
  undo (t);
  g_assert_cmpuint (area (t), ==, ring);
  redo (t);

  /* Inside a polygon, nothing selected: a new mask of the polygon's pixels. */
  {
    g_autoptr(CairnAnnotation) polygon = cairn_annotation_new (CAIRN_KIND_POLYGON);
    g_autoptr(GPtrArray) list = NULL;
    g_autoptr(CairnBitmap) expected = cairn_bitmap_new (W, H);
    guint four = 4;
    CairnAnnotation *mask = NULL;

    polygon->item_id = t->item;
    polygon->label_id = t->f->dog;
    cairn_annotation_add_ring (polygon, square, 4);
    fixture_add_annotation (t->f, g_steal_pointer (&polygon));
    cairn_canvas_set_selected_id (canvas (t), 0);
    click (t, 300, 240, 1);
    list = stored (t);
    g_assert_cmpuint (list->len, ==, 3);
    mask = list->pdata[2];
    g_assert_cmpint (mask->kind, ==, CAIRN_KIND_MASK);
    cairn_mask_fill_polygon (expected, square, &four, 1, 1, NULL);
    g_assert_cmpuint (cairn_rle_area (mask->mask), ==, cairn_bitmap_count (expected));
    g_assert_cmpuint (cairn_rle_area (mask->mask), ==, 100 * 80);
  }
}

static void
test_wand (T *t, gconstpointer data)
{
  double disc = G_PI * 60 * 60;
  guint64 a;

  action (t, "canvas.tool", g_variant_new_string ("wand"));
  click (t, 200, 150, 1);
  a = area (t);
  g_assert_cmpfloat (fabs (a - disc), <, 0.02 * disc);
  g_assert_true (pixel (t, 200, 100) && !pixel (t, 200, 80));
  assert_undo_title (t, "Draw Mask");
  undo (t);
  g_assert_false (exists (t, CAIRN_KIND_MASK));
  /* Dragged away, the tolerance grows past the difference: the whole picture. */
  drag (t, 200, 150, 400, 300);
  g_assert_cmpuint (area (t), ==, W * H);
  undo (t);
  /* Shift takes the disc out of the selected mask. */
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  action (t, "tool.size", g_variant_new_int32 (10));
  drag (t, 150, 150, 250, 150);
  a = area (t);
  action (t, "canvas.tool", g_variant_new_string ("wand"));
  /* The tolerance the last drag left is kept (199): dragged back up-left, it comes down. */
  drag_with (t, 200, 150, 0, 0, GDK_SHIFT_MASK);
  {
    CairnFillTool *wand = CAIRN_FILL_TOOL (cairn_canvas_get_tool (canvas (t)));

    g_assert_cmpuint (cairn_fill_tool_get_tolerance (wand), ==, CAIRN_WAND_DEFAULT_TOLERANCE);
  }
  g_assert_cmpuint (area (t), <, a);
  g_assert_false (pixel (t, 200, 150));
  assert_undo_title (t, "Fill Mask");
}

static void
wait_scissors (T *t)
{
  CairnScissorsTool *tool = CAIRN_SCISSORS_TOOL (cairn_canvas_get_tool (canvas (t)));

  UI_WAIT_FOR (cairn_scissors_tool_is_ready (tool));
}

/* Four clicks on the disc's edge: the outline between them follows the circle, not the
 * chords (which come 17 px inside it). */
static void
test_scissors (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) polygon = NULL;
  double worst = 0;

  action (t, "canvas.tool", g_variant_new_string ("scissors"));
  wait_scissors (t);
  click (t, 200, 90, 1);
  /* The anchor's paths come from a thread: the live path is straight until then, and
   * follows the circle once they are there, without another move. */
  {
    CairnScissorsTool *tool = CAIRN_SCISSORS_TOOL (cairn_canvas_get_tool (canvas (t)));
    CairnToolEvent e = at (260, 150, 0);
    const GArray *live;

    cairn_tool_motion (CAIRN_TOOL (tool), canvas (t), &e);
    if (!cairn_scissors_tool_is_tracing (tool))
      g_assert_cmpuint (cairn_scissors_tool_get_live_path (tool)->len, ==, 4);
    UI_WAIT_FOR (cairn_scissors_tool_is_tracing (tool));
    live = cairn_scissors_tool_get_live_path (tool);
    g_assert_cmpuint (live->len, >, 2 * 40);
    {
      double mx = g_array_index (live, double, live->len / 2 & ~1u);
      double my = g_array_index (live, double, (live->len / 2 & ~1u) + 1);

      g_assert_cmpfloat (fabs (hypot (mx - 200, my - 150) - 60), <, 3);
    }
  }
  click (t, 260, 150, 1);
  click (t, 200, 210, 1);
  {
    CairnTool *tool = cairn_canvas_get_tool (canvas (t));
    CairnToolEvent e = at (160, 190, 0);

    cairn_tool_motion (tool, canvas (t), &e);
  }
  click (t, 140, 150, 1);
  action (t, "tool.finish", NULL);
  polygon = only (t, CAIRN_KIND_POLYGON);
  g_assert_nonnull (polygon);
  g_assert_cmpuint (polygon->coords->len / 2, >=, 12);
  for (guint i = 0; i < polygon->coords->len; i += 2)
    worst = MAX (worst, fabs (hypot (g_array_index (polygon->coords, double, i) - 200,
                                     g_array_index (polygon->coords, double, i + 1) - 150)
                              - 60));
  g_assert_cmpfloat (worst, <, 3);
  assert_undo_title (t, "Draw Polygon");
  undo (t);
  g_assert_false (exists (t, CAIRN_KIND_POLYGON));

  /* Backspace takes back an anchor; Shift+Enter ends as a mask. */
  click (t, 200, 90, 1);
  click (t, 260, 150, 1);
  click (t, 30, 30, 1);
  action (t, "tool.back", NULL);
  click (t, 200, 210, 1);
  click (t, 140, 150, 1);
  action (t, "tool.finish-mask", NULL);
  g_assert_false (exists (t, CAIRN_KIND_POLYGON));
  g_assert_cmpfloat (fabs (area (t) - G_PI * 3600), <, 0.05 * G_PI * 3600);
  g_assert_false (pixel (t, 30, 30));
  undo (t);
  g_assert_false (exists (t, CAIRN_KIND_MASK));

  /* A label for masks alone: the palette offers it, and Enter ends as a mask. */
  {
    g_autoptr(CairnLabel) stuff = cairn_label_new ("stuff");
    g_autoptr(GError) error = NULL;
    GPtrArray *palette;
    gboolean offered = FALSE;

    stuff->kinds = 1u << CAIRN_KIND_MASK;
    g_assert_true (cairn_store_add_label (t->f->store, stuff, &error));
    palette = cairn_canvas_get_palette_labels (canvas (t));
    for (guint i = 0; i < palette->len; i++)
      offered |= ((CairnLabel *) palette->pdata[i])->id == stuff->id;
    g_assert_true (offered);
    cairn_canvas_set_current_label_id (canvas (t), stuff->id);
    click (t, 200, 90, 1);
    click (t, 260, 150, 1);
    click (t, 200, 210, 1);
    action (t, "tool.finish", NULL);
    g_assert_false (exists (t, CAIRN_KIND_POLYGON));
    g_assert_true (exists (t, CAIRN_KIND_MASK));
  }
}

static void
test_superpixels (T *t, gconstpointer data)
{
  CairnSuperpixelsTool *tool;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnBitmap) bits = NULL;
  guint64 one, more;

  action (t, "canvas.tool", g_variant_new_string ("superpixels"));
  tool = CAIRN_SUPERPIXELS_TOOL (cairn_canvas_get_tool (canvas (t)));
  UI_WAIT_FOR (cairn_superpixels_tool_is_ready (tool));
  click (t, 50, 50, 1);
  one = area (t);
  g_assert_cmpuint (one, >, 100);
  g_assert_cmpuint (one, <, 4 * 32 * 32);
  /* Only pixels of the top-left quadrant: superpixels keep to the colours. */
  a = only (t, CAIRN_KIND_MASK);
  bits = cairn_bitmap_new_from_rle (a->mask, NULL);
  {
    CairnMaskRect b;

    g_assert_true (cairn_bitmap_bounds (bits, &b));
    g_assert_cmpint (b.x + b.width, <=, 200);
    g_assert_cmpint (b.y + b.height, <=, 150);
  }
  assert_undo_title (t, "Draw Mask");
  drag (t, 20, 100, 180, 100);
  more = area (t);
  g_assert_cmpuint (more, >, one + 3 * 100);
  assert_undo_title (t, "Fill Mask");
  drag_with (t, 20, 100, 180, 100, GDK_SHIFT_MASK);
  g_assert_cmpuint (area (t), <, more);
  undo (t);
  g_assert_cmpuint (area (t), ==, more);
  undo (t);
  g_assert_cmpuint (area (t), ==, one);

  /* Smaller superpixels: computed again. */
  action (t, "tool.size", g_variant_new_int32 (-2));
  g_assert_cmpuint (cairn_superpixels_tool_get_size (tool), ==, 20);
  g_assert_false (cairn_superpixels_tool_is_ready (tool));
  UI_WAIT_FOR (cairn_superpixels_tool_is_ready (tool));
  action (t, "tool.compactness", g_variant_new_int32 (1));
  g_assert_cmpfloat (cairn_superpixels_tool_get_compactness (tool), ==, 15);
  UI_WAIT_FOR (cairn_superpixels_tool_is_ready (tool));
}

static void
test_convert (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) mask = NULL;
  g_autoptr(CairnAnnotation) polygon = NULL;
  g_autoptr(CairnAnnotation) back = NULL;
  guint64 inter, uni;

  /* A ring with a hole: the polygon has both rings. */
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  drag (t, 50, 50, 150, 50);
  drag (t, 150, 50, 150, 150);
  drag (t, 150, 150, 50, 150);
  drag (t, 50, 150, 50, 50);
  mask = only (t, CAIRN_KIND_MASK);
  action (t, "canvas.mask-to-polygon", NULL);
  g_assert_false (exists (t, CAIRN_KIND_MASK));
  polygon = only (t, CAIRN_KIND_POLYGON);
  g_assert_nonnull (polygon);
  g_assert_cmpuint (polygon->rings->len, ==, 2);
  g_assert_cmpint (polygon->label_id, ==, mask->label_id);
  g_assert_cmpint (cairn_canvas_get_selected_id (canvas (t)), ==, polygon->id);
  assert_undo_title (t, "Convert to Polygon");
  /* And back: the same pixels but for the simplified corners' slivers. */
  action (t, "canvas.polygon-to-mask", NULL);
  back = only (t, CAIRN_KIND_MASK);
  g_assert_nonnull (back);
  g_assert_false (exists (t, CAIRN_KIND_POLYGON));
  cairn_rle_overlap (mask->mask, back->mask, &inter, &uni);
  g_assert_cmpfloat ((double) inter / uni, >, 0.97);
  assert_undo_title (t, "Convert to Mask");
  undo (t);
  undo (t);
  {
    g_autoptr(CairnAnnotation) again = only (t, CAIRN_KIND_MASK);

    g_assert_cmpint (again->id, ==, mask->id);
    g_assert_true (cairn_rle_equal (again->mask, mask->mask));
  }
}

/* A pixel of the shapes drawn over a transparent surface: its alpha. */
static guint
drawn_alpha (T *t, int x, int y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  guint alpha;

  cairn_canvas_draw_shapes (canvas (t), cr, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  alpha = cairo_image_surface_get_data (surface)[y * cairo_image_surface_get_stride (surface)
                                                 + x * 4 + 3];
  cairo_surface_destroy (surface);
  return alpha;
}

/* Zoomed out, the stroke is painted on a reduced surface, and the stored mask drawn from
 * one; zoomed in again, from the full-size one the stroke left. */
static void
test_zoomed_out (T *t, gconstpointer data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W / 4, H / 4);
  cairo_t *cr = cairo_create (surface);
  const guint8 *px;
  int stride;

  cairn_canvas_set_zoom (canvas (t), 0.25);
  cairn_canvas_set_offset (canvas (t), 0, 0);
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  action (t, "tool.size", g_variant_new_int32 (-10));
  drag (t, 100, 151, 300, 151);
  g_assert_true (pixel (t, 200, 151) && !pixel (t, 200, 149));
  cairn_canvas_set_selected_id (canvas (t), 0);
  cairo_scale (cr, 0.25, 0.25);
  cairn_canvas_draw_shapes (canvas (t), cr, 0.25);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  px = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* A one-pixel line is still there at a quarter of the size. */
  g_assert_cmpuint (px[37 * stride + 50 * 4 + 3], >, 80);
  g_assert_cmpuint (px[45 * stride + 50 * 4 + 3], ==, 0); /* (above it is the name tag) */
  cairo_surface_destroy (surface);
  cairn_canvas_set_zoom (canvas (t), 1.0);
  cairn_canvas_set_offset (canvas (t), 0, 0);
  g_assert_cmpuint (drawn_alpha (t, 200, 151), >, 80);
  g_assert_cmpuint (drawn_alpha (t, 200, 149), ==, 0);
}

static void
test_overlay (T *t, gconstpointer data)
{
  guint inside, more;

  action (t, "canvas.tool", g_variant_new_string ("brush"));
  action (t, "tool.size", g_variant_new_int32 (10));
  drag (t, 100, 150, 300, 150);
  cairn_canvas_set_selected_id (canvas (t), 0);
  inside = drawn_alpha (t, 200, 150);
  g_assert_cmpuint (inside, >, 80);
  action (t, "canvas.mask-opacity", g_variant_new_double (0.2));
  more = drawn_alpha (t, 200, 150);
  g_assert_cmpuint (more, >, inside + 30);
  g_assert_cmpfloat (fabs (cairn_canvas_mask_get_opacity (canvas (t)) - 0.65), <, 1e-9);
  /* Outlined: nothing inside, the edge drawn. */
  action (t, "canvas.mask-outline", NULL);
  g_assert_true (cairn_canvas_mask_get_outline (canvas (t)));
  g_assert_cmpuint (drawn_alpha (t, 200, 150), ==, 0);
  {
    int top = 0;

    while (!pixel (t, 200, top))
      top++;
    g_assert_cmpuint (drawn_alpha (t, 200, top), >, 100);
  }
  action (t, "canvas.mask-outline", NULL);
  /* The current label's masks hidden, then shown. */
  action (t, "canvas.hide-label-masks", NULL);
  g_assert_true (cairn_canvas_get_label_hidden (canvas (t), t->f->cat));
  g_assert_cmpuint (drawn_alpha (t, 200, 150), ==, 0);
  action (t, "canvas.hide-label-masks", NULL);
  g_assert_cmpuint (drawn_alpha (t, 200, 150), ==, more);
}


/* The masks of the item of a label. */
static GPtrArray *
masks_of (T *t, gint64 label_id)
{
  g_autoptr(GPtrArray) list = stored (t);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);

  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];

      if (a->kind == CAIRN_KIND_MASK && a->label_id == label_id)
        g_ptr_array_add (found, cairn_annotation_copy (a));
    }
  return found;
}

static CairnAnnotation *
mask_of (T *t, gint64 label_id)
{
  g_autoptr(GPtrArray) list = masks_of (t, label_id);

  g_assert_cmpuint (list->len, <=, 1);
  return list->len ? cairn_annotation_copy (list->pdata[0]) : NULL;
}

static gboolean
mask_pixel (const CairnAnnotation *a, int x, int y)
{
  g_autoptr(CairnBitmap) bits = cairn_bitmap_new_from_rle (a->mask, NULL);

  return cairn_bitmap_get (bits, x, y);
}

static guint
n_changes_of_last_edit (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditRecord) record = cairn_store_next_edit (t->f->store,
                                                             cairn_edit_stack_get_annotator (t->stack),
                                                             CAIRN_EDIT_DONE, &error);
  g_autoptr(CairnEdit) edit = NULL;

  g_assert_no_error (error);
  edit = cairn_edit_new_from_json (record->body, &error);
  g_assert_no_error (error);
  return cairn_edit_get_n_changes (edit);
}

/* Semantic: a label's one mask, painting takes pixels from the others in the same edit, and
 * the eraser takes them from all; the choice is kept in the project. */
static void
test_semantic (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) cat = NULL;
  g_autoptr(CairnAnnotation) cut = NULL;
  g_autoptr(CairnAnnotation) dog = NULL;
  g_autofree char *kept = NULL;
  guint64 inter, uni;

  action (t, "canvas.semantic-masks", NULL);
  g_assert_true (cairn_canvas_get_semantic_masks (canvas (t)));
  kept = cairn_store_dup_meta (t->f->store, "mask.semantic");
  g_assert_cmpstr (kept, ==, "true");
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  drag (t, 50, 100, 250, 100);
  cat = mask_of (t, t->f->cat);
  g_assert_true (json_object_get_boolean_member_with_default (cat->attributes, "semantic",
                                                              FALSE));
  /* Dog across the cat: the crossing is the dog's, one edit of two changes. */
  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  drag (t, 150, 40, 150, 160);
  assert_undo_title (t, "Draw Mask");
  g_assert_cmpuint (n_changes_of_last_edit (t), ==, 2);
  cut = mask_of (t, t->f->cat);
  dog = mask_of (t, t->f->dog);
  g_assert_true (mask_pixel (dog, 150, 100) && !mask_pixel (cut, 150, 100));
  g_assert_true (mask_pixel (cut, 100, 100));
  cairn_rle_overlap (cut->mask, dog->mask, &inter, &uni);
  g_assert_cmpuint (inter, ==, 0);
  g_assert_cmpuint (cairn_rle_area (cut->mask) + cairn_rle_area (dog->mask), >,
                    cairn_rle_area (cat->mask));
  /* Elsewhere, nothing selected: still the dog's one mask. */
  cairn_canvas_set_selected_id (canvas (t), 0);
  drag (t, 320, 250, 380, 250);
  {
    g_autoptr(GPtrArray) dogs = masks_of (t, t->f->dog);

    g_assert_cmpuint (dogs->len, ==, 1);
    g_assert_true (mask_pixel (dogs->pdata[0], 350, 250));
  }
  undo (t);
  undo (t);
  {
    g_autoptr(CairnAnnotation) back = mask_of (t, t->f->cat);

    g_assert_true (cairn_rle_equal (back->mask, cat->mask));
    g_assert_null (mask_of (t, t->f->dog));
  }
  redo (t);
  {
    g_autoptr(CairnAnnotation) again = mask_of (t, t->f->cat);

    g_assert_true (cairn_rle_equal (again->mask, cut->mask));
  }

  /* The eraser across both: each loses its pixels under it, one edit. */
  action (t, "canvas.tool", g_variant_new_string ("eraser"));
  cairn_canvas_set_selected_id (canvas (t), 0);
  drag (t, 120, 100, 180, 100);
  assert_undo_title (t, "Erase Mask");
  g_assert_cmpuint (n_changes_of_last_edit (t), ==, 2);
  {
    g_autoptr(CairnAnnotation) c = mask_of (t, t->f->cat);
    g_autoptr(CairnAnnotation) d = mask_of (t, t->f->dog);

    g_assert_false (mask_pixel (c, 125, 100) || mask_pixel (d, 150, 100));
    g_assert_true (mask_pixel (c, 60, 100) && mask_pixel (d, 150, 60));
  }
  undo (t);
  {
    g_autoptr(CairnAnnotation) d = mask_of (t, t->f->dog);

    g_assert_true (cairn_rle_equal (d->mask, dog->mask));
  }
  /* Off again: instance masks, and the project says so. */
  action (t, "canvas.semantic-masks", NULL);
  g_clear_pointer (&kept, g_free);
  kept = cairn_store_dup_meta (t->f->store, "mask.semantic");
  g_assert_cmpstr (kept, ==, "false");
}

/* Instance mode: the eraser takes from the selected mask, or the topmost under the press, and
 * from no other. */
static void
test_eraser_instance (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) cat = NULL;
  g_autoptr(CairnAnnotation) dog = NULL;

  action (t, "canvas.tool", g_variant_new_string ("brush"));
  drag (t, 50, 100, 250, 100);
  cairn_canvas_set_current_label_id (canvas (t), t->f->dog);
  cairn_canvas_set_selected_id (canvas (t), 0);
  drag (t, 150, 40, 150, 160);
  cat = mask_of (t, t->f->cat);
  dog = mask_of (t, t->f->dog);
  g_assert_true (mask_pixel (cat, 150, 100) && mask_pixel (dog, 150, 100));
  action (t, "canvas.tool", g_variant_new_string ("eraser"));
  cairn_canvas_set_selected_id (canvas (t), 0);
  drag (t, 150, 100, 150, 130);
  {
    g_autoptr(CairnAnnotation) c = mask_of (t, t->f->cat);
    g_autoptr(CairnAnnotation) d = mask_of (t, t->f->dog);

    g_assert_true (cairn_rle_equal (c->mask, cat->mask));
    g_assert_false (mask_pixel (d, 150, 100));
  }
  g_assert_cmpuint (n_changes_of_last_edit (t), ==, 1);
}

/* A label hidden: its masks and shapes are neither drawn nor picked. */
static void
test_label_hidden (T *t, gconstpointer data)
{
  g_autoptr(CairnAnnotation) box = cairn_annotation_new (CAIRN_KIND_BOX);
  guint told = 0;

  box->item_id = t->item;
  box->label_id = t->f->cat;
  g_array_append_vals (box->coords, (double[]) { 20, 20, 60, 60 }, 4);
  fixture_add_annotation (t->f, g_steal_pointer (&box));
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  drag (t, 200, 150, 300, 150);
  cairn_canvas_set_selected_id (canvas (t), 0);
  g_assert_cmpuint (drawn_alpha (t, 250, 150), >, 80);
  g_assert_cmpuint (drawn_alpha (t, 20, 40), >, 80);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 40, 40), !=, 0);
  g_signal_connect_swapped (t->canvas, "label-hidden", G_CALLBACK (g_atomic_int_inc), &told);
  cairn_canvas_set_label_hidden (canvas (t), t->f->cat, TRUE);
  g_assert_cmpuint (told, ==, 1);
  g_assert_cmpuint (drawn_alpha (t, 250, 150), ==, 0);
  g_assert_cmpuint (drawn_alpha (t, 20, 40), ==, 0);
  g_assert_cmpint (cairn_canvas_pick (canvas (t), 40, 40), ==, 0);
  /* Shift+M is the same switch, for the current label. */
  action (t, "canvas.hide-label-masks", NULL);
  g_assert_false (cairn_canvas_get_label_hidden (canvas (t), t->f->cat));
  g_assert_cmpuint (told, ==, 2);
  g_assert_cmpuint (drawn_alpha (t, 250, 150), >, 80);
}

/* A picture wider than cairo's surfaces: the stroke under way shows all the same. */
static void
test_wide_picture (T *t, gconstpointer data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40000, 64);
  g_autoptr(CairnImage) image = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 64);
  cairo_t *cr = cairo_create (surface);
  CairnTool *tool;
  CairnToolEvent e = at (39000, 32, 0);
  const guint8 *px;
  int stride;

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  image = cairn_image_new_from_pixbuf (pixbuf, 0);
  cairn_canvas_set_image (canvas (t), image);
  cairn_canvas_set_zoom (canvas (t), 1.0);
  action (t, "canvas.tool", g_variant_new_string ("brush"));
  tool = cairn_canvas_get_tool (canvas (t));
  g_assert_true (cairn_tool_press (tool, canvas (t), &e));
  e = at (39050, 32, 0);
  cairn_tool_drag (tool, canvas (t), &e);
  g_assert_true (cairn_canvas_mask_is_live (canvas (t)));
  cairo_translate (cr, -38900, 0);
  cairn_canvas_mask_draw_live (canvas (t), cr, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  px = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpuint (px[32 * stride + 120 * 4 + 3], >, 60);
  g_assert_cmpuint (px[32 * stride + 20 * 4 + 3], ==, 0);
  /* Stored, it is drawn in the layer too: from the stroke's own surface, then, the item
   * shown again, from one the layer makes from the stored mask. */
  cairn_tool_release (tool, canvas (t), &e);
  g_assert_false (cairn_canvas_mask_is_live (canvas (t)));
  for (guint round = 0; round < 2; round++)
    {
      cairn_canvas_set_selected_id (canvas (t), 0);
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_translate (cr, -38900, 0);
      cairn_canvas_draw_shapes (canvas (t), cr, 1.0);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_assert_cmpuint (px[40 * stride + 120 * 4 + 3], >, 60);
      g_assert_cmpuint (px[40 * stride + 20 * 4 + 3], ==, 0);
      if (round == 0)
        {
          g_autoptr(CairnItem) item = cairn_store_get_item (t->f->store, t->item, NULL);
          g_autoptr(GPtrArray) labels = cairn_store_list_labels (t->f->store, NULL);

          cairn_item_view_set_item (CAIRN_ITEM_VIEW (t->canvas), t->f->store, item, labels);
          cairn_canvas_set_image (canvas (t), image);
          cairn_canvas_set_zoom (canvas (t), 1.0);
          cairn_canvas_set_offset (canvas (t), 0, 0);
        }
    }
  cairo_surface_destroy (surface);
  action (t, "tool.cancel", NULL);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
#define ADD(path, fn, data) g_test_add (path, T, data, t_set_up, fn, t_tear_down)
  ADD ("/mask-tools/brush", test_brush, NULL);
  ADD ("/mask-tools/eraser", test_eraser, NULL);
  ADD ("/mask-tools/fill", test_fill, NULL);
  ADD ("/mask-tools/wand", test_wand, NULL);
  ADD ("/mask-tools/scissors", test_scissors, NULL);
  ADD ("/mask-tools/superpixels", test_superpixels, "quadrants");
  ADD ("/mask-tools/convert", test_convert, NULL);
  ADD ("/mask-tools/overlay", test_overlay, NULL);
  ADD ("/mask-tools/zoomed-out", test_zoomed_out, NULL);
  ADD ("/mask-tools/semantic", test_semantic, NULL);
  ADD ("/mask-tools/eraser-instance", test_eraser_instance, NULL);
  ADD ("/mask-tools/label-hidden", test_label_hidden, NULL);
  ADD ("/mask-tools/wide-picture", test_wide_picture, NULL);
  return g_test_run ();
}
