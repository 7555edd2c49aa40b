#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Label colours the tests look for in drawn pixels. */
#define FIXTURE_CAT_COLOR    "#E15759"
#define FIXTURE_DOG_COLOR    "#4E79A7"
#define FIXTURE_PERSON_COLOR "#59A14F"
#define FIXTURE_SARAM_COLOR  "#F28E2B"

/* The text item: "사람" is at code points [6, 8), "서울" at [10, 12). */
#define FIXTURE_TEXT "Hello 사람! 서울에서 만나요.\n둘째 줄: café ☕ and more."

typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
  gint64      cat, dog, person, saram;      /* label ids */
  gint64      shapes_image;   /* 400 × 300, one annotation of each image kind + a tag */
  guint       n_shapes;       /* how many of its annotations draw something */
  gint64      wide_image;     /* 1600 × 400, done, one box */
  gint64      text_item;      /* FIXTURE_TEXT with two spans */
  gint64      audio_item;
  gint64      embedded_image; /* 64 × 64, embedded in the project, in review */
  gint64      rotated_image;  /* stored 40 × 20 with EXIF orientation 6: shown 20 × 40 */
  gboolean    keep;           /* made in a folder the caller chose: not deleted */
} Fixture;

/* An RGB PNG filled with one colour and a 1-pixel black frame. */
GdkPixbuf *fixture_pixbuf      (int     width,
                                int     height,
                                guint32 rgb);
gboolean   fixture_write_png   (const char *path,
                                int         width,
                                int         height,
                                guint32     rgb,
                                GError    **error);
/* A temporary folder with test.cairn and its media, as described above. */
Fixture   *fixture_new         (void);
/* The same in dir, which is kept. */
Fixture   *fixture_new_in      (const char *dir);
void       fixture_free        (Fixture *fixture);
gint64     fixture_add_image   (Fixture        *f,
                                const char     *name,
                                int             width,
                                int             height,
                                int             orientation,
                                guint32         rgb,
                                CairnItemState  state,
                                gboolean        embed);
/* Stores the annotation and frees it. */
void       fixture_add_annotation (Fixture         *f,
                                   CairnAnnotation *annotation);
CairnAnnotation *fixture_shape (gint64        item,
                                gint64        label,
                                CairnKind     kind,
                                const double *coords,
                                guint         n);
/* Deletes a folder made for a test, with what is in it (one level deep). */
void       fixture_remove_dir  (const char *dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

G_END_DECLS
