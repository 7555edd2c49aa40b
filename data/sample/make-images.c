/* make-images.c: draws the sample project's images and writes down what it drew.
 *
 * Usage: make-images OUT_DIR
 *   OUT_DIR/NAME.png  every scene, 640 × 480, upright (make-images.sh turns some into JPEG)
 *   OUT_DIR/shapes.json  {"images": [{"uri": "images/NAME.EXT", "annotations": [...]}]}
 *
 * Every annotation is computed from the very numbers the drawing used, so boxes, polygons,
 * keypoints and masks lie exactly on the drawn objects. Deterministic: no clocks, a fixed LCG.
 * Dedicated to the public domain (CC0 1.0), like the images it makes. */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#define W 640
#define H 480

typedef struct
{
  cairo_t *cr;
  GString *json;  /* the scene's annotations */
  guint    n;     /* annotations written so far */
  guint32  seed;
} Scene;

typedef struct
{
  double x0, y0, x1, y1;
} Bounds;

typedef void (*ShapeFunc) (cairo_t *cr, gconstpointer data);

/* ---- small helpers ----------------------------------------------------------------------- */

static double
rnd (Scene *s)
{
  s->seed = s->seed * 1664525u + 1013904223u;
  return (s->seed >> 8) / (double) (1u << 24);
}

static void
rgb (cairo_t *cr, guint32 hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                        (hex & 0xff) / 255.0);
}

static void
rgba (cairo_t *cr, guint32 hex, double alpha)
{
  cairo_set_source_rgba (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                         (hex & 0xff) / 255.0, alpha);
}

static void
fill_rect (cairo_t *cr, guint32 hex, double x, double y, double w, double h)
{
  rgb (cr, hex);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
}

static void
fill_circle (cairo_t *cr, guint32 hex, double x, double y, double r)
{
  rgb (cr, hex);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
ellipse_path (cairo_t *cr, double cx, double cy, double rx, double ry, double angle)
{
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_rotate (cr, angle * G_PI / 180);
  cairo_scale (cr, rx, ry);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
}

static void
line (cairo_t *cr, guint32 hex, double width, double x0, double y0, double x1, double y1)
{
  rgb (cr, hex);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

static void
poly_path (cairo_t *cr, const double *xy, guint n_points)
{
  cairo_move_to (cr, xy[0], xy[1]);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
  cairo_close_path (cr);
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
vertical_gradient (cairo_t *cr, guint32 top, guint32 bottom, double y0, double y1)
{
  cairo_pattern_t *p = cairo_pattern_create_linear (0, y0, 0, y1);

  cairo_pattern_add_color_stop_rgb (p, 0, ((top >> 16) & 0xff) / 255.0,
                                    ((top >> 8) & 0xff) / 255.0, (top & 0xff) / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, ((bottom >> 16) & 0xff) / 255.0,
                                    ((bottom >> 8) & 0xff) / 255.0, (bottom & 0xff) / 255.0);
  cairo_set_source (cr, p);
  cairo_rectangle (cr, 0, y0, W, y1 - y0);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
}

static Bounds
bounds_empty (void)
{
  return (Bounds) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
}

static void
bounds_add (Bounds *b, double x, double y, double pad)
{
  b->x0 = MIN (b->x0, x - pad);
  b->y0 = MIN (b->y0, y - pad);
  b->x1 = MAX (b->x1, x + pad);
  b->y1 = MAX (b->y1, y + pad);
}

static void
bounds_clip (Bounds *b)
{
  b->x0 = CLAMP (b->x0, 0, W);
  b->x1 = CLAMP (b->x1, 0, W);
  b->y0 = CLAMP (b->y0, 0, H);
  b->y1 = CLAMP (b->y1, 0, H);
}

/* ---- the JSON of what was drawn ---------------------------------------------------------- */

static void
json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Tenths of a pixel are plenty, and round numbers print without ".0". */
static void
json_number (GString *out, double v)
{
  double r = round (v * 10) / 10;

  if (r == floor (r))
    g_string_append_printf (out, "%.0f", r == 0 ? 0 : r);
  else
    g_string_append_printf (out, "%.1f", r);
}

static void
json_numbers (GString *out, const double *v, guint n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i)
        g_string_append (out, ", ");
      json_number (out, v[i]);
    }
  g_string_append_c (out, ']');
}

static void
ann_begin (Scene *s, const char *kind, const char *label)
{
  g_string_append (s->json, s->n++ ? ",\n      " : "\n      ");
  g_string_append_printf (s->json, "{\"kind\": \"%s\", \"label\": \"%s\"", kind, label);
}

/* attributes: the inside of a JSON object, e.g. "\"occluded\": true", or NULL. */
static void
ann_end (Scene *s, const char *attributes)
{
  if (attributes)
    g_string_append_printf (s->json, ", \"attributes\": {%s}", attributes);
  g_string_append_c (s->json, '}');
}

static void
ann_numbers (Scene *s, const char *kind, const char *label, const double *v, guint n,
             const char *attributes)
{
  ann_begin (s, kind, label);
  g_string_append (s->json, ", \"geometry\": ");
  json_numbers (s->json, v, n);
  ann_end (s, attributes);
}

static void
ann_tag (Scene *s, const char *label)
{
  ann_begin (s, "tag", label);
  ann_end (s, NULL);
}

static void
ann_box (Scene *s, const char *label, Bounds b, const char *attributes)
{
  double v[4] = { b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0 };

  ann_numbers (s, "box", label, v, 4, attributes);
}

static void
ann_ocr (Scene *s, const char *label, Bounds b, const char *text)
{
  double v[4] = { b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0 };

  ann_begin (s, "ocr", label);
  g_string_append (s->json, ", \"geometry\": ");
  json_numbers (s->json, v, 4);
  g_string_append (s->json, ", \"text\": ");
  json_string (s->json, text);
  ann_end (s, NULL);
}

/* kind: "polygon" or "polyline"; rings[i] holds n_points[i] x, y pairs. */
static void
ann_rings (Scene *s, const char *kind, const char *label, guint n_rings,
           const double *const *rings, const guint *n_points, const char *attributes)
{
  ann_begin (s, kind, label);
  g_string_append (s->json, ", \"geometry\": [");
  for (guint r = 0; r < n_rings; r++)
    {
      if (r)
        g_string_append (s->json, ", ");
      json_numbers (s->json, rings[r], 2 * n_points[r]);
    }
  g_string_append_c (s->json, ']');
  ann_end (s, attributes);
}

/* COCO's compressed RLE string: each count (after the first two, minus the one two places
 * back) in 5-bit groups, low first, 0x20 = more follows, offset by '0'. */
static void
rle_string (GString *out, const guint32 *counts, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      long x = counts[i];
      gboolean more = TRUE;

      if (i > 2)
        x -= (long) counts[i - 2];
      while (more)
        {
          char c = x & 0x1f;
          x >>= 5;
          more = (c & 0x10) ? x != -1 : x != 0;
          if (more)
            c |= 0x20;
          g_string_append_c (out, c + 48);
        }
    }
}

/* The mask is whatever shape () paints on a clear A8 surface without antialiasing: it adds
 * with OVER and cuts with CLEAR, using the same paths the scene was drawn with. */
static void
ann_mask (Scene *s, const char *label, ShapeFunc shape, gconstpointer data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, W, H);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint8 *bits;
  int stride;
  guint32 run = 0;
  guint8 current = 0;

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  shape (cr, data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bits = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int x = 0; x < W; x++)
    for (int y = 0; y < H; y++)
      {
        guint8 v = bits[y * stride + x] > 127;
        if (v != current)
          {
            g_array_append_val (counts, run);
            run = 0;
            current = v;
          }
        run++;
      }
  g_array_append_val (counts, run);
  cairo_surface_destroy (surface);

  ann_begin (s, "mask", label);
  g_string_append_printf (s->json, ", \"geometry\": {\"size\": [%d, %d], \"counts\": \"", H, W);
  {
    g_autoptr(GString) text = g_string_new (NULL);
    rle_string (text, (const guint32 *) counts->data, counts->len);
    /* The alphabet runs from '0' to 'o': only '\\' needs escaping in JSON. */
    for (const char *p = text->str; *p; p++)
      {
        if (*p == '\\')
          g_string_append_c (s->json, '\\');
        g_string_append_c (s->json, *p);
      }
  }
  g_string_append (s->json, "\"}");
  ann_end (s, NULL);
}

/* ---- text -------------------------------------------------------------------------------- */

/* Draws text with its top-left at x, y and returns its ink box, padded by 2 px. */
static Bounds
text_at (cairo_t *cr, const char *font, const char *text, double x, double y, guint32 hex)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoRectangle ink;
  Bounds b;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  rgb (cr, hex);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  b = (Bounds) { x + ink.x - 2, y + ink.y - 2, x + ink.x + ink.width + 2,
                 y + ink.y + ink.height + 2 };
  pango_font_description_free (desc);
  g_object_unref (layout);
  return b;
}

static double
text_width (cairo_t *cr, const char *font, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int width;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return width;
}

static Bounds
text_centered (cairo_t *cr, const char *font, const char *text, double cx, double y,
               guint32 hex)
{
  return text_at (cr, font, text, cx - text_width (cr, font, text) / 2, y, hex);
}

/* ---- a boundary tracer, for shapes that are easiest to describe as "inside or not" -------- */

typedef gboolean (*InsideFunc) (double x, double y, gconstpointer data);

static double
segment_distance (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

static void
simplify (const double *xy, guint first, guint last, double tolerance, gboolean *keep)
{
  double worst = 0;
  guint at = first;

  for (guint i = first + 1; i < last; i++)
    {
      double d = segment_distance (xy + 2 * i, xy + 2 * first, xy + 2 * last);
      if (d > worst)
        worst = d, at = i;
    }
  if (worst > tolerance)
    {
      keep[at] = TRUE;
      simplify (xy, first, at, tolerance, keep);
      simplify (xy, at, last, tolerance, keep);
    }
}

/* The outer boundary of the pixels whose centres are inside, traced clockwise (Moore
 * neighbourhood) and simplified to within tolerance px: a polygon one can fill and annotate. */
static GArray *
trace_outline (InsideFunc inside, gconstpointer data, double tolerance)
{
  static const int dx[8] = { 1, 1, 0, -1, -1, -1, 0, 1 };
  static const int dy[8] = { 0, 1, 1, 1, 0, -1, -1, -1 };
  g_autofree guint8 *grid = g_new0 (guint8, (W + 2) * (H + 2));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *keep = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  int sx = -1, sy = -1, x, y, dir = 6;

#define AT(px, py) grid[((py) + 1) * (W + 2) + (px) + 1]
  for (y = 0; y < H; y++)
    for (x = 0; x < W; x++)
      if (inside (x + 0.5, y + 0.5, data))
        {
          AT (x, y) = 1;
          if (sx < 0)
            sx = x, sy = y;
        }
  g_assert (sx >= 0);
  x = sx, y = sy;
  do
    {
      double p[2] = { x + 0.5, y + 0.5 };
      int d;

      g_array_append_vals (path, p, 2);
      /* Look around clockwise, starting just after where we came from. */
      for (d = 0; d < 8; d++)
        {
          int k = (dir + 6 + d) % 8;
          if (AT (x + dx[k], y + dy[k]))
            {
              x += dx[k], y += dy[k], dir = k;
              break;
            }
        }
      g_assert (d < 8);
    }
  while (!(x == sx && y == sy) && path->len < 2 * 4 * W * H);
#undef AT

  keep = g_new0 (gboolean, path->len / 2);
  keep[0] = keep[path->len / 2 - 1] = TRUE;
  simplify ((double *) path->data, 0, path->len / 2 - 1, tolerance, keep);
  for (guint i = 0; i < path->len / 2; i++)
    if (keep[i])
      g_array_append_vals (out, &g_array_index (path, double, 2 * i), 2);
  return out;
}

/* ---- people: stick figures whose joints are the keypoints --------------------------------- */

/* Skeleton of the "person" label: head, neck, l_hand, r_hand, hip, l_foot, r_foot. */
enum { HEAD, NECK, L_HAND, R_HAND, HIP, L_FOOT, R_FOOT, N_JOINTS };

typedef struct
{
  double   p[N_JOINTS][2];
  double   scale;    /* 1 = a head 10 px across... roughly 90 px tall */
  guint32  shirt;
  guint32  trousers;
  guint32  skin;
  guint32  hair;
} Person;

static Bounds
draw_person (cairo_t *cr, const Person *f)
{
  double limb = 5 * f->scale, torso = 9 * f->scale, head_r = 10 * f->scale;
  Bounds b = bounds_empty ();

  line (cr, f->trousers, limb + 1, f->p[HIP][0], f->p[HIP][1], f->p[L_FOOT][0], f->p[L_FOOT][1]);
  line (cr, f->trousers, limb + 1, f->p[HIP][0], f->p[HIP][1], f->p[R_FOOT][0], f->p[R_FOOT][1]);
  line (cr, f->shirt, torso, f->p[NECK][0], f->p[NECK][1], f->p[HIP][0], f->p[HIP][1]);
  line (cr, f->shirt, limb, f->p[NECK][0], f->p[NECK][1], f->p[L_HAND][0], f->p[L_HAND][1]);
  line (cr, f->shirt, limb, f->p[NECK][0], f->p[NECK][1], f->p[R_HAND][0], f->p[R_HAND][1]);
  fill_circle (cr, f->skin, f->p[L_HAND][0], f->p[L_HAND][1], limb * 0.6);
  fill_circle (cr, f->skin, f->p[R_HAND][0], f->p[R_HAND][1], limb * 0.6);
  fill_circle (cr, f->skin, f->p[HEAD][0], f->p[HEAD][1], head_r);
  rgb (cr, f->hair);
  cairo_new_sub_path (cr);
  cairo_arc (cr, f->p[HEAD][0], f->p[HEAD][1], head_r, G_PI * 1.05, G_PI * 1.95);
  cairo_close_path (cr);
  cairo_fill (cr);

  bounds_add (&b, f->p[HEAD][0], f->p[HEAD][1], head_r);
  bounds_add (&b, f->p[NECK][0], f->p[NECK][1], torso / 2);
  bounds_add (&b, f->p[HIP][0], f->p[HIP][1], torso / 2);
  bounds_add (&b, f->p[L_HAND][0], f->p[L_HAND][1], limb * 0.6);
  bounds_add (&b, f->p[R_HAND][0], f->p[R_HAND][1], limb * 0.6);
  bounds_add (&b, f->p[L_FOOT][0], f->p[L_FOOT][1], (limb + 1) / 2);
  bounds_add (&b, f->p[R_FOOT][0], f->p[R_FOOT][1], (limb + 1) / 2);
  return b;
}

static void
person (Scene *s, const Person *f, const char *attributes)
{
  Bounds b = draw_person (s->cr, f);
  double kp[3 * N_JOINTS];

  for (int j = 0; j < N_JOINTS; j++)
    {
      kp[3 * j] = f->p[j][0];
      kp[3 * j + 1] = f->p[j][1];
      kp[3 * j + 2] = 2;
    }
  ann_box (s, "person", b, attributes);
  ann_numbers (s, "keypoints", "person", kp, 3 * N_JOINTS, attributes);
}

/* ---- vehicles ---------------------------------------------------------------------------- */

/* A side view; x is the rear (facing right) or front (facing left) end, y_ground where the
 * wheels touch. Returns the visible bounds, cut at the image edge. */
static Bounds
draw_car (cairo_t *cr, double x, double y_ground, double length, guint32 paint,
          gboolean facing_right)
{
  double r = 0.11 * length, body_top = y_ground - r - 0.16 * length;
  double roof = body_top - 0.14 * length, L = length;
  double f0 = facing_right ? 0.2 : 0.32, f1 = facing_right ? 0.68 : 0.8;
  double cabin[8] = { x + (facing_right ? 0.12 : 0.2) * L, body_top, x + f0 * L + 0.05 * L, roof,
                      x + f1 * L - 0.05 * L, roof, x + (facing_right ? 0.8 : 0.88) * L, body_top };
  double head = facing_right ? x + L - 6 : x, tail = facing_right ? x : x + L - 6;
  Bounds b = { x, roof, x + L, y_ground };

  rgb (cr, paint);
  poly_path (cr, cabin, 4);
  cairo_fill (cr);
  rgb (cr, paint);
  rounded_rect (cr, x, body_top, L, y_ground - 0.6 * r - body_top, 8);
  cairo_fill (cr);
  /* Windows inside the cabin, split by a pillar. */
  {
    double inset = 0.025 * L, mid = x + (f0 + f1) / 2 * L;
    double win[8] = { cabin[0] + 2 * inset, body_top - 2, cabin[2] + inset, roof + inset,
                      cabin[4] - inset, roof + inset, cabin[6] - 2 * inset, body_top - 2 };
    rgb (cr, 0xA9CCE3);
    poly_path (cr, win, 4);
    cairo_fill (cr);
    line (cr, paint, 0.03 * L, mid, roof, mid, body_top);
  }
  fill_rect (cr, 0xFFF3B0, head, body_top + 6, 6, 8);
  fill_rect (cr, 0xC0392B, tail, body_top + 6, 6, 8);
  line (cr, 0x00000, 1, x + 0.45 * L, body_top + 8, x + 0.45 * L, y_ground - r);
  for (int w = 0; w < 2; w++)
    {
      double cx = x + (w ? 0.8 : 0.2) * L;
      fill_circle (cr, 0x222222, cx, y_ground - r, r);
      fill_circle (cr, 0xB0B0B0, cx, y_ground - r, 0.5 * r);
    }
  bounds_clip (&b);
  return b;
}

static Bounds
draw_bus (Scene *s, double x, double y_ground, double length, guint32 paint)
{
  cairo_t *cr = s->cr;
  double r = 18, top = y_ground - 112;
  Bounds b = { x, top, x + length, y_ground };

  rgb (cr, paint);
  rounded_rect (cr, x, top, length, y_ground - r * 0.5 - top, 10);
  cairo_fill (cr);
  for (double wx = x + 12; wx + 36 < x + length - 10; wx += 44)
    {
      gboolean lit = rnd (s) < 0.8;
      fill_rect (cr, lit ? 0xFFE29A : 0x2F3B4C, wx, top + 14, 36, 32);
    }
  fill_rect (cr, 0x2F3B4C, x + length - 34, top + 14, 24, 70);
  fill_rect (cr, 0xFFFFFF, x + 8, top + 56, length - 60, 5);
  fill_rect (cr, 0xFFF3B0, x + length - 8, top + 78, 8, 12);
  for (int w = 0; w < 2; w++)
    {
      double cx = w ? x + length - 60 : x + 55;
      fill_circle (cr, 0x1A1A1A, cx, y_ground - r, r);
      fill_circle (cr, 0x888888, cx, y_ground - r, 0.45 * r);
    }
  return b;
}

/* ---- scenes ------------------------------------------------------------------------------ */

typedef struct
{
  double x, top, w;
  guint32 wall, window;
} Building;

static void
draw_buildings (Scene *s, const Building *list, guint n, double bottom, double lit)
{
  cairo_t *cr = s->cr;

  for (guint i = 0; i < n; i++)
    {
      const Building *b = &list[i];
      fill_rect (cr, b->wall, b->x, b->top, b->w, bottom - b->top);
      for (double wy = b->top + 14; wy + 18 < bottom - 10; wy += 28)
        for (double wx = b->x + 10; wx + 12 < b->x + b->w - 6; wx += 22)
          fill_rect (cr, rnd (s) < lit ? 0xFFD36B : b->window, wx, wy, 12, 16);
    }
}

typedef struct
{
  const Building *buildings;
  guint           n;
  double          horizon;
} SkyShape;

static void
sky_shape (cairo_t *cr, gconstpointer data)
{
  const SkyShape *sky = data;

  cairo_rectangle (cr, 0, 0, W, sky->horizon);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  for (guint i = 0; i < sky->n; i++)
    cairo_rectangle (cr, sky->buildings[i].x, sky->buildings[i].top, sky->buildings[i].w,
                     sky->horizon - sky->buildings[i].top);
  cairo_fill (cr);
}

/* A rounded rectangle as a polygon, so the drawing and the annotation share vertices. */
static guint
rounded_polygon (double *xy, double x, double y, double w, double h, double r)
{
  const double cx[4] = { x + w - r, x + w - r, x + r, x + r };
  const double cy[4] = { y + r, y + h - r, y + h - r, y + r };
  guint n = 0;

  for (int c = 0; c < 4; c++)
    for (int k = 0; k <= 4; k++)
      {
        double a = (c - 1) * G_PI / 2 + k * G_PI / 8;
        xy[2 * n] = round ((cx[c] + r * cos (a)) * 10) / 10;
        xy[2 * n + 1] = round ((cy[c] + r * sin (a)) * 10) / 10;
        n++;
      }
  return n;
}

static void
street_day (Scene *s)
{
  static const Building buildings[] = {
    { 0, 110, 90, 0xB0A8B9, 0x8E8799 },   { 90, 70, 80, 0xC3B8A5, 0x9C927F },
    { 170, 130, 110, 0xA7B8C8, 0x8195A8 }, { 280, 60, 70, 0xD4C4A8, 0xA99A80 },
    { 350, 150, 120, 0xB8A9A0, 0x93857C }, { 470, 90, 90, 0xA9B7A4, 0x84937F },
    { 560, 120, 80, 0xC8B6C0, 0xA0909A },
  };
  const SkyShape sky = { buildings, G_N_ELEMENTS (buildings), 260 };
  cairo_t *cr = s->cr;
  double road[8] = { 0, 310, W, 310, W, H, 0, H };
  double island[40], dashes_a[4], dashes_b[4];
  guint n_island = rounded_polygon (island, 420, 378, 140, 34, 12);
  const double *rings[2] = { road, island };
  guint n_points[2] = { 4, n_island };
  Bounds car;

  vertical_gradient (cr, 0x8EC5FC, 0xE0F0FF, 0, 260);
  fill_circle (cr, 0xFFE27A, 600, 46, 22);
  for (int i = 0; i < 3; i++)
    {
      rgba (cr, 0xFFFFFF, 0.9);
      ellipse_path (cr, 150 + 40 * i, 40 + 4 * i, 34, 12, 0);
      ellipse_path (cr, 420 + 30 * i, 30 - 3 * i, 28, 10, 0);
      cairo_fill (cr);
    }
  draw_buildings (s, buildings, G_N_ELEMENTS (buildings), 260, 0.1);

  fill_rect (cr, 0xCFC8BC, 0, 260, W, 50);
  for (double x = 20; x < W; x += 40)
    line (cr, 0xB9B2A6, 1, x, 260, x, 306);
  fill_rect (cr, 0x9E9990, 0, 306, W, 4);
  fill_rect (cr, 0x55585E, 0, 310, W, 170);
  rgb (cr, 0xF4F4F4);
  dashes_a[0] = 10, dashes_a[1] = 395;
  for (double x = 10; x < 400; x += 70)
    {
      cairo_rectangle (cr, x, 393, 40, 4);
      dashes_a[2] = x + 40, dashes_a[3] = 395;
    }
  dashes_b[0] = 580, dashes_b[1] = 395;
  for (double x = 580; x < W; x += 70)
    {
      cairo_rectangle (cr, x, 393, MIN (40, W - x), 4);
      dashes_b[2] = MIN (x + 40, W), dashes_b[3] = 395;
    }
  cairo_fill (cr);

  ann_tag (s, "daytime");
  ann_tag (s, "outdoor");
  ann_mask (s, "sky", sky_shape, &sky);
  ann_rings (s, "polygon", "road", 2, rings, n_points, NULL);
  {
    const double *lines[2] = { dashes_a, dashes_b };
    guint two[2] = { 2, 2 };
    ann_rings (s, "polyline", "road-marking", 2, lines, two, NULL);
  }

  car = draw_car (cr, 40, 384, 170, 0xD64541, FALSE);
  ann_box (s, "car", car, "\"occluded\": false, \"truncated\": false");
  car = draw_car (cr, 425, 382, 150, 0x2E6DB4, FALSE);
  ann_box (s, "car", car, "\"occluded\": true, \"truncated\": false");

  /* The median island and its tree hide part of the blue car. */
  rgb (cr, 0xA7A29A);
  poly_path (cr, island, n_island);
  cairo_fill (cr);
  {
    double inner[40];
    guint n = rounded_polygon (inner, 424, 382, 132, 26, 9);
    rgb (cr, 0x6AA84F);
    poly_path (cr, inner, n);
    cairo_fill (cr);
  }
  fill_rect (cr, 0x6B4423, 487, 340, 6, 52);
  fill_circle (cr, 0x3E8E41, 490, 336, 30);
  fill_circle (cr, 0x4FA352, 480, 326, 16);

  car = draw_car (cr, 120, 468, 200, 0xC9CDD2, TRUE);
  ann_box (s, "car", car, "\"occluded\": false, \"truncated\": false");
  car = draw_car (cr, 530, 470, 180, 0xF2C12E, TRUE);
  ann_box (s, "car", car, "\"occluded\": false, \"truncated\": true");

  /* Traffic light on the pavement, its housing in front of a building. */
  fill_rect (cr, 0x3A3A3A, 366, 216, 6, 92);
  rgb (cr, 0x2B2B2B);
  rounded_rect (cr, 357, 160, 24, 58, 4);
  cairo_fill (cr);
  fill_circle (cr, 0x5A1E1E, 369, 172, 7);
  fill_circle (cr, 0x5A4A1E, 369, 189, 7);
  fill_circle (cr, 0x2ECC71, 369, 206, 7);
  ann_box (s, "traffic-light", (Bounds) { 357, 160, 381, 218 }, "\"state\": \"green\"");

  {
    Person a = { { { 180, 222 }, { 180, 236 }, { 194, 268 }, { 166, 268 }, { 180, 272 },
                   { 188, 303 }, { 172, 303 } }, 1, 0x3366AA, 0x2B2B2B, 0xE0AC69, 0x2B1B0E };
    Person b = { { { 300, 224 }, { 300, 238 }, { 314, 262 }, { 287, 264 }, { 301, 273 },
                   { 313, 304 }, { 290, 304 } }, 1, 0xC0392B, 0x34495E, 0xC68642, 0x111111 };
    person (s, &a, "\"occluded\": false, \"pose\": \"standing\"");
    person (s, &b, "\"occluded\": false, \"pose\": \"walking\"");
  }
}

static void
street_night (Scene *s)
{
  static const Building buildings[] = {
    { 0, 90, 100, 0x1E2638, 0x2A3348 },   { 100, 130, 90, 0x222B3F, 0x2E374D },
    { 190, 60, 80, 0x1B2233, 0x283045 },  { 270, 120, 130, 0x252E42, 0x313A50 },
    { 400, 80, 70, 0x1F2738, 0x2B3446 },  { 470, 140, 90, 0x232C40, 0x2F384E },
    { 560, 100, 80, 0x1D2435, 0x293144 },
  };
  cairo_t *cr = s->cr;
  double marking[4] = { 0, 385, W, 385 };
  const double *rings[1] = { marking };
  guint two[1] = { 2 };
  Bounds b;

  vertical_gradient (cr, 0x0B1A33, 0x23395B, 0, 250);
  for (int i = 0; i < 40; i++)
    fill_circle (cr, 0xE8ECF5, rnd (s) * W, rnd (s) * 120, 0.6 + rnd (s));
  fill_circle (cr, 0xF4F1DE, 545, 62, 26);
  fill_circle (cr, 0xDAD6C2, 536, 55, 6);
  fill_circle (cr, 0xDAD6C2, 553, 72, 4);
  draw_buildings (s, buildings, G_N_ELEMENTS (buildings), 250, 0.35);
  fill_rect (cr, 0x3B3D42, 0, 250, W, 50);
  fill_rect (cr, 0x2B2D31, 0, 300, W, 180);
  rgb (cr, 0xD8D8D8);
  for (double x = 0; x < W; x += 60)
    cairo_rectangle (cr, x, 383, 34, 4);
  cairo_fill (cr);

  for (int i = 0; i < 2; i++)
    {
      double px = i ? 520 : 120;
      cairo_pattern_t *glow = cairo_pattern_create_radial (px + 18, 152, 2, px + 18, 152, 70);
      cairo_pattern_add_color_stop_rgba (glow, 0, 1, 0.9, 0.6, 0.55);
      cairo_pattern_add_color_stop_rgba (glow, 1, 1, 0.9, 0.6, 0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, px + 18, 152, 70, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
      fill_rect (cr, 0x4A4D55, px - 3, 146, 6, 154);
      line (cr, 0x4A4D55, 4, px, 148, px + 18, 146);
      fill_circle (cr, 0xFFF1C1, px + 18, 152, 6);
    }

  ann_tag (s, "night");
  ann_tag (s, "outdoor");
  ann_rings (s, "polyline", "road-marking", 1, rings, two, NULL);

  b = draw_bus (s, 40, 372, 290, 0x2E8B57);
  ann_box (s, "bus", b, "\"occluded\": false, \"truncated\": false");

  /* Headlight beam first, so the car sits on top of it. */
  rgba (cr, 0xFFF3B0, 0.35);
  cairo_move_to (cr, 366, 428);
  cairo_line_to (cr, 230, 408);
  cairo_line_to (cr, 230, 462);
  cairo_close_path (cr);
  cairo_fill (cr);
  b = draw_car (cr, 360, 462, 180, 0x8E44AD, FALSE);
  ann_box (s, "car", b, "\"occluded\": false, \"truncated\": false");

  {
    Person p = { { { 585, 212 }, { 585, 226 }, { 598, 252 }, { 572, 254 }, { 586, 262 },
                   { 594, 294 }, { 577, 294 } }, 1, 0xF39C12, 0x1C2833, 0xD2A679, 0x3B2A1A };
    person (s, &p, "\"occluded\": false, \"pose\": \"standing\"");
  }
}

static Bounds
cereal (cairo_t *cr, double x, double floor, double w, double h, guint32 paint, const char *brand)
{
  fill_rect (cr, paint, x, floor - h, w, h);
  fill_rect (cr, 0xFFFFFF, x + 6, floor - h + 14, w - 12, 22);
  text_centered (cr, "DejaVu Sans Bold 10", brand, x + w / 2, floor - h + 17, paint);
  fill_circle (cr, 0xF7DC6F, x + w / 2, floor - h / 2 + 12, w / 4);
  line (cr, 0x000000, 1, x + w - 1, floor - h, x + w - 1, floor);
  return (Bounds) { x, floor - h, x + w, floor };
}

static Bounds
can (cairo_t *cr, double x, double floor, guint32 paint, const char *brand)
{
  double w = 40, h = 72;

  fill_rect (cr, paint, x, floor - h + 5, w, h - 10);
  rgb (cr, paint);
  ellipse_path (cr, x + w / 2, floor - 5, w / 2, 5, 0);
  cairo_fill (cr);
  rgb (cr, 0xC8CCD0);
  ellipse_path (cr, x + w / 2, floor - h + 5, w / 2, 5, 0);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, x + w / 2 + 7, floor - h / 2);
  cairo_rotate (cr, -G_PI / 2);
  text_centered (cr, "DejaVu Sans Bold 9", brand, 0, -7, 0xFFFFFF);
  cairo_restore (cr);
  return (Bounds) { x, floor - h, x + w, floor };
}

/* A bottle lying along +x, centred on the origin, 105 × 38. */
static void
bottle_shape (cairo_t *cr, guint32 glass, guint32 label)
{
  rgb (cr, glass);
  rounded_rect (cr, -52.5, -19, 80, 38, 8);
  cairo_fill (cr);
  fill_rect (cr, glass, 27.5, -7, 20, 14);
  fill_rect (cr, 0x1F618D, 47.5, -8, 5, 16);
  fill_rect (cr, label, -40, -19, 44, 38);
}

static Bounds
bottle_upright (cairo_t *cr, double cx, double floor, guint32 glass, guint32 label)
{
  cairo_save (cr);
  cairo_translate (cr, cx, floor - 52.5);
  cairo_rotate (cr, -G_PI / 2);
  bottle_shape (cr, glass, label);
  cairo_restore (cr);
  return (Bounds) { cx - 19, floor - 105, cx + 19, floor };
}

static Bounds
price_tag (cairo_t *cr, double x, double y, const char *price)
{
  fill_rect (cr, 0xFFFFFF, x, y, 60, 20);
  fill_rect (cr, 0xF1C40F, x, y, 6, 20);
  return text_at (cr, "DejaVu Sans Bold 9", price, x + 10, y + 3, 0x111111);
}

static void
shelf_frame (cairo_t *cr, const double *boards, guint n)
{
  fill_rect (cr, 0x8D6E63, 20, 16, 16, 460);
  fill_rect (cr, 0x8D6E63, 604, 16, 16, 460);
  fill_rect (cr, 0x795548, 20, 16, 600, 12);
  for (guint i = 0; i < n; i++)
    {
      fill_rect (cr, 0xA1887F, 36, boards[i], 568, 14);
      fill_rect (cr, 0x6D4C41, 36, boards[i] + 14, 568, 3);
    }
}

static void
shelf_store (Scene *s)
{
  static const double boards[] = { 150, 290, 430 };
  static const struct { const char *brand; guint32 paint; double h; } boxes[] = {
    { "OATY", 0xE67E22, 112 }, { "OATY", 0xE67E22, 112 }, { "CRUNCH", 0x2980B9, 118 },
    { "CRUNCH", 0x2980B9, 118 }, { "BERRY", 0x8E44AD, 104 },
  };
  cairo_t *cr = s->cr;
  char attrs[128];

  vertical_gradient (cr, 0xF4EEE4, 0xE6DCCB, 0, H);
  shelf_frame (cr, boards, G_N_ELEMENTS (boards));
  ann_tag (s, "indoor");

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      Bounds b = cereal (cr, 52 + 108 * i, 150, 84, boxes[i].h, boxes[i].paint, boxes[i].brand);
      int price = g_str_equal (boxes[i].brand, "OATY") ? 3200
                  : g_str_equal (boxes[i].brand, "CRUNCH") ? 3900 : 4500;
      g_snprintf (attrs, sizeof attrs, "\"brand\": \"%s\", \"price\": %d", boxes[i].brand, price);
      ann_box (s, "product", b, attrs);
    }
  for (int i = 0; i < 10; i++)
    {
      gboolean cola = i < 6;
      Bounds b = can (cr, 50 + 54 * i, 290, cola ? 0xC0392B : 0x27AE60, cola ? "COLA" : "FIZZ");
      g_snprintf (attrs, sizeof attrs, "\"brand\": \"%s\", \"price\": %d", cola ? "COLA" : "FIZZ",
                  cola ? 1200 : 1100);
      ann_box (s, "product", b, attrs);
    }
  for (int i = 0; i < 5; i++)
    {
      Bounds b = bottle_upright (cr, 70 + 56 * i, 430, 0x85C1E9, 0xFFFFFF);
      ann_box (s, "product", b, "\"brand\": \"AQUA\", \"price\": 900");
    }
  /* One bottle has tipped over and leans on the shelf edge: a rotated box. */
  cairo_save (cr);
  cairo_translate (cr, 470, 392);
  cairo_rotate (cr, -20 * G_PI / 180);
  bottle_shape (cr, 0x85C1E9, 0xFFFFFF);
  cairo_restore (cr);
  {
    double rbox[5] = { 470, 392, 105, 38, -20 };
    ann_numbers (s, "rbox", "product", rbox, 5, "\"brand\": \"AQUA\", \"price\": 900");
  }

  {
    static const struct { double x, y; const char *text; } tags[] = {
      { 90, 167, "₩3,200" }, { 300, 167, "₩3,900" }, { 480, 167, "₩4,500" },
      { 120, 307, "₩1,200" }, { 440, 307, "₩1,100" }, { 150, 447, "₩900" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
      ann_ocr (s, "price-tag", price_tag (cr, tags[i].x, tags[i].y, tags[i].text), tags[i].text);
  }
}

static void
shelf_fridge (Scene *s)
{
  static const double boards[] = { 160, 310, 450 };
  cairo_t *cr = s->cr;

  vertical_gradient (cr, 0xEAF2F8, 0xD6E4EE, 0, H);
  shelf_frame (cr, boards, G_N_ELEMENTS (boards));
  for (int i = 0; i < 7; i++)
    {
      double x = 50 + 78 * i;
      fill_rect (cr, 0xFDFEFE, x, 70, 56, 90);
      rgb (cr, 0xFDFEFE);
      cairo_move_to (cr, x, 70);
      cairo_line_to (cr, x + 28, 50);
      cairo_line_to (cr, x + 56, 70);
      cairo_fill (cr);
      fill_rect (cr, i % 2 ? 0x5DADE2 : 0x48C9B0, x, 100, 56, 30);
      text_centered (cr, "DejaVu Sans Bold 8", i % 2 ? "MILK" : "LATTE", x + 28, 106, 0xFFFFFF);
    }
  for (int i = 0; i < 9; i++)
    bottle_upright (cr, 64 + 60 * i, 310, i < 5 ? 0xF5B041 : 0xEC7063, 0xFBFCFC);
  for (int i = 0; i < 8; i++)
    can (cr, 56 + 68 * i, 450, i % 3 ? 0x1ABC9C : 0x34495E, i % 3 ? "TEA" : "BREW");
  rgba (cr, 0xFFFFFF, 0.18);
  cairo_move_to (cr, 80, 0);
  cairo_line_to (cr, 200, 0);
  cairo_line_to (cr, 60, H);
  cairo_line_to (cr, -60, H);
  cairo_fill (cr);
}

/* The cat: head, ears, body and tail, as "inside or not"; traced into one polygon. */
typedef struct
{
  double hx, hy;
} Cat;

static gboolean
in_triangle (double x, double y, const double *t)
{
  double d1 = (x - t[2]) * (t[1] - t[3]) - (t[0] - t[2]) * (y - t[3]);
  double d2 = (x - t[4]) * (t[3] - t[5]) - (t[2] - t[4]) * (y - t[5]);
  double d3 = (x - t[0]) * (t[5] - t[1]) - (t[4] - t[0]) * (y - t[1]);

  return !(((d1 < 0) || (d2 < 0) || (d3 < 0)) && ((d1 > 0) || (d2 > 0) || (d3 > 0)));
}

static gboolean
in_cat (double x, double y, gconstpointer data)
{
  const Cat *c = data;
  double ear_l[6] = { c->hx - 48, c->hy - 20, c->hx - 40, c->hy - 82, c->hx - 8, c->hy - 48 };
  double ear_r[6] = { c->hx + 48, c->hy - 20, c->hx + 40, c->hy - 82, c->hx + 8, c->hy - 48 };
  static const double tail[][2] = { { 350, 392 }, { 400, 404 }, { 440, 402 }, { 462, 388 } };
  double p[2] = { x, y };

  if (hypot (x - c->hx, y - c->hy) <= 52)
    return TRUE;
  if (pow ((x - 305) / 72, 2) + pow ((y - 330) / 86, 2) <= 1)
    return TRUE;
  if (in_triangle (x, y, ear_l) || in_triangle (x, y, ear_r))
    return TRUE;
  for (guint i = 0; i + 1 < G_N_ELEMENTS (tail); i++)
    if (segment_distance (p, tail[i], tail[i + 1]) <= 9 - 2 * i)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const GArray *cat;
  double        ball_x, ball_y, ball_r;
} RugShape;

static void
rug_shape (cairo_t *cr, gconstpointer data)
{
  const RugShape *rug = data;

  ellipse_path (cr, 320, 412, 250, 52, 0);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  poly_path (cr, (const double *) rug->cat->data, rug->cat->len / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, rug->ball_x, rug->ball_y, rug->ball_r, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
cat_room (Scene *s)
{
  cairo_t *cr = s->cr;
  const Cat cat = { 300, 212 };
  g_autoptr(GArray) outline = trace_outline (in_cat, &cat, 0.8);
  const RugShape rug = { outline, 500, 404, 22 };
  const double *rings[1] = { (const double *) outline->data };
  guint n_points[1] = { outline->len / 2 };

  vertical_gradient (cr, 0xF6E7C8, 0xEBD5AC, 0, 330);
  fill_rect (cr, 0xFFFFFF, 430, 50, 150, 130);
  {
    cairo_pattern_t *p = cairo_pattern_create_linear (0, 58, 0, 172);
    cairo_pattern_add_color_stop_rgb (p, 0, 0.62, 0.83, 0.96);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.84, 0.93, 0.98);
    cairo_set_source (cr, p);
    cairo_rectangle (cr, 438, 58, 134, 114);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
  }
  line (cr, 0xFFFFFF, 6, 505, 58, 505, 172);
  line (cr, 0xFFFFFF, 6, 438, 115, 572, 115);
  fill_rect (cr, 0xC08A5B, 0, 330, W, 150);
  for (double y = 345; y < H; y += 26)
    line (cr, 0xA87548, 1.5, 0, y, W, y);
  fill_rect (cr, 0x8B5E3C, 0, 322, W, 10);

  rgb (cr, 0x8E3B46);
  ellipse_path (cr, 320, 412, 250, 52, 0);
  cairo_fill (cr);
  cairo_set_line_width (cr, 4);
  rgb (cr, 0xE8C07D);
  ellipse_path (cr, 320, 412, 226, 42, 0);
  cairo_stroke (cr);
  ellipse_path (cr, 320, 412, 180, 30, 0);
  cairo_stroke (cr);

  /* The cat. */
  rgb (cr, 0x7F7F7F);
  poly_path (cr, (const double *) outline->data, outline->len / 2);
  cairo_fill (cr);
  cairo_save (cr);
  poly_path (cr, (const double *) outline->data, outline->len / 2);
  cairo_clip (cr);
  rgb (cr, 0xBDBDBD);
  ellipse_path (cr, 305, 345, 38, 58, 0);
  cairo_fill (cr);
  for (int i = 0; i < 4; i++)
    line (cr, 0x5E5E5E, 5, 240, 280 + 26 * i, 262, 290 + 26 * i);
  for (int i = 0; i < 3; i++)
    line (cr, 0x5E5E5E, 5, cat.hx - 14 + 14 * i, cat.hy - 52, cat.hx - 12 + 12 * i,
          cat.hy - 34);
  cairo_restore (cr);
  for (int side = -1; side <= 1; side += 2)
    {
      rgb (cr, 0xF5B7B1);
      cairo_move_to (cr, cat.hx + side * 40, cat.hy - 26);
      cairo_line_to (cr, cat.hx + side * 37, cat.hy - 68);
      cairo_line_to (cr, cat.hx + side * 16, cat.hy - 46);
      cairo_fill (cr);
      rgb (cr, 0x58D68D);
      ellipse_path (cr, cat.hx + side * 20, cat.hy - 6, 10, 7, 0);
      cairo_fill (cr);
      rgb (cr, 0x111111);
      ellipse_path (cr, cat.hx + side * 20, cat.hy - 6, 2.5, 6.5, 0);
      cairo_fill (cr);
      for (int k = -1; k <= 1; k++)
        line (cr, 0xF2F3F4, 1, cat.hx + side * 14, cat.hy + 18, cat.hx + side * 62,
              cat.hy + 12 + 10 * k);
    }
  rgb (cr, 0xEC7063);
  cairo_move_to (cr, cat.hx - 6, cat.hy + 10);
  cairo_line_to (cr, cat.hx + 6, cat.hy + 10);
  cairo_line_to (cr, cat.hx, cat.hy + 17);
  cairo_fill (cr);
  line (cr, 0x333333, 1.5, cat.hx, cat.hy + 17, cat.hx - 7, cat.hy + 25);
  line (cr, 0x333333, 1.5, cat.hx, cat.hy + 17, cat.hx + 7, cat.hy + 25);

  /* A ball of yarn beside it. */
  fill_circle (cr, 0x4FA3D1, rug.ball_x, rug.ball_y, rug.ball_r);
  cairo_set_line_width (cr, 1.5);
  rgb (cr, 0x2E86C1);
  for (int k = 0; k < 4; k++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, rug.ball_x - 6 + 4 * k, rug.ball_y, rug.ball_r - 4 - 3 * k, -1.2, 1.9);
      cairo_stroke (cr);
    }

  ann_tag (s, "indoor");
  ann_rings (s, "polygon", "cat", 1, rings, n_points, NULL);
  {
    double eyes[4] = { cat.hx - 20, cat.hy - 6, cat.hx + 20, cat.hy - 6 };
    ann_numbers (s, "points", "eye", eyes, 4, NULL);
  }
  {
    double rug_ellipse[5] = { 320, 412, 250, 52, 0 };
    double ball[5] = { rug.ball_x, rug.ball_y, rug.ball_r, rug.ball_r, 0 };
    ann_numbers (s, "ellipse", "rug", rug_ellipse, 5, NULL);
    ann_mask (s, "rug", rug_shape, &rug);
    ann_numbers (s, "ellipse", "toy", ball, 5, NULL);
  }
}

static void
paper (cairo_t *cr, double x, double y, double w, double h)
{
  rgba (cr, 0x000000, 0.25);
  cairo_rectangle (cr, x + 6, y + 6, w, h);
  cairo_fill (cr);
  fill_rect (cr, 0xFFFFFF, x, y, w, h);
}

static void
document_letter (Scene *s)
{
  static const struct { const char *font; const char *text; } lines[] = {
    { "DejaVu Serif Bold 17", "NORTHWIND ROBOTICS LTD." },
    { "DejaVu Serif 11", "14 Harbour Street, Busan 48058" },
    { "DejaVu Serif 11", "Tel. 051-555-0142  info@northwind.example.com" },
    { "DejaVu Serif 11", "3 June 2024" },
    { "DejaVu Serif 12", "Dear Ms. Park Seo-yeon," },
    { "DejaVu Serif 12", "Thank you for visiting our Busan factory last week." },
    { "DejaVu Serif 12", "As promised, we enclose the invoice for the demo units." },
    { "DejaVu Serif 12", "Please contact James Miller at j.miller@example.com" },
    { "DejaVu Serif 12", "or on +44 20 7946 0958 with any questions." },
    { "DejaVu Serif 12", "Kind regards," },
  };
  static const double ys[] = { 44, 76, 96, 128, 166, 196, 222, 248, 274, 312 };
  cairo_t *cr = s->cr;
  double sig[2 * 24];

  fill_rect (cr, 0x6B4F3A, 0, 0, W, H);
  for (int i = 0; i < 14; i++)
    line (cr, 0x5E4432, 2, 0, 20 + 34 * i + 8 * sin (i), W, 26 + 34 * i);
  paper (cr, 70, 18, 500, 448);
  line (cr, 0x1F3A93, 2, 100, 66, 540, 66);

  ann_tag (s, "document");
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    ann_ocr (s, "text-line", text_at (cr, lines[i].font, lines[i].text, 100, ys[i], 0x1B1B1B),
             lines[i].text);

  /* A signature: a scribble drawn through the very points the polyline annotation keeps. */
  for (int i = 0; i < 24; i++)
    {
      double t = i / 23.0;
      sig[2 * i] = round ((110 + 150 * t + 10 * sin (t * 9 * G_PI)) * 10) / 10;
      sig[2 * i + 1] = round ((372 - 14 * sin (t * 5 * G_PI) * (1 - 0.5 * t) + 6 * t) * 10) / 10;
    }
  rgb (cr, 0x1F3A93);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, sig[0], sig[1]);
  for (int i = 1; i < 24; i++)
    cairo_line_to (cr, sig[2 * i], sig[2 * i + 1]);
  cairo_stroke (cr);
  {
    const double *rings[1] = { sig };
    guint n[1] = { 24 };
    ann_rings (s, "polyline", "signature", 1, rings, n, NULL);
  }
  ann_ocr (s, "text-line", text_at (cr, "DejaVu Serif 12", "Hana Choi, Customer Relations", 100,
                                    404, 0x1B1B1B),
           "Hana Choi, Customer Relations");

  /* A rubber stamp, askew. */
  cairo_save (cr);
  cairo_translate (cr, 460, 390);
  cairo_rotate (cr, -15 * G_PI / 180);
  rgba (cr, 0xC0392B, 0.85);
  cairo_set_line_width (cr, 4);
  rounded_rect (cr, -58, -22, 116, 44, 6);
  cairo_stroke (cr);
  {
    PangoLayout *layout = pango_cairo_create_layout (cr);
    PangoFontDescription *desc = pango_font_description_from_string ("DejaVu Sans Bold 20");
    int w, h;
    pango_layout_set_font_description (layout, desc);
    pango_layout_set_text (layout, "PAID", -1);
    pango_layout_get_pixel_size (layout, &w, &h);
    cairo_move_to (cr, -w / 2.0, -h / 2.0);
    pango_cairo_show_layout (cr, layout);
    pango_font_description_free (desc);
    g_object_unref (layout);
  }
  cairo_restore (cr);
  {
    double stamp[5] = { 460, 390, 120, 48, -15 };
    ann_numbers (s, "rbox", "stamp", stamp, 5, NULL);
  }
}

static void
document_receipt (Scene *s)
{
  static const struct { const char *font; const char *text; const char *read; double y; } lines[] = {
    { "Noto Sans CJK KR Bold 16", "카페 하늘정원", NULL, 26 },
    { "Noto Sans CJK KR 10", "서울특별시 중구 세종대로 110", NULL, 62 },
    { "Noto Sans CJK KR 10", "사업자번호 123-45-67890", NULL, 84 },
    { "Noto Sans CJK KR 10", "전화 02-555-0198", NULL, 106 },
    { "Noto Sans Mono CJK KR 10", "2024-05-14 13:22", NULL, 128 },
    { "Noto Sans Mono CJK KR 11", "아메리카노  2   9,000", "아메리카노 2 9,000", 178 },
    { "Noto Sans Mono CJK KR 11", "카페라테    1   5,000", "카페라테 1 5,000", 204 },
    { "Noto Sans Mono CJK KR 11", "치즈케이크  1   6,500", "치즈케이크 1 6,500", 230 },
    { "Noto Sans CJK KR Bold 13", "합계 20,500원", NULL, 280 },
    { "Noto Sans Mono CJK KR 10", "카드 4111-****-****-1111", NULL, 320 },
    { "Noto Sans CJK KR 12", "감사합니다!", NULL, 372 },
  };
  cairo_t *cr = s->cr;

  fill_rect (cr, 0xD9D4CC, 0, 0, W, H);
  for (int i = 0; i < 60; i++)
    fill_circle (cr, 0xCFC9C0, rnd (s) * W, rnd (s) * H, 1 + 2 * rnd (s));
  rgba (cr, 0x000000, 0.2);
  cairo_rectangle (cr, 196, 16, 240, 440);
  cairo_fill (cr);
  rgb (cr, 0xFFFEF8);
  cairo_move_to (cr, 190, 10);
  cairo_line_to (cr, 430, 10);
  cairo_line_to (cr, 430, 450);
  for (int i = 0; i < 12; i++)
    {
      cairo_line_to (cr, 430 - 20 * i - 10, 460);
      cairo_line_to (cr, 430 - 20 * (i + 1), 450);
    }
  cairo_close_path (cr);
  cairo_fill (cr);
  for (int i = 0; i < 2; i++)
    {
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      line (cr, 0x999999, 1, 206, i ? 262 : 160, 414, i ? 262 : 160);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  ann_tag (s, "document");
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      Bounds b = text_centered (cr, lines[i].font, lines[i].text, 310, lines[i].y, 0x222222);
      ann_ocr (s, "text-line", b, lines[i].read ? lines[i].read : lines[i].text);
    }
}

/* Keypoints of the "face" label: nose, l_eye, r_eye, l_ear, r_ear, mouth_l, mouth_r. */
enum { NOSE, L_EYE, R_EYE, L_EAR, R_EAR, MOUTH_L, MOUTH_R, N_FACE };

/* turn: 0 looks at us, 1 looks to the image's right (the person's left ear goes out of view). */
static void
face (Scene *s, double cx, double cy, double sc, double turn, guint32 skin, guint32 hair,
      gboolean fringe, const char *attributes)
{
  cairo_t *cr = s->cr;
  double shift = 34 * turn * sc, spread = 1 - 0.35 * turn;
  double kp[3 * N_FACE];
  Bounds b = bounds_empty ();

#define SET(j, x, y, v) (kp[3 * (j)] = (x), kp[3 * (j) + 1] = (y), kp[3 * (j) + 2] = (v))
  SET (NOSE, cx + shift + 6 * turn * sc, cy + 22 * sc, 2);
  SET (R_EYE, cx + shift - 34 * spread * sc, cy - 14 * sc, 2);
  SET (L_EYE, cx + shift + 34 * spread * sc, cy - 14 * sc, fringe ? 1 : 2);
  SET (R_EAR, cx - (90 - 22 * turn) * sc, cy + 4 * sc, 2);
  SET (L_EAR, turn > 0.5 ? 0 : cx + 90 * sc, turn > 0.5 ? 0 : cy + 4 * sc, turn > 0.5 ? 0 : 2);
  SET (MOUTH_R, cx + shift - 28 * spread * sc, cy + 56 * sc, 2);
  SET (MOUTH_L, cx + shift + 28 * spread * sc, cy + 56 * sc, 2);
#undef SET

  /* Shoulders and neck. */
  rgb (cr, 0x5D6D7E);
  ellipse_path (cr, cx, cy + 190 * sc, 150 * sc, 70 * sc, 0);
  cairo_fill (cr);
  fill_rect (cr, skin, cx - 26 * sc, cy + 90 * sc, 52 * sc, 60 * sc);

  /* Ears behind the head, unless the head is turned: then the near ear is on its side. */
  for (int e = 0; e < 2 && turn <= 0.5; e++)
    {
      int j = e ? L_EAR : R_EAR;
      rgb (cr, skin);
      ellipse_path (cr, kp[3 * j], kp[3 * j + 1], 12 * sc, 20 * sc, 0);
      cairo_fill (cr);
      bounds_add (&b, kp[3 * j] + (e ? 12 * sc : -12 * sc), kp[3 * j + 1], 0);
    }
  rgb (cr, skin);
  ellipse_path (cr, cx + 6 * turn * sc, cy, 88 * sc, 112 * sc, 0);
  cairo_fill (cr);
  bounds_add (&b, cx + 6 * turn * sc - 88 * sc, cy + 112 * sc, 0);
  bounds_add (&b, cx + 6 * turn * sc + 88 * sc, cy + 112 * sc, 0);

  /* Hair: a cap over the top of the head. */
  rgb (cr, hair);
  cairo_save (cr);
  cairo_translate (cr, cx + 6 * turn * sc, cy - 6 * sc);
  cairo_scale (cr, 94 * sc, 118 * sc);
  cairo_arc (cr, 0, 0, 1, G_PI * 1.02, G_PI * 1.98);
  cairo_restore (cr);
  cairo_curve_to (cr, cx + 60 * sc, cy - 70 * sc, cx - 40 * sc, cy - 90 * sc,
                  cx - 90 * sc, cy - 10 * sc);
  cairo_close_path (cr);
  cairo_fill (cr);
  bounds_add (&b, cx + 6 * turn * sc, cy - 124 * sc, 0);

  for (int e = 0; e < 2; e++)
    {
      int j = e ? L_EYE : R_EYE;
      double ex = kp[3 * j], ey = kp[3 * j + 1];
      rgb (cr, 0xFFFFFF);
      ellipse_path (cr, ex, ey, 15 * sc, 8 * sc, 0);
      cairo_fill (cr);
      fill_circle (cr, 0x6E4B2A, ex + 3 * turn * sc, ey, 6 * sc);
      fill_circle (cr, 0x111111, ex + 3 * turn * sc, ey, 2.5 * sc);
      line (cr, hair, 3 * sc, ex - 15 * sc, ey - 16 * sc, ex + 14 * sc, ey - 19 * sc);
    }
  if (turn > 0.5)
    {
      rgb (cr, skin);
      ellipse_path (cr, kp[3 * R_EAR], kp[3 * R_EAR + 1], 10 * sc, 19 * sc, 0);
      cairo_fill_preserve (cr);
      rgba (cr, 0x000000, 0.25);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  if (fringe)
    {
      /* A lock of hair falls over the person's left eye: still there, but half hidden. */
      rgb (cr, hair);
      cairo_move_to (cr, kp[3 * L_EYE] - 30 * sc, cy - 60 * sc);
      cairo_curve_to (cr, kp[3 * L_EYE] - 6 * sc, cy - 30 * sc, kp[3 * L_EYE] + 4 * sc,
                      cy - 10 * sc, kp[3 * L_EYE] + 20 * sc, cy - 4 * sc);
      cairo_line_to (cr, kp[3 * L_EYE] + 30 * sc, cy - 60 * sc);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  rgb (cr, 0xB5651D);
  cairo_set_line_width (cr, 2.5 * sc);
  cairo_move_to (cr, kp[3 * NOSE] - 4 * sc, cy - 6 * sc);
  cairo_line_to (cr, kp[3 * NOSE] + 2 * sc, kp[3 * NOSE + 1]);
  cairo_line_to (cr, kp[3 * NOSE] - 8 * sc, kp[3 * NOSE + 1] + 2 * sc);
  cairo_stroke (cr);
  rgb (cr, 0xA93226);
  cairo_set_line_width (cr, 4 * sc);
  cairo_move_to (cr, kp[3 * MOUTH_R], kp[3 * MOUTH_R + 1]);
  cairo_curve_to (cr, kp[3 * MOUTH_R] + 12 * sc, kp[3 * MOUTH_R + 1] + 14 * sc,
                  kp[3 * MOUTH_L] - 12 * sc, kp[3 * MOUTH_L + 1] + 14 * sc,
                  kp[3 * MOUTH_L], kp[3 * MOUTH_L + 1]);
  cairo_stroke (cr);

  ann_box (s, "face", b, attributes);
  ann_numbers (s, "keypoints", "face", kp, 3 * N_FACE, attributes);
}

static void
faces (Scene *s)
{
  cairo_t *cr = s->cr;
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 0, W, H);

  cairo_pattern_add_color_stop_rgb (p, 0, 0.78, 0.87, 0.95);
  cairo_pattern_add_color_stop_rgb (p, 1, 0.62, 0.80, 0.78);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
  ann_tag (s, "indoor");
  face (s, 200, 230, 1, 0, 0xF1C27D, 0x3B2A1A, FALSE, "\"occluded\": false");
  face (s, 470, 262, 0.78, 1, 0xE0AC69, 0x17202A, TRUE, "\"occluded\": true");
}

/* A car seen from above, along +x, centred on the origin: 100 × 48. */
static void
car_top (cairo_t *cr, guint32 paint)
{
  rgb (cr, paint);
  rounded_rect (cr, -50, -24, 100, 48, 12);
  cairo_fill (cr);
  rgb (cr, 0x2C3E50);
  cairo_move_to (cr, 14, -19);
  cairo_line_to (cr, 26, -21);
  cairo_line_to (cr, 26, 21);
  cairo_line_to (cr, 14, 19);
  cairo_fill (cr);
  cairo_move_to (cr, -28, -18);
  cairo_line_to (cr, -36, -19);
  cairo_line_to (cr, -36, 19);
  cairo_line_to (cr, -28, 18);
  cairo_fill (cr);
  rgba (cr, 0xFFFFFF, 0.18);
  rounded_rect (cr, -26, -17, 38, 34, 6);
  cairo_fill (cr);
}

static void
parking (Scene *s)
{
  static const struct { int bay; double angle; guint32 paint; } top[] = {
    { 0, 90, 0xC0392B }, { 1, 86, 0xECF0F1 }, { 3, 95, 0x2471A3 }, { 4, 90, 0x1C2833 },
    { 6, 84, 0xF4D03F },
  };
  static const struct { int bay; double turn; guint32 paint; } bottom[] = {
    { 0, 0, 0x7D3C98 }, { 2, 3, 0xD5D8DC }, { 3, -4, 0x1E8449 }, { 5, 0, 0xBA4A00 },
  };
  cairo_t *cr = s->cr;
  double dividers[(9 + 7 + 2) * 4];
  const double *rings[9 + 7 + 2];
  guint two[9 + 7 + 2];
  guint n = 0;
  double slant = atan2 (-115, 85) * 180 / G_PI;

  fill_rect (cr, 0x4A4E54, 0, 0, W, H);
  for (int i = 0; i < 300; i++)
    fill_circle (cr, 0x53575E, rnd (s) * W, rnd (s) * H, 1 + rnd (s) * 2);
  rgb (cr, 0xF2F3F4);
  cairo_set_line_width (cr, 4);
  for (int i = 0; i < 9; i++, n++)
    {
      double *d = dividers + 4 * n, x = 40 + 70 * i;
      d[0] = x, d[1] = 30, d[2] = x, d[3] = 150;
    }
  for (int i = 0; i < 7; i++, n++)
    {
      double *d = dividers + 4 * n, x = 30 + 80 * i;
      d[0] = x, d[1] = 460, d[2] = x + 85, d[3] = 345;
    }
  for (int i = 0; i < 2; i++, n++)
    {
      double *d = dividers + 4 * n;
      d[0] = i ? 330 : 20, d[1] = 248, d[2] = i ? 620 : 290, d[3] = 248;
    }
  for (guint i = 0; i < n; i++)
    {
      cairo_move_to (cr, dividers[4 * i], dividers[4 * i + 1]);
      cairo_line_to (cr, dividers[4 * i + 2], dividers[4 * i + 3]);
      rings[i] = dividers + 4 * i;
      two[i] = 2;
    }
  cairo_stroke (cr);
  ann_tag (s, "aerial");
  ann_tag (s, "outdoor");
  ann_rings (s, "polyline", "road-marking", n, rings, two, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    {
      double rbox[5] = { 75 + 70 * top[i].bay, 90, 100, 48, top[i].angle };
      cairo_save (cr);
      cairo_translate (cr, rbox[0], rbox[1]);
      cairo_rotate (cr, rbox[4] * G_PI / 180);
      car_top (cr, top[i].paint);
      cairo_restore (cr);
      ann_numbers (s, "rbox", "car", rbox, 5, "\"occluded\": false, \"truncated\": false");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bottom); i++)
    {
      double x = 30 + 80 * bottom[i].bay;
      double rbox[5] = { x + 40 + 42.5, 402.5, 100, 48, slant + bottom[i].turn };
      cairo_save (cr);
      cairo_translate (cr, rbox[0], rbox[1]);
      cairo_rotate (cr, rbox[4] * G_PI / 180);
      car_top (cr, bottom[i].paint);
      cairo_restore (cr);
      ann_numbers (s, "rbox", "car", rbox, 5, "\"occluded\": false, \"truncated\": false");
    }
}

/* A carton in oblique projection: front face, then the back face pushed by (0.5, -0.4) × d. */
static void
carton (Scene *s, double x, double ground, double w, double h, double d, gboolean damaged)
{
  cairo_t *cr = s->cr;
  double ox = 0.5 * d, oy = -0.4 * d;
  double v[16] = { x, ground - h, x + w, ground - h, x + w, ground, x, ground,
                   x + ox, ground - h + oy, x + w + ox, ground - h + oy, x + w + ox, ground + oy,
                   x + ox, ground + oy };
  double top[8] = { v[0], v[1], v[2], v[3], v[10], v[11], v[8], v[9] };
  double side[8] = { v[2], v[3], v[4], v[5], v[12], v[13], v[10], v[11] };

  rgb (cr, 0xD9B77E);
  poly_path (cr, top, 4);
  cairo_fill (cr);
  rgb (cr, 0xA9834B);
  poly_path (cr, side, 4);
  cairo_fill (cr);
  fill_rect (cr, 0xC8A165, x, ground - h, w, h);
  fill_rect (cr, 0xE5D3A8, x + w / 2 - 8, ground - h, 16, h * 0.35);
  rgba (cr, 0xE5D3A8, 1);
  cairo_move_to (cr, x + w / 2 - 8, ground - h);
  cairo_line_to (cr, x + w / 2 + 8, ground - h);
  cairo_line_to (cr, x + w / 2 + 8 + ox, ground - h + oy);
  cairo_line_to (cr, x + w / 2 - 8 + ox, ground - h + oy);
  cairo_fill (cr);
  rgba (cr, 0x000000, 0.35);
  cairo_set_line_width (cr, 1);
  poly_path (cr, v, 4);
  cairo_stroke (cr);
  if (damaged)
    {
      rgb (cr, 0x8B6A3A);
      cairo_move_to (cr, x + 18, ground - h + 30);
      cairo_line_to (cr, x + 48, ground - h + 44);
      cairo_line_to (cr, x + 30, ground - h + 62);
      cairo_line_to (cr, x + 12, ground - h + 50);
      cairo_fill (cr);
      line (cr, 0x5D4523, 1.5, x + 20, ground - h + 36, x + 44, ground - h + 58);
    }
  ann_numbers (s, "cuboid", "package", v, 16,
               damaged ? "\"damaged\": true" : "\"damaged\": false");
}

static void
warehouse (Scene *s)
{
  cairo_t *cr = s->cr;

  fill_rect (cr, 0xC9CED6, 0, 0, W, 300);
  for (double x = 0; x < W; x += 80)
    line (cr, 0xB7BDC6, 2, x, 0, x, 300);
  fill_rect (cr, 0x9AA0A6, 0, 300, W, 180);
  for (double y = 330; y < H; y += 50)
    line (cr, 0x8C9298, 1, 0, y, W, y);
  fill_rect (cr, 0x1E8449, 400, 36, 200, 72);
  ann_tag (s, "indoor");
  ann_ocr (s, "text-line", text_at (cr, "DejaVu Sans Bold 20", "AISLE 7", 450, 42, 0xFFFFFF),
           "AISLE 7");
  ann_ocr (s, "text-line", text_at (cr, "Noto Sans CJK KR Bold 14", "7번 통로", 460, 74, 0xFFFFFF),
           "7번 통로");
  fill_rect (cr, 0xA0785A, 60, 440, 240, 12);
  fill_rect (cr, 0x7E5A3C, 70, 452, 20, 10);
  fill_rect (cr, 0x7E5A3C, 170, 452, 20, 10);
  fill_rect (cr, 0x7E5A3C, 270, 452, 20, 10);
  carton (s, 80, 440, 160, 120, 100, FALSE);
  carton (s, 100, 320, 120, 90, 80, FALSE);
  carton (s, 330, 455, 140, 100, 90, TRUE);
  carton (s, 520, 450, 85, 80, 60, FALSE);
}

typedef struct
{
  double cx, cy, rx, ry, angle;
  gboolean dividing;
} Cell;

static const Cell cells[] = {
  { 110, 120, 52, 38, 20, FALSE },  { 250, 92, 45, 40, -10, FALSE },
  { 405, 130, 60, 42, 35, FALSE },  { 545, 100, 48, 36, -25, FALSE },
  { 160, 270, 55, 45, 0, FALSE },   { 320, 250, 50, 34, 60, FALSE },
  { 480, 290, 70, 40, -40, TRUE },  { 90, 400, 46, 38, 15, FALSE },
  { 262, 400, 58, 40, -15, FALSE }, { 560, 410, 50, 40, 30, FALSE },
};

static void
microscopy (Scene *s)
{
  cairo_t *cr = s->cr;
  cairo_pattern_t *bg = cairo_pattern_create_radial (W / 2, H / 2, 50, W / 2, H / 2, 420);
  g_autoptr(GArray) nuclei = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_pattern_add_color_stop_rgb (bg, 0, 0.98, 0.93, 0.96);
  cairo_pattern_add_color_stop_rgb (bg, 1, 0.88, 0.78, 0.88);
  cairo_set_source (cr, bg);
  cairo_paint (cr);
  cairo_pattern_destroy (bg);
  for (int i = 0; i < 120; i++)
    fill_circle (cr, 0xE8CFE3, rnd (s) * W, rnd (s) * H, 1 + 2 * rnd (s));
  ann_tag (s, "microscopy");

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      const Cell *c = &cells[i];
      double a = c->angle * G_PI / 180;
      double ell[5] = { c->cx, c->cy, c->rx, c->ry, c->angle };
      int parts = c->dividing ? 2 : 1;

      rgba (cr, 0xC39BD3, 0.85);
      ellipse_path (cr, c->cx, c->cy, c->rx, c->ry, c->angle);
      cairo_fill_preserve (cr);
      rgb (cr, 0x8E44AD);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (c->dividing)
        {
          /* A waist across the middle: the cell is splitting in two. */
          double nx = -sin (a), ny = cos (a);
          line (cr, 0x8E44AD, 2, c->cx - nx * c->ry, c->cy - ny * c->ry, c->cx + nx * c->ry,
                c->cy + ny * c->ry);
        }
      for (int k = 0; k < parts; k++)
        {
          double along = parts == 1 ? 0.18 : (k ? 0.5 : -0.5);
          double nx = c->cx + cos (a) * along * c->rx - sin (a) * 0.1 * c->ry;
          double ny = c->cy + sin (a) * along * c->rx + cos (a) * 0.1 * c->ry;
          nx = round (nx * 10) / 10, ny = round (ny * 10) / 10;
          fill_circle (cr, 0x5B2C6F, nx, ny, 0.32 * MIN (c->rx, c->ry) / parts * 1.4);
          fill_circle (cr, 0x7D3C98, nx - 3, ny - 3, 3);
          g_array_append_val (nuclei, nx);
          g_array_append_val (nuclei, ny);
        }
      ann_numbers (s, "ellipse", "cell", ell, 5,
                   c->dividing ? "\"dividing\": true" : "\"dividing\": false");
    }
  ann_numbers (s, "points", "nucleus", (const double *) nuclei->data, nuclei->len, NULL);
}

typedef struct
{
  double x, y, r;
} Circle;

static const Circle apples[] = { { 225, 292, 46 }, { 330, 270, 52 }, { 425, 298, 44 } };
static const Circle orange = { 285, 318, 40 };

static guint
banana_polygon (double *xy)
{
  guint n = 0;

  /* Outer arc left to right, inner arc back: a crescent. */
  for (int i = 0; i <= 12; i++, n++)
    {
      double t = G_PI * (1.18 + 0.64 * i / 12.0);
      xy[2 * n] = round ((330 + 170 * cos (t)) * 10) / 10;
      xy[2 * n + 1] = round ((420 + 170 * sin (t)) * 10) / 10;
    }
  for (int i = 12; i >= 0; i--, n++)
    {
      double t = G_PI * (1.21 + 0.58 * i / 12.0);
      xy[2 * n] = round ((330 + 150 * cos (t)) * 10) / 10;
      xy[2 * n + 1] = round ((434 + 150 * sin (t)) * 10) / 10;
    }
  return n;
}

static guint
bowl_polygon (double *xy)
{
  guint n = 0;

  /* The rim's far half, then the bowl's belly. */
  for (int i = 0; i <= 16; i++, n++)
    {
      double t = G_PI + G_PI * i / 16.0;
      xy[2 * n] = round ((320 + 200 * cos (t)) * 10) / 10;
      xy[2 * n + 1] = round ((330 + 30 * sin (t)) * 10) / 10;
    }
  for (int i = 1; i < 16; i++, n++)
    {
      double t = G_PI * i / 16.0;
      xy[2 * n] = round ((320 + 200 * cos (t)) * 10) / 10;
      xy[2 * n + 1] = round ((330 + 100 * sin (t)) * 10) / 10;
    }
  return n;
}

static void
bowl_front (cairo_t *cr)
{
  cairo_new_sub_path (cr);
  cairo_save (cr);
  cairo_translate (cr, 320, 330);
  cairo_scale (cr, 200, 100);
  cairo_arc (cr, 0, 0, 1, 0, G_PI);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_translate (cr, 320, 330);
  cairo_scale (cr, 200, 30);
  cairo_arc_negative (cr, 0, 0, 1, G_PI, 0);
  cairo_restore (cr);
  cairo_close_path (cr);
}

static void
apple_shape (cairo_t *cr, gconstpointer data)
{
  double banana[60];
  guint n = banana_polygon (banana);

  cairo_arc (cr, apples[1].x, apples[1].y, apples[1].r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_new_sub_path (cr);
  cairo_arc (cr, orange.x, orange.y, orange.r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, apples[2].x, apples[2].y, apples[2].r, 0, 2 * G_PI);
  cairo_fill (cr);
  bowl_front (cr);
  cairo_fill (cr);
  poly_path (cr, banana, n);
  cairo_fill (cr);
}

static void
draw_apple (cairo_t *cr, const Circle *a, guint32 paint)
{
  cairo_pattern_t *p = cairo_pattern_create_radial (a->x - a->r / 3, a->y - a->r / 3, 2,
                                                    a->x, a->y, a->r);
  cairo_pattern_add_color_stop_rgb (p, 0, 1, 0.75, 0.7);
  cairo_pattern_add_color_stop_rgb (p, 0.35, ((paint >> 16) & 0xff) / 255.0,
                                    ((paint >> 8) & 0xff) / 255.0, (paint & 0xff) / 255.0);
  cairo_pattern_add_color_stop_rgb (p, 1, ((paint >> 16) & 0xff) / 400.0,
                                    ((paint >> 8) & 0xff) / 400.0, (paint & 0xff) / 400.0);
  cairo_set_source (cr, p);
  cairo_new_sub_path (cr);
  cairo_arc (cr, a->x, a->y, a->r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  line (cr, 0x5D4037, 3, a->x, a->y - a->r + 6, a->x + 3, a->y - a->r - 8);
}

static void
fruit_bowl (Scene *s)
{
  cairo_t *cr = s->cr;
  double banana[60], bowl[70];
  guint n_banana = banana_polygon (banana), n_bowl = bowl_polygon (bowl);

  vertical_gradient (cr, 0xF7EBD5, 0xEAD8B8, 0, 280);
  fill_rect (cr, 0x8B5A2B, 0, 280, W, 200);
  for (int i = 0; i < 9; i++)
    line (cr, 0x7A4E25, 1.5, 0, 295 + 21 * i, W, 290 + 21 * i + 6 * sin (i));
  rgba (cr, 0x000000, 0.25);
  ellipse_path (cr, 330, 432, 190, 18, 0);
  cairo_fill (cr);
  rgb (cr, 0x2E4053);
  ellipse_path (cr, 320, 330, 200, 30, 0);
  cairo_fill (cr);

  draw_apple (cr, &apples[0], 0xC0392B);
  draw_apple (cr, &apples[1], 0x9ACD32);
  {
    cairo_pattern_t *p = cairo_pattern_create_radial (orange.x - 12, orange.y - 12, 2,
                                                      orange.x, orange.y, orange.r);
    cairo_pattern_add_color_stop_rgb (p, 0, 1, 0.85, 0.5);
    cairo_pattern_add_color_stop_rgb (p, 1, 0.9, 0.45, 0.05);
    cairo_set_source (cr, p);
    cairo_arc (cr, orange.x, orange.y, orange.r, 0, 2 * G_PI);
    cairo_fill (cr);
    cairo_pattern_destroy (p);
  }
  draw_apple (cr, &apples[2], 0xB03A2E);
  rgb (cr, 0x34495E);
  bowl_front (cr);
  cairo_fill (cr);
  rgba (cr, 0xFFFFFF, 0.2);
  ellipse_path (cr, 250, 380, 40, 14, 20);
  cairo_fill (cr);
  rgb (cr, 0xF4D03F);
  poly_path (cr, banana, n_banana);
  cairo_fill_preserve (cr);
  rgb (cr, 0xB7950B);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  fill_circle (cr, 0x4D3B1F, banana[0], banana[1], 4);

  ann_tag (s, "indoor");
  {
    const double *rings[1] = { bowl };
    guint n[1] = { n_bowl };
    ann_rings (s, "polygon", "bowl", 1, rings, n, NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (apples); i++)
    {
      double e[5] = { apples[i].x, apples[i].y, apples[i].r, apples[i].r, 0 };
      ann_numbers (s, "ellipse", "apple", e, 5, NULL);
    }
  ann_mask (s, "apple", apple_shape, NULL);
  {
    double e[5] = { orange.x, orange.y, orange.r, orange.r, 0 };
    const double *rings[1] = { banana };
    guint n[1] = { n_banana };
    ann_numbers (s, "ellipse", "orange", e, 5, NULL);
    ann_rings (s, "polygon", "banana", 1, rings, n, NULL);
  }
}

static void
bakery (Scene *s)
{
  cairo_t *cr = s->cr;

  fill_rect (cr, 0xB5553C, 0, 0, W, 440);
  for (int row = 0; row * 20 < 440; row++)
    {
      line (cr, 0xD7C4B0, 2, 0, row * 20, W, row * 20);
      for (double x = (row % 2) * 20; x < W; x += 40)
        line (cr, 0xD7C4B0, 2, x, row * 20, x, row * 20 + 20);
    }
  fill_rect (cr, 0xA6A6A6, 0, 440, W, 40);
  fill_rect (cr, 0x1D5C4D, 60, 26, 520, 108);
  fill_rect (cr, 0xC9A227, 64, 30, 512, 3);
  ann_tag (s, "outdoor");
  ann_tag (s, "daytime");
  ann_ocr (s, "text-line",
           text_centered (cr, "Noto Sans CJK KR Bold 32", "하늘 베이커리", 320, 34, 0xFDF2E9),
           "하늘 베이커리");
  ann_ocr (s, "text-line",
           text_centered (cr, "DejaVu Sans Bold 15", "HANEUL BAKERY", 320, 98, 0xF5CBA7),
           "HANEUL BAKERY");

  /* Shop window with bread on display. */
  fill_rect (cr, 0xEDE7E3, 72, 172, 276, 216);
  fill_rect (cr, 0xF9E79F, 80, 180, 260, 200);
  fill_rect (cr, 0xC8A27A, 80, 330, 260, 10);
  for (int i = 0; i < 5; i++)
    {
      rgb (cr, i % 2 ? 0xCA6F1E : 0xDC7633);
      ellipse_path (cr, 110 + 52 * i, 314, 22, 14, i % 2 ? 0 : -10);
      cairo_fill (cr);
      line (cr, 0xF0B27A, 2, 100 + 52 * i, 310, 118 + 52 * i, 306);
    }
  rgba (cr, 0xFFFFFF, 0.35);
  cairo_move_to (cr, 90, 180);
  cairo_line_to (cr, 150, 180);
  cairo_line_to (cr, 100, 380);
  cairo_line_to (cr, 80, 380);
  cairo_line_to (cr, 80, 220);
  cairo_fill (cr);
  ann_ocr (s, "text-line",
           text_centered (cr, "DejaVu Sans Bold 12", "☎ 02-555-0167", 210, 190, 0x7B241C),
           "☎ 02-555-0167");

  /* The door. */
  fill_rect (cr, 0x6E2C00, 380, 176, 120, 264);
  fill_rect (cr, 0xAED6F1, 396, 192, 88, 120);
  fill_circle (cr, 0xD4AC0D, 488, 330, 5);
  ann_box (s, "door", (Bounds) { 380, 176, 500, 440 }, NULL);

  fill_rect (cr, 0xFDFEFE, 512, 190, 100, 64);
  ann_ocr (s, "text-line",
           text_centered (cr, "Noto Sans CJK KR Bold 11", "영업시간", 562, 196, 0x1B2631),
           "영업시간");
  ann_ocr (s, "text-line",
           text_centered (cr, "DejaVu Sans 10", "08:00 – 21:00", 562, 226, 0x1B2631),
           "08:00 – 21:00");

  {
    Person p = { { { 566, 290 }, { 566, 312 }, { 590, 368 }, { 545, 362 }, { 567, 384 },
                   { 590, 452 }, { 550, 454 } }, 2.2, 0x2874A6, 0x212F3D, 0xE0AC69, 0x4A235A };
    person (s, &p, "\"occluded\": false, \"pose\": \"walking\"");
  }
}

static void
park (Scene *s)
{
  cairo_t *cr = s->cr;

  vertical_gradient (cr, 0x7FB3D5, 0xD6EAF8, 0, 230);
  for (int i = 0; i < 12; i++)
    {
      rgb (cr, i % 2 ? 0x52BE80 : 0x45B39D);
      ellipse_path (cr, 30 + 55 * i, 222, 44, 30 + 10 * (i % 3), 0);
      cairo_fill (cr);
    }
  vertical_gradient (cr, 0x7DCEA0, 0x58D68D, 230, H);
  for (int i = 0; i < 200; i++)
    {
      double x = rnd (s) * W, y = 240 + rnd (s) * 240;
      line (cr, 0x48C9B0, 1, x, y, x + 2, y - 5);
    }
  /* The bench. */
  fill_rect (cr, 0x6E2C00, 162, 340, 8, 60);
  fill_rect (cr, 0x6E2C00, 430, 340, 8, 60);
  for (int i = 0; i < 3; i++)
    fill_rect (cr, 0xA04000, 150, 290 + 11 * i, 300, 8);
  fill_rect (cr, 0xA04000, 150, 330, 300, 10);
  fill_rect (cr, 0x873600, 150, 340, 300, 4);
  ann_tag (s, "outdoor");
  ann_tag (s, "daytime");
  ann_box (s, "bench", (Bounds) { 150, 290, 450, 400 }, NULL);

  {
    Person sit1 = { { { 228, 250 }, { 228, 268 }, { 250, 326 }, { 208, 324 }, { 230, 330 },
                      { 262, 404 }, { 244, 406 } }, 1.5, 0xAF7AC5, 0x283747, 0xF1C27D,
                    0x3B2A1A };
    Person sit2 = { { { 362, 248 }, { 362, 266 }, { 376, 294 }, { 348, 296 }, { 362, 330 },
                      { 384, 402 }, { 370, 404 } }, 1.5, 0xE74C3C, 0x1B4F72, 0x8D5524,
                    0x0B0B0B };
    Person stand = { { { 548, 226 }, { 548, 246 }, { 574, 318 }, { 522, 316 }, { 549, 330 },
                       { 560, 428 }, { 536, 428 } }, 1.7, 0x16A085, 0x4D5656, 0xC68642,
                     0x2C1608 };
    Person child = { { { 72, 330 }, { 72, 342 }, { 88, 352 }, { 58, 366 }, { 73, 380 },
                       { 84, 418 }, { 64, 416 } }, 1.0, 0xF4D03F, 0x2E86C1, 0xF1C27D,
                     0x6E2C00 };
    person (s, &sit1, "\"occluded\": false, \"pose\": \"sitting\"");
    person (s, &sit2, "\"occluded\": false, \"pose\": \"sitting\"");
    fill_rect (cr, 0xFDFEFE, 364, 282, 26, 18);
    person (s, &stand, "\"occluded\": false, \"pose\": \"standing\"");
    line (cr, 0x5D6D7E, 1, 88, 352, 110, 250);
    fill_circle (cr, 0xE74C3C, 110, 236, 16);
    person (s, &child, "\"occluded\": false, \"pose\": \"walking\"");
  }
}

/* ---- main -------------------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *ext;
  void      (*draw) (Scene *s);
} SceneInfo;

static const SceneInfo scenes[] = {
  { "street-01", "png", street_day },
  { "street-02", "jpg", street_night },
  { "shelf-01", "png", shelf_store },
  { "shelf-02", "jpg", shelf_fridge },
  { "cat-01", "png", cat_room },
  { "document-01", "png", document_letter },
  { "document-02", "png", document_receipt },
  { "faces-01", "png", faces },
  { "parking-01", "png", parking },
  { "warehouse-01", "png", warehouse },
  { "cells-01", "png", microscopy },
  { "fruit-01", "jpg", fruit_bowl },
  { "bakery-01", "png", bakery },
  { "park-01", "jpg", park },
};

int
main (int argc, char *argv[])
{
  g_autoptr(GString) manifest = g_string_new ("{\"images\": [");

  if (argc != 2)
    {
      g_printerr ("usage: %s OUT_DIR\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
      g_autofree char *png = g_strdup_printf ("%s/%s.png", argv[1], scenes[i].name);
      Scene s = { cairo_create (surface), g_string_new (NULL), 0, 12345u + i };
      cairo_font_options_t *options = cairo_font_options_create ();

      /* Grey antialiasing and no hinting: the same pixels on any machine with these fonts. */
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_set_font_options (s.cr, options);
      cairo_font_options_destroy (options);

      scenes[i].draw (&s);
      cairo_destroy (s.cr);
      if (cairo_surface_write_to_png (surface, png) != CAIRO_STATUS_SUCCESS)
        {
          g_printerr ("%s: could not write\n", png);
          return 1;
        }
      cairo_surface_destroy (surface);
      g_string_append_printf (manifest, "%s\n  {\"uri\": \"images/%s.%s\", \"annotations\": [%s\n  ]}",
                              i ? "," : "", scenes[i].name, scenes[i].ext, s.json->str);
      g_string_free (s.json, TRUE);
    }
  g_string_append (manifest, "\n]}\n");
  {
    g_autofree char *path = g_build_filename (argv[1], "shapes.json", NULL);
    g_autoptr(GError) error = NULL;
    if (!g_file_set_contents (path, manifest->str, -1, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  return 0;
}
