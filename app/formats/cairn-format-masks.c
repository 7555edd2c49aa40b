#define G_LOG_DOMAIN "cairn-format-masks"

#include "cairn-formats-image.h"
#include "cairn-image-common.h"
#include "cairn-voc-private.h"

/* Semantic masks: for every image, indexed/NAME.png (a palette PNG whose pixel values are the
 * class numbers, 0 the background) and color/NAME.png (the same in the labels' colours), with
 * the colour map beside them as labelmap.txt (CVAT / Datumaro) and colormap.json. Masks,
 * polygons, ellipses and rotated boxes are painted in the order they were made, the later on
 * top. With splits, each split has its own indexed/ and color/ under SPLIT/. */

typedef struct
{
  CairnImageExport          base;
  GPtrArray                *names;    /* by class number */
  guint8                    palette[256 * 3];
} Export;

static void
label_rgb (Export *ex, guint index, guint8 rgb[3])
{
  g_autoptr(CairnLabel) label
      = index > 0 ? cairn_store_find_label (ex->base.store, ex->names->pdata[index], NULL) : NULL;
  double r, g, b;

  /* The label's own colour; VOC's map for a class whose label is gone. */
  cairn_voc_color (index, rgb);
  if (label && label->color && cairn_color_parse (label->color, &r, &g, &b))
    {
      rgb[0] = (guint8) CLAMP (r * 255 + 0.5, 0, 255);
      rgb[1] = (guint8) CLAMP (g * 255 + 0.5, 0, 255);
      rgb[2] = (guint8) CLAMP (b * 255 + 0.5, 0, 255);
    }
}

static gboolean
number_classes (Export *ex, GError **error)
{
  cairn_image_number_classes (ex->base.store, ex->base.labels, VOC_META_CLASSES, "background",
                              ex->base.class_of, ex->names);
  if (ex->names->len > 256)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "an 8-bit mask holds at most 255 classes; this project has %u labels",
                   ex->names->len - 1);
      return FALSE;
    }
  for (guint i = 0; i < ex->names->len; i++)
    label_rgb (ex, i, ex->palette + 3 * i);
  return TRUE;
}

static gboolean
paint (Export *ex, guint8 *pixels, const CairnItem *item, const CairnAnnotation *a)
{
  int c = cairn_image_class_of (ex->base.class_of, a->label_id);

  if (c <= 0)
    return FALSE;
  if (a->kind == CAIRN_KIND_RBOX)
    {
      /* fill_annotation leaves boxes out; a rotated box is an area all the same. */
      g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (guint));

      cairn_image_outline (a, coords, rings);
      cairn_image_fill_rings (pixels, item->width, item->height, (const double *) coords->data,
                              (const guint *) rings->data, rings->len, c);
      return TRUE;
    }
  return cairn_image_fill_annotation (pixels, item->width, item->height, a, c);
}

static gboolean
export_item (Export *ex, const CairnItem *item, const char *dir, GHashTable *used,
             GError **error)
{
  g_autofree char *name = cairn_image_export_name (ex->base.options, item, used);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot ? (gsize) (dot - name) : strlen (name));
  g_autofree char *png = g_strconcat (stem, ".png", NULL);
  g_autofree char *indexed_path = g_build_filename (dir, "indexed", png, NULL);
  g_autofree char *color_path = g_build_filename (dir, "color", png, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree guint8 *pixels = NULL;
  guint8 *rgb;
  gsize n;

  if (item->width <= 0 || item->height <= 0)
    {
      g_string_append_printf (ex->base.missing, "%s\tsize unknown: no mask written\n", name);
      return TRUE;
    }
  list = cairn_image_list_annotations (ex->base.store, item->id, ex->base.annotator_id, error);
  if (list == NULL)
    return FALSE;
  n = (gsize) item->width * item->height;
  pixels = cairn_image_new_raster (ex->base.options, item, 4, name, ex->base.missing);
  if (pixels == NULL)
    return TRUE;
  rgb = pixels + n;
  for (guint i = 0; i < list->len; i++)
    paint (ex, pixels, item, list->pdata[i]);
  for (gsize p = 0; p < n; p++)
    memcpy (rgb + 3 * p, ex->palette + 3 * pixels[p], 3);
  return cairn_png_write_indexed (indexed_path, item->width, item->height, pixels, ex->palette,
                                  MAX (ex->names->len, 1), error)
         && cairn_png_write_rgb (color_path, item->width, item->height, rgb, error);
}

static gboolean
write_color_maps (Export *ex, GError **error)
{
  g_autoptr(GString) text = g_string_new ("# label:color_rgb:parts:actions\n");
  g_autoptr(GString) json = g_string_new ("[");
  g_autofree char *text_path = g_build_filename (ex->base.out_dir, "labelmap.txt", NULL);
  g_autofree char *json_path = g_build_filename (ex->base.out_dir, "colormap.json", NULL);

  for (guint i = 0; i < ex->names->len; i++)
    {
      const guint8 *rgb = ex->palette + 3 * i;

      g_string_append_printf (text, "%s:%u,%u,%u::\n", (char *) ex->names->pdata[i], rgb[0],
                              rgb[1], rgb[2]);
      g_string_append_printf (json, "%s\n  {\"index\": %u, \"name\": ", i ? "," : "", i);
      cairn_image_append_json_string (json, ex->names->pdata[i]);
      g_string_append_printf (json, ", \"color\": \"#%02x%02x%02x\"}", rgb[0], rgb[1], rgb[2]);
    }
  g_string_append (json, "\n]\n");
  return cairn_image_write_file (text_path, text->str, text->len, error)
         && cairn_image_write_file (json_path, json->str, json->len, error);
}

static gboolean
export_all (Export *ex, GError **error)
{
  g_autoptr(GPtrArray) sets = cairn_image_export_sets (ex->base.store, ex->base.options, error);
  guint total = 0, done = 0;

  if (sets == NULL || !number_classes (ex, error))
    return FALSE;
  for (guint s = 0; s < sets->len; s++)
    total += ((CairnExportSet *) sets->pdata[s])->item_ids->len;
  for (guint s = 0; s < sets->len; s++)
    {
      CairnExportSet *set = sets->pdata[s];
      g_autofree char *dir = g_build_filename (ex->base.out_dir, set->split, NULL);
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < set->item_ids->len; i++)
        {
          gint64 id = g_array_index (set->item_ids, gint64, i);
          g_autoptr(CairnItem) item = cairn_store_get_item (ex->base.store, id, error);

          if (item == NULL
              || !cairn_format_step (ex->base.options, (double) done++ / MAX (total, 1), NULL,
                                     error)
              || !export_item (ex, item, dir, used, error))
            return FALSE;
        }
    }
  if (!cairn_image_write_missing (ex->base.options, ex->base.out_dir, ex->base.missing, error))
    return FALSE;
  return write_color_maps (ex, error);
}

gboolean
cairn_format_masks_export (CairnStore               *store,
                           const char               *out_dir,
                           const CairnFormatOptions *options,
                           GError                  **error)
{
  Export ex = { 0 };
  gboolean ok;

  if (!cairn_image_export_begin (&ex.base, store, out_dir, options, error))
    {
      cairn_image_export_end (&ex.base);
      return FALSE;
    }
  ex.names = g_ptr_array_new_with_free_func (g_free);
  ok = export_all (&ex, error);
  cairn_image_export_end (&ex.base);
  g_ptr_array_unref (ex.names);
  return ok;
}
