#!/usr/bin/env python3
"""Writes the binary parts of the shape-format fixtures (tests/data/formats/{labelme,cvat,
labelstudio,via}): small PNG images, LabelMe's base64 PNG mask and Label Studio's brush RLE.
The JSON and XML fixtures are written by hand; this prints the encoded strings they embed.
Run from the repository root. Needs only the Python standard library."""

import base64
import os
import struct
import zlib

DATA = os.path.join("tests", "data", "formats")


def png(width, height, rows, bit_depth, colour_type):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def rgb_image(width, height, colour):
    row = bytes(colour) * width
    return png(width, height, [row] * height, 8, 2)


def mask_png(bits):
    """1-bit greyscale, as LabelMe (PIL mode "1") writes masks."""
    rows = []
    for line in bits:
        packed = bytearray((len(line) + 7) // 8)
        for x, v in enumerate(line):
            if v:
                packed[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(packed))
    return png(len(bits[0]), len(bits), rows, 1, 0)


def brush_rle(bits):
    """Label Studio's brush RLE (thi.ng rle-pack) of an RGBA image, 255 where set."""
    values = []
    for line in bits:
        for v in line:
            values += [255 if v else 0] * 4
    out = format(len(values), "032b") + format(8 - 1, "05b")
    for size in (3, 4, 8, 16):
        out += format(size - 1, "04b")
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j] == values[i] and j - i < 65536:
            j += 1
        n = j - i
        if n == 1:
            out += "0" + "00" + "000" + format(values[i], "08b")
        else:
            which, size = next((k, s) for k, s in enumerate((3, 4, 8, 16)) if n <= 2 ** s)
            out += "1" + format(which, "02b") + format(n - 1, "0%db" % size) + format(values[i], "08b")
        i = j
    out += "0" * (-len(out) % 8)
    return [int(out[k:k + 8], 2) for k in range(0, len(out), 8)]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    street = rgb_image(64, 48, (90, 120, 160))
    photo = rgb_image(32, 24, (200, 180, 40))
    for folder in ("labelme/valid", "cvat/images", "labelstudio", "via"):
        write(os.path.join(DATA, folder, "street.png"), street)
    write(os.path.join(DATA, "via", "field.png"), photo)
    write(os.path.join(DATA, "labelstudio", "tile.png"), rgb_image(8, 6, (30, 30, 30)))
    print("photo.png base64 (LabelMe imageData):")
    print(base64.b64encode(photo).decode())
    mask = [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]]
    print("4x3 mask as base64 1-bit PNG (LabelMe):")
    print(base64.b64encode(mask_png(mask)).decode())
    brush = [[0] * 8 for _ in range(6)]
    for y, x in ((1, 2), (1, 3), (2, 2), (2, 3), (2, 4), (3, 5), (4, 5), (4, 6)):
        brush[y][x] = 1
    print("8x6 brush RLE (Label Studio):")
    print(brush_rle(brush))


if __name__ == "__main__":
    main()
