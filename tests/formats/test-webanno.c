#include "text-test-util.h"

static void
assert_has_line (const char *snapshot, const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *haystack = g_strconcat ("\n", snapshot, NULL);

  if (strstr (haystack, needle) == NULL)
    g_error ("missing “%s” in:\n%s", line, snapshot);
}

#define NER "Ms. Haag plays Elianti .\n서울 😊 좋아요 .\n"
#define POS_LAYER "{\"webanno_layer\":\"de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS\"}"
#define NE_LAYER "\"webanno_layer\":\"de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\""
#define DEP_LAYER \
  "{\"webanno_layer\":\"de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency\"}"

static void
test_import_ner (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("webanno/ner.tsv");
  g_autoptr(CairnImportReport) report = test_import (p, "webanno", path, NULL);
  g_autofree char *snapshot = test_snapshot (p->store);

  g_test_message ("%s", snapshot);
  g_assert_cmpuint (report->items_added, ==, 1);
  g_assert_cmpuint (report->annotations_added, ==, 18);
  /* A multi-token annotation (PER[1] on two tokens) and one stacked on the first token */
  assert_has_line (snapshot, NER " | span | PER | [0.000000, 8.000000] |  |  | {" NE_LAYER "}");
  assert_has_line (snapshot, NER " | span | PERpart | [0.000000, 3.000000] |  |  | {" NE_LAYER "}");
  /* Escapes: "Q\_1" and "Seoul\|city" */
  assert_has_line (snapshot, NER " | span | ORG | [15.000000, 22.000000] |  |  | "
                   "{\"identifier\":\"Q_1\"," NE_LAYER "}");
  assert_has_line (snapshot, NER " | span | LOC | [25.000000, 27.000000] |  |  | "
                   "{\"identifier\":\"Seoul|city\"," NE_LAYER "}");
  /* UTF-16 offsets 28-30 (an emoji) and 31-34 are code points 28-29 and 30-33 */
  assert_has_line (snapshot, NER " | span | SYM | [28.000000, 29.000000] |  |  | " POS_LAYER);
  assert_has_line (snapshot, NER " | span | VA | [30.000000, 33.000000] |  |  | " POS_LAYER);
  /* Dependencies from the governor's POS to the dependent's, stacked ones too */
  assert_has_line (snapshot, NER " | relation | SUBJ | VBD [9.000000, 14.000000] → NNP [0.000000, "
                   "3.000000] |  |  | " DEP_LAYER);
  assert_has_line (snapshot, NER " | relation | P | . [23.000000, 24.000000] → VBD [9.000000, "
                   "14.000000] |  |  | " DEP_LAYER);
  assert_has_line (snapshot, NER " | relation | ROOT | VBD [9.000000, 14.000000] → VBD "
                   "[9.000000, 14.000000] |  |  | " DEP_LAYER);
}

static void
test_import_chain_and_slots (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *coref = test_data_path ("webanno/coref.tsv");
  g_autofree char *slots = test_data_path ("webanno/slots.tsv");
  g_autofree char *gap = test_data_path ("webanno/gap.tsv");
  g_autoptr(CairnImportReport) r1 = test_import (p, "webanno", coref, NULL);
  g_autoptr(CairnImportReport) r2 = test_import (p, "webanno", slots, NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r3 = test_import (p, "webanno", gap, NULL);
  g_autofree char *snapshot = test_snapshot (p->store);
  const char *he = "He shot himself with his revolver .\n";
  const char *bob = "Bob auctioned the clock to John .\n";
  const char *chain = "\"chain\":1,\"webanno_layer\":\"de.tudarmstadt.ukp.dkpro.core.api.coref."
                      "type.CoreferenceLink\"";
  g_autofree char *line = NULL;

  g_test_message ("%s", snapshot);
  line = g_strdup_printf ("%s | relation | coref | pr [8.000000, 15.000000] → pr [21.000000, "
                          "24.000000] |  |  | {%s}", he, chain);
  assert_has_line (snapshot, line);
  g_free (line);
  line = g_strdup_printf ("%s | relation | goods | transaction [4.000000, 13.000000] → clock "
                          "[14.000000, 23.000000] |  |  | {\"webanno_layer\":\"webanno.custom."
                          "Frame\",\"webanno_slot\":\"Roles\"}", bob);
  assert_has_line (snapshot, line);
  g_free (line);
  line = g_strdup_printf ("%s | relation | buyer | transaction [4.000000, 13.000000] → john "
                          "[27.000000, 31.000000] |  |  | {\"webanno_layer\":\"webanno.custom."
                          "Frame\",\"webanno_slot\":\"Roles\"}", bob);
  assert_has_line (snapshot, line);
  /* A gap between sentences is filled with spaces. */
  assert_has_line (snapshot, "first\n    second\n | span | B | [10.000000, 16.000000] |  |  | "
                   "{\"webanno_layer\":\"webanno.custom.X\"}");
  g_assert_cmpuint (r1->annotations_added, ==, 5);
  g_assert_cmpuint (r2->annotations_added, ==, 7);
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *ner = test_data_path ("webanno/ner.tsv");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "webanno", ner, NULL);
  g_autofree char *header = test_data_path ("webanno/bad-header.tsv");
  g_autofree char *fields = test_data_path ("webanno/bad-fields.tsv");
  g_autofree char *offsets = test_data_path ("webanno/bad-offsets.tsv");
  g_autofree char *disambiguation = test_data_path ("webanno/bad-disambiguation.tsv");
  g_autofree char *no_text = test_data_path ("webanno/bad-no-text.tsv");
  g_autofree char *mismatch = test_write_file (p, "mismatch.tsv",
    "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|value\n\n\n#Text=ab cd\n"
    "1-1\t0-2\tab\tA\n1-2\t2-4\tcd\t_\n", -1);

  test_import_fails (p, "webanno", header, "bad-header.tsv:1:", "not a WebAnno TSV 3 file",
                     NULL);
  test_import_fails (p, "webanno", fields, "bad-fields.tsv:7:", "3 fields, expected 4", NULL);
  test_import_fails (p, "webanno", offsets, "bad-offsets.tsv:7:", "ends past the text", NULL);
  test_import_fails (p, "webanno", disambiguation, "bad-disambiguation.tsv:6:",
                     "expected a number in brackets", NULL);
  test_import_fails (p, "webanno", no_text, "bad-no-text.tsv:5:", "outside a sentence", NULL);
  test_import_fails (p, "webanno", mismatch, "mismatch.tsv:7:", "token 1-2 “cd” does not match "
                     "the text at its offsets: “ c”", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/webanno/import-ner", test_import_ner);
  g_test_add_func ("/webanno/import-chain-and-slots", test_import_chain_and_slots);
  g_test_add_func ("/webanno/malformed", test_malformed);
  return g_test_run ();
}
