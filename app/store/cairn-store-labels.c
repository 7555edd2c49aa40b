#define G_LOG_DOMAIN "cairn-store"

#include "cairn-store-private.h"
#include "model/cairn-json.h"
#include "model/cairn-name.h"

#define LABEL_COLUMNS "id, name, color, hotkey, parent_id, kinds, attributes, skeleton"

static char *
label_to_json (const CairnLabel *label)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *kinds = cairn_label_kinds_to_string (label->kinds);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, label->name);
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, label->color);
  json_builder_set_member_name (b, "hotkey");
  json_builder_add_string_value (b, label->hotkey);
  json_builder_set_member_name (b, "kinds");
  json_builder_add_string_value (b, kinds);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static char *
attributes_to_json (JsonArray *attributes)
{
  g_autoptr(JsonNode) node = NULL;

  if (attributes == NULL || json_array_get_length (attributes) == 0)
    return NULL;
  node = json_node_init_array (json_node_alloc (), attributes);
  return json_to_string (node, FALSE);
}

static void
attributes_from_json (CairnLabel *label, const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (json && cairn_json_is_single_value (json, strlen (json))
      && cairn_json_check_limits (json, -1, NULL)
      && json_parser_load_from_data (parser, json, -1, NULL)
      && json_parser_get_root (parser) && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      json_array_unref (label->attributes);
      label->attributes = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
    }
}

static gboolean
check_label (CairnStore *self, CairnLabel *label, GError **error)
{
  g_autoptr(GError) local = NULL;
  double r, g, b;

  if (label->name && !cairn_name_check ("label name", label->name, &local))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "%s", local->message);
      return FALSE;
    }
  if (label->name == NULL || *g_strstrip (label->name) == '\0')
    {
      g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                           "a label needs a name");
      return FALSE;
    }
  if (label->color == NULL)
    {
      gint64 n = 0;
      g_autoptr(GPtrArray) all = cairn_store_list_labels (self, NULL);
      if (all)
        n = all->len;
      label->color = cairn_label_default_color (n);
    }
  if (!cairn_color_parse (label->color, &r, &g, &b))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   "label “%s”: colour “%s” is not #RRGGBB", label->name, label->color);
      return FALSE;
    }
  return TRUE;
}

static void
bind_label (sqlite3_stmt *stmt, const CairnLabel *label, char **attrs, char **skeleton)
{
  *attrs = attributes_to_json (label->attributes);
  *skeleton = cairn_label_skeleton_to_json (label);
  sqlite3_bind_text (stmt, 1, label->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, label->color, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, label->hotkey, -1, SQLITE_STATIC);
  if (label->parent_id)
    sqlite3_bind_int64 (stmt, 4, label->parent_id);
  sqlite3_bind_int (stmt, 5, label->kinds);
  sqlite3_bind_text (stmt, 6, *attrs, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, *skeleton, -1, SQLITE_STATIC);
}

static gboolean
insert_label (CairnStore *self, CairnLabel *label, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *attrs = NULL, *skeleton = NULL, *after = NULL;

  if (!check_label (self, label, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "INSERT INTO labels (name, color, hotkey, parent_id, kinds, attributes, skeleton)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_label (stmt, label, &attrs, &skeleton);
  if (!cairn_store_step_done (self, stmt, "adding a label", error))
    {
      if (g_error_matches (*error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS))
        {
          g_clear_error (error);
          g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_EXISTS,
                       "a label called “%s” already exists", label->name);
        }
      return FALSE;
    }
  label->id = sqlite3_last_insert_rowid (self->db);
  cairn_store_forget_cache (self);
  after = label_to_json (label);
  return cairn_store_log (self, "insert", "label", label->id, NULL, after, error);
}

static gboolean
reinsert_label (CairnStore *self, CairnLabel *label, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *attrs = NULL, *skeleton = NULL, *after = NULL;

  if (!check_label (self, label, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "INSERT INTO labels (name, color, hotkey, parent_id, kinds, attributes, skeleton, id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_label (stmt, label, &attrs, &skeleton);
  sqlite3_bind_int64 (stmt, 8, label->id);
  if (!cairn_store_step_done (self, stmt, "restoring a label", error))
    return FALSE;
  cairn_store_forget_cache (self);
  after = label_to_json (label);
  return cairn_store_log (self, "insert", "label", label->id, NULL, after, error);
}

gboolean
cairn_store_restore_label (CairnStore *self,
                           CairnLabel *label,
                           GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && label != NULL && label->id > 0, FALSE);
  CAIRN_STORE_ATOMIC (self, error, reinsert_label (self, label, error));
}

gboolean
cairn_store_add_label (CairnStore *self,
                       CairnLabel *label,
                       GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && label != NULL, FALSE);
  CAIRN_STORE_ATOMIC (self, error, insert_label (self, label, error));
}

static gboolean
update_label (CairnStore *self, CairnLabel *label, GError **error)
{
  g_autoptr(CairnLabel) before = cairn_store_get_label (self, label->id, error);
  sqlite3_stmt *stmt;
  g_autofree char *attrs = NULL, *skeleton = NULL, *before_json = NULL, *after_json = NULL;

  if (before == NULL || !check_label (self, label, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "UPDATE labels SET name = ?, color = ?, hotkey = ?, parent_id = ?, kinds = ?,"
    " attributes = ?, skeleton = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_label (stmt, label, &attrs, &skeleton);
  sqlite3_bind_int64 (stmt, 8, label->id);
  if (!cairn_store_step_done (self, stmt, "updating a label", error))
    return FALSE;
  cairn_store_forget_cache (self);
  before_json = label_to_json (before);
  after_json = label_to_json (label);
  return cairn_store_log (self, "update", "label", label->id, before_json, after_json, error);
}

gboolean
cairn_store_update_label (CairnStore *self,
                          CairnLabel *label,
                          GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && label != NULL && label->id > 0, FALSE);
  CAIRN_STORE_ATOMIC (self, error, update_label (self, label, error));
}

static gint64
label_use_count (CairnStore *self, gint64 id)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT coalesce (sum (n), 0) FROM annotation_counts WHERE label_id = ?", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
remove_label (CairnStore *self, gint64 id, gboolean force, GError **error)
{
  g_autoptr(CairnLabel) label = cairn_store_get_label (self, id, error);
  g_autofree char *before = NULL;
  sqlite3_stmt *stmt;
  gint64 used;

  if (label == NULL)
    return FALSE;
  used = label_use_count (self, id);
  if (used > 0 && !force)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_IN_USE,
                   "label “%s” is used by %" G_GINT64_FORMAT " annotation%s", label->name, used,
                   used == 1 ? "" : "s");
      return FALSE;
    }
  /* Annotations go too (deleted ones included: nothing may point at a missing label). */
  stmt = cairn_store_statement (self, "DELETE FROM annotations WHERE label_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cairn_store_step_done (self, stmt, "removing a label's annotations", error))
    return FALSE;
  stmt = cairn_store_statement (self, "DELETE FROM labels WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cairn_store_step_done (self, stmt, "removing a label", error))
    return FALSE;
  cairn_store_forget_cache (self);
  before = label_to_json (label);
  return cairn_store_log (self, "delete", "label", id, before, NULL, error);
}

gboolean
cairn_store_remove_label (CairnStore *self,
                          gint64      id,
                          gboolean    force,
                          GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self), FALSE);
  CAIRN_STORE_ATOMIC (self, error, remove_label (self, id, force, error));
}

static CairnLabel *
label_from_row (CairnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(CairnLabel) label = NULL;
  g_autoptr(GError) local = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *name = (const char *) sqlite3_column_text (stmt, 1);
  const char *color = (const char *) sqlite3_column_text (stmt, 2);
  double r, g, b;

  if (!cairn_name_check ("the name", name, &local))
    return cairn_store_bad_row (self, error, "label", id, local->message), NULL;
  if (!cairn_color_parse (color, &r, &g, &b))
    return cairn_store_bad_row (self, error, "label", id, "the colour is not #RRGGBB"), NULL;
  if (!cairn_store_check_text_column (self, stmt, 3, "label", id, error))
    return NULL;
  label = cairn_label_new (name);
  label->id = id;
  label->color = g_strdup (color);
  label->hotkey = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  label->parent_id = sqlite3_column_int64 (stmt, 4);
  /* Bits past the known kinds mean nothing. */
  label->kinds = sqlite3_column_int (stmt, 5) & ((1u << CAIRN_N_KINDS) - 1);
  attributes_from_json (label, (const char *) sqlite3_column_text (stmt, 6));
  if (!cairn_label_skeleton_from_json (label, (const char *) sqlite3_column_text (stmt, 7),
                                       &local))
    return cairn_store_bad_row (self, error, "label", id, local->message), NULL;
  return g_steal_pointer (&label);
}

static CairnLabel *
get_label (CairnStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  CairnLabel *label = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = label_from_row (self, stmt, error);
  else
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND, "no label %s", what);
  sqlite3_reset (stmt);
  return label;
}

CairnLabel *
cairn_store_get_label (CairnStore *self,
                       gint64      id,
                       GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " LABEL_COLUMNS " FROM labels WHERE id = ?", error);
  g_autofree char *what = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_label (self, stmt, what, error);
}

CairnLabel *
cairn_store_find_label (CairnStore *self,
                        const char *name,
                        GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " LABEL_COLUMNS " FROM labels WHERE name = ?", error);
  g_autofree char *what = g_strdup_printf ("called “%s”", name);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return get_label (self, stmt, what, error);
}

GPtrArray *
cairn_store_list_labels (CairnStore *self,
                         GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " LABEL_COLUMNS " FROM labels ORDER BY id", error);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_label_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnLabel *label = label_from_row (self, stmt, error);

      if (label == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (labels, label);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&labels);
}

static gboolean
insert_guideline (CairnStore *self, const char *title, const char *markdown,
                  const char *summary, gint *version, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO guidelines (version, title, body, created, author_id, summary)"
    " VALUES ((SELECT coalesce (max (version), 0) + 1 FROM guidelines), ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, markdown, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, cairn_store_now ());
  if (self->actor)
    sqlite3_bind_int64 (stmt, 4, self->actor);
  sqlite3_bind_text (stmt, 5, summary, -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "adding a guideline version", error))
    return FALSE;
  *version = (gint) sqlite3_last_insert_rowid (self->db);
  cairn_store_forget_cache (self);
  return cairn_store_log (self, "insert", "guideline", *version, NULL, title, error);
}

gint
cairn_store_add_guideline (CairnStore *self,
                           const char *title,
                           const char *markdown,
                           GError    **error)
{
  return cairn_store_add_guideline_version (self, title, markdown, NULL, error);
}

gint
cairn_store_add_guideline_version (CairnStore *self,
                                   const char *title,
                                   const char *markdown,
                                   const char *summary,
                                   GError    **error)
{
  gint version = 0;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && markdown != NULL, 0);
  if (!g_utf8_validate (markdown, -1, NULL) || (title && !g_utf8_validate (title, -1, NULL))
      || (summary && !g_utf8_validate (summary, -1, NULL)))
    {
      g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                           "a guideline must be UTF-8 text");
      return 0;
    }
  if (!cairn_store_begin (self, error))
    return 0;
  if (!insert_guideline (self, title, markdown, summary, &version, error))
    {
      cairn_store_rollback (self);
      return 0;
    }
  return cairn_store_commit (self, error) ? version : 0;
}

gint
cairn_store_get_guideline_version (CairnStore *self)
{
  sqlite3_stmt *stmt;

  if (self->guideline_version >= 0)
    return self->guideline_version;
  stmt = cairn_store_statement (self, "SELECT coalesce (max (version), 0) FROM guidelines", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->guideline_version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return MAX (self->guideline_version, 0);
}

char *
cairn_store_get_guideline (CairnStore *self,
                           gint        version,
                           char      **title,
                           GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT title, body FROM guidelines WHERE version = ?", error);
  char *body = NULL;

  if (stmt == NULL)
    return NULL;
  if (version <= 0)
    version = cairn_store_get_guideline_version (self);
  sqlite3_bind_int (stmt, 1, version);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (title)
        *title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                 "no guideline version %d", version);
  sqlite3_reset (stmt);
  return body;
}

gint64
cairn_store_add_edge_case (CairnStore *self,
                           gint64      item_id,
                           const char *title,
                           const char *markdown,
                           GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO edge_cases (guideline_version, item_id, title, body, created)"
    " VALUES (nullif (?, 0), nullif (?, 0), ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, cairn_store_get_guideline_version (self));
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, markdown, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, cairn_store_now ());
  if (!cairn_store_step_done (self, stmt, "adding an edge-case note", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}
