#pragma once

#include <gtk/gtk.h>

#include "model/cairn-annotation.h"

G_BEGIN_DECLS

/* The canvas's inspector: what the selected shape is, its label (changed from here as an
 * edit), who made it and where it is. */
#define CAIRN_TYPE_SHAPE_INSPECTOR (cairn_shape_inspector_get_type ())
G_DECLARE_FINAL_TYPE (CairnShapeInspector, cairn_shape_inspector, CAIRN, SHAPE_INSPECTOR,
                      GtkWidget)

GtkWidget *cairn_shape_inspector_new  (void);
/* annotation NULL: nothing selected. labels: CairnLabel in palette order; who may be NULL. */
void       cairn_shape_inspector_show (CairnShapeInspector   *self,
                                       const CairnAnnotation *annotation,
                                       GPtrArray             *labels,
                                       const char            *who);

G_END_DECLS
