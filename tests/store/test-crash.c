/* Kills a writing process at random moments: after each kill the project must pass
 * PRAGMA integrity_check and hold every annotation whose write had returned. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store/cairn-store.h"
#include "../crash-pipe.h"

static const char *writer_path;

static void
read_acknowledged (int fd, GString *buffer, GArray *ids)
{
  crash_pipe_read_rest (fd, buffer);
  for (char *line = buffer->str, *end; (end = strchr (line, '\n')); line = end + 1)
    {
      gint64 id;
      *end = '\0';
      id = g_ascii_strtoll (line, NULL, 10);
      g_array_append_val (ids, id);
    }
}

/* The live annotations and the counts agree, and an ordinary insert is still counted: a bulk
 * transaction cut short left the count trigger in place. */
static void
check_counts (CairnStore *store, gint64 item_id, guint n_stored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_POLYGON);
  double ring[6] = { 0, 0, 5, 0, 5, 5 };
  gint64 counts[CAIRN_N_KINDS];

  g_assert_true (cairn_store_count_annotations_by_kind (store, counts, &error));
  g_assert_cmpint (counts[CAIRN_KIND_POLYGON], ==, n_stored);
  a->item_id = item_id;
  cairn_annotation_add_ring (a, ring, 3);
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  g_assert_true (cairn_store_count_annotations_by_kind (store, counts, &error));
  g_assert_cmpint (counts[CAIRN_KIND_POLYGON], ==, n_stored + 1);
}

static void
kill_while_writing (gboolean bulk)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crash.cairn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (path, "crash", &error);
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autofree char *item_arg = NULL;
  /* Bulk writes pile up ten times faster, and every round reads them all back. */
  guint rounds = (g_test_slow () ? 100 : 25) / (bulk ? 2 : 1);
  guint total = 0;

  g_assert_no_error (error);
  item->uri = g_strdup ("x.png");
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_clear_object (&store);
  item_arg = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);

  for (guint round = 0; round < rounds; round++)
    {
      const char *argv[] = { writer_path, path, item_arg, bulk ? "bulk" : NULL, NULL };
      g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) stored = NULL;
      g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GString) output = g_string_new (NULL);
      GPid pid;
      int out;
      int status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      crash_pipe_wait_line (out, output);
      /* Seeded by GTest: a failing run repeats with --seed. */
      g_usleep (g_test_rand_int_range (5000, 150000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      read_acknowledged (out, output, acked);
      close (out);

      store = cairn_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (cairn_store_check_integrity (store, &error));
      g_assert_no_error (error);
      stored = cairn_store_list_annotations (store, item->id, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < stored->len; i++)
        g_hash_table_add (present, &((CairnAnnotation *) stored->pdata[i])->id);
      for (guint i = 0; i < acked->len; i++)
        g_assert_true (g_hash_table_contains (present, &g_array_index (acked, gint64, i)));
      check_counts (store, item->id, stored->len);
      total += acked->len;
      g_clear_object (&store);
    }
  g_test_message ("%u rounds, %u acknowledged writes all present", rounds, total);
  /* The writer must have got going at least sometimes, or this proved nothing. */
  g_assert_cmpuint (total, >, rounds);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
}

static void
test_kill_while_writing (void)
{
  kill_while_writing (FALSE);
}

static void
test_kill_during_bulk (void)
{
  kill_while_writing (TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert (argc >= 2);
  writer_path = argv[1];
  g_test_add_func ("/store/crash/kill-while-writing", test_kill_while_writing);
  g_test_add_func ("/store/crash/kill-during-bulk", test_kill_during_bulk);
  return g_test_run ();
}
