#pragma once

#include <gtk/gtk.h>

#include "edit/cairn-edit-stack.h"
#include "model/cairn-annotation.h"
#include "model/cairn-label.h"
#include "tools/cairn-tool.h"
#include "cairn-image.h"
#include "cairn-item-view.h"

G_BEGIN_DECLS

/* The image view: the picture as texture tiles, the annotations over it in their labels'
 * colours with their names, the current tool, and the canvas.* and tool.* actions. Zoom with
 * Ctrl+scroll, pan with the middle button, or hold Space. A CairnItemView: edits go through
 * its edit stack and come back as store changes, shown in place. */
#define CAIRN_TYPE_CANVAS (cairn_canvas_get_type ())
G_DECLARE_FINAL_TYPE (CairnCanvas, cairn_canvas, CAIRN, CANVAS, GtkWidget)

/* Room left around a fitted image, in widget pixels. */
#define CAIRN_CANVAS_FIT_MARGIN 16.0
#define CAIRN_CANVAS_MIN_ZOOM   0.01
#define CAIRN_CANVAS_MAX_ZOOM   64.0

GtkWidget  *cairn_canvas_new                (void);
/* The image's size as displayed (after EXIF orientation), known before it is decoded so
 * shapes can be shown at once. Resets the view to fit. */
void        cairn_canvas_set_image_size     (CairnCanvas *self,
                                             int          width,
                                             int          height);
void        cairn_canvas_get_image_size     (CairnCanvas *self,
                                             int         *width,
                                             int         *height);
/* NULL while decoding or when there is no picture. */
void        cairn_canvas_set_image          (CairnCanvas *self,
                                             CairnImage  *image);
CairnImage *cairn_canvas_get_image          (CairnCanvas *self);
/* annotations: CairnAnnotation, copied; the selection stays if its annotation is still there.
 * labels: CairnLabel, copied, in palette order. */
void        cairn_canvas_set_annotations    (CairnCanvas *self,
                                             GPtrArray   *annotations);
void        cairn_canvas_set_labels         (CairnCanvas *self,
                                             GPtrArray   *labels);
guint       cairn_canvas_get_n_annotations  (CairnCanvas *self);
/* NULL when the item shows no annotation of that id. */
const CairnAnnotation *cairn_canvas_get_annotation (CairnCanvas *self,
                                                    gint64       id);
const CairnLabel      *cairn_canvas_get_label      (CairnCanvas *self,
                                                    gint64       id);
/* How many shapes the last frame drew. */
guint       cairn_canvas_get_n_drawn_shapes (CairnCanvas *self);
guint       cairn_canvas_get_n_frames       (CairnCanvas *self);
/* Draws the annotations on cr, which is in image coordinates; returns how many it drew. */
guint       cairn_canvas_draw_shapes        (CairnCanvas *self,
                                             cairo_t     *cr,
                                             double       zoom);

double      cairn_canvas_get_zoom           (CairnCanvas *self);
/* Zooms about the centre of the view. */
void        cairn_canvas_set_zoom           (CairnCanvas *self,
                                             double       zoom);
/* Zooms by factor keeping the image point under (widget_x, widget_y) in place. */
void        cairn_canvas_zoom_at            (CairnCanvas *self,
                                             double       factor,
                                             double       widget_x,
                                             double       widget_y);
gboolean    cairn_canvas_get_fit            (CairnCanvas *self);
void        cairn_canvas_zoom_to_fit        (CairnCanvas *self);
/* Where the image's origin is in the widget. */
void        cairn_canvas_get_offset         (CairnCanvas *self,
                                             double      *x,
                                             double      *y);
void        cairn_canvas_set_offset         (CairnCanvas *self,
                                             double       x,
                                             double       y);
void        cairn_canvas_widget_to_image    (CairnCanvas *self,
                                             double       widget_x,
                                             double       widget_y,
                                             double      *x,
                                             double      *y);
void        cairn_canvas_image_to_widget    (CairnCanvas *self,
                                             double       x,
                                             double       y,
                                             double      *widget_x,
                                             double      *widget_y);
/* The pointer in image pixels; FALSE when it is outside the widget. */
gboolean    cairn_canvas_get_pointer        (CairnCanvas *self,
                                             double      *x,
                                             double      *y);

/* The topmost, smallest annotation whose shape (exactly, not its bounding box) is at an
 * image point, with slop for lines at zoom; 0 for none. */
gint64      cairn_canvas_pick               (CairnCanvas *self,
                                             double       x,
                                             double       y);
gint64      cairn_canvas_get_selected_id    (CairnCanvas *self);
void        cairn_canvas_set_selected_id    (CairnCanvas *self,
                                             gint64       id);

/* Tools by name ("select", "pan", "box", "polygon"), as the canvas.tool action sets them. */
const char *cairn_canvas_get_tool_name      (CairnCanvas *self);
gboolean    cairn_canvas_set_tool_name      (CairnCanvas *self,
                                             const char  *name);
CairnTool  *cairn_canvas_get_tool           (CairnCanvas *self);

/* The labels the palette shows and 1–9, 0 pick from: those the current tool can draw
 * (with select or pan, those for any image kind). Borrowed; in palette order. */
GPtrArray  *cairn_canvas_get_palette_labels (CairnCanvas *self);
/* The label new shapes get (0 = none). */
gint64      cairn_canvas_get_current_label_id (CairnCanvas *self);
void        cairn_canvas_set_current_label_id (CairnCanvas *self,
                                               gint64       label_id);
/* The colour new shapes are drawn in while a tool makes them: the current label's. */
void        cairn_canvas_get_current_colour   (CairnCanvas *self,
                                               double      *r,
                                               double      *g,
                                               double      *b);
/* Keeps a point on the picture. */
/* A field beside the OCR box id for its text (after it was drawn); Enter saves it, one edit. */
void        cairn_canvas_ask_ocr_text         (CairnCanvas *self,
                                               gint64       id);
/* More than one shape selected (cairn-canvas-selection.c): a rubber band (Shift+drag on the
 * picture) or Shift+click adds to the selected shape; Delete, arrows, a drag and the label
 * keys then work on them all, as one edit. */
gboolean    cairn_canvas_is_selected          (CairnCanvas *self,
                                               gint64       id);
void        cairn_canvas_toggle_selected      (CairnCanvas *self,
                                               gint64       id);
guint       cairn_canvas_get_n_selected       (CairnCanvas *self);
/* The selected shapes, the selected one first (owned by the canvas; the array is yours). */
GPtrArray  *cairn_canvas_get_selected_shapes  (CairnCanvas *self);
/* Selects the shapes wholly inside the rectangle (image pixels); TRUE when any is. */
gboolean    cairn_canvas_select_in_rect       (CairnCanvas *self,
                                               double       x0,
                                               double       y0,
                                               double       x1,
                                               double       y1);
/* Hide and lock (cairn-canvas-visibility.c), for this session: a hidden shape is neither
 * drawn nor picked; a locked one is selected but not moved, reshaped or deleted. */
gboolean    cairn_canvas_is_hidden            (CairnCanvas *self,
                                               gint64       id);
gboolean    cairn_canvas_is_locked            (CairnCanvas *self,
                                               gint64       id);
void        cairn_canvas_set_hidden           (CairnCanvas *self,
                                               gint64       id,
                                               gboolean     hidden);
void        cairn_canvas_set_locked           (CairnCanvas *self,
                                               gint64       id,
                                               gboolean     locked);
/* A label's shapes and masks out of sight for the session (the palette's eye, Shift+M);
 * "label-hidden" tells. Hidden: by itself or by its label. */
gboolean    cairn_canvas_get_label_hidden     (CairnCanvas *self,
                                               gint64       label_id);
void        cairn_canvas_set_label_hidden     (CairnCanvas *self,
                                               gint64       label_id,
                                               gboolean     hidden);
gboolean    cairn_canvas_shape_hidden         (CairnCanvas           *self,
                                               const CairnAnnotation *annotation);
/* Semantic masks, one label per pixel: the project's choice, kept in its file. */
gboolean    cairn_canvas_get_semantic_masks   (CairnCanvas *self);
void        cairn_canvas_set_semantic_masks   (CairnCanvas *self,
                                               gboolean     semantic);
void        cairn_canvas_set_show_names       (CairnCanvas *self,
                                               gboolean     show);
gboolean    cairn_canvas_get_show_names       (CairnCanvas *self);
/* The project's labels, in order (CairnLabel, owned by the canvas). */
GPtrArray  *cairn_canvas_get_labels           (CairnCanvas *self);
/* Image tags (cairn-canvas-edit.c): the item's tag annotation of a label, or NULL; toggling
 * adds or deletes it, one edit. */
const CairnAnnotation *cairn_canvas_find_tag  (CairnCanvas *self,
                                               gint64       label_id);
/* The labels the item is tagged with (a set of gint64), in one pass over its annotations. */
GHashTable *cairn_canvas_dup_tag_labels       (CairnCanvas *self);
gboolean    cairn_canvas_toggle_tag           (CairnCanvas *self,
                                               gint64       label_id);
/* Moves (x, y) onto the nearest vertex, or else edge, of another shape within a few screen
 * pixels (skip_id: the shape being changed). FALSE, unchanged, when none is near. */
gboolean    cairn_canvas_snap                 (CairnCanvas *self,
                                               gint64       skip_id,
                                               double      *x,
                                               double      *y);
void        cairn_canvas_clamp_to_image       (CairnCanvas *self,
                                               double      *x,
                                               double      *y);
/* A new annotation of kind on the shown item with the current label, for tools to fill. */
CairnAnnotation *cairn_canvas_new_annotation  (CairnCanvas *self,
                                               CairnKind    kind);
/* A shape being dragged, drawn in place of the annotation of its id; NULL ends it. */
void        cairn_canvas_set_preview        (CairnCanvas           *self,
                                             const CairnAnnotation *annotation);
/* Tells the annotator something (the window's status bar shows it): "notice". */
void        cairn_canvas_show_notice        (CairnCanvas *self,
                                             const char  *message);
/* Sends a tool's edit through the edit stack; on failure emits "edit-failed". */
gboolean    cairn_canvas_commit_edit        (CairnCanvas *self,
                                             CairnEdit   *edit);

G_END_DECLS
