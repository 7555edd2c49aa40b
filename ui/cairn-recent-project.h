#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A recent project on the start page: its path, shown as name and folder. */
#define CAIRN_TYPE_RECENT_PROJECT (cairn_recent_project_get_type ())
G_DECLARE_FINAL_TYPE (CairnRecentProject, cairn_recent_project, CAIRN, RECENT_PROJECT, GObject)

CairnRecentProject *cairn_recent_project_new      (const char *path);
const char         *cairn_recent_project_get_path (CairnRecentProject *self);

G_END_DECLS
