#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An RFC 4180 reader over a mapped file: quoted fields may hold commas, quotes ("") and
 * newlines; a UTF-8 BOM and CRLF line ends are accepted. */
typedef struct _CairnCsv CairnCsv;

#define CAIRN_CSV_ERROR (cairn_csv_error_quark ())
GQuark cairn_csv_error_quark (void);

typedef enum
{
  CAIRN_CSV_ERROR_PARSE,  /* malformed CSV: "FILE:LINE: ..." */
} CairnCsvError;

CairnCsv *cairn_csv_open     (const char *path,
                              GError    **error);
CairnCsv *cairn_csv_new_for_data (const char *data,
                                  gsize       length,
                                  const char *name);
/* The next row's fields, or NULL at the end (error unset) or on malformed input (error set:
 * "FILE:LINE: ..."). */
GStrv     cairn_csv_next_row (CairnCsv *self,
                              GError  **error);
/* The line on which the last row returned started (1-based). */
guint     cairn_csv_get_line (CairnCsv *self);
void      cairn_csv_free     (CairnCsv *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnCsv, cairn_csv_free)

G_END_DECLS
