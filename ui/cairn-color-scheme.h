#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Light or dark, as the desktop prefers (the freedesktop portal's org.freedesktop.appearance
 * color-scheme) unless the color-scheme setting says "light" or "dark". GTK 4.8 does not
 * follow the portal by itself, so this sets gtk-application-prefer-dark-theme. */
#define CAIRN_TYPE_COLOR_SCHEME (cairn_color_scheme_get_type ())
G_DECLARE_FINAL_TYPE (CairnColorScheme, cairn_color_scheme, CAIRN, COLOR_SCHEME, GObject)

typedef enum
{
  CAIRN_DESKTOP_NO_PREFERENCE = 0, /* the portal's values */
  CAIRN_DESKTOP_PREFER_DARK = 1,
  CAIRN_DESKTOP_PREFER_LIGHT = 2,
} CairnDesktopScheme;

/* settings may be NULL (no schema installed): then only the desktop counts. */
CairnColorScheme *cairn_color_scheme_new          (GSettings  *settings,
                                                   GtkSettings *gtk_settings);
gboolean          cairn_color_scheme_get_dark     (CairnColorScheme *self);
/* What the desktop said, as the portal reports it (also used by tests). */
void              cairn_color_scheme_set_desktop  (CairnColorScheme  *self,
                                                   CairnDesktopScheme scheme);
/* "follow" (the desktop), "light" or "dark", as the settings schema names them. */
void              cairn_color_scheme_set_override (CairnColorScheme *self,
                                                   const char       *scheme);

G_END_DECLS
