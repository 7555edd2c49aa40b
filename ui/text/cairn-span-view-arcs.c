#define G_LOG_DOMAIN "cairn-span-view"

/* Relations as arcs above the lines, from the anchors the spans left in this frame. Each arc
 * is a cairo node drawn once and handed to every frame while it stays as it is: a new node
 * is painted again in every frame (nothing tells it is unchanged; the same node is known to
 * be), and a screen of arcs cost 2 ms a frame. A
 * relation with one end out of view runs along the arcs' band to the edge of the view, its
 * name telling the other end's text and whether it is above (↑) or below (↓). */

#include <math.h>
#include <string.h>

#include "cairn-span-view-private.h"

typedef struct
{
  double   x1, y1;      /* the source, or for a stub the end in view */
  double   x2, y2;      /* the target, or for a stub the point at the edge */
  double   top;         /* the height the arc reaches */
  gboolean stub;
  gboolean head_at_1;   /* a stub whose end in view is the target */
  gboolean selected;
  GdkRGBA  color;
} ArcShape;

typedef struct
{
  ArcShape       shape;
  GskRenderNode *node;
  guint          frame;
} ArcCache;

static void
arc_cache_free (gpointer data)
{
  ArcCache *cache = data;

  g_clear_pointer (&cache->node, gsk_render_node_unref);
  g_free (cache);
}

GHashTable *
cairn_span_view_new_arc_cache (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, arc_cache_free);
}

static void
arrow_head (cairo_t *cr, double x, double y, double dx, double dy)
{
  /* Pointing along (dx, dy), a unit vector. */
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - 7 * dx - 4 * dy, y - 7 * dy + 4 * dx);
  cairo_line_to (cr, x - 7 * dx + 4 * dy, y - 7 * dy - 4 * dx);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
stroke_arc (cairo_t *cr, const ArcShape *a)
{
  gdk_cairo_set_source_rgba (cr, &a->color);
  cairo_set_line_width (cr, a->selected ? 3 : 1.5);
  if (!a->stub)
    {
      cairo_move_to (cr, a->x1, a->y1);
      cairo_curve_to (cr, a->x1, a->top, a->x2, a->top, a->x2, a->y2 - 4);
      cairo_stroke (cr);
      arrow_head (cr, a->x2, a->y2, 0, 1);
      return;
    }
  /* Up from the span, then along the band to the edge. */
  {
    double dir = a->x2 < a->x1 ? -1 : 1;

    cairo_move_to (cr, a->x1, a->y1 - (a->head_at_1 ? 4 : 0));
    cairo_curve_to (cr, a->x1, a->top, a->x1, a->top, a->x1 + 12 * dir, a->top);
    cairo_line_to (cr, a->x2 - (a->head_at_1 ? 0 : 4 * dir), a->top);
    cairo_stroke (cr);
    if (a->head_at_1)
      arrow_head (cr, a->x1, a->y1, 0, 1);
    else
      arrow_head (cr, a->x2, a->top, dir, 0);
  }
}

static graphene_rect_t
arc_box (const ArcShape *a)
{
  return GRAPHENE_RECT_INIT (floor (MIN (a->x1, a->x2) - 8), floor (a->top - 6),
                             ceil (fabs (a->x2 - a->x1) + 16),
                             ceil (MAX (a->y1, a->y2) - a->top + 8));
}

static ArcCache *
append_arc (CairnSpanView *self, GtkSnapshot *snapshot, gint64 id, const ArcShape *shape)
{
  ArcCache *cache = g_hash_table_lookup (self->arcs, &id);

  if (cache == NULL || memcmp (&cache->shape, shape, sizeof *shape) != 0)
    {
      graphene_rect_t box = arc_box (shape);
      cairo_t *cr;

      if (cache == NULL)
        {
          cache = g_new0 (ArcCache, 1);
          g_hash_table_insert (self->arcs, g_memdup2 (&id, sizeof id), cache);
        }
      cache->shape = *shape;
      g_clear_pointer (&cache->node, gsk_render_node_unref);
      cache->node = gsk_cairo_node_new (&box);
      cr = gsk_cairo_node_get_draw_context (cache->node);
      stroke_arc (cr, shape);
      cairo_destroy (cr);
    }
  cache->frame = self->n_frames;
  gtk_snapshot_append_node (snapshot, cache->node);
  return cache;
}

static void
append_name (CairnSpanView *self, GtkSnapshot *snapshot, gint64 id, PangoLayout *layout,
             double x, double y, const GdkRGBA *color)
{
  int w, h;
  Hit hit;

  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 0.85 },
                             &GRAPHENE_RECT_INIT (x - 2, y, w + 4, h));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  hit = (Hit) { id, GRAPHENE_RECT_INIT (x - 2, y, w + 4, h) };
  g_array_append_val (self->hits, hit);
  self->n_drawn++;
}

static void
draw_arc (CairnSpanView *self, GtkSnapshot *snapshot, const CairnRelationMark *r, guint i,
          const Anchor *a, const Anchor *b, const GdkRGBA *fg)
{
  gboolean selected = r->id == self->selected_id;
  ArcShape shape;
  PangoLayout *layout = cairn_span_view_name_layout (self, r->name);
  int w, h;
  double low;

  /* Zeroed, padding too: the kept arcs are compared with memcmp. */
  memset (&shape, 0, sizeof shape);
  shape.x1 = a->x + MIN (a->width / 2, 12);
  shape.y1 = a->y - 1;
  shape.x2 = b->x + MIN (b->width / 2, 12);
  shape.y2 = b->y - 1;
  shape.top = MIN (shape.y1, shape.y2) - cairn_span_view_arc_height (self) + 3 + (i % 3) * 3;
  shape.selected = selected;
  shape.color = r->color;
  append_arc (self, snapshot, r->id, &shape);
  pango_layout_get_pixel_size (layout, &w, &h);
  /* The curve's top is three quarters of the way to its control points. */
  low = MIN (shape.y1, shape.y2);
  append_name (self, snapshot, r->id, layout, (shape.x1 + shape.x2) / 2 - w / 2.0,
               low + (shape.top - low) * 0.75 - h / 2.0, selected ? &r->color : fg);
}

/* The other end's text, cut short, for a stub's name. */
static char *
end_text (CairnSpanView *self, CairnTextRange range)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gboolean cut = range.end - range.start > 16;
  g_autofree char *text = NULL;
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, range.start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, cut ? range.start + 15 : range.end);
  text = gtk_text_buffer_get_slice (buffer, &a, &b, FALSE);
  g_strdelimit (text, "\n\t", ' ');
  return cut ? g_strconcat (text, "…", NULL) : g_steal_pointer (&text);
}

/* A stub's name laid out, kept by its text: the texts come back as a page scrolls (a layout is
 * shaped anew each time one is made: a frame's stubs cost 2 ms). A few hundred are kept. */
static PangoLayout *
stub_layout (CairnSpanView *self, const char *text, const char *relation_name)
{
  PangoLayout *layout = g_hash_table_lookup (self->stub_layouts, text);

  if (layout != NULL)
    return layout;
  if (g_hash_table_size (self->stub_layouts) >= 256)
    g_hash_table_remove_all (self->stub_layouts);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_attributes (layout,
                               pango_layout_get_attributes (
                                 cairn_span_view_name_layout (self, relation_name)));
  g_hash_table_insert (self->stub_layouts, g_strdup (text), layout);
  return layout;
}

/* One end in view (a), the other (starting at other) above or below it. */
static void
draw_stub (CairnSpanView *self, GtkSnapshot *snapshot, const CairnRelationMark *r, guint i,
           const Anchor *a, gboolean a_is_target, const GdkRGBA *fg)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  gboolean selected = r->id == self->selected_id;
  CairnTextRange other = a_is_target ? r->from_range : r->to_range;
  gboolean above = other.start < (a_is_target ? r->to_range : r->from_range).start;
  g_autofree char *text = end_text (self, other);
  g_autofree char *name = NULL;
  PangoLayout *layout;
  GdkRectangle visible;
  ArcShape shape;
  int w, h;

  gtk_text_view_get_visible_rect (view, &visible);
  name = g_strdup_printf ("%s %s “%s” %s", r->name, a_is_target ? "←" : "→", text,
                          above ? "↑" : "↓");
  layout = stub_layout (self, name, r->name);
  pango_layout_get_pixel_size (layout, &w, &h);
  memset (&shape, 0, sizeof shape);
  shape.stub = TRUE;
  shape.head_at_1 = a_is_target;
  shape.x1 = a->x + MIN (a->width / 2, 12);
  shape.y1 = a->y - 1;
  shape.top = shape.y1 - cairn_span_view_arc_height (self) + 3 + (i % 3) * 3;
  /* Towards the left edge for an end above, the right for one below, unless the name would
   * hide the whole line there: then to the side with room. */
  {
    double left = visible.x + 3, right = visible.x + visible.width - 3;
    double want = w + 40, room_left = shape.x1 - left, room_right = right - shape.x1;
    gboolean to_left = above ? room_left >= want || room_left >= room_right
                             : !(room_right >= want || room_right >= room_left);

    shape.x2 = to_left ? left : right;
  }
  shape.y2 = shape.top;
  shape.selected = selected;
  shape.color = r->color;
  append_arc (self, snapshot, r->id, &shape);
  /* The name by the edge, over the band: there is where the eye follows the line. */
  append_name (self, snapshot, r->id, layout,
               shape.x2 < shape.x1 ? shape.x2 + 10 : shape.x2 - 10 - w, shape.top - h / 2.0,
               selected ? &r->color : fg);
}

static gboolean
evict_cb (gpointer key, gpointer value, gpointer data)
{
  return ((ArcCache *) value)->frame != GPOINTER_TO_UINT (data);
}

void
cairn_span_view_draw_relations (CairnSpanView *self,
                                GtkSnapshot   *snapshot,
                                const GdkRGBA *fg)
{
  for (guint i = 0; i < self->relations->len; i++)
    {
      const CairnRelationMark *r = &g_array_index (self->relations, CairnRelationMark, i);
      const Anchor *a = g_hash_table_lookup (self->anchors, &r->from);
      const Anchor *b = g_hash_table_lookup (self->anchors, &r->to);

      if (a != NULL && b != NULL)
        draw_arc (self, snapshot, r, i, a, b, fg);
      else if (a != NULL)
        draw_stub (self, snapshot, r, i, a, FALSE, fg);
      else if (b != NULL)
        draw_stub (self, snapshot, r, i, b, TRUE, fg);
    }
  /* Only the arcs of this frame are kept. */
  g_hash_table_foreach_remove (self->arcs, evict_cb, GUINT_TO_POINTER (self->n_frames));
  if (self->drag_from != 0)
    {
      const Anchor *a = g_hash_table_lookup (self->anchors, &self->drag_from);

      if (a != NULL)
        {
          graphene_rect_t box = GRAPHENE_RECT_INIT (MIN (a->x, self->drag_x) - 4,
                                                    MIN (a->y, self->drag_y) - 4,
                                                    fabs (a->x - self->drag_x) + 40,
                                                    fabs (a->y - self->drag_y) + 8);
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &box);

          gdk_cairo_set_source_rgba (cr, fg);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
          cairo_move_to (cr, a->x + MIN (a->width / 2, 12), a->y);
          cairo_line_to (cr, self->drag_x, self->drag_y);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }
    }
}
