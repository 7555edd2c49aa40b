/* A small project with three annotators who agree on some items and not on others:
 *   t1: ann cat, bob cat, cy cat          (agree)
 *   t2: ann dog, bob dog, cy cat          (two of three)
 *   t3: ann cat, bob dog                  (disagree; cy never saw it)
 *   t4: ann cat, bob dog                  (disagree)
 *   t5: ann cat + dog, bob cat            (ann's tags are stacked)
 *   s1: "Alice met Bob in Paris." ann PER [0,5) LOC [17,22); bob PER [0,5) LOC [16,22)
 *   i1: ann car (10,10,20,20), bob car (11,10,20,20), cy car (60,60,10,10)
 * plus one model prediction on t1 that no figure may count. */
#pragma once

#include <glib/gstdio.h>

#include "store/cairn-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      ann, bob, cy;
  gint64      cat, dog, per, loc, car;
  gint64      t[6];  /* t[1]..t[5] */
  gint64      s1, i1;
} QualityFixture;

static gint64
fixture_label (CairnStore *store, const char *name)
{
  g_autoptr(CairnLabel) label = cairn_label_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (cairn_store_add_label (store, label, &error));
  g_assert_no_error (error);
  return label->id;
}

static gint64
fixture_text (CairnStore *store, const char *text)
{
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
  g_autoptr(GError) error = NULL;

  item->text = g_strdup (text);
  item->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_true (cairn_store_add_item (store, item, &error));
  g_assert_no_error (error);
  return item->id;
}

static void
fixture_add (CairnStore *store, CairnAnnotation *a, gint64 item, gint64 who, gint64 label)
{
  g_autoptr(CairnAnnotation) owned = a;
  g_autoptr(GError) error = NULL;

  owned->item_id = item;
  owned->annotator_id = who;
  owned->label_id = label;
  g_assert_true (cairn_store_add_annotation (store, owned, &error));
  g_assert_no_error (error);
}

static void
fixture_tag (QualityFixture *f, gint64 item, gint64 who, gint64 label)
{
  fixture_add (f->store, cairn_annotation_new (CAIRN_KIND_TAG), item, who, label);
}

static void
fixture_span (QualityFixture *f, gint64 who, double start, double end, gint64 label)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_SPAN);
  const double c[] = { start, end };

  cairn_annotation_set_coords (a, c, 2);
  fixture_add (f->store, a, f->s1, who, label);
}

static void
fixture_box (QualityFixture *f, gint64 who, double x, double y, double w, double h)
{
  CairnAnnotation *a = cairn_annotation_new (CAIRN_KIND_BOX);

  cairn_annotation_set_box (a, x, y, w, h);
  fixture_add (f->store, a, f->i1, who, f->car);
}

static void
quality_fixture_set_up (QualityFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) image = cairn_item_new (CAIRN_ITEM_IMAGE);
  CairnAnnotation *model;

  f->dir = g_dir_make_tmp ("cairn-quality-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "q.cairn", NULL);
  f->store = cairn_store_create (f->path, "Quality", &error);
  g_assert_no_error (error);
  f->ann = cairn_store_ensure_annotator (f->store, "ann", "annotator", &error);
  f->bob = cairn_store_ensure_annotator (f->store, "bob", "annotator", &error);
  f->cy = cairn_store_ensure_annotator (f->store, "cy", "annotator", &error);
  g_assert_no_error (error);
  f->cat = fixture_label (f->store, "cat");
  f->dog = fixture_label (f->store, "dog");
  f->per = fixture_label (f->store, "PER");
  f->loc = fixture_label (f->store, "LOC");
  f->car = fixture_label (f->store, "car");
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("text number %u", i);
      f->t[i] = fixture_text (f->store, text);
    }
  f->s1 = fixture_text (f->store, "Alice met Bob in Paris.");
  image->uri = g_strdup ("i1.png");
  image->width = 100;
  image->height = 100;
  image->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "i1", -1);
  g_assert_true (cairn_store_add_item (f->store, image, &error));
  f->i1 = image->id;

  fixture_tag (f, f->t[1], f->ann, f->cat);
  fixture_tag (f, f->t[1], f->bob, f->cat);
  fixture_tag (f, f->t[1], f->cy, f->cat);
  fixture_tag (f, f->t[2], f->ann, f->dog);
  fixture_tag (f, f->t[2], f->bob, f->dog);
  fixture_tag (f, f->t[2], f->cy, f->cat);
  fixture_tag (f, f->t[3], f->ann, f->cat);
  fixture_tag (f, f->t[3], f->bob, f->dog);
  fixture_tag (f, f->t[4], f->ann, f->cat);
  fixture_tag (f, f->t[4], f->bob, f->dog);
  fixture_tag (f, f->t[5], f->ann, f->cat);
  fixture_tag (f, f->t[5], f->ann, f->dog);
  fixture_tag (f, f->t[5], f->bob, f->cat);
  fixture_span (f, f->ann, 0, 5, f->per);
  fixture_span (f, f->ann, 17, 22, f->loc);
  fixture_span (f, f->bob, 0, 5, f->per);
  fixture_span (f, f->bob, 16, 22, f->loc);
  fixture_box (f, f->ann, 10, 10, 20, 20);
  fixture_box (f, f->bob, 11, 10, 20, 20);
  fixture_box (f, f->cy, 60, 60, 10, 10);
  model = cairn_annotation_new (CAIRN_KIND_TAG);
  model->origin = CAIRN_ORIGIN_MODEL;
  fixture_add (f->store, model, f->t[1], f->cy, f->dog);
}

static void
quality_fixture_tear_down (QualityFixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}
