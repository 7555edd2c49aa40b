#!/bin/sh
# The window speaks Korean under LANG=ko_KR.UTF-8 — run from the build tree (no install, no
# GSETTINGS_SCHEMA_DIR) and installed (meson install into a temporary prefix): its menus are
# translated, its settings schema and its icon are found.
#   check-korean.sh BUILD_DIR
set -u
build=$1
command -v localedef >/dev/null && [ -f /usr/share/i18n/locales/ko_KR ] \
  || { echo "localedef or the ko_KR locale source missing (package locales)"; exit 77; }
command -v xvfb-run >/dev/null || { echo "xvfb-run missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The locale itself, made here: a machine need not have generated ko_KR.UTF-8.
mkdir -p "$tmp/locales" && localedef -i ko_KR -f UTF-8 "$tmp/locales/ko_KR.utf8" 2>/dev/null \
  || { echo "localedef could not make ko_KR.UTF-8"; exit 77; }

status=0
check () {
  what=$1; shift
  env -u GSETTINGS_SCHEMA_DIR -u LC_ALL -u LANGUAGE -u LC_MESSAGES LOCPATH="$tmp/locales" \
    LANG=ko_KR.UTF-8 CAIRN_PRINT_MENUS=1 GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
    HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/data" \
    timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@" \
    >"$tmp/out" 2>"$tmp/err"
  grep -q '^menu: 가져오기(_I)…$' "$tmp/out" \
    || { echo "$what: no Korean “가져오기(_I)…” in the window's menu"; status=1; }
  grep -q '^format: COCO instances JSON: 상자, 다각형' "$tmp/out" \
    || { echo "$what: app/'s format descriptions are not translated"; status=1; }
  grep -q '^icon: found$' "$tmp/out" || { echo "$what: the app icon was not found"; status=1; }
  if grep -q 'settings schema is not installed' "$tmp/err"; then
    echo "$what: the settings schema was not found"; status=1
  fi
  [ $status -eq 0 ] && echo "$what: ok" || { cat "$tmp/out" "$tmp/err"; }
}

check "build tree" "$build/cairn"

# Installed: DESTDIR/PREFIX is a prefix like any other to the program (it finds its data
# beside its binary); glib-compile-schemas is what meson's post-install step runs there.
meson install -C "$build" --destdir "$tmp/dest" --no-rebuild --quiet >/dev/null \
  || { echo "meson install failed"; exit 1; }
bin=$(find "$tmp/dest" -path '*/bin/cairn' -type f | head -n 1)
schemas=$(find "$tmp/dest" -type d -path '*/glib-2.0/schemas' | head -n 1)
[ -n "$bin" ] && [ -n "$schemas" ] || { echo "the install holds no bin/cairn or schemas"; exit 1; }
glib-compile-schemas "$schemas" || exit 1
check "installed" "$bin"
exit $status
