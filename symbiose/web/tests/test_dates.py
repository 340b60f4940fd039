"""Dates (and match percentages) read as each language writes them: "6 Dec 2026" and "64%" in
English, "06.12.2026" and "64 %" in Norwegian.

Django's English formats are American (12/06/2026), which a European reads as 12 June;
``symbiose/formats/en`` writes the month's name instead.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from symbiose.registry.models import Stream

DAY = dt.date(2026, 12, 6)
MOMENT = timezone.make_aware(dt.datetime(2026, 12, 6, 14, 5))
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


@pytest.mark.parametrize(
    ("lang", "fmt", "value", "expected"),
    [
        ("en", "SHORT_DATE_FORMAT", DAY, "6 Dec 2026"),
        ("en", "DATE_FORMAT", DAY, "6 December 2026"),
        ("en", "SHORT_DATETIME_FORMAT", MOMENT, "6 Dec 2026 14:05"),
        ("en", "DATETIME_FORMAT", MOMENT, "6 December 2026, 14:05"),
        ("nb", "SHORT_DATE_FORMAT", DAY, "06.12.2026"),
        ("nb", "SHORT_DATETIME_FORMAT", MOMENT, "06.12.2026 14:05"),
    ],
)
def test_a_date_is_written_day_first_in_both_languages(lang, fmt, value, expected):
    with translation.override(lang):
        text = Template(f'{{{{ value|date:"{fmt}" }}}}').render(Context({"value": value}))
    assert text == expected
    assert not US_DATE.search(text)


def test_plain_date_output_in_english_names_the_month():
    with translation.override("en"):
        text = Template("{{ day }} {{ moment }}").render(Context({"day": DAY, "moment": MOMENT}))
    assert text == "6 December 2026 6 December 2026, 14:05"


def test_english_input_still_takes_iso_dates():
    from django import forms

    with translation.override("en"):
        field = forms.DateField()
        assert field.clean("2026-12-06") == DAY


@pytest.mark.parametrize(("lang", "expected"), [("en", "6 Dec 2026"), ("nb", "06.12.2026")])
def test_my_streams_page_shows_the_confirmed_date_day_first(client, world, lang, expected):
    stream = Stream.objects.filter(organisation__ref="ORG-FJORD").order_by("ref").first()
    Stream.objects.filter(pk=stream.pk).update(confirmed_at=MOMENT)  # a fixed day to look for
    client.force_login(world.owner)
    client.cookies["django_language"] = lang
    page = client.get("/streams/").content.decode()
    assert stream.title in page
    assert expected in page
    assert not US_DATE.search(page)


@pytest.mark.parametrize(("lang", "expected"), [("nb", "64\xa0%"), ("en", "64%")])
def test_a_match_score_is_a_percentage_written_as_the_language_writes_it(lang, expected):
    with translation.override(lang):
        text = Template("{% load symbiose_web %}{{ s|percent }}").render(Context({"s": 0.638}))
    assert text == expected
