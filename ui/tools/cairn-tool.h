#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _CairnCanvas CairnCanvas;

/* A pointer event as tools see it: in image pixels (for shapes) and widget pixels (for
 * panning and hit slop). */
typedef struct
{
  double          x;
  double          y;
  double          widget_x;
  double          widget_y;
  guint           button;
  guint           n_press;    /* 2 for the second press of a double click */
  GdkModifierType modifiers;
} CairnToolEvent;

/* What the canvas does with the pointer: select, pan, draw a box, a polygon... A tool works
 * in image coordinates, so tests drive it without a display, and makes changes only as edits
 * handed to cairn_canvas_commit_edit: one edit per finished gesture, never one per motion.
 * Its keys are actions on the canvas (tool.cancel, tool.finish, tool.back), which call the
 * methods below. Every method is optional. */
#define CAIRN_TYPE_TOOL (cairn_tool_get_type ())
G_DECLARE_INTERFACE (CairnTool, cairn_tool, CAIRN, TOOL, GObject)

struct _CairnToolInterface
{
  GTypeInterface parent_iface;

  /* The tool became current, or stopped being current (cancel what is half done). */
  void        (*activate)     (CairnTool            *self,
                               CairnCanvas          *canvas);
  void        (*deactivate)   (CairnTool            *self,
                               CairnCanvas          *canvas);
  /* Escape: drop the shape being drawn. FALSE when there was nothing to drop. */
  gboolean    (*cancel)       (CairnTool            *self,
                               CairnCanvas          *canvas);
  /* Enter or a double click: finish the shape being drawn. */
  gboolean    (*finish)       (CairnTool            *self,
                               CairnCanvas          *canvas);
  /* Backspace: take back the last step (a polygon's last vertex). */
  gboolean    (*back)         (CairnTool            *self,
                               CairnCanvas          *canvas);
  /* TRUE when the tool takes the gesture that starts here. */
  gboolean    (*press)        (CairnTool            *self,
                               CairnCanvas          *canvas,
                               const CairnToolEvent *event);
  void        (*drag)         (CairnTool            *self,
                               CairnCanvas          *canvas,
                               const CairnToolEvent *event);
  void        (*release)      (CairnTool            *self,
                               CairnCanvas          *canvas,
                               const CairnToolEvent *event);
  void        (*motion)       (CairnTool            *self,
                               CairnCanvas          *canvas,
                               const CairnToolEvent *event);
  /* cr is in image coordinates; zoom tells how big a screen pixel is. */
  void        (*draw_overlay) (CairnTool            *self,
                               CairnCanvas          *canvas,
                               cairo_t              *cr,
                               double                zoom);
  const char *(*get_cursor_name) (CairnTool *self);
};

void        cairn_tool_activate        (CairnTool            *self,
                                        CairnCanvas          *canvas);
void        cairn_tool_deactivate      (CairnTool            *self,
                                        CairnCanvas          *canvas);
gboolean    cairn_tool_cancel          (CairnTool            *self,
                                        CairnCanvas          *canvas);
gboolean    cairn_tool_finish          (CairnTool            *self,
                                        CairnCanvas          *canvas);
gboolean    cairn_tool_back            (CairnTool            *self,
                                        CairnCanvas          *canvas);
gboolean    cairn_tool_press           (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        const CairnToolEvent *event);
void        cairn_tool_drag            (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        const CairnToolEvent *event);
void        cairn_tool_release         (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        const CairnToolEvent *event);
void        cairn_tool_motion          (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        const CairnToolEvent *event);
void        cairn_tool_draw_overlay    (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        cairo_t              *cr,
                                        double                zoom);
const char *cairn_tool_get_cursor_name (CairnTool *self);

G_END_DECLS
