"""What one tonne of a class replaces: its substitution ratio and its value as a fuel.

Helpers of ``cases.material_case`` (plain data in, plain data out): the ratio of virgin
product a side stream replaces, in the sensitivity case's end of its range, and, for a
combustible stream its owner burns today, the natural gas the owner must buy instead.
Formulas and sources: ``docs/impact-method.md`` ("Counterfactual").
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiose.impact.calc.co2 import electricity_factor_id
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.material_map import MaterialClass
from symbiose.impact.calc.types import Line, Note
from symbiose.textmarks import N_

__all__ = [
    "Melting",
    "OwnerFuel",
    "fuel_value",
    "furnace_direct",
    "melting",
    "owner_fuel",
    "product_per_scrap",
    "raw_per_product",
    "recovered_energy",
    "substitution_ratio",
]

#: The fuel that replaces a combustible stream its owner burns today, and its price.
GAS_ID, GAS_PRICE_ID = "virgin.natural_gas_t", "price.natural_gas_t"


def substitution_ratio(look: Lookup, material: MaterialClass) -> float:
    """Tonnes of virgin material one tonne of the class replaces, in this case's end of its range.

    A class whose ratio is uncertain has a factor ``ratio.<class>`` with ``.low``/``.high``
    rows (e.g. GGBS: 1 t clinker per t when blended at the cement works, about 0.9 t when it
    replaces CEM I at the mixer); the low case reads the low ratio, the high case the high
    one. Other classes keep the single ratio of ``material_map.csv``.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> slag = load_material_map()["slag_blast_furnace"]
    >>> [substitution_ratio(Lookup(load_factors(), c), slag) for c in ("low", "central", "high")]
    [0.9, 1.0, 1.0]
    """
    fid = f"ratio.{material.material_class}"
    if fid in look.factors:
        return look.value(fid, "dimensionless", favourable=True)
    return material.substitution_ratio


def raw_per_product(look: Lookup, material: MaterialClass) -> float:
    """Tonnes of raw materials that one tonne of the product the class replaces is made from.

    Glass, clinker and burnt lime are made from a batch that loses its carbonates' CO2 in
    the furnace or kiln, so a tonne of product takes more than a tonne of sand, soda ash,
    limestone or clay: the row ``raw_per_product.<product>`` (the virgin factor's id without
    ``virgin.``) gives how much, from the CO2 released per tonne (a mass balance). Other
    products count 1 t per t. Used for the resources line "new material not needed"; the
    CO2 factors are per tonne of product already.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> classes, look = load_material_map(), Lookup(load_factors())
    >>> raw_per_product(look, classes["glass"]), raw_per_product(look, classes["gypsum"])
    (1.2, 1.0)
    """
    product = material.virgin_factor_id.removeprefix("virgin.")
    fid = f"raw_per_product.{product}"
    if product and fid in look.factors:
        return look.value(fid, "dimensionless")
    return 1.0


def fuel_value(look: Lookup, material: MaterialClass) -> tuple[float, tuple[str, ...]] | None:
    """Tonnes of natural gas that one tonne of the class replaces as a fuel (``None``: no fuel).

    A combustible off-gas whose virgin product is natural gas (CO-rich, methane-rich, of
    unknown composition) already replaces it by energy: its substitution ratio. Another
    fuel (hydrogen) has a row ``fuel_value.<class>``: its net calorific value over natural
    gas's. Used for the owner's side when the stream is burnt today with its energy used
    (route ``incineration``): giving it away, the owner must buy that much natural gas.
    Returns the ratio and the factor ids it rests on.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> classes, look = load_material_map(), Lookup(load_factors())
    >>> value, ids = fuel_value(look, classes["hydrogen"])
    >>> round(value, 2), ids
    (2.5, ('fuel_value.hydrogen',))
    >>> fuel_value(look, classes["gas_co"])
    (0.21, ())
    >>> fuel_value(look, classes["glass"]) is None
    True
    """
    fid = f"fuel_value.{material.material_class}"
    if fid in look.factors:
        return look.value(fid, "dimensionless", favourable=False), (fid,)
    if material.virgin_factor_id == GAS_ID:
        return substitution_ratio(look, material), ()
    return None


@dataclass(frozen=True)
class OwnerFuel:
    """The natural gas an owner buys and burns instead of the fuel it gives away, per year."""

    gas_t: float
    co2_t: float
    cost_nok: float
    lines: tuple[Line, ...]
    note: Note


def owner_fuel(look: Lookup, quantity_t: float, fuel: tuple[float, tuple[str, ...]]) -> OwnerFuel:
    """CO2 and cost of the natural gas that replaces ``quantity_t`` of a fuel given away.

    ``fuel`` is :func:`fuel_value`'s answer. The breakdown lines carry their contribution
    to the avoided CO2 (negative) and to the yearly benefit (negative).

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> gas = owner_fuel(Lookup(load_factors()), 100, (2.5, ()))
    >>> gas.gas_t, round(gas.co2_t, 1), gas.cost_nok
    (250.0, 673.2, 2700000.0)
    """
    ratio, ids = fuel
    gas_t = quantity_t * ratio
    ef = look.value(GAS_ID, "kgCO2e/t", favourable=False)
    co2_t = gas_t * ef / 1000.0
    price = look.value(GAS_PRICE_ID, "NOK/t", favourable=False)
    cost = gas_t * price
    lines = (
        Line(N_("natural gas its owner burns instead: {quantity} t x {ratio} x {factor} kg "
                "CO2e/t"), {"quantity": quantity_t, "ratio": ratio, "factor": ef}, -co2_t,
             "t CO2e/yr", (GAS_ID, *ids)),
        Line(N_("natural gas its owner buys instead: {quantity} t x {ratio} x {price} NOK/t"),
             {"quantity": quantity_t, "ratio": ratio, "price": price}, -cost, "NOK/yr",
             (GAS_PRICE_ID, *ids)),
    )  # fmt: skip
    note = Note("owner_fuel", N_(
        "Today its owner burns it as fuel: without it, the owner buys and burns about {gas} t "
        "of natural gas a year of the same energy instead, which is subtracted."),
        {"gas": round(gas_t, -1)})  # fmt: skip
    return OwnerFuel(gas_t, co2_t, cost, lines, note)


def product_per_scrap(look: Lookup, material: MaterialClass) -> float:
    """Tonnes of product that one tonne of scrap of the class becomes when melted.

    Some of the scrap charged to a furnace leaves as slag, dust and scale, so a tonne of it
    makes less than a tonne of metal: the row ``scrap_per_product.<product>`` (the virgin
    factor's id without ``virgin.``; steel: worldsteel's metallic yield of the arc furnace,
    1.092 t of scrap per t of steel) gives how much scrap a tonne of product takes, and this
    is its inverse. Products without the row count 1 t per t (no sourced yield).

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> classes, look = load_material_map(), Lookup(load_factors())
    >>> round(product_per_scrap(look, classes["metal_ferrous"]), 3)
    0.916
    >>> product_per_scrap(look, classes["metal_copper"])
    1.0
    """
    product = material.virgin_factor_id.removeprefix("virgin.")
    fid = f"scrap_per_product.{product}"
    if product and fid in look.factors:
        return 1.0 / look.value(fid, "dimensionless")
    return 1.0


@dataclass(frozen=True)
class Melting:
    """What a receiver emits turning scrap into the product it replaces, per year.

    ``lines`` holds, where the product has a sourced metallic yield, the line of the scrap
    lost in melting, then the melting energy's line and, where the furnace has a row for
    it, the line of its own direct emissions (an arc furnace's electrodes and charge carbon).
    """

    mwh: float
    co2_t: float
    lines: tuple[Line, ...]


#: How a furnace melts scrap: the factor id prefix and its emission factor (``None``: the
#: electricity basis).
_CARRIERS = (("remelt_electricity", None), ("remelt_gas", "fuel.natural_gas"))


def melting(look: Lookup, material: MaterialClass, tonnes: float, basis: str) -> Melting | None:
    """The melting that scrap needs and primary metal does not, netted from the substitution.

    Primary metal's footprint ends at the metal; scrap must still be melted. The row
    ``remelt_electricity.<product>`` (an electric arc furnace, at the electricity basis) or
    ``remelt_gas.<product>`` (a gas-fired furnace) gives MWh per tonne of product: the
    central is the heat the molten metal holds (physics, a lower bound), the high bound a
    furnace's real use. Only the CO2 is netted: the receiver's money side is the price of
    the scrap it buys today, which it melts as well. ``None`` when the product has no such
    row. An arc furnace's own direct emissions (:func:`furnace_direct`) and the rest of the
    scrap route (:func:`route_rest`) are netted with it.

    ``tonnes`` is the product the scrap would replace one for one. Where the product has a
    metallic yield (:func:`product_per_scrap`), the scrap makes less: the primary product the
    lost part does not replace is netted too (at the same footprint the substitution
    counted), and the energy and direct emissions count the product made.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> steel = load_material_map()["metal_ferrous"]
    >>> melt = melting(Lookup(load_factors()), steel, 1000, "EU")
    >>> round(melt.mwh), round(melt.co2_t, 1), len(melt.lines)
    (339, 387.9, 4)
    >>> melting(Lookup(load_factors()), load_material_map()["gypsum"], 1000, "EU") is None
    True
    """
    product = material.virgin_factor_id.removeprefix("virgin.")
    for prefix, emission_id in _CARRIERS:
        fid = f"{prefix}.{product}"
        if not product or fid not in look.factors:
            continue
        lines = []
        made = tonnes * product_per_scrap(look, material)
        if made < tonnes:
            lines.append(_melt_loss(look, material, tonnes, made))
        per_t = look.value(fid, "MWh/t", favourable=False)
        emission_id = emission_id or electricity_factor_id(basis)
        ef = look.value(emission_id, "kgCO2e/kWh", favourable=False)
        mwh = made * per_t
        lines.append(Line(N_("melting the scrap: {tonnes} t x {energy} MWh/t x {factor} kg "
                             "CO2e/kWh"), {"tonnes": made, "energy": per_t, "factor": ef},
                          -mwh * ef, "t CO2e/yr", (fid, emission_id)))  # fmt: skip
        for extra in (furnace_direct(look, product, made), route_rest(look, product, made)):
            if extra is not None:
                lines.append(extra)
        return Melting(mwh, -sum(line.value for line in lines), tuple(lines))
    return None


def _melt_loss(look: Lookup, material: MaterialClass, tonnes: float, made: float) -> Line:
    """The primary product that scrap lost in melting does not replace, as a negative line."""
    product = material.virgin_factor_id.removeprefix("virgin.")
    ef = look.value(material.virgin_factor_id, "kgCO2e/t", favourable=True)
    return Line(N_("scrap lost as slag and dust in melting: {lost} t of product not made x "
                   "{factor} kg CO2e/t"), {"lost": tonnes - made, "factor": ef},
                -(tonnes - made) * ef / 1000.0, "t CO2e/yr",
                (f"scrap_per_product.{product}", material.virgin_factor_id))  # fmt: skip


def furnace_direct(look: Lookup, product: str, tonnes: float) -> Line | None:
    """The furnace's own CO2 besides its energy, when scrap is made into ``product``.

    An electric arc furnace burns its graphite electrodes and the carbon charged with the
    scrap, which the melting energy does not count: the row ``remelt_direct.<product>``
    (kg CO2 per tonne of product; steel: IPCC 2006's Tier 1 factor for arc furnaces) gives
    the line, negative. ``None`` when the product has no such row.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> line = furnace_direct(Lookup(load_factors()), "steel_bf_bof", 1000)
    >>> round(line.value, 1), line.factor_ids
    (-80.0, ('remelt_direct.steel_bf_bof',))
    >>> furnace_direct(Lookup(load_factors()), "primary_copper", 1000) is None
    True
    """
    fid = f"remelt_direct.{product}"
    if fid not in look.factors:
        return None
    per_t = look.value(fid, "kgCO2e/t", favourable=False)
    return Line(N_("the furnace's own emissions (electrodes, charge carbon): {tonnes} t x "
                   "{factor} kg CO2/t"), {"tonnes": tonnes, "factor": per_t},
                -tonnes * per_t / 1000.0, "t CO2e/yr", (fid,))  # fmt: skip


def route_rest(look: Lookup, product: str, tonnes: float) -> Line | None:
    """The rest of the scrap route's footprint, when scrap is made into ``product``.

    Besides its melting energy and its own direct CO2, a scrap-based furnace route has
    upstream emissions that primary metal's footprint already holds on its side: burnt lime
    and other fluxes, alloys, oxygen, the electrodes' manufacture, burners and casting. The
    row ``remelt_route.<product>`` (kg CO2e per tonne of product; steel: an estimate from
    worldsteel's inventory of steel from scrap, whose low case's bound is a Norwegian
    scrap-based steel product's whole cradle-to-gate footprint less the furnace's direct CO2)
    gives the line, negative. ``None`` when the product has no
    such row.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> line = route_rest(Lookup(load_factors()), "steel_bf_bof", 1000)
    >>> round(line.value, 1), line.factor_ids
    (-50.0, ('remelt_route.steel_bf_bof',))
    >>> route_rest(Lookup(load_factors()), "primary_copper", 1000) is None
    True
    """
    fid = f"remelt_route.{product}"
    if fid not in look.factors:
        return None
    per_t = look.value(fid, "kgCO2e/t", favourable=False)
    return Line(N_("the rest of the scrap route (fluxes, alloys, oxygen, burners): {tonnes} t x "
                   "{factor} kg CO2e/t"), {"tonnes": tonnes, "factor": per_t},
                -tonnes * per_t / 1000.0, "t CO2e/yr", (fid,))  # fmt: skip


#: The heat a district-heating network makes when an incinerator recovers less.
REPLACED_HEAT_ID = "fuel.district_heat"


def recovered_energy(
    look: Lookup, disposal_id: str | None, tonnes: float, country: str | None = None
) -> Line | None:
    """The energy an incinerator no longer recovers from waste that is recycled instead.

    Incineration with energy recovery turns the waste into district heat, steam or power;
    taking the waste away means the network makes that energy otherwise. A disposal factor
    with a row ``energy_recovered.<route>`` (MWh of useful energy per tonne incinerated;
    plastics so far) gives the breakdown line, negative, valued at the CO2 of the heat the
    network makes instead: ``fuel.district_heat`` in Norway (or when ``country`` is not
    known), the country's own row ``fuel.district_heat.<country>`` where the tables have
    one, and otherwise the Norwegian figure, which the line then names as an assumption.
    ``None`` for other routes.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> line = recovered_energy(Lookup(load_factors()), "disposal.incineration_plastics", 100)
    >>> round(line.value, 1), line.factor_ids
    (-14.0, ('energy_recovered.incineration_plastics', 'fuel.district_heat'))
    >>> recovered_energy(Lookup(load_factors()), "disposal.landfill_inert", 100) is None
    True
    >>> line = recovered_energy(Lookup(load_factors()), "disposal.incineration_plastics", 100,
    ...                         country="XX")
    >>> line.params["country"], line.factor_ids[-1]
    ('XX', 'fuel.district_heat')
    """
    route = (disposal_id or "").removeprefix("disposal.")
    fid = f"energy_recovered.{route}"
    if not route or fid not in look.factors:
        return None
    per_t = look.value(fid, "MWh/t", favourable=False)
    heat_id, template = REPLACED_HEAT_ID, _LOST
    code = (country or "NO").strip().upper()
    if code != "NO":
        own = f"{REPLACED_HEAT_ID}.{code}"
        heat_id, template = (own, _LOST_IN) if own in look.factors else (heat_id, _LOST_ASSUMED)
    ef = look.value(heat_id, "kgCO2e/kWh", favourable=False)
    return Line(template, {"tonnes": tonnes, "energy": per_t, "factor": ef, "country": code},
                -tonnes * per_t * ef, "t CO2e/yr", (fid, heat_id))  # fmt: skip


_LOST = N_("energy the incinerator no longer recovers, made otherwise: {tonnes} t x "
           "{energy} MWh/t x {factor} kg CO2e/kWh")  # fmt: skip
#: Outside Norway, the country's own district heat where the tables have it.
_LOST_IN = N_("energy the incinerator no longer recovers, made otherwise as district heat "
              "in {country}: {tonnes} t x {energy} MWh/t x {factor} kg CO2e/kWh")  # fmt: skip
#: Outside Norway with no figure of the country's own: the Norwegian one, said so.
_LOST_ASSUMED = N_("energy the incinerator no longer recovers, made otherwise (assumption: "
                   "Norwegian district heat, as the tables have no figure for {country}): "
                   "{tonnes} t x {energy} MWh/t x {factor} kg CO2e/kWh")  # fmt: skip
