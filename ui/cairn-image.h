#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A decoded image, ready to draw: textures in tiles (no texture may exceed 32 767 px a side),
 * at full size and at halved sizes, so a zoomed-out view draws few pixels. Reference counted;
 * made in a thread, then drawn from the UI thread only. */
typedef struct _CairnImage CairnImage;

#define CAIRN_TYPE_IMAGE (cairn_image_get_type ())
GType       cairn_image_get_type   (void) G_GNUC_CONST;

/* Magnified more than this, pixels are drawn as sharp squares rather than smoothed. */
#define CAIRN_IMAGE_CRISP_ZOOM 2.0

/* Tiles are at most this many pixels a side. */
#define CAIRN_IMAGE_TILE_SIZE 2048

/* Takes the pixbuf as it is (orientation already applied). tile_size 0 = the default. */
CairnImage *cairn_image_new_from_pixbuf (GdkPixbuf *pixbuf,
                                         guint      tile_size);
CairnImage *cairn_image_ref             (CairnImage *self);
void        cairn_image_unref           (CairnImage *self);
int         cairn_image_get_width       (CairnImage *self);
/* The full-size pixels (never written: the tiles share them), for the tools that read them. */
GdkPixbuf  *cairn_image_get_pixbuf      (CairnImage *self);
int         cairn_image_get_height      (CairnImage *self);
guint       cairn_image_get_n_levels    (CairnImage *self);
guint       cairn_image_get_n_tiles     (CairnImage *self,
                                         guint       level);
/* Appends the tiles that meet clip (widget coordinates), for an image whose origin is at
 * (x, y) drawn zoom times its size. Returns the level it drew from (0 when magnified; past
 * CAIRN_IMAGE_CRISP_ZOOM pixels are drawn as sharp squares). */
guint       cairn_image_snapshot        (CairnImage            *self,
                                         GtkSnapshot           *snapshot,
                                         double                 x,
                                         double                 y,
                                         double                 zoom,
                                         const graphene_rect_t *clip);

/* Decodes in a thread. The media is bytes, or else the file at path. orientation is the EXIF
 * orientation the store recorded (1..8), or 0 to use the one in the file. */
void        cairn_image_load_async      (GBytes              *bytes,
                                         const char          *path,
                                         int                  orientation,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* How far decoding is (0..1), told in the thread that asked, for files of a few megabytes or
 * more; told before the load's callback runs, so progress_data may be what that frees. */
typedef void (*CairnImageProgressFunc) (double   fraction,
                                        gpointer user_data);
void        cairn_image_load_with_progress_async (GBytes                 *bytes,
                                                  const char             *path,
                                                  int                     orientation,
                                                  CairnImageProgressFunc  progress,
                                                  gpointer                progress_data,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
CairnImage *cairn_image_load_finish     (GAsyncResult  *result,
                                         GError       **error);
/* The same, synchronously: what the thread runs. */
GdkPixbuf  *cairn_image_decode          (GBytes        *bytes,
                                         const char    *path,
                                         int            orientation,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnImage, cairn_image_unref)

G_END_DECLS
