#define G_LOG_DOMAIN "cairn-annotation-summary"

#include <glib/gi18n.h>

#include "edit/cairn-edit.h"
#include "model/cairn-label.h"
#include "cairn-annotation-summary.h"
#include "cairn-ui-util.h"

struct _CairnAnnotationSummary
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *counts_label;
};

G_DEFINE_FINAL_TYPE (CairnAnnotationSummary, cairn_annotation_summary, GTK_TYPE_WIDGET)

static void
cairn_annotation_summary_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_ANNOTATION_SUMMARY);
  cairn_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (cairn_annotation_summary_parent_class)->dispose (object);
}

static void
cairn_annotation_summary_class_init (CairnAnnotationSummaryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_annotation_summary_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-annotation-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnAnnotationSummary, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAnnotationSummary, counts_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationsummary");
}

static void
cairn_annotation_summary_init (CairnAnnotationSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
cairn_annotation_summary_new (void)
{
  return g_object_new (CAIRN_TYPE_ANNOTATION_SUMMARY, NULL);
}

void
cairn_annotation_summary_show (CairnAnnotationSummary *self,
                               GPtrArray              *annotations,
                               GPtrArray              *labels,
                               CairnKind               kind)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint unlabelled = 0, total = 0;

  g_return_if_fail (CAIRN_IS_ANNOTATION_SUMMARY (self));

  gtk_label_set_label (self->title_label, cairn_kind_get_display_name (kind));
  for (guint i = 0; annotations && i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];

      total += a->kind == kind;
      unlabelled += a->kind == kind && a->label_id == 0;
    }
  for (guint l = 0; labels && l < labels->len; l++)
    {
      const CairnLabel *label = labels->pdata[l];
      guint n = 0;

      for (guint i = 0; annotations && i < annotations->len; i++)
        {
          const CairnAnnotation *a = annotations->pdata[i];
          n += a->kind == kind && a->label_id == label->id;
        }
      if (n > 0)
        g_string_append_printf (text, "%s%s: %u", text->len ? "\n" : "", label->name, n);
    }
  if (unlabelled > 0)
    g_string_append_printf (text, "%s%s: %u", text->len ? "\n" : "", _("No label"), unlabelled);
  if (total == 0)
    g_string_assign (text, _("None on this item yet."));
  gtk_label_set_label (self->counts_label, text->str);
}
