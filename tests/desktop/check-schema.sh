#!/bin/sh
# check-schema.sh SOURCE_DATA_DIR BUILD_DATA_DIR
# The schema compiles under --strict, and the copy compiled into the build directory (what
# run.sh points GSETTINGS_SCHEMA_DIR at) has every key with its default.
set -eu
src=$1
build=$2
glib-compile-schemas --strict --dry-run "$src"
command -v gsettings >/dev/null || { echo "gsettings is missing: the compiled copy is not checked"; exit 0; }
keys=$(GSETTINGS_BACKEND=memory gsettings --schemadir "$build" list-recursively org.cairn.Cairn)
echo "$keys"
status=0
for want in "window-width 1280" "window-height 800" "window-maximized false" \
            "recent-projects @as []" "last-project ''" "color-scheme 'follow'"; do
  echo "$keys" | grep -qxF "org.cairn.Cairn $want" || { echo "FAIL: missing: $want"; status=1; }
done
# The enum accepts its three nicks and nothing else.
for scheme in follow light dark; do
  GSETTINGS_BACKEND=memory gsettings --schemadir "$build" range org.cairn.Cairn color-scheme \
    | grep -qxF "'$scheme'" || { echo "FAIL: color-scheme lacks $scheme"; status=1; }
done
exit $status
