#define G_LOG_DOMAIN "cairn-window"

/* The window's actions: what keys, menus, buttons and tests all go through. */

#include <glib/gi18n.h>

#include "formats/cairn-format.h"
#include "cairn-dashboard.h"
#include "cairn-guideline-editor.h"
#include "cairn-note-dialog.h"
#include "cairn-notes-window.h"
#include "cairn-plan-view.h"
#include "cairn-schema-editor.h"
#include "cairn-transfer-dialog.h"
#include "cairn-window-private.h"

static void
step_item (CairnWindow *self,
           int          delta)
{
  guint position = cairn_window_get_position (self);
  guint n;

  if (self->items == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  if (n == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = delta > 0 ? 0 : n - 1;
  else if (delta < 0 && position > 0)
    position--;
  else if (delta > 0 && position + 1 < n)
    position++;
  else
    return;
  cairn_item_list_select (self->item_list, position);
}

static void
next_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_item (CAIRN_WINDOW (widget), 1);
}

static void
previous_item_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_item (CAIRN_WINDOW (widget), -1);
}

static void
first_item_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  if (self->items != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    cairn_item_list_select (self->item_list, 0);
}

static void
last_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;

  if (n > 0)
    cairn_item_list_select (self->item_list, n - 1);
}

static void
on_open_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CairnWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !cairn_window_open_project (self, path, &error))
    cairn_window_show_error (self, _("Could not open the project"), error->message);
  g_object_unref (chooser);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (projects, _("Cairn projects"));
  gtk_file_filter_add_pattern (projects, "*.cairn");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), projects);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_new_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    CairnWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pending = g_steal_pointer (&self->pending_import);
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_object_unref (chooser);
  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".cairn"))
    {
      char *with_suffix = g_strconcat (path, ".cairn", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (!cairn_window_create_project (self, path, &error))
    {
      cairn_window_show_error (self, _("Could not create the project"), error->message);
      return;
    }
  if (pending != NULL)
    cairn_window_start_import (self, g_file_test (pending, G_FILE_TEST_IS_DIR) ? "folder" : NULL,
                               pending);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *suggestion = NULL;

  chooser = gtk_file_chooser_native_new (_("New Project"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"), _("_Cancel"));
  if (self->pending_import != NULL)
    {
      /* Beside the dropped folder, named after it. */
      g_autofree char *base = g_path_get_basename (self->pending_import);
      g_autofree char *dir = g_path_get_dirname (self->pending_import);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      suggestion = g_strconcat (base, ".cairn", NULL);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     suggestion ? suggestion : _("Untitled.cairn"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_new_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!cairn_window_open_project (self, path, &error))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      cairn_window_show_error (self, _("Could not open the project"), error->message);
      if (CAIRN_IS_APPLICATION (app) && !g_file_test (path, G_FILE_TEST_EXISTS))
        cairn_application_remove_recent (CAIRN_APPLICATION (app), path);
    }
}

static void
close_project_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cairn_window_close_project (CAIRN_WINDOW (widget));
}

static void
on_transfer_finished_cb (CairnTransferDialog *dialog,
                         gboolean             changed,
                         CairnWindow         *self)
{
  if (changed)
    cairn_window_reload (self);
}

static void
show_transfer (CairnWindow       *self,
               CairnTransferMode  mode,
               const char        *format,
               const char        *path)
{
  CairnTransferDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = cairn_transfer_dialog_new (GTK_WINDOW (self), mode, cairn_store_get_path (self->store));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_transfer_finished_cb), self, 0);
  if (format != NULL)
    cairn_transfer_dialog_set_format (dialog, format);
  if (path != NULL)
    cairn_transfer_dialog_set_path (dialog, path);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cairn_window_start_import (CairnWindow *self,
                           const char  *format,
                           const char  *path)
{
  show_transfer (self, CAIRN_TRANSFER_IMPORT, format, path);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_transfer (CAIRN_WINDOW (widget), CAIRN_TRANSFER_IMPORT, NULL, NULL);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_transfer (CAIRN_WINDOW (widget), CAIRN_TRANSFER_EXPORT, NULL, NULL);
}

static void
on_dashboard_item_activated_cb (CairnDashboard *dashboard,
                                gint64          id,
                                CairnWindow    *self)
{
  /* The dashboard may still show a project this window has since closed. */
  if (g_strcmp0 (cairn_window_get_project_path (self),
                 cairn_dashboard_get_project_path (dashboard)) == 0)
    cairn_window_select_item (self, id);
}

static void
show_dashboard_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnDashboard *dashboard;

  if (self->store == NULL)
    return;
  dashboard = cairn_dashboard_show (GTK_WINDOW (self), cairn_store_get_path (self->store));
  /* An open dashboard is reused: connect once. */
  g_signal_handlers_disconnect_by_func (dashboard, on_dashboard_item_activated_cb, self);
  g_signal_connect_object (dashboard, "item-activated",
                           G_CALLBACK (on_dashboard_item_activated_cb), self, 0);
}

static void
show_plan_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  if (self->store != NULL)
    cairn_plan_view_show (GTK_WINDOW (self), self->store);
}

/* An edge-case note about the shown item, or its selected shape. */
static void
record_note_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnItemView *view = cairn_window_get_view (self);
  gint64 shape_id = view ? cairn_item_view_get_selected_id (view) : 0;
  g_autoptr(CairnAnnotation) shape = NULL;
  CairnNoteDialog *dialog;

  if (self->store == NULL || self->current == NULL)
    return;
  if (shape_id != 0)
    shape = cairn_store_get_annotation (self->store, shape_id, NULL);
  dialog = cairn_note_dialog_new (GTK_WINDOW (self), self->store, self->current->id, shape,
                                  self->labels);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_note_cb (CairnNotesWindow *notes,
                 gint64            item_id,
                 gint64            annotation_id,
                 CairnWindow      *self)
{
  if (item_id == 0 || !cairn_window_select_item (self, item_id))
    return;
  if (annotation_id != 0 && cairn_window_get_view (self) == CAIRN_ITEM_VIEW (self->canvas))
    cairn_canvas_set_selected_id (self->canvas, annotation_id);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_guideline_changed_cb (CairnNotesWindow *notes,
                         CairnWindow      *self)
{
  cairn_guideline_panel_set_store (self->guideline_panel, self->store);
}

static void
on_guideline_published_cb (CairnGuidelineEditor *editor,
                           gint                  version,
                           CairnWindow          *self)
{
  cairn_guideline_panel_set_store (self->guideline_panel, self->store);
}

static void
edit_guideline_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnGuidelineEditor *editor;

  if (self->store == NULL)
    return;
  editor = cairn_guideline_editor_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (editor, "published", G_CALLBACK (on_guideline_published_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_schema_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);

  if (self->store != NULL && self->edits != NULL)
    gtk_window_present (GTK_WINDOW (cairn_schema_editor_new (GTK_WINDOW (self), self->edits)));
}

static void
show_notes_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnNotesWindow *notes;

  if (self->store == NULL)
    return;
  notes = cairn_notes_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (notes, "open-note", G_CALLBACK (on_open_note_cb), self, 0);
  g_signal_connect_object (notes, "guideline-changed", G_CALLBACK (on_guideline_changed_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (notes));
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  double zoom = cairn_canvas_get_zoom (self->canvas);

  if (g_str_equal (action_name, "win.zoom-in"))
    cairn_canvas_set_zoom (self->canvas, zoom * 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cairn_canvas_set_zoom (self->canvas, zoom / 1.25);
  else if (g_str_equal (action_name, "win.zoom-original"))
    cairn_canvas_set_zoom (self->canvas, 1.0);
  else
    cairn_canvas_zoom_to_fit (self->canvas);
}

static CairnItemFilter
current_filter (CairnWindow *self)
{
  CairnItemFilter filter = CAIRN_ITEM_FILTER_ANY;
  CairnItemKind kind;
  CairnItemState state;

  if (cairn_item_kind_from_string (self->filter_kind, &kind))
    filter.kind = kind;
  if (cairn_item_state_from_string (self->filter_state, &state))
    filter.state = state;
  /* An id no annotator has when no one is attached: the list is empty, not everything. */
  if (self->filter_mine)
    filter.assignee = self->edits ? cairn_edit_stack_get_annotator (self->edits) : -1;
  return filter;
}

static const char *
kind_display_name (const char *kind)
{
  if (g_strcmp0 (kind, "image") == 0)
    return _("Images");
  if (g_strcmp0 (kind, "text") == 0)
    return _("Texts");
  if (g_strcmp0 (kind, "audio") == 0)
    return _("Audio");
  return _("All kinds");
}

void
cairn_window_apply_filter (CairnWindow *self)
{
  CairnItemFilter filter = current_filter (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  CairnItemState state;
  gint64 shown = self->current ? self->current->id : 0;
  guint position;

  if (cairn_item_state_from_string (self->filter_state, &state))
    /* Translators: the item list's filter, e.g. "Images · Done". */
    description = g_strdup_printf (_("%s · %s"), kind_display_name (self->filter_kind),
                                   cairn_item_state_get_display_name (state));
  else
    description = g_strdup (kind_display_name (self->filter_kind));
  if (self->filter_mine)
    {
      /* Translators: the item list's filter when it shows the annotator's queue only,
       * e.g. "My items · Images". */
      g_autofree char *mine = g_strdup_printf (_("My items · %s"), description);

      g_free (description);
      description = g_steal_pointer (&mine);
    }
  cairn_item_list_set_filter_description (self->item_list, description);

  if (self->items == NULL)
    return;
  if (!cairn_item_list_model_set_filter (self->items, &filter, &error))
    {
      cairn_window_show_error (self, _("Could not filter the items"), error->message);
      return;
    }
  /* Stay on the item shown when it passes the new filter. */
  position = shown ? cairn_item_list_model_find (self->items, shown) : G_MAXUINT;
  if (position != G_MAXUINT)
    cairn_item_list_select (self->item_list, position);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    cairn_item_list_select (self->item_list, 0);
  cairn_window_update_status (self);
}

void
cairn_window_set_filter_kind (CairnWindow *self,
                              const char  *kind)
{
  CairnItemKind parsed;

  if (kind == NULL || !cairn_item_kind_from_string (kind, &parsed))
    kind = "any";
  if (g_strcmp0 (kind, self->filter_kind) == 0)
    return;
  g_free (self->filter_kind);
  self->filter_kind = g_strdup (kind);
  cairn_window_apply_filter (self);
  g_object_notify (G_OBJECT (self), "filter-kind");
}

void
cairn_window_set_filter_state (CairnWindow *self,
                               const char  *state)
{
  CairnItemState parsed;

  if (state == NULL || !cairn_item_state_from_string (state, &parsed))
    state = "any";
  if (g_strcmp0 (state, self->filter_state) == 0)
    return;
  g_free (self->filter_state);
  self->filter_state = g_strdup (state);
  cairn_window_apply_filter (self);
  g_object_notify (G_OBJECT (self), "filter-state");
}

void
cairn_window_set_filter_mine (CairnWindow *self,
                              gboolean     mine)
{
  if (self->filter_mine == !!mine)
    return;
  self->filter_mine = !!mine;
  cairn_window_apply_filter (self);
  g_object_notify (G_OBJECT (self), "filter-mine");
}

void
cairn_window_update_actions (CairnWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean project = self->store != NULL;
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  guint position = cairn_window_get_position (self);
  gboolean image = self->current != NULL && self->current->kind == CAIRN_ITEM_IMAGE;
  gboolean has_position = position != GTK_INVALID_LIST_POSITION && n > 0;

  gtk_widget_action_set_enabled (widget, "win.close-project", project);
  gtk_widget_action_set_enabled (widget, "win.import", project);
  gtk_widget_action_set_enabled (widget, "win.export", project);
  gtk_widget_action_set_enabled (widget, "win.show-dashboard", project);
  gtk_widget_action_set_enabled (widget, "win.show-plan", project);
  gtk_widget_action_set_enabled (widget, "win.show-notes", project);
  gtk_widget_action_set_enabled (widget, "win.edit-guideline", project);
  gtk_widget_action_set_enabled (widget, "win.edit-schema", project);
  gtk_widget_action_set_enabled (widget, "win.record-note", project);
  gtk_widget_action_set_enabled (widget, "win.filter-kind", project);
  gtk_widget_action_set_enabled (widget, "win.filter-state", project);
  gtk_widget_action_set_enabled (widget, "win.filter-mine", project);
  gtk_widget_action_set_enabled (widget, "win.toggle-sidebar", project);
  gtk_widget_action_set_enabled (widget, "win.first-item", n > 0);
  gtk_widget_action_set_enabled (widget, "win.last-item", n > 0);
  gtk_widget_action_set_enabled (widget, "win.previous-item", has_position && position > 0);
  gtk_widget_action_set_enabled (widget, "win.next-item", n > 0 && (!has_position
                                                                    || position + 1 < n));
  gtk_widget_action_set_enabled (widget, "win.zoom-in", image);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", image);
  gtk_widget_action_set_enabled (widget, "win.zoom-fit", image);
  gtk_widget_action_set_enabled (widget, "win.zoom-original", image);
  cairn_window_update_edit_actions (self);
  gtk_widget_set_visible (self->project_buttons, project);
}

void
cairn_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-item", NULL, next_item_activated);
  gtk_widget_class_install_action (widget_class, "win.previous-item", NULL,
                                   previous_item_activated);
  gtk_widget_class_install_action (widget_class, "win.first-item", NULL, first_item_activated);
  gtk_widget_class_install_action (widget_class, "win.last-item", NULL, last_item_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL,
                                   close_project_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.show-plan", NULL, show_plan_activated);
  gtk_widget_class_install_action (widget_class, "win.show-notes", NULL, show_notes_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-guideline", NULL,
                                   edit_guideline_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-schema", NULL, edit_schema_activated);
  gtk_widget_class_install_action (widget_class, "win.record-note", NULL, record_note_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL,
                                   show_dashboard_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-original", NULL, zoom_activated);
  gtk_widget_class_install_property_action (widget_class, "win.filter-kind", "filter-kind");
  gtk_widget_class_install_property_action (widget_class, "win.filter-state", "filter-state");
  gtk_widget_class_install_property_action (widget_class, "win.filter-mine", "filter-mine");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar",
                                            "sidebar-visible");
}
