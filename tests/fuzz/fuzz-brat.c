/* libFuzzer target for the brat importer, which needs two files: the input is split at the
 * first "\n=====\n" into the document text and its .ann (no separator: all of it is the .ann,
 * the text is empty). The import is always rolled back. */
#include <glib/gstdio.h>

#include "formats/cairn-format.h"

#define SEPARATOR "\n=====\n"

typedef struct
{
  CairnStore *store;
  char       *txt;
  char       *ann;
} Harness;

static Harness *harness;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("cairn-fuzz-brat-XXXXXX", NULL);
  g_autofree char *project = NULL;

  /* One harness for the process; libFuzzer never tears it down. A file, not ":memory:",
   * which the store would take for a file name in the current folder. */
  g_assert (dir != NULL);
  project = g_build_filename (dir, "fuzz.cairn", NULL);
  harness = g_new0 (Harness, 1);
  harness->store = cairn_store_create (project, "fuzz", NULL);
  g_assert (harness->store != NULL);
  harness->txt = g_build_filename (dir, "input.txt", NULL);
  harness->ann = g_build_filename (dir, "input.ann", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *text = (const char *) data;
  const char *split = g_strstr_len (text, size, SEPARATOR);
  gsize text_length = split ? (gsize) (split - text) : 0;
  const char *ann = split ? split + strlen (SEPARATOR) : text;

  if (!g_file_set_contents (harness->txt, text, text_length, NULL)
      || !g_file_set_contents (harness->ann, ann, size - (ann - text), NULL))
    return 0;
  g_assert (cairn_store_begin (harness->store, NULL));
  cairn_format_import (harness->store, "brat", harness->ann, NULL, report, &error);
  g_assert (error == NULL || (error->message != NULL && *error->message != '\0'));
  cairn_store_rollback (harness->store);
  return 0;
}
