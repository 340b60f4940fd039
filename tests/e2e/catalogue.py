"""English interface texts that must never show on a Norwegian page: the msgids of our
catalogues whose Norwegian translation differs, long enough (three words or more, no
placeholders) that finding one in a page's text means an untranslated interface string."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "symbiose"


def _unquote(block: str) -> str:
    return "".join(json.loads(f'"{p}"') for p in re.findall(r'"((?:[^"\\]|\\.)*)"', block))


@lru_cache(maxsize=1)
def english_interface_texts() -> list[str]:
    out = set()
    for po in ROOT.glob("*/locale/nb/LC_MESSAGES/django.po"):
        for entry in po.read_text(encoding="utf-8").split("\n\n"):
            m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', entry + "\n", re.M)
            if not m or "msgctxt" in entry:
                continue
            msgid, msgstr = _unquote(m.group(1)), _unquote(m.group(2))
            if (msgstr and msgstr != msgid and len(msgid.split()) >= 3 and len(msgid) >= 12
                    and not re.search(r"[%{}<>]", msgid)):  # fmt: skip
                out.add(msgid)
    return sorted(out)
