#!/usr/bin/env python3
"""check-sample.py CAIRN SAMPLE_CAIRN SAMPLE_JSON

The built sample project holds exactly what sample.json says (exported back through
`cairn export --format cairn` and compared annotation by annotation, relations by the spans
they join), uses every annotation kind, and its data are sane: spans cover real words
(no surrounding spaces, nothing empty), image geometry lies inside the 640 × 480 frame,
audio segments inside their clip.
"""
import json
import os
import subprocess
import sys
import tempfile
import wave

KINDS = {"tag", "box", "rbox", "ellipse", "polygon", "polyline", "points", "keypoints",
         "cuboid", "mask", "ocr", "class", "span", "relation", "segment", "target"}
W, H = 640, 480


def key(item):
    return os.path.basename(item["uri"]) if "uri" in item else item["text"]


def canonical(item):
    anns = item["annotations"]
    out = []
    for a in anns:
        g = a.get("geometry")
        if a["kind"] == "relation":
            g = [[anns[i]["label"], anns[i]["geometry"]] for i in g]
        if g == []:
            g = None
        out.append(json.dumps([a["kind"], a.get("label"), a.get("annotator"), g, a.get("text"),
                               a.get("attributes") or {}, a.get("origin", "human"),
                               a.get("score")], sort_keys=True, ensure_ascii=False))
    return sorted(out)


def inside(a):
    g, kind = a.get("geometry"), a["kind"]
    if kind in ("box", "ocr"):
        return g[0] >= 0 and g[1] >= 0 and g[0] + g[2] <= W and g[1] + g[3] <= H
    if kind in ("polygon", "polyline"):
        g = [v for ring in g for v in ring]
    if kind in ("polygon", "polyline", "points", "cuboid"):
        return all(0 <= x <= W and 0 <= y <= H for x, y in zip(g[0::2], g[1::2]))
    if kind == "keypoints":
        return all(v == 0 or (0 <= x <= W and 0 <= y <= H)
                   for x, y, v in zip(g[0::3], g[1::3], g[2::3]))
    if kind in ("rbox", "ellipse"):
        return 0 <= g[0] <= W and 0 <= g[1] <= H
    if kind == "mask":
        return g["size"] == [H, W]
    return True


def main():
    cairn, project, sample = sys.argv[1:4]
    with open(sample, encoding="utf-8") as f:
        want = json.load(f)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([cairn, "export", project, "--format", "cairn", "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(out, "project.json"), encoding="utf-8") as f:
            got = json.load(f)
    problems = []
    have = {key(i): i for i in got["items"]}
    if len(have) != len(want["items"]):
        problems.append(f"{len(have)} items in the project, {len(want['items'])} in sample.json")
    for item in want["items"]:
        k = key(item)
        other = have.get(k)
        if other is None:
            problems.append(f"{k[:40]}: missing from the project")
            continue
        if canonical(item) != canonical(other):
            problems.append(f"{k[:40]}: annotations differ from sample.json")
        for field in ("split", "state"):
            if item.get(field) != other.get(field):
                problems.append(f"{k[:40]}: {field} {other.get(field)!r}, want {item.get(field)!r}")
        for a in item["annotations"]:
            if a["kind"] == "span":
                s, e = a["geometry"]
                piece = item["text"][s:e]
                if not piece or piece != piece.strip() or e > len(item["text"]):
                    problems.append(f"{k[:40]}: span [{s}, {e}) is {piece!r}")
            elif "uri" in item and item["uri"].startswith("images/") and not inside(a):
                problems.append(f"{k}: {a['kind']} {a.get('label')} leaves the image")
            elif a["kind"] == "segment":
                path = os.path.join(os.path.dirname(sample), item["uri"])
                with wave.open(path) as w:
                    ms = w.getnframes() * 1000 / w.getframerate()
                s, e = a["geometry"]["t"]
                if not 0 <= s < e <= ms:
                    problems.append(f"{k}: segment [{s}, {e}] outside the clip's {ms:.0f} ms")
    used = {a["kind"] for i in got["items"] for a in i["annotations"]}
    if used != KINDS:
        problems.append(f"kinds missing from the project: {sorted(KINDS - used)}")
    labels = {l["name"] for l in got["labels"]}
    if labels != {l["name"] for l in want["labels"]}:
        problems.append("the project's labels differ from sample.json's")
    n = sum(len(i["annotations"]) for i in got["items"])
    for p in problems:
        print("FAIL:", p)
    print(f"{len(got['items'])} items, {n} annotations, {len(labels)} labels, "
          f"{len(used)} kinds checked")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
