#include "text-test-util.h"

static void
assert_has_line (const char *snapshot, const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *haystack = g_strconcat ("\n", snapshot, NULL);

  if (strstr (haystack, needle) == NULL)
    g_error ("missing “%s” in:\n%s", line, snapshot);
}

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_import_reviews (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("csv/reviews.csv");
  g_autoptr(CairnImportReport) report = test_import (p, "csv", path, NULL);
  g_autofree char *snapshot = test_snapshot (p->store);
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_test_message ("%s", snapshot);
  /* BOM, quoted commas, doubled quotes, a quoted line break, several labels, no label */
  g_assert_cmpuint (report->items_added, ==, 4);
  g_assert_cmpuint (report->annotations_added, ==, 4);
  assert_has_line (snapshot, "Great product, would buy again | class | positive | [] |  |  | {}");
  assert_has_line (snapshot, "Great product, would buy again | class | recommend | [] |  |  | {}");
  assert_has_line (snapshot, "She said \"hi\" | class | neutral | [] |  |  | {}");
  assert_has_line (snapshot, "첫 줄\r\n둘째 줄 | class | negative | [] |  |  | {}");
  list = test_item_annotations (p->store, "No label here", &item);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item->meta,
                                                                                 "csv"),
                                                  "source"), ==, "forum");
}

static void
test_round_trip (void)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *path = test_data_path ("csv/reviews.csv");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r1 = test_import (a, "csv", path, NULL);
  g_autofree char *out_a = test_export (a, "csv", "out", NULL);
  g_autofree char *exported = g_build_filename (out_a, "annotations.csv", NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r2 = test_import (b, "csv", exported, NULL);
  g_autofree char *out_b = test_export (b, "csv", "out", NULL);
  g_autofree char *snap_a = test_snapshot (a->store), *snap_b = test_snapshot (b->store);
  g_autofree char *file_a = read_file (out_a, "annotations.csv");
  g_autofree char *file_b = read_file (out_b, "annotations.csv");

  g_assert_cmpstr (snap_a, ==, snap_b);
  g_assert_cmpstr (file_a, ==, file_b);
  g_assert_cmpstr (file_a, ==,
                   "text,label,source\r\n"
                   "\"Great product, would buy again\",positive|recommend,amazon\r\n"
                   "\"She said \"\"hi\"\"\",neutral,\r\n"
                   "\"첫 줄\r\n둘째 줄\",negative,네이버\r\n"
                   "No label here,,forum\r\n");
}

static void
test_label_with_separator (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnLabel) label = cairn_label_new ("a|b");
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_CLASS);
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  CairnFormatOptions options = { 0 };

  item->text = g_strdup ("x");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_true (cairn_store_add_label (p->store, label, &error));
  a->item_id = item->id;
  a->label_id = label->id;
  g_assert_true (cairn_store_add_annotation (p->store, a, &error));
  g_assert_false (cairn_format_export (p->store, "csv", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "“a|b”"));
}

/* What a CSV cannot hold is told, once per kind. */
static void
test_export_warns (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("csv/reviews.csv");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "csv", path, NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  CairnFormatOptions options = { .warnings = warnings };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) list = test_item_annotations (p->store, "She said \"hi\"", &item);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnAnnotation) span = cairn_annotation_new (CAIRN_KIND_SPAN);

      span->item_id = item->id;
      span->label_id = ((CairnAnnotation *) list->pdata[0])->label_id;
      cairn_annotation_set_coords (span, (double[]) { i, i + 1 }, 2);
      g_assert_true (cairn_store_add_annotation (p->store, span, &error));
    }
  g_assert_true (cairn_format_export (p->store, "csv", out, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (warnings->pdata[0], ==,
                   "csv: 2 span annotations not written (a CSV row holds class labels only)");
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *good = test_data_path ("csv/reviews.csv");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "csv", good, NULL);
  g_autofree char *quote = test_data_path ("csv/bad-quote.csv");
  g_autofree char *fields = test_data_path ("csv/bad-fields.csv");
  g_autofree char *no_text = test_data_path ("csv/no-text.csv");
  g_autofree char *empty = test_write_file (p, "empty.csv", "", 0);

  test_import_fails (p, "csv", quote, "bad-quote.csv:2:", "never closed", NULL);
  test_import_fails (p, "csv", fields, "bad-fields.csv:3:", "3 fields, but the header has 2",
                     NULL);
  test_import_fails (p, "csv", no_text, "no-text.csv:1:", "no “text” column", NULL);
  test_import_fails (p, "csv", empty, "empty.csv", "header row", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/import", test_import_reviews);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/label-with-separator", test_label_with_separator);
  g_test_add_func ("/csv/malformed", test_malformed);
  g_test_add_func ("/csv/export-warns", test_export_warns);
  return g_test_run ();
}
