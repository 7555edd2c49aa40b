#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv names a subcommand (or --help/--version): no display is needed. */
gboolean cairn_cli_wants (int argc, char **argv);
/* Runs it. Exit status: 0 success, 1 failure, 2 usage error. */
int      cairn_cli_run   (int argc, char **argv);

G_END_DECLS
