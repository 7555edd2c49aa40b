#define G_LOG_DOMAIN "cairn-notes"

#include <glib/gi18n.h>

#include "cairn-note-row.h"
#include "cairn-notes-window.h"
#include "cairn-prompt-dialog.h"
#include "guide/cairn-guide-notes.h"

struct _CairnNotesWindow
{
  GtkWindow     parent_instance;
  GtkDropDown  *state_dropdown;
  GtkDropDown  *label_dropdown;
  GtkDropDown  *author_dropdown;
  GtkStack     *stack;
  GtkListBox   *list;

  CairnStore   *store;
  GArray       *label_ids;   /* gint64 per label drop-down row, 0 = any */
  GArray       *author_ids;  /* gint64 per author drop-down row, 0 = any */
  guint         n_shown;
};

G_DEFINE_FINAL_TYPE (CairnNotesWindow, cairn_notes_window, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_OPEN_NOTE,
  SIGNAL_GUIDELINE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_row_chosen_cb (CairnNoteRow *row, const char *verb, CairnNotesWindow *self);

static gint64
selected_id (GtkDropDown *dropdown, GArray *ids)
{
  guint n = gtk_drop_down_get_selected (dropdown);

  return n < ids->len ? g_array_index (ids, gint64, n) : 0;
}

static void
clear_list (CairnNotesWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;
}

void
cairn_notes_window_refresh (CairnNotesWindow *self)
{
  CairnNoteFilter filter = CAIRN_NOTE_FILTER_ANY;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  guint state = gtk_drop_down_get_selected (self->state_dropdown);

  g_return_if_fail (CAIRN_IS_NOTES_WINDOW (self));
  clear_list (self);
  /* Row 0 is every state; the rest follow CairnNoteState. */
  filter.state = state == 0 || state == GTK_INVALID_LIST_POSITION ? -1 : (gint) state - 1;
  filter.label_id = selected_id (self->label_dropdown, self->label_ids);
  filter.author_id = selected_id (self->author_dropdown, self->author_ids);
  notes = cairn_store_list_notes (self->store, &filter, &error);
  if (notes == NULL)
    g_warning ("Notes of %s: %s", cairn_store_get_path (self->store), error->message);
  for (guint i = 0; notes && i < notes->len; i++)
    {
      CairnNoteRow *row = cairn_note_row_new (self->store, g_ptr_array_index (notes, i));

      g_signal_connect_object (row, "chosen", G_CALLBACK (on_row_chosen_cb), self, 0);
      gtk_list_box_append (self->list, GTK_WIDGET (row));
      self->n_shown++;
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_shown ? "list" : "empty");
}

static void
fill_filters (CairnNotesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) authors = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all_labels = cairn_store_list_labels (self->store, NULL);
  g_autoptr(GPtrArray) people = cairn_store_list_annotators (self->store, NULL);
  gint64 any = 0;

  gtk_string_list_append (labels, _("Every label"));
  g_array_append_val (self->label_ids, any);
  for (guint i = 0; all_labels && i < all_labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (all_labels, i);

      gtk_string_list_append (labels, label->name);
      g_array_append_val (self->label_ids, label->id);
    }
  gtk_string_list_append (authors, _("Everyone"));
  g_array_append_val (self->author_ids, any);
  for (guint i = 0; people && i < people->len; i++)
    {
      const CairnAnnotator *who = g_ptr_array_index (people, i);

      gtk_string_list_append (authors, who->name);
      g_array_append_val (self->author_ids, who->id);
    }
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (authors));
}

static void
show_error (CairnNotesWindow *self, const char *message)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                              message);

  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_note (CairnNotesWindow *self, gint64 id, CairnNoteState state, const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnNote) note = cairn_store_get_note (self->store, id, &error);

  if (note != NULL && answer != NULL)
    {
      g_free (note->answer);
      note->answer = g_strdup (answer);
      note->answered_by = cairn_store_get_actor (self->store);
    }
  if (note != NULL)
    note->state = state;
  if (note == NULL || !cairn_store_update_note (self->store, note, &error))
    show_error (self, error->message);
  cairn_notes_window_refresh (self);
}

static void
on_answer_submitted_cb (CairnPromptDialog *dialog,
                        const char        *text,
                        CairnNotesWindow  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "note-id"));

  if (text && *text)
    change_note (self, id, CAIRN_NOTE_ANSWERED, text);
}

void
cairn_notes_window_act (CairnNotesWindow *self,
                        gint64            note_id,
                        const char       *verb,
                        const char       *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnNote) note = cairn_store_get_note (self->store, note_id, &error);

  if (note == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (g_str_equal (verb, "open"))
    g_signal_emit (self, signals[SIGNAL_OPEN_NOTE], 0, note->item_id, note->annotation_id);
  else if (g_str_equal (verb, "answer"))
    change_note (self, note_id, CAIRN_NOTE_ANSWERED, answer);
  else if (g_str_equal (verb, "resolve"))
    change_note (self, note_id, CAIRN_NOTE_RESOLVED, NULL);
  else if (g_str_equal (verb, "promote"))
    {
      if (cairn_guide_promote_note (self->store, note_id, &error) == 0)
        show_error (self, error->message);
      else
        g_signal_emit (self, signals[SIGNAL_GUIDELINE_CHANGED], 0);
      cairn_notes_window_refresh (self);
    }
}

static void
on_row_chosen_cb (CairnNoteRow     *row,
                  const char       *verb,
                  CairnNotesWindow *self)
{
  const CairnNote *note = cairn_note_row_get_note (row);
  CairnPromptDialog *dialog;

  if (!g_str_equal (verb, "answer"))
    {
      cairn_notes_window_act (self, note->id, verb, NULL);
      return;
    }
  dialog = cairn_prompt_dialog_new (GTK_WINDOW (self), _("Answer the Edge Case"), note->title,
                                    _("_Answer"), note->answer);
  g_object_set_data (G_OBJECT (dialog), "note-id", GSIZE_TO_POINTER ((gsize) note->id));
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_answer_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_filter_changed_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      CairnNotesWindow *self)
{
  if (self->store != NULL)
    cairn_notes_window_refresh (self);
}

static void
cairn_notes_window_dispose (GObject *object)
{
  CairnNotesWindow *self = CAIRN_NOTES_WINDOW (object);

  /* First: the drop-downs tell of their selection as they go, and nothing is to refresh. */
  g_clear_object (&self->store);
  /* The stack is the window's own child: the window lets go of it before the template does,
   * or it would unparent it a second time. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_NOTES_WINDOW);
  G_OBJECT_CLASS (cairn_notes_window_parent_class)->dispose (object);
}

static void
cairn_notes_window_finalize (GObject *object)
{
  CairnNotesWindow *self = CAIRN_NOTES_WINDOW (object);

  g_array_unref (self->label_ids);
  g_array_unref (self->author_ids);
  G_OBJECT_CLASS (cairn_notes_window_parent_class)->finalize (object);
}

static void
cairn_notes_window_class_init (CairnNotesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_notes_window_dispose;
  object_class->finalize = cairn_notes_window_finalize;
  signals[SIGNAL_OPEN_NOTE] = g_signal_new ("open-note", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_GUIDELINE_CHANGED] = g_signal_new ("guideline-changed",
                                                    G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-notes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnNotesWindow, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnNotesWindow, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnNotesWindow, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnNotesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnNotesWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cairn_notes_window_init (CairnNotesWindow *self)
{
  self->label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->author_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

CairnNotesWindow *
cairn_notes_window_new (GtkWindow  *parent,
                        CairnStore *store)
{
  CairnNotesWindow *self;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  self = g_object_new (CAIRN_TYPE_NOTES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  fill_filters (self);
  cairn_notes_window_refresh (self);
  return self;
}

guint
cairn_notes_window_get_n_shown (CairnNotesWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_NOTES_WINDOW (self), 0);
  return self->n_shown;
}
