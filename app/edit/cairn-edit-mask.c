#define G_LOG_DOMAIN "cairn-edit"

/* A change of a mask is kept in the log as the rectangle it changed, before and after, not as
 * the whole mask twice: a stroke on a 24-megapixel mask is a few kilobytes, not hundreds.
 * Undo and redo paste the rectangle into the mask the row holds, once its digest shows it is
 * the one the edit left (or found). */

#include "model/cairn-json.h"
#include "model/cairn-rle-patch.h"
#include "cairn-edit-private.h"

struct _CairnEditMaskPatch
{
  guint  x;
  guint  y;
  guint  height;          /* the whole mask's */
  guint  width;
  char  *digest_before;   /* of the whole mask, before and after */
  char  *digest_after;
};

void
cairn_edit_mask_patch_free (CairnEditMaskPatch *patch)
{
  if (patch == NULL)
    return;
  g_free (patch->digest_before);
  g_free (patch->digest_after);
  g_free (patch);
}

static gboolean
is_mask (const CairnAnnotation *a)
{
  return a != NULL && a->kind == CAIRN_KIND_MASK && a->mask != NULL;
}

static void
add_node (JsonBuilder *b, const char *name, const CairnAnnotation *a, CairnRle *mask)
{
  g_autoptr(CairnAnnotation) part = cairn_annotation_copy (a);
  JsonNode *node;

  cairn_annotation_set_mask (part, mask);
  node = cairn_annotation_to_json_node (part);
  json_object_set_int_member (json_node_get_object (node), "guideline", a->guideline_version);
  json_builder_set_member_name (b, name);
  json_builder_add_value (b, node);
}

gboolean
cairn_edit_mask_patch_to_json (JsonBuilder           *b,
                               const CairnEditChange *c)
{
  const CairnRle *before, *after;
  guint x, y, w, h;
  g_autofree char *digest_before = NULL;
  g_autofree char *digest_after = NULL;

  if (c->patch == NULL && (!is_mask (c->before) || !is_mask (c->after)))
    return FALSE;
  if (c->patch != NULL)
    {
      /* Read from the log: the annotations hold the rectangles already. */
      add_node (b, "before", c->before, cairn_rle_copy (c->before->mask));
      add_node (b, "after", c->after, cairn_rle_copy (c->after->mask));
      x = c->patch->x;
      y = c->patch->y;
      h = c->patch->height;
      w = c->patch->width;
      digest_before = g_strdup (c->patch->digest_before);
      digest_after = g_strdup (c->patch->digest_after);
    }
  else
    {
      before = c->before->mask;
      after = c->after->mask;
      if (before->width != after->width || before->height != after->height
          || !cairn_rle_diff_bounds (before, after, &x, &y, &w, &h))
        return FALSE;
      add_node (b, "before", c->before, cairn_rle_crop (before, x, y, w, h));
      add_node (b, "after", c->after, cairn_rle_crop (after, x, y, w, h));
      h = before->height;
      w = before->width;
      digest_before = cairn_rle_dup_digest (before);
      digest_after = cairn_rle_dup_digest (after);
    }
  json_builder_set_member_name (b, "patch");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "at");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, x);
  json_builder_add_int_value (b, y);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "size");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, h);
  json_builder_add_int_value (b, w);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "before");
  json_builder_add_string_value (b, digest_before);
  json_builder_set_member_name (b, "after");
  json_builder_add_string_value (b, digest_after);
  json_builder_end_object (b);
  return TRUE;
}

static gboolean
read_pair (JsonObject *o, const char *name, double limit, guint *a, guint *b)
{
  JsonArray *array = cairn_json_array (o, name);
  double va, vb;

  if (array == NULL || json_array_get_length (array) != 2
      || !cairn_json_node_number (json_array_get_element (array, 0), &va)
      || !cairn_json_node_number (json_array_get_element (array, 1), &vb)
      || va < 0 || vb < 0 || va > limit || vb > limit || va != (guint) va || vb != (guint) vb)
    return FALSE;
  *a = (guint) va;
  *b = (guint) vb;
  return TRUE;
}

gboolean
cairn_edit_mask_patch_from_json (JsonObject      *o,
                                 CairnEditChange *c)
{
  JsonObject *p = cairn_json_object (o, "patch");
  CairnEditMaskPatch *patch;

  if (p == NULL)
    return !json_object_has_member (o, "patch");
  if (!is_mask (c->before) || !is_mask (c->after))
    return FALSE;
  patch = g_new0 (CairnEditMaskPatch, 1);
  c->patch = patch;
  patch->digest_before = g_strdup (cairn_json_string (p, "before"));
  patch->digest_after = g_strdup (cairn_json_string (p, "after"));
  /* The rectangles must lie in the mask, both the same size. */
  return read_pair (p, "at", 65535, &patch->x, &patch->y)
         && read_pair (p, "size", 65535, &patch->height, &patch->width)
         && patch->digest_before != NULL && patch->digest_after != NULL
         && c->before->mask->width == c->after->mask->width
         && c->before->mask->height == c->after->mask->height
         && (guint64) patch->x + c->before->mask->width <= patch->width
         && (guint64) patch->y + c->before->mask->height <= patch->height;
}

/* Everything but the mask as expected, and the mask the one the digest names. */
static gboolean
matches (const CairnAnnotation *current, const CairnAnnotation *expected, const char *digest,
         const CairnEditMaskPatch *patch)
{
  g_autoptr(CairnAnnotation) a = NULL;
  g_autoptr(CairnAnnotation) b = NULL;
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;
  g_autofree char *sum = NULL;

  if (!is_mask (current) || current->mask->width != patch->width
      || current->mask->height != patch->height
      || current->guideline_version != expected->guideline_version)
    return FALSE;
  a = cairn_annotation_copy (current);
  b = cairn_annotation_copy (expected);
  cairn_annotation_set_mask (a, NULL);
  cairn_annotation_set_mask (b, NULL);
  na = cairn_annotation_to_json_node (a);
  nb = cairn_annotation_to_json_node (b);
  if (!json_node_equal (na, nb))
    return FALSE;
  sum = cairn_rle_dup_digest (current->mask);
  return g_str_equal (sum, digest);
}

gboolean
cairn_edit_mask_patch_apply (CairnEdit        *self,
                             CairnStore       *store,
                             CairnEditChange  *c,
                             gboolean          undoing,
                             GError          **error)
{
  const CairnAnnotation *from = undoing ? c->after : c->before;
  const CairnAnnotation *to = undoing ? c->before : c->after;
  const char *digest = undoing ? c->patch->digest_after : c->patch->digest_before;
  g_autoptr(GError) local = NULL;
  g_autoptr(CairnAnnotation) current = cairn_store_get_annotation (store, from->id, &local);
  g_autoptr(CairnAnnotation) result = NULL;

  if (current == NULL && !g_error_matches (local, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (current == NULL || !matches (current, from, digest, c->patch))
    return cairn_edit_conflict (self, store, undoing, "annotation", from->id, error);
  result = cairn_annotation_copy (to);
  cairn_annotation_set_mask (result, cairn_rle_paste (current->mask, to->mask, c->patch->x,
                                                      c->patch->y));
  return cairn_store_update_annotation (store, result, error);
}
