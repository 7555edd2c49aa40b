#pragma once

#include <gtk/gtk.h>

#include "text/cairn-text-lanes.h"
#include "text/cairn-text-spans.h"

G_BEGIN_DECLS

/* The source text of the text pane: a read-only GtkTextView (caret browsing, so a keyboard
 * selects as a mouse does) that draws each span as a bar in the label's colour with the
 * label's name under its first line, overlapping and nested spans in lanes of their own, and
 * relations as labelled arrows above the lines. Offsets are code points, as GtkTextIter's. */
#define CAIRN_TYPE_SPAN_VIEW (cairn_span_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnSpanView, cairn_span_view, CAIRN, SPAN_VIEW, GtkTextView)

/* How a label's spans and relations look. */
typedef struct
{
  GdkRGBA     color;
  const char *name;       /* interned */
} CairnSpanLook;

typedef struct
{
  gint64      id;
  guint       start;
  guint       end;
  guint       lane;
  GdkRGBA     color;
  const char *name;       /* interned */
} CairnSpanMark;

typedef struct
{
  gint64      id;
  gint64      from;       /* span ids */
  gint64      to;
  CairnTextRange from_range; /* where they are, for an end out of view */
  CairnTextRange to_range;
  GdkRGBA     color;
  const char *name;       /* interned */
} CairnRelationMark;

GtkWidget *cairn_span_view_new             (void);
/* The spans to draw, kept by the caller, who calls again after changing them in place;
 * looks: label id (gint64 *) → CairnSpanLook, for labels the view does not know a grey
 * "No label". Both are referenced. */
void       cairn_span_view_set_spans       (CairnSpanView  *self,
                                            CairnTextLanes *lanes,
                                            GHashTable     *looks);
/* CairnRelationMark; taken. */
void       cairn_span_view_set_relations   (CairnSpanView  *self,
                                            GArray         *relations);
/* Keeps room for arcs above every line even before the first relation (the project has
 * relation labels), so that the text does not jump when one is made. */
void       cairn_span_view_set_arc_room    (CairnSpanView *self,
                                            gboolean       arc_room);
/* The span or relation drawn as selected (0: none); a relation's source while one is made. */
void       cairn_span_view_set_selected    (CairnSpanView *self,
                                            gint64         id);
void       cairn_span_view_set_pending     (CairnSpanView *self,
                                            gint64         from_id);
/* A line being dragged from a span (buffer coordinates); from_id 0 ends it. */
void       cairn_span_view_set_drag_line   (CairnSpanView *self,
                                            gint64         from_id,
                                            double         x,
                                            double         y);
/* The source sentence of the target being written, tinted; start == end: none. */
void       cairn_span_view_set_focus_range (CairnSpanView *self,
                                            guint          start,
                                            guint          end);
/* What was drawn at widget point (x, y): a span's bar or name, or a relation's name; 0. */
gint64     cairn_span_view_pick            (CairnSpanView *self,
                                            double         x,
                                            double         y);
/* The span id as drawn; FALSE when the view has no such span. */
gboolean   cairn_span_view_get_mark        (CairnSpanView *self,
                                            gint64         id,
                                            CairnSpanMark *mark);
/* How many span fragments and relations the last frame drew. */
guint      cairn_span_view_get_n_drawn     (CairnSpanView *self);
guint      cairn_span_view_get_n_frames    (CairnSpanView *self);

G_END_DECLS
