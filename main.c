/* cairn: headless subcommands, or the window when there are none. */
#include <locale.h>

#include "cli/cairn-cli.h"
#include "ui/cairn-ui.h"

int
main (int   argc,
      char *argv[])
{
  /* Arguments and messages in the user's encoding (Korean names on the command line). */
  setlocale (LC_ALL, "");
  if (cairn_cli_wants (argc, argv))
    return cairn_cli_run (argc, argv);
  return cairn_ui_run (argc, argv);
}
