"""Sign-up fills from the loaded public register: an organisation number typed at sign-up
proposes name, address and industry; once the user confirms, the organisation form after the
password step is filled in from it. The register file is a small made-up one in the
published format (``registry/tests/test_register.py``), its aluminium works given a number
that passes the mod-11 check."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.management import call_command

from symbiose.registry.tests.test_register import ENTITIES
from symbiose.web.tests.test_accounts import link_in
from tests.workers import drain

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}
NUMBER = "987654325"


@pytest.fixture
def register(tmp_path, db):
    works = {**ENTITIES[0], "organisasjonsnummer": NUMBER}
    (tmp_path / "e.json").write_text(json.dumps([works, *ENTITIES[1:]]), encoding="utf-8")
    call_command("import-register", str(tmp_path / "e.json"))


def sign_up(client, capture, data: dict, query: str = "") -> tuple:
    before = len(mail.outbox)
    with capture(execute=True):
        r = client.post(f"/accounts/signup/{query}", data, **EN)
    drain()
    return r, mail.outbox[before:]


@pytest.mark.parametrize(
    ("headers", "words"),
    [(EN, ["From the public register", "Business address", "Aluminium production"]),
     (NB, ["Fra det offentlige registeret", "Forretningsadresse",
           "24.42, del av «Produksjon av metaller»"])],
)  # fmt: skip
def test_an_organisation_number_proposes_name_address_and_industry(
    client, register, headers, words
):
    html = client.get("/accounts/signup/", {"org_number": "987 654 325"}, **headers)
    html = html.content.decode()
    assert "TESTVERK ALUMINIUM AS" in html and "Verksveien 1, 4612 Kristiansand S" in html
    assert "24.42" in html and "Kristiansand" in html
    for word in words:
        assert word in html
    assert 'name="confirm_org"' in html and f'value="{NUMBER}"' in html


@pytest.mark.parametrize(
    ("headers", "message"),
    [(EN, "check digit is wrong"), (NB, "kontrollsifferet er feil")],
)  # fmt: skip
def test_a_wrong_number_gets_a_located_message_and_no_proposal(client, register, headers, message):
    html = client.get("/accounts/signup/", {"org_number": "987654321"}, **headers)
    html = html.content.decode()
    assert 'id="lookup-error"' in html and message in html and 'aria-invalid="true"' in html
    assert "TESTVERK" not in html and 'name="confirm_org"' not in html


def test_a_number_not_in_the_register_says_so(client, register):
    html = client.get("/accounts/signup/", {"org_number": "111111111"}, **EN).content.decode()
    assert "is not in the register loaded here" in html and 'name="confirm_org"' not in html


def test_a_confirmed_number_fills_the_organisation_form_after_the_password(
    client, register, django_capture_on_commit_callbacks
):
    r, sent = sign_up(
        client, django_capture_on_commit_callbacks,
        {"email": "ny@testverk.no", "name": "Kari", "org_number": NUMBER,
         "confirm_org": "on"}, f"?org_number={NUMBER}")  # fmt: skip
    assert r.status_code == 302
    r = client.post(link_in(sent[0]), {"password": "grønn-symbiose-2026"}, **EN)
    assert r.status_code == 302 and r["Location"] == f"/organisations/new/?org_number={NUMBER}"
    form = client.get(r["Location"], **EN).content.decode()
    assert 'value="TESTVERK ALUMINIUM AS"' in form and 'value="24.42"' in form


def test_an_unconfirmed_number_is_not_used(client, register, django_capture_on_commit_callbacks):
    r, sent = sign_up(
        client, django_capture_on_commit_callbacks,
        {"email": "ny@testverk.no", "org_number": NUMBER}, f"?org_number={NUMBER}")  # fmt: skip
    r = client.post(link_in(sent[0]), {"password": "grønn-symbiose-2026"}, **EN)
    assert r["Location"] == "/organisations/new/"


def test_a_tampered_hidden_number_is_refused_not_carried(
    client, register, django_capture_on_commit_callbacks
):
    r, sent = sign_up(
        client, django_capture_on_commit_callbacks,
        {"email": "ny@testverk.no", "org_number": "12345", "confirm_org": "on"})  # fmt: skip
    assert r.status_code == 200 and not sent
    assert "must be nine digits" in r.content.decode()
