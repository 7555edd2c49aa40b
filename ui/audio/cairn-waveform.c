#define G_LOG_DOMAIN "cairn-waveform"

#include <math.h>

#include <glib/gi18n.h>

#include "audio/cairn-segments.h"
#include "cairn-waveform.h"

#define RULER_HEIGHT 20.0
#define LANE_HEIGHT  24.0
#define EDGE_GRAB    6.0
#define DRAG_START   4.0

typedef enum
{
  DRAG_NONE,
  DRAG_PENDING,   /* pressed, not moved yet */
  DRAG_CREATE,
  DRAG_START_EDGE,
  DRAG_END_EDGE,
  DRAG_SEEK,      /* the overview, or the ruler */
} DragKind;

struct _CairnWaveform
{
  GtkWidget         parent_instance;
  gboolean          overview;
  const CairnPeaks *peaks;
  double            duration;
  GPtrArray        *segments;
  GPtrArray        *lanes;
  guint            *lane_of;
  gint64            selected;
  gint64            current;
  double            position;
  double            view_start;
  double            view_end;
  char             *message;
  guint             full_draws;
  guint             peak_draws;

  DragKind          drag;
  double            press_x, press_y;
  double            press_ms;
  gint64            drag_id;
  guint             drag_lane;
  double            preview_start, preview_end;
  double            pointer_x;
};

enum
{
  SIGNAL_SEEK,
  SIGNAL_SEGMENT_DRAWN,
  SIGNAL_SEGMENT_RESIZED,
  SIGNAL_SEGMENT_ACTIVATED,
  SIGNAL_VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CairnWaveform, cairn_waveform, GTK_TYPE_WIDGET)

/* Lane colours, as the label palette's defaults go: distinct in light and dark styles. */
static const double lane_colors[][3] = {
  { 0.31, 0.47, 0.65 }, { 0.88, 0.34, 0.35 }, { 0.35, 0.63, 0.31 }, { 0.95, 0.56, 0.17 },
  { 0.69, 0.48, 0.63 }, { 0.46, 0.72, 0.70 }, { 0.93, 0.79, 0.28 }, { 0.61, 0.46, 0.37 },
};

static void
lane_color (guint lane, double *r, double *g, double *b)
{
  const double *c = lane_colors[lane % G_N_ELEMENTS (lane_colors)];

  *r = c[0];
  *g = c[1];
  *b = c[2];
}

static guint
n_lanes (CairnWaveform *self)
{
  return self->overview || self->lanes == NULL ? 0 : MAX (self->lanes->len, 1);
}

static double
wave_top (CairnWaveform *self)
{
  return self->overview ? 0 : RULER_HEIGHT;
}

static double
wave_bottom (CairnWaveform *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - n_lanes (self) * LANE_HEIGHT;
}

static void
shown_range (CairnWaveform *self, double *start, double *end)
{
  if (self->overview)
    {
      *start = 0;
      *end = MAX (self->duration, 1);
    }
  else
    {
      *start = self->view_start;
      *end = MAX (self->view_end, self->view_start + 1);
    }
}

double
cairn_waveform_x_to_ms (CairnWaveform *self,
                        double         x)
{
  double s, e, w = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);

  shown_range (self, &s, &e);
  return s + x * (e - s) / w;
}

double
cairn_waveform_ms_to_x (CairnWaveform *self,
                        double         ms)
{
  double s, e, w = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);

  shown_range (self, &s, &e);
  return (ms - s) * w / (e - s);
}

double
cairn_waveform_lane_y (CairnWaveform *self,
                       guint          lane)
{
  return wave_bottom (self) + (lane + 0.5) * LANE_HEIGHT;
}

double
cairn_waveform_wave_y (CairnWaveform *self)
{
  return (wave_top (self) + wave_bottom (self)) / 2;
}

guint
cairn_waveform_get_full_draws (CairnWaveform *self)
{
  return self->full_draws;
}

guint
cairn_waveform_get_peak_draws (CairnWaveform *self)
{
  return self->peak_draws;
}

static char *
format_time (double ms, double step)
{
  gint64 t = (gint64) llround (MAX (ms, 0));
  gint64 h = t / 3600000, m = t / 60000 % 60, s = t / 1000 % 60, frac = t % 1000;

  if (step < 100)
    return h ? g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                                ".%02" G_GINT64_FORMAT, h, m, s, frac / 10)
             : g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                m, s, frac / 10);
  if (step < 1000)
    return h ? g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                                ".%" G_GINT64_FORMAT, h, m, s, frac / 100)
             : g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                m, s, frac / 100);
  return h ? g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                              h, m, s)
           : g_strdup_printf ("%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, m, s);
}

static void
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_ruler (CairnWaveform *self, cairo_t *cr, PangoLayout *layout, GdkRGBA *fg, double w)
{
  static const double steps[] = { 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000,
                                  30000, 60000, 120000, 300000, 600000, 900000, 1800000,
                                  3600000 };
  double s, e, step = steps[G_N_ELEMENTS (steps) - 1];

  shown_range (self, &s, &e);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * w / (e - s) >= 90)
      {
        step = steps[i];
        break;
      }
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
  cairo_set_line_width (cr, 1);
  for (double t = floor (s / step) * step; t <= e; t += step)
    {
      double x = round (cairn_waveform_ms_to_x (self, t)) + 0.5;
      g_autofree char *label = format_time (t, step);

      if (x < 0)
        continue;
      cairo_move_to (cr, x, RULER_HEIGHT - 6);
      cairo_line_to (cr, x, RULER_HEIGHT);
      /* Minor ticks at fifths. */
      for (int k = 1; k < 5; k++)
        {
          double mx = round (cairn_waveform_ms_to_x (self, t + k * step / 5)) + 0.5;

          cairo_move_to (cr, mx, RULER_HEIGHT - 3);
          cairo_line_to (cr, mx, RULER_HEIGHT);
        }
      cairo_stroke (cr);
      draw_text (cr, layout, label, x + 3, 2);
    }
  cairo_move_to (cr, 0, RULER_HEIGHT - 0.5);
  cairo_line_to (cr, w, RULER_HEIGHT - 0.5);
  cairo_stroke (cr);
}

static void
draw_wave (CairnWaveform *self, cairo_t *cr, GdkRGBA *fg, double w)
{
  double top = wave_top (self), bottom = wave_bottom (self);
  double mid = (top + bottom) / 2, half = (bottom - top) / 2 - 2;
  double s, e, per_px;

  shown_range (self, &s, &e);
  per_px = (e - s) / MAX (w, 1);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25);
  cairo_rectangle (cr, 0, round (mid), w, 1);
  cairo_fill (cr);
  if (self->peaks == NULL)
    return;
  self->peak_draws++;
  cairo_set_source_rgba (cr, 0.20, 0.52, 0.89, 1);
  for (int x = 0; x < (int) w; x++)
    {
      double t0 = s + x * per_px;
      float lo, hi;

      if (!cairn_peaks_range (self->peaks, t0, t0 + per_px, &lo, &hi))
        continue;
      cairo_rectangle (cr, x, mid - hi * half, 1, MAX ((hi - lo) * half, 1));
    }
  cairo_fill (cr);
  if (self->duration > 0
      && cairn_peaks_get_duration_ms (self->peaks) + 5 >= self->duration)
    self->full_draws++;
}

static gboolean
segment_shown (CairnWaveform *self, const CairnAnnotation *a, double s, double e)
{
  return cairn_segment_end (a) >= s && cairn_segment_start (a) <= e;
}

/* tint: the faint band over the waveform; else the boxes in the lanes. */
static void
draw_segments (CairnWaveform *self, cairo_t *cr, PangoLayout *layout, GdkRGBA *fg, double w,
               gboolean tint)
{
  double s, e;
  double top = wave_top (self), bottom = wave_bottom (self);

  shown_range (self, &s, &e);
  if (self->segments == NULL)
    return;
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CairnAnnotation *a = self->segments->pdata[i];
      guint lane = self->lane_of ? self->lane_of[i] : 0;
      double x0, x1, r, g, b;
      gboolean selected = a->id == self->selected, current = a->id == self->current;

      if (!segment_shown (self, a, s, e))
        continue;
      if (self->drag == DRAG_START_EDGE || self->drag == DRAG_END_EDGE)
        if (a->id == self->drag_id)
          continue;
      x0 = cairn_waveform_ms_to_x (self, cairn_segment_start (a));
      x1 = MAX (cairn_waveform_ms_to_x (self, cairn_segment_end (a)), x0 + 1);
      lane_color (lane, &r, &g, &b);
      /* Over the waveform, faint; in its lane, solid. */
      if (tint)
        {
          cairo_set_source_rgba (cr, r, g, b, selected ? 0.28 : current ? 0.20 : 0.10);
          cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
          cairo_fill (cr);
          continue;
        }
      {
        double y = bottom + lane * LANE_HEIGHT + 2;

        cairo_set_source_rgba (cr, r, g, b, selected ? 0.95 : 0.65);
        cairo_rectangle (cr, x0, y, x1 - x0, LANE_HEIGHT - 4);
        cairo_fill (cr);
        if (selected || current)
          {
            cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, selected ? 1 : 0.7);
            cairo_set_line_width (cr, selected ? 2 : 1);
            cairo_rectangle (cr, x0 + 1, y + 1, x1 - x0 - 2, LANE_HEIGHT - 6);
            cairo_stroke (cr);
          }
        if (x1 - x0 > 24 && a->text && *a->text)
          {
            g_autofree char *line = g_strdelimit (g_strdup (a->text), "\n\t", ' ');

            cairo_save (cr);
            cairo_rectangle (cr, x0 + 3, y, x1 - x0 - 6, LANE_HEIGHT - 4);
            cairo_clip (cr);
            cairo_set_source_rgb (cr, 1, 1, 1);
            draw_text (cr, layout, line, x0 + 4, y + 2);
            cairo_restore (cr);
          }
      }
    }
}

/* Where each lane's first segment starting right of the view's edge starts (G_MAXDOUBLE for
 * none): one pass over the segments for all lanes. */
static double *
first_starts (CairnWaveform *self, guint lanes)
{
  double *first = g_new (double, MAX (lanes, 1));

  for (guint l = 0; l < lanes; l++)
    first[l] = G_MAXDOUBLE;
  for (guint i = 0; self->segments && i < self->segments->len; i++)
    {
      guint lane = self->lane_of ? self->lane_of[i] : 0;
      double x0;

      if (lane >= lanes)
        continue;
      x0 = cairn_waveform_ms_to_x (self, cairn_segment_start (self->segments->pdata[i]));
      if (x0 > 0 && x0 < first[lane])
        first[lane] = x0;
    }
  return first;
}

/* names: the speakers' names, over the segments (on a pale ground, to stay legible); else
 * the lanes' grounds, under them. */
static void
draw_lanes (CairnWaveform *self, cairo_t *cr, PangoLayout *layout, GdkRGBA *fg, double w,
            gboolean names)
{
  double bottom = wave_bottom (self);
  g_autofree double *first = names ? first_starts (self, n_lanes (self)) : NULL;

  for (guint l = 0; l < n_lanes (self); l++)
    {
      const char *name = self->lanes && l < self->lanes->len ? self->lanes->pdata[l] : "";
      double y = bottom + l * LANE_HEIGHT, r, g, b, box;
      int tw, th;

      lane_color (l, &r, &g, &b);
      if (!names)
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, l % 2 ? 0.03 : 0.06);
          cairo_rectangle (cr, 0, y, w, LANE_HEIGHT);
          cairo_fill (cr);
          continue;
        }
      pango_layout_set_text (layout, *name ? name : _("No speaker"), -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* A segment starting under the name keeps its start in sight: the name gives way. */
      box = MAX (MIN (tw + 12.0, first[l] - 1), 4.0);
      cairo_save (cr);
      cairo_rectangle (cr, 0, y + 2, box, LANE_HEIGHT - 4);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1 - fg->red, 1 - fg->green, 1 - fg->blue, 0.75);
      cairo_paint (cr);
      /* A letter or two says nothing: then the colour alone. */
      if (box >= 28)
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
          cairo_move_to (cr, 8, y + 4);
          pango_cairo_show_layout (cr, layout);
        }
      cairo_restore (cr);
      cairo_set_source_rgba (cr, r, g, b, 1);
      cairo_rectangle (cr, 0, y + 2, 4, LANE_HEIGHT - 4);
      cairo_fill (cr);
    }
}

static void
cairn_waveform_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CairnWaveform *self = CAIRN_WAVEFORM (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  cairo_t *cr;
  GdkRGBA fg;

  if (w <= 0 || h <= 0)
    {
      pango_font_description_free (font);
      return;
    }
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
  cairo_paint (cr);

  if (self->message != NULL && self->peaks == NULL)
    {
      int tw, th;

      pango_layout_set_text (layout, self->message, -1);
      pango_layout_set_width (layout, (int) (w - 24) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_move_to (cr, 12, (h - th) / 2);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_width (layout, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      if (self->overview)
        {
          cairo_destroy (cr);
          return;
        }
    }
  if (!self->overview)
    draw_ruler (self, cr, layout, &fg, w);
  draw_segments (self, cr, layout, &fg, w, TRUE);
  draw_wave (self, cr, &fg, w);
  if (!self->overview)
    {
      draw_lanes (self, cr, layout, &fg, w, FALSE);
      draw_segments (self, cr, layout, &fg, w, FALSE);
      draw_lanes (self, cr, layout, &fg, w, TRUE);
    }

  /* A segment being drawn or resized. */
  if (self->drag == DRAG_CREATE || self->drag == DRAG_START_EDGE || self->drag == DRAG_END_EDGE)
    {
      double x0 = cairn_waveform_ms_to_x (self, self->preview_start);
      double x1 = cairn_waveform_ms_to_x (self, self->preview_end);

      cairo_set_source_rgba (cr, 0.95, 0.56, 0.17, 0.30);
      cairo_rectangle (cr, x0, wave_top (self), x1 - x0, h - wave_top (self));
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.95, 0.56, 0.17, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x0 + 0.5, wave_top (self) + 0.5, x1 - x0 - 1, h - wave_top (self) - 1);
      cairo_stroke (cr);
    }

  /* The overview marks the detail's stretch. */
  if (self->overview && self->view_end > self->view_start)
    {
      double x0 = cairn_waveform_ms_to_x (self, self->view_start);
      double x1 = MAX (cairn_waveform_ms_to_x (self, self->view_end), x0 + 2);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_rectangle (cr, x0, 0, x1 - x0, h);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x0 + 0.5, 0.5, x1 - x0 - 1, h - 1);
      cairo_stroke (cr);
    }

  /* The play head. */
  {
    double x = round (cairn_waveform_ms_to_x (self, self->position)) + 0.5;

    if (x >= 0 && x <= w)
      {
        cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
        cairo_set_line_width (cr, 1.5);
        cairo_move_to (cr, x, 0);
        cairo_line_to (cr, x, h);
        cairo_stroke (cr);
      }
  }
  cairo_destroy (cr);
}

static void
cairn_waveform_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CairnWaveform *self = CAIRN_WAVEFORM (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 800;
    }
  else
    {
      int lanes = (int) (MAX (n_lanes (self), self->overview ? 0 : 2) * LANE_HEIGHT);

      *minimum = self->overview ? 40 : (int) RULER_HEIGHT + 80 + lanes;
      *natural = self->overview ? 48 : (int) RULER_HEIGHT + 160 + lanes;
    }
}

/* Pointer work */

static gboolean
find_edge (CairnWaveform *self, double x, gint64 *id, gboolean *start_edge)
{
  double best = EDGE_GRAB + 1;
  double s, e;

  if (self->segments == NULL || self->overview)
    return FALSE;
  shown_range (self, &s, &e);
  /* The selected segment's edges first: they are what one is working on. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->segments->len; i++)
        {
          const CairnAnnotation *a = self->segments->pdata[i];
          double d0, d1;

          if ((pass == 0) != (a->id == self->selected) || !segment_shown (self, a, s, e))
            continue;
          d0 = fabs (cairn_waveform_ms_to_x (self, cairn_segment_start (a)) - x);
          d1 = fabs (cairn_waveform_ms_to_x (self, cairn_segment_end (a)) - x);
          if (MIN (d0, d1) < best)
            {
              best = MIN (d0, d1);
              *id = a->id;
              *start_edge = d0 <= d1;
            }
        }
      if (best <= EDGE_GRAB)
        return TRUE;
    }
  return FALSE;
}

static const CairnAnnotation *
find_segment (CairnWaveform *self, gint64 id)
{
  for (guint i = 0; self->segments && i < self->segments->len; i++)
    if (((const CairnAnnotation *) self->segments->pdata[i])->id == id)
      return self->segments->pdata[i];
  return NULL;
}

/* The segment drawn at (x, y) in the lanes, or in the waveform the one under x that was
 * selected, else the latest to start. */
static const CairnAnnotation *
segment_at (CairnWaveform *self, double x, double y)
{
  double ms = cairn_waveform_x_to_ms (self, x);
  guint lane = G_MAXUINT;
  const CairnAnnotation *hit = NULL;

  if (self->segments == NULL)
    return NULL;
  if (y >= wave_bottom (self))
    lane = (guint) ((y - wave_bottom (self)) / LANE_HEIGHT);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CairnAnnotation *a = self->segments->pdata[i];

      if (ms < cairn_segment_start (a) || ms >= cairn_segment_end (a))
        continue;
      if (lane != G_MAXUINT && self->lane_of && self->lane_of[i] != lane)
        continue;
      if (a->id == self->selected)
        return a;
      if (hit == NULL || cairn_segment_start (a) > cairn_segment_start (hit))
        hit = a;
    }
  return hit;
}

static guint
lane_at (CairnWaveform *self, double y)
{
  if (self->overview || y < wave_bottom (self))
    return G_MAXUINT;
  return MIN ((guint) ((y - wave_bottom (self)) / LANE_HEIGHT), n_lanes (self) - 1);
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  CairnWaveform  *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->press_x = x;
  self->press_y = y;
  self->press_ms = cairn_waveform_x_to_ms (self, x);
  self->drag = DRAG_PENDING;
  if (self->overview || y < wave_top (self))
    {
      self->drag = DRAG_SEEK;
      g_signal_emit (self, signals[SIGNAL_SEEK], 0, CLAMP (self->press_ms, 0, self->duration));
    }
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   CairnWaveform  *self)
{
  double ms = cairn_waveform_x_to_ms (self, self->press_x + dx);
  gboolean start_edge;

  if (self->drag == DRAG_SEEK)
    {
      g_signal_emit (self, signals[SIGNAL_SEEK], 0, CLAMP (ms, 0, self->duration));
      return;
    }
  if (self->drag == DRAG_PENDING)
    {
      if (fabs (dx) < DRAG_START)
        return;
      if (find_edge (self, self->press_x, &self->drag_id, &start_edge))
        {
          const CairnAnnotation *a = find_segment (self, self->drag_id);

          self->drag = start_edge ? DRAG_START_EDGE : DRAG_END_EDGE;
          self->preview_start = cairn_segment_start (a);
          self->preview_end = cairn_segment_end (a);
        }
      else
        {
          self->drag = DRAG_CREATE;
          self->drag_lane = lane_at (self, self->press_y);
        }
    }
  ms = CLAMP (ms, 0, self->duration > 0 ? self->duration : G_MAXDOUBLE);
  if (self->drag == DRAG_CREATE)
    {
      self->preview_start = MIN (self->press_ms, ms);
      self->preview_end = MAX (self->press_ms, ms);
    }
  else if (self->drag == DRAG_START_EDGE)
    self->preview_start = ms;
  else if (self->drag == DRAG_END_EDGE)
    self->preview_end = ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CairnWaveform  *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean snap = (mods & GDK_SHIFT_MASK) != 0;
  DragKind kind = self->drag;

  self->drag = DRAG_NONE;
  switch (kind)
    {
    case DRAG_PENDING:
      {
        /* A click: the segment there is chosen, the play head goes there. */
        const CairnAnnotation *a = segment_at (self, self->press_x, self->press_y);

        if (a != NULL)
          g_signal_emit (self, signals[SIGNAL_SEGMENT_ACTIVATED], 0, a->id);
        if (self->press_y < wave_bottom (self) || a == NULL)
          g_signal_emit (self, signals[SIGNAL_SEEK], 0, CLAMP (self->press_ms, 0, self->duration));
        break;
      }
    case DRAG_CREATE:
      g_signal_emit (self, signals[SIGNAL_SEGMENT_DRAWN], 0, self->preview_start,
                     self->preview_end, self->drag_lane, snap);
      break;
    case DRAG_START_EDGE:
    case DRAG_END_EDGE:
      g_signal_emit (self, signals[SIGNAL_SEGMENT_RESIZED], 0, self->drag_id,
                     MIN (self->preview_start, self->preview_end),
                     MAX (self->preview_start, self->preview_end), snap,
                     kind == DRAG_START_EDGE);
      break;
    case DRAG_NONE:
    case DRAG_SEEK:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CairnWaveform            *self)
{
  gint64 id;
  gboolean start_edge;

  self->pointer_x = x;
  if (self->drag != DRAG_NONE)
    return;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   !self->overview && y >= wave_top (self)
                                   && find_edge (self, x, &id, &start_edge) ? "col-resize" : NULL);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *scroll,
              double                    dx,
              double                    dy,
              CairnWaveform            *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double span = self->view_end - self->view_start;
  double x = 0;

  if (self->overview)
    return FALSE;
  x = self->pointer_x;
  if (mods & GDK_CONTROL_MASK)
    cairn_waveform_zoom (self, dy < 0 ? 1.25 : 0.8, cairn_waveform_x_to_ms (self, x));
  else
    {
      double shift = (fabs (dx) > fabs (dy) ? dx : dy) * span / 10;

      cairn_waveform_set_view (self, self->view_start + shift, self->view_end + shift);
    }
  return TRUE;
}

static void
cairn_waveform_finalize (GObject *object)
{
  CairnWaveform *self = CAIRN_WAVEFORM (object);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_free (self->lane_of);
  g_free (self->message);
  G_OBJECT_CLASS (cairn_waveform_parent_class)->finalize (object);
}

static void
cairn_waveform_class_init (CairnWaveformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cairn_waveform_finalize;
  widget_class->snapshot = cairn_waveform_snapshot;
  widget_class->measure = cairn_waveform_measure;

  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* start, end (ms), the lane it was drawn in (G_MAXUINT: over the waveform), snap. */
  signals[SIGNAL_SEGMENT_DRAWN] = g_signal_new ("segment-drawn", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                                                G_TYPE_UINT, G_TYPE_BOOLEAN);
  /* id, start, end, snap, whether the start edge moved. */
  signals[SIGNAL_SEGMENT_RESIZED] = g_signal_new ("segment-resized", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 5, G_TYPE_INT64, G_TYPE_DOUBLE,
                                                  G_TYPE_DOUBLE, G_TYPE_BOOLEAN,
                                                  G_TYPE_BOOLEAN);
  signals[SIGNAL_SEGMENT_ACTIVATED] = g_signal_new ("segment-activated",
                                                    G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                    G_TYPE_INT64);
  signals[SIGNAL_VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "waveform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cairn_waveform_init (CairnWaveform *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (
    GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  self->view_end = 10000;
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cairn_waveform_new (gboolean overview)
{
  CairnWaveform *self = g_object_new (CAIRN_TYPE_WAVEFORM, NULL);

  self->overview = overview;
  if (overview)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overview");
  return GTK_WIDGET (self);
}

void
cairn_waveform_set_peaks (CairnWaveform    *self,
                          const CairnPeaks *peaks,
                          double            duration_ms)
{
  g_return_if_fail (CAIRN_IS_WAVEFORM (self));
  self->peaks = peaks;
  if (duration_ms != self->duration)
    {
      self->duration = duration_ms;
      if (!self->overview)
        cairn_waveform_set_view (self, self->view_start, self->view_end);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_waveform_set_segments (CairnWaveform *self,
                             GPtrArray     *segments,
                             GPtrArray     *lanes,
                             const guint   *lane_of)
{
  guint old_lanes = n_lanes (self);

  g_return_if_fail (CAIRN_IS_WAVEFORM (self));
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->lane_of, g_free);
  if (segments != NULL)
    {
      self->segments = g_ptr_array_ref (segments);
      self->lanes = lanes ? g_ptr_array_ref (lanes) : NULL;
      self->lane_of = lane_of ? g_memdup2 (lane_of, MAX (segments->len, 1) * sizeof (guint))
                              : NULL;
    }
  if (n_lanes (self) != old_lanes)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_waveform_set_selected (CairnWaveform *self,
                             gint64         id)
{
  if (self->selected == id)
    return;
  self->selected = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_waveform_set_current (CairnWaveform *self,
                            gint64         id)
{
  if (self->current == id)
    return;
  self->current = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_waveform_set_position (CairnWaveform *self,
                             double         ms)
{
  if (self->position == ms)
    return;
  self->position = ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_waveform_set_view (CairnWaveform *self,
                         double         start_ms,
                         double         end_ms)
{
  double span = MAX (end_ms - start_ms, CAIRN_WAVEFORM_MIN_SPAN_MS);

  g_return_if_fail (CAIRN_IS_WAVEFORM (self));
  if (!self->overview && self->duration > 0)
    {
      span = MIN (span, MAX (self->duration, CAIRN_WAVEFORM_MIN_SPAN_MS));
      start_ms = CLAMP (start_ms, 0, MAX (self->duration - span, 0));
    }
  else
    start_ms = MAX (start_ms, 0);
  if (start_ms == self->view_start && start_ms + span == self->view_end)
    return;
  self->view_start = start_ms;
  self->view_end = start_ms + span;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
cairn_waveform_get_view (CairnWaveform *self,
                         double        *start_ms,
                         double        *end_ms)
{
  *start_ms = self->view_start;
  *end_ms = self->view_end;
}

void
cairn_waveform_zoom (CairnWaveform *self,
                     double         factor,
                     double         around_ms)
{
  double span = (self->view_end - self->view_start) / factor;
  double frac = (around_ms - self->view_start) / MAX (self->view_end - self->view_start, 1);

  span = MAX (span, CAIRN_WAVEFORM_MIN_SPAN_MS);
  cairn_waveform_set_view (self, around_ms - frac * span, around_ms - frac * span + span);
}

void
cairn_waveform_follow (CairnWaveform *self,
                       double         ms)
{
  double span = self->view_end - self->view_start;

  if (ms >= self->view_start && ms <= self->view_end)
    return;
  /* A page on, with a little of the last one kept. */
  cairn_waveform_set_view (self, ms - span * 0.05, ms + span * 0.95);
}

void
cairn_waveform_set_message (CairnWaveform *self,
                            const char    *message)
{
  g_return_if_fail (CAIRN_IS_WAVEFORM (self));
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
