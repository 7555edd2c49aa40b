#define G_LOG_DOMAIN "cairn-recent-project"

#include <string.h>

#include "cairn-recent-project.h"

struct _CairnRecentProject
{
  GObject  parent_instance;
  char    *path;
  char    *name;
  char    *folder;
};

G_DEFINE_FINAL_TYPE (CairnRecentProject, cairn_recent_project, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_NAME,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cairn_recent_project_finalize (GObject *object)
{
  CairnRecentProject *self = CAIRN_RECENT_PROJECT (object);

  g_free (self->path);
  g_free (self->name);
  g_free (self->folder);
  G_OBJECT_CLASS (cairn_recent_project_parent_class)->finalize (object);
}

static void
cairn_recent_project_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CairnRecentProject *self = CAIRN_RECENT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_recent_project_class_init (CairnRecentProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cairn_recent_project_finalize;
  object_class->get_property = cairn_recent_project_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_recent_project_init (CairnRecentProject *self)
{
}

CairnRecentProject *
cairn_recent_project_new (const char *path)
{
  CairnRecentProject *self;
  g_autofree char *dir = NULL;
  const char *home = g_get_home_dir ();

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_RECENT_PROJECT, NULL);
  self->path = g_strdup (path);
  self->name = g_path_get_basename (path);
  if (g_str_has_suffix (self->name, ".cairn"))
    self->name[strlen (self->name) - strlen (".cairn")] = '\0';
  dir = g_path_get_dirname (path);
  /* ~/Projects reads better than /home/someone/Projects. */
  if (home != NULL && g_str_has_prefix (dir, home) && dir[strlen (home)] == '/')
    self->folder = g_strconcat ("~", dir + strlen (home), NULL);
  else if (home != NULL && g_str_equal (dir, home))
    self->folder = g_strdup ("~");
  else
    self->folder = g_steal_pointer (&dir);
  return self;
}

const char *
cairn_recent_project_get_path (CairnRecentProject *self)
{
  g_return_val_if_fail (CAIRN_IS_RECENT_PROJECT (self), NULL);
  return self->path;
}
