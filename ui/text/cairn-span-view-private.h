#pragma once

/* What the span view's files share: the view (cairn-span-view.c) draws the spans and leaves
 * where each was drawn; the arcs (cairn-span-view-arcs.c) join them. */
#include "cairn-span-view.h"

G_BEGIN_DECLS

typedef struct
{
  gint64          id;
  graphene_rect_t rect;   /* buffer coordinates */
} Hit;

/* Where a span's first fragment was drawn, for the relations' ends. */
typedef struct
{
  double x, y, width;
} Anchor;

struct _CairnSpanView
{
  GtkTextView  parent_instance;

  CairnTextLanes *lanes;    /* the spans in drawing order */
  GHashTable  *looks;       /* label id → CairnSpanLook */
  GArray      *relations;   /* CairnRelationMark */
  guint        last_found;  /* index in lanes of the last find_mark */
  guint        n_lanes;
  gint64       selected_id;
  gint64       pending_id;
  gint64       drag_from;
  double       drag_x, drag_y;
  guint        focus_start, focus_end;
  gboolean     arc_room;

  GHashTable  *layouts;     /* interned name → PangoLayout */
  int          text_height; /* of a name, pixels */
  GArray      *hits;        /* Hit, from the last frame */
  GHashTable  *anchors;     /* span id → Anchor, the last frame's */
  GHashTable  *arcs;        /* relation id → its drawn arc (cairn-span-view-arcs.c) */
  GHashTable  *stub_layouts; /* a stub's name → its PangoLayout */
  guint        n_drawn;
  guint        n_frames;
};

int          cairn_span_view_arc_height     (CairnSpanView *self);
/* The layout of a span's or relation's name, kept per interned name. */
PangoLayout *cairn_span_view_name_layout    (CairnSpanView *self,
                                             const char    *name);

/* cairn-span-view-arcs.c */
GHashTable  *cairn_span_view_new_arc_cache  (void);
void         cairn_span_view_draw_relations (CairnSpanView *self,
                                             GtkSnapshot   *snapshot,
                                             const GdkRGBA *fg);

G_END_DECLS
