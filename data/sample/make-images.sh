#!/bin/sh
# Regenerates images/ and shapes.json: builds make-images.c, draws every scene, turns some
# into JPEGs stored rotated with an EXIF orientation (plus time and GPS), so orientation
# handling has something to show. Needs cc, pangocairo headers, ImageMagick's convert,
# python3, and the fonts DejaVu and Noto CJK (fonts-dejavu-core, fonts-noto-cjk).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck disable=SC2046  # pkg-config's flags are meant to split
cc -std=c17 -O2 -Wall -Wextra -Wno-unused-parameter -o "$tmp/make-images" \
  "$here/make-images.c" $(pkg-config --cflags --libs pangocairo) -lm
"$tmp/make-images" "$tmp"

mkdir -p "$here/images"
rm -f "$here"/images/*.png "$here"/images/*.jpg

# name  orientation  taken  [latitude longitude]
# Orientation 6: stored turned a quarter to the left, shown turned back; 3: stored upside down.
jpegs="
street-02 6 2024:05:14_21:40:12 37.5663 126.9779
shelf-02 1 2024:05:20_10:05:00
fruit-01 1 2024:06:02_08:30:45
park-01 3 2024:05:18_15:12:09 37.5284 126.9336
"
echo "$jpegs" | while read -r name orientation taken lat lon; do
  [ -n "$name" ] || continue
  case $orientation in
    1) turn=0 ;;
    3) turn=180 ;;
    6) turn=-90 ;;
    8) turn=90 ;;
    *) echo "orientation $orientation: not handled here" >&2; exit 1 ;;
  esac
  convert "$tmp/$name.png" -rotate "$turn" -strip -sampling-factor 4:2:0 -quality 85 \
    "$here/images/$name.jpg"
  # shellcheck disable=SC2086  # lat and lon may be empty on purpose
  python3 "$here/exif.py" "$here/images/$name.jpg" "$orientation" "$(echo "$taken" | tr _ ' ')" \
    $lat $lon
  rm "$tmp/$name.png"
done
cp "$tmp"/*.png "$here/images/"
cp "$tmp/shapes.json" "$here/shapes.json"

# Every image the drawing program announced must exist now, with the extension it chose.
python3 - "$here" <<'PY'
import json, os, sys
here = sys.argv[1]
shapes = json.load(open(os.path.join(here, "shapes.json"), encoding="utf-8"))
uris = {i["uri"] for i in shapes["images"]}
files = {"images/" + f for f in os.listdir(os.path.join(here, "images"))}
if uris != files:
    sys.exit(f"images/ and shapes.json disagree: {sorted(uris ^ files)}")
print(f"{len(files)} images")
PY
