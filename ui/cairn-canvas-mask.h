#pragma once

#include "edit/cairn-edit.h"
#include "mask/cairn-bitmap.h"
#include "mask/cairn-mask-fill.h"
#include "cairn-canvas.h"

G_BEGIN_DECLS

/* Masks on the canvas: how they are shown (opacity, outline only, labels hidden) and the one
 * a segmentation tool is changing. That one is a bitmap edited in place and an A8 surface of
 * which each dab refreshes only the rectangle it touched, drawn over the cached shape layer
 * (which leaves it out) until the gesture ends as one edit. */
typedef struct _CairnMaskOverlay CairnMaskOverlay;

typedef enum
{
  CAIRN_MASK_PAINT, /* the selected mask, the current label's under (x, y), or a new one */
  CAIRN_MASK_ERASE, /* the selected mask, or the topmost one under (x, y); none: FALSE */
} CairnMaskIntent;

#define CAIRN_MASK_DEFAULT_OPACITY 0.45

/* Starts changing a mask; FALSE (with a notice) when there is none to change. */
gboolean     cairn_canvas_mask_begin       (CairnCanvas     *self,
                                            CairnMaskIntent  intent,
                                            double           x,
                                            double           y);
gboolean     cairn_canvas_mask_is_live     (CairnCanvas *self);
/* The bitmap being changed (the image's size), or NULL. */
CairnBitmap *cairn_canvas_mask_get_bits    (CairnCanvas *self);
/* The bitmap changed within rect: shown at the next frame. */
void         cairn_canvas_mask_changed     (CairnCanvas         *self,
                                            const CairnMaskRect *rect);
/* Ends the gesture as one edit (a mask emptied is deleted); FALSE when nothing changed or
 * the edit failed. */
gboolean     cairn_canvas_mask_commit      (CairnCanvas   *self,
                                            CairnEditVerb  verb);
void         cairn_canvas_mask_cancel      (CairnCanvas *self);

/* The stored mask an annotation holds, as a bitmap: decoded once and kept while it stays
 * the same. NULL when it is not a mask of the image's size. Borrowed. */
const CairnBitmap *cairn_canvas_mask_peek  (CairnCanvas           *self,
                                            const CairnAnnotation *annotation);

double       cairn_canvas_mask_get_opacity (CairnCanvas *self);
void         cairn_canvas_mask_set_opacity (CairnCanvas *self,
                                            double       opacity);
gboolean     cairn_canvas_mask_get_outline (CairnCanvas *self);
void         cairn_canvas_mask_set_outline (CairnCanvas *self,
                                            gboolean     outline);
/* Semantic masks (one label per pixel), the project's choice: the canvas's "semantic-masks"
 * property reads and writes it. */
gboolean     cairn_canvas_mask_get_semantic (CairnCanvas *self);
void         cairn_canvas_mask_set_semantic (CairnCanvas *self,
                                             gboolean     semantic);
/* What the tool under way writes into the bitmap: 1, or 0 when it takes pixels out of the
 * mask (erasing in instance mode; the semantic eraser marks what it goes over with 1). */
guint8       cairn_canvas_mask_get_ink      (CairnCanvas *self);

/* The image's pixels for the wand, scissors and superpixels; FALSE while it decodes. */
gboolean     cairn_canvas_get_pixels       (CairnCanvas *self,
                                            CairnPixels *pixels);

G_END_DECLS

/* For the canvas itself (cairn-canvas*.c). */
CairnMaskOverlay *cairn_mask_overlay_new          (void);
void              cairn_mask_overlay_free         (CairnMaskOverlay *overlay);
/* cairn-canvas-mask-actions.c: tool.size, tool.compactness, tool.tip, tool.finish-mask,
 * canvas.mask-*, canvas.hide-label-masks, canvas.polygon-to-mask, canvas.mask-to-polygon. */
void              cairn_canvas_mask_class_init    (GtkWidgetClass *widget_class);
/* FALSE for a mask whose label is hidden, or the one being changed (drawn live instead). */
gboolean          cairn_canvas_mask_shown         (CairnCanvas           *self,
                                                   const CairnAnnotation *annotation);
/* A stored mask as the view shows it: filled at the opacity, or its outline. */
void              cairn_canvas_mask_paint         (CairnCanvas           *self,
                                                   cairo_t               *cr,
                                                   const CairnAnnotation *annotation,
                                                   cairo_surface_t       *surface,
                                                   cairo_pattern_t       *pattern,
                                                   double                 r,
                                                   double                 g,
                                                   double                 b);
/* A stored mask of a picture over 32 767 px a side, as a surface reduced until cairo takes
 * it (cairn_canvas_mask_paint scales it back); NULL when the RLE does not check out. */
cairo_surface_t  *cairn_canvas_mask_new_big_surface (const CairnRle *rle);
/* The mask being changed, over the layer; cr in image coordinates. */
void              cairn_canvas_mask_draw_live     (CairnCanvas *self,
                                                   cairo_t     *cr,
                                                   double       zoom);
/* After the annotations were read again: the surface the last gesture painted becomes the
 * stored mask's, so the layer does not decode it again. */
void              cairn_canvas_mask_adopt         (CairnCanvas *self);

/* cairn-canvas-mask-semantic.c */
gboolean          cairn_canvas_mask_read_semantic (CairnCanvas *self);
/* FALSE (told as a failed edit) when the project file could not be written. */
gboolean          cairn_canvas_mask_write_semantic (CairnCanvas *self,
                                                    gboolean     semantic);
/* The current label's mask of the item (the selected one if it is of that label). */
const CairnAnnotation *cairn_canvas_mask_semantic_target (CairnCanvas *self);
void              cairn_canvas_mask_mark_semantic (CairnAnnotation *mask);
/* Adds to edit the other masks of the item without the pixels set in bits over rect (keep_id:
 * the one painted; -1: none, and only masks shown); how many changed. */
guint             cairn_canvas_mask_take_from_others (CairnCanvas         *self,
                                                      CairnEdit           *edit,
                                                      const CairnBitmap   *bits,
                                                      const CairnMaskRect *rect,
                                                      gint64               keep_id);
gboolean          cairn_canvas_mask_has_shown     (CairnCanvas *self);
