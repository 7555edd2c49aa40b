#define G_LOG_DOMAIN "cairn-store"

#include "cairn-store-private.h"
#include "model/cairn-json.h"
#include "model/cairn-json-text.h"
#include "model/cairn-name.h"

/* The writer and parser of model/cairn-json-text.h: a JsonGenerator or a JsonParser per row
 * was a quarter of a COCO export. */
static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;
  GString *out;

  if (object == NULL || json_object_get_size (object) == 0)
    return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  out = g_string_sized_new (64);
  cairn_json_text_append (out, node);
  return g_string_free (out, FALSE);
}

/* Files written before cairn-json-text hold json-glib's own text, which the strict parser can
 * refuse (raw control characters, "inf.0"): json-glib reads those back. */
static JsonObject *
object_from_json (const char *json)
{
  g_autoptr(JsonNode) root = json ? cairn_json_text_parse (json, -1, NULL) : NULL;

  /* json-glib 1.6 leaks all but the last of several values: one value only. */
  if (root == NULL && json && cairn_json_is_single_value (json, strlen (json))
      && cairn_json_check_limits (json, -1, NULL))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, json, -1, NULL) && cairn_json_root_object (parser))
        return json_object_ref (cairn_json_root_object (parser));
    }
  if (root && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

char *
cairn_store_object_to_json (JsonObject *object)
{
  return object_to_json (object);
}

JsonObject *
cairn_store_object_from_json (const char *json)
{
  return object_from_json (json);
}

gint64
cairn_store_ensure_annotator (CairnStore *self,
                              const char *name,
                              const char *role,
                              GError    **error)
{
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (name != NULL, 0);
  if (!cairn_name_check ("annotator name", name, &local))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "%s", local->message);
      return 0;
    }
  stmt = cairn_store_statement (self, "SELECT id FROM annotators WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id)
    return id;
  stmt = cairn_store_statement (self, "INSERT INTO annotators (name, role) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, role ? role : "annotator", -1, SQLITE_STATIC);
  if (!cairn_store_step_done (self, stmt, "adding an annotator", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
cairn_store_list_annotators (CairnStore *self,
                             GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id, name, role FROM annotators ORDER BY id", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_annotator_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CairnAnnotator *a = g_new0 (CairnAnnotator, 1);
      a->id = sqlite3_column_int64 (stmt, 0);
      a->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, a);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

static char *
item_to_json (const CairnItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, cairn_item_kind_to_string (item->kind));
  if (item->uri)
    {
      json_builder_set_member_name (b, "uri");
      json_builder_add_string_value (b, item->uri);
    }
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, cairn_item_state_to_string (item->state));
  if (item->split)
    {
      json_builder_set_member_name (b, "split");
      json_builder_add_string_value (b, item->split);
    }
  json_builder_set_member_name (b, "meta");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), item->meta));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
bind_item (sqlite3_stmt *stmt, const CairnItem *item, char **meta, char **name)
{
  *meta = object_to_json (item->meta);
  *name = item->uri ? g_path_get_basename (item->uri) : NULL;
  sqlite3_bind_text (stmt, 14, *name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 1, item->kind);
  sqlite3_bind_text (stmt, 2, item->uri, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, item->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, item->width);
  sqlite3_bind_int (stmt, 5, item->height);
  sqlite3_bind_int (stmt, 6, item->orientation);
  sqlite3_bind_int64 (stmt, 7, item->duration_ms);
  sqlite3_bind_text (stmt, 8, item->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, *meta, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, item->split, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, item->state);
  sqlite3_bind_int (stmt, 12, item->flags);
}

/* What item_from_row would refuse is never written. */
static gboolean
check_item (const CairnItem *item, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (item->split && !cairn_split_check (item->split, &local))
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID, "%s", local->message);
      return FALSE;
    }
  if ((item->text && !g_utf8_validate (item->text, -1, NULL))
      || (item->uri && !g_utf8_validate (item->uri, -1, NULL)))
    {
      g_set_error_literal (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                           "an item's text or file name is not valid UTF-8");
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_item (CairnStore *self, CairnItem *item, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "INSERT INTO items (kind, uri, sha256, width, height, orientation, duration_ms, text, meta,"
    " split, state, flags, created, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  g_autofree char *meta = NULL, *name = NULL;
  g_autofree char *after = NULL;

  if (stmt == NULL || !check_item (item, error))
    return FALSE;
  item->created = cairn_store_now ();
  bind_item (stmt, item, &meta, &name);
  sqlite3_bind_int64 (stmt, 13, item->created);
  if (!cairn_store_step_done (self, stmt, "adding an item", error))
    return FALSE;
  item->id = sqlite3_last_insert_rowid (self->db);
  if (item->blob)
    {
      gsize size;
      const void *data = g_bytes_get_data (item->blob, &size);

      stmt = cairn_store_statement (self, "INSERT INTO media (item_id, data) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
      if (!cairn_store_step_done (self, stmt, "embedding media", error))
        return FALSE;
    }
  if (cairn_store_bulk_tally (self, "item", item->id))
    return TRUE;
  after = item_to_json (item);
  return cairn_store_log (self, "insert", "item", item->id, NULL, after, error);
}

gboolean
cairn_store_add_item (CairnStore *self,
                      CairnItem  *item,
                      GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && item != NULL, FALSE);
  CAIRN_STORE_ATOMIC (self, error, insert_item (self, item, error));
}

static gboolean
update_item (CairnStore *self, CairnItem *item, GError **error)
{
  g_autoptr(CairnItem) before = cairn_store_get_item (self, item->id, error);
  sqlite3_stmt *stmt;
  g_autofree char *meta = NULL, *name = NULL, *before_json = NULL, *after_json = NULL;

  if (before == NULL || !check_item (item, error))
    return FALSE;
  stmt = cairn_store_statement (self,
    "UPDATE items SET kind = ?, uri = ?, sha256 = ?, width = ?, height = ?, orientation = ?,"
    " duration_ms = ?, text = ?, meta = ?, split = ?, state = ?, flags = ?, name = ?14"
    " WHERE id = ?13", error);
  if (stmt == NULL)
    return FALSE;
  bind_item (stmt, item, &meta, &name);
  sqlite3_bind_int64 (stmt, 13, item->id);
  if (!cairn_store_step_done (self, stmt, "updating an item", error))
    return FALSE;
  before_json = item_to_json (before);
  after_json = item_to_json (item);
  return cairn_store_log (self, "update", "item", item->id, before_json, after_json, error);
}

gboolean
cairn_store_update_item (CairnStore *self,
                         CairnItem  *item,
                         GError    **error)
{
  g_return_val_if_fail (CAIRN_IS_STORE (self) && item != NULL && item->id > 0, FALSE);
  CAIRN_STORE_ATOMIC (self, error, update_item (self, item, error));
}

#define ITEM_COLUMNS \
  "id, kind, uri, sha256, width, height, orientation, duration_ms, text, meta, split, state," \
  " flags, created"

/* A project file may come from anyone: a row the model could not have written is an error
 * naming the item, never a value that indexes a table or walks past a string. */
gboolean
cairn_store_bad_row (CairnStore *self,
                     GError    **error,
                     const char *what,
                     gint64      id,
                     const char *problem)
{
  g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_CORRUPT, "%s: %s %" G_GINT64_FORMAT
               ": %s", self->path, what, id, problem);
  return FALSE;
}

gboolean
cairn_store_check_text_column (CairnStore   *self,
                               sqlite3_stmt *stmt,
                               int           column,
                               const char   *what,
                               gint64        id,
                               GError      **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autofree char *problem = NULL;

  if (text == NULL || g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL))
    return TRUE;
  problem = g_strdup_printf ("%s is not valid UTF-8", sqlite3_column_name (stmt, column));
  return cairn_store_bad_row (self, error, what, id, problem);
}

static CairnItem *
item_from_row (CairnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  int kind = sqlite3_column_int (stmt, 1), state = sqlite3_column_int (stmt, 11);
  CairnItem *item;

  if (kind < 0 || kind >= CAIRN_N_ITEM_KINDS)
    return cairn_store_bad_row (self, error, "item", id, "unknown kind"), NULL;
  if (state < 0 || state >= CAIRN_N_STATES)
    return cairn_store_bad_row (self, error, "item", id, "unknown state"), NULL;
  if (sqlite3_column_int64 (stmt, 4) < 0 || sqlite3_column_int64 (stmt, 4) > G_MAXINT
      || sqlite3_column_int64 (stmt, 5) < 0 || sqlite3_column_int64 (stmt, 5) > G_MAXINT
      || sqlite3_column_int64 (stmt, 7) < 0)
    return cairn_store_bad_row (self, error, "item", id, "negative or impossible size"), NULL;
  if (!cairn_store_check_text_column (self, stmt, 2, "item", id, error)
      || !cairn_store_check_text_column (self, stmt, 8, "item", id, error))
    return NULL;
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL
      && !cairn_split_check ((const char *) sqlite3_column_text (stmt, 10), &local))
    return cairn_store_bad_row (self, error, "item", id, local->message), NULL;
  item = cairn_item_new (kind);
  item->id = id;
  item->uri = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  item->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  item->width = sqlite3_column_int (stmt, 4);
  item->height = sqlite3_column_int (stmt, 5);
  item->orientation = CLAMP (sqlite3_column_int (stmt, 6), 0, 8);
  item->duration_ms = sqlite3_column_int64 (stmt, 7);
  item->text = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  json_object_unref (item->meta);
  item->meta = object_from_json ((const char *) sqlite3_column_text (stmt, 9));
  item->split = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  item->state = state;
  item->flags = sqlite3_column_int (stmt, 12);
  item->created = sqlite3_column_int64 (stmt, 13);
  return item;
}

CairnItem *
cairn_store_get_item (CairnStore *self,
                      gint64      id,
                      GError    **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT " ITEM_COLUMNS " FROM items WHERE id = ?", error);
  CairnItem *item;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "%s: no item %" G_GINT64_FORMAT, self->path, id);
      return NULL;
    }
  item = item_from_row (self, stmt, error);
  sqlite3_reset (stmt);
  return item;
}

gboolean
cairn_store_get_item_state (CairnStore     *self,
                            gint64          id,
                            CairnItemState *state,
                            GError        **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, "SELECT state FROM items WHERE id = ?",
                                              error);
  int value;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "%s: no item %" G_GINT64_FORMAT, self->path, id);
      return FALSE;
    }
  value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (value < 0 || value >= CAIRN_N_STATES)
    return cairn_store_bad_row (self, error, "item", id, "unknown state");
  *state = value;
  return TRUE;
}

/* One range scan merged with the sorted ids: a query per item was most of an export's setup
 * (50 000 images). Rows between them that were not asked for are stepped over unread. */
static gboolean
foreach_item_in_range (CairnStore   *self,
                       sqlite3_stmt *stmt,
                       GArray       *ids,
                       CairnItemFunc func,
                       gpointer      user_data,
                       GError      **error)
{
  guint next = 0;
  int rc = SQLITE_DONE;

  while (next < ids->len && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 wanted = g_array_index (ids, gint64, next);
      g_autoptr(CairnItem) item = NULL;

      if (id < wanted)
        continue;
      if (id > wanted)
        break;
      next++;
      item = item_from_row (self, stmt, error);
      if (item == NULL)
        return FALSE;
      if (!func (item, user_data))
        return TRUE;
    }
  if (next < ids->len && rc != SQLITE_ROW && rc != SQLITE_DONE)
    return cairn_store_fail (self, error, "listing items");
  if (next < ids->len)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "%s: no item %" G_GINT64_FORMAT, self->path,
                   g_array_index (ids, gint64, next));
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_store_foreach_item (CairnStore   *self,
                          GArray       *ids,
                          CairnItemFunc func,
                          gpointer      user_data,
                          GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (CAIRN_IS_STORE (self) && ids != NULL && func != NULL, FALSE);
  g_return_val_if_fail (cairn_item_ids_ascending (ids), FALSE);
  if (ids->len == 0)
    return TRUE;
  /* A statement of its own, so func may use the store meanwhile. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT " ITEM_COLUMNS " FROM items WHERE id BETWEEN ?1 AND ?2"
                          " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return cairn_store_fail (self, error, "listing items");
  sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, 0));
  sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, ids->len - 1));
  ok = foreach_item_in_range (self, stmt, ids, func, user_data, error);
  sqlite3_finalize (stmt);
  return ok;
}

static gint64
find_item (CairnStore *self, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = cairn_store_statement (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL || value == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
cairn_store_find_item_by_sha256 (CairnStore *self,
                                 const char *sha256)
{
  return find_item (self, "SELECT id FROM items WHERE sha256 = ? ORDER BY id LIMIT 1", sha256);
}

gint64
cairn_store_find_item_by_uri (CairnStore *self,
                              const char *uri)
{
  return find_item (self, "SELECT id FROM items WHERE uri = ? ORDER BY id LIMIT 1", uri);
}

gint64
cairn_store_find_item_by_basename (CairnStore            *self,
                                   const char            *basename,
                                   const CairnItemFilter *filter)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id FROM items WHERE name = ?1 AND (?2 < 0 OR kind = ?2) ORDER BY id LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL || basename == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, basename, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, filter ? filter->kind : -1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The filter's assignee as parameter 4 (kind, state and split are 1 to 3). */
#define ASSIGNED_TO_4 \
  " AND (?4 = 0 OR id IN (SELECT item_id FROM assignments WHERE annotator_id = ?4))"

static void
bind_filter (sqlite3_stmt *stmt, const CairnItemFilter *filter)
{
  sqlite3_bind_int (stmt, 1, filter->kind);
  sqlite3_bind_int (stmt, 2, filter->state);
  sqlite3_bind_text (stmt, 3, filter->split, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, filter->assignee);
}

GArray *
cairn_store_list_item_ids (CairnStore            *self,
                           const CairnItemFilter *filter,
                           GError               **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id FROM items WHERE (?1 < 0 OR kind = ?1) AND (?2 < 0 OR state = ?2)"
    " AND (?3 IS NULL OR split = ?3)" ASSIGNED_TO_4 " ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CairnItemFilter any = CAIRN_ITEM_FILTER_ANY;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (filter == NULL)
    filter = &any;
  bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cairn_store_fail (self, error, "listing items");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gint64
cairn_store_count_items (CairnStore *self,
                         gint        kind)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT count(*) FROM items WHERE ?1 < 0 OR kind = ?1", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, kind);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static GBytes *
load_media (CairnStore *self, const CairnItem *item, gboolean *from_file, GError **error)
{
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT data FROM media WHERE item_id = ?", error);
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GBytes *bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      sqlite3_reset (stmt);
      return bytes;
    }
  sqlite3_reset (stmt);
  if (item->uri == NULL)
    {
      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND,
                   "item %" G_GINT64_FORMAT " has no media", item->id);
      return NULL;
    }
  path = cairn_store_resolve_uri (self, item->uri);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  *from_file = TRUE;
  return g_bytes_new_take (contents, length);
}

gint64
cairn_store_next_unlabelled_item (CairnStore            *self,
                                  gint64                 after_id,
                                  const CairnItemFilter *filter,
                                  GError               **error)
{
  /* Walks items in id order (the list's) and stops at the first without a live annotation:
   * the annotations_item index answers each probe. */
  sqlite3_stmt *stmt = cairn_store_statement (self,
    "SELECT id FROM items WHERE (?1 < 0 OR kind = ?1) AND (?2 < 0 OR state = ?2)"
    " AND (?3 IS NULL OR split = ?3)" ASSIGNED_TO_4 " AND id > ?5 AND NOT EXISTS"
    " (SELECT 1 FROM annotations a WHERE a.item_id = items.id AND a.deleted = 0)"
    " ORDER BY id LIMIT 1", error);
  CairnItemFilter any = CAIRN_ITEM_FILTER_ANY;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CAIRN_IS_STORE (self), 0);
  if (stmt == NULL)
    return 0;
  if (filter == NULL)
    filter = &any;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 5, after_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    cairn_store_fail (self, error, "looking for an unlabelled item");
  return id;
}

GBytes *
cairn_store_load_media (CairnStore      *self,
                        const CairnItem *item,
                        GError         **error)
{
  gboolean from_file = FALSE;

  return load_media (self, item, &from_file, error);
}

GBytes *
cairn_store_load_verified_media (CairnStore      *self,
                                 const CairnItem *item,
                                 GError         **error)
{
  gboolean from_file = FALSE;
  g_autoptr(GBytes) bytes = load_media (self, item, &from_file, error);
  g_autofree char *sha = NULL;

  if (bytes == NULL || !from_file)
    return g_steal_pointer (&bytes);
  /* The uri of a project from elsewhere may name any file on this machine. */
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (item->sha256 == NULL || g_ascii_strcasecmp (sha, item->sha256) != 0)
    {
      g_autofree char *path = cairn_store_resolve_uri (self, item->uri);

      g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_INVALID,
                   item->sha256 ? "%s: not the file that was imported (its SHA-256 differs); "
                                  "not copied"
                                : "%s: never verified by an import (no SHA-256); not copied",
                   path);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}
