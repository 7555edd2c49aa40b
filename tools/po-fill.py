#!/usr/bin/env python3
"""Fills translations into a .po file: po-fill.py FILE.po TRANSLATIONS.tsv

Each line of the TSV is msgid<TAB>msgstr (plural forms: msgid<TAB>msgstr, the msgid being
the singular). Matching entries get the msgstr and lose their fuzzy flag; the rest stay as
they are. Prints the msgids still untranslated or fuzzy afterwards."""
import re
import sys


def unquote(lines):
    return "".join(eval(l[l.index('"'):]) for l in lines if '"' in l and not l.startswith("#"))


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(po_path, tsv_path):
    table = {}
    for line in open(tsv_path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        msgid, msgstr = line.split("\t", 1)
        table[msgid.replace("\\n", "\n")] = msgstr.replace("\\n", "\n")
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    out, missing = [], []
    for block in blocks:
        lines = block.split("\n")
        keys = [i for i, l in enumerate(lines) if re.match(r"(msgid|msgid_plural|msgstr(\[\d\])?) ", l)]
        if not keys:
            out.append(block)
            continue
        fields = {}
        for n, i in enumerate(keys):
            end = keys[n + 1] if n + 1 < len(keys) else len(lines)
            name = lines[i].split(" ", 1)[0]
            fields[name] = (i, end, unquote(lines[i:end]))
        msgid = fields["msgid"][2]
        if msgid in table:
            translation = table[msgid]
            first = min(v[0] for k, v in fields.items() if k.startswith("msgstr"))
            head = lines[:first]
            head = [re.sub(r", fuzzy", "", l) if l.startswith("#,") else l for l in head]
            head = [l for l in head if l != "#" and l.strip() != "#," and not l.startswith("#| ")]
            if "msgid_plural" in fields:
                body = ["msgstr[0] " + quote(translation)]
            else:
                body = ["msgstr " + quote(translation)]
            lines = head + body
        else:
            text = "\n".join(lines)
            empty = all(v[2] == "" for k, v in fields.items() if k.startswith("msgstr"))
            if msgid and (empty or "#, fuzzy" in text or ", fuzzy" in text):
                missing.append(msgid)
        out.append("\n".join(lines))
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out))
    for m in missing:
        print("missing:", repr(m))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
