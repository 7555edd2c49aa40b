#define G_LOG_DOMAIN "cairn-team"

#include <glib/gstdio.h>

#include "cairn-package.h"

void
cairn_package_info_free (CairnPackageInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->annotator);
  g_free (self->path);
  g_free (self);
}

char *
cairn_package_file_part (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-')
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '_')
        g_string_append_c (out, '_');
      if (out->len > 80)
        break;
    }
  if (out->len == 0)
    g_string_append (out, "project");
  return g_string_free (out, FALSE);
}

typedef struct
{
  CairnStore *package;
  const char *instance;
  guint       n;
  GError    **error;
} Base;

static gboolean
record_annotation_cb (const CairnAnnotation *a, gpointer user_data)
{
  Base *base = user_data;
  g_autofree char *uid = cairn_store_dup_annotation_uid (base->package, a);
  g_autofree char *digest = cairn_team_digest (base->package, a, base->error);

  if (digest == NULL
      || !cairn_store_set_package_base (base->package, base->instance, uid, digest, base->error))
    return FALSE;
  base->n++;
  return TRUE;
}

static gboolean
record_item_cb (const CairnItem *item, gpointer user_data)
{
  Base *base = user_data;
  g_autofree char *key = cairn_team_item_key (item->id);

  return cairn_store_set_package_base (base->package, base->instance, key,
                                       cairn_item_state_to_string (item->state), base->error);
}

static gboolean
record_base (CairnStore *package, Base *base, GError **error)
{
  g_autoptr(GArray) ids = cairn_store_list_item_ids (package, NULL, error);
  g_autoptr(GError) local = NULL;

  if (ids == NULL)
    return FALSE;
  base->error = &local;
  if (!cairn_store_foreach_annotation (package, NULL, record_annotation_cb, base, error)
      || local != NULL
      || !cairn_store_foreach_item (package, ids, record_item_cb, base, error)
      || local != NULL)
    {
      if (local)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
cairn_package_record_base (CairnStore *package,
                           guint      *n_annotations,
                           GError    **error)
{
  g_autofree char *instance = cairn_store_dup_instance (package);
  Base base = { package, instance, 0, NULL };

  if (!cairn_store_begin (package, error))
    return FALSE;
  if (!record_base (package, &base, error))
    {
      cairn_store_rollback (package);
      return FALSE;
    }
  if (n_annotations)
    *n_annotations = base.n;
  return cairn_store_commit (package, error);
}

static gboolean
write_one (CairnStore *store, const char *out_dir, const char *project, CairnAnnotator *who,
           GArray *items, gboolean embed, GPtrArray *infos, GError **error)
{
  g_autofree char *who_part = cairn_package_file_part (who->name);
  g_autofree char *file = g_strdup_printf ("%s-%s.cairn", project, who_part);
  g_autofree char *path = g_build_filename (out_dir, file, NULL);
  g_autoptr(CairnStore) package = NULL;
  g_autoptr(CairnPackageInfo) info = g_new0 (CairnPackageInfo, 1);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FAILED,
                   "%s: already exists (merge it first, or write the packages elsewhere)", path);
      return FALSE;
    }
  if (!cairn_store_write_package (store, path, items, who->name, embed, error))
    return FALSE;
  package = cairn_store_open (path, error);
  if (package == NULL || !cairn_package_record_base (package, &info->annotations, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  info->annotator = g_strdup (who->name);
  info->path = g_steal_pointer (&path);
  info->items = items->len;
  g_ptr_array_add (infos, g_steal_pointer (&info));
  return TRUE;
}

GPtrArray *
cairn_package_write_all (CairnStore *store,
                         const char *out_dir,
                         gboolean    embed_media,
                         GError    **error)
{
  g_autoptr(GPtrArray) annotators = cairn_store_list_annotators (store, error);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (
    (GDestroyNotify) cairn_package_info_free);
  g_autofree char *name = cairn_store_dup_name (store);
  g_autofree char *project = cairn_package_file_part (name);

  if (annotators == NULL)
    return NULL;
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_FAILED, "%s: cannot make the folder: %s",
                   out_dir, g_strerror (errno));
      return NULL;
    }
  for (guint i = 0; i < annotators->len; i++)
    {
      CairnAnnotator *who = annotators->pdata[i];
      g_autoptr(GArray) items = cairn_store_list_assigned_items (store, who->id, error);

      if (items == NULL)
        return NULL;
      if (items->len > 0
          && !write_one (store, out_dir, project, who, items, embed_media, infos, error))
        return NULL;
    }
  if (infos->len == 0)
    {
      g_set_error_literal (error, CAIRN_TEAM_ERROR, CAIRN_TEAM_ERROR_INVALID,
                           "nobody is assigned any item (cairn assign, or package --annotators)");
      return NULL;
    }
  return g_steal_pointer (&infos);
}
