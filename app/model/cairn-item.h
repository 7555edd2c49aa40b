#pragma once

#include <json-glib/json-glib.h>

#include "cairn-types.h"

G_BEGIN_DECLS

typedef enum
{
  CAIRN_ITEM_IMAGE,
  CAIRN_ITEM_TEXT,
  CAIRN_ITEM_AUDIO,
  CAIRN_N_ITEM_KINDS
} CairnItemKind;

typedef enum
{
  CAIRN_STATE_NEW,
  CAIRN_STATE_IN_PROGRESS,
  CAIRN_STATE_DONE,
  CAIRN_STATE_REVIEW,   /* flagged for a reviewer */
  CAIRN_STATE_ACCEPTED,
  CAIRN_STATE_REJECTED,
  CAIRN_N_STATES
} CairnItemState;

struct _CairnItem
{
  gint64          id;
  CairnItemKind   kind;
  char           *uri;          /* media path relative to the project file, or NULL */
  GBytes         *blob;         /* embedded media, or NULL */
  char           *sha256;       /* hex */
  gint            width;        /* images: as displayed, after EXIF orientation */
  gint            height;
  gint            orientation;  /* EXIF orientation 1..8; 0 = unknown */
  gint64          duration_ms;  /* audio */
  char           *text;         /* text items */
  JsonObject     *meta;         /* source, licence, consent, exif..., never NULL */
  char           *split;        /* "train", "val", "test" or NULL */
  CairnItemState  state;
  guint           flags;
  gint64          created;
};

const char *cairn_item_kind_to_string    (CairnItemKind kind);
gboolean    cairn_item_kind_from_string  (const char    *name,
                                          CairnItemKind *kind);
const char *cairn_item_state_to_string   (CairnItemState state);
gboolean    cairn_item_state_from_string (const char     *name,
                                          CairnItemState *state);

CairnItem *cairn_item_new      (CairnItemKind kind);
CairnItem *cairn_item_copy     (const CairnItem *self);
void       cairn_item_free     (CairnItem *self);
GType      cairn_item_get_type (void) G_GNUC_CONST;
/* A short name for lists: the file's basename, or the text's first line. */
char      *cairn_item_dup_title (const CairnItem *self);
/* TRUE when the gint64 ids are strictly increasing (as the store lists them). */
gboolean   cairn_item_ids_ascending (GArray *ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnItem, cairn_item_free)

G_END_DECLS
