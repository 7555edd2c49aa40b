#pragma once

#include <gtk/gtk.h>

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Every annotator's version of one item side by side: a panel each, the picture with their
 * shapes (or, for text and audio, their annotations as lines), what the other shown versions
 * lack highlighted. Versions can be hidden one by one. Reads only; decisions are the review
 * window's. */
#define CAIRN_TYPE_REVIEW_COMPARE (cairn_review_compare_get_type ())
G_DECLARE_FINAL_TYPE (CairnReviewCompare, cairn_review_compare, CAIRN, REVIEW_COMPARE, GtkWidget)

GtkWidget  *cairn_review_compare_new               (void);
/* Loads the item's annotations (and picture) from store; item NULL clears. */
gboolean    cairn_review_compare_set_item          (CairnReviewCompare *self,
                                                    CairnStore         *store,
                                                    const CairnItem    *item,
                                                    GError            **error);
guint       cairn_review_compare_get_n_versions    (CairnReviewCompare *self);
gint64      cairn_review_compare_get_annotator     (CairnReviewCompare *self,
                                                    guint               index);
const char *cairn_review_compare_get_annotator_name (CairnReviewCompare *self,
                                                     guint               index);
void        cairn_review_compare_set_visible       (CairnReviewCompare *self,
                                                    gint64              annotator_id,
                                                    gboolean            visible);
gboolean    cairn_review_compare_get_visible       (CairnReviewCompare *self,
                                                    gint64              annotator_id);
/* Annotations the other shown versions have no match for. */
guint       cairn_review_compare_get_n_differences (CairnReviewCompare *self);

G_END_DECLS
