"""A stated price is per the unit the owner gave ("NOK per unit"), and a product is sold
today: two ways a stated price used to be misread into a value no CFO would sign."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.adapter import assess_pair
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.material_map import load_material_map
from symbiose.registry.actions import check_save_stream
from symbiose.registry.models import Stream

pytestmark = pytest.mark.django_db


def _offer(ref: str, **fields) -> Stream:
    check_save_stream({"ref": ref, "organisation_ref": "ORG-FJORD", "direction": "offer",
                       "visibility": "public", "sensitive_fields": "", **fields},
                      acting_user=None)  # fmt: skip
    return Stream.objects.get(ref=ref)


@pytest.fixture
def need(world):
    check_save_stream({"ref": "S-OUT-FILL", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "category": "material", "ewc_code": "10 02 02",
                       "title": "Slag for fill", "quantity": "5000", "unit": "t",
                       "visibility": "public"}, acting_user=None)  # fmt: skip
    return Stream.objects.get(ref="S-OUT-FILL")


SLAG = {"category": "material", "title": "Slag", "ewc_code": "10 02 02"}


@pytest.mark.parametrize(("unit", "quantity", "price"), [("kg", "2000000", "-4.3215"),
                                                        ("t", "2000", "-4321.5")])  # fmt: skip
def test_a_cost_per_kg_is_the_same_cost_per_tonne(need, unit, quantity, price):
    tonnes = _offer("S-FJORD-T", **SLAG, quantity="2000", unit="t", price_nok_per_unit="-4321.5")
    other = _offer(f"S-FJORD-{unit.upper()}", **SLAG, quantity=quantity, unit=unit,
                   price_nok_per_unit=price)  # fmt: skip
    base, same = assess_pair(tonnes, need).result, assess_pair(other, need).result
    assert same.annual_net_benefit_nok == base.annual_net_benefit_nok
    [line] = [x for x in same.lines if "given cost" in x.label_template]
    assert line.value == pytest.approx(2000 * 4321.5) and line.params["cost"] == pytest.approx(
        4321.5
    )
    said = [n for n in same.notes if n.code == "price_unit"]
    assert bool(said) == (unit != "t")
    if said:
        for lang, words in (("nb", "kr per kg"), ("en", "NOK per kg")):
            with translation.override(lang):
                text = assess_pair(other, need).to_dict()["notes"]
            assert any(words in n["text"] and "4" in n["text"] for n in text)


def test_a_gas_priced_per_normal_cubic_metre_is_read_through_its_density(world):
    check_save_stream({"ref": "S-OUT-GAS", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "category": "gas", "title": "Methane for the kiln",
                       "quantity": "5000000", "unit": "Nm3", "visibility": "public"},
                      acting_user=None)  # fmt: skip
    gas = _offer("S-FJORD-CH4", category="gas", title="Methane-rich off-gas, flared",
                 quantity="2000000", unit="Nm3", price_nok_per_unit="6")  # fmt: skip
    pair = assess_pair(gas, Stream.objects.get(ref="S-OUT-GAS"))
    [line] = [x for x in pair.result.lines if "given price" in x.label_template]
    # NOK per Nm3 x Nm3, whatever the tonnes in between: never 6 NOK per tonne
    assert line.value == pytest.approx(2_000_000 * 6)
    density = load_material_map()[pair.material_class].density_kg_per_nm3
    assert line.params["price"] == pytest.approx(6 / (density / 1000))


def test_a_product_of_matter_is_sold_today_so_its_price_is_not_new_value(need):
    sold = _offer("S-FJORD-PRODUCT", **SLAG, quantity="2000", unit="t", legal_status="product",
                  price_nok_per_unit="150")  # fmt: skip
    for hidden in ((), ("offer.price",)):
        result = assess_pair(sold, need, hidden=hidden).result
        assert result.counterfactual["route"] == "sold"
        money = {x.label_template.split(":")[0]: x.value for x in result.lines
                 if x.unit.startswith("NOK")}  # fmt: skip
        gained = sum(v for k, v in money.items() if "transport" not in k and "loading" not in k)
        if not hidden:  # the new buyer pays what today's buyer pays: nothing new
            assert gained == pytest.approx(0.0)
        assert result.verdict is not None and result.verdict.code.startswith("not_worth")
    waste = _offer("S-FJORD-WASTE", **SLAG, quantity="2000", unit="t", legal_status="waste")
    assert assess_pair(waste, need).result.counterfactual["route"] == "landfill"
    assert load_factors().get("fee.landfill_inert").value > 0
