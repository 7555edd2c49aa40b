#define G_LOG_DOMAIN "cairn-ui"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "formats/cairn-format.h"
#include "cairn-application.h"
#include "cairn-ui.h"

/* Where translations, the settings schema and the icons are.
 *
 * - Run from the build tree (./run.sh, build/cairn): the build's .mo files (build/po) and
 *   compiled schema (build/data, unless GSETTINGS_SCHEMA_DIR says otherwise) and the
 *   source's icons (data/icons) — no `meson install` needed.
 * - Installed: the prefix the binary sits in (PREFIX/bin/cairn → PREFIX/share/...), so an
 *   install into any prefix, moved or under DESTDIR, finds its own files; its share folder
 *   joins XDG_DATA_DIRS for the schema and icons when it is not there.
 * - Else LOCALEDIR as configured. */
static char *
prepend_data_dir (const char *dir)
{
  const char *old = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) dirs = g_strsplit (old && *old ? old : "/usr/local/share:/usr/share", ":", -1);
  g_autofree char *joined = NULL;

  if (g_strv_contains ((const char *const *) dirs, dir))
    return NULL;
  joined = g_strjoinv (":", dirs);
  return g_strconcat (dir, ":", joined, NULL);
}

static char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *build = g_canonicalize_filename (CAIRN_BUILD_ROOT, NULL);
  g_autofree char *bindir = NULL, *prefix = NULL, *share = NULL, *locale = NULL;
  g_autofree char *data_dirs = NULL;

  if (exe_dir == NULL)
    return g_strdup (LOCALEDIR);
  if (g_str_equal (exe_dir, build))
    {
      g_autofree char *schemas = g_build_filename (build, "data", "gschemas.compiled", NULL);
      g_autofree char *icons = g_build_filename (CAIRN_SOURCE_ROOT, "data", NULL);

      if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_file_test (schemas, G_FILE_TEST_EXISTS))
        {
          g_autofree char *dir = g_path_get_dirname (schemas);
          g_setenv ("GSETTINGS_SCHEMA_DIR", dir, TRUE);
        }
      if (g_file_test (icons, G_FILE_TEST_IS_DIR) && (data_dirs = prepend_data_dir (icons)))
        g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
      return g_build_filename (build, "po", NULL);
    }
  /* PREFIX/BINDIR/cairn: PREFIX is as many folders up as BINDIR has parts. */
  bindir = g_strdup (CAIRN_BINDIR);
  if (!g_path_is_absolute (bindir))
    {
      g_auto(GStrv) parts = g_strsplit (bindir, "/", -1);

      prefix = g_strdup (exe_dir);
      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          {
            char *up = g_path_get_dirname (prefix);
            g_free (prefix);
            prefix = up;
          }
    }
  locale = prefix ? g_build_filename (prefix, CAIRN_LOCALEDIR_IN_PREFIX, NULL) : NULL;
  share = prefix ? g_build_filename (prefix, CAIRN_DATADIR, NULL) : NULL;
  if (locale == NULL || !g_file_test (locale, G_FILE_TEST_IS_DIR))
    return g_strdup (LOCALEDIR);
  if (g_file_test (share, G_FILE_TEST_IS_DIR) && (data_dirs = prepend_data_dir (share)))
    g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  return g_steal_pointer (&locale);
}

/* CAIRN_PRINT_MENUS (for tests): once the first window is shown, print the labels of its
 * menus and a format's description (app/'s strings), as the user's language has them, and
 * whether the app's icon is found; then quit. */
static void
print_menu (GMenuModel *model, guint depth)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_print ("menu: %*s%s\n", (int) depth * 2, "", label);
      if (section)
        print_menu (section, depth);
      if (submenu)
        print_menu (submenu, depth + 1);
    }
}

static void
print_menus_of (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)))
        print_menu (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)), 0);
      print_menus_of (child);
    }
}

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
  if (g_getenv ("CAIRN_PRINT_MENUS"))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (ff->app));
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

      if (window)
        print_menus_of (GTK_WIDGET (window));
      g_print ("format: %s\n", _(cairn_format_lookup ("coco")->description));
      g_print ("icon: %s\n", gtk_icon_theme_has_icon (theme, CAIRN_APP_ID) ? "found" : "missing");
    }
  else
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
  g_autofree char *locale_dir = find_locale_dir ();

  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cairn_application_new (G_APPLICATION_DEFAULT_FLAGS);
  if (g_getenv ("CAIRN_BENCH_FIRST_FRAME") || g_getenv ("CAIRN_PRINT_MENUS"))
    {
      first_frame.app = G_APPLICATION (app);
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &first_frame);
    }
  return g_application_run (G_APPLICATION (app), argc, argv);
}
