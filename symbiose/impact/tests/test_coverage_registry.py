"""Every stored candidate pair can be valued, within a plausible bound: the demo region and an
imported 700-stream one."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from symbiose.impact.adapter import assess_pair, factor_set, material_class
from symbiose.impact.calc.material_map import load_material_map
from symbiose.matching.actions import do_recompute_all
from symbiose.matching.engine.synthetic import write_listing
from symbiose.matching.models import Candidate
from symbiose.taxonomy.materials import ancestors, classes_for_ewc


def value_all() -> tuple[int, list[str]]:
    """Number of stored pairs, and the errors of those that could not be valued or that are
    worth more than :func:`ceiling_nok` allows."""
    factors, errors, pairs = factor_set(), [], 0
    for c in Candidate.objects.select_related("offer__organisation", "need__organisation"):
        pairs += 1
        try:
            pair = assess_pair(c.offer, c.need, factors=factors)
        except Exception as exc:  # noqa: BLE001 - any failure counts against the target
            errors.append(f"{c.offer.ref} -> {c.need.ref}: {exc}")
            continue
        worth = pair.result.annual_net_benefit_nok.central
        ceiling = ceiling_nok(c.offer, factors)
        if ceiling is not None and pair.counts and worth > ceiling:
            errors.append(f"{c.offer.ref} -> {c.need.ref}: {worth:,.0f} NOK/yr > {ceiling:,.0f}")
    return pairs, errors


def _high(factors, fid: str) -> float:
    return factors.get(f"{fid}.high").value if f"{fid}.high" in factors else factors.get(fid).value


def ceiling_nok(offer, factors) -> float | None:
    """A plausible most a material or water stream can be worth a year: twice its quantity
    times the most a unit of it can fetch — the stated price, or the dearest product that any
    class its EWC code allows replaces — plus the dearest gate fee and tax it could avoid.

    Catches a stream valued as something it is not, e.g. tonnes of a metal-bearing sludge
    priced as copper scrap. ``None`` for other categories and units.
    """
    unit = {"t/yr": "t", "m3/yr": "m3"}.get(offer.annual_unit or "")
    if offer.category not in ("material", "water") or unit is None or not offer.annual_quantity:
        return None
    rows = load_material_map()
    classes = {material_class(offer) or "unclassified"}
    if offer.ewc_code:
        allowed = set(classes_for_ewc(offer.ewc_code))
        classes = {c for c in rows if allowed & set(ancestors(c))} or classes
    best = abs(offer.price_nok_per_unit or 0.0)
    for cls in classes:
        row = rows.get(cls)
        if row is not None and row.price_id and row.unit == unit:
            best = max(best, row.substitution_ratio * _high(factors, row.price_id))
    fees = [_high(factors, f) for f in factors.ids()
            if f.startswith(("fee.", "tax.")) and not f.endswith((".low", ".high"))
            and factors.get(f).unit == f"NOK/{unit}"]  # fmt: skip
    return 2.0 * offer.annual_quantity * (best + sum(sorted(fees)[-2:]))


@pytest.mark.django_db
def test_every_demo_pair_can_be_valued_within_a_plausible_bound(settings, monkeypatch):
    monkeypatch.setenv("SYMBIOSE_MATCH_ON_SAVE", "0")
    call_command("demo", stdout=io.StringIO())
    do_recompute_all()
    pairs, errors = value_all()
    assert pairs > 500
    assert errors == []


@pytest.mark.django_db
def test_every_pair_of_an_imported_700_stream_registry_is_valued_in_bounds(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMBIOSE_MATCH_ON_SAVE", "0")
    write_listing(tmp_path, 700)
    call_command("import", str(tmp_path), stdout=io.StringIO())
    do_recompute_all()
    pairs, errors = value_all()
    assert pairs > 1000
    assert errors == []
