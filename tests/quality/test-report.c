/* The project report, review flags and stored consensus, over a real project file. */
#include <math.h>
#include <string.h>

#include "quality/cairn-quality-report.h"
#include "quality-fixture.h"

static CairnQualityReport *
report_of (QualityFixture *f, double threshold)
{
  CairnQualityOptions o = CAIRN_QUALITY_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  CairnQualityReport *r;

  o.threshold = threshold;
  o.bootstrap = 200;
  r = cairn_quality_report_compute (f->store, &o, &error);
  g_assert_no_error (error);
  return r;
}

static gboolean
has_skip (GPtrArray *skipped, gint64 item, CairnSkipReason reason, const char *text)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item);

  for (guint i = 0; i < skipped->len; i++)
    {
      CairnSkip *s = skipped->pdata[i];
      if (g_str_equal (s->item, id) && s->reason == reason && strstr (s->detail, text))
        return TRUE;
    }
  return FALSE;
}

static const CairnPairAgreement *
pair (const CairnQualityReport *r, const char *a, const char *b)
{
  for (guint i = 0; i < r->per_pair->len; i++)
    {
      const CairnPairAgreement *p = r->per_pair->pdata[i];
      if (g_str_equal (p->a_name, a) && g_str_equal (p->b_name, b))
        return p;
    }
  g_assert_not_reached ();
}

static gint
label_index (const CairnQualityReport *r, const char *name)
{
  for (guint l = 0; l < r->labels->len; l++)
    if (g_str_equal (((CairnLabel *) r->labels->pdata[l])->name, name))
      return (gint) l;
  return -1;
}

static const CairnItemFlag *
flag_of (const CairnQualityReport *r, gint64 item)
{
  for (guint i = 0; i < r->flags->len; i++)
    if (((CairnItemFlag *) r->flags->pdata[i])->item_id == item)
      return r->flags->pdata[i];
  return NULL;
}

/* The overall figures are the metric over the table the fixture describes: the report's job
 * is to build that table right (the metric itself is checked in test-agreement). */
static void
test_classification (QualityFixture *f, gconstpointer data)
{
  g_autoptr(CairnQualityReport) r = report_of (f, 0.6);
  g_autoptr(CairnRatings) expected = cairn_ratings_new ();
  CairnAgreementOptions o = CAIRN_AGREEMENT_OPTIONS_INIT (CAIRN_METRIC_KRIPPENDORFF);
  g_autoptr(CairnAgreement) alpha = NULL;
  const char *rows[][3] = {
    { "cat", "cat", "cat" }, { "dog", "dog", "cat" }, { "cat", "dog", NULL },
    { "cat", "dog", NULL }, { NULL, "cat", NULL },
  };
  const CairnPairAgreement *ab = pair (r, "ann", "bob");
  gint cat = label_index (r, "cat"), dog = label_index (r, "dog");
  guint k = r->labels->len;

  g_assert_cmpuint (r->annotators->len, ==, 3);
  g_assert_cmpuint (r->n_items, ==, 7);
  for (guint j = 0; j < 3; j++)
    cairn_ratings_add_rater (expected, (const char *[]) { "ann", "bob", "cy" }[j]);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);
      guint item = cairn_ratings_add_item (expected, id);
      for (guint j = 0; j < 3; j++)
        cairn_ratings_set (expected, item, j, rows[i][j]);
    }
  alpha = cairn_agreement_compute (expected, &o, NULL);
  g_assert_nonnull (r->alpha);
  g_assert_cmpfloat_with_epsilon (r->alpha->value, alpha->value, 1e-12);
  g_assert_cmpuint (r->alpha->n_items, ==, 4);
  g_assert_true (isfinite (r->alpha->ci_low) && r->alpha->ci_low <= r->alpha->ci_high);
  /* ann's two tags on t5 are stacked, and said so. */
  g_assert_true (has_skip (r->skipped, f->t[5], CAIRN_SKIP_STACKED, "ann gave 2 labels"));

  /* ann vs bob: t1 cat/cat, t2 dog/dog, t3 and t4 cat/dog; t5 left out. */
  g_assert_nonnull (ab->kappa);
  g_assert_cmpuint (ab->kappa->n_items, ==, 4);
  g_assert_cmpuint (ab->confusion[cat * k + cat], ==, 1);
  g_assert_cmpuint (ab->confusion[dog * k + dog], ==, 1);
  g_assert_cmpuint (ab->confusion[cat * k + dog], ==, 2);
  g_assert_cmpuint (ab->confusion[dog * k + cat], ==, 0);
  g_assert_cmpfloat_with_epsilon (ab->percent->value, 0.5, 1e-12);
  /* Summed over the three pairs: ann–cy and bob–cy add t1 and t2. */
  g_assert_cmpuint (r->confusion[cat * k + cat], ==, 3);
  g_assert_cmpuint (r->confusion[dog * k + cat], ==, 2);

  /* Dawid–Skene over the same table, a reliability per annotator. */
  g_assert_nonnull (r->dawid_skene);
  g_assert_cmpuint (r->dawid_skene->n_raters, ==, 3);
  for (guint j = 0; j < 3; j++)
    g_assert_true (r->dawid_skene->reliability[j] > 0 && r->dawid_skene->reliability[j] <= 1);

  /* Per label: cat and dog as chose-it-or-not, PER and LOC and car from their kinds. */
  g_assert_cmpuint (r->per_label->len, ==, 5);
}

static void
test_structured (QualityFixture *f, gconstpointer data)
{
  g_autoptr(CairnQualityReport) r = report_of (f, 0.6);
  const CairnPairAgreement *ab = pair (r, "ann", "bob"), *ac = pair (r, "ann", "cy");

  g_assert_cmpuint (ab->spans.exact, ==, 1);
  g_assert_cmpuint (ab->spans.boundary, ==, 1);
  g_assert_cmpfloat_with_epsilon (cairn_span_overlap_f1 (&ab->spans), 1.0, 1e-12);
  g_assert_true (has_skip (r->skipped, f->s1, CAIRN_SKIP_BOUNDARY, "ann vs bob: 1 span"));
  g_assert_nonnull (r->unitizing);
  g_assert_true (r->unitizing->value > 0.8 && r->unitizing->value < 1);

  g_assert_cmpuint (ab->shapes.matched, ==, 1);
  g_assert_cmpfloat_with_epsilon (cairn_shape_mean_iou (&ab->shapes), 380.0 / 420, 1e-12);
  g_assert_cmpfloat (cairn_shape_label_agreement (&ab->shapes), ==, 1);
  g_assert_cmpuint (ac->shapes.matched, ==, 0);
  g_assert_true (has_skip (r->skipped, f->i1, CAIRN_SKIP_UNMATCHED, "ann vs cy: 1 of ann's"));
}

static void
test_flags (QualityFixture *f, gconstpointer data)
{
  g_autoptr(CairnQualityReport) r = report_of (f, -1);
  g_autoptr(CairnQualityReport) low = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) t3 = NULL, t4 = NULL, t1 = NULL, accepted = cairn_store_get_item (f->store,
                                                                                       f->t[4],
                                                                                       NULL);

  /* The default threshold, 0.6: t2 (1/3), t3, t4 (0), t5 (½) and i1 (⅓) are below it. */
  g_assert_cmpfloat (r->threshold, ==, 0.6);
  g_assert_cmpuint (r->flags->len, ==, 5);
  g_assert_null (flag_of (r, f->t[1]));
  g_assert_null (flag_of (r, f->s1));
  g_assert_cmpfloat_with_epsilon (flag_of (r, f->t[2])->agreement, 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (flag_of (r, f->t[5])->agreement, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (flag_of (r, f->i1)->agreement, 1.0 / 3, 1e-12);
  g_assert_nonnull (strstr (flag_of (r, f->t[3])->reason, "labels, ann vs bob"));

  /* The project's own threshold. */
  g_assert_true (cairn_store_set_meta (f->store, CAIRN_QUALITY_THRESHOLD_KEY, "0.4", &error));
  low = report_of (f, -1);
  g_assert_cmpfloat (low->threshold, ==, 0.4);
  g_assert_null (flag_of (low, f->t[5]));
  g_assert_nonnull (flag_of (low, f->t[2]));

  /* A reviewer's decision stands. */
  accepted->state = CAIRN_STATE_ACCEPTED;
  g_assert_true (cairn_store_update_item (f->store, accepted, &error));
  g_assert_true (cairn_quality_report_flag_items (f->store, r, &error));
  g_assert_no_error (error);
  t3 = cairn_store_get_item (f->store, f->t[3], NULL);
  t4 = cairn_store_get_item (f->store, f->t[4], NULL);
  t1 = cairn_store_get_item (f->store, f->t[1], NULL);
  g_assert_cmpint (t3->state, ==, CAIRN_STATE_REVIEW);
  g_assert_cmpstr (json_object_get_string_member (t3->meta, CAIRN_QUALITY_REASON_KEY), ==,
                   flag_of (r, f->t[3])->reason);
  g_assert_cmpint (t4->state, ==, CAIRN_STATE_ACCEPTED);
  g_assert_false (json_object_has_member (t4->meta, CAIRN_QUALITY_REASON_KEY));
  g_assert_false (flag_of (r, f->t[4])->written);
  g_assert_cmpint (t1->state, !=, CAIRN_STATE_REVIEW);

  g_assert_true (cairn_store_set_meta (f->store, CAIRN_QUALITY_THRESHOLD_KEY, "lots", &error));
  g_assert_null (cairn_quality_report_compute (f->store, &CAIRN_QUALITY_OPTIONS_INIT, &error));
  g_assert_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lots"));
}

static void
test_label_and_kind (QualityFixture *f, gconstpointer data)
{
  CairnQualityOptions o = CAIRN_QUALITY_OPTIONS_INIT;
  g_autoptr(CairnQualityReport) r = NULL, boxes = NULL;
  g_autoptr(GError) error = NULL;

  o.label = "cat";
  o.bootstrap = 0;
  r = cairn_quality_report_compute (f->store, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->per_label->len, ==, 1);
  /* Chose cat or not: t5 counts now (ann did choose cat). */
  g_assert_cmpuint (r->alpha->n_items, ==, 5);
  g_assert_null (r->unitizing);

  o.label = NULL;
  o.kind = CAIRN_KIND_BOX;
  boxes = cairn_quality_report_compute (f->store, &o, &error);
  g_assert_null (boxes->alpha);
  g_assert_cmpuint (boxes->n_items, ==, 1);

  o.label = "zebra";
  g_assert_null (cairn_quality_report_compute (f->store, &o, &error));
  g_assert_nonnull (strstr (error->message, "zebra"));
}

typedef struct
{
  GString *dump;
  guint    consensus;
} Dump;

static gboolean
dump_cb (const CairnAnnotation *a, gpointer data)
{
  Dump *d = data;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (a->origin == CAIRN_ORIGIN_CONSENSUS)
    {
      d->consensus++;
      return TRUE;
    }
  node = cairn_annotation_to_json_node (a);
  text = json_to_string (node, FALSE);
  g_string_append_printf (d->dump, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", a->id,
                          a->updated, text);
  return TRUE;
}

static char *
dump (QualityFixture *f, guint *consensus)
{
  Dump d = { g_string_new (NULL), 0 };

  g_assert_true (cairn_store_foreach_annotation (f->store, NULL, dump_cb, &d, NULL));
  *consensus = d.consensus;
  return g_string_free (d.dump, FALSE);
}

static gint64
consensus_label (QualityFixture *f, gint64 item, guint *count)
{
  g_autoptr(GPtrArray) all = cairn_store_list_annotations (f->store, item, NULL);
  gint64 label = 0;

  *count = 0;
  for (guint i = 0; i < all->len; i++)
    {
      CairnAnnotation *a = all->pdata[i];
      if (a->origin == CAIRN_ORIGIN_CONSENSUS && a->kind == CAIRN_KIND_TAG)
        {
          label = a->label_id;
          (*count)++;
        }
    }
  return label;
}

static void
test_consensus (QualityFixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL, *again = NULL;
  g_autoptr(CairnConsensusSummary) s = NULL, s2 = NULL, ds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) image = NULL;
  guint n, first, second;

  before = dump (f, &n);
  g_assert_cmpuint (n, ==, 0);
  /* Whoever runs it, consensus is nobody's annotation. */
  cairn_store_set_actor (f->store, f->bob);
  s = cairn_quality_consensus (f->store, CAIRN_CONSENSUS_VOTE, 0.5, &error);
  g_assert_cmpint (cairn_store_get_actor (f->store), ==, f->bob);
  g_assert_no_error (error);
  after = dump (f, &first);
  /* Nobody's annotation changed. */
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (s->items, ==, 5);
  /* t1 cat, t2 dog, t5 cat (2 of 2); t3 and t4 tie, and so does dog on t5. */
  g_assert_cmpuint (s->labels, ==, 3);
  g_assert_cmpint (consensus_label (f, f->t[1], &n), ==, f->cat);
  g_assert_cmpint (consensus_label (f, f->t[2], &n), ==, f->dog);
  consensus_label (f, f->t[3], &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (s->ties->len, ==, 3);
  g_assert_true (has_skip (s->ties, f->t[3], CAIRN_SKIP_STACKED, "tie between “cat”, “dog”"));
  g_assert_true (has_skip (s->ties, f->t[5], CAIRN_SKIP_STACKED, "“dog”: 1 of 2"));
  /* ann's and bob's cars fuse; cy's is alone. */
  g_assert_cmpuint (s->shapes, ==, 1);
  image = cairn_store_list_annotations (f->store, f->i1, NULL);
  for (guint i = 0; i < image->len; i++)
    {
      CairnAnnotation *a = image->pdata[i];
      if (a->origin == CAIRN_ORIGIN_CONSENSUS)
        {
          g_assert_cmpint (a->annotator_id, ==, 0);
          g_assert_cmpfloat (g_array_index (a->coords, double, 0), ==, 10.5);
          g_assert_cmpint (a->label_id, ==, f->car);
        }
    }
  g_assert_cmpuint (first, ==, 4);

  /* Again: the earlier consensus is replaced, not added to. */
  s2 = cairn_quality_consensus (f->store, CAIRN_CONSENSUS_VOTE, 0.5, &error);
  again = dump (f, &second);
  g_assert_cmpuint (s2->replaced, ==, first);
  g_assert_cmpuint (second, ==, first);
  g_assert_cmpstr (before, ==, again);

  /* Consensus never feeds back into agreement. */
  {
    g_autoptr(CairnQualityReport) r = report_of (f, 0.6);
    g_assert_cmpuint (r->annotators->len, ==, 3);
    g_assert_cmpuint (r->alpha->n_items, ==, 4);
  }

  ds = cairn_quality_consensus (f->store, CAIRN_CONSENSUS_DAWID_SKENE, 0.5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds->dawid_skene);
  g_assert_cmpuint (ds->dawid_skene->n_raters, ==, 3);
  /* Every single-label item gets a label (ties are broken by the annotators' reliability),
   * t5 is voted on. */
  g_assert_cmpuint (ds->labels, ==, 5);
  g_assert_cmpint (consensus_label (f, f->t[1], &n), ==, f->cat);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/report/classification", QualityFixture, NULL, quality_fixture_set_up,
              test_classification, quality_fixture_tear_down);
  g_test_add ("/report/structured", QualityFixture, NULL, quality_fixture_set_up,
              test_structured, quality_fixture_tear_down);
  g_test_add ("/report/flags", QualityFixture, NULL, quality_fixture_set_up, test_flags,
              quality_fixture_tear_down);
  g_test_add ("/report/label-and-kind", QualityFixture, NULL, quality_fixture_set_up,
              test_label_and_kind, quality_fixture_tear_down);
  g_test_add ("/report/consensus", QualityFixture, NULL, quality_fixture_set_up,
              test_consensus, quality_fixture_tear_down);
  return g_test_run ();
}
