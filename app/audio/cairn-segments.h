#pragma once

#include "model/cairn-annotation.h"

G_BEGIN_DECLS

/* Transcript segments (CAIRN_KIND_SEGMENT: coords start ms, end ms; text; speaker) as the
 * audio pane works them: lanes per speaker, the segment under the play head, new segments
 * clamped to the file, split and merge. Pure functions on annotations, no store. */

/* A segment shorter than this is not made by a drag (a click is not a segment). */
#define CAIRN_SEGMENT_MIN_MS 50

double   cairn_segment_start      (const CairnAnnotation *segment);
double   cairn_segment_end        (const CairnAnnotation *segment);
void     cairn_segment_set_range  (CairnAnnotation       *segment,
                                   double                 start_ms,
                                   double                 end_ms);
/* Orders [a, b] and clamps it to [0, duration_ms] (duration 0: unknown, no upper bound);
 * whole milliseconds. FALSE when less than CAIRN_SEGMENT_MIN_MS is left. */
gboolean cairn_segment_clamp      (double                *start_ms,
                                   double                *end_ms,
                                   double                 duration_ms);
gboolean cairn_segments_overlap   (const CairnAnnotation *a,
                                   const CairnAnnotation *b);

/* Lanes: one per speaker, in the order the speakers first speak; segments with no speaker
 * share the last lane (or the only one). speakers gets the lane names (char *, "" for none);
 * lane_of[i] is the lane of segments->pdata[i]. */
void     cairn_segments_lanes     (GPtrArray             *segments,
                                   GPtrArray             *speakers,
                                   guint                 *lane_of);
/* The segment under ms: among those that hold it, prefer's (an id) if it is one, else the one
 * that started last. NULL when none does. */
CairnAnnotation *cairn_segments_at (GPtrArray            *segments,
                                    double                ms,
                                    gint64                prefer);
/* The segment that starts next after segment (by start, then id), for merging. */
CairnAnnotation *cairn_segments_next (GPtrArray          *segments,
                                      const CairnAnnotation *segment);

/* Splits at ms (strictly inside, each part at least CAIRN_SEGMENT_MIN_MS): first keeps the
 * id, text up to text_at (a code point offset; -1: in proportion to the time, at a space
 * when there is one near), second is new (id 0) with the rest, the same speaker, label and
 * attributes. FALSE when ms is not inside. */
gboolean cairn_segment_split      (const CairnAnnotation *segment,
                                   double                 ms,
                                   glong                  text_at,
                                   CairnAnnotation      **first,
                                   CairnAnnotation      **second);
/* first and second as one: from the earlier start to the later end, texts joined with a
 * space, first's id, speaker (second's when first has none) and label. */
CairnAnnotation *cairn_segment_merge (const CairnAnnotation *first,
                                      const CairnAnnotation *second);

/* Tags in a segment's transcript: labels of kind span over [start, end) code points of its
 * text, kept in its attributes ("tags": [{"start", "end", "label_id"}]) so they keep their place
 * in the text, and given times by where they fall in it. */
typedef struct
{
  glong  start;
  glong  end;
  gint64 label_id;
} CairnSegmentTag;

/* The valid tags (inside the text, not empty), in order of start. */
GArray  *cairn_segment_get_tags   (const CairnAnnotation *segment);
void     cairn_segment_set_tags   (CairnAnnotation       *segment,
                                   const CairnSegmentTag *tags,
                                   guint                  n_tags);
/* A tag's estimated times: the segment's span shared out over its text's characters. */
void     cairn_segment_tag_times  (const CairnAnnotation *segment,
                                   const CairnSegmentTag *tag,
                                   double                *start_ms,
                                   double                *end_ms);

G_END_DECLS
