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
import_fixtures (TestProject *p, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = test_data_path (names[i]);
      G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "jsonl", path, NULL);
    }
}

static const char *const doccano[] = {
  "jsonl/doccano-spans.jsonl", "jsonl/doccano-relations.jsonl", "jsonl/doccano-classes.jsonl",
  NULL
};
static const char *const everything[] = {
  "jsonl/doccano-spans.jsonl", "jsonl/doccano-relations.jsonl", "jsonl/doccano-classes.jsonl",
  "jsonl/spacy.jsonl", NULL
};

static void
test_import_shapes (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *snapshot = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JsonObject *kept;

  import_fixtures (p, everything);
  snapshot = test_snapshot (p->store);
  g_test_message ("%s", snapshot);
  /* doccano spans, Korean offsets in code points */
  assert_has_line (snapshot, "서울에서 김철수 씨가 발표했다. | span | LOC | [0.000000, 2.000000] |  |  | {}");
  assert_has_line (snapshot, "서울에서 김철수 씨가 발표했다. | span | PER | [5.000000, 8.000000] |  |  | {}");
  /* doccano relations: entities by id */
  assert_has_line (snapshot, "Google bought YouTube in 2006. | relation | acquired | "
                   "ORG [0.000000, 6.000000] → ORG [14.000000, 21.000000] |  |  | {}");
  assert_has_line (snapshot, "Google bought YouTube in 2006. | relation | when | ORG [14.000000, "
                   "21.000000] → DATE [25.000000, 29.000000] |  |  | {}");
  /* slot filling: entities as triples, cats as a list */
  assert_has_line (snapshot, "삼성전자는 수원에 있다. | span | LOC | [6.000000, 8.000000] |  |  | {}");
  assert_has_line (snapshot, "삼성전자는 수원에 있다. | class | 회사 | [] |  |  | {}");
  /* classification, and the old "data"/"labels" spelling */
  assert_has_line (snapshot, "I love this film! | class | film | [] |  |  | {}");
  assert_has_line (snapshot, "Old doccano wrote data, not text. | class | neutral | [] |  |  | {}");
  /* spaCy: cats with scores (0 is "not this class"), extra span members as attributes */
  assert_has_line (snapshot, "spaCy is fun in 서울 | class | fun | [] |  |  | {} | score 0.750000");
  assert_has_line (snapshot, "spaCy is fun in 서울 | class | tech | [] |  |  | {}");
  g_assert_null (strstr (snapshot, "| sports |"));
  assert_has_line (snapshot, "spaCy is fun in 서울 | span | LOC | [16.000000, 18.000000] |  |  | "
                   "{\"kb_id\":\"Q8684\"}");
  assert_has_line (snapshot, "Span groups too. | span | X | [0.000000, 4.000000] |  |  | "
                   "{\"spans_key\":\"sc\"}");
  assert_has_line (snapshot, "Apple hired Tim. | relation | employs | ORG [0.000000, 5.000000] → "
                   "PER [12.000000, 15.000000] |  |  | {}");
  /* Members the format does not interpret stay with the item. */
  list = test_item_annotations (p->store, "서울에서 김철수 씨가 발표했다.", &item);
  kept = json_object_get_object_member (item->meta, "jsonl");
  g_assert_cmpint (json_object_get_int_member (kept, "id"), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (kept, "Comments"),
                                                  0), ==, "확인 필요");
}

static void
round_trip (const char *const *fixtures, const char *scheme, const char *const *must_contain)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *out_a = NULL, *out_b = NULL, *file_a = NULL, *file_b = NULL;
  g_autofree char *snap_a = NULL, *snap_b = NULL, *exported = NULL;
  g_autoptr(CairnImportReport) report = NULL;

  import_fixtures (a, fixtures);
  out_a = test_export (a, "jsonl", "out", scheme);
  exported = g_build_filename (out_a, "annotations.jsonl", NULL);
  report = test_import (b, "jsonl", exported, NULL);
  out_b = test_export (b, "jsonl", "out", scheme);
  snap_a = test_snapshot (a->store);
  snap_b = test_snapshot (b->store);
  g_assert_cmpstr (snap_a, ==, snap_b);
  file_a = read_file (out_a, "annotations.jsonl");
  file_b = read_file (out_b, "annotations.jsonl");
  g_assert_cmpstr (file_a, ==, file_b);
  for (guint i = 0; must_contain[i]; i++)
    if (strstr (file_a, must_contain[i]) == NULL)
      g_error ("“%s” is not in:\n%s", must_contain[i], file_a);
}

static void
test_round_trip_doccano (void)
{
  /* Relations make the whole file the entities/relations shape. */
  round_trip (doccano, NULL, (const char *const[]) {
    "{\"text\":\"서울에서 김철수 씨가 발표했다.\",\"entities\":[{\"id\":0,\"label\":\"LOC\","
    "\"start_offset\":0,\"end_offset\":2},{\"id\":1,\"label\":\"PER\",\"start_offset\":5,"
    "\"end_offset\":8}],\"relations\":[],\"cats\":[],",
    "\"Comments\":[\"확인 필요\"]",
    "\"relations\":[{\"id\":0,\"from_id\":0,\"to_id\":1,\"type\":\"acquired\"},",
    NULL });
}

static void
test_round_trip_spacy (void)
{
  round_trip (everything, "spacy", (const char *const[]) {
    "\"cats\":{\"film\":0.0,\"fun\":0.75,",
    "{\"label\":\"LOC\",\"start\":16,\"end\":18,\"attributes\":{\"kb_id\":\"Q8684\"}}",
    "\"relations\":[{\"head_span\":{\"start\":0,\"end\":5,\"label\":\"ORG\"},\"child_span\":"
    "{\"start\":12,\"end\":15,\"label\":\"PER\"},\"label\":\"employs\"}]",
    NULL });
}

static void
test_plain_shapes (void)
{
  g_autoptr(TestProject) spans = test_project_new ();
  g_autoptr(TestProject) classes = test_project_new ();
  g_autofree char *out = NULL, *file = NULL, *out2 = NULL, *file2 = NULL;

  import_fixtures (spans, (const char *const[]) { "jsonl/doccano-spans.jsonl", NULL });
  out = test_export (spans, "jsonl", "out", NULL);
  file = read_file (out, "annotations.jsonl");
  g_assert_nonnull (strstr (file, "{\"text\":\"EU rejects German call to boycott British lamb.\","
                                  "\"label\":[[0,2,\"ORG\"],[11,17,\"MISC\"],[34,41,\"MISC\"]]"));
  import_fixtures (classes, (const char *const[]) { "jsonl/doccano-classes.jsonl", NULL });
  out2 = test_export (classes, "jsonl", "out", "doccano");
  file2 = read_file (out2, "annotations.jsonl");
  g_assert_nonnull (strstr (file2, "{\"text\":\"정말 지루한 영화였다.\",\"label\":[\"negative\"]}\n"));
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_json = test_data_path ("jsonl/bad-json.jsonl");
  g_autofree char *bad_offsets = test_data_path ("jsonl/bad-offsets.jsonl");
  g_autofree char *bad_text = test_data_path ("jsonl/bad-span-text.jsonl");
  g_autofree char *bad_relation = test_data_path ("jsonl/bad-relation.jsonl");
  g_autofree char *no_text = test_data_path ("jsonl/no-text.jsonl");
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  CairnFormatOptions options = { 0 };

  import_fixtures (p, (const char *const[]) { "jsonl/doccano-spans.jsonl", NULL });
  test_import_fails (p, "jsonl", bad_json, "bad-json.jsonl:3:", "not JSON", NULL);
  test_import_fails (p, "jsonl", bad_offsets, "bad-offsets.jsonl:2:", "$.label[0]",
                     "[1, 5) is outside the text (3 characters)", NULL);
  test_import_fails (p, "jsonl", bad_text, "bad-span-text.jsonl:1:", "$.spans[0]",
                     "“spacy” does not match the text at [0, 5): “spaCy”", NULL);
  test_import_fails (p, "jsonl", bad_relation, "bad-relation.jsonl:1:", "$.relations[0]",
                     "to_id 7 names no entity", NULL);
  test_import_fails (p, "jsonl", no_text, "no-text.jsonl:1:", "no \"text\"", NULL);
  options.scheme = "prodigy";
  g_assert_false (cairn_format_export (p->store, "jsonl", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jsonl/import-shapes", test_import_shapes);
  g_test_add_func ("/jsonl/round-trip-doccano", test_round_trip_doccano);
  g_test_add_func ("/jsonl/round-trip-spacy", test_round_trip_spacy);
  g_test_add_func ("/jsonl/plain-shapes", test_plain_shapes);
  g_test_add_func ("/jsonl/malformed", test_malformed);
  return g_test_run ();
}
