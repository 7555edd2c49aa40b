#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A label's attributes as rows to edit, one per attribute: its name, its type (yes or no, one
 * of a list, number, text), the list's values, a default and whether it is required; a row
 * more with Add, one less with its remove button. Members a row does not show (another
 * tool's) are kept as they were. */
#define CAIRN_TYPE_ATTRIBUTE_LIST (cairn_attribute_list_get_type ())
G_DECLARE_FINAL_TYPE (CairnAttributeList, cairn_attribute_list, CAIRN, ATTRIBUTE_LIST, GtkWidget)

GtkWidget *cairn_attribute_list_new       (void);
/* specs: [{"name", "type", "values", "required", "default"}]; NULL for none. */
void       cairn_attribute_list_set_specs (CairnAttributeList *self,
                                           JsonArray          *specs);
/* The rows as specs, or NULL and the first problem (it names the attribute). */
JsonArray *cairn_attribute_list_dup_specs (CairnAttributeList *self,
                                           GError            **error);
/* For tests: the n-th row's widget named "name", "type", "values", "default" or "required"
 * (an entry, a drop-down, a check button), or NULL. */
GtkWidget *cairn_attribute_list_get_field (CairnAttributeList *self,
                                           guint               row,
                                           const char         *field);
guint      cairn_attribute_list_get_n_rows (CairnAttributeList *self);

G_END_DECLS
