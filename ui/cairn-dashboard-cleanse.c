#define G_LOG_DOMAIN "cairn-dashboard"

#include <glib/gi18n.h>

#include "cairn-dashboard-cleanse.h"
#include "cairn-dashboard-row.h"
#include "cairn-heat-map.h"
#include "cairn-ui-util.h"
#include "quality/cairn-predictions.h"

/* Computed in the thread: both reports, the models to choose from and the items' titles. */
typedef struct
{
  char               *model;
  GPtrArray          *models;     /* char * */
  CairnCleanseReport *confident;
  CairnCleanseReport *rules;
  GHashTable         *titles;     /* item id → char * */
} Results;

/* A row of the sources or labels table: the issues whose key matches. */
typedef struct
{
  char  *key;
  char  *title;
  guint  count;
} Group;

struct _CairnDashboardCleanse
{
  GtkWidget        parent_instance;
  char            *project_path;
  char            *model;
  GCancellable    *cancellable;
  Results         *results;
  char            *error;
  GPtrArray       *sources;   /* Group */
  GPtrArray       *labels;    /* Group */
  GListStore      *source_rows;
  GListStore      *label_rows;
  GListStore      *entries;
  gboolean         filling;

  GtkStack        *stack;
  GtkLabel        *message_label;
  GtkLabel        *summary_label;
  GtkDropDown     *model_dropdown;
  GtkStringList   *model_names;
  GtkListView     *source_view;
  GtkListView     *label_view;
  GtkWidget       *joint_section;
  GtkLabel        *joint_note;
  CairnHeatMap    *heat_map;
  GtkLabel        *items_title;
  GtkListView     *items_view;
};

G_DEFINE_FINAL_TYPE (CairnDashboardCleanse, cairn_dashboard_cleanse, GTK_TYPE_WIDGET)

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

#define MAX_ENTRIES 2000

static void
results_free (Results *r)
{
  if (r == NULL)
    return;
  g_free (r->model);
  g_clear_pointer (&r->models, g_ptr_array_unref);
  g_clear_pointer (&r->confident, cairn_cleanse_report_free);
  g_clear_pointer (&r->rules, cairn_cleanse_report_free);
  g_clear_pointer (&r->titles, g_hash_table_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Results, results_free)

static void
group_free (Group *g)
{
  g_free (g->key);
  g_free (g->title);
  g_free (g);
}

static gboolean
add_titles (CairnStore *store, CairnCleanseReport *report, GHashTable *titles, GError **error)
{
  for (guint i = 0; report && i < report->issues->len; i++)
    {
      CairnCleanseIssue *issue = report->issues->pdata[i];
      g_autoptr(CairnItem) item = NULL;

      if (g_hash_table_contains (titles, &issue->item_id))
        continue;
      item = cairn_store_get_item (store, issue->item_id, error);
      if (item == NULL)
        return FALSE;
      g_hash_table_insert (titles, g_memdup2 (&issue->item_id, sizeof (gint64)),
                           cairn_item_dup_title (item));
    }
  return TRUE;
}

static Results *
compute (const char *path, const char *model, GError **error)
{
  g_autoptr(CairnStore) store = cairn_store_open (path, error);
  g_autoptr(Results) r = g_new0 (Results, 1);
  g_autoptr(GPtrArray) models = NULL;
  CairnCleanseOptions options = CAIRN_CLEANSE_OPTIONS_INIT;
  CairnModelInfo *best = NULL;

  if (store == NULL)
    return NULL;
  models = cairn_predictions_list_models (store, error);
  if (models == NULL)
    return NULL;
  r->models = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < models->len; i++)
    {
      const char *name = ((CairnModelInfo *) models->pdata[i])->name;

      g_ptr_array_add (r->models, g_strdup (name));
      if (g_strcmp0 (name, model) == 0)
        r->model = g_strdup (name);
    }
  /* By default the model with the most predictions. */
  for (guint i = 0; r->model == NULL && i < models->len; i++)
    {
      CairnModelInfo *m = models->pdata[i];

      if (best == NULL || m->predictions > best->predictions)
        best = m;
    }
  if (r->model == NULL && best)
    r->model = g_strdup (best->name);
  if (r->model)
    {
      options.model = r->model;
      r->confident = cairn_cleanse_run (store, &options, error);
      if (r->confident == NULL)
        return NULL;
    }
  options.method = CAIRN_CLEANSE_RULES;
  r->rules = cairn_cleanse_run (store, &options, error);
  if (r->rules == NULL)
    return NULL;
  r->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!add_titles (store, r->confident, r->titles, error)
      || !add_titles (store, r->rules, r->titles, error))
    return NULL;
  return g_steal_pointer (&r);
}

static void
compute_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  char **args = task_data;
  GError *error = NULL;
  Results *r = compute (args[0], args[1], &error);

  if (r == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, r, (GDestroyNotify) results_free);
}

/* Issues and groups */

static const char *
source_title (CairnDashboardCleanse *self, const char *source, char **owned)
{
  CairnRule rule;

  if (g_str_equal (source, "confident"))
    return *owned = g_strdup_printf (_("Confident learning (%s)"), self->results->model);
  if (g_str_equal (source, "boxes"))
    return *owned = g_strdup_printf (_("Shapes against %s"), self->results->model);
  if (cairn_rule_from_string (source, &rule))
    return *owned = g_strdup_printf (_("Rule: %s"), _(cairn_rule_describe (rule)));
  return *owned = g_strdup (source);
}


static void
foreach_issue (CairnDashboardCleanse *self, void (*func) (CairnDashboardCleanse *,
                                                           const CairnCleanseReport *,
                                                           const CairnCleanseIssue *,
                                                           gpointer),
               gpointer data)
{
  const CairnCleanseReport *reports[] = { self->results->confident, self->results->rules };

  for (guint r = 0; r < G_N_ELEMENTS (reports); r++)
    for (guint i = 0; reports[r] && i < reports[r]->issues->len; i++)
      func (self, reports[r], reports[r]->issues->pdata[i], data);
}

static void
count_in (GPtrArray *groups, const char *key, const char *title)
{
  Group *g;

  for (guint i = 0; i < groups->len; i++)
    {
      g = groups->pdata[i];
      if (g_str_equal (g->key, key))
        {
          g->count++;
          return;
        }
    }
  g = g_new0 (Group, 1);
  g->key = g_strdup (key);
  g->title = g_strdup (title);
  g->count = 1;
  g_ptr_array_add (groups, g);
}

static void
count_issue (CairnDashboardCleanse *self, const CairnCleanseReport *report,
             const CairnCleanseIssue *issue, gpointer data)
{
  g_autofree char *title = NULL;
  const char *label = issue->given_label ? cairn_cleanse_label_name (report, issue->given_label)
                                         : _("No label");

  source_title (self, issue->source, &title);
  count_in (self->sources, issue->source, title);
  count_in (self->labels, label, label);
}

static int
compare_groups (gconstpointer x, gconstpointer y)
{
  const Group *a = *(Group **) x, *b = *(Group **) y;

  if (a->count != b->count)
    return a->count < b->count ? 1 : -1;
  return g_utf8_collate (a->title, b->title);
}

static void
fill_groups (GListStore *store, GPtrArray *groups)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_sort (groups, compare_groups);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = groups->pdata[i];
      CairnDashboardRow *row = cairn_dashboard_row_new (i, 0);
      g_autofree char *count = g_strdup_printf ("%u", g->count);

      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, g->title);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_EXTRA, count);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, g->title);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata,
                       rows->len);
}

/* The items list */

typedef struct
{
  const char *source;     /* or NULL */
  const char *label;      /* given label's name, or NULL */
  gint64      given;      /* with suggested: a heat map cell */
  gint64      suggested;
  gboolean    cell;
  GPtrArray  *rows;
  guint       total;
} Filter;

static void
list_issue (CairnDashboardCleanse *self, const CairnCleanseReport *report,
            const CairnCleanseIssue *issue, gpointer data)
{
  Filter *f = data;
  const char *label = issue->given_label ? cairn_cleanse_label_name (report, issue->given_label)
                                         : _("No label");
  g_autofree char *source = NULL, *value = NULL, *tooltip = NULL, *extra = NULL;
  CairnDashboardRow *row;
  const char *title;

  if (f->source && g_strcmp0 (issue->source, f->source) != 0)
    return;
  if (f->label && g_strcmp0 (label, f->label) != 0)
    return;
  if (f->cell && (g_strcmp0 (issue->source, "confident") != 0 || issue->given_label != f->given
                  || issue->suggested_label != f->suggested))
    return;
  f->total++;
  if (f->rows->len >= MAX_ENTRIES)
    return;
  title = g_hash_table_lookup (self->results->titles, &issue->item_id);
  source_title (self, issue->source, &source);
  row = cairn_dashboard_row_new (f->rows->len, issue->item_id);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TITLE, title ? title : "");
  value = g_strdup_printf ("%s → %s", issue->message, issue->fix);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_VALUE, value);
  if (issue->score >= 0)
    {
      extra = g_strdup_printf ("%.3f", issue->score);
      cairn_dashboard_row_set (row, CAIRN_DASHBOARD_EXTRA, extra);
    }
  tooltip = g_strdup_printf ("%s\n%s\n%s", source, issue->message, issue->fix);
  cairn_dashboard_row_set (row, CAIRN_DASHBOARD_TOOLTIP, tooltip);
  cairn_dashboard_row_set_differs (row, issue->suggested_label != 0);
  g_ptr_array_add (f->rows, row);
}

static void
show_entries (CairnDashboardCleanse *self, Filter *f, const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;

  f->rows = rows;
  if (self->results)
    foreach_issue (self, list_issue, f);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       rows->pdata, rows->len);
  if (f->total > rows->len)
    heading = g_strdup_printf (_("%s — the first %u of %u"), title, rows->len, f->total);
  else
    heading = g_strdup_printf (ngettext ("%s — %u issue", "%s — %u issues", f->total), title,
                               f->total);
  gtk_label_set_label (self->items_title, heading);
}

/* Filling the page */

static void
fill_heat_map (CairnDashboardCleanse *self)
{
  const CairnCleanseReport *r = self->results->confident;
  const CairnConfidentResult *cl = r ? r->confident : NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *note = NULL;

  gtk_widget_set_visible (self->joint_section, cl != NULL);
  if (cl == NULL)
    return;
  counts = g_new (guint, (gsize) cl->k * cl->k);
  for (guint i = 0; i < cl->k * cl->k; i++)
    counts[i] = (guint) CLAMP (cl->confident_joint[i], 0, G_MAXUINT);
  for (guint c = 0; c < cl->k; c++)
    g_ptr_array_add (names, ((CairnLabel *) r->classes->pdata[c])->name);
  cairn_heat_map_set_matrix (self->heat_map, (const char *const *) names->pdata, cl->k, counts);
  note = g_strdup_printf (_("%u classified items; confident learning estimates %u label issues "
                            "and flags %u. A cell lists the flagged items given its row’s label "
                            "that the model puts in its column (pruning may flag more or fewer "
                            "than the cell counts)."),
                          cl->n, cl->num_label_issues, cl->n_issues);
  gtk_label_set_label (self->joint_note, note);
}

static void
fill_models (CairnDashboardCleanse *self)
{
  guint chosen = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  self->filling = TRUE;
  for (guint i = 0; i < self->results->models->len; i++)
    {
      g_ptr_array_add (names, self->results->models->pdata[i]);
      if (g_strcmp0 (self->results->models->pdata[i], self->results->model) == 0)
        chosen = i;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->model_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->model_names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->model_dropdown, chosen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_dropdown), self->results->models->len > 1);
  self->filling = FALSE;
}

static void
show_results (CairnDashboardCleanse *self)
{
  Results *r = self->results;
  guint confident = r->confident ? r->confident->issues->len : 0;
  g_autofree char *summary = NULL;
  Filter all = { 0 };

  g_ptr_array_set_size (self->sources, 0);
  g_ptr_array_set_size (self->labels, 0);
  foreach_issue (self, count_issue, NULL);
  fill_groups (self->source_rows, self->sources);
  fill_groups (self->label_rows, self->labels);
  fill_models (self);
  fill_heat_map (self);
  if (r->model)
    summary = g_strdup_printf (_("%u suspected label errors from %s's predictions, %u rule "
                                 "violations."), confident, r->model, r->rules->issues->len);
  else
    summary = g_strdup_printf (_("No predictions yet (cairn predictions PROJECT import FILE "
                                 "--model NAME); %u rule violations."), r->rules->issues->len);
  gtk_label_set_label (self->summary_label, summary);
  show_entries (self, &all, _("Every issue"));
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
set_busy (CairnDashboardCleanse *self, GCancellable *cancellable)
{
  g_clear_object (&self->cancellable);
  self->cancellable = cancellable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_computed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CairnDashboardCleanse) self = user_data;
  g_autoptr(GError) error = NULL;
  Results *r = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      results_free (r);
      return;
    }
  set_busy (self, NULL);
  if (r == NULL)
    {
      self->error = g_strdup (error->message);
      gtk_label_set_label (self->message_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "message");
    }
  else
    {
      self->results = r;
      show_results (self);
    }
  g_signal_emit (self, signals[SIGNAL_COMPUTED], 0);
}

/* Callbacks */

static void
on_model_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, CairnDashboardCleanse *self)
{
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (dropdown);

  if (self->filling || chosen == NULL)
    return;
  cairn_dashboard_cleanse_set_model (self, gtk_string_object_get_string (chosen));
}

static void
on_source_activated_cb (GtkListView *view, guint position, CairnDashboardCleanse *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cleanse.show-source", "u", position);
}

static void
on_label_activated_cb (GtkListView *view, guint position, CairnDashboardCleanse *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cleanse.show-label", "u", position);
}

static void
on_cell_activated_cb (CairnHeatMap *heat_map, guint row, guint column,
                      CairnDashboardCleanse *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cleanse.show-cell", "(uu)", row, column);
}

static void
on_entry_activated_cb (GtkListView *view, guint position, CairnDashboardCleanse *self)
{
  g_autoptr(CairnDashboardRow) row = g_list_model_get_item (G_LIST_MODEL (self->entries),
                                                            position);

  if (row)
    gtk_widget_activate_action (GTK_WIDGET (self), "cleanse.open-item", "x",
                                cairn_dashboard_row_get_item_id (row));
}

/* Actions */

static void
refresh_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  cairn_dashboard_cleanse_refresh (CAIRN_DASHBOARD_CLEANSE (widget));
}

static void
show_all_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  Filter f = { 0 };

  show_entries (CAIRN_DASHBOARD_CLEANSE (widget), &f, _("Every issue"));
}

static void
show_source_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (widget);
  guint index = g_variant_get_uint32 (parameter);
  Filter f = { 0 };
  Group *g;

  if (index >= self->sources->len)
    return;
  g = self->sources->pdata[index];
  f.source = g->key;
  show_entries (self, &f, g->title);
}

static void
show_label_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autofree char *title = NULL;
  Filter f = { 0 };
  Group *g;

  if (index >= self->labels->len)
    return;
  g = self->labels->pdata[index];
  f.label = g->key;
  title = g_strdup_printf (_("Labelled %s"), g->title);
  show_entries (self, &f, title);
}

static void
show_cell_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (widget);
  const CairnCleanseReport *r = self->results ? self->results->confident : NULL;
  g_autofree char *title = NULL;
  Filter f = { 0 };
  guint row, column;
  const CairnLabel *given, *suggested;

  g_variant_get (parameter, "(uu)", &row, &column);
  if (r == NULL || r->confident == NULL || row >= r->confident->k || column >= r->confident->k)
    return;
  given = r->classes->pdata[row];
  suggested = r->classes->pdata[column];
  f.cell = TRUE;
  f.given = given->id;
  f.suggested = suggested->id;
  title = g_strdup_printf (_("Labelled %s, %s says %s"), given->name, self->results->model,
                           suggested->name);
  show_entries (self, &f, title);
  cairn_heat_map_select (self->heat_map, (int) row, (int) column);
}

static void
open_item_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_ITEM_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

/* Overrides */

static void
cairn_dashboard_cleanse_map (GtkWidget *widget)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (widget);

  GTK_WIDGET_CLASS (cairn_dashboard_cleanse_parent_class)->map (widget);
  if (self->results == NULL && self->cancellable == NULL && self->error == NULL)
    cairn_dashboard_cleanse_refresh (self);
}

static void
cairn_dashboard_cleanse_dispose (GObject *object)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_DASHBOARD_CLEANSE);
  cairn_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (cairn_dashboard_cleanse_parent_class)->dispose (object);
}

static void
cairn_dashboard_cleanse_finalize (GObject *object)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (object);

  g_free (self->project_path);
  g_free (self->model);
  g_free (self->error);
  results_free (self->results);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->labels);
  g_object_unref (self->source_rows);
  g_object_unref (self->label_rows);
  g_object_unref (self->entries);
  G_OBJECT_CLASS (cairn_dashboard_cleanse_parent_class)->finalize (object);
}

static void
cairn_dashboard_cleanse_get_property (GObject *object, guint prop_id, GValue *value,
                                      GParamSpec *pspec)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_value_set_string (value, self->project_path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_cleanse_set_property (GObject *object, guint prop_id, const GValue *value,
                                      GParamSpec *pspec)
{
  CairnDashboardCleanse *self = CAIRN_DASHBOARD_CLEANSE (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      if (g_strcmp0 (self->project_path, g_value_get_string (value)) == 0)
        break;
      g_free (self->project_path);
      self->project_path = g_value_dup_string (value);
      if (self->cancellable)
        g_cancellable_cancel (self->cancellable);
      set_busy (self, NULL);
      g_clear_pointer (&self->results, results_free);
      g_clear_pointer (&self->error, g_free);
      g_object_notify_by_pspec (object, pspec);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        cairn_dashboard_cleanse_refresh (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_dashboard_cleanse_class_init (CairnDashboardCleanseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_dashboard_cleanse_dispose;
  object_class->finalize = cairn_dashboard_cleanse_finalize;
  object_class->get_property = cairn_dashboard_cleanse_get_property;
  object_class->set_property = cairn_dashboard_cleanse_set_property;
  widget_class->map = cairn_dashboard_cleanse_map;

  properties[PROP_PROJECT_PATH] =
    g_param_spec_string ("project-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  g_type_ensure (CAIRN_TYPE_HEAT_MAP);
  g_type_ensure (CAIRN_TYPE_DASHBOARD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-dashboard-cleanse.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, message_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, model_names);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, source_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, label_view);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, joint_section);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, joint_note);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, heat_map);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, items_title);
  gtk_widget_class_bind_template_child (widget_class, CairnDashboardCleanse, items_view);
  gtk_widget_class_bind_template_callback (widget_class, on_model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_label_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "cleanse.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "cleanse.show-all", NULL, show_all_activated);
  gtk_widget_class_install_action (widget_class, "cleanse.show-source", "u",
                                   show_source_activated);
  gtk_widget_class_install_action (widget_class, "cleanse.show-label", "u",
                                   show_label_activated);
  gtk_widget_class_install_action (widget_class, "cleanse.show-cell", "(uu)",
                                   show_cell_activated);
  gtk_widget_class_install_action (widget_class, "cleanse.open-item", "x", open_item_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cleanse");
}

static void
cairn_dashboard_cleanse_init (CairnDashboardCleanse *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->source_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->label_rows = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  self->entries = g_list_store_new (CAIRN_TYPE_DASHBOARD_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_view_set_model (self->source_view, GTK_SELECTION_MODEL (
    gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->source_rows)))));
  gtk_list_view_set_model (self->label_view, GTK_SELECTION_MODEL (
    gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->label_rows)))));
  gtk_list_view_set_model (self->items_view, GTK_SELECTION_MODEL (
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)))));
  cairn_heat_map_set_titles (self->heat_map, _("Given label"), _("Model's label"));
}

/* Public API */

GtkWidget *
cairn_dashboard_cleanse_new (const char *project_path)
{
  return g_object_new (CAIRN_TYPE_DASHBOARD_CLEANSE, "project-path", project_path, NULL);
}

const char *
cairn_dashboard_cleanse_get_project_path (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), NULL);
  return self->project_path;
}

void
cairn_dashboard_cleanse_refresh (CairnDashboardCleanse *self)
{
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  char **args;

  g_return_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self));
  if (self->project_path == NULL)
    return;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->results, results_free);
  g_clear_pointer (&self->error, g_free);
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  args = g_new0 (char *, 3);
  args[0] = g_strdup (self->project_path);
  args[1] = g_strdup (self->model);
  task = g_task_new (NULL, cancellable, on_computed_cb, g_object_ref (self));
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
cairn_dashboard_cleanse_is_busy (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), FALSE);
  return self->cancellable != NULL;
}

void
cairn_dashboard_cleanse_set_model (CairnDashboardCleanse *self, const char *model)
{
  g_return_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self));
  if (g_strcmp0 (self->model, model) == 0
      && (self->results == NULL || g_strcmp0 (self->results->model, model) == 0))
    return;
  g_free (self->model);
  self->model = g_strdup (model);
  cairn_dashboard_cleanse_refresh (self);
}

const char *
cairn_dashboard_cleanse_get_model (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), NULL);
  return self->results ? self->results->model : self->model;
}

const CairnCleanseReport *
cairn_dashboard_cleanse_get_confident (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), NULL);
  return self->results ? self->results->confident : NULL;
}

const CairnCleanseReport *
cairn_dashboard_cleanse_get_rules (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), NULL);
  return self->results ? self->results->rules : NULL;
}

const char *
cairn_dashboard_cleanse_get_error (CairnDashboardCleanse *self)
{
  g_return_val_if_fail (CAIRN_IS_DASHBOARD_CLEANSE (self), NULL);
  return self->error;
}

GtkWidget *
cairn_dashboard_cleanse_get_heat_map (CairnDashboardCleanse *self)
{
  return GTK_WIDGET (self->heat_map);
}

GListModel *
cairn_dashboard_cleanse_get_source_rows (CairnDashboardCleanse *self)
{
  return G_LIST_MODEL (self->source_rows);
}

GListModel *
cairn_dashboard_cleanse_get_label_rows (CairnDashboardCleanse *self)
{
  return G_LIST_MODEL (self->label_rows);
}

GListModel *
cairn_dashboard_cleanse_get_entries (CairnDashboardCleanse *self)
{
  return G_LIST_MODEL (self->entries);
}

const char *
cairn_dashboard_cleanse_get_entries_title (CairnDashboardCleanse *self)
{
  return gtk_label_get_label (self->items_title);
}
