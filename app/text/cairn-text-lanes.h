#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An item's spans in drawing order (by start, the outer one first, then by id) with the lane
 * each is drawn in, kept as spans come and go: a change re-lanes only the run of overlapping
 * spans it touches (a few entries, not 50 000), with the same lanes a full pass would give
 * (the lowest lane free at each span's start). */
typedef struct
{
  guint  start;
  guint  end;     /* > start */
  gint64 id;
  gint64 label_id;
  guint  lane;
  guint  reach;   /* the furthest end of this entry and every one before it */
} CairnLaneEntry;

typedef struct _CairnTextLanes CairnTextLanes;

CairnTextLanes       *cairn_text_lanes_new         (void);
CairnTextLanes       *cairn_text_lanes_ref         (CairnTextLanes *self);
void                  cairn_text_lanes_unref       (CairnTextLanes *self);
/* Every span at once (start, end, id and label_id of each read; any order): a full pass. */
void                  cairn_text_lanes_set         (CairnTextLanes       *self,
                                                    const CairnLaneEntry *entries,
                                                    guint                 n_entries);
/* Adds a span (start < end). */
void                  cairn_text_lanes_insert      (CairnTextLanes *self,
                                                    guint           start,
                                                    guint           end,
                                                    gint64          id,
                                                    gint64          label_id);
/* The span id, drawn at [start, end) (where it is looked for first); FALSE when absent. */
gboolean              cairn_text_lanes_remove      (CairnTextLanes *self,
                                                    gint64          id,
                                                    guint           start,
                                                    guint           end);
const CairnLaneEntry *cairn_text_lanes_get_entries (CairnTextLanes *self,
                                                    guint          *n_entries);
/* The place of span id in the entries, or -1. */
gint                  cairn_text_lanes_find        (CairnTextLanes *self,
                                                    gint64          id);
/* The first entry that may reach past offset (every entry before it ends at or before it). */
guint                 cairn_text_lanes_first_reaching (CairnTextLanes *self,
                                                       guint           offset);
/* Whether a span of label_id covers exactly [start, end). */
gboolean              cairn_text_lanes_contains    (CairnTextLanes *self,
                                                    guint           start,
                                                    guint           end,
                                                    gint64          label_id);
guint                 cairn_text_lanes_get_n_lanes (CairnTextLanes *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnTextLanes, cairn_text_lanes_unref)

G_END_DECLS
