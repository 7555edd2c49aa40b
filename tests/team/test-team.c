/* Teams (issue 14): packages and merging, assignment, review states and locking, history. */
#include <glib/gstdio.h>

#include "edit/cairn-edit-stack.h"
#include "model/cairn-rle.h"
#include "team/cairn-assign.h"
#include "team/cairn-history.h"
#include "team/cairn-merge.h"
#include "team/cairn-package.h"
#include "team/cairn-review.h"

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      image, text, audio, other;  /* items; other is never packaged */
  gint64      label;
  gint64      kim, lee, rev;
} Fixture;

static gint64
add_item (CairnStore *store, CairnItemKind kind, const char *name)
{
  g_autoptr(CairnItem) item = cairn_item_new (kind);
  g_autoptr(GError) error = NULL;

  if (kind == CAIRN_ITEM_TEXT)
    item->text = g_strdup_printf ("%s: 서울에서 만나요, see you in Seoul.", name);
  else
    {
      item->uri = g_strdup (name);
      item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
      item->width = 640;
      item->height = 480;
      item->duration_ms = kind == CAIRN_ITEM_AUDIO ? 5000 : 0;
    }
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_no_error (error);
  return item->id;
}

/* One annotation of the kind, on the item that kind belongs to. */
static CairnAnnotation *
make_kind (Fixture *f, CairnKind kind)
{
  CairnAnnotation *a = cairn_annotation_new (kind);
  static const guint8 bits[12] = { 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0 };

  a->item_id = cairn_kind_is_image (kind) ? f->image : kind == CAIRN_KIND_SEGMENT ? f->audio
                                                                                 : f->text;
  a->label_id = f->label;
  switch (kind)
    {
    case CAIRN_KIND_BOX:
    case CAIRN_KIND_OCR:
      cairn_annotation_set_box (a, 10.25, 20.5, 30.125, 40.0625);
      if (kind == CAIRN_KIND_OCR)
        cairn_annotation_set_text (a, "출구 EXIT");
      break;
    case CAIRN_KIND_RBOX:
    case CAIRN_KIND_ELLIPSE:
      cairn_annotation_set_coords (a, (double[]) { 100, 80, 40, 20, 33.5 }, 5);
      break;
    case CAIRN_KIND_POLYGON:
      cairn_annotation_add_ring (a, (double[]) { 0, 0, 100, 0, 100, 100, 0, 100 }, 4);
      break;
    case CAIRN_KIND_POLYLINE:
      cairn_annotation_add_ring (a, (double[]) { 1, 2, 3, 4, 5.5, 6.25 }, 3);
      break;
    case CAIRN_KIND_POINTS:
      cairn_annotation_set_coords (a, (double[]) { 1, 1, 2, 2 }, 4);
      break;
    case CAIRN_KIND_KEYPOINTS:
      cairn_annotation_set_coords (a, (double[]) { 10, 10, 2, 0, 0, 0, 30, 31, 1 }, 9);
      break;
    case CAIRN_KIND_CUBOID:
      {
        double v[16];
        for (int i = 0; i < 16; i++)
          v[i] = i * 1.5;
        cairn_annotation_set_coords (a, v, 16);
      }
      break;
    case CAIRN_KIND_MASK:
      cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 3, 4));
      break;
    case CAIRN_KIND_SPAN:
      cairn_annotation_set_coords (a, (double[]) { 3, 7 }, 2);
      break;
    case CAIRN_KIND_SEGMENT:
      cairn_annotation_set_coords (a, (double[]) { 1200, 3450 }, 2);
      cairn_annotation_set_text (a, "안녕하세요, hello");
      a->speaker = g_strdup ("화자 A");
      break;
    case CAIRN_KIND_TARGET:
      cairn_annotation_set_text (a, "A translation — 번역");
      break;
    case CAIRN_KIND_TAG:
    case CAIRN_KIND_CLASS:
    case CAIRN_KIND_RELATION:
    case CAIRN_N_KINDS:
    default:
      break;
    }
  json_object_set_string_member (a->attributes, "note", "비고");
  return a;
}

/* Every kind once; the relation joins two spans. Returns their ids by kind. */
static void
add_every_kind (Fixture *f, CairnStore *store, gint64 *ids, const char *note)
{
  g_autoptr(GError) error = NULL;
  gint64 second_span = 0;

  for (CairnKind kind = 0; kind < CAIRN_N_KINDS; kind++)
    {
      g_autoptr(CairnAnnotation) a = make_kind (f, kind);

      if (note)
        json_object_set_string_member (a->attributes, "note", note);
      if (kind == CAIRN_KIND_RELATION)
        {
          g_autoptr(CairnAnnotation) span = make_kind (f, CAIRN_KIND_SPAN);

          cairn_annotation_set_coords (span, (double[]) { 10, 14 }, 2);
          g_assert_true (cairn_store_add_annotation (store, span, &error));
          second_span = span->id;
          cairn_annotation_set_coords (a, (double[]) { ids[CAIRN_KIND_SPAN], second_span }, 2);
        }
      g_assert_true (cairn_store_add_annotation (store, a, &error));
      g_assert_no_error (error);
      ids[kind] = a->id;
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = cairn_label_new ("thing");

  f->dir = g_dir_make_tmp ("cairn-team-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.cairn", NULL);
  f->store = cairn_store_create (f->path, "팀 project", &error);
  g_assert_no_error (error);
  label->color = g_strdup ("#ff0000");
  g_assert_true (cairn_store_add_label (f->store, label, &error));
  f->label = label->id;
  f->image = add_item (f->store, CAIRN_ITEM_IMAGE, "a.png");
  f->text = add_item (f->store, CAIRN_ITEM_TEXT, "t");
  f->audio = add_item (f->store, CAIRN_ITEM_AUDIO, "s.wav");
  f->other = add_item (f->store, CAIRN_ITEM_IMAGE, "other.png");
  f->kim = cairn_store_ensure_annotator (f->store, "kim", "annotator", &error);
  f->lee = cairn_store_ensure_annotator (f->store, "lee", "annotator", &error);
  f->rev = cairn_store_ensure_annotator (f->store, "rev", "reviewer", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Assigns the items (all to each annotator given) and writes the packages. */
static GPtrArray *
package (Fixture *f, const gint64 *annotators, guint n, const gint64 *items, guint n_items)
{
  g_autoptr(GArray) plan = g_array_new (FALSE, FALSE, sizeof (CairnAssignment));
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  GPtrArray *infos;

  for (guint a = 0; a < n; a++)
    for (guint i = 0; i < n_items; i++)
      {
        CairnAssignment row = { items[i], annotators[a], (gint) i, n > 1 };
        g_array_append_val (plan, row);
      }
  g_assert_true (cairn_store_replace_assignments (f->store, plan, &error));
  infos = cairn_package_write_all (f->store, out, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, n);
  return infos;
}

static const char *
package_path (GPtrArray *infos, guint i)
{
  return ((CairnPackageInfo *) infos->pdata[i])->path;
}

static CairnMergeReport *
merge (Fixture *f, const char *path)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, 0);
  g_autoptr(GError) error = NULL;
  CairnMergeReport *report = cairn_merge_package (stack, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
push (CairnStore *store, gint64 annotator, CairnEdit *edit)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (store, annotator);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_edit_stack_push (stack, edit, &error));
  g_assert_no_error (error);
  g_object_unref (edit);
}

static CairnAnnotation *
find_by_uid (CairnStore *store, const char *uid)
{
  gboolean deleted = TRUE;
  g_autoptr(GError) error = NULL;
  gint64 id = cairn_store_find_annotation_uid (store, uid, NULL, &deleted, &error);

  g_assert_no_error (error);
  if (id == 0 || deleted)
    return NULL;
  return cairn_store_get_annotation (store, id, NULL);
}

static guint
count_annotations (CairnStore *store, gint64 item)
{
  g_autoptr(GPtrArray) list = cairn_store_list_annotations (store, item, NULL);

  return list->len;
}

/* Every kind survives packaging as it was, and every kind changed, added and deleted in the
 * package comes back; the relation added in the package joins spans added with it. */
static void
test_round_trip_every_kind (Fixture *f, gconstpointer data)
{
  gint64 ids[CAIRN_N_KINDS], pkg_new[CAIRN_N_KINDS];
  gint64 items[] = { f->image, f->text, f->audio };
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(CairnStore) pkg = NULL;
  g_autoptr(CairnMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) changes = cairn_edit_new (CAIRN_EDIT_VERB_BATCH, (CairnKind) -1);
  g_autofree char *instance = NULL;
  guint before_text;

  add_every_kind (f, f->store, ids, NULL);
  before_text = count_annotations (f->store, f->text);
  /* The picture is a file beside the project: the package names it from its own folder. */
  {
    g_autofree char *png = g_build_filename (f->dir, "a.png", NULL);
    g_assert_true (g_file_set_contents (png, "not really a png", -1, &error));
  }
  infos = package (f, &f->kim, 1, items, G_N_ELEMENTS (items));
  pkg = cairn_store_open (package_path (infos, 0), &error);
  g_assert_no_error (error);
  {
    g_autoptr(CairnItem) image = cairn_store_get_item (pkg, f->image, &error);
    g_autoptr(GBytes) bytes = cairn_store_load_media (pkg, image, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (image->uri, ==, "../a.png");
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                     "not really a png", 16);
  }
  instance = cairn_store_dup_instance (f->store);
  /* As packaged: the same content under the same identity; the other item is not there. */
  for (CairnKind kind = 0; kind < CAIRN_N_KINDS; kind++)
    {
      g_autoptr(CairnAnnotation) here = cairn_store_get_annotation (f->store, ids[kind], NULL);
      g_autofree char *uid = cairn_store_dup_annotation_uid (f->store, here);
      g_autoptr(CairnAnnotation) there = find_by_uid (pkg, uid);
      g_autofree char *d1 = cairn_team_digest (f->store, here, NULL);
      g_autofree char *d2 = NULL;

      g_assert_nonnull (there);
      d2 = cairn_team_digest (pkg, there, NULL);
      g_assert_cmpstr (d1, ==, d2);
      g_assert_true (cairn_annotation_equal (here, there, 0));
    }
  g_assert_null (cairn_store_get_item (pkg, f->other, NULL));
  /* In the package: every kind changed (the polygon deleted instead), and each added again. */
  for (CairnKind kind = 0; kind < CAIRN_N_KINDS; kind++)
    {
      g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (pkg, ids[kind], NULL);
      g_autoptr(CairnAnnotation) b = cairn_annotation_copy (a);

      if (kind == CAIRN_KIND_POLYGON)
        {
          cairn_edit_add_annotation (changes, a, NULL);
          continue;
        }
      json_object_set_string_member (b->attributes, "note", "checked in the field");
      if (kind == CAIRN_KIND_BOX)
        cairn_annotation_set_box (b, 11, 21, 31, 41);
      cairn_edit_add_annotation (changes, a, b);
    }
  push (pkg, 0, g_steal_pointer (&changes));
  {
    gint64 added[CAIRN_N_KINDS];

    add_every_kind (f, pkg, added, "new in the field");
    memcpy (pkg_new, added, sizeof added);
  }
  g_clear_object (&pkg);

  report = merge (f, package_path (infos, 0));
  g_assert_cmpstr (report->annotator, ==, "kim");
  g_assert_cmpuint (report->items, ==, 3);
  g_assert_cmpuint (report->changed, ==, CAIRN_N_KINDS - 1);
  g_assert_cmpuint (report->deleted, ==, 1);
  /* Every kind, and the relation's second span. */
  g_assert_cmpuint (report->added, ==, CAIRN_N_KINDS + 1);
  g_assert_cmpuint (report->conflicts, ==, 0);
  for (CairnKind kind = 0; kind < CAIRN_N_KINDS; kind++)
    {
      g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (f->store, ids[kind], NULL);

      if (kind == CAIRN_KIND_POLYGON)
        {
          g_assert_null (a);
          continue;
        }
      g_assert_nonnull (a);
      g_assert_cmpstr (json_object_get_string_member (a->attributes, "note"), ==,
                       "checked in the field");
    }
  {
    g_autoptr(CairnAnnotation) box = cairn_store_get_annotation (f->store, ids[CAIRN_KIND_BOX],
                                                                 NULL);
    g_assert_cmpfloat (g_array_index (box->coords, double, 0), ==, 11);
  }
  /* The new relation joins the new spans as this project numbers them. */
  {
    g_autoptr(CairnStore) again = cairn_store_open_readonly (package_path (infos, 0), &error);
    g_autoptr(CairnAnnotation) rel = cairn_store_get_annotation (again, pkg_new[CAIRN_KIND_RELATION],
                                                                 NULL);
    g_autofree char *uid = cairn_store_dup_annotation_uid (again, rel);
    g_autoptr(CairnAnnotation) here = find_by_uid (f->store, uid);
    g_autoptr(CairnAnnotation) from = NULL;

    g_assert_nonnull (here);
    from = cairn_store_get_annotation (f->store, (gint64) g_array_index (here->coords, double, 0),
                                       NULL);
    g_assert_nonnull (from);
    g_assert_cmpint (from->kind, ==, CAIRN_KIND_SPAN);
    g_assert_cmpstr (json_object_get_string_member (from->attributes, "note"), ==,
                     "new in the field");
    g_assert_cmpint (here->annotator_id, ==, 0);
  }
  g_assert_cmpuint (count_annotations (f->store, f->text), ==, before_text * 2);
  g_assert_cmpuint (count_annotations (f->store, f->other), ==, 0);

  /* Merging the same package again adds, changes and deletes nothing. */
  {
    g_autoptr(CairnMergeReport) twice = merge (f, package_path (infos, 0));
    gint64 counts[CAIRN_N_KINDS];

    g_assert_cmpuint (twice->added + twice->changed + twice->deleted + twice->conflicts
                      + twice->states, ==, 0);
    g_assert_true (cairn_store_count_annotations_by_kind (f->store, counts, &error));
    g_assert_cmpint (counts[CAIRN_KIND_SPAN], ==, 4);
    g_assert_cmpint (counts[CAIRN_KIND_POLYGON], ==, 1);
  }
}

static gint64
add_box (CairnStore *store, gint64 item, gint64 label, double x)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(GError) error = NULL;

  a->item_id = item;
  a->label_id = label;
  cairn_annotation_set_box (a, x, 10, 20, 20);
  g_assert_true (cairn_store_add_annotation (store, a, &error));
  return a->id;
}

static void
move_box (CairnStore *store, gint64 annotator, gint64 id, double x)
{
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (store, id, NULL);
  g_autoptr(CairnAnnotation) b = cairn_annotation_copy (a);

  cairn_annotation_set_box (b, x, 10, 20, 20);
  push (store, annotator, cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, a, b));
}

static void
delete_annotation (CairnStore *store, gint64 id)
{
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (store, id, NULL);

  push (store, 0, cairn_edit_new_delete (a));
}

static guint
count_flags (CairnStore *store, const char *reason)
{
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
  g_autoptr(GPtrArray) flags = NULL;

  filter.reason = reason;
  flags = cairn_store_list_flags (store, &filter, NULL);
  return flags->len;
}

/* Changed on both sides, changed here but deleted there, deleted here but changed there: the
 * project keeps every version and flags them; nothing is dropped. */
static void
test_conflicts_kept (Fixture *f, gconstpointer data)
{
  gint64 both = add_box (f->store, f->image, f->label, 1);
  gint64 gone_there = add_box (f->store, f->image, f->label, 2);
  gint64 gone_here = add_box (f->store, f->image, f->label, 3);
  gint64 other = add_box (f->store, f->other, f->label, 4);
  gint64 items[] = { f->image };
  g_autoptr(GPtrArray) infos = package (f, &f->kim, 1, items, 1);
  g_autoptr(CairnStore) pkg = cairn_store_open (package_path (infos, 0), NULL);
  g_autoptr(CairnMergeReport) report = NULL;
  g_autoptr(CairnAnnotation) kept = NULL, still = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean found_theirs = FALSE, found_both_theirs = FALSE;

  move_box (f->store, f->lee, both, 100);
  move_box (f->store, f->lee, gone_there, 200);
  delete_annotation (f->store, gone_here);
  move_box (f->store, f->lee, other, 400);
  move_box (pkg, f->kim, both, 150);
  delete_annotation (pkg, gone_there);
  move_box (pkg, f->kim, gone_here, 350);
  g_clear_object (&pkg);

  report = merge (f, package_path (infos, 0));
  g_assert_cmpuint (report->conflicts, ==, 3);
  g_assert_cmpuint (report->changed + report->deleted, ==, 0);
  g_assert_cmpuint (report->notes->len, ==, 3);
  kept = cairn_store_get_annotation (f->store, both, NULL);
  g_assert_cmpfloat (g_array_index (kept->coords, double, 0), ==, 100);
  still = cairn_store_get_annotation (f->store, gone_there, NULL);
  g_assert_nonnull (still);
  g_assert_cmpfloat (g_array_index (still->coords, double, 0), ==, 200);
  list = cairn_store_list_annotations (f->store, f->image, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];
      double x = g_array_index (a->coords, double, 0);

      found_both_theirs |= x == 150 && a->annotator_id == f->kim;
      found_theirs |= x == 350 && a->annotator_id == f->kim;
    }
  g_assert_true (found_both_theirs);
  g_assert_true (found_theirs);
  /* Both versions of the first, kim's of the third, the project's of the second. */
  g_assert_cmpuint (count_flags (f->store, "conflict"), ==, 4);
  /* The item the package did not hold is as this project left it. */
  {
    g_autoptr(CairnAnnotation) o = cairn_store_get_annotation (f->store, other, NULL);
    g_assert_cmpfloat (g_array_index (o->coords, double, 0), ==, 400);
  }
  /* And again: nothing new, no more flags. */
  {
    g_autoptr(CairnMergeReport) twice = merge (f, package_path (infos, 0));
    g_assert_cmpuint (twice->conflicts + twice->added + twice->changed + twice->deleted, ==, 0);
    g_assert_cmpuint (count_annotations (f->store, f->image), ==, list->len);
  }
}

/* Two annotators change the same shared annotation: the first merge takes it, the second is
 * a conflict against it; item states come back when the project did not change them. */
static void
test_overlap_packages (Fixture *f, gconstpointer data)
{
  gint64 box = add_box (f->store, f->image, f->label, 1);
  gint64 annotators[] = { f->kim, f->lee };
  gint64 items[] = { f->image, f->text };
  g_autoptr(GPtrArray) infos = package (f, annotators, 2, items, 2);
  g_autoptr(CairnMergeReport) first = NULL, second = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnItem) text = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnStore) pkg = cairn_store_open (package_path (infos, i), NULL);
      g_autoptr(CairnItem) item = cairn_store_get_item (pkg, f->text, NULL);

      move_box (pkg, annotators[i], box, 10 + i);
      push (pkg, annotators[i], cairn_edit_new_item_state (item, CAIRN_STATE_DONE));
    }
  first = merge (f, package_path (infos, 0));
  second = merge (f, package_path (infos, 1));
  g_assert_cmpuint (first->changed, ==, 1);
  g_assert_cmpuint (first->states, ==, 1);
  g_assert_cmpuint (first->conflicts, ==, 0);
  g_assert_cmpuint (second->conflicts, ==, 1);
  /* lee also marked it done: the same state is no conflict. */
  g_assert_cmpuint (second->states, ==, 0);
  a = cairn_store_get_annotation (f->store, box, NULL);
  g_assert_cmpfloat (g_array_index (a->coords, double, 0), ==, 10);
  /* A change keeps the annotation's author, as an edit in the window does. */
  g_assert_cmpint (a->annotator_id, ==, 0);
  g_assert_cmpuint (count_annotations (f->store, f->image), ==, 2);
  text = cairn_store_get_item (f->store, f->text, NULL);
  g_assert_cmpint (text->state, ==, CAIRN_STATE_DONE);
}

/* A package of another project is refused before anything is written. */
static void
test_foreign_package (Fixture *f, gconstpointer data)
{
  gint64 items[] = { f->image };
  g_autoptr(GPtrArray) infos = package (f, &f->kim, 1, items, 1);
  g_autofree char *path = g_build_filename (f->dir, "q.cairn", NULL);
  g_autoptr(CairnStore) other = cairn_store_create (path, "other", NULL);
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (other, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnMergeReport) report = cairn_merge_package (stack, package_path (infos, 0),
                                                            &error);

  g_assert_null (report);
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FOREIGN);
  g_clear_error (&error);
  /* Nor is a plain project. */
  report = cairn_merge_package (stack, f->path, &error);
  g_assert_null (report);
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FOREIGN);
}

/* 60 images labelled "car", 30 texts labelled "thing", 3 annotators. */
static GArray *
assign_fixture (Fixture *f, guint32 seed, double overlap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) car = cairn_label_new ("car");
  g_autoptr(CairnLabel) known = cairn_store_find_label (f->store, "car", NULL);
  gint64 ids[] = { f->kim, f->lee, f->rev };
  g_autoptr(GArray) annotators = g_array_new (FALSE, FALSE, sizeof (gint64));
  CairnAssignOptions options = CAIRN_ASSIGN_OPTIONS_INIT;

  if (known == NULL)
    {
      car->color = g_strdup ("#00ff00");
      g_assert_true (cairn_store_add_label (f->store, car, &error));
      for (guint i = 0; i < 60; i++)
        {
          g_autofree char *name = g_strdup_printf ("img%u.png", i);
          add_box (f->store, add_item (f->store, CAIRN_ITEM_IMAGE, name), car->id, 1);
        }
      for (guint i = 0; i < 30; i++)
        {
          g_autofree char *name = g_strdup_printf ("text %u", i);
          g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_CLASS);

          a->item_id = add_item (f->store, CAIRN_ITEM_TEXT, name);
          a->label_id = f->label;
          g_assert_true (cairn_store_add_annotation (f->store, a, &error));
        }
    }
  g_array_append_vals (annotators, ids, 3);
  options.seed = seed;
  options.overlap = overlap;
  return cairn_assign_plan (f->store, annotators, &options, &error);
}

static void
test_assign (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) plan = assign_fixture (f, 42, 0.1);
  g_autoptr(GArray) same = assign_fixture (f, 42, 0.1);
  g_autoptr(GArray) other = assign_fixture (f, 43, 0.1);
  g_autoptr(GHashTable) per_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  guint load[3] = { 0 }, images[3] = { 0 }, shared = 0, total_items;
  gint64 who[] = { f->kim, f->lee, f->rev };
  gboolean differs = FALSE;

  total_items = (guint) cairn_store_count_items (f->store, -1);
  g_assert_cmpuint (total_items, ==, 94);
  for (guint i = 0; i < plan->len; i++)
    {
      CairnAssignment *row = &g_array_index (plan, CairnAssignment, i);
      gpointer n = g_hash_table_lookup (per_item, &row->item_id);
      g_autoptr(CairnItem) item = cairn_store_get_item (f->store, row->item_id, NULL);

      g_hash_table_insert (per_item, g_memdup2 (&row->item_id, sizeof (gint64)),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
      for (guint a = 0; a < 3; a++)
        if (who[a] == row->annotator_id)
          {
            load[a]++;
            images[a] += item->kind == CAIRN_ITEM_IMAGE;
          }
    }
  /* Every item once, a tenth of them (9 of 94) twice, never to the same annotator twice. */
  g_assert_cmpuint (g_hash_table_size (per_item), ==, total_items);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, per_item);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, 1);
        g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, 2);
        shared += GPOINTER_TO_UINT (value) == 2;
      }
  }
  g_assert_cmpuint (shared, ==, 9);
  g_assert_cmpuint (plan->len, ==, total_items + shared);
  for (guint i = 0; i < plan->len; i++)
    for (guint j = i + 1; j < plan->len; j++)
      {
        CairnAssignment *a = &g_array_index (plan, CairnAssignment, i);
        CairnAssignment *b = &g_array_index (plan, CairnAssignment, j);
        g_assert_false (a->item_id == b->item_id && a->annotator_id == b->annotator_id);
      }
  /* Fair: loads within one item of each other, and so is each one's share of images. */
  for (guint a = 0; a < 3; a++)
    for (guint b = 0; b < 3; b++)
      {
        g_assert_cmpint (ABS ((gint) load[a] - (gint) load[b]), <=, 1);
        g_assert_cmpint (ABS ((gint) images[a] - (gint) images[b]), <=, 2);
      }
  /* The same seed, the same plan; another seed, another. */
  g_assert_cmpuint (same->len, ==, plan->len);
  g_assert_cmpmem (same->data, same->len * sizeof (CairnAssignment),
                   plan->data, plan->len * sizeof (CairnAssignment));
  for (guint i = 0; i < MIN (other->len, plan->len); i++)
    differs |= g_array_index (other, CairnAssignment, i).item_id
               != g_array_index (plan, CairnAssignment, i).item_id;
  g_assert_true (differs);
}

static void
test_assign_limits (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
  CairnAssignOptions options = CAIRN_ASSIGN_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) plan = NULL;

  g_assert_null (cairn_assign_plan (f->store, none, &options, &error));
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  g_array_append_val (one, f->kim);
  options.overlap = 1.5;
  g_assert_null (cairn_assign_plan (f->store, one, &options, &error));
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  /* One annotator: no one to overlap with; every item once. */
  options.overlap = 0.5;
  plan = cairn_assign_plan (f->store, one, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 4);
  for (guint i = 0; i < plan->len; i++)
    g_assert_false (g_array_index (plan, CairnAssignment, i).overlap);
}

static CairnReviewEntry *
entry_for (CairnStore *store, gint64 item)
{
  g_autoptr(GError) error = NULL;
  CairnReviewEntry *e = cairn_review_get (store, item, &error);

  g_assert_no_error (error);
  return e;
}

/* to do → recheck → accepted (locked for annotators, flags resolved) → undone → rejected,
 * back in the annotator's queue. */
static void
test_review_states (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) kim = cairn_edit_stack_new (f->store, f->kim);
  g_autoptr(CairnEditStack) rev = cairn_edit_stack_new (f->store, f->rev);
  g_autoptr(GError) error = NULL;
  gint64 box = add_box (f->store, f->image, f->label, 1);
  gint64 items[] = { f->image, f->text };
  g_autoptr(GPtrArray) infos = package (f, &f->kim, 1, items, 2);
  g_autoptr(CairnReviewEntry) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(CairnAnnotation) a = NULL, b = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  g_assert_null (entry_for (f->store, f->image));
  g_assert_cmpint (cairn_store_add_flag (f->store, f->image, box, "annotator", "unsure", &error),
                   >, 0);
  e1 = entry_for (f->store, f->image);
  g_assert_cmpint (e1->state, ==, CAIRN_REVIEW_TODO);
  g_assert_cmpstr (e1->reasons, ==, "annotator");
  g_assert_cmpstr (e1->detail, ==, "unsure");
  g_assert_cmpint (cairn_store_add_flag (f->store, f->image, 0, "recheck", "guideline v2", &error),
                   >, 0);
  e2 = entry_for (f->store, f->image);
  g_assert_cmpint (e2->state, ==, CAIRN_REVIEW_RECHECK);
  queue = cairn_review_list (f->store, -1, "recheck", &error);
  g_assert_cmpuint (queue->len, ==, 1);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = cairn_review_list (f->store, CAIRN_REVIEW_ACCEPTED, NULL, &error);
  g_assert_cmpuint (queue->len, ==, 0);

  /* An annotator decides nothing. */
  g_assert_false (cairn_review_set (kim, f->image, CAIRN_REVIEW_ACCEPTED, NULL, &error));
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_ROLE);
  g_clear_error (&error);
  g_assert_true (cairn_review_set (rev, f->image, CAIRN_REVIEW_ACCEPTED, "좋아요", &error));
  g_assert_no_error (error);
  e3 = entry_for (f->store, f->image);
  g_assert_cmpint (e3->state, ==, CAIRN_REVIEW_ACCEPTED);
  g_assert_cmpstr (e3->comment, ==, "좋아요");
  g_assert_cmpuint (count_flags (f->store, NULL), ==, 0);
  item = cairn_store_get_item (f->store, f->image, NULL);
  g_assert_cmpint (item->state, ==, CAIRN_STATE_ACCEPTED);

  /* Locked: kim's move is refused, the reviewer's goes through. */
  a = cairn_store_get_annotation (f->store, box, NULL);
  b = cairn_annotation_copy (a);
  cairn_annotation_set_box (b, 5, 5, 5, 5);
  {
    g_autoptr(CairnEdit) move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, a, b);
    g_assert_false (cairn_edit_stack_push (kim, move, &error));
    g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_LOCKED);
    g_clear_error (&error);
  }
  /* Merging into an accepted item keeps both versions for the reviewer. */
  {
    g_autoptr(CairnStore) pkg = cairn_store_open (package_path (infos, 0), NULL);
    g_autoptr(CairnMergeReport) report = NULL;

    move_box (pkg, f->kim, box, 77);
    g_clear_object (&pkg);
    report = merge (f, package_path (infos, 0));
    g_assert_cmpuint (report->conflicts, ==, 1);
    g_assert_cmpuint (report->changed, ==, 0);
    g_clear_pointer (&item, cairn_item_free);
    item = cairn_store_get_item (f->store, f->image, NULL);
    g_assert_cmpint (item->state, ==, CAIRN_STATE_ACCEPTED);
  }

  /* Undo takes the decision back: unlocked again. */
  g_assert_true (cairn_edit_stack_undo (rev, &error));
  g_assert_no_error (error);
  g_clear_pointer (&item, cairn_item_free);
  item = cairn_store_get_item (f->store, f->image, NULL);
  g_assert_cmpint (item->state, ==, CAIRN_STATE_NEW);
  /* The flags the decision settled are open again (the merge's conflict flag never closed). */
  g_assert_cmpuint (count_flags (f->store, "annotator"), ==, 1);
  g_assert_cmpuint (count_flags (f->store, "recheck"), ==, 1);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = cairn_review_list (f->store, -1, "recheck", &error);
  g_assert_cmpuint (queue->len, ==, 1);
  /* Redo settles them again; undo once more to go on. */
  g_assert_true (cairn_edit_stack_redo (rev, &error));
  g_assert_cmpuint (count_flags (f->store, "recheck"), ==, 0);
  g_assert_true (cairn_edit_stack_undo (rev, &error));
  g_assert_cmpuint (count_flags (f->store, "recheck"), ==, 1);
  {
    g_autoptr(CairnEdit) move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, a, b);
    g_assert_true (cairn_edit_stack_push (kim, move, &error));
    g_assert_no_error (error);
  }

  /* Rejected: first in kim's queue again. */
  g_assert_cmpint (cairn_store_next_in_queue (f->store, f->kim, 0, &error), ==, f->image);
  g_assert_true (cairn_review_set (rev, f->image, CAIRN_REVIEW_REJECTED, "box too loose", &error));
  e4 = entry_for (f->store, f->image);
  g_assert_cmpint (e4->state, ==, CAIRN_REVIEW_REJECTED);
  g_assert_cmpint (cairn_store_next_in_queue (f->store, f->kim, 0, &error), ==, f->image);
  {
    g_autoptr(GPtrArray) reviews = cairn_store_list_reviews (f->store, f->image, &error);
    g_assert_cmpuint (reviews->len, ==, 2);
    g_assert_cmpstr (((CairnReview *) reviews->pdata[1])->state, ==, "rejected");
    g_assert_cmpint (((CairnReview *) reviews->pdata[1])->reviewer_id, ==, f->rev);
  }
}

/* An item's history, and restoring an earlier version as an edit Undo takes back; a deleted
 * annotation comes back under its own id. */
static void
test_history_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnEditStack) stack = cairn_edit_stack_new (f->store, f->lee);
  g_autoptr(GError) error = NULL;
  gint64 box = add_box (f->store, f->image, f->label, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CairnEdit) restore = NULL, again = NULL;
  g_autoptr(CairnAnnotation) now = NULL, back = NULL;
  gint64 first = 0;

  move_box (f->store, f->kim, box, 2);
  move_box (f->store, f->kim, box, 3);
  add_box (f->store, f->other, f->label, 9);
  rows = cairn_store_list_item_history (f->store, f->image, 0, &error);
  g_assert_no_error (error);
  /* The item's own insert, the box's insert and two moves; not the other item's box. */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (((CairnHistoryEntry *) rows->pdata[3])->target, ==, "item");
  g_assert_cmpstr (((CairnHistoryEntry *) rows->pdata[0])->action, ==, "update");
  g_assert_cmpint (((CairnHistoryEntry *) rows->pdata[0])->annotator_id, ==, f->kim);
  first = ((CairnHistoryEntry *) rows->pdata[2])->id;
  g_assert_cmpstr (((CairnHistoryEntry *) rows->pdata[2])->action, ==, "insert");

  restore = cairn_history_restore_edit (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairn_edit_get_verb (restore), ==, CAIRN_EDIT_VERB_CHANGE);
  g_assert_true (cairn_edit_stack_push (stack, restore, &error));
  now = cairn_store_get_annotation (f->store, box, NULL);
  g_assert_cmpfloat (g_array_index (now->coords, double, 0), ==, 1);
  /* Already so: nothing to restore. */
  g_assert_null (cairn_history_restore_edit (f->store, first, &error));
  g_assert_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cairn_edit_stack_undo (stack, &error));
  back = cairn_store_get_annotation (f->store, box, NULL);
  g_assert_cmpfloat (g_array_index (back->coords, double, 0), ==, 3);

  /* Deleted, then restored from the version before the deletion. */
  delete_annotation (f->store, box);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cairn_store_list_item_history (f->store, f->image, 1, &error);
  g_assert_cmpstr (((CairnHistoryEntry *) rows->pdata[0])->action, ==, "delete");
  again = cairn_history_restore_edit (f->store, ((CairnHistoryEntry *) rows->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_true (cairn_edit_stack_push (stack, again, &error));
  g_clear_pointer (&now, cairn_annotation_free);
  now = cairn_store_get_annotation (f->store, box, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_array_index (now->coords, double, 0), ==, 3);
}

/* A package is someone else's file: identities it claims for annotations of items it did
 * not hold change nothing there. */
static void
test_hostile_package (Fixture *f, gconstpointer data)
{
  gint64 x = add_box (f->store, f->other, f->label, 1);
  gint64 y = add_box (f->store, f->other, f->label, 2);
  gint64 items[] = { f->image };
  g_autoptr(GPtrArray) infos = package (f, &f->kim, 1, items, 1);
  g_autoptr(CairnStore) pkg = cairn_store_open (package_path (infos, 0), NULL);
  g_autoptr(CairnAnnotation) ax = cairn_store_get_annotation (f->store, x, NULL);
  g_autoptr(CairnAnnotation) ay = cairn_store_get_annotation (f->store, y, NULL);
  g_autoptr(CairnAnnotation) forged = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ux = cairn_store_dup_annotation_uid (f->store, ax);
  g_autofree char *uy = cairn_store_dup_annotation_uid (f->store, ay);
  g_autofree char *dx = cairn_team_digest (f->store, ax, NULL);
  g_autofree char *dy = cairn_team_digest (f->store, ay, NULL);
  g_autofree char *instance = cairn_store_dup_instance (pkg);
  g_autoptr(CairnAnnotation) x_after = NULL, y_after = NULL;

  /* x "changed in the package" (on the packaged item), y "deleted in the package". */
  forged->item_id = f->image;
  forged->label_id = f->label;
  forged->uid = g_strdup (ux);
  cairn_annotation_set_box (forged, 300, 300, 10, 10);
  g_assert_true (cairn_store_add_annotation (pkg, forged, &error));
  g_assert_true (cairn_store_set_package_base (pkg, instance, ux, dx, &error));
  g_assert_true (cairn_store_set_package_base (pkg, instance, uy, dy, &error));
  g_assert_no_error (error);
  g_clear_object (&pkg);

  report = merge (f, package_path (infos, 0));
  g_assert_cmpuint (report->changed + report->deleted, ==, 0);
  g_assert_cmpuint (report->added, ==, 1);
  x_after = cairn_store_get_annotation (f->store, x, NULL);
  y_after = cairn_store_get_annotation (f->store, y, NULL);
  g_assert_nonnull (x_after);
  g_assert_nonnull (y_after);
  g_assert_true (cairn_annotation_equal (ax, x_after, 0));
  /* What it brought is a new annotation of the packaged item, with an identity of its own. */
  {
    g_autoptr(GPtrArray) list = cairn_store_list_annotations (f->store, f->image, NULL);
    g_autofree char *uid = NULL;

    g_assert_cmpuint (list->len, ==, 1);
    uid = cairn_store_dup_annotation_uid (f->store, list->pdata[0]);
    g_assert_cmpstr (uid, !=, ux);
  }
}

/* A pasted copy of a merged annotation is a new annotation, not a second row of the same. */
static void
test_copy_gets_own_identity (Fixture *f, gconstpointer data)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnAnnotation) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  gboolean deleted = TRUE;

  a->item_id = f->image;
  a->uid = g_strdup ("elsewhere/7");
  cairn_annotation_set_box (a, 1, 2, 3, 4);
  g_assert_true (cairn_store_add_annotation (f->store, a, &error));
  g_assert_cmpstr (a->uid, ==, "elsewhere/7");
  copy = cairn_annotation_copy (a);
  copy->id = 0;
  g_assert_true (cairn_store_add_annotation (f->store, copy, &error));
  g_assert_null (copy->uid);
  uid = cairn_store_dup_annotation_uid (f->store, copy);
  g_assert_cmpstr (uid, !=, "elsewhere/7");
  g_assert_cmpint (cairn_store_find_annotation_uid (f->store, "elsewhere/7", NULL, &deleted, &error), ==,
                   a->id);
  g_assert_false (deleted);
  g_assert_cmpint (cairn_store_find_annotation_uid (f->store, uid, NULL, NULL, &error), ==, copy->id);
}

static char *
uid_of (CairnStore *store, gint64 id)
{
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (store, id, NULL);

  return cairn_store_dup_annotation_uid (store, a);
}

/* A copied file (cp, a second laptop) takes an instance of its own on its first open: what it
 * held keeps its identity, what it makes next never collides with the original's. */
static void
test_copied_file_own_instance (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 items[] = { f->image };
  g_autoptr(GPtrArray) infos = package (f, &f->kim, 1, items, 1);
  g_autofree char *kept = g_build_filename (f->dir, "laptop-2.cairn", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (package_path (infos, 0));
  g_autoptr(GFile) to = g_file_new_for_path (kept);
  gint64 box = add_box (f->store, f->image, f->label, 3);
  g_autofree char *uid = uid_of (f->store, box), *instance = cairn_store_dup_instance (f->store);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.cairn", NULL);
  g_autoptr(GFile) original = g_file_new_for_path (f->path);
  g_autoptr(GFile) copied = g_file_new_for_path (copy_path);
  g_autoptr(CairnMergeReport) first = NULL, second = NULL;

  /* Closed (the WAL checkpointed), copied, both opened again. */
  g_clear_object (&f->store);
  g_assert_true (g_file_copy (original, copied, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CairnStore) copy = cairn_store_open (copy_path, &error);
    g_autofree char *again = cairn_store_dup_instance (f->store);
    g_autofree char *its = cairn_store_dup_instance (copy);
    g_autofree char *copied_uid = uid_of (copy, box);
    g_autofree char *mine = NULL, *theirs = NULL, *stable = NULL;
    gint64 here, there;

    g_assert_cmpstr (again, ==, instance);
    g_assert_cmpstr (its, !=, instance);
    g_assert_cmpstr (copied_uid, ==, uid);
    g_assert_cmpint (cairn_store_find_annotation_uid (copy, uid, NULL, NULL, &error), ==, box);
    here = add_box (f->store, f->image, f->label, 5);
    there = add_box (copy, f->image, f->label, 6);
    g_assert_cmpint (here, ==, there);
    mine = uid_of (f->store, here);
    theirs = uid_of (copy, there);
    g_assert_cmpstr (mine, !=, theirs);
    g_clear_object (&copy);
    copy = cairn_store_open (copy_path, &error);
    stable = cairn_store_dup_instance (copy);
    g_assert_cmpstr (stable, ==, its);
  }

  /* One package on two laptops: each one's new box comes back, neither overwrites the other. */
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CairnStore) pkg = cairn_store_open (i ? kept : package_path (infos, 0), &error);

      g_assert_no_error (error);
      add_box (pkg, f->image, f->label, 100 + i);
    }
  first = merge (f, package_path (infos, 0));
  second = merge (f, kept);
  g_assert_cmpuint (first->added, ==, 1);
  g_assert_cmpuint (second->added, ==, 1);
  g_assert_cmpuint (second->conflicts, ==, 0);
}

/* "My items": the item list's filter by assignee, and next unlabelled inside it. */
static void
test_filter_by_assignee (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) plan = assign_fixture (f, 7, 0.1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) kims = NULL, lees = NULL, kim_images = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(CairnItem) first = NULL;
  CairnItemFilter mine = CAIRN_ITEM_FILTER_ANY, nobody = CAIRN_ITEM_FILTER_ANY;
  guint expected = 0;
  gint64 unlabelled;

  g_assert_true (cairn_store_replace_assignments (f->store, plan, &error));
  for (guint i = 0; i < plan->len; i++)
    expected += g_array_index (plan, CairnAssignment, i).annotator_id == f->kim;
  mine.assignee = f->kim;
  kims = cairn_store_list_item_ids (f->store, &mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kims->len, ==, expected);
  g_assert_cmpuint (kims->len, <, (guint) cairn_store_count_items (f->store, -1));
  queue = cairn_store_list_assigned_items (f->store, f->kim, &error);
  g_assert_cmpuint (queue->len, ==, kims->len);
  for (guint i = 0; i < queue->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < kims->len && !found; j++)
        found = g_array_index (kims, gint64, j) == g_array_index (queue, gint64, i);
      g_assert_true (found);
    }
  /* With a kind too: only kim's images. */
  mine.kind = CAIRN_ITEM_IMAGE;
  kim_images = cairn_store_list_item_ids (f->store, &mine, &error);
  g_assert_cmpuint (kim_images->len, >, 0);
  g_assert_cmpuint (kim_images->len, <, kims->len);
  mine.kind = -1;
  mine.assignee = f->lee;
  lees = cairn_store_list_item_ids (f->store, &mine, &error);
  g_assert_cmpuint (lees->len, >, 0);
  nobody.assignee = -1;
  g_clear_pointer (&queue, g_array_unref);
  queue = cairn_store_list_item_ids (f->store, &nobody, &error);
  g_assert_cmpuint (queue->len, ==, 0);
  /* Clearing one of kim's items makes it one of the unlabelled ones in kim's list; every
   * item that walk finds is kim's. */
  mine.assignee = f->kim;
  first = cairn_store_get_item (f->store, g_array_index (kims, gint64, kims->len - 1), &error);
  {
    g_autoptr(GPtrArray) list = cairn_store_list_annotations (f->store, first->id, &error);

    g_assert_cmpuint (list->len, >, 0);
    for (guint i = 0; i < list->len; i++)
      g_assert_true (cairn_store_delete_annotation (f->store,
                                                    ((CairnAnnotation *) list->pdata[i])->id,
                                                    &error));
  }
  for (unlabelled = cairn_store_next_unlabelled_item (f->store, 0, &mine, &error);
       unlabelled != 0 && unlabelled != first->id;
       unlabelled = cairn_store_next_unlabelled_item (f->store, unlabelled, &mine, &error))
    {
      gboolean found = FALSE;

      for (guint j = 0; j < kims->len && !found; j++)
        found = g_array_index (kims, gint64, j) == unlabelled;
      g_assert_true (found);
    }
  g_assert_no_error (error);
  g_assert_cmpint (unlabelled, ==, first->id);
  g_assert_cmpint (cairn_store_next_unlabelled_item (f->store, 0, &nobody, &error), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/team/package/round-trip-every-kind", test_round_trip_every_kind);
  ADD ("/team/merge/conflicts-kept", test_conflicts_kept);
  ADD ("/team/merge/overlap-packages", test_overlap_packages);
  ADD ("/team/merge/foreign-package", test_foreign_package);
  ADD ("/team/assign/overlap-fairness-seed", test_assign);
  ADD ("/team/assign/limits", test_assign_limits);
  ADD ("/team/assign/filter-by-assignee", test_filter_by_assignee);
  ADD ("/team/review/states-and-locking", test_review_states);
  ADD ("/team/history/restore", test_history_restore);
  ADD ("/team/identity/copy-gets-its-own", test_copy_gets_own_identity);
  ADD ("/team/identity/copied-file-own-instance", test_copied_file_own_instance);
  ADD ("/team/merge/hostile-package", test_hostile_package);
  return g_test_run ();
}
