#define G_LOG_DOMAIN "cairn-heat-map"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-heat-map.h"

struct _CairnHeatMap
{
  GtkWidget  parent_instance;
  GPtrArray *names;         /* char * */
  guint     *counts;        /* n × n */
  guint      max_same;      /* the largest count on the diagonal */
  guint      max_other;     /* and off it: each hue has its own scale, so that confusions
                             * show even beside a diagonal of large counts */
  char      *row_title;
  char      *column_title;
  int        hover_row;     /* -1: none */
  int        hover_column;
  int        selected_row;  /* -1: none */
  int        selected_column;
  /* Geometry of the last allocation. */
  double     left;          /* x of the first column */
  double     top;           /* y of the first row */
  double     cell;          /* a cell's side */
};

G_DEFINE_FINAL_TYPE (CairnHeatMap, cairn_heat_map, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MIN_CELL 30.0
#define NATURAL_CELL 52.0
#define GAP 2.0       /* between cells */
#define PAD 8.0       /* between the names and the cells */
#define MAX_NAME 150  /* px; longer names are ellipsized */

/* The same label on both axes (agreement) and different labels (confusion): a blue and an
 * orange that stay apart for the common colour-vision deficiencies, dark enough for white
 * numbers where the cell is full. */
static const GdkRGBA same_color = { 0.15, 0.45, 0.85, 1 };
static const GdkRGBA other_color = { 0.78, 0.26, 0.0, 1 };

typedef struct
{
  double names_width;   /* the widest row name */
  double column_rise;   /* how high the slanted column names reach */
  double column_reach;  /* how far the last column's name reaches right of its cell */
  double line;          /* a line of text */
} Metrics;

static PangoLayout *
name_layout (CairnHeatMap *self,
             const char   *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_width (layout, MAX_NAME * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
measure_text (CairnHeatMap *self,
              Metrics      *m)
{
  int w, h;

  m->names_width = 0;
  m->line = 0;
  for (guint i = 0; i < self->names->len; i++)
    {
      g_autoptr(PangoLayout) layout = name_layout (self, self->names->pdata[i]);

      pango_layout_get_pixel_size (layout, &w, &h);
      m->names_width = MAX (m->names_width, w);
      m->line = MAX (m->line, h);
    }
  if (m->line == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

      pango_layout_get_pixel_size (layout, &w, &h);
      m->line = h;
    }
  /* Column names slant up at 45°. */
  m->column_rise = (m->names_width + m->line) * G_SQRT2 / 2;
  m->column_reach = m->names_width * G_SQRT2 / 2;
}

/* Left of the cells: the rows' title (turned upright), then the names. */
static double
left_of_cells (const Metrics *m)
{
  return m->line + PAD + m->names_width + PAD;
}

/* Above the cells: the columns' title, then the slanted names. */
static double
top_of_cells (const Metrics *m)
{
  return m->line + PAD + m->column_rise + PAD / 2;
}

static void
update_geometry (CairnHeatMap *self,
                 int           width,
                 int           height)
{
  Metrics m;
  guint n = self->names->len;
  double by_width, by_height;

  measure_text (self, &m);
  self->left = left_of_cells (&m);
  self->top = top_of_cells (&m);
  if (n == 0)
    {
      self->cell = 0;
      return;
    }
  by_width = (width - self->left - m.column_reach) / n;
  by_height = (height - self->top) / n;
  self->cell = CLAMP (floor (MIN (by_width, by_height)), MIN_CELL, NATURAL_CELL);
}

static double
cell_alpha (CairnHeatMap *self,
            guint         row,
            guint         column)
{
  guint count = self->counts[row * self->names->len + column];
  guint max = row == column ? self->max_same : self->max_other;

  if (count == 0 || max == 0)
    return 0;
  return 0.18 + 0.82 * count / max;
}

static double
luminance (double r,
           double g,
           double b)
{
  double c[3] = { r, g, b };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (double l1,
          double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

/* White or the theme's text colour, whichever stands out more from the cell. GTK 4.8 does not
 * tell a widget its background, so the theme's is taken as near white under dark text and
 * near black under light text. */
static gboolean
white_text (const GdkRGBA *hue,
            double         alpha,
            const GdkRGBA *fg)
{
  double fg_l = luminance (fg->red, fg->green, fg->blue);
  double bg = fg_l < 0.5 ? 0.98 : 0.18;
  double l = luminance (hue->red * alpha + bg * (1 - alpha), hue->green * alpha + bg * (1 - alpha),
                        hue->blue * alpha + bg * (1 - alpha));

  return contrast (1.0, l) > contrast (fg_l, l);
}

static void
draw_cell (CairnHeatMap  *self,
           cairo_t       *cr,
           guint          row,
           guint          column,
           const GdkRGBA *fg)
{
  guint n = self->names->len;
  guint count = self->counts[row * n + column];
  double alpha = cell_alpha (self, row, column);
  const GdkRGBA *hue = row == column ? &same_color : &other_color;
  double x = self->left + column * self->cell, y = self->top + row * self->cell;
  double side = self->cell - GAP, r = 4;
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int tw, th;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + side - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + side - r, y + side - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + side - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  if (count == 0)
    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.05);
  else
    cairo_set_source_rgba (cr, hue->red, hue->green, hue->blue, alpha);
  cairo_fill_preserve (cr);
  if ((int) row == self->selected_row && (int) column == self->selected_column)
    {
      cairo_set_line_width (cr, 2.5);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
      cairo_stroke (cr);
    }
  else if ((int) row == self->hover_row && (int) column == self->hover_column)
    {
      cairo_set_line_width (cr, 1.5);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.5);
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);

  pango_attr_list_insert (attrs, pango_attr_weight_new (count ? PANGO_WEIGHT_BOLD
                                                              : PANGO_WEIGHT_NORMAL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &tw, &th);
  if (count > 0 && white_text (hue, alpha, fg))
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, count ? 1 : 0.45);
  cairo_move_to (cr, x + (side - tw) / 2, y + (side - th) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_names (CairnHeatMap  *self,
            cairo_t       *cr,
            const GdkRGBA *fg)
{
  guint n = self->names->len;
  Metrics m;
  int w, h;

  measure_text (self, &m);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = name_layout (self, self->names->pdata[i]);
      gboolean strong = (int) i == self->selected_row || (int) i == self->hover_row;

      /* Rows: right-aligned beside the cells. */
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, strong ? 1 : 0.8);
      cairo_move_to (cr, self->left - PAD - w,
                     self->top + i * self->cell + (self->cell - GAP - h) / 2);
      pango_cairo_show_layout (cr, layout);

      /* Columns: slanted up and to the right from the middle of the column. */
      strong = (int) i == self->selected_column || (int) i == self->hover_column;
      cairo_save (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, strong ? 1 : 0.8);
      cairo_translate (cr, self->left + i * self->cell + (self->cell - GAP) / 2,
                       self->top - PAD / 2);
      cairo_rotate (cr, -G_PI / 4);
      cairo_move_to (cr, 0, -h / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

static void
draw_titles (CairnHeatMap  *self,
             cairo_t       *cr,
             const GdkRGBA *fg)
{
  guint n = self->names->len;
  int w, h;

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
  if (self->column_title != NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      self->column_title);

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, self->left + MAX (0, (n * self->cell - w) / 2), 0);
      pango_cairo_show_layout (cr, layout);
    }
  if (self->row_title != NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      self->row_title);

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_save (cr);
      /* Upright, read bottom to top, centred on the rows. */
      cairo_translate (cr, 0, self->top + (n * self->cell + w) / 2);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

static void
set_hover (CairnHeatMap *self,
           int           row,
           int           column)
{
  if (row == self->hover_row && column == self->hover_column)
    return;
  self->hover_row = row;
  self->hover_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CairnHeatMap             *self)
{
  guint row, column;

  if (cairn_heat_map_cell_at (self, x, y, &row, &column))
    set_hover (self, row, column);
  else
    set_hover (self, -1, -1);
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             CairnHeatMap             *self)
{
  set_hover (self, -1, -1);
}

static void
on_released_cb (GtkGestureClick *click,
                int              n_press,
                double           x,
                double           y,
                CairnHeatMap    *self)
{
  guint row, column;

  if (cairn_heat_map_cell_at (self, x, y, &row, &column))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      cairn_heat_map_activate_cell (self, row, column);
    }
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *keys,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CairnHeatMap          *self)
{
  int n = self->names->len;
  int row = MAX (self->selected_row, 0), column = MAX (self->selected_column, 0);

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      column = MAX (column - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      column = MIN (column + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row = MAX (row - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row = MIN (row + 1, n - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      cairn_heat_map_activate_cell (self, row, column);
      return TRUE;
    default:
      return FALSE;
    }
  cairn_heat_map_select (self, row, column);
  return TRUE;
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     CairnHeatMap *self)
{
  guint row, column, count;
  g_autofree char *text = NULL;

  if (keyboard && self->selected_row >= 0)
    {
      row = self->selected_row;
      column = self->selected_column;
    }
  else if (keyboard || !cairn_heat_map_cell_at (self, x, y, &row, &column))
    return FALSE;
  count = cairn_heat_map_get_count (self, row, column);
  /* Translators: a confusion-matrix cell: "cat → dog: 3 times". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s: %u time", "%s → %s: %u times",
                                       count),
                          (char *) self->names->pdata[row], (char *) self->names->pdata[column],
                          count);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Height for width: as wide as the cells can be (up to their natural size), as high as that
 * makes them. */
static GtkSizeRequestMode
cairn_heat_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cairn_heat_map_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CairnHeatMap *self = CAIRN_HEAT_MAP (widget);
  guint n = self->names->len;
  double cell = NATURAL_CELL;
  Metrics m;

  measure_text (self, &m);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ceil (left_of_cells (&m) + n * MIN_CELL + m.column_reach);
      *natural = ceil (left_of_cells (&m) + n * NATURAL_CELL + m.column_reach);
      return;
    }
  if (for_size >= 0 && n > 0)
    cell = CLAMP (floor ((for_size - left_of_cells (&m) - m.column_reach) / n), MIN_CELL,
                  NATURAL_CELL);
  *minimum = *natural = ceil (top_of_cells (&m) + n * cell);
}

static void
cairn_heat_map_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  update_geometry (CAIRN_HEAT_MAP (widget), width, height);
}

static void
cairn_heat_map_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CairnHeatMap *self = CAIRN_HEAT_MAP (widget);
  guint n = self->names->len;
  GdkRGBA fg;
  cairo_t *cr;

  if (n == 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0,
                                                                 gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  draw_titles (self, cr, &fg);
  draw_names (self, cr, &fg);
  for (guint row = 0; row < n; row++)
    for (guint column = 0; column < n; column++)
      draw_cell (self, cr, row, column, &fg);
  cairo_destroy (cr);
}

static void
cairn_heat_map_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cairn_heat_map_parent_class)->css_changed (widget, change);
  /* Fonts change the names' room; colours only need a redraw. */
  gtk_widget_queue_resize (widget);
}

static void
cairn_heat_map_finalize (GObject *object)
{
  CairnHeatMap *self = CAIRN_HEAT_MAP (object);

  g_ptr_array_unref (self->names);
  g_free (self->counts);
  g_free (self->row_title);
  g_free (self->column_title);
  G_OBJECT_CLASS (cairn_heat_map_parent_class)->finalize (object);
}

static void
cairn_heat_map_class_init (CairnHeatMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cairn_heat_map_finalize;
  widget_class->get_request_mode = cairn_heat_map_get_request_mode;
  widget_class->measure = cairn_heat_map_measure;
  widget_class->size_allocate = cairn_heat_map_size_allocate;
  widget_class->snapshot = cairn_heat_map_snapshot;
  widget_class->css_changed = cairn_heat_map_css_changed;

  /* (row, column) */
  signals[SIGNAL_CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
cairn_heat_map_init (CairnHeatMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->counts = g_new0 (guint, 1);
  self->hover_row = self->hover_column = -1;
  self->selected_row = self->selected_column = -1;

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
cairn_heat_map_new (void)
{
  return g_object_new (CAIRN_TYPE_HEAT_MAP, NULL);
}

void
cairn_heat_map_set_matrix (CairnHeatMap       *self,
                           const char * const *names,
                           guint               n,
                           const guint        *counts)
{
  g_return_if_fail (CAIRN_IS_HEAT_MAP (self));
  g_return_if_fail (n == 0 || (names != NULL && counts != NULL));

  g_ptr_array_set_size (self->names, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->names, g_strdup (names[i]));
  g_free (self->counts);
  self->counts = g_memdup2 (counts ? counts : (const guint[]) { 0 },
                            MAX (n * n, 1) * sizeof (guint));
  self->max_same = self->max_other = 0;
  for (guint i = 0; i < n * n; i++)
    if (i / n == i % n)
      self->max_same = MAX (self->max_same, self->counts[i]);
    else
      self->max_other = MAX (self->max_other, self->counts[i]);
  self->hover_row = self->hover_column = -1;
  if (self->selected_row >= (int) n || self->selected_column >= (int) n)
    self->selected_row = self->selected_column = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cairn_heat_map_set_titles (CairnHeatMap *self,
                           const char   *rows,
                           const char   *columns)
{
  g_return_if_fail (CAIRN_IS_HEAT_MAP (self));

  g_free (self->row_title);
  g_free (self->column_title);
  self->row_title = g_strdup (rows);
  self->column_title = g_strdup (columns);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cairn_heat_map_get_size (CairnHeatMap *self)
{
  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), 0);
  return self->names->len;
}

const char *
cairn_heat_map_get_name (CairnHeatMap *self,
                         guint         i)
{
  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), NULL);
  g_return_val_if_fail (i < self->names->len, NULL);
  return self->names->pdata[i];
}

guint
cairn_heat_map_get_count (CairnHeatMap *self,
                          guint         row,
                          guint         column)
{
  guint n;

  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), 0);
  n = self->names->len;
  g_return_val_if_fail (row < n && column < n, 0);
  return self->counts[row * n + column];
}

gboolean
cairn_heat_map_cell_at (CairnHeatMap *self,
                        double        x,
                        double        y,
                        guint        *row,
                        guint        *column)
{
  double c, r;
  guint n;

  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), FALSE);
  n = self->names->len;
  if (n == 0 || self->cell <= 0)
    return FALSE;
  c = (x - self->left) / self->cell;
  r = (y - self->top) / self->cell;
  if (c < 0 || r < 0 || c >= n || r >= n)
    return FALSE;
  /* The gap between cells belongs to none. */
  if ((c - floor (c)) * self->cell > self->cell - GAP
      || (r - floor (r)) * self->cell > self->cell - GAP)
    return FALSE;
  *row = (guint) r;
  *column = (guint) c;
  return TRUE;
}

gboolean
cairn_heat_map_get_cell_bounds (CairnHeatMap    *self,
                                guint            row,
                                guint            column,
                                graphene_rect_t *bounds)
{
  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), FALSE);
  if (row >= self->names->len || column >= self->names->len || self->cell <= 0)
    return FALSE;
  graphene_rect_init (bounds, self->left + column * self->cell, self->top + row * self->cell,
                      self->cell - GAP, self->cell - GAP);
  return TRUE;
}

void
cairn_heat_map_select (CairnHeatMap *self,
                       int           row,
                       int           column)
{
  int n;

  g_return_if_fail (CAIRN_IS_HEAT_MAP (self));
  n = self->names->len;
  if (row < 0 || column < 0 || row >= n || column >= n)
    row = column = -1;
  if (row == self->selected_row && column == self->selected_column)
    return;
  self->selected_row = row;
  self->selected_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cairn_heat_map_get_selected (CairnHeatMap *self,
                             guint        *row,
                             guint        *column)
{
  g_return_val_if_fail (CAIRN_IS_HEAT_MAP (self), FALSE);
  if (self->selected_row < 0)
    return FALSE;
  *row = self->selected_row;
  *column = self->selected_column;
  return TRUE;
}

void
cairn_heat_map_activate_cell (CairnHeatMap *self,
                              guint         row,
                              guint         column)
{
  g_return_if_fail (CAIRN_IS_HEAT_MAP (self));
  g_return_if_fail (row < self->names->len && column < self->names->len);

  cairn_heat_map_select (self, row, column);
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, row, column);
}
