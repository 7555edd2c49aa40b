#define G_LOG_DOMAIN "cairn-color-scheme"

#include "cairn-color-scheme.h"

struct _CairnColorScheme
{
  GObject             parent_instance;
  GSettings          *settings;
  GtkSettings        *gtk_settings;
  GDBusProxy         *portal;
  GCancellable       *cancellable;
  CairnDesktopScheme  desktop;
  char               *override;
  gboolean            dark;
};

G_DEFINE_FINAL_TYPE (CairnColorScheme, cairn_color_scheme, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PORTAL_NAMESPACE "org.freedesktop.appearance"
#define PORTAL_KEY       "color-scheme"

static void
update (CairnColorScheme *self)
{
  gboolean dark;

  if (g_strcmp0 (self->override, "dark") == 0)
    dark = TRUE;
  else if (g_strcmp0 (self->override, "light") == 0)
    dark = FALSE;
  else
    dark = self->desktop == CAIRN_DESKTOP_PREFER_DARK;

  if (self->gtk_settings != NULL)
    g_object_set (self->gtk_settings, "gtk-application-prefer-dark-theme", dark, NULL);
  if (dark != self->dark)
    {
      self->dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
    }
}

/* The portal wraps the value in one or two variants depending on its version. */
static void
take_portal_value (CairnColorScheme *self,
                   GVariant         *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *child = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = child;
    }
  if (g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    cairn_color_scheme_set_desktop (self, g_variant_get_uint32 (inner));
}

static void
on_portal_signal_cb (GDBusProxy       *proxy,
                     const char       *sender_name,
                     const char       *signal_name,
                     GVariant         *parameters,
                     CairnColorScheme *self)
{
  const char *ns, *key;
  g_autoptr(GVariant) value = NULL;

  if (g_strcmp0 (signal_name, "SettingChanged") != 0
      || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &ns, &key, &value);
  if (g_strcmp0 (ns, PORTAL_NAMESPACE) == 0 && g_strcmp0 (key, PORTAL_KEY) == 0)
    take_portal_value (self, value);
}

static void
on_portal_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CairnColorScheme *self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* self is gone */
  if (reply == NULL)
    {
      /* No portal (a bare session, a test): keep the default. */
      g_debug ("Could not read the desktop's colour scheme: %s", error->message);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  take_portal_value (self, value);
}

static void
on_portal_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CairnColorScheme *self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy;

  proxy = g_dbus_proxy_new_for_bus_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* self is gone */
  if (proxy == NULL)
    {
      g_debug ("No settings portal: %s", error->message);
      return;
    }
  self->portal = proxy;
  g_signal_connect_object (proxy, "g-signal", G_CALLBACK (on_portal_signal_cb), self, 0);
  /* No portal running: nothing to read. (Calling anyway fails at once, and GLib 2.74 then
   * leaks the call's parameters.) */
  {
    g_autofree char *owner = g_dbus_proxy_get_name_owner (proxy);
    if (owner == NULL)
      return;
  }
  g_dbus_proxy_call (proxy, "Read", g_variant_new ("(ss)", PORTAL_NAMESPACE, PORTAL_KEY),
                     G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, self->cancellable,
                     on_portal_read_cb, self);
}

static void
on_setting_changed_cb (GSettings        *settings,
                       const char       *key,
                       CairnColorScheme *self)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  cairn_color_scheme_set_override (self, value);
}

static void
cairn_color_scheme_dispose (GObject *object)
{
  CairnColorScheme *self = CAIRN_COLOR_SCHEME (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->portal);
  g_clear_object (&self->settings);
  g_clear_object (&self->gtk_settings);
  G_OBJECT_CLASS (cairn_color_scheme_parent_class)->dispose (object);
}

static void
cairn_color_scheme_finalize (GObject *object)
{
  CairnColorScheme *self = CAIRN_COLOR_SCHEME (object);

  g_clear_object (&self->cancellable);
  g_free (self->override);
  G_OBJECT_CLASS (cairn_color_scheme_parent_class)->finalize (object);
}

static void
cairn_color_scheme_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, CAIRN_COLOR_SCHEME (object)->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_color_scheme_class_init (CairnColorSchemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cairn_color_scheme_dispose;
  object_class->finalize = cairn_color_scheme_finalize;
  object_class->get_property = cairn_color_scheme_get_property;

  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_color_scheme_init (CairnColorScheme *self)
{
  self->cancellable = g_cancellable_new ();
}

CairnColorScheme *
cairn_color_scheme_new (GSettings   *settings,
                        GtkSettings *gtk_settings)
{
  CairnColorScheme *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CAIRN_TYPE_COLOR_SCHEME, NULL);
  self->gtk_settings = gtk_settings ? g_object_ref (gtk_settings) : NULL;
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::color-scheme",
                               G_CALLBACK (on_setting_changed_cb), self, 0);
      self->override = g_settings_get_string (settings, "color-scheme");
    }
  update (self);

  /* Never start a portal just for this: DO_NOT_AUTO_START keeps a bare session quiet. */
  g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION,
                            G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START
                              | G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                            NULL, "org.freedesktop.portal.Desktop",
                            "/org/freedesktop/portal/desktop",
                            "org.freedesktop.portal.Settings", self->cancellable,
                            /* Not a reference: dispose cancels, and the callbacks then
                             * return without touching self. */
                            on_portal_ready_cb, self);
  return self;
}

gboolean
cairn_color_scheme_get_dark (CairnColorScheme *self)
{
  g_return_val_if_fail (CAIRN_IS_COLOR_SCHEME (self), FALSE);
  return self->dark;
}

void
cairn_color_scheme_set_desktop (CairnColorScheme  *self,
                                CairnDesktopScheme scheme)
{
  g_return_if_fail (CAIRN_IS_COLOR_SCHEME (self));

  self->desktop = scheme;
  update (self);
}

void
cairn_color_scheme_set_override (CairnColorScheme *self,
                                 const char       *scheme)
{
  g_return_if_fail (CAIRN_IS_COLOR_SCHEME (self));

  g_free (self->override);
  self->override = g_strdup (scheme);
  update (self);
}
