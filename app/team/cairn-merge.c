#define G_LOG_DOMAIN "cairn-team"

#include <glib/gi18n-lib.h>

#include "cairn-merge.h"

/* What package_base says of an annotation the package deleted (as merged). */
#define DELETED "-"

typedef struct
{
  gint64  item_id;
  gint64  annotation_id;  /* a row here, or 0 with change >= 0 */
  gint    change;         /* the edit's change that made the annotation, or -1 */
  char   *detail;
} PendingFlag;

typedef struct
{
  CairnStore       *central;
  CairnStore       *package;
  CairnEditStack   *stack;
  char             *instance;      /* the package's */
  gint64            package_annotator;  /* whose package, as this project knows them */
  GHashTable       *central_base;  /* uid → digest, as last merged */
  GHashTable       *package_base;  /* uid → digest, as packaged */
  GHashTable       *new_base;      /* uid → digest, written at the end */
  GHashTable       *labels;        /* package label id → project label id */
  GHashTable       *annotators;    /* package annotator id → project annotator id */
  GHashTable       *live;          /* uids live in the package */
  GHashTable       *items;         /* gint64 *: the items the package held, here too */
  GArray           *flags;         /* PendingFlag */
  CairnEdit        *edit;          /* the pass being built */
  CairnMergeReport *report;
} Merge;

static void
pending_flag_clear (gpointer data)
{
  g_free (((PendingFlag *) data)->detail);
}

void
cairn_merge_report_free (CairnMergeReport *self)
{
  if (self == NULL)
    return;
  g_free (self->annotator);
  g_free (self->path);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

static void
merge_clear (Merge *m)
{
  g_clear_object (&m->package);
  g_free (m->instance);
  g_clear_pointer (&m->central_base, g_hash_table_unref);
  g_clear_pointer (&m->package_base, g_hash_table_unref);
  g_clear_pointer (&m->new_base, g_hash_table_unref);
  g_clear_pointer (&m->labels, g_hash_table_unref);
  g_clear_pointer (&m->annotators, g_hash_table_unref);
  g_clear_pointer (&m->live, g_hash_table_unref);
  g_clear_pointer (&m->items, g_hash_table_unref);
  g_clear_pointer (&m->flags, g_array_unref);
  g_clear_object (&m->edit);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merge, merge_clear)

static void
note (Merge *m, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
note (Merge *m, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (m->report->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
base_of (Merge *m, const char *uid)
{
  const char *b = g_hash_table_lookup (m->central_base, uid);

  return b ? b : g_hash_table_lookup (m->package_base, uid);
}

static void
set_base (Merge *m, const char *uid, const char *digest)
{
  g_hash_table_insert (m->new_base, g_strdup (uid), g_strdup (digest));
}

static void
flag (Merge *m, gint64 item_id, gint64 annotation_id, gint change, char *detail)
{
  PendingFlag f = { item_id, annotation_id, change, detail };

  g_array_append_val (m->flags, f);
}

static gint64
map_label (Merge *m, gint64 package_id, GError **error)
{
  gpointer found;
  g_autoptr(CairnLabel) label = NULL, here = NULL;

  if (package_id == 0)
    return 0;
  if (g_hash_table_lookup_extended (m->labels, &package_id, NULL, &found))
    return *(gint64 *) found;
  label = cairn_store_get_label (m->package, package_id, error);
  if (label == NULL)
    return -1;
  here = cairn_store_find_label (m->central, label->name, NULL);
  if (here == NULL)
    {
      /* A label the package made: it comes back with its work. */
      here = cairn_label_copy (label);
      here->id = 0;
      here->parent_id = 0;
      if (!cairn_store_add_label (m->central, here, error))
        return -1;
    }
  g_hash_table_insert (m->labels, g_memdup2 (&package_id, sizeof package_id),
                       g_memdup2 (&here->id, sizeof here->id));
  return here->id;
}

static gint64
map_annotator (Merge *m, gint64 package_id, GError **error)
{
  gpointer found;
  g_autofree char *name = NULL;
  gint64 id;

  if (package_id == 0)
    return 0;
  if (g_hash_table_lookup_extended (m->annotators, &package_id, NULL, &found))
    return *(gint64 *) found;
  name = cairn_store_dup_annotator_name (m->package, package_id);
  if (name == NULL)
    return 0;
  id = cairn_store_ensure_annotator (m->central, name, NULL, error);
  if (id == 0)
    return -1;
  g_hash_table_insert (m->annotators, g_memdup2 (&package_id, sizeof package_id),
                       g_memdup2 (&id, sizeof id));
  return id;
}

/* The row here with that identity, if it is on an item the package held (item_id: on that
 * one). A package comes from someone else: it names no annotation of another item. */
static gint64
find_here (Merge *m, const char *uid, gint64 item_id, gboolean *deleted, GError **error)
{
  gint64 owner = 0;
  gint64 id = cairn_store_find_annotation_uid (m->central, uid, &owner, deleted, error);

  if (id == 0 || !g_hash_table_contains (m->items, &owner) || (item_id && owner != item_id))
    return 0;
  return id;
}

/* A relation end: the package's annotation id → the same annotation's id here. */
static gboolean
map_end (Merge *m, double *end, GError **error)
{
  g_autoptr(CairnAnnotation) target = cairn_store_get_annotation (m->package, (gint64) *end,
                                                                  error);
  g_autofree char *uid = NULL;
  gboolean deleted = FALSE;
  gint64 id;

  if (target == NULL)
    return FALSE;
  uid = cairn_store_dup_annotation_uid (m->package, target);
  id = find_here (m, uid, target->item_id, &deleted, error);
  if (id == 0 || deleted)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FAILED,
                   "a relation's end (%s) is not in the project", uid);
      return FALSE;
    }
  *end = (double) id;
  return TRUE;
}

/* The package's annotation as a row of this project: label, owner and relation ends mapped. */
static CairnAnnotation *
to_project (Merge *m, const CairnAnnotation *p, GError **error)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_copy (p);
  gint64 label = map_label (m, p->label_id, error);
  gint64 annotator = label < 0 ? -1 : map_annotator (m, p->annotator_id, error);

  if (label < 0 || annotator < 0)
    return NULL;
  a->id = 0;
  g_clear_pointer (&a->uid, g_free);
  a->label_id = label;
  a->annotator_id = annotator;
  if (a->kind == CAIRN_KIND_RELATION && a->coords->len == 2)
    for (guint k = 0; k < 2; k++)
      if (!map_end (m, &g_array_index (a->coords, double, k), error))
        return NULL;
  return g_steal_pointer (&a);
}

static void
add_change (Merge *m, const CairnAnnotation *before, const CairnAnnotation *after)
{
  cairn_edit_add_annotation (m->edit, before, after);
}

/* Both sides changed it (or the project locked the item): the project's version stays, the
 * package's goes in beside it, both flagged for a reviewer. */
static void
keep_both (Merge *m, const CairnItem *item, const CairnAnnotation *here, CairnAnnotation *theirs,
           const char *why)
{
  const char *who = m->report->annotator;

  /* A row of its own, and the package's annotator's: it is their version. */
  g_clear_pointer (&theirs->uid, g_free);
  if (m->package_annotator)
    theirs->annotator_id = m->package_annotator;
  add_change (m, NULL, theirs);
  flag (m, item->id, 0, (gint) cairn_edit_get_n_changes (m->edit) - 1,
        g_strdup_printf (_("%s’s version (%s)"), who, why));
  if (here)
    flag (m, item->id, here->id, -1, g_strdup_printf (_("Also changed in %s’s package (%s)"),
                                                     who, why));
  m->report->conflicts++;
  note (m, "item %" G_GINT64_FORMAT ": %s: both kept", item->id, why);
}

static gboolean
merge_live (Merge *m, const CairnItem *item, const CairnAnnotation *p, GError **error)
{
  g_autofree char *uid = cairn_store_dup_annotation_uid (m->package, p);
  g_autofree char *dp = cairn_team_digest (m->package, p, error);
  g_autofree char *dc = NULL, *why = NULL;
  g_autoptr(CairnAnnotation) here = NULL, theirs = NULL;
  g_autoptr(GError) local = NULL;
  gboolean deleted = FALSE, locked = item->state == CAIRN_STATE_ACCEPTED;
  const char *base;
  gint64 id;

  if (dp == NULL)
    return FALSE;
  g_hash_table_add (m->live, g_strdup (uid));
  base = base_of (m, uid);
  if (base && g_str_equal (base, dp))
    {
      m->report->unchanged++;
      return TRUE;
    }
  id = find_here (m, uid, item->id, &deleted, error);
  if (id && !deleted && (here = cairn_store_get_annotation (m->central, id, error)) == NULL)
    return FALSE;
  if (here && (dc = cairn_team_digest (m->central, here, error)) == NULL)
    return FALSE;
  set_base (m, uid, dp);
  if (dc && g_str_equal (dc, dp))
    {
      m->report->unchanged++;
      return TRUE;
    }
  if ((theirs = to_project (m, p, &local)) == NULL)
    {
      if (!g_error_matches (local, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FAILED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Left for a later merge, when what it points at is here. */
      g_hash_table_remove (m->new_base, uid);
      m->report->conflicts++;
      note (m, "item %" G_GINT64_FORMAT ": %s; not merged", item->id, local->message);
      return TRUE;
    }
  if (!locked && id == 0)
    {
      theirs->uid = g_strdup (uid);
      add_change (m, NULL, theirs);
      m->report->added++;
      return TRUE;
    }
  if (!locked && here && base && g_str_equal (dc, base))
    {
      theirs->id = here->id;
      theirs->uid = g_strdup (here->uid);
      add_change (m, here, theirs);
      m->report->changed++;
      return TRUE;
    }
  why = locked && id == 0 ? g_strdup ("a new annotation on an accepted item")
        : locked ? g_strdup_printf ("annotation %" G_GINT64_FORMAT " on an accepted item", id)
        : here ? g_strdup_printf ("annotation %" G_GINT64_FORMAT " changed here and in the "
                                  "package", id)
               : g_strdup_printf ("annotation %" G_GINT64_FORMAT " deleted here, changed in the "
                                  "package", id);
  keep_both (m, item, here, theirs, why);
  return TRUE;
}

static gboolean
same_item (const CairnItem *here, const CairnItem *there)
{
  if (here->kind != there->kind)
    return FALSE;
  if (here->sha256 && there->sha256 && g_ascii_strcasecmp (here->sha256, there->sha256) != 0)
    return FALSE;
  return g_strcmp0 (here->text, there->text) == 0;
}

static gboolean
merge_state (Merge *m, const CairnItem *here, const CairnItem *there, GError **error)
{
  g_autofree char *key = cairn_team_item_key (here->id);
  const char *theirs = cairn_item_state_to_string (there->state);
  const char *ours = cairn_item_state_to_string (here->state);
  const char *base = base_of (m, key);

  if ((base && g_str_equal (base, theirs)) || here->state == there->state)
    {
      if (!base || !g_str_equal (base, theirs))
        set_base (m, key, theirs);
      return TRUE;
    }
  set_base (m, key, theirs);
  if (base && g_str_equal (base, ours))
    {
      cairn_edit_add_item_state (m->edit, here->id, here->state, there->state);
      m->report->states++;
      return TRUE;
    }
  flag (m, here->id, 0, -1, g_strdup_printf (_("%s’s package says %s, this project %s"),
                                            m->report->annotator, theirs, ours));
  m->report->conflicts++;
  note (m, "item %" G_GINT64_FORMAT ": %s here, %s in the package: kept %s", here->id, ours,
        theirs, ours);
  return TRUE;
}

/* relations: FALSE for the first pass (everything else), TRUE for the second, when the
 * spans they join have their ids here. */
static gboolean
merge_item (Merge *m, gint64 item_id, gboolean relations, GError **error)
{
  g_autoptr(CairnItem) there = cairn_store_get_item (m->package, item_id, error);
  g_autoptr(CairnItem) here = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) local = NULL;

  if (there == NULL)
    return FALSE;
  here = cairn_store_get_item (m->central, item_id, &local);
  if (here == NULL || !same_item (here, there))
    {
      if (!relations)
        note (m, "item %" G_GINT64_FORMAT ": not in this project; skipped", item_id);
      return TRUE;
    }
  if (!relations)
    {
      m->report->items++;
      g_hash_table_add (m->items, g_memdup2 (&item_id, sizeof item_id));
    }
  list = cairn_store_list_annotations (m->package, item_id, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const CairnAnnotation *p = list->pdata[i];

      if ((p->kind == CAIRN_KIND_RELATION) == relations && !merge_live (m, here, p, error))
        {
          g_prefix_error (error, "item %" G_GINT64_FORMAT ": ", item_id);
          return FALSE;
        }
    }
  return relations || merge_state (m, here, there, error);
}

static gboolean
merge_deletion (Merge *m, const char *uid, GError **error)
{
  const char *base = base_of (m, uid);
  g_autoptr(CairnAnnotation) here = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autofree char *dc = NULL;
  gboolean deleted = FALSE;
  gint64 id;

  if (g_str_has_prefix (uid, "item:") || g_hash_table_contains (m->live, uid)
      || base == NULL || g_str_equal (base, DELETED))
    return TRUE;
  set_base (m, uid, DELETED);
  id = find_here (m, uid, 0, &deleted, error);
  if (id == 0 || deleted)
    return TRUE;
  if ((here = cairn_store_get_annotation (m->central, id, error)) == NULL
      || (item = cairn_store_get_item (m->central, here->item_id, error)) == NULL
      || (dc = cairn_team_digest (m->central, here, error)) == NULL)
    return FALSE;
  if (item->state != CAIRN_STATE_ACCEPTED && g_str_equal (dc, base))
    {
      add_change (m, here, NULL);
      m->report->deleted++;
      return TRUE;
    }
  flag (m, item->id, id, -1, g_strdup_printf (_("Deleted in %s’s package, changed here"),
                                             m->report->annotator));
  m->report->conflicts++;
  note (m, "item %" G_GINT64_FORMAT ": annotation %" G_GINT64_FORMAT " deleted in the package, "
        "%s: kept", item->id, id, item->state == CAIRN_STATE_ACCEPTED ? "accepted here"
                                                                      : "changed here");
  return TRUE;
}

static gboolean
push_pass (Merge *m, GError **error)
{
  gboolean ok = TRUE;

  if (cairn_edit_get_n_changes (m->edit) > 0)
    ok = cairn_edit_stack_push (m->stack, m->edit, error);
  for (guint i = 0; ok && i < m->flags->len; i++)
    {
      PendingFlag *f = &g_array_index (m->flags, PendingFlag, i);
      gint64 annotation = f->change >= 0 ? cairn_edit_get_annotation_id (m->edit, f->change)
                                         : f->annotation_id;

      ok = cairn_store_add_flag (m->central, f->item_id, annotation, "conflict", f->detail,
                                 error) != 0;
    }
  g_array_set_size (m->flags, 0);
  g_clear_object (&m->edit);
  m->edit = cairn_edit_new (CAIRN_EDIT_VERB_MERGE_PACKAGE, (CairnKind) -1);
  return ok;
}

static gboolean
write_bases (Merge *m, GError **error)
{
  GHashTableIter iter;
  gpointer uid, digest;

  g_hash_table_iter_init (&iter, m->new_base);
  while (g_hash_table_iter_next (&iter, &uid, &digest))
    if (!cairn_store_set_package_base (m->central, m->instance, uid, digest, error))
      return FALSE;
  return TRUE;
}

static gboolean
run (Merge *m, GError **error)
{
  g_autoptr(GArray) ids = cairn_store_list_item_ids (m->package, NULL, error);
  GHashTableIter iter;
  gpointer uid;

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!merge_item (m, g_array_index (ids, gint64, i), FALSE, error))
      return FALSE;
  if (!push_pass (m, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!merge_item (m, g_array_index (ids, gint64, i), TRUE, error))
      return FALSE;
  /* Only now is every live annotation of the package known. */
  g_hash_table_iter_init (&iter, m->package_base);
  while (g_hash_table_iter_next (&iter, &uid, NULL))
    if (!merge_deletion (m, uid, error))
      return FALSE;
  return push_pass (m, error) && write_bases (m, error);
}

static gboolean
open_package (Merge *m, const char *path, GError **error)
{
  g_autofree char *source = NULL, *ours = NULL;

  m->package = cairn_store_open_readonly (path, error);
  if (m->package == NULL)
    return FALSE;
  m->instance = cairn_store_dup_instance (m->package);
  source = cairn_store_dup_meta (m->package, "package.source-instance");
  ours = cairn_store_dup_instance (m->central);
  if (source == NULL || m->instance == NULL)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FOREIGN,
                   "%s: not a task package (cairn package makes them)", path);
      return FALSE;
    }
  if (g_strcmp0 (source, ours) != 0)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FOREIGN,
                   "%s: a package of another project", path);
      return FALSE;
    }
  m->report->annotator = cairn_store_dup_meta (m->package, "package.annotator");
  if (m->report->annotator == NULL)
    m->report->annotator = g_strdup ("?");
  else if ((m->package_annotator = cairn_store_ensure_annotator (m->central, m->report->annotator,
                                                                NULL, error)) == 0)
    return FALSE;
  m->central_base = cairn_store_list_package_base (m->central, m->instance, error);
  m->package_base = m->central_base ? cairn_store_list_package_base (m->package, m->instance,
                                                                     error) : NULL;
  return m->package_base != NULL;
}

CairnMergeReport *
cairn_merge_package (CairnEditStack *stack,
                     const char     *package_path,
                     GError        **error)
{
  g_autoptr(CairnMergeReport) report = g_new0 (CairnMergeReport, 1);
  g_auto(Merge) m = { 0 };

  g_return_val_if_fail (CAIRN_IS_EDIT_STACK (stack) && package_path != NULL, NULL);
  report->path = g_strdup (package_path);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  m.stack = stack;
  m.central = cairn_edit_stack_get_store (stack);
  m.report = report;
  m.new_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m.labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m.annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m.live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m.flags = g_array_new (FALSE, TRUE, sizeof (PendingFlag));
  g_array_set_clear_func (m.flags, pending_flag_clear);
  m.edit = cairn_edit_new (CAIRN_EDIT_VERB_MERGE_PACKAGE, (CairnKind) -1);
  if (!open_package (&m, package_path, error))
    return NULL;
  if (!cairn_store_begin (m.central, error))
    return NULL;
  if (!run (&m, error))
    {
      cairn_store_rollback (m.central);
      g_prefix_error (error, "%s: ", package_path);
      return NULL;
    }
  if (!cairn_store_commit (m.central, error))
    return NULL;
  return g_steal_pointer (&report);
}

char *
cairn_merge_report_summary (const CairnMergeReport *r)
{
  return g_strdup_printf ("%s: %u added, %u changed, %u deleted, %u states, %u unchanged, "
                          "%u conflict%s (%u items)", r->annotator, r->added, r->changed,
                          r->deleted, r->states, r->unchanged, r->conflicts,
                          r->conflicts == 1 ? "" : "s", r->items);
}
