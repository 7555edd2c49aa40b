#pragma once

#include <gtk/gtk.h>

#include "guide/cairn-guide-render.h"
#include "store/cairn-store.h"

G_BEGIN_DECLS

/* The pictures of a guideline's text (the renderer's "picture" placeholders): read from the
 * project file as the version shows them, or from the editor's pictures not yet published;
 * decoded once (at most CAIRN_GUIDELINE_PICTURE_WIDTH wide) and shown no wider than the text
 * (cairn_guideline_pictures_set_width). One that cannot be shown is a "missing picture" sign,
 * and its alt text stays beside it. */
#define CAIRN_GUIDELINE_PICTURE_WIDTH 800

typedef struct _CairnGuidelinePictures CairnGuidelinePictures;

CairnGuidelinePictures *cairn_guideline_pictures_new   (void);
void                    cairn_guideline_pictures_free  (CairnGuidelinePictures *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnGuidelinePictures, cairn_guideline_pictures_free)

/* name → GBytes, shown ahead of the store's (NULL: none). */
void                    cairn_guideline_pictures_set_pending (CairnGuidelinePictures *self,
                                                              GHashTable             *pending);
/* Puts each picture of render into buffer (which holds render's text), in place of its
 * placeholder character: offsets stay as render counts them. */
void                    cairn_guideline_pictures_place (CairnGuidelinePictures *self,
                                                        GtkTextBuffer          *buffer,
                                                        const CairnGuideRender *render,
                                                        CairnStore             *store,
                                                        gint                    version,
                                                        GtkWidget              *widget);
/* The width pictures may take (the text's, in pixels; 0: their own). */
void                    cairn_guideline_pictures_set_width (CairnGuidelinePictures *self,
                                                            int                     width);
/* How many placed pictures were real (not the missing icon), for tests. */
guint                   cairn_guideline_pictures_get_shown (CairnGuidelinePictures *self);

G_END_DECLS
