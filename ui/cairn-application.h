#pragma once

#include <gtk/gtk.h>

#include "cairn-color-scheme.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_APPLICATION (cairn_application_get_type ())
G_DECLARE_FINAL_TYPE (CairnApplication, cairn_application, CAIRN, APPLICATION, GtkApplication)

/* How many recent projects are remembered. */
#define CAIRN_MAX_RECENT_PROJECTS 10

CairnApplication *cairn_application_new              (GApplicationFlags extra_flags);
/* NULL when the org.cairn.Cairn schema is not installed (e.g. run from the build tree). */
GSettings        *cairn_application_get_settings     (CairnApplication *self);
CairnColorScheme *cairn_application_get_color_scheme (CairnApplication *self);
/* Most recent first; projects whose file is gone are left out. */
GStrv             cairn_application_dup_recent       (CairnApplication *self);
/* Moves path to the front of the recent projects and makes it the last project. */
void              cairn_application_add_recent       (CairnApplication *self,
                                                      const char       *path);
void              cairn_application_remove_recent    (CairnApplication *self,
                                                      const char       *path);

/* Who is working: --annotator's name, else the one kept in settings; "" until asked. */
char             *cairn_application_dup_annotator    (CairnApplication *self);
/* TRUE when --annotator named them. */
gboolean          cairn_application_get_annotator_fixed (CairnApplication *self);
void              cairn_application_set_annotator    (CairnApplication *self,
                                                      const char       *name);

G_END_DECLS
