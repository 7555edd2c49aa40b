#pragma once

#include <gtk/gtk.h>

#include "cairn-shape-inspector.h"
#include "cairn-annotation-summary.h"

G_BEGIN_DECLS

/* The text pane's sidebar: the selected span or relation (its text and place, its label and
 * attributes through the shape inspector), how selections snap (words, eojeol, the project's
 * particle list), whether a label set takes one class or several, and the counts per label. */
#define CAIRN_TYPE_TEXT_INSPECTOR (cairn_text_inspector_get_type ())
G_DECLARE_FINAL_TYPE (CairnTextInspector, cairn_text_inspector, CAIRN, TEXT_INSPECTOR, GtkWidget)

GtkWidget              *cairn_text_inspector_new               (void);
/* title NULL: nothing selected. */
void                    cairn_text_inspector_show_selection    (CairnTextInspector *self,
                                                                const char         *title,
                                                                const char         *place);
CairnShapeInspector    *cairn_text_inspector_get_shape         (CairnTextInspector *self);
CairnAnnotationSummary *cairn_text_inspector_get_summary       (CairnTextInspector *self);
GtkCheckButton         *cairn_text_inspector_get_snap_words    (CairnTextInspector *self);
GtkCheckButton         *cairn_text_inspector_get_snap_particles (CairnTextInspector *self);
GtkCheckButton         *cairn_text_inspector_get_single_class  (CairnTextInspector *self);
GtkEntry               *cairn_text_inspector_get_particles     (CairnTextInspector *self);
GtkEntry               *cairn_text_inspector_get_whole_words   (CairnTextInspector *self);

G_END_DECLS
