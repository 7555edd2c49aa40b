#include <glib/gstdio.h>

#include "text-test-util.h"

TestProject *
test_project_new (void)
{
  g_autoptr(GError) error = NULL;
  TestProject *project = g_new0 (TestProject, 1);
  g_autofree char *path = NULL;

  project->dir = g_dir_make_tmp ("cairn-text-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (project->dir, "test.cairn", NULL);
  project->store = cairn_store_create (path, "test", &error);
  g_assert_no_error (error);
  return project;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
test_project_free (TestProject *project)
{
  if (project == NULL)
    return;
  g_clear_object (&project->store);
  remove_tree (project->dir);
  g_free (project->dir);
  g_free (project);
}

char *
test_data_path (const char *relative)
{
  const char *root = g_getenv ("CAIRN_TEST_DATA");

  g_assert_nonnull (root);
  return g_build_filename (root, "formats", relative, NULL);
}

char *
test_write_file (TestProject *project, const char *name, const char *contents, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (project->dir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

CairnImportReport *
test_import (TestProject *project, const char *format, const char *path, const char *annotator)
{
  g_autoptr(GError) error = NULL;
  CairnImportReport *report = cairn_import_report_new ();
  CairnFormatOptions options = { 0 };

  options.annotator = annotator;
  cairn_format_import (project->store, format, path, &options, report, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) report->warnings->pdata[i]);
  return report;
}

char *
test_export (TestProject *project, const char *format, const char *out, const char *scheme)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (project->dir, out, NULL);
  CairnFormatOptions options = { 0 };

  options.scheme = scheme;
  cairn_format_export (project->store, format, dir, &options, &error);
  g_assert_no_error (error);
  return dir;
}

const char *
test_label_name (CairnStore *store, gint64 label_id)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, NULL);
  static char name[256];

  name[0] = '\0';
  for (guint i = 0; labels && i < labels->len; i++)
    if (((CairnLabel *) labels->pdata[i])->id == label_id)
      g_strlcpy (name, ((CairnLabel *) labels->pdata[i])->name, sizeof name);
  return name;
}

static int
compare_members (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Attributes with their members sorted, so two equal objects print the same. */
static void
append_json (GString *out, JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (GList *l = members; l; l = l->next)
        g_ptr_array_add (names, l->data);
      g_ptr_array_sort (names, compare_members);
      g_string_append_c (out, '{');
      for (guint i = 0; i < names->len; i++)
        {
          g_string_append_printf (out, "%s\"%s\":", i ? "," : "", (char *) names->pdata[i]);
          append_json (out, json_object_get_member (o, names->pdata[i]));
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append (out, i ? "," : "");
          append_json (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

char *
test_json_sorted (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  GString *out = g_string_new (NULL);

  append_json (out, node);
  return g_string_free (out, FALSE);
}

static char *
item_key (const CairnItem *item)
{
  if (item->text)
    return g_strdup (item->text);
  return item->uri ? g_path_get_basename (item->uri) : g_strdup ("?");
}

static void
append_geometry (GString *out, CairnStore *store, const CairnAnnotation *a, gboolean deep)
{
  if (a->kind == CAIRN_KIND_RELATION && deep)
    {
      for (int k = 0; k < 2; k++)
        {
          g_autoptr(CairnAnnotation) end = cairn_store_get_annotation (
            store, (gint64) g_array_index (a->coords, double, k), NULL);

          g_string_append (out, k ? " → " : "");
          if (end == NULL)
            g_string_append (out, "(missing)");
          else
            {
              g_string_append_printf (out, "%s ", test_label_name (store, end->label_id));
              append_geometry (out, store, end, FALSE);
            }
        }
      return;
    }
  g_string_append_c (out, '[');
  for (guint i = 0; i < a->coords->len; i++)
    g_string_append_printf (out, "%s%.6f", i ? ", " : "", g_array_index (a->coords, double, i));
  g_string_append_c (out, ']');
}

static char *
describe (CairnStore *store, const CairnItem *item, const CairnAnnotation *a)
{
  g_autoptr(JsonNode) attributes = json_node_init_object (json_node_alloc (), a->attributes);
  g_autofree char *key = item_key (item);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s | %s | %s | ", key, cairn_kind_to_string (a->kind),
                          test_label_name (store, a->label_id));
  append_geometry (out, store, a, TRUE);
  g_string_append_printf (out, " | %s | %s | ", a->text ? a->text : "",
                          a->speaker ? a->speaker : "");
  append_json (out, attributes);
  if (a->score >= 0)
    g_string_append_printf (out, " | score %.6f", a->score);
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

char *
test_snapshot (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cairn_store_list_item_ids (store, NULL, &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (store, g_array_index (ids, gint64, i),
                                                        &error);
      g_autoptr(GPtrArray) list = NULL;

      g_assert_no_error (error);
      list = cairn_store_list_annotations (store, item->id, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < list->len; k++)
        g_ptr_array_add (lines, describe (store, item, list->pdata[k]));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

char *
test_counts (CairnStore *store)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, NULL);
  gint64 kinds[CAIRN_N_KINDS] = { 0 };
  gint64 total = 0;

  g_assert_true (cairn_store_count_annotations_by_kind (store, kinds, NULL));
  for (int k = 0; k < CAIRN_N_KINDS; k++)
    total += kinds[k];
  return g_strdup_printf ("%" G_GINT64_FORMAT " items, %" G_GINT64_FORMAT " annotations, %u labels",
                          cairn_store_count_items (store, -1), total, labels->len);
}

void
test_import_fails (TestProject *project, const char *format, const char *path, ...)
{
  /* Strict: each record error fails the import (else it would be skipped). */
  CairnFormatOptions strict = { .strict = TRUE };
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_counts (project->store);
  g_autofree char *snapshot = test_snapshot (project->store);
  g_autofree char *after = NULL, *snapshot_after = NULL;
  const char *fragment;
  va_list args;

  g_assert_false (cairn_format_import (project->store, format, path, &strict, report, &error));
  g_assert_nonnull (error);
  g_test_message ("expected failure: %s", error->message);
  va_start (args, path);
  while ((fragment = va_arg (args, const char *)))
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” is not in the error “%s”", fragment, error->message);
  va_end (args);
  after = test_counts (project->store);
  snapshot_after = test_snapshot (project->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (snapshot_after, ==, snapshot);
}

GPtrArray *
test_item_annotations (CairnStore *store, const char *key, CairnItem **out_item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = cairn_store_list_item_ids (store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (store, g_array_index (ids, gint64, i),
                                                        NULL);
      g_autofree char *k = item_key (item);

      if (g_str_equal (k, key))
        {
          GPtrArray *list = cairn_store_list_annotations (store, item->id, &error);

          g_assert_no_error (error);
          if (out_item)
            *out_item = g_steal_pointer (&item);
          return list;
        }
    }
  g_error ("no item “%s”", key);
  return NULL;
}
