/* libFuzzer target for the project loader: each input is a list of hostile row edits applied
 * to a project holding every kind (tests/formats/every-kind.c), then one exporter (chosen by
 * the first byte) reads it all back. The edits are rolled back after each run. Nothing may
 * crash, leak or read out of bounds; a refusal must say why. */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "every-kind.h"
#include "formats/cairn-format.h"
#include "store/cairn-store-private.h"
#include "fuzz-log.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Columns a hostile file may hold anything in, with the table they are in. */
static const char *const edits[] = {
  "UPDATE annotations SET geometry = ?1 WHERE id = ?2",
  "UPDATE annotations SET kind = ?1 WHERE id = ?2",
  "UPDATE annotations SET attributes = ?1 WHERE id = ?2",
  "UPDATE annotations SET text = ?1 WHERE id = ?2",
  "UPDATE annotations SET speaker = ?1 WHERE id = ?2",
  "UPDATE annotations SET origin = ?1 WHERE id = ?2",
  "UPDATE annotations SET label_id = ?1 WHERE id = ?2",
  "UPDATE annotations SET item_id = ?1 WHERE id = ?2",
  "UPDATE annotations SET score = ?1 WHERE id = ?2",
  "UPDATE items SET meta = ?1 WHERE id = ?2",
  "UPDATE items SET kind = ?1 WHERE id = ?2",
  "UPDATE items SET uri = ?1 WHERE id = ?2",
  "UPDATE items SET text = ?1 WHERE id = ?2",
  "UPDATE items SET split = ?1 WHERE id = ?2",
  "UPDATE items SET width = ?1 WHERE id = ?2",
  "UPDATE items SET height = ?1 WHERE id = ?2",
  "UPDATE items SET state = ?1 WHERE id = ?2",
  "UPDATE items SET sha256 = ?1 WHERE id = ?2",
  "UPDATE labels SET name = ?1 WHERE id = ?2",
  "UPDATE labels SET color = ?1 WHERE id = ?2",
  "UPDATE labels SET kinds = ?1 WHERE id = ?2",
  "UPDATE labels SET attributes = ?1 WHERE id = ?2",
  "UPDATE labels SET skeleton = ?1 WHERE id = ?2",
  "UPDATE labels SET parent_id = ?1 WHERE id = ?2",
  "UPDATE meta SET value = ?1 WHERE rowid = ?2",
};

typedef struct
{
  CairnStore *store;
  char       *dir;
  GPtrArray  *exporters; /* const char *: formats that export */
} Harness;

static Harness *harness;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *media = NULL;
  const CairnFormat *formats;
  guint n_formats;

  fuzz_log_init ();
  harness = g_new0 (Harness, 1);
  harness->dir = g_dir_make_tmp ("cairn-fuzz-project-XXXXXX", NULL);
  harness->store = cairn_store_create (":memory:", "fuzz", NULL);
  g_assert (harness->store != NULL);
  media = g_build_filename (harness->dir, "media", NULL);
  every_kind_fill (harness->store, media);
  harness->exporters = g_ptr_array_new ();
  formats = cairn_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    if (formats[i].export)
      g_ptr_array_add (harness->exporters, (gpointer) formats[i].name);
  /* A hostile file need not have our constraints at all. */
  sqlite3_exec (harness->store->db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
  return 0;
}

/* One edit: [which edit] [row id] [value kind] [length, 2 bytes LE] [bytes...]. Returns the
 * bytes used. */
static size_t
apply_edit (const guint8 *p, size_t n)
{
  sqlite3_stmt *stmt = NULL;
  const guint8 *value;
  size_t used = 5, length;

  if (n < 5)
    return n;
  if (sqlite3_prepare_v2 (harness->store->db, edits[p[0] % G_N_ELEMENTS (edits)], -1, &stmt,
                          NULL) != SQLITE_OK)
    return n;
  sqlite3_bind_int64 (stmt, 2, 1 + p[1] % 40);
  length = MIN ((size_t) (p[3] | p[4] << 8), n - 5);
  value = p + 5;
  switch (p[2] % 5)
    {
    case 0:
      sqlite3_bind_null (stmt, 1);
      break;
    case 1:
      {
        gint64 v = 0;

        memcpy (&v, value, MIN (length, sizeof v));
        sqlite3_bind_int64 (stmt, 1, p[2] & 0x80 ? v % 200 - 100 : v);
        break;
      }
    case 2:
      {
        double v = 0;

        memcpy (&v, value, MIN (length, sizeof v));
        sqlite3_bind_double (stmt, 1, v);
        break;
      }
    case 3:
      sqlite3_bind_text (stmt, 1, (const char *) value, length, SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_bind_blob (stmt, 1, value, length, SQLITE_TRANSIENT);
      break;
    }
  used += length;
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return used;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  CairnFormatOptions options = { .warnings = warnings };
  const char *format;

  if (size < 1)
    return 0;
  format = harness->exporters->pdata[data[0] % harness->exporters->len];
  out = g_build_filename (harness->dir, "out", NULL);
  sqlite3_exec (harness->store->db, "SAVEPOINT fuzz", NULL, NULL, NULL);
  for (size_t pos = 1; pos < size;)
    pos += apply_edit (data + pos, size - pos);
  cairn_store_forget_cache (harness->store);
  cairn_format_export (harness->store, format, out, &options, &error);
  /* A failure must say why. */
  g_assert (error == NULL || (error->message != NULL && *error->message != '\0'));
  sqlite3_exec (harness->store->db, "ROLLBACK TO fuzz; RELEASE fuzz", NULL, NULL, NULL);
  cairn_store_forget_cache (harness->store);
  remove_tree (out);
  return 0;
}
