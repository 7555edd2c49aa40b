/* Child of test-crash: adds annotations one action at a time and prints each id once the
 * store has returned, until it is killed. With "bulk", 50 to a bulk transaction (as imports
 * do), printed once it has committed. */
#include <stdio.h>
#include <unistd.h>

#include "store/cairn-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  gint64 item;

  gboolean bulk = argc == 4 && g_str_equal (argv[3], "bulk");
  g_autoptr(GString) acked = g_string_new (NULL);

  if (argc != 3 && !bulk)
    return 2;
  store = cairn_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  item = g_ascii_strtoll (argv[2], NULL, 10);
  if (bulk && !cairn_store_set_bulk (store, TRUE, &error))
    return 1;
  for (guint i = 0;; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_POLYGON);
      double ring[8] = { i, 0, i + 10, 0, i + 10, 10, i, 10 };
      char line[32];
      int n;


      a->item_id = item;
      cairn_annotation_add_ring (a, ring, 4);
      if ((bulk && i % 50 == 0 && !cairn_store_begin (store, &error))
          || !cairn_store_add_annotation (store, a, &error)
          || (bulk && i % 50 == 49 && !cairn_store_commit (store, &error)))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", a->id);
      g_string_append_len (acked, line, n);
      if (bulk && i % 50 != 49)
        continue;
      if (write (STDOUT_FILENO, acked->str, acked->len) != (gssize) acked->len)
        return 1;
      g_string_truncate (acked, 0);
    }
}
