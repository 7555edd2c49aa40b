#define G_LOG_DOMAIN "cairn-format-yolo"

#include <math.h>

#include "cairn-yolo-private.h"
#include "cairn-image-common.h"

/* YOLO export in the Ultralytics layout: data.yaml, images/SPLIT/ and labels/SPLIT/ (or
 * images/ and labels/ without splits). A project with keypoints becomes a pose dataset, where
 * every line is a box and the same number of keypoints. */

typedef struct
{
  CairnImageExport          base;
  GPtrArray                *names;      /* class names, by number */
  guint                     n_keypoints; /* 0 unless a pose dataset */
  GArray                   *coords;
  GArray                   *rings;
} Export;

static gboolean
max_keypoints_cb (const CairnAnnotation *a, gpointer user_data)
{
  guint *n = user_data;

  *n = MAX (*n, a->coords->len / 3);
  return TRUE;
}

/* A pose dataset when there are keypoints: as many per line as the largest skeleton. */
static gboolean
count_keypoints (Export *ex, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  gint64 counts[CAIRN_N_KINDS];

  if (!cairn_store_count_annotations_by_kind (ex->base.store, counts, error))
    return FALSE;
  if (counts[CAIRN_KIND_KEYPOINTS] == 0)
    return TRUE;
  filter.kind = CAIRN_KIND_KEYPOINTS;
  filter.annotator_id = ex->base.annotator_id;
  return cairn_store_foreach_annotation (ex->base.store, &filter, max_keypoints_cb,
                                         &ex->n_keypoints, error);
}

/* Normalised to 1e-12: at most 1e-12 × width off in pixels, without the binary noise. */
#define NORMALISED_TOLERANCE 1e-12

static void
append_xy (GString *line, double x, double y, const CairnItem *item)
{
  g_string_append_c (line, ' ');
  cairn_image_append_rounded (line, x / item->width, NORMALISED_TOLERANCE);
  g_string_append_c (line, ' ');
  cairn_image_append_rounded (line, y / item->height, NORMALISED_TOLERANCE);
}

static void
append_box (GString *line, const double *box, const CairnItem *item)
{
  append_xy (line, box[0] + box[2] / 2, box[1] + box[3] / 2, item);
  append_xy (line, box[2], box[3], item);
}

static void
append_keypoints (Export *ex, GString *line, const CairnAnnotation *points, const CairnItem *item)
{
  guint n = points ? points->coords->len / 3 : 0;

  for (guint i = 0; i < ex->n_keypoints; i++)
    {
      const double *p = i < n ? (const double *) points->coords->data + 3 * i : NULL;

      if (p == NULL || p[2] == 0)
        {
          g_string_append (line, " 0 0 0");
          continue;
        }
      append_xy (line, p[0], p[1], item);
      g_string_append_printf (line, " %d", (int) p[2]);
    }
}

static const CairnAnnotation *
group_partner (GPtrArray *list, const CairnAnnotation *a, CairnKind kind)
{
  gint64 group = cairn_image_get_group (a);

  for (guint i = 0; group && i < list->len; i++)
    {
      const CairnAnnotation *b = list->pdata[i];

      if (b != a && b->kind == kind && b->label_id == a->label_id
          && cairn_image_get_group (b) == group)
        return b;
    }
  return NULL;
}

/* One pose line per box or keypoints (joined when grouped); other shapes by their bounds. */
static void
write_pose_line (Export *ex, GString *out, GPtrArray *list, const CairnAnnotation *a, guint c,
                 const CairnItem *item)
{
  const CairnAnnotation *points = a->kind == CAIRN_KIND_KEYPOINTS ? a : NULL;
  const CairnAnnotation *box = a->kind == CAIRN_KIND_BOX ? a : NULL;
  double bounds[4];

  if (points)
    box = group_partner (list, a, CAIRN_KIND_BOX);
  else if (box)
    {
      /* Written with its keypoints. */
      if (group_partner (list, a, CAIRN_KIND_KEYPOINTS))
        return;
    }
  if (box)
    memcpy (bounds, box->coords->data, sizeof bounds);
  else if (points)
    {
      g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i + 2 < points->coords->len; i += 3)
        if (g_array_index (points->coords, double, i + 2) > 0)
          g_array_append_vals (visible, &g_array_index (points->coords, double, i), 2);
      cairn_image_bounds ((const double *) visible->data, visible->len / 2, bounds);
    }
  else if (!cairn_annotation_bounds (a, &bounds[0], &bounds[1], &bounds[2], &bounds[3]))
    return;
  g_string_append_printf (out, "%u", c);
  append_box (out, bounds, item);
  append_keypoints (ex, out, points, item);
  g_string_append_c (out, '\n');
}

static void
write_line (Export *ex, GString *out, GPtrArray *list, const CairnAnnotation *a,
            const CairnItem *item)
{
  int c = cairn_image_class_of (ex->base.class_of, a->label_id);
  gsize off = 0;

  if (c < 0)
    return;
  if (ex->n_keypoints)
    {
      if (a->kind != CAIRN_KIND_TAG)
        write_pose_line (ex, out, list, a, c, item);
      return;
    }
  if (a->kind == CAIRN_KIND_BOX || a->kind == CAIRN_KIND_OCR)
    {
      g_string_append_printf (out, "%u", c);
      append_box (out, (const double *) a->coords->data, item);
      g_string_append_c (out, '\n');
      return;
    }
  /* Polygons one line per ring; rotated boxes and ellipses by their outline. */
  if (!cairn_image_outline (a, ex->coords, ex->rings))
    return;
  for (guint r = 0; r < ex->rings->len; r++)
    {
      guint n = g_array_index (ex->rings, guint, r);

      g_string_append_printf (out, "%u", c);
      for (guint i = 0; i < n; i++)
        append_xy (out, g_array_index (ex->coords, double, off + 2 * i),
                   g_array_index (ex->coords, double, off + 2 * i + 1), item);
      g_string_append_c (out, '\n');
      off += 2 * n;
    }
}

static gboolean
export_item (Export *ex, const CairnItem *item, const char *images, const char *labels,
             GHashTable *used, GError **error)
{
  g_autofree char *name = cairn_image_export_name (ex->base.options, item, used);
  g_autofree char *image_path = g_build_filename (images, name, NULL);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = g_strndup (name, dot ? (gsize) (dot - name) : strlen (name));
  g_autofree char *label_name = g_strconcat (stem, ".txt", NULL);
  g_autofree char *label_path = g_build_filename (labels, label_name, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  if (!cairn_image_copy_media (ex->base.store, item, image_path, &local))
    {
      /* Labels are still useful when the image is put in place by hand. */
      g_string_append_printf (ex->base.missing, "%s\t%s\n", name, local->message);
      g_clear_error (&local);
    }
  if (item->width <= 0 || item->height <= 0)
    {
      g_string_append_printf (ex->base.missing, "%s\tsize unknown: labels not written\n", name);
      return TRUE;
    }
  list = cairn_image_list_annotations (ex->base.store, item->id, ex->base.annotator_id, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    write_line (ex, out, list, list->pdata[i], item);
  return cairn_image_write_file (label_path, out->str, out->len, error);
}

static void
append_yaml_string (GString *out, const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      if (*p != '\n' && *p != '\r')
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static gboolean
write_data_yaml (Export *ex, GPtrArray *sets, GError **error)
{
  g_autoptr(GString) out = g_string_new ("# YOLO dataset written by Cairn\n");
  g_autofree char *path = g_build_filename (ex->base.out_dir, "data.yaml", NULL);
  g_autoptr(JsonNode) flip = cairn_image_get_meta_json (ex->base.store, YOLO_META_FLIP);
  const char *first = ((CairnExportSet *) sets->pdata[0])->split;
  gboolean has_val = FALSE;

  for (guint i = 0; i < sets->len; i++)
    {
      const char *split = ((CairnExportSet *) sets->pdata[i])->split;

      if (split == NULL)
        {
          g_string_append (out, "train: images\nval: images\n");
          has_val = TRUE;
          break;
        }
      g_string_append_printf (out, "%s: images/%s\n", split, split);
      has_val |= g_str_equal (split, "val");
    }
  /* Ultralytics needs a validation set: the first split stands in. */
  if (!has_val)
    g_string_append_printf (out, "val: images/%s\n", first);
  g_string_append_printf (out, "nc: %u\nnames:\n", ex->names->len);
  for (guint i = 0; i < ex->names->len; i++)
    {
      g_string_append_printf (out, "  %u: ", i);
      append_yaml_string (out, ex->names->pdata[i]);
      g_string_append_c (out, '\n');
    }
  if (ex->n_keypoints)
    {
      g_string_append_printf (out, "kpt_shape: [%u, 3]\n", ex->n_keypoints);
      if (flip && JSON_NODE_HOLDS_ARRAY (flip)
          && json_array_get_length (json_node_get_array (flip)) == ex->n_keypoints)
        {
          g_autofree char *text = json_to_string (flip, FALSE);
          g_string_append_printf (out, "flip_idx: %s\n", text);
        }
    }
  return cairn_image_write_file (path, out->str, out->len, error);
}

static gboolean
export_all (Export *ex, GError **error)
{
  g_autoptr(GPtrArray) sets = cairn_image_export_sets (ex->base.store, ex->base.options, error);
  guint total = 0, done = 0;

  if (sets == NULL || !count_keypoints (ex, error))
    return FALSE;
  cairn_image_number_classes (ex->base.store, ex->base.labels, YOLO_META_NAMES, NULL,
                              ex->base.class_of, ex->names);
  for (guint s = 0; s < sets->len; s++)
    total += ((CairnExportSet *) sets->pdata[s])->item_ids->len;
  for (guint s = 0; s < sets->len; s++)
    {
      CairnExportSet *set = sets->pdata[s];
      g_autofree char *images = g_build_filename (ex->base.out_dir, "images", set->split, NULL);
      g_autofree char *labels = g_build_filename (ex->base.out_dir, "labels", set->split, NULL);
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (g_mkdir_with_parents (images, 0755) != 0 || g_mkdir_with_parents (labels, 0755) != 0)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: cannot create: %s",
                       ex->base.out_dir, g_strerror (errno));
          return FALSE;
        }
      for (guint i = 0; i < set->item_ids->len; i++)
        {
          gint64 id = g_array_index (set->item_ids, gint64, i);
          g_autoptr(CairnItem) item = cairn_store_get_item (ex->base.store, id, error);

          if (item == NULL
              || !cairn_format_step (ex->base.options, (double) done++ / MAX (total, 1), NULL,
                                     error)
              || !export_item (ex, item, images, labels, used, error))
            return FALSE;
        }
    }
  if (!cairn_image_write_missing (ex->base.options, ex->base.out_dir, ex->base.missing, error))
    return FALSE;
  return write_data_yaml (ex, sets, error);
}

gboolean
cairn_format_yolo_export (CairnStore               *store,
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
  ex.coords = g_array_new (FALSE, FALSE, sizeof (double));
  ex.rings = g_array_new (FALSE, FALSE, sizeof (guint));
  ok = export_all (&ex, error);
  cairn_image_export_end (&ex.base);
  g_ptr_array_unref (ex.names);
  g_array_unref (ex.coords);
  g_array_unref (ex.rings);
  return ok;
}
