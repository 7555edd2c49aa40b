#define G_LOG_DOMAIN "cairn-team"

#include "cairn-team.h"

G_DEFINE_QUARK (cairn-team-error-quark, cairn_team_error)

CairnRole
cairn_role_from_string (const char *name)
{
  if (g_strcmp0 (name, "admin") == 0)
    return CAIRN_ROLE_ADMIN;
  if (g_strcmp0 (name, "reviewer") == 0)
    return CAIRN_ROLE_REVIEWER;
  if (g_strcmp0 (name, "annotator") == 0)
    return CAIRN_ROLE_ANNOTATOR;
  return CAIRN_ROLE_NONE;
}

CairnRole
cairn_team_get_role (CairnStore *store,
                     gint64      annotator_id)
{
  g_autofree char *role = NULL;

  g_return_val_if_fail (CAIRN_IS_STORE (store), CAIRN_ROLE_NONE);
  if (annotator_id == 0)
    return CAIRN_ROLE_NONE;
  role = cairn_store_dup_annotator_role (store, annotator_id);
  return cairn_role_from_string (role);
}

gboolean
cairn_role_can_review (CairnRole role)
{
  return role != CAIRN_ROLE_ANNOTATOR;
}

gboolean
cairn_role_can_administer (CairnRole role)
{
  return role == CAIRN_ROLE_ADMIN || role == CAIRN_ROLE_NONE;
}

static gboolean
append_end_uid (CairnStore *store, GString *out, double end, GError **error)
{
  g_autoptr(CairnAnnotation) target = cairn_store_get_annotation (store, (gint64) end, error);
  g_autofree char *uid = NULL;

  if (target == NULL)
    return FALSE;
  uid = cairn_store_dup_annotation_uid (store, target);
  g_string_append_printf (out, "%s,", uid);
  return TRUE;
}

char *
cairn_team_digest (CairnStore            *store,
                   const CairnAnnotation *annotation,
                   GError               **error)
{
  g_autoptr(CairnAnnotation) copy = cairn_annotation_copy (annotation);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (annotation->label_id)
    {
      g_autoptr(CairnLabel) label = cairn_store_get_label (store, annotation->label_id, error);

      if (label == NULL)
        return NULL;
      g_string_append (text, label->name);
    }
  g_string_append_c (text, '\n');
  if (annotation->kind == CAIRN_KIND_RELATION && annotation->coords->len == 2)
    {
      const double *ends = (const double *) annotation->coords->data;

      for (int k = 0; k < 2; k++)
        if (!append_end_uid (store, text, ends[k], error))
          return NULL;
      g_array_index (copy->coords, double, 0) = 0;
      g_array_index (copy->coords, double, 1) = 0;
    }
  g_string_append_c (text, '\n');
  copy->id = copy->item_id = copy->label_id = copy->annotator_id = 0;
  node = cairn_annotation_to_json_node (copy);
  json = json_to_string (node, FALSE);
  g_string_append (text, json);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
}

char *
cairn_team_item_key (gint64 item_id)
{
  return g_strdup_printf ("item:%" G_GINT64_FORMAT, item_id);
}
