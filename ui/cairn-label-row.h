#pragma once

#include <gio/gio.h>

#include "model/cairn-label.h"

G_BEGIN_DECLS

/* One row of the labels palette. */
#define CAIRN_TYPE_LABEL_ROW (cairn_label_row_get_type ())
G_DECLARE_FINAL_TYPE (CairnLabelRow, cairn_label_row, CAIRN, LABEL_ROW, GObject)

CairnLabelRow    *cairn_label_row_new       (const CairnLabel *label);
/* With its place in the palette, shown with its hotkey ("3 · u"); -1 for none. */
CairnLabelRow    *cairn_label_row_new_at    (const CairnLabel *label,
                                             int               position);
const CairnLabel *cairn_label_row_get_label (CairnLabelRow *self);
/* "shown" is the opposite: what the eye in the row binds to. */
gboolean          cairn_label_row_get_hidden (CairnLabelRow *self);
void              cairn_label_row_set_hidden (CairnLabelRow *self,
                                              gboolean       hidden);
void              cairn_label_row_set_can_hide (CairnLabelRow *self,
                                                gboolean       can_hide);

G_END_DECLS
