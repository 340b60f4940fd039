#!/usr/bin/env python3
"""Fill a .po catalogue's empty msgstr from a JSON file {msgid: translation}.

Usage: scripts/fill_po.py CATALOGUE.po TRANSLATIONS.json [--report]
Keeps existing translations; lists msgids still untranslated with --report. A maintenance tool
for translators; the catalogues themselves are the source of truth.
"""

from __future__ import annotations

import json
import re
import sys


def unquote(block: str) -> str:
    return "".join(json.loads(f'"{part}"') for part in re.findall(r'"((?:[^"\\]|\\.)*)"', block))


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fill(po_path: str, mapping: dict[str, str]) -> list[str]:
    text = open(po_path, encoding="utf-8").read()
    entries = text.split("\n\n")
    missing = []
    for i, entry in enumerate(entries):
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry + "\n", re.M)
        if not m or "msgid_plural" in entry:
            continue
        msgid = unquote(m.group(1))
        if not msgid:
            continue
        current = unquote(m.group(2))
        if current and "#, fuzzy" not in entry:
            continue
        if msgid in mapping:
            new = entry[: m.start(2)] + quote(mapping[msgid]) + entry[m.end(2) :].rstrip("\n")
            entries[i] = new.replace("#, fuzzy\n", "").replace(", fuzzy", "")
        else:
            missing.append(msgid)
    open(po_path, "w", encoding="utf-8").write("\n\n".join(entries))
    return missing


if __name__ == "__main__":
    missing = fill(sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8")))
    if "--report" in sys.argv:
        for msgid in missing:
            print(repr(msgid))
    print(f"{len(missing)} untranslated", file=sys.stderr)
