"""A price its owner states per its own unit is read per the value model's unit, whatever
the unit: mass, volume, energy, a power (per its energy in an hour) or a gas's Nm3."""

from __future__ import annotations

import pytest

from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.material_map import load_material_map
from symbiose.impact.calc.types import ExchangeInputs
from symbiose.registry.units import canonical_per_unit

CASES = [  # category, class, amount stated in the model's canonical unit, price unit
    ("material", "slag", "t/yr", "kg"),
    ("material", "slag", "m3/yr", "l"),
    ("heat", None, "MWh/yr", "kWh"),
    ("heat", None, "MWh/yr", "GJ"),
    ("heat", None, "MWh/yr", "kW"),
    ("gas", "gas_methane", "Nm3/yr", "Nm3"),
]


@pytest.mark.parametrize(("category", "cls", "unit", "per"), CASES)
def test_a_price_per_the_owners_unit_is_a_price_per_the_models_unit(category, cls, unit, per):
    factor, canonical = canonical_per_unit(per)
    kw = dict(material_class=cls, quantity_unit=unit, offer_temperature_c=80.0)
    stated = assess_exchange(ExchangeInputs(category, 1000, resource_price_nok_per_unit=2.0,
                                            price_unit=per, **kw))  # fmt: skip
    price = 2.0 / factor
    same = assess_exchange(ExchangeInputs(category, 1000, price_unit=canonical,
                                          resource_price_nok_per_unit=price, **kw))  # fmt: skip
    assert stated.annual_net_benefit_nok == same.annual_net_benefit_nok
    said = [n for n in stated.notes if n.code == "price_unit"]
    assert said and said[0].params["unit"] == per
    if category == "gas":  # NOK per Nm3 x Nm3, through the density and back
        density = load_material_map()[cls].density_kg_per_nm3
        assert said[0].params["converted"] == pytest.approx(2.0 / (density / 1000))


def test_a_price_in_a_unit_of_another_kind_is_refused_with_its_field():
    from symbiose.impact.calc.errors import ImpactInputError

    with pytest.raises(ImpactInputError, match="price per MWh cannot be read") as err:
        assess_exchange(ExchangeInputs("material", 10, material_class="slag", price_unit="MWh",
                                       resource_price_nok_per_unit=5))  # fmt: skip
    assert err.value.field == "price_unit"
