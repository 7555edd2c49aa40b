#define G_LOG_DOMAIN "cairn-format-brat"

#include <glib/gstdio.h>

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* brat standoff: DOC.txt holds the text, DOC.ann one annotation per line, offsets in code
 * points. How the parts map onto Cairn:
 *   T   a span per fragment; fragments of one entity all carry "fragment_of": the brat id
 *   R   a relation (Arg1 → Arg2; other role names kept in "brat_roles")
 *   E   the trigger span carries "brat_event": the event id; each argument is a relation from
 *       the trigger labelled with the role and carrying "brat_event" too
 *   *   equivalences become relations along the list, with "brat_equiv": true
 *   A/M attributes: name → value, or true for binary ones
 *   #   "note" (other note types: "note:TYPE")
 *   N   "norm": [{"type", "ref", "text"}] */

#define ATTR_FRAGMENT "fragment_of"
#define ATTR_EVENT    "brat_event"
#define ATTR_EQUIV    "brat_equiv"
#define ATTR_ROLES    "brat_roles"
#define ATTR_NOTE     "note"
#define ATTR_NORM     "norm"

static const char *const reserved[] = {
  ATTR_FRAGMENT, ATTR_EVENT, ATTR_EQUIV, ATTR_ROLES, ATTR_NOTE, ATTR_NORM, NULL
};

typedef struct
{
  char       kind;        /* 'T', 'R', 'E', '*' */
  guint      line;
  char      *id;
  char      *label;
  GArray    *fragments;   /* T: guint start, end pairs */
  char      *trigger;     /* E */
  GPtrArray *roles;       /* R, E: role names; '*': unused */
  GPtrArray *targets;     /* R, E, '*': ids */
  JsonObject *attributes;
  GPtrArray *spans;       /* T and E: the span annotations (owned) */
  gint64     relation_id; /* R: once added */
} Node;

typedef struct
{
  CairnTextImport *im;
  const char      *ann_path;
  char            *ann_name;
  char            *text;
  CairnCharIndex   index;
  GHashTable      *nodes;      /* id → Node */
  GPtrArray       *order;      /* Node, in file order */
  GHashTable      *claimed;    /* T ids already used as an event trigger */
} BratImport;

static void
node_free (Node *n)
{
  g_free (n->id);
  g_free (n->label);
  g_clear_pointer (&n->fragments, g_array_unref);
  g_free (n->trigger);
  g_clear_pointer (&n->roles, g_ptr_array_unref);
  g_clear_pointer (&n->targets, g_ptr_array_unref);
  g_clear_pointer (&n->attributes, json_object_unref);
  g_clear_pointer (&n->spans, g_ptr_array_unref);
  g_free (n);
}

static gboolean
fail (BratImport *b, GError **error, guint line, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (BratImport *b, GError **error, guint line, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s", b->ann_name,
               line, what);
  return FALSE;
}

static Node *
node_new (BratImport *b, char kind, const char *id, guint line)
{
  Node *n = g_new0 (Node, 1);

  n->kind = kind;
  n->id = g_strdup (id);
  n->line = line;
  n->attributes = json_object_new ();
  n->roles = g_ptr_array_new_with_free_func (g_free);
  n->targets = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (b->order, n);
  if (kind != '*')
    g_hash_table_insert (b->nodes, n->id, n);
  return n;
}

/* Whitespace in the document matches whitespace in the .ann text: a line cannot hold a
 * newline, and writers put a space there. */
static gboolean
same_text (const char *document, const char *ann)
{
  while (*document && *ann)
    {
      gunichar a = g_utf8_get_char (document), c = g_utf8_get_char (ann);

      if (a != c && !(g_unichar_isspace (a) && g_unichar_isspace (c)))
        return FALSE;
      document = g_utf8_next_char (document);
      ann = g_utf8_next_char (ann);
    }
  return *document == '\0' && *ann == '\0';
}

static gboolean
parse_number (const char *s, guint *value)
{
  char *end;
  guint64 v;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoull (s, &end, 10);
  if (*end != '\0' || v > G_MAXUINT)
    return FALSE;
  *value = v;
  return TRUE;
}

/* T1 <tab> Type 0 5;10 15 <tab> text */
static gboolean
parse_textbound (BratImport *b, char **fields, guint n_fields, guint line, GError **error)
{
  g_auto(GStrv) head = g_strsplit (fields[1], " ", 2);
  g_auto(GStrv) ranges = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  Node *node;

  if (head[0] == NULL || head[1] == NULL || *head[0] == '\0')
    return fail (b, error, line, "expected “TYPE START END” after the id");
  node = node_new (b, 'T', fields[0], line);
  node->label = g_strdup (head[0]);
  node->fragments = g_array_new (FALSE, FALSE, sizeof (guint));
  ranges = g_strsplit (head[1], ";", -1);
  for (guint i = 0; ranges[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (ranges[i]), " ", -1);
      guint start, end;

      if (g_strv_length (pair) != 2 || !parse_number (pair[0], &start)
          || !parse_number (pair[1], &end))
        return fail (b, error, line, "%s: “%s” is not “START END”", fields[0], ranges[i]);
      if (start >= end || end > b->index.n_chars)
        return fail (b, error, line, "%s: [%u, %u) is %s the text (%" G_GSIZE_FORMAT
                     " characters)", fields[0], start, end,
                     start >= end ? "empty, not a range of" : "outside", b->index.n_chars);
      g_array_append_val (node->fragments, start);
      g_array_append_val (node->fragments, end);
      if (joined->len)
        g_string_append_c (joined, ' ');
      {
        g_autofree char *piece = cairn_char_index_dup (&b->index, start, end);
        g_string_append (joined, piece);
      }
    }
  if (n_fields >= 3 && !same_text (joined->str, fields[2]))
    return fail (b, error, line, "%s: text “%s” does not match the document there: “%s”",
                 fields[0], fields[2], joined->str);
  return TRUE;
}

/* R1 <tab> Type Arg1:T1 Arg2:T2;  E1 <tab> Type:T2 Role:T1 ...;  * <tab> Type T1 T2 ... */
static gboolean
parse_links (BratImport *b, char kind, char **fields, guint line, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (fields[1], " ", -1);
  Node *node;
  guint n = 0;

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      parts[n++] = parts[i];
    else
      g_free (parts[i]);
  parts[n] = NULL;
  if (n == 0)
    return fail (b, error, line, "missing the type");
  node = node_new (b, kind, fields[0], line);
  if (kind == 'E')
    {
      char *colon = strchr (parts[0], ':');

      if (colon == NULL || colon == parts[0] || colon[1] == '\0')
        return fail (b, error, line, "%s: expected TYPE:TRIGGER first", fields[0]);
      node->label = g_strndup (parts[0], colon - parts[0]);
      node->trigger = g_strdup (colon + 1);
    }
  else
    node->label = g_strdup (parts[0]);
  for (guint i = 1; i < n; i++)
    {
      char *colon = strchr (parts[i], ':');

      if (kind == '*')
        {
          g_ptr_array_add (node->targets, g_strdup (parts[i]));
          continue;
        }
      if (colon == NULL || colon == parts[i] || colon[1] == '\0')
        return fail (b, error, line, "%s: argument “%s” is not ROLE:ID", fields[0], parts[i]);
      g_ptr_array_add (node->roles, g_strndup (parts[i], colon - parts[i]));
      g_ptr_array_add (node->targets, g_strdup (colon + 1));
    }
  if (kind == 'R' && node->targets->len != 2)
    return fail (b, error, line, "%s: a relation needs two arguments, found %u", fields[0],
                 node->targets->len);
  if (kind == '*' && node->targets->len < 2)
    return fail (b, error, line, "an equivalence needs at least two ids");
  return TRUE;
}

static Node *
target_node (BratImport *b, const char *id, guint line, GError **error)
{
  Node *n = g_hash_table_lookup (b->nodes, id);

  if (n == NULL)
    fail (b, error, line, "“%s” names no annotation in this file", id);
  return n;
}

/* A1 <tab> Name TARGET [VALUE] */
static gboolean
parse_attribute (BratImport *b, char **fields, guint line, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (fields[1], " ", 3);
  Node *target;

  if (g_strv_length (parts) < 2 || *parts[0] == '\0')
    return fail (b, error, line, "%s: expected “NAME TARGET [VALUE]”", fields[0]);
  if ((target = target_node (b, parts[1], line, error)) == NULL)
    return FALSE;
  if (parts[2])
    json_object_set_string_member (target->attributes, parts[0], g_strstrip (parts[2]));
  else
    json_object_set_boolean_member (target->attributes, parts[0], TRUE);
  return TRUE;
}

/* #1 <tab> AnnotatorNotes TARGET <tab> text */
static gboolean
parse_note (BratImport *b, char **fields, guint n_fields, guint line, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (fields[1], " ", 2);
  g_autofree char *key = NULL;
  g_autofree char *joined = NULL;
  const char *old;
  Node *target;

  if (g_strv_length (parts) < 2)
    return fail (b, error, line, "%s: expected “TYPE TARGET”", fields[0]);
  if ((target = g_hash_table_lookup (b->nodes, g_strstrip (parts[1]))) == NULL)
    {
      cairn_import_report_warn (b->im->report, "%s:%u: note on “%s”, which is not in this file "
                                "(skipped)", b->ann_name, line, parts[1]);
      return TRUE;
    }
  key = g_str_equal (parts[0], "AnnotatorNotes") ? g_strdup (ATTR_NOTE)
                                                 : g_strconcat (ATTR_NOTE ":", parts[0], NULL);
  old = cairn_json_string (target->attributes, key);
  joined = old ? g_strconcat (old, "\n", n_fields > 2 ? fields[2] : "", NULL)
               : g_strdup (n_fields > 2 ? fields[2] : "");
  json_object_set_string_member (target->attributes, key, joined);
  return TRUE;
}

/* N1 <tab> Reference TARGET DB:ID <tab> text */
static gboolean
parse_norm (BratImport *b, char **fields, guint n_fields, guint line, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (fields[1], " ", 3);
  JsonObject *norm;
  JsonNode *list;
  Node *target;

  if (g_strv_length (parts) < 3)
    return fail (b, error, line, "%s: expected “TYPE TARGET DB:ID”", fields[0]);
  if ((target = g_hash_table_lookup (b->nodes, parts[1])) == NULL)
    {
      cairn_import_report_warn (b->im->report, "%s:%u: normalisation of “%s”, which is not in "
                                "this file (skipped)", b->ann_name, line, parts[1]);
      return TRUE;
    }
  list = json_object_get_member (target->attributes, ATTR_NORM);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      json_object_set_array_member (target->attributes, ATTR_NORM, json_array_new ());
      list = json_object_get_member (target->attributes, ATTR_NORM);
    }
  norm = json_object_new ();
  json_object_set_string_member (norm, "type", parts[0]);
  json_object_set_string_member (norm, "ref", g_strstrip (parts[2]));
  if (n_fields > 2)
    json_object_set_string_member (norm, "text", fields[2]);
  json_array_add_object_element (json_node_get_array (list), norm);
  return TRUE;
}

static gboolean
parse_line (BratImport *b, char *line, guint number, GError **error)
{
  g_auto(GStrv) fields = NULL;
  guint n;

  if (*line == '\0')
    return TRUE;
  fields = g_strsplit (line, "\t", 3);
  n = g_strv_length (fields);
  if (n < 2 || *fields[0] == '\0')
    return fail (b, error, number, "expected an id, a tab and an annotation");
  if (fields[0][0] != '*' && g_hash_table_contains (b->nodes, fields[0]))
    return fail (b, error, number, "id %s is used twice", fields[0]);
  switch (fields[0][0])
    {
    case 'T':
      return parse_textbound (b, fields, n, number, error);
    case 'R':
    case 'E':
    case '*':
      return parse_links (b, fields[0][0], fields, number, error);
    case 'A':
    case 'M':
    case '#':
    case 'N':
      return TRUE; /* second pass: they refer to annotations that may come later */
    default:
      cairn_import_report_warn (b->im->report, "%s:%u: unknown annotation type “%s” (skipped)",
                                b->ann_name, number, fields[0]);
      return TRUE;
    }
}

static gboolean
parse_modifier (BratImport *b, char *line, guint number, GError **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  guint n = g_strv_length (fields);

  if (n < 2)
    return TRUE;
  switch (fields[0][0])
    {
    case 'A':
    case 'M':
      return parse_attribute (b, fields, number, error);
    case '#':
      return parse_note (b, fields, n, number, error);
    case 'N':
      return parse_norm (b, fields, n, number, error);
    default:
      return TRUE;
    }
}

static gboolean
add_spans (BratImport *b, Node *n, GArray *fragments, const char *event, GError **error)
{
  gint64 label_id = cairn_text_import_label (b->im, n->label, error);

  if (label_id == 0)
    return FALSE;
  g_clear_pointer (&n->spans, g_ptr_array_unref);
  n->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_annotation_free);
  for (guint i = 0; i < fragments->len; i += 2)
    {
      g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
      double coords[2] = { g_array_index (fragments, guint, i),
                           g_array_index (fragments, guint, i + 1) };
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      cairn_annotation_set_coords (a, coords, 2);
      a->label_id = label_id;
      json_object_iter_init (&iter, n->attributes);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (a->attributes, member, json_node_copy (value));
      if (fragments->len > 2)
        json_object_set_string_member (a->attributes, ATTR_FRAGMENT, n->kind == 'T' ? n->id
                                                                                   : event);
      if (event)
        json_object_set_string_member (a->attributes, ATTR_EVENT, event);
      if (!cairn_text_import_add (b->im, a, error))
        return FALSE;
      g_ptr_array_add (n->spans, g_steal_pointer (&a));
    }
  return TRUE;
}

/* The span an id stands for: an entity's first fragment, or an event's trigger. */
static gint64
span_of (BratImport *b, const char *id, guint line, GError **error)
{
  Node *n = target_node (b, id, line, error);

  if (n == NULL)
    return 0;
  if (n->spans == NULL || n->spans->len == 0)
    {
      fail (b, error, line, "“%s” is not an entity or event", id);
      return 0;
    }
  return ((CairnAnnotation *) n->spans->pdata[0])->id;
}

static gboolean
add_relation (BratImport *b, const char *label, gint64 from, gint64 to, JsonObject *attributes,
              GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_RELATION);
  double coords[2] = { from, to };

  cairn_annotation_set_coords (a, coords, 2);
  a->label_id = cairn_text_import_label (b->im, label, error);
  if (a->label_id == 0)
    return FALSE;
  if (attributes)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (a->attributes, member, json_node_copy (value));
    }
  return cairn_text_import_add (b->im, a, error);
}

/* An event's trigger span: the T's own when first used, a copy for each further event. */
static gboolean
add_event_trigger (BratImport *b, Node *e, GError **error)
{
  Node *t = target_node (b, e->trigger, e->line, error);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (t == NULL)
    return FALSE;
  if (t->kind != 'T')
    return fail (b, error, e->line, "%s: trigger %s is not a text-bound annotation", e->id,
                 e->trigger);
  /* The event's attributes and the trigger's travel together on the trigger span. */
  json_object_iter_init (&iter, t->attributes);
  while (json_object_iter_next (&iter, &member, &value))
    if (!json_object_has_member (e->attributes, member))
      json_object_set_member (e->attributes, member, json_node_copy (value));
  g_free (e->label);
  e->label = g_strdup (t->label);
  g_hash_table_add (b->claimed, t->id);
  return add_spans (b, e, t->fragments, e->id, error);
}

static gboolean
add_annotations (BratImport *b, GError **error)
{
  /* Triggers first, so an entity that is only a trigger is not added twice. */
  for (guint i = 0; i < b->order->len; i++)
    {
      Node *n = b->order->pdata[i];
      if (n->kind == 'E' && !add_event_trigger (b, n, error))
        return FALSE;
    }
  for (guint i = 0; i < b->order->len; i++)
    {
      Node *n = b->order->pdata[i];

      if (n->kind == 'T' && g_hash_table_contains (b->claimed, n->id))
        {
          /* Later references to the T go to its (first) event's trigger span. */
          for (guint k = 0; k < b->order->len; k++)
            {
              Node *e = b->order->pdata[k];
              if (e->kind == 'E' && g_str_equal (e->trigger, n->id))
                {
                  n->spans = g_ptr_array_ref (e->spans);
                  break;
                }
            }
        }
      else if (n->kind == 'T' && !add_spans (b, n, n->fragments, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < b->order->len; i++)
    {
      Node *n = b->order->pdata[i];
      gint64 from, to;

      if (n->kind == 'R')
        {
          g_autoptr(JsonObject) attributes = json_object_ref (n->attributes);

          if (!g_str_equal (n->roles->pdata[0], "Arg1") || !g_str_equal (n->roles->pdata[1],
                                                                         "Arg2"))
            {
              g_autofree char *roles = g_strjoin (" ", n->roles->pdata[0], n->roles->pdata[1],
                                                  NULL);
              json_object_set_string_member (attributes, ATTR_ROLES, roles);
            }
          if ((from = span_of (b, n->targets->pdata[0], n->line, error)) == 0
              || (to = span_of (b, n->targets->pdata[1], n->line, error)) == 0
              || !add_relation (b, n->label, from, to, attributes, error))
            return FALSE;
        }
      else if (n->kind == 'E')
        {
          gint64 trigger = ((CairnAnnotation *) n->spans->pdata[0])->id;
          g_autoptr(JsonObject) attributes = json_object_new ();

          json_object_set_string_member (attributes, ATTR_EVENT, n->id);
          for (guint k = 0; k < n->targets->len; k++)
            if ((to = span_of (b, n->targets->pdata[k], n->line, error)) == 0
                || !add_relation (b, n->roles->pdata[k], trigger, to, attributes, error))
              return FALSE;
        }
      else if (n->kind == '*')
        {
          g_autoptr(JsonObject) attributes = json_object_new ();

          json_object_set_boolean_member (attributes, ATTR_EQUIV, TRUE);
          for (guint k = 0; k + 1 < n->targets->len; k++)
            if ((from = span_of (b, n->targets->pdata[k], n->line, error)) == 0
                || (to = span_of (b, n->targets->pdata[k + 1], n->line, error)) == 0
                || !add_relation (b, n->label, from, to, attributes, error))
              return FALSE;
        }
    }
  return TRUE;
}

static gboolean
import_pair (CairnTextImport *im, const char *ann_path, const char *txt_path,
             const char *relative, GError **error)
{
  BratImport b = { 0 };
  g_autofree char *ann = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) meta = json_object_new ();
  gboolean ok = FALSE;

  b.im = im;
  b.ann_path = ann_path;
  b.ann_name = g_path_get_basename (ann_path);
  b.nodes = g_hash_table_new (g_str_hash, g_str_equal);
  b.order = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  b.claimed = g_hash_table_new (g_str_hash, g_str_equal);
  if ((b.text = cairn_text_read_file (txt_path, NULL, error)) == NULL
      || (ann = cairn_text_read_file (ann_path, NULL, error)) == NULL)
    goto out;
  cairn_char_index_init (&b.index, b.text, -1);
  lines = g_strsplit (ann, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      gsize len = strlen (lines[i]);

      if (len && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      if (!parse_line (&b, lines[i], i + 1, error))
        goto out;
    }
  for (guint i = 0; lines[i]; i++)
    if (!parse_modifier (&b, lines[i], i + 1, error))
      goto out;
  json_object_set_string_member (meta, "brat", relative);
  if (cairn_text_import_text_item (b.im, b.text, meta, error) == 0)
    goto out;
  ok = add_annotations (&b, error);
out:
  cairn_char_index_clear (&b.index);
  g_hash_table_unref (b.claimed);
  g_ptr_array_unref (b.order);
  g_hash_table_unref (b.nodes);
  g_free (b.ann_name);
  g_free (b.text);
  return ok;
}

/* annotation.conf */

typedef struct
{
  char *name;
  char *parent;
} ConfType;

static gboolean
add_attribute_spec (CairnStore *store, gint64 label_id, const char *name, const char *values,
                    GError **error)
{
  g_autoptr(CairnLabel) label = cairn_store_get_label (store, label_id, error);
  JsonObject *spec;

  if (label == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (label->attributes); i++)
    {
      JsonNode *node = json_array_get_element (label->attributes, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (g_strcmp0 (cairn_json_string (o, "name"), name) == 0)
        return TRUE;
    }
  spec = json_object_new ();
  json_object_set_string_member (spec, "name", name);
  json_object_set_string_member (spec, "type", values ? "enum" : "bool");
  if (values)
    {
      g_auto(GStrv) list = g_strsplit (values, "|", -1);
      JsonArray *array = json_array_new ();

      for (guint i = 0; list[i]; i++)
        json_array_add_string_element (array, g_strstrip (list[i]));
      json_object_set_array_member (spec, "values", array);
    }
  json_array_add_object_element (label->attributes, spec);
  return cairn_store_update_label (store, label, error);
}

static gboolean
import_conf (CairnTextImport *im, const char *path, GError **error)
{
  g_autofree char *data = cairn_text_read_file (path, NULL, error);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entity_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) event_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) relation_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *section = NULL;

  if (data == NULL)
    return FALSE;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = lines[i];
      guint depth = 0;
      g_auto(GStrv) words = NULL;
      const char *name;

      while (line[depth] == '\t')
        depth++;
      g_strstrip (line);
      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '[')
        {
          g_free (section);
          section = g_strdup (line);
          g_ptr_array_set_size (stack, 0);
          continue;
        }
      words = g_strsplit_set (line, " \t", 2);
      name = words[0][0] == '!' ? words[0] + 1 : words[0];
      if (*name == '<' || *name == '-' || *name == '\0' || section == NULL)
        continue;
      if (g_str_equal (section, "[entities]") || g_str_equal (section, "[events]")
          || g_str_equal (section, "[relations]"))
        {
          g_autoptr(CairnLabel) existing = cairn_store_find_label (im->store, name, NULL);
          gint64 id = cairn_text_import_label (im, name, error);

          if (id == 0)
            return FALSE;
          if (existing == NULL && depth > 0 && depth <= stack->len)
            {
              g_autoptr(CairnLabel) label = cairn_store_get_label (im->store, id, error);
              gint64 parent = cairn_text_import_label (im, stack->pdata[depth - 1], error);

              if (label == NULL || parent == 0)
                return FALSE;
              label->parent_id = parent;
              if (!cairn_store_update_label (im->store, label, error))
                return FALSE;
            }
          g_ptr_array_set_size (stack, MIN (depth, stack->len));
          g_ptr_array_add (stack, g_strdup (name));
          g_ptr_array_add (g_str_equal (section, "[entities]") ? entity_labels
                           : g_str_equal (section, "[events]") ? event_labels : relation_labels,
                           g_strdup (name));
        }
      else if (g_str_equal (section, "[attributes]") && words[1])
        {
          g_auto(GStrv) args = g_strsplit (words[1], ",", -1);
          g_autofree char *values = NULL;
          g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

          for (guint k = 0; args[k]; k++)
            {
              char *arg = g_strstrip (args[k]);

              if (g_str_has_prefix (arg, "Value:"))
                values = g_strdup (arg + 6);
              else if (g_str_has_prefix (arg, "Arg:"))
                {
                  g_auto(GStrv) types = g_strsplit (arg + 4, "|", -1);
                  for (guint t = 0; types[t]; t++)
                    {
                      GPtrArray *all = g_str_equal (types[t], "<ENTITY>") ? entity_labels
                                       : g_str_equal (types[t], "<EVENT>") ? event_labels
                                       : g_str_equal (types[t], "<RELATION>") ? relation_labels
                                       : NULL;
                      for (guint l = 0; all && l < all->len; l++)
                        g_ptr_array_add (targets, g_strdup (all->pdata[l]));
                      if (all == NULL && types[t][0] != '<')
                        g_ptr_array_add (targets, g_strdup (types[t]));
                    }
                }
            }
          for (guint k = 0; k < targets->len; k++)
            {
              gint64 id = cairn_text_import_label (im, targets->pdata[k], error);
              if (id == 0 || !add_attribute_spec (im->store, id, name, values, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* brat looks for annotation.conf beside the document, then in each folder above it. */
static char *
find_conf (const char *dir, const char *root)
{
  g_autofree char *here = g_strdup (dir);

  for (;;)
    {
      g_autofree char *conf = g_build_filename (here, "annotation.conf", NULL);
      g_autofree char *up = NULL;

      if (g_file_test (conf, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&conf);
      if (g_strcmp0 (here, root) == 0)
        return NULL;
      up = g_path_get_dirname (here);
      if (g_str_equal (up, here))
        return NULL;
      g_free (here);
      here = g_steal_pointer (&up);
    }
}

gboolean
cairn_format_brat_import (CairnStore               *store,
                          const char               *path,
                          const CairnFormatOptions *options,
                          CairnImportReport        *report,
                          GError                  **error)
{
  g_autoptr(GPtrArray) anns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) confs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *root = NULL;
  CairnTextImport im;
  gboolean ok = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      root = g_strdup (path);
      g_ptr_array_unref (anns);
      anns = cairn_format_find_files (path, (const char *const[]) { ".ann", NULL }, report);
      if (anns->len == 0)
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                       "%s: no .ann files in this folder", path);
          return FALSE;
        }
    }
  else
    {
      /* One document: given as its .ann or its .txt. */
      g_autofree char *stem = g_str_has_suffix (path, ".ann") || g_str_has_suffix (path, ".txt")
                              ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
      root = g_path_get_dirname (path);
      g_ptr_array_add (anns, g_strconcat (stem, ".ann", NULL));
    }
  if (!cairn_text_import_init (&im, store, options, report, error))
    {
      cairn_text_import_clear (&im);
      return FALSE;
    }
  for (guint i = 0; ok && i < anns->len; i++)
    {
      const char *ann = anns->pdata[i];
      g_autofree char *stem = g_strndup (ann, strlen (ann) - 4);
      g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
      g_autofree char *dir = g_path_get_dirname (ann);
      g_autofree char *conf = find_conf (dir, root);
      const char *relative = stem + strlen (root);

      while (*relative == G_DIR_SEPARATOR)
        relative++;
      if (!g_file_test (ann, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO,
                       "%s: no such annotation file", ann);
          ok = FALSE;
          break;
        }
      if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO,
                       "%s: the text file %s is missing", ann, txt);
          ok = FALSE;
          break;
        }
      if (conf && !g_hash_table_contains (confs, conf))
        {
          ok = import_conf (&im, conf, error);
          g_hash_table_add (confs, g_steal_pointer (&conf));
        }
      ok = ok && import_pair (&im, ann, txt, relative, error)
           && cairn_format_step (options, (double) i / anns->len, NULL, error);
    }
  cairn_text_import_clear (&im);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}

/* Export */

typedef struct
{
  CairnTextExport  ex;
  GHashTable      *used_names;
  /* annotation.conf, per subset */
  GHashTable      *entity_types;    /* name → TRUE */
  GHashTable      *event_types;     /* name → GHashTable of roles */
  GHashTable      *relation_types;  /* name → TRUE ("equiv" when an equivalence) */
  GHashTable      *attribute_types; /* name → GHashTable of values (empty for binary) */
} BratExport;

typedef struct
{
  char      *id;          /* "T3" */
  char      *event_id;    /* "E1" when a trigger */
  GPtrArray *spans;       /* borrowed CairnAnnotation: the fragments */
} Entity;

static void
entity_free (Entity *e)
{
  g_free (e->id);
  g_free (e->event_id);
  g_ptr_array_unref (e->spans);
  g_free (e);
}

static const char *
string_attribute (const CairnAnnotation *a, const char *name)
{
  return cairn_json_string (a->attributes, name);
}

static gboolean
valid_id (const char *id, char kind)
{
  if (id == NULL || id[0] != kind || id[1] == '\0')
    return FALSE;
  for (const char *p = id + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Keeps an id the import recorded (so fragment_of and brat_event survive a round trip), else
 * takes the next free number. */
static char *
take_id (GHashTable *taken, char kind, const char *wanted, guint *next)
{
  char *id;

  if (valid_id (wanted, kind) && !g_hash_table_contains (taken, wanted))
    id = g_strdup (wanted);
  else
    {
      do
        {
          g_autofree char *candidate = g_strdup_printf ("%c%u", kind, ++*next);
          id = g_hash_table_contains (taken, candidate) ? NULL : g_steal_pointer (&candidate);
        }
      while (id == NULL);
    }
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

static void
set_add (GHashTable *set, const char *key)
{
  if (!g_hash_table_contains (set, key))
    g_hash_table_insert (set, g_strdup (key), g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                     g_free, NULL));
}

static void
set_add_member (GHashTable *set, const char *key, const char *member)
{
  set_add (set, key);
  if (member)
    g_hash_table_add (g_hash_table_lookup (set, key), g_strdup (member));
}

static void
clean_line_text (GString *out, const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_c (out, text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' '
                                                                                  : text[i]);
}

static const char *
target_id (GHashTable *by_span, gint64 span_id)
{
  Entity *e = g_hash_table_lookup (by_span, &span_id);

  if (e == NULL)
    return NULL;
  return e->event_id ? e->event_id : e->id;
}

/* A lines, # notes and N normalisations for one annotation. */
static void
write_modifiers (BratExport *bx, GString *ann, const CairnAnnotation *a, const char *target,
                 const char *type, guint *n_attr, guint *n_note, guint *n_norm)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  json_object_iter_init (&iter, a->attributes);
  while (json_object_iter_next (&iter, &member, &value))
    {
      g_autofree char *text = NULL;

      if (g_strv_contains (reserved, member) || g_str_has_prefix (member, ATTR_NOTE ":")
          || strpbrk (member, " \t\n\r") || !JSON_NODE_HOLDS_VALUE (value))
        continue;
      switch (json_node_get_value_type (value))
        {
        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (value))
            {
              g_string_append_printf (ann, "A%u\t%s %s\n", ++*n_attr, member, target);
              set_add_member (bx->attribute_types, member, NULL);
              g_hash_table_add (g_hash_table_lookup (bx->attribute_types, member),
                                g_strconcat ("\x01", type, NULL));
            }
          continue;
        case G_TYPE_STRING:
          text = g_strdup (json_node_get_string (value));
          break;
        case G_TYPE_INT64:
          text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
          break;
        default:
          continue;
        }
      /* brat values are single words: others cannot be written. */
      if (*text == '\0' || strpbrk (text, " \t\n\r"))
        continue;
      g_string_append_printf (ann, "A%u\t%s %s %s\n", ++*n_attr, member, target, text);
      set_add_member (bx->attribute_types, member, text);
      g_hash_table_add (g_hash_table_lookup (bx->attribute_types, member),
                        g_strconcat ("\x01", type, NULL));
    }
  json_object_iter_init (&iter, a->attributes);
  while (json_object_iter_next (&iter, &member, &value))
    {
      const char *note_type = g_str_equal (member, ATTR_NOTE) ? "AnnotatorNotes"
                              : g_str_has_prefix (member, ATTR_NOTE ":") ? member + 5 : NULL;
      g_auto(GStrv) notes = NULL;

      if (note_type == NULL || !JSON_NODE_HOLDS_VALUE (value)
          || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      notes = g_strsplit (json_node_get_string (value), "\n", -1);
      for (guint i = 0; notes[i]; i++)
        {
          g_string_append_printf (ann, "#%u\t%s %s\t", ++*n_note, note_type, target);
          clean_line_text (ann, notes[i], strlen (notes[i]));
          g_string_append_c (ann, '\n');
        }
    }
  {
    JsonNode *norms = json_object_get_member (a->attributes, ATTR_NORM);
    JsonArray *list = norms && JSON_NODE_HOLDS_ARRAY (norms) ? json_node_get_array (norms) : NULL;

    for (guint i = 0; list && i < json_array_get_length (list); i++)
      {
        JsonNode *node = json_array_get_element (list, i);
        JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *norm_type = cairn_json_string (o, "type");
        const char *ref = cairn_json_string (o, "ref");
        const char *text = cairn_json_string (o, "text");

        if (norm_type == NULL || ref == NULL)
          continue;
        g_string_append_printf (ann, "N%u\t%s %s %s\t", ++*n_norm, norm_type, target, ref);
        if (text)
          clean_line_text (ann, text, strlen (text));
        g_string_append_c (ann, '\n');
      }
  }
}

static gboolean
write_file (const char *path, const char *data, gsize length, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0 || !g_file_set_contents (path, data, length, &local))
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", path,
                   local ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static char *
document_name (BratExport *bx, const CairnItem *item)
{
  const char *wanted = cairn_json_string (item->meta, "brat");
  gboolean ok = wanted && *wanted && !g_path_is_absolute (wanted)
                && !g_hash_table_contains (bx->used_names, wanted);

  if (ok)
    {
      g_auto(GStrv) parts = g_strsplit (wanted, "/", -1);

      for (guint i = 0; parts[i]; i++)
        {
          g_autofree char *safe = cairn_format_safe_file_name (NULL, parts[i], "");

          ok = ok && g_str_equal (safe, parts[i]);
        }
    }
  if (!ok)
    {
      g_autofree char *fallback = g_strdup_printf ("item-%" G_GINT64_FORMAT, item->id);
      g_hash_table_add (bx->used_names, g_strdup (fallback));
      return g_steal_pointer (&fallback);
    }
  g_hash_table_add (bx->used_names, g_strdup (wanted));
  return g_strdup (wanted);
}

/* brat type names end at whitespace: "person, walking" is written person,_walking. */
static void
append_type (GString *out, const char *name)
{
  for (const char *c = name; *c; c++)
    g_string_append_c (out, g_ascii_isspace (*c) ? '_' : *c);
}

static gboolean
write_document (BratExport *bx, const char *dir, const CairnItem *item, GError **error)
{
  g_autoptr(GPtrArray) list = cairn_text_export_annotations (&bx->ex, item->id, error);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) entity_free);
  g_autoptr(GHashTable) by_group = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_span = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) ann = g_string_new (NULL);
  g_autofree char *name = NULL, *txt_path = NULL, *ann_path = NULL, *stem = NULL;
  const char *text = item->text ? item->text : "";
  CairnCharIndex index;
  guint next_t = 0, next_e = 0, next_r = 0, n_attr = 0, n_note = 0, n_norm = 0;

  if (list == NULL)
    return FALSE;
  cairn_char_index_init (&index, text, -1);
  /* Group fragments into entities; reserve the ids the import recorded. */
  for (guint i = 0; i < list->len; i++)
    {
      CairnAnnotation *a = list->pdata[i];
      const char *group = string_attribute (a, ATTR_FRAGMENT);
      const char *event = string_attribute (a, ATTR_EVENT);
      g_autofree char *key = NULL;
      Entity *e;
      double start, end;

      if (a->kind != CAIRN_KIND_SPAN)
        continue;
      start = g_array_index (a->coords, double, 0);
      end = g_array_index (a->coords, double, 1);
      if (end > index.n_chars || start >= end)
        {
          cairn_char_index_clear (&index);
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_MISMATCH,
                       "item %" G_GINT64_FORMAT ": span [%g, %g) is outside the text "
                       "(%" G_GSIZE_FORMAT " characters)", item->id, start, end, index.n_chars);
          return FALSE;
        }
      key = group ? g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", group, a->label_id,
                                     event ? event : "") : NULL;
      e = key ? g_hash_table_lookup (by_group, key) : NULL;
      if (e == NULL)
        {
          e = g_new0 (Entity, 1);
          e->spans = g_ptr_array_new ();
          g_ptr_array_add (entities, e);
          if (key)
            g_hash_table_insert (by_group, g_steal_pointer (&key), e);
          if (valid_id (group, 'T') && !g_hash_table_contains (taken, group))
            e->id = take_id (taken, 'T', group, &next_t);
          if (valid_id (event, 'E') && !g_hash_table_contains (taken, event))
            e->event_id = take_id (taken, 'E', event, &next_e);
          else if (event)
            e->event_id = g_strdup ("");
        }
      g_ptr_array_add (e->spans, a);
      g_hash_table_insert (by_span, &a->id, e);
    }
  for (guint i = 0; i < entities->len; i++)
    {
      Entity *e = entities->pdata[i];
      const CairnAnnotation *first = e->spans->pdata[0];
      const char *label = cairn_text_export_label_name (&bx->ex, first->label_id);
      g_autoptr(GString) joined = g_string_new (NULL);

      if (e->id == NULL)
        e->id = take_id (taken, 'T', NULL, &next_t);
      if (e->event_id && *e->event_id == '\0')
        {
          g_free (e->event_id);
          e->event_id = take_id (taken, 'E', NULL, &next_e);
        }
      g_string_append_printf (ann, "%s\t", e->id);
      append_type (ann, label ? label : "_");
      g_string_append_c (ann, ' ');
      for (guint k = 0; k < e->spans->len; k++)
        {
          const CairnAnnotation *a = e->spans->pdata[k];
          guint s = g_array_index (a->coords, double, 0), t = g_array_index (a->coords, double, 1);
          gsize bs = cairn_char_index_byte (&index, s), be = cairn_char_index_byte (&index, t);

          g_string_append_printf (ann, "%s%u %u", k ? ";" : "", s, t);
          if (k)
            g_string_append_c (joined, ' ');
          clean_line_text (joined, text + bs, be - bs);
        }
      g_string_append_printf (ann, "\t%s\n", joined->str);
      if (e->event_id)
        set_add (bx->event_types, label ? label : "_");
      else
        g_hash_table_add (bx->entity_types, g_strdup (label ? label : "_"));
    }
  /* Events, with their arguments. */
  for (guint i = 0; i < entities->len; i++)
    {
      Entity *e = entities->pdata[i];
      const CairnAnnotation *first = e->spans->pdata[0];
      const char *label = cairn_text_export_label_name (&bx->ex, first->label_id);

      if (e->event_id == NULL)
        continue;
      g_string_append_printf (ann, "%s\t", e->event_id);
      append_type (ann, label ? label : "_");
      g_string_append_printf (ann, ":%s", e->id);
      for (guint k = 0; k < list->len; k++)
        {
          const CairnAnnotation *r = list->pdata[k];
          const char *role, *to;

          if (r->kind != CAIRN_KIND_RELATION || string_attribute (r, ATTR_EVENT) == NULL
              || (gint64) g_array_index (r->coords, double, 0) != first->id)
            continue;
          role = cairn_text_export_label_name (&bx->ex, r->label_id);
          to = target_id (by_span, (gint64) g_array_index (r->coords, double, 1));
          if (role && to && !strpbrk (role, " \t:"))
            {
              g_string_append_printf (ann, " %s:%s", role, to);
              set_add_member (bx->event_types, label ? label : "_", role);
            }
        }
      g_string_append_c (ann, '\n');
    }
  /* Relations and equivalences. */
  for (guint k = 0; k < list->len; k++)
    {
      const CairnAnnotation *r = list->pdata[k];
      const char *label = cairn_text_export_label_name (&bx->ex, r->label_id);
      const char *from, *to, *roles;
      g_auto(GStrv) role_pair = NULL;

      if (r->kind != CAIRN_KIND_RELATION || string_attribute (r, ATTR_EVENT))
        continue;
      from = target_id (by_span, (gint64) g_array_index (r->coords, double, 0));
      to = target_id (by_span, (gint64) g_array_index (r->coords, double, 1));
      if (from == NULL || to == NULL || label == NULL || strpbrk (label, " \t"))
        continue;
      if (json_object_get_boolean_member_with_default (r->attributes, ATTR_EQUIV, FALSE))
        {
          g_string_append_printf (ann, "*\t%s %s %s\n", label, from, to);
          g_hash_table_insert (bx->relation_types, g_strdup (label), GINT_TO_POINTER (2));
          continue;
        }
      roles = string_attribute (r, ATTR_ROLES);
      role_pair = g_strsplit (roles ? roles : "Arg1 Arg2", " ", 2);
      if (g_strv_length (role_pair) != 2)
        {
          g_strfreev (role_pair);
          role_pair = g_strsplit ("Arg1 Arg2", " ", 2);
        }
      {
        g_autofree char *rid = g_strdup_printf ("R%u", ++next_r);

        g_string_append_printf (ann, "%s\t%s %s:%s %s:%s\n", rid, label, role_pair[0], from,
                                role_pair[1], to);
        if (!g_hash_table_contains (bx->relation_types, label))
          g_hash_table_insert (bx->relation_types, g_strdup (label), GINT_TO_POINTER (1));
        write_modifiers (bx, ann, r, rid, "<RELATION>", &n_attr, &n_note, &n_norm);
      }
    }
  /* Attributes, notes and normalisations of entities and events. */
  for (guint i = 0; i < entities->len; i++)
    {
      Entity *e = entities->pdata[i];

      write_modifiers (bx, ann, e->spans->pdata[0], e->event_id ? e->event_id : e->id,
                       e->event_id ? "<EVENT>" : "<ENTITY>", &n_attr, &n_note, &n_norm);
    }
  cairn_char_index_clear (&index);
  name = document_name (bx, item);
  stem = g_build_filename (dir, name, NULL);
  txt_path = g_strconcat (stem, ".txt", NULL);
  ann_path = g_strconcat (stem, ".ann", NULL);
  return write_file (txt_path, text, strlen (text), error)
         && write_file (ann_path, ann->str, ann->len, error);
}

static void
append_sorted_keys (GString *out, GHashTable *set, const char *separator)
{
  g_autofree gpointer *keys = NULL;
  guint n;

  keys = g_hash_table_get_keys_as_array (set, &n);
  qsort (keys, n, sizeof (gpointer), cairn_format_compare_strings);
  for (guint i = 0, written = 0; i < n; i++)
    {
      const char *key = keys[i];
      if (key[0] == '\x01')
        continue;
      g_string_append_printf (out, "%s%s", written++ ? separator : "", key);
    }
}

static void
append_entity_tree (BratExport *bx, GString *conf, gint64 parent, guint depth)
{
  for (guint i = 0; i < bx->ex.labels->len; i++)
    {
      CairnLabel *l = bx->ex.labels->pdata[i];
      CairnLabel *p = l->parent_id ? g_hash_table_lookup (bx->ex.label_by_id, &l->parent_id)
                                   : NULL;
      gint64 effective = p && g_hash_table_contains (bx->entity_types, p->name) ? p->id : 0;

      if (effective != parent || !g_hash_table_contains (bx->entity_types, l->name))
        continue;
      for (guint d = 0; d < depth; d++)
        g_string_append_c (conf, '\t');
      append_type (conf, l->name);
      g_string_append_c (conf, '\n');
      append_entity_tree (bx, conf, l->id, depth + 1);
    }
}

/* Attribute specs of the labels written (from an imported annotation.conf, say) list every
 * value, not only those used. */
static void
add_label_specs (BratExport *bx)
{
  for (guint i = 0; i < bx->ex.labels->len; i++)
    {
      CairnLabel *l = bx->ex.labels->pdata[i];
      const char *type = g_hash_table_contains (bx->entity_types, l->name) ? "<ENTITY>"
                         : g_hash_table_contains (bx->event_types, l->name) ? "<EVENT>"
                         : g_hash_table_contains (bx->relation_types, l->name) ? "<RELATION>"
                         : NULL;

      for (guint k = 0; type && k < json_array_get_length (l->attributes); k++)
        {
          JsonNode *node = json_array_get_element (l->attributes, k);
          JsonObject *spec = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *name = cairn_json_string (spec, "name");
          const char *kind = cairn_json_string (spec, "type");
          JsonNode *values = spec ? json_object_get_member (spec, "values") : NULL;

          if (name == NULL || strpbrk (name, " \t") || g_strv_contains (reserved, name)
              || (g_strcmp0 (kind, "bool") != 0 && g_strcmp0 (kind, "enum") != 0))
            continue;
          set_add (bx->attribute_types, name);
          g_hash_table_add (g_hash_table_lookup (bx->attribute_types, name),
                            g_strconcat ("\x01", type, NULL));
          for (guint v = 0; values && JSON_NODE_HOLDS_ARRAY (values)
                            && v < json_array_get_length (json_node_get_array (values)); v++)
            {
              JsonNode *e = json_array_get_element (json_node_get_array (values), v);
              const char *value = JSON_NODE_HOLDS_VALUE (e)
                                  && json_node_get_value_type (e) == G_TYPE_STRING
                                  ? json_node_get_string (e) : NULL;

              if (value && *value && !strpbrk (value, " \t|"))
                set_add_member (bx->attribute_types, name, value);
            }
        }
    }
}

static gboolean
write_conf (BratExport *bx, const char *dir, GError **error)
{
  g_autoptr(GString) conf = g_string_new ("[entities]\n");
  g_autofree char *path = g_build_filename (dir, "annotation.conf", NULL);
  g_autofree gpointer *keys = NULL;
  guint n;

  append_entity_tree (bx, conf, 0, 0);
  /* Types whose label the project does not list (none, normally). */
  g_string_append (conf, "\n[relations]\n");
  keys = g_hash_table_get_keys_as_array (bx->relation_types, &n);
  qsort (keys, n, sizeof (gpointer), cairn_format_compare_strings);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (conf, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>%s\n", (char *) keys[i],
                            GPOINTER_TO_INT (g_hash_table_lookup (bx->relation_types, keys[i]))
                            == 2 ? ", <REL-TYPE>:symmetric-transitive" : "");
  g_string_append (conf, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  g_clear_pointer (&keys, g_free);
  g_string_append (conf, "\n[events]\n");
  keys = g_hash_table_get_keys_as_array (bx->event_types, &n);
  qsort (keys, n, sizeof (gpointer), cairn_format_compare_strings);
  for (guint i = 0; i < n; i++)
    {
      GHashTable *roles = g_hash_table_lookup (bx->event_types, keys[i]);
      g_autofree gpointer *role_keys = NULL;
      guint n_roles;

      role_keys = g_hash_table_get_keys_as_array (roles, &n_roles);
      qsort (role_keys, n_roles, sizeof (gpointer), cairn_format_compare_strings);
      g_string_append_printf (conf, "%s\t", (char *) keys[i]);
      for (guint k = 0; k < n_roles; k++)
        g_string_append_printf (conf, "%s%s*:<ENTITY>|<EVENT>", k ? ", " : "",
                                (char *) role_keys[k]);
      g_string_append_c (conf, '\n');
    }
  g_clear_pointer (&keys, g_free);
  g_string_append (conf, "\n[attributes]\n");
  add_label_specs (bx);
  keys = g_hash_table_get_keys_as_array (bx->attribute_types, &n);
  qsort (keys, n, sizeof (gpointer), cairn_format_compare_strings);
  for (guint i = 0; i < n; i++)
    {
      GHashTable *values = g_hash_table_lookup (bx->attribute_types, keys[i]);
      g_autoptr(GString) args = g_string_new (NULL);
      gboolean has_values = FALSE;
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &value, NULL))
        {
          const char *v = value;
          if (v[0] == '\x01')
            g_string_append_printf (args, "%s%s", args->len ? "|" : "", v + 1);
          else
            has_values = TRUE;
        }
      g_string_append_printf (conf, "%s\tArg:%s", (char *) keys[i], args->str);
      if (has_values)
        {
          g_string_append (conf, ", Value:");
          append_sorted_keys (conf, values, "|");
        }
      g_string_append_c (conf, '\n');
    }
  g_string_append (conf, "\n");
  return write_file (path, conf->str, conf->len, error);
}

static void
reset_types (BratExport *bx)
{
  g_clear_pointer (&bx->entity_types, g_hash_table_unref);
  g_clear_pointer (&bx->event_types, g_hash_table_unref);
  g_clear_pointer (&bx->relation_types, g_hash_table_unref);
  g_clear_pointer (&bx->attribute_types, g_hash_table_unref);
  g_clear_pointer (&bx->used_names, g_hash_table_unref);
  bx->entity_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bx->event_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  bx->relation_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bx->attribute_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
  bx->used_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
write_subset (BratExport *bx, const char *out_dir, const char *split, GError **error)
{
  g_autoptr(GArray) ids = cairn_text_export_item_ids (&bx->ex, CAIRN_ITEM_TEXT, split, error);
  g_autofree char *dir = split ? g_build_filename (out_dir, split, NULL) : g_strdup (out_dir);

  if (ids == NULL)
    return FALSE;
  reset_types (bx);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CairnItem) item = cairn_store_get_item (bx->ex.store,
                                                        g_array_index (ids, gint64, i), error);

      if (item == NULL || !write_document (bx, dir, item, error)
          || !cairn_format_step (bx->ex.options, (double) i / ids->len, NULL, error))
        return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_IO, "%s: %s", dir,
                   g_strerror (errno));
      return FALSE;
    }
  return write_conf (bx, dir, error);
}

gboolean
cairn_format_brat_export (CairnStore               *store,
                          const char               *out_dir,
                          const CairnFormatOptions *options,
                          GError                  **error)
{
  BratExport bx = { 0 };
  const char *const *subsets;
  gboolean ok = cairn_text_export_init (&bx.ex, store, options, error);

  subsets = cairn_text_export_subsets (&bx.ex);
  for (guint i = 0; ok && (i == 0 || subsets[i]); i++)
    ok = write_subset (&bx, out_dir, subsets[i], error);
  g_clear_pointer (&bx.entity_types, g_hash_table_unref);
  g_clear_pointer (&bx.event_types, g_hash_table_unref);
  g_clear_pointer (&bx.relation_types, g_hash_table_unref);
  g_clear_pointer (&bx.attribute_types, g_hash_table_unref);
  g_clear_pointer (&bx.used_names, g_hash_table_unref);
  cairn_text_export_clear (&bx.ex);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
