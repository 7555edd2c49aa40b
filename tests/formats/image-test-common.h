#pragma once

#include "formats/cairn-format.h"

G_BEGIN_DECLS

/* A project in a fresh temporary folder; removed with everything in it by image_test_free. */
typedef struct
{
  char       *dir;
  char       *path;
  CairnStore *store;
} ImageTest;

ImageTest  *image_test_new           (void);
void        image_test_free          (ImageTest *test);
char       *image_test_data          (const char *format,
                                      const char *name);
/* Imports and asserts success; returns the report. */
CairnImportReport *image_test_import (ImageTest  *test,
                                      const char *format,
                                      const char *path,
                                      const CairnFormatOptions *options);
/* Imports expecting failure: the error must mention every string in must_contain, and the
 * project must be left exactly as it was. */
void        image_test_import_fails  (ImageTest          *test,
                                      const char         *format,
                                      const char         *path,
                                      const char *const  *must_contain);
/* Every image item of a has one in b with the same basename, carrying the same annotations:
 * kind, label name, geometry within tolerance, text and attributes. */
void        image_test_assert_same   (ImageTest *a,
                                      ImageTest *b,
                                      double     tolerance);
/* The item whose uri ends with name. */
CairnItem  *image_test_find_item     (ImageTest  *test,
                                      const char *name);
/* The annotations of that item with this label (or any, label NULL) and kind (or -1). */
GPtrArray  *image_test_annotations   (ImageTest  *test,
                                      const char *item_name,
                                      const char *label,
                                      gint        kind);
gint64      image_test_count_annotations (ImageTest *test);
/* A PNG of solid colour, for formats that need real images. */
void        image_test_write_png     (const char *path,
                                      int         width,
                                      int         height,
                                      guint32     rgba);
char       *image_test_read_text     (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageTest, image_test_free)

G_END_DECLS
