#pragma once

#include <glib.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Every subcommand: argv[0] is the subcommand's name. Returns the exit status. */
typedef int (*CairnCommandFunc) (int argc, char **argv);

#define CAIRN_EXIT_OK      0
#define CAIRN_EXIT_FAILURE 1
#define CAIRN_EXIT_USAGE   2

/* Print "cairn CMD: message" to stderr and return CAIRN_EXIT_FAILURE / CAIRN_EXIT_USAGE. */
int  cairn_cli_fail  (const char *command,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);
int  cairn_cli_usage (const char *command,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);
/* Parse options with GOptionContext; returns FALSE (after printing) on usage errors.
 * --help prints the subcommand's help and sets *exit_now. */
gboolean cairn_cli_parse (const char    *command,
                          const char    *parameter_string,
                          const char    *summary,
                          GOptionEntry  *entries,
                          int           *argc,
                          char        ***argv,
                          gboolean      *exit_now);

/* Opens a project, or prints why not and sets *status. */
CairnStore *cairn_cli_open (const char *command,
                            const char *path,
                            int        *status);
/* The same for commands that only read: nothing is written to the file. */
CairnStore *cairn_cli_open_readonly (const char *command,
                                     const char *path,
                                     int        *status);

int cairn_cli_init      (int argc, char **argv);
int cairn_cli_import    (int argc, char **argv);
int cairn_cli_export    (int argc, char **argv);
int cairn_cli_info      (int argc, char **argv);
int cairn_cli_check     (int argc, char **argv);
int cairn_cli_labels    (int argc, char **argv);
int cairn_cli_agree     (int argc, char **argv);
int cairn_cli_consensus (int argc, char **argv);
int cairn_cli_cleanse   (int argc, char **argv);
int cairn_cli_predictions (int argc, char **argv);
int cairn_cli_fix       (int argc, char **argv);
int cairn_cli_guideline (int argc, char **argv);
int cairn_cli_flags     (int argc, char **argv);
int cairn_cli_schema    (int argc, char **argv);
int cairn_cli_notes     (int argc, char **argv);
int cairn_cli_plan      (int argc, char **argv);
/* labels rename|merge (cairn-cli-schema.c): one undoable edit each. */
int cairn_cli_labels_edit (CairnStore *store, int argc, char **argv, const char *annotator);

G_END_DECLS
