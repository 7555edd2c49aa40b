/* Rectangles of RLE masks worked on without decoding the rest (model/cairn-rle-patch.h),
 * against the same operations done pixel by pixel on random masks: the bounds of what
 * differs, crop, paste, take, and a digest that ignores how the counts are split. */
#include "model/cairn-rle-patch.h"

#define W 37
#define H 23

/* Blobs and stripes: long runs and short ones, across column ends. */
static guint8 *
random_bits (GRand *rand, guint w, guint h)
{
  guint8 *bits = g_malloc0 (w * h);
  double density = g_rand_double_range (rand, 0.05, 0.95);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      bits[y * w + x] = g_rand_double (rand) < density;
  if (g_rand_boolean (rand))
    for (guint y = 0; y < h; y++)
      memset (bits + y * w, g_rand_boolean (rand), w / 2);
  return bits;
}

static void
random_rect (GRand *rand, guint *x, guint *y, guint *w, guint *h)
{
  *x = g_rand_int_range (rand, 0, W);
  *y = g_rand_int_range (rand, 0, H);
  *w = g_rand_int_range (rand, 1, W - *x + 1);
  *h = g_rand_int_range (rand, 1, H - *y + 1);
}

static void
assert_bits (const CairnRle *rle, const guint8 *expected, guint w, guint h)
{
  g_autofree guint8 *got = cairn_rle_to_bitmap (rle);
  guint64 total = 0;

  g_assert_cmpuint (rle->width, ==, w);
  g_assert_cmpuint (rle->height, ==, h);
  for (guint i = 0; i < rle->counts->len; i++)
    total += g_array_index (rle->counts, guint32, i);
  g_assert_cmpuint (total, ==, (guint64) w * h);
  g_assert_cmpmem (got, w * h, expected, w * h);
}

static void
test_diff_bounds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 300; round++)
    {
      g_autofree guint8 *a = random_bits (rand, W, H);
      g_autofree guint8 *b = g_memdup2 (a, W * H);
      g_autoptr(CairnRle) ra = NULL, rb = NULL;
      guint n = g_rand_int_range (rand, 0, 6), x0 = W, y0 = H, x1 = 0, y1 = 0, x, y, w, h;

      for (guint i = 0; i < n; i++)
        {
          guint px = g_rand_int_range (rand, 0, W), py = g_rand_int_range (rand, 0, H);

          b[py * W + px] ^= 1;
        }
      for (guint py = 0; py < H; py++)
        for (guint px = 0; px < W; px++)
          if (a[py * W + px] != b[py * W + px])
            {
              x0 = MIN (x0, px);
              y0 = MIN (y0, py);
              x1 = MAX (x1, px);
              y1 = MAX (y1, py);
            }
      ra = cairn_rle_from_bitmap (a, H, W);
      rb = cairn_rle_from_bitmap (b, H, W);
      if (x0 == W)
        {
          g_assert_false (cairn_rle_diff_bounds (ra, rb, &x, &y, &w, &h));
          continue;
        }
      g_assert_true (cairn_rle_diff_bounds (ra, rb, &x, &y, &w, &h));
      /* Exact across columns; in one column, exactly its rows. */
      g_assert_cmpuint (x, ==, x0);
      g_assert_cmpuint (x + w - 1, ==, x1);
      g_assert_cmpuint (y, <=, y0);
      g_assert_cmpuint (y + h - 1, >=, y1);
      if (x0 == x1)
        g_assert_cmpuint (y, ==, y0);
    }
}

static void
test_crop_paste (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 300; round++)
    {
      g_autofree guint8 *a = random_bits (rand, W, H);
      g_autofree guint8 *expected = NULL;
      g_autofree guint8 *patch = NULL;
      g_autofree guint8 *pasted = g_memdup2 (a, W * H);
      g_autoptr(CairnRle) rle = cairn_rle_from_bitmap (a, H, W);
      g_autoptr(CairnRle) crop = NULL, prle = NULL, result = NULL;
      guint x, y, w, h;

      random_rect (rand, &x, &y, &w, &h);
      expected = g_malloc (w * h);
      for (guint py = 0; py < h; py++)
        memcpy (expected + py * w, a + (y + py) * W + x, w);
      crop = cairn_rle_crop (rle, x, y, w, h);
      assert_bits (crop, expected, w, h);
      /* Pasting the crop back changes nothing; another patch changes its rectangle only. */
      result = cairn_rle_paste (rle, crop, x, y);
      assert_bits (result, a, W, H);
      g_clear_pointer (&result, cairn_rle_free);
      patch = random_bits (rand, w, h);
      prle = cairn_rle_from_bitmap (patch, h, w);
      for (guint py = 0; py < h; py++)
        memcpy (pasted + (y + py) * W + x, patch + py * w, w);
      result = cairn_rle_paste (rle, prle, x, y);
      assert_bits (result, pasted, W, H);
    }
}

static void
test_take (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < 200; round++)
    {
      g_autofree guint8 *a = random_bits (rand, W, H);
      g_autofree guint8 *take = NULL;
      g_autofree guint8 *expected = g_memdup2 (a, W * H);
      g_autoptr(CairnRle) rle = cairn_rle_from_bitmap (a, H, W);
      g_autoptr(CairnRle) left = NULL;
      gboolean any = FALSE;
      guint x, y, w, h;

      random_rect (rand, &x, &y, &w, &h);
      take = random_bits (rand, w, h);
      for (guint py = 0; py < h; py++)
        for (guint px = 0; px < w; px++)
          if (take[py * w + px] && expected[(y + py) * W + x + px])
            {
              expected[(y + py) * W + x + px] = 0;
              any = TRUE;
            }
      left = cairn_rle_take (rle, take, x, y, w, h);
      if (!any)
        {
          g_assert_null (left);
          continue;
        }
      assert_bits (left, expected, W, H);
    }
}

static void
test_digest (void)
{
  const guint32 plain[] = { 3, 4, 5 };
  const guint32 split[] = { 3, 2, 0, 2, 5, 0 };
  const guint32 other[] = { 3, 5, 4 };
  g_autoptr(CairnRle) a = cairn_rle_new (3, 4), b = cairn_rle_new (3, 4);
  g_autoptr(CairnRle) c = cairn_rle_new (3, 4), d = cairn_rle_new (4, 3);
  g_autofree char *da = NULL, *db = NULL, *dc = NULL, *dd = NULL;

  g_array_append_vals (a->counts, plain, 3);
  g_array_append_vals (b->counts, split, 6);
  g_array_append_vals (c->counts, other, 3);
  g_array_append_vals (d->counts, plain, 3);
  da = cairn_rle_dup_digest (a);
  db = cairn_rle_dup_digest (b);
  dc = cairn_rle_dup_digest (c);
  dd = cairn_rle_dup_digest (d);
  g_assert_cmpuint (strlen (da), ==, 64);
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  g_assert_cmpstr (da, !=, dd);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mask/rle-patch/diff-bounds", test_diff_bounds);
  g_test_add_func ("/mask/rle-patch/crop-paste", test_crop_paste);
  g_test_add_func ("/mask/rle-patch/take", test_take);
  g_test_add_func ("/mask/rle-patch/digest", test_digest);
  return g_test_run ();
}
