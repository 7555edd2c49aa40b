#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Plays one audio file or its bytes through GStreamer: source ! decodebin ! scaletempo (speed
 * without a change of pitch) ! the sound card. Without one (Xvfb, CI) a fake sink keeps time,
 * so positions advance as they would; CAIRN_AUDIO_SINK names another sink element. Runs in the
 * default main context (its bus is watched there). Times in ms. */
#define CAIRN_TYPE_PLAYER (cairn_player_get_type ())
G_DECLARE_FINAL_TYPE (CairnPlayer, cairn_player, CAIRN, PLAYER, GObject)

#define CAIRN_PLAYER_MIN_RATE 0.5
#define CAIRN_PLAYER_MAX_RATE 2.0

CairnPlayer *cairn_player_new          (void);
/* Prepares the media (paused at 0); a stream that does not decode is told by "error". */
gboolean     cairn_player_open         (CairnPlayer  *self,
                                        const char   *path,
                                        GBytes       *bytes,
                                        GError      **error);
void         cairn_player_close        (CairnPlayer  *self);
gboolean     cairn_player_is_open      (CairnPlayer  *self);
void         cairn_player_play         (CairnPlayer  *self);
void         cairn_player_pause        (CairnPlayer  *self);
gboolean     cairn_player_is_playing   (CairnPlayer  *self);
/* Plays [start, end) and pauses at end. */
void         cairn_player_play_range   (CairnPlayer  *self,
                                        gint64        start_ms,
                                        gint64        end_ms);
void         cairn_player_seek         (CairnPlayer  *self,
                                        gint64        ms);
gint64       cairn_player_get_position (CairnPlayer  *self);
/* 0 until known. */
gint64       cairn_player_get_duration (CairnPlayer  *self);
/* Clamped to [CAIRN_PLAYER_MIN_RATE, CAIRN_PLAYER_MAX_RATE]. */
void         cairn_player_set_rate     (CairnPlayer  *self,
                                        double        rate);
double       cairn_player_get_rate     (CairnPlayer  *self);
/* The sink in use ("pulsesink", "fakesink"...), once open. */
const char  *cairn_player_get_sink_name (CairnPlayer *self);

G_END_DECLS
