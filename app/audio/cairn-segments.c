#define G_LOG_DOMAIN "cairn-segments"

#include <math.h>
#include <string.h>

#include "model/cairn-json.h"
#include "cairn-segments.h"

double
cairn_segment_start (const CairnAnnotation *segment)
{
  if (segment->coords == NULL || segment->coords->len < 2)
    return 0;
  return g_array_index (segment->coords, double, 0);
}

double
cairn_segment_end (const CairnAnnotation *segment)
{
  if (segment->coords == NULL || segment->coords->len < 2)
    return 0;
  return g_array_index (segment->coords, double, 1);
}

void
cairn_segment_set_range (CairnAnnotation *segment,
                         double           start_ms,
                         double           end_ms)
{
  double coords[2] = { start_ms, end_ms };

  cairn_annotation_set_coords (segment, coords, 2);
}

gboolean
cairn_segment_clamp (double *start_ms,
                     double *end_ms,
                     double  duration_ms)
{
  double a = MIN (*start_ms, *end_ms), b = MAX (*start_ms, *end_ms);

  a = round (MAX (a, 0));
  b = round (MAX (b, 0));
  if (duration_ms > 0)
    {
      a = MIN (a, duration_ms);
      b = MIN (b, duration_ms);
    }
  *start_ms = a;
  *end_ms = b;
  return b - a >= CAIRN_SEGMENT_MIN_MS;
}

gboolean
cairn_segments_overlap (const CairnAnnotation *a,
                        const CairnAnnotation *b)
{
  return cairn_segment_start (a) < cairn_segment_end (b)
         && cairn_segment_start (b) < cairn_segment_end (a);
}

static const char *
speaker_of (const CairnAnnotation *a)
{
  return a->speaker ? a->speaker : "";
}

static gint
by_start (gconstpointer pa, gconstpointer pb)
{
  const CairnAnnotation *a = *(CairnAnnotation *const *) pa;
  const CairnAnnotation *b = *(CairnAnnotation *const *) pb;
  double sa = cairn_segment_start (a), sb = cairn_segment_start (b);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

void
cairn_segments_lanes (GPtrArray *segments,
                      GPtrArray *speakers,
                      guint     *lane_of)
{
  /* Not g_ptr_array_copy: the copy would free the segments too. */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (segments->len);
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean unnamed = FALSE;
  guint unnamed_lane;

  for (guint i = 0; i < segments->len; i++)
    {
      g_ptr_array_add (sorted, segments->pdata[i]);
      if (*speaker_of (segments->pdata[i]) == '\0')
        unnamed = TRUE;
    }
  g_ptr_array_sort (sorted, by_start);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *name = speaker_of (sorted->pdata[i]);

      if (*name == '\0' || g_hash_table_contains (lanes, name))
        continue;
      g_hash_table_insert (lanes, (gpointer) name, GUINT_TO_POINTER (speakers->len));
      g_ptr_array_add (speakers, g_strdup (name));
    }
  unnamed_lane = speakers->len;
  if (unnamed || speakers->len == 0)
    g_ptr_array_add (speakers, g_strdup (""));
  for (guint i = 0; i < segments->len; i++)
    {
      const char *name = speaker_of (segments->pdata[i]);

      lane_of[i] = *name ? GPOINTER_TO_UINT (g_hash_table_lookup (lanes, name)) : unnamed_lane;
    }
}

CairnAnnotation *
cairn_segments_at (GPtrArray *segments,
                   double     ms,
                   gint64     prefer)
{
  CairnAnnotation *best = NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      CairnAnnotation *a = segments->pdata[i];

      if (ms < cairn_segment_start (a) || ms >= cairn_segment_end (a))
        continue;
      if (prefer != 0 && a->id == prefer)
        return a;
      if (best == NULL || cairn_segment_start (a) > cairn_segment_start (best)
          || (cairn_segment_start (a) == cairn_segment_start (best) && a->id > best->id))
        best = a;
    }
  return best;
}

CairnAnnotation *
cairn_segments_next (GPtrArray             *segments,
                     const CairnAnnotation *segment)
{
  CairnAnnotation *best = NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      CairnAnnotation *a = segments->pdata[i];
      gpointer pa = a, ps = (gpointer) segment, pb = best;

      if (a == segment || by_start (&pa, &ps) <= 0)
        continue;
      if (best == NULL || by_start (&pa, &pb) < 0)
        best = a;
    }
  return best;
}

static void move_tags (const CairnAnnotation *from, CairnAnnotation *to, glong from_cp,
                       glong to_cp, glong shift, gboolean keep_existing);

/* A code point offset near want where a word ends (a space), or want itself. */
static glong
word_boundary (const char *text, glong want)
{
  glong n = g_utf8_strlen (text, -1);
  glong best = -1;

  for (glong d = 0; d <= 12 && best < 0; d++)
    for (int side = 0; side < 2 && best < 0; side++)
      {
        glong at = side ? want - d : want + d;

        if (at > 0 && at < n && g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (text, at))))
          best = at;
      }
  return best >= 0 ? best : CLAMP (want, 0, n);
}

/* [start, end) without the spaces around it; *lead: the code points dropped at its start. */
static char *
strip_dup (const char *start, const char *end, glong *lead)
{
  const char *p = start;

  *lead = 0;
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      (*lead)++;
    }
  {
    g_autofree char *part = g_strndup (p, end - p);

    return g_strdup (g_strchomp (part));
  }
}

gboolean
cairn_segment_split (const CairnAnnotation *segment,
                     double                 ms,
                     glong                  text_at,
                     CairnAnnotation      **first,
                     CairnAnnotation      **second)
{
  double s = cairn_segment_start (segment), e = cairn_segment_end (segment);
  const char *text = segment->text ? segment->text : "";
  glong n = g_utf8_strlen (text, -1);
  const char *cut;
  CairnAnnotation *a, *b;

  ms = round (ms);
  if (ms - s < CAIRN_SEGMENT_MIN_MS || e - ms < CAIRN_SEGMENT_MIN_MS)
    return FALSE;
  if (text_at < 0)
    text_at = word_boundary (text, (glong) lround (n * (ms - s) / (e - s)));
  text_at = CLAMP (text_at, 0, n);
  cut = g_utf8_offset_to_pointer (text, text_at);
  a = cairn_annotation_copy (segment);
  b = cairn_annotation_copy (segment);
  b->id = 0;
  b->created = b->updated = 0;
  cairn_segment_set_range (a, s, ms);
  cairn_segment_set_range (b, ms, e);
  {
    glong lead_a, lead_b;

    g_free (a->text);
    a->text = strip_dup (text, cut, &lead_a);
    g_free (b->text);
    b->text = strip_dup (cut, text + strlen (text), &lead_b);
    /* Each part keeps the tags of its text, where they now are in it. */
    move_tags (segment, a, 0, text_at, -lead_a, FALSE);
    move_tags (segment, b, text_at, n, -(text_at + lead_b), FALSE);
  }
  *first = a;
  *second = b;
  return TRUE;
}

CairnAnnotation *
cairn_segment_merge (const CairnAnnotation *first,
                     const CairnAnnotation *second)
{
  CairnAnnotation *m = cairn_annotation_copy (first);
  const char *t1 = first->text ? first->text : "";
  const char *t2 = second->text ? second->text : "";

  cairn_segment_set_range (m, MIN (cairn_segment_start (first), cairn_segment_start (second)),
                           MAX (cairn_segment_end (first), cairn_segment_end (second)));
  g_free (m->text);
  m->text = g_strconcat (t1, *t1 && *t2 ? " " : "", t2, NULL);
  move_tags (second, m, 0, G_MAXLONG, g_utf8_strlen (t1, -1) + (*t1 && *t2 ? 1 : 0), TRUE);
  if ((m->speaker == NULL || *m->speaker == '\0') && second->speaker != NULL)
    {
      g_free (m->speaker);
      m->speaker = g_strdup (second->speaker);
    }
  if (m->label_id == 0)
    m->label_id = second->label_id;
  return m;
}

/* Tags */

static gint
tag_by_start (gconstpointer pa, gconstpointer pb)
{
  const CairnSegmentTag *a = pa, *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

GArray *
cairn_segment_get_tags (const CairnAnnotation *segment)
{
  GArray *tags = g_array_new (FALSE, FALSE, sizeof (CairnSegmentTag));
  JsonArray *list = cairn_json_array (segment->attributes, "tags");
  glong n = segment->text ? g_utf8_strlen (segment->text, -1) : 0;

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 start, end, label;

      if (o == NULL || !cairn_json_get_int (o, "start", &start)
          || !cairn_json_get_int (o, "end", &end) || !cairn_json_get_int (o, "label_id", &label)
          || start < 0 || end <= start || end > n || label <= 0)
        continue;
      g_array_append_val (tags, ((CairnSegmentTag) { (glong) start, (glong) end, label }));
    }
  g_array_sort (tags, tag_by_start);
  return tags;
}

void
cairn_segment_set_tags (CairnAnnotation       *segment,
                        const CairnSegmentTag *tags,
                        guint                  n_tags)
{
  JsonArray *list;

  if (n_tags == 0)
    {
      json_object_remove_member (segment->attributes, "tags");
      return;
    }
  list = json_array_new ();
  for (guint i = 0; i < n_tags; i++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "start", tags[i].start);
      json_object_set_int_member (o, "end", tags[i].end);
      json_object_set_int_member (o, "label_id", tags[i].label_id);
      json_array_add_object_element (list, o);
    }
  json_object_set_array_member (segment->attributes, "tags", list);
}

void
cairn_segment_tag_times (const CairnAnnotation *segment,
                         const CairnSegmentTag *tag,
                         double                *start_ms,
                         double                *end_ms)
{
  double s = cairn_segment_start (segment), e = cairn_segment_end (segment);
  glong n = segment->text ? g_utf8_strlen (segment->text, -1) : 0;

  if (n <= 0)
    {
      *start_ms = s;
      *end_ms = e;
      return;
    }
  *start_ms = round (s + (e - s) * CLAMP (tag->start, 0, n) / n);
  *end_ms = round (s + (e - s) * CLAMP (tag->end, 0, n) / n);
}

/* from's tags within [from_cp, to_cp) (clipped to it), shifted, onto to (after its own when
 * keep_existing, else instead of them). */
static void
move_tags (const CairnAnnotation *from, CairnAnnotation *to, glong from_cp, glong to_cp,
           glong shift, gboolean keep_existing)
{
  g_autoptr(GArray) source = cairn_segment_get_tags (from);
  g_autoptr(GArray) out = keep_existing ? cairn_segment_get_tags (to)
                                        : g_array_new (FALSE, FALSE, sizeof (CairnSegmentTag));
  glong n = to->text ? g_utf8_strlen (to->text, -1) : 0;

  for (guint i = 0; i < source->len; i++)
    {
      CairnSegmentTag t = g_array_index (source, CairnSegmentTag, i);

      t.start = MAX (t.start, from_cp) + shift;
      t.end = MIN (t.end, to_cp) + shift;
      t.start = MAX (t.start, 0);
      t.end = MIN (t.end, n);
      if (t.end > t.start)
        g_array_append_val (out, t);
    }
  cairn_segment_set_tags (to, (CairnSegmentTag *) (void *) out->data, out->len);
}
