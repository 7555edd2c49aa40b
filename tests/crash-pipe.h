/* What a writer killed by the crash tests printed: a line per write it saw committed. */
#pragma once

#include <glib.h>
#include <unistd.h>

/* Blocks until the writer acknowledged its first write (a loaded machine, or a sanitized
 * build, may take long to start it), keeping what it read: the kill then lands while writes
 * are going on, not before the first. */
static inline void
crash_pipe_wait_line (int fd, GString *buffer)
{
  char c;

  while (read (fd, &c, 1) == 1)
    {
      g_string_append_c (buffer, c);
      if (c == '\n')
        return;
    }
}

/* The rest, once the writer is dead. Only whole lines count: a half-written one was never
 * acknowledged. */
static inline void
crash_pipe_read_rest (int fd, GString *buffer)
{
  char chunk[4096];
  gssize n;

  while ((n = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (buffer, chunk, n);
}
