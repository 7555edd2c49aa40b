#!/usr/bin/env python3
"""Writes a small EXIF block (APP1) into a JPEG: orientation, time taken, camera, GPS.

Usage: exif.py FILE.jpg ORIENTATION "YYYY:MM:DD HH:MM:SS" [LAT LON]

Replaces any EXIF block already there. Big-endian TIFF, IFD0 + Exif IFD + GPS IFD, no
thumbnail. Written for the Cairn sample so it needs no exiftool; CC0 1.0.
"""
import struct
import sys

ASCII, SHORT, LONG, RATIONAL, BYTE, UNDEFINED = 2, 3, 4, 5, 1, 7
SIZES = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, UNDEFINED: 1}


def pack_value(kind, value):
    if kind == ASCII:
        return value.encode("ascii") + b"\0"
    if kind in (BYTE, UNDEFINED):
        return bytes(value)
    if kind == SHORT:
        return b"".join(struct.pack(">H", v) for v in value)
    if kind == LONG:
        return b"".join(struct.pack(">I", v) for v in value)
    return b"".join(struct.pack(">II", n, d) for n, d in value)


def build_ifd(entries, offset, next_ifd=0):
    """entries: [(tag, kind, value)], offset: where this IFD starts in the TIFF data.
    Returns the IFD bytes with its out-of-line values appended."""
    entries = sorted(entries)
    head = struct.pack(">H", len(entries))
    extra = b""
    extra_at = offset + 2 + 12 * len(entries) + 4
    body = b""
    for tag, kind, value in entries:
        data = pack_value(kind, value)
        count = len(data) // SIZES[kind]
        if len(data) <= 4:
            field = data.ljust(4, b"\0")
        else:
            field = struct.pack(">I", extra_at + len(extra))
            extra += data + (b"\0" if len(data) % 2 else b"")
        body += struct.pack(">HHI", tag, kind, count) + field
    return head + body + struct.pack(">I", next_ifd) + extra


def degrees(value):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60 * 100)
    return [(d, 1), (m, 1), (s, 100)]


def exif_block(orientation, when, gps):
    # The layout is fixed, so offsets are computed in two passes: sizes first, then real.
    def layout(exif_at, gps_at):
        ifd0 = [
            (0x010F, ASCII, "Cairn"),
            (0x0110, ASCII, "make-images.c"),
            (0x0112, SHORT, [orientation]),
            (0x0131, ASCII, "Cairn sample generator"),
            (0x0132, ASCII, when),
            (0x8769, LONG, [exif_at]),
        ]
        if gps:
            ifd0.append((0x8825, LONG, [gps_at]))
        return ifd0

    exif_ifd = [(0x9000, UNDEFINED, b"0232"), (0x9003, ASCII, when)]
    gps_ifd = []
    if gps:
        lat, lon = gps
        gps_ifd = [
            (0x0000, BYTE, [2, 3, 0, 0]),
            (0x0001, ASCII, "N" if lat >= 0 else "S"),
            (0x0002, RATIONAL, degrees(lat)),
            (0x0003, ASCII, "E" if lon >= 0 else "W"),
            (0x0004, RATIONAL, degrees(lon)),
        ]
    ifd0 = build_ifd(layout(0, 0), 8)
    exif_at = 8 + len(ifd0)
    exif = build_ifd(exif_ifd, exif_at)
    gps_at = exif_at + len(exif)
    ifd0 = build_ifd(layout(exif_at, gps_at), 8)
    tiff = b"MM\0*" + struct.pack(">I", 8) + ifd0 + exif
    if gps:
        tiff += build_ifd(gps_ifd, gps_at)
    return b"Exif\0\0" + tiff


def segments(data):
    """Yields (marker, segment bytes) up to and including SOS, then the rest as one piece."""
    if data[:2] != b"\xff\xd8":
        raise SystemExit("not a JPEG")
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise SystemExit(f"bad marker at {pos}")
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker == 0xDA:
            yield marker, data[pos:]
            return
        yield marker, data[pos:pos + 2 + length]
        pos += 2 + length


def main():
    path, orientation, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    gps = (float(sys.argv[4]), float(sys.argv[5])) if len(sys.argv) > 5 else None
    with open(path, "rb") as f:
        data = f.read()
    block = exif_block(orientation, when, gps)
    app1 = b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block
    out = [b"\xff\xd8"]
    placed = False
    for marker, seg in segments(data):
        if marker == 0xE1 and seg[4:10] == b"Exif\0\0":
            continue
        # EXIF goes right after JFIF's APP0 when there is one, else first.
        if not placed and marker != 0xE0:
            out.append(app1)
            placed = True
        out.append(seg)
    with open(path, "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
