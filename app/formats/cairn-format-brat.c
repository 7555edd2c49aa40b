#define G_LOG_DOMAIN "cairn-format-brat"

#include <glib/gstdio.h>

#include "cairn-brat-private.h"

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
