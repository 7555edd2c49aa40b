#pragma once

#include "cairn-edit.h"

G_BEGIN_DECLS

typedef struct _CairnEditMaskPatch CairnEditMaskPatch;

/* One row change of an edit. An item state change has no annotation and no label; a label
 * row change (cairn-edit-labels.c) has label_before and/or label_after. */
typedef struct
{
  gint64           item_id;      /* an item state change when nothing else is set */
  CairnItemState   state_before;
  CairnItemState   state_after;
  CairnAnnotation *before;       /* NULL: the change creates it */
  CairnAnnotation *after;        /* NULL: the change deletes it */
  CairnLabel      *label_before; /* NULL: the change creates the label */
  CairnLabel      *label_after;  /* NULL: the change removes it */
  char            *anchor_before;  /* the label's guideline anchor on either side */
  char            *anchor_after;
  CairnEditMaskPatch *patch;     /* read from the log: before and after hold only the
                                  * rectangle of the mask the change touched */
} CairnEditChange;

gboolean  cairn_edit_change_is_label    (const CairnEditChange *c);
void      cairn_edit_change_clear_label (CairnEditChange       *c);
gboolean  cairn_edit_apply_label        (CairnEdit             *self,
                                         CairnStore            *store,
                                         CairnEditChange       *c,
                                         GError               **error);
gboolean  cairn_edit_revert_label       (CairnEdit             *self,
                                         CairnStore            *store,
                                         CairnEditChange       *c,
                                         GError               **error);
void      cairn_edit_label_to_json      (JsonBuilder           *b,
                                         const CairnEditChange *c);
/* TRUE when o was a label change (read into c, or failed: *ok FALSE). */
gboolean  cairn_edit_label_from_json    (JsonObject            *o,
                                         CairnEditChange       *c,
                                         gboolean              *ok);
void      cairn_edit_add_change         (CairnEdit             *self,
                                         CairnEditChange       *c);
/* The n-th change, or NULL. */
const CairnEditChange *cairn_edit_get_change (CairnEdit         *self,
                                              guint              n);
/* The "conflict" error for a row no longer as the edit left it. */
gboolean  cairn_edit_conflict           (CairnEdit             *self,
                                         CairnStore            *store,
                                         gboolean               undoing,
                                         const char            *target,
                                         gint64                 row_id,
                                         GError               **error);

/* The guideline re-check (cairn-edit-recheck.c): an applied edit resolves the open "recheck"
 * flags of the annotations it leaves under the current guideline version, and remembers
 * which, so undo reopens them. */
gboolean  cairn_edit_resolve_rechecks   (CairnEdit             *self,
                                         CairnStore            *store,
                                         GArray                *flags,
                                         GError               **error);
gboolean  cairn_edit_reopen_rechecks    (CairnStore            *store,
                                         GArray                *flags,
                                         GError               **error);

/* Masks changed in place (cairn-edit-mask.c). to_json: FALSE when the change is not a mask
 * changed in part (written whole, then). from_json: FALSE for a "patch" that does not fit. */
void      cairn_edit_mask_patch_free    (CairnEditMaskPatch    *patch);
gboolean  cairn_edit_mask_patch_to_json (JsonBuilder           *b,
                                         const CairnEditChange *c);
gboolean  cairn_edit_mask_patch_from_json (JsonObject          *o,
                                           CairnEditChange     *c);
/* Redoes (undoing FALSE) or undoes the change on the mask the row holds. */
gboolean  cairn_edit_mask_patch_apply   (CairnEdit             *self,
                                         CairnStore            *store,
                                         CairnEditChange       *c,
                                         gboolean               undoing,
                                         GError               **error);

G_END_DECLS
