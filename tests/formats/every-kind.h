#pragma once

/* A project holding every item and annotation kind, with names that hostile data would use
 * (quotes, markup, non-ASCII, spaces): for the tests and fuzz targets that push a project
 * through every exporter. */

#include "store/cairn-store.h"

G_BEGIN_DECLS

/* Adds an image (a real PNG written into media_dir and imported from there), a second image
 * kept as a reference, a text and an audio item, their labels and one annotation of every
 * kind. */
void every_kind_fill (CairnStore *store,
                      const char *media_dir);

G_END_DECLS
