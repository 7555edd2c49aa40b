#!/bin/sh
# The window driven as a person drives it, with real key and pointer events (xdotool on
# Xvfb): draw a box and a polygon, undo, redo, delete, check the project file, kill the app
# with SIGKILL, check again, start it again and undo across the restart.
#   test-draw.sh CAIRN_BINARY SCHEMA_DIR [SHOT_DIR]
# Prints TAP. Needs xdotool, sqlite3, ImageMagick and python3; run under run-ui-test.sh.
set -u
cairn=$1
schemas=$2
shots=${3:-}
dir=$(mktemp -d /tmp/cairn-draw-XXXXXX)
project="$dir/draw.cairn"
. "$(dirname "$0")/tap-lib.sh"

need_tools xdotool sqlite3 import convert python3
echo "1..27"
[ -n "$shots" ] && mkdir -p "$shots"

# A 640 × 480 picture of one colour, so the screen shows where it is.
mkdir "$dir/images"
python3 - "$dir/images/street.png" <<'PY'
import struct, sys, zlib
w, h = 640, 480
row = b"\x00" + bytes((0x20, 0x40, 0xc0)) * w
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
"$cairn" init "$project" --name draw >/dev/null
"$cairn" import "$project" --format folder "$dir/images" >/dev/null
"$cairn" labels "$project" add car --color "#E15759" --kinds box,polygon >/dev/null
"$cairn" labels "$project" add road --color "#F1CE63" --kinds polygon >/dev/null
"$cairn" labels "$project" add night --color "#00FF7F" --kinds tag >/dev/null

start () {
  GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
    "$cairn" --annotator "김민지" "$project" >>"$dir/app.log" 2>&1 &
  app_pid=$!
  win=$(xdotool search --sync --onlyvisible --name "draw — Cairn" | head -1)
  xdotool windowfocus --sync "$win" 2>/dev/null
  sleep 1.5
}

# Where the picture is on screen: the bounding box of its colour.
locate () {
  for _ in $(seq 1 40); do
    import -window root "$dir/screen.png"
    geometry=$(convert "$dir/screen.png" -fill black +opaque "#2040C0" -fill white \
               -opaque "#2040C0" -trim -format "%w %h %X %Y" info: 2>/dev/null)
    set -- $geometry 0 0 +0 +0
    img_w=$1 img_h=$2 img_x=${3#+} img_y=${4#+}
    # Decoded and fitted: as wide as it is tall in the picture's proportions.
    [ "$img_w" -gt 100 ] && [ $((img_w * 3)) -ge $((img_h * 4 - 8)) ] && return
    sleep 0.25
  done
}

# Image pixels to screen pixels.
sx () { echo $((img_x + $1 * img_w / 640)); }
sy () { echo $((img_y + $1 * img_h / 480)); }

drag () {
  xdotool mousemove "$(sx "$1")" "$(sy "$2")" mousedown 1
  for i in 1 2 3 4 5 6 7 8; do
    xdotool mousemove "$(sx $(($1 + ($3 - $1) * i / 8)))" "$(sy $(($2 + ($4 - $2) * i / 8)))"
    sleep 0.03
  done
  xdotool mouseup 1
  sleep 0.3
}

click () {
  xdotool mousemove "$(sx "$1")" "$(sy "$2")" click 1
  sleep 0.25
}

live="SELECT count (*) FROM annotations WHERE deleted = 0"

start
locate
echo "# picture at ${img_w}x${img_h}+${img_x}+${img_y}"
[ "$img_w" -gt 100 ] && [ "$img_h" -gt 100 ]
ok $? "the picture is on screen"

# A box: R, then a drag; 1 gives it the first label.
click 600 20
xdotool key r
drag 100 100 300 250
xdotool key 1
expect "1|1" "SELECT kind, label_id FROM annotations WHERE deleted = 0" "a box drawn with R and a drag, labelled with 1"
expect "2" "SELECT count (*) FROM edits WHERE state = 0" "drawing the box and labelling it are two edits"

# A polygon: P, 2 for road, four clicks, Enter.
xdotool key p key 2
click 400 100
click 550 120
click 580 300
click 420 330
xdotool key Return
expect "4|2" "SELECT kind, label_id FROM annotations WHERE deleted = 0 AND kind = 4" "a polygon drawn with P, clicks and Enter"
shot drawn

# Undo takes the polygon back; redo brings the same one.
polygon=$(q "SELECT id FROM annotations WHERE kind = 4")
xdotool key ctrl+z
expect "1" "$live" "Ctrl+Z undoes the polygon"
xdotool key ctrl+shift+z
expect "2" "$live" "Ctrl+Shift+Z redoes it"
expect "$polygon" "SELECT id FROM annotations WHERE kind = 4 AND deleted = 0" "the same polygon, same id"

# V, click on the box, Delete.
xdotool key v
click 150 150
xdotool key Delete
expect "0" "SELECT count (*) FROM annotations WHERE deleted = 0 AND kind = 1" "V, a click and Delete delete the box"
shot deleted

# Killed: nothing acknowledged is lost.
kill_app
expect "1" "$live" "after SIGKILL the polygon is still there, the box still deleted"
expect "ok" "PRAGMA integrity_check" "the project file is sound"

# Started again: Ctrl+Z undoes the delete made before the kill, with the same box.
start
xdotool key ctrl+z
expect "2" "$live" "undo after a restart brings the deleted box back"
expect "1" "SELECT count (*) FROM annotations WHERE deleted = 0 AND kind = 1 AND label_id = 1" "the same box, with its label"
xdotool key ctrl+z ctrl+z ctrl+z
sleep 0.5
expect "0" "$live" "undo goes on back to the empty picture"
expect "김민지" "SELECT DISTINCT a.name FROM history h JOIN annotators a ON a.id = h.annotator_id WHERE h.target = 'annotation'" "every change was made by the annotator named on the command line"
shot undone

# The other tools, one shape each, through their keys: Shift+R, O, L, Shift+P, C, T.
kinds="SELECT group_concat (kind) FROM (SELECT kind FROM annotations WHERE deleted = 0 ORDER BY id)"
click 600 20
xdotool key shift+r
drag 40 40 140 100
expect "2" "$kinds" "Shift+R and a drag: a rotated box"
xdotool key o
drag 200 40 300 120
expect "2,3" "$kinds" "O and a drag: an ellipse"
xdotool key l
click 40 300
click 150 280
click 250 340
xdotool key Return
expect "2,3,5" "$kinds" "L, clicks and Enter: a polyline"
xdotool key shift+p
click 350 60
click 380 90
xdotool key Return
expect "2,3,5,6" "$kinds" "Shift+P, clicks and Enter: points"
xdotool key c
drag 380 200 480 280
xdotool mousemove "$(sx 500)" "$(sy 170)"
sleep 0.2
xdotool mousemove "$(sx 510)" "$(sy 160)"
sleep 0.2
click 510 160
expect "2,3,5,6,8" "$kinds" "C, a drag, a move and a click: a cuboid"
xdotool key t
drag 60 400 260 450
expect "2,3,5,6,8,10" "$kinds" "T and a drag: an OCR box"
# A field beside it takes the text; Enter saves it.
sleep 0.5
shot ocr
xdotool type --delay 60 "OPEN 24h"
xdotool key Return
expect "OPEN 24h" "SELECT text FROM annotations WHERE kind = 10 AND deleted = 0" "the OCR box's text typed in the field beside it"
shot tools

# The rotated box's knob: V, a click in the box, the knob (24 px above its top edge) dragged
# round to the right of its centre: about 90°. The OCR field's popover goes first (under load
# it can still hold the keys a moment after Enter).
sleep 1
xdotool windowfocus --sync "$win" 2>/dev/null
xdotool key v
click 90 70
knob_y=$(($(sy 40) - 24))
xdotool mousemove "$(sx 90)" "$knob_y" mousedown 1
for i in 1 2 3 4 5 6 7 8; do
  xdotool mousemove "$(( $(sx 90) + 12 * i ))" "$(( knob_y + ($(sy 70) - knob_y) * i / 8 ))"
  sleep 0.03
done
xdotool mouseup 1
expect "1" "SELECT json_extract (geometry, '\$[4]') BETWEEN 80 AND 100 FROM annotations WHERE kind = 2 AND deleted = 0" "V and the rotation knob dragged: the rotated box turned to about 90°"
shot rotated

# A rubber band (Shift+drag) round the points, Shift+click on the polyline, one Delete.
xdotool keydown shift
drag 330 40 400 110
click 150 280
xdotool keyup shift
edits_before=$(q "SELECT count (*) FROM edits WHERE state = 0")
xdotool key Delete
expect "2,3,8,10" "$kinds" "a rubber band, Shift+click and Delete: the points and the polyline"
expect "$((edits_before + 1))" "SELECT count (*) FROM edits WHERE state = 0" "both deleted in one edit"
xdotool key ctrl+z
expect "2,3,5,6,8,10" "$kinds" "Ctrl+Z brings both back"

# The tag chip over the picture (its swatch is #00FF7F): a click tags the image.
import -window root "$dir/screen.png"
# Above the picture and left of the sidebar (whose palette row has the same swatch).
chip=$(convert "$dir/screen.png" -crop "$((img_x + img_w))x${img_y}+0+0" +repage \
       -fill black +opaque "#00FF7F" -fill white -opaque "#00FF7F" \
       -trim -format "%w %h %X %Y" info: 2>/dev/null)
set -- $chip 0 0 +0 +0
xdotool mousemove $((${3#+} + $1 / 2)) $((${4#+} + $2 / 2)) click 1
expect "1" "SELECT count (*) FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.kind = 0 AND l.name = 'night' AND a.deleted = 0" "a click on the “night” chip tags the image"
shot tagged
kill_app
expect "2,3,5,6,8,10,0" "$kinds" "after SIGKILL every shape and the tag are in the file"
exit $failed
