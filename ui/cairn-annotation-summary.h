#pragma once

#include <gtk/gtk.h>

#include "model/cairn-annotation.h"

G_BEGIN_DECLS

/* The inspector of the text and audio panes until their tools arrive: how many spans (or
 * segments) the item has under each label. */
#define CAIRN_TYPE_ANNOTATION_SUMMARY (cairn_annotation_summary_get_type ())
G_DECLARE_FINAL_TYPE (CairnAnnotationSummary, cairn_annotation_summary, CAIRN,
                      ANNOTATION_SUMMARY, GtkWidget)

GtkWidget *cairn_annotation_summary_new  (void);
/* annotations, labels: may be NULL; only annotations of kind are counted. */
void       cairn_annotation_summary_show (CairnAnnotationSummary *self,
                                          GPtrArray              *annotations,
                                          GPtrArray              *labels,
                                          CairnKind               kind);

G_END_DECLS
