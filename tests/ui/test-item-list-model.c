/* CairnItemListModel: lazy rows, a bounded cache, and exact items-changed on filter changes. */
#include <glib/gstdio.h>

#include "cairn-item-list-model.h"
#include "ui-fixture.h"

#define N_BIG 100000

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_items_then; /* what the model reported while the signal ran */
} Change;

typedef struct
{
  char       *dir;
  CairnStore *store;
} Project;

static Project *
project_new (void)
{
  Project *p = g_new0 (Project, 1);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  p->dir = g_dir_make_tmp ("cairn-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (p->dir, "model.cairn", NULL);
  p->store = cairn_store_create (path, "model", &error);
  g_assert_no_error (error);
  return p;
}

static void
project_free (Project *p)
{
  g_clear_object (&p->store);
  if (p->dir != NULL) /* NULL when the folder outlives the project object */
    fixture_remove_dir (p->dir);
  g_free (p->dir);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

/* Item i (from 1): text when i % 4 == 0, else image; done for 50001..50010; split by i % 3. */
static void
fill_big (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  static const char *splits[] = { "train", "val", "test" };

  g_assert_true (cairn_store_begin (store, &error));
  for (guint i = 1; i <= N_BIG; i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (i % 4 == 0 ? CAIRN_ITEM_TEXT : CAIRN_ITEM_IMAGE);

      if (item->kind == CAIRN_ITEM_TEXT)
        item->text = g_strdup_printf ("text %u", i);
      else
        {
          item->uri = g_strdup_printf ("img/%06u.jpg", i);
          item->width = 640;
          item->height = 480;
        }
      item->state = i > 50000 && i <= 50010 ? CAIRN_STATE_DONE : CAIRN_STATE_NEW;
      item->split = g_strdup (splits[i % 3]);
      g_assert_true (cairn_store_add_item (store, item, &error));
      g_assert_no_error (error);
      g_assert_cmpint (item->id, ==, i);
    }
  g_assert_true (cairn_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change c = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (changes, c);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  const Change *c;

  g_assert_cmpuint (index, <, changes->len);
  c = &g_array_index (changes, Change, index);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static void
set_filter (CairnItemListModel *model,
            gint                kind,
            gint                state,
            const char         *split)
{
  CairnItemFilter filter = { kind, state, split };
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_item_list_model_set_filter (model, &filter, &error));
  g_assert_no_error (error);
}

/* The 100 000-item project is built once (it is the slow part under sanitizers) and opened by
 * each test that needs it. */
static char *
make_big_project (char **dir)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(GTimer) timer = g_timer_new ();
  char *path = g_strdup (cairn_store_get_path (p->store));

  fill_big (p->store);
  g_test_message ("built %d items in %.2f s", N_BIG, g_timer_elapsed (timer, NULL));
  *dir = g_steal_pointer (&p->dir);
  return path;
}

static CairnStore *
open_big (gconstpointer path)
{
  g_autoptr(GError) error = NULL;
  CairnStore *store = cairn_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_big_lazy (gconstpointer path)
{
  g_autoptr(CairnStore) store = open_big (path);
  g_autoptr(CairnItemListModel) model = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  CairnItemRow *row;

  model = cairn_item_list_model_new (store);
  g_test_message ("listed them in %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_BIG);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CAIRN_TYPE_ITEM_ROW);
  /* Listing reads ids only. */
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 0);

  row = g_list_model_get_item (G_LIST_MODEL (model), N_BIG - 1);
  g_assert_cmpint (cairn_item_row_get_id (row), ==, N_BIG);
  g_assert_cmpstr (cairn_item_row_get_title (row), ==, "text 100000");
  g_object_unref (row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (cairn_item_row_get_id (row), ==, 1);
  g_assert_cmpstr (cairn_item_row_get_title (row), ==, "000001.jpg");
  g_assert_cmpint (cairn_item_row_get_item (row)->width, ==, 640);
  g_object_unref (row);
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_BIG));

  /* Asking again is a cache hit. */
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_unref (row);
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 2);

  /* Scrolling through a thousand rows fetches each once, and the cache stays bounded: the
   * first row has been evicted by then. */
  for (guint i = 1000; i < 2000; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 1002);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 1003);
  /* The last rows asked for are still cached. */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 1999));
  g_assert_cmpuint (cairn_item_list_model_get_n_fetched (model), ==, 1003);

  g_assert_cmpint (cairn_item_list_model_get_id (model, 41), ==, 42);
  g_assert_cmpuint (cairn_item_list_model_find (model, 42), ==, 41);
  g_assert_cmpuint (cairn_item_list_model_find (model, N_BIG + 1), ==, G_MAXUINT);
}

static void
test_big_filter (gconstpointer path)
{
  g_autoptr(CairnStore) store = open_big (path);
  g_autoptr(CairnItemListModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GTimer) timer = g_timer_new ();
  guint fetched;

  model = cairn_item_list_model_new (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  /* done: ids 50001..50010 stay, two runs go, each told as it happens. */
  g_timer_start (timer);
  set_filter (model, -1, CAIRN_STATE_DONE, NULL);
  g_test_message ("state filter in %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 50000, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).n_items_then, ==, 50000);
  assert_change (changes, 1, 10, 49990, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 1).n_items_then, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 0), ==, 50001);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 9), ==, 50010);

  /* The same filter again changes nothing. */
  g_array_set_size (changes, 0);
  set_filter (model, -1, CAIRN_STATE_DONE, NULL);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Back to everything: the two runs come back. */
  set_filter (model, -1, -1, NULL);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 0, 0, 50000);
  assert_change (changes, 1, 50010, 0, 49990);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_BIG);

  /* Texts are every fourth item: 25 000 runs are told as one range, trimmed at both ends
   * (the last item, 100000, is a text and stays). */
  g_array_set_size (changes, 0);
  g_timer_start (timer);
  set_filter (model, CAIRN_ITEM_TEXT, -1, NULL);
  g_test_message ("kind filter in %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, N_BIG - 1, N_BIG / 4 - 1);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 0), ==, 4);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 1), ==, 8);

  /* Kind and state together. */
  g_array_set_size (changes, 0);
  set_filter (model, CAIRN_ITEM_TEXT, CAIRN_STATE_DONE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 0), ==, 50004);
  g_assert_cmpint (cairn_item_list_model_get_id (model, 1), ==, 50008);

  /* Filtering fetched no rows: only ids were read. */
  fetched = cairn_item_list_model_get_n_fetched (model);
  g_assert_cmpuint (fetched, ==, 0);
}

/* Replays every items-changed on a mirror and checks it ends equal to the model: the signals
 * describe the changes exactly, whatever their shape. */
static void
on_mirror_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GArray     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 id = cairn_item_list_model_get_id (CAIRN_ITEM_LIST_MODEL (model), position + i);

      g_array_insert_val (mirror, position + i, id);
    }
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
}

static void
test_mirror (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnItemListModel) model = NULL;
  g_autoptr(GArray) mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  static const char *splits[] = { "train", "val", "test", NULL };

  /* 300 items with random kinds, states and splits. */
  g_assert_true (cairn_store_begin (p->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (g_rand_int_range (rand, 0, 2) ? CAIRN_ITEM_TEXT
                                                                              : CAIRN_ITEM_AUDIO);

      item->text = g_strdup_printf ("item %u", i);
      item->state = g_rand_int_range (rand, 0, CAIRN_N_STATES);
      item->split = g_strdup (splits[g_rand_int_range (rand, 0, 3)]);
      g_assert_true (cairn_store_add_item (p->store, item, &error));
    }
  g_assert_true (cairn_store_commit (p->store, &error));
  g_assert_no_error (error);

  model = cairn_item_list_model_new (p->store);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = cairn_item_list_model_get_id (model, i);

      g_array_append_val (mirror, id);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (on_mirror_changed_cb), mirror);

  for (guint round = 0; round < 60; round++)
    {
      int which = g_rand_int_range (rand, -1, 4);

      set_filter (model, g_rand_int_range (rand, -1, 2) < 0 ? -1 : CAIRN_ITEM_TEXT,
                  g_rand_int_range (rand, -1, CAIRN_N_STATES),
                  which < 0 ? NULL : splits[which]);
      g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
      for (guint i = 0; i < mirror->len; i++)
        g_assert_cmpint (g_array_index (mirror, gint64, i), ==,
                         cairn_item_list_model_get_id (model, i));
    }
}

static void
test_item_changed (void)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(CairnItemListModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnItem) second = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItemRow) before = NULL;
  g_autoptr(CairnItemRow) after = NULL;
  g_autofree char *state = NULL;

  item->text = g_strdup ("first");
  second->text = g_strdup ("second");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  g_assert_true (cairn_store_add_item (p->store, second, &error));
  model = cairn_item_list_model_new (p->store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  before = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_object_get (before, "state-name", &state, NULL);
  g_assert_cmpstr (state, ==, "New");
  g_clear_pointer (&state, g_free);

  second->state = CAIRN_STATE_ACCEPTED;
  g_assert_true (cairn_store_update_item (p->store, second, &error));
  g_assert_no_error (error);
  cairn_item_list_model_item_changed (model, second->id);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 1, 1);

  after = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (after != before);
  g_object_get (after, "state-name", &state, NULL);
  g_assert_cmpstr (state, ==, "Accepted");
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *big = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  big = make_big_project (&dir);
  g_test_add_data_func ("/item-list-model/big-lazy", big, test_big_lazy);
  g_test_add_data_func ("/item-list-model/big-filter", big, test_big_filter);
  g_test_add_func ("/item-list-model/mirror", test_mirror);
  g_test_add_func ("/item-list-model/item-changed", test_item_changed);
  status = g_test_run ();
  fixture_remove_dir (dir);
  return status;
}
