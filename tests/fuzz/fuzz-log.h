#pragma once

#include <stdlib.h>

#include <glib.h>

/* A critical under G_DEBUG=fatal-warnings raises SIGTRAP, which libFuzzer does not treat as a
 * crash (the input would not be saved): abort instead. */
static void
fuzz_abort_on_warning (const char *domain, GLogLevelFlags level, const char *message,
                       gpointer data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_ERROR))
    abort ();
}

/* For LLVMFuzzerInitialize. */
static inline void
fuzz_log_init (void)
{
  g_log_set_default_handler (fuzz_abort_on_warning, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
}
