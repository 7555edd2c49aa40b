#pragma once

#include <gtk/gtk.h>

#include "audio/cairn-peaks.h"

G_BEGIN_DECLS

/* The audio pane's waveform: the whole file (overview, with the detail's range marked), or a
 * zoomable stretch of it (detail) with a time ruler above and one lane per speaker below, where
 * transcript segments are drawn, made by dragging and resized by their edges. It draws what it
 * is given (peaks, segments: borrowed, the pane owns them) and says what the pointer did. */
#define CAIRN_TYPE_WAVEFORM (cairn_waveform_get_type ())
G_DECLARE_FINAL_TYPE (CairnWaveform, cairn_waveform, CAIRN, WAVEFORM, GtkWidget)

/* The shortest stretch the detail shows: a second across. */
#define CAIRN_WAVEFORM_MIN_SPAN_MS 1000.0

GtkWidget *cairn_waveform_new           (gboolean          overview);
/* peaks may be NULL (nothing yet) or still growing; call again to redraw after appending. */
void       cairn_waveform_set_peaks     (CairnWaveform    *self,
                                         const CairnPeaks *peaks,
                                         double            duration_ms);
/* segments: CairnAnnotation; lanes: their speakers' names (char *); lane_of[i] the lane of
 * segments->pdata[i]. All kept (referenced) until the next call. */
void       cairn_waveform_set_segments  (CairnWaveform    *self,
                                         GPtrArray        *segments,
                                         GPtrArray        *lanes,
                                         const guint      *lane_of);
void       cairn_waveform_set_selected  (CairnWaveform    *self,
                                         gint64            id);
/* The segment under the play head, drawn outlined. */
void       cairn_waveform_set_current   (CairnWaveform    *self,
                                         gint64            id);
void       cairn_waveform_set_position  (CairnWaveform    *self,
                                         double            ms);
/* The stretch the detail shows (or the overview marks). */
void       cairn_waveform_set_view      (CairnWaveform    *self,
                                         double            start_ms,
                                         double            end_ms);
void       cairn_waveform_get_view      (CairnWaveform    *self,
                                         double           *start_ms,
                                         double           *end_ms);
/* Zooms the detail by factor (> 1 closer) around ms. */
void       cairn_waveform_zoom          (CairnWaveform    *self,
                                         double            factor,
                                         double            around_ms);
/* Keeps ms in view, paging when it leaves (as a play head moves). */
void       cairn_waveform_follow        (CairnWaveform    *self,
                                         double            ms);
/* Shown over the waveform instead of it when set: "Reading the waveform…", an error. */
void       cairn_waveform_set_message   (CairnWaveform    *self,
                                         const char       *message);
/* Where x (widget pixels) is in time. */
double     cairn_waveform_x_to_ms       (CairnWaveform    *self,
                                         double            x);
double     cairn_waveform_ms_to_x       (CairnWaveform    *self,
                                         double            ms);
/* The y of a lane's middle, and of the waveform's (for tests driving the pointer). */
double     cairn_waveform_lane_y        (CairnWaveform    *self,
                                         guint             lane);
double     cairn_waveform_wave_y        (CairnWaveform    *self);
/* Frames drawn with every peak there (the bench's "drawn the first time"). */
guint      cairn_waveform_get_full_draws (CairnWaveform   *self);
/* Frames drawn with some peaks (while the rest are still being decoded, or all). */
guint      cairn_waveform_get_peak_draws (CairnWaveform   *self);

G_END_DECLS
