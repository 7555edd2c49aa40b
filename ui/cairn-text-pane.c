#define G_LOG_DOMAIN "cairn-text-pane"

#include "model/cairn-annotation.h"
#include "model/cairn-label.h"
#include "cairn-text-pane.h"
#include "cairn-annotation-summary.h"
#include "cairn-item-view.h"
#include "cairn-ui-util.h"

struct _CairnTextPane
{
  GtkWidget    parent_instance;
  CairnItemViewState view;
  GtkWidget   *inspector;
  guint        n_spans;

  GtkTextView *text_view;
};

static void cairn_text_pane_item_view_init (CairnItemViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnTextPane, cairn_text_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_ITEM_VIEW,
                                                      cairn_text_pane_item_view_init))

/* Enough to read the text under the colour in light and dark styles. */
#define SPAN_ALPHA 0.35

static const CairnLabel *
find_label (GPtrArray *labels,
            gint64     id)
{
  if (labels == NULL)
    return NULL;
  for (guint i = 0; i < labels->len; i++)
    if (((const CairnLabel *) labels->pdata[i])->id == id)
      return labels->pdata[i];
  return NULL;
}

static char *
tag_name (gint64 label_id)
{
  return g_strdup_printf ("label-%" G_GINT64_FORMAT, label_id);
}

static GtkTextTag *
ensure_tag (GtkTextBuffer    *buffer,
            gint64            label_id,
            const CairnLabel *label)
{
  g_autofree char *name = tag_name (label_id);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GdkRGBA background = { 0.6, 0.6, 0.6, SPAN_ALPHA };
  GdkRGBA underline = { 0.6, 0.6, 0.6, 1 };
  double r, g, b;

  if (tag != NULL)
    return tag;
  if (label != NULL && cairn_color_parse (label->color, &r, &g, &b))
    {
      background = (GdkRGBA) { r, g, b, SPAN_ALPHA };
      underline = (GdkRGBA) { r, g, b, 1 };
    }
  return gtk_text_buffer_create_tag (buffer, name,
                                     "background-rgba", &background,
                                     "underline", PANGO_UNDERLINE_SINGLE,
                                     "underline-rgba", &underline,
                                     NULL);
}

static void
collect_tag (GtkTextTag *tag,
             gpointer    data)
{
  g_ptr_array_add (data, tag);
}

static gboolean
cairn_text_pane_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAIRN_TEXT_PANE (widget)->text_view));
}

static void
cairn_text_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_TEXT_PANE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (object));
  CairnTextPane *self = CAIRN_TEXT_PANE (object);

  cairn_item_view_state_clear (&self->view, CAIRN_ITEM_VIEW (self));
  g_clear_object (&self->inspector);
  G_OBJECT_CLASS (cairn_text_pane_parent_class)->dispose (object);
}

static void
cairn_text_pane_class_init (CairnTextPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_text_pane_dispose;
  widget_class->grab_focus = cairn_text_pane_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-text-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnTextPane, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "textpane");
}

static void
cairn_text_pane_init (CairnTextPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector = g_object_ref_sink (cairn_annotation_summary_new ());
}

GtkWidget *
cairn_text_pane_new (void)
{
  return g_object_new (CAIRN_TYPE_TEXT_PANE, NULL);
}

void
cairn_text_pane_set_text (CairnTextPane *self,
                          const char    *text,
                          GPtrArray     *annotations,
                          GPtrArray     *labels)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  g_autoptr(GPtrArray) old_tags = g_ptr_array_new ();
  gint n_chars;

  g_return_if_fail (CAIRN_IS_TEXT_PANE (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  table = gtk_text_buffer_get_tag_table (buffer);
  /* Label colours may have changed since the last item: start from fresh tags. */
  gtk_text_tag_table_foreach (table, collect_tag, old_tags);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  for (guint i = 0; i < old_tags->len; i++)
    gtk_text_tag_table_remove (table, old_tags->pdata[i]);

  self->n_spans = 0;
  n_chars = gtk_text_buffer_get_char_count (buffer);
  if (annotations != NULL)
    for (guint i = 0; i < annotations->len; i++)
      {
        const CairnAnnotation *a = annotations->pdata[i];
        GtkTextIter start, end;
        double s, e;

        if (a->kind != CAIRN_KIND_SPAN || a->coords == NULL || a->coords->len < 2)
          continue;
        s = g_array_index (a->coords, double, 0);
        e = g_array_index (a->coords, double, 1);
        /* Code points, half-open: exactly GtkTextIter's character offsets. */
        if (s < 0 || e <= s || e > n_chars)
          {
            g_debug ("Span %" G_GINT64_FORMAT " [%g, %g) is outside the text (%d characters)",
                     a->id, s, e, n_chars);
            continue;
          }
        gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) s);
        gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) e);
        gtk_text_buffer_apply_tag (buffer, ensure_tag (buffer, a->label_id,
                                                       find_label (labels, a->label_id)),
                                   &start, &end);
        self->n_spans++;
      }

  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
    gtk_text_view_scroll_to_iter (self->text_view, &start, 0, FALSE, 0, 0);
  }
}

GtkTextBuffer *
cairn_text_pane_get_buffer (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

GtkTextTag *
cairn_text_pane_get_label_tag (CairnTextPane *self,
                               gint64         label_id)
{
  g_autofree char *name = tag_name (label_id);

  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), NULL);
  return gtk_text_tag_table_lookup (
    gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->text_view)), name);
}

guint
cairn_text_pane_get_n_spans (CairnTextPane *self)
{
  g_return_val_if_fail (CAIRN_IS_TEXT_PANE (self), 0);
  return self->n_spans;
}

/* The item view */

static void
reload (CairnTextPane *self)
{
  g_autoptr(GPtrArray) annotations = NULL;

  if (self->view.item == NULL)
    return;
  annotations = cairn_item_view_load_annotations (self->view.store, self->view.item->id);
  cairn_text_pane_set_text (self, self->view.item->text, annotations, self->view.labels);
  cairn_annotation_summary_show (CAIRN_ANNOTATION_SUMMARY (self->inspector), annotations,
                                 self->view.labels, CAIRN_KIND_SPAN);
}

static void
cairn_text_pane_view_set_item (CairnItemView   *view,
                               CairnStore      *store,
                               const CairnItem *item,
                               GPtrArray       *labels)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (view);

  cairn_item_view_state_set (&self->view, view, store, item, labels);
  reload (self);
}

static void
cairn_text_pane_view_store_changed (CairnItemView          *view,
                                    const CairnStoreChange *change)
{
  CairnTextPane *self = CAIRN_TEXT_PANE (view);

  if (cairn_item_view_state_touched (&self->view, change))
    reload (self);
}

static GtkWidget *
cairn_text_pane_view_get_inspector (CairnItemView *view)
{
  return CAIRN_TEXT_PANE (view)->inspector;
}

static void
cairn_text_pane_item_view_init (CairnItemViewInterface *iface)
{
  iface->set_item = cairn_text_pane_view_set_item;
  iface->store_changed = cairn_text_pane_view_store_changed;
  iface->get_inspector = cairn_text_pane_view_get_inspector;
}
