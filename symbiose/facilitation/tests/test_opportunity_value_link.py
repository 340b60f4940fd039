"""An opportunity's page links to what its pair is worth: before, a facilitator who had
moved a match onto an opportunity lost the way to its value and its breakdown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from symbiose.facilitation.models import Opportunity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("viewer", ["facilitator", "system_facilitator"])
def test_an_opportunity_links_to_the_value_page_of_its_offer_and_need(client, hubworld, viewer):
    client.force_login(hubworld.facilitator)
    url = reverse("facilitation:opportunity-from-matches", args=["testpark"])
    client.post(url, {"pair": ["S-FJORD-HEAT|S-VARME-HEAT"], "title": "Heat to town"})
    opp = Opportunity.objects.get()
    client.force_login(getattr(hubworld, viewer))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("facilitation:opportunity", args=[opp.ref])).content.decode()
    assert "Heat to town" in page
    links = re.findall(r'<a href="(/impact/[^"]+/)">', page)
    assert links == ["/impact/S-FJORD-HEAT/S-VARME-HEAT/"]
    answer = client.get(links[0])
    assert answer.status_code == 200 and "What is it worth?" in answer.content.decode()
