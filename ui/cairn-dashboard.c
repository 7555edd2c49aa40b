#define G_LOG_DOMAIN "cairn-dashboard"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "quality/cairn-quality-data.h"
#include "quality/cairn-structured.h"
#include "cairn-dashboard.h"
#include "cairn-dashboard-row.h"
#include "cairn-heat-map.h"
#include "cairn-reliability-bars.h"
#include "cairn-ui-util.h"

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

typedef struct
{
  CairnQualityReport *report;
  GPtrArray          *items;  /* ItemSummary, by id */
  GHashTable         *by_id;  /* gint64 * → ItemSummary (in items) */
} Results;

struct _CairnDashboard
{
  GtkWidget             parent_instance;
  char                 *project_path;
  GCancellable         *cancellable;  /* non-NULL while computing */
  Results              *results;
  char                 *error;
  GArray               *shown_labels; /* guint: the heat map's rows as report label indices */
  int                   pair;         /* -1: every pair */
  GListStore           *label_rows;
  GListStore           *pair_rows;
  GListStore           *entries;
  GtkSingleSelection   *label_selection;
  GtkSingleSelection   *pair_selection;
  gboolean              choosing;     /* a selection being set from code */

  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkImage             *message_icon;
  GtkLabel             *message_title;
  GtkLabel             *message_detail;
  GtkLabel             *summary_label;
  GtkLabel             *figures_label;
  GtkLabel             *links_label;
  GtkWidget            *confusion_section;
  GtkDropDown          *pair_dropdown;
  CairnHeatMap         *heat_map;
  GtkWidget            *reliability_section;
  CairnReliabilityBars *bars;
  GtkWidget            *label_section;
  GtkColumnView        *label_view;
  GtkColumnViewColumn  *label_spans_column;
  GtkColumnViewColumn  *label_shapes_column;
  GtkWidget            *pair_section;
  GtkColumnView        *pair_view;
  GtkColumnViewColumn  *pair_kappa_column;
  GtkColumnViewColumn  *pair_left_out_column;
  GtkColumnViewColumn  *pair_spans_column;
  GtkColumnViewColumn  *pair_shapes_column;
  GtkColumnViewColumn  *pair_extra_column;
  GtkLabel             *items_title;
  GtkStack             *items_stack;
  GtkListView          *items_view;
  GtkLabel             *items_note;
};

G_DEFINE_FINAL_TYPE (CairnDashboard, cairn_dashboard, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_ITEM_ACTIVATED,
  SIGNAL_COMPUTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A list longer than this shows its first entries and says how many there are. */
#define MAX_ENTRIES 2000
/* Replicates for the overall figures' confidence intervals: enough for two decimals. */
#define BOOTSTRAP 200

/* Results (made in the thread) */

static void
item_summary_free (ItemSummary *s)
{
  g_free (s->title);
  g_free (s->choice);
  g_array_unref (s->uses);
  g_free (s);
}

static void
results_free (Results *r)
{
  if (r == NULL)
    return;
  cairn_quality_report_free (r->report);
  g_clear_pointer (&r->by_id, g_hash_table_unref);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Results, results_free)

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
attach_truth (Results *results)
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
    if (((CairnLabel *) report->labels->pdata[l])->id != ((CairnLabel *) data->labels->pdata[l])->id)
      return FALSE;
  return TRUE;
}

static Results *
compute (const char   *path,
         GCancellable *cancellable,
         GError      **error)
{
  g_autoptr(CairnStore) store = cairn_store_open (path, error);
  g_autoptr(Results) results = g_new0 (Results, 1);
  g_autoptr(CairnQualityData) data = NULL;
  CairnQualityOptions options = CAIRN_QUALITY_OPTIONS_INIT;

  if (store == NULL)
    return NULL;
  options.bootstrap = BOOTSTRAP;
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

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  Results *results = compute (task_data, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) results_free);
}

/* Text */

static char *
format_value (double value)
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
annotator_name (Results *results,
                guint    r)
{
  return ((CairnAnnotator *) results->report->annotators->pdata[r])->name;
}

static const char *
label_name (Results *results,
            gint     l)
{
  if (l < 0 || (guint) l >= results->report->labels->len)
    return _("no label");
  return ((CairnLabel *) results->report->labels->pdata[l])->name;
}

static gint
annotator_index (Results *results,
                 gint64   id)
{
  for (guint r = 0; r < results->report->annotators->len; r++)
    if (((CairnAnnotator *) results->report->annotators->pdata[r])->id == id)
      return r;
  return -1;
}

static void
append_choice (GString     *s,
               Results     *results,
               ItemSummary *item,
               guint        r)
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
      g_string_append (s, label_name (results, item->choice[r]));
    }
}

/* "ann: cat · bob: dog": every annotator of the item (or only the two of a pair). */
static char *
describe_choices (Results     *results,
                  ItemSummary *item,
                  gint         only_a,
                  gint         only_b)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < results->report->annotators->len; r++)
    if (item->choice[r] != CHOICE_ABSENT && (only_a < 0 || (gint) r == only_a || (gint) r == only_b))
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
describe_uses (Results     *results,
               ItemSummary *item,
               gint         label,
               gboolean     any_label,
               gint         only_a,
               gint         only_b)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < results->report->annotators->len; r++)
    {
      if (item->choice[r] == CHOICE_ABSENT || (only_a >= 0 && (gint) r != only_a && (gint) r != only_b))
        continue;
      if (s->len)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%s %u", annotator_name (results, r),
                              count_uses (item, r, label, any_label));
    }
  return g_string_free (s, FALSE);
}

/* The items list */

static CairnDashboardRow *
entry_new (Results    *results,
           gint64      id,
           const char *detail,
           gboolean    differs)
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

static void
show_entries (CairnDashboard *self,
              const char     *title,
              GPtrArray      *rows)
{
  guint n = MIN (rows->len, MAX_ENTRIES);

  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       rows->pdata, n);
  gtk_label_set_label (self->items_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->items_title), title);
  gtk_stack_set_visible_child_name (self->items_stack, "list");
  if (rows->len > MAX_ENTRIES)
    {
      g_autofree char *note = g_strdup_printf (_("Showing the first %u of %u items."),
                                               MAX_ENTRIES, rows->len);

      gtk_label_set_label (self->items_note, note);
    }
  else if (rows->len == 0)
    gtk_label_set_label (self->items_note, _("No items."));
  gtk_widget_set_visible (GTK_WIDGET (self->items_note), rows->len == 0 || rows->len > MAX_ENTRIES);
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->items_view), "list.scroll-to-item", "u", 0);
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

static void
clear_choices (CairnDashboard *self,
               gpointer        keep)
{
  self->choosing = TRUE;
  if (keep != self->heat_map)
    cairn_heat_map_select (self->heat_map, -1, -1);
  if (keep != self->bars)
    cairn_reliability_bars_select (self->bars, -1);
  if (keep != self->label_selection)
    gtk_single_selection_set_selected (self->label_selection, GTK_INVALID_LIST_POSITION);
  if (keep != self->pair_selection)
    gtk_single_selection_set_selected (self->pair_selection, GTK_INVALID_LIST_POSITION);
  self->choosing = FALSE;
}

static void
list_cell (CairnDashboard *self,
           guint           row_label,
           guint           column_label)
{
  Results *results = self->results;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = results->report->annotators->len, total = 0;
  gint only_a = -1, only_b = -1;
  g_autofree char *title = NULL;
  int shown_row = -1, shown_column = -1;

  if (self->pair >= 0)
    {
      const CairnPairAgreement *p = results->report->per_pair->pdata[self->pair];

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
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s: %u time", "%s → %s: %u times",
                                        total),
                           label_name (results, row_label), label_name (results, column_label),
                           total);
  show_entries (self, title, rows);
  for (guint i = 0; i < self->shown_labels->len; i++)
    {
      if (g_array_index (self->shown_labels, guint, i) == row_label)
        shown_row = i;
      if (g_array_index (self->shown_labels, guint, i) == column_label)
        shown_column = i;
    }
  clear_choices (self, self->heat_map);
  cairn_heat_map_select (self->heat_map, shown_row, shown_column);
}

/* Entries for one label: items where someone used it, disagreements first, and the items its
 * α left out with the reason. */
static void
list_label (CairnDashboard *self,
            guint           index)
{
  Results *results = self->results;
  const CairnLabelAgreement *l = results->report->per_label->pdata[index];
  gint label = label_by_id (results->report, l->label_id);
  guint n = results->report->annotators->len, differing = 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *title = NULL;

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
      note = g_strdup_printf (_("%s — left out: %s"), cairn_dashboard_row_get (row, CAIRN_DASHBOARD_VALUE),
                              skip_reason_display (k->reason));
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, note);
    }
  ordered = differs_first (rows);
  /* Translators: a label's items: "cat: 5 items, 2 with disagreement". */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item, %u with disagreement",
                                        "%s: %u items, %u with disagreement", rows->len),
                           l->name, rows->len, differing);
  show_entries (self, title, ordered);
  clear_choices (self, self->label_selection);
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
static void
list_pair (CairnDashboard *self,
           guint           index)
{
  Results *results = self->results;
  const CairnPairAgreement *p = results->report->per_pair->pdata[index];
  gint a = annotator_index (results, p->a), b = annotator_index (results, p->b);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autofree char *title = NULL;
  guint differing = 0;

  g_return_if_fail (a >= 0 && b >= 0);
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
  ordered = differs_first (rows);
  /* Translators: a pair's items: "ann – bob: 5 items, 2 differ". */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s: %u item, %u differ",
                                        "%s – %s: %u items, %u differ", rows->len),
                           p->a_name, p->b_name, rows->len, differing);
  show_entries (self, title, ordered);
  clear_choices (self, self->pair_selection);
}

/* Entries for an annotator: where their label is not Dawid–Skene's likely one. */
static void
list_annotator (CairnDashboard *self,
                guint           r)
{
  Results *results = self->results;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;

  for (guint i = 0; i < results->items->len; i++)
    {
      ItemSummary *item = results->items->pdata[i];
      g_autofree char *detail = NULL;

      if (item->choice[r] < 0 || item->truth < 0 || item->choice[r] == item->truth)
        continue;
      /* Translators: "said cat, likely dog (93 %)" — Dawid–Skene's estimate of the true label. */
      detail = g_strdup_printf (_("said %s, likely %s (%.0f %%)"), label_name (results, item->choice[r]),
                                label_name (results, item->truth), 100 * item->truth_p);
      g_ptr_array_add (rows, entry_new (results, item->id, detail, FALSE));
    }
  /* Translators: "ann: 4 items differ from the likely label". */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item differs from the likely label",
                                        "%s: %u items differ from the likely label", rows->len),
                           annotator_name (results, r), rows->len);
  show_entries (self, title, rows);
  clear_choices (self, self->bars);
  cairn_reliability_bars_select (self->bars, r);
}

static void
list_flagged (CairnDashboard *self)
{
  Results *results = self->results;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;

  for (guint i = 0; i < results->report->flags->len; i++)
    {
      const CairnItemFlag *f = results->report->flags->pdata[i];

      g_ptr_array_add (rows, entry_new (results, f->item_id, f->reason, FALSE));
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item below the threshold %.2f",
                                        "%u items below the threshold %.2f", rows->len),
                           rows->len, results->report->threshold);
  show_entries (self, title, rows);
  clear_choices (self, NULL);
}

static void
add_skips (Results   *results,
           GPtrArray *rows,
           GPtrArray *skipped)
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

static void
list_left_out (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;

  add_skips (self->results, rows, report->alpha ? report->alpha->skipped : NULL);
  add_skips (self->results, rows, report->unitizing ? report->unitizing->skipped : NULL);
  add_skips (self->results, rows, report->skipped);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item left out of a figure",
                                        "%u items left out of figures", rows->len), rows->len);
  show_entries (self, title, rows);
  clear_choices (self, NULL);
}

/* Filling the page from the results */

static void
fill_summary (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  g_autoptr(GString) figures = g_string_new (NULL);
  g_autoptr(GString) links = g_string_new (NULL);
  g_autofree char *summary = NULL;
  guint left_out = report->skipped->len + (report->alpha ? report->alpha->skipped->len : 0)
                   + (report->unitizing ? report->unitizing->skipped->len : 0);
  const struct { const char *name; const CairnAgreement *a; } shown[] = {
    { _("Krippendorff’s α"), report->alpha },
    { _("Fleiss’ κ"), report->fleiss },
    { _("agreement"), report->percent },
    { _("spans: unitizing α"), report->unitizing },
  };

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "<b>%u</b> item annotated by <b>%u</b> people",
                                          "<b>%u</b> items annotated by <b>%u</b> people",
                                          report->n_items),
                             report->n_items, report->annotators->len);
  gtk_label_set_markup (self->summary_label, summary);

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      g_autofree char *value = NULL;

      if (shown[i].a == NULL)
        continue;
      value = format_value (shown[i].a->value);
      if (figures->len)
        g_string_append (figures, "   ·   ");
      /* One unit: a figure does not break across lines. */
      g_string_append_printf (figures, "%s\u00a0<b>%s</b>", shown[i].name, value);
      if (isfinite (shown[i].a->ci_low))
        g_string_append_printf (figures, "\u00a0<span alpha=\"70%%\">[%.2f,\u00a0%.2f]</span>",
                                shown[i].a->ci_low, shown[i].a->ci_high);
    }
  gtk_label_set_markup (self->figures_label, figures->str);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_label), figures->len > 0);

  g_string_append_printf (links, g_dngettext (GETTEXT_PACKAGE,
                                              "<a href=\"flagged\">%u item</a> below the threshold %.2f",
                                              "<a href=\"flagged\">%u items</a> below the threshold %.2f",
                                              report->flags->len),
                          report->flags->len, report->threshold);
  if (left_out > 0)
    {
      g_string_append (links, "   ·   ");
      g_string_append_printf (links, g_dngettext (GETTEXT_PACKAGE,
                                                  "<a href=\"left-out\">%u left out</a> of a figure, with the reason",
                                                  "<a href=\"left-out\">%u left out</a> of figures, with the reasons",
                                                  left_out),
                              left_out);
    }
  gtk_label_set_markup (self->links_label, links->str);
}

static const guint *
shown_matrix (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;

  if (self->pair >= 0)
    return ((CairnPairAgreement *) report->per_pair->pdata[self->pair])->confusion;
  return report->confusion;
}

static void
fill_heat_map (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  const guint *m = shown_matrix (self);
  guint k = report->labels->len, n = self->shown_labels->len;
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));
  g_autofree guint *counts = g_new0 (guint, MAX (n * n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint li = g_array_index (self->shown_labels, guint, i);

      names[i] = label_name (self->results, li);
      for (guint j = 0; j < n; j++)
        counts[i * n + j] = m[li * k + g_array_index (self->shown_labels, guint, j)];
    }
  cairn_heat_map_set_matrix (self->heat_map, names, n, counts);
  if (self->pair >= 0)
    {
      const CairnPairAgreement *p = report->per_pair->pdata[self->pair];

      cairn_heat_map_set_titles (self->heat_map, p->a_name, p->b_name);
    }
  else
    cairn_heat_map_set_titles (self->heat_map, _("First of each pair"), _("Second of each pair"));
}

/* The labels the heat map shows: those some pair compared (the axes stay when a pair is chosen). */
static void
choose_shown_labels (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  guint k = report->labels->len;

  g_array_set_size (self->shown_labels, 0);
  for (guint l = 0; l < k; l++)
    {
      guint sum = 0;

      for (guint j = 0; j < k; j++)
        sum += report->confusion[l * k + j] + report->confusion[j * k + l];
      if (sum > 0)
        g_array_append_val (self->shown_labels, l);
    }
}

static void
fill_pairs_dropdown (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All pairs"));
  for (guint i = 0; i < report->per_pair->len; i++)
    {
      const CairnPairAgreement *p = report->per_pair->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s – %s", p->a_name, p->b_name);

      gtk_string_list_append (names, name);
    }
  self->pair = -1;
  self->choosing = TRUE;
  gtk_drop_down_set_model (self->pair_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->pair_dropdown, 0);
  self->choosing = FALSE;
}

static void
fill_bars (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  const CairnDawidSkene *ds = report->dawid_skene;
  guint n = ds ? MIN (ds->n_raters, report->annotators->len) : 0;
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    names[r] = annotator_name (self->results, r);
  cairn_reliability_bars_set_values (self->bars, names, ds ? ds->reliability : NULL, n);
  gtk_widget_set_visible (self->reliability_section, n > 0);
}

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
  g_autofree char *exact = format_value (cairn_span_exact_f1 (c));
  g_autofree char *overlap = format_value (cairn_span_overlap_f1 (c));

  if (!has_spans (c))
    return g_strdup ("—");
  return both ? g_strdup_printf ("%s · %s", exact, overlap) : g_steal_pointer (&exact);
}

static char *
format_shapes (const CairnShapeCounts *c)
{
  g_autofree char *f1 = format_value (cairn_shape_f1 (c));
  g_autofree char *iou = format_value (cairn_shape_mean_iou (c));

  if (!has_shapes (c))
    return g_strdup ("—");
  return g_strdup_printf ("%s · %s", f1, iou);
}

static void
fill_label_rows (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean spans = FALSE, shapes = FALSE;

  for (guint i = 0; i < report->per_label->len; i++)
    {
      const CairnLabelAgreement *l = report->per_label->pdata[i];
      CairnDashboardRow *row = cairn_dashboard_row_new (i, 0);
      g_autofree char *value = format_value (l->alpha ? l->alpha->value : NAN);
      g_autofree char *items = l->alpha ? g_strdup_printf ("%u", l->alpha->n_items) : g_strdup ("—");
      g_autofree char *left_out = l->alpha ? format_left_out (l->alpha->skipped) : g_strdup ("—");
      g_autofree char *span_text = format_spans (&l->spans, TRUE);
      g_autofree char *shape_text = format_shapes (&l->shapes);
      g_autoptr(GString) tooltip = g_string_new (NULL);

      g_string_append_printf (tooltip, _("%s: Krippendorff’s α %s over %s items"), l->name, value,
                              items);
      append_skips (tooltip, l->alpha ? l->alpha->skipped : NULL);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, l->name);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, value);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_ITEMS, items);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_LEFT_OUT, left_out);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SPANS, span_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SHAPES, shape_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip->str);
      spans |= has_spans (&l->spans);
      shapes |= has_shapes (&l->shapes);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->label_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->label_rows)), rows->pdata,
                       rows->len);
  gtk_column_view_column_set_visible (self->label_spans_column, spans);
  gtk_column_view_column_set_visible (self->label_shapes_column, shapes);
  gtk_widget_set_visible (self->label_section, rows->len > 0);
}

static char *
format_pair_extra (const CairnPairAgreement *p)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (has_shapes (&p->keypoints))
    {
      g_autofree char *oks = format_value (cairn_shape_mean_iou (&p->keypoints));

      g_string_append_printf (s, _("OKS %s"), oks);
    }
  if (p->transcripts > 0)
    {
      g_autofree char *wer = format_value (p->words ? (double) p->word_edits / p->words : NAN);
      g_autofree char *cer = format_value (p->chars ? (double) p->char_edits / p->chars : NAN);

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
  kappa = format_value (p->kappa ? p->kappa->value : NAN);
  if (p->percent == NULL || !isfinite (p->percent->value))
    return g_steal_pointer (&kappa);
  return g_strdup_printf ("%s · %.0f %%", kappa, 100 * p->percent->value);
}

static void
fill_pair_rows (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean kappa = FALSE, spans = FALSE, shapes = FALSE, extra = FALSE;

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
      g_string_append_printf (tooltip, _("%s: %u items both annotated"), title, p->items);
      append_skips (tooltip, p->kappa ? p->kappa->skipped : NULL);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, title);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_ITEMS, items);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, value);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_LEFT_OUT, left_out);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SPANS, span_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_SHAPES, shape_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_EXTRA, extra_text);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip->str);
      kappa |= p->kappa != NULL || p->percent != NULL;
      spans |= has_spans (&p->spans);
      shapes |= has_shapes (&p->shapes);
      extra |= has_shapes (&p->keypoints) || p->transcripts > 0;
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->pair_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->pair_rows)), rows->pdata,
                       rows->len);
  gtk_column_view_column_set_visible (self->pair_kappa_column, kappa);
  gtk_column_view_column_set_visible (self->pair_left_out_column, kappa);
  gtk_column_view_column_set_visible (self->pair_spans_column, spans);
  gtk_column_view_column_set_visible (self->pair_shapes_column, shapes);
  gtk_column_view_column_set_visible (self->pair_extra_column, extra);
  gtk_widget_set_visible (self->pair_section, rows->len > 0);
}

static void
show_message (CairnDashboard *self,
              const char     *icon,
              const char     *title,
              const char     *detail)
{
  gtk_image_set_from_icon_name (self->message_icon, icon);
  gtk_label_set_label (self->message_title, title);
  gtk_label_set_label (self->message_detail, detail);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_results (CairnDashboard *self)
{
  const CairnQualityReport *report = self->results->report;

  if (report->annotators->len < 2 || report->per_pair->len == 0)
    {
      show_message (self, "system-users-symbolic", _("Nothing to Compare Yet"),
                    _("Agreement needs items that two or more people annotated. Only human "
                      "annotations count; model predictions and consensus are left out."));
      return;
    }
  fill_summary (self);
  choose_shown_labels (self);
  fill_pairs_dropdown (self);
  fill_heat_map (self);
  gtk_widget_set_visible (self->confusion_section, self->shown_labels->len > 0);
  fill_bars (self);
  fill_label_rows (self);
  fill_pair_rows (self);
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->items_title, _("Items"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->items_title), NULL);
  gtk_stack_set_visible_child_name (self->items_stack, "hint");
  gtk_widget_set_visible (GTK_WIDGET (self->items_note), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
set_busy (CairnDashboard *self,
          gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.refresh", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CairnDashboard *self = CAIRN_DASHBOARD (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Results *results = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer computation replaced this one, or the dashboard went away. */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    {
      results_free (results);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (results == NULL)
    {
      self->error = g_strdup (error->message);
      show_message (self, "dialog-error-symbolic", _("Could Not Compare the Annotators"),
                    error->message);
    }
  else
    {
      self->results = results;
      show_results (self);
    }
  g_signal_emit (self, signals[SIGNAL_COMPUTED], 0);
}

/* Callbacks */

static void
on_cell_activated_cb (CairnHeatMap   *heat_map,
                      guint           row,
                      guint           column,
                      CairnDashboard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-cell", "(uu)",
                              g_array_index (self->shown_labels, guint, row),
                              g_array_index (self->shown_labels, guint, column));
}

static void
on_bar_activated_cb (CairnReliabilityBars *bars,
                     guint                 row,
                     CairnDashboard       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-annotator", "u", row);
}

static void
on_pair_selected_cb (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     CairnDashboard *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->choosing || self->results == NULL)
    return;
  cairn_dashboard_set_pair (self, selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
}

static gboolean
on_link_activated_cb (GtkLabel       *label,
                      const char     *uri,
                      CairnDashboard *self)
{
  if (g_str_equal (uri, "flagged"))
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-flagged", NULL);
  else if (g_str_equal (uri, "left-out"))
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.show-left-out", NULL);
  return TRUE;
}

static void
on_entry_activated_cb (GtkListView    *view,
                       guint           position,
                       CairnDashboard *self)
{
  g_autoptr(CairnDashboardRow) row = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  if (row != NULL && cairn_dashboard_row_get_item_id (row) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.open-item", "x",
                                cairn_dashboard_row_get_item_id (row));
}

static void
on_table_selected_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      CairnDashboard     *self)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->choosing || position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self),
                              selection == self->label_selection ? "dashboard.show-label"
                                                                 : "dashboard.show-pair",
                              "u", position);
}

/* Actions */

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cairn_dashboard_refresh (CAIRN_DASHBOARD (widget));
}

static void
show_cell_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint row, column;

  g_variant_get (parameter, "(uu)", &row, &column);
  if (self->results == NULL || row >= self->results->report->labels->len
      || column >= self->results->report->labels->len)
    return;
  list_cell (self, row, column);
}

static void
show_label_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->results == NULL || index >= self->results->report->per_label->len)
    return;
  list_label (self, index);
  self->choosing = TRUE;
  gtk_single_selection_set_selected (self->label_selection, index);
  self->choosing = FALSE;
}

static void
show_pair_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->results == NULL || index >= self->results->report->per_pair->len)
    return;
  list_pair (self, index);
  self->choosing = TRUE;
  gtk_single_selection_set_selected (self->pair_selection, index);
  self->choosing = FALSE;
}

static void
show_annotator_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);
  guint r = g_variant_get_uint32 (parameter);

  if (self->results == NULL || r >= self->results->report->annotators->len)
    return;
  list_annotator (self, r);
}

static void
show_flagged_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);

  if (self->results != NULL)
    list_flagged (self);
}

static void
show_left_out_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);

  if (self->results != NULL)
    list_left_out (self);
}

static void
open_item_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_ITEM_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

/* Overrides */

static void
cairn_dashboard_map (GtkWidget *widget)
{
  CairnDashboard *self = CAIRN_DASHBOARD (widget);

  GTK_WIDGET_CLASS (cairn_dashboard_parent_class)->map (widget);
  /* First shown: compute. */
  if (self->results == NULL && self->cancellable == NULL && self->error == NULL)
    cairn_dashboard_refresh (self);
}

static void
cairn_dashboard_dispose (GObject *object)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_DASHBOARD);
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->label_selection);
  g_clear_object (&self->pair_selection);
  g_clear_object (&self->label_rows);
  g_clear_object (&self->pair_rows);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->results, results_free);
  G_OBJECT_CLASS (cairn_dashboard_parent_class)->dispose (object);
}

static void
cairn_dashboard_finalize (GObject *object)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  g_free (self->project_path);
  g_free (self->error);
  g_array_unref (self->shown_labels);
  G_OBJECT_CLASS (cairn_dashboard_parent_class)->finalize (object);
}

static void
cairn_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_value_set_string (value, self->project_path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cairn_dashboard_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CairnDashboard *self = CAIRN_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_free (self->project_path);
      self->project_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_class_init (CairnDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_dashboard_dispose;
  object_class->finalize = cairn_dashboard_finalize;
  object_class->get_property = cairn_dashboard_get_property;
  object_class->set_property = cairn_dashboard_set_property;
  widget_class->map = cairn_dashboard_map;

  properties[PROP_PROJECT_PATH] =
    g_param_spec_string ("project-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                  | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (item id) */
  signals[SIGNAL_ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A computation ended, with results or an error. */
  signals[SIGNAL_COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  g_type_ensure (CAIRN_TYPE_DASHBOARD_ROW);
  g_type_ensure (CAIRN_TYPE_HEAT_MAP);
  g_type_ensure (CAIRN_TYPE_RELIABILITY_BARS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_icon);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_title);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, message_detail);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, figures_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, links_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, confusion_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, heat_map);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, reliability_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, bars);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_spans_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, label_shapes_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_kappa_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_left_out_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_spans_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_shapes_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, pair_extra_column);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_title);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_stack);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboard, items_note);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pair_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-cell", "(uu)",
                                   show_cell_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-label", "u",
                                   show_label_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-pair", "u", show_pair_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-annotator", "u",
                                   show_annotator_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-flagged", NULL,
                                   show_flagged_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.show-left-out", NULL,
                                   show_left_out_activated);
  gtk_widget_class_install_action (widget_class, "dashboard.open-item", "x", open_item_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "dashboard.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dashboard");
}

static void
cairn_dashboard_init (CairnDashboard *self)
{
  g_autoptr(GtkNoSelection) no_selection = NULL;

  self->pair = -1;
  self->shown_labels = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->pair_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->entries = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->label_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->label_rows)));
  self->pair_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->pair_rows)));
  for (guint i = 0; i < 2; i++)
    {
      GtkSingleSelection *selection = i == 0 ? self->label_selection : self->pair_selection;

      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_can_unselect (selection, TRUE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (selection, "notify::selected", G_CALLBACK (on_table_selected_cb),
                               self, 0);
    }
  gtk_column_view_set_model (self->label_view, GTK_SELECTION_MODEL (self->label_selection));
  gtk_column_view_set_model (self->pair_view, GTK_SELECTION_MODEL (self->pair_selection));
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_list_view_set_model (self->items_view, GTK_SELECTION_MODEL (no_selection));
}

/* Public API */

GtkWidget *
cairn_dashboard_new (const char *project_path)
{
  g_return_val_if_fail (project_path != NULL, NULL);
  return g_object_new (CAIRN_TYPE_DASHBOARD, "project-path", project_path, NULL);
}

const char *
cairn_dashboard_get_project_path (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->project_path;
}

void
cairn_dashboard_refresh (CairnDashboard *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAIRN_IS_DASHBOARD (self));
  g_return_if_fail (self->project_path != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->results, results_free);
  g_clear_pointer (&self->error, g_free);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "busy");
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_source_tag (task, cairn_dashboard_refresh);
  /* The callback tells a superseded computation by its cancellable. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (self->project_path), g_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
cairn_dashboard_is_busy (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), FALSE);
  return self->cancellable != NULL;
}

const CairnQualityReport *
cairn_dashboard_get_report (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->results ? self->results->report : NULL;
}

const char *
cairn_dashboard_get_error (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return self->error;
}

void
cairn_dashboard_set_pair (CairnDashboard *self,
                          int             pair)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD (self));

  if (self->results == NULL || pair < 0 || (guint) pair >= self->results->report->per_pair->len)
    pair = -1;
  if (pair == self->pair)
    return;
  self->pair = pair;
  self->choosing = TRUE;
  gtk_drop_down_set_selected (self->pair_dropdown, pair + 1);
  self->choosing = FALSE;
  if (self->results != NULL)
    {
      fill_heat_map (self);
      cairn_heat_map_select (self->heat_map, -1, -1);
    }
}

int
cairn_dashboard_get_pair (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), -1);
  return self->pair;
}

GtkWidget *
cairn_dashboard_get_heat_map (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return GTK_WIDGET (self->heat_map);
}

GtkWidget *
cairn_dashboard_get_bars (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return GTK_WIDGET (self->bars);
}

GListModel *
cairn_dashboard_get_label_rows (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->label_rows);
}

GListModel *
cairn_dashboard_get_pair_rows (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->pair_rows);
}

GListModel *
cairn_dashboard_get_entries (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->entries);
}

const char *
cairn_dashboard_get_entries_title (CairnDashboard *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), NULL);
  return gtk_label_get_label (self->items_title);
}

int
cairn_dashboard_get_heat_map_index (CairnDashboard *self,
                                    guint           label)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD (self), -1);
  for (guint i = 0; i < self->shown_labels->len; i++)
    if (g_array_index (self->shown_labels, guint, i) == label)
      return i;
  return -1;
}

static CairnDashboard *
find_shown (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *child = gtk_window_get_child (window);

      if (gtk_window_get_transient_for (window) == parent && CAIRN_IS_DASHBOARD (child))
        return CAIRN_DASHBOARD (child);
    }
  return NULL;
}

CairnDashboard *
cairn_dashboard_show (GtkWindow  *parent,
                      const char *project_path)
{
  CairnDashboard *self;
  GtkWidget *window;
  GtkEventController *shortcuts;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);

  self = find_shown (parent);
  if (self != NULL && g_strcmp0 (self->project_path, project_path) == 0)
    {
      cairn_dashboard_refresh (self);
      gtk_window_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
      return self;
    }
  if (self != NULL)
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Quality Dashboard"));
  /* As the main window: client-side, with the title in a header bar. */
  gtk_window_set_titlebar (GTK_WINDOW (window), gtk_header_bar_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 800);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  self = CAIRN_DASHBOARD (cairn_dashboard_new (project_path));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (window));
  return self;
}
