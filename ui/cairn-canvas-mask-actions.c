#define G_LOG_DOMAIN "cairn-canvas"

/* The canvas's actions about masks: the segmentation tools' keys (size, compactness, tip,
 * scissors as a mask), how masks look, and polygon ↔ mask as one edit each. */

#include <glib/gi18n.h>

#include "mask/cairn-contour.h"
#include "mask/cairn-mask-paint.h"
#include "tools/cairn-brush-tool.h"
#include "tools/cairn-scissors-tool.h"
#include "tools/cairn-superpixels-tool.h"
#include "cairn-canvas-mask.h"
#include "cairn-canvas-private.h"

/* Polygon ↔ mask */

/* Outlines are kept within a pixel of the mask's edge: close to what was painted, with a
 * vertex per turn of the outline rather than per pixel step. */
#define TO_POLYGON_TOLERANCE 1.0

static void
commit_conversion (CairnCanvas *self, const CairnAnnotation *from, CairnAnnotation *to)
{
  g_autoptr(CairnEdit) edit = cairn_edit_new (CAIRN_EDIT_VERB_CONVERT, to->kind);

  /* One edit: undo brings the old shape back, with its id. */
  cairn_edit_add_annotation (edit, from, NULL);
  cairn_edit_add_annotation (edit, NULL, to);
  if (cairn_canvas_commit_edit (self, edit))
    cairn_canvas_set_selected_id (self, cairn_edit_get_annotation_id (edit, 1));
}

static void
polygon_to_mask_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  const CairnAnnotation *polygon = cairn_canvas_get_annotation (self, self->selected_id);
  g_autoptr(CairnBitmap) bits = NULL;
  g_autoptr(CairnAnnotation) mask = NULL;

  if (polygon == NULL || polygon->kind != CAIRN_KIND_POLYGON || polygon->rings->len == 0
      || self->image_width <= 0 || self->image_height <= 0)
    {
      cairn_canvas_show_notice (self, _("Select a polygon to turn into a mask"));
      return;
    }
  bits = cairn_bitmap_new (self->image_width, self->image_height);
  cairn_mask_fill_polygon (bits, (const double *) polygon->coords->data,
                           (const guint *) polygon->rings->data, polygon->rings->len, 1, NULL);
  if (cairn_bitmap_count (bits) == 0)
    {
      cairn_canvas_show_notice (self, _("The polygon covers no pixel of the picture"));
      return;
    }
  mask = cairn_annotation_copy (polygon);
  mask->id = 0;
  mask->kind = CAIRN_KIND_MASK;
  g_array_set_size (mask->coords, 0);
  g_array_set_size (mask->rings, 0);
  cairn_annotation_set_mask (mask, cairn_bitmap_to_rle (bits));
  commit_conversion (self, polygon, mask);
}

static void
mask_to_polygon_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  const CairnAnnotation *mask = cairn_canvas_get_annotation (self, self->selected_id);
  g_autoptr(CairnBitmap) bits = NULL;
  g_autoptr(GPtrArray) rings = NULL;
  g_autoptr(CairnAnnotation) polygon = NULL;

  if (mask == NULL || mask->kind != CAIRN_KIND_MASK || mask->mask == NULL
      || (bits = cairn_bitmap_new_from_rle (mask->mask, NULL)) == NULL)
    {
      cairn_canvas_show_notice (self, _("Select a mask to turn into a polygon"));
      return;
    }
  polygon = cairn_annotation_copy (mask);
  polygon->id = 0;
  polygon->kind = CAIRN_KIND_POLYGON;
  g_clear_pointer (&polygon->mask, cairn_rle_free);
  g_array_set_size (polygon->coords, 0);
  rings = cairn_contour_trace (bits);
  for (guint i = 0; i < rings->len; i++)
    {
      g_autoptr(GArray) ring = cairn_contour_simplify (rings->pdata[i], TO_POLYGON_TOLERANCE);

      /* Outer rings and holes alike: polygons are filled even-odd. */
      if (ring->len >= 6)
        cairn_annotation_add_ring (polygon, (const double *) ring->data, ring->len / 2);
    }
  if (polygon->rings->len == 0)
    return;
  commit_conversion (self, mask, polygon);
}

/* Actions */

static void
size_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  int steps = g_variant_get_int32 (parameter);

  if (CAIRN_IS_BRUSH_TOOL (self->tool))
    {
      g_autofree char *text = NULL;

      cairn_brush_tool_step_size (CAIRN_BRUSH_TOOL (self->tool), steps);
      /* Translators: the brush size as [ and ] change it, in image pixels. */
      text = g_strdup_printf (_("Brush size %g px"),
                              cairn_brush_tool_get_size (CAIRN_BRUSH_TOOL (self->tool)));
      cairn_canvas_show_notice (self, text);
    }
  else if (CAIRN_IS_SUPERPIXELS_TOOL (self->tool))
    cairn_superpixels_tool_step_size (CAIRN_SUPERPIXELS_TOOL (self->tool), self, steps);
  gtk_widget_queue_draw (widget);
}

static void
compactness_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (CAIRN_IS_SUPERPIXELS_TOOL (self->tool))
    cairn_superpixels_tool_step_compactness (CAIRN_SUPERPIXELS_TOOL (self->tool), self,
                                             g_variant_get_int32 (parameter));
}

static void
tip_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  CairnBrushTool *brush;

  if (!CAIRN_IS_BRUSH_TOOL (self->tool))
    return;
  brush = CAIRN_BRUSH_TOOL (self->tool);
  cairn_brush_tool_set_tip (brush, cairn_brush_tool_get_tip (brush) == CAIRN_TIP_ROUND
                                     ? CAIRN_TIP_SQUARE : CAIRN_TIP_ROUND);
  gtk_widget_queue_draw (widget);
}

static void
finish_mask_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (CAIRN_IS_SCISSORS_TOOL (self->tool))
    cairn_scissors_tool_finish_mask (CAIRN_SCISSORS_TOOL (self->tool), self);
}

static void
outline_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  cairn_canvas_mask_set_outline (self, !cairn_canvas_mask_get_outline (self));
}

static void
opacity_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  g_autofree char *text = NULL;

  cairn_canvas_mask_set_opacity (self, cairn_canvas_mask_get_opacity (self)
                                         + g_variant_get_double (parameter));
  /* Translators: the masks' opacity as it changes, e.g. "Masks at 55 %". */
  text = g_strdup_printf (_("Masks at %.0f %%"), 100 * cairn_canvas_mask_get_opacity (self));
  cairn_canvas_show_notice (self, text);
}

static void
hide_label_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  gint64 label = self->current_label_id;

  cairn_canvas_set_label_hidden (self, label, !cairn_canvas_get_label_hidden (self, label));
}

void
cairn_canvas_mask_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "tool.size", "i", size_activated);
  gtk_widget_class_install_action (widget_class, "tool.compactness", "i", compactness_activated);
  gtk_widget_class_install_action (widget_class, "tool.tip", NULL, tip_activated);
  gtk_widget_class_install_action (widget_class, "tool.finish-mask", NULL, finish_mask_activated);
  gtk_widget_class_install_action (widget_class, "canvas.mask-outline", NULL, outline_activated);
  gtk_widget_class_install_action (widget_class, "canvas.mask-opacity", "d", opacity_activated);
  gtk_widget_class_install_action (widget_class, "canvas.hide-label-masks", NULL,
                                   hide_label_activated);
  gtk_widget_class_install_action (widget_class, "canvas.polygon-to-mask", NULL,
                                   polygon_to_mask_activated);
  gtk_widget_class_install_action (widget_class, "canvas.mask-to-polygon", NULL,
                                   mask_to_polygon_activated);
}
