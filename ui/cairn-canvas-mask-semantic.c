#define G_LOG_DOMAIN "cairn-canvas"

/* Semantic masks: one label per pixel. The project's choice (meta "mask.semantic"); painting
 * label A goes on A's one mask of the item and takes those pixels from every other mask there,
 * the eraser takes them from all, in the one edit the gesture makes. */

#include <glib/gi18n.h>

#include "model/cairn-rle-patch.h"
#include "cairn-canvas-mask.h"
#include "cairn-canvas-private.h"

#define META_SEMANTIC "mask.semantic"

gboolean
cairn_canvas_mask_read_semantic (CairnCanvas *self)
{
  g_autofree char *value = self->store ? cairn_store_dup_meta (self->store, META_SEMANTIC) : NULL;

  return g_strcmp0 (value, "true") == 0;
}

gboolean
cairn_canvas_mask_write_semantic (CairnCanvas *self,
                                  gboolean     semantic)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || cairn_canvas_mask_read_semantic (self) == semantic)
    return TRUE;
  if (cairn_store_set_meta (self->store, META_SEMANTIC, semantic ? "true" : "false", &error))
    return TRUE;
  cairn_canvas_emit_edit_failed (self, error->message);
  return FALSE;
}

const CairnAnnotation *
cairn_canvas_mask_semantic_target (CairnCanvas *self)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);

  if (selected != NULL && selected->kind == CAIRN_KIND_MASK
      && selected->label_id == self->current_label_id)
    return selected;
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_MASK && a->mask != NULL && a->label_id == self->current_label_id)
        return a;
    }
  return NULL;
}

void
cairn_canvas_mask_mark_semantic (CairnAnnotation *mask)
{
  json_object_set_boolean_member (mask->attributes, CAIRN_MASK_SEMANTIC, TRUE);
}

/* The rectangle of bits as bytes, row-major. */
static guint8 *
read_bytes (const CairnBitmap *bits, const CairnMaskRect *rect)
{
  guint8 *out = g_malloc0 ((gsize) rect->width * rect->height);

  cairn_bitmap_read_rect (bits, rect, out, rect->width, 1);
  return out;
}

guint
cairn_canvas_mask_take_from_others (CairnCanvas         *self,
                                    CairnEdit           *edit,
                                    const CairnBitmap   *bits,
                                    const CairnMaskRect *rect,
                                    gint64               keep_id)
{
  CairnMaskRect r = *rect;
  g_autofree guint8 *take = NULL;
  guint n = 0;

  if (!cairn_mask_rect_clip (&r, bits->width, bits->height))
    return 0;
  take = read_bytes (bits, &r);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];
      g_autoptr(CairnRle) left = NULL;
      g_autoptr(CairnAnnotation) after = NULL;

      /* Locked masks keep their pixels; hidden ones too, when erasing (keep_id -1). */
      if (a->kind != CAIRN_KIND_MASK || a->mask == NULL || a->id == keep_id
          || a->mask->width != bits->width || a->mask->height != bits->height
          || cairn_canvas_is_locked (self, a->id)
          || (keep_id < 0 && !cairn_canvas_mask_shown (self, a)))
        continue;
      left = cairn_rle_take (a->mask, take, r.x, r.y, r.width, r.height);
      if (left == NULL)
        continue;
      if (cairn_rle_area (left) == 0)
        cairn_edit_add_annotation (edit, a, NULL);
      else
        {
          after = cairn_annotation_copy (a);
          cairn_annotation_set_mask (after, g_steal_pointer (&left));
          cairn_edit_add_annotation (edit, a, after);
        }
      n++;
    }
  return n;
}

gboolean
cairn_canvas_mask_has_shown (CairnCanvas *self)
{
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_MASK && a->mask != NULL && cairn_canvas_mask_shown (self, a))
        return TRUE;
    }
  return FALSE;
}
