#pragma once

#include <gtk/gtk.h>

#include "model/cairn-item.h"

G_BEGIN_DECLS

/* An audio item: for now what it is and how long; the waveform, playback and transcript
 * segments come with the audio tools. */
#define CAIRN_TYPE_AUDIO_PANE (cairn_audio_pane_get_type ())
G_DECLARE_FINAL_TYPE (CairnAudioPane, cairn_audio_pane, CAIRN, AUDIO_PANE, GtkWidget)

GtkWidget *cairn_audio_pane_new      (void);
void       cairn_audio_pane_set_item (CairnAudioPane  *self,
                                      const CairnItem *item,
                                      GPtrArray       *annotations);

G_END_DECLS
