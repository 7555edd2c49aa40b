#define G_LOG_DOMAIN "cairn-mask"

#include <math.h>
#include <string.h>

#include "cairn-slic.h"

#define ITERATIONS 8

typedef struct
{
  int x0, y0, x1, y1; /* inclusive, on the working grid */
} Box;

struct _CairnSuperpixels
{
  guint    width;      /* the image's */
  guint    height;
  guint    scale;      /* image pixels per working pixel, each way */
  guint    ws;         /* the working grid */
  guint    hs;
  guint32 *labels;     /* ws × hs */
  guint    n;
  Box     *boxes;      /* n */
  guint8  *edges;      /* hs rows of edge_stride */
  gsize    edge_stride;
};

typedef struct
{
  float l, a, b, x, y;
} Centre;

/* sRGB → CIE Lab (D65), as 8-bit values: L × 2.55, a + 128, b + 128. Enough for distances
 * between superpixels, and a third of the memory of floats on a big image. */
static void
to_lab (const guint8 *rgb, guint8 *lab, const float *linear, const float *f_lut)
{
  float r = linear[rgb[0]], g = linear[rgb[1]], b = linear[rgb[2]];
  float x = (0.4124f * r + 0.3576f * g + 0.1805f * b) / 0.95047f;
  float y = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  float z = (0.0193f * r + 0.1192f * g + 0.9505f * b) / 1.08883f;
  float fx = f_lut[(int) (CLAMP (x, 0, 1) * 4095)];
  float fy = f_lut[(int) (CLAMP (y, 0, 1) * 4095)];
  float fz = f_lut[(int) (CLAMP (z, 0, 1) * 4095)];

  lab[0] = (guint8) CLAMP ((116 * fy - 16) * 2.55f, 0, 255);
  lab[1] = (guint8) CLAMP (500 * (fx - fy) + 128, 0, 255);
  lab[2] = (guint8) CLAMP (200 * (fy - fz) + 128, 0, 255);
}

/* The working image in Lab: each pixel the mean of a scale × scale block. */
static guint8 *
working_lab (const CairnPixels *image, guint scale, guint ws, guint hs)
{
  guint8 *lab = g_try_malloc ((gsize) ws * hs * 3);
  float linear[256], f_lut[4096];

  if (lab == NULL)
    return NULL;
  for (guint i = 0; i < 256; i++)
    {
      float c = i / 255.0f;

      linear[i] = c <= 0.04045f ? c / 12.92f : powf ((c + 0.055f) / 1.055f, 2.4f);
    }
  for (guint i = 0; i < 4096; i++)
    {
      float t = i / 4095.0f;

      f_lut[i] = t > 0.008856f ? cbrtf (t) : 7.787f * t + 16.0f / 116;
    }
  for (guint y = 0; y < hs; y++)
    for (guint x = 0; x < ws; x++)
      {
        guint sum[3] = { 0 }, count = 0;
        guint8 rgb[3];

        for (guint dy = 0; dy < scale && y * scale + dy < image->height; dy++)
          for (guint dx = 0; dx < scale && x * scale + dx < image->width; dx++)
            {
              const guint8 *p = image->data + (gsize) (y * scale + dy) * image->stride
                                + (gsize) (x * scale + dx) * image->n_channels;

              sum[0] += p[0], sum[1] += p[1], sum[2] += p[2], count++;
            }
        for (guint c = 0; c < 3; c++)
          rgb[c] = (guint8) (sum[c] / MAX (count, 1));
        to_lab (rgb, lab + ((gsize) y * ws + x) * 3, linear, f_lut);
      }
  return lab;
}

static gboolean
cluster (CairnSuperpixels *self, const guint8 *lab, guint step, double compactness,
         GCancellable *cancellable, GArray *centres)
{
  gsize n = (gsize) self->ws * self->hs;
  g_autofree float *dist = g_try_malloc (n * sizeof (float));
  /* Colour units are Lab's (L was stored × 2.55); place is weighed by m / S. */
  float lscale = (100.0f / 255) * (100.0f / 255);
  float spatial = (float) (compactness * compactness / ((double) step * step));

  if (dist == NULL)
    return FALSE;
  for (guint it = 0; it < ITERATIONS; it++)
    {
      g_autofree double *sums = g_new0 (double, centres->len * 6);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        dist[i] = G_MAXFLOAT;
      for (guint k = 0; k < centres->len; k++)
        {
          const Centre *c = &g_array_index (centres, Centre, k);
          int x0 = MAX (0, (int) (c->x - step)), x1 = MIN ((int) self->ws - 1, (int) (c->x + step));
          int y0 = MAX (0, (int) (c->y - step)), y1 = MIN ((int) self->hs - 1, (int) (c->y + step));

          for (int y = y0; y <= y1; y++)
            {
              float dy2 = (y - c->y) * (y - c->y);
              const guint8 *p = lab + ((gsize) y * self->ws + x0) * 3;

              for (int x = x0; x <= x1; x++, p += 3)
                {
                  gsize i = (gsize) y * self->ws + x;
                  float dl = p[0] - c->l, da = p[1] - c->a, db = p[2] - c->b;
                  float d = dl * dl * lscale + da * da + db * db
                            + ((x - c->x) * (x - c->x) + dy2) * spatial;

                  if (d < dist[i])
                    {
                      dist[i] = d;
                      self->labels[i] = k;
                    }
                }
            }
        }
      for (gsize i = 0; i < n; i++)
        {
          double *s = sums + (gsize) self->labels[i] * 6;
          const guint8 *p = lab + i * 3;

          s[0] += p[0], s[1] += p[1], s[2] += p[2];
          s[3] += i % self->ws, s[4] += i / self->ws, s[5] += 1;
        }
      for (guint k = 0; k < centres->len; k++)
        {
          const double *s = sums + (gsize) k * 6;
          Centre *c = &g_array_index (centres, Centre, k);

          if (s[5] > 0)
            *c = (Centre) { s[0] / s[5], s[1] / s[5], s[2] / s[5], s[3] / s[5], s[4] / s[5] };
        }
    }
  return TRUE;
}

/* Gives each connected piece its own label; pieces under a quarter of a region go to the
 * label of the piece met just before them (left or above), as SLIC's reference code does. */
static gboolean
enforce_connectivity (CairnSuperpixels *self, guint step)
{
  gsize n = (gsize) self->ws * self->hs;
  g_autofree guint32 *fresh = g_try_malloc (n * sizeof (guint32));
  g_autoptr(GArray) piece = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize min_size = MAX (1, (gsize) step * step / 4);
  guint32 next = 0;
  static const int dx[4] = { -1, 0, 1, 0 }, dy[4] = { 0, -1, 0, 1 };

  if (fresh == NULL)
    return FALSE;
  memset (fresh, 0xff, n * sizeof (guint32));
  for (gsize start = 0; start < n; start++)
    {
      guint32 adjacent = next > 0 ? next - 1 : 0, old = self->labels[start];

      if (fresh[start] != G_MAXUINT32)
        continue;
      for (guint k = 0; k < 4; k++)
        {
          int x = start % self->ws + dx[k], y = start / self->ws + dy[k];

          if (x >= 0 && y >= 0 && x < (int) self->ws && y < (int) self->hs
              && fresh[(gsize) y * self->ws + x] != G_MAXUINT32)
            adjacent = fresh[(gsize) y * self->ws + x];
        }
      g_array_set_size (piece, 0);
      fresh[start] = next;
      {
        guint32 first = (guint32) start;

        g_array_append_val (piece, first);
      }
      for (guint i = 0; i < piece->len; i++)
        {
          guint32 p = g_array_index (piece, guint32, i);

          for (guint k = 0; k < 4; k++)
            {
              int x = p % self->ws + dx[k], y = p / self->ws + dy[k];
              gsize q = (gsize) y * self->ws + x;

              if (x >= 0 && y >= 0 && x < (int) self->ws && y < (int) self->hs
                  && fresh[q] == G_MAXUINT32 && self->labels[q] == old)
                {
                  guint32 q32 = (guint32) q;

                  fresh[q] = next;
                  g_array_append_val (piece, q32);
                }
            }
        }
      if (piece->len < min_size && next > 0)
        for (guint i = 0; i < piece->len; i++)
          fresh[g_array_index (piece, guint32, i)] = adjacent;
      else
        next++;
    }
  memcpy (self->labels, fresh, n * sizeof (guint32));
  self->n = next;
  return TRUE;
}

static void
finish (CairnSuperpixels *self)
{
  self->boxes = g_new (Box, MAX (self->n, 1));
  for (guint k = 0; k < self->n; k++)
    self->boxes[k] = (Box) { G_MAXINT, G_MAXINT, -1, -1 };
  self->edge_stride = (self->ws + 3) & ~(gsize) 3;
  self->edges = g_malloc0 (self->edge_stride * self->hs);
  for (guint y = 0; y < self->hs; y++)
    for (guint x = 0; x < self->ws; x++)
      {
        guint32 l = self->labels[(gsize) y * self->ws + x];
        Box *b = &self->boxes[l];

        b->x0 = MIN (b->x0, (int) x), b->x1 = MAX (b->x1, (int) x);
        b->y0 = MIN (b->y0, (int) y), b->y1 = MAX (b->y1, (int) y);
        if ((x + 1 < self->ws && self->labels[(gsize) y * self->ws + x + 1] != l)
            || (y + 1 < self->hs && self->labels[(gsize) (y + 1) * self->ws + x] != l))
          self->edges[y * self->edge_stride + x] = 255;
      }
}

CairnSuperpixels *
cairn_slic_compute (const CairnPixels *image,
                    guint              region_size,
                    double             compactness,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(CairnSuperpixels) self = g_new0 (CairnSuperpixels, 1);
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (Centre));
  g_autofree guint8 *lab = NULL;
  guint step;

  g_return_val_if_fail (image->n_channels >= 3 && image->width > 0 && image->height > 0, NULL);
  self->width = image->width;
  self->height = image->height;
  self->scale = 1;
  while ((guint64) image->width * image->height / ((guint64) self->scale * self->scale)
         > CAIRN_SLIC_MAX_PIXELS)
    self->scale++;
  self->ws = (image->width + self->scale - 1) / self->scale;
  self->hs = (image->height + self->scale - 1) / self->scale;
  step = MAX (4, region_size / self->scale);
  lab = working_lab (image, self->scale, self->ws, self->hs);
  self->labels = g_try_malloc0 ((gsize) self->ws * self->hs * sizeof (guint32));
  if (lab == NULL || self->labels == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "superpixels: out of memory");
      return NULL;
    }
  for (guint y = step / 2; y < self->hs; y += step)
    for (guint x = step / 2; x < self->ws; x += step)
      {
        const guint8 *p = lab + ((gsize) y * self->ws + x) * 3;
        Centre c = { p[0], p[1], p[2], x, y };

        g_array_append_val (centres, c);
      }
  if (centres->len == 0)
    g_array_append_val (centres, ((Centre) { lab[0], lab[1], lab[2], 0, 0 }));
  if (!cluster (self, lab, step, compactness, cancellable, centres)
      || !enforce_connectivity (self, step))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "superpixels: out of memory");
      return NULL;
    }
  finish (self);
  return g_steal_pointer (&self);
}

void
cairn_superpixels_free (CairnSuperpixels *self)
{
  if (self == NULL)
    return;
  g_free (self->labels);
  g_free (self->boxes);
  g_free (self->edges);
  g_free (self);
}

typedef struct
{
  CairnPixels image;
  guint       region_size;
  double      compactness;
} SlicData;

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SlicData *data = task_data;
  GError *error = NULL;
  CairnSuperpixels *self = cairn_slic_compute (&data->image, data->region_size,
                                               data->compactness, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, (GDestroyNotify) cairn_superpixels_free);
}

void
cairn_slic_compute_async (const CairnPixels   *image,
                          guint                region_size,
                          double               compactness,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SlicData *data = g_new (SlicData, 1);

  data->image = *image;
  data->region_size = region_size;
  data->compactness = compactness;
  g_task_set_source_tag (task, cairn_slic_compute_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, compute_in_thread);
}

CairnSuperpixels *
cairn_slic_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
cairn_superpixels_get_n (CairnSuperpixels *self)
{
  return self->n;
}

guint32
cairn_superpixels_label_at (CairnSuperpixels *self,
                            int               x,
                            int               y)
{
  if (x < 0 || y < 0 || (guint) x >= self->width || (guint) y >= self->height)
    return G_MAXUINT32;
  return self->labels[(gsize) (y / self->scale) * self->ws + x / self->scale];
}

void
cairn_superpixels_paint (CairnSuperpixels *self,
                         guint32           label,
                         CairnBitmap      *mask,
                         guint8            value,
                         CairnMaskRect    *changed)
{
  const Box *b;
  int s = self->scale;

  g_return_if_fail (mask->width == self->width && mask->height == self->height);
  if (label >= self->n)
    return;
  b = &self->boxes[label];
  for (int y = b->y0; y <= b->y1; y++)
    for (int x = b->x0; x <= b->x1;)
      {
        int end = x;

        if (self->labels[(gsize) y * self->ws + x] != label)
          {
            x++;
            continue;
          }
        while (end + 1 <= b->x1 && self->labels[(gsize) y * self->ws + end + 1] == label)
          end++;
        for (int r = 0; r < s; r++)
          cairn_bitmap_set_span (mask, y * s + r, x * s, (end + 1) * s - 1, value);
        x = end + 1;
      }
  if (changed != NULL)
    {
      CairnMaskRect r = { b->x0 * s, b->y0 * s, (b->x1 - b->x0 + 1) * s, (b->y1 - b->y0 + 1) * s };

      if (cairn_mask_rect_clip (&r, mask->width, mask->height))
        cairn_mask_rect_union (changed, &r);
    }
}

const guint8 *
cairn_superpixels_get_edges (CairnSuperpixels *self,
                             guint            *width,
                             guint            *height,
                             gsize            *stride,
                             guint            *scale)
{
  *width = self->ws;
  *height = self->hs;
  *stride = self->edge_stride;
  *scale = self->scale;
  return self->edges;
}
