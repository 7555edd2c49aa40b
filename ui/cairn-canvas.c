#define G_LOG_DOMAIN "cairn-canvas"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/cairn-rle.h"
#include "cairn-canvas-private.h"
#include "cairn-canvas-shapes.h"

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnCanvas, cairn_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_ITEM_VIEW,
                                                      cairn_canvas_item_view_init))

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_FIT,
  PROP_SELECTED_ID,
  PROP_POINTER_X,
  PROP_POINTER_Y,
  PROP_POINTER_INSIDE,
  PROP_TOOL,
  PROP_TOOL_NAME,
  PROP_CURRENT_LABEL_ID,
  PROP_PALETTE,
  PROP_SHOW_NAMES,
  PROP_SEMANTIC_MASKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_EDIT_FAILED,
  SIGNAL_NOTICE,
  SIGNAL_SHAPES_CHANGED,
  SIGNAL_LABEL_HIDDEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SCROLL_STEP 48.0

static void
clamp_zoom (double *zoom)
{
  *zoom = CLAMP (*zoom, CAIRN_CANVAS_MIN_ZOOM, CAIRN_CANVAS_MAX_ZOOM);
}

static gboolean
notify_view_cb (gpointer user_data)
{
  CairnCanvas *self = user_data;

  self->notify_id = 0;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->zoom_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (self->fit_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  self->zoom_pending = self->fit_pending = FALSE;
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static void
set_view (CairnCanvas *self,
          double       zoom,
          double       offset_x,
          double       offset_y,
          gboolean     fit)
{
  gboolean zoom_changed = zoom != self->zoom;
  gboolean fit_changed = fit != self->fit;

  if (!zoom_changed && !fit_changed && offset_x == self->offset_x && offset_y == self->offset_y)
    return;
  self->zoom = zoom;
  self->offset_x = offset_x;
  self->offset_y = offset_y;
  self->fit = fit;
  self->zoom_pending |= zoom_changed;
  self->fit_pending |= fit_changed;
  if (self->allocating)
    {
      if (self->notify_id == 0)
        self->notify_id = g_idle_add (notify_view_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->notify_id, g_source_remove);
      notify_view_cb (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_fit (CairnCanvas *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  if (self->image_width <= 0 || self->image_height <= 0 || w <= 0 || h <= 0)
    return;
  zoom = MIN ((w - 2 * CAIRN_CANVAS_FIT_MARGIN) / self->image_width,
              (h - 2 * CAIRN_CANVAS_FIT_MARGIN) / self->image_height);
  clamp_zoom (&zoom);
  set_view (self, zoom, round ((w - self->image_width * zoom) / 2),
            round ((h - self->image_height * zoom) / 2), TRUE);
}

static void
notify_pointer (CairnCanvas *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_X]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_Y]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTER_INSIDE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
make_event (CairnCanvas    *self,
            GtkGesture     *gesture,
            double          widget_x,
            double          widget_y,
            CairnToolEvent *event)
{
  memset (event, 0, sizeof *event);
  event->widget_x = widget_x;
  event->widget_y = widget_y;
  event->n_press = 1;
  cairn_canvas_widget_to_image (self, widget_x, widget_y, &event->x, &event->y);
  if (gesture == NULL)
    return;
  event->button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  event->modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
}

/* The drag gesture claims every press, so double clicks are told apart here, with the
 * desktop's own double-click time and distance. */
static guint
count_press (CairnCanvas *self,
             GtkGesture  *gesture,
             double       x,
             double       y)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
  int max_time = 400, max_distance = 5;
  guint n;

  g_object_get (settings, "gtk-double-click-time", &max_time, "gtk-double-click-distance",
                &max_distance, NULL);
  n = self->last_press_time != 0 && time - self->last_press_time <= (guint32) max_time
          && fabs (x - self->last_press_x) <= max_distance
          && fabs (y - self->last_press_y) <= max_distance
        ? 2 : 1;
  self->last_press_time = n == 2 ? 0 : time;
  self->last_press_x = x;
  self->last_press_y = y;
  return n;
}

static CairnTool *
active_tool (CairnCanvas *self)
{
  if (self->space_panning)
    return g_hash_table_lookup (self->tools, "pan");
  return self->tool;
}

void
cairn_canvas_update_cursor (CairnCanvas *self)
{
  CairnTool *tool = active_tool (self);
  const char *name = self->panning ? "grabbing" : tool ? cairn_tool_get_cursor_name (tool) : NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static void
on_drag_begun_cb (GtkGestureDrag *gesture,
                  double          start_x,
                  double          start_y,
                  CairnCanvas    *self)
{
  CairnTool *tool = active_tool (self);
  CairnToolEvent event;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  make_event (self, GTK_GESTURE (gesture), start_x, start_y, &event);
  event.n_press = count_press (self, GTK_GESTURE (gesture), start_x, start_y);
  self->drag_start_x = start_x;
  self->drag_start_y = start_y;
  self->tool_has_gesture = FALSE;
  self->panning = FALSE;

  if (event.button == GDK_BUTTON_MIDDLE)
    {
      self->panning = TRUE;
      self->pan_origin_x = self->offset_x;
      self->pan_origin_y = self->offset_y;
    }
  else if (tool != NULL && self->image_width > 0)
    {
      self->gesture_tool = g_object_ref (tool);
      self->tool_has_gesture = cairn_tool_press (tool, self, &event);
      if (!self->tool_has_gesture)
        g_clear_object (&self->gesture_tool);
    }

  if (self->panning || self->tool_has_gesture)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
  cairn_canvas_update_cursor (self);
}

static void
on_drag_updated_cb (GtkGestureDrag *gesture,
                    double          offset_x,
                    double          offset_y,
                    CairnCanvas    *self)
{
  CairnToolEvent event;

  if (self->panning)
    {
      cairn_canvas_set_offset (self, self->pan_origin_x + offset_x, self->pan_origin_y + offset_y);
      return;
    }
  if (!self->tool_has_gesture)
    return;
  make_event (self, GTK_GESTURE (gesture), self->drag_start_x + offset_x,
              self->drag_start_y + offset_y, &event);
  cairn_tool_drag (self->gesture_tool, self, &event);
}

static void
on_drag_ended_cb (GtkGestureDrag *gesture,
                  double          offset_x,
                  double          offset_y,
                  CairnCanvas    *self)
{
  CairnToolEvent event;

  /* The edit is made here, once, on release: a drag is one edit. */
  if (self->tool_has_gesture)
    {
      make_event (self, GTK_GESTURE (gesture), self->drag_start_x + offset_x,
                  self->drag_start_y + offset_y, &event);
      cairn_tool_release (self->gesture_tool, self, &event);
    }
  g_clear_object (&self->gesture_tool);
  self->tool_has_gesture = FALSE;
  self->panning = FALSE;
  cairn_canvas_update_cursor (self);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              CairnCanvas              *self)
{
  CairnTool *tool = active_tool (self);
  CairnToolEvent event;

  self->pointer_inside = TRUE;
  self->pointer_widget_x = x;
  self->pointer_widget_y = y;
  notify_pointer (self);
  if (tool != NULL && !self->tool_has_gesture)
    {
      make_event (self, NULL, x, y, &event);
      cairn_tool_motion (tool, self, &event);
    }
}

static void
on_left_cb (GtkEventControllerMotion *controller,
            CairnCanvas              *self)
{
  self->pointer_inside = FALSE;
  notify_pointer (self);
}

static gboolean
on_scrolled_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                CairnCanvas              *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->pointer_inside ? self->pointer_widget_x
                                      : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->pointer_inside ? self->pointer_widget_y
                                      : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      cairn_canvas_zoom_at (self, pow (1.15, -dy), x, y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }
  cairn_canvas_set_offset (self, self->offset_x - dx * SCROLL_STEP,
                           self->offset_y - dy * SCROLL_STEP);
  return TRUE;
}

/* Space held pans with any tool: a held key is a mode, not a command, so it is read here
 * rather than bound as an action. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CairnCanvas           *self)
{
  if (keyval != GDK_KEY_space || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  if (!self->space_panning)
    {
      self->space_panning = TRUE;
      cairn_canvas_update_cursor (self);
    }
  return TRUE;
}

static void
on_key_released_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    CairnCanvas           *self)
{
  if (keyval != GDK_KEY_space)
    return;
  self->space_panning = FALSE;
  cairn_canvas_update_cursor (self);
}

static void
cairn_canvas_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = 64;
  *natural = 480;
}

static void
cairn_canvas_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  self->allocating = TRUE;
  if (self->fit)
    apply_fit (self);
  self->allocating = FALSE;
  cairn_canvas_present_popovers (self);
}

/* The cairo renderer would copy a texture into a new surface every frame: it gets the cached
 * surface itself, painted through a cairo node; others keep a texture. */
static void
append_view (CairnCanvas *self, GtkSnapshot *snapshot, int width, int height)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  guint drawn = 0;

  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      cairo_surface_t *view = cairn_canvas_get_view (self, width, height, &drawn);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      cairo_set_source_surface (cr, view, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    gtk_snapshot_append_texture (snapshot,
                                 cairn_canvas_get_view_texture (self, width, height, &drawn),
                                 &bounds);
  self->n_drawn_shapes = drawn;
}

static void
cairn_canvas_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, w, h);
  cairo_t *cr;

  self->n_frames++;
  self->n_drawn_shapes = 0;
  if (self->image_width <= 0 || self->image_height <= 0)
    return;

  gtk_snapshot_push_clip (snapshot, &bounds);
  append_view (self, snapshot, (int) ceil (w), (int) ceil (h));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  cairn_canvas_mask_draw_live (self, cr, self->zoom);
  self->n_drawn_shapes += cairn_canvas_draw_part (self, cr, self->zoom, CAIRN_CANVAS_PART_LIVE);
  if (active_tool (self) != NULL)
    cairn_tool_draw_overlay (active_tool (self), self, cr, self->zoom);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static void
cairn_canvas_dispose (GObject *object)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  g_clear_handle_id (&self->notify_id, g_source_remove);
  if (self->tool != NULL)
    cairn_tool_deactivate (self->tool, self);
  self->tool = NULL;
  g_clear_object (&self->gesture_tool);
  cairn_canvas_drop_popovers (self);
  g_clear_pointer (&self->tools, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->hidden_labels, g_hash_table_unref);
  g_clear_pointer (&self->also_selected, g_array_unref);
  g_clear_pointer (&self->locked, g_hash_table_unref);
  g_clear_pointer (&self->image, cairn_image_unref);
  g_clear_object (&self->edit_stack);
  g_clear_object (&self->store);
  g_clear_pointer (&self->preview, cairn_annotation_free);
  g_clear_object (&self->inspector);
  g_clear_object (&self->view_texture);
  g_clear_pointer (&self->view, cairo_surface_destroy);
  g_clear_pointer (&self->view_damage, cairo_region_destroy);
  g_clear_pointer (&self->clipboard, cairn_annotation_free);
  g_clear_pointer (&self->grid, g_ptr_array_unref);
  G_OBJECT_CLASS (cairn_canvas_parent_class)->dispose (object);
}

static void
cairn_canvas_finalize (GObject *object)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  g_hash_table_unref (self->masks);
  cairn_mask_overlay_free (self->mask_overlay);
  g_ptr_array_unref (self->annotations);
  g_hash_table_unref (self->labels);
  g_ptr_array_unref (self->palette);
  g_ptr_array_unref (self->label_order);
  g_free (self->tool_name);
  G_OBJECT_CLASS (cairn_canvas_parent_class)->finalize (object);
}

static void
cairn_canvas_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CairnCanvas *self = CAIRN_CANVAS (object);
  double x, y;

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;
    case PROP_POINTER_X:
      cairn_canvas_widget_to_image (self, self->pointer_widget_x, self->pointer_widget_y, &x, &y);
      g_value_set_double (value, x);
      break;
    case PROP_POINTER_Y:
      cairn_canvas_widget_to_image (self, self->pointer_widget_x, self->pointer_widget_y, &x, &y);
      g_value_set_double (value, y);
      break;
    case PROP_POINTER_INSIDE:
      g_value_set_boolean (value, self->pointer_inside);
      break;
    case PROP_TOOL:
      g_value_set_object (value, self->tool);
      break;
    case PROP_TOOL_NAME:
      g_value_set_string (value, self->tool_name);
      break;
    case PROP_CURRENT_LABEL_ID:
      g_value_set_int64 (value, self->current_label_id);
      break;
    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, self->show_names);
      break;
    case PROP_SEMANTIC_MASKS:
      g_value_set_boolean (value, cairn_canvas_mask_get_semantic (self));
      break;
    case PROP_PALETTE:
      g_value_set_boxed (value, self->palette);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_canvas_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CairnCanvas *self = CAIRN_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cairn_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT:
      if (g_value_get_boolean (value))
        cairn_canvas_zoom_to_fit (self);
      else
        set_view (self, self->zoom, self->offset_x, self->offset_y, FALSE);
      break;
    case PROP_SELECTED_ID:
      cairn_canvas_set_selected_id (self, g_value_get_int64 (value));
      break;
    case PROP_TOOL_NAME:
      cairn_canvas_set_tool_name (self, g_value_get_string (value));
      break;
    case PROP_CURRENT_LABEL_ID:
      cairn_canvas_set_current_label_id (self, g_value_get_int64 (value));
      break;
    case PROP_SHOW_NAMES:
      cairn_canvas_set_show_names (self, g_value_get_boolean (value));
      break;
    case PROP_SEMANTIC_MASKS:
      cairn_canvas_set_semantic_masks (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_canvas_class_init (CairnCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cairn_canvas_dispose;
  object_class->finalize = cairn_canvas_finalize;
  object_class->get_property = cairn_canvas_get_property;
  object_class->set_property = cairn_canvas_set_property;

  widget_class->measure = cairn_canvas_measure;
  widget_class->size_allocate = cairn_canvas_size_allocate;
  widget_class->snapshot = cairn_canvas_snapshot;

  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, CAIRN_CANVAS_MIN_ZOOM,
                                               CAIRN_CANVAS_MAX_ZOOM, 1.0, rw);
  properties[PROP_FIT] = g_param_spec_boolean ("fit", NULL, NULL, TRUE, rw);
  properties[PROP_SELECTED_ID] = g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64,
                                                     0, rw);
  properties[PROP_POINTER_X] = g_param_spec_double ("pointer-x", NULL, NULL, -G_MAXDOUBLE,
                                                    G_MAXDOUBLE, 0, ro);
  properties[PROP_POINTER_Y] = g_param_spec_double ("pointer-y", NULL, NULL, -G_MAXDOUBLE,
                                                    G_MAXDOUBLE, 0, ro);
  properties[PROP_POINTER_INSIDE] = g_param_spec_boolean ("pointer-inside", NULL, NULL, FALSE,
                                                          ro);
  properties[PROP_TOOL] = g_param_spec_object ("tool", NULL, NULL, CAIRN_TYPE_TOOL, ro);
  properties[PROP_TOOL_NAME] = g_param_spec_string ("tool-name", NULL, NULL, "select", rw);
  properties[PROP_CURRENT_LABEL_ID] = g_param_spec_int64 ("current-label-id", NULL, NULL, 0,
                                                          G_MAXINT64, 0, rw);
  /* The labels the current tool can draw changed (cairn_canvas_get_palette_labels). */
  properties[PROP_PALETTE] = g_param_spec_boxed ("palette", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  /* Labels' names written beside shapes (canvas.show-names toggles it). */
  properties[PROP_SHOW_NAMES] = g_param_spec_boolean ("show-names", NULL, NULL, TRUE, rw);
  /* Masks one label per pixel (canvas.semantic-masks toggles it, kept in the project). */
  properties[PROP_SEMANTIC_MASKS] = g_param_spec_boolean ("semantic-masks", NULL, NULL, FALSE,
                                                          rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An edit could not be saved (a conflict, a full disk); the message says why. */
  signals[SIGNAL_EDIT_FAILED] = g_signal_new ("edit-failed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Something the annotator should know, not an error (a label that is not for a kind). */
  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The annotations or the labels changed (the item's tags may have). */
  signals[SIGNAL_SHAPES_CHANGED] = g_signal_new ("shapes-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);

  /* A label's shapes went out of sight or came back (label id, hidden). */
  signals[SIGNAL_LABEL_HIDDEN] = g_signal_new ("label-hidden", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  cairn_canvas_class_init_actions (widget_class);
  cairn_canvas_class_init_visibility (widget_class);
  cairn_canvas_class_init_selection (widget_class);
  cairn_canvas_mask_class_init (widget_class);
  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cairn_canvas_init (CairnCanvas *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  self->zoom = 1.0;
  self->fit = TRUE;
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  self->label_order = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_label_free);
  self->palette = g_ptr_array_new ();
  self->labels = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->masks = g_hash_table_new_full (NULL, NULL, NULL,
                                       (GDestroyNotify) cairo_surface_destroy);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->hidden_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->also_selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->locked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->show_names = TRUE;
  self->mask_overlay = cairn_mask_overlay_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begun_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_updated_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_ended_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->inspector = g_object_ref_sink (cairn_shape_inspector_new ());
  cairn_canvas_init_tools (self);
}

GtkWidget *
cairn_canvas_new (void)
{
  return g_object_new (CAIRN_TYPE_CANVAS, NULL);
}

void
cairn_canvas_set_image_size (CairnCanvas *self,
                             int          width,
                             int          height)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  self->shapes_generation++; /* the pick grid covers the picture */
  self->image_width = MAX (width, 0);
  self->image_height = MAX (height, 0);
  self->fit = TRUE;
  apply_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_get_image_size (CairnCanvas *self,
                             int         *width,
                             int         *height)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  if (width)
    *width = self->image_width;
  if (height)
    *height = self->image_height;
}

void
cairn_canvas_set_image (CairnCanvas *self,
                        CairnImage  *image)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (image == self->image)
    return;
  g_clear_pointer (&self->image, cairn_image_unref);
  if (image != NULL)
    {
      self->image = cairn_image_ref (image);
      /* The decoded size wins when the store did not know it. */
      if (cairn_image_get_width (image) != self->image_width
          || cairn_image_get_height (image) != self->image_height)
        cairn_canvas_set_image_size (self, cairn_image_get_width (image),
                                     cairn_image_get_height (image));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CairnImage *
cairn_canvas_get_image (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->image;
}

void
cairn_canvas_set_annotations (CairnCanvas *self,
                              GPtrArray   *annotations)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  g_hash_table_remove_all (self->masks);
  g_ptr_array_set_size (self->annotations, 0);
  if (annotations != NULL)
    for (guint i = 0; i < annotations->len; i++)
      g_ptr_array_add (self->annotations, cairn_annotation_copy (annotations->pdata[i]));
  cairn_canvas_invalidate_layer (self);
  cairn_canvas_annotations_changed (self);
}

/* After the annotation list changed in place (what changed on screen was damaged or the
 * layer invalidated): the selection stays while its annotation does. */
void
cairn_canvas_annotations_changed (CairnCanvas *self)
{
  cairn_canvas_mask_adopt (self);
  self->shapes_generation++;
  cairn_canvas_forget_gone_selection (self);
  if (self->selected_id != 0 && cairn_canvas_get_annotation (self, self->selected_id) == NULL)
    cairn_canvas_set_selected_id (self, 0); /* updates the inspector */
  else
    cairn_canvas_update_inspector (self);  /* the selected shape may have changed */
  g_signal_emit (self, signals[SIGNAL_SHAPES_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What each tool draws; select and pan work on every image kind. */
static guint
tool_kinds (const char *tool)
{
  static const struct { const char *tool; CairnKind kind; } tools[] = {
    { "box", CAIRN_KIND_BOX }, { "rbox", CAIRN_KIND_RBOX }, { "ellipse", CAIRN_KIND_ELLIPSE },
    { "polygon", CAIRN_KIND_POLYGON }, { "polyline", CAIRN_KIND_POLYLINE },
    { "points", CAIRN_KIND_POINTS }, { "keypoints", CAIRN_KIND_KEYPOINTS },
    { "cuboid", CAIRN_KIND_CUBOID }, { "ocr", CAIRN_KIND_OCR },
    { "brush", CAIRN_KIND_MASK }, { "eraser", CAIRN_KIND_MASK }, { "fill", CAIRN_KIND_MASK },
    { "wand", CAIRN_KIND_MASK }, { "superpixels", CAIRN_KIND_MASK },
  };
  guint image = 0;

  /* Scissors end as a polygon, or a mask for a label that takes masks only. */
  if (g_strcmp0 (tool, "scissors") == 0)
    return (1u << CAIRN_KIND_POLYGON) | (1u << CAIRN_KIND_MASK);

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (g_strcmp0 (tool, tools[i].tool) == 0)
      return 1u << tools[i].kind;
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    if (cairn_kind_is_image (k))
      image |= 1u << k;
  return image;
}

static void
update_palette (CairnCanvas *self)
{
  guint kinds = tool_kinds (self->tool_name);

  g_ptr_array_set_size (self->palette, 0);
  for (guint i = 0; i < self->label_order->len; i++)
    if (cairn_label_allows_any (self->label_order->pdata[i], kinds))
      g_ptr_array_add (self->palette, self->label_order->pdata[i]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

GPtrArray *
cairn_canvas_get_palette_labels (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->palette;
}

void
cairn_canvas_set_labels (CairnCanvas *self,
                         GPtrArray   *labels)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  g_hash_table_remove_all (self->labels);
  g_ptr_array_set_size (self->label_order, 0);
  if (labels != NULL)
    for (guint i = 0; i < labels->len; i++)
      {
        CairnLabel *label = cairn_label_copy (labels->pdata[i]);

        g_ptr_array_add (self->label_order, label);
        g_hash_table_insert (self->labels, &label->id, label);
      }
  cairn_canvas_invalidate_layer (self);
  update_palette (self);
  if (self->current_label_id != 0 && !g_hash_table_contains (self->labels, &self->current_label_id))
    cairn_canvas_set_current_label_id (self, 0);
  cairn_canvas_update_inspector (self);
  g_signal_emit (self, signals[SIGNAL_SHAPES_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
cairn_canvas_get_labels (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->label_order;
}

guint
cairn_canvas_get_n_annotations (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->annotations->len;
}

const CairnAnnotation *
cairn_canvas_get_annotation (CairnCanvas *self,
                             gint64       id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  for (guint i = 0; id != 0 && i < self->annotations->len; i++)
    if (((CairnAnnotation *) self->annotations->pdata[i])->id == id)
      return self->annotations->pdata[i];
  return NULL;
}

const CairnLabel *
cairn_canvas_get_label (CairnCanvas *self,
                        gint64       id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return g_hash_table_lookup (self->labels, &id);
}

guint
cairn_canvas_get_n_drawn_shapes (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->n_drawn_shapes;
}

guint
cairn_canvas_get_n_frames (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->n_frames;
}

/* To exactly zoom (100 % is 1.0, not 1 / z * z), keeping the image point under the widget
 * point in place. */
static void
zoom_about (CairnCanvas *self,
            double       zoom,
            double       widget_x,
            double       widget_y)
{
  double x, y;

  clamp_zoom (&zoom);
  cairn_canvas_widget_to_image (self, widget_x, widget_y, &x, &y);
  set_view (self, zoom, widget_x - x * zoom, widget_y - y * zoom, FALSE);
}

double
cairn_canvas_get_zoom (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
cairn_canvas_set_zoom (CairnCanvas *self,
                       double       zoom)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  g_return_if_fail (zoom > 0);

  zoom_about (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
cairn_canvas_zoom_at (CairnCanvas *self,
                      double       factor,
                      double       widget_x,
                      double       widget_y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  g_return_if_fail (factor > 0);

  zoom_about (self, self->zoom * factor, widget_x, widget_y);
}

gboolean
cairn_canvas_get_fit (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return self->fit;
}

void
cairn_canvas_zoom_to_fit (CairnCanvas *self)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  set_view (self, self->zoom, self->offset_x, self->offset_y, TRUE);
  apply_fit (self);
}

void
cairn_canvas_get_offset (CairnCanvas *self,
                         double      *x,
                         double      *y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  if (x)
    *x = self->offset_x;
  if (y)
    *y = self->offset_y;
}

void
cairn_canvas_set_offset (CairnCanvas *self,
                         double       x,
                         double       y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  set_view (self, self->zoom, x, y, FALSE);
}

void
cairn_canvas_widget_to_image (CairnCanvas *self,
                              double       widget_x,
                              double       widget_y,
                              double      *x,
                              double      *y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  *x = (widget_x - self->offset_x) / self->zoom;
  *y = (widget_y - self->offset_y) / self->zoom;
}

void
cairn_canvas_image_to_widget (CairnCanvas *self,
                              double       x,
                              double       y,
                              double      *widget_x,
                              double      *widget_y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  *widget_x = self->offset_x + x * self->zoom;
  *widget_y = self->offset_y + y * self->zoom;
}

gboolean
cairn_canvas_get_pointer (CairnCanvas *self,
                          double      *x,
                          double      *y)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  cairn_canvas_widget_to_image (self, self->pointer_widget_x, self->pointer_widget_y, x, y);
  return self->pointer_inside;
}

/* A grid of about 64 × 64 cells over the picture, each listing the shapes whose bounds meet
 * it: a click looks at a handful of shapes, not at all of them. */
#define GRID_SIDE 64

static void
cell_range (CairnCanvas *self, double x0, double y0, double x1, double y1, guint *c0, guint *r0,
            guint *c1, guint *r1)
{
  *c0 = (guint) CLAMP (floor (x0 / self->grid_cell), 0, self->grid_cols - 1);
  *r0 = (guint) CLAMP (floor (y0 / self->grid_cell), 0, self->grid_rows - 1);
  *c1 = (guint) CLAMP (floor (x1 / self->grid_cell), 0, self->grid_cols - 1);
  *r1 = (guint) CLAMP (floor (y1 / self->grid_cell), 0, self->grid_rows - 1);
}

static void
build_grid (CairnCanvas *self)
{
  double side = MAX (MAX (self->image_width, self->image_height), 1);

  g_clear_pointer (&self->grid, g_ptr_array_unref);
  self->grid_cell = MAX (side / GRID_SIDE, 1);
  self->grid_cols = (guint) ceil (MAX (self->image_width, 1) / self->grid_cell);
  self->grid_rows = (guint) ceil (MAX (self->image_height, 1) / self->grid_cell);
  self->grid = g_ptr_array_new_full (self->grid_cols * self->grid_rows,
                                     (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->grid_cols * self->grid_rows; i++)
    g_ptr_array_add (self->grid, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];
      double bx, by, bw, bh;
      guint c0, r0, c1, r1;

      if (!cairn_kind_is_image (a->kind) || !cairn_annotation_bounds (a, &bx, &by, &bw, &bh))
        continue;
      cell_range (self, bx, by, bx + bw, by + bh, &c0, &r0, &c1, &r1);
      for (guint r = r0; r <= r1; r++)
        for (guint c = c0; c <= c1; c++)
          g_array_append_val (g_ptr_array_index (self->grid, r * self->grid_cols + c), i);
    }
  self->grid_generation = self->shapes_generation;
}

static int
compare_uints (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

gint64
cairn_canvas_pick (CairnCanvas *self,
                   double       x,
                   double       y)
{
  double px, tolerance;
  gint64 best = 0;
  double best_area = G_MAXDOUBLE;
  gint z, best_z = G_MININT;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  guint c0, r0, c1, r1;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);

  px = 1.0 / self->zoom;
  tolerance = CAIRN_SHAPE_SLOP * px;
  if (self->grid == NULL || self->grid_generation != self->shapes_generation)
    build_grid (self);
  cell_range (self, x - tolerance, y - tolerance, x + tolerance, y + tolerance, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        GArray *cell = g_ptr_array_index (self->grid, r * self->grid_cols + c);
        g_array_append_vals (candidates, cell->data, cell->len);
      }
  g_array_sort (candidates, compare_uints);
  /* Topmost first: the last drawn wins a tie. */
  for (guint k = candidates->len; k > 0; k--)
    {
      guint i = g_array_index (candidates, guint, k - 1);
      const CairnAnnotation *a;
      CairnLabel *label;
      double bx, by, bw, bh;

      if (k < candidates->len && g_array_index (candidates, guint, k) == i)
        continue;
      a = self->annotations->pdata[i];
      label = g_hash_table_lookup (self->labels, &a->label_id);
      if (cairn_canvas_shape_hidden (self, a) || !cairn_annotation_bounds (a, &bx, &by, &bw, &bh))
        continue;
      /* The bounds first: the exact test builds the path. */
      if (x < bx - tolerance || y < by - tolerance || x > bx + bw + tolerance
          || y > by + bh + tolerance)
        continue;
      if (!cairn_shape_hit (a, label, x, y, px))
        continue;
      /* The one on top (z-order) wins; among equals the smallest, the one meant. */
      z = cairn_shape_get_z (a);
      if (best == 0 || z > best_z || (z == best_z && bw * bh < best_area))
        {
          best_area = bw * bh;
          best_z = z;
          best = a->id;
        }
    }
  return best;
}

gint64
cairn_canvas_get_selected_id (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->selected_id;
}

void
cairn_canvas_set_selected_id (CairnCanvas *self,
                              gint64       id)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  /* One shape selected: the others a rubber band or Shift+click added go. */
  if (self->also_selected->len > 0)
    {
      g_array_set_size (self->also_selected, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (id == self->selected_id)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  cairn_canvas_update_inspector (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CairnTool *
cairn_canvas_get_tool (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->tool;
}

const char *
cairn_canvas_get_tool_name (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  return self->tool_name;
}

gboolean
cairn_canvas_set_tool_name (CairnCanvas *self,
                            const char  *name)
{
  CairnTool *tool;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);

  tool = name ? g_hash_table_lookup (self->tools, name) : NULL;
  /* A tool still to come (its key is kept): stay with the current one. */
  if (tool == NULL)
    return FALSE;
  if (tool == self->tool)
    return TRUE;
  if (self->tool != NULL)
    cairn_tool_deactivate (self->tool, self);
  self->tool = tool;
  g_free (self->tool_name);
  self->tool_name = g_strdup (name);
  update_palette (self);
  cairn_tool_activate (tool, self);
  cairn_canvas_update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL_NAME]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gint64
cairn_canvas_get_current_label_id (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  return self->current_label_id;
}

void
cairn_canvas_set_current_label_id (CairnCanvas *self,
                                   gint64       label_id)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  if (label_id == self->current_label_id)
    return;
  self->current_label_id = label_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_LABEL_ID]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_set_preview (CairnCanvas           *self,
                          const CairnAnnotation *annotation)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));

  /* The layer changes when a drag starts or ends, not while it moves: the stored shape
   * leaves it or comes back. */
  if ((self->preview == NULL) != (annotation == NULL)
      || (annotation != NULL && self->preview->id != annotation->id))
    {
      if (self->preview != NULL)
        cairn_canvas_damage (self, cairn_canvas_get_annotation (self, self->preview->id));
      if (annotation != NULL)
        cairn_canvas_damage (self, cairn_canvas_get_annotation (self, annotation->id));
    }
  /* Its mask surface, if any, is keyed by the copy about to go. */
  if (self->preview != NULL)
    g_hash_table_remove (self->masks, self->preview);
  g_clear_pointer (&self->preview, cairn_annotation_free);
  if (annotation != NULL)
    self->preview = cairn_annotation_copy (annotation);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_canvas_show_notice (CairnCanvas *self,
                          const char  *message)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, message);
}

void
cairn_canvas_emit_edit_failed (CairnCanvas *self,
                               const char  *message)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_FAILED], 0, message);
}

void
cairn_canvas_emit_label_hidden (CairnCanvas *self,
                                gint64       label_id,
                                gboolean     hidden)
{
  g_signal_emit (self, signals[SIGNAL_LABEL_HIDDEN], 0, label_id, hidden);
}

gboolean
cairn_canvas_get_semantic_masks (CairnCanvas *self)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  return cairn_canvas_mask_get_semantic (self);
}

void
cairn_canvas_set_semantic_masks (CairnCanvas *self,
                                 gboolean     semantic)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  semantic = !!semantic;
  if (semantic == cairn_canvas_mask_get_semantic (self))
    return;
  if (!cairn_canvas_mask_write_semantic (self, semantic))
    {
      /* Not saved, not changed: what shows it (the toggle) goes back. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEMANTIC_MASKS]);
      return;
    }
  cairn_canvas_mask_set_semantic (self, semantic);
  cairn_canvas_show_notice (self, semantic ? _("Semantic masks: one label per pixel")
                                           : _("Instance masks: overlaps kept, drawn by z-order"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEMANTIC_MASKS]);
}

void
cairn_canvas_get_current_colour (CairnCanvas *self,
                                 double      *r,
                                 double      *g,
                                 double      *b)
{
  CairnLabel *label;

  g_return_if_fail (CAIRN_IS_CANVAS (self));
  label = g_hash_table_lookup (self->labels, &self->current_label_id);
  if (label == NULL || !cairn_color_parse (label->color, r, g, b))
    *r = *g = *b = 0.6;
}

void
cairn_canvas_clamp_to_image (CairnCanvas *self,
                             double      *x,
                             double      *y)
{
  g_return_if_fail (CAIRN_IS_CANVAS (self));
  *x = CLAMP (*x, 0, MAX (self->image_width, 0));
  *y = CLAMP (*y, 0, MAX (self->image_height, 0));
}

/* Snapping reaches this far on screen. */
#define SNAP_REACH 8.0

gboolean
cairn_canvas_snap (CairnCanvas *self,
                   gint64       skip_id,
                   double      *x,
                   double      *y)
{
  double reach, best = G_MAXDOUBLE, best_x = *x, best_y = *y;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  reach = SNAP_REACH / self->zoom;
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];
      double bx, by, bw, bh, sx, sy, d;

      if (a->id == skip_id || cairn_canvas_shape_hidden (self, a)
          || !cairn_annotation_bounds (a, &bx, &by, &bw, &bh)
          || *x < bx - reach || *y < by - reach || *x > bx + bw + reach || *y > by + bh + reach)
        continue;
      if (cairn_shape_snap_point (a, *x, *y, MIN (reach, best), &sx, &sy, &d) && d < best)
        {
          best = d;
          best_x = sx;
          best_y = sy;
        }
    }
  if (best == G_MAXDOUBLE)
    return FALSE;
  *x = best_x;
  *y = best_y;
  return TRUE;
}
