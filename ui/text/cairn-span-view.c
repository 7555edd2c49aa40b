#define G_LOG_DOMAIN "cairn-span-view"

#include <math.h>

#include "cairn-span-view-private.h"

G_DEFINE_FINAL_TYPE (CairnSpanView, cairn_span_view, GTK_TYPE_TEXT_VIEW)

#define BAR 3
#define SELECTED_BAR 5
#define MAX_DRAWN_LANES 12

static int
lane_height (CairnSpanView *self)
{
  return self->text_height + BAR + 3;
}

int
cairn_span_view_arc_height (CairnSpanView *self)
{
  return self->text_height + 14;
}

PangoLayout *
cairn_span_view_name_layout (CairnSpanView *self,
                             const char    *name)
{
  PangoLayout *layout = g_hash_table_lookup (self->layouts, name);

  if (layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.72));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      g_hash_table_insert (self->layouts, (gpointer) name, layout);
    }
  return layout;
}

static void
update_spacing (CairnSpanView *self)
{
  PangoLayout *probe = cairn_span_view_name_layout (self, g_intern_static_string ("Ag가"));
  int w, h;
  guint lanes = MIN (self->n_lanes, MAX_DRAWN_LANES);
  int below, above;

  pango_layout_get_pixel_size (probe, &w, &h);
  self->text_height = h;
  below = 4 + lanes * lane_height (self);
  above = self->relations->len > 0 || self->arc_room ? cairn_span_view_arc_height (self) : 2;
  /* The same room under every display line, wrapped or not, and above it for the arcs. */
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (self), below);
  gtk_text_view_set_pixels_above_lines (GTK_TEXT_VIEW (self), above);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self), below + above);
}

static const CairnSpanLook *
look_of (CairnSpanView *self, gint64 label_id)
{
  static const CairnSpanLook grey = { { 0.55, 0.55, 0.55, 1 }, "" };
  static const gint64 no_label = 0;
  const CairnSpanLook *look = NULL;

  if (self->looks != NULL)
    look = g_hash_table_lookup (self->looks, &label_id);
  if (look == NULL && self->looks != NULL)
    look = g_hash_table_lookup (self->looks, &no_label);
  return look != NULL ? look : &grey;
}

static void
fill_mark (CairnSpanView *self, const CairnLaneEntry *e, CairnSpanMark *mark)
{
  const CairnSpanLook *look = look_of (self, e->label_id);

  *mark = (CairnSpanMark) { e->id, e->start, e->end, e->lane, look->color, look->name };
}

/* A walk (50 000 spans: some 30 µs) with the last answer kept: a frame asks for two. */
static gboolean
find_mark (CairnSpanView *self, gint64 id, CairnSpanMark *mark)
{
  const CairnLaneEntry *e;
  guint n;
  gint at;

  if (id == 0 || self->lanes == NULL)
    return FALSE;
  e = cairn_text_lanes_get_entries (self->lanes, &n);
  if (self->last_found < n && e[self->last_found].id == id)
    at = (gint) self->last_found;
  else if ((at = cairn_text_lanes_find (self->lanes, id)) < 0)
    return FALSE;
  self->last_found = (guint) at;
  fill_mark (self, &e[at], mark);
  return TRUE;
}

typedef void (*FragmentFunc) (CairnSpanView *self,
                              const graphene_rect_t *text, /* the characters' box */
                              gboolean first,
                              gpointer data);

/* Calls func for each display line [start, end) covers, first to last; start_at: where
 * start is, if known. */
static void
foreach_fragment_from (CairnSpanView      *self,
                       const GtkTextIter  *start,
                       const GdkRectangle *start_at,
                       guint               end,
                       gboolean            first,
                       FragmentFunc        func,
                       gpointer            data)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter it = *start, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);
  for (guint guard = 0; guard < 100000; guard++)
    {
      GtkTextIter line_end = it, frag_end, before;
      GdkRectangle a, b;
      gboolean last;
      graphene_rect_t r;
      double x1;

      gtk_text_view_forward_display_line_end (view, &line_end);
      last = gtk_text_iter_compare (&line_end, &stop) >= 0;
      frag_end = last ? stop : line_end;
      if (guard == 0 && start_at != NULL)
        a = *start_at;
      else
        gtk_text_view_get_iter_location (view, &it, &a);
      gtk_text_view_get_iter_location (view, &frag_end, &b);
      if (b.y == a.y && b.x >= a.x)
        x1 = b.x;
      else
        {
          /* It ends where the line wraps: the end of the character before. */
          before = frag_end;
          gtk_text_iter_backward_char (&before);
          gtk_text_view_get_iter_location (view, &before, &b);
          x1 = b.x + b.width;
        }
      r = GRAPHENE_RECT_INIT (a.x, a.y, MAX (x1 - a.x, 2), a.height);
      func (self, &r, first, data);
      first = FALSE;
      if (last)
        break;
      it = line_end;
      if (!gtk_text_view_forward_display_line (view, &it)
          || gtk_text_iter_compare (&it, &stop) >= 0)
        break;
      gtk_text_view_backward_display_line_start (view, &it);
    }
}

static void
foreach_fragment (CairnSpanView *self,
                  guint          start,
                  guint          end,
                  gboolean       first,
                  FragmentFunc   func,
                  gpointer       data)
{
  GtkTextIter it;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &it,
                                      start);
  foreach_fragment_from (self, &it, NULL, end, first, func, data);
}

typedef struct
{
  GtkSnapshot         *snapshot;
  const CairnSpanMark *mark;
  GdkRGBA              fg;
  double               room_x;   /* the name may run on until here on its first line */
  gboolean             selected;
} DrawSpan;

static void
draw_fragment_cb (CairnSpanView         *self,
                  const graphene_rect_t *text,
                  gboolean               first,
                  gpointer               data)
{
  DrawSpan *d = data;
  guint lane = MIN (d->mark->lane, MAX_DRAWN_LANES - 1);
  double y = text->origin.y + text->size.height + 2 + lane * lane_height (self);
  int bar = d->selected ? SELECTED_BAR : BAR;
  graphene_rect_t r = GRAPHENE_RECT_INIT (text->origin.x, y, text->size.width, bar);
  Hit hit = { d->mark->id, GRAPHENE_RECT_INIT (text->origin.x, y - 1, text->size.width, bar + 2) };

  gtk_snapshot_append_color (d->snapshot, &d->mark->color, &r);
  self->n_drawn++;
  if (first)
    {
      PangoLayout *layout = cairn_span_view_name_layout (self, d->mark->name);
      int w, h;
      double room = MAX (d->room_x - text->origin.x - 2, text->size.width);
      Anchor anchor = { text->origin.x, text->origin.y, text->size.width };

      pango_layout_get_pixel_size (layout, &w, &h);
      /* Cut where the next span of the lane begins; most names fit and need no clip. */
      if (w > room)
        gtk_snapshot_push_clip (d->snapshot, &GRAPHENE_RECT_INIT (text->origin.x, y + bar,
                                                                  MAX (room, 4), h + 2));
      gtk_snapshot_save (d->snapshot);
      gtk_snapshot_translate (d->snapshot, &GRAPHENE_POINT_INIT (text->origin.x, y + bar));
      gtk_snapshot_append_layout (d->snapshot, layout, &d->fg);
      gtk_snapshot_restore (d->snapshot);
      if (w > room)
        gtk_snapshot_pop (d->snapshot);
      hit.rect.size.width = MAX (text->size.width, MIN (w, room));
      hit.rect.size.height = bar + 2 + h;
      g_hash_table_insert (self->anchors, g_memdup2 (&d->mark->id, sizeof (gint64)),
                           g_memdup2 (&anchor, sizeof anchor));
    }
  g_array_append_val (self->hits, hit);
}

typedef struct
{
  GtkSnapshot *snapshot;
  GdkRGBA      color;
} Fill;

static void
fill_fragment_cb (CairnSpanView         *self,
                  const graphene_rect_t *text,
                  gboolean               first,
                  gpointer               data)
{
  Fill *fill = data;

  gtk_snapshot_append_color (fill->snapshot, &fill->color, text);
}

/* Fills the part of [start, end) in view. */
static void
fill_range (CairnSpanView *self, GtkSnapshot *snapshot, guint vs, guint ve, guint start,
            guint end, GdkRGBA color)
{
  Fill fill = { snapshot, color };

  start = MAX (start, vs);
  end = MIN (end, ve);
  if (start < end)
    foreach_fragment (self, start, end, TRUE, fill_fragment_cb, &fill);
}

static void
visible_offsets (CairnSpanView *self, guint *start, guint *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter a, b;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &a, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &b, visible.x + visible.width,
                                      visible.y + visible.height);
  gtk_text_view_backward_display_line_start (view, &a);
  gtk_text_view_forward_display_line_end (view, &b);
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b) + 1;
}

/* Where each span in view starts, found once a frame: its own fragments and the name of the
 * span before it in its lane (which may run on until there) both ask. */
typedef struct
{
  GtkTextIter  iter;
  GdkRectangle at;
  guint        index;       /* in the lanes */
  gint         next_in_lane; /* in this array, or -1 */
} Placed;

/* The spans in view, from the first that reaches into it (a span over the whole document
 * costs a screen, not a book). A name may run on until the next span of its lane if that
 * starts on the same display line, else to the edge of the view. */
static void
draw_spans (CairnSpanView *self, GtkSnapshot *snapshot, guint vs, guint ve, const GdkRGBA *fg)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (gint));
  const CairnLaneEntry *entries;
  GdkRectangle visible;
  guint n;

  if (self->lanes == NULL)
    return;
  gtk_text_view_get_visible_rect (view, &visible);
  entries = cairn_text_lanes_get_entries (self->lanes, &n);
  for (guint i = cairn_text_lanes_first_reaching (self->lanes, vs);
       i < n && entries[i].start < ve; i++)
    {
      Placed p = { .index = i, .next_in_lane = -1 };

      if (entries[i].end <= vs)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &p.iter, MAX (entries[i].start, vs));
      gtk_text_view_get_iter_location (view, &p.iter, &p.at);
      g_array_append_val (placed, p);
    }
  for (guint k = placed->len; k > 0; k--)
    {
      Placed *p = &g_array_index (placed, Placed, k - 1);
      guint lane = entries[p->index].lane;

      while (next->len <= lane)
        g_array_append_val (next, (gint) { -1 });
      p->next_in_lane = g_array_index (next, gint, lane);
      g_array_index (next, gint, lane) = (gint) k - 1;
    }
  for (guint k = 0; k < placed->len; k++)
    {
      const Placed *p = &g_array_index (placed, Placed, k);
      const Placed *room = p->next_in_lane >= 0
                             ? &g_array_index (placed, Placed, p->next_in_lane) : NULL;
      gboolean starts = entries[p->index].start >= vs;
      CairnSpanMark mark;
      DrawSpan d;

      fill_mark (self, &entries[p->index], &mark);
      d = (DrawSpan) { snapshot, &mark, *fg,
                       room != NULL && room->at.y == p->at.y ? room->at.x
                                                            : visible.x + visible.width,
                       mark.id == self->selected_id };
      foreach_fragment_from (self, &p->iter, &p->at, MIN (mark.end, ve), starts,
                             draw_fragment_cb, &d);
    }
}

static void
cairn_span_view_snapshot_layer (GtkTextView      *view,
                                GtkTextViewLayer  layer,
                                GtkSnapshot      *snapshot)
{
  CairnSpanView *self = CAIRN_SPAN_VIEW (view);
  guint vs, ve;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  visible_offsets (self, &vs, &ve);
  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      CairnSpanMark selected, pending;

      if (self->focus_end > self->focus_start)
        fill_range (self, snapshot, vs, ve, self->focus_start, self->focus_end,
                    (GdkRGBA) { 0.95, 0.8, 0.2, 0.25 });
      if (find_mark (self, self->pending_id, &pending))
        fill_range (self, snapshot, vs, ve, pending.start, pending.end,
                    (GdkRGBA) { pending.color.red, pending.color.green, pending.color.blue,
                                0.3 });
      if (find_mark (self, self->selected_id, &selected))
        fill_range (self, snapshot, vs, ve, selected.start, selected.end,
                    (GdkRGBA) { selected.color.red, selected.color.green,
                                selected.color.blue, 0.4 });
      return;
    }

  g_array_set_size (self->hits, 0);
  g_hash_table_remove_all (self->anchors);
  self->n_drawn = 0;
  self->n_frames++;
  draw_spans (self, snapshot, vs, ve, &fg);
  cairn_span_view_draw_relations (self, snapshot, &fg);
}

static void
cairn_span_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  CairnSpanView *self = CAIRN_SPAN_VIEW (widget);

  GTK_WIDGET_CLASS (cairn_span_view_parent_class)->css_changed (widget, change);
  /* Fonts may have changed: measure the names again. */
  g_hash_table_remove_all (self->layouts);
  g_hash_table_remove_all (self->stub_layouts);
  update_spacing (self);
}

static void
cairn_span_view_finalize (GObject *object)
{
  CairnSpanView *self = CAIRN_SPAN_VIEW (object);

  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  g_clear_pointer (&self->looks, g_hash_table_unref);
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->arcs, g_hash_table_unref);
  g_clear_pointer (&self->stub_layouts, g_hash_table_unref);
  G_OBJECT_CLASS (cairn_span_view_parent_class)->finalize (object);
}

static void
cairn_span_view_class_init (CairnSpanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->finalize = cairn_span_view_finalize;
  widget_class->css_changed = cairn_span_view_css_changed;
  text_view_class->snapshot_layer = cairn_span_view_snapshot_layer;
}

static void
cairn_span_view_init (CairnSpanView *self)
{
  self->relations = g_array_new (FALSE, FALSE, sizeof (CairnRelationMark));
  self->layouts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->anchors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->arcs = cairn_span_view_new_arc_cache ();
  self->stub_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
  update_spacing (self);
}

GtkWidget *
cairn_span_view_new (void)
{
  return g_object_new (CAIRN_TYPE_SPAN_VIEW, NULL);
}

void
cairn_span_view_set_spans (CairnSpanView  *self,
                           CairnTextLanes *lanes,
                           GHashTable     *looks)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));

  if (lanes != self->lanes)
    {
      g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
      self->lanes = lanes ? cairn_text_lanes_ref (lanes) : NULL;
      self->last_found = 0;
    }
  if (looks != self->looks)
    {
      g_clear_pointer (&self->looks, g_hash_table_unref);
      self->looks = looks ? g_hash_table_ref (looks) : NULL;
    }
  self->n_lanes = MAX (lanes ? cairn_text_lanes_get_n_lanes (lanes) : 0, 1);
  update_spacing (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_span_view_set_relations (CairnSpanView *self,
                               GArray        *relations)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self) && relations != NULL);

  g_array_unref (self->relations);
  self->relations = relations;
  update_spacing (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_span_view_set_arc_room (CairnSpanView *self,
                              gboolean       arc_room)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));
  if (self->arc_room == arc_room)
    return;
  self->arc_room = arc_room;
  update_spacing (self);
}

void
cairn_span_view_set_selected (CairnSpanView *self,
                              gint64         id)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_span_view_set_pending (CairnSpanView *self,
                             gint64         from_id)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));
  if (self->pending_id == from_id)
    return;
  self->pending_id = from_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_span_view_set_drag_line (CairnSpanView *self,
                               gint64         from_id,
                               double         x,
                               double         y)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));
  self->drag_from = from_id;
  self->drag_x = x;
  self->drag_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cairn_span_view_set_focus_range (CairnSpanView *self,
                                 guint          start,
                                 guint          end)
{
  g_return_if_fail (CAIRN_IS_SPAN_VIEW (self));
  if (self->focus_start == start && self->focus_end == end)
    return;
  self->focus_start = start;
  self->focus_end = end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
cairn_span_view_pick (CairnSpanView *self,
                      double         x,
                      double         y)
{
  int bx, by;

  g_return_val_if_fail (CAIRN_IS_SPAN_VIEW (self), 0);
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET, (int) x,
                                         (int) y, &bx, &by);
  /* The last drawn wins: names and arcs are drawn over bars. */
  for (guint i = self->hits->len; i > 0; i--)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i - 1);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (bx, by)))
        return hit->id;
    }
  return 0;
}

gboolean
cairn_span_view_get_mark (CairnSpanView *self,
                          gint64         id,
                          CairnSpanMark *mark)
{
  g_return_val_if_fail (CAIRN_IS_SPAN_VIEW (self) && mark != NULL, FALSE);
  return find_mark (self, id, mark);
}

guint
cairn_span_view_get_n_drawn (CairnSpanView *self)
{
  g_return_val_if_fail (CAIRN_IS_SPAN_VIEW (self), 0);
  return self->n_drawn;
}

guint
cairn_span_view_get_n_frames (CairnSpanView *self)
{
  g_return_val_if_fail (CAIRN_IS_SPAN_VIEW (self), 0);
  return self->n_frames;
}
