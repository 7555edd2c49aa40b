#define G_LOG_DOMAIN "cairn-tool"

#include <math.h>

#include "cairn-draw-overlay.h"

#define MIN_SIZE 3.0

void
cairn_draw_guides (CairnCanvas *canvas,
                   cairo_t     *cr,
                   double       zoom)
{
  double x, y;
  int w, h;

  if (!cairn_canvas_get_pointer (canvas, &x, &y))
    return;
  cairn_canvas_get_image_size (canvas, &w, &h);
  if (x < 0 || y < 0 || x > w || y > h)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 / zoom);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_move_to (cr, x, 0);
  cairo_line_to (cr, x, h);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, w, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Strokes cr's path dashed in the current label's colour over a dark halo. */
void
cairn_draw_pending (CairnCanvas *canvas,
                    cairo_t     *cr,
                    double       zoom)
{
  double dash = 6.0 / zoom, r, g, b;

  cairn_canvas_get_current_colour (canvas, &r, &g, &b);
  cairo_set_line_width (cr, 3.0 / zoom);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.5 / zoom);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
cairn_drag_rect_start (CairnDragRect        *rect,
                       CairnCanvas          *canvas,
                       const CairnToolEvent *event)
{
  rect->x0 = event->x;
  rect->y0 = event->y;
  cairn_canvas_clamp_to_image (canvas, &rect->x0, &rect->y0);
  rect->x1 = rect->x0;
  rect->y1 = rect->y0;
}

void
cairn_drag_rect_update (CairnDragRect        *rect,
                        CairnCanvas          *canvas,
                        const CairnToolEvent *event)
{
  rect->x1 = event->x;
  rect->y1 = event->y;
  cairn_canvas_clamp_to_image (canvas, &rect->x1, &rect->y1);
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

gboolean
cairn_drag_rect_big_enough (const CairnDragRect *rect,
                            CairnCanvas         *canvas)
{
  double zoom = cairn_canvas_get_zoom (canvas);

  return fabs (rect->x1 - rect->x0) * zoom >= MIN_SIZE
         && fabs (rect->y1 - rect->y0) * zoom >= MIN_SIZE;
}

void
cairn_drag_rect_get (const CairnDragRect *rect,
                     double              *x,
                     double              *y,
                     double              *w,
                     double              *h)
{
  *x = MIN (rect->x0, rect->x1);
  *y = MIN (rect->y0, rect->y1);
  *w = fabs (rect->x1 - rect->x0);
  *h = fabs (rect->y1 - rect->y0);
}
