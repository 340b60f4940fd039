"""A combustible gas burnt for heat: its amount stated as energy (``calc/energy_recovery.py``).

A furnace's CO gas, hydrogen or biogas offered to a heat need is valued on the energy path
like any fuel, from its heating value per kilogram (``data/energy.csv``: IPCC 2006 Vol. 2
Table 1.2 for the gases, hydrogen's lower heating value from physics). Its owner states it in
Nm3 (tonnes through its density, ``data/material_map.csv``) or as energy (MWh or GWh a
year): tonnes through its central heating value, read back at that same value in every case.
"""

from __future__ import annotations

from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.types import Line
from symbiose.textmarks import N_

__all__ = ["GAS_BURNT", "gas_mj_per_kg", "stated_as_energy", "stated_energy_value"]

#: What burning a combustible gas emits, on the energy path: nothing counted. A furnace gas
#: flared or burnt today emits its CO2 either way, a biogas's CO2 is biogenic and hydrogen
#: burns to water, so only the fuel it replaces (and, if its owner burns it today, the fuel
#: its owner buys instead) counts.
GAS_BURNT = Line(N_("what burning the gas emits: not counted (its CO2 is emitted where it is "
                    "flared or burnt today either way; a biogas's is biogenic, hydrogen "
                    "gives water)"), {}, 0.0, "t CO2e/yr")  # fmt: skip

#: Energy units a yearly amount may be stated in.
_ENERGY = frozenset({"kwh", "mwh", "gwh", "twh", "gj", "tj"})


def stated_as_energy(unit: str | None) -> bool:
    """Whether an amount is stated as energy (kWh, MWh, GWh, GJ, TJ a year).

    >>> stated_as_energy("GWh/yr"), stated_as_energy("Nm3/yr"), stated_as_energy(None)
    (True, False, False)
    """
    return (unit or "").split("/")[0].strip().lower() in _ENERGY


def gas_mj_per_kg(material_class: str | None) -> float | None:
    """A combustible gas's central heating value, MJ/kg (``None`` for any other class): how
    a gas stated by its energy becomes tonnes.

    >>> gas_mj_per_kg("hydrogen"), gas_mj_per_kg("gas_oxygen_nitrogen")
    (120.0, None)
    """
    from symbiose.impact.calc.energy_recovery import fuel_family

    family = fuel_family(material_class)
    if family is None or not family.gas:
        return None
    return Lookup(load_factors()).value(family.ncv_id, "MJ/kg")


def stated_energy_value(look: Lookup, ncv_id: str) -> tuple[float, Line]:
    """The central heating value (MJ/kg) a gas stated by its energy was read at, and its
    line: read back at that same value in every case, it gives the stated energy (no range
    on an amount its owner states)."""
    ncv = look.factors.get(ncv_id, look.region, look.on).value_in("MJ/kg")
    return ncv, Line(N_("energy content: {ncv} MJ/kg, the value its stated energy was read "
                        "at"), {"ncv": ncv}, ncv, "MJ/kg", (ncv_id,))  # fmt: skip
