/* Predictions in a project and cleansing with them: the hand case of test-confident.c as
 * eleven classified texts, boxes checked against a detector, flags into the review queue, and
 * accepting a prediction as a person's annotation. */
#include <string.h>

#include <glib/gstdio.h>

#include "quality/cairn-cleanse.h"
#include "quality/cairn-predictions.h"
#include "quality/cairn-quality-report.h"

static const char *const hand_ids[] = { "a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "c0",
                                        "c1", "c2" };
static const guint hand_labels[] = { 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
static const double hand_probs[] = {
  .75, .125, .125,     .875, .0625, .0625,   .125, .75, .125,    .125, .125, .75,
  .375, .25, .375,     .125, .75, .125,      .75, .125, .125,    .4375, .0625, .5,
  .125, .125, .75,     .25, .125, .625,      .625, .125, .25,
};

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      ann;
  gint64      labels[3];   /* cat, dog, fox */
  gint64      texts[11];
  gint64      image;
  gint64      boxes[3];    /* the person's: covered, swapped, uncovered */
} Fixture;

static gint64
add_label (CairnStore *store, const char *name)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_label (store, label, &error));
  return label->id;
}

static gint64
add (CairnStore *store, CairnAnnotation *owned, gint64 item, gint64 who, gint64 label)
{
  g_autoptr(CairnAnnotation) a = owned;
  g_autoptr(GError) error = NULL;

  a->item_id = item;
  a->annotator_id = who;
  a->label_id = label;
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
  return a->id;
}

static gint64
add_box (Fixture *f, double x, double y, double w, double h, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  cairn_annotation_set_box (a, x, y, w, h);
  return add (f->store, a, f->image, f->ann, label);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  const char *const names[] = { "cat", "dog", "fox" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);

  f->dir = g_dir_make_tmp ("cairn-cleanse-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "c.cairn", NULL);
  f->store = cairn_store_create (f->path, "Cleanse", &error);
  g_assert_no_error (error);
  f->ann = cairn_store_ensure_annotator (f->store, "ann", "annotator", &error);
  for (guint c = 0; c < 3; c++)
    f->labels[c] = add_label (f->store, names[c]);
  for (guint i = 0; i < G_N_ELEMENTS (hand_ids); i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);

      item->text = g_strdup_printf ("text %s", hand_ids[i]);
      item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, item->text, -1);
      g_assert_true (cairn_store_add_item (f->store, item, &error));
      f->texts[i] = item->id;
      add (f->store, cairn_annotation_new (CAIRN_KIND_CLASS), item->id, f->ann,
           f->labels[hand_labels[i]]);
    }
  image->uri = g_strdup ("photo.png");
  image->width = 100;
  image->height = 100;
  image->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "photo", -1);
  g_assert_true (cairn_store_add_item (f->store, image, &error));
  f->image = image->id;
  f->boxes[0] = add_box (f, 10, 10, 20, 20, f->labels[0]);
  f->boxes[1] = add_box (f, 50, 50, 20, 20, f->labels[0]);
  f->boxes[2] = add_box (f, 0, 70, 10, 10, f->labels[0]);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The hand probabilities as CSV (items by id) and the detector's boxes as JSONL (the image by
 * file name, one line with a box given as bbox and one with Cairn's geometry). */
static void
import_model (Fixture *f, const char *model)
{
  g_autoptr(GString) csv = g_string_new ("item,cat,dog,fox\n");
  g_autofree char *csv_path = NULL, *jsonl_path = NULL;
  g_autoptr(CairnPredictionsSummary) s = NULL, t = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hand_ids); i++)
    g_string_append_printf (csv, "%" G_GINT64_FORMAT ",%g,%g,%g\n", f->texts[i],
                            hand_probs[i * 3], hand_probs[i * 3 + 1], hand_probs[i * 3 + 2]);
  g_string_append (csv, "nowhere.txt,0.5,0.25,0.25\n");
  csv_path = write_file (f, "probs.csv", csv->str);
  s = cairn_predictions_import (f->store, csv_path, model, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->rows, ==, 12);
  g_assert_cmpuint (s->items, ==, 11);
  g_assert_cmpuint (s->classifications, ==, 11);
  g_assert_cmpuint (s->warnings->len, ==, 1);
  g_assert_nonnull (strstr (s->warnings->pdata[0], "nowhere.txt"));
  jsonl_path = write_file (f, "boxes.jsonl",
                           "{\"item\": \"photo.png\", \"annotations\": ["
                           "{\"label\": \"cat\", \"bbox\": [10, 10, 20, 20], \"score\": 0.9},"
                           "{\"kind\": \"box\", \"label\": \"dog\", \"geometry\": [51, 50, 20, 20],"
                           " \"score\": 0.95}]}\n\n");
  /* A second file from the same model would replace the first: give the boxes their own. */
  t = cairn_predictions_import (f->store, jsonl_path, "detector", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->shapes, ==, 2);
  g_assert_cmpuint (t->items, ==, 1);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL, preds = NULL;
  g_autoptr(CairnPredictionsSummary) again = NULL;
  g_autofree char *csv = NULL;
  CairnAnnotation *p;
  gint64 model;

  import_model (f, "resnet");
  models = cairn_predictions_list_models (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (((CairnModelInfo *) models->pdata[0])->name, ==, "detector");
  g_assert_cmpuint (((CairnModelInfo *) models->pdata[1])->predictions, ==, 11);
  model = cairn_predictions_find_model (f->store, "resnet", &error);
  g_assert_cmpint (model, ==, ((CairnModelInfo *) models->pdata[1])->id);
  g_assert_cmpint (cairn_predictions_find_model (f->store, "ann", &error), ==, 0);

  /* a2: the likeliest class is the label, its probability the score, every class kept. */
  preds = cairn_predictions_list_for_item (f->store, f->texts[2], 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preds->len, ==, 1);
  p = preds->pdata[0];
  g_assert_cmpint (p->origin, ==, CAIRN_ORIGIN_MODEL);
  g_assert_cmpint (p->kind, ==, CAIRN_KIND_CLASS);
  g_assert_cmpint (p->label_id, ==, f->labels[1]);
  g_assert_cmpfloat (p->score, ==, .75);
  g_assert_cmpfloat (cairn_prediction_probability (p, f->labels[0]), ==, .125);
  g_assert_cmpfloat (cairn_prediction_probability (p, f->labels[2]), ==, .125);
  g_clear_pointer (&preds, g_ptr_array_unref);
  preds = cairn_predictions_list_for_item (f->store, f->image, 0, &error);
  g_assert_cmpuint (preds->len, ==, 2);
  g_assert_cmpfloat (((CairnAnnotation *) preds->pdata[0])->score, ==, .95);

  /* Importing again replaces the model's predictions, nobody else's. */
  csv = write_file (f, "again.csv", "id,cat,dog\n" "photo.png,0.2,0.8\n");
  again = cairn_predictions_import (f->store, csv, "resnet", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->replaced, ==, 11);
  g_assert_cmpuint (again->classifications, ==, 1);
  g_clear_pointer (&preds, g_ptr_array_unref);
  preds = cairn_predictions_list_for_item (f->store, f->texts[2], 0, &error);
  g_assert_cmpuint (preds->len, ==, 0);
  g_clear_pointer (&preds, g_ptr_array_unref);
  preds = cairn_predictions_list_for_item (f->store, f->image, model, &error);
  g_assert_cmpuint (preds->len, ==, 1);
  g_assert_cmpint (((CairnAnnotation *) preds->pdata[0])->kind, ==, CAIRN_KIND_TAG);
}

static void
test_import_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = write_file (f, "bad.csv", "item,cat,dog\n1,0.5,seven\n");
  g_autofree char *noitem = write_file (f, "noitem.csv", "name,cat,dog\n1,0.5,0.5\n");
  g_autofree char *badjson = write_file (f, "bad.jsonl", "{\"item\": 1, \"annotations\": "
                                         "[{\"label\": \"cat\", \"bbox\": [1, 2, 3, 4]}]}\n");
  g_autofree char *good = write_file (f, "good.csv", "item,cat,dog\n1,0.5,0.5\n");
  g_autoptr(GPtrArray) models = NULL;

  g_assert_null (cairn_predictions_import (f->store, bad, "m", &error));
  g_assert_nonnull (strstr (error->message, "bad.csv:2"));
  g_clear_error (&error);
  g_assert_null (cairn_predictions_import (f->store, noitem, "m", &error));
  g_assert_nonnull (strstr (error->message, "item"));
  g_clear_error (&error);
  /* A box without a score is no prediction. */
  g_assert_null (cairn_predictions_import (f->store, badjson, "m", &error));
  g_assert_nonnull (strstr (error->message, "score"));
  g_clear_error (&error);
  /* A person's name is not a model's. */
  g_assert_null (cairn_predictions_import (f->store, good, "ann", &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  /* Failed imports left nothing behind. */
  models = cairn_predictions_list_models (f->store, &error);
  g_assert_cmpuint (models->len, ==, 0);
}

static void
test_accept (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preds = NULL, all = NULL;
  g_autoptr(CairnAnnotation) human = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->ann);
  g_autoptr(GPtrArray) after_undo = NULL;
  g_autofree char *title = NULL;
  CairnAnnotation *p;

  import_model (f, "resnet");
  preds = cairn_predictions_list_for_item (f->store, f->image, 0, &error);
  p = preds->pdata[0];
  human = cairn_predictions_accept (stack, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (human->origin, ==, CAIRN_ORIGIN_HUMAN);
  g_assert_cmpint (human->annotator_id, ==, f->ann);
  g_assert_cmpint (human->label_id, ==, f->labels[1]);
  g_assert_cmpfloat (human->score, ==, -1);
  g_assert_true (cairn_annotation_equal (human, p, 0));
  all = cairn_store_list_annotations (f->store, f->image, &error);
  g_assert_cmpuint (all->len, ==, 3 + 2 + 1);
  history = cairn_store_list_history (f->store, 1, &error);
  g_assert_cmpuint (history->len, ==, 1);
  /* One key accepts, one Undo takes it back. */
  title = cairn_edit_stack_dup_undo_title (stack);
  g_assert_cmpstr (title, ==, "Draw Box");
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  g_assert_no_error (error);
  after_undo = cairn_store_list_annotations (f->store, f->image, &error);
  g_assert_cmpuint (after_undo->len, ==, 3 + 2);
  /* Only predictions can be accepted. */
  g_assert_null (cairn_predictions_accept (stack, f->boxes[0], &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
}

static CairnCleanseIssue *
issue_for (CairnCleanseReport *r, gint64 item, gint64 annotation)
{
  for (guint i = 0; i < r->issues->len; i++)
    {
      CairnCleanseIssue *issue = r->issues->pdata[i];
      if (issue->item_id == item && (annotation == 0 || issue->annotation_id == annotation))
        return issue;
    }
  return NULL;
}

static void
test_confident (Fixture *f, gconstpointer data)
{
  CairnCleanseOptions options = CAIRN_CLEANSE_OPTIONS_INIT;
  g_autoptr(CairnCleanseReport) r = NULL, boxes = NULL;
  g_autoptr(GError) error = NULL;
  const guint expected[] = { 2, 3, 6, 10 };
  const guint suggested[] = { 1, 2, 0, 0 };
  CairnCleanseIssue *issue;

  import_model (f, "resnet");
  options.model = "resnet";
  r = cairn_cleanse_run (f->store, &options, &error);
  g_assert_no_error (error);
  /* The same numbers as the table: the project adds nothing and loses nothing. */
  g_assert_nonnull (r->confident);
  g_assert_cmpuint (r->confident->n, ==, 11);
  g_assert_cmpint (r->confident->calibrated[0], ==, 3);
  g_assert_cmpint (r->confident->calibrated[4], ==, 2);
  g_assert_cmpuint (r->confident->num_label_issues, ==, 4);
  g_assert_cmpuint (r->issues->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      issue = r->issues->pdata[i];
      g_assert_cmpint (issue->item_id, ==, f->texts[expected[i]]);
      g_assert_cmpstr (issue->source, ==, "confident");
      g_assert_cmpint (issue->given_label, ==, f->labels[hand_labels[expected[i]]]);
      g_assert_cmpint (issue->suggested_label, ==, f->labels[suggested[i]]);
      g_assert_cmpint (issue->annotation_id, >, 0);
    }
  issue = r->issues->pdata[0];
  g_assert_cmpfloat (issue->score, ==, .125);
  g_assert_nonnull (strstr (issue->message, "resnet suggests dog"));

  /* The detector: the swapped box (a dog, says the model) and the one nothing covers; the box
   * the model agrees with stays out. */
  options.model = "detector";
  boxes = cairn_cleanse_run (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_null (boxes->confident);
  g_assert_cmpuint (boxes->boxes_checked, ==, 3);
  g_assert_cmpuint (boxes->issues->len, ==, 2);
  g_assert_null (issue_for (boxes, f->image, f->boxes[0]));
  issue = issue_for (boxes, f->image, f->boxes[1]);
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->suggested_label, ==, f->labels[1]);
  issue = issue_for (boxes, f->image, f->boxes[2]);
  g_assert_nonnull (issue);
  g_assert_cmpint (issue->suggested_label, ==, 0);
  g_assert_nonnull (strstr (issue->message, "no prediction"));

  options.model = "nobody";
  g_assert_null (cairn_cleanse_run (f->store, &options, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
}

static void
test_flag (Fixture *f, gconstpointer data)
{
  CairnCleanseOptions options = CAIRN_CLEANSE_OPTIONS_INIT;
  g_autoptr(CairnCleanseReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) a2 = NULL, a0 = NULL, b1 = NULL;
  g_autoptr(CairnItem) accepted = NULL;

  import_model (f, "resnet");
  /* A reviewer already accepted b1: that stands. */
  accepted = cairn_store_get_item (f->store, f->texts[6], &error);
  accepted->state = CAIRN_STATE_ACCEPTED;
  g_assert_true (cairn_store_update_item (f->store, accepted, &error));
  options.model = "resnet";
  r = cairn_cleanse_run (f->store, &options, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_cleanse_flag_items (f->store, r, &error));
  g_assert_no_error (error);
  a2 = cairn_store_get_item (f->store, f->texts[2], &error);
  g_assert_cmpint (a2->state, ==, CAIRN_STATE_REVIEW);
  g_assert_cmpstr (json_object_get_string_member (a2->meta, CAIRN_CLEANSE_SUGGESTED_KEY), ==,
                   "dog");
  g_assert_nonnull (strstr (json_object_get_string_member (a2->meta, CAIRN_QUALITY_REASON_KEY),
                            "confident: labelled cat"));
  a0 = cairn_store_get_item (f->store, f->texts[0], &error);
  g_assert_cmpint (a0->state, ==, CAIRN_STATE_NEW);
  b1 = cairn_store_get_item (f->store, f->texts[6], &error);
  g_assert_cmpint (b1->state, ==, CAIRN_STATE_ACCEPTED);
  g_assert_false (issue_for (r, f->texts[6], 0)->written);
  g_assert_true (issue_for (r, f->texts[2], 0)->written);
}

/* Items whose people disagree are left to agreement; a consensus label settles them. */
static void
test_disagreement (Fixture *f, gconstpointer data)
{
  CairnCleanseOptions options = CAIRN_CLEANSE_OPTIONS_INIT;
  g_autoptr(CairnCleanseReport) r = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 bob = cairn_store_ensure_annotator (f->store, "bob", "annotator", &error);
  CairnAnnotation *consensus;

  import_model (f, "resnet");
  add (f->store, cairn_annotation_new (CAIRN_KIND_CLASS), f->texts[0], bob, f->labels[1]);
  options.model = "resnet";
  r = cairn_cleanse_run (f->store, &options, &error);
  g_assert_cmpuint (r->confident->n, ==, 10);
  g_assert_cmpuint (r->skipped->len, ==, 1);
  g_assert_nonnull (strstr (r->skipped->pdata[0], "different labels"));
  consensus = cairn_annotation_new (CAIRN_KIND_CLASS);
  consensus->origin = CAIRN_ORIGIN_CONSENSUS;
  add (f->store, consensus, f->texts[0], 0, f->labels[0]);
  again = cairn_cleanse_run (f->store, &options, &error);
  g_assert_cmpuint (again->confident->n, ==, 11);
  g_assert_cmpuint (again->skipped->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/cleanse/predictions/import", test_import);
  ADD ("/cleanse/predictions/import-errors", test_import_errors);
  ADD ("/cleanse/predictions/accept", test_accept);
  ADD ("/cleanse/confident", test_confident);
  ADD ("/cleanse/flag", test_flag);
  ADD ("/cleanse/disagreement", test_disagreement);
  return g_test_run ();
}
