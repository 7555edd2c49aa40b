#include <glib/gstdio.h>
#include <math.h>

#include "store/cairn-store.h"
#include "store/cairn-store-team.h"
#include "model/cairn-rle.h"

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cairn-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.cairn", NULL);
  f->store = cairn_store_create (f->path, "Test", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_image (CairnStore *store, const char *uri)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(GError) error = NULL;

  item->uri = g_strdup (uri);
  item->width = 640;
  item->height = 480;
  item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  cairn_store_add_item (store, item, &error);
  g_assert_no_error (error);
  return item->id;
}

static void
test_create_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id = add_image (f->store, "a.png");

  g_clear_object (&f->store);
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  name = cairn_store_dup_name (f->store);
  g_assert_cmpstr (name, ==, "Test");
  g_assert_cmpint (cairn_store_count_items (f->store, -1), ==, 1);
  g_assert_cmpint (cairn_store_find_item_by_uri (f->store, "a.png"), ==, id);
  g_assert_true (cairn_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  /* Creating over an existing file is refused, and the file is untouched. */
  g_assert_null (cairn_store_create (f->path, "Again", &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS);
}

static void
test_open_bad_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_build_filename (f->dir, "junk.cairn", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.cairn", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  CairnStore *store;

  g_assert_true (g_file_set_contents (junk, "this is not a database at all, not even close....."
                                      "................................................", -1,
                                      NULL));
  store = cairn_store_open (junk, &error);
  g_assert_null (store);
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "junk.cairn"));
  g_clear_error (&error);

  /* Half a project: SQLite's header survives, pages do not. */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *uri = g_strdup_printf ("img-%d.png", i);
      add_image (f->store, uri);
    }
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  store = cairn_store_open (truncated, &error);
  if (store != NULL)
    {
      g_assert_false (cairn_store_check_integrity (store, &error));
      g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT);
      g_object_unref (store);
    }
  else
    g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  store = cairn_store_open ("/nonexistent/x.cairn", &error);
  g_assert_null (store);
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
  f->store = cairn_store_open (f->path, NULL);
}

static CairnAnnotation *
make_kind (CairnKind kind, gint64 item)
{
  CairnAnnotation *a = cairn_annotation_new (kind);
  static const guint8 bits[12] = { 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0 };

  a->item_id = item;
  switch (kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      cairn_annotation_set_box (a, 10.25, 20.5, 30.125, 40.0625);
      if (kind == CAIRN_KIND_OCR)
        cairn_annotation_set_text (a, "출구 EXIT");
      break;
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      cairn_annotation_set_coords (a, (double[]) { 100, 80, 40, 20, 33.3333333 }, 5);
      break;
    case CAIRN_KIND_POLYGON:
      cairn_annotation_add_ring (a, (double[]) { 0, 0, 100, 0, 100, 100, 0, 100 }, 4);
      cairn_annotation_add_ring (a, (double[]) { 25, 25, 75, 25, 50, 75.5 }, 3);
      break;
    case CAIRN_KIND_POLYLINE:
      cairn_annotation_add_ring (a, (double[]) { 1, 2, 3, 4, 5.5, 6.25 }, 3);
      break;
    case CAIRN_KIND_POINTS:
      cairn_annotation_set_coords (a, (double[]) { 1, 1, 2, 2 }, 4);
      break;
    case CAIRN_KIND_KEYPOINTS:
      cairn_annotation_set_coords (a, (double[]) { 10, 10, 2, 0, 0, 0, 30, 31, 1 }, 9);
      break;
    case CAIRN_KIND_CUBOID:
      {
        double v[16];
        for (int i = 0; i < 16; i++)
          v[i] = i * 1.5;
        cairn_annotation_set_coords (a, v, 16);
      }
      break;
    case CAIRN_KIND_MASK:
      cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 3, 4));
      break;
    case CAIRN_KIND_SPAN:
      cairn_annotation_set_coords (a, (double[]) { 3, 7 }, 2);
      break;
    case CAIRN_KIND_RELATION:
      cairn_annotation_set_coords (a, (double[]) { 1, 2 }, 2);
      break;
    case CAIRN_KIND_SEGMENT:
      cairn_annotation_set_coords (a, (double[]) { 1200, 3450 }, 2);
      cairn_annotation_set_text (a, "안녕하세요, hello");
      a->speaker = g_strdup ("화자 A");
      break;
    case CAIRN_KIND_TARGET:
      cairn_annotation_set_text (a, "A translation — 번역");
      break;
    default:
      break;
    }
  json_object_set_boolean_member (a->attributes, "occluded", TRUE);
  json_object_set_string_member (a->attributes, "note", "비고");
  a->score = kind == CAIRN_KIND_BOX ? 0.875 : -1;
  return a;
}

static void
test_every_kind_round_trips (Fixture *f, gconstpointer data)
{
  gint64 item = add_image (f->store, "kinds.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  gint64 counts[CAIRN_N_KINDS];

  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    {
      CairnAnnotation *a = make_kind (k, item);

      cairn_store_add_annotation (f->store, a, &error);
      g_assert_no_error (error);
      g_assert_cmpint (a->id, >, 0);
      g_ptr_array_add (made, a);
    }
  /* Reopen so nothing comes from a cache. */
  g_clear_object (&f->store);
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  stored = cairn_store_list_annotations (f->store, item, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, CAIRN_N_KINDS);
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    {
      CairnAnnotation *a = g_ptr_array_index (made, k), *b = g_ptr_array_index (stored, k);

      g_test_message ("kind %s", cairn_kind_to_string (k));
      g_assert_cmpint (b->kind, ==, k);
      g_assert_true (cairn_annotation_equal (a, b, 0));
      g_assert_cmpfloat (a->score, ==, b->score);
    }
  g_assert_true (cairn_store_count_annotations_by_kind (f->store, counts, &error));
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    g_assert_cmpint (counts[k], ==, 1);
}

static void
test_labels (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) person = cairn_label_new ("사람");
  g_autoptr(CairnLabel) dup = cairn_label_new ("사람");
  g_autoptr(CairnLabel) found = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(GPtrArray) by_label = NULL;
  gint64 item = add_image (f->store, "l.png");

  person->hotkey = g_strdup ("p");
  g_assert_true (cairn_label_parse_kinds ("box,keypoints", &person->kinds, &error));
  g_assert_true (cairn_label_skeleton_from_json (person,
    "{\"points\": [\"head\", \"neck\", \"hand\"], \"edges\": [[0, 1], [1, 2]]}", &error));
  g_assert_no_error (error);
  cairn_store_add_label (f->store, person, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person->color);

  g_assert_false (cairn_store_add_label (f->store, dup, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  found = cairn_store_find_label (f->store, "사람", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->points->len, ==, 3);
  g_assert_cmpuint (found->edges->len, ==, 4);
  g_assert_true (cairn_label_allows (found, CAIRN_KIND_BOX));
  g_assert_false (cairn_label_allows (found, CAIRN_KIND_POLYGON));

  /* A kind the label does not allow is refused. */
  a = make_kind (CAIRN_KIND_POLYGON, item);
  a->label_id = person->id;
  g_assert_false (cairn_store_add_annotation (f->store, a, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
  g_clear_error (&error);
  cairn_annotation_free (a);
  a = make_kind (CAIRN_KIND_BOX, item);
  a->label_id = person->id;
  g_assert_true (cairn_store_add_annotation (f->store, a, &error));

  by_label = cairn_store_count_annotations_by_label (f->store, &error);
  g_assert_cmpuint (by_label->len, ==, 1);
  g_assert_cmpint (((CairnCount *) by_label->pdata[0])->count, ==, 1);

  /* In use: refused unless forced. */
  g_assert_false (cairn_store_remove_label (f->store, person->id, FALSE, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_true (cairn_store_remove_label (f->store, person->id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&by_label, g_ptr_array_unref);
  by_label = cairn_store_count_annotations_by_label (f->store, &error);
  g_assert_cmpuint (by_label->len, ==, 0);
}

static void
test_history_and_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 item = add_image (f->store, "h.png");
  gint64 who = cairn_store_ensure_annotator (f->store, "민지", "annotator", &error);
  g_autoptr(CairnAnnotation) a = make_kind (CAIRN_KIND_BOX, item);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) left = NULL;
  gint64 counts[CAIRN_N_KINDS];
  CairnHistoryEntry *e;

  g_assert_cmpint (who, >, 0);
  g_assert_cmpint (cairn_store_ensure_annotator (f->store, "민지", NULL, &error), ==, who);
  cairn_store_set_actor (f->store, who);
  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  g_assert_cmpint (a->annotator_id, ==, who);
  cairn_annotation_set_box (a, 1, 2, 3, 4);
  g_assert_true (cairn_store_update_annotation (f->store, a, &error));
  g_assert_true (cairn_store_delete_annotation (f->store, a->id, &error));
  g_assert_no_error (error);

  history = cairn_store_list_history (f->store, 3, &error);
  g_assert_cmpuint (history->len, ==, 3);
  e = history->pdata[0];
  g_assert_cmpstr (e->action, ==, "delete");
  g_assert_cmpint (e->annotator_id, ==, who);
  g_assert_nonnull (e->before);
  g_assert_null (e->after);
  e = history->pdata[1];
  g_assert_cmpstr (e->action, ==, "update");
  g_assert_nonnull (strstr (e->before, "[10.25,20.5"));
  g_assert_nonnull (strstr (e->after, "[1,2,3,4]"));

  left = cairn_store_list_annotations (f->store, item, &error);
  g_assert_cmpuint (left->len, ==, 0);
  cairn_store_count_annotations_by_kind (f->store, counts, &error);
  g_assert_cmpint (counts[CAIRN_KIND_BOX], ==, 0);
}

/* A bulk import leaves one history row per table naming the ids it added. */
static void
test_bulk_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 item, first = 0, last = 0;
  CairnHistoryEntry *e;

  g_assert_true (cairn_store_set_bulk (f->store, TRUE, &error));
  g_assert_true (cairn_store_begin (f->store, &error));
  item = add_image (f->store, "bulk.png");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CairnAnnotation) a = make_kind (CAIRN_KIND_BOX, item);
      g_assert_true (cairn_store_add_annotation (f->store, a, &error));
      first = first ? first : a->id;
      last = a->id;
    }
  g_assert_true (cairn_store_commit (f->store, &error));
  g_assert_true (cairn_store_set_bulk (f->store, FALSE, &error));
  history = cairn_store_list_history (f->store, 0, &error);
  g_assert_cmpuint (history->len, ==, 2);
  e = history->pdata[0];
  g_assert_cmpstr (e->action, ==, "insert-bulk");
  g_assert_cmpstr (e->target, ==, "annotation");
  {
    g_autofree char *want = g_strdup_printf ("{\"first\":%" G_GINT64_FORMAT ",\"last\":%"
                                             G_GINT64_FORMAT ",\"count\":3}", first, last);
    g_assert_cmpstr (e->after, ==, want);
  }
  g_assert_cmpstr (((CairnHistoryEntry *) history->pdata[1])->target, ==, "item");

  /* Outside bulk mode every insert has its own row again. */
  {
    g_autoptr(CairnAnnotation) a = make_kind (CAIRN_KIND_BOX, item);
    g_autoptr(GPtrArray) after = NULL;
    g_assert_true (cairn_store_add_annotation (f->store, a, &error));
    after = cairn_store_list_history (f->store, 1, &error);
    g_assert_cmpstr (((CairnHistoryEntry *) after->pdata[0])->action, ==, "insert");
  }
}

static gint64
count_label (CairnStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = cairn_store_count_annotations_by_label (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((CairnCount *) rows->pdata[i])->key, name))
      return ((CairnCount *) rows->pdata[i])->count;
  return 0;
}

static gint64
add_labelled (CairnStore *store, CairnKind kind, gint64 item, gint64 label_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = make_kind (kind, item);

  a->label_id = label_id;
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
  return a->id;
}

/* Bulk work counts its inserts in memory with the count trigger off; updates and deletes in
 * the same transaction, a rollback, and inserts after it all leave the counts right. */
static void
test_bulk_counts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) cat = cairn_label_new ("고양이");
  g_autoptr(CairnLabel) dog = cairn_label_new ("dog");
  g_autoptr(CairnAnnotation) moved = NULL;
  gint64 counts[CAIRN_N_KINDS];
  gint64 item = add_image (f->store, "counts.png"), first = 0, polygon = 0;

  g_assert_true (cairn_store_add_label (f->store, cat, &error));
  g_assert_true (cairn_store_add_label (f->store, dog, &error));
  add_labelled (f->store, CAIRN_KIND_BOX, item, cat->id);

  g_assert_true (cairn_store_set_bulk (f->store, TRUE, &error));
  g_assert_true (cairn_store_begin (f->store, &error));
  for (int i = 0; i < 5; i++)
    {
      gint64 id = add_labelled (f->store, CAIRN_KIND_BOX, item, cat->id);
      first = first ? first : id;
    }
  for (int i = 0; i < 2; i++)
    polygon = add_labelled (f->store, CAIRN_KIND_POLYGON, item, 0);
  moved = cairn_store_get_annotation (f->store, first, &error);
  moved->label_id = dog->id;
  g_assert_true (cairn_store_update_annotation (f->store, moved, &error));
  g_assert_true (cairn_store_delete_annotation (f->store, polygon, &error));
  g_assert_true (cairn_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (cairn_store_count_annotations_by_kind (f->store, counts, &error));
  g_assert_cmpint (counts[CAIRN_KIND_BOX], ==, 6);
  g_assert_cmpint (counts[CAIRN_KIND_POLYGON], ==, 1);
  g_assert_cmpint (count_label (f->store, "고양이"), ==, 5);
  g_assert_cmpint (count_label (f->store, "dog"), ==, 1);

  /* Rolled back: nothing counted, and the trigger is back for ordinary inserts. */
  g_assert_true (cairn_store_begin (f->store, &error));
  for (int i = 0; i < 3; i++)
    add_labelled (f->store, CAIRN_KIND_BOX, item, dog->id);
  cairn_store_rollback (f->store);
  g_assert_true (cairn_store_set_bulk (f->store, FALSE, &error));
  add_labelled (f->store, CAIRN_KIND_BOX, item, dog->id);
  g_assert_true (cairn_store_count_annotations_by_kind (f->store, counts, &error));
  g_assert_cmpint (counts[CAIRN_KIND_BOX], ==, 7);
  g_assert_cmpint (count_label (f->store, "dog"), ==, 2);
  g_assert_true (cairn_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_begin (f->store, &error));
  add_image (f->store, "r1.png");
  /* A nested failure dooms the whole action. */
  g_assert_true (cairn_store_begin (f->store, &error));
  add_image (f->store, "r2.png");
  cairn_store_rollback (f->store);
  g_assert_false (cairn_store_commit (f->store, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED);
  g_assert_cmpint (cairn_store_count_items (f->store, -1), ==, 0);
}

static char *
shell_query (const char *path, const char *sql)
{
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, NULL, &error));
  g_assert_no_error (error);
  return g_strstrip (out);
}

/* Text json-glib 1.6 wrote (a raw control character, which strict JSON refuses) still reads
 * back: projects written before the store had its own JSON reader keep their attributes. */
static void
test_old_attribute_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = make_kind (CAIRN_KIND_BOX, add_image (f->store, "old.png"));
  g_autoptr(CairnAnnotation) back = NULL;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *sql = NULL;

  if (shell == NULL)
    {
      g_test_skip ("sqlite3 shell not installed");
      return;
    }
  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  g_clear_object (&f->store);
  sql = g_strdup_printf ("UPDATE annotations SET attributes = '{\"메모\":\"a\x1f b\",\"n\":2}'"
                         " WHERE id = %" G_GINT64_FORMAT, a->id);
  g_free (shell_query (f->path, sql));
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  back = cairn_store_get_annotation (f->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (back->attributes, "메모"), ==, "a\x1f b");
  g_assert_cmpint (json_object_get_int_member (back->attributes, "n"), ==, 2);
}

/* A schema 1 file is copied aside, then migrated: its annotations stay, the label index goes. */
static void
test_migrate_from_1 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = make_kind (CAIRN_KIND_BOX, add_image (f->store, "m.png"));
  g_autoptr(CairnAnnotation) back = NULL;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *bak = g_strconcat (f->path, ".v1.bak", NULL);
  g_autofree char *v = NULL, *index = NULL, *old_v = NULL, *old_index = NULL;

  if (shell == NULL)
    {
      g_test_skip ("sqlite3 shell not installed");
      return;
    }
  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  g_clear_object (&f->store);
  /* Back to schema 1: put its index back, take away what schemas 3 to 8 added. */
  g_free (shell_query (f->path, "CREATE INDEX annotations_label ON annotations (label_id);"
                                "DROP TABLE media_cache; DROP TABLE flags; DROP TABLE edits; DROP INDEX history_row;"
                                "ALTER TABLE history DROP COLUMN edit_id;"
                                "DROP INDEX edge_cases_state;"
                                "ALTER TABLE guidelines DROP COLUMN summary;"
                                "ALTER TABLE labels DROP COLUMN guideline_anchor;"
                                "ALTER TABLE edge_cases DROP COLUMN state;"
                                "ALTER TABLE edge_cases DROP COLUMN author_id;"
                                "ALTER TABLE edge_cases DROP COLUMN label_id;"
                                "ALTER TABLE edge_cases DROP COLUMN annotation_id;"
                                "ALTER TABLE edge_cases DROP COLUMN region;"
                                "ALTER TABLE edge_cases DROP COLUMN answer;"
                                "ALTER TABLE edge_cases DROP COLUMN answered_by;"
                                "ALTER TABLE edge_cases DROP COLUMN promoted_version;"
                                "DROP TABLE reviews; DROP TABLE package_base;"
                                "DROP TABLE assignments; DROP INDEX annotations_uid;"
                                "ALTER TABLE annotations DROP COLUMN uid;"
                                "DELETE FROM meta WHERE key = 'instance';"
                                "DROP TABLE guideline_images;"
                                "PRAGMA user_version = 1"));

  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  back = cairn_store_get_annotation (f->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_annotation_equal (a, back, 0));
  v = shell_query (f->path, "PRAGMA user_version");
  index = shell_query (f->path, "SELECT count (*) FROM sqlite_master WHERE name = "
                                "'annotations_label'");
  g_assert_cmpstr (v, ==, "8");
  g_assert_cmpstr (index, ==, "0");
  /* Schema 5: the file has an instance id, and the old row its identity from it. */
  {
    g_autofree char *instance = cairn_store_dup_instance (f->store);
    g_autofree char *uid = cairn_store_dup_annotation_uid (f->store, back);
    g_autofree char *expected = g_strdup_printf ("%s/%" G_GINT64_FORMAT, instance, a->id);
    gboolean deleted = TRUE;

    g_assert_cmpuint (strlen (instance), ==, 32);
    g_assert_cmpstr (uid, ==, expected);
    g_assert_cmpint (cairn_store_find_annotation_uid (f->store, uid, NULL, &deleted, &error), ==, a->id);
    g_assert_false (deleted);
  }
  old_v = shell_query (bak, "PRAGMA user_version");
  old_index = shell_query (bak, "SELECT count (*) FROM sqlite_master WHERE name = "
                                "'annotations_label'");
  g_assert_cmpstr (old_v, ==, "1");
  g_assert_cmpstr (old_index, ==, "1");
  g_remove (bak);
}

static void
test_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL, *shell = g_find_program_in_path ("sqlite3");
  CairnStore *store;

  g_assert_cmpint (cairn_store_add_guideline (f->store, "v1", "# Rules\n", &error), ==, 1);
  g_assert_cmpint (cairn_store_add_guideline (f->store, "v2", "# Rules 2\n", &error), ==, 2);
  g_assert_cmpint (cairn_store_get_guideline_version (f->store), ==, 2);
  {
    g_autofree char *title = NULL;
    g_autofree char *body = cairn_store_get_guideline (f->store, 1, &title, &error);
    g_assert_cmpstr (title, ==, "v1");
    g_assert_cmpstr (body, ==, "# Rules\n");
  }
  g_clear_object (&f->store);
  cmd = g_strdup_printf ("sqlite3 '%s' 'PRAGMA user_version = 99'", f->path);
  if (shell == NULL)
    {
      f->store = cairn_store_open (f->path, NULL);
      g_test_skip ("sqlite3 shell not installed");
      return;
    }
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  store = cairn_store_open (f->path, &error);
  g_assert_null (store);
  /* A newer schema is refused rather than misread. */
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_TOO_NEW);
}

static void
test_flags (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnLabel) label = cairn_label_new ("cat");
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
  g_autoptr(GPtrArray) open = NULL, all = NULL;
  gint64 item = add_image (f->store, "a.png"), other = add_image (f->store, "b.png");
  gint64 first, again;
  guint n = 0;

  cairn_store_add_label (f->store, label, &error);
  g_assert_no_error (error);
  a->item_id = item;
  a->label_id = label->id;
  cairn_annotation_set_box (a, 1, 2, 3, 4);
  cairn_store_add_annotation (f->store, a, &error);
  g_assert_no_error (error);

  first = cairn_store_add_flag (f->store, item, a->id, "recheck", "section changed", &error);
  g_assert_no_error (error);
  /* The same open flag again only replaces its detail. */
  again = cairn_store_add_flag (f->store, item, a->id, "recheck", "changed twice", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, again);
  cairn_store_add_flag (f->store, item, 0, "annotator", "blurry", &error);
  g_assert_no_error (error);
  /* An annotation of another item is refused. */
  g_assert_cmpint (cairn_store_add_flag (f->store, other, a->id, "rule", NULL, &error), ==, 0);
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  filter.reason = "recheck";
  open = cairn_store_list_flags (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (((CairnFlag *) open->pdata[0])->label_id, ==, label->id);
  g_assert_cmpstr (((CairnFlag *) open->pdata[0])->detail, ==, "changed twice");

  g_assert_true (cairn_store_resolve_flags (f->store, item, a->id, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = cairn_store_list_flags (f->store, NULL, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((CairnFlag *) open->pdata[0])->reason, ==, "annotator");
  filter = (CairnFlagFilter) { item, 0, NULL, TRUE };
  all = cairn_store_list_flags (f->store, &filter, &error);
  g_assert_cmpuint (all->len, ==, 2);
}

/* An item's state alone (what an edit asks before each push), as the whole item has it. */
static void
test_item_state (Fixture *f, gconstpointer data)
{
  gint64 id = add_image (f->store, "a.png");
  g_autoptr(CairnItem) item = cairn_store_get_item (f->store, id, NULL);
  g_autoptr(GError) error = NULL;
  CairnItemState state = CAIRN_STATE_DONE;

  g_assert_true (cairn_store_get_item_state (f->store, id, &state, &error));
  g_assert_cmpint (state, ==, CAIRN_STATE_NEW);
  item->state = CAIRN_STATE_ACCEPTED;
  g_assert_true (cairn_store_update_item (f->store, item, &error));
  g_assert_true (cairn_store_get_item_state (f->store, id, &state, &error));
  g_assert_cmpint (state, ==, CAIRN_STATE_ACCEPTED);
  g_assert_false (cairn_store_get_item_state (f->store, id + 1, &state, &error));
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/create-reopen", test_create_reopen);
  ADD ("/store/open-bad-files", test_open_bad_files);
  ADD ("/store/every-kind-round-trips", test_every_kind_round_trips);
  ADD ("/store/labels", test_labels);
  ADD ("/store/history-and-delete", test_history_and_delete);
  ADD ("/store/rollback", test_rollback);
  ADD ("/store/bulk-history", test_bulk_history);
  ADD ("/store/bulk-counts", test_bulk_counts);
  ADD ("/store/guidelines-and-too-new", test_too_new);
  ADD ("/store/old-attribute-text", test_old_attribute_text);
  ADD ("/store/migrate-from-1", test_migrate_from_1);
  ADD ("/store/flags", test_flags);
  ADD ("/store/item-state", test_item_state);
  return g_test_run ();
}
