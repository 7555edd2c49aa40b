#pragma once

#include <gio/gio.h>

#include "cairn-types.h"
#include "model/cairn-annotation.h"
#include "model/cairn-annotator.h"
#include "model/cairn-item.h"
#include "model/cairn-label.h"

G_BEGIN_DECLS

#define CAIRN_STORE_ERROR (cairn_store_error_quark ())
GQuark cairn_store_error_quark (void);

typedef enum
{
  CAIRN_STORE_ERROR_FAILED,
  CAIRN_STORE_ERROR_NOT_FOUND,
  CAIRN_STORE_ERROR_EXISTS,
  CAIRN_STORE_ERROR_CORRUPT,   /* not a project, or damaged */
  CAIRN_STORE_ERROR_TOO_NEW,   /* written by a newer Cairn */
  CAIRN_STORE_ERROR_IN_USE,    /* e.g. a label still used by annotations */
  CAIRN_STORE_ERROR_INVALID,
} CairnStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define CAIRN_STORE_SCHEMA_VERSION 8

#define CAIRN_TYPE_STORE (cairn_store_get_type ())
G_DECLARE_FINAL_TYPE (CairnStore, cairn_store, CAIRN, STORE, GObject)

typedef struct
{
  gint           kind;   /* CairnItemKind, or -1 for any */
  gint           state;  /* CairnItemState, or -1 for any */
  const char    *split;  /* NULL for any */
  gint64         assignee; /* an annotator id: only the items assigned to them; 0 for any */
} CairnItemFilter;

#define CAIRN_ITEM_FILTER_ANY ((CairnItemFilter) { -1, -1, NULL, 0 })

typedef struct
{
  gint64  item_id;       /* 0 = any */
  gint64  label_id;      /* 0 = any */
  gint64  annotator_id;  /* 0 = any */
  gint    kind;          /* CairnKind, or -1 for any */
  gint    origin;        /* CairnOrigin, or -1 for any */
} CairnAnnotationFilter;

#define CAIRN_ANNOTATION_FILTER_ANY ((CairnAnnotationFilter) { 0, 0, 0, -1, -1 })

/* What one committed transaction changed, as the store's "changed" signal tells it. */
typedef struct
{
  GArray   *items;        /* gint64: items whose row or whose annotations changed */
  GArray   *annotations;  /* gint64: annotations added, changed, deleted or restored */
  gboolean  labels;       /* the label set changed */
  gboolean  everything;   /* bulk work: too much to list, reload what is shown */
} CairnStoreChange;

gboolean cairn_store_change_has_item       (const CairnStoreChange *change,
                                            gint64                  item_id);
gboolean cairn_store_change_has_annotation (const CairnStoreChange *change,
                                            gint64                  annotation_id);

/* One row of the edit log (app/edit/ reads and writes it; body is its JSON). */
typedef enum
{
  CAIRN_EDIT_DONE,
  CAIRN_EDIT_UNDONE,
  CAIRN_EDIT_DROPPED,
} CairnEditState;

typedef struct
{
  gint64          id;
  gint64          annotator_id;
  gint64          at;     /* unix µs */
  CairnEditState  state;
  char           *body;
} CairnEditRecord;

void cairn_edit_record_free (CairnEditRecord *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnEditRecord, cairn_edit_record_free)

/* Return FALSE to stop. The annotation belongs to the caller of the callback only for the call;
 * copy it to keep it. */
typedef gboolean (*CairnAnnotationFunc) (const CairnAnnotation *annotation,
                                         gpointer               user_data);

/* Return FALSE to stop. The item is only lent for the call; copy it to keep it. */
typedef gboolean (*CairnItemFunc) (const CairnItem *item,
                                   gpointer         user_data);

/* Project files */
CairnStore *cairn_store_create          (const char *path,
                                         const char *name,
                                         GError    **error);
/* Opens a project init made; any other file (another program's SQLite file, an empty one) is
 * refused and left untouched. */
CairnStore *cairn_store_open            (const char *path,
                                         GError    **error);
/* The same for reading only: nothing is written to the file (a read-only folder works). */
CairnStore *cairn_store_open_readonly   (const char *path,
                                         GError    **error);
const char *cairn_store_get_path        (CairnStore *self);
char       *cairn_store_dup_name        (CairnStore *self);
gboolean    cairn_store_check_integrity (CairnStore *self,
                                         GError    **error);
/* Everything wrong with the file, one line each into problems (char *): SQLite's integrity
 * and foreign-key checks, every item, label and annotation row as the store reads them, and
 * annotations on the wrong kind of item, spans past their text, relations to nothing. FALSE
 * only when the checks could not run. */
gboolean    cairn_store_check           (CairnStore *self,
                                         GPtrArray  *problems,
                                         GError    **error);
/* Media paths are kept relative to the project file's folder. */
char       *cairn_store_relative_uri    (CairnStore *self,
                                         const char *path);
char       *cairn_store_resolve_uri     (CairnStore *self,
                                         const char *uri);
char       *cairn_store_dup_meta        (CairnStore *self,
                                         const char *key);
gboolean    cairn_store_set_meta        (CairnStore *self,
                                         const char *key,
                                         const char *value,
                                         GError    **error);

/* One user action = one transaction. They nest; the outermost commit writes. */
gboolean    cairn_store_begin           (CairnStore *self,
                                         GError    **error);
gboolean    cairn_store_commit          (CairnStore *self,
                                         GError    **error);
void        cairn_store_rollback        (CairnStore *self);

/* Bulk work (imports, benchmarks) gets a larger page cache while it lasts. */
gboolean    cairn_store_set_bulk        (CairnStore *self,
                                         gboolean    bulk,
                                         GError    **error);

/* Who the history rows name. 0 = nobody in particular. */
void        cairn_store_set_actor       (CairnStore *self,
                                         gint64      annotator_id);
gint64      cairn_store_get_actor       (CairnStore *self);

/* Annotators */
gint64      cairn_store_ensure_annotator (CairnStore *self,
                                          const char *name,
                                          const char *role,
                                          GError    **error);
GPtrArray  *cairn_store_list_annotators  (CairnStore *self,
                                          GError    **error);

/* Items */
gboolean    cairn_store_add_item        (CairnStore *self,
                                         CairnItem  *item,
                                         GError    **error);
gboolean    cairn_store_update_item     (CairnStore *self,
                                         CairnItem  *item,
                                         GError    **error);
CairnItem  *cairn_store_get_item        (CairnStore *self,
                                         gint64      id,
                                         GError    **error);
/* Only the state, without reading the item's text or media (an edit asks before each push). */
gboolean    cairn_store_get_item_state  (CairnStore     *self,
                                         gint64          id,
                                         CairnItemState *state,
                                         GError        **error);
/* 0 when there is none. */
gint64      cairn_store_find_item_by_sha256 (CairnStore *self,
                                             const char *sha256);
gint64      cairn_store_find_item_by_uri    (CairnStore *self,
                                             const char *uri);
/* By the basename of its uri ("photos/a.jpg" → "a.jpg"); filter may be NULL. */
gint64      cairn_store_find_item_by_basename (CairnStore            *self,
                                               const char            *basename,
                                               const CairnItemFilter *filter);
GArray     *cairn_store_list_item_ids   (CairnStore            *self,
                                         const CairnItemFilter *filter,
                                         GError               **error);
/* The items with these ids (ascending, as cairn_store_list_item_ids gives them), read in one
 * statement; a missing id is NOT_FOUND. */
gboolean    cairn_store_foreach_item    (CairnStore   *self,
                                         GArray       *ids,
                                         CairnItemFunc func,
                                         gpointer      user_data,
                                         GError      **error);
/* The first item after after_id (in id order) with no annotation, or 0 (error set on failure). */
gint64      cairn_store_next_unlabelled_item (CairnStore            *self,
                                              gint64                 after_id,
                                              const CairnItemFilter *filter,
                                              GError               **error);
gint64      cairn_store_count_items     (CairnStore *self,
                                         gint        kind);
/* The media bytes: the embedded blob, or the file the uri names. */
GBytes     *cairn_store_load_media      (CairnStore      *self,
                                         const CairnItem *item,
                                         GError         **error);
/* What an export may ship: the embedded blob, or the file when its SHA-256 is still the one
 * the import recorded; otherwise an error naming the file. */
GBytes     *cairn_store_load_verified_media (CairnStore      *self,
                                             const CairnItem *item,
                                             GError         **error);

/* Labels */
gboolean    cairn_store_add_label       (CairnStore *self,
                                         CairnLabel *label,
                                         GError    **error);
gboolean    cairn_store_update_label    (CairnStore *self,
                                         CairnLabel *label,
                                         GError    **error);
/* Puts a removed label back under its own id (undo of a merge). */
gboolean    cairn_store_restore_label   (CairnStore *self,
                                         CairnLabel *label,
                                         GError    **error);
/* Fails with IN_USE while annotations use it, unless force (which deletes them). */
gboolean    cairn_store_remove_label    (CairnStore *self,
                                         gint64      id,
                                         gboolean    force,
                                         GError    **error);
CairnLabel *cairn_store_get_label       (CairnStore *self,
                                         gint64      id,
                                         GError    **error);
CairnLabel *cairn_store_find_label      (CairnStore *self,
                                         const char *name,
                                         GError    **error);
GPtrArray  *cairn_store_list_labels     (CairnStore *self,
                                         GError    **error);

/* Annotations */
gboolean    cairn_store_add_annotation    (CairnStore      *self,
                                           CairnAnnotation *annotation,
                                           GError         **error);
gboolean    cairn_store_update_annotation (CairnStore      *self,
                                           CairnAnnotation *annotation,
                                           GError         **error);
gboolean    cairn_store_delete_annotation (CairnStore *self,
                                           gint64      id,
                                           GError    **error);
/* Brings a deleted annotation back under its own id (so relations and history still point at
 * it), with the fields of annotation. */
gboolean    cairn_store_restore_annotation (CairnStore      *self,
                                            CairnAnnotation *annotation,
                                            GError         **error);
CairnAnnotation *cairn_store_get_annotation (CairnStore *self,
                                             gint64      id,
                                             GError    **error);
GPtrArray  *cairn_store_list_annotations  (CairnStore *self,
                                           gint64      item_id,
                                           GError    **error);
gboolean    cairn_store_foreach_annotation (CairnStore                  *self,
                                            const CairnAnnotationFilter *filter,
                                            CairnAnnotationFunc          func,
                                            gpointer                     user_data,
                                            GError                     **error);
/* counts[CAIRN_N_KINDS] */
gboolean    cairn_store_count_annotations_by_kind  (CairnStore *self,
                                                    gint64     *counts,
                                                    GError    **error);
/* CairnCount rows, label name → annotations, sorted by name. */
GPtrArray  *cairn_store_count_annotations_by_label (CairnStore *self,
                                                    GError    **error);

/* Guidelines: every version kept; versions count from 1. */
gint        cairn_store_add_guideline     (CairnStore *self,
                                           const char *title,
                                           const char *markdown,
                                           GError    **error);
/* The same with a change summary (the version's "what changed"). */
gint        cairn_store_add_guideline_version (CairnStore *self,
                                               const char *title,
                                               const char *markdown,
                                               const char *summary,
                                               GError    **error);
gint        cairn_store_get_guideline_version (CairnStore *self);
char       *cairn_store_get_guideline     (CairnStore *self,
                                           gint        version,
                                           char      **title,
                                           GError    **error);
gint64      cairn_store_add_edge_case     (CairnStore *self,
                                           gint64      item_id,
                                           const char *title,
                                           const char *markdown,
                                           GError    **error);

/* Flags (cairn-store-flags.c): why an item, or one of its annotations, needs another look. */
typedef struct
{
  gint64    id;
  gint64    item_id;
  gint64    annotation_id;  /* 0: the flag is about the item */
  gint64    label_id;       /* the annotation's label, or 0 */
  char     *reason;         /* recheck, agreement, rule, label-error, annotator... */
  char     *detail;         /* what a reviewer reads; may be NULL */
  gint64    annotator_id;   /* who raised it, or 0 */
  gint64    created;        /* unix µs */
  gboolean  resolved;
} CairnFlag;

void cairn_flag_free (CairnFlag *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnFlag, cairn_flag_free)

typedef struct
{
  gint64      item_id;           /* 0 = any */
  gint64      annotation_id;     /* 0 = any */
  const char *reason;            /* NULL = any */
  gboolean    include_resolved;
} CairnFlagFilter;

#define CAIRN_FLAG_FILTER_OPEN ((CairnFlagFilter) { 0, 0, NULL, FALSE })

/* Returns the new flag's id, or 0. An open flag with the same item, annotation and reason is
 * updated (its detail replaced) instead of repeated. */
gint64      cairn_store_add_flag          (CairnStore *self,
                                           gint64      item_id,
                                           gint64      annotation_id,
                                           const char *reason,
                                           const char *detail,
                                           GError    **error);
/* CairnFlag rows in id order. */
GPtrArray  *cairn_store_list_flags        (CairnStore            *self,
                                           const CairnFlagFilter *filter,
                                           GError               **error);
/* Resolves the open flags that match (annotation_id 0 with an item: the item's own flags and
 * its annotations'; reason NULL: any). n_resolved may be NULL. */
gboolean    cairn_store_resolve_flags     (CairnStore *self,
                                           gint64      item_id,
                                           gint64      annotation_id,
                                           const char *reason,
                                           guint      *n_resolved,
                                           GError    **error);

/* The media cache (cairn-store-cache.c): data worked out from an item's media (kind
 * "peaks"), valid while key (what names the media) is the same. Lookups give NULL, error
 * unset, when there is none or it was made from other media. Writes need no history row and
 * tell no change; on a read-only project they fail. */
GBytes     *cairn_store_get_cache         (CairnStore *self,
                                           gint64      item_id,
                                           const char *kind,
                                           const char *key,
                                           GError    **error);
gboolean    cairn_store_set_cache         (CairnStore *self,
                                           gint64      item_id,
                                           const char *kind,
                                           const char *key,
                                           GBytes     *data,
                                           GError    **error);
/* Whether the item's media is kept in the project file (else its uri names it). */
gboolean    cairn_store_has_embedded_media (CairnStore *self,
                                            gint64      item_id);

/* History, newest first. */
GPtrArray  *cairn_store_list_history      (CairnStore *self,
                                           guint       limit,
                                           GError    **error);
/* The newest history row about one row (target "annotation", "item"...), or NULL. */
CairnHistoryEntry *cairn_store_last_change (CairnStore *self,
                                            const char *target,
                                            gint64      row_id,
                                            GError    **error);
char       *cairn_store_dup_annotator_name (CairnStore *self,
                                            gint64      annotator_id);

/* The edit log (cairn-store-edits.c). History rows written while an edit id is set name it. */
gint64      cairn_store_add_edit          (CairnStore *self,
                                           gint64      annotator_id,
                                           const char *body,
                                           GError    **error);
gboolean    cairn_store_update_edit       (CairnStore     *self,
                                           gint64          id,
                                           CairnEditState  state,
                                           const char     *body,
                                           GError        **error);
/* An annotator's newest done edit (undo), or oldest undone one (redo); NULL when none. */
CairnEditRecord *cairn_store_next_edit    (CairnStore     *self,
                                           gint64          annotator_id,
                                           CairnEditState  state,
                                           GError        **error);
/* A new edit forgets what the annotator had undone. */
gboolean    cairn_store_drop_redo         (CairnStore *self,
                                           gint64      annotator_id,
                                           GError    **error);
void        cairn_store_set_edit_id       (CairnStore *self,
                                           gint64      edit_id);

G_END_DECLS
