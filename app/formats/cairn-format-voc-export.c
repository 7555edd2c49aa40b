#define G_LOG_DOMAIN "cairn-format-voc"

#include "cairn-voc-private.h"
#include "cairn-image-common.h"

/* Pascal VOC export: Annotations, JPEGImages, ImageSets/Main and ImageSets/Segmentation, the
 * palette PNGs SegmentationClass and SegmentationObject (from masks, polygons and ellipses) and
 * labelmap.txt. Each object is a box (or a shape's bounds) with its parts and attributes. */

typedef struct
{
  CairnImageExport          base;      /* class_of: label id → class index + 1 */
  GPtrArray                *classes;   /* names by class index; 0 is the background */
  guint8                    palette[256 * 3];  /* class colours (labels' own) */
  guint8                    instances[256 * 3]; /* VOC's map, for instance numbers */
} Export;

/* One <object>: a box or a shape's bounds, the shapes painted for it, its parts. */
typedef struct
{
  const CairnAnnotation *box;
  GPtrArray             *shapes;
  GPtrArray             *parts;
  gint64                 label_id;
  gint64                 group;
} Object;

static void
object_free (Object *o)
{
  g_ptr_array_unref (o->shapes);
  g_ptr_array_unref (o->parts);
  g_free (o);
}

static Object *
object_new (GPtrArray *objects, gint64 label_id, gint64 group)
{
  Object *o = g_new0 (Object, 1);

  o->shapes = g_ptr_array_new ();
  o->parts = g_ptr_array_new ();
  o->label_id = label_id;
  o->group = group;
  g_ptr_array_add (objects, o);
  return o;
}

/* The order an import remembered, the background first, then every other label. */
static gboolean
number_classes (Export *ex, GError **error)
{
  cairn_image_number_classes (ex->base.store, ex->base.labels, VOC_META_CLASSES, "background",
                              ex->base.class_of, ex->classes);
  if (ex->classes->len > VOC_VOID)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED,
                   "VOC segmentation holds at most %u classes; this project has %u labels",
                   VOC_VOID - 1, ex->classes->len - 1);
      return FALSE;
    }
  for (guint i = 0; i < 256; i++)
    {
      g_autoptr(CairnLabel) label
          = i < ex->classes->len && i > 0
                ? cairn_store_find_label (ex->base.store, ex->classes->pdata[i], NULL)
                : NULL;
      double r, g, b;

      cairn_voc_color (i, ex->instances + 3 * i);
      memcpy (ex->palette + 3 * i, ex->instances + 3 * i, 3);
      if (label && label->color && cairn_color_parse (label->color, &r, &g, &b))
        {
          ex->palette[3 * i] = (guint8) CLAMP (r * 255 + 0.5, 0, 255);
          ex->palette[3 * i + 1] = (guint8) CLAMP (g * 255 + 0.5, 0, 255);
          ex->palette[3 * i + 2] = (guint8) CLAMP (b * 255 + 0.5, 0, 255);
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* XML                                                                                       */

static void
indent (GString *out, int depth)
{
  for (int i = 0; i < depth; i++)
    g_string_append (out, "\t");
}

static void
element (GString *out, int depth, const char *name, const char *text)
{
  indent (out, depth);
  g_string_append_printf (out, "<%s>", name);
  cairn_image_append_xml_text (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
number_element (GString *out, int depth, const char *name, double value)
{
  indent (out, depth);
  g_string_append_printf (out, "<%s>", name);
  cairn_append_number (out, value);
  g_string_append_printf (out, "</%s>\n", name);
}

/* Element names XML allows (non-ASCII letters included, as VOC readers take UTF-8). */
static gboolean
is_xml_name (const char *name)
{
  if (*name == '\0' || g_ascii_isdigit (*name) || *name == '-' || *name == '.'
      || g_ascii_strncasecmp (name, "xml", 3) == 0)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!((guchar) *p >= 0x80 || g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.'))
      return FALSE;
  return TRUE;
}

static void value_elements (GString *out, int depth, const char *name, JsonNode *value);

static void
scalar_text (GString *out, JsonNode *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      cairn_image_append_xml_text (out, json_node_get_string (value));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (value) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (value));
      break;
    default:
      cairn_append_number (out, json_node_get_double (value));
      break;
    }
}

static void
object_elements (GString *out, int depth, JsonObject *o, const char *const *skip)
{
  g_autoptr(GString) odd = g_string_new (NULL);
  g_autoptr(GList) names = json_object_get_members (o);

  /* In the order they were read: name, pose, truncated, difficult... */
  for (GList *l = names; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (o, name);

      if (skip && g_strv_contains (skip, name))
        continue;
      if (is_xml_name (name))
        {
          value_elements (out, depth, name, value);
          continue;
        }
      /* A name XML cannot spell: written the way CVAT writes attributes. */
      if (JSON_NODE_HOLDS_VALUE (value) || JSON_NODE_HOLDS_NULL (value))
        {
          indent (odd, depth + 1);
          g_string_append (odd, "<attribute><name>");
          cairn_image_append_xml_text (odd, name);
          g_string_append (odd, "</name><value>");
          scalar_text (odd, value);
          g_string_append (odd, "</value></attribute>\n");
        }
    }
  if (odd->len)
    {
      indent (out, depth);
      g_string_append_printf (out, "<attributes>\n%s", odd->str);
      indent (out, depth);
      g_string_append (out, "</attributes>\n");
    }
}

static void
value_elements (GString *out, int depth, const char *name, JsonNode *value)
{
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *list = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (list); i++)
        value_elements (out, depth, name, json_array_get_element (list, i));
      return;
    }
  indent (out, depth);
  g_string_append_printf (out, "<%s>", name);
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      g_string_append_c (out, '\n');
      object_elements (out, depth + 1, json_node_get_object (value), NULL);
      indent (out, depth);
    }
  else
    scalar_text (out, value);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
bndbox (GString *out, int depth, const double box[4])
{
  indent (out, depth);
  g_string_append (out, "<bndbox>\n");
  number_element (out, depth + 1, "xmin", box[0]);
  number_element (out, depth + 1, "ymin", box[1]);
  /* x + w, without binary noise when both are short decimals. */
  number_element (out, depth + 1, "xmax", cairn_image_difference (box[0], -box[2]));
  number_element (out, depth + 1, "ymax", cairn_image_difference (box[1], -box[3]));
  indent (out, depth);
  g_string_append (out, "</bndbox>\n");
}

static const char *const own_attributes[] = { CAIRN_IMAGE_GROUP, VOC_PART, VOC_SEMANTIC, NULL };

static void
write_object (Export *ex, GString *out, const Object *o)
{
  const CairnLabel *label = g_hash_table_lookup (ex->base.labels, &o->label_id);
  const CairnAnnotation *first = o->box ? o->box : o->shapes->pdata[0];
  double box[4];

  if (o->box)
    memcpy (box, o->box->coords->data, sizeof box);
  else if (!cairn_annotation_bounds (first, &box[0], &box[1], &box[2], &box[3]))
    return;
  g_string_append (out, "\t<object>\n");
  element (out, 2, "name", label->name);
  object_elements (out, 2, first->attributes, own_attributes);
  if (first->kind == CAIRN_KIND_OCR && first->text
      && !json_object_has_member (first->attributes, "text"))
    element (out, 2, "text", first->text);
  bndbox (out, 2, box);
  for (guint i = 0; i < o->parts->len; i++)
    {
      const CairnAnnotation *part = o->parts->pdata[i];
      const CairnLabel *part_label = g_hash_table_lookup (ex->base.labels, &part->label_id);

      g_string_append (out, "\t\t<part>\n");
      element (out, 3, "name", part_label->name);
      object_elements (out, 3, part->attributes, own_attributes);
      bndbox (out, 3, (const double *) part->coords->data);
      g_string_append (out, "\t\t</part>\n");
    }
  g_string_append (out, "\t</object>\n");
}

static gboolean
is_shape (const CairnAnnotation *a)
{
  return a->kind == CAIRN_KIND_MASK || a->kind == CAIRN_KIND_POLYGON
         || a->kind == CAIRN_KIND_ELLIPSE;
}

static gboolean
is_part (const CairnAnnotation *a)
{
  return cairn_image_get_int_attribute (a, VOC_PART, 0) != 0;
}

static Object *
find_object (GPtrArray *objects, gint64 group, gint64 label_id, gboolean need_shape_slot)
{
  for (guint i = 0; group && i < objects->len; i++)
    {
      Object *o = objects->pdata[i];

      if (o->group == group && (label_id == 0 || o->label_id == label_id)
          && (!need_shape_slot || o->shapes->len == 0))
        return o;
    }
  return NULL;
}

/* Boxes first, then shapes joining their box's group, then parts joining their object. */
static GPtrArray *
gather_objects (Export *ex, GPtrArray *list, GPtrArray *semantic)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) object_free);

  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];

      if ((a->kind == CAIRN_KIND_BOX || a->kind == CAIRN_KIND_OCR) && !is_part (a)
          && g_hash_table_contains (ex->base.labels, &a->label_id))
        object_new (objects, a->label_id, cairn_image_get_group (a))->box = a;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      Object *o;

      if (!is_shape (a) || !g_hash_table_contains (ex->base.labels, &a->label_id))
        continue;
      if (cairn_image_get_int_attribute (a, VOC_SEMANTIC, 0))
        {
          g_ptr_array_add (semantic, (gpointer) a);
          continue;
        }
      o = find_object (objects, cairn_image_get_group (a), a->label_id, TRUE);
      if (o == NULL)
        o = object_new (objects, a->label_id, cairn_image_get_group (a));
      g_ptr_array_add (o->shapes, (gpointer) a);
    }
  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      Object *o;

      if (a->kind != CAIRN_KIND_BOX || !is_part (a)
          || !g_hash_table_contains (ex->base.labels, &a->label_id))
        continue;
      o = find_object (objects, cairn_image_get_group (a), 0, FALSE);
      if (o && o->box)
        g_ptr_array_add (o->parts, (gpointer) a);
      else
        object_new (objects, a->label_id, 0)->box = a;
    }
  return objects;
}

/* ---------------------------------------------------------------------------------------- */
/* Files                                                                                     */

static gboolean
write_masks (Export *ex, const CairnItem *item, GPtrArray *objects, GPtrArray *semantic,
             const char *stem, GError **error)
{
  gsize n = (gsize) item->width * item->height;
  g_autofree char *name = g_strconcat (stem, ".png", NULL);
  g_autofree guint8 *classes = cairn_image_new_raster (ex->base.options, item, 2, name,
                                                       ex->base.missing);
  guint8 *instances;
  g_autofree char *class_path = g_build_filename (ex->base.out_dir, "SegmentationClass", name,
                                                  NULL);
  g_autofree char *object_path = g_build_filename (ex->base.out_dir, "SegmentationObject", name,
                                                   NULL);

  if (classes == NULL)
    return TRUE;
  instances = classes + n;

  for (guint i = 0; i < semantic->len; i++)
    {
      const CairnAnnotation *a = semantic->pdata[i];
      cairn_image_fill_annotation (classes, item->width, item->height, a,
                                   MAX (cairn_image_class_of (ex->base.class_of, a->label_id), 0));
    }
  gboolean any_instance = FALSE;

  for (guint k = 0; k < objects->len && k + 1 < VOC_VOID; k++)
    {
      Object *o = objects->pdata[k];
      guint8 c = MAX (cairn_image_class_of (ex->base.class_of, o->label_id), 0);

      for (guint i = 0; i < o->shapes->len; i++)
        {
          cairn_image_fill_annotation (classes, item->width, item->height, o->shapes->pdata[i], c);
          cairn_image_fill_annotation (instances, item->width, item->height, o->shapes->pdata[i],
                                       k + 1);
          any_instance = TRUE;
        }
    }
  return cairn_png_write_indexed (class_path, item->width, item->height, classes, ex->palette,
                                  256, error)
         && (!any_instance
             || cairn_png_write_indexed (object_path, item->width, item->height, instances,
                                         ex->instances, 256, error));
}

static void
write_header (GString *out, const CairnItem *item, const char *file_name, gboolean segmented)
{
  JsonNode *voc = json_object_get_member (item->meta, VOC_MEMBER);
  JsonObject *meta = voc && JSON_NODE_HOLDS_OBJECT (voc) ? json_node_get_object (voc) : NULL;
  static const char *const skip[] = { "segmented", "depth", "folder", NULL };
  gint64 depth = 3;

  g_string_append (out, "<annotation>\n");
  element (out, 1, "folder", meta && cairn_json_string (meta, "folder")
                               ? cairn_json_string (meta, "folder") : "JPEGImages");
  element (out, 1, "filename", file_name);
  if (meta)
    {
      cairn_json_get_int (meta, "depth", &depth);
      object_elements (out, 1, meta, skip);
    }
  g_string_append_printf (out, "\t<size>\n\t\t<width>%d</width>\n\t\t<height>%d</height>\n"
                          "\t\t<depth>%" G_GINT64_FORMAT "</depth>\n\t</size>\n",
                          item->width, item->height, depth);
  g_string_append_printf (out, "\t<segmented>%d</segmented>\n", segmented ? 1 : 0);
}

static gboolean
export_item (Export *ex, const CairnItem *item, GHashTable *used, GString *main_list,
             GString *segmentation_list, GError **error)
{
  g_autofree char *name = cairn_image_export_name (ex->base.options, item, used);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot ? (gsize) (dot - name) : strlen (name));
  g_autofree char *xml_name = g_strconcat (stem, ".xml", NULL);
  g_autofree char *xml_path = g_build_filename (ex->base.out_dir, "Annotations", xml_name, NULL);
  g_autofree char *image_path = g_build_filename (ex->base.out_dir, "JPEGImages", name, NULL);
  g_autoptr(GPtrArray) list = cairn_image_list_annotations (ex->base.store, item->id,
                                                            ex->base.annotator_id, error);
  g_autoptr(GPtrArray) semantic = g_ptr_array_new ();
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GString) out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autoptr(GError) local = NULL;
  gboolean segmented = FALSE;

  if (list == NULL)
    return FALSE;
  if (!cairn_image_copy_media (ex->base.store, item, image_path, &local))
    g_string_append_printf (ex->base.missing, "%s\t%s\n", name, local->message);
  objects = gather_objects (ex, list, semantic);
  segmented = semantic->len > 0;
  for (guint i = 0; i < objects->len; i++)
    segmented |= ((Object *) objects->pdata[i])->shapes->len > 0;
  if (segmented && (item->width <= 0 || item->height <= 0))
    {
      g_string_append_printf (ex->base.missing, "%s\tsize unknown: no segmentation PNGs\n", name);
      segmented = FALSE;
    }
  write_header (out, item, name, segmented);
  for (guint i = 0; i < objects->len; i++)
    write_object (ex, out, objects->pdata[i]);
  g_string_append (out, "</annotation>\n");
  g_string_append_printf (main_list, "%s\n", stem);
  if (segmented)
    {
      g_string_append_printf (segmentation_list, "%s\n", stem);
      if (!write_masks (ex, item, objects, semantic, stem, error))
        return FALSE;
    }
  return cairn_image_write_file (xml_path, out->str, out->len, error);
}

static gboolean
write_labelmap (Export *ex, GError **error)
{
  g_autoptr(GString) out = g_string_new ("# label:color_rgb:parts:actions\n");
  g_autofree char *path = g_build_filename (ex->base.out_dir, "labelmap.txt", NULL);

  for (guint i = 0; i < ex->classes->len; i++)
    g_string_append_printf (out, "%s:%u,%u,%u::\n", (char *) ex->classes->pdata[i],
                            ex->palette[3 * i], ex->palette[3 * i + 1], ex->palette[3 * i + 2]);
  return cairn_image_write_file (path, out->str, out->len, error);
}

static gboolean
export_all (Export *ex, GError **error)
{
  g_autoptr(GPtrArray) sets = cairn_image_export_sets (ex->base.store, ex->base.options, error);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total = 0, done = 0;

  if (sets == NULL || !number_classes (ex, error))
    return FALSE;
  for (guint s = 0; s < sets->len; s++)
    total += ((CairnExportSet *) sets->pdata[s])->item_ids->len;
  for (guint s = 0; s < sets->len; s++)
    {
      CairnExportSet *set = sets->pdata[s];
      g_autofree char *list_name = g_strconcat (set->split ? set->split : "default", ".txt", NULL);
      g_autofree char *main_path
          = g_build_filename (ex->base.out_dir, "ImageSets", "Main", list_name, NULL);
      g_autofree char *seg_path = g_build_filename (ex->base.out_dir, "ImageSets", "Segmentation",
                                                    list_name, NULL);
      g_autoptr(GString) main_list = g_string_new (NULL);
      g_autoptr(GString) seg_list = g_string_new (NULL);

      for (guint i = 0; i < set->item_ids->len; i++)
        {
          gint64 id = g_array_index (set->item_ids, gint64, i);
          g_autoptr(CairnItem) item = cairn_store_get_item (ex->base.store, id, error);

          if (item == NULL
              || !cairn_format_step (ex->base.options, (double) done++ / MAX (total, 1), NULL,
                                     error)
              || !export_item (ex, item, used, main_list, seg_list, error))
            return FALSE;
        }
      if (!cairn_image_write_file (main_path, main_list->str, main_list->len, error)
          || (seg_list->len
              && !cairn_image_write_file (seg_path, seg_list->str, seg_list->len, error)))
        return FALSE;
    }
  if (!cairn_image_write_missing (ex->base.options, ex->base.out_dir, ex->base.missing, error))
    return FALSE;
  return write_labelmap (ex, error);
}

gboolean
cairn_format_voc_export (CairnStore               *store,
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
  ex.classes = g_ptr_array_new_with_free_func (g_free);
  ok = export_all (&ex, error);
  cairn_image_export_end (&ex.base);
  g_ptr_array_unref (ex.classes);
  return ok;
}
