#define G_LOG_DOMAIN "cairn-quality"

#include <errno.h>
#include <stdlib.h>

#include "cairn-confident-table.h"
#include "model/cairn-csv.h"

typedef struct
{
  GPtrArray *header;
  GPtrArray *rows;    /* GStrv */
  guint     *lines;
  int        id_column;
} Table;

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->header, g_ptr_array_unref);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_clear_pointer (&t->lines, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static int
find_column (GPtrArray *header, const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (header->pdata[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
read_table (const char *path, Table *t, GError **error)
{
  g_autoptr(CairnCsv) csv = cairn_csv_open (path, error);
  g_auto(GStrv) header = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GError *local = NULL;
  char **row;

  if (csv == NULL)
    return FALSE;
  header = cairn_csv_next_row (csv, &local);
  if (header == NULL)
    {
      if (local)
        g_propagate_error (error, local);
      else
        g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                     "%s: empty file, expected a header", path);
      return FALSE;
    }
  t->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; header[i]; i++)
    g_ptr_array_add (t->header, g_strstrip (g_strdup (header[i])));
  t->id_column = find_column (t->header, "id");
  if (t->id_column < 0)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                   "%s:1: no “id” column in the header", path);
      return FALSE;
    }
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while ((row = cairn_csv_next_row (csv, &local)) != NULL)
    {
      guint line = cairn_csv_get_line (csv);

      /* A blank last line is no example. */
      if (g_strv_length (row) == 1 && *g_strstrip (row[0]) == '\0')
        {
          g_strfreev (row);
          continue;
        }
      if (g_strv_length (row) != t->header->len)
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "%s:%u: %u fields, the header has %u", path, line, g_strv_length (row),
                       t->header->len);
          g_strfreev (row);
          return FALSE;
        }
      g_ptr_array_add (t->rows, row);
      g_array_append_val (lines, line);
    }
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  t->lines = (guint *) g_array_free (g_steal_pointer (&lines), FALSE);
  return TRUE;
}

static gboolean
parse_probability (const char *text, double *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  errno = 0;
  *value = g_ascii_strtod (copy, &end);
  return *copy != '\0' && *end == '\0' && errno != ERANGE;
}

static gboolean
parse_index (const char *text, guint k, guint *index)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 0, k - 1, &v, NULL))
    return FALSE;
  *index = (guint) v;
  return TRUE;
}

CairnConfidentTable *
cairn_confident_table_load (const char *labels_path, const char *probs_path,
                            const char *label_column, GError **error)
{
  g_auto(Table) lt = { 0 }, pt = { 0 };
  g_autoptr(CairnConfidentTable) self = NULL;
  g_autoptr(GHashTable) prob_rows = NULL, class_index = NULL, seen = NULL;
  g_autofree int *class_column = NULL;
  gboolean by_index = TRUE;
  int label_col;

  g_return_val_if_fail (labels_path && probs_path, NULL);
  if (label_column == NULL)
    label_column = "label";
  if (!read_table (labels_path, &lt, error) || !read_table (probs_path, &pt, error))
    return NULL;
  label_col = find_column (lt.header, label_column);
  if (label_col < 0)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                   "%s:1: no “%s” column in the header (name it with --label-column)",
                   labels_path, label_column);
      return NULL;
    }
  self = g_new0 (CairnConfidentTable, 1);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->classes = g_ptr_array_new_with_free_func (g_free);
  class_index = g_hash_table_new (g_str_hash, g_str_equal);
  class_column = g_new (int, pt.header->len);
  for (guint c = 0; c < pt.header->len; c++)
    {
      const char *name = pt.header->pdata[c];

      if ((int) c == pt.id_column)
        continue;
      if (g_hash_table_contains (class_index, name))
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "%s:1: class “%s” has two columns", probs_path, name);
          return NULL;
        }
      class_column[self->classes->len] = (int) c;
      g_ptr_array_add (self->classes, g_strdup (name));
      g_hash_table_insert (class_index, (char *) name, GUINT_TO_POINTER (self->classes->len));
    }
  self->k = self->classes->len;
  if (self->k < 2)
    {
      g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                   "%s:1: expected a column per class beside “id”, found %u", probs_path,
                   self->k);
      return NULL;
    }

  prob_rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < pt.rows->len; r++)
    {
      char **row = pt.rows->pdata[r];

      if (!g_hash_table_insert (prob_rows, row[pt.id_column], GUINT_TO_POINTER (r + 1)))
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "%s:%u: id “%s” appears twice", probs_path, pt.lines[r],
                       row[pt.id_column]);
          return NULL;
        }
    }
  for (guint r = 0; r < lt.rows->len && by_index; r++)
    {
      guint index;
      by_index = parse_index (((char **) lt.rows->pdata[r])[label_col], self->k, &index);
    }

  self->n = lt.rows->len;
  self->labels = g_new (guint, MAX (self->n, 1));
  self->probs = g_new (double, (gsize) MAX (self->n, 1) * self->k);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < lt.rows->len; r++)
    {
      char **row = lt.rows->pdata[r];
      const char *id = row[lt.id_column], *label = row[label_col];
      guint pr = GPOINTER_TO_UINT (g_hash_table_lookup (prob_rows, id));
      char **prow;

      if (!g_hash_table_add (seen, (char *) id))
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "%s:%u: id “%s” appears twice", labels_path, lt.lines[r], id);
          return NULL;
        }
      if (pr == 0)
        {
          g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                       "%s:%u: id “%s” has no row in %s", labels_path, lt.lines[r], id,
                       probs_path);
          return NULL;
        }
      if (by_index)
        parse_index (label, self->k, &self->labels[r]);
      else
        {
          gpointer found = g_hash_table_lookup (class_index, label);

          if (found == NULL)
            {
              g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                           "%s:%u: label “%s” is not a class column of %s", labels_path,
                           lt.lines[r], label, probs_path);
              return NULL;
            }
          self->labels[r] = GPOINTER_TO_UINT (found) - 1;
        }
      prow = pt.rows->pdata[pr - 1];
      for (guint c = 0; c < self->k; c++)
        {
          double *p = &self->probs[(gsize) r * self->k + c];

          if (!parse_probability (prow[class_column[c]], p))
            {
              g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                           "%s:%u: column “%s”: “%s” is not a number", probs_path,
                           pt.lines[pr - 1], (char *) self->classes->pdata[c],
                           prow[class_column[c]]);
              return NULL;
            }
        }
      g_ptr_array_add (self->ids, g_strdup (id));
    }
  if (g_hash_table_size (prob_rows) != self->n)
    for (guint r = 0; r < pt.rows->len; r++)
      {
        char **row = pt.rows->pdata[r];

        if (!g_hash_table_contains (seen, row[pt.id_column]))
          {
            g_set_error (error, CAIRN_CONFIDENT_ERROR, CAIRN_CONFIDENT_ERROR_INVALID,
                         "%s:%u: id “%s” has no row in %s", probs_path, pt.lines[r],
                         row[pt.id_column], labels_path);
            return NULL;
          }
      }
  return g_steal_pointer (&self);
}

void
cairn_confident_table_free (CairnConfidentTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->ids);
  g_ptr_array_unref (self->classes);
  g_free (self->labels);
  g_free (self->probs);
  g_free (self);
}

/* Output */

static void
add_matrix (JsonBuilder *b, const char *member, const gint64 *m, guint k)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint r = 0; r < k; r++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < k; c++)
        json_builder_add_int_value (b, m[r * k + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

void
cairn_confident_result_add_json (const CairnConfidentResult *r, CairnPruneMethod filter,
                                 const char *const *ids, const char *const *classes,
                                 JsonBuilder *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < r->k; c++)
    json_builder_add_string_value (b, classes[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "filter");
  json_builder_add_string_value (b, cairn_prune_method_to_string (filter));
  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_array (b);
  for (guint c = 0; c < r->k; c++)
    json_builder_add_double_value (b, r->thresholds[c]);
  json_builder_end_array (b);
  add_matrix (b, "confident_joint", r->confident_joint, r->k);
  add_matrix (b, "confident_joint_calibrated", r->calibrated, r->k);
  add_matrix (b, "prune_counts", r->prune_counts, r->k);
  json_builder_set_member_name (b, "num_label_issues");
  json_builder_add_int_value (b, r->num_label_issues);
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->n_issues; i++)
    {
      guint e = r->ranked[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, ids[e]);
      json_builder_set_member_name (b, "given");
      json_builder_add_string_value (b, classes[r->labels[e]]);
      json_builder_set_member_name (b, "suggested");
      json_builder_add_string_value (b, classes[r->predicted[e]]);
      json_builder_set_member_name (b, "self_confidence");
      json_builder_add_double_value (b, r->self_confidence[e]);
      json_builder_set_member_name (b, "normalized_margin");
      json_builder_add_double_value (b, r->normalized_margin[e]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
append_matrix (GString *out, const char *title, const gint64 *m, guint k,
               const char *const *classes)
{
  g_string_append_printf (out, "%s (given label × true label):\n%12s", title, "");
  for (guint c = 0; c < k; c++)
    g_string_append_printf (out, " %10.10s", classes[c]);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < k; r++)
    {
      g_string_append_printf (out, "  %10.10s", classes[r]);
      for (guint c = 0; c < k; c++)
        g_string_append_printf (out, " %10" G_GINT64_FORMAT, m[r * k + c]);
      g_string_append_c (out, '\n');
    }
}

char *
cairn_confident_result_to_text (const CairnConfidentResult *r, CairnPruneMethod filter,
                                const char *const *ids, const char *const *classes)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "Confident learning: %u examples, %u classes, filter %s\n",
                          r->n, r->k, cairn_prune_method_to_string (filter));
  g_string_append (out, "Thresholds (mean self-confidence per given label):\n");
  for (guint c = 0; c < r->k; c++)
    g_string_append_printf (out, "  %s: %.6f\n", classes[c], r->thresholds[c]);
  append_matrix (out, "Confident joint", r->confident_joint, r->k, classes);
  append_matrix (out, "Calibrated", r->calibrated, r->k, classes);
  g_string_append_printf (out, "Estimated label issues (num_label_issues): %u\n",
                          r->num_label_issues);
  g_string_append_printf (out, "Label issues found: %u, lowest self-confidence first:\n",
                          r->n_issues);
  for (guint i = 0; i < r->n_issues; i++)
    {
      guint e = r->ranked[i];

      g_string_append_printf (out, "  %s: given %s, suggested %s (self-confidence %.4f)\n",
                              ids[e], classes[r->labels[e]], classes[r->predicted[e]],
                              r->self_confidence[e]);
    }
  return g_string_free (out, FALSE);
}
