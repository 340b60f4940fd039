"""Fuel families: how each class that burns is valued on the energy path.

Each family names its net calorific value (as received, or dry with a water share), the
boiler that burns it and the fossil CO2 of burning a tonne of it; each thesaurus class that
burns maps to one (its descendants inherit it). Used by :mod:`.energy_recovery` and
:mod:`.gas_energy`. Method: ``docs/impact-method.md`` ("Energy recovery").
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiose.taxonomy.materials import ancestors, materials_by_id

__all__ = [
    "CLASS_FAMILY",
    "FAMILIES",
    "GAS_BOILER",
    "LIQUID_BOILER",
    "SOLID_BOILER",
    "FuelFamily",
    "fuel_family",
]

#: The boilers' efficiency rows: a solid-fuel boiler (wood pellets' ecodesign row), an oil
#: boiler, and a gas boiler, read on its gross basis as it stands (CO forms no water, so no
#: gross-to-net ratio: conservative for methane and hydrogen).
SOLID_BOILER, LIQUID_BOILER, GAS_BOILER = "eff.wood_pellets", "eff.heavy_fuel_oil", (
    "eff.natural_gas")  # fmt: skip


@dataclass(frozen=True)
class FuelFamily:
    """How a kind of fuel is valued: its net calorific value (as received, or dry with a
    water share), the boiler that burns it and the fossil CO2 of burning a tonne of it
    (``""``: biogenic, only its CH4 and N2O count)."""

    key: str
    ncv_id: str
    moisture_id: str = ""
    boiler_id: str = SOLID_BOILER
    fossil_id: str = ""
    #: The dry value a stated water share applies to, for a family valued as received.
    dry_id: str = ""
    #: A combustible gas: what burning it emits is emitted where it is flared or burnt
    #: today either way (or is biogenic, or water), so only the fuel it replaces counts.
    gas: bool = False


FAMILIES: dict[str, FuelFamily] = {
    f.key: f
    for f in (
        FuelFamily("wood", "ncv_dry.wood", "moisture.wood_clean"),
        FuelFamily("wood_waste", "ncv.wood_waste", dry_id="ncv_dry.wood"),
        FuelFamily("black_liquor", "ncv.black_liquor"),
        FuelFamily("solid_biomass", "ncv.other_solid_biomass"),
        FuelFamily("food", "ncv_dry.food", "moisture.food_waste"),
        FuelFamily("bakery", "ncv_dry.bread", "moisture.bakery_waste"),
        FuelFamily("paper", "ncv.msw_biomass"),
        FuelFamily("fats", "ncv.other_liquid_biofuels", boiler_id=LIQUID_BOILER),
        FuelFamily("charcoal", "ncv.charcoal"),
        FuelFamily("oil", "ncv.waste_oil", boiler_id=LIQUID_BOILER,
                   fossil_id="combustion.waste_oil"),
        FuelFamily("coke", "ncv.petroleum_coke", fossil_id="virgin.petroleum_coke"),
        FuelFamily("tar", "ncv.coal_tar", fossil_id="combustion.coal_tar"),
        FuelFamily("plastics", "ncv.plastics", fossil_id="disposal.incineration_plastics"),
        FuelFamily("tyres", "ncv.tyres", fossil_id="disposal.incineration_tyres"),
        FuelFamily("waste", "ncv.msw_fossil", fossil_id="disposal.incineration_mixed"),
        FuelFamily("co_gas", "ncv.co_gas", boiler_id=GAS_BOILER, gas=True),
        FuelFamily("methane_gas", "ncv.methane_gas", boiler_id=GAS_BOILER, gas=True),
        FuelFamily("hydrogen", "ncv.hydrogen", boiler_id=GAS_BOILER, gas=True),
    )
}  # fmt: skip

#: The fuel family of each thesaurus class that burns (its descendants inherit it). A class
#: the matching knows as a fuel but listed nowhere here (spent bleaching earth: clay with
#: some oil, ``""`` here) keeps the material value model.
CLASS_FAMILY: dict[str, str] = {
    "biomass": "wood", "wood_clean": "wood", "wood_treated": "wood_waste",
    "pulping_liquor": "black_liquor", "crop_residue": "solid_biomass",
    "organic": "food", "food_waste": "food", "brewers_grain": "food", "sugar_residue": "food",
    "coffee_grounds": "food", "animal_byproduct": "food", "food_processing_residue": "food",
    "bakery_waste": "bakery", "fat_oil_bio": "fats", "paper": "paper",
    "carbon": "coke", "biocarbon": "charcoal", "pitch_tar": "tar",
    "polymer": "plastics", "rubber": "tyres", "oil": "oil", "solvent": "oil",
    "rdf": "waste", "textile": "waste", "packaging_mixed": "waste",
    "healthcare_waste": "waste", "paint_adhesive": "waste",
    "spent_bleaching_earth": "",
    # combustible gases (an off-gas of unknown make-up is read as CO-rich, conservatively);
    # air gases and ammonia are not offered to a boiler as fuel
    "gas_other": "co_gas", "gas_co": "co_gas", "gas_methane": "methane_gas",
    "hydrogen": "hydrogen", "gas_oxygen_nitrogen": "", "gas_ammonia": "",
}  # fmt: skip


def fuel_family(material_class: str | None) -> FuelFamily | None:
    """The fuel family of a material class (walking up the thesaurus), ``None`` if it does
    not burn.

    Examples
    --------
    >>> fuel_family("bakery_waste").key, fuel_family("plastic_pe_pp").key
    ('bakery', 'plastics')
    >>> fuel_family("slag_steel") is None, fuel_family(None) is None
    (True, True)
    """
    if not material_class or material_class not in materials_by_id():
        return None
    for cls in ancestors(material_class):
        if cls in CLASS_FAMILY:
            return FAMILIES[CLASS_FAMILY[cls]] if CLASS_FAMILY[cls] else None
    return None
