#define G_LOG_DOMAIN "cairn-shape-inspector"

#include <glib/gi18n.h>

#include "edit/cairn-edit.h"
#include "model/cairn-label.h"
#include "cairn-shape-inspector.h"
#include "cairn-ui-util.h"

struct _CairnShapeInspector
{
  GtkWidget    parent_instance;

  GArray      *label_ids;   /* gint64 per dropdown row; row 0 is "no label" */
  gboolean     filling;     /* the dropdown is being set, not chosen */

  GtkStack    *stack;
  GtkLabel    *kind_label;
  GtkDropDown *label_dropdown;
  GtkLabel    *who_label;
  GtkLabel    *where_label;
  GtkWidget   *text_title;
  GtkEntry    *text_entry;
};

G_DEFINE_FINAL_TYPE (CairnShapeInspector, cairn_shape_inspector, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_LABEL_CHOSEN,
  SIGNAL_TEXT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_place (const CairnAnnotation *a)
{
  double x, y, w, h;
  guint n = a->coords ? a->coords->len : 0;

  switch (a->kind)
    {
    case CAIRN_KIND_POLYGON:
    case CAIRN_KIND_POLYLINE:
    case CAIRN_KIND_POINTS:
      /* Translators: a polygon's size; %u is how many vertices it has. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vertex", "%u vertices", n / 2),
                              n / 2);
    default:
      break;
    }
  if (!cairn_annotation_bounds (a, &x, &y, &w, &h))
    return g_strdup ("—");
  /* Translators: a box's place and size in image pixels. */
  return g_strdup_printf (_("x %.0f, y %.0f · %.0f × %.0f px"), x, y, w, h);
}

static void
on_label_chosen_cb (GtkDropDown         *dropdown,
                    GParamSpec          *pspec,
                    CairnShapeInspector *self)
{
  guint row = gtk_drop_down_get_selected (dropdown);

  if (self->filling || row >= self->label_ids->len)
    return;
  g_signal_emit (self, signals[SIGNAL_LABEL_CHOSEN], 0, g_array_index (self->label_ids, gint64,
                                                                        row));
}

static void
on_text_activated_cb (GtkEntry            *entry,
                      CairnShapeInspector *self)
{
  g_signal_emit (self, signals[SIGNAL_TEXT_CHOSEN], 0,
                 gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
cairn_shape_inspector_dispose (GObject *object)
{
  CairnShapeInspector *self = CAIRN_SHAPE_INSPECTOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_SHAPE_INSPECTOR);
  cairn_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (cairn_shape_inspector_parent_class)->dispose (object);
}

static void
cairn_shape_inspector_finalize (GObject *object)
{
  CairnShapeInspector *self = CAIRN_SHAPE_INSPECTOR (object);

  g_array_unref (self->label_ids);
  G_OBJECT_CLASS (cairn_shape_inspector_parent_class)->finalize (object);
}

static void
cairn_shape_inspector_class_init (CairnShapeInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_shape_inspector_dispose;
  object_class->finalize = cairn_shape_inspector_finalize;

  /* The annotator chose a label for the shape (0: none). */
  signals[SIGNAL_LABEL_CHOSEN] = g_signal_new ("label-chosen", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The annotator typed an OCR box's text and pressed Enter. */
  signals[SIGNAL_TEXT_CHOSEN] = g_signal_new ("text-chosen", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-shape-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, who_label);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, where_label);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, text_title);
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, text_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_label_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "shapeinspector");
}

static void
cairn_shape_inspector_init (CairnShapeInspector *self)
{
  self->label_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
cairn_shape_inspector_new (void)
{
  return g_object_new (CAIRN_TYPE_SHAPE_INSPECTOR, NULL);
}

void
cairn_shape_inspector_show (CairnShapeInspector   *self,
                            const CairnAnnotation *annotation,
                            GPtrArray             *labels,
                            const char            *who)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *where = NULL;
  guint selected = 0;
  gint64 none = 0;

  g_return_if_fail (CAIRN_IS_SHAPE_INSPECTOR (self));

  gtk_stack_set_visible_child_name (self->stack, annotation ? "shape" : "empty");
  if (annotation == NULL)
    return;
  g_array_set_size (self->label_ids, 0);
  g_array_append_val (self->label_ids, none);
  gtk_string_list_append (names, _("No label"));
  for (guint i = 0; labels && i < labels->len; i++)
    {
      const CairnLabel *label = labels->pdata[i];

      g_array_append_val (self->label_ids, label->id);
      gtk_string_list_append (names, label->name);
      if (label->id == annotation->label_id)
        selected = i + 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->label_dropdown, selected);
  self->filling = FALSE;
  gtk_label_set_label (self->kind_label, cairn_kind_get_display_name (annotation->kind));
  gtk_label_set_label (self->who_label, who ? who : _("unknown"));
  where = describe_place (annotation);
  gtk_label_set_label (self->where_label, where);
  gtk_widget_set_visible (self->text_title, annotation->kind == CAIRN_KIND_OCR);
  gtk_widget_set_visible (GTK_WIDGET (self->text_entry), annotation->kind == CAIRN_KIND_OCR);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)),
                 annotation->text ? annotation->text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->text_entry), annotation->text ? annotation->text : "");
}
