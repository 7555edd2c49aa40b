#define G_LOG_DOMAIN "cairn-item-row"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <pango/pango.h>

#include "cairn-item-row.h"

struct _CairnItemRow
{
  GObject    parent_instance;
  gint64     id;
  CairnItem *item;
  char      *title;
  char      *subtitle;
};

G_DEFINE_FINAL_TYPE (CairnItemRow, cairn_item_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  PROP_STATE_NAME,
  PROP_STATE_CLASSES,
  PROP_TITLE_ELLIPSIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_subtitle (const CairnItem *item)
{
  switch (item->kind)
    {
    case CAIRN_ITEM_IMAGE:
      if (item->width > 0 && item->height > 0)
        return g_strdup_printf ("%d × %d", item->width, item->height);
      return g_strdup (_("Image"));
    case CAIRN_ITEM_TEXT:
      {
        glong n = item->text ? g_utf8_strlen (item->text, -1) : 0;
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character", "%ld characters",
                                             (gulong) n), n);
      }
    case CAIRN_ITEM_AUDIO:
      {
        gint64 s = item->duration_ms / 1000;
        return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", s / 60, (int) (s % 60));
      }
    case CAIRN_N_ITEM_KINDS:
    default:
      return g_strdup ("");
    }
}

static GStrv
dup_state_classes (CairnItemRow *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *state_class = NULL;

  g_strv_builder_add (b, "state-badge");
  if (self->item != NULL)
    {
      state_class = g_strconcat ("state-", cairn_item_state_to_string (self->item->state), NULL);
      g_strv_builder_add (b, state_class);
    }
  return g_strv_builder_end (b);
}

static void
cairn_item_row_finalize (GObject *object)
{
  CairnItemRow *self = CAIRN_ITEM_ROW (object);

  g_clear_pointer (&self->item, cairn_item_free);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (cairn_item_row_parent_class)->finalize (object);
}

static void
cairn_item_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CairnItemRow *self = CAIRN_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_ICON_NAME:
      g_value_set_static_string (value, self->item ? cairn_item_kind_get_icon_name (self->item->kind)
                                                   : "dialog-error-symbolic");
      break;
    case PROP_STATE_NAME:
      g_value_set_static_string (value, self->item ? cairn_item_state_get_display_name (self->item->state)
                                                   : "");
      break;
    case PROP_STATE_CLASSES:
      g_value_take_boxed (value, dup_state_classes (self));
      break;
    case PROP_TITLE_ELLIPSIZE:
      /* File names keep their ends (numbers, extensions); texts read from the start. */
      g_value_set_enum (value, self->item && self->item->uri ? PANGO_ELLIPSIZE_MIDDLE
                                                             : PANGO_ELLIPSIZE_END);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_item_row_class_init (CairnItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cairn_item_row_finalize;
  object_class->get_property = cairn_item_row_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_STATE_NAME] = g_param_spec_string ("state-name", NULL, NULL, NULL, flags);
  properties[PROP_STATE_CLASSES] = g_param_spec_boxed ("state-classes", NULL, NULL,
                                                       G_TYPE_STRV, flags);
  properties[PROP_TITLE_ELLIPSIZE] = g_param_spec_enum ("title-ellipsize", NULL, NULL,
                                                       PANGO_TYPE_ELLIPSIZE_MODE,
                                                       PANGO_ELLIPSIZE_END, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cairn_item_row_init (CairnItemRow *self)
{
}

/* Takes ownership of item (which may be NULL when it could not be read). */
CairnItemRow *
cairn_item_row_new (gint64     id,
                    CairnItem *item)
{
  CairnItemRow *self = g_object_new (CAIRN_TYPE_ITEM_ROW, NULL);

  self->id = id;
  self->item = item;
  if (item != NULL)
    {
      /* The list never shows media: drop embedded bytes so cached rows stay small. */
      g_clear_pointer (&item->blob, g_bytes_unref);
      self->title = cairn_item_dup_title (item);
      self->subtitle = dup_subtitle (item);
    }
  else
    {
      self->title = g_strdup_printf (_("Item %" PRId64 " (unreadable)"), id);
      self->subtitle = g_strdup ("");
    }
  return self;
}

gint64
cairn_item_row_get_id (CairnItemRow *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_ROW (self), 0);
  return self->id;
}

const CairnItem *
cairn_item_row_get_item (CairnItemRow *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_ROW (self), NULL);
  return self->item;
}

const char *
cairn_item_row_get_title (CairnItemRow *self)
{
  g_return_val_if_fail (CAIRN_IS_ITEM_ROW (self), NULL);
  return self->title;
}

const char *
cairn_item_state_get_display_name (CairnItemState state)
{
  switch (state)
    {
    case CAIRN_STATE_NEW:
      return _("New");
    case CAIRN_STATE_IN_PROGRESS:
      return _("In progress");
    case CAIRN_STATE_DONE:
      return _("Done");
    case CAIRN_STATE_REVIEW:
      return _("Needs review");
    case CAIRN_STATE_ACCEPTED:
      return _("Accepted");
    case CAIRN_STATE_REJECTED:
      return _("Rejected");
    case CAIRN_N_STATES:
    default:
      return "";
    }
}

const char *
cairn_item_kind_get_icon_name (CairnItemKind kind)
{
  switch (kind)
    {
    case CAIRN_ITEM_IMAGE:
      return "image-x-generic-symbolic";
    case CAIRN_ITEM_TEXT:
      return "text-x-generic-symbolic";
    case CAIRN_ITEM_AUDIO:
      return "audio-x-generic-symbolic";
    case CAIRN_N_ITEM_KINDS:
    default:
      return "dialog-question-symbolic";
    }
}
