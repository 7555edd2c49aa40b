#define G_LOG_DOMAIN "cairn-media"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <png.h>
#include <stdlib.h>

#include "audio/cairn-audio.h"
#include "cairn-format.h"
#include "cairn-media.h"

gboolean
cairn_media_is_audio_name (const char *name)
{
  return g_str_has_suffix (name, ".wav") || g_str_has_suffix (name, ".flac")
         || g_str_has_suffix (name, ".ogg") || g_str_has_suffix (name, ".opus")
         || g_str_has_suffix (name, ".mp3");
}

gboolean
cairn_media_is_image_name (const char *name)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;
  for (GSList *l = formats; l; l = l->next)
    {
      g_auto(GStrv) extensions = gdk_pixbuf_format_get_extensions (l->data);
      g_autofree char *format = gdk_pixbuf_format_get_name (l->data);

      /* Icons and vector formats are not training images. */
      if (g_strv_contains ((const char *const[]) { "svg", "ico", "ani", NULL }, format))
        continue;
      for (guint i = 0; extensions[i]; i++)
        if (g_str_equal (dot + 1, extensions[i]))
          return TRUE;
    }
  return FALSE;
}

/* Other formats are decoded whole to be verified: this bounds what that costs (4 bytes a
 * pixel). */
#define FULL_DECODE_PIXELS (G_GUINT64_CONSTANT (64) << 20)

typedef struct
{
  char    *format;         /* the loader's name for it: "png", "jpeg"... */
  int      width, height;  /* from the header */
  gboolean stop;           /* only the size is wanted */
  int      scale;          /* decode at 1/scale */
} Header;

static void
size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  Header *h = data;

  if (h->width == 0)
    {
      GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);

      h->width = width;
      h->height = height;
      h->format = format ? gdk_pixbuf_format_get_name (format) : NULL;
    }
  /* A zero size makes the loader stop before it allocates the image; a smaller one makes the
   * JPEG loader decode at 1/2, 1/4 or 1/8 of the size. */
  if (h->stop)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
  else if (h->scale > 1)
    gdk_pixbuf_loader_set_size (loader, MAX (width / h->scale, 1), MAX (height / h->scale, 1));
}

static char *
header_format (GBytes *bytes, Header *h)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

  h->stop = TRUE;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), h);
  /* Both fail once the size is set to zero; only the size matters here. */
  gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  gdk_pixbuf_loader_close (loader, NULL);
  if (h->width <= 0 || h->height <= 0)
    g_clear_pointer (&h->format, g_free);
  return g_steal_pointer (&h->format);
}

typedef struct
{
  const guint8 *data;
  gsize         length, pos;
  char          message[128];
} PngSource;

static void
png_read_cb (png_structp png, png_bytep out, png_size_t n)
{
  PngSource *src = png_get_io_ptr (png);

  if (n > src->length - src->pos)
    png_error (png, "the image is truncated");
  memcpy (out, src->data + src->pos, n);
  src->pos += n;
}

static void
png_error_cb (png_structp png, png_const_charp message)
{
  PngSource *src = png_get_error_ptr (png);

  g_strlcpy (src->message, message, sizeof src->message);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp png, png_const_charp message)
{
}

/* Every row through zlib and the CRCs, one row in memory at a time. */
static gboolean
verify_png (GBytes *bytes, GError **error)
{
  PngSource src = { 0 };
  png_structp png;
  png_infop info = NULL;
  guint8 *volatile row = NULL;
  volatile gboolean ok = FALSE;

  src.data = g_bytes_get_data (bytes, &src.length);
  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
  if (png == NULL || (info = png_create_info_struct (png)) == NULL)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "out of memory");
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)) == 0)
    {
      int passes;
      png_uint_32 height;

      png_set_read_fn (png, &src, png_read_cb);
      /* The header's size was checked already; libpng's own limit would refuse 16 000². */
      png_set_user_limits (png, 0x7fffffff, 0x7fffffff);
      png_read_info (png, info);
      passes = png_set_interlace_handling (png);
      png_read_update_info (png, info);
      height = png_get_image_height (png, info);
      row = g_malloc (png_get_rowbytes (png, info));
      for (int pass = 0; pass < passes; pass++)
        for (png_uint_32 y = 0; y < height; y++)
          png_read_row (png, row, NULL);
      png_read_end (png, NULL);
      ok = TRUE;
    }
  g_free (row);
  png_destroy_read_struct (&png, &info, NULL);
  if (!ok)
    g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                 "the image could not be decoded: %s", src.message);
  return ok;
}

/* libjpeg pads a truncated JPEG with grey and calls it a success: check the end marker. */
static gboolean
is_truncated (GBytes *bytes)
{
  gsize n;
  const guint8 *p = g_bytes_get_data (bytes, &n);

  if (n >= 3 && p[0] == 0xff && p[1] == 0xd8)
    {
      while (n > 2 && (p[n - 1] == 0 || p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
      return !(p[n - 2] == 0xff && p[n - 1] == 0xd9);
    }
  if (n >= 8 && memcmp (p, "\x89PNG", 4) == 0)
    return n < 12 || memcmp (p + n - 8, "IEND", 4) != 0;
  return FALSE;
}

gboolean
cairn_media_probe_image (GBytes  *bytes,
                         guint64  max_pixels,
                         gint    *width,
                         gint    *height,
                         gint    *orientation,
                         GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  Header h = { 0 };
  g_autofree char *format = NULL;
  guint64 pixels;
  const char *option;
  GdkPixbuf *pixbuf;

  /* First: a truncated file claiming a huge size costs nothing to refuse (and gdk-pixbuf's
   * JPEG loader gives no header for one). */
  if (is_truncated (bytes))
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "the image is truncated");
      return FALSE;
    }
  format = header_format (bytes, &h);
  pixels = (guint64) h.width * h.height;
  if (max_pixels == 0)
    max_pixels = CAIRN_MEDIA_MAX_PIXELS;
  if (format == NULL)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "not an image this system can decode");
      return FALSE;
    }
  if (pixels > max_pixels)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "the image is %d × %d, %.0f megapixels, over the limit of %.0f "
                   "(--max-pixels)", h.width, h.height, pixels / 1e6, max_pixels / 1e6);
      return FALSE;
    }
  *width = h.width;
  *height = h.height;
  *orientation = 1;
  if (g_str_equal (format, "png"))
    return verify_png (bytes, error);
  if (!g_str_equal (format, "jpeg") && pixels > FULL_DECODE_PIXELS)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "a %s image of %d × %d cannot be verified in bounded memory; convert it to "
                   "PNG or JPEG", format, h.width, h.height);
      return FALSE;
    }
  loader = gdk_pixbuf_loader_new ();
  h.stop = FALSE;
  h.scale = g_str_equal (format, "jpeg") ? 8 : 1;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &h);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error)
      || !gdk_pixbuf_loader_close (loader, error))
    return FALSE;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "the image could not be decoded");
      return FALSE;
    }
  option = gdk_pixbuf_get_option (pixbuf, "orientation");
  *orientation = option ? atoi (option) : 1;
  if (*orientation < 1 || *orientation > 8)
    *orientation = 1;
  /* Orientations 5–8 turn the image a quarter: annotations live in the displayed frame. */
  if (*orientation >= 5)
    {
      *width = h.height;
      *height = h.width;
    }
  return TRUE;
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
bad_audio (GError **error, const char *what)
{
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "not a valid %s file", what);
  return FALSE;
}

static gboolean
probe_wav (CairnItem *item, const guint8 *p, gsize n, GError **error)
{
  gsize pos = 12;
  guint32 byte_rate = 0;

  if (n < 12 || memcmp (p, "RIFF", 4) != 0 || memcmp (p + 8, "WAVE", 4) != 0)
    return bad_audio (error, "WAV");
  while (pos + 8 <= n)
    {
      guint32 size = le32 (p + pos + 4);

      if (memcmp (p + pos, "fmt ", 4) == 0 && size >= 16 && pos + 8 + 16 <= n)
        byte_rate = le32 (p + pos + 8 + 8);
      else if (memcmp (p + pos, "data", 4) == 0)
        {
          if (byte_rate == 0)
            return bad_audio (error, "WAV (no format chunk before the data)");
          item->duration_ms = (gint64) MIN (size, n - pos - 8) * 1000 / byte_rate;
          return TRUE;
        }
      pos += 8 + size + (size & 1);
    }
  return bad_audio (error, "WAV (no data chunk)");
}

static gboolean
probe_flac (CairnItem *item, const guint8 *p, gsize n, GError **error)
{
  guint32 rate;
  guint64 samples;

  /* STREAMINFO is always the first block: rate 20 bits, then 3 + 5 bits, samples 36 bits. */
  if (n < 8 + 34 || memcmp (p, "fLaC", 4) != 0 || (p[4] & 0x7f) != 0)
    return bad_audio (error, "FLAC");
  rate = (p[18] << 12) | (p[19] << 4) | (p[20] >> 4);
  samples = ((guint64) (p[21] & 0x0f) << 32) | ((guint64) p[22] << 24) | (p[23] << 16)
            | (p[24] << 8) | p[25];
  if (rate == 0)
    return bad_audio (error, "FLAC");
  item->duration_ms = (gint64) (samples * 1000 / rate);
  return TRUE;
}

static gboolean
probe_audio (CairnItem *item, const char *path, GBytes *bytes, GError **error)
{
  gsize n;
  const guint8 *p = g_bytes_get_data (bytes, &n);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autoptr(GError) local = NULL;

  if (g_str_has_suffix (lower, ".wav"))
    return probe_wav (item, p, n, error);
  if (g_str_has_suffix (lower, ".flac"))
    return probe_flac (item, p, n, error);
  if (g_str_has_suffix (lower, ".ogg") || g_str_has_suffix (lower, ".opus"))
    {
      if (n < 4 || memcmp (p, "OggS", 4) != 0)
        return bad_audio (error, "Ogg");
    }
  /* MP3: an ID3 tag or a frame sync. */
  else if (!((n >= 3 && memcmp (p, "ID3", 3) == 0)
             || (n >= 2 && p[0] == 0xff && (p[1] & 0xe0) == 0xe0)))
    return bad_audio (error, "MP3");
  /* Their headers hold no length: GStreamer decodes the start and asks the demuxer (or counts
   * the samples of a file that cannot tell). */
  if (!cairn_audio_probe_duration (NULL, bytes, &item->duration_ms, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

CairnItem *
cairn_media_probe (const char  *path,
                   guint64      max_pixels,
                   GBytes     **bytes_out,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CairnItem) item = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length == 0)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "empty file");
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  item = cairn_item_new (cairn_media_is_audio_name (lower) ? CAIRN_ITEM_AUDIO : CAIRN_ITEM_IMAGE);
  item->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (item->kind == CAIRN_ITEM_IMAGE
        ? !cairn_media_probe_image (bytes, max_pixels, &item->width, &item->height,
                                    &item->orientation, error)
        : !probe_audio (item, path, bytes, error))
    return NULL;
  if (bytes_out)
    *bytes_out = g_steal_pointer (&bytes);
  return g_steal_pointer (&item);
}
