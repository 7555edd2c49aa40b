/* The edit layer without a display: every kind of edit applies, undoes and redoes exactly,
 * undo survives reopening the project, and an edit someone else has changed since is not
 * undone over their change. */
#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      item;
  gint64      item2;
  gint64      car;
  gint64      person;
  gint64      kim;
  gint64      lee;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnItem) item2 = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) car = cairn_label_new ("car");
  g_autoptr(CairnLabel) person = cairn_label_new ("person");

  f->dir = g_dir_make_tmp ("cairn-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "edit.cairn", NULL);
  f->store = cairn_store_create (f->path, "edit", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("a.png");
  item->width = item->height = 100;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  item2->uri = g_strdup ("b.png");
  g_assert_true (cairn_store_add_item (f->store, item2, &error));
  g_assert_true (cairn_store_add_label (f->store, car, &error));
  g_assert_true (cairn_store_add_label (f->store, person, &error));
  f->item = item->id;
  f->item2 = item2->id;
  f->car = car->id;
  f->person = person->id;
  f->kim = cairn_store_ensure_annotator (f->store, "김민지", "annotator", &error);
  f->lee = cairn_store_ensure_annotator (f->store, "Lee", "annotator", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal" : NULL)
    {
      g_autofree char *p = g_strconcat (f->path, suffix, NULL);
      g_remove (p);
    }
  {
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
    g_remove (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Every live annotation of the project as JSON, in id order: "store contents compared". */
static char *
snapshot (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) ids = cairn_store_list_item_ids (store, NULL, &error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) list = cairn_store_list_annotations (store, g_array_index (ids, gint64, i),
                                                                &error);
      g_autoptr(CairnItem) item = cairn_store_get_item (store, g_array_index (ids, gint64, i),
                                                        &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "item %" G_GINT64_FORMAT " %s\n", item->id,
                              cairn_item_state_to_string (item->state));
      for (guint j = 0; j < list->len; j++)
        {
          g_autoptr(JsonNode) node = cairn_annotation_to_json_node (list->pdata[j]);
          g_autofree char *json = json_to_string (node, FALSE);

          g_string_append_printf (out, "%s\n", json);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CairnAnnotation *
new_box (Fixture *f, double x, double y, double w, double h)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  a->item_id = f->item;
  a->label_id = f->car;
  cairn_annotation_set_box (a, x, y, w, h);
  return a;
}

static CairnAnnotation *
new_polygon (Fixture *f)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_POLYGON);
  double ring[] = { 10, 10, 50, 10, 50, 40, 10, 40 };

  a->item_id = f->item;
  a->label_id = f->person;
  cairn_annotation_add_ring (a, ring, 4);
  return a;
}

/* Push, then undo, then redo: the store goes before → after → before → after exactly. */
static void
check_round_trip (CairnEditStack *stack, CairnEdit *edit)
{
  CairnStore *store = cairn_edit_stack_get_store (stack);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (store);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  cairn_edit_stack_push (stack, edit, &error);
  g_assert_no_error (error);
  after = snapshot (store);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  g_assert_no_error (error);
  undone = snapshot (store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (cairn_edit_stack_redo (stack, &error));
  g_assert_no_error (error);
  redone = snapshot (store);
  g_assert_cmpstr (redone, ==, after);
}

static gint64
push (CairnEditStack *stack, CairnEdit *edit)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_edit_stack_push (stack, edit, &error));
  g_assert_no_error (error);
  return cairn_edit_get_annotation_id (edit, 0);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) box = new_box (f, 1, 2, 30, 40);
  g_autoptr(CairnEdit) edit = cairn_edit_new_create (box);
  g_autoptr(CairnAnnotation) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  check_round_trip (stack, edit);
  id = cairn_edit_get_annotation_id (edit, 0);
  g_assert_cmpint (id, >, 0);
  /* Redo brings back the same row, made by the annotator. */
  stored = cairn_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->annotator_id, ==, f->kim);
}

static void
test_change (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) polygon = new_polygon (f);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (polygon);
  g_autoptr(CairnAnnotation) before = NULL;
  g_autoptr(CairnAnnotation) moved = NULL;
  g_autoptr(CairnAnnotation) relabelled = NULL;
  g_autoptr(CairnEdit) move = NULL;
  g_autoptr(CairnEdit) relabel = NULL;
  g_autoptr(CairnEdit) attribute = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = push (stack, create);

  before = cairn_store_get_annotation (f->store, id, &error);
  moved = cairn_annotation_copy (before);
  for (guint i = 0; i < moved->coords->len; i++)
    g_array_index (moved->coords, double, i) += 5;
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, before, moved);
  check_round_trip (stack, move);

  relabelled = cairn_annotation_copy (moved);
  relabelled->label_id = f->car;
  relabel = cairn_edit_new_change (CAIRN_EDIT_VERB_RELABEL, moved, relabelled);
  check_round_trip (stack, relabel);

  g_clear_pointer (&moved, cairn_annotation_free);
  moved = cairn_annotation_copy (relabelled);
  json_object_set_boolean_member (moved->attributes, "occluded", TRUE);
  attribute = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, relabelled, moved);
  check_round_trip (stack, attribute);
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) box = new_box (f, 5, 5, 10, 10);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (box);
  g_autoptr(CairnAnnotation) stored = NULL;
  g_autoptr(CairnAnnotation) back = NULL;
  g_autoptr(CairnEdit) delete = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = push (stack, create);

  stored = cairn_store_get_annotation (f->store, id, &error);
  delete = cairn_edit_new_delete (stored);
  check_round_trip (stack, delete);
  g_assert_null (cairn_store_get_annotation (f->store, id, NULL));
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  /* The same annotation, not a copy with a new id. */
  back = cairn_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->id, ==, id);
}

static void
test_item_state (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_store_get_item (f->store, f->item, &error);
  g_autoptr(CairnEdit) done = cairn_edit_new_item_state (item, CAIRN_STATE_DONE);

  check_round_trip (stack, done);
  g_clear_pointer (&item, cairn_item_free);
  item = cairn_store_get_item (f->store, f->item, &error);
  g_assert_cmpint (item->state, ==, CAIRN_STATE_DONE);
}

/* One edit of many changes (a batch fix) is one undo step. */
static void
test_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEdit) batch = cairn_edit_new (CAIRN_EDIT_VERB_BATCH, CAIRN_KIND_BOX);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CairnAnnotation) box = new_box (f, i, i, 3, 3);
      cairn_edit_add_annotation (batch, NULL, box);
    }
  cairn_edit_add_item_state (batch, f->item, CAIRN_STATE_NEW, CAIRN_STATE_REVIEW);
  check_round_trip (stack, batch);
}

static void
test_titles (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) polygon = new_polygon (f);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (polygon);
  g_autoptr(CairnAnnotation) before = NULL;
  g_autoptr(CairnAnnotation) moved = NULL;
  g_autoptr(CairnEdit) move = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  g_autofree char *undo2 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_false (cairn_edit_stack_can_undo (stack));
  g_assert_null (cairn_edit_stack_dup_undo_title (stack));
  g_assert_false (cairn_edit_stack_undo (stack, &error));
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_NOTHING);
  g_clear_error (&error);

  id = push (stack, create);
  before = cairn_store_get_annotation (f->store, id, &error);
  moved = cairn_annotation_copy (before);
  g_array_index (moved->coords, double, 0) += 1;
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, before, moved);
  push (stack, move);
  undo = cairn_edit_stack_dup_undo_title (stack);
  g_assert_cmpstr (undo, ==, "Move Polygon");
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  redo = cairn_edit_stack_dup_redo_title (stack);
  undo2 = cairn_edit_stack_dup_undo_title (stack);
  g_assert_cmpstr (redo, ==, "Move Polygon");
  g_assert_cmpstr (undo2, ==, "Draw Polygon");
}

/* Undo lives in the file: close, reopen, and undo the same edits in the same order. */
static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = snapshot (f->store);
  g_autofree char *one = NULL;
  g_autofree char *now = NULL;
  g_autoptr(CairnAnnotation) first = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnAnnotation) second = new_box (f, 20, 20, 5, 5);
  g_autoptr(CairnEdit) e1 = cairn_edit_new_create (first);
  g_autoptr(CairnEdit) e2 = cairn_edit_new_create (second);

  push (stack, e1);
  one = snapshot (f->store);
  push (stack, e2);
  g_clear_object (&stack);
  g_clear_object (&f->store);

  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  stack = cairn_edit_stack_new (f->store, f->kim);
  g_assert_true (cairn_edit_stack_can_undo (stack));
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  now = snapshot (f->store);
  g_assert_cmpstr (now, ==, one);
  g_free (now);
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  now = snapshot (f->store);
  g_assert_cmpstr (now, ==, empty);
  g_assert_false (cairn_edit_stack_can_undo (stack));

  /* Redo survives a restart too. */
  g_clear_object (&stack);
  g_clear_object (&f->store);
  f->store = cairn_store_open (f->path, &error);
  stack = cairn_edit_stack_new (f->store, f->kim);
  g_assert_true (cairn_edit_stack_redo (stack, &error));
  g_free (now);
  now = snapshot (f->store);
  g_assert_cmpstr (now, ==, one);
}

/* Each annotator undoes their own edits; a new edit forgets what was undone. */
static void
test_per_annotator (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEditStack) lee = cairn_edit_stack_new (f->store, f->lee);
  g_autoptr(CairnAnnotation) a = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnAnnotation) b = new_box (f, 50, 50, 5, 5);
  g_autoptr(CairnAnnotation) c = new_box (f, 70, 70, 5, 5);
  g_autoptr(CairnEdit) ea = cairn_edit_new_create (a);
  g_autoptr(CairnEdit) eb = cairn_edit_new_create (b);
  g_autoptr(CairnEdit) ec = cairn_edit_new_create (c);
  g_autoptr(GError) error = NULL;
  gint64 ida = push (kim, ea);
  gint64 idb = push (lee, eb);

  g_assert_true (cairn_edit_stack_undo (kim, &error));
  g_assert_null (cairn_store_get_annotation (f->store, ida, NULL));
  {
    g_autoptr(CairnAnnotation) still = cairn_store_get_annotation (f->store, idb, NULL);
    g_assert_nonnull (still);
  }
  g_assert_false (cairn_edit_stack_can_undo (kim));
  g_assert_true (cairn_edit_stack_can_redo (kim));
  push (kim, ec);
  g_assert_false (cairn_edit_stack_can_redo (kim));
  g_assert_true (cairn_edit_stack_can_undo (lee));
}

/* Lee changed Kim's box since: Kim's undo is refused, naming Lee, and changes nothing. */
static void
test_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEditStack) lee = cairn_edit_stack_new (f->store, f->lee);
  g_autoptr(CairnAnnotation) box = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (box);
  g_autoptr(CairnAnnotation) stored = NULL;
  g_autoptr(CairnAnnotation) moved = NULL;
  g_autoptr(CairnAnnotation) deleted = NULL;
  g_autoptr(CairnEdit) move = NULL;
  g_autoptr(CairnEdit) delete = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = push (kim, create);

  stored = cairn_store_get_annotation (f->store, id, &error);
  moved = cairn_annotation_copy (stored);
  g_array_index (moved->coords, double, 0) = 40;
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, stored, moved);
  push (lee, move);

  before = snapshot (f->store);
  g_assert_false (cairn_edit_stack_undo (kim, &error));
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Lee changed it on"));
  g_assert_nonnull (strstr (error->message, "Draw Box"));
  g_clear_error (&error);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (cairn_edit_stack_can_undo (kim));

  /* Once Lee takes the move back, Kim's undo goes through. */
  g_assert_true (cairn_edit_stack_undo (lee, &error));
  g_assert_true (cairn_edit_stack_undo (kim, &error));
  g_assert_no_error (error);

  /* Redo refused when the row came back some other way: Lee redoes nothing of Kim's. */
  g_assert_false (cairn_edit_stack_redo (lee, &error));
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A deletion by someone else also blocks undoing a change. */
  g_assert_true (cairn_edit_stack_redo (kim, &error));
  deleted = cairn_store_get_annotation (f->store, id, &error);
  delete = cairn_edit_new_delete (deleted);
  push (lee, delete);
  g_assert_false (cairn_edit_stack_undo (kim, &error));
  g_assert_nonnull (strstr (error->message, "Lee deleted it on"));
}

/* An edit whose before is stale (the canvas showed an old state) is refused at push. */
static void
test_stale_push (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) box = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (box);
  g_autoptr(CairnAnnotation) stored = NULL;
  g_autoptr(CairnAnnotation) stale = NULL;
  g_autoptr(CairnAnnotation) moved = NULL;
  g_autoptr(CairnEdit) move = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = push (kim, create);

  stored = cairn_store_get_annotation (f->store, id, &error);
  stale = cairn_annotation_copy (stored);
  g_array_index (stale->coords, double, 1) = 99;
  moved = cairn_annotation_copy (stored);
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, stale, moved);
  g_assert_false (cairn_edit_stack_push (kim, move, &error));
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Nothing recorded: undo still takes the creation. */
  {
    g_autofree char *title = cairn_edit_stack_dup_undo_title (kim);
    g_assert_cmpstr (title, ==, "Draw Box");
  }
}

/* The history rows name the annotator and the edit. */
static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) box = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (box);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  CairnHistoryEntry *e;

  push (kim, create);
  g_assert_true (cairn_edit_stack_undo (kim, &error));
  history = cairn_store_list_history (f->store, 2, &error);
  e = history->pdata[0];
  g_assert_cmpstr (e->action, ==, "delete");
  g_assert_cmpint (e->annotator_id, ==, f->kim);
  e = history->pdata[1];
  g_assert_cmpstr (e->action, ==, "insert");
  g_assert_cmpint (e->annotator_id, ==, f->kim);
}

typedef struct
{
  guint   n;
  gint64  item;
  gint64  annotation;
} Seen;

static void
on_changed_cb (CairnStore *store, const CairnStoreChange *change, Seen *seen)
{
  seen->n++;
  seen->item = change->items->len ? g_array_index (change->items, gint64, 0) : 0;
  seen->annotation = change->annotations->len ? g_array_index (change->annotations, gint64, 0)
                                              : 0;
}

/* The store says what each committed transaction changed, once, after it committed. */
static void
test_change_signal (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnAnnotation) box = new_box (f, 1, 1, 5, 5);
  g_autoptr(CairnEdit) create = cairn_edit_new_create (box);
  g_autoptr(CairnAnnotation) other = new_box (f, 1, 1, 5, 5);
  g_autoptr(GError) error = NULL;
  Seen seen = { 0 };
  gint64 id;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &seen);
  id = push (kim, create);
  g_assert_cmpuint (seen.n, ==, 1);
  g_assert_cmpint (seen.item, ==, f->item);
  g_assert_cmpint (seen.annotation, ==, id);

  /* Nothing is told before the outer transaction commits, nor after a rollback. */
  g_assert_true (cairn_store_begin (f->store, &error));
  g_assert_true (cairn_store_add_annotation (f->store, other, &error));
  g_assert_cmpuint (seen.n, ==, 1);
  cairn_store_rollback (f->store);
  g_assert_cmpuint (seen.n, ==, 1);
  g_signal_handlers_disconnect_by_func (f->store, on_changed_cb, &seen);
}

/* A log row that does not parse is an error, not a crash. */
static void
test_bad_log (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "", "[]", "{\"verb\":\"fly\",\"changes\":[]}", "{\"verb\":\"move\"}",
    "{\"verb\":\"move\",\"changes\":[{}]}", "{\"verb\":\"move\",\"changes\":[{\"after\":{}}]}",
    "{\"verb\":\"move\",\"subject\":\"blob\",\"changes\":[]}",
    "{\"verb\":\"item-state\",\"changes\":[{\"item\":1,\"from\":\"new\",\"to\":\"x\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CairnEdit) edit = cairn_edit_new_from_json (bad[i], &error);

      g_assert_null (edit);
      g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/edit/create", test_create);
  ADD ("/edit/change", test_change);
  ADD ("/edit/delete", test_delete);
  ADD ("/edit/item-state", test_item_state);
  ADD ("/edit/batch", test_batch);
  ADD ("/edit/titles", test_titles);
  ADD ("/edit/reopen", test_reopen);
  ADD ("/edit/per-annotator", test_per_annotator);
  ADD ("/edit/conflict", test_conflict);
  ADD ("/edit/stale-push", test_stale_push);
  ADD ("/edit/history", test_history);
  ADD ("/edit/change-signal", test_change_signal);
  ADD ("/edit/bad-log", test_bad_log);
#undef ADD
  return g_test_run ();
}
