/* Mask edits keep only the rectangle they changed in the log: the record is small, undo and
 * redo give back the masks exactly (also after reopening the project), and a mask changed
 * since is not undone over. */
#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"
#include "model/cairn-rle-patch.h"

#define W 2000
#define H 1500

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      item;
  gint64      label;
  gint64      kim;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) label = cairn_label_new ("road");

  f->dir = g_dir_make_tmp ("cairn-edit-mask-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "masks.cairn", NULL);
  f->store = cairn_store_create (f->path, "masks", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("a.png");
  item->width = W;
  item->height = H;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  g_assert_true (cairn_store_add_label (f->store, label, &error));
  f->item = item->id;
  f->label = label->id;
  f->kim = cairn_store_ensure_annotator (f->store, "김민지", "annotator", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A big mask with many runs: every fourth column striped. */
static CairnRle *
striped (void)
{
  g_autofree guint8 *bits = g_malloc0 ((gsize) W * H);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x += 4)
      bits[(gsize) y * W + x] = (y / 7) % 2;
  return cairn_rle_from_bitmap (bits, H, W);
}

static CairnAnnotation *
new_mask (Fixture *f)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_MASK);

  a->item_id = f->item;
  a->label_id = f->label;
  cairn_annotation_set_mask (a, striped ());
  return a;
}

/* mask with a filled square of side n at (x, y) */
static CairnRle *
with_square (const CairnRle *mask, guint x, guint y, guint n)
{
  g_autofree guint8 *ones = g_malloc ((gsize) n * n);
  g_autoptr(CairnRle) square = NULL;

  memset (ones, 1, (gsize) n * n);
  square = cairn_rle_from_bitmap (ones, n, n);
  return cairn_rle_paste (mask, square, x, y);
}

static CairnAnnotation *
stored (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  CairnAnnotation *a = cairn_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  return a;
}

static void
assert_mask (Fixture *f, gint64 id, const CairnRle *expected)
{
  g_autoptr(CairnAnnotation) now = stored (f, id);

  g_assert_true (cairn_rle_equal (now->mask, expected));
}

static gsize
last_record_size (Fixture *f, char **body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEditRecord) record = cairn_store_next_edit (f->store, f->kim, CAIRN_EDIT_DONE,
                                                             &error);

  g_assert_no_error (error);
  *body = g_strdup (record->body);
  return strlen (record->body);
}

static void
test_patch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = new_mask (f);
  g_autoptr(CairnAnnotation) before = NULL;
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEdit) create = NULL;
  g_autoptr(CairnEdit) paint = NULL;
  g_autofree char *body = NULL;
  gsize size, whole_size;

  create = cairn_edit_new_create (a);
  g_assert_true (cairn_edit_stack_push (stack, create, &error));
  g_assert_no_error (error);
  before = stored (f, cairn_edit_get_annotation_id (create, 0));
  after = cairn_annotation_copy (before);
  cairn_annotation_set_mask (after, with_square (before->mask, 1201, 333, 40));
  paint = cairn_edit_new_change (CAIRN_EDIT_VERB_PAINT, before, after);
  g_assert_true (cairn_edit_stack_push (stack, paint, &error));
  g_assert_no_error (error);

  /* The record holds the 40 × 40 square and a bit, not the striped mask twice. */
  size = last_record_size (f, &body);
  g_assert_nonnull (strstr (body, "\"patch\""));
  /* What the record held before: both masks whole. */
  {
    g_autoptr(JsonNode) nb = cairn_annotation_to_json_node (before);
    g_autoptr(JsonNode) na = cairn_annotation_to_json_node (after);
    g_autofree char *jb = json_to_string (nb, FALSE);
    g_autofree char *ja = json_to_string (na, FALSE);

    whole_size = strlen (jb) + strlen (ja);
  }
  g_test_message ("record %" G_GSIZE_FORMAT " bytes; whole masks %" G_GSIZE_FORMAT, size,
                  whole_size);
  g_assert_cmpuint (size * 20, <, whole_size);

  /* Undo, redo, undo after reopening: exact. */
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  g_assert_no_error (error);
  assert_mask (f, before->id, before->mask);
  g_assert_true (cairn_edit_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_clear_object (&stack);
  g_clear_object (&f->store);
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  stack = cairn_edit_stack_new (f->store, f->kim);
  assert_mask (f, before->id, after->mask);
  {
    g_autofree char *title = cairn_edit_stack_dup_undo_title (stack);

    g_assert_cmpstr (title, ==, "Paint Mask");
  }
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  g_assert_no_error (error);
  assert_mask (f, before->id, before->mask);
  g_assert_true (cairn_edit_stack_redo (stack, &error));
  assert_mask (f, before->id, after->mask);
}

/* Someone changed the mask outside the square since: undo refuses, naming them. */
static void
test_patch_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = new_mask (f);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnAnnotation) other = NULL;
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEdit) paint = NULL;

  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  after = cairn_annotation_copy (a);
  cairn_annotation_set_mask (after, with_square (a->mask, 10, 10, 5));
  paint = cairn_edit_new_change (CAIRN_EDIT_VERB_PAINT, a, after);
  g_assert_true (cairn_edit_stack_push (stack, paint, &error));
  g_assert_no_error (error);
  other = stored (f, a->id);
  cairn_annotation_set_mask (other, with_square (other->mask, 1500, 900, 3));
  g_assert_true (cairn_store_update_annotation (f->store, other, &error));
  g_assert_false (cairn_edit_stack_undo (stack, &error));
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_CONFLICT);
  assert_mask (f, a->id, other->mask);
}

/* A "patch" that does not fit its mask is an unreadable log row, not a crash. */
static void
test_patch_hostile (void)
{
  const char *json =
    "{\"verb\":\"paint\",\"subject\":\"mask\",\"changes\":[{\"before\":{\"id\":1,\"item_id\":1,"
    "\"kind\":\"mask\",\"geometry\":{\"size\":[2,2],\"counts\":\"04\"}},\"after\":{\"id\":1,"
    "\"item_id\":1,\"kind\":\"mask\",\"geometry\":{\"size\":[2,2],\"counts\":\"4\"}},"
    "\"patch\":{\"at\":[9,0],\"size\":[2,2],\"before\":\"x\",\"after\":\"y\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = cairn_edit_new_from_json (json, &error);

  g_assert_null (edit);
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/edit/mask/patch", Fixture, NULL, fixture_set_up, test_patch, fixture_tear_down);
  g_test_add ("/edit/mask/patch-conflict", Fixture, NULL, fixture_set_up, test_patch_conflict,
              fixture_tear_down);
  g_test_add_func ("/edit/mask/patch-hostile", test_patch_hostile);
  return g_test_run ();
}
