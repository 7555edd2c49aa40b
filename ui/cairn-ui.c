#include <gtk/gtk.h>

#include "cairn-ui.h"

int
cairn_ui_run (int argc, char **argv)
{
  g_autoptr(GtkApplication) app = gtk_application_new (CAIRN_APP_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
