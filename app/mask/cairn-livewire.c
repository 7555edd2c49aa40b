#define G_LOG_DOMAIN "cairn-mask"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cairn-livewire.h"

struct _CairnLivewire
{
  gint               ref_count;
  guint              width;
  guint              height;
  guint8            *cost;   /* width × height; never changed once made, read by threads */
  CairnLivewireTree *tree;   /* cairn_livewire_set_anchor's */
};

/* The tree grown from an anchor over its window. */
struct _CairnLivewireTree
{
  guint    width;     /* the image's */
  guint    height;
  int      anchor_x;
  int      anchor_y;
  int      win_x;
  int      win_y;
  int      win_w;
  int      win_h;
  guint8  *parent;    /* per window pixel: 1 + the direction to its parent, 0 = none */
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
  self->ref_count = 1;
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
          int tl = luma (image, x - 1, y - 1), t = luma (image, x, y - 1);
          int tr = luma (image, x + 1, y - 1), l = luma (image, x - 1, y);
          int r = luma (image, x + 1, y), bl = luma (image, x - 1, y + 1);
          int b = luma (image, x, y + 1), br = luma (image, x + 1, y + 1);
          int gx = tr + 2 * r + br - tl - 2 * l - bl;
          int gy = bl + 2 * b + br - tl - 2 * t - tr;
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

CairnLivewire *
cairn_livewire_ref (CairnLivewire *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
cairn_livewire_unref (CairnLivewire *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->cost);
  cairn_livewire_tree_free (self->tree);
  g_free (self);
}

void
cairn_livewire_tree_free (CairnLivewireTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->parent);
  g_free (tree);
}

void
cairn_livewire_tree_get_anchor (const CairnLivewireTree *tree,
                                int                     *x,
                                int                     *y)
{
  *x = tree->anchor_x;
  *y = tree->anchor_y;
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
    g_task_return_pointer (task, self, (GDestroyNotify) cairn_livewire_unref);
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

CairnLivewireTree *
cairn_livewire_grow (CairnLivewire *self,
                     int            x,
                     int            y,
                     GCancellable  *cancellable)
{
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  CairnLivewireTree *t = g_new0 (CairnLivewireTree, 1);
  g_autofree guint8 *done = NULL;
  g_autofree guint32 *dist = NULL;
  gsize n, pending = 0, popped = 0;
  guint32 current = 0;

  x = CLAMP (x, 0, (int) self->width - 1);
  y = CLAMP (y, 0, (int) self->height - 1);
  t->width = self->width;
  t->height = self->height;
  t->anchor_x = x;
  t->anchor_y = y;
  t->win_x = MAX (0, x - CAIRN_LIVEWIRE_RADIUS);
  t->win_y = MAX (0, y - CAIRN_LIVEWIRE_RADIUS);
  t->win_w = MIN ((int) self->width, x + CAIRN_LIVEWIRE_RADIUS + 1) - t->win_x;
  t->win_h = MIN ((int) self->height, y + CAIRN_LIVEWIRE_RADIUS + 1) - t->win_y;
  n = (gsize) t->win_w * t->win_h;
  t->parent = g_malloc0 (n);
  dist = g_malloc (n * sizeof (guint32));
  memset (dist, 0xff, n * sizeof (guint32));
  done = g_malloc0 (n);
  for (guint i = 0; i < N_BUCKETS; i++)
    g_ptr_array_add (buckets, g_array_new (FALSE, FALSE, sizeof (guint32)));

  {
    guint32 start = (guint32) ((y - t->win_y) * t->win_w + (x - t->win_x));

    dist[start] = 0;
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
      /* A new anchor came: this tree is not wanted any more. */
      if (++popped % 65536 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          cairn_livewire_tree_free (t);
          return NULL;
        }
      i = g_array_index (bucket, guint32, bucket->len - 1);
      g_array_set_size (bucket, bucket->len - 1);
      pending--;
      if (done[i] || dist[i] != current)
        continue;
      done[i] = 1;
      px = i % t->win_w;
      py = i / t->win_w;
      for (guint k = 0; k < 8; k++)
        {
          int qx = px + NX[k], qy = py + NY[k];
          guint32 q, d;

          if (qx < 0 || qy < 0 || qx >= t->win_w || qy >= t->win_h)
            continue;
          q = (guint32) (qy * t->win_w + qx);
          if (done[q])
            continue;
          d = current + NW[k] * self->cost[(gsize) (qy + t->win_y) * self->width
                                           + (qx + t->win_x)];
          if (d < dist[q])
            {
              dist[q] = d;
              /* The direction back to p from q is the opposite of k. */
              t->parent[q] = (guint8) (1 + (k + 4) % 8);
              g_array_append_val (buckets->pdata[d % N_BUCKETS], q);
              pending++;
            }
        }
    }
  return t;
}

void
cairn_livewire_set_anchor (CairnLivewire *self,
                           int            x,
                           int            y)
{
  cairn_livewire_tree_free (self->tree);
  self->tree = cairn_livewire_grow (self, x, y, NULL);
}

typedef struct
{
  CairnLivewire *wire;
  int            x;
  int            y;
} GrowData;

static void
grow_data_free (GrowData *data)
{
  cairn_livewire_unref (data->wire);
  g_free (data);
}

static void
grow_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GrowData *data = task_data;
  CairnLivewireTree *tree = cairn_livewire_grow (data->wire, data->x, data->y, cancellable);

  if (tree == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, tree, (GDestroyNotify) cairn_livewire_tree_free);
}

void
cairn_livewire_grow_async (CairnLivewire       *self,
                           int                  x,
                           int                  y,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GrowData *data = g_new0 (GrowData, 1);

  data->wire = cairn_livewire_ref (self);
  data->x = x;
  data->y = y;
  g_task_set_source_tag (task, cairn_livewire_grow_async);
  g_task_set_task_data (task, data, (GDestroyNotify) grow_data_free);
  g_task_run_in_thread (task, grow_in_thread);
}

CairnLivewireTree *
cairn_livewire_grow_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
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
  if (self->tree == NULL)
    return g_array_new (FALSE, FALSE, sizeof (double));
  return cairn_livewire_tree_path_to (self->tree, x, y);
}

GArray *
cairn_livewire_tree_path_to (const CairnLivewireTree *self,
                             int                      x,
                             int                      y)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (double));
  int cx, cy, tx = x, ty = y;
  double *p;
  guint n;

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
