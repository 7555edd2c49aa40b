#define G_LOG_DOMAIN "cairn-tag-bar"

#include <glib/gi18n.h>

#include "cairn-color-swatch.h"
#include "cairn-tag-bar.h"

struct _CairnTagBar
{
  GtkWidget    parent_instance;
  GtkWidget   *box;
  CairnCanvas *canvas;   /* a weak pointer: the window holds both, and may drop it first */
  gulong       changed_id;
  guint        rebuild_id;
  gboolean     updating; /* chips set from the canvas make no edits */
};

G_DEFINE_FINAL_TYPE (CairnTagBar, cairn_tag_bar, GTK_TYPE_WIDGET)

/* Labels for tags are those that name the kind; a label for any kind would put every label
 * of the project over the picture. */
static gboolean
is_tag_label (const CairnLabel *label, GHashTable *tagged)
{
  return (label->kinds & (1u << CAIRN_KIND_TAG)) != 0 || g_hash_table_contains (tagged, &label->id);
}

static gint64 chip_label_id (GtkWidget *chip);

static void
on_chip_toggled_cb (GtkToggleButton *chip,
                    CairnTagBar     *self)
{
  gint64 label_id = chip_label_id (GTK_WIDGET (chip));

  if (self->updating)
    return;
  /* The canvas's change comes back as shapes-changed and sets every chip again. */
  if (!cairn_canvas_toggle_tag (self->canvas, label_id))
    {
      self->updating = TRUE;
      gtk_toggle_button_set_active (chip, cairn_canvas_find_tag (self->canvas, label_id) != NULL);
      self->updating = FALSE;
    }
}

static GtkWidget *
new_chip (CairnTagBar *self, const CairnLabel *label, gboolean active)
{
  GtkWidget *chip = gtk_toggle_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = cairn_color_swatch_new ();
  gint64 *id = g_new (gint64, 1);
  g_autofree char *tooltip = g_strdup_printf (_("Tag this image “%s”"), label->name);

  *id = label->id;
  cairn_color_swatch_set_color (CAIRN_COLOR_SWATCH (swatch), label->color);
  gtk_box_append (GTK_BOX (content), swatch);
  gtk_box_append (GTK_BOX (content), gtk_label_new (label->name));
  gtk_button_set_child (GTK_BUTTON (chip), content);
  gtk_widget_add_css_class (chip, "tag-chip");
  gtk_widget_set_tooltip_text (chip, tooltip);
  g_object_set_data_full (G_OBJECT (chip), "label-id", id, g_free);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), active);
  g_signal_connect (chip, "toggled", G_CALLBACK (on_chip_toggled_cb), self);
  return chip;
}

static gint64
chip_label_id (GtkWidget *chip)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (chip), "label-id");
}

static void
rebuild (CairnTagBar *self)
{
  GPtrArray *labels = self->canvas ? cairn_canvas_get_labels (self->canvas) : NULL;
  g_autoptr(GHashTable) tagged = self->canvas ? cairn_canvas_dup_tag_labels (self->canvas) : NULL;
  GtkWidget *child;
  guint n = 0;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CairnLabel *label = labels->pdata[i];

      if (is_tag_label (label, tagged))
        {
          gtk_box_append (GTK_BOX (self->box),
                          new_chip (self, label, g_hash_table_contains (tagged, &label->id)));
          n++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  self->updating = FALSE;
}

static gboolean
rebuild_cb (gpointer data)
{
  CairnTagBar *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The chips still name the labels they should: only their states are set again (a chip's own
 * toggle lands here, in its handler, so it must not be destroyed); else rebuilt when idle. */
static void
update (CairnTagBar *self)
{
  GPtrArray *labels = self->canvas ? cairn_canvas_get_labels (self->canvas) : NULL;
  g_autoptr(GHashTable) tagged = NULL;
  GtkWidget *chip = gtk_widget_get_first_child (self->box);
  gboolean same = TRUE;

  if (labels == NULL)
    return;
  tagged = cairn_canvas_dup_tag_labels (self->canvas);
  for (guint i = 0; i < labels->len && same; i++)
    if (is_tag_label (labels->pdata[i], tagged))
      {
        same = chip != NULL && chip_label_id (chip) == ((CairnLabel *) labels->pdata[i])->id;
        chip = chip ? gtk_widget_get_next_sibling (chip) : NULL;
      }
  if (!same || chip != NULL)
    {
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_cb, self);
      return;
    }
  self->updating = TRUE;
  for (chip = gtk_widget_get_first_child (self->box); chip; chip = gtk_widget_get_next_sibling (chip))
    {
      gint64 id = chip_label_id (chip);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), g_hash_table_contains (tagged, &id));
    }
  self->updating = FALSE;
}

static void
on_shapes_changed_cb (CairnCanvas *canvas,
                      CairnTagBar *self)
{
  update (self);
}

static void
forget_canvas (CairnTagBar *self)
{
  if (self->canvas != NULL)
    g_clear_signal_handler (&self->changed_id, self->canvas);
  self->changed_id = 0;
  g_clear_weak_pointer (&self->canvas);
}

void
cairn_tag_bar_set_canvas (CairnTagBar *self,
                          CairnCanvas *canvas)
{
  g_return_if_fail (CAIRN_IS_TAG_BAR (self));

  forget_canvas (self);
  g_set_weak_pointer (&self->canvas, canvas);
  if (canvas != NULL)
    self->changed_id = g_signal_connect (canvas, "shapes-changed",
                                         G_CALLBACK (on_shapes_changed_cb), self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild (self);
}

guint
cairn_tag_bar_get_n_chips (CairnTagBar *self)
{
  guint n = 0;

  g_return_val_if_fail (CAIRN_IS_TAG_BAR (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (self->box); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
cairn_tag_bar_dispose (GObject *object)
{
  CairnTagBar *self = CAIRN_TAG_BAR (object);

  forget_canvas (self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cairn_tag_bar_parent_class)->dispose (object);
}

static void
cairn_tag_bar_class_init (CairnTagBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cairn_tag_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tagbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cairn_tag_bar_init (CairnTagBar *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Image tags"), -1);
}

GtkWidget *
cairn_tag_bar_new (void)
{
  return g_object_new (CAIRN_TYPE_TAG_BAR, NULL);
}
