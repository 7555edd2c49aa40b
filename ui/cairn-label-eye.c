#define G_LOG_DOMAIN "cairn-label-eye"

#include "cairn-label-eye.h"

struct _CairnLabelEye
{
  GtkToggleButton  parent_instance;
  CairnLabelRow   *row;
  GBinding        *shown;
  GBinding        *can_hide;
};

G_DEFINE_FINAL_TYPE (CairnLabelEye, cairn_label_eye, GTK_TYPE_TOGGLE_BUTTON)

enum
{
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_active_changed_cb (CairnLabelEye *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self),
                            gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self))
                              ? "view-reveal-symbolic" : "view-conceal-symbolic");
}

static void
unbind (CairnLabelEye *self)
{
  g_clear_pointer (&self->shown, g_binding_unbind);
  g_clear_pointer (&self->can_hide, g_binding_unbind);
  g_clear_object (&self->row);
}

static void
cairn_label_eye_dispose (GObject *object)
{
  unbind (CAIRN_LABEL_EYE (object));
  G_OBJECT_CLASS (cairn_label_eye_parent_class)->dispose (object);
}

static void
cairn_label_eye_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_object (value, CAIRN_LABEL_EYE (object)->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_eye_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ROW:
      cairn_label_eye_set_row (CAIRN_LABEL_EYE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_eye_class_init (CairnLabelEyeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_label_eye_dispose;
  object_class->get_property = cairn_label_eye_get_property;
  object_class->set_property = cairn_label_eye_set_property;

  /* The row (a list item's) it shows and changes. */
  properties[PROP_ROW] = g_param_spec_object ("row", NULL, NULL, CAIRN_TYPE_LABEL_ROW,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                              | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-label-eye.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed_cb);
}

static void
cairn_label_eye_init (CairnLabelEye *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

CairnLabelRow *
cairn_label_eye_get_row (CairnLabelEye *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_EYE (self), NULL);
  return self->row;
}

void
cairn_label_eye_set_row (CairnLabelEye *self,
                         CairnLabelRow *row)
{
  g_return_if_fail (CAIRN_IS_LABEL_EYE (self));

  if (self->row == row)
    return;
  unbind (self);
  if (row != NULL)
    {
      self->row = g_object_ref (row);
      self->shown = g_object_bind_property (row, "shown", self, "active",
                                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      self->can_hide = g_object_bind_property (row, "can-hide", self, "visible",
                                               G_BINDING_SYNC_CREATE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW]);
}
