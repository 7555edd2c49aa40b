#!/bin/sh
# check-mime.sh CAIRN MIME_XML
# With our MIME package in a private database: a new project is application/x-cairn-project
# by its name, and still is when renamed (by the application id in its header), while a
# plain SQLite file stays application/vnd.sqlite3.
set -eu
cairn=$1
mime_xml=$2
system_xml=/usr/share/mime/packages/freedesktop.org.xml
for tool in update-mime-database gio python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: skipped"; exit 77; }
done
[ -f "$system_xml" ] || { echo "$system_xml is missing (shared-mime-info): skipped"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/share/mime/packages"
cp "$mime_xml" "$tmp/share/mime/packages/org.cairn.Cairn.xml"
cp "$system_xml" "$tmp/share/mime/packages/"
XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share" update-mime-database "$tmp/share/mime"

"$cairn" init "$tmp/project.cairn" --name Test >/dev/null
cp "$tmp/project.cairn" "$tmp/renamed.db"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("create table t (x)")' \
  "$tmp/plain.db"

status=0
expect() {
  got=$(XDG_DATA_HOME="$tmp/share" XDG_DATA_DIRS="$tmp/share" \
        gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" = "$2" ]; then
    echo "ok: $(basename "$1") is $got"
  else
    echo "FAIL: $(basename "$1") is '$got', expected $2"
    status=1
  fi
}
expect "$tmp/project.cairn" application/x-cairn-project
expect "$tmp/renamed.db" application/x-cairn-project
expect "$tmp/plain.db" application/vnd.sqlite3
exit $status
