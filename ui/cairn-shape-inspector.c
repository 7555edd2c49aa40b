#define G_LOG_DOMAIN "cairn-shape-inspector"

#include <glib/gi18n.h>
#include <math.h>

#include "edit/cairn-edit.h"
#include "model/cairn-json.h"
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
  GtkGrid     *grid;

  /* The attribute rows are rebuilt from an idle: an edit made from one of them comes back
   * (as a store change) while that row is still handling its click. */
  guint            rebuild_id;
  CairnAnnotation *pending;
  CairnLabel      *pending_label;
};

G_DEFINE_FINAL_TYPE (CairnShapeInspector, cairn_shape_inspector, GTK_TYPE_WIDGET)

/* Attributes go below the template's rows (kind, label, made by, where, text). */
#define FIRST_ATTRIBUTE_ROW 10

enum
{
  SIGNAL_LABEL_CHOSEN,
  SIGNAL_TEXT_CHOSEN,
  SIGNAL_ATTRIBUTE_CHOSEN,
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

/* Attributes: one row per spec of the label, built when the selection changes, since the
 * label's schema decides which widget each needs. */

static void
emit_attribute (CairnShapeInspector *self, GtkWidget *widget, const char *json)
{
  if (self->filling)
    return;
  g_signal_emit (self, signals[SIGNAL_ATTRIBUTE_CHOSEN], 0,
                 g_object_get_data (G_OBJECT (widget), "attribute"), json);
}

static void
on_bool_toggled_cb (GtkCheckButton      *check,
                    CairnShapeInspector *self)
{
  emit_attribute (self, GTK_WIDGET (check), gtk_check_button_get_active (check) ? "true"
                                                                                 : "false");
}

static void
on_enum_chosen_cb (GtkDropDown         *dropdown,
                   GParamSpec          *pspec,
                   CairnShapeInspector *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  /* The first row is "not set". */
  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    {
      emit_attribute (self, GTK_WIDGET (dropdown), NULL);
      return;
    }
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, gtk_string_object_get_string (item));
  json = json_to_string (node, FALSE);
  emit_attribute (self, GTK_WIDGET (dropdown), json);
}

static void
on_value_activated_cb (GtkEntry            *entry,
                       CairnShapeInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *type = g_object_get_data (G_OBJECT (entry), "type");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;
  char *end = NULL;
  double number;

  if (*text == '\0')
    {
      emit_attribute (self, GTK_WIDGET (entry), NULL);
      return;
    }
  if (g_strcmp0 (type, "number") == 0)
    {
      number = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !isfinite (number))
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      json_node_set_double (node, number);
    }
  else
    json_node_set_string (node, text);
  json = json_to_string (node, FALSE);
  emit_attribute (self, GTK_WIDGET (entry), json);
}

static GtkWidget *
attribute_widget (CairnShapeInspector *self, JsonObject *spec, JsonNode *value)
{
  const char *type = cairn_json_string (spec, "type");
  GtkWidget *widget;

  if (g_strcmp0 (type, "bool") == 0)
    {
      widget = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget),
                                   value && JSON_NODE_HOLDS_VALUE (value)
                                   && json_node_get_value_type (value) == G_TYPE_BOOLEAN
                                   && json_node_get_boolean (value));
      g_signal_connect (widget, "toggled", G_CALLBACK (on_bool_toggled_cb), self);
      return widget;
    }
  if (g_strcmp0 (type, "enum") == 0)
    {
      JsonArray *values = cairn_json_array (spec, "values");
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (names, _("Not set"));
      for (guint i = 0; values && i < json_array_get_length (values); i++)
        {
          JsonNode *v = json_array_get_element (values, i);
          const char *name = JSON_NODE_HOLDS_VALUE (v)
                             && json_node_get_value_type (v) == G_TYPE_STRING
                               ? json_node_get_string (v) : NULL;

          if (name == NULL)
            continue;
          gtk_string_list_append (names, name);
          if (value && JSON_NODE_HOLDS_VALUE (value)
              && json_node_get_value_type (value) == G_TYPE_STRING
              && g_strcmp0 (json_node_get_string (value), name) == 0)
            selected = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
        }
      widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
      g_signal_connect (widget, "notify::selected", G_CALLBACK (on_enum_chosen_cb), self);
      return widget;
    }
  widget = gtk_entry_new ();
  g_object_set_data_full (G_OBJECT (widget), "type", g_strdup (type ? type : "text"), g_free);
  if (value && JSON_NODE_HOLDS_VALUE (value))
    {
      g_autofree char *text = json_node_get_value_type (value) == G_TYPE_STRING
                                ? g_strdup (json_node_get_string (value))
                                : json_to_string (value, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
    }
  gtk_entry_set_placeholder_text (GTK_ENTRY (widget), g_strcmp0 (type, "number") == 0
                                                        ? _("A number; Enter keeps it")
                                                        : _("Enter keeps it"));
  g_signal_connect (widget, "activate", G_CALLBACK (on_value_activated_cb), self);
  return widget;
}

static void
show_attributes (CairnShapeInspector   *self,
                 const CairnAnnotation *annotation,
                 const CairnLabel      *label)
{
  GtkWidget *child, *next;
  JsonArray *specs = label ? label->attributes : NULL;

  /* The rows below the fixed ones are the last shape's attributes. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->grid)); child; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (g_object_get_data (G_OBJECT (child), "attribute-row"))
        gtk_grid_remove (self->grid, child);
    }
  for (guint i = 0; specs && i < json_array_get_length (specs); i++)
    {
      JsonNode *node = json_array_get_element (specs, i);
      JsonObject *spec = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = spec ? cairn_json_string (spec, "name") : NULL;
      JsonNode *value;
      gboolean required, missing;
      g_autofree char *title = NULL;
      GtkWidget *caption, *widget;

      if (name == NULL)
        continue;
      value = json_object_get_member (annotation->attributes, name);
      required = json_object_has_member (spec, "required")
                 && JSON_NODE_HOLDS_VALUE (json_object_get_member (spec, "required"))
                 && json_node_get_boolean (json_object_get_member (spec, "required"));
      missing = required && (value == NULL || JSON_NODE_HOLDS_NULL (value));
      /* A required attribute not yet given is marked, as the rule checks will flag it. */
      title = required ? g_strdup_printf ("%s *", name) : g_strdup (name);
      caption = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (caption, missing ? "error" : "dim-label");
      if (missing)
        gtk_widget_set_tooltip_text (caption, _("Required, not given yet"));
      widget = attribute_widget (self, spec, value);
      gtk_widget_set_hexpand (widget, TRUE);
      g_object_set_data_full (G_OBJECT (widget), "attribute", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (caption), "attribute-row", GINT_TO_POINTER (1));
      g_object_set_data (G_OBJECT (widget), "attribute-row", GINT_TO_POINTER (1));
      gtk_grid_attach (self->grid, caption, 0, FIRST_ATTRIBUTE_ROW + i, 1, 1);
      gtk_grid_attach (self->grid, widget, 1, FIRST_ATTRIBUTE_ROW + i, 1, 1);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  CairnShapeInspector *self = data;

  self->rebuild_id = 0;
  self->filling = TRUE;
  show_attributes (self, self->pending, self->pending_label);
  self->filling = FALSE;
  g_clear_pointer (&self->pending, cairn_annotation_free);
  g_clear_pointer (&self->pending_label, cairn_label_free);
  return G_SOURCE_REMOVE;
}

static void
schedule_attributes (CairnShapeInspector   *self,
                     const CairnAnnotation *annotation,
                     const CairnLabel      *label)
{
  g_clear_pointer (&self->pending, cairn_annotation_free);
  g_clear_pointer (&self->pending_label, cairn_label_free);
  self->pending = cairn_annotation_copy (annotation);
  self->pending_label = label ? cairn_label_copy (label) : NULL;
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

static void
cairn_shape_inspector_dispose (GObject *object)
{
  CairnShapeInspector *self = CAIRN_SHAPE_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->pending, cairn_annotation_free);
  g_clear_pointer (&self->pending_label, cairn_label_free);

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
  /* The annotator set an attribute: its name and its value as JSON ("true", "\"sitting\"",
   * "3.5"), or NULL to clear it. */
  signals[SIGNAL_ATTRIBUTE_CHOSEN] = g_signal_new ("attribute-chosen", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
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
  gtk_widget_class_bind_template_child (widget_class, CairnShapeInspector, grid);
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
  schedule_attributes (self, annotation, selected > 0 ? labels->pdata[selected - 1] : NULL);
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
