/* One bad record does not sink a file: a JSONL line, a CSV row, a CoNLL sentence, a Label
 * Studio task or a COCO annotation that cannot be read is skipped with a warning naming
 * file:line or the JSON path; --strict (options.strict) fails the import instead and leaves
 * the project as it was; a file of which nothing can be read still fails whole. */
#include <glib/gstdio.h>
#include <string.h>

#include "formats/cairn-format.h"

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

  p->dir = g_dir_make_tmp ("cairn-records-XXXXXX", NULL);
  path = g_build_filename (p->dir, "p.cairn", NULL);
  p->store = cairn_store_create (path, "records", &error);
  g_assert_no_error (error);
  return p;
}

static void
project_free (Project *p)
{
  g_autoptr(GDir) d = g_dir_open (p->dir, 0, NULL);
  const char *name;

  g_clear_object (&p->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *file = g_build_filename (p->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (p->dir);
  g_free (p->dir);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

static char *
write_file (Project *p, const char *name, const char *text)
{
  char *path = g_build_filename (p->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static gint64
count_annotations (Project *p)
{
  gint64 counts[CAIRN_N_KINDS] = { 0 }, n = 0;

  g_assert_true (cairn_store_count_annotations_by_kind (p->store, counts, NULL));
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    n += counts[k];
  return n;
}

static gboolean
has_warning (CairnImportReport *report, const char *a, const char *b)
{
  for (guint i = 0; i < report->warnings->len; i++)
    {
      const char *w = report->warnings->pdata[i];

      if (strstr (w, a) && (b == NULL || strstr (w, b)) && g_str_has_suffix (w, "(skipped)"))
        return TRUE;
    }
  return FALSE;
}

/* Imports text as NAME in FORMAT: not strict it succeeds with n_items and n_annotations and
 * every expected warning (pairs of fragments, NULL-terminated); strict it fails naming the
 * first, and changes nothing. */
static void
check (const char *format, const char *name, const char *text, guint n_items,
       guint n_annotations, ...)
{
  g_autoptr(Project) p = project_new ();
  g_autoptr(Project) q = project_new ();
  g_autofree char *path = write_file (p, name, text);
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(CairnImportReport) strict_report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;
  CairnFormatOptions strict = { .strict = TRUE };
  const char *first = NULL;
  va_list args;

  g_assert_true (cairn_format_import (p->store, format, path, NULL, report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (char *) report->warnings->pdata[i]);
  g_assert_cmpuint (report->items_added, ==, n_items);
  g_assert_cmpuint (report->annotations_added, ==, n_annotations);
  g_assert_cmpint (count_annotations (p), ==, n_annotations);
  va_start (args, n_annotations);
  for (const char *a; (a = va_arg (args, const char *));)
    {
      const char *b = va_arg (args, const char *);

      if (first == NULL)
        first = a;
      if (!has_warning (report, a, b))
        g_error ("no warning with “%s” and “%s”", a, b ? b : "");
    }
  va_end (args);

  g_assert_false (cairn_format_import (q->store, format, path, &strict, strict_report, &error));
  g_assert_nonnull (error);
  g_test_message ("strict: %s", error->message);
  g_assert_nonnull (strstr (error->message, first));
  g_assert_cmpint (cairn_store_count_items (q->store, -1), ==, 0);
  g_assert_cmpint (count_annotations (q), ==, 0);
}

/* Nothing in the file can be read: it fails whole, strict or not. */
static void
check_all_bad (const char *format, const char *name, const char *text, const char *expected)
{
  g_autoptr(Project) p = project_new ();
  g_autofree char *path = write_file (p, name, text);
  g_autoptr(CairnImportReport) report = cairn_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (cairn_format_import (p->store, format, path, NULL, report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpint (cairn_store_count_items (p->store, -1), ==, 0);
}

static void
test_jsonl (void)
{
  /* doccano: a line without text, a line that is not JSON, a span past the end. */
  check ("jsonl", "d.jsonl",
         "{\"text\": \"Good one\", \"label\": [[0, 4, \"ADJ\"]]}\n"
         "{\"id\": 2, \"label\": []}\n"
         "not json\n"
         "{\"text\": \"Bad span\", \"label\": [[0, 3, \"ADJ\"], [4, 99, \"NOUN\"]]}\n",
         2, 2,
         "d.jsonl:2: $: no \"text\" string", NULL,
         "d.jsonl:3: $: ", NULL,
         "d.jsonl:4: $.label[1]: span NOUN [4, 99) is outside the text", NULL,
         NULL);
  check_all_bad ("jsonl", "bad.jsonl", "nope\n{\"label\": []}\n",
                 "bad.jsonl: no line could be read (the first: bad.jsonl:1:");
}

static void
test_csv (void)
{
  check ("csv", "r.csv",
         "text,label\n"
         "fine,pos\n"
         "one,too,many\n"
         "also fine,neg\n",
         2, 2,
         "r.csv:3: 3 fields, but the header has 2", NULL,
         NULL);
}

static void
test_conll (void)
{
  /* The second sentence has a tag that is no tag: that sentence is left out. */
  check ("conll", "s.conll",
         "Kim B-PER\nsmiled O\n\n"
         "Lee B-PER\nfrowned Q-X\n\n"
         "Park B-PER\nleft O\n",
         2, 2,
         "s.conll:5: tag “Q-X”", "the sentence from line 4",
         NULL);
  check_all_bad ("conll", "bad.conll", "a Q-X\n\nb Q-Y\n",
                 "no sentence could be read (the first: bad.conll:1: tag “Q-X”");
}

static void
test_labelstudio (void)
{
  /* The second task has no data; the third's one result is not an object. */
  check ("labelstudio", "t.json",
         "[{\"data\": {\"text\": \"Kim smiled\"}, \"annotations\": [{\"result\": [{\"id\": \"a\", "
         "\"type\": \"labels\", \"from_name\": \"l\", \"to_name\": \"text\", \"value\": "
         "{\"start\": 0, \"end\": 3, \"labels\": [\"PER\"]}}]}]},\n"
         " {\"id\": 2},\n"
         " {\"data\": {\"text\": \"Lee left\"}, \"annotations\": [{\"result\": [7]}]}]\n",
         2, 1,
         "t.json: [1]: \"data\" must be an object", NULL,
         "t.json: [2].annotations[0]: result[0] must be an object", NULL,
         NULL);
  check_all_bad ("labelstudio", "bad.json", "[{\"id\": 1}, {\"id\": 2}]",
                 "no task could be read");
}

static void
test_coco (void)
{
  /* The second annotation names an image the file does not have. */
  check ("coco", "c.json",
         "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\", \"width\": 10, \"height\": 10}],\n"
         " \"categories\": [{\"id\": 1, \"name\": \"cat\"}],\n"
         " \"annotations\": [\n"
         "  {\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]},\n"
         "  {\"id\": 2, \"image_id\": 5, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]},\n"
         "  {\"id\": 3, \"image_id\": 1, \"category_id\": 1, \"bbox\": [3, 3, 2, 2]}]}\n",
         1, 2,
         "annotations[1]: image_id 5 is not among the images", NULL,
         NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/records/jsonl", test_jsonl);
  g_test_add_func ("/records/csv", test_csv);
  g_test_add_func ("/records/conll", test_conll);
  g_test_add_func ("/records/labelstudio", test_labelstudio);
  g_test_add_func ("/records/coco", test_coco);
  return g_test_run ();
}
