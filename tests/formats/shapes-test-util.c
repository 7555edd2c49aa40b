#include <glib/gstdio.h>
#include <math.h>

#include "shapes-test-util.h"

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d && (name = g_dir_read_name (d)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

Project *
project_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Project *p = g_new0 (Project, 1);

  p->dir = g_dir_make_tmp ("cairn-shapes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (p->dir, "test.cairn", NULL);
  p->store = cairn_store_create (path, "Shapes test", &error);
  g_assert_no_error (error);
  return p;
}

void
project_free (Project *p)
{
  g_clear_object (&p->store);
  remove_tree (p->dir);
  g_free (p->dir);
  g_free (p);
}

char *
fixture_path (const char *format,
              const char *name)
{
  const char *data = g_getenv ("CAIRN_TEST_DATA");

  g_assert_nonnull (data);
  return g_build_filename (data, "formats", format, name, NULL);
}

CairnImportReport *
import_ok (Project                  *p,
           const char               *format,
           const char               *path,
           const CairnFormatOptions *options)
{
  g_autoptr(GError) error = NULL;
  CairnImportReport *report = cairn_import_report_new ();

  cairn_format_import (p->store, format, path, options, report, &error);
  g_assert_no_error (error);
  return report;
}

typedef struct
{
  gint64 items;
  gint64 labels;
  gint64 kinds[CAIRN_N_KINDS];
} Counts;

static void
counts (Project *p, Counts *c)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (p->store, NULL);

  c->items = cairn_store_count_items (p->store, -1);
  c->labels = labels ? (gint64) labels->len : -1;
  g_assert_true (cairn_store_count_annotations_by_kind (p->store, c->kinds, NULL));
}

GError *
import_fails (Project    *p,
              const char *format,
              const char *path,
              ...)
{
  /* Strict: each record error fails the import (else it would be skipped). */
  CairnFormatOptions strict = { .strict = TRUE };
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  GError *error = NULL;
  Counts before, after;
  const char *fragment;
  va_list args;

  counts (p, &before);
  g_assert_false (cairn_format_import (p->store, format, path, &strict, report, &error));
  g_assert_nonnull (error);
  va_start (args, path);
  while ((fragment = va_arg (args, const char *)))
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” does not mention “%s”", error->message, fragment);
  va_end (args);
  counts (p, &after);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  return error;
}

void
export_ok (Project                  *p,
           const char               *format,
           const char               *out_dir,
           const CairnFormatOptions *options)
{
  g_autoptr(GError) error = NULL;

  cairn_format_export (p->store, format, out_dir, options, &error);
  g_assert_no_error (error);
}

gint64
find_image (Project    *p,
            const char *basename)
{
  return cairn_store_find_item_by_basename (p->store, basename, NULL);
}

GPtrArray *
annotations_of (Project *p,
                gint64   item_id,
                gint     kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cairn_store_list_annotations (p->store, item_id, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      CairnAnnotation *a = all->pdata[i];
      if (kind < 0 || a->kind == (CairnKind) kind)
        g_ptr_array_add (out, cairn_annotation_copy (a));
    }
  return out;
}

char *
label_name (Project *p,
            gint64   label_id)
{
  g_autoptr(CairnLabel) label = label_id ? cairn_store_get_label (p->store, label_id, NULL) : NULL;

  return g_strdup (label ? label->name : "");
}

CairnAnnotation *
only_annotation (Project    *p,
                 gint64      item_id,
                 gint        kind,
                 const char *label)
{
  g_autoptr(GPtrArray) list = annotations_of (p, item_id, kind);
  CairnAnnotation *found = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];
      g_autofree char *name = label_name (p, a->label_id);

      if (label == NULL || g_strcmp0 (name, label) == 0)
        {
          if (found)
            g_error ("more than one %s annotation labelled “%s”",
                     cairn_kind_to_string (kind), label);
          found = cairn_annotation_copy (a);
        }
    }
  if (found == NULL)
    g_error ("no %s annotation labelled “%s”", cairn_kind_to_string (kind), label);
  return found;
}

void
assert_coords (const CairnAnnotation *a,
               const double          *expected,
               guint                  n,
               double                 tolerance)
{
  g_assert_cmpuint (a->coords->len, ==, n);
  for (guint i = 0; i < n; i++)
    if (!(fabs (g_array_index (a->coords, double, i) - expected[i]) <= tolerance))
      g_error ("coordinate %u is %.17g, expected %.17g", i, g_array_index (a->coords, double, i),
               expected[i]);
}

gint64
count_annotations (Project *p)
{
  gint64 kinds[CAIRN_N_KINDS], total = 0;

  g_assert_true (cairn_store_count_annotations_by_kind (p->store, kinds, NULL));
  for (guint i = 0; i < CAIRN_N_KINDS; i++)
    total += kinds[i];
  return total;
}

char *
attribute_json (const CairnAnnotation *a,
                const char            *name)
{
  JsonNode *node = json_object_get_member (a->attributes, name);

  return node ? json_to_string (node, FALSE) : NULL;
}

static char *
item_key (const CairnItem *item)
{
  const char *slash = item->uri ? strrchr (item->uri, '/') : NULL;

  if (item->kind == CAIRN_ITEM_TEXT)
    return g_strdup_printf ("text:%s", item->text);
  return g_strdup_printf ("image:%s", slash ? slash + 1 : item->uri ? item->uri : "");
}

static GHashTable *
items_by_key (Project *p)
{
  CairnItemFilter filter = CAIRN_ITEM_FILTER_ANY;
  g_autoptr(GArray) ids = cairn_store_list_item_ids (p->store, &filter, NULL);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CairnItem) item = cairn_store_get_item (p->store, id, NULL);

      g_hash_table_insert (map, item_key (item), g_memdup2 (&id, sizeof id));
    }
  return map;
}

/* An annotation of a, made comparable with those of b: label by name, relation ends through the
 * spans they join (as indices into the item's annotations of b's match). */
static CairnAnnotation *
translate (Project *a, Project *b, const CairnAnnotation *x)
{
  CairnAnnotation *t = cairn_annotation_copy (x);
  g_autofree char *name = label_name (a, x->label_id);
  g_autoptr(CairnLabel) label = *name ? cairn_store_find_label (b->store, name, NULL) : NULL;

  t->label_id = label ? label->id : (*name ? -1 : 0);
  return t;
}

static CairnAnnotation *
span_of (Project *p, gint64 id)
{
  return cairn_store_get_annotation (p->store, id, NULL);
}

static gboolean
same (Project *pa, Project *pb, const CairnAnnotation *a, const CairnAnnotation *b,
      double tolerance)
{
  g_autoptr(CairnAnnotation) t = translate (pa, pb, a);

  if (a->kind == CAIRN_KIND_RELATION && b->kind == CAIRN_KIND_RELATION)
    {
      for (int k = 0; k < 2; k++)
        {
          gint64 end_a = (gint64) g_array_index (a->coords, double, k);
          gint64 end_b = (gint64) g_array_index (b->coords, double, k);
          g_autoptr(CairnAnnotation) sa = span_of (pa, end_a);
          g_autoptr(CairnAnnotation) sb = span_of (pb, end_b);
          g_autoptr(CairnAnnotation) ts = sa ? translate (pa, pb, sa) : NULL;

          if (ts == NULL || sb == NULL || !cairn_annotation_equal (ts, sb, 0))
            return FALSE;
        }
      g_array_index (t->coords, double, 0) = g_array_index (b->coords, double, 0);
      g_array_index (t->coords, double, 1) = g_array_index (b->coords, double, 1);
    }
  return cairn_annotation_equal (t, b, tolerance) && t->origin == b->origin
         && fabs (t->score - b->score) < 1e-9;
}

static void
describe (Project *p, GPtrArray *list, const char *what)
{
  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];
      g_autoptr(JsonNode) node = cairn_annotation_to_json_node (a);
      g_autofree char *json = json_to_string (node, FALSE);
      g_autofree char *name = label_name (p, a->label_id);

      g_printerr ("%s [%s] %s\n", what, name, json);
    }
}

void
assert_same_projects (Project *a,
                      Project *b,
                      double   tolerance)
{
  g_autoptr(GHashTable) items_a = items_by_key (a);
  g_autoptr(GHashTable) items_b = items_by_key (b);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, items_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *other = g_hash_table_lookup (items_b, key);
      g_autoptr(GPtrArray) list_a = annotations_of (a, *(gint64 *) value, -1);
      g_autoptr(GPtrArray) list_b = NULL;
      g_autofree gboolean *used = NULL;

      if (other == NULL && list_a->len == 0)
        continue;
      if (other == NULL)
        g_error ("item %s is missing after the round trip", (char *) key);
      list_b = annotations_of (b, *other, -1);
      used = g_new0 (gboolean, list_b->len + 1);
      if (list_a->len != list_b->len)
        {
          describe (a, list_a, "before");
          describe (b, list_b, "after");
          g_error ("item %s: %u annotations before, %u after", (char *) key, list_a->len,
                   list_b->len);
        }
      for (guint i = 0; i < list_a->len; i++)
        {
          gboolean found = FALSE;

          for (guint k = 0; k < list_b->len && !found; k++)
            if (!used[k] && same (a, b, list_a->pdata[i], list_b->pdata[k], tolerance))
              found = used[k] = TRUE;
          if (!found)
            {
              describe (a, list_a, "before");
              describe (b, list_b, "after");
              g_error ("item %s: annotation %u has no match after the round trip", (char *) key,
                       i);
            }
        }
    }
}
