"""A combustible gas burnt for heat: its amount stated as energy (``calc/energy_recovery.py``).

A furnace's CO gas, hydrogen or biogas offered to a heat need is valued on the energy path
like any fuel, from its heating value per kilogram (``data/energy.csv``: IPCC 2006 Vol. 2
Table 1.2 for the gases, hydrogen's lower heating value from physics). Its owner states it in
Nm3 (tonnes through its density, ``data/material_map.csv``) or as energy (MWh or GWh a
year): tonnes through its central heating value, read back at that same value in every case.

A gas offered to a *gas* need (CO gas as fuel for a rolling mill's reheating furnace, biogas
for a district-heating plant's peak boilers) burns in the receiver's own gas burners, energy
for energy on net calorific values, in place of the fuel gas it buys today: the one its words
or stated practice name, else LPG (:data:`GAS_NEED_FUEL`).
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiose.impact.calc.factors import Lookup, load_factors
from symbiose.impact.calc.fuel_families import fuel_family
from symbiose.impact.calc.types import Line
from symbiose.textmarks import N_

__all__ = [
    "GAS_BURNT",
    "GAS_NEED_FUEL",
    "GasNeedText",
    "gas_mj_per_kg",
    "stated_as_energy",
    "stated_energy_value",
]

#: What a receiver with gas burners (a reheating furnace, a gas-fired boiler) is taken to
#: burn today unless it says: LPG (propane and butane). Norway has almost no gas grid, and
#: SSB's *Energibruk i industrien* for 2006 (final figures, table 6: energy use in
#: manufacturing, mining and quarrying) lists propane and butane as the largest purchased
#: gas, 1 985 GWh, against 657 GWh of natural gas in gaseous form, 581 GWh of LNG and 713
#: GWh of fuel gas. Its price and CO2 are the tables' ``price.lpg`` and ``fuel.lpg``.
GAS_NEED_FUEL = "lpg"


@dataclass(frozen=True)
class GasNeedText:
    """The breakdown wording of a gas burnt in a gas need's own burners (energy for energy,
    so no boiler efficiency is read on either side)."""

    fuel: str = N_(
        "gas energy delivered to the receiver's burners: {quantity} t x {ncv} MJ/kg / 3.6"
    )
    burns: str = N_(
        "{fuel} the receiver no longer burns: {heat} MWh, energy for energy in the "
        "same burners, x {factor} kg CO2e/kWh"
    )
    buys: str = N_(
        "{fuel} the receiver no longer buys: {heat} MWh, energy for energy in the "
        "same burners, x {price} NOK/MWh"
    )
    cap: str = N_(
        "The receiver needs {need} MWh of fuel gas a year: only the {quantity} t "
        "that give it are valued."
    )
    default: str = N_(
        "Valued as fuel gas: the receiver burns it in its gas burners instead of the {fuel} "
        "it is taken to burn today (the largest purchased gas in Norwegian industry, SSB). If "
        "it burns something else today, say so: the value changes. Converting its burners to "
        "a leaner gas is not counted."
    )
    stated: str = N_(
        "Valued as fuel gas: the receiver burns it in its gas burners instead of the {fuel} "
        "it uses today; converting its burners to a leaner gas is not counted."
    )


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
