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
read_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static const char *doc1 = "Sony formed a joint venture with Ericsson, a mobile phone company "
                          "based in Sweden.\n서울에서 삼성전자가 새 공장을 열었다.\n";

static void
test_import_news (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("brat/news");
  g_autoptr(CairnImportReport) report = test_import (p, "brat", path, NULL);
  g_autofree char *snapshot = test_snapshot (p->store);
  g_autoptr(CairnLabel) country = cairn_store_find_label (p->store, "Country", NULL);
  g_autoptr(CairnLabel) location = cairn_store_find_label (p->store, "Location", NULL);
  g_autoptr(CairnLabel) merge = cairn_store_find_label (p->store, "MERGE-ORG", NULL);
  g_autofree char *specs = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_test_message ("%s", snapshot);
  g_assert_cmpuint (report->items_added, ==, 1);
  /* T1 with its note and normalisation */
  assert_has_line (snapshot, "Sony formed a joint venture with Ericsson, a mobile phone company "
                   "based in Sweden.\n서울에서 삼성전자가 새 공장을 열었다.\n | span | Organization | "
                   "[0.000000, 4.000000] |  |  | {\"norm\":[{\"ref\":\"Wikipedia:27042\",\"text\":"
                   "\"Sony\",\"type\":\"Reference\"}],\"note\":\"Japanese company\"}");
  /* The discontinuous T6: one span per fragment, tied by fragment_of */
  g_assert_nonnull (strstr (snapshot, " | span | Location | [83.000000, 85.000000] |  |  | "
                                      "{\"fragment_of\":\"T6\"}"));
  g_assert_nonnull (strstr (snapshot, " | span | Location | [94.000000, 95.000000] |  |  | "
                                      "{\"fragment_of\":\"T6\"}"));
  /* The event: its trigger carries the event's attributes; arguments are relations */
  g_assert_nonnull (strstr (snapshot, " | span | MERGE-ORG | [14.000000, 27.000000] |  |  | "
                                      "{\"Confidence\":\"High\",\"Negated\":true,"
                                      "\"brat_event\":\"E1\"}"));
  g_assert_nonnull (strstr (snapshot, " | relation | Org2 | MERGE-ORG [14.000000, 27.000000] → "
                                      "Organization [33.000000, 41.000000] |  |  | "
                                      "{\"brat_event\":\"E1\"}"));
  g_assert_nonnull (strstr (snapshot, " | relation | Origin | Organization [33.000000, "
                                      "41.000000] → Country [75.000000, 81.000000] |  |  | {}"));
  g_assert_nonnull (strstr (snapshot, " | relation | Equiv | Organization [0.000000, 4.000000] → "
                                      "Organization [33.000000, 41.000000] |  |  | "
                                      "{\"brat_equiv\":true}"));
  /* annotation.conf: the hierarchy and the attribute values */
  g_assert_nonnull (country);
  g_assert_cmpint (country->parent_id, ==, location->id);
  node = json_node_init_array (json_node_alloc (), merge->attributes);
  specs = json_to_string (node, FALSE);
  g_assert_cmpstr (specs, ==, "[{\"name\":\"Negated\",\"type\":\"bool\"},{\"name\":\"Confidence\","
                              "\"type\":\"enum\",\"values\":[\"High\",\"Low\"]}]");
}

static void
test_round_trip (void)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *path = test_data_path ("brat/news");
  g_autofree char *nested = test_data_path ("brat/nested");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r1 = test_import (a, "brat", path, NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r2 = test_import (a, "brat", nested, NULL);
  g_autofree char *out_a = test_export (a, "brat", "out", NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r3 = test_import (b, "brat", out_a, NULL);
  g_autofree char *out_b = test_export (b, "brat", "out", NULL);
  g_autofree char *snap_a = test_snapshot (a->store), *snap_b = test_snapshot (b->store);
  g_autofree char *source_ann = NULL, *ann_a = NULL, *ann_b = NULL, *txt = NULL, *ko = NULL;
  g_autofree char *p_source = test_data_path ("brat/news/doc1.ann");
  g_autofree char *p_ann_a = g_build_filename (out_a, "doc1.ann", NULL);
  g_autofree char *p_ann_b = g_build_filename (out_b, "doc1.ann", NULL);
  g_autofree char *p_txt = g_build_filename (out_a, "doc1.txt", NULL);
  g_autofree char *p_ko = g_build_filename (out_a, "sub", "ko.ann", NULL);
  g_auto(GStrv) source_lines = NULL, written_lines = NULL;

  g_assert_cmpstr (snap_a, ==, snap_b);
  /* The text byte for byte; every line of the original .ann comes back (order aside). */
  txt = read_path (p_txt);
  g_assert_cmpstr (txt, ==, doc1);
  source_ann = read_path (p_source);
  ann_a = read_path (p_ann_a);
  ann_b = read_path (p_ann_b);
  g_assert_cmpstr (ann_a, ==, ann_b);
  source_lines = g_strsplit (source_ann, "\n", -1);
  written_lines = g_strsplit (ann_a, "\n", -1);
  g_assert_cmpuint (g_strv_length (source_lines), ==, g_strv_length (written_lines));
  for (guint i = 0; source_lines[i]; i++)
    if (!g_strv_contains ((const char *const *) written_lines, source_lines[i]))
      g_error ("“%s” was not written back:\n%s", source_lines[i], ann_a);
  /* Folders below the import root are kept. */
  ko = read_path (p_ko);
  g_assert_cmpstr (ko, ==, "T1\tPlace 0 2\t지역\nA1\tScore T1 3\n");
}

static void
test_export_fragments_and_names (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnLabel) label = cairn_label_new ("Drug");
  g_autofree char *out = NULL, *ann = NULL, *path = NULL;
  double frags[][2] = { { 0, 5 }, { 10, 14 } };

  item->text = g_strdup ("aspirin\nand\ttea tablets");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_true (cairn_store_add_label (p->store, label, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);

      a->item_id = item->id;
      a->label_id = label->id;
      cairn_annotation_set_coords (a, frags[i], 2);
      json_object_set_string_member (a->attributes, "fragment_of", "group-a");
      json_object_set_string_member (a->attributes, "dose", "low dose");
      g_assert_true (cairn_store_add_annotation (p->store, a, &error));
    }
  out = test_export (p, "brat", "out", NULL);
  path = g_strdup_printf ("%s/item-%" G_GINT64_FORMAT ".ann", out, item->id);
  ann = read_path (path);
  /* One T with both fragments; newlines and tabs of the text become spaces on the line; a value
   * with a space cannot be a brat attribute and is left out. */
  g_assert_cmpstr (ann, ==, "T1\tDrug 0 5;10 14\taspir d te\n");
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *news = test_data_path ("brat/news");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "brat", news, NULL);
  g_autofree char *mismatch = test_data_path ("brat/bad/mismatch.ann");
  g_autofree char *range = test_data_path ("brat/bad/range.txt");
  g_autofree char *dangling = test_data_path ("brat/bad/dangling.ann");
  g_autofree char *lonely = test_data_path ("brat/bad/lonely.ann");
  g_autofree char *syntax = test_data_path ("brat/bad/syntax.ann");
  g_autofree char *empty = test_data_path ("brat/bad/nothing-here");
  g_autofree char *bad_dir = test_data_path ("brat/bad");

  test_import_fails (p, "brat", mismatch, "mismatch.ann:2:", "text “ventur” does not match the "
                     "document there: “venture”", NULL);
  test_import_fails (p, "brat", range, "range.ann:2:", "[14, 40) is outside the text (23 "
                     "characters)", NULL);
  test_import_fails (p, "brat", dangling, "dangling.ann:2:", "“T9” names no annotation", NULL);
  test_import_fails (p, "brat", lonely, "lonely.txt is missing", NULL);
  test_import_fails (p, "brat", syntax, "syntax.ann:1:", "“0-4” is not “START END”", NULL);
  test_import_fails (p, "brat", empty, "no such annotation file", NULL);
  /* A folder stops at its first bad document, and nothing of it stays. */
  test_import_fails (p, "brat", bad_dir, "dangling.ann:2:", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/brat/import-news", test_import_news);
  g_test_add_func ("/brat/round-trip", test_round_trip);
  g_test_add_func ("/brat/export-fragments-and-names", test_export_fragments_and_names);
  g_test_add_func ("/brat/malformed", test_malformed);
  return g_test_run ();
}
