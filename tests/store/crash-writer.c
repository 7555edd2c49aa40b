/* Child of test-crash: adds annotations one action at a time and prints each id once the
 * store has returned, until it is killed. */
#include <stdio.h>
#include <unistd.h>

#include "store/cairn-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  gint64 item;

  if (argc != 3)
    return 2;
  store = cairn_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  item = g_ascii_strtoll (argv[2], NULL, 10);
  for (guint i = 0;; i++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_POLYGON);
      double ring[8] = { i, 0, i + 10, 0, i + 10, 10, i, 10 };
      char line[32];
      int n;

      a->item_id = item;
      cairn_annotation_add_ring (a, ring, 4);
      if (!cairn_store_add_annotation (store, a, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", a->id);
      if (write (STDOUT_FILENO, line, n) != n)
        return 1;
    }
}
