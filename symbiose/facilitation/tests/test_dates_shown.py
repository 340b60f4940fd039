"""Facilitation pages write dates as the page's language does ("01.03.2026" in Norwegian,
"1 Mar 2026" in English), never as the ISO "2026-03-01" a form takes (docs/conventions.md,
"Text and languages"). Seen on the hub dashboard: "siden 2026-12-07"."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from symbiose.facilitation.actions import do_save_workshop

TEMPLATES = Path(__file__).resolve().parents[2]
#: A date filter with a fixed ISO pattern, in text a person reads (not ``datetime="…"``).
ISO_FILTER = re.compile(r"""\|date:["']Y-m-d""")


@pytest.fixture
def workshop(hubworld):
    return do_save_workshop(
        hubworld.hub,
        {"title": "Haves and wants", "date": datetime.date(2026, 3, 1), "next_steps": "Call"},
        invited=[hubworld.org],
        acting_user=hubworld.facilitator,
    )


@pytest.mark.parametrize(("lang", "day"), [("nb", "01.03.2026"), ("en", "1 Mar 2026")])
def test_a_workshop_and_the_dashboard_show_its_day_in_the_page_language(
    client, hubworld, workshop, lang, day
):
    client.force_login(hubworld.facilitator)
    client.cookies["django_language"] = lang
    for url in (reverse("facilitation:workshop", args=["testpark", workshop.pk]),
                reverse("facilitation:hub", args=["testpark"])):  # fmt: skip
        page = client.get(url).content.decode()
        assert "Haves and wants" in page, url
        assert day in page and "2026-03-01" not in page, url


def test_no_template_writes_a_date_for_people_in_iso_form():
    found = [f"{path.relative_to(TEMPLATES)}:{n}"
             for path in sorted(TEMPLATES.glob("*/templates/**/*.html"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if ISO_FILTER.search(line)]  # fmt: skip
    assert not found, found
