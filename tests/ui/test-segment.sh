#!/bin/sh
# The segmentation tools in the window with real key and pointer events (xdotool on Xvfb):
# brush, a bigger brush, eraser, undo, magic wand, intelligent scissors, superpixels, fill
# inside a polygon and the outline view, each checked in the project file.
#   test-segment.sh CAIRN_BINARY SCHEMA_DIR [SHOT_DIR]
# Prints TAP. Needs xdotool, sqlite3, ImageMagick and python3; run under run-ui-test.sh.
set -u
cairn=$1
schemas=$2
shots=${3:-}
dir=$(mktemp -d /tmp/cairn-segment-XXXXXX)
project="$dir/segment.cairn"
. "$(dirname "$0")/tap-lib.sh"

need_tools xdotool sqlite3 import convert python3
echo "1..11"
[ -n "$shots" ] && mkdir -p "$shots"

# 640 × 480: a blue ground, a yellow disc (centre 200, 240, radius 110) and a red
# rectangle (420..580 × 120..360) with a darker red frame, for the tools that read the
# picture.
mkdir "$dir/images"
python3 - "$dir/images/field.png" <<'PY'
import struct, sys, zlib
w, h = 640, 480
rows = bytearray()
for y in range(h):
    rows.append(0)
    for x in range(w):
        if (x + 0.5 - 200) ** 2 + (y + 0.5 - 240) ** 2 < 110 ** 2:
            rows += bytes((0xf0, 0xd0, 0x30))
        elif 420 <= x < 580 and 120 <= y < 360:
            inner = 424 <= x < 576 and 124 <= y < 356
            rows += bytes((0xd0, 0x30, 0x30) if inner else (0x80, 0x10, 0x10))
        else:
            rows += bytes((0x20, 0x40, 0xc0))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
"$cairn" init "$project" --name segment >/dev/null
"$cairn" import "$project" --format folder "$dir/images" >/dev/null
"$cairn" labels "$project" add flower --color "#E15759" --kinds mask,polygon >/dev/null
"$cairn" labels "$project" add sign --color "#59A14F" --kinds mask,polygon >/dev/null

GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
  "$cairn" --annotator "김민지" "$project" >>"$dir/app.log" 2>&1 &
app_pid=$!
win=$(xdotool search --sync --onlyvisible --name "segment — Cairn" | head -1)
xdotool windowfocus --sync "$win" 2>/dev/null
sleep 1.5

# Where the picture is on screen: the bounding box of its ground colour.
for _ in $(seq 1 40); do
  import -window root "$dir/screen.png"
  geometry=$(convert "$dir/screen.png" -fill black +opaque "#2040C0" -fill white \
             -opaque "#2040C0" -trim -format "%w %h %X %Y" info: 2>/dev/null)
  set -- $geometry 0 0 +0 +0
  img_w=$1 img_h=$2 img_x=${3#+} img_y=${4#+}
  [ "$img_w" -gt 100 ] && [ $((img_w * 3)) -ge $((img_h * 4 - 8)) ] && break
  sleep 0.25
done
echo "# picture at ${img_w}x${img_h}+${img_x}+${img_y}"
[ "$img_w" -gt 100 ] && [ "$img_h" -gt 100 ]
ok $? "the picture is on screen"

sx () { echo $((img_x + $1 * img_w / 640)); }
sy () { echo $((img_y + $1 * img_h / 480)); }

drag () {
  xdotool mousemove "$(sx "$1")" "$(sy "$2")" mousedown 1
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    xdotool mousemove "$(sx $(($1 + ($3 - $1) * i / 12)))" "$(sy $(($2 + ($4 - $2) * i / 12)))"
    sleep 0.03
  done
  xdotool mouseup 1
  sleep 0.4
}

click () {
  xdotool mousemove "$(sx "$1")" "$(sy "$2")" click 1
  sleep 0.3
}

masks="SELECT count (*) FROM annotations WHERE deleted = 0 AND kind = 9"
done_edits="SELECT count (*) FROM edits WHERE state = 0"

# Brush: B, 1 for flower, a stroke across the disc.
click 620 20
xdotool key b key 1
drag 120 240 280 240
expect "1" "$masks" "B and a drag paint a mask"
# Bigger (]) and another stroke: the same mask, a second edit.
xdotool key bracketright bracketright bracketright
drag 200 150 200 330
expect "1|2" "SELECT ($masks), ($done_edits)" "] makes the brush bigger; the next stroke is one more edit on the same mask"
xdotool mousemove "$(sx 300)" "$(sy 400)"
sleep 0.3
shot brush

# Eraser: E and a stroke through the cross; Ctrl+Z gives it back.
before=$(q "SELECT geometry FROM annotations WHERE kind = 9 AND deleted = 0")
xdotool key e
drag 150 200 250 280
expect "3" "$done_edits" "E and a drag erase: a third edit"
after=$(q "SELECT geometry FROM annotations WHERE kind = 9 AND deleted = 0")
[ "$before" != "$after" ]
ok $? "the eraser changed the mask"
xdotool key ctrl+z
expect "$before" "SELECT geometry FROM annotations WHERE kind = 9 AND deleted = 0" "Ctrl+Z undoes the eraser stroke"

# Magic wand: Escape (let go of the mask), W, a click in the disc: a second mask.
xdotool key Escape key w
click 160 300
expect "2" "$masks" "W and a click take the disc as a new mask"
shot wand

# Intelligent scissors: S, 2 for sign, four clicks near the rectangle's corners, Enter.
xdotool key Escape key s key 2
sleep 1
click 423 123
click 577 123
click 577 357
click 423 357
xdotool mousemove "$(sx 500)" "$(sy 420)"
sleep 0.3
xdotool key Return
expect "1" "SELECT count (*) FROM annotations WHERE deleted = 0 AND kind = 4 AND label_id = 2" "S, four clicks and Enter: a polygon along the rectangle"
shot scissors

# Fill: Escape, G, a click inside the polygon: a mask of it.
xdotool key Escape key g
click 500 240
expect "3" "$masks" "G and a click inside the polygon fill it as a mask"

# Superpixels: Escape, X, wait for them, a drag over the ground below the disc.
xdotool key Escape key x key 1
sleep 3
xdotool mousemove "$(sx 300)" "$(sy 440)"
sleep 0.3
shot superpixels-ready
drag 60 420 380 440
expect "4" "$masks" "X and a drag add superpixels as a new mask"
shot superpixels

# Outline view: M.
xdotool key m
sleep 0.5
shot outline
expect "ok" "PRAGMA integrity_check" "the project file is sound"

kill "$app_pid"
wait "$app_pid" 2>/dev/null
app_pid=""
[ "$failed" = 0 ] || { echo "# app log:"; sed 's/^/# /' "$dir/app.log"; }
exit 0
