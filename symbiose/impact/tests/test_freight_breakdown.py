"""The breakdown a user reads names the freight mode and its loading line, in nb and en."""

import pytest
from django.utils import translation

from symbiose.impact.adapter import PairImpact
from symbiose.impact.calc.exchange import assess_exchange
from symbiose.impact.calc.factors import load_factors
from symbiose.impact.calc.types import ExchangeInputs


@pytest.mark.parametrize(
    ("lang", "mode", "haul", "loading"),
    [
        ("nb", "truck", "transport med lastebil", "lasting og lossing av lastebilen"),
        ("nb", "ship", "transport med skip", "lasting og lossing av skipet"),
        ("en", "rail", "transport by rail", "loading and unloading the train"),
    ],
)
def test_the_freight_lines_name_the_mode_and_say_they_are_estimates(lang, mode, haul, loading):
    inputs = ExchangeInputs(
        "material", 500, material_class="slag_steel", distance_km=60, transport_mode=mode
    )
    impact = PairImpact(
        assess_exchange(inputs),
        per_unit=False,
        typical_price=True,
        rounded_distance=False,
        material_class="slag_steel",
        factors=load_factors(),
    )
    with translation.override(lang):
        lines = impact.to_dict()["lines"]
    labels = {line["label"].split(" (")[0].split(":")[0]: line for line in lines}
    assert haul in labels and loading in labels, sorted(labels)
    estimate = "Symbiose-estimat" if lang == "nb" else "Symbiose estimate"
    assert labels[haul]["sources"] == labels[loading]["sources"]
    assert labels[loading]["sources"][0].startswith(estimate)
    assert ("kr/tkm" if lang == "nb" else "NOK/tkm") in labels[haul]["label"]
