"""Plain-word suggestions for code fields (htmx fragments)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control

from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import materials_by_id
from symbiose.taxonomy.search import search
from symbiose.taxonomy.suggest import EwcSuggestion, suggest_ewc
from symbiose.web.nacetext import picked_label

TARGETS = {"ewc": "id_ewc_code", "nace": "id_nace"}


@cache_control(max_age=300, private=True)
def suggest(request: HttpRequest, kind: str) -> HttpResponse:
    """Code-list hits for the words typed (``q``, or the stream form's ``title``).

    For ``ewc`` the material classes recognised in the words are shown too, as plain labels:
    they come from ``taxonomy.classify``, the one function the matching engine and the value
    model read, so "Recognised as" says what the platform will match on. Every code comes
    with its chapter and, for a mirror pair, which entry to choose when.
    """
    query = request.GET.get("q") or request.GET.get("title") or request.GET.get("nace") or ""
    query = query[:200]
    hits, materials = [], []
    if kind in TARGETS and len(query.strip()) >= 2:
        lang = "en" if (get_language() or "nb").startswith("en") else "nb"
        if kind == "ewc":
            labels = materials_by_id()
            materials = [getattr(labels[c.class_id], f"label_{lang}")
                         for c in classify(query).classes if c.class_id in labels]  # fmt: skip
            hits = [_ewc_hit(s) for s in suggest_ewc(query, lang=lang)]
        else:
            # Group and class labels exist in English only: a Norwegian page names the level
            # above instead (web/nacetext.py).
            hits = [{"display": h.display, "label": picked_label(h.code, h.matched, lang)}
                    for h in search(query, lang=lang, kinds={"nace"}, limit=6)]  # fmt: skip
    return render(
        request,
        "web/suggestions.html",
        {"hits": hits, "materials": materials, "target": TARGETS.get(kind, ""), "kind": kind},
    )


def _ewc_hit(s: EwcSuggestion) -> dict[str, str]:
    """A suggestion as the template shows it, its note translated."""
    from django.utils.translation import gettext

    note = gettext(s.note).format(**s.note_params) if s.note else ""
    return {"display": s.display, "label": s.label, "note": note,
            "context": f"{s.chapter} › {s.subchapter}"}  # fmt: skip


def convert(request: HttpRequest) -> HttpResponse:
    """The yearly amount for a quantity, unit and period as typed, or what is wrong with them."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    from symbiose.registry.template import parse_stream

    row = {k: request.GET.get(k, "")[:50] for k in ("quantity", "unit", "period", "category")}
    row["category"] = row["category"] or "material"
    if not row["quantity"].strip() or not row["unit"]:
        return HttpResponse("")
    result = parse_stream({**row, "ref": "X", "organisation_ref": "X", "direction": "offer",
                           "title": "x"})  # fmt: skip
    wanted = {"quantity", "unit", "period", "category"}
    errors = [e for e in result.errors if e.field in wanted]
    if errors:
        text = "; ".join(gettext(e.template).format(**e.params) for e in errors)
    else:
        value = number_format(result.data["annual_quantity"], decimal_pos=1, use_l10n=True,
                              force_grouping=True)  # fmt: skip
        text = f"= {value} {result.data['annual_unit']}"
    return HttpResponse(text)
