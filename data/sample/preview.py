#!/usr/bin/env python3
"""Draws every image annotation of a Cairn JSON file over its image, for checking by eye.

Usage: preview.py SAMPLE_JSON OUT_DIR   (needs ImageMagick's convert)

Images are turned upright first (EXIF orientation), since annotations live in the displayed
frame. Colours come from the labels; a second annotator's shapes are drawn dashed.
CC0 1.0, like the rest of the sample.
"""
import json
import math
import os
import subprocess
import sys


def rle_decode(counts, h, w):
    """COCO compressed RLE string -> column-major list of 0/1 of length h*w."""
    runs, p = [], 0
    while p < len(counts):
        x, k, more = 0, 0, True
        while more:
            c = ord(counts[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p, k = p + 1, k + 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(runs) > 2:
            x += runs[-2]
        runs.append(x)
    bits, value = [], 0
    for r in runs:
        bits.extend([value] * r)
        value ^= 1
    if len(bits) != h * w:
        raise ValueError(f"RLE covers {len(bits)} pixels, expected {h * w}")
    return bits


def rotated(cx, cy, w, h, angle, steps=None):
    a = math.radians(angle)
    if steps is None:  # a rectangle's corners
        pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    else:  # an ellipse with radii w, h
        pts = [(w * math.cos(t), h * math.sin(t))
               for t in (2 * math.pi * i / steps for i in range(steps))]
    return [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
            for x, y in pts]


def path(points, closed):
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f"{'polygon' if closed else 'polyline'} {coords}"


def pairs(v):
    return list(zip(v[0::2], v[1::2]))


def draw_commands(a, label, dashed):
    g = a.get("geometry")
    kind = a["kind"]
    out = []
    if kind in ("box", "ocr"):
        x, y, w, h = g
        out.append(f"rectangle {x},{y} {x + w},{y + h}")
    elif kind == "rbox":
        out.append(path(rotated(*g), True))
    elif kind == "ellipse":
        out.append(path(rotated(*g, steps=48), True))
    elif kind in ("polygon", "polyline"):
        out += [path(pairs(ring), kind == "polygon") for ring in g]
    elif kind == "points":
        out += [f"circle {x},{y} {x + 4},{y}" for x, y in pairs(g)]
    elif kind == "keypoints":
        pts = list(zip(g[0::3], g[1::3], g[2::3]))
        for i, j in label.get("skeleton", {}).get("edges", []):
            if pts[i][2] and pts[j][2]:
                out.append(f"line {pts[i][0]},{pts[i][1]} {pts[j][0]},{pts[j][1]}")
        out += [f"circle {x},{y} {x + (4 if v == 2 else 2)},{y}" for x, y, v in pts if v]
    elif kind == "cuboid":
        p = pairs(g)
        for i, j in [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4),
                     (0, 4), (1, 5), (2, 6), (3, 7)]:
            out.append(f"line {p[i][0]},{p[i][1]} {p[j][0]},{p[j][1]}")
    # Each -draw has its own graphic context, so the dashes end with it.
    return (["stroke-dasharray 5 4"] if dashed and out else []) + out


def main():
    sample, out_dir = sys.argv[1], sys.argv[2]
    base = os.path.dirname(os.path.abspath(sample))
    with open(sample, encoding="utf-8") as f:
        doc = json.load(f)
    labels = {l["name"]: l for l in doc["labels"]}
    os.makedirs(out_dir, exist_ok=True)
    for item in doc["items"]:
        uri = item.get("uri", "")
        if not uri.startswith("images/"):
            continue
        src = os.path.join(base, uri)
        dst = os.path.join(out_dir, os.path.splitext(os.path.basename(uri))[0] + ".png")
        args = ["convert", src, "-auto-orient", "-fill", "none", "-strokewidth", "2"]
        first = None
        for a in item.get("annotations", []):
            label = labels.get(a.get("label"), {})
            colour = label.get("color", "#FF00FF")
            first = first or a.get("annotator")
            dashed = a.get("annotator") not in (None, first)
            if a["kind"] == "mask":
                h, w = a["geometry"]["size"]
                bits = rle_decode(a["geometry"]["counts"], h, w)
                pgm = os.path.join(out_dir, "mask.pgm")
                with open(pgm, "wb") as f:
                    f.write(f"P5 {w} {h} 255\n".encode())
                    f.write(bytes(150 if bits[x * h + y] else 0
                                  for y in range(h) for x in range(w)))
                args += ["(", "-size", f"{w}x{h}", f"xc:{colour}", pgm, "-compose",
                         "copy-opacity", "-composite", ")", "-compose", "over", "-composite"]
                continue
            cmds = draw_commands(a, label, dashed)
            if cmds:
                args += ["-stroke", colour, "-draw", " ".join(cmds)]
        args.append(dst)
        subprocess.run(args, check=True)
        print(dst)


if __name__ == "__main__":
    main()
