#define G_LOG_DOMAIN "cairn-text-pane"

/* Translation and summary: the source beside an editable target. A translation has one target
 * per source sentence (attribute "source": [start, end] in code points), the sentence tinted in
 * the source; a summary has one for the whole text. The target is saved as an edit when the
 * annotator pauses, leaves it or moves to another sentence — never while an input method is
 * still composing (its preedit is not text yet), and a reload never replaces what is being
 * typed. */

#include <glib/gi18n.h>

#include "cairn-text-pane-private.h"

#define SAVE_DELAY_MS 1200

static gboolean
target_range (const CairnAnnotation *a, CairnTextRange *range)
{
  JsonNode *node;
  JsonArray *array;

  if (a->kind != CAIRN_KIND_TARGET || (node = json_object_get_member (a->attributes, "source"))
      == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 2)
    return FALSE;
  range->start = (guint) json_node_get_int (json_array_get_element (array, 0));
  range->end = (guint) json_node_get_int (json_array_get_element (array, 1));
  return TRUE;
}

static gboolean
current_range (CairnTextPane *self, CairnTextRange *range)
{
  if (self->task != CAIRN_TEXT_TASK_TRANSLATION || self->sentences == NULL
      || self->sentence >= self->sentences->len)
    return FALSE;
  *range = g_array_index (self->sentences, CairnTextRange, self->sentence);
  return TRUE;
}

/* The target of the current sentence (or the summary), or NULL. */
static const CairnAnnotation *
current_target (CairnTextPane *self)
{
  CairnTextRange want = { 0, 0 }, r;
  gboolean translation = current_range (self, &want);

  for (guint i = 0; self->annotations != NULL && i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind != CAIRN_KIND_TARGET)
        continue;
      if (!translation)
        return a;
      if (target_range (a, &r) && r.start == want.start && r.end == want.end)
        return a;
    }
  return NULL;
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

void
cairn_text_pane_save_target (CairnTextPane *self)
{
  const CairnAnnotation *target;
  g_autofree char *text = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  CairnTextRange r;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->target_dirty || self->view.item == NULL || self->task == CAIRN_TEXT_TASK_SPANS)
    return;
  /* What the input method is still composing is not text yet: once it commits, the buffer
   * changes and the save comes again. */
  if (self->preedit)
    return;
  self->target_dirty = FALSE;
  text = buffer_text (self->target_view);
  target = current_target (self);
  if (target != NULL)
    {
      g_autoptr(CairnAnnotation) after = NULL;

      if (g_strcmp0 (target->text, text) == 0)
        return;
      after = cairn_annotation_copy (target);
      cairn_annotation_set_text (after, text);
      edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, target, after);
    }
  else
    {
      g_autoptr(CairnAnnotation) a = NULL;

      if (*text == '\0')
        return;
      a = cairn_annotation_new (CAIRN_KIND_TARGET);
      a->item_id = self->view.item->id;
      cairn_annotation_set_text (a, text);
      if (current_range (self, &r))
        {
          JsonArray *source = json_array_new ();

          json_array_add_int_element (source, r.start);
          json_array_add_int_element (source, r.end);
          json_object_set_array_member (a->attributes, "source", source);
        }
      edit = cairn_edit_new_create (a);
    }
  if (!cairn_text_pane_commit (self, edit))
    self->target_dirty = TRUE;
}

static gboolean
save_later_cb (gpointer data)
{
  CairnTextPane *self = data;

  self->save_source = 0;
  cairn_text_pane_save_target (self);
  return G_SOURCE_REMOVE;
}

static void
on_target_changed_cb (GtkTextBuffer *buffer,
                      CairnTextPane *self)
{
  if (self->filling_target)
    return;
  self->target_dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_later_cb, self);
}

static void
on_preedit_changed_cb (GtkTextView   *view,
                       const char    *preedit,
                       CairnTextPane *self)
{
  self->preedit = preedit != NULL && *preedit != '\0';
  /* A composition that ended without a commit may leave a save to make. */
  if (!self->preedit && self->target_dirty && self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_later_cb, self);
}

static void
on_target_leave_cb (GtkEventControllerFocus *focus,
                    CairnTextPane           *self)
{
  cairn_text_pane_save_target (self);
}

static void
fill_target (CairnTextPane *self)
{
  const CairnAnnotation *target = current_target (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->target_view);
  g_autofree char *shown = buffer_text (self->target_view);
  const char *text = target && target->text ? target->text : "";
  g_autofree char *title = NULL;
  CairnTextRange r = { 0, 0 };

  if (current_range (self, &r))
    {
      g_autofree char *source = cairn_text_index_dup_slice (self->index, r.start, r.end);

      /* Translators: above the translation of one source sentence. */
      title = g_strdup_printf (_("Translation · sentence %u of %u"), self->sentence + 1,
                               self->sentences->len);
      gtk_label_set_label (self->target_source, source);
      cairn_span_view_set_focus_range (self->text_view, r.start, r.end);
    }
  else
    {
      title = g_strdup (_("Summary"));
      gtk_label_set_label (self->target_source, "");
      cairn_span_view_set_focus_range (self->text_view, 0, 0);
    }
  gtk_label_set_label (self->target_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->target_source), r.end > r.start
                          && self->task == CAIRN_TEXT_TASK_TRANSLATION);
  /* What is being typed (or composed) stays as it is. */
  if ((gtk_widget_has_focus (GTK_WIDGET (self->target_view)) && (self->target_dirty || self->preedit))
      || g_strcmp0 (shown, text) == 0)
    return;
  self->filling_target = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->filling_target = FALSE;
  self->target_dirty = FALSE;
}

void
cairn_text_pane_load_target (CairnTextPane *self)
{
  gboolean shown = self->task != CAIRN_TEXT_TASK_SPANS && self->view.item != NULL;

  gtk_widget_set_visible (self->target_box, shown);
  if (!shown)
    {
      cairn_span_view_set_focus_range (self->text_view, 0, 0);
      return;
    }
  if (self->sentences == NULL || g_object_get_data (G_OBJECT (self), "sentences-of")
                                   != (gpointer) self->index)
    {
      g_clear_pointer (&self->sentences, g_array_unref);
      self->sentences = cairn_text_sentences (self->index);
      g_object_set_data (G_OBJECT (self), "sentences-of", self->index);
      self->sentence = 0;
    }
  gtk_label_set_label (self->target_hint,
                       self->task == CAIRN_TEXT_TASK_TRANSLATION
                         ? _("F2 writes here and goes back; Alt+Down and Alt+Up go to the next "
                             "and previous sentence. Saved as you pause.")
                         : _("F2 writes here and goes back. Saved as you pause."));
  fill_target (self);
}

void
cairn_text_pane_clear_target (CairnTextPane *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->target_dirty = FALSE;
  self->filling_target = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->target_view), "", -1);
  self->filling_target = FALSE;
  gtk_widget_set_visible (self->target_box, FALSE);
  g_clear_pointer (&self->sentences, g_array_unref);
  cairn_span_view_set_focus_range (self->text_view, 0, 0);
}

void
cairn_text_pane_move_sentence (CairnTextPane *self,
                               int            step)
{
  guint next;

  if (self->task != CAIRN_TEXT_TASK_TRANSLATION || self->sentences == NULL
      || self->sentences->len == 0)
    return;
  next = (guint) CLAMP ((int) self->sentence + step, 0, (int) self->sentences->len - 1);
  if (next == self->sentence)
    return;
  cairn_text_pane_save_target (self);
  self->sentence = next;
  /* The new sentence's target replaces the old one's, focus or not. */
  self->target_dirty = FALSE;
  self->filling_target = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->target_view), "", -1);
  self->filling_target = FALSE;
  fill_target (self);
  {
    CairnTextRange r = g_array_index (self->sentences, CairnTextRange, next);
    GtkTextIter at;

    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)),
                                        &at, r.start);
    gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &at, 0.1, FALSE, 0, 0);
  }
}

/* A click in the source picks the sentence to translate. */
static void
on_cursor_moved_cb (GtkTextBuffer *buffer,
                    GParamSpec    *pspec,
                    CairnTextPane *self)
{
  int offset;

  g_object_get (buffer, "cursor-position", &offset, NULL);

  if (self->task != CAIRN_TEXT_TASK_TRANSLATION || self->sentences == NULL)
    return;
  for (guint i = 0; i < self->sentences->len; i++)
    {
      CairnTextRange r = g_array_index (self->sentences, CairnTextRange, i);

      if ((guint) offset >= r.start && (guint) offset <= r.end && i != self->sentence)
        {
          cairn_text_pane_move_sentence (self, (int) i - (int) self->sentence);
          return;
        }
    }
}

void
cairn_text_pane_init_target (CairnTextPane *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkTextBuffer *target = gtk_text_view_get_buffer (self->target_view);

  /* Undo is the project's (Ctrl+Z takes back a saved target), not the buffer's own. */
  gtk_text_buffer_set_enable_undo (target, FALSE);
  g_signal_connect_object (target, "changed", G_CALLBACK (on_target_changed_cb), self, 0);
  g_signal_connect_object (self->target_view, "preedit-changed",
                           G_CALLBACK (on_preedit_changed_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_target_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->target_view), focus);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)),
                           "notify::cursor-position", G_CALLBACK (on_cursor_moved_cb), self, 0);
}
