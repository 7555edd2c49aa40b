#define G_LOG_DOMAIN "cairn-text-pane"

/* The text pane's commands: every key is an action (text.*), and every change an edit.
 * The commands the other panes share (a label by its place or its hotkey, delete, Tab, Escape,
 * Enter) keep their keymap entries (canvas.*, tool.*): the pane answers them through action
 * groups of those names, so one key setting serves every pane. */

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "model/cairn-label.h"
#include "cairn-shortcuts.h"
#include "cairn-text-pane-private.h"

enum
{
  SIGNAL_EDIT_FAILED,
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
cairn_text_pane_notice (CairnTextPane *self,
                        const char    *message)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, message);
}

static void
edit_failed (CairnTextPane *self, const char *message)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_FAILED], 0, message);
}

gboolean
cairn_text_pane_commit (CairnTextPane *self,
                        CairnEdit     *edit)
{
  g_autoptr(GError) error = NULL;
  CairnEditVerb verb;

  if (edit == NULL)
    return FALSE;
  if (self->edit_stack == NULL || self->view.item == NULL || self->view.store == NULL)
    {
      edit_failed (self, _("This item cannot be edited here"));
      return FALSE;
    }
  verb = cairn_edit_get_verb (edit);
  /* The first annotation on a new item puts it in progress, in the same edit (one undo). */
  if (verb == CAIRN_EDIT_VERB_DRAW || verb == CAIRN_EDIT_VERB_BATCH)
    {
      CairnItemState state;

      if (cairn_store_get_item_state (self->view.store, self->view.item->id, &state, NULL)
          && state == CAIRN_STATE_NEW)
        cairn_edit_add_item_state (edit, self->view.item->id, CAIRN_STATE_NEW,
                                   CAIRN_STATE_IN_PROGRESS);
    }
  /* Saved before it returns; the store's change notice redraws the pane in place. */
  if (!cairn_edit_stack_push (self->edit_stack, edit, &error))
    {
      edit_failed (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
label_allows (const CairnLabel *label, CairnKind kind)
{
  return label == NULL || cairn_label_allows (label, kind);
}

static gboolean
is_class_label (const CairnLabel *label)
{
  return label != NULL && label->kinds != 0 && (label->kinds & (1u << CAIRN_KIND_CLASS));
}

static CairnTextSnap
snap_options (CairnTextPane *self)
{
  return (CairnTextSnap) { self->snap_words, self->snap_particles,
                           (const char *const *) self->particles,
                           (const char *const *) self->whole_word_list };
}

/* The text selection, in code points; FALSE when it is empty. */
static gboolean
text_selection (CairnTextPane *self, guint *start, guint *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter a, b;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return *start < *end;
}

static void
clear_text_selection (CairnTextPane *self, guint at)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, at);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
scroll_to (CairnTextPane *self, gint64 id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  CairnSpanMark mark;
  GtkTextIter at;

  if (!cairn_span_view_get_mark (self->text_view, id, &mark))
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &at, mark.start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &at, 0.1, FALSE, 0, 0);
}

void
cairn_text_pane_select (CairnTextPane *self,
                        gint64         id)
{
  if (self->selected_id != id)
    {
      self->selected_id = id;
      cairn_span_view_set_selected (self->text_view, id);
      cairn_text_pane_update_inspector (self);
    }
  cairn_text_pane_update_hint (self);
}

void
cairn_text_pane_update_hint (CairnTextPane *self)
{
  const CairnAnnotation *from = cairn_text_find_annotation (self->annotations,
                                                            self->relation_from);
  g_autofree char *text = NULL;
  CairnTextRange r;

  if (from != NULL && cairn_text_span_range (from, &r) && self->index != NULL)
    {
      g_autofree char *word = cairn_text_index_dup_slice (self->index, r.start, r.end);

      /* Translators: while a relation is made with the keyboard. */
      text = g_strdup_printf (_("Relation from “%s”: choose the other span (Tab or a click), "
                                "then a relation label (1–9) or Enter; Escape cancels"), word);
    }
  gtk_label_set_label (self->hint_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL);
}

static void
set_current_label (CairnTextPane *self, gint64 id)
{
  g_object_set (self, "current-label-id", id, NULL);
}

static void
end_relation (CairnTextPane *self)
{
  if (self->relation_from == 0)
    return;
  self->relation_from = 0;
  cairn_span_view_set_pending (self->text_view, 0);
  cairn_text_pane_update_palette (self);
  cairn_text_pane_update_hint (self);
}

static gboolean
make_relation (CairnTextPane *self, gint64 from, gint64 to, const CairnLabel *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (label != NULL && !cairn_label_allows (label, CAIRN_KIND_RELATION))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not for relations: choose another "
                                                 "label"), label->name);

      cairn_text_pane_notice (self, text);
      return FALSE;
    }
  edit = cairn_text_edit_new_relation (self->annotations, self->view.item->id, from, to,
                                       label ? label->id : 0, &error);
  if (edit == NULL)
    {
      cairn_text_pane_notice (self, error->message);
      return FALSE;
    }
  end_relation (self);
  if (!cairn_text_pane_commit (self, edit))
    return FALSE;
  cairn_text_pane_select (self, cairn_edit_get_annotation_id (edit, 0));
  return TRUE;
}

/* The label new relations get without one chosen: the first for relations. */
static const CairnLabel *
default_relation_label (CairnTextPane *self)
{
  const CairnLabel *current = cairn_text_pane_find_label (self, self->current_label_id);
  GPtrArray *labels = self->view.labels;

  if (current != NULL && current->kinds != 0
      && (current->kinds & (1u << CAIRN_KIND_RELATION)))
    return current;
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CairnLabel *label = labels->pdata[i];

      if (label->kinds != 0 && (label->kinds & (1u << CAIRN_KIND_RELATION)))
        return label;
    }
  return NULL;
}

static gboolean
make_span (CairnTextPane *self, guint start, guint end, const CairnLabel *label)
{
  CairnTextSnap snap = snap_options (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) span = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (self->index == NULL || !cairn_text_snap_range (self->index, &snap, &start, &end))
    {
      cairn_text_pane_notice (self, _("Select some text first"));
      return FALSE;
    }
  span = cairn_text_new_span (self->index, self->lanes, self->view.item->id,
                              label ? label->id : 0, (CairnTextRange) { start, end }, &error);
  if (span == NULL)
    {
      cairn_text_pane_notice (self, error->message);
      return FALSE;
    }
  edit = cairn_edit_new_create (span);
  if (!cairn_text_pane_commit (self, edit))
    return FALSE;
  /* The new span is selected, so a key relabels it and Delete takes it back. */
  clear_text_selection (self, end);
  cairn_text_pane_select (self, cairn_edit_get_annotation_id (edit, 0));
  return TRUE;
}

static void
toggle_class (CairnTextPane *self, const CairnLabel *label)
{
  g_autoptr(CairnEdit) edit = NULL;

  if (self->view.item == NULL)
    return;
  edit = cairn_text_edit_new_toggle_class (self->annotations, self->view.labels,
                                           self->view.item->id, label->id, self->single_class);
  cairn_text_pane_commit (self, edit);
}

static void
relabel (CairnTextPane *self, const CairnAnnotation *a, const CairnLabel *label)
{
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (a->label_id == (label ? label->id : 0))
    return;
  if (!label_allows (label, a->kind))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not for %s: choose another label"),
                                               label->name, cairn_kind_get_display_name (a->kind));

      cairn_text_pane_notice (self, text);
      return;
    }
  after = cairn_annotation_copy (a);
  after->label_id = label ? label->id : 0;
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RELABEL, a, after);
  cairn_text_pane_commit (self, edit);
}

/* What a label key does: relate, make a span of the selected text, relabel the selected
 * span or relation, or toggle a document class. */
static void
apply_label (CairnTextPane *self, const CairnLabel *label)
{
  const CairnAnnotation *selected = cairn_text_find_annotation (self->annotations,
                                                                self->selected_id);
  guint start, end;

  if (self->view.item == NULL)
    return;
  if (self->relation_from != 0)
    {
      if (selected == NULL || selected->kind != CAIRN_KIND_SPAN
          || selected->id == self->relation_from)
        cairn_text_pane_notice (self, _("Choose the other span first (Tab or a click)"));
      else
        make_relation (self, self->relation_from, selected->id, label);
      return;
    }
  if (label_allows (label, CAIRN_KIND_SPAN) && !is_class_label (label))
    set_current_label (self, label ? label->id : 0);
  if (text_selection (self, &start, &end))
    {
      if (label_allows (label, CAIRN_KIND_SPAN))
        make_span (self, start, end, label);
      else if (is_class_label (label))
        toggle_class (self, label);
      return;
    }
  if (selected != NULL && selected->kind == CAIRN_KIND_RELATION)
    {
      relabel (self, selected, label);
      return;
    }
  if (selected != NULL && selected->kind == CAIRN_KIND_SPAN && label_allows (label, CAIRN_KIND_SPAN)
      && !is_class_label (label))
    {
      relabel (self, selected, label);
      return;
    }
  if (is_class_label (label))
    toggle_class (self, label);
  else if (label != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("New spans get “%s”: select some text"),
                                               label->name);

      cairn_text_pane_notice (self, text);
    }
}

/* Actions */

static void
select_label_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  gint32 position = g_variant_get_int32 (parameter);

  if (self->palette == NULL || position < 0 || (guint) position >= self->palette->len)
    return;
  apply_label (self, self->palette->pdata[position]);
}

static void
set_label_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const CairnLabel *label = cairn_text_pane_find_label (self, id);

  if (id != 0 && label == NULL)
    return;
  apply_label (self, label);
}

static void
toggle_class_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  const CairnLabel *label = cairn_text_pane_find_label (self, g_variant_get_int64 (parameter));

  if (label != NULL)
    toggle_class (self, label);
  /* The chip's own toggling is undone by the reload, which shows the store's state. */
  cairn_text_pane_update_chips (self);
}

static void
delete_selection_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  g_autoptr(CairnEdit) edit = NULL;

  if (self->selected_id == 0)
    return;
  edit = cairn_text_edit_new_delete (self->annotations, self->selected_id);
  if (cairn_text_pane_commit (self, edit))
    cairn_text_pane_select (self, 0);
}

static void
cycle_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  int step = g_variant_get_int32 (parameter) < 0 ? -1 : 1;
  const CairnLaneEntry *entries;
  guint n = 0, i;
  gint at;

  if (self->lanes == NULL)
    return;
  entries = cairn_text_lanes_get_entries (self->lanes, &n);
  if (n == 0)
    return;
  /* In reading order (the lanes are by start); with nothing selected, the first or last. */
  at = self->selected_id != 0 ? cairn_text_lanes_find (self->lanes, self->selected_id) : -1;
  if (at < 0)
    i = step > 0 ? 0 : n - 1;
  else
    i = ((guint) at + n + step) % n;
  cairn_text_pane_select (self, entries[i].id);
  scroll_to (self, self->selected_id);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  guint start, end;

  if (gtk_widget_has_focus (GTK_WIDGET (self->target_view)))
    {
      cairn_text_pane_save_target (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
  else if (self->relation_from != 0)
    end_relation (self);
  else if (text_selection (self, &start, &end))
    clear_text_selection (self, end);
  else
    cairn_text_pane_select (self, 0);
}

static void
finish_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  guint start, end;

  if (self->relation_from != 0)
    {
      if (self->selected_id == 0 || self->selected_id == self->relation_from)
        cairn_text_pane_notice (self, _("Choose the other span first (Tab or a click)"));
      else
        make_relation (self, self->relation_from, self->selected_id,
                       default_relation_label (self));
      return;
    }
  if (text_selection (self, &start, &end))
    apply_label (self, cairn_text_pane_find_label (self, self->current_label_id));
}

static void
start_relation_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->selected_id);

  if (a == NULL || a->kind != CAIRN_KIND_SPAN)
    {
      cairn_text_pane_notice (self, _("Select the span the relation starts from (Tab or a click)"));
      return;
    }
  self->relation_from = a->id;
  cairn_span_view_set_pending (self->text_view, a->id);
  cairn_text_pane_update_palette (self);
  cairn_text_pane_update_hint (self);
}

static void
resize_span_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->selected_id);
  CairnTextSnap snap = snap_options (self);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  const char *edge;
  gboolean grow;
  CairnTextRange r;
  double coords[2];

  g_variant_get (parameter, "(&sb)", &edge, &grow);
  if (a == NULL || !cairn_text_span_range (a, &r) || self->index == NULL)
    return;
  if (!cairn_text_resize_range (self->index, &snap,
                                g_str_equal (edge, "start") ? CAIRN_TEXT_EDGE_START
                                                            : CAIRN_TEXT_EDGE_END,
                                grow, &r.start, &r.end))
    return;
  after = cairn_annotation_copy (a);
  coords[0] = r.start;
  coords[1] = r.end;
  cairn_annotation_set_coords (after, coords, 2);
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RESIZE, a, after);
  cairn_text_pane_commit (self, edit);
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  guint start, end;

  /* The selected text is what is looked for. */
  if (text_selection (self, &start, &end) && self->index != NULL)
    {
      g_autofree char *text = cairn_text_index_dup_slice (self->index, start, end);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
label_all_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);
  const CairnLabel *label = cairn_text_pane_find_label (self, self->current_label_id);
  g_autoptr(CairnEdit) edit = NULL;
  g_autofree char *text = NULL;

  if (self->matches == NULL || self->matches->len == 0 || self->view.item == NULL)
    {
      cairn_text_pane_notice (self, _("Nothing to label: search for a text first"));
      return;
    }
  if (label == NULL || !cairn_label_allows (label, CAIRN_KIND_SPAN))
    {
      cairn_text_pane_notice (self, _("Choose the label for the spans first (1–9 or the "
                                      "palette)"));
      return;
    }
  edit = cairn_text_edit_new_label_all (self->index, self->annotations, self->view.item->id,
                                        label->id, self->matches);
  if (edit == NULL)
    {
      cairn_text_pane_notice (self, _("Every match already has this label"));
      return;
    }
  if (cairn_text_pane_commit (self, edit))
    {
      guint n = cairn_edit_get_n_changes (edit);

      /* The item state change, if any, is not a span. */
      for (guint i = 0; i < cairn_edit_get_n_changes (edit); i++)
        if (cairn_edit_get_annotation_id (edit, i) == 0)
          n--;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span labelled “%s”",
                                           "%u spans labelled “%s”", n), n, label->name);
      cairn_text_pane_notice (self, text);
    }
}

static void
move_sentence_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  cairn_text_pane_move_sentence (CAIRN_TEXT_PANE (widget), g_variant_get_int32 (parameter));
}

static void
edit_target_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (widget);

  if (!gtk_widget_get_visible (self->target_box))
    return;
  if (gtk_widget_has_focus (GTK_WIDGET (self->target_view)))
    {
      cairn_text_pane_save_target (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->target_view));
}

/* Search */

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      CairnTextPane  *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (entry));
  CairnTextFindFlags flags = 0;
  g_autofree char *count = NULL;

  g_clear_pointer (&self->matches, g_array_unref);
  if (self->index == NULL || *needle == '\0')
    {
      gtk_label_set_label (self->match_count, "");
      return;
    }
  if (gtk_check_button_get_active (self->match_case))
    flags |= CAIRN_TEXT_FIND_MATCH_CASE;
  if (gtk_check_button_get_active (self->whole_words))
    flags |= CAIRN_TEXT_FIND_WHOLE_WORDS;
  self->matches = cairn_text_find_all (self->index, needle, flags);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", self->matches->len),
                           self->matches->len);
  gtk_label_set_label (self->match_count, count);
  /* The first match is selected as text, so a label key makes it a span. */
  if (self->matches->len > 0)
    {
      CairnTextRange r = g_array_index (self->matches, CairnTextRange, 0);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
      GtkTextIter a;

      cairn_text_pane_select_range (self, r.start, r.end);
      gtk_text_buffer_get_iter_at_offset (buffer, &a, r.start);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &a, 0.1, FALSE, 0, 0);
    }
}

/* Enter in the search: the next match. */
static void
on_search_activate_cb (GtkSearchEntry *entry,
                       CairnTextPane  *self)
{
  guint start = 0, end = 0;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter cursor;

  if (self->matches == NULL || self->matches->len == 0)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  text_selection (self, &start, &end);
  for (guint i = 0; i <= self->matches->len; i++)
    {
      CairnTextRange r = g_array_index (self->matches, CairnTextRange, i % self->matches->len);

      if (r.start > start || i == self->matches->len)
        {
          GtkTextIter a;

          cairn_text_pane_select_range (self, r.start, r.end);
          gtk_text_buffer_get_iter_at_offset (buffer, &a, r.start);
          gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &a, 0.1, FALSE, 0, 0);
          break;
        }
    }
}

/* Pointer */

/* The innermost span at a code point; a second click there picks the next one out. */
static gint64
span_at (CairnTextPane *self, guint offset)
{
  gint64 best = 0, after_selected = 0;
  guint best_len = G_MAXUINT;
  gboolean seen_selected = FALSE;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gint64));
  const CairnLaneEntry *e;
  guint n;

  if (self->lanes == NULL)
    return 0;
  e = cairn_text_lanes_get_entries (self->lanes, &n);
  for (guint i = cairn_text_lanes_first_reaching (self->lanes, offset);
       i < n && e[i].start <= offset; i++)
    if (offset < e[i].end)
      {
        g_array_append_val (hits, e[i].id);
        if (e[i].end - e[i].start < best_len)
          {
            best_len = e[i].end - e[i].start;
            best = e[i].id;
          }
      }
  /* Overlapping spans: clicking again goes through them. */
  for (guint i = 0; i < hits->len * 2 && hits->len > 1; i++)
    {
      gint64 id = g_array_index (hits, gint64, i % hits->len);

      if (seen_selected)
        {
          after_selected = id;
          break;
        }
      seen_selected = id == self->selected_id;
    }
  return after_selected != 0 ? after_selected : best;
}

static gboolean
span_in_view (CairnTextPane *self, gint64 id)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GdkRectangle visible, at;
  CairnSpanMark mark;
  GtkTextIter iter;

  if (!cairn_span_view_get_mark (self->text_view, id, &mark))
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, mark.start);
  gtk_text_view_get_iter_location (view, &iter, &at);
  gtk_text_view_get_visible_rect (view, &visible);
  return gdk_rectangle_intersect (&visible, &at, NULL);
}

/* A second click on a selected relation's name goes to its end out of view (where a stub
 * points), or to its source when both are in view. */
static void
go_to_other_end (CairnTextPane *self, gint64 relation_id)
{
  gint64 from, to;

  if (!cairn_text_relation_ends (cairn_text_find_annotation (self->annotations, relation_id),
                                 &from, &to))
    return;
  scroll_to (self, span_in_view (self, to) ? from : to);
}

static guint
offset_at (CairnTextPane *self, double x, double y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->text_view),
                                         GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->text_view), &iter, bx, by);
  return gtk_text_iter_get_offset (&iter);
}

/* A click on text that selects nothing: the span under it. */
static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CairnTextPane   *self)
{
  guint start, end;
  gint64 id;

  if (text_selection (self, &start, &end))
    return;
  id = cairn_span_view_pick (self->text_view, x, y);
  if (id == 0)
    id = span_at (self, offset_at (self, x, y));
  cairn_text_pane_select (self, id);
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  CairnTextPane  *self)
{
  gint64 id = cairn_span_view_pick (self->text_view, x, y);
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, id);

  /* From a span's bar or name: a relation (or a click on it). Elsewhere, the text's own. */
  if (a == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_from = id;
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   CairnTextPane  *self)
{
  double x, y;
  int bx, by;
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->drag_from);

  if (a == NULL || a->kind != CAIRN_KIND_SPAN || hypot (dx, dy) < 4)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->text_view),
                                         GTK_TEXT_WINDOW_WIDGET, (int) (x + dx), (int) (y + dy),
                                         &bx, &by);
  cairn_span_view_set_drag_line (self->text_view, self->drag_from, bx, by);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CairnTextPane  *self)
{
  gint64 from = self->drag_from;
  double x, y;
  gint64 to;

  self->drag_from = 0;
  cairn_span_view_set_drag_line (self->text_view, 0, 0, 0);
  if (from == 0)
    return;
  if (hypot (dx, dy) < 4)
    {
      /* A click on a bar, a name or an arc; again on a relation, to its other end. */
      if (from == self->selected_id)
        go_to_other_end (self, from);
      cairn_text_pane_select (self, from);
      return;
    }
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  to = cairn_span_view_pick (self->text_view, x + dx, y + dy);
  if (to == 0)
    to = span_at (self, offset_at (self, x + dx, y + dy));
  if (to != 0 && to != from)
    make_relation (self, from, to, default_relation_label (self));
}

/* Keys: the text view takes Delete, BackSpace and the like for itself even when it is not
 * editable, so the pane's commands are offered to it first (capture), from the keymap and
 * the user's changes to it. */
static gboolean
capture_key (const CairnKeyBinding *b)
{
  return b->scope == CAIRN_KEY_VIEW && !b->reserved
         && (g_str_has_prefix (b->action, "text.")
             || g_str_equal (b->action, "canvas.delete-selection")
             || g_str_has_prefix (b->action, "canvas.cycle-selection")
             || g_str_equal (b->action, "tool.cancel") || g_str_equal (b->action, "tool.finish"));
}

void
cairn_text_pane_attach_keys (CairnTextPane *self)
{
  GtkWidget *view = GTK_WIDGET (self->text_view);
  GtkEventController *old = g_object_get_data (G_OBJECT (view), "cairn-text-keys");
  GtkEventController *controller;
  GSettings *settings = self->key_settings;
  const CairnKeyBinding *bindings;
  guint n;

  if (old != NULL)
    gtk_widget_remove_controller (view, old);
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "cairn-text-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  bindings = cairn_keymap_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) accels = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      if (!capture_key (&bindings[i])
          || !g_action_parse_detailed_name (bindings[i].action, &name, &target, NULL))
        continue;
      accels = cairn_shortcuts_dup_accels (&bindings[i], settings);
      for (guint j = 0; accels[j] != NULL; j++)
        {
          GtkShortcutTrigger *trigger = *accels[j] ? gtk_shortcut_trigger_parse_string (accels[j])
                                                   : NULL;
          GtkShortcut *shortcut;

          if (trigger == NULL)
            continue;
          shortcut = gtk_shortcut_new (trigger, gtk_named_action_new (name));
          if (target != NULL)
            gtk_shortcut_set_arguments (shortcut, target);
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
        }
    }
  gtk_widget_add_controller (view, controller);
  g_object_set_data (G_OBJECT (view), "cairn-text-keys", controller);
}

void
cairn_text_pane_set_key_settings (CairnTextPane *self,
                                  GSettings     *settings)
{
  g_return_if_fail (CAIRN_IS_TEXT_PANE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  if (self->key_settings == settings)
    return;
  if (self->key_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->key_settings, self);
  g_set_object (&self->key_settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::shortcuts",
                             G_CALLBACK (cairn_text_pane_attach_keys), self, G_CONNECT_SWAPPED);
  cairn_text_pane_attach_keys (self);
}

/* The shared commands under their keymap names (canvas.*, tool.*). */
typedef struct
{
  const char *name;
  const char *type;
  const char *text_action;
} Alias;

static const Alias aliases[] = {
  { "canvas.select-label", "i", "text.select-label" },
  { "canvas.set-label", "x", "text.set-label" },
  { "canvas.delete-selection", NULL, "text.delete-selection" },
  { "canvas.cycle-selection", "i", "text.cycle-selection" },
  { "tool.cancel", NULL, "text.cancel" },
  { "tool.finish", NULL, "text.finish" },
};

gboolean
cairn_text_pane_answers (const char *detailed_action)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;

  g_return_val_if_fail (detailed_action != NULL, FALSE);
  if (!g_action_parse_detailed_name (detailed_action, &name, &target, NULL))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].name, name))
      return TRUE;
  return FALSE;
}

static void
alias_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  GtkWidget *self = g_object_get_data (G_OBJECT (action), "pane");
  const Alias *alias = data;

  gtk_widget_activate_action_variant (self, alias->text_action, parameter);
}

static void
on_inspector_label_chosen_cb (CairnShapeInspector *inspector,
                              gint64               label_id,
                              CairnTextPane       *self)
{
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->selected_id);

  if (a != NULL)
    relabel (self, a, cairn_text_pane_find_label (self, label_id));
}

static void
on_inspector_attribute_chosen_cb (CairnShapeInspector *inspector,
                                  const char          *name,
                                  const char          *json,
                                  CairnTextPane       *self)
{
  const CairnAnnotation *a = cairn_text_find_annotation (self->annotations, self->selected_id);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;

  if (a == NULL)
    return;
  after = cairn_annotation_copy (a);
  if (json == NULL)
    json_object_remove_member (after->attributes, name);
  else
    json_object_set_member (after->attributes, name, json_from_string (json, NULL));
  before_node = json_node_init_object (json_node_alloc (), a->attributes);
  after_node = json_node_init_object (json_node_alloc (), after->attributes);
  if (json_node_equal (before_node, after_node))
    return;
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, a, after);
  cairn_text_pane_commit (self, edit);
}

void
cairn_text_pane_init_actions (CairnTextPane *self)
{
  g_autoptr(GSimpleActionGroup) canvas = g_simple_action_group_new ();
  g_autoptr(GSimpleActionGroup) tool = g_simple_action_group_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      const char *name = strchr (aliases[i].name, '.') + 1;
      g_autoptr(GSimpleAction) action =
        g_simple_action_new (name, aliases[i].type ? G_VARIANT_TYPE (aliases[i].type) : NULL);

      g_object_set_data (G_OBJECT (action), "pane", self);
      g_signal_connect (action, "activate", G_CALLBACK (alias_activated_cb),
                        (gpointer) &aliases[i]);
      g_action_map_add_action (G_ACTION_MAP (g_str_has_prefix (aliases[i].name, "tool.") ? tool
                                                                                        : canvas),
                               G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "canvas", G_ACTION_GROUP (canvas));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "tool", G_ACTION_GROUP (tool));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_BUBBLE);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_object (cairn_text_inspector_get_shape (self->inspector), "label-chosen",
                           G_CALLBACK (on_inspector_label_chosen_cb), self, 0);
  g_signal_connect_object (cairn_text_inspector_get_shape (self->inspector), "attribute-chosen",
                           G_CALLBACK (on_inspector_attribute_chosen_cb), self, 0);
}

void
cairn_text_pane_class_init_actions (GtkWidgetClass *widget_class)
{
  /* The window shows them in its status bar, as the canvas's. */
  signals[SIGNAL_EDIT_FAILED] = g_signal_new ("edit-failed", G_TYPE_FROM_CLASS (widget_class),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (widget_class),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "text.select-label", "i",
                                   select_label_activated);
  gtk_widget_class_install_action (widget_class, "text.set-label", "x", set_label_activated);
  gtk_widget_class_install_action (widget_class, "text.toggle-class", "x",
                                   toggle_class_activated);
  gtk_widget_class_install_action (widget_class, "text.delete-selection", NULL,
                                   delete_selection_activated);
  gtk_widget_class_install_action (widget_class, "text.cycle-selection", "i",
                                   cycle_selection_activated);
  gtk_widget_class_install_action (widget_class, "text.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "text.finish", NULL, finish_activated);
  gtk_widget_class_install_action (widget_class, "text.start-relation", NULL,
                                   start_relation_activated);
  gtk_widget_class_install_action (widget_class, "text.resize-span", "(sb)",
                                   resize_span_activated);
  gtk_widget_class_install_action (widget_class, "text.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "text.label-all", NULL, label_all_activated);
  gtk_widget_class_install_action (widget_class, "text.move-sentence", "i",
                                   move_sentence_activated);
  gtk_widget_class_install_action (widget_class, "text.edit-target", NULL,
                                   edit_target_activated);
  gtk_widget_class_install_property_action (widget_class, "text.snap-words", "snap-words");
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
}

