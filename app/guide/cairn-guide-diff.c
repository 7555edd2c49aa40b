#define G_LOG_DOMAIN "cairn-guide"

#include <string.h>

#include "cairn-guide-diff.h"

#define MAX_PAIRS 4000000

void
cairn_section_change_free (CairnSectionChange *self)
{
  if (self == NULL)
    return;
  g_free (self->anchor);
  g_free (self->title);
  g_free (self->diff);
  g_free (self);
}

static GStrv
lines_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  guint n = g_strv_length (lines);

  if (n > 0 && lines[n - 1][0] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  return g_steal_pointer (&lines);
}

typedef struct
{
  char        op;    /* ' ', '-', '+' */
  const char *line;
} Step;

/* The longest common subsequence, walked from the start: a table of suffix lengths. */
static GArray *
script (GStrv a, guint n, GStrv b, guint m)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_autofree guint32 *len = NULL;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_PAIRS)
    {
      for (i = 0; i < n; i++)
        g_array_append_val (steps, ((Step) { '-', a[i] }));
      for (j = 0; j < m; j++)
        g_array_append_val (steps, ((Step) { '+', b[j] }));
      return steps;
    }
  len = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define L(x, y) len[(gsize) (x) * (m + 1) + (y)]
  for (gint x = (gint) n - 1; x >= 0; x--)
    for (gint y = (gint) m - 1; y >= 0; y--)
      L (x, y) = g_str_equal (a[x], b[y]) ? L (x + 1, y + 1) + 1 : MAX (L (x + 1, y), L (x, y + 1));
  while (i < n || j < m)
    {
      if (i < n && j < m && g_str_equal (a[i], b[j]))
        g_array_append_val (steps, ((Step) { ' ', a[i++] })), j++;
      else if (i < n && (j == m || L (i + 1, j) >= L (i, j + 1)))
        g_array_append_val (steps, ((Step) { '-', a[i++] }));
      else
        g_array_append_val (steps, ((Step) { '+', b[j++] }));
    }
#undef L
  return steps;
}

static gboolean
near_change (GArray *steps, guint k)
{
  for (guint d = (k > 0 ? k - 1 : 0); d <= k + 1 && d < steps->len; d++)
    if (g_array_index (steps, Step, d).op != ' ')
      return TRUE;
  return FALSE;
}

char *
cairn_guide_diff_lines (const char *before,
                        const char *after)
{
  g_auto(GStrv) a = NULL, b = NULL;
  g_autoptr(GArray) steps = NULL;
  GString *out;
  gboolean skipped = FALSE;

  if (g_strcmp0 (before ? before : "", after ? after : "") == 0)
    return NULL;
  a = lines_of (before);
  b = lines_of (after);
  steps = script (a, g_strv_length (a), b, g_strv_length (b));
  out = g_string_new (NULL);
  for (guint k = 0; k < steps->len; k++)
    {
      const Step *s = &g_array_index (steps, Step, k);

      if (!near_change (steps, k))
        {
          if (!skipped)
            g_string_append (out, "…\n");
          skipped = TRUE;
          continue;
        }
      skipped = FALSE;
      g_string_append_printf (out, "%c %s\n", s->op, s->line);
    }
  return g_string_free (out, FALSE);
}

static CairnSectionChange *
change_new (const CairnGuideSection *s, CairnSectionChangeKind kind, char *diff)
{
  CairnSectionChange *c = g_new0 (CairnSectionChange, 1);

  c->anchor = g_strdup (s->anchor);
  c->title = g_strdup (s->title);
  c->kind = kind;
  c->diff = diff;
  return c;
}

GPtrArray *
cairn_guide_diff (const CairnGuideDoc *before,
                  const CairnGuideDoc *after)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_section_change_free);

  for (guint i = 0; i < after->sections->len; i++)
    {
      const CairnGuideSection *s = g_ptr_array_index (after->sections, i);
      const CairnGuideSection *old = cairn_guide_doc_find (before, s->anchor);
      g_autofree char *new_text = cairn_guide_doc_section_own_text (after, s);
      g_autofree char *old_text = old ? cairn_guide_doc_section_own_text (before, old) : NULL;
      char *diff = cairn_guide_diff_lines (old_text, new_text);

      if (diff != NULL)
        g_ptr_array_add (changes, change_new (s, old ? CAIRN_SECTION_CHANGED
                                                     : CAIRN_SECTION_ADDED, diff));
    }
  for (guint i = 0; i < before->sections->len; i++)
    {
      const CairnGuideSection *s = g_ptr_array_index (before->sections, i);
      g_autofree char *old_text = NULL;

      if (cairn_guide_doc_find (after, s->anchor) != NULL)
        continue;
      old_text = cairn_guide_doc_section_own_text (before, s);
      g_ptr_array_add (changes, change_new (s, CAIRN_SECTION_REMOVED,
                                            cairn_guide_diff_lines (old_text, NULL)));
    }
  return changes;
}
