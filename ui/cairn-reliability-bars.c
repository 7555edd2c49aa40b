#define G_LOG_DOMAIN "cairn-reliability-bars"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-reliability-bars.h"

struct _CairnReliabilityBars
{
  GtkWidget  parent_instance;
  GPtrArray *names;     /* char * */
  GArray    *values;    /* double */
  int        hover;     /* -1: none */
  int        selected;  /* -1: none */
  double     gutter;    /* the names' column, from the last allocation */
};

G_DEFINE_FINAL_TYPE (CairnReliabilityBars, cairn_reliability_bars, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW 32.0         /* a row's height */
#define BAR 14.0         /* a bar's thickness */
#define PAD 10.0
#define VALUE_ROOM 52.0  /* right of the track, for "0.87" */
#define MAX_NAME 180     /* px; longer names are ellipsized */
#define MIN_TRACK 120.0
#define NATURAL_TRACK 360.0

/* The blue of the heat map's agreeing cells. */
static const GdkRGBA bar_color = { 0.15, 0.45, 0.85, 1 };

static PangoLayout *
name_layout (CairnReliabilityBars *self,
             const char           *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, MAX_NAME * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static double
names_width (CairnReliabilityBars *self)
{
  int width = 0, w, h;

  for (guint i = 0; i < self->names->len; i++)
    {
      g_autoptr(PangoLayout) layout = name_layout (self, self->names->pdata[i]);

      pango_layout_get_pixel_size (layout, &w, &h);
      width = MAX (width, w);
    }
  return width;
}

static double
value_at (CairnReliabilityBars *self,
          guint                 row)
{
  return g_array_index (self->values, double, row);
}

static void
rounded (cairo_t *cr,
         double   x,
         double   y,
         double   w,
         double   h)
{
  double r = MIN (h / 2, w / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_row (CairnReliabilityBars *self,
          cairo_t              *cr,
          guint                 row,
          double                width,
          const GdkRGBA        *fg)
{
  double value = value_at (self, row), y = row * ROW;
  double track = MAX (width - self->gutter - VALUE_ROOM, 1);
  g_autoptr(PangoLayout) name = name_layout (self, self->names->pdata[row]);
  g_autofree char *text = isfinite (value) ? g_strdup_printf ("%.2f", value) : g_strdup ("—");
  g_autoptr(PangoLayout) number = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  gboolean strong = (int) row == self->selected || (int) row == self->hover;
  int w, h;

  if (strong)
    {
      /* The whole row, faintly: this is what a click lists. */
      rounded (cr, 0, y + 1, width, ROW - 2);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue,
                             (int) row == self->selected ? 0.10 : 0.05);
      cairo_fill (cr);
    }
  pango_layout_get_pixel_size (name, &w, &h);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, strong ? 1 : 0.85);
  cairo_move_to (cr, self->gutter - PAD - w, y + (ROW - h) / 2);
  pango_cairo_show_layout (cr, name);

  rounded (cr, self->gutter, y + (ROW - BAR) / 2, track, BAR);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.08);
  cairo_fill (cr);
  if (isfinite (value) && value > 0)
    {
      rounded (cr, self->gutter, y + (ROW - BAR) / 2, MAX (BAR, track * CLAMP (value, 0, 1)), BAR);
      cairo_set_source_rgba (cr, bar_color.red, bar_color.green, bar_color.blue, 0.9);
      cairo_fill (cr);
    }

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (number, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (number, &w, &h);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.85);
  cairo_move_to (cr, self->gutter + track + PAD, y + (ROW - h) / 2);
  pango_cairo_show_layout (cr, number);
}

static void
set_hover (CairnReliabilityBars *self,
           int                   row)
{
  if (row == self->hover)
    return;
  self->hover = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CairnReliabilityBars     *self)
{
  set_hover (self, cairn_reliability_bars_row_at (self, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             CairnReliabilityBars     *self)
{
  set_hover (self, -1);
}

static void
on_released_cb (GtkGestureClick      *click,
                int                   n_press,
                double                x,
                double                y,
                CairnReliabilityBars *self)
{
  int row = cairn_reliability_bars_row_at (self, y);

  if (row >= 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      cairn_reliability_bars_activate_row (self, row);
    }
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *keys,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CairnReliabilityBars  *self)
{
  int n = self->names->len, row = MAX (self->selected, 0);

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      cairn_reliability_bars_select (self, self->selected < 0 ? 0 : MAX (row - 1, 0));
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      cairn_reliability_bars_select (self, self->selected < 0 ? 0 : MIN (row + 1, n - 1));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      cairn_reliability_bars_activate_row (self, row);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_query_tooltip_cb (GtkWidget            *widget,
                     int                   x,
                     int                   y,
                     gboolean              keyboard,
                     GtkTooltip           *tooltip,
                     CairnReliabilityBars *self)
{
  int row = keyboard ? self->selected : cairn_reliability_bars_row_at (self, y);
  double value;
  g_autofree char *text = NULL;

  if (row < 0)
    return FALSE;
  value = value_at (self, row);
  if (isfinite (value))
    /* Translators: Dawid–Skene's reliability of one annotator, as a percentage. */
    text = g_strdup_printf (_("%s: the label is the likely true one %.0f %% of the time"),
                            (char *) self->names->pdata[row], 100 * value);
  else
    text = g_strdup_printf (_("%s: no estimate"), (char *) self->names->pdata[row]);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cairn_reliability_bars_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  CairnReliabilityBars *self = CAIRN_RELIABILITY_BARS (widget);
  double gutter = names_width (self) + PAD;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceil (gutter + MIN_TRACK + VALUE_ROOM);
      *natural = ceil (gutter + NATURAL_TRACK + VALUE_ROOM);
    }
  else
    *minimum = *natural = ceil (self->names->len * ROW);
}

static void
cairn_reliability_bars_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  CairnReliabilityBars *self = CAIRN_RELIABILITY_BARS (widget);

  self->gutter = names_width (self) + PAD;
}

static void
cairn_reliability_bars_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  CairnReliabilityBars *self = CAIRN_RELIABILITY_BARS (widget);
  double width = gtk_widget_get_width (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->names->len == 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width,
                                                                 gtk_widget_get_height (widget)));
  for (guint row = 0; row < self->names->len; row++)
    draw_row (self, cr, row, width, &fg);
  cairo_destroy (cr);
}

static void
cairn_reliability_bars_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cairn_reliability_bars_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
cairn_reliability_bars_finalize (GObject *object)
{
  CairnReliabilityBars *self = CAIRN_RELIABILITY_BARS (object);

  g_ptr_array_unref (self->names);
  g_array_unref (self->values);
  G_OBJECT_CLASS (cairn_reliability_bars_parent_class)->finalize (object);
}

static void
cairn_reliability_bars_class_init (CairnReliabilityBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cairn_reliability_bars_finalize;
  widget_class->measure = cairn_reliability_bars_measure;
  widget_class->size_allocate = cairn_reliability_bars_size_allocate;
  widget_class->snapshot = cairn_reliability_bars_snapshot;
  widget_class->css_changed = cairn_reliability_bars_css_changed;

  signals[SIGNAL_ROW_ACTIVATED] = g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "reliabilitybars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
cairn_reliability_bars_init (CairnReliabilityBars *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->hover = self->selected = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (widget, keys);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
}

GtkWidget *
cairn_reliability_bars_new (void)
{
  return g_object_new (CAIRN_TYPE_RELIABILITY_BARS, NULL);
}

void
cairn_reliability_bars_set_values (CairnReliabilityBars *self,
                                   const char * const   *names,
                                   const double         *values,
                                   guint                 n)
{
  g_return_if_fail (CAIRN_IS_RELIABILITY_BARS (self));
  g_return_if_fail (n == 0 || (names != NULL && values != NULL));

  g_ptr_array_set_size (self->names, 0);
  g_array_set_size (self->values, 0);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (self->names, g_strdup (names[i]));
      g_array_append_val (self->values, values[i]);
    }
  self->hover = -1;
  if (self->selected >= (int) n)
    self->selected = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
cairn_reliability_bars_get_n_rows (CairnReliabilityBars *self)
{
  g_return_val_if_fail (CAIRN_IS_RELIABILITY_BARS (self), 0);
  return self->names->len;
}

double
cairn_reliability_bars_get_value (CairnReliabilityBars *self,
                                  guint                 row)
{
  g_return_val_if_fail (CAIRN_IS_RELIABILITY_BARS (self), NAN);
  g_return_val_if_fail (row < self->names->len, NAN);
  return value_at (self, row);
}

int
cairn_reliability_bars_row_at (CairnReliabilityBars *self,
                               double                y)
{
  g_return_val_if_fail (CAIRN_IS_RELIABILITY_BARS (self), -1);
  if (y < 0 || y >= self->names->len * ROW)
    return -1;
  return (int) (y / ROW);
}

gboolean
cairn_reliability_bars_get_bar (CairnReliabilityBars *self,
                                guint                 row,
                                graphene_rect_t      *bar)
{
  double track, value;

  g_return_val_if_fail (CAIRN_IS_RELIABILITY_BARS (self), FALSE);
  if (row >= self->names->len)
    return FALSE;
  track = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - self->gutter - VALUE_ROOM, 1);
  value = value_at (self, row);
  graphene_rect_init (bar, self->gutter, row * ROW + (ROW - BAR) / 2,
                      isfinite (value) ? track * CLAMP (value, 0, 1) : 0, BAR);
  return TRUE;
}

void
cairn_reliability_bars_select (CairnReliabilityBars *self,
                               int                   row)
{
  g_return_if_fail (CAIRN_IS_RELIABILITY_BARS (self));
  if (row < 0 || row >= (int) self->names->len)
    row = -1;
  if (row == self->selected)
    return;
  self->selected = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
cairn_reliability_bars_get_selected (CairnReliabilityBars *self)
{
  g_return_val_if_fail (CAIRN_IS_RELIABILITY_BARS (self), -1);
  return self->selected;
}

void
cairn_reliability_bars_activate_row (CairnReliabilityBars *self,
                                     guint                 row)
{
  g_return_if_fail (CAIRN_IS_RELIABILITY_BARS (self));
  g_return_if_fail (row < self->names->len);

  cairn_reliability_bars_select (self, row);
  g_signal_emit (self, signals[SIGNAL_ROW_ACTIVATED], 0, row);
}
