#define G_LOG_DOMAIN "cairn-text-inspector"

#include "cairn-text-inspector.h"
#include "cairn-ui-util.h"

struct _CairnTextInspector
{
  GtkWidget               parent_instance;

  GtkLabel               *span_title;
  GtkLabel               *span_place;
  CairnShapeInspector    *shape;
  GtkCheckButton         *snap_words;
  GtkCheckButton         *snap_particles;
  GtkCheckButton         *single_class;
  GtkEntry               *particles;
  GtkEntry               *whole_words;
  CairnAnnotationSummary *summary;
};

G_DEFINE_FINAL_TYPE (CairnTextInspector, cairn_text_inspector, GTK_TYPE_WIDGET)

static void
cairn_text_inspector_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_TEXT_INSPECTOR);
  cairn_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (cairn_text_inspector_parent_class)->dispose (object);
}

static void
cairn_text_inspector_class_init (CairnTextInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_text_inspector_dispose;
  g_type_ensure (CAIRN_TYPE_SHAPE_INSPECTOR);
  g_type_ensure (CAIRN_TYPE_ANNOTATION_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-text-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, span_title);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, span_place);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, shape);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, snap_words);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, snap_particles);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, single_class);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, particles);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, whole_words);
  gtk_widget_class_bind_template_child (widget_class, CairnTextInspector, summary);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cairn_text_inspector_init (CairnTextInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cairn_text_inspector_show_selection (self, NULL, NULL);
}

GtkWidget *
cairn_text_inspector_new (void)
{
  return g_object_new (CAIRN_TYPE_TEXT_INSPECTOR, NULL);
}

void
cairn_text_inspector_show_selection (CairnTextInspector *self,
                                     const char         *title,
                                     const char         *place)
{
  g_return_if_fail (CAIRN_IS_TEXT_INSPECTOR (self));
  gtk_label_set_label (self->span_title, title ? title : "");
  gtk_label_set_label (self->span_place, place ? place : "");
  gtk_widget_set_visible (GTK_WIDGET (self->span_title), title != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->span_place), place != NULL);
}

#define GETTER(type, name) \
  type * \
  cairn_text_inspector_get_##name (CairnTextInspector *self) \
  { \
    g_return_val_if_fail (CAIRN_IS_TEXT_INSPECTOR (self), NULL); \
    return self->name; \
  }

GETTER (CairnShapeInspector, shape)
GETTER (CairnAnnotationSummary, summary)
GETTER (GtkCheckButton, snap_words)
GETTER (GtkCheckButton, snap_particles)
GETTER (GtkCheckButton, single_class)
GETTER (GtkEntry, particles)
GETTER (GtkEntry, whole_words)
