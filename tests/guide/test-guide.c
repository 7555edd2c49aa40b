/* The guideline in the project file: versions, the re-check rule and its flags, label
 * renames and merges as undoable edits, the schema file, edge-case notes. */
#include <glib/gstdio.h>

#include "edit/cairn-edit-labels.h"
#include "edit/cairn-edit-stack.h"
#include "guide/cairn-guide-notes.h"
#include "guide/cairn-guide-plan.h"
#include "guide/cairn-guide-recheck.h"
#include "guide/cairn-guide-schema.h"
#include "quality/cairn-structured.h"
#include "store/cairn-store-guide.h"

void guide_add_render_tests (void);
void guide_add_picture_tests (void);

typedef struct
{
  char           *dir;
  char           *path;
  CairnStore     *store;
  CairnEditStack *stack;
  gint64          item;
  gint64          car;
  gint64          bus;
  gint64          kim;
} Fixture;

static const char v1[] = "# Guide\n\n## Car\nBox the body.\n\n## Bus\nBox it all.\n";
static const char v2[] = "# Guide\n\n## Car\nBox the body.\nMirrors out.\n\n## Bus\nBox it all.\n";

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnLabel) car = cairn_label_new ("car");
  g_autoptr(CairnLabel) bus = cairn_label_new ("bus");

  f->dir = g_dir_make_tmp ("cairn-guide-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "guide.cairn", NULL);
  f->store = cairn_store_create (f->path, "guide", &error);
  g_assert_no_error (error);
  item->uri = g_strdup ("a.png");
  item->width = item->height = 100;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  g_assert_true (cairn_store_add_label (f->store, car, &error));
  g_assert_true (cairn_store_add_label (f->store, bus, &error));
  f->item = item->id;
  f->car = car->id;
  f->bus = bus->id;
  f->kim = cairn_store_ensure_annotator (f->store, "김민지", "annotator", &error);
  g_assert_no_error (error);
  cairn_store_set_actor (f->store, f->kim);
  f->stack = cairn_edit_stack_new (f->store, f->kim);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->stack);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A box drawn through the edit stack, as a person does. */
static gint64
draw_box (Fixture *f, gint64 label, double x)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnEdit) edit = NULL;

  a->item_id = f->item;
  a->label_id = label;
  cairn_annotation_set_box (a, x, 10, 20, 20);
  edit = cairn_edit_new_create (a);
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  g_assert_no_error (error);
  return cairn_edit_get_annotation_id (edit, 0);
}

static GPtrArray *
open_rechecks (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
  GPtrArray *flags;

  filter.reason = "recheck";
  flags = cairn_store_list_flags (f->store, &filter, &error);
  g_assert_no_error (error);
  return flags;
}

static gint
version_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnAnnotation) a = cairn_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  return a->guideline_version;
}

static void
test_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *body = NULL, *title = NULL;
  const CairnGuidelineInfo *info;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "첫 판", NULL, &error), ==, 1);
  g_assert_cmpint (cairn_guide_publish (f->store, v2, "Rules", "Mirrors", NULL, &error), ==, 2);
  g_assert_no_error (error);
  versions = cairn_store_list_guideline_versions (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  info = g_ptr_array_index (versions, 0);
  g_assert_cmpint (info->version, ==, 1);
  g_assert_cmpstr (info->title, ==, "Guide");
  g_assert_cmpstr (info->summary, ==, "첫 판");
  g_assert_cmpint (info->author_id, ==, f->kim);
  g_assert_cmpint (info->created, >, 0);
  info = g_ptr_array_index (versions, 1);
  g_assert_cmpstr (info->title, ==, "Rules");
  body = cairn_store_get_guideline (f->store, 1, &title, &error);
  g_assert_cmpstr (body, ==, v1);
  g_assert_cmpint (cairn_store_add_guideline_version (f->store, NULL, "\xff", NULL, &error), ==, 0);
  g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
}

/* Only the labels whose section changed, only annotations of older versions; a re-save under
 * the new version clears the flag, and undoing the re-save brings it back. */
static void
test_recheck (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(CairnAnnotation) before = NULL, after = NULL;
  g_autoptr(CairnEdit) move = NULL;
  g_autoptr(CairnAnnotation) future = cairn_annotation_new (CAIRN_KIND_BOX);
  CairnRecheckReport report;
  gint64 car1, car2, bus1;
  const CairnFlag *flag;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "v1", &report, &error), ==, 1);
  g_assert_cmpuint (report.flagged, ==, 0);
  car1 = draw_box (f, f->car, 0);
  car2 = draw_box (f, f->car, 30);
  bus1 = draw_box (f, f->bus, 60);
  g_assert_cmpint (version_of (f, car1), ==, 1);
  /* One already under the version to come (an import that names it): not older, not flagged. */
  future->item_id = f->item;
  future->label_id = f->car;
  future->guideline_version = 2;
  cairn_annotation_set_box (future, 5, 5, 5, 5);
  g_assert_true (cairn_store_add_annotation (f->store, future, &error));

  g_assert_cmpint (cairn_guide_publish (f->store, v2, NULL, "mirrors", &report, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (report.labels, ==, 1);
  g_assert_cmpuint (report.flagged, ==, 2);
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 2);
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->annotation_id, ==, car1);
  g_assert_cmpint (flag->label_id, ==, f->car);
  g_assert_nonnull (strstr (flag->detail, "“Car” (#car) changed"));
  g_assert_nonnull (strstr (flag->detail, "+ Mirrors out.\n"));
  g_assert_cmpint (((CairnFlag *) g_ptr_array_index (flags, 1))->annotation_id, ==, car2);
  (void) bus1;
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Re-saving car1 (a move) under v2 clears its flag and stamps the version. */
  before = cairn_store_get_annotation (f->store, car1, &error);
  after = cairn_annotation_copy (before);
  cairn_annotation_set_box (after, 1, 10, 20, 20);
  move = cairn_edit_new_change (CAIRN_EDIT_VERB_MOVE, before, after);
  g_assert_true (cairn_edit_stack_push (f->stack, move, &error));
  g_assert_cmpint (version_of (f, car1), ==, 2);
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpint (((CairnFlag *) g_ptr_array_index (flags, 0))->annotation_id, ==, car2);
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Undo: the old version and the open flag are back; redo clears it again. */
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_assert_cmpint (version_of (f, car1), ==, 1);
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 2);
  g_clear_pointer (&flags, g_ptr_array_unref);
  g_assert_true (cairn_edit_stack_redo (f->stack, &error));
  g_assert_no_error (error);
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 1);
  g_clear_pointer (&flags, g_ptr_array_unref);
}

static void
test_confirm (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnEdit) confirm = NULL;
  g_autofree char *title = NULL;
  gint64 car1;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "v1", NULL, &error), ==, 1);
  car1 = draw_box (f, f->car, 0);
  g_assert_cmpint (cairn_guide_publish (f->store, v2, NULL, "v2", NULL, &error), ==, 2);
  a = cairn_store_get_annotation (f->store, car1, &error);
  confirm = cairn_edit_new_confirm ((const CairnAnnotation *const *) &a, 1);
  title = cairn_edit_dup_title (confirm);
  g_assert_cmpstr (title, ==, "Confirm Box");
  g_assert_true (cairn_edit_stack_push (f->stack, confirm, &error));
  g_assert_no_error (error);
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 0);
  g_assert_cmpint (version_of (f, car1), ==, 2);
}

/* Deleting a flagged annotation settles its flags (nothing is left to re-check); undo
 * reopens them, and the review queue with them. */
static void
test_delete_settles_flags (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after_delete = NULL, after_undo = NULL;
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnEdit) delete = NULL;
  gint64 car1, car2;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "v1", NULL, &error), ==, 1);
  car1 = draw_box (f, f->car, 0);
  car2 = draw_box (f, f->car, 50);
  g_assert_cmpint (cairn_guide_publish (f->store, v2, NULL, "v2", NULL, &error), ==, 2);
  g_assert_cmpint (cairn_store_add_flag (f->store, f->item, car1, "rule", "too small", &error),
                   >, 0);
  g_clear_pointer (&after_delete, g_ptr_array_unref);
  after_delete = open_rechecks (f);
  g_assert_cmpuint (after_delete->len, ==, 2);
  a = cairn_store_get_annotation (f->store, car1, &error);
  delete = cairn_edit_new_delete (a);
  g_assert_true (cairn_edit_stack_push (f->stack, delete, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after_delete, g_ptr_array_unref);
  after_delete = open_rechecks (f);
  /* car2's own re-check stays; car1's re-check and its rule flag are settled. */
  g_assert_cmpuint (after_delete->len, ==, 1);
  g_assert_cmpint (((CairnFlag *) after_delete->pdata[0])->annotation_id, ==, car2);
  {
    CairnFlagFilter filter = CAIRN_FLAG_FILTER_OPEN;
    g_autoptr(GPtrArray) of_car1 = NULL;

    filter.annotation_id = car1;
    of_car1 = cairn_store_list_flags (f->store, &filter, &error);
    g_assert_cmpuint (of_car1->len, ==, 0);
    g_assert_true (cairn_edit_stack_undo (f->stack, &error));
    g_clear_pointer (&of_car1, g_ptr_array_unref);
    of_car1 = cairn_store_list_flags (f->store, &filter, &error);
    g_assert_cmpuint (of_car1->len, ==, 2);
  }
  after_undo = open_rechecks (f);
  g_assert_cmpuint (after_undo->len, ==, 2);
}

static guint
count_label (Fixture *f, gint64 label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cairn_store_list_annotations (f->store, f->item, &error);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    n += ((CairnAnnotation *) g_ptr_array_index (all, i))->label_id == label;
  return n;
}

static void
test_rename (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(CairnEdit) taken = NULL;
  g_autoptr(CairnLabel) label = NULL;
  g_autofree char *title = NULL;

  draw_box (f, f->car, 0);
  g_assert_true (cairn_store_set_label_anchor (f->store, f->car, "vehicles", &error));
  edit = cairn_edit_new_rename_label (f->store, "car", "자동차", &error);
  g_assert_no_error (error);
  title = cairn_edit_dup_title (edit);
  g_assert_cmpstr (title, ==, "Rename Label");
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  label = cairn_store_get_label (f->store, f->car, &error);
  g_assert_cmpstr (label->name, ==, "자동차");
  g_assert_cmpuint (count_label (f, f->car), ==, 1);
  g_clear_pointer (&label, cairn_label_free);
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  label = cairn_store_get_label (f->store, f->car, &error);
  g_assert_cmpstr (label->name, ==, "car");
  {
    g_autofree char *anchor = cairn_store_dup_label_anchor (f->store, f->car);
    g_assert_cmpstr (anchor, ==, "vehicles");
  }
  taken = cairn_edit_new_rename_label (f->store, "car", "bus", &error);
  g_assert_null (taken);
  g_assert_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_FAILED);
}

/* Merging moves every annotation (a model's too) and sub-label, removes the label; one undo
 * puts all of it back under the same ids, and the edit survives a reopen. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autoptr(CairnLabel) child = cairn_label_new ("minibus");
  g_autoptr(CairnLabel) back = NULL;
  g_autoptr(CairnAnnotation) model = cairn_annotation_new (CAIRN_KIND_BOX);

  draw_box (f, f->bus, 0);
  draw_box (f, f->bus, 30);
  draw_box (f, f->car, 60);
  model->item_id = f->item;
  model->label_id = f->bus;
  model->origin = CAIRN_ORIGIN_MODEL;
  cairn_annotation_set_box (model, 1, 1, 3, 3);
  g_assert_true (cairn_store_add_annotation (f->store, model, &error));
  child->parent_id = f->bus;
  g_assert_true (cairn_store_add_label (f->store, child, &error));

  edit = cairn_edit_new_merge_labels (f->store, "bus", "car", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_edit_get_n_changes (edit), ==, 5);
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_label (f, f->car), ==, 4);
  g_assert_null (cairn_store_get_label (f->store, f->bus, NULL));
  back = cairn_store_get_label (f->store, child->id, &error);
  g_assert_cmpint (back->parent_id, ==, f->car);
  g_clear_pointer (&back, cairn_label_free);

  /* After a restart, one undo. */
  g_clear_object (&f->stack);
  g_clear_object (&f->store);
  f->store = cairn_store_open (f->path, &error);
  g_assert_no_error (error);
  f->stack = cairn_edit_stack_new (f->store, f->kim);
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_label (f, f->bus), ==, 3);
  g_assert_cmpuint (count_label (f, f->car), ==, 1);
  back = cairn_store_get_label (f->store, f->bus, &error);
  g_assert_cmpstr (back->name, ==, "bus");
  g_clear_pointer (&back, cairn_label_free);
  back = cairn_store_get_label (f->store, child->id, &error);
  g_assert_cmpint (back->parent_id, ==, f->bus);
  g_assert_true (cairn_edit_stack_redo (f->stack, &error));
  g_assert_cmpuint (count_label (f, f->car), ==, 4);
  g_assert_null (cairn_edit_new_merge_labels (f->store, "car", "car", NULL));
}

static char *
write_temp (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static void
test_schema (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CairnEdit) same = NULL, edit = NULL, bad = NULL, circle = NULL;
  g_autoptr(CairnLabel) truck = NULL, car = NULL;
  g_autofree char *text = NULL, *path = NULL, *path2 = NULL, *path3 = NULL, *path4 = NULL;

  g_assert_true (cairn_store_set_label_anchor (f->store, f->car, "vehicles", &error));
  root = cairn_guide_schema_export (f->store, &error);
  g_assert_no_error (error);
  text = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (text, "\"guideline_anchor\":\"vehicles\""));
  path = write_temp (f, "same.json", text);
  same = cairn_guide_schema_import (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_edit_get_n_changes (same), ==, 0);

  /* A child listed before its new parent; the car's colour changes. */
  path2 = write_temp (f, "new.json", "{\"labels\": [{\"name\": \"truck\", \"parent\": \"lorry\","
                      " \"kinds\": \"box\", \"attributes\": [{\"name\": \"axles\", \"type\": "
                      "\"number\", \"required\": true, \"default\": 2}]},"
                      " {\"name\": \"lorry\"}, {\"name\": \"car\", \"color\": \"#123456\"}]}");
  edit = cairn_guide_schema_import (f->store, path2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cairn_edit_get_n_changes (edit), ==, 3);
  g_assert_true (cairn_edit_stack_push (f->stack, edit, &error));
  g_assert_no_error (error);
  truck = cairn_store_find_label (f->store, "truck", &error);
  g_assert_no_error (error);
  g_assert_cmpint (truck->parent_id, >, 0);
  g_assert_cmpuint (json_array_get_length (truck->attributes), ==, 1);
  car = cairn_store_get_label (f->store, f->car, &error);
  g_assert_cmpstr (car->color, ==, "#123456");
  g_clear_pointer (&car, cairn_label_free);
  g_assert_true (cairn_edit_stack_undo (f->stack, &error));
  g_assert_null (cairn_store_find_label (f->store, "truck", NULL));
  car = cairn_store_get_label (f->store, f->car, &error);
  g_assert_cmpstr (car->color, !=, "#123456");

  path3 = write_temp (f, "bad.json", "{\"labels\": [{\"name\": \"x\", \"hotkey\": \"R\"}]}");
  bad = cairn_guide_schema_import (f->store, path3, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "bad.json: labels[0] “x”"));
  g_clear_error (&error);
  path4 = write_temp (f, "circle.json", "{\"labels\": [{\"name\": \"a\", \"parent\": \"b\"},"
                      " {\"name\": \"b\", \"parent\": \"a\"}]}");
  circle = cairn_guide_schema_import (f->store, path4, &error);
  g_assert_null (circle);
  g_assert_nonnull (strstr (error->message, "circle"));
}

static void
test_notes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnNote) note = cairn_note_new ();
  g_autoptr(CairnNote) other = cairn_note_new ();
  g_autoptr(CairnNote) back = NULL;
  g_autoptr(GPtrArray) open = NULL, answered = NULL, by_label = NULL;
  CairnNoteFilter filter = CAIRN_NOTE_FILTER_ANY;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "v1", NULL, &error), ==, 1);
  note->item_id = f->item;
  note->label_id = f->car;
  note->title = g_strdup ("트럭인가요?");
  note->region = g_strdup ("{\"box\": [1, 2, 3, 4]}");
  g_assert_true (cairn_store_add_note (f->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (note->author_id, ==, f->kim);
  g_assert_cmpint (note->guideline_version, ==, 1);
  other->title = g_strdup ("Bus or coach?");
  other->label_id = f->bus;
  g_assert_true (cairn_store_add_note (f->store, other, &error));

  note->state = CAIRN_NOTE_ANSWERED;
  note->answer = g_strdup ("Yes: a pickup is a car.");
  note->answered_by = f->kim;
  g_assert_true (cairn_store_update_note (f->store, note, &error));
  back = cairn_store_get_note (f->store, note->id, &error);
  g_assert_cmpint (back->state, ==, CAIRN_NOTE_ANSWERED);
  g_assert_cmpstr (back->answer, ==, "Yes: a pickup is a car.");
  g_assert_cmpstr (back->region, ==, "{\"box\": [1, 2, 3, 4]}");

  filter.state = CAIRN_NOTE_OPEN;
  open = cairn_store_list_notes (f->store, &filter, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((CairnNote *) g_ptr_array_index (open, 0))->title, ==, "Bus or coach?");
  filter.state = CAIRN_NOTE_ANSWERED;
  answered = cairn_store_list_notes (f->store, &filter, &error);
  g_assert_cmpuint (answered->len, ==, 1);
  filter = CAIRN_NOTE_FILTER_ANY;
  filter.label_id = f->car;
  by_label = cairn_store_list_notes (f->store, &filter, &error);
  g_assert_cmpuint (by_label->len, ==, 1);
  g_clear_pointer (&other->title, g_free);
  g_assert_false (cairn_store_add_note (f->store, other, &error));
}


static void
test_promote (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnNote) note = cairn_note_new ();
  g_autoptr(CairnNote) loose = cairn_note_new ();
  g_autoptr(CairnNote) back = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autofree char *body = NULL, *body2 = NULL;
  gint version;

  g_assert_cmpint (cairn_guide_publish (f->store, v1, NULL, "v1", NULL, &error), ==, 1);
  draw_box (f, f->car, 0);
  draw_box (f, f->bus, 30);
  note->label_id = f->car;
  note->title = g_strdup ("Pickup?\nTruck?");
  g_assert_true (cairn_store_add_note (f->store, note, &error));
  /* A note is answered after it is recorded. */
  note->answer = g_strdup ("A car.");
  note->state = CAIRN_NOTE_ANSWERED;
  g_assert_true (cairn_store_update_note (f->store, note, &error));
  version = cairn_guide_promote_note (f->store, note->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  body = cairn_store_get_guideline (f->store, 2, NULL, &error);
  /* In the car's section, before the blank line that ends it; newlines folded. */
  g_assert_nonnull (strstr (body, "Box the body.\n- **Edge case #1**: Pickup? Truck? — A car.\n"
                                  "\n## Bus"));
  back = cairn_store_get_note (f->store, note->id, &error);
  g_assert_cmpint (back->state, ==, CAIRN_NOTE_PROMOTED);
  g_assert_cmpint (back->promoted_version, ==, 2);
  /* The car's section changed: its annotations are re-checked, the bus's are not. */
  flags = open_rechecks (f);
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpint (((CairnFlag *) g_ptr_array_index (flags, 0))->label_id, ==, f->car);
  g_assert_cmpint (cairn_guide_promote_note (f->store, note->id, &error), ==, 0);
  g_clear_error (&error);
  /* No label: an "Edge cases" section at the end. */
  loose->title = g_strdup ("Reflections");
  g_assert_true (cairn_store_add_note (f->store, loose, &error));
  g_assert_cmpint (cairn_guide_promote_note (f->store, loose->id, &error), ==, 3);
  body2 = cairn_store_get_guideline (f->store, 3, NULL, &error);
  g_assert_true (g_str_has_suffix (body2, "## Edge cases {#edge-cases}\n\n"
                                          "- **Edge case #2**: Reflections\n"));
}

static void
test_regions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  CairnRegionKind kind;
  double v[4];

  g_assert_true (cairn_note_region_parse ("{\"box\": [1, 2.5, 3, 4]}", &kind, v, &error));
  g_assert_cmpint (kind, ==, CAIRN_REGION_BOX);
  g_assert_cmpfloat (v[1], ==, 2.5);
  json = cairn_note_region_to_json (kind, v);
  g_assert_cmpstr (json, ==, "{\"box\": [1, 2.5, 3, 4]}");
  g_assert_true (cairn_note_region_parse ("{\"segment\": [100, 900]}", &kind, v, &error));
  g_assert_cmpint (kind, ==, CAIRN_REGION_SEGMENT);
  g_assert_true (cairn_note_region_parse (NULL, &kind, v, &error));
  g_assert_cmpint (kind, ==, CAIRN_REGION_NONE);
  const char *bad[] = { "{\"box\": [1, 2]}", "{\"span\": [5, 3]}", "{\"box\": [0, 0, -1, 2]}",
                        "[1, 2]", "{\"circle\": [1]}", "{\"span\": [1, \"x\"]}", "nope" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (cairn_note_region_parse (bad[i], &kind, v, &error));
      g_assert_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static const CairnPlanRow *
row_named (GPtrArray *rows, const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((CairnPlanRow *) g_ptr_array_index (rows, i))->name, name))
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
test_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnPlan) plan = NULL, back = NULL, empty = NULL, bad = NULL;
  g_autoptr(CairnPlanProgress) p = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnAnnotation) model = cairn_annotation_new (CAIRN_KIND_BOX);
  gint64 lee = cairn_store_ensure_annotator (f->store, "Lee", "annotator", NULL);
  g_autoptr(CairnEditStack) lee_stack = cairn_edit_stack_new (f->store, lee);
  g_autoptr(CairnAnnotation) by_lee = cairn_annotation_new (CAIRN_KIND_BOX);
  g_autoptr(CairnEdit) edit = NULL;
  const CairnDailyCount *d;

  empty = cairn_plan_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->labels->len, ==, 0);
  plan = cairn_plan_from_json ("{\"purpose\": \"탐지\", \"target_items\": 4,"
                               " \"labels\": {\"car\": 4, \"bus\": 0},"
                               " \"splits\": {\"train\": 3, \"test\": 1}}", &error);
  g_assert_no_error (error);
  g_assert_true (cairn_plan_save (f->store, plan, &error));
  back = cairn_plan_load (f->store, &error);
  g_assert_cmpstr (back->purpose, ==, "탐지");
  g_assert_cmpint (back->target_items, ==, 4);
  g_assert_cmpuint (back->labels->len, ==, 2);

  /* Two items (one done, in train), three of Kim's car boxes, one of Lee's, a model's. */
  item->uri = g_strdup ("b.png");
  item->split = g_strdup ("train");
  item->state = CAIRN_STATE_DONE;
  g_assert_true (cairn_store_add_item (f->store, item, &error));
  draw_box (f, f->car, 0);
  draw_box (f, f->car, 10);
  draw_box (f, f->car, 20);
  by_lee->item_id = f->item;
  by_lee->label_id = f->car;
  cairn_annotation_set_box (by_lee, 50, 50, 5, 5);
  edit = cairn_edit_new_create (by_lee);
  g_assert_true (cairn_edit_stack_push (lee_stack, edit, &error));
  model->item_id = f->item;
  model->label_id = f->bus;
  model->origin = CAIRN_ORIGIN_MODEL;
  cairn_annotation_set_box (model, 1, 1, 3, 3);
  g_assert_true (cairn_store_add_annotation (f->store, model, &error));

  p = cairn_plan_progress (f->store, back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->items, ==, 2);
  g_assert_cmpint (p->items_done, ==, 1);
  g_assert_cmpint (row_named (p->labels, "car")->done, ==, 4);
  g_assert_cmpfloat (cairn_plan_row_fraction (row_named (p->labels, "car")), ==, 1.0);
  g_assert_cmpint (row_named (p->labels, "bus")->done, ==, 1);
  g_assert_cmpfloat (cairn_plan_row_fraction (row_named (p->labels, "bus")), ==, 1.0);
  g_assert_cmpint (row_named (p->splits, "train")->done, ==, 1);
  g_assert_cmpfloat (cairn_plan_row_fraction (row_named (p->splits, "train")), ==, 1.0 / 3);
  g_assert_cmpint (row_named (p->splits, "test")->done, ==, 0);
  /* People's work only, by day then name. */
  g_assert_cmpuint (p->daily->len, ==, 2);
  d = g_ptr_array_index (p->daily, 0);
  g_assert_cmpstr (d->annotator, ==, "Lee");
  g_assert_cmpint (d->count, ==, 1);
  d = g_ptr_array_index (p->daily, 1);
  g_assert_cmpstr (d->annotator, ==, "김민지");
  g_assert_cmpint (d->count, ==, 3);

  bad = cairn_plan_from_json ("{\"labels\": {\"car\": -1}}", &error);
  g_assert_null (bad);
  g_assert_cmpstr (error->message, ==, "plan.labels.car: not a whole number ≥ 0");
  g_clear_error (&error);
  g_assert_null (cairn_plan_from_json ("{\"purpose\": 3}", &error));
  g_assert_cmpstr (error->message, ==, "plan.purpose: expected text");
}


/* Per-point OKS sigmas ride in the skeleton: stored, copied, checked, used by agreement. */
static void
test_sigmas (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) label = cairn_label_new ("hand");
  g_autoptr(CairnLabel) back = NULL, copy = NULL, loose = NULL;
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *json = NULL;
  CairnShapeCounts tight = { 0 }, wide = { 0 }, plain = { 0 };
  double ra[] = { 0, 0, 2, 100, 0, 2, 0, 100, 2 }, rb[] = { 6, 0, 2, 106, 0, 2, 6, 100, 2 };

  g_assert_true (cairn_label_skeleton_from_json (label, "{\"points\": [\"a\", \"b\", \"c\"],"
                                                 " \"edges\": [[0, 1]], \"sigmas\": [0.01, 0.02,"
                                                 " 0.03]}", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (label->sigmas->len, ==, 3);
  json = cairn_label_skeleton_to_json (label);
  g_assert_nonnull (strstr (json, "\"sigmas\":[0.01"));
  copy = cairn_label_copy (label);
  g_assert_cmpfloat (g_array_index (copy->sigmas, double, 2), ==, 0.03);
  g_assert_true (cairn_store_add_label (f->store, label, &error));
  back = cairn_store_get_label (f->store, label->id, &error);
  g_assert_cmpuint (back->sigmas->len, ==, 3);
  g_assert_cmpfloat (g_array_index (back->sigmas, double, 1), ==, 0.02);
  loose = cairn_label_new ("x");
  g_assert_false (cairn_label_skeleton_from_json (loose, "{\"points\": [\"a\"], \"sigmas\": "
                                                  "[0.1, 0.2]}", &error));
  g_clear_error (&error);
  g_assert_false (cairn_label_skeleton_from_json (loose, "{\"points\": [\"a\"], \"sigmas\": "
                                                  "[0]}", &error));
  g_clear_error (&error);
  g_assert_true (cairn_label_skeleton_from_json (loose, "{\"points\": [\"a\"]}", &error));
  g_assert_cmpuint (loose->sigmas->len, ==, 0);

  /* Points 6 px off on a 100 px object: apart under σ 0.01, together under σ 1. */
  for (guint i = 0; i < 2; i++)
    {
      CairnAnnotation *k = cairn_annotation_new (CAIRN_KIND_KEYPOINTS);

      k->label_id = label->id;
      g_array_append_vals (k->coords, i ? rb : ra, 9);
      g_ptr_array_add (i ? b : a, k);
    }
  g_ptr_array_add (labels, back);
  cairn_keypoint_counts_add_with_labels (&tight, a, b, 0.5, labels);
  g_array_index (back->sigmas, double, 0) = g_array_index (back->sigmas, double, 1) =
    g_array_index (back->sigmas, double, 2) = 1.0;
  cairn_keypoint_counts_add_with_labels (&wide, a, b, 0.5, labels);
  cairn_keypoint_counts_add (&plain, a, b, 0.5);
  g_assert_cmpuint (tight.matched, ==, 0);
  g_assert_cmpuint (wide.matched, ==, 1);
  g_assert_cmpuint (plain.matched, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/guide/versions", test_versions);
  ADD ("/guide/recheck", test_recheck);
  ADD ("/guide/confirm", test_confirm);
  ADD ("/guide/delete-settles-flags", test_delete_settles_flags);
  ADD ("/guide/labels/rename", test_rename);
  ADD ("/guide/labels/merge", test_merge);
  ADD ("/guide/schema", test_schema);
  ADD ("/guide/notes", test_notes);
  ADD ("/guide/notes/promote", test_promote);
  ADD ("/guide/plan", test_plan);
  ADD ("/guide/skeleton-sigmas", test_sigmas);
  g_test_add_func ("/guide/notes/regions", test_regions);
  guide_add_render_tests ();
  guide_add_picture_tests ();
  return g_test_run ();
}
