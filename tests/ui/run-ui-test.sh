#!/bin/sh
# Runs a UI test on its own X server and session bus (GTK warns, fatally under
# G_DEBUG=fatal-warnings, without a session bus).
exec xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- "$@"
