#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* The guideline beside the work: the newest version rendered from Markdown into text tags,
 * a table of contents, search, and the section of the current label highlighted and scrolled
 * to (the label's schema anchor, else the heading that is its name). */
#define CAIRN_TYPE_GUIDELINE_PANEL (cairn_guideline_panel_get_type ())
G_DECLARE_FINAL_TYPE (CairnGuidelinePanel, cairn_guideline_panel, CAIRN, GUIDELINE_PANEL,
                      GtkWidget)

GtkWidget     *cairn_guideline_panel_new         (void);
/* Reads the newest version; NULL shows nothing. */
void           cairn_guideline_panel_set_store   (CairnGuidelinePanel *self,
                                                  CairnStore          *store);
/* Shows this Markdown instead of the store's (the editor's live preview); version 0 for a
 * draft. */
void           cairn_guideline_panel_show_markdown (CairnGuidelinePanel *self,
                                                    gint                 version,
                                                    const char          *markdown);
GtkTextBuffer *cairn_guideline_panel_get_buffer  (CairnGuidelinePanel *self);
/* Pictures not in the project yet (name → GBytes), which the preview shows: the editor's. */
void           cairn_guideline_panel_set_pending_pictures (CairnGuidelinePanel *self,
                                                           GHashTable          *pictures);
/* How many pictures the text shows (missing ones not counted). */
guint          cairn_guideline_panel_get_n_pictures (CairnGuidelinePanel *self);
/* The anchor of the section shown for the current label, or NULL. */
const char    *cairn_guideline_panel_get_anchor  (CairnGuidelinePanel *self);
/* Shows the section of a label (0: none). The "label-id" property does the same. */
void           cairn_guideline_panel_show_label  (CairnGuidelinePanel *self,
                                                  gint64               label_id);
gboolean       cairn_guideline_panel_show_anchor (CairnGuidelinePanel *self,
                                                  const char          *anchor);

G_END_DECLS
