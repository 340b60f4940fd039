"""The shipped factor tables are complete, sourced, versioned and overridable by region."""

import json
from datetime import date

import pytest

from symbiose.impact.calc.co2 import ELECTRICITY_BASES, FUELS, TRANSPORT_MODES
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import (
    Lookup,
    factor_from_row,
    load_factors,
    merge_factors,
)
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs


def test_every_factor_names_its_source_version_and_a_known_unit():
    factors = list(load_factors())
    assert len(factors) > 100
    for factor in factors:
        assert factor.source, factor.id
        assert factor.version, factor.id
        assert factor.year > 1990, factor.id
        assert factor.region, factor.id


def test_every_range_bound_has_a_central_factor_and_brackets_it():
    factors = load_factors()
    for fid in factors.ids():
        if fid.endswith((".low", ".high")):
            base = fid.rsplit(".", 1)[0]
            assert base in factors, fid
            central = factors.get(base).value
            bound = factors.get(fid).value
            assert (bound <= central) if fid.endswith(".low") else (bound >= central), fid


def test_material_map_points_only_at_existing_factors():
    factors = load_factors()
    for cls in load_material_map().values():
        for fid in (cls.virgin_factor_id, cls.disposal_factor_id, cls.price_id):
            assert not fid or fid in factors, (cls.material_class, fid)
        assert cls.substitution_ratio > 0


def test_every_choice_offered_to_the_user_has_factors():
    factors = load_factors()
    for fid in ELECTRICITY_BASES.values():
        assert fid in factors
    for fuel in FUELS:
        assert "eff." + fuel in factors
        assert fuel == "electricity" or "fuel." + fuel in factors
    for mode in TRANSPORT_MODES:
        assert "transport.co2." + mode in factors
        assert "transport.cost." + mode in factors


def test_lookup_converts_units_and_records_ids_with_versions():
    look = Lookup(load_factors())
    assert look.value("elec.NO", "kgCO2e/kWh") == pytest.approx(0.015)
    assert [(ref.id, ref.version) for ref in look.used()] == [("elec.NO", "2025.1")]


def test_result_records_the_factor_ids_and_versions_it_used():
    result = assess_exchange(
        ExchangeInputs("material", 100, material_class="slag_blast_furnace", distance_km=5)
    )
    used = {ref.id: ref.version for ref in result.factors_used}
    assert {"virgin.cement_clinker", "transport.co2.truck", "fee.landfill_inert"} <= set(used)
    assert "virgin.cement_clinker.low" in used and "virgin.cement_clinker.high" in used
    assert used["virgin.cement_clinker"] == "2025.1" and used["fee.landfill_inert"] == "2026.2"


def test_regional_factor_overrides_the_shipped_one_only_in_its_region():
    merged = merge_factors(
        load_factors(),
        [
            {
                "id": "virgin.cement_clinker",
                "value": 0.7,
                "unit": "tCO2e/t",
                "source": "Local plant EPD",
                "year": 2025,
                "region": "Vestland",
                "version": "vestland-1",
            }
        ],
    )
    inputs = dict(category="material", quantity=1000, material_class="slag_blast_furnace")
    local = assess_exchange(ExchangeInputs(**inputs, region="Vestland"), merged)
    shipped = assess_exchange(ExchangeInputs(**inputs), merged)
    assert local.co2e_t_per_yr.central == pytest.approx(700 + 1.2)
    assert shipped.co2e_t_per_yr.central == pytest.approx(840 + 1.2)
    assert ("virgin.cement_clinker", "vestland-1") in {
        (ref.id, ref.version) for ref in local.factors_used
    }


def test_a_newer_factor_version_supersedes_the_older_from_its_start_date():
    newer = factor_from_row(
        {
            "id": "elec.NO",
            "value": 10,
            "unit": "gCO2e/kWh",
            "source": "NVE 2025",
            "year": 2025,
            "valid_from": "2026-06-01",
            "region": "NO",
            "version": "2026.1",
        }
    )
    merged = merge_factors(load_factors(), [newer])
    assert merged.get("elec.NO", on=date(2026, 7, 1)).version == "2026.1"
    assert merged.get("elec.NO", on=date(2025, 7, 1)).version == "2025.1"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "no.such.factor"}, "unknown factor id no.such.factor"),
        ({"id": "elec.NO", "unit": "NOK/t"}, "cannot be read as"),
        ({"id": "elec.NO", "unit": "bananas"}, "unknown unit bananas"),
        ({"id": "elec.NO", "source": ""}, "factor elec.NO needs a source"),
        ({"id": "elec.NO", "value": "high"}, "value must be a number"),
        ({"id": "elec.NO", "valid_from": "yesterday"}, "must be a date"),
    ],
)
def test_merge_refuses_a_bad_regional_factor(row, message):
    base = {
        "value": 12,
        "unit": "gCO2e/kWh",
        "source": "local",
        "year": 2025,
        "region": "Agder",
        "version": "agder-1",
    }
    with pytest.raises(ImpactInputError, match=message):
        merge_factors(load_factors(), [{**base, **row}])


def test_result_to_dict_is_plain_json():
    result = assess_exchange(
        ExchangeInputs(
            "heat",
            2000,
            quantity_unit="MWh/yr",
            offer_temperature_c=30,
            need_temperature_c=70,
            return_temperature_c=20,
            distance_km=0.5,
            heat_replaced_fuel="natural_gas",
            on=date(2026, 1, 1),
        )
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["heat"]["cop"] == pytest.approx(4.289375)
    assert data["lines"][0]["label"].startswith("pipe loss")
    assert data["inputs"]["on"] == "2026-01-01"
    assert all({"id", "version", "region"} == set(ref) for ref in data["factors_used"])


def test_a_class_without_a_virgin_factor_says_so():
    result = assess_exchange(ExchangeInputs("material", 100, material_class="sludge"))
    assert "no_virgin_factor" in {note.code for note in result.notes}
