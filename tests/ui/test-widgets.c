/* The widgets on their own: canvas, image tiles and orientation, text pane, label palette,
 * colour scheme, and the import/export machinery. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "model/cairn-rle.h"
#include "cairn-canvas.h"
#include "cairn-color-scheme.h"
#include "cairn-label-palette.h"
#include "cairn-label-row.h"
#include "cairn-text-pane.h"
#include "cairn-transfer-dialog.h"
#include "ui-fixture.h"
#include "ui-wait.h"

/* Pixels of a cairo ARGB32 surface, as 0xRRGGBB (surfaces here are opaque). */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 v = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);

  return v & 0xffffff;
}

static guint32
rgb_of (const char *color)
{
  double r, g, b;

  g_assert_true (cairn_color_parse (color, &r, &g, &b));
  return ((guint32) (r * 255 + 0.5) << 16) | ((guint32) (g * 255 + 0.5) << 8)
         | (guint32) (b * 255 + 0.5);
}

/* Channel by channel within tolerance. */
static gboolean
near (guint32 a,
      guint32 b,
      int     tolerance)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* colour over white at alpha */
static guint32
over_white (guint32 rgb,
            double  alpha)
{
  guint32 out = 0;

  for (int shift = 0; shift < 24; shift += 8)
    {
      double c = ((rgb >> shift) & 0xff) * alpha + 255 * (1 - alpha);

      out |= (guint32) (c + 0.5) << shift;
    }
  return out;
}

static CairnLabel *
label (gint64      id,
       const char *name,
       const char *color)
{
  CairnLabel *l = cairn_label_new (name);

  l->id = id;
  l->color = g_strdup (color);
  return l;
}

static GPtrArray *
test_labels (void)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_label_free);
  CairnLabel *person = label (3, "person", FIXTURE_PERSON_COLOR);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (labels, label (1, "cat", FIXTURE_CAT_COLOR));
  g_ptr_array_add (labels, label (2, "dog", FIXTURE_DOG_COLOR));
  g_assert_true (cairn_label_skeleton_from_json (person,
                   "{\"points\": [\"a\", \"b\", \"c\"], \"edges\": [[0, 1], [1, 2]]}", &error));
  g_ptr_array_add (labels, person);
  g_ptr_array_add (labels, label (4, "사람", FIXTURE_SARAM_COLOR));
  return labels;
}

static CairnAnnotation *
annotation (gint64        id,
            gint64        label_id,
            CairnKind     kind,
            const double *coords,
            guint         n)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->id = id;
  a->label_id = label_id;
  if (coords)
    cairn_annotation_set_coords (a, coords, n);
  return a;
}

/* A box, a keypoint skeleton with one occluded point, a mask and a tag. */
static GPtrArray *
test_annotations (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  static const double box[] = { 40, 60, 100, 80 };
  static const double keypoints[] = { 280, 150, 2, 290, 200, 2, 285, 250, 1 };
  g_autofree guint8 *bits = g_new0 (guint8, 300 * 400);
  CairnAnnotation *mask;

  g_ptr_array_add (list, annotation (11, 1, CAIRN_KIND_BOX, box, 4));
  g_ptr_array_add (list, annotation (12, 3, CAIRN_KIND_KEYPOINTS, keypoints, 9));
  for (int y = 100; y < 140; y++)
    for (int x = 340; x < 380; x++)
      bits[y * 400 + x] = 1;
  mask = annotation (13, 4, CAIRN_KIND_MASK, NULL, 0);
  cairn_annotation_set_mask (mask, cairn_rle_from_bitmap (bits, 300, 400));
  g_ptr_array_add (list, mask);
  g_ptr_array_add (list, annotation (14, 1, CAIRN_KIND_TAG, NULL, 0));
  return list;
}

static GtkWidget *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_canvas_draws_shapes (void)
{
  GtkWidget *canvas = cairn_canvas_new ();
  g_autoptr(GPtrArray) labels = test_labels ();
  g_autoptr(GPtrArray) annotations = test_annotations ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (surface);
  guint32 cat = rgb_of (FIXTURE_CAT_COLOR);
  guint32 person = rgb_of (FIXTURE_PERSON_COLOR);
  guint32 saram = rgb_of (FIXTURE_SARAM_COLOR);

  g_object_ref_sink (canvas);
  cairn_canvas_set_labels (CAIRN_CANVAS (canvas), labels);
  cairn_canvas_set_annotations (CAIRN_CANVAS (canvas), annotations);
  g_assert_cmpuint (cairn_canvas_get_n_annotations (CAIRN_CANVAS (canvas)), ==, 4);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* The tag has no geometry: three shapes. */
  g_assert_cmpuint (cairn_canvas_draw_shapes (CAIRN_CANVAS (canvas), cr, 1.0), ==, 3);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The box: its outline in the label's colour, a light fill inside, nothing outside. */
  g_assert_true (near (pixel (surface, 40, 100), cat, 2));
  g_assert_true (near (pixel (surface, 90, 100), over_white (cat, 0.22), 3));
  g_assert_cmphex (pixel (surface, 20, 20), ==, 0xffffff);
  /* The skeleton edge from point 0 to point 1 passes through (285, 175). */
  g_assert_true (near (pixel (surface, 285, 175), person, 40));
  /* The occluded point is a ring (the edge to it ends at its centre, from above): below the
   * centre, inside the ring, stays white. */
  g_assert_true (near (pixel (surface, 285, 252), 0xffffff, 24));
  g_assert_true (near (pixel (surface, 289, 250), person, 60));
  /* The mask covers exactly [340, 380) × [100, 140). */
  g_assert_true (near (pixel (surface, 360, 120), over_white (saram, 0.45), 3));
  g_assert_cmphex (pixel (surface, 339, 120), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 380, 120), ==, 0xffffff);
  cairo_surface_destroy (surface);

  g_assert_finalize_object (canvas);
}

static void
test_canvas_fit_and_frame (void)
{
  GtkWidget *canvas = cairn_canvas_new ();
  GtkWidget *window = window_with (canvas, 600, 400);
  g_autoptr(GPtrArray) labels = test_labels ();
  g_autoptr(GPtrArray) annotations = test_annotations ();
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (400, 300, 0x808080);
  g_autoptr(CairnImage) image = cairn_image_new_from_pixbuf (pixbuf, 0);
  double expected, x, y, w, h;

  g_object_ref (window);
  cairn_canvas_set_labels (CAIRN_CANVAS (canvas), labels);
  cairn_canvas_set_annotations (CAIRN_CANVAS (canvas), annotations);
  cairn_canvas_set_image_size (CAIRN_CANVAS (canvas), 400, 300);
  cairn_canvas_set_image (CAIRN_CANVAS (canvas), image);
  UI_WAIT_FOR (cairn_canvas_get_n_frames (CAIRN_CANVAS (canvas)) > 0);

  w = gtk_widget_get_width (canvas);
  h = gtk_widget_get_height (canvas);
  g_assert_cmpfloat (w, ==, 600);
  g_assert_cmpfloat (h, ==, 400);
  expected = MIN ((w - 2 * CAIRN_CANVAS_FIT_MARGIN) / 400, (h - 2 * CAIRN_CANVAS_FIT_MARGIN) / 300);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (CAIRN_CANVAS (canvas)), expected, 1e-9);
  g_assert_true (cairn_canvas_get_fit (CAIRN_CANVAS (canvas)));
  /* Centred: the image's centre is the widget's. */
  cairn_canvas_image_to_widget (CAIRN_CANVAS (canvas), 200, 150, &x, &y);
  g_assert_cmpfloat (fabs (x - w / 2), <=, 1);
  g_assert_cmpfloat (fabs (y - h / 2), <=, 1);
  g_assert_cmpuint (cairn_canvas_get_n_drawn_shapes (CAIRN_CANVAS (canvas)), ==, 3);

  /* A resized window fits again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 400);
  UI_WAIT_FOR (gtk_widget_get_width (canvas) == 900);
  /* Height now limits: (400 - 32) / 300, no longer (600 - 32) / 400. */
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (CAIRN_CANVAS (canvas)),
                                  MIN ((900 - 2 * CAIRN_CANVAS_FIT_MARGIN) / 400,
                                       (400 - 2 * CAIRN_CANVAS_FIT_MARGIN) / 300), 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_canvas_zoom_and_pan (void)
{
  GtkWidget *canvas = cairn_canvas_new ();
  GtkWidget *window = window_with (canvas, 600, 400);
  g_autoptr(GPtrArray) labels = test_labels ();
  g_autoptr(GPtrArray) annotations = test_annotations ();
  CairnToolEvent event = { 0 };
  CairnCanvas *c = CAIRN_CANVAS (canvas);
  double x, y, ox, oy, zoom;

  g_object_ref (window);
  cairn_canvas_set_labels (c, labels);
  cairn_canvas_set_annotations (c, annotations);
  cairn_canvas_set_image_size (c, 400, 300);
  UI_WAIT_FOR (gtk_widget_get_width (canvas) == 600);
  zoom = cairn_canvas_get_zoom (c);

  /* Zooming about a point keeps the image point under it. */
  cairn_canvas_widget_to_image (c, 123, 77, &x, &y);
  cairn_canvas_zoom_at (c, 2.0, 123, 77);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (c), 2 * zoom, 1e-9);
  g_assert_false (cairn_canvas_get_fit (c));
  cairn_canvas_image_to_widget (c, x, y, &ox, &oy);
  g_assert_cmpfloat_with_epsilon (ox, 123, 1e-6);
  g_assert_cmpfloat_with_epsilon (oy, 77, 1e-6);
  cairn_canvas_set_zoom (c, 1000);
  g_assert_cmpfloat (cairn_canvas_get_zoom (c), ==, CAIRN_CANVAS_MAX_ZOOM);
  cairn_canvas_zoom_to_fit (c);
  g_assert_cmpfloat_with_epsilon (cairn_canvas_get_zoom (c), zoom, 1e-9);

  /* The select/pan tool: a drag pans... */
  cairn_canvas_get_offset (c, &ox, &oy);
  event.button = GDK_BUTTON_PRIMARY;
  event.widget_x = 100, event.widget_y = 100;
  cairn_canvas_widget_to_image (c, 100, 100, &event.x, &event.y);
  g_assert_true (cairn_tool_press (cairn_canvas_get_tool (c), c, &event));
  event.widget_x = 150, event.widget_y = 120;
  cairn_tool_drag (cairn_canvas_get_tool (c), c, &event);
  cairn_tool_release (cairn_canvas_get_tool (c), c, &event);
  cairn_canvas_get_offset (c, &x, &y);
  g_assert_cmpfloat (x - ox, ==, 50);
  g_assert_cmpfloat (y - oy, ==, 20);
  g_assert_cmpint (cairn_canvas_get_selected_id (c), ==, 0);

  /* ...and a click selects the shape under the pointer: the box at (40, 60, 100, 80). */
  cairn_canvas_image_to_widget (c, 90, 100, &event.widget_x, &event.widget_y);
  event.x = 90, event.y = 100;
  g_assert_true (cairn_tool_press (cairn_canvas_get_tool (c), c, &event));
  cairn_tool_release (cairn_canvas_get_tool (c), c, &event);
  g_assert_cmpint (cairn_canvas_get_selected_id (c), ==, 11);
  g_assert_cmpint (cairn_canvas_pick (c, 360, 120), ==, 13); /* the mask */
  g_assert_cmpint (cairn_canvas_pick (c, 5, 5), ==, 0);
  /* Escape is the tool.cancel action: with nothing half drawn it lets go of the selection. */
  g_assert_true (gtk_widget_activate_action (canvas, "tool.cancel", NULL));
  g_assert_cmpint (cairn_canvas_get_selected_id (c), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_image_tiles (void)
{
  g_autoptr(GdkPixbuf) wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 5000, 300);
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t clip = GRAPHENE_RECT_INIT (0, 0, 2000, 200);

  gdk_pixbuf_fill (wide, 0x336699ff);
  image = cairn_image_new_from_pixbuf (wide, 0);
  g_assert_cmpint (cairn_image_get_width (image), ==, 5000);
  g_assert_cmpint (cairn_image_get_height (image), ==, 300);
  /* 5000 → 2500 → 1250 → 625 wide. */
  g_assert_cmpuint (cairn_image_get_n_levels (image), ==, 4);
  g_assert_cmpuint (cairn_image_get_n_tiles (image, 0), ==, 3);
  g_assert_cmpuint (cairn_image_get_n_tiles (image, 1), ==, 2);
  g_assert_cmpuint (cairn_image_get_n_tiles (image, 3), ==, 1);

  /* 30 %: drawn from the half-size level, not from 5000 pixels; 20 % from the quarter. */
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 0.3, &clip), ==, 1);
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 0.2, &clip), ==, 2);
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 0.1, &clip), ==, 3);
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 0.5, &clip), ==, 1);
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 1.0, &clip), ==, 0);
  g_assert_cmpuint (cairn_image_snapshot (image, snapshot, 0, 0, 4.0, &clip), ==, 0);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
}

static void
test_image_big_tiles (void)
{
  /* Wider than a texture may be: it must be split. */
  g_autoptr(GdkPixbuf) huge = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40000, 4);
  g_autoptr(CairnImage) image = NULL;

  gdk_pixbuf_fill (huge, 0xffffffff);
  image = cairn_image_new_from_pixbuf (huge, 0);
  g_assert_cmpuint (cairn_image_get_n_tiles (image, 0), ==, (40000 + CAIRN_IMAGE_TILE_SIZE - 1)
                                                               / CAIRN_IMAGE_TILE_SIZE);
}

static GBytes *
png_bytes (GdkPixbuf *pixbuf)
{
  char *buffer;
  gsize size;
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
test_image_orientation (void)
{
  g_autoptr(GdkPixbuf) source = fixture_pixbuf (40, 20, 0xffffff);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) plain = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  g_autoptr(GError) error = NULL;
  guchar *p;

  /* A red marker at the source's top-left, inside the frame. */
  p = gdk_pixbuf_get_pixels (source) + 1 * gdk_pixbuf_get_rowstride (source) + 1 * 3;
  p[0] = 255, p[1] = 0, p[2] = 0;
  bytes = png_bytes (source);

  plain = cairn_image_decode (bytes, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (plain), ==, 40);

  /* EXIF 6: turned 90° clockwise, so the top-left marker ends at the top-right. */
  turned = cairn_image_decode (bytes, NULL, 6, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (turned), ==, 20);
  g_assert_cmpint (gdk_pixbuf_get_height (turned), ==, 40);
  p = gdk_pixbuf_get_pixels (turned) + 1 * gdk_pixbuf_get_rowstride (turned)
      + (20 - 2) * gdk_pixbuf_get_n_channels (turned);
  g_assert_cmpint (p[0], ==, 255);
  g_assert_cmpint (p[1], ==, 0);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_image_load_async (void)
{
  g_autoptr(GdkPixbuf) source = fixture_pixbuf (30, 10, 0x123456);
  g_autoptr(GBytes) bytes = png_bytes (source);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not an image", 12);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *result = NULL;
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GError) error = NULL;

  cairn_image_load_async (bytes, NULL, 0, NULL, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  image = cairn_image_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairn_image_get_width (image), ==, 30);
  g_clear_object (&result);

  cairn_image_load_async (garbage, NULL, 0, NULL, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  g_assert_null (cairn_image_load_finish (result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  cairn_image_load_async (NULL, "/nonexistent/cairn.png", 0, NULL, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  g_assert_null (cairn_image_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  cairn_image_load_async (bytes, NULL, 0, cancellable, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  g_assert_null (cairn_image_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
}

static void
on_progress_cb (double fraction, gpointer data)
{
  GArray *told = data;

  g_array_append_val (told, fraction);
}

/* A picture of several megabytes tells how far decoding is, rising, up to 1, before the load
 * is done; a small one says nothing. */
static void
test_image_progress (void)
{
  g_autoptr(GdkPixbuf) noise = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1800, 1200);
  g_autoptr(GArray) told = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guchar *p = gdk_pixbuf_get_pixels (noise);
  guint32 seed = 99;

  for (gsize i = 0; i < gdk_pixbuf_get_byte_length (noise); i++)
    p[i] = (guchar) ((seed = seed * 1664525u + 1013904223u) >> 24);
  bytes = png_bytes (noise);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 4 << 20);
  cairn_image_load_with_progress_async (bytes, NULL, 0, on_progress_cb, told, NULL, on_loaded_cb,
                                        &result);
  UI_WAIT_FOR (result != NULL);
  image = cairn_image_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (told->len, >=, 3);
  for (guint i = 1; i < told->len; i++)
    g_assert_cmpfloat (g_array_index (told, double, i), >, g_array_index (told, double, i - 1));
  g_assert_cmpfloat (g_array_index (told, double, told->len - 1), ==, 1.0);
  g_clear_object (&result);

  g_array_set_size (told, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  {
    g_autoptr(GdkPixbuf) small = fixture_pixbuf (30, 10, 0x123456);
    g_autoptr(CairnImage) done = NULL;

    bytes = png_bytes (small);
    cairn_image_load_with_progress_async (bytes, NULL, 0, on_progress_cb, told, NULL,
                                          on_loaded_cb, &result);
    UI_WAIT_FOR (result != NULL);
    done = cairn_image_load_finish (result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (told->len, ==, 0);
    g_clear_object (&result);
  }
}

static void
test_text_pane_spans (void)
{
  GtkWidget *pane = cairn_text_pane_new ();
  g_autoptr(GPtrArray) labels = test_labels ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  static const double saram[] = { 6, 8 }, seoul[] = { 10, 12 }, outside[] = { 40, 99 };
  GtkTextBuffer *buffer;
  GtkTextIter at, end;
  g_autofree char *word = NULL;
  GdkRGBA color;

  g_object_ref_sink (pane);
  g_ptr_array_add (spans, annotation (1, 4, CAIRN_KIND_SPAN, saram, 2));
  g_ptr_array_add (spans, annotation (2, 1, CAIRN_KIND_SPAN, seoul, 2));
  g_ptr_array_add (spans, annotation (3, 1, CAIRN_KIND_SPAN, outside, 2));
  cairn_text_pane_set_text (CAIRN_TEXT_PANE (pane), FIXTURE_TEXT, spans, labels);

  g_assert_cmpuint (cairn_text_pane_get_n_spans (CAIRN_TEXT_PANE (pane)), ==, 2);
  buffer = cairn_text_pane_get_buffer (CAIRN_TEXT_PANE (pane));
  g_assert_true (cairn_text_pane_get_label_color (CAIRN_TEXT_PANE (pane), 4, &color));
  g_assert_true (cairn_text_pane_get_label_color (CAIRN_TEXT_PANE (pane), 1, &color));
  g_assert_false (cairn_text_pane_get_label_color (CAIRN_TEXT_PANE (pane), 2, &color));

  /* Code points 6 and 7 are "사람": UTF-8 bytes 6..11, but GtkTextIter counts characters. */
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 6);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 8);
  word = gtk_text_buffer_get_text (buffer, &at, &end, FALSE);
  g_assert_cmpstr (word, ==, "사람");
  for (int offset = 0; offset < 14; offset++)
    {
      g_assert_cmpint (cairn_text_pane_has_span_at (CAIRN_TEXT_PANE (pane), 4, offset), ==,
                       offset >= 6 && offset < 8);
      g_assert_cmpint (cairn_text_pane_has_span_at (CAIRN_TEXT_PANE (pane), 1, offset), ==,
                       offset >= 10 && offset < 12);
    }
  g_assert_true (cairn_text_pane_get_label_color (CAIRN_TEXT_PANE (pane), 4, &color));
  g_assert_true (near (((guint32) (color.red * 255 + 0.5) << 16)
                         | ((guint32) (color.green * 255 + 0.5) << 8)
                         | (guint32) (color.blue * 255 + 0.5),
                       rgb_of (FIXTURE_SARAM_COLOR), 1));

  /* The next item starts clean. */
  cairn_text_pane_set_text (CAIRN_TEXT_PANE (pane), "plain", NULL, labels);
  g_assert_cmpuint (cairn_text_pane_get_n_spans (CAIRN_TEXT_PANE (pane)), ==, 0);
  g_assert_false (cairn_text_pane_get_label_color (CAIRN_TEXT_PANE (pane), 4, &color));
  g_assert_finalize_object (pane);
}

static void
test_label_palette (void)
{
  GtkWidget *palette = cairn_label_palette_new ();
  GtkWidget *window = window_with (palette, 300, 400);
  g_autoptr(GPtrArray) labels = test_labels ();
  GListModel *model = cairn_label_palette_get_model (CAIRN_LABEL_PALETTE (palette));
  g_autoptr(CairnLabelRow) row = NULL;
  g_autofree char *name = NULL, *color = NULL;

  g_object_ref (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  cairn_label_palette_set_labels (CAIRN_LABEL_PALETTE (palette), labels);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  row = g_list_model_get_item (model, 3);
  g_object_get (row, "name", &name, "color", &color, NULL);
  g_assert_cmpstr (name, ==, "사람");
  g_assert_cmpstr (color, ==, FIXTURE_SARAM_COLOR);
  ui_drain ();
  cairn_label_palette_set_labels (CAIRN_LABEL_PALETTE (palette), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_color_scheme (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.cairn.Cairn");
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  CairnColorScheme *scheme = cairn_color_scheme_new (settings, gtk_settings);
  gboolean dark;

  /* No portal on the test bus: the default is light. */
  g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  cairn_color_scheme_set_desktop (scheme, CAIRN_DESKTOP_PREFER_DARK);
  g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  g_assert_true (cairn_color_scheme_get_dark (scheme));

  /* The setting overrides the desktop, both ways. */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_false (cairn_color_scheme_get_dark (scheme));
  g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  cairn_color_scheme_set_desktop (scheme, CAIRN_DESKTOP_PREFER_LIGHT);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_true (cairn_color_scheme_get_dark (scheme));
  g_settings_set_string (settings, "color-scheme", "follow");
  g_assert_false (cairn_color_scheme_get_dark (scheme));

  ui_drain (); /* the portal lookup ends (with an error) before the object goes */
  g_assert_finalize_object (scheme);
  g_settings_reset (settings, "color-scheme");
  g_object_set (gtk_settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
}

/* A folder of three small images to import. */
static char *
media_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cairn-media-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (fixture_write_png (path, 16 + i, 16, 0x102030 * (i + 1), &error));
      g_assert_no_error (error);
    }
  return dir;
}

static void
test_transfer_import (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *media = media_folder ();
  g_autoptr(CairnTransferProgress) progress = cairn_transfer_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CairnImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 before = cairn_store_count_items (f->store, -1);

  /* Cancelled: nothing changes. */
  g_cancellable_cancel (cancellable);
  cairn_transfer_run_async (CAIRN_TRANSFER_IMPORT, f->path, "folder", media, FALSE, progress,
                            cancellable, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  g_assert_null (cairn_transfer_run_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (cairn_store_count_items (f->store, -1), ==, before);

  /* Run through: three items, seen through the window's own connection. */
  cairn_transfer_run_async (CAIRN_TRANSFER_IMPORT, f->path, "folder", media, FALSE, progress,
                            NULL, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  report = cairn_transfer_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->items_added, ==, 3);
  g_assert_cmpfloat (cairn_transfer_progress_get (progress, NULL), ==, 1.0);
  g_assert_cmpint (cairn_store_count_items (f->store, -1), ==, before + 3);
  g_clear_object (&result);

  /* An unknown format fails with the registry's message. */
  cairn_transfer_run_async (CAIRN_TRANSFER_IMPORT, f->path, "no-such-format", media, FALSE, NULL,
                            NULL, on_loaded_cb, &result);
  UI_WAIT_FOR (result != NULL);
  g_assert_null (cairn_transfer_run_finish (result, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
  g_clear_object (&result);
  fixture_remove_dir (media);
}

static void
on_finished_cb (CairnTransferDialog *dialog,
                gboolean             changed,
                int                 *out)
{
  *out = changed ? 1 : 0;
}

static guint
count_formats (gboolean import)
{
  guint n_formats, n = 0;
  const CairnFormat *all = cairn_format_list (&n_formats);

  for (guint i = 0; i < n_formats; i++)
    n += import ? all[i].import != NULL : all[i].export != NULL;
  return n;
}

static void
test_transfer_dialog (void)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *media = media_folder ();
  g_autofree char *out = NULL;
  CairnTransferDialog *dialog = cairn_transfer_dialog_new (NULL, CAIRN_TRANSFER_IMPORT, f->path);
  CairnTransferDialog *export;
  int finished = -1;

  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  /* It offers what the registry can import. */
  g_assert_cmpuint (g_list_model_get_n_items (cairn_transfer_dialog_get_formats (dialog)), ==,
                    count_formats (TRUE));
  g_assert_cmpuint (count_formats (TRUE), >, 0);
  g_assert_true (cairn_transfer_dialog_set_format (dialog, "folder"));
  g_assert_cmpstr (cairn_transfer_dialog_get_format (dialog), ==, "folder");
  g_assert_false (cairn_transfer_dialog_set_format (dialog, "no-such-format"));
  /* Nothing to import yet. */
  g_assert_false (cairn_transfer_dialog_start (dialog));

  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), &finished);
  cairn_transfer_dialog_set_path (dialog, media);
  g_assert_true (cairn_transfer_dialog_start (dialog));
  g_assert_true (cairn_transfer_dialog_get_running (dialog));
  UI_WAIT_FOR (finished >= 0);
  g_assert_cmpint (finished, ==, 1);
  g_assert_false (cairn_transfer_dialog_get_running (dialog));
  g_assert_nonnull (strstr (cairn_transfer_dialog_get_status (dialog), "3 items added"));
  /* Done: not again for the same folder, but for another one. */
  g_assert_false (cairn_transfer_dialog_start (dialog));
  cairn_transfer_dialog_set_path (dialog, media);
  finished = -1;
  g_assert_true (cairn_transfer_dialog_start (dialog));
  UI_WAIT_FOR (finished >= 0);
  g_assert_nonnull (strstr (cairn_transfer_dialog_get_status (dialog), "0 items added"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  /* Export lists the exporters only. */
  export = cairn_transfer_dialog_new (NULL, CAIRN_TRANSFER_EXPORT, f->path);
  g_object_ref (export);
  g_assert_cmpuint (g_list_model_get_n_items (cairn_transfer_dialog_get_formats (export)), ==,
                    count_formats (FALSE));
  g_assert_false (cairn_transfer_dialog_set_format (export, "folder"));
  if (cairn_transfer_dialog_set_format (export, "cairn"))
    {
      out = g_build_filename (f->dir, "exported", NULL);
      g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
      finished = -1;
      g_signal_connect (export, "finished", G_CALLBACK (on_finished_cb), &finished);
      cairn_transfer_dialog_set_path (export, out);
      g_assert_true (cairn_transfer_dialog_start (export));
      UI_WAIT_FOR (finished >= 0);
      /* An export leaves the project as it was. */
      g_assert_cmpint (finished, ==, 0);
      g_assert_nonnull (strstr (cairn_transfer_dialog_get_status (export), "Exported to"));
    }
  gtk_window_destroy (GTK_WINDOW (export));
  g_assert_finalize_object (export);
  if (out != NULL)
    fixture_remove_dir (out);
  fixture_remove_dir (media);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/canvas/draws-shapes", test_canvas_draws_shapes);
  g_test_add_func ("/canvas/fit-and-frame", test_canvas_fit_and_frame);
  g_test_add_func ("/canvas/zoom-and-pan", test_canvas_zoom_and_pan);
  g_test_add_func ("/image/tiles", test_image_tiles);
  g_test_add_func ("/image/big-tiles", test_image_big_tiles);
  g_test_add_func ("/image/orientation", test_image_orientation);
  g_test_add_func ("/image/load-async", test_image_load_async);
  g_test_add_func ("/image/progress", test_image_progress);
  g_test_add_func ("/text-pane/spans", test_text_pane_spans);
  g_test_add_func ("/label-palette/rows", test_label_palette);
  g_test_add_func ("/color-scheme/follows", test_color_scheme);
  g_test_add_func ("/transfer/import", test_transfer_import);
  g_test_add_func ("/transfer/dialog", test_transfer_dialog);
  return g_test_run ();
}
