#pragma once

#include "cairn-store.h"

G_BEGIN_DECLS

/* What the guideline work keeps in the project file (schema 5, cairn-store-guide.c): the
 * versions' summaries, labels' section anchors, edge-case notes, and reopening a flag. */

typedef struct
{
  gint    version;
  char   *title;
  char   *summary;    /* what changed; may be NULL */
  gint64  author_id;  /* 0 = unknown */
  gint64  created;    /* unix µs */
} CairnGuidelineInfo;

void cairn_guideline_info_free (CairnGuidelineInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnGuidelineInfo, cairn_guideline_info_free)

/* CairnGuidelineInfo rows, oldest first. */
GPtrArray *cairn_store_list_guideline_versions (CairnStore *self,
                                                GError    **error);

/* The anchor a label's schema names for its guideline section, or NULL (then the section
 * whose heading is the label's name). */
/* Guideline pictures (schema 8): the picture named name as guideline version `version` shows
 * it (the latest stored at or before it; version ≤ 0: the latest of all). NULL and NOT_FOUND
 * when there is none. */
GBytes    *cairn_store_get_guideline_image (CairnStore *self,
                                            const char *name,
                                            gint        version,
                                            GError    **error);
/* Its SHA-256 (hex) as that version shows it, without reading the picture; NULL for none. */
char      *cairn_store_dup_guideline_image_digest (CairnStore *self,
                                                   const char *name,
                                                   gint        version);
/* Stores data as name from version on, unless the version before already shows these bytes. */
gboolean   cairn_store_add_guideline_image (CairnStore *self,
                                            const char *name,
                                            gint        version,
                                            GBytes     *data,
                                            GError    **error);

char      *cairn_store_dup_label_anchor  (CairnStore *self,
                                          gint64      label_id);
gboolean   cairn_store_set_label_anchor  (CairnStore *self,
                                          gint64      label_id,
                                          const char *anchor,
                                          GError    **error);

/* Reopens (or resolves) one flag, by id: undo of what cleared it. */
gboolean   cairn_store_set_flag_resolved (CairnStore *self,
                                          gint64      flag_id,
                                          gboolean    resolved,
                                          GError    **error);

typedef enum
{
  CAIRN_NOTE_OPEN,
  CAIRN_NOTE_ANSWERED,
  CAIRN_NOTE_RESOLVED,
  CAIRN_NOTE_PROMOTED,
  CAIRN_N_NOTE_STATES
} CairnNoteState;

const char *cairn_note_state_to_string   (CairnNoteState state);
gboolean    cairn_note_state_from_string (const char     *text,
                                          CairnNoteState *state);

/* An edge-case note: an annotator's question about an item, a shape, a label. */
typedef struct
{
  gint64          id;
  gint            guideline_version;  /* the version it was asked under */
  gint64          item_id;            /* 0 = none */
  gint64          annotation_id;      /* 0 = none */
  gint64          label_id;           /* the label in question, 0 = none */
  gint64          author_id;
  CairnNoteState  state;
  char           *title;
  char           *body;
  char           *region;             /* JSON {"box": [x, y, w, h]} | {"span": [s, e]} |
                                         {"segment": [start_ms, end_ms]}, or NULL */
  char           *answer;
  gint64          answered_by;
  gint            promoted_version;   /* the guideline version it went into, 0 = none */
  gint64          created;
} CairnNote;

CairnNote *cairn_note_new  (void);
void       cairn_note_free (CairnNote *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnNote, cairn_note_free)

typedef struct
{
  gint    state;      /* CairnNoteState, or -1 for any */
  gint64  label_id;   /* 0 = any */
  gint64  author_id;  /* 0 = any */
  gint64  item_id;    /* 0 = any */
} CairnNoteFilter;

#define CAIRN_NOTE_FILTER_ANY ((CairnNoteFilter) { -1, 0, 0, 0 })

/* Sets note->id, created, guideline_version (the current one) and author (the actor when 0). */
gboolean   cairn_store_add_note    (CairnStore *self,
                                    CairnNote  *note,
                                    GError    **error);
/* Writes state, answer, answered_by and promoted_version. */
gboolean   cairn_store_update_note (CairnStore      *self,
                                    const CairnNote *note,
                                    GError         **error);
CairnNote *cairn_store_get_note    (CairnStore *self,
                                    gint64      id,
                                    GError    **error);
/* CairnNote rows, newest first. */
GPtrArray *cairn_store_list_notes  (CairnStore            *self,
                                    const CairnNoteFilter *filter,
                                    GError               **error);

G_END_DECLS
