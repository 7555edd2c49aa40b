#define G_LOG_DOMAIN "cairn-item"

#include "cairn-item.h"
#include "cairn-json.h"

G_DEFINE_BOXED_TYPE (CairnItem, cairn_item, cairn_item_copy, cairn_item_free)

static const char *item_kinds[CAIRN_N_ITEM_KINDS] = { "image", "text", "audio" };
static const char *states[CAIRN_N_STATES] = {
  "new", "in-progress", "done", "review", "accepted", "rejected"
};

static gboolean
lookup (const char *const *names, guint n, const char *name, guint *out)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cairn_item_kind_to_string (CairnItemKind kind)
{
  g_return_val_if_fail (kind < CAIRN_N_ITEM_KINDS, NULL);
  return item_kinds[kind];
}

gboolean
cairn_item_kind_from_string (const char    *name,
                             CairnItemKind *kind)
{
  guint v;

  if (!lookup (item_kinds, CAIRN_N_ITEM_KINDS, name, &v))
    return FALSE;
  *kind = v;
  return TRUE;
}

const char *
cairn_item_state_to_string (CairnItemState state)
{
  g_return_val_if_fail (state < CAIRN_N_STATES, NULL);
  return states[state];
}

gboolean
cairn_item_state_from_string (const char     *name,
                              CairnItemState *state)
{
  guint v;

  if (!lookup (states, CAIRN_N_STATES, name, &v))
    return FALSE;
  *state = v;
  return TRUE;
}

CairnItem *
cairn_item_new (CairnItemKind kind)
{
  CairnItem *self = g_new0 (CairnItem, 1);

  self->kind = kind;
  self->meta = json_object_new ();
  return self;
}

CairnItem *
cairn_item_copy (const CairnItem *self)
{
  CairnItem *copy = g_memdup2 (self, sizeof *self);

  copy->uri = g_strdup (self->uri);
  copy->blob = self->blob ? g_bytes_ref (self->blob) : NULL;
  copy->sha256 = g_strdup (self->sha256);
  copy->text = g_strdup (self->text);
  copy->split = g_strdup (self->split);
  /* Its own meta: json_node_copy would only take a reference. */
  copy->meta = cairn_json_deep_copy_object (self->meta);
  return copy;
}

void
cairn_item_free (CairnItem *self)
{
  if (self == NULL)
    return;
  g_free (self->uri);
  g_clear_pointer (&self->blob, g_bytes_unref);
  g_free (self->sha256);
  g_free (self->text);
  g_free (self->split);
  json_object_unref (self->meta);
  g_free (self);
}

char *
cairn_item_dup_title (const CairnItem *self)
{
  if (self->uri)
    return g_path_get_basename (self->uri);
  if (self->text)
    {
      const char *nl = strchr (self->text, '\n');
      glong len = nl ? g_utf8_pointer_to_offset (self->text, nl) : g_utf8_strlen (self->text, -1);
      g_autofree char *line = g_utf8_substring (self->text, 0, MIN (len, 60));
      return len > 60 ? g_strconcat (line, "…", NULL) : g_steal_pointer (&line);
    }
  return g_strdup_printf ("#%" G_GINT64_FORMAT, self->id);
}

gboolean
cairn_item_ids_ascending (GArray *ids)
{
  for (guint i = 1; i < ids->len; i++)
    if (g_array_index (ids, gint64, i - 1) >= g_array_index (ids, gint64, i))
      return FALSE;
  return TRUE;
}
