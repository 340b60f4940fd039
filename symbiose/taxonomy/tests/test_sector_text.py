"""Reasons name a sector in the reader's language: a NACE group or class without a Norwegian
label reads as part of its division in Norwegian, never with its English label."""

import pytest

from symbiose.taxonomy.knowledge import flow_prior, sector_profiles, sector_text
from symbiose.taxonomy.lists import load_nace
from tests.language import english_words

#: Every code a reason can name: the sector profiles', the flow prior's and every NACE code.
CODES = sorted(set(sector_profiles()) | {code for _cls, code in flow_prior()}
               | {n.code for n in load_nace()})  # fmt: skip


@pytest.mark.parametrize("code", CODES)
def test_a_sector_reads_in_norwegian_without_an_english_label(code):
    en, nb = sector_text(code)
    assert en.startswith(code) and nb.startswith(code)
    assert english_words(nb) == [], nb


def test_a_class_without_a_norwegian_label_is_named_by_its_division():
    en, nb = sector_text("16.21")
    assert "veneer" in en
    assert nb == ("16.21, del av «Produksjon av trelast og varer av tre, kork, strå og "
                  "flettematerialer, unntatt møbler»")  # fmt: skip
