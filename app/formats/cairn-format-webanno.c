#define G_LOG_DOMAIN "cairn-format-webanno"

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

/* WebAnno TSV 3.x, as WebAnno and INCEpTION write it. One file is one document: its text is
 * rebuilt from the #Text= lines the way WebAnno does (a sentence starts at its first token's
 * offset; gaps become spaces; each #Text= line ends with "\n"). Offsets count UTF-16 units and
 * are mapped to code points.
 *
 * Span layers give spans labelled by the feature "value", else the first feature with a value,
 * else the layer's short name (also for Lemma, Stem and MorphologicalFeatures, whose values are
 * free text); the other features and "webanno_layer" are attributes. Relation layers give
 * relations between the base-type annotations; chain layers give a span per link and a relation
 * from each link to the next; slot features give relations labelled by the role. */

typedef enum { LAYER_SPAN, LAYER_RELATION, LAYER_CHAIN } LayerType;
typedef enum
{
  COLUMN_PRIMITIVE,
  COLUMN_PLACEHOLDER,
  COLUMN_SLOT_ROLE,
  COLUMN_SLOT_TARGET,
  COLUMN_RELATION_REF,
  COLUMN_CHAIN_TYPE,
  COLUMN_CHAIN_LINK,
} ColumnType;

typedef struct
{
  LayerType  type;
  char      *name;
  char      *short_name;
  guint      first_column;
  guint      n_columns;
  gboolean   free_text;  /* values are not a tagset: label by the layer's name */
} Layer;

typedef struct
{
  guint       layer;
  ColumnType  type;
  char       *feature;
  char       *target;   /* slot target type, relation base type */
} Column;

typedef struct
{
  char  *id;
  gint64 begin;   /* UTF-16 units, then code points */
  gint64 end;
  guint  line;
} Unit;

typedef struct
{
  guint       layer;
  gint64      begin;
  gint64      end;
  JsonObject *features;
  GPtrArray  *slots;      /* Slot */
  gint64      stored_id;  /* once added */
  guint       line;
  guint       chain;      /* chain layers: chain id and link index */
  guint       link;
  char       *link_label;
} SpanAnnotation;

typedef struct
{
  guint       layer;
  JsonObject *features;
  char       *source;      /* unit id */
  gint        source_disambiguation;
  char       *target;
  gint        target_disambiguation;
  guint       line;
} RelationAnnotation;

typedef struct
{
  char *role;
  char *target;
  gint  disambiguation;
  char *target_type;
  char *feature;
} Slot;

typedef struct
{
  CairnTextImport *im;
  CairnLineReader *reader;
  guint            minor;
  GPtrArray       *layers;       /* Layer */
  GPtrArray       *columns;      /* Column */
  GString         *text;
  gint64           text_units;   /* UTF-16 length of text */
  GString         *sentence;
  gint64           sentence_units;
  gboolean         in_header;    /* reading a sentence's # lines */
  gboolean         have_sentence;
  GPtrArray       *units;        /* Unit */
  GHashTable      *unit_by_id;   /* id → Unit */
  GPtrArray       *spans;        /* SpanAnnotation */
  GHashTable      *at_unit;      /* "layer\x1funit" → GPtrArray of SpanAnnotation, stack order */
  GHashTable      *by_disambiguation; /* int → SpanAnnotation */
  GHashTable      *chain_links;  /* "layer\x1fchain\x1flink" → SpanAnnotation */
  GPtrArray       *relations;    /* RelationAnnotation */
} Tsv;

static void
layer_free (Layer *l)
{
  g_free (l->name);
  g_free (l->short_name);
  g_free (l);
}

static void
column_free (Column *c)
{
  g_free (c->feature);
  g_free (c->target);
  g_free (c);
}

static void
unit_free (Unit *u)
{
  g_free (u->id);
  g_free (u);
}

static void
slot_free (Slot *s)
{
  g_free (s->role);
  g_free (s->target);
  g_free (s->target_type);
  g_free (s->feature);
  g_free (s);
}

static void
span_free (SpanAnnotation *s)
{
  json_object_unref (s->features);
  g_ptr_array_unref (s->slots);
  g_free (s->link_label);
  g_free (s);
}

static void
relation_free (RelationAnnotation *r)
{
  json_object_unref (r->features);
  g_free (r->source);
  g_free (r->target);
  g_free (r);
}

static gboolean
fail (Tsv *t, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Tsv *t, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s:%u: %s",
               cairn_line_reader_name (t->reader), cairn_line_reader_line (t->reader), what);
  return FALSE;
}

static gint64
utf16_length (const char *s)
{
  gint64 n = 0;

  for (; *s; s = g_utf8_next_char (s))
    n += g_utf8_get_char (s) > 0xFFFF ? 2 : 1;
  return n;
}

/* Escaping */

static char *
unescape_value (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p; p++)
    {
      if (p[0] == '\\' && p[1])
        {
          if (strchr ("\\[]|_;*", p[1]))
            {
              g_string_append_c (out, *++p);
              continue;
            }
          if (p[1] == 't' || p[1] == 'n')
            {
              g_string_append_c (out, p[1] == 't' ? '\t' : '\n');
              p++;
              continue;
            }
          if (p[1] == '-' && p[2] == '>')
            {
              g_string_append (out, "->");
              p += 2;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
unescape_text (const char *text, guint minor)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      const char *simple = "t\tn\nf\fr\rb\b\\\\";
      const char *hit;

      if (p[0] != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      hit = strchr (simple, p[1]);
      if (hit && (hit - simple) % 2 == 0)
        {
          g_string_append_c (out, hit[1]);
          p++;
        }
      else if ((guchar) p[1] < 32)
        g_string_append_c (out, *++p);
      /* 3.0 and 3.1 used Java escapes. */
      else if (minor <= 1 && (p[1] == '"' || p[1] == '\''))
        g_string_append_c (out, *++p);
      else if (minor <= 1 && p[1] == 'u' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
               && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]))
        {
          char hex[5] = { p[2], p[3], p[4], p[5], 0 };
          g_string_append_unichar (out, (gunichar) g_ascii_strtoull (hex, NULL, 16));
          p += 5;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Splits on sep where no backslash precedes it, as WebAnno does. */
static GPtrArray *
split_unescaped (const char *value, char sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = value;

  for (const char *p = value; ; p++)
    if (*p == '\0' || (*p == sep && (p == value || p[-1] != '\\')))
      {
        g_ptr_array_add (parts, g_strndup (start, p - start));
        if (*p == '\0')
          break;
        start = p + 1;
      }
  return parts;
}

/* "PER[3]" → "PER" and 3; "1-2[0_4]" → "1-2" and "0_4". */
static char *
split_suffix (const char *value, char **suffix)
{
  gsize len = strlen (value);
  const char *open;

  *suffix = NULL;
  if (len < 3 || value[len - 1] != ']' || value[len - 2] == '\\')
    return g_strdup (value);
  open = g_strrstr (value, "[");
  if (open == NULL || open + 1 == value + len - 1)
    return g_strdup (value);
  *suffix = g_strndup (open + 1, value + len - 1 - (open + 1));
  return g_strndup (value, open - value);
}

static gboolean
parse_int (const char *s, gint *value)
{
  char *end;
  gint64 v;

  if (s == NULL || !g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0' || v > G_MAXINT)
    return FALSE;
  *value = v;
  return TRUE;
}

/* Header */

static gboolean
parse_layer (Tsv *t, const char *line, GError **error)
{
  LayerType type = g_str_has_prefix (line, "#T_SP=") ? LAYER_SPAN
                   : g_str_has_prefix (line, "#T_RL=") ? LAYER_RELATION : LAYER_CHAIN;
  g_auto(GStrv) fields = g_strsplit (line + 6, "|", -1);
  Layer *layer;
  const char *dot;

  if (fields[0] == NULL || *fields[0] == '\0')
    return fail (t, error, "a layer needs a type name");
  layer = g_new0 (Layer, 1);
  layer->type = type;
  layer->name = g_strdup (fields[0]);
  dot = strrchr (fields[0], '.');
  layer->short_name = g_strdup (dot ? dot + 1 : fields[0]);
  layer->free_text = g_strv_contains ((const char *const[]) { "Lemma", "Stem",
                                                              "MorphologicalFeatures", NULL },
                                      layer->short_name);
  layer->first_column = t->columns->len;
  g_ptr_array_add (t->layers, layer);
  for (guint i = 1; fields[i]; i++)
    {
      Column *c = g_new0 (Column, 1);
      Column *prev = t->columns->len > layer->first_column
                     ? t->columns->pdata[t->columns->len - 1] : NULL;

      c->layer = t->layers->len - 1;
      if (type == LAYER_SPAN && g_str_has_prefix (fields[i], "ROLE_"))
        {
          /* ROLE_<type>:<feature>_<link type> */
          const char *colon = strchr (fields[i], ':');
          const char *under = colon ? strchr (colon, '_') : NULL;
          c->type = COLUMN_SLOT_ROLE;
          c->feature = colon ? g_strndup (colon + 1, under ? (gsize) (under - colon - 1)
                                                           : strlen (colon + 1))
                             : g_strdup (fields[i] + 5);
        }
      else if (type == LAYER_SPAN && prev && prev->type == COLUMN_SLOT_ROLE)
        {
          c->type = COLUMN_SLOT_TARGET;
          c->feature = g_strdup (prev->feature);
          c->target = g_strdup (fields[i]);
        }
      else if (type == LAYER_RELATION && g_str_has_prefix (fields[i], "BT_"))
        {
          c->type = COLUMN_RELATION_REF;
          c->target = g_strdup (fields[i] + 3);
        }
      else if (type == LAYER_CHAIN && g_str_equal (fields[i], "referenceType"))
        c->type = COLUMN_CHAIN_TYPE;
      else if (type == LAYER_CHAIN && g_str_equal (fields[i], "referenceRelation"))
        c->type = COLUMN_CHAIN_LINK;
      else
        {
          c->type = COLUMN_PRIMITIVE;
          c->feature = g_strdup (fields[i]);
        }
      g_ptr_array_add (t->columns, c);
    }
  if (t->columns->len == layer->first_column)
    {
      Column *c = g_new0 (Column, 1);
      c->layer = t->layers->len - 1;
      c->type = COLUMN_PLACEHOLDER;
      g_ptr_array_add (t->columns, c);
    }
  layer->n_columns = t->columns->len - layer->first_column;
  if (type == LAYER_RELATION
      && ((Column *) t->columns->pdata[t->columns->len - 1])->type != COLUMN_RELATION_REF)
    return fail (t, error, "relation layer %s has no BT_ column", layer->name);
  return TRUE;
}

/* Body */

static char *
unit_key (guint layer, const char *unit)
{
  return g_strdup_printf ("%u\x1f%s", layer, unit);
}

static GPtrArray *
annotations_at (Tsv *t, guint layer, const char *unit, gboolean create)
{
  g_autofree char *key = unit_key (layer, unit);
  GPtrArray *list = g_hash_table_lookup (t->at_unit, key);

  if (list == NULL && create)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (t->at_unit, g_steal_pointer (&key), list);
    }
  return list;
}

static SpanAnnotation *
span_new (Tsv *t, guint layer, const Unit *unit)
{
  SpanAnnotation *s = g_new0 (SpanAnnotation, 1);

  s->layer = layer;
  s->begin = unit->begin;
  s->end = unit->end;
  s->features = json_object_new ();
  s->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  s->line = unit->line;
  g_ptr_array_add (t->spans, s);
  return s;
}

static void
set_feature (JsonObject *features, const char *name, const char *raw)
{
  g_autofree char *value = NULL;

  if (name == NULL || g_str_equal (raw, "*") || g_str_equal (raw, "_"))
    return;
  value = unescape_value (raw);
  json_object_set_string_member (features, name, value);
}

static gboolean
parse_span_layer (Tsv *t, guint layer_index, const Unit *unit, char **fields, GError **error)
{
  Layer *layer = t->layers->pdata[layer_index];
  g_autoptr(GPtrArray) stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint depth = 0;

  for (guint k = 0; k < layer->n_columns; k++)
    {
      const char *raw = fields[layer->first_column + k];
      GPtrArray *values = g_str_equal (raw, "_") ? g_ptr_array_new () : split_unescaped (raw, '|');

      g_ptr_array_add (stacks, values);
      depth = MAX (depth, values->len);
    }
  for (guint i = 0; i < depth; i++)
    {
      SpanAnnotation *s = NULL;
      gint disambiguation = -1;

      for (guint k = 0; k < layer->n_columns && disambiguation < 0; k++)
        {
          GPtrArray *values = stacks->pdata[k];
          Column *c = t->columns->pdata[layer->first_column + k];
          g_autofree char *suffix = NULL;
          g_autofree char *bare = NULL;

          if (i >= values->len || c->type == COLUMN_SLOT_TARGET)
            continue;
          bare = split_suffix (values->pdata[i], &suffix);
          if (suffix && !parse_int (suffix, &disambiguation))
            return fail (t, error, "“%s”: expected a number in brackets",
                         (char *) values->pdata[i]);
        }
      if (disambiguation >= 0)
        s = g_hash_table_lookup (t->by_disambiguation, GINT_TO_POINTER (disambiguation));
      if (s && s->layer == layer_index)
        s->end = MAX (s->end, unit->end);
      else
        {
          s = span_new (t, layer_index, unit);
          if (disambiguation >= 0)
            g_hash_table_insert (t->by_disambiguation, GINT_TO_POINTER (disambiguation), s);
        }
      g_ptr_array_add (annotations_at (t, layer_index, unit->id, TRUE), s);
      for (guint k = 0; k < layer->n_columns; k++)
        {
          GPtrArray *values = stacks->pdata[k];
          Column *c = t->columns->pdata[layer->first_column + k];
          g_autofree char *suffix = NULL;
          g_autofree char *bare = NULL;

          if (i >= values->len)
            continue;
          if (c->type == COLUMN_PRIMITIVE)
            {
              bare = split_suffix (values->pdata[i], &suffix);
              set_feature (s->features, c->feature, bare);
            }
          else if (c->type == COLUMN_SLOT_ROLE && s->slots->len == 0)
            {
              /* The header puts each role column right before its target column. */
              GPtrArray *targets = k + 1 < layer->n_columns ? stacks->pdata[k + 1] : NULL;
              Column *tc = targets ? t->columns->pdata[layer->first_column + k + 1] : NULL;
              g_autoptr(GPtrArray) roles = split_unescaped (values->pdata[i], ';');
              g_autoptr(GPtrArray) refs = tc && tc->type == COLUMN_SLOT_TARGET
                                          && i < targets->len
                                          ? split_unescaped (targets->pdata[i], ';') : NULL;

              if (g_str_equal (values->pdata[i], "*") || refs == NULL)
                continue;
              if (refs->len != roles->len)
                return fail (t, error, "%u slot roles but %u targets", roles->len, refs->len);
              for (guint r = 0; r < roles->len; r++)
                {
                  Slot *slot = g_new0 (Slot, 1);
                  g_autofree char *target_suffix = NULL;

                  if (!g_str_equal (roles->pdata[r], "*"))
                    slot->role = unescape_value (roles->pdata[r]);
                  slot->target = split_suffix (refs->pdata[r], &target_suffix);
                  slot->disambiguation = -1;
                  if (target_suffix && !parse_int (target_suffix, &slot->disambiguation))
                    {
                      slot_free (slot);
                      return fail (t, error, "“%s”: expected a number in brackets",
                                   (char *) refs->pdata[r]);
                    }
                  slot->target_type = g_strdup (tc->target);
                  slot->feature = g_strdup (c->feature);
                  g_ptr_array_add (s->slots, slot);
                }
            }
        }
    }
  return TRUE;
}

static gboolean
parse_relation_layer (Tsv *t, guint layer_index, const Unit *unit, char **fields, GError **error)
{
  Layer *layer = t->layers->pdata[layer_index];
  const char *ref_raw = fields[layer->first_column + layer->n_columns - 1];
  g_autoptr(GPtrArray) refs = NULL;

  if (g_str_equal (ref_raw, "_"))
    return TRUE;
  refs = split_unescaped (ref_raw, '|');
  for (guint i = 0; i < refs->len; i++)
    {
      RelationAnnotation *r = g_new0 (RelationAnnotation, 1);
      g_autofree char *suffix = NULL;

      r->layer = layer_index;
      r->features = json_object_new ();
      r->line = unit->line;
      r->target = g_strdup (unit->id);
      r->source = split_suffix (refs->pdata[i], &suffix);
      r->source_disambiguation = r->target_disambiguation = -1;
      g_ptr_array_add (t->relations, r);
      if (suffix)
        {
          g_auto(GStrv) ids = g_strsplit (suffix, "_", 2);

          if (g_strv_length (ids) != 2 || !parse_int (ids[0], &r->source_disambiguation)
              || !parse_int (ids[1], &r->target_disambiguation))
            return fail (t, error, "“%s”: expected [SOURCE_TARGET] disambiguation ids",
                         (char *) refs->pdata[i]);
        }
      for (guint k = 0; k + 1 < layer->n_columns; k++)
        {
          Column *c = t->columns->pdata[layer->first_column + k];
          g_autoptr(GPtrArray) values = split_unescaped (fields[layer->first_column + k], '|');

          if (c->type == COLUMN_PRIMITIVE && i < values->len)
            set_feature (r->features, c->feature, values->pdata[i]);
        }
    }
  return TRUE;
}

/* referenceType "pr[1]" and referenceRelation "coref->1-2": a link of chain 1 at index 2. */
static gboolean
parse_chain_layer (Tsv *t, guint layer_index, const Unit *unit, char **fields, GError **error)
{
  Layer *layer = t->layers->pdata[layer_index];
  g_autoptr(GPtrArray) types = NULL, links = NULL;
  gint type_column = -1, link_column = -1;

  for (guint k = 0; k < layer->n_columns; k++)
    {
      Column *c = t->columns->pdata[layer->first_column + k];
      if (c->type == COLUMN_CHAIN_TYPE)
        type_column = layer->first_column + k;
      else if (c->type == COLUMN_CHAIN_LINK)
        link_column = layer->first_column + k;
    }
  if (type_column < 0 || link_column < 0 || g_str_equal (fields[link_column], "_"))
    return TRUE;
  types = split_unescaped (fields[type_column], '|');
  links = split_unescaped (fields[link_column], '|');
  for (guint i = 0; i < links->len; i++)
    {
      const char *raw = links->pdata[i];
      const char *arrow = g_strrstr (raw, "->");
      g_auto(GStrv) ids = NULL;
      g_autofree char *key = NULL;
      gint chain, link;
      SpanAnnotation *s;

      if (arrow == NULL || (arrow > raw && arrow[-1] == '\\'))
        return fail (t, error, "chain link “%s”: expected RELATION->CHAIN-LINK", raw);
      ids = g_strsplit (arrow + 2, "-", 2);
      if (g_strv_length (ids) != 2 || !parse_int (ids[0], &chain) || !parse_int (ids[1], &link))
        return fail (t, error, "chain link “%s”: expected RELATION->CHAIN-LINK", raw);
      key = g_strdup_printf ("%u\x1f%d\x1f%d", layer_index, chain, link);
      s = g_hash_table_lookup (t->chain_links, key);
      if (s)
        s->end = MAX (s->end, unit->end);
      else
        {
          g_autofree char *relation = g_strndup (raw, arrow - raw);
          g_autofree char *suffix = NULL;
          g_autofree char *type = i < types->len ? split_suffix (types->pdata[i], &suffix) : NULL;

          s = span_new (t, layer_index, unit);
          s->chain = chain;
          s->link = link;
          if (type)
            set_feature (s->features, "referenceType", type);
          if (!g_str_equal (relation, "*"))
            s->link_label = unescape_value (relation);
          g_hash_table_insert (t->chain_links, g_steal_pointer (&key), s);
        }
    }
  return TRUE;
}

static gboolean
start_sentence (Tsv *t, gint64 begin, GError **error)
{
  /* A sentence starting right after the previous one takes back that one's line break. */
  if (t->text_units > begin)
    {
      if (t->text_units != begin + 1 || t->text->len == 0
          || t->text->str[t->text->len - 1] != '\n')
        return fail (t, error, "the sentence starts at %" G_GINT64_FORMAT ", inside the text "
                     "before it", begin);
      g_string_truncate (t->text, t->text->len - 1);
      t->text_units--;
    }
  while (t->text_units < begin)
    {
      g_string_append_c (t->text, ' ');
      t->text_units++;
    }
  g_string_append_len (t->text, t->sentence->str, t->sentence->len);
  t->text_units += t->sentence_units;
  g_string_truncate (t->sentence, 0);
  t->sentence_units = 0;
  return TRUE;
}

static gboolean
parse_token_line (Tsv *t, char *line, GError **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint n = g_strv_length (fields);
  g_auto(GStrv) offsets = NULL;
  gint begin, end;
  Unit *unit;

  if (n < 3 + t->columns->len)
    return fail (t, error, "%u fields, expected %u (id, offsets, token and %u columns)", n,
                 3 + t->columns->len, t->columns->len);
  offsets = g_strsplit (fields[1], "-", 2);
  if (g_strv_length (offsets) != 2 || !parse_int (offsets[0], &begin)
      || !parse_int (offsets[1], &end) || end < begin)
    return fail (t, error, "“%s” is not BEGIN-END offsets", fields[1]);
  if (g_hash_table_contains (t->unit_by_id, fields[0]))
    return fail (t, error, "token %s appears twice", fields[0]);
  if (t->in_header)
    {
      if (strchr (fields[0], '.'))
        return fail (t, error, "a sentence starts with a sub-token");
      if (!start_sentence (t, begin, error))
        return FALSE;
      t->in_header = FALSE;
    }
  if (end > t->text_units)
    return fail (t, error, "token %s [%d, %d) ends past the text of its sentence", fields[0],
                 begin, end);
  unit = g_new0 (Unit, 1);
  unit->id = g_strdup (fields[0]);
  unit->begin = begin;
  unit->end = end;
  unit->line = cairn_line_reader_line (t->reader);
  g_ptr_array_add (t->units, unit);
  g_hash_table_insert (t->unit_by_id, unit->id, unit);
  /* The token form is checked against the text once offsets are code points. */
  g_ptr_array_add (t->units, g_strdup (fields[2]));
  for (guint l = 0; l < t->layers->len; l++)
    {
      Layer *layer = t->layers->pdata[l];
      gboolean ok = layer->type == LAYER_SPAN ? parse_span_layer (t, l, unit, fields + 3, error)
                    : layer->type == LAYER_RELATION
                    ? parse_relation_layer (t, l, unit, fields + 3, error)
                    : parse_chain_layer (t, l, unit, fields + 3, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_body_line (Tsv *t, char *line, GError **error)
{
  if (*line == '\0')
    {
      if (t->in_header && t->have_sentence)
        return fail (t, error, "a sentence header without tokens");
      t->have_sentence = FALSE;
      return TRUE;
    }
  if (*line == '#')
    {
      if (!t->in_header && t->have_sentence)
        return fail (t, error, "a sentence header line among tokens (a blank line must come "
                     "between sentences)");
      t->in_header = TRUE;
      t->have_sentence = TRUE;
      if (g_str_has_prefix (line, "#Text="))
        {
          g_autofree char *fragment = unescape_text (line + 6, t->minor);

          g_string_append (t->sentence, fragment);
          g_string_append_c (t->sentence, '\n');
          t->sentence_units += utf16_length (fragment) + 1;
        }
      return TRUE;
    }
  if (!t->have_sentence)
    return fail (t, error, "a token line outside a sentence (no #Text= line before it)");
  return parse_token_line (t, line, error);
}

static gboolean
parse_header (Tsv *t, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *first = cairn_line_reader_next (t->reader, NULL, &local);
  const char *version;
  char *line;

  if (first == NULL)
    {
      if (local)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: empty file",
                     cairn_line_reader_name (t->reader));
      return FALSE;
    }
  if (!g_str_has_prefix (first, "#FORMAT=WebAnno TSV 3"))
    return fail (t, error, "not a WebAnno TSV 3 file (expected “#FORMAT=WebAnno TSV 3.x”)");
  version = first + strlen ("#FORMAT=WebAnno TSV 3");
  t->minor = *version == '.' ? (guint) g_ascii_strtoull (version + 1, NULL, 10) : 0;
  while ((line = cairn_line_reader_next (t->reader, NULL, &local)))
    {
      G_GNUC_UNUSED g_autofree char *owned = line;

      if (*line == '\0')
        return TRUE;
      if (g_str_has_prefix (line, "#T_SP=") || g_str_has_prefix (line, "#T_RL=")
          || g_str_has_prefix (line, "#T_CH="))
        {
          if (!parse_layer (t, line, error))
            return FALSE;
        }
      else
        return fail (t, error, "expected a #T_SP=, #T_CH= or #T_RL= layer or a blank line");
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Offsets to code points, and token forms against the text. */
static gboolean
map_offsets (Tsv *t, CairnCharIndex *index, GError **error)
{
  g_autofree gint64 *cp_at = g_new (gint64, t->text_units + 1);
  const char *p = t->text->str;
  gint64 unit = 0, cp = 0;

  for (gint64 i = 0; i <= t->text_units; i++)
    cp_at[i] = -1;
  for (; *p; p = g_utf8_next_char (p), cp++)
    {
      cp_at[unit] = cp;
      unit += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
    }
  cp_at[unit] = cp;
  for (guint i = 0; i < t->units->len; i += 2)
    {
      Unit *u = t->units->pdata[i];
      const char *form = t->units->pdata[i + 1];
      g_autofree char *actual = NULL, *plain = NULL;

      if (cp_at[u->begin] < 0 || cp_at[u->end] < 0)
        return fail (t, error, "line %u: token %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                     ") splits a character", u->line, u->id, u->begin, u->end);
      u->begin = cp_at[u->begin];
      u->end = cp_at[u->end];
      actual = cairn_char_index_dup (index, u->begin, u->end);
      plain = unescape_value (form);
      if (!g_str_equal (actual, form) && !g_str_equal (actual, plain))
        {
          g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_MISMATCH,
                       "%s:%u: token %s “%s” does not match the text at its offsets: “%s”",
                       cairn_line_reader_name (t->reader), u->line, u->id, form, actual);
          return FALSE;
        }
    }
  for (guint i = 0; i < t->spans->len; i++)
    {
      SpanAnnotation *s = t->spans->pdata[i];
      s->begin = cp_at[s->begin];
      s->end = cp_at[s->end];
    }
  return TRUE;
}

static const char *
span_label (Tsv *t, SpanAnnotation *s, const char **used_feature)
{
  Layer *layer = t->layers->pdata[s->layer];
  const char *value = cairn_json_string (s->features, "value");
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  *used_feature = NULL;
  if (layer->type == LAYER_CHAIN)
    value = cairn_json_string (s->features, "referenceType");
  if (layer->free_text)
    return layer->short_name;
  if (value)
    {
      *used_feature = layer->type == LAYER_CHAIN ? "referenceType" : "value";
      return value;
    }
  json_object_iter_init (&iter, s->features);
  while (json_object_iter_next (&iter, &member, &node))
    if (*json_node_get_string (node))
      {
        *used_feature = member;
        return json_node_get_string (node);
      }
  return layer->short_name;
}

static void
fill_attributes (CairnAnnotation *a, Layer *layer, JsonObject *features, const char *used)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_set_string_member (a->attributes, "webanno_layer", layer->name);
  json_object_iter_init (&iter, features);
  while (json_object_iter_next (&iter, &member, &node))
    if (g_strcmp0 (member, used) != 0)
      json_object_set_member (a->attributes, member, json_node_copy (node));
}

static gboolean
add_span (Tsv *t, SpanAnnotation *s, GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SPAN);
  Layer *layer = t->layers->pdata[s->layer];
  const char *used;
  const char *label = span_label (t, s, &used);
  double coords[2] = { s->begin, s->end };

  if (s->begin >= s->end)
    {
      cairn_import_report_warn (t->im->report, "%s:%u: empty %s annotation (skipped)",
                                cairn_line_reader_name (t->reader), s->line, layer->short_name);
      return TRUE;
    }
  cairn_annotation_set_coords (a, coords, 2);
  a->label_id = cairn_text_import_label (t->im, label, error);
  if (a->label_id == 0)
    return FALSE;
  fill_attributes (a, layer, s->features, used);
  if (layer->type == LAYER_CHAIN)
    json_object_set_int_member (a->attributes, "chain", s->chain);
  if (!cairn_text_import_add (t->im, a, error))
    return FALSE;
  s->stored_id = a->id;
  return TRUE;
}

static gboolean
add_relation (Tsv *t, gint64 from, gint64 to, const char *label, JsonObject *attributes,
              GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_RELATION);
  double coords[2] = { from, to };

  cairn_annotation_set_coords (a, coords, 2);
  a->label_id = cairn_text_import_label (t->im, label, error);
  if (a->label_id == 0)
    return FALSE;
  if (attributes)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &member, &node))
        json_object_set_member (a->attributes, member, json_node_copy (node));
    }
  return cairn_text_import_add (t->im, a, error);
}

/* The annotation of layer type_name at unit (a disambiguation id picks among stacked ones). */
static SpanAnnotation *
resolve (Tsv *t, const char *type_name, const char *unit, gint disambiguation)
{
  if (disambiguation > 0)
    return g_hash_table_lookup (t->by_disambiguation, GINT_TO_POINTER (disambiguation));
  for (guint l = 0; l < t->layers->len; l++)
    {
      Layer *layer = t->layers->pdata[l];
      GPtrArray *list;

      if (layer->type != LAYER_SPAN
          || (type_name && !g_str_equal (type_name, "uima.tcas.Annotation")
              && !g_str_equal (layer->name, type_name)))
        continue;
      list = annotations_at (t, l, unit, FALSE);
      if (list && list->len)
        return list->pdata[0];
    }
  return NULL;
}

static gboolean
add_relations (Tsv *t, GError **error)
{
  for (guint i = 0; i < t->relations->len; i++)
    {
      RelationAnnotation *r = t->relations->pdata[i];
      Layer *layer = t->layers->pdata[r->layer];
      Column *ref = t->columns->pdata[layer->first_column + layer->n_columns - 1];
      SpanAnnotation *from = resolve (t, ref->target, r->source, r->source_disambiguation);
      SpanAnnotation *to = resolve (t, ref->target, r->target, r->target_disambiguation);
      g_autoptr(JsonObject) attributes = json_object_new ();
      SpanAnnotation fake = { .layer = r->layer, .features = r->features };
      const char *used, *label;

      if (from == NULL || to == NULL || from->stored_id == 0 || to->stored_id == 0)
        {
          cairn_import_report_warn (t->im->report, "%s:%u: %s relation from %s: no %s annotation "
                                    "at %s (skipped)", cairn_line_reader_name (t->reader),
                                    r->line, layer->short_name, r->source, ref->target,
                                    from ? r->target : r->source);
          continue;
        }
      label = span_label (t, &fake, &used);
      json_object_set_string_member (attributes, "webanno_layer", layer->name);
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *node;

        json_object_iter_init (&iter, r->features);
        while (json_object_iter_next (&iter, &member, &node))
          if (g_strcmp0 (member, used) != 0)
            json_object_set_member (attributes, member, json_node_copy (node));
      }
      if (!add_relation (t, from->stored_id, to->stored_id, label, attributes, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_links (gconstpointer pa, gconstpointer pb)
{
  const SpanAnnotation *a = *(SpanAnnotation *const *) pa, *b = *(SpanAnnotation *const *) pb;

  if (a->layer != b->layer)
    return a->layer < b->layer ? -1 : 1;
  if (a->chain != b->chain)
    return a->chain < b->chain ? -1 : 1;
  return a->link < b->link ? -1 : a->link > b->link;
}

static gboolean
add_chains_and_slots (Tsv *t, GError **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new ();

  for (guint i = 0; i < t->spans->len; i++)
    {
      SpanAnnotation *s = t->spans->pdata[i];
      Layer *layer = t->layers->pdata[s->layer];

      if (layer->type == LAYER_CHAIN && s->stored_id)
        g_ptr_array_add (links, s);
      for (guint k = 0; k < s->slots->len && s->stored_id; k++)
        {
          Slot *slot = s->slots->pdata[k];
          SpanAnnotation *target = resolve (t, slot->target_type, slot->target,
                                            slot->disambiguation);
          g_autoptr(JsonObject) attributes = json_object_new ();

          if (target == NULL || target->stored_id == 0)
            {
              cairn_import_report_warn (t->im->report, "%s:%u: slot %s: no annotation at %s "
                                        "(skipped)", cairn_line_reader_name (t->reader), s->line,
                                        slot->feature, slot->target);
              continue;
            }
          json_object_set_string_member (attributes, "webanno_layer", layer->name);
          json_object_set_string_member (attributes, "webanno_slot", slot->feature);
          if (!add_relation (t, s->stored_id, target->stored_id,
                             slot->role ? slot->role : slot->feature, attributes, error))
            return FALSE;
        }
    }
  g_ptr_array_sort (links, compare_links);
  for (guint i = 0; i + 1 < links->len; i++)
    {
      SpanAnnotation *a = links->pdata[i], *b = links->pdata[i + 1];
      Layer *layer = t->layers->pdata[a->layer];
      g_autoptr(JsonObject) attributes = json_object_new ();

      if (a->layer != b->layer || a->chain != b->chain)
        continue;
      json_object_set_string_member (attributes, "webanno_layer", layer->name);
      json_object_set_int_member (attributes, "chain", a->chain);
      if (!add_relation (t, a->stored_id, b->stored_id,
                         a->link_label ? a->link_label : layer->short_name, attributes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_document (Tsv *t, GError **error)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  CairnCharIndex index;
  gboolean ok;

  if (t->text->len == 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE, "%s: no sentences",
                   cairn_line_reader_name (t->reader));
      return FALSE;
    }
  cairn_char_index_init (&index, t->text->str, t->text->len);
  ok = map_offsets (t, &index, error);
  cairn_char_index_clear (&index);
  if (!ok)
    return FALSE;
  json_object_set_string_member (meta, "source", cairn_line_reader_name (t->reader));
  if (cairn_text_import_text_item (t->im, t->text->str, meta, error) == 0)
    return FALSE;
  for (guint i = 0; i < t->spans->len; i++)
    if (!add_span (t, t->spans->pdata[i], error))
      return FALSE;
  return add_relations (t, error) && add_chains_and_slots (t, error);
}

static gboolean
import_file (Tsv *t, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *line;

  if (!parse_header (t, error))
    return FALSE;
  while ((line = cairn_line_reader_next (t->reader, NULL, &local)))
    {
      G_GNUC_UNUSED g_autofree char *owned = line;

      if (!parse_body_line (t, line, error))
        return FALSE;
    }
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (t->in_header)
    return fail (t, error, "a sentence header without tokens at the end");
  return import_document (t, error);
}

static void
tsv_clear (Tsv *t)
{
  g_clear_pointer (&t->reader, cairn_line_reader_free);
  g_ptr_array_unref (t->layers);
  g_ptr_array_unref (t->columns);
  g_string_free (t->text, TRUE);
  g_string_free (t->sentence, TRUE);
  g_hash_table_unref (t->unit_by_id);
  g_ptr_array_unref (t->units);
  g_hash_table_unref (t->at_unit);
  g_hash_table_unref (t->by_disambiguation);
  g_hash_table_unref (t->chain_links);
  g_ptr_array_unref (t->spans);
  g_ptr_array_unref (t->relations);
}

static void
tsv_init (Tsv *t)
{
  t->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);
  t->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  t->text = g_string_new (NULL);
  t->sentence = g_string_new (NULL);
  /* Units alternate with their token forms: Unit, char *, Unit, char *... */
  t->units = g_ptr_array_new ();
  t->unit_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  t->at_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  t->by_disambiguation = g_hash_table_new (NULL, NULL);
  t->chain_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  t->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);
}

static void
free_units (Tsv *t)
{
  for (guint i = 0; i < t->units->len; i += 2)
    {
      unit_free (t->units->pdata[i]);
      g_free (t->units->pdata[i + 1]);
    }
  g_ptr_array_set_size (t->units, 0);
}

static gboolean
import_one (CairnTextImport *im, const char *path, GError **error)
{
  Tsv t = { 0 };
  gboolean ok;

  t.reader = cairn_line_reader_open (path, error);
  if (t.reader == NULL)
    return FALSE;
  tsv_init (&t);
  t.im = im;
  ok = import_file (&t, error);
  g_hash_table_remove_all (t.unit_by_id);
  free_units (&t);
  tsv_clear (&t);
  return ok;
}

gboolean
cairn_format_webanno_import (CairnStore               *store,
                             const char               *path,
                             const CairnFormatOptions *options,
                             CairnImportReport        *report,
                             GError                  **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  CairnTextImport im;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_unref (files);
      files = cairn_format_find_files (path, (const char *const[]) { ".tsv", NULL }, report);
    }
  else
    g_ptr_array_add (files, g_strdup (path));
  if (files->len == 0)
    {
      g_set_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_PARSE,
                   "%s: no .tsv files in this folder", path);
      return FALSE;
    }
  ok = cairn_text_import_init (&im, store, options, report, error);
  for (guint i = 0; ok && i < files->len; i++)
    ok = import_one (&im, files->pdata[i], error)
         && cairn_format_step (options, (double) (i + 1) / files->len, NULL, error);
  cairn_text_import_clear (&im);
  return ok;
}
