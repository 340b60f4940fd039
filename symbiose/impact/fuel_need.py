"""Whether a pair's receiver would burn the offered material for heat (the energy path).

The matching engine bridges fuels to energy needs (process heat, steam, drying, district
heating; ``matching/engine/features.py``); the value of such a pair is the fuel the receiver
no longer burns (``calc/energy_recovery.py``), which :mod:`symbiose.impact.adapter` asks for
with ``ExchangeInputs.energy_recovery``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Any

from symbiose.impact.calc.current_fuel import stated_fuel
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.fuel_families import fuel_family
from symbiose.impact.calc.gas_energy import gas_mj_per_kg, stated_as_energy
from symbiose.impact.calc.quantities import annual_quantity
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.matching.engine.features import ENERGY_USES, LOW_TEMPERATURE_C
from symbiose.registry.models import Stream
from symbiose.taxonomy.categories import FEEDSTOCK
from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.materials import materials_by_id

__all__ = [
    "burns_as_gas",
    "burnt_for_heat",
    "gas_fuel_need",
    "gas_need_mwh",
    "gas_need_quantity",
    "receiver_fuel",
    "stray_gas",
]

#: Words by which a gas need says it burns the gas: a fuel, a boiler, a furnace or burner,
#: peak load ("CO-gass som brensel i valseverket", "CO-gass til spisslastkjeler",
#: "hydrogen as fuel for the reheating furnace"). A gas need without them (hydrogen for
#: hydrochloric acid, CO2 for a greenhouse) takes the gas as a feedstock.
_BURNS = re.compile(r"brensel|brennstoff|\bfuels?\b|kjel(?:en|er|ene)?\b|\w+kjel\w*|boilers?|"
                    r"furnaces?|\w*ovn(?:en|er|ene)?\b|burners?|brenner\w*|fyring|\w*fyrt\b|"
                    r"spisslast|peak[- ]load|reheating", re.I)  # fmt: skip


def burnt_for_heat(offer: Stream, need: Stream, need_hidden: Collection[str] = ()) -> bool:
    """Whether the receiver would burn the offered material for heat: a heat need (a material
    can serve it no other way), or a material or gas need that asks for fuel for heat, steam,
    drying or district heating and names no material (the engine's energy needs,
    :data:`~symbiose.matching.engine.features.ENERGY_USES`; "biogas or bio-oil for the peak
    boilers" names a gas, which a material is not). The need is read without the fields
    hidden from the viewer, like its class. A gas offered to a heat need is burnt too (a
    furnace's CO gas, hydrogen, biogas); one that does not burn (oxygen, CO2) serves it no
    way, which the value path says. A combustible gas offered to a gas need that burns it
    (:func:`gas_fuel_need`) is burnt too, in the receiver's own gas burners (the adapter
    asks, as it knows the gas's class); otherwise a gas need keeps the gas model. A gas
    offered to a material need that asks for boiler or kiln fuel is burnt as well."""
    if offer.category == "gas":  # a gas need is asked by gas_fuel_need
        if need.category == "heat":
            return True
        if need.category == offer.category or need.category not in FEEDSTOCK:
            return False
        return _fuel_need(need.title, need.description or "", need.ewc_code or None,
                          need.category, need.organisation.nace or None, need.temperature_c,
                          frozenset(need_hidden))  # fmt: skip
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


def gas_fuel_need(need: Stream, need_hidden: Collection[str] = ()) -> bool:
    """Whether a gas need burns the gas it asks for (a fuel for its furnace, boilers or
    burners), read from its title and, where the viewer may see it, its description: the
    engine's energy uses, or a word that names a fuel, a boiler, a furnace or peak load."""
    if need.category != "gas":
        return False
    texts = [need.title] + ([] if "description" in need_hidden else [need.description or ""])
    if any(_BURNS.search(t) for t in texts if t):
        return True
    found = classify(need.title, "" if "description" in need_hidden else need.description or "",
                     None, need.category, need.organisation.nace or None, "need",
                     hidden=frozenset(need_hidden))  # fmt: skip
    return bool(found.uses & ENERGY_USES)


def burns_as_gas(material_class: str | None) -> bool:
    """Whether a gas class burns (CO-rich off-gas, methane, hydrogen): one a gas need may
    burn in its own burners."""
    family = fuel_family(material_class)
    return family is not None and family.gas


def gas_need_mwh(need: Stream, need_q: float, need_class: str | None,
                 offer_class: str | None) -> tuple[float, str]:  # fmt: skip
    """A gas need's yearly amount as fuel energy (MWh/yr): a need in Nm3 or tonnes of a gas
    read through its own class's density and heating value (a need for 3 000 t of hydrogen
    asks for about 100 GWh, whatever gas serves it; ``need_class`` as the viewer may read
    it), else through the offered gas's. A need
    stated as energy, or in a unit neither reads, is returned as it stands."""
    unit = need.annual_unit or "t/yr"
    if stated_as_energy(unit):
        return need_q, unit
    cls = need_class if burns_as_gas(need_class) else offer_class
    mj_per_kg = gas_mj_per_kg(cls)
    try:
        tonnes = annual_quantity(
            need_q,
            unit,
            "t/yr",
            "need_quantity",
            ExchangeInputs("gas", need_q, unit, material_class=cls),
        )
    except ImpactInputError:
        return need_q, unit
    return tonnes * (mj_per_kg or 0.0) / 3.6, "MWh/yr"


def gas_need_quantity(need: Stream, need_hidden: Collection[str], need_q: Any,
                      offer_class: str | None, need_class: Callable[[], str | None]
                      ) -> tuple[bool, Any, str | None]:  # fmt: skip
    """Whether the offered gas (of ``offer_class``) is burnt in the need's own gas burners,
    and the need's yearly amount and unit as the value path reads it: fuel energy (MWh/yr,
    :func:`gas_need_mwh`) for such a pair, else as stated. ``need_class`` reads the need's
    class as the viewer may see it (only asked for such a pair)."""
    unit = need.annual_unit or None
    if not (burns_as_gas(offer_class) and gas_fuel_need(need, need_hidden)):
        return False, need_q, unit
    if need_q is None:
        return True, None, unit
    return True, *gas_need_mwh(need, float(need_q), need_class(), offer_class)


def stray_gas(offer: Stream, need: Stream, values: dict[str, Any]) -> bool:
    """Whether a gas is offered to a need of another kind that does not burn it (an acid
    need, aggregates, a carbon source): the receiver buys no gas like it today, so it
    replaces nothing, and only its owner's side counts. Before, such a pair (paired by the
    matching on words alone) was valued as natural gas bought at the EU price."""
    return offer.category == "gas" and need.category != offer.category and not values.get(
        "energy_recovery")  # fmt: skip


def receiver_fuel(need: Stream, need_hidden: Collection[str] = ()) -> str | None:
    """The fuel the need's own words say its boiler burns today ("i dag gassfyrt kjel"), read
    from its title and, where the viewer may see it, its description; ``None`` when they name
    no single one (:func:`~symbiose.impact.calc.current_fuel.stated_fuel`)."""
    texts = [need.title] + ([] if "description" in need_hidden else [need.description or ""])
    return stated_fuel(*texts)
