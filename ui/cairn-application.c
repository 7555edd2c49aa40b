#define G_LOG_DOMAIN "cairn-application"

#include <glib/gi18n.h>

#include "cairn-application.h"
#include "cairn-shortcuts.h"
#include "cairn-window.h"

struct _CairnApplication
{
  GtkApplication    parent_instance;
  GSettings        *settings;
  CairnColorScheme *color_scheme;
  GtkCssProvider   *css;
  char             *annotator;   /* --annotator, or the name asked for without settings */
  gboolean          annotator_fixed;
};

G_DEFINE_FINAL_TYPE (CairnApplication, cairn_application, GTK_TYPE_APPLICATION)

enum
{
  SIGNAL_RECENT_CHANGED,
  SIGNAL_ANNOTATOR_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CAIRN_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The %s settings schema is not installed: window size and recent projects "
                 "will not be remembered", CAIRN_APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close the windows so each saves its size; the application ends with the last one. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { _("The Cairn contributors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "Cairn",
                         "logo-icon-name", CAIRN_APP_ID,
                         "version", CAIRN_VERSION,
                         "comments", _("A studio for building AI training data"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static void
color_scheme_changed_cb (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  CairnApplication *self = user_data;

  cairn_color_scheme_set_override (self->color_scheme, g_variant_get_string (value, NULL));
  g_simple_action_set_state (action, value);
}

/* app.color-scheme: the setting itself when the schema is there, else for this run only. */
static void
add_color_scheme_action (CairnApplication *self)
{
  g_autoptr(GAction) action = NULL;

  if (self->settings != NULL)
    action = g_settings_create_action (self->settings, "color-scheme");
  else
    {
      GSimpleAction *simple = g_simple_action_new_stateful ("color-scheme", G_VARIANT_TYPE_STRING,
                                                            g_variant_new_string ("follow"));

      g_signal_connect_object (simple, "change-state", G_CALLBACK (color_scheme_changed_cb), self,
                               0);
      action = G_ACTION (simple);
    }
  g_action_map_add_action (G_ACTION_MAP (self), action);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
};

static CairnWindow *
window_for_new_project (CairnApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Reuse a window that shows the start page; otherwise a project gets its own window. */
  if (CAIRN_IS_WINDOW (active) && cairn_window_get_store (CAIRN_WINDOW (active)) == NULL)
    return CAIRN_WINDOW (active);
  return cairn_window_new (self);
}

static CairnWindow *
window_showing (CairnApplication *self,
                const char       *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CAIRN_IS_WINDOW (l->data))
      {
        const char *shown = cairn_window_get_project_path (l->data);

        if (shown != NULL && g_strcmp0 (shown, path) == 0)
          return l->data;
      }
  return NULL;
}

/* The window a data file is imported into: the active one when it has a project, else the
 * first that has one, else NULL. */
static CairnWindow *
window_with_project (CairnApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CAIRN_IS_WINDOW (active) && cairn_window_get_store (CAIRN_WINDOW (active)) != NULL)
    return CAIRN_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CAIRN_IS_WINDOW (l->data) && cairn_window_get_store (l->data) != NULL)
      return l->data;
  return NULL;
}

static void
on_recent_projects_changed_cb (CairnApplication *self)
{
  g_signal_emit (self, signals[SIGNAL_RECENT_CHANGED], 0);
}

static void
on_shortcuts_changed_cb (CairnApplication *self)
{
  cairn_shortcuts_apply_accels (GTK_APPLICATION (self), self->settings);
}

/* cairn --annotator NAME PROJECT: this run works as NAME, without asking. */
static int
cairn_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  CairnApplication *self = CAIRN_APPLICATION (app);
  const char *name = NULL;

  if (g_variant_dict_lookup (options, "annotator", "&s", &name))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
        {
          g_printerr ("%s\n", _("cairn: --annotator needs a name"));
          return 2;
        }
      g_free (self->annotator);
      self->annotator = g_steal_pointer (&trimmed);
      self->annotator_fixed = TRUE;
    }
  return -1;
}

static void
cairn_application_startup (GApplication *app)
{
  CairnApplication *self = CAIRN_APPLICATION (app);

  G_APPLICATION_CLASS (cairn_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, "/org/cairn/Cairn/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->settings = settings_if_installed ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-projects",
                             G_CALLBACK (on_recent_projects_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::shortcuts",
                             G_CALLBACK (on_shortcuts_changed_cb), self, G_CONNECT_SWAPPED);
  cairn_shortcuts_apply_accels (GTK_APPLICATION (self), self->settings);
  self->color_scheme = cairn_color_scheme_new (self->settings, gtk_settings_get_default ());
  add_color_scheme_action (self);
  gtk_window_set_default_icon_name (CAIRN_APP_ID);
}

static void
cairn_application_shutdown (GApplication *app)
{
  CairnApplication *self = CAIRN_APPLICATION (app);

  if (self->css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
  G_APPLICATION_CLASS (cairn_application_parent_class)->shutdown (app);
}

static void
cairn_application_activate (GApplication *app)
{
  CairnApplication *self = CAIRN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *last = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (cairn_window_new (self));
  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-project");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;

      /* The start page stays up when it cannot be opened; the window says why. */
      if (!cairn_window_open_project (CAIRN_WINDOW (window), last, &error))
        cairn_window_show_error (CAIRN_WINDOW (window), _("Could not open the last project"),
                                 error->message);
    }
  gtk_window_present (window);
}

static void
cairn_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  CairnApplication *self = CAIRN_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      CairnWindow *window;

      if (path == NULL)
        continue;
      window = window_showing (self, path);
      /* A data file (`cairn FILE.json` while a project is open) is offered for import into
       * the open project, not a new project of its own. */
      if (window == NULL && !g_str_has_suffix (path, ".cairn"))
        window = window_with_project (self);
      if (window == NULL)
        window = window_for_new_project (self);
      if (g_strcmp0 (cairn_window_get_project_path (window), path) != 0)
        cairn_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
cairn_application_dispose (GObject *object)
{
  CairnApplication *self = CAIRN_APPLICATION (object);

  g_clear_object (&self->color_scheme);
  g_clear_object (&self->settings);
  g_clear_object (&self->css);
  g_clear_pointer (&self->annotator, g_free);
  G_OBJECT_CLASS (cairn_application_parent_class)->dispose (object);
}

static void
cairn_application_class_init (CairnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cairn_application_dispose;
  app_class->startup = cairn_application_startup;
  app_class->shutdown = cairn_application_shutdown;
  app_class->activate = cairn_application_activate;
  app_class->open = cairn_application_open;
  app_class->handle_local_options = cairn_application_handle_local_options;

  /* The recent projects changed (the start pages listen). */
  signals[SIGNAL_RECENT_CHANGED] = g_signal_new ("recent-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
  /* The annotator's name changed (the windows record edits under the new name). */
  signals[SIGNAL_ANNOTATOR_CHANGED] = g_signal_new ("annotator-changed", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 0);
}

static void
cairn_application_init (CairnApplication *self)
{
  static const GOptionEntry options[] = {
    { "annotator", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Work as this annotator, without asking (shared machines, scripts)"), N_("NAME") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

CairnApplication *
cairn_application_new (GApplicationFlags extra_flags)
{
  return g_object_new (CAIRN_TYPE_APPLICATION,
                       "application-id", CAIRN_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | extra_flags,
                       "resource-base-path", "/org/cairn/Cairn",
                       NULL);
}

GSettings *
cairn_application_get_settings (CairnApplication *self)
{
  g_return_val_if_fail (CAIRN_IS_APPLICATION (self), NULL);
  return self->settings;
}

CairnColorScheme *
cairn_application_get_color_scheme (CairnApplication *self)
{
  g_return_val_if_fail (CAIRN_IS_APPLICATION (self), NULL);
  return self->color_scheme;
}

GStrv
cairn_application_dup_recent (CairnApplication *self)
{
  g_auto(GStrv) stored = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_return_val_if_fail (CAIRN_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    {
      stored = g_settings_get_strv (self->settings, "recent-projects");
      for (guint i = 0; stored[i] != NULL; i++)
        if (g_file_test (stored[i], G_FILE_TEST_IS_REGULAR))
          g_strv_builder_add (b, stored[i]);
    }
  return g_strv_builder_end (b);
}

static void
store_recent (CairnApplication *self,
              const char       *first,
              const char       *drop)
{
  g_auto(GStrv) stored = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 0;

  if (self->settings == NULL)
    return;
  if (first != NULL)
    {
      g_strv_builder_add (b, first);
      n++;
    }
  stored = g_settings_get_strv (self->settings, "recent-projects");
  for (guint i = 0; stored[i] != NULL && n < CAIRN_MAX_RECENT_PROJECTS; i++)
    if (g_strcmp0 (stored[i], first) != 0 && g_strcmp0 (stored[i], drop) != 0)
      {
        g_strv_builder_add (b, stored[i]);
        n++;
      }
  list = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "recent-projects", (const char *const *) list);
}

void
cairn_application_add_recent (CairnApplication *self,
                              const char       *path)
{
  g_return_if_fail (CAIRN_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  store_recent (self, path, NULL);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-project", path);
}

void
cairn_application_remove_recent (CairnApplication *self,
                                 const char       *path)
{
  g_autofree char *last = NULL;

  g_return_if_fail (CAIRN_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  store_recent (self, NULL, path);
  if (self->settings == NULL)
    return;
  last = g_settings_get_string (self->settings, "last-project");
  if (g_strcmp0 (last, path) == 0)
    g_settings_set_string (self->settings, "last-project", "");
}

char *
cairn_application_dup_annotator (CairnApplication *self)
{
  g_return_val_if_fail (CAIRN_IS_APPLICATION (self), NULL);

  if (self->annotator_fixed || self->settings == NULL)
    return g_strdup (self->annotator ? self->annotator : "");
  return g_settings_get_string (self->settings, "annotator-name");
}

gboolean
cairn_application_get_annotator_fixed (CairnApplication *self)
{
  g_return_val_if_fail (CAIRN_IS_APPLICATION (self), FALSE);
  return self->annotator_fixed;
}

void
cairn_application_set_annotator (CairnApplication *self,
                                 const char       *name)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (CAIRN_IS_APPLICATION (self));
  g_return_if_fail (name != NULL);

  trimmed = g_strstrip (g_strdup (name));
  /* A name chosen in the window replaces --annotator's for the rest of the run. */
  g_free (self->annotator);
  self->annotator = g_strdup (trimmed);
  if (self->settings != NULL && !self->annotator_fixed)
    g_settings_set_string (self->settings, "annotator-name", trimmed);
  g_signal_emit (self, signals[SIGNAL_ANNOTATOR_CHANGED], 0);
}
