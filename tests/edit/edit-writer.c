/* Child of test-edit-crash: makes edits as an annotator would, each drawing two boxes and
 * moving the previous pair, or undoing one in five, and prints each edit's first box id once
 * the stack has returned, until it is killed. */
#include <stdio.h>
#include <unistd.h>

#include "edit/cairn-edit-stack.h"

static CairnEdit *
next_edit (CairnStore *store, gint64 item, guint i, GError **error)
{
  CairnEdit *edit = cairn_edit_new (CAIRN_EDIT_VERB_DRAW, CAIRN_KIND_BOX);

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);

      a->item_id = item;
      cairn_annotation_set_box (a, i % 90, k * 10, 5, 5);
      cairn_edit_add_annotation (edit, NULL, a);
    }
  return edit;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnStore) store = NULL;
  g_autoptr(CairnEditStack) stack = NULL;
  gint64 item, annotator;

  if (argc != 3)
    return 2;
  store = cairn_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  item = g_ascii_strtoll (argv[2], NULL, 10);
  annotator = cairn_store_ensure_annotator (store, "writer", "annotator", &error);
  stack = cairn_edit_stack_new (store, annotator);
  for (guint i = 0;; i++)
    {
      g_autoptr(CairnEdit) edit = next_edit (store, item, i, &error);
      char line[48];
      int n;

      if (i % 5 == 4)
        {
          if (!cairn_edit_stack_undo (stack, &error))
            break;
          n = g_snprintf (line, sizeof line, "undo\n");
        }
      else
        {
          if (!cairn_edit_stack_push (stack, edit, &error))
            break;
          n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n",
                          cairn_edit_get_annotation_id (edit, 0));
        }
      if (write (STDOUT_FILENO, line, n) != n)
        return 1;
    }
  fprintf (stderr, "%s\n", error->message);
  return 1;
}
