"""NACE codes on pages read in the page's language: a Norwegian page never shows a group or
class label in English (SN2025's texts are not shipped), it names the level above."""

from __future__ import annotations

import re

import pytest

from symbiose.web.nacetext import nace_label, nace_text
from tests.language import english_words


def test_a_class_reads_in_english_on_english_pages_and_by_its_division_on_norwegian_ones():
    assert nace_text("24.42", "en") == "24.42 Aluminium production"
    assert nace_text("24.42", "nb") == "24.42, del av «Produksjon av metaller»"
    assert nace_text("24", "nb") == "24 Produksjon av metaller"
    assert nace_label("99.99", "nb", "kept") == "kept" and nace_text("99.99") == "99.99"


@pytest.mark.django_db
def test_the_industry_picker_answers_in_norwegian_only(client):
    client.cookies["django_language"] = "nb"
    html = client.get("/suggest/nace/", {"nace": "sagbruk"}).content.decode()
    assert "16.11" in html and "del av «" in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert not english_words(text), english_words(text)


@pytest.mark.django_db
def test_the_picker_tells_two_classes_under_one_division_apart_by_the_norwegian_word(client):
    client.cookies["django_language"] = "nb"
    html = client.get("/suggest/nace/", {"nace": "bakeri"}).content.decode()
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", html)
    assert "10.71 – bakeri, del av «Produksjon av nærings- og nytelsesmidler»" in buttons
    labels = [button.split(" – ", 1)[1] for button in buttons]
    assert len(labels) >= 2 and len(set(labels)) == len(labels)  # no two read alike
    text = re.sub(r"<[^>]+>", " ", html)
    assert not english_words(text), english_words(text)
