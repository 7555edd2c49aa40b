#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAIRN_QUALITY_ERROR (cairn_quality_error_quark ())
GQuark cairn_quality_error_quark (void);

typedef enum
{
  CAIRN_QUALITY_ERROR_INVALID,  /* malformed input: a CSV cell, a count, a level the data can't have */
  CAIRN_QUALITY_ERROR_RATERS,   /* the wrong number of raters, or one that isn't there */
} CairnQualityError;

/* A reliability data matrix: items × raters, each cell a category or missing. Categories are
 * kept as the text they were given; when every category reads as a number they are ordered by
 * value (and weighted kappa, ordinal, interval and ratio alpha may use them), otherwise by
 * their text. */
typedef struct _CairnRatings CairnRatings;

/* How a CSV table lays out its ratings (the first column is always an id, the first row a
 * header). */
typedef enum
{
  CAIRN_LAYOUT_ITEMS,   /* one row per item, one column per rater */
  CAIRN_LAYOUT_RATERS,  /* one row per rater, one column per item */
  CAIRN_LAYOUT_COUNTS,  /* one row per item, one column per category: how many raters chose it */
} CairnRatingsLayout;

CairnRatings *cairn_ratings_new          (void);
CairnRatings *cairn_ratings_copy         (const CairnRatings *self);
void          cairn_ratings_free         (CairnRatings *self);

/* Both return the index; adding a name that exists returns the existing index. */
guint         cairn_ratings_add_item     (CairnRatings *self,
                                          const char   *id);
guint         cairn_ratings_add_rater    (CairnRatings *self,
                                          const char   *name);
/* category NULL or blank = missing. */
void          cairn_ratings_set          (CairnRatings *self,
                                          guint         item,
                                          guint         rater,
                                          const char   *category);
/* The category's rank in the sorted category list, or -1 when missing. */
gint          cairn_ratings_get          (const CairnRatings *self,
                                          guint               item,
                                          guint               rater);

guint         cairn_ratings_get_n_items      (const CairnRatings *self);
guint         cairn_ratings_get_n_raters     (const CairnRatings *self);
guint         cairn_ratings_get_n_categories (const CairnRatings *self);
const char   *cairn_ratings_get_item_id      (const CairnRatings *self,
                                              guint               item);
const char   *cairn_ratings_get_rater        (const CairnRatings *self,
                                              guint               rater);
/* -1 when there is none by that name. */
gint          cairn_ratings_find_rater       (const CairnRatings *self,
                                              const char         *name);
/* Sorted: by value when numeric, else by text. */
const char   *cairn_ratings_get_category     (const CairnRatings *self,
                                              guint               rank);
gboolean      cairn_ratings_is_numeric       (const CairnRatings *self);
/* The category's value; only meaningful when cairn_ratings_is_numeric(). */
double        cairn_ratings_get_value        (const CairnRatings *self,
                                              guint               rank);
/* How many items have at least one rating. */
guint         cairn_ratings_count_rated_items (const CairnRatings *self);

/* A copy with only these raters, in this order. */
CairnRatings *cairn_ratings_select_raters    (const CairnRatings *self,
                                              const guint        *raters,
                                              guint               n_raters);
/* names: "A,B,C". Fails with CAIRN_QUALITY_ERROR_RATERS naming the missing one. */
CairnRatings *cairn_ratings_select_raters_by_name (const CairnRatings *self,
                                                   const char         *names,
                                                   GError            **error);

/* A table of counts: for each item, that many ratings of each category, put in rater slots
 * "1", "2", ... (raters are anonymous in such a table). */
CairnRatings *cairn_ratings_new_from_counts  (const guint        *counts,
                                              guint               n_items,
                                              guint               n_categories,
                                              const char *const  *categories);
/* The counts table of self: n_items × n_categories, in sorted category order. */
guint        *cairn_ratings_to_counts        (const CairnRatings *self);

CairnRatings *cairn_ratings_load_csv         (const char         *path,
                                              CairnRatingsLayout  layout,
                                              GError            **error);
gboolean      cairn_ratings_layout_from_string (const char         *name,
                                                CairnRatingsLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnRatings, cairn_ratings_free)

G_END_DECLS
