#define G_LOG_DOMAIN "cairn-schema"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-attribute-list.h"
#include "model/cairn-label.h"

struct _CairnAttributeList
{
  GtkWidget  parent_instance;
  GtkWidget *rows;  /* GtkBox of rows: each a GtkBox with its fields as object data */
  GtkWidget *add_button;
  GtkSizeGroup *columns[3];  /* name, type, default: one width down the rows */
};

G_DEFINE_FINAL_TYPE (CairnAttributeList, cairn_attribute_list, GTK_TYPE_WIDGET)

/* In the drop-down's order. */
static const char *const types[] = { "bool", "enum", "number", "text" };

static guint
type_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i]) == 0)
      return i;
  return 3;
}

static GtkWidget *
field (GtkWidget *row, const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}

static const char *
entry_text (GtkWidget *row, const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (row, name)));
}

/* The values only mean something for a list; each type says what its default looks like. */
static void
on_type_changed_cb (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *row)
{
  static const char *const hints[] = { N_("true or false"), N_("one of the values"),
                                       N_("a number"), N_("any text") };
  guint type = MIN (gtk_drop_down_get_selected (dropdown), G_N_ELEMENTS (types) - 1);

  /* Out of sight but keeping its room, so the rows' columns line up. */
  gtk_widget_set_sensitive (field (row, "values"), type == 1);
  gtk_widget_set_opacity (field (row, "values"), type == 1 ? 1 : 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (field (row, "default")), _(hints[type]));
}

static void
on_remove_clicked_cb (GtkButton *button, GtkWidget *row)
{
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (row)), row);
}

static GtkWidget *
add_entry (GtkWidget *row, const char *name, const char *placeholder, int chars,
           gboolean expand)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_widget_set_hexpand (entry, expand);
  gtk_box_append (GTK_BOX (row), entry);
  g_object_set_data (G_OBJECT (row), name, entry);
  return entry;
}

static char *
values_text (JsonObject *spec)
{
  JsonArray *values = spec && json_object_has_member (spec, "values")
                      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (spec, "values"))
                      ? json_object_get_array_member (spec, "values") : NULL;
  GString *text = g_string_new (NULL);

  for (guint i = 0; values && i < json_array_get_length (values); i++)
    {
      JsonNode *v = json_array_get_element (values, i);

      if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
        continue;
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", json_node_get_string (v));
    }
  return g_string_free (text, FALSE);
}

/* A default as the entry shows it: a string as it is, anything else as JSON. */
static char *
default_text (JsonObject *spec)
{
  JsonNode *node = spec ? json_object_get_member (spec, "default") : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static GtkWidget *
add_row (CairnAttributeList *self, JsonObject *spec)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name, *values, *def, *required, *remove;
  GtkWidget *type = gtk_drop_down_new_from_strings ((const char *[]) {
    _("Yes or no"), _("One of"), _("Number"), _("Text"), NULL });
  g_autofree char *value_list = values_text (spec), *def_text = default_text (spec);
  JsonNode *req = spec ? json_object_get_member (spec, "required") : NULL;

  /* Kept whole, so members no row shows come back out. */
  g_object_set_data_full (G_OBJECT (row), "spec",
                          spec ? json_object_ref (spec) : json_object_new (),
                          (GDestroyNotify) json_object_unref);
  name = add_entry (row, "name", _("Name"), 8, FALSE);
  gtk_box_append (GTK_BOX (row), type);
  g_object_set_data (G_OBJECT (row), "type", type);
  values = add_entry (row, "values", _("Values, separated by commas"), 10, TRUE);
  def = add_entry (row, "default", NULL, 7, FALSE);
  gtk_widget_set_tooltip_text (def, _("Default"));
  required = gtk_check_button_new_with_mnemonic (_("_Required"));
  gtk_box_append (GTK_BOX (row), required);
  g_object_set_data (G_OBJECT (row), "required", required);
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove this attribute"));
  gtk_box_append (GTK_BOX (row), remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), row);
  g_signal_connect (type, "notify::selected", G_CALLBACK (on_type_changed_cb), row);

  gtk_editable_set_text (GTK_EDITABLE (name),
                         spec && json_object_has_member (spec, "name")
                         && JSON_NODE_HOLDS_VALUE (json_object_get_member (spec, "name"))
                         ? json_object_get_string_member_with_default (spec, "name", "") : "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type), type_index (
    spec ? json_object_get_string_member_with_default (spec, "type", "text") : "text"));
  on_type_changed_cb (GTK_DROP_DOWN (type), NULL, row);
  gtk_editable_set_text (GTK_EDITABLE (values), value_list);
  gtk_editable_set_text (GTK_EDITABLE (def), def_text);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (required),
                               req && JSON_NODE_HOLDS_VALUE (req)
                               && json_node_get_value_type (req) == G_TYPE_BOOLEAN
                               && json_node_get_boolean (req));
  gtk_size_group_add_widget (self->columns[0], name);
  gtk_size_group_add_widget (self->columns[1], type);
  gtk_size_group_add_widget (self->columns[2], def);
  gtk_box_append (GTK_BOX (self->rows), row);
  return row;
}

static void
on_add_clicked_cb (GtkButton *button, CairnAttributeList *self)
{
  gtk_widget_grab_focus (field (add_row (self, NULL), "name"));
}

void
cairn_attribute_list_set_specs (CairnAttributeList *self,
                                JsonArray          *specs)
{
  GtkWidget *child;

  g_return_if_fail (CAIRN_IS_ATTRIBUTE_LIST (self));
  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  for (guint i = 0; specs && i < json_array_get_length (specs); i++)
    {
      JsonNode *node = json_array_get_element (specs, i);

      /* Anything but an object is not an attribute anyone can use. */
      if (JSON_NODE_HOLDS_OBJECT (node))
        add_row (self, json_node_get_object (node));
    }
}

static gboolean
invalid (GError **error, const char *name, const char *problem)
{
  /* Translators: a problem with a label's attribute, "“state”: give it at least one value". */
  g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID, _("“%s”: %s"), name, problem);
  return FALSE;
}

static JsonArray *
split_values (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  JsonArray *values = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        json_array_add_string_element (values, parts[i]);
    }
  return values;
}

static gboolean
in_values (JsonArray *values, const char *text)
{
  for (guint i = 0; i < json_array_get_length (values); i++)
    if (g_strcmp0 (json_array_get_string_element (values, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* The default as its type has it; no member at all when the entry is empty. */
static gboolean
set_default (JsonObject *spec, guint type, const char *text, JsonArray *values,
             const char *name, GError **error)
{
  double number;
  char *end = NULL;

  json_object_remove_member (spec, "default");
  if (*text == '\0')
    return TRUE;
  switch (type)
    {
    case 0:
      if (!g_str_equal (text, "true") && !g_str_equal (text, "false"))
        return invalid (error, name, _("a yes-or-no default is true or false"));
      json_object_set_boolean_member (spec, "default", g_str_equal (text, "true"));
      return TRUE;
    case 1:
      if (!in_values (values, text))
        return invalid (error, name, _("the default must be one of the values"));
      break;
    case 2:
      number = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !isfinite (number))
        return invalid (error, name, _("the default must be a number"));
      json_object_set_double_member (spec, "default", number);
      return TRUE;
    default:
      break;
    }
  json_object_set_string_member (spec, "default", text);
  return TRUE;
}

static JsonObject *
row_spec (GtkWidget *row, GHashTable *seen, GError **error)
{
  g_autoptr(JsonObject) spec = json_object_new ();
  JsonObject *kept = g_object_get_data (G_OBJECT (row), "spec");
  g_autofree char *name = g_strstrip (g_strdup (entry_text (row, "name")));
  g_autofree char *def = g_strstrip (g_strdup (entry_text (row, "default")));
  guint type = MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (row, "type"))), 3);
  g_autoptr(JsonArray) values = split_values (entry_text (row, "values"));
  GList *members = json_object_get_members (kept);

  for (GList *m = members; m != NULL; m = m->next)
    json_object_set_member (spec, m->data, json_object_dup_member (kept, m->data));
  g_list_free (members);
  if (*name == '\0')
    return invalid (error, "", _("every attribute needs a name")), NULL;
  if (g_hash_table_contains (seen, name))
    return invalid (error, name, _("two attributes have this name")), NULL;
  g_hash_table_add (seen, g_strdup (name));
  json_object_set_string_member (spec, "name", name);
  json_object_set_string_member (spec, "type", types[type]);
  json_object_remove_member (spec, "values");
  if (type == 1)
    {
      if (json_array_get_length (values) == 0)
        return invalid (error, name, _("give it at least one value")), NULL;
      json_object_set_array_member (spec, "values", json_array_ref (values));
    }
  json_object_set_boolean_member (spec, "required",
                                  gtk_check_button_get_active (GTK_CHECK_BUTTON (
                                    field (row, "required"))));
  if (!set_default (spec, type, def, values, name, error))
    return NULL;
  return g_steal_pointer (&spec);
}

JsonArray *
cairn_attribute_list_dup_specs (CairnAttributeList *self,
                                GError            **error)
{
  g_autoptr(JsonArray) specs = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (CAIRN_IS_ATTRIBUTE_LIST (self), NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (self->rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      JsonObject *spec = row_spec (row, seen, error);

      if (spec == NULL)
        return NULL;
      json_array_add_object_element (specs, spec);
    }
  return g_steal_pointer (&specs);
}

GtkWidget *
cairn_attribute_list_get_field (CairnAttributeList *self,
                                guint               row,
                                const char         *name)
{
  GtkWidget *child = gtk_widget_get_first_child (self->rows);

  for (guint i = 0; child != NULL && i < row; i++)
    child = gtk_widget_get_next_sibling (child);
  return child ? field (child, name) : NULL;
}

guint
cairn_attribute_list_get_n_rows (CairnAttributeList *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (self->rows); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
cairn_attribute_list_dispose (GObject *object)
{
  CairnAttributeList *self = CAIRN_ATTRIBUTE_LIST (object);

  g_clear_pointer (&self->rows, gtk_widget_unparent);
  g_clear_pointer (&self->add_button, gtk_widget_unparent);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  G_OBJECT_CLASS (cairn_attribute_list_parent_class)->dispose (object);
}

static void
cairn_attribute_list_class_init (CairnAttributeListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cairn_attribute_list_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "attributelist");
}

static void
cairn_attribute_list_init (CairnAttributeList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->rows, GTK_WIDGET (self));
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Attribute"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
}

GtkWidget *
cairn_attribute_list_new (void)
{
  return g_object_new (CAIRN_TYPE_ATTRIBUTE_LIST, NULL);
}
