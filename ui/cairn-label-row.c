#define G_LOG_DOMAIN "cairn-label-row"

#include "cairn-label-row.h"

struct _CairnLabelRow
{
  GObject     parent_instance;
  CairnLabel *label;
  char       *kinds;
};

G_DEFINE_FINAL_TYPE (CairnLabelRow, cairn_label_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_HOTKEY,
  PROP_KINDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cairn_label_row_finalize (GObject *object)
{
  CairnLabelRow *self = CAIRN_LABEL_ROW (object);

  cairn_label_free (self->label);
  g_free (self->kinds);
  G_OBJECT_CLASS (cairn_label_row_parent_class)->finalize (object);
}

static void
cairn_label_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CairnLabelRow *self = CAIRN_LABEL_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->label->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->label->color);
      break;
    case PROP_HOTKEY:
      g_value_set_string (value, self->label->hotkey ? self->label->hotkey : "");
      break;
    case PROP_KINDS:
      g_value_set_string (value, self->kinds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_row_class_init (CairnLabelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cairn_label_row_finalize;
  object_class->get_property = cairn_label_row_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_HOTKEY] = g_param_spec_string ("hotkey", NULL, NULL, NULL, flags);
  properties[PROP_KINDS] = g_param_spec_string ("kinds", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_label_row_init (CairnLabelRow *self)
{
}

CairnLabelRow *
cairn_label_row_new (const CairnLabel *label)
{
  CairnLabelRow *self;

  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_LABEL_ROW, NULL);
  self->label = cairn_label_copy (label);
  /* Shown as a tooltip: which annotation kinds the label allows. */
  self->kinds = label->kinds ? cairn_label_kinds_to_string (label->kinds) : g_strdup ("");
  return self;
}

const CairnLabel *
cairn_label_row_get_label (CairnLabelRow *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_ROW (self), NULL);
  return self->label;
}
