#define G_LOG_DOMAIN "cairn-dashboard"

#include <glib/gi18n.h>
#include <math.h>

#include "quality/cairn-quality-data.h"
#include "quality/cairn-structured.h"
#include "cairn-dashboard-results.h"
#include "cairn-dashboard-row.h"

/* What an annotator did on an item, for the lists: one classification label (its index in the
 * report's labels), or one of these. */
enum
{
  CHOICE_ABSENT = -1,      /* made no annotation on the item */
  CHOICE_NO_CLASS = -2,    /* annotated it, but gave no classification label */
  CHOICE_SEVERAL = -3,     /* several classification labels: single-label figures skip it */
  CHOICE_UNLABELLED = -4,  /* a classification with no label */
};

typedef struct
{
  guint annotator;
  gint  label;  /* index in the report's labels, or -1 */
  guint n;
} Use;

/* One item as the lists need it; made in the thread beside the report. */
typedef struct
{
  gint64    id;
  char     *title;
  gint     *choice;    /* per annotator, in the report's annotator order */
  GArray   *uses;      /* Use: compared annotations per annotator and label */
  gboolean  is_class;  /* someone classified it: a row of Dawid–Skene's table */
  gint      truth;     /* Dawid–Skene's likely label (report index), or -1 */
  double    truth_p;
} ItemSummary;

struct _CairnDashboardResults
{
  CairnQualityReport *report;
  GPtrArray          *items;  /* ItemSummary, by id */
  GHashTable         *by_id;  /* gint64 * → ItemSummary (in items) */
};

static void
item_summary_free (ItemSummary *s)
{
  g_free (s->title);
  g_free (s->choice);
  g_array_unref (s->uses);
  g_free (s);
}

void
cairn_dashboard_results_free (CairnDashboardResults *r)
{
  if (r == NULL)
    return;
  cairn_quality_report_free (r->report);
  g_clear_pointer (&r->by_id, g_hash_table_unref);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_free (r);
}

static gboolean
is_compared (CairnKind kind)
{
  return cairn_kind_is_classification (kind) || cairn_kind_is_span (kind)
         || cairn_kind_is_transcript (kind) || cairn_kind_is_keypoints (kind)
         || cairn_kind_has_area (kind);
}

static gint
class_choice (const CairnQualityData *data,
              const CairnQualityItem *item,
              guint                   r)
{
  g_autoptr(GPtrArray) tags = NULL;
  gint64 first = 0;

  if (item->by_annotator[r] == NULL)
    return CHOICE_ABSENT;
  tags = cairn_quality_item_select (item, r, cairn_kind_is_classification, 0);
  if (tags->len == 0)
    return CHOICE_NO_CLASS;
  /* Distinct labels, as the report counts them: the same tag twice is one label. */
  first = ((CairnAnnotation *) tags->pdata[0])->label_id;
  for (guint i = 1; i < tags->len; i++)
    if (((CairnAnnotation *) tags->pdata[i])->label_id != first)
      return CHOICE_SEVERAL;
  return cairn_quality_data_label (data, first) >= 0 ? cairn_quality_data_label (data, first)
                                                     : CHOICE_UNLABELLED;
}

static void
add_use (GArray *uses,
         guint   annotator,
         gint    label)
{
  for (guint i = 0; i < uses->len; i++)
    {
      Use *u = &g_array_index (uses, Use, i);

      if (u->annotator == annotator && u->label == label)
        {
          u->n++;
          return;
        }
    }
  g_array_append_vals (uses, &(Use) { annotator, label, 1 }, 1);
}

static char *
item_title (CairnStore *store,
            gint64      id)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (store, id, NULL);

  if (item == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return cairn_item_dup_title (item);
}

static ItemSummary *
summarise_item (CairnStore             *store,
                const CairnQualityData *data,
                const CairnQualityItem *item)
{
  ItemSummary *s = g_new0 (ItemSummary, 1);
  guint n = data->annotators->len;

  s->id = item->item_id;
  s->title = item_title (store, item->item_id);
  s->choice = g_new (gint, MAX (n, 1));
  s->uses = g_array_new (FALSE, FALSE, sizeof (Use));
  s->truth = -1;
  s->truth_p = NAN;
  for (guint r = 0; r < n; r++)
    {
      s->choice[r] = class_choice (data, item, r);
      s->is_class |= s->choice[r] != CHOICE_ABSENT && s->choice[r] != CHOICE_NO_CLASS;
      for (guint i = 0; item->by_annotator[r] && i < item->by_annotator[r]->len; i++)
        {
          const CairnAnnotation *a = item->by_annotator[r]->pdata[i];

          if (is_compared (a->kind))
            add_use (s->uses, r, cairn_quality_data_label (data, a->label_id));
        }
    }
  return s;
}

static gint
label_by_name (const CairnQualityReport *report,
               const char               *name)
{
  for (guint l = 0; l < report->labels->len; l++)
    if (g_str_equal (((CairnLabel *) report->labels->pdata[l])->name, name))
      return l;
  return -1;
}

static gint
label_by_id (const CairnQualityReport *report,
             gint64                    id)
{
  for (guint l = 0; l < report->labels->len; l++)
    if (((CairnLabel *) report->labels->pdata[l])->id == id)
      return l;
  return -1;
}

/* Dawid–Skene's rows are the classified items in item order (the report's ratings table);
 * when the counts differ the data changed in between, and no estimate is shown per item. */
static void
attach_truth (CairnDashboardResults *results)
{
  const CairnQualityReport *report = results->report;
  const CairnDawidSkene *ds = report->dawid_skene;
  guint row = 0;

  if (ds == NULL)
    return;
  for (guint i = 0; i < results->items->len; i++)
    row += ((ItemSummary *) results->items->pdata[i])->is_class;
  if (row != ds->n_items)
    return;
  row = 0;
  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *s = results->items->pdata[i];
      gint c;

      if (!s->is_class)
        continue;
      c = ds->label[row];
      if (c >= 0 && (guint) c < report->ds_categories->len)
        {
          s->truth = label_by_name (report, report->ds_categories->pdata[c]);
          s->truth_p = ds->posterior[row * ds->k + c];
        }
      row++;
    }
}

/* The report and the item data come from two reads; an edit in between shows as other
 * annotators or labels, and then both are read again. */
static gboolean
same_scope (const CairnQualityReport *report,
            const CairnQualityData   *data)
{
  if (report->annotators->len != data->annotators->len
      || report->labels->len != data->labels->len)
    return FALSE;
  for (guint r = 0; r < data->annotators->len; r++)
    if (((CairnAnnotator *) report->annotators->pdata[r])->id
        != ((CairnAnnotator *) data->annotators->pdata[r])->id)
      return FALSE;
  for (guint l = 0; l < data->labels->len; l++)
    if (((CairnLabel *) report->labels->pdata[l])->id
        != ((CairnLabel *) data->labels->pdata[l])->id)
      return FALSE;
  return TRUE;
}

CairnDashboardResults *
cairn_dashboard_results_compute (const char    *path,
                                 guint          bootstrap,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(CairnStore) store = cairn_store_open (path, error);
  g_autoptr(CairnDashboardResults) results = g_new0 (CairnDashboardResults, 1);
  g_autoptr(CairnQualityData) data = NULL;
  CairnQualityOptions options = CAIRN_QUALITY_OPTIONS_INIT;

  if (store == NULL)
    return NULL;
  options.bootstrap = bootstrap;
  results->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_summary_free);
  results->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_clear_pointer (&results->report, cairn_quality_report_free);
      g_clear_pointer (&data, cairn_quality_data_free);
      results->report = cairn_quality_report_compute (store, &options, error);
      if (results->report == NULL)
        return NULL;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      data = cairn_quality_data_load (store, -1, error);
      if (data == NULL)
        return NULL;
      if (same_scope (results->report, data))
        break;
    }
  for (guint i = 0; i < data->items->len; i++)
    {
      ItemSummary *s = summarise_item (store, data, data->items->pdata[i]);

      g_ptr_array_add (results->items, s);
      g_hash_table_insert (results->by_id, &s->id, s);
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  attach_truth (results);
  return g_steal_pointer (&results);
}


const CairnQualityReport *
cairn_dashboard_results_get_report (CairnDashboardResults *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->report;
}

/* Text */

char *
cairn_dashboard_format_value (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.2f", value) : g_strdup ("—");
}

static const char *
skip_reason_display (CairnSkipReason reason)
{
  switch (reason)
    {
    case CAIRN_SKIP_MISSING:
      return _("too few ratings");
    case CAIRN_SKIP_STACKED:
      return _("several labels");
    case CAIRN_SKIP_BOUNDARY:
      return _("boundaries differ");
    case CAIRN_SKIP_UNMATCHED:
      return _("no matching shape");
    case CAIRN_SKIP_UNSUPPORTED:
    case CAIRN_N_SKIPS:
    default:
      return _("not comparable");
    }
}

/* "2 (too few ratings)": how many, and the distinct reasons. */
static char *
format_left_out (GPtrArray *skipped)
{
  gboolean seen[CAIRN_N_SKIPS] = { FALSE };
  g_autoptr(GString) reasons = g_string_new (NULL);

  if (skipped == NULL || skipped->len == 0)
    return g_strdup ("0");
  for (guint i = 0; i < skipped->len; i++)
    {
      CairnSkip *k = skipped->pdata[i];

      if (k->reason >= CAIRN_N_SKIPS || seen[k->reason])
        continue;
      seen[k->reason] = TRUE;
      if (reasons->len)
        g_string_append (reasons, ", ");
      g_string_append (reasons, skip_reason_display (k->reason));
    }
  return g_strdup_printf ("%u (%s)", skipped->len, reasons->str);
}

/* The first few left-out items, one a line, for a tooltip. */
static void
append_skips (GString   *s,
              GPtrArray *skipped)
{
  for (guint i = 0; skipped && i < skipped->len && i < 8; i++)
    {
      CairnSkip *k = skipped->pdata[i];

      /* Translators: an item left out of a figure: "item 12: too few ratings (detail)". */
      g_string_append_printf (s, _("\nitem %s: %s (%s)"), k->item, skip_reason_display (k->reason),
                              k->detail);
    }
  if (skipped && skipped->len > 8)
    g_string_append_printf (s, _("\n… and %u more"), skipped->len - 8);
}

static const char *
annotator_name (CairnDashboardResults *results,
                guint                  r)
{
  return ((CairnAnnotator *) results->report->annotators->pdata[r])->name;
}

const char *
cairn_dashboard_results_label_name (CairnDashboardResults *results,
                                    gint                   l)
{
  if (l < 0 || (guint) l >= results->report->labels->len)
    return _("no label");
  return ((CairnLabel *) results->report->labels->pdata[l])->name;
}

static gint
annotator_index (CairnDashboardResults *results,
                 gint64                 id)
{
  for (guint r = 0; r < results->report->annotators->len; r++)
    if (((CairnAnnotator *) results->report->annotators->pdata[r])->id == id)
      return r;
  return -1;
}

static void
append_choice (GString               *s,
               CairnDashboardResults *results,
               ItemSummary           *item,
               guint                  r)
{
  if (s->len)
    g_string_append (s, " · ");
  g_string_append_printf (s, "%s: ", annotator_name (results, r));
  switch (item->choice[r])
    {
    case CHOICE_NO_CLASS:
      g_string_append (s, "—");
      break;
    case CHOICE_SEVERAL:
      g_string_append (s, _("several labels"));
      break;
    case CHOICE_UNLABELLED:
      g_string_append (s, _("no label"));
      break;
    default:
      g_string_append (s, cairn_dashboard_results_label_name (results, item->choice[r]));
    }
}

/* "ann: cat · bob: dog": every annotator of the item (or only the two of a pair). */
static char *
describe_choices (CairnDashboardResults *results,
                  ItemSummary           *item,
                  gint                   only_a,
                  gint                   only_b)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < results->report->annotators->len; r++)
    if (item->choice[r] != CHOICE_ABSENT
        && (only_a < 0 || (gint) r == only_a || (gint) r == only_b))
      append_choice (s, results, item, r);
  return g_string_free (s, FALSE);
}

static guint
count_uses (ItemSummary *item,
            guint        annotator,
            gint         label,
            gboolean     any_label)
{
  guint n = 0;

  for (guint i = 0; i < item->uses->len; i++)
    {
      const Use *u = &g_array_index (item->uses, Use, i);

      if (u->annotator == annotator && (any_label || u->label == label))
        n += u->n;
    }
  return n;
}

/* "ann 2 · bob 1": how many annotations each gave (with this label, unless any_label). */
static char *
describe_uses (CairnDashboardResults *results,
               ItemSummary           *item,
               gint                   label,
               gboolean               any_label,
               gint                   only_a,
               gint                   only_b)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < results->report->annotators->len; r++)
    {
      if (item->choice[r] == CHOICE_ABSENT
          || (only_a >= 0 && (gint) r != only_a && (gint) r != only_b))
        continue;
      if (s->len)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%s %u", annotator_name (results, r),
                              count_uses (item, r, label, any_label));
    }
  return g_string_free (s, FALSE);
}

/* Lists of items */

static CairnDashboardRow *
entry_new (CairnDashboardResults *results,
           gint64                 id,
           const char            *detail,
           gboolean               differs)
{
  ItemSummary *item = g_hash_table_lookup (results->by_id, &id);
  CairnDashboardRow *row = cairn_dashboard_row_new (0, id);
  g_autofree char *fallback = NULL;
  g_autofree char *tooltip = NULL;
  const char *title = item ? item->title : (fallback = g_strdup_printf ("#%" G_GINT64_FORMAT, id));

  tooltip = g_strdup_printf ("%s\n%s", title, detail);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, title);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, detail);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip);
  cairn_dashboard_row_set_differs (row, differs);
  return row;
}

/* Differing entries first, each group in item order. */
static GPtrArray *
differs_first (GPtrArray *rows)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < rows->len; i++)
      if (cairn_dashboard_row_get_differs (rows->pdata[i]) == (pass == 0))
        g_ptr_array_add (out, g_object_ref (rows->pdata[i]));
  return out;
}

GPtrArray *
cairn_dashboard_results_list_cell (CairnDashboardResults  *results,
                                   guint                   row_label,
                                   guint                   column_label,
                                   int                     pair,
                                   char                  **title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = results->report->annotators->len, total = 0;
  gint only_a = -1, only_b = -1;

  g_return_val_if_fail (row_label < results->report->labels->len, NULL);
  g_return_val_if_fail (column_label < results->report->labels->len, NULL);
  if (pair >= 0 && (guint) pair < results->report->per_pair->len)
    {
      const CairnPairAgreement *p = results->report->per_pair->pdata[pair];

      only_a = annotator_index (results, p->a);
      only_b = annotator_index (results, p->b);
    }
  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *item = results->items->pdata[i];
      guint weight = 0;

      /* As the report counts: each pair once, the lower annotator id on the rows. */
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          if ((only_a < 0 || ((gint) a == only_a && (gint) b == only_b))
              && item->choice[a] == (gint) row_label && item->choice[b] == (gint) column_label)
            weight++;
      if (weight > 0)
        {
          g_autofree char *detail = describe_choices (results, item, only_a, only_b);
          /* Every entry of a cell is alike: no mark for disagreement. */
          CairnDashboardRow *row = entry_new (results, item->id, detail, FALSE);

          if (weight > 1)
            {
              /* Translators: how many pairs of annotators an item counts for in a cell. */
              g_autofree char *times = g_strdup_printf (_("× %u"), weight);

              cairn_dashboard_row_set (row, CAIRN_DASHBOARD_EXTRA, times);
            }
          cairn_dashboard_row_set_weight (row, weight);
          total += weight;
          g_ptr_array_add (rows, row);
        }
    }
  /* Translators: a confusion-matrix cell's items: "cat → dog: 3 times". */
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s: %u time",
                                         "%s → %s: %u times", total),
                            cairn_dashboard_results_label_name (results, row_label),
                            cairn_dashboard_results_label_name (results, column_label), total);
  return g_steal_pointer (&rows);
}

/* Entries for one label: items where someone used it, disagreements first, and the items its
 * α left out with the reason. */
GPtrArray *
cairn_dashboard_results_list_label (CairnDashboardResults  *results,
                                    guint                   index,
                                    char                  **title)
{
  const CairnLabelAgreement *l;
  gint label;
  guint n = results->report->annotators->len, differing = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (index < results->report->per_label->len, NULL);
  l = results->report->per_label->pdata[index];
  label = label_by_id (results->report, l->label_id);

  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *item = results->items->pdata[i];
      gboolean used = FALSE, differs = FALSE;
      gint first = -1;
      g_autofree char *detail = NULL;
      CairnDashboardRow *row;

      for (guint r = 0; r < n; r++)
        {
          guint count;

          if (item->choice[r] == CHOICE_ABSENT)
            continue;
          count = count_uses (item, r, label, FALSE);
          used |= count > 0;
          differs |= first >= 0 && (guint) first != count;
          if (first < 0)
            first = count;
        }
      if (!used)
        continue;
      detail = item->is_class ? describe_choices (results, item, -1, -1)
                              : describe_uses (results, item, label, FALSE, -1, -1);
      row = entry_new (results, item->id, detail, differs);
      differing += differs;
      g_hash_table_insert (listed, &item->id, row);
      g_ptr_array_add (rows, row);
    }
  for (guint i = 0; l->alpha && i < l->alpha->skipped->len; i++)
    {
      CairnSkip *k = l->alpha->skipped->pdata[i];
      gint64 id = g_ascii_strtoll (k->item, NULL, 10);
      CairnDashboardRow *row = g_hash_table_lookup (listed, &id);
      g_autofree char *note = NULL;

      if (row == NULL)
        continue;
      /* Translators: appended to an item's description in a label's list. */
      note = g_strdup_printf (_("%s — left out: %s"),
                              cairn_dashboard_row_get (row, CAIRN_DASHBOARD_VALUE),
                              skip_reason_display (k->reason));
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, note);
    }
  /* Translators: a label's items: "cat: 5 items, 2 with disagreement". */
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item, %u with disagreement",
                                        "%s: %u items, %u with disagreement", rows->len),
                           l->name, rows->len, differing);
  return differs_first (rows);
}

static gboolean
same_uses (ItemSummary *item,
           guint        a,
           guint        b)
{
  for (guint i = 0; i < item->uses->len; i++)
    {
      const Use *u = &g_array_index (item->uses, Use, i);

      if ((u->annotator == a || u->annotator == b)
          && count_uses (item, a, u->label, FALSE) != count_uses (item, b, u->label, FALSE))
        return FALSE;
    }
  return TRUE;
}

/* Entries for a pair: the items both annotated, where they differ first. */
GPtrArray *
cairn_dashboard_results_list_pair (CairnDashboardResults  *results,
                                   guint                   index,
                                   char                  **title)
{
  const CairnPairAgreement *p;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint differing = 0;
  gint a, b;

  g_return_val_if_fail (index < results->report->per_pair->len, NULL);
  p = results->report->per_pair->pdata[index];
  a = annotator_index (results, p->a);
  b = annotator_index (results, p->b);
  g_return_val_if_fail (a >= 0 && b >= 0, NULL);
  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *item = results->items->pdata[i];
      g_autofree char *detail = NULL;
      gboolean differs;

      if (item->choice[a] == CHOICE_ABSENT || item->choice[b] == CHOICE_ABSENT)
        continue;
      differs = item->choice[a] != item->choice[b] || !same_uses (item, a, b);
      if (item->choice[a] >= 0 || item->choice[b] >= 0)
        detail = describe_choices (results, item, a, b);
      else
        detail = describe_uses (results, item, 0, TRUE, a, b);
      differing += differs;
      g_ptr_array_add (rows, entry_new (results, item->id, detail, differs));
    }
  /* Translators: a pair's items: "ann – bob: 5 items, 2 differ". */
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s: %u item, %u differ",
                                        "%s – %s: %u items, %u differ", rows->len),
                           p->a_name, p->b_name, rows->len, differing);
  return differs_first (rows);
}

/* Entries for an annotator: where their label is not Dawid–Skene's likely one. */
GPtrArray *
cairn_dashboard_results_list_annotator (CairnDashboardResults  *results,
                                        guint                   r,
                                        char                  **title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (r < results->report->annotators->len, NULL);

  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *item = results->items->pdata[i];
      g_autofree char *detail = NULL;

      if (item->choice[r] < 0 || item->truth < 0 || item->choice[r] == item->truth)
        continue;
      /* Translators: "said cat, likely dog (93 %)": Dawid–Skene's estimate of the true
       * label. */
      detail = g_strdup_printf (_("said %s, likely %s (%.0f %%)"),
                                cairn_dashboard_results_label_name (results, item->choice[r]),
                                cairn_dashboard_results_label_name (results, item->truth),
                                100 * item->truth_p);
      g_ptr_array_add (rows, entry_new (results, item->id, detail, FALSE));
    }
  /* Translators: "ann: 4 items differ from the likely label". */
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %u item differs from the likely label",
                                        "%s: %u items differ from the likely label", rows->len),
                           annotator_name (results, r), rows->len);
  return g_steal_pointer (&rows);
}

GPtrArray *
cairn_dashboard_results_list_flagged (CairnDashboardResults  *results,
                                      char                  **title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < results->report->flags->len; i++)
    {
      const CairnItemFlag *f = results->report->flags->pdata[i];

      g_ptr_array_add (rows, entry_new (results, f->item_id, f->reason, FALSE));
    }
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item below the threshold %.2f",
                                        "%u items below the threshold %.2f", rows->len),
                           rows->len, results->report->threshold);
  return g_steal_pointer (&rows);
}

static void
add_skips (CairnDashboardResults *results,
           GPtrArray             *rows,
           GPtrArray             *skipped)
{
  for (guint i = 0; skipped && i < skipped->len; i++)
    {
      CairnSkip *k = skipped->pdata[i];
      g_autofree char *detail = NULL;
      char *end;
      gint64 id = g_ascii_strtoll (k->item, &end, 10);

      /* "*" stands for annotations with no annotator: no item to show. */
      if (*end != '\0' || id <= 0)
        continue;
      detail = g_strdup_printf ("%s: %s", skip_reason_display (k->reason), k->detail);
      g_ptr_array_add (rows, entry_new (results, id, detail, FALSE));
    }
}

GPtrArray *
cairn_dashboard_results_list_left_out (CairnDashboardResults  *results,
                                       char                  **title)
{
  const CairnQualityReport *report = results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  add_skips (results, rows, report->alpha ? report->alpha->skipped : NULL);
  add_skips (results, rows, report->unitizing ? report->unitizing->skipped : NULL);
  add_skips (results, rows, report->skipped);
  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item left out of a figure",
                                        "%u items left out of figures", rows->len), rows->len);
  return g_steal_pointer (&rows);
}

/* Table rows */

static gboolean
has_spans (const CairnSpanCounts *c)
{
  return c->n_a + c->n_b > 0;
}

static gboolean
has_shapes (const CairnShapeCounts *c)
{
  return c->n_a + c->n_b > 0;
}

static char *
format_spans (const CairnSpanCounts *c,
              gboolean               both)
{
  g_autofree char *exact = cairn_dashboard_format_value (cairn_span_exact_f1 (c));
  g_autofree char *overlap = cairn_dashboard_format_value (cairn_span_overlap_f1 (c));

  if (!has_spans (c))
    return g_strdup ("—");
  return both ? g_strdup_printf ("%s · %s", exact, overlap) : g_steal_pointer (&exact);
}

static char *
format_shapes (const CairnShapeCounts *c)
{
  g_autofree char *f1 = cairn_dashboard_format_value (cairn_shape_f1 (c));
  g_autofree char *iou = cairn_dashboard_format_value (cairn_shape_mean_iou (c));

  if (!has_shapes (c))
    return g_strdup ("—");
  return g_strdup_printf ("%s · %s", f1, iou);
}

GPtrArray *
cairn_dashboard_results_label_rows (CairnDashboardResults *results,
                                    CairnDashboardColumns *columns)
{
  const CairnQualityReport *report = results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  *columns = (CairnDashboardColumns) { FALSE };

  for (guint i = 0; i < report->per_label->len; i++)
    {
      const CairnLabelAgreement *l = report->per_label->pdata[i];
      CairnDashboardRow *row = cairn_dashboard_row_new (i, 0);
      g_autofree char *value = cairn_dashboard_format_value (l->alpha ? l->alpha->value : NAN);
      g_autofree char *items = l->alpha ? g_strdup_printf ("%u", l->alpha->n_items)
                                        : g_strdup ("—");
      g_autofree char *left_out = l->alpha ? format_left_out (l->alpha->skipped) : g_strdup ("—");
      g_autofree char *span_text = format_spans (&l->spans, TRUE);
      g_autofree char *shape_text = format_shapes (&l->shapes);
      g_autoptr(GString) tooltip = g_string_new (NULL);

      /* Translators: a label's row: "cat: Krippendorff's α 0.42, items used: 12". */
      g_string_append_printf (tooltip, _("%s: Krippendorff’s α %s, items used: %s"), l->name,
                              value, items);
      append_skips (tooltip, l->alpha ? l->alpha->skipped : NULL);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, l->name);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, value);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_ITEMS, items);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_LEFT_OUT, left_out);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SPANS, span_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SHAPES, shape_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip->str);
      columns->spans |= has_spans (&l->spans);
      columns->shapes |= has_shapes (&l->shapes);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

static char *
format_pair_extra (const CairnPairAgreement *p)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (has_shapes (&p->keypoints))
    {
      g_autofree char *oks = cairn_dashboard_format_value (cairn_shape_mean_iou (&p->keypoints));

      g_string_append_printf (s, _("OKS %s"), oks);
    }
  if (p->transcripts > 0)
    {
      double wer_value = p->words ? (double) p->word_edits / p->words : NAN;
      double cer_value = p->chars ? (double) p->char_edits / p->chars : NAN;
      g_autofree char *wer = cairn_dashboard_format_value (wer_value);
      g_autofree char *cer = cairn_dashboard_format_value (cer_value);

      if (s->len)
        g_string_append (s, " · ");
      g_string_append_printf (s, _("WER %s · CER %s"), wer, cer);
    }
  return s->len ? g_strdup (s->str) : g_strdup ("—");
}

static char *
format_kappa (const CairnPairAgreement *p)
{
  g_autofree char *kappa = NULL;

  if (p->kappa == NULL && p->percent == NULL)
    return g_strdup ("—");
  kappa = cairn_dashboard_format_value (p->kappa ? p->kappa->value : NAN);
  if (p->percent == NULL || !isfinite (p->percent->value))
    return g_steal_pointer (&kappa);
  return g_strdup_printf ("%s · %.0f %%", kappa, 100 * p->percent->value);
}

GPtrArray *
cairn_dashboard_results_pair_rows (CairnDashboardResults *results,
                                   CairnDashboardColumns *columns)
{
  const CairnQualityReport *report = results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  *columns = (CairnDashboardColumns) { FALSE };

  for (guint i = 0; i < report->per_pair->len; i++)
    {
      const CairnPairAgreement *p = report->per_pair->pdata[i];
      CairnDashboardRow *row = cairn_dashboard_row_new (i, 0);
      g_autofree char *title = g_strdup_printf ("%s – %s", p->a_name, p->b_name);
      g_autofree char *items = g_strdup_printf ("%u", p->items);
      g_autofree char *value = format_kappa (p);
      g_autofree char *left_out = p->kappa ? format_left_out (p->kappa->skipped) : g_strdup ("—");
      g_autofree char *span_text = format_spans (&p->spans, FALSE);
      g_autofree char *shape_text = format_shapes (&p->shapes);
      g_autofree char *extra_text = format_pair_extra (p);
      g_autoptr(GString) tooltip = g_string_new (NULL);

      /* Translators: "ann – bob: 12 items both annotated". */
      g_string_append_printf (tooltip, g_dngettext (GETTEXT_PACKAGE, "%s: %u item both annotated",
                                                    "%s: %u items both annotated", p->items),
                              title, p->items);
      append_skips (tooltip, p->kappa ? p->kappa->skipped : NULL);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, title);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_ITEMS, items);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, value);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_LEFT_OUT, left_out);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SPANS, span_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SHAPES, shape_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_EXTRA, extra_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip->str);
      columns->kappa |= p->kappa != NULL || p->percent != NULL;
      columns->spans |= has_spans (&p->spans);
      columns->shapes |= has_shapes (&p->shapes);
      columns->extra |= has_shapes (&p->keypoints) || p->transcripts > 0;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}
