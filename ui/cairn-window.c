#define G_LOG_DOMAIN "cairn-window"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cairn-window-private.h"

G_DEFINE_FINAL_TYPE (CairnWindow, cairn_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_FILTER_KIND,
  PROP_FILTER_STATE,
  PROP_FILTER_MINE,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
window_settings (CairnWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CAIRN_IS_APPLICATION (app) ? cairn_application_get_settings (CAIRN_APPLICATION (app))
                                    : NULL;
}

static void
restore_size (CairnWindow *self)
{
  GSettings *settings = window_settings (self);

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (settings, "window-width"), 360),
                               MAX (g_settings_get_int (settings, "window-height"), 300));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (CairnWindow *self)
{
  GSettings *settings = window_settings (self);
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  /* The unmaximized size, so un-maximizing next time restores something sensible. */
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);
}

static void
set_titles (CairnWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    {
      gtk_label_set_label (self->title_label, "Cairn");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), "Cairn");
      return;
    }
  name = cairn_store_dup_name (self->store);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_path_get_basename (cairn_store_get_path (self->store));
    }
  title = g_strdup_printf ("%s — Cairn", name);
  gtk_label_set_label (self->title_label, name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
cairn_window_update_status (CairnWindow *self)
{
  guint n = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  guint position = cairn_window_get_position (self);
  g_autofree char *counter = NULL;

  if (position != GTK_INVALID_LIST_POSITION && n > 0)
    counter = g_strdup_printf (_("Item %u of %u"), position + 1, n);
  else
    counter = g_strdup ("");
  gtk_label_set_label (self->counter_label, counter);
  gtk_label_set_label (self->subtitle_label, counter);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *counter != '\0');
  gtk_label_set_label (self->state_label, self->current
                                            ? cairn_item_state_get_display_name (self->current->state)
                                            : "");
}

static void
update_zoom_label (CairnWindow *self)
{
  g_autofree char *text = NULL;
  gboolean image = self->current != NULL && self->current->kind == CAIRN_ITEM_IMAGE;

  if (image)
    text = g_strdup_printf ("%.0f%%", 100 * cairn_canvas_get_zoom (self->canvas));
  gtk_label_set_label (self->zoom_label, text ? text : "");
  gtk_widget_set_visible (self->zoom_box, image);
}

static void
update_position_label (CairnWindow *self)
{
  double x, y;
  int w, h;
  g_autofree char *text = NULL;

  cairn_canvas_get_image_size (self->canvas, &w, &h);
  if (self->current != NULL && self->current->kind == CAIRN_ITEM_IMAGE
      && cairn_canvas_get_pointer (self->canvas, &x, &y) && x >= 0 && y >= 0 && x < w && y < h)
    /* Translators: the pointer's position in image pixels. */
    text = g_strdup_printf (_("%d, %d px"), (int) floor (x), (int) floor (y));
  gtk_label_set_label (self->position_label, text ? text : "");
}

/* The spinner and the message over the canvas. */
void
cairn_window_update_canvas_state (CairnWindow *self)
{
  gboolean loading = cairn_window_is_loading (self);

  gtk_widget_set_visible (GTK_WIDGET (self->canvas_spinner), loading);
  gtk_spinner_set_spinning (self->canvas_spinner, loading);
  if (!loading)
    gtk_widget_set_visible (GTK_WIDGET (self->canvas_progress), FALSE);
  if (self->image_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not show this image: %s"),
                                               self->image_error->message);

      gtk_label_set_label (self->canvas_message, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->canvas_message), self->image_error != NULL);
}

/* Focus follows the view when it was in the view (or nowhere): keys then reach the canvas or
 * the text, and never a page that is no longer shown. Focus in the item list stays. */
static void
focus_view (CairnWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self))
      || (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_stack))))
    return;
  /* Not the item list: GTK 4.8 lists keep their keyboard focus row apart from the selection,
   * so arrows there would jump back to wherever that row is. */
  if (g_strcmp0 (view, "image") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  else if (g_strcmp0 (view, "text") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_pane));
  else if (g_strcmp0 (view, "audio") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->audio_pane));
  else
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

static void
show_empty (CairnWindow *self)
{
  gboolean filtered = g_strcmp0 (self->filter_kind, "any") != 0
                      || g_strcmp0 (self->filter_state, "any") != 0 || self->filter_mine;

  g_clear_pointer (&self->current, cairn_item_free);
  if (self->items == NULL)
    return;
  if (self->filter_mine && g_strcmp0 (self->filter_kind, "any") == 0
      && g_strcmp0 (self->filter_state, "any") == 0)
    {
      gtk_label_set_label (self->empty_title, _("Nothing Assigned to You"));
      gtk_label_set_label (self->empty_detail, _("No item of this project is in your queue. "
                                                 "Show all items in the item list, or ask for "
                                                 "an assignment (cairn assign)."));
    }
  else if (filtered)
    {
      gtk_label_set_label (self->empty_title, _("No Matching Items"));
      gtk_label_set_label (self->empty_detail, _("No item has this kind and state. Choose "
                                                 "another filter in the item list."));
    }
  else
    {
      gtk_label_set_label (self->empty_title, _("No Items Yet"));
      gtk_label_set_label (self->empty_detail, _("Import images, texts or audio, or a labelled "
                                                 "data set, to start annotating."));
    }
  gtk_widget_set_visible (self->empty_import_button, !filtered);
  gtk_stack_set_visible_child_name (self->view_stack, "empty");
  focus_view (self);
}

static const char *
view_name (CairnItemKind kind)
{
  return kind == CAIRN_ITEM_IMAGE ? "image" : kind == CAIRN_ITEM_TEXT ? "text" : "audio";
}

CairnItemView *
cairn_window_get_view (CairnWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "image") == 0)
    return CAIRN_ITEM_VIEW (self->canvas);
  if (g_strcmp0 (name, "text") == 0)
    return CAIRN_ITEM_VIEW (self->text_pane);
  if (g_strcmp0 (name, "audio") == 0)
    return CAIRN_ITEM_VIEW (self->audio_pane);
  return NULL;
}

/* The sidebar shows the inspector of the pane in view (as sysprof's follows its section). */
static void
show_inspector (CairnWindow *self)
{
  CairnItemView *view = cairn_window_get_view (self);
  GtkWidget *inspector = view ? cairn_item_view_get_inspector (view) : NULL;
  GtkWidget *shown = gtk_widget_get_first_child (GTK_WIDGET (self->inspector_box));

  if (shown == inspector)
    return;
  if (shown != NULL)
    gtk_box_remove (self->inspector_box, shown);
  if (inspector != NULL)
    gtk_box_append (self->inspector_box, inspector);
}

static void
show_item (CairnWindow *self,
           gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = NULL;
  CairnItemView *view;

  item = cairn_store_get_item (self->store, id, &error);
  if (item == NULL)
    {
      g_warning ("Item %" G_GINT64_FORMAT ": %s", id, error->message);
      show_empty (self);
      return;
    }
  g_clear_pointer (&self->current, cairn_item_free);
  self->current = g_steal_pointer (&item);
  gtk_stack_set_visible_child_name (self->view_stack, view_name (self->current->kind));
  view = cairn_window_get_view (self);
  cairn_item_view_set_edit_stack (view, self->edits);
  cairn_item_view_set_item (view, self->store, self->current, self->labels);
  if (self->current->kind == CAIRN_ITEM_IMAGE)
    cairn_window_media_show (self, self->current);
  cairn_window_update_palette (self);
  show_inspector (self);
  focus_view (self);
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         CairnWindow        *self)
{
  guint position = gtk_single_selection_get_selected (selection);
  gint64 id;

  if (self->items == NULL || self->opening)
    return;
  id = cairn_item_list_model_get_id (self->items, position);
  if (id == 0)
    show_empty (self);
  else if (self->current == NULL || self->current->id != id)
    {
      show_item (self, id);
      cairn_window_media_prefetch (self, position);
    }
  cairn_window_update_status (self);
  update_zoom_label (self);
  update_position_label (self);
  cairn_window_update_canvas_state (self);
  cairn_window_update_actions (self);
}

static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     CairnWindow *self)
{
  cairn_window_update_status (self);
  cairn_window_update_actions (self);
  if (g_list_model_get_n_items (model) == 0)
    show_empty (self);
}

static void
on_zoom_changed_cb (CairnCanvas *canvas,
                    GParamSpec  *pspec,
                    CairnWindow *self)
{
  update_zoom_label (self);
}

static void
on_pointer_moved_cb (CairnCanvas *canvas,
                     GParamSpec  *pspec,
                     CairnWindow *self)
{
  update_position_label (self);
}

static gboolean
on_file_dropped_cb (GtkDropTarget *target,
                    const GValue  *value,
                    double         x,
                    double         y,
                    CairnWindow   *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  /* One at a time: the first project or folder. */
  cairn_window_open_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
on_open_recent_cb (CairnStartPage *page,
                   const char     *path,
                   CairnWindow    *self)
{
  g_autoptr(GError) error = NULL;

  if (!cairn_window_open_project (self, path, &error))
    cairn_window_show_error (self, _("Could not open the project"), error->message);
}

/* Labels and items again, after an import. */
void
cairn_window_reload (CairnWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->store == NULL)
    return;
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  self->labels = cairn_store_list_labels (self->store, &error);
  if (self->labels == NULL)
    {
      g_warning ("Labels of %s: %s", cairn_store_get_path (self->store), error->message);
      g_clear_error (&error);
      self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_label_free);
    }
  cairn_label_palette_set_labels (self->label_palette, self->labels);
  cairn_window_attach_shortcuts (self);
  if (!cairn_item_list_model_reload (self->items, &error))
    g_warning ("Items of %s: %s", cairn_store_get_path (self->store), error->message);

  /* The current item may have new annotations. */
  g_clear_pointer (&self->current, cairn_item_free);
  position = cairn_window_get_position (self);
  if (position != GTK_INVALID_LIST_POSITION)
    show_item (self, cairn_item_list_model_get_id (self->items, position));
  else
    show_empty (self);
  cairn_window_update_status (self);
  cairn_window_update_canvas_state (self);
  update_zoom_label (self);
  cairn_window_update_actions (self);
}

/* Selecting a shape shows its label's guideline section. */
static void
on_shape_selected_cb (CairnCanvas *canvas,
                      GParamSpec  *pspec,
                      CairnWindow *self)
{
  gint64 id = cairn_canvas_get_selected_id (canvas);
  g_autoptr(CairnAnnotation) shape = NULL;

  if (id != 0 && self->store != NULL)
    shape = cairn_store_get_annotation (self->store, id, NULL);
  if (shape != NULL && shape->label_id != 0)
    cairn_guideline_panel_show_label (self->guideline_panel, shape->label_id);
}

static void
set_store (CairnWindow *self,
           CairnStore  *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  cairn_window_close_project (self);
  self->store = g_object_ref (store);
  self->items = cairn_item_list_model_new (store);
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           0);
  /* The first item is shown once, by the reload below, with its labels and edit stack. */
  self->opening = TRUE;
  cairn_item_list_set_model (self->item_list, G_LIST_MODEL (self->items));
  set_titles (self);
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  if (CAIRN_IS_APPLICATION (app))
    cairn_application_add_recent (CAIRN_APPLICATION (app), cairn_store_get_path (store));
  cairn_window_start_editing (self);
  cairn_window_reload (self);
  self->opening = FALSE;
  cairn_guideline_panel_set_store (self->guideline_panel, store);
  /* The first item, or the empty page. */
  on_selection_changed_cb (cairn_item_list_get_selection (self->item_list), NULL, self);
  /* The pane, so its keys (R, P, D, 1–9...) work at once; arrows work in the list once
   * it is clicked. */
  if (cairn_window_get_view (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (cairn_window_get_view (self)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->item_list));
}

static gboolean
cairn_window_close_request (GtkWindow *window)
{
  save_size (CAIRN_WINDOW (window));
  return GTK_WINDOW_CLASS (cairn_window_parent_class)->close_request (window);
}

static void
cairn_window_dispose (GObject *object)
{
  CairnWindow *self = CAIRN_WINDOW (object);

  cairn_window_media_clear (self);
  if (self->item_list != NULL)
    cairn_window_stop_editing (self);
  if (self->item_list != NULL)
    cairn_item_list_set_model (self->item_list, NULL);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->current, cairn_item_free);
  /* main_stack is the window's own child: let GtkWindow let go of it first, or it keeps a
   * dangling pointer once the template is disposed. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_WINDOW);
  G_OBJECT_CLASS (cairn_window_parent_class)->dispose (object);
}

static void
cairn_window_finalize (GObject *object)
{
  CairnWindow *self = CAIRN_WINDOW (object);

  g_hash_table_unref (self->images);
  g_hash_table_unref (self->loading);
  g_clear_error (&self->image_error);
  g_free (self->filter_kind);
  g_free (self->filter_state);
  g_free (self->pending_import);
  g_free (self->annotator);
  G_OBJECT_CLASS (cairn_window_parent_class)->finalize (object);
}

static void
cairn_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CairnWindow *self = CAIRN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILTER_KIND:
      g_value_set_string (value, self->filter_kind);
      break;
    case PROP_FILTER_STATE:
      g_value_set_string (value, self->filter_state);
      break;
    case PROP_FILTER_MINE:
      g_value_set_boolean (value, self->filter_mine);
      break;
    case PROP_SIDEBAR_VISIBLE:
      /* Asked for by the action muxer before the template is built, too. */
      g_value_set_boolean (value, self->item_list == NULL
                                    || gtk_widget_get_visible (GTK_WIDGET (self->item_list)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CairnWindow *self = CAIRN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILTER_KIND:
      cairn_window_set_filter_kind (self, g_value_get_string (value));
      break;
    case PROP_FILTER_STATE:
      cairn_window_set_filter_state (self, g_value_get_string (value));
      break;
    case PROP_FILTER_MINE:
      cairn_window_set_filter_mine (self, g_value_get_boolean (value));
      break;
    case PROP_SIDEBAR_VISIBLE:
      if (g_value_get_boolean (value) != gtk_widget_get_visible (GTK_WIDGET (self->item_list)))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->item_list), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_window_class_init (CairnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cairn_window_dispose;
  object_class->finalize = cairn_window_finalize;
  object_class->get_property = cairn_window_get_property;
  object_class->set_property = cairn_window_set_property;
  window_class->close_request = cairn_window_close_request;

  properties[PROP_FILTER_KIND] = g_param_spec_string ("filter-kind", NULL, NULL, "any", rw);
  properties[PROP_FILTER_STATE] = g_param_spec_string ("filter-state", NULL, NULL, "any", rw);
  properties[PROP_FILTER_MINE] = g_param_spec_boolean ("filter-mine", NULL, NULL, FALSE, rw);
  properties[PROP_SIDEBAR_VISIBLE] = g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                                                           rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAIRN_TYPE_AUDIO_PANE);
  g_type_ensure (CAIRN_TYPE_CANVAS);
  g_type_ensure (CAIRN_TYPE_GUIDELINE_PANEL);
  g_type_ensure (CAIRN_TYPE_ITEM_LIST);
  g_type_ensure (CAIRN_TYPE_LABEL_PALETTE);
  g_type_ensure (CAIRN_TYPE_START_PAGE);
  g_type_ensure (CAIRN_TYPE_TAG_BAR);
  g_type_ensure (CAIRN_TYPE_TEXT_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cairn/Cairn/ui/cairn-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, tag_bar);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, canvas_message);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, canvas_spinner);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, canvas_progress);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, text_pane);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, audio_pane);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, empty_detail);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, label_palette);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, guideline_panel);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, counter_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, semantic_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, project_buttons);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, edit_section);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, annotator_button);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, CairnWindow, inspector_box);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pointer_moved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_recent_cb);

  cairn_window_class_init_actions (widget_class);
  cairn_window_class_init_edit_actions (widget_class);
  cairn_window_class_init_team_actions (widget_class);
}

static void
cairn_window_init (CairnWindow *self)
{
  GtkDropTarget *drop;

  self->filter_kind = g_strdup ("any");
  self->filter_state = g_strdup ("any");
  cairn_window_media_init (self);
  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_tag_bar_set_canvas (self->tag_bar, self->canvas);

  g_signal_connect_object (cairn_item_list_get_selection (self->item_list), "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, 0);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_file_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_object_bind_property (self->canvas, "current-label-id", self->label_palette,
                          "current-label-id", G_BINDING_SYNC_CREATE);
  /* The guideline follows the label in hand (a selected shape's, or the one chosen). */
  g_object_bind_property (self->canvas, "current-label-id", self->guideline_panel, "label-id",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->canvas, "notify::selected-id",
                           G_CALLBACK (on_shape_selected_cb), self, 0);
  cairn_window_edit_init (self);
  set_titles (self);
  cairn_window_update_actions (self);
}

CairnWindow *
cairn_window_new (CairnApplication *application)
{
  CairnWindow *self = g_object_new (CAIRN_TYPE_WINDOW, "application", application, NULL);

  /* Not in constructed: "application" is set after it. */
  restore_size (self);
  cairn_start_page_set_application (self->start_page, application);
  return self;
}

gboolean
cairn_window_open_project (CairnWindow *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(CairnStore) store = NULL;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  store = cairn_store_open (path, error);
  if (store == NULL)
    return FALSE;
  set_store (self, store);
  return TRUE;
}

gboolean
cairn_window_create_project (CairnWindow *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(CairnStore) store = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".cairn"))
    base[strlen (base) - strlen (".cairn")] = '\0';
  store = cairn_store_create (path, base, error);
  if (store == NULL)
    return FALSE;
  set_store (self, store);
  return TRUE;
}

void
cairn_window_close_project (CairnWindow *self)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  cairn_window_media_clear (self);
  cairn_window_stop_editing (self);
  cairn_item_list_set_model (self->item_list, NULL);
  g_clear_object (&self->items);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (self->canvas), NULL, NULL, NULL);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (self->text_pane), NULL, NULL, NULL);
  cairn_item_view_set_item (CAIRN_ITEM_VIEW (self->audio_pane), NULL, NULL, NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->current, cairn_item_free);
  cairn_canvas_set_image (self->canvas, NULL);
  cairn_label_palette_set_labels (self->label_palette, NULL);
  cairn_guideline_panel_set_store (self->guideline_panel, NULL);
  cairn_start_page_reload (self->start_page);
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  set_titles (self);
  cairn_window_update_actions (self);
}

void
cairn_window_open_file (CairnWindow *self,
                        GFile       *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CAIRN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;
  if (g_str_has_suffix (path, ".cairn") && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!cairn_window_open_project (self, path, &error))
        cairn_window_show_error (self, _("Could not open the project"), error->message);
      return;
    }
  if (self->store != NULL)
    {
      cairn_window_start_import (self, g_file_test (path, G_FILE_TEST_IS_DIR) ? "folder" : NULL,
                                 path);
      return;
    }
  /* No project yet: make one for it, then import. */
  g_free (self->pending_import);
  self->pending_import = g_steal_pointer (&path);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.new", NULL);
}

CairnStore *
cairn_window_get_store (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->store;
}

const char *
cairn_window_get_project_path (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->store ? cairn_store_get_path (self->store) : NULL;
}

void
cairn_window_show_error (CairnWindow *self,
                         const char  *primary,
                         const char  *secondary)
{
  GtkWidget *dialog;

  g_return_if_fail (CAIRN_IS_WINDOW (self));

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

GListModel *
cairn_window_get_items (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
cairn_window_get_position (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), GTK_INVALID_LIST_POSITION);
  if (self->items == NULL)
    return GTK_INVALID_LIST_POSITION;
  return gtk_single_selection_get_selected (cairn_item_list_get_selection (self->item_list));
}

void
cairn_window_select (CairnWindow *self,
                     guint        position)
{
  g_return_if_fail (CAIRN_IS_WINDOW (self));
  cairn_item_list_select (self->item_list, position);
}

gboolean
cairn_window_select_item (CairnWindow *self,
                          gint64       id)
{
  guint position;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);

  if (self->items == NULL)
    return FALSE;
  position = cairn_item_list_model_find (self->items, id);
  if (position == GTK_INVALID_LIST_POSITION
      && (g_strcmp0 (self->filter_kind, "any") != 0 || g_strcmp0 (self->filter_state, "any") != 0))
    {
      cairn_window_set_filter_kind (self, "any");
      cairn_window_set_filter_state (self, "any");
      position = cairn_item_list_model_find (self->items, id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  cairn_item_list_select (self->item_list, position);
  return TRUE;
}

const CairnItem *
cairn_window_get_current_item (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->current;
}

const char *
cairn_window_get_view_name (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return "start";
  return gtk_stack_get_visible_child_name (self->view_stack);
}

gboolean
cairn_window_is_loading (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), FALSE);
  return self->current != NULL && self->current->kind == CAIRN_ITEM_IMAGE
         && g_hash_table_contains (self->loading, &self->current->id);
}

GtkWidget *
cairn_window_get_canvas (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->canvas);
}

GtkWidget *
cairn_window_get_text_pane (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->text_pane);
}

GtkWidget *
cairn_window_get_label_palette (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->label_palette);
}

/* field: "counter", "state", "position", "zoom", "saved" or "annotator". */
/* The Edit menu's first two entries, as shown. */
char *
cairn_window_dup_edit_menu_label (CairnWindow *self,
                                  guint        index)
{
  char *label = NULL;

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  if (index < (guint) g_menu_model_get_n_items (G_MENU_MODEL (self->edit_section)))
    g_menu_model_get_item_attribute (G_MENU_MODEL (self->edit_section), index, "label", "s",
                                     &label);
  return label;
}

const char *
cairn_window_get_status_text (CairnWindow *self,
                              const char  *field)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);

  if (g_str_equal (field, "counter"))
    return gtk_label_get_label (self->counter_label);
  if (g_str_equal (field, "state"))
    return gtk_label_get_label (self->state_label);
  if (g_str_equal (field, "position"))
    return gtk_label_get_label (self->position_label);
  if (g_str_equal (field, "zoom"))
    return gtk_label_get_label (self->zoom_label);
  if (g_str_equal (field, "saved"))
    return gtk_label_get_label (self->saved_label);
  if (g_str_equal (field, "annotator"))
    return gtk_label_get_label (self->annotator_label);
  g_return_val_if_reached (NULL);
}
