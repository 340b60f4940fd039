"""``symbiose taxonomy LIST``: print a code list or search results as JSON or an aligned table.

Lists: ``ewc``, ``nace``, ``crm``, ``operations``, and ``search`` (needs ``--query``). With
``--query`` the other lists are narrowed to the codes the plain-word search finds, best first.
JSON is meant for integrators and scripts; the table for people at a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from symbiose.taxonomy.lists import load_crm, load_nace, load_operations
from symbiose.taxonomy.search import search

LISTS = ("ewc", "nace", "crm", "operations", "search")
_SEARCH_KIND = {"ewc": "ewc", "nace": "nace", "crm": "crm", "operations": "operation"}

Row = dict[str, object]


def _ewc_rows(lang: str) -> list[Row]:
    """Every EWC chapter, sub-chapter and entry, codes in display form ("10 01 05")."""
    from symbiose.taxonomy.ewc import load_ewc

    entries = load_ewc()

    def show(code: str) -> str:
        return entries[code].display if code in entries else code

    return [
        {
            "code": e.display,
            "code_compact": e.code,
            "level": e.level,
            "hazardous": e.hazardous,
            "hazard_type": e.hazard_type,
            "mirror_codes": [show(c) for c in e.mirror_codes],
            "title_en": e.title_en,
            "title_nb": e.title_nb,
            "title": e.title(lang),
        }
        for e in entries.values()
    ]


def _nace_rows(lang: str) -> list[Row]:
    return [
        {
            "code": n.code,
            "level": n.level,
            "parent": n.parent,
            "label_en": n.label_en,
            "label_nb": n.label_nb,
            "label": n.label(lang),
        }
        for n in load_nace()
    ]


def _crm_rows(lang: str) -> list[Row]:
    return [
        {
            "code": m.id,
            "name_en": m.name_en,
            "name_nb": m.name_nb,
            "critical": m.critical,
            "strategic": m.strategic,
            "elements": list(m.elements),
            "note_en": m.note_en,
            "name": m.name(lang),
        }
        for m in load_crm()
    ]


def _operation_rows(lang: str) -> list[Row]:
    return [
        {
            "code": op.code,
            "kind": op.kind,
            "title_en": op.title_en,
            "title_nb": op.title_nb,
            "title": op.title(lang),
        }
        for op in load_operations().values()
    ]


_LOADERS: dict[str, Callable[[str], list[Row]]] = {
    "ewc": _ewc_rows,
    "nace": _nace_rows,
    "crm": _crm_rows,
    "operations": _operation_rows,
}


def _columns(name: str) -> list[tuple[str, str]]:
    """Table columns per list: (row key, translated header)."""
    return {
        "ewc": [("code", _("Code")), ("level", _("Level")), ("title", _("Title"))],
        "nace": [("code", _("Code")), ("level", _("Level")), ("label", _("Label"))],
        "crm": [
            ("code", _("Id")),
            ("critical", _("Critical")),
            ("strategic", _("Strategic")),
            ("elements", _("Elements")),
            ("name", _("Name")),
        ],
        "operations": [("code", _("Code")), ("kind", _("Kind")), ("title", _("Title"))],
        "search": [
            ("kind", _("Kind")),
            ("code", _("Code")),
            ("score", _("Score")),
            ("matched", _("Matched")),
            ("label", _("Label")),
        ],
    }[name]


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(rows: list[Row], columns: list[tuple[str, str]], max_width: int = 40) -> str:
    """Render ``rows`` as left-aligned text columns under a header and a rule.

    Every column but the last is clipped to ``max_width`` characters so the last (usually a
    title) starts at the same place on every line.
    """
    last = len(columns) - 1
    cells = [
        [
            text if i == last else _clip(text, max_width)
            for i, text in enumerate(_cell(row.get(key)) for key, _header in columns)
        ]
        for row in rows
    ]
    headers = [header for _key, header in columns]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


class Command(BaseCommand):
    help = "Print a code list (ewc, nace, crm, operations) or plain-word search results."

    def add_arguments(self, parser):
        parser.add_argument("list", choices=LISTS)
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--lang", choices=["nb", "en"], default=None)
        parser.add_argument("--query", default=None, help="plain words or a code")
        parser.add_argument("--limit", type=int, default=50, help="maximum search hits")

    def handle(self, *args, list, format, lang, query, limit, **options):
        lang = lang or translation.get_language() or "nb"
        lang = "en" if lang.startswith("en") else "nb"
        with translation.override(lang):
            rows = self._rows(list, lang, query, limit)
            if format == "json":
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(render_table(rows, _columns(list)))

    def _rows(self, name: str, lang: str, query: str | None, limit: int) -> list[Row]:
        """Return the rows to print, narrowed and ordered by ``query`` when given."""
        if name == "search":
            if not query:
                raise CommandError(_("The search list needs --query."))
            return [
                {
                    "kind": h.kind,
                    "code": h.display if h.kind == "ewc" else h.code,
                    "code_compact": h.code,
                    "label": h.label,
                    "score": h.score,
                    "matched": h.matched,
                }
                for h in search(query, lang=lang, limit=limit)
            ]
        try:
            rows = _LOADERS[name](lang)
        except ImportError as exc:
            raise CommandError(_("The %(list)s list is not available.") % {"list": name}) from exc
        if not query:
            return rows
        hits = search(query, lang=lang, kinds={_SEARCH_KIND[name]}, limit=limit)
        key = "code_compact" if name == "ewc" else "code"
        by_code = {row[key]: row for row in rows}
        return [by_code[h.code] for h in hits if h.code in by_code]
