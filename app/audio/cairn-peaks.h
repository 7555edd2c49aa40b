#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A waveform's peaks: for each bin of 4 ms (250 a second, whatever the sample rate) the lowest
 * and highest sample and the RMS, as 16-bit values (full scale 32767), then coarser levels of
 * 4, 16, 64... bins for drawing a whole hour in a few hundred columns. Only the base level is
 * kept in the project file; the others are made from it in milliseconds. */

#define CAIRN_PEAKS_BINS_PER_SECOND 250
#define CAIRN_PEAKS_MAX_LEVELS      12
/* Base bins a cache may hold: a day of audio. */
#define CAIRN_PEAKS_MAX_BINS        (24u * 3600u * CAIRN_PEAKS_BINS_PER_SECOND)

typedef struct
{
  guint   factor;   /* base bins per bin */
  guint   n_bins;
  gint16 *min;
  gint16 *max;
} CairnPeaksLevel;

typedef struct
{
  guint           sample_rate;
  guint64         n_samples;
  guint           n_bins;      /* of the base level */
  gint16         *min;         /* = levels[0].min */
  gint16         *max;
  guint16        *rms;         /* base level only */
  guint           n_levels;    /* 0 until cairn_peaks_finish; then levels[0] is the base */
  CairnPeaksLevel levels[CAIRN_PEAKS_MAX_LEVELS];
  guint           allocated;
} CairnPeaks;

CairnPeaks *cairn_peaks_new         (guint             sample_rate);
void        cairn_peaks_free        (CairnPeaks       *self);
void        cairn_peaks_append      (CairnPeaks       *self,
                                     const gint16     *min,
                                     const gint16     *max,
                                     const guint16    *rms,
                                     guint             n_bins);
/* Makes the coarser levels (again, after appends). */
void        cairn_peaks_finish      (CairnPeaks       *self);
gint64      cairn_peaks_get_duration_ms (const CairnPeaks *self);
/* The lowest and highest sample in [start_ms, end_ms), in [-1, 1], from the coarsest level
 * whose bins are well inside the range (a drawn column); FALSE when nothing is there. */
gboolean    cairn_peaks_range       (const CairnPeaks *self,
                                     double            start_ms,
                                     double            end_ms,
                                     float            *min,
                                     float            *max);
/* RMS of [start_ms, end_ms) from the base bins, in [0, 1]. */
float       cairn_peaks_rms         (const CairnPeaks *self,
                                     double            start_ms,
                                     double            end_ms);
/* The quietest moment (lowest energy over 20 ms) within window_ms of ms, nearer ones winning
 * ties; ms itself when there are no peaks there. */
double      cairn_peaks_snap_to_silence (const CairnPeaks *self,
                                         double            ms,
                                         double            window_ms);

/* The cache's bytes: a header, then the base level compressed. */
GBytes     *cairn_peaks_serialize   (const CairnPeaks *self);
/* Refuses (error) what is not such bytes, or claims sizes it does not hold. */
CairnPeaks *cairn_peaks_deserialize (GBytes           *bytes,
                                     GError          **error);

/* Samples in, base bins out. */
typedef struct _CairnPeaksBuilder CairnPeaksBuilder;

CairnPeaksBuilder *cairn_peaks_builder_new    (void);
void               cairn_peaks_builder_add    (CairnPeaksBuilder *self,
                                               const float       *samples,
                                               gsize              n_samples,
                                               guint              rate);
/* The peaks so far (owned by the builder; bins may be appended while it lives). */
CairnPeaks        *cairn_peaks_builder_peek   (CairnPeaksBuilder *self);
/* The last partial bin closed, levels made; the builder is freed. */
CairnPeaks        *cairn_peaks_builder_finish (CairnPeaksBuilder *self);
void               cairn_peaks_builder_free   (CairnPeaksBuilder *self);

/* Decodes and computes in the calling thread. */
CairnPeaks *cairn_peaks_compute     (const char       *path,
                                     GBytes           *bytes,
                                     GCancellable     *cancellable,
                                     GError          **error);

/* The same in a worker thread. progress runs in the caller's main context about ten times a
 * second with the bins made since the last call (from bin first on), so a view can draw what
 * is known; callback gets the whole result (cairn_peaks_compute_finish). */
typedef void (*CairnPeaksProgress) (const CairnPeaks *chunk,
                                    guint             first,
                                    gpointer          user_data);

void        cairn_peaks_compute_async  (const char          *path,
                                        GBytes              *bytes,
                                        GCancellable        *cancellable,
                                        CairnPeaksProgress   progress,
                                        gpointer             progress_data,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
CairnPeaks *cairn_peaks_compute_finish (GAsyncResult        *result,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPeaks, cairn_peaks_free)

G_END_DECLS
