#define G_LOG_DOMAIN "cairn-audio-pane"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "model/cairn-annotation.h"
#include "cairn-audio-pane.h"
#include "cairn-annotation-summary.h"
#include "cairn-item-view.h"
#include "cairn-ui-util.h"

struct _CairnAudioPane
{
  GtkWidget  parent_instance;
  CairnItemViewState view;
  GtkWidget   *inspector;

  GtkLabel  *title_label;
  GtkLabel  *details_label;
};

static void cairn_audio_pane_item_view_init (CairnItemViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnAudioPane, cairn_audio_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_ITEM_VIEW,
                                                      cairn_audio_pane_item_view_init))

static void
cairn_audio_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_AUDIO_PANE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (object));
  CairnAudioPane *self = CAIRN_AUDIO_PANE (object);

  cairn_item_view_state_clear (&self->view, CAIRN_ITEM_VIEW (self));
  g_clear_object (&self->inspector);
  G_OBJECT_CLASS (cairn_audio_pane_parent_class)->dispose (object);
}

static void
cairn_audio_pane_class_init (CairnAudioPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_audio_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-audio-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, details_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "audiopane");
}

static void
cairn_audio_pane_init (CairnAudioPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector = g_object_ref_sink (cairn_annotation_summary_new ());
  /* Focusable so that keys pressed on it reach the window's bindings (n, p, arrows). */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cairn_audio_pane_new (void)
{
  return g_object_new (CAIRN_TYPE_AUDIO_PANE, NULL);
}

void
cairn_audio_pane_set_item (CairnAudioPane  *self,
                           const CairnItem *item,
                           GPtrArray       *annotations)
{
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  guint segments = 0;
  gint64 s;

  g_return_if_fail (CAIRN_IS_AUDIO_PANE (self));
  g_return_if_fail (item != NULL);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    if (((const CairnAnnotation *) annotations->pdata[i])->kind == CAIRN_KIND_SEGMENT)
      segments++;
  title = cairn_item_dup_title (item);
  s = item->duration_ms / 1000;
  /* Translators: an audio item's length and how many transcript segments it has. */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 ":%02d · %u segment",
                                          "%" PRId64 ":%02d · %u segments", segments),
                             s / 60, (int) (s % 60), segments);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->details_label, details);
}

/* The item view */

static void
reload (CairnAudioPane *self)
{
  g_autoptr(GPtrArray) annotations = NULL;

  if (self->view.item == NULL)
    return;
  annotations = cairn_item_view_load_annotations (self->view.store, self->view.item->id);
  cairn_audio_pane_set_item (self, self->view.item, annotations);
  cairn_annotation_summary_show (CAIRN_ANNOTATION_SUMMARY (self->inspector), annotations,
                                 self->view.labels, CAIRN_KIND_SEGMENT);
}

static void
cairn_audio_pane_view_set_item (CairnItemView   *view,
                                CairnStore      *store,
                                const CairnItem *item,
                                GPtrArray       *labels)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (view);

  cairn_item_view_state_set (&self->view, view, store, item, labels);
  reload (self);
}

static void
cairn_audio_pane_view_store_changed (CairnItemView          *view,
                                     const CairnStoreChange *change)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (view);

  if (cairn_item_view_state_touched (&self->view, change))
    reload (self);
}

static GtkWidget *
cairn_audio_pane_view_get_inspector (CairnItemView *view)
{
  return CAIRN_AUDIO_PANE (view)->inspector;
}

static void
cairn_audio_pane_item_view_init (CairnItemViewInterface *iface)
{
  iface->set_item = cairn_audio_pane_view_set_item;
  iface->store_changed = cairn_audio_pane_view_store_changed;
  iface->get_inspector = cairn_audio_pane_view_get_inspector;
}
