#pragma once

#include <gtk/gtk.h>

#include "cairn-label-row.h"

G_BEGIN_DECLS

/* The eye of a palette row: shows or hides the label's shapes and masks on the canvas (its
 * "active" is the row's "shown"). */
#define CAIRN_TYPE_LABEL_EYE (cairn_label_eye_get_type ())
G_DECLARE_FINAL_TYPE (CairnLabelEye, cairn_label_eye, CAIRN, LABEL_EYE, GtkToggleButton)

CairnLabelRow *cairn_label_eye_get_row (CairnLabelEye *self);
void           cairn_label_eye_set_row (CairnLabelEye *self,
                                        CairnLabelRow *row);

G_END_DECLS
