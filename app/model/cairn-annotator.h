#pragma once

#include "cairn-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  char   *role; /* "annotator", "reviewer", "admin" */
} CairnAnnotator;

static inline void
cairn_annotator_free (CairnAnnotator *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->role);
  g_free (self);
}

/* A row of a grouped count, as `cairn info` prints them. */
typedef struct
{
  char   *key;
  gint64  count;
} CairnCount;

static inline void
cairn_count_free (CairnCount *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self);
}

typedef struct
{
  gint64  id;
  gint64  at;           /* unix µs */
  gint64  annotator_id;
  char   *action;       /* "insert", "update", "delete" */
  char   *target;       /* "annotation", "item", "label", ... */
  gint64  row_id;
  char   *before;       /* JSON or NULL */
  char   *after;        /* JSON or NULL */
} CairnHistoryEntry;

static inline void
cairn_history_entry_free (CairnHistoryEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->action);
  g_free (self->target);
  g_free (self->before);
  g_free (self->after);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnAnnotator, cairn_annotator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnCount, cairn_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnHistoryEntry, cairn_history_entry_free)

G_END_DECLS
