#define G_LOG_DOMAIN "cairn-window"

/* Editing in the window: who is annotating, their undo and redo (the Edit menu names what
 * they will do), "Saved", the store's changes shown in the item list, and the commands that
 * work on items: mark done, next unlabelled, go to item. */

#include <glib/gi18n.h>

#include "model/cairn-label.h"
#include "cairn-preferences.h"
#include "cairn-prompt-dialog.h"
#include "cairn-shortcuts.h"
#include "cairn-window-private.h"

/* An annotator's name: what people are called, not a path or a line of a log. */
#define MAX_NAME_CHARS 80

static GSettings *
app_settings (CairnWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CAIRN_IS_APPLICATION (app) ? cairn_application_get_settings (CAIRN_APPLICATION (app))
                                    : NULL;
}

static void
set_saved (CairnWindow *self,
           const char  *text)
{
  gtk_label_set_label (self->saved_label, text);
}

void
cairn_window_attach_shortcuts (CairnWindow *self)
{
  GtkWidget *panes[] = { GTK_WIDGET (self->canvas), GTK_WIDGET (self->text_pane),
                         GTK_WIDGET (self->audio_pane) };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    cairn_shortcuts_attach (panes[i], app_settings (self), self->labels);
  cairn_text_pane_set_key_settings (self->text_pane, app_settings (self));
  /* A project made elsewhere may give a label a key a command has: the command keeps it. */
  for (guint i = 0; self->labels && i < self->labels->len; i++)
    {
      const CairnLabel *label = self->labels->pdata[i];
      const CairnKeyBinding *taken;
      g_autofree char *text = NULL;

      if (label->hotkey == NULL || *label->hotkey == '\0'
          || (taken = cairn_shortcuts_find (label->hotkey, app_settings (self), NULL)) == NULL)
        continue;
      /* Translators: "The key r of “road” is Box's; pick “road” in the palette". */
      text = g_strdup_printf (_("The key %s of “%s” belongs to “%s”; pick “%s” in the palette "
                                "or by its place"), label->hotkey, label->name,
                              taken->title ? _(taken->title) : taken->action, label->name);
      set_saved (self, text);
      break;
    }
}

static void
set_views_edit_stack (CairnWindow *self)
{
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (self->canvas), self->edits);
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (self->text_pane), self->edits);
  cairn_item_view_set_edit_stack (CAIRN_ITEM_VIEW (self->audio_pane), self->edits);
}

static void
on_edits_changed_cb (CairnEditStack *stack,
                     CairnWindow    *self)
{
  cairn_window_update_edit_actions (self);
}

static gboolean
attach_annotator (CairnWindow *self,
                  const char  *name,
                  GError     **error)
{
  gint64 id = cairn_store_ensure_annotator (self->store, name, "annotator", error);

  if (id == 0)
    return FALSE;
  if (self->edits != NULL)
    g_signal_handlers_disconnect_by_func (self->edits, on_edits_changed_cb, self);
  g_clear_object (&self->edits);
  self->edits = cairn_edit_stack_new (self->store, id);
  g_signal_connect_object (self->edits, "changed", G_CALLBACK (on_edits_changed_cb), self, 0);
  /* Whatever else the window writes (imports) is theirs too. */
  cairn_store_set_actor (self->store, id);
  g_free (self->annotator);
  self->annotator = g_strdup (name);
  gtk_label_set_label (self->annotator_label, name);
  set_views_edit_stack (self);
  cairn_window_update_edit_actions (self);
  /* Another annotator, another queue. */
  if (self->filter_mine)
    cairn_window_apply_filter (self);
  return TRUE;
}

static gboolean
valid_name (const char *name, GError **error)
{
  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A name of at most %d characters, please"), MAX_NAME_CHARS);
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("A name cannot hold tabs, line breaks or other control characters"));
        return FALSE;
      }
  return TRUE;
}

static void
on_annotator_submitted_cb (CairnPromptDialog *dialog,
                           const char        *name,
                           CairnWindow       *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  if (!valid_name (name, &error))
    {
      cairn_prompt_dialog_set_error (dialog, error->message);
      return;
    }
  if (CAIRN_IS_APPLICATION (app))
    cairn_application_set_annotator (CAIRN_APPLICATION (app), name);
  /* Without the application (tests), this window alone. */
  if (self->store != NULL && g_strcmp0 (self->annotator, name) != 0
      && !attach_annotator (self, name, &error))
    cairn_prompt_dialog_set_error (dialog, error->message);
}

static void
ask_annotator (CairnWindow *self,
               gboolean     first)
{
  CairnPromptDialog *dialog;

  dialog = cairn_prompt_dialog_new (GTK_WINDOW (self),
                                    first ? _("Who Is Annotating?") : _("Change Annotator"),
                                    _("Every edit is recorded under this name, and Undo takes "
                                      "back your own edits, even after a restart. Use the name "
                                      "your team knows you by."),
                                    first ? _("_Start") : _("_Change"), self->annotator);
  cairn_prompt_dialog_set_required (dialog, first);
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_annotator_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_annotator_changed_cb (CairnApplication *app,
                         CairnWindow      *self)
{
  g_autofree char *name = cairn_application_dup_annotator (app);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && *name != '\0' && g_strcmp0 (name, self->annotator) != 0
      && !attach_annotator (self, name, &error))
    cairn_window_show_error (self, _("Could not change the annotator"), error->message);
}

static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnWindow            *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *tooltip = g_strdup_printf (_("Every edit is written to the project file as "
                                                "it is made; the last at %s."), time);
  CairnItemFilter filter;

  cairn_item_list_model_get_filter (self->items, &filter);
  /* Under a state filter an item whose state changed may leave the list, or join it. */
  if (change->everything || (filter.state >= 0 && change->items->len > 0))
    {
      if (!cairn_item_list_model_reload (self->items, &error))
        g_warning ("Items of %s: %s", cairn_store_get_path (store), error->message);
    }
  else
    for (guint i = 0; i < change->items->len; i++)
      cairn_item_list_model_item_changed (self->items, g_array_index (change->items, gint64, i));
  if (change->labels || change->everything)
    {
      g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, NULL);

      if (labels != NULL)
        {
          g_clear_pointer (&self->labels, g_ptr_array_unref);
          self->labels = g_steal_pointer (&labels);
          cairn_window_update_palette (self);
          cairn_window_attach_shortcuts (self);
        }
    }
  /* The shown item's state (Ctrl+Enter, undo of it) for the status bar. */
  if (self->current != NULL && cairn_store_change_has_item (change, self->current->id))
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (store, self->current->id, NULL);

      if (item != NULL)
        self->current->state = item->state;
    }
  set_saved (self, _("Saved"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), tooltip);
  cairn_window_update_status (self);
  /* The Edit menu follows the edit stack's own "changed". */
}

static void
on_edit_failed_cb (GtkWidget   *view,
                   const char  *message,
                   CairnWindow *self)
{
  set_saved (self, _("Not saved"));
  cairn_window_show_error (self, _("The edit was not saved"), message);
}

static void
on_notice_cb (GtkWidget   *view,
              const char  *message,
              CairnWindow *self)
{
  set_saved (self, message);
}

/* A label clicked in the palette: the label of new shapes, and of the selected one. */
static void
on_label_chosen_cb (CairnLabelPalette *palette,
                    gint64             label_id,
                    CairnWindow       *self)
{
  CairnItemView *view = cairn_window_get_view (self);

  /* The text pane answers canvas.set-label too (cairn-text-pane-actions.c). */
  gtk_widget_activate_action (view ? GTK_WIDGET (view) : GTK_WIDGET (self->canvas),
                              "canvas.set-label", "x", label_id);
}

/* The palette shows what the pane in view can use: on the canvas, the labels for its tool. */
void
cairn_window_update_palette (CairnWindow *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);

  cairn_label_palette_set_can_hide (self->label_palette, g_strcmp0 (view, "image") == 0);
  if (g_strcmp0 (view, "image") == 0)
    cairn_label_palette_set_labels (self->label_palette,
                                    cairn_canvas_get_palette_labels (self->canvas));
  else if (g_strcmp0 (view, "text") == 0)
    cairn_label_palette_set_labels (self->label_palette,
                                    cairn_text_pane_get_palette_labels (self->text_pane));
  else if (g_strcmp0 (view, "audio") == 0)
    cairn_label_palette_set_labels (self->label_palette,
                                    cairn_audio_pane_get_palette_labels (self->audio_pane));
  else
    cairn_label_palette_set_labels (self->label_palette, self->labels);
}

/* A label's eye in the palette, or Shift+M on the canvas: each tells the other. */
static void
on_palette_label_hidden_cb (CairnLabelPalette *palette,
                            gint64             label_id,
                            gboolean           hidden,
                            CairnWindow       *self)
{
  cairn_canvas_set_label_hidden (self->canvas, label_id, hidden);
  /* The list took the focus with the click; the canvas's keys should go on working. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_canvas_label_hidden_cb (CairnCanvas *canvas,
                           gint64       label_id,
                           gboolean     hidden,
                           CairnWindow *self)
{
  cairn_label_palette_set_label_hidden (self->label_palette, label_id, hidden);
}

static void
on_palette_changed_cb (CairnCanvas *canvas,
                       GParamSpec  *pspec,
                       CairnWindow *self)
{
  cairn_window_update_palette (self);
}

void
cairn_window_edit_init (CairnWindow *self)
{
  g_signal_connect_object (self->canvas, "notify::palette", G_CALLBACK (on_palette_changed_cb),
                           self, 0);
  g_signal_connect_object (self->label_palette, "label-chosen", G_CALLBACK (on_label_chosen_cb),
                           self, 0);
  g_signal_connect_object (self->label_palette, "label-hidden",
                           G_CALLBACK (on_palette_label_hidden_cb), self, 0);
  g_signal_connect_object (self->canvas, "label-hidden", G_CALLBACK (on_canvas_label_hidden_cb),
                           self, 0);
  g_signal_connect_object (self->canvas, "edit-failed", G_CALLBACK (on_edit_failed_cb), self, 0);
  g_signal_connect_object (self->canvas, "notice", G_CALLBACK (on_notice_cb), self, 0);
  g_signal_connect_object (self->text_pane, "notify::palette", G_CALLBACK (on_palette_changed_cb),
                           self, 0);
  g_signal_connect_object (self->text_pane, "edit-failed", G_CALLBACK (on_edit_failed_cb), self,
                           0);
  g_signal_connect_object (self->text_pane, "notice", G_CALLBACK (on_notice_cb), self, 0);
  g_object_bind_property (self->text_pane, "current-label-id", self->label_palette,
                          "current-label-id", 0);
  g_object_bind_property (self->canvas, "semantic-masks", self->semantic_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (self->annotator_button, FALSE);
}

void
cairn_window_start_editing (CairnWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = CAIRN_IS_APPLICATION (app)
                            ? cairn_application_dup_annotator (CAIRN_APPLICATION (app))
                            : g_strdup (self->annotator ? self->annotator : "");
  g_autoptr(GError) error = NULL;

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  if (CAIRN_IS_APPLICATION (app))
    g_signal_connect_object (app, "annotator-changed", G_CALLBACK (on_annotator_changed_cb),
                             self, 0);
  if (app_settings (self) != NULL)
    g_signal_connect_object (app_settings (self), "changed::shortcuts",
                             G_CALLBACK (cairn_window_attach_shortcuts), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->annotator_button, TRUE);
  set_saved (self, "");
  cairn_window_attach_shortcuts (self);
  if (*name == '\0')
    {
      /* First start: nothing is edited until they say who they are. */
      gtk_label_set_label (self->annotator_label, _("Who is annotating?"));
      ask_annotator (self, TRUE);
      return;
    }
  if (!valid_name (name, &error) || !attach_annotator (self, name, &error))
    cairn_window_show_error (self, _("Could not start editing"), error->message);
}

void
cairn_window_stop_editing (CairnWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  if (app != NULL)
    g_signal_handlers_disconnect_by_func (app, on_annotator_changed_cb, self);
  if (app_settings (self) != NULL)
    g_signal_handlers_disconnect_by_func (app_settings (self), cairn_window_attach_shortcuts, self);
  if (self->edits != NULL)
    g_signal_handlers_disconnect_by_func (self->edits, on_edits_changed_cb, self);
  g_clear_object (&self->edits);
  set_views_edit_stack (self);
  gtk_widget_set_visible (self->annotator_button, FALSE);
  cairn_window_update_edit_actions (self);
}

static void
append_menu_item (GMenu      *menu,
                  const char *label,
                  const char *action)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  g_menu_append_item (menu, item);
}

/* "Undo Move Polygon" in the Edit menu and the buttons' tooltips. */
void
cairn_window_update_edit_actions (CairnWindow *self)
{
  g_autofree char *undo = self->edits ? cairn_edit_stack_dup_undo_title (self->edits) : NULL;
  g_autofree char *redo = self->edits ? cairn_edit_stack_dup_redo_title (self->edits) : NULL;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;
  gboolean project = self->store != NULL;

  /* Translators: %s names the edit, e.g. "Undo Move Polygon". */
  undo_label = undo ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  /* Translators: %s names the edit, e.g. "Redo Move Polygon". */
  redo_label = redo ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));
  g_menu_remove_all (self->edit_section);
  append_menu_item (self->edit_section, undo_label, "win.undo");
  append_menu_item (self->edit_section, redo_label, "win.redo");
  {
    g_autofree char *undo_tip = g_strdup_printf ("%s (Ctrl+Z)", undo_label);
    g_autofree char *redo_tip = g_strdup_printf ("%s (Ctrl+Shift+Z)", redo_label);

    gtk_widget_set_tooltip_text (self->undo_button, undo ? undo_tip : _("Nothing to undo"));
    gtk_widget_set_tooltip_text (self->redo_button, redo ? redo_tip : _("Nothing to redo"));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", undo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", redo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-annotator", project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-done",
                                 self->edits != NULL && self->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-unlabelled", project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-item", project);
  cairn_window_update_team_actions (self);
}

static void
take_back (CairnWindow *self,
           gboolean     redo)
{
  g_autoptr(GError) error = NULL;

  if (self->edits == NULL)
    return;
  if (redo ? cairn_edit_stack_redo (self->edits, &error)
           : cairn_edit_stack_undo (self->edits, &error))
    return;
  if (!g_error_matches (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_NOTHING))
    cairn_window_show_error (self, redo ? _("Could not redo") : _("Could not undo"),
                             error->message);
  cairn_window_update_edit_actions (self);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  take_back (CAIRN_WINDOW (widget), FALSE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  take_back (CAIRN_WINDOW (widget), TRUE);
}

static void
change_annotator_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ask_annotator (CAIRN_WINDOW (widget), FALSE);
}

static void
mark_done_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(GError) error = NULL;
  guint position = cairn_window_get_position (self);
  gint64 id;

  if (self->edits == NULL || self->current == NULL)
    return;
  id = self->current->id;
  if (self->current->state != CAIRN_STATE_DONE)
    {
      edit = cairn_edit_new_item_state (self->current, CAIRN_STATE_DONE);
      if (!cairn_edit_stack_push (self->edits, edit, &error))
        {
          cairn_window_show_error (self, _("Could not mark the item done"), error->message);
          return;
        }
    }
  /* Filtered by state, the item has left the list: the next one is in its place. */
  if (cairn_item_list_model_find (self->items, id) == GTK_INVALID_LIST_POSITION)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

      if (n > 0)
        cairn_window_select (self, MIN (position, n - 1));
      return;
    }
  gtk_widget_activate_action (widget, "win.next-item", NULL);
}

static void
next_unlabelled_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnItemFilter filter;
  g_autoptr(GError) error = NULL;
  gint64 after = self->current ? self->current->id : 0;
  gint64 id;

  if (self->items == NULL)
    return;
  cairn_item_list_model_get_filter (self->items, &filter);
  id = cairn_store_next_unlabelled_item (self->store, after, &filter, &error);
  /* From the top again, once. */
  if (id == 0 && error == NULL && after != 0)
    id = cairn_store_next_unlabelled_item (self->store, 0, &filter, &error);
  if (error != NULL)
    cairn_window_show_error (self, _("Could not look for an unlabelled item"), error->message);
  else if (id == 0 || id == after)
    set_saved (self, _("Every item in the list has annotations"));
  else
    cairn_window_select_item (self, id);
}

static void
on_item_number_submitted_cb (CairnPromptDialog *dialog,
                             const char        *text,
                             CairnWindow       *self)
{
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  guint64 number = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX (n, 1), &number, NULL) || n == 0)
    {
      g_autofree char *message = g_strdup_printf (_("A number from 1 to %u, please"), n);

      cairn_prompt_dialog_set_error (dialog, message);
      return;
    }
  cairn_window_select (self, number - 1);
}

static void
go_to_item_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  g_autofree char *body = g_strdup_printf (_("The item’s number in the list, 1 to %u."), n);
  CairnPromptDialog *dialog;

  if (n == 0)
    return;
  dialog = cairn_prompt_dialog_new (GTK_WINDOW (self), _("Go to Item"), body, _("_Go"), NULL);
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_item_number_submitted_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_shortcuts_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  gtk_window_present (cairn_shortcuts_window_new (GTK_WINDOW (self), app_settings (self)));
}

static void
show_preferences_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  gtk_window_present (cairn_preferences_new (GTK_WINDOW (self), app_settings (self),
                                             self->labels));
}

void
cairn_window_class_init_edit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.change-annotator", NULL,
                                   change_annotator_activated);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_activated);
  gtk_widget_class_install_action (widget_class, "win.next-unlabelled", NULL,
                                   next_unlabelled_activated);
  gtk_widget_class_install_action (widget_class, "win.go-to-item", NULL, go_to_item_activated);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL,
                                   show_shortcuts_activated);
  gtk_widget_class_install_action (widget_class, "win.show-preferences", NULL,
                                   show_preferences_activated);
}
