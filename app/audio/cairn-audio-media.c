#define G_LOG_DOMAIN "cairn-audio"

#include <glib/gstdio.h>

#include "cairn-audio.h"
#include "cairn-audio-media.h"

gboolean
cairn_audio_media_locate (CairnStore      *store,
                          const CairnItem *item,
                          char           **path,
                          GBytes         **bytes,
                          GError         **error)
{
  *path = NULL;
  *bytes = NULL;
  if (!cairn_store_has_embedded_media (store, item->id) && item->uri != NULL)
    {
      g_autofree char *file = cairn_store_resolve_uri (store, item->uri);

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no such file", file);
          return FALSE;
        }
      *path = g_steal_pointer (&file);
      return TRUE;
    }
  *bytes = cairn_store_load_media (store, item, error);
  return *bytes != NULL;
}

char *
cairn_audio_media_key (const CairnItem *item,
                       const char      *path,
                       GBytes          *bytes)
{
  GStatBuf st;

  if (path != NULL && g_stat (path, &st) == 0)
    return g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                            item->sha256 ? item->sha256 : "", (gint64) st.st_size,
                            (gint64) st.st_mtime);
  if (bytes != NULL)
    return g_strdup_printf ("%s:%" G_GSIZE_FORMAT, item->sha256 ? item->sha256 : "",
                            g_bytes_get_size (bytes));
  return g_strdup (item->sha256 ? item->sha256 : "");
}

CairnPeaks *
cairn_audio_media_load_peaks (CairnStore      *store,
                              const CairnItem *item,
                              const char      *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cairn_store_get_cache (store, item->id, "peaks", key, &error);
  CairnPeaks *peaks;

  if (bytes == NULL)
    {
      if (error != NULL)
        g_debug ("Peaks of item %" G_GINT64_FORMAT ": %s", item->id, error->message);
      return NULL;
    }
  peaks = cairn_peaks_deserialize (bytes, &error);
  if (peaks == NULL)
    g_debug ("Peaks of item %" G_GINT64_FORMAT ": %s", item->id, error->message);
  return peaks;
}

gboolean
cairn_audio_media_save_peaks (CairnStore       *store,
                              const CairnItem  *item,
                              const char       *key,
                              const CairnPeaks *peaks,
                              GError          **error)
{
  g_autoptr(GBytes) bytes = cairn_peaks_serialize (peaks);

  if (bytes == NULL)
    {
      g_set_error_literal (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE,
                           "Could not compress the peaks");
      return FALSE;
    }
  return cairn_store_set_cache (store, item->id, "peaks", key, bytes, error);
}
