#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Writing the next guideline version: Markdown on the left, the rendered preview on the
 * right as the panel will show it, the sections changed since the current version counted as
 * one types. Publish stores it with its summary and applies the re-check rule; emits
 * "published" with the new version, then closes. */
#define CAIRN_TYPE_GUIDELINE_EDITOR (cairn_guideline_editor_get_type ())
G_DECLARE_FINAL_TYPE (CairnGuidelineEditor, cairn_guideline_editor, CAIRN, GUIDELINE_EDITOR,
                      GtkWindow)

CairnGuidelineEditor *cairn_guideline_editor_new     (GtkWindow            *parent,
                                                      CairnStore           *store);
/* The source buffer (tests type into it). */
GtkTextBuffer        *cairn_guideline_editor_get_source (CairnGuidelineEditor *self);
/* Renders the preview now rather than after the typing pause (tests). */
void                  cairn_guideline_editor_update  (CairnGuidelineEditor *self);
/* As Publish would; FALSE (shown in the status line) when refused. */
gboolean              cairn_guideline_editor_publish (CairnGuidelineEditor *self,
                                                      const char           *summary);

/* Inserts the picture at path at the cursor, as the Insert Picture button does. */
gboolean              cairn_guideline_editor_insert_picture (CairnGuidelineEditor *self,
                                                             const char           *path,
                                                             GError              **error);

G_END_DECLS
