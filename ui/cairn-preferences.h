#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Preferences: the keys of every command, remapped by pressing the new key; kept in
 * GSettings ("shortcuts"). A key another command or a label already uses is refused. */
#define CAIRN_TYPE_PREFERENCES (cairn_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CairnPreferences, cairn_preferences, CAIRN, PREFERENCES, GtkWindow)

/* settings may be NULL (no schema installed): keys are shown but cannot be changed.
 * labels: CairnLabel, for their hotkeys; may be NULL. */
GtkWindow *cairn_preferences_new (GtkWindow *parent,
                                  GSettings *settings,
                                  GPtrArray *labels);
/* Sets the keys of the binding at index (in cairn_keymap_get_defaults) as a key press would;
 * FALSE with a message when refused. For tests and the key capture. */
gboolean   cairn_preferences_assign (CairnPreferences *self,
                                     guint             index,
                                     const char       *accel,
                                     GError          **error);

G_END_DECLS
