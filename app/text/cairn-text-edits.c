#define G_LOG_DOMAIN "cairn-text"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "model/cairn-label.h"
#include "cairn-text-edits.h"

G_DEFINE_QUARK (cairn-text-error-quark, cairn_text_error)

gboolean
cairn_text_span_range (const CairnAnnotation *a,
                       CairnTextRange        *range)
{
  double s, e;

  if (a == NULL || a->kind != CAIRN_KIND_SPAN || a->coords == NULL || a->coords->len < 2)
    return FALSE;
  s = g_array_index (a->coords, double, 0);
  e = g_array_index (a->coords, double, 1);
  if (!(s >= 0 && e >= s && e < G_MAXUINT) || s != floor (s) || e != floor (e))
    return FALSE;
  range->start = (guint) s;
  range->end = (guint) e;
  return TRUE;
}

gboolean
cairn_text_relation_ends (const CairnAnnotation *a,
                          gint64                *from,
                          gint64                *to)
{
  if (a == NULL || a->kind != CAIRN_KIND_RELATION || a->coords == NULL || a->coords->len < 2)
    return FALSE;
  *from = (gint64) g_array_index (a->coords, double, 0);
  *to = (gint64) g_array_index (a->coords, double, 1);
  return TRUE;
}

const CairnAnnotation *
cairn_text_find_annotation (GPtrArray *annotations,
                            gint64     id)
{
  guint lo = 0, hi = annotations ? annotations->len : 0;

  /* In id order: halves, not a walk (an item may have 50 000 spans). */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const CairnAnnotation *a = annotations->pdata[mid];

      if (a->id == id)
        return a;
      if (a->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

CairnAnnotation *
cairn_text_new_span (const CairnTextIndex *index,
                     CairnTextLanes       *lanes,
                     gint64                item_id,
                     gint64                label_id,
                     CairnTextRange        range,
                     GError              **error)
{
  CairnAnnotation *a;
  double coords[2];

  if (range.start >= range.end || range.end > cairn_text_index_get_length (index))
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_INVALID,
                   _("A span needs at least one character of the text"));
      return NULL;
    }
  if (!cairn_text_index_is_boundary (index, range.start)
      || !cairn_text_index_is_boundary (index, range.end))
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_INVALID,
                   _("A span cannot split a character"));
      return NULL;
    }
  if (lanes != NULL && cairn_text_lanes_contains (lanes, range.start, range.end, label_id))
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_EXISTS,
                   _("That span is already there"));
      return NULL;
    }
  a = cairn_annotation_new (CAIRN_KIND_SPAN);
  a->item_id = item_id;
  a->label_id = label_id;
  coords[0] = range.start;
  coords[1] = range.end;
  cairn_annotation_set_coords (a, coords, 2);
  return a;
}

gboolean
cairn_text_check_relation (GPtrArray *annotations,
                           gint64     from,
                           gint64     to,
                           gint64     label_id,
                           GError   **error)
{
  const CairnAnnotation *a = cairn_text_find_annotation (annotations, from);
  const CairnAnnotation *b = cairn_text_find_annotation (annotations, to);

  if (a == NULL || b == NULL || a->kind != CAIRN_KIND_SPAN || b->kind != CAIRN_KIND_SPAN)
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_RELATION,
                   _("A relation joins two spans of this text"));
      return FALSE;
    }
  if (from == to)
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_RELATION,
                   _("A relation joins two different spans"));
      return FALSE;
    }
  if (a->item_id != b->item_id)
    {
      g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_RELATION,
                   _("A relation joins spans of the same text"));
      return FALSE;
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      const CairnAnnotation *r = annotations->pdata[i];
      gint64 f, t;

      if (r->label_id == label_id && cairn_text_relation_ends (r, &f, &t) && f == from && t == to)
        {
          g_set_error (error, CAIRN_TEXT_ERROR, CAIRN_TEXT_ERROR_EXISTS,
                       _("That relation is already there"));
          return FALSE;
        }
    }
  return TRUE;
}

CairnEdit *
cairn_text_edit_new_relation (GPtrArray *annotations,
                              gint64     item_id,
                              gint64     from,
                              gint64     to,
                              gint64     label_id,
                              GError   **error)
{
  g_autoptr(CairnAnnotation) r = NULL;
  double coords[2] = { (double) from, (double) to };

  if (!cairn_text_check_relation (annotations, from, to, label_id, error))
    return NULL;
  r = cairn_annotation_new (CAIRN_KIND_RELATION);
  r->item_id = item_id;
  r->label_id = label_id;
  cairn_annotation_set_coords (r, coords, 2);
  return cairn_edit_new_create (r);
}

CairnEdit *
cairn_text_edit_new_delete (GPtrArray *annotations,
                            gint64     id)
{
  const CairnAnnotation *a = cairn_text_find_annotation (annotations, id);
  CairnEdit *edit;

  if (a == NULL)
    return NULL;
  edit = cairn_edit_new (CAIRN_EDIT_VERB_DELETE, a->kind);
  /* The relations first: undo brings the span back before them. */
  if (a->kind == CAIRN_KIND_SPAN)
    for (guint i = 0; i < annotations->len; i++)
      {
        const CairnAnnotation *r = annotations->pdata[i];
        gint64 from, to;

        if (cairn_text_relation_ends (r, &from, &to) && (from == id || to == id))
          cairn_edit_add_annotation (edit, r, NULL);
      }
  cairn_edit_add_annotation (edit, a, NULL);
  return edit;
}

GPtrArray *
cairn_text_dangling_relations (GPtrArray *annotations)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const CairnAnnotation *r = annotations->pdata[i];
      const CairnAnnotation *a, *b;
      gint64 from, to;

      if (!cairn_text_relation_ends (r, &from, &to))
        continue;
      a = cairn_text_find_annotation (annotations, from);
      b = cairn_text_find_annotation (annotations, to);
      if (a == NULL || b == NULL || a->kind != CAIRN_KIND_SPAN || b->kind != CAIRN_KIND_SPAN
          || from == to)
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

CairnEdit *
cairn_text_edit_new_label_all (const CairnTextIndex *index,
                               GPtrArray            *annotations,
                               gint64                item_id,
                               gint64                label_id,
                               GArray               *ranges)
{
  g_autoptr(CairnEdit) edit = cairn_edit_new (CAIRN_EDIT_VERB_BATCH, CAIRN_KIND_SPAN);
  g_autoptr(GHashTable) have = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];
      CairnTextRange r;
      gint64 key;

      if (a->label_id != label_id || !cairn_text_span_range (a, &r))
        continue;
      key = ((gint64) r.start << 32) | r.end;
      g_array_append_val (keys, key);
    }
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (have, &g_array_index (keys, gint64, i));
  for (guint i = 0; i < ranges->len; i++)
    {
      CairnTextRange r = g_array_index (ranges, CairnTextRange, i);
      gint64 key = ((gint64) r.start << 32) | r.end;
      g_autoptr(CairnAnnotation) span = NULL;

      if (g_hash_table_contains (have, &key))
        continue;
      span = cairn_text_new_span (index, NULL, item_id, label_id, r, NULL);
      if (span != NULL)
        cairn_edit_add_annotation (edit, NULL, span);
    }
  return cairn_edit_get_n_changes (edit) > 0 ? g_steal_pointer (&edit) : NULL;
}

static const CairnLabel *
find_label (GPtrArray *labels, gint64 id)
{
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    if (((const CairnLabel *) labels->pdata[i])->id == id)
      return labels->pdata[i];
  return NULL;
}

CairnEdit *
cairn_text_edit_new_toggle_class (GPtrArray *annotations,
                                  GPtrArray *labels,
                                  gint64     item_id,
                                  gint64     label_id,
                                  gboolean   single)
{
  const CairnLabel *label = find_label (labels, label_id);
  g_autoptr(CairnAnnotation) added = NULL;
  CairnEdit *edit;

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];

      if (a->kind == CAIRN_KIND_CLASS && a->label_id == label_id)
        return cairn_edit_new_delete (a);
    }
  added = cairn_annotation_new (CAIRN_KIND_CLASS);
  added->item_id = item_id;
  added->label_id = label_id;
  edit = cairn_edit_new (single ? CAIRN_EDIT_VERB_RELABEL : CAIRN_EDIT_VERB_DRAW,
                         CAIRN_KIND_CLASS);
  if (single && label != NULL)
    for (guint i = 0; annotations != NULL && i < annotations->len; i++)
      {
        const CairnAnnotation *a = annotations->pdata[i];
        const CairnLabel *other = find_label (labels, a->label_id);

        if (a->kind == CAIRN_KIND_CLASS && (other == NULL || other->parent_id == label->parent_id))
          cairn_edit_add_annotation (edit, a, NULL);
      }
  if (cairn_edit_get_n_changes (edit) == 0)
    {
      g_object_unref (edit);
      return cairn_edit_new_create (added);
    }
  cairn_edit_add_annotation (edit, NULL, added);
  return edit;
}
