#define G_LOG_DOMAIN "cairn-mask"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cairn-livewire.h"

struct _CairnLivewire
{
  guint    width;
  guint    height;
  guint8  *cost;      /* width × height */

  /* The tree grown from the anchor over its window. */
  int      anchor_x;
  int      anchor_y;
  int      win_x;
  int      win_y;
  int      win_w;
  int      win_h;
  guint8  *parent;    /* per window pixel: 1 + the direction to its parent, 0 = none */
  guint32 *dist;
};

/* 8 neighbours and their step weights (10 straight, 14 diagonal: √2 in integers). */
static const int NX[8] = { 1, 1, 0, -1, -1, -1, 0, 1 };
static const int NY[8] = { 0, 1, 1, 1, 0, -1, -1, -1 };
static const guint NW[8] = { 10, 14, 10, 14, 10, 14, 10, 14 };

static inline int
luma (const CairnPixels *image, int x, int y)
{
  const guint8 *p;

  x = CLAMP (x, 0, (int) image->width - 1);
  y = CLAMP (y, 0, (int) image->height - 1);
  p = image->data + (gsize) y * image->stride + (gsize) x * image->n_channels;
  return (p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8;
}

/* Sobel magnitude, mapped so the strongest edges cost 1 and flat areas 255. The square
 * root of the normalised magnitude keeps faint edges cheaper than flat ground. */
CairnLivewire *
cairn_livewire_new (const CairnPixels *image,
                    GCancellable      *cancellable)
{
  g_autoptr(CairnLivewire) self = g_new0 (CairnLivewire, 1);
  g_autofree guint16 *mag = NULL;
  guint16 max = 1;

  g_return_val_if_fail (image->n_channels >= 3, NULL);
  self->width = image->width;
  self->height = image->height;
  mag = g_try_malloc ((gsize) image->width * image->height * sizeof (guint16));
  self->cost = g_try_malloc ((gsize) image->width * image->height);
  if (mag == NULL || self->cost == NULL)
    return NULL;
  for (guint y = 0; y < image->height; y++)
    {
      if (y % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      for (guint x = 0; x < image->width; x++)
        {
          int gx = luma (image, x + 1, y - 1) + 2 * luma (image, x + 1, y) + luma (image, x + 1, y + 1)
                   - luma (image, x - 1, y - 1) - 2 * luma (image, x - 1, y) - luma (image, x - 1, y + 1);
          int gy = luma (image, x - 1, y + 1) + 2 * luma (image, x, y + 1) + luma (image, x + 1, y + 1)
                   - luma (image, x - 1, y - 1) - 2 * luma (image, x, y - 1) - luma (image, x + 1, y - 1);
          guint16 m = (guint16) MIN (65535, (abs (gx) + abs (gy)));

          mag[(gsize) y * image->width + x] = m;
          max = MAX (max, m);
        }
    }
  {
    guint8 lut[2048];
    guint bins = G_N_ELEMENTS (lut);

    for (guint i = 0; i < bins; i++)
      lut[i] = (guint8) (1 + lround (254 * (1 - sqrt ((double) i / (bins - 1)))));
    for (gsize i = 0; i < (gsize) image->width * image->height; i++)
      self->cost[i] = lut[(guint) mag[i] * (bins - 1) / max];
  }
  return g_steal_pointer (&self);
}

void
cairn_livewire_free (CairnLivewire *self)
{
  if (self == NULL)
    return;
  g_free (self->cost);
  g_free (self->parent);
  g_free (self->dist);
  g_free (self);
}

guint
cairn_livewire_get_width (CairnLivewire *self)
{
  return self->width;
}

guint
cairn_livewire_get_height (CairnLivewire *self)
{
  return self->height;
}

guint8
cairn_livewire_cost (CairnLivewire *self,
                     guint          x,
                     guint          y)
{
  g_return_val_if_fail (x < self->width && y < self->height, 255);
  return self->cost[(gsize) y * self->width + x];
}

static void
new_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CairnLivewire *self = cairn_livewire_new (task_data, cancellable);

  if (self == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             g_cancellable_is_cancelled (cancellable) ? "Cancelled"
                                                                      : "Out of memory");
  else
    g_task_return_pointer (task, self, (GDestroyNotify) cairn_livewire_free);
}

void
cairn_livewire_new_async (const CairnPixels   *image,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cairn_livewire_new_async);
  g_task_set_task_data (task, g_memdup2 (image, sizeof *image), g_free);
  g_task_run_in_thread (task, new_in_thread);
}

CairnLivewire *
cairn_livewire_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Dijkstra with a bucket queue (Dial's): step weights are small integers, so the queue is a
 * ring of buckets indexed by distance, each push and pop O(1). */
#define N_BUCKETS (255 * 14 + 1)

void
cairn_livewire_set_anchor (CairnLivewire *self,
                           int            x,
                           int            y)
{
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree guint8 *done = NULL;
  gsize n, pending = 0;
  guint32 current = 0;

  x = CLAMP (x, 0, (int) self->width - 1);
  y = CLAMP (y, 0, (int) self->height - 1);
  self->anchor_x = x;
  self->anchor_y = y;
  self->win_x = MAX (0, x - CAIRN_LIVEWIRE_RADIUS);
  self->win_y = MAX (0, y - CAIRN_LIVEWIRE_RADIUS);
  self->win_w = MIN ((int) self->width, x + CAIRN_LIVEWIRE_RADIUS + 1) - self->win_x;
  self->win_h = MIN ((int) self->height, y + CAIRN_LIVEWIRE_RADIUS + 1) - self->win_y;
  n = (gsize) self->win_w * self->win_h;
  g_free (self->parent);
  g_free (self->dist);
  self->parent = g_malloc0 (n);
  self->dist = g_malloc (n * sizeof (guint32));
  memset (self->dist, 0xff, n * sizeof (guint32));
  done = g_malloc0 (n);
  for (guint i = 0; i < N_BUCKETS; i++)
    g_ptr_array_add (buckets, g_array_new (FALSE, FALSE, sizeof (guint32)));

  {
    guint32 start = (guint32) ((y - self->win_y) * self->win_w + (x - self->win_x));

    self->dist[start] = 0;
    g_array_append_val (buckets->pdata[0], start);
    pending = 1;
  }
  while (pending > 0)
    {
      GArray *bucket = buckets->pdata[current % N_BUCKETS];
      guint32 i;
      int px, py;

      if (bucket->len == 0)
        {
          current++;
          continue;
        }
      i = g_array_index (bucket, guint32, bucket->len - 1);
      g_array_set_size (bucket, bucket->len - 1);
      pending--;
      if (done[i] || self->dist[i] != current)
        continue;
      done[i] = 1;
      px = i % self->win_w;
      py = i / self->win_w;
      for (guint k = 0; k < 8; k++)
        {
          int qx = px + NX[k], qy = py + NY[k];
          guint32 q, d;

          if (qx < 0 || qy < 0 || qx >= self->win_w || qy >= self->win_h)
            continue;
          q = (guint32) (qy * self->win_w + qx);
          if (done[q])
            continue;
          d = current + NW[k] * self->cost[(gsize) (qy + self->win_y) * self->width
                                           + (qx + self->win_x)];
          if (d < self->dist[q])
            {
              self->dist[q] = d;
              /* The direction back to p from q is the opposite of k. */
              self->parent[q] = (guint8) (1 + (k + 4) % 8);
              g_array_append_val (buckets->pdata[d % N_BUCKETS], q);
              pending++;
            }
        }
    }
}

static void
add_centre (GArray *path, double x, double y)
{
  double p[2] = { x + 0.5, y + 0.5 };

  g_array_append_vals (path, p, 2);
}

GArray *
cairn_livewire_path_to (CairnLivewire *self,
                        int            x,
                        int            y)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (double));
  int cx, cy, tx = x, ty = y;
  double *p;
  guint n;

  if (self->parent == NULL)
    return path;
  /* Beyond the window: the path to its nearest pixel, then a straight line. */
  cx = CLAMP (x, self->win_x, self->win_x + self->win_w - 1) - self->win_x;
  cy = CLAMP (y, self->win_y, self->win_y + self->win_h - 1) - self->win_y;
  if (cx + self->win_x != tx || cy + self->win_y != ty)
    add_centre (path, CLAMP (tx, 0, (int) self->width - 1), CLAMP (ty, 0, (int) self->height - 1));
  for (guint steps = 0; steps < (guint) (self->win_w * self->win_h); steps++)
    {
      guint8 dir = self->parent[(gsize) cy * self->win_w + cx];

      add_centre (path, cx + self->win_x, cy + self->win_y);
      if (dir == 0)
        break;
      cx += NX[dir - 1];
      cy += NY[dir - 1];
    }
  /* Collected target first: turn it round, anchor first. */
  p = (double *) path->data;
  n = path->len / 2;
  for (guint i = 0; i < n / 2; i++)
    {
      double t0 = p[2 * i], t1 = p[2 * i + 1];

      p[2 * i] = p[2 * (n - 1 - i)];
      p[2 * i + 1] = p[2 * (n - 1 - i) + 1];
      p[2 * (n - 1 - i)] = t0;
      p[2 * (n - 1 - i) + 1] = t1;
    }
  return path;
}
