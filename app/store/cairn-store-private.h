#pragma once

#include <sqlite3.h>

#include "cairn-store.h"

G_BEGIN_DECLS

/* Bulk imports drop this trigger inside their transaction, count in memory and put it back
 * (cairn-store-bulk.c): the per-row upsert was a fifth of a million-annotation import. */
#define CAIRN_STORE_COUNT_INSERT_TRIGGER \
  "CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations WHEN new.deleted = 0 BEGIN" \
  "  INSERT INTO annotation_counts VALUES (new.kind, coalesce (new.label_id, 0), 1)" \
  "    ON CONFLICT DO UPDATE SET n = n + 1;" \
  "END;"

/* Inserts made in bulk mode, summarised as one history row per table at commit. */
typedef struct
{
  const char *target;
  gint64      first;
  gint64      last;
  gint64      count;
} CairnBulkTally;

#define CAIRN_BULK_TARGETS 4

struct _CairnStore
{
  GObject      parent_instance;
  sqlite3     *db;
  char        *path;
  char        *dir;
  GHashTable  *statements; /* SQL literal → prepared statement */
  guint        depth;      /* transaction nesting */
  gboolean     failed;     /* an inner transaction rolled back */
  gint64       actor;
  GHashTable  *label_kinds;        /* label id → allowed kinds mask, filled as used */
  gint         guideline_version;  /* -1 until read */
  gboolean     bulk;
  CairnBulkTally tallies[CAIRN_BULK_TARGETS];
  /* label id → gint64[CAIRN_N_KINDS]: annotations inserted while the count trigger is off */
  GHashTable  *bulk_counts;
  gboolean     counts_deferred;
  gint64       edit_id;            /* the edit history rows belong to, or 0 */
  CairnStoreChange pending;        /* what the open transaction changed, told at commit */
};

/* What a write changed, for the "changed" signal at the outermost commit. 0 = none. */
void          cairn_store_note_change (CairnStore *self,
                                       gint64      item_id,
                                       gint64      annotation_id);
/* Rows are checked as they are read (a project file may come from anyone): these set a
 * CAIRN_STORE_ERROR_CORRUPT "PATH: what id: problem" and return FALSE. The second passes a
 * NULL or valid UTF-8 text column. */
gboolean      cairn_store_bad_row           (CairnStore   *self,
                                             GError      **error,
                                             const char   *what,
                                             gint64        id,
                                             const char   *problem);
gboolean      cairn_store_check_text_column (CairnStore   *self,
                                             sqlite3_stmt *stmt,
                                             int           column,
                                             const char   *what,
                                             gint64        id,
                                             GError      **error);

/* Call whenever labels or guidelines change. */
void          cairn_store_forget_cache (CairnStore *self);

/* Bulk mode (cairn-store-bulk.c). tally: TRUE when the insert is summarised at commit instead
 * of getting a history row of its own. count: an annotation inserted, counted in memory when
 * bulk work turned the count trigger off. flush: both written, the trigger back; at the
 * outermost commit (until then annotation_counts, read on this connection, misses the bulk
 * inserts). reset: after a rollback, which has put the trigger back itself. */
gboolean      cairn_store_bulk_tally (CairnStore *self,
                                      const char *target,
                                      gint64      row_id);
gboolean      cairn_store_bulk_count (CairnStore *self,
                                      int         kind,
                                      gint64      label_id,
                                      GError    **error);
gboolean      cairn_store_bulk_flush (CairnStore *self,
                                      GError    **error);
void          cairn_store_bulk_reset (CairnStore *self);

gboolean      cairn_store_fail      (CairnStore *self,
                                     GError    **error,
                                     const char *what);
sqlite3_stmt *cairn_store_statement (CairnStore *self,
                                     const char *sql,
                                     GError    **error);
gboolean      cairn_store_step_done (CairnStore   *self,
                                     sqlite3_stmt *stmt,
                                     const char   *what,
                                     GError      **error);
gboolean      cairn_store_exec      (CairnStore *self,
                                     const char *sql,
                                     GError    **error);
gboolean      cairn_store_log       (CairnStore *self,
                                     const char *action,
                                     const char *target,
                                     gint64      row_id,
                                     const char *before,
                                     const char *after,
                                     GError    **error);
gint64        cairn_store_now       (void);
/* Columns: id, at, annotator_id, action, target, row_id, before, after. */
CairnHistoryEntry *cairn_store_history_from_row (sqlite3_stmt *stmt);
/* NULL for an empty object; never NULL back. */
char         *cairn_store_object_to_json   (JsonObject *object);
JsonObject   *cairn_store_object_from_json (const char *json);

/* Run on every open for writing (cairn-store-team.c): a copy of the file takes an instance id
 * of its own, so it never makes the identities the original makes. */
gboolean      cairn_store_claim_instance   (CairnStore *self,
                                            GError    **error);

/* Run body inside begin/commit, rolling back when it fails. */
#define CAIRN_STORE_ATOMIC(self, error, body)                  \
  G_STMT_START {                                               \
    if (!cairn_store_begin ((self), (error)))                  \
      return FALSE;                                            \
    if (!(body))                                               \
      {                                                        \
        cairn_store_rollback (self);                           \
        return FALSE;                                          \
      }                                                        \
    return cairn_store_commit ((self), (error));               \
  } G_STMT_END

G_END_DECLS
