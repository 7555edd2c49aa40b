#pragma once

#include <glib.h>

/* Runs the main loop until cond holds, failing after 20 s. */
#define UI_WAIT_FOR(cond)                                                                   \
  G_STMT_START                                                                              \
  {                                                                                         \
    gint64 ui_wait_end_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;                    \
    while (!(cond))                                                                         \
      {                                                                                     \
        if (g_get_monotonic_time () > ui_wait_end_)                                         \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);           \
        if (!g_main_context_iteration (NULL, FALSE))                                        \
          g_usleep (2000);                                                                  \
      }                                                                                     \
  }                                                                                         \
  G_STMT_END

/* Lets pending idles and callbacks run. */
static inline void
ui_drain (void)
{
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}
