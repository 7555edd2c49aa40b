#define G_LOG_DOMAIN "cairn-guideline"

#include <glib/gi18n.h>

#include "cairn-guideline-panel.h"
#include "cairn-guideline-pictures.h"
#include "cairn-ui-util.h"
#include "guide/cairn-guide-doc.h"
#include "guide/cairn-guide-render.h"
#include "store/cairn-store-guide.h"

struct _CairnGuidelinePanel
{
  GtkWidget         parent_instance;
  GtkLabel         *title_label;
  GtkListBox       *toc_list;
  GtkMenuButton    *toc_button;
  GtkSearchEntry   *search_entry;
  GtkLabel         *section_label;
  GtkTextView      *text_view;

  CairnStore       *store;
  char             *markdown;
  CairnGuideRender *render;
  CairnGuideDoc    *doc;
  gint64            label_id;
  char             *anchor;
  GtkTextMark      *target;
  CairnGuidelinePictures *pictures;
  guint             fit_source;
};

G_DEFINE_FINAL_TYPE (CairnGuidelinePanel, cairn_guideline_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LABEL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every tag the renderer names (cairn-guide-render.h), plus the panel's own two. */
static void
create_tags (GtkTextBuffer *buffer)
{
  static const double scales[] = { 1.6, 1.35, 1.2, 1.1, 1.0, 0.95 };
  static const char *const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
  static const char *const indents[] = { "indent-1", "indent-2", "indent-3", "indent-4" };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    gtk_text_buffer_create_tag (buffer, headings[i], "weight", PANGO_WEIGHT_BOLD,
                                "scale", scales[i], "pixels-above-lines", 4, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (indents); i++)
    gtk_text_buffer_create_tag (buffer, indents[i], "left-margin", 8 + 16 * (int) (i + 1),
                                "indent", -12, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace",
                              "background", "rgba(127,127,127,0.18)", NULL);
  gtk_text_buffer_create_tag (buffer, "code-block", "family", "monospace",
                              "paragraph-background", "rgba(127,127,127,0.14)",
                              "left-margin", 16, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "left-margin", 20, "style", PANGO_STYLE_ITALIC,
                              "foreground", "#6a6a6a", NULL);
  gtk_text_buffer_create_tag (buffer, "list-item", NULL);
  gtk_text_buffer_create_tag (buffer, "bullet", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "link", "foreground", "#1c71d8",
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "image", "foreground", "#6a6a6a",
                              "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "picture", "pixels-above-lines", 4,
                              "pixels-below-lines", 2, NULL);
  gtk_text_buffer_create_tag (buffer, "rule", "foreground", "#9a9a9a", NULL);
  gtk_text_buffer_create_tag (buffer, "html", "family", "monospace", "foreground", "#6a6a6a",
                              NULL);
  /* Hangul two columns wide, Latin one: a CJK monospace font keeps the columns aligned. */
  gtk_text_buffer_create_tag (buffer, "table", "family", "Noto Sans Mono CJK KR, monospace",
                              "wrap-mode", GTK_WRAP_NONE, NULL);
  gtk_text_buffer_create_tag (buffer, "table-header", "weight", PANGO_WEIGHT_BOLD, NULL);
  /* The current label's section, and what the search found. */
  gtk_text_buffer_create_tag (buffer, "section", "paragraph-background",
                              "rgba(246,211,45,0.22)", NULL);
  gtk_text_buffer_create_tag (buffer, "search-match", "background", "rgba(246,211,45,0.8)",
                              NULL);
}

static void
apply_spans (GtkTextBuffer *buffer, const CairnGuideRender *render)
{
  for (guint i = 0; i < render->spans->len; i++)
    {
      const CairnGuideSpan *s = g_ptr_array_index (render->spans, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (gint) s->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (gint) s->end);
      gtk_text_buffer_apply_tag_by_name (buffer, s->tag, &start, &end);
    }
}

static void
fill_toc (CairnGuidelinePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->toc_list))) != NULL)
    gtk_list_box_remove (self->toc_list, child);
  for (guint i = 0; self->render && i < self->render->marks->len; i++)
    {
      const CairnGuideMark *m = g_ptr_array_index (self->render->marks, i);
      GtkWidget *label = gtk_label_new (m->title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_margin_start (label, 6 + 12 * (MAX (m->level, 1) - 1));
      gtk_list_box_append (self->toc_list, label);
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (label)), "anchor",
                              g_strdup (m->anchor), g_free);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button),
                            self->render && self->render->marks->len > 0);
}

static void
show_markdown (CairnGuidelinePanel *self, gint version, const char *markdown)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *title = NULL;

  g_clear_pointer (&self->render, cairn_guide_render_free);
  g_clear_pointer (&self->doc, cairn_guide_doc_free);
  g_clear_pointer (&self->anchor, g_free);
  if (markdown == NULL)
    {
      gtk_text_buffer_set_text (buffer, _("This project has no guideline yet."), -1);
      gtk_label_set_text (self->title_label, _("Guideline"));
      fill_toc (self);
      return;
    }
  self->doc = cairn_guide_doc_new (markdown);
  self->render = cairn_guide_render (markdown);
  gtk_text_buffer_set_text (buffer, self->render->text->str, (int) self->render->text->len);
  apply_spans (buffer, self->render);
  cairn_guideline_pictures_place (self->pictures, buffer, self->render, self->store, version,
                                  GTK_WIDGET (self));
  /* Translators: the panel's title, "Guideline v3". */
  title = version > 0 ? g_strdup_printf (_("Guideline v%d"), version) : g_strdup (_("Preview"));
  gtk_label_set_text (self->title_label, title);
  fill_toc (self);
}

static void
reload (CairnGuidelinePanel *self)
{
  g_autofree char *body = NULL;
  gint version = self->store ? cairn_store_get_guideline_version (self->store) : 0;

  if (version > 0)
    body = cairn_store_get_guideline (self->store, version, NULL, NULL);
  show_markdown (self, version, body);
  cairn_guideline_panel_show_label (self, self->label_id);
}

/* The section runs to the next heading of its level or higher. */
static guint
section_end (CairnGuidelinePanel *self, guint index)
{
  const CairnGuideMark *m = g_ptr_array_index (self->render->marks, index);

  for (guint i = index + 1; i < self->render->marks->len; i++)
    {
      const CairnGuideMark *next = g_ptr_array_index (self->render->marks, i);

      if (next->level <= m->level)
        return next->offset;
    }
  return self->render->length;
}

static void
scroll_to_offset (CairnGuidelinePanel *self, guint offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (gint) offset);
  /* The line's start: aligned to the left edge, a match in mid-line would scroll every line
   * sideways. */
  gtk_text_iter_set_line_offset (&iter, 0);
  if (self->target == NULL)
    self->target = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->target, &iter);
  gtk_text_view_scroll_to_mark (self->text_view, self->target, 0, TRUE, 0, 0);
}

static void
highlight (CairnGuidelinePanel *self, gint index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  const CairnGuideMark *m;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "section", &start, &end);
  if (index < 0)
    return;
  m = g_ptr_array_index (self->render->marks, index);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (gint) m->offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (gint) section_end (self, (guint) index));
  gtk_text_buffer_apply_tag_by_name (buffer, "section", &start, &end);
  scroll_to_offset (self, m->offset);
}

/* Search: every match marked, the view on the first one after the cursor mark. */
static gboolean
search (CairnGuidelinePanel *self, gboolean next)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkTextIter start, end, from, match_start, match_end;
  gboolean found_after = FALSE;
  guint after = 0;

  if (next && self->target)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &from, self->target);
      after = (guint) gtk_text_iter_get_offset (&from) + 1;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "search-match", &start, &end);
  if (text == NULL || *text == '\0')
    return FALSE;
  from = start;
  while (gtk_text_iter_forward_search (&from, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE,
                                       &match_start, &match_end, NULL))
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "search-match", &match_start, &match_end);
      if (!found_after && (guint) gtk_text_iter_get_offset (&match_start) >= after)
        {
          scroll_to_offset (self, (guint) gtk_text_iter_get_offset (&match_start));
          found_after = TRUE;
        }
      from = match_end;
    }
  return found_after;
}

static void
on_search_changed_cb (GtkSearchEntry      *entry,
                      CairnGuidelinePanel *self)
{
  search (self, FALSE);
}

static void
on_search_activated_cb (GtkSearchEntry      *entry,
                        CairnGuidelinePanel *self)
{
  /* Enter: the next match, round to the first after the last. */
  if (!search (self, TRUE))
    search (self, FALSE);
}

static void
on_toc_row_activated_cb (GtkListBox          *list,
                         GtkListBoxRow       *row,
                         CairnGuidelinePanel *self)
{
  cairn_guideline_panel_show_anchor (self, g_object_get_data (G_OBJECT (row), "anchor"));
  gtk_menu_button_popdown (self->toc_button);
}

static void
cairn_guideline_panel_dispose (GObject *object)
{
  CairnGuidelinePanel *self = CAIRN_GUIDELINE_PANEL (object);

  g_clear_handle_id (&self->fit_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAIRN_TYPE_GUIDELINE_PANEL);
  /* Unnamed template children stay unless unparented. */
  cairn_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cairn_guideline_panel_parent_class)->dispose (object);
}

static void
cairn_guideline_panel_finalize (GObject *object)
{
  CairnGuidelinePanel *self = CAIRN_GUIDELINE_PANEL (object);

  g_clear_pointer (&self->render, cairn_guide_render_free);
  g_clear_pointer (&self->doc, cairn_guide_doc_free);
  g_clear_pointer (&self->pictures, cairn_guideline_pictures_free);
  g_free (self->markdown);
  g_free (self->anchor);
  G_OBJECT_CLASS (cairn_guideline_panel_parent_class)->finalize (object);
}

static void
cairn_guideline_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CairnGuidelinePanel *self = CAIRN_GUIDELINE_PANEL (object);

  switch (prop_id)
    {
    case PROP_LABEL_ID:
      g_value_set_int64 (value, self->label_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_guideline_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CairnGuidelinePanel *self = CAIRN_GUIDELINE_PANEL (object);

  switch (prop_id)
    {
    case PROP_LABEL_ID:
      cairn_guideline_panel_show_label (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cairn_guideline_panel_class_init (CairnGuidelinePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cairn_guideline_panel_dispose;
  object_class->finalize = cairn_guideline_panel_finalize;
  object_class->get_property = cairn_guideline_panel_get_property;
  object_class->set_property = cairn_guideline_panel_set_property;
  /* The label whose section is shown; 0 for none. */
  properties[PROP_LABEL_ID] =
    g_param_spec_int64 ("label-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/cairn/Cairn/ui/cairn-guideline-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, toc_list);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, toc_button);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, section_label);
  gtk_widget_class_bind_template_child (widget_class, CairnGuidelinePanel, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_toc_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guidelinepanel");
}

/* Pictures as wide as the text at most: the panel is narrow, and a wider one would scroll
 * every line sideways. */
static gboolean
fit_pictures_cb (gpointer data)
{
  CairnGuidelinePanel *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));
  int margins = gtk_text_view_get_left_margin (self->text_view)
                + gtk_text_view_get_right_margin (self->text_view) + 4;

  self->fit_source = 0;
  cairn_guideline_pictures_set_width (self->pictures,
                                      MAX ((int) gtk_adjustment_get_page_size (adjustment)
                                           - margins, 16));
  return G_SOURCE_REMOVE;
}

/* Told while the text view is being laid out, which a new picture size must not disturb. */
static void
on_text_width_cb (GtkAdjustment       *adjustment,
                  GParamSpec          *pspec,
                  CairnGuidelinePanel *self)
{
  if (self->fit_source == 0)
    self->fit_source = g_idle_add (fit_pictures_cb, self);
}

static void
cairn_guideline_panel_init (CairnGuidelinePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (
                                    GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  create_tags (gtk_text_view_get_buffer (self->text_view));
  self->pictures = cairn_guideline_pictures_new ();
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view)),
                           "notify::page-size", G_CALLBACK (on_text_width_cb), self, 0);
  show_markdown (self, 0, NULL);
}

GtkWidget *
cairn_guideline_panel_new (void)
{
  return g_object_new (CAIRN_TYPE_GUIDELINE_PANEL, NULL);
}

void
cairn_guideline_panel_set_store (CairnGuidelinePanel *self,
                                 CairnStore          *store)
{
  g_return_if_fail (CAIRN_IS_GUIDELINE_PANEL (self));
  g_set_object (&self->store, store);
  reload (self);
}

void
cairn_guideline_panel_show_markdown (CairnGuidelinePanel *self,
                                     gint                 version,
                                     const char          *markdown)
{
  g_autofree char *anchor = NULL;

  g_return_if_fail (CAIRN_IS_GUIDELINE_PANEL (self));
  anchor = g_strdup (self->anchor);
  show_markdown (self, version, markdown);
  /* Where the writer was looking stays in view while they type. */
  if (anchor)
    cairn_guideline_panel_show_anchor (self, anchor);
}

GtkTextBuffer *
cairn_guideline_panel_get_buffer (CairnGuidelinePanel *self)
{
  g_return_val_if_fail (CAIRN_IS_GUIDELINE_PANEL (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

const char *
cairn_guideline_panel_get_anchor (CairnGuidelinePanel *self)
{
  g_return_val_if_fail (CAIRN_IS_GUIDELINE_PANEL (self), NULL);
  return self->anchor;
}

gboolean
cairn_guideline_panel_show_anchor (CairnGuidelinePanel *self,
                                   const char          *anchor)
{
  g_return_val_if_fail (CAIRN_IS_GUIDELINE_PANEL (self), FALSE);
  for (guint i = 0; self->render && anchor && i < self->render->marks->len; i++)
    {
      const CairnGuideMark *m = g_ptr_array_index (self->render->marks, i);

      if (g_str_equal (m->anchor, anchor))
        {
          g_free (self->anchor);
          self->anchor = g_strdup (anchor);
          highlight (self, (gint) i);
          return TRUE;
        }
    }
  return FALSE;
}

void
cairn_guideline_panel_show_label (CairnGuidelinePanel *self,
                                  gint64               label_id)
{
  g_autoptr(CairnLabel) label = NULL;
  g_autofree char *schema_anchor = NULL, *text = NULL;
  const CairnGuideSection *section = NULL;

  g_return_if_fail (CAIRN_IS_GUIDELINE_PANEL (self));
  if (self->label_id != label_id)
    {
      self->label_id = label_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_ID]);
    }
  if (self->store && label_id && self->doc)
    label = cairn_store_get_label (self->store, label_id, NULL);
  if (label)
    {
      schema_anchor = cairn_store_dup_label_anchor (self->store, label_id);
      section = cairn_guide_doc_label_section (self->doc, label->name, schema_anchor);
    }
  g_clear_pointer (&self->anchor, g_free);
  if (section && cairn_guideline_panel_show_anchor (self, section->anchor))
    /* Translators: which section the panel shows, "car → Car". */
    text = g_strdup_printf (_("%s → %s"), label->name, section->title);
  else
    {
      highlight (self, -1);
      if (label)
        /* Translators: a label with no section in the guideline. */
        text = g_strdup_printf (_("No section for “%s”"), label->name);
    }
  gtk_label_set_text (self->section_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->section_label), text != NULL);
}

void
cairn_guideline_panel_set_pending_pictures (CairnGuidelinePanel *self,
                                            GHashTable          *pictures)
{
  g_return_if_fail (CAIRN_IS_GUIDELINE_PANEL (self));
  cairn_guideline_pictures_set_pending (self->pictures, pictures);
}

guint
cairn_guideline_panel_get_n_pictures (CairnGuidelinePanel *self)
{
  g_return_val_if_fail (CAIRN_IS_GUIDELINE_PANEL (self), 0);
  return cairn_guideline_pictures_get_shown (self->pictures);
}
