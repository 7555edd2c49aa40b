/* Cairn JSON: every annotation kind survives export → import into a fresh project. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "formats/cairn-format.h"
#include "model/cairn-rle.h"
#include "store/cairn-store-guide.h"

static char *
temp_project (const char *dir, const char *name, CairnStore **store)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  *store = cairn_store_create (path, name, &error);
  g_assert_no_error (error);
  return path;
}

static CairnAnnotation *
annotation (CairnKind kind, gint64 item, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (kind);

  a->item_id = item;
  a->label_id = label;
  return a;
}

static void
add (CairnStore *store, CairnAnnotation *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
}

static void
fill (CairnStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnItem) text = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnItem) audio = cairn_item_new (CAIRN_ITEM_AUDIO);
  g_autoptr(CairnLabel) thing = cairn_label_new ("물체");
  g_autoptr(CairnLabel) person = cairn_label_new ("person");
  static const guint8 bits[6] = { 1, 0, 1, 1, 0, 0 };
  CairnAnnotation *a, *s1, *s2;
  gint64 who;

  image->uri = g_strdup ("missing/street.png");
  image->width = 640;
  image->height = 480;
  image->split = g_strdup ("train");
  text->text = g_strdup ("김민지는 서울시청에서 일한다.");
  audio->uri = g_strdup ("missing/clip.wav");
  g_assert_true (cairn_store_add_item (store, image, &error));
  g_assert_true (cairn_store_add_item (store, text, &error));
  g_assert_true (cairn_store_add_item (store, audio, &error));
  thing->hotkey = g_strdup ("t");
  json_array_add_object_element (thing->attributes, json_object_new ());
  json_object_set_string_member (json_array_get_object_element (thing->attributes, 0), "name",
                                 "occluded");
  g_assert_true (cairn_label_skeleton_from_json (person, "{\"points\":[\"head\",\"neck\"],"
                                                 "\"edges\":[[0,1]]}", &error));
  g_assert_true (cairn_store_add_label (store, thing, &error));
  g_assert_true (cairn_store_add_label (store, person, &error));
  g_assert_cmpint (cairn_store_add_guideline (store, "v1", "# 지침\n상자는 꼭 맞게.", &error), ==, 1);
  who = cairn_store_ensure_annotator (store, "민지", "annotator", &error);
  cairn_store_set_actor (store, who);

  a = annotation (CAIRN_KIND_TAG, image->id, thing->id), add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_BOX, image->id, thing->id);
  cairn_annotation_set_box (a, 10.5, 20.25, 100.125, 50);
  json_object_set_boolean_member (a->attributes, "occluded", TRUE);
  a->score = 0.5;
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_RBOX, image->id, thing->id);
  cairn_annotation_set_coords (a, (double[]) { 100, 100, 40, 20, 12.5 }, 5);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_ELLIPSE, image->id, thing->id);
  cairn_annotation_set_coords (a, (double[]) { 200, 100, 30, 10, -45 }, 5);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_POLYGON, image->id, thing->id);
  cairn_annotation_add_ring (a, (double[]) { 0, 0, 50, 0, 50, 50, 0, 50 }, 4);
  cairn_annotation_add_ring (a, (double[]) { 10, 10, 20, 10, 15, 20 }, 3);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_POLYLINE, image->id, thing->id);
  cairn_annotation_add_ring (a, (double[]) { 1, 1, 2, 3, 5, 8 }, 3);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_POINTS, image->id, thing->id);
  cairn_annotation_set_coords (a, (double[]) { 3, 4, 5, 6 }, 4);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_KEYPOINTS, image->id, person->id);
  cairn_annotation_set_coords (a, (double[]) { 30, 30, 2, 30, 45, 1 }, 6);
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_CUBOID, image->id, thing->id);
  {
    double v[16];
    for (int i = 0; i < 16; i++)
      v[i] = 300 + i * 2.5;
    cairn_annotation_set_coords (a, v, 16);
  }
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_MASK, image->id, thing->id);
  cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 2, 3));
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_OCR, image->id, thing->id);
  cairn_annotation_set_box (a, 5, 5, 60, 12);
  cairn_annotation_set_text (a, "정지 STOP");
  add (store, a), cairn_annotation_free (a);

  a = annotation (CAIRN_KIND_CLASS, text->id, thing->id), add (store, a), cairn_annotation_free (a);
  s1 = annotation (CAIRN_KIND_SPAN, text->id, person->id);
  cairn_annotation_set_coords (s1, (double[]) { 0, 3 }, 2);
  add (store, s1);
  s2 = annotation (CAIRN_KIND_SPAN, text->id, thing->id);
  cairn_annotation_set_coords (s2, (double[]) { 5, 9 }, 2);
  add (store, s2);
  a = annotation (CAIRN_KIND_RELATION, text->id, thing->id);
  cairn_annotation_set_coords (a, (double[]) { s1->id, s2->id }, 2);
  add (store, a), cairn_annotation_free (a);
  cairn_annotation_free (s1);
  cairn_annotation_free (s2);
  a = annotation (CAIRN_KIND_TARGET, text->id, 0);
  cairn_annotation_set_text (a, "Kim Minji works at Seoul City Hall.");
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_SEGMENT, audio->id, 0);
  cairn_annotation_set_coords (a, (double[]) { 120, 1890 }, 2);
  cairn_annotation_set_text (a, "안녕하세요");
  a->speaker = g_strdup ("A");
  add (store, a), cairn_annotation_free (a);
}

typedef struct
{
  GPtrArray *list;
} Collect;

static gboolean
collect_cb (const CairnAnnotation *a, gpointer data)
{
  g_ptr_array_add (data, cairn_annotation_copy (a));
  return TRUE;
}

static GPtrArray *
all_annotations (CairnStore *store)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_foreach_annotation (store, NULL, collect_cb, list, &error));
  return list;
}

static char *
label_name (CairnStore *store, gint64 id)
{
  g_autoptr(CairnLabel) label = id ? cairn_store_get_label (store, id, NULL) : NULL;

  return g_strdup (label ? label->name : "");
}

/* Two fresh projects and where the first one's export goes. */
typedef struct
{
  char              *dir;
  char              *out;
  char              *json;
  char              *paths[2];
  CairnStore        *first;
  CairnStore        *second;
  CairnImportReport *report;
} Trip;

static void
trip_init (Trip *t)
{
  t->dir = g_dir_make_tmp ("cairn-fmt-XXXXXX", NULL);
  t->out = g_build_filename (t->dir, "out", NULL);
  t->json = g_build_filename (t->out, "project.json", NULL);
  t->paths[0] = temp_project (t->dir, "one.cairn", &t->first);
  t->paths[1] = temp_project (t->dir, "two.cairn", &t->second);
  t->report = cairn_import_report_new ();
}

static void
trip_clear (Trip *t)
{
  g_clear_object (&t->first);
  g_clear_object (&t->second);
  g_clear_pointer (&t->report, cairn_import_report_free);
  g_free (t->paths[0]);
  g_free (t->paths[1]);
  g_free (t->json);
  g_free (t->out);
  g_free (t->dir);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Trip, trip_clear)

/* Exports the first project and imports the file into the second. */
static void
trip_run (Trip *t)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_format_export (t->first, "cairn", t->out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cairn_format_import (t->second, "cairn", t->json, NULL, t->report, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_auto(Trip) t = { 0 };
  CairnStore *first, *second;
  CairnImportReport *report;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = NULL, b = NULL;
  g_autoptr(CairnLabel) person = NULL;
  g_autofree char *guide = NULL;

  trip_init (&t);
  first = t.first;
  second = t.second;
  report = t.report;
  fill (first);
  trip_run (&t);
  /* The media files do not exist: the items come back as references, with a warning each. */
  g_assert_cmpuint (report->items_added, ==, 3);
  g_assert_cmpuint (report->warnings->len, ==, 2);
  a = all_annotations (first);
  b = all_annotations (second);
  g_assert_cmpuint (a->len, ==, CAIRN_N_KINDS + 1); /* two spans for the relation */
  g_assert_cmpuint (b->len, ==, a->len);
  for (guint i = 0; i < a->len; i++)
    {
      CairnAnnotation *x = a->pdata[i], *y = b->pdata[i];
      g_autofree char *lx = label_name (first, x->label_id), *ly = label_name (second, y->label_id);

      g_test_message ("%s", cairn_kind_to_string (x->kind));
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (lx, ==, ly);
      if (x->kind != CAIRN_KIND_RELATION)
        {
          y->label_id = x->label_id;
          g_assert_true (cairn_annotation_equal (x, y, 1e-9));
        }
      g_assert_cmpfloat (x->score, ==, y->score);
    }
  person = cairn_store_find_label (second, "person", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (person->points->len, ==, 2);
  guide = cairn_store_get_guideline (second, 1, NULL, &error);
  g_assert_cmpstr (guide, ==, "# 지침\n상자는 꼭 맞게.");
}

/* Every exporter asks the one lookup: an annotator the project does not have is an error (the
 * Cairn export used to add one), the same message for each. */
static void
test_unknown_annotator (void)
{
  static const char *const formats[] = { "cairn", "coco", "yolo", "voc", "masks", "labelme",
                                         "cvat", "labelstudio", "via", "conll", "jsonl", "csv" };
  g_autofree char *dir = g_dir_make_tmp ("cairn-fmt-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(CairnStore) store = NULL;
  g_autofree char *path = temp_project (dir, "one.cairn", &store);
  CairnFormatOptions options = { .annotator = "nobody" };
  g_autoptr(GPtrArray) before = NULL, after = NULL;

  fill (store);
  before = cairn_store_list_annotators (store, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cairn_format_export (store, formats[i], out, &options, &error));
      g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
      g_assert_cmpstr (error->message, ==, "no annotator called “nobody” in this project");
    }
  after = cairn_store_list_annotators (store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

static GBytes *
png_bytes (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 12, 8);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  return g_bytes_new_take (data, size);
}

/* The guideline's pictures go into the file once (with the version that brought or changed
 * them) and come back as each version showed them. */
static void
test_pictures (void)
{
  g_auto(Trip) t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) red = png_bytes (0xff0000ff), blue = png_bytes (0x0000ffff);
  g_autoptr(GBytes) v1 = NULL, v2 = NULL, v3 = NULL;
  g_autofree char *text = NULL;
  const char *const md[] = { "# G\n![x](img/x.png)\n", "# G\nSame: ![x](img/x.png)\n",
                             "# G\nBlue: ![x](img/x.png)\n" };

  trip_init (&t);
  for (guint i = 0; i < 3; i++)
    {
      gint v = cairn_store_add_guideline (t.first, NULL, md[i], &error);

      g_assert_cmpint (v, ==, (gint) i + 1);
      g_assert_true (cairn_store_add_guideline_image (t.first, "img/x.png", v,
                                                      i < 2 ? red : blue, &error));
    }
  trip_run (&t);
  g_assert_true (g_file_get_contents (t.json, &text, NULL, NULL));
  /* Red with v1, blue with v3; v2 kept red and brings nothing. */
  {
    guint n = 0;

    for (const char *p = strstr (text, "\"images\""); p; p = strstr (p + 1, "\"images\""))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  g_assert_cmpuint (t.report->warnings->len, ==, 0);
  v1 = cairn_store_get_guideline_image (t.second, "img/x.png", 1, &error);
  v2 = cairn_store_get_guideline_image (t.second, "img/x.png", 2, &error);
  v3 = cairn_store_get_guideline_image (t.second, "img/x.png", 3, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (v1, red));
  g_assert_true (g_bytes_equal (v2, red));
  g_assert_true (g_bytes_equal (v3, blue));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/formats/cairn/round-trip", test_round_trip);
  g_test_add_func ("/formats/cairn/unknown-annotator", test_unknown_annotator);
  g_test_add_func ("/formats/cairn/guideline-pictures", test_pictures);
  return g_test_run ();
}
