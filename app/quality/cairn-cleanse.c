#define G_LOG_DOMAIN "cairn-quality"

#include "cairn-cleanse.h"

CairnCleanseReport *
cairn_cleanse_run (CairnStore *store, const CairnCleanseOptions *options, GError **error)
{
  g_set_error (error, CAIRN_STORE_ERROR, CAIRN_STORE_ERROR_FAILED, "not yet");
  return NULL;
}

void
cairn_cleanse_report_free (CairnCleanseReport *self)
{
  g_free (self);
}

gboolean
cairn_cleanse_flag_items (CairnStore *store, CairnCleanseReport *report, GError **error)
{
  return TRUE;
}

void
cairn_cleanse_report_add_json (const CairnCleanseReport *self, JsonBuilder *builder)
{
}

char *
cairn_cleanse_report_to_text (const CairnCleanseReport *self)
{
  return g_strdup ("");
}
