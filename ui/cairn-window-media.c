#define G_LOG_DOMAIN "cairn-window"

/* Decoding images off the UI thread, with a small cache so the neighbours of the current item
 * are ready before the user asks for them. */

#include <glib/gi18n.h>

#include "cairn-window-private.h"

/* Current, previous and next, and a couple more for going back and forth. */
#define IMAGE_CACHE_SIZE 5

typedef struct
{
  CairnWindow *window;  /* a reference: loads are cancelled when the window goes */
  gint64       id;
} LoadRequest;

static void
cache_image (CairnWindow *self,
             gint64       id,
             CairnImage  *image)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  if (g_hash_table_contains (self->images, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (self->images, key, cairn_image_ref (image));
  g_queue_push_tail (&self->image_order, key);
  while (g_queue_get_length (&self->image_order) > IMAGE_CACHE_SIZE)
    {
      gint64 *oldest = g_queue_pop_head (&self->image_order);

      g_hash_table_remove (self->images, oldest);
    }
}

static void
on_image_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LoadRequest *request = user_data;
  CairnWindow *self = request->window;
  g_autoptr(CairnImage) image = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current;

  image = cairn_image_load_finish (result, &error);
  if (self->store != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_hash_table_remove (self->loading, &request->id);
      current = self->current != NULL && self->current->id == request->id;
      if (image != NULL)
        cache_image (self, request->id, image);
      if (current)
        {
          cairn_canvas_set_image (self->canvas, image);
          g_clear_error (&self->image_error);
          self->image_error = g_steal_pointer (&error);
          cairn_window_update_canvas_state (self);
        }
      else if (error != NULL)
        g_debug ("Prefetching item %" G_GINT64_FORMAT ": %s", request->id, error->message);
    }
  g_object_unref (request->window);
  g_free (request);
}

/* A big picture tells how far decoding is: shown over the canvas while it is the current one. */
static void
on_image_progress_cb (double   fraction,
                      gpointer user_data)
{
  LoadRequest *request = user_data;
  CairnWindow *self = request->window;
  g_autofree char *text = NULL;

  if (self->current == NULL || self->current->id != request->id)
    return;
  /* Translators: a big picture being opened, e.g. "Opening the picture… 45 %". */
  text = g_strdup_printf (_("Opening the picture… %d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_fraction (self->canvas_progress, fraction);
  gtk_progress_bar_set_text (self->canvas_progress, text);
  gtk_widget_set_visible (GTK_WIDGET (self->canvas_progress), fraction < 1.0);
}

static void
load (CairnWindow     *self,
      const CairnItem *item)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  LoadRequest *request;
  gint64 *key;

  if (g_hash_table_contains (self->images, &item->id)
      || g_hash_table_contains (self->loading, &item->id))
    return;
  /* The file beside the project is read in the thread; media embedded in the project file
   * come out of the store here (a single row, and the store is not shared with threads). */
  path = cairn_store_resolve_uri (self->store, item->uri);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;

      bytes = cairn_store_load_media (self->store, item, &error);
      if (bytes == NULL)
        {
          if (self->current != NULL && self->current->id == item->id)
            {
              g_clear_error (&self->image_error);
              self->image_error = g_steal_pointer (&error);
            }
          return;
        }
      g_clear_pointer (&path, g_free);
    }

  cancellable = g_cancellable_new ();
  key = g_new (gint64, 1);
  *key = item->id;
  g_hash_table_insert (self->loading, key, g_object_ref (cancellable));
  request = g_new0 (LoadRequest, 1);
  request->window = g_object_ref (self);
  request->id = item->id;
  cairn_image_load_with_progress_async (bytes, path, item->orientation, on_image_progress_cb,
                                        request, cancellable, on_image_loaded_cb, request);
}

/* Stops decoding what is neither current nor a neighbour. */
static void
cancel_others (CairnWindow  *self,
               const gint64 *keep,
               guint         n_keep)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->loading);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean wanted = FALSE;

      for (guint i = 0; i < n_keep; i++)
        wanted |= *(gint64 *) key == keep[i];
      if (!wanted)
        {
          g_cancellable_cancel (value);
          g_hash_table_iter_remove (&iter);
        }
    }
}

void
cairn_window_media_init (CairnWindow *self)
{
  self->images = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) cairn_image_unref);
  self->loading = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->image_order);
}

void
cairn_window_media_clear (CairnWindow *self)
{
  cancel_others (self, NULL, 0);
  g_queue_clear (&self->image_order);
  g_hash_table_remove_all (self->images);
  g_clear_error (&self->image_error);
}

void
cairn_window_media_show (CairnWindow     *self,
                         const CairnItem *item)
{
  CairnImage *image = g_hash_table_lookup (self->images, &item->id);

  g_clear_error (&self->image_error);
  cairn_canvas_set_image (self->canvas, image);
  if (image == NULL)
    load (self, item);
}

void
cairn_window_media_prefetch (CairnWindow *self,
                             guint        position)
{
  gint64 keep[3] = { 0 };
  guint n_keep = 0;

  if (self->current != NULL)
    keep[n_keep++] = self->current->id;
  for (int delta = -1; delta <= 1; delta += 2)
    {
      gint64 id;
      g_autoptr(CairnItem) item = NULL;

      if ((delta < 0 && position == 0) || position == GTK_INVALID_LIST_POSITION)
        continue;
      id = cairn_item_list_model_get_id (self->items, position + delta);
      if (id == 0)
        continue;
      keep[n_keep++] = id;
      if (g_hash_table_contains (self->images, &id) || g_hash_table_contains (self->loading, &id))
        continue;
      item = cairn_store_get_item (self->store, id, NULL);
      if (item != NULL && item->kind == CAIRN_ITEM_IMAGE)
        load (self, item);
    }
  cancel_others (self, keep, n_keep);
}
