#define G_LOG_DOMAIN "cairn-quality"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cairn-rules.h"
#include "cairn-structured.h"
#include "model/cairn-json.h"

static const struct
{
  const char *name;
  const char *description;
} rules[CAIRN_N_RULES] = {
  { "box-too-small", N_("box smaller than the minimum size") },
  { "box-outside-image", N_("box reaching outside the image") },
  { "polygon-self-intersects", N_("polygon whose edges cross") },
  { "attribute-missing", N_("required attribute not set") },
  { "duplicate-shape", N_("two same-label shapes on top of each other (double labelling)") },
  { "span-word-boundary", N_("span starting or ending inside a word") },
  { "span-whitespace", N_("span with leading or trailing white space") },
  { "empty-transcript", N_("transcript or text left empty") },
  { "label-kind", N_("label not allowed for the annotation's kind") },
};

const char *
cairn_rule_to_string (CairnRule rule)
{
  g_return_val_if_fail (rule < CAIRN_N_RULES, NULL);
  return rules[rule].name;
}

gboolean
cairn_rule_from_string (const char *name, CairnRule *rule)
{
  for (guint i = 0; i < CAIRN_N_RULES; i++)
    if (g_strcmp0 (name, rules[i].name) == 0)
      {
        *rule = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_rule_describe (CairnRule rule)
{
  g_return_val_if_fail (rule < CAIRN_N_RULES, NULL);
  return rules[rule].description;
}

/* Configuration */

void
cairn_rule_config_init (CairnRuleConfig *config)
{
  for (guint i = 0; i < CAIRN_N_RULES; i++)
    config->enabled[i] = TRUE;
  config->min_box_size = 4;
  config->duplicate_iou = 0.9;
}

gboolean
cairn_rule_config_from_json (CairnRuleConfig *config, const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *o;
  JsonArray *disabled;
  double v;

  cairn_rule_config_init (config);
  if (json == NULL || *json == '\0')
    return TRUE;
  if (!cairn_json_is_single_value (json, strlen (json))
      || !json_parser_load_from_data (parser, json, -1, NULL)
      || (o = cairn_json_root_object (parser)) == NULL)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "%s: expected a JSON object", CAIRN_RULES_META_KEY);
      return FALSE;
    }
  disabled = cairn_json_array (o, "disabled");
  for (guint i = 0; disabled && i < json_array_get_length (disabled); i++)
    {
      JsonNode *node = json_array_get_element (disabled, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node)
                           == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      CairnRule rule;

      if (!cairn_rule_from_string (name, &rule))
        {
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                       "%s: disabled[%u]: not a rule", CAIRN_RULES_META_KEY, i);
          return FALSE;
        }
      config->enabled[rule] = FALSE;
    }
  if (cairn_json_number (o, "min_box_size", &v))
    {
      if (!(v >= 0 && v < 1e9))
        {
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                       "%s: min_box_size must be 0 or more", CAIRN_RULES_META_KEY);
          return FALSE;
        }
      config->min_box_size = v;
    }
  if (cairn_json_number (o, "duplicate_iou", &v))
    {
      if (!(v > 0 && v <= 1))
        {
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                       "%s: duplicate_iou must be above 0 and at most 1",
                       CAIRN_RULES_META_KEY);
          return FALSE;
        }
      config->duplicate_iou = v;
    }
  return TRUE;
}

char *
cairn_rule_config_to_json (const CairnRuleConfig *config)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "disabled");
  json_builder_begin_array (b);
  for (guint i = 0; i < CAIRN_N_RULES; i++)
    if (!config->enabled[i])
      json_builder_add_string_value (b, rules[i].name);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "min_box_size");
  json_builder_add_double_value (b, config->min_box_size);
  json_builder_set_member_name (b, "duplicate_iou");
  json_builder_add_double_value (b, config->duplicate_iou);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
cairn_rule_config_load (CairnStore *store, CairnRuleConfig *config, GError **error)
{
  g_autofree char *json = cairn_store_dup_meta (store, CAIRN_RULES_META_KEY);

  return cairn_rule_config_from_json (config, json, error);
}

gboolean
cairn_rule_config_save (CairnStore *store, const CairnRuleConfig *config, GError **error)
{
  g_autofree char *json = cairn_rule_config_to_json (config);

  return cairn_store_set_meta (store, CAIRN_RULES_META_KEY, json, error);
}

void
cairn_rule_violation_free (CairnRuleViolation *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->fix_text);
  g_clear_pointer (&self->fixed, cairn_annotation_free);
  g_free (self);
}

/* Checks */

typedef struct
{
  const CairnRuleConfig *config;
  const CairnItem       *item;
  GHashTable            *labels;
  GPtrArray             *out;
  char                  *item_title;
  gunichar              *text;     /* the item's text in code points, or NULL */
  glong                  text_len;
} Check;

static const char *
label_name (Check *c, gint64 id)
{
  CairnLabel *l = id ? g_hash_table_lookup (c->labels, &id) : NULL;

  return l ? l->name : "unlabelled";
}

static CairnRuleViolation *
violation (Check *c, CairnRule rule, const CairnAnnotation *a, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static CairnRuleViolation *
violation (Check *c, CairnRule rule, const CairnAnnotation *a, const char *format, ...)
{
  CairnRuleViolation *v = g_new0 (CairnRuleViolation, 1);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  v->rule = rule;
  v->item_id = c->item->id;
  v->annotation_id = a->id;
  v->message = g_strdup_printf ("%s, %s %" G_GINT64_FORMAT " (%s): %s", c->item_title,
                                cairn_kind_to_string (a->kind), a->id,
                                label_name (c, a->label_id), what);
  g_ptr_array_add (c->out, v);
  return v;
}

static void
propose (CairnRuleViolation *v, CairnFixKind fix, CairnAnnotation *fixed, const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
propose (CairnRuleViolation *v, CairnFixKind fix, CairnAnnotation *fixed, const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  v->fix = fix;
  v->fixed = fixed;
  v->fix_text = g_strdup_vprintf (format, args);
  va_end (args);
}

static gboolean
is_box (CairnKind kind)
{
  return kind == CAIRN_KIND_BOX || kind == CAIRN_KIND_OCR;
}

static void
check_box (Check *c, const CairnAnnotation *a)
{
  const double *v = (const double *) a->coords->data;
  double x, y, w, h, W = c->item->width, H = c->item->height;

  if (!is_box (a->kind) || a->coords->len < 4)
    return;
  x = v[0], y = v[1], w = v[2], h = v[3];
  if (c->config->enabled[CAIRN_RULE_BOX_TOO_SMALL]
      && (w < c->config->min_box_size || h < c->config->min_box_size))
    propose (violation (c, CAIRN_RULE_BOX_TOO_SMALL, a, "%g × %g px is under %g px", w, h,
                        c->config->min_box_size),
             CAIRN_FIX_DELETE, NULL, "delete it");
  if (c->config->enabled[CAIRN_RULE_BOX_OUTSIDE_IMAGE] && c->item->kind == CAIRN_ITEM_IMAGE
      && W > 0 && H > 0 && (x < 0 || y < 0 || x + w > W || y + h > H))
    {
      double x0 = MAX (x, 0), y0 = MAX (y, 0), x1 = MIN (x + w, W), y1 = MIN (y + h, H);
      CairnRuleViolation *viol = violation (c, CAIRN_RULE_BOX_OUTSIDE_IMAGE, a,
                                            "[%g, %g, %g × %g] reaches outside the %g × %g "
                                            "image", x, y, w, h, W, H);

      if (x1 <= x0 || y1 <= y0)
        propose (viol, CAIRN_FIX_DELETE, NULL, "delete it: nothing of it is inside the image");
      else
        {
          CairnAnnotation *fixed = cairn_annotation_copy (a);
          double box[4] = { x0, y0, x1 - x0, y1 - y0 };

          for (guint i = 0; i < 4; i++)
            g_array_index (fixed->coords, double, i) = box[i];
          propose (viol, CAIRN_FIX_CHANGE, fixed, "clip it to [%g, %g, %g × %g]", box[0],
                   box[1], box[2], box[3]);
        }
    }
}

static double
cross (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Proper crossings and touching (collinear overlaps included) of segments p1p2 and p3p4. */
static gboolean
segments_meet (const double *p1, const double *p2, const double *p3, const double *p4)
{
  double d1 = cross (p3[0], p3[1], p4[0], p4[1], p1[0], p1[1]);
  double d2 = cross (p3[0], p3[1], p4[0], p4[1], p2[0], p2[1]);
  double d3 = cross (p1[0], p1[1], p2[0], p2[1], p3[0], p3[1]);
  double d4 = cross (p1[0], p1[1], p2[0], p2[1], p4[0], p4[1]);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return TRUE;
#define ON(a, b, p) (MIN (a[0], b[0]) <= p[0] && p[0] <= MAX (a[0], b[0]) \
                     && MIN (a[1], b[1]) <= p[1] && p[1] <= MAX (a[1], b[1]))
  return (d1 == 0 && ON (p3, p4, p1)) || (d2 == 0 && ON (p3, p4, p2))
         || (d3 == 0 && ON (p1, p2, p3)) || (d4 == 0 && ON (p1, p2, p4));
#undef ON
}

static void
check_polygon (Check *c, const CairnAnnotation *a)
{
  gsize off = 0;

  if (a->kind != CAIRN_KIND_POLYGON || !c->config->enabled[CAIRN_RULE_POLYGON_SELF_INTERSECTS])
    return;
  for (guint r = 0; r < a->rings->len; r++)
    {
      guint n = g_array_index (a->rings, guint, r);
      const double *p = (const double *) a->coords->data + off;

      off += (gsize) n * 2;
      if (n < 4)
        continue;
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            /* Edges i→i+1 and j→j+1; neighbours share a corner. */
            if (j == i + 1 || (i == 0 && j == n - 1))
              continue;
            if (segments_meet (p + 2 * i, p + 2 * ((i + 1) % n), p + 2 * j,
                               p + 2 * ((j + 1) % n)))
              {
                propose (violation (c, CAIRN_RULE_POLYGON_SELF_INTERSECTS, a,
                                    "ring %u: edges %u and %u cross", r, i, j),
                         CAIRN_FIX_NONE, NULL, "redraw the outline");
                return;
              }
          }
    }
}

static void
check_attributes (Check *c, const CairnAnnotation *a)
{
  CairnLabel *label = a->label_id ? g_hash_table_lookup (c->labels, &a->label_id) : NULL;

  if (label == NULL || !c->config->enabled[CAIRN_RULE_ATTRIBUTE_MISSING])
    return;
  for (guint i = 0; i < json_array_get_length (label->attributes); i++)
    {
      JsonNode *node = json_array_get_element (label->attributes, i);
      JsonObject *spec = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = spec ? cairn_json_string (spec, "name") : NULL;
      JsonNode *required = spec ? json_object_get_member (spec, "required") : NULL;
      JsonNode *value;

      if (name == NULL || required == NULL || !JSON_NODE_HOLDS_VALUE (required)
          || json_node_get_value_type (required) != G_TYPE_BOOLEAN
          || !json_node_get_boolean (required))
        continue;
      value = json_object_get_member (a->attributes, name);
      if (value && !JSON_NODE_HOLDS_NULL (value)
          && !(JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
               && *json_node_get_string (value) == '\0'))
        continue;
      propose (violation (c, CAIRN_RULE_ATTRIBUTE_MISSING, a, "required attribute “%s” is not "
                          "set", name),
               CAIRN_FIX_NONE, NULL, "set %s", name);
    }
}

static void
check_label_kind (Check *c, const CairnAnnotation *a)
{
  CairnLabel *label = a->label_id ? g_hash_table_lookup (c->labels, &a->label_id) : NULL;
  g_autofree char *kinds = NULL;

  if (label == NULL || !c->config->enabled[CAIRN_RULE_LABEL_KIND]
      || cairn_label_allows (label, a->kind))
    return;
  kinds = cairn_label_kinds_to_string (label->kinds);
  propose (violation (c, CAIRN_RULE_LABEL_KIND, a, "%s allows only %s", label->name, kinds),
           CAIRN_FIX_NONE, NULL, "relabel it, or allow %s for %s",
           cairn_kind_to_string (a->kind), label->name);
}

static void
check_text (Check *c, const CairnAnnotation *a)
{
  gboolean empty = a->text == NULL;

  if (!c->config->enabled[CAIRN_RULE_EMPTY_TRANSCRIPT]
      || !(a->kind == CAIRN_KIND_SEGMENT || a->kind == CAIRN_KIND_OCR
           || a->kind == CAIRN_KIND_TARGET))
    return;
  if (!empty)
    {
      g_autofree char *copy = g_strstrip (g_strdup (a->text));
      empty = *copy == '\0';
    }
  if (empty)
    propose (violation (c, CAIRN_RULE_EMPTY_TRANSCRIPT, a, "no text"), CAIRN_FIX_NONE, NULL,
             "%s", a->kind == CAIRN_KIND_TARGET ? "write the text" : "transcribe it");
}

static gboolean
is_word (gunichar ch)
{
  return g_unichar_isalnum (ch) || g_unichar_ismark (ch);
}

/* Scripts written without spaces between words, or whose particles attach to the word before
 * (Korean 서울시청 + 에서): a span may end anywhere in them. */
static gboolean
is_unspaced (gunichar ch)
{
  switch (g_unichar_get_script (ch))
    {
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* a and b side by side belong to one word. */
static gboolean
same_word (gunichar a, gunichar b)
{
  return is_word (a) && is_word (b) && !is_unspaced (a) && !is_unspaced (b);
}

static CairnAnnotation *
with_span (const CairnAnnotation *a, glong start, glong end)
{
  CairnAnnotation *fixed = cairn_annotation_copy (a);

  g_array_index (fixed->coords, double, 0) = start;
  g_array_index (fixed->coords, double, 1) = end;
  return fixed;
}

static void
check_span (Check *c, const CairnAnnotation *a)
{
  const gunichar *t = c->text;
  glong s, e, len = c->text_len;

  if (a->kind != CAIRN_KIND_SPAN || t == NULL || a->coords->len < 2)
    return;
  s = (glong) g_array_index (a->coords, double, 0);
  e = (glong) g_array_index (a->coords, double, 1);
  if (s < 0 || e > len || s >= e)
    return;
  if (c->config->enabled[CAIRN_RULE_SPAN_WHITESPACE]
      && (g_unichar_isspace (t[s]) || g_unichar_isspace (t[e - 1])))
    {
      glong ts = s, te = e;
      CairnRuleViolation *v;

      while (ts < te && g_unichar_isspace (t[ts]))
        ts++;
      while (te > ts && g_unichar_isspace (t[te - 1]))
        te--;
      v = violation (c, CAIRN_RULE_SPAN_WHITESPACE, a, "[%ld, %ld) has %s white space", s, e,
                     g_unichar_isspace (t[s]) ? "leading" : "trailing");
      if (te == ts)
        propose (v, CAIRN_FIX_DELETE, NULL, "delete it: it is only white space");
      else
        propose (v, CAIRN_FIX_CHANGE, with_span (a, ts, te), "trim it to [%ld, %ld)", ts, te);
    }
  if (c->config->enabled[CAIRN_RULE_SPAN_WORD_BOUNDARY]
      && ((s > 0 && same_word (t[s - 1], t[s])) || (e < len && same_word (t[e - 1], t[e]))))
    {
      glong ws = s, we = e;

      while (ws > 0 && same_word (t[ws - 1], t[ws]))
        ws--;
      while (we < len && same_word (t[we - 1], t[we]))
        we++;
      propose (violation (c, CAIRN_RULE_SPAN_WORD_BOUNDARY, a, "[%ld, %ld) %s inside a word",
                          s, e, ws != s && we != e ? "starts and ends"
                                : ws != s ? "starts" : "ends"),
               CAIRN_FIX_CHANGE, with_span (a, ws, we), "widen it to the whole words [%ld, %ld)",
               ws, we);
    }
}

static void
check_duplicates (Check *c, GPtrArray *shapes)
{
  if (!c->config->enabled[CAIRN_RULE_DUPLICATE_SHAPE])
    return;
  for (guint j = 1; j < shapes->len; j++)
    {
      const CairnAnnotation *b = shapes->pdata[j];

      for (guint i = 0; i < j; i++)
        {
          const CairnAnnotation *a = shapes->pdata[i];
          double iou;

          if (a->kind != b->kind || a->label_id != b->label_id
              || a->annotator_id != b->annotator_id)
            continue;
          iou = cairn_shape_iou (a, b);
          if (iou > c->config->duplicate_iou)
            {
              CairnRuleViolation *v = violation (c, CAIRN_RULE_DUPLICATE_SHAPE, b,
                                                 "IoU %.3f with %s %" G_GINT64_FORMAT
                                                 " of the same label and annotator", iou,
                                                 cairn_kind_to_string (a->kind), a->id);
              v->other_id = a->id;
              propose (v, CAIRN_FIX_DELETE, NULL, "delete it, keeping %" G_GINT64_FORMAT,
                       a->id);
              break;
            }
        }
    }
}

void
cairn_rules_check_item (const CairnRuleConfig *config, const CairnItem *item,
                        GPtrArray *annotations, GHashTable *labels, GPtrArray *violations)
{
  g_autoptr(GPtrArray) shapes = g_ptr_array_new ();
  Check c = { config, item, labels, violations, NULL, NULL, 0 };
  g_autofree char *title = cairn_item_dup_title (item);

  c.item_title = g_strdup_printf ("item %" G_GINT64_FORMAT " (%s)", item->id,
                                  title ? title : "untitled");
  if (item->text)
    c.text = g_utf8_to_ucs4_fast (item->text, -1, &c.text_len);
  for (guint i = 0; i < annotations->len; i++)
    {
      const CairnAnnotation *a = annotations->pdata[i];

      if (a->origin == CAIRN_ORIGIN_MODEL || a->origin == CAIRN_ORIGIN_SYNTHETIC)
        continue;
      check_box (&c, a);
      check_polygon (&c, a);
      check_attributes (&c, a);
      check_label_kind (&c, a);
      check_text (&c, a);
      check_span (&c, a);
      if (cairn_kind_has_area (a->kind))
        g_ptr_array_add (shapes, (gpointer) a);
    }
  check_duplicates (&c, shapes);
  g_free (c.item_title);
  g_free (c.text);
}

GPtrArray *
cairn_rules_check (CairnStore *store, const CairnRuleConfig *config, GError **error)
{
  g_autoptr(GPtrArray) violations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_rule_violation_free);
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  CairnItemFilter any = CAIRN_ITEM_FILTER_ANY;
  g_autoptr(GArray) ids = NULL;

  if (labels == NULL)
    return NULL;
  for (guint i = 0; i < labels->len; i++)
    {
      CairnLabel *l = labels->pdata[i];
      g_hash_table_insert (by_id, &l->id, l);
    }
  ids = cairn_store_list_item_ids (store, &any, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CairnItem) item = cairn_store_get_item (store, id, error);
      g_autoptr(GPtrArray) annotations = NULL;

      if (item == NULL)
        return NULL;
      annotations = cairn_store_list_annotations (store, id, error);
      if (annotations == NULL)
        return NULL;
      cairn_rules_check_item (config, item, annotations, by_id, violations);
    }
  return g_steal_pointer (&violations);
}
