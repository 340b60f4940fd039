"""CO2e avoided by an exchange: what it replaces minus what it costs in emissions.

Signs: every breakdown line carries its contribution to the *avoided* total in t CO2e/yr,
so savings are positive and burdens (transport, processing, heat-pump electricity) negative.

Formulas (see ``docs/impact-method.md``)::

    virgin      = Q x r x EF_virgin / 1000
    disposal    = Q x EF_disposal / 1000
    virgin_tr   = Q x r x d_virgin x EF_mode / 1000            (transport no longer needed)
    transport   = - Q x d x EF_mode / 1000
    processing  = - Q x e_proc x EF_elec                        (MWh x kg/kWh = t)
    heat        = H_receiver / eta_fuel x EF_fuel               (MWh x kg/kWh = t)
    heat_pump   = - W_hp x EF_elec

with Q in t/yr, r the substitution ratio (t virgin per t side stream), d in km,
EF in kg CO2e per t, tkm or kWh, H and W in MWh/yr.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.factors import Lookup
from symbiose.impact.calc.material_map import MaterialClass
from symbiose.impact.calc.types import Line, Note
from symbiose.textmarks import N_

__all__ = [
    "ELECTRICITY_BASES",
    "FUELS",
    "TRANSPORT_MODES",
    "DISPOSAL_ROUTES",
    "Co2Account",
    "electricity_factor_id",
    "transport_co2_t",
    "material_co2",
    "heat_co2",
    "net_efficiency",
]

#: Electricity bases the user can choose, with their factor ids.
ELECTRICITY_BASES: dict[str, str] = {"NO": "elec.NO", "NORDIC": "elec.NORDIC", "EU": "elec.EU"}
#: Fuels recovered heat can replace.
FUELS: tuple[str, ...] = (
    "electricity",
    "natural_gas",
    "fuel_oil",
    "heavy_fuel_oil",
    "lpg",
    "wood_pellets",
    "district_heat",
)
TRANSPORT_MODES: tuple[str, ...] = ("truck", "ship", "rail")
#: Disposal routes a side stream may avoid; "default" takes the material class's route.
DISPOSAL_ROUTES: dict[str, str | None] = {
    "landfill_inert": "disposal.landfill_inert",
    "landfill_metal": "disposal.landfill_metal",
    "landfill_organic": "disposal.landfill_organic",
    "incineration_mixed": "disposal.incineration_mixed",
    "incineration_plastics": "disposal.incineration_plastics",
    "incineration_biogenic": "disposal.incineration_biogenic",
    "none": None,
}


@dataclass
class Co2Account:
    """Running total of CO2e avoided (t/yr) with its breakdown lines and notes."""

    total_t: float = 0.0
    lines: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, template: str, params: dict, value_t: float, *factor_ids: str) -> None:
        self.total_t += value_t
        self.lines.append(Line(template, params, value_t, "t CO2e/yr", tuple(factor_ids)))


def electricity_factor_id(basis: str) -> str:
    """Factor id of an electricity basis.

    Examples
    --------
    >>> electricity_factor_id("nordic")
    'elec.NORDIC'
    """
    key = (basis or "").strip().upper()
    if key not in ELECTRICITY_BASES:
        raise ImpactInputError(
            "electricity_basis",
            N_("unknown electricity basis {value}; use one of {choices}"),
            value=basis,
            choices=", ".join(ELECTRICITY_BASES),
        )
    return ELECTRICITY_BASES[key]


def check_mode(field_name: str, mode: str) -> str:
    """Return a known transport mode or raise."""
    if mode not in TRANSPORT_MODES:
        raise ImpactInputError(
            field_name,
            N_("unknown transport mode {value}; use one of {choices}"),
            value=mode,
            choices=", ".join(TRANSPORT_MODES),
        )
    return mode


def transport_co2_t(quantity_t: float, distance_km: float, factor_kg_per_tkm: float) -> float:
    """Emissions of moving ``quantity_t`` over ``distance_km``, in t CO2e.

    Examples
    --------
    >>> round(transport_co2_t(1000, 100, 0.107), 3)
    10.7
    """
    return quantity_t * distance_km * factor_kg_per_tkm / 1000.0


def material_co2(
    look: Lookup,
    *,
    quantity_t: float,
    material: MaterialClass,
    ratio: float,
    disposal_factor_id: str | None,
    distance_km: float,
    mode: str,
    virgin_distance_km: float = 0.0,
    virgin_mode: str = "truck",
    processing_mwh_per_t: float = 0.0,
    basis: str = "NO",
    unit: str = "t",
    count_substitution: bool = True,
) -> Co2Account:
    """CO2e avoided per year when ``quantity_t`` of a side stream replaces virgin material.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> from symbiose.impact.calc.material_map import load_material_map
    >>> acc = material_co2(Lookup(load_factors()), quantity_t=1000,
    ...     material=load_material_map()["slag_blast_furnace"], ratio=1.0,
    ...     disposal_factor_id=None, distance_km=0, mode="truck")
    >>> round(acc.total_t, 1)
    840.0
    """
    acc = Co2Account()
    substituted_t = quantity_t * ratio
    if material.virgin_factor_id and not count_substitution:
        pass
    elif material.virgin_factor_id:
        ef = look.value(material.virgin_factor_id, f"kgCO2e/{unit}", favourable=True)
        acc.add(
            N_("product replaced: {quantity} {unit} x {ratio} x {factor} kg CO2e/{unit}"),
            {"quantity": quantity_t, "unit": unit, "ratio": ratio, "factor": ef},
            substituted_t * ef / 1000.0,
            material.virgin_factor_id,
        )
    elif disposal_factor_id:
        acc.notes.append(
            Note(
                "no_virgin_factor",
                N_("no substitution factor for {material}: only the avoided disposal is counted"),
                {"material": material.material_class},
            )
        )
    else:  # a deposit stays where it is: nothing avoided either, so say nothing is counted
        acc.notes.append(
            Note(
                "no_virgin_factor",
                N_("no substitution factor for {material}, and no disposal is avoided: "
                   "no CO2 saving is counted"),
                {"material": material.material_class},
            )
        )  # fmt: skip
    if disposal_factor_id:
        ef = look.value(disposal_factor_id, f"kgCO2e/{unit}", favourable=True)
        acc.add(
            N_("disposal avoided: {quantity} {unit} x {factor} kg CO2e/{unit}"),
            {"quantity": quantity_t, "unit": unit, "factor": ef},
            quantity_t * ef / 1000.0,
            disposal_factor_id,
        )
    if virgin_distance_km > 0 and count_substitution:
        fid = "transport.co2." + check_mode("virgin_transport_mode", virgin_mode)
        ef = look.value(fid, "kgCO2e/tkm", favourable=True)
        acc.add(
            N_(
                "virgin material transport avoided: "
                "{quantity} t x {distance} km x {factor} kg CO2e/tkm"
            ),
            {"quantity": substituted_t, "distance": virgin_distance_km, "factor": ef},
            transport_co2_t(substituted_t, virgin_distance_km, ef),
            fid,
        )
    if unit == "t" and mode != "pipe":  # a pipe's pumping energy is not counted
        fid = "transport.co2." + check_mode("transport_mode", mode)
        ef = look.value(fid, "kgCO2e/tkm", favourable=False)
        acc.add(
            N_("transport to the receiver: {quantity} t x {distance} km x {factor} kg CO2e/tkm"),
            {"quantity": quantity_t, "distance": distance_km, "factor": ef},
            -transport_co2_t(quantity_t, distance_km, ef),
            fid,
        )
    if processing_mwh_per_t > 0:
        eid = electricity_factor_id(basis)
        ef = look.value(eid, "kgCO2e/kWh", favourable=False)
        mwh = quantity_t * processing_mwh_per_t
        acc.add(
            N_("processing electricity: {mwh} MWh x {factor} kg CO2e/kWh"),
            {"mwh": mwh, "factor": ef},
            -mwh * ef,
            eid,
        )
    return acc


def net_efficiency(look: Lookup, fuel: str) -> tuple[float, tuple[str, ...]]:
    """Seasonal efficiency of a boiler on ``fuel``, per unit of fuel on its net calorific value.

    The ``eff.*`` rows (EU ecodesign limits and our estimates beside them) are per kWh of
    fuel on its gross calorific value, while the IPCC emission factors and our fuel prices
    are per kWh on its net value. Heat divided by a gross efficiency is fuel on the gross
    basis; read against net-basis factors it counted 7 % (oil) to 11 % (gas) too much fuel,
    CO2 and money. ``cv.gross_per_net.<fuel>`` converts: eta_net = eta_gross x GCV/NCV. A
    fuel without that row (electricity, district heat, wood pellets) keeps its efficiency
    as it stands.

    Returns the efficiency and the factor ids it rests on.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> eta, ids = net_efficiency(Lookup(load_factors()), "natural_gas")
    >>> round(eta, 4), ids
    (0.9546, ('eff.natural_gas', 'cv.gross_per_net.natural_gas'))
    >>> net_efficiency(Lookup(load_factors()), "electricity")
    (1.0, ('eff.electricity',))
    """
    eff_id, cv_id = "eff." + fuel, "cv.gross_per_net." + fuel
    eta = look.value(eff_id, "dimensionless", favourable=False)
    if cv_id not in look.factors:
        return eta, (eff_id,)
    return eta * look.value(cv_id, "dimensionless", favourable=False), (eff_id, cv_id)


def fuel_factor_ids(fuel: str, basis: str) -> tuple[str, str]:
    """Emission and efficiency factor ids of a heating fuel.

    Examples
    --------
    >>> fuel_factor_ids("natural_gas", "NO")
    ('fuel.natural_gas', 'eff.natural_gas')
    """
    if fuel not in FUELS:
        raise ImpactInputError(
            "heat_replaced_fuel",
            N_("unknown fuel {value}; use one of {choices}"),
            value=fuel,
            choices=", ".join(FUELS),
        )
    emission = electricity_factor_id(basis) if fuel == "electricity" else "fuel." + fuel
    return emission, "eff." + fuel


def heat_co2(
    look: Lookup,
    *,
    heat_to_receiver_mwh: float,
    heat_pump_electricity_mwh: float,
    fuel: str,
    basis: str,
) -> Co2Account:
    """CO2e avoided per year when recovered heat replaces the receiver's current heating.

    When the heat replaces electric heating on the Norwegian basis, a note says plainly
    that the CO2 saving is small: Norwegian electricity is mostly hydropower, and the
    real benefit is the electricity freed for other uses.

    Examples
    --------
    >>> from symbiose.impact.calc.factors import load_factors
    >>> acc = heat_co2(Lookup(load_factors()), heat_to_receiver_mwh=1000,
    ...     heat_pump_electricity_mwh=0, fuel="electricity", basis="NO")
    >>> round(acc.total_t, 1), acc.notes[0].code
    (15.0, 'norwegian_hydro_heat')
    """
    acc = Co2Account()
    emission_id, _ = fuel_factor_ids(fuel, basis)
    elec_id = electricity_factor_id(basis)
    ef = look.value(emission_id, "kgCO2e/kWh", favourable=True)
    eta, eff_ids = net_efficiency(look, fuel)
    if eta <= 0:
        raise ImpactInputError(
            "heat_replaced_fuel", N_("efficiency of {fuel} must be positive"), fuel=fuel
        )
    acc.add(
        N_("{fuel} heating replaced: {heat} MWh / {efficiency} x {factor} kg CO2e/kWh"),
        {"fuel": fuel, "heat": heat_to_receiver_mwh, "efficiency": eta, "factor": ef},
        heat_to_receiver_mwh / eta * ef,
        emission_id,
        *eff_ids,
    )
    if heat_pump_electricity_mwh > 0:
        ef_el = look.value(elec_id, "kgCO2e/kWh", favourable=False)
        acc.add(
            N_("heat-pump electricity: {mwh} MWh x {factor} kg CO2e/kWh"),
            {"mwh": heat_pump_electricity_mwh, "factor": ef_el},
            -heat_pump_electricity_mwh * ef_el,
            elec_id,
        )
    if fuel == "electricity" and basis.strip().upper() == "NO":
        acc.notes.append(
            Note(
                "norwegian_hydro_heat",
                N_(
                    "The recovered heat replaces electric heating from the Norwegian grid, which "
                    "is mostly hydropower: the CO2 saving is small ({co2} t CO2e/yr). The main "
                    "benefit is {mwh} MWh/yr of electricity freed for other uses, and the money "
                    "saved."
                ),
                {
                    "co2": round(acc.total_t, 1),
                    "mwh": round(heat_to_receiver_mwh / eta - heat_pump_electricity_mwh, 1),
                },
            )
        )
    return acc
