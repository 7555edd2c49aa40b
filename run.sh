#!/bin/sh
# Installs what is missing, builds, and opens Cairn on the sample project.
set -eu
cd "$(dirname "$0")"
sh tools/setup.sh
[ -d build ] || meson setup build
ninja -C build
# Run from the build tree, the program finds the build's translations, schema and icons.
exec ./build/cairn "${1:-build/data/sample.cairn}"
