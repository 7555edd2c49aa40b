#define G_LOG_DOMAIN "cairn-audio-pane"

#include <inttypes.h>
#include <math.h>

#include <glib/gi18n.h>

#include "audio/cairn-audio.h"
#include "audio/cairn-audio-media.h"
#include "audio/cairn-player.h"
#include "audio/cairn-segments.h"
#include "audio/cairn-waveform.h"
#include "model/cairn-annotation.h"
#include "model/cairn-label.h"
#include "cairn-application.h"
#include "cairn-audio-pane.h"
#include "cairn-annotation-summary.h"
#include "cairn-item-view.h"
#include "cairn-ui-util.h"

/* Speeds the - and + keys step through. */
static const double rates[] = { 0.5, 0.6, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0 };

/* A segment typed into while the play head moves on keeps the editor this long after the last
 * key: the transcriber is still writing what they heard. */
#define KEEP_TYPING_US (1500 * G_TIME_SPAN_MILLISECOND)
/* How far an edge may move when it snaps to silence. */
#define SNAP_WINDOW_MS 250.0

struct _CairnAudioPane
{
  GtkWidget           parent_instance;
  CairnItemViewState  view;
  CairnEditStack     *stack;
  GtkWidget          *inspector;

  GtkLabel           *title_label;
  GtkLabel           *details_label;
  GtkLabel           *time_label;
  GtkLabel           *speed_label;
  GtkLabel           *status_label;
  GtkLabel           *segment_label;
  GtkBox             *overview_box;
  GtkBox             *detail_box;
  GtkBox             *editor_box;
  GtkButton          *play_button;
  GtkEntry           *speaker_entry;
  GtkTextView        *text_view;
  GtkListBox         *segment_list;
  CairnWaveform      *overview;
  CairnWaveform      *detail;
  GtkListStore       *speakers_model;
  GtkWidget          *tag_button;
  GMenu              *tag_menu;
  GtkSpinButton      *skip_spin;
  GtkSpinButton      *rewind_spin;
  gboolean            options_bound;
  GtkWidget          *key_root;
  GtkEventController *root_keys;

  /* The media */
  char               *path;
  GBytes             *bytes;
  char               *media_key;
  CairnPeaks         *peaks;
  gboolean            peaks_done;
  const char         *peaks_source;
  GCancellable       *cancel;
  char               *error;
  CairnPlayer        *player;
  guint               tick;
  gboolean            resume_rewind;
  double              duration;

  /* The segments, by start */
  GPtrArray          *segments;
  GPtrArray          *lanes;
  guint              *lane_of;
  gint64              selected;
  gint64              current;
  gboolean            follow_pending;
  char               *last_speaker;
  gint64              new_label;      /* picked in the palette: the label of new segments */
  GPtrArray          *palette;        /* CairnLabel: the labels segments and tags can take */

  /* The editor: the segment typed into, and typing not saved yet */
  gint64              editing;
  gboolean            dirty;
  guint               save_source;
  gboolean            filling;
  gint64              last_typed;
  gboolean            list_filling;
  guint               geometry_tick;
};

static void cairn_audio_pane_item_view_init (CairnItemViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CairnAudioPane, cairn_audio_pane, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CAIRN_TYPE_ITEM_VIEW,
                                                      cairn_audio_pane_item_view_init))

static void update_actions (CairnAudioPane *self);
static void show_in_editor (CairnAudioPane *self, gint64 id);

static GSettings *
settings (CairnAudioPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  return CAIRN_IS_APPLICATION (app) ? cairn_application_get_settings (CAIRN_APPLICATION (app))
                                    : NULL;
}

static gint64
setting_ms (CairnAudioPane *self, const char *key, gint64 fallback)
{
  GSettings *s = settings (self);

  return s ? g_settings_get_int (s, key) : fallback;
}

static char *
format_ms (double ms)
{
  gint64 t = (gint64) llround (MAX (ms, 0));

  if (t >= 3600000)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%d", t / 3600000,
                            (int) (t / 60000 % 60), (int) (t / 1000 % 60), (int) (t % 1000 / 100));
  return g_strdup_printf ("%d:%02d.%d", (int) (t / 60000), (int) (t / 1000 % 60),
                          (int) (t % 1000 / 100));
}

static void
set_status (CairnAudioPane *self, const char *text)
{
  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
}

static CairnAnnotation *
find_segment (CairnAudioPane *self, gint64 id)
{
  for (guint i = 0; id != 0 && self->segments && i < self->segments->len; i++)
    if (((CairnAnnotation *) self->segments->pdata[i])->id == id)
      return self->segments->pdata[i];
  return NULL;
}

static gboolean
push_edit (CairnAudioPane *self, CairnEdit *edit)
{
  g_autoptr(GError) error = NULL;

  if (self->stack == NULL)
    {
      set_status (self, _("Say who is annotating first: edits are recorded under a name"));
      return FALSE;
    }
  if (!cairn_edit_stack_push (self->stack, edit, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, text);
      return FALSE;
    }
  return TRUE;
}

/* The label a speaker's name is, when the schema has one for segments. */
static gint64
speaker_label (CairnAudioPane *self, const char *speaker)
{
  for (guint i = 0; speaker && *speaker && self->view.labels && i < self->view.labels->len; i++)
    {
      const CairnLabel *label = self->view.labels->pdata[i];

      if (label->kinds != 0 && cairn_label_allows (label, CAIRN_KIND_SEGMENT)
          && g_str_equal (label->name, speaker))
        return label->id;
    }
  return 0;
}

/* Position and play head */

static gint64
position (CairnAudioPane *self)
{
  return self->player ? cairn_player_get_position (self->player) : 0;
}

static void
update_time (CairnAudioPane *self)
{
  g_autofree char *now = format_ms (position (self));
  g_autofree char *total = format_ms (self->duration);
  g_autofree char *text = g_strdup_printf ("%s / %s", now, total);

  gtk_label_set_label (self->time_label, text);
}

static void
select_segment (CairnAudioPane *self, gint64 id)
{
  self->selected = id;
  cairn_waveform_set_selected (self->detail, id);
  cairn_waveform_set_selected (self->overview, id);
  /* The list follows, without that counting as a click on it. */
  self->list_filling = TRUE;
  {
    GtkListBoxRow *row = NULL;

    for (int i = 0; (row = gtk_list_box_get_row_at_index (self->segment_list, i)) != NULL; i++)
      if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "segment-id")) == (gsize) id)
        break;
    if (row != NULL)
      gtk_list_box_select_row (self->segment_list, row);
    else
      gtk_list_box_unselect_all (self->segment_list);
  }
  self->list_filling = FALSE;
  show_in_editor (self, id);
  update_actions (self);
}

static gboolean
text_has_focus (CairnAudioPane *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self->text_view));
}

/* The segment under the play head: highlighted; while playing, the editor goes to it unless
 * the transcriber is still typing in another. */
static void
update_current (CairnAudioPane *self, gboolean playing)
{
  CairnAnnotation *at = self->segments ? cairn_segments_at (self->segments, position (self),
                                                            self->selected)
                                       : NULL;
  gint64 id = at ? at->id : 0;

  if (id == self->current && !(playing && self->follow_pending))
    return;
  if (id != self->current)
    {
      self->current = id;
      self->follow_pending = FALSE;
      cairn_waveform_set_current (self->detail, id);
      cairn_waveform_set_current (self->overview, id);
    }
  if (!playing || id == 0 || id == self->selected)
    {
      self->follow_pending = FALSE;
      return;
    }
  /* Still typing: the editor follows once they pause (unless the play head has moved on). */
  if (text_has_focus (self) && g_get_monotonic_time () - self->last_typed < KEEP_TYPING_US)
    {
      self->follow_pending = TRUE;
      return;
    }
  self->follow_pending = FALSE;
  {
    gboolean focus = text_has_focus (self)
                     || gtk_widget_has_focus (GTK_WIDGET (self->detail));

    select_segment (self, id);
    g_debug ("Following segment %" G_GINT64_FORMAT " under the play head%s", id,
             focus ? ", its text focused" : "");
    if (focus)
      {
        GtkTextIter end;

        gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
        gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (self->text_view), &end);
        gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (self->text_view), &end);
      }
  }
}

static void
show_position (CairnAudioPane *self, gboolean follow)
{
  double ms = position (self);

  cairn_waveform_set_position (self->detail, ms);
  cairn_waveform_set_position (self->overview, ms);
  if (follow)
    cairn_waveform_follow (self->detail, ms);
  update_time (self);
}

static gboolean
tick_cb (gpointer data)
{
  CairnAudioPane *self = data;

  show_position (self, TRUE);
  update_current (self, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
on_player_state_changed_cb (CairnPlayer    *player,
                            CairnAudioPane *self)
{
  gboolean playing = cairn_player_is_playing (player);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  if (playing && self->tick == 0)
    self->tick = g_timeout_add (40, tick_cb, self);
  else if (!playing && self->tick != 0)
    g_clear_handle_id (&self->tick, g_source_remove);
  show_position (self, playing);
  update_current (self, playing);
}

static void
on_player_error_cb (CairnPlayer    *player,
                    const char     *message,
                    CairnAudioPane *self)
{
  g_autofree char *text = g_strdup_printf (_("Cannot play this audio: %s"), message);

  set_status (self, text);
  update_actions (self);
}

static void
seek (CairnAudioPane *self, double ms)
{
  if (self->player == NULL)
    return;
  ms = CLAMP (ms, 0, self->duration > 0 ? self->duration : G_MAXDOUBLE);
  cairn_player_seek (self->player, (gint64) ms);
  self->resume_rewind = FALSE;
  show_position (self, TRUE);
  update_current (self, FALSE);
}

/* The editor */

static void
cancel_save (CairnAudioPane *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
}

static char *
editor_text (CairnAudioPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Tags in the text: a GtkTextTag per label, so they move with the words as one types. */
static const CairnLabel *
find_label (CairnAudioPane *self, gint64 id)
{
  for (guint i = 0; self->view.labels && i < self->view.labels->len; i++)
    if (((const CairnLabel *) self->view.labels->pdata[i])->id == id)
      return self->view.labels->pdata[i];
  return NULL;
}

static GtkTextTag *
ensure_text_tag (CairnAudioPane *self, gint64 label_id)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *name = g_strdup_printf ("tag-%" G_GINT64_FORMAT, label_id);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  const CairnLabel *label = find_label (self, label_id);
  GdkRGBA background = { 0.6, 0.6, 0.6, 0.35 };
  double r, g, b;

  if (tag != NULL)
    return tag;
  if (label != NULL && cairn_color_parse (label->color, &r, &g, &b))
    background = (GdkRGBA) { r, g, b, 0.35 };
  tag = gtk_text_buffer_create_tag (buffer, name, "background-rgba", &background,
                                    "underline", PANGO_UNDERLINE_SINGLE, NULL);
  g_object_set_data (G_OBJECT (tag), "label-id", GSIZE_TO_POINTER ((gsize) label_id));
  return tag;
}

typedef struct
{
  GtkTextBuffer *buffer;
  GArray        *tags;
} TagScan;

static void
scan_tag (GtkTextTag *tag, gpointer data)
{
  TagScan *scan = data;
  gint64 label_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (tag), "label-id"));
  GtkTextIter it;

  if (label_id == 0)
    return;
  gtk_text_buffer_get_start_iter (scan->buffer, &it);
  if (!gtk_text_iter_starts_tag (&it, tag) && !gtk_text_iter_forward_to_tag_toggle (&it, tag))
    return;
  while (gtk_text_iter_starts_tag (&it, tag))
    {
      CairnSegmentTag t = { gtk_text_iter_get_offset (&it), 0, label_id };

      if (!gtk_text_iter_forward_to_tag_toggle (&it, tag))
        gtk_text_buffer_get_end_iter (scan->buffer, &it);
      t.end = gtk_text_iter_get_offset (&it);
      if (t.end > t.start)
        g_array_append_val (scan->tags, t);
      if (!gtk_text_iter_forward_to_tag_toggle (&it, tag))
        break;
    }
}

static gint
tag_order (gconstpointer pa, gconstpointer pb)
{
  const CairnSegmentTag *a = pa, *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return a->label_id < b->label_id ? -1 : a->label_id > b->label_id;
}

static GArray *
editor_tags (CairnAudioPane *self)
{
  TagScan scan = { gtk_text_view_get_buffer (self->text_view),
                   g_array_new (FALSE, FALSE, sizeof (CairnSegmentTag)) };

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (scan.buffer), scan_tag, &scan);
  g_array_sort (scan.tags, tag_order);
  return scan.tags;
}

static gboolean
same_tags (GArray *a, GArray *b)
{
  g_array_sort (a, tag_order);
  g_array_sort (b, tag_order);
  return a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (CairnSegmentTag)) == 0);
}

/* One pause in typing: one edit. */
static void
save_editor (CairnAudioPane *self)
{
  CairnAnnotation *before = find_segment (self, self->editing);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *speaker = NULL;
  g_autoptr(GArray) tags = NULL;
  g_autoptr(GArray) old_tags = NULL;

  cancel_save (self);
  if (!self->dirty)
    return;
  self->dirty = FALSE;
  if (before == NULL)
    return;
  text = editor_text (self);
  speaker = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry))));
  tags = editor_tags (self);
  old_tags = cairn_segment_get_tags (before);
  if (g_strcmp0 (text, before->text ? before->text : "") == 0
      && g_strcmp0 (speaker, before->speaker ? before->speaker : "") == 0
      && same_tags (tags, old_tags))
    return;
  after = cairn_annotation_copy (before);
  cairn_annotation_set_text (after, text);
  cairn_segment_set_tags (after, (CairnSegmentTag *) (void *) tags->data, tags->len);
  g_free (after->speaker);
  after->speaker = *speaker ? g_strdup (speaker) : NULL;
  if (g_strcmp0 (after->speaker, before->speaker) != 0)
    {
      gint64 now = speaker_label (self, after->speaker);

      /* A label named for the speaker follows the speaker; any other label stays. */
      if (now != 0)
        after->label_id = now;
      else if (before->label_id != 0 && before->label_id == speaker_label (self, before->speaker))
        after->label_id = self->new_label;
      g_free (self->last_speaker);
      self->last_speaker = g_strdup (after->speaker);
    }
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_CHANGE, before, after);
  push_edit (self, edit);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CairnAudioPane *self = data;

  self->save_source = 0;
  save_editor (self);
  return G_SOURCE_REMOVE;
}

static void
editor_changed (CairnAudioPane *self)
{
  if (self->filling || self->editing == 0)
    return;
  self->dirty = TRUE;
  self->last_typed = g_get_monotonic_time ();
  cancel_save (self);
  self->save_source = g_timeout_add (CAIRN_AUDIO_PANE_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
on_text_changed_cb (GtkTextBuffer  *buffer,
                    CairnAudioPane *self)
{
  editor_changed (self);
}

static void
on_speaker_changed_cb (GtkEditable    *editable,
                       CairnAudioPane *self)
{
  editor_changed (self);
}

static void
on_editor_focus_leave_cb (GtkEventControllerFocus *focus,
                          CairnAudioPane          *self)
{
  save_editor (self);
}

void
cairn_audio_pane_flush (CairnAudioPane *self)
{
  g_return_if_fail (CAIRN_IS_AUDIO_PANE (self));
  save_editor (self);
}

static void
fill_editor (CairnAudioPane *self, const CairnAnnotation *a)
{
  g_autofree char *start = NULL, *end = NULL, *range = NULL;

  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  self->filling = TRUE;
  gtk_text_buffer_set_text (buffer, a && a->text ? a->text : "", -1);
  if (a != NULL)
    {
      g_autoptr(GArray) tags = cairn_segment_get_tags (a);

      for (guint i = 0; i < tags->len; i++)
        {
          const CairnSegmentTag *t = &g_array_index (tags, CairnSegmentTag, i);
          GtkTextIter ts, te;

          gtk_text_buffer_get_iter_at_offset (buffer, &ts, (int) t->start);
          gtk_text_buffer_get_iter_at_offset (buffer, &te, (int) t->end);
          gtk_text_buffer_apply_tag (buffer, ensure_text_tag (self, t->label_id), &ts, &te);
        }
    }
  gtk_editable_set_text (GTK_EDITABLE (self->speaker_entry), a && a->speaker ? a->speaker : "");
  self->filling = FALSE;
  if (a != NULL)
    {
      start = format_ms (cairn_segment_start (a));
      end = format_ms (cairn_segment_end (a));
      range = g_strdup_printf ("%s – %s", start, end);
    }
  gtk_label_set_label (self->segment_label, range ? range : _("No segment"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), a != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speaker_entry), a != NULL);
}

static void
show_in_editor (CairnAudioPane *self, gint64 id)
{
  if (id == self->editing && !self->dirty)
    {
      fill_editor (self, find_segment (self, id));
      return;
    }
  if (id == self->editing)
    return;
  save_editor (self);
  self->editing = id;
  fill_editor (self, find_segment (self, id));
}

/* The list */

/* "0:01.2 – 0:03.4  A  ● speech  what was said": the label, in its colour, unless it is
 * the speaker's own name. */
static char *
row_markup (CairnAudioPane *self, const CairnAnnotation *a)
{
  g_autofree char *start = format_ms (cairn_segment_start (a));
  g_autofree char *end = format_ms (cairn_segment_end (a));
  g_autofree char *line = a->text ? g_strdelimit (g_strdup (a->text), "\n\t", ' ') : NULL;
  const CairnLabel *label = find_label (self, a->label_id);
  g_autofree char *head = NULL, *chip = NULL, *tail = NULL;
  double r = 0.5, g = 0.5, b = 0.5;

  head = g_markup_printf_escaped ("<span font_features='tnum'>%s – %s</span>  <b>%s</b>  ",
                                  start, end, a->speaker ? a->speaker : "");
  if (label != NULL && g_strcmp0 (label->name, a->speaker) != 0)
    {
      g_autofree char *name = g_markup_escape_text (label->name, -1);

      if (!cairn_color_parse (label->color, &r, &g, &b))
        r = g = b = 0.5;
      chip = g_strdup_printf ("<span foreground='#%02x%02x%02x'>●</span> <small>%s</small>  ",
                              (guint) (r * 255 + 0.5), (guint) (g * 255 + 0.5),
                              (guint) (b * 255 + 0.5), name);
    }
  tail = g_markup_escape_text (line && *line ? line : "…", -1);
  return g_strconcat (head, chip ? chip : "", tail, NULL);
}

/* The list, rebuilt when segments come or go; when the same segments are there (a typing
 * pause saved, an edge moved), only the rows that changed are set again, so saving as one
 * types costs nothing per segment. */
static void
fill_list (CairnAudioPane *self)
{
  GtkListBoxRow *old;
  guint n = self->segments ? self->segments->len : 0;
  gboolean same = TRUE;

  for (guint i = 0; same && i <= n; i++)
    {
      old = gtk_list_box_get_row_at_index (self->segment_list, (int) i);
      if (i == n)
        same = old == NULL;
      else
        same = old != NULL && GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (old), "segment-id"))
                              == (gsize) ((CairnAnnotation *) self->segments->pdata[i])->id;
    }
  self->list_filling = TRUE;
  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->segment_list, (int) i);
          GtkLabel *label = GTK_LABEL (gtk_list_box_row_get_child (row));
          g_autofree char *markup = row_markup (self, self->segments->pdata[i]);

          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "markup"), markup) != 0)
            {
              gtk_label_set_markup (label, markup);
              g_object_set_data_full (G_OBJECT (row), "markup", g_steal_pointer (&markup), g_free);
            }
        }
      self->list_filling = FALSE;
      return;
    }
  /* Rows only: the placeholder is a child too. */
  while ((old = gtk_list_box_get_row_at_index (self->segment_list, 0)) != NULL)
    gtk_list_box_remove (self->segment_list, GTK_WIDGET (old));
  for (guint i = 0; i < n; i++)
    {
      const CairnAnnotation *a = self->segments->pdata[i];
      char *markup = row_markup (self, a);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "segment-id", GSIZE_TO_POINTER ((gsize) a->id));
      g_object_set_data_full (G_OBJECT (row), "markup", markup, g_free);
      gtk_list_box_append (self->segment_list, row);
      if (a->id == self->selected)
        gtk_list_box_select_row (self->segment_list, GTK_LIST_BOX_ROW (row));
    }
  self->list_filling = FALSE;
}

static void
on_row_selected_cb (GtkListBox     *list,
                    GtkListBoxRow  *row,
                    CairnAudioPane *self)
{
  gint64 id;
  CairnAnnotation *a;

  if (self->list_filling || row == NULL)
    return;
  id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "segment-id"));
  a = find_segment (self, id);
  select_segment (self, id);
  if (a != NULL)
    {
      seek (self, cairn_segment_start (a));
      cairn_waveform_follow (self->detail, cairn_segment_end (a));
      cairn_waveform_follow (self->detail, cairn_segment_start (a));
    }
}

static void
update_speakers (CairnAudioPane *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_list_store_clear (self->speakers_model);
  for (guint i = 0; self->view.labels && i < self->view.labels->len; i++)
    {
      const CairnLabel *label = self->view.labels->pdata[i];

      if (label->kinds != 0 && cairn_label_allows (label, CAIRN_KIND_SEGMENT)
          && g_hash_table_add (seen, label->name))
        gtk_list_store_insert_with_values (self->speakers_model, NULL, -1, 0, label->name, -1);
    }
  for (guint i = 0; self->lanes && i < self->lanes->len; i++)
    if (*(char *) self->lanes->pdata[i] && g_hash_table_add (seen, self->lanes->pdata[i]))
      gtk_list_store_insert_with_values (self->speakers_model, NULL, -1, 0,
                                         self->lanes->pdata[i], -1);
}

static gint
by_start (gconstpointer pa, gconstpointer pb)
{
  const CairnAnnotation *a = *(CairnAnnotation *const *) pa;
  const CairnAnnotation *b = *(CairnAnnotation *const *) pb;
  double sa = cairn_segment_start (a), sb = cairn_segment_start (b);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static gboolean log_geometry_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data);

static void
reload (CairnAudioPane *self)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *details = NULL;
  g_autofree char *length = NULL;

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->lane_of, g_free);
  if (self->view.item == NULL)
    {
      cairn_waveform_set_segments (self->detail, NULL, NULL, NULL);
      cairn_waveform_set_segments (self->overview, NULL, NULL, NULL);
      fill_list (self);
      return;
    }
  annotations = cairn_item_view_load_annotations (self->view.store, self->view.item->id);
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  for (guint i = 0; annotations && i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];

      if (a->kind == CAIRN_KIND_SEGMENT && a->coords && a->coords->len >= 2)
        g_ptr_array_add (self->segments, cairn_annotation_copy (a));
    }
  g_ptr_array_sort (self->segments, by_start);
  self->lanes = g_ptr_array_new_with_free_func (g_free);
  self->lane_of = g_new0 (guint, MAX (self->segments->len, 1));
  cairn_segments_lanes (self->segments, self->lanes, self->lane_of);
  cairn_waveform_set_segments (self->detail, self->segments, self->lanes, self->lane_of);
  cairn_waveform_set_segments (self->overview, self->segments, self->lanes, self->lane_of);
  update_speakers (self);

  length = format_ms (self->duration);
  /* Translators: an audio item's length and how many transcript segments it has. */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u segment", "%s · %u segments",
                                          self->segments->len),
                             length, self->segments->len);
  gtk_label_set_label (self->details_label, details);
  if (find_segment (self, self->selected) == NULL)
    self->selected = 0;
  fill_list (self);
  cairn_waveform_set_selected (self->detail, self->selected);
  cairn_waveform_set_selected (self->overview, self->selected);
  /* The segment typed into may have gone (undo of its drawing) or changed (undo of typing). */
  if (find_segment (self, self->editing) == NULL)
    {
      cancel_save (self);
      self->dirty = FALSE;
      self->editing = 0;
      fill_editor (self, NULL);
    }
  else if (!self->dirty)
    {
      CairnAnnotation *a = find_segment (self, self->editing);
      g_autofree char *shown = editor_text (self);

      /* Set only when it differs: the cursor stays where one types. */
      g_autoptr(GArray) shown_tags = editor_tags (self);
      g_autoptr(GArray) stored_tags = cairn_segment_get_tags (a);

      if (g_strcmp0 (shown, a->text ? a->text : "") != 0
          || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry)),
                        a->speaker ? a->speaker : "") != 0
          || !same_tags (shown_tags, stored_tags))
        fill_editor (self, a);
      else
        {
          g_autofree char *start = format_ms (cairn_segment_start (a));
          g_autofree char *end = format_ms (cairn_segment_end (a));
          g_autofree char *range = g_strdup_printf ("%s – %s", start, end);

          gtk_label_set_label (self->segment_label, range);
        }
    }
  if (self->selected != self->editing && self->selected != 0)
    show_in_editor (self, self->selected);
  /* The highlight follows what is under the play head now; who types where is left alone. */
  {
    CairnAnnotation *at = cairn_segments_at (self->segments, position (self), self->selected);

    self->current = at ? at->id : 0;
    cairn_waveform_set_current (self->detail, self->current);
    cairn_waveform_set_current (self->overview, self->current);
  }
  cairn_annotation_summary_show (CAIRN_ANNOTATION_SUMMARY (self->inspector), annotations,
                                 self->view.labels, CAIRN_KIND_SEGMENT);
  update_actions (self);
  /* Lanes come and go: the waveform's place is told again once laid out. */
  if (self->geometry_tick == 0)
    self->geometry_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), log_geometry_cb,
                                                        NULL, NULL);
}

/* Making and changing segments */

static double
snap (CairnAudioPane *self, double ms)
{
  if (self->peaks == NULL)
    return ms;
  return cairn_peaks_snap_to_silence (self->peaks, ms, SNAP_WINDOW_MS);
}

static void
on_segment_drawn_cb (CairnWaveform  *waveform,
                     double          start,
                     double          end,
                     guint           lane,
                     gboolean        snapping,
                     CairnAudioPane *self)
{
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  const char *speaker = NULL;
  CairnAnnotation *sel = find_segment (self, self->selected);

  if (self->view.item == NULL)
    return;
  save_editor (self);
  if (snapping)
    {
      start = snap (self, start);
      end = snap (self, end);
    }
  if (!cairn_segment_clamp (&start, &end, self->duration))
    return;
  /* Drawn in a speaker's lane: theirs; over the waveform: the one last worked on. */
  if (self->lanes && lane < self->lanes->len)
    speaker = self->lanes->pdata[lane];
  else if (sel != NULL)
    speaker = sel->speaker;
  else
    speaker = self->last_speaker;
  a = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  a->item_id = self->view.item->id;
  cairn_segment_set_range (a, start, end);
  a->speaker = speaker && *speaker ? g_strdup (speaker) : NULL;
  a->label_id = speaker_label (self, a->speaker);
  if (a->label_id == 0)
    a->label_id = self->new_label;
  cairn_annotation_set_text (a, "");
  edit = cairn_edit_new_create (a);
  if (!push_edit (self, edit))
    return;
  set_status (self, NULL);
  select_segment (self, cairn_edit_get_annotation_id (edit, 0));
  /* Ready to type what was said. */
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_segment_resized_cb (CairnWaveform  *waveform,
                       gint64          id,
                       double          start,
                       double          end,
                       gboolean        snapping,
                       gboolean        start_moved,
                       CairnAudioPane *self)
{
  CairnAnnotation *before = find_segment (self, id);
  g_autoptr(CairnAnnotation) after = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  if (before == NULL)
    return;
  save_editor (self);
  before = find_segment (self, id);
  if (snapping)
    {
      if (start_moved)
        start = snap (self, start);
      else
        end = snap (self, end);
    }
  if (!cairn_segment_clamp (&start, &end, self->duration)
      || (start == cairn_segment_start (before) && end == cairn_segment_end (before)))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->detail));
      return;
    }
  after = cairn_annotation_copy (before);
  cairn_segment_set_range (after, start, end);
  edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RESIZE, before, after);
  if (push_edit (self, edit))
    select_segment (self, id);
}

static void
on_segment_activated_cb (CairnWaveform  *waveform,
                         gint64          id,
                         CairnAudioPane *self)
{
  select_segment (self, id);
}

static void
on_seek_cb (CairnWaveform  *waveform,
            double          ms,
            CairnAudioPane *self)
{
  seek (self, ms);
  if (waveform == self->overview)
    {
      double s, e;

      cairn_waveform_get_view (self->detail, &s, &e);
      cairn_waveform_set_view (self->detail, ms - (e - s) / 2, ms + (e - s) / 2);
    }
}

static void
on_view_changed_cb (CairnWaveform  *waveform,
                    CairnAudioPane *self)
{
  double s, e;

  cairn_waveform_get_view (self->detail, &s, &e);
  cairn_waveform_set_view (self->overview, s, e);
}

/* Peaks */

static void
show_peaks (CairnAudioPane *self)
{
  double duration = self->duration;

  if (duration <= 0 && self->peaks_done && self->peaks)
    {
      self->duration = duration = cairn_peaks_get_duration_ms (self->peaks);
      update_time (self);
    }
  cairn_waveform_set_peaks (self->detail, self->peaks, duration);
  cairn_waveform_set_peaks (self->overview, self->peaks, duration);
  if (self->peaks_done)
    {
      cairn_waveform_set_message (self->detail, NULL);
      cairn_waveform_set_message (self->overview, NULL);
    }
}

static void
on_peaks_progress_cb (const CairnPeaks *chunk,
                      guint             first,
                      gpointer          data)
{
  CairnAudioPane *self = data;

  if (self->peaks == NULL)
    self->peaks = cairn_peaks_new (chunk->sample_rate);
  if (first != self->peaks->n_bins)
    return;
  cairn_peaks_append (self->peaks, chunk->min, chunk->max, chunk->rms, chunk->n_bins);
  self->peaks->n_samples = chunk->n_samples;
  show_peaks (self);
}

static void
on_peaks_computed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(CairnAudioPane) self = data;
  g_autoptr(GError) error = NULL;
  CairnPeaks *peaks = cairn_peaks_compute_finish (result, &error);

  /* Cancelled: another item (or the same again) is shown now, with its own request. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&peaks, cairn_peaks_free);
      return;
    }
  if (peaks == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (error->message);
      {
        g_autofree char *text = g_strdup_printf (_("This audio cannot be shown: %s"),
                                                 error->message);

        cairn_waveform_set_message (self->detail, text);
        cairn_waveform_set_message (self->overview, NULL);
        set_status (self, text);
        g_debug ("%s", text);
      }
      g_clear_pointer (&self->peaks, cairn_peaks_free);
      show_peaks (self);
      update_actions (self);
      return;
    }
  g_clear_pointer (&self->peaks, cairn_peaks_free);
  self->peaks = peaks;
  self->peaks_done = TRUE;
  self->peaks_source = "decoded";
  g_debug ("Peaks decoded: %u bins", peaks->n_bins);
  show_peaks (self);
  /* Kept for next time; a read-only project just computes again. */
  if (self->view.item != NULL && self->media_key != NULL
      && !cairn_audio_media_save_peaks (self->view.store, self->view.item, self->media_key,
                                        peaks, &error))
    g_debug ("Peaks not cached: %s", error->message);
}

static void
stop_media (CairnAudioPane *self)
{
  if (self->cancel != NULL)
    {
      g_cancellable_cancel (self->cancel);
      g_clear_object (&self->cancel);
    }
  g_clear_handle_id (&self->tick, g_source_remove);
  if (self->player != NULL)
    cairn_player_close (self->player);
  g_clear_pointer (&self->peaks, cairn_peaks_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->media_key, g_free);
  g_clear_pointer (&self->error, g_free);
  self->peaks_done = FALSE;
  self->peaks_source = NULL;
  self->duration = 0;
}

static void
open_media (CairnAudioPane *self)
{
  g_autoptr(GError) error = NULL;
  const CairnItem *item = self->view.item;

  self->duration = item->duration_ms;
  if (!cairn_audio_media_locate (self->view.store, item, &self->path, &self->bytes, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The audio is missing: %s"), error->message);

      self->error = g_strdup (error->message);
      cairn_waveform_set_message (self->detail, text);
      set_status (self, text);
      show_peaks (self);
      return;
    }
  self->media_key = cairn_audio_media_key (item, self->path, self->bytes);
  self->peaks = cairn_audio_media_load_peaks (self->view.store, item, self->media_key);
  if (self->peaks != NULL)
    {
      self->peaks_done = TRUE;
      self->peaks_source = "cache";
      g_debug ("Peaks from the project's cache: %u bins", self->peaks->n_bins);
    }
  else
    {
      self->cancel = g_cancellable_new ();
      cairn_waveform_set_message (self->detail, _("Reading the waveform…"));
      cairn_waveform_set_message (self->overview, _("Reading the waveform…"));
      cairn_peaks_compute_async (self->path, self->bytes, self->cancel, on_peaks_progress_cb,
                                 self, on_peaks_computed_cb, g_object_ref (self));
    }
  show_peaks (self);
  if (!cairn_player_open (self->player, self->path, self->bytes, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot play this audio: %s"), error->message);

      set_status (self, text);
    }
}

/* Actions */

static void
update_actions (CairnAudioPane *self)
{
  gboolean media = self->view.item != NULL && self->player != NULL
                   && cairn_player_is_open (self->player);
  gboolean segment = find_segment (self, self->selected) != NULL
                     || find_segment (self, self->current) != NULL;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "audio.play-pause", media);
  gtk_widget_action_set_enabled (w, "audio.skip", media);
  gtk_widget_action_set_enabled (w, "audio.speed", media);
  gtk_widget_action_set_enabled (w, "audio.replay-segment", media && segment);
  gtk_widget_action_set_enabled (w, "audio.split", self->segments && self->segments->len > 0);
  gtk_widget_action_set_enabled (w, "audio.merge", self->segments && self->segments->len > 1);
  gtk_widget_action_set_enabled (w, "audio.delete-segment",
                                 find_segment (self, self->selected) != NULL);
  gtk_widget_action_set_enabled (w, "audio.zoom", self->view.item != NULL);
}

static void
play_pause_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);

  if (self->player == NULL || !cairn_player_is_open (self->player))
    return;
  if (cairn_player_is_playing (self->player))
    {
      cairn_player_pause (self->player);
      self->resume_rewind = TRUE;
      g_debug ("Paused at %" G_GINT64_FORMAT " ms", position (self));
      return;
    }
  /* Back a little on resuming, to hear again what led up to the pause. */
  if (self->resume_rewind)
    {
      gint64 back = setting_ms (self, "audio-rewind-ms", 1000);

      if (back > 0)
        cairn_player_seek (self->player, MAX (position (self) - back, 0));
    }
  if (self->duration > 0 && position (self) >= self->duration - 10)
    cairn_player_seek (self->player, 0);
  self->resume_rewind = FALSE;
  cairn_player_play (self->player);
  g_debug ("Playing from %" G_GINT64_FORMAT " ms through %s", position (self),
           cairn_player_get_sink_name (self->player));
}

static void
skip_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  gint64 step = setting_ms (self, "audio-skip-ms", 5000);

  seek (self, position (self) + g_variant_get_int32 (parameter) * step);
  g_debug ("Skipped to %" G_GINT64_FORMAT " ms", position (self));
}

static CairnAnnotation *
working_segment (CairnAudioPane *self)
{
  CairnAnnotation *a = self->segments ? cairn_segments_at (self->segments, position (self),
                                                           self->selected)
                                      : NULL;

  return a ? a : find_segment (self, self->selected);
}

static void
replay_segment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  CairnAnnotation *a = find_segment (self, self->selected);

  if (a == NULL)
    a = find_segment (self, self->current);
  if (a == NULL || self->player == NULL)
    return;
  self->resume_rewind = FALSE;
  cairn_player_play_range (self->player, (gint64) cairn_segment_start (a),
                           (gint64) cairn_segment_end (a));
}

static void
speed_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  double rate = cairn_player_get_rate (self->player);
  guint at = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (fabs (rates[i] - rate) < fabs (rates[at] - rate))
      at = i;
  if (g_variant_get_int32 (parameter) > 0 && at + 1 < G_N_ELEMENTS (rates))
    at++;
  else if (g_variant_get_int32 (parameter) < 0 && at > 0)
    at--;
  cairn_player_set_rate (self->player, rates[at]);
  g_debug ("Speed %g", rates[at]);
  label = g_strdup_printf ("%g×", rates[at]);
  gtk_label_set_label (self->speed_label, label);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);

  cairn_waveform_zoom (self->detail, g_variant_get_int32 (parameter) > 0 ? 2.0 : 0.5,
                       position (self));
}

static void
split_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  CairnAnnotation *a;
  g_autoptr(CairnAnnotation) first = NULL;
  g_autoptr(CairnAnnotation) second = NULL;
  g_autoptr(CairnEdit) edit = NULL;
  glong text_at = -1;
  gint64 at = position (self);

  save_editor (self);
  a = self->segments ? cairn_segments_at (self->segments, at, self->selected) : NULL;
  if (a == NULL)
    {
      set_status (self, _("Put the play head inside a segment to split it"));
      return;
    }
  /* Typing in it: the text parts where the cursor is. */
  if (a->id == self->editing && text_has_focus (self))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      text_at = gtk_text_iter_get_offset (&cursor);
    }
  if (!cairn_segment_split (a, at, text_at, &first, &second))
    {
      set_status (self, _("Too near the segment’s edge to split"));
      return;
    }
  edit = cairn_edit_new (CAIRN_EDIT_VERB_SPLIT, CAIRN_KIND_SEGMENT);
  cairn_edit_add_annotation (edit, a, first);
  cairn_edit_add_annotation (edit, NULL, second);
  if (push_edit (self, edit))
    {
      set_status (self, NULL);
      select_segment (self, cairn_edit_get_annotation_id (edit, 1));
    }
}

static void
merge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  CairnAnnotation *a, *next;
  g_autoptr(CairnAnnotation) merged = NULL;
  g_autoptr(CairnEdit) edit = NULL;

  save_editor (self);
  a = find_segment (self, self->selected);
  if (a == NULL)
    a = working_segment (self);
  next = a ? cairn_segments_next (self->segments, a) : NULL;
  if (next == NULL)
    {
      set_status (self, _("No segment after this one to merge with"));
      return;
    }
  merged = cairn_segment_merge (a, next);
  edit = cairn_edit_new (CAIRN_EDIT_VERB_MERGE, CAIRN_KIND_SEGMENT);
  cairn_edit_add_annotation (edit, a, merged);
  cairn_edit_add_annotation (edit, next, NULL);
  if (push_edit (self, edit))
    {
      set_status (self, NULL);
      select_segment (self, merged->id);
    }
}

static void
delete_segment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  CairnAnnotation *a;
  g_autoptr(CairnEdit) edit = NULL;

  save_editor (self);
  a = find_segment (self, self->selected);
  if (a == NULL)
    return;
  edit = cairn_edit_new_delete (a);
  push_edit (self, edit);
}

/* The selected words of the transcript tagged with a span label (again: untagged). */
static void
tag_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  gint64 label_id = g_variant_get_int64 (parameter);
  GtkTextIter start, end, it;
  GtkTextTag *tag;
  gboolean all = TRUE;

  if (self->editing == 0 || !gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      set_status (self, _("Select words of the transcript to tag them"));
      return;
    }
  tag = ensure_text_tag (self, label_id);
  for (it = start; gtk_text_iter_compare (&it, &end) < 0; gtk_text_iter_forward_char (&it))
    if (!gtk_text_iter_has_tag (&it, tag))
      all = FALSE;
  if (all)
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  else
    gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
  set_status (self, NULL);
  /* A tag is a change like typing, saved the same way. */
  editor_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* A label picked in the palette (or by its key): it tags the words selected in the
 * transcript, or labels the selected segment and the segments made next. */
static void
set_label_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  gint64 label_id = g_variant_get_int64 (parameter);
  const CairnLabel *label = find_label (self, label_id);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  CairnAnnotation *sel = find_segment (self, self->selected);

  if (label == NULL)
    return;
  g_debug ("Label %s picked, segment %" G_GINT64_FORMAT " selected", label->name, self->selected);
  if (self->editing != 0 && gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL)
      && label->kinds != 0 && cairn_label_allows (label, CAIRN_KIND_SPAN))
    {
      gtk_widget_activate_action (widget, "audio.tag", "x", label_id);
      return;
    }
  if (label->kinds != 0 && !cairn_label_allows (label, CAIRN_KIND_SEGMENT))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a label for segments"),
                                               label->name);

      set_status (self, text);
      return;
    }
  self->new_label = label_id;
  if (sel != NULL && sel->label_id != label_id)
    {
      g_autoptr(CairnAnnotation) after = NULL;
      g_autoptr(CairnEdit) edit = NULL;

      save_editor (self);
      sel = find_segment (self, self->selected);
      after = cairn_annotation_copy (sel);
      after->label_id = label_id;
      edit = cairn_edit_new_change (CAIRN_EDIT_VERB_RELABEL, sel, after);
      if (push_edit (self, edit))
        set_status (self, NULL);
      return;
    }
  {
    /* Translators: the audio pane's status after a label is picked with no segment selected. */
    g_autofree char *text = g_strdup_printf (_("New segments: %s"), label->name);

    set_status (self, text);
  }
}

/* 1–9 and 0: the palette's labels by their place in it. */
static void
select_label_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  gint32 position = g_variant_get_int32 (parameter);
  const CairnLabel *label;

  if (self->palette == NULL || position < 0 || (guint) position >= self->palette->len)
    return;
  label = self->palette->pdata[position];
  gtk_widget_activate_action (widget, "canvas.set-label", "x", label->id);
}

/* The palette beside the pane: labels for segments, and for tags in the transcript. */
static void
update_palette (CairnAudioPane *self)
{
  g_clear_pointer (&self->palette, g_ptr_array_unref);
  self->palette = g_ptr_array_new ();
  for (guint i = 0; self->view.labels && i < self->view.labels->len; i++)
    {
      CairnLabel *label = self->view.labels->pdata[i];

      if (label->kinds == 0 || cairn_label_allows (label, CAIRN_KIND_SEGMENT)
          || cairn_label_allows (label, CAIRN_KIND_SPAN))
        g_ptr_array_add (self->palette, label);
    }
  if (self->new_label != 0 && find_label (self, self->new_label) == NULL)
    self->new_label = 0;
}

GPtrArray *
cairn_audio_pane_get_palette_labels (CairnAudioPane *self)
{
  g_return_val_if_fail (CAIRN_IS_AUDIO_PANE (self), NULL);
  return self->palette;
}

static void
update_tag_menu (CairnAudioPane *self)
{
  guint n = 0;

  g_menu_remove_all (self->tag_menu);
  for (guint i = 0; self->view.labels && i < self->view.labels->len; i++)
    {
      const CairnLabel *label = self->view.labels->pdata[i];
      g_autoptr(GMenuItem) item = NULL;

      if (label->kinds == 0 || !cairn_label_allows (label, CAIRN_KIND_SPAN))
        continue;
      item = g_menu_item_new (label->name, NULL);
      g_menu_item_set_action_and_target_value (item, "audio.tag", g_variant_new_int64 (label->id));
      g_menu_append_item (self->tag_menu, item);
      n++;
    }
  gtk_widget_set_visible (self->tag_button, n > 0);
}

static void
leave_text_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);

  save_editor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->detail));
}

/* Playback options: how far the skip keys go, how far a resume goes back (GSettings, in ms;
 * shown in seconds). */
static gboolean
ms_to_seconds (GValue *value, GVariant *variant, gpointer data)
{
  g_value_set_double (value, g_variant_get_int32 (variant) / 1000.0);
  return TRUE;
}

static GVariant *
seconds_to_ms (const GValue *value, const GVariantType *type, gpointer data)
{
  return g_variant_new_int32 ((gint32) lround (g_value_get_double (value) * 1000));
}

/* Typing not saved yet is saved before any Ctrl key reaches the window: Ctrl+Z then takes
 * back what was just typed, not the edit before it (the window's keys come before the
 * pane's). */
static gboolean
on_root_key_pressed_cb (GtkEventControllerKey *keys,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        CairnAudioPane        *self)
{
  if ((state & GDK_CONTROL_MASK) && self->dirty)
    save_editor (self);
  return FALSE;
}

static void
detach_root_keys (CairnAudioPane *self)
{
  if (self->key_root != NULL && self->root_keys != NULL)
    gtk_widget_remove_controller (self->key_root, self->root_keys);
  self->root_keys = NULL;
  g_clear_weak_pointer (&self->key_root);
}

/* Another kind of item shown, the window closed: the sound stops with the pane. */
static void
on_unmap_cb (GtkWidget *widget, gpointer data)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);

  detach_root_keys (self);

  if (self->player != NULL && cairn_player_is_playing (self->player))
    cairn_player_pause (self->player);
  save_editor (self);
}

static void
on_map_cb (GtkWidget *widget, gpointer data)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  GSettings *s = settings (self);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  if (self->root_keys == NULL && root != NULL)
    {
      self->root_keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
      g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (on_root_key_pressed_cb),
                        self);
      gtk_widget_add_controller (root, self->root_keys);
      g_set_weak_pointer (&self->key_root, root);
    }
  if (self->options_bound || s == NULL)
    return;
  self->options_bound = TRUE;
  g_settings_bind_with_mapping (s, "audio-skip-ms", self->skip_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, ms_to_seconds, seconds_to_ms, NULL, NULL);
  g_settings_bind_with_mapping (s, "audio-rewind-ms", self->rewind_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, ms_to_seconds, seconds_to_ms, NULL, NULL);
}

static GtkWidget *
make_options (CairnAudioPane *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();
  const char *titles[] = { N_("Skip back and forward by (s)"), N_("Go back on resuming by (s)") };

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "emblem-system-symbolic");
  gtk_widget_set_tooltip_text (button, _("Playback options"));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *label = gtk_label_new (_(titles[i]));
      GtkWidget *spin = gtk_spin_button_new_with_range (i == 0 ? 0.5 : 0, i == 0 ? 60 : 10, 0.5);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), i == 0 ? 5 : 1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spin, 1, i, 1, 1);
      if (i == 0)
        self->skip_spin = GTK_SPIN_BUTTON (spin);
      else
        self->rewind_spin = GTK_SPIN_BUTTON (spin);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

/* The widget */

static gboolean
cairn_audio_pane_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CAIRN_AUDIO_PANE (widget)->detail));
}

static void
cairn_audio_pane_dispose (GObject *object)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (object);

  detach_root_keys (self);
  if (self->geometry_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->geometry_tick);
  self->geometry_tick = 0;
  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      cairn_player_close (self->player);
    }
  save_editor (self);
  stop_media (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAIRN_TYPE_AUDIO_PANE);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (object));
  g_clear_pointer (&self->palette, g_ptr_array_unref);
  cairn_item_view_state_clear (&self->view, CAIRN_ITEM_VIEW (self));
  g_clear_object (&self->stack);
  g_clear_object (&self->inspector);
  g_clear_object (&self->player);
  g_clear_object (&self->speakers_model);
  g_clear_object (&self->tag_menu);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->lane_of, g_free);
  g_clear_pointer (&self->last_speaker, g_free);
  G_OBJECT_CLASS (cairn_audio_pane_parent_class)->dispose (object);
}

static void
cairn_audio_pane_class_init (CairnAudioPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_audio_pane_dispose;
  widget_class->grab_focus = cairn_audio_pane_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-audio-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, details_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, time_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, speed_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, segment_label);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, overview_box);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, detail_box);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, editor_box);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, play_button);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, speaker_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, text_view);
  gtk_widget_class_bind_template_child (widget_class, CairnAudioPane, segment_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "audiopane");

  gtk_widget_class_install_action (widget_class, "audio.play-pause", NULL, play_pause_activated);
  gtk_widget_class_install_action (widget_class, "audio.skip", "i", skip_activated);
  gtk_widget_class_install_action (widget_class, "audio.replay-segment", NULL,
                                   replay_segment_activated);
  gtk_widget_class_install_action (widget_class, "audio.speed", "i", speed_activated);
  gtk_widget_class_install_action (widget_class, "audio.zoom", "i", zoom_activated);
  gtk_widget_class_install_action (widget_class, "audio.split", NULL, split_activated);
  gtk_widget_class_install_action (widget_class, "audio.merge", NULL, merge_activated);
  gtk_widget_class_install_action (widget_class, "audio.delete-segment", NULL,
                                   delete_segment_activated);
  gtk_widget_class_install_action (widget_class, "audio.leave-text", NULL,
                                   leave_text_activated);
  gtk_widget_class_install_action (widget_class, "audio.tag", "x", tag_activated);
  /* The name the palette and the label keys use in every pane. */
  gtk_widget_class_install_action (widget_class, "canvas.set-label", "x", set_label_activated);
  gtk_widget_class_install_action (widget_class, "canvas.select-label", "i",
                                   select_label_activated);
}

static void
cairn_audio_pane_init (CairnAudioPane *self)
{
  GtkEventController *focus;
  GtkEntryCompletion *completion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector = g_object_ref_sink (cairn_annotation_summary_new ());
  self->player = cairn_player_new ();
  g_signal_connect (self->player, "state-changed", G_CALLBACK (on_player_state_changed_cb), self);
  g_signal_connect (self->player, "error", G_CALLBACK (on_player_error_cb), self);

  self->overview = CAIRN_WAVEFORM (cairn_waveform_new (TRUE));
  self->detail = CAIRN_WAVEFORM (cairn_waveform_new (FALSE));
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_box_append (self->overview_box, GTK_WIDGET (self->overview));
  gtk_box_append (self->detail_box, GTK_WIDGET (self->detail));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Whole recording"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Waveform and segments: drag to make a segment, drag an "
                                    "edge to move it, Shift to snap to silence"), -1);
  for (guint i = 0; i < 2; i++)
    {
      CairnWaveform *w = i ? self->detail : self->overview;

      g_signal_connect (w, "seek", G_CALLBACK (on_seek_cb), self);
      g_signal_connect (w, "segment-drawn", G_CALLBACK (on_segment_drawn_cb), self);
      g_signal_connect (w, "segment-resized", G_CALLBACK (on_segment_resized_cb), self);
      g_signal_connect (w, "segment-activated", G_CALLBACK (on_segment_activated_cb), self);
    }
  g_signal_connect (self->detail, "view-changed", G_CALLBACK (on_view_changed_cb), self);

  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed",
                    G_CALLBACK (on_text_changed_cb), self);
  g_signal_connect (self->speaker_entry, "changed", G_CALLBACK (on_speaker_changed_cb), self);
  g_signal_connect (self->segment_list, "row-selected", G_CALLBACK (on_row_selected_cb), self);
  for (guint i = 0; i < 2; i++)
    {
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_editor_focus_leave_cb), self);
      gtk_widget_add_controller (i ? GTK_WIDGET (self->text_view)
                                   : GTK_WIDGET (self->speaker_entry), focus);
    }
  self->speakers_model = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->speakers_model));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_set_completion (self->speaker_entry, completion);
  g_object_unref (completion);
  self->tag_menu = g_menu_new ();
  self->tag_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->tag_button), _("Tag"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->tag_button),
                                  G_MENU_MODEL (self->tag_menu));
  gtk_widget_set_valign (self->tag_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->tag_button,
                               _("Tag the selected words with a label; they keep their place "
                                 "in the text and are exported with estimated times"));
  gtk_widget_set_visible (self->tag_button, FALSE);
  gtk_box_insert_child_after (self->editor_box, self->tag_button,
                              GTK_WIDGET (self->speaker_entry));
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->status_label))),
                  make_options (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No segments yet. Drag across the waveform to "
                                              "make one, then type what is said."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->segment_list, placeholder);
  }
  fill_editor (self, NULL);
  update_actions (self);
}

GtkWidget *
cairn_audio_pane_new (void)
{
  return g_object_new (CAIRN_TYPE_AUDIO_PANE, NULL);
}

GtkWidget *
cairn_audio_pane_get_detail (CairnAudioPane *self)
{
  return GTK_WIDGET (self->detail);
}

GtkWidget *
cairn_audio_pane_get_overview (CairnAudioPane *self)
{
  return GTK_WIDGET (self->overview);
}

const CairnPeaks *
cairn_audio_pane_get_peaks (CairnAudioPane *self,
                            gboolean       *complete)
{
  if (complete)
    *complete = self->peaks_done;
  return self->peaks;
}

const char *
cairn_audio_pane_get_peaks_source (CairnAudioPane *self)
{
  return self->peaks_source;
}

const char *
cairn_audio_pane_get_error (CairnAudioPane *self)
{
  return self->error;
}

gint64
cairn_audio_pane_get_selected (CairnAudioPane *self)
{
  return self->selected;
}

gint64
cairn_audio_pane_get_position (CairnAudioPane *self)
{
  return position (self);
}

gboolean
cairn_audio_pane_is_playing (CairnAudioPane *self)
{
  return self->player && cairn_player_is_playing (self->player);
}

/* Where the waveform is in the window's surface, for tests that drive the pointer
 * (G_MESSAGES_DEBUG=cairn-audio-pane). */
static gboolean
log_geometry_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  double nx, ny;

  if (native == NULL || gtk_widget_get_width (GTK_WIDGET (self->detail)) <= 0
      || !gtk_widget_compute_bounds (GTK_WIDGET (self->detail), GTK_WIDGET (native), &bounds))
    return G_SOURCE_CONTINUE;
  gtk_native_get_surface_transform (native, &nx, &ny);
  {
    graphene_rect_t entry;

    if (gtk_widget_compute_bounds (GTK_WIDGET (self->speaker_entry), GTK_WIDGET (native), &entry))
      g_debug ("geometry: speaker %.0f %.0f", entry.origin.x + nx + entry.size.width / 2,
               entry.origin.y + ny + entry.size.height / 2);
    if (gtk_widget_get_visible (self->tag_button)
        && gtk_widget_compute_bounds (self->tag_button, GTK_WIDGET (native), &entry))
      g_debug ("geometry: tag %.0f %.0f", entry.origin.x + nx + entry.size.width / 2,
               entry.origin.y + ny + entry.size.height / 2);
  }
  self->geometry_tick = 0;
  g_debug ("geometry: detail %.0f %.0f %.0f %.0f wave-y %.0f lane-y %.0f ms-per-px %.3f",
           bounds.origin.x + nx, bounds.origin.y + ny, bounds.size.width, bounds.size.height,
           bounds.origin.y + ny + cairn_waveform_wave_y (self->detail),
           bounds.origin.y + ny + cairn_waveform_lane_y (self->detail, 0),
           cairn_waveform_x_to_ms (self->detail, 1) - cairn_waveform_x_to_ms (self->detail, 0));
  return G_SOURCE_REMOVE;
}

/* The item view */

static void
cairn_audio_pane_view_set_item (CairnItemView   *view,
                                CairnStore      *store,
                                const CairnItem *item,
                                GPtrArray       *labels)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (view);
  g_autofree char *title = NULL;

  save_editor (self);
  stop_media (self);
  cairn_item_view_state_set (&self->view, view, store, item, labels);
  update_tag_menu (self);
  update_palette (self);
  self->selected = self->current = self->editing = 0;
  self->dirty = FALSE;
  set_status (self, NULL);
  cairn_waveform_set_message (self->detail, NULL);
  cairn_waveform_set_message (self->overview, NULL);
  cairn_waveform_set_view (self->detail, 0, 30000);
  if (item != NULL)
    {
      title = cairn_item_dup_title (item);
      gtk_label_set_label (self->title_label, title);
      open_media (self);
      /* Thirty seconds to start with, or the whole of a shorter file. */
      cairn_waveform_set_view (self->detail, 0, self->duration > 0 ? MIN (self->duration, 30000)
                                                                 : 30000);
      on_view_changed_cb (self->detail, self);
    }
  update_time (self);
  show_position (self, FALSE);
  reload (self);
}

static void
cairn_audio_pane_view_set_edit_stack (CairnItemView  *view,
                                      CairnEditStack *stack)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (view);

  if (self->stack == stack)
    return;
  save_editor (self);
  g_set_object (&self->stack, stack);
}

static void
cairn_audio_pane_view_store_changed (CairnItemView          *view,
                                     const CairnStoreChange *change)
{
  CairnAudioPane *self = CAIRN_AUDIO_PANE (view);

  if (cairn_item_view_state_touched (&self->view, change))
    reload (self);
}

static gint64
cairn_audio_pane_view_get_selected_id (CairnItemView *view)
{
  return CAIRN_AUDIO_PANE (view)->selected;
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
  iface->set_edit_stack = cairn_audio_pane_view_set_edit_stack;
  iface->store_changed = cairn_audio_pane_view_store_changed;
  iface->get_selected_id = cairn_audio_pane_view_get_selected_id;
  iface->get_inspector = cairn_audio_pane_view_get_inspector;
}
