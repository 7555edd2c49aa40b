#pragma once

#include "store/cairn-store-guide.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_REGION_NONE,
  CAIRN_REGION_BOX,      /* x, y, width, height in image pixels */
  CAIRN_REGION_SPAN,     /* start, end in code points */
  CAIRN_REGION_SEGMENT,  /* start, end in ms */
} CairnRegionKind;

/* A note's region: {"box": [x, y, w, h]}, {"span": [start, end]} or {"segment": [start_ms,
 * end_ms]}; NULL or "" is none. Anything else (a wrong count, a negative size, an end before
 * its start) is an error naming what is wrong. values gets 4 (box) or 2 numbers. */
gboolean cairn_note_region_parse (const char      *json,
                                  CairnRegionKind *kind,
                                  double           values[4],
                                  GError         **error);
/* A region as the JSON the store keeps. */
char    *cairn_note_region_to_json (CairnRegionKind kind,
                                    const double    values[4]);

/* The region a note about this annotation shows: an image shape's bounding box, a span's
 * code points, a segment's milliseconds; NULL for the other kinds. */
char    *cairn_note_region_for_annotation (const CairnAnnotation *annotation);

/* Promotes a note into the guideline: a new version with the note (its title, answer and a
 * link "edge case #ID") added at the end of its label's section, or of an "Edge cases"
 * section when it has none; the re-check rule runs as for any new version. The note becomes
 * promoted, naming the version. Returns the version, or 0. */
gint     cairn_guide_promote_note (CairnStore *store,
                                   gint64      note_id,
                                   GError    **error);

G_END_DECLS
