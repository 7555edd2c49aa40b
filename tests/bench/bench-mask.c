/* The segmentation tools' speed, one JSON object per line and measure:
 *   bench-mask [IMAGE]   (default: a 6000 × 4000 picture it draws: 24 megapixels)
 * dab_ms is a brush dab from the event to the frame rendered (GTK's cairo renderer, a
 * 1920 × 1080 view at fit), so it needs a display (xvfb-run -a); without one it is left out.
 * The rest are the mask core on the picture: the wand's flood fill, a live-wire path update
 * as the pointer moves (and the edge map and anchor tree it stands on), SLIC, and COCO RLE
 * encoding, decoding and size of a large painted mask. undo_record_bytes is the edits-table
 * record of a stroke on that mask (undo_record_whole_bytes: the two masks it once held;
 * long_stroke_*: the window's stroke across the picture). */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>

#include "edit/cairn-edit-stack.h"
#include "mask/cairn-bitmap.h"
#include "mask/cairn-livewire.h"
#include "mask/cairn-mask-fill.h"
#include "mask/cairn-mask-paint.h"
#include "mask/cairn-slic.h"
#include "tools/cairn-brush-tool.h"
#include "cairn-canvas.h"
#include "bench-util.h"

#define VIEW_W 1920
#define VIEW_H 1080

static guint64 n_pixels;

static double
median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

static void
report (const char *measure, double value)
{
  printf ("{\"bench\":\"mask\",\"measure\":\"%s\",\"value\":%.3f,\"pixels\":%" G_GUINT64_FORMAT
          "}\n", measure, value, n_pixels);
  fflush (stdout);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A gradient sky, flat-coloured ellipses over it, and a little noise, as a photo of objects
 * on a background would have. */
static GdkPixbuf *
make_picture (int w, int h)
{
  GdkPixbuf *p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *data = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  GRand *rand = g_rand_new_with_seed (3);
  double ex[40], ey[40], erx[40], ery[40];
  guint8 ec[40][3];

  for (int i = 0; i < 40; i++)
    {
      ex[i] = g_rand_double_range (rand, 0, w);
      ey[i] = g_rand_double_range (rand, 0, h);
      erx[i] = g_rand_double_range (rand, w / 40.0, w / 8.0);
      ery[i] = g_rand_double_range (rand, h / 40.0, h / 8.0);
      for (int c = 0; c < 3; c++)
        ec[i][c] = g_rand_int_range (rand, 20, 236);
    }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *px = data + (gsize) y * stride + (gsize) x * 3;
        int noise = (int) ((x * 7919u + y * 104729u) % 9) - 4;
        int c[3] = { 90 + 60 * y / h, 140 + 40 * y / h, 220 };

        for (int i = 39; i >= 0; i--)
          {
            double dx = (x - ex[i]) / erx[i], dy = (y - ey[i]) / ery[i];

            if (dx * dx + dy * dy < 1)
              {
                c[0] = ec[i][0], c[1] = ec[i][1], c[2] = ec[i][2];
                break;
              }
          }
        for (int k = 0; k < 3; k++)
          px[k] = (guint8) CLAMP (c[k] + noise, 0, 255);
      }
  g_rand_free (rand);
  return p;
}

static CairnPixels
pixels_of (GdkPixbuf *p)
{
  return (CairnPixels) { gdk_pixbuf_read_pixels (p), gdk_pixbuf_get_width (p),
                         gdk_pixbuf_get_height (p), gdk_pixbuf_get_rowstride (p),
                         gdk_pixbuf_get_n_channels (p) };
}

static CairnBitmap *
bench_rle (guint w, guint h)
{
  g_autoptr(CairnBitmap) mask = cairn_bitmap_new (w, h);
  g_autoptr(GArray) enc = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) dec = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnRle) rle = NULL;
  g_autofree char *text = NULL;
  GRand *rand = g_rand_new_with_seed (5);
  double star[400];
  guint n = 200;

  /* A big star-shaped region and a few hundred brush strokes across the picture. */
  for (guint i = 0; i < n; i++)
    {
      double t = 2 * G_PI * i / n, r = (i % 2 ? 0.35 : 0.25) * MIN (w, h);

      star[2 * i] = w / 2.0 + r * cos (t);
      star[2 * i + 1] = h / 2.0 + r * sin (t);
    }
  cairn_mask_fill_polygon (mask, star, &n, 1, 1, NULL);
  for (guint i = 0; i < 300; i++)
    {
      double x = g_rand_double_range (rand, 0, w), y = g_rand_double_range (rand, 0, h);

      cairn_mask_stroke (NULL, mask, CAIRN_TIP_ROUND, g_rand_double_range (rand, 5, 60), x, y,
                         x + g_rand_double_range (rand, -300, 300),
                         y + g_rand_double_range (rand, -300, 300), 1);
    }
  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_pointer (&rle, cairn_rle_free);
      rle = cairn_bitmap_to_rle (mask);
      ms = ms_since (start);
      g_array_append_val (enc, ms);
    }
  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CairnBitmap) back = cairn_bitmap_new_from_rle (rle, NULL);
      double ms = ms_since (start);

      g_assert_true (back != NULL);
      g_array_append_val (dec, ms);
    }
  text = cairn_rle_to_string (rle);
  report ("rle_encode_ms", median (enc));
  report ("rle_decode_ms", median (dec));
  report ("rle_bytes", strlen (text));
  report ("rle_runs", rle->counts->len);
  g_rand_free (rand);
  return g_steal_pointer (&mask);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* A brush stroke (60 px, 400 px long) on that mask as the edit layer logs it: the record in
 * the edits table (undo_record_whole_bytes: the two whole masks it used to hold), and undo
 * and redo from it. */
static void
bench_undo_record (const CairnBitmap *mask)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-mask-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "undo.cairn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (path, "bench", &error);
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnAnnotation) before = cairn_annotation_new (CAIRN_KIND_MASK);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnBitmap) painted = cairn_bitmap_copy (mask);
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(CairnEditRecord) record = NULL;
  g_autoptr(JsonNode) nb = NULL, na = NULL;
  g_autofree char *jb = NULL, *ja = NULL;
  gint64 start;

  g_assert_no_error (error);
  item->uri = g_strdup ("picture.png");
  item->width = mask->width;
  item->height = mask->height;
  g_assert_true (cairn_store_add_item (store, item, &error));
  stack = cairn_edit_stack_new (store, cairn_store_ensure_annotator (store, "bench", "annotator",
                                                                     &error));
  before->item_id = item->id;
  cairn_annotation_set_mask (before, cairn_bitmap_to_rle (mask));
  g_assert_true (cairn_store_add_annotation (store, before, &error));
  cairn_mask_stroke (NULL, painted, CAIRN_TIP_ROUND, 60, mask->width * 0.3, mask->height * 0.4,
                     mask->width * 0.3 + 400, mask->height * 0.45, 1);
  after = cairn_annotation_copy (before);
  cairn_annotation_set_mask (after, cairn_bitmap_to_rle (painted));
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_PAINT, before, after);
  start = g_get_monotonic_time ();
  g_assert_true (cairn_edit_stack_push (stack, edit, &error));
  report ("undo_push_ms", ms_since (start));
  record = cairn_store_next_edit (store, cairn_edit_stack_get_annotator (stack), CAIRN_EDIT_DONE,
                                  &error);
  g_assert_no_error (error);
  nb = cairn_annotation_to_json_node (before);
  na = cairn_annotation_to_json_node (after);
  jb = json_to_string (nb, FALSE);
  ja = json_to_string (na, FALSE);
  report ("undo_record_bytes", strlen (record->body));
  report ("undo_record_whole_bytes", strlen (jb) + strlen (ja));
  start = g_get_monotonic_time ();
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  report ("undo_ms", ms_since (start));
  start = g_get_monotonic_time ();
  g_assert_true (cairn_edit_stack_redo (stack, &error));
  report ("redo_ms", ms_since (start));
  g_clear_object (&stack);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
bench_flood (const CairnPixels *image)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnBitmap) region = cairn_bitmap_new (image->width, image->height);
  guint64 best = 0;
  int best_x = 0, best_y = 0;

  /* The seed whose region is the largest of a few tried: the worst case the wand meets. */
  for (guint i = 0; i < 9; i++)
    {
      int x = (int) (image->width * (0.1 + 0.1 * i)), y = (int) (image->height * (0.05 + 0.1 * i));
      guint64 count;

      cairn_bitmap_clear (region);
      cairn_mask_flood_image (image, x, y, 24, region, NULL);
      count = cairn_bitmap_count (region);
      if (count > best)
        best = count, best_x = x, best_y = y;
    }
  for (guint i = 0; i < 5; i++)
    {
      gint64 start;
      double ms;

      cairn_bitmap_clear (region);
      start = g_get_monotonic_time ();
      cairn_mask_flood_image (image, best_x, best_y, 24, region, NULL);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  report ("flood_fill_ms", median (times));
  report ("flood_fill_region_pixels", best);
}

static void
bench_livewire (const CairnPixels *image)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnLivewire) wire = NULL;
  int ax = image->width / 2, ay = image->height / 2;
  gint64 start = g_get_monotonic_time ();

  wire = cairn_livewire_new (image, NULL);
  report ("livewire_map_ms", ms_since (start));
  start = g_get_monotonic_time ();
  cairn_livewire_set_anchor (wire, ax, ay);
  report ("livewire_anchor_ms", ms_since (start));
  /* The pointer going round the anchor, 300 px away: one path per motion event. */
  for (guint i = 0; i < 100; i++)
    {
      double t = 2 * G_PI * i / 100, ms;
      g_autoptr(GArray) path = NULL;

      start = g_get_monotonic_time ();
      path = cairn_livewire_path_to (wire, ax + (int) (300 * cos (t)), ay + (int) (300 * sin (t)));
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  report ("livewire_update_ms", median (times));
}

static void
bench_slic (const CairnPixels *image)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CairnSuperpixels) sp = cairn_slic_compute (image, 40, 10, NULL, &error);

  if (sp == NULL)
    g_error ("%s", error->message);
  report ("slic_ms", ms_since (start));
  report ("slic_superpixels", cairn_superpixels_get_n (sp));
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gsize
annotation_json_size (CairnStore *store, gint64 id)
{
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (store, id, NULL);
  g_autoptr(JsonNode) node = a ? cairn_annotation_to_json_node (a) : NULL;
  g_autofree char *json = node ? json_to_string (node, FALSE) : NULL;

  return json ? strlen (json) : 0;
}

/* The window's stroke across the picture: its record in the edits table, beside what it was
 * when both masks were kept whole (their JSON, read before and after it), undo and redo. */
static void
report_undo (CairnStore *store, CairnEditStack *stack)
{
  gint64 annotator = cairn_edit_stack_get_annotator (stack);
  g_autoptr(CairnEditRecord) record = cairn_store_next_edit (store, annotator, CAIRN_EDIT_DONE,
                                                             NULL);
  g_autoptr(CairnEdit) edit = record ? cairn_edit_new_from_json (record->body, NULL) : NULL;
  gint64 id = edit ? cairn_edit_get_annotation_id (edit, 0) : 0;
  gsize after = annotation_json_size (store, id);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (cairn_edit_stack_undo (stack, NULL));
  report ("long_stroke_undo_ms", ms_since (start));
  report ("long_stroke_record_whole_bytes", annotation_json_size (store, id) + after);
  start = g_get_monotonic_time ();
  g_assert_true (cairn_edit_stack_redo (stack, NULL));
  report ("long_stroke_redo_ms", ms_since (start));
  report ("long_stroke_record_bytes", strlen (record->body));
}

static double
frame (GtkWidget *canvas, GskRenderer *renderer)
{
  return bench_frame (canvas, renderer, VIEW_W, VIEW_H);
}

/* A stroke of 60 dabs over a stored mask covering part of the picture, each timed from the
 * drag event to its frame rendered; then the release (encoding, the edit saved, the canvas
 * updated in place). */
static void
bench_dab (GdkPixbuf *pixbuf)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-mask-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.cairn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) label = cairn_label_new ("region");
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  GtkWidget *window, *canvas;
  CairnTool *tool;
  CairnToolEvent e = { 0 };
  gint64 start;

  store = cairn_store_create (path, "bench", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("picture.png");
  item->width = w;
  item->height = h;
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_true (cairn_store_add_label (store, label, &error));
  labels = cairn_store_list_labels (store, &error);
  stack = cairn_edit_stack_new (store, cairn_store_ensure_annotator (store, "bench", "annotator",
                                                                     &error));
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_W, VIEW_H);
  canvas = cairn_canvas_new ();
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (canvas), stack);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (canvas), store, item, labels);
  image = cairn_image_new_from_pixbuf (pixbuf, 0);
  cairn_canvas_set_image (CAIRN_CANVAS (canvas), image);
  cairn_canvas_set_current_label_id (CAIRN_CANVAS (canvas), label->id);
  while (gtk_widget_get_width (canvas) < 100)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  cairn_canvas_set_tool_name (CAIRN_CANVAS (canvas), "brush");
  tool = cairn_canvas_get_tool (CAIRN_CANVAS (canvas));
  cairn_brush_tool_set_size (CAIRN_BRUSH_TOOL (tool), 60);
  e.button = GDK_BUTTON_PRIMARY;
  e.n_press = 1;

  {
    g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));

    frame (canvas, renderer);
    for (guint i = 0; i < 5; i++)
      {
        double ms = frame (canvas, renderer);

        g_array_append_val (idle, ms);
      }
    report ("frame_no_mask_ms", median (idle));
  }
  /* A first stroke makes the mask; the measured one continues it (the selected mask). */
  for (guint stroke = 0; stroke < 2; stroke++)
    {
      double y0 = h * (0.3 + 0.2 * stroke);

      e.x = w * 0.1, e.y = y0;
      cairn_canvas_image_to_widget (CAIRN_CANVAS (canvas), e.x, e.y, &e.widget_x, &e.widget_y);
      cairn_tool_press (tool, CAIRN_CANVAS (canvas), &e);
      frame (canvas, renderer);
      for (guint i = 1; i <= 60; i++)
        {
          double ms;

          e.x = w * (0.1 + 0.8 * i / 60);
          e.y = y0 + h * 0.1 * sin (i / 6.0);
          start = g_get_monotonic_time ();
          cairn_tool_drag (tool, CAIRN_CANVAS (canvas), &e);
          ms = ms_since (start);
          if (stroke == 1)
            g_array_append_val (work, ms);
          frame (canvas, renderer);
          ms = ms_since (start);
          if (stroke == 1)
            g_array_append_val (times, ms);
        }
      start = g_get_monotonic_time ();
      cairn_tool_release (tool, CAIRN_CANVAS (canvas), &e);
      frame (canvas, renderer);
      if (stroke == 1)
        report ("stroke_commit_ms", ms_since (start));
    }
  report_undo (store, stack);
  report ("dab_ms", median (times));
  /* The dab itself (bitmap and surface updated), without the frame. */
  report ("dab_update_ms", median (work));
  report ("dab_p95_ms", bench_quantile (times, 0.95));
  /* A frame with nothing changing (the pointer moving): the layer is a blit. */
  g_array_set_size (times, 0);
  for (guint i = 0; i < 10; i++)
    {
      double ms = frame (canvas, renderer);

      g_array_append_val (times, ms);
    }
  report ("idle_frame_ms", median (times));
  gsk_renderer_unrealize (renderer);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&stack);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  CairnPixels image;

  if (argc > 1)
    {
      g_autoptr(GdkPixbuf) loaded = gdk_pixbuf_new_from_file (argv[1], &error);

      if (loaded == NULL)
        {
          fprintf (stderr, "bench-mask: %s\n", error->message);
          return 1;
        }
      /* RGB, as the canvas's pictures (an alpha channel is not compared anyway). */
      pixbuf = gdk_pixbuf_apply_embedded_orientation (loaded);
    }
  else
    pixbuf = make_picture (6000, 4000);
  n_pixels = (guint64) gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_height (pixbuf);
  image = pixels_of (pixbuf);

  {
    g_autoptr(CairnBitmap) mask = bench_rle (image.width, image.height);

    bench_undo_record (mask);
  }
  bench_flood (&image);
  bench_livewire (&image);
  bench_slic (&image);
  /* The window draws with cairo while frames are counted, as a machine without a GPU does. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (gtk_init_check ())
    bench_dab (pixbuf);
  else
    fprintf (stderr, "bench-mask: no display, dab_ms left out (run under xvfb-run -a)\n");
  return 0;
}
