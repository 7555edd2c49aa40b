#define G_LOG_DOMAIN "cairn-format-brat"

#include <glib/gstdio.h>

#include "cairn-brat-private.h"

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
  gboolean ok = cairn_export_context_init (&bx.ex, store, options, error);

  subsets = cairn_text_export_subsets (&bx.ex);
  for (guint i = 0; ok && (i == 0 || subsets[i]); i++)
    ok = write_subset (&bx, out_dir, subsets[i], error);
  g_clear_pointer (&bx.entity_types, g_hash_table_unref);
  g_clear_pointer (&bx.event_types, g_hash_table_unref);
  g_clear_pointer (&bx.relation_types, g_hash_table_unref);
  g_clear_pointer (&bx.attribute_types, g_hash_table_unref);
  g_clear_pointer (&bx.used_names, g_hash_table_unref);
  cairn_export_context_clear (&bx.ex);
  return ok && cairn_format_step (options, 1.0, NULL, error);
}
