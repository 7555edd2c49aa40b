#define G_LOG_DOMAIN "cairn-image"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-image.h"

typedef struct
{
  double     scale;     /* level pixels per image pixel */
  int        width;
  int        height;
  guint      tile_size;
  guint      cols;
  guint      rows;
  GPtrArray *tiles;     /* GdkTexture, row-major */
} Level;

struct _CairnImage
{
  gatomicrefcount  ref_count;
  int              width;
  int              height;
  GArray          *levels; /* Level, largest first */
  GPtrArray       *pixels;  /* cairo_surface_t or NULL per full-size tile, made when magnified */
  GdkPixbuf       *pixbuf;  /* full size; its pixels are level 0's tiles' already */
};

G_DEFINE_BOXED_TYPE (CairnImage, cairn_image, cairn_image_ref, cairn_image_unref)

/* Levels are halved until the whole image fits in one tile of this size. */
#define SMALLEST_LEVEL 1024

typedef struct
{
  GBytes                 *bytes;
  char                   *path;
  int                     orientation;
  CairnImageProgressFunc  progress;
  gpointer                progress_data;
  GMainContext           *context;   /* where progress is told */
  int                     permille;  /* last told */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data->path);
  g_free (data);
}

/* Files this big tell how far decoding is (smaller ones are done before it could show). */
#define PROGRESS_MIN_BYTES (4 << 20)
#define READ_CHUNK (1 << 20)

typedef struct
{
  CairnImageProgressFunc func;
  gpointer               data;
  double                 fraction;
} Told;

static gboolean
tell_progress_cb (gpointer user_data)
{
  Told *told = user_data;

  told->func (told->fraction, told->data);
  return G_SOURCE_REMOVE;
}

/* From the decoding thread to the thread that asked, at most once per per mille. */
static void
tell_progress (LoadData *data, double fraction)
{
  int permille = (int) (fraction * 1000);
  Told *told;

  if (data->progress == NULL || permille <= data->permille)
    return;
  data->permille = permille;
  told = g_new (Told, 1);
  told->func = data->progress;
  told->data = data->progress_data;
  told->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, tell_progress_cb, told, g_free);
}

static void
level_clear (gpointer data)
{
  Level *level = data;

  g_clear_pointer (&level->tiles, g_ptr_array_unref);
}

/* A tile shares the pixbuf's pixels: a texture over a window of its rows. */
static GdkTexture *
tile_texture (GdkPixbuf *pixbuf,
              GBytes    *pixels,
              int        x,
              int        y,
              int        w,
              int        h)
{
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  gsize stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize offset = y * stride + (gsize) x * n_channels;
  gsize size = (h - 1) * stride + (gsize) w * n_channels;
  g_autoptr(GBytes) window = g_bytes_new_from_bytes (pixels, offset, size);
  GdkMemoryFormat format = gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8
                                                             : GDK_MEMORY_R8G8B8;

  return gdk_memory_texture_new (w, h, format, window, stride);
}

static void
level_init (Level     *level,
            GdkPixbuf *pixbuf,
            double     scale,
            guint      tile_size)
{
  /* The pixbuf is ours and never written again: share its pixels rather than copy them. */
  g_autoptr(GBytes) pixels = g_bytes_new_with_free_func (gdk_pixbuf_get_pixels (pixbuf),
                                                         gdk_pixbuf_get_byte_length (pixbuf),
                                                         g_object_unref, g_object_ref (pixbuf));

  level->scale = scale;
  level->width = gdk_pixbuf_get_width (pixbuf);
  level->height = gdk_pixbuf_get_height (pixbuf);
  level->tile_size = tile_size;
  level->cols = (level->width + tile_size - 1) / tile_size;
  level->rows = (level->height + tile_size - 1) / tile_size;
  level->tiles = g_ptr_array_new_full (level->cols * level->rows, g_object_unref);
  for (guint r = 0; r < level->rows; r++)
    for (guint c = 0; c < level->cols; c++)
      {
        int x = c * tile_size, y = r * tile_size;
        int w = MIN ((int) tile_size, level->width - x);
        int h = MIN ((int) tile_size, level->height - y);

        g_ptr_array_add (level->tiles, tile_texture (pixbuf, pixels, x, y, w, h));
      }
}

CairnImage *
cairn_image_new_from_pixbuf (GdkPixbuf *pixbuf,
                             guint      tile_size)
{
  CairnImage *self;
  g_autoptr(GdkPixbuf) current = NULL;
  double scale = 1.0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);

  if (tile_size == 0)
    tile_size = CAIRN_IMAGE_TILE_SIZE;
  tile_size = MIN (tile_size, 16384u);

  self = g_new0 (CairnImage, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->width = gdk_pixbuf_get_width (pixbuf);
  self->height = gdk_pixbuf_get_height (pixbuf);
  self->levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (self->levels, level_clear);
  self->pixbuf = g_object_ref (pixbuf);

  current = g_object_ref (pixbuf);
  for (;;)
    {
      Level level = { 0 };
      int w = gdk_pixbuf_get_width (current), h = gdk_pixbuf_get_height (current);
      GdkPixbuf *half;

      level_init (&level, current, scale, tile_size);
      g_array_append_val (self->levels, level);
      if (MAX (w, h) <= SMALLEST_LEVEL)
        break;
      half = gdk_pixbuf_scale_simple (current, MAX (1, w / 2), MAX (1, h / 2),
                                      GDK_INTERP_BILINEAR);
      if (half == NULL)
        break; /* out of memory for a preview: draw from the larger level */
      scale = (double) gdk_pixbuf_get_width (half) / self->width;
      g_object_unref (current);
      current = half;
    }
  return self;
}

CairnImage *
cairn_image_ref (CairnImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cairn_image_unref (CairnImage *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->levels);
  g_clear_pointer (&self->pixels, g_ptr_array_unref);
  g_clear_object (&self->pixbuf);
  g_free (self);
}

GdkPixbuf *
cairn_image_get_pixbuf (CairnImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pixbuf;
}

int
cairn_image_get_width (CairnImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

int
cairn_image_get_height (CairnImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
cairn_image_get_n_levels (CairnImage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->levels->len;
}

guint
cairn_image_get_n_tiles (CairnImage *self,
                         guint       level)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (level < self->levels->len, 0);
  return g_array_index (self->levels, Level, level).tiles->len;
}

/* A full-size tile as a cairo surface, kept: what magnified views draw from. */
static cairo_surface_t *
tile_surface (CairnImage *self,
              guint       index)
{
  const Level *level = &g_array_index (self->levels, Level, 0);
  GdkTexture *tile = g_ptr_array_index (level->tiles, index);
  cairo_surface_t *surface;

  if (self->pixels == NULL)
    {
      self->pixels = g_ptr_array_new_full (level->tiles->len,
                                           (GDestroyNotify) cairo_surface_destroy);
      g_ptr_array_set_size (self->pixels, level->tiles->len);
    }
  surface = g_ptr_array_index (self->pixels, index);
  if (surface != NULL)
    return surface;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (tile),
                                        gdk_texture_get_height (tile));
  cairo_surface_flush (surface);
  gdk_texture_download (tile, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  g_ptr_array_index (self->pixels, index) = surface;
  return surface;
}

/* Past CAIRN_IMAGE_CRISP_ZOOM the pixels are drawn as crisp squares, as annotators need to see them: GTK 4.8
 * textures only scale with linear filtering (nearest is 4.10), so this goes through cairo,
 * only for the visible part. */
static void
snapshot_magnified (CairnImage            *self,
                    GtkSnapshot           *snapshot,
                    double                 x,
                    double                 y,
                    double                 zoom,
                    const graphene_rect_t *clip)
{
  const Level *level = &g_array_index (self->levels, Level, 0);
  graphene_rect_t image = GRAPHENE_RECT_INIT (x, y, self->width * zoom, self->height * zoom);
  graphene_rect_t visible;
  cairo_t *cr;

  if (clip == NULL)
    visible = image;
  else if (!graphene_rect_intersection (&image, clip, &visible))
    return;
  graphene_rect_round_extents (&visible, &visible);
  cr = gtk_snapshot_append_cairo (snapshot, &visible);
  cairo_rectangle (cr, visible.origin.x, visible.origin.y, visible.size.width,
                   visible.size.height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, zoom, zoom);
  for (guint r = 0; r < level->rows; r++)
    for (guint c = 0; c < level->cols; c++)
      {
        double tx = c * level->tile_size, ty = r * level->tile_size;
        GdkTexture *tile = g_ptr_array_index (level->tiles, r * level->cols + c);
        graphene_rect_t bounds = GRAPHENE_RECT_INIT (x + tx * zoom, y + ty * zoom,
                                                     gdk_texture_get_width (tile) * zoom,
                                                     gdk_texture_get_height (tile) * zoom);
        cairo_pattern_t *pattern;

        if (!graphene_rect_intersection (&bounds, &visible, NULL))
          continue;
        cairo_set_source_surface (cr, tile_surface (self, r * level->cols + c), tx, ty);
        pattern = cairo_get_source (cr);
        cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
        cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD); /* no seams between tiles */
        cairo_rectangle (cr, tx, ty, gdk_texture_get_width (tile), gdk_texture_get_height (tile));
        cairo_fill (cr);
      }
  cairo_destroy (cr);
}

guint
cairn_image_snapshot (CairnImage            *self,
                      GtkSnapshot           *snapshot,
                      double                 x,
                      double                 y,
                      double                 zoom,
                      const graphene_rect_t *clip)
{
  guint chosen = 0;
  const Level *level;
  double s;

  g_return_val_if_fail (self != NULL, 0);

  /* Up to 200 % smooth scaling reads better; beyond, the pixels themselves matter. */
  if (zoom > CAIRN_IMAGE_CRISP_ZOOM)
    {
      snapshot_magnified (self, snapshot, x, y, zoom, clip);
      return 0;
    }

  /* The smallest level that still has at least one pixel per screen pixel. */
  for (guint i = 0; i < self->levels->len; i++)
    if (g_array_index (self->levels, Level, i).scale >= zoom)
      chosen = i;
  level = &g_array_index (self->levels, Level, chosen);
  s = zoom / level->scale; /* screen pixels per level pixel */

  for (guint r = 0; r < level->rows; r++)
    for (guint c = 0; c < level->cols; c++)
      {
        GdkTexture *tile = g_ptr_array_index (level->tiles, r * level->cols + c);
        /* Edges rounded in screen space so neighbouring tiles meet without seams. */
        double x0 = round (x + c * level->tile_size * s);
        double y0 = round (y + r * level->tile_size * s);
        double x1 = round (x + (c * level->tile_size + gdk_texture_get_width (tile)) * s);
        double y1 = round (y + (r * level->tile_size + gdk_texture_get_height (tile)) * s);
        graphene_rect_t bounds = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);

        if (bounds.size.width <= 0 || bounds.size.height <= 0)
          continue;
        if (clip != NULL && !graphene_rect_intersection (&bounds, clip, NULL))
          continue;
        gtk_snapshot_append_texture (snapshot, tile, &bounds);
      }
  return chosen;
}

/* The store's EXIF orientation wins over the file's, so what is drawn matches the width and
 * height the annotations were made against. */
static GdkPixbuf *
apply_orientation (GdkPixbuf *pixbuf,
                   int        orientation)
{
  if (orientation >= 1 && orientation <= 8)
    {
      g_autofree char *value = g_strdup_printf ("%d", orientation);

      gdk_pixbuf_remove_option (pixbuf, "orientation");
      gdk_pixbuf_set_option (pixbuf, "orientation", value);
    }
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* The stream fed to a loader a chunk at a time, so a big file can tell how far it is. */
static GdkPixbuf *
read_pixbuf (GInputStream *stream, goffset size, LoadData *data, GCancellable *cancellable,
             GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autofree guchar *chunk = g_malloc (READ_CHUNK);
  goffset done = 0;
  gssize n;
  GdkPixbuf *pixbuf;

  while ((n = g_input_stream_read (stream, chunk, READ_CHUNK, cancellable, error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, chunk, n, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      done += n;
      if (data != NULL && size >= PROGRESS_MIN_BYTES)
        tell_progress (data, 0.85 * done / size); /* the rest is making the levels */
    }
  if (n < 0)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                   _("The file ends before the picture does"));
      return NULL;
    }
  return g_object_ref (pixbuf);
}

static GdkPixbuf *
decode (GBytes *bytes, const char *path, int orientation, LoadData *data,
        GCancellable *cancellable, GError **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  goffset size = 0;
  GdkPixbuf *oriented;

  g_return_val_if_fail (bytes != NULL || path != NULL, NULL);

  if (bytes != NULL)
    {
      stream = g_memory_input_stream_new_from_bytes (bytes);
      size = g_bytes_get_size (bytes);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = NULL;

      stream = G_INPUT_STREAM (g_file_read (file, cancellable, error));
      if (stream == NULL)
        return NULL;
      info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (stream),
                                             G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
      size = info ? g_file_info_get_size (info) : 0;
    }
  pixbuf = read_pixbuf (stream, size, data, cancellable, error);
  if (pixbuf == NULL)
    {
      if (path != NULL && error != NULL && *error != NULL)
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  oriented = apply_orientation (pixbuf, orientation);
  if (oriented == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Not enough memory to rotate the image"));
      return NULL;
    }
  if (gdk_pixbuf_get_bits_per_sample (oriented) != 8
      || gdk_pixbuf_get_colorspace (oriented) != GDK_COLORSPACE_RGB)
    {
      g_object_unref (oriented);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unsupported pixel format"));
      return NULL;
    }
  return oriented;
}

GdkPixbuf *
cairn_image_decode (GBytes        *bytes,
                    const char    *path,
                    int            orientation,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return decode (bytes, path, orientation, NULL, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;
  CairnImage *image;

  pixbuf = decode (data->bytes, data->path, data->orientation, data, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  image = cairn_image_new_from_pixbuf (pixbuf, 0);
  if (data->permille > 0)
    tell_progress (data, 1.0);
  g_task_return_pointer (task, image, (GDestroyNotify) cairn_image_unref);
}

void
cairn_image_load_async (GBytes              *bytes,
                        const char          *path,
                        int                  orientation,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  cairn_image_load_with_progress_async (bytes, path, orientation, NULL, NULL, cancellable,
                                        callback, user_data);
}

void
cairn_image_load_with_progress_async (GBytes                 *bytes,
                                      const char             *path,
                                      int                     orientation,
                                      CairnImageProgressFunc  progress,
                                      gpointer                progress_data,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (bytes != NULL || path != NULL);

  data = g_new0 (LoadData, 1);
  data->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  data->path = g_strdup (path);
  data->orientation = orientation;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cairn_image_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

CairnImage *
cairn_image_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
