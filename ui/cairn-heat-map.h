#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A square matrix of counts drawn as a heat map: names on both axes, the count in each cell,
 * the diagonal (same name on both axes) in one hue and the rest in another, darker for more.
 * A click, or Enter on the cell chosen with the arrows, emits "cell-activated". */
#define CAIRN_TYPE_HEAT_MAP (cairn_heat_map_get_type ())
G_DECLARE_FINAL_TYPE (CairnHeatMap, cairn_heat_map, CAIRN, HEAT_MAP, GtkWidget)

GtkWidget  *cairn_heat_map_new             (void);
/* counts: n × n, row-major; copied. */
void        cairn_heat_map_set_matrix      (CairnHeatMap       *self,
                                            const char * const *names,
                                            guint               n,
                                            const guint        *counts);
/* What the rows and the columns stand for, written beside the axes. */
void        cairn_heat_map_set_titles      (CairnHeatMap *self,
                                            const char   *rows,
                                            const char   *columns);
guint       cairn_heat_map_get_size        (CairnHeatMap *self);
const char *cairn_heat_map_get_name        (CairnHeatMap *self,
                                            guint         i);
guint       cairn_heat_map_get_count       (CairnHeatMap *self,
                                            guint         row,
                                            guint         column);
/* Where cells are in the last allocation, for clicks (and tests). */
gboolean    cairn_heat_map_cell_at         (CairnHeatMap *self,
                                            double        x,
                                            double        y,
                                            guint        *row,
                                            guint        *column);
gboolean    cairn_heat_map_get_cell_bounds (CairnHeatMap    *self,
                                            guint            row,
                                            guint            column,
                                            graphene_rect_t *bounds);
/* The outlined cell; row < 0 for none. */
void        cairn_heat_map_select          (CairnHeatMap *self,
                                            int           row,
                                            int           column);
gboolean    cairn_heat_map_get_selected    (CairnHeatMap *self,
                                            guint        *row,
                                            guint        *column);
/* Selects the cell and emits "cell-activated", as a click does. */
void        cairn_heat_map_activate_cell   (CairnHeatMap *self,
                                            guint         row,
                                            guint         column);

G_END_DECLS
