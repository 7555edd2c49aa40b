#include <gdk-pixbuf/gdk-pixbuf.h>

#include "every-kind.h"
#include "formats/cairn-format-folder.h"
#include "model/cairn-rle.h"

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

  if (!cairn_store_add_annotation (store, a, &error))
    g_error ("every-kind: %s", error->message);
}

static gint64
add_png (CairnStore *store, const char *media_dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (media_dir, "street <1> & \"a\".png", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_mkdir_with_parents (media_dir, 0755);
  if (!gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
    g_error ("every-kind: %s", error->message);
  id = cairn_format_folder_import_file (store, path, NULL, NULL, &error);
  if (id <= 0)
    g_error ("every-kind: %s", error->message);
  return id;
}

void
every_kind_fill (CairnStore *store,
                 const char *media_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) reference = cairn_item_new (CAIRN_ITEM_IMAGE);
  g_autoptr(CairnItem) text = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(CairnItem) audio = cairn_item_new (CAIRN_ITEM_AUDIO);
  g_autoptr(CairnLabel) thing = cairn_label_new ("물체 \"big\" <b>&amp;");
  g_autoptr(CairnLabel) person = cairn_label_new ("person, walking");
  static const guint8 bits[6] = { 1, 0, 1, 1, 0, 0 };
  CairnAnnotation *a, *s1, *s2;
  gint64 image;

  image = add_png (store, media_dir);
  reference->uri = g_strdup ("missing/far away.png");
  reference->width = 640;
  reference->height = 480;
  reference->split = g_strdup ("train");
  text->text = g_strdup ("김민지는 서울시청에서 일한다. e\xcc\x81 ok");
  audio->uri = g_strdup ("missing/clip.wav");
  audio->duration_ms = 5000;
  if (!cairn_store_add_item (store, reference, &error) || !cairn_store_add_item (store, text, &error)
      || !cairn_store_add_item (store, audio, &error)
      || !cairn_label_skeleton_from_json (person, "{\"points\":[\"head\",\"neck\"],"
                                          "\"edges\":[[0,1]]}", &error)
      || !cairn_store_add_label (store, thing, &error)
      || !cairn_store_add_label (store, person, &error))
    g_error ("every-kind: %s", error->message);

  for (guint pass = 0; pass < 2; pass++)
    {
      gint64 item = pass == 0 ? image : reference->id;
      double cuboid[16];

      a = annotation (CAIRN_KIND_TAG, item, thing->id), add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_BOX, item, thing->id);
      cairn_annotation_set_box (a, 10.5, 20.25, 30.125, 20);
      json_object_set_string_member (a->attributes, "note", "a \"quoted\" <note> & more");
      a->score = 0.5;
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_RBOX, item, thing->id);
      cairn_annotation_set_coords (a, (double[]) { 30, 20, 10, 8, 12.5 }, 5);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_ELLIPSE, item, thing->id);
      cairn_annotation_set_coords (a, (double[]) { 20, 20, 6, 4, -45 }, 5);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_POLYGON, item, thing->id);
      cairn_annotation_add_ring (a, (double[]) { 0, 0, 40, 0, 40, 40, 0, 40 }, 4);
      cairn_annotation_add_ring (a, (double[]) { 10, 10, 20, 10, 15, 20 }, 3);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_POLYLINE, item, thing->id);
      cairn_annotation_add_ring (a, (double[]) { 1, 1, 2, 3, 5, 8 }, 3);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_POINTS, item, thing->id);
      cairn_annotation_set_coords (a, (double[]) { 3, 4, 5, 6 }, 4);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_KEYPOINTS, item, person->id);
      cairn_annotation_set_coords (a, (double[]) { 30, 30, 2, 30, 45, 1 }, 6);
      add (store, a), cairn_annotation_free (a);
      for (int i = 0; i < 16; i++)
        cuboid[i] = 5 + i * 2.5;
      a = annotation (CAIRN_KIND_CUBOID, item, thing->id);
      cairn_annotation_set_coords (a, cuboid, 16);
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_MASK, item, thing->id);
      cairn_annotation_set_mask (a, cairn_rle_from_bitmap (bits, 2, 3));
      add (store, a), cairn_annotation_free (a);
      a = annotation (CAIRN_KIND_OCR, item, thing->id);
      cairn_annotation_set_box (a, 5, 5, 20, 12);
      cairn_annotation_set_text (a, "정지 \"STOP\" <&>");
      add (store, a), cairn_annotation_free (a);
    }

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
  cairn_annotation_set_text (a, "Kim Minji works at \"Seoul\" <City> Hall & more.");
  add (store, a), cairn_annotation_free (a);
  a = annotation (CAIRN_KIND_SEGMENT, audio->id, 0);
  cairn_annotation_set_coords (a, (double[]) { 120, 1890 }, 2);
  cairn_annotation_set_text (a, "안녕하세요 \"hi\" <v>");
  a->speaker = g_strdup ("A & B");
  add (store, a), cairn_annotation_free (a);
}
