"""Critical raw materials are counted from the composition a stream states."""

import pytest

from symbiose.impact.calc.composition import crm_content, element_share
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.types import ExchangeInputs


@pytest.mark.parametrize(
    ("text", "element", "share"),
    [("MnO 8 %, SiO2 45 %", "Mn", 0.08 * 54.94 / 70.94), ("30 % Mn", "Mn", 0.30),
     ("Al2O3: 25,5 %", "Al", 0.255 * 53.96 / 101.96), ("Co 0.4 wt%", "Co", 0.004)],
)  # fmt: skip
def test_element_shares_are_read_from_element_or_oxide_percentages(text, element, share):
    assert element_share(text, element) == pytest.approx(share, rel=1e-3)


def test_nothing_is_invented_when_the_share_is_not_stated():
    assert element_share("rich in manganese", "Mn") is None
    assert element_share("MnO", "Mn") is None
    content, unknown = crm_content(["cobalt"], "Ni 2 %", {"cobalt": ("Co",)})
    assert content == {} and unknown == ["cobalt"]


def test_recovered_critical_raw_materials_count_in_the_resources():
    content, _ = crm_content(["manganese"], "MnO 8 %", {"manganese": ("Mn",)})
    result = assess_exchange(
        ExchangeInputs("material", 1000, material_class="slag_simn", crm_content=content)
    )
    assert result.resources["crm_recovered_t"]["manganese"] == pytest.approx(62.0, abs=0.1)
