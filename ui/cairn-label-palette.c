#define G_LOG_DOMAIN "cairn-label-palette"

#include "model/cairn-label.h"
#include "cairn-color-swatch.h"
#include "cairn-label-palette.h"
#include "cairn-ui-util.h"
#include "cairn-label-row.h"

struct _CairnLabelPalette
{
  GtkWidget    parent_instance;
  GListStore  *labels;

  GtkStack    *stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (CairnLabelPalette, cairn_label_palette, GTK_TYPE_WIDGET)

static void
cairn_label_palette_dispose (GObject *object)
{
  CairnLabelPalette *self = CAIRN_LABEL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_LABEL_PALETTE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->labels);
  G_OBJECT_CLASS (cairn_label_palette_parent_class)->dispose (object);
}

static void
cairn_label_palette_class_init (CairnLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_label_palette_dispose;

  g_type_ensure (CAIRN_TYPE_COLOR_SWATCH);
  g_type_ensure (CAIRN_TYPE_LABEL_ROW);
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
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->labels = g_list_store_new (CAIRN_TYPE_LABEL_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->labels)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
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

  if (labels != NULL)
    for (guint i = 0; i < labels->len; i++)
      g_ptr_array_add (rows, cairn_label_row_new (labels->pdata[i]));
  g_list_store_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
}

GListModel *
cairn_label_palette_get_model (CairnLabelPalette *self)
{
  g_return_val_if_fail (CAIRN_IS_LABEL_PALETTE (self), NULL);
  return G_LIST_MODEL (self->labels);
}
