#define G_LOG_DOMAIN "cairn-window"

/* The window's side of teams (issue 14): what the annotator's role allows, their queue
 * ("Next in My Queue"), and the review queue with every version side by side. */
#include <glib/gi18n.h>

#include "team/cairn-review-window.h"
#include "cairn-prompt-dialog.h"
#include "cairn-window-private.h"

CairnRole
cairn_window_get_role (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), CAIRN_ROLE_NONE);
  if (self->store == NULL || self->edits == NULL)
    return CAIRN_ROLE_NONE;
  return cairn_team_get_role (self->store, cairn_edit_stack_get_annotator (self->edits));
}

CairnEditStack *
cairn_window_get_edit_stack (CairnWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  return self->edits;
}

static CairnReviewWindow *
find_review (CairnWindow *self)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (CAIRN_IS_REVIEW_WINDOW (window)
          && gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (self))
        return CAIRN_REVIEW_WINDOW (window);
    }
  return NULL;
}

static void
on_review_item_activated_cb (CairnReviewWindow *review,
                             gint64             item_id,
                             CairnWindow       *self)
{
  if (cairn_window_select_item (self, item_id))
    gtk_window_present (GTK_WINDOW (self));
}

/* One review window per main window, on the main window's edit stack: Undo in either takes
 * back a decision. A new annotator gets a new one. */
CairnReviewWindow *
cairn_window_show_review (CairnWindow *self)
{
  CairnReviewWindow *review = find_review (self);

  g_return_val_if_fail (CAIRN_IS_WINDOW (self), NULL);
  if (self->edits == NULL)
    return NULL;
  if (review && cairn_review_window_get_stack (review) != self->edits)
    {
      gtk_window_destroy (GTK_WINDOW (review));
      review = NULL;
    }
  if (review == NULL)
    {
      review = cairn_review_window_new (GTK_WINDOW (self), self->edits);
      g_signal_connect_object (review, "item-activated", G_CALLBACK (on_review_item_activated_cb),
                               self, 0);
    }
  gtk_window_present (GTK_WINDOW (review));
  return review;
}

static void
show_review_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  cairn_window_show_review (CAIRN_WINDOW (widget));
}

static void
item_history_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnReviewWindow *review;

  if (self->current == NULL || (review = cairn_window_show_review (self)) == NULL)
    return;
  cairn_review_window_show_item (review, self->current->id);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
count_open_cb (const CairnItem *item, gpointer user_data)
{
  guint *open = user_data;

  *open += item->state == CAIRN_STATE_NEW || item->state == CAIRN_STATE_IN_PROGRESS
           || item->state == CAIRN_STATE_REJECTED;
  return TRUE;
}

/* "My items: 4 to do of 12" in the status bar, where "Saved" goes. */
static void
show_queue_left (CairnWindow *self, gint64 me)
{
  g_autoptr(GArray) mine = cairn_store_list_assigned_items (self->store, me, NULL);
  g_autofree char *text = NULL;
  guint open = 0;

  if (mine == NULL)
    return;
  /* The store reads items in id order; the queue is in its own. */
  g_array_sort (mine, compare_ids);
  if (!cairn_store_foreach_item (self->store, mine, count_open_cb, &open, NULL))
    return;
  /* Translators: the annotator's queue, in the status bar: "My items: 4 to do of 12". */
  text = g_strdup_printf (_("My items: %u to do of %u"), open, mine->len);
  gtk_label_set_label (self->saved_label, text);
}

static void
next_in_queue_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 me, next;

  if (self->store == NULL || self->edits == NULL)
    return;
  me = cairn_edit_stack_get_annotator (self->edits);
  next = cairn_store_next_in_queue (self->store, me, self->current ? self->current->id : 0,
                                    &error);
  /* From the start again: an item passed over earlier is still to do. */
  if (next == 0 && error == NULL)
    next = cairn_store_next_in_queue (self->store, me, 0, &error);
  if (error)
    cairn_window_show_error (self, _("Could not read your queue"), error->message);
  else if (next == 0)
    gtk_label_set_label (self->saved_label, _("Nothing left in your queue"));
  else if (cairn_window_select_item (self, next))
    show_queue_left (self, me);
}

/* An annotator's own doubt: a flag the review queue shows with its reason. */
static void
on_flag_submitted_cb (CairnPromptDialog *dialog,
                      const char        *text,
                      CairnWindow       *self)
{
  g_autoptr(GError) error = NULL;
  gint64 actor;

  if (self->store == NULL || self->current == NULL)
    return;
  actor = cairn_store_get_actor (self->store);
  cairn_store_set_actor (self->store, self->edits ? cairn_edit_stack_get_annotator (self->edits)
                                                  : 0);
  if (cairn_store_add_flag (self->store, self->current->id, 0, "annotator",
                            *text ? text : NULL, &error) == 0)
    cairn_window_show_error (self, _("Could not flag the item"), error->message);
  else
    gtk_label_set_label (self->saved_label, _("Flagged for review"));
  cairn_store_set_actor (self->store, actor);
}

static void
flag_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnWindow *self = CAIRN_WINDOW (widget);
  CairnPromptDialog *dialog;

  if (self->current == NULL)
    return;
  dialog = cairn_prompt_dialog_new (GTK_WINDOW (self), _("Flag for Review"),
                                    _("What should a reviewer look at?"), _("_Flag"), NULL);
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_flag_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cairn_window_update_team_actions (CairnWindow *self)
{
  gboolean editing = self->store != NULL && self->edits != NULL;
  CairnReviewWindow *review = find_review (self);

  /* A queue of a project closed since, or of the annotator before: gone with them. */
  if (review && (!editing || cairn_review_window_get_stack (review) != self->edits))
    gtk_window_destroy (GTK_WINDOW (review));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.flag-item",
                                 editing && self->current != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-review-queue", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.item-history",
                                 editing && self->current != NULL);
  /* Asked on every selection: one indexed row, not the whole queue. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-in-queue",
                                 editing && cairn_store_next_in_queue (
                                   self->store, cairn_edit_stack_get_annotator (self->edits), 0,
                                   NULL) != 0);
  if (editing)
    {
      CairnRole role = cairn_window_get_role (self);
      /* Translators: the annotator button's tooltip: "Who is annotating: Kim, as reviewer…". */
      g_autofree char *tip = g_strdup_printf (_("Who is annotating: %s, as %s. Edits are "
                                                "recorded under this name."), self->annotator,
                                              role == CAIRN_ROLE_ADMIN ? _("admin")
                                              : role == CAIRN_ROLE_REVIEWER ? _("reviewer")
                                                                            : _("annotator"));
      gtk_widget_set_tooltip_text (self->annotator_button, tip);
    }
}

void
cairn_window_class_init_team_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-review-queue", NULL,
                                   show_review_activated);
  gtk_widget_class_install_action (widget_class, "win.item-history", NULL,
                                   item_history_activated);
  gtk_widget_class_install_action (widget_class, "win.next-in-queue", NULL,
                                   next_in_queue_activated);
  gtk_widget_class_install_action (widget_class, "win.flag-item", NULL, flag_item_activated);
}
