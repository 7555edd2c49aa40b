#define G_LOG_DOMAIN "cairn-canvas"

/* The canvas as an editor: its actions (canvas.*, tool.*), its tools, the item view it is
 * for the window, and the way edits leave it. */

#include <glib/gi18n.h>

#include "tools/cairn-box-tool.h"
#include "tools/cairn-brush-tool.h"
#include "tools/cairn-fill-tool.h"
#include "tools/cairn-scissors-tool.h"
#include "tools/cairn-superpixels-tool.h"
#include "tools/cairn-cuboid-tool.h"
#include "tools/cairn-keypoints-tool.h"
#include "tools/cairn-pan-tool.h"
#include "tools/cairn-polygon-tool.h"
#include "tools/cairn-select-tool.h"
#include "cairn-canvas-private.h"
#include "cairn-canvas-shapes.h"

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  /* Nothing half drawn: Escape lets go of the selection. */
  if (self->tool == NULL || !cairn_tool_cancel (self->tool, self))
    cairn_canvas_set_selected_id (self, 0);
  cairn_canvas_set_preview (self, NULL);
}

static void
finish_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (self->tool != NULL)
    cairn_tool_finish (self->tool, self);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (self->tool != NULL)
    cairn_tool_back (self->tool, self);
}

static void
skip_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  if (CAIRN_IS_KEYPOINTS_TOOL (self->tool))
    cairn_keypoints_tool_skip (CAIRN_KEYPOINTS_TOOL (self->tool), self);
}

/* Arrow keys: the selected shapes by one image pixel (Shift: ten), one edit each time. */
static void
nudge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  g_autoptr(GPtrArray) shapes = cairn_canvas_selected_shapes (self, TRUE);
  g_autoptr(CairnEdit) edit = NULL;
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  if (shapes->len == 0)
    {
      if (self->selected_id != 0)
        cairn_canvas_check_unlocked (self, self->selected_id); /* says why */
      return;
    }
  edit = cairn_edit_new (CAIRN_EDIT_VERB_MOVE, ((CairnAnnotation *) shapes->pdata[0])->kind);
  for (guint i = 0; i < shapes->len; i++)
    {
      g_autoptr(CairnAnnotation) after = cairn_annotation_copy (shapes->pdata[i]);

      if (cairn_shape_translate (after, dx, dy))
        cairn_edit_add_annotation (edit, shapes->pdata[i], after);
    }
  if (cairn_edit_get_n_changes (edit) > 0)
    cairn_canvas_commit_edit (self, edit);
}

/* Tab and Shift+Tab: the next or previous shape, in the order they were made. */
static void
cycle_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  int step = g_variant_get_int32 (parameter) < 0 ? -1 : 1;
  guint n = self->annotations->len;
  /* With nothing selected, as if the one before the first (or after the last) were. */
  guint start = step > 0 ? n - 1 : 0;

  for (guint i = 0; i < n; i++)
    if (((CairnAnnotation *) self->annotations->pdata[i])->id == self->selected_id)
      start = i;
  for (guint k = 1; k <= n; k++)
    {
      guint i = (start + n + (step > 0 ? k : n - k)) % n;
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (cairn_kind_is_image (a->kind) && a->kind != CAIRN_KIND_TAG
          && !cairn_canvas_shape_hidden (self, a))
        {
          cairn_canvas_set_selected_id (self, a->id);
          return;
        }
    }
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);

  if (selected == NULL)
    return;
  g_clear_pointer (&self->clipboard, cairn_annotation_free);
  self->clipboard = cairn_annotation_copy (selected);
  cairn_canvas_update_actions (self);
}

/* A copy of shape on the shown item as a new annotation, shifted by (dx, dy): one edit. */
static void
paste (CairnCanvas *self, const CairnAnnotation *shape, double dx, double dy)
{
  g_autoptr(CairnAnnotation) copy = cairn_annotation_copy (shape);
  g_autoptr(CairnEdit) edit = NULL;

  copy->id = 0;
  copy->item_id = self->item_id;
  copy->origin = CAIRN_ORIGIN_HUMAN;
  copy->score = -1;
  copy->annotator_id = self->edit_stack ? cairn_edit_stack_get_annotator (self->edit_stack) : 0;
  copy->guideline_version = 0;
  if ((dx != 0 || dy != 0) && !cairn_shape_translate (copy, dx, dy))
    return;
  edit = cairn_edit_new (CAIRN_EDIT_VERB_PASTE, copy->kind);
  cairn_edit_add_annotation (edit, NULL, copy);
  if (cairn_canvas_commit_edit (self, edit))
    cairn_canvas_set_selected_id (self, cairn_edit_get_annotation_id (edit, 0));
}

static void
paste_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);

  /* Where it was: the same object on the next frame of a sequence is the usual case. */
  if (self->clipboard != NULL)
    paste (self, self->clipboard, 0, 0);
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);

  if (selected != NULL)
    paste (self, selected, 10, 10);
}

static void
delete_selection_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  g_autoptr(GPtrArray) shapes = cairn_canvas_selected_shapes (self, TRUE);
  g_autoptr(CairnEdit) edit = NULL;

  if (shapes->len == 0)
    {
      if (self->selected_id != 0)
        cairn_canvas_check_unlocked (self, self->selected_id);
      return;
    }
  /* All of a selection go as one edit (locked ones stay). */
  edit = cairn_edit_new (CAIRN_EDIT_VERB_DELETE, ((CairnAnnotation *) shapes->pdata[0])->kind);
  for (guint i = 0; i < shapes->len; i++)
    cairn_edit_add_annotation (edit, shapes->pdata[i], NULL);
  if (cairn_canvas_commit_edit (self, edit))
    cairn_canvas_set_selected_id (self, 0);
}

/* Says so (the window shows it in the status bar) when the label does not take the kind. */
static gboolean
label_allows (CairnCanvas *self, gint64 label_id, CairnKind kind)
{
  const CairnLabel *label = cairn_canvas_get_label (self, label_id);
  g_autofree char *text = NULL;

  if (label == NULL || cairn_label_allows (label, kind))
    return TRUE;
  /* Translators: e.g. "“vehicle” is not for polygons: choose another label". */
  text = g_strdup_printf (_("“%s” is not for %s shapes: choose another label"), label->name,
                          cairn_kind_get_display_name (kind));
  cairn_canvas_show_notice (self, text);
  return FALSE;
}

/* Relabels the selected shapes as one edit ("before or after drawing"). */
static void
relabel_selection (CairnCanvas *self,
                   gint64       label_id)
{
  g_autoptr(GPtrArray) shapes = cairn_canvas_selected_shapes (self, FALSE);
  g_autoptr(CairnEdit) edit = NULL;

  if (shapes->len == 0)
    return;
  edit = cairn_edit_new (CAIRN_EDIT_VERB_RELABEL, ((CairnAnnotation *) shapes->pdata[0])->kind);
  for (guint i = 0; i < shapes->len; i++)
    {
      const CairnAnnotation *selected = shapes->pdata[i];
      g_autoptr(CairnAnnotation) after = NULL;

      if (selected->label_id == label_id || !label_allows (self, label_id, selected->kind))
        continue;
      after = cairn_annotation_copy (selected);
      after->label_id = label_id;
      cairn_edit_add_annotation (edit, selected, after);
    }
  if (cairn_edit_get_n_changes (edit) > 0)
    cairn_canvas_commit_edit (self, edit);
}

static void
select_label_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  gint32 position = g_variant_get_int32 (parameter);
  const CairnLabel *label;

  /* By place among the labels the palette shows for this tool. */
  if (position < 0 || (guint) position >= self->palette->len)
    return;
  label = self->palette->pdata[position];
  cairn_canvas_set_current_label_id (self, label->id);
  relabel_selection (self, label->id);
}

static void
relabel_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CairnCanvas *self = CAIRN_CANVAS (widget);
  gint64 label_id = g_variant_get_int64 (parameter);

  if (label_id != 0 && cairn_canvas_get_label (self, label_id) == NULL)
    return;
  cairn_canvas_set_current_label_id (self, label_id);
  relabel_selection (self, label_id);
}

void
cairn_canvas_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "canvas.tool", "tool-name");
  gtk_widget_class_install_action (widget_class, "tool.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "tool.finish", NULL, finish_activated);
  gtk_widget_class_install_action (widget_class, "tool.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "tool.skip", NULL, skip_activated);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "(dd)", nudge_activated);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_activated);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "canvas.cycle-selection", "i", cycle_activated);
  gtk_widget_class_install_action (widget_class, "canvas.delete-selection", NULL,
                                   delete_selection_activated);
  /* By place in the palette (the 1–9 and 0 keys), or by id (the palette and inspector). */
  gtk_widget_class_install_action (widget_class, "canvas.select-label", "i",
                                   select_label_activated);
  gtk_widget_class_install_action (widget_class, "canvas.set-label", "x", relabel_activated);
}

static void
on_label_chosen_cb (CairnShapeInspector *inspector,
                    gint64               label_id,
                    CairnCanvas         *self)
{
  relabel_selection (self, label_id);
}

/* An OCR box's text, typed in the inspector: one edit. */
static void
on_text_chosen_cb (CairnShapeInspector *inspector,
                   const char          *text,
                   CairnCanvas         *self)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (selected == NULL || g_strcmp0 (selected->text ? selected->text : "", text) == 0)
    return;
  after = cairn_annotation_copy (selected);
  cairn_annotation_set_text (after, text);
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, selected, after);
  cairn_canvas_commit_edit (self, edit);
}

/* An attribute set in the inspector (json NULL: cleared): one edit. */
static void
on_attribute_chosen_cb (CairnShapeInspector *inspector,
                        const char          *name,
                        const char          *json,
                        CairnCanvas         *self)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (selected == NULL)
    return;
  after = cairn_annotation_copy (selected);
  if (json == NULL)
    json_object_remove_member (after->attributes, name);
  else
    json_object_set_member (after->attributes, name, json_from_string (json, NULL));
  /* Only the attributes differ from the copy: no edit when they do not. */
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), after->attributes);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), selected->attributes);

    if (json_node_equal (a, b))
      return;
  }
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, selected, after);
  cairn_canvas_commit_edit (self, edit);
}

void
cairn_canvas_init_tools (CairnCanvas *self)
{
  g_signal_connect_object (self->inspector, "attribute-chosen",
                           G_CALLBACK (on_attribute_chosen_cb), self, 0);
  g_signal_connect_object (self->inspector, "text-chosen", G_CALLBACK (on_text_chosen_cb), self,
                           0);
  g_signal_connect_object (self->inspector, "label-chosen", G_CALLBACK (on_label_chosen_cb), self,
                           0);
  self->tools = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_hash_table_insert (self->tools, (gpointer) "select", cairn_select_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "pan", cairn_pan_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "box", cairn_box_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "polygon", cairn_polygon_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "rbox", cairn_box_tool_new_for_kind (CAIRN_KIND_RBOX));
  g_hash_table_insert (self->tools, (gpointer) "ellipse",
                       cairn_box_tool_new_for_kind (CAIRN_KIND_ELLIPSE));
  g_hash_table_insert (self->tools, (gpointer) "ocr", cairn_box_tool_new_for_kind (CAIRN_KIND_OCR));
  g_hash_table_insert (self->tools, (gpointer) "polyline",
                       cairn_polygon_tool_new_for_kind (CAIRN_KIND_POLYLINE));
  g_hash_table_insert (self->tools, (gpointer) "points",
                       cairn_polygon_tool_new_for_kind (CAIRN_KIND_POINTS));
  g_hash_table_insert (self->tools, (gpointer) "keypoints", cairn_keypoints_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "cuboid", cairn_cuboid_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "brush", cairn_brush_tool_new (FALSE));
  g_hash_table_insert (self->tools, (gpointer) "eraser", cairn_brush_tool_new (TRUE));
  g_hash_table_insert (self->tools, (gpointer) "fill", cairn_fill_tool_new (FALSE));
  g_hash_table_insert (self->tools, (gpointer) "wand", cairn_fill_tool_new (TRUE));
  g_hash_table_insert (self->tools, (gpointer) "scissors", cairn_scissors_tool_new ());
  g_hash_table_insert (self->tools, (gpointer) "superpixels", cairn_superpixels_tool_new ());
  cairn_canvas_set_tool_name (self, "select");
  cairn_canvas_update_actions (self);
}

void
cairn_canvas_update_actions (CairnCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editable = self->edit_stack != NULL && self->item_id != 0;

  gtk_widget_action_set_enabled (widget, "canvas.delete-selection",
                                 editable && self->selected_id != 0);
  gtk_widget_action_set_enabled (widget, "canvas.set-label", editable);
  gtk_widget_action_set_enabled (widget, "canvas.copy", self->selected_id != 0);
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", editable && self->selected_id != 0);
  gtk_widget_action_set_enabled (widget, "canvas.paste", editable && self->clipboard != NULL);
}

void
cairn_canvas_update_inspector (CairnCanvas *self)
{
  const CairnAnnotation *selected = cairn_canvas_get_annotation (self, self->selected_id);
  g_autofree char *who = NULL;

  if (selected != NULL && selected->annotator_id != 0 && self->store != NULL)
    who = cairn_store_dup_annotator_name (self->store, selected->annotator_id);
  cairn_shape_inspector_show (CAIRN_SHAPE_INSPECTOR (self->inspector), selected,
                              self->label_order, who);
  cairn_canvas_update_actions (self);
}

CairnAnnotation *
cairn_canvas_new_annotation (CairnCanvas *self,
                             CairnKind    kind)
{
  CairnAnnotation *a;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  a = cairn_annotation_new (kind);
  a->item_id = self->item_id;
  /* A label that is not for this kind: the shape is kept, unlabelled, for another label. */
  a->label_id = label_allows (self, self->current_label_id, kind) ? self->current_label_id : 0;
  if (self->edit_stack != NULL)
    a->annotator_id = cairn_edit_stack_get_annotator (self->edit_stack);
  return a;
}

gboolean
cairn_canvas_commit_edit (CairnCanvas *self,
                          CairnEdit   *edit)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (CAIRN_IS_EDIT (edit), FALSE);

  if (self->edit_stack == NULL || self->item_id == 0)
    {
      cairn_canvas_emit_edit_failed (self, _("This item cannot be edited here"));
      return FALSE;
    }
  /* The first shape on a new item puts it in progress, in the same edit (one undo). */
  if (cairn_edit_get_verb (edit) == CAIRN_EDIT_VERB_DRAW
      || cairn_edit_get_verb (edit) == CAIRN_EDIT_VERB_PASTE)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (self->store, self->item_id, NULL);

      if (item != NULL && item->state == CAIRN_STATE_NEW)
        cairn_edit_add_item_state (edit, item->id, CAIRN_STATE_NEW, CAIRN_STATE_IN_PROGRESS);
    }
  /* Saved before it returns: the store's change notice redraws the canvas in place. */
  if (!cairn_edit_stack_push (self->edit_stack, edit, &error))
    {
      cairn_canvas_emit_edit_failed (self, error->message);
      return FALSE;
    }
  /* A new shape is selected, so 1–9 relabel it and Delete takes it back; a tag is not a
   * shape to select (its chip shows it), and what was selected stays so. */
  if (cairn_edit_get_verb (edit) == CAIRN_EDIT_VERB_DRAW
      && cairn_edit_get_subject (edit) != CAIRN_KIND_TAG)
    cairn_canvas_set_selected_id (self, cairn_edit_get_annotation_id (edit, 0));
  return TRUE;
}

/* The item view */

static void
reload_annotations (CairnCanvas *self)
{
  g_autoptr(GPtrArray) annotations = cairn_item_view_load_annotations (self->store, self->item_id);

  cairn_canvas_set_annotations (self, annotations);
}

static void
reload_labels (CairnCanvas *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (self->store, &error);

  if (labels == NULL)
    g_warning ("Labels of %s: %s", cairn_store_get_path (self->store), error->message);
  else
    cairn_canvas_set_labels (self, labels);
}

/* Only the annotations the change names are read again (an edit touches one or a few; the
 * item may hold thousands): each is replaced, added or dropped in place. */
static void
update_annotations (CairnCanvas *self, const CairnStoreChange *change)
{
  for (guint i = 0; i < change->annotations->len; i++)
    {
      gint64 id = g_array_index (change->annotations, gint64, i);
      g_autoptr(GError) error = NULL;
      CairnAnnotation *fresh = cairn_store_get_annotation (self->store, id, &error);
      guint at = self->annotations->len;

      if (fresh == NULL && !g_error_matches (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
        {
          g_warning ("Annotation %" G_GINT64_FORMAT ": %s", id, error->message);
          continue;
        }
      for (guint k = 0; k < self->annotations->len; k++)
        if (((CairnAnnotation *) self->annotations->pdata[k])->id == id)
          at = k;
      cairn_canvas_damage (self, fresh);
      if (at < self->annotations->len)
        {
          cairn_canvas_damage (self, self->annotations->pdata[at]);
          g_hash_table_remove (self->masks, self->annotations->pdata[at]);
          if (fresh != NULL && fresh->item_id == self->item_id)
            {
              cairn_annotation_free (self->annotations->pdata[at]);
              self->annotations->pdata[at] = g_steal_pointer (&fresh);
            }
          else
            g_ptr_array_remove_index (self->annotations, at);
        }
      else if (fresh != NULL && fresh->item_id == self->item_id)
        {
          /* In id order, as the store lists them: a deletion undone comes back in its place. */
          guint k = 0;

          while (k < self->annotations->len
                 && ((CairnAnnotation *) self->annotations->pdata[k])->id < id)
            k++;
          g_ptr_array_insert (self->annotations, k, g_steal_pointer (&fresh));
        }
      g_clear_pointer (&fresh, cairn_annotation_free);
    }
  cairn_canvas_annotations_changed (self);
}

static void
cairn_canvas_store_changed (CairnItemView          *view,
                            const CairnStoreChange *change)
{
  CairnCanvas *self = CAIRN_CANVAS (view);

  if (self->item_id == 0)
    return;
  if (change->labels || change->everything)
    reload_labels (self);
  if (change->everything)
    reload_annotations (self);
  else if (change->annotations->len > 0)
    update_annotations (self, change);
}

static void
cairn_canvas_set_item (CairnItemView   *view,
                       CairnStore      *store,
                       const CairnItem *item,
                       GPtrArray       *labels)
{
  CairnCanvas *self = CAIRN_CANVAS (view);

  if (self->tool != NULL)
    cairn_tool_cancel (self->tool, self);
  cairn_canvas_set_preview (self, NULL);
  cairn_item_view_watch_store (view, &self->store, store);
  if (cairn_canvas_mask_read_semantic (self) != cairn_canvas_mask_get_semantic (self))
    {
      cairn_canvas_mask_set_semantic (self, !cairn_canvas_mask_get_semantic (self));
      g_object_notify (G_OBJECT (self), "semantic-masks");
    }
  self->item_id = item ? item->id : 0;
  cairn_canvas_set_selected_id (self, 0);
  cairn_canvas_set_labels (self, labels);
  reload_annotations (self);
  cairn_canvas_set_image_size (self, item ? item->width : 0, item ? item->height : 0);
}

static void
cairn_canvas_set_edit_stack (CairnItemView  *view,
                             CairnEditStack *stack)
{
  CairnCanvas *self = CAIRN_CANVAS (view);

  g_set_object (&self->edit_stack, stack);
  cairn_canvas_update_actions (self);
}

static gint64
cairn_canvas_get_selected (CairnItemView *view)
{
  return CAIRN_CANVAS (view)->selected_id;
}

static GtkWidget *
cairn_canvas_get_inspector (CairnItemView *view)
{
  return CAIRN_CANVAS (view)->inspector;
}

void
cairn_canvas_item_view_init (CairnItemViewInterface *iface)
{
  iface->set_item = cairn_canvas_set_item;
  iface->set_edit_stack = cairn_canvas_set_edit_stack;
  iface->store_changed = cairn_canvas_store_changed;
  iface->get_selected_id = cairn_canvas_get_selected;
  iface->get_inspector = cairn_canvas_get_inspector;
}

const CairnAnnotation *
cairn_canvas_find_tag (CairnCanvas *self,
                       gint64       label_id)
{
  g_return_val_if_fail (CAIRN_IS_CANVAS (self), NULL);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_TAG && a->label_id == label_id)
        return a;
    }
  return NULL;
}

GHashTable *
cairn_canvas_dup_tag_labels (CairnCanvas *self)
{
  GHashTable *tagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), tagged);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const CairnAnnotation *a = self->annotations->pdata[i];

      if (a->kind == CAIRN_KIND_TAG)
        g_hash_table_add (tagged, g_memdup2 (&a->label_id, sizeof a->label_id));
    }
  return tagged;
}

gboolean
cairn_canvas_toggle_tag (CairnCanvas *self,
                         gint64       label_id)
{
  const CairnAnnotation *tag;
  g_autoptr(CairnAnnotation) fresh = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  g_return_val_if_fail (CAIRN_IS_CANVAS (self), FALSE);
  if (self->item_id == 0 || label_id == 0)
    return FALSE;
  tag = cairn_canvas_find_tag (self, label_id);
  if (tag != NULL)
    edit = cairn_edit_new_delete (tag);
  else
    {
      fresh = cairn_annotation_new (CAIRN_KIND_TAG);
      fresh->item_id = self->item_id;
      fresh->label_id = label_id;
      edit = cairn_edit_new_create (fresh);
    }
  return cairn_canvas_commit_edit (self, edit);
}
