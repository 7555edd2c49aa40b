#define G_LOG_DOMAIN "cairn-peaks"

#include <math.h>
#include <string.h>

#include "cairn-audio.h"
#include "cairn-peaks.h"

#define MAGIC "CAIRNPK1"
#define HEADER_SIZE (8 + 4 * 4 + 8)

CairnPeaks *
cairn_peaks_new (guint sample_rate)
{
  CairnPeaks *self = g_new0 (CairnPeaks, 1);

  self->sample_rate = sample_rate;
  return self;
}

static void
clear_levels (CairnPeaks *self)
{
  /* levels[0] borrows the base arrays. */
  for (guint i = 1; i < self->n_levels; i++)
    {
      g_free (self->levels[i].min);
      g_free (self->levels[i].max);
    }
  memset (self->levels, 0, sizeof self->levels);
  self->n_levels = 0;
}

void
cairn_peaks_free (CairnPeaks *self)
{
  if (self == NULL)
    return;
  clear_levels (self);
  g_free (self->min);
  g_free (self->max);
  g_free (self->rms);
  g_free (self);
}

static void
reserve (CairnPeaks *self, guint n)
{
  guint want;

  if (self->n_bins + n <= self->allocated)
    return;
  want = MAX (self->allocated * 2, self->n_bins + n);
  want = MAX (want, 1024);
  self->min = g_renew (gint16, self->min, want);
  self->max = g_renew (gint16, self->max, want);
  self->rms = g_renew (guint16, self->rms, want);
  self->allocated = want;
}

void
cairn_peaks_append (CairnPeaks    *self,
                    const gint16  *min,
                    const gint16  *max,
                    const guint16 *rms,
                    guint          n)
{
  g_return_if_fail (self != NULL);
  if (n == 0)
    return;
  clear_levels (self);
  reserve (self, n);
  memcpy (self->min + self->n_bins, min, n * sizeof (gint16));
  memcpy (self->max + self->n_bins, max, n * sizeof (gint16));
  memcpy (self->rms + self->n_bins, rms, n * sizeof (guint16));
  self->n_bins += n;
}

void
cairn_peaks_finish (CairnPeaks *self)
{
  g_return_if_fail (self != NULL);
  clear_levels (self);
  self->levels[0] = (CairnPeaksLevel) { 1, self->n_bins, self->min, self->max };
  self->n_levels = 1;
  /* Each level a quarter of the one below, down to a few dozen bins. */
  while (self->n_levels < CAIRN_PEAKS_MAX_LEVELS
         && self->levels[self->n_levels - 1].n_bins > 64)
    {
      const CairnPeaksLevel *below = &self->levels[self->n_levels - 1];
      CairnPeaksLevel *level = &self->levels[self->n_levels];

      level->factor = below->factor * 4;
      level->n_bins = (below->n_bins + 3) / 4;
      level->min = g_new (gint16, level->n_bins);
      level->max = g_new (gint16, level->n_bins);
      for (guint i = 0; i < level->n_bins; i++)
        {
          gint16 lo = G_MAXINT16, hi = G_MININT16;

          for (guint k = i * 4; k < MIN (i * 4 + 4, below->n_bins); k++)
            {
              lo = MIN (lo, below->min[k]);
              hi = MAX (hi, below->max[k]);
            }
          level->min[i] = lo;
          level->max[i] = hi;
        }
      self->n_levels++;
    }
}

gint64
cairn_peaks_get_duration_ms (const CairnPeaks *self)
{
  if (self->sample_rate > 0 && self->n_samples > 0)
    return (gint64) (self->n_samples * 1000 / self->sample_rate);
  return (gint64) self->n_bins * 1000 / CAIRN_PEAKS_BINS_PER_SECOND;
}

static double
bin_of (double ms)
{
  return ms * CAIRN_PEAKS_BINS_PER_SECOND / 1000.0;
}

gboolean
cairn_peaks_range (const CairnPeaks *self,
                   double            start_ms,
                   double            end_ms,
                   float            *min,
                   float            *max)
{
  gint64 b0, b1;
  const CairnPeaksLevel *level = NULL;
  gint16 lo = G_MAXINT16, hi = G_MININT16;

  g_return_val_if_fail (self != NULL, FALSE);
  b0 = (gint64) floor (bin_of (start_ms));
  b1 = (gint64) ceil (bin_of (end_ms));
  if (b1 <= b0)
    b1 = b0 + 1;
  b0 = MAX (b0, 0);
  b1 = MIN (b1, (gint64) self->n_bins);
  if (b0 >= b1)
    return FALSE;
  /* The coarsest level whose bins are an eighth of the range or less, for the bins wholly
   * inside; the base level for the ends, so the range is exact. */
  for (guint i = 1; i < self->n_levels; i++)
    if (self->levels[i].factor * 8 <= (guint64) (b1 - b0))
      level = &self->levels[i];
  if (level != NULL)
    {
      gint64 f = level->factor;
      gint64 i0 = (b0 + f - 1) / f, i1 = MIN (b1 / f, (gint64) level->n_bins);

      for (gint64 i = i0; i < i1; i++)
        {
          lo = MIN (lo, level->min[i]);
          hi = MAX (hi, level->max[i]);
        }
      for (gint64 i = b0; i < MIN (i0 * f, b1); i++)
        {
          lo = MIN (lo, self->min[i]);
          hi = MAX (hi, self->max[i]);
        }
      for (gint64 i = MAX (i1 * f, b0); i < b1; i++)
        {
          lo = MIN (lo, self->min[i]);
          hi = MAX (hi, self->max[i]);
        }
    }
  else
    for (gint64 i = b0; i < b1; i++)
      {
        lo = MIN (lo, self->min[i]);
        hi = MAX (hi, self->max[i]);
      }
  *min = lo / 32767.0f;
  *max = hi / 32767.0f;
  return TRUE;
}

float
cairn_peaks_rms (const CairnPeaks *self,
                 double            start_ms,
                 double            end_ms)
{
  gint64 b0 = MAX ((gint64) floor (bin_of (start_ms)), 0);
  gint64 b1 = MIN ((gint64) ceil (bin_of (end_ms)), (gint64) self->n_bins);
  double sum = 0;

  if (b1 <= b0)
    return 0;
  for (gint64 i = b0; i < b1; i++)
    sum += (double) self->rms[i] * self->rms[i];
  return (float) (sqrt (sum / (b1 - b0)) / 32767.0);
}

double
cairn_peaks_snap_to_silence (const CairnPeaks *self,
                             double            ms,
                             double            window_ms)
{
  gint64 centre = (gint64) floor (bin_of (ms));
  gint64 reach = (gint64) ceil (bin_of (window_ms));
  gint64 best = -1;
  double best_energy = G_MAXDOUBLE;
  const gint64 half = 2;   /* 5 bins: 20 ms */

  g_return_val_if_fail (self != NULL, ms);
  if (self->n_bins == 0)
    return ms;
  /* Outward from the edge, so the nearest of equal minima wins. */
  for (gint64 d = 0; d <= reach; d++)
    for (int side = 0; side < (d == 0 ? 1 : 2); side++)
      {
        gint64 b = side ? centre - d : centre + d;
        double energy = 0;
        guint n = 0;

        if (b < 0 || b >= (gint64) self->n_bins)
          continue;
        for (gint64 k = MAX (b - half, 0); k <= MIN (b + half, (gint64) self->n_bins - 1); k++)
          {
            energy += (double) self->rms[k] * self->rms[k];
            n++;
          }
        energy /= n;
        /* A hair better, so that noise does not pull the edge away from where it was. */
        if (energy < best_energy * 0.98 || best < 0)
          {
            best_energy = energy;
            best = b;
          }
      }
  if (best < 0)
    return ms;
  return (best + 0.5) * 1000.0 / CAIRN_PEAKS_BINS_PER_SECOND;
}

/* The cache */

static void
put32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static guint32
get32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

GBytes *
cairn_peaks_serialize (const CairnPeaks *self)
{
  g_autoptr(GConverter) zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1));
  gsize raw_size = (gsize) self->n_bins * 6;
  g_autofree guint8 *raw = g_malloc (MAX (raw_size, 1));
  gsize out_size = raw_size + raw_size / 100 + 64 + HEADER_SIZE;
  guint8 *out = g_malloc (out_size);
  gsize read = 0, written = 0;
  guint64 n_samples = GUINT64_TO_LE (self->n_samples);
  GConverterResult result;

  /* Columns one after the other: like values together compress better. */
  for (guint i = 0; i < self->n_bins; i++)
    {
      guint16 lo = GUINT16_TO_LE ((guint16) self->min[i]);
      guint16 hi = GUINT16_TO_LE ((guint16) self->max[i]);
      guint16 rms = GUINT16_TO_LE (self->rms[i]);

      memcpy (raw + 2 * i, &lo, 2);
      memcpy (raw + 2 * ((gsize) self->n_bins + i), &hi, 2);
      memcpy (raw + 2 * (2 * (gsize) self->n_bins + i), &rms, 2);
    }
  memcpy (out, MAGIC, 8);
  put32 (out + 8, 1);
  put32 (out + 12, CAIRN_PEAKS_BINS_PER_SECOND);
  put32 (out + 16, self->sample_rate);
  put32 (out + 20, self->n_bins);
  memcpy (out + 24, &n_samples, 8);
  result = g_converter_convert (zlib, raw, raw_size, out + HEADER_SIZE, out_size - HEADER_SIZE,
                                G_CONVERTER_INPUT_AT_END | G_CONVERTER_FLUSH, &read, &written,
                                NULL);
  if (result != G_CONVERTER_FINISHED)
    {
      /* Cannot happen with room for the whole input; keep it honest all the same. */
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, HEADER_SIZE + written);
}

static gboolean
bad_cache (GError **error, const char *what)
{
  g_set_error (error, CAIRN_AUDIO_ERROR, CAIRN_AUDIO_ERROR_DECODE, "Not a peak cache: %s", what);
  return FALSE;
}

CairnPeaks *
cairn_peaks_deserialize (GBytes  *bytes,
                         GError **error)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (bytes, &size);
  g_autoptr(CairnPeaks) peaks = NULL;
  g_autoptr(GConverter) zlib = NULL;
  g_autofree guint8 *raw = NULL;
  gsize raw_size, read = 0, written = 0;
  guint32 n_bins;
  guint64 n_samples;
  GConverterResult result;
  g_autoptr(GError) local = NULL;

  if (p == NULL || size < HEADER_SIZE || memcmp (p, MAGIC, 8) != 0)
    return bad_cache (error, "no header"), NULL;
  if (get32 (p + 8) != 1 || get32 (p + 12) != CAIRN_PEAKS_BINS_PER_SECOND)
    return bad_cache (error, "another version"), NULL;
  n_bins = get32 (p + 20);
  memcpy (&n_samples, p + 24, 8);
  n_samples = GUINT64_FROM_LE (n_samples);
  if (n_bins > CAIRN_PEAKS_MAX_BINS || get32 (p + 16) > 1000000)
    return bad_cache (error, "sizes out of range"), NULL;
  raw_size = (gsize) n_bins * 6;
  /* zlib cannot shrink more than about 1032 to 1: a header claiming more than the data can
   * hold is refused before anything is allocated for it. */
  if (raw_size / 1032 > size - HEADER_SIZE + 64)
    return bad_cache (error, "more bins claimed than the data holds"), NULL;
  raw = g_malloc (raw_size + 1);
  zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  /* One byte more than expected: a stream that holds more is refused, not truncated. */
  result = g_converter_convert (zlib, p + HEADER_SIZE, size - HEADER_SIZE, raw, raw_size + 1,
                                G_CONVERTER_INPUT_AT_END, &read, &written, &local);
  if (result != G_CONVERTER_FINISHED || written != raw_size)
    return bad_cache (error, "data damaged or of the wrong size"), NULL;
  peaks = cairn_peaks_new (get32 (p + 16));
  peaks->n_samples = n_samples;
  reserve (peaks, MAX (n_bins, 1));
  for (guint i = 0; i < n_bins; i++)
    {
      guint16 lo, hi, rms;

      memcpy (&lo, raw + 2 * i, 2);
      memcpy (&hi, raw + 2 * ((gsize) n_bins + i), 2);
      memcpy (&rms, raw + 2 * (2 * (gsize) n_bins + i), 2);
      peaks->min[i] = (gint16) GUINT16_FROM_LE (lo);
      peaks->max[i] = (gint16) GUINT16_FROM_LE (hi);
      peaks->rms[i] = GUINT16_FROM_LE (rms);
    }
  peaks->n_bins = n_bins;
  cairn_peaks_finish (peaks);
  return g_steal_pointer (&peaks);
}

/* The builder */

struct _CairnPeaksBuilder
{
  CairnPeaks *peaks;
  guint       rate;
  guint64     in_bin;    /* samples in the open bin */
  guint64     bin_end;   /* sample index where the open bin ends */
  float       lo, hi;
  double      squares;
};

CairnPeaksBuilder *
cairn_peaks_builder_new (void)
{
  CairnPeaksBuilder *self = g_new0 (CairnPeaksBuilder, 1);

  self->peaks = cairn_peaks_new (0);
  self->lo = G_MAXFLOAT;
  self->hi = -G_MAXFLOAT;
  return self;
}

static gint16
to16 (float v)
{
  return (gint16) lrintf (CLAMP (v, -1.0f, 1.0f) * 32767.0f);
}

static void
close_bin (CairnPeaksBuilder *self)
{
  CairnPeaks *p = self->peaks;

  reserve (p, 1);
  p->min[p->n_bins] = to16 (self->lo);
  p->max[p->n_bins] = to16 (self->hi);
  p->rms[p->n_bins] = (guint16) to16 ((float) sqrt (self->squares / MAX (self->in_bin, 1)));
  p->n_bins++;
  self->lo = G_MAXFLOAT;
  self->hi = -G_MAXFLOAT;
  self->squares = 0;
  self->in_bin = 0;
}

static guint64
bin_end (guint64 bin, guint rate)
{
  /* Bins by time: bin i ends at sample ⌊(i + 1) · rate / 250⌋ (176.4 samples at 44.1 kHz). */
  return (bin + 1) * rate / CAIRN_PEAKS_BINS_PER_SECOND;
}

void
cairn_peaks_builder_add (CairnPeaksBuilder *self,
                         const float       *samples,
                         gsize              n,
                         guint              rate)
{
  CairnPeaks *p = self->peaks;
  gsize i = 0;

  if (rate == 0)
    return;
  if (self->rate == 0)
    {
      self->rate = rate;
      p->sample_rate = rate;
      self->bin_end = bin_end (0, rate);
    }
  clear_levels (p);
  while (i < n)
    {
      /* Up to the end of the open bin in one run. */
      gsize run = (gsize) MIN ((guint64) (n - i), self->bin_end - p->n_samples);
      float lo = self->lo, hi = self->hi;
      double squares = 0;

      for (gsize k = i; k < i + run; k++)
        {
          float v = samples[k];

          lo = MIN (lo, v);
          hi = MAX (hi, v);
          squares += (double) v * v;
        }
      self->lo = lo;
      self->hi = hi;
      self->squares += squares;
      self->in_bin += run;
      p->n_samples += run;
      i += run;
      if (p->n_samples == self->bin_end)
        {
          close_bin (self);
          self->bin_end = bin_end (p->n_bins, self->rate);
        }
    }
}

CairnPeaks *
cairn_peaks_builder_peek (CairnPeaksBuilder *self)
{
  return self->peaks;
}

CairnPeaks *
cairn_peaks_builder_finish (CairnPeaksBuilder *self)
{
  CairnPeaks *peaks;

  if (self->in_bin > 0)
    close_bin (self);
  peaks = g_steal_pointer (&self->peaks);
  cairn_peaks_finish (peaks);
  cairn_peaks_builder_free (self);
  return peaks;
}

void
cairn_peaks_builder_free (CairnPeaksBuilder *self)
{
  if (self == NULL)
    return;
  cairn_peaks_free (self->peaks);
  g_free (self);
}

/* Computing */

typedef struct
{
  CairnPeaksBuilder  *builder;
  GMainContext       *context;
  GCancellable       *cancellable;
  CairnPeaksProgress  progress;
  gpointer            progress_data;
  guint               sent;      /* bins already handed to progress */
  gint64              last_sent; /* monotonic µs */
} Compute;

typedef struct
{
  CairnPeaks         *chunk;
  guint               first;
  GCancellable       *cancellable;
  CairnPeaksProgress  progress;
  gpointer            progress_data;
} Chunk;

static gboolean
deliver_chunk_cb (gpointer data)
{
  Chunk *c = data;

  /* Cancelled: whoever asked may be gone. */
  if (!g_cancellable_is_cancelled (c->cancellable))
    c->progress (c->chunk, c->first, c->progress_data);
  return G_SOURCE_REMOVE;
}

static void
chunk_free (gpointer data)
{
  Chunk *c = data;

  cairn_peaks_free (c->chunk);
  g_clear_object (&c->cancellable);
  g_free (c);
}

static void
send_progress (Compute *c)
{
  CairnPeaks *p = cairn_peaks_builder_peek (c->builder);
  Chunk *chunk;

  if (c->progress == NULL || p->n_bins <= c->sent)
    return;
  chunk = g_new0 (Chunk, 1);
  chunk->chunk = cairn_peaks_new (p->sample_rate);
  chunk->chunk->n_samples = p->n_samples;
  cairn_peaks_append (chunk->chunk, p->min + c->sent, p->max + c->sent, p->rms + c->sent,
                      p->n_bins - c->sent);
  chunk->first = c->sent;
  chunk->cancellable = c->cancellable ? g_object_ref (c->cancellable) : g_cancellable_new ();
  chunk->progress = c->progress;
  chunk->progress_data = c->progress_data;
  c->sent = p->n_bins;
  c->last_sent = g_get_monotonic_time ();
  g_main_context_invoke_full (c->context, G_PRIORITY_DEFAULT, deliver_chunk_cb, chunk,
                              chunk_free);
}

static gboolean
add_samples_cb (const float *samples, gsize n, guint rate, gpointer data)
{
  Compute *c = data;

  cairn_peaks_builder_add (c->builder, samples, n, rate);
  if (c->progress != NULL && g_get_monotonic_time () - c->last_sent > G_USEC_PER_SEC / 10)
    send_progress (c);
  return !g_cancellable_is_cancelled (c->cancellable);
}

static CairnPeaks *
compute (const char *path, GBytes *bytes, Compute *c, GError **error)
{
  gboolean ok;

  c->builder = cairn_peaks_builder_new ();
  c->last_sent = g_get_monotonic_time ();
  ok = cairn_audio_decode (path, bytes, add_samples_cb, c, c->cancellable, error);
  if (!ok)
    {
      g_clear_pointer (&c->builder, cairn_peaks_builder_free);
      return NULL;
    }
  return cairn_peaks_builder_finish (g_steal_pointer (&c->builder));
}

CairnPeaks *
cairn_peaks_compute (const char   *path,
                     GBytes       *bytes,
                     GCancellable *cancellable,
                     GError      **error)
{
  Compute c = { .cancellable = cancellable };

  return compute (path, bytes, &c, error);
}

typedef struct
{
  char               *path;
  GBytes             *bytes;
  CairnPeaksProgress  progress;
  gpointer            progress_data;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  Compute c = {
    .context = g_task_get_context (task),
    .cancellable = cancellable,
    .progress = job->progress,
    .progress_data = job->progress_data,
  };
  GError *error = NULL;
  CairnPeaks *peaks = compute (job->path, job->bytes, &c, &error);

  if (peaks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, peaks, (GDestroyNotify) cairn_peaks_free);
}

void
cairn_peaks_compute_async (const char          *path,
                           GBytes              *bytes,
                           GCancellable        *cancellable,
                           CairnPeaksProgress   progress,
                           gpointer             progress_data,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  job->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_source_tag (task, cairn_peaks_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* The cancel is seen by the decode loop, not by GTask. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, compute_thread);
}

CairnPeaks *
cairn_peaks_compute_finish (GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
