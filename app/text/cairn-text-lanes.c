#define G_LOG_DOMAIN "cairn-text"

#include "cairn-text-lanes.h"

struct _CairnTextLanes
{
  GArray *entries;  /* CairnLaneEntry, in drawing order */
  GArray *counts;   /* guint: how many entries each lane holds */
};

#define NO_LANE G_MAXUINT

static void
clear (CairnTextLanes *self)
{
  g_array_unref (self->entries);
  g_array_unref (self->counts);
}

CairnTextLanes *
cairn_text_lanes_new (void)
{
  CairnTextLanes *self = g_rc_box_new0 (CairnTextLanes);

  self->entries = g_array_new (FALSE, FALSE, sizeof (CairnLaneEntry));
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  return self;
}

CairnTextLanes *
cairn_text_lanes_ref (CairnTextLanes *self)
{
  return g_rc_box_acquire (self);
}

void
cairn_text_lanes_unref (CairnTextLanes *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) clear);
}

static int
compare (guint start, guint end, gint64 id, const CairnLaneEntry *e)
{
  if (start != e->start)
    return start < e->start ? -1 : 1;
  if (end != e->end)
    return end > e->end ? -1 : 1;
  return id < e->id ? -1 : id > e->id;
}

/* Where (start, end, id) is or would go. */
static guint
lower_bound (CairnTextLanes *self, guint start, guint end, gint64 id)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare (start, end, id,
                   &g_array_index (self->entries, CairnLaneEntry, mid)) > 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
count_lane (CairnTextLanes *self, guint lane, int step)
{
  if (lane == NO_LANE)
    return;
  if (lane >= self->counts->len)
    g_array_set_size (self->counts, lane + 1);
  g_array_index (self->counts, guint, lane) += step;
}

static gboolean
starts_run (const CairnLaneEntry *e, guint i)
{
  return i == 0 || e[i - 1].reach <= e[i].start;
}

/* After a change at p: the reaches from p on (until they are as they were), then the lanes
 * from the start of p's run of overlapping spans until a run starts that no reach changed. */
static void
relane (CairnTextLanes *self, guint p)
{
  CairnLaneEntry *e = (CairnLaneEntry *) self->entries->data;
  guint n = self->entries->len, settled = p, c = p;
  g_autoptr(GArray) lane_end = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = p; i < n; i++)
    {
      guint reach = MAX (i > 0 ? e[i - 1].reach : 0, e[i].end);

      settled = i;
      if (reach == e[i].reach)
        break;
      e[i].reach = reach;
      settled = i + 1;
    }
  while (c > 0 && !starts_run (e, c))
    c--;
  for (guint i = c; i < p; i++)
    {
      if (e[i].lane >= lane_end->len)
        g_array_set_size (lane_end, e[i].lane + 1);
      g_array_index (lane_end, guint, e[i].lane) = e[i].end;
    }
  for (guint i = p; i < n; i++)
    {
      guint lane;

      if (i > settled && starts_run (e, i))
        break;
      for (lane = 0; lane < lane_end->len; lane++)
        if (g_array_index (lane_end, guint, lane) <= e[i].start)
          break;
      if (lane == lane_end->len)
        g_array_set_size (lane_end, lane + 1);
      g_array_index (lane_end, guint, lane) = e[i].end;
      if (lane != e[i].lane)
        {
          count_lane (self, e[i].lane, -1);
          count_lane (self, lane, 1);
          e[i].lane = lane;
        }
    }
}

static int
compare_entries (gconstpointer pa, gconstpointer pb)
{
  const CairnLaneEntry *a = pa;

  return compare (a->start, a->end, a->id, pb);
}

void
cairn_text_lanes_set (CairnTextLanes       *self,
                      const CairnLaneEntry *entries,
                      guint                 n_entries)
{
  g_return_if_fail (self != NULL);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->counts, 0);
  g_array_append_vals (self->entries, entries, n_entries);
  g_array_sort (self->entries, compare_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      CairnLaneEntry *e = &g_array_index (self->entries, CairnLaneEntry, i);

      g_return_if_fail (e->start < e->end);
      e->lane = NO_LANE;
      e->reach = G_MAXUINT;
    }
  relane (self, 0);
}

void
cairn_text_lanes_insert (CairnTextLanes *self,
                         guint           start,
                         guint           end,
                         gint64          id,
                         gint64          label_id)
{
  CairnLaneEntry entry = { start, end, id, label_id, NO_LANE, G_MAXUINT };
  guint at;

  g_return_if_fail (self != NULL && start < end);
  at = lower_bound (self, start, end, id);
  g_array_insert_val (self->entries, at, entry);
  relane (self, at);
}

gint
cairn_text_lanes_find (CairnTextLanes *self,
                       gint64          id)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, CairnLaneEntry, i).id == id)
      return (gint) i;
  return -1;
}

gboolean
cairn_text_lanes_remove (CairnTextLanes *self,
                         gint64          id,
                         guint           start,
                         guint           end)
{
  guint at;
  gint found;

  g_return_val_if_fail (self != NULL, FALSE);
  at = lower_bound (self, start, end, id);
  if (at < self->entries->len && g_array_index (self->entries, CairnLaneEntry, at).id == id)
    found = (gint) at;
  else
    found = cairn_text_lanes_find (self, id);
  if (found < 0)
    return FALSE;
  count_lane (self, g_array_index (self->entries, CairnLaneEntry, found).lane, -1);
  g_array_remove_index (self->entries, (guint) found);
  relane (self, (guint) found);
  return TRUE;
}

const CairnLaneEntry *
cairn_text_lanes_get_entries (CairnTextLanes *self,
                              guint          *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_entries = self->entries->len;
  return (const CairnLaneEntry *) self->entries->data;
}

guint
cairn_text_lanes_first_reaching (CairnTextLanes *self,
                                 guint           offset)
{
  guint lo = 0, hi = self->entries->len;

  /* Reaches only grow along the entries. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->entries, CairnLaneEntry, mid).reach <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
cairn_text_lanes_contains (CairnTextLanes *self,
                           guint           start,
                           guint           end,
                           gint64          label_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = lower_bound (self, start, end, G_MININT64); i < self->entries->len; i++)
    {
      const CairnLaneEntry *e = &g_array_index (self->entries, CairnLaneEntry, i);

      if (e->start != start || e->end != end)
        break;
      if (e->label_id == label_id)
        return TRUE;
    }
  return FALSE;
}

guint
cairn_text_lanes_get_n_lanes (CairnTextLanes *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);
  for (n = self->counts->len; n > 0; n--)
    if (g_array_index (self->counts, guint, n - 1) > 0)
      break;
  return n;
}
