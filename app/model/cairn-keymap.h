#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The default keys of every command, in GTK's accelerator syntax, kept GTK-free so the CLI
 * can refuse a label hotkey that one of them already uses. The window applies them (with the
 * user's remapping from GSettings) as accelerators and pane shortcuts. */
typedef enum
{
  CAIRN_KEY_WINDOW,  /* anywhere in the window (application accelerators) */
  CAIRN_KEY_VIEW,    /* while the image, text or audio pane has the focus */
} CairnKeyScope;

typedef struct
{
  const char    *action;    /* detailed action name: "canvas.tool::box" */
  const char    *accels;    /* space-separated defaults: "<Control><Shift>z <Control>y" */
  CairnKeyScope  scope;
  const char    *section;   /* untranslated (N_), for the shortcuts window */
  const char    *title;     /* untranslated (N_) */
  gboolean       reserved;  /* kept for a tool still to come: not shown, not bound */
} CairnKeyBinding;

const CairnKeyBinding *cairn_keymap_get_defaults (guint *n_bindings);
const CairnKeyBinding *cairn_keymap_lookup       (const char *action);

/* A label's hotkey (one key, as `cairn labels add --key` takes it) is refused when a command
 * uses that key without modifiers, or it is a digit (1–9 and 0 pick labels by position). */
gboolean cairn_keymap_check_label_key (const char *key,
                                       GError    **error);

G_END_DECLS
