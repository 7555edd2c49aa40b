#!/bin/sh
# The segmentation tools in the window with real key and pointer events (xdotool on Xvfb):
# brush, a bigger brush, eraser, undo, magic wand, intelligent scissors, superpixels, fill
# inside a polygon and the outline view, then semantic masks (a label's pixels taken from the
# others, the eraser on all), a label hidden from the palette's eye and with Shift+M, each
# checked in the project file, which is checked again after SIGKILL.
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
echo "1..24"
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

xdotool key m
sleep 0.3

# A COCO mask in the project file as a set of pixel indices (column-major), for overlaps.
decode='
import json, sqlite3, sys
def pixels (geometry):
    g = json.loads (geometry); s = g["counts"]; counts = []; p = 0
    while p < len (s):
        x = k = 0; more = True
        while more:
            c = ord (s[p]) - 48; x |= (c & 0x1f) << (5 * k); more = c & 0x20; p += 1; k += 1
            if not more and c & 0x10: x |= -1 << (5 * k)
        if len (counts) > 2: x += counts[-2]
        counts.append (x)
    out = set (); at = 0
    for i, n in enumerate (counts):
        if i % 2: out.update (range (at, at + n))
        at += n
    return out
db = sqlite3.connect (sys.argv[1])
rows = db.execute ("SELECT label_id, geometry FROM annotations WHERE kind = 9 AND deleted = 0").fetchall ()
sign = set ().union (*[pixels (g) for l, g in rows if l == 2])
flower = set ().union (*[pixels (g) for l, g in rows if l == 1])
print (len (sign & flower))
'
overlap () { python3 -c "$decode" "$project"; }
last_edit="(SELECT max (id) FROM edits WHERE state = 0)"
changed="SELECT count (DISTINCT row_id) FROM history WHERE target = 'annotation' AND edit_id = $last_edit"

# Semantic masks: Shift+S, kept in the project file. The sign's brush across the disc takes
# those pixels from the flower's masks, in one edit.
xdotool key Escape key shift+s
expect "true" "SELECT value FROM meta WHERE key = 'mask.semantic'" "Shift+S makes masks semantic, kept in the project file"
edits_before=$(q "$done_edits")
xdotool key b key 2
drag 100 300 300 300
expect "$((edits_before + 1))" "$done_edits" "a semantic stroke is one edit"
expect "1" "SELECT count (*) FROM annotations WHERE deleted = 0 AND kind = 9 AND label_id = 2" "the sign keeps one mask: the stroke went on it"
n_changed=$(q "$changed")
[ "$n_changed" -ge 2 ]
ok $? "the stroke's edit changed the sign's mask and the flower's ($n_changed masks)"
[ "$(overlap)" = 0 ]
ok $? "no pixel is both sign and flower"
xdotool mousemove "$(sx 320)" "$(sy 200)"
sleep 0.3
shot semantic

# The semantic eraser across the sign's stroke and the disc: both lose pixels, one edit.
xdotool key e
drag 200 250 200 350
n_changed=$(q "$changed")
[ "$n_changed" -ge 2 ]
ok $? "the semantic eraser took pixels from every mask under it in one edit ($n_changed)"
xdotool key ctrl+z
sleep 0.5
xdotool key ctrl+shift+z
sleep 0.5
expect "ok" "PRAGMA integrity_check" "undo and redo of the semantic eraser"

# A label hidden with its eye in the palette: the disc shows the bare picture there.
colour () { import -window root "$dir/probe.png"; convert "$dir/probe.png" -format "%[hex:p{$(sx "$1"),$(sy "$2")}]" info:; }
xdotool key b
xdotool mousemove "$(sx 320)" "$(sy 20)"
sleep 0.3
import -window root "$dir/screen.png"
row=$(convert "$dir/screen.png" -crop "600x400+$((img_x + img_w + 20))+0" +repage \
      -fill black +opaque "#E15759" -fill white -opaque "#E15759" -trim -format "%h %Y" info:)
set -- $row 0 +0
eye_y=$(( ${2#+} + $1 / 2 ))
eval "$(xdotool getwindowgeometry --shell "$win")"
eye_x=$((X + WIDTH - 30))
echo "# flower's eye at $eye_x,$eye_y"
shown=$(colour 130 180)
xdotool mousemove "$eye_x" "$eye_y" click 1
sleep 0.6
hidden=$(colour 130 180)
shot palette-hidden
echo "# disc at 130,180: $shown shown, $hidden hidden"
[ "$shown" != "F0D030" ] && [ "$hidden" = "F0D030" ]
ok $? "the flower's eye hides its masks"
xdotool mousemove "$eye_x" "$eye_y" click 1
sleep 0.6
[ "$(colour 130 180)" = "$shown" ]
ok $? "the eye again shows them"
# Shift+M on the current label (sign): its rectangle shows the picture's red.
xdotool mousemove "$(sx 320)" "$(sy 20)" key shift+m
sleep 0.6
[ "$(colour 500 200)" = "D03030" ]
ok $? "Shift+M hides the current label's masks"
shot shift-m
xdotool key shift+m
sleep 0.6
[ "$(colour 500 200)" != "D03030" ]
ok $? "Shift+M shows them again"

# SIGKILL: everything was saved as it was made.
edits_now=$(q "$done_edits")
geometry_now=$(q "SELECT group_concat (geometry) FROM annotations WHERE deleted = 0")
kill_app
expect "ok" "PRAGMA integrity_check" "after SIGKILL the project file is sound"
[ "$(q "$done_edits")" = "$edits_now" ] && [ "$(q "SELECT value FROM meta WHERE key = 'mask.semantic'")" = true ] \
  && [ "$(q "SELECT group_concat (geometry) FROM annotations WHERE deleted = 0")" = "$geometry_now" ]
ok $? "after SIGKILL the masks, the edits and the semantic setting are all there"
[ "$failed" = 0 ] || { echo "# app log:"; sed 's/^/# /' "$dir/app.log"; }
exit 0
