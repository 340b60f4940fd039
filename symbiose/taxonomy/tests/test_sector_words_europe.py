"""A need that names only a kind of company is read as that sector in each language.

Half the needs of a case library name no material: "Power plant", "Feed mill", "Pig farms",
"Lead recycling", "Raw material for a toy factory". The same kinds in the languages of the
sources must reach the same NACE code, so the need takes that sector's input profile; a
phrase that names a metal as the sector's business ("Recyclage du plomb") must not read as
a material on offer.
"""

from __future__ import annotations

import pytest

from symbiose.taxonomy.classify import classify


@pytest.mark.parametrize("title, nace", [
    ("Brännvinsbränneri", "11.01"),
    ("Central termoeléctrica", "35.11"),
    ("Svinebesætning", "01.46"),
    ("Fábrica de ladrillos", "23.32"),
    ("Fábrica de cemento", "23.51"),
    ("Serres maraîchères", "01.13"),
    ("Biovergister", "35.21"),
    ("Lombricoltura", "01.48"),
    ("Wurmfarm", "01.48"),
    ("Garbarnia", "15.11"),
    ("Cervecera artesanal", "11.05"),
    ("Industriegasehersteller", "20.11"),
    ("Productor de gases industriales", "20.11"),
    ("Champignonnière", "01.13"),
    ("Tonerdefabrik", "24.42"),
    ("Blyåtervinning", "24.43"),
    ("Spielzeugfabrik", "32.40"),
    ("Fabbrica di giocattoli", "32.40"),
    ("Lelutehtaalle", "32.40"),
    ("Steenwolfabriek", "23.14"),
])  # fmt: skip
def test_kinds_of_company_are_read_as_their_sector(title, nace):
    assert nace in classify(title, direction="need").sectors


@pytest.mark.parametrize("title", ["Recyclage du plomb", "Riciclo del piombo",
                                   "Reciclaje de plomo", "Lyijyn kierrätykseen"])  # fmt: skip
def test_lead_recycling_is_a_sector_not_lead_slag(title):
    k = classify(title, direction="need")
    assert "24.43" in k.sectors
    assert not k.classes, k.classes
