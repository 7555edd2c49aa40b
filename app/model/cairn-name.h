#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names that come from files and end up in other files, terminals and folder names: label and
 * annotator names, splits. */

/* Valid UTF-8, no control characters (C0, DEL, C1), not empty or only spaces. what names the
 * thing in the message ("label name"); errors are CAIRN_MODEL_ERROR_INVALID. */
gboolean cairn_name_check   (const char *what,
                             const char *name,
                             GError    **error);
/* A split is a folder name in exports too: a name without '/', '\\', and not "." or "..". */
gboolean cairn_split_check  (const char *split,
                             GError    **error);
/* text for a message or a terminal: control characters and bytes that are not UTF-8 become
 * \xNN (newline \n), so a file name cannot move the cursor, recolour or split a line. */
char    *cairn_name_escape  (const char *text);

G_END_DECLS
