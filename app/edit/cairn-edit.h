#pragma once

#include "store/cairn-store.h"

G_BEGIN_DECLS

#define CAIRN_EDIT_ERROR (cairn_edit_error_quark ())
GQuark cairn_edit_error_quark (void);

typedef enum
{
  CAIRN_EDIT_ERROR_FAILED,
  CAIRN_EDIT_ERROR_NOTHING,    /* nothing to undo or redo */
  CAIRN_EDIT_ERROR_CONFLICT,   /* someone changed what the edit touched since */
  CAIRN_EDIT_ERROR_INVALID,    /* an edit log row that does not parse */
  CAIRN_EDIT_ERROR_LOCKED,     /* an accepted item, or a decision the role may not make */
} CairnEditError;

/* What a person did, named for the Edit menu ("Undo Move Polygon"). The verb is kept in the
 * project file and translated when shown. */
typedef enum
{
  CAIRN_EDIT_VERB_DRAW,
  CAIRN_EDIT_VERB_MOVE,
  CAIRN_EDIT_VERB_RESIZE,
  CAIRN_EDIT_VERB_RESHAPE,
  CAIRN_EDIT_VERB_DELETE,
  CAIRN_EDIT_VERB_RELABEL,
  CAIRN_EDIT_VERB_CHANGE,      /* attributes, text */
  CAIRN_EDIT_VERB_ITEM_STATE,
  CAIRN_EDIT_VERB_BATCH,
  CAIRN_EDIT_VERB_PASTE,
  CAIRN_EDIT_VERB_ROTATE,
  CAIRN_EDIT_VERB_PAINT,       /* a brush stroke on a mask */
  CAIRN_EDIT_VERB_ERASE,       /* an eraser stroke */
  CAIRN_EDIT_VERB_FILL,        /* a flood fill, the wand, superpixels added or taken */
  CAIRN_EDIT_VERB_CONVERT,     /* polygon → mask, mask → polygon */
  CAIRN_EDIT_VERB_SPLIT,       /* a segment in two at the play head */
  CAIRN_EDIT_VERB_MERGE,       /* two segments as one */
  CAIRN_EDIT_VERB_CONFIRM,       /* re-saved as it is, under the current guideline */
  CAIRN_EDIT_VERB_RENAME_LABEL,  /* a label row (cairn-edit-labels.c) */
  CAIRN_EDIT_VERB_MERGE_LABELS,  /* every annotation of one label to another, which goes */
  CAIRN_EDIT_VERB_SCHEMA,        /* labels added or changed by a schema import */
  CAIRN_EDIT_VERB_MERGE_PACKAGE, /* a task package brought back (app/team/) */
  CAIRN_EDIT_VERB_ARRANGE,     /* raised or lowered (z-order) */
  CAIRN_N_EDIT_VERBS
} CairnEditVerb;

/* One edit: a list of row changes applied in one store transaction, undone in reverse. An
 * annotation change with no before creates it, with no after deletes it (softly, so undo
 * brings back the same id). */
#define CAIRN_TYPE_EDIT (cairn_edit_get_type ())
G_DECLARE_FINAL_TYPE (CairnEdit, cairn_edit, CAIRN, EDIT, GObject)

CairnEdit  *cairn_edit_new                (CairnEditVerb           verb,
                                           CairnKind               subject);
CairnEdit  *cairn_edit_new_create         (const CairnAnnotation  *annotation);
CairnEdit  *cairn_edit_new_delete         (const CairnAnnotation  *annotation);
CairnEdit  *cairn_edit_new_change         (CairnEditVerb           verb,
                                           const CairnAnnotation  *before,
                                           const CairnAnnotation  *after);
CairnEdit  *cairn_edit_new_item_state     (const CairnItem        *item,
                                           CairnItemState          state);

/* Every annotation the edit writes is made (or re-saved) under this guideline version: the
 * stack stamps a pushed edit with the current one, which clears their "recheck" flags. */
void        cairn_edit_stamp_guideline    (CairnEdit              *self,
                                           gint                    version);

/* before, after: copied; NULL for a creation or a deletion. */
void        cairn_edit_add_annotation     (CairnEdit              *self,
                                           const CairnAnnotation  *before,
                                           const CairnAnnotation  *after);
void        cairn_edit_add_item_state     (CairnEdit              *self,
                                           gint64                  item_id,
                                           CairnItemState          before,
                                           CairnItemState          after);

CairnEditVerb cairn_edit_get_verb         (CairnEdit *self);
/* The kind of annotation the edit is about (its title's noun). */
CairnKind     cairn_edit_get_subject      (CairnEdit *self);
guint       cairn_edit_get_n_changes      (CairnEdit *self);
/* The annotation the n-th change is about (its new id once a creation is applied), or 0. */
gint64      cairn_edit_get_annotation_id  (CairnEdit *self,
                                           guint      n);
/* The item the n-th change is about, or 0. */
gint64      cairn_edit_get_item_id        (CairnEdit *self,
                                           guint      n);
/* The state the n-th change sets when it is an item state change, else -1. */
gint        cairn_edit_get_item_state     (CairnEdit *self,
                                           guint      n);
/* Translated, for menus: "Move Polygon". */
char       *cairn_edit_dup_title          (CairnEdit *self);

/* Does (or redoes) the edit; the caller holds the transaction. */
gboolean    cairn_edit_apply              (CairnEdit  *self,
                                           CairnStore *store,
                                           GError    **error);
/* Undoes it, refusing (CONFLICT, naming who and when) when a row is no longer as the edit
 * left it. */
gboolean    cairn_edit_revert             (CairnEdit  *self,
                                           CairnStore *store,
                                           GError    **error);

char       *cairn_edit_to_json            (CairnEdit   *self);
CairnEdit  *cairn_edit_new_from_json      (const char  *json,
                                           GError     **error);

/* Refuses (LOCKED) an edit the annotator's role may not make: a plain annotator changes no
 * accepted item and accepts or rejects nothing (cairn-edit-lock.c). Annotator 0 and
 * unknown annotators are not checked: scripts and tests. */
gboolean    cairn_edit_check_role         (CairnEdit  *self,
                                           CairnStore *store,
                                           gint64      annotator_id,
                                           gboolean    undoing,
                                           GError    **error);

/* Translated display names. */
const char *cairn_kind_get_display_name   (CairnKind kind);

G_END_DECLS
