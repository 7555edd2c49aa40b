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

  gint64          selected_id;
  gboolean        pointer_inside;
  double          pointer_widget_x;
  double          pointer_widget_y;

  GtkWidget      *inspector;
  CairnAnnotation *clipboard;    /* Ctrl+C: pasted on this item or the next ones */

  /* Hit tests look in a grid of the shapes' bounds (cairn-canvas.c), made again when the
   * annotations change. */
  guint           shapes_generation;
  guint           grid_generation;
  GPtrArray      *grid;          /* GArray of guint (annotation index) per cell, or NULL */
  guint           grid_cols;
  guint           grid_rows;
  double          grid_cell;

  /* The cached shape layer (cairn-canvas-draw.c): redrawn when generation or the view moves. */
  guint           generation;
  GdkTexture     *layer;
  guint           layer_generation;
  guint           layer_drawn;
  double          layer_zoom;
  double          layer_x;
  double          layer_y;
  int             layer_width;
  int             layer_height;

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
GdkTexture *cairn_canvas_get_layer  (CairnCanvas     *self,
                                     int              width,
                                     int              height,
                                     guint           *n_drawn);
/* Something drawn changed: the layer is drawn again at the next frame. */
#define cairn_canvas_invalidate_layer(self) ((self)->generation++)

/* cairn-canvas.c */
void cairn_canvas_update_cursor      (CairnCanvas    *self);
void cairn_canvas_annotations_changed (CairnCanvas   *self);
void cairn_canvas_emit_edit_failed   (CairnCanvas    *self,
                                      const char     *message);

/* cairn-canvas-edit.c: the canvas.* and tool.* actions, the tools, the item view. */
void cairn_canvas_class_init_actions (GtkWidgetClass *widget_class);
void cairn_canvas_item_view_init     (CairnItemViewInterface *iface);
void cairn_canvas_init_tools         (CairnCanvas    *self);
void cairn_canvas_update_actions     (CairnCanvas    *self);
void cairn_canvas_update_inspector   (CairnCanvas    *self);

G_END_DECLS
