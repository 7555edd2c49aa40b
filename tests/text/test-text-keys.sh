#!/bin/sh
# The text pane driven as a person drives it, with real key events (xdotool on Xvfb): spans
# made from keyboard selections and label keys on Korean text with an emoji (eojeol snapping,
# a particle left out), a relation by keys, a nested span, search and label all, a document
# class, extend, delete with the relation, undo — each checked in the project file.
#   test-text-keys.sh CAIRN_BINARY SCHEMA_DIR [SHOT_DIR]
# Prints TAP. Needs xdotool, sqlite3 and ImageMagick; run under tests/ui/run-ui-test.sh.
set -u
cairn=$1
schemas=$2
shots=${3:-}
dir=$(mktemp -d /tmp/cairn-text-keys-XXXXXX)
project="$dir/text.cairn"
. "$(dirname "$0")/../ui/tap-lib.sh"

key () {
  xdotool key --delay 60 "$@"
  sleep 0.4
}

need_tools xdotool sqlite3 import
echo "1..15"
[ -n "$shots" ] && mkdir -p "$shots"

# 김0 민1 수2 는3 ␠4 서5 울6 에7 서8 ␠9 👍🏽10–11 ␠12 일13 한14 다15 .16 ␠17 김18 민19 수20 는21 …
printf '%s\n' '{"text": "김민수는 서울에서 👍🏽 일한다. 김민수는 부산에 산다.", "label": []}' \
  >"$dir/text.jsonl"
"$cairn" init "$project" --name text >/dev/null
"$cairn" labels "$project" add PER --color "#E01B24" --kinds span >/dev/null
"$cairn" labels "$project" add LOC --color "#2EC27E" --kinds span --key q >/dev/null
"$cairn" labels "$project" add ORG --color "#1C71D8" --kinds span >/dev/null
"$cairn" labels "$project" add works_in --color "#865E3C" --kinds relation >/dev/null
"$cairn" labels "$project" add news --color "#613583" --kinds class >/dev/null
"$cairn" import "$project" --format jsonl "$dir/text.jsonl" >/dev/null
# The project leaves a trailing particle (조사) out of snapped spans.
q "INSERT INTO meta (key, value) VALUES ('text.snap-particles', 'true')"
label () {
  q "SELECT id FROM labels WHERE name = '$1'"
}
PER=$(label PER) LOC=$(label LOC) ORG=$(label ORG) REL=$(label works_in) NEWS=$(label news)
live="FROM annotations WHERE deleted = 0"

GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
  "$cairn" --annotator "김민지" "$project" >>"$dir/app.log" 2>&1 &
app_pid=$!
win=$(xdotool search --sync --onlyvisible --name "text — Cairn" | head -1)
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 1.5

# One key of the eojeol selects it all; 는 is left out: 김민수 [0, 3).
key shift+Right
key 1
expect "[0,3]" "SELECT geometry $live AND kind = 12 AND label_id = $PER" \
  "Shift+Right and 1: PER on 김민수, the particle left out"
# From the cursor at 3: over 는 and the space, then 서울에서 → 서울 [5, 7).
key Right Right shift+Right
key 2
expect "[5,7]" "SELECT geometry $live AND kind = 12 AND label_id = $LOC" \
  "LOC on 서울 (에서 left out)"
# The emoji with its skin tone: two code points, one character (UTF-16 would say 4 units).
key Right Right Right shift+Right
key 1
expect "[10,12]" "SELECT geometry $live AND kind = 12 AND label_id = $PER AND id = (SELECT max(id) $live)" \
  "the whole emoji in one span, code points [10, 12)"
# Search the selected text and label every match with the current label (PER): one edit.
key Home shift+Right shift+Right shift+Right
key ctrl+f
sleep 0.5
key ctrl+l
expect "[0,3]|[10,12]|[18,21]" \
  "SELECT group_concat(geometry, '|') FROM (SELECT geometry $live AND kind = 12 AND label_id = $PER ORDER BY id)" \
  "Ctrl+F then Ctrl+L labels the second 김민수 [18, 21)"
key Escape
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 0.3
# Tab from nothing: the first span; a relation from 김민수 to 서울 by keys.
key Escape Escape
key Tab
key ctrl+r
key Tab
key 1
expect "1" "SELECT count(*) $live AND kind = 13 AND label_id = $REL AND geometry = '[' || (SELECT id $live AND kind = 12 AND geometry = '[0,3]') || ',' || (SELECT id $live AND kind = 12 AND geometry = '[5,7]') || ']'" \
  "Ctrl+R, Tab and 1: works_in from 김민수 to 서울"
# A span over both: 김민수는 서울에서 → [0, 7), nested with the two others.
key Escape Escape Home ctrl+shift+Right ctrl+shift+Right
key 3
expect "[0,7]" "SELECT geometry $live AND kind = 12 AND label_id = $ORG" \
  "ORG over 김민수는 서울(에서): overlapping and nested spans"
shot text-overlapping
# A document class: with nothing selected, its key toggles it.
key Escape Escape
key 4
expect "1" "SELECT count(*) $live AND kind = 11 AND label_id = $NEWS" "4 gives the text the class news"
# Extend the emoji span to the next word (Alt+Right, words snapping).
key Escape
for _ in 1 2 3 4; do key Tab; done
key alt+Right
expect "[10,16]" "SELECT geometry $live AND kind = 12 AND geometry LIKE '[10,%'" \
  "Alt+Right extends the span over 일한다"
key alt+Left
expect "[10,12]" "SELECT geometry $live AND kind = 12 AND geometry LIKE '[10,%'" \
  "Alt+Left shrinks it back"
# Delete 서울: its relation goes in the same edit; one undo brings both back.
key Escape
key Tab Tab Tab
key Delete
expect "0|0" "SELECT (SELECT count(*) $live AND geometry = '[5,7]') || '|' || (SELECT count(*) $live AND kind = 13)" \
  "Delete takes the span and its relation"
key ctrl+z
expect "1|1" "SELECT (SELECT count(*) $live AND geometry = '[5,7]') || '|' || (SELECT count(*) $live AND kind = 13)" \
  "Ctrl+Z brings both back"
# The item was put in progress by the first span, and the file holds the annotator's name.
expect "1" "SELECT state FROM items" "the item is in progress"
expect "김민지" "SELECT DISTINCT a.name FROM annotations n JOIN annotators a ON a.id = n.annotator_id WHERE n.deleted = 0" \
  "every annotation is the annotator's"
# Relabel a span with a key: ORG [0, 7) selected by Tab, 2 makes it LOC.
key Escape Tab
key 2
expect "0" "SELECT count(*) $live AND label_id = $ORG" "2 relabels the selected span"
# A label's own hotkey: the last word, 산다 (the full stop left out), with Q for LOC.
key Escape Escape End ctrl+shift+Left
key q
expect "1" "SELECT count(*) $live AND kind = 12 AND label_id = $LOC AND geometry = '[27,29]'" \
  "Q, LOC's hotkey, labels the selected 산다"
shot text-final
kill "$app_pid"
app_pid=""
exit $failed
