"""The words a search is for are quoted as the page's language quotes: «slagg» on Norwegian
pages, “slag” on English ones (the result line and the saved searches)."""

from __future__ import annotations

import pytest
from django.utils import translation

from symbiose.search.filters import describe, parse


@pytest.mark.parametrize(("lang", "shown"), [("nb", "«slagg»"), ("en", "“slagg”")])
def test_the_words_searched_for_are_quoted_in_the_pages_language(lang, shown):
    with translation.override(lang):
        filters, errors = parse({"q": "slagg", "category": "material"})
        assert errors == []
        assert describe(filters, lang)[0] == shown


@pytest.mark.django_db
def test_the_result_line_on_a_norwegian_page_uses_norwegian_quotes(client, world):
    client.force_login(world.outsider)
    body = client.get("/search/?q=slagg", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "«slagg»" in body and "“slagg”" not in body


@pytest.mark.django_db
def test_the_code_filters_label_starts_with_a_capital_like_the_others(client, world):
    client.force_login(world.outsider)
    body = client.get("/search/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<label for="s-material">Materiale</label>' in body
    assert '<label for="s-ewc">Avfallskode (EWC)</label>' in body
