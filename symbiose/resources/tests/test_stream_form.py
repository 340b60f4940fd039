"""The company's stream form takes composition rows and CRM tags, all or nothing."""

from __future__ import annotations

import pytest

from symbiose.registry.models import Stream

BASE = {
    "direction": "offer", "category": "material", "title": "Filterstøv fra ovn 2",
    "period": "year", "visibility": "public", "quantity": "1200", "unit": "t",
    "sensitive_fields": ["analysis"],
    "composition-TOTAL_FORMS": "3", "composition-INITIAL_FORMS": "0",
    "composition-MIN_NUM_FORMS": "0", "composition-MAX_NUM_FORMS": "50",
}  # fmt: skip


def rows(*triples):
    out = {}
    for i, (substance, content, unit) in enumerate(triples):
        out |= {f"composition-{i}-substance": substance, f"composition-{i}-content": content,
                f"composition-{i}-unit": unit}  # fmt: skip
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_new_stream_saves_its_rows_and_crm(client, world, lang):
    client.force_login(world.owner)
    data = {**BASE, **rows(("Ga", "120,5", "ppm"), ("SiO2", "55", "%")), "crm": ["gallium"]}
    r = client.post("/organisations/ORG-FJORD/streams/new/", data, HTTP_ACCEPT_LANGUAGE=lang)
    assert r.status_code == 302
    stream = Stream.objects.get(title="Filterstøv fra ovn 2")
    assert list(stream.composition_rows.values_list("substance", "content", "unit")) == [
        ("Ga", 120.5, "ppm"), ("SiO2", 55.0, "%"),
    ]  # fmt: skip
    assert stream.crm == ["gallium"]
    assert stream.sensitive_fields == ["analysis"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("nb", "abc er ikke et tall"), ("en", "abc is not a number")],
)
def test_a_bad_row_is_shown_at_its_cell_and_nothing_is_saved(client, world, lang, message):
    client.force_login(world.owner)
    data = {**BASE, **rows(("Ga", "12", "%"), ("Ge", "5", "kg"))}
    r = client.post("/organisations/ORG-FJORD/streams/new/", data, HTTP_ACCEPT_LANGUAGE=lang)
    assert r.status_code == 200
    page = r.content.decode()
    # the unit select refuses "kg" as a choice; the message sits in that row's cell
    assert 'id="id_composition-1-unit_error"' in page
    assert not Stream.objects.filter(title="Filterstøv fra ovn 2").exists()
    data = {**BASE, **rows(("Ga", "abc", "%"))}
    page = client.post("/organisations/ORG-FJORD/streams/new/", data,
                       HTTP_ACCEPT_LANGUAGE=lang).content.decode()  # fmt: skip
    assert 'id="id_composition-0-content_error"' in page
    cell = page.split('id="id_composition-0-content_error"')[1][:200]
    assert message in cell
    assert not Stream.objects.filter(title="Filterstøv fra ovn 2").exists()


def test_editing_shows_the_stored_rows_and_keeps_them_when_the_part_is_not_posted(client, world):
    client.force_login(world.owner)
    client.post("/organisations/ORG-FJORD/streams/new/",
                {**BASE, **rows(("Co", "0,8", "%"))})  # fmt: skip
    stream = Stream.objects.get(title="Filterstøv fra ovn 2")
    page = client.get(f"/streams/{stream.ref}/edit/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert 'value="Co"' in page and 'value="0,8"' in page
    plain = {k: v for k, v in BASE.items() if not k.startswith("composition-")}
    r = client.post(f"/streams/{stream.ref}/edit/", {**plain, "title": "Filterstøv, ovn 2"})
    assert r.status_code == 302
    assert stream.composition_rows.count() == 1
