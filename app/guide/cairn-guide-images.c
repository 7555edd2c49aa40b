#define G_LOG_DOMAIN "cairn-guide"
/* realpath (), hidden by -std=c17. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cairn-guide-images.h"
#include "cairn-guide-render.h"
#include "store/cairn-store-guide.h"

gboolean
cairn_guide_is_local_image (const char *url)
{
  g_auto(GStrv) parts = NULL;

  if (url == NULL || *url == '\0' || *url == '/' || *url == '\\' || strchr (url, ':') != NULL)
    return FALSE;
  parts = g_strsplit_set (url, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

GPtrArray *
cairn_guide_image_names (const char *markdown)
{
  g_autoptr(CairnGuideRender) render = cairn_guide_render (markdown ? markdown : "");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < render->spans->len; i++)
    {
      const CairnGuideSpan *span = render->spans->pdata[i];

      if (g_strcmp0 (span->tag, "image") != 0 || !cairn_guide_is_local_image (span->data)
          || g_ptr_array_find_with_equal_func (names, span->data, g_str_equal, NULL))
        continue;
      g_ptr_array_add (names, g_strdup (span->data));
    }
  return names;
}

gboolean
cairn_guide_check_image (const char *name,
                         GBytes     *bytes,
                         GError    **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local = NULL;
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  gboolean ok, known;

  if (size > CAIRN_GUIDE_IMAGE_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: a guideline picture of at most %d MB, please"), name,
                   CAIRN_GUIDE_IMAGE_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  /* The head is enough to know the format (a small file is read whole: the loader only
   * decides at close); the panel decodes the rest when it shows it. */
  ok = gdk_pixbuf_loader_write (loader, data, MIN (size, 64 * 1024), &local);
  if (ok && gdk_pixbuf_loader_get_format (loader) == NULL && size <= 64 * 1024)
    ok = gdk_pixbuf_loader_close (loader, &local);
  known = ok && gdk_pixbuf_loader_get_format (loader) != NULL;
  gdk_pixbuf_loader_close (loader, NULL);
  if (!known)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: not a picture (%s)"), name,
                 local ? local->message : _("unknown format"));
  return known;
}

/* dir/name, refused when it (or a link on the way) leads out of dir. */
static char *
resolve_inside (const char *dir, const char *name, GError **error)
{
  g_autofree char *decoded = g_uri_unescape_string (name, NULL);
  g_autofree char *path = g_build_filename (dir, decoded ? decoded : name, NULL);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *real = realpath (path, NULL);
  gsize n = real_dir ? strlen (real_dir) : 0;

  if (real == NULL || real_dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path,
                   g_strerror (errno));
      return NULL;
    }
  if (strncmp (real, real_dir, n) != 0 || (real[n] != '/' && !g_str_equal (real_dir, "/")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s: leads out of the guideline's folder; not read"), path);
      return NULL;
    }
  return g_steal_pointer (&real);
}

GBytes *
cairn_guide_read_image (const char *name,
                        const char *dir,
                        GError    **error)
{
  g_autofree char *path = resolve_inside (dir, name, error);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (path == NULL || (file = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  if (!cairn_guide_check_image (path, bytes, error))
    return NULL;
  /* Copied: the mapping goes with the file. */
  return g_bytes_new (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

GHashTable *
cairn_guide_read_images (const char *markdown,
                         const char *dir,
                         GError    **error)
{
  g_autoptr(GPtrArray) names = cairn_guide_image_names (markdown);
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < names->len; i++)
    {
      GBytes *bytes = cairn_guide_read_image (names->pdata[i], dir, error);

      if (bytes == NULL)
        return NULL;
      g_hash_table_insert (images, g_strdup (names->pdata[i]), bytes);
    }
  return g_steal_pointer (&images);
}

gboolean
cairn_guide_store_images (CairnStore *store,
                          gint        version,
                          GHashTable *images,
                          GError    **error)
{
  GHashTableIter iter;
  gpointer name, bytes;

  if (images == NULL)
    return TRUE;
  if (!cairn_store_begin (store, error))
    return FALSE;
  g_hash_table_iter_init (&iter, images);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    if (!cairn_store_add_guideline_image (store, name, version, bytes, error))
      {
        cairn_store_rollback (store);
        return FALSE;
      }
  return cairn_store_commit (store, error);
}
