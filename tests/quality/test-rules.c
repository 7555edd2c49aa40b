/* Rule checks, each with a case it must flag and one it must not; batch fixes through the edit
 * layer, with their preview counts and undo. */
#include <string.h>

#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"
#include "quality/cairn-batch-fix.h"
#include "quality/cairn-rules.h"

typedef struct
{
  CairnRuleConfig  config;
  CairnItem       *item;
  GPtrArray       *annotations;
  GHashTable      *labels;
  CairnLabel      *cat;
  CairnLabel      *word;
  GPtrArray       *violations;
  gint64           next_id;
} Rules;

static void
rules_set_up (Rules *r, gconstpointer data)
{
  JsonObject *spec = json_object_new ();

  cairn_rule_config_init (&r->config);
  r->item = cairn_item_new (CAIRN_ITEM_IMAGE);
  r->item->id = 7;
  r->item->uri = g_strdup ("photo.png");
  r->item->width = 100;
  r->item->height = 80;
  r->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  r->labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                     (GDestroyNotify) cairn_label_free);
  r->cat = cairn_label_new ("cat");
  r->cat->id = 1;
  r->cat->kinds = (1u << CAIRN_KIND_BOX) | (1u << CAIRN_KIND_POLYGON);
  json_object_set_string_member (spec, "name", "breed");
  json_object_set_string_member (spec, "type", "text");
  json_object_set_boolean_member (spec, "required", TRUE);
  json_array_add_object_element (r->cat->attributes, spec);
  spec = json_object_new ();
  json_object_set_string_member (spec, "name", "colour");
  json_object_set_boolean_member (spec, "required", FALSE);
  json_array_add_object_element (r->cat->attributes, spec);
  g_hash_table_insert (r->labels, &r->cat->id, r->cat);
  r->word = cairn_label_new ("word");
  r->word->id = 2;
  g_hash_table_insert (r->labels, &r->word->id, r->word);
  r->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_rule_violation_free);
  r->next_id = 100;
}

static void
rules_tear_down (Rules *r, gconstpointer data)
{
  cairn_item_free (r->item);
  g_ptr_array_unref (r->annotations);
  g_hash_table_unref (r->labels);
  g_ptr_array_unref (r->violations);
}

static CairnAnnotation *
add (Rules *r, CairnKind kind, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->id = r->next_id++;
  a->item_id = r->item->id;
  a->label_id = label;
  a->annotator_id = 1;
  json_object_set_string_member (a->attributes, "breed", "tabby");
  g_ptr_array_add (r->annotations, a);
  return a;
}

static CairnAnnotation *
add_box (Rules *r, double x, double y, double w, double h)
{
  CairnAnnotation *a = add (r, CAIRN_KIND_BOX, r->cat->id);

  cairn_annotation_set_box (a, x, y, w, h);
  return a;
}

static CairnAnnotation *
add_polygon (Rules *r, const double *xy, guint n)
{
  CairnAnnotation *a = add (r, CAIRN_KIND_POLYGON, r->cat->id);

  cairn_annotation_add_ring (a, xy, n);
  return a;
}

static CairnAnnotation *
add_span (Rules *r, double start, double end)
{
  CairnAnnotation *a = add (r, CAIRN_KIND_SPAN, r->word->id);
  const double c[] = { start, end };

  cairn_annotation_set_coords (a, c, 2);
  return a;
}

static void
make_text (Rules *r, const char *text)
{
  r->item->kind = CAIRN_ITEM_TEXT;
  r->item->text = g_strdup (text);
  r->item->width = r->item->height = 0;
}

/* Runs the checks; returns the only violation of rule (NULL if none), asserting there is at
 * most one and that no other rule fired. */
static CairnRuleViolation *
check (Rules *r, CairnRule rule)
{
  CairnRuleViolation *found = NULL;

  g_ptr_array_set_size (r->violations, 0);
  cairn_rules_check_item (&r->config, r->item, r->annotations, r->labels, r->violations);
  for (guint i = 0; i < r->violations->len; i++)
    {
      CairnRuleViolation *v = r->violations->pdata[i];

      g_test_message ("%s: %s → %s", cairn_rule_to_string (v->rule), v->message, v->fix_text);
      g_assert_cmpint (v->rule, ==, rule);
      g_assert_null (found);
      found = v;
    }
  return found;
}

static double
coord (const CairnAnnotation *a, guint i)
{
  return g_array_index (a->coords, double, i);
}

static void
test_box_too_small (Rules *r, gconstpointer data)
{
  CairnRuleViolation *v;

  add_box (r, 10, 10, 4, 30);
  g_assert_null (check (r, CAIRN_RULE_BOX_TOO_SMALL));
  add_box (r, 40, 10, 30, 3.5);
  v = check (r, CAIRN_RULE_BOX_TOO_SMALL);
  g_assert_nonnull (v);
  g_assert_cmpint (v->annotation_id, ==, 101);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_DELETE);
  g_assert_nonnull (strstr (v->message, "item 7 (photo.png), box 101 (cat)"));
  r->config.min_box_size = 3;
  g_assert_null (check (r, CAIRN_RULE_BOX_TOO_SMALL));
}

static void
test_box_outside (Rules *r, gconstpointer data)
{
  CairnRuleViolation *v;

  add_box (r, 0, 0, 100, 80);
  g_assert_null (check (r, CAIRN_RULE_BOX_OUTSIDE_IMAGE));
  add_box (r, 90, -5, 20, 20);
  v = check (r, CAIRN_RULE_BOX_OUTSIDE_IMAGE);
  g_assert_nonnull (v);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_CHANGE);
  g_assert_cmpfloat (coord (v->fixed, 0), ==, 90);
  g_assert_cmpfloat (coord (v->fixed, 1), ==, 0);
  g_assert_cmpfloat (coord (v->fixed, 2), ==, 10);
  g_assert_cmpfloat (coord (v->fixed, 3), ==, 15);
  g_assert_cmpint (v->fixed->id, ==, 101);
  /* Wholly outside: nothing to clip to. */
  g_ptr_array_set_size (r->annotations, 0);
  add_box (r, 120, 10, 20, 20);
  v = check (r, CAIRN_RULE_BOX_OUTSIDE_IMAGE);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_DELETE);
}

static void
test_polygon (Rules *r, gconstpointer data)
{
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double bow_tie[] = { 0, 0, 10, 10, 10, 0, 0, 10 };
  const double concave[] = { 0, 0, 10, 0, 5, 5, 10, 10, 0, 10 };
  CairnRuleViolation *v;

  add_polygon (r, square, 4);
  add_polygon (r, concave, 5);
  g_assert_null (check (r, CAIRN_RULE_POLYGON_SELF_INTERSECTS));
  add_polygon (r, bow_tie, 4);
  v = check (r, CAIRN_RULE_POLYGON_SELF_INTERSECTS);
  g_assert_nonnull (v);
  g_assert_cmpint (v->annotation_id, ==, 102);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_NONE);
}

static void
test_attribute (Rules *r, gconstpointer data)
{
  CairnAnnotation *a = add_box (r, 10, 10, 20, 20);
  CairnRuleViolation *v;

  /* colour is optional: its absence is fine. */
  g_assert_null (check (r, CAIRN_RULE_ATTRIBUTE_MISSING));
  json_object_set_string_member (a->attributes, "breed", "");
  v = check (r, CAIRN_RULE_ATTRIBUTE_MISSING);
  g_assert_nonnull (v);
  g_assert_nonnull (strstr (v->message, "breed"));
  json_object_remove_member (a->attributes, "breed");
  g_assert_nonnull (check (r, CAIRN_RULE_ATTRIBUTE_MISSING));
}

static void
test_duplicate (Rules *r, gconstpointer data)
{
  CairnAnnotation *other;
  CairnRuleViolation *v;

  add_box (r, 10, 10, 20, 20);
  add_box (r, 50, 10, 20, 20);
  /* Same place, another annotator: agreement's business, not double labelling. */
  other = add_box (r, 10, 10, 20, 20);
  other->annotator_id = 2;
  g_assert_null (check (r, CAIRN_RULE_DUPLICATE_SHAPE));
  add_box (r, 10.5, 10, 20, 20);
  v = check (r, CAIRN_RULE_DUPLICATE_SHAPE);
  g_assert_nonnull (v);
  g_assert_cmpint (v->annotation_id, ==, 103);
  g_assert_cmpint (v->other_id, ==, 100);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_DELETE);
}

static void
test_span_boundary (Rules *r, gconstpointer data)
{
  CairnRuleViolation *v;

  make_text (r, "Alice met Bob in Paris.");
  add_span (r, 0, 5);
  add_span (r, 17, 22);
  g_assert_null (check (r, CAIRN_RULE_SPAN_WORD_BOUNDARY));
  add_span (r, 11, 13);
  v = check (r, CAIRN_RULE_SPAN_WORD_BOUNDARY);
  g_assert_nonnull (v);
  g_assert_nonnull (strstr (v->message, "starts inside a word"));
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_CHANGE);
  g_assert_cmpfloat (coord (v->fixed, 0), ==, 10);
  g_assert_cmpfloat (coord (v->fixed, 1), ==, 13);
  /* Korean particles attach to the word: 서울시청 then 에서 is no split word. */
  g_ptr_array_set_size (r->annotations, 0);
  g_free (r->item->text);
  r->item->text = g_strdup ("서울시청에서 만났다");
  add_span (r, 0, 4);
  g_assert_null (check (r, CAIRN_RULE_SPAN_WORD_BOUNDARY));
}

static void
test_span_whitespace (Rules *r, gconstpointer data)
{
  CairnRuleViolation *v;

  /* Code points, not bytes: "é" is one. */
  make_text (r, "Café au lait");
  add_span (r, 0, 4);
  g_assert_null (check (r, CAIRN_RULE_SPAN_WHITESPACE));
  add_span (r, 4, 8);
  v = check (r, CAIRN_RULE_SPAN_WHITESPACE);
  g_assert_nonnull (v);
  g_assert_nonnull (strstr (v->message, "leading"));
  g_assert_cmpfloat (coord (v->fixed, 0), ==, 5);
  g_assert_cmpfloat (coord (v->fixed, 1), ==, 7);
  g_ptr_array_set_size (r->annotations, 0);
  add_span (r, 4, 5);
  v = check (r, CAIRN_RULE_SPAN_WHITESPACE);
  g_assert_cmpint (v->fix, ==, CAIRN_FIX_DELETE);
}

static void
test_empty_transcript (Rules *r, gconstpointer data)
{
  CairnAnnotation *a;
  const double t[] = { 0, 1000 };

  r->item->kind = CAIRN_ITEM_AUDIO;
  a = add (r, CAIRN_KIND_SEGMENT, r->word->id);
  cairn_annotation_set_coords (a, t, 2);
  cairn_annotation_set_text (a, "hello");
  g_assert_null (check (r, CAIRN_RULE_EMPTY_TRANSCRIPT));
  cairn_annotation_set_text (a, "  \n");
  g_assert_nonnull (check (r, CAIRN_RULE_EMPTY_TRANSCRIPT));
  cairn_annotation_set_text (a, NULL);
  g_assert_nonnull (check (r, CAIRN_RULE_EMPTY_TRANSCRIPT));
}

static void
test_label_kind (Rules *r, gconstpointer data)
{
  const double xy[] = { 1, 1, 5, 5 };
  CairnAnnotation *a;
  CairnRuleViolation *v;

  add_box (r, 10, 10, 20, 20);
  g_assert_null (check (r, CAIRN_RULE_LABEL_KIND));
  a = add (r, CAIRN_KIND_POINTS, r->cat->id);
  cairn_annotation_set_coords (a, xy, 4);
  v = check (r, CAIRN_RULE_LABEL_KIND);
  g_assert_nonnull (v);
  g_assert_nonnull (strstr (v->message, "cat allows only box,polygon"));
}

/* Disabled rules stay quiet; a model's predictions are never checked. */
static void
test_config (Rules *r, gconstpointer data)
{
  CairnRuleConfig parsed;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  CairnAnnotation *p;

  add_box (r, 10, 10, 2, 2);
  g_assert_nonnull (check (r, CAIRN_RULE_BOX_TOO_SMALL));
  r->config.enabled[CAIRN_RULE_BOX_TOO_SMALL] = FALSE;
  g_assert_null (check (r, CAIRN_RULE_BOX_TOO_SMALL));
  r->config.enabled[CAIRN_RULE_BOX_TOO_SMALL] = TRUE;
  p = g_ptr_array_index (r->annotations, 0);
  p->origin = CAIRN_ORIGIN_MODEL;
  g_assert_null (check (r, CAIRN_RULE_BOX_TOO_SMALL));

  r->config.enabled[CAIRN_RULE_DUPLICATE_SHAPE] = FALSE;
  r->config.min_box_size = 6;
  json = cairn_rule_config_to_json (&r->config);
  g_assert_true (cairn_rule_config_from_json (&parsed, json, &error));
  g_assert_no_error (error);
  g_assert_false (parsed.enabled[CAIRN_RULE_DUPLICATE_SHAPE]);
  g_assert_true (parsed.enabled[CAIRN_RULE_BOX_TOO_SMALL]);
  g_assert_cmpfloat (parsed.min_box_size, ==, 6);
  g_assert_false (cairn_rule_config_from_json (&parsed, "{\"disabled\": [\"nope\"]}", &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cairn_rule_config_from_json (&parsed, "[1]", &error));
}

/* Batch fixes in a project */

typedef struct
{
  char           *dir;
  char           *path;
  CairnStore     *store;
  CairnEditStack *stack;
  gint64          ann, cat, kitten, dog;
  gint64          image, text;
  gint64          tiny, outside, fine, span, model_box;
} Project;

static gint64
project_add (Project *p, CairnAnnotation *owned, gint64 item, gint64 label)
{
  g_autoptr(CairnAnnotation) a = owned;
  g_autoptr(GError) error = NULL;

  a->item_id = item;
  a->label_id = label;
  if (a->annotator_id == 0)
    a->annotator_id = p->ann;
  g_assert_true (cairn_store_add_annotation (p->store, a, &error));
  g_assert_no_error (error);
  return a->id;
}

static gint64
project_box (Project *p, double x, double y, double w, double h, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  cairn_annotation_set_box (a, x, y, w, h);
  return project_add (p, a, p->image, label);
}

static gint64
project_label (Project *p, const char *name)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_label (p->store, label, &error));
  return label->id;
}

static void
project_set_up (Project *p, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnItem) text = cairn_item_new (CAIRN_ITEM_TEXT);
  CairnAnnotation *span = cairn_annotation_new (CAIRN_KIND_SPAN), *model;
  const double c[] = { 4, 9 };

  p->dir = g_dir_make_tmp ("cairn-fix-XXXXXX", NULL);
  p->path = g_build_filename (p->dir, "f.cairn", NULL);
  p->store = cairn_store_create (p->path, "Fix", &error);
  g_assert_no_error (error);
  p->ann = cairn_store_ensure_annotator (p->store, "ann", "annotator", &error);
  p->stack = cairn_edit_stack_new (p->store, p->ann);
  p->cat = project_label (p, "cat");
  p->kitten = project_label (p, "kitten");
  p->dog = project_label (p, "dog");
  image->uri = g_strdup ("photo.png");
  image->width = 100;
  image->height = 80;
  image->sha256 = g_strdup ("00");
  g_assert_true (cairn_store_add_item (p->store, image, &error));
  p->image = image->id;
  text->text = g_strdup ("The  cat sat.");
  text->sha256 = g_strdup ("01");
  g_assert_true (cairn_store_add_item (p->store, text, &error));
  p->text = text->id;
  p->tiny = project_box (p, 10, 10, 2, 2, p->kitten);
  p->outside = project_box (p, 90, 70, 20, 20, p->cat);
  p->fine = project_box (p, 20, 20, 30, 30, p->kitten);
  cairn_annotation_set_coords (span, c, 2);
  p->span = project_add (p, span, p->text, p->cat);
  model = cairn_annotation_new (CAIRN_KIND_BOX);
  cairn_annotation_set_box (model, 1, 1, 1, 1);
  model->origin = CAIRN_ORIGIN_MODEL;
  model->score = 0.5;
  p->model_box = project_add (p, model, p->image, p->kitten);
}

static void
project_tear_down (Project *p, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&p->stack);
  g_clear_object (&p->store);
  dir = g_dir_open (p->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (p->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (p->dir);
  g_free (p->dir);
  g_free (p->path);
}

static CairnAnnotation *
get (Project *p, gint64 id)
{
  return cairn_store_get_annotation (p->store, id, NULL);
}

static guint
history_rows (Project *p)
{
  g_autoptr(GPtrArray) h = cairn_store_list_history (p->store, 100000, NULL);

  return h->len;
}

static void
test_merge (Project *p, gconstpointer data)
{
  CairnBatchPreview preview;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(CairnAnnotation) tiny = NULL, fine = NULL, model = NULL, back = NULL;
  g_autofree char *text = NULL, *title = NULL;
  guint rows;

  edit = cairn_batch_merge_labels (p->store, p->kitten, p->cat, &preview, &error);
  g_assert_no_error (error);
  /* The preview: two of the person's kitten boxes; the model's kitten stays a kitten. */
  g_assert_cmpuint (cairn_edit_get_n_changes (edit), ==, 2);
  g_assert_cmpuint (preview.changed, ==, 2);
  g_assert_cmpuint (preview.deleted, ==, 0);
  g_assert_cmpuint (preview.items, ==, 1);
  text = cairn_batch_preview_to_string (&preview);
  g_assert_cmpstr (text, ==, "2 annotations changed on 1 items");
  /* Nothing written before the push. */
  tiny = get (p, p->tiny);
  g_assert_cmpint (tiny->label_id, ==, p->kitten);
  rows = history_rows (p);
  g_assert_true (cairn_edit_stack_push (p->stack, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_rows (p), ==, rows + 2);
  fine = get (p, p->fine);
  g_assert_cmpint (fine->label_id, ==, p->cat);
  model = get (p, p->model_box);
  g_assert_cmpint (model->label_id, ==, p->kitten);
  title = cairn_edit_stack_dup_undo_title (p->stack);
  g_assert_cmpstr (title, ==, "Batch Fix");
  /* One Undo takes the whole batch back. */
  g_assert_true (cairn_edit_stack_undo (p->stack, &error));
  g_assert_no_error (error);
  back = get (p, p->fine);
  g_assert_cmpint (back->label_id, ==, p->kitten);
  g_clear_pointer (&back, cairn_annotation_free);
  back = get (p, p->tiny);
  g_assert_cmpint (back->label_id, ==, p->kitten);

  g_assert_null (cairn_batch_merge_labels (p->store, p->cat, p->cat, NULL, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
}

static void
test_relabel_rule (Project *p, gconstpointer data)
{
  CairnRelabelRule rule = CAIRN_RELABEL_RULE_INIT;
  CairnBatchPreview preview;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) by_kind = NULL, by_attribute = NULL;
  g_autoptr(CairnAnnotation) fine = NULL, changed = NULL, after = NULL;

  /* By kind: every span becomes a dog (the one span). By attribute: kittens with age=adult
   * become cats (the one box given an age). */
  rule.kind = CAIRN_KIND_SPAN;
  rule.to_label = p->dog;
  by_kind = cairn_batch_relabel (p->store, &rule, &preview, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview.changed, ==, 1);
  fine = get (p, p->fine);
  changed = cairn_annotation_copy (fine);
  json_object_set_string_member (changed->attributes, "age", "adult");
  g_assert_true (cairn_store_update_annotation (p->store, changed, &error));
  rule = CAIRN_RELABEL_RULE_INIT;
  rule.from_label = p->kitten;
  rule.attribute = "age";
  rule.value = "adult";
  rule.to_label = p->cat;
  by_attribute = cairn_batch_relabel (p->store, &rule, &preview, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview.changed, ==, 1);
  g_assert_cmpint (cairn_edit_get_annotation_id (by_attribute, 0), ==, p->fine);
  g_assert_true (cairn_edit_stack_push (p->stack, by_attribute, &error));
  after = get (p, p->fine);
  g_assert_cmpint (after->label_id, ==, p->cat);
  rule.to_label = 9999;
  g_assert_null (cairn_batch_relabel (p->store, &rule, NULL, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
}

static void
test_fix_rules (Project *p, gconstpointer data)
{
  CairnRuleConfig config;
  CairnBatchPreview preview;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) tiny = NULL, clip = NULL, trim = NULL, none = NULL;
  g_autoptr(CairnAnnotation) clipped = NULL, trimmed = NULL, model = NULL, back = NULL;
  g_autoptr(GPtrArray) left = NULL;

  cairn_rule_config_init (&config);
  tiny = cairn_batch_fix_rule (p->store, &config, CAIRN_RULE_BOX_TOO_SMALL, &preview, &error);
  g_assert_no_error (error);
  /* The person's 2 px box; the model's 1 px prediction is not theirs to delete. */
  g_assert_cmpuint (preview.deleted, ==, 1);
  g_assert_cmpuint (preview.changed, ==, 0);
  g_assert_true (cairn_edit_stack_push (p->stack, tiny, &error));
  g_assert_null (get (p, p->tiny));
  model = get (p, p->model_box);
  g_assert_nonnull (model);

  clip = cairn_batch_fix_rule (p->store, &config, CAIRN_RULE_BOX_OUTSIDE_IMAGE, &preview,
                               &error);
  g_assert_cmpuint (preview.changed, ==, 1);
  g_assert_true (cairn_edit_stack_push (p->stack, clip, &error));
  clipped = get (p, p->outside);
  g_assert_cmpfloat (coord (clipped, 2), ==, 10);
  g_assert_cmpfloat (coord (clipped, 3), ==, 10);

  /* "The  cat sat.": [4, 9) is " cat " → [5, 8). */
  trim = cairn_batch_fix_rule (p->store, &config, CAIRN_RULE_SPAN_WHITESPACE, &preview, &error);
  g_assert_cmpuint (preview.changed, ==, 1);
  g_assert_true (cairn_edit_stack_push (p->stack, trim, &error));
  trimmed = get (p, p->span);
  g_assert_cmpfloat (coord (trimmed, 0), ==, 5);
  g_assert_cmpfloat (coord (trimmed, 1), ==, 8);

  /* Fixed: nothing left to fix. */
  none = cairn_batch_fix_rule (p->store, &config, CAIRN_RULE_BOX_TOO_SMALL, &preview, &error);
  g_assert_cmpuint (cairn_edit_get_n_changes (none), ==, 0);

  /* Undo, newest first: the span, the clip, then the tiny box comes back with its id. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (cairn_edit_stack_undo (p->stack, &error));
      g_assert_no_error (error);
    }
  back = get (p, p->tiny);
  g_assert_nonnull (back);
  g_clear_pointer (&back, cairn_annotation_free);
  back = get (p, p->outside);
  g_assert_cmpfloat (coord (back, 2), ==, 20);
  g_clear_pointer (&back, cairn_annotation_free);
  back = get (p, p->span);
  g_assert_cmpfloat (coord (back, 0), ==, 4);
  left = cairn_rules_check (p->store, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define RULE(path, fn) g_test_add (path, Rules, NULL, rules_set_up, fn, rules_tear_down)
  RULE ("/rules/box-too-small", test_box_too_small);
  RULE ("/rules/box-outside-image", test_box_outside);
  RULE ("/rules/polygon-self-intersects", test_polygon);
  RULE ("/rules/attribute-missing", test_attribute);
  RULE ("/rules/duplicate-shape", test_duplicate);
  RULE ("/rules/span-word-boundary", test_span_boundary);
  RULE ("/rules/span-whitespace", test_span_whitespace);
  RULE ("/rules/empty-transcript", test_empty_transcript);
  RULE ("/rules/label-kind", test_label_kind);
  RULE ("/rules/config", test_config);
#define FIX(path, fn) g_test_add (path, Project, NULL, project_set_up, fn, project_tear_down)
  FIX ("/batch-fix/merge-labels", test_merge);
  FIX ("/batch-fix/relabel-rule", test_relabel_rule);
  FIX ("/batch-fix/rules", test_fix_rules);
  return g_test_run ();
}
