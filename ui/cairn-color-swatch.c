#define G_LOG_DOMAIN "cairn-color-swatch"

#include "cairn-color-swatch.h"

struct _CairnColorSwatch
{
  GtkWidget  parent_instance;
  char      *color;
  GdkRGBA    rgba;
};

G_DEFINE_FINAL_TYPE (CairnColorSwatch, cairn_color_swatch, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SIZE 16

static void
cairn_color_swatch_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
cairn_color_swatch_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  CairnColorSwatch *self = CAIRN_COLOR_SWATCH (widget);
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRoundedRect rect;
  GdkRGBA border = { 0, 0, 0, 0.25 };
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA borders[4] = { border, border, border, border };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, w, h), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
  /* A faint edge keeps pale colours visible on a light background. */
  gtk_snapshot_append_border (snapshot, &rect, widths, borders);
}

static void
cairn_color_swatch_finalize (GObject *object)
{
  g_free (CAIRN_COLOR_SWATCH (object)->color);
  G_OBJECT_CLASS (cairn_color_swatch_parent_class)->finalize (object);
}

static void
cairn_color_swatch_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, CAIRN_COLOR_SWATCH (object)->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_color_swatch_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_COLOR:
      cairn_color_swatch_set_color (CAIRN_COLOR_SWATCH (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_color_swatch_class_init (CairnColorSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cairn_color_swatch_finalize;
  object_class->get_property = cairn_color_swatch_get_property;
  object_class->set_property = cairn_color_swatch_set_property;
  widget_class->measure = cairn_color_swatch_measure;
  widget_class->snapshot = cairn_color_swatch_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "swatch");
}

static void
cairn_color_swatch_init (CairnColorSwatch *self)
{
  self->rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1 };
}

GtkWidget *
cairn_color_swatch_new (void)
{
  return g_object_new (CAIRN_TYPE_COLOR_SWATCH, NULL);
}

void
cairn_color_swatch_set_color (CairnColorSwatch *self,
                              const char       *color)
{
  g_return_if_fail (CAIRN_IS_COLOR_SWATCH (self));

  if (g_strcmp0 (color, self->color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  if (color == NULL || !gdk_rgba_parse (&self->rgba, color))
    self->rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1 };
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
cairn_color_swatch_get_color (CairnColorSwatch *self)
{
  g_return_val_if_fail (CAIRN_IS_COLOR_SWATCH (self), NULL);
  return self->color;
}
