#pragma once

#include "edit/cairn-edit.h"
#include "cairn-team.h"

G_BEGIN_DECLS

/* The annotation as a history row left it (after an insert or update; before a delete),
 * with its id; NULL when the row is not about an annotation or does not parse. */
CairnAnnotation *cairn_history_version     (CairnStore              *store,
                                            const CairnHistoryEntry *entry,
                                            GError                 **error);

/* The edit that brings an annotation back to the version a history row recorded: a change
 * of the live annotation, or bringing a deleted one back. Push it on a stack: it is undone
 * like any other. NOTHING-like errors (CAIRN_TEAM_ERROR_INVALID) when it is already so. */
CairnEdit       *cairn_history_restore_edit (CairnStore *store,
                                             gint64      history_id,
                                             GError    **error);

/* "update annotation 12 (box “car”)", for lists. */
char            *cairn_history_describe    (CairnStore              *store,
                                            const CairnHistoryEntry *entry);

G_END_DECLS
