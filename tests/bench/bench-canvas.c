/* The canvas's speed, counted to pixels: each frame is the widget's snapshot rendered to a
 * texture by GTK's cairo renderer, in a 1920 × 1080 view.
 *   bench-canvas                     builds its own projects: 1 000 and 10 000 polygons of 30
 *                                    vertices over a 4000 × 3000 picture
 *   bench-canvas PROJECT.cairn ITEM  measures that item (its own picture for next_item_*)
 * and, for going to an item, next_item_ms (decoding a 12-megapixel JPEG, then its first frame),
 * next_item_prefetch_ms (decoded beforehand, as the window does for the neighbours) and
 * first_frame_10k_ms (a 10 000 × 10 000 JPEG, from opening to its first frame).
 * One JSON object per line and measure. Needs a display (xvfb-run -a). */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>

#include "edit/cairn-edit-stack.h"
#include "cairn-canvas.h"
#include "cairn-canvas-shapes.h"
#include "cairn-image.h"
#include "bench-util.h"

#define VIEW_W 1920
#define VIEW_H 1080
#define FRAMES 15

static void
report (const char *measure, double value, guint shapes)
{
  printf ("{\"bench\":\"canvas\",\"measure\":\"%s\",\"value\":%.3f,\"shapes\":%u}\n", measure,
          value, shapes);
  fflush (stdout);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
frame (GtkWidget *canvas, GskRenderer *renderer)
{
  return bench_frame (canvas, renderer, VIEW_W, VIEW_H);
}

static GArray *
frames (GtkWidget *canvas, GskRenderer *renderer, guint n)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      double ms = frame (canvas, renderer);
      g_array_append_val (times, ms);
    }
  return times;
}

/* A 1920 × 1080 window holding only a canvas, shown and allocated. */
static GtkWidget *
new_view_window (GtkWidget **canvas)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), VIEW_W, VIEW_H);
  *canvas = cairn_canvas_new ();
  gtk_window_set_child (GTK_WINDOW (window), *canvas);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The project file and its WAL and shared-memory companions. */
static void
remove_project (const char *path)
{
  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_remove (file);
    }
}

static char *
make_project (const char *dir, guint n_polygons, gint64 *item_id)
{
  g_autofree char *path = g_strdup_printf ("%s/canvas-%u.cairn", dir, n_polygons);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) label = cairn_label_new ("cell");
  GRand *rand = g_rand_new_with_seed (7);

  g_remove (path);
  store = cairn_store_create (path, "bench", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("picture.png");
  item->width = 4000;
  item->height = 3000;
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_true (cairn_store_add_label (store, label, &error));
  g_assert_true (cairn_store_set_bulk (store, TRUE, &error));
  g_assert_true (cairn_store_begin (store, &error));
  for (guint i = 0; i < n_polygons; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_POLYGON);
      double cx = g_rand_double_range (rand, 50, 3950), cy = g_rand_double_range (rand, 50, 2950);
      double ring[60];

      for (guint k = 0; k < 30; k++)
        {
          double r = g_rand_double_range (rand, 10, 40), t = 2 * G_PI * k / 30;
          ring[2 * k] = cx + r * cos (t);
          ring[2 * k + 1] = cy + r * sin (t);
        }
      a->item_id = item->id;
      a->label_id = label->id;
      cairn_annotation_add_ring (a, ring, 30);
      g_assert_true (cairn_store_add_annotation (store, a, &error));
    }
  g_assert_true (cairn_store_commit (store, &error));
  g_rand_free (rand);
  *item_id = item->id;
  return g_steal_pointer (&path);
}

static void
measure (const char *path, gint64 item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_open (path, &error);
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GArray) times = NULL, edit_frames = NULL;
  GtkWidget *window, *canvas;
  guint n;
  gint64 start;
  GRand *rand = g_rand_new_with_seed (11);

  if (store == NULL)
    g_error ("%s", error->message);
  item = cairn_store_get_item (store, item_id, &error);
  if (item == NULL)
    g_error ("%s", error->message);
  labels = cairn_store_list_labels (store, &error);
  stack = cairn_edit_stack_new (store, cairn_store_ensure_annotator (store, "bench", "annotator",
                                                                     &error));
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));

  window = new_view_window (&canvas);
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (canvas), stack);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (canvas), store, item, labels);
  /* The picture: a plain one of the item's size (decoding is not what is measured). */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, MAX (item->width, 1),
                           MAX (item->height, 1));
  gdk_pixbuf_fill (pixbuf, 0x406080ff);
  image = cairn_image_new_from_pixbuf (pixbuf, 0);
  cairn_canvas_set_image (CAIRN_CANVAS (canvas), image);
  while (gtk_widget_get_width (canvas) < 100)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  n = cairn_canvas_get_n_annotations (CAIRN_CANVAS (canvas));

  /* Steady frames at fit (what a pointer moving over the picture redraws). */
  frame (canvas, renderer);
  times = frames (canvas, renderer, FRAMES);
  report ("frame_fit_ms", bench_quantile (times, 0.5), n);
  report ("frame_fit_p95_ms", bench_quantile (times, 0.95), n);
  g_clear_pointer (&times, g_array_unref);

  /* One vertex dragged: the preview redrawn each frame. */
  times = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < FRAMES && n > 0; i++)
    {
      g_autoptr(GPtrArray) list = cairn_store_list_annotations (store, item_id, NULL);
      g_autoptr(CairnAnnotation) moved = cairn_annotation_copy (list->pdata[0]);
      double ms;

      g_array_index (moved->coords, double, 0) += i;
      cairn_canvas_set_preview (CAIRN_CANVAS (canvas), moved);
      ms = frame (canvas, renderer);
      g_array_append_val (times, ms);
    }
  cairn_canvas_set_preview (CAIRN_CANVAS (canvas), NULL);
  if (times->len > 0)
    report ("drag_frame_fit_ms", bench_quantile (times, 0.5), n);
  g_clear_pointer (&times, g_array_unref);

  /* Hit tests at random points of the picture. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    cairn_canvas_pick (CAIRN_CANVAS (canvas), g_rand_double_range (rand, 0, item->width),
                       g_rand_double_range (rand, 0, item->height));
  report ("hit_test_us", (g_get_monotonic_time () - start) / 1000.0, n);

  /* An edit: pushed, saved, and the canvas updated in place. */
  times = g_array_new (FALSE, FALSE, sizeof (double));
  edit_frames = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 10 && n > 0; i++)
    {
      g_autoptr(GPtrArray) list = cairn_store_list_annotations (store, item_id, NULL);
      g_autoptr(CairnAnnotation) moved = cairn_annotation_copy (list->pdata[i % list->len]);
      g_autoptr(CairnEdit) edit = NULL;
      double ms;

      cairn_shape_translate (moved, 1, 0);
      edit = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, list->pdata[i % list->len], moved);
      start = g_get_monotonic_time ();
      g_assert_true (cairn_canvas_commit_edit (CAIRN_CANVAS (canvas), edit));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      ms = frame (canvas, renderer);
      g_array_append_val (edit_frames, ms);
    }
  if (times->len > 0)
    report ("edit_commit_ms", bench_quantile (times, 0.5), n);
  /* The frame after it: only what the edit touched is drawn again. */
  if (edit_frames->len > 0)
    report ("edit_frame_ms", bench_quantile (edit_frames, 0.5), n);
  g_clear_pointer (&times, g_array_unref);
  g_clear_pointer (&edit_frames, g_array_unref);

  /* At 4×, about the middle. */
  start = g_get_monotonic_time ();
  cairn_canvas_set_zoom (CAIRN_CANVAS (canvas), 4 * cairn_canvas_get_zoom (CAIRN_CANVAS (canvas)));
  frame (canvas, renderer);
  report ("zoom_step_ms", (g_get_monotonic_time () - start) / 1000.0, n);
  drain ();
  times = frames (canvas, renderer, FRAMES);
  report ("frame_4x_ms", bench_quantile (times, 0.5), n);

  gsk_renderer_unrealize (renderer);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_rand_free (rand);
}

/* A JPEG of a busy picture (noise compresses and decodes like a photograph, not like a flat
 * colour). */
static char *
make_jpeg (const char *dir, const char *name, int width, int height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 seed = 12345;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < 3 * width; x++)
      {
        seed = seed * 1664525u + 1013904223u;
        pixels[y * stride + x] = (guchar) ((x / 3 + y) / 16 % 200 + (seed >> 28));
      }
  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL))
    g_error ("%s: %s", path, error->message);
  return g_steal_pointer (&path);
}

typedef struct
{
  CairnImage *image;
  GError     *error;
  gboolean    done;
} Loaded;

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Loaded *loaded = data;

  loaded->image = cairn_image_load_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static CairnImage *
load_image (const char *path)
{
  Loaded loaded = { 0 };

  cairn_image_load_async (NULL, path, 0, NULL, on_loaded_cb, &loaded);
  while (!loaded.done)
    g_main_context_iteration (NULL, TRUE);
  if (loaded.image == NULL)
    g_error ("%s", loaded.error->message);
  return loaded.image;
}

/* From asking for the item to its picture on screen: decoded off the UI thread (as the
 * window does), or taken from what was decoded beforehand. */
static double
show_item (GtkWidget *canvas, GskRenderer *renderer, CairnStore *store, CairnItem *item,
           GPtrArray *labels, const char *path, CairnImage *prefetched)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(CairnImage) image = NULL;

  cairn_item_view_set_item (CAIRN_ITEM_VIEW (canvas), store, item, labels);
  image = prefetched ? cairn_image_ref (prefetched) : load_image (path);
  cairn_canvas_set_image (CAIRN_CANVAS (canvas), image);
  frame (canvas, renderer);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static CairnItem *
add_picture (CairnStore *store, const char *path, int width, int height)
{
  g_autoptr(GError) error = NULL;
  CairnItem *item = cairn_item_new (CAIRN_ITEM_IMAGE);

  item->uri = g_path_get_basename (path);
  item->width = width;
  item->height = height;
  if (!cairn_store_add_item (store, item, &error))
    g_error ("%s", error->message);
  return item;
}

static void
measure_items (const char *project, gint64 item_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = project ? NULL : g_dir_make_tmp ("cairn-bench-items-XXXXXX", NULL);
  g_autofree char *path = project ? g_strdup (project) : g_build_filename (dir, "items.cairn", NULL);
  g_autoptr(CairnStore) store = project ? cairn_store_open (path, &error)
                                        : cairn_store_create (path, "bench", &error);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CairnItem) item = NULL, big = NULL;
  g_autoptr(CairnImage) prefetched = NULL;
  g_autofree char *picture = NULL, *huge = NULL;
  GtkWidget *window, *canvas;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  if (store == NULL)
    g_error ("%s", error->message);
  if (project != NULL)
    {
      item = cairn_store_get_item (store, item_id, &error);
      if (item == NULL || (picture = cairn_store_resolve_uri (store, item->uri)) == NULL)
        g_error ("%s: item %" G_GINT64_FORMAT " has no picture file", path, item_id);
    }
  else
    {
      picture = make_jpeg (dir, "photo.jpg", 4000, 3000);
      item = add_picture (store, picture, 4000, 3000);
    }
  labels = cairn_store_list_labels (store, &error);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  window = new_view_window (&canvas);
  while (gtk_widget_get_width (canvas) < 100)
    g_main_context_iteration (NULL, TRUE);
  drain ();

  for (guint i = 0; i < 5; i++)
    {
      double ms = show_item (canvas, renderer, store, item, labels, picture, NULL);
      g_array_append_val (times, ms);
      cairn_canvas_set_image (CAIRN_CANVAS (canvas), NULL);
    }
  report ("next_item_ms", bench_quantile (times, 0.5), 0);
  g_array_set_size (times, 0);
  prefetched = load_image (picture);
  for (guint i = 0; i < 5; i++)
    {
      double ms = show_item (canvas, renderer, store, item, labels, picture, prefetched);
      g_array_append_val (times, ms);
      cairn_canvas_set_image (CAIRN_CANVAS (canvas), NULL);
    }
  report ("next_item_prefetch_ms", bench_quantile (times, 0.5), 0);
  g_clear_pointer (&prefetched, cairn_image_unref);

  if (project == NULL)
    {
      huge = make_jpeg (dir, "huge.jpg", 10000, 10000);
      big = add_picture (store, huge, 10000, 10000);
      report ("first_frame_10k_ms", show_item (canvas, renderer, store, big, labels, huge, NULL),
              0);
      g_remove (huge);
      g_remove (picture);
    }
  gsk_renderer_unrealize (renderer);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_array_unref (times);
  if (dir != NULL)
    {
      g_clear_object (&store);
      remove_project (path);
      g_rmdir (dir);
    }
}

int
main (int argc, char *argv[])
{
  /* The window draws as the frames are counted: with cairo, as a machine without a GPU does. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gtk_init ();
  if (argc == 3)
    {
      measure (argv[1], g_ascii_strtoll (argv[2], NULL, 10));
      measure_items (argv[1], g_ascii_strtoll (argv[2], NULL, 10));
      return 0;
    }
  if (argc != 1)
    {
      fprintf (stderr, "usage: bench-canvas [PROJECT.cairn ITEM_ID]\n");
      return 2;
    }
  {
    g_autofree char *dir = g_dir_make_tmp ("cairn-bench-canvas-XXXXXX", NULL);
    const guint sizes[] = { 1000, 10000 };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        gint64 item;
        g_autofree char *path = make_project (dir, sizes[i], &item);

        measure (path, item);
        remove_project (path);
      }
    g_rmdir (dir);
  }
  measure_items (NULL, 0);
  return 0;
}
