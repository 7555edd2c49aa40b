#define G_LOG_DOMAIN "cairn-tool"

#include "cairn-tool.h"

G_DEFINE_INTERFACE (CairnTool, cairn_tool, G_TYPE_OBJECT)

static void
cairn_tool_default_init (CairnToolInterface *iface)
{
}

/* Each wrapper calls the method when the tool has it. */
#define CALL_VOID(method, ...)                                  \
  G_STMT_START {                                                \
    CairnToolInterface *iface;                                  \
    g_return_if_fail (CAIRN_IS_TOOL (self));                    \
    iface = CAIRN_TOOL_GET_IFACE (self);                        \
    if (iface->method)                                          \
      iface->method (self, __VA_ARGS__);                        \
  } G_STMT_END

#define CALL_BOOL(method, ...)                                  \
  G_STMT_START {                                                \
    CairnToolInterface *iface;                                  \
    g_return_val_if_fail (CAIRN_IS_TOOL (self), FALSE);         \
    iface = CAIRN_TOOL_GET_IFACE (self);                        \
    return iface->method ? iface->method (self, __VA_ARGS__) : FALSE; \
  } G_STMT_END

void
cairn_tool_activate (CairnTool   *self,
                     CairnCanvas *canvas)
{
  CALL_VOID (activate, canvas);
}

void
cairn_tool_deactivate (CairnTool   *self,
                       CairnCanvas *canvas)
{
  CALL_VOID (deactivate, canvas);
}

gboolean
cairn_tool_cancel (CairnTool   *self,
                   CairnCanvas *canvas)
{
  CALL_BOOL (cancel, canvas);
}

gboolean
cairn_tool_finish (CairnTool   *self,
                   CairnCanvas *canvas)
{
  CALL_BOOL (finish, canvas);
}

gboolean
cairn_tool_back (CairnTool   *self,
                 CairnCanvas *canvas)
{
  CALL_BOOL (back, canvas);
}

gboolean
cairn_tool_press (CairnTool            *self,
                  CairnCanvas          *canvas,
                  const CairnToolEvent *event)
{
  CALL_BOOL (press, canvas, event);
}

void
cairn_tool_drag (CairnTool            *self,
                 CairnCanvas          *canvas,
                 const CairnToolEvent *event)
{
  CALL_VOID (drag, canvas, event);
}

void
cairn_tool_release (CairnTool            *self,
                    CairnCanvas          *canvas,
                    const CairnToolEvent *event)
{
  CALL_VOID (release, canvas, event);
}

void
cairn_tool_motion (CairnTool            *self,
                   CairnCanvas          *canvas,
                   const CairnToolEvent *event)
{
  CALL_VOID (motion, canvas, event);
}

void
cairn_tool_draw_overlay (CairnTool   *self,
                         CairnCanvas *canvas,
                         cairo_t     *cr,
                         double       zoom)
{
  CALL_VOID (draw_overlay, canvas, cr, zoom);
}

const char *
cairn_tool_get_cursor_name (CairnTool *self)
{
  CairnToolInterface *iface;

  g_return_val_if_fail (CAIRN_IS_TOOL (self), NULL);
  iface = CAIRN_TOOL_GET_IFACE (self);
  return iface->get_cursor_name ? iface->get_cursor_name (self) : NULL;
}
