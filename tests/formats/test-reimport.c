/* Importing the same file twice adds nothing the second time, in every format, and the
 * summary says how much was already there. */
#include <glib/gstdio.h>

#include "formats/cairn-format.h"

static const struct
{
  const char *format;
  const char *path;  /* under tests/data/formats */
} cases[] = {
  { "coco", "coco/instances_train.json" },
  { "yolo", "yolo/ultralytics" },
  { "voc", "voc/devkit" },
  { "labelme", "labelme/valid" },
  { "cvat", "cvat/annotations.xml" },
  { "labelstudio", "labelstudio/tasks.json" },
  { "via", "via/project.json" },
  { "conll", "conll/conll2003.conll" },
  { "jsonl", "jsonl/doccano-relations.jsonl" },
  { "brat", "brat/news" },
  { "csv", "csv/reviews.csv" },
  { "webanno", "webanno/ner.tsv" },
  { "srt", "srt/interview.srt" },
  { "vtt", "vtt/interview.vtt" },
  { "textgrid", "textgrid/interview.TextGrid" },
};

static gint64
total_annotations (CairnStore *store)
{
  gint64 counts[CAIRN_N_KINDS] = { 0 }, n = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_count_annotations_by_kind (store, counts, &error));
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    n += counts[k];
  return n;
}

static CairnImportReport *
import (CairnStore *store, const char *format, const char *path)
{
  CairnImportReport *report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_format_import (store, format, path, NULL, report, &error));
  g_assert_no_error (error);
  return report;
}

static void
test_reimport (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *dir = g_dir_make_tmp ("cairn-reimport-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "p.cairn", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "formats",
                                            cases[i].path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (project, "reimport", &error);
  g_autoptr(CairnImportReport) first = NULL, second = NULL;
  gint64 before;

  g_assert_no_error (error);
  first = import (store, cases[i].format, path);
  before = total_annotations (store);
  g_assert_cmpuint (first->annotations_added, >, 0);
  g_assert_cmpint (before, ==, first->annotations_added);
  second = import (store, cases[i].format, path);
  g_assert_cmpuint (second->items_added, ==, 0);
  g_assert_cmpuint (second->items_skipped, >, 0);
  g_assert_cmpuint (second->annotations_added, ==, 0);
  g_assert_cmpuint (second->annotations_present, ==,
                    first->annotations_added + first->annotations_present);
  g_assert_cmpuint (second->labels_added, ==, 0);
  g_assert_cmpint (total_annotations (store), ==, before);
  g_clear_object (&store);
  g_remove (project);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/reimport/%s", cases[i].format);
      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_reimport);
    }
  return g_test_run ();
}
