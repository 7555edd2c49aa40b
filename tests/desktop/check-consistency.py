#!/usr/bin/env python3
"""check-consistency.py APP_ID VERSION DESKTOP METAINFO MIME_XML GSCHEMA ICONS_DIR

The desktop files must agree with each other: one application id everywhere, the icon the
launcher names exists, the launcher opens the MIME type the MIME package defines, the
metainfo launches that launcher and provides the binary it runs, the newest release is the
project's version, and the Korean translation reached every merged file.
"""
import configparser
import os
import sys
import xml.etree.ElementTree as ET

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def main():
    app_id, version, desktop, metainfo, mime, gschema, icons = sys.argv[1:8]
    problems = []

    def check(ok, what):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            problems.append(what)

    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    d = entry["Desktop Entry"]
    check(os.path.basename(desktop) == app_id + ".desktop", f"launcher is named {app_id}.desktop")
    check(d.get("Icon") == app_id, f"launcher icon is {app_id}")
    check(os.path.isfile(os.path.join(icons, "hicolor", "scalable", "apps", app_id + ".svg")),
          "the scalable icon exists")
    check(os.path.isfile(os.path.join(icons, "hicolor", "symbolic", "apps",
                                      app_id + "-symbolic.svg")), "the symbolic icon exists")
    check(d.get("Exec", "").split()[:2] == ["cairn", "%f"], "launcher runs `cairn %f`")
    check("Comment[ko]" in d and "GenericName[ko]" in d, "launcher has Korean text")

    types = ET.parse(mime).getroot().findall(MIME_NS + "mime-type")
    mime_type = types[0].get("type") if types else None
    check(len(types) == 1, "MIME package defines one type")
    check(d.get("MimeType", "").split(";")[:1] == [mime_type], f"launcher opens {mime_type}")
    globs = [g.get("pattern") for g in types[0].findall(MIME_NS + "glob")] if types else []
    check(globs == ["*.cairn"], "MIME type matches *.cairn")
    check(any(c.get(LANG) == "ko" for c in types[0].findall(MIME_NS + "comment")),
          "MIME comment has a Korean translation")

    meta = ET.parse(metainfo).getroot()
    check(meta.findtext("id") == app_id, f"metainfo id is {app_id}")
    launch = meta.find("launchable")
    check(launch is not None and launch.text == os.path.basename(desktop),
          "metainfo launches the launcher")
    check(meta.findtext("provides/binary") == "cairn", "metainfo provides the cairn binary")
    check(meta.findtext("provides/mediatype") == mime_type, f"metainfo provides {mime_type}")
    releases = meta.findall("releases/release")
    check(bool(releases) and releases[0].get("version") == version,
          f"newest release is {version}")
    check(any(s.get(LANG) == "ko" for s in meta.findall("summary")),
          "metainfo summary has a Korean translation")
    check(meta.find("content_rating") is not None, "metainfo has a content rating")

    schema = ET.parse(gschema).getroot()
    check(schema.get("gettext-domain") == "cairn", "schema names the gettext domain")
    check([s.get("id") for s in schema.findall("schema")] == [app_id], f"schema id is {app_id}")

    if problems:
        sys.exit(f"{len(problems)} problem(s)")


if __name__ == "__main__":
    main()
