/* `cairn agree` and `cairn consensus`, run as a user would run them. */
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "quality-fixture.h"

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
  return g_build_filename (g_getenv ("CAIRN_TEST_DATA"), "quality", name, NULL);
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
check_json (const char *out, const char *metric, double value, gint64 items, gint64 raters)
{
  g_autoptr(JsonObject) o = parse (out);

  g_assert_cmpstr (json_object_get_string_member (o, "metric"), ==, metric);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "value"), value, 5e-4);
  g_assert_cmpint (json_object_get_int_member (o, "items"), ==, items);
  g_assert_cmpint (json_object_get_int_member (o, "raters"), ==, raters);
}

/* The published values again (see test-agreement.c for the sources), through every layout. */
static void
test_csv_layouts (void)
{
  g_autofree char *k_items = data ("krippendorff-2011-items.csv");
  g_autofree char *k_raters = data ("krippendorff-2011.csv");
  g_autofree char *fleiss = data ("fleiss-wikipedia.csv");
  g_autofree char *anxiety = data ("anxiety.csv");
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, "agree", "--csv", k_items, "--metric", "krippendorff",
                        "--level", "ordinal", "--json", NULL), ==, 0);
  check_json (out, "krippendorff", 0.815, 11, 4);
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", k_raters, "--layout", "raters", "--metric",
                        "krippendorff", "--level", "interval", "--json", NULL), ==, 0);
  check_json (out, "krippendorff", 0.849, 11, 4);
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", fleiss, "--layout", "counts", "--metric",
                        "fleiss", "--json", NULL), ==, 0);
  check_json (out, "fleiss", 0.210, 10, 14);
  /* Alpha from a counts table: raters are anonymous there, which alpha doesn't need. */
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", fleiss, "--layout", "counts", "--metric",
                        "krippendorff", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Krippendorff's alpha (nominal): 0.2"));
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", anxiety, "--metric", "cohen", "--raters",
                        "rater2,rater3", "--weights", "linear", "--json", NULL), ==, 0);
  check_json (out, "cohen", 0.1459075, 20, 2);
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", anxiety, "--metric", "cohen", "--raters",
                        " rater3 , rater2", "--weights", "quadratic", "--json", NULL), ==, 0);
  check_json (out, "cohen", 0.2520325, 20, 2);
  /* --raters for alpha: two of the three. */
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", anxiety, "--metric", "fleiss", "--raters",
                        "rater1,rater2", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonObject) o = parse (out);
    g_assert_cmpint (json_object_get_int_member (o, "raters"), ==, 2);
  }
}

/* Missing cells are left out and named, in text and in JSON. */
static void
test_csv_missing (void)
{
  g_autofree char *k_raters = data ("krippendorff-2011.csv");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *skipped;

  g_assert_cmpint (run (&out, NULL, "agree", "--csv", k_raters, "--layout", "raters", "--metric",
                        "krippendorff", "--bootstrap", "0", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0.7434"));
  g_assert_nonnull (strstr (out, "items: 11 of 12"));
  g_assert_nonnull (strstr (out, "u12: missing"));
  g_assert_null (strstr (out, "interval"));
  g_assert_cmpint (run (&out, NULL, "agree", "--csv", k_raters, "--layout", "raters", "--metric",
                        "krippendorff", "--json", "--seed", "7", NULL), ==, 0);
  o = parse (out);
  skipped = json_object_get_array_member (o, "skipped");
  g_assert_cmpuint (json_array_get_length (skipped), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (skipped, 0),
                                                  "item"), ==, "u12");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (skipped, 0),
                                                  "reason"), ==, "missing");
  g_assert_true (json_object_has_member (o, "ci"));
}

static void
test_csv_malformed (void)
{
  static const struct
  {
    const char *text;
    const char *layout;
    const char *metric;
    const char *where;
  } cases[] = {
    { "id,a,b\n1,x,y\n2,x\n", "items", "fleiss", "bad.csv:3: 2 fields, expected 3" },
    { "id,a,b\n1,x,y\n2,\"x,y\n", "items", "fleiss", "bad.csv:3" },
    { "item,cat,dog\n1,2,1\n2,lots,1\n", "counts", "fleiss", "bad.csv:3: column “cat”" },
    { "", "items", "krippendorff", "bad.csv: empty" },
    { "id,1,2\n1,2,3\n2,low,3\n", "items", "krippendorff", "“low” is not a number" },
  };
  g_autofree char *dir = g_dir_make_tmp ("cairn-agree-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      g_assert_cmpint (run (&out, &err, "agree", "--csv", path, "--layout", cases[i].layout,
                            "--metric", cases[i].metric,
                            i == 4 ? "--level" : NULL, "interval", NULL), ==, 1);
      g_assert_nonnull (strstr (err, "cairn agree: "));
      g_assert_nonnull (strstr (err, cases[i].where));
      g_assert_cmpstr (out, ==, "");
    }
  g_remove (path);
  g_rmdir (dir);
}

static void
test_usage_errors (void)
{
  g_autofree char *anxiety = data ("anxiety.csv");
  g_autofree char *fleiss = data ("fleiss-wikipedia.csv");
  const char *cases[][9] = {
    { "agree", NULL },
    { "agree", "--csv", anxiety, NULL },
    { "agree", "--csv", anxiety, "--metric", "spearman", NULL },
    { "agree", "--csv", anxiety, "--metric", "fleiss", "--layout", "columns", NULL },
    { "agree", "--csv", anxiety, "--metric", "cohen", "--level", "ordinal", NULL },
    { "agree", "--csv", anxiety, "--metric", "krippendorff", "--level", "fuzzy", NULL },
    { "agree", "--csv", anxiety, "--metric", "cohen", NULL },
    { "agree", "--csv", anxiety, "--metric", "cohen", "--raters", "rater1,rater9", NULL },
    { "agree", "--csv", fleiss, "--layout", "counts", "--metric", "fleiss", "--raters", "1,2" },
    { "agree", "--csv", fleiss, "--layout", "counts", "--metric", "cohen", NULL },
    { "agree", "--csv", anxiety, "--metric", "fleiss", "p.cairn", NULL },
    { "agree", "--csv", anxiety, "--metric", "fleiss", "--label", "cat", NULL },
    { "agree", "--csv", anxiety, "--metric", "fleiss", "--bogus", NULL },
    { "consensus", NULL },
    { "consensus", "p.cairn", NULL },
    { "consensus", "p.cairn", "--method", "telepathy", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_assert_cmpint (run (NULL, &err, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                            cases[i][4], cases[i][5], cases[i][6], cases[i][7], cases[i][8],
                            NULL), ==, 2);
      g_assert_true (g_str_has_prefix (err, "cairn "));
    }
}

static void
test_help (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, "help", "agree", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--csv"));
  g_assert_nonnull (strstr (out, "--layout"));
  g_assert_cmpint (run (&out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "consensus"));
}

static CairnItemState
state_of (const char *path, gint64 item_id)
{
  g_autoptr(CairnStore) store = cairn_store_open (path, NULL);
  g_autoptr(CairnItem) item = cairn_store_get_item (store, item_id, NULL);

  return item->state;
}

static void
test_project (QualityFixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) report = NULL, cat = NULL, consensus = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (run (&out, NULL, "agree", f->path, "--no-flag", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 annotators"));
  g_assert_nonnull (strstr (out, "ann vs bob"));
  g_assert_nonnull (strstr (out, "boundary mismatch"));
  g_assert_cmpint (state_of (f->path, f->t[3]), !=, CAIRN_STATE_REVIEW);

  g_assert_cmpint (run (&out, NULL, "agree", f->path, "--json", "--bootstrap", "100", NULL), ==, 0);
  report = parse (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "per_pair")),
                    ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "flagged")),
                    ==, 5);
  g_assert_cmpint (state_of (f->path, f->t[3]), ==, CAIRN_STATE_REVIEW);
  g_assert_cmpint (state_of (f->path, f->t[1]), !=, CAIRN_STATE_REVIEW);

  g_assert_cmpint (run (&out, NULL, "agree", f->path, "--label", "cat", "--kind", "tag",
                        "--json", "--no-flag", NULL), ==, 0);
  cat = parse (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cat, "per_label")), ==,
                    1);
  g_assert_cmpint (run (NULL, &err, "agree", f->path, "--kind", "blob", NULL), ==, 2);
  g_assert_cmpint (run (NULL, &err, "agree", f->path, "--metric", "fleiss", NULL), ==, 2);
  g_assert_cmpint (run (NULL, &err, "agree", f->path, "--label", "zebra", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "zebra"));
  g_assert_cmpint (run (NULL, &err, "agree", "/nowhere/p.cairn", NULL), ==, 1);

  g_assert_cmpint (run (&out, NULL, "consensus", f->path, "--method", "vote", "--json", NULL),
                   ==, 0);
  consensus = parse (out);
  g_assert_cmpint (json_object_get_int_member (consensus, "labels"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (consensus, "shapes"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (consensus, "ties")), ==,
                    3);
  g_assert_cmpint (run (&out, NULL, "consensus", f->path, "--method", "dawid-skene", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "replacing 4 earlier ones"));
  g_assert_nonnull (strstr (out, "Annotator reliability"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s PATH-TO-CAIRN", argv[0]);
  cairn_path = argv[1];
  g_test_add_func ("/agree-cli/csv-layouts", test_csv_layouts);
  g_test_add_func ("/agree-cli/csv-missing", test_csv_missing);
  g_test_add_func ("/agree-cli/csv-malformed", test_csv_malformed);
  g_test_add_func ("/agree-cli/usage-errors", test_usage_errors);
  g_test_add_func ("/agree-cli/help", test_help);
  g_test_add ("/agree-cli/project", QualityFixture, NULL, quality_fixture_set_up, test_project,
              quality_fixture_tear_down);
  return g_test_run ();
}
