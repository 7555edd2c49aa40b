#pragma once

#include "edit/cairn-edit-stack.h"
#include "cairn-team.h"

G_BEGIN_DECLS

/* Where an item stands in the review queue. Derived from the item's state and its open
 * flags, so the queue never disagrees with the item list. */
typedef enum
{
  CAIRN_REVIEW_TODO,       /* flagged, not looked at */
  CAIRN_REVIEW_IN_REVIEW,  /* item state review (cleansing puts suspected errors there) */
  CAIRN_REVIEW_ACCEPTED,   /* locked for annotators */
  CAIRN_REVIEW_REJECTED,   /* back in its annotator's queue */
  CAIRN_REVIEW_RECHECK,    /* an open "recheck" flag: the guideline changed, or sent back */
  CAIRN_N_REVIEW_STATES
} CairnReviewState;

const char *cairn_review_state_to_string    (CairnReviewState state);
gboolean    cairn_review_state_from_string  (const char       *name,
                                             CairnReviewState *state);
/* Translated, for the window. */
const char *cairn_review_state_display_name (CairnReviewState state);

typedef struct
{
  gint64            item_id;
  CairnReviewState  state;
  char             *reasons;  /* distinct reasons, "recheck, conflict" */
  char             *detail;   /* what the first open flag (or cleansing) says; may be NULL */
  char             *comment;  /* the last review's comment, or NULL */
} CairnReviewEntry;

void cairn_review_entry_free (CairnReviewEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnReviewEntry, cairn_review_entry_free)

/* The queue in item order: every item with a flag, in state review, or reviewed before.
 * state −1 and reason NULL: all. Cleansing's reasons are "label-error" and "rule". */
GPtrArray  *cairn_review_list               (CairnStore  *store,
                                             gint         state,
                                             const char  *reason,
                                             GError     **error);
CairnReviewEntry *cairn_review_get          (CairnStore  *store,
                                             gint64       item_id,
                                             GError     **error);

/* A reviewer's decision as the stack's edit (the item's state; Undo takes it back) with its
 * comment recorded. Accepting or rejecting resolves the item's open flags; recheck opens a
 * "recheck" flag and puts the item back in review. Refused (CAIRN_TEAM_ERROR_ROLE) for a
 * plain annotator. */
gboolean    cairn_review_set                (CairnEditStack   *stack,
                                             gint64            item_id,
                                             CairnReviewState  state,
                                             const char       *comment,
                                             GError          **error);

G_END_DECLS
