"""The stream form's preview names a hidden owner as others will see it: "an organisation in
Kristiansand" when the organisation has a municipality, as the help text above it says."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "shown"), [
    ("nb", "«en organisasjon i Kristiansand», og anlegget deres bare som et område"),
    ("en", "“an organisation in Kristiansand”, and your site only as an area"),
])  # fmt: skip
def test_the_preview_names_a_hidden_owner_with_its_municipality(client, world, lang, shown):
    client.force_login(world.owner)
    body = client.get("/organisations/ORG-FJORD/streams/new/", HTTP_ACCEPT_LANGUAGE=lang)
    text = body.content.decode()
    assert body.status_code == 200 and 'id="preview"' in text
    assert shown in text
