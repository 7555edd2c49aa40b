#include <glib/gstdio.h>

#include "text-test-util.h"

typedef struct
{
  guint       start;
  guint       end;
  const char *label;
} Expected;

/* The item's spans are exactly these (in start order), each also checked against its text. */
static void
assert_spans (CairnStore *store, const char *text, const Expected *expected, guint n,
              const char *const *texts)
{
  g_autoptr(GPtrArray) list = test_item_annotations (store, text, NULL);
  guint seen = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *a = list->pdata[i];
      guint start, end;
      g_autofree char *piece = NULL;
      const char *s;

      if (a->kind != CAIRN_KIND_SPAN)
        continue;
      g_assert_cmpuint (seen, <, n);
      start = g_array_index (a->coords, double, 0);
      end = g_array_index (a->coords, double, 1);
      g_assert_cmpuint (start, ==, expected[seen].start);
      g_assert_cmpuint (end, ==, expected[seen].end);
      g_assert_cmpstr (test_label_name (store, a->label_id), ==, expected[seen].label);
      s = g_utf8_offset_to_pointer (text, start);
      piece = g_strndup (s, g_utf8_offset_to_pointer (text, end) - s);
      g_assert_cmpstr (piece, ==, texts[seen]);
      seen++;
    }
  g_assert_cmpuint (seen, ==, n);
}

static void
test_import_conll2003 (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("conll/conll2003.conll");
  g_autoptr(CairnImportReport) report = test_import (p, "conll", path, NULL);
  const char *doc1 = "EU rejects German call to boycott British lamb .\nPeter Blackburn";
  const char *doc2 = "서울 특별시 에서 김철수 씨가 발표했다 .";
  const Expected spans1[] = { { 0, 2, "ORG" }, { 11, 17, "MISC" }, { 34, 41, "MISC" },
                              { 49, 64, "PER" } };
  const char *texts1[] = { "EU", "German", "British", "Peter Blackburn" };
  const Expected spans2[] = { { 0, 6, "LOC" }, { 10, 13, "PER" } };
  const char *texts2[] = { "서울 특별시", "김철수" };
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) unused = NULL;
  JsonObject *conll;
  JsonArray *columns;

  /* Two documents: -DOCSTART- makes items of documents, sentences joined by a newline. */
  g_assert_cmpuint (report->items_added, ==, 2);
  g_assert_cmpuint (report->annotations_added, ==, 6);
  assert_spans (p->store, doc1, spans1, G_N_ELEMENTS (spans1), texts1);
  assert_spans (p->store, doc2, spans2, G_N_ELEMENTS (spans2), texts2);
  /* The POS and chunk columns are kept per token for the way back. */
  unused = test_item_annotations (p->store, doc2, &item);
  conll = json_object_get_object_member (item->meta, "conll");
  g_assert_true (json_object_get_boolean_member (conll, "document"));
  columns = json_object_get_array_member (conll, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 7);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (columns, 2), 0),
                   ==, "JKB");
}

static void
test_import_two_column (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("conll/two-column.conll");
  g_autoptr(CairnImportReport) report = test_import (p, "conll", path, NULL);
  const Expected s1[] = { { 0, 10, "PER" }, { 20, 28, "LOC" } };
  const char *t1[] = { "John Smith", "New York" };
  const Expected s2[] = { { 0, 3, "LANG" } };
  const char *t2[] = { "한국어" };
  const Expected s3[] = { { 4, 18, "ORG" }, { 23, 28, "PER" } };
  const char *t3[] = { "United Nations", "Obama" };

  /* No -DOCSTART-: one item per sentence; S- and E- (BIOES) read too. */
  g_assert_cmpuint (report->items_added, ==, 3);
  assert_spans (p->store, "John Smith lives in New York .", s1, 2, t1);
  assert_spans (p->store, "한국어 텍스트 입니다", s2, 1, t2);
  assert_spans (p->store, "The United Nations met Obama", s3, 2, t3);
}

static void
test_import_iob1 (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  const char *data = "Alex I-PER\nand O\nJo I-PER\nI-PER\tB-PER\nmet O\nat O\nU.N. I-ORG\n"
                     "New I-LOC\nYork I-LOC\nCity E-LOC\n";
  g_autofree char *path = test_write_file (p, "iob1.conll", data, -1);
  g_autoptr(CairnImportReport) report = test_import (p, "conll", path, NULL);
  /* IOB1: I- after O starts a span, B- splits two of the same type. */
  const Expected s[] = { { 0, 4, "PER" }, { 9, 11, "PER" }, { 12, 17, "PER" },
                         { 25, 29, "ORG" }, { 30, 43, "LOC" } };
  const char *t[] = { "Alex", "Jo", "I-PER", "U.N.", "New York City" };

  g_assert_cmpuint (report->items_added, ==, 1);
  assert_spans (p->store, "Alex and Jo I-PER met at U.N. New York City", s, G_N_ELEMENTS (s), t);
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
round_trip (const char *fixture, const char *scheme, const char *must_contain)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *path = test_data_path (fixture);
  g_autoptr(CairnImportReport) r1 = test_import (a, "conll", path, NULL);
  g_autofree char *out_a = test_export (a, "conll", "out", scheme);
  g_autofree char *exported = g_build_filename (out_a, "annotations.conll", NULL);
  g_autoptr(CairnImportReport) r2 = test_import (b, "conll", exported, NULL);
  g_autofree char *out_b = test_export (b, "conll", "out", scheme);
  g_autofree char *snap_a = test_snapshot (a->store), *snap_b = test_snapshot (b->store);
  g_autofree char *file_a = read_file (out_a, "annotations.conll");
  g_autofree char *file_b = read_file (out_b, "annotations.conll");

  g_assert_cmpuint (r1->items_added, ==, r2->items_added);
  g_assert_cmpstr (snap_a, ==, snap_b);
  g_assert_cmpstr (file_a, ==, file_b);
  if (strstr (file_a, must_contain) == NULL)
    g_error ("“%s” is not in:\n%s", must_contain, file_a);
}

static void
test_round_trip_iob2 (void)
{
  round_trip ("conll/conll2003.conll", NULL, "서울 NNP B-NP B-LOC\n특별시 NNP I-NP I-LOC\n");
  round_trip ("conll/two-column.conll", "iob2", "United B-ORG\nNations I-ORG\n");
}

static void
test_round_trip_bioes (void)
{
  round_trip ("conll/two-column.conll", "bioes", "한국어 S-LANG\n");
  round_trip ("conll/two-column.conll", "bioes", "United B-ORG\nNations E-ORG\n");
  round_trip ("conll/conll2003.conll", "bioes", "EU NNP B-NP S-ORG\n");
}

/* A text item from elsewhere: tokens are cut where a span ends inside "Seoul.". */
static void
test_export_splits_at_spans (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
  g_autoptr(CairnLabel) loc = cairn_label_new ("LOC");
  double coords[2] = { 12, 14 };
  g_autofree char *out = NULL, *file = NULL;

  item->text = g_strdup ("I  live in  서울.\nBye");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_true (cairn_store_add_label (p->store, loc, &error));
  a->item_id = item->id;
  a->label_id = loc->id;
  cairn_annotation_set_coords (a, coords, 2);
  g_assert_true (cairn_store_add_annotation (p->store, a, &error));
  g_assert_no_error (error);
  out = test_export (p, "conll", "out", "bioes");
  file = read_file (out, "annotations.conll");
  g_assert_cmpstr (file, ==, "I O\nlive O\nin O\n서울 S-LOC\n. O\n\nBye O\n\n");
}

static void
add_span (CairnStore *store, gint64 item, gint64 label, double start, double end)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
  g_autoptr(GError) error = NULL;
  double coords[2] = { start, end };

  a->item_id = item;
  a->label_id = label;
  cairn_annotation_set_coords (a, coords, 2);
  g_assert_true (cairn_store_add_annotation (store, a, &error));
}

static void
test_export_reports_unwritable_spans (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnLabel) label = cairn_label_new ("X");
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  g_autofree char *file = g_build_filename (out, "annotations.conll", NULL);
  CairnFormatOptions options = { 0 };

  item->text = g_strdup ("one two three\nfour");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_true (cairn_store_add_label (p->store, label, &error));
  add_span (p->store, item->id, label->id, 0, 7);   /* one two */
  add_span (p->store, item->id, label->id, 4, 13);  /* two three: overlaps */
  add_span (p->store, item->id, label->id, 3, 7);   /* " two": starts on a space */
  add_span (p->store, item->id, label->id, 8, 18);  /* three\nfour: crosses a line */
  add_span (p->store, item->id, label->id, 0, 7);   /* the same again: written once */
  g_assert_false (cairn_format_export (p->store, "conll", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "3 spans cannot be written"));
  g_assert_nonnull (strstr (error->message, "X [4, 13) overlaps span X [0, 7)"));
  g_assert_nonnull (strstr (error->message, "starts on whitespace"));
  g_assert_nonnull (strstr (error->message, "crosses a line break"));
  /* Nothing half-written is left behind. */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  options.scheme = "iobx";
  g_assert_false (cairn_format_export (p->store, "conll", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *good = test_data_path ("conll/two-column.conll");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "conll", good, NULL);
  g_autofree char *bad_tag = test_data_path ("conll/bad-tag.conll");
  g_autofree char *columns = test_data_path ("conll/bad-columns.conll");
  g_autofree char *one = test_write_file (p, "one.conll", "word\n", -1);
  g_autofree char *latin1 = test_write_file (p, "latin1.conll", "caf\xe9 O\n", -1);
  g_autofree char *empty = test_write_file (p, "empty.conll", "\n\n", -1);

  /* Each failure names the file and line, and leaves the project as it was. */
  test_import_fails (p, "conll", bad_tag, "bad-tag.conll:4:", "“B_PER”", NULL);
  test_import_fails (p, "conll", columns, "bad-columns.conll:3:", "2 columns, but line 1 has 4",
                     NULL);
  test_import_fails (p, "conll", one, "one.conll:1:", "found one column", NULL);
  test_import_fails (p, "conll", latin1, "latin1.conll:1:", "not valid UTF-8", NULL);
  test_import_fails (p, "conll", empty, "no tokens", NULL);
}

static void
test_reimport_adds_nothing (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("conll/two-column.conll");
  g_autoptr(CairnImportReport) first = test_import (p, "conll", path, "ann");
  g_autofree char *before = test_snapshot (p->store);
  g_autoptr(CairnImportReport) second = test_import (p, "conll", path, "ann");
  g_autofree char *after = test_snapshot (p->store);
  g_autoptr(CairnImportReport) other = test_import (p, "conll", path, "bob");
  g_autofree char *out = NULL, *file = NULL;

  g_assert_cmpuint (second->items_added, ==, 0);
  g_assert_cmpuint (second->items_skipped, ==, 3);
  g_assert_cmpuint (second->annotations_added, ==, 0);
  g_assert_cmpuint (second->annotations_present, ==, first->annotations_added);
  g_assert_cmpuint (second->warnings->len, ==, 0);
  g_assert_cmpstr (before, ==, after);
  /* Another annotator's identical work is theirs; export writes agreeing spans once. */
  g_assert_cmpuint (other->annotations_added, ==, first->annotations_added);
  out = test_export (p, "conll", "out", NULL);
  file = read_file (out, "annotations.conll");
  g_assert_nonnull (strstr (file, "John B-PER\nSmith I-PER\n"));
}

static void
test_annotator_and_splits (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("conll/two-column.conll");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r = test_import (p, "conll", path, "ann");
  g_autoptr(GArray) ids = cairn_store_list_item_ids (p->store, NULL, &error);
  g_autofree char *out = g_build_filename (p->dir, "split", NULL);
  g_autofree char *train = NULL, *test = NULL;
  const char *splits[] = { "train", "test", NULL };
  CairnFormatOptions options = { 0 };

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (p->store, g_array_index (ids, gint64, i),
                                                        &error);
      item->split = g_strdup (i == 0 ? "test" : "train");
      g_assert_true (cairn_store_update_item (p->store, item, &error));
    }
  options.splits = (GStrv) splits;
  options.annotator = "ann";
  g_assert_true (cairn_format_export (p->store, "conll", out, &options, &error));
  g_assert_no_error (error);
  train = read_file (out, "train.conll");
  test = read_file (out, "test.conll");
  g_assert_cmpstr (test, ==, "John B-PER\nSmith I-PER\nlives O\nin O\nNew B-LOC\nYork I-LOC\n"
                             ". O\n\n");
  g_assert_nonnull (strstr (train, "한국어 B-LANG\n"));
  g_assert_null (strstr (train, "John"));
  /* Someone who annotated nothing here gets all O; a stranger is an error. */
  options.annotator = "nobody";
  g_assert_false (cairn_format_export (p->store, "conll", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conll/import-conll2003", test_import_conll2003);
  g_test_add_func ("/conll/import-two-column", test_import_two_column);
  g_test_add_func ("/conll/import-iob1", test_import_iob1);
  g_test_add_func ("/conll/round-trip-iob2", test_round_trip_iob2);
  g_test_add_func ("/conll/round-trip-bioes", test_round_trip_bioes);
  g_test_add_func ("/conll/export-splits-at-spans", test_export_splits_at_spans);
  g_test_add_func ("/conll/export-reports-unwritable-spans", test_export_reports_unwritable_spans);
  g_test_add_func ("/conll/malformed", test_malformed);
  g_test_add_func ("/conll/reimport-adds-nothing", test_reimport_adds_nothing);
  g_test_add_func ("/conll/annotator-and-splits", test_annotator_and_splits);
  return g_test_run ();
}
