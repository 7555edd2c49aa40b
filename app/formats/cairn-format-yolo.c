#define G_LOG_DOMAIN "cairn-format-yolo"

#include <math.h>

#include "cairn-yolo-private.h"
#include "cairn-image-common.h"
#include "cairn-media.h"
#include "cairn-yaml.h"

/* YOLO import: a dataset file names the classes and the images; each image's labels are a
 * text file of "class x y ..." lines in coordinates normalised to the image size. */

typedef struct
{
  CairnStore               *store;
  const CairnFormatOptions *options;
  CairnImportReport        *report;
  char                     *root;        /* for shorter names in messages */
  GPtrArray                *names;       /* class names, by number */
  GArray                   *label_ids;   /* gint64, by class number */
  guint                     n_keypoints; /* kpt_shape[0]; 0 when not a pose dataset */
  guint                     dims;        /* kpt_shape[1]: 2 or 3 */
  JsonNode                 *kpt_names;
  gint64                    annotator_id;
  CairnGroupCounter        *groups;
  GHashTable               *seen;        /* image paths already imported */
  GPtrArray                *images;      /* char *path, then its split (or NULL), in pairs */
} Import;

static const char *
short_name (Import *im, const char *path)
{
  gsize n = strlen (im->root);

  if (g_str_has_prefix (path, im->root) && path[n] == G_DIR_SEPARATOR)
    return path + n + 1;
  return path;
}

/* ---------------------------------------------------------------------------------------- */
/* Which images                                                                              */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* A file or folder the dataset names may be read only inside the import's folders (the
 * refusals are counted for one warning). */
static gboolean
may_read (Import *im, const char *path)
{
  g_autofree char *real = cairn_format_media_path (im->options, path, im->report);

  return real != NULL;
}

static void
add_image (Import *im, const char *path, const char *split)
{
  g_ptr_array_add (im->images, g_strdup (path));
  g_ptr_array_add (im->images, g_strdup (split));
}

static void
collect_dir (Import *im, const char *dir, const char *split, guint depth)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL || depth > 16)
    return;
  while ((name = g_dir_read_name (d)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *lower = g_ascii_strdown (names->pdata[i], -1);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *real = cairn_format_media_path (im->options, path, im->report);
          g_autofree char *key = real ? g_strconcat ("dir:", real, NULL) : NULL;

          /* Links are followed once each: three "ln -s ." made 3^16 folders. */
          if (key && g_hash_table_add (im->seen, g_steal_pointer (&key)))
            collect_dir (im, path, split, depth + 1);
        }
      else if (cairn_media_is_image_name (lower))
        add_image (im, path, split);
    }
}

/* A relative path in a dataset file: against each base in turn, the first that exists. */
static char *
resolve (const char *value, const char *const *bases)
{
  if (g_path_is_absolute (value))
    return g_file_test (value, G_FILE_TEST_EXISTS) ? g_strdup (value) : NULL;
  for (guint i = 0; bases[i]; i++)
    {
      g_autofree char *path = g_build_filename (bases[i], value, NULL);
      g_autofree char *clean = g_canonicalize_filename (path, NULL);

      if (g_file_test (clean, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&clean);
    }
  return NULL;
}

/* A path written relative to another folder (darknet's, for CVAT's "data/obj.names"): its
 * longest tail (leading folders dropped one by one) that exists beside dir. */
static char *
resolve_beside (const char *value, const char *dir)
{
  if (g_path_is_absolute (value))
    return NULL;
  for (const char *tail = strchr (value, '/'); tail; tail = strchr (tail + 1, '/'))
    {
      const char *bases[] = { dir, NULL };
      char *path = tail[1] ? resolve (tail + 1, bases) : NULL;

      if (path)
        return path;
    }
  return NULL;
}

/* A list file: one image path per line. */
static gboolean
collect_list (Import *im, const char *path, const char *split, const char *const *bases,
              GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;
  const char *all_bases[8] = { dir };
  guint n = 1, moved = 0;

  if (!g_file_get_contents (path, &text, NULL, &local))
    return cairn_format_fail (error, "%s: %s", path, local->message);
  for (guint i = 0; bases[i] && n < G_N_ELEMENTS (all_bases) - 1; i++)
    all_bases[n++] = bases[i];
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strstrip (lines[i]);
      g_autofree char *image = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      if (g_str_has_prefix (line, "./"))
        line += 2;
      image = resolve (line, all_bases);
      /* CVAT writes "data/obj_train_data/x.jpg", relative to darknet's folder. */
      for (guint b = 0; image == NULL && b < n; b++)
        if ((image = resolve_beside (line, all_bases[b])))
          moved++;
      if (image && !may_read (im, image))
        continue;
      if (image == NULL)
        cairn_import_report_warn (im->report, "%s:%u: %s not found (skipped)", path, i + 1, line);
      else
        add_image (im, image, split);
    }
  if (moved)
    cairn_import_report_warn (im->report, "%s: %u image path%s not found as written; read "
                              "beside the list without the leading folders (darknet's paths)",
                              short_name (im, path), moved, moved == 1 ? "" : "s");
  return TRUE;
}

/* One train/val/test entry: a folder, a list file or an image. *found says whether it
 * exists; when it does not, nothing is warned (the caller knows what else to try). */
static gboolean
collect_entry (Import *im, const char *value, const char *split, const char *const *bases,
               const char *where, gboolean *found, GError **error)
{
  g_autofree char *path = resolve (value, bases);

  /* Ultralytics reads "../train/images" against the dataset folder when it is not there as
   * written (Roboflow's exports say so). */
  if (path == NULL && g_str_has_prefix (value, "../"))
    path = resolve (value + 3, bases);
  /* Darknet: "data/train.txt" is relative to darknet's folder; look beside the file. */
  for (guint i = 0; path == NULL && bases[i]; i++)
    if ((path = resolve_beside (value, bases[i])))
      cairn_import_report_warn (im->report, "%s: %s: “%s” not found as written; read %s",
                                where, split, value, short_name (im, path));
  *found = path != NULL;
  if (path == NULL)
    return TRUE;
  if (!may_read (im, path))
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    collect_dir (im, path, split, 0);
  else if (g_str_has_suffix (path, ".txt"))
    return collect_list (im, path, split, bases, error);
  else
    add_image (im, path, split);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Classes                                                                                   */

static gboolean
read_names_file (Import *im, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    return cairn_format_fail (error, "%s: %s", path, local->message);
  if (!g_utf8_validate (text, -1, NULL))
    return cairn_format_fail (error, "%s: not valid UTF-8", path);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *name = g_strstrip (lines[i]);

      if (*name)
        g_ptr_array_add (im->names, g_strdup (name));
    }
  return TRUE;
}

static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  return NULL;
}

/* names: a list, or a mapping from class number to name. */
static gboolean
read_names (Import *im, JsonObject *yaml, const char *where, GError **error)
{
  JsonNode *names = json_object_get_member (yaml, "names");
  gint64 nc = -1;

  cairn_json_get_int (yaml, "nc", &nc);
  if (names && JSON_NODE_HOLDS_ARRAY (names))
    {
      JsonArray *list = json_node_get_array (names);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          char *name = scalar_text (json_array_get_element (list, i));

          if (name == NULL || *name == '\0')
            {
              g_free (name);
              return cairn_format_fail (error, "%s: names[%u] is not a name", where, i);
            }
          g_ptr_array_add (im->names, name);
        }
    }
  else if (names && JSON_NODE_HOLDS_OBJECT (names))
    {
      JsonObject *map = json_node_get_object (names);
      guint n = json_object_get_size (map);

      g_ptr_array_set_size (im->names, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *key = g_strdup_printf ("%u", i);
          char *name = scalar_text (json_object_get_member (map, key));

          if (name == NULL || *name == '\0')
            {
              g_free (name);
              return cairn_format_fail (error,
                                        "%s: names must map 0 to %u to class names (%s is missing)",
                                        where, n - 1, key);
            }
          im->names->pdata[i] = name;
        }
    }
  else if (names == NULL && nc > 0 && nc <= 10000)
    {
      for (gint64 i = 0; i < nc; i++)
        g_ptr_array_add (im->names, g_strdup_printf ("%" G_GINT64_FORMAT, i));
      cairn_import_report_warn (
          im->report, "%s: no names; classes are called 0 to %" G_GINT64_FORMAT, where, nc - 1);
    }
  else
    return cairn_format_fail (error, "%s: needs “names”: a list or a mapping of class names",
                              where);
  if (nc >= 0 && nc != im->names->len)
    cairn_import_report_warn (im->report, "%s: nc is %" G_GINT64_FORMAT " but there are %u names",
                              where, nc, im->names->len);
  return TRUE;
}

static gboolean
read_pose (Import *im, JsonObject *yaml, const char *where, GError **error)
{
  JsonNode *shape = json_object_get_member (yaml, "kpt_shape");
  JsonNode *flip = json_object_get_member (yaml, "flip_idx");
  JsonArray *a;
  gint64 k, d;

  if (shape == NULL || JSON_NODE_HOLDS_NULL (shape))
    return TRUE;
  a = JSON_NODE_HOLDS_ARRAY (shape) ? json_node_get_array (shape) : NULL;
  if (a == NULL || json_array_get_length (a) != 2
      || json_node_get_value_type (json_array_get_element (a, 0)) != G_TYPE_INT64
      || json_node_get_value_type (json_array_get_element (a, 1)) != G_TYPE_INT64
      || (k = json_array_get_int_element (a, 0)) < 1 || k > 1000
      || ((d = json_array_get_int_element (a, 1)) != 2 && d != 3))
    return cairn_format_fail (error, "%s: kpt_shape must be [number of keypoints, 2 or 3]", where);
  im->n_keypoints = k;
  im->dims = d;
  if (json_object_get_member (yaml, "kpt_names"))
    im->kpt_names = json_node_copy (json_object_get_member (yaml, "kpt_names"));
  if (flip && JSON_NODE_HOLDS_ARRAY (flip))
    return cairn_image_set_meta_json (im->store, YOLO_META_FLIP, flip, error);
  return TRUE;
}

/* Keypoint names for class c: kpt_names as a list, or a mapping from class to list. */
static const char *
keypoint_name (Import *im, guint c, guint i)
{
  JsonNode *node = im->kpt_names;
  JsonArray *list = NULL;

  if (node && JSON_NODE_HOLDS_ARRAY (node))
    list = json_node_get_array (node);
  else if (node && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *key = g_strdup_printf ("%u", c);
      JsonNode *m = json_object_get_member (json_node_get_object (node), key);

      list = m && JSON_NODE_HOLDS_ARRAY (m) ? json_node_get_array (m) : NULL;
    }
  if (list && i < json_array_get_length (list)
      && json_node_get_value_type (json_array_get_element (list, i)) == G_TYPE_STRING)
    return json_array_get_string_element (list, i);
  return NULL;
}

static gboolean
ensure_labels (Import *im, GError **error)
{
  g_autoptr(JsonArray) order = json_array_new ();
  g_autoptr(JsonNode) node = NULL, old = NULL;

  for (guint c = 0; c < im->names->len; c++)
    {
      gint64 id = cairn_format_ensure_label (im->store, im->names->pdata[c], im->report, error);
      g_autoptr(CairnLabel) label = NULL;

      if (id == 0)
        return FALSE;
      g_array_append_val (im->label_ids, id);
      json_array_add_string_element (order, im->names->pdata[c]);
      if (im->n_keypoints == 0)
        continue;
      /* A pose dataset: the class's skeleton, named when the file names the points. */
      label = cairn_store_get_label (im->store, id, error);
      if (label == NULL)
        return FALSE;
      if (label->points->len > 0)
        continue;
      for (guint i = 0; i < im->n_keypoints; i++)
        {
          const char *name = keypoint_name (im, c, i);
          g_ptr_array_add (label->points, name ? g_strdup (name) : g_strdup_printf ("%u", i));
        }
      if (!cairn_store_update_label (im->store, label, error))
        return FALSE;
    }
  /* This dataset's numbers first; names earlier imports numbered keep theirs after. */
  old = cairn_image_get_meta_json (im->store, YOLO_META_NAMES);
  for (guint i = 0; old && JSON_NODE_HOLDS_ARRAY (old)
                    && i < json_array_get_length (json_node_get_array (old)); i++)
    {
      const char *name = json_array_get_string_element (json_node_get_array (old), i);

      if (name && !g_ptr_array_find_with_equal_func (im->names, name, g_str_equal, NULL))
        json_array_add_string_element (order, name);
    }
  node = json_node_init_array (json_node_alloc (), order);
  return cairn_image_set_meta_json (im->store, YOLO_META_NAMES, node, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Dataset files                                                                             */

/* Roboflow's layout when data.yaml's paths lead nowhere: SPLIT/images (with SPLIT/labels)
 * beside it; "val" is often a "valid" folder. */
static gboolean
collect_split_folder (Import *im, const char *dir, const char *split, const char *where)
{
  const char *names[] = { split, g_str_equal (split, "val") ? "valid" : NULL, NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *images = g_build_filename (dir, names[i], "images", NULL);

      if (g_file_test (images, G_FILE_TEST_IS_DIR))
        {
          /* A refused folder is counted for the media-root warning, and not looked past. */
          if (!may_read (im, images))
            return TRUE;
          cairn_import_report_warn (im->report, "%s: %s: the listed paths do not exist; "
                                    "imported %s" G_DIR_SEPARATOR_S "images beside it instead",
                                    where, split, names[i]);
          collect_dir (im, images, split, 0);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_data_yaml (Import *im, const char *path, GError **error)
{
  static const char *const splits[][2] = { { "train", "train" }, { "val", "val" },
                                           { "test", "test" } };
  g_autoptr(JsonObject) yaml = cairn_yaml_parse_file (path, error);
  g_autofree char *yaml_dir = g_path_get_dirname (path);
  g_autofree char *root = NULL;
  g_autofree char *base = g_path_get_basename (path);
  const char *declared;

  if (yaml == NULL)
    return FALSE;
  declared = cairn_json_string (yaml, "path");
  if (declared)
    {
      const char *bases[] = { yaml_dir, NULL };
      root = resolve (declared, bases);
      /* "path" names where the dataset was on the machine that wrote it: without that
       * folder here, the dataset is the one beside data.yaml. */
      if (root && !g_file_test (root, G_FILE_TEST_IS_DIR))
        g_clear_pointer (&root, g_free);
    }
  if (root == NULL)
    root = g_strdup (yaml_dir);
  g_free (im->root);
  im->root = g_strdup (root);
  if (!read_names (im, yaml, base, error) || !read_pose (im, yaml, base, error))
    return FALSE;
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      JsonNode *entry = json_object_get_member (yaml, splits[s][0]);
      const char *bases[] = { root, yaml_dir, NULL };
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gboolean any = FALSE;

      if (entry == NULL || JSON_NODE_HOLDS_NULL (entry))
        continue;
      if (JSON_NODE_HOLDS_ARRAY (entry))
        {
          JsonArray *list = json_node_get_array (entry);

          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              char *value = scalar_text (json_array_get_element (list, i));

              if (value)
                g_ptr_array_add (values, value);
            }
        }
      else
        {
          char *value = scalar_text (entry);

          if (value == NULL)
            return cairn_format_fail (error,
                                      "%s: “%s” must be a folder, a list file or a list of them",
                                      base, splits[s][0]);
          g_ptr_array_add (values, value);
        }
      for (guint i = 0; i < values->len; i++)
        {
          gboolean found;

          if (!collect_entry (im, values->pdata[i], splits[s][1], bases, base, &found, error))
            return FALSE;
          any |= found;
        }
      if (any || collect_split_folder (im, yaml_dir, splits[s][1], base))
        continue;
      for (guint i = 0; i < values->len; i++)
        cairn_import_report_warn (im->report, "%s: %s: “%s” not found (skipped)", base,
                                  splits[s][1], (char *) values->pdata[i]);
    }
  return TRUE;
}

/* Darknet's obj.data: "key = value" lines; paths are relative to darknet's folder, usually
 * the parent of the one holding obj.data. */
static gboolean
read_obj_data (Import *im, const char *path, GError **error)
{
  static const char *const splits[][2] = { { "train", "train" }, { "valid", "val" },
                                           { "test", "test" } };
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *names = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) lines = NULL;
  const char *bases[] = { dir, parent, NULL };
  const char *value;

  if (!g_file_get_contents (path, &text, NULL, &local))
    return cairn_format_fail (error, "%s: %s", path, local->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq = strchr (line, '=');

      if (*line == '\0' || *line == '#')
        continue;
      if (eq == NULL)
        return cairn_format_fail (error, "%s:%u: expected “key = value”", path, i + 1);
      *eq = '\0';
      g_hash_table_insert (values, g_strdup (g_strstrip (line)), g_strdup (g_strstrip (eq + 1)));
    }
  g_free (im->root);
  im->root = g_strdup (parent);
  value = g_hash_table_lookup (values, "names");
  if (value && (names = resolve (value, bases)) == NULL)
    {
      /* CVAT's export says "data/obj.names", darknet's folder being the parent of data/. */
      for (guint i = 0; names == NULL && bases[i]; i++)
        names = resolve_beside (value, bases[i]);
      if (names)
        cairn_import_report_warn (im->report, "%s: names: “%s” not found as written; read %s",
                                  short_name (im, path), value, short_name (im, names));
    }
  if (names == NULL)
    return cairn_format_fail (error, "%s: “names” must name the class list file", path);
  if (!may_read (im, names))
    return cairn_format_fail (error, "%s: the class list %s is outside the folders this import "
                              "reads (--media-root DIR allows one)", path, names);
  if (!read_names_file (im, names, error))
    return FALSE;
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      gboolean found;

      value = g_hash_table_lookup (values, splits[s][0]);
      if (value && !collect_entry (im, value, splits[s][1], bases, short_name (im, path), &found,
                                   error))
        return FALSE;
      if (value && !found)
        cairn_import_report_warn (im->report, "%s: %s: “%s” not found (skipped)",
                                  short_name (im, path), splits[s][1], value);
    }
  return TRUE;
}

/* classes.txt (labelImg) or obj.names beside the images and their .txt labels. */
static gboolean
read_class_list (Import *im, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);

  if (!read_names_file (im, path, error))
    return FALSE;
  /* labels/classes.txt beside images/: the images are one folder up. */
  if (g_str_equal (base, "labels"))
    {
      g_autofree char *images = g_build_filename (parent, "images", NULL);
      g_free (im->root);
      im->root = g_strdup (parent);
      collect_dir (im, g_file_test (images, G_FILE_TEST_IS_DIR) ? images : parent, NULL, 0);
      return TRUE;
    }
  g_free (im->root);
  im->root = g_strdup (dir);
  collect_dir (im, dir, NULL, 0);
  return TRUE;
}

static char *
find_dataset_file (const char *dir)
{
  static const char *const preferred[] = { "data.yaml", "data.yml", "dataset.yaml", "obj.data",
                                           "data/obj.data", "classes.txt", "obj.names",
                                           "labels/classes.txt" };
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    {
      g_autofree char *path = g_build_filename (dir, preferred[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".yaml") || g_str_has_suffix (name, ".yml")
        || g_str_has_suffix (name, ".names"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names->len ? g_build_filename (dir, names->pdata[0], NULL) : NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Label files                                                                               */

/* Ultralytics: the last "/images/" becomes "/labels/"; Darknet: beside the image. */
static char *
label_path (const char *image)
{
  const char *sep = G_DIR_SEPARATOR_S "images" G_DIR_SEPARATOR_S;
  const char *dot = strrchr (image, '.');
  const char *slash = strrchr (image, G_DIR_SEPARATOR);
  g_autofree char *stem
      = g_strndup (image, dot && dot > slash ? (gsize) (dot - image) : strlen (image));
  g_autofree char *beside = g_strconcat (stem, ".txt", NULL);
  const char *last = NULL;

  for (const char *p = strstr (stem, sep); p; p = strstr (p + 1, sep))
    last = p;
  if (last)
    {
      g_autofree char *head = g_strndup (stem, last - stem);
      g_autofree char *swapped = g_strconcat (head, G_DIR_SEPARATOR_S "labels" G_DIR_SEPARATOR_S,
                                              last + strlen (sep), ".txt", NULL);
      if (g_file_test (swapped, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&swapped);
    }
  return g_file_test (beside, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&beside) : NULL;
}

static gboolean
add (Import *im, CairnAnnotation *a, const char *where, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!cairn_format_add_annotation (im->store, a, im->report, &local))
    return cairn_format_fail (error, "%s: %s", where, local->message);
  return TRUE;
}

static CairnAnnotation *
new_annotation (Import *im, CairnKind kind, gint64 item_id, guint c)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->item_id = item_id;
  a->label_id = g_array_index (im->label_ids, gint64, c);
  a->annotator_id = im->annotator_id;
  return a;
}

static void
set_box (CairnAnnotation *a, const double *v, int width, int height)
{
  double w = v[2] * width, h = v[3] * height;

  cairn_annotation_set_box (a, v[0] * width - w / 2, v[1] * height - h / 2, w, h);
}

static gboolean
add_pose (Import *im, gint64 item_id, guint c, const double *v, int width, int height,
          const char *where, GError **error)
{
  g_autoptr(CairnAnnotation) box = new_annotation (im, CAIRN_KIND_BOX, item_id, c);
  g_autoptr(CairnAnnotation) points = new_annotation (im, CAIRN_KIND_KEYPOINTS, item_id, c);
  gboolean any = FALSE;
  gint64 group;

  set_box (box, v, width, height);
  for (guint i = 0; i < im->n_keypoints; i++)
    {
      const double *p = v + 4 + i * im->dims;
      /* Two numbers per point: only (0, 0) means "not labelled". */
      double vis = im->dims == 3 ? p[2] : (p[0] == 0 && p[1] == 0 ? 0 : 2);
      double xyv[3] = { p[0] * width, p[1] * height, vis };

      if (vis != 0 && vis != 1 && vis != 2)
        return cairn_format_fail (error, "%s: keypoint %u has visibility %g, expected 0, 1 or 2",
                                  where, i, vis);
      any |= vis != 0;
      g_array_append_vals (points->coords, xyv, 3);
    }
  if (!any)
    return add (im, box, where, error);
  group = cairn_group_counter_next (im->groups, item_id, error);
  if (group == 0)
    return FALSE;
  json_object_set_int_member (box->attributes, CAIRN_IMAGE_GROUP, group);
  json_object_set_int_member (points->attributes, CAIRN_IMAGE_GROUP, group);
  return add (im, box, where, error) && add (im, points, where, error);
}

static gboolean
parse_line (Import *im, gint64 item_id, int width, int height, char *line, const char *where,
            GError **error)
{
  g_auto(GStrv) tokens = g_strsplit_set (line, " \t", -1);
  g_autoptr(GArray) v = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CairnAnnotation) a = NULL;
  guint64 c = 0;
  guint n;

  for (guint i = 0; tokens[i]; i++)
    {
      char *end;
      double x;

      if (*tokens[i] == '\0')
        continue;
      if (v->len == 0 && !g_ascii_string_to_unsigned (tokens[i], 10, 0, G_MAXUINT, &c, NULL))
        return cairn_format_fail (error, "%s: “%s” is not a class number", where, tokens[i]);
      x = g_ascii_strtod (tokens[i], &end);
      if (*end != '\0' || !isfinite (x))
        return cairn_format_fail (error, "%s: “%s” is not a number", where, tokens[i]);
      g_array_append_val (v, x);
    }
  if (v->len == 0)
    return TRUE;
  if (c >= im->names->len)
    return cairn_format_fail (error, "%s: class %" G_GUINT64_FORMAT " is not among the %u classes",
                              where, c, im->names->len);
  n = v->len - 1;
  if (im->n_keypoints)
    {
      if (n != 4 + im->n_keypoints * im->dims)
        return cairn_format_fail (error, "%s: %u numbers after the class, expected %u (a box and "
                                  "%u keypoints " "of %u numbers)", where, n,
                                  4 + im->n_keypoints * im->dims, im->n_keypoints, im->dims);
      return add_pose (im, item_id, c, (double *) v->data + 1, width, height, where, error);
    }
  if (n == 4 || n == 5)
    {
      a = new_annotation (im, CAIRN_KIND_BOX, item_id, c);
      set_box (a, (double *) v->data + 1, width, height);
      /* A sixth column is a detector's confidence. */
      if (n == 5)
        {
          a->score = g_array_index (v, double, 5);
          a->origin = CAIRN_ORIGIN_MODEL;
        }
      return add (im, a, where, error);
    }
  if (n < 6 || n % 2 != 0)
    return cairn_format_fail (error, "%s: %u numbers after the class; expected 4 (a box) or an "
                              "even number of " "at least 6 (a polygon)", where, n);
  a = new_annotation (im, CAIRN_KIND_POLYGON, item_id, c);
  for (guint i = 1; i < v->len; i += 2)
    {
      double xy[2]
          = { g_array_index (v, double, i) * width, g_array_index (v, double, i + 1) * height };
      g_array_append_vals (a->coords, xy, 2);
    }
  n /= 2;
  g_array_append_val (a->rings, n);
  return add (im, a, where, error);
}

static gboolean
import_labels (Import *im, gint64 item_id, int width, int height, const char *path,
               GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    return cairn_format_fail (error, "%s: %s", path, local->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *where = g_strdup_printf ("%s:%u", short_name (im, path), i + 1);

      g_strdelimit (lines[i], "\r", ' ');
      if (!parse_line (im, item_id, width, height, lines[i], where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_image (Import *im, const char *path, const char *split, GError **error)
{
  guint before = im->report->items_added;
  g_autofree char *labels = NULL;
  g_autoptr(CairnItem) item = NULL;
  gint64 id;

  if (g_hash_table_contains (im->seen, path))
    return TRUE;
  g_hash_table_add (im->seen, g_strdup (path));
  id = cairn_format_ensure_image (im->store, path, 0, 0, NULL, NULL, NULL, im->options,
                                  im->report, error);
  if (id == 0)
    return FALSE;
  if (im->report->items_added > before)
    cairn_group_counter_mark_new (im->groups, id);
  item = cairn_store_get_item (im->store, id, error);
  if (item == NULL)
    return FALSE;
  if (split && item->split == NULL)
    {
      item->split = g_strdup (split);
      if (!cairn_store_update_item (im->store, item, error))
        return FALSE;
    }
  labels = label_path (path);
  if (labels == NULL || !may_read (im, labels))
    return TRUE;
  if (item->width <= 0 || item->height <= 0)
    {
      cairn_import_report_warn (im->report, "%s: the image's size is unknown, so its labels "
                                "cannot be placed (skipped)", short_name (im, labels));
      return TRUE;
    }
  return import_labels (im, id, item->width, item->height, labels, error);
}

static gboolean
yolo_import (Import *im, const char *path, GError **error)
{
  g_autofree char *found = g_file_test (path, G_FILE_TEST_IS_DIR) ? find_dataset_file (path)
                                                                   : g_strdup (path);
  /* Absolute, as the paths resolved from it are, so messages can shorten both alike. */
  g_autofree char *file = found ? g_canonicalize_filename (found, NULL) : NULL;
  g_autofree char *lower = NULL;
  gboolean ok;

  if (file == NULL)
    return cairn_format_fail (error,
                              "%s: no data.yaml, obj.data, classes.txt or obj.names in this folder",
                              path);
  lower = g_ascii_strdown (file, -1);
  if (g_str_has_suffix (lower, ".yaml") || g_str_has_suffix (lower, ".yml"))
    ok = read_data_yaml (im, file, error);
  else if (g_str_has_suffix (lower, ".data"))
    ok = read_obj_data (im, file, error);
  else if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".names"))
    ok = read_class_list (im, file, error);
  else
    return cairn_format_fail (error, "%s: not a data.yaml, obj.data, classes.txt or .names file",
                              file);
  if (!ok || !ensure_labels (im, error))
    return FALSE;
  for (guint i = 0; i < im->images->len; i += 2)
    {
      if (!cairn_format_step (im->options, (double) i / im->images->len, NULL, error)
          || !import_image (im, im->images->pdata[i], im->images->pdata[i + 1], error))
        return FALSE;
    }
  return cairn_format_step (im->options, 1.0, NULL, error);
}

gboolean
cairn_format_yolo_import (CairnStore               *store,
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
  im.root = g_strdup (path);
  im.names = g_ptr_array_new_with_free_func (g_free);
  im.label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  im.groups = cairn_group_counter_new (store);
  im.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.images = g_ptr_array_new_with_free_func (g_free);
  im.annotator_id = cairn_format_annotator (store, options, error);
  ok = (im.annotator_id != 0 || options->annotator == NULL) && yolo_import (&im, path, error);
  g_free (im.root);
  g_ptr_array_unref (im.names);
  g_array_unref (im.label_ids);
  cairn_group_counter_free (im.groups);
  g_hash_table_unref (im.seen);
  g_ptr_array_unref (im.images);
  g_clear_pointer (&im.kpt_names, json_node_unref);
  return ok;
}
