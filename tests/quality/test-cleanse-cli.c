/* `cairn cleanse`, `cairn predictions` and `cairn fix`, run as a user would run them. */
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "store/cairn-store.h"

static const char *cairn_path;

static int
run (char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) cairn_path);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("cairn %s → %s%s", first, o, e);
  if (out)
    g_free (*out), *out = g_steal_pointer (&o);
  if (err)
    g_free (*err), *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static char *
data (const char *name)
{
  return g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "quality", "cleanse", name, NULL);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
check_row (JsonArray *matrix, guint row, gint64 a, gint64 b, gint64 c)
{
  JsonArray *r = json_array_get_array_element (matrix, row);

  g_assert_cmpint (json_array_get_int_element (r, 0), ==, a);
  g_assert_cmpint (json_array_get_int_element (r, 1), ==, b);
  g_assert_cmpint (json_array_get_int_element (r, 2), ==, c);
}

static void
check_issues (JsonObject *o, const char *const *ids, const char *const *suggested, guint n)
{
  JsonArray *issues = json_object_get_array_member (o, "issues");

  g_assert_cmpuint (json_array_get_length (issues), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *issue = json_array_get_object_element (issues, i);

      g_assert_cmpstr (json_object_get_string_member (issue, "id"), ==, ids[i]);
      if (suggested)
        g_assert_cmpstr (json_object_get_string_member (issue, "suggested"), ==, suggested[i]);
    }
}

/* The hand case of test-confident.c, every figure the issue asks for. */
static void
test_tables (void)
{
  g_autofree char *labels = data ("hand-labels.csv"), *probs = data ("hand-probs.csv");
  g_autofree char *index_labels = data ("hand-labels-index.csv");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) o = NULL, both = NULL, indexed = NULL;
  const char *const ids[] = { "a2", "a3", "b1", "c2" };
  const char *const suggested[] = { "dog", "fox", "cat", "cat" };
  const char *const both_ids[] = { "a2", "a3", "c2" };
  const char *const backwards_ids[] = { "b1", "a3", "a2", "c2" };
  const char *const backwards_suggested[] = { "cat", "fox", "dog", "cat" };
  JsonArray *thresholds, *joint, *calibrated;
  JsonObject *first;

  g_assert_cmpint (run (&out, NULL, "cleanse", "--labels", labels, "--probs", probs, "--json",
                        NULL), ==, 0);
  o = parse (out);
  thresholds = json_object_get_array_member (o, "thresholds");
  g_assert_cmpfloat (json_array_get_double_element (thresholds, 0), ==, 0.45);
  g_assert_cmpfloat (json_array_get_double_element (thresholds, 1), ==, 0.3125);
  g_assert_cmpfloat (json_array_get_double_element (thresholds, 2), ==, 1.625 / 3);
  joint = json_object_get_array_member (o, "confident_joint");
  check_row (joint, 0, 2, 1, 1);
  check_row (joint, 1, 1, 1, 0);
  check_row (joint, 2, 1, 0, 2);
  calibrated = json_object_get_array_member (o, "confident_joint_calibrated");
  check_row (calibrated, 0, 3, 1, 1);
  check_row (calibrated, 1, 1, 2, 0);
  check_row (calibrated, 2, 1, 0, 2);
  g_assert_cmpint (json_object_get_int_member (o, "num_label_issues"), ==, 4);
  check_issues (o, ids, suggested, 4);
  first = json_array_get_object_element (json_object_get_array_member (o, "issues"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "given"), ==, "cat");
  g_assert_cmpfloat (json_object_get_double_member (first, "self_confidence"), ==, 0.125);

  g_assert_cmpint (run (&out, NULL, "cleanse", "--labels", labels, "--probs", probs, "--filter",
                        "both", "--json", NULL), ==, 0);
  both = parse (out);
  check_issues (both, both_ids, NULL, 3);
  g_assert_cmpint (run (&out, NULL, "cleanse", "--labels", index_labels, "--label-column",
                        "given", "--probs", probs, "--json", NULL), ==, 0);
  indexed = parse (out);
  /* That file lists the examples backwards: equal self-confidences keep its order. */
  check_issues (indexed, backwards_ids, backwards_suggested, 4);

  g_assert_cmpint (run (&out, NULL, "cleanse", "--labels", labels, "--probs", probs, NULL), ==,
                   0);
  g_assert_nonnull (strstr (out, "a2: given cat, suggested dog (self-confidence 0.1250)"));
}

static void
test_table_errors (void)
{
  g_autofree char *labels = data ("hand-labels.csv"), *probs = data ("hand-probs.csv");
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &err, "cleanse", "--labels", labels, NULL), ==, 2);
  g_assert_cmpint (run (NULL, &err, "cleanse", "--labels", labels, "--probs", probs, "--filter",
                        "median", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "median"));
  g_assert_cmpint (run (NULL, &err, "cleanse", "--labels", labels, "--probs", probs,
                        "--label-column", "given", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "given"));
  g_assert_cmpint (run (NULL, &err, "cleanse", "--labels", probs, "--probs", labels, NULL), ==,
                   1);
  g_assert_cmpint (run (NULL, &err, "cleanse", "x.cairn", "--labels", labels, "--probs", probs,
                        NULL), ==, 2);
}

typedef struct
{
  char   *dir;
  char   *path;
  gint64  texts[4];
} Project;

static void
project_make (Project *p)
{
  const char *const given[] = { "cat", "cat", "dog", "dog" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  gint64 ann, labels[2];

  p->dir = g_dir_make_tmp ("cairn-cleanse-cli-XXXXXX", NULL);
  p->path = g_build_filename (p->dir, "p.cairn", NULL);
  store = cairn_store_create (p->path, "CLI", &error);
  g_assert_no_error (error);
  ann = cairn_store_ensure_annotator (store, "ann", "annotator", &error);
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr(CairnLabel) label = cairn_label_new (c ? "dog" : "cat");
      g_assert_true (cairn_store_add_label (store, label, &error));
      labels[c] = label->id;
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_CLASS);

      item->text = g_strdup_printf ("text %u", i);
      item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, item->text, -1);
      g_assert_true (cairn_store_add_item (store, item, &error));
      p->texts[i] = item->id;
      a->item_id = item->id;
      a->annotator_id = ann;
      a->label_id = labels[g_str_equal (given[i], "dog")];
      g_assert_true (cairn_store_add_annotation (store, a, &error));
    }
}

static void
project_free (Project *p)
{
  g_autoptr(GDir) dir = g_dir_open (p->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (p->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (p->dir);
  g_free (p->dir);
  g_free (p->path);
}

/* Predictions in, suspects into the review queue, a batch fix and its undo. */
static void
test_project (void)
{
  Project p = { 0 };
  g_autofree char *csv = NULL, *out = NULL, *err = NULL, *contents = NULL, *kept = NULL;
  g_autoptr(JsonObject) summary = NULL, report = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *issues;
  JsonObject *issue;

  project_make (&p);
  /* Item 3 is labelled dog but the model is sure it is a cat. */
  contents = g_strdup_printf ("item,cat,dog\n%" G_GINT64_FORMAT ",0.9,0.1\n%" G_GINT64_FORMAT
                              ",0.8,0.2\n%" G_GINT64_FORMAT ",0.9,0.1\n%" G_GINT64_FORMAT
                              ",0.1,0.9\n", p.texts[0], p.texts[1], p.texts[2], p.texts[3]);
  csv = g_build_filename (p.dir, "probs.csv", NULL);
  g_assert_true (g_file_set_contents (csv, contents, -1, NULL));
  g_assert_cmpint (run (&out, NULL, "predictions", p.path, "import", csv, "--json", NULL), ==,
                   2);
  g_assert_cmpint (run (&out, NULL, "predictions", p.path, "import", csv, "--model", "bert",
                        "--json", NULL), ==, 0);
  summary = parse (out);
  g_assert_cmpint (json_object_get_int_member (summary, "classifications"), ==, 4);
  g_assert_cmpint (run (&out, NULL, "predictions", p.path, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "bert\t4 predictions"));

  g_assert_cmpint (run (&out, &err, "cleanse", p.path, "--method", "confident", NULL), ==, 2);
  g_assert_cmpint (run (&out, &err, "cleanse", p.path, "--method", "confident", "--model", "gpt",
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "gpt"));
  g_assert_cmpint (run (&out, &err, "cleanse", p.path, "--method", "confident", "--model", "bert",
                        "--iou", "0", NULL), ==, 2);
  g_assert_cmpint (run (&out, NULL, "cleanse", p.path, "--method", "confident", "--model",
                        "bert", "--json", NULL), ==, 0);
  report = parse (out);
  issues = json_object_get_array_member (report, "issues");
  g_assert_cmpuint (json_array_get_length (issues), ==, 1);
  issue = json_array_get_object_element (issues, 0);
  g_assert_cmpint (json_object_get_int_member (issue, "item"), ==, p.texts[2]);
  g_assert_cmpstr (json_object_get_string_member (issue, "given"), ==, "dog");
  g_assert_cmpstr (json_object_get_string_member (issue, "suggested"), ==, "cat");
  g_assert_true (json_object_get_boolean_member (issue, "flagged"));
  store = cairn_store_open (p.path, &error);
  g_assert_no_error (error);
  item = cairn_store_get_item (store, p.texts[2], &error);
  g_assert_cmpint (item->state, ==, CAIRN_STATE_REVIEW);
  g_assert_cmpstr (json_object_get_string_member (item->meta, "suggested_label"), ==, "cat");
  g_clear_object (&store);

  /* Merging dog into cat, dry run first; then undo. */
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "merge-labels", "dog", "cat", "--dry-run",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 annotations changed on 2 items (dry run"));
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "merge-labels", "dog", "cat", "--annotator",
                        "ann", NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "cleanse", p.path, "--method", "confident", "--model",
                        "bert", "--no-flag", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "classifications: every example has the same given label"));
  g_assert_cmpint (run (&out, &err, "fix", p.path, "undo", NULL), ==, 1);
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "undo", "--annotator", "ann", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Undid Batch Fix"));
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "merge-labels", "dog", "dog", NULL), ==, 1);
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "merge-labels", "dog", "emu", NULL), ==, 1);
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "paint", NULL), ==, 2);
  g_assert_cmpint (run (&out, &err, "fix", p.path, "rename-label", "dog", "cat", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "merge-labels dog cat"));
  g_assert_cmpint (run (&out, NULL, "fix", p.path, "rename-label", "dog", "hound", NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "cleanse", p.path, "--method", "confident", "--model",
                        "bert", "--json", "--no-flag", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"given\" : \"hound\""));

  /* Rules: configured once, kept in the project. */
  g_assert_cmpint (run (&out, NULL, "cleanse", p.path, "--method", "rules", "--rules",
                        "{\"disabled\": [\"label-kind\"], \"min_box_size\": 8}", "--json",
                        NULL), ==, 0);
  g_clear_pointer (&report, json_object_unref);
  report = parse (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "issues")), ==,
                    0);
  store = cairn_store_open (p.path, &error);
  kept = cairn_store_dup_meta (store, "cleanse_rules");
  g_assert_nonnull (strstr (kept, "label-kind"));
  g_clear_object (&store);
  g_assert_cmpint (run (&out, &err, "cleanse", p.path, "--method", "rules", "--rules", "[]",
                        NULL), ==, 2);
  project_free (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cairn_path = argv[1];
  g_test_add_func ("/cleanse-cli/tables", test_tables);
  g_test_add_func ("/cleanse-cli/table-errors", test_table_errors);
  g_test_add_func ("/cleanse-cli/project", test_project);
  return g_test_run ();
}
