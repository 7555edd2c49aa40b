/* Kills a process in the middle of a burst of edits: afterwards the project holds every edit
 * that had returned, no half edit (each draws two boxes: the live boxes are exactly those of
 * the done edits), and undo still takes them back in order. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"
#include "../crash-pipe.h"

static const char *writer_path;

static void
read_acknowledged (int fd, GString *buffer, GArray *ids, guint *undos, guint *actions)
{
  crash_pipe_read_rest (fd, buffer);
  for (char *line = buffer->str, *end; (end = strchr (line, '\n')); line = end + 1)
    {
      *end = '\0';
      (*actions)++;
      if (g_str_equal (line, "undo"))
        {
          (*undos)++;
          if (ids->len > 0)
            g_array_remove_index (ids, ids->len - 1);
        }
      else
        {
          gint64 id = g_ascii_strtoll (line, NULL, 10);
          g_array_append_val (ids, id);
        }
    }
}

static void
test_kill_during_edits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-edit-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crash.cairn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = cairn_store_create (path, "crash", &error);
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autofree char *item_arg = NULL;
  guint rounds = g_test_slow () ? 60 : 15;
  guint total = 0, undos = 0;

  g_assert_no_error (error);
  item->uri = g_strdup ("x.png");
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_clear_object (&store);
  item_arg = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);

  for (guint round = 0; round < rounds; round++)
    {
      const char *argv[] = { writer_path, path, item_arg, NULL };
      g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) stored = NULL;
      g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(CairnEditStack) stack = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      gint64 writer;
      GPid pid;
      int out;
      int status;
      guint before_undo;
      guint actions = 0;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      crash_pipe_wait_line (out, output);
      g_usleep (g_test_rand_int_range (10000, 300000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      read_acknowledged (out, output, acked, &undos, &actions);
      close (out);

      store = cairn_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (cairn_store_check_integrity (store, &error));
      stored = cairn_store_list_annotations (store, item->id, &error);
      g_assert_no_error (error);
      /* Two boxes per edit, never one. */
      g_assert_cmpuint (stored->len % 2, ==, 0);
      for (guint i = 0; i < stored->len; i++)
        g_hash_table_add (present, &((CairnAnnotation *) stored->pdata[i])->id);
      for (guint i = 0; i < acked->len; i++)
        {
          gint64 first = g_array_index (acked, gint64, i);
          gint64 second = first + 1;

          /* The writer's next action was an undo: it may have committed unacknowledged, and
           * then took back the newest acknowledged edit, whole. */
          if (i + 1 == acked->len && actions % 5 == 4
              && !g_hash_table_contains (present, &first))
            {
              g_assert_false (g_hash_table_contains (present, &second));
              continue;
            }
          g_assert_true (g_hash_table_contains (present, &first));
          g_assert_true (g_hash_table_contains (present, &second));
        }
      total += acked->len;

      /* Undo, after the kill, takes back one whole edit. */
      writer = cairn_store_ensure_annotator (store, "writer", "annotator", &error);
      stack = cairn_edit_stack_new (store, writer);
      before_undo = stored->len;
      if (cairn_edit_stack_can_undo (stack))
        {
          g_autoptr(GPtrArray) after = NULL;

          g_assert_true (cairn_edit_stack_undo (stack, &error));
          g_assert_no_error (error);
          after = cairn_store_list_annotations (store, item->id, &error);
          g_assert_cmpuint (after->len + 2, ==, before_undo);
          g_assert_true (cairn_edit_stack_redo (stack, &error));
          g_assert_no_error (error);
        }
      g_clear_object (&stack);
      g_clear_object (&store);
    }
  g_test_message ("%u rounds, %u acknowledged edits (%u undos) all present", rounds, total, undos);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert (argc >= 2);
  writer_path = argv[1];
  g_test_add_func ("/edit/crash/kill-during-edits", test_kill_during_edits);
  return g_test_run ();
}
