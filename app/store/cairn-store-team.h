#pragma once

#include "cairn-store.h"

G_BEGIN_DECLS

/* What app/team/ keeps in the project file (cairn-store-team.c): annotation identity across
 * files, assignments, the package base merges compare with, review decisions, roles. */

/* This file's instance id (meta "instance"), made when the schema reached 5. */
char       *cairn_store_dup_instance          (CairnStore *self);
/* The annotation's identity across files: its uid, or "INSTANCE/ID" for rows this file made. */
char       *cairn_store_dup_annotation_uid    (CairnStore            *self,
                                               const CairnAnnotation *annotation);
/* The row with that identity, live or deleted (*deleted says which), and its item; 0 when
 * there is none. item_id and deleted may be NULL. */
gint64      cairn_store_find_annotation_uid   (CairnStore *self,
                                               const char *uid,
                                               gint64     *item_id,
                                               gboolean   *deleted,
                                               GError    **error);
/* The role of an annotator ("annotator", "reviewer", "admin"); NULL for an unknown id. */
char       *cairn_store_dup_annotator_role    (CairnStore *self,
                                               gint64      annotator_id);
gboolean    cairn_store_set_annotator_role    (CairnStore *self,
                                               gint64      annotator_id,
                                               const char *role,
                                               GError    **error);

/* Assignments: the items of one annotator's queue, in queue order. overlap marks the items
 * given to more than one annotator (for agreement). */
typedef struct
{
  gint64   item_id;
  gint64   annotator_id;
  gint     position;
  gboolean overlap;
} CairnAssignment;

/* Replaces every assignment with these (CairnAssignment, in order), in one transaction. */
gboolean    cairn_store_replace_assignments   (CairnStore *self,
                                               GArray     *assignments,
                                               GError    **error);
/* The annotator's items in queue order (gint64). */
GArray     *cairn_store_list_assigned_items   (CairnStore *self,
                                               gint64      annotator_id,
                                               GError    **error);
/* Every assignment, by annotator then position (CairnAssignment). */
GArray     *cairn_store_list_assignments      (CairnStore *self,
                                               GError    **error);
/* The first of the annotator's items after position `after` (−1: from the start) whose state
 * is NEW, IN_PROGRESS or REJECTED; 0 when the queue is done. */
gint64      cairn_store_next_in_queue         (CairnStore *self,
                                               gint64      annotator_id,
                                               gint64      after_item_id,
                                               GError    **error);

/* A package: a new project file at path holding the items (gint64) with their annotations,
 * every label, annotator and guideline, and the meta of this one; its annotations carry
 * their identity, and its package_base records each as packaged. Media stay references
 * (rewritten relative to the package's folder) unless embed. */
gboolean    cairn_store_write_package         (CairnStore *self,
                                               const char *path,
                                               GArray     *item_ids,
                                               const char *annotator,
                                               gboolean    embed,
                                               GError    **error);

/* package_base: uid → digest for one package (a new table: uid and digest strings). */
GHashTable *cairn_store_list_package_base     (CairnStore *self,
                                               const char *package,
                                               GError    **error);
gboolean    cairn_store_set_package_base      (CairnStore *self,
                                               const char *package,
                                               const char *uid,
                                               const char *digest,
                                               GError    **error);

/* Review decisions, oldest first. */
typedef struct
{
  gint64  id;
  gint64  item_id;
  gint64  reviewer_id;
  char   *state;     /* accepted, rejected, recheck, in-review, to-do */
  char   *comment;   /* may be NULL */
  gint64  at;        /* unix µs */
} CairnReview;

void cairn_review_free (CairnReview *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnReview, cairn_review_free)

/* The reviewer is the store's actor. */
gint64      cairn_store_add_review            (CairnStore *self,
                                               gint64      item_id,
                                               const char *state,
                                               const char *comment,
                                               GError    **error);
/* item_id 0: every item's. */
GPtrArray  *cairn_store_list_reviews          (CairnStore *self,
                                               gint64      item_id,
                                               GError    **error);

/* One item's history, newest first: its own rows and its annotations'. */
GPtrArray  *cairn_store_list_item_history     (CairnStore *self,
                                               gint64      item_id,
                                               guint       limit,
                                               GError    **error);

/* One history row by id; NULL (NOT_FOUND) when there is none. */
CairnHistoryEntry *cairn_store_get_history_entry (CairnStore *self,
                                                  gint64      id,
                                                  GError    **error);

G_END_DECLS
