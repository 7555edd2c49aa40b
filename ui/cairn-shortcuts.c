#define G_LOG_DOMAIN "cairn-shortcuts"

#include <glib/gi18n.h>
#include <string.h>

#include "model/cairn-label.h"
#include "cairn-shortcuts.h"
#include "cairn-text-pane.h"

GStrv
cairn_shortcuts_dup_accels (const CairnKeyBinding *binding,
                            GSettings             *settings)
{
  g_autofree char *custom = NULL;

  g_return_val_if_fail (binding != NULL, NULL);
  /* A change is kept per action and scope: the same action may have window and pane keys. */
  if (settings != NULL)
    {
      g_autoptr(GVariant) map = g_settings_get_value (settings, "shortcuts");
      g_autofree char *key = g_strdup_printf ("%s@%s", binding->action,
                                              binding->scope == CAIRN_KEY_VIEW ? "view"
                                                                               : "window");

      g_variant_lookup (map, key, "s", &custom);
    }
  return g_strsplit_set (custom ? custom : binding->accels, " ", -1);
}

/* A window key of a pane's own action (audio.play-pause): application accelerators only reach
 * the window's and the application's actions, so such keys go on the pane. */
static gboolean
pane_action (const char *action)
{
  return !g_str_has_prefix (action, "win.") && !g_str_has_prefix (action, "app.");
}

void
cairn_shortcuts_apply_accels (GtkApplication *app,
                              GSettings      *settings)
{
  const CairnKeyBinding *bindings;
  guint n;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (GTK_IS_APPLICATION (app));
  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = NULL;

      if (bindings[i].scope != CAIRN_KEY_WINDOW || bindings[i].reserved
          || pane_action (bindings[i].action)
          || !g_hash_table_add (seen, (gpointer) bindings[i].action))
        continue;
      accels = cairn_shortcuts_dup_accels (&bindings[i], settings);
      gtk_application_set_accels_for_action (app, bindings[i].action,
                                             (const char *const *) accels);
    }
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accel,
              const char            *detailed_action)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkShortcutTrigger *trigger;
  GtkShortcut *shortcut;

  if (*accel == '\0' || !g_action_parse_detailed_name (detailed_action, &name, &target, NULL))
    return;
  trigger = gtk_shortcut_trigger_parse_string (accel);
  if (trigger == NULL)
    {
      g_message ("“%s” for %s is not a key GTK knows; left out", accel, detailed_action);
      return;
    }
  shortcut = gtk_shortcut_new (trigger, gtk_named_action_new (name));
  if (target != NULL)
    gtk_shortcut_set_arguments (shortcut, target);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_label_keys (GtkShortcutController *controller,
                GSettings             *settings,
                GPtrArray             *labels)
{
  for (guint i = 0; labels && i < labels->len; i++)
    {
      const CairnLabel *label = labels->pdata[i];
      g_autofree char *action = NULL;

      /* A command's key wins; the CLI refuses such hotkeys, older files may have them. */
      if (label->hotkey == NULL || *label->hotkey == '\0'
          || cairn_shortcuts_find (label->hotkey, settings, NULL) != NULL
          || !cairn_keymap_check_label_key (label->hotkey, NULL))
        continue;
      action = g_strdup_printf ("canvas.set-label(int64 %" G_GINT64_FORMAT ")", label->id);
      add_shortcut (controller, label->hotkey, action);
    }
}

void
cairn_shortcuts_attach (GtkWidget *widget,
                        GSettings *settings,
                        GPtrArray *labels)
{
  GtkEventController *old = g_object_get_data (G_OBJECT (widget), "cairn-shortcuts");
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const CairnKeyBinding *bindings;
  guint n;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (old != NULL)
    gtk_widget_remove_controller (widget, old);
  gtk_event_controller_set_name (controller, "cairn-shortcuts");
  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = NULL;

      if (bindings[i].scope != CAIRN_KEY_VIEW || bindings[i].reserved)
        continue;
      accels = cairn_shortcuts_dup_accels (&bindings[i], settings);
      for (guint j = 0; accels[j] != NULL; j++)
        add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), accels[j], bindings[i].action);
    }
  add_label_keys (GTK_SHORTCUT_CONTROLLER (controller), settings, labels);
  gtk_widget_add_controller (widget, controller);
  g_object_set_data (G_OBJECT (widget), "cairn-shortcuts", controller);

  /* The pane's window keys, in the capture phase: ahead of its text fields. */
  old = g_object_get_data (G_OBJECT (widget), "cairn-window-shortcuts");
  if (old != NULL)
    gtk_widget_remove_controller (widget, old);
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "cairn-window-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = NULL;

      if (bindings[i].scope != CAIRN_KEY_WINDOW || bindings[i].reserved
          || !pane_action (bindings[i].action))
        continue;
      accels = cairn_shortcuts_dup_accels (&bindings[i], settings);
      for (guint j = 0; accels[j] != NULL; j++)
        add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), accels[j], bindings[i].action);
    }
  gtk_widget_add_controller (widget, controller);
  g_object_set_data (G_OBJECT (widget), "cairn-window-shortcuts", controller);
}

static gboolean
same_accel (const char *a, const char *b)
{
  guint ka, kb;
  GdkModifierType ma, mb;

  if (!gtk_accelerator_parse (a, &ka, &ma) || !gtk_accelerator_parse (b, &kb, &mb))
    return g_ascii_strcasecmp (a, b) == 0;
  return gdk_keyval_to_lower (ka) == gdk_keyval_to_lower (kb) && ma == mb;
}

/* Where a binding's keys work. Window keys of win. and app. actions work everywhere; a
 * pane's window keys (audio.*) only in that pane, its text fields too; pane keys in the panes
 * that answer the action: the canvas's shared ones (labels, Delete, Tab...) in the text pane
 * too, which answers them under the same names. */
typedef enum
{
  AREA_CANVAS = 1 << 0,
  AREA_TEXT   = 1 << 1,
  AREA_AUDIO  = 1 << 2,
  AREA_ALL    = AREA_CANVAS | AREA_TEXT | AREA_AUDIO,
} Area;

static Area
area_of (const CairnKeyBinding *binding)
{
  const char *action = binding->action;

  if (!pane_action (action))
    return AREA_ALL;
  if (g_str_has_prefix (action, "text."))
    return AREA_TEXT;
  if (g_str_has_prefix (action, "audio."))
    return AREA_AUDIO;
  return cairn_text_pane_answers (action) ? AREA_CANVAS | AREA_TEXT : AREA_CANVAS;
}

static const CairnKeyBinding *
find_in (const char *accel, GSettings *settings, const CairnKeyBinding *except, Area area)
{
  const CairnKeyBinding *bindings;
  guint n;

  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = NULL;

      if (&bindings[i] == except || bindings[i].reserved || !(area_of (&bindings[i]) & area))
        continue;
      accels = cairn_shortcuts_dup_accels (&bindings[i], settings);
      for (guint j = 0; accels[j] != NULL; j++)
        if (*accels[j] && same_accel (accels[j], accel))
          return &bindings[i];
    }
  return NULL;
}

const CairnKeyBinding *
cairn_shortcuts_find_clash (const char            *accel,
                            GSettings             *settings,
                            const CairnKeyBinding *binding)
{
  g_return_val_if_fail (accel != NULL && binding != NULL, NULL);
  return find_in (accel, settings, binding, area_of (binding));
}

const CairnKeyBinding *
cairn_shortcuts_find (const char            *accel,
                      GSettings             *settings,
                      const CairnKeyBinding *except)
{
  return find_in (accel, settings, except, AREA_ALL);
}

static void
append_property (GString *xml, const char *name, const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (xml, "<property name=\"%s\">%s</property>", name, escaped);
}

/* An action bound in two scopes (Page Down and D) is one row, listed where it first comes. */
static gboolean
shown_before (const CairnKeyBinding *bindings, guint i)
{
  for (guint j = 0; j < i; j++)
    if (!bindings[j].reserved && g_str_equal (bindings[j].action, bindings[i].action))
      return TRUE;
  return FALSE;
}

/* The keys of bindings[i] and of later bindings of the same action, without the keypad's
 * duplicates (KP_Enter beside Enter), which would only crowd the window. */
static char *
shown_accels (GStrv                  accels,
              const CairnKeyBinding *bindings,
              guint                  i,
              guint                  n,
              GSettings             *settings)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint j = i; j < n; j++)
    {
      g_auto(GStrv) more = NULL;
      GStrv list;

      if (bindings[j].reserved || !g_str_equal (bindings[j].action, bindings[i].action))
        continue;
      list = j == i ? accels : (more = cairn_shortcuts_dup_accels (&bindings[j], settings));
      for (guint k = 0; list[k] != NULL; k++)
        /* Keypad and ISO_Left_Tab twins say the same key again. */
        if (*list[k] != '\0' && strstr (list[k], "KP_") == NULL
            && strstr (list[k], "ISO_Left_Tab") == NULL)
          g_string_append_printf (out, "%s%s", out->len ? " " : "", list[k]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Written as GtkBuilder XML at run time, not a template: the keys are the user's, and GTK 4.8
 * adds shortcuts to a GtkShortcutsWindow only through GtkBuilder. */
GtkWindow *
cairn_shortcuts_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_autoptr(GString) xml = g_string_new ("<interface><object class=\"GtkShortcutsWindow\" "
                                         "id=\"window\"><property name=\"modal\">true</property>"
                                         "<child><object class=\"GtkShortcutsSection\">"
                                         "<property name=\"section-name\">main</property>"
                                         "<property name=\"max-height\">20</property>");
  g_autoptr(GtkBuilder) builder = NULL;
  const CairnKeyBinding *bindings;
  const char *section = NULL;
  GtkWindow *window;
  guint n;

  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      const CairnKeyBinding *b = &bindings[i];
      g_auto(GStrv) accels = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *title = NULL;

      if (b->reserved || shown_before (bindings, i))
        continue;
      /* The keymap keeps each section's bindings together. */
      if (g_strcmp0 (section, b->section) != 0)
        {
          if (section != NULL)
            g_string_append (xml, "</object></child>");
          g_string_append (xml, "<child><object class=\"GtkShortcutsGroup\">");
          append_property (xml, "title", _(b->section));
          section = b->section;
        }
      if (b->title == NULL && !g_str_has_suffix (b->action, "(0)"))
        continue;
      accels = cairn_shortcuts_dup_accels (b, settings);
      joined = shown_accels (accels, bindings, i, n, settings);
      if (b->title != NULL)
        title = g_strdup (_(b->title));
      else
        {
          /* The ten place keys are one row, as they are one idea. */
          title = g_strdup (_("Pick a label by its place in the palette (0 is the tenth)"));
          g_free (joined);
          joined = g_strdup ("1...9 0");
        }
      if (*joined == '\0')
        continue;
      g_string_append (xml, "<child><object class=\"GtkShortcutsShortcut\">");
      append_property (xml, "title", title);
      append_property (xml, "accelerator", joined);
      g_string_append (xml, "</object></child>");
    }
  if (section != NULL)
    g_string_append (xml, "</object></child>");
  g_string_append (xml, "</object></child></object></interface>");
  builder = gtk_builder_new_from_string (xml->str, xml->len);
  window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));
  gtk_window_set_transient_for (window, parent);
  return window;
}
