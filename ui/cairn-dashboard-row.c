#define G_LOG_DOMAIN "cairn-dashboard"

#include "cairn-dashboard-row.h"

struct _CairnDashboardRow
{
  GObject   parent_instance;
  guint     index;
  gint64    item_id;
  guint     weight;
  gboolean  differs;
  char     *fields[CAIRN_DASHBOARD_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (CairnDashboardRow, cairn_dashboard_row, G_TYPE_OBJECT)

/* Properties 1..N_FIELDS are the fields, in CairnDashboardField order. */
enum
{
  PROP_0,
  PROP_DIFFERS = CAIRN_DASHBOARD_N_FIELDS + 1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const field_names[CAIRN_DASHBOARD_N_FIELDS] = {
  "title", "value", "items", "left-out", "spans", "shapes", "extra", "tooltip",
};

static void
cairn_dashboard_row_finalize (GObject *object)
{
  CairnDashboardRow *self = CAIRN_DASHBOARD_ROW (object);

  for (guint i = 0; i < CAIRN_DASHBOARD_N_FIELDS; i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (cairn_dashboard_row_parent_class)->finalize (object);
}

static void
cairn_dashboard_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CairnDashboardRow *self = CAIRN_DASHBOARD_ROW (object);

  if (prop_id >= 1 && prop_id <= CAIRN_DASHBOARD_N_FIELDS)
    g_value_set_string (value, cairn_dashboard_row_get (self, prop_id - 1));
  else if (prop_id == PROP_DIFFERS)
    g_value_set_boolean (value, self->differs);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
cairn_dashboard_row_class_init (CairnDashboardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cairn_dashboard_row_finalize;
  object_class->get_property = cairn_dashboard_row_get_property;

  for (guint i = 0; i < CAIRN_DASHBOARD_N_FIELDS; i++)
    properties[i + 1] = g_param_spec_string (field_names[i], NULL, NULL, "", flags);
  properties[PROP_DIFFERS] = g_param_spec_boolean ("differs", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_dashboard_row_init (CairnDashboardRow *self)
{
  self->weight = 1;
}

CairnDashboardRow *
cairn_dashboard_row_new (guint  index,
                         gint64 item_id)
{
  CairnDashboardRow *self = g_object_new (CAIRN_TYPE_DASHBOARD_ROW, NULL);

  self->index = index;
  self->item_id = item_id;
  return self;
}

void
cairn_dashboard_row_set (CairnDashboardRow   *self,
                         CairnDashboardField  field,
                         const char          *text)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD_ROW (self));
  g_return_if_fail (field < CAIRN_DASHBOARD_N_FIELDS);

  if (g_strcmp0 (self->fields[field], text) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field + 1]);
}

const char *
cairn_dashboard_row_get (CairnDashboardRow   *self,
                         CairnDashboardField  field)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_ROW (self), NULL);
  g_return_val_if_fail (field < CAIRN_DASHBOARD_N_FIELDS, NULL);
  return self->fields[field] ? self->fields[field] : "";
}

guint
cairn_dashboard_row_get_index (CairnDashboardRow *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_ROW (self), 0);
  return self->index;
}

gint64
cairn_dashboard_row_get_item_id (CairnDashboardRow *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_ROW (self), 0);
  return self->item_id;
}

guint
cairn_dashboard_row_get_weight (CairnDashboardRow *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_ROW (self), 0);
  return self->weight;
}

void
cairn_dashboard_row_set_weight (CairnDashboardRow *self,
                                guint              weight)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD_ROW (self));
  self->weight = weight;
}

gboolean
cairn_dashboard_row_get_differs (CairnDashboardRow *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_ROW (self), FALSE);
  return self->differs;
}

void
cairn_dashboard_row_set_differs (CairnDashboardRow *self,
                                 gboolean           differs)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD_ROW (self));
  if (self->differs == !!differs)
    return;
  self->differs = !!differs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIFFERS]);
}
