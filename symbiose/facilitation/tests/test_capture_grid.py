"""The workshop capture grid comes back as typed when the preview finds problems."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from symbiose.facilitation import grid
from symbiose.facilitation.actions import do_save_workshop
from symbiose.registry.importers.listing import Problem
from symbiose.registry.models import AuditEvent, Stream


@pytest.fixture
def workshop(hubworld):
    return do_save_workshop(
        hubworld.hub, {"title": "Haves and wants", "date": datetime.date(2026, 3, 1)},
        invited=[hubworld.org, hubworld.varme], acting_user=hubworld.facilitator,
    )  # fmt: skip


def row(n: int, **cells: str) -> dict[str, str]:
    base = {"organisation_ref": "ORG-VARME", "direction": "offer", "category": "material",
            "title": "", "quantity": "", "unit": "", "period": "year"}  # fmt: skip
    return {f"{column}-{n}": value for column, value in (base | cells).items()}


#: Row 1 is fine, row 2 has a bad quantity, row 3 is left empty, row 4 has a bad direction.
TYPED = {
    "grid": "1", "rows": "10",
    **row(0, title="Wood chips", quantity="12", unit="t"),
    **row(1, organisation_ref="ORG-FJORD", title="Waste oil", quantity="lots", unit="m3"),
    **row(2, unit="kg"),
    **row(3, direction="sideways", category="heat", title="Steam", quantity="4", unit="GWh",
          period="month"),
}  # fmt: skip


def cell(page: str, name: str) -> str:
    """The HTML of the grid cell holding the field ``name``."""
    match = re.search(rf'<td[^>]*>(?:(?!</td>).)*name="{name}"(?:(?!</td>).)*</td>', page, re.S)
    assert match, name
    return match.group(0)


def selected(page: str, name: str) -> str:
    return re.search(r'<option value="([^"]*)" selected>', cell(page, name)).group(1)


@pytest.fixture
def page(client, hubworld, workshop):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    response = client.post(url, TYPED, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_a_preview_with_problems_saves_nothing(page, workshop):
    assert "Nothing was saved" in page and 'id="confirm"' not in page
    assert not Stream.objects.filter(title__in=["Wood chips", "Waste oil", "Steam"]).exists()
    assert not workshop.streams.exists()
    assert not AuditEvent.objects.filter(verb="workshop-capture").exists()


def test_every_typed_row_and_cell_comes_back_as_entered(page):
    assert 'name="title-0" value="Wood chips"' in page
    assert 'name="quantity-0" value="12"' in page and selected(page, "unit-0") == "t"
    assert selected(page, "organisation_ref-0") == "ORG-VARME"
    assert selected(page, "organisation_ref-1") == "ORG-FJORD"
    assert 'name="title-1" value="Waste oil"' in page
    assert 'name="quantity-1" value="lots"' in page and selected(page, "unit-1") == "m3"
    assert selected(page, "unit-2") == "kg"  # a row without a title is kept as typed too
    assert selected(page, "direction-3") == "sideways"  # kept even though it is no choice
    assert selected(page, "category-3") == "heat" and selected(page, "period-3") == "month"
    assert 'name="quantity-3" value="4"' in page and selected(page, "unit-3") == "GWh"
    assert 'name="rows" value="10"' in page and 'name="title-9"' in page


def test_each_problem_is_shown_at_its_row_and_cell(page):
    quantity = cell(page, "quantity-1")
    assert 'class="has-error"' in quantity and "is not a number" in quantity
    assert 'aria-describedby="quantity-1-error"' in quantity
    direction = cell(page, "direction-3")
    assert 'class="has-error"' in direction and 'aria-invalid="true"' in direction
    assert 'id="grid-row-1" class="has-problem"' in page
    assert 'id="grid-row-3" class="has-problem"' in page
    assert 'id="grid-row-0">' in page and 'class="has-error"' not in cell(page, "title-0")
    assert "Row 2, Quantity:" in page and "Row 4, Direction:" in page


def test_fixing_the_cells_and_previewing_again_offers_to_save(client, page, workshop):
    fixed = TYPED | {"quantity-1": "3", "direction-3": "offer"}
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    again = client.post(url, fixed, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="confirm"' in again and "Nothing was saved" not in again
    client.post(url, {"confirm": "1"})
    assert set(workshop.streams.values_list("title", flat=True)) == {
        "Wood chips", "Waste oil", "Steam"}  # fmt: skip


def test_the_grid_maps_template_rows_back_to_grid_rows():
    def P(row, column):  # noqa: N802 - stands for the importer's Problem
        return Problem("streams.csv", row, column, "bad {x}", {"x": 1})

    rows = [dict.fromkeys(grid.COLUMNS, "") for _n in range(4)]
    rows[1]["title"], rows[3]["quantity"] = "a", "b"
    built = grid.build(rows, [], [P(2, "title"), P(3, "ewc_code"), P(9, "title")])
    assert built[1]["cells"][3]["errors"] == ["bad 1"]
    assert built[3]["problems"] == ["bad 1"] and not built[0]["has_problem"]


def test_units_are_chosen_from_a_list_that_reads_as_words(client, hubworld, workshop):
    from symbiose.facilitation.tests.conftest import login

    login(client, hubworld.facilitator)
    client.cookies["django_language"] = "nb"
    html = client.get(f"/hub/testpark/workshops/{workshop.pk}/").content.decode()
    assert '<select name="unit-0"' in html and 'name="unit-0" value' not in html
    assert '<option value="t">tonn</option>' in html and '<option value="m3">m³</option>' in html


def test_the_import_preview_says_what_will_be_saved_in_words(client, hubworld, workshop):
    from symbiose.facilitation.tests.conftest import login

    login(client, hubworld.facilitator)
    client.cookies["django_language"] = "nb"
    url = reverse("facilitation:workshop-import", args=["testpark", workshop.pk])
    typed = {"grid": "1", "rows": "1", "organisation_ref-0": "ORG-VARME", "direction-0": "offer",
             "category-0": "material", "title-0": "Treflis", "quantity-0": "12,5",
             "unit-0": "t", "period-0": "month"}  # fmt: skip
    html = client.post(url, typed).content.decode()
    assert "Dette lagres" in html and ">ny<" in html
    assert "tilbud · materiale: <strong>Treflis</strong> · 150 tonn/år" in html
