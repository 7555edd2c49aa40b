#!/bin/sh
# check-po.sh PO_FILE SOURCE_ROOT
# Fails unless PO_FILE is valid, has no fuzzy or untranslated message, and translates every
# string the sources listed in po/POTFILES.in have today (so new UI strings fail it until
# they are translated).
set -eu
po=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stats=$(msgfmt --check --statistics -o "$tmp/out.mo" "$po" 2>&1) || {
  echo "$stats"
  exit 1
}
echo "$po: $stats"
case $stats in
  *fuzzy* | *untranslated*)
    echo "$po: every message must be translated and none fuzzy" >&2
    exit 1
    ;;
esac

# Every source file that marks strings for translation must be listed, or its strings never
# reach translators.
listed=$(grep -v '^#' "$root/po/POTFILES.in" | sed '/^$/d')
marked=$(cd "$root" && grep -lE \
  '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dgettext|g_dngettext|g_dpgettext2|ngettext)[[:space:]]*\(|translatable="yes"' \
  main.c app/*/*.c ui/*.c ui/*.ui 2>/dev/null || true)
unlisted=""
for f in $marked; do
  printf '%s\n' "$listed" | grep -qxF "$f" || unlisted="$unlisted $f"
done
if [ -n "$unlisted" ]; then
  echo "po/POTFILES.in lacks files with translatable strings:$unlisted" >&2
  exit 1
fi

# The same keywords as meson's 'glib' preset for i18n.gettext.
(cd "$root" && xgettext --from-code=UTF-8 --files-from=po/POTFILES.in -o "$tmp/now.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3)
msgcmp "$po" "$tmp/now.pot"
echo "$po: translates all $(grep -c '^msgid ' "$tmp/now.pot") messages of the current sources (header included)"
