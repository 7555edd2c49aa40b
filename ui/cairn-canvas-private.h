#pragma once

#include "cairn-canvas.h"
#include "cairn-canvas-mask.h"
#include "cairn-shape-inspector.h"

G_BEGIN_DECLS

struct _CairnCanvas
{
  GtkWidget       parent_instance;

  CairnImage     *image;
  int             image_width;
  int             image_height;
  GPtrArray      *annotations;   /* CairnAnnotation, the item's, in store order */
  GPtrArray      *label_order;   /* CairnLabel, the project's, in order */
  GPtrArray      *palette;       /* borrowed from label_order: those the tool can draw */
  GHashTable     *labels;        /* gint64 * → CairnLabel (borrowed from label_order) */
  GHashTable     *masks;         /* CairnAnnotation → cairo_surface_t (A8), made when first drawn */
  CairnMaskOverlay *mask_overlay; /* how masks look, the one a tool changes (cairn-canvas-mask.c) */

  /* The item shown and where its edits go (CairnItemView). */
  CairnStore     *store;
  gint64          item_id;
  CairnEditStack *edit_stack;
  gint64          current_label_id;

  double          zoom;
  double          offset_x;
  double          offset_y;
  gboolean        fit;

  GHashTable     *tools;         /* name → CairnTool */
  char           *tool_name;
  CairnTool      *tool;
  gboolean        space_panning; /* Space held: the pan tool until it is let go */
  CairnTool      *gesture_tool;  /* the tool that took the drag under way */
  gboolean        tool_has_gesture;
  guint32         last_press_time;
  double          last_press_x;
  double          last_press_y;
  CairnAnnotation *preview;      /* a shape being dragged, drawn in place of its stored self */
  gboolean        panning;       /* middle-button drag, whatever the tool */
  double          pan_origin_x;
  double          pan_origin_y;
  double          drag_start_x;
  double          drag_start_y;

  gint64          selected_id;   /* the one the inspector shows and handles are drawn on */
  GArray         *also_selected; /* gint64: others a rubber band or Shift+click added */
  gboolean        pointer_inside;
  double          pointer_widget_x;
  double          pointer_widget_y;

  GtkWidget      *inspector;
  GtkWidget      *ocr_popover;   /* the text of the OCR box just drawn (cairn-canvas-ocr.c) */
  gint64          ocr_id;
  GHashTable     *hidden;        /* gint64 ids: hidden while this window shows them */
  GHashTable     *hidden_labels; /* gint64 label ids: their shapes and masks hidden */
  GHashTable     *locked;        /* gint64 ids: not moved, reshaped or deleted */
  gboolean        show_names;
  CairnAnnotation *clipboard;    /* Ctrl+C: pasted on this item or the next ones */

  /* Hit tests look in a grid of the shapes' bounds (cairn-canvas.c), made again when the
   * annotations change. */
  guint           shapes_generation;
  guint           grid_generation;
  GPtrArray      *grid;          /* GArray of guint (annotation index) per cell, or NULL */
  guint           grid_cols;
  guint           grid_rows;
  double          grid_cell;

  /* The cached view, picture and shape layer composed (cairn-canvas-draw.c): drawn again
   * when generation, the picture or the view moves. */
  guint            generation;
  cairo_surface_t *view;
  cairo_region_t  *view_damage;    /* screen rectangles to compose again, or NULL */
  GdkTexture      *view_texture;
  CairnImage      *view_image;     /* compared only, not owned */
  guint            view_generation;
  guint            view_drawn;
  double           view_zoom;
  double           view_x;
  double           view_y;
  int              view_width;
  int              view_height;

  guint           n_drawn_shapes;
  guint           n_frames;

  /* Zoom and fit changed while allocating: told from an idle, since listeners resize other
   * widgets and GTK drops resizes queued in the middle of an allocation. */
  gboolean        allocating;
  guint           notify_id;
  gboolean        zoom_pending;
  gboolean        fit_pending;
};

typedef enum
{
  CAIRN_CANVAS_PART_ALL,
  CAIRN_CANVAS_PART_LAYER,  /* all as stored, none emphasised, but the one being dragged */
  CAIRN_CANVAS_PART_LIVE,   /* over it: the dragged one, the selected one emphasised */
} CairnCanvasPart;

/* cairn-canvas-draw.c */
guint       cairn_canvas_draw_part  (CairnCanvas     *self,
                                     cairo_t         *cr,
                                     double           zoom,
                                     CairnCanvasPart  part);
cairo_surface_t *cairn_canvas_get_view         (CairnCanvas *self,
                                                int          width,
                                                int          height,
                                                guint       *n_drawn);
GdkTexture      *cairn_canvas_get_view_texture (CairnCanvas *self,
                                                int          width,
                                                int          height,
                                                guint       *n_drawn);
void             cairn_canvas_damage           (CairnCanvas           *self,
                                                const CairnAnnotation *annotation);
guint            cairn_canvas_count_in_view    (CairnCanvas           *self);
/* Something drawn changed: the layer is drawn again at the next frame. */
#define cairn_canvas_invalidate_layer(self) ((self)->generation++)

/* cairn-canvas.c */
void cairn_canvas_update_cursor      (CairnCanvas    *self);
void cairn_canvas_annotations_changed (CairnCanvas   *self);
void cairn_canvas_emit_edit_failed   (CairnCanvas    *self,
                                      const char     *message);
void cairn_canvas_emit_label_hidden  (CairnCanvas    *self,
                                      gint64          label_id,
                                      gboolean        hidden);

/* cairn-canvas-edit.c: the canvas.* and tool.* actions, the tools, the item view. */
void cairn_canvas_class_init_actions (GtkWidgetClass *widget_class);
/* cairn-canvas-ocr.c */
void cairn_canvas_present_popovers (CairnCanvas *self);
void cairn_canvas_drop_popovers    (CairnCanvas *self);
/* cairn-canvas-selection.c */
void cairn_canvas_forget_gone_selection (CairnCanvas *self);
void cairn_canvas_class_init_selection  (GtkWidgetClass *widget_class);
/* The selected shapes (the one selected first), as stored; locked ones left out when
 * editable. */
GPtrArray *cairn_canvas_selected_shapes (CairnCanvas *self,
                                         gboolean     editable);
/* cairn-canvas-visibility.c */
void cairn_canvas_class_init_visibility (GtkWidgetClass *widget_class);
/* FALSE, telling the annotator, when the shape is locked. */
gboolean cairn_canvas_check_unlocked (CairnCanvas *self,
                                      gint64       id);
void cairn_canvas_item_view_init     (CairnItemViewInterface *iface);
void cairn_canvas_init_tools         (CairnCanvas    *self);
void cairn_canvas_update_actions     (CairnCanvas    *self);
void cairn_canvas_update_inspector   (CairnCanvas    *self);

G_END_DECLS
