#define G_LOG_DOMAIN "cairn-guideline"

#include "cairn-fit-paintable.h"

struct _CairnFitPaintable
{
  GObject       parent_instance;
  GdkPaintable *picture;
  int           max_width;  /* 0: no limit */
};

static void cairn_fit_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnFitPaintable, cairn_fit_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      cairn_fit_paintable_iface_init))

static int
fit_width (CairnFitPaintable *self)
{
  int width = gdk_paintable_get_intrinsic_width (self->picture);

  return self->max_width > 0 ? MIN (width, self->max_width) : width;
}

static int
get_intrinsic_width (GdkPaintable *paintable)
{
  return fit_width (CAIRN_FIT_PAINTABLE (paintable));
}

static int
get_intrinsic_height (GdkPaintable *paintable)
{
  CairnFitPaintable *self = CAIRN_FIT_PAINTABLE (paintable);
  int width = gdk_paintable_get_intrinsic_width (self->picture);
  int height = gdk_paintable_get_intrinsic_height (self->picture);

  return width > 0 ? MAX (1, (int) ((double) height * fit_width (self) / width + 0.5)) : height;
}

static void
snapshot (GdkPaintable *paintable, GdkSnapshot *snapshot, double width, double height)
{
  gdk_paintable_snapshot (CAIRN_FIT_PAINTABLE (paintable)->picture, snapshot, width, height);
}

static GdkPaintableFlags
get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
cairn_fit_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->get_intrinsic_width = get_intrinsic_width;
  iface->get_intrinsic_height = get_intrinsic_height;
  iface->snapshot = snapshot;
  iface->get_flags = get_flags;
}

static void
cairn_fit_paintable_finalize (GObject *object)
{
  g_clear_object (&CAIRN_FIT_PAINTABLE (object)->picture);
  G_OBJECT_CLASS (cairn_fit_paintable_parent_class)->finalize (object);
}

static void
cairn_fit_paintable_class_init (CairnFitPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_fit_paintable_finalize;
}

static void
cairn_fit_paintable_init (CairnFitPaintable *self)
{
}

CairnFitPaintable *
cairn_fit_paintable_new (GdkPaintable *picture,
                         int           max_width)
{
  CairnFitPaintable *self = g_object_new (CAIRN_TYPE_FIT_PAINTABLE, NULL);

  g_return_val_if_fail (GDK_IS_PAINTABLE (picture), NULL);
  self->picture = g_object_ref (picture);
  self->max_width = MAX (max_width, 0);
  return self;
}

void
cairn_fit_paintable_set_max_width (CairnFitPaintable *self,
                                   int                max_width)
{
  g_return_if_fail (CAIRN_IS_FIT_PAINTABLE (self));
  max_width = MAX (max_width, 0);
  if (max_width == self->max_width)
    return;
  self->max_width = max_width;
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
}
