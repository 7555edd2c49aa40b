#pragma once

#include <gtk/gtk.h>

#include "model/cairn-keymap.h"

G_BEGIN_DECLS

/* The one path for keys: every command is an action, and its keys come from the keymap
 * (model/cairn-keymap.h) with the user's changes from GSettings ("shortcuts": action → keys,
 * space-separated; settings may be NULL). Window keys become application accelerators, pane
 * keys a shortcut controller on each pane. */

/* The keys of a binding as the user has them: a NULL-terminated array of accelerators. */
GStrv       cairn_shortcuts_dup_accels        (const CairnKeyBinding *binding,
                                               GSettings             *settings);
void        cairn_shortcuts_apply_accels      (GtkApplication        *app,
                                               GSettings             *settings);
/* Puts the pane keys on widget (in a controller of its own, replaced on each call), and the
 * label hotkeys (CairnLabel, may be NULL) that no command uses. */
void        cairn_shortcuts_attach            (GtkWidget             *widget,
                                               GSettings             *settings,
                                               GPtrArray             *labels);
/* The binding whose accel would clash with binding's: one that works where binding does (the
 * same pane, or everywhere), other than binding itself; or NULL. Keys of panes that never
 * share the focus do not clash (Ctrl+L locks a shape on the canvas, labels all in the text). */
const CairnKeyBinding *cairn_shortcuts_find_clash (const char            *accel,
                                                   GSettings             *settings,
                                                   const CairnKeyBinding *binding);
/* The binding that uses accel anywhere, other than except (may be NULL), or NULL. */
const CairnKeyBinding *cairn_shortcuts_find   (const char            *accel,
                                               GSettings             *settings,
                                               const CairnKeyBinding *except);
/* The shortcuts window (Ctrl+?), listing the keys as they are now. */
GtkWindow  *cairn_shortcuts_window_new        (GtkWindow             *parent,
                                               GSettings             *settings);

G_END_DECLS
