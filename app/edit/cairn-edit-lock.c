#define G_LOG_DOMAIN "cairn-edit"

/* Roles (issue 14): what an annotator's role lets an edit do. Reviewers and admins may do
 * anything; an annotator changes no accepted item and makes no review decision. */
#include <glib/gi18n-lib.h>

#include "cairn-edit.h"
#include "store/cairn-store-team.h"

static gboolean
item_is_accepted (CairnStore *store, gint64 item_id, GError **error)
{
  CairnItemState state;

  return cairn_store_get_item_state (store, item_id, &state, error)
         && state == CAIRN_STATE_ACCEPTED;
}

gboolean
cairn_edit_check_role (CairnEdit  *self,
                       CairnStore *store,
                       gint64      annotator_id,
                       gboolean    undoing,
                       GError    **error)
{
  g_autofree char *role = NULL;

  g_return_val_if_fail (CAIRN_IS_EDIT (self) && CAIRN_IS_STORE (store), FALSE);
  if (annotator_id == 0 || (role = cairn_store_dup_annotator_role (store, annotator_id)) == NULL
      || !g_str_equal (role, "annotator"))
    return TRUE;
  for (guint n = 0; n < cairn_edit_get_n_changes (self); n++)
    {
      gint64 item_id = cairn_edit_get_item_id (self, n);
      gint state = cairn_edit_get_item_state (self, n);
      g_autoptr(GError) local = NULL;

      if (!undoing && (state == CAIRN_STATE_ACCEPTED || state == CAIRN_STATE_REJECTED))
        {
          g_set_error_literal (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_LOCKED,
                               _("Only reviewers accept or reject items."));
          return FALSE;
        }
      if (item_id == 0)
        continue;
      if (item_is_accepted (store, item_id, &local))
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);

          /* Translators: %s is the item's number. */
          g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_LOCKED,
                       _("Item %s is accepted and locked; a reviewer can reopen it."), id);
          return FALSE;
        }
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}
