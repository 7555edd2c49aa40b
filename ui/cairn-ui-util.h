#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For dispose: gtk_widget_dispose_template only unparents the children bound to fields. */
static inline void
cairn_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

G_END_DECLS
