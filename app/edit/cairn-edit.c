#define G_LOG_DOMAIN "cairn-edit"

#include <glib/gi18n-lib.h>

#include "model/cairn-json.h"
#include "cairn-edit-private.h"

typedef CairnEditChange Change;

struct _CairnEdit
{
  GObject        parent_instance;
  CairnEditVerb  verb;
  CairnKind      subject;
  GArray        *changes;        /* Change */
  GArray        *flags;          /* gint64: the recheck flags applying it resolved */
};

G_DEFINE_FINAL_TYPE (CairnEdit, cairn_edit, G_TYPE_OBJECT)
G_DEFINE_QUARK (cairn-edit-error-quark, cairn_edit_error)

/* Kept in the edit log: never renumber, only append. */
static const char *const verb_names[CAIRN_N_EDIT_VERBS] = {
  "draw", "move", "resize", "reshape", "delete", "relabel", "change", "item-state", "batch",
  "paste", "rotate", "paint", "erase", "fill", "convert", "split", "merge", "confirm",
  "rename-label", "merge-labels", "schema", "merge-package", "arrange",
};

static void
change_clear (gpointer data)
{
  Change *c = data;

  g_clear_pointer (&c->before, cairn_annotation_free);
  g_clear_pointer (&c->after, cairn_annotation_free);
  g_clear_pointer (&c->patch, cairn_edit_mask_patch_free);
  cairn_edit_change_clear_label (c);
}

static gboolean
is_item_change (const Change *c)
{
  return c->before == NULL && c->after == NULL && !cairn_edit_change_is_label (c);
}

static char *
annotation_json (const CairnAnnotation *a)
{
  g_autoptr(JsonNode) node = cairn_annotation_to_json_node (a);

  return json_to_string (node, FALSE);
}

static gboolean
same_annotation (const CairnAnnotation *a, const CairnAnnotation *b)
{
  g_autofree char *ja = annotation_json (a);
  g_autofree char *jb = annotation_json (b);

  return g_str_equal (ja, jb) && a->guideline_version == b->guideline_version;
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);

  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* "Kim moved it on 2026-12-03 14:02": who touched the row last, from the history. */
static char *
describe_last_change (CairnStore *store, const char *target, gint64 row_id)
{
  g_autoptr(CairnHistoryEntry) last = cairn_store_last_change (store, target, row_id, NULL);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  if (last == NULL)
    return g_strdup (_("it was changed outside this edit"));
  who = last->annotator_id ? cairn_store_dup_annotator_name (store, last->annotator_id) : NULL;
  when = format_time (last->at);
  if (g_strcmp0 (last->action, "delete") == 0)
    /* Translators: "Kim deleted it on 2026-12-03 14:02". */
    return g_strdup_printf (_("%s deleted it on %s"), who ? who : _("someone"), when);
  /* Translators: "Kim changed it on 2026-12-03 14:02". */
  return g_strdup_printf (_("%s changed it on %s"), who ? who : _("someone"), when);
}

gboolean
cairn_edit_conflict (CairnEdit  *self,
                     CairnStore *store,
                     gboolean    undoing,
                     const char *target,
                     gint64      row_id,
                     GError    **error)
{
  g_autofree char *title = cairn_edit_dup_title (self);
  g_autofree char *reason = describe_last_change (store, target, row_id);

  g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_CONFLICT,
               undoing ? _("Cannot undo “%s”: %s since.") : _("Cannot redo “%s”: %s since."),
               title, reason);
  return FALSE;
}

/* The annotation must be as expected (NULL: deleted) before the edit may touch it. */
static gboolean
check_annotation (CairnEdit             *self,
                  CairnStore            *store,
                  gint64                 id,
                  const CairnAnnotation *expected,
                  gboolean               undoing,
                  GError               **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnAnnotation) current = cairn_store_get_annotation (store, id, &local);

  if (current == NULL && !g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (expected == NULL ? current == NULL : current != NULL && same_annotation (current, expected))
    return TRUE;
  return cairn_edit_conflict (self, store, undoing, "annotation", id, error);
}

static gboolean
set_item_state (CairnEdit      *self,
                CairnStore     *store,
                gint64          item_id,
                CairnItemState  expected,
                CairnItemState  state,
                gboolean        undoing,
                GError        **error)
{
  g_autoptr(CairnItem) item = cairn_store_get_item (store, item_id, error);

  if (item == NULL)
    return FALSE;
  if (item->state != expected)
    return cairn_edit_conflict (self, store, undoing, "item", item_id, error);
  item->state = state;
  return cairn_store_update_item (store, item, error);
}

static gboolean
apply_change (CairnEdit *self, CairnStore *store, Change *c, GError **error)
{
  if (cairn_edit_change_is_label (c))
    return cairn_edit_apply_label (self, store, c, error);
  if (is_item_change (c))
    return set_item_state (self, store, c->item_id, c->state_before, c->state_after, FALSE, error);
  if (c->before == NULL)
    {
      /* First time: a new row. Redo: the same row back. */
      if (c->after->id == 0)
        return cairn_store_add_annotation (store, c->after, error);
      return check_annotation (self, store, c->after->id, NULL, FALSE, error)
             && cairn_store_restore_annotation (store, c->after, error);
    }
  if (c->patch != NULL && c->after != NULL)
    return cairn_edit_mask_patch_apply (self, store, c, FALSE, error);
  if (!check_annotation (self, store, c->before->id, c->before, FALSE, error))
    return FALSE;
  if (c->after == NULL)
    return cairn_store_delete_annotation (store, c->before->id, error);
  return cairn_store_update_annotation (store, c->after, error);
}

static gboolean
revert_change (CairnEdit *self, CairnStore *store, Change *c, GError **error)
{
  g_autoptr(CairnAnnotation) before = NULL;

  if (cairn_edit_change_is_label (c))
    return cairn_edit_revert_label (self, store, c, error);
  if (is_item_change (c))
    return set_item_state (self, store, c->item_id, c->state_after, c->state_before, TRUE, error);
  if (c->after == NULL)
    return check_annotation (self, store, c->before->id, NULL, TRUE, error)
           && cairn_store_restore_annotation (store, c->before, error);
  if (c->patch != NULL && c->before != NULL)
    return cairn_edit_mask_patch_apply (self, store, c, TRUE, error);
  if (!check_annotation (self, store, c->after->id, c->after, TRUE, error))
    return FALSE;
  if (c->before == NULL)
    return cairn_store_delete_annotation (store, c->after->id, error);
  /* The store stamps what it writes; keep the snapshot as it was for the next redo check. */
  before = cairn_annotation_copy (c->before);
  return cairn_store_update_annotation (store, before, error);
}

static void
cairn_edit_finalize (GObject *object)
{
  CairnEdit *self = CAIRN_EDIT (object);

  g_array_unref (self->changes);
  g_array_unref (self->flags);
  G_OBJECT_CLASS (cairn_edit_parent_class)->finalize (object);
}

static void
cairn_edit_class_init (CairnEditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_edit_finalize;
}

static void
cairn_edit_init (CairnEdit *self)
{
  self->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (self->changes, change_clear);
  self->flags = g_array_new (FALSE, FALSE, sizeof (gint64));
}

CairnEdit *
cairn_edit_new (CairnEditVerb verb,
                CairnKind     subject)
{
  CairnEdit *self;

  g_return_val_if_fail (verb < CAIRN_N_EDIT_VERBS, NULL);
  self = g_object_new (CAIRN_TYPE_EDIT, NULL);
  self->verb = verb;
  self->subject = subject;
  return self;
}

CairnEdit *
cairn_edit_new_create (const CairnAnnotation *annotation)
{
  CairnEdit *self;

  g_return_val_if_fail (annotation != NULL && annotation->id == 0, NULL);
  self = cairn_edit_new (CAIRN_EDIT_VERB_DRAW, annotation->kind);
  cairn_edit_add_annotation (self, NULL, annotation);
  return self;
}

CairnEdit *
cairn_edit_new_delete (const CairnAnnotation *annotation)
{
  CairnEdit *self;

  g_return_val_if_fail (annotation != NULL && annotation->id > 0, NULL);
  self = cairn_edit_new (CAIRN_EDIT_VERB_DELETE, annotation->kind);
  cairn_edit_add_annotation (self, annotation, NULL);
  return self;
}

CairnEdit *
cairn_edit_new_change (CairnEditVerb          verb,
                       const CairnAnnotation *before,
                       const CairnAnnotation *after)
{
  CairnEdit *self;

  g_return_val_if_fail (before != NULL && after != NULL && before->id == after->id, NULL);
  self = cairn_edit_new (verb, after->kind);
  cairn_edit_add_annotation (self, before, after);
  return self;
}

CairnEdit *
cairn_edit_new_item_state (const CairnItem *item,
                           CairnItemState   state)
{
  CairnEdit *self;

  g_return_val_if_fail (item != NULL && item->id > 0, NULL);
  self = cairn_edit_new (CAIRN_EDIT_VERB_ITEM_STATE, (CairnKind) -1);
  cairn_edit_add_item_state (self, item->id, item->state, state);
  return self;
}

void
cairn_edit_add_annotation (CairnEdit             *self,
                           const CairnAnnotation *before,
                           const CairnAnnotation *after)
{
  Change c = { 0 };

  g_return_if_fail (CAIRN_IS_EDIT (self));
  g_return_if_fail (before != NULL || after != NULL);
  c.before = before ? cairn_annotation_copy (before) : NULL;
  c.after = after ? cairn_annotation_copy (after) : NULL;
  g_array_append_val (self->changes, c);
}

void
cairn_edit_add_change (CairnEdit       *self,
                       CairnEditChange *c)
{
  g_array_append_vals (self->changes, c, 1);
}

const CairnEditChange *
cairn_edit_get_change (CairnEdit *self,
                       guint      n)
{
  return n < self->changes->len ? &g_array_index (self->changes, Change, n) : NULL;
}

void
cairn_edit_stamp_guideline (CairnEdit *self,
                            gint       version)
{
  g_return_if_fail (CAIRN_IS_EDIT (self));
  for (guint i = 0; i < self->changes->len; i++)
    {
      Change *c = &g_array_index (self->changes, Change, i);

      if (c->after != NULL)
        c->after->guideline_version = version;
    }
}

void
cairn_edit_add_item_state (CairnEdit      *self,
                           gint64          item_id,
                           CairnItemState  before,
                           CairnItemState  after)
{
  Change c = { 0 };

  g_return_if_fail (CAIRN_IS_EDIT (self) && item_id > 0);
  c.item_id = item_id;
  c.state_before = before;
  c.state_after = after;
  g_array_append_val (self->changes, c);
}

CairnEditVerb
cairn_edit_get_verb (CairnEdit *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT (self), CAIRN_EDIT_VERB_CHANGE);
  return self->verb;
}

CairnKind
cairn_edit_get_subject (CairnEdit *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT (self), CAIRN_KIND_BOX);
  return self->subject;
}

guint
cairn_edit_get_n_changes (CairnEdit *self)
{
  g_return_val_if_fail (CAIRN_IS_EDIT (self), 0);
  return self->changes->len;
}

gint64
cairn_edit_get_annotation_id (CairnEdit *self,
                              guint      n)
{
  const Change *c;

  g_return_val_if_fail (CAIRN_IS_EDIT (self), 0);
  if (n >= self->changes->len)
    return 0;
  c = &g_array_index (self->changes, Change, n);
  return c->after ? c->after->id : c->before ? c->before->id : 0;
}

gint64
cairn_edit_get_item_id (CairnEdit *self,
                        guint      n)
{
  const Change *c;

  g_return_val_if_fail (CAIRN_IS_EDIT (self), 0);
  if (n >= self->changes->len)
    return 0;
  c = &g_array_index (self->changes, Change, n);
  if (cairn_edit_change_is_label (c))
    return 0; /* a label row belongs to no item */
  return is_item_change (c) ? c->item_id : c->after ? c->after->item_id : c->before->item_id;
}

gint
cairn_edit_get_item_state (CairnEdit *self,
                           guint      n)
{
  const Change *c;

  g_return_val_if_fail (CAIRN_IS_EDIT (self), -1);
  if (n >= self->changes->len)
    return -1;
  c = &g_array_index (self->changes, Change, n);
  return is_item_change (c) ? (gint) c->state_after : -1;
}

const char *
cairn_kind_get_display_name (CairnKind kind)
{
  switch (kind)
    {
    case CAIRN_KIND_TAG: return _("Tag");
    case CAIRN_KIND_BOX: return _("Box");
    case CAIRN_KIND_RBOX: return _("Rotated Box");
    case CAIRN_KIND_ELLIPSE: return _("Ellipse");
    case CAIRN_KIND_POLYGON: return _("Polygon");
    case CAIRN_KIND_POLYLINE: return _("Polyline");
    case CAIRN_KIND_POINTS: return _("Points");
    case CAIRN_KIND_KEYPOINTS: return _("Keypoints");
    case CAIRN_KIND_CUBOID: return _("Cuboid");
    case CAIRN_KIND_MASK: return _("Mask");
    case CAIRN_KIND_OCR: return _("Text Box");
    case CAIRN_KIND_CLASS: return _("Class");
    case CAIRN_KIND_SPAN: return _("Span");
    case CAIRN_KIND_RELATION: return _("Relation");
    case CAIRN_KIND_SEGMENT: return _("Segment");
    case CAIRN_KIND_TARGET: return _("Target Text");
    case CAIRN_N_KINDS:
    default: return _("Annotation");
    }
}

char *
cairn_edit_dup_title (CairnEdit *self)
{
  const char *what;

  g_return_val_if_fail (CAIRN_IS_EDIT (self), NULL);
  what = cairn_kind_get_display_name (self->subject);
  switch (self->verb)
    {
    /* Translators: an edit's name in "Undo %s", e.g. "Draw Box". */
    case CAIRN_EDIT_VERB_DRAW: return g_strdup_printf (_("Draw %s"), what);
    case CAIRN_EDIT_VERB_MOVE: return g_strdup_printf (_("Move %s"), what);
    case CAIRN_EDIT_VERB_RESIZE: return g_strdup_printf (_("Resize %s"), what);
    case CAIRN_EDIT_VERB_RESHAPE: return g_strdup_printf (_("Reshape %s"), what);
    case CAIRN_EDIT_VERB_DELETE: return g_strdup_printf (_("Delete %s"), what);
    case CAIRN_EDIT_VERB_RELABEL: return g_strdup_printf (_("Relabel %s"), what);
    case CAIRN_EDIT_VERB_CHANGE: return g_strdup_printf (_("Change %s"), what);
    case CAIRN_EDIT_VERB_ITEM_STATE: return g_strdup (_("Change Item State"));
    case CAIRN_EDIT_VERB_BATCH: return g_strdup (_("Batch Fix"));
    case CAIRN_EDIT_VERB_PASTE: return g_strdup_printf (_("Paste %s"), what);
    case CAIRN_EDIT_VERB_ROTATE: return g_strdup_printf (_("Rotate %s"), what);
    case CAIRN_EDIT_VERB_PAINT: return g_strdup_printf (_("Paint %s"), what);
    case CAIRN_EDIT_VERB_ERASE: return g_strdup_printf (_("Erase %s"), what);
    case CAIRN_EDIT_VERB_FILL: return g_strdup_printf (_("Fill %s"), what);
    case CAIRN_EDIT_VERB_CONVERT: return g_strdup_printf (_("Convert to %s"), what);
    case CAIRN_EDIT_VERB_SPLIT: return g_strdup_printf (_("Split %s"), what);
    /* Translators: "Merge Segments". */
    case CAIRN_EDIT_VERB_MERGE: return g_strdup (_("Merge Segments"));
    /* Translators: re-saving a shape under the current guideline, e.g. "Confirm Box". */
    case CAIRN_EDIT_VERB_CONFIRM: return g_strdup_printf (_("Confirm %s"), what);
    case CAIRN_EDIT_VERB_RENAME_LABEL: return g_strdup (_("Rename Label"));
    case CAIRN_EDIT_VERB_MERGE_LABELS: return g_strdup (_("Merge Labels"));
    case CAIRN_EDIT_VERB_SCHEMA: return g_strdup (_("Change Label Schema"));
    case CAIRN_EDIT_VERB_MERGE_PACKAGE: return g_strdup (_("Merge Package"));
    /* Translators: raising or lowering a shape, e.g. "Arrange Box". */
    case CAIRN_EDIT_VERB_ARRANGE: return g_strdup_printf (_("Arrange %s"), what);
    case CAIRN_N_EDIT_VERBS:
    default: return g_strdup (_("Edit"));
    }
}

gboolean
cairn_edit_apply (CairnEdit  *self,
                  CairnStore *store,
                  GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_EDIT (self) && CAIRN_IS_STORE (store), FALSE);

  for (guint i = 0; i < self->changes->len; i++)
    if (!apply_change (self, store, &g_array_index (self->changes, Change, i), error))
      return FALSE;
  return cairn_edit_resolve_rechecks (self, store, self->flags, error);
}

gboolean
cairn_edit_revert (CairnEdit  *self,
                   CairnStore *store,
                   GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_EDIT (self) && CAIRN_IS_STORE (store), FALSE);

  if (!cairn_edit_reopen_rechecks (store, self->flags, error))
    return FALSE;
  for (guint i = self->changes->len; i > 0; i--)
    if (!revert_change (self, store, &g_array_index (self->changes, Change, i - 1), error))
      return FALSE;
  return TRUE;
}

/* Serialisation: {"verb": "move", "subject": "polygon", "changes": [...]}; a change is
 * {"before": annotation|null, "after": annotation|null} or {"item": id, "from": state,
 * "to": state}. Annotations carry their guideline version, which their JSON leaves out. */

static void
add_annotation_member (JsonBuilder *b, const char *name, const CairnAnnotation *a)
{
  JsonNode *node;

  json_builder_set_member_name (b, name);
  if (a == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  node = cairn_annotation_to_json_node (a);
  json_object_set_int_member (json_node_get_object (node), "guideline", a->guideline_version);
  json_builder_add_value (b, node);
}

char *
cairn_edit_to_json (CairnEdit *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CAIRN_IS_EDIT (self), NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "verb");
  json_builder_add_string_value (b, verb_names[self->verb]);
  if (self->subject < CAIRN_N_KINDS)
    {
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, cairn_kind_to_string (self->subject));
    }
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->changes->len; i++)
    {
      const Change *c = &g_array_index (self->changes, Change, i);

      json_builder_begin_object (b);
      if (cairn_edit_change_is_label (c))
        cairn_edit_label_to_json (b, c);
      else if (is_item_change (c))
        {
          json_builder_set_member_name (b, "item");
          json_builder_add_int_value (b, c->item_id);
          json_builder_set_member_name (b, "from");
          json_builder_add_string_value (b, cairn_item_state_to_string (c->state_before));
          json_builder_set_member_name (b, "to");
          json_builder_add_string_value (b, cairn_item_state_to_string (c->state_after));
        }
      else if (!cairn_edit_mask_patch_to_json (b, c))
        {
          add_annotation_member (b, "before", c->before);
          add_annotation_member (b, "after", c->after);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (self->flags->len > 0)
    {
      json_builder_set_member_name (b, "flags");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->flags->len; i++)
        json_builder_add_int_value (b, g_array_index (self->flags, gint64, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
read_annotation (JsonObject *o, const char *name, CairnAnnotation **out, GError **error)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  *out = cairn_annotation_from_json_node (node, error);
  if (*out == NULL)
    return FALSE;
  (*out)->guideline_version = (gint) cairn_json_int (json_node_get_object (node), "guideline", 0);
  return TRUE;
}

static gboolean
read_change (CairnEdit *self, JsonNode *node, GError **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  Change c = { 0 };
  CairnItemState from, to;
  gboolean ok = TRUE;

  if (o == NULL)
    return FALSE;
  if (cairn_edit_label_from_json (o, &c, &ok))
    {
      if (ok)
        g_array_append_val (self->changes, c);
      return ok;
    }
  if (json_object_has_member (o, "item"))
    {
      if (!cairn_item_state_from_string (cairn_json_string (o, "from"), &from)
          || !cairn_item_state_from_string (cairn_json_string (o, "to"), &to))
        return FALSE;
      cairn_edit_add_item_state (self, cairn_json_int (o, "item", 0), from, to);
      return cairn_json_int (o, "item", 0) > 0;
    }
  if (!read_annotation (o, "before", &c.before, error) || !read_annotation (o, "after", &c.after,
                                                                            error))
    {
      change_clear (&c);
      return FALSE;
    }
  if ((c.before == NULL && c.after == NULL) || !cairn_edit_mask_patch_from_json (o, &c))
    {
      change_clear (&c);
      return FALSE;
    }
  g_array_append_val (self->changes, c);
  return TRUE;
}

CairnEdit *
cairn_edit_new_from_json (const char  *json,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CairnEdit) self = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  JsonArray *changes;
  const char *verb;
  CairnKind subject = (CairnKind) -1;

  if (!json_parser_load_from_data (parser, json, -1, &local)
      || (root = cairn_json_root_object (parser)) == NULL
      || (verb = cairn_json_string (root, "verb")) == NULL
      || (changes = cairn_json_array (root, "changes")) == NULL)
    goto invalid;
  if (cairn_json_string (root, "subject")
      && !cairn_kind_from_string (cairn_json_string (root, "subject"), &subject))
    goto invalid;
  for (guint v = 0; v < CAIRN_N_EDIT_VERBS && self == NULL; v++)
    if (g_str_equal (verb, verb_names[v]))
      self = cairn_edit_new (v, subject);
  if (self == NULL)
    goto invalid;
  for (guint i = 0; i < json_array_get_length (changes); i++)
    if (!read_change (self, json_array_get_element (changes, i), &local))
      goto invalid;
  for (guint i = 0; cairn_json_array (root, "flags")
                    && i < json_array_get_length (cairn_json_array (root, "flags")); i++)
    {
      double number;
      gint64 id;

      if (!cairn_json_node_number (json_array_get_element (cairn_json_array (root, "flags"), i),
                                   &number) || number < 1 || number > G_MAXINT64 / 2)
        goto invalid;
      id = (gint64) number;
      g_array_append_val (self->flags, id);
    }
  return g_steal_pointer (&self);

invalid:
  g_set_error (error, CAIRN_EDIT_ERROR, CAIRN_EDIT_ERROR_INVALID,
               _("An edit in the project’s log cannot be read: %s"),
               local ? local->message : _("unexpected content"));
  return NULL;
}
