"""Whether a pair's receiver would burn the offered material for heat (the energy path).

The matching engine bridges fuels to energy needs (process heat, steam, drying, district
heating; ``matching/engine/features.py``); the value of such a pair is the fuel the receiver
no longer burns (``calc/energy_recovery.py``), which :mod:`symbiose.impact.adapter` asks for
with ``ExchangeInputs.energy_recovery``.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from symbiose.impact.calc.current_fuel import stated_fuel
from symbiose.matching.engine.features import ENERGY_USES, LOW_TEMPERATURE_C
from symbiose.registry.models import Stream
from symbiose.taxonomy.categories import FEEDSTOCK
from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import materials_by_id

__all__ = ["burnt_for_heat", "receiver_fuel"]


def burnt_for_heat(offer: Stream, need: Stream, need_hidden: Collection[str] = ()) -> bool:
    """Whether the receiver would burn the offered material for heat: a heat need (a material
    can serve it no other way), or a material or gas need that asks for fuel for heat, steam,
    drying or district heating and names no material (the engine's energy needs,
    :data:`~symbiose.matching.engine.features.ENERGY_USES`; "biogas or bio-oil for the peak
    boilers" names a gas, which a material is not). The need is read without the fields
    hidden from the viewer, like its class. A gas offered to a heat need is burnt too (a
    furnace's CO gas, hydrogen, biogas); one that does not burn (oxygen, CO2) serves it no
    way, which the value path says. A gas offered to a gas need keeps the gas model."""
    if offer.category == "gas":  # a gas need is served gas for gas (the gas model)
        return need.category == "heat"
    if offer.category != "material":
        return False
    if need.category == "heat":
        return True
    if need.category not in FEEDSTOCK:
        return False
    return _fuel_need(need.title, need.description or "", need.ewc_code or None,
                      need.category, need.organisation.nace or None, need.temperature_c,
                      frozenset(need_hidden))  # fmt: skip


@lru_cache(maxsize=65536)
def _fuel_need(title: str, description: str, ewc_code: str | None, category: str,
               nace: str | None, temperature_c: float | None,
               hidden: frozenset[str]) -> bool:  # fmt: skip
    """:func:`burnt_for_heat` of a need's fields (read once per need)."""
    if temperature_c is not None and temperature_c < LOW_TEMPERATURE_C:
        return False
    found = classify(title, description, ewc_code, category, nace, "need", hidden=hidden)
    known = materials_by_id()
    if any(c.class_id in known and known[c.class_id].category == "material"
           for c in found.classes):  # fmt: skip
        return False
    return bool(found.uses & ENERGY_USES)


def receiver_fuel(need: Stream, need_hidden: Collection[str] = ()) -> str | None:
    """The fuel the need's own words say its boiler burns today ("i dag gassfyrt kjel"), read
    from its title and, where the viewer may see it, its description; ``None`` when they name
    no single one (:func:`~symbiose.impact.calc.current_fuel.stated_fuel`)."""
    texts = [need.title] + ([] if "description" in need_hidden else [need.description or ""])
    return stated_fuel(*texts)
