#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts the GTK application; argv may name a project file to open. */
int cairn_ui_run (int argc, char **argv);

G_END_DECLS
