#define G_LOG_DOMAIN "cairn-schema"

#include <glib/gi18n.h>
#include <math.h>

#include "cairn-attribute-list.h"
#include "cairn-schema-editor.h"
#include "edit/cairn-edit-labels.h"
#include "model/cairn-json.h"
#include "model/cairn-keymap.h"
#include "model/cairn-label-json.h"
#include "store/cairn-store-guide.h"

struct _CairnSchemaEditor
{
  GtkWindow       parent_instance;
  GtkListBox     *label_list;
  GtkEntry       *name_entry;
  GtkEntry       *color_entry;
  GtkEntry       *hotkey_entry;
  GtkDropDown    *parent_dropdown;
  GtkFlowBox     *kinds_box;
  GtkEntry       *anchor_entry;
  CairnAttributeList *attribute_list;
  GtkTextView    *skeleton_view;
  GtkDrawingArea *skeleton_area;
  GtkLabel       *error_label;

  CairnEditStack *stack;
  GPtrArray      *labels;       /* CairnLabel, as the store has them */
  CairnLabel     *shown;        /* the label in the form, or NULL */
  GArray         *parent_ids;   /* gint64 per parent drop-down row; 0 = none */
  GtkWidget      *kind_checks[CAIRN_N_KINDS];
};

G_DEFINE_FINAL_TYPE (CairnSchemaEditor, cairn_schema_editor, GTK_TYPE_WINDOW)

static void
set_error (CairnSchemaEditor *self, const char *message)
{

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkTextView *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static void
fill_list (CairnSchemaEditor *self, gint64 select)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->label_list))) != NULL)
    gtk_list_box_remove (self->label_list, child);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  self->labels = cairn_store_list_labels (cairn_edit_stack_get_store (self->stack), NULL);
  for (guint i = 0; self->labels && i < self->labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (self->labels, i);
      GtkWidget *name = gtk_label_new (label->name);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_margin_start (name, 6);
      gtk_list_box_append (self->label_list, name);
      if (label->id == select)
        gtk_list_box_select_row (self->label_list,
                                 GTK_LIST_BOX_ROW (gtk_widget_get_parent (name)));
    }
}

static void
fill_parents (CairnSchemaEditor *self, const CairnLabel *label)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->parent_ids, 0);
  gtk_string_list_append (names, _("None (top level)"));
  g_array_append_val (self->parent_ids, none);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const CairnLabel *other = g_ptr_array_index (self->labels, i);

      if (other->id == label->id)
        continue;
      gtk_string_list_append (names, other->name);
      g_array_append_val (self->parent_ids, other->id);
      if (other->id == label->parent_id)
        selected = self->parent_ids->len - 1;
    }
  gtk_drop_down_set_model (self->parent_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->parent_dropdown, selected);
}

static void
show_label (CairnSchemaEditor *self, const CairnLabel *label)
{
  CairnStore *store = cairn_edit_stack_get_store (self->stack);
  g_autofree char *anchor = cairn_store_dup_label_anchor (store, label->id);
  g_autofree char *skeleton = cairn_label_skeleton_to_json (label);
  g_clear_pointer (&self->shown, cairn_label_free);
  self->shown = cairn_label_copy (label);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), label->name);
  gtk_editable_set_text (GTK_EDITABLE (self->color_entry), label->color);
  gtk_editable_set_text (GTK_EDITABLE (self->hotkey_entry), label->hotkey ? label->hotkey : "");
  gtk_editable_set_text (GTK_EDITABLE (self->anchor_entry), anchor ? anchor : "");
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->kind_checks[k]),
                                 (label->kinds >> k) & 1);
  fill_parents (self, label);
  cairn_attribute_list_set_specs (self->attribute_list, label->attributes);
  set_view_text (self->skeleton_view, skeleton);
  set_error (self, NULL);
}

/* The parent may not be the label itself or one of its descendants. */
static gboolean
makes_cycle (CairnSchemaEditor *self, gint64 label_id, gint64 parent_id)
{
  for (guint steps = 0; parent_id != 0 && steps <= self->labels->len; steps++)
    {
      gint64 next = 0;

      if (parent_id == label_id)
        return TRUE;
      for (guint i = 0; i < self->labels->len; i++)
        if (((CairnLabel *) g_ptr_array_index (self->labels, i))->id == parent_id)
          next = ((CairnLabel *) g_ptr_array_index (self->labels, i))->parent_id;
      parent_id = next;
    }
  return parent_id != 0;
}

static gboolean
read_attributes (CairnSchemaEditor *self, CairnLabel *label, GError **error)
{
  JsonArray *specs = cairn_attribute_list_dup_specs (self->attribute_list, error);

  if (specs == NULL)
    return FALSE;
  json_array_unref (label->attributes);
  label->attributes = specs;
  return TRUE;
}

/* The form as a label, or NULL with the reason. */
static CairnLabel *
read_form (CairnSchemaEditor *self, char **anchor, GError **error)
{
  g_autoptr(CairnLabel) label = cairn_label_copy (self->shown);
  g_autofree char *skeleton = g_strstrip (view_text (self->skeleton_view));
  const char *hotkey = gtk_editable_get_text (GTK_EDITABLE (self->hotkey_entry));
  guint parent = gtk_drop_down_get_selected (self->parent_dropdown);
  double r, g, b;

  g_free (label->name);
  label->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_free (label->color);
  label->color = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->color_entry))));
  g_free (label->hotkey);
  label->hotkey = *hotkey ? g_strdup (hotkey) : NULL;
  label->parent_id = parent < self->parent_ids->len
                     ? g_array_index (self->parent_ids, gint64, parent) : 0;
  label->kinds = 0;
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->kind_checks[k])))
      label->kinds |= 1u << k;
  if (!cairn_color_parse (label->color, &r, &g, &b))
    return g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                                _("The colour is #RRGGBB.")), NULL;
  if (label->hotkey && !cairn_keymap_check_label_key (label->hotkey, error))
    return NULL;
  if (makes_cycle (self, label->id, label->parent_id))
    return g_set_error_literal (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                                _("A label cannot be under itself.")), NULL;
  g_ptr_array_set_size (label->points, 0);
  g_array_set_size (label->edges, 0);
  if (!read_attributes (self, label, error)
      || (*skeleton && !cairn_label_skeleton_from_json (label, skeleton, error)))
    return NULL;
  *anchor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->anchor_entry))));
  if (**anchor == '\0')
    g_clear_pointer (anchor, g_free);
  return g_steal_pointer (&label);
}

/* Points round a circle, edges between them, names beside: what the keypoint tool follows. */
static void
draw_skeleton_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        data)
{
  CairnSchemaEditor *self = data;
  g_autoptr(CairnLabel) label = cairn_label_new ("preview");
  g_autofree char *text = view_text (self->skeleton_view);
  double cx = width / 2.0, cy = height / 2.0, radius = MIN (width, height) / 2.0 - 16;
  double r = 0.3, g = 0.47, b = 0.65;
  cairo_text_extents_t extents;
  guint n;

  if (!cairn_label_skeleton_from_json (label, text, NULL) || label->points->len == 0)
    return;
  if (self->shown)
    cairn_color_parse (self->shown->color, &r, &g, &b);
  n = label->points->len;
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i + 1 < label->edges->len; i += 2)
    {
      double a0 = 2 * G_PI * g_array_index (label->edges, guint, i) / n - G_PI / 2;
      double a1 = 2 * G_PI * g_array_index (label->edges, guint, i + 1) / n - G_PI / 2;

      /* An ellipse narrower than the area: room for the names at the sides. */
      cairo_move_to (cr, cx + radius * 0.7 * cos (a0), cy + radius * sin (a0));
      cairo_line_to (cr, cx + radius * 0.7 * cos (a1), cy + radius * sin (a1));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double a = 2 * G_PI * i / n - G_PI / 2;
      double x = cx + radius * 0.7 * cos (a), y = cy + radius * sin (a);

      cairo_set_source_rgb (cr, r, g, b);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_text_extents (cr, g_ptr_array_index (label->points, i), &extents);
      /* Names outside the circle, on the side their point is, kept inside the area. */
      x = cos (a) >= 0 ? x + 6 : x - 6 - extents.x_advance;
      cairo_move_to (cr, CLAMP (x, 1, width - extents.x_advance - 1), y + 4);
      cairo_show_text (cr, g_ptr_array_index (label->points, i));
    }
}

static void
on_skeleton_changed_cb (GtkTextBuffer     *buffer,
                        CairnSchemaEditor *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->skeleton_area));
}

static void
on_row_selected_cb (GtkListBox        *list,
                    GtkListBoxRow     *row,
                    CairnSchemaEditor *self)
{
  gint index = row ? gtk_list_box_row_get_index (row) : -1;

  if (index >= 0 && self->labels && (guint) index < self->labels->len)
    show_label (self, g_ptr_array_index (self->labels, index));
}

static gboolean
same_label (const CairnLabel *a, const CairnLabel *b)
{
  g_autoptr(JsonNode) na = cairn_label_to_json_node (a);
  g_autoptr(JsonNode) nb = cairn_label_to_json_node (b);
  g_autofree char *ja = json_to_string (na, FALSE);
  g_autofree char *jb = json_to_string (nb, FALSE);

  return g_str_equal (ja, jb);
}

static gboolean
push (CairnSchemaEditor *self, CairnEdit *edit, GError **error)
{
  return cairn_edit_stack_push (self->stack, edit, error);
}

static void
on_add_clicked_cb (GtkButton         *button,
                   CairnSchemaEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnEdit) edit = cairn_edit_new (CAIRN_EDIT_VERB_SCHEMA, (CairnKind) -1);
  g_autofree char *name = NULL;
  g_autoptr(CairnLabel) label = NULL;

  /* A name no label has yet. */
  for (guint n = (self->labels ? self->labels->len : 0) + 1; name == NULL; n++)
    {
      g_autoptr(CairnLabel) taken = NULL;

      name = g_strdup_printf (_("label %u"), n);
      taken = cairn_store_find_label (cairn_edit_stack_get_store (self->stack), name, NULL);
      if (taken)
        g_clear_pointer (&name, g_free);
    }
  label = cairn_label_new (name);
  label->color = cairn_label_default_color (self->labels ? self->labels->len : 0);
  cairn_edit_add_label (edit, NULL, NULL, label, NULL);
  if (!push (self, edit, &error))
    {
      set_error (self, error->message);
      return;
    }
  fill_list (self, cairn_edit_get_label_id (edit, 0));
}

/* Undo in the main window, an import, another editor: the form shows the label as it is. */
static void
on_store_changed_cb (CairnStore             *store,
                     const CairnStoreChange *change,
                     CairnSchemaEditor      *self)
{
  gint64 shown = self->shown ? self->shown->id : 0;

  if (!change->labels && !change->everything)
    return;
  fill_list (self, shown);
  if (shown == 0 || !cairn_schema_editor_select (self, shown))
    g_clear_pointer (&self->shown, cairn_label_free);
}

static void
on_apply_clicked_cb (GtkButton         *button,
                     CairnSchemaEditor *self)
{
  cairn_schema_editor_apply (self);
}

static void
cairn_schema_editor_dispose (GObject *object)
{
  CairnSchemaEditor *self = CAIRN_SCHEMA_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_SCHEMA_EDITOR);
  g_clear_object (&self->stack);
  G_OBJECT_CLASS (cairn_schema_editor_parent_class)->dispose (object);
}

static void
cairn_schema_editor_finalize (GObject *object)
{
  CairnSchemaEditor *self = CAIRN_SCHEMA_EDITOR (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->shown, cairn_label_free);
  g_array_unref (self->parent_ids);
  G_OBJECT_CLASS (cairn_schema_editor_parent_class)->finalize (object);
}

static void
cairn_schema_editor_class_init (CairnSchemaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_schema_editor_dispose;
  object_class->finalize = cairn_schema_editor_finalize;
  g_type_ensure (CAIRN_TYPE_ATTRIBUTE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-schema-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, label_list);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, color_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, hotkey_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, parent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, kinds_box);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, anchor_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, attribute_list);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, skeleton_view);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, skeleton_area);
  gtk_widget_class_bind_template_child (widget_class, CairnSchemaEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
}

static void
cairn_schema_editor_init (CairnSchemaEditor *self)
{
  self->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  /* One check button per kind: the list is the model's, not the template's. */
  for (guint k = 0; k < CAIRN_N_KINDS; k++)
    {
      self->kind_checks[k] = gtk_check_button_new_with_label (
        cairn_kind_get_display_name ((CairnKind) k));
      gtk_flow_box_append (self->kinds_box, self->kind_checks[k]);
    }
  gtk_drawing_area_set_draw_func (self->skeleton_area, draw_skeleton_cb, self, NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->skeleton_view), "changed",
                           G_CALLBACK (on_skeleton_changed_cb), self, 0);
}

CairnSchemaEditor *
cairn_schema_editor_new (GtkWindow      *parent,
                         CairnEditStack *stack)
{
  CairnSchemaEditor *self;

  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (stack), NULL);
  self = g_object_new (CAIRN_TYPE_SCHEMA_EDITOR, "transient-for", parent, NULL);
  self->stack = g_object_ref (stack);
  g_signal_connect_object (cairn_edit_stack_get_store (stack), "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  fill_list (self, 0);
  if (self->labels && self->labels->len > 0)
    cairn_schema_editor_select (self, ((CairnLabel *) g_ptr_array_index (self->labels, 0))->id);
  return self;
}

gboolean
cairn_schema_editor_select (CairnSchemaEditor *self,
                            gint64             label_id)
{
  g_return_val_if_fail (CAIRN_IS_SCHEMA_EDITOR (self), FALSE);
  for (guint i = 0; self->labels && i < self->labels->len; i++)
    if (((CairnLabel *) g_ptr_array_index (self->labels, i))->id == label_id)
      {
        gtk_list_box_select_row (self->label_list,
                                 gtk_list_box_get_row_at_index (self->label_list, (int) i));
        show_label (self, g_ptr_array_index (self->labels, i));
        return TRUE;
      }
  return FALSE;
}

gboolean
cairn_schema_editor_apply (CairnSchemaEditor *self)
{
  CairnStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnLabel) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autofree char *anchor = NULL, *old_anchor = NULL;
  gboolean renamed_only;

  g_return_val_if_fail (CAIRN_IS_SCHEMA_EDITOR (self), FALSE);
  if (self->shown == NULL)
    return FALSE;
  store = cairn_edit_stack_get_store (self->stack);
  if ((after = read_form (self, &anchor, &error)) == NULL)
    {
      set_error (self, error->message);
      return FALSE;
    }
  old_anchor = cairn_store_dup_label_anchor (store, self->shown->id);
  if (same_label (self->shown, after) && g_strcmp0 (old_anchor, anchor) == 0)
    {
      set_error (self, NULL);
      return TRUE;
    }
  renamed_only = !g_str_equal (after->name, self->shown->name)
                 && g_str_equal (after->color, self->shown->color)
                 && g_strcmp0 (after->hotkey, self->shown->hotkey) == 0
                 && after->parent_id == self->shown->parent_id
                 && after->kinds == self->shown->kinds;
  edit = cairn_edit_new (renamed_only ? CAIRN_EDIT_VERB_RENAME_LABEL : CAIRN_EDIT_VERB_SCHEMA,
                         (CairnKind) -1);
  cairn_edit_add_label (edit, self->shown, old_anchor, after, anchor);
  if (!push (self, edit, &error))
    {
      set_error (self, error->message);
      return FALSE;
    }
  fill_list (self, after->id);
  cairn_schema_editor_select (self, after->id);
  return TRUE;
}
