#define G_LOG_DOMAIN "cairn-ui"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cairn-application.h"
#include "cairn-ui.h"

int
cairn_ui_run (int    argc,
              char **argv)
{
  g_autoptr(CairnApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cairn_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
