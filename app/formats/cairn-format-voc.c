#define G_LOG_DOMAIN "cairn-format-voc"

#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "cairn-voc-private.h"
#include "cairn-image-common.h"
#include "model/cairn-rle.h"

/* Pascal VOC import: the XML files in Annotations for objects, SegmentationObject and
 * SegmentationClass PNGs for masks, ImageSets/Main for splits, labelmap.txt (CVAT, Datumaro) for
 * class colours. Coordinates are read as written (xmin, ymin → x, y; xmax − xmin → width), as
 * labelImg, CVAT and Datumaro write and read them. */

const char *const cairn_voc_standard_classes[22] = {
  "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair",
  "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
  "train", "tvmonitor", NULL
};

#define MAX_XML_DEPTH 64

/* ---------------------------------------------------------------------------------------- */
/* A small DOM over GMarkup: VOC files are a few kilobytes.                                  */

typedef struct _Node Node;
struct _Node
{
  char      *name;
  GString   *text;
  GPtrArray *children;
  int        line;
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (const char *name, int line)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  node->line = line;
  return node;
}

typedef struct
{
  GPtrArray *stack; /* Node *, not owned */
  Node      *root;
} Builder;

static void
start_element_cb (GMarkupParseContext *context, const char *name, const char **names,
                  const char **values, gpointer user_data, GError **error)
{
  Builder *b = user_data;
  int line;
  Node *node;

  g_markup_parse_context_get_position (context, &line, NULL);
  if (b->stack->len >= MAX_XML_DEPTH)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "nested too deeply");
      return;
    }
  node = node_new (name, line);
  if (b->stack->len == 0)
    {
      if (b->root)
        {
          node_free (node);
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "more than one root element");
          return;
        }
      b->root = node;
    }
  else
    g_ptr_array_add (((Node *) b->stack->pdata[b->stack->len - 1])->children, node);
  g_ptr_array_add (b->stack, node);
}

static void
end_element_cb (GMarkupParseContext *context, const char *name, gpointer user_data,
                GError **error)
{
  Builder *b = user_data;

  g_ptr_array_set_size (b->stack, b->stack->len - 1);
}

static void
text_cb (GMarkupParseContext *context, const char *text, gsize length, gpointer user_data,
         GError **error)
{
  Builder *b = user_data;

  if (b->stack->len)
    g_string_append_len (((Node *) b->stack->pdata[b->stack->len - 1])->text, text, length);
}

static Node *
parse_xml (const char *path, GError **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autofree char *text = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize length;
  Builder b = { g_ptr_array_new (), NULL };
  gboolean ok;

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_ptr_array_unref (b.stack);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &b, NULL);
  ok = g_markup_parse_context_parse (context, text, length, &local)
       && g_markup_parse_context_end_parse (context, &local);
  g_ptr_array_unref (b.stack);
  if (!ok || b.root == NULL)
    {
      int line = 0;

      g_markup_parse_context_get_position (context, &line, NULL);
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%d: %s", base, line,
                   local ? local->message : "no root element");
      node_free (b.root);
      return NULL;
    }
  return b.root;
}

static Node *
child (Node *node, const char *name)
{
  for (guint i = 0; i < node->children->len; i++)
    if (g_str_equal (((Node *) node->children->pdata[i])->name, name))
      return node->children->pdata[i];
  return NULL;
}

static const char *
text_of (Node *node)
{
  if (node == NULL)
    return NULL;
  g_strstrip (node->text->str);
  node->text->len = strlen (node->text->str);
  return node->text->str;
}

static const char *
child_text (Node *node, const char *name)
{
  return text_of (child (node, name));
}

/* Text as the value it spells: integer, number, boolean or string ("007" stays a string). */
static JsonNode *
typed_value (const char *text)
{
  char *end;
  gint64 i;
  double d;

  if (g_str_equal (text, "true") || g_str_equal (text, "false"))
    return json_node_init_boolean (json_node_alloc (), g_str_equal (text, "true"));
  if (*text && (text[0] != '0' || text[1] == '\0' || text[1] == '.')
      && (text[0] != '-' || (text[1] != '0' || text[2] == '\0' || text[2] == '.')))
    {
      errno = 0;
      i = g_ascii_strtoll (text, &end, 10);
      if (*end == '\0' && errno == 0 && (g_ascii_isdigit (*text) || *text == '-'))
        return json_node_init_int (json_node_alloc (), i);
      d = g_ascii_strtod (text, &end);
      if (*end == '\0' && (g_ascii_isdigit (*text) || *text == '-') && isfinite (d))
        return json_node_init_double (json_node_alloc (), d);
    }
  return json_node_init_string (json_node_alloc (), text);
}

/* An element as JSON: text as a typed value; children as an object (repeats as arrays). */
static JsonNode *
node_to_json (Node *node)
{
  g_autoptr(JsonObject) o = NULL;

  if (node->children->len == 0)
    return typed_value (text_of (node));
  o = json_object_new ();
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *c = node->children->pdata[i];
      JsonNode *value = node_to_json (c);
      JsonNode *old = json_object_get_member (o, c->name);

      if (old == NULL)
        json_object_set_member (o, c->name, value);
      else if (JSON_NODE_HOLDS_ARRAY (old))
        json_array_add_element (json_node_get_array (old), value);
      else
        {
          JsonArray *list = json_array_new ();

          json_array_add_element (list, json_node_copy (old));
          json_array_add_element (list, value);
          json_object_set_array_member (o, c->name, list);
        }
    }
  return json_node_init_object (json_node_alloc (), o);
}

/* ---------------------------------------------------------------------------------------- */
/* Import                                                                                    */

typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
  gint64                    annotator_id;
  CairnGroupCounter        *groups;
  char                     *images_dir;
  char                     *class_dir;
  char                     *object_dir;
  GPtrArray                *classes;      /* names by SegmentationClass index */
  GByteArray               *colors;       /* rgb by class index */
  gboolean                  used_classes; /* class PNGs were read: remember the order */
  GHashTable               *splits;       /* file stem → split */
  GPtrArray                *files;        /* XML paths */
} Import;

static void
add_color (Import *im, guint8 r, guint8 g, guint8 b)
{
  guint8 rgb[3] = { r, g, b };

  g_byte_array_append (im->colors, rgb, 3);
}

/* labelmap.txt: "name:r,g,b:parts:actions" per class, in index order. */
static gboolean
read_labelmap (Import *im, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    return cairn_format_fail (error, "%s: %s", path, local->message);
  if (!g_utf8_validate (text, -1, NULL))
    return cairn_format_fail (error, "labelmap.txt: not valid UTF-8");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *fields[4];
      guint rgb[3];
      char tail;

      if (*line == '\0' || *line == '#')
        continue;
      /* Split from the right: a class name may hold a colon. */
      for (int f = 3; f > 0; f--)
        {
          char *colon = strrchr (line, ':');

          if (colon == NULL)
            return cairn_format_fail (error, "labelmap.txt:%u: expected “name:r,g,b:parts:actions”",
                                      i + 1);
          *colon = '\0';
          fields[f] = colon + 1;
        }
      fields[0] = line;
      if (sscanf (fields[1], "%u,%u,%u%c", &rgb[0], &rgb[1], &rgb[2], &tail) != 3
          || rgb[0] > 255 || rgb[1] > 255 || rgb[2] > 255 || *fields[0] == '\0')
        return cairn_format_fail (error, "labelmap.txt:%u: “%s” is not a colour r,g,b", i + 1,
                                  fields[1]);
      if (im->classes->len >= VOC_VOID)
        return cairn_format_fail (error, "labelmap.txt:%u: more than %u classes", i + 1, VOC_VOID);
      g_ptr_array_add (im->classes, g_strdup (fields[0]));
      add_color (im, rgb[0], rgb[1], rgb[2]);
    }
  return TRUE;
}

static void
standard_classes (Import *im)
{
  for (guint i = 0; cairn_voc_standard_classes[i]; i++)
    {
      guint8 rgb[3];

      cairn_voc_color (i, rgb);
      g_ptr_array_add (im->classes, g_strdup (cairn_voc_standard_classes[i]));
      g_byte_array_append (im->colors, rgb, 3);
    }
}

static void
read_splits (Import *im, const char *root)
{
  static const char *const lists[][2] = {
    { "Main/train.txt", "train" }, { "Main/val.txt", "val" }, { "Main/test.txt", "test" },
    { "Segmentation/train.txt", "train" }, { "Segmentation/val.txt", "val" },
    { "Segmentation/test.txt", "test" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autofree char *path = g_build_filename (root, "ImageSets", lists[l][0], NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", 2);

          if (words[0] && *words[0] && !g_hash_table_contains (im->splits, words[0]))
            g_hash_table_insert (im->splits, g_strdup (words[0]), g_strdup (lists[l][1]));
        }
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
collect_xml (Import *im, const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (im->files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (im->files, compare_strings);
}

/* The VOC root (with Annotations/), a folder of XML files, or one XML file. */
static gboolean
find_layout (Import *im, const char *path, GError **error)
{
  g_autofree char *root = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *labelmap = NULL;
  g_autofree char *jpeg = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      annotations = g_build_filename (path, "Annotations", NULL);
      if (!g_file_test (annotations, G_FILE_TEST_IS_DIR))
        g_clear_pointer (&annotations, g_free);
      root = g_strdup (path);
      collect_xml (im, annotations ? annotations : path);
      if (im->files->len == 0)
        return cairn_format_fail (error, "%s: no Annotations folder or .xml files", path);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (dir);

      root = g_str_equal (base, "Annotations") ? g_path_get_dirname (dir) : g_strdup (dir);
      g_ptr_array_add (im->files, g_strdup (path));
    }
  jpeg = g_build_filename (root, "JPEGImages", NULL);
  im->images_dir = g_file_test (jpeg, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&jpeg)
                                                           : g_strdup (root);
  im->class_dir = g_build_filename (root, "SegmentationClass", NULL);
  im->object_dir = g_build_filename (root, "SegmentationObject", NULL);
  read_splits (im, root);
  labelmap = g_build_filename (root, "labelmap.txt", NULL);
  if (g_file_test (labelmap, G_FILE_TEST_IS_REGULAR))
    {
      im->used_classes = TRUE;
      if (!read_labelmap (im, labelmap, error))
        return FALSE;
    }
  else
    standard_classes (im);
  return TRUE;
}

/* The label for a class name; one made now takes the class's colour. */
static gint64
class_label (Import *im, const char *name, GError **error)
{
  guint before = im->report->labels_added;
  gint64 id = cairn_format_ensure_label (im->store, name, im->report, error);
  guint index;

  if (id == 0 || im->report->labels_added == before
      || !g_ptr_array_find_with_equal_func (im->classes, name, g_str_equal, &index))
    return id;
  {
    g_autoptr(CairnLabel) label = cairn_store_get_label (im->store, id, error);
    const guint8 *rgb = im->colors->data + 3 * index;

    if (label == NULL)
      return 0;
    g_free (label->color);
    label->color = g_strdup_printf ("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    if (!cairn_store_update_label (im->store, label, error))
      return 0;
  }
  return id;
}

static gboolean
add (Import *im, CairnAnnotation *a, const char *where, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!cairn_format_add_annotation (im->store, a, im->report, &local))
    return cairn_format_fail (error, "%s: %s", where, local->message);
  return TRUE;
}

static gboolean
read_box (Node *object, double box[4], const char *where, GError **error)
{
  static const char *const names[] = { "xmin", "ymin", "xmax", "ymax" };
  Node *bndbox = child (object, "bndbox");
  double v[4];

  if (bndbox == NULL)
    return cairn_format_fail (error, "%s: no <bndbox>", where);
  for (int k = 0; k < 4; k++)
    {
      const char *text = child_text (bndbox, names[k]);
      char *end;

      if (text == NULL)
        return cairn_format_fail (error, "%s: <bndbox> has no <%s>", where, names[k]);
      v[k] = g_ascii_strtod (text, &end);
      if (*text == '\0' || *end != '\0' || !isfinite (v[k]))
        return cairn_format_fail (error, "%s: <%s> “%s” is not a number", where, names[k], text);
    }
  if (v[2] < v[0] || v[3] < v[1])
    return cairn_format_fail (error, "%s: xmax/ymax (%g, %g) are less than xmin/ymin (%g, %g)",
                              where, v[2], v[3], v[0], v[1]);
  box[0] = v[0];
  box[1] = v[1];
  box[2] = cairn_image_difference (v[2], v[0]);
  box[3] = cairn_image_difference (v[3], v[1]);
  return TRUE;
}

/* Every child but name, bndbox and parts: pose, truncated, difficult, occluded, actions...
 * CVAT's <attributes><attribute><name/><value/></attribute></attributes> are spread out. */
static void
read_attributes (Node *object, JsonObject *attributes)
{
  for (guint i = 0; i < object->children->len; i++)
    {
      Node *c = object->children->pdata[i];

      if (g_str_equal (c->name, "name") || g_str_equal (c->name, "bndbox")
          || g_str_equal (c->name, "part"))
        continue;
      if (g_str_equal (c->name, "attributes"))
        {
          for (guint j = 0; j < c->children->len; j++)
            {
              Node *a = c->children->pdata[j];
              const char *name = child_text (a, "name");
              const char *value = child_text (a, "value");

              if (g_str_equal (a->name, "attribute") && name && *name && value)
                json_object_set_member (attributes, name, typed_value (value));
            }
          continue;
        }
      json_object_set_member (attributes, c->name, node_to_json (c));
    }
}

static CairnAnnotation *
new_annotation (Import *im, CairnKind kind, gint64 item_id, gint64 label_id)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->item_id = item_id;
  a->label_id = label_id;
  a->annotator_id = im->annotator_id;
  return a;
}

static gboolean
add_mask (Import *im, const guint8 *indices, guint width, guint height, guint8 value,
          gint64 item_id, gint64 label_id, gint64 group, gboolean semantic, const char *where,
          GError **error)
{
  g_autofree guint8 *bits = g_malloc ((gsize) width * height);
  g_autoptr(CairnAnnotation) a = new_annotation (im, CAIRN_KIND_MASK, item_id, label_id);

  for (gsize p = 0; p < (gsize) width * height; p++)
    bits[p] = indices[p] == value;
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, height, width));
  if (group)
    json_object_set_int_member (a->attributes, CAIRN_IMAGE_GROUP, group);
  if (semantic)
    json_object_set_boolean_member (a->attributes, VOC_SEMANTIC, TRUE);
  return add (im, a, where, error);
}

/* A label PNG as indices; *indices stays NULL when there is none. Colour (not palette)
 * files map back through the colours: VOC's map for instance numbers, the class list's for
 * classes, VOC's border colour for 255 in both. */
static gboolean
read_png (Import *im, const char *dir, const char *stem, gboolean objects, guint8 **indices,
          guint *width, guint *height, GError **error)
{
  g_autofree char *name = g_strconcat (stem, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *real = NULL;
  guint8 colors[256 * 3];
  guint n = im->colors->len / 3;

  *indices = NULL;
  /* A link in SegmentationClass may point anywhere. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)
      || (real = cairn_format_media_path (im->options, path, im->report)) == NULL)
    return TRUE;
  for (guint i = 0; i < 256; i++)
    {
      /* Where two indices share a colour the lower wins, so the filler never shows. */
      if (objects || i == VOC_VOID)
        cairn_voc_color (i, colors + 3 * i);
      else
        memcpy (colors + 3 * i, im->colors->data + 3 * (i < n ? i : 0), 3);
    }
  *indices = cairn_png_read_indices (path, colors, 256, width, height, error);
  return *indices != NULL;
}

typedef struct
{
  gint64 label_id;
  gint64 group;
  Node  *node;
} Object;

static gboolean
import_object (Import *im, Object *o, gint64 item_id, gboolean has_mask, const char *where,
               GError **error)
{
  const char *name = child_text (o->node, "name");
  g_autoptr(CairnAnnotation) box = NULL;
  double v[4];

  if (name == NULL || *name == '\0')
    return cairn_format_fail (error, "%s: no <name>", where);
  o->label_id = class_label (im, name, error);
  if (o->label_id == 0 || !read_box (o->node, v, where, error))
    return FALSE;
  box = new_annotation (im, CAIRN_KIND_BOX, item_id, o->label_id);
  cairn_annotation_set_coords (box, v, 4);
  read_attributes (o->node, box->attributes);
  if ((has_mask || child (o->node, "part"))
      && (o->group = cairn_group_counter_next (im->groups, item_id, error)) == 0)
    return FALSE;
  if (o->group)
    json_object_set_int_member (box->attributes, CAIRN_IMAGE_GROUP, o->group);
  if (!add (im, box, where, error))
    return FALSE;
  /* Parts (head, hand, foot): boxes of their own label, in the object's group. */
  for (guint i = 0; i < o->node->children->len; i++)
    {
      Node *part = o->node->children->pdata[i];
      g_autofree char *part_where = NULL;
      g_autoptr(CairnAnnotation) a = NULL;
      const char *part_name;
      gint64 label_id;

      if (!g_str_equal (part->name, "part"))
        continue;
      part_where = g_strdup_printf ("%s: part at line %d", where, part->line);
      part_name = child_text (part, "name");
      if (part_name == NULL || *part_name == '\0')
        return cairn_format_fail (error, "%s: no <name>", part_where);
      label_id = cairn_format_ensure_label (im->store, part_name, im->report, error);
      if (label_id == 0 || !read_box (part, v, part_where, error))
        return FALSE;
      a = new_annotation (im, CAIRN_KIND_BOX, item_id, label_id);
      cairn_annotation_set_coords (a, v, 4);
      read_attributes (part, a->attributes);
      json_object_set_int_member (a->attributes, CAIRN_IMAGE_GROUP, o->group);
      json_object_set_boolean_member (a->attributes, VOC_PART, TRUE);
      if (!add (im, a, part_where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
used_index (const guint8 *indices, gsize n, guint8 value)
{
  return memchr (indices, value, n) != NULL;
}

/* Instance masks from SegmentationObject (index k is the k-th object); class masks from
 * SegmentationClass where no instance covers the pixel. */
static gboolean
import_masks (Import *im, GPtrArray *objects, const char *stem, gint64 item_id,
              const guint8 *object_png, guint ow, guint oh, const char *base, GError **error)
{
  g_autofree guint8 *class_png = NULL;
  guint cw = 0, ch = 0;

  if (object_png)
    {
      for (guint k = 1; k < VOC_VOID; k++)
        {
          g_autofree char *where = g_strdup_printf ("%s: SegmentationObject index %u", base, k);
          Object *o = k <= objects->len ? objects->pdata[k - 1] : NULL;

          if (!used_index (object_png, (gsize) ow * oh, k))
            continue;
          if (o == NULL)
            {
              cairn_import_report_warn (im->report, "%s: no object %u in the XML (skipped)",
                                        where, k);
              continue;
            }
          if (!add_mask (im, object_png, ow, oh, k, item_id, o->label_id, o->group, FALSE, where,
                         error))
            return FALSE;
        }
    }
  if (!read_png (im, im->class_dir, stem, FALSE, &class_png, &cw, &ch, error))
    return FALSE;
  if (class_png == NULL)
    return TRUE;
  im->used_classes = TRUE;
  if (object_png && (ow != cw || oh != ch))
    return cairn_format_fail (error,
                              "%s: SegmentationClass is %u × %u but SegmentationObject is %u × %u",
                              base, cw, ch, ow, oh);
  for (gsize p = 0; object_png && p < (gsize) cw * ch; p++)
    if (object_png[p] != 0 && object_png[p] != VOC_VOID)
      class_png[p] = 0;
  for (guint c = 1; c < VOC_VOID; c++)
    {
      g_autofree char *where = g_strdup_printf ("%s: SegmentationClass index %u", base, c);
      gint64 label_id;

      if (!used_index (class_png, (gsize) cw * ch, c))
        continue;
      if (c >= im->classes->len)
        return cairn_format_fail (error, "%s: no such class (the class list has %u)", where,
                                  im->classes->len);
      label_id = class_label (im, im->classes->pdata[c], error);
      if (label_id == 0 || !add_mask (im, class_png, cw, ch, c, item_id, label_id, 0, TRUE, where,
                                      error))
        return FALSE;
    }
  return TRUE;
}

/* Folder, source, owner and the like, kept in the item's meta for the export; NULL when the
 * file has none. */
static JsonObject *
image_meta (Node *root)
{
  g_autoptr(JsonObject) voc = json_object_new ();
  JsonObject *meta;
  Node *size = child (root, "size");

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *c = root->children->pdata[i];

      if (!g_str_equal (c->name, "filename") && !g_str_equal (c->name, "size")
          && !g_str_equal (c->name, "object"))
        json_object_set_member (voc, c->name, node_to_json (c));
    }
  if (size && child_text (size, "depth"))
    json_object_set_member (voc, "depth", typed_value (child_text (size, "depth")));
  if (json_object_get_size (voc) == 0)
    return NULL;
  meta = json_object_new ();
  json_object_set_object_member (meta, VOC_MEMBER, g_steal_pointer (&voc));
  return meta;
}

static gboolean
size_member (Node *root, const char *name, gint *value, const char *base, GError **error)
{
  Node *size = child (root, "size");
  const char *text = size ? child_text (size, name) : NULL;
  guint64 v;

  *value = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &v, NULL))
    return cairn_format_fail (error, "%s:%d: <%s> “%s” is not a whole number", base, size->line,
                              name, text);
  *value = v;
  return TRUE;
}

static gboolean
import_file (Import *im, const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (".xml"));
  g_autoptr(Node) root = parse_xml (path, error);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint8 *object_png = NULL;
  g_autoptr(JsonObject) meta = NULL;
  guint before = im->report->items_added, ow = 0, oh = 0;
  const char *filename;
  gint width, height;
  gint64 item_id;

  if (root == NULL)
    return FALSE;
  if (!g_str_equal (root->name, "annotation"))
    return cairn_format_fail (error, "%s: not a VOC annotation (the root is <%s>)", base,
                              root->name);
  filename = child_text (root, "filename");
  if (filename == NULL || *filename == '\0')
    return cairn_format_fail (error, "%s: no <filename>", base);
  if (!size_member (root, "width", &width, base, error)
      || !size_member (root, "height", &height, base, error))
    return FALSE;
  meta = image_meta (root);
  /* The split ImageSets gives. */
  item_id = cairn_format_ensure_image (im->store, filename, width, height,
                                       g_hash_table_lookup (im->splits, stem), meta,
                                       im->images_dir, im->options, im->report, error);
  if (item_id == 0)
    return FALSE;
  if (im->report->items_added > before)
    cairn_group_counter_mark_new (im->groups, item_id);
  if (!read_png (im, im->object_dir, stem, TRUE, &object_png, &ow, &oh, error))
    return FALSE;
  for (guint i = 0; i < root->children->len; i++)
    {
      Node *node = root->children->pdata[i];
      g_autofree char *where = NULL;
      Object *o;

      if (!g_str_equal (node->name, "object"))
        continue;
      o = g_new0 (Object, 1);
      o->node = node;
      g_ptr_array_add (objects, o);
      where = g_strdup_printf ("%s:%d: object %u", base, node->line, objects->len);
      if (!import_object (im, o, item_id,
                          object_png && used_index (object_png, (gsize) ow * oh, objects->len),
                          where, error))
        return FALSE;
    }
  return import_masks (im, objects, stem, item_id, object_png, ow, oh, base, error);
}

static gboolean
remember_classes (Import *im, GError **error)
{
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonNode) node = NULL, old = NULL;

  if (!im->used_classes)
    return TRUE;
  for (guint i = 0; i < im->classes->len; i++)
    json_array_add_string_element (list, im->classes->pdata[i]);
  /* Classes earlier imports numbered keep a place after this dataset's. */
  old = cairn_image_get_meta_json (im->store, VOC_META_CLASSES);
  for (guint i = 0; old && JSON_NODE_HOLDS_ARRAY (old)
                    && i < json_array_get_length (json_node_get_array (old)); i++)
    {
      const char *name = json_array_get_string_element (json_node_get_array (old), i);

      if (name && !g_ptr_array_find_with_equal_func (im->classes, name, g_str_equal, NULL))
        json_array_add_string_element (list, name);
    }
  node = json_node_init_array (json_node_alloc (), list);
  return cairn_image_set_meta_json (im->store, VOC_META_CLASSES, node, error);
}

static gboolean
voc_import (Import *im, const char *path, GError **error)
{
  if (!find_layout (im, path, error))
    return FALSE;
  for (guint i = 0; i < im->files->len; i++)
    if (!cairn_format_step (im->options, (double) i / im->files->len, NULL, error)
        || !import_file (im, im->files->pdata[i], error))
      return FALSE;
  return remember_classes (im, error) && cairn_format_step (im->options, 1.0, NULL, error);
}

gboolean
cairn_format_voc_import (CairnStore               *store,
                         const char               *path,
                         const CairnFormatOptions *options,
                         CairnImportReport        *report,
                         GError                  **error)
{
  Import im = { 0 };
  gboolean ok;

  im.store = store;
  im.options = options;
  im.report = report;
  im.groups = cairn_group_counter_new (store);
  im.classes = g_ptr_array_new_with_free_func (g_free);
  im.colors = g_byte_array_new ();
  im.splits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.files = g_ptr_array_new_with_free_func (g_free);
  im.annotator_id = cairn_format_annotator (store, options, error);
  ok = (im.annotator_id != 0 || options->annotator == NULL) && voc_import (&im, path, error);
  cairn_group_counter_free (im.groups);
  g_free (im.images_dir);
  g_free (im.class_dir);
  g_free (im.object_dir);
  g_ptr_array_unref (im.classes);
  g_byte_array_unref (im.colors);
  g_hash_table_unref (im.splits);
  g_ptr_array_unref (im.files);
  return ok;
}
