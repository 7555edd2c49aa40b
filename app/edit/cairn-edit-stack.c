#define G_LOG_DOMAIN "cairn-edit"

#include <glib/gi18n-lib.h>

#include "cairn-edit-stack.h"

struct _CairnEditStack
{
  GObject     parent_instance;
  CairnStore *store;
  gint64      annotator_id;

  /* What undo and redo would take, read from the log when first asked. */
  gboolean    known;
  CairnEdit  *next_undo;
  CairnEdit  *next_redo;
};

G_DEFINE_FINAL_TYPE (CairnEditStack, cairn_edit_stack, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CairnEdit *
read_next (CairnEditStack *self, CairnEditState state, gint64 *id, GError **error)
{
  g_autoptr(CairnEditRecord) record = cairn_store_next_edit (self->store, self->annotator_id,
                                                             state, error);
  CairnEdit *edit;

  if (record == NULL)
    {
      if (error != NULL && g_error_matches (*error, CAIRN_STORE_ERROR,
                                            CAIRN_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (error);
          g_set_error_literal (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_NOTHING,
                               state == CAIRN_EDIT_DONE ? _("Nothing to undo")
                                                        : _("Nothing to redo"));
        }
      return NULL;
    }
  edit = cairn_edit_new_from_json (record->body, error);
  if (edit != NULL && id != NULL)
    *id = record->id;
  return edit;
}

static void
refresh (CairnEditStack *self)
{
  if (self->known)
    return;
  g_clear_object (&self->next_undo);
  g_clear_object (&self->next_redo);
  self->next_undo = read_next (self, CAIRN_EDIT_DONE, NULL, NULL);
  self->next_redo = read_next (self, CAIRN_EDIT_UNDONE, NULL, NULL);
  self->known = TRUE;
}

/* Once per change of what is known: a push's own commit tells the store's listeners, and
 * this stack among them, before the push returns. */
static void
forget (CairnEditStack *self)
{
  if (!self->known)
    return;
  self->known = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Another window (or a batch fix) may have written to the log. */
static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnEditStack         *self)
{
  forget (self);
}

/* The body runs in one transaction whose history rows name the edit. */
static gboolean
in_transaction (CairnEditStack *self,
                gint64          edit_id,
                gboolean      (*body) (CairnEditStack *self, CairnEdit *edit, gint64 *edit_id,
                                       GError **error),
                CairnEdit      *edit,
                GError        **error)
{
  gint64 actor = cairn_store_get_actor (self->store);
  gboolean ok;

  if (!cairn_store_begin (self->store, error))
    return FALSE;
  cairn_store_set_actor (self->store, self->annotator_id);
  cairn_store_set_edit_id (self->store, edit_id);
  ok = body (self, edit, &edit_id, error);
  cairn_store_set_edit_id (self->store, 0);
  cairn_store_set_actor (self->store, actor);
  if (!ok)
    {
      cairn_store_rollback (self->store);
      return FALSE;
    }
  return cairn_store_commit (self->store, error);
}

static gboolean
push_body (CairnEditStack *self, CairnEdit *edit, gint64 *edit_id, GError **error)
{
  g_autofree char *body = NULL;

  /* The row first, so the history rows the edit writes can name it. */
  *edit_id = cairn_store_add_edit (self->store, self->annotator_id, "{}", error);
  if (*edit_id == 0)
    return FALSE;
  cairn_store_set_edit_id (self->store, *edit_id);
  /* What a person saves is saved under the guideline they see now. */
  cairn_edit_stamp_guideline (edit, cairn_store_get_guideline_version (self->store));
  if (!cairn_edit_apply (edit, self->store, error))
    return FALSE;
  /* Written after applying: creations now know their ids. */
  body = cairn_edit_to_json (edit);
  return cairn_store_update_edit (self->store, *edit_id, CAIRN_EDIT_DONE, body, error)
         && cairn_store_drop_redo (self->store, self->annotator_id, error);
}

static gboolean
undo_body (CairnEditStack *self, CairnEdit *edit, gint64 *edit_id, GError **error)
{
  return cairn_edit_revert (edit, self->store, error)
         && cairn_store_update_edit (self->store, *edit_id, CAIRN_EDIT_UNDONE, NULL, error);
}

static gboolean
redo_body (CairnEditStack *self, CairnEdit *edit, gint64 *edit_id, GError **error)
{
  return cairn_edit_apply (edit, self->store, error)
         && cairn_store_update_edit (self->store, *edit_id, CAIRN_EDIT_DONE, NULL, error);
}

static void
cairn_edit_stack_dispose (GObject *object)
{
  CairnEditStack *self = CAIRN_EDIT_STACK (object);

  g_clear_object (&self->next_undo);
  g_clear_object (&self->next_redo);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_edit_stack_parent_class)->dispose (object);
}

static void
cairn_edit_stack_class_init (CairnEditStackClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_edit_stack_dispose;

  /* What undo or redo would do may have changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cairn_edit_stack_init (CairnEditStack *self)
{
}

CairnEditStack *
cairn_edit_stack_new (CairnStore *store,
                      gint64      annotator_id)
{
  CairnEditStack *self;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  self = g_object_new (CAIRN_TYPE_EDIT_STACK, NULL);
  self->store = g_object_ref (store);
  self->annotator_id = annotator_id;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  return self;
}

CairnStore *
cairn_edit_stack_get_store (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), NULL);
  return self->store;
}

gint64
cairn_edit_stack_get_annotator (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), 0);
  return self->annotator_id;
}

gboolean
cairn_edit_stack_push (CairnEditStack *self,
                       CairnEdit      *edit,
                       GError        **error)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), FALSE);
  g_return_val_if_fail (CAIRN_IS_EDIT (edit) && cairn_edit_get_n_changes (edit) > 0, FALSE);
  /* The commit's store change has told the listeners (on_store_changed_cb). */
  return in_transaction (self, 0, push_body, edit, error);
}

static gboolean
take (CairnEditStack *self,
      CairnEditState  state,
      gboolean      (*body) (CairnEditStack *, CairnEdit *, gint64 *, GError **),
      GError        **error)
{
  gint64 id = 0;
  g_autoptr(CairnEdit) edit = read_next (self, state, &id, error);

  if (edit == NULL)
    return FALSE;
  return in_transaction (self, id, body, edit, error);
}

gboolean
cairn_edit_stack_undo (CairnEditStack *self,
                       GError        **error)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), FALSE);
  return take (self, CAIRN_EDIT_DONE, undo_body, error);
}

gboolean
cairn_edit_stack_redo (CairnEditStack *self,
                       GError        **error)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), FALSE);
  return take (self, CAIRN_EDIT_UNDONE, redo_body, error);
}

gboolean
cairn_edit_stack_can_undo (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), FALSE);
  refresh (self);
  return self->next_undo != NULL;
}

gboolean
cairn_edit_stack_can_redo (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), FALSE);
  refresh (self);
  return self->next_redo != NULL;
}

char *
cairn_edit_stack_dup_undo_title (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), NULL);
  refresh (self);
  return self->next_undo ? cairn_edit_dup_title (self->next_undo) : NULL;
}

char *
cairn_edit_stack_dup_redo_title (CairnEditStack *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (self), NULL);
  refresh (self);
  return self->next_redo ? cairn_edit_dup_title (self->next_redo) : NULL;
}
