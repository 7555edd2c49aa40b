#pragma once

#include <gio/gio.h>

#include "cairn-mask-fill.h"

G_BEGIN_DECLS

/* Intelligent scissors: the cheapest path between two points over a cost that is low on the
 * image's edges (strong gradient), as CVAT's OpenCV tool finds it. The cost map is computed
 * once per image (in a thread: cairn_livewire_new_async); each anchor grows a tree of
 * cheapest paths over a window around it (cairn_livewire_set_anchor), after which the path
 * to wherever the pointer is costs only its own length (cairn_livewire_path_to). */
typedef struct _CairnLivewire CairnLivewire;
/* The cheapest paths from one anchor; made in a thread (cairn_livewire_grow_async) so a new
 * anchor never holds up the pointer. Plain data, read by the main thread once made. */
typedef struct _CairnLivewireTree CairnLivewireTree;

/* How far from the anchor paths are searched, in pixels each way. */
#define CAIRN_LIVEWIRE_RADIUS 400

CairnLivewire *cairn_livewire_new        (const CairnPixels *image,
                                          GCancellable      *cancellable);
CairnLivewire *cairn_livewire_ref        (CairnLivewire *self);
void           cairn_livewire_unref      (CairnLivewire *self);
guint          cairn_livewire_get_width  (CairnLivewire *self);
guint          cairn_livewire_get_height (CairnLivewire *self);
/* The struct is copied, its pixels are not: they are read in the thread, so the caller keeps
 * image->data alive until the callback (holds a reference to what owns it). */
void           cairn_livewire_new_async  (const CairnPixels   *image,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CairnLivewire *cairn_livewire_new_finish (GAsyncResult  *result,
                                          GError       **error);

/* The cost of stepping onto pixel (x, y), 1 (on a strong edge) to 255 (flat). */
guint8         cairn_livewire_cost       (CairnLivewire *self,
                                          guint          x,
                                          guint          y);
/* NULL when cancelled. Reads only the cost map: any thread, while a reference is held. */
CairnLivewireTree *cairn_livewire_grow   (CairnLivewire *self,
                                          int            x,
                                          int            y,
                                          GCancellable  *cancellable);
/* Holds a reference to self until done. */
void           cairn_livewire_grow_async (CairnLivewire       *self,
                                          int                  x,
                                          int                  y,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
CairnLivewireTree *cairn_livewire_grow_finish (GAsyncResult  *result,
                                               GError       **error);
void           cairn_livewire_tree_free  (CairnLivewireTree *tree);
void           cairn_livewire_tree_get_anchor (const CairnLivewireTree *tree,
                                               int                     *x,
                                               int                     *y);
GArray        *cairn_livewire_tree_path_to (const CairnLivewireTree *tree,
                                            int                      x,
                                            int                      y);
/* The same in the calling thread, kept in self for cairn_livewire_path_to. */
void           cairn_livewire_set_anchor (CairnLivewire *self,
                                          int            x,
                                          int            y);
/* The pixel path from the anchor to (x, y), as x, y pairs of pixel centres, anchor first;
 * past the searched window, it goes straight from the window's edge. */
GArray        *cairn_livewire_path_to    (CairnLivewire *self,
                                          int            x,
                                          int            y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnLivewire, cairn_livewire_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnLivewireTree, cairn_livewire_tree_free)

G_END_DECLS
