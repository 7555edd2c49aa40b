#define G_LOG_DOMAIN "cairn-start-page"

#include "cairn-application.h"
#include "cairn-recent-project.h"
#include "cairn-start-page.h"
#include "cairn-ui-util.h"

struct _CairnStartPage
{
  GtkWidget    parent_instance;
  GListStore  *recent;
  CairnApplication *app; /* weak */

  GtkWidget   *recent_box;
  GtkListView *recent_view;
};

G_DEFINE_FINAL_TYPE (CairnStartPage, cairn_start_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_OPEN_RECENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_recent_activated_cb (GtkListView    *view,
                        guint           position,
                        CairnStartPage *self)
{
  g_autoptr(CairnRecentProject) project = g_list_model_get_item (G_LIST_MODEL (self->recent),
                                                                 position);

  if (project != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECENT], 0, cairn_recent_project_get_path (project));
}

static void
on_recent_changed_cb (CairnApplication *app,
                      CairnStartPage   *self)
{
  cairn_start_page_reload (self);
}

static void
cairn_start_page_dispose (GObject *object)
{
  CairnStartPage *self = CAIRN_START_PAGE (object);

  g_clear_weak_pointer (&self->app);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_START_PAGE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->recent);
  G_OBJECT_CLASS (cairn_start_page_parent_class)->dispose (object);
}

static void
cairn_start_page_class_init (CairnStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_start_page_dispose;

  /* A recent project was chosen; the path is its file. */
  signals[SIGNAL_OPEN_RECENT] = g_signal_new ("open-recent", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CAIRN_TYPE_RECENT_PROJECT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnStartPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CairnStartPage, recent_view);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "startpage");
}

static void
cairn_start_page_init (CairnStartPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->recent = g_list_store_new (CAIRN_TYPE_RECENT_PROJECT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->recent)));
  gtk_list_view_set_model (self->recent_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_set_visible (self->recent_box, FALSE);
}

GtkWidget *
cairn_start_page_new (void)
{
  return g_object_new (CAIRN_TYPE_START_PAGE, NULL);
}

void
cairn_start_page_reload (CairnStartPage *self)
{
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CAIRN_IS_START_PAGE (self));

  if (self->app != NULL)
    paths = cairn_application_dup_recent (self->app);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (rows, cairn_recent_project_new (paths[i]));
  g_list_store_splice (self->recent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recent)),
                       rows->pdata, rows->len);
  gtk_widget_set_visible (self->recent_box, rows->len > 0);
}

GListModel *
cairn_start_page_get_recent (CairnStartPage *self)
{
  g_return_val_if_fail (CAIRN_IS_START_PAGE (self), NULL);
  return G_LIST_MODEL (self->recent);
}

void
cairn_start_page_set_application (CairnStartPage   *self,
                                  CairnApplication *app)
{
  g_return_if_fail (CAIRN_IS_START_PAGE (self));
  g_return_if_fail (app == NULL || CAIRN_IS_APPLICATION (app));

  if (self->app == app)
    return;
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_func (self->app, on_recent_changed_cb, self);
  g_set_weak_pointer (&self->app, app);
  if (app != NULL)
    g_signal_connect_object (app, "recent-changed", G_CALLBACK (on_recent_changed_cb), self, 0);
  cairn_start_page_reload (self);
}
