"""The stream form's preview names a hidden owner as others will see it: "an organisation in
Kristiansand" when Kristiansand holds enough organisations not to point to the owner
(``registry.area``), else by no area, with the reason, as the help text above it says."""

from __future__ import annotations

import pytest

from symbiose.registry.actions import check_save_organisation
from symbiose.registry.area import K_ORGANISATIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "shown"), [
    ("nb", "«en organisasjon i Kristiansand», og anlegget deres bare som et område"),
    ("en", "“an organisation in Kristiansand”, and your site only as an area"),
])  # fmt: skip
def test_the_preview_names_a_hidden_owner_with_its_municipality(client, world, lang, shown):
    for i in range(K_ORGANISATIONS):
        check_save_organisation({"ref": f"ORG-KRS-{i}", "name": f"Kristiansand {i} AS",
                                 "municipality": "Kristiansand"}, acting_user=None,
                                data_source="facilitator")  # fmt: skip
    client.force_login(world.owner)
    body = client.get("/organisations/ORG-FJORD/streams/new/", HTTP_ACCEPT_LANGUAGE=lang)
    text = body.content.decode()
    assert body.status_code == 200 and 'id="preview"' in text
    assert shown in text and 'id="area-help"' not in text


@pytest.mark.parametrize(("lang", "shown", "why"), [
    ("nb", "«en organisasjon», og anlegget deres bare som et område",
     "Færre enn 3 verifiserte eller importerte organisasjoner er i Kristiansand"),
    ("en", "“an organisation”, and your site only as an area",
     "Fewer than 3 verified or imported organisations are in Kristiansand"),
])  # fmt: skip
def test_the_preview_says_why_a_lone_owner_is_named_by_no_area(client, world, lang, shown, why):
    client.force_login(world.owner)
    text = client.get("/organisations/ORG-FJORD/streams/new/",
                      HTTP_ACCEPT_LANGUAGE=lang).content.decode()  # fmt: skip
    assert shown in text and why in text and "Kristiansand»" not in text
