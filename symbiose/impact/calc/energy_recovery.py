"""A material burnt for its energy: the value path of a fuel offered to a heat need.

A sawmill's bark, a bakery's bread or a garage's used oil offered to a district-heating plant
or a boiler's process heat does not replace a product the receiver buys: it replaces the fuel
the receiver burns today. One case (low, central or high) is::

    NCV  = NCV_dry x (1 - w) - 2.443 x w        (MJ/kg as received; or NCV as received)
    E    = Q x NCV / 3.6                        (MWh of fuel a year; a gas's Nm3 are tonnes
                                                 through its density)
    H    = E x eta_boiler                       (MWh of heat delivered)
    F    = H / eta_receiver                     (MWh of the receiver's own fuel not burnt)
    CO2  = F x EF_receiver - burnt + the owner's side (its route, as for any material)
    NOK  = F x price_receiver + the owner's side - transport

``w`` is the water share as delivered (wet basis) and 2.443 MJ/kg the heat that evaporates a
kilogram of water at 25 °C (the net-calorific formula of EN 14918 / ISO 18125 for solid
biofuels). ``burnt`` is the fossil CO2 of burning the stream (plastics, oil, tar, coke; the
incineration factor of its class where it has one) or, for a biogenic fuel, its CH4 and N2O
(``fuel.wood_pellets`` per kWh of fuel); biogenic CO2 is not counted, as everywhere in the
method. The receiver burns wood chips today unless it says otherwise (a boiler that can take
this fuel burns a solid fuel already), so a sawmill that sells its bark as fuel today gains
about nothing by moving it. The owner's side (its gate fee avoided or today's revenue given
up, its disposal CO2) is :func:`~symbiose.impact.calc.cases.material_case`'s with no product
substituted. Method: ``docs/impact-method.md`` ("Energy recovery").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from symbiose.impact.calc import co2
from symbiose.impact.calc.cases import Case, material_case
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.fuel_families import (
    CLASS_FAMILY,
    FAMILIES,
    LIQUID_BOILER,
    SOLID_BOILER,
    FuelFamily,
    fuel_family,
)
from symbiose.impact.calc.gas_energy import (
    GAS_BURNT,
    GAS_NEED_FUEL,
    GasNeedText,
    stated_as_energy,
    stated_energy_value,
)
from symbiose.impact.calc.material_map import USED_ROUTES, MaterialClass
from symbiose.impact.calc.types import ExchangeInputs, Line, Note
from symbiose.textmarks import N_

__all__ = [
    "CLASS_FAMILY",
    "DEFAULT_FUEL",
    "KILN_FUEL",
    "default_fuel",
    "FAMILIES",
    "FuelFamily",
    "energy_case",
    "fuel_family",
    "net_calorific_value",
]

#: Heat that evaporates one kilogram of water at 25 °C, MJ (EN 14918 / ISO 18125).
WATER_MJ_PER_KG = 2.443
#: What the receiver of a solid fuel burns today unless it says: wood chips, in the boiler
#: that would burn the offered fuel (its price per kWh, its CH4 and N2O, its boiler). A
#: liquid fuel's receiver burns heavy fuel oil in an oil boiler.
DEFAULT_FUEL, LIQUID_FUEL = "wood_chips", "heavy_fuel_oil"
_CHIPS_PRICE, _BIO_EMISSION = "price.wood_chips_kwh", "fuel.wood_pellets"
_SOLID_BOILER, _LIQUID_BOILER = SOLID_BOILER, LIQUID_BOILER
#: What a cement or lime kiln burns today unless it says: petroleum coke (or coal), with the
#: rows that give its price, calorific value and CO2 per tonne.
KILN_FUEL = "petroleum_coke"
_COKE_PRICE, _COKE_NCV, _COKE_CO2 = "price.petroleum_coke", "ncv.petroleum_coke", (
    "virgin.petroleum_coke")  # fmt: skip
#: Families that are waste when burnt (treated wood, oil, plastics, tyres, mixed waste, tar), which
#: only a plant permitted to burn waste may take; clean biomass is a fuel.
WASTE_FUELS = frozenset({"wood_waste", "oil", "plastics", "tyres", "waste", "tar"})
#: The price of a class sold as wood fuel today (bark, chips, sawdust, liquor).
_WOOD_FUEL = "price.wood_chips"


def default_fuel(family: FuelFamily, gas_need: bool = False) -> str:
    """What the receiver of this fuel is taken to burn today unless it says: heavy fuel oil
    for a liquid fuel (an oil boiler), wood chips for a solid one, and for a gas asked for
    by a receiver with gas burners (``gas_need``) the fuel gas it buys today, LPG
    (:data:`~symbiose.impact.calc.gas_energy.GAS_NEED_FUEL`).

    >>> default_fuel(FAMILIES["oil"]), default_fuel(FAMILIES["wood"])
    ('heavy_fuel_oil', 'wood_chips')
    >>> default_fuel(FAMILIES["co_gas"], gas_need=True)
    'lpg'
    """
    if gas_need and family.gas:
        return GAS_NEED_FUEL
    return LIQUID_FUEL if family.boiler_id == _LIQUID_BOILER else DEFAULT_FUEL


def net_calorific_value(look: Lookup, family: FuelFamily, stated: float | None = None
                        ) -> tuple[float, Line]:  # fmt: skip
    """MJ per kg as received in this case's end of its range, and the line that says how.

    A family with a water share reads the dry value and the moisture: the low case takes the
    low dry value and the wet end, the high case the reverse. A water share its owner
    ``stated`` replaces the moisture row (in every case), also for wood valued as received.
    Never below zero (a residue too wet to burn gives no heat).

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> ncv, line = net_calorific_value(Lookup(load_factors()), FAMILIES["wood"])
    >>> round(ncv, 2), line.factor_ids
    (9.35, ('ncv_dry.wood', 'moisture.wood_clean'))
    """
    dry_id = family.ncv_id if family.moisture_id else family.dry_id
    if stated is not None and dry_id:
        dry = look.value(dry_id, "MJ/kg", favourable=True)
        ncv = max(0.0, dry * (1.0 - stated) - WATER_MJ_PER_KG * stated)
        return ncv, Line(N_("energy content as received: {dry} MJ/kg of dry matter x (1 - "
                            "{water} water, as its owner states) - {water} x 2.443 MJ/kg to "
                            "evaporate the water = {ncv} MJ/kg"),
                         {"dry": dry, "water": stated, "ncv": ncv}, ncv, "MJ/kg",
                         (dry_id,))  # fmt: skip
    if not family.moisture_id:
        ncv = look.value(family.ncv_id, "MJ/kg", favourable=True)
        return ncv, Line(N_("energy content as received: {ncv} MJ/kg"), {"ncv": ncv}, ncv,
                         "MJ/kg", (family.ncv_id,))  # fmt: skip
    dry = look.value(family.ncv_id, "MJ/kg", favourable=True)
    water = look.value(family.moisture_id, "dimensionless", favourable=False)
    ncv = max(0.0, dry * (1.0 - water) - WATER_MJ_PER_KG * water)
    return ncv, Line(N_("energy content as received: {dry} MJ/kg of dry matter x (1 - {water} "
                        "water) - {water} x 2.443 MJ/kg to evaporate the water = {ncv} MJ/kg"),
                     {"dry": dry, "water": water, "ncv": ncv}, ncv, "MJ/kg",
                     (family.ncv_id, family.moisture_id))  # fmt: skip


@dataclass(frozen=True)
class _Receiver:
    fuel: str
    efficiency: float
    price_nok_per_mwh: float
    emission_kg_per_kwh: float
    ids: tuple[str, ...]
    price_ids: tuple[str, ...]


def _receiver(look: Lookup, p: ExchangeInputs, family: FuelFamily, eta_b: float) -> _Receiver:
    """The fuel the receiver burns today (stated, else wood chips or, for a liquid fuel,
    heavy fuel oil, or for a gas need LPG), its boiler, price and emission factor. The
    default fuel burns in the same boiler as the offered one, at the same efficiency
    ``eta_b``; a gas need's fuel burns in the same burners, energy for energy."""
    known = (*co2.FUELS, KILN_FUEL)
    gas_need = p.gas_need and family.gas
    fuel = p.receiver_supply if p.receiver_supply in known else default_fuel(family, gas_need)
    if fuel == KILN_FUEL:  # a kiln's coke, heat for heat in the same kiln: by its energy
        mwh_per_t = look.value(_COKE_NCV, "MJ/kg", favourable=True) / 3.6
        price = look.value(_COKE_PRICE, "NOK/t", favourable=True) / mwh_per_t
        ef = look.value(_COKE_CO2, "kgCO2e/t", favourable=True) / mwh_per_t / 1000.0
        return _Receiver(fuel, eta_b, price, ef, (_COKE_CO2, _COKE_NCV), (_COKE_PRICE, _COKE_NCV))
    if fuel == DEFAULT_FUEL:
        eta = eta_b if family.boiler_id == _SOLID_BOILER else look.value(
            _SOLID_BOILER, "dimensionless", favourable=False)  # fmt: skip
        price = look.value(_CHIPS_PRICE, "NOK/kWh", favourable=True) * 1000.0
        ef = look.value(_BIO_EMISSION, "kgCO2e/kWh", favourable=True)
        return _Receiver(fuel, eta, price, ef, (_BIO_EMISSION, _SOLID_BOILER),
                         (_CHIPS_PRICE, _SOLID_BOILER))  # fmt: skip
    emission_id, _ = co2.fuel_factor_ids(fuel, p.electricity_basis)
    eta, eff_ids = (eta_b, ()) if gas_need else co2.net_efficiency(look, fuel)
    if fuel == LIQUID_FUEL and family.boiler_id == _LIQUID_BOILER:
        eta = eta_b
    price_id = "price.electricity" if fuel == "electricity" else "price." + fuel
    price = look.value(price_id, "NOK/kWh", favourable=True) * 1000.0
    ef = look.value(emission_id, "kgCO2e/kWh", favourable=True)
    return _Receiver(fuel, eta, price, ef, (emission_id, *eff_ids), (price_id, *eff_ids))


def energy_case(look: Lookup, p: ExchangeInputs, q: float, material: MaterialClass,
                need_mwh: float | None = None) -> Case:  # fmt: skip
    """A material burnt by the receiver for heat, against both counterfactuals.

    ``q`` is t/yr (or 1 t per unit); ``need_mwh`` caps the heat delivered at the receiver's
    yearly heat need when it states one in an energy unit. Raises ``ValueError`` for a class
    with no fuel family (the caller asks :func:`fuel_family` first).
    """
    family = fuel_family(material.material_class)
    if family is None:
        raise ValueError(material.material_class)
    ncv, ncv_line = net_calorific_value(look, family, p.moisture)
    if family.gas and stated_as_energy(p.quantity_unit):  # per unit too: per MWh stated
        ncv, ncv_line = stated_energy_value(look, family.ncv_id)
    # a gas need's gas burns in the receiver's own gas burners: energy for energy
    text = GasNeedText() if p.gas_need and family.gas else None
    eta, boiler_ids = (1.0, ()) if text else _boiler(look, family)
    per_t = ncv / 3.6 * eta  # MWh of heat (a gas need: of fuel) per tonne
    notes = []
    if need_mwh is not None and per_t > 0 and q * per_t > need_mwh:
        q = need_mwh / per_t
        notes.append(Note("energy_need_cap", text.cap if text else N_(
            "The receiver needs {need} MWh of heat a year: only the {quantity} t that give it "
            "are valued."), {"need": need_mwh, "quantity": q}))  # fmt: skip
    owner = replace(p, receiver_supply="none", resource_price_nok_per_unit=None)
    route = p.offer_route or material.route
    asked = p.resource_price_nok_per_unit
    if p.offer_route is None and asked and p.current_price_nok_per_unit is None:
        # a price its owner asks says it has a market today: taken as sold at that price (its
        # value to the receiver is the fuel it replaces; the price moves money between them)
        owner = replace(owner, offer_route="sold", current_price_nok_per_unit=asked)
        route = "sold"
    sold_as_fuel = (route == "sold" and p.current_price_nok_per_unit is None
                    and p.disposal_cost_nok_per_t is None
                    and material.price_id == _WOOD_FUEL)  # fmt: skip
    if sold_as_fuel:  # today's buyer pays the wood-fuel price for its energy
        chips = look.value(_CHIPS_PRICE, "NOK/kWh", favourable=True)
        owner = replace(owner, current_price_nok_per_unit=ncv / 3.6 * chips * 1000.0)
    case = material_case(look, owner, q, material)
    if sold_as_fuel:
        case.lines = [_sourced(line, _CHIPS_PRICE, *ncv_line.factor_ids) for line in case.lines]
    own_notes = [n for n in case.notes if n.code not in ("new_use", "no_virgin_factor")]
    case.notes = [*notes, *own_notes]
    fuel_mwh = q * ncv / 3.6
    heat_mwh = fuel_mwh * eta
    r = _receiver(look, p, family, eta)
    avoided = heat_mwh / r.efficiency
    used = case.route in USED_ROUTES
    lines = [
        ncv_line,
        Line(
            text.fuel
            if text
            else N_(
                "heat delivered: {quantity} t x {ncv} MJ/kg / 3.6 x {efficiency} boiler efficiency"
            ),
            {"quantity": q, "ncv": ncv, "efficiency": eta},
            heat_mwh,
            "MWh/yr",
            boiler_ids,
        ),
    ]
    co2_t = 0.0
    if not used:  # a stream used today is burnt or used there either way: its CO2 not recounted
        co2_t = avoided * r.emission_kg_per_kwh
        lines.append(Line(text.burns if text else N_(
            "{fuel} the receiver no longer burns: {heat} MWh / {efficiency} x {factor} kg "
            "CO2e/kWh"), {"fuel": r.fuel, "heat": heat_mwh,
                             "efficiency": r.efficiency, "factor": r.emission_kg_per_kwh},
                          co2_t, "t CO2e/yr", r.ids))  # fmt: skip
        burnt = _burnt(look, family, material, q, ncv, r, case.route)
        co2_t += burnt.value
        lines.append(burnt)
    if p.current_heat_cost_nok_per_mwh is not None:  # what its heat costs it today, as stated
        value = heat_mwh * p.current_heat_cost_nok_per_mwh
        lines.append(Line(N_("heating cost avoided: {heat} MWh x {cost} NOK/MWh"),
                          {"heat": heat_mwh, "cost": p.current_heat_cost_nok_per_mwh}, value,
                          "NOK/yr"))  # fmt: skip
    else:
        value = avoided * r.price_nok_per_mwh
        lines.append(Line(text.buys if text else N_(
            "{fuel} the receiver no longer buys: {heat} MWh / {efficiency} x {price} NOK/MWh"),
            {"fuel": r.fuel, "heat": heat_mwh,
                             "efficiency": r.efficiency, "price": r.price_nok_per_mwh},
                          value, "NOK/yr", r.price_ids))  # fmt: skip
    case.lines = lines + case.lines
    case.co2_t += co2_t
    case.benefit_nok += value
    case.co2_complete = not used
    if r.fuel not in ("electricity", "district_heat"):
        case.fuel_saved_mwh = avoided
    case.notes.append(_receiver_note(r.fuel, text, p.receiver_supply == r.fuel))
    if family.key in WASTE_FUELS:
        case.notes.append(Note("waste_fuel", N_(
            "It is waste when burnt: the receiver's plant must be permitted to burn or co-burn "
            "waste (EU Industrial Emissions Directive 2010/75/EU, chapter IV), with its "
            "emission limits and controls.")))  # fmt: skip
    return case


def _boiler(look: Lookup, family: FuelFamily) -> tuple[float, tuple[str, ...]]:
    """The boiler's efficiency per unit of fuel on its net calorific value, with its rows: an
    oil boiler's ecodesign row over heavy oil's gross-per-net ratio; a solid-fuel boiler's
    row as it stands (no ratio for solid biofuels: conservative)."""
    eta = look.value(family.boiler_id, "dimensionless", favourable=True)
    cv_id = "cv.gross_per_net." + LIQUID_FUEL
    if family.boiler_id == _LIQUID_BOILER and cv_id in look.factors:
        ratio = look.value(cv_id, "dimensionless", favourable=True)
        return min(1.0, eta * ratio), (family.boiler_id, cv_id)
    return eta, (family.boiler_id,)


def _sourced(line: Line, *ids: str) -> Line:
    """Today's revenue line, with the sources of the fuel value it was read at."""
    if line.unit != "NOK/yr" or line.factor_ids or "today's buyer" not in line.label_template:
        return line
    return replace(line, factor_ids=ids)


def _burnt(look: Lookup, family: FuelFamily, material: MaterialClass, q: float, ncv: float,
           r: _Receiver, route: str | None) -> Line:  # fmt: skip
    """What burning the stream emits, as a negative line: fossil CO2 per tonne, or a biogenic
    fuel's CH4 and N2O per kWh (read as the receiver's wood chips when it burns those, so
    the two cancel where they should).

    The fossil CO2 is the class's incineration factor where it has one (read at the same end
    as the incineration its owner avoids, so that the two cancel: burnt either way), else
    the family's combustion factor (IPCC's CO2 per TJ x its default calorific value), scaled
    to this case's calorific value (a wetter oil holds less carbon per tonne)."""
    fuel_mwh = q * ncv / 3.6
    if family.gas:
        return GAS_BURNT
    if family.fossil_id:
        disposal = material.disposal_factor_id
        if disposal.startswith("disposal.incineration"):
            favourable = route == "incineration" and disposal == material.disposal_factor_id
            fid = disposal
            ef = look.value(fid, "kgCO2e/t", favourable=favourable)
        else:
            fid = family.fossil_id
            central = look.factors.get(family.ncv_id, look.region, look.on).value_in("MJ/kg")
            scale = ncv / central if central > 0 else 1.0
            ef = look.value(fid, "kgCO2e/t", favourable=False) * scale
        return Line(
            N_("fossil CO2 of burning it: {quantity} t x {factor} kg CO2e/t"),
            {"quantity": q, "factor": ef},
            -q * ef / 1000.0,
            "t CO2e/yr",
            (fid,),
        )
    ef = r.emission_kg_per_kwh if r.fuel == DEFAULT_FUEL else look.value(
        _BIO_EMISSION, "kgCO2e/kWh", favourable=False)  # fmt: skip
    return Line(N_("methane and nitrous oxide of burning it (its biogenic CO2 is not counted): "
                   "{mwh} MWh x {factor} kg CO2e/kWh"), {"mwh": fuel_mwh, "factor": ef},
                -fuel_mwh * ef, "t CO2e/yr", (_BIO_EMISSION,))  # fmt: skip


def _receiver_note(fuel: str, text: GasNeedText | None, stated: bool) -> Note:
    if text is not None:
        return Note("gas_need_fuel" if stated else "gas_need", text.stated if stated else
                    text.default, {"fuel": fuel})  # fmt: skip
    if fuel in (DEFAULT_FUEL, LIQUID_FUEL):
        return Note("energy_recovery", N_(
            "Valued as fuel: the receiver burns it for heat instead of the {fuel} it is taken to "
            "burn today. If it uses something else today, say so: the value changes, and it "
            "needs a boiler that can burn this."), {"fuel": fuel})  # fmt: skip
    return Note("energy_recovery_fuel", N_(
        "Valued as fuel: the receiver burns it for heat instead of the {fuel} it uses today; a "
        "boiler that can burn it is not counted."), {"fuel": fuel})  # fmt: skip
