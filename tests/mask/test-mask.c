/* The segmentation core without a display: RLE against masks made by hand, the tiled bitmap,
 * brush dabs, flood fill and the wand's tolerance, polygon rasterisation to the pixel,
 * contours that fill back to the same mask, live-wire along a known edge, SLIC on known
 * regions. */
#include <math.h>

#include "mask/cairn-bitmap.h"
#include "mask/cairn-contour.h"
#include "mask/cairn-livewire.h"
#include "mask/cairn-mask-fill.h"
#include "mask/cairn-mask-paint.h"
#include "mask/cairn-slic.h"
#include "model/cairn-annotation.h"

/* Rows of '#' and '.', as a person would draw the mask. */
static CairnBitmap *
bitmap_from_rows (const char *const *rows)
{
  guint h = g_strv_length ((char **) rows), w = strlen (rows[0]);
  CairnBitmap *b = cairn_bitmap_new (w, h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      cairn_bitmap_set (b, x, y, rows[y][x] == '#');
  return b;
}

static void
assert_counts (const CairnRle *rle, const guint32 *counts, guint n)
{
  g_assert_cmpuint (rle->counts->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (rle->counts, guint32, i), ==, counts[i]);
}

/* Column-major, starting with the zeros: COCO's uncompressed counts, worked out by hand. */
static void
test_rle_hand_made (void)
{
  const char *rows[] = { ".##.", ".#..", "##..", NULL };
  const guint32 expected[] = { 2, 5, 5 };
  const char *corner_rows[] = { "#..", "...", NULL };
  const guint32 corner[] = { 0, 1, 5 };
  g_autoptr(CairnBitmap) b = bitmap_from_rows (rows);
  g_autoptr(CairnBitmap) c = bitmap_from_rows (corner_rows);
  g_autoptr(CairnRle) rle = cairn_bitmap_to_rle (b);
  g_autoptr(CairnRle) rle_corner = cairn_bitmap_to_rle (c);
  g_autoptr(CairnRle) parsed = NULL;
  g_autoptr(CairnBitmap) back = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (rle->height, ==, 3);
  g_assert_cmpuint (rle->width, ==, 4);
  assert_counts (rle, expected, G_N_ELEMENTS (expected));
  /* A mask that starts with a set pixel starts with an empty run of zeros. */
  assert_counts (rle_corner, corner, G_N_ELEMENTS (corner));
  text = cairn_rle_to_string (rle);
  g_assert_cmpstr (text, ==, "255");
  parsed = cairn_rle_from_string ("255", 3, 4, &error);
  g_assert_no_error (error);
  back = cairn_bitmap_new_from_rle (parsed, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_bitmap_equal (back, b));
  g_assert_cmpuint (cairn_bitmap_count (back), ==, 5);
}

/* Over many tiles, with runs that wrap from one column to the next: the tiled encoder agrees
 * with the plain one, and decoding gives the same pixels back. */
static void
test_rle_tiles (void)
{
  guint w = 150, h = 131;
  g_autofree guint8 *flat = g_malloc0 (w * h);
  g_autoptr(CairnBitmap) b = cairn_bitmap_new (w, h);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(CairnRle) tiled = NULL, plain = NULL;
  g_autoptr(CairnBitmap) back = NULL;
  g_autoptr(GError) error = NULL;
  CairnMaskRect bounds;

  for (guint i = 0; i < 60; i++)
    {
      guint x0 = g_rand_int_range (rand, 0, w), y0 = g_rand_int_range (rand, 0, h);
      guint dx = g_rand_int_range (rand, 0, 40), dy = g_rand_int_range (rand, 0, 90);
      guint x1 = MIN (w - 1, x0 + dx), y1 = MIN (h - 1, y0 + dy);

      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          flat[y * w + x] = 1, cairn_bitmap_set (b, x, y, 1);
    }
  /* The bottom-right pixel, in a partial tile. */
  flat[w * h - 1] = 1;
  cairn_bitmap_set (b, w - 1, h - 1, 1);
  tiled = cairn_bitmap_to_rle (b);
  plain = cairn_rle_from_bitmap (flat, h, w);
  g_assert_true (cairn_rle_check (tiled, NULL));
  g_assert_cmpuint (tiled->counts->len, ==, plain->counts->len);
  g_assert_cmpmem (tiled->counts->data, tiled->counts->len * 4, plain->counts->data,
                   plain->counts->len * 4);
  back = cairn_bitmap_new_from_rle (plain, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_bitmap_equal (back, b));
  g_assert_cmpuint (cairn_bitmap_count (back), ==, cairn_rle_area (plain));
  g_assert_true (cairn_bitmap_bounds (back, &bounds));
  g_assert_cmpint (bounds.x + bounds.width, ==, w);
  g_assert_cmpint (bounds.y + bounds.height, ==, h);
  /* Clearing a span in a tile that was never written leaves it unwritten. */
  cairn_bitmap_clear (back);
  cairn_bitmap_set_span (back, 3, 0, 100, 0);
  g_assert_null (back->tiles[0]);
}

static void
test_rle_refuses (void)
{
  g_autoptr(CairnRle) rle = cairn_rle_new (3, 4);
  guint32 counts[] = { 2, 5, 6 };
  g_autoptr(GError) error = NULL;
  CairnBitmap *b;

  g_array_append_vals (rle->counts, counts, 3);
  b = cairn_bitmap_new_from_rle (rle, &error);
  g_assert_null (b);
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
}

static void
test_dab (void)
{
  g_autoptr(CairnBitmap) b = cairn_bitmap_new (100, 40);
  CairnMaskRect changed = { 0 };

  /* Round, 5 across: the 5 × 5 block without its corners (their centres are 2.83 away). */
  cairn_mask_dab (b, CAIRN_TIP_ROUND, 5, 10.5, 10.5, 1, &changed);
  g_assert_cmpuint (cairn_bitmap_count (b), ==, 21);
  g_assert_cmpint (changed.x, ==, 8);
  g_assert_cmpint (changed.y, ==, 8);
  g_assert_cmpint (changed.width, ==, 5);
  g_assert_cmpint (changed.height, ==, 5);
  g_assert_false (cairn_bitmap_get (b, 8, 8));
  g_assert_true (cairn_bitmap_get (b, 8, 10));
  /* Square, 4 across at a pixel corner: a 4 × 4 block. */
  cairn_bitmap_clear (b);
  cairn_mask_dab (b, CAIRN_TIP_SQUARE, 4, 30, 20, 1, NULL);
  g_assert_cmpuint (cairn_bitmap_count (b), ==, 16);
  g_assert_true (cairn_bitmap_get (b, 28, 18) && cairn_bitmap_get (b, 31, 21));
  /* A size-1 brush still paints the pixel it is on. */
  cairn_bitmap_clear (b);
  cairn_mask_dab (b, CAIRN_TIP_ROUND, 1, 3.9, 3.9, 1, NULL);
  g_assert_true (cairn_bitmap_get (b, 3, 3));
  /* A fast stroke leaves no gap; the eraser takes back what it crosses. */
  cairn_bitmap_clear (b);
  cairn_mask_stroke (NULL, b, CAIRN_TIP_ROUND, 3, 2, 10.5, 90, 10.5, 1);
  for (int x = 3; x <= 89; x++)
    g_assert_true (cairn_bitmap_get (b, x, 10) && cairn_bitmap_get (b, x, 9)
                   && cairn_bitmap_get (b, x, 11) && !cairn_bitmap_get (b, x, 12));
  cairn_mask_stroke (NULL, b, CAIRN_TIP_SQUARE, 6, 40, 0, 40, 39, 0);
  g_assert_false (cairn_bitmap_get (b, 40, 10));
  g_assert_true (cairn_bitmap_get (b, 30, 10));
}

static void
test_polygon_exact (void)
{
  g_autoptr(CairnBitmap) b = cairn_bitmap_new (8, 8);
  const double rect[] = { 1, 1, 4, 1, 4, 3, 1, 3 };
  const double triangle[] = { 0, 0, 4, 0, 0, 4 };
  const double holed[] = { 0, 0, 6, 0, 6, 6, 0, 6, 2, 2, 4, 2, 4, 4, 2, 4 };
  const guint four = 4, three = 3, two_rings[] = { 4, 4 };
  const char *rect_rows[] = { "........", ".###....", ".###....", "........", NULL };
  const char *tri_rows[] = { "###.....", "##......", "#.......", "........", NULL };
  CairnMaskRect changed = { 0 };

  cairn_mask_fill_polygon (b, rect, &four, 1, 1, &changed);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 8; x++)
      g_assert_cmpint (cairn_bitmap_get (b, x, y), ==, rect_rows[y][x] == '#');
  g_assert_cmpuint (cairn_bitmap_count (b), ==, 6);
  g_assert_cmpint (changed.x, ==, 1);
  g_assert_cmpint (changed.width, ==, 3);
  g_assert_cmpint (changed.height, ==, 2);

  /* Centres on the slanted edge (x + y = 3) are outside: [x0, x1) in each row. */
  cairn_bitmap_clear (b);
  cairn_mask_fill_polygon (b, triangle, &three, 1, 1, NULL);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 8; x++)
      g_assert_cmpint (cairn_bitmap_get (b, x, y), ==, tri_rows[y][x] == '#');

  /* Even-odd: the inner ring is a hole. */
  cairn_bitmap_clear (b);
  cairn_mask_fill_polygon (b, holed, two_rings, 2, 1, NULL);
  g_assert_cmpuint (cairn_bitmap_count (b), ==, 32);
  g_assert_false (cairn_bitmap_get (b, 2, 2));
  g_assert_false (cairn_bitmap_get (b, 3, 3));
  g_assert_true (cairn_bitmap_get (b, 1, 3));
  /* Erasing with the same polygon leaves nothing. */
  cairn_mask_fill_polygon (b, holed, two_rings, 2, 0, NULL);
  g_assert_cmpuint (cairn_bitmap_count (b), ==, 0);
}

static void
put (guint8 *data, gsize stride, guint x, guint y, guint8 r, guint8 g, guint8 b)
{
  guint8 *p = data + y * stride + x * 3;

  p[0] = r, p[1] = g, p[2] = b;
}

static void
test_flood_tolerance (void)
{
  guint w = 20, h = 10;
  g_autofree guint8 *data = g_malloc0 (w * h * 3);
  CairnPixels image = { data, w, h, w * 3, 3 };
  g_autoptr(CairnBitmap) region = cairn_bitmap_new (w, h);
  CairnMaskRect bounds;

  /* Left half grey 100, right half 20 redder; a black wall at x = 5 with a gap at y = 9. */
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      put (data, w * 3, x, y, x < 10 ? 100 : 120, 100, 100);
  for (guint y = 0; y < 9; y++)
    put (data, w * 3, 5, y, 0, 0, 0);

  g_assert_true (cairn_mask_flood_image (&image, 2, 2, 10, region, &bounds));
  g_assert_cmpuint (cairn_bitmap_count (region), ==, 10 * 10 - 9);
  g_assert_cmpint (bounds.x, ==, 0);
  g_assert_cmpint (bounds.width, ==, 10);
  /* Past the difference of 20, the right half joins; the wall (100 away) never does. */
  cairn_bitmap_clear (region);
  g_assert_true (cairn_mask_flood_image (&image, 2, 2, 20, region, &bounds));
  g_assert_cmpuint (cairn_bitmap_count (region), ==, w * h - 9);
  g_assert_false (cairn_bitmap_get (region, 5, 0));
  /* Corners do not connect (4-connected): close the gap and the right side is cut off. */
  put (data, w * 3, 5, 9, 0, 0, 0);
  put (data, w * 3, 4, 9, 0, 0, 0);
  cairn_bitmap_clear (region);
  g_assert_true (cairn_mask_flood_image (&image, 2, 2, 20, region, NULL));
  g_assert_cmpuint (cairn_bitmap_count (region), ==, 5 * 10 - 1);
  g_assert_false (cairn_mask_flood_image (&image, -1, 2, 20, region, NULL));
}

static void
test_flood_mask (void)
{
  const char *rows[] = { "........", ".#####..", ".#...#..", ".#...#..", ".#####..",
                         "........", NULL };
  g_autoptr(CairnBitmap) b = bitmap_from_rows (rows);
  g_autoptr(CairnBitmap) region = cairn_bitmap_new (8, 6);
  gboolean edge = TRUE;

  g_assert_true (cairn_mask_flood_mask (b, 3, 3, region, NULL, &edge));
  g_assert_false (edge);
  g_assert_cmpuint (cairn_bitmap_count (region), ==, 6);
  cairn_bitmap_clear (region);
  g_assert_true (cairn_mask_flood_mask (b, 0, 0, region, NULL, &edge));
  g_assert_true (edge);
  g_assert_cmpuint (cairn_bitmap_count (region), ==, 48 - 14 - 6);
}

static double
distance_to_ring (const double *p, const double *ring, guint n)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      const double *a = ring + 2 * i, *b = ring + 2 * ((i + 1) % n);
      double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2, 0, 1) : 0;

      best = MIN (best, hypot (p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
    }
  return best;
}

/* Polygon → mask → polygon: the outline traced fills back to the very same pixels, and,
 * simplified, stays within a pixel of the polygon drawn (both ways). */
static void
test_contour_round_trip (void)
{
  const double shape[] = { 10.3, 5.2, 52.7, 12.1, 60.4, 44.8, 33.3, 30.2, 8.6, 50.5, 20.1, 25.9 };
  const guint six = 6;
  g_autoptr(CairnBitmap) mask = cairn_bitmap_new (70, 60);
  g_autoptr(CairnBitmap) again = cairn_bitmap_new (70, 60);
  g_autoptr(GPtrArray) rings = NULL;
  g_autoptr(GArray) simple = NULL;
  GArray *ring;

  cairn_mask_fill_polygon (mask, shape, &six, 1, 1, NULL);
  rings = cairn_contour_trace (mask);
  g_assert_cmpuint (rings->len, ==, 1);
  ring = rings->pdata[0];
  g_assert_cmpfloat (cairn_contour_area (ring), ==, (double) cairn_bitmap_count (mask));
  {
    guint n = ring->len / 2;

    cairn_mask_fill_polygon (again, (double *) ring->data, &n, 1, 1, NULL);
    g_assert_true (cairn_bitmap_equal (again, mask));
  }
  simple = cairn_contour_simplify (ring, 0.9);
  g_assert_cmpuint (simple->len / 2, <, ring->len / 2 / 3);
  for (guint i = 0; i < simple->len / 2; i++)
    g_assert_cmpfloat (distance_to_ring ((double *) simple->data + 2 * i, shape, 6), <=, 1.0);
  for (guint i = 0; i < six; i++)
    g_assert_cmpfloat (distance_to_ring (shape + 2 * i, (double *) simple->data,
                                         simple->len / 2), <=, 1.0);
}

static void
test_contour_holes (void)
{
  const char *rows[] = { "........", ".######.", ".#....#.", ".#.##.#.", ".#....#.", ".######.",
                         "........", "#.......", ".#......", NULL };
  g_autoptr(CairnBitmap) b = bitmap_from_rows (rows);
  g_autoptr(CairnBitmap) again = cairn_bitmap_new (b->width, b->height);
  g_autoptr(GPtrArray) rings = cairn_contour_trace (b);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  guint outer = 0, holes = 0;

  /* The frame, its hole, the island in the hole, and the two pixels touching at a corner. */
  g_assert_cmpuint (rings->len, ==, 4);
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = rings->pdata[i];
      guint n = ring->len / 2;

      if (cairn_contour_area (ring) > 0)
        outer++;
      else
        holes++;
      g_array_append_val (sizes, n);
      g_array_append_vals (all, ring->data, ring->len);
    }
  g_assert_cmpuint (outer, ==, 3);
  g_assert_cmpuint (holes, ==, 1);
  cairn_mask_fill_polygon (again, (double *) all->data, (guint *) sizes->data, sizes->len, 1,
                           NULL);
  g_assert_true (cairn_bitmap_equal (again, b));
}

/* An image dark on the left of a wavy line and light on its right: the path between two
 * points on the line follows it, where the straight line between them is 10 px off. */
static void
test_livewire_edge (void)
{
  guint w = 200, h = 120;
  g_autofree guint8 *data = g_malloc (w * h * 3);
  CairnPixels image = { data, w, h, w * 3, 3 };
  g_autoptr(CairnLivewire) wire = NULL;
  g_autoptr(GArray) path = NULL;
  double worst = 0;

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        double edge = 100 + 10 * sin (y * G_PI / 50);
        guint8 v = x < edge ? 40 : 210;

        put (data, w * 3, x, y, v, v, v);
      }
  wire = cairn_livewire_new (&image, NULL);
  g_assert_nonnull (wire);
  /* Cheap on the edge, dear on flat ground. */
  g_assert_cmpuint (cairn_livewire_cost (wire, 100, 0), <, 20);
  g_assert_cmpuint (cairn_livewire_cost (wire, 20, 60), ==, 255);
  cairn_livewire_set_anchor (wire, 100, 0);
  path = cairn_livewire_path_to (wire, 100, 100);
  g_assert_cmpuint (path->len, >=, 2 * 100);
  g_assert_cmpfloat (g_array_index (path, double, 0), ==, 100.5);
  g_assert_cmpfloat (g_array_index (path, double, 1), ==, 0.5);
  g_assert_cmpfloat (g_array_index (path, double, path->len - 1), ==, 100.5);
  for (guint i = 0; i < path->len; i += 2)
    {
      double x = g_array_index (path, double, i), y = g_array_index (path, double, i + 1);
      double edge = 100 + 10 * sin ((y - 0.5) * G_PI / 50);

      worst = MAX (worst, fabs (x - 0.5 - edge));
    }
  g_assert_cmpfloat (worst, <=, 1.5);
}

static void
on_grown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CairnLivewireTree **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cairn_livewire_grow_finish (result, &error);
  g_assert_no_error (error);
}

/* The paths grown in a thread are those grown here; a cancelled growth gives nothing, and
 * the tree outlives the wire it came from (the tool may drop the picture meanwhile). */
static void
test_livewire_async (void)
{
  guint w = 300, h = 200;
  g_autofree guint8 *data = g_malloc (w * h * 3);
  CairnPixels image = { data, w, h, w * 3, 3 };
  CairnLivewire *wire;
  CairnLivewireTree *grown = NULL;
  g_autoptr(CairnLivewireTree) here = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  int ax, ay;

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      put (data, w * 3, x, y, (x * 7 + y * 3) % 256, (x * y) % 256, (x ^ y) % 256);
  wire = cairn_livewire_new (&image, NULL);
  here = cairn_livewire_grow (wire, 150, 100, NULL);
  g_cancellable_cancel (cancelled);
  g_assert_null (cairn_livewire_grow (wire, 150, 100, cancelled));
  cairn_livewire_grow_async (wire, 150, 100, NULL, on_grown_cb, &grown);
  cairn_livewire_unref (wire);
  while (grown == NULL)
    g_main_context_iteration (NULL, TRUE);
  cairn_livewire_tree_get_anchor (grown, &ax, &ay);
  g_assert_cmpint (ax, ==, 150);
  g_assert_cmpint (ay, ==, 100);
  a = cairn_livewire_tree_path_to (grown, 10, 190);
  b = cairn_livewire_tree_path_to (here, 10, 190);
  g_assert_cmpuint (a->len, >, 2);
  g_assert_cmpmem (a->data, a->len * sizeof (double), b->data, b->len * sizeof (double));
  cairn_livewire_tree_free (grown);
}

/* Four flat quadrants: no superpixel crosses from one to another, every pixel has one, and
 * painting one sets exactly its pixels. */
static void
test_slic_regions (void)
{
  guint w = 120, h = 96;
  g_autofree guint8 *data = g_malloc (w * h * 3);
  CairnPixels image = { data, w, h, w * 3, 3 };
  const guint8 colours[4][3] = { { 200, 30, 30 }, { 30, 160, 40 }, { 40, 40, 200 },
                                 { 220, 220, 60 } };
  g_autoptr(CairnSuperpixels) sp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnBitmap) b = cairn_bitmap_new (w, h);
  g_autofree int *quadrant = NULL;
  guint n, count = 0;
  guint32 label;

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        const guint8 *c = colours[(x >= 70) + 2 * (y >= 40)];

        put (data, w * 3, x, y, c[0], c[1], c[2]);
      }
  sp = cairn_slic_compute (&image, 16, 10, NULL, &error);
  g_assert_no_error (error);
  n = cairn_superpixels_get_n (sp);
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (n, <=, 80);
  quadrant = g_new (int, n);
  for (guint i = 0; i < n; i++)
    quadrant[i] = -1;
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint32 l = cairn_superpixels_label_at (sp, x, y);
        int q = (x >= 70) + 2 * (y >= 40);

        g_assert_cmpuint (l, <, n);
        if (quadrant[l] == -1)
          quadrant[l] = q;
        g_assert_cmpint (quadrant[l], ==, q);
      }
  label = cairn_superpixels_label_at (sp, 100, 80);
  cairn_superpixels_paint (sp, label, b, 1, NULL);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gboolean in = cairn_superpixels_label_at (sp, x, y) == label;

        g_assert_cmpint (cairn_bitmap_get (b, x, y), ==, in);
        count += cairn_bitmap_get (b, x, y);
      }
  g_assert_cmpuint (count, >, 0);
  g_assert_cmpuint (cairn_superpixels_label_at (sp, -1, 0), ==, G_MAXUINT32);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mask/rle/hand-made", test_rle_hand_made);
  g_test_add_func ("/mask/rle/tiles", test_rle_tiles);
  g_test_add_func ("/mask/rle/refuses", test_rle_refuses);
  g_test_add_func ("/mask/dab", test_dab);
  g_test_add_func ("/mask/polygon/pixel-exact", test_polygon_exact);
  g_test_add_func ("/mask/flood/tolerance", test_flood_tolerance);
  g_test_add_func ("/mask/flood/mask", test_flood_mask);
  g_test_add_func ("/mask/contour/round-trip", test_contour_round_trip);
  g_test_add_func ("/mask/contour/holes", test_contour_holes);
  g_test_add_func ("/mask/livewire/edge", test_livewire_edge);
  g_test_add_func ("/mask/livewire/async", test_livewire_async);
  g_test_add_func ("/mask/slic/regions", test_slic_regions);
  return g_test_run ();
}
