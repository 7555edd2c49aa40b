#define G_LOG_DOMAIN "cairn-review"

#include <glib/gi18n.h>

#include "team/cairn-history.h"
#include "team/cairn-review.h"
#include "cairn-review-compare.h"
#include "cairn-review-window.h"

struct _CairnReviewWindow
{
  GtkWindow           parent_instance;
  CairnEditStack     *stack;
  CairnStore         *store;
  GPtrArray          *queue;      /* CairnReviewEntry */
  gint64              item_id;    /* shown, 0 for none */
  gboolean            choosing;   /* rows being rebuilt: selections are not the user's */

  GtkLabel           *queue_title;
  GtkListBox         *queue_list;
  GtkLabel           *item_title;
  GtkLabel           *reason_label;
  GtkBox             *toggles_box;
  CairnReviewCompare *compare;
  GtkEntry           *comment_entry;
  GtkLabel           *status_label;
  GtkListBox         *history_list;
};

G_DEFINE_FINAL_TYPE (CairnReviewWindow, cairn_review_window, GTK_TYPE_WINDOW)

enum
{
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
row_item (GtkListBoxRow *row)
{
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "item-id") : NULL;

  return id ? *id : 0;
}

static GtkWidget *
queue_row (CairnReviewWindow *self, const CairnReviewEntry *e)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (self->store, e->item_id, NULL);
  g_autofree char *title = item ? cairn_item_dup_title (item) : g_strdup ("?");
  g_autofree char *heading = g_strdup_printf ("%" G_GINT64_FORMAT " · %s", e->item_id, title);
  g_autofree char *sub = g_strdup_printf ("%s · %s", cairn_review_state_display_name (e->state),
                                          e->reasons);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *first = gtk_label_new (heading), *second = gtk_label_new (sub);

  gtk_label_set_xalign (GTK_LABEL (first), 0);
  gtk_label_set_xalign (GTK_LABEL (second), 0);
  gtk_label_set_ellipsize (GTK_LABEL (first), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (second), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (second, "dim-label");
  gtk_widget_add_css_class (second, "caption");
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "item-id", g_memdup2 (&e->item_id, sizeof (gint64)),
                          g_free);
  return row;
}

static const CairnReviewEntry *
find_entry (CairnReviewWindow *self, gint64 item_id, guint *index)
{
  for (guint i = 0; self->queue && i < self->queue->len; i++)
    if (((CairnReviewEntry *) self->queue->pdata[i])->item_id == item_id)
      {
        if (index)
          *index = i;
        return self->queue->pdata[i];
      }
  return NULL;
}

static void
refresh_queue (CairnReviewWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint index;
  guint open = 0;
  g_autofree char *title = NULL;

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = cairn_review_list (self->store, -1, NULL, &error);
  if (self->queue == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  self->choosing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list))) != NULL)
    gtk_list_box_remove (self->queue_list, child);
  for (guint i = 0; i < self->queue->len; i++)
    {
      CairnReviewEntry *e = self->queue->pdata[i];

      gtk_list_box_append (self->queue_list, queue_row (self, e));
      open += e->state != CAIRN_REVIEW_ACCEPTED && e->state != CAIRN_REVIEW_REJECTED;
    }
  if (find_entry (self, self->item_id, &index))
    gtk_list_box_select_row (self->queue_list,
                             gtk_list_box_get_row_at_index (self->queue_list, (int) index));
  self->choosing = FALSE;
  /* Translators: the queue's heading: "Review queue: 3 open of 5". */
  title = g_strdup_printf (_("Review queue: %u open of %u"), open, self->queue->len);
  gtk_label_set_label (self->queue_title, title);
}

static void
on_toggled_cb (GtkCheckButton    *button,
               CairnReviewWindow *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "annotator-id");

  cairn_review_compare_set_visible (self->compare, *id, gtk_check_button_get_active (button));
}

static void
fill_toggles (CairnReviewWindow *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toggles_box));

  /* The first child is the "Versions:" label. */
  while (child && gtk_widget_get_next_sibling (child))
    gtk_box_remove (self->toggles_box, gtk_widget_get_next_sibling (child));
  for (guint i = 0; i < cairn_review_compare_get_n_versions (self->compare); i++)
    {
      gint64 id = cairn_review_compare_get_annotator (self->compare, i);
      GtkWidget *check = gtk_check_button_new_with_label (
        cairn_review_compare_get_annotator_name (self->compare, i));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   cairn_review_compare_get_visible (self->compare, id));
      g_object_set_data_full (G_OBJECT (check), "annotator-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_toggled_cb), self, 0);
      gtk_box_append (self->toggles_box, check);
    }
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static GtkWidget *
history_row (CairnReviewWindow *self, const CairnHistoryEntry *e)
{
  g_autofree char *who = e->annotator_id ? cairn_store_dup_annotator_name (self->store,
                                                                          e->annotator_id)
                                         : NULL;
  g_autofree char *when = format_time (e->at);
  g_autofree char *what = cairn_history_describe (self->store, e);
  g_autofree char *text = g_strdup_printf ("%s · %s · %s", when, who ? who : _("someone"), what);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  /* Rows with and without a Restore button the same height. */
  gtk_widget_set_size_request (box, -1, 34);
  if (g_strcmp0 (e->target, "annotation") == 0
      && (e->action[0] == 'u' || e->action[0] == 'd' || g_str_equal (e->action, "insert")))
    {
      GtkWidget *restore = gtk_button_new_with_label (_("Restore"));

      gtk_widget_set_tooltip_text (restore, _("Bring the annotation back as this left it "
                                              "(Undo takes it back)"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "review.restore");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "x", e->id);
      gtk_widget_add_css_class (restore, "flat");
      gtk_box_append (GTK_BOX (box), restore);
    }
  return box;
}

static void
fill_history (CairnReviewWindow *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (self->item_id == 0)
    return;
  rows = cairn_store_list_item_history (self->store, self->item_id, 100, NULL);
  for (guint i = 0; rows && i < rows->len; i++)
    gtk_list_box_append (self->history_list, history_row (self, rows->pdata[i]));
}

static void
show_current (CairnReviewWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = self->item_id ? cairn_store_get_item (self->store, self->item_id,
                                                                    NULL) : NULL;
  const CairnReviewEntry *e = find_entry (self, self->item_id, NULL);
  g_autofree char *title = item ? cairn_item_dup_title (item) : NULL;
  g_autofree char *heading = NULL, *reason = NULL;
  gboolean can = cairn_role_can_review (cairn_team_get_role (
    self->store, cairn_edit_stack_get_annotator (self->stack)));

  if (item == NULL)
    self->item_id = 0;
  heading = item ? g_strdup_printf ("%" G_GINT64_FORMAT " · %s", item->id, title)
                 : g_strdup (_("The review queue is empty"));
  gtk_label_set_label (self->item_title, heading);
  if (e)
    {
      /* A re-check's comment is its flag's detail: said once. */
      gboolean comment = e->comment && g_strcmp0 (e->comment, e->detail) != 0;

      reason = g_strdup_printf ("%s · %s%s%s%s%s", cairn_review_state_display_name (e->state),
                                e->reasons, e->detail ? ": " : "", e->detail ? e->detail : "",
                                comment ? " — " : "", comment ? e->comment : "");
    }
  else if (item)
    reason = g_strdup (_("Not in the review queue"));
  gtk_label_set_label (self->reason_label, reason ? reason : "");
  if (!cairn_review_compare_set_item (self->compare, self->store, item, &error))
    gtk_label_set_label (self->status_label, error->message);
  fill_toggles (self);
  fill_history (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.accept", can && item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject", can && item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.recheck", can && item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.open-item", item != NULL);
  if (!can)
    gtk_label_set_label (self->status_label,
                         _("Only reviewers and admins accept or reject; you can look and "
                           "restore."));
}

static void
on_row_selected_cb (GtkListBox        *box,
                    GtkListBoxRow     *row,
                    CairnReviewWindow *self)
{
  if (self->choosing || row == NULL)
    return;
  self->item_id = row_item (row);
  show_current (self);
}

static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnReviewWindow      *self)
{
  refresh_queue (self);
  show_current (self);
}

/* The next open entry after the shown one (wrapping), or the shown one when none. */
static gint64
next_open (CairnReviewWindow *self, int step)
{
  guint index = 0, n = self->queue ? self->queue->len : 0;
  gboolean found = find_entry (self, self->item_id, &index) != NULL;

  for (guint k = 1; k <= n; k++)
    {
      int i = found ? ((int) index + step * (int) k) % (int) n : step > 0 ? (int) k - 1
                                                                         : (int) (n - k);
      CairnReviewEntry *e;

      if (i < 0)
        i += (int) n;
      e = self->queue->pdata[i];

      if (e->state != CAIRN_REVIEW_ACCEPTED && e->state != CAIRN_REVIEW_REJECTED)
        return e->item_id;
    }
  return self->item_id;
}

static void
decide (CairnReviewWindow *self, CairnReviewState state)
{
  g_autoptr(GError) error = NULL;
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  gint64 decided = self->item_id;
  g_autofree char *done = NULL;

  if (!cairn_review_set (self->stack, decided, state, *comment ? comment : NULL, &error))
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, decided);

    /* Translators: "Item 12: Accepted". */
    done = g_strdup_printf (_("Item %s: %s"), id, cairn_review_state_display_name (state));
  }
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  refresh_queue (self);
  cairn_review_window_show_item (self, next_open (self, 1));
  gtk_label_set_label (self->status_label, done);
}

static void
decision_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CairnReviewWindow *self = CAIRN_REVIEW_WINDOW (widget);

  decide (self, g_str_equal (action_name, "review.accept") ? CAIRN_REVIEW_ACCEPTED
                : g_str_equal (action_name, "review.reject") ? CAIRN_REVIEW_REJECTED
                                                              : CAIRN_REVIEW_RECHECK);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnReviewWindow *self = CAIRN_REVIEW_WINDOW (widget);
  int step = g_str_equal (action_name, "review.next") ? 1 : -1;
  guint index = 0, n = self->queue ? self->queue->len : 0;

  if (n == 0)
    return;
  if (find_entry (self, self->item_id, &index))
    index = (index + n + (guint) step) % n;
  cairn_review_window_show_item (self, ((CairnReviewEntry *) self->queue->pdata[index])->item_id);
}

static void
open_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnReviewWindow *self = CAIRN_REVIEW_WINDOW (widget);

  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, self->item_id);
}

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CairnReviewWindow *self = CAIRN_REVIEW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = cairn_history_restore_edit (self->store,
                                                          g_variant_get_int64 (parameter), &error);

  if (edit == NULL || !cairn_edit_stack_push (self->stack, edit, &error))
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  gtk_label_set_label (self->status_label, _("Restored. Undo takes it back."));
}

static void
cairn_review_window_dispose (GObject *object)
{
  CairnReviewWindow *self = CAIRN_REVIEW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_REVIEW_WINDOW);
  g_clear_object (&self->stack);
  g_clear_object (&self->store);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  G_OBJECT_CLASS (cairn_review_window_parent_class)->dispose (object);
}

static void
cairn_review_window_class_init (CairnReviewWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_review_window_dispose;
  g_type_ensure (CAIRN_TYPE_REVIEW_COMPARE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, queue_title);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, queue_list);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, item_title);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, toggles_box);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, compare);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CairnReviewWindow, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_install_action (widget_class, "review.accept", NULL, decision_activated);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, decision_activated);
  gtk_widget_class_install_action (widget_class, "review.recheck", NULL, decision_activated);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "review.open-item", NULL, open_item_activated);
  gtk_widget_class_install_action (widget_class, "review.restore", "x", restore_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* The item the reviewer wants to re-label in the main window. */
  signals[SIGNAL_ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cairn_review_window_init (CairnReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CairnReviewWindow *
cairn_review_window_new (GtkWindow      *parent,
                         CairnEditStack *stack)
{
  CairnReviewWindow *self;

  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (stack), NULL);
  self = g_object_new (CAIRN_TYPE_REVIEW_WINDOW, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->stack = g_object_ref (stack);
  self->store = g_object_ref (cairn_edit_stack_get_store (stack));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  refresh_queue (self);
  cairn_review_window_show_item (self, next_open (self, 1));
  return self;
}

gboolean
cairn_review_window_show_item (CairnReviewWindow *self,
                               gint64             item_id)
{
  guint index;

  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), FALSE);
  self->item_id = item_id;
  self->choosing = TRUE;
  if (find_entry (self, item_id, &index))
    gtk_list_box_select_row (self->queue_list,
                             gtk_list_box_get_row_at_index (self->queue_list, (int) index));
  else
    gtk_list_box_unselect_all (self->queue_list);
  self->choosing = FALSE;
  show_current (self);
  return self->item_id == item_id;
}

gint64
cairn_review_window_get_item (CairnReviewWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), 0);
  return self->item_id;
}

GPtrArray *
cairn_review_window_get_queue (CairnReviewWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), NULL);
  return self->queue;
}

GtkWidget *
cairn_review_window_get_compare (CairnReviewWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), NULL);
  return GTK_WIDGET (self->compare);
}

const char *
cairn_review_window_get_status (CairnReviewWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), NULL);
  return gtk_label_get_label (self->status_label);
}

CairnEditStack *
cairn_review_window_get_stack (CairnReviewWindow *self)
{
  g_return_val_if_fail (CAIRN_IS_REVIEW_WINDOW (self), NULL);
  return self->stack;
}
