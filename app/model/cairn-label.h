#pragma once

#include <json-glib/json-glib.h>

#include "cairn-types.h"
#include "cairn-annotation.h"

G_BEGIN_DECLS

struct _CairnLabel
{
  gint64       id;
  char        *name;
  char        *color;       /* "#RRGGBB" */
  char        *hotkey;      /* a single key name, or NULL */
  gint64       parent_id;   /* 0 = top level */
  guint        kinds;       /* bit (1 << CairnKind) per allowed kind; 0 = any */
  JsonArray   *attributes;  /* specs: {"name", "type": bool|enum|number|text, "values", "required"} */
  GPtrArray   *points;      /* keypoint skeleton: point names (char *) */
  GArray      *edges;       /* keypoint skeleton: guint pairs of point indices */
  GArray      *sigmas;      /* keypoint skeleton: a double per point (OKS σ), or empty for
                               COCO's 0.05 each */
};

CairnLabel *cairn_label_new          (const char *name);
CairnLabel *cairn_label_copy         (const CairnLabel *self);
void        cairn_label_free         (CairnLabel *self);
GType       cairn_label_get_type     (void) G_GNUC_CONST;

gboolean    cairn_label_allows       (const CairnLabel *self,
                                      CairnKind         kind);
/* Whether the label allows at least one of the kinds in the mask (bit 1 << CairnKind). */
gboolean    cairn_label_allows_any   (const CairnLabel *self,
                                      guint             kinds);
/* "box,polygon" ↔ kinds mask. */
gboolean    cairn_label_parse_kinds  (const char *list,
                                      guint      *kinds,
                                      GError    **error);
char       *cairn_label_kinds_to_string (guint kinds);
gboolean    cairn_color_parse        (const char *text,
                                      double     *r,
                                      double     *g,
                                      double     *b);
/* A distinct default colour for the n-th label. */
char       *cairn_label_default_color (guint n);
/* {"points": [...], "edges": [[a, b], ...], "sigmas": [σ per point]}; sigmas may be left out. */
char       *cairn_label_skeleton_to_json   (const CairnLabel *self);
gboolean    cairn_label_skeleton_from_json (CairnLabel *self,
                                            const char *json,
                                            GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnLabel, cairn_label_free)

G_END_DECLS
