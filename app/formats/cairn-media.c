#define G_LOG_DOMAIN "cairn-media"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cairn-format.h"
#include "cairn-media.h"

gboolean
cairn_media_is_audio_name (const char *name)
{
  return g_str_has_suffix (name, ".wav") || g_str_has_suffix (name, ".flac")
         || g_str_has_suffix (name, ".ogg") || g_str_has_suffix (name, ".mp3");
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

static gboolean
probe_image (CairnItem *item, GBytes *bytes, GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;
  const char *orientation;

  /* A full decode: truncated or damaged files must fail here, not in the annotator's face. */
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error)
      || !gdk_pixbuf_loader_close (loader, error))
    return FALSE;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf != NULL && is_truncated (bytes))
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "the image is truncated");
      return FALSE;
    }
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                           "the image could not be decoded");
      return FALSE;
    }
  item->width = gdk_pixbuf_get_width (pixbuf);
  item->height = gdk_pixbuf_get_height (pixbuf);
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  item->orientation = orientation ? atoi (orientation) : 1;
  if (item->orientation < 1 || item->orientation > 8)
    item->orientation = 1;
  /* Orientations 5–8 turn the image a quarter: annotations live in the displayed frame. */
  if (item->orientation >= 5)
    {
      gint t = item->width;
      item->width = item->height;
      item->height = t;
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

  if (g_str_has_suffix (lower, ".wav"))
    return probe_wav (item, p, n, error);
  if (g_str_has_suffix (lower, ".flac"))
    return probe_flac (item, p, n, error);
  if (g_str_has_suffix (lower, ".ogg"))
    return (n >= 4 && memcmp (p, "OggS", 4) == 0) || bad_audio (error, "Ogg");
  /* MP3: an ID3 tag or a frame sync. The duration needs a decoder; it stays unknown. */
  return (n >= 3 && memcmp (p, "ID3", 3) == 0) || (n >= 2 && p[0] == 0xff && (p[1] & 0xe0) == 0xe0)
         || bad_audio (error, "MP3");
}

CairnItem *
cairn_media_probe (const char  *path,
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
  if (item->kind == CAIRN_ITEM_IMAGE ? !probe_image (item, bytes, error)
                                     : !probe_audio (item, path, bytes, error))
    return NULL;
  if (bytes_out)
    *bytes_out = g_steal_pointer (&bytes);
  return g_steal_pointer (&item);
}
