"""The incinerator a stream of plastics is kept from is in its owner's country: its lost
energy is valued with that country's district heat, or Norway's named as an assumption,
and a viewer who may not see the stream's location gets the Norwegian figure silently (the
country would narrow the hidden location)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.impact.adapter import assess_pair
from symbiose.registry.actions import check_save_organisation, check_save_stream
from symbiose.registry.models import Stream

pytestmark = pytest.mark.django_db
ENERGY = "energy_recovered.incineration_plastics"


@pytest.fixture
def plastics(world):
    for ref, country in (("ORG-DK", "DK"), ("ORG-SE", "SE")):
        check_save_organisation({"ref": ref, "name": f"Plast {country}", "country": country,
                                 "lat": "57.05", "lon": "9.92"}, acting_user=None)  # fmt: skip
        check_save_stream({"ref": f"S-{country}-PE", "organisation_ref": ref,
                           "direction": "offer", "category": "material",
                           "title": "PE and PP film offcuts", "ewc_code": "07 02 13",
                           "quantity": "100", "unit": "t", "visibility": "public",
                           "sensitive_fields": ""}, acting_user=None)  # fmt: skip
    check_save_stream({"ref": "S-OUT-PE", "organisation_ref": world.outsider_org.ref,
                       "direction": "need", "category": "material",
                       "title": "Recycled PE and PP", "quantity": "500", "unit": "t",
                       "visibility": "public"}, acting_user=None)  # fmt: skip
    return world


def _line(pair):
    (line,) = [x for x in pair.result.lines if x.factor_ids[:1] == (ENERGY,)]
    return line


def test_the_owners_country_chooses_the_heat_its_incinerator_loses(plastics):
    need = Stream.objects.get(ref="S-OUT-PE")
    dk = assess_pair(Stream.objects.get(ref="S-DK-PE"), need)
    se = assess_pair(Stream.objects.get(ref="S-SE-PE"), need)
    assert dk.result.inputs.country == "DK" and se.result.inputs.country == "SE"
    assert _line(dk).factor_ids[-1] == "fuel.district_heat.DK"
    assert _line(se).factor_ids[-1] == "fuel.district_heat"
    for lang, words in (("nb", ("antakelse", "norsk fjernvarme")),
                        ("en", ("assumption", "Norwegian district heat"))):  # fmt: skip
        with translation.override(lang):
            label = next(x["label"] for x in se.to_dict()["lines"]
                         if x["factor_ids"][:1] == [ENERGY])  # fmt: skip
            dk_label = next(x["label"] for x in dk.to_dict()["lines"]
                            if x["factor_ids"][:1] == [ENERGY])  # fmt: skip
        assert all(w in label for w in words) and "SE" in label, label
        assert words[0] not in dk_label and "DK" in dk_label, dk_label


def test_a_hidden_location_gives_the_norwegian_figure_and_no_country(plastics):
    need = Stream.objects.get(ref="S-OUT-PE")
    offer = Stream.objects.get(ref="S-DK-PE")
    pair = assess_pair(offer, need, hidden={"offer.location"})
    assert pair.result.inputs.country is None
    line = _line(pair)
    assert line.factor_ids[-1] == "fuel.district_heat" and "DK" not in str(line.to_dict())
    assert "assumption" not in line.label_template
