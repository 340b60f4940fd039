"""The resource map's layer gives each point's quantity with the words that follow it in the
page's language: a deposit as its stock ("tonn (én gang)"), never the code "t/yr"; the map
writes the number in the page's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.registry.models import Organisation
from symbiose.resources.actions import do_save_deposit

pytestmark = pytest.mark.django_db


@pytest.fixture
def heap(world):
    do_save_deposit(Organisation.objects.get(ref="ORG-FJORD"),
                    {"ref": "D-FJORD-HEAP", "category": "material", "title": "Old slag heap",
                     "ewc_code": "100202", "quantity": "2000", "visibility": "public",
                     "sensitive_fields": ""},
                    {"setting": "onshore", "source": "survey (estimate)"},
                    acting_user=None)  # fmt: skip


@pytest.mark.parametrize(("lang", "stock", "flow"), [
    ("nb", "tonn (én gang)", "MWh/år"),
    ("en", "tonnes (once)", "MWh/yr"),
])  # fmt: skip
def test_the_map_layer_gives_a_deposit_as_its_stock_in_the_pages_language(
    client, heap, lang, stock, flow
):
    with translation.override(lang):
        response = client.get("/map/layer.json", HTTP_ACCEPT_LANGUAGE=lang)
    points = {f["properties"]["ref"]: f["properties"] for f in response.json()["features"]}
    assert (points["D-FJORD-HEAP"]["quantity"], points["D-FJORD-HEAP"]["unit_text"]) == (
        2000,
        stock,
    )
    assert points["S-FJORD-HEAT"]["unit_text"] == flow
    assert "t/yr" not in response.content.decode()
    assert "annual_unit" not in points["D-FJORD-HEAP"]


def test_a_hidden_quantity_has_no_amount_on_the_map(client, world):
    from symbiose.registry.actions import check_save_stream

    check_save_stream({"ref": "S-FJORD-HEAT", "organisation_ref": "ORG-FJORD",
                       "direction": "offer", "category": "heat", "title": "Surplus heat",
                       "quantity": "40", "unit": "GWh", "period": "year",
                       "visibility": "public", "sensitive_fields": "quantity"},
                      acting_user=None)  # fmt: skip
    points = {f["properties"]["ref"]: f["properties"]
              for f in client.get("/map/layer.json").json()["features"]}  # fmt: skip
    assert points["S-FJORD-HEAT"]["title"] == "Surplus heat"  # the point is there
    assert (points["S-FJORD-HEAT"]["quantity"], points["S-FJORD-HEAT"]["unit_text"]) == (None, "")
