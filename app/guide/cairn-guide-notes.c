#define G_LOG_DOMAIN "cairn-guide"

#include <math.h>
#include <string.h>

#include "model/cairn-json.h"
#include "cairn-guide-doc.h"
#include "cairn-guide-notes.h"
#include "cairn-guide-recheck.h"

static const struct
{
  const char      *name;
  CairnRegionKind  kind;
  guint            n;
} region_kinds[] = {
  { "box", CAIRN_REGION_BOX, 4 },
  { "span", CAIRN_REGION_SPAN, 2 },
  { "segment", CAIRN_REGION_SEGMENT, 2 },
};

static gboolean
region_fail (GError **error, const char *problem)
{
  g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "note region: %s", problem);
  return FALSE;
}

static gboolean
read_values (JsonArray *array, guint n, double values[4], GError **error)
{
  if (json_array_get_length (array) != n)
    return region_fail (error, n == 4 ? "a box is [x, y, width, height]"
                                      : "a span or segment is [start, end]");
  for (guint i = 0; i < n; i++)
    if (!cairn_json_node_number (json_array_get_element (array, i), &values[i])
        || !isfinite (values[i]) || values[i] < 0)
      return region_fail (error, "its numbers must be finite and not negative");
  if (n == 4 ? (values[2] <= 0 || values[3] <= 0) : values[1] <= values[0])
    return region_fail (error, n == 4 ? "a box needs a size" : "it ends before it starts");
  return TRUE;
}

gboolean
cairn_note_region_parse (const char      *json,
                         CairnRegionKind *kind,
                         double           values[4],
                         GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *o;

  *kind = CAIRN_REGION_NONE;
  memset (values, 0, 4 * sizeof (double));
  if (json == NULL || *json == '\0')
    return TRUE;
  root = cairn_json_parse_bounded (json, -1, &local);
  if (root == NULL)
    return region_fail (error, local->message);
  if (!JSON_NODE_HOLDS_OBJECT (root) || json_object_get_size (o = json_node_get_object (root))
                                          != 1)
    return region_fail (error, "expected one of {\"box\": …}, {\"span\": …}, {\"segment\": …}");
  for (guint i = 0; i < G_N_ELEMENTS (region_kinds); i++)
    {
      JsonArray *array = cairn_json_array (o, region_kinds[i].name);

      if (array == NULL)
        continue;
      *kind = region_kinds[i].kind;
      return read_values (array, region_kinds[i].n, values, error);
    }
  return region_fail (error, "expected one of {\"box\": …}, {\"span\": …}, {\"segment\": …}");
}

char *
cairn_note_region_to_json (CairnRegionKind kind,
                           const double    values[4])
{
  GString *out;

  if (kind == CAIRN_REGION_NONE)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (region_kinds); i++)
    if (region_kinds[i].kind == kind)
      {
        g_string_append_printf (out, "{\"%s\": [", region_kinds[i].name);
        for (guint v = 0; v < region_kinds[i].n; v++)
          {
            char number[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append_printf (out, "%s%s", v ? ", " : "",
                                    g_ascii_dtostr (number, sizeof number, values[v]));
          }
        g_string_append (out, "]}");
      }
  return g_string_free (out, FALSE);
}

char *
cairn_note_region_for_annotation (const CairnAnnotation *annotation)
{
  double v[4] = { 0 };

  g_return_val_if_fail (annotation != NULL, NULL);
  if (cairn_kind_is_image (annotation->kind)
      && cairn_annotation_bounds (annotation, &v[0], &v[1], &v[2], &v[3]) && v[2] > 0 && v[3] > 0)
    return cairn_note_region_to_json (CAIRN_REGION_BOX, v);
  if ((annotation->kind == CAIRN_KIND_SPAN || annotation->kind == CAIRN_KIND_SEGMENT)
      && annotation->coords->len >= 2)
    {
      v[0] = g_array_index (annotation->coords, double, 0);
      v[1] = g_array_index (annotation->coords, double, 1);
      if (v[0] >= 0 && v[1] > v[0])
        return cairn_note_region_to_json (annotation->kind == CAIRN_KIND_SPAN
                                          ? CAIRN_REGION_SPAN : CAIRN_REGION_SEGMENT, v);
    }
  return NULL;
}

/* One Markdown list line, whatever the note's text holds: newlines folded. */
static char *
note_line (const CairnNote *note)
{
  g_autofree char *text = g_strdup_printf ("- **Edge case #%" G_GINT64_FORMAT "**: %s%s%s",
                                           note->id, note->title,
                                           note->answer ? " — " : "",
                                           note->answer ? note->answer : "");

  g_strdelimit (text, "\r\n", ' ');
  return g_strconcat (text, "\n", NULL);
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static char *
insert_note (const CairnGuideSection *section, const CairnGuideDoc *doc, const char *line)
{
  GString *out = g_string_new (NULL);
  guint at = section ? section->end_line : doc->lines->len;

  /* Before the blank lines that end the section. */
  while (section && at > section->first_line + 1
         && is_blank (g_ptr_array_index (doc->lines, at - 1)))
    at--;
  for (guint i = 0; i < doc->lines->len; i++)
    {
      if (i == at)
        g_string_append (out, line);
      g_string_append (out, g_ptr_array_index (doc->lines, i));
      g_string_append_c (out, '\n');
    }
  if (at >= doc->lines->len)
    {
      if (section == NULL)
        g_string_append (out, "\n## Edge cases {#edge-cases}\n\n");
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

gint
cairn_guide_promote_note (CairnStore *store,
                          gint64      note_id,
                          GError    **error)
{
  g_autoptr(CairnNote) note = cairn_store_get_note (store, note_id, error);
  g_autoptr(CairnLabel) label = NULL;
  g_autoptr(CairnGuideDoc) doc = NULL;
  g_autofree char *body = NULL, *anchor = NULL, *line = NULL, *markdown = NULL;
  g_autofree char *summary = NULL;
  const CairnGuideSection *section = NULL;
  gint version;

  if (note == NULL)
    return 0;
  if (note->state == CAIRN_NOTE_PROMOTED)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "edge-case note %" G_GINT64_FORMAT " is in guideline v%d already", note_id,
                   note->promoted_version);
      return 0;
    }
  body = cairn_store_get_guideline_version (store) > 0
         ? cairn_store_get_guideline (store, 0, NULL, error) : g_strdup ("");
  if (body == NULL)
    return 0;
  doc = cairn_guide_doc_new (body);
  if (note->label_id && (label = cairn_store_get_label (store, note->label_id, NULL)) != NULL)
    {
      anchor = cairn_store_dup_label_anchor (store, label->id);
      section = cairn_guide_doc_label_section (doc, label->name, anchor);
    }
  if (section == NULL)
    section = cairn_guide_doc_find (doc, "edge-cases");
  line = note_line (note);
  markdown = insert_note (section, doc, line);
  summary = g_strdup_printf ("edge case #%" G_GINT64_FORMAT ": %s", note->id, note->title);
  if (!cairn_store_begin (store, error))
    return 0;
  version = cairn_guide_publish (store, markdown, NULL, summary, NULL, error);
  note->state = CAIRN_NOTE_PROMOTED;
  note->promoted_version = version;
  if (version == 0 || !cairn_store_update_note (store, note, error))
    {
      cairn_store_rollback (store);
      return 0;
    }
  return cairn_store_commit (store, error) ? version : 0;
}
