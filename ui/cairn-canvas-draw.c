#define G_LOG_DOMAIN "cairn-canvas"

/* How the canvas draws annotations: each kind's path from cairn-canvas-shapes.c, filled and
 * outlined in its label's colour, its label's name on it, the selected one's handles. */

#include <glib/gi18n.h>
#include <math.h>

#include "model/cairn-rle.h"
#include "cairn-canvas-private.h"
#include "cairn-canvas-shapes.h"

/* Alpha of the fills over the picture (masks: cairn-canvas-mask.c). */
#define FILL_ALPHA 0.22
#define LINE_WIDTH 2.0
#define HANDLE_SIZE 7.0
/* Label names are written on shapes up to this many; past it they would hide the picture. */
#define MAX_NAMED_SHAPES 300
/* Past this many, the layer is drawn with cairo's fast antialiasing and no halos: cairo's cost
 * is per stroke, and 10 000 outlined polygons took 1.7 s to compose (0.5 s so). */
#define DENSE_SHAPES 2000

static void
label_colour (CairnCanvas           *self,
              const CairnAnnotation *annotation,
              double                *r,
              double                *g,
              double                *b)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &annotation->label_id);

  if (label == NULL || !cairn_color_parse (label->color, r, g, b))
    *r = *g = *b = 0.6; /* unlabelled: neutral grey, readable on light and dark pictures */
}

static cairo_surface_t *
mask_surface (CairnCanvas           *self,
              const CairnAnnotation *annotation)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->masks, annotation);
  const CairnRle *rle = annotation->mask;
  g_autofree guint8 *bits = NULL;
  unsigned char *data;
  int stride;

  if (surface != NULL)
    return surface;
  if (rle == NULL || rle->width == 0 || rle->height == 0)
    return NULL;
  if (rle->width > 32767 || rle->height > 32767)
    {
      if ((surface = cairn_canvas_mask_new_big_surface (rle)) != NULL)
        g_hash_table_insert (self->masks, (gpointer) annotation, surface);
      return surface;
    }
  bits = cairn_rle_to_bitmap (rle);
  if (bits == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, rle->width, rle->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < rle->height; y++)
    for (guint x = 0; x < rle->width; x++)
      data[y * stride + x] = bits[(gsize) y * rle->width + x] ? 255 : 0;
  cairo_surface_mark_dirty (surface);
  g_hash_table_insert (self->masks, (gpointer) annotation, surface);
  return surface;
}

/* The outline over a faint dark halo, so a line stays visible on a picture of its own colour. */
static void
stroke_with_halo (cairo_t *cr,
                  double   r,
                  double   g,
                  double   b)
{
  double width = cairo_get_line_width (cr);
  double px = 1, py = 0;

  /* A dense layer (see DENSE_SHAPES) has no halo: a third of its cost, and shapes that small
   * and that many outline each other anyway. */
  if (cairo_get_antialias (cr) == CAIRO_ANTIALIAS_FAST)
    {
      cairo_set_source_rgb (cr, r, g, b);
      cairo_stroke (cr);
      return;
    }
  cairo_device_to_user_distance (cr, &px, &py);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, width + 1.5 * hypot (px, py));
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_stroke (cr);
}

static void
draw_mask (CairnCanvas           *self,
           cairo_t               *cr,
           const CairnAnnotation *a,
           double                 r,
           double                 g,
           double                 b)
{
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;

  if (!cairn_canvas_mask_shown (self, a) || (surface = mask_surface (self, a)) == NULL)
    return;
  pattern = cairo_pattern_create_for_surface (surface);
  /* Mask pixels stay crisp squares when zoomed in. */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairn_canvas_mask_paint (self, cr, a, surface, pattern, r, g, b);
  cairo_pattern_destroy (pattern);
}

/* Keypoints seen (COCO v = 2) are filled; occluded ones (v = 1) stay rings. */
static void
fill_visible_points (cairo_t *cr, const CairnAnnotation *a, double px)
{
  const double *c = (const double *) a->coords->data;

  cairo_new_path (cr);
  for (guint i = 0; i + 2 < a->coords->len; i += 3)
    if (c[i + 2] >= 2)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, c[i], c[i + 1], CAIRN_SHAPE_POINT_RADIUS * px, 0, 2 * G_PI);
      }
  cairo_fill (cr);
}

/* One annotation in image coordinates; px is the size of a screen pixel. FALSE when the
 * annotation has nothing to draw (tags, spans...) or broken geometry. */
static gboolean
draw_annotation (CairnCanvas           *self,
                 cairo_t               *cr,
                 const CairnAnnotation *a,
                 double                 px,
                 gboolean               selected)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &a->label_id);
  CairnShapePaint paint;
  double r, g, b;

  label_colour (self, a, &r, &g, &b);
  cairo_save (cr);
  paint = cairn_shape_path (cr, a, label, px);
  cairo_set_line_width (cr, (selected ? 2 : 1) * LINE_WIDTH * px);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD); /* holes are rings too */
  switch (paint)
    {
    case CAIRN_SHAPE_AREA:
      /* Points are dots: solid, or they vanish on the picture. */
      cairo_set_source_rgba (cr, r, g, b, a->kind == CAIRN_KIND_POINTS ? 1.0
                                          : selected ? 2 * FILL_ALPHA : FILL_ALPHA);
      /* Dense: the outline covers the fill's edge, so the fill needs no antialiasing. */
      if (cairo_get_antialias (cr) == CAIRO_ANTIALIAS_FAST && a->kind != CAIRN_KIND_POINTS)
        {
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          cairo_fill_preserve (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
        }
      else
        cairo_fill_preserve (cr);
      stroke_with_halo (cr, r, g, b);
      break;
    case CAIRN_SHAPE_LINE:
      if (a->kind == CAIRN_KIND_KEYPOINTS)
        {
          /* No halo: it would fill an occluded point's ring. */
          cairo_set_source_rgb (cr, r, g, b);
          cairo_stroke (cr);
          fill_visible_points (cr, a, px);
        }
      else
        stroke_with_halo (cr, r, g, b);
      break;
    case CAIRN_SHAPE_MASK:
      draw_mask (self, cr, a, r, g, b);
      break;
    case CAIRN_SHAPE_NONE:
    default:
      break;
    }
  cairo_restore (cr);
  return paint != CAIRN_SHAPE_NONE;
}

/* The label's name in a tag of its colour at the shape's top-left corner, at screen size
 * whatever the zoom, so an annotator sees which label each shape has. */
/* Where names were written this frame (x, y, label id): a box and its keypoints, made
 * together, would write the same name twice over each other. */
typedef struct
{
  double x;
  double y;
  gint64 label_id;
} Tag;

static gboolean
tag_taken (GArray *tags, double x, double y, gint64 label_id)
{
  for (guint i = 0; i < tags->len; i++)
    {
      const Tag *t = &g_array_index (tags, Tag, i);

      if (t->label_id == label_id && fabs (t->x - x) < 24 && fabs (t->y - y) < 12)
        return TRUE;
    }
  return FALSE;
}

static void
draw_name (CairnCanvas           *self,
           cairo_t               *cr,
           PangoLayout           *layout,
           const CairnAnnotation *a,
           GArray                *tags)
{
  CairnLabel *label = g_hash_table_lookup (self->labels, &a->label_id);
  double x, y, w, h, r, g, b;
  int tw, th;

  const char *name = label ? label->name : _("No label");
  gint64 key = label ? label->id : 0;

  /* Unlabelled shapes are marked too: they are the ones still to do. */
  if (!cairn_annotation_bounds (a, &x, &y, &w, &h))
    return;
  label_colour (self, a, &r, &g, &b);
  cairo_save (cr);
  cairo_user_to_device (cr, &x, &y);
  if (tag_taken (tags, x, y, key))
    {
      cairo_restore (cr);
      return;
    }
  g_array_append_vals (tags, &(Tag) { x, y, key }, 1);
  cairo_identity_matrix (cr);
  pango_layout_set_text (layout, name, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x = round (x);
  y = round (y - th - 2);
  cairo_rectangle (cr, x, y, tw + 6, th + 2);
  cairo_set_source_rgba (cr, r, g, b, 0.85);
  cairo_fill (cr);
  /* Dark text on light colours, white on dark ones. */
  if (0.299 * r + 0.587 * g + 0.114 * b > 0.6)
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + 3, y + 1);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_handles (CairnCanvas           *self,
              cairo_t               *cr,
              const CairnAnnotation *a,
              double                 px)
{
  g_autoptr(GArray) handles = cairn_shape_handles (a, px);
  const double *h = (const double *) handles->data;
  double s = HANDLE_SIZE * px;
  gboolean rotates = a->kind == CAIRN_KIND_RBOX || a->kind == CAIRN_KIND_ELLIPSE;

  cairo_save (cr);
  cairo_set_line_width (cr, px);
  /* The rotation handle: a round knob on a stalk from the middle of the top edge. */
  if (rotates && handles->len >= 10)
    {
      cairo_move_to (cr, (h[0] + h[2]) / 2, (h[1] + h[3]) / 2);
      cairo_line_to (cr, h[8], h[9]);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);
      cairo_arc (cr, h[8], h[9], s * 0.6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i + 1 < handles->len && !(rotates && i >= 8); i += 2)
    {
      cairo_rectangle (cr, h[i] - s / 2, h[i + 1] - s / 2, s, s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static gboolean
is_dragged (CairnCanvas *self, const CairnAnnotation *a)
{
  return self->preview != NULL && a->id != 0 && a->id == self->preview->id;
}

static gboolean
is_selected (CairnCanvas *self, const CairnAnnotation *a)
{
  return cairn_canvas_is_selected (self, a->id);
}

/* Shapes wholly outside the view are skipped (at 4× most of 10 000 are). Kinds without
 * bounds (tags) and broken geometry are left to draw_annotation. */
static gboolean
shape_in_view (const CairnAnnotation *a, double x0, double y0, double x1, double y1)
{
  double x, y, w, h;

  if (!cairn_annotation_bounds (a, &x, &y, &w, &h))
    return TRUE;
  return x <= x1 && y <= y1 && x + w >= x0 && y + h >= y0;
}

typedef struct
{
  gint  z;
  guint index;
} Stacked;

static int
compare_stacked (gconstpointer a, gconstpointer b)
{
  const Stacked *x = a, *y = b;

  if (x->z != y->z)
    return x->z < y->z ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The order shapes are drawn in: as made, unless some were raised or lowered (z-order), then
 * by z and, within one z, as made. NULL for the first case (most items): no sort per frame. */
static GArray *
stacking_order (CairnCanvas *self)
{
  g_autoptr(GArray) stacked = NULL;
  GArray *order;
  gboolean any = FALSE;

  for (guint i = 0; i < self->annotations->len && !any; i++)
    any = cairn_shape_get_z (self->annotations->pdata[i]) != 0;
  if (!any)
    return NULL;
  stacked = g_array_sized_new (FALSE, FALSE, sizeof (Stacked), self->annotations->len);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      Stacked one = { cairn_shape_get_z (self->annotations->pdata[i]), i };

      g_array_append_val (stacked, one);
    }
  g_array_sort (stacked, compare_stacked);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), stacked->len);
  for (guint i = 0; i < stacked->len; i++)
    g_array_append_val (order, g_array_index (stacked, Stacked, i).index);
  return order;
}

/* The layer holds every shape as it is stored, none emphasised, but the one being dragged: a
 * selection changing costs no redraw of it. The live part draws, over it, the dragged shape
 * where the drag has it and the selected one emphasised, with its handles and name. */
guint
cairn_canvas_draw_part (CairnCanvas     *self,
                        cairo_t         *cr,
                        double           zoom,
                        CairnCanvasPart  part)
{
  PangoLayout *layout;
  PangoFontDescription *font;
  GArray *tags;
  guint drawn = 0;
  gboolean names = self->show_names && self->annotations->len <= MAX_NAMED_SHAPES
                   && part != CAIRN_CANVAS_PART_LIVE;
  const CairnAnnotation *selected = NULL;
  g_autoptr(GArray) order = NULL;
  double x0, y0, x1, y1;

  if (part == CAIRN_CANVAS_PART_LAYER && self->annotations->len > DENSE_SHAPES)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  /* What the view shows, in image coordinates, with room for outlines, dots and handles. */
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  x0 -= 2 * HANDLE_SIZE / zoom;
  y0 -= 2 * HANDLE_SIZE / zoom;
  x1 += 2 * HANDLE_SIZE / zoom;
  y1 += 2 * HANDLE_SIZE / zoom;

  /* The live part draws only the selected and dragged shapes over the layer: no order to
   * work out every frame. */
  order = part == CAIRN_CANVAS_PART_LIVE ? NULL : stacking_order (self);
  /* Masks under outlines, so a mask never hides a box drawn on it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < self->annotations->len; k++)
      {
        guint i = order ? g_array_index (order, guint, k) : k;
        const CairnAnnotation *a = self->annotations->pdata[i];
        gboolean dragged = is_dragged (self, a);
        gboolean emphasis = part != CAIRN_CANVAS_PART_LAYER && is_selected (self, a);

        if ((part == CAIRN_CANVAS_PART_LAYER && dragged)
            || (part == CAIRN_CANVAS_PART_LIVE && !dragged && !emphasis))
          continue;
        if (dragged)
          a = self->preview;
        if (cairn_canvas_shape_hidden (self, a) || !shape_in_view (a, x0, y0, x1, y1))
          continue;
        if ((a->kind == CAIRN_KIND_MASK) == (pass == 0)
            && draw_annotation (self, cr, a, 1.0 / zoom, emphasis)
            /* The selected one is in the layer already: counted once. */
            && (part != CAIRN_CANVAS_PART_LIVE || dragged))
          drawn++;
        /* Handles on the selected one only, not on all a rubber band took. */
        if (pass == 1 && emphasis && a->id == self->selected_id)
          selected = a;
      }
  if (selected != NULL && !cairn_canvas_is_locked (self, selected->id))
    draw_handles (self, cr, selected, 1.0 / zoom);
  if (!names && selected == NULL)
    return drawn;

  tags = g_array_new (FALSE, FALSE, sizeof (Tag));
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold 9");
  pango_layout_set_font_description (layout, font);
  for (guint i = 0; names && i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (is_dragged (self, a) || cairn_canvas_shape_hidden (self, a))
        continue;
      if (a != selected && cairn_kind_is_image (a->kind)
          && (a->kind != CAIRN_KIND_MASK || cairn_canvas_mask_shown (self, a)))
        draw_name (self, cr, layout, a, tags);
    }
  /* The selected shape's name on top of the others (the dragged one's too). */
  if (selected != NULL)
    draw_name (self, cr, layout, selected, g_array_set_size (tags, 0));
  pango_font_description_free (font);
  g_object_unref (layout);
  g_array_unref (tags);
  return drawn;
}

guint
cairn_canvas_draw_shapes (CairnCanvas *self,
                          cairo_t     *cr,
                          double       zoom)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), 0);
  g_return_val_if_fail (zoom > 0, 0);
  return cairn_canvas_draw_part (self, cr, zoom, CAIRN_CANVAS_PART_ALL);
}

/* The picture and the shapes not being worked on, composed for this view once: drawn again
 * only when the shapes, the labels, the picture or the view changed, so a pointer move or a
 * drag costs one 1:1 blit and the live shapes (the picture is never scaled per frame). */
static gboolean
view_is_current (CairnCanvas *self, int width, int height)
{
  return self->view != NULL && self->view_generation == self->generation
         && self->view_image == self->image && self->view_zoom == self->zoom
         && self->view_x == self->offset_x && self->view_y == self->offset_y
         && self->view_width == width && self->view_height == height;
}

static void
draw_picture (CairnCanvas *self, cairo_t *cr, int width, int height)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;

  if (self->image == NULL)
    {
      /* Still decoding (or unreadable): show where the picture will be. */
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.25);
      cairo_rectangle (cr, self->offset_x, self->offset_y, self->image_width * self->zoom,
                       self->image_height * self->zoom);
      cairo_fill (cr);
      return;
    }
  snapshot = gtk_snapshot_new ();
  cairn_image_snapshot (self->image, snapshot, self->offset_x, self->offset_y, self->zoom,
                        &bounds);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
}

/* Compose the view, or the damaged parts of it, into cr (whose clip says where). */
static guint
compose (CairnCanvas *self, cairo_t *cr, int width, int height)
{
  guint drawn;

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  draw_picture (self, cr, width, height);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  drawn = cairn_canvas_draw_part (self, cr, self->zoom, CAIRN_CANVAS_PART_LAYER);
  cairo_restore (cr);
  return drawn;
}

/* An edit in place: only the rectangles its shapes covered, before and after, are drawn again
 * (at 10 000 shapes the whole layer is seconds of cairo; a shape's rectangle is nothing). */
static void
repair_view (CairnCanvas *self, int width, int height)
{
  cairo_t *cr = cairo_create (self->view);
  int n = cairo_region_num_rectangles (self->view_damage);

  for (int i = 0; i < n; i++)
    {
      cairo_rectangle_int_t rect;

      cairo_region_get_rectangle (self->view_damage, i, &rect);
      cairo_save (cr);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      cairo_clip (cr);
      compose (self, cr, width, height);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (self->view);
  g_clear_pointer (&self->view_damage, cairo_region_destroy);
  g_clear_object (&self->view_texture);
  self->view_drawn = cairn_canvas_count_in_view (self);
}

cairo_surface_t *
cairn_canvas_get_view (CairnCanvas *self,
                       int          width,
                       int          height,
                       guint       *n_drawn)
{
  cairo_t *cr;

  if (!view_is_current (self, width, height))
    {
      g_clear_pointer (&self->view, cairo_surface_destroy);
      g_clear_pointer (&self->view_damage, cairo_region_destroy);
      g_clear_object (&self->view_texture);
      self->view = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (self->view);
      self->view_drawn = compose (self, cr, width, height);
      cairo_destroy (cr);
      cairo_surface_flush (self->view);
      self->view_generation = self->generation;
      self->view_image = self->image;
      self->view_zoom = self->zoom;
      self->view_x = self->offset_x;
      self->view_y = self->offset_y;
      self->view_width = width;
      self->view_height = height;
    }
  else if (self->view_damage != NULL)
    repair_view (self, width, height);
  *n_drawn = self->view_drawn;
  return self->view;
}

/* What one annotation covers on screen changed: its rectangle is drawn again at the next
 * frame. Few shapes (names drawn, cheap anyway) or no bounds: the whole layer is. */
void
cairn_canvas_damage (CairnCanvas           *self,
                     const CairnAnnotation *annotation)
{
  double x, y, w, h, margin = 3 * HANDLE_SIZE;
  cairo_rectangle_int_t rect;

  if (annotation == NULL)
    return;
  if (self->view == NULL || self->annotations->len <= MAX_NAMED_SHAPES
      || !cairn_annotation_bounds (annotation, &x, &y, &w, &h))
    {
      cairn_canvas_invalidate_layer (self);
      return;
    }
  rect.x = (int) floor (self->offset_x + x * self->zoom - margin);
  rect.y = (int) floor (self->offset_y + y * self->zoom - margin);
  rect.width = (int) ceil (w * self->zoom + 2 * margin) + 1;
  rect.height = (int) ceil (h * self->zoom + 2 * margin) + 1;
  if (self->view_damage == NULL)
    self->view_damage = cairo_region_create ();
  cairo_region_union_rectangle (self->view_damage, &rect);
}

/* The shapes the layer shows: what a full compose would have counted. */
guint
cairn_canvas_count_in_view (CairnCanvas *self)
{
  double x0 = -self->offset_x / self->zoom, y0 = -self->offset_y / self->zoom;
  double x1 = x0 + self->view_width / self->zoom, y1 = y0 + self->view_height / self->zoom;
  guint n = 0;

  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (!is_dragged (self, a) && cairn_kind_is_image (a->kind) && a->kind != CAIRN_KIND_TAG
          && !cairn_canvas_shape_hidden (self, a) && shape_in_view (a, x0, y0, x1, y1))
        n++;
    }
  return n;
}

/* The same, for renderers that keep textures (GL): made once per view from the surface. */
GdkTexture *
cairn_canvas_get_view_texture (CairnCanvas *self,
                               int          width,
                               int          height,
                               guint       *n_drawn)
{
  cairo_surface_t *surface = cairn_canvas_get_view (self, width, height, n_drawn);
  g_autoptr(GBytes) bytes = NULL;

  if (self->view_texture != NULL)
    return self->view_texture;
  /* Cairo's ARGB32 is GDK's default memory format (premultiplied BGRA in memory). */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  self->view_texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                               cairo_image_surface_get_stride (surface));
  return self->view_texture;
}
