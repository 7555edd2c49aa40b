#pragma once

#include "store/cairn-store-team.h"

G_BEGIN_DECLS

/* Teams (issue 14): roles, assignments, task packages, merging, review, history. */

#define CAIRN_TEAM_ERROR (cairn_team_error_quark ())
GQuark cairn_team_error_quark (void);

typedef enum
{
  CAIRN_TEAM_ERROR_FAILED,
  CAIRN_TEAM_ERROR_INVALID,    /* bad arguments: no annotators, overlap out of range... */
  CAIRN_TEAM_ERROR_FOREIGN,    /* a package made from another project */
  CAIRN_TEAM_ERROR_ROLE,       /* the role does not allow it */
} CairnTeamError;

typedef enum
{
  CAIRN_ROLE_NONE,             /* nobody in particular (scripts): everything allowed */
  CAIRN_ROLE_ANNOTATOR,
  CAIRN_ROLE_REVIEWER,
  CAIRN_ROLE_ADMIN,
} CairnRole;

/* What the window and the CLI ask before offering an action. */
CairnRole   cairn_team_get_role        (CairnStore *store,
                                        gint64      annotator_id);
CairnRole   cairn_role_from_string     (const char *name);
gboolean    cairn_role_can_review      (CairnRole role);
/* Schema (labels), guideline and plan editing. */
gboolean    cairn_role_can_administer  (CairnRole role);

/* What merging compares: the annotation as content, with its label by name and relation
 * ends by identity (ids differ between files), without ids, owner or times. SHA-256 hex. */
char       *cairn_team_digest          (CairnStore            *store,
                                        const CairnAnnotation *annotation,
                                        GError               **error);
/* The package_base key of an item's state. */
char       *cairn_team_item_key        (gint64 item_id);

G_END_DECLS
