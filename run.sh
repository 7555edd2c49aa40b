#!/bin/sh
# Installs what is missing, builds, and opens Cairn on the sample project.
set -eu
cd "$(dirname "$0")"
sh tools/setup.sh
[ -d build ] || meson setup build
ninja -C build
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
exec ./build/cairn "${1:-build/data/sample.cairn}"
