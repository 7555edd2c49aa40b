#pragma once

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Pictures in a guideline: ![alt](NAME). A local name (relative, no scheme, no "..") is a
 * picture kept in the project file with the version (cairn_store_add_guideline_image), read
 * from the folder of the Markdown when it is published from a file; a web address stays a
 * link, shown as its alt text (the window is offline). */
gboolean    cairn_guide_is_local_image (const char *url);
/* The distinct local picture names of markdown, in order (char *). */
GPtrArray  *cairn_guide_image_names    (const char *markdown);
/* name → GBytes for every local picture of markdown, read from dir: each must be a picture
 * GdkPixbuf knows, of at most CAIRN_GUIDE_IMAGE_MAX_BYTES, inside dir (symbolic links
 * included). Errors name the file and the problem. */
#define CAIRN_GUIDE_IMAGE_MAX_BYTES (32 * 1024 * 1024)
GHashTable *cairn_guide_read_images    (const char *markdown,
                                        const char *dir,
                                        GError    **error);
/* One of them: dir/name, checked as above. */
GBytes     *cairn_guide_read_image     (const char *name,
                                        const char *dir,
                                        GError    **error);
/* Keeps images (name → GBytes) as version shows them. */
gboolean    cairn_guide_store_images   (CairnStore *store,
                                        gint        version,
                                        GHashTable *images,
                                        GError    **error);
/* Checks bytes are a picture of at most the size above; name is for the message. */
gboolean    cairn_guide_check_image    (const char *name,
                                        GBytes     *bytes,
                                        GError    **error);

G_END_DECLS
