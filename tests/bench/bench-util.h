/* What the benchmarks share: quantiles of timings, and a frame counted to pixels. */
#pragma once

#include <gtk/gtk.h>

static inline int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts values; q = 0.5 is the median. */
static inline double
bench_quantile (GArray *values, double q)
{
  g_array_sort (values, bench_compare_doubles);
  return g_array_index (values, double, MIN ((guint) (q * values->len), values->len - 1));
}

/* One frame of widget to pixels, in ms: its snapshot over the window's background (onto a
 * clear target cairo would only copy), rendered by renderer into a width × height texture.
 * BENCH_DUMP=FILE.png keeps the last one, to look at. */
static inline double
bench_frame (GtkWidget *widget, GskRenderer *renderer, int width, int height)
{
  gint64 start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    texture = gsk_renderer_render_texture (renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (texture != NULL && g_getenv ("BENCH_DUMP") != NULL)
    gdk_texture_save_to_png (texture, g_getenv ("BENCH_DUMP"));
  return (g_get_monotonic_time () - start) / 1000.0;
}
