#!/usr/bin/env python3
"""Writes sample.json (Cairn's native JSON) and texts/news.jsonl for the sample project.

Usage: make-sample-json.py   (run after make-images.sh and make-audio.sh)

- Image annotations come from shapes.json, which make-images.c wrote from the numbers it drew
  with; here they get an annotator, and a second annotator's slightly different version is
  made for a few images so agreement has something to measure.
- Text spans are found in the text by search, so offsets are exact code points, half-open.
- Audio segments are measured from the WAV files (where the sound is above the noise floor).
CC0 1.0, like the rest of the sample.
"""
import json
import math
import os
import random
import struct
import wave

HERE = os.path.dirname(os.path.abspath(__file__))

# --- labels ----------------------------------------------------------------------------------

PERSON_SKELETON = {"points": ["head", "neck", "l_hand", "r_hand", "hip", "l_foot", "r_foot"],
                   "edges": [[0, 1], [1, 2], [1, 3], [1, 4], [4, 5], [4, 6]]}
FACE_SKELETON = {"points": ["nose", "l_eye", "r_eye", "l_ear", "r_ear", "mouth_l", "mouth_r"],
                 "edges": [[0, 1], [0, 2], [1, 3], [2, 4], [0, 5], [0, 6], [5, 6]]}
OCCLUDED = {"name": "occluded", "type": "bool"}
TRUNCATED = {"name": "truncated", "type": "bool"}


def label(name, color, kinds, key=None, parent=None, attributes=(), skeleton=None):
    out = {"name": name, "color": color}
    if key:
        out["key"] = key
    out["kinds"] = list(kinds)
    out["parent"] = parent
    out["attributes"] = list(attributes)
    if skeleton:
        out["skeleton"] = skeleton
    return out


LABELS = [
    # Images
    label("person", "#E15759", ["box", "keypoints"], attributes=[
        OCCLUDED, {"name": "pose", "type": "enum", "values": ["standing", "sitting", "walking"],
                   "required": False}], skeleton=PERSON_SKELETON),
    label("vehicle", "#4E79A7", ["box", "rbox"], attributes=[OCCLUDED, TRUNCATED]),
    label("car", "#59A14F", ["box", "rbox"], parent="vehicle",
          attributes=[OCCLUDED, TRUNCATED]),
    label("bus", "#76B7B2", ["box", "rbox"], "u", parent="vehicle",
          attributes=[OCCLUDED, TRUNCATED]),
    label("traffic-light", "#F28E2B", ["box"], attributes=[
        {"name": "state", "type": "enum", "values": ["red", "yellow", "green"],
         "required": True}]),
    label("road", "#9C755F", ["polygon", "mask"]),
    label("sky", "#A0CBE8", ["polygon", "mask"], "y"),
    label("road-marking", "#EDC948", ["polyline"], "j"),
    label("product", "#B07AA1", ["box", "rbox"], attributes=[
        {"name": "brand", "type": "text"}, {"name": "price", "type": "number"}]),
    label("price-tag", "#FF9DA7", ["ocr"]),
    label("cat", "#8CD17D", ["polygon", "box"]),
    label("eye", "#499894", ["points"]),
    label("rug", "#86BCB6", ["ellipse", "mask"]),
    label("toy", "#F1CE63", ["ellipse", "box"]),
    label("text-line", "#D37295", ["ocr"]),
    label("stamp", "#FABFD2", ["rbox"]),
    label("signature", "#4E79A7", ["polyline"]),
    label("face", "#FF9D9A", ["box", "keypoints"], "f", attributes=[OCCLUDED],
          skeleton=FACE_SKELETON),
    label("package", "#BAB0AC", ["cuboid", "box"],
          attributes=[{"name": "damaged", "type": "bool"}]),
    label("cell", "#D4A6C8", ["ellipse", "polygon"],
          attributes=[{"name": "dividing", "type": "bool"}]),
    label("nucleus", "#9D7660", ["points"]),
    label("fruit", "#F28E2B", ["ellipse", "polygon", "mask"]),
    label("apple", "#E15759", ["ellipse", "polygon", "mask"], parent="fruit"),
    label("orange", "#FFBE7D", ["ellipse", "polygon", "mask"], parent="fruit"),
    label("banana", "#EDC948", ["ellipse", "polygon", "mask"], parent="fruit"),
    label("bowl", "#79706E", ["polygon"]),
    label("door", "#8CD17D", ["box"]),
    label("bench", "#B6992D", ["box"]),
    # Image tags
    label("daytime", "#F1CE63", ["tag"]),
    label("night", "#4E79A7", ["tag"]),
    label("indoor", "#D4A6C8", ["tag"]),
    label("outdoor", "#8CD17D", ["tag"]),
    label("document", "#BAB0AC", ["tag"]),
    label("aerial", "#86BCB6", ["tag"]),
    label("microscopy", "#D37295", ["tag"]),
    # Text: entities, relations, document classes, targets
    label("PER", "#E15759", ["span"]),
    label("ORG", "#4E79A7", ["span"]),
    label("LOC", "#59A14F", ["span"]),
    label("DATE", "#F28E2B", ["span"]),
    label("PHONE", "#B07AA1", ["span"]),
    label("EMAIL", "#FF9DA7", ["span"]),
    label("ID", "#9C755F", ["span"]),
    label("works-for", "#76B7B2", ["relation"]),
    label("located-in", "#EDC948", ["relation"]),
    label("economy", "#4E79A7", ["class"]),
    label("society", "#F28E2B", ["class"]),
    label("science", "#59A14F", ["class"]),
    label("technology", "#76B7B2", ["class"]),
    label("culture", "#B07AA1", ["class"]),
    label("sports", "#E15759", ["class"]),
    label("weather", "#A0CBE8", ["class"]),
    label("notice", "#BAB0AC", ["class"]),
    label("translation", "#9D7660", ["target"]),
    label("summary", "#D4A6C8", ["target"]),
    # Audio
    label("speech", "#59A14F", ["segment"]),
]

ANNOTATORS = [
    {"name": "minji", "role": "annotator"},
    {"name": "seojun", "role": "annotator"},
    {"name": "alex", "role": "reviewer"},
]

GUIDE_V1 = """\
# Sample labelling guide · 샘플 라벨링 가이드

This project shows every kind of annotation Cairn knows. Label what you see; when in doubt,
leave a note for the reviewer.
이 프로젝트는 Cairn이 다루는 모든 주석 유형을 보여 줍니다. 보이는 대로 라벨링하고, 애매하면
검수자에게 메모를 남기세요.

## Images · 이미지

- **Boxes** touch the outermost visible pixels of the object. 상자는 물체에서 보이는 가장 바깥
  픽셀에 맞춥니다.
- **Keypoints** follow the label's skeleton. Visibility: 2 = visible, 1 = hidden but you know
  where it is, 0 = not in the picture. 키포인트 가시성: 2 = 보임, 1 = 가려졌지만 위치를 앎,
  0 = 화면 밖.
- **OCR**: one box per line of text, transcribed exactly as written.
  OCR은 한 줄에 상자 하나, 적힌 그대로 옮겨 적습니다.

## Text · 텍스트

- Entities: `PER`, `ORG`, `LOC`, `DATE`, `PHONE`, `EMAIL`.
- One document class per text. 글마다 분류는 하나만 고릅니다.
"""

GUIDE_V2 = """\
# Sample labelling guide · 샘플 라벨링 가이드 (v2)

This project shows every kind of annotation Cairn knows. Label what you see; when in doubt,
leave a note for the reviewer.
이 프로젝트는 Cairn이 다루는 모든 주석 유형을 보여 줍니다. 보이는 대로 라벨링하고, 애매하면
검수자에게 메모를 남기세요.

**Changed in v2 · v2 변경 사항**: new `ID` entity for passport and card numbers; Korean
particles and honorifics stay outside spans; OCR collapses runs of spaces.
여권·카드 번호용 `ID` 개체 추가, 조사와 호칭은 범위에서 제외, OCR에서 연속 공백은 하나로.

## Images · 이미지

- **Boxes** touch the outermost visible pixels of the object. An object cut by the image edge
  is `truncated`; one hidden behind something else is `occluded`.
  상자는 물체에서 보이는 가장 바깥 픽셀에 맞춥니다. 사진 가장자리에서 잘린 물체는
  `truncated`, 다른 물체에 가려진 물체는 `occluded`로 표시합니다.
- **Rotated boxes** for objects that lie at an angle (cars seen from above, a fallen bottle):
  the long side is the width. 비스듬히 놓인 물체는 회전 상자로, 긴 변을 너비로 잡습니다.
- **Polygons** for regions such as the road: include what parked cars hide, and cut a hole for
  islands and planters. 도로 같은 영역은 다각형으로 그리되, 차에 가려진 부분은 포함하고
  중앙 분리대·화단은 구멍으로 뺍니다.
- **Masks** cover only the visible pixels. 마스크는 보이는 픽셀만 칠합니다.
- **Keypoints** follow the label's skeleton; `l_` and `r_` are the person's own left and right.
  Visibility: 2 = visible, 1 = hidden but you know where it is, 0 = not in the picture.
  키포인트는 라벨의 골격을 따르며, `l_`·`r_`는 그 사람 기준의 왼쪽·오른쪽입니다.
  가시성: 2 = 보임, 1 = 가려졌지만 위치를 앎, 0 = 화면 밖.
- **Cuboids**: the front face first (top-left, top-right, bottom-right, bottom-left), then the
  back face in the same order. 직육면체는 앞면 네 점(왼위·오른위·오른아래·왼아래) 다음에
  뒷면 네 점을 같은 순서로 찍습니다.
- **OCR**: one box per line of text, transcribed exactly as written, runs of spaces as one.
  OCR은 한 줄에 상자 하나, 적힌 그대로 옮기되 연속 공백은 하나로 씁니다.

![Cars seen from above get rotated boxes · 위에서 본 차는 회전 상자로](images/parking-01.png)

## Text · 텍스트

| Label | What · 무엇 | Example · 예 |
|---|---|---|
| `PER` | people · 사람 | 김하린, Daniel Reyes |
| `ORG` | organisations · 기관·회사 | 한빛전자, Northwind Robotics |
| `LOC` | places and addresses · 장소·주소 | 부산항, Cheonggyecheon Stream |
| `DATE` | dates and times · 날짜·시간 | 5월 14일, on Monday → `Monday` |
| `PHONE` / `EMAIL` / `ID` | personal data · 개인정보 | 010-1234-5678 |

- Spans cover the name only: no particles (은/는/이/가/을/를/에서…), no honorifics or titles
  (씨, 님, 박사, Ms.). 범위에는 이름만 넣고 조사와 호칭은 넣지 않습니다.
- Relations: `works-for` goes from a person to an organisation, `located-in` from an
  organisation to a place. 관계: `works-for`는 사람 → 기관, `located-in`은 기관 → 장소.
- One document class per text; a translation or summary goes in a target.
  글마다 분류는 하나, 번역이나 요약은 target에 적습니다.

## Audio · 음성

Segments start and end within 50 ms of the speech; speakers are A, B… in order of appearance;
transcribe verbatim. 구간은 발화 앞뒤 50 ms 안에서 자르고, 화자는 등장 순서대로 A, B…로
적으며, 들리는 그대로 받아 적습니다.
"""

GUIDELINES = [
    {"title": "Sample labelling guide · 샘플 라벨링 가이드", "markdown": GUIDE_V1},
    {"title": "Sample labelling guide · 샘플 라벨링 가이드 (v2)", "markdown": GUIDE_V2},
]

# --- images ----------------------------------------------------------------------------------

IMAGE_META = {"source": "drawn by data/sample/make-images.c", "licence": "CC0-1.0"}
IMAGE_ITEMS = {
    # uri stem: (split, state, extra meta)
    "street-01": ("train", "done", {}),
    "street-02": ("train", "review", {"note": "pre-labelled by a detector, to be checked"}),
    "shelf-01": ("train", "done", {}),
    "shelf-02": ("train", "new", {}),
    "cat-01": ("train", "done", {}),
    "document-01": ("train", "done", {"consent": "fictional letter; names are invented"}),
    "document-02": ("val", "done", {"consent": "fictional receipt; the card number is a test number"}),
    "faces-01": ("train", "accepted", {"consent": "drawn faces, no real person"}),
    "parking-01": ("train", "done", {}),
    "warehouse-01": ("train", "done", {}),
    "cells-01": ("val", "done", {}),
    "fruit-01": ("test", "done", {}),
    "bakery-01": ("test", "done", {}),
    "park-01": ("test", "in-progress", {}),
}


def r1(v):
    """Tenths of a pixel, and whole numbers as integers, as make-images.c writes them."""
    v = round(v * 10) / 10
    return int(v) if v == int(v) else v


def jitter_box(g, rng, px=3.0):
    x0, y0 = g[0] + rng.uniform(-px, px), g[1] + rng.uniform(-px, px)
    x1, y1 = g[0] + g[2] + rng.uniform(-px, px), g[1] + g[3] + rng.uniform(-px, px)
    return [r1(x0), r1(y0), r1(x1 - x0), r1(y1 - y0)]


def jitter_keypoints(g, rng, px=2.0):
    out = []
    for x, y, v in zip(g[0::3], g[1::3], g[2::3]):
        if v:
            x, y = r1(x + rng.uniform(-px, px)), r1(y + rng.uniform(-px, px))
        out += [x, y, v]
    return out


def simplify_ring(ring, tolerance):
    """Douglas–Peucker on a closed ring: a coarser outline of the same shape."""
    pts = list(zip(ring[0::2], ring[1::2]))

    def dist(p, a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        if dx == dy == 0:
            return math.hypot(p[0] - a[0], p[1] - a[1])
        t = max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)

    def rec(i, j, keep):
        worst, at = 0, i
        for k in range(i + 1, j):
            d = dist(pts[k], pts[i], pts[j])
            if d > worst:
                worst, at = d, k
        if worst > tolerance:
            keep.add(at)
            rec(i, at, keep)
            rec(at, j, keep)

    keep = {0, len(pts) - 1}
    rec(0, len(pts) - 1, keep)
    return [r1(c) for k in sorted(keep) for c in pts[k]]


def second_opinion(stem, annotations, rng):
    """seojun's annotations of the same image: mostly the same, a little off, one or two
    real disagreements, as two people labelling independently would give."""
    out = []
    for i, a in enumerate(annotations):
        b = dict(a, annotator="seojun")
        kind = a["kind"]
        if stem == "street-01":
            if kind == "box" and a["label"] == "car" and a["attributes"]["occluded"]:
                continue  # missed the car behind the tree
            if kind == "box" and a.get("attributes", {}).get("truncated"):
                b["attributes"] = dict(a["attributes"], truncated=False)
            if kind not in ("box", "keypoints", "tag"):
                continue
        elif stem == "shelf-01":
            if kind == "ocr" and a["text"] == "₩1,100":
                b["text"] = "₩1.100"  # a misread comma
            elif kind not in ("box", "ocr", "tag"):
                continue
        elif stem == "cells-01":
            if kind == "ellipse":
                if i == 3:
                    continue  # missed one cell
                g = a["geometry"]
                b["geometry"] = [r1(g[0] + rng.uniform(-2, 2)), r1(g[1] + rng.uniform(-2, 2)),
                                 r1(g[2] + rng.uniform(-3, 3)), r1(g[3] + rng.uniform(-3, 3)),
                                 r1(g[4] + rng.uniform(-4, 4))]
            elif kind != "tag":
                continue
        elif stem == "faces-01":
            if kind not in ("box", "keypoints", "tag"):
                continue
        elif stem == "cat-01":
            if kind == "polygon":
                b["geometry"] = [simplify_ring(a["geometry"][0], 3.0)]
            elif kind not in ("points", "tag"):
                continue
        # On the shelf half the boxes come out identical: products are easy to box.
        if kind == "box" and (stem != "shelf-01" or rng.random() < 0.5):
            b["geometry"] = jitter_box(a["geometry"], rng)
        if kind == "keypoints":
            b["geometry"] = jitter_keypoints(a["geometry"], rng)
        if kind == "points":
            b["geometry"] = [r1(v + rng.uniform(-1.5, 1.5)) for v in a["geometry"]]
        out.append(b)
    return out


def detector_guesses(annotations, rng):
    """What a detection model might have proposed for the night street: boxes with scores,
    one of them wrong (a lamp post called a person)."""
    out = []
    for a in annotations:
        if a["kind"] == "box":
            out.append({"kind": "box", "label": a["label"],
                        "geometry": jitter_box(a["geometry"], rng, 4.0),
                        "origin": "model", "score": round(rng.uniform(0.78, 0.97), 2)})
    out.append({"kind": "box", "label": "person", "geometry": [114, 146, 26, 154],
                "origin": "model", "score": 0.41})
    return out


def image_items():
    with open(os.path.join(HERE, "shapes.json"), encoding="utf-8") as f:
        shapes = json.load(f)
    rng = random.Random(2024)
    items = []
    for image in shapes["images"]:
        stem = os.path.splitext(os.path.basename(image["uri"]))[0]
        split, state, extra = IMAGE_ITEMS[stem]
        annotations = []
        if state != "new":
            for a in image["annotations"]:
                a = dict(a, annotator="minji")
                annotations.append(a)
            if stem in ("street-01", "shelf-01", "cells-01", "faces-01", "cat-01"):
                annotations += second_opinion(stem, annotations, rng)
            if stem == "street-02":
                annotations += detector_guesses(annotations, rng)
        if state == "in-progress":
            annotations = [a for a in annotations if a["kind"] == "tag" or a["label"] == "bench"]
        items.append({"uri": image["uri"], "split": split, "state": state,
                      "meta": dict(IMAGE_META, **extra), "annotations": annotations})
    return items

# --- texts -----------------------------------------------------------------------------------

# Each text: entities as (surface, label) in order of appearance (a surface that occurs twice
# would need its occurrence; none does), relations as (from entity, to entity, label), the
# document class, optional targets, and optionally seojun's version: entities and class.
TEXTS = [
    dict(lang="ko", split="train", cls="culture",
         text="서울시청 앞 광장에서 김하린 씨가 이끄는 시민 합창단이 5월 14일 저녁 무료 공연을 열었다.",
         ents=[("서울시청", "LOC"), ("김하린", "PER"), ("5월 14일", "DATE")],
         second=dict(ents=[("서울시청 앞 광장", "LOC"), ("김하린", "PER"), ("5월 14일", "DATE")],
                     cls="culture")),
    dict(lang="en", split="train", cls="technology",
         text="Northwind Robotics opened a new research lab in Pangyo on Monday, chief executive "
              "Daniel Reyes told reporters.",
         ents=[("Northwind Robotics", "ORG"), ("Pangyo", "LOC"), ("Monday", "DATE"),
               ("Daniel Reyes", "PER")],
         rels=[(3, 0, "works-for"), (0, 1, "located-in")],
         targets=[("translation", "노스윈드 로보틱스가 월요일 판교에 새 연구소를 열었다고 대니얼 "
                                  "레예스 최고경영자가 기자들에게 밝혔다.")],
         second=dict(ents=[("Northwind Robotics", "ORG"), ("Pangyo", "LOC"), ("Monday", "DATE"),
                           ("Daniel Reyes", "PER")], cls="technology")),
    dict(lang="ko", split="train", cls="economy",
         text="한빛해운은 올해 1분기 부산항 컨테이너 처리량이 작년 같은 기간보다 4.2% 늘었다고 밝혔다.",
         ents=[("한빛해운", "ORG"), ("올해 1분기", "DATE"), ("부산항", "LOC")]),
    dict(lang="en", split="train", cls="notice",
         text="For interview requests, please contact press officer Sarah Lim at "
              "sarah.lim@example.org or (555) 010-4477.",
         ents=[("Sarah Lim", "PER"), ("sarah.lim@example.org", "EMAIL"),
               ("(555) 010-4477", "PHONE")]),
    dict(lang="ko", split="train", cls="notice",
         text="분실물을 찾으신 분은 관리사무소 박준호 과장(010-1234-5678, junho.park@example.com)에게 "
              "연락해 주세요.",
         ents=[("관리사무소", "ORG"), ("박준호", "PER"), ("010-1234-5678", "PHONE"),
               ("junho.park@example.com", "EMAIL")],
         rels=[(1, 0, "works-for")]),
    dict(lang="en", split="train", cls="weather",
         text="Heavy rain is expected across Jeju Island on Thursday, and ferries to Wando may be "
              "cancelled, the regional weather office said.",
         ents=[("Jeju Island", "LOC"), ("Thursday", "DATE"), ("Wando", "LOC")]),
    dict(lang="ko", split="train", cls="science",
         text="제주해양연구소 이서연 박사 연구팀은 서귀포 앞바다에서 새로운 산호 군락을 발견했다고 "
              "20일 발표했다.",
         ents=[("제주해양연구소", "ORG"), ("이서연", "PER"), ("서귀포", "LOC"), ("20일", "DATE")],
         rels=[(1, 0, "works-for")],
         targets=[("summary", "제주해양연구소 연구팀이 서귀포 앞바다에서 새 산호 군락을 찾았다.")],
         second=dict(ents=[("제주해양연구소", "ORG"), ("이서연", "PER"), ("서귀포", "LOC"),
                           ("20일", "DATE")], cls="science")),
    dict(lang="en", split="train", cls="sports",
         text="Midfielder Kim Do-hyun scored twice as Incheon Harbor FC beat the Daejeon Comets "
              "3-1 on Saturday night.",
         ents=[("Kim Do-hyun", "PER"), ("Incheon Harbor FC", "ORG"), ("Daejeon Comets", "ORG"),
               ("Saturday night", "DATE")],
         rels=[(0, 1, "works-for")]),
    dict(lang="ko", split="train", cls="economy",
         text="한빛전자는 다음 달부터 광주 공장에서 배터리를 생산한다고 정태윤 대표가 밝혔다.",
         ents=[("한빛전자", "ORG"), ("다음 달", "DATE"), ("광주", "LOC"), ("정태윤", "PER")],
         rels=[(3, 0, "works-for"), (0, 2, "located-in")],
         targets=[("translation", "Hanbit Electronics will start making batteries at its Gwangju "
                                  "plant next month, chief executive Jeong Tae-yun said.")],
         second=dict(ents=[("한빛전자", "ORG"), ("다음 달", "DATE"), ("광주", "LOC"),
                           ("정태윤", "PER")], cls="technology")),
    dict(lang="en", split="train", cls="society",
         text="Customer Emily Carter (emily.carter@example.net, 555-0134) reported that her order "
              "from Greenleaf Market arrived damaged.",
         ents=[("Emily Carter", "PER"), ("emily.carter@example.net", "EMAIL"),
               ("555-0134", "PHONE"), ("Greenleaf Market", "ORG")]),
    dict(lang="ko", split="train", cls="culture",
         text="한강시립도서관은 6월 1일부터 평일 야간 개방 시간을 밤 10시까지 늘린다.",
         ents=[("한강시립도서관", "ORG"), ("6월 1일", "DATE")]),
    dict(lang="en", split="train", cls="culture",
         text="The Riverlight Festival returns to Cheonggyecheon Stream from November 1, with "
              "lanterns made by artists from Seoul and Kyoto.",
         ents=[("Cheonggyecheon Stream", "LOC"), ("November 1", "DATE"), ("Seoul", "LOC"),
               ("Kyoto", "LOC")],
         targets=[("translation", "리버라이트 축제가 11월 1일부터 청계천에서 다시 열리며, 서울과 "
                                  "교토 작가들이 만든 등이 불을 밝힌다.")]),
    dict(lang="ko", split="train", cls="society",
         text="택배 기사 최우진 씨는 수신인 연락처 010-9876-5432와 주소 대구광역시 수성구 샘플로 "
              "12를 확인한 뒤 물건을 전달했다.",
         ents=[("최우진", "PER"), ("010-9876-5432", "PHONE"), ("대구광역시 수성구 샘플로 12", "LOC")]),
    dict(lang="en", split="train", cls="science",
         text="Professor Aisha Rahman of the Geumgang Institute of Technology will present a new "
              "Korean speech dataset in Daejeon next week.",
         ents=[("Aisha Rahman", "PER"), ("Geumgang Institute of Technology", "ORG"),
               ("Daejeon", "LOC"), ("next week", "DATE")],
         rels=[(0, 1, "works-for")]),
    dict(lang="ko", split="val", cls=None,
         text="새솔시는 시내버스 기본요금을 다음 달 1일부터 200원 올린다고 밝혔다.", ents=[]),
    dict(lang="en", split="val", cls="society",
         text="Staff at the Grand Harbour Hotel in Busan said a guest, Hiroshi Tanaka, left "
              "passport M12345678 at the front desk.",
         ents=[("Grand Harbour Hotel", "ORG"), ("Busan", "LOC"), ("Hiroshi Tanaka", "PER"),
               ("M12345678", "ID")],
         rels=[(0, 1, "located-in")]),
    dict(lang="ko", split="val", cls="culture",
         text="강원도 평창에서 열린 겨울 축제에 주말 동안 12만 명이 다녀갔다.",
         ents=[("강원도 평창", "LOC"), ("주말", "DATE")],
         targets=[("translation", "Some 120,000 people visited the winter festival in "
                                  "Pyeongchang, Gangwon Province, over the weekend.")]),
    dict(lang="en", split="test", cls=None,
         text="Rain and strong winds will ease by Sunday morning in Gangneung, forecasters at "
              "the East Coast Weather Centre said.", ents=[]),
    dict(lang="ko", split="test", cls="notice",
         text="문의 사항은 answer.desk@example.com으로 보내 주시면 고객센터 상담원 윤하늘 님이 "
              "답변해 드립니다.",
         ents=[("answer.desk@example.com", "EMAIL"), ("고객센터", "ORG"), ("윤하늘", "PER")],
         rels=[(2, 1, "works-for")]),
    dict(lang="en", split="test", cls="economy",
         text="Seoul-based startup Daon Labs raised 8 billion won from investors led by Blue Pine "
              "Capital, founder Choi Ye-jin said on Tuesday.",
         ents=[("Seoul", "LOC"), ("Daon Labs", "ORG"), ("Blue Pine Capital", "ORG"),
               ("Choi Ye-jin", "PER"), ("Tuesday", "DATE")],
         rels=[(3, 1, "works-for"), (1, 0, "located-in")],
         second=dict(ents=[("Seoul", "LOC"), ("Daon Labs", "ORG"), ("Blue Pine Capital", "ORG"),
                           ("Choi Ye-jin", "PER")], cls="economy")),
]


def find_spans(text, ents, where):
    """Code-point offsets of each entity, searching forward so order disambiguates."""
    spans, pos = [], 0
    for surface, lab in ents:
        start = text.find(surface, pos)
        if start < 0:
            raise SystemExit(f"{where}: {surface!r} not found after offset {pos}")
        if text.find(surface, start + 1) >= 0:
            raise SystemExit(f"{where}: {surface!r} occurs twice; say which")
        spans.append((start, start + len(surface), lab))
        pos = start + len(surface)
    return spans


def text_items():
    items = []
    for n, t in enumerate(TEXTS, 1):
        where = f"text {n}"
        annotations = []
        for start, end, lab in find_spans(t["text"], t["ents"], where):
            annotations.append({"kind": "span", "label": lab, "annotator": "minji",
                                "geometry": [start, end]})
        for a, b, lab in t.get("rels", []):
            annotations.append({"kind": "relation", "label": lab, "annotator": "minji",
                                "geometry": [a, b]})
        if t["cls"]:
            annotations.append({"kind": "class", "label": t["cls"], "annotator": "minji"})
        for lab, target in t.get("targets", []):
            annotations.append({"kind": "target", "label": lab, "annotator": "minji",
                                "text": target})
        second = t.get("second")
        if second:
            for start, end, lab in find_spans(t["text"], second["ents"], where + " (seojun)"):
                annotations.append({"kind": "span", "label": lab, "annotator": "seojun",
                                    "geometry": [start, end]})
            annotations.append({"kind": "class", "label": second["cls"], "annotator": "seojun"})
        items.append({"text": t["text"], "split": t["split"],
                      "state": "done" if annotations else "new",
                      "meta": {"id": f"news-{n:02d}", "lang": t["lang"],
                               "source": "written for the Cairn sample", "licence": "CC0-1.0"},
                      "annotations": annotations})
    return items


def write_jsonl():
    os.makedirs(os.path.join(HERE, "texts"), exist_ok=True)
    with open(os.path.join(HERE, "texts", "news.jsonl"), "w", encoding="utf-8") as f:
        for n, t in enumerate(TEXTS, 1):
            row = {"id": f"news-{n:02d}", "lang": t["lang"], "text": t["text"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

# --- audio -----------------------------------------------------------------------------------

AUDIO = [
    ("audio/welcome-en.wav", "en-us, en-us+f3",
     [("A", "Welcome to Cairn."), ("B", "Let's label some data.")]),
    ("audio/hello-ko.wav", "ko", [("A", "안녕하세요. 케언 샘플 음성입니다.")]),
]


def speech_regions(path, expected):
    """Where the sound is: 10 ms frames above a floor, gaps under 250 ms bridged; then the
    `expected` longest-gap splits give one region per utterance."""
    with wave.open(path) as w:
        rate, n = w.getframerate(), w.getnframes()
        samples = struct.unpack(f"<{n}h", w.readframes(n))
    step = rate // 100
    loud = [math.sqrt(sum(s * s for s in samples[i:i + step]) / step) > 300
            for i in range(0, n - step + 1, step)]
    regions, start, quiet = [], None, 0
    for i, on in enumerate(loud + [False] * 30):
        if on:
            if start is None:
                start = i
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet == 25:
                regions.append((start * 10, (i - quiet + 1) * 10))
                start = None
    if len(regions) < expected:
        raise SystemExit(f"{path}: found {len(regions)} speech regions, expected {expected}")
    # Join the regions separated by the smallest gaps until there are as many as utterances.
    while len(regions) > expected:
        k = min(range(len(regions) - 1), key=lambda j: regions[j + 1][0] - regions[j][1])
        regions[k:k + 2] = [(regions[k][0], regions[k + 1][1])]
    return regions, round(n * 1000 / rate)


def audio_items():
    items = []
    for uri, voice, lines in AUDIO:
        regions, duration = speech_regions(os.path.join(HERE, uri), len(lines))
        annotations = [{"kind": "segment", "label": "speech", "annotator": "minji",
                        "geometry": {"t": [max(0, s - 30), min(duration, e + 30)],
                                     "speaker": speaker}, "text": said}
                       for (s, e), (speaker, said) in zip(regions, lines)]
        items.append({"uri": uri, "split": "train", "state": "done",
                      "meta": {"source": f"espeak-ng 1.51, voice {voice}", "licence": "CC0-1.0",
                               "consent": "synthetic voice, no real speaker"},
                      "annotations": annotations})
    return items

# --- all together ----------------------------------------------------------------------------


def compact(value):
    return json.dumps(value, ensure_ascii=False)


def dump(doc):
    """One label, guideline or annotation per line: readable, and diffs stay small."""
    out = ["{"]
    out.append(f' "cairn": {doc["cairn"]},')
    out.append(f' "name": {compact(doc["name"])},')
    for key in ("labels", "annotators", "guidelines"):
        rows = ",\n  ".join(compact(v) for v in doc[key])
        out.append(f' "{key}": [\n  {rows}\n ],')
    items = []
    for item in doc["items"]:
        head = {k: v for k, v in item.items() if k != "annotations"}
        rows = ",\n    ".join(compact(a) for a in item["annotations"])
        body = f"[\n    {rows}\n   ]" if rows else "[]"
        items.append(compact(head)[:-1] + f', "annotations": {body}}}')
    out.append(' "items": [\n  ' + ",\n  ".join(items) + "\n ]")
    out.append("}\n")
    return "\n".join(out)


def main():
    write_jsonl()
    doc = {"cairn": 1, "name": "Sample", "labels": LABELS, "annotators": ANNOTATORS,
           "guidelines": GUIDELINES, "items": image_items() + text_items() + audio_items()}
    kinds = {a["kind"] for i in doc["items"] for a in i["annotations"]}
    wanted = {"tag", "box", "rbox", "ellipse", "polygon", "polyline", "points", "keypoints",
              "cuboid", "mask", "ocr", "class", "span", "relation", "segment", "target"}
    if wanted - kinds:
        raise SystemExit(f"kinds never used: {sorted(wanted - kinds)}")
    names = {l["name"] for l in LABELS}
    for item in doc["items"]:
        for a in item["annotations"]:
            if a["label"] not in names:
                raise SystemExit(f"{item.get('uri', item.get('text'))}: unknown label {a['label']}")
            spec = next(l for l in LABELS if l["name"] == a["label"])
            if a["kind"] not in spec["kinds"]:
                raise SystemExit(f"{a['label']} does not allow {a['kind']}")
    with open(os.path.join(HERE, "sample.json"), "w", encoding="utf-8") as f:
        f.write(dump(doc))
    n = sum(len(i["annotations"]) for i in doc["items"])
    print(f"sample.json: {len(doc['items'])} items, {n} annotations, {len(LABELS)} labels")


if __name__ == "__main__":
    main()
