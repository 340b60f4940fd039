"""The case library: documented symbioses, in our own words, with their sources.

Shown on its own page and beside matches ("others who exchanged slag: ..."). The cases live in
``case_library/cases.json`` (both languages, sources and version in the file); each names the
kinds of stream it involves through its flows, so a stream finds related cases by category
and keywords.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

DATA_FILE = Path(__file__).resolve().parent / "case_library" / "cases.json"

#: A flow's ``material_class`` in the case file → the stream category it concerns; any other
#: class is a material.
FLOW_CATEGORIES = {
    "surplus-heat": "heat",
    "process-water": "water",
    "process-gas": "gas",
    "co2": "gas",
}


@dataclass(frozen=True)
class Case:
    """One documented case, its texts in one language."""

    slug: str
    title: str
    place: str
    flows: str
    result: str
    sources: tuple[str, ...]
    categories: tuple[str, ...]
    keywords: tuple[str, ...]

    @property
    def source(self) -> str:
        """The first source (the page links every one)."""
        return self.sources[0]


@lru_cache(maxsize=1)
def _raw() -> dict:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=4)
def _cases(lang: str) -> tuple[Case, ...]:
    out = []
    for raw in _raw()["cases"]:
        categories = dict.fromkeys(
            FLOW_CATEGORIES.get(f["material_class"], "material") for f in raw["flows"]
        )
        out.append(
            Case(
                slug=raw["id"],
                title=raw[f"title_{lang}"],
                place=raw[f"place_{lang}"],
                flows=raw[f"summary_{lang}"],
                result=raw[f"saved_{lang}"],
                sources=tuple(raw["sources"]),
                categories=tuple(categories),
                keywords=tuple(raw["keywords"]),
            )
        )
    return tuple(out)


def cases() -> tuple[Case, ...]:
    """Every case, in the active language (Norwegian for nb, else English)."""
    return _cases("nb" if (get_language() or "").startswith("nb") else "en")


def cases_for(stream: object, limit: int = 3) -> list[Case]:
    """Cases that share the stream's category and, best first, one of its words."""
    words = set(f"{stream.title} {stream.description}".lower().replace(",", " ").split())
    scored = []
    for case in cases():
        if stream.category not in case.categories:
            continue
        hits = sum(1 for k in case.keywords if any(k in w for w in words))
        scored.append((-hits, case.slug, case))
    return [c for _h, _s, c in sorted(scored)[:limit]]
