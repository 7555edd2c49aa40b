#define G_LOG_DOMAIN "cairn-guideline"

#include "cairn-fit-paintable.h"
#include "cairn-guideline-pictures.h"
#include "store/cairn-store-guide.h"

struct _CairnGuidelinePictures
{
  GHashTable *pending;   /* name → GBytes */
  GHashTable *textures;  /* "VERSION/name" → GdkTexture */
  GPtrArray  *placed;    /* CairnFitPaintable, in the text now */
  int         width;
  guint       shown;
};

CairnGuidelinePictures *
cairn_guideline_pictures_new (void)
{
  CairnGuidelinePictures *self = g_new0 (CairnGuidelinePictures, 1);

  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->placed = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
cairn_guideline_pictures_free (CairnGuidelinePictures *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_hash_table_unref (self->textures);
  g_ptr_array_unref (self->placed);
  g_free (self);
}

void
cairn_guideline_pictures_set_pending (CairnGuidelinePictures *self,
                                      GHashTable             *pending)
{
  g_clear_pointer (&self->pending, g_hash_table_unref);
  self->pending = pending ? g_hash_table_ref (pending) : NULL;
  /* The preview's (version 0) may now come from elsewhere. */
  g_hash_table_remove_all (self->textures);
}

static void
on_size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  if (width > CAIRN_GUIDELINE_PICTURE_WIDTH)
    gdk_pixbuf_loader_set_size (loader, CAIRN_GUIDELINE_PICTURE_WIDTH,
                                MAX (1, height * CAIRN_GUIDELINE_PICTURE_WIDTH / width));
}

static GdkTexture *
decode (GBytes *bytes, const char *name)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error)
      || !gdk_pixbuf_loader_close (loader, &error)
      || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_warning ("Guideline picture %s: %s", name, error ? error->message : "no picture");
      return NULL;
    }
  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* A grey frame with a cross: a texture, as GTK 4.8's text view drops an icon paintable's
 * handlers twice when it unmaps. */
static GdkPaintable *
missing_picture (void)
{
  const int w = 48, h = 36;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, 1, 1, w - 2, h - 2);
  cairo_move_to (cr, 1, 1);
  cairo_line_to (cr, w - 1, h - 1);
  cairo_move_to (cr, w - 1, 1);
  cairo_line_to (cr, 1, h - 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * h);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return GDK_PAINTABLE (texture);
}

static GBytes *
find_bytes (CairnGuidelinePictures *self, CairnStore *store, const char *name, gint version)
{
  GBytes *pending = self->pending ? g_hash_table_lookup (self->pending, name) : NULL;

  if (pending != NULL && version <= 0)
    return g_bytes_ref (pending);
  return store ? cairn_store_get_guideline_image (store, name, version, NULL) : NULL;
}

static GdkPaintable *
picture (CairnGuidelinePictures *self, CairnStore *store, const char *name, gint version)
{
  g_autofree char *key = g_strdup_printf ("%d/%s", version, name);
  GdkTexture *texture = g_hash_table_lookup (self->textures, key);

  if (texture == NULL)
    {
      g_autoptr(GBytes) bytes = find_bytes (self, store, name, version);

      texture = bytes ? decode (bytes, name) : NULL;
      if (texture != NULL)
        g_hash_table_insert (self->textures, g_steal_pointer (&key), texture);
    }
  if (texture != NULL)
    {
      CairnFitPaintable *fit = cairn_fit_paintable_new (GDK_PAINTABLE (texture), self->width);

      self->shown++;
      g_ptr_array_add (self->placed, g_object_ref (fit));
      return GDK_PAINTABLE (fit);
    }
  return missing_picture ();
}

void
cairn_guideline_pictures_place (CairnGuidelinePictures *self,
                                GtkTextBuffer          *buffer,
                                const CairnGuideRender *render,
                                CairnStore             *store,
                                gint                    version,
                                GtkWidget              *widget)
{
  self->shown = 0;
  g_ptr_array_set_size (self->placed, 0);
  for (guint i = 0; i < render->spans->len; i++)
    {
      const CairnGuideSpan *s = render->spans->pdata[i];
      g_autoptr(GdkPaintable) paintable = NULL;
      GtkTextIter at, after;

      if (g_strcmp0 (s->tag, "picture") != 0)
        continue;
      paintable = picture (self, store, s->data, version);
      gtk_text_buffer_get_iter_at_offset (buffer, &at, (gint) s->start);
      after = at;
      gtk_text_iter_forward_char (&after);
      gtk_text_buffer_delete (buffer, &at, &after);
      gtk_text_buffer_insert_paintable (buffer, &at, paintable);
      after = at;
      gtk_text_iter_backward_char (&at);
      gtk_text_buffer_apply_tag_by_name (buffer, "picture", &at, &after);
    }
}

void
cairn_guideline_pictures_set_width (CairnGuidelinePictures *self,
                                    int                     width)
{
  self->width = MAX (width, 0);
  for (guint i = 0; i < self->placed->len; i++)
    cairn_fit_paintable_set_max_width (self->placed->pdata[i], self->width);
}

guint
cairn_guideline_pictures_get_shown (CairnGuidelinePictures *self)
{
  return self->shown;
}
