#define G_LOG_DOMAIN "cairn-plan"

#include <glib/gi18n.h>

#include "cairn-plan-view.h"
#include "guide/cairn-guide-plan.h"

#define MARGIN 24
#define ROW 28
#define NAME_WIDTH 150
#define FIGURE_WIDTH 130
#define CHART_HEIGHT 150

struct _CairnPlanView
{
  GtkWidget          parent_instance;
  CairnPlan         *plan;
  CairnPlanProgress *progress;
  GHashTable        *colors;  /* label name → "#RRGGBB" */
  CairnStore        *store;
  guint              refresh_id;
};

/* Progress counts every item: after a burst of edits, once. */
#define REFRESH_DELAY_MS 400

G_DEFINE_FINAL_TYPE (CairnPlanView, cairn_plan_view, GTK_TYPE_WIDGET)

/* How tall the picture is: everything is laid out in rows of one height. */
static int
text_lines (CairnPlanView *self)
{
  return self->plan ? !!self->plan->purpose + !!self->plan->collection
                      + !!self->plan->specification : 0;
}

static int
content_height (CairnPlanView *self)
{
  int h = MARGIN + 36 + text_lines (self) * 22 + 12;

  if (self->progress == NULL)
    return h + MARGIN;
  h += 38 + ROW;                                       /* items */
  h += 38 + (int) self->progress->labels->len * ROW;   /* per label */
  if (self->progress->splits->len > 0)
    h += 38 + (int) self->progress->splits->len * ROW;
  if (self->progress->daily->len > 0)
    h += 38 + CHART_HEIGHT + 60;
  return h + MARGIN;
}

static void
set_rgb (cairo_t *cr, const char *hex, double alpha)
{
  GdkRGBA rgba;

  if (hex == NULL || !gdk_rgba_parse (&rgba, hex))
    gdk_rgba_parse (&rgba, "#4E79A7");
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

static void
draw_text (cairo_t *cr, const GdkRGBA *fg, const char *text, double x, double y, int width,
           const char *font, PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* One bar: the track is the target, the fill what is done; past the target the bar is full
 * and a mark shows where the target was. */
static void
draw_bar (cairo_t *cr, const GdkRGBA *fg, double x, double y, double width, const char *name,
          gint64 done, gint64 target, const char *color)
{
  CairnPlanRow row = { (char *) name, target, done };
  double fraction = cairn_plan_row_fraction (&row);
  double bar_x = x + NAME_WIDTH + 8, bar_w = width - NAME_WIDTH - FIGURE_WIDTH - 16;
  g_autofree char *figure = target > 0
    ? g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT "  %d%%", done, target,
                       (int) (100.0 * done / target + 0.5))
    : g_strdup_printf ("%" G_GINT64_FORMAT, done);

  draw_text (cr, fg, name, x, y + 4, NAME_WIDTH, "Sans 10", PANGO_ALIGN_RIGHT);
  set_rgb (cr, color, 0.18);
  cairo_rectangle (cr, bar_x, y + 4, bar_w, ROW - 10);
  cairo_fill (cr);
  set_rgb (cr, color, 0.95);
  cairo_rectangle (cr, bar_x, y + 4, bar_w * fraction, ROW - 10);
  cairo_fill (cr);
  if (target > 0 && done > target)
    {
      double mark = bar_x + bar_w * (double) target / (double) done;

      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_rectangle (cr, mark - 1, y + 2, 2, ROW - 6);
      cairo_fill (cr);
    }
  draw_text (cr, fg, figure, bar_x + bar_w + 8, y + 4, FIGURE_WIDTH, "Sans 10",
             PANGO_ALIGN_LEFT);
}

static double
draw_heading (cairo_t *cr, const GdkRGBA *fg, const char *text, double x, double y, int width)
{
  draw_text (cr, fg, text, x, y + 12, width, "Sans Bold 11", PANGO_ALIGN_LEFT);
  return y + 38;
}

static double
draw_rows (cairo_t *cr, const GdkRGBA *fg, GPtrArray *rows, GHashTable *colors, double x,
           double y, double width)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const CairnPlanRow *row = g_ptr_array_index (rows, i);

      draw_bar (cr, fg, x, y, width, row->name, row->done, row->target,
                colors ? g_hash_table_lookup (colors, row->name) : "#7F8C8D");
      y += ROW;
    }
  return y;
}

/* Days along, a column each, stacked by annotator in a colour each; a legend under it. */
static void
draw_daily (CairnPlanView *self, cairo_t *cr, const GdkRGBA *fg, double x, double y,
            double width)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  GPtrArray *daily = self->progress->daily;
  gint64 peak = 1;
  double column, chart_x = x + 40, chart_w = width - 40, lx = chart_x;

  for (guint i = 0; i < daily->len; i++)
    {
      const CairnDailyCount *d = g_ptr_array_index (daily, i);
      gint64 total = 0;

      if (days->len == 0 || !g_str_equal (g_ptr_array_index (days, days->len - 1), d->day))
        g_ptr_array_add (days, d->day);
      if (!g_ptr_array_find_with_equal_func (people, d->annotator, g_str_equal, NULL))
        g_ptr_array_add (people, d->annotator);
      for (guint j = 0; j < daily->len; j++)
        if (g_str_equal (((CairnDailyCount *) g_ptr_array_index (daily, j))->day, d->day))
          total += ((CairnDailyCount *) g_ptr_array_index (daily, j))->count;
      peak = MAX (peak, total);
    }
  column = MIN (64.0, chart_w / MAX (days->len, 1));
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, chart_x - 0.5, y);
  cairo_line_to (cr, chart_x - 0.5, y + CHART_HEIGHT + 0.5);
  cairo_line_to (cr, chart_x + chart_w, y + CHART_HEIGHT + 0.5);
  cairo_stroke (cr);
  {
    g_autofree char *top = g_strdup_printf ("%" G_GINT64_FORMAT, peak);

    draw_text (cr, fg, top, x, y - 6, 34, "Sans 9", PANGO_ALIGN_RIGHT);
  }
  for (guint d = 0; d < days->len; d++)
    {
      double base = y + CHART_HEIGHT, cx = chart_x + d * column + column * 0.15;

      for (guint i = 0; i < daily->len; i++)
        {
          const CairnDailyCount *c = g_ptr_array_index (daily, i);
          guint who = 0;
          g_autofree char *color = NULL;
          double h;

          if (!g_str_equal (c->day, g_ptr_array_index (days, d)))
            continue;
          g_ptr_array_find_with_equal_func (people, c->annotator, g_str_equal, &who);
          color = cairn_label_default_color (who);
          h = CHART_HEIGHT * (double) c->count / (double) peak;
          set_rgb (cr, color, 0.95);
          cairo_rectangle (cr, cx, base - h, column * 0.7, h);
          cairo_fill (cr);
          base -= h;
        }
      draw_text (cr, fg, (const char *) g_ptr_array_index (days, d) + 5, cx - 6,
                 y + CHART_HEIGHT + 4, (int) column, "Sans 8", PANGO_ALIGN_LEFT);
    }
  for (guint i = 0; i < people->len; i++)
    {
      g_autofree char *color = cairn_label_default_color (i);

      set_rgb (cr, color, 0.95);
      cairo_rectangle (cr, lx, y + CHART_HEIGHT + 30, 12, 12);
      cairo_fill (cr);
      draw_text (cr, fg, g_ptr_array_index (people, i), lx + 16, y + CHART_HEIGHT + 27, 120,
                 "Sans 9", PANGO_ALIGN_LEFT);
      lx += 140;
    }
}

static void
draw (CairnPlanView *self, cairo_t *cr, const GdkRGBA *fg, int width)
{
  const char *lines[3] = { NULL };
  const char *labels[3] = { _("Purpose"), _("Collection"), _("Specification") };
  double x = MARGIN, y = MARGIN, w = width - 2 * MARGIN;

  draw_text (cr, fg, _("Project Plan"), x, y, (int) w, "Sans Bold 16", PANGO_ALIGN_LEFT);
  y += 36;
  if (self->plan)
    {
      lines[0] = self->plan->purpose;
      lines[1] = self->plan->collection;
      lines[2] = self->plan->specification;
    }
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i])
      {
        g_autofree char *text = g_strdup_printf ("%s: %s", labels[i], lines[i]);

        draw_text (cr, fg, text, x, y, (int) w, "Sans 10", PANGO_ALIGN_LEFT);
        y += 22;
      }
  y += 12;
  if (self->progress == NULL)
    return;
  y = draw_heading (cr, fg, _("Items done"), x, y, (int) w);
  draw_bar (cr, fg, x, y, w, _("All items"), self->progress->items_done,
            self->progress->target_items ? self->progress->target_items : self->progress->items,
            "#59A14F");
  y += ROW;
  y = draw_heading (cr, fg, _("Annotations per label"), x, y, (int) w);
  y = draw_rows (cr, fg, self->progress->labels, self->colors, x, y, w);
  if (self->progress->splits->len > 0)
    {
      y = draw_heading (cr, fg, _("Items per split"), x, y, (int) w);
      y = draw_rows (cr, fg, self->progress->splits, NULL, x, y, w);
    }
  if (self->progress->daily->len > 0)
    {
      y = draw_heading (cr, fg, _("Annotations per annotator per day"), x, y, (int) w);
      draw_daily (self, cr, fg, x, y + 8, w);
    }
}

static void
cairn_plan_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CairnPlanView *self = CAIRN_PLAN_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  GdkRGBA fg;
  cairo_t *cr;

  /* GTK 4.8 has no gtk_widget_get_color (4.10). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, &fg, width);
  cairo_destroy (cr);
}

static void
cairn_plan_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 560;
  else
    *minimum = *natural = content_height (CAIRN_PLAN_VIEW (widget));
}

static void
cairn_plan_view_dispose (GObject *object)
{
  CairnPlanView *self = CAIRN_PLAN_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_plan_view_parent_class)->dispose (object);
}

static void
cairn_plan_view_finalize (GObject *object)
{
  CairnPlanView *self = CAIRN_PLAN_VIEW (object);

  g_clear_pointer (&self->plan, cairn_plan_free);
  g_clear_pointer (&self->progress, cairn_plan_progress_free);
  g_clear_pointer (&self->colors, g_hash_table_unref);
  G_OBJECT_CLASS (cairn_plan_view_parent_class)->finalize (object);
}

static void
cairn_plan_view_class_init (CairnPlanViewClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = cairn_plan_view_snapshot;
  GTK_WIDGET_CLASS (klass)->measure = cairn_plan_view_measure;
  G_OBJECT_CLASS (klass)->dispose = cairn_plan_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = cairn_plan_view_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "planview");
}

static void
cairn_plan_view_init (CairnPlanView *self)
{
  self->colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
cairn_plan_view_new (void)
{
  return g_object_new (CAIRN_TYPE_PLAN_VIEW, NULL);
}

static gboolean
load (CairnPlanView *self, CairnStore *store, GError **error)
{
  g_autoptr(CairnPlan) plan = NULL;
  g_autoptr(CairnPlanProgress) progress = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  if ((plan = cairn_plan_load (store, error)) == NULL
      || (progress = cairn_plan_progress (store, plan, error)) == NULL
      || (labels = cairn_store_list_labels (store, error)) == NULL)
    return FALSE;
  g_hash_table_remove_all (self->colors);
  for (guint i = 0; i < labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (labels, i);

      g_hash_table_insert (self->colors, g_strdup (label->name), g_strdup (label->color));
    }
  g_clear_pointer (&self->plan, cairn_plan_free);
  g_clear_pointer (&self->progress, cairn_plan_progress_free);
  self->plan = g_steal_pointer (&plan);
  self->progress = g_steal_pointer (&progress);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  CairnPlanView *self = user_data;
  g_autoptr(GError) error = NULL;

  self->refresh_id = 0;
  if (self->store && !load (self, self->store, &error))
    g_warning ("Plan of %s: %s", cairn_store_get_path (self->store), error->message);
  return G_SOURCE_REMOVE;
}

/* Edits, imports and schema changes move the figures while the window is open. */
static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnPlanView          *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

gboolean
cairn_plan_view_set_store (CairnPlanView *self,
                           CairnStore    *store,
                           GError       **error)
{
  g_return_val_if_fail (CAIRN_IS_PLAN_VIEW (self) && CAIRN_IS_STORE (store), FALSE);
  if (self->store != store)
    {
      if (self->store)
        g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
      g_set_object (&self->store, store);
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }
  return load (self, store, error);
}

/* For tests: the label's done count as the view shows it, or −1. */
gint64
cairn_plan_view_get_label_count (CairnPlanView *self,
                                 const char    *label)
{
  g_return_val_if_fail (CAIRN_IS_PLAN_VIEW (self), -1);
  if (self->progress == NULL)
    return -1;
  for (guint i = 0; i < self->progress->labels->len; i++)
    {
      const CairnPlanRow *row = g_ptr_array_index (self->progress->labels, i);

      if (g_strcmp0 (row->name, label) == 0)
        return row->done;
    }
  return -1;
}

GtkWidget *
cairn_plan_view_show (GtkWindow  *parent,
                      CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = cairn_plan_view_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Project Plan"));
  gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 760);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  if (!cairn_plan_view_set_store (CAIRN_PLAN_VIEW (view), store, &error))
    g_warning ("Plan of %s: %s", cairn_store_get_path (store), error->message);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
