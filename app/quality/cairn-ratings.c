#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cairn-ratings.h"
#include "model/cairn-csv.h"

struct _CairnRatings
{
  GPtrArray  *item_ids;     /* char * */
  GHashTable *item_index;   /* id → index + 1 */
  GPtrArray  *raters;       /* char * */
  GHashTable *rater_index;  /* name → index + 1 */
  GPtrArray  *rows;         /* GArray of gint codes per item, -1 = missing */
  GPtrArray  *categories;   /* char *, in the order first seen (code order) */
  GHashTable *category_code; /* name → code + 1 */
  /* Sorted view, rebuilt when a category was added since. */
  gboolean    dirty;
  gboolean    numeric;
  GArray     *rank_of_code; /* guint */
  GArray     *code_of_rank; /* guint */
  GArray     *values;       /* double by rank */
};

G_DEFINE_QUARK (cairn-quality-error-quark, cairn_quality_error)

CairnRatings *
cairn_ratings_new (void)
{
  CairnRatings *self = g_new0 (CairnRatings, 1);

  self->item_ids = g_ptr_array_new_with_free_func (g_free);
  self->item_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->raters = g_ptr_array_new_with_free_func (g_free);
  self->rater_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->category_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->rank_of_code = g_array_new (FALSE, FALSE, sizeof (guint));
  self->code_of_rank = g_array_new (FALSE, FALSE, sizeof (guint));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
cairn_ratings_free (CairnRatings *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->item_index);
  g_ptr_array_unref (self->item_ids);
  g_hash_table_unref (self->rater_index);
  g_ptr_array_unref (self->raters);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->category_code);
  g_ptr_array_unref (self->categories);
  g_array_unref (self->rank_of_code);
  g_array_unref (self->code_of_rank);
  g_array_unref (self->values);
  g_free (self);
}

static guint
intern (GPtrArray *names, GHashTable *index, const char *name, gboolean *added)
{
  gpointer found = g_hash_table_lookup (index, name);
  char *copy;

  if (added)
    *added = found == NULL;
  if (found)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_strdup (name);
  g_ptr_array_add (names, copy);
  g_hash_table_insert (index, copy, GUINT_TO_POINTER (names->len));
  return names->len - 1;
}

guint
cairn_ratings_add_item (CairnRatings *self, const char *id)
{
  gboolean added;
  guint index;

  g_return_val_if_fail (self != NULL && id != NULL, 0);
  index = intern (self->item_ids, self->item_index, id, &added);
  if (added)
    {
      GArray *row = g_array_new (FALSE, FALSE, sizeof (gint));
      gint missing = -1;

      for (guint r = 0; r < self->raters->len; r++)
        g_array_append_val (row, missing);
      g_ptr_array_add (self->rows, row);
    }
  return index;
}

guint
cairn_ratings_add_rater (CairnRatings *self, const char *name)
{
  gboolean added;
  guint index;

  g_return_val_if_fail (self != NULL && name != NULL, 0);
  index = intern (self->raters, self->rater_index, name, &added);
  if (added)
    for (guint i = 0; i < self->rows->len; i++)
      {
        gint missing = -1;
        g_array_append_val ((GArray *) self->rows->pdata[i], missing);
      }
  return index;
}

static gboolean
parse_number (const char *text, double *value)
{
  char *end;
  double v;

  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

void
cairn_ratings_set (CairnRatings *self, guint item, guint rater, const char *category)
{
  g_autofree char *trimmed = NULL;
  gint code = -1;
  gboolean added;

  g_return_if_fail (self != NULL);
  g_return_if_fail (item < self->rows->len && rater < self->raters->len);
  if (category)
    trimmed = g_strstrip (g_strdup (category));
  if (trimmed && *trimmed)
    {
      code = (gint) intern (self->categories, self->category_code, trimmed, &added);
      if (added)
        self->dirty = TRUE;
    }
  g_array_index ((GArray *) self->rows->pdata[item], gint, rater) = code;
}

static int
compare_ranks (gconstpointer a, gconstpointer b, gpointer data)
{
  const CairnRatings *self = data;
  guint ca = *(const guint *) a, cb = *(const guint *) b;
  const char *na = self->categories->pdata[ca], *nb = self->categories->pdata[cb];

  if (self->numeric)
    {
      double va = g_ascii_strtod (na, NULL), vb = g_ascii_strtod (nb, NULL);
      if (va != vb)
        return va < vb ? -1 : 1;
    }
  return strcmp (na, nb);
}

/* The sorted view is a cache: const getters rebuild it when categories were added. */
static void
ensure_sorted (const CairnRatings *cself)
{
  CairnRatings *self = (CairnRatings *) cself;
  guint n = self->categories->len;

  if (!self->dirty && self->code_of_rank->len == n)
    return;
  self->numeric = TRUE;
  for (guint c = 0; c < n; c++)
    {
      double v;
      if (!parse_number (self->categories->pdata[c], &v))
        self->numeric = FALSE;
    }
  g_array_set_size (self->code_of_rank, n);
  g_array_set_size (self->rank_of_code, n);
  g_array_set_size (self->values, n);
  for (guint c = 0; c < n; c++)
    g_array_index (self->code_of_rank, guint, c) = c;
  g_array_sort_with_data (self->code_of_rank, compare_ranks, self);
  for (guint r = 0; r < n; r++)
    {
      guint code = g_array_index (self->code_of_rank, guint, r);
      double v = 0;

      g_array_index (self->rank_of_code, guint, code) = r;
      if (self->numeric)
        parse_number (self->categories->pdata[code], &v);
      g_array_index (self->values, double, r) = v;
    }
  self->dirty = FALSE;
}

gint
cairn_ratings_get (const CairnRatings *self, guint item, guint rater)
{
  gint code;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (item < self->rows->len && rater < self->raters->len, -1);
  code = g_array_index ((GArray *) self->rows->pdata[item], gint, rater);
  if (code < 0)
    return -1;
  ensure_sorted (self);
  return (gint) g_array_index (self->rank_of_code, guint, code);
}

guint
cairn_ratings_get_n_items (const CairnRatings *self)
{
  return self->rows->len;
}

guint
cairn_ratings_get_n_raters (const CairnRatings *self)
{
  return self->raters->len;
}

guint
cairn_ratings_get_n_categories (const CairnRatings *self)
{
  return self->categories->len;
}

const char *
cairn_ratings_get_item_id (const CairnRatings *self, guint item)
{
  g_return_val_if_fail (item < self->item_ids->len, NULL);
  return self->item_ids->pdata[item];
}

const char *
cairn_ratings_get_rater (const CairnRatings *self, guint rater)
{
  g_return_val_if_fail (rater < self->raters->len, NULL);
  return self->raters->pdata[rater];
}

gint
cairn_ratings_find_rater (const CairnRatings *self, const char *name)
{
  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (self->rater_index, name)) - 1;
}

const char *
cairn_ratings_get_category (const CairnRatings *self, guint rank)
{
  g_return_val_if_fail (rank < self->categories->len, NULL);
  ensure_sorted (self);
  return self->categories->pdata[g_array_index (self->code_of_rank, guint, rank)];
}

gboolean
cairn_ratings_is_numeric (const CairnRatings *self)
{
  ensure_sorted (self);
  return self->numeric && self->categories->len > 0;
}

double
cairn_ratings_get_value (const CairnRatings *self, guint rank)
{
  g_return_val_if_fail (rank < self->categories->len, NAN);
  ensure_sorted (self);
  return g_array_index (self->values, double, rank);
}

guint
cairn_ratings_count_rated_items (const CairnRatings *self)
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GArray *row = self->rows->pdata[i];
      for (guint r = 0; r < row->len; r++)
        if (g_array_index (row, gint, r) >= 0)
          {
            n++;
            break;
          }
    }
  return n;
}

CairnRatings *
cairn_ratings_select_raters (const CairnRatings *self, const guint *raters, guint n_raters)
{
  CairnRatings *copy = cairn_ratings_new ();

  for (guint r = 0; r < n_raters; r++)
    {
      g_return_val_if_fail (raters[r] < self->raters->len, copy);
      cairn_ratings_add_rater (copy, self->raters->pdata[raters[r]]);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      GArray *row = self->rows->pdata[i];
      guint item = cairn_ratings_add_item (copy, self->item_ids->pdata[i]);

      for (guint r = 0; r < n_raters; r++)
        {
          gint code = g_array_index (row, gint, raters[r]);
          cairn_ratings_set (copy, item, r, code < 0 ? NULL : self->categories->pdata[code]);
        }
    }
  return copy;
}

CairnRatings *
cairn_ratings_copy (const CairnRatings *self)
{
  g_autofree guint *all = g_new (guint, MAX (self->raters->len, 1));

  for (guint r = 0; r < self->raters->len; r++)
    all[r] = r;
  return cairn_ratings_select_raters (self, all, self->raters->len);
}

CairnRatings *
cairn_ratings_select_raters_by_name (const CairnRatings *self, const char *names,
                                     GError **error)
{
  g_auto(GStrv) parts = g_strsplit (names, ",", -1);
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i]; i++)
    {
      const char *name = g_strstrip (parts[i]);
      gint r = cairn_ratings_find_rater (self, name);

      if (r < 0)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint k = 0; k < self->raters->len; k++)
            g_string_append_printf (known, "%s%s", k ? ", " : "",
                                    (const char *) self->raters->pdata[k]);
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS,
                       "no rater named “%s” (raters: %s)", name, known->str);
          return NULL;
        }
      for (guint j = 0; j < picked->len; j++)
        if (g_array_index (picked, guint, j) == (guint) r)
          {
            g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_RATERS,
                         "rater “%s” is named twice", name);
            return NULL;
          }
      g_array_append_val (picked, r);
    }
  return cairn_ratings_select_raters (self, (guint *) picked->data, picked->len);
}

CairnRatings *
cairn_ratings_new_from_counts (const guint *counts, guint n_items, guint n_categories,
                               const char *const *categories)
{
  CairnRatings *self = cairn_ratings_new ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i + 1);
      guint item = cairn_ratings_add_item (self, id);
      guint slot = 0;

      for (guint c = 0; c < n_categories; c++)
        for (guint k = 0; k < counts[i * n_categories + c]; k++, slot++)
          {
            g_autofree char *rater = g_strdup_printf ("%u", slot + 1);
            cairn_ratings_set (self, item, cairn_ratings_add_rater (self, rater), categories[c]);
          }
    }
  return self;
}

guint *
cairn_ratings_to_counts (const CairnRatings *self)
{
  guint k = self->categories->len;
  guint *counts = g_new0 (guint, MAX (self->rows->len * k, 1));

  for (guint i = 0; i < self->rows->len; i++)
    for (guint r = 0; r < self->raters->len; r++)
      {
        gint rank = cairn_ratings_get (self, i, r);
        if (rank >= 0)
          counts[i * k + rank]++;
      }
  return counts;
}

gboolean
cairn_ratings_layout_from_string (const char *name, CairnRatingsLayout *layout)
{
  static const char *const names[] = { "items", "raters", "counts" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *layout = (CairnRatingsLayout) i;
        return TRUE;
      }
  return FALSE;
}

/* CSV tables */

static gboolean
check_header (const char *path, GStrv header, GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (header == NULL)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "%s: empty, expected a header row (an id column, then one column each)", path);
      return FALSE;
    }
  if (g_strv_length (header) < 2)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "%s:1: the header has %u column, expected an id column and at least one more",
                   path, g_strv_length (header));
      return FALSE;
    }
  for (guint c = 1; header[c]; c++)
    {
      g_strstrip (header[c]);
      if (*header[c] == '\0')
        {
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                       "%s:1: column %u has no name", path, c + 1);
          return FALSE;
        }
      if (!g_hash_table_add (seen, header[c]))
        {
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                       "%s:1: column “%s” appears twice", path, header[c]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_count (const char *text, guint *count)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  guint64 v;

  if (*t == '\0')
    {
      *count = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (t, 10, 0, 100000, &v, NULL))
    return FALSE;
  *count = (guint) v;
  return TRUE;
}

static gboolean
add_row (CairnRatings *self, GArray *counts, const char *path, guint line, GStrv header,
         GStrv row, CairnRatingsLayout layout, GError **error)
{
  guint n_header = g_strv_length (header), n = g_strv_length (row);
  g_autofree char *id = NULL;

  if (n != n_header)
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "%s:%u: %u field%s, expected %u as in the header", path, line, n,
                   n == 1 ? "" : "s", n_header);
      return FALSE;
    }
  id = g_strstrip (g_strdup (row[0]));
  if (*id == '\0')
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "%s:%u: the first column (the %s) is empty", path, line,
                   layout == CAIRN_LAYOUT_RATERS ? "rater" : "item id");
      return FALSE;
    }
  if ((layout == CAIRN_LAYOUT_RATERS ? cairn_ratings_find_rater (self, id) >= 0
                                     : g_hash_table_contains (self->item_index, id)))
    {
      g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                   "%s:%u: “%s” appears twice in the first column", path, line, id);
      return FALSE;
    }
  if (layout == CAIRN_LAYOUT_COUNTS)
    {
      cairn_ratings_add_item (self, id);
      for (guint c = 1; c < n; c++)
        {
          guint count;
          if (!parse_count (row[c], &count))
            {
              g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                           "%s:%u: column “%s”: “%s” is not a count (a whole number of raters)",
                           path, line, header[c], row[c]);
              return FALSE;
            }
          g_array_append_val (counts, count);
        }
    }
  else if (layout == CAIRN_LAYOUT_ITEMS)
    {
      guint item = cairn_ratings_add_item (self, id);
      for (guint c = 1; c < n; c++)
        cairn_ratings_set (self, item, c - 1, row[c]);
    }
  else
    {
      guint rater = cairn_ratings_add_rater (self, id);
      for (guint c = 1; c < n; c++)
        cairn_ratings_set (self, c - 1, rater, row[c]);
    }
  return TRUE;
}

/* Counts become anonymous rater slots; item ids are those of the table. */
static CairnRatings *
ratings_from_count_table (CairnRatings *ids, GArray *counts, GStrv header)
{
  guint n_items = cairn_ratings_get_n_items (ids), n_categories = g_strv_length (header) - 1;
  CairnRatings *self = cairn_ratings_new_from_counts ((guint *) counts->data, n_items,
                                                      n_categories,
                                                      (const char *const *) header + 1);

  /* Rename the items after the table's ids (cairn_ratings_new_from_counts numbers them). */
  g_hash_table_remove_all (self->item_index);
  for (guint i = 0; i < n_items; i++)
    {
      g_free (self->item_ids->pdata[i]);
      self->item_ids->pdata[i] = g_strdup (ids->item_ids->pdata[i]);
      g_hash_table_insert (self->item_index, self->item_ids->pdata[i], GUINT_TO_POINTER (i + 1));
    }
  return self;
}

CairnRatings *
cairn_ratings_load_csv (const char *path, CairnRatingsLayout layout, GError **error)
{
  g_autoptr(CairnCsv) csv = cairn_csv_open (path, error);
  g_autoptr(CairnRatings) self = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) header = NULL;
  GError *local = NULL;
  GStrv row;

  if (csv == NULL)
    return NULL;
  header = cairn_csv_next_row (csv, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (!check_header (path, header, error))
    return NULL;
  self = cairn_ratings_new ();
  if (layout == CAIRN_LAYOUT_ITEMS)
    for (guint c = 1; header[c]; c++)
      cairn_ratings_add_rater (self, header[c]);
  else if (layout == CAIRN_LAYOUT_RATERS)
    for (guint c = 1; header[c]; c++)
      cairn_ratings_add_item (self, header[c]);

  while ((row = cairn_csv_next_row (csv, &local)) != NULL)
    {
      g_auto(GStrv) fields = row;

      /* A blank line (one empty field) is no row at all. */
      if (g_strv_length (fields) == 1 && *g_strstrip (fields[0]) == '\0')
        continue;
      if (!add_row (self, counts, path, cairn_csv_get_line (csv), header, fields, layout, error))
        return NULL;
    }
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (cairn_ratings_get_n_items (self) == 0 || cairn_ratings_get_n_raters (self) == 0)
    {
      if (layout != CAIRN_LAYOUT_COUNTS || cairn_ratings_get_n_items (self) == 0)
        {
          g_set_error (error, CAIRN_QUALITY_ERROR, CAIRN_QUALITY_ERROR_INVALID,
                       "%s: no ratings after the header", path);
          return NULL;
        }
    }
  if (layout == CAIRN_LAYOUT_COUNTS)
    return ratings_from_count_table (self, counts, header);
  return g_steal_pointer (&self);
}
