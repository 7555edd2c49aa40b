#define G_LOG_DOMAIN "cairn-label-palette"

#include "model/cairn-label.h"
#include "cairn-color-swatch.h"
#include "cairn-label-eye.h"
#include "cairn-label-palette.h"
#include "cairn-ui-util.h"
#include "cairn-label-row.h"

struct _CairnLabelPalette
{
  GtkWidget    parent_instance;
  GListStore  *labels;
  GtkSingleSelection *selection;
  gint64       current_label_id;
  gboolean     updating;    /* the selection follows current-label-id, not a click */
  GHashTable  *hidden;      /* gint64 label ids whose eye is shut */
  gboolean     can_hide;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CairnLabelPalette, cairn_label_palette, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CURRENT_LABEL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_LABEL_CHOSEN,
  SIGNAL_LABEL_HIDDEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
position_of (CairnLabelPalette *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->labels));

  for (guint i = 0; id != 0 && i < n; i++)
    {
      g_autoptr(CairnLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      if (cairn_label_row_get_label (row)->id == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A click on a label makes it the one new shapes get. */
static void
on_selected_cb (GtkSingleSelection *selection,
                GParamSpec         *pspec,
                CairnLabelPalette  *self)
{
  CairnLabelRow *row = gtk_single_selection_get_selected_item (selection);

  if (self->updating)
    return;
  g_signal_emit (self, signals[SIGNAL_LABEL_CHOSEN], 0,
                 row ? cairn_label_row_get_label (row)->id : (gint64) 0);
}

static CairnLabelRow *
row_of (CairnLabelPalette *self, gint64 id)
{
  guint position = position_of (self, id);

  return position == GTK_INVALID_LIST_POSITION
           ? NULL : g_list_model_get_item (G_LIST_MODEL (self->labels), position);
}

/* An eye clicked (or set from the canvas, which updating keeps quiet). */
static void
on_row_shown_cb (CairnLabelRow     *row,
                 GParamSpec        *pspec,
                 CairnLabelPalette *self)
{
  gint64 id = cairn_label_row_get_label (row)->id;
  gboolean hidden = cairn_label_row_get_hidden (row);

  if (hidden)
    g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->hidden, &id);
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_LABEL_HIDDEN], 0, id, hidden);
}

static void
cairn_label_palette_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CairnLabelPalette *self = CAIRN_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CURRENT_LABEL_ID:
      g_value_set_int64 (value, self->current_label_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_palette_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CairnLabelPalette *self = CAIRN_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CURRENT_LABEL_ID:
      cairn_label_palette_set_current_label_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_label_palette_dispose (GObject *object)
{
  CairnLabelPalette *self = CAIRN_LABEL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_LABEL_PALETTE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->labels);
  G_OBJECT_CLASS (cairn_label_palette_parent_class)->dispose (object);
}

static void
cairn_label_palette_finalize (GObject *object)
{
  g_hash_table_unref (CAIRN_LABEL_PALETTE (object)->hidden);
  G_OBJECT_CLASS (cairn_label_palette_parent_class)->finalize (object);
}

static void
cairn_label_palette_class_init (CairnLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_label_palette_dispose;
  object_class->finalize = cairn_label_palette_finalize;
  object_class->get_property = cairn_label_palette_get_property;
  object_class->set_property = cairn_label_palette_set_property;

  /* The label new shapes get; 0 for none. */
  properties[PROP_CURRENT_LABEL_ID] =
    g_param_spec_int64 ("current-label-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The annotator clicked a label (0: they unselected it). */
  signals[SIGNAL_LABEL_CHOSEN] = g_signal_new ("label-chosen", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The annotator shut or opened a label's eye (label id, hidden). */
  signals[SIGNAL_LABEL_HIDDEN] = g_signal_new ("label-hidden", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  g_type_ensure (CAIRN_TYPE_COLOR_SWATCH);
  g_type_ensure (CAIRN_TYPE_LABEL_ROW);
  g_type_ensure (CAIRN_TYPE_LABEL_EYE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-label-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnLabelPalette, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnLabelPalette, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labelpalette");
}

static void
cairn_label_palette_init (CairnLabelPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->labels = g_list_store_new (CAIRN_TYPE_LABEL_ROW);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->labels)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self,
                           0);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
cairn_label_palette_new (void)
{
  return g_object_new (CAIRN_TYPE_LABEL_PALETTE, NULL);
}

void
cairn_label_palette_set_labels (CairnLabelPalette *self,
                                GPtrArray         *labels)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CAIRN_IS_LABEL_PALETTE (self));

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      CairnLabelRow *row = cairn_label_row_new_at (labels->pdata[i], i);

      cairn_label_row_set_hidden (row, g_hash_table_contains (self->hidden,
                                                              &((CairnLabel *) labels->pdata[i])->id));
      cairn_label_row_set_can_hide (row, self->can_hide);
      g_signal_connect_object (row, "notify::shown", G_CALLBACK (on_row_shown_cb), self, 0);
      g_ptr_array_add (rows, row);
    }
  /* Replacing the rows moves the selection too: that is not the annotator's choice. */
  self->updating = TRUE;
  g_list_store_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  gtk_single_selection_set_selected (self->selection,
                                     position_of (self, self->current_label_id));
  self->updating = FALSE;
}

gint64
cairn_label_palette_get_current_label_id (CairnLabelPalette *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_PALETTE (self), 0);
  return self->current_label_id;
}

void
cairn_label_palette_set_current_label_id (CairnLabelPalette *self,
                                          gint64             id)
{
  g_return_if_fail (CAIRN_IS_LABEL_PALETTE (self));

  if (id == self->current_label_id)
    return;
  self->current_label_id = id;
  self->updating = TRUE;
  if (position_of (self, id) != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position_of (self, id));
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_LABEL_ID]);
}

GListModel *
cairn_label_palette_get_model (CairnLabelPalette *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_PALETTE (self), NULL);
  return G_LIST_MODEL (self->labels);
}

void
cairn_label_palette_set_label_hidden (CairnLabelPalette *self,
                                      gint64             id,
                                      gboolean           hidden)
{
  g_autoptr(CairnLabelRow) row = NULL;

  g_return_if_fail (CAIRN_IS_LABEL_PALETTE (self));
  if (hidden)
    g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->hidden, &id);
  if ((row = row_of (self, id)) == NULL)
    return;
  self->updating = TRUE;
  cairn_label_row_set_hidden (row, hidden);
  self->updating = FALSE;
}

void
cairn_label_palette_set_can_hide (CairnLabelPalette *self,
                                  gboolean           can_hide)
{
  guint n;

  g_return_if_fail (CAIRN_IS_LABEL_PALETTE (self));
  self->can_hide = can_hide;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CairnLabelRow) row = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      cairn_label_row_set_can_hide (row, can_hide);
    }
}
