#define G_LOG_DOMAIN "cairn-guide"

#include "store/cairn-store-guide.h"
#include "cairn-guide-diff.h"
#include "cairn-guide-recheck.h"

typedef struct
{
  gint    version;
  GArray *targets;  /* gint64 pairs: item, annotation */
} Collect;

static CairnGuideDoc *
load_doc (CairnStore *store, gint version, GError **error)
{
  g_autofree char *body = NULL;

  if (version <= 0)
    return cairn_guide_doc_new ("");
  body = cairn_store_get_guideline (store, version, NULL, error);
  return body ? cairn_guide_doc_new (body) : NULL;
}

static char *
describe (const CairnGuideSection *old, const CairnGuideSection *now, gint before, gint after,
          const char *diff)
{
  const CairnGuideSection *s = now ? now : old;

  return g_strdup_printf ("guideline v%d → v%d, section “%s” (#%s) %s:\n%s", before, after,
                          s->title, s->anchor, now == NULL ? "removed" : old == NULL ? "added"
                                                                                 : "changed",
                          diff);
}

/* The label's section in both versions; the rule compares their text. */
static char *
label_diff (CairnStore *store, const CairnLabel *label, const CairnGuideDoc *old_doc,
            const CairnGuideDoc *new_doc, gint before, gint after)
{
  g_autofree char *anchor = cairn_store_dup_label_anchor (store, label->id);
  const CairnGuideSection *old = cairn_guide_doc_label_section (old_doc, label->name, anchor);
  const CairnGuideSection *now = cairn_guide_doc_label_section (new_doc, label->name, anchor);
  g_autofree char *old_text = old ? cairn_guide_doc_section_text (old_doc, old) : NULL;
  g_autofree char *new_text = now ? cairn_guide_doc_section_text (new_doc, now) : NULL;
  g_autofree char *diff = NULL;

  if (old == NULL && now == NULL)
    return NULL;
  diff = cairn_guide_diff_lines (old_text, new_text);
  return diff ? describe (old, now, before, after, diff) : NULL;
}

char *
cairn_guide_label_diff (CairnStore       *store,
                        const CairnLabel *label,
                        gint              before,
                        gint              after,
                        GError          **error)
{
  g_autoptr(CairnGuideDoc) old_doc = load_doc (store, before, error);
  g_autoptr(CairnGuideDoc) new_doc = old_doc ? load_doc (store, after, error) : NULL;

  if (new_doc == NULL)
    return NULL;
  return label_diff (store, label, old_doc, new_doc, before, after);
}

static gboolean
collect_cb (const CairnAnnotation *a, gpointer user_data)
{
  Collect *c = user_data;

  if (a->guideline_version < c->version)
    {
      g_array_append_val (c->targets, a->item_id);
      g_array_append_val (c->targets, a->id);
    }
  return TRUE;
}

static gboolean
flag_label (CairnStore *store, const CairnLabel *label, gint version, const char *detail,
            guint *flagged, GError **error)
{
  CairnAnnotationFilter filter = CAIRN_ANNOTATION_FILTER_ANY;
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  Collect c = { version, targets };

  filter.label_id = label->id;
  /* Collected first: no writes while the read statement walks the table. */
  if (!cairn_store_foreach_annotation (store, &filter, collect_cb, &c, error))
    return FALSE;
  for (guint i = 0; i + 1 < targets->len; i += 2)
    {
      if (cairn_store_add_flag (store, g_array_index (targets, gint64, i),
                                g_array_index (targets, gint64, i + 1), "recheck", detail,
                                error) == 0)
        return FALSE;
      (*flagged)++;
    }
  return TRUE;
}

static gboolean
apply_rule (CairnStore *store, const CairnGuideDoc *old_doc, const CairnGuideDoc *new_doc,
            gint before, gint after, CairnRecheckReport *report, GError **error)
{
  g_autoptr(GPtrArray) labels = cairn_store_list_labels (store, error);
  g_autoptr(GPtrArray) changes = cairn_guide_diff (old_doc, new_doc);

  if (labels == NULL)
    return FALSE;
  report->sections_changed = changes->len;
  for (guint i = 0; i < labels->len; i++)
    {
      const CairnLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *detail = label_diff (store, label, old_doc, new_doc, before, after);

      if (detail == NULL)
        continue;
      report->labels++;
      if (!flag_label (store, label, after, detail, &report->flagged, error))
        return FALSE;
    }
  return TRUE;
}

static char *
first_heading (const CairnGuideDoc *doc)
{
  for (guint i = 0; i < doc->sections->len; i++)
    {
      const CairnGuideSection *s = g_ptr_array_index (doc->sections, i);

      if (s->level > 0)
        return g_strdup (s->title);
    }
  return NULL;
}

gint
cairn_guide_publish (CairnStore         *store,
                     const char         *markdown,
                     const char         *title,
                     const char         *summary,
                     CairnRecheckReport *report,
                     GError            **error)
{
  CairnRecheckReport local = { 0 };
  g_autoptr(CairnGuideDoc) old_doc = NULL;
  g_autoptr(CairnGuideDoc) new_doc = NULL;
  g_autofree char *heading = NULL;
  gint before, after;

  g_return_val_if_fail (CAIRN_IS_STORE (store) && markdown != NULL, 0);
  if (report == NULL)
    report = &local;
  *report = local;
  if (!cairn_store_begin (store, error))
    return 0;
  before = cairn_store_get_guideline_version (store);
  new_doc = cairn_guide_doc_new (markdown);
  heading = title ? NULL : first_heading (new_doc);
  if ((old_doc = load_doc (store, before, error)) == NULL
      || (after = cairn_store_add_guideline_version (store, title ? title : heading, markdown,
                                                     summary, error)) == 0
      /* The first version changes nothing anyone labelled under a guideline. */
      || (before > 0 && !apply_rule (store, old_doc, new_doc, before, after, report, error)))
    {
      cairn_store_rollback (store);
      return 0;
    }
  report->version = after;
  return cairn_store_commit (store, error) ? after : 0;
}
