#define G_LOG_DOMAIN "cairn-tool"

#include "cairn-tool.h"

G_DEFINE_INTERFACE (CairnTool, cairn_tool, G_TYPE_OBJECT)

static void
cairn_tool_default_init (CairnToolInterface *iface)
{
}

gboolean
cairn_tool_press (CairnTool            *self,
                  CairnCanvas          *canvas,
                  const CairnToolEvent *event)
{
  CairnToolInterface *iface;

  g_return_val_if_fail (CAIRN_IS_TOOL (self), FALSE);
  iface = CAIRN_TOOL_GET_IFACE (self);
  return iface->press ? iface->press (self, canvas, event) : FALSE;
}

void
cairn_tool_drag (CairnTool            *self,
                 CairnCanvas          *canvas,
                 const CairnToolEvent *event)
{
  CairnToolInterface *iface;

  g_return_if_fail (CAIRN_IS_TOOL (self));
  iface = CAIRN_TOOL_GET_IFACE (self);
  if (iface->drag)
    iface->drag (self, canvas, event);
}

void
cairn_tool_release (CairnTool            *self,
                    CairnCanvas          *canvas,
                    const CairnToolEvent *event)
{
  CairnToolInterface *iface;

  g_return_if_fail (CAIRN_IS_TOOL (self));
  iface = CAIRN_TOOL_GET_IFACE (self);
  if (iface->release)
    iface->release (self, canvas, event);
}

void
cairn_tool_motion (CairnTool            *self,
                   CairnCanvas          *canvas,
                   const CairnToolEvent *event)
{
  CairnToolInterface *iface;

  g_return_if_fail (CAIRN_IS_TOOL (self));
  iface = CAIRN_TOOL_GET_IFACE (self);
  if (iface->motion)
    iface->motion (self, canvas, event);
}

gboolean
cairn_tool_key (CairnTool       *self,
                CairnCanvas     *canvas,
                guint            keyval,
                GdkModifierType  modifiers)
{
  CairnToolInterface *iface;

  g_return_val_if_fail (CAIRN_IS_TOOL (self), FALSE);
  iface = CAIRN_TOOL_GET_IFACE (self);
  return iface->key ? iface->key (self, canvas, keyval, modifiers) : FALSE;
}

void
cairn_tool_draw_overlay (CairnTool   *self,
                         CairnCanvas *canvas,
                         cairo_t     *cr,
                         double       zoom)
{
  CairnToolInterface *iface;

  g_return_if_fail (CAIRN_IS_TOOL (self));
  iface = CAIRN_TOOL_GET_IFACE (self);
  if (iface->draw_overlay)
    iface->draw_overlay (self, canvas, cr, zoom);
}

const char *
cairn_tool_get_cursor_name (CairnTool *self)
{
  CairnToolInterface *iface;

  g_return_val_if_fail (CAIRN_IS_TOOL (self), NULL);
  iface = CAIRN_TOOL_GET_IFACE (self);
  return iface->get_cursor_name ? iface->get_cursor_name (self) : NULL;
}
