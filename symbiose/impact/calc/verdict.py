"""What an exchange is compared with, and why it may not be worth it, in plain words.

Helpers of ``assess_exchange``: the verdict when the central case loses money or CO2, the
counterfactual as reported, the pipe note of per-unit heat and cold, and which disposal a
material is kept from.
"""

from __future__ import annotations

from symbiose.impact.calc.cases import Case
from symbiose.impact.calc.co2 import FUELS
from symbiose.impact.calc.energy_recovery import KILN_FUEL, default_fuel, fuel_family
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.material_map import USED_ROUTES, MaterialClass
from symbiose.impact.calc.pipes import sig2
from symbiose.impact.calc.types import ExchangeInputs, Note
from symbiose.taxonomy.categories import THERMAL
from symbiose.textmarks import N_

__all__ = ["counterfactual", "kept_from", "pipe_note", "said_once", "verdict"]


def pipe_note(look: Lookup, p: ExchangeInputs) -> Note:
    low = look.with_case("low").value("heat.pipe_cost.small", "NOK/m", favourable=True)
    high = look.with_case("low").value("heat.pipe_cost.small", "NOK/m", favourable=False)
    km = p.distance_km
    return Note("pipe_not_included", N_(
        "Per MWh delivered, before the pipe: a pipe of {distance} km costs about {low}–{high} "
        "NOK and loses heat on the way."), {"distance": round(km, 1),
        "low": round(low * km * 1000.0, -3), "high": round(high * km * 1000.0, -3)})  # fmt: skip


def kept_from(route: str | None, material: MaterialClass | None) -> str | None:
    if material is None or route is None:
        return None
    if route == "landfill":
        return material.disposal_factor_id or "disposal.landfill_metal"
    if route == "incineration":
        return material.disposal_factor_id or "disposal.incineration_mixed"
    return None


#: The verdicts of a one-off lot: the same reasons, said of the lot, in NOK and t CO2e once.
ONCE: dict[str, str] = {
    "not_worth_used": N_(
        "Not worth it as it stands: the stream is already {route} today, and moving this "
        "one-off lot costs about {cost} NOK more than it brings."),
    "not_worth_pipe": N_(
        "Not worth it at this distance: a pipe of {distance} km costs about {capex} NOK to "
        "build, all of it paid by this one-off lot, and the exchange then loses about {cost} "
        "NOK."),
    "not_worth_distance": N_(
        "Not worth it at this distance: transporting this one-off lot costs about {transport} "
        "NOK, more than the {gain} NOK the exchange saves."),
    "not_worth_distance_nothing": N_(
        "Not worth it at this distance: transporting this one-off lot costs about {transport} "
        "NOK, and the exchange saves nothing to set against it."),
    "not_worth_investment": N_(
        "Not worth it as it stands: this one-off lot's costs, including the investment, "
        "exceed the savings by about {cost} NOK."),
    "not_worth_money": N_(
        "Not worth it as it stands: this one-off lot costs about {cost} NOK more to exchange "
        "than it saves."),
    "not_worth_co2": N_(
        "Not worth it for the climate: transport and processing of this one-off lot emit "
        "about {co2} t CO2e more than the exchange saves."),
}  # fmt: skip


#: Notes that speak of a year, said of a one-off lot instead (same code and parameters).
NOTES_ONCE: dict[str, str] = {
    "norwegian_hydro_heat": N_(
        "The recovered heat replaces electric heating from the Norwegian grid, which is mostly "
        "hydropower: the CO2 saving of this one-off lot is small ({co2} t CO2e). The main "
        "benefit is {mwh} MWh of electricity freed for other uses, once, and the money saved."),
    "owner_fuel": N_(
        "Today its owner burns it as fuel: without this one-off lot, the owner buys and burns "
        "about {gas} t of natural gas of the same energy instead, once, which is subtracted."),
}  # fmt: skip


def said_once(notes: list[Note]) -> list[Note]:
    """``notes`` as said of a one-off lot: a note that speaks of a year takes its once text.

    Examples
    --------
    >>> [n.template.count("/yr") for n in said_once([Note("norwegian_hydro_heat", "x/yr")])]
    [0]
    """
    return [Note(n.code, NOTES_ONCE[n.code], n.params) if n.code in NOTES_ONCE else n
            for n in notes]  # fmt: skip


def verdict(central: Case, route: str | None, per_unit: bool = False, one_off: bool = False
            ) -> Note | None:  # fmt: skip
    """Why an exchange is not worth it (``None`` when it saves both money and CO2).

    ``one_off``: the figures are those of a one-off lot (NOK and t CO2e once), and the
    verdict says so instead of "per year".
    """
    note = _verdict(central, route, per_unit)
    if note is not None and one_off and note.code in ONCE:
        return Note(note.code + "_once", ONCE[note.code], note.params)
    return note


def _verdict(central: Case, route: str | None, per_unit: bool) -> Note | None:
    net = central.benefit_nok - central.opex_nok - central.capital_nok
    if net >= 0 and (central.co2_t >= 0 or not central.co2_complete):
        return None
    if per_unit:
        if net < 0:
            return Note("not_worth_unit", N_(
                "Not worth it as it stands: each unit costs about {cost} NOK more to move and "
                "handle than it brings."), {"cost": round(-net, 1)})  # fmt: skip
        return Note(
            "not_worth_co2_unit",
            N_(
                "Not worth it for the climate: transport and processing emit about {co2} kg CO2e "
                "more per unit than the exchange saves."
            ),
            {"co2": round(-central.co2_t * 1000, 1)},
        )
    if net < 0 and route in USED_ROUTES:
        return Note("not_worth_used", N_(
            "Not worth it as it stands: the stream is already {route} today, and moving it "
            "costs about {cost} NOK/yr more than it brings."),
            {"route": route, "cost": round(-net, -2)})  # fmt: skip
    if net < 0 and central.pipe_capex_nok > 0:
        return Note("not_worth_pipe", N_(
            "Not worth it at this distance: a pipe of {distance} km costs about {capex} NOK to "
            "build, about {capital} NOK/yr over its lifetime, and the exchange then loses about "
            "{cost} NOK/yr."),
            {"distance": round(central.pipe_km, 1), "capex": sig2(central.capex_nok),
             "capital": sig2(central.capital_nok), "cost": sig2(-net)})  # fmt: skip
    gain = net + central.transport_nok  # what the exchange saves before its transport
    if net < 0 and central.transport_nok > 0 and gain >= 0 and round(gain, -2) == 0:
        # "more than the 0 NOK/yr the exchange saves" read oddly (a deposit moved for fill)
        return Note("not_worth_distance_nothing", N_(
            "Not worth it at this distance: transport costs about {transport} NOK/yr, and the "
            "exchange saves nothing to set against it."),
            {"transport": round(central.transport_nok, -2)})  # fmt: skip
    if net < 0 and central.transport_nok > 0 and net + central.transport_nok >= 0:
        return Note("not_worth_distance", N_(
            "Not worth it at this distance: transport costs about {transport} NOK/yr, more "
            "than the {gain} NOK/yr the exchange saves."),
            {"transport": round(central.transport_nok, -2),
             "gain": round(net + central.transport_nok, -2)})  # fmt: skip
    if net < 0 and central.capex_nok > 0:
        return Note("not_worth_investment", N_(
            "Not worth it as it stands: the yearly costs, including operating the "
            "investment, exceed the savings by about {cost} NOK/yr."),
            {"cost": round(-net, -2)})  # fmt: skip
    if net < 0:
        return Note("not_worth_money", N_(
            "Not worth it as it stands: the exchange costs about {cost} NOK/yr more than it "
            "saves."), {"cost": round(-net, -2)})  # fmt: skip
    return Note("not_worth_co2", N_(
        "Not worth it for the climate: transport and processing emit about {co2} t CO2e/yr "
        "more than the exchange saves."), {"co2": round(-central.co2_t, 1)})  # fmt: skip


def counterfactual(p: ExchangeInputs, material: MaterialClass | None, route: str | None,
                   burnt: bool = False) -> dict[str, object]:  # fmt: skip
    """What the stream does today and what the receiver uses today, as valued (``burnt``: a
    fuel burnt for heat, whose receiver burns its default fuel unless it says otherwise)."""
    family = fuel_family(material.material_class) if burnt and material else None
    if family is not None:
        known = (*FUELS, KILN_FUEL)
        receiver = p.receiver_supply if p.receiver_supply in known else default_fuel(
            family, p.gas_need)  # fmt: skip
    elif p.category in THERMAL:
        receiver = p.heat_replaced_fuel if p.category == "heat" else "electricity"
    elif p.category == "service":
        receiver = "market"
    else:
        receiver = p.receiver_supply or "virgin"
    return {
        "route": route,
        "route_is_default": p.offer_route is None
        and material is not None
        and route == material.route,
        "receiver": receiver,
        "receiver_is_default": p.receiver_supply is None,
        "material_class": material.material_class if material else None,
        # the class's reasoning explains its default route only (and what it replaces as a
        # product, so not of a fuel burnt for heat); English and Norwegian
        "reasoning": material.note if material and route == material.route and not burnt else "",
        "reasoning_nb": material.note_nb
        if material and route == material.route and not burnt
        else "",
    }


def too_far(p: ExchangeInputs, material: MaterialClass | None) -> Note:
    """The verdict of a pair the matching judges too far apart to haul (``impact/reach.py``):
    not worth it as it stands, whatever the haul costs in the breakdown, so the value and
    the matching's reason say the same. Its figures stay, as what it would be worth."""
    return Note("too_far", N_(
        "Not worth it as it stands: {distance} km apart, beyond the about {limit} km over "
        "which the matching pairs {material} with such a need, so it finds them too far "
        "apart. The figures say what it would be worth if it went that far."),
        {"distance": round(p.distance_km), "limit": round(p.haul_limit_km or 0.0),
         "material": material.material_class if material else p.category})  # fmt: skip
