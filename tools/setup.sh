#!/bin/sh
# Installs what Cairn needs to build, test and look right (Debian 12). Idempotent: only
# missing packages are installed, so a ready machine spends no time here.
set -eu

# GStreamer decodes and plays audio (app/audio/): -base has Ogg, Vorbis, Opus, the converters
# and appsink, -good FLAC, WAV, MP3 (mpg123, and LAME for the tests' files) and scaletempo.
PACKAGES="
  gcc clang libclang-rt-14-dev pkg-config meson ninja-build gettext
  libgtk-4-dev libjson-glib-dev libsqlite3-dev libcmark-dev sqlite3 libgdk-pixbuf-2.0-dev libpng-dev
  desktop-file-utils appstream appstream-util libxml2-utils
  xvfb xauth dbus dbus-x11 fonts-noto-cjk fonts-noto-color-emoji imagemagick xdotool locales
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
