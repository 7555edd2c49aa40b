#define G_LOG_DOMAIN "cairn-label-row"

#include "cairn-label-row.h"

struct _CairnLabelRow
{
  GObject     parent_instance;
  CairnLabel *label;
  int         position;   /* in the palette; the first ten are picked with 1–9 and 0 */
  char       *kinds;
  gboolean    hidden;     /* its shapes out of sight on the canvas */
  gboolean    can_hide;   /* the pane in view can hide them (the eye is shown) */
};

G_DEFINE_FINAL_TYPE (CairnLabelRow, cairn_label_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_HOTKEY,
  PROP_KINDS,
  PROP_SHOWN,
  PROP_CAN_HIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What picks the label: its place key and its own hotkey, "3 · u". */
static char *
dup_keys (CairnLabelRow *self)
{
  g_autofree char *place = self->position >= 0 && self->position < 10
                             ? g_strdup_printf ("%d", (self->position + 1) % 10) : NULL;
  const char *hotkey = self->label->hotkey && *self->label->hotkey ? self->label->hotkey : NULL;

  if (place && hotkey)
    return g_strdup_printf ("%s · %s", place, hotkey);
  return g_strdup (place ? place : hotkey ? hotkey : "");
}

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
      g_value_take_string (value, dup_keys (self));
      break;
    case PROP_KINDS:
      g_value_set_string (value, self->kinds);
      break;
    case PROP_SHOWN:
      g_value_set_boolean (value, !self->hidden);
      break;
    case PROP_CAN_HIDE:
      g_value_set_boolean (value, self->can_hide);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CairnLabelRow *self = CAIRN_LABEL_ROW (object);

  switch (prop_id)
    {
    case PROP_SHOWN:
      cairn_label_row_set_hidden (self, !g_value_get_boolean (value));
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
  object_class->set_property = cairn_label_row_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_HOTKEY] = g_param_spec_string ("hotkey", NULL, NULL, NULL, flags);
  properties[PROP_KINDS] = g_param_spec_string ("kinds", NULL, NULL, NULL, flags);
  /* The label's shapes are drawn (the eye toggles it). */
  properties[PROP_SHOWN] = g_param_spec_boolean ("shown", NULL, NULL, TRUE,
                                                 flags | G_PARAM_WRITABLE);
  properties[PROP_CAN_HIDE] = g_param_spec_boolean ("can-hide", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_label_row_init (CairnLabelRow *self)
{
}

CairnLabelRow *
cairn_label_row_new_at (const CairnLabel *label,
                        int               position)
{
  CairnLabelRow *self = cairn_label_row_new (label);

  self->position = position;
  return self;
}

CairnLabelRow *
cairn_label_row_new (const CairnLabel *label)
{
  CairnLabelRow *self;

  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_LABEL_ROW, NULL);
  self->label = cairn_label_copy (label);
  self->position = -1;
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

gboolean
cairn_label_row_get_hidden (CairnLabelRow *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_ROW (self), FALSE);
  return self->hidden;
}

void
cairn_label_row_set_hidden (CairnLabelRow *self,
                            gboolean       hidden)
{
  g_return_if_fail (CAIRN_IS_LABEL_ROW (self));
  hidden = !!hidden;
  if (self->hidden == hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

void
cairn_label_row_set_can_hide (CairnLabelRow *self,
                              gboolean       can_hide)
{
  g_return_if_fail (CAIRN_IS_LABEL_ROW (self));
  can_hide = !!can_hide;
  if (self->can_hide == can_hide)
    return;
  self->can_hide = can_hide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_HIDE]);
}
