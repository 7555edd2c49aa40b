/* libFuzzer target for one importer, chosen at build time by FUZZ_FORMAT. Each input is written
 * to a file and imported into an in-memory project; the import is always rolled back. */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "formats/cairn-format.h"
#include "fuzz-log.h"

typedef struct
{
  CairnStore *store;
  char       *dir;
  char       *path;
  char       *target; /* what the importer is given: the file, or its folder */
} Harness;

static Harness *harness;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const CairnFormat *format = cairn_format_lookup (FUZZ_FORMAT);
  const char *ext;
  g_auto(GStrv) exts = NULL;
  g_autofree char *name = NULL;

  g_assert (format != NULL && format->import != NULL);
  fuzz_log_init ();
  /* Each run keeps one harness for the process; libFuzzer never tears it down. */
  harness = g_new0 (Harness, 1);
  harness->store = cairn_store_create (":memory:", "fuzz", NULL);
  g_assert (harness->store != NULL);
  harness->dir = g_dir_make_tmp ("cairn-fuzz-XXXXXX", NULL);
  exts = g_strsplit (format->extensions ? format->extensions : "", ",", 2);
  ext = exts[0] ? exts[0] : "";
  name = g_strconcat ("input", ext, NULL);
  harness->path = g_build_filename (harness->dir, name, NULL);
  harness->target = format->extensions ? g_strdup (harness->path) : g_strdup (harness->dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (harness->path, (const char *) data, size, NULL))
    return 0;
  g_assert (cairn_store_begin (harness->store, NULL));
  cairn_format_import (harness->store, FUZZ_FORMAT, harness->target, NULL, report, &error);
  /* A failure must say why. */
  g_assert (error == NULL || (error->message != NULL && *error->message != '\0'));
  cairn_store_rollback (harness->store);
  return 0;
}
