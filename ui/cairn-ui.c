#define G_LOG_DOMAIN "cairn-ui"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cairn-application.h"
#include "cairn-ui.h"

/* bench-store sets CAIRN_BENCH_FIRST_FRAME: print how long the first frame took, then quit. */
typedef struct
{
  gint64        start;
  GApplication *app;
} FirstFrame;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *ff)
{
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - ff->start) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, ff);
  g_application_quit (ff->app);
}

static void
on_window_mapped_cb (GtkWidget  *window,
                     FirstFrame *ff)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), ff);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    FirstFrame     *ff)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped_cb), ff);
}

int
cairn_ui_run (int    argc,
              char **argv)
{
  g_autoptr(CairnApplication) app = NULL;
  FirstFrame first_frame = { g_get_monotonic_time (), NULL };

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cairn_application_new (G_APPLICATION_DEFAULT_FLAGS);
  if (g_getenv ("CAIRN_BENCH_FIRST_FRAME"))
    {
      first_frame.app = G_APPLICATION (app);
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &first_frame);
    }
  return g_application_run (G_APPLICATION (app), argc, argv);
}
