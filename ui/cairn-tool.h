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
  GdkModifierType modifiers;
} CairnToolEvent;

/* What the canvas does with the pointer and keys: select/pan now, the drawing tools (box,
 * polygon, brush...) later. Tools work in image coordinates so tests drive them without a
 * display. Every method is optional. */
#define CAIRN_TYPE_TOOL (cairn_tool_get_type ())
G_DECLARE_INTERFACE (CairnTool, cairn_tool, CAIRN, TOOL, GObject)

struct _CairnToolInterface
{
  GTypeInterface parent_iface;

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
  gboolean    (*key)          (CairnTool            *self,
                               CairnCanvas          *canvas,
                               guint                 keyval,
                               GdkModifierType       modifiers);
  /* cr is in image coordinates; zoom tells how big a screen pixel is. */
  void        (*draw_overlay) (CairnTool            *self,
                               CairnCanvas          *canvas,
                               cairo_t              *cr,
                               double                zoom);
  const char *(*get_cursor_name) (CairnTool *self);
};

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
gboolean    cairn_tool_key             (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        guint                 keyval,
                                        GdkModifierType       modifiers);
void        cairn_tool_draw_overlay    (CairnTool            *self,
                                        CairnCanvas          *canvas,
                                        cairo_t              *cr,
                                        double                zoom);
const char *cairn_tool_get_cursor_name (CairnTool *self);

G_END_DECLS
