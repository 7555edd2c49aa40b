#pragma once

/* Helpers for the shape-format tests (LabelMe, CVAT, Label Studio, VIA). */

#include "formats/cairn-format.h"
#include "model/cairn-rle.h"

G_BEGIN_DECLS

typedef struct
{
  char       *dir;     /* a temporary folder, removed with the project */
  CairnStore *store;
} Project;

Project    *project_new          (void);
void        project_free         (Project *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Project, project_free)

/* tests/data/formats/FORMAT/NAME */
char       *fixture_path         (const char *format,
                                  const char *name);
/* Imports and asserts success; returns the report. */
CairnImportReport *import_ok     (Project                  *p,
                                  const char               *format,
                                  const char               *path,
                                  const CairnFormatOptions *options);
/* Imports with --strict, asserts failure with a message holding every given fragment (NULL-terminated) and
 * that the project is exactly as before. Returns the error for more checks. */
GError     *import_fails         (Project    *p,
                                  const char *format,
                                  const char *path,
                                  ...) G_GNUC_NULL_TERMINATED;
void        export_ok            (Project                  *p,
                                  const char               *format,
                                  const char               *out_dir,
                                  const CairnFormatOptions *options);

/* The item whose uri has this basename (images) or 0. */
gint64      find_image           (Project    *p,
                                  const char *basename);
/* Annotations of an item, of one kind (-1 any), as CairnAnnotation *. */
GPtrArray  *annotations_of       (Project *p,
                                  gint64   item_id,
                                  gint     kind);
/* The one annotation of that kind and label on the item (asserts there is exactly one). */
CairnAnnotation *only_annotation (Project    *p,
                                  gint64      item_id,
                                  gint        kind,
                                  const char *label);
char       *label_name           (Project *p,
                                  gint64   label_id);
void        assert_coords        (const CairnAnnotation *a,
                                  const double          *expected,
                                  guint                  n,
                                  double                 tolerance);
gint64      count_annotations    (Project *p);
/* Every item of a (matched to b by uri basename, or by text) has the same annotations in b:
 * same kind, label name, geometry within tolerance, mask, text and attributes. Relations are
 * compared through the spans they join. */
void        assert_same_projects (Project *a,
                                  Project *b,
                                  double   tolerance);
/* A whole JSON attribute value as compact text, for assertions. */
char       *attribute_json       (const CairnAnnotation *a,
                                  const char            *name);

G_END_DECLS
