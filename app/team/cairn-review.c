#define G_LOG_DOMAIN "cairn-team"

#include <glib/gi18n-lib.h>

#include "quality/cairn-cleanse.h"
#include "quality/cairn-quality-report.h"
#include "cairn-review.h"

static const char *const state_names[CAIRN_N_REVIEW_STATES] = {
  "to-do", "in-review", "accepted", "rejected", "recheck",
};

const char *
cairn_review_state_to_string (CairnReviewState state)
{
  return state < CAIRN_N_REVIEW_STATES ? state_names[state] : "to-do";
}

gboolean
cairn_review_state_from_string (const char       *name,
                                CairnReviewState *state)
{
  for (guint i = 0; name && i < CAIRN_N_REVIEW_STATES; i++)
    if (g_str_equal (name, state_names[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_review_state_display_name (CairnReviewState state)
{
  switch (state)
    {
    case CAIRN_REVIEW_TODO: return _("To do");
    case CAIRN_REVIEW_IN_REVIEW: return _("In review");
    case CAIRN_REVIEW_ACCEPTED: return _("Accepted");
    case CAIRN_REVIEW_REJECTED: return _("Rejected");
    case CAIRN_REVIEW_RECHECK: return _("Needs re-check");
    case CAIRN_N_REVIEW_STATES:
    default: return "";
    }
}

void
cairn_review_entry_free (CairnReviewEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->reasons);
  g_free (self->detail);
  g_free (self->comment);
  g_free (self);
}

/* What the queue knows of one item while it is being built. */
typedef struct
{
  GPtrArray *open;      /* reasons (static strings from the flags array), distinct */
  GPtrArray *resolved;
  char      *detail;
  char      *comment;
} Gathered;

static void
gathered_free (gpointer data)
{
  Gathered *g = data;

  g_ptr_array_unref (g->open);
  g_ptr_array_unref (g->resolved);
  g_free (g->detail);
  g_free (g->comment);
  g_free (g);
}

static Gathered *
gathered_for (GHashTable *items, gint64 item_id)
{
  Gathered *g = g_hash_table_lookup (items, &item_id);

  if (g == NULL)
    {
      g = g_new0 (Gathered, 1);
      g->open = g_ptr_array_new_with_free_func (g_free);
      g->resolved = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (items, g_memdup2 (&item_id, sizeof item_id), g);
    }
  return g;
}

static void
add_reason (GPtrArray *list, const char *reason)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], reason))
      return;
  g_ptr_array_add (list, g_strdup (reason));
}

static gboolean
gather (CairnStore *store, GHashTable *items, GError **error)
{
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
  CairnItemFilter in_review = CAIRN_ITEM_FILTER_ANY;
  g_autoptr(GPtrArray) flags = NULL, reviews = NULL;
  g_autoptr(GArray) ids = NULL;

  filter.include_resolved = TRUE;
  in_review.state = CAIRN_STATE_REVIEW;
  if ((flags = cairn_store_list_flags (store, &filter, error)) == NULL
      || (reviews = cairn_store_list_reviews (store, 0, error)) == NULL
      || (ids = cairn_store_list_item_ids (store, &in_review, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < flags->len; i++)
    {
      CairnFlag *f = flags->pdata[i];
      Gathered *g = gathered_for (items, f->item_id);

      add_reason (f->resolved ? g->resolved : g->open, f->reason);
      if (!f->resolved && g->detail == NULL && f->detail)
        g->detail = g_strdup (f->detail);
    }
  for (guint i = 0; i < reviews->len; i++)
    {
      CairnReview *r = reviews->pdata[i];
      Gathered *g = gathered_for (items, r->item_id);

      g_free (g->comment);
      g->comment = g_strdup (r->comment);
    }
  for (guint i = 0; i < ids->len; i++)
    gathered_for (items, g_array_index (ids, gint64, i));
  return TRUE;
}

static CairnReviewState
derive_state (const CairnItem *item, const Gathered *g)
{
  for (guint i = 0; i < g->open->len; i++)
    if (g_str_equal (g->open->pdata[i], "recheck"))
      return CAIRN_REVIEW_RECHECK;
  switch (item->state)
    {
    case CAIRN_STATE_ACCEPTED: return CAIRN_REVIEW_ACCEPTED;
    case CAIRN_STATE_REJECTED: return CAIRN_REVIEW_REJECTED;
    case CAIRN_STATE_REVIEW: return CAIRN_REVIEW_IN_REVIEW;
    case CAIRN_STATE_NEW:
    case CAIRN_STATE_IN_PROGRESS:
    case CAIRN_STATE_DONE:
    case CAIRN_N_STATES:
    default: return CAIRN_REVIEW_TODO;
    }
}

typedef struct
{
  GHashTable *items;
  gint        state;
  const char *reason;
  GPtrArray  *out;
} Build;

static gboolean
build_entry_cb (const CairnItem *item, gpointer user_data)
{
  Build *b = user_data;
  Gathered *g = g_hash_table_lookup (b->items, &item->id);
  const char *cleansed = json_object_get_string_member_with_default (item->meta,
                                                                     CAIRN_QUALITY_REASON_KEY, NULL);
  GPtrArray *reasons = g->open->len ? g->open : g->resolved;
  g_autoptr(GString) joined = g_string_new (NULL);
  CairnReviewEntry *e;
  gboolean match = b->reason == NULL;

  /* Cleansing says why in the item's meta ("rules: ..." or a model's name). */
  if (cleansed && item->state == CAIRN_STATE_REVIEW)
    add_reason (reasons, g_str_has_prefix (cleansed, "rules:") ? "rule" : "label-error");
  for (guint i = 0; i < reasons->len; i++)
    {
      g_string_append_printf (joined, "%s%s", i ? ", " : "", (char *) reasons->pdata[i]);
      match = match || g_str_equal (reasons->pdata[i], b->reason);
    }
  if (!match || (b->state >= 0 && (gint) derive_state (item, g) != b->state))
    return TRUE;
  e = g_new0 (CairnReviewEntry, 1);
  e->item_id = item->id;
  e->state = derive_state (item, g);
  e->reasons = g_string_free (g_steal_pointer (&joined), FALSE);
  e->detail = g_strdup (g->detail ? g->detail : cleansed);
  e->comment = g_strdup (g->comment);
  g_ptr_array_add (b->out, e);
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GPtrArray *
cairn_review_list (CairnStore  *store,
                   gint         state,
                   const char  *reason,
                   GError     **error)
{
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       gathered_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_review_entry_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Build b = { items, state, reason, out };
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CAIRN_IS_STORE (store), NULL);
  if (!gather (store, items, error))
    return NULL;
  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);
  if (!cairn_store_foreach_item (store, ids, build_entry_cb, &b, error))
    return NULL;
  return g_steal_pointer (&out);
}

CairnReviewEntry *
cairn_review_get (CairnStore  *store,
                  gint64       item_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) all = cairn_review_list (store, -1, NULL, error);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (((CairnReviewEntry *) all->pdata[i])->item_id == item_id)
      return g_ptr_array_steal_index (all, i);
  return NULL;
}

static CairnItemState
item_state_for (CairnReviewState state, CairnItemState current)
{
  switch (state)
    {
    case CAIRN_REVIEW_ACCEPTED: return CAIRN_STATE_ACCEPTED;
    case CAIRN_REVIEW_REJECTED: return CAIRN_STATE_REJECTED;
    case CAIRN_REVIEW_IN_REVIEW:
    case CAIRN_REVIEW_RECHECK: return CAIRN_STATE_REVIEW;
    case CAIRN_REVIEW_TODO:
    case CAIRN_N_REVIEW_STATES:
    default: return current == CAIRN_STATE_REVIEW ? CAIRN_STATE_DONE : current;
    }
}

static gboolean
decide (CairnEditStack *stack, CairnItem *item, CairnReviewState state, const char *comment,
        GError **error)
{
  CairnStore *store = cairn_edit_stack_get_store (stack);
  CairnItemState target = item_state_for (state, item->state);
  gint64 actor = cairn_store_get_actor (store);
  gboolean ok = TRUE;

  /* The state edit resolves the item's flags (undo reopens them); deciding again what stands
   * resolves what was flagged since, for good. */
  if (target != item->state)
    {
      g_autoptr(CairnEdit) edit = cairn_edit_new_item_state (item, target);
      ok = cairn_edit_stack_push (stack, edit, error);
    }
  else if (state == CAIRN_REVIEW_ACCEPTED || state == CAIRN_REVIEW_REJECTED)
    ok = cairn_store_resolve_flags (store, item->id, 0, NULL, NULL, error);
  if (ok && state == CAIRN_REVIEW_RECHECK)
    ok = cairn_store_add_flag (store, item->id, 0, "recheck",
                               comment ? comment : _("Sent back by a reviewer"), error) != 0;
  cairn_store_set_actor (store, cairn_edit_stack_get_annotator (stack));
  ok = ok && cairn_store_add_review (store, item->id, cairn_review_state_to_string (state),
                                     comment, error) != 0;
  cairn_store_set_actor (store, actor);
  return ok;
}

gboolean
cairn_review_set (CairnEditStack   *stack,
                  gint64            item_id,
                  CairnReviewState  state,
                  const char       *comment,
                  GError          **error)
{
  CairnStore *store;
  g_autoptr(CairnItem) item = NULL;

  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (stack) && state < CAIRN_N_REVIEW_STATES, FALSE);
  store = cairn_edit_stack_get_store (stack);
  if (!cairn_role_can_review (cairn_team_get_role (store, cairn_edit_stack_get_annotator (stack))))
    {
      g_set_error_literal (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_ROLE,
                           _("Only reviewers and admins make review decisions."));
      return FALSE;
    }
  if ((item = cairn_store_get_item (store, item_id, error)) == NULL)
    return FALSE;
  /* Decision, flags and comment together or not at all. */
  if (!cairn_store_begin (store, error))
    return FALSE;
  if (!decide (stack, item, state, comment, error))
    {
      cairn_store_rollback (store);
      return FALSE;
    }
  return cairn_store_commit (store, error);
}
