#pragma once

#include <gtk/gtk.h>

#include "audio/cairn-peaks.h"
#include "model/cairn-item.h"

G_BEGIN_DECLS

/* An audio item: its waveform (the whole file above, a zoomable detail with a ruler and a lane
 * per speaker below), playback, and its transcript segments, made by dragging on the
 * waveform, resized by their edges, typed into below (saved as one edit per pause) and listed.
 * Peaks come from the project's cache or a worker thread; the window never waits for them. */
#define CAIRN_TYPE_AUDIO_PANE (cairn_audio_pane_get_type ())
G_DECLARE_FINAL_TYPE (CairnAudioPane, cairn_audio_pane, CAIRN, AUDIO_PANE, GtkWidget)

/* Typing is saved after this long without a key. */
#define CAIRN_AUDIO_PANE_SAVE_DELAY_MS 700

GtkWidget  *cairn_audio_pane_new          (void);
/* For tests and the benchmark. */
GtkWidget  *cairn_audio_pane_get_detail   (CairnAudioPane *self);
GtkWidget  *cairn_audio_pane_get_overview (CairnAudioPane *self);
/* The peaks shown (NULL before any), and whether they are the whole file's. */
const CairnPeaks *cairn_audio_pane_get_peaks (CairnAudioPane *self,
                                              gboolean       *complete);
/* Where they came from: "cache" or "decoded" (NULL until complete). */
const char *cairn_audio_pane_get_peaks_source (CairnAudioPane *self);
/* The error the item shows (it does not decode), or NULL. */
const char *cairn_audio_pane_get_error    (CairnAudioPane *self);
gint64      cairn_audio_pane_get_selected (CairnAudioPane *self);
gint64      cairn_audio_pane_get_position (CairnAudioPane *self);
gboolean    cairn_audio_pane_is_playing   (CairnAudioPane *self);
/* The labels the palette offers beside the pane (segments' and transcript tags'). */
GPtrArray  *cairn_audio_pane_get_palette_labels (CairnAudioPane *self);
/* Saves typing not yet saved (as a pause would). */
void        cairn_audio_pane_flush        (CairnAudioPane *self);

G_END_DECLS
