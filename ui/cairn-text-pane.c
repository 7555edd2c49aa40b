#define G_LOG_DOMAIN "cairn-text-pane"

/* The text pane: loading an item, drawing its spans, relations and classes, and following the
 * store. Its commands are in cairn-text-pane-actions.c, translation and summary in
 * cairn-text-pane-target.c. */

#include <glib/gi18n.h>

#include "model/cairn-label.h"
#include "cairn-text-pane-private.h"
#include "cairn-ui-util.h"

static void cairn_text_pane_item_view_init (CairnItemViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnTextPane, cairn_text_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_ITEM_VIEW,
                                                      cairn_text_pane_item_view_init))

enum
{
  PROP_0,
  PROP_PALETTE,
  PROP_CURRENT_LABEL_ID,
  PROP_SNAP_WORDS,
  PROP_SNAP_PARTICLES,
  PROP_SINGLE_CLASS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The project's options, in its meta table. */
#define META_SNAP_WORDS "text.snap-words"
#define META_SNAP_PARTICLES "text.snap-particles"
#define META_PARTICLES "text.particles"
#define META_WHOLE_WORDS "text.whole-words"
#define META_SINGLE_CLASS "text.single-class"
#define META_TASK "text.task"

const CairnLabel *
cairn_text_pane_find_label (CairnTextPane *self,
                            gint64         id)
{
  GPtrArray *labels = self->view.labels;

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    if (((const CairnLabel *) labels->pdata[i])->id == id)
      return labels->pdata[i];
  return NULL;
}

static GdkRGBA
label_color (const CairnLabel *label)
{
  double r, g, b;

  if (label != NULL && cairn_color_parse (label->color, &r, &g, &b))
    return (GdkRGBA) { r, g, b, 1 };
  return (GdkRGBA) { 0.55, 0.55, 0.55, 1 };
}

static const char *
label_name (const CairnLabel *label)
{
  return label != NULL ? g_intern_string (label->name) : g_intern_string (_("No label"));
}

/* What a change touched, to redraw only that. */
typedef enum
{
  TOUCHED_SPANS     = 1 << 0,
  TOUCHED_RELATIONS = 1 << 1,
  TOUCHED_CLASSES   = 1 << 2,
  TOUCHED_ALL       = 0x7,
} Touched;

static Touched
touched_by (const CairnAnnotation *a)
{
  if (a == NULL)
    return 0;
  switch (a->kind)
    {
    case CAIRN_KIND_SPAN:
      return TOUCHED_SPANS;
    case CAIRN_KIND_RELATION:
      return TOUCHED_RELATIONS;
    case CAIRN_KIND_CLASS:
      return TOUCHED_CLASSES;
    default:
      return 0;
    }
}

static gboolean
entry_of (CairnTextPane *self, const CairnAnnotation *a, CairnLaneEntry *entry)
{
  guint length = self->index ? cairn_text_index_get_length (self->index) : 0;
  CairnTextRange r;

  if (!cairn_text_span_range (a, &r))
    return FALSE;
  if (r.end > length || r.end <= r.start)
    {
      g_debug ("Span %" G_GINT64_FORMAT " [%u, %u) is outside the text (%u characters)", a->id,
               r.start, r.end, length);
      return FALSE;
    }
  *entry = (CairnLaneEntry) { r.start, r.end, a->id, a->label_id };
  return TRUE;
}

static void
rebuild_lanes (CairnTextPane *self)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (CairnLaneEntry));

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      CairnLaneEntry entry;

      if (entry_of (self, self->annotations->pdata[i], &entry))
        g_array_append_val (entries, entry);
    }
  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  self->lanes = cairn_text_lanes_new ();
  cairn_text_lanes_set (self->lanes, (CairnLaneEntry *) entries->data, entries->len);
}

/* A span leaves the lanes or comes in (the rest keep theirs). */
static void
lanes_remove (CairnTextPane *self, const CairnAnnotation *a)
{
  CairnLaneEntry e;

  if (self->lanes != NULL && a != NULL && entry_of (self, a, &e))
    cairn_text_lanes_remove (self->lanes, e.id, e.start, e.end);
}

static void
lanes_add (CairnTextPane *self, const CairnAnnotation *a)
{
  CairnLaneEntry e;

  if (self->lanes != NULL && a != NULL && entry_of (self, a, &e))
    cairn_text_lanes_insert (self->lanes, e.start, e.end, e.id, e.label_id);
}

void
cairn_text_pane_update_chips (CairnTextPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_flow_box_remove (self->chips, child);
  for (guint i = 0; self->class_labels != NULL && i < self->class_labels->len; i++)
    {
      const CairnLabel *label = self->class_labels->pdata[i];
      g_autofree char *action = g_strdup_printf ("text.toggle-class(int64 %" G_GINT64_FORMAT ")",
                                                 label->id);
      g_autofree char *text = NULL;
      GtkWidget *chip;
      gboolean on = FALSE;
      guint place = 0;

      for (guint k = 0; self->palette && k < self->palette->len; k++)
        if (self->palette->pdata[k] == label)
          place = k + 1;
      for (guint k = 0; self->annotations && k < self->annotations->len; k++)
        {
          const CairnAnnotation *a = self->annotations->pdata[k];

          on = on || (a->kind == CAIRN_KIND_CLASS && a->label_id == label->id);
        }
      /* The key that toggles it, as in the palette. */
      if (place >= 1 && place <= 10)
        text = g_strdup_printf ("%s  %u", label->name, place % 10);
      else
        text = g_strdup (label->name);
      chip = gtk_toggle_button_new_with_label (text);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), on);
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (chip), action);
      gtk_widget_add_css_class (chip, "pill");
      gtk_widget_add_css_class (chip, "text-class");
      gtk_widget_set_focus_on_click (chip, FALSE);
      gtk_widget_set_name (chip, label->name);
      gtk_flow_box_append (self->chips, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->classes_box),
                          self->class_labels != NULL && self->class_labels->len > 0
                            && self->task == CAIRN_TEXT_TASK_SPANS);
}

/* Each label's colour and name once, not once per span. */
static void
update_looks (CairnTextPane *self)
{
  GHashTable *looks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n = self->view.labels != NULL ? self->view.labels->len : 0;

  /* The last one is for spans without a label, or with one the project no longer has. */
  for (guint i = 0; i <= n; i++)
    {
      const CairnLabel *label = i < n ? self->view.labels->pdata[i] : NULL;
      CairnSpanLook *look = g_new (CairnSpanLook, 1);

      *look = (CairnSpanLook) { label_color (label), label_name (label) };
      g_hash_table_insert (looks, g_memdup2 (label ? &label->id : &(gint64) { 0 }, sizeof (gint64)),
                           look);
    }
  g_clear_pointer (&self->looks, g_hash_table_unref);
  self->looks = looks;
}

static const CairnSpanLook *
look_for (CairnTextPane *self, gint64 label_id)
{
  static const gint64 no_label = 0;
  const CairnSpanLook *look = g_hash_table_lookup (self->looks, &label_id);

  return look != NULL ? look : g_hash_table_lookup (self->looks, &no_label);
}

void
cairn_text_pane_update_palette (CairnTextPane *self)
{
  guint span_kinds = (1u << CAIRN_KIND_SPAN) | (1u << CAIRN_KIND_CLASS);
  guint relation_kinds = 1u << CAIRN_KIND_RELATION;
  GPtrArray *labels = self->view.labels;
  gboolean relations = FALSE;

  g_clear_pointer (&self->palette, g_ptr_array_unref);
  g_clear_pointer (&self->class_labels, g_ptr_array_unref);
  update_looks (self);
  self->palette = g_ptr_array_new ();
  self->class_labels = g_ptr_array_new ();
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      CairnLabel *label = labels->pdata[i];

      if (cairn_label_allows_any (label, self->relation_from != 0 ? relation_kinds : span_kinds))
        g_ptr_array_add (self->palette, label);
      /* Chips for the labels meant for classes, not for every label that takes any kind. */
      if (label->kinds != 0 && (label->kinds & (1u << CAIRN_KIND_CLASS)))
        g_ptr_array_add (self->class_labels, label);
      relations = relations
                  || (label->kinds != 0 && (label->kinds & (1u << CAIRN_KIND_RELATION)));
    }
  cairn_span_view_set_arc_room (self->text_view, relations);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

static gboolean
relation_mark_of (CairnTextPane *self, const CairnAnnotation *a, CairnRelationMark *mark)
{
  const CairnSpanLook *look;

  if (!cairn_text_relation_ends (a, &mark->from, &mark->to)
      || !cairn_text_span_range (cairn_text_find_annotation (self->annotations, mark->from),
                                 &mark->from_range)
      || !cairn_text_span_range (cairn_text_find_annotation (self->annotations, mark->to),
                                 &mark->to_range))
    return FALSE;
  look = look_for (self, a->label_id);
  mark->id = a->id;
  mark->color = look->color;
  mark->name = look->name;
  return TRUE;
}

static int
compare_end_refs (gconstpointer pa, gconstpointer pb)
{
  gint64 a = *(const gint64 *) pa, b = *(const gint64 *) pb;

  return a < b ? -1 : a > b;
}

/* Every relation, its ends found in one walk along the annotations (both in id order), not
 * by a search each: a search an end was 4 ms of an item of 50 000 spans. */
static void
rebuild_relations (CairnTextPane *self)
{
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  GPtrArray *annotations = self->annotations;
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (CairnRelationMark));
  guint at = 0;

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];
      CairnRelationMark mark = { 0 };  /* ranges ending at 0: not found yet */

      if (!cairn_text_relation_ends (a, &mark.from, &mark.to))
        continue;
      mark.id = a->id;
      mark.color = look_for (self, a->label_id)->color;
      mark.name = look_for (self, a->label_id)->name;
      g_array_append_val (marks, mark);
      for (guint k = 0; k < 2; k++)
        {
          gint64 ref[2] = { k == 0 ? mark.from : mark.to, (gint64) (marks->len - 1) * 2 + k };

          g_array_append_val (ends, ref);
        }
    }
  g_array_sort (ends, compare_end_refs);
  for (guint k = 0; k < ends->len && annotations != NULL; k++)
    {
      const gint64 *ref = &g_array_index (ends, gint64, k * 2);
      CairnRelationMark *mark = &g_array_index (marks, CairnRelationMark, ref[1] / 2);

      while (at < annotations->len && ((CairnAnnotation *) annotations->pdata[at])->id < ref[0])
        at++;
      if (at < annotations->len && ((CairnAnnotation *) annotations->pdata[at])->id == ref[0])
        cairn_text_span_range (annotations->pdata[at],
                               ref[1] % 2 == 0 ? &mark->from_range : &mark->to_range);
    }
  /* A relation whose end is not a span of this text is not drawn. */
  for (guint i = marks->len; i > 0; i--)
    {
      const CairnRelationMark *mark = &g_array_index (marks, CairnRelationMark, i - 1);

      if (mark->from_range.end == 0 || mark->to_range.end == 0)
        g_array_remove_index (marks, i - 1);
    }
  g_clear_pointer (&self->relation_marks, g_array_unref);
  self->relation_marks = marks;
}

/* The relations know where their spans are (for an end out of view): those of the spans that
 * changed are read again. */
static void
refresh_relation_ends (CairnTextPane *self, GArray *ids)
{
  for (guint i = 0; i < self->relation_marks->len; i++)
    {
      CairnRelationMark *mark = &g_array_index (self->relation_marks, CairnRelationMark, i);

      for (guint k = 0; k < ids->len; k++)
        {
          gint64 id = g_array_index (ids, gint64, k);

          if (mark->from == id || mark->to == id)
            {
              relation_mark_of (self, cairn_text_find_annotation (self->annotations, mark->id),
                                mark);
              break;
            }
        }
    }
}

/* What the view draws, from the lanes (kept as the store changes) and the relations (read
 * again only when one changed). ids: what changed, NULL for everything. */
static void
show_marks (CairnTextPane *self, Touched touched, GArray *ids)
{
  if (self->lanes == NULL)
    {
      rebuild_lanes (self);
      touched |= TOUCHED_SPANS;
    }
  self->n_spans = 0;
  cairn_text_lanes_get_entries (self->lanes, &self->n_spans);
  if (touched & TOUCHED_SPANS)
    cairn_span_view_set_spans (self->text_view, self->lanes, self->looks);
  if (self->relation_marks == NULL || ids == NULL || (touched & TOUCHED_RELATIONS))
    rebuild_relations (self);
  else if (touched & TOUCHED_SPANS)
    refresh_relation_ends (self, ids);
  if (ids == NULL || (touched & (TOUCHED_SPANS | TOUCHED_RELATIONS)))
    cairn_span_view_set_relations (self->text_view, g_array_ref (self->relation_marks));
  if (touched & TOUCHED_CLASSES)
    cairn_text_pane_update_chips (self);
}

static char *
annotator_name (CairnTextPane *self, gint64 id)
{
  return self->view.store && id ? cairn_store_dup_annotator_name (self->view.store, id) : NULL;
}

static void
show_selection (CairnTextPane *self)
{
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->selected_id);
  CairnShapeInspector *shape = cairn_text_inspector_get_shape (self->inspector);
  g_autofree char *who = NULL;
  CairnTextRange r;

  /* With nothing selected the shape inspector would speak of boxes: it is left out. */
  gtk_widget_set_visible (GTK_WIDGET (shape), a != NULL);
  if (a == NULL)
    {
      cairn_text_inspector_show_selection (self->inspector, NULL, NULL);
      cairn_shape_inspector_show (shape, NULL, NULL, NULL);
      return;
    }
  who = annotator_name (self, a->annotator_id);
  if (cairn_text_span_range (a, &r) && self->index != NULL)
    {
      g_autofree char *text = cairn_text_index_dup_slice (self->index, r.start, r.end);
      g_autofree char *title = g_strdup_printf ("“%s”", text);
      /* Translators: a span's place: code points, as the exports count them. */
      g_autofree char *place = g_strdup_printf (_("Characters %u–%u (%u long)"), r.start,
                                                r.end, r.end - r.start);

      cairn_text_inspector_show_selection (self->inspector, title, place);
    }
  else
    {
      gint64 from, to;
      CairnTextRange fr, tr;

      if (cairn_text_relation_ends (a, &from, &to)
          && cairn_text_span_range (cairn_text_find_annotation (self->annotations, from), &fr)
          && cairn_text_span_range (cairn_text_find_annotation (self->annotations, to), &tr)
          && self->index != NULL)
        {
          g_autofree char *a_text = cairn_text_index_dup_slice (self->index, fr.start, fr.end);
          g_autofree char *b_text = cairn_text_index_dup_slice (self->index, tr.start, tr.end);
          g_autofree char *title = g_strdup_printf ("“%s” → “%s”", a_text, b_text);

          cairn_text_inspector_show_selection (self->inspector, title, NULL);
        }
      else
        cairn_text_inspector_show_selection (self->inspector, NULL, NULL);
    }
  cairn_shape_inspector_show (shape, a, self->view.labels, who);
}

static gboolean
update_inspector_cb (gpointer data)
{
  CairnTextPane *self = data;

  self->inspector_source = 0;
  show_selection (self);
  if (self->summary_dirty)
    cairn_annotation_summary_show (cairn_text_inspector_get_summary (self->inspector),
                                   self->annotations, self->view.labels, CAIRN_KIND_SPAN);
  self->summary_dirty = FALSE;
  return G_SOURCE_REMOVE;
}

/* The sidebar follows once the frame with the change is painted (G_PRIORITY_LOW runs after
 * GDK's redraw): with 50 000 spans its counts take milliseconds a key cannot wait for. */
void
cairn_text_pane_update_inspector (CairnTextPane *self)
{
  if (self->inspector_source == 0)
    self->inspector_source = g_idle_add_full (G_PRIORITY_LOW, update_inspector_cb, self, NULL);
}

static void
schedule_summary (CairnTextPane *self)
{
  self->summary_dirty = TRUE;
  cairn_text_pane_update_inspector (self);
}

/* Shows the text and the marks; the selection stays when its annotation does. */
static void
show_annotations (CairnTextPane *self, Touched touched, GArray *ids)
{
  if (cairn_text_find_annotation (self->annotations, self->selected_id) == NULL)
    self->selected_id = 0;
  if (self->relation_from != 0
      && cairn_text_find_annotation (self->annotations, self->relation_from) == NULL)
    {
      self->relation_from = 0;
      cairn_text_pane_update_palette (self);
    }
  show_marks (self, touched, ids);
  cairn_span_view_set_selected (self->text_view, self->selected_id);
  cairn_span_view_set_pending (self->text_view, self->relation_from);
  cairn_text_pane_update_inspector (self);
  schedule_summary (self);
  cairn_text_pane_update_hint (self);
}

static void
set_source_text (CairnTextPane *self, const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter start;

  g_clear_pointer (&self->index, cairn_text_index_free);
  self->index = cairn_text_index_new (text);
  gtk_text_buffer_set_text (buffer, cairn_text_index_get_text (self->index), -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &start, 0, FALSE, 0, 0);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  gtk_label_set_label (self->match_count, "");
  self->selected_id = 0;
  self->relation_from = 0;
}

static gboolean
meta_flag (CairnStore *store, const char *key, gboolean fallback)
{
  g_autofree char *value = store ? cairn_store_dup_meta (store, key) : NULL;

  return value == NULL ? fallback : g_strcmp0 (value, "true") == 0;
}

/* A list option (particles, whole words): the project's, else the defaults; shown in entry. */
static GStrv
read_list (CairnTextPane *self, const char *key, const char *const *defaults, GtkEntry *entry)
{
  g_autofree char *value = self->view.store ? cairn_store_dup_meta (self->view.store, key)
                                            : NULL;
  GStrv list = value != NULL ? cairn_text_parse_particles (value) : g_strdupv ((GStrv) defaults);
  g_autofree char *joined = g_strjoinv (" ", list);

  gtk_editable_set_text (GTK_EDITABLE (entry), joined);
  return list;
}

static void
read_options (CairnTextPane *self)
{
  CairnStore *store = self->view.store;

  self->snap_words = meta_flag (store, META_SNAP_WORDS, TRUE);
  self->snap_particles = meta_flag (store, META_SNAP_PARTICLES, FALSE);
  self->single_class = meta_flag (store, META_SINGLE_CLASS, FALSE);
  g_strfreev (self->particles);
  self->particles = read_list (self, META_PARTICLES, cairn_text_default_particles (),
                               cairn_text_inspector_get_particles (self->inspector));
  g_strfreev (self->whole_word_list);
  self->whole_word_list = read_list (self, META_WHOLE_WORDS, cairn_text_default_whole_words (),
                                 cairn_text_inspector_get_whole_words (self->inspector));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_WORDS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_PARTICLES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINGLE_CLASS]);
}

static void
write_option (CairnTextPane *self, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (self->view.store != NULL && !cairn_store_set_meta (self->view.store, key, value, &error))
    cairn_text_pane_notice (self, error->message);
}

static CairnTextTask
item_task (CairnTextPane *self, const CairnItem *item)
{
  const char *task = NULL;
  g_autofree char *project = NULL;

  if (item != NULL && item->meta != NULL && json_object_has_member (item->meta, "task"))
    {
      JsonNode *node = json_object_get_member (item->meta, "task");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        task = json_node_get_string (node);
    }
  if (task == NULL && self->view.store != NULL)
    task = project = cairn_store_dup_meta (self->view.store, META_TASK);
  if (g_strcmp0 (task, "translation") == 0)
    return CAIRN_TEXT_TASK_TRANSLATION;
  if (g_strcmp0 (task, "summary") == 0 || g_strcmp0 (task, "summarization") == 0)
    return CAIRN_TEXT_TASK_SUMMARY;
  /* An item that already has a target is one, whatever the project says. */
  for (guint i = 0; self->annotations && i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_TARGET)
        return json_object_has_member (a->attributes, "source") ? CAIRN_TEXT_TASK_TRANSLATION
                                                                : CAIRN_TEXT_TASK_SUMMARY;
    }
  return CAIRN_TEXT_TASK_SPANS;
}

static void
reload (CairnTextPane *self)
{
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  if (self->view.item == NULL)
    {
      g_clear_object (&self->options_of);
      set_source_text (self, "");
      cairn_text_pane_clear_target (self);
      show_annotations (self, TOUCHED_ALL, NULL);
      return;
    }
  self->annotations = cairn_item_view_load_annotations (self->view.store, self->view.item->id);
  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  if (self->options_of != self->view.store)
    {
      g_set_object (&self->options_of, self->view.store);
      read_options (self);
    }
  set_source_text (self, self->view.item->text);
  self->task = item_task (self, self->view.item);
  cairn_text_pane_update_palette (self);
  show_annotations (self, TOUCHED_ALL, NULL);
  cairn_text_pane_load_target (self);
}

static int
compare_ids (gconstpointer pa, gconstpointer pb)
{
  const CairnAnnotation *a = *(CairnAnnotation *const *) pa;
  const CairnAnnotation *b = *(CairnAnnotation *const *) pb;

  return a->id < b->id ? -1 : a->id > b->id;
}

/* Where id is, or would be, in the annotations (in id order). */
static guint
position_of (GPtrArray *annotations, gint64 id, gboolean *found)
{
  guint lo = 0, hi = annotations->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = ((CairnAnnotation *) annotations->pdata[mid])->id;

      if (at == id)
        {
          *found = TRUE;
          return mid;
        }
      if (at < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = FALSE;
  return lo;
}

/* Reads again only the annotations the change names, in place and in id order; their spans
 * move in the lanes. */
static Touched
apply_change (CairnTextPane *self, const CairnStoreChange *change)
{
  Touched touched = 0;

  if (self->annotations == NULL)
    self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  for (guint i = 0; i < change->annotations->len; i++)
    {
      gint64 id = g_array_index (change->annotations, gint64, i);
      g_autoptr(GError) error = NULL;
      CairnAnnotation *fresh = cairn_store_get_annotation (self->view.store, id, &error);
      gboolean found;
      guint at = position_of (self->annotations, id, &found);

      if (fresh != NULL && fresh->item_id != self->view.item->id)
        g_clear_pointer (&fresh, cairn_annotation_free);
      if (found)
        {
          touched |= touched_by (self->annotations->pdata[at]);
          lanes_remove (self, self->annotations->pdata[at]);
        }
      touched |= touched_by (fresh);
      lanes_add (self, fresh);
      if (found && fresh != NULL)
        {
          cairn_annotation_free (self->annotations->pdata[at]);
          self->annotations->pdata[at] = fresh;
        }
      else if (found)
        g_ptr_array_remove_index (self->annotations, at);
      else if (fresh != NULL)
        g_ptr_array_insert (self->annotations, (gint) at, fresh);
    }
  return touched;
}

/* Overrides */

static gboolean
cairn_text_pane_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAIRN_TEXT_PANE (widget)->text_view));
}

static void
cairn_text_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      g_value_set_pointer (value, self->palette);
      break;
    case PROP_CURRENT_LABEL_ID:
      g_value_set_int64 (value, self->current_label_id);
      break;
    case PROP_SNAP_WORDS:
      g_value_set_boolean (value, self->snap_words);
      break;
    case PROP_SNAP_PARTICLES:
      g_value_set_boolean (value, self->snap_particles);
      break;
    case PROP_SINGLE_CLASS:
      g_value_set_boolean (value, self->single_class);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_text_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (object);
  gboolean flag;

  switch (prop_id)
    {
    case PROP_CURRENT_LABEL_ID:
      if (self->current_label_id != g_value_get_int64 (value))
        {
          self->current_label_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SNAP_WORDS:
      flag = g_value_get_boolean (value);
      if (self->snap_words != flag)
        {
          self->snap_words = flag;
          write_option (self, META_SNAP_WORDS, flag ? "true" : "false");
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SNAP_PARTICLES:
      flag = g_value_get_boolean (value);
      if (self->snap_particles != flag)
        {
          self->snap_particles = flag;
          write_option (self, META_SNAP_PARTICLES, flag ? "true" : "false");
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SINGLE_CLASS:
      flag = g_value_get_boolean (value);
      if (self->single_class != flag)
        {
          self->single_class = flag;
          write_option (self, META_SINGLE_CLASS, flag ? "true" : "false");
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
keep_list (CairnTextPane *self, GtkEntry *entry, const char *key, GStrv *kept)
{
  g_auto(GStrv) list = cairn_text_parse_particles (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autofree char *joined = g_strjoinv (" ", list);

  g_strfreev (*kept);
  *kept = g_steal_pointer (&list);
  write_option (self, key, joined);
  gtk_editable_set_text (GTK_EDITABLE (entry), joined);
}

static void
on_particles_activate_cb (GtkEntry      *entry,
                          CairnTextPane *self)
{
  keep_list (self, entry, META_PARTICLES, &self->particles);
  cairn_text_pane_notice (self, _("Particle list kept"));
}

static void
on_whole_words_activate_cb (GtkEntry      *entry,
                            CairnTextPane *self)
{
  keep_list (self, entry, META_WHOLE_WORDS, &self->whole_word_list);
  cairn_text_pane_notice (self, _("Whole words kept"));
}

static void
cairn_text_pane_dispose (GObject *object)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->inspector_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_TEXT_PANE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (object));
  cairn_item_view_state_clear (&self->view, CAIRN_ITEM_VIEW (self));
  g_clear_object (&self->edit_stack);
  g_clear_object (&self->options_of);
  if (self->key_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->key_settings, self);
  g_clear_object (&self->key_settings);
  g_clear_object (&self->inspector);
  G_OBJECT_CLASS (cairn_text_pane_parent_class)->dispose (object);
}

static void
cairn_text_pane_finalize (GObject *object)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (object);

  g_clear_pointer (&self->index, cairn_text_index_free);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  g_clear_pointer (&self->looks, g_hash_table_unref);
  g_clear_pointer (&self->relation_marks, g_array_unref);
  g_clear_pointer (&self->palette, g_ptr_array_unref);
  g_clear_pointer (&self->class_labels, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->particles, g_strfreev);
  g_clear_pointer (&self->whole_word_list, g_strfreev);
  G_OBJECT_CLASS (cairn_text_pane_parent_class)->finalize (object);
}

static void
cairn_text_pane_class_init (CairnTextPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_text_pane_dispose;
  object_class->finalize = cairn_text_pane_finalize;
  object_class->get_property = cairn_text_pane_get_property;
  object_class->set_property = cairn_text_pane_set_property;
  widget_class->grab_focus = cairn_text_pane_grab_focus;

  /* The labels 1–9 and 0 pick; the window shows them in the palette. */
  properties[PROP_PALETTE] =
    g_param_spec_pointer ("palette", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_LABEL_ID] =
    g_param_spec_int64 ("current-label-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_WORDS] =
    g_param_spec_boolean ("snap-words", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_PARTICLES] =
    g_param_spec_boolean ("snap-particles", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SINGLE_CLASS] =
    g_param_spec_boolean ("single-class", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAIRN_TYPE_SPAN_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-text-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, classes_box);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, chips);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, match_case);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, whole_words);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, match_count);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, text_view);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, target_box);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, target_title);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, target_source);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, target_view);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, target_hint);
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, hint_label);
  cairn_text_pane_class_init_actions (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "textpane");
}

static void
cairn_text_pane_init (CairnTextPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector = g_object_ref_sink (CAIRN_TEXT_INSPECTOR (cairn_text_inspector_new ()));
  self->snap_words = TRUE;
  self->particles = g_strdupv ((GStrv) cairn_text_default_particles ());
  self->whole_word_list = g_strdupv ((GStrv) cairn_text_default_whole_words ());
  g_object_bind_property (self, "snap-words",
                          cairn_text_inspector_get_snap_words (self->inspector), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "snap-particles",
                          cairn_text_inspector_get_snap_particles (self->inspector), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "snap-words",
                          cairn_text_inspector_get_snap_particles (self->inspector), "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "single-class",
                          cairn_text_inspector_get_single_class (self->inspector), "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (cairn_text_inspector_get_particles (self->inspector), "activate",
                           G_CALLBACK (on_particles_activate_cb), self, 0);
  g_signal_connect_object (cairn_text_inspector_get_whole_words (self->inspector), "activate",
                           G_CALLBACK (on_whole_words_activate_cb), self, 0);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  cairn_text_pane_init_actions (self);
  cairn_text_pane_init_target (self);
}

GtkWidget *
cairn_text_pane_new (void)
{
  return g_object_new (CAIRN_TYPE_TEXT_PANE, NULL);
}

void
cairn_text_pane_set_text (CairnTextPane *self,
                          const char    *text,
                          GPtrArray     *annotations,
                          GPtrArray     *labels)
{
  g_return_if_fail (CAIRN_IS_TEXT_PANE (self));

  cairn_item_view_state_clear (&self->view, CAIRN_ITEM_VIEW (self));
  self->view.labels = labels ? g_ptr_array_ref (labels) : NULL;
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    g_ptr_array_add (self->annotations, cairn_annotation_copy (annotations->pdata[i]));
  g_ptr_array_sort (self->annotations, compare_ids);
  g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
  set_source_text (self, text);
  self->task = CAIRN_TEXT_TASK_SPANS;
  cairn_text_pane_update_palette (self);
  show_annotations (self, TOUCHED_ALL, NULL);
  cairn_text_pane_clear_target (self);
}

GtkTextBuffer *
cairn_text_pane_get_buffer (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
}

GtkTextView *
cairn_text_pane_get_text_view (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return GTK_TEXT_VIEW (self->text_view);
}

GtkTextView *
cairn_text_pane_get_target_view (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return self->target_view;
}

guint
cairn_text_pane_get_n_spans (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), 0);
  return self->n_spans;
}

/* The spans as drawn, in drawing order; none before an item is shown. */
static const CairnLaneEntry *
drawn_spans (CairnTextPane *self, guint *n)
{
  *n = 0;
  return self->lanes != NULL ? cairn_text_lanes_get_entries (self->lanes, n) : NULL;
}

gboolean
cairn_text_pane_has_span_at (CairnTextPane *self,
                             gint64         label_id,
                             guint          offset)
{
  const CairnLaneEntry *e;
  guint n;

  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), FALSE);
  e = drawn_spans (self, &n);
  for (guint i = n > 0 ? cairn_text_lanes_first_reaching (self->lanes, offset) : 0;
       i < n && e[i].start <= offset; i++)
    if (e[i].label_id == label_id && offset < e[i].end)
      return TRUE;
  return FALSE;
}

gboolean
cairn_text_pane_get_label_color (CairnTextPane *self,
                                 gint64         label_id,
                                 GdkRGBA       *color)
{
  const CairnLaneEntry *e;
  guint n;

  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), FALSE);
  e = drawn_spans (self, &n);
  for (guint i = 0; i < n; i++)
    if (e[i].label_id == label_id)
      {
        *color = look_for (self, label_id)->color;
        return TRUE;
      }
  return FALSE;
}

GPtrArray *
cairn_text_pane_get_palette_labels (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return self->palette;
}

gint64
cairn_text_pane_get_selected_id (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), 0);
  return self->selected_id;
}

gint64
cairn_text_pane_get_current_label_id (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), 0);
  return self->current_label_id;
}

guint
cairn_text_pane_get_n_matches (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), 0);
  return self->matches ? self->matches->len : 0;
}

void
cairn_text_pane_select_range (CairnTextPane *self,
                              guint          start,
                              guint          end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (CAIRN_IS_TEXT_PANE (self));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &b, &a);
}

/* The item view */

static void
cairn_text_pane_view_set_item (CairnItemView   *view,
                               CairnStore      *store,
                               const CairnItem *item,
                               GPtrArray       *labels)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (view);

  cairn_text_pane_save_target (self);
  cairn_item_view_state_set (&self->view, view, store, item, labels);
  reload (self);
  cairn_text_pane_attach_keys (self);
}

static void
cairn_text_pane_view_set_edit_stack (CairnItemView  *view,
                                     CairnEditStack *stack)
{
  g_set_object (&CAIRN_TEXT_PANE (view)->edit_stack, stack);
}

static void
cairn_text_pane_view_store_changed (CairnItemView          *view,
                                    const CairnStoreChange *change)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (view);

  if (self->view.item == NULL)
    return;
  if (change->everything || change->labels)
    {
      if (change->labels && self->view.store != NULL)
        {
          g_autoptr(GPtrArray) labels = cairn_store_list_labels (self->view.store, NULL);

          if (labels != NULL)
            {
              g_clear_pointer (&self->view.labels, g_ptr_array_unref);
              self->view.labels = g_steal_pointer (&labels);
            }
        }
      {
        gint64 selected = self->selected_id;

        g_clear_pointer (&self->annotations, g_ptr_array_unref);
        self->annotations = cairn_item_view_load_annotations (self->view.store,
                                                              self->view.item->id);
        g_clear_pointer (&self->lanes, cairn_text_lanes_unref);
        cairn_text_pane_update_palette (self);
        self->selected_id = selected;
        show_annotations (self, TOUCHED_ALL, NULL);
        cairn_text_pane_load_target (self);
      }
      return;
    }
  if (change->annotations->len == 0 || !cairn_item_view_state_touched (&self->view, change))
    return;
  show_annotations (self, apply_change (self, change), change->annotations);
  cairn_text_pane_load_target (self);
}

static gint64
cairn_text_pane_view_get_selected_id (CairnItemView *view)
{
  return CAIRN_TEXT_PANE (view)->selected_id;
}

static GtkWidget *
cairn_text_pane_view_get_inspector (CairnItemView *view)
{
  return GTK_WIDGET (CAIRN_TEXT_PANE (view)->inspector);
}

static void
cairn_text_pane_item_view_init (CairnItemViewInterface *iface)
{
  iface->set_item = cairn_text_pane_view_set_item;
  iface->set_edit_stack = cairn_text_pane_view_set_edit_stack;
  iface->store_changed = cairn_text_pane_view_store_changed;
  iface->get_selected_id = cairn_text_pane_view_get_selected_id;
  iface->get_inspector = cairn_text_pane_view_get_inspector;
}
