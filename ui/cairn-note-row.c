#define G_LOG_DOMAIN "cairn-notes"

#include <glib/gi18n.h>

#include "cairn-note-row.h"
#include "formats/cairn-media.h"
#include "guide/cairn-guide-notes.h"

struct _CairnNoteRow
{
  GtkListBoxRow  parent_instance;
  GtkPicture    *crop;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkLabel      *text_label;
  GtkWidget     *open_button;
  GtkWidget     *answer_button;
  GtkWidget     *resolve_button;
  GtkWidget     *promote_button;
  CairnNote     *note;
};

G_DEFINE_FINAL_TYPE (CairnNoteRow, cairn_note_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_name (CairnNoteState state)
{
  switch (state)
    {
    case CAIRN_NOTE_OPEN: return _("Open");
    case CAIRN_NOTE_ANSWERED: return _("Answered");
    case CAIRN_NOTE_RESOLVED: return _("Resolved");
    case CAIRN_NOTE_PROMOTED: return _("In the guideline");
    case CAIRN_N_NOTE_STATES:
    default: return "";
    }
}

/* The note's box cut out of its image, so a reviewer sees what was asked about. */
static GdkTexture *
load_crop (CairnStore *store, const CairnNote *note)
{
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) part = NULL;
  g_autoptr(GInputStream) stream = NULL;
  CairnRegionKind kind;
  double v[4];
  int x, y, w, h, width, height, orientation;
  double scale;

  if (note->item_id == 0 || !cairn_note_region_parse (note->region, &kind, v, NULL)
      || kind != CAIRN_REGION_BOX
      || (item = cairn_store_get_item (store, note->item_id, NULL)) == NULL
      || item->kind != CAIRN_ITEM_IMAGE
      || (bytes = cairn_store_load_media (store, item, NULL)) == NULL
      /* A project's media may be hostile: the size from the header first, bounded. An image
       * turned by EXIF would need turning before the box fits it: no crop. */
      || !cairn_media_probe_image (bytes, 40000000, &width, &height, &orientation, NULL)
      || orientation > 1)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  if (pixbuf == NULL)
    return NULL;
  x = CLAMP ((int) v[0], 0, gdk_pixbuf_get_width (pixbuf) - 1);
  y = CLAMP ((int) v[1], 0, gdk_pixbuf_get_height (pixbuf) - 1);
  w = CLAMP ((int) (v[2] + 0.5), 1, gdk_pixbuf_get_width (pixbuf) - x);
  h = CLAMP ((int) (v[3] + 0.5), 1, gdk_pixbuf_get_height (pixbuf) - y);
  part = gdk_pixbuf_new_subpixbuf (pixbuf, x, y, w, h);
  /* A thumbnail: at most 96 × 72, whatever the box. */
  scale = MIN (96.0 / w, 72.0 / h);
  if (scale < 1)
    {
      g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (part, MAX (1, (int) (w * scale)),
                                                            MAX (1, (int) (h * scale)),
                                                            GDK_INTERP_BILINEAR);

      return gdk_texture_new_for_pixbuf (small);
    }
  return gdk_texture_new_for_pixbuf (part);
}

static char *
describe (CairnStore *store, const CairnNote *note)
{
  g_autoptr(CairnLabel) label = note->label_id ? cairn_store_get_label (store, note->label_id,
                                                                        NULL) : NULL;
  g_autofree char *author = note->author_id ? cairn_store_dup_annotator_name (store,
                                                                              note->author_id)
                                            : NULL;
  GString *text = g_string_new (state_name (note->state));

  if (label)
    g_string_append_printf (text, " · %s", label->name);
  if (author)
    g_string_append_printf (text, " · %s", author);
  if (note->item_id)
    /* Translators: which item a note is about. */
    g_string_append_printf (text, " · %s", _("item"));
  if (note->item_id)
    g_string_append_printf (text, " %" G_GINT64_FORMAT, note->item_id);
  if (note->guideline_version)
    /* Translators: the guideline version a note was asked under, "guideline v2". */
    g_string_append_printf (text, " · %s v%d", _("guideline"), note->guideline_version);
  if (note->promoted_version)
    g_string_append_printf (text, " → v%d", note->promoted_version);
  return g_string_free (text, FALSE);
}

static void
on_button_clicked_cb (GtkButton    *button,
                      CairnNoteRow *self)
{
  GtkWidget *b = GTK_WIDGET (button);

  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0,
                 b == self->open_button ? "open" : b == self->answer_button ? "answer"
                 : b == self->resolve_button ? "resolve" : "promote");
}

static void
cairn_note_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_NOTE_ROW);
  G_OBJECT_CLASS (cairn_note_row_parent_class)->dispose (object);
}

static void
cairn_note_row_finalize (GObject *object)
{
  cairn_note_free (CAIRN_NOTE_ROW (object)->note);
  G_OBJECT_CLASS (cairn_note_row_parent_class)->finalize (object);
}

static void
cairn_note_row_class_init (CairnNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_note_row_dispose;
  object_class->finalize = cairn_note_row_finalize;
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-note-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, crop);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, answer_button);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CairnNoteRow, promote_button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
}

static void
cairn_note_row_init (CairnNoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CairnNoteRow *
cairn_note_row_new (CairnStore      *store,
                    const CairnNote *note)
{
  CairnNoteRow *self = g_object_new (CAIRN_TYPE_NOTE_ROW, NULL);
  g_autoptr(GdkTexture) crop = load_crop (store, note);
  g_autofree char *meta = describe (store, note);
  g_autofree char *text = NULL;
  gboolean done = note->state == CAIRN_NOTE_RESOLVED || note->state == CAIRN_NOTE_PROMOTED;

  self->note = g_new0 (CairnNote, 1);
  *self->note = *note;
  self->note->title = g_strdup (note->title);
  self->note->body = g_strdup (note->body);
  self->note->region = g_strdup (note->region);
  self->note->answer = g_strdup (note->answer);
  gtk_picture_set_paintable (self->crop, GDK_PAINTABLE (crop));
  gtk_widget_set_visible (GTK_WIDGET (self->crop), crop != NULL);
  gtk_label_set_text (self->title_label, note->title);
  gtk_label_set_text (self->meta_label, meta);
  if (note->answer)
    /* Translators: a reviewer's answer to an edge-case note. */
    text = g_strdup_printf (_("Answer: %s"), note->answer);
  else
    text = g_strdup (note->body ? note->body : "");
  gtk_label_set_text (self->text_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), *text != '\0');
  gtk_widget_set_visible (self->open_button, note->item_id != 0);
  gtk_widget_set_sensitive (self->answer_button, !done);
  gtk_widget_set_sensitive (self->resolve_button, !done);
  gtk_widget_set_sensitive (self->promote_button, note->state != CAIRN_NOTE_PROMOTED);
  return self;
}

const CairnNote *
cairn_note_row_get_note (CairnNoteRow *self)
{
  g_return_val_if_fail (CAIRN_IS_NOTE_ROW (self), NULL);
  return self->note;
}
