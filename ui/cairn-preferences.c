#define G_LOG_DOMAIN "cairn-preferences"

#include <glib/gi18n.h>

#include "model/cairn-label.h"
#include "cairn-preferences.h"
#include "cairn-shortcuts.h"

struct _CairnPreferences
{
  GtkWindow   parent_instance;
  GSettings  *settings;
  GPtrArray  *labels;
  int         capturing;   /* the binding waiting for its new key, or -1 */

  GtkListBox *list;
  GtkLabel   *error_label;
  GtkLabel   *hint_label;
  GtkWidget  *reset_button;
};

G_DEFINE_FINAL_TYPE (CairnPreferences, cairn_preferences, GTK_TYPE_WINDOW)

static char *
setting_key (const CairnKeyBinding *b)
{
  return g_strdup_printf ("%s@%s", b->action, b->scope == CAIRN_KEY_VIEW ? "view" : "window");
}

static char *
binding_title (const CairnKeyBinding *b, guint index)
{
  if (b->title != NULL)
    return g_strdup (_(b->title));
  /* Translators: the n-th label of the palette (keys 1–9 and 0). */
  return g_strdup_printf (_("Label %u in the palette"), index + 1);
}

static void
show_error (CairnPreferences *self, const char *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* One row per command: its name and its keys as they are now. */
static void
fill (CairnPreferences *self)
{
  const CairnKeyBinding *bindings;
  GtkWidget *child;
  guint n, label_n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      const CairnKeyBinding *b = &bindings[i];
      g_auto(GStrv) accels = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row, *box, *name, *keys;

      if (b->reserved)
        continue;
      accels = cairn_shortcuts_dup_accels (b, self->settings);
      joined = g_strjoinv (" ", accels);
      title = binding_title (b, b->title ? 0 : label_n++);
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      name = gtk_label_new (title);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      if ((int) i == self->capturing)
        keys = gtk_label_new (_("Press the new key…"));
      else
        keys = gtk_shortcut_label_new (joined);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), keys);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "binding", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->list, row);
    }
}

static gboolean
label_uses (CairnPreferences *self, const char *accel)
{
  guint key;
  GdkModifierType mods;

  if (!gtk_accelerator_parse (accel, &key, &mods) || mods != 0)
    return FALSE;
  for (guint i = 0; self->labels && i < self->labels->len; i++)
    {
      const CairnLabel *label = self->labels->pdata[i];
      guint label_key;
      GdkModifierType label_mods;

      if (label->hotkey && gtk_accelerator_parse (label->hotkey, &label_key, &label_mods)
          && gdk_keyval_to_lower (label_key) == gdk_keyval_to_lower (key))
        return TRUE;
    }
  return FALSE;
}

gboolean
cairn_preferences_assign (CairnPreferences *self,
                          guint             index,
                          const char       *accel,
                          GError          **error)
{
  const CairnKeyBinding *bindings;
  const CairnKeyBinding *other;
  g_autoptr(GVariant) old = NULL;
  g_autofree char *key = NULL;
  GVariantBuilder map;
  GVariantIter iter;
  const char *name, *keys;
  guint n;

  g_return_val_if_fail (CAIRN_IS_PREFERENCES (self), FALSE);
  bindings = cairn_keymap_get_defaults (&n);
  g_return_val_if_fail (index < n, FALSE);
  if (self->settings == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Keys cannot be changed: Cairn’s settings are not installed"));
      return FALSE;
    }
  if (*accel != '\0' && (other = cairn_shortcuts_find_clash (accel, self->settings,
                                                                  &bindings[index]))
      != NULL && g_strcmp0 (other->action, bindings[index].action) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s is already the key of “%s”"),
                   accel, other->title ? _(other->title) : _("a label"));
      return FALSE;
    }
  if (*accel != '\0' && label_uses (self, accel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is a label’s hotkey in this project"), accel);
      return FALSE;
    }
  key = setting_key (&bindings[index]);
  old = g_settings_get_value (self->settings, "shortcuts");
  g_variant_builder_init (&map, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &keys))
    if (!g_str_equal (name, key))
      g_variant_builder_add (&map, "{ss}", name, keys);
  g_variant_builder_add (&map, "{ss}", key, accel);
  g_settings_set_value (self->settings, "shortcuts", g_variant_builder_end (&map));
  return TRUE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CairnPreferences      *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  g_autofree char *accel = NULL;
  g_autoptr(GError) error = NULL;
  int index = self->capturing;

  if (index < 0)
    return FALSE;
  /* A modifier alone is the start of a key, not one. */
  if (gdk_keyval_to_unicode (keyval) == 0 && (keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R
      || keyval == GDK_KEY_Control_L || keyval == GDK_KEY_Control_R || keyval == GDK_KEY_Alt_L
      || keyval == GDK_KEY_Alt_R || keyval == GDK_KEY_Super_L || keyval == GDK_KEY_Super_R))
    return TRUE;
  self->capturing = -1;
  if (keyval == GDK_KEY_Escape && mods == 0)
    {
      fill (self);
      return TRUE;
    }
  accel = keyval == GDK_KEY_BackSpace && mods == 0
            ? g_strdup ("") : gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
  if (!cairn_preferences_assign (self, index, accel, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
  fill (self);
  return TRUE;
}

static void
on_row_activated_cb (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     CairnPreferences *self)
{
  self->capturing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "binding"));
  show_error (self, NULL);
  fill (self);
}

static void
on_reset_clicked_cb (GtkButton        *button,
                     CairnPreferences *self)
{
  if (self->settings != NULL)
    g_settings_reset (self->settings, "shortcuts");
  self->capturing = -1;
  show_error (self, NULL);
  fill (self);
}

static void
cairn_preferences_dispose (GObject *object)
{
  CairnPreferences *self = CAIRN_PREFERENCES (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_PREFERENCES);
  G_OBJECT_CLASS (cairn_preferences_parent_class)->dispose (object);
}

static void
cairn_preferences_class_init (CairnPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnPreferences, list);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferences, error_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferences, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CairnPreferences, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
}

static void
cairn_preferences_init (CairnPreferences *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->capturing = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the list: the key pressed is the new shortcut, not a move in the list. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWindow *
cairn_preferences_new (GtkWindow *parent,
                       GSettings *settings,
                       GPtrArray *labels)
{
  CairnPreferences *self = g_object_new (CAIRN_TYPE_PREFERENCES, "transient-for", parent, NULL);

  self->settings = settings ? g_object_ref (settings) : NULL;
  self->labels = labels ? g_ptr_array_ref (labels) : NULL;
  if (settings == NULL)
    {
      gtk_label_set_label (self->hint_label,
                           _("Keys cannot be changed here: Cairn’s settings are not installed."));
      gtk_widget_set_sensitive (self->reset_button, FALSE);
    }
  fill (self);
  return GTK_WINDOW (self);
}
